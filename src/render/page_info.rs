//! The vocabulary every page kind shares: the `page` value of templates (title,
//! summary, content, local section, table of contents, breadcrumbs), a Markdown body's
//! links filled for one page, and what a page hands the template and the search index.

use serde::Serialize;
use tera::Value;

use crate::content::page::{Audience, Category};
use crate::markdown::{Document, Filled, Heading};
use crate::resolve::{GeneratedPage, LOCAL_SECTION_ID, LinkTarget, PageStatus, SitePage, SiteText};
use crate::urls;

use super::context::SiteContext;
use super::nav::NavLink;
use super::translation::{PAGE_FIELDS, TranslationInfo};

/// What one page hands its template, and what the search index gets of it.
pub struct TemplateInput {
    pub template: &'static str,
    pub values: Vec<(&'static str, Value)>,
    /// A compact document of the page's content for the search index (indexing the
    /// whole page, navigation included, costs several times more). `None` indexes the
    /// rendered page.
    pub search: Option<String>,
}

impl TemplateInput {
    /// A template whose only value is `page`.
    pub fn page(template: &'static str, info: &PageInfo) -> Self {
        TemplateInput {
            template,
            values: vec![("page", Value::from_serializable(info))],
            search: None,
        }
    }

    pub fn with(mut self, key: &'static str, value: &impl Serialize) -> Self {
        self.values.push((key, Value::from_serializable(value)));
        self
    }
}

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
    pub local_section: Option<LocalSectionInfo>,
    pub toc: Vec<TocEntry>,
    pub breadcrumbs: Vec<NavLink>,
    pub previous: Option<NavLink>,
    pub next: Option<NavLink>,
    pub credit: Option<String>,
    pub locked: bool,
    pub draft: bool,
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// How its shared texts read in the site's language (notice, `lang` per field).
    pub translation: TranslationInfo,
    /// The day of the last commit that changed what the page shows.
    pub updated: Option<DateInfo>,
}

/// A date as the site's language writes it, and as `<time datetime>` wants it.
#[derive(Serialize)]
pub struct DateInfo {
    pub text: String,
    pub iso: String,
}

impl DateInfo {
    pub fn new(sc: &SiteContext, date: jiff::civil::Date) -> Self {
        DateInfo {
            text: sc.style().date(date),
            iso: date.to_string(),
        }
    }
}

/// When the page with this key last changed, from the site's history.
fn updated(sc: &SiteContext, key: &str) -> Option<DateInfo> {
    let date = sc.site.changes.last_changed.get(key)?;
    Some(DateInfo::new(sc, *date))
}

#[derive(Serialize)]
pub struct LocalSectionInfo {
    pub id: &'static str,
    pub title: String,
    pub content: String,
}

#[derive(Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// The original's language, for a heading of a body shown untranslated.
    pub lang: Option<String>,
}

impl PageInfo {
    /// A page with only a key, a title and a kind; the rest empty.
    pub fn blank(key: &str, title: String, kind: &'static str) -> PageInfo {
        PageInfo {
            key: key.to_string(),
            title,
            summary: None,
            kind,
            status: None,
            section: String::new(),
            content: String::new(),
            local_section: None,
            toc: Vec::new(),
            breadcrumbs: Vec::new(),
            previous: None,
            next: None,
            credit: None,
            locked: false,
            draft: false,
            extra: serde_json::Map::new(),
            translation: TranslationInfo::none(&PAGE_FIELDS),
            updated: None,
        }
    }

    /// A generated page (no Markdown source of its own).
    pub fn generated(sc: &SiteContext, page: &GeneratedPage, kind: &'static str) -> PageInfo {
        let placed_under = page.parent.as_deref().unwrap_or(&page.key);
        let folder = match page.parent.as_deref() {
            Some(folder) if folder.ends_with('/') => folder.trim_end_matches('/'),
            Some(parent) => urls::parent(parent),
            None => page.key.strip_suffix('/').map(urls::parent).unwrap_or(""),
        };
        let mut crumbs = breadcrumbs(sc, folder);
        // A parent that is a page, not a folder (the follow-up page above a week's).
        if let Some(parent) = page
            .parent
            .as_deref()
            .and_then(|key| sc.site.generated(key))
            && parent.kind.folder().is_none()
        {
            crumbs.push(NavLink::generated(
                &parent.key,
                &parent.url,
                &sc.title(&parent.title),
            ));
        }
        PageInfo {
            section: top_section(placed_under),
            breadcrumbs: crumbs,
            updated: updated(sc, &page.key),
            ..PageInfo::blank(&page.key, sc.title(&page.title), kind)
        }
    }

