//! Stale local sections: after resolve, the local sections (and replaced pages) whose
//! shared page changed after the division wrote them. Each is a warning of the run and a
//! line of the report; both come from this one judgement, made once per run.
//!
//! When a file changed is its last commit when the handbook is a clean git checkout (file
//! times are meaningless after a clone), else its modification time.

use std::path::Path;

use crate::content::Handbook;
use crate::diagnostics::Diagnostic;
use crate::history::History;
use crate::messages::msg;
use crate::resolve::Site;

/// A division's text about a shared page that changed after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    pub division: String,
    /// The page's position in the merged tree (`experiences/03-x.md`).
    pub path: String,
    /// The division's file and the shared page's, relative to the handbook root.
    pub local_file: String,
    pub shared_file: String,
    /// When the shared page changed, in unix seconds.
    pub changed: i64,
}

impl Stale {
    /// The warning at the division's file, naming the shared page and when it changed.
    pub fn warning(&self) -> Diagnostic {
        Diagnostic::warning(msg!(
            "stale-local-section",
            shared = &self.shared_file,
            date = day(self.changed)
        ))
        .in_file(&self.local_file)
        .for_division(&self.division)
        .hint(msg!("stale-local-section-hint", shared = &self.shared_file))
    }
}

impl Stale {
    /// The day the shared page changed (UTC).
    pub fn day(&self) -> Option<jiff::civil::Date> {
        date(self.changed)
    }
}

fn date(seconds: i64) -> Option<jiff::civil::Date> {
    let time = jiff::Timestamp::from_second(seconds).ok()?;
    Some(time.to_zoned(jiff::tz::TimeZone::UTC).date())
}

/// The day of a unix time, `YYYY-MM-DD` (UTC).
fn day(seconds: i64) -> String {
    date(seconds).map_or_else(|| seconds.to_string(), |d| d.to_string())
}

/// Every stale local section or replacement of the divisions in `sites`.
/// `history` is the run's reading of the git history (`None` outside git).
pub fn local_sections(
    handbook: &Handbook,
    sites: &[Site],
    history: Option<&History>,
) -> Vec<Stale> {
    let divisions = sites.iter().filter(|s| s.id.is_some());
    let local: Vec<(&Site, &str, &str, &str)> = divisions
        .flat_map(|site| {
            site.pages.values().filter_map(move |page| {
                let shared = handbook.shared.pages.get(&page.path)?;
                Some((
                    site,
                    page.path.as_str(),
                    page.local_file?,
                    shared.file.as_str(),
                ))
            })
        })
        .collect();
    if local.is_empty() {
        return Vec::new();
    }
    let changes = LastChanges {
        root: &handbook.root,
        history,
    };
    local
        .into_iter()
        .filter_map(|(site, path, local_file, shared_file)| {
            let changed = changes.newer(shared_file, local_file)?;
            Some(Stale {
                division: site.id.unwrap_or_default().to_string(),
                path: path.to_string(),
                local_file: local_file.to_string(),
                shared_file: shared_file.to_string(),
                changed,
            })
        })
        .collect()
}

/// When each file last changed, and whether the time comes from git.
struct LastChanges<'a> {
    root: &'a Path,
    history: Option<&'a History>,
}

/// File times after a copy, an unzip or a checkout differ by moments, in whatever order
/// the files were written: outside git a shared page counts as changed after a local
/// section only when its file is more than this much newer.
const FILE_TIME_SLACK: i64 = 60;

impl LastChanges<'_> {
    /// The file's time and whether it is a commit's.
    fn time(&self, file: &str) -> Option<(i64, bool)> {
        if let Some(history) = self.history
            && !history.is_modified(file)
            && let Some(time) = history.last_change(file)
        {
            return Some((time, true));
        }
        let modified = std::fs::metadata(self.root.join(file))
            .and_then(|m| m.modified())
            .ok()?;
        let seconds = modified
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs();
        Some((i64::try_from(seconds).ok()?, false))
    }

    /// When `shared` changed, if that was after `local`.
    fn newer(&self, shared: &str, local: &str) -> Option<i64> {
        let (shared_time, shared_committed) = self.time(shared)?;
        let (local_time, local_committed) = self.time(local)?;
        let slack = if shared_committed && local_committed {
            0
        } else {
            FILE_TIME_SLACK
        };
        (shared_time > local_time + slack).then_some(shared_time)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_written_as_dates() {
        assert_eq!(day(0), "1970-01-01");
        assert_eq!(day(1_800_000_000), "2027-01-15");
    }
}
