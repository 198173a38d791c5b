//! The overlay rules: which pages a division's site has and how each came to be (shared,
//! local section, replaced, hidden, local page, a story another division shares), and
//! which handouts and files it has (the division's own shadow the shared ones).

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::content::handouts;
use crate::content::page::{Page, PageKind};
use crate::content::{
    Division, experience_number, experience_numbers, page_references, suggest_path,
};
use crate::diagnostics::Diagnostic;
use crate::messages::msg;
use crate::urls;
use crate::yaml::Step;

use super::{
    Facts, LocalSection, PageStatus, ResolveOptions, Site, SiteFile, SitePage, Texts, routes,
};

/// Applies the division's overlay (when the site is a division's) to the shared pages.
pub fn apply(site: &mut Site, options: &ResolveOptions, problems: &mut Vec<Diagnostic>) {
    add_shared_pages(site, options);
    if let Some(division) = site.division {
        hide_pages(site, division, problems);
        overlay_pages(site, division, options, problems);
        check_division_references(site, division, problems);
        check_required_sections(site, division, problems);
    }
    add_shared_stories(site, options, problems);
    add_files(site);
}

/// A page of the site, its values settled from the file that leads and the shared one.
fn new_page<'h>(
    path: &str,
    status: PageStatus,
    shared: Option<&'h Page>,
    local: Option<&'h Page>,
) -> SitePage<'h> {
    let main = match status {
        PageStatus::Shared | PageStatus::LocalSection => shared,
        _ => local,
    }
    .expect("every page has the file that leads it");
    let section = (status == PageStatus::LocalSection)
        .then_some(local)
        .flatten();
    let source_path = local.or(shared).map_or(path, |p| p.path.as_str());
    let meta = &main.meta;
    SitePage {
        path: path.to_string(),
        url: urls::page_url(path),
        status,
        kind: main.kind,
        title: main
            .title()
            .or_else(|| shared.and_then(Page::title))
            .unwrap_or_default(),
        summary: meta
            .summary
            .as_deref()
            .or_else(|| shared.and_then(|s| s.meta.summary.as_deref())),
        weight: main.weight(),
        locked: shared.is_some_and(Page::is_locked),
        draft: main.is_draft(),
        extra: meta.extra.as_ref(),
        file: &main.file,
        body: &main.body,
        local_section: section.map(|s| LocalSection {
            title: s.title(),
            body: &s.body,
            file: &s.file,
        }),
        credit: None,
        facts: Facts {
            audiences: meta.audiences.as_deref().unwrap_or_default(),
            categories: meta.categories.as_deref().unwrap_or_default(),
            duration: meta.duration.as_deref(),
            format: meta.format.as_deref(),
            ..Facts::default()
        },
        texts: Texts::default(),
        body_links: Vec::new(),
        section_links: Vec::new(),
        shared_file: shared.map(|p| p.file.as_str()),
        local_file: local.map(|p| p.file.as_str()),
        base_dir: urls::parent(source_path).to_string(),
        shared,
        local,
    }
}

fn add_shared_pages(site: &mut Site, options: &ResolveOptions) {
    for (path, page) in &site.handbook.shared.pages {
        if page.is_draft() && !options.drafts {
            continue;
        }
        site.pages.insert(
            path.clone(),
            new_page(path, PageStatus::Shared, Some(page), None),
        );
    }
}

/// `hide:` in division.yaml: shared pages this division does without.
fn hide_pages(site: &mut Site, division: &Division, problems: &mut Vec<Diagnostic>) {
    let config = &division.config;
    for (index, path) in config.value.hide.iter().enumerate() {
        let at = [Step::Key("hide"), Step::Index(index)];
        match site.handbook.shared.pages.get(path) {
            // A shared page with errors of its own: those are reported.
            None if site.handbook.shared.unreadable.contains(path) => {}
            None => problems.push(
                config
                    .error_at(&at, msg!("local-hide-unknown", path = path))
                    .hint(suggest_path(path, site.handbook.shared.pages.keys())),
            ),
            Some(page) if page.is_locked() => problems.push(
                config
                    .error_at(&at, msg!("local-hide-locked", path = path))
                    .hint(msg!("local-hide-locked-hint")),
            ),
            Some(_) => {
                site.pages.remove(path);
                site.hidden.insert(path.clone());
            }
        }
    }
}

/// The division's Markdown files: local sections, replacements and local pages.
fn overlay_pages<'h>(
    site: &mut Site<'h>,
    division: &'h Division,
    options: &ResolveOptions,
    problems: &mut Vec<Diagnostic>,
) {
    for (path, page) in &division.pages {
        if page.is_draft() && !options.drafts {
            continue;
        }
        let shared = site.handbook.shared.pages.get(path);
        if site.hidden.contains(path) {
            problems.push(
                Diagnostic::error(msg!("local-file-hidden", path = path))
                    .in_file(&page.file)
                    .hint(msg!("local-file-hidden-hint")),
            );
            continue;
        }
        let status = match shared {
            // The shared page has errors of its own (reported): judge this file later.
            None if site.handbook.shared.unreadable.contains(path) => continue,
            None if page.replaces() => {
                problems.push(
                    page.problem_at(
                        &[Step::Key("replace")],
                        msg!("local-replace-nothing", path = path),
                    )
                    .hint(msg!("local-replace-nothing-hint")),
                );
                continue;
            }
            None => {
                if page.title().is_none_or(|t| t.trim().is_empty()) {
                    problems.push(
                        crate::content::page::missing_title(page)
                            .hint(msg!("local-page-no-title-hint")),
                    );
                    continue;
                }
                PageStatus::LocalPage
            }
            Some(shared) if page.replaces() && shared.is_locked() => {
                problems.push(
                    page.problem_at(
                        &[Step::Key("replace")],
                        msg!("local-replace-locked", file = &shared.file),
                    )
                    .hint(msg!("local-replace-locked-hint")),
                );
                continue;
            }
            Some(_) if page.replaces() => PageStatus::Replaced,
            Some(_) => {
                if let Some(problem) = section_only_keys(page) {
                    problems.push(problem);
                    continue;
                }
                PageStatus::LocalSection
            }
        };
        let shared = shared.filter(|p| !p.is_draft() || options.drafts);
        let status = if shared.is_none() && status != PageStatus::LocalPage {
            PageStatus::LocalPage
        } else {
            status
        };
        site.pages
            .insert(path.clone(), new_page(path, status, shared, Some(page)));
    }
}

