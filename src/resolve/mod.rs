//! Resolve: the second stage. For each division, a finished view of the one shared
//! handbook with that division's overlay applied (local sections, replaced and hidden
//! pages, local pages, handouts, activities and notes), every value its pages show
//! settled, every output path claimed in one registry, and every link resolved.
//!
//! Nothing is parsed or rendered here: a `Site` borrows the loaded pages and only adds
//! what differs per division. Render reads a `Site` and nothing else of the content.

pub mod changes;
mod links;
mod overlay;
mod programme;
mod routes;
mod switch;
#[cfg(test)]
mod tests;
mod translate;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::content::division::{Contact, language_origin};
use crate::content::page::{Audience, Category, Page, PageKind};
use crate::content::programme::{Channel, InlineText, Segment, Shift, YearMonth};
use crate::content::{Division, Handbook};
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::markdown::Document;
use crate::urls;

pub use crate::content::translation::Status as TextStatus;
pub use routes::{
    Generated, GeneratedPage, HANDBOOK_PDF, LEADER_KIT, RUNBOOK, Title, audience_intro,
    has_leader_kit, module_bundle_of, report_page, week_kit,
};
pub use switch::{Choice, Switchboard, switchboard};

/// How the shared texts of one value (a page, a week, an activity) read in a division
/// whose language differs from the handbook's: by field (`title`, `summary`, `body`,
/// `meeting`, ...), translated and current, translated but outdated, or missing (the
/// original is shown). Empty in a division that reads the handbook's own language, and
/// for texts a division writes itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Texts(BTreeMap<&'static str, TextStatus>);

impl Texts {
    pub fn get(&self, field: &str) -> Option<TextStatus> {
        self.0.get(field).copied()
    }

    /// Nothing is translated (a division in the handbook's language, a division's text).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn set(&mut self, field: &'static str, status: TextStatus) {
        self.0.insert(field, status);
    }

    /// Whether some text of the value has this status.
    pub fn any(&self, status: TextStatus) -> bool {
        self.0.values().any(|s| *s == status)
    }

    /// The status of each text.
    pub fn statuses(&self) -> impl Iterator<Item = TextStatus> + '_ {
        self.0.values().copied()
    }
}

/// One shared text as a division reads it: `status` is `None` where nothing is
/// translated (see `Texts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Localized<'h> {
    pub text: &'h str,
    pub status: Option<TextStatus>,
}

impl<'h> Localized<'h> {
    /// A text as written, with nothing to say about its language.
    pub fn original(text: &'h str) -> Self {
        Localized { text, status: None }
    }
}

/// How a page of the merged tree came to be, for the theme and the adaptation report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageStatus {
    /// The shared page, as HR wrote it.
    Shared,
    /// The shared page followed by the division's local section.
    LocalSection,
    /// The division's own version replaces the shared page.
    Replaced,
    /// A page only this division has.
    LocalPage,
    /// A best-practice story another division shares with everyone.
    SharedStory,
}

/// One Markdown page of a division's site, with every value it shows settled.
#[derive(Debug)]
pub struct SitePage<'h> {
    /// Its place in the merged tree, relative to `content/`.
    pub path: String,
    pub url: String,
    pub status: PageStatus,
    pub kind: PageKind,
    /// The replacement's title, else the shared page's.
    pub title: &'h str,
    /// The page's own summary, else the shared page's.
    pub summary: Option<&'h str>,
    pub weight: i64,
    /// HR locked the shared page.
    pub locked: bool,
    pub draft: bool,
    pub extra: Option<&'h serde_json::Map<String, serde_json::Value>>,
    /// The file whose body leads (relative to the handbook root).
    pub file: &'h str,
    pub body: &'h Document,
    pub local_section: Option<LocalSection<'h>>,
    /// For a story another division shares: that division's id and name.
    pub credit: Option<(&'h str, &'h str)>,
    /// What the programme says about the page (modules and experiences).
    pub facts: Facts<'h>,
    /// How the title, summary, body (and a module's duration and format) read in the
    /// division's language.
    pub texts: Texts,
    /// Where the links of the main body and of the local section lead in this site.
    pub body_links: Vec<LinkTarget>,
    pub section_links: Vec<LinkTarget>,
    /// The shared file and the division's file behind the page, for the report.
    pub shared_file: Option<&'h str>,
    pub local_file: Option<&'h str>,
    /// The folder its own relative links start from.
    base_dir: String,
    shared: Option<&'h Page>,
    local: Option<&'h Page>,
}

