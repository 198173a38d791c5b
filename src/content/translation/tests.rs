//! Translation files: names, hashes, and what loading them reports.

use super::*;

#[test]
fn translation_files_are_named_by_a_language_code_before_the_extension() {
    let pair = |s: &str, l: &str| Some((s.to_string(), l.to_string()));
    assert_eq!(
        split("experiences/03-x.en.md"),
        pair("experiences/03-x.md", "en")
    );
    assert_eq!(split("index.sv.md"), pair("index.md", "sv"));
    assert_eq!(
        split("modules/_index.fin.md"),
        pair("modules/_index.md", "fin")
    );
    assert_eq!(split("followup.en.yaml"), pair("followup.yaml", "en"));
    assert_eq!(
        split("handouts/handouts.de.yaml"),
        pair("handouts/handouts.yaml", "de")
    );
    assert_eq!(
        split("handouts/_index.en.md"),
        pair("handouts/_index.md", "en")
    );
    // Pages and handouts whose names only look like it.
    assert_eq!(split("guide/v1.2.md"), None);
    assert_eq!(split("guide/notes.EN.md"), None);
    assert_eq!(split("guide/a.long.md"), None);
    assert_eq!(split(".en.md"), None);
    assert_eq!(split("handouts/guide.en.md"), None);
    assert_eq!(split("handouts/slides.en.pdf"), None);
    assert_eq!(split("other.en.yaml"), None);
    assert_eq!(split("experiences/03-x.md"), None);
}

#[test]
fn the_source_hash_is_the_start_of_the_sha256() {
    // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    assert_eq!(source_hash(b"abc"), "ba7816bf8f01");
    assert_eq!(
        file_name("experiences/03-x.md", "en"),
        "experiences/03-x.en.md"
    );
    assert_eq!(file_name("followup.yaml", "sv"), "followup.sv.yaml");
}

#[test]
fn a_source_hash_is_twelve_hex_digits() {
    assert_eq!(
        SourceHash::from_text("BA7816bf8f01"),
        Some(SourceHash("ba7816bf8f01".into()))
    );
    assert_eq!(SourceHash::from_text("ba7816bf8f0"), None);
    assert_eq!(SourceHash::from_text("ba7816bf8f0g"), None);
}

// ------------------------------------------------------------------ loading, in memory

use crate::content::{Handbook, from_texts};

const CONFIG: &str = "title: T\nlanguage: da\n";
const SOURCE: &str = "---\ntitle: Fælles\nsummary: Kort.\n---\n## Mål\n\nTekst.\n";

fn load(files: &[(&str, &str)]) -> (Handbook, Vec<Diagnostic>) {
    from_texts(CONFIG, files)
}

/// (message, line) of every error.
fn errors(problems: &[Diagnostic]) -> Vec<(String, usize)> {
    problems
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.message.english(), d.line))
        .collect()
}

fn has_error(problems: &[Diagnostic], part: &str, line: usize) -> bool {
    errors(problems)
        .iter()
        .any(|(m, l)| m.contains(part) && *l == line)
}

#[test]
fn a_translation_is_kept_beside_its_source_and_is_never_a_page() {
    let translated = "---\ntranslated_from: \"000000000000\"\ntitle: Shared\n---\n## Goals\n";
    let (hb, problems) = load(&[
        ("guide/x.md", SOURCE),
        ("guide/x.en.md", translated),
        ("guide/v1.2.md", "---\ntitle: Version 1.2\n---\n"),
    ]);
    assert!(errors(&problems).is_empty(), "{problems:#?}");
    let pages: Vec<&String> = hb.shared.pages.keys().collect();
    assert_eq!(pages, ["guide/v1.2.md", "guide/x.md"]);
    let translation = hb.shared.translation("guide/x.md", "en").expect("kept");
    assert_eq!(translation.file, "content/guide/x.en.md");
    let page = translation.page().expect("a page translation");
    assert_eq!(page.meta.title.as_deref(), Some("Shared"));
    assert_eq!(page.body.ids().collect::<Vec<_>>(), ["goals"]);
    // The source's hash, from its bytes; the translation names another, so it is outdated.
    assert_eq!(
        hb.shared.hashes.get("guide/x.md"),
        Some(&source_hash(SOURCE.as_bytes()))
    );
    assert_eq!(
        hb.shared.translation_status("guide/x.md", "en"),
        Status::Outdated
    );
    assert_eq!(
        hb.shared.translation_status("guide/x.md", "sv"),
        Status::Missing
    );
}

