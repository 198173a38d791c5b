//! Links, resolved per division: every internal link, image, module handout and meeting
//! kit is looked up in the division's merged tree, so an overlay handout or page wins,
//! a hidden page's links become plain text, and a link to nothing is an error.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::content::page::PageKind;
use crate::content::{CALENDAR_FILE, FOLLOWUP_FILE, HANDOUTS_DIR};
use crate::diagnostics::Diagnostic;
use crate::markdown::Link;
use crate::messages::{Message, msg};
use crate::urls;
use crate::yaml::Step;

use super::{LinkTarget, ResolveOptions, Site, SitePage};

/// What a link can lead to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Destination {
    /// A Markdown page, by its path in the merged tree.
    Page(String),
    /// A generated page (front, section, follow-up, ...), by its place in the site's list.
    Generated(usize),
    /// A copied file (handout, image), by its path relative to `content/`.
    File(String),
}

/// The link targets of one site.
struct Targets<'s, 'h> {
    site: &'s Site<'h>,
    /// Generated pages by key.
    generated: HashMap<&'s str, usize>,
    /// The ids of each page with many headings, gathered once: checking a link's
    /// `#fragment` is then one lookup, not a walk over every heading of its target
    /// (quadratic on a page of 20,000 headings). Pages with few are walked.
    anchors: HashMap<&'s str, HashSet<&'s str>>,
}

/// A page with more ids than this gets a set of them for link checks.
const MANY_ANCHORS: usize = 32;

impl<'s, 'h> Targets<'s, 'h> {
    fn new(site: &'s Site<'h>) -> Self {
        let generated = site
            .generated
            .iter()
            .enumerate()
            .map(|(index, page)| (page.key.as_str(), index))
            .collect();
        let anchors = site
            .pages
            .iter()
            .filter(|(_, page)| page.anchors().nth(MANY_ANCHORS).is_some())
            .map(|(path, page)| (path.as_str(), page.anchors().collect()))
            .collect();
        Targets {
            site,
            generated,
            anchors,
        }
    }

    /// Whether a link's `#fragment` names an id on the target (any is fine on a file).
    fn has_anchor(&self, destination: &Destination, fragment: &str) -> bool {
        match destination {
            Destination::Page(path) => match self.anchors.get(path.as_str()) {
                Some(ids) => ids.contains(fragment),
                None => self.site.pages[path].anchors().any(|id| id == fragment),
            },
            Destination::Generated(index) => self.site.generated[*index].anchors.contains(fragment),
            Destination::File(_) => true,
        }
    }

    /// The target at `path` (already joined and normalised, relative to `content/`).
    fn find(&self, path: &str) -> Option<Destination> {
        let site = self.site;
        let key = match path.strip_suffix("/_index.md") {
            _ if path.is_empty() || path == "index.md" => "index.md".to_string(),
            Some(folder) => format!("{folder}/"),
            None => path.to_string(),
        };
        if let Some(&index) = self.generated.get(key.as_str()) {
            return Some(Destination::Generated(index));
        }
        if key.ends_with('/') {
            return None;
        }
        if site.pages.contains_key(path) {
            return Some(Destination::Page(path.to_string()));
        }
        if site.files.contains_key(path) {
            return Some(Destination::File(path.to_string()));
        }
        // A folder named without its trailing slash.
        self.generated
            .get(format!("{path}/").as_str())
            .map(|&index| Destination::Generated(index))
    }

    /// What names the target in the merged tree: its path, folder (`modules/`) or data file.
    fn key(&self, destination: &Destination) -> String {
        match destination {
            Destination::Page(path) | Destination::File(path) => path.clone(),
            Destination::Generated(index) => self.site.generated[*index].key.clone(),
        }
    }

    fn url(&self, destination: &Destination) -> String {
        match destination {
            Destination::Page(path) => self.site.pages[path].url.clone(),
            Destination::Generated(index) => self.site.generated[*index].url.clone(),
            Destination::File(path) => urls::file_url(path),
        }
    }

