//! HR's approvals of the divisions' local implementation, after load. Each local item of
//! a division (a Markdown file, a data file, a handout) is approved, changed since its
//! approval, or unapproved, judged by the fingerprint of its bytes; `content/approvals.yaml`
//! is checked against the handbook; `handbook approve` records fingerprints in it. The
//! report and `handbook check --approvals` read the states.
//!
//! What counts as a local item: every Markdown file in the division's folder (local
//! sections, replaced pages, local pages, stories), its `calendar.yaml`, `followup.yaml`
//! and `business-case.yaml`, and its files under `handouts/`. Not `division.yaml` (who
//! the division is and its contacts, not its plan) and not other files such as images.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::content::approval::{APPROVALS_FILE, Approval};
use crate::content::{
    BUSINESS_CASE_FILE, CALENDAR_FILE, CONTENT_DIR, Division, FOLLOWUP_FILE, HANDOUTS_DIR, Handbook,
};
use crate::diagnostics::Diagnostic;
use crate::messages::{Message, msg};
use crate::yaml::Step;

/// How many hex digits a fingerprint has.
pub const FINGERPRINT_LENGTH: usize = 12;

/// The first 12 hex digits of the SHA-256 of `bytes`.
pub fn fingerprint(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(FINGERPRINT_LENGTH / 2)
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Whether `text` has a fingerprint's shape: 12 lower-case hex digits.
pub fn is_fingerprint(text: &str) -> bool {
    text.len() == FINGERPRINT_LENGTH
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A file of a division's local implementation.
#[derive(Debug, Clone)]
pub struct LocalItem {
    /// Its position in the merged tree (`experiences/05-faelles-sprog.md`, `calendar.yaml`).
    pub path: String,
    /// The file, relative to the handbook root.
    pub file: String,
    absolute: PathBuf,
}

/// Every local item of `division`, by path.
pub fn local_items(handbook: &Handbook, division: &Division) -> Vec<LocalItem> {
    let root = &handbook.root;
    let item = |path: &str, file: &str| LocalItem {
        path: path.to_string(),
        file: file.to_string(),
        absolute: root.join(file),
    };
    let mut items: Vec<LocalItem> = division
        .pages
        .values()
        .map(|page| item(&page.path, &page.file))
        .collect();
    let data = [
        (
            FOLLOWUP_FILE,
            division.followup_notes.as_ref().map(|d| &d.file),
        ),
        (CALENDAR_FILE, division.activities.as_ref().map(|d| &d.file)),
        (
            BUSINESS_CASE_FILE,
            division.business_case.as_ref().map(|d| &d.file),
        ),
    ];
    items.extend(
        data.into_iter()
            .filter_map(|(path, file)| Some(item(path, file?))),
    );
    items.extend(
        division
            .files
            .values()
            .filter(|f| f.path.starts_with(&format!("{HANDOUTS_DIR}/")))
            .map(|f| LocalItem {
                path: f.path.clone(),
                file: f.file.clone(),
                absolute: f.absolute.clone(),
            }),
    );
    items.sort_by(|a, b| a.path.cmp(&b.path));
    items
}

/// Where a local item stands with HR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    Approved,
    /// Approved once; the file has changed since.
    Changed,
    Unapproved,
}

impl State {
    pub fn id(self) -> &'static str {
        match self {
            State::Approved => "approved",
            State::Changed => "changed",
            State::Unapproved => "unapproved",
        }
    }
}

/// The state of an item with this approved fingerprint (if any) and these bytes now
/// (`None`: the file cannot be read, so it is not the approved one).
pub fn state(approved: Option<&str>, current: Option<&str>) -> State {
    match (approved, current) {
        (None, _) => State::Unapproved,
        (Some(approved), Some(current)) if approved == current => State::Approved,
        (Some(_), _) => State::Changed,
    }
}

/// One local item of one division, with its state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemState {
    pub division: String,
    pub path: String,
    pub file: String,
    pub state: State,
    /// Who approved it and when (also for an item changed since).
    pub approved_by: Option<String>,
    pub date: Option<Date>,
}

