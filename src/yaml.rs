//! YAML: the one module that knows about the YAML libraries.
//!
//! `parse` turns a YAML text into a typed value or a `Diagnostic` whose position is in the
//! whole file (front matter starts on line 2), with a hint for unknown and missing keys.
//! `locate` finds where a value sits, for checks that run after deserializing (a month
//! outside the plan, a missing handout) and still want to point at a line.

mod check;
mod shape;

use saphyr_parser::{Event, Marker, Parser, Span};
use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Position};
use crate::messages::{Message, msg};

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

/// Parses `text` as a `T`, or gives every problem of the text: the text is first checked
/// against `T`'s shape (every unknown key, every value of the wrong kind, each at its
/// line), then read by serde, whose one error is added when the check missed it (a
/// syntax error, a value a type refuses). An empty text is read as an empty mapping, so
/// that a file or front matter with nothing in it gets "missing key" rather than a
/// parser error.
pub fn parse<T: DeserializeOwned + 'static>(
    text: &str,
    origin: Origin,
) -> Result<T, Vec<Diagnostic>> {
    let text = if text.trim().is_empty() { "{}" } else { text };
    check_nesting(text, origin).map_err(|problem| vec![problem])?;
    let mut problems = check::check(text, &shape::of::<T>(), origin);
    match serde_yaml::from_str(text) {
        Ok(value) if problems.is_empty() => Ok(value),
        // Stricter than serde on purpose: `0x10` as a week number.
        Ok(_) => Err(problems),
        Err(error) => {
            let problem = to_diagnostic(&error, text, origin);
            if !problems.iter().any(|p| p.line == problem.line) {
                problems.push(problem);
                problems.sort_by_key(|p| (p.line, p.column));
            }
            Err(problems)
        }
    }
}

fn to_diagnostic(error: &serde_yaml::Error, text: &str, origin: Origin) -> Diagnostic {
    let full = error.to_string();
    let message = full
        .find(" at line ")
        .map_or(full.as_str(), |end| &full[..end]);
    let (context, message) = split_context(message);
    let (message, hint) = explain(message);
    let message = match context {
        Some(path) => msg!("yaml-in", message = message, path = path),
        None => message,
    };
    // Errors raised while checking a value (a month, a date) come without a position:
    // find the value by its path instead.
    let position = match (error.location(), context) {
        (Some(l), _) => origin.position(l.line(), l.column()),
        (None, Some(path)) => {
            locate(text, &steps(path), origin).unwrap_or(Position::new(origin.first_line, 1))
        }
        (None, None) => Position::new(origin.first_line, 1),
    };
    Diagnostic::error(message)
        .in_file(origin.file)
        .at(position)
        .hint(hint)
}

/// A parsed YAML file with its text, so later checks can point into it.
#[derive(Debug)]
pub struct Data<T> {
    pub value: T,
    pub file: String,
    text: String,
}

impl<T: serde::de::DeserializeOwned + 'static> Data<T> {
    /// Parses a whole file; every problem of the file comes back at once.
    pub fn parse(text: String, file: &str) -> Result<Self, Vec<Diagnostic>> {
        let value = parse(
            &text,
            Origin {
                file,
                first_line: 1,
            },
        )?;
        Ok(Data {
            value,
            file: file.to_string(),
            text,
        })
    }
}

impl<T> Data<T> {
    /// Where each byte of the text `value`, read from `path`, sits in the file.
    pub fn value_map(&self, path: &[Step], value: &str) -> ValueMap {
        let origin = Origin {
            file: &self.file,
            first_line: 1,
        };
        value_map(&self.text, path, value, origin)
    }

    /// A value that stands in for a file that could not be read (its error is reported).
    pub fn stand_in(value: T, file: &str) -> Self {
        Data {
            value,
            file: file.to_string(),
            text: String::new(),
        }
    }

    pub fn position_of(&self, path: &[Step]) -> Position {
        let origin = Origin {
            file: &self.file,
            first_line: 1,
        };
        locate(&self.text, path, origin).unwrap_or(Position::new(1, 1))
    }

    pub fn error_at(&self, path: &[Step], message: impl Into<Message>) -> Diagnostic {
        Diagnostic::error(message)
            .in_file(&self.file)
            .at(self.position_of(path))
    }