    /// Whether the target page's translation into the site's language has errors of its
    /// own (reported): its headings are unknown, so anchors into it are not judged.
    fn translation_unreadable(&self, destination: &Destination) -> bool {
        let (Destination::Page(path), Some(language)) =
            (destination, self.site.translation_language())
        else {
            return false;
        };
        let file = crate::content::translation::file_name(path, language);
        self.site.handbook.shared.unreadable.contains(&file)
    }

    /// The translation a page shows, when `fragment` names a heading that only the
    /// page's original has.
    fn only_in_original(&self, destination: &Destination, fragment: &str) -> Option<&'h str> {
        let Destination::Page(path) = destination else {
            return None;
        };
        let page = &self.site.pages[path];
        let translated = matches!(
            page.texts.get("body"),
            Some(super::TextStatus::Current | super::TextStatus::Outdated)
        );
        let original = page.shared?;
        (translated && original.body.ids().any(|id| id == fragment)).then_some(page.file)
    }

    /// The ids a `#fragment` may name on the target; `None` when any is fine (files).
    fn anchors(&self, destination: &Destination) -> Option<BTreeSet<String>> {
        match destination {
            Destination::Page(path) => Some(
                self.site.pages[path]
                    .anchors()
                    .map(str::to_string)
                    .collect(),
            ),
            Destination::Generated(index) => Some(self.site.generated[*index].anchors.clone()),
            Destination::File(_) => None,
        }
    }
}

/// Link problems from every site, merged so that a problem in a shared file is reported
/// once, naming divisions only when it occurs in some of them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LinkProblems {
    found: BTreeMap<DiagnosticKey, (Diagnostic, BTreeSet<String>)>,
    /// The sites that checked each file (a data file's texts are checked one by one).
    checked: HashMap<String, BTreeSet<String>>,
    referenced: BTreeMap<String, BTreeSet<String>>,
}

type DiagnosticKey = (Option<String>, usize, usize, Message);

/// Why a link fails, and a hint.
type Problem = (Message, Message);

impl LinkProblems {
    fn push(&mut self, site: &Site, diagnostic: Diagnostic) {
        let key = (
            diagnostic.file.clone(),
            diagnostic.line,
            diagnostic.column,
            diagnostic.message.clone(),
        );
        let entry = self
            .found
            .entry(key)
            .or_insert_with(|| (diagnostic, BTreeSet::new()));
        entry.1.insert(site.id.unwrap_or_default().to_string());
    }

    /// Adds another site's problems (sites are resolved in parallel, each with its own).
    pub fn merge(&mut self, other: LinkProblems) {
        for (key, (diagnostic, divisions)) in other.found {
            let entry = self
                .found
                .entry(key)
                .or_insert_with(|| (diagnostic, BTreeSet::new()));
            entry.1.extend(divisions);
        }
        for (file, sites) in other.checked {
            self.checked.entry(file).or_default().extend(sites);
        }
        for (site, paths) in other.referenced {
            self.referenced.entry(site).or_default().extend(paths);
        }
    }

    fn checked(&mut self, site: &Site, file: &str) {
        let id = site.id.unwrap_or_default().to_string();
        self.checked.entry(file.to_string()).or_default().insert(id);
    }

    /// A handout `path` was linked from site `id`.
    fn reference(&mut self, site: &Site, path: &str) {
        self.referenced
            .entry(site.id.unwrap_or_default().to_string())
            .or_default()
            .insert(path.to_string());
    }

    pub fn into_diagnostics(self, sites: &[Site]) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .found
            .into_values()
            .map(|(diagnostic, divisions)| {
                let everywhere = diagnostic.file.as_ref().is_none_or(|f| {
                    self.checked.get(f).map_or(0, BTreeSet::len) <= divisions.len()
                });
                if everywhere || divisions.iter().all(String::is_empty) {
                    diagnostic
                } else {
                    let ids: Vec<&str> = divisions.iter().map(String::as_str).collect();
                    diagnostic.for_division(ids.join(", "))
                }
            })
            .collect();
        out.extend(unreferenced_handouts(sites, &self.referenced));
        out
    }
}

