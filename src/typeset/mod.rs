//! Typesetting: a book (chapters of generated Typst markup) to PDF bytes, for
//! `handbook.pdf` and `leader-kit.pdf`. Called by the render stage once per division;
//! the only module that knows Typst.
//!
//! `pdf` writes a main file that binds the book's metadata and calls the template
//! (`book.typ`) once per chapter, compiles it in a `world::BookWorld` (in memory, no
//! clock, no packages) and exports it with fixed identifiers, so the same book always
//! gives the same bytes.

mod markup;
#[cfg(test)]
mod tests;
mod world;

use std::collections::BTreeMap;
use std::fmt;
use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use jiff::civil::Date;
use typst::World as _;
use typst::WorldExt as _;
use typst::diag::SourceDiagnostic;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

pub use markup::{Align, Converter, LinkTo, Markup, from_markdown};

use markup::string_literal;
use world::BookWorld;

/// The template every book is set in.
const TEMPLATE: &str = include_str!("book.typ");

/// A book to typeset: a cover, a table of contents, the chapters in order, the contacts.
#[derive(Debug, Clone)]
pub struct Book {
    /// The language of the text (`da`, `en`, `sv`, `nb`, `de`, `fi`): hyphenation and quotes.
    pub language: String,
    pub title: String,
    /// Printed under the title on the cover: the division's name.
    pub subtitle: Option<String>,
    /// The date of the content: the PDF's date, and `date_text` on the cover.
    pub date: Date,
    /// `date` as the book's language writes it.
    pub date_text: String,
    pub contacts: Vec<Contact>,
    pub labels: BookLabels,
    pub chapters: Vec<Chapter>,
    /// Files the markup may read (images), by virtual path (`/images/logo.png`).
    pub files: BTreeMap<String, Arc<[u8]>>,
}

/// A person to contact, listed on the contacts page.
#[derive(Debug, Clone, Default)]
pub struct Contact {
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// Every word the template prints itself, in the book's language.
#[derive(Debug, Clone)]
pub struct BookLabels {
    /// The table of contents' title: "Indhold".
    pub contents: String,
    /// Before the page number in the footer: "Side".
    pub page: String,
    /// The tag on local chapters and sections: "Lokal implementering".
    pub local: String,
    /// The contacts page's title: "Kontaktpersoner".
    pub contacts: String,
    pub email: String,
    pub phone: String,
}

/// One chapter; level 1 starts on a new page, level 2 follows on.
#[derive(Debug, Clone)]
pub struct Chapter {
    /// Unique in the book, any text: the label links point to.
    pub id: String,
    /// 1 or 2.
    pub level: u8,
    pub title: String,
    /// A line above the title, e.g. "Erfaring 3".
    pub kicker: Option<String>,
    /// The division's own chapter: marked as local.
    pub local: bool,
    pub body: Markup,
}

/// Typst could not typeset a book. The markup is ours, so this is a bug in our code, but
/// it is reported, never a panic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypesetError {
    pub message: String,
}

impl fmt::Display for TypesetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "typesetting failed: {}", self.message)
    }
}

impl std::error::Error for TypesetError {}

impl TypesetError {
    fn new(message: impl Into<String>) -> Self {
        TypesetError {
            message: message.into(),
        }
    }
}

/// What decides a book's bytes, as a short hash: its source, the template, its files and
/// the typesetter's version. Equal fingerprints mean the same PDF, so a build whose book
/// did not change takes the last build's PDF instead of typesetting it again.
pub fn fingerprint(book: &Book) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for part in [env!("CARGO_PKG_VERSION"), TEMPLATE, &main_source(book)] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    for (path, bytes) in &book.files {
        hash.update(path.as_bytes());
        hash.update(bytes);
    }
    hash.finalize()[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The book as PDF bytes; the same book gives the same bytes.
pub fn pdf(book: &Book) -> Result<Vec<u8>, TypesetError> {
    let world = world(book)?;
    without_panics(|| {
        let document = layout(&world)?;
        export(&world, &document, book)
    })
}

fn world(book: &Book) -> Result<BookWorld, TypesetError> {
    let sources = [
        ("/main.typ", main_source(book)),
        ("/book.typ", TEMPLATE.to_owned()),
    ];
    BookWorld::new(&sources, &book.files, book.date).map_err(TypesetError::new)
}

/// A panic inside Typst becomes an error: one broken book must not stop a build.
fn without_panics<T>(run: impl FnOnce() -> Result<T, TypesetError>) -> Result<T, TypesetError> {
    catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        Err(TypesetError::new(format!(
            "the typesetter panicked: {message}"
        )))
    })
}

