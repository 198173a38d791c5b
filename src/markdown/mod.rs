//! Markdown: one parse per file into HTML with holes for internal links.
//!
//! `render` runs pulldown-cmark once and a few small passes over its events (heading
//! ids, code highlighting, raw HTML, links), then writes HTML. Internal links are left as
//! numbered holes; `Document::fill` fills them per division with the URLs that
//! division's tree resolves them to, so a shared page is parsed once for every division.

mod highlight;
mod ids;
mod inline;
mod markup;
mod sanitize;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{Diagnostic, LineIndex, Position};
use crate::messages::msg;

pub use highlight::stylesheet as highlight_stylesheet;
pub use ids::{IdAllocator, github_id};
pub use inline::{Inline, render_inline};

/// What happens to raw HTML written in Markdown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Keep safe markup; remove scripts, event handlers, iframes and dangerous URLs.
    #[default]
    Sanitize,
    /// Pass it through untouched (for handbooks whose authors are all trusted).
    Allow,
    /// Any raw HTML is an error.
    Deny,
}

/// How Markdown is turned into HTML, from `handbook.yaml`.
#[derive(Debug, Clone, Copy)]
pub struct MarkdownOptions {
    pub raw_html: RawHtml,
}

/// A heading of a page, for tables of contents and anchor checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// An internal link or image, resolved per division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The destination as written (`../modules/masterclass.md#mål`), percent-decoded.
    pub destination: String,
    pub title: String,
    pub position: Position,
    pub is_image: bool,
    /// The alternative text of an image.
    pub alt: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hole {
    LinkOpen(usize),
    LinkClose(usize),
    Image(usize),
    /// The id of heading n: filled with a prefix on the print page, where every page's
    /// ids must stay unique.
    HeadingId(usize),
}

/// A Markdown body, rendered once.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Document {
    html: String,
    holes: Vec<(usize, Hole)>,
    pub links: Vec<Link>,
    pub headings: Vec<Heading>,
    /// The Markdown it was made from (the body, front matter left out): the printed
    /// handbook converts it again, for Typst.
    pub source: String,
}

/// How many Markdown bodies were rendered by this process: tests use it to prove that
/// shared content is rendered once however many divisions there are.
static RENDER_COUNT: AtomicUsize = AtomicUsize::new(0);

pub fn render_count() -> usize {
    RENDER_COUNT.load(Ordering::Relaxed)
}

/// A text with its position in a file, for diagnostics.
struct Source<'a> {
    file: &'a str,
    /// The text being rendered (offsets are into it).
    body: &'a str,
    locate: Locate<'a>,
    problems: Vec<Diagnostic>,
}

/// Where an offset of the rendered text sits in its file.
enum Locate<'a> {
    /// A Markdown file's body, from `body_start` of the file's text.
    Lines {
        body_start: usize,
        lines: LineIndex<'a>,
    },
    /// A text read from a data file, whose positions the caller knows.
    Mapped(&'a dyn Fn(usize) -> Position),
}

impl Source<'_> {
    fn position(&self, body_offset: usize) -> Position {
        match &self.locate {
            Locate::Lines { body_start, lines } => lines.position(body_start + body_offset),
            Locate::Mapped(map) => map(body_offset),
        }
    }

    fn report(&mut self, diagnostic: Diagnostic, body_offset: usize) {
        let position = self.position(body_offset);
        self.problems
            .push(diagnostic.in_file(self.file).at(position));
    }
}

type Spanned<'a> = (Event<'a>, std::ops::Range<usize>);

