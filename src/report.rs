//! The adaptation report for HR: which divisions have done their local implementation.
//! Compiled after rendering, from the resolved sites and every diagnostic of the run;
//! render writes it as `report/report.json` and `report/index.html`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::content::Handbook;
use crate::content::translation::Status;
use crate::diagnostics::Diagnostic;
use crate::resolve::{PageStatus, Site};
use crate::stale::Stale;

#[derive(Debug, Serialize)]
pub struct Report<'a> {
    /// Language -> shared file -> `current`, `outdated` or `missing`, for the languages
    /// divisions read besides the handbook's.
    pub translations: BTreeMap<String, BTreeMap<String, Status>>,
    pub divisions: Vec<DivisionReport>,
    pub warnings: Vec<&'a Diagnostic>,
}

impl Report<'_> {
    /// Every shared page some division's report names, in order.
    pub fn shared_pages(&self) -> Vec<&str> {
        let pages: std::collections::BTreeSet<&str> = self
            .divisions
            .iter()
            .flat_map(|d| d.pages.keys().map(String::as_str))
            .collect();
        pages.into_iter().collect()
    }

    /// Per language, how many translations are current and which are outdated or missing.
    pub fn translation_summary(&self) -> Vec<TranslationSummary<'_>> {
        self.translations
            .iter()
            .map(|(language, files)| {
                let with = |status| {
                    files
                        .iter()
                        .filter(|(_, s)| **s == status)
                        .map(|(path, _)| path.as_str())
                        .collect::<Vec<_>>()
                };
                TranslationSummary {
                    language,
                    current: with(Status::Current).len(),
                    outdated: with(Status::Outdated),
                    missing: with(Status::Missing),
                }
            })
            .collect()
    }
}

/// One language's line of the report's translation table.
#[derive(Debug, Serialize)]
pub struct TranslationSummary<'a> {
    pub language: &'a str,
    pub current: usize,
    pub outdated: Vec<&'a str>,
    pub missing: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct DivisionReport {
    pub id: String,
    pub name: String,
    /// Every shared page: `local-section`, `replaced`, `hidden` or `shared`.
    pub pages: BTreeMap<String, &'static str>,
    pub local_pages: Vec<String>,
    pub local_activities: usize,
    pub missing_required: Vec<String>,
    /// Local sections and replacements of shared pages that changed after them.
    pub stale: Vec<String>,
    /// Shared links that became plain text because their target is hidden here.
    pub hidden_links: Vec<HiddenLink>,
}

#[derive(Debug, Serialize)]
pub struct HiddenLink {
    pub file: String,
    pub target: String,
}

/// The report of a run over every division; `stale` are the run's stale local sections
/// (`stale::local_sections`).
pub fn compile<'a>(
    handbook: &Handbook,
    sites: &[Site],
    diagnostics: &'a [Diagnostic],
    stale: &[Stale],
) -> Report<'a> {
    let divisions = sites
        .iter()
        .filter(|s| s.id.is_some())
        .map(|site| division_report(handbook, site, stale))
        .collect();
    let warnings = diagnostics.iter().filter(|d| !d.is_error()).collect();
    Report {
        translations: crate::translations::statuses(handbook),
        divisions,
        warnings,
    }
}

fn division_report(handbook: &Handbook, site: &Site, stale: &[Stale]) -> DivisionReport {
    let mut pages = BTreeMap::new();
    for path in handbook.shared.pages.keys() {
        let status = match site.pages.get(path).map(|p| p.status) {
            Some(PageStatus::LocalSection) => "local-section",
            Some(PageStatus::Replaced) => "replaced",
            Some(_) => "shared",
            None if site.hidden.contains(path) => "hidden",
            None => continue, // a draft
        };
        pages.insert(path.clone(), status);
    }
    let local_pages = site
        .pages
        .values()
        .filter(|p| p.status == PageStatus::LocalPage)
        .map(|p| p.path.clone())
        .collect();
    DivisionReport {
        id: site.id.unwrap_or_default().to_string(),
        name: site.name.to_string(),
        pages,
        local_pages,
        local_activities: site
            .calendar
            .iter()
            .flat_map(|c| &c.activities)
            .filter(|a| a.local)
            .count(),
        missing_required: site.missing_required.clone(),
        stale: stale
            .iter()
            .filter(|s| Some(s.division.as_str()) == site.id)
            .map(|s| s.path.clone())
            .collect(),
        hidden_links: site
            .hidden_links
            .iter()
            .map(|(file, target)| HiddenLink {
                file: file.clone(),
                target: target.clone(),
            })
            .collect(),
    }
}