    pub fn warning_at(&self, path: &[Step], message: impl Into<Message>) -> Diagnostic {
        Diagnostic::warning(message)
            .in_file(&self.file)
            .at(self.position_of(path))
    }
}

/// A data file reads like the value it holds; `Data` adds where each value sits.
impl<T> std::ops::Deref for Data<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

/// No handbook file needs more than this many levels of `[` and `{`.
const MAX_FLOW_DEPTH: usize = 64;

/// Refuses deeply nested flow collections before parsing: the YAML parser's time grows
/// faster than the depth.
fn check_nesting(text: &str, origin: Origin) -> Result<(), Diagnostic> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (offset, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '\n') => quote = None,
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    let at = crate::diagnostics::Position::of_offset(text, offset);
                    return Err(
                        Diagnostic::error(msg!("yaml-nested-past", max = MAX_FLOW_DEPTH))
                            .in_file(origin.file)
                            .at(origin.position(at.line, at.column))
                            .hint(msg!("yaml-nested-past-hint")),
                    );
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
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

/// `activities[3].month` as steps.
fn steps(path: &str) -> Vec<Step<'_>> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (key, indexes) = part
            .split_once('[')
            .map_or((part, ""), |(k, rest)| (k, rest));
        if !key.is_empty() {
            steps.push(Step::Key(key));
        }
        for index in indexes
            .split('[')
            .filter_map(|i| i.trim_end_matches(']').parse().ok())
        {
            steps.push(Step::Index(index));
        }
    }
    steps
}

fn is_key(word: &str) -> bool {
    word.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Turns serde's wording into ours, with a hint that says what to do.
fn explain(message: &str) -> (Message, Message) {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (key, expected) = split_expected(rest);
        let hint = suggestion(&key, &expected);
        return (msg!("yaml-unknown-key", key = key), hint);
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (value, expected) = split_expected(rest);
        let hint = suggestion(&value, &expected);
        return (msg!("yaml-unknown-value", value = value), hint);
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let key = rest.trim_matches('`');
        return (
            msg!("yaml-missing-key", key = key),
            msg!("yaml-missing-key-hint", key = key),
        );
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        let key = rest.trim_matches('`');
        return (
            msg!("yaml-key-twice", key = key),
            msg!("yaml-key-twice-hint"),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            msg!(
                "yaml-wrong-kind",
                expected = plain_type(expected),
                found = plain_type(found)
            ),
            msg!("yaml-wrong-kind-hint"),
        );
    }
    if message.contains("repetition limit") {
        return (msg!("yaml-alias-bomb"), msg!("yaml-alias-bomb-hint"));
    }
    if message.contains("recursion limit") {
        return (msg!("yaml-too-deep"), msg!("yaml-too-deep-hint"));
    }
    // The parser's own words (English): the hint says where to look.
    (
        msg!("yaml-syntax", detail = message),
        msg!("yaml-syntax-hint"),
    )
}

/// serde's names for kinds of values, in words an author knows.
fn plain_type(serde: &str) -> Message {
    let serde = serde.trim();
    if let Some(text) = serde.strip_prefix("string ") {
        return msg!("found-text", text = text);
    }
    if let Some(number) = serde
        .strip_prefix("integer ")
        .or_else(|| serde.strip_prefix("floating point "))
    {
        return msg!("found-number", number = number);
    }
    if let Some(value) = serde.strip_prefix("boolean ") {
        return msg!("found-literal", value = value);
    }
    match serde {
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "usize" => {
            msg!("kind-whole-number")
        }
        "f32" | "f64" => msg!("kind-number"),
        "a string" | "string" => msg!("kind-text"),
        "a boolean" => msg!("kind-bool"),
        "sequence" | "a sequence" => msg!("kind-list"),
        "map" | "a map" => msg!("kind-mapping"),
        "unit value" => msg!("kind-nothing"),
        other if other.starts_with("struct ") => msg!("kind-mapping"),
        // serde's own name for it (English), when it is one we do not know.
        "" => msg!("kind-other"),
        other => msg!("yaml-syntax", detail = other),
    }
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

fn suggestion(word: &str, known: &[String]) -> Message {
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
        Some((_, k)) => msg!("suggest-did-you-mean", nearest = k, allowed = list),
        None if known.is_empty() => msg!("suggest-remove"),
        None => msg!("suggest-allowed", allowed = list),
    }
}

