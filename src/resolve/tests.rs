//! Unit tests of the overlay rules and the registry of output paths, on handbooks
//! built in memory: no disk, no rendering.

use super::*;
use crate::content::{Handbook, from_texts};

const CONFIG: &str = "title: Testhåndbog\n";

fn page(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\n---\n{body}\n")
}

/// A handbook from `(path under content/, text)` pairs; it must load without errors.
fn handbook(files: &[(&str, &str)]) -> Handbook {
    let (handbook, problems) = from_texts(CONFIG, files);
    let errors: Vec<&Diagnostic> = problems.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "load errors: {errors:#?}");
    handbook
}

/// Every site of `handbook`, and the problems resolving found.
fn resolve(handbook: &Handbook) -> (Vec<Site<'_>>, Vec<Diagnostic>) {
    let mut diagnostics = Diagnostics::new();
    let sites = sites(handbook, &ResolveOptions::default(), &mut diagnostics);
    (sites, diagnostics.into_sorted())
}

fn site<'a, 'h>(sites: &'a [Site<'h>], id: &str) -> &'a Site<'h> {
    sites
        .iter()
        .find(|s| s.id == Some(id))
        .expect("the division's site")
}

fn errors(problems: &[Diagnostic]) -> Vec<String> {
    problems
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.english())
        .collect()
}

const DIVISION: &str = "name: Privat\n";

#[test]
fn a_division_file_at_a_shared_path_is_a_local_section() {
    let shared = page("Fælles sprog", "Fælles tekst.");
    let local = "Vores plan.\n";
    let hb = handbook(&[
        ("guide/sprog.md", &shared),
        ("divisions/privat/division.yaml", DIVISION),
        ("divisions/privat/guide/sprog.md", local),
    ]);
    let (sites, problems) = resolve(&hb);
    assert!(errors(&problems).is_empty(), "{problems:#?}");
    let page = &site(&sites, "privat").pages["guide/sprog.md"];
    assert_eq!(page.status, PageStatus::LocalSection);
    assert_eq!(page.title, "Fælles sprog", "the shared title leads");
    let section = page.local_section.expect("a local section");
    assert_eq!(section.file, "content/divisions/privat/guide/sprog.md");
    assert!(page.anchors().any(|a| a == LOCAL_SECTION_ID));
}

#[test]
fn replace_true_replaces_the_shared_page_and_its_title() {
    let shared = page("Fælles", "Fælles tekst.");
    let local = "---\ntitle: Vores egen\nreplace: true\n---\nEgen tekst.\n";
    let hb = handbook(&[
        ("guide/x.md", &shared),
        ("divisions/privat/division.yaml", DIVISION),
        ("divisions/privat/guide/x.md", local),
    ]);
    let (sites, problems) = resolve(&hb);
    assert!(errors(&problems).is_empty(), "{problems:#?}");
    let page = &site(&sites, "privat").pages["guide/x.md"];
    assert_eq!(page.status, PageStatus::Replaced);
    assert_eq!(page.title, "Vores egen");
    assert_eq!(page.file, "content/divisions/privat/guide/x.md");
    assert!(page.local_section.is_none());
}

#[test]
fn a_locked_page_cannot_be_replaced_or_hidden() {
    let shared = "---\ntitle: Låst\nlocked: true\n---\nTekst.\n";
    let replace = "---\nreplace: true\n---\nEgen.\n";
    let hb = handbook(&[
        ("guide/laast.md", shared),
        (
            "divisions/privat/division.yaml",
            "name: Privat\nhide:\n  - guide/laast.md\n",
        ),
        ("divisions/erhverv/division.yaml", "name: Erhverv\n"),
        ("divisions/erhverv/guide/laast.md", replace),
    ]);
    let (sites, problems) = resolve(&hb);
    let errors = errors(&problems);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("is locked by HR and cannot be hidden")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("is locked and cannot be replaced")),
        "{errors:?}"
    );
    assert!(site(&sites, "privat").pages.contains_key("guide/laast.md"));
    assert!(site(&sites, "privat").pages["guide/laast.md"].locked);
}