/// Every local item of every division with its state, by division then path.
pub fn states(handbook: &Handbook) -> Vec<ItemState> {
    let records = records(handbook);
    let items: Vec<(&Division, LocalItem)> = handbook
        .divisions
        .iter()
        .flat_map(|d| local_items(handbook, d).into_iter().map(move |i| (d, i)))
        .collect();
    items
        .into_par_iter()
        .map(|(division, item)| {
            let record = records.get(&(division.id.as_str(), item.path.as_str()));
            let current = current_fingerprint(&handbook.root, &item.absolute);
            ItemState {
                division: division.id.clone(),
                state: state(record.map(|r| r.fingerprint.as_str()), current.as_deref()),
                approved_by: record.map(|r| r.approved_by.clone()),
                date: record.and_then(|r| r.date.get()),
                path: item.path,
                file: item.file,
            }
        })
        .collect()
}

/// The states after an edit of the existing `files` (relative to the handbook root, as
/// `ItemState::file`): their items judged again from their bytes, the others as they
/// were (`content/approvals.yaml` and the set of items are as they were).
pub fn rejudge(handbook: &Handbook, last: &[ItemState], files: &[String]) -> Vec<ItemState> {
    let records = records(handbook);
    last.iter()
        .map(|item| {
            if !files.contains(&item.file) {
                return item.clone();
            }
            let record = records.get(&(item.division.as_str(), item.path.as_str()));
            let current = current_fingerprint(&handbook.root, &handbook.root.join(&item.file));
            ItemState {
                state: state(record.map(|r| r.fingerprint.as_str()), current.as_deref()),
                ..item.clone()
            }
        })
        .collect()
}

/// The approvals by (division, path); a repeated one is reported by `check`, the last wins.
fn records(handbook: &Handbook) -> BTreeMap<(&str, &str), &Approval> {
    handbook
        .shared
        .approvals
        .iter()
        .flat_map(|data| data.iter())
        .map(|a| ((a.division.as_str(), a.path.as_str()), a))
        .collect()
}

fn current_fingerprint(root: &Path, file: &Path) -> Option<String> {
    crate::source::read_source(file, root, crate::source::FILE_LIMIT)
        .ok()
        .map(|bytes| fingerprint(&bytes))
}

/// The problems of `content/approvals.yaml`: a division or a local item that does not
/// exist, a fingerprint or date of the wrong shape, an item approved twice.
pub fn check(handbook: &Handbook) -> Vec<Diagnostic> {
    let Some(data) = &handbook.shared.approvals else {
        return Vec::new();
    };
    let known: BTreeMap<&str, BTreeSet<String>> = handbook
        .divisions
        .iter()
        .map(|d| (d.id.as_str(), known_paths(handbook, d)))
        .collect();
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    for (index, approval) in data.iter().enumerate() {
        let at = |key| [Step::Index(index), Step::Key(key)];
        let error = |key, message: Message| data.error_at(&at(key), message);
        match known.get(approval.division.as_str()) {
            None => {
                let divisions: Vec<&str> = known.keys().copied().collect();
                problems.push(
                    error(
                        "division",
                        msg!("approval-not-a-division", division = &approval.division),
                    )
                    .hint(crate::yaml::suggest(&approval.division, &divisions)),
                );
            }
            Some(paths) if !paths.contains(&approval.path) => problems.push(
                error(
                    "path",
                    msg!(
                        "approval-not-local-item",
                        path = &approval.path,
                        division = &approval.division
                    ),
                )
                .hint(msg!(
                    "approval-not-local-item-hint",
                    suggestion = crate::content::suggest_path(&approval.path, paths.iter()),
                    division = &approval.division
                )),
            ),
            Some(_) if !seen.insert((&approval.division, &approval.path)) => problems.push(
                error(
                    "path",
                    msg!(
                        "approval-twice",
                        path = &approval.path,
                        division = &approval.division
                    ),
                )
                .hint(msg!("approval-twice-hint")),
            ),
            Some(_) => {}
        }
        problems.extend(shape_problems(approval, error));
    }
    problems
}

/// A fingerprint or a date of the wrong shape.
fn shape_problems(
    approval: &Approval,
    error: impl Fn(&'static str, Message) -> Diagnostic,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if !is_fingerprint(&approval.fingerprint) {
        problems.push(
            error(
                "fingerprint",
                msg!("approval-not-a-fingerprint", text = &approval.fingerprint),
            )
            .hint(msg!("approval-not-a-fingerprint-hint")),
        );
    }
    if let Some(text) = approval.date.invalid() {
        problems
            .push(error("date", msg!("not-a-date", text = text)).hint(msg!("approval-date-hint")));
    }
    problems
}

