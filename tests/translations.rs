//! Shared content translated per division (issue 15): a division whose language differs
//! from the handbook's reads every shared text in its language where a translation
//! exists, is told where one is missing or behind its original, and no division reads a
//! translation that is not in its language (search data included).

mod common;

use std::io::Read;

use common::{Fixture, Run, main_text, select, text_of, tree};

/// The translations of the fixture that are up to date once stamped (alpha.en.md stays
/// outdated on purpose).
const CURRENT: [&str; 5] = [
    "content/index.en.md",
    "content/experiences/01-forste.en.md",
    "content/followup.en.yaml",
    "content/calendar.en.yaml",
    "content/business-case.en.yaml",
];

fn stamp(fixture: &Fixture, files: &[&str]) -> Run {
    let mut args = vec!["translations", "--stamp"];
    args.extend_from_slice(files);
    fixture.run(&args)
}

/// The fixture with its current translations stamped, built.
fn built() -> (Fixture, Run) {
    let fixture = Fixture::copy("translations");
    stamp(&fixture, &CURRENT).assert_ok();
    let run = fixture.build();
    run.assert_ok();
    (fixture, run)
}

fn html_lang(run: &Run, path: &str) -> String {
    let page = run.html(path);
    select(&page, "html")[0]
        .value()
        .attr("lang")
        .unwrap_or_default()
        .to_string()
}

/// The texts of the elements `css` selects, with their `lang` attribute.
fn with_lang(run: &Run, path: &str, css: &str) -> Vec<(String, Option<String>)> {
    let page = run.html(path);
    select(&page, css)
        .iter()
        .map(|e| {
            (
                text_of(e).trim().to_string(),
                e.value().attr("lang").map(str::to_string),
            )
        })
        .collect()
}

fn notices(run: &Run, path: &str) -> Vec<String> {
    let page = run.html(path);
    select(&page, "main .translation-notice")
        .iter()
        .map(|e| e.value().attr("class").unwrap_or_default().to_string())
        .collect()
}

#[test]
fn a_division_reads_the_current_translation_in_its_own_language() {
    let (_fixture, run) = built();
    let path = "uk/experiences/01-forste/index.html";
    assert_eq!(html_lang(&run, path), "en");
    assert_eq!(
        with_lang(&run, path, "main h1"),
        [("First experience".to_string(), None)]
    );
    let text = main_text(&run, path);
    assert!(text.contains("MARKER-EN-FIRST") && !text.contains("MARKER-DA-FIRST"));
    assert!(
        notices(&run, path).is_empty(),
        "a current translation has no notice"
    );
    // Heading ids are the translation's own ({#mål} kept on purpose, `how` its own), and
    // the local section's keep clear of them.
    let page = run.html(path);
    let ids: Vec<&str> = select(&page, "main h2[id]")
        .iter()
        .filter_map(|h| h.value().attr("id"))
        .collect();
    assert!(ids.contains(&"mål") && ids.contains(&"how"), "{ids:?}");
    assert!(
        ids.contains(&"goals"),
        "the local section's own heading: {ids:?}"
    );
    assert!(text.contains("MARKER-UK-LOCAL"));
    // The English front page links to the translated page's anchors.
    let front = run.html("uk/index.html");
    let hrefs: Vec<&str> = select(&front, "main .prose a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        hrefs,
        [
            "experiences/01-forste/index.html#mål",
            "modules/alpha/index.html#contents"
        ]
    );
}

#[test]
fn the_division_in_the_handbook_s_language_reads_the_originals_without_notices() {
    let (_fixture, run) = built();
    let path = "dk/experiences/01-forste/index.html";
    assert_eq!(html_lang(&run, path), "da");
    assert_eq!(
        with_lang(&run, path, "main h1"),
        [("Første erfaring".to_string(), None)]
    );
    assert!(main_text(&run, path).contains("MARKER-DA-FIRST"));
    assert!(notices(&run, path).is_empty());
    let page = run.html(path);
    assert!(select(&page, "[lang]").len() == 1, "only <html> has a lang");
}

#[test]
fn an_outdated_translation_is_shown_with_a_notice() {
    let (_fixture, run) = built();
    let path = "uk/modules/alpha/index.html";
    assert!(main_text(&run, path).contains("MARKER-EN-ALPHA"));
    // Its format is not translated: both notices.
    assert_eq!(
        notices(&run, path),
        [
            "translation-notice translation-notice--missing",
            "translation-notice translation-notice--outdated"
        ]
    );
    let page = run.html(path);
    let notice = text_of(&select(&page, "main .translation-notice--outdated")[0]);
    assert!(
        notice.contains("The original has changed since"),
        "{notice}"
    );
    // The translated fact is shown, the untranslated one marked as Danish.
    let facts = with_lang(&run, path, "main .facts dd");
    assert_eq!(
        facts[facts.len() - 2..],
        [
            ("2 hours".to_string(), None),
            ("Workshop".to_string(), Some("da".to_string()))
        ]
    );
}