/// A handout nothing links to, in any division, is probably forgotten. (Not judged when
/// some page could not be read: its links are unknown.)
fn unreferenced_handouts(
    sites: &[Site],
    referenced: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<Diagnostic> {
    let anything_unreadable = sites.first().is_some_and(|s| {
        !s.handbook.shared.unreadable.is_empty()
            || s.handbook
                .divisions
                .iter()
                .any(|d| !d.unreadable.is_empty())
    });
    if anything_unreadable {
        return Vec::new();
    }
    let mut warned = BTreeSet::new();
    let mut out = Vec::new();
    let all_referenced: BTreeSet<&String> = referenced.values().flatten().collect();
    for site in sites {
        let own = referenced.get(site.id.unwrap_or_default());
        for (path, file) in &site.files {
            if !path.starts_with("handouts/") {
                continue;
            }
            let used = if file.local {
                own.is_some_and(|r| r.contains(path))
            } else {
                all_referenced.contains(path)
            };
            if !used && warned.insert(file.source) {
                out.push(
                    Diagnostic::warning(msg!("handout-unused"))
                        .in_file(file.source)
                        .hint(msg!("handout-unused-hint")),
                );
            }
        }
    }
    out
}

/// Fills the links of every page of `site` and checks module handouts and kits.
pub fn resolve_all(site: &mut Site, options: &ResolveOptions, problems: &mut LinkProblems) {
    let mut filled = Vec::with_capacity(site.pages.len());
    {
        let targets = Targets::new(site);
        for page in site.pages.values() {
            let mut resolver = Resolver {
                targets: &targets,
                from: From::Page(page),
                options,
                problems,
            };
            let body = resolver.fill(&page.body.links, page.file);
            let section = page
                .local_section
                .map(|s| resolver.fill(&s.body.links, s.file))
                .unwrap_or_default();
            resolver.check_module_handouts(page);
            filled.push((body, section));
        }
        check_kits(&targets, problems);
    }
    let texts = fill_texts(site, options, problems);
    let mut hidden_links = BTreeSet::new();
    // The same order as above: the map did not change in between.
    for (page, (body, section)) in site.pages.values_mut().zip(filled) {
        page.body_links = body.links;
        page.section_links = section.links;
        hidden_links.extend(body.hidden.into_iter().chain(section.hidden));
    }
    hidden_links.extend(texts.into_iter().flatten());
    site.hidden_links = hidden_links;
}

/// Fills the links of `pages` (positions in the merged tree) of `site` alone, and
/// checks nothing: see `super::sites_for_pages`.
pub fn fill_pages(site: &mut Site, options: &ResolveOptions, pages: &BTreeSet<String>) {
    let mut ignored = LinkProblems::default();
    let mut filled = Vec::with_capacity(pages.len());
    {
        let targets = Targets::new(site);
        for page in pages.iter().filter_map(|path| site.pages.get(path)) {
            let mut resolver = Resolver {
                targets: &targets,
                from: From::Page(page),
                options,
                problems: &mut ignored,
            };
            let body = resolver.fill(&page.body.links, page.file);
            let section = page
                .local_section
                .map(|s| resolver.fill(&s.body.links, s.file))
                .unwrap_or_default();
            filled.push((page.path.clone(), body, section));
        }
    }
    for (path, body, section) in filled {
        let page = site.pages.get_mut(&path).expect("filled from this map");
        page.body_links = body.links;
        page.section_links = section.links;
    }
}

/// The inline texts of the follow-up and the calendar, each with the data file's page
/// that a `#id` alone points into.
fn site_texts<'s, 'h>(site: &'s mut Site<'h>) -> Vec<(&'static str, &'s mut super::SiteText<'h>)> {
    let weeks = site.followup.iter_mut().flat_map(|f| f.weeks.iter_mut());
    let week_texts = weeks.flat_map(|week| {
        let notes = week.meeting.iter_mut().chain(week.note.iter_mut());
        notes.chain(week.local_notes.iter_mut())
    });
    let activities = site
        .calendar
        .iter_mut()
        .flat_map(|c| c.activities.iter_mut());
    let descriptions = activities.flat_map(|a| a.description.iter_mut());
    week_texts
        .map(|text| (FOLLOWUP_FILE, text))
        .chain(descriptions.map(|text| (CALENDAR_FILE, text)))
        .collect()
}

/// Fills the links of every inline text of the site's data files; returns the shared
/// links that became text because their target is hidden here.
fn fill_texts(
    site: &mut Site,
    options: &ResolveOptions,
    problems: &mut LinkProblems,
) -> Vec<Vec<(String, String)>> {
    let filled: Vec<FilledLinks> = {
        let targets = Targets::new(site);
        let texts = site
            .followup
            .iter()
            .flat_map(|f| &f.weeks)
            .flat_map(|w| w.meeting.iter().chain(&w.note).chain(&w.local_notes))
            .map(|text| (FOLLOWUP_FILE, text));
        let descriptions = site
            .calendar
            .iter()
            .flat_map(|c| &c.activities)
            .flat_map(|a| &a.description)
            .map(|text| (CALENDAR_FILE, text));
        texts
            .chain(descriptions)
            .map(|(key, text)| {
                let mut resolver = Resolver {
                    targets: &targets,
                    from: From::Data {
                        key,
                        shared: text.shared,
                    },
                    options,
                    problems,
                };
                resolver.fill(text.text.inline.links(), text.file)
            })
            .collect()
    };
    let mut hidden = Vec::new();
    for ((_, text), links) in site_texts(site).into_iter().zip(filled) {
        text.links = links.links;
        hidden.push(links.hidden);
    }
    hidden
}

/// Where the links being resolved are written.
#[derive(Clone, Copy)]
enum From<'a, 'h> {
    /// A page's body or local section.
    Page(&'a SitePage<'h>),
    /// An inline text of a data file, which sits at the content root; `#id` alone names
    /// an id of the data file's page (`followup.yaml`), wherever the text is shown.
    Data { key: &'static str, shared: bool },
}

impl From<'_, '_> {
    /// The folder its relative links start from.
    fn base_dir(&self) -> &str {
        match self {
            From::Page(page) => &page.base_dir,
            From::Data { .. } => "",
        }
    }

    /// HR's text, which cannot link to one division's own pages.
    fn is_shared(&self) -> bool {
        match self {
            From::Page(page) => page.status == super::PageStatus::Shared,
            From::Data { shared, .. } => *shared,
        }
    }
}

#[derive(Default)]
struct FilledLinks {
    links: Vec<LinkTarget>,
    hidden: Vec<(String, String)>,
}

struct Resolver<'a, 's, 'h> {
    targets: &'a Targets<'s, 'h>,
    from: From<'a, 'h>,
    options: &'a ResolveOptions,
    problems: &'a mut LinkProblems,
}

impl Resolver<'_, '_, '_> {
    fn fill(&mut self, links: &[Link], file: &str) -> FilledLinks {
        self.problems.checked(self.targets.site, file);
        let mut out = FilledLinks::default();
        for link in links {
            let filled = match self.resolve(link) {
                Ok(Resolved::To(target)) => target,
                Ok(Resolved::Hidden(path)) => {
                    out.hidden.push((file.to_string(), path));
                    LinkTarget::Text
                }
                Ok(Resolved::Unreadable) => LinkTarget::Text,
                Err((message, hint)) => {
                    let diagnostic = Diagnostic::error(message)
                        .in_file(file)
                        .at(link.position)
                        .hint(hint);
                    self.problems.push(self.targets.site, diagnostic);
                    LinkTarget::Text
                }
            };
            out.links.push(filled);
        }
        out
    }

    fn resolve(&mut self, link: &Link) -> Result<Resolved, Problem> {
        let site = self.targets.site;
        let (path, fragment) = link
            .destination
            .split_once('#')
            .unwrap_or((&link.destination, ""));
        let path = path.split_once('?').map_or(path, |(p, _)| p);
        if path.is_empty() {
            return self.same_page_anchor(fragment);
        }
        let joined = content_path(path, self.from.base_dir())?;
        let Some(target) = self.targets.find(&joined) else {
            if site.hidden.contains(&joined) {
                return Ok(Resolved::Hidden(joined));
            }
            if self.is_unreadable(&joined) {
                return Ok(Resolved::Unreadable);
            }
            return Err(self.nowhere(&link.destination, &joined));
        };
        if let Destination::File(file) = &target
            && file.starts_with("handouts/")
        {
            self.problems.reference(site, file);
        }
        if !fragment.is_empty() {
            let fragment = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
            if !self.targets.has_anchor(&target, &fragment)
                && let Some(anchors) = self.targets.anchors(&target)
            {
                if self.targets.translation_unreadable(&target) {
                    return Ok(Resolved::Unreadable);
                }
                if let Some(file) = self.targets.only_in_original(&target, &fragment) {
                    return Err(only_in_original(&fragment, &joined, file, &anchors));
                }
                return Err(missing_anchor(&fragment, Some(&joined), &anchors));
            }
        }
        Ok(Resolved::To(LinkTarget::To {
            key: self.targets.key(&target),
            url: self.targets.url(&target),
            fragment: fragment.to_string(),
        }))
    }

    fn same_page_anchor(&self, fragment: &str) -> Result<Resolved, Problem> {
        let decoded = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
        let key = match self.from {
            From::Page(page) => {
                let here = Destination::Page(page.path.clone());
                if self.targets.has_anchor(&here, &decoded) {
                    return Ok(Resolved::To(LinkTarget::Here(fragment.to_string())));
                }
                let anchors: BTreeSet<String> = page.anchors().map(str::to_string).collect();
                return Err(missing_anchor(&decoded, None, &anchors));
            }
            From::Data { key, .. } => key,
        };
        let target = self.targets.find(key).ok_or_else(|| {
            (
                msg!(
                    "link-anchor-no-page",
                    fragment = decoded.as_ref(),
                    key = key
                ),
                msg!("link-anchor-no-page-hint", key = key),
            )
        })?;
        if !self.targets.has_anchor(&target, &decoded) {
            let anchors = self.targets.anchors(&target).unwrap_or_default();
            return Err(missing_anchor(&decoded, Some(key), &anchors));
        }
        Ok(Resolved::To(LinkTarget::To {
            key: self.targets.key(&target),
            url: self.targets.url(&target),
            fragment: fragment.to_string(),
        }))
    }

    /// Whether the target has errors of its own: the file, or a folder holding one.
    fn is_unreadable(&self, path: &str) -> bool {
        let site = self.targets.site;
        let folder = format!("{}/", path.trim_end_matches('/'));
        let broken = |unreadable: &BTreeSet<String>| {
            unreadable.contains(path) || unreadable.iter().any(|p| p.starts_with(&folder))
        };
        broken(&site.handbook.shared.unreadable)
            || site.division.is_some_and(|d| broken(&d.unreadable))
    }

    /// Why a link leads nowhere, with the most useful hint we can give.
    fn nowhere(&self, written: &str, joined: &str) -> Problem {
        let site = self.targets.site;
        let handbook = site.handbook;
        let is_draft = handbook
            .shared
            .pages
            .get(joined)
            .or_else(|| site.division.and_then(|d| d.pages.get(joined)))
            .is_some_and(|p| p.is_draft());
        if is_draft && !self.options.drafts {
            return (
                msg!("link-to-draft", link = written),
                msg!("link-to-draft-hint"),
            );
        }
        let elsewhere: Vec<&str> = handbook
            .divisions
            .iter()
            .filter(|d| d.pages.contains_key(joined) || d.files.contains_key(joined))
            .map(|d| d.id.as_str())
            .collect();
        if !elsewhere.is_empty() && self.from.is_shared() {
            return (
                msg!(
                    "link-division-only",
                    link = written,
                    divisions = elsewhere.join(", ")
                ),
                msg!("link-division-only-hint"),
            );
        }
        if let Some((original, _)) = crate::content::translation::split(joined) {
            return (
                msg!("link-to-translation", link = written),
                msg!("link-to-translation-hint", original = original),
            );
        }
        let hint = match did_you_mean(site, written, joined, self.from.base_dir()) {
            Some((link, path))
                if link.trim_start_matches("@/").split('#').next() == Some(&path) =>
            {
                msg!("link-did-you-mean", link = link)
            }
            Some((link, path)) => msg!("link-did-you-mean-path", link = link, path = path),
            None => msg!("link-check-spelling"),
        };
        let message = if site.id.is_some() {
            msg!("link-nowhere-in-division", link = written, path = joined)
        } else {
            msg!("link-nowhere", link = written, path = joined)
        };
        (message, hint)
    }

    /// `handouts:` of a module: each must exist in the division's handouts.
    fn check_module_handouts(&mut self, site_page: &SitePage) {
        let page = site_page.main();
        if site_page.kind != PageKind::Module {
            return;
        }
        for (index, handout) in page.meta.handouts.iter().flatten().enumerate() {
            if let Err(message) = handout_path(handout).and_then(|p| {
                self.targets
                    .find(&p)
                    .map(|_| p)
                    .ok_or(msg!("link-handout-missing", path = handout))
            }) {
                let hint = handout_hint(handout, self.targets.site);
                let diagnostic = page
                    .problem_at(&[Step::Key("handouts"), Step::Index(index)], message)
                    .hint(hint);
                self.problems.push(self.targets.site, diagnostic);
            } else {
                self.problems
                    .reference(self.targets.site, &format!("handouts/{handout}"));
            }
        }
    }
}

