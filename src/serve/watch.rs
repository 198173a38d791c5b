//! Watching: which changes on disk matter, and what they ask the session to redo.
//!
//! The handbook folder itself is watched without its subfolders (it sees handbook.yaml
//! and `content/` or `themes/` appear, go or be replaced), and `content/` and `themes/`
//! with theirs. A folder's watch goes with the folder, so after every batch of events the
//! folders that exist again are watched again (`Watcher::changes`), before the rebuild
//! that batch starts: a save made during that rebuild is seen.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, FileIdCache, new_debouncer_opt};

use crate::build::Change;
use crate::content::is_ignored;

/// The folders of the handbook watched with everything in them.
const FOLDERS: [&str; 2] = [crate::content::CONTENT_DIR, "themes"];

/// What the watcher needs of a debouncer, native or polling.
trait Watches {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()>;
    fn unwatch(&mut self, path: &Path) -> notify::Result<()>;
}

impl<T: notify::Watcher, C: FileIdCache> Watches for Debouncer<T, C> {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        Debouncer::watch(self, path, mode)
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        Debouncer::unwatch(self, path)
    }
}

/// Watches a handbook and sends batches of file events to the serve loop.
pub struct Watcher {
    root: PathBuf,
    backend: Box<dyn Watches>,
    /// The folders of `FOLDERS` watched now.
    armed: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Watches `root` (absolute) with native file events, or by polling every `poll`
    /// where those are not available.
    pub fn start(
        root: &Path,
        debounce: Duration,
        poll: Duration,
        sender: Sender<DebounceEventResult>,
    ) -> Result<Watcher, String> {
        if let Ok(watcher) = Watcher::native(root, debounce, sender.clone()) {
            return Ok(watcher);
        }
        eprintln!(
            "note: native file events are not available here; watching by polling every {} ms",
            poll.as_millis()
        );
        Watcher::polling(root, debounce, poll, sender).map_err(|e| e.to_string())
    }

    fn native(
        root: &Path,
        debounce: Duration,
        sender: Sender<DebounceEventResult>,
    ) -> notify::Result<Watcher> {
        let debouncer = new_debouncer_opt::<_, RecommendedWatcher, _>(
            debounce,
            None,
            sender,
            notify_debouncer_full::RecommendedCache::new(),
            notify::Config::default(),
        )?;
        let mut watcher = Watcher::new(root, Box::new(debouncer));
        watcher.arm()?;
        Ok(watcher)
    }

    fn polling(
        root: &Path,
        debounce: Duration,
        poll: Duration,
        sender: Sender<DebounceEventResult>,
    ) -> notify::Result<Watcher> {
        let debouncer = new_debouncer_opt::<_, PollWatcher, _>(
            debounce,
            None,
            sender,
            notify_debouncer_full::NoCache,
            notify::Config::default().with_poll_interval(poll),
        )?;
        let mut watcher = Watcher::new(root, Box::new(debouncer));
        watcher.arm()?;
        Ok(watcher)
    }

    fn new(root: &Path, backend: Box<dyn Watches>) -> Watcher {
        Watcher {
            root: root.to_path_buf(),
            backend,
            armed: BTreeSet::new(),
        }
    }

    /// Watches the handbook folder and the folders of `FOLDERS` that exist.
    fn arm(&mut self) -> notify::Result<()> {
        self.backend
            .watch(&self.root, RecursiveMode::NonRecursive)?;
        for name in FOLDERS {
            let folder = self.root.join(name);
            if folder.is_dir() {
                self.backend.watch(&folder, RecursiveMode::Recursive)?;
                self.armed.insert(folder);
            }
        }
        Ok(())
    }

