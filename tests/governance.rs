//! Governance for HR, tried as HR would: approving a division's local items and seeing
//! what changed since, review dates with owners, what changed per division from the git
//! history (page and Atom feed, read back with a feed parser), and the report complete
//! (report.json checked against the keys PRODUCT.md lists).

mod common;

use std::path::Path;
use std::process::Command;

use common::{Fixture, Run, git, main_text, select, text_of};
use serde_json::Value;

fn report(run: &Run) -> Value {
    serde_json::from_str(&run.text("report/report.json")).unwrap()
}

fn division<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["divisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("no division {id}"))
}

fn approve(fixture: &Fixture, args: &[&str]) -> Run {
    let mut all = vec!["approve", "--by", "Hanne HR", "--today", "2027-03-01"];
    all.extend_from_slice(args);
    fixture.run(&all)
}

#[test]
fn approving_a_division_then_changing_a_local_section_shows_one_changed_since_approval() {
    let fixture = Fixture::copy("divisions");
    approve(&fixture, &["--division", "alfa"])
        .assert_ok()
        .assert_stderr_has(&["Recorded", "local items", "alfa"]);
    let run = fixture.build();
    run.assert_ok();
    let states = division(&report(&run), "alfa")["approvals"].clone();
    let states = states.as_object().unwrap();
    assert!(states.len() >= 5, "{states:?}");
    assert!(states.values().all(|s| s == "approved"), "{states:?}");
    assert!(
        states.contains_key("experiences/01-forste.md")
            && states.contains_key("calendar.yaml")
            && states.contains_key("followup.yaml")
            && states.contains_key("handouts/alfa-egen.pdf"),
        "local sections, data files and handouts are items: {states:?}"
    );
    assert!(
        division(&report(&run), "beta")["approvals"]
            .as_object()
            .unwrap()
            .values()
            .all(|s| s == "unapproved")
    );

    fixture.edit(
        "content/divisions/alfa/experiences/01-forste.md",
        "Vi starter i marts.",
        "Vi starter i april.",
    );
    let run = fixture.build();
    let states = division(&report(&run), "alfa")["approvals"].clone();
    let changed: Vec<&String> = states
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, s)| *s == "changed")
        .map(|(path, _)| path)
        .collect();
    assert_eq!(changed, ["experiences/01-forste.md"]);
    let html = run.html("report/index.html");
    let changed = select(
        &html,
        "#division-alfa .report__approvals .approval--changed",
    );
    assert_eq!(changed.len(), 1);
    let text = text_of(&changed[0]);
    assert!(
        text.contains("Den første erfaring"),
        "named by title: {text}"
    );
    assert!(text.contains("Ændret siden godkendelse"), "{text}");
    assert!(text.contains("Hanne HR"), "{text}");
    // The grid shows it too, in words and not only in colour.
    let cells = select(&html, ".report__matrix .approval--changed");
    assert_eq!(cells.len(), 1);
    assert!(text_of(&cells[0]).contains("!"));

    let check = fixture.run(&["check", "--approvals"]);
    check.assert_ok();
    assert!(
        check.stdout.contains(
            "alfa  experiences/01-forste.md  changed since approved by Hanne HR on 2027-03-01"
        ),
        "{}",
        check.stdout
    );
    assert!(
        check
            .stdout
            .contains("beta  experiences/02-anden.md  unapproved")
    );
    assert!(
        !check.stdout.contains("alfa  calendar.yaml"),
        "approved items are not listed"
    );
}

