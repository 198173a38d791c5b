//! Write: the manifest, the list of what the tool owns in the output folder, with the
//! size and a hash of each file. The next build removes only what it lists, and an "up
//! to date" build is one whose listed files are all there with these sizes and hashes.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::Path;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::tree;

/// The first line of a manifest in this format; a manifest without it lists paths only
/// (written by an older version), which are ours but cannot be verified.
const HEADER: &str = "# handbook manifest 2: sha256/128, size, path";

/// What the tool wrote at one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Record {
    pub size: u64,
    /// The first 128 bits of the SHA-256 of the bytes, in hex; empty when unknown.
    pub hash: String,
}

impl Record {
    pub fn of(bytes: &[u8]) -> Record {
        let digest = Sha256::digest(bytes);
        Record {
            size: bytes.len() as u64,
            hash: digest[..16].iter().map(|b| format!("{b:02x}")).collect(),
        }
    }
}

/// Relative path -> what was written there.
pub(super) type Manifest = BTreeMap<String, Record>;

pub(super) fn render(manifest: &Manifest) -> String {
    let mut text = format!("{HEADER}\n");
    for (path, record) in manifest {
        text.push_str(&format!("{} {} {path}\n", record.hash, record.size));
    }
    text
}

/// Reads a manifest; lines that are not safe relative paths are ignored, so a damaged
/// manifest can never make the tool touch something outside the output.
pub(super) fn parse(bytes: &[u8]) -> Manifest {
    let text = String::from_utf8_lossy(bytes);
    let mut lines = text.lines().peekable();
    let current = lines.peek() == Some(&HEADER);
    let mut manifest = Manifest::new();
    for line in lines.filter(|line| !line.starts_with('#')) {
        let (record, path) = if current {
            let mut fields = line.splitn(3, ' ');
            let (Some(hash), Some(size), Some(path)) =
                (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let Ok(size) = size.parse() else { continue };
            let hash = hash.to_string();
            (Record { size, hash }, path)
        } else {
            let unknown = Record {
                size: 0,
                hash: String::new(),
            };
            (unknown, line)
        };
        if tree::is_safe_relative(path) {
            manifest.insert(path.to_string(), record);
        }
    }
    manifest
}

pub(super) fn read(output: &Path) -> Manifest {
    tree::read_own_file(&output.join(super::MANIFEST))
        .map(|bytes| parse(&bytes))
        .unwrap_or_default()
}

/// Every listed file is a regular file inside the output, reached through real folders
/// (no link), with the recorded size and hash.
pub(super) fn verify(output: &Path, manifest: &Manifest) -> bool {
    if manifest.values().any(|record| record.hash.is_empty()) {
        return false;
    }
    // One walk that never follows a link finds the files that are really inside; it
    // costs one directory read per folder instead of a look at every part of every path.
    let mut inside = HashSet::new();
    for entry in walkdir::WalkDir::new(output).min_depth(1) {
        let Ok(entry) = entry else { return false };
        if entry.file_type().is_file()
            && let Some(path) = entry
                .path()
                .strip_prefix(output)
                .ok()
                .and_then(Path::to_str)
            && manifest.contains_key(path)
        {
            inside.insert(path.to_string());
        }
    }
    inside.len() == manifest.len()
        && manifest.par_iter().all(|(path, record)| {
            std::fs::read(output.join(path)).is_ok_and(|bytes| Record::of(&bytes) == *record)
        })
}

/// Writes `text` to `path` through a temporary file beside it and a rename, so that the
/// file is at every instant either the old or the new one.
pub(super) fn write_atomically(path: &Path, temporary: &Path, text: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::File::create(temporary)?;
    file.write_all(text)?;
    drop(file);
    std::fs::rename(temporary, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_what_it_writes_and_reads_the_old_format() {
        let mut manifest = Manifest::new();
        manifest.insert("a b/index.html".into(), Record::of(b"A"));
        manifest.insert("c.html".into(), Record::of(b""));
        assert_eq!(parse(render(&manifest).as_bytes()), manifest);
        let old = parse(b"index.html\nprivat/a/index.html\n../escape\n");
        assert_eq!(
            old.keys().collect::<Vec<_>>(),
            ["index.html", "privat/a/index.html"]
        );
        assert!(old.values().all(|record| record.hash.is_empty()));
    }

    #[test]
    fn verifies_sizes_and_hashes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::write(out.join("a.html"), "AAAA").unwrap();
        let mut manifest = Manifest::new();
        manifest.insert("a.html".into(), Record::of(b"AAAA"));
        assert!(verify(out, &manifest));
        std::fs::write(out.join("a.html"), "AAAB").unwrap();
        assert!(!verify(out, &manifest), "same size, other bytes");
        std::fs::write(out.join("a.html"), "AA").unwrap();
        assert!(!verify(out, &manifest), "truncated");
    }
}
