//! Code highlighting: the one module that knows syntect. Output uses CSS classes, so the
//! colours live in the theme's stylesheet.

use std::sync::LazyLock;

use syntect::highlighting::{Color, ThemeSet};
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

/// The background of code blocks in the default theme's `style.css` (`.prose pre`).
const CODE_BACKGROUND: Color = Color {
    r: 0xf6,
    g: 0xf8,
    b: 0xfa,
    a: 0xff,
};

/// WCAG AA for normal text is 4.5:1; a little more, so that rounding never fails it.
const MIN_CONTRAST: f64 = 4.6;

/// The stylesheet for the highlighting classes, in the colours of a light theme, each
/// darkened where needed to be readable on the code background (the theme's greys and
/// greens fail WCAG AA, as axe-core reports).
pub fn stylesheet() -> String {
    let mut themes = ThemeSet::load_defaults();
    let Some(mut theme) = themes.themes.remove("InspiredGitHub") else {
        return String::new();
    };
    for item in &mut theme.scopes {
        let background = item.style.background.unwrap_or(CODE_BACKGROUND);
        if let Some(foreground) = &mut item.style.foreground {
            *foreground = readable(*foreground, background);
        }
    }
    if let Some(foreground) = &mut theme.settings.foreground {
        *foreground = readable(*foreground, CODE_BACKGROUND);
    }
    css_for_theme_with_class_style(&theme, CLASS_STYLE).unwrap_or_default()
}

/// `color`, darkened step by step until it reaches `MIN_CONTRAST` on `background`.
fn readable(color: Color, background: Color) -> Color {
    let mut color = color;
    while contrast(color, background) < MIN_CONTRAST && (color.r, color.g, color.b) != (0, 0, 0) {
        let darker = |c: u8| (f64::from(c) * 0.92).floor() as u8;
        color = Color {
            r: darker(color.r),
            g: darker(color.g),
            b: darker(color.b),
            a: color.a,
        };
    }
    color
}

/// The WCAG contrast ratio of two colours.
fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn luminance(color: Color) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str) -> Color {
        let value = |i: usize| u8::from_str_radix(&text[i..i + 2], 16).unwrap();
        Color {
            r: value(0),
            g: value(2),
            b: value(4),
            a: 0xff,
        }
    }

    #[test]
    fn every_highlighting_colour_is_readable_on_the_code_background() {
        let css = stylesheet();
        let mut checked = 0;
        for rule in css.split('}') {
            let mut background = CODE_BACKGROUND;
            let mut colours = Vec::new();
            for declaration in rule.split(['{', ';', '\n']) {
                let declaration = declaration.trim();
                if let Some(value) = declaration.strip_prefix("background-color: #") {
                    background = hex(value);
                } else if let Some(value) = declaration.strip_prefix("color: #") {
                    colours.push(hex(value));
                }
            }
            for colour in colours {
                assert!(
                    contrast(colour, background) >= 4.5,
                    "{colour:?} on {background:?} in {rule}"
                );
                checked += 1;
            }
        }
        assert!(checked > 20, "the stylesheet has its colours: {css}");
        // The theme's own comment grey fails without the adjustment.
        assert!(contrast(hex("969896"), CODE_BACKGROUND) < 4.5);
    }

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