#[test]
fn approve_rewrites_the_file_sorted_keeping_comments_and_other_divisions() {
    let fixture = Fixture::copy("divisions");
    fixture.write(
        "content/approvals.yaml",
        "# HR's record, kept by the programme office.\n\n- division: beta\n  path: experiences/02-anden.md\n  approved_by: Bo\n  date: \"2027-01-05\"\n  fingerprint: 0123456789ab\n",
    );
    approve(
        &fixture,
        &["--division", "alfa", "experiences/01-forste.md"],
    )
    .assert_ok();
    let first = fixture.read("content/approvals.yaml");
    assert!(first.starts_with("# HR's record, kept by the programme office.\n"));
    let alfa = first.find("division: \"alfa\"").expect("alfa's entry");
    let beta = first
        .find("division: \"beta\"")
        .expect("beta's entry is kept");
    assert!(alfa < beta, "sorted by division:\n{first}");
    assert_eq!(first.matches("- division:").count(), 2);
    // Approving again changes nothing; approving another path adds one entry.
    approve(
        &fixture,
        &["--division", "alfa", "experiences/01-forste.md"],
    )
    .assert_ok();
    assert_eq!(fixture.read("content/approvals.yaml"), first);
    approve(
        &fixture,
        &["--division", "alfa", "content/divisions/alfa/calendar.yaml"],
    )
    .assert_ok();
    let second = fixture.read("content/approvals.yaml");
    assert_eq!(second.matches("- division:").count(), 3);
    assert!(second.find("calendar.yaml").unwrap() < second.find("experiences/01").unwrap());

    approve(&fixture, &["--division", "nope"])
        .assert_code(2)
        .assert_stderr_has(&["unknown division `nope`"]);
    approve(&fixture, &["--division", "alfa", "experiences/02-anden.md"])
        .assert_code(2)
        .assert_stderr_has(&["not a local item of division `alfa`"]);
    assert_eq!(fixture.read("content/approvals.yaml"), second, "untouched");
}

#[test]
fn a_broken_approvals_file_is_reported_with_lines_and_never_rewritten() {
    let fixture = Fixture::copy("divisions");
    let text = "- division: alfa\n  path: experiences/01-forste.md\n  approved_by: HR\n  date: \"2027-01-01\"\n  fingerprint: nothex\n- division: zulu\n  path: a.md\n  approved_by: HR\n  date: \"2027-01-01\"\n  fingerprint: 0123456789ab\n";
    fixture.write("content/approvals.yaml", text);
    fixture.run(&["check"]).assert_code(1).assert_stderr_has(&[
        "content/approvals.yaml:5:16: error: `nothex` is not a fingerprint",
        "content/approvals.yaml:6:13: error: `zulu` is not a division",
    ]);
    fixture.write("content/approvals.yaml", "- division: alfa\n  pat: x\n");
    approve(&fixture, &["--division", "alfa"])
        .assert_code(1)
        .assert_stderr_has(&["content/approvals.yaml:2"]);
    assert_eq!(
        fixture.read("content/approvals.yaml"),
        "- division: alfa\n  pat: x\n"
    );
}

/// The divisions fixture without its deliberate warnings, so `--strict` passes.
fn without_warnings() -> Fixture {
    let fixture = Fixture::copy("divisions");
    fixture.edit(
        "content/divisions/alfa/division.yaml",
        "2027-02-03",
        "2027-02-01",
    );
    fixture.edit(
        "handbook.yaml",
        "require_local:\n  - experiences/01-forste.md\n",
        "",
    );
    fixture
}

#[test]
fn unapproved_items_are_no_warnings_and_check_says_how_many_await_approval() {
    let fixture = without_warnings();
    let run = fixture.run(&["check", "--strict"]);
    run.assert_ok().assert_stderr_has(&[
        "local items await approval (`handbook check --approvals` lists them)",
    ]);
    let json = fixture.run(&["check", "--approvals", "--format", "json"]);
    json.assert_ok();
    let value: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["diagnostics"], serde_json::json!([]));
    let waiting = value["approvals"].as_array().unwrap();
    assert!(waiting.iter().all(|i| i["state"] == "unapproved"));
    assert!(
        waiting
            .iter()
            .any(|i| i["division"] == "gamma" && i["path"] == "experiences/01-forste.md")
    );
}

fn with_review(fixture: &Fixture, owner: Option<&str>, date: &str) {
    let owner = owner.map(|o| format!("owner: {o}\n")).unwrap_or_default();
    fixture.edit(
        "content/experiences/01-forste.md",
        "title: Den første erfaring\n",
        &format!("title: Den første erfaring\n{owner}review_by: \"{date}\"\n"),
    );
}

