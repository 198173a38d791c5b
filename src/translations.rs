//! `handbook translations`: which shared files are translated into each language a
//! division reads (current, outdated or missing), for translators and for the report;
//! and `--stamp`, which records in a translation the hash of its original as it is now,
//! once a translator has brought it up to date. Works on the loaded handbook (the load
//! stage only); the command line is wired in `cli.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::content::translation::{self, Status};
use crate::content::{CONTENT_DIR, DIVISIONS_DIR, Handbook, Tree};
use crate::messages::{Message, msg};

/// One translatable file in one language.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub status: Status,
    /// The translation's path relative to `content/` (`experiences/03-x.en.md`),
    /// whether it exists or not.
    pub translation: String,
    /// The hash a current translation names in `translated_from`: the original's now.
    pub source_hash: Option<String>,
    /// The hash the translation names, when it names one.
    pub translated_from: Option<String>,
}

/// Language -> original's path (relative to `content/`) -> how its translation stands.
pub type Coverage = BTreeMap<String, BTreeMap<String, Entry>>;

/// The languages divisions read besides the handbook's own, in order.
pub fn languages(handbook: &Handbook) -> Vec<String> {
    let own = &handbook.config.language;
    let languages: BTreeSet<&String> = handbook
        .divisions
        .iter()
        .filter_map(|d| d.config.language.as_ref())
        .filter(|language| *language != own)
        .collect();
    languages.into_iter().cloned().collect()
}

/// Every shared file a division in another language reads translated: the published
/// pages and the programme's data files there are.
pub fn translatable(tree: &Tree) -> Vec<&str> {
    let pages = tree
        .pages
        .values()
        .filter(|p| !p.is_draft())
        .map(|p| p.path.as_str());
    let data = translation::DATA_FILES
        .into_iter()
        .filter(|file| match *file {
            crate::content::FOLLOWUP_FILE => tree.followup.is_some(),
            crate::content::CALENDAR_FILE => tree.calendar.is_some(),
            crate::content::BUSINESS_CASE_FILE => tree.business_case.is_some(),
            // Until handouts.yaml is read as data it is one of the tree's files.
            other => tree.files.contains_key(other),
        });
    let mut files: Vec<&str> = pages.chain(data).collect();
    files.sort_unstable();
    files
}

/// How every translatable file stands in each of `languages`.
pub fn coverage(handbook: &Handbook, languages: &[String]) -> Coverage {
    let tree = &handbook.shared;
    let files = translatable(tree);
    languages
        .iter()
        .map(|language| {
            let entries = files
                .iter()
                .map(|source| (source.to_string(), entry(handbook, source, language)))
                .collect();
            (language.clone(), entries)
        })
        .collect()
}

fn entry(handbook: &Handbook, source: &str, language: &str) -> Entry {
    let tree = &handbook.shared;
    let translation = tree.translation(source, language);
    // Only sources with translations were hashed at load; the others are read now (a
    // handbook made in memory, with an empty root, has no files to read).
    let on_disk = !handbook.root.as_os_str().is_empty();
    let source_hash = tree.hashes.get(source).cloned().or_else(|| {
        let path = handbook.root.join(CONTENT_DIR).join(source);
        let bytes = std::fs::read(path).ok().filter(|_| on_disk)?;
        Some(translation::source_hash(&bytes))
    });
    Entry {
        status: tree.translation_status(source, language),
        translation: translation::file_name(source, language),
        source_hash,
        translated_from: translation.and_then(|t| t.translated_from.clone()),
    }
}

/// The `translations` map of report.json: language -> path -> status, for the languages
/// the divisions read.
pub fn statuses(handbook: &Handbook) -> BTreeMap<String, BTreeMap<String, Status>> {
    let tree = &handbook.shared;
    let files = translatable(tree);
    languages(handbook)
        .into_iter()
        .map(|language| {
            let statuses = files
                .iter()
                .map(|source| {
                    (
                        source.to_string(),
                        tree.translation_status(source, &language),
                    )
                })
                .collect();
            (language, statuses)
        })
        .collect()
}

