//! Load: the first stage. Reads `handbook.yaml` and every file under `content/` once,
//! parses front matter, Markdown and programme data, and hands the resolve stage one
//! immutable `Handbook`: the shared tree plus each division's overlay.

pub mod approval;
mod checks;
pub mod division;
pub mod handouts;
pub mod page;
pub mod programme;
pub mod translation;
mod walk;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::MarkdownOptions;
use crate::messages::msg;
use crate::source::{FILE_LIMIT, Snapshot, TEXT_LIMIT};
use crate::yaml::Data;
pub use checks::{
    experience_number, experience_numbers, nearest, page_references, shared as check_shared,
    suggest_path,
};
use division::{DIVISION_FILE, DivisionConfig};
use page::{Owner, Page};
use programme::{BusinessCase, Calendar, Followup, FollowupNotes, LocalActivities};
use translation::{Translation, TranslationFile};
use walk::SourceFile;
pub use walk::{fingerprint, is_ignored, newest_change};

pub const CONTENT_DIR: &str = "content";
pub const DIVISIONS_DIR: &str = "divisions";
pub const HANDOUTS_DIR: &str = "handouts";
pub const FOLLOWUP_FILE: &str = "followup.yaml";
pub const CALENDAR_FILE: &str = "calendar.yaml";
pub const BUSINESS_CASE_FILE: &str = "business-case.yaml";
/// The handouts' titles and descriptions (read by the handouts' own module; translated
/// as `handouts/handouts.<L>.yaml`).
pub const HANDOUTS_FILE: &str = "handouts/handouts.yaml";

/// Everything under `content/`, parsed once.
#[derive(Debug)]
pub struct Handbook {
    pub root: PathBuf,
    /// `handbook.yaml`, with its text for pointing at its lines.
    pub config: Data<Config>,
    pub shared: Tree,
    pub divisions: Vec<Division>,
}

/// The shared content.
#[derive(Debug, Default)]
pub struct Tree {
    /// By path relative to `content/` (`experiences/03-x.md`, `modules/_index.md`).
    pub pages: BTreeMap<String, Page>,
    pub followup: Option<Data<Followup>>,
    pub calendar: Option<Data<Calendar>>,
    pub business_case: Option<Data<BusinessCase>>,
    /// `handouts/handouts.yaml`: handout titles and descriptions.
    pub handout_index: Option<handouts::HandoutIndex>,
    /// HR's approvals of the divisions' local items (`approvals.yaml`).
    pub approvals: Option<Data<Vec<approval::Approval>>>,
    /// Handouts and other files copied as they are, by path relative to `content/`.
    pub files: BTreeMap<String, StaticFile>,
    /// Files that exist but could not be read (their errors are reported): links to
    /// them are not reported again as leading nowhere.
    pub unreadable: BTreeSet<String>,
    /// Translations of the files above, by (source path, language): parsed once, shown
    /// to every division of that language.
    pub translations: BTreeMap<(String, String), Translation>,
    /// The hash of each source file that has a translation, from its bytes at load
    /// (see `translation::source_hash`).
    pub hashes: BTreeMap<String, String>,
}

/// A file that is copied to the output as it is: a handout, an image.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Position in the (merged) tree, relative to `content/`.
    pub path: String,
    /// Relative to the handbook root, for diagnostics.
    pub file: String,
    /// The real path (symlinks resolved), checked when loaded: inside the handbook, a
    /// regular file of `size` bytes. It is checked again when it is copied.
    pub absolute: PathBuf,
    pub size: u64,
}

impl StaticFile {
    /// What the output copies: this file, as it was when loaded.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            path: self.absolute.clone(),
            size: self.size,
        }
    }
}

/// One division's folder: its settings and its overlay of the shared tree.
#[derive(Debug)]
pub struct Division {
    pub id: String,
    pub config: Data<DivisionConfig>,
    /// By the position the file takes in the merged tree (`experiences/03-x.md`).
    pub pages: BTreeMap<String, Page>,
    pub followup_notes: Option<Data<FollowupNotes>>,
    pub activities: Option<Data<LocalActivities>>,
    pub business_case: Option<Data<BusinessCase>>,
    pub handout_index: Option<handouts::HandoutIndex>,
    pub files: BTreeMap<String, StaticFile>,
    /// As `Tree::unreadable`, by position in the merged tree.
    pub unreadable: BTreeSet<String>,
}