#[test]
fn a_hidden_page_is_absent_and_links_to_it_become_text() {
    let linking = page("Forside", "Se [den skjulte](guide/skjult.md).");
    let hidden = page("Skjult", "Tekst.");
    let hb = handbook(&[
        ("index.md", &linking),
        ("guide/skjult.md", &hidden),
        (
            "divisions/privat/division.yaml",
            "name: Privat\nhide:\n  - guide/skjult.md\n",
        ),
        ("divisions/erhverv/division.yaml", "name: Erhverv\n"),
    ]);
    let (sites, problems) = resolve(&hb);
    assert!(errors(&problems).is_empty(), "{problems:#?}");
    let privat = site(&sites, "privat");
    assert!(!privat.pages.contains_key("guide/skjult.md"));
    assert!(privat.hidden.contains("guide/skjult.md"));
    assert_eq!(privat.pages["index.md"].body_links, [LinkTarget::Text]);
    assert!(
        privat
            .hidden_links
            .contains(&("content/index.md".into(), "guide/skjult.md".into()))
    );
    let erhverv = site(&sites, "erhverv");
    assert!(matches!(
        erhverv.pages["index.md"].body_links[0],
        LinkTarget::To { .. }
    ));
}

#[test]
fn a_division_file_at_a_new_path_is_a_local_page_of_that_division_only() {
    let local = page("Vores side", "Kun hos os.");
    let hb = handbook(&[
        ("index.md", &page("Forside", "")),
        ("divisions/privat/division.yaml", DIVISION),
        ("divisions/privat/guide/egen.md", &local),
        ("divisions/erhverv/division.yaml", "name: Erhverv\n"),
    ]);
    let (sites, problems) = resolve(&hb);
    assert!(errors(&problems).is_empty(), "{problems:#?}");
    assert_eq!(
        site(&sites, "privat").pages["guide/egen.md"].status,
        PageStatus::LocalPage
    );
    assert!(!site(&sites, "erhverv").pages.contains_key("guide/egen.md"));
}

const CALENDAR: &str =
    "start: 2027-01\nactivities:\n  - month: 2027-01\n    title: Kickoff\n    channel: event\n";
const FOLLOWUP: &str =
    "weeks:\n  - week: 1\n    title: Start\n    kit: kit.pdf\n  - week: 2\n    title: Videre\n";

#[test]
fn local_activities_join_the_shared_plan_in_their_division_only() {
    let local = "activities:\n  - month: 2027-01\n    title: Lokalt møde\n    channel: meeting\n";
    let hb = handbook(&[
        ("calendar.yaml", CALENDAR),
        ("divisions/privat/division.yaml", DIVISION),
        ("divisions/privat/calendar.yaml", local),
        ("divisions/erhverv/division.yaml", "name: Erhverv\n"),
    ]);
    let (sites, problems) = resolve(&hb);
    assert!(errors(&problems).is_empty(), "{problems:#?}");
    let titles = |id| -> Vec<(&str, bool)> {
        let calendar = site(&sites, id).calendar.as_ref().expect("a calendar");
        calendar
            .activities
            .iter()
            .map(|a| (a.title, a.local))
            .collect()
    };
    assert_eq!(
        titles("privat"),
        [("Kickoff", false), ("Lokalt møde", true)]
    );
    assert_eq!(titles("erhverv"), [("Kickoff", false)]);
}

#[test]
fn follow_up_notes_attach_to_their_week_and_dates_start_on_monday() {
    let notes = "weeks:\n  - week: 2\n    note: Husk kaffe\n";
    let hb = handbook(&[
        ("followup.yaml", FOLLOWUP),
        ("handouts/kit.pdf", "%PDF"),
        (
            "divisions/privat/division.yaml",
            "name: Privat\nfollowup_start: \"2027-02-03\"\n",
        ),
        ("divisions/privat/followup.yaml", notes),
    ]);
    let (sites, problems) = resolve(&hb);
    assert!(errors(&problems).is_empty(), "{problems:#?}");
    let followup = site(&sites, "privat")
        .followup
        .as_ref()
        .expect("a follow-up");
    let notes = |n: usize| -> Vec<&str> {
        followup.weeks[n]
            .local_notes
            .iter()
            .map(|t| t.as_str())
            .collect()
    };
    assert_eq!(notes(0), Vec::<&str>::new());
    assert_eq!(notes(1), ["Husk kaffe"]);
    let monday = jiff::civil::date(2027, 2, 1);
    assert_eq!(followup.start, Some(monday));
    assert_eq!(
        followup.weeks[1].dates,
        Some((
            jiff::civil::date(2027, 2, 8),
            jiff::civil::date(2027, 2, 12)
        ))
    );
    assert_eq!(followup.weeks[0].kit.as_deref(), Some("handouts/kit.pdf"));
    assert!(
        problems
            .iter()
            .any(|d| d.message.english().contains("is not a Monday"))
    );
}