/// Renders the body of `text` (from `body_start`) that comes from `file`. Headings get
/// ids that are unique on the page and not in `reserved_ids`.
pub fn render(
    text: &str,
    body_start: usize,
    file: &str,
    options: &MarkdownOptions,
    reserved_ids: &[&str],
) -> (Document, Vec<Diagnostic>) {
    RENDER_COUNT.fetch_add(1, Ordering::Relaxed);
    let body = without_sentinels(&text[body_start..]);
    let mut source = Source {
        file,
        body: &body,
        locate: Locate::Lines {
            body_start,
            lines: LineIndex::new(text),
        },
        problems: Vec::new(),
    };
    let events: Vec<Spanned> = Parser::new_ext(&body, parser_options())
        .into_offset_iter()
        .collect();
    let mut ids = IdAllocator::with_reserved(reserved_ids.iter().copied());
    let (events, headings) = assign_heading_ids(events, &mut ids, &mut source);
    lint_accessibility(&events, &mut source);
    // Raw HTML is judged before code is highlighted, so that only the author's HTML counts.
    let (events, has_raw_html) = handle_raw_html(events, options.raw_html, &mut source);
    let events = highlight_code(events, &mut source);
    let events = markup::without_inline_styles(events);
    let (events, links) = extract_links(events, &mut source);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(event, _)| event));
    if has_raw_html && options.raw_html == RawHtml::Sanitize {
        html = sanitize::sanitize(&html);
    }
    let (html, holes) = cut_holes(&html);
    let problems = source.problems;
    let document = Document {
        html,
        holes,
        links,
        headings,
        source: body.into_owned(),
    };
    (document, problems)
}

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The holes are marked in the written HTML by private-use characters; the same
/// characters in the author's text are replaced (same UTF-8 length, so offsets hold).
const HOLE_START: char = '\u{E000}';
const HOLE_END: char = '\u{E001}';

fn without_sentinels(text: &str) -> Cow<'_, str> {
    if text.contains([HOLE_START, HOLE_END]) {
        Cow::Owned(text.replace([HOLE_START, HOLE_END], "\u{FFFD}"))
    } else {
        Cow::Borrowed(text)
    }
}

fn hole_marker(hole: Hole) -> String {
    let (kind, index) = match hole {
        Hole::LinkOpen(i) => ('o', i),
        Hole::LinkClose(i) => ('c', i),
        Hole::Image(i) => ('i', i),
        Hole::HeadingId(i) => ('h', i),
    };
    format!("{HOLE_START}{kind}{index}{HOLE_END}")
}

/// Removes the hole markers from `html`, remembering where each one was.
fn cut_holes(html: &str) -> (String, Vec<(usize, Hole)>) {
    let mut out = String::with_capacity(html.len());
    let mut holes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(HOLE_START) {
        out.push_str(&rest[..start]);
        let after = &rest[start + HOLE_START.len_utf8()..];
        let Some(end) = after.find(HOLE_END) else {
            break;
        };
        let marker = &after[..end];
        let index = marker[1..].parse().unwrap_or(usize::MAX);
        let hole = match marker.as_bytes().first() {
            Some(b'o') => Some(Hole::LinkOpen(index)),
            Some(b'c') => Some(Hole::LinkClose(index)),
            Some(b'i') => Some(Hole::Image(index)),
            Some(b'h') => Some(Hole::HeadingId(index)),
            _ => None,
        };
        if let Some(hole) = hole.filter(|_| index != usize::MAX) {
            holes.push((out.len(), hole));
        }
        rest = &after[end + HOLE_END.len_utf8()..];
    }
    out.push_str(rest);
    (out, holes)
}

/// Pass: every heading gets an id (explicit `{#id}` or GitHub's rule); other heading
/// attributes are dropped, since they could carry event handlers.
fn assign_heading_ids<'a>(
    events: Vec<Spanned<'a>>,
    ids: &mut IdAllocator,
    source: &mut Source,
) -> (Vec<Spanned<'a>>, Vec<Heading>) {
    let mut headings = Vec::new();
    let texts = heading_texts(&events);
    let mut texts = texts.into_iter();
    let events = events
        .into_iter()
        .map(|(event, range)| match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let text = texts.next().unwrap_or_default();
                let id = match id {
                    Some(explicit) => {
                        if !ids.claim(&explicit) {
                            source.report(
                                Diagnostic::warning(msg!(
                                    "md-heading-id-twice",
                                    id = explicit.as_ref()
                                ))
                                .hint(msg!("md-heading-id-twice-hint")),
                                range.start,
                            );
                        }
                        explicit.to_string()
                    }
                    None => ids.unique(&text),
                };
                let marker = hole_marker(Hole::HeadingId(headings.len()));
                headings.push(Heading {
                    level: level as u8,
                    id,
                    text,
                });
                let tag = Tag::Heading {
                    level,
                    id: Some(CowStr::from(marker)),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                };
                (Event::Start(tag), range)
            }
            other => (other, range),
        })
        .collect();
    (events, headings)
}

