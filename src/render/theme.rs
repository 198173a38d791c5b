//! The theme: templates, static files and UI labels. The default theme is built into the
//! binary from `themes/default/`; a handbook's own `themes/<name>/` overrides it file by
//! file (labels key by key).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, Position, display_path};
use crate::messages::{Arg, msg};
use crate::source;
use crate::yaml::{self, Origin};

use crate::builtin::THEME as BUILTIN;

/// UI labels of one language: key -> text.
pub type Labels = BTreeMap<String, String>;

/// One file of the theme, from the binary or from the handbook's folder.
struct ThemeFile {
    bytes: Arc<[u8]>,
    /// How diagnostics name it.
    display: String,
}

pub struct Theme {
    pub tera: tera::Tera,
    /// Files under `static/`, by path relative to it.
    pub static_files: Vec<(String, Arc<[u8]>)>,
    labels: BTreeMap<String, Labels>,
    /// Template name -> file shown in diagnostics.
    template_files: BTreeMap<String, String>,
}

impl Theme {
    /// Loads the theme `name` for the handbook at `root`; `None` when its templates or
    /// labels have errors (reported in `diagnostics`).
    pub fn load(root: &Path, name: &str, diagnostics: &mut Diagnostics) -> Option<Theme> {
        let folder = root.join("themes").join(name);
        if name != "default" && !folder.is_dir() {
            diagnostics.push(
                Diagnostic::error(msg!("theme-missing", name = name))
                    .in_file(crate::config::CONFIG_FILE)
                    .hint(msg!("theme-missing-hint", name = name)),
            );
            return None;
        }
        let files = theme_files(root, &folder, diagnostics);
        let labels = load_labels(&files, diagnostics);
        let template_files: BTreeMap<String, String> = files
            .iter()
            .filter_map(|(path, file)| {
                path.strip_prefix("templates/")
                    .map(|name| (name.to_string(), file.display.clone()))
            })
            .collect();
        let tera = load_templates(&files, diagnostics)?;
        let static_files = files
            .iter()
            .filter_map(|(path, file)| {
                path.strip_prefix("static/")
                    .map(|p| (p.to_string(), file.bytes.clone()))
            })
            .collect();
        Some(Theme {
            tera,
            static_files,
            labels,
            template_files,
        })
    }

    pub fn labels(&self, language: &str) -> Option<&Labels> {
        self.labels.get(language)
    }

    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.labels.keys().map(String::as_str)
    }

    /// The error for a `language` the theme has no labels for, at the `language:` line
    /// that chose it (`content::division::language_origin`). Every output that needs
    /// labels reports it through here, so the same mistake is one error, not one per site.
    pub fn unknown_language(&self, language: &str, (file, at): (String, Position)) -> Diagnostic {
        let known: Vec<&str> = self.languages().collect();
        Diagnostic::error(msg!("theme-no-labels", language = language))
            .in_file(file)
            .at(at)
            .hint(msg!(
                "theme-no-labels-hint",
                known = known.join(", "),
                language = language
            ))
    }

    /// A rendering error as a diagnostic naming the template and the page.
    /// A template error while rendering `page` (a path, or a message naming the page;
    /// `None` while the templates are read).
    pub fn render_error(&self, error: &tera::Error, page: Option<Arg>) -> Diagnostic {
        let (template, message, position) = match error.kind() {
            tera::ErrorKind::RenderingError(report) | tera::ErrorKind::SyntaxError(report) => (
                report.filename().to_string(),
                report.message().to_string(),
                Position::new(report.span().start_line, report.span().start_col + 1),
            ),
            other => (String::new(), other.to_string(), Position::default()),
        };
        let message = shorten_field_list(message.trim_start_matches("error: "));
        let message = match page {
            Some(page) => msg!("template-error-rendering", page = page, detail = message),
            None => msg!("template-error", detail = message),
        };
        let diagnostic = Diagnostic::error(message).at(position);
        let diagnostic = match self.template_files.get(&template) {
            Some(file) => diagnostic.in_file(file),
            None if !template.is_empty() => diagnostic.in_file(template),
            None => diagnostic,
        };
        diagnostic.hint(msg!("template-error-hint"))
    }
}

