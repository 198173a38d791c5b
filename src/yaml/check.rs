//! Checks a YAML text against a `Shape` before serde reads it: every unknown key, every
//! key given twice, every missing required key and every value of the wrong kind, each
//! at its own line. Only what serde would refuse too is reported (and numbers written
//! in hexadecimal, octal or binary), so a text that passes here is serde's to read.

use std::collections::BTreeSet;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use super::shape::{Field, Shape};
use super::{Origin, suggestion};
use crate::diagnostics::Diagnostic;
use crate::messages::{Message, msg};

/// Every problem of `text` against `shape`; the walk stops quietly at a syntax error,
/// which serde reports.
pub fn check(text: &str, shape: &Shape, origin: Origin) -> Vec<Diagnostic> {
    let mut walk = Walk {
        events: Parser::new_from_str(text),
        origin,
        problems: Vec::new(),
        path: Vec::new(),
    };
    if let Some((event, span)) = walk.first_node() {
        walk.node(event, span, shape);
    }
    walk.problems
}

/// One part of the path to a value, as serde writes it (`weeks[2].title`).
enum Part {
    Key(String),
    Index(usize),
}

struct Walk<'i> {
    events: Parser<'i, saphyr_parser::StrInput<'i>>,
    origin: Origin<'i>,
    problems: Vec<Diagnostic>,
    path: Vec<Part>,
}

impl<'i> Walk<'i> {
    fn next(&mut self) -> Option<(Event<'i>, Span)> {
        self.events.next()?.ok()
    }

    fn first_node(&mut self) -> Option<(Event<'i>, Span)> {
        loop {
            match self.next()? {
                (Event::StreamStart | Event::DocumentStart(_) | Event::Nothing, _) => continue,
                (Event::StreamEnd | Event::DocumentEnd, _) => return None,
                node => return Some(node),
            }
        }
    }

    /// Checks the node that `event` starts (and consumes all of it).
    fn node(&mut self, event: Event<'i>, span: Span, shape: &Shape) {
        match (shape, &event) {
            (_, Event::Alias(_)) | (Shape::Any, _) => self.skip(event),
            (Shape::Optional(_), Event::Scalar(value, ScalarStyle::Plain, _, None))
                if is_null(value) => {}
            (Shape::Optional(inner), _) => self.node(event, span, inner),
            (_, Event::Scalar(_, _, _, Some(_))) => {} // a tagged value: serde decides
            (Shape::Seq(item), Event::SequenceStart(..)) => self.items(item),
            (Shape::Struct(fields), Event::MappingStart(..)) => self.mapping(fields, span),
            // An empty value is an empty list or mapping to serde.
            (Shape::Seq(_), Event::Scalar(value, ScalarStyle::Plain, ..)) if value.is_empty() => {}
            (Shape::Struct(fields), Event::Scalar(value, ScalarStyle::Plain, ..))
                if value.is_empty() =>
            {
                self.missing(fields, &BTreeSet::new(), span);
            }
            (_, Event::Scalar(value, style, ..)) => {
                if let Some(problem) = scalar_problem(shape, value, *style) {
                    self.report(span, problem);
                }
            }
            (Shape::Enum(_), _) => self.skip(event), // a tagged enum: serde decides
            _ => {
                let found = if matches!(event, Event::SequenceStart(..)) {
                    msg!("kind-list")
                } else {
                    msg!("kind-mapping")
                };
                self.report(span, wrong_kind(shape, found));
                self.skip(event);
            }
        }
    }

    fn items(&mut self, item: &Shape) {
        let mut index = 0;
        while let Some((event, span)) = self.next() {
            if matches!(event, Event::SequenceEnd) {
                return;
            }
            self.path.push(Part::Index(index));
            self.node(event, span, item);
            self.path.pop();
            index += 1;
        }
    }

    fn mapping(&mut self, fields: &[Field], start: Span) {
        let mut seen = BTreeSet::new();
        while let Some((key, key_span)) = self.next() {
            let name = match key {
                Event::MappingEnd => break,
                Event::Scalar(ref name, ..) => name.to_string(),
                other => {
                    // A list or mapping as a key: serde reports it.
                    self.skip(other);
                    self.skip_value();
                    continue;
                }
            };
            let Some((value, value_span)) = self.next() else {
                return;
            };
            match fields.iter().find(|f| f.name == name) {
                Some(field) if !seen.insert(field.name) => {
                    let problem = Problem::new(msg!("yaml-key-twice", key = &name))
                        .hint(msg!("yaml-key-twice-hint"));
                    self.report(key_span, problem);
                    self.skip(value);
                }
                Some(field) => {
                    self.path.push(Part::Key(name));
                    self.node(value, value_span, &field.shape);
                    self.path.pop();
                }
                None => {
                    let known: Vec<String> = fields.iter().map(|f| f.name.to_string()).collect();
                    let problem = Problem::new(msg!("yaml-unknown-key", key = &name))
                        .hint(suggestion(&name, &known));
                    self.report(key_span, problem);
                    self.skip(value);
                }
            }
        }
        self.missing(fields, &seen, start);
    }