/// Drops what Typst memoised for compilations that are over. Typst caches layouts
/// across compilations (which makes the divisions' books after the first cheaper); a
/// long-running process calls this once after each build's books.
pub fn trim_caches() {
    typst::comemo::evict(10);
}

fn layout(world: &BookWorld) -> Result<PagedDocument, TypesetError> {
    typst::compile(world)
        .output
        .map_err(|errors| diagnostics_error(world, &errors))
}

fn export(
    world: &BookWorld,
    document: &PagedDocument,
    book: &Book,
) -> Result<Vec<u8>, TypesetError> {
    let datetime = to_datetime(book.date);
    let options = PdfOptions {
        ident: Smart::Custom(format!("handbook\u{0}{}\u{0}{}", book.title, book.date)),
        creator: Smart::Custom(Some("handbook".to_owned())),
        timestamp: datetime.map(Timestamp::new_utc),
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| diagnostics_error(world, &errors))
}

fn to_datetime(date: Date) -> Option<Datetime> {
    Datetime::from_ymd(
        i32::from(date.year()),
        u8::try_from(date.month()).ok()?,
        u8::try_from(date.day()).ok()?,
    )
}

/// Typst's errors, one a line, each with the line of our source it points at.
fn diagnostics_error(world: &BookWorld, errors: &[SourceDiagnostic]) -> TypesetError {
    let mut message = String::new();
    for error in errors {
        if !message.is_empty() {
            message.push('\n');
        }
        message.push_str(&error.message);
        if let Some(place) = source_line(world, error) {
            let _ = write!(message, " ({place})");
        }
        for hint in &error.hints {
            let _ = write!(message, "; hint: {}", hint.v);
        }
    }
    TypesetError::new(message)
}

fn source_line(world: &BookWorld, error: &SourceDiagnostic) -> Option<String> {
    let id = error.span.id()?;
    let range = world.range(error.span)?;
    let source = world.source(id).ok()?;
    let text = source.text();
    let start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[range.start..]
        .find('\n')
        .map_or(text.len(), |i| range.start + i);
    let line = text[..range.start].matches('\n').count() + 1;
    let excerpt: String = text[start..end].chars().take(160).collect();
    Some(format!(
        "{}:{line}: {}",
        id.vpath().get_with_slash(),
        excerpt.trim()
    ))
}

/// The main file: the book's metadata, the template, then one `chapter` call per chapter.
fn main_source(book: &Book) -> String {
    let mut out = String::from("#import \"/book.typ\": *\n");
    out.push_str(&metadata(book));
    out.push_str("#let local-word = meta.labels.local\n");
    out.push_str("#show: book.with(meta)\n\n");
    let local = string_literal(&book.labels.local);
    for chapter in &book.chapters {
        let _ = write!(
            out,
            "#chapter(id: {}, level: {}, title: {}, kicker: {}, local: {})[\n{}\n]\n\n",
            string_literal(&chapter.id),
            chapter.level.clamp(1, 2),
            string_literal(&chapter.title),
            optional(chapter.kicker.as_deref()),
            if chapter.local { &local } else { "none" },
            chapter.body.as_str().trim_end(),
        );
    }
    out
}

fn metadata(book: &Book) -> String {
    let labels = &book.labels;
    let mut out = String::from("#let meta = (\n");
    let _ = writeln!(out, "  lang: {},", string_literal(&book.language));
    let _ = writeln!(out, "  title: {},", string_literal(&book.title));
    let _ = writeln!(out, "  subtitle: {},", optional(book.subtitle.as_deref()));
    let _ = writeln!(
        out,
        "  date: datetime(year: {}, month: {}, day: {}),",
        book.date.year(),
        book.date.month(),
        book.date.day()
    );
    let _ = writeln!(out, "  date-text: {},", string_literal(&book.date_text));
    let _ = writeln!(
        out,
        "  labels: (contents: {}, page: {}, local: {}, contacts: {}, email: {}, phone: {}),",
        string_literal(&labels.contents),
        string_literal(&labels.page),
        string_literal(&labels.local),
        string_literal(&labels.contacts),
        string_literal(&labels.email),
        string_literal(&labels.phone),
    );
    out.push_str("  contacts: (");
    for contact in &book.contacts {
        let _ = write!(
            out,
            "(name: {}, role: {}, email: {}, phone: {}),",
            string_literal(&contact.name),
            optional(contact.role.as_deref()),
            optional(contact.email.as_deref()),
            optional(contact.phone.as_deref()),
        );
    }
    out.push_str("),\n)\n");
    out
}

fn optional(text: Option<&str>) -> String {
    text.map_or_else(|| "none".to_owned(), string_literal)
}
