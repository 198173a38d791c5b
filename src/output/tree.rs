//! Write: looking at what is in the output folder without ever following a link. Every
//! path is checked part by part, so a link planted inside the output cannot send a read,
//! a write or a removal somewhere else.

use std::io;
use std::path::Path;

/// What is at a relative path inside the output.
#[derive(Debug)]
pub(super) enum Found {
    Missing,
    /// A regular file, reached through real folders only.
    File(std::fs::Metadata),
    /// A real folder, reached through real folders only.
    Folder,
    /// Something the tool never writes, on the way to the path or at it: a link, a file
    /// where a folder belongs, a device. The relative path of that part, and the id of
    /// the message that says what it is.
    InTheWay(String, &'static str),
}

/// Looks at `relative` (`/`-separated, already checked by `is_safe_relative`) inside
/// `output`, one part at a time.
pub(super) fn lookup(output: &Path, relative: &str) -> io::Result<Found> {
    let mut path = output.to_path_buf();
    let parts: Vec<&str> = relative.split('/').collect();
    for (index, part) in parts.iter().enumerate() {
        path.push(part);
        let last = index + 1 == parts.len();
        let here = || parts[..=index].join("/");
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Found::Missing),
            Err(e) => return Err(e),
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            return Ok(Found::InTheWay(here(), "output-thing-symlink"));
        }
        if kind.is_dir() {
            if last {
                return Ok(Found::Folder);
            }
        } else if kind.is_file() {
            return Ok(if last {
                Found::File(meta)
            } else {
                Found::InTheWay(here(), "output-thing-file-for-folder")
            });
        } else {
            return Ok(Found::InTheWay(here(), "output-thing-special"));
        }
    }
    Ok(Found::Folder)
}

/// A path the tool may write to: relative, `/`-separated, every part a plain name, not
/// one of the tool's own names, and nothing a manifest line could not hold.
pub(super) fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains(['\\', '\n', '\r', '\0'])
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// The bytes of one of the tool's own files (the manifest, the state), only when it is
/// a regular file: a link there is not ours and is not read.
pub(super) fn read_own_file(path: &Path) -> Option<Vec<u8>> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    meta.is_file().then(|| std::fs::read(path).ok()).flatten()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn never_looks_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(out.join("a")).unwrap();
        std::fs::create_dir(&outside).unwrap();
        std::fs::write(outside.join("x.html"), "not ours").unwrap();
        std::os::unix::fs::symlink(&outside, out.join("a/sub")).unwrap();
        std::fs::write(out.join("a/file"), "").unwrap();
        assert!(matches!(
            lookup(&out, "a/sub/x.html").unwrap(),
            Found::InTheWay(at, "output-thing-symlink") if at == "a/sub"
        ));
        assert!(matches!(
            lookup(&out, "a/file/x").unwrap(),
            Found::InTheWay(at, _) if at == "a/file"
        ));
        assert!(matches!(lookup(&out, "a/file").unwrap(), Found::File(_)));
        assert!(matches!(lookup(&out, "a").unwrap(), Found::Folder));
        assert!(matches!(lookup(&out, "b/c").unwrap(), Found::Missing));
    }

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        assert!(!is_safe_relative("../x"));
        assert!(!is_safe_relative("/etc/passwd"));
        assert!(!is_safe_relative("a/../../x"));
        assert!(!is_safe_relative("a//b"));
        assert!(!is_safe_relative("a/./b"));
        assert!(!is_safe_relative("a\nb"));
        assert!(is_safe_relative("privat/index.html"));
    }
}
