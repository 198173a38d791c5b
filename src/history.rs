//! The handbook's git history, read with gix (never by running `git`, which would execute
//! a repository's configured fsmonitor, hooks or filters). Read once after loading; the
//! report asks when files changed, the change feeds list what each commit changed. The
//! only module that knows gix.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use gix::ObjectId;
use gix::bstr::{BString, ByteSlice};
use gix::objs::FindExt;

/// How far back to read. The walk bound keeps a huge repository from stalling a build.
#[derive(Debug, Clone, Copy)]
pub struct HistoryLimit {
    /// At most this many commits are kept for [`History::commits`] (the change feeds).
    pub commits: usize,
    /// At most this many commits are walked to find when files last changed.
    pub walk: usize,
}

impl Default for HistoryLimit {
    fn default() -> Self {
        HistoryLimit {
            commits: 1000,
            walk: 10_000,
        }
    }
}

/// The commits that touched the handbook, newest first, following first parents.
#[derive(Debug)]
pub struct History {
    root: PathBuf,
    commits: Vec<Commit>,
    last: HashMap<String, Moment>,
    head: HashMap<String, HeadEntry>,
    hash: gix::hash::Kind,
    truncated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// Full hex id.
    pub id: String,
    /// Committer time, unix seconds.
    pub time: i64,
    pub offset_minutes: i32,
    /// The subject, as `git log --format=%s` shows it (the first paragraph on one line).
    pub summary: String,
    pub author: String,
    /// Paths relative to the handbook root that this commit added, modified or deleted
    /// compared with its first parent, sorted; a rename is a deletion and an addition.
    pub files: Vec<String>,
}

/// A commit's time: unix seconds and the committer's offset from UTC in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    pub time: i64,
    pub offset_minutes: i32,
}

impl Moment {
    /// The calendar day it was where the commit was made (as `git log` shows it).
    pub fn date(self) -> Option<jiff::civil::Date> {
        let offset = jiff::tz::Offset::from_seconds(self.offset_minutes.checked_mul(60)?).ok()?;
        let at = jiff::Timestamp::from_second(self.time).ok()?;
        Some(at.to_zoned(jiff::tz::TimeZone::fixed(offset)).date())
    }

    /// RFC 3339 with the commit's own offset (`2027-03-01T09:30:00+01:00`).
    pub fn rfc3339(self) -> Option<String> {
        let offset = jiff::tz::Offset::from_seconds(self.offset_minutes.checked_mul(60)?).ok()?;
        let at = jiff::Timestamp::from_second(self.time).ok()?;
        Some(
            at.to_zoned(jiff::tz::TimeZone::fixed(offset))
                .strftime("%Y-%m-%dT%H:%M:%S%:z")
                .to_string(),
        )
    }
}

/// The repository could not be read; the caller reports it as a warning and goes on
/// without history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryError {
    pub message: String,
}

#[derive(Debug, Clone, Copy)]
struct HeadEntry {
    id: ObjectId,
    link: bool,
}

/// Working-tree files larger than this are not hashed: they count as modified.
const MAX_HASHED_SIZE: u64 = 64 * 1024 * 1024;

impl History {
    /// `None` when the handbook is not inside a git repository with a work tree, or the
    /// repository has no commits.
    pub fn read(root: &Path, limit: HistoryLimit) -> Result<Option<History>, HistoryError> {
        let Some((repo, prefix)) = open(root)? else {
            return Ok(None);
        };
        let head = repo.head().map_err(failed("reading HEAD"))?;
        let Some(start) = head.id().map(|id| id.detach()) else {
            return Ok(None);
        };
        let walk = Walk::new(&repo, prefix, limit)?;
        let (head, walked) = walk.run(start)?;
        Ok(Some(History {
            root: root.to_path_buf(),
            commits: walked.commits,
            last: walked.last,
            head,
            hash: repo.object_hash(),
            truncated: walked.truncated,
        }))
    }

