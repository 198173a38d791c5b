//! A pass of `markdown::render` over pulldown-cmark's events, after raw HTML is judged:
//! the two things pulldown-cmark writes that the site cannot publish as they are. Table
//! column alignment comes as `style` attributes, which the site's Content-Security-Policy
//! (`style-src 'self'`) does not apply, so it becomes a class; and a task list's checkbox
//! has no label, which screen readers and axe-core reject, so it gets its item's text.

use pulldown_cmark::{Alignment, CowStr, Event, Tag, TagEnd};

use super::{Spanned, escape};

/// Rewrites aligned table cells and task-list checkboxes; leaves every other event alone.
pub fn without_inline_styles<'a>(events: Vec<Spanned<'a>>) -> Vec<Spanned<'a>> {
    let mut out: Vec<Spanned<'a>> = Vec::with_capacity(events.len());
    let mut table = Table::default();
    // A checkbox waiting for its name: its place in `out`, its state, the text so far.
    let mut checkbox: Option<(usize, bool, String)> = None;
    for (event, range) in events {
        if let Some((at, checked, text)) = &mut checkbox
            && name_text(&event, text)
        {
            out[*at].0 = labelled_checkbox(*checked, text);
            checkbox = None;
        }
        let event = match event {
            Event::TaskListMarker(checked) => {
                checkbox = Some((out.len(), checked, String::new()));
                Event::TaskListMarker(checked)
            }
            other => table.rewrite(other),
        };
        out.push((event, range));
    }
    if let Some((at, checked, text)) = checkbox {
        out[at].0 = labelled_checkbox(checked, &text);
    }
    out
}

/// Where the pass is in a table.
#[derive(Default)]
struct Table {
    alignments: Vec<Alignment>,
    in_head: bool,
    column: usize,
    /// The closing tag of the aligned cell being written, if it is one.
    close: Option<&'static str>,
}

impl Table {
    fn rewrite<'a>(&mut self, event: Event<'a>) -> Event<'a> {
        match event {
            Event::Start(Tag::Table(columns)) => {
                // pulldown-cmark writes no style for a column without alignment.
                let plain = vec![Alignment::None; columns.len()];
                self.alignments = columns;
                Event::Start(Tag::Table(plain))
            }
            Event::Start(Tag::TableHead) => {
                (self.in_head, self.column) = (true, 0);
                event
            }
            Event::End(TagEnd::TableHead) => {
                self.in_head = false;
                event
            }
            Event::Start(Tag::TableRow) => {
                self.column = 0;
                event
            }
            Event::Start(Tag::TableCell) => {
                let (tag, end) = if self.in_head {
                    ("th", "</th>")
                } else {
                    ("td", "</td>")
                };
                let class = self
                    .alignments
                    .get(self.column)
                    .and_then(|a| alignment_class(*a));
                self.column += 1;
                match class {
                    Some(class) => {
                        self.close = Some(end);
                        Event::InlineHtml(CowStr::from(format!("<{tag} class=\"{class}\">")))
                    }
                    None => event,
                }
            }
            Event::End(TagEnd::TableCell) => match self.close.take() {
                Some(end) => Event::InlineHtml(end.into()),
                None => event,
            },
            other => other,
        }
    }
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
fn labelled_checkbox(checked: bool, label: &str) -> Event<'static> {
    let checked = if checked { " checked" } else { "" };
    Event::InlineHtml(CowStr::from(format!(
        "<input type=\"checkbox\" disabled{checked} aria-label=\"{}\">\n",
        escape(label.trim())
    )))
}

/// Adds what `event` gives to a checkbox's name: the text of its item up to the end of
/// the first paragraph (a nested list or a second paragraph is not part of it). True
/// when the name is complete.
fn name_text(event: &Event, text: &mut String) -> bool {
    match event {
        Event::Text(t) | Event::Code(t) => text.push_str(t),
        Event::SoftBreak | Event::HardBreak => text.push(' '),
        Event::End(TagEnd::Paragraph | TagEnd::Item) | Event::Start(Tag::List(_)) => {
            return true;
        }
        _ => {}
    }
    false
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