/// A division's own experiences need numbers of their own, and the experiences and
/// modules its pages name must exist in its site.
fn check_division_references(site: &Site, division: &Division, problems: &mut Vec<Diagnostic>) {
    let shared_numbers: BTreeMap<u32, &Page> = site
        .handbook
        .shared
        .pages
        .values()
        .filter_map(|p| experience_number(p.kind).map(|n| (n, p)))
        .collect();
    let numbers = experience_numbers(site.handbook, Some(division));
    for page in division.pages.values() {
        if let (PageKind::Experience(number), false) = (
            page.kind,
            site.handbook.shared.pages.contains_key(&page.path),
        ) && let Some(shared) = shared_numbers.get(&number)
        {
            problems.push(
                Diagnostic::error(msg!(
                    "local-experience-taken",
                    number = number,
                    file = &shared.file
                ))
                .in_file(&page.file)
                .hint(msg!("local-experience-taken-hint", path = &shared.path)),
            );
        }
        problems.extend(page_references(page, &numbers, |id| {
            site.pages.contains_key(&format!("modules/{id}.md"))
        }));
    }
}

/// A local section adds text; keys that describe the page itself need `replace: true`.
fn section_only_keys(page: &Page) -> Option<Diagnostic> {
    let meta = &page.meta;
    let key = [
        ("modules", meta.modules.is_some()),
        ("audiences", meta.audiences.is_some()),
        ("categories", meta.categories.is_some()),
        ("duration", meta.duration.is_some()),
        ("format", meta.format.is_some()),
        ("experiences", meta.experiences.is_some()),
        ("handouts", meta.handouts.is_some()),
        ("weight", meta.weight.is_some()),
    ]
    .into_iter()
    .find(|(_, set)| *set)?
    .0;
    Some(
        page.problem_at(&[Step::KeyName(key)], msg!("local-section-key", key = key))
            .hint(msg!("local-section-key-hint")),
    )
}

/// `require_local`: every division adds a local section to these shared pages.
fn check_required_sections(site: &mut Site, division: &Division, problems: &mut Vec<Diagnostic>) {
    for path in &site.handbook.config.require_local {
        let done = site
            .pages
            .get(path)
            .is_some_and(|p| matches!(p.status, PageStatus::LocalSection | PageStatus::Replaced));
        if done || !site.handbook.shared.pages.contains_key(path) {
            continue;
        }
        site.missing_required.push(path.clone());
        problems.push(
            Diagnostic::warning(msg!(
                "local-required-missing",
                division = &division.id,
                page = path
            ))
            .in_file(format!("content/divisions/{}", division.id))
            .for_division(&division.id)
            .hint(msg!(
                "local-required-missing-hint",
                division = &division.id,
                page = path
            )),
        );
    }
}

/// Stories other divisions share with everyone (`share: true`), credited to them and
/// named `<division>-<file>`. A story of this division's with that name is not silently
/// replaced: the two are an error.
fn add_shared_stories(site: &mut Site, options: &ResolveOptions, problems: &mut Vec<Diagnostic>) {
    let own = site.id;
    for other in &site.handbook.divisions {
        if Some(other.id.as_str()) == own {
            continue;
        }
        for page in other.pages.values() {
            let shareable = page.kind == PageKind::Story
                && page.is_shared_story()
                && (!page.is_draft() || options.drafts);
            if !shareable || site.handbook.shared.pages.contains_key(&page.path) {
                continue;
            }
            let (folder, file) = page
                .path
                .rsplit_once('/')
                .unwrap_or(("stories", &page.path));
            let path = format!("{folder}/{}-{file}", other.id);
            if let Some(existing) = site.pages.get(&path) {
                problems.push(routes::collision(
                    existing.file,
                    &page.file,
                    &urls::output_file(&existing.url),
                ));
                continue;
            }
            let mut story = new_page(&path, PageStatus::SharedStory, None, Some(page));
            story.credit = Some((other.id.as_str(), other.name()));
            site.pages.insert(path, story);
        }
    }
}

fn add_files(site: &mut Site) {
    let shared_entries = handouts::by_path(site.handbook.shared.handout_index.as_ref());
    let own_entries = handouts::by_path(site.division.and_then(|d| d.handout_index.as_ref()));
    let shared = site.handbook.shared.files.iter().map(|f| (f, false));
    let local = site
        .division
        .into_iter()
        .flat_map(|d| d.files.iter().map(|f| (f, true)));
    for ((path, file), local) in shared.chain(local) {
        let entry = own_entries.get(path).or_else(|| shared_entries.get(path));
        let title = entry.and_then(|e| e.title.as_deref());
        site.files.insert(
            path.clone(),
            SiteFile {
                path: &file.path,
                source: &file.file,
                absolute: &file.absolute,
                size: file.size,
                local,
                title: title.map_or_else(|| handouts::default_title(path).into(), Cow::Borrowed),
                description: entry.and_then(|e| e.description.as_deref()),
            },
        );
    }
}
