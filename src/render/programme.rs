//! The programme's pages: the module catalogue and its audiences, module facts, the
//! follow-up weeks, the marketing calendar, the handouts and the business case.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Value;

use crate::content::page::{Audience, Category, PageKind};
use crate::content::programme::plan_months;
use crate::resolve::{SiteFile, SitePage};
use crate::urls;

use super::format::file_type;
use super::nav::NavLink;
use super::pages::{PageInfo, audience_name, category_name};
use super::{SiteContext, Unit};

#[derive(Serialize, Clone)]
pub struct Named {
    pub id: String,
    pub name: String,
    pub href: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct HandoutInfo {
    pub title: String,
    pub path: String,
    pub href: String,
    pub file_type: String,
    pub size: String,
    pub local: bool,
}

/// A handout of the site by its path relative to `handouts/`.
fn handout(sc: &SiteContext, relative: &str) -> Option<HandoutInfo> {
    let path = format!("handouts/{relative}");
    sc.site
        .files
        .get(&path)
        .map(|file| handout_info(sc, &path, file))
}

fn handout_info(sc: &SiteContext, path: &str, file: &SiteFile) -> HandoutInfo {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.chars();
    let title: String = chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    HandoutInfo {
        title,
        path: path.trim_start_matches("handouts/").to_string(),
        href: urls::file_url(path),
        file_type: file_type(path),
        size: sc.style().file_size(file.file.size),
        local: file.local,
    }
}

fn audience_href(audience: Audience) -> String {
    format!("audiences/{}/index.html", audience.id())
}

fn experience_link(sc: &SiteContext, number: u32) -> Option<NavLink> {
    sc.navigation
        .children("experiences")
        .iter()
        .find(|l| l.number == Some(number))
        .cloned()
}

#[derive(Serialize)]
pub struct ModuleInfo {
    audiences: Vec<Named>,
    categories: Vec<Named>,
    duration: Option<String>,
    format: Option<String>,
    experiences: Vec<NavLink>,
    handouts: Vec<HandoutInfo>,
}

/// The facts of a module page. Its experiences are those it names and those that name it.
pub fn module_info(sc: &SiteContext, page: &SitePage) -> ModuleInfo {
    let meta = &page.main().meta;
    let module_id = page
        .path
        .trim_start_matches("modules/")
        .trim_end_matches(".md");
    let mut numbers: Vec<u32> = meta.experiences.clone().unwrap_or_default();
    for other in sc.site.pages.values() {
        if let PageKind::Experience(n) = other.kind()
            && other
                .main()
                .meta
                .modules
                .iter()
                .flatten()
                .any(|m| m == module_id)
        {
            numbers.push(n);
        }
    }
    numbers.sort_unstable();
    numbers.dedup();
    ModuleInfo {
        audiences: meta
            .audiences
            .iter()
            .flatten()
            .map(|&a| Named {
                id: a.id().into(),
                name: audience_name(sc, a),
                href: Some(audience_href(a)),
            })
            .collect(),
        categories: meta
            .categories
            .iter()
            .flatten()
            .map(|&c| Named {
                id: c.id().into(),
                name: category_name(sc, c),
                href: None,
            })
            .collect(),
        duration: meta.duration.clone(),
        format: meta.format.clone(),
        experiences: numbers
            .into_iter()
            .filter_map(|n| experience_link(sc, n))
            .collect(),
        handouts: meta
            .handouts
            .iter()
            .flatten()
            .filter_map(|h| handout(sc, h))
            .collect(),
    }
}

fn modules_of<'a>(sc: &'a SiteContext) -> Vec<(&'a NavLink, &'a SitePage<'a>)> {
    sc.navigation
        .children("modules")
        .iter()
        .filter_map(|link| {
            sc.site
                .pages
                .get(&link.key)
                .filter(|p| p.kind() == PageKind::Module)
                .map(|p| (link, p))
        })
        .collect()
}

#[derive(Serialize)]
struct MatrixRow {
    audience: Named,
    /// One cell per category, in the order of `categories`.
    cells: Vec<Vec<NavLink>>,
}

#[derive(Serialize)]
struct Catalogue {
    categories: Vec<Named>,
    rows: Vec<MatrixRow>,
    modules: Vec<CatalogueModule>,
}

#[derive(Serialize)]
struct CatalogueModule {
    link: NavLink,
    audiences: Vec<Named>,
    duration: Option<String>,
    format: Option<String>,
}