#[test]
fn a_review_date_in_the_past_is_named_with_its_owner_by_check_and_the_report() {
    let fixture = without_warnings();
    with_review(&fixture, Some("Hanne HR"), "2027-05-01");
    fixture.edit(
        "content/experiences/02-anden.md",
        "locked: true\n",
        "locked: true\nreview_by: \"2027-06-20\"\n",
    );
    fixture.run(&["check", "--today", "2027-04-30"]).assert_ok();
    let run = fixture.run(&["check", "--today", "2027-06-01"]);
    run.assert_ok().assert_stderr_has(&[
        "content/experiences/01-forste.md:4:12: warning: `experiences/01-forste.md` was due for review on 2027-05-01; its owner is Hanne HR",
    ]);
    fixture
        .run(&["check", "--strict", "--today", "2027-06-01"])
        .assert_code(1);

    let run = fixture.run(&["build", "--today", "2027-06-01"]);
    run.assert_ok();
    let reviews = report(&run)["reviews"].clone();
    assert_eq!(
        reviews,
        serde_json::json!([
            {"path": "experiences/02-anden.md", "title": "Den anden erfaring", "owner": null, "review_by": "2027-06-20", "state": "soon"},
            {"path": "experiences/01-forste.md", "title": "Den første erfaring", "owner": "Hanne HR", "review_by": "2027-05-01", "state": "overdue"},
        ])
    );
    let text = main_text(&run, "report/index.html");
    assert!(text.contains("Hanne HR"), "grouped by owner");
    assert!(
        text.contains("»Den første erfaring« skulle have været gennemgået senest 1. maj 2027. Ansvarlig: Hanne HR."),
        "the warning in the handbook's language: {text}"
    );
    assert!(!text.contains("was due for review"), "{text}");
    assert!(
        report(&run)["warnings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("was due for review"),
        "report.json keeps the English message"
    );
}

#[test]
fn without_today_the_date_comes_from_source_date_epoch() {
    let fixture = without_warnings();
    with_review(&fixture, None, "2027-05-01");
    let check = |epoch: &str| {
        Command::new(env!("CARGO_BIN_EXE_handbook"))
            .env("HANDBOOK_LANG", "en")
            .args(["check", "--root"])
            .arg(fixture.root())
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap()
    };
    // 2027-05-02T00:00:00Z and 2027-04-30T00:00:00Z.
    let late = check("1809216000");
    let stderr = String::from_utf8_lossy(&late.stderr);
    assert!(
        stderr.contains("was due for review on 2027-05-01; it has no owner"),
        "{stderr}"
    );
    let early = check("1809043200");
    assert!(!String::from_utf8_lossy(&early.stderr).contains("due for review"));
    let bad = check("tomorrow");
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn owners_and_review_dates_belong_to_shared_pages() {
    let fixture = Fixture::copy("divisions");
    fixture.write(
        "content/divisions/alfa/guide/alfa-side.md",
        "---\ntitle: Alfa-siden\nowner: Anna\n---\nTekst.\n",
    );
    fixture.run(&["check"]).assert_code(1).assert_stderr_has(&[
        "content/divisions/alfa/guide/alfa-side.md:3:1: error: `owner` is only for shared pages, not a division's files",
    ]);
}

/// 2027-01-01T08:20:00+01:00, when the fixture's history starts.
const T0: i64 = 1_798_788_000;

/// The divisions fixture in a git repository: the handbook at T0, then, a day apart, a shared change,
/// a change of Alfa's local section, one of Beta's replacement and one of the shared page
/// Alfa hides.
fn committed() -> Fixture {
    let fixture = Fixture::copy("divisions");
    fixture.edit(
        "handbook.yaml",
        "language: da\n",
        "language: da\nbase_url: https://intranet.example.com/haandbog/\n",
    );
    let root = fixture.root();
    git(root, &["init", "--quiet", "--initial-branch=main"], 0);
    git(root, &["add", "--all"], 0);
    git(root, &["commit", "--quiet", "-m", "Handbook"], T0);
    let steps = [
        (
            "content/experiences/02-anden.md",
            "Det fælles kernebudskab.",
            "Det nye fælles kernebudskab.",
            "Shared: a sharper core message",
        ),
        (
            "content/divisions/alfa/experiences/01-forste.md",
            "Vi starter i marts.",
            "Vi starter i april.",
            "Alfa: start in April",
        ),
        (
            "content/divisions/beta/guide/skjul.md",
            "Beta's own guide.",
            "Beta's own, better guide.",
            "Beta: better guide",
        ),
        (
            "content/guide/skjul.md",
            "Vejledningens fælles tekst.",
            "Vejledningens nye tekst.",
            "Shared: guide Alfa hides",
        ),
    ];
    for (i, (file, from, to, message)) in steps.into_iter().enumerate() {
        fixture.edit(file, from, to);
        let time = T0 + 86_400 * (i as i64 + 1);
        git(root, &["commit", "--quiet", "-am", message], time);
    }
    fixture
}

/// (date, page title, commit summary) of each row of a division's change page.
fn change_rows(run: &Run, division: &str) -> Vec<(String, String, String)> {
    let html = run.html(&format!("{division}/changes/index.html"));
    select(&html, "table.changes tbody tr")
        .iter()
        .map(|row| {
            let cells: Vec<String> = select_in(row, "td, th").iter().map(text_of).collect();
            (cells[0].clone(), cells[1].clone(), cells[2].clone())
        })
        .collect()
}

fn select_in<'a>(element: &scraper::ElementRef<'a>, css: &str) -> Vec<scraper::ElementRef<'a>> {
    element
        .select(&scraper::Selector::parse(css).unwrap())
        .collect()
}

