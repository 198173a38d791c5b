//! iCalendar files: `calendar.ics` (the marketing plan) and `followup.ics` (the weeks,
//! when the division has a start date). The one module that writes iCalendar (RFC 5545):
//! every text that reaches a property goes through `escape_text`, and every line through
//! `fold`, so no name or title can end a line, add a property or add an event.
//!
//! Every event is all-day; UIDs are built from what the event is (its date and title,
//! and whose it is), so a re-import updates events instead of duplicating them, and two
//! builds write the same bytes. Every event links to its place on the site: the
//! calendar's month, the follow-up week and its meeting pack. With `base_url` the links
//! are absolute (and the event gets a `URL`); without it the description names the path
//! within the division's site (`followup/#week-5`), which is all a calendar file can say.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::resolve::{LinkTarget, Site, SiteActivity, SiteText, SiteWeek};
use crate::urls::{self, slug_segment};

use super::calendar::channel;
use super::context::SiteContext;

/// A fixed DTSTAMP: the files must not change from build to build.
const STAMP: &str = "20000101T000000Z";

/// The longest line, in octets, without its line break (RFC 5545 3.1).
const LINE_LIMIT: usize = 75;

/// Escapes a TEXT value (RFC 5545 3.3.11): backslash, `;` and `,` get a backslash, a line
/// break (LF, CRLF or a lone CR) becomes `\n`, and other control characters are dropped
/// (a tab stays: TEXT allows it).
pub fn escape_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => escaped.push_str("\\n"),
            '\t' => escaped.push('\t'),
            c if c.is_control() => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// Folds a content line into lines of at most 75 octets; each continuation starts with
/// a space, which counts. A UTF-8 character is never split, and a folded line never
/// ends with a space or tab: some readers trim line ends before unfolding.
pub fn fold(line: &str) -> String {
    let mut folded = String::with_capacity(line.len() + line.len() / 24);
    let mut start = 0;
    let mut limit = LINE_LIMIT;
    while line.len() - start > limit {
        let mut end = start + limit;
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        let kept = line[start..end].trim_end_matches([' ', '\t']).len();
        if kept > 0 {
            end = start + kept;
        }
        folded.push_str(&line[start..end]);
        folded.push_str("\r\n ");
        start = end;
        limit = LINE_LIMIT - 1;
    }
    folded.push_str(&line[start..]);
    folded
}

/// One iCalendar file being written. Property names are fixed strings of this module;
/// values reach the file only through `text` (escaped) or `value` (our own dates, URIs
/// and words, with control characters dropped all the same).
#[derive(Default)]
struct Ics {
    text: String,
}

impl Ics {
    fn text(&mut self, name: &'static str, value: &str) -> &mut Self {
        self.line(name, &escape_text(value))
    }

    fn value(&mut self, name: &'static str, value: &str) -> &mut Self {
        let value: String = value.chars().filter(|c| !c.is_control()).collect();
        self.line(name, &value)
    }

    fn line(&mut self, name: &str, value: &str) -> &mut Self {
        self.text.push_str(&fold(&format!("{name}:{value}")));
        self.text.push_str("\r\n");
        self
    }
}

