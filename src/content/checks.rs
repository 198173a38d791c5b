//! Checks of the shared content that need no division: the programme's data files, the
//! experience numbers and module ids pages name, and the paths handbook.yaml names. Part
//! of the load stage: they run once after loading (and after a preview reloads a page).

use std::collections::{BTreeMap, BTreeSet};

use super::page::{Page, PageKind};
use super::programme;
use super::{Division, Handbook};
use crate::diagnostics::Diagnostic;
use crate::messages::{Message, msg};
use crate::yaml::Step;

/// Checks of the shared content that do not depend on a division.
pub fn shared(handbook: &Handbook) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let shared = &handbook.shared;
    let experiences = experience_numbers(handbook, None);
    if let Some(followup) = &shared.followup {
        problems.extend(programme::check_weeks(followup));
        problems.extend(programme::check_week_experiences(followup, &experiences));
    }
    if let Some(calendar) = &shared.calendar {
        let rules = programme::PlanRules {
            start: calendar.value.start.get(),
            experiences: &experiences,
            local: false,
            language: &handbook.config.language,
        };
        problems.extend(programme::check_start(calendar));
        problems.extend(programme::check_activities(
            calendar,
            &calendar.value.activities,
            &rules,
        ));
        problems.extend(programme::check_empty_months(calendar));
    }
    if let Some(case) = &shared.business_case {
        problems.extend(programme::check_business_case(case));
    }
    if let Some(index) = &shared.handout_index {
        problems.extend(super::handouts::check(index, &shared.files, None));
    }
    for division in &handbook.divisions {
        if let Some(index) = &division.handout_index {
            let own = super::handouts::check(index, &division.files, Some(&shared.files));
            problems.extend(own.into_iter().map(|d| d.for_division(&division.id)));
        }
        problems.extend(super::division::check_followup_start(&division.config));
        problems.extend(super::division::check_country(&division.config));
        if let Some(case) = &division.business_case {
            problems.extend(programme::check_business_case(case));
        }
    }
    problems.extend(super::translation::check(shared, &handbook.config.language));
    check_experience_numbers(handbook, &mut problems);
    check_module_references(handbook, &mut problems);
    check_required_paths(handbook, &mut problems);
    problems
}

/// The experience numbers a site has: the shared ones and the division's own.
pub fn experience_numbers(handbook: &Handbook, division: Option<&Division>) -> BTreeSet<u32> {
    let division_pages = division.into_iter().flat_map(|d| d.pages.values());
    let pages = handbook
        .shared
        .pages
        .values()
        .chain(division_pages)
        .map(|p| p.kind);
    // An experience whose file has errors still has its number (from the file name).
    let unreadable = division
        .into_iter()
        .flat_map(|d| &d.unreadable)
        .chain(&handbook.shared.unreadable);
    let unreadable = unreadable.filter_map(|path| PageKind::of(path).ok());
    pages
        .chain(unreadable)
        .filter_map(experience_number)
        .collect()
}

fn check_experience_numbers(handbook: &Handbook, diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<u32, &Page> = BTreeMap::new();
    for page in handbook.shared.pages.values() {
        if let PageKind::Experience(number) = page.kind
            && let Some(first) = seen.insert(number, page)
        {
            diagnostics.push(
                Diagnostic::error(msg!(
                    "content-experience-number-twice",
                    number = number,
                    file = &first.file
                ))
                .in_file(&page.file)
                .hint(msg!("content-experience-number-twice-hint")),
            );
        }
    }
}

/// The experience numbers a module names exist, and the module ids an experience names.
fn check_module_references(handbook: &Handbook, diagnostics: &mut Vec<Diagnostic>) {
    let pages = &handbook.shared.pages;
    let numbers = experience_numbers(handbook, None);
    for page in pages.values() {
        diagnostics.extend(page_references(page, &numbers, |id| {
            pages.contains_key(&format!("modules/{id}.md"))
        }));
    }
}

/// The experience numbers and module ids a page's front matter names must exist.
pub fn page_references(
    page: &Page,
    numbers: &BTreeSet<u32>,
    module_exists: impl Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (index, number) in page.meta.experiences.iter().flatten().enumerate() {
        if !numbers.contains(number) {
            problems.push(
                page.problem_at(
                    &[Step::Key("experiences"), Step::Index(index)],
                    msg!("content-no-experience", number = *number),
                )
                .hint(msg!(
                    "content-no-experience-hint",
                    numbers = join_numbers(numbers)
                )),
            );
        }
    }
    for (index, id) in page.meta.modules.iter().flatten().enumerate() {
        if !module_exists(id) {
            problems.push(
                page.problem_at(
                    &[Step::Key("modules"), Step::Index(index)],
                    msg!("content-no-module", id = id),
                )
                .hint(msg!("content-no-module-hint")),
            );
        }
    }
    problems
}

pub fn experience_number(kind: PageKind) -> Option<u32> {
    match kind {
        PageKind::Experience(n) => Some(n),
        _ => None,
    }
}

fn join_numbers(numbers: &BTreeSet<u32>) -> String {
    numbers
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_required_paths(handbook: &Handbook, diagnostics: &mut Vec<Diagnostic>) {
    for (index, path) in handbook.config.require_local.iter().enumerate() {
        if !handbook.shared.pages.contains_key(path) && !handbook.shared.unreadable.contains(path) {
            diagnostics.push(
                handbook
                    .config
                    .error_at(
                        &[Step::Key("require_local"), Step::Index(index)],
                        msg!("config-require-local-not-shared", path = path),
                    )
                    .hint(suggest_path(path, handbook.shared.pages.keys())),
            );
        }
    }
}

/// The known path nearest to `wanted`, if one is close enough to be a typo.
pub fn nearest<'a>(wanted: &str, known: impl Iterator<Item = &'a String>) -> Option<&'a str> {
    known
        .map(|k| (strsim::levenshtein(wanted, k), k))
        .filter(|(distance, _)| *distance <= 6)
        .min()
        .map(|(_, k)| k.as_str())
}

/// A hint for a path in YAML (relative to `content/`) that names no page.
pub fn suggest_path<'a>(wanted: &str, known: impl Iterator<Item = &'a String>) -> Message {
    match nearest(wanted, known) {
        Some(path) => msg!("content-path-did-you-mean", path = path),
        None => msg!("content-path-example"),
    }
}