fn summaries(rows: &[(String, String, String)]) -> Vec<&str> {
    rows.iter().map(|(_, _, s)| s.as_str()).collect()
}

#[test]
fn each_division_sees_shared_changes_and_only_its_own_local_ones() {
    let fixture = committed();
    let run = fixture.build();
    run.assert_ok();
    let alfa = change_rows(&run, "alfa");
    assert_eq!(
        summaries(&alfa)[..3],
        [
            "Alfa: start in April",
            "Shared: a sharper core message",
            "Handbook"
        ],
        "newest first; the guide Alfa hides and Beta's change are not Alfa's: {alfa:?}"
    );
    assert!(!summaries(&alfa).contains(&"Beta: better guide"));
    assert!(!summaries(&alfa).contains(&"Shared: guide Alfa hides"));
    assert_eq!(alfa[0].0, "3. januar 2027", "the committer's day");
    assert_eq!(alfa[0].1, "Den første erfaring");
    assert_eq!(alfa[1].1, "Den anden erfaring");
    let beta = change_rows(&run, "beta");
    let beta = summaries(&beta);
    assert_eq!(
        &beta[..2],
        ["Beta: better guide", "Shared: a sharper core message"]
    );
    assert!(!beta.contains(&"Alfa: start in April"));
    assert!(
        !beta.contains(&"Shared: guide Alfa hides"),
        "Beta replaces that page: the shared text is not shown there"
    );
    let gamma = change_rows(&run, "gamma");
    let gamma = summaries(&gamma);
    assert_eq!(
        &gamma[..2],
        ["Shared: guide Alfa hides", "Shared: a sharper core message"]
    );

    // The link leads to the page in the division's own site.
    let html = run.html("alfa/changes/index.html");
    let link = select(&html, "table.changes a")[0]
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    assert_eq!(link, "../experiences/01-forste/index.html");
    // The page says when it last changed.
    let page = run.html("alfa/experiences/01-forste/index.html");
    let updated = select(&page, ".footer-updated time");
    assert_eq!(updated[0].value().attr("datetime"), Some("2027-01-03"));
    let page = run.html("gamma/experiences/01-forste/index.html");
    let updated = select(&page, ".footer-updated time");
    assert_eq!(
        updated[0].value().attr("datetime"),
        Some("2027-01-01"),
        "gamma's section is unchanged since the first commit"
    );
}

