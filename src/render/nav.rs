//! Navigation: built once per site, then shared by every page of it. The sidebar's
//! sections, the order of pages within a folder (for lists and previous/next), and
//! breadcrumbs all come from here.

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

#[derive(Debug, Clone, Serialize)]
pub struct NavSection {
    #[serde(flatten)]
    pub link: NavLink,
    pub items: Vec<NavLink>,
}

/// The navigation of one site.
pub struct Navigation {
    pub sections: Vec<NavSection>,
    /// Folder -> its pages and subfolders in reading order (keys).
    children: BTreeMap<String, Vec<NavLink>>,
    /// Folder -> its title.
    folder_titles: BTreeMap<String, String>,
    /// Page key -> (folder, index in that folder's children).
    positions: HashMap<String, (String, usize)>,
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
        let mut navigation = Navigation {
            sections: Vec::new(),
            children,
            folder_titles,
            positions,
        };
        navigation.sections = navigation.sidebar(site, labels);
        navigation
    }

    /// The programme's folders, its generated pages, handouts and stories, then the
    /// other folders and root pages by weight and title.
    fn sidebar(&self, site: &Site, labels: &Labels) -> Vec<NavSection> {
        let section = |folder: &str| NavSection {
            link: folder_link(folder, &self.folder_titles[folder]),
            items: self.children.get(folder).cloned().unwrap_or_default(),
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
                    items: Vec::new(),
                }),
        );
        for folder in END_FOLDERS.into_iter().filter(|f| has(f)) {
            let mut end = section(folder);
            if folder == "handouts" {
                end.items.clear();
            }
            sections.push(end);
        }
        sections.extend(self.free_sections(site, section));
        sections
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
                    items: Vec::new(),
                }),
        );
        let weight = |s: &NavSection| {
            let index = site
                .pages
                .get(&format!("{}_index.md", s.link.key))
                .or_else(|| site.pages.get(&s.link.key));
            index.map_or(0, |p| p.weight)
        };
        free.sort_by(|a, b| {
            (weight(a), a.link.title.to_lowercase()).cmp(&(weight(b), b.link.title.to_lowercase()))
        });
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
    links.sort_by(|a, b| {
        let key = |l: &NavLink| {
            (
                l.number.unwrap_or(u32::MAX),
                l.weight,
                l.title.to_lowercase(),
                l.key.clone(),
            )
        };
        key(a).cmp(&key(b))
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