/// The coverage as people read it: per language a count, then every file.
pub fn render_text(coverage: &Coverage, handbook: &Handbook) -> String {
    let mut out = String::new();
    if coverage.is_empty() {
        out.push_str(&format!(
            "Every division reads the handbook's own language (`{}`): nothing to translate. Name a language with --language.\n",
            handbook.config.language
        ));
    }
    for (language, entries) in coverage {
        let count = |status| entries.values().filter(|e| e.status == status).count();
        let divisions: Vec<&str> = handbook
            .divisions
            .iter()
            .filter(|d| d.config.language.as_deref() == Some(language))
            .map(|d| d.id.as_str())
            .collect();
        let readers = match divisions.as_slice() {
            [] => "no division".to_string(),
            [one] => format!("division {one}"),
            many => format!("divisions {}", many.join(", ")),
        };
        out.push_str(&format!(
            "{language} ({readers}): {} current, {} outdated, {} missing\n",
            count(Status::Current),
            count(Status::Outdated),
            count(Status::Missing)
        ));
        for entry in entries.values() {
            out.push_str(&format!(
                "  {:<9} {CONTENT_DIR}/{}\n",
                entry.status.name(),
                entry.translation
            ));
        }
    }
    out
}

pub fn render_json(coverage: &Coverage) -> String {
    serde_json::to_string_pretty(coverage).expect("the coverage always serializes")
}

/// Why a file could not be stamped.
#[derive(Debug, PartialEq, Eq)]
pub enum StampError {
    /// The command cannot do what was asked (exit status 2): not a translation, not in
    /// the handbook, unreadable or unwritable.
    CannotRun(Message),
    /// The content is wrong (exit status 1): a translation without an original.
    Content(Message),
}

/// A translation file stamped with its original's hash.
#[derive(Debug, PartialEq, Eq)]
pub struct Stamped {
    /// Relative to the handbook root.
    pub file: String,
    pub hash: String,
    /// The file already named that hash: nothing was written.
    pub unchanged: bool,
}

/// Records in the translation `file` (a path as given on the command line: relative to
/// the current folder, or to the handbook root) the hash its original has now. Only the
/// `translated_from:` line is written (added when missing); every other byte stays.
pub fn stamp(root: &Path, file: &Path) -> Result<Stamped, StampError> {
    let (absolute, content_path) = locate(root, file)?;
    let shown = format!("{CONTENT_DIR}/{content_path}");
    let Some((source, _)) = translation::split(&content_path)
        .filter(|_| !content_path.starts_with(&format!("{DIVISIONS_DIR}/")))
    else {
        return Err(StampError::CannotRun(msg!(
            "stamp-not-a-translation",
            file = shown.as_str()
        )));
    };
    let original = root.join(CONTENT_DIR).join(&source);
    let bytes = std::fs::read(&original).map_err(|_| {
        StampError::Content(msg!(
            "stamp-no-original",
            file = shown.as_str(),
            original = format!("{CONTENT_DIR}/{source}")
        ))
    })?;
    let hash = translation::source_hash(&bytes);
    let text =
        std::fs::read(&absolute).map_err(|e| StampError::CannotRun(cannot_read(&shown, &e)))?;
    let text = String::from_utf8(text)
        .map_err(|_| StampError::CannotRun(msg!("stamp-not-utf8", file = shown.as_str())))?;
    let stamped = if content_path.ends_with(".md") {
        stamp_markdown(&text, &hash)
    } else {
        stamp_yaml(&text, &hash)
    };
    let unchanged = stamped == text;
    if !unchanged {
        std::fs::write(&absolute, stamped).map_err(|e| {
            StampError::CannotRun(msg!(
                "output-cannot-write",
                detail = e.to_string(),
                doing = msg!("output-doing-writing"),
                path = shown.as_str()
            ))
        })?;
    }
    Ok(Stamped {
        file: shown,
        hash,
        unchanged,
    })
}

fn cannot_read(path: &str, error: &std::io::Error) -> Message {
    msg!(
        "output-cannot-read",
        path = path,
        detail = error.to_string()
    )
}

