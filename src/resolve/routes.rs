//! One list of URLs. The pages no single Markdown file makes are declared here, once,
//! in sidebar order; links, the sidebar, breadcrumbs, the print page and the collision
//! check all read that declaration. Then every source and every generated page or file
//! claims its output path in one registry, before anything is rendered: two claims on
//! one path are an error naming both, never a silent overwrite.

use std::collections::{BTreeMap, BTreeSet};

use crate::content::page::{Audience, PageKind};
use crate::content::{HANDOUTS_DIR, Handbook};
use crate::diagnostics::Diagnostic;
use crate::messages::{Arg, msg};
use crate::urls;

use super::{ResolveOptions, Site, SiteFile, SitePage, SiteWeek};

/// What a generated page is; render picks its template and values by it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Generated {
    /// The front page (with `index.md`'s text when there is one).
    Front,
    /// A folder's page (with its `_index.md` when there is one).
    Section(String),
    /// The module catalogue (the `modules/` folder's page).
    Modules,
    /// Every handout (the `handouts/` folder's page).
    Handouts,
    Followup,
    /// One week's meeting pack.
    Week(u32),
    Calendar,
    BusinessCase,
    /// The modules for one audience.
    Audience(Audience),
    Print,
    Search,
    NotFound,
    /// What changed in the site ("Nyt i håndbogen"), from the git history.
    Changes,
}

impl Generated {
    /// The folder whose page this is, for the front, section, module and handout pages.
    pub fn folder(&self) -> Option<&str> {
        match self {
            Generated::Front => Some(""),
            Generated::Section(folder) => Some(folder),
            Generated::Modules => Some("modules"),
            Generated::Handouts => Some(HANDOUTS_DIR),
            _ => None,
        }
    }
}

/// A title that is either written in the content or a label of the theme's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Title {
    Text(String),
    Label(&'static str),
}

/// A page of a site that no single Markdown file makes.
#[derive(Debug, Clone)]
pub struct GeneratedPage {
    pub kind: Generated,
    /// How links, navigation and the print page name it: its data file
    /// (`followup.yaml`), its folder (`modules/`), or its own path (`print/`).
    pub key: String,
    pub url: String,
    pub title: Title,
    /// The file it is made from, or what it is: diagnostics and collisions name it.
    pub source: String,
    /// The ids a link's `#fragment` may name on it.
    pub anchors: BTreeSet<String>,
    /// Listed in the sidebar among the programme's pages (and printed as a chapter).
    pub in_sidebar: bool,
    /// The page above it in breadcrumbs, by key (`modules/` for an audience page).
    pub parent: Option<String>,
}

impl GeneratedPage {
    fn new(kind: Generated, key: &str, url: &str, title: Title, source: &str) -> Self {
        GeneratedPage {
            kind,
            key: key.to_string(),
            url: url.to_string(),
            title,
            source: source.to_string(),
            anchors: BTreeSet::new(),
            in_sidebar: false,
            parent: None,
        }
    }
}

type Declaration = fn(&Site, &ResolveOptions) -> Vec<GeneratedPage>;

/// Every kind of generated page, in sidebar order. A new kind is one entry here, one
/// file in `render/` and one template.
const DECLARATIONS: [Declaration; 9] = [
    folders,
    followup,
    calendar,
    business_case,
    audiences,
    print,
    search,
    not_found,
    changes,
];

/// The site's generated pages, in sidebar order.
pub fn generated_pages(site: &Site, options: &ResolveOptions) -> Vec<GeneratedPage> {
    DECLARATIONS
        .iter()
        .flat_map(|declare| declare(site, options))
        .collect()
}

/// The front page and one page per folder.
fn folders(site: &Site, _: &ResolveOptions) -> Vec<GeneratedPage> {
    site.folders()
        .into_iter()
        .map(|folder| folder_page(site, &folder))
        .collect()
}

fn folder_page(site: &Site, folder: &str) -> GeneratedPage {
    let index = if folder.is_empty() {
        "index.md".to_string()
    } else {
        format!("{folder}/_index.md")
    };
    let page = site.pages.get(&index);
    let (kind, key, source) = match folder {
        "" => (
            Generated::Front,
            "index.md".to_string(),
            FRONT_PAGE.to_string(),
        ),
        "modules" => (
            Generated::Modules,
            "modules/".into(),
            section_source(folder),
        ),
        HANDOUTS_DIR => (
            Generated::Handouts,
            "handouts/".into(),
            section_source(folder),
        ),
        _ => (
            Generated::Section(folder.into()),
            format!("{folder}/"),
            section_source(folder),
        ),
    };
    let title = match page {
        Some(page) => Title::Text(page.title.to_string()),
        None if folder.is_empty() => Title::Text(site.name.to_string()),
        None => folder_title(folder),
    };
    let mut generated = GeneratedPage::new(kind, &key, &urls::section_url(folder), title, &source);
    if let Some(page) = page {
        generated.source = page.file.to_string();
        generated.anchors = page.anchors().map(str::to_string).collect();
    }
    generated
}

