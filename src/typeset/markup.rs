//! Typst markup for the typesetter: Markdown turned into Typst over pulldown-cmark's
//! events, and small builders for the chapters the book generates (weeks, months, the
//! business case).
//!
//! Every piece of text reaches Typst through `string_literal`, the one escaping function:
//! text becomes a code-mode string (`#"…";`), which Typst prints as it is, so no character
//! an author writes (`#`, `$`, `*`, `_`, `@`, `<`, `\`, `//`, a line starting with `=` or
//! `1.`) can become markup. Structure is written as function calls (`#emph[…]`,
//! `#list(…)`), never as markup shorthands, so nothing depends on line starts.

use std::collections::HashMap;
use std::fmt::Write as _;

use pulldown_cmark::{Alignment, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

/// Typst markup we generated. Only this module builds it, so every text in it was escaped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markup(pub(super) String);

/// Where a link in the book goes, as the caller resolves it for one division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTo {
    /// A chapter or heading inside the book, by the label it was given.
    Label(String),
    /// An external address or a file, linked as it is.
    Url(String),
    /// No target in the book: the link text only.
    Text,
}

/// The alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Start,
    Center,
    End,
}

/// What the caller decides while Markdown is converted: where links and images go, and
/// which label each heading gets.
pub struct Converter<'a> {
    /// The destination as written (an email autolink gets `mailto:`) -> where it goes.
    pub link: &'a mut dyn FnMut(&str) -> LinkTo,
    /// The source as written -> the virtual path of the image among the book's files, or
    /// `None` to print the alternative text instead.
    pub image: &'a mut dyn FnMut(&str) -> Option<String>,
    /// (heading index in the document, id from `{#id}` or "") -> its label, if any.
    pub heading_label: &'a mut dyn FnMut(usize, &str) -> Option<String>,
    /// Added to every heading level, so a page's `#` sits under its chapter.
    pub shift_headings: u8,
}

/// The same extensions as the HTML site (`crate::markdown`), so both read a page alike.
fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// `text` as a Typst string literal: the one escaping function of the typesetter.
pub(crate) fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Markup {
    /// Text printed exactly as given.
    pub fn text(text: &str) -> Markup {
        if text.is_empty() {
            return Markup::default();
        }
        Markup(format!("#{};", string_literal(text)))
    }

    /// Content followed by a paragraph break.
    pub fn paragraph(inner: Markup) -> Markup {
        Markup(format!("{}\n\n", inner.0.trim_end()))
    }

    pub fn strong(inner: Markup) -> Markup {
        Markup(format!("#strong[{}]", inner.0))
    }

    pub fn emph(inner: Markup) -> Markup {
        Markup(format!("#emph[{}]", inner.0))
    }

    /// A heading at `level` (1 is a chapter's level), with a label to link to.
    pub fn heading(level: u8, text: &str, label: Option<&str>) -> Markup {
        let mut out = format!(
            "#heading(level: {})[{}]",
            level.max(1),
            Markup::text(text).0
        );
        push_label(&mut out, label);
        out.push_str("\n\n");
        Markup(out)
    }

    /// `body` linking to `to`.
    pub fn link(to: &LinkTo, body: Markup) -> Markup {
        match to {
            LinkTo::Label(label) => Markup(format!("#xref({})[{}]", string_literal(label), body.0)),
            LinkTo::Url(url) => Markup(format!("#link({})[{}]", string_literal(url), body.0)),
            LinkTo::Text => body,
        }
    }

    /// A bulleted list.
    pub fn list(items: Vec<Markup>) -> Markup {
        let items: String = items
            .iter()
            .map(|item| format!("[{}],", item.0.trim_end()))
            .collect();
        Markup(format!("#list({items})\n\n"))
    }

    /// A numbered list.
    pub fn enumerate(items: Vec<Markup>) -> Markup {
        let items: String = items
            .iter()
            .map(|item| format!("[{}],", item.0.trim_end()))
            .collect();
        Markup(format!("#enum({items})\n\n"))
    }

    /// A table with a header row; `align` gives each column's alignment (start if missing).
    pub fn table(headers: &[&str], rows: &[Vec<Markup>], align: &[Align]) -> Markup {
        let columns = headers
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0))
            .max(1);
        let mut out = table_open(columns, align);
        out.push_str("table.header(");
        for header in headers {
            let _ = write!(out, "[{}],", Markup::text(header).0);
        }
        out.push_str("),");
        for row in rows {
            for cell in row {
                let _ = write!(out, "[{}],", cell.0.trim_end());
            }
            // A short row is filled, so the next row starts in the first column.
            for _ in row.len()..columns {
                out.push_str("[],");
            }
        }
        out.push_str(")\n\n");
        Markup(out)
    }

    /// A definition-like list: each label beside its value, in a panel.
    pub fn facts(pairs: &[(&str, Markup)]) -> Markup {
        let mut out = String::from("#facts(");
        for (label, value) in pairs {
            let _ = write!(
                out,
                "({}, [{}]),",
                string_literal(label),
                value.0.trim_end()
            );
        }
        out.push_str(")\n\n");
        Markup(out)
    }

    /// A division's own section, visibly marked as local, with an optional title.
    pub fn note_box(title: Option<&str>, body: Markup) -> Markup {
        let title = title.map_or_else(|| "none".to_owned(), string_literal);
        Markup(format!(
            "#local-box(local-word, title: {title})[{}]\n\n",
            body.0.trim_end()
        ))
    }

    /// A division's own section of a page: marked as local, its title a heading of
    /// `level` (in the outline, with the section's own headings below it).
    pub fn local_section(title: &str, level: u8, body: Markup) -> Markup {
        Markup(format!(
            "#local-box(local-word, title: {}, level: {level})[{}]\n\n",
            string_literal(title),
            body.0.trim_end()
        ))
    }

    /// The parts one after the other.
    pub fn concat(parts: impl IntoIterator<Item = Markup>) -> Markup {
        Markup(parts.into_iter().map(|part| part.0).collect())
    }

    pub fn push(&mut self, other: Markup) {
        self.0.push_str(&other.0);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The Typst source, for the book's main file and for tests.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn push_label(out: &mut String, label: Option<&str>) {
    if let Some(label) = label.filter(|label| !label.is_empty()) {
        let _ = write!(out, " #label({})", string_literal(label));
    }
}