/// The file's absolute path and its path relative to `content/`.
fn locate(root: &Path, file: &Path) -> Result<(PathBuf, String), StampError> {
    // The handbook's own path first: a file of the same name where the command runs is
    // not what `--root` points at.
    let candidates = [
        root.join(file),
        root.join(CONTENT_DIR).join(file),
        file.to_path_buf(),
    ];
    let Some(found) = candidates.iter().find(|p| p.is_file()) else {
        return Err(StampError::CannotRun(msg!(
            "stamp-no-file",
            file = file.display().to_string()
        )));
    };
    let absolute = found
        .canonicalize()
        .map_err(|e| StampError::CannotRun(cannot_read(&file.display().to_string(), &e)))?;
    let content = root
        .join(CONTENT_DIR)
        .canonicalize()
        .map_err(|e| StampError::CannotRun(cannot_read(CONTENT_DIR, &e)))?;
    let relative = absolute.strip_prefix(&content).map_err(|_| {
        StampError::CannotRun(msg!(
            "stamp-outside-content",
            file = file.display().to_string()
        ))
    })?;
    let relative = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    Ok((absolute, relative))
}

/// The `translated_from` line, without its line break.
fn stamp_line(hash: &str) -> String {
    format!("translated_from: \"{hash}\"")
}

/// Sets `translated_from` in a Markdown file's front matter: the existing line is
/// rewritten (a trailing comment kept), else the key is added first; a file without front
/// matter gets one.
pub fn stamp_markdown(text: &str, hash: &str) -> String {
    let (bom, body) = split_bom(text);
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    let newline = line_break(lines.first().copied().unwrap_or("\n"));
    let is_fence = |line: &str| line.trim_end() == "---";
    let opens = lines.first().is_some_and(|l| is_fence(l));
    let closing = lines
        .iter()
        .skip(1)
        .position(|l| is_fence(l))
        .map(|i| i + 1);
    let (Some(close), true) = (closing, opens) else {
        return format!(
            "{bom}---{newline}{}{newline}---{newline}{body}",
            stamp_line(hash)
        );
    };
    format!("{bom}{}", set_key(&lines, 1, close, hash, newline))
}

/// Sets the top-level `translated_from` of a YAML file: the existing line is rewritten,
/// else the key is added after the file's opening comments.
pub fn stamp_yaml(text: &str, hash: &str) -> String {
    let (bom, body) = split_bom(text);
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    let newline = line_break(lines.first().copied().unwrap_or("\n"));
    let head = lines
        .iter()
        .take_while(|l| {
            let t = l.trim();
            t.is_empty() || t.starts_with('#') || t == "---" || t.starts_with('%')
        })
        .count();
    if lines.iter().any(|l| is_stamp_line(l)) {
        return format!("{bom}{}", set_key(&lines, 0, lines.len(), hash, newline));
    }
    format!("{bom}{}", set_key(&lines, head, head, hash, newline))
}

/// `lines` with the `translated_from` line among `lines[from..to]` rewritten, or a new
/// one inserted at `from`.
fn set_key(lines: &[&str], from: usize, to: usize, hash: &str, newline: &str) -> String {
    let mut out = String::new();
    let found = (from..to).find(|&i| is_stamp_line(lines[i]));
    for (index, line) in lines.iter().enumerate() {
        if found.is_none() && index == from {
            out.push_str(&stamp_line(hash));
            out.push_str(newline);
        }
        if Some(index) == found {
            out.push_str(&rewrite(line, hash));
        } else {
            out.push_str(line);
        }
    }
    if found.is_none() && from == lines.len() {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str(newline);
        }
        out.push_str(&stamp_line(hash));
        out.push_str(newline);
    }
    out
}

fn is_stamp_line(line: &str) -> bool {
    line.strip_prefix("translated_from")
        .is_some_and(|rest| rest.trim_start().starts_with(':'))
}

/// The line with its value replaced; its line break and a trailing comment kept.
fn rewrite(line: &str, hash: &str) -> String {
    let content = line.trim_end_matches(['\n', '\r']);
    let ending = &line[content.len()..];
    let comment = content.find(" #").map_or("", |at| &content[at..]);
    format!("{}{comment}{ending}", stamp_line(hash))
}

fn split_bom(text: &str) -> (&str, &str) {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    }
}