fn section_source(folder: &str) -> String {
    format!("{SECTION_PAGE}{folder}/")
}

/// A folder without `_index.md`: a label for the programme's folders, else its name.
fn folder_title(folder: &str) -> Title {
    match folder {
        "experiences" => Title::Label("experiences"),
        "modules" => Title::Label("modules"),
        "handouts" => Title::Label("handouts"),
        "stories" => Title::Label("stories"),
        _ => {
            let name = folder
                .rsplit('/')
                .next()
                .unwrap_or(folder)
                .replace(['-', '_'], " ");
            let mut chars = name.chars();
            Title::Text(
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default(),
            )
        }
    }
}

fn followup(site: &Site, _: &ResolveOptions) -> Vec<GeneratedPage> {
    let Some(followup) = &site.followup else {
        return Vec::new();
    };
    let title = followup
        .title
        .map_or(Title::Label("followup"), |t| Title::Text(t.to_string()));
    let mut page = GeneratedPage::new(
        Generated::Followup,
        "followup.yaml",
        "followup/",
        title,
        followup.file,
    );
    page.anchors = followup
        .weeks
        .iter()
        .map(|w| format!("week-{}", w.number))
        .collect();
    page.in_sidebar = true;
    let weeks = followup.weeks.iter().map(|week| {
        let key = format!("followup/week-{}/", week.number);
        let title = Title::Text(week.title.to_string());
        let mut pack = GeneratedPage::new(
            Generated::Week(week.number),
            &key,
            &key,
            title,
            followup.file,
        );
        pack.parent = Some("followup.yaml".into());
        pack
    });
    std::iter::once(page).chain(weeks).collect()
}

fn calendar(site: &Site, _: &ResolveOptions) -> Vec<GeneratedPage> {
    let Some(calendar) = &site.calendar else {
        return Vec::new();
    };
    let title = calendar
        .title
        .map_or(Title::Label("calendar"), |t| Title::Text(t.to_string()));
    let mut page = GeneratedPage::new(
        Generated::Calendar,
        "calendar.yaml",
        "calendar/",
        title,
        calendar.file,
    );
    page.anchors = calendar.months.iter().map(ToString::to_string).collect();
    page.in_sidebar = true;
    vec![page]
}

fn business_case(site: &Site, _: &ResolveOptions) -> Vec<GeneratedPage> {
    let Some(case) = &site.business_case else {
        return Vec::new();
    };
    let mut page = GeneratedPage::new(
        Generated::BusinessCase,
        "business-case.yaml",
        "business-case/",
        Title::Label("business_case"),
        case.file,
    );
    page.in_sidebar = true;
    vec![page]
}

/// One page per audience, when the site has modules.
fn audiences(site: &Site, _: &ResolveOptions) -> Vec<GeneratedPage> {
    if !site.pages.values().any(|p| p.kind == PageKind::Module) {
        return Vec::new();
    }
    Audience::ALL
        .iter()
        .map(|&audience| {
            let key = format!("audiences/{}/", audience.id());
            let mut page = GeneratedPage::new(
                Generated::Audience(audience),
                &key,
                &key,
                Title::Label(audience.label()),
                AUDIENCE_PAGES,
            );
            page.parent = Some("modules/".into());
            // HR's introduction (`audiences/<id>.md`) gives its title and anchors; the
            // output path stays the audience pages' own.
            if let Some(intro) = site.pages.get(&audience_intro(audience)) {
                page.title = Title::Text(intro.title.to_string());
                page.anchors = intro.anchors().map(str::to_string).collect();
            }
            page
        })
        .collect()
}

// What diagnostics call the outputs that no single file makes (`owner_name` names them
// in the reader's language).
const FRONT_PAGE: &str = "the front page";
const SECTION_PAGE: &str = "the section page of content/";
const AUDIENCE_PAGES: &str = "the audience pages";
const CHANGES_PAGE: &str = "the change log";
const NOT_FOUND_PAGE: &str = "the 404 page";
const SITEMAP: &str = "the sitemap";
const CALENDAR_FEED: &str = "the calendar feed (calendar.ics)";
const FOLLOWUP_FEED: &str = "the follow-up feed (followup.ics)";
const PDF: &str = "the handbook as PDF";
const CHANGE_FEED: &str = "the change feed (changes.xml)";
const SEARCH_INDEX: &str = "the search index";
const THEME_FILES: &str = "the theme's files";
const DOWNLOADS: &str = "the downloads";
const REPORT: &str = "the adaptation report";
const CHOOSER: &str = "the division chooser";