fn feed(run: &Run, division: &str) -> atom_syndication::Feed {
    let xml = run.text(&format!("{division}/changes.xml"));
    xml.parse::<atom_syndication::Feed>()
        .unwrap_or_else(|e| panic!("{division}/changes.xml is not Atom ({e}):\n{xml}"))
}

#[test]
fn the_change_feed_is_atom_with_the_same_changes() {
    let fixture = committed();
    let run = fixture.build();
    let alfa = feed(&run, "alfa");
    assert_eq!(alfa.title().as_str(), "Nyt i håndbogen · Alfa");
    assert_eq!(
        alfa.id(),
        "https://intranet.example.com/haandbog/alfa/changes/"
    );
    let entries = alfa.entries();
    assert_eq!(entries[0].title().as_str(), "Den første erfaring");
    assert_eq!(
        entries[0].summary().map(|s| s.as_str()),
        Some("Alfa: start in April")
    );
    assert_eq!(
        entries[0].links()[0].href(),
        "https://intranet.example.com/haandbog/alfa/experiences/01-forste/"
    );
    assert_eq!(
        entries[0].updated().to_rfc3339(),
        "2027-01-03T08:20:00+01:00"
    );
    assert_eq!(alfa.updated(), entries[0].updated());
    let ids: std::collections::BTreeSet<&str> = entries.iter().map(|e| e.id()).collect();
    assert_eq!(ids.len(), entries.len(), "every entry has its own id");
    let summaries: Vec<&str> = entries
        .iter()
        .filter_map(|e| e.summary().map(|s| s.as_str()))
        .collect();
    assert!(!summaries.contains(&"Beta: better guide"));
    let beta = feed(&run, "beta");
    let summaries: Vec<&str> = beta
        .entries()
        .iter()
        .filter_map(|e| e.summary().map(|s| s.as_str()))
        .collect();
    assert!(summaries.contains(&"Shared: a sharper core message"));
    assert!(!summaries.contains(&"Alfa: start in April"));

    // Same history, same bytes.
    let first = run.text("alfa/changes.xml");
    fixture.remove("public");
    assert_eq!(fixture.build().text("alfa/changes.xml"), first);
}

#[test]
fn the_change_list_is_bounded_and_a_commit_alone_rebuilds_it() {
    let fixture = committed();
    fixture.edit(
        "handbook.yaml",
        "language: da\n",
        "language: da\nchanges: 2\n",
    );
    git(
        fixture.root(),
        &["commit", "--quiet", "-am", "Two changes"],
        T0 + 864_000,
    );
    let run = fixture.build();
    assert_eq!(change_rows(&run, "alfa").len(), 2);
    assert_eq!(feed(&run, "alfa").entries().len(), 2);
    // A commit of what was already on disk changes no file, but the change page.
    fixture.edit("content/experiences/02-anden.md", "nye", "nyeste");
    fixture.build().assert_ok();
    git(
        fixture.root(),
        &["commit", "--quiet", "-am", "Committed later"],
        T0 + 950_400,
    );
    let run = fixture.build();
    assert_eq!(change_rows(&run, "alfa")[0].2, "Committed later");
}

#[test]
fn without_git_history_the_change_page_says_so_and_there_is_no_feed_without_base_url() {
    let fixture = Fixture::copy("divisions");
    if git_repository_around(fixture.root()) {
        return; // the temporary folder lies inside a repository: nothing to show here
    }
    let run = fixture.build();
    run.assert_ok();
    let text = main_text(&run, "alfa/changes/index.html");
    assert!(text.contains("Håndbogen har ingen git-historik"), "{text}");
    assert!(!run.exists("alfa/changes.xml"), "no base_url, no feed");
    let page = run.html("alfa/index.html");
    assert!(select(&page, ".footer-updated").is_empty());
    assert_eq!(
        select(&page, ".footer-changes")[0].value().attr("href"),
        Some("changes/index.html")
    );
}

fn git_repository_around(dir: &Path) -> bool {
    dir.ancestors().any(|d| d.join(".git").exists())
}

