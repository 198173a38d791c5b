//! Property tests: random front matter, Markdown and data files, written into a real
//! handbook and built by the binary, never panic and never hang; the build exits 0, or 1
//! with diagnostics that name a file. The number of cases is bounded so that CI runs
//! them in seconds (`PROPTEST_CASES` raises it for a longer hunt).

mod common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use common::Fixture;
use proptest::prelude::*;

/// What YAML, front matter and Markdown treat specially, keys the handbook knows, and
/// characters that have broken tools before.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "---\n",
        "title: ",
        "summary: ",
        "weight: ",
        "weeks:\n",
        "  - week: 1\n",
        "    title: x\n",
        "    kit: kit/a.pdf\n",
        "activities:\n",
        "  - month: \"2027-01\"\n",
        "    channel: intranet\n",
        "modules: [",
        "]",
        "experiences: [1, 2]",
        "audiences: [trainers]",
        "handouts: [kit/a.pdf]",
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
        "{{ x }}",
        "{% if %}",
        "\u{0}",
        "\u{1b}[2J",
        "æøå",
        "\u{202e}",
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
        "$x$",
        "#set page(width: 1pt)",
        "@ref",
        "<l>",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|pieces| pieces.concat())
}

/// Runs `handbook build` in `fixture`, killed after `limit`: its exit code (`None` when
/// it was killed) and stderr.
fn build_within(fixture: &Fixture, limit: Duration) -> (Option<i32>, String) {
    let mut child = fixture
        .command(&["build"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let stderr = child.stderr.take().expect("piped");
    let reader = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let start = Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().expect("waitable") {
            break status.code();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (code, reader.join().unwrap_or_default())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(16),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_pages_and_data_files_build_or_are_reported(
        page in hostile_text(),
        followup in hostile_text(),
        calendar in hostile_text(),
        with_front_matter in any::<bool>(),
    ) {
        let fixture = Fixture::copy("plain");
        let page = if with_front_matter {
            format!("---\ntitle: Tilfældig\n{page}")
        } else {
            page
        };
        fixture.write("content/guide/tilfaeldig.md", &page);
        fixture.write("content/followup.yaml", &followup);
        fixture.write("content/calendar.yaml", &calendar);
        let (code, stderr) = build_within(&fixture, Duration::from_secs(60));
        prop_assert!(code.is_some(), "the build hung:\n{}", stderr);
        prop_assert!(!stderr.contains("panicked"), "a panic:\n{}", stderr);
        match code {
            Some(0) => {}
            Some(1) => prop_assert!(
                stderr.lines().any(|line| line.starts_with("content/") && line.contains(": error:")),
                "exit 1 without an error naming a file:\n{}",
                stderr
            ),
            other => prop_assert!(false, "exit {:?}:\n{}", other, stderr),
        }
    }
}
