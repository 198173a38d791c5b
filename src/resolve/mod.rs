//! Resolve: the second stage. For each division, a cheap view of the one shared
//! handbook with that division's overlay applied (local sections, replaced and hidden
//! pages, local pages, handouts, activities and notes), and every link resolved in it.
//!
//! Nothing is parsed or rendered here: a `Site` borrows the loaded pages and only adds
//! what differs per division.

mod links;

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use crate::content::page::{Page, PageKind};
use crate::content::programme::{self, Activity, BusinessCase, Calendar, Data, Followup, Week};
use crate::content::{Division, Handbook, StaticFile};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::urls;
use crate::yaml::Step;

pub use links::Target;

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

/// One page of a division's site.
#[derive(Debug)]
pub struct SitePage<'h> {
    /// Its place in the merged tree, relative to `content/`.
    pub path: String,
    pub url: String,
    /// The folder its own relative links start from.
    pub base_dir: String,
    pub status: PageStatus,
    pub shared: Option<&'h Page>,
    /// The division's file: local section, replacement, local page or shared story.
    pub local: Option<&'h Page>,
    /// For a story shared by another division: that division's id and name.
    pub credit: Option<(&'h str, &'h str)>,
    /// Where the links of the main body and of the local section lead in this site.
    pub body_links: Vec<LinkTarget>,
    pub section_links: Vec<LinkTarget>,
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
    /// The page whose front matter and body lead: the division's when it replaces or
    /// owns the page, the shared one otherwise.
    pub fn main(&self) -> &'h Page {
        match self.status {
            PageStatus::Shared | PageStatus::LocalSection => {
                self.shared.expect("shared pages have a shared source")
            }
            _ => self.local.expect("division pages have a division source"),
        }
    }

    /// The local section, when the division adds one to a shared page.
    pub fn local_section(&self) -> Option<&'h Page> {
        (self.status == PageStatus::LocalSection)
            .then_some(self.local)
            .flatten()
    }

    pub fn title(&self) -> &'h str {
        self.main()
            .title()
            .or_else(|| self.shared.and_then(Page::title))
            .unwrap_or_default()
    }

    pub fn kind(&self) -> PageKind {
        self.main().kind
    }

    /// Every id a link may point at on this page: its headings and the local section's.
    pub fn anchors(&self) -> impl Iterator<Item = &str> {
        let section = self.local_section().map(|p| p.body.ids());
        self.main()
            .body
            .ids()
            .chain(section.into_iter().flatten())
            .chain(self.local_section().map(|_| LOCAL_SECTION_ID))
    }
}

/// The id of the heading above a local section.
pub const LOCAL_SECTION_ID: &str = "lokal-implementering";

/// A follow-up week as one division sees it.
#[derive(Debug)]
pub struct SiteWeek<'h> {
    pub week: &'h Week,
    pub local_notes: Vec<&'h str>,
    /// Monday and Friday, when the division has a `followup_start`.
    pub dates: Option<(Date, Date)>,
}

/// A marketing activity as one division sees it.
#[derive(Debug)]
pub struct SiteActivity<'h> {
    pub activity: &'h Activity,
    pub local: bool,
    /// The file it comes from, for UIDs and diagnostics.
    pub file: &'h str,
    pub index: usize,
}

/// A handout or other file as one division sees it.
#[derive(Debug, Clone, Copy)]
pub struct SiteFile<'h> {
    pub file: &'h StaticFile,
    pub local: bool,
}

