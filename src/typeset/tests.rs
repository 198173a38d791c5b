//! Unit tests of the typesetter: the escaping function against hostile text (as Typst
//! itself lays it out), the Markdown converter's structure, and errors without panics.

use std::collections::BTreeMap;

use proptest::prelude::*;
use typst::layout::{Frame, FrameItem};

use super::markup::string_literal;
use super::*;

fn book(chapters: Vec<Chapter>) -> Book {
    Book {
        language: "da".to_owned(),
        title: "Bog".to_owned(),
        subtitle: None,
        date: jiff::civil::date(2026, 3, 1),
        date_text: "1. marts 2026".to_owned(),
        contacts: Vec::new(),
        labels: BookLabels {
            contents: "Indhold".to_owned(),
            page: "Side".to_owned(),
            local: "Lokal implementering".to_owned(),
            contacts: "Kontaktpersoner".to_owned(),
            email: "E-mail".to_owned(),
            phone: "Telefon".to_owned(),
        },
        chapters,
        files: BTreeMap::new(),
    }
}

fn one_chapter(body: Markup) -> Book {
    book(vec![Chapter {
        id: "c".to_owned(),
        level: 1,
        title: "Kapitel".to_owned(),
        kicker: None,
        local: false,
        body,
    }])
}

/// The text Typst laid out on the pages after the cover and contents, in order.
fn laid_out_text(book: &Book) -> Result<String, TypesetError> {
    let world = world(book)?;
    let document = without_panics(|| layout(&world))?;
    let mut text = String::new();
    for page in document.pages().iter().skip(2) {
        collect_text(&page.frame, &mut text);
    }
    Ok(text)
}

fn collect_text(frame: &Frame, out: &mut String) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => collect_text(&group.frame, out),
            FrameItem::Text(text) => {
                out.push_str(&text.text);
                out.push(' ');
            }
            _ => {}
        }
    }
}

fn plain(markdown: &str) -> Markup {
    let mut link = |destination: &str| LinkTo::Url(destination.to_owned());
    let mut image = |_: &str| None;
    let mut heading_label = |index: usize, _: &str| Some(format!("h{index}"));
    let mut converter = Converter {
        link: &mut link,
        image: &mut image,
        heading_label: &mut heading_label,
        shift_headings: 1,
    };
    from_markdown(markdown, &mut converter)
}

/// The characters a reader sees. A soft hyphen is left out: it is a hint for line
/// breaking, which Typst may lay out once per place it could break ("#\u{ad}" came back
/// with two).
fn visible(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control() && *c != '\u{ad}')
        .collect()
}

