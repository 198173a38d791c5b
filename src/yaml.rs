//! YAML: the one module that knows about the YAML libraries.
//!
//! `parse` turns a YAML text into a typed value or a `Diagnostic` whose position is in the
//! whole file (front matter starts on line 2), with a hint for unknown and missing keys.
//! `locate` finds where a value sits, for checks that run after deserializing (a month
//! outside the plan, a missing handout) and still want to point at a line.

use saphyr_parser::{Event, Parser, Span};
use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Position};

/// Where a YAML text sits: the file it is read from and the line it starts on.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    pub file: &'a str,
    /// The 1-based line of the file on which the YAML text starts.
    pub first_line: usize,
}

impl Origin<'_> {
    fn position(&self, line: usize, column: usize) -> Position {
        Position::new(line + self.first_line - 1, column)
    }
}

/// Parses `text` as a `T`. An empty text is read as an empty mapping, so that a file or
/// front matter with nothing in it gets "missing key" rather than a parser error.
pub fn parse<T: DeserializeOwned>(text: &str, origin: Origin) -> Result<T, Diagnostic> {
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str(text).map_err(|error| to_diagnostic(&error, origin))
}

fn to_diagnostic(error: &serde_yaml::Error, origin: Origin) -> Diagnostic {
    let full = error.to_string();
    let message = full
        .find(" at line ")
        .map_or(full.as_str(), |end| &full[..end]);
    let (context, message) = split_context(message);
    let (message, hint) = explain(message);
    let message = match context {
        Some(path) => format!("{message} (in `{path}`)"),
        None => message,
    };
    let position = error
        .location()
        .map(|l| origin.position(l.line(), l.column()))
        .unwrap_or(Position::new(origin.first_line, 1));
    let diagnostic = Diagnostic::error(message).in_file(origin.file).at(position);
    match hint {
        Some(hint) => diagnostic.hint(hint),
        None => diagnostic,
    }
}

/// serde_yaml prefixes nested errors with their path (`weeks[2]: unknown field ...`).
fn split_context(message: &str) -> (Option<&str>, &str) {
    match message.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') && (path.contains('.') || path.contains('[')) => {
            (Some(path), rest)
        }
        Some((path, rest)) if !path.contains(' ') && !rest.is_empty() && is_key(path) => {
            (Some(path), rest)
        }
        _ => (None, message),
    }
}

fn is_key(word: &str) -> bool {
    word.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Turns serde's wording into ours, with a hint that says what to do.
fn explain(message: &str) -> (String, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (key, expected) = split_expected(rest);
        let hint = suggestion(&key, &expected);
        return (format!("unknown key `{key}`"), Some(hint));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (value, expected) = split_expected(rest);
        let hint = suggestion(&value, &expected);
        return (format!("unknown value `{value}`"), Some(hint));
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let key = rest.trim_matches('`');
        return (
            format!("missing required key `{key}`"),
            Some(format!("add a line `{key}: ...`")),
        );
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        let key = rest.trim_matches('`');
        return (
            format!("the key `{key}` is given twice"),
            Some("keep one of them".to_string()),
        );
    }
    if message.starts_with("invalid type") {
        return (
            message.to_string(),
            Some(
                "check the value's form: a list needs `- ` items or `[a, b]`, text can be quoted"
                    .into(),
            ),
        );
    }
    if message.contains("repetition limit") || message.contains("recursion limit") {
        return (
            "the YAML expands into too much data (aliases nested too deep)".into(),
            Some("write the values out instead of using `*aliases`".into()),
        );
    }
    (message.to_string(), Some("check the YAML syntax on this line: indentation, a `:` after each key, quotes around text with `:` or `#`".into()))
}

/// Splits "`titel`, expected one of `title`, `summary`" into the word and the known words.
fn split_expected(rest: &str) -> (String, Vec<String>) {
    let mut parts = rest.splitn(2, ", expected");
    let word = parts
        .next()
        .unwrap_or("")
        .trim()
        .trim_matches('`')
        .to_string();
    let expected = parts
        .next()
        .unwrap_or("")
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    (word, expected)
}

fn suggestion(word: &str, known: &[String]) -> String {
    let nearest = known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(word, k), k))
        .filter(|(distance, k)| *distance <= 2.max(k.len() / 3))
        .min();
    let list = known
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match nearest {
        Some((_, k)) => format!("did you mean `{k}`? Allowed here: {list}"),
        None if known.is_empty() => "remove it".to_string(),
        None => format!("allowed here: {list}"),
    }
}

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The position of the value at `path` in `text` (translated by `origin`), or of the
/// deepest part of the path that exists. `None` when the text does not parse.
pub fn locate(text: &str, path: &[Step], origin: Origin) -> Option<Position> {
    let mut walker = Walker {
        events: Parser::new_from_str(text),
    };
    let (event, span) = walker.first_node()?;
    let (line, column) = walker.descend(event, span, path)?;
    Some(origin.position(line, column))
}

