//! Write: the last stage. Puts the rendered files on disk, only where their bytes
//! changed, removes what the previous build wrote and this one did not, and never touches
//! a file it did not write.
//!
//! How (each step in its own file):
//! - `folder`: the output folder is resolved as the file system will see it, and refused
//!   when writing there could destroy the author's work (`check_output_dir`).
//! - `lock`: one build at a time writes into a folder.
//! - `writer`: the build's files go into a staging folder inside the output; unchanged
//!   files are hard links to the old ones, so they are never rewritten.
//! - `swap`: each top-level entry (a division's folder, `report/`, `index.html`) is
//!   exchanged with its old version in one rename: at every instant a reader sees either
//!   the whole old or the whole new entry; a failure puts the old ones back.
//! - `manifest`: what we own, with sizes and hashes, so that a crash is repaired by the
//!   next build and an "up to date" build is one whose files are verified.

pub mod archive;
mod faults;
mod folder;
mod lock;
mod manifest;
mod plan;
mod swap;
mod tree;
mod writer;

use std::borrow::Cow;
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::messages::{Message, msg};

pub use folder::check_output_dir;
pub use writer::Writer;

/// What the last build wrote, relative to the output folder: one line per file with its
/// hash and size.
pub const MANIFEST: &str = ".handbook-manifest";

/// What the last successful build recorded, so that a build with nothing changed can be
/// skipped (and still report that build's warnings).
pub const STATE: &str = ".handbook-state.json";

/// Where a build puts its files before they are swapped into place; left behind only by
/// a build that was killed, and then removed by the next one.
const STAGING: &str = ".handbook-staging";

/// Top-level names the tool keeps for itself: no rendered file may take them, and a
/// folder holding only them counts as empty.
fn is_reserved(name: &str) -> bool {
    name.starts_with(".handbook-")
}

/// What the last successful build recorded, so that a build with nothing changed can be
/// skipped (and still report that build's warnings).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct BuildState {
    pub fingerprint: String,
    pub sites: usize,
    pub pages: usize,
    pub diagnostics: Vec<crate::diagnostics::Diagnostic>,
    /// The fingerprint of each typeset book, by output path (see `typeset::fingerprint`).
    #[serde(default)]
    pub typeset: std::collections::BTreeMap<String, String>,
}

/// The state the last build into `output` recorded, if it finished.
pub fn read_state(output: &Path) -> Option<BuildState> {
    let output = folder::resolve(output).ok()?;
    let bytes = tree::read_own_file(&output.join(STATE))?;
    serde_json::from_slice(&bytes).ok()
}

/// What an earlier build wrote at `path` (relative to the output), when the manifest lists
/// it and the file still has the size and hash it recorded: an output whose inputs did not
/// change (a typeset book) is taken again instead of being made again.
pub fn previous(output: &Path, path: &str) -> Option<Contents> {
    let output = folder::resolve(output).ok()?;
    if !tree::is_safe_relative(path)
        || !matches!(tree::lookup(&output, path), Ok(tree::Found::File(_)))
    {
        return None;
    }
    let record = manifest::read(&output).remove(path)?;
    let bytes = tree::read_own_file(&output.join(path))?;
    (manifest::Record::of(&bytes) == record).then_some(Contents::Bytes(bytes))
}

/// Every file the last build wrote is still there with the size and hash it recorded,
/// and no build was interrupted since: the output can be trusted as it is.
pub fn is_intact(output: &Path) -> bool {
    let Ok(output) = folder::resolve(output) else {
        return false;
    };
    if std::fs::symlink_metadata(output.join(STAGING)).is_ok() {
        return false;
    }
    tree::read_own_file(&output.join(MANIFEST))
        .is_some_and(|bytes| manifest::verify(&output, &manifest::parse(&bytes)))
}

/// The bytes of one output file.
#[derive(Debug, Clone)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// The same bytes in several places (theme files in every division).
    Shared(Arc<[u8]>),
    /// A source file copied as it is (handouts), read only when it must be written (a
    /// build) or kept (`serve`, whose sink reads it at once: see `MemoryFiles`), and then
    /// only if it is still the regular file of the size it had when loaded.
    Copy(crate::source::Snapshot),
    /// A zip of other contents, made when it is written.
    Archive(archive::Archive),
    /// A page in the parts it was put together from, each shared with what made it: a
    /// preview's print page, whose chapters it keeps from one run to the next, is served
    /// without copying megabytes of them into one string at every edit.
    Parts(Arc<[Arc<str>]>),
}

impl Contents {
    pub fn bytes(&self) -> Result<Cow<'_, [u8]>, WriteError> {
        match self {
            Contents::Bytes(bytes) => Ok(Cow::Borrowed(bytes)),
            Contents::Shared(bytes) => Ok(Cow::Borrowed(bytes)),
            Contents::Copy(source) => source
                .read()
                .map(Cow::Owned)
                .map_err(|e| cannot_read(&source.path, &e)),
            Contents::Archive(archive) => archive.bytes().map(Cow::Owned),
            Contents::Parts(parts) => Ok(Cow::Owned(parts.concat().into_bytes())),
        }
    }
}

