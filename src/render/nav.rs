//! Navigation: built once per site, then shared by every page of it. The sidebar's
//! sections, the order of pages within a folder (for lists and previous/next), and
//! breadcrumbs all come from here.
//!
//! Each page's sidebar is a bounded view of the site's: the programme's sections, a
//! window of the other sections around the current one, and a window of the current
//! section's pages around the current page, with links to the full lists. A page's size
//! then does not grow with the number of sections or the size of its folder.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::content::page::PageKind;
use crate::resolve::{PageStatus, Site, SitePage, Title};
use crate::urls;

use super::theme::Labels;

/// A link in navigation: `href` is site-relative (templates prefix `root`).
#[derive(Debug, Clone, Serialize)]
pub struct NavLink {
    /// What identifies the target in templates: its content path (`modules/x.md`),
    /// folder (`modules/`) or data file (`followup.yaml`).
    pub key: String,
    pub title: String,
    pub href: String,
    pub summary: Option<String>,
    pub number: Option<u32>,
    pub local: bool,
    /// The division that shares this story, when it is another's.
    pub credit: Option<String>,
    /// The original's language, when the title (or summary) is shown untranslated.
    pub lang: Option<String>,
    pub summary_lang: Option<String>,
    #[serde(skip)]
    pub weight: i64,
}

/// A section of the sidebar: its link, and the folder whose pages it lists (none for
/// the handouts and the generated pages).
#[derive(Debug, Clone)]
pub struct NavSection {
    pub link: NavLink,
    folder: Option<String>,
}

/// The navigation of one site.
pub struct Navigation {
    /// Every section of the sidebar, in order: the programme's first, then from
    /// `free_start` the other folders and root pages.
    pub sections: Vec<NavSection>,
    free_start: usize,
    /// Folder -> its pages and subfolders in reading order (keys).
    children: BTreeMap<String, Vec<NavLink>>,
    /// Folder -> its title.
    folder_titles: BTreeMap<String, String>,
    /// Page key -> (folder, index in that folder's children).
    positions: HashMap<String, (String, usize)>,
    /// Experience number -> its index in the children of `experiences`.
    experiences: HashMap<u32, usize>,
}

const PROGRAMME_FOLDERS: [&str; 2] = ["experiences", "modules"];
const END_FOLDERS: [&str; 2] = ["handouts", "stories"];

impl Navigation {
    pub fn build(site: &Site, labels: &Labels) -> Navigation {
        let folder_titles: BTreeMap<String, String> = site
            .generated
            .iter()
            .filter_map(|page| {
                let folder = page.kind.folder()?;
                Some((folder.to_string(), title(&page.title, labels)))
            })
            .collect();
        let children = children(site, &folder_titles);
        let positions = children
            .iter()
            .flat_map(|(folder, list)| {
                list.iter()
                    .enumerate()
                    .map(move |(i, l)| (l.key.clone(), (folder.clone(), i)))
            })
            .collect();
        let mut experiences = HashMap::new();
        for (i, link) in children
            .get("experiences")
            .into_iter()
            .flatten()
            .enumerate()
        {
            if let Some(number) = link.number {
                experiences.entry(number).or_insert(i);
            }
        }
        let mut navigation = Navigation {
            sections: Vec::new(),
            free_start: 0,
            children,
            folder_titles,
            positions,
            experiences,
        };
        let (sections, free_start) = navigation.all_sections(site, labels);
        navigation.sections = sections;
        navigation.free_start = free_start;
        navigation
    }

    /// The programme's folders, its generated pages, handouts and stories, then (from
    /// the index returned) the other folders and root pages by weight and title.
    fn all_sections(&self, site: &Site, labels: &Labels) -> (Vec<NavSection>, usize) {
        let section = |folder: &str| NavSection {
            link: folder_link(folder, &self.folder_titles[folder]),
            folder: Some(folder.to_string()),
        };
        let has = |folder: &str| self.folder_titles.contains_key(folder);
        let mut sections: Vec<NavSection> = PROGRAMME_FOLDERS
            .into_iter()
            .filter(|f| has(f))
            .map(section)
            .collect();
        sections.extend(
            site.generated
                .iter()
                .filter(|page| page.in_sidebar)
                .map(|page| NavSection {
                    link: generated_link(&page.key, &page.url, &title(&page.title, labels)),
                    folder: None,
                }),
        );
        for folder in END_FOLDERS.into_iter().filter(|f| has(f)) {
            let mut end = section(folder);
            if folder == "handouts" {
                end.folder = None;
            }
            sections.push(end);
        }
        let free_start = sections.len();
        sections.extend(self.free_sections(site, section));
        (sections, free_start)
    }