    /// The id of the commit HEAD names, without walking the history: a build whose files
    /// are unchanged still has new change pages after a commit. `None` without history.
    pub fn head(root: &Path) -> Option<String> {
        let (repo, _) = open(root).ok().flatten()?;
        let id = repo.head().ok()?.id()?.detach();
        Some(id.to_string())
    }

    /// The commits that changed files under the root, newest first (first-parent order,
    /// which is committer-time order unless clocks were skewed), at most `limit.commits`.
    pub fn commits(&self) -> &[Commit] {
        &self.commits
    }

    /// Time of the last commit that changed `file` (relative to the root); `None` when it
    /// was never committed. When the history is cut short (see [`History::is_truncated`]),
    /// a file unchanged since the cut gets the time of the oldest commit seen: an upper
    /// bound, as `git log` gives in a shallow clone.
    pub fn last_change(&self, file: &str) -> Option<i64> {
        self.last.get(file).map(|m| m.time)
    }

    /// As [`History::last_change`], with the committer's offset, for dates as the
    /// committer saw them.
    pub fn last_change_moment(&self, file: &str) -> Option<Moment> {
        self.last.get(file).copied()
    }

    /// Whether the file in the working tree is not the one HEAD has (modified, untracked,
    /// unreadable, behind a symlink or too large to check): then its commit time is not
    /// its time. Hashes the bytes as they are: no filter, hook or fsmonitor runs.
    pub fn is_modified(&self, file: &str) -> bool {
        let Some(entry) = self.head.get(file) else {
            return true;
        };
        match worktree_blob(&self.root, file, entry.link) {
            Some(bytes) => gix::objs::compute_hash(self.hash, gix::objs::Kind::Blob, &bytes)
                .map_or(true, |id| id != entry.id),
            None => true,
        }
    }

    /// Whether the walk stopped before the first commit (a shallow clone, or the walk
    /// bound), so older changes are unknown.
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }
}

impl std::fmt::Display for HistoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for HistoryError {}

impl From<HistoryError> for crate::diagnostics::Diagnostic {
    fn from(error: HistoryError) -> Self {
        crate::diagnostics::Diagnostic::warning(crate::messages::msg!(
            "history-unreadable",
            detail = error.to_string()
        ))
        .hint(crate::messages::msg!("history-unreadable-hint"))
    }
}

fn failed<E: std::fmt::Display>(doing: &'static str) -> impl Fn(E) -> HistoryError {
    move |error| HistoryError {
        message: format!("{doing}: {error}"),
    }
}

/// Finds the repository upwards from `root` (not across file systems, gix's default)
/// and opens it without the user's or system's configuration and with the repository's
/// own configuration untrusted: nothing in it can make gix run a program.
fn open(root: &Path) -> Result<Option<(gix::Repository, Vec<BString>)>, HistoryError> {
    let root = root
        .canonicalize()
        .map_err(failed("finding the handbook"))?;
    let path = match gix::discover::upwards_opts(&root, Default::default()) {
        Ok((path, _trust)) => path,
        // Not found, or only above a file-system boundary: the handbook has no history.
        Err(error)
            if error
                .downcast_any_ref::<gix::discover::upwards::Error>()
                .is_some() =>
        {
            return Ok(None);
        }
        Err(error) => return Err(failed("looking for the git repository")(error)),
    };
    let (_, Some(workdir)) = path.into_repository_and_work_tree_directories() else {
        return Ok(None); // a bare repository has no files to date
    };
    let workdir = workdir
        .canonicalize()
        .map_err(failed("finding the work tree"))?;
    let Some(prefix) = prefix(&root, &workdir) else {
        return Ok(None);
    };
    let options = gix::open::Options::isolated().with_enforced_trust(gix::sec::Trust::Reduced);
    let mut repo = gix::open_opts(&workdir, options).map_err(failed("opening the repository"))?;
    repo.object_cache_size_if_unset(16 * 1024 * 1024);
    Ok(Some((repo, prefix)))
}

