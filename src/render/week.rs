//! One follow-up week's meeting pack, `followup/week-N/`: what the first-line manager
//! needs for that week's team meeting on one printable sheet.

use crate::resolve::GeneratedPage;

use super::context::SiteContext;
use super::followup::{self, WeekInfo};
use super::nav::NavLink;
use super::page_info::{PageInfo, TemplateInput};

pub fn page(sc: &SiteContext, page: &GeneratedPage, number: u32) -> TemplateInput {
    let weeks = followup::weeks(sc, &page.url);
    let position = weeks.iter().position(|w| w.number == number);
    let mut info = PageInfo::generated(sc, page, "week");
    let neighbour = |index: Option<usize>| -> Option<NavLink> {
        let week: &WeekInfo = weeks.get(index?)?;
        Some(NavLink::generated(
            &week.page_key,
            &week.page_url,
            &format!("{} {}: {}", sc.label("week"), week.number, week.title),
        ))
    };
    info.previous = neighbour(position.and_then(|i| i.checked_sub(1)));
    info.next = neighbour(position.map(|i| i + 1));
    let week = position.map(|i| &weeks[i]);
    TemplateInput::page("week.html", &info)
        .with("week", &week)
        .with("followup_start", &followup::start(sc))
}