fn table_open(columns: usize, align: &[Align]) -> String {
    let aligns: String = (0..columns)
        .map(|i| match align.get(i).copied().unwrap_or_default() {
            Align::Start => "start,",
            Align::Center => "center,",
            Align::End => "end,",
        })
        .collect();
    format!("#table(columns: {columns}, align: ({aligns}),")
}

/// Markdown as Typst markup. Raw HTML is dropped (the HTML side reports it); footnote
/// definitions may stand anywhere and are printed at their references.
pub fn from_markdown(markdown: &str, converter: &mut Converter) -> Markup {
    let (events, footnotes) = prepare(markdown, converter);
    let mut writer = Writer {
        out: String::with_capacity(markdown.len() * 2),
        converter,
        footnotes: &footnotes,
        open_footnotes: Vec::new(),
        closers: Vec::new(),
        depth: 0,
        flat: 0,
        code: None,
        image: None,
    };
    writer.write(&events);
    Markup(writer.out.trim_end().to_owned() + "\n\n")
}

type Footnotes<'e> = HashMap<String, Vec<Event<'e>>>;

/// Parses, takes the footnote definitions out of the flow, and gives each heading its
/// label in document order (the `id` of a heading event is its label from here on).
fn prepare<'e>(markdown: &'e str, converter: &mut Converter) -> (Vec<Event<'e>>, Footnotes<'e>) {
    let mut events = Vec::new();
    let mut footnotes = HashMap::new();
    let mut definition: Option<(String, Vec<Event<'e>>, usize)> = None;
    let mut headings = 0;
    for mut event in Parser::new_ext(markdown, parser_options()) {
        if let Event::Start(Tag::Heading { id, .. }) = &mut event {
            let label = (converter.heading_label)(headings, id.as_deref().unwrap_or(""));
            *id = label.map(CowStr::from);
            headings += 1;
        }
        match (&mut definition, event) {
            (None, Event::Start(Tag::FootnoteDefinition(label))) => {
                definition = Some((label.to_string(), Vec::new(), 0));
            }
            (Some((label, body, depth)), event) => {
                match &event {
                    Event::Start(Tag::FootnoteDefinition(_)) => *depth += 1,
                    Event::End(TagEnd::FootnoteDefinition) if *depth == 0 => {
                        footnotes.insert(std::mem::take(label), std::mem::take(body));
                        definition = None;
                        continue;
                    }
                    Event::End(TagEnd::FootnoteDefinition) => *depth -= 1,
                    _ => {}
                }
                body.push(event);
            }
            (None, event) => events.push(event),
        }
    }
    (events, footnotes)
}

/// Whether a tag opens a block or call in Typst (and so counts towards `MAX_NESTING`).
fn opens_something(tag: &Tag) -> bool {
    !matches!(
        tag,
        Tag::Paragraph
            | Tag::HtmlBlock
            | Tag::TableRow
            | Tag::CodeBlock(_)
            | Tag::Image { .. }
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_)
    )
}