impl Division {
    pub fn name(&self) -> &str {
        &self.config.value.name
    }
}

fn read_text(source: &SourceFile) -> Result<String, Diagnostic> {
    if let Some(text) = &source.text {
        return Ok(text.clone());
    }
    let bytes = crate::source::read_source(&source.absolute, &source.root, TEXT_LIMIT)
        .map_err(|problem| problem.diagnostic(&source.display))?;
    crate::source::decode(&bytes, &source.display)
}

/// Loads the handbook at `root`. Problems in single files are collected; the files that
/// could be read are still returned so that one run reports everything.
pub fn load(root: &Path, config: Data<Config>, diagnostics: &mut Diagnostics) -> Handbook {
    let handbook = load_files(root, config, diagnostics);
    diagnostics.extend(checks::shared(&handbook));
    handbook
}

/// `load` without the checks across files (`check_shared`): what the files themselves
/// say, for a preview that keeps it while it makes those checks again after each edit.
pub fn load_files(root: &Path, config: Data<Config>, diagnostics: &mut Diagnostics) -> Handbook {
    let content_dir = root.join(CONTENT_DIR);
    let (files, problems) = walk::source_files(root, &content_dir);
    diagnostics.extend(problems);
    assemble(root, config, files, diagnostics)
}

/// A handbook from texts in memory: `handbook.yaml` and files by their path under
/// `content/`. For tests of the later stages, which need no disk.
pub fn from_texts(config: &str, files: &[(&str, &str)]) -> (Handbook, Vec<Diagnostic>) {
    let mut diagnostics = Diagnostics::new();
    let config = crate::config::parse(config.as_bytes()).unwrap_or_else(|problem| {
        if let crate::config::ConfigError::Invalid(problem) = problem {
            diagnostics.extend(problem);
        }
        Config::fallback()
    });
    let root = Path::new("");
    let sources = files
        .iter()
        .map(|(path, text)| SourceFile {
            path: path.to_string(),
            display: format!("{CONTENT_DIR}/{path}"),
            absolute: root.join(CONTENT_DIR).join(path),
            root: root.to_path_buf(),
            text: Some(text.to_string()),
        })
        .collect();
    let handbook = assemble(root, config, sources, &mut diagnostics);
    diagnostics.extend(checks::shared(&handbook));
    (handbook, diagnostics.into_sorted())
}

/// Parses the files found under `content/` into the shared tree and the divisions.
fn assemble(
    root: &Path,
    config: Data<Config>,
    files: Vec<SourceFile>,
    diagnostics: &mut Diagnostics,
) -> Handbook {
    let options = MarkdownOptions {
        raw_html: config.raw_html,
    };
    let (shared_files, division_files) = split_by_owner(files, diagnostics);
    let shared = load_tree(shared_files, &options, diagnostics);
    let divisions = division_files
        .into_iter()
        .filter_map(|(id, files)| load_division(&id, files, &shared, &options, diagnostics))
        .collect();
    Handbook {
        root: root.to_path_buf(),
        config,
        shared,
        divisions,
    }
}

/// What a reloaded page can change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reloaded {
    pub scope: Scope,
    /// Only the page's own text changed (front matter and heading ids are the same) and
    /// it is shown on a page of its own, so only that page (and the print page) needs
    /// rendering again.
    pub text_only: bool,
    /// Besides, every file reloaded links to the same places as before (`Page::same_links`).
    pub links_unchanged: bool,
    /// The files read again (as diagnostics name them: `content/...`): the page, and for
    /// a shared page the divisions' pages at its place, whose heading ids depend on it.
    pub files: Vec<String>,
}

/// Which sites a reloaded page can change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// A shared page (or a story a division shares): every division's site.
    Everyone,
    /// A division's own page: that division's site only.
    Division(String),
}

