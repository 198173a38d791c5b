//! The shared texts in the division's language. For a division whose `language` differs
//! from the handbook's, every shared text its site shows (page titles, summaries and
//! bodies, module facts, follow-up weeks, calendar activities, business-case segments,
//! handout titles) is settled from the translation into that language: its text when the
//! translation has it (current or outdated, by the source hash it names), else the
//! original (missing). Each value records how its texts read (`Texts`), so render can say
//! so and mark the original's language. A division's own texts are never translated.
//!
//! Runs after the overlay and the programme, before the generated pages (whose titles
//! come from these values) and the links (which resolve against the translation's ids).

use std::collections::BTreeMap;

use crate::content::page::PageKind;
use crate::content::translation::{Translation, WeekTranslation};
use crate::content::{BUSINESS_CASE_FILE, CALENDAR_FILE, FOLLOWUP_FILE, HANDOUTS_FILE, Tree};

use super::{Localized, PageStatus, Site, SitePage, SiteText, TextStatus, Texts};
use crate::content::programme::InlineText;

/// Settles the shared texts of `site` in its language, when that is not the handbook's.
pub fn apply(site: &mut Site) {
    let Some(language) = site.translation_language().map(str::to_string) else {
        return;
    };
    let tree = &site.handbook.shared;
    for page in site.pages.values_mut() {
        page_texts(tree, page, &language);
    }
    followup(site, &language);
    calendar(site, &language);
    business_case(site, &language);
    handout_titles(site, &language);
}

/// One text: the translation's when it has one (and is a translation at all), else the
/// original, marked missing.
fn settle<'h>(
    texts: &mut Texts,
    field: &'static str,
    original: &'h str,
    translated: Option<&'h str>,
    file: TextStatus,
) -> &'h str {
    match translated.filter(|t| !t.trim().is_empty()) {
        Some(text) if file != TextStatus::Missing => {
            texts.set(field, file);
            text
        }
        _ => {
            texts.set(field, TextStatus::Missing);
            original
        }
    }
}

/// As `settle`, for an inline text: the translation's (read from the translation file
/// `from`) when it has one, else the original.
fn settle_text<'h>(
    texts: &mut Texts,
    field: &'static str,
    original: SiteText<'h>,
    translated: Option<&'h InlineText>,
    (from, file): (&'h str, TextStatus),
) -> SiteText<'h> {
    match translated.filter(|t| !t.trim().is_empty()) {
        Some(text) if file != TextStatus::Missing => {
            texts.set(field, file);
            SiteText::new(text, from, true)
        }
        _ => {
            texts.set(field, TextStatus::Missing);
            original
        }
    }
}

/// The texts of a page that come from the shared page: all of them for a shared page
/// (with or without a local section); a replacement's title and summary when it has
/// none of its own; nothing of a division's own page.
fn page_texts<'h>(tree: &'h Tree, page: &mut SitePage<'h>, language: &str) {
    let Some(shared) = page.shared else {
        return;
    };
    let (title, summary, body) = match (page.status, page.local) {
        (PageStatus::Shared | PageStatus::LocalSection, _) => (true, true, true),
        (PageStatus::Replaced, Some(local)) => {
            (local.title().is_none(), local.meta.summary.is_none(), false)
        }
        _ => return,
    };
    let translation = tree.translation(&shared.path, language);
    let file = tree.translation_status(&shared.path, language);
    let meta = translation.and_then(Translation::page);
    let texts = &mut page.texts;
    if title {
        let translated = meta.and_then(|m| m.meta.title.as_deref());
        page.title = settle(texts, "title", page.title, translated, file);
    }
    if let (true, Some(original)) = (summary, page.summary) {
        let translated = meta.and_then(|m| m.meta.summary.as_deref());
        page.summary = Some(settle(texts, "summary", original, translated, file));
    }
    if body && !shared.body.is_empty() {
        match (translation, meta.filter(|m| !m.body.is_empty())) {
            (Some(translation), Some(meta)) => {
                page.body = &meta.body;
                page.file = &translation.file;
                texts.set("body", file);
            }
            _ => texts.set("body", TextStatus::Missing),
        }
    }
    if body && page.kind == PageKind::Module {
        let facts = &mut page.facts;
        if let Some(original) = facts.duration {
            let translated = meta.and_then(|m| m.meta.duration.as_deref());
            facts.duration = Some(settle(texts, "duration", original, translated, file));
        }
        if let Some(original) = facts.format {
            let translated = meta.and_then(|m| m.meta.format.as_deref());
            facts.format = Some(settle(texts, "format", original, translated, file));
        }
    }
    if let Some(extra) = meta.and_then(|m| m.meta.extra.as_ref()) {
        page.extra = Some(extra);
    }
}