/// The root's path inside the work tree, one entry per folder (both paths canonical).
fn prefix(root: &Path, workdir: &Path) -> Option<Vec<BString>> {
    root.strip_prefix(workdir)
        .ok()?
        .components()
        .map(|c| match c {
            Component::Normal(name) => gix::path::os_str_into_bstr(name).ok().map(BString::from),
            _ => None,
        })
        .collect()
}

/// What the walk found.
struct Walked {
    commits: Vec<Commit>,
    last: HashMap<String, Moment>,
    truncated: bool,
}

/// One commit as the walk needs it.
struct Step {
    id: ObjectId,
    tree: Option<ObjectId>,
    parent: Option<ObjectId>,
    moment: Moment,
}

struct Walk<'r> {
    repo: &'r gix::Repository,
    prefix: Vec<BString>,
    limit: HistoryLimit,
    shallow: HashSet<ObjectId>,
}

impl<'r> Walk<'r> {
    fn new(
        repo: &'r gix::Repository,
        prefix: Vec<BString>,
        limit: HistoryLimit,
    ) -> Result<Self, HistoryError> {
        let shallow = repo
            .shallow_commits()
            .map_err(failed("reading the shallow clone's boundary"))?
            .map(|commits| commits.iter().copied().collect())
            .unwrap_or_default();
        Ok(Walk {
            repo,
            prefix,
            limit,
            shallow,
        })
    }

    /// Walks first parents from `start`, diffing each commit's root folder with its
    /// parent's. Stops at the first commit, a shallow boundary, the walk bound, or as soon
    /// as the feed is full and every file at HEAD has its time.
    fn run(&self, start: ObjectId) -> Result<(HashMap<String, HeadEntry>, Walked), HistoryError> {
        let mut step = self.step(start)?;
        let head = self.files(step.tree)?;
        let mut walked = Walked {
            commits: Vec::new(),
            last: HashMap::new(),
            truncated: false,
        };
        let mut dated = 0;
        for count in 0.. {
            if count == self.limit.walk || self.shallow.contains(&step.id) {
                self.date_unseen(&step, &mut walked)?;
                walked.truncated = true;
                break;
            }
            let parent = step.parent.map(|id| self.step(id)).transpose()?;
            let files = self.changes(parent.as_ref().and_then(|p| p.tree), step.tree)?;
            for file in &files {
                if !walked.last.contains_key(file) {
                    walked.last.insert(file.clone(), step.moment);
                    dated += usize::from(head.contains_key(file));
                }
            }
            if !files.is_empty() && walked.commits.len() < self.limit.commits {
                walked.commits.push(self.commit(step.id, files)?);
            }
            let feed_full = walked.commits.len() == self.limit.commits;
            match parent {
                Some(parent) if !(feed_full && dated == head.len()) => step = parent,
                _ => break,
            }
        }
        Ok((head, walked))
    }

    /// At a cut in the history, what the commit holds was changed at or before its time.
    fn date_unseen(&self, step: &Step, walked: &mut Walked) -> Result<(), HistoryError> {
        for file in self.files(step.tree)?.into_keys() {
            walked.last.entry(file).or_insert(step.moment);
        }
        Ok(())
    }

    fn step(&self, id: ObjectId) -> Result<Step, HistoryError> {
        let mut buf = Vec::new();
        let commit = self
            .repo
            .objects
            .find_commit(&id, &mut buf)
            .map_err(failed("reading a commit"))?;
        let time = commit.time().map_err(failed("reading a commit's time"))?;
        let (tree, parent) = (commit.tree(), commit.parents().next());
        Ok(Step {
            id,
            tree: self.subtree(tree)?,
            parent,
            moment: Moment {
                time: time.seconds,
                offset_minutes: time.offset / 60,
            },
        })
    }

    /// The tree of the handbook root inside the commit's tree, `None` when absent.
    fn subtree(&self, mut tree: ObjectId) -> Result<Option<ObjectId>, HistoryError> {
        let mut buf = Vec::new();
        for name in &self.prefix {
            let entries = self
                .repo
                .objects
                .find_tree_iter(&tree, &mut buf)
                .map_err(failed("reading a tree"))?;
            let found = entries
                .filter_map(Result::ok)
                .find(|e| e.mode.is_tree() && e.filename == name.as_bstr());
            match found {
                Some(entry) => tree = entry.oid.to_owned(),
                None => return Ok(None),
            }
        }
        Ok(Some(tree))
    }