/// The keys and values PRODUCT.md ("report.json", "The report for HR") lists.
fn check_report_shape(report: &Value) {
    let enum_map = |value: &Value, allowed: &[&str], what: &str| {
        for (key, state) in value
            .as_object()
            .unwrap_or_else(|| panic!("{what} is a map"))
        {
            let state = state
                .as_str()
                .unwrap_or_else(|| panic!("{what}.{key} is text"));
            assert!(allowed.contains(&state), "{what}.{key}: {state}");
        }
    };
    assert!(report["warnings"].is_array());
    let divisions = report["divisions"].as_array().expect("divisions is a list");
    assert!(!divisions.is_empty());
    for d in divisions {
        for key in ["id", "name"] {
            assert!(d[key].is_string(), "{key}");
        }
        enum_map(
            &d["pages"],
            &["local-section", "replaced", "hidden", "shared"],
            "pages",
        );
        enum_map(&d["handouts"], &["local", "override"], "handouts");
        enum_map(
            &d["approvals"],
            &["approved", "changed", "unapproved"],
            "approvals",
        );
        for key in ["local_pages", "missing_required", "stale"] {
            assert!(
                d[key].as_array().unwrap().iter().all(Value::is_string),
                "{key}"
            );
        }
        assert!(d["local_activities"].is_u64());
        assert!(d["notes"].as_array().unwrap().iter().all(Value::is_u64));
        for contact in d["contacts"].as_array().expect("contacts is a list") {
            assert!(contact["name"].is_string());
        }
        let start = &d["followup_start"];
        assert!(
            start.is_null() || start.as_str().is_some_and(|s| s.len() == 10),
            "followup_start: {start}"
        );
    }
}

#[test]
fn report_json_has_the_keys_product_md_lists() {
    let fixture = Fixture::copy("divisions");
    approve(&fixture, &["--division", "alfa"]).assert_ok();
    let run = fixture.build();
    let report = report(&run);
    check_report_shape(&report);
    let alfa = division(&report, "alfa");
    assert_eq!(alfa["handouts"]["handouts/kit/a.pdf"], "override");
    assert_eq!(alfa["handouts"]["handouts/alfa-egen.pdf"], "local");
    assert_eq!(alfa["notes"], serde_json::json!([1]));
    assert_eq!(alfa["followup_start"], "2027-02-03");
    assert_eq!(alfa["contacts"][0]["name"], "Anna MARKER-ALFA-CONTACT");
    assert_eq!(division(&report, "gamma")["followup_start"], Value::Null);
    check_report_shape(
        &serde_json::from_str(&Fixture::example().build().text("report/report.json")).unwrap(),
    );
}

#[test]
fn the_report_names_pages_by_title_links_every_version_and_is_not_for_readers() {
    let fixture = Fixture::copy("divisions");
    let run = fixture.build();
    let html = run.html("report/index.html");
    let rows = select(&html, ".report__matrix tbody tr");
    let first = rows
        .iter()
        .find(|r| text_of(r).contains("Den første erfaring"))
        .expect("pages by title");
    let links: Vec<&str> = select_in(first, "a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        links,
        [
            "../alfa/experiences/01-forste/index.html",
            "../beta/experiences/01-forste/index.html",
            "../gamma/experiences/01-forste/index.html"
        ]
    );
    let alfa = main_text(&run, "report/index.html");
    for name in [
        "Alfa-siden MARKER-ALFA-PAGE",
        "Alfa-aktivitet MARKER-ALFA-ACTIVITY",
        "Alfa-note MARKER-ALFA-NOTE",
        "alfa-egen.pdf",
        "Anna MARKER-ALFA-CONTACT",
        "3. februar 2027",
    ] {
        assert!(alfa.contains(name), "the report names {name}");
    }
    for page in ["report/index.html", "report/alfa/index.html"] {
        let html = run.html(page);
        let robots = select(&html, "meta[name=robots]");
        assert_eq!(
            robots[0].value().attr("content"),
            Some("noindex, nofollow"),
            "{page}"
        );
    }
    let chooser = run.html("index.html");
    assert!(
        select(&chooser, "a").iter().all(|a| !a
            .value()
            .attr("href")
            .unwrap_or("")
            .contains("report")),
        "the chooser does not send readers to the report"
    );
}

