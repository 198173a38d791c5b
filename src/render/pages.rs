//! The pages of one site and the template values each one adds: Markdown pages
//! (front, plain, experience, module, story), section pages and the 404 page. The
//! programme's generated pages are in `programme`.

use std::collections::BTreeSet;

use serde::Serialize;
use tera::Value;

use crate::content::page::{Audience, Category, PageKind};
use crate::markdown::{Document, Filled};
use crate::resolve::{LOCAL_SECTION_ID, LinkTarget, PageStatus, SitePage};
use crate::urls;

use super::nav::NavLink;
use super::{SiteContext, Unit, programme};

#[derive(Serialize)]
pub struct PageInfo {
    pub key: String,
    pub title: String,
    pub summary: Option<String>,
    /// The template family: `front`, `page`, `experience`, `module`, `story`, `section`,
    /// `followup`, `calendar`, `business-case`, `handouts`, `audience`, `not-found`.
    pub kind: &'static str,
    pub status: Option<PageStatus>,
    /// The sidebar section this page belongs to (its key).
    pub section: String,
    pub content: String,
    pub local_section: Option<LocalSection>,
    pub toc: Vec<TocEntry>,
    pub breadcrumbs: Vec<NavLink>,
    pub previous: Option<NavLink>,
    pub next: Option<NavLink>,
    pub credit: Option<String>,
    pub locked: bool,
    pub draft: bool,
    pub extra: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize)]
pub struct LocalSection {
    pub id: &'static str,
    pub title: String,
    pub content: String,
}

#[derive(Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

impl PageInfo {
    /// A generated page (no Markdown source) with this key and title.
    pub fn generated(sc: &SiteContext, key: &str, title: String, kind: &'static str) -> PageInfo {
        let home = sc
            .navigation
            .folder_title("")
            .unwrap_or(sc.site.name())
            .to_string();
        let folder = key.strip_suffix('/').map(urls::parent).unwrap_or("");
        PageInfo {
            key: key.to_string(),
            title,
            summary: None,
            kind,
            status: None,
            section: top_section(key),
            content: String::new(),
            local_section: None,
            toc: Vec::new(),
            breadcrumbs: sc.navigation.breadcrumbs(folder, &home),
            previous: None,
            next: None,
            credit: None,
            locked: false,
            draft: false,
            extra: serde_json::Map::new(),
        }
    }
}

/// The sidebar section of a key: its first folder (`modules/`), or itself at the root.
fn top_section(key: &str) -> String {
    match key.split_once('/') {
        Some((first, _)) => format!("{first}/"),
        None => key.to_string(),
    }
}

/// A page to render: Markdown pages are described by reference and built when they are
/// rendered (building all of them first would hold every page's HTML twice).
pub enum Job<'s, 'h> {
    Page(&'s SitePage<'h>),
    Ready(Unit),
}

impl Job<'_, '_> {
    pub fn unit(self, sc: &SiteContext) -> Unit {
        match self {
            Job::Page(page) => page_unit(sc, page),
            Job::Ready(unit) => unit,
        }
    }
}

/// Every page of the site.
pub fn jobs<'s, 'h>(
    sc: &SiteContext<'s, 'h>,
    only: Option<&std::collections::BTreeSet<String>>,
) -> Vec<Job<'s, 'h>> {
    let site = sc.site;
    let markdown = site
        .pages
        .values()
        .filter(|p| p.kind() != PageKind::Section && p.path != "index.md");
    if let Some(only) = only {
        let mut jobs: Vec<Job> = markdown
            .filter(|p| only.contains(&p.path))
            .map(Job::Page)
            .collect();
        jobs.push(Job::Ready(super::print::print_unit(sc)));
        return jobs;
    }
    let mut jobs: Vec<Job> = markdown.map(Job::Page).collect();
    jobs.extend(generated_units(sc).into_iter().map(Job::Ready));
    jobs
}

/// The pages that are not one Markdown file: sections, the programme's pages, 404,
/// print and search.
fn generated_units(sc: &SiteContext) -> Vec<Unit> {
    let site = sc.site;
    let mut units = Vec::new();
    for folder in site.folders() {
        units.push(match folder.as_str() {
            "" => front_unit(sc),
            "modules" => programme::modules_unit(sc),
            "handouts" => programme::handouts_unit(sc),
            _ => section_unit(sc, &folder),
        });
    }
    units.extend(programme::units(sc));
    units.push(not_found_unit(sc));
    units.push(super::print::print_unit(sc));
    if sc.search {
        units.push(search_unit(sc));
    }
    units
}

fn page_values(info: PageInfo) -> Vec<(&'static str, Value)> {
    vec![("page", Value::from_serializable(&info))]
}