#[test]
fn a_division_handout_shadows_the_shared_one_at_the_same_path() {
    let hb = handbook(&[
        ("handouts/kit.pdf", "fælles"),
        ("divisions/privat/division.yaml", DIVISION),
        ("divisions/privat/handouts/kit.pdf", "lokal"),
        ("divisions/privat/handouts/ekstra.pdf", "kun her"),
        ("divisions/erhverv/division.yaml", "name: Erhverv\n"),
    ]);
    let (sites, _) = resolve(&hb);
    let privat = site(&sites, "privat");
    assert!(privat.files["handouts/kit.pdf"].local);
    assert_eq!(
        privat.files["handouts/kit.pdf"].source,
        "content/divisions/privat/handouts/kit.pdf"
    );
    assert!(privat.files.contains_key("handouts/ekstra.pdf"));
    let erhverv = site(&sites, "erhverv");
    assert!(!erhverv.files["handouts/kit.pdf"].local);
    assert!(!erhverv.files.contains_key("handouts/ekstra.pdf"));
}

#[test]
fn a_shared_story_appears_in_every_other_division_credited() {
    let story = "---\ntitle: Godt eksempel\nshare: true\n---\nSådan gjorde vi.\n";
    let own = page("Kun vores", "Ikke delt.");
    let hb = handbook(&[
        ("divisions/privat/division.yaml", DIVISION),
        ("divisions/privat/stories/eksempel.md", story),
        ("divisions/privat/stories/egen.md", &own),
        ("divisions/erhverv/division.yaml", "name: Erhverv\n"),
    ]);
    let (sites, problems) = resolve(&hb);
    assert!(errors(&problems).is_empty(), "{problems:#?}");
    let erhverv = site(&sites, "erhverv");
    let shared = &erhverv.pages["stories/privat-eksempel.md"];
    assert_eq!(shared.status, PageStatus::SharedStory);
    assert_eq!(shared.credit, Some(("privat", "Privat")));
    assert!(
        !erhverv.pages.keys().any(|p| p.contains("egen")),
        "an unshared story stays home"
    );
}

#[test]
fn generated_pages_are_declared_once_in_sidebar_order() {
    let hb = handbook(&[
        ("index.md", &page("Forside", "")),
        ("modules/m.md", &page("Modul", "")),
        ("followup.yaml", FOLLOWUP),
        ("calendar.yaml", CALENDAR),
        ("handouts/kit.pdf", "x"),
    ]);
    let (sites, _) = resolve(&hb);
    let keys: Vec<&str> = sites[0].generated.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "index.md",
            "handouts/",
            "modules/",
            "followup.yaml",
            "followup/week-1/",
            "followup/week-2/",
            "calendar.yaml",
            "audiences/top-management/",
            "audiences/function-managers/",
            "audiences/frontline-managers/",
            "audiences/employees/",
            "audiences/trainers/",
            "print/",
            "404.html",
            "changes/"
        ]
    );
    let followup = sites[0].generated("followup.yaml").expect("declared");
    assert!(followup.anchors.contains("week-2"));
    assert!(
        sites[0]
            .generated("calendar.yaml")
            .expect("declared")
            .anchors
            .contains("2027-12")
    );
}

/// The collisions `problems` report, as "a | b | path" of their messages.
fn collisions(problems: &[Diagnostic]) -> Vec<String> {
    problems
        .iter()
        .filter(|d| d.message.english().contains("would both be written to"))
        .map(|d| d.message.english())
        .collect()
}

#[test]
fn a_page_cannot_take_a_generated_page_or_a_reserved_path() {
    let hb = handbook(&[
        ("print.md", &page("Print", "")),
        ("followup.yaml", FOLLOWUP),
        ("followup/_index.md", &page("Opfølgning", "")),
        ("audiences/ledere/_index.md", &page("Ledere", "")),
        ("static/logo.png", "png"),
        ("sitemap.xml", "<xml/>"),
        ("modules/m.md", &page("Modul", "")),
    ]);
    let (_, problems) = resolve(&hb);
    let found = collisions(&problems);
    for expected in [
        "content/print.md and the printable handbook would both be written to `print/index.html`",
        "content/followup.yaml and content/followup/_index.md would both be written to `followup/index.html`",
        "content/audiences/ledere/_index.md and the audience pages would both be written to `audiences/ledere/index.html`",
        "content/static/logo.png and the theme's files would both be written to `static/logo.png`",
        "content/sitemap.xml and the sitemap would both be written to `sitemap.xml`",
    ] {
        assert!(
            found.iter().any(|f| f == expected),
            "missing {expected:?} in {found:#?}"
        );
    }
}

