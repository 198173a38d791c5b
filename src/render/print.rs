//! The printable handbook: every page of a division's site on one page, in reading
//! order (front page, experiences, modules, follow-up with dates, calendar, business
//! case, then the other sections with their local pages), with links rewritten to
//! anchors inside the page and every heading id made unique per chapter.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::markdown::Filled;
use crate::resolve::{
    Generated, GeneratedPage, LOCAL_SECTION_ID, LinkTarget, PageStatus, SitePage,
};
use crate::urls;

use super::context::SiteContext;
use super::page_info::{LocalSectionInfo, PageInfo, TemplateInput, local_section_title};
use super::translation::{PAGE_FIELDS, TranslationInfo};
use super::{business_case, calendar, followup};

const PRINT_URL: &str = "print/";

#[derive(Serialize)]
struct Chapter {
    id: String,
    /// 1 for the sections of the handbook, 2 for the pages within them.
    level: u8,
    kind: &'static str,
    title: String,
    summary: Option<String>,
    content: String,
    local_section: Option<LocalSectionInfo>,
    credit: Option<String>,
    local: bool,
    /// Its notice and the `lang` of texts shown untranslated.
    translation: TranslationInfo,
}

/// What the print page puts together, in order.
pub(super) enum Part<'s> {
    Page(&'s SitePage<'s>, u8),
    Section(String, u8),
    /// A generated page listed in the sidebar (follow-up, calendar, business case).
    Generated(&'s GeneratedPage),
}

impl Part<'_> {
    pub(super) fn key(&self) -> String {
        match self {
            Part::Page(page, _) => page.path.clone(),
            Part::Section(folder, _) => format!("{folder}/"),
            Part::Generated(page) => page.key.clone(),
        }
    }
}

pub(super) fn chapter_id(key: &str) -> String {
    let slug: String = key
        .trim_end_matches(".md")
        .trim_end_matches(".yaml")
        .replace('/', "-");
    format!("kap-{}", urls::slug_segment(slug.trim_end_matches('-')))
}

/// The chapters in the sidebar's order: the front page, then each section.
pub(super) fn parts<'s>(sc: &'s SiteContext) -> Vec<Part<'s>> {
    let site = sc.site;
    let mut parts = Vec::new();
    if let Some(front) = site.pages.get("index.md") {
        parts.push(Part::Page(front, 1));
    }
    for section in &sc.navigation.sections {
        let key = section.link.key.as_str();
        if let Some(page) = site.generated(key).filter(|g| g.in_sidebar) {
            parts.push(Part::Generated(page));
            continue;
        }
        match key.strip_suffix('/') {
            Some("handouts") => {}
            Some(folder) => folder_parts(sc, folder, 1, &mut parts),
            None => parts.extend(site.pages.get(key).map(|p| Part::Page(p, 1))),
        }
    }
    parts
}

fn folder_parts<'s>(sc: &'s SiteContext, folder: &str, level: u8, parts: &mut Vec<Part<'s>>) {
    parts.push(Part::Section(folder.to_string(), level));
    for child in sc.navigation.children(folder) {
        match child.key.strip_suffix('/') {
            Some(subfolder) => folder_parts(sc, subfolder, level + 1, parts),
            None => parts.extend(
                sc.site
                    .pages
                    .get(&child.key)
                    .map(|p| Part::Page(p, level + 1)),
            ),
        }
    }
}

/// Links as they work inside the print page: to a chapter (and a heading in it) when the
/// target is printed, else relative to the print page.
fn print_hrefs(
    links: &[LinkTarget],
    own: &str,
    chapters: &BTreeMap<String, String>,
) -> Vec<Filled> {
    links
        .iter()
        .map(|link| match link {
            LinkTarget::To { key, url, fragment } => match (chapters.get(key), fragment.is_empty())
            {
                (Some(id), true) => Filled::Href(format!("#{id}")),
                (Some(id), false) => Filled::Href(format!("#{id}--{fragment}")),
                (None, true) => Filled::Href(urls::href(PRINT_URL, url)),
                (None, false) => Filled::Href(format!("{}#{fragment}", urls::href(PRINT_URL, url))),
            },
            LinkTarget::Here(fragment) => Filled::Href(format!("#{own}--{fragment}")),
            LinkTarget::Text => Filled::Text,
        })
        .collect()
}