#[test]
fn a_missing_translation_shows_the_original_marked_danish_with_a_notice() {
    let (_fixture, run) = built();
    let path = "uk/experiences/02-anden/index.html";
    assert_eq!(html_lang(&run, path), "en", "the page is the division's");
    assert_eq!(
        with_lang(&run, path, "main h1"),
        [("Anden erfaring".to_string(), Some("da".to_string()))]
    );
    let prose = with_lang(&run, path, "main .prose");
    assert_eq!(prose[0].1.as_deref(), Some("da"));
    assert!(prose[0].0.contains("MARKER-DA-SECOND"));
    assert_eq!(
        notices(&run, path),
        ["translation-notice translation-notice--missing"]
    );
    let page = run.html(path);
    let notice = text_of(&select(&page, "main .translation-notice")[0]);
    assert!(
        notice.contains("Not everything here is translated yet"),
        "{notice}"
    );
    // The sidebar names it in Danish, marked so; the translated one in English.
    let nav = with_lang(&run, path, "#hb-nav .nav__label");
    assert!(
        nav.contains(&("Anden erfaring".to_string(), Some("da".to_string()))),
        "{nav:?}"
    );
    assert!(
        nav.contains(&("First experience".to_string(), None)),
        "{nav:?}"
    );
}

#[test]
fn weeks_activities_and_segments_read_in_the_division_s_language() {
    let (_fixture, run) = built();
    let weeks = with_lang(
        &run,
        "uk/followup/index.html",
        "main .week__title span:last-child",
    );
    assert_eq!(
        weeks,
        [
            ("Why".to_string(), None),
            ("Kunderne".to_string(), Some("da".to_string()))
        ]
    );
    let followup = main_text(&run, "uk/followup/index.html");
    assert!(followup.contains("MARKER-EN-WEEK1") && followup.contains("MARKER-DA-WEEK2"));
    assert_eq!(
        notices(&run, "uk/followup/index.html"),
        ["translation-notice translation-notice--missing"]
    );
    let activities = with_lang(&run, "uk/calendar/index.html", "main .activity__title span");
    assert!(activities.contains(&("Kick-off at the all-hands meeting".to_string(), None)));
    assert!(activities.contains(&("Nyhedsbrev uden id".to_string(), Some("da".to_string()))));
    let segments = with_lang(&run, "uk/business-case/index.html", "main tbody th");
    assert_eq!(segments[0], ("Dissatisfied-EN".to_string(), None));
    // Every text read in English in the calendar feeds too; Danish for the Danish division.
    let ics = run.text("uk/calendar.ics");
    assert!(
        ics.contains("SUMMARY:Kick-off at the all-hands meeting"),
        "{ics}"
    );
    assert!(ics.contains("MARKER-EN-KICKOFF"));
    let weeks_ics = run.text("uk/followup.ics");
    assert!(weeks_ics.contains("SUMMARY:Week 1: Why"), "{weeks_ics}");
    assert!(
        run.text("dk/calendar.ics")
            .contains("SUMMARY:Kickoff på fællesmødet")
    );
}

#[test]
fn the_print_page_reads_like_the_pages() {
    let (_fixture, run) = built();
    let path = "uk/print/index.html";
    let text = main_text(&run, path);
    for marker in [
        "MARKER-EN-FIRST",
        "MARKER-EN-ALPHA",
        "MARKER-EN-WEEK1",
        "MARKER-DA-SECOND",
    ] {
        assert!(text.contains(marker), "{marker}");
    }
    let page = run.html(path);
    let chapter = select(&page, "#kap-experiences-02-anden")[0];
    let title = select(&page, "#kap-experiences-02-anden-title span")[0];
    assert_eq!(title.value().attr("lang"), Some("da"));
    assert!(text_of(&chapter).contains("Not everything here is translated yet"));
}

