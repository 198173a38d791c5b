//! Divisions: local implementation without losing the common language.

mod common;

use common::{Fixture, main_text, select, text_of, tree_decompressed};

fn built() -> (Fixture, common::Run) {
    let fixture = Fixture::copy("divisions");
    let run = fixture.build();
    run.assert_ok();
    (fixture, run)
}

#[test]
fn a_file_at_a_shared_path_becomes_a_local_section_after_the_shared_text() {
    let (_fixture, run) = built();
    let page = run.html("alfa/experiences/01-forste/index.html");
    let section = select(&page, "main .local-section");
    assert_eq!(section.len(), 1);
    let heading = select(&page, "main .local-section h2")
        .iter()
        .map(text_of)
        .collect::<String>();
    assert!(heading.contains("Lokal implementering – Alfa"), "{heading}");
    assert!(text_of(&section[0]).contains("MARKER-ALFA-SECTION"));
    let text = main_text(&run, "alfa/experiences/01-forste/index.html");
    assert!(
        text.find("Det fælles indhold").unwrap() < text.find("MARKER-ALFA-SECTION").unwrap(),
        "local text comes after the shared text"
    );
    // Its links resolve in Alfa's tree: to Alfa's local page and Alfa's own handout.
    let hrefs: Vec<&str> = select(&page, "main .local-section a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        hrefs,
        [
            "../../guide/alfa-side/index.html",
            "../../handouts/kit/a.pdf"
        ]
    );
    // Gamma's own section, not Alfa's; no section at all for Beta.
    assert!(
        main_text(&run, "gamma/experiences/01-forste/index.html").contains("MARKER-GAMMA-SECTION")
    );
    assert!(
        select(
            &run.html("beta/experiences/01-forste/index.html"),
            ".local-section"
        )
        .is_empty()
    );
}

#[test]
fn a_local_section_title_replaces_the_default_heading() {
    let (_fixture, run) = built();
    let page = run.html("beta/experiences/02-anden/index.html");
    let heading = select(&page, "main .local-section h2")
        .iter()
        .map(text_of)
        .collect::<String>();
    assert!(heading.contains("Beta about the second"), "{heading}");
    assert_eq!(
        select(&page, "h1").iter().map(text_of).collect::<String>(),
        "Den anden erfaring",
        "the locked page keeps its title"
    );
}

#[test]
fn replace_true_replaces_the_shared_page_and_its_title_in_navigation() {
    let (_fixture, run) = built();
    let page = run.html("beta/guide/skjul/index.html");
    assert_eq!(
        select(&page, "h1").iter().map(text_of).collect::<String>(),
        "Betas egen vejledning MARKER-BETA-REPLACE"
    );
    assert!(!main_text(&run, "beta/guide/skjul/index.html").contains("Vejledningens fælles tekst"));
    let section = main_text(&run, "beta/guide/index.html");
    assert!(section.contains("Betas egen vejledning"), "{section}");
    assert!(main_text(&run, "gamma/guide/skjul/index.html").contains("Vejledningens fælles tekst"));
}

#[test]
fn replacing_a_locked_page_is_an_error_naming_both_files() {
    let fixture = Fixture::copy("divisions");
    fixture.write(
        "content/divisions/gamma/experiences/02-anden.md",
        "---\ntitle: Gammas version\nreplace: true\n---\nTekst.\n",
    );
    fixture.build().assert_code(1).assert_stderr_has(&[
        "content/divisions/gamma/experiences/02-anden.md:3:10: error",
        "the shared page content/experiences/02-anden.md is locked",
    ]);
}

#[test]
fn hidden_pages_disappear_and_shared_links_to_them_become_text() {
    let (fixture, run) = built();
    assert!(!run.exists("alfa/guide/skjul/index.html"));
    assert!(run.exists("gamma/guide/skjul/index.html"));
    let front = run.html("alfa/index.html");
    let links: Vec<String> = select(&front, "main .prose a")
        .iter()
        .map(text_of)
        .collect();
    assert!(
        !links
            .iter()
            .any(|l| l.contains("vejledningen om det skjulte")),
        "{links:?}"
    );
    assert!(
        main_text(&run, "alfa/index.html").contains("vejledningen om det skjulte"),
        "the link text stays"
    );
    let report: serde_json::Value = serde_json::from_str(&run.text("report/report.json")).unwrap();
    let alfa = &report["divisions"][0];
    assert_eq!(alfa["id"], "alfa");
    assert_eq!(alfa["pages"]["guide/skjul.md"], "hidden");
    assert_eq!(alfa["hidden_links"][0]["target"], "guide/skjul.md");
    drop(fixture);
}