/// The plain text of each heading, in order.
fn heading_texts(events: &[Spanned]) -> Vec<String> {
    let mut texts = Vec::new();
    let mut current: Option<String> = None;
    for (event, _) in events {
        match event {
            Event::Start(Tag::Heading { .. }) => current = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => texts.extend(current.take()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(current) = &mut current {
                    current.push_str(text);
                }
            }
            _ => {}
        }
    }
    texts
}

/// Link texts that say nothing about where the link goes.
const VAGUE_LINK_TEXTS: [&str; 12] = [
    "klik her",
    "her",
    "tryk her",
    "læs mere",
    "læs her",
    "link",
    "dette link",
    "click here",
    "here",
    "read more",
    "this link",
    "more",
];

/// Pass (read only): warnings for what makes a page hard to use with a screen reader:
/// skipped heading levels, images without alternative text, vague or bare-URL link text.
fn lint_accessibility(events: &[Spanned], source: &mut Source) {
    // The page title is the h1; the body continues from there.
    let mut previous_level = 1;
    let mut link: Option<(usize, String, String)> = None;
    let mut image: Option<(usize, String)> = None;
    for (event, range) in events {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = *level as usize;
                if level > previous_level + 1 {
                    source.report(
                        Diagnostic::warning(msg!(
                            "md-heading-jump",
                            from = previous_level,
                            to = level
                        ))
                        .hint(msg!(
                            "md-heading-jump-hint",
                            marks = "#".repeat(previous_level + 1)
                        )),
                        range.start,
                    );
                }
                previous_level = level;
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((range.start, dest_url.to_string(), String::new()))
            }
            Event::Start(Tag::Image { .. }) => image = Some((range.start, String::new())),
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, alt)) = &mut image {
                    alt.push_str(text);
                } else if let Some((_, _, words)) = &mut link {
                    words.push_str(text);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, alt)) = image.take()
                    && alt.trim().is_empty()
                {
                    source.report(
                        Diagnostic::warning(msg!("md-image-no-alt"))
                            .hint(msg!("md-image-no-alt-hint")),
                        start,
                    );
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((start, destination, words)) = link.take() {
                    lint_link_text(&words, &destination, start, source);
                }
            }
            _ => {}
        }
    }
}

fn lint_link_text(words: &str, destination: &str, offset: usize, source: &mut Source) {
    let text = words
        .trim()
        .trim_end_matches(['.', ':', '!'])
        .to_lowercase();
    let is_url = text.starts_with("http://")
        || text.starts_with("https://")
        || text.starts_with("www.")
        || (!text.is_empty() && text == destination.to_lowercase());
    if VAGUE_LINK_TEXTS.contains(&text.as_str()) {
        source.report(
            Diagnostic::warning(msg!("md-vague-link-text", text = words.trim()))
                .hint(msg!("md-vague-link-text-hint")),
            offset,
        );
    } else if is_url {
        source.report(
            Diagnostic::warning(msg!("md-bare-url-text")).hint(msg!("md-bare-url-text-hint")),
            offset,
        );
    }
}

/// Pass: fenced code with a language is highlighted; an unknown language is a warning.
fn highlight_code<'a>(events: Vec<Spanned<'a>>, source: &mut Source) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut events = events.into_iter();
    while let Some((event, range)) = events.next() {
        let Event::Start(Tag::CodeBlock(kind)) = event else {
            out.push((event, range));
            continue;
        };
        let language = match &kind {
            CodeBlockKind::Fenced(info) => info
                .split(|c: char| c == ',' || c.is_whitespace())
                .next()
                .unwrap_or("")
                .to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        let mut code = String::new();
        for (inner, _) in events.by_ref() {
            match inner {
                Event::End(TagEnd::CodeBlock) => break,
                Event::Text(text) => code.push_str(&text),
                _ => {}
            }
        }
        let html = code_block_html(&code, &language, range.start, source);
        out.push((Event::Html(CowStr::from(html)), range));
    }
    out
}

