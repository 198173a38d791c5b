//! Handouts: each with its type and size, and the `handouts/` page listing them by
//! module, by follow-up week, and all together.

use serde::Serialize;

use crate::resolve::{GeneratedPage, SiteFile};
use crate::urls;

use super::context::SiteContext;
use super::format::file_type;
use super::page_info::TemplateInput;
use super::sections::section_info;

#[derive(Serialize, Clone)]
pub struct HandoutInfo {
    pub title: String,
    /// The title's language, when it is not the page's (an untranslated title).
    pub lang: Option<String>,
    pub description: Option<String>,
    /// Relative to `handouts/`.
    pub path: String,
    pub href: String,
    pub file_type: String,
    pub size: String,
    pub local: bool,
}

/// A handout of the site by its path under `content/` (`handouts/a.pdf`).
pub fn handout(sc: &SiteContext, path: &str) -> Option<HandoutInfo> {
    sc.site
        .files
        .get(path)
        .map(|file| handout_info(sc, path, file))
}

fn handout_info(sc: &SiteContext, path: &str, file: &SiteFile) -> HandoutInfo {
    let localized = sc.site.handout_titles.get(path);
    let missing = localized.is_some_and(|t| t.status == Some(crate::resolve::TextStatus::Missing));
    HandoutInfo {
        title: localized.map_or_else(|| file.title.to_string(), |t| t.text.to_string()),
        lang: missing.then(|| sc.site.source_language.to_string()),
        description: file.description.map(str::to_string),
        path: path.trim_start_matches("handouts/").to_string(),
        href: urls::file_url(path),
        file_type: file_type(path),
        size: sc.style().file_size(file.size),
        local: file.local,
    }
}

#[derive(Serialize)]
struct HandoutGroup {
    title: String,
    href: Option<String>,
    handouts: Vec<HandoutInfo>,
    /// A module's bundle of all its handouts (`downloads/modules/<id>.zip`).
    bundle: Option<String>,
}

#[derive(Serialize)]
struct HandoutsInfo {
    by_module: Vec<HandoutGroup>,
    by_week: Vec<HandoutGroup>,
    all: Vec<HandoutInfo>,
}

/// Every handout of the site, grouped by module and by week, each with type and size.
pub fn page(sc: &SiteContext, page: &GeneratedPage) -> TemplateInput {
    let site = sc.site;
    let by_module = sc
        .modules()
        .into_iter()
        .map(|(link, module)| HandoutGroup {
            title: link.title.clone(),
            href: Some(link.href.clone()),
            handouts: module
                .facts
                .handouts
                .iter()
                .filter_map(|h| handout(sc, h))
                .collect(),
            bundle: crate::resolve::module_bundle_of(module),
        })
        .filter(|group| !group.handouts.is_empty())
        .collect();
    let weeks = site.followup.iter().flat_map(|f| &f.weeks);
    let by_week = weeks
        .filter_map(|week| {
            let kit = handout(sc, week.kit.as_deref()?)?;
            Some(HandoutGroup {
                title: format!("{} {}: {}", sc.label("week"), week.number, week.title),
                href: Some(format!("followup/week-{}/index.html", week.number)),
                handouts: vec![kit],
                bundle: None,
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
    TemplateInput::page("handouts.html", &section_info(sc, page)).with("handouts", &handouts)
}