#[test]
fn string_literal_escapes_quotes_backslashes_and_control_characters() {
    assert_eq!(string_literal("a\"b\\c"), r#""a\"b\\c""#);
    assert_eq!(string_literal("1\n2\t3\u{7}"), r#""1\n2\t3\u{7}""#);
    assert_eq!(string_literal("#$*_@<>[]`~/=-+'"), "\"#$*_@<>[]`~/=-+'\"");
}

#[test]
fn hostile_text_is_laid_out_as_written() {
    let hostile = [
        "#set text(red)",
        "$x^2$ and *strong* _emph_ @ref <label>",
        "back\\slash \\u{41} ] [ ) (",
        "// not a comment /* nor this */ end",
        "= not a heading",
        "- not a list",
        "+ not an enum",
        "1. not numbered",
        "`raw` ~ --- \"quoted\" 'single' http://example.com",
    ];
    let body = Markup::concat(
        hostile
            .iter()
            .map(|line| Markup::paragraph(Markup::text(line))),
    );
    let text = laid_out_text(&one_chapter(body)).expect("typesets");
    for line in hostile {
        assert!(
            visible(&text).contains(&visible(line)),
            "{line:?} not in {text:?}"
        );
    }
}

#[test]
fn markdown_code_keeps_every_character() {
    let markdown = "Inline `#let x = $y$ // <z> @w \\` here.\n\n```rust\n= heading?\n- item?\n/* c */ ]\n```\n";
    let text = laid_out_text(&one_chapter(plain(markdown))).expect("typesets");
    for fragment in [
        "#let x = $y$ // <z> @w \\",
        "= heading?",
        "- item?",
        "/* c */ ]",
    ] {
        assert!(
            visible(&text).contains(&visible(fragment)),
            "{fragment:?} not in {text:?}"
        );
    }
}

#[test]
fn markdown_structure_becomes_typst_calls() {
    let markup = plain(
        "# Title {#own-id}\n\n*a* **b** ~~c~~ [link](https://x.dk)\n\n- one\n  - nested\n- [x] done\n\n3. three\n\n> quoted\n\n| A | B |\n|:-:|--:|\n| 1 | 2 |\n\nNote[^n]\n\n[^n]: The note.\n\n---\n\n<div>html</div>\n",
    );
    let source = markup.as_str();
    for expected in [
        "#heading(level: 2)[#\"Title\";] #label(\"h0\")",
        "#emph[#\"a\";]",
        "#strong[#\"b\";]",
        "#strike[#\"c\";]",
        "#link(\"https://x.dk\")[#\"link\";]",
        "#list(tight: true, [#\"one\";#list(",
        "#checkbox(true) ",
        "#enum(tight: true, start: 3, ",
        "#quote(block: true)[",
        "#table(columns: 2, align: (center,end,),table.header([#\"A\";],[#\"B\";],),",
        "#footnote[#\"The note.\";]",
        "#hrule()",
    ] {
        assert!(source.contains(expected), "{expected:?} not in {source}");
    }
    assert!(!source.contains("div"), "raw HTML is dropped: {source}");
    let text = laid_out_text(&one_chapter(markup)).expect("typesets");
    assert!(text.contains("The note."), "{text}");
}

#[test]
fn a_heading_label_can_be_any_text() {
    let markup = Markup::concat([
        Markup::heading(
            2,
            "Mål",
            Some("kap-experiences-03-linjeledere--mål-og-midler \"x\""),
        ),
        Markup::link(
            &LinkTo::Label("kap-experiences-03-linjeledere--mål-og-midler \"x\"".to_owned()),
            Markup::text("til målet"),
        ),
    ]);
    let text = laid_out_text(&one_chapter(markup)).expect("typesets");
    assert!(text.contains("til målet"), "{text}");
}

#[test]
fn a_local_section_carries_the_local_tag() {
    let markup = Markup::note_box(
        Some("Vores plan"),
        Markup::paragraph(Markup::text("Mandag.")),
    );
    let text = laid_out_text(&one_chapter(markup)).expect("typesets");
    assert!(text.contains("LOKAL IMPLEMENTERING"), "{text}");
    assert!(text.contains("Vores plan"), "{text}");
}

/// A local section's title was a line of the box, not a heading: its own headings hung
/// in the outline under the last shared heading before it.
#[test]
fn a_local_section_title_is_a_heading_of_the_outline_above_its_own() {
    let body = Markup::concat([
        Markup::heading(2, "Fælles mål", None),
        Markup::local_section("Lokal plan", 2, Markup::heading(3, "Tidsplan", None)),
    ]);
    let bytes = pdf(&one_chapter(body)).expect("typesets");
    let document = lopdf::Document::load_mem(&bytes).expect("a PDF");
    let toc = document.get_toc().expect("an outline");
    let headings: Vec<(usize, String)> = toc.toc.into_iter().map(|t| (t.level, t.title)).collect();
    assert!(
        headings.contains(&(2, "Lokal plan".to_string())),
        "{headings:?}"
    );
    assert!(
        headings.contains(&(3, "Tidsplan".to_string())),
        "{headings:?}"
    );
}

#[test]
fn a_link_to_a_missing_label_is_text() {
    let markup = Markup::link(
        &LinkTo::Label("nowhere".to_owned()),
        Markup::text("nowhere"),
    );
    let text = laid_out_text(&one_chapter(markup)).expect("a broken link is no error");
    assert!(text.contains("nowhere"));
}

#[test]
fn a_link_to_a_label_used_twice_is_text() {
    let markup = Markup::concat([
        Markup::heading(2, "Første", Some("same")),
        Markup::heading(2, "Anden", Some("same")),
        Markup::link(&LinkTo::Label("same".to_owned()), Markup::text("hvilken?")),
    ]);
    let text = laid_out_text(&one_chapter(markup)).expect("a label used twice is no error");
    assert!(text.contains("hvilken?"));
    pdf(&one_chapter(Markup::heading(2, "x", Some("c"))))
        .expect("a heading may repeat a chapter's label");
}

#[test]
fn broken_markup_is_an_error_with_the_line() {
    let error = pdf(&one_chapter(Markup("#let x = (".to_owned()))).expect_err("broken markup");
    assert!(error.message.contains("/main.typ:"), "{error}");
    assert!(error.message.contains("#let x = ("), "{error}");
}

#[test]
fn a_package_import_fails_without_the_network() {
    let markup = Markup("#import \"@preview/cetz:0.3.0\": canvas\n".to_owned());
    let error = pdf(&one_chapter(markup)).expect_err("no packages");
    assert!(error.message.contains("not available"), "{error}");
}

#[test]
fn a_file_outside_the_book_is_not_found() {
    let markup = Markup("#read(\"/etc/passwd\")\n".to_owned());
    let error = pdf(&one_chapter(markup)).expect_err("no file system");
    assert!(error.message.contains("not found"), "{error}");
}

#[test]
fn today_is_the_book_date() {
    let markup = Markup("#datetime.today().display()\n".to_owned());
    let text = laid_out_text(&one_chapter(markup)).expect("typesets");
    assert!(text.contains("2026-03-01"), "{text}");
}

/// Characters a hostile author would use, and ordinary letters around them.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select(
            "#$*_@<>[]()`~/=-+\"'\\{}:;.,!?%&|^ 1aZæøåÅ€–—…«»„“"
                .chars()
                .collect::<Vec<_>>()
        ),
        prop::char::range(' ', '~'),
        prop::char::range('\u{a1}', '\u{17f}'),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any text compiles, and every visible character of it is laid out.
    #[test]
    fn any_text_survives(chars in prop::collection::vec(hostile_char(), 0..40)) {
        let text: String = chars.into_iter().collect();
        let body = Markup::paragraph(Markup::text(&text));
        let laid_out = laid_out_text(&one_chapter(body)).expect("any text typesets");
        let mut expected: Vec<char> = visible(&text).chars().collect();
        let mut got: Vec<char> = visible(&laid_out).chars().collect();
        // The chapter title and the page number are on the page too.
        for c in "Kapitel".chars().chain("Side3".chars()) {
            if let Some(i) = got.iter().position(|&g| g == c) {
                got.remove(i);
            }
        }
        expected.sort_unstable();
        got.sort_unstable();
        prop_assert_eq!(expected, got);
    }

    /// Any text in Markdown compiles, whatever markup it happens to contain.
    #[test]
    fn any_markdown_typesets(chars in prop::collection::vec(hostile_char(), 0..80)) {
        let markdown: String = chars.into_iter().collect();
        let result = laid_out_text(&one_chapter(plain(&markdown)));
        prop_assert!(result.is_ok(), "{:?}", result);
    }
}