    /// Folders and pages at the root that are not the programme's.
    fn free_sections(&self, site: &Site, section: impl Fn(&str) -> NavSection) -> Vec<NavSection> {
        let is_free = |f: &&String| {
            !f.is_empty()
                && !f.contains('/')
                && !PROGRAMME_FOLDERS.contains(&f.as_str())
                && !END_FOLDERS.contains(&f.as_str())
        };
        let mut free: Vec<NavSection> = self
            .folder_titles
            .keys()
            .filter(is_free)
            .map(|f| section(f))
            .collect();
        free.extend(
            self.children
                .get("")
                .into_iter()
                .flatten()
                .filter(|l| l.key != "index.md")
                .map(|link| NavSection {
                    link: link.clone(),
                    folder: None,
                }),
        );
        let weight = |s: &NavSection| {
            let index = site
                .pages
                .get(&format!("{}_index.md", s.link.key))
                .or_else(|| site.pages.get(&s.link.key));
            index.map_or(0, |p| p.weight)
        };
        free.sort_by_cached_key(|s| (weight(s), s.link.title.to_lowercase()));
        free
    }

    /// The pages and subfolders of `folder`, in reading order.
    pub fn children(&self, folder: &str) -> &[NavLink] {
        self.children.get(folder).map_or(&[], Vec::as_slice)
    }

    pub fn folder_title(&self, folder: &str) -> Option<&str> {
        self.folder_titles.get(folder).map(String::as_str)
    }

    /// The previous and next page in the same folder.
    pub fn neighbours(&self, key: &str) -> (Option<&NavLink>, Option<&NavLink>) {
        let Some((folder, index)) = self.positions.get(key) else {
            return (None, None);
        };
        let list = &self.children[folder];
        let previous = index.checked_sub(1).and_then(|i| list.get(i));
        (previous, list.get(index + 1))
    }

    /// Home, then each folder above the page. The page itself is not included.
    pub fn breadcrumbs(&self, folder: &str, home_title: &str) -> Vec<NavLink> {
        let mut crumbs = vec![generated_link("index.md", "", home_title)];
        for ancestor in crate::resolve::ancestors(folder).into_iter().skip(1) {
            if let Some(title) = self.folder_titles.get(&ancestor) {
                crumbs.push(folder_link(&ancestor, title));
            }
        }
        crumbs
    }
}

/// The section that holds the current page shows its pages: all of them up to this
/// many, else a window of `ITEM_WINDOW` around the current one. Other sections show
/// only their own link.
const MAX_ITEMS: usize = 15;
const ITEM_WINDOW: usize = 11;
/// With more than this many other sections, the sidebar shows a window of
/// `SECTION_WINDOW` of them around the current one, and a link to the list of all.
const MAX_FREE_SECTIONS: usize = 12;
const SECTION_WINDOW: usize = 7;

/// One page's sidebar: bounded, whatever the size of the handbook.
#[derive(Serialize)]
pub struct Sidebar<'n> {
    pub sections: Vec<SidebarSection<'n>>,
    /// How many sections there are when the sidebar shows only a window of them.
    pub all_sections: Option<usize>,
}

/// A section of one page's sidebar.
#[derive(Serialize)]
pub struct SidebarSection<'n> {
    #[serde(flatten)]
    pub link: &'n NavLink,
    /// The section holds the current page.
    pub open: bool,
    /// Its pages shown: all of a small section, else a window around the current page.
    pub items: &'n [NavLink],
    /// Pages the window leaves out before and after it.
    pub before: usize,
    pub after: usize,
    /// All its pages, when the window leaves some out.
    pub count: usize,
}

impl Navigation {
    /// The sidebar of a page placed under `under`: its own key (`modules/x.md`,
    /// `modules/`), or the key of the page above it when it is not in the sidebar itself
    /// (`modules/` for an audience page).
    pub fn sidebar(&self, under: &str) -> Sidebar<'_> {
        let open = top_key(under);
        let free = &self.sections[self.free_start..];
        let (free_shown, all_sections) = if free.len() <= MAX_FREE_SECTIONS {
            (0..free.len(), None)
        } else {
            let current = free.iter().position(|s| s.link.key == open);
            (
                window(free.len(), current, SECTION_WINDOW),
                Some(free.len()),
            )
        };
        let shown = (0..self.free_start).chain(free_shown.map(|i| self.free_start + i));
        let sections = shown
            .map(|i| self.sidebar_section(&self.sections[i], &open, under))
            .collect();
        Sidebar {
            sections,
            all_sections,
        }
    }

    fn sidebar_section<'n>(
        &'n self,
        section: &'n NavSection,
        open: &str,
        under: &str,
    ) -> SidebarSection<'n> {
        let is_open = section.link.key == open;
        let items = section
            .folder
            .as_deref()
            .map_or(&[][..], |f| self.children(f));
        let range = match (is_open, items.len()) {
            (false, _) => 0..0,
            (true, n) if n <= MAX_ITEMS => 0..n,
            (true, n) => window(n, self.position_in(&section.link.key, under), ITEM_WINDOW),
        };
        let partial = is_open && range.len() < items.len();
        SidebarSection {
            link: &section.link,
            open: is_open,
            before: if partial { range.start } else { 0 },
            after: if partial { items.len() - range.end } else { 0 },
            count: items.len(),
            items: &items[range],
        }
    }

    /// The index, in the list of `section` (a folder key such as `afsnit/`), of the item
    /// that is `key` or holds it (a subfolder).
    fn position_in(&self, section: &str, key: &str) -> Option<usize> {
        let folder = section.strip_suffix('/')?;
        let mut key = key.to_string();
        loop {
            match self.positions.get(&key) {
                Some((parent, index)) if parent == folder => return Some(*index),
                Some((parent, _)) if !parent.is_empty() => key = format!("{parent}/"),
                _ => return None,
            }
        }
    }

    /// The experience page with this number.
    pub fn experience(&self, number: u32) -> Option<&NavLink> {
        let index = self.experiences.get(&number)?;
        self.children("experiences").get(*index)
    }
}