enum Resolved {
    To(LinkTarget),
    /// The target is hidden in this division: the link becomes its text.
    Hidden(String),
    /// The target exists but has errors of its own, already reported.
    Unreadable,
}

/// What a link to `joined` that leads nowhere most likely meant, as the author would
/// write it (relative to the file, or from `@/` when the link was) and as a content path:
/// a target with the same file name in another folder (a missing or extra `../`), else
/// the nearest path by spelling.
fn did_you_mean(
    site: &Site,
    written: &str,
    joined: &str,
    base_dir: &str,
) -> Option<(String, String)> {
    let generated = site.generated.iter().map(|g| &g.key);
    // A page this division hides is still the one a shared link most likely meant.
    let known: Vec<&String> = site
        .pages
        .keys()
        .chain(site.files.keys())
        .chain(generated)
        .chain(&site.hidden)
        .collect();
    let wanted = joined.to_lowercase();
    let name = |path: &str| {
        let path = path.trim_end_matches('/');
        path.rsplit('/').next().unwrap_or(path).to_lowercase()
    };
    let distance = |k: &str| strsim::levenshtein(&wanted, &k.to_lowercase());
    let same_name = known
        .iter()
        .copied()
        .filter(|k| name(k) == name(joined))
        .min_by_key(|k| distance(k));
    let limit = 6.max(wanted.chars().count() / 3);
    let target = same_name.or_else(|| {
        known
            .iter()
            .copied()
            .filter(|k| distance(k) <= limit)
            .min_by_key(|k| distance(k))
    })?;
    let fragment = written
        .split_once('#')
        .map(|(_, f)| format!("#{f}"))
        .unwrap_or_default();
    let link = if written.starts_with("@/") {
        format!("@/{target}{fragment}")
    } else {
        format!("{}{fragment}", relative_path(base_dir, target))
    };
    Some((link, target.to_string()))
}

