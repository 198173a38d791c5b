//! Navigation: built once per site, then shared by every page of it. The sidebar's
//! sections, the order of pages within a folder (for lists and previous/next), and
//! breadcrumbs all come from here.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::content::page::PageKind;
use crate::resolve::{PageStatus, Site, SitePage};
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

const PROGRAMME_FOLDERS: [(&str, &str); 2] =
    [("experiences", "experiences"), ("modules", "modules")];

impl Navigation {
    pub fn build(site: &Site, labels: &Labels) -> Navigation {
        let folders = site.folders();
        let folder_titles: BTreeMap<String, String> = folders
            .iter()
            .map(|f| (f.clone(), folder_title(site, f, labels)))
            .collect();
        let mut children: BTreeMap<String, Vec<NavLink>> = BTreeMap::new();
        for page in site.pages.values().filter(|p| !is_index(p)) {
            children
                .entry(urls::parent(&page.path).to_string())
                .or_default()
                .push(page_link(page));
        }
        for folder in folders.iter().filter(|f| f.contains('/')) {
            let mut link = folder_link(folder, &folder_titles[folder]);
            link.weight = site
                .pages
                .get(&format!("{folder}/_index.md"))
                .map_or(0, |p| p.main().weight());
            children
                .entry(urls::parent(folder).to_string())
                .or_default()
                .push(link);
        }
        for list in children.values_mut() {
            sort_links(list);
        }
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
        navigation.sections = navigation.sidebar(site, labels, &folders);
        navigation
    }

    fn sidebar(
        &self,
        site: &Site,
        labels: &Labels,
        folders: &std::collections::BTreeSet<String>,
    ) -> Vec<NavSection> {
        let mut sections = Vec::new();
        let section = |folder: &str| NavSection {
            link: folder_link(folder, &self.folder_titles[folder]),
            items: self.children.get(folder).cloned().unwrap_or_default(),
        };
        for (folder, _) in PROGRAMME_FOLDERS {
            if folders.contains(folder) {
                sections.push(section(folder));
            }
        }
        let generated = [
            (
                site.followup.is_some(),
                "followup.yaml",
                "followup/",
                site.followup.and_then(|f| f.value.title.clone()),
                "followup",
            ),
            (
                site.calendar.is_some(),
                "calendar.yaml",
                "calendar/",
                site.calendar.and_then(|c| c.value.title.clone()),
                "calendar",
            ),
            (
                site.business_case.is_some(),
                "business-case.yaml",
                "business-case/",
                None,
                "business_case",
            ),
        ];
        for (present, key, url, title, label) in generated {
            if present {
                let title = title.unwrap_or_else(|| label_or(labels, label, label));
                sections.push(NavSection {
                    link: generated_link(key, url, &title),
                    items: Vec::new(),
                });
            }
        }
        for folder in ["handouts", "stories"] {
            if folders.contains(folder) {
                let mut handouts = section(folder);
                if folder == "handouts" {
                    handouts.items.clear();
                }
                sections.push(handouts);
            }
        }
        let mut free: Vec<NavSection> = folders
            .iter()
            .filter(|f| {
                !f.is_empty()
                    && !f.contains('/')
                    && !["experiences", "modules", "handouts", "stories"].contains(&f.as_str())
            })
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
            index.map_or(0, |p| p.main().weight())
        };
        free.sort_by(|a, b| {
            (weight(a), a.link.title.to_lowercase()).cmp(&(weight(b), b.link.title.to_lowercase()))
        });
        sections.extend(free);
        sections
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

fn is_index(page: &SitePage) -> bool {
    page.kind() == PageKind::Section || page.path == "index.md"
}

fn page_link(page: &SitePage) -> NavLink {
    let main = page.main();
    NavLink {
        key: page.path.clone(),
        title: page.title().to_string(),
        href: urls::output_file(&page.url),
        summary: main
            .meta
            .summary
            .clone()
            .or_else(|| page.shared.and_then(|s| s.meta.summary.clone())),
        number: match main.kind {
            PageKind::Experience(n) => Some(n),
            _ => None,
        },
        local: matches!(page.status, PageStatus::LocalPage),
        credit: page.credit.map(|(_, name)| name.to_string()),
        weight: main.weight(),
    }
}

fn folder_link(folder: &str, title: &str) -> NavLink {
    generated_link(&format!("{folder}/"), &urls::section_url(folder), title)
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

/// A folder's title: its `_index.md` title, a label for the programme's folders, or the
/// folder's name.
fn folder_title(site: &Site, folder: &str, labels: &Labels) -> String {
    let index = if folder.is_empty() {
        "index.md".to_string()
    } else {
        format!("{folder}/_index.md")
    };
    if let Some(page) = site.pages.get(&index) {
        return page.title().to_string();
    }
    if folder.is_empty() {
        return site.name().to_string();
    }
    match folder {
        "experiences" | "modules" | "handouts" | "stories" => label_or(labels, folder, folder),
        _ => {
            let name = folder
                .rsplit('/')
                .next()
                .unwrap_or(folder)
                .replace(['-', '_'], " ");
            let mut chars = name.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}

pub fn label_or(labels: &Labels, key: &str, fallback: &str) -> String {
    labels
        .get(key)
        .cloned()
        .unwrap_or_else(|| fallback.to_string())
}