/// Re-reads one Markdown file that the handbook already has (an edit, not a new or
/// removed file) and puts the new version in its place (the caller runs
/// `check_shared` again when it has reloaded what it needs). A shared page's local sections
/// are re-read too, since their heading ids depend on the shared page's. `None` when the
/// file is not a known page: the caller must load everything again.
pub fn reload_page(
    handbook: &mut Handbook,
    content_path: &str,
    diagnostics: &mut Diagnostics,
) -> Option<Reloaded> {
    let options = MarkdownOptions {
        raw_html: handbook.config.raw_html,
    };
    let source = source_file(&handbook.root, content_path);
    match content_path
        .strip_prefix("divisions/")
        .and_then(|rest| rest.split_once('/'))
    {
        Some((id, position)) => {
            let division = handbook.divisions.iter_mut().find(|d| d.id == id)?;
            let language = division.config.language.as_deref();
            let reserved = reserved_ids(&handbook.shared, position, language);
            let old = division.pages.get(position)?;
            let was_shared_story = old.is_shared_story();
            let file = SourceFile {
                path: position.to_string(),
                ..source
            };
            let (page, problems) = load_page(&file, Owner::Division, &options, &reserved);
            diagnostics.extend(problems.into_iter().map(|d| d.for_division(id)));
            let page = page?;
            let scope = if was_shared_story || page.is_shared_story() {
                Scope::Everyone
            } else {
                Scope::Division(id.to_string())
            };
            let (text_only, links_unchanged) = (text_only(old, &page), old.same_links(&page));
            division.pages.insert(position.to_string(), page);
            Some(Reloaded {
                scope,
                text_only,
                links_unchanged,
                files: vec![file.display],
            })
        }
        None => {
            let old = handbook.shared.pages.get(content_path)?;
            let (page, problems) = load_page(&source, Owner::Shared, &options, &[]);
            diagnostics.extend(problems);
            let page = page?;
            let text_only = text_only(old, &page);
            let mut links_unchanged = old.same_links(&page);
            let mut files = vec![source.display.clone()];
            handbook.shared.pages.insert(content_path.to_string(), page);
            rehash(&mut handbook.shared, &source);
            for division in &mut handbook.divisions {
                if division.pages.contains_key(content_path) {
                    let file = SourceFile {
                        path: content_path.to_string(),
                        ..source_file(
                            &handbook.root,
                            &format!("divisions/{}/{content_path}", division.id),
                        )
                    };
                    let language = division.config.language.as_deref();
                    let reserved = reserved_ids(&handbook.shared, content_path, language);
                    let (page, problems) = load_page(&file, Owner::Division, &options, &reserved);
                    diagnostics.extend(problems.into_iter().map(|d| d.for_division(&division.id)));
                    files.push(file.display);
                    let page = page?;
                    let old = division.pages.insert(content_path.to_string(), page);
                    let new = &division.pages[content_path];
                    links_unchanged &= old.is_some_and(|old| old.same_links(new));
                }
            }
            Some(Reloaded {
                scope: Scope::Everyone,
                text_only,
                links_unchanged,
                files,
            })
        }
    }
}

/// Whether an edit from `old` to `new` changed only what `new`'s own page shows: the
/// same outline, and not the text of a front, section or audience page, which generated
/// pages show (the front page, a section's list, an audience's modules).
fn text_only(old: &Page, new: &Page) -> bool {
    old.same_outline(new) && !new.kind.introduces_generated()
}

/// A reloaded source's translations are judged against the file as it is now.
fn rehash(tree: &mut Tree, source: &SourceFile) {
    if !tree.hashes.contains_key(&source.path) {
        return;
    }
    match translation::hash_file(source) {
        Some(hash) => tree.hashes.insert(source.path.clone(), hash),
        None => tree.hashes.remove(&source.path),
    };
}

/// The heading ids of the shared page at `path`, which a local section must not reuse:
/// the original's, and those of its translation into the division's `language`.
fn reserved_ids<'a>(shared: &'a Tree, path: &str, language: Option<&str>) -> Vec<&'a str> {
    let original = shared.pages.get(path).map(|p| &p.body);
    let translated = language
        .and_then(|language| shared.translation(path, language))
        .and_then(Translation::page)
        .map(|t| &t.body);
    original
        .into_iter()
        .chain(translated)
        .flat_map(|body| body.ids())
        .collect()
}

