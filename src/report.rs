//! The adaptation report for HR: which divisions have done their local implementation,
//! what HR has approved, what changed since, which shared pages are due for review.
//! Compiled after rendering, from the resolved sites, every diagnostic of the run and
//! what the run settled once (the git history, review dates, approval states); render
//! writes it as `report/report.json`, `report/index.html` and `report/<division>/`.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::approvals::{ItemState, State};
use crate::content::Handbook;
use crate::content::division::Contact;
use crate::content::translation::Status;
use crate::diagnostics::{Diagnostic, JsonDiagnostic};
use crate::history::History;
use crate::markdown::Document;
use crate::messages::Lang;
use crate::resolve::{PageStatus, Site};
use crate::review::Review;
use crate::stale::Stale;

/// What the run settled once and the report shows besides the sites.
pub struct Governance<'a> {
    /// The handbook's git history, read once per run (`None` outside git).
    pub history: Option<&'a History>,
    pub reviews: &'a [Review],
    pub approvals: &'a [ItemState],
    pub today: Date,
    /// The run's stale local sections (`stale::local_sections`), judged once.
    pub stale: &'a [Stale],
}

#[derive(Serialize)]
pub struct Report<'a> {
    /// Language -> shared file -> `current`, `outdated` or `missing`, for the languages
    /// divisions read besides the handbook's.
    pub translations: BTreeMap<String, BTreeMap<String, Status>>,
    pub divisions: Vec<DivisionReport<'a>>,
    #[serde(skip)]
    pub warnings: Vec<&'a Diagnostic>,
    /// The warnings for tools: English text beside the stable message ids, as
    /// `--format json` shows them.
    #[serde(rename = "warnings")]
    pub warnings_json: Vec<JsonDiagnostic<'a>>,
    /// Shared pages overdue for review or due within 30 days, by owner.
    pub reviews: &'a [Review],
    /// Every shared page with its title, by path (for the grid and the page names).
    #[serde(skip)]
    pub pages: BTreeMap<String, &'a str>,
    /// The date review dates were judged against.
    #[serde(skip)]
    pub today: Date,
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

    /// A shared page's title (its path when it has none).
    pub fn title<'p>(&'p self, path: &'p str) -> &'p str {
        self.pages.get(path).copied().unwrap_or(path)
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

#[derive(Serialize)]
pub struct DivisionReport<'a> {
    pub id: String,
    pub name: String,
    /// Every shared page: `local-section`, `replaced`, `hidden` or `shared`.
    pub pages: BTreeMap<String, &'static str>,
    pub local_pages: Vec<String>,
    pub local_activities: usize,
    pub missing_required: Vec<String>,
    /// Local sections and replacements of shared pages that changed after them.
    pub stale: Vec<String>,
    /// For each stale page, the day its shared page changed.
    pub stale_since: BTreeMap<String, Date>,
    /// Shared links that became plain text because their target is hidden here.
    pub hidden_links: Vec<HiddenLink>,
    /// The division's own handouts: `local` (added) or `override` (of a shared one).
    pub handouts: BTreeMap<String, &'static str>,
    /// The follow-up weeks the division adds a note to.
    pub notes: Vec<u32>,
    pub contacts: &'a [Contact],
    pub followup_start: Option<Date>,
    /// Every local item: `approved`, `changed` (since approval) or `unapproved`.
    pub approvals: BTreeMap<String, State>,
    /// The resolved site, for the names behind the counts.
    #[serde(skip)]
    pub site: &'a Site<'a>,
    /// Who approved each item and when.
    #[serde(skip)]
    pub approval_details: Vec<&'a ItemState>,
    /// The shared version of each replaced page, for the side-by-side page.
    #[serde(skip)]
    pub originals: BTreeMap<String, &'a Document>,
}

#[derive(Debug, Serialize)]
pub struct HiddenLink {
    pub file: String,
    pub target: String,
}

