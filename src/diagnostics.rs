//! Diagnostics: every problem an author can fix, from every stage of the pipeline, as a value.
//!
//! Stages push `Diagnostic`s into a `Diagnostics` list instead of stopping at the first
//! problem; the command prints them all at the end, like a compiler.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::{Deserialize, Serialize};

use crate::messages::{Lang, Message, msg};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in the content, pointing at a file and a position in it.
///
/// `line` and `column` count from 1; 0 means "the whole file".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the handbook root, with `/` separators.
    pub file: Option<String>,
    pub line: usize,
    pub column: usize,
    pub division: Option<String>,
    pub message: Message,
    pub hint: Option<Message>,
}

impl Diagnostic {
    pub fn error(message: impl Into<Message>) -> Self {
        Self::new(Severity::Error, message)
    }

    pub fn warning(message: impl Into<Message>) -> Self {
        Self::new(Severity::Warning, message)
    }

    fn new(severity: Severity, message: impl Into<Message>) -> Self {
        Diagnostic {
            severity,
            file: None,
            line: 0,
            column: 0,
            division: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn at(mut self, position: Position) -> Self {
        self.line = position.line;
        self.column = position.column;
        self
    }

    pub fn hint(mut self, hint: impl Into<Message>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn for_division(mut self, division: impl Into<String>) -> Self {
        self.division = Some(division.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (Option<&str>, usize, usize, Option<&str>, &Message) {
        (
            self.file.as_deref(),
            self.line,
            self.column,
            self.division.as_deref(),
            &self.message,
        )
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        self.message.text(lang)
    }

    /// The hint in `lang`, if there is one.
    pub fn hint_text(&self, lang: Lang) -> Option<String> {
        self.hint.as_ref().map(|hint| hint.text(lang))
    }
}

/// A 1-based line and column in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub fn new(line: usize, column: usize) -> Self {
        Position { line, column }
    }

    /// The position of a byte offset in `text`, columns counted in characters.
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..offset].chars().count() + 1;
        Position { line, column }
    }
}

/// Line starts of a text, for turning many byte offsets into positions cheaply.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&start| start <= offset);
        let line_start = self.starts[line - 1];
        let column = self.text[line_start..offset].chars().count() + 1;
        Position { line, column }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The problems found by one run, in the order they are pushed.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// `--strict`: every warning becomes an error.
    pub fn make_strict(&mut self) {
        for diagnostic in &mut self.items {
            diagnostic.severity = Severity::Error;
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorted by file and position, duplicates removed: the same shared problem seen by
    /// several divisions is reported once.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
        self.items
    }
}

/// Renders diagnostics for a terminal: `path:line:col: severity: message`, the source
/// line with a marker, and the hint. `read` gives a file's text by its path relative to
/// the handbook root (`source::reader`, which reads as the load stage does).
pub fn render_text(
    diagnostics: &[Diagnostic],
    read: &dyn Fn(&str) -> Option<String>,
    lang: Lang,
) -> String {
    let renderer = Renderer::plain();
    let mut out = String::new();
    // Each file is read once, however many problems it has.
    let mut sources: std::collections::HashMap<&str, Option<Vec<String>>> =
        std::collections::HashMap::new();
    for diagnostic in diagnostics {
        out.push_str(&header(diagnostic, lang));
        out.push('\n');
        let lines = diagnostic.file.as_deref().and_then(|file| {
            sources
                .entry(file)
                .or_insert_with(|| {
                    read(file).map(|text| text.split('\n').map(str::to_string).collect())
                })
                .as_deref()
        });
        let hint = diagnostic.hint_text(lang);
        let hint = hint.map(|text| (msg!("hint-label").text(lang), text));
        if let Some(snippet) = snippet(diagnostic, lines, hint.as_ref(), &renderer) {
            out.push_str(&snippet);
            out.push('\n');
        } else if let Some((label, hint)) = &hint {
            let _ = writeln!(out, "  = {label}: {}", printable(hint, "\n"));
        }
        out.push('\n');
    }
    out.push_str(&summary(diagnostics, lang));
    out
}

fn header(d: &Diagnostic, lang: Lang) -> String {
    let severity = severity_label(d.severity, lang);
    // The division is worth naming only when the path does not already name it.
    let named_by_path = |id: &str| {
        d.file
            .as_deref()
            .is_some_and(|f| f.starts_with(&format!("content/divisions/{id}")))
    };
    let division = d
        .division
        .as_deref()
        .filter(|id| !named_by_path(id))
        .map(|id| format!(" [{}]", msg!("division-label", id = id).text(lang)))
        .unwrap_or_default();
    let message = d.text(lang);
    let message = printable(&message, "");
    let division = printable(&division, "");
    match (&d.file, d.line) {
        (Some(file), 0) => format!("{}: {severity}{division}: {message}", printable(file, "")),
        (Some(file), line) => format!(
            "{}:{line}:{}: {severity}{division}: {message}",
            printable(file, ""),
            d.column.max(1),
        ),
        (None, _) => format!("{severity}{division}: {message}"),
    }
}

/// `text` with its control characters (but those in `keep`) written as `\u{1b}`, so
/// that a file name or a source line cannot send escape codes to the terminal.
pub fn printable<'a>(text: &'a str, keep: &str) -> std::borrow::Cow<'a, str> {
    let unsafe_char = |c: char| c.is_control() && !keep.contains(c);
    if !text.contains(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// "error" or "warning", in `lang`.
fn severity_label(severity: Severity, lang: Lang) -> String {
    match severity {
        Severity::Error => msg!("severity-error"),
        Severity::Warning => msg!("severity-warning"),
    }
    .text(lang)
}

fn snippet(
    d: &Diagnostic,
    lines: Option<&[String]>,
    hint: Option<&(String, String)>,
    renderer: &Renderer,
) -> Option<String> {
    if d.line == 0 {
        return None;
    }
    let line_text = lines?.get(d.line - 1)?.trim_end_matches('\r');
    // A very long line (minified text) is left out: the position says where it is.
    if line_text.len() > 2_000 {
        return None;
    }
    let start = line_text
        .char_indices()
        .nth(d.column.saturating_sub(1))
        .map_or(line_text.len(), |(i, _)| i);
    let end = marker_end(line_text, start);
    // The marker is placed on the escaped line: offsets are measured after escaping.
    let (start, end) = (
        printable(&line_text[..start], "\t").len(),
        printable(&line_text[..end], "\t").len(),
    );
    let line_text = printable(line_text, "\t");
    let line_text = line_text.as_ref();
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut group = Group::with_level(level.clone()).element(
        Snippet::source(line_text)
            .line_start(d.line)
            .annotation(AnnotationKind::Primary.span(start..end)),
    );
    if let Some((label, hint)) = hint {
        let hint = printable(hint, "\n");
        group = group.element(Level::HELP.with_name(label.as_str()).message(hint));
    }
    Some(renderer.render(&[group]).to_string())
}

/// Marks the word at `start` (or one character when there is none).
fn marker_end(line: &str, start: usize) -> usize {
    let rest = &line[start..];
    let word = rest
        .find(|c: char| c.is_whitespace() || c == ':' || c == ',' || c == ']' || c == ')')
        .unwrap_or(rest.len());
    let width = if word == 0 {
        rest.chars().next().map_or(0, char::len_utf8)
    } else {
        word
    };
    start + width
}

fn summary(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let mut line = msg!("summary-problems", errors = errors, warnings = warnings).text(lang);
    line.push('\n');
    line
}

/// One diagnostic as `--format json` shows it: the text in the chosen language beside
/// the stable English ids of the message and the hint.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    severity: Severity,
    file: Option<&'a str>,
    line: usize,
    column: usize,
    division: Option<&'a str>,
    id: &'a str,
    message: String,
    hint_id: Option<&'a str>,
    hint: Option<String>,
}