/// The paths an approval of `division` may name: its local items, and its files that
/// could not be read (their own errors are reported).
fn known_paths(handbook: &Handbook, division: &Division) -> BTreeSet<String> {
    local_items(handbook, division)
        .into_iter()
        .map(|item| item.path)
        .chain(division.unreadable.iter().cloned())
        .collect()
}

/// What `handbook approve` is asked to record.
#[derive(Debug, Clone)]
pub struct Request {
    pub division: String,
    pub by: String,
    /// Positions in the merged tree; every local item when empty.
    pub paths: Vec<String>,
    pub today: Date,
}

/// What `handbook approve` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The items whose fingerprints were recorded.
    pub approved: Vec<String>,
    /// Entries of the division for items that no longer exist, dropped when every item
    /// was approved.
    pub removed: Vec<String>,
    pub file: PathBuf,
}

/// Why `handbook approve` could not record.
#[derive(Debug)]
pub enum ApproveError {
    /// Bad arguments or an unwritable file: exit status 2.
    CannotRun(Message),
    /// approvals.yaml has errors; rewriting it would lose what it says: exit status 1.
    Content(Vec<Diagnostic>),
}

/// `handbook approve` in the handbook at `root`: loads it, refuses when approvals.yaml
/// has errors of its own (rewriting it would lose what it says), then records.
pub fn approve_in(root: &Path, request: &Request) -> Result<Recorded, ApproveError> {
    let config = match crate::config::load(root) {
        Ok(config) => config,
        Err(crate::config::ConfigError::Missing(message)) => {
            return Err(ApproveError::CannotRun(message));
        }
        Err(crate::config::ConfigError::Invalid(problems)) => {
            return Err(ApproveError::Content(problems));
        }
    };
    let mut diagnostics = crate::diagnostics::Diagnostics::new();
    let handbook = crate::content::load(root, config, &mut diagnostics);
    let own = format!("{CONTENT_DIR}/{APPROVALS_FILE}");
    let problems: Vec<Diagnostic> = diagnostics
        .into_sorted()
        .into_iter()
        .filter(|d| d.is_error() && d.file.as_deref() == Some(own.as_str()))
        .collect();
    if !problems.is_empty() {
        return Err(ApproveError::Content(problems));
    }
    approve(&handbook, request)
}

/// Records HR's approval of a division's local items (all of them, or those named) as
/// their current fingerprints, and rewrites `content/approvals.yaml`: sorted, one entry
/// per (division, path), other divisions' entries and the comments at the top kept.
pub fn approve(handbook: &Handbook, request: &Request) -> Result<Recorded, ApproveError> {
    let division = handbook
        .divisions
        .iter()
        .find(|d| d.id == request.division)
        .ok_or_else(|| ApproveError::CannotRun(unknown_division(handbook, &request.division)))?;
    let items = chosen_items(handbook, division, &request.paths)?;
    let mut entries: BTreeMap<(String, String), Entry> = existing_entries(handbook);
    let mut removed = Vec::new();
    if request.paths.is_empty() {
        let current: BTreeSet<&str> = items.iter().map(|i| i.path.as_str()).collect();
        entries.retain(|(id, path), _| {
            let keep = id != &division.id || current.contains(path.as_str());
            if !keep {
                removed.push(path.clone());
            }
            keep
        });
    }
    let mut approved = Vec::new();
    for item in items {
        let bytes =
            crate::source::read_source(&item.absolute, &handbook.root, crate::source::FILE_LIMIT)
                .map_err(|problem| ApproveError::Content(vec![problem.diagnostic(&item.file)]))?;
        let entry = Entry {
            division: division.id.clone(),
            path: item.path.clone(),
            approved_by: request.by.clone(),
            date: request.today.to_string(),
            fingerprint: fingerprint(&bytes),
        };
        entries.insert((division.id.clone(), item.path.clone()), entry);
        approved.push(item.path);
    }
    let file = handbook.root.join(CONTENT_DIR).join(APPROVALS_FILE);
    let header = header(&std::fs::read_to_string(&file).unwrap_or_default());
    write_atomically(&file, &render(&header, entries.values())).map_err(|e| {
        ApproveError::CannotRun(msg!(
            "approve-cannot-write",
            path = file.display().to_string(),
            detail = e.to_string()
        ))
    })?;
    Ok(Recorded {
        approved,
        removed,
        file,
    })
}

