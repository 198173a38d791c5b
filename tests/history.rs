//! The git history as `handbook` reads it (with gix): which commits changed which files,
//! when a file last changed, whether the working tree still has HEAD's bytes, and that
//! nothing a repository configures is ever run. The fixtures are made with the `git`
//! program; the code under test never runs it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Fixture;
use handbook::history::{History, HistoryLimit};

/// A repository made with the `git` program, isolated from the machine's configuration.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.git(&["init", "--quiet", "--initial-branch=main"]);
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str]) -> String {
        git_in(self.path(), args, 0)
    }

    fn write(&self, path: &str, text: &str) -> &Self {
        let target = self.path().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
        self
    }

    /// Commits everything in the working tree at `time` (unix seconds, +02:00).
    fn commit(&self, time: i64, message: &str) -> String {
        self.git(&["add", "--all"]);
        git_in(
            self.path(),
            &["commit", "--quiet", "--allow-empty", "-m", message],
            time,
        );
        self.git(&["rev-parse", "HEAD"]).trim().to_string()
    }

    fn read(&self, root: &str, limit: HistoryLimit) -> History {
        History::read(&self.path().join(root), limit)
            .expect("the history reads")
            .expect("there is a history")
    }
}

fn git_in(dir: &Path, args: &[&str], time: i64) -> String {
    let date = format!("@{time} +0200");
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("HOME", dir)
        .env("GIT_AUTHOR_NAME", "Ada Author")
        .env("GIT_AUTHOR_EMAIL", "ada@example.org")
        .env("GIT_COMMITTER_NAME", "Carl Committer")
        .env("GIT_COMMITTER_EMAIL", "carl@example.org")
        .env("GIT_AUTHOR_DATE", &date)
        .env("GIT_COMMITTER_DATE", &date)
        .output()
        .expect("the git program runs (tests make their fixtures with it)");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A handbook in `book/` beside a file outside it, with an addition, a modification, a
/// commit outside the handbook, a deletion, a merge and a rename.
fn story() -> Repo {
    let repo = Repo::new();
    repo.write("book/a.md", "a\n")
        .write("book/b.md", "b\n")
        .write("outside.txt", "o\n");
    repo.commit(1000, "Add a and b");
    repo.write("book/a.md", "a, changed\n");
    repo.commit(2000, "Change a");
    repo.write("outside.txt", "o, changed\n");
    repo.commit(3000, "Change outside the handbook");
    repo.git(&["checkout", "--quiet", "-b", "side"]);
    repo.write("book/c.md", "c\n");
    repo.commit(4000, "Add c on a branch");
    repo.git(&["checkout", "--quiet", "main"]);
    std::fs::remove_file(repo.path().join("book/b.md")).unwrap();
    repo.commit(5000, "Remove b");
    git_in(
        repo.path(),
        &[
            "merge",
            "--quiet",
            "--no-ff",
            "-m",
            "Merge side\n\nWith c.",
            "side",
        ],
        6000,
    );
    repo.git(&["mv", "book/a.md", "book/d.md"]);
    repo.commit(7000, "Rename a to d");
    repo
}

fn summaries(history: &History) -> Vec<(&str, i64, Vec<&str>)> {
    history
        .commits()
        .iter()
        .map(|c| {
            let files = c.files.iter().map(String::as_str).collect();
            (c.summary.as_str(), c.time, files)
        })
        .collect()
}

#[test]
fn commits_follow_first_parents_newest_first_with_the_files_each_changed() {
    let repo = story();
    let history = repo.read("book", HistoryLimit::default());
    assert_eq!(
        summaries(&history),
        [
            ("Rename a to d", 7000, vec!["a.md", "d.md"]),
            ("Merge side", 6000, vec!["c.md"]),
            ("Remove b", 5000, vec!["b.md"]),
            ("Change a", 2000, vec!["a.md"]),
            ("Add a and b", 1000, vec!["a.md", "b.md"]),
        ],
        "the branch's own commit and the commit outside the handbook are left out"
    );
    let newest = &history.commits()[0];
    assert_eq!(newest.id, repo.git(&["rev-parse", "HEAD"]).trim());
    assert_eq!(newest.offset_minutes, 120);
    assert_eq!(newest.author, "Ada Author");
    assert!(!history.is_truncated());
}

#[test]
fn last_change_is_the_time_of_the_last_commit_that_changed_the_file() {
    let history = story().read("book", HistoryLimit::default());
    assert_eq!(history.last_change("d.md"), Some(7000));
    assert_eq!(
        history.last_change("c.md"),
        Some(6000),
        "the merge brought it"
    );
    assert_eq!(history.last_change("b.md"), Some(5000));
    assert_eq!(history.last_change("a.md"), Some(7000), "renamed away");
    assert_eq!(history.last_change("never.md"), None);
    assert_eq!(history.last_change("../outside.txt"), None);
}

#[test]
fn the_repository_root_as_handbook_root_keeps_folders_in_paths() {
    let repo = story();
    let history = repo.read("", HistoryLimit::default());
    let files: Vec<&str> = history.commits()[3]
        .files
        .iter()
        .map(String::as_str)
        .collect();
    assert_eq!(history.commits()[3].summary, "Change outside the handbook");
    assert_eq!(files, ["outside.txt"]);
    assert_eq!(history.last_change("book/d.md"), Some(7000));
    assert_eq!(history.last_change("d.md"), None);
    assert!(!history.is_modified("book/d.md"));
}

#[test]
fn is_modified_compares_the_working_tree_bytes_with_head() {
    let repo = story();
    let history = repo.read("book", HistoryLimit::default());
    assert!(!history.is_modified("c.md"));
    assert!(!history.is_modified("d.md"));
    repo.write("book/d.md", "a, changed again\n");
    assert!(history.is_modified("d.md"), "edited");
    repo.write("book/d.md", "a, changed\n");
    assert!(
        !history.is_modified("d.md"),
        "edited back: the bytes decide"
    );
    repo.write("book/new.md", "n\n");
    assert!(history.is_modified("new.md"), "untracked");
    repo.git(&["add", "book/new.md"]);
    assert!(history.is_modified("new.md"), "staged, not committed");
    std::fs::remove_file(repo.path().join("book/c.md")).unwrap();
    assert!(history.is_modified("c.md"), "deleted");
    assert!(history.is_modified("../outside.txt"), "outside the root");
}

#[cfg(unix)]
#[test]
fn a_file_replaced_by_a_symlink_is_modified_and_not_followed() {
    let repo = story();
    let history = repo.read("book", HistoryLimit::default());
    let d = repo.path().join("book/d.md");
    std::fs::remove_file(&d).unwrap();
    std::os::unix::fs::symlink(repo.path().join("outside.txt"), &d).unwrap();
    assert!(history.is_modified("d.md"));
    std::fs::remove_file(&d).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &d).unwrap();
    assert!(
        history.is_modified("d.md"),
        "answers at once, reads nothing"
    );
}