/// A division's site: the shared handbook with its overlay, links resolved.
#[derive(Debug)]
pub struct Site<'h> {
    pub handbook: &'h Handbook,
    pub division: Option<&'h Division>,
    /// The output folder relative to the output root (`privat/`, or `` for a handbook
    /// without divisions).
    pub prefix: String,
    pub language: String,
    pub pages: BTreeMap<String, SitePage<'h>>,
    pub hidden: BTreeSet<String>,
    pub files: BTreeMap<String, SiteFile<'h>>,
    pub followup: Option<&'h Data<Followup>>,
    pub weeks: Vec<SiteWeek<'h>>,
    pub calendar: Option<&'h Data<Calendar>>,
    pub activities: Vec<SiteActivity<'h>>,
    pub business_case: Option<&'h Data<BusinessCase>>,
    /// Shared links that became plain text because their target is hidden here:
    /// (file, target path).
    pub hidden_links: BTreeSet<(String, String)>,
    /// Required local sections this division lacks.
    pub missing_required: Vec<String>,
}

impl<'h> Site<'h> {
    pub fn id(&self) -> Option<&'h str> {
        self.division.map(|d| d.id.as_str())
    }

    pub fn name(&self) -> &'h str {
        self.division
            .map_or(self.handbook.config.title.as_str(), Division::name)
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
        if self.has_handouts() {
            folders.insert(crate::content::HANDOUTS_DIR.to_string());
        }
        folders
    }

    pub fn has_handouts(&self) -> bool {
        self.files.keys().any(|p| p.starts_with("handouts/"))
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
}

/// One site per division (or one for a handbook without divisions).
pub fn sites<'h>(
    handbook: &'h Handbook,
    options: &ResolveOptions,
    diagnostics: &mut Diagnostics,
) -> Vec<Site<'h>> {
    check_shared(handbook, diagnostics);
    let mut sites: Vec<Site<'h>> = if handbook.divisions.is_empty() {
        vec![site(handbook, None, options, diagnostics)]
    } else {
        handbook
            .divisions
            .iter()
            .filter(|d| options.divisions.is_empty() || options.divisions.contains(&d.id))
            .map(|division| site(handbook, Some(division), options, diagnostics))
            .collect()
    };
    let mut link_problems = links::LinkProblems::default();
    for site in &mut sites {
        links::resolve_all(site, options, &mut link_problems);
    }
    diagnostics.extend(link_problems.into_diagnostics(&sites));
    sites
}

/// Checks of the shared content that do not depend on a division.
fn check_shared(handbook: &Handbook, diagnostics: &mut Diagnostics) {
    let shared = &handbook.shared;
    let experiences = experience_numbers(handbook, None);
    if let Some(followup) = &shared.followup {
        diagnostics.extend(programme::check_weeks(followup));
        diagnostics.extend(programme::check_week_experiences(followup, &experiences));
    }
    if let Some(calendar) = &shared.calendar {
        let rules = programme::PlanRules {
            start: calendar.value.start.get(),
            experiences: &experiences,
            local: false,
        };
        diagnostics.extend(programme::check_start(calendar));
        diagnostics.extend(programme::check_activities(
            calendar,
            &calendar.value.activities,
            &rules,
        ));
        diagnostics.extend(programme::check_empty_months(calendar));
    }
    if let Some(case) = &shared.business_case {
        diagnostics.extend(programme::check_business_case(case));
    }
    for division in &handbook.divisions {
        diagnostics.extend(crate::content::division::check_followup_start(
            &division.config,
        ));
        if let Some(case) = &division.business_case {
            diagnostics.extend(programme::check_business_case(case));
        }
    }
    check_experience_numbers(handbook, diagnostics);
    check_module_references(handbook, diagnostics);
    check_required_paths(handbook, diagnostics);
}

/// The experience numbers a site has: the shared ones and the division's own.
fn experience_numbers(handbook: &Handbook, division: Option<&Division>) -> BTreeSet<u32> {
    let division_pages = division.into_iter().flat_map(|d| d.pages.values());
    let pages = handbook
        .shared
        .pages
        .values()
        .chain(division_pages)
        .map(|p| p.kind);
    // An experience whose file has errors still has its number (from the file name).
    let unreadable = division
        .into_iter()
        .flat_map(|d| &d.unreadable)
        .chain(&handbook.shared.unreadable);
    let unreadable = unreadable.filter_map(|path| PageKind::of(path).ok());
    pages
        .chain(unreadable)
        .filter_map(experience_number)
        .collect()
}