/// The module catalogue: the matrix audiences x categories and every module.
pub fn modules_unit(sc: &SiteContext) -> Unit {
    let modules = modules_of(sc);
    let categories: Vec<Named> = Category::ALL
        .iter()
        .map(|&c| Named {
            id: c.id().into(),
            name: category_name(sc, c),
            href: None,
        })
        .collect();
    let rows = Audience::ALL
        .iter()
        .map(|&audience| MatrixRow {
            audience: Named {
                id: audience.id().into(),
                name: audience_name(sc, audience),
                href: Some(audience_href(audience)),
            },
            cells: Category::ALL
                .iter()
                .map(|category| {
                    modules
                        .iter()
                        .filter(|(_, p)| {
                            let meta = &p.main().meta;
                            meta.audiences.iter().flatten().any(|a| *a == audience)
                                && meta.categories.iter().flatten().any(|c| c == category)
                        })
                        .map(|(link, _)| (*link).clone())
                        .collect()
                })
                .collect(),
        })
        .collect();
    let list = modules
        .iter()
        .map(|(link, page)| {
            let meta = &page.main().meta;
            CatalogueModule {
                link: (*link).clone(),
                audiences: meta
                    .audiences
                    .iter()
                    .flatten()
                    .map(|&a| Named {
                        id: a.id().into(),
                        name: audience_name(sc, a),
                        href: Some(audience_href(a)),
                    })
                    .collect(),
                duration: meta.duration.clone(),
                format: meta.format.clone(),
            }
        })
        .collect();
    let catalogue = Catalogue {
        categories,
        rows,
        modules: list,
    };
    let (info, source) = section_page_info(sc, "modules");
    Unit {
        url: "modules/".into(),
        template: "modules.html",
        source,
        values: vec![
            ("page", Value::from_serializable(&info)),
            ("catalogue", Value::from_serializable(&catalogue)),
        ],
        search: None,
    }
}

/// A section page's info: from its `_index.md` when there is one.
fn section_page_info(sc: &SiteContext, folder: &str) -> (PageInfo, String) {
    let key = format!("{folder}/");
    let title = sc
        .navigation
        .folder_title(folder)
        .unwrap_or(folder)
        .to_string();
    match sc.site.pages.get(&format!("{folder}/_index.md")) {
        Some(page) => {
            let mut info = PageInfo::generated(sc, &key, page.title().to_string(), "section");
            info.summary = page.main().meta.summary.clone();
            let (content, local_section) = super::pages::contents(sc, page);
            info.content = content;
            info.local_section = local_section;
            (info, page.main().file.clone())
        }
        None => (
            PageInfo::generated(sc, &key, title, "section"),
            format!("the section page of content/{folder}/"),
        ),
    }
}

#[derive(Serialize)]
struct AudienceInfo {
    audience: Named,
    modules: Vec<NavLink>,
}

fn audience_units(sc: &SiteContext) -> Vec<Unit> {
    let modules = modules_of(sc);
    if modules.is_empty() {
        return Vec::new();
    }
    Audience::ALL
        .iter()
        .map(|&audience| {
            let name = audience_name(sc, audience);
            let mut info = PageInfo::generated(
                sc,
                &format!("audiences/{}/", audience.id()),
                name.clone(),
                "audience",
            );
            info.section = "modules/".into();
            info.breadcrumbs.push(NavLink {
                key: "modules/".into(),
                title: sc
                    .navigation
                    .folder_title("modules")
                    .unwrap_or_default()
                    .into(),
                href: "modules/index.html".into(),
                summary: None,
                number: None,
                local: false,
                credit: None,
                weight: 0,
            });
            let listed = modules
                .iter()
                .filter(|(_, p)| {
                    p.main()
                        .meta
                        .audiences
                        .iter()
                        .flatten()
                        .any(|a| *a == audience)
                })
                .map(|(link, _)| (*link).clone())
                .collect();
            let data = AudienceInfo {
                audience: Named {
                    id: audience.id().into(),
                    name,
                    href: None,
                },
                modules: listed,
            };
            Unit {
                url: format!("audiences/{}/", audience.id()),
                template: "audience.html",
                source: format!("the module list for {}", audience.id()),
                values: vec![
                    ("page", Value::from_serializable(&info)),
                    ("audience", Value::from_serializable(&data)),
                ],
                search: None,
            }
        })
        .collect()
}

#[derive(Serialize)]
struct HandoutGroup {
    title: String,
    href: Option<String>,
    handouts: Vec<HandoutInfo>,
}

#[derive(Serialize)]
struct HandoutsInfo {
    by_module: Vec<HandoutGroup>,
    by_week: Vec<HandoutGroup>,
    all: Vec<HandoutInfo>,
}

