//! The internal marketing calendar: the plan's twelve months with their shared and
//! local activities.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::resolve::{GeneratedPage, SiteActivity};

use super::context::SiteContext;
use super::nav::NavLink;
use super::page_info::{Named, PageInfo, TemplateInput, TocEntry, experience_link, inline_html};
use super::translation::{PAGE_FIELDS, TranslationInfo};

const ACTIVITY_FIELDS: [&str; 3] = ["title", "description", "campaign"];

#[derive(Serialize)]
pub struct MonthInfo {
    id: String,
    name: String,
    activities: Vec<ActivityInfo>,
}

#[derive(Serialize)]
struct ActivityInfo {
    title: String,
    channel: Named,
    date: Option<String>,
    owner: Option<String>,
    campaign: Option<String>,
    /// HTML.
    description: Option<String>,
    experiences: Vec<NavLink>,
    local: bool,
    /// `lang` of the title, description and campaign shown untranslated.
    translation: TranslationInfo,
}

/// The channel's id and its name in the site's language.
pub fn channel(sc: &SiteContext, activity: &SiteActivity) -> Named {
    let id = activity.channel.map_or("unknown", |c| c.id());
    Named {
        id: id.into(),
        name: sc.label(&format!("channel_{id}")),
        href: None,
    }
}

/// The twelve months of the calendar with their activities, as templates show them on
/// the page at `url`.
pub fn months(sc: &SiteContext, url: &str) -> Vec<MonthInfo> {
    let Some(calendar) = &sc.site.calendar else {
        return Vec::new();
    };
    let style = sc.style();
    let mut months: BTreeMap<String, MonthInfo> = calendar
        .months
        .iter()
        .map(|m| {
            let info = MonthInfo {
                id: m.to_string(),
                name: format!("{} {}", style.month_name(m.month), m.year),
                activities: Vec::new(),
            };
            (m.to_string(), info)
        })
        .collect();
    for activity in &calendar.activities {
        let Some(month) = months.get_mut(&activity.month.to_string()) else {
            continue;
        };
        month.activities.push(ActivityInfo {
            title: activity.title.to_string(),
            channel: channel(sc, activity),
            date: activity.date.map(|d| style.date(d)),
            owner: activity.owner.map(str::to_string),
            campaign: activity.campaign.map(str::to_string),
            description: activity.description.as_ref().map(|d| inline_html(d, url)),
            experiences: activity
                .experiences
                .iter()
                .filter_map(|&n| experience_link(sc, n))
                .collect(),
            local: activity.local,
            translation: activity_translation(sc, activity),
        });
    }
    months.into_values().collect()
}

/// The `lang` of an activity's texts; a shared activity's owner is never translated, so
/// in a division of another language it is marked as the original's.
fn activity_translation(sc: &SiteContext, activity: &SiteActivity) -> TranslationInfo {
    let mut info = TranslationInfo::of(sc, &activity.texts, &ACTIVITY_FIELDS);
    let original = sc.site.translation_language().is_some() && !activity.local;
    let owner = original.then(|| sc.site.source_language.to_string());
    info.lang.insert("owner", owner);
    info
}

/// How the calendar's texts read in the site's language: the page's notices (its
/// activities' included) and the `lang` of its title.
pub fn translation(sc: &SiteContext) -> TranslationInfo {
    let Some(calendar) = &sc.site.calendar else {
        return TranslationInfo::none(&PAGE_FIELDS);
    };
    let activities = calendar.activities.iter().flat_map(|a| a.texts.statuses());
    TranslationInfo::of(sc, &calendar.texts, &PAGE_FIELDS).noting(activities.map(Some))
}

pub fn page(sc: &SiteContext, page: &GeneratedPage) -> TemplateInput {
    let months = months(sc, &page.url);
    let mut info = PageInfo::generated(sc, page, "calendar");
    info.translation = translation(sc);
    info.toc = months
        .iter()
        .map(|m| TocEntry {
            level: 2,
            id: m.id.clone(),
            text: m.name.clone(),
            lang: None,
        })
        .collect();
    TemplateInput::page("calendar.html", &info).with("months", &months)
}
