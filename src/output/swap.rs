//! Write, last step: moving the staged entries into place. Each top-level entry is
//! exchanged with its old version in one `renameat2(RENAME_EXCHANGE)` where the system
//! has it (rename aside, then rename in, where it has not); every step is journaled so a
//! failure puts the old entries back.

use std::io;
use std::path::{Path, PathBuf};

/// One step done, and how to undo it.
enum Step {
    /// The two paths swapped their contents; undone by swapping again.
    Exchanged(PathBuf, PathBuf),
    /// Moved from the first path to the second; undone by moving back.
    Moved(PathBuf, PathBuf),
}

pub(super) struct Journal {
    steps: Vec<Step>,
    /// Never try `RENAME_EXCHANGE` (a test of the other way).
    pub no_exchange: bool,
}

impl Journal {
    pub fn new(no_exchange: bool) -> Self {
        Journal {
            steps: Vec::new(),
            no_exchange,
        }
    }

    /// Puts `staged` at `live`; the old `live`, if any, ends up at `staged` (exchanged)
    /// or at `aside`.
    pub fn replace(&mut self, staged: &Path, live: &Path, aside: &Path) -> io::Result<()> {
        if std::fs::symlink_metadata(live).is_err() {
            return self.move_to(staged, live);
        }
        if !self.no_exchange && exchange(staged, live)? {
            self.steps
                .push(Step::Exchanged(staged.to_path_buf(), live.to_path_buf()));
            return Ok(());
        }
        // No atomic exchange here: for an instant `live` is missing, never mixed.
        self.move_to(live, aside)?;
        self.move_to(staged, live)
    }

    /// Moves `live` out of the output, to `aside`.
    pub fn remove(&mut self, live: &Path, aside: &Path) -> io::Result<()> {
        self.move_to(live, aside)
    }

    fn move_to(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)?;
        self.steps
            .push(Step::Moved(from.to_path_buf(), to.to_path_buf()));
        Ok(())
    }

    /// Undoes every step, last first. Renames need no space, so this fails only when
    /// something else changes the folder meanwhile; the next build repairs that.
    pub fn rollback(self) -> io::Result<()> {
        let mut first_error = Ok(());
        for step in self.steps.into_iter().rev() {
            let undone = match step {
                Step::Exchanged(a, b) => exchange(&a, &b).and_then(|done| {
                    done.then_some(())
                        .ok_or_else(|| io::Error::other("the exchange is no longer possible"))
                }),
                Step::Moved(from, to) => std::fs::rename(to, from),
            };
            if first_error.is_ok() {
                first_error = undone;
            }
        }
        first_error
    }
}

/// Swaps `a` and `b` in one step; `Ok(false)` when the system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        // An old kernel, or a file system without the flag.
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join("live");
        let staged = dir.path().join("staged");
        let aside = dir.path().join("aside");
        std::fs::create_dir(&live).unwrap();
        std::fs::write(live.join("page"), "old").unwrap();
        std::fs::create_dir(&staged).unwrap();
        std::fs::write(staged.join("page"), "new").unwrap();
        (dir, live, staged, aside)
    }

    #[test]
    fn replaces_and_rolls_back_with_and_without_exchange() {
        for no_exchange in [false, true] {
            let (_dir, live, staged, aside) = setup();
            let mut journal = Journal::new(no_exchange);
            journal.replace(&staged, &live, &aside).unwrap();
            assert_eq!(std::fs::read_to_string(live.join("page")).unwrap(), "new");
            journal.rollback().unwrap();
            assert_eq!(std::fs::read_to_string(live.join("page")).unwrap(), "old");
            assert_eq!(std::fs::read_to_string(staged.join("page")).unwrap(), "new");
        }
    }

    #[test]
    fn a_file_can_replace_a_folder() {
        let (dir, live, _, aside) = setup();
        let file = dir.path().join("file");
        std::fs::write(&file, "a file now").unwrap();
        let mut journal = Journal::new(false);
        journal.replace(&file, &live, &aside).unwrap();
        assert_eq!(std::fs::read_to_string(&live).unwrap(), "a file now");
    }
}