fn date_value(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// Where the site lives, when handbook.yaml says so with an http(s) URL that can stand in
/// a calendar as it is.
fn absolute_base(site: &Site) -> Option<String> {
    let base = site.base_url?.trim_end_matches('/');
    let web = base.starts_with("https://") || base.starts_with("http://");
    (web && base.chars().all(|c| c.is_ascii_graphic())).then(|| format!("{base}/"))
}

/// A place on the division's site, as a calendar can link to it.
struct Link {
    href: String,
    absolute: bool,
}

fn link(site: &Site, path: &str) -> Link {
    match absolute_base(site) {
        Some(base) => Link {
            href: format!("{base}{}{path}", site.prefix),
            absolute: true,
        },
        None => Link {
            href: path.to_string(),
            absolute: false,
        },
    }
}

/// A data file's inline text without markup; where the site's address is known, each
/// link's address follows its words (a calendar cannot link a word).
fn plain(site: &Site, text: &SiteText) -> String {
    let base = absolute_base(site);
    let addresses: Vec<Option<String>> = text
        .links
        .iter()
        .map(|target| match (target, &base) {
            (LinkTarget::To { url, fragment, .. }, Some(base)) => {
                let fragment = match fragment.is_empty() {
                    true => String::new(),
                    false => format!("#{fragment}"),
                };
                Some(format!("{base}{}{url}{fragment}", site.prefix))
            }
            _ => None,
        })
        .collect();
    text.text.inline.plain(&addresses)
}

/// What one event says; `write` gives every event the same properties in the same order.
struct EventText {
    uid: String,
    summary: String,
    first: Date,
    last_inclusive: Date,
    description: Vec<String>,
    categories: Option<String>,
    page: Link,
}

impl EventText {
    fn write(&self, ics: &mut Ics) {
        let end = self
            .last_inclusive
            .tomorrow()
            .unwrap_or(self.last_inclusive);
        ics.value("BEGIN", "VEVENT")
            .text("UID", &self.uid)
            .value("DTSTAMP", STAMP)
            .value("DTSTART;VALUE=DATE", &date_value(self.first))
            .value("DTEND;VALUE=DATE", &date_value(end))
            .text("SUMMARY", &self.summary)
            .text("DESCRIPTION", &self.description.join("\n"));
        if let Some(categories) = &self.categories {
            ics.text("CATEGORIES", categories);
        }
        if self.page.absolute {
            ics.value("URL", &self.page.href);
        }
        ics.value("END", "VEVENT");
    }
}

/// Makes UIDs unique within one file while keeping them readable and stable.
#[derive(Default)]
struct Uids {
    used: BTreeMap<String, usize>,
}

impl Uids {
    fn make(&mut self, base: &str, domain: &str) -> String {
        let count = self.used.entry(base.to_string()).or_default();
        *count += 1;
        let base = if *count == 1 {
            base.to_string()
        } else {
            format!("{base}-{count}")
        };
        format!("{base}@{domain}")
    }
}

fn domain(site: &Site) -> String {
    let slug = slug_segment(site.title);
    let handbook = slug
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    match site.id {
        Some(id) => format!("{id}.{handbook}.handbook"),
        None => format!("{handbook}.handbook"),
    }
}

fn new_calendar(site: &Site, name: &str) -> Ics {
    let name = format!("{name} · {}", site.name);
    let mut ics = Ics::default();
    ics.value("BEGIN", "VCALENDAR")
        .value("VERSION", "2.0")
        .value("PRODID", "-//handbook//programme handbook//EN")
        .value("CALSCALE", "GREGORIAN")
        .text("NAME", &name)
        .text("X-WR-CALNAME", &name);
    ics
}

fn finish(mut ics: Ics) -> String {
    ics.value("END", "VCALENDAR");
    ics.text
}

/// The marketing calendar: an activity with a date is that day, one with a month
/// spans the month.
pub fn calendar(sc: &SiteContext) -> Option<String> {
    let site = sc.site;
    let plan = site.calendar.as_ref()?;
    let title = plan
        .title
        .map_or_else(|| sc.label("calendar"), str::to_string);
    let mut ics = new_calendar(site, &title);
    let mut uids = Uids::default();
    let domain = domain(site);
    for activity in &plan.activities {
        let month = activity.month;
        let (first, last_inclusive) = match activity.date {
            Some(date) => (date, date),
            None => (month.first_day(), month.last_day()),
        };
        let owner = if activity.local {
            site.id.unwrap_or("shared")
        } else {
            "shared"
        };
        let when = activity
            .date
            .map_or_else(|| month.to_string(), |d| d.to_string());
        // The calendar page has an anchor for each month of the plan.
        let page = match plan.months.contains(&month) {
            true => link(site, &format!("calendar/#{month}")),
            false => link(site, "calendar/"),
        };
        let mut description = activity_description(sc, activity);
        description.push(format!("{}: {}", sc.label("calendar"), page.href));
        EventText {
            uid: uids.make(
                &format!("{when}-{}-{owner}", slug_segment(activity.title)),
                &domain,
            ),
            summary: activity.title.to_string(),
            first,
            last_inclusive,
            description,
            categories: Some(channel(sc, activity).name),
            page,
        }
        .write(&mut ics);
    }
    Some(finish(ics))
}

fn activity_description(sc: &SiteContext, activity: &SiteActivity) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(description) = &activity.description {
        lines.push(plain(sc.site, description));
    }
    lines.push(format!(
        "{}: {}",
        sc.label("channel"),
        channel(sc, activity).name
    ));
    if let Some(owner) = activity.owner {
        lines.push(format!("{}: {owner}", sc.label("owner")));
    }
    if let Some(campaign) = activity.campaign {
        lines.push(format!("{}: {campaign}", sc.label("campaign")));
    }
    if !activity.experiences.is_empty() {
        let numbers: Vec<String> = activity.experiences.iter().map(u32::to_string).collect();
        lines.push(format!(
            "{}: {}",
            sc.label("experiences"),
            numbers.join(", ")
        ));
    }
    if activity.local {
        lines.push(format!("{} – {}", sc.label("local"), sc.site.name));
    }
    lines
}