/// Whether a tag's text stands as a block of its own when written flat.
fn is_block(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
    )
}

/// What closes an open tag.
enum Closer {
    /// `]` or `)`.
    Close(&'static str),
    Nothing,
    /// `]` and the heading's label.
    Heading(Option<String>),
    /// A tag nested too deep, written as its text alone (see `MAX_NESTING`).
    Flat,
}

/// How many blocks and calls may be open at once. Typst refuses markup nested deeper
/// than its parser allows, and no reader follows a list 30 levels deep: Markdown nested
/// deeper (50,000 list markers on one line) keeps its text, without the nesting.
const MAX_NESTING: usize = 30;

struct Writer<'w, 'c, 'e> {
    out: String,
    converter: &'w mut Converter<'c>,
    footnotes: &'w Footnotes<'e>,
    /// Footnotes being written, so one that refers to itself does not recurse forever.
    open_footnotes: Vec<String>,
    closers: Vec<Closer>,
    /// How many of `closers` close something (`Close` or `Heading`), and how many are
    /// `Flat`.
    depth: usize,
    flat: usize,
    /// The text of the code block being read.
    code: Option<String>,
    /// The source and alternative text of the image being read.
    image: Option<(String, String)>,
}

impl Writer<'_, '_, '_> {
    fn write(&mut self, events: &[Event]) {
        for (index, event) in events.iter().enumerate() {
            match event {
                Event::Start(tag) => self.start(tag, events, index),
                Event::End(tag) => self.end(*tag),
                Event::Text(text) => self.text(text),
                Event::Code(code) => self.inline_code(code),
                Event::InlineMath(text) | Event::DisplayMath(text) => self.text(text),
                Event::Html(_) | Event::InlineHtml(_) => {}
                Event::FootnoteReference(label) => self.footnote(label),
                Event::SoftBreak => self.soft_break(),
                Event::HardBreak => self.out.push_str("#linebreak()"),
                Event::Rule => self.out.push_str("#hrule()\n\n"),
                Event::TaskListMarker(done) => {
                    let _ = write!(self.out, "#checkbox({done}) ");
                }
            }
        }
    }

    fn start(&mut self, tag: &Tag, events: &[Event], index: usize) {
        // Inside a flattened tag everything is flat; else a list, quote, table or inline
        // call nested too deep starts the flat part (its items and cells follow it).
        let part_of_parent = matches!(tag, Tag::Item | Tag::TableHead | Tag::TableCell);
        if opens_something(tag) && (self.flat > 0 || (self.depth >= MAX_NESTING && !part_of_parent))
        {
            self.flat += 1;
            self.closers.push(Closer::Flat);
            return;
        }
        let closer = match tag {
            Tag::Paragraph | Tag::HtmlBlock | Tag::TableRow => Closer::Nothing,
            Tag::Heading { level, id, .. } => {
                let level = (*level as u8).saturating_add(self.converter.shift_headings);
                let _ = write!(self.out, "#heading(level: {level})[");
                Closer::Heading(id.as_deref().map(str::to_owned))
            }
            Tag::BlockQuote(_) => self.open("#quote(block: true)["),
            Tag::CodeBlock(_) => {
                self.code = Some(String::new());
                Closer::Nothing
            }
            Tag::List(start) => self.open_list(*start, events, index),
            Tag::Item | Tag::TableCell => self.open("["),
            Tag::Table(alignments) => self.open_table(alignments),
            Tag::TableHead => {
                self.out.push_str("table.header(");
                Closer::Close(")")
            }
            Tag::Emphasis => self.open("#emph["),
            Tag::Strong => self.open("#strong["),
            Tag::Strikethrough => self.open("#strike["),
            Tag::Superscript => self.open("#super["),
            Tag::Subscript => self.open("#sub["),
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => self.open_link(*link_type, dest_url),
            Tag::Image { dest_url, .. } => {
                self.image = Some((dest_url.to_string(), String::new()));
                Closer::Nothing
            }
            Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => Closer::Nothing,
        };
        if matches!(closer, Closer::Close(_) | Closer::Heading(_)) {
            self.depth += 1;
        }
        self.closers.push(closer);
    }

    fn end(&mut self, tag: TagEnd) {
        let closer = self.closers.pop().unwrap_or(Closer::Nothing);
        match closer {
            Closer::Flat => {
                self.flat -= 1;
                self.out.push_str(if is_block(tag) { "\n\n" } else { " " });
                return;
            }
            Closer::Close(_) | Closer::Heading(_) => self.depth -= 1,
            Closer::Nothing => {}
        }
        match tag {
            TagEnd::CodeBlock => self.code_block(),
            TagEnd::Image => self.image(),
            _ => {}
        }
        match closer {
            Closer::Close(close) => self.close(close),
            Closer::Nothing | Closer::Flat => {}
            Closer::Heading(label) => {
                self.close("]");
                push_label(&mut self.out, label.as_deref());
            }
        }
        let suffix = match tag {
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Table => "\n\n",
            TagEnd::Item | TagEnd::TableCell | TagEnd::TableHead => ",",
            _ => "",
        };
        self.out.push_str(suffix);
    }

    /// Opens a content block (`head` ends in `[`).
    fn open(&mut self, head: &str) -> Closer {
        self.out.push_str(head);
        Closer::Close("]")
    }

    /// Closes a block or call; a trailing paragraph break would add space at its end.
    fn close(&mut self, close: &str) {
        let kept = self.out.trim_end().len();
        self.out.truncate(kept);
        self.out.push_str(close);
    }

    fn open_list(&mut self, start: Option<u64>, events: &[Event], index: usize) -> Closer {
        let tight = if is_loose(events, index) {
            "false"
        } else {
            "true"
        };
        match start {
            Some(start) => {
                let _ = write!(self.out, "#enum(tight: {tight}, start: {start}, ");
            }
            None => {
                let _ = write!(self.out, "#list(tight: {tight}, ");
            }
        }
        Closer::Close(")")
    }

    fn open_table(&mut self, alignments: &[Alignment]) -> Closer {
        let align: Vec<Align> = alignments
            .iter()
            .map(|alignment| match alignment {
                Alignment::None | Alignment::Left => Align::Start,
                Alignment::Center => Align::Center,
                Alignment::Right => Align::End,
            })
            .collect();
        self.out
            .push_str(&table_open(alignments.len().max(1), &align));
        Closer::Close(")")
    }

    fn open_link(&mut self, link_type: LinkType, destination: &str) -> Closer {
        let destination = match link_type {
            LinkType::Email => format!("mailto:{destination}"),
            _ => destination.to_owned(),
        };
        match (self.converter.link)(&destination) {
            LinkTo::Label(label) => {
                let _ = write!(self.out, "#xref({})[", string_literal(&label));
                Closer::Close("]")
            }
            LinkTo::Url(url) => {
                let _ = write!(self.out, "#link({})[", string_literal(&url));
                Closer::Close("]")
            }
            LinkTo::Text => Closer::Nothing,
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(code) = &mut self.code {
            code.push_str(text);
        } else if let Some((_, alt)) = &mut self.image {
            alt.push_str(text);
        } else {
            self.out.push_str(&Markup::text(text).0);
        }
    }

    fn inline_code(&mut self, code: &str) {
        if let Some((_, alt)) = &mut self.image {
            alt.push_str(code);
        } else {
            let _ = write!(self.out, "#raw({})", string_literal(code));
        }
    }

    fn soft_break(&mut self) {
        match &mut self.image {
            Some((_, alt)) => alt.push(' '),
            None => self.out.push('\n'),
        }
    }

    fn code_block(&mut self) {
        let code = self.code.take().unwrap_or_default();
        let code = code.strip_suffix('\n').unwrap_or(&code);
        let _ = write!(self.out, "#raw(block: true, {})\n\n", string_literal(code));
    }

    fn image(&mut self) {
        let Some((source, alt)) = self.image.take() else {
            return;
        };
        match (self.converter.image)(&source) {
            Some(path) => {
                let alt = if alt.is_empty() {
                    "none".to_owned()
                } else {
                    string_literal(&alt)
                };
                let _ = write!(self.out, "#picture({}, {alt})", string_literal(&path));
            }
            None => self.out.push_str(&Markup::text(&alt).0),
        }
    }

    /// A footnote is printed where it is referred to; an unknown one stays as written.
    fn footnote(&mut self, label: &str) {
        let Some(body) = self.footnotes.get(label) else {
            return self.text(&format!("[^{label}]"));
        };
        if self.open_footnotes.iter().any(|open| open == label) {
            return;
        }
        self.open_footnotes.push(label.to_owned());
        let closers = std::mem::take(&mut self.closers);
        self.out.push_str("#footnote[");
        self.write(body);
        self.close("]");
        self.closers = closers;
        self.open_footnotes.pop();
    }
}

/// Whether the list starting at `events[index]` has paragraphs in its own items (a loose
/// list in CommonMark terms), which Typst spaces like paragraphs.
fn is_loose(events: &[Event], index: usize) -> bool {
    let mut depth = 0usize;
    for event in &events[index + 1..] {
        match event {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) if depth == 0 => return false,
            Event::End(TagEnd::List(_)) => depth -= 1,
            Event::Start(Tag::Paragraph) if depth == 0 => return true,
            _ => {}
        }
    }
    false
}