/// A division's text shown after a shared page's.
#[derive(Debug, Clone, Copy)]
pub struct LocalSection<'h> {
    /// Its own heading, when the front matter gives one.
    pub title: Option<&'h str>,
    pub body: &'h Document,
    pub file: &'h str,
}

/// The programme's facts of a page: a module's audiences, categories, experiences and
/// handouts; an experience's modules. Cross-references are settled both ways.
#[derive(Debug, Default)]
pub struct Facts<'h> {
    pub audiences: &'h [Audience],
    pub categories: &'h [Category],
    pub duration: Option<&'h str>,
    pub format: Option<&'h str>,
    /// A module's experiences: those it names and those that name it, in order.
    pub experiences: Vec<u32>,
    /// An experience's modules (page paths): those it names and those that name it.
    pub modules: BTreeSet<String>,
    /// A module's handouts that exist in this site, as paths under `content/`.
    pub handouts: Vec<String>,
}

/// Where an internal link leads in one division's site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A page, section, generated page or file. `key` names it in the merged tree
    /// (`modules/x.md`, `modules/`, `followup.yaml`, `handouts/a.pdf`); `url` is
    /// site-relative.
    To {
        key: String,
        url: String,
        fragment: String,
    },
    /// A heading of the same page.
    Here(String),
    /// The link's text only: its target is hidden in this division (or broken, and
    /// reported).
    Text,
}

impl<'h> SitePage<'h> {
    /// Every id a link may point at on this page: its headings and the local section's.
    pub fn anchors(&self) -> impl Iterator<Item = &str> {
        let section = self.local_section.map(|s| s.body.ids());
        self.body
            .ids()
            .chain(section.into_iter().flatten())
            .chain(self.local_section.map(|_| LOCAL_SECTION_ID))
    }

    /// The page whose front matter leads: the division's when it replaces or owns the
    /// page, the shared one otherwise.
    fn main(&self) -> &'h Page {
        match self.status {
            PageStatus::Shared | PageStatus::LocalSection => {
                self.shared.expect("shared pages have a shared source")
            }
            _ => self.local.expect("division pages have a division source"),
        }
    }
}

/// The id of the heading above a local section.
pub const LOCAL_SECTION_ID: &str = "lokal-implementering";

/// A handout or other file as one division sees it.
#[derive(Debug, Clone)]
pub struct SiteFile<'h> {
    /// Its position in the merged tree (`handouts/a.pdf`).
    pub path: &'h str,
    /// The source file, relative to the handbook root.
    pub source: &'h str,
    pub absolute: &'h Path,
    pub size: u64,
    /// The division's own file (new, or shadowing the shared one).
    pub local: bool,
    /// Its title: from `handouts/handouts.yaml` (the division's, else the shared one),
    /// else from its file name.
    pub title: std::borrow::Cow<'h, str>,
    pub description: Option<&'h str>,
}

/// The follow-up process as one division sees it.
#[derive(Debug)]
pub struct SiteFollowup<'h> {
    pub title: Option<&'h str>,
    /// How the title reads in the division's language.
    pub texts: Texts,
    pub file: &'h str,
    /// The Monday the division's process starts, when it has a `followup_start`.
    pub start: Option<Date>,
    pub weeks: Vec<SiteWeek<'h>>,
}

/// An inline Markdown text of a data file as one division shows it: rendered once at
/// load, its links resolved in this division's tree (relative links start at `content/`,
/// where the data files sit).
#[derive(Debug)]
pub struct SiteText<'h> {
    pub text: &'h InlineText,
    /// The file it is read from (the original, a translation, a division's file).
    pub file: &'h str,
    /// HR's text: it cannot link to one division's own pages.
    pub shared: bool,
    /// Where its links lead in this site (one entry per link, filled by the link stage).
    pub links: Vec<LinkTarget>,
}

impl<'h> SiteText<'h> {
    pub fn new(text: &'h InlineText, file: &'h str, shared: bool) -> Self {
        SiteText {
            text,
            file,
            shared,
            links: Vec::new(),
        }
    }

    /// The text as written.
    pub fn as_str(&self) -> &'h str {
        &self.text.text
    }
}

/// A follow-up week as one division sees it.
#[derive(Debug)]
pub struct SiteWeek<'h> {
    pub number: u32,
    pub title: &'h str,
    pub meeting: Option<SiteText<'h>>,
    /// The meeting kit, as a path under `content/`, when the site has it.
    pub kit: Option<String>,
    pub experiences: &'h [u32],
    pub note: Option<SiteText<'h>>,
    pub local_notes: Vec<SiteText<'h>>,
    /// Monday and Friday, when the division has a `followup_start`.
    pub dates: Option<(Date, Date)>,
    /// The public holidays from Monday to Friday in the division's country.
    pub holidays: Vec<(Date, crate::holidays::Holiday)>,
    /// How the title, meeting and note read in the division's language.
    pub texts: Texts,
}