fn code_block_html(code: &str, language: &str, offset: usize, source: &mut Source) -> String {
    let mut html = String::from("<pre class=\"code\"");
    let escaped_language = escape(language);
    if !language.is_empty() {
        let _ = write!(html, " data-lang=\"{escaped_language}\"");
    }
    html.push_str("><code");
    if !language.is_empty() {
        let _ = write!(html, " class=\"language-{escaped_language}\"");
    }
    html.push('>');
    match highlight::highlight(code, language) {
        highlight::Highlighted::Html(highlighted) => html.push_str(&highlighted),
        other => {
            if matches!(other, highlight::Highlighted::UnknownLanguage) {
                source.report(
                    Diagnostic::warning(msg!("md-unknown-language", language = language))
                        .hint(msg!("md-unknown-language-hint")),
                    offset,
                );
            } else if matches!(other, highlight::Highlighted::TooLarge) {
                source.report(
                    Diagnostic::warning(msg!("md-code-too-large"))
                        .hint(msg!("md-code-too-large-hint")),
                    offset,
                );
            }
            html.push_str(&escape(code));
        }
    }
    html.push_str("</code></pre>\n");
    html
}

/// Pass: raw HTML is kept (`allow`, `sanitize`: cleaned after writing) or an error
/// (`deny`, one per block). Returns whether there was any.
fn handle_raw_html<'a>(
    events: Vec<Spanned<'a>>,
    mode: RawHtml,
    source: &mut Source,
) -> (Vec<Spanned<'a>>, bool) {
    if mode == RawHtml::Sanitize && raw_tag_count(&events) > MAX_RAW_TAGS {
        return (raw_html_as_text(events, source), false);
    }
    let mut has_raw = false;
    let mut in_block_reported = false;
    let mut out = Vec::with_capacity(events.len());
    for (event, range) in events {
        let is_raw = matches!(event, Event::Html(_) | Event::InlineHtml(_));
        if !is_raw {
            if !matches!(event, Event::Html(_)) {
                in_block_reported = false;
            }
            out.push((event, range));
            continue;
        }
        has_raw = true;
        if mode == RawHtml::Deny {
            if !in_block_reported {
                source.report(
                    Diagnostic::error(msg!("md-raw-html-denied"))
                        .hint(msg!("md-raw-html-denied-hint")),
                    range.start,
                );
            }
            in_block_reported = matches!(event, Event::Html(_));
            continue;
        }
        out.push((event, range));
    }
    (out, has_raw)
}

/// Sanitizing takes time that grows faster than the amount of raw HTML (deeply nested
/// tags); beyond this many tags on one page the HTML is shown as text instead.
const MAX_RAW_TAGS: usize = 10_000;

fn raw_tag_count(events: &[Spanned]) -> usize {
    events
        .iter()
        .map(|(event, _)| match event {
            Event::Html(html) | Event::InlineHtml(html) => html.matches('<').count(),
            _ => 0,
        })
        .sum()
}

fn raw_html_as_text<'a>(events: Vec<Spanned<'a>>, source: &mut Source) -> Vec<Spanned<'a>> {
    let first = events
        .iter()
        .find(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
        .map_or(0, |(_, r)| r.start);
    source.report(
        Diagnostic::warning(msg!("md-raw-html-too-much", max = MAX_RAW_TAGS))
            .hint(msg!("md-raw-html-too-much-hint")),
        first,
    );
    events
        .into_iter()
        .map(|(event, range)| match event {
            Event::Html(html) | Event::InlineHtml(html) => (Event::Text(html), range),
            other => (other, range),
        })
        .collect()
}