/// Tera lists every field of a value it could not find; past a dozen that drowns the
/// message.
fn shorten_field_list(message: &str) -> String {
    let Some((head, fields)) = message.split_once("Available fields: ") else {
        return message.to_string();
    };
    let names: Vec<&str> = fields.split(", ").collect();
    if names.len() <= 12 {
        return message.to_string();
    }
    format!(
        "{head}Available fields include: {}, ... ({} in all)",
        names[..12].join(", "),
        names.len()
    )
}

fn theme_files(
    root: &Path,
    folder: &Path,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<String, ThemeFile> {
    let mut files = BTreeMap::new();
    for file in BUILTIN.find("**/*").into_iter().flatten() {
        if let include_dir::DirEntry::File(file) = file {
            let path = display_path(Path::new(""), file.path());
            let display = format!("themes/default/{path} (built in)");
            files.insert(
                path,
                ThemeFile {
                    bytes: Arc::from(file.contents()),
                    display,
                },
            );
        }
    }
    if !folder.is_dir() {
        return files;
    }
    let entries = WalkDir::new(folder)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !crate::content::is_ignored(e.file_name()));
    for entry in entries {
        let entry = match entry {
            Ok(entry) if entry.file_type().is_dir() => continue,
            Ok(entry) => entry,
            Err(error) => {
                diagnostics.push(
                    Diagnostic::error(msg!("theme-unreadable", detail = error.to_string()))
                        .hint(msg!("theme-unreadable-hint")),
                );
                continue;
            }
        };
        let display = display_path(root, entry.path());
        // Symlinks are followed only inside the handbook; pipes and devices are refused.
        match source::read_source(entry.path(), root, source::TEXT_LIMIT) {
            Ok(bytes) => {
                files.insert(
                    display_path(folder, entry.path()),
                    ThemeFile {
                        bytes: Arc::from(bytes),
                        display,
                    },
                );
            }
            Err(problem) => diagnostics.push(problem.diagnostic(&display)),
        }
    }
    files
}

