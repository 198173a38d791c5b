//! Unit tests of the translation rules on handbooks built in memory: which text each
//! division reads, how it is marked, and how links meet a translation's own ids.

use crate::content::translation::source_hash;
use crate::content::{Handbook, from_texts};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::resolve::{PageStatus, ResolveOptions, Site, TextStatus, sites};

const CONFIG: &str = "title: T\nlanguage: da\n";
const SOURCE: &str = "---\ntitle: Fælles\nsummary: Kort.\n---\n## Mål\n\nTekst.\n";

/// A translation of `source` that names its hash (current) or another (outdated).
fn translation(source: &str, current: bool, rest: &str) -> String {
    let hash = if current {
        source_hash(source.as_bytes())
    } else {
        "000000000000".to_string()
    };
    format!("---\ntranslated_from: \"{hash}\"\n{rest}")
}

/// A handbook with a Danish and an English division besides `files`.
fn handbook(files: &[(&str, &str)]) -> Handbook {
    let mut all = vec![
        ("divisions/dk/division.yaml", "name: Danmark\n"),
        ("divisions/uk/division.yaml", "name: UK\nlanguage: en\n"),
    ];
    all.extend_from_slice(files);
    let (handbook, problems) = from_texts(CONFIG, &all);
    let errors: Vec<&Diagnostic> = problems.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "load errors: {errors:#?}");
    handbook
}

fn resolve(handbook: &Handbook) -> (Vec<Site<'_>>, Vec<Diagnostic>) {
    let mut diagnostics = Diagnostics::new();
    let sites = sites(handbook, &ResolveOptions::default(), &mut diagnostics);
    (sites, diagnostics.into_sorted())
}

fn site<'a, 'h>(sites: &'a [Site<'h>], id: &str) -> &'a Site<'h> {
    sites.iter().find(|s| s.id == Some(id)).expect("the site")
}

#[test]
fn a_division_in_another_language_reads_the_current_translation() {
    let english = translation(
        SOURCE,
        true,
        "title: Shared\nsummary: Short.\n---\n## Goals\n\nText.\n",
    );
    let hb = handbook(&[("guide/a.md", SOURCE), ("guide/a.en.md", &english)]);
    let (sites, problems) = resolve(&hb);
    assert!(problems.iter().all(|d| !d.is_error()), "{problems:#?}");
    let uk = &site(&sites, "uk").pages["guide/a.md"];
    assert_eq!((uk.title, uk.summary), ("Shared", Some("Short.")));
    assert_eq!(uk.anchors().collect::<Vec<_>>(), ["goals"]);
    assert_eq!(uk.file, "content/guide/a.en.md");
    for field in ["title", "summary", "body"] {
        assert_eq!(uk.texts.get(field), Some(TextStatus::Current), "{field}");
    }
    assert!(!uk.texts.any(TextStatus::Missing) && !uk.texts.any(TextStatus::Outdated));
    // The Danish division reads the original, with nothing to say about languages.
    let dk = &site(&sites, "dk").pages["guide/a.md"];
    assert_eq!((dk.title, dk.file), ("Fælles", "content/guide/a.md"));
    assert!(dk.texts.is_empty());
    assert_eq!(dk.anchors().collect::<Vec<_>>(), ["mål"]);
}

#[test]
fn a_translation_made_from_an_older_source_is_shown_as_outdated() {
    let english = translation(SOURCE, false, "title: Shared\n---\nText.\n");
    let hb = handbook(&[("a.md", SOURCE), ("a.en.md", &english)]);
    let (sites, _) = resolve(&hb);
    let uk = &site(&sites, "uk").pages["a.md"];
    assert_eq!(uk.title, "Shared");
    assert_eq!(uk.texts.get("title"), Some(TextStatus::Outdated));
    // Its summary is not translated: the original's, marked missing.
    assert_eq!(uk.summary, Some("Kort."));
    assert_eq!(uk.texts.get("summary"), Some(TextStatus::Missing));
    assert!(uk.texts.any(TextStatus::Missing) && uk.texts.any(TextStatus::Outdated));
}

#[test]
fn without_a_translation_the_original_is_shown_and_marked_missing() {
    let hb = handbook(&[("a.md", SOURCE)]);
    let (sites, _) = resolve(&hb);
    let uk = &site(&sites, "uk").pages["a.md"];
    assert_eq!((uk.title, uk.file), ("Fælles", "content/a.md"));
    for field in ["title", "summary", "body"] {
        assert_eq!(uk.texts.get(field), Some(TextStatus::Missing), "{field}");
    }
}