#[test]
fn a_translation_naming_the_source_hash_is_current() {
    let hash = source_hash(SOURCE.as_bytes());
    let translated = format!("---\ntranslated_from: {hash}\ntitle: Shared\n---\nText.\n");
    let (hb, problems) = load(&[("a.md", SOURCE), ("a.en.md", &translated)]);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(hb.shared.translation_status("a.md", "en"), Status::Current);
}

#[test]
fn a_translation_without_translated_from_is_outdated_with_a_warning() {
    let (hb, problems) = load(&[("a.md", SOURCE), ("a.en.md", "---\ntitle: A\n---\n")]);
    assert!(errors(&problems).is_empty(), "{problems:#?}");
    let warning = problems.iter().find(|d| !d.is_error()).expect("a warning");
    assert_eq!(warning.file.as_deref(), Some("content/a.en.md"));
    assert!(
        warning.message.english().contains("translated_from"),
        "{warning:?}"
    );
    assert!(warning.hint.as_ref().is_some_and(|h| h.contains("--stamp")));
    assert_eq!(hb.shared.translation_status("a.md", "en"), Status::Outdated);
}

#[test]
fn translation_mistakes_are_errors_at_their_lines() {
    let (_, problems) = load(&[
        ("a.md", SOURCE),
        ("a.en.md", "---\ntitle: A\ntranslated_from: \"xyz\"\n---\n"),
        ("b.md", SOURCE),
        ("b.en.md", "---\ntitle: B\nweight: 3\n---\n"),
        ("c.md", SOURCE),
        ("c.en.md", "---\ntitel: C\n---\n"),
        ("d.md", SOURCE),
        ("d.en.md", "---\ntitle: D\nduration: 1 day\n---\n"),
        ("gone.en.md", "---\ntitle: Gone\n---\n"),
        ("e.da.md", "---\ntitle: E\n---\n"),
    ]);
    assert!(
        has_error(&problems, "`translated_from: xyz` is not a source hash", 3),
        "{problems:#?}"
    );
    assert!(
        has_error(&problems, "unknown key `weight` in a translation", 3),
        "{problems:#?}"
    );
    assert!(
        has_error(&problems, "unknown key `titel` in a translation", 2),
        "{problems:#?}"
    );
    assert!(
        has_error(
            &problems,
            "`duration` is only translated on module pages",
            3
        ),
        "{problems:#?}"
    );
    assert!(
        has_error(&problems, "has no original: there is no content/gone.md", 1),
        "{problems:#?}"
    );
    assert!(
        has_error(&problems, "the handbook's own language", 1),
        "{problems:#?}"
    );
    let hint = |part: &str| {
        problems
            .iter()
            .find(|d| d.message.english().contains(part))
            .and_then(|d| d.hint.as_ref())
            .map(crate::messages::Message::english)
            .unwrap_or_default()
    };
    assert!(hint("`weight`").contains("comes from the original, content/b.md"));
    assert!(hint("`titel`").contains("did you mean `title`?"));
}

#[test]
fn a_module_translates_its_duration_and_format() {
    let module =
        "---\ntitle: M\nduration: \"1 dag\"\nformat: Workshop\naudiences: [employees]\n---\n";
    let (hb, problems) = load(&[
        ("modules/m.md", module),
        (
            "modules/m.en.md",
            "---\ntitle: M\nduration: 1 day\nformat: Workshop\n---\n",
        ),
    ]);
    assert!(errors(&problems).is_empty(), "{problems:#?}");
    let meta = &hb
        .shared
        .translation("modules/m.md", "en")
        .unwrap()
        .page()
        .unwrap()
        .meta;
    assert_eq!(meta.duration.as_deref(), Some("1 day"));
}

#[test]
fn a_division_does_not_translate_its_own_files() {
    let (_, problems) = load(&[
        ("a.md", SOURCE),
        ("divisions/uk/division.yaml", "name: UK\nlanguage: en\n"),
        ("divisions/uk/a.en.md", "Local.\n"),
    ]);
    let error = problems.iter().find(|d| d.is_error()).expect("an error");
    assert_eq!(error.message, "a division's own files are not translated");
    assert_eq!(error.file.as_deref(), Some("content/divisions/uk/a.en.md"));
    assert_eq!(error.division.as_deref(), Some("uk"));
}