/// The sidebar section of a key: its first folder (`modules/`), or itself at the root.
fn top_key(key: &str) -> String {
    match key.split_once('/') {
        Some((first, _)) => format!("{first}/"),
        None => key.to_string(),
    }
}

/// `size` items of `len` around `current` (the first ones without a current item).
fn window(len: usize, current: Option<usize>, size: usize) -> std::ops::Range<usize> {
    if len <= size {
        return 0..len;
    }
    let start = current
        .map_or(0, |c| c.saturating_sub(size / 2))
        .min(len - size);
    start..start + size
}

/// A page shown as the text of a generated page (a folder's, an audience's), not listed.
fn is_index(page: &SitePage) -> bool {
    page.kind.introduces_generated() || page.path == "index.md"
}

/// Folder -> its pages and subfolders, in reading order.
fn children(
    site: &Site,
    folder_titles: &BTreeMap<String, String>,
) -> BTreeMap<String, Vec<NavLink>> {
    let mut children: BTreeMap<String, Vec<NavLink>> = BTreeMap::new();
    for page in site.pages.values().filter(|p| !is_index(p)) {
        children
            .entry(urls::parent(&page.path).to_string())
            .or_default()
            .push(page_link(page, site.source_language));
    }
    for (folder, title) in folder_titles.iter().filter(|(f, _)| f.contains('/')) {
        let mut link = folder_link(folder, title);
        link.weight = site
            .pages
            .get(&format!("{folder}/_index.md"))
            .map_or(0, |p| p.weight);
        children
            .entry(urls::parent(folder).to_string())
            .or_default()
            .push(link);
    }
    for list in children.values_mut() {
        sort_links(list);
    }
    children
}

fn page_link(page: &SitePage, source_language: &str) -> NavLink {
    let lang = |field| {
        (page.texts.get(field) == Some(crate::resolve::TextStatus::Missing))
            .then(|| source_language.to_string())
    };
    NavLink {
        key: page.path.clone(),
        title: page.title.to_string(),
        href: urls::output_file(&page.url),
        summary: page.summary.map(str::to_string),
        number: match page.kind {
            PageKind::Experience(n) => Some(n),
            _ => None,
        },
        local: matches!(page.status, PageStatus::LocalPage),
        credit: page.credit.map(|(_, name)| name.to_string()),
        lang: lang("title"),
        summary_lang: lang("summary"),
        weight: page.weight,
    }
}

fn folder_link(folder: &str, title: &str) -> NavLink {
    generated_link(&format!("{folder}/"), &urls::section_url(folder), title)
}

impl NavLink {
    /// A link to a generated page or folder, by its key, URL and title.
    pub fn generated(key: &str, url: &str, title: &str) -> NavLink {
        generated_link(key, url, title)
    }
}

fn generated_link(key: &str, url: &str, title: &str) -> NavLink {
    NavLink {
        key: key.to_string(),
        title: title.to_string(),
        href: urls::output_file(url),
        summary: None,
        number: None,
        local: false,
        credit: None,
        lang: None,
        summary_lang: None,
        weight: 0,
    }
}

/// Experiences by number, the rest by weight, then title.
fn sort_links(links: &mut [NavLink]) {
    // Each key once, not twice per comparison.
    links.sort_by_cached_key(|l| {
        (
            l.number.unwrap_or(u32::MAX),
            l.weight,
            l.title.to_lowercase(),
            l.key.clone(),
        )
    });
}

/// A generated page's title in the site's language.
fn title(title: &Title, labels: &Labels) -> String {
    match title {
        Title::Text(text) => text.clone(),
        Title::Label(key) => label_or(labels, key, key),
    }
}

pub fn label_or(labels: &Labels, key: &str, fallback: &str) -> String {
    labels
        .get(key)
        .cloned()
        .unwrap_or_else(|| fallback.to_string())
}