#[test]
fn the_report_and_the_command_say_which_translations_are_current() {
    let (fixture, run) = built();
    let report: serde_json::Value = serde_json::from_str(&run.text("report/report.json")).unwrap();
    let en = &report["translations"]["en"];
    assert_eq!(en["experiences/01-forste.md"], "current");
    assert_eq!(en["modules/alpha.md"], "outdated");
    assert_eq!(en["experiences/02-anden.md"], "missing");
    assert_eq!(en["followup.yaml"], "current");
    let html = run.html("report/index.html");
    let row = text_of(&select(&html, "#translations-en")[0]);
    assert!(row.contains("modules/alpha.md"), "{row}");
    // The command lists the same, in text and in JSON.
    let listed = fixture.run(&["translations", "--format", "json"]);
    listed.assert_ok();
    let json: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    assert_eq!(json["en"]["modules/alpha.md"]["status"], "outdated");
    assert_eq!(
        json["en"]["modules/alpha.md"]["translation"],
        "modules/alpha.en.md"
    );
    let text = fixture.run(&["translations"]);
    text.assert_ok();
    assert!(
        text.stdout
            .starts_with("en (division uk): 5 current, 1 outdated, 1 missing\n"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout
            .contains("  outdated  content/modules/alpha.en.md\n"),
        "{}",
        text.stdout
    );
}

/// The bytes of a file, unpacked when it is gzip (pagefind's index and fragments).
fn readable(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .expect("gzip unpacks");
        return String::from_utf8_lossy(&out).into_owned();
    }
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every marker of `markers` found in any file of the division's output, search data
/// included, with the file it is in.
fn found_in(run: &Run, division: &str, markers: &[&str]) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (path, bytes) in tree(&run.out.join(division)) {
        let text = readable(&bytes);
        for marker in markers {
            if text.contains(marker) {
                found.push((path.clone(), marker.to_string()));
            }
        }
    }
    found
}

#[test]
fn a_translation_never_reaches_a_division_of_another_language() {
    let fixture = Fixture::copy("translations");
    // A third language: German labels (the English ones will do) and a German division.
    let labels = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n/en.yaml"),
    )
    .unwrap();
    fixture.write("themes/default/i18n/de.yaml", &labels);
    fixture.write(
        "content/divisions/de/division.yaml",
        "name: DE\nlanguage: de\n",
    );
    fixture.write(
        "content/experiences/01-forste.de.md",
        "---\ntitle: Erste Erfahrung MARKER-DE-TITLE\n---\n## Ziele {#mål}\n\nMARKER-DE-FIRST\n",
    );
    stamp(&fixture, &CURRENT).assert_ok();
    let run = fixture.build();
    run.assert_ok();
    assert!(
        run.exists("dk/pagefind/pagefind-entry.json"),
        "search is built"
    );
    let english = [
        "MARKER-EN-FIRST",
        "MARKER-EN-SUMMARY",
        "MARKER-EN-FRONT",
        "MARKER-EN-ALPHA",
        "MARKER-EN-WEEK1",
        "MARKER-EN-KICKOFF",
        "Dissatisfied-EN",
        "MARKER-UK-LOCAL",
    ];
    let german = ["MARKER-DE-TITLE", "MARKER-DE-FIRST"];
    let all: Vec<&str> = english.iter().chain(&german).copied().collect();
    assert_eq!(
        found_in(&run, "dk", &all),
        [],
        "the Danish division reads no translation"
    );
    assert_eq!(
        found_in(&run, "uk", &german),
        [],
        "the English division reads no German"
    );
    assert_eq!(
        found_in(&run, "de", &english),
        [],
        "the German division reads no English"
    );
    // Each reads its own, search data included.
    let uk = found_in(&run, "uk", &["MARKER-EN-FIRST"]);
    assert!(uk.iter().any(|(p, _)| p.starts_with("pagefind/")), "{uk:?}");
    let de = found_in(&run, "de", &["MARKER-DE-FIRST"]);
    assert!(de.iter().any(|(p, _)| p.starts_with("pagefind/")), "{de:?}");
    assert!(
        !run.exists("uk/pagefind-shared"),
        "the Danish shared index is not theirs"
    );
}

#[test]
fn translation_mistakes_stop_the_build_with_file_and_line() {
    let fixture = Fixture::copy("translations");
    fixture.write("content/guide/gone.en.md", "---\ntitle: Gone\n---\n");
    fixture.edit(
        "content/experiences/01-forste.en.md",
        "title: \"First experience\"",
        "title: \"First experience\"\nweight: 3",
    );
    fixture.edit("content/followup.en.yaml", "  - week: 1", "  - week: 7");
    let run = fixture.run(&["check"]);
    run.assert_code(1).assert_stderr_has(&[
        "content/guide/gone.en.md:1:1: error: this translation into `en` has no original",
        "content/experiences/01-forste.en.md:3:1: error: unknown key `weight` in a translation",
        "content/followup.en.yaml:3:11: error: the original follow-up has no week 7",
    ]);
    // The command says so too, and lists what it can.
    let listed = fixture.run(&["translations"]);
    listed.assert_code(1);
    assert!(
        listed.stdout.starts_with("en (division uk):"),
        "{}",
        listed.stdout
    );
}

