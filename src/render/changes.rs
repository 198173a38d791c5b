//! What changed in one division's site: the page `changes/` ("Nyt i håndbogen") and, when
//! `base_url` says where the site lives, the same list as an Atom feed, `changes.xml`.
//! Both read the changes resolve settled from the git history.

use serde::Serialize;

use crate::markdown::escape;
use crate::output::{Contents, OutputFile};
use crate::resolve::GeneratedPage;
use crate::resolve::changes::Change;
use crate::urls;

use super::context::SiteContext;
use super::page_info::{PageInfo, TemplateInput};
use super::theme::Theme;

/// The file name of the feed in each site.
pub const FEED_FILE: &str = "changes.xml";

#[derive(Serialize)]
struct ChangesInfo {
    has_history: bool,
    entries: Vec<EntryInfo>,
    /// The feed's href, when the site has one.
    feed: Option<String>,
}

#[derive(Serialize)]
struct EntryInfo {
    date: String,
    /// `YYYY-MM-DD`, for `<time datetime>`.
    iso: String,
    title: String,
    href: String,
    summary: String,
    commit: String,
}

pub fn page(sc: &SiteContext, page: &GeneratedPage) -> TemplateInput {
    let info = PageInfo::generated(sc, page, "changes");
    let changes = &sc.site.changes;
    let style = sc.style();
    let entries = changes
        .entries
        .iter()
        .filter_map(|change| {
            let date = change.moment.date()?;
            Some(EntryInfo {
                date: style.date(date),
                iso: date.to_string(),
                title: sc.title(&change.page.title),
                href: urls::href(&page.url, &change.page.url),
                summary: change.summary.clone(),
                commit: change.commit.chars().take(7).collect(),
            })
        })
        .collect();
    let values = ChangesInfo {
        has_history: changes.has_history,
        entries,
        feed: sc.site.base_url.map(|_| urls::href(&page.url, FEED_FILE)),
    };
    TemplateInput::page("changes.html", &info).with("changes", &values)
}

/// `changes.xml`: the site's changes as an Atom feed, when `base_url` is set.
pub fn feed(sc: &SiteContext, _: &Theme) -> Vec<OutputFile> {
    let site = sc.site;
    let Some(base) = site.base_url.map(|b| b.trim_end_matches('/')) else {
        return Vec::new();
    };
    let home = format!("{base}/{}", site.prefix);
    let title = format!("{} · {}", sc.label("changes_title"), site.name);
    let updated = site
        .changes
        .entries
        .first()
        .and_then(|c| c.moment.rfc3339())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <subtitle>{}</subtitle>\n  <id>{}</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <updated>{updated}</updated>\n  <author><name>{}</name></author>\n",
        escape(&site.language),
        escape(&title),
        escape(site.title),
        escape(&format!("{home}changes/")),
        escape(&format!("{home}{FEED_FILE}")),
        escape(&format!("{home}changes/")),
        escape(site.title),
    );
    for change in &site.changes.entries {
        xml.push_str(&entry(sc, &home, change));
    }
    xml.push_str("</feed>\n");
    vec![OutputFile {
        path: format!("{}{FEED_FILE}", site.prefix),
        contents: Contents::Bytes(xml.into_bytes()),
    }]
}

fn entry(sc: &SiteContext, home: &str, change: &Change) -> String {
    let link = format!("{home}{}", change.page.url);
    let updated = change
        .moment
        .rfc3339()
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    format!(
        "  <entry>\n    <title>{}</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <id>{}</id>\n    <updated>{updated}</updated>\n    <author><name>{}</name></author>\n    <summary>{}</summary>\n  </entry>\n",
        escape(&sc.title(&change.page.title)),
        escape(&link),
        escape(&format!("{link}#{}", change.commit)),
        escape(&change.author),
        escape(&change.summary),
    )
}