fn source_file(root: &Path, content_path: &str) -> SourceFile {
    let absolute = root.join(CONTENT_DIR).join(content_path);
    SourceFile {
        path: content_path.to_string(),
        display: crate::diagnostics::display_path(root, &absolute),
        absolute,
        root: root.to_path_buf(),
        text: None,
    }
}

/// Separates the shared files from each division's, by `divisions/<id>/`.
fn split_by_owner(
    files: Vec<SourceFile>,
    diagnostics: &mut Diagnostics,
) -> (Vec<SourceFile>, BTreeMap<String, Vec<SourceFile>>) {
    let mut shared = Vec::new();
    let mut divisions: BTreeMap<String, Vec<SourceFile>> = BTreeMap::new();
    for mut file in files {
        let Some(rest) = file.path.strip_prefix("divisions/") else {
            shared.push(file);
            continue;
        };
        let Some((id, inner)) = rest.split_once('/') else {
            diagnostics.push(
                Diagnostic::error(msg!("division-loose-file"))
                    .in_file(&file.display)
                    .hint(msg!("division-loose-file-hint")),
            );
            continue;
        };
        if !division::is_valid_id(id) {
            diagnostics.push(
                Diagnostic::error(msg!("division-invalid-id", id = id))
                    .in_file(format!("content/divisions/{id}"))
                    .hint(msg!("division-invalid-id-hint")),
            );
            continue;
        }
        let id = id.to_string();
        file.path = inner.to_string();
        divisions.entry(id).or_default().push(file);
    }
    // A division folder reported as invalid once, not once per file.
    diagnostics_dedup(diagnostics);
    (shared, divisions)
}

fn diagnostics_dedup(diagnostics: &mut Diagnostics) {
    let items: Vec<Diagnostic> = std::mem::take(diagnostics).into_sorted();
    diagnostics.extend(items);
}

/// What a file under `content/` is, by its path.
enum FileRole {
    /// `<path>.<language>.md`, `followup.<language>.yaml`, ...: never a page of its own.
    Translation {
        source: String,
        language: String,
    },
    Page,
    HandoutIndex,
    Followup,
    Calendar,
    BusinessCase,
    DivisionConfig,
    Approvals,
    UnusedYaml,
    Static,
}

fn role(path: &str, in_division: bool) -> FileRole {
    if let Some((source, language)) = translation::split(path) {
        return FileRole::Translation { source, language };
    }
    match path {
        FOLLOWUP_FILE => FileRole::Followup,
        CALENDAR_FILE => FileRole::Calendar,
        BUSINESS_CASE_FILE => FileRole::BusinessCase,
        DIVISION_FILE if in_division => FileRole::DivisionConfig,
        handouts::HANDOUTS_INDEX => FileRole::HandoutIndex,
        approval::APPROVALS_FILE if !in_division => FileRole::Approvals,
        // Handouts can be Markdown files too; only the folder's introduction is a page.
        _ if path.ends_with(".md")
            && (!path.starts_with("handouts/") || path == "handouts/_index.md") =>
        {
            FileRole::Page
        }
        _ if (path.ends_with(".yaml") || path.ends_with(".yml"))
            && !path.starts_with("handouts/") =>
        {
            FileRole::UnusedYaml
        }
        _ => FileRole::Static,
    }
}

