//! Write: the `Writer` a build puts its files into. Files go into a staging folder inside
//! the output as they are rendered; only when the whole build succeeded are they swapped
//! into place (`plan`, `swap`), so a failed build leaves the previous output as it was.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use super::faults::Faults;
use super::lock::{self, Lock};
use super::manifest::{self, Manifest, Record};
use super::plan::{self, Action, Layout, Plan, Put};
use super::swap::Journal;
use super::tree::{self, Found};
use super::{
    BuildState, MANIFEST, OutputFile, STAGING, STATE, WriteError, WriteStats, cannot_write, folder,
    is_reserved,
};
use crate::messages::{Message, msg};

/// Inside the staging folder: the new entries, and the old ones moved aside.
const NEW: &str = "new";
const OLD: &str = "old";

/// Writes a build's files into a staging folder inside the output folder, and swaps them
/// into place only when the whole build succeeded. Holds the output's lock until it is
/// committed or aborted.
pub struct Writer {
    /// Resolved: no link, no `..`.
    output: PathBuf,
    /// The output folder did not exist before this build.
    created: bool,
    staging: PathBuf,
    previous: Manifest,
    kept: Vec<String>,
    faults: Faults,
    puts: Mutex<Puts>,
    lock: Lock,
}

#[derive(Default)]
struct Puts {
    files: BTreeMap<String, Put>,
    /// What the tool did not write, in the way of a file put.
    in_the_way: BTreeSet<Message>,
    /// The first error writing the output (a full disk): the build cannot go on.
    failure: Option<Message>,
}