#[test]
fn two_sources_of_one_url_are_an_error_naming_both() {
    let hb = handbook(&[
        ("guide/Ordliste.md", &page("Ordliste", "")),
        ("guide/ordliste.md", &page("ordliste", "")),
        ("vejledning/side.md", &page("Side", "")),
        ("vejledning/side/index.html", "<p>statisk</p>"),
        ("x.md", &page("X", "")),
        ("x/_index.md", &page("X-mappe", "")),
    ]);
    let (_, problems) = resolve(&hb);
    let found = collisions(&problems);
    for expected in [
        "content/guide/Ordliste.md and content/guide/ordliste.md would both be written to `guide/ordliste/index.html`",
        "content/vejledning/side.md and content/vejledning/side/index.html would both be written to `vejledning/side/index.html`",
        "content/x.md and content/x/_index.md would both be written to `x/index.html`",
    ] {
        assert!(
            found.iter().any(|f| f == expected),
            "missing {expected:?} in {found:#?}"
        );
    }
    let diagnostic = problems
        .iter()
        .find(|d| d.message.english().contains("guide/ordliste"))
        .expect("reported");
    assert_eq!(
        diagnostic.file.as_deref(),
        Some("content/guide/ordliste.md")
    );
}

#[test]
fn a_division_named_report_collides_with_the_report() {
    let hb = handbook(&[
        ("divisions/report/division.yaml", "name: Rapport\n"),
        ("divisions/privat/division.yaml", DIVISION),
    ]);
    let (_, problems) = resolve(&hb);
    assert!(
        collisions(&problems).iter().any(|f| f == "content/divisions/report and the adaptation report would both be written to `report/index.html`"),
        "{problems:#?}"
    );
}

#[test]
fn a_divisions_own_story_cannot_take_a_shared_storys_name() {
    let shared = "---\ntitle: Delt\nshare: true\n---\nTekst.\n";
    let own = page("Egen", "Tekst.");
    let hb = handbook(&[
        ("divisions/alfa/division.yaml", "name: Alfa\n"),
        ("divisions/alfa/stories/x.md", shared),
        ("divisions/beta/division.yaml", "name: Beta\n"),
        ("divisions/beta/stories/alfa-x.md", &own),
    ]);
    let (sites, problems) = resolve(&hb);
    let found = collisions(&problems);
    assert!(
        found.iter().any(|f| f == "content/divisions/alfa/stories/x.md and content/divisions/beta/stories/alfa-x.md would both be written to `stories/alfa-x/index.html`"),
        "{found:#?}"
    );
    let beta = site(&sites, "beta");
    assert_eq!(
        beta.pages["stories/alfa-x.md"].status,
        PageStatus::LocalPage,
        "nothing replaced silently"
    );
    let diagnostic = problems
        .iter()
        .find(|d| d.message.english().contains("alfa-x"))
        .expect("reported");
    assert_eq!(diagnostic.division.as_deref(), Some("beta"));
}

// ---------------------------------------------------------------- random input

use proptest::prelude::*;

/// Text made of what YAML, front matter and Markdown treat specially, words the handbook
/// knows, and odd characters.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "---\n",
        "title: ",
        "weeks:\n",
        "  - week: 1\n",
        "    title: x\n",
        "kit: ",
        "modules: [",
        "]",
        "experiences: [1, 2]",
        "audiences: [trainers]",
        "handouts: [a.pdf]",
        "[link](",
        "@/index.md",
        "#anker",
        ")",
        "../",
        "\n",
        "\n\n",
        "## ",
        "- ",
        "> ",
        "`",
        "```\n",
        "*",
        "_",
        "<div>",
        "</div>",
        "<script>",
        "&amp;",
        "{{ x }}",
        "{% if %}",
        "\u{0}",
        "\u{1b}[2J",
        "æøå",
        "\u{202e}",
        "ÿ",
        "\t",
        ": ",
        "'",
        "\"",
        "|---|",
        "| a |",
        "[^1]",
        "[^1]: fod",
        "![alt](b.png)",
        "\\",
        "1. ",
        "0x10",
        "-1",
        "99999999999999999999",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever HR or a division writes, loading and resolving report problems; they
    /// never panic.
    #[test]
    fn random_content_never_panics(
        page in hostile_text(),
        data in hostile_text(),
        local in hostile_text(),
    ) {
        let files = [
            ("index.md", "---\ntitle: Forside\n---\nTekst.\n"),
            ("experiences/01-forste.md", page.as_str()),
            ("followup.yaml", data.as_str()),
            ("calendar.yaml", data.as_str()),
            ("divisions/alfa/division.yaml", "name: Alfa\n"),
            ("divisions/alfa/experiences/01-forste.md", local.as_str()),
            ("divisions/alfa/followup.yaml", local.as_str()),
        ];
        let (handbook, _) = from_texts(CONFIG, &files);
        let mut diagnostics = Diagnostics::new();
        let sites = sites(&handbook, &ResolveOptions::default(), &mut diagnostics);
        prop_assert_eq!(sites.len(), 1);
    }
}
