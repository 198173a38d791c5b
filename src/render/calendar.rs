//! The internal marketing calendar: the plan's twelve months with their shared and
//! local activities.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::resolve::{GeneratedPage, SiteActivity};

use super::context::SiteContext;
use super::nav::NavLink;
use super::page_info::{Named, PageInfo, TemplateInput, TocEntry, experience_link};

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
    description: Option<String>,
    experiences: Vec<NavLink>,
    local: bool,
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

/// The twelve months of the calendar with their activities, as templates show them.
pub fn months(sc: &SiteContext) -> Vec<MonthInfo> {
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
            description: activity.description.map(str::to_string),
            experiences: activity
                .experiences
                .iter()
                .filter_map(|&n| experience_link(sc, n))
                .collect(),
            local: activity.local,
        });
    }
    months.into_values().collect()
}

pub fn page(sc: &SiteContext, page: &GeneratedPage) -> TemplateInput {
    let months = months(sc);
    let mut info = PageInfo::generated(sc, page, "calendar");
    info.toc = months
        .iter()
        .map(|m| TocEntry {
            level: 2,
            id: m.id.clone(),
            text: m.name.clone(),
        })
        .collect();
    TemplateInput::page("calendar.html", &info).with("months", &months)
}
