//! Regression tests, one per bug found by reviewing the tool against the brief.

mod common;

use common::{Fixture, main_text, select, text_of};

#[test]
fn extra_is_allowed_in_division_data_files() {
    let fixture = Fixture::copy("divisions");
    fixture.write("content/divisions/alfa/calendar.yaml", "extra: {kilde: intern}\nactivities:\n  - {month: \"2027-03\", title: Lokal, channel: meeting, extra: {rum: A}}\n");
    fixture.write(
        "content/divisions/alfa/followup.yaml",
        "extra: {x: 1}\nweeks:\n  - {week: 1, note: Note, extra: {y: 2}}\n",
    );
    fixture.build().assert_ok();
}

#[test]
fn a_local_experience_cannot_reuse_a_shared_number() {
    let fixture = Fixture::copy("divisions");
    fixture.write(
        "content/divisions/gamma/experiences/01-anden-version.md",
        "---\ntitle: Vores version\n---\nTekst.\n",
    );
    fixture.build().assert_code(1).assert_stderr_has(&[
        "content/divisions/gamma/experiences/01-anden-version.md: error: experience number 1 is already content/experiences/01-forste.md",
        "name your file `experiences/01-forste.md`",
    ]);
}

#[test]
fn references_on_division_pages_are_checked() {
    let fixture = Fixture::copy("divisions");
    fixture.write(
        "content/divisions/gamma/modules/lokal.md",
        "---\ntitle: Lokalt modul\nexperiences: [7]\n---\nTekst.\n",
    );
    fixture.write(
        "content/divisions/gamma/experiences/02-anden.md",
        "---\nreplace: true\ntitle: Gammas anden\nmodules: [findesikke]\n---\nTekst.\n",
    );
    let run = fixture.build();
    run.assert_code(1).assert_stderr_has(&[
        "content/divisions/gamma/modules/lokal.md:3:15: error: there is no experience 7",
        "content/divisions/gamma/experiences/02-anden.md:4:11: error: there is no module `findesikke`",
    ]);
}

