//! Load: translations of the shared content, files beside their sources
//! (`experiences/03-x.en.md`, `followup.en.yaml`). Each is parsed once, kept by (source
//! path, language) with the source hash it says it was made from, and checked against
//! its source; the resolve stage shows it to every division of that language.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::page::{PageKind, split_front_matter};
use super::programme::{InlineText, InlineTexts, item_path, render_texts};
use super::walk::SourceFile;
use super::{BUSINESS_CASE_FILE, CALENDAR_FILE, FOLLOWUP_FILE, HANDOUTS_FILE, Tree};
use crate::diagnostics::{Diagnostic, Position};
use crate::markdown::{self, Document, MarkdownOptions};
use crate::messages::{Message, msg};
use crate::yaml::{self, Checked, Data, FromText, Origin, Step};

type Extra = Option<serde_json::Map<String, serde_json::Value>>;

/// How many hex digits of the SHA-256 a `translated_from` holds.
pub const HASH_LENGTH: usize = 12;

/// The first 12 hex digits of the SHA-256 of a source file's bytes.
pub fn source_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(HASH_LENGTH / 2)
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The hash of a source file as it is now; `None` when it cannot be read (the load
/// reports that file).
pub fn hash_file(file: &SourceFile) -> Option<String> {
    match &file.text {
        Some(text) => Some(source_hash(text.as_bytes())),
        None => crate::source::read_source(&file.absolute, &file.root, crate::source::TEXT_LIMIT)
            .ok()
            .map(|b| source_hash(&b)),
    }
}

/// A language code as translation file names carry it: two or three lower-case letters.
pub fn is_language_code(text: &str) -> bool {
    (2..=3).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_lowercase())
}

/// The source path and language of a translation file (`experiences/03-x.en.md` ->
/// `experiences/03-x.md`, `en`); `None` for any other file. `guide/v1.2.md` is a page:
/// only a language code before the extension makes a translation. Handouts stay
/// handouts, except the handouts folder's introduction and its titles.
pub fn split(path: &str) -> Option<(String, String)> {
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
    let (stem, extension) = name.rsplit_once('.')?;
    let (base, language) = stem.rsplit_once('.')?;
    if base.is_empty() || !is_language_code(language) {
        return None;
    }
    let source = match folder {
        "" => format!("{base}.{extension}"),
        _ => format!("{folder}/{base}.{extension}"),
    };
    let translatable = match extension {
        "md" => !source.starts_with("handouts/") || source == "handouts/_index.md",
        "yaml" => DATA_FILES.contains(&source.as_str()),
        _ => false,
    };
    translatable.then(|| (source, language.to_string()))
}

/// The data files that can be translated.
pub const DATA_FILES: [&str; 4] = [
    FOLLOWUP_FILE,
    CALENDAR_FILE,
    BUSINESS_CASE_FILE,
    HANDOUTS_FILE,
];

/// The file name of the translation of `source` into `language`.
pub fn file_name(source: &str, language: &str) -> String {
    match source.rsplit_once('.') {
        Some((stem, extension)) => format!("{stem}.{language}.{extension}"),
        None => format!("{source}.{language}"),
    }
}

/// A `translated_from` value: 12 hex digits, kept in lower case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceHash(pub String);

impl FromText for SourceHash {
    fn from_text(text: &str) -> Option<Self> {
        let text = text.trim();
        (text.len() == HASH_LENGTH && text.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| SourceHash(text.to_ascii_lowercase()))
    }
}

/// Whether a translation (or one text of it) is the one a reader should get.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Made from the source as it is now.
    Current,
    /// Made from an earlier version of the source (or it does not say from which).
    Outdated,
    /// Not translated: readers get the source text.
    Missing,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Current => "current",
            Status::Outdated => "outdated",
            Status::Missing => "missing",
        }
    }
}

/// One translation file, parsed.
#[derive(Debug)]
pub struct Translation {
    /// The source's path relative to `content/` (`experiences/03-x.md`).
    pub source: String,
    pub language: String,
    /// The file, relative to the handbook root, for diagnostics.
    pub file: String,
    /// The source hash it was made from, when it says so validly.
    pub translated_from: Option<String>,
    pub text: Translated,
}

/// What a translation holds, by the kind of its source.
#[derive(Debug)]
pub enum Translated {
    Page(PageTranslation),
    Followup(Data<FollowupTranslation>),
    Calendar(Data<CalendarTranslation>),
    BusinessCase(Data<BusinessCaseTranslation>),
    Handouts(Data<HandoutsTranslation>),
}

