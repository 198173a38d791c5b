//! What one site's pages share: the site's settled values as template values, its
//! navigation and its labels, converted once per site; each page adds only its own.

use serde::Serialize;
use tera::{Context, Value};

use crate::content::division::Contact;
use crate::content::page::PageKind;
use std::sync::Arc;

use crate::resolve::{Choice, Site, SitePage, Switchboard, Title};
use crate::urls;

use super::assembly::Assembly;
use super::format::Style;
use super::nav::{self, NavLink, Navigation};
use super::theme::Labels;

/// What one site's pages share.
pub struct SiteContext<'s, 'h> {
    pub site: &'s Site<'h>,
    pub labels: &'s Labels,
    pub navigation: Navigation,
    /// How this run puts the site's print page together.
    pub print: Assembly,
    shared_values: Vec<(&'static str, Value)>,
    /// Where "switch division" leads from each page, when there is a division chooser.
    switchboard: Option<Arc<Switchboard>>,
}

impl<'s, 'h> SiteContext<'s, 'h> {
    /// The context of `site`; `switchboard` when there is a division chooser above it.
    pub fn new(
        site: &'s Site<'h>,
        labels: &'s Labels,
        outputs: SiteOutputs,
        switchboard: Option<Arc<Switchboard>>,
    ) -> Self {
        let navigation = Navigation::build(site, labels);
        let info = SiteInfo::new(site, switchboard.is_some(), outputs);
        // Each page gets its own bounded sidebar (`Navigation::sidebar`), not this list.
        let shared_values = vec![
            ("site", Value::from_serializable(&info)),
            ("t", Value::from_serializable(labels)),
        ];
        SiteContext {
            site,
            labels,
            navigation,
            print: Assembly::default(),
            shared_values,
            switchboard,
        }
    }

    pub fn style(&self) -> Style<'_> {
        Style::new(self.labels)
    }

    pub fn label(&self, key: &str) -> String {
        nav::label_or(self.labels, key, key)
    }

    /// A title from the content, or the label it names.
    pub fn title(&self, title: &Title) -> String {
        match title {
            Title::Text(text) => text.clone(),
            Title::Label(key) => self.label(key),
        }
    }

    /// The module pages of the site, in reading order.
    pub fn modules(&self) -> Vec<(&NavLink, &SitePage<'h>)> {
        self.navigation
            .children("modules")
            .iter()
            .filter_map(|link| {
                self.site
                    .pages
                    .get(&link.key)
                    .filter(|p| p.kind == PageKind::Module)
                    .map(|p| (link, p))
            })
            .collect()
    }

    /// A template context for the page at `url`, placed `under` a key in the sidebar
    /// (see `Navigation::sidebar`), with the site's shared values.
    pub fn context(&self, url: &str, under: &str) -> Context {
        let mut context = self.base_context(url);
        let sidebar = self.navigation.sidebar(under);
        context.insert("nav", &sidebar.sections);
        context.insert("nav_all_sections", &sidebar.all_sections);
        context
    }

    /// The site's shared values and the paths from `url` to the site's root, without
    /// a sidebar: for a part of a page (a chapter of the print page).
    pub fn base_context(&self, url: &str) -> Context {
        let mut context = Context::new();
        for (key, value) in &self.shared_values {
            context.insert_value(*key, value.clone());
        }
        let root = urls::root_prefix(url);
        context.insert("assets", &format!("{root}static/"));
        context.insert("root", &root);
        context.insert("switch", &self.switch(url));
        context
    }

    /// Where switching division leads from the page at `url`: each other division's same
    /// page, else its front page (hrefs relative to the output root).
    pub fn switch(&self, url: &str) -> Vec<Choice<'_>> {
        match (&self.switchboard, self.site.id) {
            (Some(board), Some(id)) => board.choices(id, url),
            _ => Vec::new(),
        }
    }
}

/// The `site` value of templates.
#[derive(Serialize)]
pub struct SiteInfo<'a> {
    /// The handbook's title.
    pub title: &'a str,
    /// The division's name, or the handbook's title without divisions.
    pub name: &'a str,
    pub language: &'a str,
    pub division: Option<DivisionInfo<'a>>,
    /// There is a division chooser one level up.
    pub has_chooser: bool,
    /// The site has a search index (and a search page).
    pub search: bool,
    /// Ask search engines not to index the site (`noindex` in handbook.yaml).
    pub noindex: bool,
    /// The site has `handbook.pdf`.
    pub pdf: bool,
    /// The site has `downloads/leader-kit.zip`.
    pub leader_kit: bool,
}

/// Which optional outputs this run makes for a site.
#[derive(Debug, Clone, Copy)]
pub struct SiteOutputs {
    pub search: bool,
    pub pdf: bool,
}

#[derive(Serialize)]
pub struct DivisionInfo<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub contacts: &'a [Contact],
}

impl<'a> SiteInfo<'a> {
    fn new(site: &'a Site, has_chooser: bool, outputs: SiteOutputs) -> Self {
        SiteInfo {
            title: site.title,
            name: site.name,
            language: &site.language,
            division: site.id.map(|id| DivisionInfo {
                id,
                name: site.name,
                contacts: site.contacts,
            }),
            has_chooser,
            search: outputs.search,
            noindex: site.noindex,
            pdf: outputs.pdf,
            leader_kit: crate::resolve::has_leader_kit(site, outputs.pdf),
        }
    }
}