    /// Watches again each folder that an event names itself (made, removed, replaced)
    /// or that appeared, and forgets those that are gone; `all` re-arms every folder.
    fn rearm(&mut self, paths: &[PathBuf], all: bool) {
        for name in FOLDERS {
            let folder = self.root.join(name);
            let named = all || paths.contains(&folder);
            let exists = folder.is_dir();
            if self.armed.contains(&folder) && (named || !exists) {
                // Fails when the watch went with the folder: nothing to undo then.
                let _ = self.backend.unwatch(&folder);
                self.armed.remove(&folder);
            }
            if exists && !self.armed.contains(&folder) {
                match self.backend.watch(&folder, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.armed.insert(folder);
                    }
                    Err(error) => eprintln!("note: cannot watch {}: {error}", folder.display()),
                }
            }
        }
    }

    /// The change a batch of events asks for, after re-arming what the batch requires;
    /// events that overflowed or failed mean "everything".
    pub fn changes(&mut self, batch: DebounceEventResult, output: &Path) -> Option<Change> {
        let events = match batch {
            Ok(events) => events,
            Err(errors) => {
                eprintln!(
                    "note: file watching reported {} error(s); rebuilding everything",
                    errors.len()
                );
                self.rearm(&[], true);
                return Some(Change::Everything);
            }
        };
        if events.iter().any(|e| e.need_rescan()) {
            eprintln!("note: too many file events at once; rebuilding everything");
            self.rearm(&[], true);
            return Some(Change::Everything);
        }
        let paths: Vec<PathBuf> = events
            .iter()
            .filter(|e| !matches!(e.kind, notify::EventKind::Access(_)))
            .flat_map(|e| e.paths.iter().cloned())
            .collect();
        self.rearm(&paths, false);
        classify(&self.root, output, &paths)
    }
}

/// Turns the paths of one batch of file events into the work to do, or `None` when
/// nothing the build reads has changed (editor junk, the output folder).
pub fn classify(root: &Path, output: &Path, paths: &[PathBuf]) -> Option<Change> {
    let mut change: Option<Change> = None;
    for path in paths {
        let Some(this) = classify_one(root, output, path) else {
            continue;
        };
        change = Some(match (change, this) {
            (None, this) => this,
            (Some(Change::Pages(mut a)), Change::Pages(b)) => {
                for page in b {
                    if !a.contains(&page) {
                        a.push(page);
                    }
                }
                Change::Pages(a)
            }
            (Some(Change::Theme), Change::Theme) => Change::Theme,
            _ => Change::Everything,
        });
    }
    change
}