    /// Files added, modified or deleted between two root trees, sorted.
    fn changes(
        &self,
        old: Option<ObjectId>,
        new: Option<ObjectId>,
    ) -> Result<Vec<String>, HistoryError> {
        if old == new {
            return Ok(Vec::new());
        }
        let (mut old_buf, mut new_buf) = (Vec::new(), Vec::new());
        let old = self.tree_iter(old, &mut old_buf)?;
        let new = self.tree_iter(new, &mut new_buf)?;
        let mut recorder = gix::diff::tree::Recorder::default();
        let mut state = gix::diff::tree::State::default();
        gix::diff::tree(old, new, &mut state, &self.repo.objects, &mut recorder)
            .map_err(failed("comparing two trees"))?;
        use gix::diff::tree::recorder::Change;
        let mut files: Vec<String> = recorder
            .records
            .into_iter()
            .filter_map(|change| match change {
                Change::Addition {
                    entry_mode, path, ..
                }
                | Change::Deletion {
                    entry_mode, path, ..
                } => entry_mode.is_blob_or_symlink().then_some(path),
                Change::Modification {
                    previous_entry_mode,
                    entry_mode,
                    path,
                    ..
                } => (entry_mode.is_blob_or_symlink() || previous_entry_mode.is_blob_or_symlink())
                    .then_some(path),
            })
            .filter_map(|path| path.to_str().ok().map(str::to_string))
            .collect();
        files.sort();
        files.dedup();
        Ok(files)
    }

    fn tree_iter<'b>(
        &self,
        tree: Option<ObjectId>,
        buf: &'b mut Vec<u8>,
    ) -> Result<gix::objs::TreeRefIter<'b>, HistoryError> {
        match tree {
            Some(id) => self
                .repo
                .objects
                .find_tree_iter(&id, buf)
                .map_err(failed("reading a tree")),
            None => Ok(gix::objs::TreeRefIter::from_bytes(
                &[],
                self.repo.object_hash(),
            )),
        }
    }

    /// Every file (blob or symlink) under a root tree, by path.
    fn files(&self, tree: Option<ObjectId>) -> Result<HashMap<String, HeadEntry>, HistoryError> {
        let mut files = HashMap::new();
        let mut pending: Vec<(String, ObjectId)> =
            tree.into_iter().map(|t| (String::new(), t)).collect();
        let mut buf = Vec::new();
        while let Some((folder, tree)) = pending.pop() {
            let entries = self
                .repo
                .objects
                .find_tree_iter(&tree, &mut buf)
                .map_err(failed("reading a tree"))?;
            for entry in entries {
                let entry = entry.map_err(failed("reading a tree"))?;
                let Ok(name) = entry.filename.to_str() else {
                    continue; // not a name the handbook can use
                };
                let path = if folder.is_empty() {
                    name.to_string()
                } else {
                    format!("{folder}/{name}")
                };
                let id = entry.oid.to_owned();
                if entry.mode.is_tree() {
                    pending.push((path, id));
                } else if entry.mode.is_blob_or_symlink() {
                    let link = entry.mode.is_link();
                    files.insert(path, HeadEntry { id, link });
                }
            }
        }
        Ok(files)
    }

    fn commit(&self, id: ObjectId, files: Vec<String>) -> Result<Commit, HistoryError> {
        let mut buf = Vec::new();
        let commit = self
            .repo
            .objects
            .find_commit(&id, &mut buf)
            .map_err(failed("reading a commit"))?;
        let time = commit.time().map_err(failed("reading a commit's time"))?;
        let author = commit
            .author()
            .map_err(failed("reading a commit's author"))?;
        Ok(Commit {
            id: id.to_string(),
            time: time.seconds,
            offset_minutes: time.offset / 60,
            summary: commit.message().summary().to_str_lossy().into_owned(),
            author: author.trim().name.to_str_lossy().into_owned(),
            files,
        })
    }
}

