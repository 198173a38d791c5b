//! The printable handbook: every page of a division's site on one page, in reading
//! order (front page, experiences, modules, follow-up with dates, calendar, business
//! case, then the other sections with their local pages), with links rewritten to
//! anchors inside the page and every heading id made unique per chapter.
//!
//! Assembled as mdBook assembles its print page: each chapter is rendered on its own
//! (`partials/print-chapter.html`), and the page is their concatenation. A preview keeps
//! the outline and the chapters between runs (`PrintCache`), so an edit of one page's
//! text renders that page's chapter again and concatenates the rest as they were.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use crate::content::page::PageKind;
use crate::diagnostics::Diagnostic;
use crate::markdown::{Filled, IdAllocator};
use crate::messages::msg;
use crate::output::Contents;
use crate::resolve::{
    Generated, GeneratedPage, LOCAL_SECTION_ID, LinkTarget, PageStatus, SitePage,
};
use crate::urls;

use super::assembly::{Chapters, Outline, TocChapter};
use super::context::SiteContext;
use super::modules::{ModuleInfo, module_info};
use super::page_info::{LocalSectionInfo, PageInfo, TemplateInput, local_section_title};
use super::theme::Theme;
use super::translation::{PAGE_FIELDS, TranslationInfo};
use super::{business_case, calendar, followup};

const PRINT_URL: &str = "print/";
const CHAPTER_TEMPLATE: &str = "partials/print-chapter.html";

/// Where the chapters go: the value of `chapters_html`, which the template shows
/// unescaped. Markup, so that no text of the content can make it (text is escaped).
const CHAPTERS_MARKER: &str = "<hb-print-chapters></hb-print-chapters>";

/// Chapters rendered at a time: a build holds these and the page, not every chapter
/// twice.
const CHAPTER_BATCH: usize = 64;

#[derive(Serialize)]
struct Chapter {
    id: String,
    /// 1 for the sections of the handbook, 2 for the pages within them.
    level: u8,
    kind: &'static str,
    /// "Erfaring 3", "Modul": what the page is, above its title.
    kicker: Option<String>,
    title: String,
    summary: Option<String>,
    /// A module's facts and handouts, as its page shows them.
    module: Option<ModuleInfo>,
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