fn load_tree(
    files: Vec<SourceFile>,
    options: &MarkdownOptions,
    diagnostics: &mut Diagnostics,
) -> Tree {
    let mut tree = Tree::default();
    let mut page_files = Vec::new();
    let mut translation_files = Vec::new();
    let sources = translated_sources(&files);
    for file in files {
        match role(&file.path, false) {
            FileRole::Translation { source, language } => {
                translation_files.push(TranslationFile {
                    file,
                    source,
                    language,
                });
            }
            FileRole::Page => page_files.push(file),
            FileRole::Followup => {
                tree.followup = load_texts(&file, &mut tree.unreadable, options, diagnostics)
            }
            FileRole::Calendar => {
                tree.calendar = load_texts(&file, &mut tree.unreadable, options, diagnostics)
            }
            FileRole::BusinessCase => {
                tree.business_case = load_data(&file, &mut tree.unreadable, diagnostics)
            }
            FileRole::HandoutIndex => {
                tree.handout_index = load_data(&file, &mut tree.unreadable, diagnostics)
            }
            FileRole::Approvals => tree.approvals = load_approvals(&file, diagnostics),
            FileRole::UnusedYaml | FileRole::DivisionConfig => diagnostics.push(unused_yaml(&file)),
            FileRole::Static => add_static(&mut tree.files, file, diagnostics),
        }
    }
    let parsed: Vec<_> = page_files
        .par_iter()
        .map(|file| load_page(file, Owner::Shared, options, &[]))
        .collect();
    for (file, (page, problems)) in page_files.iter().zip(parsed) {
        diagnostics.extend(problems);
        match page {
            Some(page) => {
                tree.pages.insert(page.path.clone(), page);
            }
            None => {
                tree.unreadable.insert(file.path.clone());
            }
        }
    }
    let loaded = translation::load(&translation_files, options);
    diagnostics.extend(loaded.problems);
    tree.translations = loaded.translations;
    tree.unreadable.extend(loaded.unreadable);
    tree.hashes = translation::hashes(&sources);
    tree
}

/// The files that have a translation: they get their hash, from their bytes.
fn translated_sources(files: &[SourceFile]) -> Vec<SourceFile> {
    let translated: BTreeSet<String> = files
        .iter()
        .filter_map(|f| translation::split(&f.path).map(|(source, _)| source))
        .collect();
    files
        .iter()
        .filter(|f| translated.contains(&f.path))
        .cloned()
        .collect()
}

/// A division writes its own files in its own language; only shared files are translated.
fn division_translation(file: &SourceFile, source: &str) -> Diagnostic {
    Diagnostic::error(msg!("translation-division-own"))
        .in_file(&file.display)
        .hint(msg!(
            "translation-division-own-hint",
            source = source,
            path = &file.path
        ))
}

fn unused_yaml(file: &SourceFile) -> Diagnostic {
    Diagnostic::warning(msg!("content-unused-yaml"))
        .in_file(&file.display)
        .hint(msg!("content-unused-yaml-hint"))
}

fn load_data<T: serde::de::DeserializeOwned + 'static>(
    file: &SourceFile,
    unreadable: &mut BTreeSet<String>,
    diagnostics: &mut Diagnostics,
) -> Option<Data<T>> {
    let parsed = read_text(file)
        .map_err(|problem| vec![problem])
        .and_then(|text| Data::parse(text, &file.display));
    match parsed {
        Ok(data) => Some(data),
        Err(problems) => {
            diagnostics.extend(problems);
            unreadable.insert(file.path.clone());
            None
        }
    }
}

fn load_approvals(
    file: &SourceFile,
    diagnostics: &mut Diagnostics,
) -> Option<Data<Vec<approval::Approval>>> {
    let parsed = read_text(file)
        .map_err(|problem| vec![problem])
        .and_then(|text| approval::parse(text, &file.display));
    parsed.map_err(|problems| diagnostics.extend(problems)).ok()
}

/// A data file with inline Markdown texts: parsed, then each text rendered once.
fn load_texts<T: serde::de::DeserializeOwned + programme::InlineTexts + 'static>(
    file: &SourceFile,
    unreadable: &mut BTreeSet<String>,
    options: &MarkdownOptions,
    diagnostics: &mut Diagnostics,
) -> Option<Data<T>> {
    let mut data = load_data(file, unreadable, diagnostics)?;
    diagnostics.extend(programme::render_texts(&mut data, options));
    Some(data)
}

fn add_static(
    files: &mut BTreeMap<String, StaticFile>,
    file: SourceFile,
    diagnostics: &mut Diagnostics,
) {
    // Files given in memory (tests of the later stages) are never copied.
    let snapshot = match &file.text {
        Some(text) => Ok(Snapshot {
            path: file.absolute.clone(),
            size: text.len() as u64,
        }),
        None => Snapshot::take(&file.absolute, &file.root, FILE_LIMIT),
    };
    match snapshot {
        Ok(snapshot) => {
            files.insert(
                file.path.clone(),
                StaticFile {
                    path: file.path,
                    file: file.display,
                    absolute: snapshot.path,
                    size: snapshot.size,
                },
            );
        }
        Err(problem) => diagnostics.push(problem.diagnostic(&file.display)),
    }
}

