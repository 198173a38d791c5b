//! Messages in the author's language (issue 17, item 8): diagnostics, hints and the
//! summary in the handbook's `language` (Danish here), `--lang` and HANDBOOK_LANG to
//! choose, stable English ids beside the text in `--format json`, and the report's
//! warnings from the same messages.

mod common;

use common::{Fixture, Run, main_text};

/// `handbook <args>` as a coordinator runs it: no language chosen outside handbook.yaml.
fn run_plain(fixture: &Fixture, args: &[&str]) -> Run {
    let output = fixture
        .command(args)
        .env_remove("HANDBOOK_LANG")
        .output()
        .expect("the handbook binary runs");
    fixture.finished(output)
}

/// A page with an unknown front-matter key, `titel` for `title`.
fn with_a_misspelt_key() -> Fixture {
    let fixture = Fixture::copy("plain");
    fixture.write(
        "content/guide/stavefejl.md",
        "---\ntitle: Stavefejl\ntitel: Forkert\n---\n\nTekst.\n",
    );
    fixture
}

#[test]
fn a_danish_handbook_gets_its_errors_hints_and_summary_in_danish() {
    let fixture = with_a_misspelt_key();
    let run = run_plain(&fixture, &["check"]);
    run.assert_code(1);
    run.assert_stderr_has(&[
        "content/guide/stavefejl.md:3:1: fejl: ukendt nøgle `titel`",
        "mente du `title`?",
        "(på en almindelig side)",
        "1 fejl, 0 advarsler",
    ]);
    assert!(!run.stderr.contains("unknown key"), "{}", run.stderr);

    fixture.remove("content/guide/stavefejl.md");
    let built = run_plain(&fixture, &["build", "--no-pdf"]);
    built.assert_ok();
    assert!(
        built.stderr.contains("Byggede 1 site, ") && built.stderr.contains(" sider, til "),
        "the summary in Danish: {}",
        built.stderr
    );
    let again = run_plain(&fixture, &["build", "--no-pdf"]);
    assert!(
        again
            .stderr
            .contains("Allerede ajour: intet er ændret siden sidste bygning"),
        "{}",
        again.stderr
    );
}

#[test]
fn lang_and_handbook_lang_choose_english() {
    let fixture = with_a_misspelt_key();
    for run in [
        run_plain(&fixture, &["check", "--lang", "en"]),
        fixture.run(&["check"]), // HANDBOOK_LANG=en
    ] {
        run.assert_code(1);
        run.assert_stderr_has(&[
            "error: unknown key `titel`",
            "did you mean `title`?",
            "1 error, 0 warnings",
        ]);
    }
    let refused = run_plain(&fixture, &["check", "--lang", "xx"]);
    refused.assert_code(2);
    assert!(refused.stderr.contains("da, en"), "{}", refused.stderr);
}

#[test]
fn json_keeps_the_english_ids_beside_the_text_in_the_chosen_language() {
    let fixture = with_a_misspelt_key();
    let run = run_plain(&fixture, &["check", "--format", "json"]);
    let problems = run.json();
    let problem = problems
        .iter()
        .find(|p| p["id"] == "yaml-unknown-key")
        .unwrap_or_else(|| panic!("{problems:#?}"));
    assert_eq!(problem["message"], "ukendt nøgle `titel`");
    assert_eq!(problem["hint_id"], "page-allowed-keys");
    assert!(
        problem["hint"]
            .as_str()
            .unwrap()
            .starts_with("mente du `title`?"),
        "{problem:#?}"
    );
    let english = run_plain(&fixture, &["check", "--format", "json", "--lang", "en"]).json();
    let problem = english
        .iter()
        .find(|p| p["id"] == "yaml-unknown-key")
        .unwrap();
    assert_eq!(problem["message"], "unknown key `titel`");
}

#[test]
fn an_english_or_swedish_handbook_gets_english_messages() {
    for language in ["en", "sv"] {
        let fixture = with_a_misspelt_key();
        fixture.edit(
            "handbook.yaml",
            "language: da",
            &format!("language: {language}"),
        );
        let run = run_plain(&fixture, &["check"]);
        run.assert_code(1);
        run.assert_stderr_has(&["error: unknown key `titel`", "1 error, 0 warnings"]);
    }
}

/// A warning the theme has no sentence for is shown in the report with the same
/// message as on the command line, in the handbook's language; report.json keeps
/// the English text and the id.
#[test]
fn the_report_shows_warnings_with_the_same_messages() {
    let fixture = Fixture::copy("divisions");
    let long: String = "Et langt afsnit om opfølgning. ".repeat(20_000);
    fixture.write(
        "content/guide/lang.md",
        &format!("---\ntitle: Lang side\n---\n\n{long}\n"),
    );
    // The notice is the printed handbook's: a build with its PDF.
    let run = run_plain(&fixture, &["build"]);
    run.assert_ok();
    let danish = "denne tekst er for lang til den trykte håndbog";
    assert!(run.stderr.contains(danish), "{}", run.stderr);
    let report = main_text(&run, "report/index.html");
    assert!(report.contains(danish), "{report}");
    let json: serde_json::Value =
        serde_json::from_str(&run.text("report/report.json")).expect("report.json");
    let warning = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["id"] == "pdf-text-too-long")
        .unwrap_or_else(|| panic!("{json:#}"));
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .starts_with("this text is too long for the printed handbook"),
        "{warning:#}"
    );
}

/// A command that cannot run says why in the handbook's language too.
#[test]
fn a_refused_output_folder_is_explained_in_danish() {
    let fixture = Fixture::copy("plain");
    let run = run_plain(&fixture, &["build", "--output", "content/ud"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("fejl: skriver ikke i ")
            && run
                .stderr
                .contains("den ligger i håndbogens mappe `content`"),
        "{}",
        run.stderr
    );
    let unknown = run_plain(&fixture, &["build", "--division", "nord"]);
    unknown.assert_code(2);
    assert!(
        unknown.stderr.contains("fejl: ukendt division `nord`"),
        "{}",
        unknown.stderr
    );
}

/// The hint's label under the source line is in the handbook's language as well.
#[test]
fn the_hint_under_the_source_line_is_labelled_in_danish() {
    let fixture = with_a_misspelt_key();
    let run = run_plain(&fixture, &["check"]);
    assert!(
        run.stderr.contains("  = tip: mente du `title`?"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("= help"), "{}", run.stderr);
}