#[test]
fn a_division_s_own_texts_are_never_translated() {
    let english = translation(SOURCE, true, "title: Shared\n---\n## Goals\n\nText.\n");
    let hb = handbook(&[
        ("a.md", SOURCE),
        ("a.en.md", &english),
        ("b.md", SOURCE),
        ("b.en.md", &english.replace("Shared", "B shared")),
        ("divisions/uk/a.md", "## Goals\n\nOur plan.\n"),
        (
            "divisions/uk/b.md",
            "---\ntitle: Ours\nreplace: true\n---\nOwn.\n",
        ),
        ("divisions/uk/own.md", "---\ntitle: Own page\n---\nOwn.\n"),
    ]);
    let (sites, problems) = resolve(&hb);
    assert!(problems.iter().all(|d| !d.is_error()), "{problems:#?}");
    let uk = site(&sites, "uk");
    let a = &uk.pages["a.md"];
    assert_eq!(a.status, PageStatus::LocalSection);
    assert_eq!(a.title, "Shared");
    // The local section's heading ids keep clear of the translation's.
    let section = a.local_section.expect("a local section");
    assert_eq!(section.body.ids().collect::<Vec<_>>(), ["goals-1"]);
    let b = &uk.pages["b.md"];
    assert_eq!((b.status, b.title), (PageStatus::Replaced, "Ours"));
    assert_eq!((b.texts.get("title"), b.texts.get("body")), (None, None));
    // Without a summary of its own, the replacement shows the shared one: settled too.
    assert_eq!(b.summary, Some("Kort."));
    assert_eq!(b.texts.get("summary"), Some(TextStatus::Missing));
    assert!(uk.pages["own.md"].texts.is_empty());
}

#[test]
fn links_name_the_translation_s_ids_and_an_id_only_the_original_has_is_reported() {
    let english = translation(SOURCE, true, "title: Shared\n---\n## Goals\n\nText.\n");
    let linking = "---\ntitle: Links\n---\n[ok](a.md#goals) [old](a.md#mål)\n";
    let hb = handbook(&[
        ("a.md", SOURCE),
        ("a.en.md", &english),
        ("links.md", linking),
    ]);
    let (_, problems) = resolve(&hb);
    let errors: Vec<&Diagnostic> = problems.iter().filter(|d| d.is_error()).collect();
    // In Danish `#goals` is wrong; in English `#mål` is: each reported for its division.
    let goals = errors
        .iter()
        .find(|d| d.message.english().contains("#goals"))
        .expect("#goals reported");
    assert_eq!(goals.division.as_deref(), Some("dk"));
    let mal = errors
        .iter()
        .find(|d| d.message.english().contains("#mål"))
        .expect("#mål reported");
    assert_eq!(mal.division.as_deref(), Some("uk"));
    assert!(
        mal.message.english().contains("only its original has it"),
        "{mal:?}"
    );
    let hint = mal
        .hint
        .as_ref()
        .map(crate::messages::Message::english)
        .unwrap_or_default();
    assert!(
        hint.contains("content/a.en.md") && hint.contains("{#mål}"),
        "{hint}"
    );
    assert_eq!(
        (mal.file.as_deref(), mal.line),
        (Some("content/links.md"), 4)
    );
}

