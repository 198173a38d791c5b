//! Inline Markdown: the short texts of the programme's data files (a follow-up week's
//! `meeting` and `note`, an activity's `description`), rendered once at load by the same
//! passes as a page body, with their internal links as holes filled per division.
//!
//! A data text sits inside a line of a page (`<p>Note: ...</p>`), so block structure is
//! flattened: paragraphs, list items and headings become lines (`<br>`), and only inline
//! markup (links, emphasis, code) remains. The same events also give the text without
//! markup, for calendar files.

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use super::{
    Document, Filled, Link, Locate, MarkdownOptions, RENDER_COUNT, RawHtml, Source, Spanned,
    cut_holes, extract_links, handle_raw_html, lint_accessibility, parser_options, sanitize,
    without_sentinels,
};
use crate::diagnostics::{Diagnostic, Position};

/// An inline text, rendered once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    /// The HTML, with no block element around it, and its internal links.
    pub document: Document,
    /// The text without markup.
    plain: Vec<Plain>,
}

/// A piece of the plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Plain {
    Text(String),
    /// The end of internal link n's text: its address may follow.
    LinkEnd(usize),
}

impl Inline {
    /// The internal links, in order.
    pub fn links(&self) -> &[Link] {
        &self.document.links
    }

    /// The HTML with every link hole filled by `filled` (one entry per link).
    pub fn html(&self, filled: &[Filled]) -> String {
        self.document.fill(filled)
    }

    /// The text without markup. An internal link whose entry in `addresses` is given is
    /// followed by that address in angle brackets (a calendar cannot link a word).
    pub fn plain(&self, addresses: &[Option<String>]) -> String {
        let mut out = String::new();
        for part in &self.plain {
            match part {
                Plain::Text(text) => out.push_str(text),
                Plain::LinkEnd(index) => {
                    if let Some(Some(address)) = addresses.get(*index) {
                        out.push_str(" <");
                        out.push_str(address);
                        out.push('>');
                    }
                }
            }
        }
        out.trim().to_string()
    }
}

/// Renders `text`, a value of the data file `file`; `locate` gives the position in the
/// file of each byte offset of `text`, so that every diagnostic points at its line.
pub fn render_inline(
    text: &str,
    file: &str,
    options: &MarkdownOptions,
    locate: &dyn Fn(usize) -> Position,
) -> (Inline, Vec<Diagnostic>) {
    RENDER_COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let body = without_sentinels(text);
    let mut source = Source {
        file,
        body: &body,
        locate: Locate::Mapped(locate),
        problems: Vec::new(),
    };
    let events: Vec<Spanned> = Parser::new_ext(&body, parser_options())
        .into_offset_iter()
        .collect();
    let events = inline_only(events);
    lint_accessibility(&events, &mut source);
    let (events, has_raw_html) = handle_raw_html(events, options.raw_html, &mut source);
    let (events, links) = extract_links(events, &mut source);
    let plain = plain_parts(&events, &links);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(event, _)| event));
    if has_raw_html && options.raw_html == RawHtml::Sanitize {
        html = sanitize::sanitize(&html);
    }
    let (html, holes) = cut_holes(html.trim_end());
    let document = Document {
        html,
        holes,
        links,
        headings: Vec::new(),
        source: body.to_string(),
    };
    (Inline { document, plain }, source.problems)
}

fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Pass: block elements are dropped; where one ends and more text follows, a line break.
fn inline_only(events: Vec<Spanned>) -> Vec<Spanned> {
    let mut out: Vec<Spanned> = Vec::with_capacity(events.len());
    let mut break_pending = false;
    for (event, range) in events {
        let keep = match &event {
            Event::Start(tag) => is_inline(tag),
            Event::End(tag) => is_inline_end(tag),
            Event::Rule | Event::TaskListMarker(_) | Event::FootnoteReference(_) => false,
            _ => true,
        };
        if !keep {
            let ends_block = matches!(event, Event::End(_) | Event::Rule);
            break_pending |= ends_block && !out.is_empty();
            continue;
        }
        if std::mem::take(&mut break_pending) {
            out.push((Event::HardBreak, range.start..range.start));
        }
        out.push((event, range));
    }
    out
}

