//! Times reading a handbook's git history (`handbook::history`) and asking it about every
//! file under the root, as the report and the change feeds do. `bench/history.sh` makes
//! a repository to run it on.
//!
//!     cargo run --release --example history-walk -- /tmp/handbook-history/repo/handbook

use std::path::{Path, PathBuf};
use std::time::Instant;

use handbook::history::{History, HistoryLimit};

fn main() {
    let root = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    let runs = 5;
    let mut best = f64::MAX;
    let mut history = None;
    for _ in 0..runs {
        let start = Instant::now();
        let read = History::read(&root, HistoryLimit::default()).expect("the history reads");
        best = best.min(start.elapsed().as_secs_f64());
        history = read;
    }
    let Some(history) = history else {
        println!("{}: no git history", root.display());
        return;
    };
    let files = files(&root);
    let start = Instant::now();
    let dated = files
        .iter()
        .filter(|f| history.last_change(f).is_some())
        .count();
    let modified = files.iter().filter(|f| history.is_modified(f)).count();
    let queries = start.elapsed().as_secs_f64();
    println!(
        "read: {:.0} ms (best of {runs}); {} commits in the feed, truncated: {}",
        best * 1000.0,
        history.commits().len(),
        history.is_truncated()
    );
    println!(
        "queries: {:.0} ms for {} files ({dated} dated, {modified} modified)",
        queries * 1000.0,
        files.len()
    );
}

/// Every file under the root outside `.git`, relative to the root with `/`.
fn files(root: &Path) -> Vec<String> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| e.file_name() != ".git")
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let relative = e.path().strip_prefix(root).ok()?;
            let names: Vec<_> = relative.iter().map(|n| n.to_str()).collect::<Option<_>>()?;
            Some(names.join("/"))
        })
        .collect()
}