/// The path from the folder `from_dir` to `to` (both relative to `content/`).
fn relative_path(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let mut out = "../".repeat(from.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

/// A link's path as a path relative to `content/` in the merged tree.
fn content_path(path: &str, base_dir: &str) -> Result<String, Problem> {
    let (from, relative) = match path.strip_prefix("@/") {
        Some(rest) => ("", rest),
        None => (base_dir, path),
    };
    if relative.starts_with("divisions/") && path.starts_with("@/") {
        return Err((
            msg!("link-division-folder", link = path),
            msg!("link-division-folder-hint"),
        ));
    }
    urls::join(from, relative).ok_or_else(|| {
        (
            msg!("link-climbs-out", link = path),
            msg!("link-climbs-out-hint"),
        )
    })
}

fn missing_anchor(fragment: &str, target: Option<&str>, anchors: &BTreeSet<String>) -> Problem {
    let nearest = anchors
        .iter()
        .map(|a| (strsim::levenshtein(fragment, a), a))
        .min();
    let hint = match nearest {
        Some((distance, id)) if distance <= 4 => msg!("link-heading-did-you-mean", id = id),
        _ if anchors.is_empty() => msg!("link-no-headings"),
        _ => msg!("link-heading-ids", ids = heading_ids(anchors)),
    };
    let message = match target {
        Some(target) => msg!("link-no-heading", target = target, fragment = fragment),
        None => msg!("link-no-heading-here", fragment = fragment),
    };
    (message, hint)
}

/// The first ids of a page, as a link writes them: `#goals, #plan`.
fn heading_ids(anchors: &BTreeSet<String>) -> String {
    anchors
        .iter()
        .take(12)
        .map(|a| format!("#{a}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A link to a heading the original of a translated page has, and its translation not.
fn only_in_original(
    fragment: &str,
    target: &str,
    translation: &str,
    anchors: &BTreeSet<String>,
) -> Problem {
    (
        msg!(
            "link-heading-only-in-original",
            target = target,
            fragment = fragment
        ),
        msg!(
            "link-heading-only-in-original-hint",
            translation = translation,
            fragment = fragment,
            ids = heading_ids(anchors)
        ),
    )
}

/// A handout path from YAML (relative to `handouts/`) as a content path.
pub fn handout_path(handout: &str) -> Result<String, Message> {
    let escapes = handout.starts_with('/') || handout.split('/').any(|s| s == ".." || s == ".");
    if escapes || handout.is_empty() {
        return Err(msg!("link-handout-outside", path = handout));
    }
    Ok(format!("{HANDOUTS_DIR}/{handout}"))
}

fn handout_hint(handout: &str, site: &Site) -> Message {
    let known: Vec<String> = site
        .files
        .keys()
        .filter_map(|p| p.strip_prefix("handouts/"))
        .map(str::to_string)
        .collect();
    let nearest = known
        .iter()
        .map(|k| (strsim::levenshtein(handout, k), k))
        .filter(|(d, _)| *d <= 6)
        .min();
    match nearest {
        Some((_, path)) => msg!("link-handout-did-you-mean", path = path),
        None => msg!("link-handout-relative"),
    }
}

/// Each week's `kit` must be a handout of this division's tree.
fn check_kits(targets: &Targets, problems: &mut LinkProblems) {
    let site = targets.site;
    let Some(followup) = site.handbook.shared.followup.as_ref() else {
        return;
    };
    for (index, week) in followup.weeks.iter().enumerate() {
        let Some(kit) = &week.kit else {
            continue;
        };
        let found = handout_path(kit).and_then(|p| {
            targets.find(&p).map(|_| p).ok_or(msg!(
                "link-kit-missing",
                path = kit,
                week = week.week
            ))
        });
        match found {
            Ok(path) => problems.reference(site, &path),
            Err(message) => {
                let at = [Step::Key("weeks"), Step::Index(index), Step::Key("kit")];
                let diagnostic = followup
                    .error_at(&at, message)
                    .hint(handout_hint(kit, site));
                problems.push(site, diagnostic);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_paths_join_relative_and_root_links() {
        assert_eq!(
            content_path("../modules/m.md", "experiences").unwrap(),
            "modules/m.md"
        );
        assert_eq!(
            content_path("@/modules/m.md", "experiences").unwrap(),
            "modules/m.md"
        );
        assert_eq!(content_path("@/modules/", "x").unwrap(), "modules/");
        assert!(content_path("../../x.md", "a").is_err());
        assert!(content_path("@/divisions/privat/x.md", "").is_err());
    }

    #[test]
    fn suggestions_are_written_relative_to_the_linking_file() {
        assert_eq!(
            relative_path("experiences", "modules/m.md"),
            "../modules/m.md"
        );
        assert_eq!(relative_path("", "modules/m.md"), "modules/m.md");
        assert_eq!(relative_path("modules", "modules/m.md"), "m.md");
        assert_eq!(relative_path("a/b", "a/c/d.md"), "../c/d.md");
        assert_eq!(
            relative_path("experiences", "followup.yaml"),
            "../followup.yaml"
        );
        assert_eq!(relative_path("guide", "modules/"), "../modules/");
    }

    #[test]
    fn handout_paths_stay_inside_handouts() {
        assert_eq!(
            handout_path("moedepakker/uge-01.pdf").unwrap(),
            "handouts/moedepakker/uge-01.pdf"
        );
        assert!(handout_path("../secret.pdf").is_err());
        assert!(handout_path("/etc/passwd").is_err());
    }
}