/// The introduction of an audience's page in the merged tree: `audiences/trainers.md`.
pub fn audience_intro(audience: Audience) -> String {
    format!(
        "{}/{}.md",
        crate::content::page::AUDIENCES_DIR,
        audience.id()
    )
}
const PRINT_PAGE: &str = "the printable handbook";
const SEARCH_PAGE: &str = "the search page";

fn print(_: &Site, _: &ResolveOptions) -> Vec<GeneratedPage> {
    let title = Title::Label("print_title");
    vec![GeneratedPage::new(
        Generated::Print,
        "print/",
        "print/",
        title,
        PRINT_PAGE,
    )]
}

fn search(_: &Site, options: &ResolveOptions) -> Vec<GeneratedPage> {
    if !options.search {
        return Vec::new();
    }
    let title = Title::Label("search_title");
    vec![GeneratedPage::new(
        Generated::Search,
        "search/",
        "search/",
        title,
        SEARCH_PAGE,
    )]
}

/// The 404 page lives at the site root, so that its links work wherever it is served.
fn not_found(_: &Site, _: &ResolveOptions) -> Vec<GeneratedPage> {
    let title = Title::Label("not_found_title");
    vec![GeneratedPage::new(
        Generated::NotFound,
        "404.html",
        "404.html",
        title,
        NOT_FOUND_PAGE,
    )]
}

/// What changed in the site: every site has the page; without git history it says so.
fn changes(_: &Site, _: &ResolveOptions) -> Vec<GeneratedPage> {
    let title = Title::Label("changes_title");
    vec![GeneratedPage::new(
        Generated::Changes,
        "changes/",
        "changes/",
        title,
        CHANGES_PAGE,
    )]
}

/// Output files of every site that are not pages, claimed whether or not this build
/// writes them, so that no content can take their place.
const SITE_FILES: [(&str, &str); 6] = [
    ("sitemap.xml", SITEMAP),
    ("calendar.ics", CALENDAR_FEED),
    ("followup.ics", FOLLOWUP_FEED),
    (HANDBOOK_PDF, PDF),
    ("changes.xml", CHANGE_FEED),
    ("pagefind-bundles.json", SEARCH_INDEX),
];

/// Folders of every site that belong to one output. `pagefind*` stands for every
/// folder whose name starts with `pagefind`.
const SITE_FOLDERS: [(&str, &str); 7] = [
    ("static", THEME_FILES),
    ("pagefind*", SEARCH_INDEX),
    ("search", SEARCH_PAGE),
    ("print", PRINT_PAGE),
    ("audiences", AUDIENCE_PAGES),
    ("downloads", DOWNLOADS),
    ("changes", CHANGES_PAGE),
];

/// Who writes an output path.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Claim {
    /// A file relative to the handbook root, or what a generated output is.
    owner: String,
}

/// The output paths of one site (or of the output root), and the collisions among them.
#[derive(Default)]
struct Routes {
    files: BTreeMap<String, Claim>,
    /// Top-level folder name (or a `pagefind*` pattern) -> its owner.
    folders: Vec<(&'static str, &'static str)>,
    /// Where the paths sit in the output folder (`privat/`), for their full length.
    prefix: String,
    problems: Vec<Diagnostic>,
}

impl Routes {
    fn claim(&mut self, path: String, owner: &str) {
        self.problems
            .extend(urls::check_length(&format!("{}{path}", self.prefix), owner));
        if let Some(reserved) = self.reserved_owner(&path)
            && reserved != owner
        {
            self.problems.push(collision(owner, reserved, &path));
            return;
        }
        match self.files.get(&path) {
            Some(first) if first.owner != owner => {
                self.problems.push(collision(&first.owner, owner, &path));
            }
            Some(_) => {}
            None => {
                let claim = Claim {
                    owner: owner.to_string(),
                };
                self.files.insert(path, claim);
            }
        }
    }

    /// The owner of the reserved folder `path` lies in, if any.
    fn reserved_owner(&self, path: &str) -> Option<&'static str> {
        let (first, _) = path.split_once('/')?;
        self.folders.iter().find_map(|(folder, owner)| {
            let matches = match folder.strip_suffix('*') {
                Some(prefix) => first.starts_with(prefix),
                None => first == *folder,
            };
            matches.then_some(*owner)
        })
    }
}

/// Two sources that would be written to the same output path.
pub fn collision(a: &str, b: &str, path: &str) -> Diagnostic {
    let is_file = |owner: &str| owner.starts_with("content/") || owner.starts_with("handbook.yaml");
    // The diagnostic points at a file; the other side is named in the message.
    let (first, second) = match (is_file(a), is_file(b)) {
        (true, true) if b < a => (b, a),
        (false, true) => (b, a),
        _ => (a, b),
    };
    let file = if is_file(second) { second } else { first };
    Diagnostic::error(msg!(
        "route-collision",
        first = owner_name(first),
        second = owner_name(second),
        path = path
    ))
    .in_file(file)
    .hint(msg!("route-collision-hint"))
}