fn check_experience_numbers(handbook: &Handbook, diagnostics: &mut Diagnostics) {
    let mut seen: BTreeMap<u32, &Page> = BTreeMap::new();
    for page in handbook.shared.pages.values() {
        if let PageKind::Experience(number) = page.kind
            && let Some(first) = seen.insert(number, page)
        {
            diagnostics.push(
                Diagnostic::error(format!(
                    "experience number {number} is used twice: here and in {}",
                    first.file
                ))
                .in_file(&page.file)
                .hint("give each experience its own number at the start of the file name"),
            );
        }
    }
}

/// The experience numbers a module names exist, and the module ids an experience names.
fn check_module_references(handbook: &Handbook, diagnostics: &mut Diagnostics) {
    let pages = &handbook.shared.pages;
    let numbers = experience_numbers(handbook, None);
    for page in pages.values() {
        diagnostics.extend(page_references(page, &numbers, |id| {
            pages.contains_key(&format!("modules/{id}.md"))
        }));
    }
}

/// The experience numbers and module ids a page's front matter names must exist.
fn page_references(
    page: &Page,
    numbers: &BTreeSet<u32>,
    module_exists: impl Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (index, number) in page.meta.experiences.iter().flatten().enumerate() {
        if !numbers.contains(number) {
            problems.push(
                page.problem_at(
                    &[Step::Key("experiences"), Step::Index(index)],
                    format!("there is no experience {number}"),
                )
                .hint(format!(
                    "the experiences are numbered {}",
                    join_numbers(numbers)
                )),
            );
        }
    }
    for (index, id) in page.meta.modules.iter().flatten().enumerate() {
        if !module_exists(id) {
            problems.push(
                page.problem_at(
                    &[Step::Key("modules"), Step::Index(index)],
                    format!("there is no module `{id}`"),
                )
                .hint("a module's id is its file name under modules/ without `.md`"),
            );
        }
    }
    problems
}

fn experience_number(kind: PageKind) -> Option<u32> {
    match kind {
        PageKind::Experience(n) => Some(n),
        _ => None,
    }
}

fn join_numbers(numbers: &BTreeSet<u32>) -> String {
    numbers
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_required_paths(handbook: &Handbook, diagnostics: &mut Diagnostics) {
    for (index, path) in handbook.config.require_local.iter().enumerate() {
        if !handbook.shared.pages.contains_key(path) && !handbook.shared.unreadable.contains(path) {
            let at = handbook
                .config
                .position_of(&[Step::Key("require_local"), Step::Index(index)]);
            diagnostics.push(
                Diagnostic::error(format!(
                    "`require_local` names `{path}`, which is not a shared page"
                ))
                .in_file(crate::config::CONFIG_FILE)
                .at(at)
                .hint(suggest_path(path, handbook.shared.pages.keys())),
            );
        }
    }
}

/// The known path nearest to `wanted`, if one is close enough to be a typo.
pub fn nearest<'a>(wanted: &str, known: impl Iterator<Item = &'a String>) -> Option<&'a str> {
    known
        .map(|k| (strsim::levenshtein(wanted, k), k))
        .filter(|(distance, _)| *distance <= 6)
        .min()
        .map(|(_, k)| k.as_str())
}

/// A hint for a path in YAML (relative to `content/`) that names no page.
pub fn suggest_path<'a>(wanted: &str, known: impl Iterator<Item = &'a String>) -> String {
    match nearest(wanted, known) {
        Some(path) => format!("did you mean `{path}`? Paths are relative to content/"),
        None => {
            "give the path relative to content/, e.g. `experiences/05-faelles-sprog.md`".to_string()
        }
    }
}

