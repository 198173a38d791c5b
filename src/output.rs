//! Write: the last stage. Puts the rendered files on disk, only where their bytes
//! changed, removes what the previous build wrote and this one did not, and never touches
//! a file it did not write.

use std::collections::BTreeSet;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

/// What the last build wrote, relative to the output folder, one path per line.
pub const MANIFEST: &str = ".handbook-manifest";

/// The bytes of one output file.
#[derive(Debug, Clone)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// The same bytes in several places (theme files in every division).
    Shared(Arc<[u8]>),
    /// A source file copied as it is (handouts), read only when it must be written.
    Copy(PathBuf),
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
    let is_empty = std::fs::read_dir(&output)
        .map(|mut d| d.next().is_none())
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
    for file in files {
        if !is_safe_relative(&file.path) {
            return Err(WriteError(format!(
                "internal error: refusing to write outside the output folder: `{}`",
                file.path
            )));
        }
    }
    std::fs::create_dir_all(output)
        .map_err(|e| WriteError(format!("cannot create {}: {e}", output.display())))?;
    let previous = read_manifest(output);
    let mut current: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    current.extend(
        previous
            .iter()
            .filter(|p| kept.iter().any(|k| p.starts_with(k.as_str())))
            .map(String::as_str),
    );
    refuse_foreign_files(output, files, &previous)?;
    let stale: Vec<&String> = previous
        .iter()
        .filter(|p| !current.contains(p.as_str()))
        .collect();
    let removed = remove_stale(output, &stale)
        .map_err(|e| WriteError(format!("cannot remove an old output file: {e}")))?;
    let results: Vec<io::Result<bool>> = files
        .par_iter()
        .map(|file| write_if_changed(output, file))
        .collect();
    let mut stats = WriteStats {
        removed,
        ..WriteStats::default()
    };
    for (file, result) in files.iter().zip(results) {
        match result {
            Ok(true) => stats.written += 1,
            Ok(false) => stats.unchanged += 1,
            Err(error) => {
                return Err(WriteError(format!(
                    "cannot write {}: {error}",
                    output.join(&file.path).display()
                )));
            }
        }
    }
    let manifest: String = current.iter().map(|p| format!("{p}\n")).collect();
    let manifest_path = output.join(MANIFEST);
    if std::fs::read(&manifest_path).ok().as_deref() != Some(manifest.as_bytes()) {
        std::fs::write(&manifest_path, manifest)
            .map_err(|e| WriteError(format!("cannot write {}: {e}", manifest_path.display())))?;
    }
    Ok(stats)
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

/// A file we would overwrite that no build of ours wrote belongs to someone else.
fn refuse_foreign_files(
    output: &Path,
    files: &[OutputFile],
    previous: &BTreeSet<String>,
) -> Result<(), WriteError> {
    let foreign: Vec<&str> = files
        .iter()
        .filter(|f| !previous.contains(&f.path) && output.join(&f.path).exists())
        .map(|f| f.path.as_str())
        .take(5)
        .collect();
    if foreign.is_empty() {
        return Ok(());
    }
    Err(WriteError(format!(
        "refusing to overwrite files that handbook did not write: {} in {}; move them away or choose another `--output`",
        foreign.join(", "),
        output.display()
    )))
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

/// Writes the file unless it already holds these bytes; `Ok(true)` when written.
fn write_if_changed(output: &Path, file: &OutputFile) -> io::Result<bool> {
    let target = output.join(&file.path);
    let owned;
    let bytes: &[u8] = match &file.contents {
        Contents::Bytes(bytes) => bytes,
        Contents::Shared(bytes) => bytes,
        Contents::Copy(source) => {
            let source_len = std::fs::metadata(source)?.len();
            if std::fs::metadata(&target).is_ok_and(|m| m.len() == source_len)
                && std::fs::read(&target)? == std::fs::read(source)?
            {
                return Ok(false);
            }
            owned = std::fs::read(source)?;
            &owned
        }
    };
    if let Ok(meta) = std::fs::metadata(&target)
        && meta.len() == bytes.len() as u64
        && std::fs::read(&target)? == bytes
    {
        return Ok(false);
    }
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&target, bytes)?;
    Ok(true)
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
    fn refuses_paths_that_leave_the_folder() {
        assert!(!is_safe_relative("../x"));
        assert!(!is_safe_relative("/etc/passwd"));
        assert!(!is_safe_relative("a/../../x"));
        assert!(is_safe_relative("privat/index.html"));
    }
}