/// The line break a file uses, judged by its first line.
fn line_break(first_line: &str) -> &'static str {
    if first_line.ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "0123456789ab";

    #[test]
    fn coverage_lists_every_translatable_file_per_language_a_division_reads() {
        let source = "---\ntitle: A\n---\n";
        let current = format!(
            "---\ntranslated_from: \"{}\"\ntitle: A\n---\n",
            translation::source_hash(source.as_bytes())
        );
        let (handbook, _) = crate::content::from_texts(
            "title: T\nlanguage: da\n",
            &[
                ("a.md", source),
                ("a.en.md", &current),
                ("b.md", source),
                ("b.en.md", "---\ntitle: B\n---\n"),
                ("c.md", "---\ntitle: C\ndraft: true\n---\n"),
                ("followup.yaml", "weeks:\n  - {week: 1, title: Én}\n"),
                ("divisions/dk/division.yaml", "name: DK\n"),
                ("divisions/uk/division.yaml", "name: UK\nlanguage: en\n"),
                ("divisions/ie/division.yaml", "name: IE\nlanguage: en\n"),
            ],
        );
        assert_eq!(languages(&handbook), ["en"]);
        let statuses = statuses(&handbook);
        let en: Vec<(&str, Status)> = statuses["en"]
            .iter()
            .map(|(p, s)| (p.as_str(), *s))
            .collect();
        assert_eq!(
            en,
            [
                ("a.md", Status::Current),
                ("b.md", Status::Outdated),
                ("followup.yaml", Status::Missing)
            ]
        );
        let coverage = coverage(&handbook, &["de".to_string()]);
        let entry = &coverage["de"]["followup.yaml"];
        assert_eq!(
            (entry.status, entry.translation.as_str()),
            (Status::Missing, "followup.de.yaml")
        );
        assert!(
            render_text(&coverage, &handbook)
                .starts_with("de (no division): 0 current, 0 outdated, 3 missing\n")
        );
    }

    #[test]
    fn stamping_markdown_rewrites_only_the_translated_from_line() {
        let text = "---\ntitle: \"Why\"\ntranslated_from: 999999999999 # old\nsummary: x\n---\n# Body\ntranslated_from: keep\n";
        assert_eq!(
            stamp_markdown(text, HASH),
            "---\ntitle: \"Why\"\ntranslated_from: \"0123456789ab\" # old\nsummary: x\n---\n# Body\ntranslated_from: keep\n"
        );
    }

    #[test]
    fn stamping_markdown_adds_the_key_and_keeps_line_breaks_and_bom() {
        let text = "\u{feff}---\r\ntitle: A\r\n---\r\nBody\r\n";
        assert_eq!(
            stamp_markdown(text, HASH),
            "\u{feff}---\r\ntranslated_from: \"0123456789ab\"\r\ntitle: A\r\n---\r\nBody\r\n"
        );
        assert_eq!(
            stamp_markdown("Just a body.\n", HASH),
            "---\ntranslated_from: \"0123456789ab\"\n---\nJust a body.\n"
        );
        // A stamped file stamped again is unchanged.
        let once = stamp_markdown(text, HASH);
        assert_eq!(stamp_markdown(&once, HASH), once);
    }

    #[test]
    fn stamping_yaml_rewrites_the_top_level_key_or_adds_it_after_the_comments() {
        let text = "# Weeks in English.\ntitle: x\nweeks:\n  - week: 1\n    translated_from: no\n";
        assert_eq!(
            stamp_yaml(text, HASH),
            "# Weeks in English.\ntranslated_from: \"0123456789ab\"\ntitle: x\nweeks:\n  - week: 1\n    translated_from: no\n"
        );
        let stamped = "title: x\ntranslated_from: 'abcdefabcdef'\r\nweeks: []\n";
        assert_eq!(
            stamp_yaml(stamped, HASH),
            "title: x\ntranslated_from: \"0123456789ab\"\r\nweeks: []\n"
        );
        assert_eq!(stamp_yaml("", HASH), "translated_from: \"0123456789ab\"\n");
        assert_eq!(
            stamp_yaml("# only a comment", HASH),
            "# only a comment\ntranslated_from: \"0123456789ab\"\n"
        );
    }
}
