//! A pass of `markdown::render` over pulldown-cmark's events, after raw HTML is judged:
//! the two things pulldown-cmark writes that the site cannot publish as they are. Table
//! column alignment comes as `style` attributes, which the site's Content-Security-Policy
//! (`style-src 'self'`) does not apply, so it becomes a class; and a task list's checkbox
//! has no label, which screen readers and axe-core reject, so it gets its item's text.

use pulldown_cmark::{Alignment, CowStr, Event, Tag, TagEnd};

use super::{Spanned, escape};

/// Rewrites aligned table cells and task-list checkboxes; leaves every other event alone.
pub fn without_inline_styles<'a>(events: Vec<Spanned<'a>>) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut alignments: Vec<Alignment> = Vec::new();
    let mut in_head = false;
    let mut column = 0;
    // The closing tag of the aligned cell being written, if it is one.
    let mut close: Option<&'static str> = None;
    for index in 0..events.len() {
        let (event, range) = &events[index];
        let replaced = match event {
            Event::Start(Tag::Table(columns)) => {
                alignments = columns.clone();
                // pulldown-cmark writes no style for a column without alignment.
                let plain = vec![Alignment::None; columns.len()];
                Some(Event::Start(Tag::Table(plain)))
            }
            Event::Start(Tag::TableHead) => {
                (in_head, column) = (true, 0);
                None
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                None
            }
            Event::Start(Tag::TableRow) => {
                column = 0;
                None
            }
            Event::Start(Tag::TableCell) => {
                let (tag, end) = if in_head {
                    ("th", "</th>")
                } else {
                    ("td", "</td>")
                };
                let class = alignments.get(column).and_then(|a| alignment_class(*a));
                column += 1;
                class.map(|class| {
                    close = Some(end);
                    Event::InlineHtml(CowStr::from(format!("<{tag} class=\"{class}\">")))
                })
            }
            Event::End(TagEnd::TableCell) => close.take().map(|end| Event::InlineHtml(end.into())),
            Event::TaskListMarker(checked) => Some(Event::InlineHtml(CowStr::from(checkbox(
                *checked,
                &item_text(&events[index + 1..]),
            )))),
            _ => None,
        };
        out.push((replaced.unwrap_or_else(|| event.clone()), range.clone()));
    }
    out
}

fn alignment_class(alignment: Alignment) -> Option<&'static str> {
    match alignment {
        Alignment::None => None,
        Alignment::Left => Some("align-left"),
        Alignment::Center => Some("align-center"),
        Alignment::Right => Some("align-right"),
    }
}

/// A task list's checkbox, named by its item's text.
fn checkbox(checked: bool, label: &str) -> String {
    let checked = if checked { " checked" } else { "" };
    format!(
        "<input type=\"checkbox\" disabled{checked} aria-label=\"{}\">\n",
        escape(label)
    )
}

/// The text of a list item after its checkbox, up to the end of its first paragraph (a
/// nested list or a second paragraph is not part of the checkbox's name).
fn item_text(rest: &[Spanned]) -> String {
    let mut text = String::new();
    for (event, _) in rest {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item) | Event::Start(Tag::List(_)) => break,
            _ => {}
        }
    }
    text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use crate::markdown::{MarkdownOptions, RawHtml, render};

    fn html(body: &str, raw_html: RawHtml) -> String {
        let options = MarkdownOptions { raw_html };
        render(body, 0, "x.md", &options, &[]).0.html
    }

    #[test]
    fn aligned_columns_get_classes_not_styles() {
        for mode in [RawHtml::Sanitize, RawHtml::Allow] {
            // A raw tag makes `sanitize` clean the whole page: the classes must survive it.
            let page = html(
                "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\n| d | e |\n|---|--:|\n| 4 | 5 |\n\n<kbd>x</kbd>\n",
                mode,
            );
            assert!(!page.contains("style="), "{page}");
            for cell in [
                "<th class=\"align-left\">a</th>",
                "<th class=\"align-center\">b</th>",
                "<th class=\"align-right\">c</th>",
                "<td class=\"align-left\">1</td>",
                "<td class=\"align-center\">2</td>",
                "<td class=\"align-right\">3</td>",
                "<th>d</th>",
                "<th class=\"align-right\">e</th>",
                "<td>4</td>",
                "<td class=\"align-right\">5</td>",
            ] {
                assert!(page.contains(cell), "{cell} in {page}");
            }
        }
    }

    #[test]
    fn task_list_checkboxes_are_named_by_their_item() {
        let page = html(
            "- [ ] Book the *room*\n- [x] Send `kit`\n  - [ ] nested\n",
            RawHtml::Sanitize,
        );
        assert!(
            page.contains("<input type=\"checkbox\" disabled aria-label=\"Book the room\">"),
            "{page}"
        );
        assert!(
            page.contains("<input type=\"checkbox\" disabled checked aria-label=\"Send kit\">"),
            "{page}"
        );
        assert!(page.contains("aria-label=\"nested\""), "{page}");
        // Sanitizing (any raw tag on the page) keeps the name.
        let cleaned = html("- [ ] Ring <b>HR</b> & co\n", RawHtml::Sanitize);
        assert!(
            cleaned.contains("aria-label=\"Ring HR &amp; co\""),
            "{cleaned}"
        );
    }
}