/// The kinds of item Typst laid out on the chapter pages, to find images.
fn has_image(frame: &Frame) -> bool {
    frame.items().any(|(_, item)| match item {
        FrameItem::Group(group) => has_image(&group.frame),
        FrameItem::Image(..) => true,
        _ => false,
    })
}

fn with_image(resolve: Option<&str>) -> Book {
    let mut link = |_: &str| LinkTo::Text;
    let path = resolve.map(str::to_owned);
    let mut image = |source: &str| {
        assert_eq!(source, "../images/dot.svg", "the source as written");
        path.clone()
    };
    let mut heading_label = |_: usize, _: &str| None;
    let mut converter = Converter {
        link: &mut link,
        image: &mut image,
        heading_label: &mut heading_label,
        shift_headings: 1,
    };
    let body = from_markdown("Før ![En *prik*](../images/dot.svg) efter.", &mut converter);
    let mut book = one_chapter(body);
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><circle cx="10" cy="10" r="8"/></svg>"#;
    book.files
        .insert("/images/dot.svg".to_owned(), svg.as_slice().into());
    book
}

#[test]
fn an_image_comes_from_the_files_given() {
    let book = with_image(Some("/images/dot.svg"));
    let world = world(&book).expect("world");
    let document = layout(&world).expect("typesets");
    assert!(
        document
            .pages()
            .iter()
            .skip(2)
            .any(|page| has_image(&page.frame))
    );
    pdf(&book).expect("exports");
}

#[test]
fn an_image_without_a_file_is_its_alternative_text() {
    let text = laid_out_text(&with_image(None)).expect("typesets");
    assert!(text.contains("En prik"), "{text}");
}

#[test]
fn danish_text_is_hyphenated() {
    let text = format!(
        "{}{}",
        "Førstelinjelederens ".repeat(3),
        "ledelsesudviklingsprogrammets ".repeat(40)
    );
    let laid_out =
        laid_out_text(&one_chapter(Markup::paragraph(Markup::text(&text)))).expect("typesets");
    let hyphenated = laid_out
        .split(' ')
        .any(|item| item.ends_with(['-', '\u{ad}', '\u{2010}']));
    assert!(hyphenated, "some line ends in a hyphen: {laid_out}");
}

/// 50,000 list markers on one line made Typst give up ("maximum parsing depth exceeded")
/// and the whole PDF failed: nesting past `MAX_NESTING` is written flat, text kept.
#[test]
fn markdown_nested_past_the_limit_typesets_with_its_text() {
    let mut markdown = format!("{}innerst\n\n", "- ".repeat(5_000));
    markdown.push_str(&format!("{}dybt citat\n\n", "> ".repeat(500)));
    markdown.push_str(&format!(
        "{}fed{}\n\n",
        "**_".repeat(200),
        "_**".repeat(200)
    ));
    for level in 0..300 {
        markdown.push_str(&"  ".repeat(level));
        markdown.push_str(&format!("- punkt {level}\n"));
    }
    markdown.push_str("\n| a | b |\n|---|---|\n| celle | to |\n");
    let text = laid_out_text(&one_chapter(plain(&markdown))).expect("typesets");
    for fragment in ["innerst", "dybtcitat", "fed", "punkt0", "punkt299", "celle"] {
        assert!(
            visible(&text).contains(fragment),
            "{fragment:?} not in the text"
        );
    }
}