#[cfg(unix)]
#[test]
fn a_committed_symlink_is_compared_by_its_target() {
    let repo = Repo::new();
    repo.write("a.md", "a\n");
    std::os::unix::fs::symlink("a.md", repo.path().join("link.md")).unwrap();
    repo.commit(1000, "Add a link");
    let history = repo.read("", HistoryLimit::default());
    assert!(!history.is_modified("link.md"));
    std::fs::remove_file(repo.path().join("link.md")).unwrap();
    std::os::unix::fs::symlink("b.md", repo.path().join("link.md")).unwrap();
    assert!(history.is_modified("link.md"));
}

#[test]
fn the_feed_keeps_at_most_its_bound_and_dates_every_file_at_head() {
    let limit = HistoryLimit {
        commits: 1,
        walk: 100,
    };
    let history = story().read("book", limit);
    assert_eq!(history.commits().len(), 1);
    assert_eq!(
        history.last_change("c.md"),
        Some(6000),
        "dated past the feed"
    );
    assert!(!history.is_truncated());
}

#[test]
fn the_walk_stops_at_its_bound_and_says_so() {
    let limit = HistoryLimit {
        commits: 100,
        walk: 1,
    };
    let history = story().read("book", limit);
    assert_eq!(
        summaries(&history),
        [("Rename a to d", 7000, vec!["a.md", "d.md"])]
    );
    assert!(history.is_truncated());
    assert_eq!(
        history.last_change("c.md"),
        Some(6000),
        "at most the time of the first commit not walked"
    );
}