struct Walker<'i> {
    events: Parser<'i, saphyr_parser::StrInput<'i>>,
}

impl<'i> Walker<'i> {
    fn next(&mut self) -> Option<(Event<'i>, Span)> {
        self.events.next()?.ok()
    }

    fn first_node(&mut self) -> Option<(Event<'i>, Span)> {
        loop {
            let (event, span) = self.next()?;
            match event {
                Event::StreamStart | Event::DocumentStart(_) | Event::Nothing => continue,
                Event::StreamEnd | Event::DocumentEnd => return None,
                _ => return Some((event, span)),
            }
        }
    }

    fn descend(&mut self, event: Event<'i>, span: Span, path: &[Step]) -> Option<(usize, usize)> {
        let here = (span.start.line(), span.start.col() + 1);
        let Some((step, rest)) = path.split_first() else {
            return Some(here);
        };
        match (event, step) {
            (Event::MappingStart(..), Step::Key(wanted)) => loop {
                let (key, key_span) = self.next()?;
                if matches!(key, Event::MappingEnd) {
                    return Some(here);
                }
                let key_text = match &key {
                    Event::Scalar(text, ..) => Some(text.to_string()),
                    _ => None,
                };
                if !matches!(key, Event::Scalar(..)) {
                    self.skip(key);
                }
                let (value, value_span) = self.next()?;
                if key_text.as_deref() == Some(*wanted) {
                    let found = self.descend(value, value_span, rest);
                    return found.or(Some((key_span.start.line(), key_span.start.col() + 1)));
                }
                self.skip(value);
            },
            (Event::SequenceStart(..), Step::Index(wanted)) => {
                let mut index = 0;
                loop {
                    let (item, item_span) = self.next()?;
                    if matches!(item, Event::SequenceEnd) {
                        return Some(here);
                    }
                    if index == *wanted {
                        return self.descend(item, item_span, rest);
                    }
                    self.skip(item);
                    index += 1;
                }
            }
            _ => Some(here),
        }
    }

    /// Consumes the rest of the node that `event` opened.
    fn skip(&mut self, event: Event<'i>) {
        let mut depth = match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => 1,
            _ => 0,
        };
        while depth > 0 {
            match self.next() {
                Some((Event::MappingStart(..) | Event::SequenceStart(..), _)) => depth += 1,
                Some((Event::MappingEnd | Event::SequenceEnd, _)) => depth -= 1,
                Some(_) => {}
                None => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // fields are read through Debug in the assertions
    struct Meta {
        title: String,
        summary: Option<String>,
    }

    const ORIGIN: Origin = Origin {
        file: "content/a.md",
        first_line: 2,
    };

    #[test]
    fn unknown_key_points_at_the_line_in_the_file_and_suggests_the_nearest() {
        let error = parse::<Meta>("summary: x\ntitel: y\n", ORIGIN).unwrap_err();
        assert_eq!(error.message, "unknown key `titel`");
        assert_eq!((error.line, error.column), (3, 1));
        assert!(error.hint.unwrap().starts_with("did you mean `title`?"));
    }

    #[test]
    fn missing_key_is_named() {
        let error = parse::<Meta>("summary: x\n", ORIGIN).unwrap_err();
        assert_eq!(error.message, "missing required key `title`");
    }

    #[test]
    fn empty_text_is_an_empty_mapping() {
        let error = parse::<Meta>("  \n", ORIGIN).unwrap_err();
        assert_eq!(error.message, "missing required key `title`");
    }

    #[test]
    fn alias_bomb_is_refused_quickly() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..12 {
            let prev = level - 1;
            let refs = vec![format!("*l{prev}"); 10].join(", ");
            let name = if level == 1 {
                "a".to_string()
            } else {
                format!("l{prev}")
            };
            bomb.push_str(&format!(
                "l{level}: &l{level} [{}]\n",
                refs.replace("*l0", &format!("*{name}"))
            ));
        }
        let started = std::time::Instant::now();
        let result = parse::<serde_yaml::Value>(&bomb, ORIGIN);
        assert!(result.is_err());
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn locate_finds_nested_values() {
        let text = "title: x\nactivities:\n  - month: \"2027-01\"\n    title: a\n  - month: \"2031-01\"\n    title: b\n";
        let origin = Origin {
            file: "c.yaml",
            first_line: 1,
        };
        let at = locate(
            text,
            &[Step::Key("activities"), Step::Index(1), Step::Key("month")],
            origin,
        );
        assert_eq!(at, Some(Position::new(5, 12)));
        let missing = locate(
            text,
            &[
                Step::Key("activities"),
                Step::Index(1),
                Step::Key("channel"),
            ],
            origin,
        );
        assert_eq!(missing, Some(Position::new(5, 5)));
    }
}