/// The filled HTML of a page's main body and its local section.
pub fn contents(sc: &SiteContext, page: &SitePage) -> (String, Option<LocalSection>) {
    let content = page.main().body.fill(&hrefs(&page.url, &page.body_links));
    let local = page.local_section().map(|section| LocalSection {
        id: LOCAL_SECTION_ID,
        title: section.title().map(str::to_string).unwrap_or_else(|| {
            format!("{} – {}", sc.label("local_implementation"), sc.site.name())
        }),
        content: section.body.fill(&hrefs(&page.url, &page.section_links)),
    });
    (content, local)
}

fn toc(document: &Document, local: Option<(&LocalSection, &Document)>) -> Vec<TocEntry> {
    let entry = |h: &crate::markdown::Heading| TocEntry {
        level: h.level,
        id: h.id.clone(),
        text: h.text.clone(),
    };
    let mut entries: Vec<TocEntry> = document
        .headings
        .iter()
        .filter(|h| (2..=3).contains(&h.level))
        .map(entry)
        .collect();
    if let Some((section, body)) = local {
        entries.push(TocEntry {
            level: 2,
            id: section.id.to_string(),
            text: section.title.clone(),
        });
        entries.extend(
            body.headings
                .iter()
                .filter(|h| (2..=3).contains(&h.level))
                .map(|h| TocEntry {
                    level: 3,
                    ..entry(h)
                }),
        );
    }
    entries
}

/// The `href` of each link of a page at `url`.
pub fn hrefs(url: &str, links: &[LinkTarget]) -> Vec<Filled> {
    links
        .iter()
        .map(|link| match link {
            LinkTarget::To {
                url: target,
                fragment,
                ..
            } if fragment.is_empty() => Filled::Href(urls::href(url, target)),
            LinkTarget::To {
                url: target,
                fragment,
                ..
            } => Filled::Href(format!("{}#{fragment}", urls::href(url, target))),
            LinkTarget::Here(fragment) => Filled::Href(format!("#{fragment}")),
            LinkTarget::Text => Filled::Text,
        })
        .collect()
}

/// The values every Markdown page has.
fn markdown_page_info(sc: &SiteContext, page: &SitePage, kind: &'static str) -> PageInfo {
    let main = page.main();
    let (content, local_section) = contents(sc, page);
    let toc = toc(
        &main.body,
        local_section
            .as_ref()
            .zip(page.local_section().map(|p| &p.body)),
    );
    let (previous, next) = sc.navigation.neighbours(&page.path);
    let home = sc
        .navigation
        .folder_title("")
        .unwrap_or(sc.site.name())
        .to_string();
    PageInfo {
        key: page.path.clone(),
        title: page.title().to_string(),
        summary: main
            .meta
            .summary
            .clone()
            .or_else(|| page.shared.and_then(|s| s.meta.summary.clone())),
        kind,
        status: Some(page.status),
        section: top_section(&page.path),
        content,
        local_section,
        toc,
        breadcrumbs: sc.navigation.breadcrumbs(urls::parent(&page.path), &home),
        previous: previous.cloned(),
        next: next.cloned(),
        credit: page.credit.map(|(_, name)| name.to_string()),
        locked: page.shared.is_some_and(|p| p.is_locked()),
        draft: main.is_draft(),
        extra: main.meta.extra.clone().unwrap_or_default(),
    }
}

fn page_unit(sc: &SiteContext, page: &SitePage) -> Unit {
    let (kind, template) = match page.kind() {
        PageKind::Experience(_) => ("experience", "experience.html"),
        PageKind::Module => ("module", "module.html"),
        PageKind::Story => ("story", "page.html"),
        _ => ("page", "page.html"),
    };
    let info = markdown_page_info(sc, page, kind);
    let search = Some(search_document(&sc.site.language, &info));
    let mut values = page_values(info);
    match page.kind() {
        PageKind::Experience(number) => values.push((
            "experience",
            Value::from_serializable(&experience_info(sc, page, number)),
        )),
        PageKind::Module => values.push((
            "module",
            Value::from_serializable(&programme::module_info(sc, page)),
        )),
        _ => {}
    }
    Unit {
        url: page.url.clone(),
        template,
        source: page.main().file.clone(),
        values,
        search,
    }
}

/// How much of one page's content the search index reads: indexing time grows with it,
/// and no one searches for words deep inside a book-length page.
const MAX_SEARCH_CONTENT: usize = 256 * 1024;