impl Writer {
    /// Starts a build into `output` (created when missing), keeping the previous build's
    /// files under the `kept` prefixes. Waits while another build writes there.
    pub fn begin(output: &Path, kept: &[String]) -> Result<Writer, WriteError> {
        let output = folder::resolve(output)?;
        let created = std::fs::symlink_metadata(&output).is_err();
        std::fs::create_dir_all(&output)
            .map_err(|e| cannot_write(&e, "output-doing-creating", &output))?;
        let lock = lock::acquire(&output, lock::WAIT)?;
        let staging = output.join(STAGING);
        // Left by a build that was killed: ours, and of no use now. (`remove_dir_all`
        // removes a link, never what it points to.)
        match std::fs::remove_dir_all(&staging) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                return Err(cannot_write(&e, "output-doing-clearing", &staging));
            }
            _ => {}
        }
        for part in [NEW, OLD] {
            std::fs::create_dir_all(staging.join(part))
                .map_err(|e| cannot_write(&e, "output-doing-creating", &staging))?;
        }
        Ok(Writer {
            previous: manifest::read(&output),
            output,
            created,
            staging,
            kept: kept.to_vec(),
            faults: Faults::from_env(),
            puts: Mutex::default(),
            lock,
        })
    }

    #[cfg(test)]
    pub(super) fn with_faults(mut self, faults: Faults) -> Self {
        self.faults = faults;
        self
    }

    fn puts(&self) -> MutexGuard<'_, Puts> {
        self.puts.lock().expect("no panic while holding the lock")
    }

    /// Stages one file, unless the output already holds exactly these bytes. After an
    /// error writing the output, every later put fails with that same error at once.
    pub fn put(&self, file: OutputFile) -> Result<(), WriteError> {
        if let Some(failure) = &self.puts().failure {
            return Err(WriteError(failure.clone()));
        }
        let top = file.path.split('/').next().unwrap_or_default();
        if !tree::is_safe_relative(&file.path) || is_reserved(top) {
            return Err(WriteError(msg!(
                "output-internal-refusal",
                path = &file.path
            )));
        }
        let bytes = file.contents.bytes()?;
        let target = self.output.join(&file.path);
        let changed = match self.differs(&file.path, &bytes) {
            Ok(Some(changed)) => changed,
            Ok(None) => return Ok(()),
            Err(e) => return Err(self.fail(cannot_write(&e, "output-doing-reading", &target))),
        };
        if changed {
            self.stage(&file.path, &bytes)
                .map_err(|e| self.fail(cannot_write(&e, "output-doing-writing", &target)))?;
        }
        let record = Record::of(&bytes);
        self.puts().files.insert(file.path, Put { record, changed });
        Ok(())
    }

    /// Whether `bytes` differ from the output's file at `path`; `None` when something the
    /// tool did not write is in the way (kept, and refused at the commit).
    fn differs(&self, path: &str, bytes: &[u8]) -> io::Result<Option<bool>> {
        let problem = match tree::lookup(&self.output, path)? {
            // A folder where the file goes: the old folder leaves in the swap.
            Found::Missing | Found::Folder => return Ok(Some(true)),
            Found::File(meta) if self.previous.contains_key(path) => {
                let same = meta.len() == bytes.len() as u64
                    && std::fs::read(self.output.join(path))? == bytes;
                return Ok(Some(!same));
            }
            Found::File(_) => {
                plan::in_the_way_item(path, Message::new("output-thing-foreign-file"))
            }
            Found::InTheWay(at, what) => plan::in_the_way_item(&at, Message::new(what)),
        };
        self.puts().in_the_way.insert(problem);
        Ok(None)
    }

    fn stage(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.faults.before_write()?;
        let staged = self.staging.join(NEW).join(path);
        if let Some(parent) = staged.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(staged, bytes)
    }

    /// Remembers the first failure of the output itself, and returns it.
    fn fail(&self, error: WriteError) -> WriteError {
        let mut puts = self.puts();
        let first = puts.failure.get_or_insert_with(|| error.0.clone());
        WriteError(first.clone())
    }

    /// How many files were put so far whose path ends with `suffix`.
    pub fn count(&self, suffix: &str) -> usize {
        let puts = self.puts();
        puts.files.keys().filter(|p| p.ends_with(suffix)).count()
    }

    /// Drops everything staged: the output folder stays as it was. `Err` when the build
    /// failed because the output itself could not be written (a full disk): that one
    /// error is the reason, whatever else went wrong after it.
    pub fn abort(self) -> Result<(), WriteError> {
        let failure = self.puts().failure.take();
        self.discard();
        failure.map_or(Ok(()), |message| Err(WriteError(message)))
    }

    fn discard(self) {
        let _ = std::fs::remove_dir_all(&self.staging);
        if self.created {
            // Leave no trace of a folder this build created; its lock file goes too.
            let _ = std::fs::remove_file(self.lock.path());
            let _ = std::fs::remove_dir(&self.output);
        }
    }

    /// Swaps the new files into place, removes the stale ones, records the manifest and
    /// the build's `state` (for the "up to date" check). On an error the output is left
    /// as it was.
    pub fn commit(self, build_state: Option<&BuildState>) -> Result<WriteStats, WriteError> {
        let puts = std::mem::take(&mut *self.puts());
        let result = self.plan(puts).and_then(|plan| {
            self.apply(&plan, build_state)?;
            Ok(plan.stats)
        });
        match result {
            Ok(stats) => {
                let _ = std::fs::remove_dir_all(&self.staging);
                Ok(stats)
            }
            Err(error) => {
                self.discard();
                Err(error)
            }
        }
    }

    fn plan(&self, puts: Puts) -> Result<Plan, WriteError> {
        if let Some(failure) = puts.failure {
            return Err(WriteError(failure));
        }
        if !puts.in_the_way.is_empty() {
            return Err(plan::in_the_way(&self.output, &puts.in_the_way));
        }
        let layout = Layout {
            output: &self.output,
            new: &self.staging.join(NEW),
            previous: &self.previous,
            kept: &self.kept,
        };
        plan::make(&layout, puts.files)
    }

    /// Carries the plan out. Everything that needs disk space is written first; after
    /// that only renames change the output, and each is undone if a later one fails.
    fn apply(&self, plan: &Plan, build_state: Option<&BuildState>) -> Result<(), WriteError> {
        let staged = |name: &str| self.staging.join(name);
        let (manifest_path, state_path) = (self.output.join(MANIFEST), self.output.join(STATE));
        let io = |doing: &'static str, path: &Path| {
            let path = path.to_path_buf();
            move |e: io::Error| cannot_write(&e, doing, &path)
        };
        let text = manifest::render(&plan.manifest);
        std::fs::write(staged("manifest"), text)
            .map_err(io("output-doing-writing", &manifest_path))?;
        if let Some(state) = build_state {
            let text = serde_json::to_string(state).expect("the state always serializes");
            std::fs::write(staged("state"), text)
                .map_err(io("output-doing-writing", &state_path))?;
        }
        keep_aside(&manifest_path, &staged("old-manifest"))
            .map_err(io("copying", &manifest_path))?;
        keep_aside(&state_path, &staged("old-state")).map_err(io("copying", &state_path))?;
        // Until the swap is done the output may hold old and new entries: own both, and
        // never look "up to date".
        let union = manifest::render(&plan.union);
        manifest::write_atomically(&manifest_path, &staged("union"), union.as_bytes())
            .map_err(io("output-doing-writing", &manifest_path))?;
        remove_if_there(&state_path).map_err(io("output-doing-removing", &state_path))?;
        let mut journal = Journal::new(self.faults.no_exchange);
        let swapped = self
            .swap(&plan.tops, &mut journal)
            .and_then(|()| std::fs::rename(staged("manifest"), &manifest_path));
        if let Err(e) = swapped {
            return Err(self.put_back(journal, &e));
        }
        if build_state.is_some() {
            // Only a rename; should it fail, the next build is not skipped, no more.
            let _ = std::fs::rename(staged("state"), &state_path);
        }
        Ok(())
    }

    fn swap(&self, tops: &[(String, Action)], journal: &mut Journal) -> io::Result<()> {
        let (new, old) = (self.staging.join(NEW), self.staging.join(OLD));
        for (name, action) in tops {
            self.faults.before_swap(name)?;
            let live = self.output.join(name);
            match action {
                Action::Replace => journal.replace(&new.join(name), &live, &old.join(name))?,
                Action::Remove => journal.remove(&live, &old.join(name))?,
            }
        }
        Ok(())
    }

    /// Undoes the swaps after `error`, and restores the old manifest and state.
    fn put_back(&self, journal: Journal, error: &io::Error) -> WriteError {
        let staged = |name: &str| self.staging.join(name);
        let restored = journal.rollback().and_then(|()| {
            restore(&staged("old-manifest"), &self.output.join(MANIFEST))?;
            restore(&staged("old-state"), &self.output.join(STATE))
        });
        let outcome = match restored {
            Ok(()) => msg!("output-put-back"),
            Err(e) => msg!("output-put-back-failed", detail = e.to_string()),
        };
        WriteError(msg!(
            "output-swap-failed",
            detail = error.to_string(),
            output = self.output.display().to_string(),
            outcome = outcome
        ))
    }
}

/// A second name for the tool's file `path` (if there is one) in staging, so a failed
/// swap can put it back.
fn keep_aside(path: &Path, aside: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() => {
            std::fs::hard_link(path, aside).or_else(|_| std::fs::copy(path, aside).map(|_| ()))
        }
        _ => Ok(()),
    }
}

/// Puts `aside` back at `path`, or removes `path` when there was nothing to keep.
fn restore(aside: &Path, path: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(aside).is_ok() {
        std::fs::rename(aside, path)
    } else {
        remove_if_there(path)
    }
}

fn remove_if_there(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