/// The marketing calendar as one division sees it.
#[derive(Debug)]
pub struct SiteCalendar<'h> {
    pub title: Option<&'h str>,
    /// How the title reads in the division's language.
    pub texts: Texts,
    pub file: &'h str,
    /// The plan's twelve months (none when its `start` is invalid, which is reported).
    pub months: Vec<YearMonth>,
    /// The shared and local activities, by month and date.
    pub activities: Vec<SiteActivity<'h>>,
}

/// A marketing activity as one division sees it.
#[derive(Debug)]
pub struct SiteActivity<'h> {
    pub title: &'h str,
    pub month: YearMonth,
    pub date: Option<Date>,
    pub channel: Option<Channel>,
    pub owner: Option<&'h str>,
    pub campaign: Option<&'h str>,
    pub description: Option<SiteText<'h>>,
    pub experiences: &'h [u32],
    pub local: bool,
    /// The file it comes from and its place there, for UIDs and diagnostics.
    pub file: &'h str,
    pub index: usize,
    /// How the title, description and campaign of a shared activity read in the
    /// division's language.
    pub texts: Texts,
}

/// The business case a division shows: its own, or the shared one.
#[derive(Debug)]
pub struct SiteBusinessCase<'h> {
    pub file: &'h str,
    /// The division ships its own figures.
    pub local: bool,
    pub segments: &'h [Segment],
    /// The segments' names in the division's language, in the same order (the shifts
    /// name them so too).
    pub names: Vec<Localized<'h>>,
    pub shift_pct: f64,
    pub shifts: Vec<Shift>,
}

/// A division's site: the shared handbook with its overlay, links resolved.
#[derive(Debug)]
pub struct Site<'h> {
    /// The division's id (`None` for a handbook without divisions).
    pub id: Option<&'h str>,
    /// The division's name, or the handbook's title without divisions.
    pub name: &'h str,
    /// The handbook's title.
    pub title: &'h str,
    pub language: String,
    /// Where the language is chosen (the division's `language:` line, else handbook.yaml's).
    pub language_from: (String, Position),
    /// The handbook's language: what shared texts are written in.
    pub source_language: &'h str,
    pub base_url: Option<&'h str>,
    pub noindex: bool,
    pub contacts: &'h [Contact],
    /// The output folder relative to the output root (`privat/`, or `` for a handbook
    /// without divisions).
    pub prefix: String,
    pub pages: BTreeMap<String, SitePage<'h>>,
    pub hidden: BTreeSet<String>,
    pub files: BTreeMap<String, SiteFile<'h>>,
    pub followup: Option<SiteFollowup<'h>>,
    pub calendar: Option<SiteCalendar<'h>>,
    pub business_case: Option<SiteBusinessCase<'h>>,
    /// Handout titles in the division's language, by path under `content/`, from
    /// `handouts/handouts.<L>.yaml`. (A hook: the shared titles of `handouts.yaml` are
    /// not read yet, so an untranslated handout keeps the title its file name gives.)
    pub handout_titles: BTreeMap<String, Localized<'h>>,
    /// The pages no single Markdown file makes, in sidebar order (see `routes`).
    pub generated: Vec<GeneratedPage>,
    /// Shared links that became plain text because their target is hidden here:
    /// (file, target path).
    pub hidden_links: BTreeSet<(String, String)>,
    /// Required local sections this division lacks.
    pub missing_required: Vec<String>,
    /// What changed, from the git history (settled after the sites, see `changes`).
    pub changes: changes::SiteChanges,
    handbook: &'h Handbook,
    division: Option<&'h Division>,
}

