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