/// Pass: internal links and images become holes; links with a dangerous scheme are
/// dropped (their text kept) with a warning; external links stay as they are.
fn extract_links<'a>(
    events: Vec<Spanned<'a>>,
    source: &mut Source,
) -> (Vec<Spanned<'a>>, Vec<Link>) {
    let mut pass = LinkPass {
        source,
        links: Vec::new(),
        out: Vec::with_capacity(events.len()),
        open: Vec::new(),
    };
    let mut events = events.into_iter();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => pass.open_link(link_type, dest_url, title, range),
            Event::End(TagEnd::Link) => pass.close_link(range),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let alt = image_alt(&mut events);
                pass.image(link_type, &dest_url, &title, alt, range);
            }
            other => pass.out.push((other, range)),
        }
    }
    (pass.out, pass.links)
}

/// What happened to a link that is open while its text goes by.
enum OpenLink {
    /// An internal link: hole number n.
    Hole(usize),
    External,
    /// A dangerous link: only its text is kept.
    Dropped,
}

struct LinkPass<'a, 's, 'f> {
    source: &'s mut Source<'f>,
    links: Vec<Link>,
    out: Vec<Spanned<'a>>,
    open: Vec<OpenLink>,
}

impl<'a> LinkPass<'a, '_, '_> {
    fn hole(&mut self, hole: Hole, range: std::ops::Range<usize>) {
        let marker = CowStr::from(hole_marker(hole));
        self.out.push((Event::InlineHtml(marker), range));
    }

    fn new_link(
        &mut self,
        destination: String,
        title: &str,
        offset: usize,
        alt: Option<String>,
    ) -> usize {
        self.links.push(Link {
            destination,
            title: title.to_string(),
            position: self.source.position(offset),
            is_image: alt.is_some(),
            alt: alt.unwrap_or_default(),
        });
        self.links.len() - 1
    }

    fn open_link(
        &mut self,
        link_type: LinkType,
        dest_url: CowStr<'a>,
        title: CowStr<'a>,
        range: std::ops::Range<usize>,
    ) {
        match classify(&dest_url, link_type) {
            Destination::External => {
                self.open.push(OpenLink::External);
                let id = CowStr::from("");
                let tag = Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                };
                self.out.push((Event::Start(tag), range));
            }
            Destination::Dangerous => {
                report_dangerous(self.source, &dest_url, range.start);
                self.open.push(OpenLink::Dropped);
            }
            Destination::Internal(destination) => {
                let at = destination_offset(self.source.body, &range, &dest_url);
                let index = self.new_link(destination, &title, at, None);
                self.open.push(OpenLink::Hole(index));
                self.hole(Hole::LinkOpen(index), range);
            }
        }
    }

    fn close_link(&mut self, range: std::ops::Range<usize>) {
        match self.open.pop() {
            Some(OpenLink::Hole(index)) => self.hole(Hole::LinkClose(index), range),
            Some(OpenLink::Dropped) => {}
            Some(OpenLink::External) | None => self.out.push((Event::End(TagEnd::Link), range)),
        }
    }

    fn image(
        &mut self,
        link_type: LinkType,
        dest_url: &str,
        title: &str,
        alt: String,
        range: std::ops::Range<usize>,
    ) {
        match classify(dest_url, link_type) {
            Destination::External => {
                let html = external_image(dest_url, title, &alt);
                self.out
                    .push((Event::InlineHtml(CowStr::from(html)), range));
            }
            Destination::Dangerous => {
                report_dangerous(self.source, dest_url, range.start);
                self.out.push((Event::Text(CowStr::from(alt)), range));
            }
            Destination::Internal(destination) => {
                let at = destination_offset(self.source.body, &range, dest_url);
                let index = self.new_link(destination, title, at, Some(alt));
                self.hole(Hole::Image(index), range);
            }
        }
    }
}

/// Where a link's destination is written, so that diagnostics point at the path rather
/// than the link text: the first `](` of the link's source followed (after blanks and an
/// optional `<`) by the destination. A reference link's destination is written elsewhere:
/// then, and whenever the written form differs (escapes), the link's start.
fn destination_offset(body: &str, range: &std::ops::Range<usize>, destination: &str) -> usize {
    let Some(written) = body.get(range.clone()) else {
        return range.start;
    };
    written
        .match_indices("](")
        .find_map(|(at, _)| {
            let after = &written[at + 2..];
            let trimmed = after.trim_start_matches([' ', '\t', '\n']);
            let trimmed = trimmed.strip_prefix('<').unwrap_or(trimmed);
            let skipped = after.len() - trimmed.len();
            (!destination.is_empty() && trimmed.starts_with(destination))
                .then_some(range.start + at + 2 + skipped)
        })
        .unwrap_or(range.start)
}

