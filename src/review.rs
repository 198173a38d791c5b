//! Review dates: after load, each shared page's `review_by` is judged against the run's
//! date. A page past its date is a warning naming the page and its owner; pages due soon
//! are only listed, in the report for HR. The run's date is decided here, once.

use jiff::civil::Date;
use serde::Serialize;

use crate::content::Handbook;
use crate::content::page::Page;
use crate::diagnostics::Diagnostic;
use crate::messages::{Message, msg};
use crate::yaml::Step;

/// A page due within this many days is listed as due soon.
pub const SOON_DAYS: i32 = 30;

/// The date a run judges review dates by: `--today`, else `SOURCE_DATE_EPOCH` (read in
/// UTC, so that a reproducible build gets one date wherever it runs), else the clock's
/// local date. A malformed `SOURCE_DATE_EPOCH` is an error: the build asked to be
/// reproducible and cannot be.
pub fn today(flag: Option<Date>) -> Result<Date, Message> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    today_from(flag, epoch.as_deref(), || jiff::Zoned::now().date())
}

fn today_from(
    flag: Option<Date>,
    epoch: Option<&str>,
    clock: impl FnOnce() -> Date,
) -> Result<Date, Message> {
    if let Some(date) = flag {
        return Ok(date);
    }
    match epoch.map(str::trim).filter(|e| !e.is_empty()) {
        Some(text) => {
            let seconds: i64 = text.parse().map_err(|_| bad_epoch(text))?;
            let at = jiff::Timestamp::from_second(seconds).map_err(|_| bad_epoch(text))?;
            Ok(at.to_zoned(jiff::tz::TimeZone::UTC).date())
        }
        None => Ok(clock()),
    }
}

fn bad_epoch(text: &str) -> Message {
    msg!("today-bad-epoch", text = text)
}

/// Whether a review date has passed or is near.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewState {
    Overdue,
    Soon,
}

/// A shared page that is due for review, or soon will be.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    pub path: String,
    pub title: String,
    pub owner: Option<String>,
    pub review_by: Date,
    pub state: ReviewState,
}

/// How a page's review date stands on `today`; `None` when it is more than
/// [`SOON_DAYS`] away.
pub fn judge(review_by: Date, today: Date) -> Option<ReviewState> {
    if review_by < today {
        return Some(ReviewState::Overdue);
    }
    let soon = today.checked_add(jiff::Span::new().days(SOON_DAYS)).ok()?;
    (review_by <= soon).then_some(ReviewState::Soon)
}

/// Every shared page due for review, by owner then date, and a warning for each page
/// that is overdue. Drafts count only when they are built.
pub fn reviews(handbook: &Handbook, today: Date, drafts: bool) -> (Vec<Review>, Vec<Diagnostic>) {
    let mut reviews = Vec::new();
    let mut warnings = Vec::new();
    for (path, page) in &handbook.shared.pages {
        if page.is_draft() && !drafts {
            continue;
        }
        let Some(review_by) = page.meta.review_by.as_ref().and_then(|d| d.get()) else {
            continue;
        };
        let Some(state) = judge(review_by, today) else {
            continue;
        };
        if state == ReviewState::Overdue {
            warnings.push(overdue(page, review_by));
        }
        reviews.push(Review {
            path: path.clone(),
            title: page.title().unwrap_or(path).to_string(),
            owner: page.meta.owner.clone(),
            review_by,
            state,
        });
    }
    reviews.sort_by(|a, b| (&a.owner, a.review_by, &a.path).cmp(&(&b.owner, b.review_by, &b.path)));
    (reviews, warnings)
}