#[test]
fn no_repository_or_no_commit_is_no_history() {
    let plain = tempfile::tempdir().unwrap();
    // A temporary folder may itself lie inside a repository (a developer's checkout of
    // /tmp is unlikely, but the answer must then be that repository's history).
    let inside = History::read(plain.path(), HistoryLimit::default()).unwrap();
    assert!(inside.is_none() || inside.unwrap().commits().is_empty());
    let empty = Repo::new();
    assert!(
        History::read(empty.path(), HistoryLimit::default())
            .unwrap()
            .is_none()
    );
}

#[test]
fn a_handbook_folder_never_committed_has_an_empty_history() {
    let repo = story();
    repo.write("new-book/a.md", "a\n");
    let history = repo.read("new-book", HistoryLimit::default());
    assert!(history.commits().is_empty());
    assert!(history.is_modified("a.md"));
    assert_eq!(history.last_change("a.md"), None);
}

#[test]
fn a_detached_head_is_read_like_a_branch() {
    let repo = story();
    repo.git(&["checkout", "--quiet", "--detach", "HEAD~1"]);
    let history = repo.read("book", HistoryLimit::default());
    assert_eq!(history.commits()[0].summary, "Merge side");
    assert_eq!(history.last_change("a.md"), Some(2000));
}

#[test]
fn a_shallow_clone_lists_no_changes_it_cannot_know() {
    let origin = story();
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", origin.path().display());
    let target = clone.path().join("c");
    git_in(
        clone.path(),
        &[
            "clone",
            "--quiet",
            "--depth",
            "2",
            &url,
            target.to_str().unwrap(),
        ],
        0,
    );
    let history = History::read(&target.join("book"), HistoryLimit::default())
        .unwrap()
        .unwrap();
    assert_eq!(
        summaries(&history),
        [("Rename a to d", 7000, vec!["a.md", "d.md"])],
        "the boundary commit's own changes are unknown"
    );
    assert!(history.is_truncated());
    assert_eq!(
        history.last_change("c.md"),
        Some(6000),
        "at most the boundary's time"
    );
}

#[test]
fn a_corrupt_repository_is_an_error_not_a_panic() {
    let repo = story();
    let first = repo.git(&["rev-list", "--max-parents=0", "HEAD"]);
    let first = first.trim();
    let object = repo
        .path()
        .join(".git/objects")
        .join(&first[..2])
        .join(&first[2..]);
    std::fs::remove_file(object).unwrap();
    let error = History::read(&repo.path().join("book"), HistoryLimit::default()).unwrap_err();
    assert!(error.message.contains("commit"), "{error}");
    std::fs::write(repo.path().join(".git/HEAD"), "garbage").unwrap();
    let read = History::read(&repo.path().join("book"), HistoryLimit::default());
    assert!(!matches!(read, Ok(Some(_))), "{read:?}");
}

