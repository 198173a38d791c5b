//! Write: one build at a time into an output folder. An advisory lock (`flock`) on a file
//! inside the folder; a second build waits for the first, and gives up with an error
//! after `WAIT`.

use std::fs::{File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::WriteError;
use crate::messages::msg;

pub(super) const LOCK: &str = ".handbook-lock";

/// How long a build waits for another build into the same folder.
pub(super) const WAIT: Duration = Duration::from_secs(300);

/// Held while a build writes; released when dropped (or when the process dies).
pub(super) struct Lock {
    _file: File,
    path: PathBuf,
}

impl Lock {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Takes the lock of `output`, waiting up to `wait` (saying so once on stderr) while
/// another build holds it.
pub(super) fn acquire(output: &Path, wait: Duration) -> Result<Lock, WriteError> {
    let path = output.join(LOCK);
    let cannot = |e: io::Error| {
        WriteError(msg!(
            "output-cannot-lock",
            path = path.display().to_string(),
            detail = e.to_string()
        ))
    };
    let started = Instant::now();
    let mut told = false;
    loop {
        let file = open_without_following(&path).map_err(cannot)?;
        match file.try_lock() {
            Ok(()) if names(&path, &file) => return Ok(Lock { _file: file, path }),
            // The build that held it removed the file (it had created the folder and
            // failed): lock the file that is there now.
            Ok(()) => continue,
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => return Err(cannot(e)),
        }
        if started.elapsed() >= wait {
            return Err(WriteError(msg!(
                "output-locked",
                output = output.display().to_string(),
                seconds = wait.as_secs(),
                path = path.display().to_string()
            )));
        }
        if !told {
            // Progress, not a problem of the content: said once, as it happens.
            eprintln!("waiting for another build into {}", output.display());
            told = true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Opens (creating) the lock file; a link in its place is refused, not followed.
fn open_without_following(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    #[cfg(not(target_os = "linux"))]
    if std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink()) {
        return Err(io::Error::other("it is a symbolic link"));
    }
    options.open(path)
}

/// `path` still names the file `file` has open.
#[cfg(unix)]
fn names(path: &Path, file: &File) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::symlink_metadata(path), file.metadata()) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn names(path: &Path, _: &File) -> bool {
    path.is_file()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_then_gives_up_with_a_clear_message() {
        let dir = tempfile::tempdir().unwrap();
        let first = acquire(dir.path(), WAIT).unwrap();
        let started = Instant::now();
        let error = match acquire(dir.path(), Duration::from_millis(200)) {
            Err(error) => error,
            Ok(_) => panic!("two builds hold the lock at once"),
        };
        assert!(started.elapsed() >= Duration::from_millis(200));
        assert!(error.0.contains("another build into"), "{error}");
        drop(first);
        assert!(acquire(dir.path(), Duration::ZERO).is_ok());
    }

    #[test]
    fn a_link_in_place_of_the_lock_file_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere");
        std::os::unix::fs::symlink(&elsewhere, dir.path().join(LOCK)).unwrap();
        assert!(acquire(dir.path(), WAIT).is_err());
        assert!(!elsewhere.exists(), "nothing created through the link");
    }
}