/// Every handout of the site, grouped by module and by week, each with type and size.
pub fn handouts_unit(sc: &SiteContext) -> Unit {
    let site = sc.site;
    let by_module = modules_of(sc)
        .into_iter()
        .map(|(link, page)| HandoutGroup {
            title: link.title.clone(),
            href: Some(link.href.clone()),
            handouts: page
                .main()
                .meta
                .handouts
                .iter()
                .flatten()
                .filter_map(|h| handout(sc, h))
                .collect(),
        })
        .filter(|group| !group.handouts.is_empty())
        .collect();
    let by_week = site
        .weeks
        .iter()
        .filter_map(|week| {
            let kit = handout(sc, week.week.kit.as_deref()?)?;
            Some(HandoutGroup {
                title: format!(
                    "{} {}: {}",
                    sc.label("week"),
                    week.week.week,
                    week.week.title
                ),
                href: Some(format!("followup/index.html#week-{}", week.week.week)),
                handouts: vec![kit],
            })
        })
        .collect();
    let all = site
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("handouts/"))
        .map(|(p, f)| handout_info(sc, p, f))
        .collect();
    let handouts = HandoutsInfo {
        by_module,
        by_week,
        all,
    };
    let (info, source) = section_page_info(sc, "handouts");
    Unit {
        url: "handouts/".into(),
        template: "handouts.html",
        source,
        values: vec![
            ("page", Value::from_serializable(&info)),
            ("handouts", Value::from_serializable(&handouts)),
        ],
        search: None,
    }
}

/// The follow-up, calendar, business-case and audience pages.
pub fn units(sc: &SiteContext) -> Vec<Unit> {
    let mut units = Vec::new();
    if sc.site.followup.is_some() {
        units.push(followup_unit(sc));
    }
    if sc.site.calendar.is_some() {
        units.push(calendar_unit(sc));
    }
    if sc.site.business_case.is_some() {
        units.push(business_case_unit(sc));
    }
    units.extend(audience_units(sc));
    units
}

#[derive(Serialize)]
pub struct WeekInfo {
    number: u32,
    id: String,
    title: String,
    meeting: Option<String>,
    kit: Option<HandoutInfo>,
    experiences: Vec<NavLink>,
    note: Option<String>,
    local_notes: Vec<String>,
    dates: Option<String>,
    iso_week: Option<i8>,
}

/// The weeks of the follow-up as templates show them.
pub fn weeks(sc: &SiteContext) -> Vec<WeekInfo> {
    let style = sc.style();
    sc.site
        .weeks
        .iter()
        .map(|w| WeekInfo {
            number: w.week.week,
            id: format!("week-{}", w.week.week),
            title: w.week.title.clone(),
            meeting: w.week.meeting.clone(),
            kit: w.week.kit.as_deref().and_then(|k| handout(sc, k)),
            experiences: w
                .week
                .experiences
                .iter()
                .filter_map(|&n| experience_link(sc, n))
                .collect(),
            note: w.week.note.clone(),
            local_notes: w.local_notes.iter().map(|n| n.to_string()).collect(),
            dates: w.dates.map(|(monday, friday)| {
                format!("{} – {}", style.short_date(monday), style.date(friday))
            }),
            iso_week: w.dates.map(|(monday, _)| monday.iso_week_date().week()),
        })
        .collect()
}

/// The Monday the division's follow-up starts, written out.
pub fn followup_start(sc: &SiteContext) -> Option<String> {
    let start = sc
        .site
        .division
        .and_then(|d| d.config.value.followup_start())?;
    Some(sc.style().date(crate::content::programme::monday_of(start)))
}

fn followup_unit(sc: &SiteContext) -> Unit {
    let followup = sc.site.followup.expect("checked by the caller");
    let weeks = weeks(sc);
    let title = followup
        .value
        .title
        .clone()
        .unwrap_or_else(|| sc.label("followup"));
    let mut info = PageInfo::generated(sc, "followup.yaml", title, "followup");
    info.toc = weeks
        .iter()
        .map(|w| super::pages::TocEntry {
            level: 2,
            id: w.id.clone(),
            text: format!("{} {}: {}", sc.label("week"), w.number, w.title),
        })
        .collect();
    let start = followup_start(sc);
    Unit {
        url: "followup/".into(),
        template: "followup.html",
        source: followup.file.clone(),
        values: vec![
            ("page", Value::from_serializable(&info)),
            ("weeks", Value::from_serializable(&weeks)),
            ("followup_start", Value::from_serializable(&start)),
        ],
        search: None,
    }
}

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