fn site<'h>(
    handbook: &'h Handbook,
    division: Option<&'h Division>,
    options: &ResolveOptions,
    diagnostics: &mut Diagnostics,
) -> Site<'h> {
    let language = division
        .and_then(|d| d.config.value.language.clone())
        .unwrap_or_else(|| handbook.config.language.clone());
    let mut site = Site {
        handbook,
        division,
        prefix: division.map(|d| format!("{}/", d.id)).unwrap_or_default(),
        language,
        pages: BTreeMap::new(),
        hidden: BTreeSet::new(),
        files: BTreeMap::new(),
        followup: handbook.shared.followup.as_ref(),
        weeks: Vec::new(),
        calendar: handbook.shared.calendar.as_ref(),
        activities: Vec::new(),
        business_case: division
            .and_then(|d| d.business_case.as_ref())
            .or(handbook.shared.business_case.as_ref()),
        hidden_links: BTreeSet::new(),
        missing_required: Vec::new(),
    };
    let mut problems = Vec::new();
    add_shared_pages(&mut site, options);
    if let Some(division) = division {
        hide_pages(&mut site, division, &mut problems);
        overlay_pages(&mut site, division, options, &mut problems);
        check_division_references(&site, division, &mut problems);
        check_required_sections(&mut site, division, &mut problems);
    }
    add_shared_stories(&mut site, options);
    add_files(&mut site);
    add_weeks(&mut site, &mut problems);
    add_activities(&mut site, &mut problems);
    check_url_collisions(&site, &mut problems);
    let id = site.id();
    diagnostics.extend(problems.into_iter().map(|d| {
        match (id, &d.division) {
            (Some(id), None)
                if d.file
                    .as_deref()
                    .is_some_and(|f| f.starts_with(&format!("content/divisions/{id}/"))) =>
            {
                d.for_division(id)
            }
            _ => d,
        }
    }));
    site
}

fn new_page<'h>(
    path: &str,
    status: PageStatus,
    shared: Option<&'h Page>,
    local: Option<&'h Page>,
) -> SitePage<'h> {
    let source_path = local.or(shared).map_or(path, |p| p.path.as_str());
    SitePage {
        path: path.to_string(),
        url: urls::page_url(path),
        base_dir: urls::parent(source_path).to_string(),
        status,
        shared,
        local,
        credit: None,
        body_links: Vec::new(),
        section_links: Vec::new(),
    }
}

fn add_shared_pages(site: &mut Site, options: &ResolveOptions) {
    for (path, page) in &site.handbook.shared.pages {
        if page.is_draft() && !options.drafts {
            continue;
        }
        site.pages.insert(
            path.clone(),
            new_page(path, PageStatus::Shared, Some(page), None),
        );
    }
}

/// `hide:` in division.yaml: shared pages this division does without.
fn hide_pages(site: &mut Site, division: &Division, problems: &mut Vec<Diagnostic>) {
    let config = &division.config;
    for (index, path) in config.value.hide.iter().enumerate() {
        let at = [Step::Key("hide"), Step::Index(index)];
        match site.handbook.shared.pages.get(path) {
            // A shared page with errors of its own: those are reported.
            None if site.handbook.shared.unreadable.contains(path) => {}
            None => problems.push(
                config
                    .error_at(&at, format!("`hide` names `{path}`, which is not a shared page"))
                    .hint(suggest_path(path, site.handbook.shared.pages.keys())),
            ),
            Some(page) if page.is_locked() => problems.push(
                config
                    .error_at(&at, format!("`{path}` is locked by HR and cannot be hidden"))
                    .hint("a division may add a local section to a locked page, but not hide or replace it"),
            ),
            Some(_) => {
                site.pages.remove(path);
                site.hidden.insert(path.clone());
            }
        }
    }
}