impl<'h> Site<'h> {
    fn new(handbook: &'h Handbook, division: Option<&'h Division>) -> Site<'h> {
        let config = &handbook.config;
        let language = division
            .and_then(|d| d.config.language.clone())
            .unwrap_or_else(|| config.language.clone());
        Site {
            id: division.map(|d| d.id.as_str()),
            name: division.map_or(config.title.as_str(), Division::name),
            title: &config.title,
            language,
            language_from: language_origin(config, division),
            source_language: &config.language,
            base_url: config.base_url.as_deref(),
            noindex: config.noindex,
            contacts: division.map_or(&[], |d| d.config.contacts.as_slice()),
            prefix: division.map(|d| format!("{}/", d.id)).unwrap_or_default(),
            pages: BTreeMap::new(),
            hidden: BTreeSet::new(),
            files: BTreeMap::new(),
            followup: None,
            calendar: None,
            business_case: None,
            handout_titles: BTreeMap::new(),
            generated: Vec::new(),
            hidden_links: BTreeSet::new(),
            missing_required: Vec::new(),
            changes: changes::SiteChanges::default(),
            handbook,
            division,
        }
    }

    /// Every folder that gets a section page: each folder holding a page (and its
    /// ancestors, the root `` included), and `handouts` when there are handouts.
    pub fn folders(&self) -> BTreeSet<String> {
        let mut folders: BTreeSet<String> = self
            .pages
            .keys()
            .flat_map(|path| ancestors(urls::parent(path)))
            .collect();
        folders.remove(crate::content::DIVISIONS_DIR);
        // The audiences' introductions belong to the audience pages.
        folders.remove(crate::content::page::AUDIENCES_DIR);
        if self.has_handouts() {
            folders.insert(crate::content::HANDOUTS_DIR.to_string());
        }
        folders
    }

    /// The language shared texts are translated into here: the division's, when it
    /// differs from the handbook's.
    pub fn translation_language(&self) -> Option<&str> {
        (self.language != self.source_language).then_some(self.language.as_str())
    }

    pub fn has_handouts(&self) -> bool {
        self.files.keys().any(|p| p.starts_with("handouts/"))
    }

    /// The generated page with this key (`followup.yaml`, `modules/`).
    pub fn generated(&self, key: &str) -> Option<&GeneratedPage> {
        self.generated.iter().find(|g| g.key == key)
    }
}

/// `a/b` -> ``, `a`, `a/b`.
pub fn ancestors(folder: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut current = String::new();
    for segment in folder.split('/').filter(|s| !s.is_empty()) {
        if !current.is_empty() {
            current.push('/');
        }
        current.push_str(segment);
        out.push(current.clone());
    }
    out
}

/// What the resolve stage is asked to do.
#[derive(Debug, Clone, Default)]
pub struct ResolveOptions {
    /// Only these divisions (all when empty).
    pub divisions: Vec<String>,
    /// Include draft pages.
    pub drafts: bool,
    /// The sites get a search page.
    pub search: bool,
}

/// One site per division (or one for a handbook without divisions), resolved in
/// parallel: each is independent until their link problems are merged.
pub fn sites<'h>(
    handbook: &'h Handbook,
    options: &ResolveOptions,
    diagnostics: &mut Diagnostics,
) -> Vec<Site<'h>> {
    sites_checked(handbook, options, diagnostics).0
}

/// What resolving one division's site on its own says about the run's problems: a
/// preview's edit of that division's page that leaves this as it was changes none of
/// the warnings other sites or the report show (see `build`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteCheck {
    /// The site's own problems, and its link problems before they are merged with the
    /// other sites' (with the files it checked and the handouts it links to).
    problems: Vec<Diagnostic>,
    links: links::LinkProblems,
    /// What the report lists of it besides its pages' states.
    hidden_links: BTreeSet<(String, String)>,
    missing_required: Vec<String>,
}

impl SiteCheck {
    fn new(site: &Site, problems: &[Diagnostic], links: &links::LinkProblems) -> Self {
        SiteCheck {
            problems: problems.to_vec(),
            links: links.clone(),
            hidden_links: site.hidden_links.clone(),
            missing_required: site.missing_required.clone(),
        }
    }
}

/// `sites`, and each one's check (in the same order).
pub fn sites_checked<'h>(
    handbook: &'h Handbook,
    options: &ResolveOptions,
    diagnostics: &mut Diagnostics,
) -> (Vec<Site<'h>>, Vec<SiteCheck>) {
    if !handbook.divisions.is_empty() {
        diagnostics.extend(routes::check_root(handbook));
    }
    let resolved: Vec<(Site<'h>, Vec<Diagnostic>, links::LinkProblems)> = chosen(handbook, options)
        .into_par_iter()
        .map(|division| resolve_one(handbook, division, options))
        .collect();
    let mut sites = Vec::with_capacity(resolved.len());
    let mut checks = Vec::with_capacity(resolved.len());
    let mut link_problems = links::LinkProblems::default();
    for (site, problems, links) in resolved {
        checks.push(SiteCheck::new(&site, &problems, &links));
        diagnostics.extend(problems);
        link_problems.merge(links);
        sites.push(site);
    }
    diagnostics.extend(link_problems.into_diagnostics(&sites));
    (sites, checks)
}

/// The divisions whose sites a run resolves (`None`: the one site of a handbook without
/// divisions).
fn chosen<'h>(handbook: &'h Handbook, options: &ResolveOptions) -> Vec<Option<&'h Division>> {
    if handbook.divisions.is_empty() {
        return vec![None];
    }
    handbook
        .divisions
        .iter()
        .filter(|d| options.divisions.is_empty() || options.divisions.contains(&d.id))
        .map(Some)
        .collect()
}

