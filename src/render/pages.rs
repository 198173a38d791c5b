//! The pages of one site: every Markdown page and every generated page the site's list
//! declares, each turned into its template's input by the file of its kind.

use std::collections::BTreeSet;

use crate::resolve::{Generated, GeneratedPage, SitePage};

use super::context::SiteContext;
use super::page_info::TemplateInput;
use super::{
    business_case, calendar, changes, followup, handouts, markdown_pages, modules, print, sections,
    week,
};

/// A page to render. Markdown pages are described by reference and built when they are
/// rendered (building all of them first would hold every page's HTML twice).
#[derive(Clone, Copy)]
pub enum PageJob<'s, 'h> {
    Markdown(&'s SitePage<'h>),
    Generated(&'s GeneratedPage),
}

impl PageJob<'_, '_> {
    /// The page's site-relative URL.
    pub fn url(&self) -> &str {
        match self {
            PageJob::Markdown(page) => &page.url,
            PageJob::Generated(page) => &page.url,
        }
    }

    /// Where the page sits in the sidebar: its key, or the key of the page it is placed
    /// under when it is not in the sidebar itself (an audience page, under `modules/`).
    pub fn placed_under(&self) -> &str {
        match self {
            PageJob::Markdown(page) => &page.path,
            PageJob::Generated(page) => page.parent.as_deref().unwrap_or(&page.key),
        }
    }

    /// What diagnostics name: the source file, or the generated page.
    pub fn source(&self) -> &str {
        match self {
            PageJob::Markdown(page) => page.file,
            PageJob::Generated(page) => &page.source,
        }
    }

    /// The content path of a shared page shown as HR wrote it, in HR's language (its
    /// search record is the same in every division of that language).
    pub fn shared_path(&self) -> Option<&str> {
        match self {
            PageJob::Markdown(page)
                if page.status == crate::resolve::PageStatus::Shared && page.texts.is_empty() =>
            {
                Some(&page.path)
            }
            _ => None,
        }
    }

    /// The print page, whose chapters are put together after its template is filled.
    pub fn is_print(&self) -> bool {
        matches!(self, PageJob::Generated(page) if page.kind == Generated::Print)
    }

    /// Whether the page is content a reader looks for: not the 404, search, print or
    /// change page.
    pub fn is_content(&self) -> bool {
        !matches!(
            self,
            PageJob::Generated(page)
                if matches!(page.kind, Generated::NotFound | Generated::Search | Generated::Print | Generated::Changes)
        )
    }

    /// What the page's template gets.
    pub fn input(&self, sc: &SiteContext) -> TemplateInput {
        match self {
            PageJob::Markdown(page) => markdown_pages::input(sc, page),
            PageJob::Generated(page) => generated(sc, page),
        }
    }
}

/// The file that makes each kind of generated page.
fn generated(sc: &SiteContext, page: &GeneratedPage) -> TemplateInput {
    match &page.kind {
        Generated::Front => sections::front(sc, page),
        Generated::Section(folder) => sections::section(sc, page, folder),
        Generated::Modules => modules::catalogue(sc, page),
        Generated::Handouts => handouts::page(sc, page),
        Generated::Followup => followup::page(sc, page),
        Generated::Week(number) => week::page(sc, page, *number),
        Generated::Calendar => calendar::page(sc, page),
        Generated::BusinessCase => business_case::page(sc, page),
        Generated::Audience(audience) => modules::audience_page(sc, page, *audience),
        Generated::Print => print::page(sc, page),
        Generated::Search => sections::search(sc, page),
        Generated::NotFound => sections::not_found(sc, page),
        Generated::Changes => changes::page(sc, page),
    }
}

/// Every page of the site; with `only`, just those Markdown pages (positions in the
/// merged tree) and the print page, which holds every page.
pub fn jobs<'s, 'h>(
    sc: &SiteContext<'s, 'h>,
    only: Option<&BTreeSet<String>>,
) -> Vec<PageJob<'s, 'h>> {
    let site = sc.site;
    let markdown = site
        .pages
        .values()
        .filter(|p| !p.kind.introduces_generated() && p.path != "index.md")
        .filter(|p| only.is_none_or(|only| only.contains(&p.path)))
        .map(PageJob::Markdown);
    let generated = site
        .generated
        .iter()
        .filter(|g| only.is_none() || g.kind == Generated::Print)
        .map(PageJob::Generated);
    // Generated pages first: the print page, the biggest by far, is then made while
    // little else is held (the search records of the pages grow as they are rendered).
    generated.chain(markdown).collect()
}