/// The plain alternative text of an image: the events up to its end.
fn image_alt<'a>(events: &mut impl Iterator<Item = Spanned<'a>>) -> String {
    let mut alt = String::new();
    let mut depth = 1;
    for (event, _) in events.by_ref() {
        match event {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Event::Text(text) | Event::Code(text) => alt.push_str(&text),
            _ => {}
        }
    }
    alt
}

fn external_image(src: &str, title: &str, alt: &str) -> String {
    let mut html = String::new();
    let _ = pulldown_cmark_escape::escape_href(&mut html, src);
    let src = html;
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape(title))
    };
    format!(
        "<img src=\"{}\" alt=\"{}\"{title}>",
        escape(&src),
        escape(alt)
    )
}

fn report_dangerous(source: &mut Source, destination: &str, offset: usize) {
    let scheme: String = destination.chars().take_while(|&c| c != ':').collect();
    source.report(
        Diagnostic::warning(msg!(
            "md-dangerous-link",
            scheme = scheme.trim().to_lowercase()
        ))
        .hint(msg!("md-dangerous-link-hint")),
        offset,
    );
}

enum Destination {
    External,
    Dangerous,
    Internal(String),
}

/// What a link destination as written is: `None` for one that leaves the site (kept as it
/// is) or is dangerous (dropped), else the internal path it names, decoded as
/// `Document::links` holds it. Other renderings of a body (the printed handbook) match
/// their links to the resolved ones with it.
pub fn internal_destination(destination: &str) -> Option<String> {
    match classify(destination, LinkType::Inline) {
        Destination::Internal(path) => Some(path),
        _ => None,
    }
}

/// Whether a destination as written has a scheme that is never linked (`javascript:`).
pub fn is_dangerous(destination: &str) -> bool {
    matches!(
        classify(destination, LinkType::Inline),
        Destination::Dangerous
    )
}

fn classify(destination: &str, link_type: LinkType) -> Destination {
    if matches!(link_type, LinkType::Email) {
        return Destination::External;
    }
    // Browsers ignore whitespace and control characters inside a scheme.
    let compact: String = destination
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    if ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| compact.starts_with(s))
    {
        return Destination::Dangerous;
    }
    if has_scheme(destination) || destination.starts_with("//") {
        return Destination::External;
    }
    let decoded = percent_encoding::percent_decode_str(destination).decode_utf8_lossy();
    // File names and heading ids are NFC; a percent-encoded NFD name must match them too.
    Destination::Internal(
        unicode_normalization::UnicodeNormalization::nfc(decoded.as_ref()).collect(),
    )
}

/// `scheme:` as in RFC 3986: a letter, then letters, digits, `+`, `-` or `.`.
fn has_scheme(destination: &str) -> bool {
    let Some((scheme, _)) = destination.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// HTML-escapes text for element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// What an internal link became in one division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filled {
    /// A working link to this `href`.
    Href(String),
    /// The link's text only (its target is hidden in this division).
    Text,
}

impl Document {
    /// The HTML with every link hole filled by `filled` (one entry per link).
    pub fn fill(&self, filled: &[Filled]) -> String {
        self.fill_with_prefix(filled, "")
    }

    /// As `fill`, with every heading id prefixed (for pages put together on one page).
    pub fn fill_with_prefix(&self, filled: &[Filled], id_prefix: &str) -> String {
        let mut out = String::with_capacity(self.html.len() + self.holes.len() * 48);
        let mut written = 0;
        for &(offset, hole) in &self.holes {
            out.push_str(&self.html[written..offset]);
            written = offset;
            match hole {
                Hole::HeadingId(i) => {
                    out.push_str(&escape(id_prefix));
                    out.push_str(&escape(&self.headings[i].id));
                }
                _ => self.write_hole(&mut out, hole, filled),
            }
        }
        out.push_str(&self.html[written..]);
        out
    }

