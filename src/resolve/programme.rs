//! The programme as one division sees it: the follow-up weeks with the division's notes
//! and dates, the calendar with its local activities, the business case (its own or the
//! shared one), and the modules and experiences that refer to each other.

use std::collections::{BTreeMap, BTreeSet};

use crate::content::page::PageKind;
use crate::content::programme::{self, Activity, Data, plan_months};
use crate::content::{CALENDAR_FILE, FOLLOWUP_FILE, experience_numbers};
use crate::diagnostics::Diagnostic;
use crate::holidays::{self, Country, Holiday};
use crate::messages::{Message, msg};
use crate::yaml::Step;

use super::{
    Localized, Site, SiteActivity, SiteBusinessCase, SiteCalendar, SiteFollowup, SiteText,
    SiteWeek, Texts, links,
};

/// Settles the programme's data and cross-references for `site`.
pub fn settle(site: &mut Site, problems: &mut Vec<Diagnostic>) {
    check_start(site, problems);
    add_followup(site, problems);
    add_calendar(site, problems);
    add_business_case(site);
    cross_reference(site);
}

/// `followup_start` is a date, and preferably a Monday.
fn check_start(site: &Site, problems: &mut Vec<Diagnostic>) {
    let Some(division) = site.division else {
        return;
    };
    let config = &division.config;
    if let Some(text) = config.followup_start.as_ref().and_then(|s| s.invalid()) {
        problems.push(
            config
                .error_at(
                    &[Step::Key("followup_start")],
                    msg!("not-a-date", text = text),
                )
                .hint(msg!("followup-start-hint")),
        );
    }
    if let Some(start) = config.followup_start()
        && programme::monday_of(start) != start
    {
        let message = msg!(
            "followup-start-not-monday",
            start = start.to_string(),
            monday = programme::monday_of(start).to_string(),
        );
        problems.push(
            config
                .warning_at(&[Step::Key("followup_start")], message)
                .hint(msg!("followup-start-not-monday-hint")),
        );
    }
}

/// Local data that has no shared plan to attach to is an error (unless the shared file
/// is broken, which is reported already).
fn orphan<T>(
    site: &Site,
    local: Option<&Data<T>>,
    shared_file: &str,
    key: &str,
    what: Message,
    hint: Message,
) -> Option<Diagnostic> {
    let shared_is_broken = site.handbook.shared.unreadable.contains(shared_file);
    let local = local.filter(|_| !shared_is_broken)?;
    Some(local.error_at(&[Step::Key(key)], what).hint(hint))
}

fn add_followup(site: &mut Site, problems: &mut Vec<Diagnostic>) {
    let notes = site.division.and_then(|d| d.followup_notes.as_ref());
    let Some(followup) = site.handbook.shared.followup.as_ref() else {
        problems.extend(orphan(
            site,
            notes,
            FOLLOWUP_FILE,
            "weeks",
            msg!("followup-notes-no-plan"),
            msg!("followup-notes-no-plan-hint"),
        ));
        return;
    };
    if let Some(notes) = notes {
        problems.extend(programme::check_notes(notes, &followup.weeks));
    }
    let start = site
        .division
        .and_then(|d| d.config.followup_start())
        .map(programme::monday_of);
    let mut weeks: Vec<_> = followup.weeks.iter().collect();
    weeks.sort_by_key(|w| w.week);
    let file = followup.file.as_str();
    let country = site.division.and_then(|d| d.config.country(&site.language));
    let weeks = weeks
        .into_iter()
        .map(|week| SiteWeek {
            number: week.week,
            title: &week.title,
            meeting: week.meeting.as_ref().map(|m| SiteText::new(m, file, true)),
            kit: week
                .kit
                .as_deref()
                .and_then(|kit| links::handout_path(kit).ok())
                .filter(|path| site.files.contains_key(path)),
            experiences: &week.experiences,
            note: week.note.as_ref().map(|n| SiteText::new(n, file, true)),
            local_notes: notes
                .iter()
                .flat_map(|notes| notes.weeks.iter().map(move |n| (n, notes.file.as_str())))
                .filter(|(n, _)| n.week == week.week)
                .map(|(n, file)| SiteText::new(&n.note, file, false))
                .collect(),
            dates: start.map(|s| programme::week_dates(s, week.week)),
            holidays: week_holidays(country, start, week.week),
            texts: Texts::default(),
        })
        .collect();
    site.followup = Some(SiteFollowup {
        title: followup.title.as_deref(),
        texts: Texts::default(),
        file: &followup.file,
        start,
        weeks,
    });
}