/// The twelve months of the calendar with their activities, as templates show them.
pub fn months(sc: &SiteContext) -> Vec<MonthInfo> {
    let site = sc.site;
    let Some(calendar) = site.calendar else {
        return Vec::new();
    };
    let style = sc.style();
    let Some(start) = calendar.value.start.get() else {
        return Vec::new();
    };
    let mut months: BTreeMap<String, MonthInfo> = plan_months(start)
        .into_iter()
        .map(|m| {
            (
                m.to_string(),
                MonthInfo {
                    id: m.to_string(),
                    name: format!("{} {}", style.month_name(m.month), m.year),
                    activities: Vec::new(),
                },
            )
        })
        .collect();
    for entry in &site.activities {
        let activity = entry.activity;
        let Some(month) = activity
            .year_month()
            .and_then(|m| months.get_mut(&m.to_string()))
        else {
            continue;
        };
        month.activities.push(ActivityInfo {
            title: activity.title.clone(),
            channel: Named {
                id: activity.channel().map_or("unknown", |c| c.id()).into(),
                name: sc.label(&format!(
                    "channel_{}",
                    activity.channel().map_or("unknown", |c| c.id())
                )),
                href: None,
            },
            date: activity.date().map(|d| style.date(d)),
            owner: activity.owner.clone(),
            campaign: activity.campaign.clone(),
            description: activity.description.clone(),
            experiences: activity
                .experiences
                .iter()
                .filter_map(|&n| experience_link(sc, n))
                .collect(),
            local: entry.local,
        });
    }
    months.into_values().collect()
}

fn calendar_unit(sc: &SiteContext) -> Unit {
    let calendar = sc.site.calendar.expect("checked by the caller");
    let months = months(sc);
    let title = calendar
        .value
        .title
        .clone()
        .unwrap_or_else(|| sc.label("calendar"));
    let mut info = PageInfo::generated(sc, "calendar.yaml", title, "calendar");
    info.toc = months
        .iter()
        .map(|m| super::pages::TocEntry {
            level: 2,
            id: m.id.clone(),
            text: m.name.clone(),
        })
        .collect();
    Unit {
        url: "calendar/".into(),
        template: "calendar.html",
        source: calendar.file.clone(),
        values: vec![
            ("page", Value::from_serializable(&info)),
            ("months", Value::from_serializable(&months)),
        ],
        search: None,
    }
}

#[derive(Serialize)]
struct SegmentRow {
    name: String,
    customers: String,
    revenue_per_customer: String,
    margin_pct: String,
    margin_per_customer: String,
    churn_pct: String,
}

#[derive(Serialize)]
struct ShiftRow {
    from: String,
    to: String,
    movers: String,
    revenue_gain: String,
    margin_gain: String,
}

#[derive(Serialize)]
pub struct BusinessCaseInfo {
    shift_pct: String,
    segments: Vec<SegmentRow>,
    shifts: Vec<ShiftRow>,
    total_revenue: String,
    total_margin: String,
    local: bool,
}

/// The business case's figures, formatted for the site's language.
pub fn business_case(sc: &SiteContext) -> Option<BusinessCaseInfo> {
    let site = sc.site;
    let case = &site.business_case?.value;
    let style = sc.style();
    let shifts = case.shifts();
    Some(BusinessCaseInfo {
        shift_pct: style.percent(case.shift_pct),
        segments: case
            .segments
            .iter()
            .map(|s| SegmentRow {
                name: s.name.clone(),
                customers: style.number(s.customers, 0),
                revenue_per_customer: style.money(s.revenue_per_customer),
                margin_pct: style.percent(s.margin_pct),
                margin_per_customer: style.money(s.revenue_per_customer * s.margin_pct / 100.0),
                churn_pct: style.percent(s.churn_pct),
            })
            .collect(),
        total_revenue: style.money(shifts.iter().map(|s| s.revenue_gain).sum()),
        total_margin: style.money(shifts.iter().map(|s| s.margin_gain).sum()),
        shifts: shifts
            .iter()
            .map(|s| ShiftRow {
                from: s.from.clone(),
                to: s.to.clone(),
                movers: style.number(s.movers, 0),
                revenue_gain: style.money(s.revenue_gain),
                margin_gain: style.money(s.margin_gain),
            })
            .collect(),
        local: site.division.is_some_and(|d| d.business_case.is_some()),
    })
}

fn business_case_unit(sc: &SiteContext) -> Unit {
    let data = sc.site.business_case.expect("checked by the caller");
    let info = business_case(sc);
    let page = PageInfo::generated(
        sc,
        "business-case.yaml",
        sc.label("business_case"),
        "business-case",
    );
    Unit {
        url: "business-case/".into(),
        template: "business-case.html",
        source: data.file.clone(),
        values: vec![
            ("page", Value::from_serializable(&page)),
            ("case", Value::from_serializable(&info)),
        ],
        search: None,
    }
}
