//! Switching division ("Skift division") from a page: for every page, each other
//! division's same page where that division has one, else its front page. Decided at
//! build time from every built site's URLs, gathered once (linear in the pages of all
//! sites), so every page can carry direct links: it works without JavaScript, from disk
//! as well as on the intranet.

use std::collections::HashMap;

use serde::Serialize;

use super::{Generated, Site};
use crate::urls;

/// Which division has which page.
#[derive(Debug, Default)]
pub struct Switchboard {
    /// Every division of the handbook, in order: (id, name). Divisions a partial build
    /// leaves out are here too (their earlier output stays): their front page is sure.
    divisions: Vec<(String, String)>,
    /// For each site-relative URL, the divisions (indexes into `divisions`) whose built
    /// site has it.
    by_url: HashMap<String, Vec<usize>>,
}

/// Where switching to one division leads from a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice<'b> {
    pub id: &'b str,
    pub name: &'b str,
    /// The page, relative to the output root (`erhverv/experiences/03-x/index.html`).
    pub href: String,
    /// It is the same page; else the division's front page.
    pub same_page: bool,
}

/// The switchboard of `sites` (the sites of this run, all of one handbook).
pub fn switchboard(sites: &[Site]) -> Switchboard {
    let Some(first) = sites.first() else {
        return Switchboard::default();
    };
    let divisions: Vec<(String, String)> = first
        .handbook
        .divisions
        .iter()
        .map(|d| (d.id.clone(), d.name().to_string()))
        .collect();
    let index: HashMap<&str, usize> = divisions
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.as_str(), i))
        .collect();
    let mut by_url: HashMap<String, Vec<usize>> = HashMap::new();
    for site in sites {
        let Some(&division) = site.id.and_then(|id| index.get(id)) else {
            continue;
        };
        // The 404 page is no page to switch to: the front page is.
        let generated = site
            .generated
            .iter()
            .filter(|g| g.kind != Generated::NotFound)
            .map(|g| &g.url);
        for url in site.pages.values().map(|p| &p.url).chain(generated) {
            by_url.entry(url.clone()).or_default().push(division);
        }
    }
    Switchboard { divisions, by_url }
}

impl Switchboard {
    /// Where switching from the page at `url` of division `from` leads, for each other
    /// division.
    pub fn choices(&self, from: &str, url: &str) -> Vec<Choice<'_>> {
        let having = self.by_url.get(url).map_or(&[][..], Vec::as_slice);
        self.divisions
            .iter()
            .enumerate()
            .filter(|(_, (id, _))| id != from)
            .map(|(index, (id, name))| {
                let same_page = having.contains(&index);
                let page = if same_page { url } else { "" };
                Choice {
                    id,
                    name,
                    href: format!("{id}/{}", urls::output_file(page)),
                    same_page,
                }
            })
            .collect()
    }
}