/// The follow-up's title and each week's title, meeting and note (a division's local
/// notes are its own).
fn followup(site: &mut Site, language: &str) {
    let tree = &site.handbook.shared;
    let Some(followup) = site.followup.as_mut() else {
        return;
    };
    let file = tree.translation_status(FOLLOWUP_FILE, language);
    let translation = tree
        .translation(FOLLOWUP_FILE, language)
        .and_then(Translation::followup);
    if let Some(original) = followup.title {
        let translated = translation.and_then(|t| t.title.as_deref());
        followup.title = Some(settle(
            &mut followup.texts,
            "title",
            original,
            translated,
            file,
        ));
    }
    let from = translation.map_or("", |t| t.file.as_str());
    for week in &mut followup.weeks {
        let own: Option<&WeekTranslation> =
            translation.and_then(|t| t.weeks.iter().find(|w| w.week == week.number));
        let texts = &mut week.texts;
        week.title = settle(
            texts,
            "title",
            week.title,
            own.and_then(|w| w.title.as_deref()),
            file,
        );
        if let Some(original) = week.meeting.take() {
            let translated = own.and_then(|w| w.meeting.as_ref());
            let text = settle_text(texts, "meeting", original, translated, (from, file));
            week.meeting = Some(text);
        }
        if let Some(original) = week.note.take() {
            let translated = own.and_then(|w| w.note.as_ref());
            week.note = Some(settle_text(
                texts,
                "note",
                original,
                translated,
                (from, file),
            ));
        }
    }
}

/// The calendar's title and each shared activity's title, description and campaign,
/// matched on the activity's `id` (an activity without one cannot be translated).
fn calendar(site: &mut Site, language: &str) {
    let tree = &site.handbook.shared;
    let (Some(calendar), Some(shared)) = (site.calendar.as_mut(), tree.calendar.as_ref()) else {
        return;
    };
    let file = tree.translation_status(CALENDAR_FILE, language);
    let translation = tree
        .translation(CALENDAR_FILE, language)
        .and_then(Translation::calendar);
    if let Some(original) = calendar.title {
        let translated = translation.and_then(|t| t.title.as_deref());
        calendar.title = Some(settle(
            &mut calendar.texts,
            "title",
            original,
            translated,
            file,
        ));
    }
    let from = translation.map_or("", |t| t.file.as_str());
    for activity in calendar.activities.iter_mut().filter(|a| !a.local) {
        let id = shared
            .activities
            .get(activity.index)
            .and_then(|a| a.id.as_deref());
        let own = id.and_then(|id| translation?.activities.iter().find(|a| a.id == id));
        let texts = &mut activity.texts;
        activity.title = settle(
            texts,
            "title",
            activity.title,
            own.and_then(|a| a.title.as_deref()),
            file,
        );
        if let Some(original) = activity.description.take() {
            let translated = own.and_then(|a| a.description.as_ref());
            let text = settle_text(texts, "description", original, translated, (from, file));
            activity.description = Some(text);
        }
        if let Some(original) = activity.campaign {
            let translated = own.and_then(|a| a.campaign.as_deref());
            activity.campaign = Some(settle(texts, "campaign", original, translated, file));
        }
    }
}

/// The names of the shared business case's segments, by their order (a division's own
/// business case is its own), and the shifts that name them.
fn business_case(site: &mut Site, language: &str) {
    let tree = &site.handbook.shared;
    let Some(case) = site.business_case.as_mut().filter(|c| !c.local) else {
        return;
    };
    let file = tree.translation_status(BUSINESS_CASE_FILE, language);
    let translation = tree
        .translation(BUSINESS_CASE_FILE, language)
        .and_then(Translation::business_case);
    for (index, name) in case.names.iter_mut().enumerate() {
        let translated = translation
            .and_then(|t| t.segments.get(index))
            .map(|s| s.name.as_str());
        let mut texts = Texts::default();
        let text = settle(&mut texts, "name", name.text, translated, file);
        *name = Localized {
            text,
            status: texts.get("name"),
        };
    }
    for (index, shift) in case.shifts.iter_mut().enumerate() {
        if let (Some(from), Some(to)) = (case.names.get(index), case.names.get(index + 1)) {
            shift.from = from.text.to_string();
            shift.to = to.text.to_string();
        }
    }
}

/// Handout titles in the site's language: for each shared handout that handouts.yaml
/// titles (and the division does not title itself), the translation's title, else the
/// original's, marked as missing.
fn handout_titles(site: &mut Site, language: &str) {
    let tree = &site.handbook.shared;
    let status = tree.translation_status(HANDOUTS_FILE, language);
    let translated: BTreeMap<String, &str> = tree
        .translation(HANDOUTS_FILE, language)
        .and_then(Translation::handouts)
        .into_iter()
        .flat_map(|translation| &translation.handouts)
        .filter_map(|handout| {
            let title = handout.title.as_deref().filter(|t| !t.trim().is_empty())?;
            Some((
                format!("{}/{}", crate::content::HANDOUTS_DIR, handout.file),
                title,
            ))
        })
        .collect();
    let shared = crate::content::handouts::by_path(tree.handout_index.as_ref());
    let own =
        crate::content::handouts::by_path(site.division.and_then(|d| d.handout_index.as_ref()));
    for (path, file) in site.files.iter_mut() {
        let titled = shared.get(path).is_some_and(|e| e.title.is_some());
        if file.local || own.contains_key(path) || !titled {
            continue;
        }
        let localized = match translated.get(path) {
            Some(title) => Localized {
                text: title,
                status: Some(status),
            },
            None => Localized {
                text: shared[path].title.as_deref().unwrap_or_default(),
                status: Some(TextStatus::Missing),
            },
        };
        site.handout_titles.insert(path.clone(), localized);
    }
}

#[cfg(test)]
mod tests;
