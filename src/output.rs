//! Write: the last stage. Puts the rendered files on disk, only where their bytes
//! changed, removes what the previous build wrote and this one did not, and never touches
//! a file it did not write.

use std::collections::{BTreeSet, HashMap};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

/// What the last build wrote, relative to the output folder, one path per line.
pub const MANIFEST: &str = ".handbook-manifest";

/// What the last successful build recorded, so that a build with nothing changed can be
/// skipped (and still report that build's warnings).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct BuildState {
    pub fingerprint: String,
    pub sites: usize,
    pub pages: usize,
    pub diagnostics: Vec<crate::diagnostics::Diagnostic>,
}

pub const STATE: &str = ".handbook-state.json";

pub fn read_state(output: &Path) -> Option<BuildState> {
    serde_json::from_str(&std::fs::read_to_string(output.join(STATE)).ok()?).ok()
}

/// Every file the last build wrote is still there.
pub fn is_intact(output: &Path) -> bool {
    output.join(MANIFEST).is_file()
        && read_manifest(output)
            .iter()
            .all(|path| output.join(path).is_file())
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

/// Why the output folder cannot be used; the command exits with 2.
#[derive(Debug)]
pub struct WriteError(pub String);

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Refuses an output folder where writing could destroy the author's work.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), WriteError> {
    let root = absolute(root);
    let output = absolute(output);
    if output == root || root.starts_with(&output) {
        return Err(WriteError(format!(
            "refusing to write into {}: it holds the handbook itself; choose a folder inside it such as `public`",
            output.display()
        )));
    }
    for protected in ["content", "themes", crate::config::CONFIG_FILE] {
        if output.join(protected).exists() {
            return Err(WriteError(format!(
                "refusing to write into {}: it contains `{protected}`, so it looks like a handbook, not an output folder",
                output.display()
            )));
        }
    }
    let has_manifest = output.join(MANIFEST).is_file();
    // An interrupted build may have left only its staging folder behind.
    let is_empty = std::fs::read_dir(&output)
        .map(|entries| entries.flatten().all(|e| e.file_name() == STAGING))
        .unwrap_or(true);
    if !has_manifest && !is_empty {
        return Err(WriteError(format!(
            "refusing to write into {}: the folder is not empty and was not written by handbook; empty it or choose another `--output`",
            output.display()
        )));
    }
    Ok(())
}

fn absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    path.canonicalize().unwrap_or(path)
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
            writer.abort();
            Err(error)
        }
        None => writer.commit(None),
    }
}

/// Where a run's files go: kept in memory (`serve`) or written as they are made
/// (`build`), so that a big handbook never has to fit in memory.
pub enum Sink {
    Memory(MemoryFiles),
    Disk(Writer),
    /// `check`: only the paths are kept, to count the pages; copied files are not read.
    Discard(Mutex<Vec<String>>),
}

