//! Write, before the swap: deciding which top-level entries change and completing each
//! of them in the staging folder. Unchanged files are hard links to the old ones (never
//! rewritten, so they keep their bytes and time); whatever the user put inside an entry
//! is carried into the new one the same way; nothing the tool did not write is lost.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::FileType;
use std::io;
use std::path::Path;

use rayon::prelude::*;

use super::manifest::{Manifest, Record};
use super::tree::{self, Found};
use super::{WriteError, WriteStats, cannot_write};
use crate::messages::{Message, msg};

/// One file a build put.
#[derive(Debug)]
pub(super) struct Put {
    pub record: Record,
    /// Its bytes differ from the file in the output: it was written into staging.
    pub changed: bool,
}

/// What happens to one top-level entry of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Action {
    /// The staged entry takes its place.
    Replace,
    /// Nothing of it is left in the new build: it leaves the output.
    Remove,
}

#[derive(Debug)]
pub(super) struct Plan {
    /// What the output holds once the plan is done.
    pub manifest: Manifest,
    /// The old and the new together: what may be ours while the swap is under way.
    pub union: Manifest,
    /// In the order they are swapped: folders, then files (the chooser links to the
    /// divisions), then removals.
    pub tops: Vec<(String, Action)>,
    pub stats: WriteStats,
}

/// The folders and files the plan is made from.
pub(super) struct Layout<'a> {
    pub output: &'a Path,
    /// Where the new entries are staged (`<staging>/new`).
    pub new: &'a Path,
    pub previous: &'a Manifest,
    pub kept: &'a [String],
}

/// Plans the commit of `puts` and stages each entry that changes, complete. `Err` when
/// something the tool did not write is in the way; the output is not touched yet.
pub(super) fn make(layout: &Layout, puts: BTreeMap<String, Put>) -> Result<Plan, WriteError> {
    let changed: BTreeSet<&str> = (puts.iter())
        .filter(|(_, put)| put.changed)
        .map(|(path, _)| path.as_str())
        .collect();
    let manifest = new_manifest(layout, &puts);
    let stale: Vec<&String> = (layout.previous.keys())
        .filter(|path| !manifest.contains_key(*path))
        .collect();
    let (removed, mut problems) = look_at_stale(layout, &stale)?;
    let dirty: BTreeSet<&str> = (changed.iter().copied())
        .chain(stale.iter().map(|path| path.as_str()))
        .map(top)
        .collect();
    let staging = Staging::new(layout, &manifest, &changed, &puts);
    let staged: Vec<Result<Staged, WriteError>> =
        dirty.par_iter().map(|name| staging.stage(name)).collect();
    let mut tops = Vec::new();
    for (name, result) in dirty.iter().zip(staged) {
        let (action, found) = result?;
        problems.extend(found);
        tops.extend(action.map(|action| (name.to_string(), action)));
    }
    if !problems.is_empty() {
        return Err(in_the_way(layout.output, &problems));
    }
    tops.sort_by_key(|(name, action)| (*action, !layout.new.join(name).is_dir(), name.clone()));
    let mut union = layout.previous.clone();
    union.extend(manifest.iter().map(|(p, r)| (p.clone(), r.clone())));
    let stats = WriteStats {
        written: changed.len(),
        unchanged: puts.len() - changed.len(),
        removed,
    };
    Ok(Plan {
        manifest,
        union,
        tops,
        stats,
    })
}

/// What the output holds after this build: what it put, and the previous build's files
/// under the kept prefixes (divisions not built this time).
fn new_manifest(layout: &Layout, puts: &BTreeMap<String, Put>) -> Manifest {
    let mut manifest: Manifest = (puts.iter())
        .map(|(path, put)| (path.clone(), put.record.clone()))
        .collect();
    for (path, record) in layout.previous {
        if !manifest.contains_key(path) && layout.kept.iter().any(|k| path.starts_with(k)) {
            manifest.insert(path.clone(), record.clone());
        }
    }
    manifest
}