#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub contents: Contents,
}

impl OutputFile {
    pub fn html(path: String, html: String) -> Self {
        OutputFile {
            path,
            contents: Contents::Bytes(html.into_bytes()),
        }
    }
}

/// Why the output folder cannot be used or written; the command exits with 2.
#[derive(Debug)]
pub struct WriteError(pub Message);

/// Tests read the error in English.
#[cfg(test)]
impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0.english())
    }
}

/// An I/O error while writing the output, in one sentence that names the file; `doing`
/// is the id of the message that says what the build was doing.
fn cannot_write(error: &io::Error, doing: &'static str, path: &Path) -> WriteError {
    WriteError(msg!(
        "output-cannot-write",
        detail = error.to_string(),
        doing = Message::new(doing),
        path = path.display().to_string()
    ))
}

/// A file to copy into the output could not be read.
fn cannot_read(path: &Path, error: &io::Error) -> WriteError {
    WriteError(msg!(
        "output-cannot-read",
        path = path.display().to_string(),
        detail = error.to_string()
    ))
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Writes `files` into `output` and removes the files the previous build wrote that
/// this one does not, except those under a `kept` prefix (divisions not built this time).
pub fn write(
    output: &Path,
    files: &[OutputFile],
    kept: &[String],
) -> Result<WriteStats, WriteError> {
    let writer = Writer::begin(output, kept)?;
    let results: Vec<Result<(), WriteError>> = files
        .par_iter()
        .map(|file| writer.put(file.clone()))
        .collect();
    match results.into_iter().find_map(Result::err) {
        Some(error) => {
            // A failure of the output itself wins over the file that met it.
            writer.abort()?;
            Err(error)
        }
        None => writer.commit(None),
    }
}

/// Where a run's files go: kept in memory (`check`, `serve`) or written as they are made
/// (`build`), so that a big handbook never has to fit in memory.
#[allow(
    clippy::large_enum_variant,
    reason = "one sink per run, made once and never copied"
)]
pub enum Sink {
    Memory(MemoryFiles),
    Disk(Writer),
    /// `check`: only the paths are kept, to count the pages.
    Discard(Mutex<Vec<String>>),
}

impl Sink {
    /// A sink that keeps every file as bytes.
    pub fn memory() -> Sink {
        Sink::Memory(MemoryFiles {
            files: Mutex::default(),
            copied: Mutex::default(),
        })
    }

    pub fn put(&self, file: OutputFile) -> Result<(), WriteError> {
        match self {
            Sink::Memory(memory) => memory.put(file),
            Sink::Disk(writer) => writer.put(file),
            Sink::Discard(paths) => {
                paths
                    .lock()
                    .expect("no panic while holding the lock")
                    .push(file.path);
                Ok(())
            }
        }
    }

    /// How many files were put so far whose path ends with `suffix`.
    pub fn count(&self, suffix: &str) -> usize {
        match self {
            Sink::Memory(memory) => memory
                .files
                .lock()
                .expect("no panic while holding the lock")
                .iter()
                .filter(|f| f.path.ends_with(suffix))
                .count(),
            Sink::Discard(paths) => paths
                .lock()
                .expect("no panic while holding the lock")
                .iter()
                .filter(|p| p.ends_with(suffix))
                .count(),
            Sink::Disk(writer) => writer.count(suffix),
        }
    }
}

/// The files of a run kept in memory, for `serve`: bytes only. A copied file (a handout)
/// is read here, once, and checked, so that what is served never depends on what a path
/// names at request time (it may have become a symlink to a secret, or a named pipe).
pub struct MemoryFiles {
    files: Mutex<Vec<OutputFile>>,
    /// Copied files already read: a handout every division has is read once.
    copied: Mutex<HashMap<PathBuf, Arc<[u8]>>>,
}

impl MemoryFiles {
    fn put(&self, mut file: OutputFile) -> Result<(), WriteError> {
        match &file.contents {
            Contents::Copy(source) => file.contents = Contents::Shared(self.read_copied(source)?),
            Contents::Archive(archive) => file.contents = Contents::Bytes(archive.bytes()?),
            _ => {}
        }
        self.files
            .lock()
            .expect("no panic while holding the lock")
            .push(file);
        Ok(())
    }

    fn read_copied(&self, source: &crate::source::Snapshot) -> Result<Arc<[u8]>, WriteError> {
        let known = self
            .copied
            .lock()
            .expect("no panic while holding the lock")
            .get(&source.path)
            .cloned();
        if let Some(bytes) = known {
            return Ok(bytes);
        }
        let bytes: Arc<[u8]> = source
            .read()
            .map_err(|e| cannot_read(&source.path, &e))?
            .into();
        self.copied
            .lock()
            .expect("no panic while holding the lock")
            .insert(source.path.clone(), bytes.clone());
        Ok(bytes)
    }

    /// Every file put, in no particular order.
    pub fn into_files(self) -> Vec<OutputFile> {
        self.files
            .into_inner()
            .expect("no panic while holding the lock")
    }
}

#[cfg(all(test, unix))]
mod tests;
