//! Shared content is parsed and rendered once, however many divisions show it. A test
//! binary of its own: it reads a process-wide counter.

mod common;

use common::Fixture;
use handbook::build::{Settings, run};
use handbook::markdown::render_count;

fn markdown_files(fixture: &Fixture) -> usize {
    common::tree(&fixture.root().join("content"))
        .keys()
        .filter(|p| p.ends_with(".md"))
        .count()
}

/// The counter is the process's: the tests of this binary take turns.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn renders_for(fixture: &Fixture) -> usize {
    let settings = Settings {
        root: fixture.root().to_path_buf(),
        ..Settings::default()
    };
    let before = render_count();
    let outcome = run(&settings).expect("the build runs");
    assert!(!outcome.has_errors(), "{:?}", outcome.diagnostics);
    render_count() - before
}

#[test]
fn each_markdown_file_is_rendered_once_whatever_the_number_of_divisions() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let fixture = Fixture::copy("divisions");
    // Besides the Markdown files, each inline text of the data files (a week's meeting, an
    // activity's description) is rendered once.
    let data_texts = renders_for(&fixture) - markdown_files(&fixture);
    assert!(data_texts > 0, "the fixture has data texts");
    for n in 0..7 {
        fixture.write(
            &format!("content/divisions/extra-{n}/division.yaml"),
            &format!("name: Ekstra {n}\n"),
        );
        fixture.write(
            &format!("content/divisions/extra-{n}/experiences/01-forste.md"),
            "Lokal plan.\n",
        );
    }
    assert_eq!(
        renders_for(&fixture),
        markdown_files(&fixture) + data_texts,
        "ten divisions: still one render per file and data text"
    );
}

#[test]
fn a_translation_is_rendered_once_for_every_division_of_its_language() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let fixture = Fixture::copy("divisions");
    let data_texts = renders_for(&fixture) - markdown_files(&fixture);
    fixture.write(
        "content/experiences/01-forste.en.md",
        "---\ntitle: First\n---\n## Goals\n\nThe shared text in English.\n",
    );
    for n in 0..4 {
        fixture.write(
            &format!("content/divisions/english-{n}/division.yaml"),
            &format!("name: English {n}\nlanguage: en\n"),
        );
    }
    assert_eq!(
        renders_for(&fixture),
        markdown_files(&fixture) + data_texts,
        "four English divisions: the translation is still rendered once"
    );
}