fn overdue(page: &Page, review_by: Date) -> Diagnostic {
    let (message, hint) = match &page.meta.owner {
        Some(owner) => (
            msg!(
                "review-overdue",
                page = &page.path,
                date = review_by.to_string(),
                owner = owner
            ),
            msg!("review-overdue-hint"),
        ),
        None => (
            msg!(
                "review-overdue-no-owner",
                page = &page.path,
                date = review_by.to_string()
            ),
            msg!("review-overdue-no-owner-hint"),
        ),
    };
    Diagnostic::warning(message)
        .in_file(&page.file)
        .at(page.position_of(&[Step::Key("review_by")]))
        .hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn never() -> Date {
        panic!("the clock is not read when a date is given")
    }

    #[test]
    fn the_flag_wins_then_source_date_epoch_then_the_clock() {
        let flag = Some(date("2027-01-15"));
        assert_eq!(today_from(flag, Some("0"), never), Ok(date("2027-01-15")));
        // 2027-01-15T23:30:00Z: the date in UTC, wherever the build runs.
        assert_eq!(
            today_from(None, Some("1800055800"), never),
            Ok(date("2027-01-15"))
        );
        assert_eq!(
            today_from(None, None, || date("2030-06-01")),
            Ok(date("2030-06-01"))
        );
        assert_eq!(
            today_from(None, Some(" "), || date("2030-06-01")),
            Ok(date("2030-06-01")),
            "an empty SOURCE_DATE_EPOCH is unset"
        );
    }

    #[test]
    fn a_malformed_source_date_epoch_is_refused() {
        for bad in ["yesterday", "1.5", "99999999999999999999"] {
            let error = today_from(None, Some(bad), never).unwrap_err();
            assert!(error.contains("SOURCE_DATE_EPOCH"), "{error}");
        }
    }

    #[test]
    fn a_date_before_today_is_overdue_and_one_within_thirty_days_is_soon() {
        let today = date("2027-03-01");
        assert_eq!(judge(date("2027-02-28"), today), Some(ReviewState::Overdue));
        assert_eq!(judge(date("2027-03-01"), today), Some(ReviewState::Soon));
        assert_eq!(judge(date("2027-03-31"), today), Some(ReviewState::Soon));
        assert_eq!(judge(date("2027-04-01"), today), None);
    }

    #[test]
    fn overdue_pages_are_warnings_naming_page_and_owner() {
        let (handbook, problems) = crate::content::from_texts(
            "title: T\n",
            &[
                (
                    "a.md",
                    "---\ntitle: A\nowner: Hanne HR\nreview_by: \"2027-01-01\"\n---\n",
                ),
                ("b.md", "---\ntitle: B\nreview_by: \"2027-03-10\"\n---\n"),
                ("c.md", "---\ntitle: C\nreview_by: \"2028-01-01\"\n---\n"),
                (
                    "d.md",
                    "---\ntitle: D\ndraft: true\nreview_by: \"2020-01-01\"\n---\n",
                ),
            ],
        );
        assert!(problems.is_empty(), "{problems:?}");
        let (reviews, warnings) = reviews(&handbook, date("2027-03-01"), false);
        let listed: Vec<(&str, ReviewState)> =
            reviews.iter().map(|r| (r.path.as_str(), r.state)).collect();
        assert_eq!(
            listed,
            [("b.md", ReviewState::Soon), ("a.md", ReviewState::Overdue)],
            "pages without an owner first, then by owner"
        );
        assert_eq!(warnings.len(), 1);
        let warning = &warnings[0];
        assert!(!warning.is_error());
        assert_eq!(warning.file.as_deref(), Some("content/a.md"));
        assert_eq!(warning.line, 4, "at the review_by line");
        assert!(
            warning.message.english().contains("`a.md`"),
            "{}",
            warning.message
        );
        assert!(
            warning.message.english().contains("Hanne HR"),
            "{}",
            warning.message
        );
    }

    #[test]
    fn owner_and_review_by_are_for_shared_pages_only() {
        let (_, problems) = crate::content::from_texts(
            "title: T\n",
            &[
                ("a.md", "---\ntitle: A\n---\n"),
                ("divisions/x/division.yaml", "name: X\n"),
                (
                    "divisions/x/a.md",
                    "---\nowner: Xavier\nreview_by: \"2027-01-01\"\n---\nLocal.\n",
                ),
                ("b.md", "---\ntitle: B\nreview_by: soon\n---\n"),
            ],
        );
        let owned: Vec<(&str, usize, String)> = problems
            .iter()
            .map(|d| (d.file.as_deref().unwrap_or(""), d.line, d.message.english()))
            .collect();
        let messages: Vec<(&str, usize, &str)> =
            owned.iter().map(|(f, l, m)| (*f, *l, m.as_str())).collect();
        assert!(
            messages.contains(&("content/b.md", 3, "`soon` is not a date")),
            "{messages:?}"
        );
        for (line, key) in [(2, "owner"), (3, "review_by")] {
            let message = format!("`{key}` is only for shared pages, not a division's files");
            assert!(
                messages.contains(&("content/divisions/x/a.md", line, message.as_str())),
                "{messages:?}"
            );
        }
    }
}