const FOLLOWUP: &str = "title: Opfølgning\nweeks:\n  - week: 1\n    title: Hvorfor\n    meeting: Mødet\n  - week: 2\n    title: Kunder\n";
const CALENDAR: &str = "start: \"2027-01\"\nactivities:\n  - month: \"2027-01\"\n    id: kickoff\n    title: Kickoff\n    channel: event\n  - month: \"2027-02\"\n    id: kickoff\n    title: Igen\n    channel: event\n";
const CASE: &str = "segments:\n  - {name: Utilfredse, customers: 1, revenue_per_customer: 1, margin_pct: 1}\n  - {name: Tilfredse, customers: 1, revenue_per_customer: 1, margin_pct: 1}\nshift_pct: 5\n";

#[test]
fn data_translations_name_weeks_activities_and_segments_the_original_has() {
    let (hb, problems) = load(&[
        ("followup.yaml", FOLLOWUP),
        (
            "followup.en.yaml",
            "weeks:\n  - week: 1\n    title: Why\n  - week: 9\n    title: Nine\n  - week: 1\n    title: Again\n",
        ),
        ("calendar.yaml", CALENDAR),
        (
            "calendar.en.yaml",
            "activities:\n  - id: kickof\n    title: Kick-off\n",
        ),
        ("business-case.yaml", CASE),
        (
            "business-case.en.yaml",
            "segments:\n  - name: Dissatisfied\n  - name: Satisfied\n  - name: Extra\n",
        ),
    ]);
    assert!(
        has_error(&problems, "the original follow-up has no week 9", 4),
        "{problems:#?}"
    );
    assert!(
        has_error(&problems, "week 1 is translated twice", 6),
        "{problems:#?}"
    );
    assert!(
        has_error(&problems, "no shared activity has the id `kickof`", 2),
        "{problems:#?}"
    );
    assert!(
        has_error(
            &problems,
            "the activity id `kickoff` is used twice (also on line 3)",
            8
        ),
        "{problems:#?}"
    );
    assert!(
        has_error(&problems, "the original business case has 2 segments", 4),
        "{problems:#?}"
    );
    let hint = problems
        .iter()
        .find(|d| d.message.english().contains("kickof`"))
        .and_then(|d| d.hint.as_ref())
        .map(crate::messages::Message::english)
        .unwrap_or_default();
    assert!(hint.contains("did you mean `kickoff`?"), "{hint}");
    // Still kept, and read where they are right.
    let followup = hb.shared.translation("followup.yaml", "en").unwrap();
    assert_eq!(
        followup.followup().unwrap().weeks[0].title.as_deref(),
        Some("Why")
    );
}

#[test]
fn unknown_keys_in_a_data_translation_are_errors_at_their_line() {
    let (_, problems) = load(&[
        ("followup.yaml", FOLLOWUP),
        ("followup.en.yaml", "weeks:\n  - week: 1\n    kit: a.pdf\n"),
    ]);
    assert!(
        has_error(&problems, "unknown key `kit`", 3),
        "{problems:#?}"
    );
}

#[test]
fn a_reloaded_original_is_judged_as_it_is_now() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(content.join("a.md"), SOURCE).unwrap();
    let stamped = format!(
        "---\ntranslated_from: \"{}\"\ntitle: A\n---\n",
        source_hash(SOURCE.as_bytes())
    );
    std::fs::write(content.join("a.en.md"), stamped).unwrap();
    let Ok(config) = crate::config::parse(CONFIG.as_bytes()) else {
        panic!("the settings parse");
    };
    let mut diagnostics = crate::diagnostics::Diagnostics::new();
    let mut hb = crate::content::load(dir.path(), config, &mut diagnostics);
    assert_eq!(hb.shared.translation_status("a.md", "en"), Status::Current);
    // The preview reloads the edited original: its translation is now behind it.
    std::fs::write(content.join("a.md"), format!("{SOURCE}\nMere.\n")).unwrap();
    crate::content::reload_page(&mut hb, "a.md", &mut diagnostics).expect("a known page");
    assert_eq!(hb.shared.translation_status("a.md", "en"), Status::Outdated);
}