fn page_chapter(
    sc: &SiteContext,
    page: &SitePage,
    id: String,
    level: u8,
    kind: &'static str,
    chapters: &BTreeMap<String, String>,
) -> Chapter {
    let prefix = format!("{id}--");
    let content = page
        .body
        .fill_with_prefix(&print_hrefs(&page.body_links, &id, chapters), &prefix);
    let local_section = page.local_section.map(|section| LocalSectionInfo {
        id: LOCAL_SECTION_ID,
        title: local_section_title(sc, section.title),
        content: section
            .body
            .fill_with_prefix(&print_hrefs(&page.section_links, &id, chapters), &prefix),
    });
    Chapter {
        id,
        level,
        kind,
        title: page.title.to_string(),
        summary: page.summary.map(str::to_string),
        content,
        local_section,
        credit: page.credit.map(|(_, name)| name.to_string()),
        local: page.status == PageStatus::LocalPage,
        translation: TranslationInfo::of(sc, &page.texts, &PAGE_FIELDS),
    }
}

fn generated_chapter(id: String, kind: &'static str, title: String) -> Chapter {
    Chapter {
        id,
        level: 1,
        kind,
        title,
        summary: None,
        content: String::new(),
        local_section: None,
        credit: None,
        local: false,
        translation: TranslationInfo::none(&PAGE_FIELDS),
    }
}

/// The chapter of one part.
fn chapter(sc: &SiteContext, part: &Part, chapters: &BTreeMap<String, String>) -> Chapter {
    let id = chapter_id(&part.key());
    match part {
        Part::Page(page, level) => page_chapter(sc, page, id, *level, "page", chapters),
        Part::Section(folder, level) => match sc.site.pages.get(&format!("{folder}/_index.md")) {
            Some(index) => page_chapter(sc, index, id, *level, "section", chapters),
            None => Chapter {
                level: *level,
                ..generated_chapter(
                    id,
                    "section",
                    sc.navigation
                        .folder_title(folder)
                        .unwrap_or(folder)
                        .to_string(),
                )
            },
        },
        Part::Generated(page) => {
            let translation = match page.kind {
                Generated::Followup => followup::translation(sc),
                Generated::Calendar => calendar::translation(sc),
                Generated::BusinessCase => business_case::translation(sc),
                _ => TranslationInfo::none(&PAGE_FIELDS),
            };
            Chapter {
                translation,
                ..generated_chapter(id, kind_name(&page.kind), sc.title(&page.title))
            }
        }
    }
}

/// The template's name for a generated chapter's kind.
fn kind_name(kind: &Generated) -> &'static str {
    match kind {
        Generated::Followup => "followup",
        Generated::Calendar => "calendar",
        Generated::BusinessCase => "business-case",
        _ => "section",
    }
}

pub fn page(sc: &SiteContext, page: &GeneratedPage) -> TemplateInput {
    let parts = parts(sc);
    let chapters: BTreeMap<String, String> = parts
        .iter()
        .map(|p| (p.key(), chapter_id(&p.key())))
        .collect();
    let list: Vec<Chapter> = parts
        .iter()
        .map(|part| chapter(sc, part, &chapters))
        .collect();
    let info = PageInfo::generated(sc, page, "print");
    TemplateInput::page("print.html", &info)
        .with("chapters", &list)
        .with("anchors", &chapters)
        .with("weeks", &followup::weeks(sc, &page.url))
        .with("followup_start", &followup::start(sc))
        .with("months", &calendar::months(sc, &page.url))
        .with("case", &business_case::figures(sc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapter_ids_are_unique_slugs() {
        assert_eq!(
            chapter_id("experiences/03-linjeledere.md"),
            "kap-experiences-03-linjeledere"
        );
        assert_eq!(chapter_id("modules/"), "kap-modules");
        assert_eq!(chapter_id("followup.yaml"), "kap-followup");
        assert_eq!(chapter_id("index.md"), "kap-index");
    }

    #[test]
    fn links_to_printed_pages_become_anchors() {
        let chapters = BTreeMap::from([("modules/m.md".to_string(), "kap-modules-m".to_string())]);
        let links = vec![
            LinkTarget::To {
                key: "modules/m.md".into(),
                url: "modules/m/".into(),
                fragment: "mål".into(),
            },
            LinkTarget::To {
                key: "handouts/a.pdf".into(),
                url: "handouts/a.pdf".into(),
                fragment: String::new(),
            },
            LinkTarget::Here("x".into()),
            LinkTarget::Text,
        ];
        let filled = print_hrefs(&links, "kap-own", &chapters);
        assert_eq!(
            filled,
            [
                Filled::Href("#kap-modules-m--mål".into()),
                Filled::Href("../handouts/a.pdf".into()),
                Filled::Href("#kap-own--x".into()),
                Filled::Text,
            ]
        );
    }
}
