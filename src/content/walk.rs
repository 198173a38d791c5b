//! Finding the source files under `content/`: editor junk and hidden files skipped,
//! symlinks that lead outside the handbook and files that are not regular files (named
//! pipes, sockets, devices) refused, paths made NFC.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, display_path};
use crate::messages::{Message, msg};
use crate::source::{FileKind, SourceProblem};

/// A file under `content/`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to `content/`, `/`-separated (`experiences/03-x.md`), in Unicode
    /// NFC: a name macOS wrote decomposed (`a` + U+030A for `å`) is the same page, URL
    /// and link target as the one typed composed.
    pub path: String,
    /// Path relative to the handbook root, as diagnostics show it (as it is on disk).
    pub display: String,
    pub absolute: PathBuf,
    /// The file's text when it is given in memory rather than read from `absolute`.
    pub text: Option<String>,
    /// The handbook root: files are read only when they really are inside it.
    pub root: PathBuf,
}

/// Every usable file under `content_dir`, sorted by path, and the problems met on the way.
pub fn source_files(root: &Path, content_dir: &Path) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let walker = WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_ignored(entry.file_name()));
    let mut walker = walker;
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error
                    .path()
                    .map(|p| display_path(root, p))
                    .unwrap_or_default();
                problems.push(
                    Diagnostic::error(msg!("file-path-unreadable", reason = io_reason(&error)))
                        .in_file(path)
                        .hint(msg!("file-path-unreadable-hint")),
                );
                continue;
            }
        };
        if entry.path_is_symlink() && !stays_inside(entry.path(), &canonical_root) {
            problems.push(SourceProblem::Outside.diagnostic(&display_path(root, entry.path())));
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        let display = display_path(root, entry.path());
        if !entry.file_type().is_file() {
            // A named pipe would block the read, a device would never end it.
            let kind = entry.metadata().map(|m| FileKind::of(&m));
            problems.push(
                SourceProblem::NotAFile(kind.unwrap_or(FileKind::Special)).diagnostic(&display),
            );
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(content_dir)
            .unwrap_or(entry.path());
        files.push(SourceFile {
            path: display_path(Path::new(""), relative).nfc().collect(),
            display,
            absolute: entry.path().to_path_buf(),
            text: None,
            root: root.to_path_buf(),
        });
    }
    problems.extend(same_after_normalising(&mut files));
    (files, problems)
}

/// Two files whose names differ only in how their letters are encoded (NFC and NFD)
/// would be one page: an error naming both, and only the first is kept.
fn same_after_normalising(files: &mut Vec<SourceFile>) -> Vec<Diagnostic> {
    let mut first: BTreeMap<String, String> = BTreeMap::new();
    let mut problems = Vec::new();
    files.retain(|file| match first.get(&file.path) {
        Some(other) => {
            problems.push(
                Diagnostic::error(msg!("file-same-name-unicode", other = other))
                    .in_file(&file.display)
                    .hint(msg!("file-same-name-unicode-hint")),
            );
            false
        }
        None => {
            first.insert(file.path.clone(), file.display.clone());
            true
        }
    });
    problems
}

fn io_reason(error: &walkdir::Error) -> Message {
    if error.loop_ancestor().is_some() {
        msg!("file-symlink-loop")
    } else {
        let reason = error
            .io_error()
            .map_or_else(|| error.to_string(), ToString::to_string);
        msg!("file-io-error", error = reason)
    }
}

fn stays_inside(path: &Path, canonical_root: &Path) -> bool {
    crate::source::real_path(path, canonical_root).is_ok()
}

/// Hidden files and the files editors leave behind while saving.
pub fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".swp")
        || name.ends_with(".swo")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// A fingerprint of everything a build reads: the path, size and modification time of
/// handbook.yaml and every file under content/ and themes/, and `extra` (the settings and
/// the tool itself). Equal fingerprints mean a build would write the same output.
pub fn fingerprint(root: &Path, extra: &impl std::hash::Hash) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    extra.hash(&mut hasher);
    let roots = [
        root.join(crate::config::CONFIG_FILE),
        root.join("content"),
        root.join("themes"),
    ];
    for start in roots {
        let walker = WalkDir::new(&start)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        for entry in walker
            .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name()))
            .flatten()
        {
            let Ok(metadata) = entry.metadata() else {
                continue;
            };
            entry.path().hash(&mut hasher);
            metadata.len().hash(&mut hasher);
            metadata.modified().ok().hash(&mut hasher);
        }
    }
    format!("{:016x}", hasher.finish())
}

/// The day the newest file under `content/` was saved (in UTC), for a handbook outside
/// git.
pub fn newest_change(root: &Path) -> Option<jiff::civil::Date> {
    let newest = WalkDir::new(root.join(crate::content::CONTENT_DIR))
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name()))
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok()?.modified().ok())
        .max()?;
    let at = jiff::Timestamp::try_from(newest).ok()?;
    Some(at.to_zoned(jiff::tz::TimeZone::UTC).date())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_junk_is_ignored() {
        for name in [
            ".#a.md",
            "a.md~",
            "a.md.swp",
            ".hidden.md",
            "#a.md#",
            "4913",
        ] {
            assert!(is_ignored(name.as_ref()), "{name}");
        }
        for name in ["a.md", "uge-01.pdf", "_index.md"] {
            assert!(!is_ignored(name.as_ref()), "{name}");
        }
    }
}