#[test]
fn hiding_unknown_or_locked_pages_is_an_error() {
    let fixture = Fixture::copy("divisions");
    fixture.write(
        "content/divisions/gamma/division.yaml",
        "name: Gamma\nhide:\n  - guide/skjull.md\n  - experiences/02-anden.md\n",
    );
    fixture.build().assert_code(1).assert_stderr_has(&[
        "content/divisions/gamma/division.yaml:3:5: error",
        "`guide/skjull.md`, which is not a shared page",
        "did you mean `guide/skjul.md`?",
        "content/divisions/gamma/division.yaml:4:5: error",
        "is locked by HR and cannot be hidden",
    ]);
}

#[test]
fn local_pages_sit_in_the_division_navigation_only() {
    let (_fixture, run) = built();
    let nav = select(&run.html("alfa/guide/alfa-side/index.html"), "#hb-nav")
        .iter()
        .map(text_of)
        .collect::<String>();
    assert!(nav.contains("Alfa-siden"), "{nav}");
    assert!(!run.exists("beta/guide/alfa-side/index.html"));
}

#[test]
fn local_activities_notes_and_handouts_join_the_division_only() {
    let (_fixture, run) = built();
    let calendar = run.html("alfa/calendar/index.html");
    let local: Vec<String> = select(&calendar, "[id='2027-03'] .activity--local")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(local.len(), 1);
    assert!(local[0].contains("MARKER-ALFA-ACTIVITY"));
    assert!(select(&run.html("gamma/calendar/index.html"), ".activity--local").is_empty());
    let week = select(&run.html("alfa/followup/index.html"), "#week-1")
        .iter()
        .map(text_of)
        .collect::<String>();
    assert!(week.contains("MARKER-ALFA-NOTE"), "{week}");
    assert!(
        run.text("alfa/handouts/kit/a.pdf")
            .contains("MARKER-ALFA-HANDOUT"),
        "Alfa's handout shadows the shared one"
    );
    assert!(
        run.text("gamma/handouts/kit/a.pdf")
            .contains("shared handout a")
    );
    assert!(
        run.exists("alfa/handouts/alfa-egen.pdf") && !run.exists("gamma/handouts/alfa-egen.pdf")
    );
}

#[test]
fn shared_stories_reach_every_division_credited_and_others_stay_home() {
    let (_fixture, run) = built();
    let stories = main_text(&run, "beta/stories/index.html");
    assert!(stories.contains("Alfa-historien"), "{stories}");
    assert!(stories.contains("Alfa"), "credited");
    assert!(stories.contains("En fælles historie"));
    assert!(!stories.contains("Alfas egen historie"));
    assert!(main_text(&run, "alfa/stories/index.html").contains("Alfas egen historie"));
    let credit = select(
        &run.html("beta/stories/alfa-alfa-historie/index.html"),
        ".credit",
    )
    .iter()
    .map(text_of)
    .collect::<String>();
    assert!(credit.contains("Alfa"), "{credit}");
}

#[test]
fn share_outside_stories_is_an_error() {
    let fixture = Fixture::copy("divisions");
    fixture.write(
        "content/divisions/gamma/guide/delt.md",
        "---\ntitle: Delt\nshare: true\n---\nTekst.\n",
    );
    fixture.build().assert_code(1).assert_stderr_has(&["content/divisions/gamma/guide/delt.md:3:8: error: `share: true` is only for best-practice stories"]);
}

#[test]
fn the_division_language_chooses_labels_and_lang() {
    let (_fixture, run) = built();
    let beta = run.html("beta/experiences/02-anden/index.html");
    assert_eq!(select(&beta, "html[lang=en]").len(), 1);
    assert_eq!(
        select(&beta, ".skip-link")
            .iter()
            .map(text_of)
            .collect::<String>(),
        "Skip to content"
    );
    let alfa = run.html("alfa/index.html");
    assert_eq!(select(&alfa, "html[lang=da]").len(), 1);
}