/// Division `id`'s site resolved on its own, and its check; `None` for an unknown id.
/// Its problems are not reported: they are in the check.
pub fn division_site<'h>(
    handbook: &'h Handbook,
    id: &str,
    options: &ResolveOptions,
) -> Option<(Site<'h>, SiteCheck)> {
    let division = handbook.divisions.iter().find(|d| d.id == id)?;
    let (site, problems, links) = resolve_one(handbook, Some(division), options);
    let check = SiteCheck::new(&site, &problems, &links);
    Some((site, check))
}

fn resolve_one<'h>(
    handbook: &'h Handbook,
    division: Option<&'h Division>,
    options: &ResolveOptions,
) -> (Site<'h>, Vec<Diagnostic>, links::LinkProblems) {
    let (mut site, problems) = site(handbook, division, options);
    let mut link_problems = links::LinkProblems::default();
    links::resolve_all(&mut site, options, &mut link_problems);
    (site, problems, link_problems)
}

fn site<'h>(
    handbook: &'h Handbook,
    division: Option<&'h Division>,
    options: &ResolveOptions,
) -> (Site<'h>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let site = structure(handbook, division, options, &mut problems);
    problems.extend(routes::check_site(&site));
    let problems = problems
        .into_iter()
        .map(|d| attribute(d, site.id))
        .collect();
    (site, problems)
}

/// A site's pages, their programme facts and translations, and its generated pages:
/// everything but its links.
fn structure<'h>(
    handbook: &'h Handbook,
    division: Option<&'h Division>,
    options: &ResolveOptions,
    problems: &mut Vec<Diagnostic>,
) -> Site<'h> {
    let mut site = Site::new(handbook, division);
    overlay::apply(&mut site, options, problems);
    programme::settle(&mut site, problems);
    // Before the generated pages: their titles are the translated ones.
    translate::apply(&mut site);
    site.generated = routes::generated_pages(&site, options);
    site
}

/// The sites as a preview renders them after an edit of the text of `pages` (positions
/// in the merged tree) that links to the same places and keeps every heading id: only
/// those pages' links are filled, and nothing is checked, since every link of every
/// site resolves as in the last run and finds the same problems (the caller keeps that
/// run's). Most of resolving is filling and checking links.
pub fn sites_for_pages<'h>(
    handbook: &'h Handbook,
    options: &ResolveOptions,
    pages: &BTreeSet<String>,
) -> Vec<Site<'h>> {
    chosen(handbook, options)
        .into_par_iter()
        .map(|division| {
            let mut site = structure(handbook, division, options, &mut Vec::new());
            links::fill_pages(&mut site, options, pages);
            site
        })
        .collect()
}

/// A problem in a division's own file is that division's.
fn attribute(diagnostic: Diagnostic, id: Option<&str>) -> Diagnostic {
    match (id, &diagnostic.division) {
        (Some(id), None)
            if diagnostic
                .file
                .as_deref()
                .is_some_and(|f| f.starts_with(&format!("content/divisions/{id}/"))) =>
        {
            diagnostic.for_division(id)
        }
        _ => diagnostic,
    }
}

/// What the output root shows (the division chooser, the report): the handbook and
/// every division, also those a partial build leaves out.
#[derive(Debug, serde::Serialize)]
pub struct Root<'h> {
    pub title: &'h str,
    pub language: &'h str,
    #[serde(skip)]
    pub language_from: (String, Position),
    pub noindex: bool,
    pub divisions: Vec<RootDivision<'h>>,
}

#[derive(Debug, serde::Serialize)]
pub struct RootDivision<'h> {
    pub id: &'h str,
    pub name: &'h str,
}

pub fn root(handbook: &Handbook) -> Root<'_> {
    Root {
        title: &handbook.config.title,
        language: &handbook.config.language,
        language_from: language_origin(&handbook.config, None),
        noindex: handbook.config.noindex,
        divisions: handbook
            .divisions
            .iter()
            .map(|d| RootDivision {
                id: &d.id,
                name: d.name(),
            })
            .collect(),
    }
}