    /// The values every Markdown page has.
    pub fn markdown(sc: &SiteContext, page: &SitePage, kind: &'static str) -> PageInfo {
        let (content, local_section) = contents(sc, page);
        let translation = TranslationInfo::of(sc, &page.texts, &PAGE_FIELDS);
        let body_lang = translation.lang.get("body").cloned().flatten();
        let toc = toc(
            page.body,
            local_section
                .as_ref()
                .zip(page.local_section.map(|s| s.body)),
            body_lang,
        );
        let (previous, next) = sc.navigation.neighbours(&page.path);
        PageInfo {
            key: page.path.clone(),
            title: page.title.to_string(),
            summary: page.summary.map(str::to_string),
            kind,
            status: Some(page.status),
            section: top_section(&page.path),
            content,
            local_section,
            toc,
            breadcrumbs: sc
                .navigation
                .breadcrumbs(urls::parent(&page.path), &home_title(sc)),
            previous: previous.cloned(),
            next: next.cloned(),
            credit: page.credit.map(|(_, name)| name.to_string()),
            locked: page.locked,
            draft: page.draft,
            extra: page.extra.cloned().unwrap_or_default(),
            translation,
            updated: updated(sc, &page.path),
        }
    }
}

/// Home, then each folder down to `folder`.
pub fn breadcrumbs(sc: &SiteContext, folder: &str) -> Vec<NavLink> {
    sc.navigation.breadcrumbs(folder, &home_title(sc))
}

/// The front page's title, as breadcrumbs start with it.
fn home_title(sc: &SiteContext) -> String {
    sc.navigation
        .folder_title("")
        .unwrap_or(sc.site.name)
        .to_string()
}

/// The sidebar section of a key: its first folder (`modules/`), or itself at the root.
pub fn top_section(key: &str) -> String {
    match key.split_once('/') {
        Some((first, _)) => format!("{first}/"),
        None => key.to_string(),
    }
}

/// The heading of a local section: its own title, else "Local implementation – name".
pub fn local_section_title(sc: &SiteContext, title: Option<&str>) -> String {
    title
        .map(str::to_string)
        .unwrap_or_else(|| format!("{} – {}", sc.label("local_implementation"), sc.site.name))
}

/// The filled HTML of a page's main body and its local section.
pub fn contents(sc: &SiteContext, page: &SitePage) -> (String, Option<LocalSectionInfo>) {
    let content = page.body.fill(&hrefs(&page.url, &page.body_links));
    let local = page.local_section.map(|section| LocalSectionInfo {
        id: LOCAL_SECTION_ID,
        title: local_section_title(sc, section.title),
        content: section.body.fill(&hrefs(&page.url, &page.section_links)),
    });
    (content, local)
}

fn toc(
    document: &Document,
    local: Option<(&LocalSectionInfo, &Document)>,
    body_lang: Option<String>,
) -> Vec<TocEntry> {
    let entry = |h: &Heading, level: u8, lang: &Option<String>| TocEntry {
        level,
        id: h.id.clone(),
        text: h.text.clone(),
        lang: lang.clone(),
    };
    let listed = |h: &&Heading| (2..=3).contains(&h.level);
    let mut entries: Vec<TocEntry> = document
        .headings
        .iter()
        .filter(listed)
        .map(|h| entry(h, h.level, &body_lang))
        .collect();
    if let Some((section, body)) = local {
        entries.push(TocEntry {
            level: 2,
            id: section.id.to_string(),
            text: section.title.clone(),
            lang: None,
        });
        entries.extend(
            body.headings
                .iter()
                .filter(listed)
                .map(|h| entry(h, 3, &None)),
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

/// The HTML of a data file's inline text shown on the page at `url`.
pub fn inline_html(text: &SiteText, url: &str) -> String {
    text.text.inline.html(&hrefs(url, &text.links))
}

/// The localized name of an audience.
pub fn audience_name(sc: &SiteContext, audience: Audience) -> String {
    sc.label(audience.label())
}

pub fn category_name(sc: &SiteContext, category: Category) -> String {
    sc.label(&format!("category_{}", category.id()))
}

/// How much of one page's content the search index reads: indexing time grows with it,
/// and no one searches for words deep inside a book-length page.
const MAX_SEARCH_CONTENT: usize = 256 * 1024;

/// The content of a Markdown page as a small HTML document for the search index.
pub fn search_document(language: &str, info: &PageInfo) -> String {
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

/// Something with an id and a name in the site's language, linked or not.
#[derive(Serialize, Clone)]
pub struct Named {
    pub id: String,
    pub name: String,
    pub href: Option<String>,
}

/// The experience page with this number, as a link.
pub fn experience_link(sc: &SiteContext, number: u32) -> Option<NavLink> {
    sc.navigation.experience(number).cloned()
}
