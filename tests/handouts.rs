//! Handouts: titles and descriptions from `handouts/handouts.yaml` (the shared one and a
//! division's own), shown wherever a handout is listed; mistakes in the list are errors
//! at their lines.

mod common;

use common::{Fixture, select, text_of};

fn titles(run: &common::Run, page: &str) -> Vec<String> {
    select(&run.html(page), ".handout__title")
        .iter()
        .map(text_of)
        .collect()
}

#[test]
fn titles_and_descriptions_come_from_the_list_and_a_division_may_have_its_own() {
    let fixture = Fixture::copy("divisions");
    fixture.write(
        "content/handouts/handouts.yaml",
        "- file: kit/a.pdf\n  title: \"Arbejdsark A\"\n  description: \"Til første øvelse.\"\n",
    );
    fixture.write(
        "content/divisions/beta/handouts/handouts.yaml",
        "- file: kit/a.pdf\n  title: \"Betas arbejdsark\"\n",
    );
    let run = fixture.build();
    run.assert_ok();
    assert!(titles(&run, "alfa/modules/alpha/index.html").contains(&"Arbejdsark A".to_string()));
    let descriptions: Vec<String> = select(
        &run.html("alfa/modules/alpha/index.html"),
        ".handout__description",
    )
    .iter()
    .map(text_of)
    .collect();
    assert_eq!(descriptions, ["Til første øvelse."]);
    assert!(titles(&run, "beta/handouts/index.html").contains(&"Betas arbejdsark".to_string()));
    assert!(!titles(&run, "alfa/handouts/index.html").contains(&"Betas arbejdsark".to_string()));
    // Without an entry: the file name, `-` as a space.
    assert!(titles(&run, "alfa/handouts/index.html").contains(&"Uge 1".to_string()));
    assert!(
        !run.exists("alfa/handouts/handouts.yaml"),
        "the list is not a handout"
    );
}

#[test]
fn mistakes_in_the_list_are_errors_at_their_lines() {
    let fixture = Fixture::copy("divisions");
    fixture.write(
        "content/handouts/handouts.yaml",
        "- file: kit/a.pdf\n  titel: A\n- file: kit/findes-ikke.pdf\n  title: B\n- file: kit/a.pdf\n  title: C\n",
    );
    fixture
        .build()
        .assert_code(1)
        .assert_stderr_has(&["content/handouts/handouts.yaml:2:3: error: unknown key `titel`"]);
    fixture.write(
        "content/handouts/handouts.yaml",
        "- file: kit/a.pdf\n  title: A\n- file: kit/findes-ikke.pdf\n  title: B\n- file: kit/a.pdf\n  title: C\n",
    );
    fixture.build().assert_code(1).assert_stderr_has(&[
        "content/handouts/handouts.yaml:3:9: error: there is no handout `kit/findes-ikke.pdf`",
        "content/handouts/handouts.yaml:5:9: error: `kit/a.pdf` is described twice",
    ]);
}