impl<'a> JsonDiagnostic<'a> {
    pub fn new(d: &'a Diagnostic, lang: Lang) -> Self {
        JsonDiagnostic {
            severity: d.severity,
            file: d.file.as_deref(),
            line: d.line,
            column: d.column,
            division: d.division.as_deref(),
            id: d.message.subject().id(),
            message: d.text(lang),
            hint_id: d.hint.as_ref().map(|hint| hint.subject().id()),
            hint: d.hint_text(lang),
        }
    }
}

/// The diagnostics as `--format json` shows them.
pub fn json_values(diagnostics: &[Diagnostic], lang: Lang) -> Vec<JsonDiagnostic<'_>> {
    diagnostics
        .iter()
        .map(|d| JsonDiagnostic::new(d, lang))
        .collect()
}

/// `--format json`: the diagnostics as a JSON array.
pub fn render_json(diagnostics: &[Diagnostic], lang: Lang) -> String {
    serde_json::to_string_pretty(&json_values(diagnostics, lang))
        .expect("diagnostics always serialize")
}

/// A path relative to the handbook root, as shown in diagnostics.
pub fn display_path(root: &Path, path: &Path) -> String {
    let relative: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_of_offset_counts_lines_and_characters() {
        let text = "---\ntitel: Mål\n---\n";
        assert_eq!(Position::of_offset(text, 0), Position::new(1, 1));
        assert_eq!(Position::of_offset(text, 4), Position::new(2, 1));
        let after_mal = text.find("Mål").unwrap() + "Mål".len();
        assert_eq!(Position::of_offset(text, after_mal), Position::new(2, 11));
        let index = LineIndex::new(text);
        for offset in [0, 4, 8, after_mal, text.len()] {
            assert_eq!(index.position(offset), Position::of_offset(text, offset));
        }
    }

    #[test]
    fn header_has_compiler_shape() {
        let d = Diagnostic::error(msg!("yaml-unknown-key", key = "titel"))
            .in_file("content/a.md")
            .at(Position::new(2, 1));
        assert_eq!(
            header(&d, Lang::En),
            "content/a.md:2:1: error: unknown key `titel`"
        );
    }

    #[test]
    fn text_rendering_shows_source_line_and_hint() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "---\ntitel: X\n---\n").unwrap();
        let d = Diagnostic::error(msg!("yaml-unknown-key", key = "titel"))
            .in_file("a.md")
            .at(Position::new(2, 1))
            .hint(msg!(
                "suggest-did-you-mean",
                nearest = "title",
                allowed = "`title`"
            ));
        let text = render_text(&[d], &crate::source::reader(dir.path()), Lang::En);
        assert!(
            text.contains("a.md:2:1: error: unknown key `titel`"),
            "{text}"
        );
        assert!(text.contains("titel: X"), "{text}");
        assert!(text.contains("^^^^^"), "{text}");
        assert!(text.contains("did you mean `title`?"), "{text}");
        assert!(text.contains("1 error, 0 warnings"), "{text}");
    }
}