/// The plain text of the events after the link pass: internal links are hole markers.
fn plain_parts(events: &[Spanned], links: &[Link]) -> Vec<Plain> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut external: Vec<String> = Vec::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            // The author's line breaks are kept: a calendar shows them as they were.
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::Start(Tag::Link { dest_url, .. }) => external.push(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                let address = external.pop().unwrap_or_default();
                if !text.ends_with(address.trim_start_matches("mailto:")) {
                    text.push_str(&format!(" <{address}>"));
                }
            }
            Event::InlineHtml(html) => match hole(html) {
                Some(('c', index)) => {
                    parts.push(Plain::Text(std::mem::take(&mut text)));
                    parts.push(Plain::LinkEnd(index));
                }
                Some(('i', index)) => {
                    text.push_str(links.get(index).map_or("", |l| l.alt.as_str()))
                }
                _ => {}
            },
            _ => {}
        }
    }
    parts.push(Plain::Text(text));
    parts
}

/// The kind and index of a hole marker written by the link pass.
fn hole(html: &CowStr) -> Option<(char, usize)> {
    let inner = html
        .strip_prefix(super::HOLE_START)?
        .strip_suffix(super::HOLE_END)?;
    let mut chars = inner.chars();
    let kind = chars.next()?;
    Some((kind, chars.as_str().parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str) -> (Inline, Vec<Diagnostic>) {
        let options = MarkdownOptions {
            raw_html: RawHtml::Sanitize,
        };
        // Offsets as columns of line 7, as if the text sat there in a YAML file.
        render_inline(text, "followup.yaml", &options, &|offset| {
            Position::new(7, 10 + offset)
        })
    }

    #[test]
    fn links_and_emphasis_render_without_a_paragraph() {
        let (inline, problems) = render("Se *mødepakken* og [ugen](@/followup.yaml#week-2).");
        assert!(problems.is_empty(), "{problems:?}");
        let html = inline.html(&[Filled::Href("../followup/#week-2".into())]);
        assert_eq!(
            html,
            "Se <em>mødepakken</em> og <a href=\"../followup/#week-2\">ugen</a>."
        );
        assert_eq!(inline.links()[0].destination, "@/followup.yaml#week-2");
        // The link's path, at its place in the file.
        assert_eq!(
            inline.links()[0].position,
            Position::new(7, 10 + "Se *mødepakken* og [ugen](".len())
        );
        assert_eq!(
            inline.html(&[Filled::Text]),
            "Se <em>mødepakken</em> og ugen."
        );
    }

    #[test]
    fn plain_text_names_addresses_only_where_given() {
        let (inline, _) = render("Læs **[kittet](a.pdf)** og <https://example.com>.");
        assert_eq!(inline.plain(&[None]), "Læs kittet og https://example.com.");
        assert_eq!(
            inline.plain(&[Some("https://intra/a.pdf".into())]),
            "Læs kittet <https://intra/a.pdf> og https://example.com."
        );
        let (external, _) = render("Se [siden](https://example.com/x).");
        assert_eq!(external.plain(&[]), "Se siden <https://example.com/x>.");
    }

    #[test]
    fn blocks_become_lines() {
        let (inline, _) = render("Første linje.\n\n- et punkt\n- et andet\n\n# Overskrift");
        assert_eq!(
            inline.html(&[]),
            "Første linje.<br />\net punkt<br />\net andet<br />\nOverskrift"
        );
        assert_eq!(
            inline.plain(&[]),
            "Første linje.\net punkt\net andet\nOverskrift"
        );
    }

    #[test]
    fn raw_html_is_sanitized_and_dangerous_links_dropped() {
        let (inline, problems) = render("<b onclick=\"x()\">Hej</b> [a](javascript:alert(1))");
        let html = inline.html(&[]);
        assert!(
            !html.contains("onclick") && !html.contains("javascript"),
            "{html}"
        );
        assert!(html.contains("<b>Hej</b>"), "{html}");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 7);
    }
}