#[test]
fn stamping_refuses_what_is_not_a_translation() {
    let fixture = Fixture::copy("translations");
    fixture
        .run(&["translations", "--stamp", "content/experiences/02-anden.md"])
        .assert_code(2)
        .assert_stderr_has(&["is not a translation of a shared file"]);
    fixture
        .run(&["translations", "--stamp", "content/nothing.en.md"])
        .assert_code(2)
        .assert_stderr_has(&["there is no file content/nothing.en.md"]);
    fixture.write("content/guide/gone.en.md", "---\ntitle: Gone\n---\n");
    fixture
        .run(&["translations", "--stamp", "content/guide/gone.en.md"])
        .assert_code(1)
        .assert_stderr_has(&["has no original: there is no content/guide/gone.md"]);
    fixture
        .run(&["translations", "--language", "da"])
        .assert_code(2)
        .assert_stderr_has(&["--language da is the handbook's own language"]);
}

/// The acceptance path of issue 15, on the shipped example, as a new user would go: an
/// English-speaking division, and experience 3 translated for it.
#[test]
fn a_new_user_translates_a_page_then_the_original_changes() {
    let fixture = Fixture::example();
    fixture.write(
        "content/divisions/ireland/division.yaml",
        "name: Ireland\nlanguage: en\n",
    );
    let path = "content/experiences/03-linjeledere.en.md";
    let page = "ireland/experiences/03-linjeledere/index.html";
    fixture.write(
        path,
        "---\ntitle: \"The first-line manager owns the daily follow-up\"\nsummary: \"The manager turns the training into everyday practice.\"\n---\nA course rarely changes anything by itself, MARKER-NEW-USER.\n",
    );
    let run = fixture.build();
    run.assert_ok();
    assert_eq!(html_lang(&run, page), "en");
    assert!(main_text(&run, page).contains("MARKER-NEW-USER"));
    assert_eq!(
        with_lang(&run, page, "main h1"),
        [(
            "The first-line manager owns the daily follow-up".to_string(),
            None
        )]
    );
    // Once the translator stamps it, it is current: no notice.
    stamp(&fixture, &[path]).assert_ok();
    let run = fixture.build();
    run.assert_ok();
    assert!(notices(&run, page).is_empty(), "{:?}", notices(&run, page));
    let status = |fixture: &Fixture| {
        let listed = fixture.run(&["translations", "--format", "json"]);
        listed.assert_ok();
        let json: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
        json["en"]["experiences/03-linjeledere.md"]["status"].clone()
    };
    assert_eq!(status(&fixture), "current");
    // HR edits the Danish original: the page says so, and so does the command.
    fixture.edit(
        "content/experiences/03-linjeledere.md",
        "---\n",
        "---\n# Rettet af HR.\n",
    );
    let run = fixture.build();
    run.assert_ok();
    assert_eq!(
        notices(&run, page),
        ["translation-notice translation-notice--outdated"]
    );
    assert_eq!(status(&fixture), "outdated");
    // The translator brings it up to date and stamps it: current again.
    stamp(&fixture, &[path]).assert_ok();
    assert_eq!(status(&fixture), "current");
    let run = fixture.build();
    run.assert_ok();
    assert!(notices(&run, page).is_empty());
}

/// The shipped example shows the feature: its Swedish subsidiary reads Swedish where a
/// translation exists, is told where one is behind (the masterclass) or missing.
#[test]
fn the_example_s_swedish_division_reads_its_translations() {
    let fixture = Fixture::example();
    let run = fixture.build();
    run.assert_ok();
    let page = "sverige/experiences/03-linjeledere/index.html";
    assert_eq!(html_lang(&run, page), "sv");
    assert_eq!(
        with_lang(&run, page, "main h1"),
        [(
            "Första linjens chef äger den dagliga uppföljningen".to_string(),
            None
        )]
    );
    assert!(notices(&run, page).is_empty());
    assert_eq!(
        notices(&run, "sverige/modules/masterclass/index.html"),
        ["translation-notice translation-notice--outdated"]
    );
    assert_eq!(
        notices(&run, "sverige/experiences/01-business-case/index.html"),
        ["translation-notice translation-notice--missing"]
    );
    let weeks = with_lang(
        &run,
        "sverige/followup/index.html",
        "main .week__title span:last-child",
    );
    assert_eq!(weeks[0], ("Varför gör vi det här?".to_string(), None));
    assert_eq!(weeks[2].1.as_deref(), Some("da"));
    let listed = fixture.run(&["translations"]);
    listed.assert_ok();
    assert!(
        listed
            .stdout
            .starts_with("sv (division sverige): 7 current, 1 outdated, 19 missing\n"),
        "{}",
        listed.stdout
    );
}