/// How many stale files are still there to remove, and which are not ours to remove
/// (a link or something else in their place, or on the way to them).
fn look_at_stale(
    layout: &Layout,
    stale: &[&String],
) -> Result<(usize, BTreeSet<Message>), WriteError> {
    let mut problems = BTreeSet::new();
    let mut removed = 0;
    for path in stale {
        match tree::lookup(layout.output, path).map_err(|e| reading(&e, layout, path))? {
            Found::File(_) => removed += 1,
            Found::Missing | Found::Folder => {}
            Found::InTheWay(at, what) => {
                problems.insert(in_the_way_item(&at, Message::new(what)));
            }
        }
    }
    Ok((removed, problems))
}

/// The first part of a relative path: the top-level entry it belongs to.
fn top(path: &str) -> &str {
    path.split('/').next().unwrap_or(path)
}

fn reading(error: &io::Error, layout: &Layout, path: &str) -> WriteError {
    cannot_write(error, "output-doing-reading", &layout.output.join(path))
}

/// The refusal when the build would have to replace, or write or remove through,
/// something it did not write.
pub(super) fn in_the_way(output: &Path, problems: &BTreeSet<Message>) -> WriteError {
    let listed: Vec<Message> = problems.iter().take(5).cloned().collect();
    WriteError(msg!(
        "output-in-the-way",
        output = output.display().to_string(),
        things = listed,
        more = problems.len().saturating_sub(5)
    ))
}

/// One thing in the way: its path, and what it is (the id of the message saying so).
pub(super) fn in_the_way_item(path: &str, what: Message) -> Message {
    msg!("output-in-the-way-item", path = path, what = what)
}

/// What to do with a staged entry, and what is in the way of it.
type Staged = (Option<Action>, Vec<Message>);

/// Completes the staged entries.
struct Staging<'a> {
    layout: &'a Layout<'a>,
    manifest: &'a Manifest,
    changed: &'a BTreeSet<&'a str>,
    /// Every path put in this build.
    put: BTreeSet<&'a str>,
    /// The folders the previous build's files are in: the tool's own, not carried when
    /// they end up empty.
    folders: BTreeSet<String>,
}

impl<'a> Staging<'a> {
    fn new(
        layout: &'a Layout,
        manifest: &'a Manifest,
        changed: &'a BTreeSet<&'a str>,
        puts: &'a BTreeMap<String, Put>,
    ) -> Self {
        let folders = (layout.previous.keys())
            .flat_map(|path| {
                path.match_indices('/')
                    .map(|(end, _)| path[..end].to_string())
            })
            .collect();
        Staging {
            layout,
            manifest,
            changed,
            put: puts.keys().map(String::as_str).collect(),
            folders,
        }
    }

    /// Completes the new version of the top-level entry `name` in staging; returns what
    /// to do with it, and what is in the way.
    fn stage(&self, name: &str) -> Result<Staged, WriteError> {
        let output = self.layout.output;
        let new = self.layout.new;
        let mut problems = Vec::new();
        self.link_unchanged(name, &mut problems)?;
        let live = output.join(name);
        let live_meta = std::fs::symlink_metadata(&live);
        if live_meta.as_ref().is_ok_and(|meta| meta.is_dir()) {
            self.carry(&live, &new.join(name), Some(name), &mut problems)
                .map_err(|e| cannot_write(&e, "output-doing-reading", &live))?;
        }
        let action = if std::fs::symlink_metadata(new.join(name)).is_ok() {
            Some(Action::Replace)
        } else if live_meta.is_ok_and(|meta| {
            meta.is_dir() || (meta.is_file() && self.layout.previous.contains_key(name))
        }) {
            Some(Action::Remove)
        } else {
            None
        };
        Ok((action, problems))
    }

