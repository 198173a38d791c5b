//! The pages written in Markdown: plain pages, experiences (with the modules that work
//! on them), modules (with their facts) and stories.

use serde::Serialize;

use crate::content::page::PageKind;
use crate::resolve::SitePage;

use super::context::SiteContext;
use super::modules;
use super::nav::NavLink;
use super::page_info::{PageInfo, TemplateInput, search_document};

/// A Markdown page's template and values.
pub fn input(sc: &SiteContext, page: &SitePage) -> TemplateInput {
    let (kind, template) = match page.kind {
        PageKind::Experience(_) => ("experience", "experience.html"),
        PageKind::Module => ("module", "module.html"),
        PageKind::Story => ("story", "page.html"),
        _ => ("page", "page.html"),
    };
    let info = PageInfo::markdown(sc, page, kind);
    let search = Some(search_document(&sc.site.language, &info));
    let input = TemplateInput::page(template, &info);
    let input = match page.kind {
        PageKind::Experience(number) => {
            input.with("experience", &experience_info(sc, page, number))
        }
        PageKind::Module => input.with("module", &modules::module_info(sc, page)),
        _ => input,
    };
    TemplateInput { search, ..input }
}

#[derive(Serialize)]
struct ExperienceInfo {
    number: u32,
    /// The modules that work on this experience.
    modules: Vec<NavLink>,
}

/// The modules that name this experience, or that the experience names, in reading order.
fn experience_info(sc: &SiteContext, page: &SitePage, number: u32) -> ExperienceInfo {
    let modules = sc
        .navigation
        .children("modules")
        .iter()
        .filter(|link| page.facts.modules.contains(&link.key))
        .cloned()
        .collect();
    ExperienceInfo { number, modules }
}