/// A value that is read as text and checked after parsing: serde stops a file at its
/// first bad value, while a file with three bad dates should get three errors, each at
/// its own line (`Data::error_at` with the value's path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked<T> {
    Valid(T),
    Invalid(String),
}

/// How a checked value is read from its text.
pub trait FromText: Sized {
    fn from_text(text: &str) -> Option<Self>;
}

impl<T> Checked<T> {
    pub fn valid(&self) -> Option<&T> {
        match self {
            Checked::Valid(value) => Some(value),
            Checked::Invalid(_) => None,
        }
    }

    /// The text of an invalid value.
    pub fn invalid(&self) -> Option<&str> {
        match self {
            Checked::Valid(_) => None,
            Checked::Invalid(text) => Some(text),
        }
    }
}

impl<T: Copy> Checked<T> {
    pub fn get(&self) -> Option<T> {
        self.valid().copied()
    }
}

impl<'de, T: FromText> serde::Deserialize<'de> for Checked<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(match T::from_text(&text) {
            Some(value) => Checked::Valid(value),
            None => Checked::Invalid(text),
        })
    }
}

/// A hint naming the nearest of `known` to `word`, and listing them all.
pub fn suggest(word: &str, known: &[&str]) -> Message {
    let known: Vec<String> = known.iter().map(|k| k.to_string()).collect();
    suggestion(word, &known)
}

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    /// The value of a key.
    Key(&'a str),
    /// The key itself (where to point at a key that should not be there).
    KeyName(&'a str),
    Index(usize),
}

/// The position of the value at `path` in `text` (translated by `origin`), or of the
/// deepest part of the path that exists. `None` when the text does not parse.
pub fn locate(text: &str, path: &[Step], origin: Origin) -> Option<Position> {
    let marker = locate_marker(text, path)?;
    Some(origin.position(marker.line(), marker.col() + 1))
}

fn locate_marker(text: &str, path: &[Step]) -> Option<Marker> {
    let mut walker = Walker {
        events: Parser::new_from_str(text),
    };
    let (event, span) = walker.first_node()?;
    walker.descend(event, span, path)
}

/// Where each byte of a text value (as read) sits in the file, for diagnostics about a
/// part of it (a link inside a note).
pub struct ValueMap {
    /// The position of each byte offset of the value, and of its end.
    positions: Vec<Position>,
    fallback: Position,
}

impl ValueMap {
    pub fn position(&self, offset: usize) -> Position {
        self.positions.get(offset).copied().unwrap_or(self.fallback)
    }
}

/// The `ValueMap` of the text `value` read from `path` of `text`. The value is aligned
/// with its source character by character, skipping what the source has and the value
/// not (quotes, indentation, a line folded into a space); a character the source writes
/// otherwise (an escape) takes the position reached so far.
pub fn value_map(text: &str, path: &[Step], value: &str, origin: Origin) -> ValueMap {
    let fallback = locate(text, path, origin).unwrap_or(Position::new(origin.first_line, 1));
    let Some(start) = locate_marker(text, path)
        .and_then(|m| text.char_indices().nth(m.index()).map(|(at, _)| at))
    else {
        return ValueMap {
            positions: Vec::new(),
            fallback,
        };
    };
    let lines = crate::diagnostics::LineIndex::new(text);
    let at = |offset: usize| {
        let p = lines.position(offset);
        origin.position(p.line, p.column)
    };
    let mut positions = Vec::with_capacity(value.len() + 1);
    let mut source = start;
    for c in value.chars() {
        // Look a little way ahead only, so one odd character cannot derail the rest.
        let found = text[source..]
            .char_indices()
            .take(12)
            .find(|(_, s)| *s == c || (c == ' ' && s.is_whitespace()));
        let here = match found {
            Some((skip, s)) => {
                let here = source + skip;
                source = here + s.len_utf8();
                here
            }
            None => source,
        };
        positions.extend(std::iter::repeat_n(at(here), c.len_utf8()));
    }
    positions.push(at(source));
    ValueMap {
        positions,
        fallback,
    }
}

/// The keys of the top-level mapping of `text`, each with its position, as far as the
/// text parses.
pub fn top_level_keys(text: &str, origin: Origin) -> Vec<(String, Position)> {
    let mut walker = Walker {
        events: Parser::new_from_str(text),
    };
    let mut keys = Vec::new();
    if !matches!(walker.first_node(), Some((Event::MappingStart(..), _))) {
        return keys;
    }
    while let Some((key, span)) = walker.next() {
        match key {
            Event::MappingEnd => break,
            Event::Scalar(name, ..) => {
                keys.push((
                    name.to_string(),
                    origin.position(span.start.line(), span.start.col() + 1),
                ));
            }
            other => walker.skip(other),
        }
        let Some((value, _)) = walker.next() else {
            break;
        };
        walker.skip(value);
    }
    keys
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

    fn descend(&mut self, event: Event<'i>, span: Span, path: &[Step]) -> Option<Marker> {
        let here = span.start;
        let Some((step, rest)) = path.split_first() else {
            return Some(here);
        };
        match (event, step) {
            (Event::MappingStart(..), Step::Key(wanted) | Step::KeyName(wanted)) => loop {
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
                    if matches!(step, Step::KeyName(_)) {
                        return Some(key_span.start);
                    }
                    let found = self.descend(value, value_span, rest);
                    return found.or(Some(key_span.start));
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
        let error = parse::<Meta>("summary: x\ntitel: y\n", ORIGIN)
            .unwrap_err()
            .remove(0);
        assert_eq!(error.message, "unknown key `titel`");
        assert_eq!((error.line, error.column), (3, 1));
        assert!(error.hint.unwrap().starts_with("did you mean `title`?"));
    }

    #[test]
    fn missing_key_is_named() {
        let error = parse::<Meta>("summary: x\n", ORIGIN).unwrap_err().remove(0);
        assert_eq!(error.message, "missing required key `title`");
    }

    #[test]
    fn type_errors_are_in_plain_words() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Week {
            week: u32,
        }
        let error = parse::<Week>("week: to\n", ORIGIN).unwrap_err().remove(0);
        assert_eq!(
            error.message,
            "expected a whole number, found the text \"to\" (in `week`)"
        );
    }

    #[test]
    fn empty_text_is_an_empty_mapping() {
        let error = parse::<Meta>("  \n", ORIGIN).unwrap_err().remove(0);
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
    fn checked_values_are_kept_for_later_checks() {
        #[derive(Debug, Deserialize)]
        struct Plan {
            start: Checked<crate::content::programme::YearMonth>,
            other: Checked<crate::content::programme::YearMonth>,
        }
        let plan: Plan = parse("start: \"2027-13\"\nother: \"2027-02\"\n", ORIGIN).unwrap();
        assert_eq!(plan.start.invalid(), Some("2027-13"));
        assert_eq!(
            plan.other.get().map(|m| m.to_string()).as_deref(),
            Some("2027-02")
        );
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep = format!(
            "extra: {{deep: {}{}}}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let started = std::time::Instant::now();
        let error = parse::<serde_yaml::Value>(&deep, ORIGIN)
            .unwrap_err()
            .remove(0);
        assert!(
            error
                .message
                .english()
                .contains("nested more than 64 levels"),
            "{}",
            error.message
        );
        assert!(started.elapsed().as_secs() < 2);
        assert!(
            parse::<serde_yaml::Value>(
                "a: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\n",
                ORIGIN
            )
            .is_ok()
        );
    }

    #[test]
    fn positions_inside_text_values_are_found_in_every_style() {
        let origin = Origin {
            file: "f.yaml",
            first_line: 1,
        };
        let text = "a: plain [x](y.md)\nb: \"quoted \\\"q\\\" [x](z.md)\"\nc: >\n  folded\n  line [x](w.md)\n";
        let at = |key, value: &str, needle: &str| {
            let map = value_map(text, &[Step::Key(key)], value, origin);
            map.position(value.find(needle).unwrap())
        };
        assert_eq!(at("a", "plain [x](y.md)", "y.md"), Position::new(1, 14));
        assert_eq!(
            at("b", "quoted \"q\" [x](z.md)", "z.md"),
            Position::new(2, 22)
        );
        assert_eq!(
            at("c", "folded line [x](w.md)\n", "w.md"),
            Position::new(5, 12)
        );
        // Past the value's end: its end.
        let map = value_map(text, &[Step::Key("a")], "plain [x](y.md)", origin);
        assert_eq!(map.position(15), Position::new(1, 19));
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