#[test]
fn contacts_appear_on_the_front_page_and_in_the_footer() {
    let (_fixture, run) = built();
    let front = run.html("alfa/index.html");
    assert!(
        select(&front, "main .contacts")
            .iter()
            .map(text_of)
            .collect::<String>()
            .contains("Anna MARKER-ALFA-CONTACT")
    );
    let page = run.html("alfa/modules/alpha/index.html");
    assert!(
        select(&page, "footer")
            .iter()
            .map(text_of)
            .collect::<String>()
            .contains("Anna MARKER-ALFA-CONTACT")
    );
    let mail: Vec<&str> = select(&front, "main .contacts a[href^='mailto:']")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(mail, ["mailto:anna@example.dk"]);
}

#[test]
fn no_division_content_reaches_another_division() {
    let (_fixture, run) = built();
    let files = tree_decompressed(&run.out);
    for division in ["alfa", "beta", "gamma"] {
        let marker = format!("MARKER-{}", division.to_uppercase());
        let mut found_own = false;
        for (path, bytes) in &files {
            let text = String::from_utf8_lossy(bytes);
            if path.starts_with("report/") || !text.contains(&marker) {
                continue;
            }
            assert!(
                path.starts_with(&format!("{division}/")),
                "{marker} leaked into {path}"
            );
            found_own = true;
        }
        assert!(found_own, "{marker} appears in its own site");
    }
}

/// A division's folder holds exactly what its readers may see, search data included
/// (scanned decompressed): a shared page it hides or replaces is not in it, while the
/// shared pages it shows are, from a bundle indexed once for every division that shows
/// them in the same language.
#[test]
fn a_divisions_search_data_holds_only_the_pages_it_shows() {
    let fixture = Fixture::copy("divisions");
    for n in 1..=12 {
        fixture.write(
            &format!("content/guide/faelles-{n:02}.md"),
            &format!("---\ntitle: Fælles side {n}\n---\n\nFælles tekst MARKER-SHARED-{n:02}.\n"),
        );
    }
    fixture.edit(
        "content/guide/skjul.md",
        "Vejledningens fælles tekst.",
        "Vejledningens fælles tekst MARKER-HIDDEN-OR-REPLACED.",
    );
    let run = fixture.build();
    run.assert_ok();
    let files = tree_decompressed(&run.out);
    let has = |folder: &str, marker: &str| {
        files.iter().any(|(path, bytes)| {
            path.starts_with(folder) && String::from_utf8_lossy(bytes).contains(marker)
        })
    };
    // Hidden in alfa, replaced in beta, shown as written in gamma.
    assert!(has("gamma/pagefind", "MARKER-HIDDEN-OR-REPLACED"));
    assert!(!has("alfa/", "MARKER-HIDDEN-OR-REPLACED"), "alfa hides it");
    assert!(
        !has("beta/", "MARKER-HIDDEN-OR-REPLACED"),
        "beta replaces it"
    );
    assert!(has("beta/pagefind", "MARKER-BETA-REPLACE"));
    assert!(!has("alfa/", "MARKER-BETA-REPLACE") && !has("gamma/", "MARKER-BETA-REPLACE"));
    // Alfa and gamma (Danish) share one bundle of the pages both show; beta (English)
    // indexes its own.
    for division in ["alfa", "beta", "gamma"] {
        assert!(
            has(&format!("{division}/pagefind"), "MARKER-SHARED-07"),
            "{division}"
        );
    }
    let shared = "pagefind-shared-1/pagefind-entry.json";
    assert!(run.exists(&format!("alfa/{shared}")) && run.exists(&format!("gamma/{shared}")));
    assert!(!run.exists(&format!("beta/{shared}")));
    assert!(
        files
            .iter()
            .filter(|(path, _)| path.starts_with("alfa/pagefind-shared-1/fragment/"))
            .all(|(_, bytes)| !String::from_utf8_lossy(bytes).contains("MARKER-ALFA")),
        "the shared bundle holds shared pages only"
    );
    let bundles: serde_json::Value =
        serde_json::from_str(&run.text("alfa/pagefind-bundles.json")).unwrap();
    assert_eq!(
        bundles,
        serde_json::json!({ "bundles": ["pagefind-shared-1/"] })
    );
}

#[test]
fn a_shared_link_to_another_divisions_page_is_an_error_not_a_leak() {
    let fixture = Fixture::copy("divisions");
    fixture.edit(
        "content/index.md",
        "Læs [",
        "Se [Alfas side](guide/alfa-side.md). Læs [",
    );
    fixture.build().assert_code(1).assert_stderr_has(&["content/index.md:5:17: error [division beta, gamma]: `guide/alfa-side.md` leads to a page that only division alfa has"]);
}