impl Sink {
    /// A sink that keeps every file as bytes; `root` is the handbook folder, the only
    /// place a copied file may be read from.
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
            Sink::Disk(writer) => writer
                .state
                .lock()
                .expect("no panic while holding the lock")
                .current
                .iter()
                .filter(|p| p.ends_with(suffix))
                .count(),
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
        if let Contents::Copy(source) = &file.contents {
            file.contents = Contents::Shared(self.read_copied(source)?);
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
            .map_err(|e| WriteError(format!("cannot read {}: {e}", source.path.display())))?
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

/// Writes a build's files into a staging folder inside the output folder, and moves them
/// into place only when the whole build succeeded: a failed build leaves the previous
/// output as it was. Files whose bytes did not change are not written at all.
pub struct Writer {
    output: PathBuf,
    /// The output folder did not exist before this build.
    created: bool,
    staging: PathBuf,
    previous: BTreeSet<String>,
    kept: Vec<String>,
    state: Mutex<WriterState>,
}

#[derive(Default)]
struct WriterState {
    current: BTreeSet<String>,
    staged: usize,
    unchanged: usize,
    /// Files in the way that no build of ours wrote.
    foreign: Vec<String>,
}

const STAGING: &str = ".handbook-staging";

impl Writer {
    pub fn begin(output: &Path, kept: &[String]) -> Result<Writer, WriteError> {
        let created = !output.exists();
        std::fs::create_dir_all(output)
            .map_err(|e| WriteError(format!("cannot create {}: {e}", output.display())))?;
        let staging = output.join(STAGING);
        if staging.exists() {
            // Left by a build that was interrupted: it is ours.
            std::fs::remove_dir_all(&staging)
                .map_err(|e| WriteError(format!("cannot clear {}: {e}", staging.display())))?;
        }
        std::fs::create_dir(&staging)
            .map_err(|e| WriteError(format!("cannot create {}: {e}", staging.display())))?;
        Ok(Writer {
            output: output.to_path_buf(),
            created,
            staging,
            previous: read_manifest(output),
            kept: kept.to_vec(),
            state: Mutex::new(WriterState::default()),
        })
    }

    /// Stages one file, unless the output already holds exactly these bytes.
    pub fn put(&self, file: OutputFile) -> Result<(), WriteError> {
        if !is_safe_relative(&file.path)
            || file.path.starts_with(STAGING)
            || file.path == MANIFEST
            || file.path == STATE
        {
            return Err(WriteError(format!(
                "internal error: refusing to write `{}`",
                file.path
            )));
        }
        let target = self.output.join(&file.path);
        let ours = self.previous.contains(&file.path);
        let changed = if target.exists() && !ours {
            let mut state = self.state.lock().expect("no panic while holding the lock");
            state.foreign.push(file.path.clone());
            state.current.insert(file.path);
            return Ok(());
        } else {
            stage_if_changed(&target, &self.staging.join(&file.path), &file.contents)
                .map_err(|e| WriteError(format!("cannot write {}: {e}", target.display())))?
        };
        let mut state = self.state.lock().expect("no panic while holding the lock");
        if changed {
            state.staged += 1;
        } else {
            state.unchanged += 1;
        }
        state.current.insert(file.path);
        Ok(())
    }

    /// Drops everything staged: the output folder stays as it was.
    pub fn abort(self) {
        let _ = std::fs::remove_dir_all(&self.staging);
        if self.created {
            let _ = std::fs::remove_dir(&self.output);
        }
    }

    /// Moves the staged files into place, removes the stale ones, writes the manifest.
    pub fn commit(self, build_state: Option<&BuildState>) -> Result<WriteStats, WriteError> {
        let state =
            std::mem::take(&mut *self.state.lock().expect("no panic while holding the lock"));
        if !state.foreign.is_empty() {
            let listed: Vec<&str> = state.foreign.iter().take(5).map(String::as_str).collect();
            let message = format!(
                "refusing to overwrite files that handbook did not write: {} in {}; move them away or choose another `--output`",
                listed.join(", "),
                self.output.display()
            );
            self.abort();
            return Err(WriteError(message));
        }
        let mut current = state.current;
        current.extend(
            self.previous
                .iter()
                .filter(|p| self.kept.iter().any(|k| p.starts_with(k.as_str())))
                .cloned(),
        );
        let stale: Vec<&String> = self
            .previous
            .iter()
            .filter(|p| !current.contains(p.as_str()))
            .collect();
        let removed = remove_stale(&self.output, &stale)
            .map_err(|e| WriteError(format!("cannot remove an old output file: {e}")))?;
        move_into_place(&self.staging, &self.output).map_err(|e| {
            WriteError(format!(
                "cannot move the new files into {}: {e}",
                self.output.display()
            ))
        })?;
        let _ = std::fs::remove_dir_all(&self.staging);
        let manifest: String = current.iter().map(|p| format!("{p}\n")).collect();
        let manifest_path = self.output.join(MANIFEST);
        if std::fs::read(&manifest_path).ok().as_deref() != Some(manifest.as_bytes()) {
            std::fs::write(&manifest_path, manifest).map_err(|e| {
                WriteError(format!("cannot write {}: {e}", manifest_path.display()))
            })?;
        }
        let state_path = self.output.join(STATE);
        match build_state {
            Some(build_state) => {
                let text = serde_json::to_string(build_state).expect("the state always serializes");
                std::fs::write(&state_path, text).map_err(|e| {
                    WriteError(format!("cannot write {}: {e}", state_path.display()))
                })?;
            }
            None => {
                let _ = std::fs::remove_file(&state_path);
            }
        }
        Ok(WriteStats {
            written: state.staged,
            unchanged: state.unchanged,
            removed,
        })
    }
}

/// Writes `contents` to `staged` unless `target` already holds them; `Ok(true)` when
/// staged.
fn stage_if_changed(target: &Path, staged: &Path, contents: &Contents) -> io::Result<bool> {
    let unchanged = match contents {
        Contents::Bytes(bytes) => same_bytes(target, bytes)?,
        Contents::Shared(bytes) => same_bytes(target, bytes)?,
        Contents::Copy(source) => {
            std::fs::metadata(target).is_ok_and(|m| m.len() == source.size)
                && std::fs::read(target)? == source.read()?
        }
    };
    if unchanged {
        return Ok(false);
    }
    if let Some(parent) = staged.parent() {
        std::fs::create_dir_all(parent)?;
    }
    match contents {
        Contents::Bytes(bytes) => std::fs::write(staged, bytes)?,
        Contents::Shared(bytes) => std::fs::write(staged, bytes)?,
        Contents::Copy(source) => source.copy_to(staged)?,
    }
    Ok(true)
}

fn same_bytes(target: &Path, bytes: &[u8]) -> io::Result<bool> {
    match std::fs::metadata(target) {
        Ok(meta) if meta.len() == bytes.len() as u64 => Ok(std::fs::read(target)? == bytes),
        _ => Ok(false),
    }
}

/// Moves the staged tree into the output: a folder the output lacks moves whole (one
/// rename for a fresh build), a file replaces its old version.
fn move_into_place(staged: &Path, target: &Path) -> io::Result<()> {
    for entry in std::fs::read_dir(staged)? {
        let entry = entry?;
        let destination = target.join(entry.file_name());
        let is_dir = entry.file_type()?.is_dir();
        match std::fs::symlink_metadata(&destination) {
            Err(_) => std::fs::rename(entry.path(), &destination)?,
            Ok(existing) if is_dir && existing.is_dir() => {
                move_into_place(&entry.path(), &destination)?
            }
            Ok(existing) if !is_dir && existing.is_file() => {
                std::fs::rename(entry.path(), &destination)?
            }
            Ok(_) => {
                return Err(io::Error::other(format!(
                    "{} is in the way (a file where a folder belongs, or the reverse)",
                    destination.display()
                )));
            }
        }
    }
    Ok(())
}

fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

fn read_manifest(output: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(output.join(MANIFEST))
        .unwrap_or_default()
        .lines()
        .filter(|line| is_safe_relative(line))
        .map(str::to_string)
        .collect()
}

/// Removes the stale files and the folders they leave empty.
fn remove_stale(output: &Path, stale: &[&String]) -> io::Result<usize> {
    let mut removed = 0;
    for path in stale {
        let full = output.join(path);
        match std::fs::symlink_metadata(&full) {
            Ok(meta) if meta.is_file() => {
                std::fs::remove_file(&full)?;
                removed += 1;
            }
            _ => continue,
        }
        let mut folder = full.parent();
        while let Some(dir) = folder.filter(|d| *d != output) {
            if std::fs::remove_dir(dir).is_err() {
                break;
            }
            folder = dir.parent();
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(path: &str, text: &str) -> OutputFile {
        OutputFile::html(path.to_string(), text.to_string())
    }

    #[test]
    fn writes_only_changes_and_removes_only_its_own_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = write(
            &out,
            &[html("a/index.html", "A"), html("b/index.html", "B")],
            &[],
        )
        .unwrap();
        assert_eq!(first.written, 2);
        std::fs::write(out.join("mine.txt"), "user file").unwrap();
        let second = write(&out, &[html("a/index.html", "A"), html("c.html", "C")], &[]).unwrap();
        assert_eq!(
            (second.written, second.unchanged, second.removed),
            (1, 1, 1)
        );
        assert!(!out.join("b").exists(), "the emptied folder is removed");
        assert_eq!(
            std::fs::read_to_string(out.join("mine.txt")).unwrap(),
            "user file"
        );
    }

    #[test]
    fn refuses_dangerous_output_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("content")).unwrap();
        assert!(check_output_dir(root, root).is_err());
        assert!(check_output_dir(root, root.parent().unwrap()).is_err());
        let foreign = root.join("docs");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("x.txt"), "x").unwrap();
        assert!(check_output_dir(root, &foreign).is_err());
        assert!(check_output_dir(root, &root.join("public")).is_ok());
    }

