//! A small driver for integration tests: copy a fixture handbook from
//! `tests/fixtures/` into a temporary folder, change it, run the `handbook` binary on
//! it, and look at the result with a real HTML parser.

#![allow(dead_code)] // each test file uses a different part of the driver

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::rc::Rc;

use scraper::{Html, Selector};

pub struct Fixture {
    /// Shared with every `Run`, so the output outlives a temporary `Fixture`.
    dir: Rc<tempfile::TempDir>,
}

impl Fixture {
    /// A copy of `tests/fixtures/<name>`.
    pub fn copy(name: &str) -> Fixture {
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        Self::copy_from(&source)
    }

    /// A copy of the shipped example handbook (`content/` and `handbook.yaml`).
    pub fn example() -> Fixture {
        let fixture = Fixture {
            dir: Rc::new(tempfile::tempdir().unwrap()),
        };
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_tree(&repo.join("content"), &fixture.root().join("content"));
        std::fs::copy(
            repo.join("handbook.yaml"),
            fixture.root().join("handbook.yaml"),
        )
        .unwrap();
        fixture
    }

    fn copy_from(source: &Path) -> Fixture {
        let fixture = Fixture {
            dir: Rc::new(tempfile::tempdir().unwrap()),
        };
        copy_tree(source, fixture.root());
        fixture
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes `text` to `path` (relative to the handbook root), creating folders.
    pub fn write(&self, path: &str, text: &str) -> &Self {
        self.write_bytes(path, text.as_bytes())
    }

    pub fn write_bytes(&self, path: &str, bytes: &[u8]) -> &Self {
        let target = self.root().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
        self
    }

    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.root().join(path)).unwrap()
    }

    pub fn remove(&self, path: &str) -> &Self {
        let target = self.root().join(path);
        if target.is_dir() {
            std::fs::remove_dir_all(target).unwrap();
        } else {
            std::fs::remove_file(target).unwrap();
        }
        self
    }

    /// Replaces `from` with `to` in a file; panics when `from` is not there.
    pub fn edit(&self, path: &str, from: &str, to: &str) -> &Self {
        let text = self.read(path);
        assert!(text.contains(from), "{path} does not contain {from:?}");
        self.write(path, &text.replacen(from, to, 1))
    }

    /// Runs `handbook <args> --root <fixture>`, with messages in English (`HANDBOOK_LANG`):
    /// the tests compare English texts; tests/messages.rs checks the Danish ones.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_handbook"))
            .env("HANDBOOK_LANG", "en")
            .args(args)
            .arg("--root")
            .arg(self.root())
            .output()
            .expect("the handbook binary runs");
        self.finished(output)
    }

    /// `handbook <args> --root <fixture>`, run in the fixture's folder (so relative paths
    /// in `args` are relative to it), to be given more settings and run by the test.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_handbook"));
        command
            .env("HANDBOOK_LANG", "en")
            .args(args)
            .arg("--root")
            .arg(self.root())
            .current_dir(self.root());
        command
    }

    /// The `Run` of a process this fixture's `command` made.
    pub fn finished(&self, output: std::process::Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            out: self.out(),
            _dir: self.dir.clone(),
        }
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The result of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub out: PathBuf,
    _dir: Rc<tempfile::TempDir>,
}

impl Run {
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(self.code, 0, "expected success; stderr:\n{}", self.stderr);
        self
    }

    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "expected exit {code}; stderr:\n{}\nstdout:\n{}",
            self.stderr, self.stdout
        );
        self
    }

    /// Asserts stderr has every one of `parts`.
    pub fn assert_stderr_has(&self, parts: &[&str]) -> &Self {
        for part in parts {
            assert!(
                self.stderr.contains(part),
                "stderr lacks {part:?}:\n{}",
                self.stderr
            );
        }
        self
    }

    /// The parsed HTML of an output file (path relative to the output folder).
    pub fn html(&self, path: &str) -> Html {
        let text =
            std::fs::read_to_string(self.out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        Html::parse_document(&text)
    }

    pub fn text(&self, path: &str) -> String {
        std::fs::read_to_string(self.out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    pub fn exists(&self, path: &str) -> bool {
        self.out.join(path).exists()
    }

    /// The diagnostics of a `--format json` run.
    pub fn json(&self) -> Vec<serde_json::Value> {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout))
    }
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// As `tree`, with gzip-compressed files (pagefind's index, metadata and fragments)
/// decompressed, so that a scan for text also reads the search data.
pub fn tree_decompressed(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(dir)
        .into_iter()
        .map(|(path, bytes)| {
            if !bytes.starts_with(&[0x1f, 0x8b]) {
                return (path, bytes);
            }
            let mut plain = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut plain)
                .unwrap_or_else(|e| panic!("{path} is not gzip: {e}"));
            (path, plain)
        })
        .collect()
}

pub fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
    html.select(&selector).collect()
}

pub fn text_of(element: &scraper::ElementRef) -> String {
    element.text().collect::<Vec<_>>().join("")
}

/// The text of `<main>` of an output page.
pub fn main_text(run: &Run, path: &str) -> String {
    let html = run.html(path);
    select(&html, "main").iter().map(text_of).collect()
}

/// Every relative `href`/`src` of every HTML file under `out`, as (file, target).
pub fn relative_links(out: &Path) -> Vec<(String, String)> {
    let mut links = Vec::new();
    for (path, bytes) in tree(out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = Html::parse_document(&String::from_utf8_lossy(&bytes));
        for element in select(&html, "[href], [src], form[action]") {
            for attribute in ["href", "src", "action"] {
                if let Some(value) = element.value().attr(attribute) {
                    links.push((path.clone(), value.to_string()));
                }
            }
        }
    }
    links
}

/// Whether a URL is relative (no scheme, not protocol-relative, not a bare fragment).
pub fn is_relative(url: &str) -> bool {
    let has_scheme = url.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    !has_scheme && !url.starts_with("//") && !url.starts_with('#')
}

/// The file a relative URL in `from` (relative to `out`) points at.
pub fn resolve(out: &Path, from: &str, url: &str) -> PathBuf {
    let path = url.split(['#', '?']).next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned();
    let base = Path::new(from).parent().unwrap_or(Path::new(""));
    let mut joined = out.join(base);
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                joined.pop();
            }
            other => joined.push(other),
        }
    }
    joined
}

/// Runs the `git` program in `dir` (tests make their repositories with it; `handbook`
/// itself never runs it), isolated from the machine's configuration, with author and
/// committer dates at `time` (unix seconds, +01:00).
pub fn git(dir: &Path, args: &[&str], time: i64) -> String {
    let date = format!("@{time} +0100");
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
