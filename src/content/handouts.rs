//! `handouts/handouts.yaml`: the titles and descriptions of handouts. Optional, in the
//! shared tree and in a division's folder (for its own and its overriding handouts).

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::messages::msg;
use crate::yaml::{Data, Step};

use super::StaticFile;

pub use super::HANDOUTS_FILE as HANDOUTS_INDEX;

/// One handout's title and description; `file` is relative to `handouts/`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandoutEntry {
    pub file: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub extra: Option<serde_json::Map<String, serde_json::Value>>,
}

/// The list as loaded.
pub type HandoutIndex = Data<Vec<HandoutEntry>>;

/// Each entry names a handout of the same tree, once. `files` are the tree's files by
/// path under `content/`; for a division, `shared` are the shared files it may describe
/// (a division may give its own title to a shared handout it shows).
pub fn check(
    index: &HandoutIndex,
    files: &BTreeMap<String, StaticFile>,
    shared: Option<&BTreeMap<String, StaticFile>>,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for (number, entry) in index.iter().enumerate() {
        let at = [Step::Index(number), Step::Key("file")];
        let path = format!("handouts/{}", entry.file);
        let exists = files.contains_key(&path) || shared.is_some_and(|s| s.contains_key(&path));
        if !exists {
            let hint = match crate::content::nearest(&path, files.keys()) {
                Some(near) => msg!(
                    "handouts-did-you-mean-hint",
                    nearest = near.trim_start_matches("handouts/")
                ),
                None => msg!("handouts-relative-hint"),
            };
            problems.push(
                index
                    .error_at(&at, msg!("handouts-no-such-file", file = &entry.file))
                    .hint(hint),
            );
        } else if !seen.insert(entry.file.as_str()) {
            problems.push(
                index
                    .error_at(&at, msg!("handouts-described-twice", file = &entry.file))
                    .hint(msg!("handouts-described-twice-hint")),
            );
        }
    }
    problems
}

/// The entries by path under `content/` (`handouts/a.pdf`).
pub fn by_path(index: Option<&HandoutIndex>) -> BTreeMap<String, &HandoutEntry> {
    index
        .into_iter()
        .flat_map(|index| index.iter())
        .map(|entry| (format!("handouts/{}", entry.file), entry))
        .collect()
}

/// The title a handout has without an entry: its file name without the extension,
/// `-` and `_` read as spaces, the letters as written (`ø` stays `ø`, not `oe` as in
/// URLs), the first one a capital.
pub fn default_title(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let stem = if stem.is_empty() { name } else { stem };
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_without_an_entry_keep_the_letters_as_written() {
        assert_eq!(default_title("handouts/moedepakker/uge-05.pdf"), "Uge 05");
        assert_eq!(
            default_title("handouts/øvelser_til-teamet.PDF"),
            "Øvelser til teamet"
        );
        assert_eq!(default_title("handouts/.skjult"), ".skjult");
    }
}