/// Every way a repository can name a program for git to run, each to touch `pwned`.
fn arm(repo: &Path, pwned: &Path) {
    let touch = format!("touch {}", pwned.display());
    for (key, value) in [
        ("core.fsmonitor", touch.as_str()),
        ("core.sshCommand", &touch),
        ("core.pager", &touch),
        ("core.editor", &touch),
        ("core.hooksPath", ".git/hooks"),
        ("credential.helper", &format!("!{touch}")),
        ("filter.evil.clean", &touch),
        ("filter.evil.smudge", &touch),
        ("filter.evil.process", &touch),
        ("diff.external", &touch),
        ("gpg.program", &touch),
    ] {
        git_in(repo, &["config", key, value], 0);
    }
    std::fs::write(repo.join(".gitattributes"), "* filter=evil diff=evil\n").unwrap();
    let hooks = repo.join(".git/hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    for hook in [
        "fsmonitor-watchman",
        "post-checkout",
        "post-index-change",
        "reference-transaction",
        "pre-commit",
    ] {
        let path = hooks.join(hook);
        std::fs::write(&path, format!("#!/bin/sh\n{touch}\n")).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
}

#[test]
fn nothing_a_repository_configures_is_run_by_reading_its_history() {
    let repo = story();
    let trap = tempfile::tempdir().unwrap();
    let pwned = trap.path().join("pwned");
    arm(repo.path(), &pwned);
    repo.write("book/d.md", "edited\n");
    let history = repo.read("book", HistoryLimit::default());
    for file in ["c.md", "d.md", "missing.md", ".gitattributes"] {
        history.is_modified(file);
        history.last_change(file);
    }
    assert!(!pwned.exists(), "a configured program ran");
}

#[test]
fn nothing_a_repository_configures_is_run_by_a_build() {
    let fixture = Fixture::copy("divisions");
    let repo = fixture.root();
    git_in(repo, &["init", "--quiet", "--initial-branch=main"], 0);
    git_in(repo, &["add", "--all"], 0);
    git_in(repo, &["commit", "--quiet", "-m", "Handbook"], 1000);
    let trap = tempfile::tempdir().unwrap();
    let pwned = trap.path().join("pwned");
    arm(repo, &pwned);
    fixture.edit(
        "content/divisions/alfa/experiences/01-forste.md",
        "Vi starter i marts.",
        "Vi starter i april.",
    );
    let outcome = handbook::build::run(&settings(repo)).expect("the build runs");
    assert!(!outcome.diagnostics.iter().any(|d| d.is_error()));
    assert!(
        fixture.out().join("report/report.json").exists(),
        "the report was made"
    );
    assert!(!pwned.exists(), "a configured program ran");
}

fn settings(root: &Path) -> handbook::build::Settings {
    handbook::build::Settings {
        root: root.to_path_buf(),
        output: None,
        divisions: Vec::new(),
        drafts: false,
        strict: false,
        write: true,
        no_search: true,
        no_pdf: true,
        today: None,
    }
}

/// The divisions fixture committed as a repository: everything at `1000`, then the
/// shared page that Alfa's local section follows changed at `2000`.
fn committed_divisions() -> (Fixture, PathBuf) {
    let fixture = Fixture::copy("divisions");
    let repo = fixture.root().to_path_buf();
    git_in(&repo, &["init", "--quiet", "--initial-branch=main"], 0);
    git_in(&repo, &["add", "--all"], 0);
    git_in(&repo, &["commit", "--quiet", "-m", "Handbook"], 1000);
    fixture.edit(
        "content/experiences/01-forste.md",
        "Det fælles indhold",
        "Det fælles, nye indhold",
    );
    git_in(&repo, &["commit", "--quiet", "-am", "Shared page"], 2000);
    (fixture, repo)
}

fn stale(fixture: &Fixture, division: usize) -> serde_json::Value {
    handbook::build::run(&settings(fixture.root())).expect("the build runs");
    let report = std::fs::read_to_string(fixture.out().join("report/report.json")).unwrap();
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    report["divisions"][division]["stale"].clone()
}

#[test]
fn the_report_dates_committed_files_by_their_commits_not_their_file_times() {
    let (fixture, repo) = committed_divisions();
    // File times say the local section is the newer one; the commits say otherwise.
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(100);
    let shared = std::fs::File::options()
        .write(true)
        .open(repo.join("content/experiences/01-forste.md"))
        .unwrap();
    shared.set_modified(old).unwrap();
    assert_eq!(
        stale(&fixture, 0),
        serde_json::json!(["experiences/01-forste.md"])
    );
    // An uncommitted edit of the local section makes it newer than the shared page.
    fixture.edit(
        "content/divisions/alfa/experiences/01-forste.md",
        "Vi starter i marts.",
        "Vi starter i april.",
    );
    assert_eq!(stale(&fixture, 0), serde_json::json!([]));
}