#[test]
fn follow_up_weeks_calendar_activities_and_segments_are_translated() {
    let followup = "title: Opfølgning\nweeks:\n  - week: 1\n    title: Hvorfor\n    meeting: Mødet\n    note: Noten\n  - week: 2\n    title: Kunder\n";
    let calendar = "title: Plan\nstart: \"2027-01\"\nactivities:\n  - month: \"2027-01\"\n    id: kickoff\n    title: Kickoff\n    channel: event\n    campaign: Løftet\n  - month: \"2027-01\"\n    title: Uden id\n    channel: event\n";
    let case = "segments:\n  - {name: Utilfredse, customers: 10, revenue_per_customer: 1, margin_pct: 1}\n  - {name: Tilfredse, customers: 1, revenue_per_customer: 2, margin_pct: 1}\nshift_pct: 5\n";
    let followup_en = format!(
        "translated_from: \"{}\"\ntitle: Follow-up\nweeks:\n  - week: 1\n    title: Why\n    meeting: The meeting\n",
        source_hash(followup.as_bytes())
    );
    let calendar_en =
        "activities:\n  - id: kickoff\n    title: Kick-off\n    campaign: The promise\n";
    let case_en = format!(
        "translated_from: \"{}\"\nsegments:\n  - name: Dissatisfied\n",
        source_hash(case.as_bytes())
    );
    let hb = handbook(&[
        ("followup.yaml", followup),
        ("followup.en.yaml", &followup_en),
        ("calendar.yaml", calendar),
        ("calendar.en.yaml", calendar_en),
        ("business-case.yaml", case),
        ("business-case.en.yaml", &case_en),
    ]);
    let (sites, _) = resolve(&hb);
    let uk = site(&sites, "uk");
    let followup = uk.followup.as_ref().unwrap();
    assert_eq!(followup.title, Some("Follow-up"));
    let week = &followup.weeks[0];
    let meeting = week.meeting.as_ref().map(|m| m.as_str());
    assert_eq!((week.title, meeting), ("Why", Some("The meeting")));
    assert_eq!(week.note.as_ref().map(|n| n.as_str()), Some("Noten"));
    assert_eq!(
        week.meeting.as_ref().unwrap().file,
        "content/followup.en.yaml"
    );
    assert_eq!(week.note.as_ref().unwrap().file, "content/followup.yaml");
    assert_eq!(week.texts.get("title"), Some(TextStatus::Current));
    assert_eq!(week.texts.get("note"), Some(TextStatus::Missing));
    assert_eq!(
        followup.weeks[1].texts.get("title"),
        Some(TextStatus::Missing)
    );
    let calendar = uk.calendar.as_ref().unwrap();
    let kickoff = calendar.activities.iter().find(|a| a.index == 0).unwrap();
    assert_eq!(
        (kickoff.title, kickoff.campaign),
        ("Kick-off", Some("The promise"))
    );
    // No `translated_from`: outdated. An activity without an id cannot be translated.
    assert_eq!(kickoff.texts.get("title"), Some(TextStatus::Outdated));
    let other = calendar.activities.iter().find(|a| a.index == 1).unwrap();
    assert_eq!(
        (other.title, other.texts.get("title")),
        ("Uden id", Some(TextStatus::Missing))
    );
    let case = uk.business_case.as_ref().unwrap();
    let names: Vec<(&str, Option<TextStatus>)> =
        case.names.iter().map(|n| (n.text, n.status)).collect();
    assert_eq!(
        names,
        [
            ("Dissatisfied", Some(TextStatus::Current)),
            ("Tilfredse", Some(TextStatus::Missing))
        ]
    );
    assert_eq!(
        (case.shifts[0].from.as_str(), case.shifts[0].to.as_str()),
        ("Dissatisfied", "Tilfredse")
    );
    // The Danish division reads every one of them in Danish.
    let dk = site(&sites, "dk");
    assert_eq!(dk.followup.as_ref().unwrap().weeks[0].title, "Hvorfor");
    assert!(dk.followup.as_ref().unwrap().weeks[0].texts.is_empty());
    assert_eq!(
        dk.business_case.as_ref().unwrap().shifts[0].from,
        "Utilfredse"
    );
}

#[test]
fn module_facts_and_generated_titles_follow_the_translation() {
    let module = "---\ntitle: Modul\nduration: \"1 dag\"\nformat: Workshop\n---\nTekst.\n";
    let english = translation(module, true, "title: Module\nduration: 1 day\n---\nText.\n");
    let section = "---\ntitle: Moduler\n---\n";
    let section_en = translation(section, true, "title: Modules\n---\n");
    let hb = handbook(&[
        ("modules/m.md", module),
        ("modules/m.en.md", &english),
        ("guide/_index.md", section),
        ("guide/_index.en.md", &section_en),
        ("guide/x.md", SOURCE),
    ]);
    let (sites, _) = resolve(&hb);
    let uk = site(&sites, "uk");
    let facts = &uk.pages["modules/m.md"].facts;
    assert_eq!(
        (facts.duration, facts.format),
        (Some("1 day"), Some("Workshop"))
    );
    assert_eq!(
        uk.pages["modules/m.md"].texts.get("format"),
        Some(TextStatus::Missing)
    );
    let guide = uk.generated("guide/").expect("the guide's section page");
    assert_eq!(guide.title, crate::resolve::Title::Text("Modules".into()));
}

#[test]
fn handout_titles_come_from_the_translation_of_handouts_yaml() {
    let titles = "translated_from: \"000000000000\"\nhandouts:\n  - file: kit/uge-1.pdf\n    title: Meeting pack, week 1\n  - file: kit/gone.pdf\n    title: Gone\n";
    let hb = handbook(&[
        (
            "handouts/handouts.yaml",
            "- {file: kit/uge-1.pdf, title: Mødepakke uge 1}\n- {file: kit/uge-2.pdf, title: Mødepakke uge 2}\n",
        ),
        ("handouts/handouts.en.yaml", titles),
        ("handouts/kit/uge-1.pdf", "%PDF"),
        ("handouts/kit/uge-2.pdf", "%PDF"),
        ("handouts/kit/uge-3.pdf", "%PDF"),
    ]);
    let (sites, _) = resolve(&hb);
    let uk = site(&sites, "uk");
    let title = uk.handout_titles["handouts/kit/uge-1.pdf"];
    assert_eq!(
        (title.text, title.status),
        ("Meeting pack, week 1", Some(TextStatus::Outdated))
    );
    let untranslated = uk.handout_titles["handouts/kit/uge-2.pdf"];
    assert_eq!(
        (untranslated.text, untranslated.status),
        ("Mødepakke uge 2", Some(TextStatus::Missing))
    );
    assert_eq!(
        uk.handout_titles.len(),
        2,
        "only titled handouts the site has"
    );
    assert!(site(&sites, "dk").handout_titles.is_empty());
}
