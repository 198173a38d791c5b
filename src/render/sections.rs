//! The pages of folders and the site's own pages: the front page, a folder's section
//! page (its `_index.md` text and its pages), the search page and the 404 page.

use serde::Serialize;

use crate::resolve::GeneratedPage;

use super::context::SiteContext;
use super::nav::NavLink;
use super::page_info::{PageInfo, TemplateInput, breadcrumbs, contents};
use super::translation::{PAGE_FIELDS, TranslationInfo};

/// The markdown page behind a folder's page (`index.md`, `x/_index.md`), if any.
fn index_page<'a>(sc: &'a SiteContext, folder: &str) -> Option<&'a crate::resolve::SitePage<'a>> {
    let path = if folder.is_empty() {
        "index.md".to_string()
    } else {
        format!("{folder}/_index.md")
    };
    sc.site.pages.get(&path)
}

pub fn front(sc: &SiteContext, page: &GeneratedPage) -> TemplateInput {
    let mut info = match index_page(sc, "") {
        Some(index) => PageInfo::markdown(sc, index, "front"),
        None => PageInfo::generated(sc, page, "front"),
    };
    info.breadcrumbs.clear();
    info.section = "index.md".to_string();
    // Every section, where the sidebar shows only some: the front page is one click
    // from every page, and every page is at most two clicks from it.
    let sections: Vec<&NavLink> = sc.navigation.sections.iter().map(|s| &s.link).collect();
    TemplateInput::page("index.html", &info).with("sections", &sections)
}

#[derive(Serialize)]
struct SectionInfo<'a> {
    folder: &'a str,
    /// The pages and subsections, in reading order.
    children: &'a [NavLink],
}

/// A folder's page: its `_index.md` text, then its pages and subfolders.
pub fn section(sc: &SiteContext, page: &GeneratedPage, folder: &str) -> TemplateInput {
    let mut info = match index_page(sc, folder) {
        Some(index) => PageInfo {
            key: page.key.clone(),
            ..PageInfo::markdown(sc, index, "section")
        },
        None => PageInfo::generated(sc, page, "section"),
    };
    info.breadcrumbs = breadcrumbs(sc, crate::urls::parent(folder));
    let (previous, next) = sc.navigation.neighbours(&page.key);
    info.previous = previous.cloned();
    info.next = next.cloned();
    let section = SectionInfo {
        folder,
        children: sc.navigation.children(folder),
    };
    TemplateInput::page("section.html", &info).with("section", &section)
}

/// The `page` of a programme folder's own page (the module catalogue, the handouts):
/// its `_index.md` introduction when there is one.
pub fn section_info(sc: &SiteContext, page: &GeneratedPage) -> PageInfo {
    let mut info = PageInfo::generated(sc, page, "section");
    if let Some(index) = page.kind.folder().and_then(|f| index_page(sc, f)) {
        info.summary = index.summary.map(str::to_string);
        info.translation = TranslationInfo::of(sc, &index.texts, &PAGE_FIELDS);
        let (content, local_section) = contents(sc, index);
        info.content = content;
        info.local_section = local_section;
    }
    info
}

pub fn search(sc: &SiteContext, page: &GeneratedPage) -> TemplateInput {
    TemplateInput::page("search.html", &PageInfo::generated(sc, page, "search"))
}

/// The 404 page. A server shows it for a missing URL at any depth, where its relative
/// links would lead nowhere: with `base_url` its links start from the site's path on the
/// server instead (`/haandbog/privat/static/style.css`), which also keeps them on the
/// page's own origin, as the Content-Security-Policy requires.
pub fn not_found(sc: &SiteContext, page: &GeneratedPage) -> TemplateInput {
    let input = TemplateInput::page("404.html", &PageInfo::generated(sc, page, "not-found"));
    match sc.site.base_url.and_then(server_path) {
        Some(path) => {
            let root = format!("{path}{}", sc.site.prefix);
            let assets = format!("{root}static/");
            input.with("root", &root).with("assets", &assets)
        }
        None => input,
    }
}

/// The path part of `base_url`, ending in `/`: `/haandbog/` for
/// `https://intra.example.com/haandbog`. `None` when it is not an http(s) or
/// server-relative address.
fn server_path(base_url: &str) -> Option<String> {
    let path = match base_url.split_once("://") {
        Some((scheme, rest))
            if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") =>
        {
            rest.find('/').map_or("/", |at| &rest[at..])
        }
        Some(_) => return None,
        None if base_url.starts_with('/') => base_url,
        None => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let safe = path
        .chars()
        .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '\\'));
    safe.then(|| format!("{}/", path.trim_end_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::server_path;

    #[test]
    fn the_404_page_links_from_the_path_of_base_url() {
        let path = |url| server_path(url);
        assert_eq!(
            path("https://intra.example.com/haandbog/").as_deref(),
            Some("/haandbog/")
        );
        assert_eq!(
            path("https://intra.example.com/haandbog").as_deref(),
            Some("/haandbog/")
        );
        assert_eq!(path("http://intra.example.com").as_deref(), Some("/"));
        assert_eq!(path("HTTPS://x.dk/a/b/?q=1").as_deref(), Some("/a/b/"));
        assert_eq!(path("/haandbog").as_deref(), Some("/haandbog/"));
        assert_eq!(path("file:///srv/haandbog/"), None);
        assert_eq!(path("haandbog"), None);
        assert_eq!(path("https://x.dk/a\"b"), None);
    }
}