#[test]
fn a_broken_shared_page_is_reported_once_not_again_by_each_division() {
    let fixture = Fixture::copy("divisions");
    fixture.edit("content/guide/skjul.md", "title:", "titel:");
    let run = fixture.build();
    run.assert_code(1).assert_stderr_has(&[
        "content/guide/skjul.md:2:1: error: unknown key `titel`",
        "1 error",
    ]);
    assert!(
        !run.stderr.contains("which is not a shared page") && !run.stderr.contains("to replace"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_shared_calendar_is_reported_once() {
    let fixture = Fixture::copy("divisions");
    fixture.edit(
        "content/calendar.yaml",
        "title: Kalender",
        "title: [Kalender",
    );
    let run = fixture.build();
    run.assert_code(1);
    assert!(
        !run.stderr.contains("there is no shared calendar.yaml"),
        "{}",
        run.stderr
    );
}

#[test]
fn building_one_division_keeps_the_whole_report() {
    let fixture = Fixture::copy("divisions");
    fixture.build().assert_ok();
    let before = fixture.read("public/report/report.json");
    fixture.run(&["build", "--division", "alfa"]).assert_ok();
    assert_eq!(fixture.read("public/report/report.json"), before);
}

#[test]
fn the_module_catalogue_shows_a_local_section_of_its_introduction() {
    let fixture = Fixture::copy("divisions");
    fixture.write(
        "content/modules/_index.md",
        "---\ntitle: Moduler\n---\nFælles intro.\n",
    );
    fixture.write(
        "content/divisions/alfa/modules/_index.md",
        "Alfas modulplan LOKALT-MODUL-AFSNIT.\n",
    );
    let run = fixture.build();
    run.assert_ok();
    assert!(main_text(&run, "alfa/modules/index.html").contains("LOKALT-MODUL-AFSNIT"));
}

#[test]
fn the_handouts_folder_can_have_an_introduction() {
    let fixture = Fixture::copy("plain");
    fixture.write(
        "content/handouts/_index.md",
        "---\ntitle: Materialer\n---\nAlt materiale til programmet.\n",
    );
    let run = fixture.build();
    run.assert_ok();
    assert!(main_text(&run, "handouts/index.html").contains("Alt materiale til programmet."));
    assert!(!run.exists("handouts/-index.md"));
}

#[test]
fn a_template_without_a_block_its_child_uses_names_the_problem_plainly() {
    let fixture = Fixture::copy("plain");
    fixture.write("themes/default/templates/page.html", "{% extends \"base.html\" %}{% block content %}{{ page.content | safe }}{% endblock content %}");
    let run = fixture.build();
    run.assert_code(1);
    assert!(
        !run.stderr.contains(": error: template error: error:")
            && !run.stderr.starts_with(": error"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("after_body") || run.stderr.contains("before_body"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_key_hint_lists_only_the_keys_this_page_may_use() {
    let fixture = Fixture::copy("plain");
    fixture.edit("content/guide/side.md", "title:", "titl:");
    let run = fixture.build();
    run.assert_code(1)
        .assert_stderr_has(&["did you mean `title`?", "a plain page"]);
    assert!(
        !run.stderr.contains("`audiences`") && !run.stderr.contains("`replace`"),
        "{}",
        run.stderr
    );
}

#[test]
fn noindex_reaches_the_chooser_and_the_report() {
    let fixture = Fixture::copy("divisions");
    fixture.edit(
        "handbook.yaml",
        "language: da",
        "language: da\nnoindex: true",
    );
    let run = fixture.build();
    run.assert_ok();
    for page in ["index.html", "report/index.html", "alfa/index.html"] {
        assert_eq!(
            select(&run.html(page), "meta[name=robots][content^=noindex]").len(),
            1,
            "{page}"
        );
    }
}

#[test]
fn a_themes_own_highlight_css_is_kept() {
    let fixture = Fixture::copy("plain");
    fixture.write("themes/default/static/highlight.css", "/* mine */\n");
    let run = fixture.build();
    run.assert_ok();
    assert_eq!(run.text("static/highlight.css"), "/* mine */\n");
}

#[test]
fn a_handout_title_starting_with_a_danish_letter_is_capitalised() {
    let fixture = Fixture::copy("plain");
    fixture.write("content/handouts/kit/øvelser-til-teamet.pdf", "%PDF-1.4\n");
    fixture.edit(
        "content/modules/alpha.md",
        "handouts: [kit/a.pdf]",
        "handouts: [kit/a.pdf, kit/øvelser-til-teamet.pdf]",
    );
    let run = fixture.build();
    run.assert_ok();
    let titles: Vec<String> = select(&run.html("modules/alpha/index.html"), ".handout__title")
        .iter()
        .map(text_of)
        .collect();
    assert!(
        titles.iter().any(|t| t == "Øvelser til teamet"),
        "{titles:?}"
    );
}

#[test]
fn a_repeated_explicit_heading_id_is_a_warning() {
    let fixture = Fixture::copy("plain");
    fixture.write(
        "content/guide/ids.md",
        "---\ntitle: Ids\n---\n\n## Mål {#mål}\n\n## Andet mål {#mål}\n",
    );
    fixture.build().assert_ok().assert_stderr_has(&[
        "content/guide/ids.md:7:1: warning: the id `mål` is used twice on this page",
    ]);
}

#[test]
fn a_wrong_month_or_date_is_not_also_reported_as_an_empty_month() {
    let fixture = Fixture::copy("plain");
    fixture.edit(
        "content/calendar.yaml",
        "{month: \"2027-03\", title: Plakat, channel: poster}",
        "{month: \"2027-3\", title: Plakat, channel: poster}",
    );
    let run = fixture.build();
    run.assert_code(1)
        .assert_stderr_has(&["content/calendar.yaml:6:13: error: `2027-3` is not a month"]);
    assert!(!run.stderr.contains("no activity in"), "{}", run.stderr);
}

/// Issue 11: five ways one output silently replaced another; each is now an error
/// naming both sources, and nothing is written.
#[test]
fn no_output_path_is_claimed_twice() {
    let cases: [(&str, &str, &[u8]); 4] = [
        (
            "content/print.md",
            "content/print.md and the printable handbook would both be written to `print/index.html`",
            b"---\ntitle: Print\n---\nTekst.\n",
        ),
        (
            "content/audiences/ledere/_index.md",
            "content/audiences/ledere/_index.md and the audience pages would both be written to `audiences/ledere/index.html`",
            b"---\ntitle: Ledere\n---\nTekst.\n",
        ),
        (
            "content/guide/skjul/index.html",
            "content/guide/skjul.md and content/guide/skjul/index.html would both be written to `guide/skjul/index.html`",
            b"<p>statisk</p>",
        ),
        (
            "content/divisions/report/division.yaml",
            "content/divisions/report and the adaptation report would both be written to `report/index.html`",
            b"name: Rapport\n",
        ),
    ];
    for (path, message, bytes) in cases {
        let fixture = Fixture::copy("divisions");
        fixture.write_bytes(path, bytes);
        fixture.build().assert_code(1).assert_stderr_has(&[message]);
        assert!(!fixture.out().exists(), "{path}: nothing is written");
    }
    let fixture = Fixture::copy("divisions");
    fixture.write(
        "content/divisions/beta/stories/alfa-alfa-historie.md",
        "---\ntitle: Betas egen\n---\nTekst.\n",
    );
    fixture.build().assert_code(1).assert_stderr_has(&[
        "content/divisions/alfa/stories/alfa-historie.md and content/divisions/beta/stories/alfa-alfa-historie.md would both be written to `stories/alfa-alfa-historie/index.html`",
    ]);
}

/// Chapter ids came from slugs of the content path alone, so `guide/a/b.md` and
/// `guide/a-b.md` were both `kap-guide-a-b` on the print page.
#[test]
fn print_chapter_ids_stay_unique_when_two_paths_share_a_slug() {
    let fixture = Fixture::copy("plain");
    fixture.write(
        "content/guide/a/b.md",
        "---\ntitle: Under a\n---\n\n## Mål\n\nTekst.\n",
    );
    fixture.write(
        "content/guide/a-b.md",
        "---\ntitle: Med bindestreg\n---\n\n## Mål\n\nTekst.\n",
    );
    fixture.build().assert_ok();
    let print = fixture.build().html("print/index.html");
    let ids: Vec<&str> = select(&print, "[id]")
        .iter()
        .filter_map(|e| e.value().attr("id"))
        .collect();
    let unique: std::collections::BTreeSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "every id once: {ids:?}");
    let chapters: Vec<String> = select(&print, "section.chapter h2.chapter__title")
        .iter()
        .map(text_of)
        .collect();
    assert!(
        chapters.iter().any(|c| c == "Under a") && chapters.iter().any(|c| c == "Med bindestreg")
    );
}

// ---------------------------------------------------------------- issue 12, item 12

#[test]
fn a_nul_byte_in_a_page_reaches_the_html_as_the_replacement_character() {
    let fixture = Fixture::copy("plain");
    fixture.write_bytes(
        "content/guide/nul.md",
        b"---\ntitle: Nul\0tegn\n---\n\nFoer\0efter `ko\0de` <span>r\0\xc3\xa5</span>\n\n```\nblok\0\n```\n",
    );
    let run = fixture.build();
    run.assert_ok();
    let html = run.text("guide/nul/index.html");
    assert!(!html.contains('\0'), "a NUL byte reached the HTML");
    let text = main_text(&run, "guide/nul/index.html");
    for part in [
        "Nul\u{FFFD}tegn",
        "Foer\u{FFFD}efter",
        "ko\u{FFFD}de",
        "r\u{FFFD}å",
        "blok\u{FFFD}",
    ] {
        assert!(text.contains(part), "{part:?} not in {text:?}");
    }
}

#[test]
fn escape_codes_in_a_file_name_are_shown_escaped_on_the_terminal() {
    let fixture = Fixture::copy("plain");
    fixture.write("content/guide/rød\u{1b}[2J\u{7}.md", "Ingen titel.\n");
    let run = fixture.build();
    run.assert_code(1).assert_stderr_has(&[
        "content/guide/rød\\u{1b}[2J\\u{7}.md:1:1: error: this page has no `title`",
    ]);
    assert!(
        !run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'),
        "a control character reached the terminal:\n{}",
        run.stderr
    );
}

#[test]
fn a_base_url_that_is_not_a_web_address_is_an_error_at_its_line() {
    let fixture = Fixture::copy("plain");
    fixture.write(
        "handbook.yaml",
        "title: Testhåndbog\nbase_url: \"javascript:alert(document.domain)//\"\n",
    );
    let run = fixture.build();
    run.assert_code(1).assert_stderr_has(&[
        "handbook.yaml:2:11: error: `base_url: javascript:alert(document.domain)//` is not a web address",
        "https://",
    ]);
    assert!(!run.exists("sitemap.xml"));
    fixture.write(
        "handbook.yaml",
        "title: Testhåndbog\nbase_url: https://intranet.example.com/haandbog/\n",
    );
    let run = fixture.build();
    run.assert_ok();
    assert!(
        run.text("sitemap.xml")
            .contains("https://intranet.example.com/haandbog/")
    );
}

// ---------------------------------------------------------------- issue 12, item 15

/// macOS writes `å` in file names as `a` + U+030A (NFD): the URL was `ma-l-og-midler/`
/// and every link to the page led nowhere.
#[test]
fn a_file_name_written_decomposed_gets_the_composed_url_and_links_reach_it() {
    let fixture = Fixture::copy("plain");
    fixture.write(
        "content/guide/Ma\u{30a}l-og-midler.md",
        "---\ntitle: Ma\u{30a}l og midler\n---\n\n## Ma\u{30a}l for ugen\n\nTekst.\n",
    );
    fixture.write(
        "content/guide/links.md",
        "---\ntitle: Links\n---\n\n[NFC](Mål-og-midler.md#mål-for-ugen), [NFD](Ma\u{30a}l-og-midler.md#ma\u{30a}l-for-ugen), [kodet](Ma%CC%8Al-og-midler.md#m%C3%A5l-for-ugen).\n",
    );
    let run = fixture.build();
    run.assert_ok();
    assert!(run.exists("guide/maal-og-midler/index.html"));
    let html = run.html("guide/links/index.html");
    let hrefs: Vec<&str> = select(&html, "main a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .filter(|href| href.contains('#'))
        .collect();
    assert_eq!(
        hrefs, ["../../guide/maal-og-midler/index.html#mål-for-ugen"; 3],
        "{hrefs:?}"
    );
}

#[test]
fn two_files_whose_names_differ_only_in_normalisation_are_an_error_naming_both() {
    let fixture = Fixture::copy("plain");
    fixture.write("content/guide/Mål.md", "---\ntitle: A\n---\n");
    fixture.write("content/guide/Ma\u{30a}l.md", "---\ntitle: B\n---\n");
    let run = fixture.build();
    run.assert_code(1).assert_stderr_has(&[
        "content/guide/Mål.md",
        "have the same name, written with different Unicode forms",
    ]);
}

// ---------------------------------------------------------------- issue 12, item 14

/// A 253-byte story name passed `check`; `build` then failed with "File name too long"
/// without naming the story, since a shared story is written as `<division>-<file>`.
#[test]
fn a_shared_story_whose_output_name_is_too_long_is_found_by_check_naming_it() {
    let fixture = Fixture::copy("divisions");
    let stem = "h".repeat(251);
    let story = format!("content/divisions/alfa/stories/{stem}.md");
    fixture.write(&story, "---\ntitle: Lang\nshare: true\n---\n\nTekst.\n");
    let checked = fixture.run(&["check"]);
    checked
        .assert_code(1)
        .assert_stderr_has(&[&format!("{story}: error: the output name `alfa-hhh"), "255"]);
    fixture
        .build()
        .assert_code(1)
        .assert_stderr_has(&[&format!("{story}: error: the output name")]);
}

// ---------------------------------------------------------------- issue 12, item 13

/// A wrong `language` in handbook.yaml gave one error per site, most of them at a
/// division.yaml that does not set the language; a division's own wrong language is
/// reported at its own `language:` line.
#[test]
fn a_language_without_labels_is_one_error_at_the_language_line_that_chose_it() {
    let fixture = Fixture::copy("divisions");
    fixture.edit("handbook.yaml", "language: da", "language: xx");
    let run = fixture.build();
    run.assert_code(1).assert_stderr_has(&[
        "handbook.yaml:2:11: error: the theme has no labels for the language `xx`",
    ]);
    assert_eq!(
        run.stderr.matches("has no labels").count(),
        1,
        "{}",
        run.stderr
    );
    fixture.edit("handbook.yaml", "language: xx", "language: da");
    fixture.edit(
        "content/divisions/beta/division.yaml",
        "language: en",
        "language: yy",
    );
    let run = fixture.build();
    run.assert_code(1).assert_stderr_has(&[
        "content/divisions/beta/division.yaml:2:11: error: the theme has no labels for the language `yy`",
    ]);
    assert_eq!(
        run.stderr.matches("has no labels").count(),
        1,
        "{}",
        run.stderr
    );
}

/// serde stops at the first problem of a file: only the first unknown key of a front
/// matter or YAML file was reported, one more per build.
#[test]
fn every_unknown_key_and_wrong_value_of_a_file_is_reported_in_one_run() {
    let fixture = Fixture::copy("plain");
    fixture.write(
        "content/guide/taster.md",
        "---\ntitel: Taster\nsumary: x\nweight: tung\ndraft: true\nauthor: Mig\nmodules: [x]\n---\n\nTekst.\n",
    );
    fixture.write(
        "content/followup.yaml",
        "title: Opfølgning\nweeks:\n  - week: 1\n    titel: Start\n  - week: 0x10\n    title: Videre\n    kitt: kit/uge-2.pdf\nextras: {}\n",
    );
    fixture.edit(
        "content/business-case.yaml",
        "shift_pct: 10",
        "shift_pct: 0x10",
    );
    let run = fixture.run(&["check"]);
    run.assert_code(1).assert_stderr_has(&[
        "content/guide/taster.md:2:1: error: unknown key `titel`",
        "did you mean `title`?",
        "content/guide/taster.md:3:1: error: unknown key `sumary`",
        "content/guide/taster.md:4:9: error: expected a whole number, found the text \"tung\" (in `weight`)",
        "content/guide/taster.md:6:1: error: unknown key `author`",
        "content/guide/taster.md:7:1: error: `modules` is not allowed on a plain page",
        "content/followup.yaml:3:5: error: missing required key `title` (in `weeks[0]`)",
        "content/followup.yaml:4:5: error: unknown key `titel` (in `weeks[0]`)",
        "content/followup.yaml:5:11: error: `0x10` is not a decimal number (in `weeks[1].week`)",
        "write numbers in decimal, with the digits 0 to 9: `16`",
        "content/followup.yaml:7:5: error: unknown key `kitt` (in `weeks[1]`)",
        "content/followup.yaml:8:1: error: unknown key `extras`",
        "content/business-case.yaml:1:12: error: `0x10` is not a decimal number (in `shift_pct`)",
    ]);
    assert!(
        !run.stderr.contains("found the number `16`"),
        "{}",
        run.stderr
    );
}
