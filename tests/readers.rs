//! What readers and authors meet day to day (issue 17): switching division on the same
//! page, audience pages, inline Markdown in the programme's data files, hints that say
//! what to write, warnings that are repeated and complete, and holiday notices.

mod common;

use common::Fixture;

#[test]
fn an_up_to_date_rebuild_repeats_the_warnings_it_had() {
    let fixture = Fixture::example();
    let first = fixture.build();
    first.assert_ok();
    let warning =
        "division `kundeservice` has no local section for `experiences/03-linjeledere.md`";
    first.assert_stderr_has(&[warning, "0 errors, 1 warning"]);
    let again = fixture.build();
    again
        .assert_ok()
        .assert_stderr_has(&["Up to date", warning, "0 errors, 1 warning"]);
}

#[test]
fn a_stale_local_section_is_a_warning_naming_the_shared_page_and_its_date() {
    let fixture = Fixture::copy("divisions");
    let section = "content/divisions/alfa/experiences/01-forste.md";
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(fixture.root().join(section))
        .unwrap()
        .set_modified(old)
        .unwrap();
    let shared_time = std::fs::metadata(fixture.root().join("content/experiences/01-forste.md"))
        .unwrap()
        .modified()
        .unwrap();
    let seconds = shared_time
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let day = jiff::Timestamp::from_second(seconds as i64)
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .to_string();
    let run = fixture.build();
    run.assert_ok().assert_stderr_has(&[&format!(
        "{section}: warning: the shared page content/experiences/01-forste.md changed on {day}"
    )]);
    let report: serde_json::Value = serde_json::from_str(&run.text("report/report.json")).unwrap();
    let warnings = report["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w["file"] == section && w["message"].as_str().unwrap().contains(&day)),
        "{warnings:#?}"
    );
    assert_eq!(
        report["divisions"][0]["stale"],
        serde_json::json!(["experiences/01-forste.md"])
    );
    let checked = fixture.run(&["check", "--format", "json"]);
    assert!(
        checked
            .json()
            .iter()
            .any(|d| d["file"] == section && d["severity"] == "warning"),
        "`check` warns too: {}",
        checked.stdout
    );
}

#[test]
fn a_link_to_nowhere_suggests_the_page_as_the_author_would_write_it_and_marks_the_path() {
    let fixture = Fixture::copy("divisions");
    fixture.write(
        "content/guide/links.md",
        "---\ntitle: Links\n---\n\nSe [alfa-modulet](modules/alpha.md) og [den anden](@/experiences/02-andn.md#x).\n",
    );
    let run = fixture.run(&["check"]);
    run.assert_code(1);
    let column = "Se [alfa-modulet](".chars().count() + 1;
    run.assert_stderr_has(&[
        &format!("content/guide/links.md:5:{column}: error: `modules/alpha.md` leads nowhere"),
        "did you mean `../modules/alpha.md` (content/modules/alpha.md)?",
        "did you mean `@/experiences/02-anden.md#x`?",
    ]);
    // The caret marks the path, not the link text.
    let marked = run
        .stderr
        .lines()
        .skip_while(|l| !l.contains("`modules/alpha.md` leads nowhere"))
        .find(|l| l.contains('^'))
        .unwrap();
    let caret = marked.find('^').unwrap();
    let source = run
        .stderr
        .lines()
        .find(|l| l.contains("Se [alfa-modulet]"))
        .unwrap();
    assert_eq!(
        &source[caret..caret + "modules/alpha.md".len()],
        "modules/alpha.md",
        "{}",
        run.stderr
    );
    assert_eq!(marked.matches('^').count(), "modules/alpha.md".len());
}

#[test]
fn an_unknown_channel_says_which_id_the_name_on_the_site_stands_for() {
    let fixture = Fixture::copy("divisions");
    fixture.edit(
        "content/calendar.yaml",
        "channel: event}",
        "channel: arrangement}",
    );
    let run = fixture.run(&["check"]);
    run.assert_code(1).assert_stderr_has(&[
        "content/calendar.yaml:8:",
        "unknown channel `arrangement`",
        "`arrangement` is what the site shows for `event`; write `channel: event`",
        "`town-hall` (Fællesmøde)",
    ]);
}