/// The front matter of a translated page: the texts a reader sees. Everything else
/// (weight, modules, audiences, ...) comes from the source.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationMeta {
    pub translated_from: Option<Checked<SourceHash>>,
    pub title: Option<String>,
    pub summary: Option<String>,
    /// A module's facts, which readers see as text.
    pub duration: Option<String>,
    pub format: Option<String>,
    pub extra: Extra,
}

/// A translated Markdown page.
#[derive(Debug)]
pub struct PageTranslation {
    pub meta: TranslationMeta,
    /// Its own body, with its own heading ids.
    pub body: Document,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowupTranslation {
    pub translated_from: Option<Checked<SourceHash>>,
    pub title: Option<String>,
    #[serde(default)]
    pub weeks: Vec<WeekTranslation>,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekTranslation {
    pub week: u32,
    pub title: Option<String>,
    pub meeting: Option<InlineText>,
    pub note: Option<InlineText>,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarTranslation {
    pub translated_from: Option<Checked<SourceHash>>,
    pub title: Option<String>,
    #[serde(default)]
    pub activities: Vec<ActivityTranslation>,
    pub extra: Extra,
}

/// Matched to the shared activity with the same `id`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityTranslation {
    pub id: String,
    pub title: Option<String>,
    pub description: Option<InlineText>,
    pub campaign: Option<String>,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessCaseTranslation {
    pub translated_from: Option<Checked<SourceHash>>,
    /// The segments' names, in the source's order.
    #[serde(default)]
    pub segments: Vec<SegmentTranslation>,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentTranslation {
    pub name: String,
    pub extra: Extra,
}

/// `handouts/handouts.<L>.yaml`: the handouts' titles and descriptions.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandoutsTranslation {
    pub translated_from: Option<Checked<SourceHash>>,
    #[serde(default)]
    pub handouts: Vec<HandoutTranslation>,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandoutTranslation {
    /// Relative to `handouts/`.
    pub file: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub extra: Extra,
}

impl Translation {
    pub fn page(&self) -> Option<&PageTranslation> {
        match &self.text {
            Translated::Page(page) => Some(page),
            _ => None,
        }
    }

    pub fn followup(&self) -> Option<&Data<FollowupTranslation>> {
        match &self.text {
            Translated::Followup(data) => Some(data),
            _ => None,
        }
    }

    pub fn calendar(&self) -> Option<&Data<CalendarTranslation>> {
        match &self.text {
            Translated::Calendar(data) => Some(data),
            _ => None,
        }
    }

    pub fn business_case(&self) -> Option<&Data<BusinessCaseTranslation>> {
        match &self.text {
            Translated::BusinessCase(data) => Some(data),
            _ => None,
        }
    }

    pub fn handouts(&self) -> Option<&Data<HandoutsTranslation>> {
        match &self.text {
            Translated::Handouts(data) => Some(data),
            _ => None,
        }
    }

    /// Where a problem with the whole file points: its first line.
    fn problem(&self, message: impl Into<Message>) -> Diagnostic {
        Diagnostic::error(message)
            .in_file(&self.file)
            .at(Position::new(1, 1))
    }
}

impl Tree {
    /// The translation of the shared file `source` into `language`, if there is one.
    pub fn translation(&self, source: &str, language: &str) -> Option<&Translation> {
        self.translations
            .get(&(source.to_string(), language.to_string()))
    }

    /// Whether the translation of `source` into `language` is current, outdated or
    /// missing.
    pub fn translation_status(&self, source: &str, language: &str) -> Status {
        match self.translation(source, language) {
            None => Status::Missing,
            Some(translation) => {
                let now = self.hashes.get(source);
                match (&translation.translated_from, now) {
                    (Some(from), Some(now)) if from == now => Status::Current,
                    _ => Status::Outdated,
                }
            }
        }
    }
}

/// A translation file found under `content/`, with its source and language.
pub struct TranslationFile {
    pub file: SourceFile,
    pub source: String,
    pub language: String,
}

/// The translations of a tree, and the translation files that could not be read (their
/// errors are reported; readers get the original).
#[derive(Debug, Default)]
pub struct Loaded {
    pub translations: BTreeMap<(String, String), Translation>,
    /// Paths relative to `content/` (`experiences/03-x.en.md`).
    pub unreadable: Vec<String>,
    pub problems: Vec<Diagnostic>,
}

/// Parses the translation files (pages in parallel).
pub fn load(files: &[TranslationFile], options: &MarkdownOptions) -> Loaded {
    let parsed: Vec<(Option<Translation>, Vec<Diagnostic>)> =
        files.par_iter().map(|file| parse(file, options)).collect();
    let mut loaded = Loaded::default();
    for (found, (translation, problems)) in files.iter().zip(parsed) {
        loaded.problems.extend(problems);
        match translation {
            Some(translation) => {
                let key = (translation.source.clone(), translation.language.clone());
                loaded.translations.insert(key, translation);
            }
            None => loaded.unreadable.push(found.file.path.clone()),
        }
    }
    loaded
}

/// The hashes of the sources that have translations, computed from their bytes now.
pub fn hashes(sources: &[SourceFile]) -> BTreeMap<String, String> {
    sources
        .par_iter()
        .filter_map(|file| Some((file.path.clone(), hash_file(file)?)))
        .collect()
}

fn parse(
    found: &TranslationFile,
    options: &MarkdownOptions,
) -> (Option<Translation>, Vec<Diagnostic>) {
    let file = &found.file;
    let text = match super::read_text(file) {
        Ok(text) => text,
        Err(problem) => return (None, vec![problem]),
    };
    let parsed = match found.source.as_str() {
        FOLLOWUP_FILE => data(text, file, options, Translated::Followup, |d| {
            &d.translated_from
        }),
        CALENDAR_FILE => data(text, file, options, Translated::Calendar, |d| {
            &d.translated_from
        }),
        BUSINESS_CASE_FILE => data(text, file, options, Translated::BusinessCase, |d| {
            &d.translated_from
        }),
        HANDOUTS_FILE => data(text, file, options, Translated::Handouts, |d| {
            &d.translated_from
        }),
        _ => page(&found.source, &text, &file.display, options),
    };
    match parsed {
        Ok((text, translated_from, problems)) => {
            let translation = Translation {
                source: found.source.clone(),
                language: found.language.clone(),
                file: file.display.clone(),
                translated_from,
                text,
            };
            (Some(translation), problems)
        }
        Err(problems) => (None, problems),
    }
}

/// What parsing one translation gives: its text, its valid `translated_from`, and the
/// problems that do not stop it from being shown.
type Parsed = Result<(Translated, Option<String>, Vec<Diagnostic>), Vec<Diagnostic>>;

/// A translated data file; its inline texts are rendered once, like the original's.
fn data<T: serde::de::DeserializeOwned + InlineTexts + 'static>(
    text: String,
    file: &SourceFile,
    options: &MarkdownOptions,
    wrap: fn(Data<T>) -> Translated,
    stamp: fn(&T) -> &Option<Checked<SourceHash>>,
) -> Parsed {
    let mut data: Data<T> = Data::parse(text, &file.display)?;
    let mut problems = render_texts(&mut data, options);
    let at = data.position_of(&[Step::Key("translated_from")]);
    let (translated_from, problem) = check_stamp(stamp(&data), &file.display, at);
    problems.extend(problem);
    Ok((wrap(data), translated_from, problems))
}

impl InlineTexts for FollowupTranslation {
    fn texts(&mut self) -> Vec<(Vec<Step<'static>>, &mut InlineText)> {
        let mut out = Vec::new();
        for (index, week) in self.weeks.iter_mut().enumerate() {
            if let Some(text) = &mut week.meeting {
                out.push((item_path("weeks", index, "meeting"), text));
            }
            if let Some(text) = &mut week.note {
                out.push((item_path("weeks", index, "note"), text));
            }
        }
        out
    }
}

impl InlineTexts for CalendarTranslation {
    fn texts(&mut self) -> Vec<(Vec<Step<'static>>, &mut InlineText)> {
        let activities = self.activities.iter_mut().enumerate();
        activities
            .filter_map(|(index, activity)| {
                let text = activity.description.as_mut()?;
                Some((item_path("activities", index, "description"), text))
            })
            .collect()
    }
}

impl InlineTexts for BusinessCaseTranslation {}
impl InlineTexts for HandoutsTranslation {}

/// A `translated_from` that is not a hash is an error; none at all is a warning (the
/// translation counts as outdated until it is stamped).
fn check_stamp(
    stamp: &Option<Checked<SourceHash>>,
    file: &str,
    at: Position,
) -> (Option<String>, Option<Diagnostic>) {
    match stamp {
        Some(Checked::Valid(hash)) => (Some(hash.0.clone()), None),
        Some(Checked::Invalid(text)) => (
            None,
            Some(
                Diagnostic::error(msg!("translation-stamp-invalid", text = text))
                    .in_file(file)
                    .at(at)
                    .hint(msg!("translation-stamp-invalid-hint", digits = HASH_LENGTH)),
            ),
        ),
        None => (
            None,
            Some(
                Diagnostic::warning(msg!("translation-stamp-missing"))
                    .in_file(file)
                    .at(Position::new(1, 1))
                    .hint(msg!("translation-stamp-missing-hint")),
            ),
        ),
    }
}

/// A translated Markdown page: its front matter (the texts a reader sees) and its body,
/// rendered once with its own heading ids.
fn page(source: &str, text: &str, file: &str, options: &MarkdownOptions) -> Parsed {
    let kind = PageKind::of(source).unwrap_or(PageKind::Plain);
    let origin = Origin {
        file,
        first_line: 2,
    };
    let (meta, front_yaml, body_start) =
        match split_front_matter(text).map_err(|d| vec![d.in_file(file)])? {
            Some((yaml_text, body_start, _)) => {
                let meta: TranslationMeta = yaml::parse(yaml_text, origin).map_err(|problems| {
                    problems
                        .into_iter()
                        .map(|d| explain_key(d, source, kind))
                        .collect::<Vec<_>>()
                })?;
                (meta, yaml_text.to_string(), body_start)
            }
            None => (TranslationMeta::default(), String::new(), 0),
        };
    let at = yaml::locate(&front_yaml, &[Step::Key("translated_from")], origin)
        .unwrap_or(Position::new(1, 1));
    let (translated_from, stamp_problem) = check_stamp(&meta.translated_from, file, at);
    let mut problems: Vec<Diagnostic> = stamp_problem.into_iter().collect();
    if kind != PageKind::Module {
        for key in ["duration", "format"] {
            let set = if key == "duration" {
                &meta.duration
            } else {
                &meta.format
            };
            if set.is_some() {
                let at = yaml::locate(&front_yaml, &[Step::KeyName(key)], origin)
                    .unwrap_or(Position::new(1, 1));
                problems.push(
                    Diagnostic::error(msg!("translation-fact-module-only", key = key))
                        .in_file(file)
                        .at(at)
                        .hint(msg!("translation-fact-module-only-hint")),
                );
            }
        }
    }
    // A wrong `translated_from` or fact is reported, and the translation still read: links
    // into it are then judged against its own headings, not reported a second time.
    let (body, markdown_problems) = markdown::render(text, body_start, file, options, &[]);
    problems.extend(markdown_problems);
    let translation = PageTranslation { meta, body };
    Ok((Translated::Page(translation), translated_from, problems))
}

/// Page keys that are not texts: a translation takes them from its source, so naming
/// one is explained as such.
const SOURCE_KEYS: [&str; 10] = [
    "weight",
    "draft",
    "locked",
    "modules",
    "audiences",
    "categories",
    "experiences",
    "handouts",
    "replace",
    "share",
];

fn explain_key(diagnostic: Diagnostic, source: &str, kind: PageKind) -> Diagnostic {
    let Some(key) = diagnostic
        .message
        .find("yaml-unknown-key")
        .and_then(|message| message.get_text("key"))
    else {
        return diagnostic;
    };
    let mut allowed = vec!["translated_from", "title", "summary", "extra"];
    if kind == PageKind::Module {
        allowed.extend(["duration", "format"]);
    }
    let hint = if SOURCE_KEYS.contains(&key) {
        msg!(
            "translation-source-key-hint",
            key = key,
            source = source,
            allowed = allowed.join(", ")
        )
    } else {
        yaml::suggest(key, &allowed)
    };
    let message = msg!("translation-unknown-key", key = key);
    Diagnostic {
        message,
        hint: Some(hint),
        ..diagnostic
    }
}

/// Checks every translation against its source: the source exists, it is not in the
/// handbook's own language, and the weeks, activities and segments it names exist.
pub fn check(tree: &Tree, handbook_language: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for translation in tree.translations.values() {
        if translation.language == handbook_language {
            problems.push(
                translation
                    .problem(msg!(
                        "translation-own-language",
                        language = &translation.language
                    ))
                    .hint(msg!("translation-own-language-hint")),
            );
            continue;
        }
        if !source_exists(tree, &translation.source) {
            if !tree.unreadable.contains(&translation.source) {
                problems.push(no_source(tree, translation));
            }
            continue;
        }
        match &translation.text {
            Translated::Followup(data) => problems.extend(check_weeks(tree, data)),
            Translated::Calendar(data) => problems.extend(check_activities(tree, data)),
            Translated::BusinessCase(data) => problems.extend(check_segments(tree, data)),
            Translated::Page(_) | Translated::Handouts(_) => {}
        }
    }
    if let Some(calendar) = &tree.calendar {
        problems.extend(duplicate_ids(calendar));
    }
    problems
}

fn source_exists(tree: &Tree, source: &str) -> bool {
    match source {
        FOLLOWUP_FILE => tree.followup.is_some(),
        CALENDAR_FILE => tree.calendar.is_some(),
        BUSINESS_CASE_FILE => tree.business_case.is_some(),
        HANDOUTS_FILE => tree.handout_index.is_some(),
        page => tree.pages.contains_key(page),
    }
}

fn no_source(tree: &Tree, translation: &Translation) -> Diagnostic {
    let hint = match super::nearest(&translation.source, tree.pages.keys()) {
        Some(path) => msg!(
            "translation-no-original-nearest-hint",
            path = path,
            name = file_name(path, &translation.language)
        ),
        None => msg!("translation-no-original-hint"),
    };
    translation
        .problem(msg!(
            "translation-no-original",
            language = &translation.language,
            source = &translation.source
        ))
        .hint(hint)
}

fn check_weeks(tree: &Tree, data: &Data<FollowupTranslation>) -> Vec<Diagnostic> {
    let Some(followup) = &tree.followup else {
        return Vec::new();
    };
    let known: BTreeSet<u32> = followup.weeks.iter().map(|w| w.week).collect();
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    for (index, week) in data.weeks.iter().enumerate() {
        let at = [Step::Key("weeks"), Step::Index(index), Step::Key("week")];
        if !known.contains(&week.week) {
            problems.push(
                data.error_at(&at, msg!("translation-no-week", week = week.week))
                    .hint(msg!(
                        "translation-no-week-hint",
                        file = &followup.file,
                        last = known.len()
                    )),
            );
        } else if !seen.insert(week.week) {
            problems.push(
                data.error_at(&at, msg!("translation-week-twice", week = week.week))
                    .hint(msg!("translation-week-twice-hint")),
            );
        }
    }
    problems
}

fn check_activities(tree: &Tree, data: &Data<CalendarTranslation>) -> Vec<Diagnostic> {
    let Some(calendar) = &tree.calendar else {
        return Vec::new();
    };
    let known: Vec<&str> = calendar
        .activities
        .iter()
        .filter_map(|a| a.id.as_deref())
        .collect();
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    for (index, activity) in data.activities.iter().enumerate() {
        let at = [Step::Key("activities"), Step::Index(index), Step::Key("id")];
        if !known.contains(&activity.id.as_str()) {
            let hint = if known.is_empty() {
                msg!("translation-activity-no-ids-hint", file = &calendar.file)
            } else {
                msg!(
                    "translation-activity-ids-hint",
                    suggestion = yaml::suggest(&activity.id, &known),
                    file = &calendar.file
                )
            };
            problems.push(
                data.error_at(&at, msg!("translation-no-activity", id = &activity.id))
                    .hint(hint),
            );
        } else if !seen.insert(activity.id.as_str()) {
            problems.push(
                data.error_at(&at, msg!("translation-activity-twice", id = &activity.id))
                    .hint(msg!("translation-activity-twice-hint")),
            );
        }
    }
    problems
}

fn check_segments(tree: &Tree, data: &Data<BusinessCaseTranslation>) -> Vec<Diagnostic> {
    let Some(case) = &tree.business_case else {
        return Vec::new();
    };
    let count = case.segments.len();
    data.segments
        .iter()
        .enumerate()
        .skip(count)
        .take(1)
        .map(|(index, _)| {
            data.error_at(
                &[Step::Key("segments"), Step::Index(index)],
                msg!("translation-segments-past", count = count),
            )
            .hint(msg!("translation-segments-past-hint", file = &case.file))
        })
        .collect()
}

/// Activity ids are how translations find their activity: each is used once.
fn duplicate_ids(calendar: &Data<super::programme::Calendar>) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for (index, activity) in calendar.activities.iter().enumerate() {
        let Some(id) = activity.id.as_deref() else {
            continue;
        };
        if let Some(first) = seen.insert(id, index) {
            let line = calendar
                .position_of(&[Step::Key("activities"), Step::Index(first)])
                .line;
            problems.push(
                calendar
                    .error_at(
                        &[Step::Key("activities"), Step::Index(index), Step::Key("id")],
                        msg!("translation-activity-id-twice", id = id, line = line),
                    )
                    .hint(msg!("translation-activity-id-twice-hint")),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests;