fn classify_one(root: &Path, output: &Path, path: &Path) -> Option<Change> {
    if path.starts_with(output) {
        return None;
    }
    let relative = path.strip_prefix(root).ok()?;
    if relative.components().any(|c| is_ignored(c.as_os_str())) {
        return None;
    }
    let text = relative.to_string_lossy().replace('\\', "/");
    if text == crate::config::CONFIG_FILE {
        return Some(Change::Everything);
    }
    if text == "themes" || text.starts_with("themes/") {
        return Some(Change::Theme);
    }
    if text == crate::content::CONTENT_DIR {
        return Some(Change::Everything);
    }
    let content = text.strip_prefix("content/")?;
    // An edited Markdown file can be re-read alone; a new or removed one, or any other
    // file (data, handouts, division.yaml), changes what exists: load everything.
    if content.ends_with(".md") && path.is_file() {
        Some(Change::Pages(vec![content.to_string()]))
    } else {
        Some(Change::Everything)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::{Receiver, channel};
    use std::time::Instant;

    /// Passes batches of events to the watcher (as the serve loop does) for at most
    /// `within`; whether one of them named `path`.
    fn sees(
        watcher: &mut Watcher,
        events: &Receiver<DebounceEventResult>,
        path: &Path,
        within: Duration,
    ) -> bool {
        let deadline = Instant::now() + within;
        let output = watcher.root.join("public");
        let mut seen = false;
        while let Ok(batch) =
            events.recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            if let Ok(events) = &batch {
                seen |= events.iter().any(|e| e.paths.iter().any(|p| p == path));
            }
            watcher.changes(batch, &output);
            if seen {
                return true;
            }
        }
        false
    }

    /// Writes new files into `folder` until the watcher reports one (the first ones may
    /// land before the folder is watched again); panics after 20 s.
    fn sees_a_new_file_in(
        watcher: &mut Watcher,
        events: &Receiver<DebounceEventResult>,
        folder: &str,
    ) {
        let started = Instant::now();
        for round in 0.. {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "nothing seen in {folder}"
            );
            let probe = watcher.root.join(folder).join(format!("probe-{round}.md"));
            std::fs::write(&probe, "x").unwrap();
            if sees(watcher, events, &probe, Duration::from_secs(1)) {
                return;
            }
        }
    }

    fn watches_folders_that_come_back(start: fn(&Path, Sender<DebounceEventResult>) -> Watcher) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("content/a.md"), "a").unwrap();
        let (sender, events) = channel();
        let mut watcher = start(&root, sender);
        sees_a_new_file_in(&mut watcher, &events, "content");
        std::fs::remove_dir_all(root.join("content")).unwrap();
        let content = root.join("content");
        assert!(sees(
            &mut watcher,
            &events,
            &content,
            Duration::from_secs(20)
        ));
        std::fs::create_dir(&content).unwrap();
        std::fs::create_dir(root.join("themes")).unwrap();
        sees_a_new_file_in(&mut watcher, &events, "content");
        sees_a_new_file_in(&mut watcher, &events, "themes");
    }

    #[test]
    fn native_watching_follows_folders_that_are_removed_and_made() {
        watches_folders_that_come_back(|root, sender| {
            Watcher::native(root, Duration::from_millis(20), sender).unwrap()
        });
    }

    #[test]
    fn polling_follows_folders_that_are_removed_and_made() {
        watches_folders_that_come_back(|root, sender| {
            let poll = Duration::from_millis(50);
            Watcher::polling(root, Duration::from_millis(20), poll, sender).unwrap()
        });
    }

    #[test]
    fn changes_are_sorted_into_kinds() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let output = root.join("public");
        let touch = |path: &str| {
            let full = root.join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(&full, "x").unwrap();
            full
        };
        let page = touch("content/experiences/01-a.md");
        let local = touch("content/divisions/privat/experiences/01-a.md");
        let template = touch("themes/default/templates/page.html");
        let config = touch("handbook.yaml");
        let data = touch("content/calendar.yaml");
        let handout = touch("content/handouts/a.pdf");
        let swap = touch("content/experiences/.01-a.md.swp");
        let backup = touch("content/experiences/01-a.md~");
        let built = touch("public/index.html");
        let removed = root.join("content/experiences/02-gone.md");
        let content = root.join("content");
        let themes = root.join("themes");
        let readme = touch("README.md");
        let cases: Vec<(Vec<&PathBuf>, Option<Change>)> = vec![
            (
                vec![&page],
                Some(Change::Pages(vec!["experiences/01-a.md".into()])),
            ),
            (
                vec![&page, &local],
                Some(Change::Pages(vec![
                    "experiences/01-a.md".into(),
                    "divisions/privat/experiences/01-a.md".into(),
                ])),
            ),
            (
                vec![&page, &page],
                Some(Change::Pages(vec!["experiences/01-a.md".into()])),
            ),
            (vec![&template], Some(Change::Theme)),
            (vec![&template, &page], Some(Change::Everything)),
            (vec![&config], Some(Change::Everything)),
            (vec![&data], Some(Change::Everything)),
            (vec![&handout], Some(Change::Everything)),
            (vec![&removed], Some(Change::Everything)),
            (vec![&content], Some(Change::Everything)),
            (vec![&themes], Some(Change::Theme)),
            (vec![&readme], None),
            (vec![&swap, &backup], None),
            (vec![&built], None),
            (
                vec![&swap, &page],
                Some(Change::Pages(vec!["experiences/01-a.md".into()])),
            ),
        ];
        for (paths, expected) in cases {
            let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
            assert_eq!(classify(root, &output, &paths), expected, "{paths:?}");
        }
    }
}
