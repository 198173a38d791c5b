//! The follow-up process: the weeks with their meetings, kits, experiences, notes and
//! (with the division's `followup_start`) dates.

use serde::Serialize;

use crate::resolve::GeneratedPage;

use super::context::SiteContext;
use super::handouts::{HandoutInfo, handout};
use super::nav::NavLink;
use super::page_info::{PageInfo, TemplateInput, TocEntry, experience_link, inline_html};
use super::translation::{PAGE_FIELDS, TranslationInfo};

const WEEK_FIELDS: [&str; 3] = ["title", "meeting", "note"];

#[derive(Serialize)]
pub struct WeekInfo {
    pub number: u32,
    id: String,
    pub title: String,
    /// The week's own page (its meeting pack), as a key and a site-relative URL.
    pub page_key: String,
    pub page_url: String,
    /// The page's `href` from the site root.
    href: String,
    /// What the leader does, the note and the local notes, as HTML.
    meeting: Option<String>,
    kit: Option<HandoutInfo>,
    experiences: Vec<NavLink>,
    note: Option<String>,
    local_notes: Vec<String>,
    dates: Option<String>,
    /// Its Monday and Sunday (`YYYY-MM-DD`): a script marks the week the reader is in.
    start: Option<String>,
    end: Option<String>,
    iso_week: Option<i8>,
    /// The public holidays from Monday to Friday in the division's country.
    holidays: Vec<HolidayInfo>,
    /// `lang` of the title, meeting and note shown untranslated.
    translation: TranslationInfo,
}

/// A public holiday in a follow-up week.
#[derive(Serialize)]
struct HolidayInfo {
    name: String,
    date: String,
    /// It is the week's Monday: the meeting must move.
    starts_week: bool,
}

/// The weeks of the follow-up as templates show them on the page at `url`.
pub fn weeks(sc: &SiteContext, url: &str) -> Vec<WeekInfo> {
    let style = sc.style();
    let weeks = sc.site.followup.iter().flat_map(|f| &f.weeks);
    weeks
        .map(|w| WeekInfo {
            number: w.number,
            id: format!("week-{}", w.number),
            title: w.title.to_string(),
            page_key: format!("followup/week-{}/", w.number),
            page_url: format!("followup/week-{}/", w.number),
            href: format!("followup/week-{}/index.html", w.number),
            meeting: w.meeting.as_ref().map(|m| inline_html(m, url)),
            kit: w.kit.as_deref().and_then(|k| handout(sc, k)),
            experiences: w
                .experiences
                .iter()
                .filter_map(|&n| experience_link(sc, n))
                .collect(),
            note: w.note.as_ref().map(|n| inline_html(n, url)),
            local_notes: w.local_notes.iter().map(|n| inline_html(n, url)).collect(),
            dates: w.dates.map(|(monday, friday)| {
                format!("{} – {}", style.short_date(monday), style.date(friday))
            }),
            start: w.dates.map(|(monday, _)| monday.to_string()),
            end: w
                .dates
                .and_then(|(monday, _)| monday.checked_add(jiff::ToSpan::days(6)).ok())
                .map(|sunday| sunday.to_string()),
            iso_week: w.dates.map(|(monday, _)| monday.iso_week_date().week()),
            holidays: w
                .holidays
                .iter()
                .map(|&(date, holiday)| HolidayInfo {
                    name: sc.label(&holiday.label()),
                    date: style.date(date),
                    starts_week: w.dates.is_some_and(|(monday, _)| monday == date),
                })
                .collect(),
            translation: TranslationInfo::of(sc, &w.texts, &WEEK_FIELDS),
        })
        .collect()
}

/// How the follow-up's texts read in the site's language: the page's notices (its
/// weeks' included) and the `lang` of its title.
pub fn translation(sc: &SiteContext) -> TranslationInfo {
    let Some(followup) = &sc.site.followup else {
        return TranslationInfo::none(&PAGE_FIELDS);
    };
    let weeks = followup.weeks.iter().flat_map(|w| w.texts.statuses());
    TranslationInfo::of(sc, &followup.texts, &PAGE_FIELDS).noting(weeks.map(Some))
}

/// The Monday the division's follow-up starts, written out.
pub fn start(sc: &SiteContext) -> Option<String> {
    let start = sc.site.followup.as_ref()?.start?;
    Some(sc.style().date(start))
}

pub fn page(sc: &SiteContext, page: &GeneratedPage) -> TemplateInput {
    let weeks = weeks(sc, &page.url);
    let mut info = PageInfo::generated(sc, page, "followup");
    info.translation = translation(sc);
    info.toc = weeks
        .iter()
        .map(|w| TocEntry {
            level: 2,
            id: w.id.clone(),
            text: format!("{} {}: {}", sc.label("week"), w.number, w.title),
            lang: None,
        })
        .collect();
    TemplateInput::page("followup.html", &info)
        .with("weeks", &weeks)
        .with("followup_start", &start(sc))
}
