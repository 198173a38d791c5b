//! Watching: which changes on disk matter, and what they ask the session to redo.

use std::path::{Path, PathBuf};

use crate::build::Change;
use crate::content::is_ignored;

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
    if text.starts_with("themes/") {
        return Some(Change::Theme);
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
