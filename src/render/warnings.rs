//! The report's warnings in the handbook's language. A diagnostic keeps its English
//! message (in report.json and on the command line); the report shows a translated
//! sentence for each kind of warning simple enough to recognise, with its page titles,
//! division names and dates, and otherwise the English message with its code marked up.

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::report::Report;

use super::format::Text;

#[derive(Serialize)]
pub struct WarningInfo {
    /// `file:line`.
    location: String,
    division: Option<String>,
    /// The translated sentence, when the kind is known.
    sentence: Option<String>,
    /// The English message, split where it quotes code (between backticks).
    parts: Vec<Part>,
}

#[derive(Serialize)]
struct Part {
    text: String,
    code: bool,
}

pub fn infos(text: &Text, report: &Report) -> Vec<WarningInfo> {
    report
        .warnings
        .iter()
        .map(|d| WarningInfo {
            location: match (&d.file, d.line) {
                (Some(file), 0) => file.clone(),
                (Some(file), line) => format!("{file}:{line}"),
                (None, _) => String::new(),
            },
            division: d.division.as_ref().map(|id| division_name(report, id)),
            sentence: sentence(text, report, d),
            parts: parts(&d.message.english()),
        })
        .collect()
}

fn division_name(report: &Report, id: &str) -> String {
    report
        .divisions
        .iter()
        .find(|d| d.id == id)
        .map_or_else(|| id.to_string(), |d| d.name.clone())
}

/// A value a sentence names, as the message has it.
#[derive(Debug, PartialEq, Eq)]
enum Value {
    Division(String),
    Page(String),
    Month(String),
    Date(String),
    Owner(Option<String>),
}

/// The label of a warning's kind and the values it names, when the kind is known.
fn classify(message: &str) -> Option<(&'static str, Vec<(&'static str, Value)>)> {
    let fixed = [
        ("no page links to this handout", "warning_unused_handout"),
        ("this image has no alternative text", "warning_image_alt"),
        (
            "handbook does not read this YAML file",
            "warning_unused_yaml",
        ),
        ("the link text is a bare URL", "warning_bare_url"),
    ];
    if let Some((_, key)) = fixed.iter().find(|(m, _)| *m == message) {
        return Some((key, Vec::new()));
    }
    if message.starts_with("the git history could not be read") {
        return Some(("warning_history", Vec::new()));
    }
    if let Some(month) = message.strip_prefix("no activity in ") {
        return Some((
            "warning_empty_month",
            vec![("month", Value::Month(month.to_string()))],
        ));
    }
    let quoted = quoted(message);
    if message.starts_with("division `")
        && message.ends_with(", which every division must add")
        && let [division, page] = quoted.as_slice()
    {
        let values = vec![
            ("division", Value::Division(division.to_string())),
            ("page", Value::Page(page.to_string())),
        ];
        return Some(("warning_missing_required", values));
    }
    if let Some((_, rest)) = message.split_once("` was due for review on ") {
        let (date, owner) = rest.split_once("; ")?;
        let owner = owner.strip_prefix("its owner is ").map(str::to_string);
        let values = vec![
            ("page", Value::Page(quoted.first()?.to_string())),
            ("date", Value::Date(date.to_string())),
            ("owner", Value::Owner(owner)),
        ];
        return Some(("warning_overdue", values));
    }
    if message.starts_with("`followup_start: ") {
        let (_, monday) = message.split_once("the weeks start on Monday ")?;
        return Some((
            "warning_not_monday",
            vec![("date", Value::Date(monday.to_string()))],
        ));
    }
    None
}

/// The texts between backticks.
fn quoted(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

/// The warning in the handbook's language, when its kind is known.
fn sentence(text: &Text, report: &Report, diagnostic: &Diagnostic) -> Option<String> {
    let english = diagnostic.message.english();
    let (key, values) = classify(&english)?;
    let mut sentence = text.labels.get(key)?.clone();
    for (name, value) in values {
        let shown = match value {
            Value::Division(id) => division_name(report, &id),
            Value::Page(path) => report.title(&path).to_string(),
            Value::Month(month) => crate::content::programme::YearMonth::parse(&month)
                .map_or(month, |m| {
                    format!("{} {}", text.style.month_name(m.month), m.year)
                }),
            Value::Date(date) => date
                .parse()
                .map_or(date, |d: jiff::civil::Date| text.style.date(d)),
            Value::Owner(owner) => owner.unwrap_or_else(|| text.label("no_owner")),
        };
        sentence = sentence.replace(&format!("{{{name}}}"), &shown);
    }
    Some(sentence)
}

/// The message split into text and code (between backticks), for markup.
fn parts(message: &str) -> Vec<Part> {
    message
        .split('`')
        .enumerate()
        .filter(|(_, text)| !text.is_empty())
        .map(|(i, text)| Part {
            text: text.to_string(),
            code: i % 2 == 1,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_simple_kinds_of_warning_are_recognised_with_their_values() {
        assert_eq!(
            classify(
                "division `privat` has no local section for `a/b.md`, which every division must add"
            ),
            Some((
                "warning_missing_required",
                vec![
                    ("division", Value::Division("privat".into())),
                    ("page", Value::Page("a/b.md".into()))
                ]
            ))
        );
        assert_eq!(
            classify("no activity in 2027-05"),
            Some((
                "warning_empty_month",
                vec![("month", Value::Month("2027-05".into()))]
            ))
        );
        assert_eq!(
            classify("`a.md` was due for review on 2027-01-01; its owner is Hanne HR"),
            Some((
                "warning_overdue",
                vec![
                    ("page", Value::Page("a.md".into())),
                    ("date", Value::Date("2027-01-01".into())),
                    ("owner", Value::Owner(Some("Hanne HR".into())))
                ]
            ))
        );
        assert_eq!(
            classify("`a.md` was due for review on 2027-01-01; it has no owner")
                .map(|(_, v)| v.into_iter().last()),
            Some(Some(("owner", Value::Owner(None))))
        );
        assert_eq!(
            classify(
                "`followup_start: 2027-02-03` is not a Monday; the weeks start on Monday 2027-02-01"
            ),
            Some((
                "warning_not_monday",
                vec![("date", Value::Date("2027-02-01".into()))]
            ))
        );
        assert_eq!(
            classify("no page links to this handout"),
            Some(("warning_unused_handout", vec![]))
        );
        assert_eq!(classify("the heading level jumps from h2 to h4"), None);
    }

    #[test]
    fn code_in_an_english_message_is_marked() {
        let parts = parts("unknown code language `yml`: shown as plain text");
        let marked: Vec<(&str, bool)> = parts.iter().map(|p| (p.text.as_str(), p.code)).collect();
        assert_eq!(
            marked,
            [
                ("unknown code language ", false),
                ("yml", true),
                (": shown as plain text", false)
            ]
        );
    }
}
