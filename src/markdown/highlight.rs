//! Code highlighting: the one module that knows syntect. Output uses CSS classes, so the
//! colours live in the theme's stylesheet.

use std::sync::LazyLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Loaded on first use: a handbook without code blocks never pays for it.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Beyond these sizes highlighting with backtracking regexes can take too long.
const MAX_LINE: usize = 4_000;
const MAX_BLOCK: usize = 200_000;

/// Languages that mean "no highlighting" and need no warning.
const PLAIN: [&str; 5] = ["", "text", "txt", "plain", "plaintext"];

pub enum Highlighted {
    /// The highlighted HTML of the code (without the surrounding `<pre><code>`).
    Html(String),
    /// The language is unknown: shown as plain text.
    UnknownLanguage,
    /// The code is too large to highlight in bounded time: shown as plain text.
    TooLarge,
    /// No language given.
    Plain,
}

pub fn highlight(code: &str, language: &str) -> Highlighted {
    if PLAIN.contains(&language.to_ascii_lowercase().as_str()) {
        return Highlighted::Plain;
    }
    if code.len() > MAX_BLOCK || code.lines().any(|line| line.len() > MAX_LINE) {
        return Highlighted::TooLarge;
    }
    let Some(syntax) = SYNTAXES.find_syntax_by_token(language) else {
        return Highlighted::UnknownLanguage;
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return Highlighted::UnknownLanguage;
        }
    }
    Highlighted::Html(generator.finalize())
}

/// The stylesheet for the highlighting classes, in the colours of a light theme.
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    themes
        .themes
        .get("InspiredGitHub")
        .and_then(|theme| css_for_theme_with_class_style(theme, CLASS_STYLE).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes() {
        let Highlighted::Html(html) = highlight("fn main() {}\n", "rust") else {
            panic!("rust is known");
        };
        assert!(html.contains("class=\"hl-"), "{html}");
    }

    #[test]
    fn unknown_and_huge_fall_back() {
        assert!(matches!(
            highlight("x", "klingon"),
            Highlighted::UnknownLanguage
        ));
        let long = "a".repeat(MAX_LINE + 1);
        assert!(matches!(highlight(&long, "rust"), Highlighted::TooLarge));
        assert!(matches!(highlight("x", "text"), Highlighted::Plain));
    }
}