/// The report of a run over every division.
pub fn compile<'a>(
    handbook: &'a Handbook,
    sites: &'a [Site<'a>],
    diagnostics: &'a [Diagnostic],
    governance: &Governance<'a>,
) -> Report<'a> {
    let divisions = sites
        .iter()
        .filter(|s| s.id.is_some())
        .map(|site| division_report(handbook, site, governance))
        .collect();
    let warnings: Vec<&Diagnostic> = diagnostics.iter().filter(|d| !d.is_error()).collect();
    Report {
        translations: crate::translations::statuses(handbook),
        divisions,
        warnings_json: warnings
            .iter()
            .map(|d| JsonDiagnostic::new(d, Lang::En))
            .collect(),
        warnings,
        reviews: governance.reviews,
        pages: handbook
            .shared
            .pages
            .iter()
            .map(|(path, page)| (path.clone(), page.title().unwrap_or(path)))
            .collect(),
        today: governance.today,
    }
}

fn division_report<'a>(
    handbook: &'a Handbook,
    site: &'a Site<'a>,
    governance: &Governance<'a>,
) -> DivisionReport<'a> {
    let approvals = governance.approvals;
    let id = site.id.unwrap_or_default();
    let (pages, stale, stale_since) = page_states(handbook, site, governance.stale);
    let approval_details: Vec<&ItemState> = approvals.iter().filter(|a| a.division == id).collect();
    let division = handbook.divisions.iter().find(|d| d.id == id);
    DivisionReport {
        id: id.to_string(),
        name: site.name.to_string(),
        pages,
        local_pages: with_status(site, PageStatus::LocalPage)
            .map(|p| p.path.clone())
            .collect(),
        local_activities: site
            .calendar
            .iter()
            .flat_map(|c| &c.activities)
            .filter(|a| a.local)
            .count(),
        missing_required: site.missing_required.clone(),
        stale,
        stale_since,
        hidden_links: site
            .hidden_links
            .iter()
            .map(|(file, target)| HiddenLink {
                file: file.clone(),
                target: target.clone(),
            })
            .collect(),
        handouts: handouts(handbook, site),
        notes: notes(site),
        contacts: site.contacts,
        followup_start: division.and_then(|d| d.config.followup_start()),
        approvals: approval_details
            .iter()
            .map(|a| (a.path.clone(), a.state))
            .collect(),
        site,
        approval_details,
        originals: with_status(site, PageStatus::Replaced)
            .filter_map(|p| Some((p.path.clone(), &handbook.shared.pages.get(&p.path)?.body)))
            .collect(),
    }
}

fn with_status<'s, 'h>(
    site: &'s Site<'h>,
    status: PageStatus,
) -> impl Iterator<Item = &'s crate::resolve::SitePage<'h>> {
    site.pages.values().filter(move |p| p.status == status)
}

type PageStates = (
    BTreeMap<String, &'static str>,
    Vec<String>,
    BTreeMap<String, Date>,
);

/// Each shared page's status in the site, and the adapted ones whose shared page
/// changed after the division's file (with the day it changed).
fn page_states(handbook: &Handbook, site: &Site, stale_sections: &[Stale]) -> PageStates {
    let mut pages = BTreeMap::new();
    let mut stale = Vec::new();
    let mut since = BTreeMap::new();
    for path in handbook.shared.pages.keys() {
        let status = match site.pages.get(path).map(|p| p.status) {
            Some(PageStatus::LocalSection) => "local-section",
            Some(PageStatus::Replaced) => "replaced",
            Some(_) => "shared",
            None if site.hidden.contains(path) => "hidden",
            None => continue, // a draft
        };
        if let Some(judged) = stale_sections
            .iter()
            .find(|s| Some(s.division.as_str()) == site.id && &s.path == path)
        {
            stale.push(path.clone());
            since.extend(judged.day().map(|date| (path.clone(), date)));
        }
        pages.insert(path.clone(), status);
    }
    (pages, stale, since)
}

/// The division's handouts: added, or overriding a shared one at the same path.
fn handouts(handbook: &Handbook, site: &Site) -> BTreeMap<String, &'static str> {
    site.files
        .values()
        .filter(|f| f.local && f.path.starts_with("handouts/"))
        .map(|f| {
            let kind = if handbook.shared.files.contains_key(f.path) {
                "override"
            } else {
                "local"
            };
            (f.path.to_string(), kind)
        })
        .collect()
}

fn notes(site: &Site) -> Vec<u32> {
    site.followup
        .iter()
        .flat_map(|f| &f.weeks)
        .filter(|w| !w.local_notes.is_empty())
        .map(|w| w.number)
        .collect()
}