    fn missing(&mut self, fields: &[Field], seen: &BTreeSet<&str>, at: Span) {
        for field in fields {
            if field.required && !seen.contains(field.name) {
                let problem = Problem::new(msg!("yaml-missing-key", key = field.name))
                    .hint(msg!("yaml-missing-key-hint", key = field.name));
                self.report(at, problem);
            }
        }
    }

    fn skip_value(&mut self) {
        if let Some((event, _)) = self.next() {
            self.skip(event);
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

    fn report(&mut self, span: Span, problem: Problem) {
        let context = self.context();
        let message = match context {
            Some(path) => msg!("yaml-in", message = problem.message, path = path),
            None => problem.message,
        };
        let position = self
            .origin
            .position(span.start.line(), span.start.col() + 1);
        self.problems.push(
            Diagnostic::error(message)
                .in_file(self.origin.file)
                .at(position)
                .hint(problem.hint),
        );
    }

    /// The path as serde writes it in its messages: `weeks[2].title`.
    fn context(&self) -> Option<String> {
        let mut out = String::new();
        for part in &self.path {
            match part {
                Part::Key(key) if out.is_empty() => out.push_str(key),
                Part::Key(key) => {
                    out.push('.');
                    out.push_str(key);
                }
                Part::Index(index) => out.push_str(&format!("[{index}]")),
            }
        }
        (!out.is_empty()).then_some(out)
    }
}

/// A message and its hint.
struct Problem {
    message: Message,
    hint: Message,
}

impl Problem {
    fn new(message: Message) -> Self {
        Problem {
            message,
            hint: msg!("yaml-wrong-kind-hint"),
        }
    }

    fn hint(self, hint: Message) -> Self {
        Problem { hint, ..self }
    }
}

fn is_null(value: &str) -> bool {
    matches!(value, "" | "~" | "null" | "Null" | "NULL")
}

/// What is wrong with a scalar where `shape` is wanted, if serde would refuse it.
fn scalar_problem(shape: &Shape, value: &str, style: ScalarStyle) -> Option<Problem> {
    let plain = style == ScalarStyle::Plain;
    match shape {
        Shape::Text | Shape::Any | Shape::Optional(_) => None,
        Shape::Bool
            if plain
                && matches!(
                    value,
                    "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
                ) =>
        {
            None
        }
        Shape::Int { .. } | Shape::Float if plain && not_decimal(value).is_some() => {
            not_decimal(value)
        }
        Shape::Int { min, max } if plain => match decimal(value) {
            Some(n) if (*min..=*max).contains(&n) => None,
            Some(n) => Some(
                Problem::new(msg!("yaml-out-of-range", number = n.to_string())).hint(msg!(
                    "yaml-out-of-range-hint",
                    min = min.to_string(),
                    max = max.to_string()
                )),
            ),
            None => Some(wrong_kind(shape, found(value, style))),
        },
        Shape::Float if plain && is_float(value) => None,
        Shape::Enum(variants) if variants.contains(&value) => None,
        Shape::Enum(variants) => {
            let known: Vec<String> = variants.iter().map(|v| v.to_string()).collect();
            Some(
                Problem::new(msg!("yaml-unknown-value", value = value))
                    .hint(suggestion(value, &known)),
            )
        }
        _ => Some(wrong_kind(shape, found(value, style))),
    }
}

/// `0x10`, `0o20`, `0b10000`: YAML reads them as numbers, but nobody writes a week or an
/// amount that way on purpose.
fn not_decimal(value: &str) -> Option<Problem> {
    let unsigned = value.trim_start_matches(['+', '-']);
    let radix = match unsigned.get(..2) {
        Some("0x") => 16,
        Some("0o") => 8,
        Some("0b") => 2,
        _ => return None,
    };
    let number = i128::from_str_radix(&unsigned[2..], radix).ok()?;
    let sign = if value.starts_with('-') { "-" } else { "" };
    Some(
        Problem::new(msg!("yaml-not-decimal", value = value)).hint(msg!(
            "yaml-not-decimal-hint",
            number = format!("{sign}{number}")
        )),
    )
}

/// A whole number as serde_yaml reads it: an optional sign, then digits without a
/// leading zero.
fn decimal(value: &str) -> Option<i128> {
    let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
    let leading_zero = digits.len() > 1 && digits.starts_with('0');
    if digits.is_empty() || leading_zero || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.strip_prefix('+').unwrap_or(value).parse().ok()
}

/// A number as serde_yaml reads an `f64`: Rust's syntax, finite, or YAML's `.inf`/`.nan`.
fn is_float(value: &str) -> bool {
    let unpositive = match value.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return false,
        Some(rest) => rest,
        None => value,
    };
    matches!(unpositive, ".inf" | ".Inf" | ".INF")
        || matches!(
            value,
            "-.inf" | "-.Inf" | "-.INF" | ".nan" | ".NaN" | ".NAN"
        )
        || unpositive.parse::<f64>().is_ok_and(f64::is_finite)
}

/// The scalar in words, as the error messages say it.
fn found(value: &str, style: ScalarStyle) -> Message {
    if style != ScalarStyle::Plain {
        return msg!("found-text", text = format!("{value:?}"));
    }
    if is_null(value) {
        return msg!("kind-nothing");
    }
    if matches!(
        value,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
    ) {
        return msg!("found-literal", value = value);
    }
    // YAML 1.2 reads digits with a leading zero (`012`) as text.
    let digits = value.trim_start_matches(['+', '-']);
    let leading_zero =
        digits.len() > 1 && digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit());
    if decimal(value).is_some() || (is_float(value) && !leading_zero) {
        return msg!("found-number", number = format!("`{value}`"));
    }
    msg!("found-text", text = format!("{value:?}"))
}