/// The refusal of a division the handbook does not have (`--division`), naming those it has.
pub fn unknown_division(handbook: &Handbook, id: &str) -> Message {
    let known: Vec<&str> = handbook.divisions.iter().map(|d| d.id.as_str()).collect();
    let known = if known.is_empty() {
        msg!("division-none-known")
    } else {
        msg!("division-known", divisions = known.join(", "))
    };
    msg!("division-unknown", id = id, known = known)
}

/// The items a request names (every one when it names none). A path may also be given
/// as the file (`content/divisions/<id>/<path>`).
fn chosen_items(
    handbook: &Handbook,
    division: &Division,
    paths: &[String],
) -> Result<Vec<LocalItem>, ApproveError> {
    let items = local_items(handbook, division);
    if paths.is_empty() {
        return Ok(items);
    }
    let prefix = format!("{CONTENT_DIR}/divisions/{}/", division.id);
    let mut chosen = Vec::new();
    for wanted in paths {
        let wanted = wanted.strip_prefix(&prefix).unwrap_or(wanted);
        match items.iter().find(|i| i.path == wanted) {
            Some(item) => chosen.push(item.clone()),
            None => {
                let known: Vec<&str> = items.iter().map(|i| i.path.as_str()).collect();
                return Err(ApproveError::CannotRun(msg!(
                    "approve-not-an-item",
                    path = wanted,
                    division = &division.id,
                    items = known.join(", "),
                    count = known.len()
                )));
            }
        }
    }
    Ok(chosen)
}

/// One entry of approvals.yaml as it is written.
#[derive(Debug, Clone)]
struct Entry {
    division: String,
    path: String,
    approved_by: String,
    date: String,
    fingerprint: String,
}

fn existing_entries(handbook: &Handbook) -> BTreeMap<(String, String), Entry> {
    records(handbook)
        .into_values()
        .map(|a| {
            let date = a
                .date
                .get()
                .map(|d| d.to_string())
                .or_else(|| a.date.invalid().map(str::to_string))
                .unwrap_or_default();
            let entry = Entry {
                division: a.division.clone(),
                path: a.path.clone(),
                approved_by: a.approved_by.clone(),
                date,
                fingerprint: a.fingerprint.clone(),
            };
            ((a.division.clone(), a.path.clone()), entry)
        })
        .collect()
}

const DEFAULT_HEADER: &str = "# HR's approvals of the divisions' local implementation, one entry per local item.\n# `handbook approve --division ID --by NAME` records them; see docs/content.md.\n";

/// The comment lines at the top of the file (or ours for a new file), which a rewrite keeps.
fn header(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .take_while(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        .collect();
    let comments: Vec<&str> = lines
        .iter()
        .copied()
        .skip_while(|l| l.trim().is_empty())
        .collect();
    let end = comments
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(0, |i| i + 1);
    if end == 0 {
        return DEFAULT_HEADER.to_string();
    }
    comments[..end].iter().map(|l| format!("{l}\n")).collect()
}

/// The file's text: the header, then the entries in the order given (sorted by the
/// caller), every value quoted so that no value changes its type.
fn render<'e>(header: &str, entries: impl Iterator<Item = &'e Entry>) -> String {
    let quote = |text: &str| serde_json::to_string(text).expect("a string always serializes");
    let mut out = String::from(header);
    out.push('\n');
    for e in entries {
        out.push_str(&format!(
            "- division: {}\n  path: {}\n  approved_by: {}\n  date: {}\n  fingerprint: {}\n",
            quote(&e.division),
            quote(&e.path),
            quote(&e.approved_by),
            quote(&e.date),
            quote(&e.fingerprint)
        ));
    }
    out
}

