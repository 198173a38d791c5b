//! The training modules: a module page's facts, the catalogue (audiences x content
//! categories) on the `modules/` page, and one page per audience.

use serde::Serialize;

use crate::content::page::{Audience, Category};
use crate::resolve::{GeneratedPage, SitePage};

use super::context::SiteContext;
use super::handouts::{HandoutInfo, handout};
use super::nav::NavLink;
use super::page_info::{
    Named, PageInfo, TemplateInput, audience_name, category_name, experience_link,
};
use super::sections::section_info;

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
    modules: Vec<NavLink>,
}

/// The modules written for one audience.
pub fn audience_page(sc: &SiteContext, page: &GeneratedPage, who: Audience) -> TemplateInput {
    let info = PageInfo::generated(sc, page, "audience");
    let modules = sc
        .modules()
        .into_iter()
        .filter(|(_, p)| p.facts.audiences.contains(&who))
        .map(|(link, _)| link.clone())
        .collect();
    let data = AudienceInfo {
        audience: Named {
            href: None,
            ..audience(sc, who)
        },
        modules,
    };
    TemplateInput::page("audience.html", &info).with("audience", &data)
}