/// The division's Markdown files: local sections, replacements and local pages.
fn overlay_pages<'h>(
    site: &mut Site<'h>,
    division: &'h Division,
    options: &ResolveOptions,
    problems: &mut Vec<Diagnostic>,
) {
    for (path, page) in &division.pages {
        if page.is_draft() && !options.drafts {
            continue;
        }
        let shared = site.handbook.shared.pages.get(path);
        if site.hidden.contains(path) {
            problems.push(
                Diagnostic::error(format!("`{path}` is hidden in this division's division.yaml, so this file would never be shown"))
                    .in_file(&page.file)
                    .hint("remove the path from `hide`, or delete this file"),
            );
            continue;
        }
        let status = match shared {
            // The shared page has errors of its own (reported): judge this file later.
            None if site.handbook.shared.unreadable.contains(path) => continue,
            None if page.replaces() => {
                problems.push(
                    page.problem_at(&[Step::Key("replace")], format!("there is no shared page `{path}` to replace"))
                        .hint("remove `replace: true` to make this a local page, or move the file to the shared page's path"),
                );
                continue;
            }
            None => {
                if page.title().is_none_or(|t| t.trim().is_empty()) {
                    problems.push(crate::content::page::missing_title(page).hint(
                        "this is a local page (the shared content has no page at this path), so it needs a title:\n---\ntitle: ...\n---",
                    ));
                    continue;
                }
                PageStatus::LocalPage
            }
            Some(shared) if page.replaces() && shared.is_locked() => {
                problems.push(
                    page.problem_at(&[Step::Key("replace")], format!("the shared page {} is locked and cannot be replaced", shared.file))
                        .hint("remove `replace: true`: the file then becomes a local section shown after the shared text"),
                );
                continue;
            }
            Some(_) if page.replaces() => PageStatus::Replaced,
            Some(_) => {
                if let Some(problem) = section_only_keys(page) {
                    problems.push(problem);
                    continue;
                }
                PageStatus::LocalSection
            }
        };
        let shared = shared.filter(|p| !p.is_draft() || options.drafts);
        let status = if shared.is_none() && status != PageStatus::LocalPage {
            PageStatus::LocalPage
        } else {
            status
        };
        site.pages
            .insert(path.clone(), new_page(path, status, shared, Some(page)));
    }
}

/// A division's own experiences need numbers of their own, and the experiences and
/// modules its pages name must exist in its site.
fn check_division_references(site: &Site, division: &Division, problems: &mut Vec<Diagnostic>) {
    let shared_numbers: BTreeMap<u32, &Page> = site
        .handbook
        .shared
        .pages
        .values()
        .filter_map(|p| experience_number(p.kind).map(|n| (n, p)))
        .collect();
    let numbers = experience_numbers(site.handbook, Some(division));
    for page in division.pages.values() {
        if let (PageKind::Experience(number), false) = (
            page.kind,
            site.handbook.shared.pages.contains_key(&page.path),
        ) && let Some(shared) = shared_numbers.get(&number)
        {
            problems.push(
                Diagnostic::error(format!("experience number {number} is already {}", shared.file))
                    .in_file(&page.file)
                    .hint(format!("to adapt that experience, name your file `{}` (a local section, or `replace: true`); a new local experience needs a number of its own", shared.path)),
            );
        }
        problems.extend(page_references(page, &numbers, |id| {
            site.pages.contains_key(&format!("modules/{id}.md"))
        }));
    }
}

/// A local section adds text; keys that describe the page itself need `replace: true`.
fn section_only_keys(page: &Page) -> Option<Diagnostic> {
    let meta = &page.meta;
    let key = [
        ("modules", meta.modules.is_some()),
        ("audiences", meta.audiences.is_some()),
        ("categories", meta.categories.is_some()),
        ("duration", meta.duration.is_some()),
        ("format", meta.format.is_some()),
        ("experiences", meta.experiences.is_some()),
        ("handouts", meta.handouts.is_some()),
        ("weight", meta.weight.is_some()),
    ]
    .into_iter()
    .find(|(_, set)| *set)?
    .0;
    Some(
        page.problem_at(&[Step::KeyName(key)], format!("`{key}` does not apply to a local section"))
            .hint("a local section only adds text below the shared page; add `replace: true` to replace the page instead"),
    )
}

