//! `division.yaml`: who a division is. Its overlay files are loaded with the shared ones
//! (see `content::load`); how they combine is the resolve stage's business.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::programme::{Data, YEARS};
use crate::diagnostics::Diagnostic;
use crate::holidays::Country;
use crate::messages::msg;
use crate::yaml::{Checked, FromText, Step};

type Extra = Option<serde_json::Map<String, serde_json::Value>>;

pub const DIVISION_FILE: &str = "division.yaml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DivisionConfig {
    pub name: String,
    pub language: Option<String>,
    /// The first day of the follow-up process: each week then shows its dates.
    pub followup_start: Option<Checked<Date>>,
    /// Where the division is (ISO 3166-1 alpha-2), for the public holidays its follow-up
    /// weeks fall on; by default the country of its language.
    pub country: Option<Checked<CountryCode>>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Shared pages (paths relative to `content/`) not relevant to this division.
    #[serde(default)]
    pub hide: Vec<String>,
    pub extra: Extra,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub extra: Extra,
}

impl DivisionConfig {
    /// Settings for a division whose division.yaml could not be read.
    pub fn stand_in(id: &str) -> Self {
        DivisionConfig {
            name: id.to_string(),
            language: None,
            followup_start: None,
            country: None,
            contacts: Vec::new(),
            hide: Vec::new(),
            extra: None,
        }
    }

    /// The start of the follow-up, when it is given and a valid date.
    pub fn followup_start(&self) -> Option<Date> {
        self.followup_start.as_ref().and_then(Checked::get)
    }

    /// The country whose public holidays the division's weeks are checked against: its
    /// `country`, else the country of `language` (the site's); `None` for a country
    /// handbook does not know (reported) or a language without one.
    pub fn country(&self, language: &str) -> Option<Country> {
        match &self.country {
            Some(Checked::Valid(code)) => Country::from_code(&code.0),
            Some(Checked::Invalid(_)) => None,
            None => Country::of_language(language),
        }
    }
}

/// A country code as written: two letters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryCode(pub String);

impl FromText for CountryCode {
    fn from_text(text: &str) -> Option<Self> {
        let text = text.trim();
        let letters = text.len() == 2 && text.chars().all(|c| c.is_ascii_alphabetic());
        letters.then(|| CountryCode(text.to_ascii_uppercase()))
    }
}

/// `country` is a two-letter code; one whose holidays handbook does not know is a warning
/// (the weeks then get no holiday notices).
pub fn check_country(config: &Data<DivisionConfig>) -> Vec<Diagnostic> {
    let at = [Step::Key("country")];
    let known = Country::codes();
    match &config.value.country {
        Some(Checked::Invalid(text)) => vec![
            config
                .error_at(&at, msg!("division-country-invalid", text = text))
                .hint(msg!("division-country-invalid-hint", known = known)),
        ],
        Some(Checked::Valid(code)) if Country::from_code(&code.0).is_none() => vec![
            config
                .warning_at(&at, msg!("division-country-unknown", code = &code.0))
                .hint(msg!("division-country-unknown-hint", known = known)),
        ],
        _ => Vec::new(),
    }
}

/// Where the language of a division's site (or of the one site, or of the pages shared
/// by all divisions, with `None`) is chosen: the division's own `language:` line, else
/// handbook.yaml's.
pub fn language_origin(
    config: &Data<crate::config::Config>,
    division: Option<&super::Division>,
) -> (String, crate::diagnostics::Position) {
    let at = [Step::Key("language")];
    match division.filter(|d| d.config.value.language.is_some()) {
        Some(division) => (
            division.config.file.clone(),
            division.config.position_of(&at),
        ),
        None => (
            crate::config::CONFIG_FILE.to_string(),
            config.position_of(&at),
        ),
    }
}

/// A `followup_start` that is a date but in an unlikely year (a typo like 9999).
pub fn check_followup_start(config: &Data<DivisionConfig>) -> Vec<Diagnostic> {
    match config.value.followup_start() {
        Some(start) if !YEARS.contains(&start.year()) => vec![
            config
                .error_at(
                    &[Step::Key("followup_start")],
                    msg!(
                        "division-followup-start-year",
                        start = start.to_string(),
                        first = i32::from(*YEARS.start()),
                        last = i32::from(*YEARS.end())
                    ),
                )
                .hint(msg!("division-followup-start-year-hint")),
        ],
        _ => Vec::new(),
    }
}

/// A division id is its folder name: `[a-z0-9][a-z0-9-]*`.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_letters_digits_and_dashes() {
        for good in ["privat", "erhverv-2", "7e"] {
            assert!(is_valid_id(good), "{good}");
        }
        for bad in ["Privat", "my division", "..", "-x", "", "æble", "a_b"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }
}