/// `i18n/<lang>.yaml` of the built-in theme, with the handbook theme's keys on top.
fn load_labels(
    files: &BTreeMap<String, ThemeFile>,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<String, Labels> {
    let mut labels: BTreeMap<String, Labels> = BTreeMap::new();
    let builtin = BUILTIN
        .find("i18n/*.yaml")
        .into_iter()
        .flatten()
        .filter_map(|e| e.as_file());
    for file in builtin {
        let path = display_path(Path::new(""), file.path());
        parse_labels(
            &path,
            file.contents(),
            &format!("themes/default/{path} (built in)"),
            &mut labels,
            diagnostics,
        );
    }
    for (path, file) in files
        .iter()
        .filter(|(p, _)| p.starts_with("i18n/") && p.ends_with(".yaml"))
    {
        if !file.display.ends_with("(built in)") {
            parse_labels(path, &file.bytes, &file.display, &mut labels, diagnostics);
        }
    }
    labels
}

fn parse_labels(
    path: &str,
    bytes: &[u8],
    display: &str,
    labels: &mut BTreeMap<String, Labels>,
    diagnostics: &mut Diagnostics,
) {
    let language = path
        .trim_start_matches("i18n/")
        .trim_end_matches(".yaml")
        .to_string();
    let parsed = source::decode(bytes, display)
        .map_err(|problem| vec![problem])
        .and_then(|text| {
            yaml::parse::<Labels>(
                &text,
                Origin {
                    file: display,
                    first_line: 1,
                },
            )
        });
    match parsed {
        Ok(parsed) => labels.entry(language).or_default().extend(parsed),
        Err(problems) => diagnostics.extend(problems),
    }
}

fn load_templates(
    files: &BTreeMap<String, ThemeFile>,
    diagnostics: &mut Diagnostics,
) -> Option<tera::Tera> {
    let mut tera = tera::Tera::new();
    // Escape every value in every template, whatever its file name: a theme author
    // must opt out with `| safe`, never opt in.
    tera.autoescape_on(vec![""]);
    let mut templates = Vec::new();
    for (path, file) in files {
        let Some(name) = path.strip_prefix("templates/") else {
            continue;
        };
        match std::str::from_utf8(&file.bytes) {
            Ok(text) => templates.push((name.to_string(), text.to_string())),
            Err(_) => diagnostics.push(
                Diagnostic::error(msg!("template-not-utf8"))
                    .in_file(&file.display)
                    .hint(msg!("template-not-utf8-hint")),
            ),
        }
    }
    match tera.add_raw_templates(templates) {
        Ok(()) => Some(tera),
        Err(error) => {
            let names: BTreeMap<String, String> = files
                .iter()
                .filter_map(|(p, f)| {
                    p.strip_prefix("templates/")
                        .map(|n| (n.to_string(), f.display.clone()))
                })
                .collect();
            let theme = Theme {
                tera: tera::Tera::new(),
                static_files: Vec::new(),
                labels: BTreeMap::new(),
                template_files: names,
            };
            let diagnostic = theme.render_error(&error, None);
            diagnostics.push(diagnostic);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::format::Style;
    use jiff::civil::Date;

    /// The built-in theme's labels, which must load without a problem.
    fn builtin_labels() -> BTreeMap<String, Labels> {
        let mut diagnostics = Diagnostics::new();
        let labels = load_labels(&BTreeMap::new(), &mut diagnostics);
        let problems: Vec<String> = diagnostics.iter().map(|d| d.message.english()).collect();
        assert!(problems.is_empty(), "{problems:?}");
        labels
    }

    #[test]
    fn every_language_has_exactly_the_danish_keys() {
        let labels = builtin_labels();
        let languages: Vec<&str> = labels.keys().map(String::as_str).collect();
        assert_eq!(languages, ["da", "de", "en", "fi", "nb", "sv"]);
        let danish: Vec<&String> = labels["da"].keys().collect();
        for (language, set) in &labels {
            let keys: Vec<&String> = set.keys().collect();
            let missing: Vec<&&String> = danish.iter().filter(|k| !set.contains_key(**k)).collect();
            let extra: Vec<&&String> = keys
                .iter()
                .filter(|k| !labels["da"].contains_key(**k))
                .collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "i18n/{language}.yaml: missing {missing:?}, not in da.yaml {extra:?}"
            );
            let empty: Vec<&String> = set
                .iter()
                .filter(|(_, v)| v.is_empty())
                .map(|(k, _)| k)
                .collect();
            assert!(empty.is_empty(), "i18n/{language}.yaml: empty {empty:?}");
        }
    }

    #[test]
    fn each_language_writes_dates_numbers_and_money_its_own_way() {
        let labels = builtin_labels();
        let date = Date::new(2027, 2, 3).unwrap();
        let nbsp = '\u{a0}';
        let expected = [
            (
                "da",
                "3. februar 2027",
                "1.234,56".to_string(),
                "1.235 kr.".to_string(),
            ),
            (
                "en",
                "3 February 2027",
                "1,234.56".to_string(),
                "DKK 1,235".to_string(),
            ),
            (
                "sv",
                "3 februari 2027",
                format!("1{nbsp}234,56"),
                format!("1{nbsp}235{nbsp}kr"),
            ),
            (
                "nb",
                "3. februar 2027",
                format!("1{nbsp}234,56"),
                format!("1{nbsp}235{nbsp}kr"),
            ),
            (
                "de",
                "3. Februar 2027",
                "1.234,56".to_string(),
                format!("1.235{nbsp}€"),
            ),
            (
                "fi",
                "3. helmikuuta 2027",
                format!("1{nbsp}234,56"),
                format!("1{nbsp}235{nbsp}€"),
            ),
        ];
        for (language, day, number, money) in expected {
            let style = Style::new(&labels[language]);
            assert_eq!(style.date(date), day, "{language}");
            assert_eq!(style.number(1234.56, 2), number, "{language}");
            assert_eq!(style.money(1234.56), money, "{language}");
        }
        // Month headings name the month itself; Finnish dates use its partitive.
        assert_eq!(Style::new(&labels["fi"]).month_name(2), "helmikuu");
        assert_eq!(Style::new(&labels["fi"]).short_date(date), "3. helmikuuta");
        assert_eq!(
            Style::new(&labels["de"]).percent(12.5),
            format!("12,5{nbsp}%")
        );
    }

    #[test]
    fn long_field_lists_are_cut() {
        let many: Vec<String> = (0..40).map(|i| format!("f{i}")).collect();
        let message = format!(
            "Field `x` is not defined. Available fields: {}",
            many.join(", ")
        );
        let short = shorten_field_list(&message);
        assert!(short.ends_with("f11, ... (40 in all)"), "{short}");
        assert_eq!(
            shorten_field_list("Field `x` is not defined. Available fields: a, b"),
            "Field `x` is not defined. Available fields: a, b"
        );
    }
}