/// `require_local`: every division adds a local section to these shared pages.
fn check_required_sections(site: &mut Site, division: &Division, problems: &mut Vec<Diagnostic>) {
    for (index, path) in site.handbook.config.require_local.iter().enumerate() {
        let done = site
            .pages
            .get(path)
            .is_some_and(|p| matches!(p.status, PageStatus::LocalSection | PageStatus::Replaced));
        if done || !site.handbook.shared.pages.contains_key(path) {
            continue;
        }
        site.missing_required.push(path.clone());
        let _ = index;
        problems.push(
            Diagnostic::warning(format!(
                "division `{}` has no local section for `{path}`, which every division must add",
                division.id
            ))
            .in_file(format!("content/divisions/{}", division.id))
            .for_division(&division.id)
            .hint(format!(
                "create content/divisions/{}/{path} describing your local implementation",
                division.id
            )),
        );
    }
}

/// Stories other divisions share with everyone (`share: true`), credited to them.
fn add_shared_stories<'h>(site: &mut Site<'h>, options: &ResolveOptions) {
    let own = site.id();
    for other in &site.handbook.divisions {
        if Some(other.id.as_str()) == own {
            continue;
        }
        for page in other.pages.values() {
            let shareable = page.kind == PageKind::Story
                && page.is_shared_story()
                && (!page.is_draft() || options.drafts);
            if !shareable || site.handbook.shared.pages.contains_key(&page.path) {
                continue;
            }
            let (folder, file) = page
                .path
                .rsplit_once('/')
                .unwrap_or(("stories", &page.path));
            let path = format!("{folder}/{}-{file}", other.id);
            let mut story = new_page(&path, PageStatus::SharedStory, None, Some(page));
            story.credit = Some((other.id.as_str(), other.name()));
            site.pages.insert(path, story);
        }
    }
}

fn add_files(site: &mut Site) {
    for (path, file) in &site.handbook.shared.files {
        site.files
            .insert(path.clone(), SiteFile { file, local: false });
    }
    if let Some(division) = site.division {
        for (path, file) in &division.files {
            site.files
                .insert(path.clone(), SiteFile { file, local: true });
        }
    }
}

fn add_weeks(site: &mut Site, problems: &mut Vec<Diagnostic>) {
    let Some(followup) = site.followup else {
        let shared_is_broken = site
            .handbook
            .shared
            .unreadable
            .contains(crate::content::FOLLOWUP_FILE);
        if let Some(notes) = site
            .division
            .and_then(|d| d.followup_notes.as_ref())
            .filter(|_| !shared_is_broken)
        {
            problems.push(
                notes
                    .error_at(
                        &[Step::Key("weeks")],
                        "there is no shared followup.yaml for these notes to attach to",
                    )
                    .hint("ask HR for the shared follow-up plan, or remove this file"),
            );
        }
        return;
    };
    let notes = site.division.and_then(|d| d.followup_notes.as_ref());
    if let Some(notes) = notes {
        problems.extend(programme::check_notes(notes, &followup.value.weeks));
    }
    if let Some(division) = site.division
        && let Some(text) = division
            .config
            .value
            .followup_start
            .as_ref()
            .and_then(|s| s.invalid())
    {
        problems.push(
            division
                .config
                .error_at(&[Step::Key("followup_start")], format!("`{text}` is not a date"))
                .hint("write the Monday the follow-up starts as YYYY-MM-DD, e.g. `followup_start: \"2027-02-01\"`"),
        );
    }
    let start = site.division.and_then(|d| d.config.value.followup_start());
    if let (Some(start), Some(division)) = (start, site.division)
        && programme::monday_of(start) != start
    {
        problems.push(
                division
                    .config
                    .warning_at(&[Step::Key("followup_start")], format!("`followup_start: {start}` is not a Monday; the weeks start on Monday {}", programme::monday_of(start)))
                    .hint("give the Monday the process starts, or leave it: the Monday of that week is used"),
            );
    }
    let mut weeks: Vec<_> = followup.value.weeks.iter().collect();
    weeks.sort_by_key(|w| w.week);
    site.weeks = weeks
        .into_iter()
        .map(|week| SiteWeek {
            week,
            local_notes: notes
                .map(|n| {
                    n.value
                        .weeks
                        .iter()
                        .filter(|w| w.week == week.week)
                        .map(|w| w.note.as_str())
                        .collect()
                })
                .unwrap_or_default(),
            dates: start.map(|s| programme::week_dates(s, week.week)),
        })
        .collect();
}

