//! Numbers, dates, file types and sizes, written the way the site's language writes them.
//! The separators and month names come from the theme's labels, so a theme can fix them.

use jiff::civil::Date;

use super::nav::label_or;
use super::theme::Labels;

/// What a number that is not finite is shown as.
const NOT_A_NUMBER: &str = "–";

/// How one language writes numbers and dates.
pub struct Style<'a> {
    labels: &'a Labels,
}

impl<'a> Style<'a> {
    pub fn new(labels: &'a Labels) -> Self {
        Style { labels }
    }

    fn label(&self, key: &str, fallback: &'a str) -> &str {
        self.labels.get(key).map_or(fallback, String::as_str)
    }

    /// `1234567.8` with `decimals` -> `1.234.567,8` in Danish, `1,234,567.8` in English.
    pub fn number(&self, value: f64, decimals: usize) -> String {
        if !value.is_finite() {
            // Checks keep NaN and infinities out of the data; should one slip through,
            // the page shows a dash, never "NaN" or "inf".
            return NOT_A_NUMBER.to_string();
        }
        let rounded = format!("{:.*}", decimals, value.abs());
        let (whole, fraction) = rounded.split_once('.').unwrap_or((&rounded, ""));
        let separator = self.label("thousands_separator", ".");
        let mut grouped = String::new();
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push_str(separator);
            }
            grouped.push(digit);
        }
        let sign = if value < 0.0 && rounded.chars().any(|c| c.is_ascii_digit() && c != '0') {
            "-"
        } else {
            ""
        };
        if fraction.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!(
                "{sign}{grouped}{}{fraction}",
                self.label("decimal_separator", ",")
            )
        }
    }

    /// A whole amount of money: `1.234.567 kr.`
    pub fn money(&self, value: f64) -> String {
        if !value.is_finite() {
            return NOT_A_NUMBER.to_string();
        }
        self.label("currency_format", "{} kr.")
            .replace("{}", &self.number(value.round(), 0))
    }

    /// A percentage with at most one decimal: `12,5 %`.
    pub fn percent(&self, value: f64) -> String {
        if !value.is_finite() {
            return NOT_A_NUMBER.to_string();
        }
        let decimals = if (value - value.round()).abs() < 1e-9 {
            0
        } else {
            1
        };
        self.label("percent_format", "{} %")
            .replace("{}", &self.number(value, decimals))
    }

    /// `1. februar 2027` / `1 February 2027`.
    pub fn date(&self, date: Date) -> String {
        self.label("date_format", "{day}. {month} {year}")
            .replace("{day}", &date.day().to_string())
            .replace("{month}", &self.month_name(date.month()))
            .replace("{year}", &date.year().to_string())
    }

    /// `1. feb.` style short date, for ranges within a year.
    pub fn short_date(&self, date: Date) -> String {
        self.label("short_date_format", "{day}/{month_number}")
            .replace("{day}", &date.day().to_string())
            .replace("{month_number}", &date.month().to_string())
            .replace("{month}", &self.month_name(date.month()))
    }

    pub fn month_name(&self, month: i8) -> String {
        self.labels
            .get(&format!("month_{month}"))
            .cloned()
            .unwrap_or_else(|| month.to_string())
    }

    /// `PDF, 240 kB`: the type from the extension and the size in SI units.
    pub fn file_size(&self, bytes: u64) -> String {
        let bytes = bytes as f64;
        if bytes < 1000.0 {
            format!("{} B", self.number(bytes, 0))
        } else if bytes < 1_000_000.0 {
            format!("{} kB", self.number((bytes / 1000.0).round().max(1.0), 0))
        } else {
            format!("{} MB", self.number(bytes / 1_000_000.0, 1))
        }
    }
}

/// The file type readers know a file by: its extension in capitals (`PDF`, `PPTX`).
pub fn file_type(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => extension.to_ascii_uppercase(),
        _ => "FIL".to_string(),
    }
}

/// A page's labels and the way it writes dates and numbers (the report's pages).
pub struct Text<'l> {
    pub labels: &'l Labels,
    pub style: Style<'l>,
}

impl<'l> Text<'l> {
    pub fn new(labels: &'l Labels) -> Self {
        Text {
            labels,
            style: Style::new(labels),
        }
    }

    pub fn label(&self, key: &str) -> String {
        label_or(self.labels, key, key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn danish() -> Labels {
        [
            ("thousands_separator", "."),
            ("decimal_separator", ","),
            ("month_2", "februar"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    #[test]
    fn danish_numbers_and_money() {
        let labels = danish();
        let style = Style::new(&labels);
        assert_eq!(style.number(1234567.0, 0), "1.234.567");
        assert_eq!(style.number(1234.56, 1), "1.234,6");
        assert_eq!(style.number(-1234.0, 0), "-1.234");
        assert_eq!(style.number(999.0, 0), "999");
        assert_eq!(style.money(1234567.4), "1.234.567 kr.");
        assert_eq!(style.percent(12.5), "12,5 %");
        assert_eq!(style.percent(5.0), "5 %");
    }

    #[test]
    fn numbers_that_are_not_finite_are_a_dash() {
        let labels = danish();
        let style = Style::new(&labels);
        for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(style.number(value, 0), "–");
            assert_eq!(style.money(value), "–");
            assert_eq!(style.percent(value), "–");
        }
    }

    #[test]
    fn dates_and_sizes() {
        let labels = danish();
        let style = Style::new(&labels);
        assert_eq!(
            style.date(Date::new(2027, 2, 1).unwrap()),
            "1. februar 2027"
        );
        assert_eq!(style.file_size(240_123), "240 kB");
        assert_eq!(style.file_size(1_260_000), "1,3 MB");
        assert_eq!(style.file_size(812), "812 B");
        assert_eq!(file_type("moedepakker/uge-01.pdf"), "PDF");
        assert_eq!(file_type("a/B.pptx"), "PPTX");
    }
}