/// The content of a Markdown page as a small HTML document for the search index.
fn search_document(language: &str, info: &PageInfo) -> String {
    let title = crate::markdown::escape(&info.title);
    let summary = info
        .summary
        .as_deref()
        .map(|s| format!("<p>{}</p>", crate::markdown::escape(s)))
        .unwrap_or_default();
    let local = info
        .local_section
        .as_ref()
        .map(|l| {
            format!(
                "<h2 id=\"{}\">{}</h2>{}",
                l.id,
                crate::markdown::escape(&l.title),
                l.content
            )
        })
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><title>{title}</title></head><body><main data-pagefind-body><h1>{title}</h1>{summary}{}{local}</main></body></html>",
        crate::markdown::escape(language),
        truncate(&info.content, MAX_SEARCH_CONTENT)
    )
}

#[derive(Serialize)]
struct ExperienceInfo {
    number: u32,
    /// The modules that work on this experience.
    modules: Vec<NavLink>,
}

/// The modules that name this experience, or that the experience names.
fn experience_info(sc: &SiteContext, page: &SitePage, number: u32) -> ExperienceInfo {
    let named: BTreeSet<String> = page
        .main()
        .meta
        .modules
        .iter()
        .flatten()
        .map(|id| format!("modules/{id}.md"))
        .collect();
    let modules = sc
        .navigation
        .children("modules")
        .iter()
        .filter(|link| {
            named.contains(&link.key)
                || sc.site.pages.get(&link.key).is_some_and(|m| {
                    m.main()
                        .meta
                        .experiences
                        .iter()
                        .flatten()
                        .any(|&n| n == number)
                })
        })
        .cloned()
        .collect();
    ExperienceInfo { number, modules }
}

fn front_unit(sc: &SiteContext) -> Unit {
    let site = sc.site;
    let mut info = match site.pages.get("index.md") {
        Some(page) => markdown_page_info(sc, page, "front"),
        None => PageInfo::generated(sc, "index.md", site.name().to_string(), "front"),
    };
    info.breadcrumbs.clear();
    info.section = "index.md".to_string();
    let source = site
        .pages
        .get("index.md")
        .map_or_else(|| "the front page".to_string(), |p| p.main().file.clone());
    Unit {
        url: String::new(),
        template: "index.html",
        source,
        values: page_values(info),
        search: None,
    }
}

#[derive(Serialize)]
struct SectionInfo<'a> {
    folder: &'a str,
    /// The pages and subsections, in reading order.
    children: &'a [NavLink],
}

fn section_unit(sc: &SiteContext, folder: &str) -> Unit {
    let index_path = format!("{folder}/_index.md");
    let title = sc
        .navigation
        .folder_title(folder)
        .unwrap_or(folder)
        .to_string();
    let key = format!("{folder}/");
    let mut info = match sc.site.pages.get(&index_path) {
        Some(page) => {
            let mut info = markdown_page_info(sc, page, "section");
            info.key = key.clone();
            info
        }
        None => PageInfo::generated(sc, &key, title, "section"),
    };
    info.breadcrumbs = sc.navigation.breadcrumbs(
        urls::parent(folder),
        sc.navigation.folder_title("").unwrap_or_default(),
    );
    let (previous, next) = sc.navigation.neighbours(&key);
    info.previous = previous.cloned();
    info.next = next.cloned();
    let section = SectionInfo {
        folder,
        children: sc.navigation.children(folder),
    };
    let mut values = page_values(info);
    values.push(("section", Value::from_serializable(&section)));
    let source = sc.site.pages.get(&index_path).map_or_else(
        || format!("the section page of content/{folder}/"),
        |p| p.main().file.clone(),
    );
    Unit {
        url: urls::section_url(folder),
        template: "section.html",
        source,
        values,
        search: None,
    }
}

fn search_unit(sc: &SiteContext) -> Unit {
    let info = PageInfo::generated(sc, "search/", sc.label("search_title"), "search");
    Unit {
        url: "search/".into(),
        template: "search.html",
        source: "the search page".into(),
        values: page_values(info),
        search: None,
    }
}

fn not_found_unit(sc: &SiteContext) -> Unit {
    let info = PageInfo::generated(sc, "404.html", sc.label("not_found_title"), "not-found");
    // The 404 page is served for any missing URL, so its links must not depend on
    // where it sits: it lives at the site root.
    Unit {
        url: "404.html".into(),
        template: "404.html",
        source: "the 404 page".into(),
        values: page_values(info),
        search: None,
    }
}

/// The localized name of an audience.
pub fn audience_name(sc: &SiteContext, audience: Audience) -> String {
    sc.label(&format!("audience_{}", audience.id()))
}

pub fn category_name(sc: &SiteContext, category: Category) -> String {
    sc.label(&format!("category_{}", category.id()))
}

/// At most `max` bytes of `text`, cut at a character boundary.
fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}
