//! Resolve: what changed in one division's site, from the handbook's git history (read
//! once per run, in `build`). Each file is mapped to the pages of this site it feeds: a
//! shared page the site shows, the division's own file, a data file behind a generated
//! page. A hidden or replaced shared page shows nothing of its file, and another
//! division's files feed nothing (but the stories it shares with everyone). The feed
//! lists those pages per commit, newest first; each page gets the date of its last change.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::content::HANDOUTS_DIR;
use crate::history::{Commit, History, Moment};

use super::{PageStatus, Site, Title};

/// A page of the site, as the change page and feed name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fed {
    /// Its key: a page's position (`experiences/03-x.md`), a generated page's key
    /// (`followup.yaml`, `handouts/`, `index.md`).
    pub key: String,
    pub title: Title,
    /// Site-relative.
    pub url: String,
}

/// One page changed by one commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub commit: String,
    pub moment: Moment,
    pub summary: String,
    pub author: String,
    pub page: Fed,
}

/// What changed in one site.
#[derive(Debug, Default)]
pub struct SiteChanges {
    /// The handbook has a git history (else the change page says there is none).
    pub has_history: bool,
    /// Newest first, at most the configured number.
    pub entries: Vec<Change>,
    /// Page key -> the day of the last commit that changed a file it shows.
    pub last_changed: BTreeMap<String, Date>,
}

/// Settles each site's changes from the history (none without one).
pub fn settle(sites: &mut [Site], history: Option<&History>, limit: usize) {
    for site in sites {
        let Some(history) = history else {
            site.changes = SiteChanges::default();
            continue;
        };
        let feeds = feeds(site);
        site.changes = SiteChanges {
            has_history: true,
            entries: entries(&feeds, history.commits(), limit),
            last_changed: last_changed(&feeds, |file| history.last_change_moment(file)),
        };
    }
}

/// Every file (relative to the handbook root) that this site shows something of, with
/// the pages it feeds.
pub fn feeds(site: &Site) -> BTreeMap<String, Vec<Fed>> {
    let mut feeds: BTreeMap<String, Vec<Fed>> = BTreeMap::new();
    let mut add = |file: &str, fed: Fed| {
        let pages = feeds.entry(file.to_string()).or_default();
        if !pages.contains(&fed) {
            pages.push(fed);
        }
    };
    for page in site.pages.values() {
        let fed = Fed {
            key: page.path.clone(),
            title: Title::Text(page.title.to_string()),
            url: page.url.clone(),
        };
        let files = match page.status {
            PageStatus::Shared => [page.shared_file, None],
            PageStatus::LocalSection => [page.shared_file, page.local_file],
            PageStatus::Replaced | PageStatus::LocalPage | PageStatus::SharedStory => {
                [page.local_file, None]
            }
        };
        for file in files.into_iter().flatten() {
            add(file, fed.clone());
        }
    }
    for (key, file) in data_files(site) {
        if let Some(page) = site.generated(key) {
            let fed = Fed {
                key: page.key.clone(),
                title: page.title.clone(),
                url: page.url.clone(),
            };
            add(file, fed);
        }
    }
    feeds
}

/// The files behind generated pages: the programme's data files (shared and the
/// division's), its settings (contacts on the front page) and the handouts.
fn data_files<'s>(site: &'s Site) -> Vec<(&'static str, &'s str)> {
    let division = site.division;
    let mut files = Vec::new();
    if let Some(followup) = &site.followup {
        files.push(("followup.yaml", followup.file));
        let notes = division.and_then(|d| d.followup_notes.as_ref());
        files.extend(notes.map(|n| ("followup.yaml", n.file.as_str())));
    }
    if let Some(calendar) = &site.calendar {
        files.push(("calendar.yaml", calendar.file));
        let local = division.and_then(|d| d.activities.as_ref());
        files.extend(local.map(|a| ("calendar.yaml", a.file.as_str())));
    }
    if let Some(case) = &site.business_case {
        files.push(("business-case.yaml", case.file));
    }
    if let Some(division) = division {
        files.push(("index.md", division.config.file.as_str()));
    }
    let handouts = format!("{HANDOUTS_DIR}/");
    files.extend(
        site.files
            .values()
            .filter(|f| f.path.starts_with(&handouts))
            .map(|f| ("handouts/", f.source)),
    );
    files
}

