//! iCalendar files: `calendar.ics` (the marketing plan) and `followup.ics` (the weeks,
//! when the division has a start date). The one module that knows the icalendar crate.
//!
//! Every event is all-day; UIDs are built from what the event is (its date and title,
//! and whose it is), so a re-import updates events instead of duplicating them, and two
//! builds write the same bytes.

use std::collections::BTreeMap;

use icalendar::{Calendar, Component, Event, Property};
use jiff::civil::Date;

use crate::resolve::{Site, SiteActivity};
use crate::urls::slug_segment;

use super::calendar::channel;
use super::context::SiteContext;

/// A fixed DTSTAMP: the files must not change from build to build.
const STAMP: &str = "20000101T000000Z";

fn date_value(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

fn all_day(event: &mut Event, first: Date, last_inclusive: Date) {
    let end = last_inclusive.tomorrow().unwrap_or(last_inclusive);
    let mut start = Property::new("DTSTART", date_value(first));
    start.add_parameter("VALUE", "DATE");
    let mut stop = Property::new("DTEND", date_value(end));
    stop.add_parameter("VALUE", "DATE");
    event.append_property(start.done());
    event.append_property(stop.done());
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

fn new_calendar(site: &Site, name: &str) -> Calendar {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new(
            "PRODID",
            "-//handbook//programme handbook//EN",
        ))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .name(&format!("{name} · {}", site.name));
    calendar
}

/// The marketing calendar: an activity with a date is that day, one with a month
/// spans the month.
pub fn calendar(sc: &SiteContext) -> Option<String> {
    let site = sc.site;
    let plan = site.calendar.as_ref()?;
    let title = plan
        .title
        .map_or_else(|| sc.label("calendar"), str::to_string);
    let mut calendar = new_calendar(site, &title);
    let mut uids = Uids::default();
    let domain = domain(site);
    for activity in &plan.activities {
        let month = activity.month;
        let (first, last) = match activity.date {
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
        let uid = uids.make(
            &format!("{when}-{}-{owner}", slug_segment(activity.title)),
            &domain,
        );
        let mut event = Event::new();
        event
            .uid(&uid)
            .summary(activity.title)
            .add_property("DTSTAMP", STAMP);
        all_day(&mut event, first, last);
        event.description(&activity_description(sc, activity));
        event.add_property("CATEGORIES", channel(sc, activity).name);
        calendar.push(event.done());
    }
    Some(calendar.done().to_string())
}

fn activity_description(sc: &SiteContext, activity: &SiteActivity) -> String {
    let mut lines = Vec::new();
    if let Some(description) = activity.description {
        lines.push(description.to_string());
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
    lines.join("\n")
}

/// The follow-up weeks as Monday-to-Friday events, when the division has a start date.
pub fn followup(sc: &SiteContext) -> Option<String> {
    let site = sc.site;
    let plan = site.followup.as_ref()?;
    plan.start?;
    let title = plan
        .title
        .map_or_else(|| sc.label("followup"), str::to_string);
    let mut calendar = new_calendar(site, &title);
    let domain = domain(site);
    for week in &plan.weeks {
        let (monday, friday) = week.dates?;
        let mut event = Event::new();
        event
            .uid(&format!("followup-week-{}@{domain}", week.number))
            .summary(&format!(
                "{} {}: {}",
                sc.label("week"),
                week.number,
                week.title
            ))
            .add_property("DTSTAMP", STAMP);
        all_day(&mut event, monday, friday);
        let mut lines: Vec<String> = week.meeting.iter().map(|m| m.to_string()).collect();
        lines.extend(
            week.note
                .iter()
                .map(|n| format!("{}: {n}", sc.label("note"))),
        );
        lines.extend(
            week.local_notes
                .iter()
                .map(|n| format!("{}: {n}", sc.label("local_note"))),
        );
        event.description(&lines.join("\n"));
        calendar.push(event.done());
    }
    Some(calendar.done().to_string())
}
