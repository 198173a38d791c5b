//! The training modules: a module page's facts, the catalogue (audiences x content
//! categories) on the `modules/` page, and one page per audience.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::content::page::{Audience, Category};
use crate::resolve::{GeneratedPage, SitePage, audience_intro};

use super::context::SiteContext;
use super::handouts::{HandoutInfo, handout};
use super::nav::NavLink;
use super::page_info::{
    Named, PageInfo, TemplateInput, audience_name, category_name, contents, experience_link,
};
use super::sections::section_info;
use super::translation::{PAGE_FIELDS, TranslationInfo};

fn audience_href(audience: Audience) -> String {
    format!("audiences/{}/index.html", audience.id())
}

fn audience(sc: &SiteContext, audience: Audience) -> Named {
    Named {
        id: audience.id().into(),
        name: audience_name(sc, audience),
        href: Some(audience_href(audience)),
    }
}

fn category(sc: &SiteContext, category: Category) -> Named {
    Named {
        id: category.id().into(),
        name: category_name(sc, category),
        href: None,
    }
}

#[derive(Serialize)]
pub struct ModuleInfo {
    audiences: Vec<Named>,
    categories: Vec<Named>,
    duration: Option<String>,
    format: Option<String>,
    experiences: Vec<NavLink>,
    handouts: Vec<HandoutInfo>,
    /// `downloads/modules/<id>.zip`: every handout of the module in one file.
    bundle: Option<String>,
}

impl ModuleInfo {
    /// Its experiences linked within the print page (`#<chapter id>`) where they are
    /// printed, else from `root` to their pages; a template writes the `href`s as they are.
    pub fn link_within(
        &mut self,
        chapters: &std::collections::BTreeMap<String, String>,
        root: &str,
    ) {
        for experience in &mut self.experiences {
            experience.href = match chapters.get(&experience.key) {
                Some(id) => format!("#{id}"),
                None => format!("{root}{}", experience.href),
            };
        }
    }
}

/// The facts of a module page. Its experiences are those it names and those that name it.
pub fn module_info(sc: &SiteContext, page: &SitePage) -> ModuleInfo {
    let facts = &page.facts;
    ModuleInfo {
        audiences: facts.audiences.iter().map(|&a| audience(sc, a)).collect(),
        categories: facts.categories.iter().map(|&c| category(sc, c)).collect(),
        duration: facts.duration.map(str::to_string),
        format: facts.format.map(str::to_string),
        experiences: facts
            .experiences
            .iter()
            .filter_map(|&n| experience_link(sc, n))
            .collect(),
        handouts: facts
            .handouts
            .iter()
            .filter_map(|path| handout(sc, path))
            .collect(),
        bundle: crate::resolve::module_bundle_of(page),
    }
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
pub fn catalogue(sc: &SiteContext, page: &GeneratedPage) -> TemplateInput {
    let modules = sc.modules();
    let rows = Audience::ALL
        .iter()
        .map(|&a| MatrixRow {
            audience: audience(sc, a),
            cells: Category::ALL
                .iter()
                .map(|c| {
                    modules
                        .iter()
                        .filter(|(_, p)| {
                            p.facts.audiences.contains(&a) && p.facts.categories.contains(c)
                        })
                        .map(|(link, _)| (*link).clone())
                        .collect()
                })
                .collect(),
        })
        .collect();
    let list = modules
        .iter()
        .map(|(link, page)| CatalogueModule {
            link: (*link).clone(),
            audiences: page
                .facts
                .audiences
                .iter()
                .map(|&a| audience(sc, a))
                .collect(),
            duration: page.facts.duration.map(str::to_string),
            format: page.facts.format.map(str::to_string),
        })
        .collect();
    let catalogue = Catalogue {
        categories: Category::ALL.iter().map(|&c| category(sc, c)).collect(),
        rows,
        modules: list,
    };
    TemplateInput::page("modules.html", &section_info(sc, page)).with("catalogue", &catalogue)
}

#[derive(Serialize)]
struct AudienceInfo {
    audience: Named,
    /// The experiences to read first: those the audience's modules build on most.
    read_first: Vec<NavLink>,
    modules: Vec<NavLink>,
    /// The follow-up weeks that concern the audience, and why: `hold` (they hold every
    /// week's meeting), `take-part` (they take part in it), `related` (the weeks on their
    /// modules' experiences).
    weeks: Vec<NavLink>,
    weeks_reason: &'static str,
}

/// How many experiences "read first" names: a place to start, not a reading list.
const READ_FIRST: usize = 3;

/// One audience's page: HR's introduction (`audiences/<id>.md`, with a division's local
/// section), what to read first, its modules and its follow-up weeks.
pub fn audience_page(sc: &SiteContext, page: &GeneratedPage, who: Audience) -> TemplateInput {
    let mut info = PageInfo::generated(sc, page, "audience");
    if let Some(intro) = sc.site.pages.get(&audience_intro(who)) {
        let (content, local_section) = contents(sc, intro);
        info.content = content;
        info.local_section = local_section;
        info.summary = intro.summary.map(str::to_string);
        info.translation = TranslationInfo::of(sc, &intro.texts, &PAGE_FIELDS);
        info.status = Some(intro.status);
    }
    let modules: Vec<(&NavLink, &SitePage)> = sc
        .modules()
        .into_iter()
        .filter(|(_, p)| p.facts.audiences.contains(&who))
        .collect();
    let (weeks, weeks_reason) = audience_weeks(sc, who, &modules);
    let data = AudienceInfo {
        audience: Named {
            href: None,
            ..audience(sc, who)
        },
        read_first: read_first(sc, &modules),
        modules: modules.iter().map(|(link, _)| (*link).clone()).collect(),
        weeks,
        weeks_reason,
    };
    TemplateInput::page("audience.html", &info).with("audience", &data)
}

/// The experiences the audience's modules build on, those most of them name first.
fn read_first(sc: &SiteContext, modules: &[(&NavLink, &SitePage)]) -> Vec<NavLink> {
    let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
    for (_, module) in modules {
        for number in &module.facts.experiences {
            *counts.entry(*number).or_default() += 1;
        }
    }
    let mut ranked: Vec<(u32, usize)> = counts.into_iter().collect();
    ranked.sort_by_key(|&(number, count)| (std::cmp::Reverse(count), number));
    ranked
        .into_iter()
        .filter_map(|(number, _)| experience_link(sc, number))
        .take(READ_FIRST)
        .collect()
}

/// The follow-up weeks of an audience. First-line managers hold every week's team
/// meeting and employees take part in it: every week is theirs. For the others, the
/// weeks whose experiences their modules work on: what they will see and can support.
fn audience_weeks(
    sc: &SiteContext,
    who: Audience,
    modules: &[(&NavLink, &SitePage)],
) -> (Vec<NavLink>, &'static str) {
    let Some(followup) = &sc.site.followup else {
        return (Vec::new(), "");
    };
    let all = matches!(who, Audience::FrontlineManagers | Audience::Employees);
    let covered: BTreeSet<u32> = modules
        .iter()
        .flat_map(|(_, m)| m.facts.experiences.iter().copied())
        .collect();
    let weeks = followup
        .weeks
        .iter()
        .filter(|w| all || w.experiences.iter().any(|n| covered.contains(n)))
        .map(|w| {
            let key = format!("followup/week-{}/", w.number);
            let title = format!("{} {}: {}", sc.label("week"), w.number, w.title);
            NavLink::generated(&key, &key, &title)
        })
        .collect();
    let reason = match who {
        Audience::FrontlineManagers => "hold",
        Audience::Employees => "take-part",
        _ => "related",
    };
    (weeks, reason)
}