/// An owner as a collision names it: a file as it is, an output handbook makes in the
/// reader's language.
fn owner_name(owner: &str) -> Arg {
    if let Some(folder) = owner.strip_prefix(SECTION_PAGE) {
        return msg!("route-owner-section", folder = folder).into();
    }
    let name = match owner {
        FRONT_PAGE => msg!("route-owner-front"),
        AUDIENCE_PAGES => msg!("route-owner-audiences"),
        CHANGES_PAGE => msg!("route-owner-changes"),
        PRINT_PAGE => msg!("route-owner-print"),
        SEARCH_PAGE => msg!("route-owner-search"),
        NOT_FOUND_PAGE => msg!("route-owner-not-found"),
        SITEMAP => msg!("route-owner-sitemap"),
        CALENDAR_FEED => msg!("route-owner-calendar-feed"),
        FOLLOWUP_FEED => msg!("route-owner-followup-feed"),
        PDF => msg!("route-owner-pdf"),
        CHANGE_FEED => msg!("route-owner-change-feed"),
        SEARCH_INDEX => msg!("route-owner-search-index"),
        THEME_FILES => msg!("route-owner-theme"),
        DOWNLOADS => msg!("route-owner-downloads"),
        REPORT => msg!("route-owner-report"),
        CHOOSER => msg!("route-owner-chooser"),
        file => return Arg::from(file),
    };
    name.into()
}

/// Claims every output path of `site`; the problems are its collisions.
pub fn check_site(site: &Site) -> Vec<Diagnostic> {
    let mut routes = Routes {
        folders: SITE_FOLDERS.to_vec(),
        prefix: site.prefix.clone(),
        ..Routes::default()
    };
    for (path, owner) in SITE_FILES {
        routes.claim(path.to_string(), owner);
    }
    for page in &site.generated {
        routes.claim(urls::output_file(&page.url), &page.source);
    }
    // Front, section and audience pages are claimed through their generated page.
    let pages = site
        .pages
        .values()
        .filter(|p| !p.kind.introduces_generated());
    for page in pages {
        routes.claim(urls::output_file(&page.url), page.file);
    }
    for file in site.files.values() {
        routes.claim(urls::file_url(file.path), file.source);
    }
    routes.problems
}

/// The output root holds the division chooser, the report and one folder per division.
pub fn check_root(handbook: &Handbook) -> Vec<Diagnostic> {
    let mut routes = Routes {
        folders: vec![("report", REPORT)],
        ..Routes::default()
    };
    routes.claim("index.html".into(), CHOOSER);
    routes.claim("report/index.html".into(), REPORT);
    routes.claim("report/report.json".into(), REPORT);
    for division in &handbook.divisions {
        let owner = format!("content/divisions/{}", division.id);
        routes.claim(format!("{}/index.html", division.id), &owner);
        // Each division's adapted pages side by side with the shared ones.
        routes.claim(report_page(&division.id), REPORT);
    }
    routes.problems
}

/// The report's page of one division: its adapted pages beside the shared text.
pub fn report_page(division: &str) -> String {
    format!("report/{division}/index.html")
}

// ---------------------------------------------------------------- downloads

/// Where the handbook's PDF goes in a site.
pub const HANDBOOK_PDF: &str = "handbook.pdf";
pub const LEADER_KIT: &str = "downloads/leader-kit.zip";
/// The runbook alone, also inside the leader kit.
pub const RUNBOOK: &str = "downloads/leader-kit.pdf";

/// Whether `site` has a leader kit: the runbook (when PDFs are made) or a week's kit.
pub fn has_leader_kit(site: &Site, pdf: bool) -> bool {
    site.followup.as_ref().is_some_and(|followup| {
        pdf || followup
            .weeks
            .iter()
            .any(|week| week_kit(site, week).is_some())
    })
}

/// A week's kit in the site: its path and file.
pub fn week_kit<'s>(site: &'s Site, week: &SiteWeek) -> Option<(&'s String, &'s SiteFile<'s>)> {
    week.kit
        .as_deref()
        .and_then(|k| site.files.get_key_value(k))
}

/// Where a module's bundle goes in the site: `downloads/modules/<id>.zip`.
pub fn module_bundle(path: &str) -> String {
    let id = path.trim_start_matches("modules/").trim_end_matches(".md");
    format!("downloads/modules/{}.zip", urls::slug_segment(id))
}

/// The bundle of a module page in the site, when it has one (a module with handouts).
pub fn module_bundle_of(page: &SitePage) -> Option<String> {
    (page.kind == PageKind::Module && !page.facts.handouts.is_empty())
        .then(|| module_bundle(&page.path))
}