    fn write_hole(&self, out: &mut String, hole: Hole, filled: &[Filled]) {
        let index = match hole {
            Hole::LinkOpen(i) | Hole::LinkClose(i) | Hole::Image(i) => i,
            Hole::HeadingId(_) => return,
        };
        let link = &self.links[index];
        let Some(Filled::Href(href)) = filled.get(index) else {
            if matches!(hole, Hole::Image(_)) {
                out.push_str(&escape(&link.alt));
            }
            return;
        };
        let title = if link.title.is_empty() {
            String::new()
        } else {
            format!(" title=\"{}\"", escape(&link.title))
        };
        match hole {
            Hole::LinkOpen(_) => {
                let _ = write!(out, "<a href=\"{}\"{title}>", escape(href));
            }
            Hole::LinkClose(_) => out.push_str("</a>"),
            Hole::Image(_) => {
                let _ = write!(
                    out,
                    "<img src=\"{}\" alt=\"{}\"{title}>",
                    escape(href),
                    escape(&link.alt)
                );
            }
            Hole::HeadingId(_) => {}
        }
    }

    /// About how long the filled HTML is, to reserve room for it.
    pub fn len_hint(&self) -> usize {
        self.html.len() + self.holes.len() * 48
    }

    /// The ids of every heading, for anchor checks.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.headings.iter().map(|h| h.id.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.html.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_str(body: &str, raw_html: RawHtml) -> (Document, Vec<Diagnostic>) {
        render(body, 0, "t.md", &MarkdownOptions { raw_html }, &[])
    }

    fn hrefs(document: &Document) -> Vec<Filled> {
        document
            .links
            .iter()
            .map(|l| Filled::Href(format!("URL({})", l.destination)))
            .collect()
    }

    #[test]
    fn headings_get_github_ids_and_explicit_ids() {
        let (doc, _) = render_str(
            "## Mål og midler\n\n## Mål og midler\n\n## Andet {#eget .x onclick=y}\n",
            RawHtml::Sanitize,
        );
        let ids: Vec<_> = doc.ids().collect();
        assert_eq!(ids, ["mål-og-midler", "mål-og-midler-1", "eget"]);
        let html = doc.fill(&[]);
        assert!(html.contains("<h2 id=\"eget\">Andet</h2>"), "{html}");
        assert!(!html.contains("onclick"));
    }

    #[test]
    fn internal_links_become_holes_with_positions() {
        let (doc, _) = render_str(
            "Intro\n\nSe [modul](../modules/m%C3%A5l.md#x \"T\") og ![alt](a.png).\n",
            RawHtml::Sanitize,
        );
        assert_eq!(doc.links.len(), 2);
        assert_eq!(doc.links[0].destination, "../modules/mål.md#x");
        // The link's path, not its text, is where diagnostics point.
        assert_eq!(doc.links[0].position, Position::new(3, 12));
        assert_eq!(doc.links[1].position, Position::new(3, 52));
        assert!(doc.links[1].is_image);
        let html = doc.fill(&hrefs(&doc));
        assert!(
            html.contains("<a href=\"URL(../modules/mål.md#x)\" title=\"T\">modul</a>"),
            "{html}"
        );
        assert!(
            html.contains("<img src=\"URL(a.png)\" alt=\"alt\">"),
            "{html}"
        );
        let hidden = doc.fill(&[Filled::Text, Filled::Text]);
        assert!(hidden.contains("Se modul og alt."), "{hidden}");
    }

    #[test]
    fn links_inside_tables_keep_the_table_intact() {
        let (doc, _) = render_str("| a | b |\n|:-|-:|\n| [x](x.md) | 2 |\n", RawHtml::Sanitize);
        let html = doc.fill(&hrefs(&doc));
        assert!(
            html.contains("<td class=\"align-left\"><a href=\"URL(x.md)\">x</a></td>"),
            "{html}"
        );
    }

    #[test]
    fn dangerous_links_are_dropped_with_a_warning() {
        let (doc, problems) = render_str(
            "[a](javascript:alert(1)) [b](JaVaScRiPt:x) [c](<java\tscript:x>) ![d](data:image/png,AA)\n",
            RawHtml::Allow,
        );
        let html = doc.fill(&[]);
        assert!(!html.to_lowercase().contains("script:"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems.iter().all(|p| !p.is_error()));
    }

    #[test]
    fn raw_html_follows_the_mode() {
        let body = "<p onclick=\"x()\">Hej <kbd>Ctrl</kbd></p>\n\n<script>alert(1)</script>\n\nEt [eksempel](a.md).\n";
        let (doc, _) = render_str(body, RawHtml::Sanitize);
        let html = doc.fill(&hrefs(&doc));
        assert!(
            !html.contains("onclick") && !html.contains("<script"),
            "{html}"
        );
        assert!(html.contains("<kbd>Ctrl</kbd>"), "{html}");
        assert!(
            html.contains("<a href=\"URL(a.md)\">eksempel</a>"),
            "{html}"
        );
        let (_, problems) = render_str(body, RawHtml::Deny);
        assert_eq!(
            problems.iter().filter(|p| p.is_error()).count(),
            2,
            "{problems:?}"
        );
        assert_eq!(problems[0].line, 1);
        let (doc, _) = render_str(body, RawHtml::Allow);
        assert!(doc.fill(&[]).contains("onclick"));
    }

    #[test]
    fn heading_ids_can_be_prefixed() {
        let (doc, _) = render_str("## Mål\n\nSe [her](#mål).\n", RawHtml::Sanitize);
        let html = doc.fill_with_prefix(&[Filled::Href("#kap--mål".into())], "kap--");
        assert!(html.contains("<h2 id=\"kap--mål\">Mål</h2>"), "{html}");
        assert!(doc.fill(&[]).contains("<h2 id=\"mål\">"));
        let (sanitized, _) = render_str("## Mål\n\n<b>x</b>\n", RawHtml::Sanitize);
        assert!(
            sanitized
                .fill_with_prefix(&[], "p-")
                .contains("<h2 id=\"p-mål\">"),
            "ids survive sanitizing"
        );
    }

    #[test]
    fn forged_hole_markers_in_text_are_neutralised() {
        let (doc, _) = render_str("a \u{E000}o0\u{E001} b\n", RawHtml::Sanitize);
        assert!(doc.links.is_empty());
        assert!(doc.fill(&[]).contains('\u{FFFD}'));
    }

    #[test]
    fn code_is_highlighted_and_languages_escaped() {
        let (doc, problems) = render_str(
            "```yaml\na: 1\n```\n\n```\"><script>\nx\n```\n",
            RawHtml::Allow,
        );
        let html = doc.fill(&[]);
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("\"><script>"), "{html}");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 5);
    }

    #[test]
    fn accessibility_problems_are_warnings() {
        let body = "### Starter for højt\n\n![](a.png) [Klik her](a.md) og <https://example.com>\n\n## Godt\n\n[Masterclass](m.md)\n";
        let (_, problems) = render_str(body, RawHtml::Sanitize);
        let owned: Vec<(String, usize)> = problems
            .iter()
            .map(|p| (p.message.english(), p.line))
            .collect();
        let messages: Vec<(&str, usize)> = owned.iter().map(|(m, l)| (m.as_str(), *l)).collect();
        assert_eq!(
            messages,
            [
                ("the heading level jumps from h1 to h3", 1),
                ("this image has no alternative text", 3),
                (
                    "the link text `Klik her` does not say where the link goes",
                    3
                ),
                ("the link text is a bare URL", 3),
            ]
        );
        assert!(problems.iter().all(|p| !p.is_error()));
    }

    #[test]
    fn external_links_are_left_alone() {
        let (doc, _) = render_str(
            "[a](https://example.com) <mail@example.com> [b](mailto:x@y.dk)\n",
            RawHtml::Sanitize,
        );
        assert!(doc.links.is_empty());
        let html = doc.fill(&[]);
        assert!(html.contains("href=\"https://example.com\""), "{html}");
        assert!(html.contains("href=\"mailto:mail@example.com\""), "{html}");
    }
}