    /// Links the unchanged files of the entry `name` into its staged version.
    fn link_unchanged(&self, name: &str, problems: &mut Vec<Message>) -> Result<(), WriteError> {
        let (output, new) = (self.layout.output, self.layout.new);
        let inside = format!("{name}/");
        let mut unchanged = Vec::new();
        for path in (self.manifest.keys())
            .filter(|path| *path == name || path.starts_with(&inside))
            .filter(|path| !self.changed.contains(path.as_str()))
        {
            // A file put in this build was looked at then; a kept one is looked at now.
            if !self.put.contains(path.as_str()) {
                let found = tree::lookup(output, path);
                match found
                    .map_err(|e| cannot_write(&e, "output-doing-reading", &output.join(path)))?
                {
                    Found::File(_) => {}
                    Found::InTheWay(at, what) => {
                        problems.push(in_the_way_item(&at, Message::new(what)));
                        continue;
                    }
                    // A kept file that is gone: the next full build writes it again.
                    Found::Missing | Found::Folder => continue,
                }
            }
            unchanged.push(path.as_str());
        }
        // Each folder once, parents first (a prefix sorts before what extends it).
        let folders: BTreeSet<&str> = (unchanged.iter())
            .flat_map(|path| path.match_indices('/').map(|(end, _)| &path[..end]))
            .collect();
        for folder in folders {
            match std::fs::create_dir(new.join(folder)) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
                    return Err(cannot_write(
                        &e,
                        "output-doing-writing",
                        &output.join(folder),
                    ));
                }
                _ => {}
            }
        }
        for path in unchanged {
            link_or_copy(&output.join(path), &new.join(path))
                .map_err(|e| cannot_write(&e, "output-doing-writing", &output.join(path)))?;
        }
        Ok(())
    }

    /// Carries what the tool did not write from the old folder `live` into the new one
    /// `staged`. `relative` is `None` inside a folder that is not the tool's (a name
    /// that is not UTF-8 cannot be in the manifest).
    fn carry(
        &self,
        live: &Path,
        staged: &Path,
        relative: Option<&str>,
        problems: &mut Vec<Message>,
    ) -> io::Result<()> {
        for entry in std::fs::read_dir(live)? {
            let entry = entry?;
            let name = entry.file_name();
            // The entry's own type: a link is a link here, never what it points to.
            let kind = entry.file_type()?;
            let child = relative.zip(name.to_str()).map(|(r, n)| format!("{r}/{n}"));
            let shown = || {
                child.clone().unwrap_or_else(|| {
                    entry.path().strip_prefix(self.layout.output).map_or_else(
                        |_| entry.path().display().to_string(),
                        |p| p.display().to_string(),
                    )
                })
            };
            let to = staged.join(&name);
            let ours_folder = child.as_ref().is_some_and(|c| self.folders.contains(c));
            let ours_file = child
                .as_ref()
                .is_some_and(|c| kind.is_file() && self.layout.previous.contains_key(c));
            if kind.is_dir() {
                if !ours_folder && std::fs::create_dir_all(&to).is_err() {
                    problems.push(in_the_way_item(
                        &shown(),
                        Message::new("output-thing-foreign-folder"),
                    ));
                    continue;
                }
                self.carry(&entry.path(), &to, child.as_deref(), problems)?;
            } else if ours_file {
                // Written again, linked as unchanged, or stale: never carried.
            } else if let Err(problem) = keep(&entry.path(), &to, kind) {
                problems.push(in_the_way_item(&shown(), Message::new(problem)));
            }
        }
        Ok(())
    }
}

/// Gives the new tree a name for a file the tool did not write, keeping the file itself.
fn keep(from: &Path, to: &Path, kind: FileType) -> Result<(), &'static str> {
    const TAKEN: &str = "output-thing-taken";
    if std::fs::symlink_metadata(to).is_ok() {
        return Err(TAKEN);
    }
    let parent = to.parent().expect("a staged path has a parent");
    if std::fs::create_dir_all(parent).is_err() {
        return Err(TAKEN);
    }
    // `hard_link` links a symbolic link itself, never what it points to.
    if std::fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    #[cfg(unix)]
    let copied = if kind.is_symlink() {
        std::fs::read_link(from).and_then(|target| std::os::unix::fs::symlink(target, to))
    } else if kind.is_file() {
        std::fs::copy(from, to).map(|_| ())
    } else {
        return Err("output-thing-cannot-keep");
    };
    #[cfg(not(unix))]
    let copied = if kind.is_file() {
        std::fs::copy(from, to).map(|_| ())
    } else {
        return Err("output-thing-cannot-keep");
    };
    copied.map_err(|_| "output-thing-cannot-keep")
}

/// Gives the staged tree the old file's bytes without writing them: a hard link, or a
/// copy where the file system has none.
fn link_or_copy(from: &Path, to: &Path) -> io::Result<()> {
    match std::fs::hard_link(from, to) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => std::fs::copy(from, to).map(|_| ()),
    }
}