#[test]
fn each_divisions_adapted_pages_are_shown_beside_the_shared_text() {
    let fixture = Fixture::copy("divisions");
    let run = fixture.build();
    let html = run.html("report/alfa/index.html");
    let sections = select(&html, "section.compare");
    let section = sections
        .iter()
        .find(|s| text_of(s).contains("experiences/01-forste.md"))
        .expect("the local section");
    let shared = text_of(&select_in(section, ".compare__column--shared")[0]);
    let local = text_of(&select_in(section, ".compare__column--local")[0]);
    assert!(
        shared.contains("Det fælles indhold om den første erfaring"),
        "{shared}"
    );
    assert!(local.contains("MARKER-ALFA-SECTION"), "{local}");
    assert!(!shared.contains("MARKER-ALFA-SECTION"));
    // Links in the division's text lead into the division's site.
    let hrefs: Vec<&str> = select_in(section, ".compare__column--local a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        hrefs.contains(&"../../alfa/guide/alfa-side/index.html"),
        "{hrefs:?}"
    );
    let html = run.html("report/beta/index.html");
    let replaced = select(&html, "section.compare")
        .into_iter()
        .find(|s| text_of(s).contains("guide/skjul.md"))
        .expect("the replaced page");
    let shared = text_of(&select_in(&replaced, ".compare__column--shared")[0]);
    let local = text_of(&select_in(&replaced, ".compare__column--local")[0]);
    assert!(
        shared.contains("Vejledningens fælles tekst"),
        "both versions: {shared}"
    );
    assert!(local.contains("Beta's own guide"), "{local}");
}

#[test]
fn the_business_case_draws_its_chart_and_counts_the_customers_kept() {
    let run = Fixture::example().build();
    let html = run.html("privat/business-case/index.html");
    let svg = select(&html, "figure svg.chart");
    assert_eq!(svg.len(), 1);
    let svg = &svg[0];
    assert_eq!(svg.value().attr("role"), Some("img"));
    assert!(!select_in(svg, "title").is_empty() && !select_in(svg, "desc").is_empty());
    assert_eq!(
        select_in(svg, "rect").len(),
        4 + 3,
        "a bar per segment and per move"
    );
    assert!(
        select(&html, "[style]").is_empty(),
        "no style attributes under the Content-Security-Policy"
    );
    // 2,000 x (28 - 14) % + 4,750 x (14 - 7) % + 6,000 x (7 - 3.5) % = 822.5 customers.
    let text = main_text(&run, "privat/business-case/index.html");
    assert!(text.contains("Kunder fastholdt pr. år"));
    assert!(text.contains("822"), "{text}");
    assert!(text.contains("dette segments årlige afgang − næste segments årlige afgang"));
}

#[test]
fn every_word_of_the_report_is_a_label_of_the_handbooks_language() {
    let fixture = Fixture::copy("divisions");
    approve(&fixture, &["--division", "alfa"]).assert_ok();
    fixture.edit(
        "content/divisions/alfa/experiences/01-forste.md",
        "Vi starter i marts.",
        "Vi starter i april.",
    );
    with_review(&fixture, Some("Hanne HR"), "2020-01-01");
    let run = fixture.build();
    for page in [
        "report/index.html",
        "report/alfa/index.html",
        "alfa/changes/index.html",
    ] {
        let text = main_text(&run, page);
        for key in [
            "status_",
            "approval_",
            "warning_",
            "review_",
            "report_",
            "changes_",
            "handout_",
        ] {
            assert!(
                !text.contains(key),
                "{page} shows a label's key {key}: {text}"
            );
        }
    }
    let text = main_text(&run, "report/alfa/index.html");
    assert!(
        text.contains("Lokal side"),
        "a local page is named as one: {text}"
    );
}