/// The bytes git would store for `file` (a symlink's target for a link), read without
/// following a symlink; `None` when it cannot be what HEAD has.
fn worktree_blob(root: &Path, file: &str, link: bool) -> Option<Vec<u8>> {
    let path = inside(root, file)?;
    let meta = std::fs::symlink_metadata(&path).ok()?;
    if link {
        let target = std::fs::read_link(&path).ok()?;
        return gix::path::os_str_into_bstr(target.as_os_str())
            .ok()
            .map(|t| gix::path::to_unix_separators_on_windows(t).to_vec());
    }
    if !meta.file_type().is_file() || meta.len() > MAX_HASHED_SIZE {
        return None;
    }
    let mut bytes = Vec::new();
    open_no_follow(&path)
        .ok()?
        .take(MAX_HASHED_SIZE + 1)
        .read_to_end(&mut bytes)
        .ok()?;
    (bytes.len() as u64 <= MAX_HASHED_SIZE).then_some(bytes)
}

/// `root/file` when `file` is a plain relative path and no folder on the way is a
/// symlink (git never stores a path through one, and it could lead out of the root).
fn inside(root: &Path, file: &str) -> Option<PathBuf> {
    let mut path = root.to_path_buf();
    let mut names = file.split('/').peekable();
    while let Some(name) = names.next() {
        if name.is_empty() || name == "." || name == ".." || name.contains('\\') {
            return None;
        }
        path.push(name);
        if names.peek().is_some() && !std::fs::symlink_metadata(&path).ok()?.is_dir() {
            return None;
        }
    }
    Some(path)
}

/// Opens a file that was a regular file a moment ago; if it was swapped for a symlink or
/// a FIFO since, the open fails instead of following it or blocking.
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(prefix: Option<Vec<BString>>) -> Option<Vec<String>> {
        prefix.map(|p| p.iter().map(|n| n.to_string()).collect())
    }

    #[test]
    fn the_root_of_the_work_tree_has_an_empty_prefix() {
        assert_eq!(
            names(prefix(Path::new("/repo"), Path::new("/repo"))),
            Some(vec![])
        );
    }

    #[test]
    fn a_root_in_a_subfolder_is_found_by_its_folders() {
        assert_eq!(
            names(prefix(Path::new("/repo/docs/handbook"), Path::new("/repo"))),
            Some(vec!["docs".to_string(), "handbook".to_string()])
        );
    }

    #[test]
    fn a_root_outside_the_work_tree_has_no_prefix() {
        assert_eq!(
            names(prefix(Path::new("/elsewhere"), Path::new("/repo"))),
            None
        );
        assert_eq!(
            names(prefix(Path::new("/repository"), Path::new("/repo"))),
            None
        );
    }

    #[test]
    fn an_unreadable_history_becomes_a_warning() {
        let error = HistoryError {
            message: "reading a commit: not found".into(),
        };
        let diagnostic = crate::diagnostics::Diagnostic::from(error);
        assert!(!diagnostic.is_error());
        assert!(
            diagnostic
                .message
                .english()
                .contains("reading a commit: not found")
        );
    }

    #[test]
    fn queries_stay_inside_the_root() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("content")).unwrap();
        assert_eq!(
            inside(root.path(), "content/a.md"),
            Some(root.path().join("content/a.md"))
        );
        for bad in [
            "../a.md",
            "content/../../a.md",
            "/etc/passwd",
            "content//a.md",
            "",
        ] {
            assert_eq!(inside(root.path(), bad), None, "{bad}");
        }
        assert_eq!(inside(root.path(), "missing/a.md"), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_that_is_a_symlink_is_not_followed() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("a.md"), "x").unwrap();
        std::os::unix::fs::symlink(outside.path(), root.path().join("content")).unwrap();
        assert_eq!(inside(root.path(), "content/a.md"), None);
        assert_eq!(worktree_blob(root.path(), "content/a.md", false), None);
    }
}