#[test]
fn division_folders_and_settings_are_validated() {
    let fixture = Fixture::copy("divisions");
    fixture.write("content/divisions/Bad Name/division.yaml", "name: Bad\n");
    fixture.write(
        "content/divisions/gamma/division.yaml",
        "name: Gamma\nlanguge: da\n",
    );
    fixture.build().assert_code(1).assert_stderr_has(&[
        "content/divisions/Bad Name: error: `Bad Name` is not a valid division folder name",
        "content/divisions/gamma/division.yaml:2:1: error",
        "unknown key `languge`",
        "did you mean `language`?",
    ]);
    let fixture = Fixture::copy("divisions");
    fixture.remove("content/divisions/gamma/division.yaml");
    fixture
        .build()
        .assert_code(1)
        .assert_stderr_has(&["the division folder `gamma` has no division.yaml"]);
}

#[test]
fn a_missing_required_section_is_a_warning_and_an_error_with_strict() {
    let fixture = Fixture::copy("divisions");
    let run = fixture.run(&["check"]);
    run.assert_ok().assert_stderr_has(&[
        "warning",
        "division `beta` has no local section for `experiences/01-forste.md`",
    ]);
    fixture.run(&["check", "--strict"]).assert_code(1);
    let json = fixture.run(&["check", "--format", "json"]);
    json.assert_ok();
    let warning = json
        .json()
        .into_iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap_or("")
                .contains("no local section")
        })
        .unwrap();
    assert_eq!(warning["severity"], "warning");
    assert_eq!(warning["division"], "beta");
}

#[test]
fn the_report_lists_each_divisions_adaptation() {
    let (_fixture, run) = built();
    let report: serde_json::Value = serde_json::from_str(&run.text("report/report.json")).unwrap();
    let divisions = report["divisions"].as_array().unwrap();
    let ids: Vec<&str> = divisions
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["alfa", "beta", "gamma"]);
    let (alfa, beta) = (&divisions[0], &divisions[1]);
    assert_eq!(alfa["pages"]["experiences/01-forste.md"], "local-section");
    assert_eq!(alfa["pages"]["experiences/02-anden.md"], "shared");
    assert_eq!(
        alfa["local_pages"],
        serde_json::json!([
            "guide/alfa-side.md",
            "stories/alfa-historie.md",
            "stories/alfa-privat.md"
        ])
    );
    assert_eq!(alfa["local_activities"], 1);
    assert_eq!(beta["pages"]["guide/skjul.md"], "replaced");
    assert_eq!(beta["pages"]["experiences/02-anden.md"], "local-section");
    assert_eq!(
        beta["missing_required"],
        serde_json::json!(["experiences/01-forste.md"])
    );
    let warnings = report["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w["message"].as_str().unwrap().contains("not a Monday"))
    );
    let html = run.html("report/index.html");
    let missing = select(&html, "#division-beta")
        .iter()
        .map(text_of)
        .collect::<String>();
    assert!(
        missing.contains("Den første erfaring"),
        "missing pages are named by title: {missing}"
    );
}

#[test]
fn a_shared_page_changed_after_a_local_section_is_reported_stale() {
    let fixture = Fixture::copy("divisions");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let section = std::fs::File::options()
        .write(true)
        .open(
            fixture
                .root()
                .join("content/divisions/alfa/experiences/01-forste.md"),
        )
        .unwrap();
    section.set_modified(old).unwrap();
    let run = fixture.build();
    run.assert_ok();
    let report: serde_json::Value = serde_json::from_str(&run.text("report/report.json")).unwrap();
    assert_eq!(
        report["divisions"][0]["stale"],
        serde_json::json!(["experiences/01-forste.md"])
    );
    assert_eq!(
        report["divisions"][2]["stale"],
        serde_json::json!([]),
        "Gamma's section is newer than the shared page"
    );
}

#[test]
fn building_one_division_keeps_the_others_output() {
    let (fixture, run) = built();
    let before = std::fs::read(run.out.join("beta/index.html")).unwrap();
    fixture.edit(
        "content/divisions/alfa/guide/alfa-side.md",
        "Vores egen side.",
        "Vores egen side, ændret.",
    );
    fixture.run(&["build", "--division", "alfa"]).assert_ok();
    assert!(main_text(&run, "alfa/guide/alfa-side/index.html").contains("ændret"));
    assert_eq!(
        std::fs::read(run.out.join("beta/index.html")).unwrap(),
        before,
        "beta is kept as it was"
    );
}