    fn level(&self) -> u8 {
        match self {
            Part::Page(_, level) | Part::Section(_, level) => *level,
            Part::Generated(_) => 1,
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

/// The outline of `sc`'s print page, made from its parts.
fn outline_of(sc: &SiteContext) -> Outline {
    let parts = parts(sc);
    let keys: Vec<String> = parts.iter().map(Part::key).collect();
    let mut allocator = IdAllocator::default();
    let ids: Vec<String> = keys
        .iter()
        .map(|key| {
            let id = chapter_id(key);
            if allocator.claim(&id) {
                id
            } else {
                allocator.unique(&id)
            }
        })
        .collect();
    let toc = parts
        .iter()
        .zip(&ids)
        .map(|(part, id)| toc_entry(sc, part, id))
        .collect();
    Outline {
        levels: parts.iter().map(Part::level).collect(),
        chapters: keys.iter().cloned().zip(ids.iter().cloned()).collect(),
        len_hint: len_hint(&parts),
        keys,
        ids,
        toc,
    }
}

/// About how long the chapters of `parts` are: their text, and a little markup each.
fn len_hint(parts: &[Part]) -> usize {
    let text = |page: &SitePage| {
        page.body.len_hint() + page.local_section.map_or(0, |s| s.body.len_hint())
    };
    let pages: usize = parts
        .iter()
        .map(|part| match part {
            Part::Page(page, _) => text(page),
            _ => 0,
        })
        .sum();
    pages + parts.len() * 1024
}

/// The chapters in the sidebar's order: the front page, then each section.
pub(super) fn parts<'s>(sc: &'s SiteContext) -> Vec<Part<'s>> {
    let site = sc.site;
    let generated = sidebar_pages(sc);
    let mut parts = Vec::new();
    if let Some(front) = site.pages.get("index.md") {
        parts.push(Part::Page(front, 1));
    }
    for section in &sc.navigation.sections {
        let key = section.link.key.as_str();
        if let Some(page) = generated.get(key) {
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

/// The generated pages listed in the sidebar, by key.
fn sidebar_pages<'s>(sc: &'s SiteContext) -> HashMap<&'s str, &'s GeneratedPage> {
    sc.site
        .generated
        .iter()
        .filter(|g| g.in_sidebar)
        .map(|g| (g.key.as_str(), g))
        .collect()
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

/// The part an outline names by its key (`None` when the site no longer has it, which
/// only a kept outline of another structure could ask for).
fn part<'s>(
    sc: &'s SiteContext,
    generated: &HashMap<&str, &'s GeneratedPage>,
    key: &str,
    level: u8,
) -> Option<Part<'s>> {
    if let Some(page) = sc.site.pages.get(key) {
        return Some(Part::Page(page, level));
    }
    if let Some(page) = generated.get(key) {
        return Some(Part::Generated(page));
    }
    let folder = key.strip_suffix('/')?;
    Some(Part::Section(folder.to_string(), level))
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
    id: &str,
    level: u8,
    kind: &'static str,
    chapters: &BTreeMap<String, String>,
) -> Chapter {
    let prefix = format!("{id}--");
    let content = page
        .body
        .fill_with_prefix(&print_hrefs(&page.body_links, id, chapters), &prefix);
    let local_section = page.local_section.map(|section| LocalSectionInfo {
        id: LOCAL_SECTION_ID,
        title: local_section_title(sc, section.title),
        content: section
            .body
            .fill_with_prefix(&print_hrefs(&page.section_links, id, chapters), &prefix),
    });
    Chapter {
        id: id.to_string(),
        level,
        kind,
        kicker: match page.kind {
            PageKind::Experience(n) => Some(format!("{} {n}", sc.label("experience"))),
            PageKind::Module => Some(sc.label("module")),
            _ => None,
        },
        title: page.title.to_string(),
        summary: page.summary.map(str::to_string),
        module: (page.kind == PageKind::Module).then(|| {
            let mut module = module_info(sc, page);
            module.link_within(chapters, &urls::root_prefix(PRINT_URL));
            module
        }),
        content,
        local_section,
        credit: page.credit.map(|(_, name)| name.to_string()),
        local: page.status == PageStatus::LocalPage,
        translation: TranslationInfo::of(sc, &page.texts, &PAGE_FIELDS),
    }
}

fn generated_chapter(id: &str, kind: &'static str, title: String) -> Chapter {
    Chapter {
        id: id.to_string(),
        level: 1,
        kind,
        kicker: None,
        title,
        summary: None,
        module: None,
        content: String::new(),
        local_section: None,
        credit: None,
        local: false,
        translation: TranslationInfo::none(&PAGE_FIELDS),
    }
}

/// The title of a folder's chapter when it has no `_index.md`.
fn folder_title(sc: &SiteContext, folder: &str) -> String {
    sc.navigation
        .folder_title(folder)
        .unwrap_or(folder)
        .to_string()
}

/// The chapter of one part.
fn chapter(
    sc: &SiteContext,
    part: &Part,
    id: &str,
    chapters: &BTreeMap<String, String>,
) -> Chapter {
    match part {
        Part::Page(page, level) => page_chapter(sc, page, id, *level, "page", chapters),
        Part::Section(folder, level) => match sc.site.pages.get(&format!("{folder}/_index.md")) {
            Some(index) => page_chapter(sc, index, id, *level, "section", chapters),
            None => Chapter {
                level: *level,
                ..generated_chapter(id, "section", folder_title(sc, folder))
            },
        },
        Part::Generated(page) => Chapter {
            translation: generated_translation(sc, &page.kind),
            ..generated_chapter(id, kind_name(&page.kind), sc.title(&page.title))
        },
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

fn toc_entry(sc: &SiteContext, part: &Part, id: &str) -> TocChapter {
    let page_lang =
        |page: &SitePage| title_lang(TranslationInfo::of(sc, &page.texts, &PAGE_FIELDS));
    let (title, local, lang) = match part {
        Part::Page(page, _) => (
            page.title.to_string(),
            page.status == PageStatus::LocalPage,
            page_lang(page),
        ),
        Part::Section(folder, _) => match sc.site.pages.get(&format!("{folder}/_index.md")) {
            Some(index) => (index.title.to_string(), false, page_lang(index)),
            None => (folder_title(sc, folder), false, None),
        },
        Part::Generated(page) => (
            sc.title(&page.title),
            false,
            title_lang(generated_translation(sc, &page.kind)),
        ),
    };
    TocChapter {
        id: id.to_string(),
        level: part.level(),
        title,
        local,
        lang,
    }
}

/// The language of a title shown untranslated (its element's `lang`).
fn title_lang(translation: TranslationInfo) -> Option<String> {
    translation.lang.get("title").cloned().flatten()
}

fn generated_translation(sc: &SiteContext, kind: &Generated) -> TranslationInfo {
    match kind {
        Generated::Followup => followup::translation(sc),
        Generated::Calendar => calendar::translation(sc),
        Generated::BusinessCase => business_case::translation(sc),
        _ => TranslationInfo::none(&PAGE_FIELDS),
    }
}

/// What surrounds the chapters: the title and the table of contents. The chapters
/// themselves go where the template shows `chapters_html` (see `with_chapters`).
pub fn page(sc: &SiteContext, page: &GeneratedPage) -> TemplateInput {
    let outline = sc.print.outline(&sc.site.prefix, || outline_of(sc));
    let info = PageInfo::generated(sc, page, "print");
    TemplateInput::page("print.html", &info)
        .with("chapters", &outline.toc)
        .with("anchors", &outline.chapters)
        .with("chapters_html", &CHAPTERS_MARKER)
}

/// The print page, `page` being its template filled: its chapters put where the
/// template shows them, each rendered, or reused from the last run.
pub fn with_chapters(
    sc: &SiteContext,
    theme: &Theme,
    page: String,
) -> Result<Contents, Diagnostic> {
    let Some(at) = page.find(CHAPTERS_MARKER) else {
        return Ok(Contents::Bytes(page.into_bytes()));
    };
    let outline = sc.print.outline(&sc.site.prefix, || outline_of(sc));
    let (before, after) = (&page[..at], &page[at + CHAPTERS_MARKER.len()..]);
    let mut out = if sc.print.cache.is_some() {
        PageOut::Parts(Vec::with_capacity(2 * outline.keys.len() + 2))
    } else {
        // One allocation of about the right size: growing a page of many megabytes by
        // doubling would hold it twice.
        PageOut::Joined(String::with_capacity(page.len() + outline.len_hint))
    };
    out.push(before);
    let chapters = append_chapters(sc, theme, &outline, &mut out)?;
    out.push(after);
    sc.print.keep(&sc.site.prefix, outline, chapters, &page);
    Ok(out.into_contents())
}

/// Where the print page is put together: in one string (a build, which writes it), or
/// as a list of its parts (a preview, which keeps the chapters from one run to the next
/// and serves the page from them: an edit then copies none of them).
enum PageOut {
    Joined(String),
    Parts(Vec<Arc<str>>),
}

impl PageOut {
    fn push(&mut self, text: &str) {
        match self {
            PageOut::Joined(html) => html.push_str(text),
            PageOut::Parts(parts) => parts.push(Arc::from(text)),
        }
    }

    fn push_chapter(&mut self, chapter: &Arc<str>, newline: &Arc<str>) {
        match self {
            PageOut::Joined(html) => {
                html.push_str(chapter);
                html.push_str(newline);
            }
            PageOut::Parts(parts) => parts.extend([chapter.clone(), newline.clone()]),
        }
    }

    fn into_contents(self) -> Contents {
        match self {
            PageOut::Joined(html) => Contents::Bytes(html.into_bytes()),
            PageOut::Parts(parts) => Contents::Parts(Arc::from(parts)),
        }
    }
}

/// Appends each chapter to `out`, rendered or kept from the last run; returns them for
/// the next run (none outside a preview).
fn append_chapters(
    sc: &SiteContext,
    theme: &Theme,
    outline: &Arc<Outline>,
    out: &mut PageOut,
) -> Result<Chapters, Diagnostic> {
    let assembly = &sc.print;
    let kept = assembly.kept(&sc.site.prefix).map(|k| k.chapters);
    let generated = sidebar_pages(sc);
    // Made for the first generated chapter rendered: an edit of a page's text renders
    // none.
    let extra = std::sync::OnceLock::new();
    let newline: Arc<str> = Arc::from("\n");
    let mut chapters = Chapters::new();
    let indexes: Vec<usize> = (0..outline.keys.len()).collect();
    for batch in indexes.chunks(CHAPTER_BATCH) {
        let rendered: Vec<Result<Arc<str>, Diagnostic>> = batch
            .par_iter()
            .map(|&i| {
                let key = &outline.keys[i];
                let cached = kept.as_ref().and_then(|k| k.get(key));
                match cached.filter(|_| assembly.is_unchanged(key)) {
                    Some(chapter) => Ok(chapter.clone()),
                    None => render_chapter(sc, theme, outline, &generated, i, &extra),
                }
            })
            .collect();
        for (&i, chapter) in batch.iter().zip(rendered) {
            let chapter = chapter?;
            out.push_chapter(&chapter, &newline);
            if assembly.cache.is_some() {
                chapters.insert(outline.keys[i].clone(), chapter);
            }
        }
    }
    Ok(chapters)
}

/// The values generated chapters show (the follow-up, calendar and business case).
fn generated_values(
    sc: &SiteContext,
    chapters: &BTreeMap<String, String>,
) -> Vec<(&'static str, Value)> {
    vec![
        ("anchors", Value::from_serializable(chapters)),
        (
            "weeks",
            Value::from_serializable(&followup::weeks(sc, PRINT_URL)),
        ),
        (
            "followup_start",
            Value::from_serializable(&followup::start(sc)),
        ),
        (
            "months",
            Value::from_serializable(&calendar::months(sc, PRINT_URL)),
        ),
        (
            "case",
            Value::from_serializable(&business_case::figures(sc)),
        ),
    ]
}

fn render_chapter(
    sc: &SiteContext,
    theme: &Theme,
    outline: &Outline,
    generated: &HashMap<&str, &GeneratedPage>,
    index: usize,
    extra: &std::sync::OnceLock<Vec<(&'static str, Value)>>,
) -> Result<Arc<str>, Diagnostic> {
    let (key, id) = (&outline.keys[index], &outline.ids[index]);
    let Some(part) = part(sc, generated, key, outline.levels[index]) else {
        return Ok(Arc::from(""));
    };
    let chapter = chapter(sc, &part, id, &outline.chapters);
    let mut context = sc.base_context(PRINT_URL);
    context.insert("chapter", &chapter);
    if let Part::Generated(_) = part {
        let extra = extra.get_or_init(|| generated_values(sc, &outline.chapters));
        for (key, value) in extra {
            context.insert_value(*key, value.clone());
        }
    }
    theme
        .tera
        .render(CHAPTER_TEMPLATE, &context)
        .map(Arc::from)
        .map_err(|error| theme.render_error(&error, Some(msg!("rendering-print").into())))
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
