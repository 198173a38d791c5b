//! The report's warnings in the handbook's language. A warning is a message with an id
//! and arguments (`crate::messages`): the report shows the theme's sentence for the
//! kinds it has one for (with page titles, division names and dates as readers know
//! them, in any language the theme speaks), and otherwise the message itself, in the
//! handbook's language where handbook has messages in it, else in English.

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::messages::{Lang, Message};
use crate::report::Report;

use super::format::Text;

#[derive(Serialize)]
pub struct WarningInfo {
    /// `file:line`.
    location: String,
    division: Option<String>,
    /// The theme's sentence, when it has one for this kind of warning.
    sentence: Option<String>,
    /// The message, split where it quotes code (between backticks).
    parts: Vec<Part>,
    /// The language of `parts`.
    lang: &'static str,
}

#[derive(Serialize)]
struct Part {
    text: String,
    code: bool,
}

/// The warnings of `report`, for a report written in `language`.
pub fn infos(text: &Text, report: &Report, language: &str) -> Vec<WarningInfo> {
    let lang = Lang::for_handbook(language);
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
            parts: parts(&d.text(lang)),
            lang: lang.code(),
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

/// The theme label of a warning's kind and the values it names, when the theme has a
/// sentence for it.
fn classify(message: &Message) -> Option<(&'static str, Vec<(&'static str, Value)>)> {
    let text = |name: &str| message.get_text(name).map(str::to_string);
    let kind = match message.id() {
        "handout-unused" => ("warning_unused_handout", Vec::new()),
        "md-image-no-alt" => ("warning_image_alt", Vec::new()),
        "content-unused-yaml" => ("warning_unused_yaml", Vec::new()),
        "md-bare-url-text" => ("warning_bare_url", Vec::new()),
        "history-unreadable" => ("warning_history", Vec::new()),
        "calendar-empty-month" => (
            "warning_empty_month",
            vec![("month", Value::Month(text("month")?))],
        ),
        "local-required-missing" => (
            "warning_missing_required",
            vec![
                ("division", Value::Division(text("division")?)),
                ("page", Value::Page(text("page")?)),
            ],
        ),
        "review-overdue" | "review-overdue-no-owner" => (
            "warning_overdue",
            vec![
                ("page", Value::Page(text("page")?)),
                ("date", Value::Date(text("date")?)),
                ("owner", Value::Owner(text("owner"))),
            ],
        ),
        "followup-start-not-monday" => (
            "warning_not_monday",
            vec![("date", Value::Date(text("monday")?))],
        ),
        _ => return None,
    };
    Some(kind)
}

/// The theme's sentence for the warning, when it has one.
fn sentence(text: &Text, report: &Report, diagnostic: &Diagnostic) -> Option<String> {
    let (key, values) = classify(&diagnostic.message)?;
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
    use crate::messages::msg;

    #[test]
    fn the_kinds_with_a_sentence_are_recognised_by_id_with_their_values() {
        assert_eq!(
            classify(&msg!(
                "local-required-missing",
                division = "privat",
                page = "a/b.md"
            )),
            Some((
                "warning_missing_required",
                vec![
                    ("division", Value::Division("privat".into())),
                    ("page", Value::Page("a/b.md".into()))
                ]
            ))
        );
        assert_eq!(
            classify(&msg!("calendar-empty-month", month = "2027-05")),
            Some((
                "warning_empty_month",
                vec![("month", Value::Month("2027-05".into()))]
            ))
        );
        assert_eq!(
            classify(&msg!(
                "review-overdue",
                page = "a.md",
                date = "2027-01-01",
                owner = "Hanne HR"
            )),
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
            classify(&msg!(
                "review-overdue-no-owner",
                page = "a.md",
                date = "2027-01-01"
            ))
            .map(|(_, v)| v.into_iter().last()),
            Some(Some(("owner", Value::Owner(None))))
        );
        assert_eq!(
            classify(&msg!(
                "followup-start-not-monday",
                start = "2027-02-03",
                monday = "2027-02-01"
            )),
            Some((
                "warning_not_monday",
                vec![("date", Value::Date("2027-02-01".into()))]
            ))
        );
        assert_eq!(
            classify(&msg!("handout-unused")),
            Some(("warning_unused_handout", vec![]))
        );
        assert_eq!(classify(&msg!("pdf-text-too-long-hint")), None);
    }

    #[test]
    fn code_in_a_message_is_marked() {
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