fn wrong_kind(shape: &Shape, found: Message) -> Problem {
    let expected = match shape {
        Shape::Bool => msg!("kind-bool"),
        Shape::Int { .. } => msg!("kind-whole-number"),
        Shape::Float => msg!("kind-number"),
        Shape::Text | Shape::Enum(_) => msg!("kind-text"),
        Shape::Seq(_) => msg!("kind-list"),
        Shape::Struct(_) => msg!("kind-mapping"),
        Shape::Any | Shape::Optional(_) => msg!("kind-other"),
    };
    Problem::new(msg!("yaml-wrong-kind", expected = expected, found = found))
        .hint(msg!("yaml-wrong-kind-hint"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: Origin = Origin {
        file: "f.yaml",
        first_line: 1,
    };

    fn shape() -> Shape {
        let week = Shape::Struct(vec![
            Field {
                name: "week",
                shape: Shape::Int {
                    min: 0,
                    max: i128::from(u32::MAX),
                },
                required: true,
            },
            Field {
                name: "title",
                shape: Shape::Text,
                required: true,
            },
        ]);
        Shape::Struct(vec![
            Field {
                name: "title",
                shape: Shape::Optional(Box::new(Shape::Text)),
                required: false,
            },
            Field {
                name: "weeks",
                shape: Shape::Seq(Box::new(week)),
                required: true,
            },
        ])
    }

    fn problems(text: &str) -> Vec<(usize, String)> {
        check(text, &shape(), ORIGIN)
            .into_iter()
            .map(|d| (d.line, d.message.english()))
            .collect()
    }

    #[test]
    fn every_unknown_key_and_wrong_value_is_reported_at_its_line() {
        let text = "titel: x\nweeks:\n  - {week: 1, title: a, note: n}\n  - week: to\n    title: b\n  - {week: 0x10, title: c}\n  - {title: d}\n";
        assert_eq!(
            problems(text),
            [
                (1, "unknown key `titel`".to_string()),
                (3, "unknown key `note` (in `weeks[0]`)".to_string()),
                (
                    4,
                    "expected a whole number, found the text \"to\" (in `weeks[1].week`)"
                        .to_string()
                ),
                (
                    6,
                    "`0x10` is not a decimal number (in `weeks[2].week`)".to_string()
                ),
                (7, "missing required key `week` (in `weeks[3]`)".to_string()),
            ]
        );
    }

    #[test]
    fn what_serde_accepts_passes() {
        assert!(problems("title:\nweeks:\n  - {week: +3, title: 12}\n").is_empty());
        assert!(problems("weeks: []\n").is_empty());
        assert!(problems("weeks: *a\n").is_empty());
        assert_eq!(
            problems("weeks:\n  - {week: 012, title: x}\n")[0].1,
            "expected a whole number, found the text \"012\" (in `weeks[0].week`)"
        );
        assert_eq!(
            problems("title: x\ntitle: y\nweeks: 5\n"),
            [
                (2, "the key `title` is given twice".to_string()),
                (
                    3,
                    "expected a list, found the number `5` (in `weeks`)".to_string()
                ),
            ]
        );
    }

    #[test]
    fn hexadecimal_is_explained_in_words() {
        let problem = not_decimal("0x10").unwrap();
        assert_eq!(problem.message, "`0x10` is not a decimal number");
        assert!(problem.hint.ends_with("`16`"), "{}", problem.hint);
    }
}