fn load_page(
    file: &SourceFile,
    owner: Owner,
    options: &MarkdownOptions,
    reserved_ids: &[&str],
) -> (Option<Page>, Vec<Diagnostic>) {
    let text = match read_text(file) {
        Ok(text) => text,
        Err(problem) => return (None, vec![problem]),
    };
    match page::parse(
        &file.path,
        &file.display,
        &text,
        owner,
        options,
        reserved_ids,
    ) {
        Ok((page, problems)) => (Some(page), problems),
        Err(problems) => (None, problems),
    }
}

fn load_division(
    id: &str,
    files: Vec<SourceFile>,
    shared: &Tree,
    options: &MarkdownOptions,
    diagnostics: &mut Diagnostics,
) -> Option<Division> {
    let config_file = files.iter().find(|f| f.path == DIVISION_FILE);
    let Some(config_file) = config_file else {
        diagnostics.push(
            Diagnostic::error(msg!("division-no-config", id = id, file = DIVISION_FILE))
                .in_file(format!("content/divisions/{id}"))
                .hint(msg!(
                    "division-no-config-hint",
                    id = id,
                    file = DIVISION_FILE
                )),
        );
        return None;
    };
    // A broken division.yaml is reported; the division's other files are still checked.
    let config: Data<DivisionConfig> = load_data(config_file, &mut BTreeSet::new(), diagnostics)
        .unwrap_or_else(|| Data::stand_in(DivisionConfig::stand_in(id), &config_file.display));
    let language = config.language.clone();
    let language = language.as_deref();
    let mut division = Division {
        id: id.to_string(),
        config,
        pages: BTreeMap::new(),
        followup_notes: None,
        activities: None,
        business_case: None,
        handout_index: None,
        files: BTreeMap::new(),
        unreadable: BTreeSet::new(),
    };
    let mut page_files = Vec::new();
    for file in files {
        match role(&file.path, true) {
            FileRole::Page => page_files.push(file),
            FileRole::Followup => {
                division.followup_notes =
                    load_texts(&file, &mut division.unreadable, options, diagnostics)
            }
            FileRole::Calendar => {
                division.activities =
                    load_texts(&file, &mut division.unreadable, options, diagnostics)
            }
            FileRole::BusinessCase => {
                division.business_case = load_data(&file, &mut division.unreadable, diagnostics)
            }
            FileRole::HandoutIndex => {
                division.handout_index = load_data(&file, &mut division.unreadable, diagnostics)
            }
            FileRole::Translation { source, .. } => {
                diagnostics.push(division_translation(&file, &source).for_division(id));
            }
            FileRole::DivisionConfig | FileRole::Approvals => {}
            FileRole::UnusedYaml => diagnostics.push(unused_yaml(&file)),
            FileRole::Static => add_static(&mut division.files, file, diagnostics),
        }
    }
    load_division_pages(
        &mut division,
        &page_files,
        (shared, language),
        options,
        diagnostics,
    );
    Some(division)
}

/// A division's pages, parsed in parallel; `shared` and the division's `language` tell
/// which heading ids a local section must not reuse.
fn load_division_pages(
    division: &mut Division,
    page_files: &[SourceFile],
    (shared, language): (&Tree, Option<&str>),
    options: &MarkdownOptions,
    diagnostics: &mut Diagnostics,
) {
    let parsed: Vec<_> = page_files
        .par_iter()
        .map(|file| {
            // A local section continues a shared page: its headings must not reuse that page's ids.
            let reserved = reserved_ids(shared, &file.path, language);
            load_page(file, Owner::Division, options, &reserved)
        })
        .collect();
    for (file, (page, problems)) in page_files.iter().zip(parsed) {
        diagnostics.extend(problems.into_iter().map(|d| d.for_division(&division.id)));
        match page {
            Some(page) => {
                division.pages.insert(page.path.clone(), page);
            }
            None => {
                division.unreadable.insert(file.path.clone());
            }
        }
    }
}
