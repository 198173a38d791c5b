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
    let fixture = Fixture::copy("divisions");
    assert_eq!(renders_for(&fixture), markdown_files(&fixture));
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
        markdown_files(&fixture),
        "ten divisions: still one render per file"
    );
}