/// The follow-up weeks as Monday-to-Friday events, when the division has a start date.
pub fn followup(sc: &SiteContext) -> Option<String> {
    let site = sc.site;
    let plan = site.followup.as_ref()?;
    plan.start?;
    let title = plan
        .title
        .map_or_else(|| sc.label("followup"), str::to_string);
    let mut ics = new_calendar(site, &title);
    let domain = domain(site);
    for week in &plan.weeks {
        let Some((monday, friday)) = week.dates else {
            continue;
        };
        let page = link(site, &format!("followup/#week-{}", week.number));
        EventText {
            uid: format!("followup-week-{}@{domain}", week.number),
            summary: format!("{} {}: {}", sc.label("week"), week.number, week.title),
            first: monday,
            last_inclusive: friday,
            description: week_description(sc, week, &page),
            categories: None,
            page,
        }
        .write(&mut ics);
    }
    Some(finish(ics))
}

/// What the manager does, the notes, and where to find the week and its meeting pack.
fn week_description(sc: &SiteContext, week: &SiteWeek, page: &Link) -> Vec<String> {
    let site = sc.site;
    let mut lines: Vec<String> = week.meeting.iter().map(|m| plain(site, m)).collect();
    lines.extend(
        week.note
            .iter()
            .map(|n| format!("{}: {}", sc.label("note"), plain(site, n))),
    );
    lines.extend(
        week.local_notes
            .iter()
            .map(|n| format!("{}: {}", sc.label("local_note"), plain(site, n))),
    );
    lines.push(format!("{}: {}", sc.label("followup"), page.href));
    if let Some(path) = &week.kit {
        let pack = link(sc.site, &urls::file_url(path));
        lines.push(format!("{}: {}", sc.label("kit"), pack.href));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    #[test]
    fn text_cannot_leave_its_property() {
        assert_eq!(
            escape_text("a\r\nEND:VEVENT\r\nBEGIN:VEVENT"),
            "a\\nEND:VEVENT\\nBEGIN:VEVENT"
        );
        assert_eq!(escape_text("lone\rcr"), "lone\\ncr");
        assert_eq!(escape_text("a;b,c\\d"), "a\\;b\\,c\\\\d");
        assert_eq!(
            escape_text("bell\u{7}\u{0}\u{1b}[31m\u{85}\ttab"),
            "bell[31m\ttab"
        );
    }

    #[test]
    fn lines_fold_at_75_octets_without_splitting_a_character() {
        let emoji = format!("SUMMARY:{}", "🎉".repeat(200));
        let folded = fold(&emoji);
        assert!(folded.split("\r\n").all(|line| line.len() <= LINE_LIMIT));
        assert!(folded.split("\r\n").skip(1).all(|l| l.starts_with(' ')));
        assert_eq!(unfold(&folded), emoji);
        let mixed = format!("DESCRIPTION:{}", "æ ø å, ".repeat(40));
        let folded = fold(&mixed);
        assert!(folded.split("\r\n").all(|line| line.len() <= LINE_LIMIT));
        assert!(
            !folded.contains(" \r\n"),
            "a folded line never ends with a space"
        );
        assert_eq!(unfold(&folded), mixed);
        assert_eq!(fold("SUMMARY:short"), "SUMMARY:short");
        let blanks = format!("X:{}", " ".repeat(200));
        assert_eq!(unfold(&fold(&blanks)), blanks);
    }
}