/// The pages each commit changed, newest first, at most `limit`; a page a commit
/// changed through two files (shared text and local section) is listed once.
pub fn entries(
    feeds: &BTreeMap<String, Vec<Fed>>,
    commits: &[Commit],
    limit: usize,
) -> Vec<Change> {
    let mut entries = Vec::new();
    for commit in commits {
        let mut pages: Vec<&Fed> = Vec::new();
        for fed in commit.files.iter().filter_map(|f| feeds.get(f)).flatten() {
            if !pages.iter().any(|p| p.key == fed.key) {
                pages.push(fed);
            }
        }
        for page in pages {
            if entries.len() == limit {
                return entries;
            }
            entries.push(Change {
                commit: commit.id.clone(),
                moment: Moment {
                    time: commit.time,
                    offset_minutes: commit.offset_minutes,
                },
                summary: commit.summary.clone(),
                author: commit.author.clone(),
                page: page.clone(),
            });
        }
    }
    entries
}

/// Each page's last change: the latest commit that changed any file it shows.
pub fn last_changed(
    feeds: &BTreeMap<String, Vec<Fed>>,
    last: impl Fn(&str) -> Option<Moment>,
) -> BTreeMap<String, Date> {
    let mut latest: BTreeMap<String, Moment> = BTreeMap::new();
    for (file, pages) in feeds {
        let Some(moment) = last(file) else {
            continue;
        };
        for page in pages {
            let entry = latest.entry(page.key.clone()).or_insert(moment);
            if moment.time > entry.time {
                *entry = moment;
            }
        }
    }
    latest
        .into_iter()
        .filter_map(|(key, moment)| Some((key, moment.date()?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Handbook, from_texts};
    use crate::diagnostics::Diagnostics;
    use crate::resolve::{ResolveOptions, sites};

    fn handbook() -> Handbook {
        let page = |title: &str| format!("---\ntitle: {title}\n---\nText.\n");
        let (handbook, problems) = from_texts(
            "title: T\n",
            &[
                ("index.md", &page("Forside")),
                ("a.md", &page("A")),
                ("b.md", &page("B")),
                ("c.md", &page("C")),
                ("d.md", &page("D")),
                (
                    "calendar.yaml",
                    "start: \"2027-01\"\nactivities:\n  - {month: \"2027-01\", title: X, channel: meeting}\n",
                ),
                ("handouts/h.pdf", "%PDF"),
                ("divisions/x/division.yaml", "name: X\nhide: [c.md]\n"),
                ("divisions/x/a.md", "Local section.\n"),
                (
                    "divisions/x/b.md",
                    "---\nreplace: true\ntitle: B of X\n---\nOwn.\n",
                ),
                ("divisions/x/own.md", &page("Own")),
                (
                    "divisions/x/calendar.yaml",
                    "activities:\n  - {month: \"2027-01\", title: Y, channel: meeting}\n",
                ),
                (
                    "divisions/x/stories/s.md",
                    "---\ntitle: S\nshare: true\n---\nStory.\n",
                ),
                (
                    "divisions/x/stories/p.md",
                    "---\ntitle: P\n---\nPrivate story.\n",
                ),
                ("divisions/y/division.yaml", "name: Y\n"),
                ("divisions/y/a.md", "Y's section.\n"),
            ],
        );
        let errors: Vec<_> = problems.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
        handbook
    }

    fn fed_keys(feeds: &BTreeMap<String, Vec<Fed>>, file: &str) -> Vec<String> {
        feeds
            .get(file)
            .map(|pages| pages.iter().map(|p| p.key.clone()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn each_file_feeds_the_pages_of_this_site_that_show_it() {
        let handbook = handbook();
        let mut diagnostics = Diagnostics::new();
        let sites = sites(&handbook, &ResolveOptions::default(), &mut diagnostics);
        let x = feeds(&sites[0]);
        let y = feeds(&sites[1]);
        let cases: [(&str, &[&str], &[&str]); 11] = [
            ("content/a.md", &["a.md"], &["a.md"]),
            ("content/divisions/x/a.md", &["a.md"], &[]),
            ("content/divisions/y/a.md", &[], &["a.md"]),
            // Replaced in x: the shared text is not shown there.
            ("content/b.md", &[], &["b.md"]),
            ("content/divisions/x/b.md", &["b.md"], &[]),
            // Hidden in x.
            ("content/c.md", &[], &["c.md"]),
            ("content/divisions/x/own.md", &["own.md"], &[]),
            (
                "content/calendar.yaml",
                &["calendar.yaml"],
                &["calendar.yaml"],
            ),
            ("content/divisions/x/calendar.yaml", &["calendar.yaml"], &[]),
            ("content/handouts/h.pdf", &["handouts/"], &["handouts/"]),
            ("content/divisions/x/division.yaml", &["index.md"], &[]),
        ];
        for (file, in_x, in_y) in cases {
            assert_eq!(fed_keys(&x, file), in_x, "{file} in x");
            assert_eq!(fed_keys(&y, file), in_y, "{file} in y");
        }
        assert_eq!(
            fed_keys(&y, "content/divisions/x/stories/s.md"),
            ["stories/x-s.md"],
            "a story x shares with everyone"
        );
        assert!(fed_keys(&y, "content/divisions/x/stories/p.md").is_empty());
        assert!(fed_keys(&x, "content/approvals.yaml").is_empty());
        assert!(fed_keys(&x, "handbook.yaml").is_empty());
    }

    fn commit(id: &str, time: i64, files: &[&str]) -> Commit {
        Commit {
            id: id.to_string(),
            time,
            offset_minutes: 60,
            summary: format!("Commit {id}"),
            author: "A".into(),
            files: files.iter().map(|f| f.to_string()).collect(),
        }
    }

    fn fed(key: &str) -> Fed {
        Fed {
            key: key.into(),
            title: Title::Text(key.into()),
            url: format!("{key}/"),
        }
    }

    #[test]
    fn entries_are_pages_per_commit_newest_first_and_bounded() {
        let feeds: BTreeMap<String, Vec<Fed>> = [
            ("s.md".to_string(), vec![fed("p")]),
            ("l.md".to_string(), vec![fed("p")]),
            ("q.md".to_string(), vec![fed("q")]),
        ]
        .into();
        let commits = [
            commit("3", 3000, &["other.md"]),
            commit("2", 2000, &["l.md", "q.md", "s.md"]),
            commit("1", 1000, &["s.md"]),
        ];
        let listed = |limit| -> Vec<(String, String)> {
            entries(&feeds, &commits, limit)
                .into_iter()
                .map(|c| (c.commit, c.page.key))
                .collect()
        };
        let pair = |c: &str, p: &str| (c.to_string(), p.to_string());
        assert_eq!(listed(10), [pair("2", "p"), pair("2", "q"), pair("1", "p")]);
        assert_eq!(listed(2), [pair("2", "p"), pair("2", "q")]);
        assert!(listed(0).is_empty());
    }

    #[test]
    fn a_page_was_last_changed_by_the_latest_of_its_files_on_the_committers_day() {
        let feeds: BTreeMap<String, Vec<Fed>> = [
            ("s.md".to_string(), vec![fed("p")]),
            ("l.md".to_string(), vec![fed("p")]),
            ("never.md".to_string(), vec![fed("n")]),
        ]
        .into();
        // 2027-01-31T23:30:00Z is already February 1st at +01:00.
        let last = |file: &str| match file {
            "s.md" => Some(Moment {
                time: 1_800_000_000,
                offset_minutes: 60,
            }),
            "l.md" => Some(Moment {
                time: 1_801_438_200,
                offset_minutes: 60,
            }),
            _ => None,
        };
        let dates = last_changed(&feeds, last);
        assert_eq!(
            dates.len(),
            1,
            "a page whose files were never committed has no date"
        );
        assert_eq!(dates["p"].to_string(), "2027-02-01");
    }
}
