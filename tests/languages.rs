//! Divisions in every language the default theme speaks: labels, `<html lang>`, dates,
//! numbers and money written the language's way, and search stemming in that language.

mod common;

use common::{Fixture, select, text_of};

/// (division id, language, skip link, the follow-up's first Monday, 1000 as money)
const LANGUAGES: [(&str, &str, &str, &str, &str); 5] = [
    (
        "dansk",
        "da",
        "Gå til indhold",
        "1. februar 2027",
        "1.000 kr.",
    ),
    (
        "svensk",
        "sv",
        "Gå till innehållet",
        "1 februari 2027",
        "1\u{a0}000\u{a0}kr",
    ),
    (
        "norsk",
        "nb",
        "Gå til innholdet",
        "1. februar 2027",
        "1\u{a0}000\u{a0}kr",
    ),
    (
        "deutsch",
        "de",
        "Zum Inhalt springen",
        "1. Februar 2027",
        "1.000\u{a0}€",
    ),
    (
        "suomi",
        "fi",
        "Siirry sisältöön",
        "1. helmikuuta 2027",
        "1\u{a0}000\u{a0}€",
    ),
];

fn built() -> common::Run {
    let fixture = Fixture::copy("plain");
    for (id, language, ..) in LANGUAGES {
        fixture.write(
            &format!("content/divisions/{id}/division.yaml"),
            &format!("name: Division {id}\nlanguage: {language}\nfollowup_start: \"2027-02-03\"\n"),
        );
    }
    let run = fixture.build();
    run.assert_ok();
    run
}

#[test]
fn a_division_in_each_language_gets_its_labels_formats_and_search_stemming() {
    let run = built();
    for (id, language, skip, monday, money) in LANGUAGES {
        let front = run.html(&format!("{id}/index.html"));
        assert_eq!(
            select(&front, &format!("html[lang={language}]")).len(),
            1,
            "{id}"
        );
        let skip_link: String = select(&front, ".skip-link").iter().map(text_of).collect();
        assert_eq!(skip_link, skip, "{id}");

        let followup = run.html(&format!("{id}/followup/index.html"));
        let start: String = select(&followup, ".callout strong")
            .iter()
            .map(text_of)
            .collect();
        assert_eq!(start, monday, "{id}: the follow-up's first Monday");

        let case = run.html(&format!("{id}/business-case/index.html"));
        let cells: Vec<String> = select(&case, "td").iter().map(text_of).collect();
        assert!(
            cells.iter().any(|cell| cell == money),
            "{id}: no cell reads {money:?} in {cells:?}"
        );

        let entry: serde_json::Value =
            serde_json::from_str(&run.text(&format!("{id}/pagefind/pagefind-entry.json"))).unwrap();
        let languages: Vec<&String> = entry["languages"].as_object().unwrap().keys().collect();
        assert_eq!(languages, [language], "{id}: the search index's language");
        assert!(
            run.exists(&format!("{id}/pagefind/wasm.{language}.pagefind")),
            "{id}: pagefind's stemmer for {language}"
        );
    }
}

#[test]
fn a_language_without_labels_is_still_refused() {
    let fixture = Fixture::copy("plain");
    fixture.write(
        "content/divisions/eesti/division.yaml",
        "name: Eesti\nlanguage: et\n",
    );
    fixture
        .build()
        .assert_code(1)
        .assert_stderr_has(&["the theme has no labels for the language `et`"]);
}