fn add_activities(site: &mut Site, problems: &mut Vec<Diagnostic>) {
    let local = site.division.and_then(|d| d.activities.as_ref());
    let Some(calendar) = site.calendar else {
        let shared_is_broken = site
            .handbook
            .shared
            .unreadable
            .contains(crate::content::CALENDAR_FILE);
        if let Some(local) = local.filter(|_| !shared_is_broken) {
            problems.push(
                local
                    .error_at(
                        &[Step::Key("activities")],
                        "there is no shared calendar.yaml for these activities to join",
                    )
                    .hint("ask HR for the shared marketing calendar, or remove this file"),
            );
        }
        return;
    };
    let shared = calendar
        .value
        .activities
        .iter()
        .enumerate()
        .map(|(index, activity)| SiteActivity {
            activity,
            local: false,
            file: &calendar.file,
            index,
        });
    let mut activities: Vec<SiteActivity> = shared.collect();
    if let Some(local) = local {
        let experiences = experience_numbers(site.handbook, site.division);
        let rules = programme::PlanRules {
            start: calendar.value.start.get(),
            experiences: &experiences,
            local: true,
        };
        problems.extend(programme::check_activities(
            local,
            &local.value.activities,
            &rules,
        ));
        activities.extend(
            local
                .value
                .activities
                .iter()
                .enumerate()
                .map(|(index, activity)| SiteActivity {
                    activity,
                    local: true,
                    file: &local.file,
                    index,
                }),
        );
    }
    activities.retain(|a| a.activity.year_month().is_some());
    activities.sort_by_key(|a| {
        (
            a.activity.year_month(),
            a.activity.date(),
            a.local,
            a.file,
            a.index,
        )
    });
    site.activities = activities;
}

/// Two sources that end up at the same URL (`Foo.md` and `foo.md`, `x.md` and
/// `x/_index.md`) are an error naming both.
fn check_url_collisions(site: &Site, problems: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    let page_sources = site
        .pages
        .values()
        .map(|p| (p.url.clone(), p.main().file.as_str()));
    let generated = [
        site.followup.map(|d| ("followup/", d.file.as_str())),
        site.calendar.map(|d| ("calendar/", d.file.as_str())),
        site.business_case
            .map(|d| ("business-case/", d.file.as_str())),
    ];
    let generated = generated
        .into_iter()
        .flatten()
        .map(|(url, file)| (url.to_string(), file));
    let files = site
        .files
        .values()
        .map(|f| (urls::file_url(&f.file.path), f.file.file.as_str()));
    for (url, file) in page_sources.chain(generated).chain(files) {
        let written = format!("{}{}", site.prefix, urls::output_file(&url));
        problems.extend(urls::check_length(&written, file));
        if let Some(first) = seen.insert(url.clone(), file)
            && first != file
        {
            let (a, b) = if first < file {
                (first, file)
            } else {
                (file, first)
            };
            problems.push(
                    Diagnostic::error(format!("{a} and {b} would both be written to `{}`", urls::output_file(&url)))
                        .in_file(b)
                        .hint("rename one of them: URLs ignore upper/lower case, and `x.md` and `x/_index.md` are the same page"),
                );
        }
    }
}
