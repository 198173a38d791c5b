//! The pages at the output root: the division chooser and the adaptation report for HR
//! (its pages are made in `report_pages`). Both extend the theme's `base.html` like
//! every other page, with the handbook's language and the first built division's static
//! files.

use serde::Serialize;
use tera::Context;

use crate::diagnostics::Diagnostic;
use crate::messages::msg;
use crate::output::OutputFile;
use crate::report::Report;
use crate::resolve::Root;

use super::context::SiteInfo;
use super::page_info::PageInfo;
use super::theme::{Labels, Theme};

/// What the root's pages are made from.
pub struct RootInput<'a> {
    pub root: &'a Root<'a>,
    pub theme: &'a Theme,
    /// The prefix of a built division whose `static/` folder the root's pages use.
    pub static_prefix: &'a str,
    /// The report, when this run covers every division.
    pub report: Option<&'a Report<'a>>,
    /// Make the division chooser (a preview's edit of some pages' text cannot change it).
    pub chooser: bool,
    /// The last run's `report/report.json`: when this run's data is the same, only the
    /// side-by-side pages showing one of the `changed` pages are made again (see `build`).
    pub last_report: Option<&'a [u8]>,
    /// The pages (positions in the merged tree) whose text alone changed since the last
    /// run, in a preview; `None`: anything may have changed.
    pub changed: Option<&'a std::collections::BTreeSet<String>>,
}

impl RootInput<'_> {
    pub fn labels(&self) -> Result<&Labels, Diagnostic> {
        let language = self.root.language;
        self.theme.labels(language).ok_or_else(|| {
            self.theme
                .unknown_language(language, self.root.language_from.clone())
        })
    }

    /// A context for a root page at `depth` folders below the output root. The report's
    /// pages are HR's, not readers': search engines are asked not to index them.
    pub fn context(
        &self,
        labels: &Labels,
        kind: &'static str,
        title: &str,
        depth: usize,
    ) -> Context {
        let root = "../".repeat(depth);
        let site = SiteInfo {
            title: self.root.title,
            name: self.root.title,
            language: self.root.language,
            division: None,
            has_chooser: false,
            search: false,
            noindex: self.root.noindex || kind.starts_with("report"),
            pdf: false,
            leader_kit: false,
        };
        let mut context = Context::new();
        context.insert("t", labels);
        context.insert("site", &site);
        context.insert("nav", &Vec::<()>::new());
        context.insert("page", &PageInfo::blank("", title.to_string(), kind));
        context.insert("assets", &format!("{root}{}static/", self.static_prefix));
        context.insert("root", &root);
        context
    }
}

#[derive(Serialize)]
struct ChooserEntry<'a> {
    id: &'a str,
    name: &'a str,
    href: String,
}

/// `index.html` at the top: one link per division.
pub fn chooser(input: &RootInput) -> Result<Vec<OutputFile>, Diagnostic> {
    if input.root.divisions.is_empty() || !input.chooser {
        return Ok(Vec::new());
    }
    let labels = input.labels()?;
    let entries: Vec<ChooserEntry> = input
        .root
        .divisions
        .iter()
        .map(|d| ChooserEntry {
            id: d.id,
            name: d.name,
            href: format!("{}/index.html", d.id),
        })
        .collect();
    let title = super::nav::label_or(labels, "choose_division", "choose_division");
    let mut context = input.context(labels, "chooser", &title, 0);
    context.insert("divisions", &entries);
    let html = input
        .theme
        .tera
        .render("chooser.html", &context)
        .map_err(|error| {
            input
                .theme
                .render_error(&error, Some(msg!("rendering-chooser").into()))
        })?;
    Ok(vec![OutputFile::html("index.html".to_string(), html)])
}