/// The public holidays of `country` in week `number` (Monday to Friday).
fn week_holidays(
    country: Option<Country>,
    start: Option<jiff::civil::Date>,
    number: u32,
) -> Vec<(jiff::civil::Date, Holiday)> {
    match (country, start) {
        (Some(country), Some(start)) => {
            let (monday, friday) = programme::week_dates(start, number);
            holidays::between(country, monday, friday)
        }
        _ => Vec::new(),
    }
}

fn add_calendar(site: &mut Site, problems: &mut Vec<Diagnostic>) {
    let local = site.division.and_then(|d| d.activities.as_ref());
    let Some(calendar) = site.handbook.shared.calendar.as_ref() else {
        problems.extend(orphan(
            site,
            local,
            CALENDAR_FILE,
            "activities",
            msg!("calendar-local-no-plan"),
            msg!("calendar-local-no-plan-hint"),
        ));
        return;
    };
    let start = calendar.start.get();
    let mut activities = site_activities(&calendar.activities, &calendar.file, false);
    if let Some(local) = local {
        let experiences = experience_numbers(site.handbook, site.division);
        let rules = programme::PlanRules {
            start,
            experiences: &experiences,
            local: true,
            language: &site.language,
        };
        problems.extend(programme::check_activities(
            local,
            &local.activities,
            &rules,
        ));
        activities.extend(site_activities(&local.activities, &local.file, true));
    }
    activities.sort_by_key(|a| (a.month, a.date, a.local, a.file, a.index));
    site.calendar = Some(SiteCalendar {
        title: calendar.title.as_deref(),
        texts: Texts::default(),
        file: &calendar.file,
        months: start.map(plan_months).unwrap_or_default(),
        activities,
    });
}

/// The activities of one file that have a valid month (the others are reported).
fn site_activities<'h>(
    activities: &'h [Activity],
    file: &'h str,
    local: bool,
) -> Vec<SiteActivity<'h>> {
    activities
        .iter()
        .enumerate()
        .filter_map(|(index, activity)| {
            Some(SiteActivity {
                title: &activity.title,
                month: activity.year_month()?,
                date: activity.date(),
                channel: activity.channel(),
                owner: activity.owner.as_deref(),
                campaign: activity.campaign.as_deref(),
                description: activity
                    .description
                    .as_ref()
                    .map(|d| SiteText::new(d, file, !local)),
                experiences: &activity.experiences,
                local,
                file,
                index,
                texts: Texts::default(),
            })
        })
        .collect()
}

fn add_business_case(site: &mut Site) {
    let local = site.division.and_then(|d| d.business_case.as_ref());
    let Some(case) = local.or(site.handbook.shared.business_case.as_ref()) else {
        return;
    };
    site.business_case = Some(SiteBusinessCase {
        file: &case.file,
        local: local.is_some(),
        segments: &case.segments,
        names: case
            .segments
            .iter()
            .map(|s| Localized::original(&s.name))
            .collect(),
        shift_pct: case.shift_pct,
        shifts: case.shifts(),
    });
}

/// Modules and experiences name each other from either side; each page gets both
/// directions settled. A module's handouts are those its site has.
fn cross_reference(site: &mut Site) {
    let mut named_by: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    let mut experiences: BTreeMap<u32, BTreeSet<String>> = BTreeMap::new();
    for page in site.pages.values() {
        let PageKind::Experience(number) = page.kind else {
            continue;
        };
        for id in page.main().meta.modules.iter().flatten() {
            let module = format!("modules/{id}.md");
            named_by.entry(module.clone()).or_default().insert(number);
            experiences.entry(number).or_default().insert(module);
        }
    }
    let modules: Vec<(String, Vec<u32>)> = site
        .pages
        .values()
        .filter(|p| p.kind == PageKind::Module)
        .map(|p| {
            (
                p.path.clone(),
                p.main().meta.experiences.clone().unwrap_or_default(),
            )
        })
        .collect();
    for (path, numbers) in &modules {
        for number in numbers {
            experiences.entry(*number).or_default().insert(path.clone());
        }
    }
    let files = &site.files;
    for page in site.pages.values_mut() {
        match page.kind {
            PageKind::Experience(number) => {
                page.facts.modules = experiences.remove(&number).unwrap_or_default();
            }
            PageKind::Module => {
                let meta = &page.main().meta;
                let mut numbers: Vec<u32> = meta.experiences.clone().unwrap_or_default();
                numbers.extend(named_by.get(&page.path).into_iter().flatten());
                numbers.sort_unstable();
                numbers.dedup();
                page.facts.experiences = numbers;
                page.facts.handouts = meta
                    .handouts
                    .iter()
                    .flatten()
                    .filter_map(|h| links::handout_path(h).ok())
                    .filter(|path| files.contains_key(path))
                    .collect();
            }
            _ => {}
        }
    }
}