/// Writes beside the file (a hidden name the content walk skips) and renames it into
/// place, so that a failed write never leaves half a file.
fn write_atomically(file: &Path, text: &str) -> std::io::Result<()> {
    let folder = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let temporary = folder.join(format!(".{APPROVALS_FILE}.writing"));
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_is_the_start_of_the_sha256() {
        // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assert_eq!(fingerprint(b"abc"), "ba7816bf8f01");
        assert!(is_fingerprint(&fingerprint(b"")));
        for bad in [
            "ba7816bf8f0",
            "BA7816BF8F01",
            "ba7816bf8f01a",
            "ba7816bf8f0g",
        ] {
            assert!(!is_fingerprint(bad), "{bad}");
        }
    }

    #[test]
    fn an_item_is_approved_changed_or_unapproved() {
        assert_eq!(state(Some("aaa"), Some("aaa")), State::Approved);
        assert_eq!(state(Some("aaa"), Some("bbb")), State::Changed);
        assert_eq!(
            state(Some("aaa"), None),
            State::Changed,
            "gone or unreadable"
        );
        assert_eq!(state(None, Some("aaa")), State::Unapproved);
        assert_eq!(state(None, None), State::Unapproved);
    }

    fn handbook(approvals: &str) -> (Handbook, Vec<Diagnostic>) {
        crate::content::from_texts(
            "title: T\n",
            &[
                ("a.md", "---\ntitle: A\n---\n"),
                ("followup.yaml", "weeks:\n  - {week: 1, title: One}\n"),
                ("divisions/x/division.yaml", "name: X\n"),
                ("divisions/x/a.md", "Local.\n"),
                ("divisions/x/b.md", "---\ntitle: B\n---\n"),
                (
                    "divisions/x/followup.yaml",
                    "weeks:\n  - {week: 1, note: N}\n",
                ),
                ("divisions/x/handouts/h.pdf", "%PDF"),
                ("divisions/x/images/i.png", "png"),
                ("approvals.yaml", approvals),
            ],
        )
    }

    #[test]
    fn local_items_are_pages_data_files_and_handouts() {
        let (handbook, problems) = handbook("");
        assert!(problems.is_empty(), "{problems:?}");
        let items: Vec<String> = local_items(&handbook, &handbook.divisions[0])
            .into_iter()
            .map(|i| i.path)
            .collect();
        assert_eq!(items, ["a.md", "b.md", "followup.yaml", "handouts/h.pdf"]);
    }

    #[test]
    fn approvals_yaml_is_checked_against_the_handbook() {
        let good = "  approved_by: HR\n  date: \"2027-01-01\"\n  fingerprint: abcdefabcdef\n";
        let text = format!(
            "# HR\n- division: x\n  path: a.md\n{good}- division: y\n  path: a.md\n{good}- division: x\n  path: c.md\n{good}- division: x\n  path: a.md\n  approved_by: HR\n  date: \"2027-13-01\"\n  fingerprint: ABC\n"
        );
        let (handbook, problems) = handbook(&text);
        assert!(problems.is_empty(), "{problems:?}");
        let found: Vec<(usize, String)> = check(&handbook)
            .into_iter()
            .map(|d| {
                assert_eq!(d.file.as_deref(), Some("content/approvals.yaml"));
                (d.line, d.message.english())
            })
            .collect();
        assert_eq!(
            found,
            [
                (7, "`y` is not a division".to_string()),
                (13, "`c.md` is not a local item of division `x`".to_string()),
                (18, "`a.md` of division `x` is approved twice".to_string()),
                (21, "`ABC` is not a fingerprint".to_string()),
                (20, "`2027-13-01` is not a date".to_string()),
            ]
        );
    }

    #[test]
    fn the_header_comments_are_kept_and_entries_quoted() {
        assert_eq!(
            header("# Ours\n#\n# More\n\n- division: x\n"),
            "# Ours\n#\n# More\n"
        );
        assert_eq!(header("\n\n# After blank lines\n"), "# After blank lines\n");
        assert_eq!(header("- division: x\n"), DEFAULT_HEADER);
        let entry = Entry {
            division: "x".into(),
            path: "a.md".into(),
            approved_by: "Hanne: \"HR\"".into(),
            date: "2027-01-01".into(),
            fingerprint: "012345678901".into(),
        };
        let text = render("# H\n", [&entry].into_iter());
        let parsed = crate::content::approval::parse(text, "a.yaml").unwrap();
        assert_eq!(parsed[0].approved_by, "Hanne: \"HR\"");
        assert_eq!(
            parsed[0].fingerprint, "012345678901",
            "not read as a number"
        );
    }
}