    #[test]
    fn refuses_to_overwrite_files_it_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, &[html("a.html", "A")], &[]).unwrap();
        std::fs::write(out.join("b.html"), "someone else's").unwrap();
        assert!(write(&out, &[html("a.html", "A"), html("b.html", "B")], &[]).is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("b.html")).unwrap(),
            "someone else's"
        );
    }

    #[test]
    fn a_failed_build_leaves_the_output_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, &[html("a/index.html", "A")], &[]).unwrap();
        let writer = Writer::begin(&out, &[]).unwrap();
        writer.put(html("a/index.html", "CHANGED")).unwrap();
        writer.put(html("b/index.html", "NEW")).unwrap();
        writer.abort();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "A"
        );
        assert!(!out.join("b").exists());
        assert!(!out.join(STAGING).exists());
    }

    #[test]
    fn a_fresh_build_moves_whole_folders_into_place() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let stats = write(
            &out,
            &[html("privat/a/index.html", "A"), html("index.html", "I")],
            &[],
        )
        .unwrap();
        assert_eq!(stats.written, 2);
        assert_eq!(
            std::fs::read_to_string(out.join("privat/a/index.html")).unwrap(),
            "A"
        );
        assert_eq!(
            std::fs::read_to_string(out.join(MANIFEST)).unwrap(),
            "index.html\nprivat/a/index.html\n"
        );
    }

    #[test]
    fn the_memory_sink_keeps_bytes_and_check_reads_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.pdf"), "pdf").unwrap();
        let copy = |source: &str| OutputFile {
            path: "handouts/a.pdf".into(),
            contents: Contents::Copy(crate::source::Snapshot {
                path: root.join(source),
                size: 3,
            }),
        };
        let memory = Sink::memory();
        memory.put(copy("a.pdf")).unwrap();
        assert!(memory.put(copy("missing.pdf")).is_err());
        let Sink::Memory(files) = memory else {
            unreachable!()
        };
        let files = files.into_files();
        assert!(matches!(&files[0].contents, Contents::Shared(b) if &b[..] == b"pdf"));
        let discard = Sink::Discard(Mutex::default());
        discard.put(copy("missing.pdf")).unwrap();
        assert_eq!(discard.count(".pdf"), 1);
    }

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        assert!(!is_safe_relative("../x"));
        assert!(!is_safe_relative("/etc/passwd"));
        assert!(!is_safe_relative("a/../../x"));
        assert!(is_safe_relative("privat/index.html"));
    }
}
