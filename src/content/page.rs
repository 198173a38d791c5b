//! Pages: a Markdown file's front matter, its kind (from where it sits) and its body.

use serde::{Deserialize, Serialize};

use jiff::civil::Date;

use crate::diagnostics::{Diagnostic, Position};
use crate::markdown::{self, Document, MarkdownOptions};
use crate::messages::{Message, msg};
use crate::yaml::{self, Checked, Origin, Step};

/// What a page is, decided by where its file sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case", tag = "type", content = "number")]
pub enum PageKind {
    /// `index.md`: the front page.
    Front,
    /// `<folder>/_index.md`: the introduction of a section page.
    Section,
    /// `experiences/NN-slug.md`.
    Experience(u32),
    /// `modules/<id>.md`.
    Module,
    /// `stories/<name>.md`: a best-practice story.
    Story,
    /// `audiences/<audience>.md`: HR's introduction on the page of that audience.
    Audience(Audience),
    /// Any other Markdown file.
    Plain,
}

impl PageKind {
    /// The kind of the page at `path` (relative to the content root), or a problem with
    /// its name.
    pub fn of(path: &str) -> Result<PageKind, Message> {
        let (folder, file) = path.rsplit_once('/').unwrap_or(("", path));
        if path == "index.md" {
            return Ok(PageKind::Front);
        }
        if file == "_index.md" {
            return Ok(PageKind::Section);
        }
        match folder {
            "experiences" => experience_number(file).map(PageKind::Experience),
            "modules" => Ok(PageKind::Module),
            "stories" => Ok(PageKind::Story),
            AUDIENCES_DIR => audience_of(file).map(PageKind::Audience),
            _ => Ok(PageKind::Plain),
        }
    }

    /// A page shown as the text of a page handbook makes (the front page, a folder's
    /// page, an audience's page), never on its own.
    pub fn introduces_generated(self) -> bool {
        matches!(
            self,
            PageKind::Front | PageKind::Section | PageKind::Audience(_)
        )
    }

    /// How to fix a file whose name `of` refused.
    pub fn naming_hint(path: &str) -> Message {
        match path.split_once('/') {
            Some((AUDIENCES_DIR, _)) => msg!(
                "page-name-audience-hint",
                files = Audience::ALL
                    .iter()
                    .map(|a| format!("`{}.md`", a.id()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            _ => msg!("page-name-experience-hint"),
        }
    }

    /// The front-matter keys this kind of page accepts besides the common ones.
    fn own_keys(self) -> &'static [&'static str] {
        match self {
            PageKind::Experience(_) => &["modules"],
            PageKind::Module => &[
                "audiences",
                "categories",
                "duration",
                "format",
                "experiences",
                "handouts",
            ],
            _ => &[],
        }
    }

    fn name(self) -> Message {
        match self {
            PageKind::Front => msg!("page-kind-front"),
            PageKind::Section => msg!("page-kind-section"),
            PageKind::Experience(_) => msg!("page-kind-experience"),
            PageKind::Module => msg!("page-kind-module"),
            PageKind::Story => msg!("page-kind-story"),
            PageKind::Audience(_) => msg!("page-kind-audience"),
            PageKind::Plain => msg!("page-kind-plain"),
        }
    }
}

/// The folder of the audiences' introductions (`audiences/trainers.md`).
pub const AUDIENCES_DIR: &str = "audiences";

/// The audience an introduction in `audiences/` is for, by its file name.
fn audience_of(file: &str) -> Result<Audience, Message> {
    let stem = file.strip_suffix(".md").unwrap_or(file);
    Audience::ALL
        .into_iter()
        .find(|a| a.id() == stem)
        .ok_or_else(|| {
            let ids: Vec<&str> = Audience::ALL.iter().map(|a| a.id()).collect();
            let nearest = crate::yaml::suggest(stem, &ids);
            msg!("page-no-audience", file = file, suggestion = nearest)
        })
}

fn experience_number(file: &str) -> Result<u32, Message> {
    let digits: String = file.chars().take_while(char::is_ascii_digit).collect();
    let rest = &file[digits.len()..];
    match digits.parse::<u32>() {
        Ok(number) if rest.starts_with('-') || rest == ".md" => Ok(number),
        _ => Err(msg!("page-experience-name", file = file)),
    }
}

/// The audiences a module is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    TopManagement,
    FunctionManagers,
    FrontlineManagers,
    Employees,
    Trainers,
}

impl Audience {
    pub const ALL: [Audience; 5] = [
        Audience::TopManagement,
        Audience::FunctionManagers,
        Audience::FrontlineManagers,
        Audience::Employees,
        Audience::Trainers,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Audience::TopManagement => "top-management",
            Audience::FunctionManagers => "function-managers",
            Audience::FrontlineManagers => "frontline-managers",
            Audience::Employees => "employees",
            Audience::Trainers => "trainers",
        }
    }

    /// The theme's label for the audience's name.
    pub fn label(self) -> &'static str {
        match self {
            Audience::TopManagement => "audience_top-management",
            Audience::FunctionManagers => "audience_function-managers",
            Audience::FrontlineManagers => "audience_frontline-managers",
            Audience::Employees => "audience_employees",
            Audience::Trainers => "audience_trainers",
        }
    }
}

/// The four content categories of the training.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Attitudes,
    Skills,
    CustomerInsight,
    InternalRelations,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::Attitudes,
        Category::Skills,
        Category::CustomerInsight,
        Category::InternalRelations,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Category::Attitudes => "attitudes",
            Category::Skills => "skills",
            Category::CustomerInsight => "customer-insight",
            Category::InternalRelations => "internal-relations",
        }
    }
}

/// Every front-matter key of every kind of page; which keys a page may use is checked
/// after parsing, so that `modules:` on a plain page gets its own message.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub weight: Option<i64>,
    pub draft: Option<bool>,
    pub locked: Option<bool>,
    /// Who answers for a shared page's content (HR's governance, see `review`).
    pub owner: Option<String>,
    /// When a shared page is next due for review (`YYYY-MM-DD`).
    pub review_by: Option<Checked<Date>>,
    pub replace: Option<bool>,
    pub share: Option<bool>,
    pub modules: Option<Vec<String>>,
    pub audiences: Option<Vec<Audience>>,
    pub categories: Option<Vec<Category>>,
    pub duration: Option<String>,
    pub format: Option<String>,
    pub experiences: Option<Vec<u32>>,
    pub handouts: Option<Vec<String>>,
    pub extra: Option<serde_json::Map<String, serde_json::Value>>,
}

impl FrontMatter {
    /// Every key, in declaration order.
    const KEYS: [&'static str; 17] = [
        "title",
        "summary",
        "weight",
        "draft",
        "locked",
        "owner",
        "review_by",
        "replace",
        "share",
        "modules",
        "audiences",
        "categories",
        "duration",
        "format",
        "experiences",
        "handouts",
        "extra",
    ];

    /// The keys that are set, in declaration order.
    fn present_keys(&self) -> Vec<&'static str> {
        let flags = [
            ("title", self.title.is_some()),
            ("summary", self.summary.is_some()),
            ("weight", self.weight.is_some()),
            ("draft", self.draft.is_some()),
            ("locked", self.locked.is_some()),
            ("owner", self.owner.is_some()),
            ("review_by", self.review_by.is_some()),
            ("replace", self.replace.is_some()),
            ("share", self.share.is_some()),
            ("modules", self.modules.is_some()),
            ("audiences", self.audiences.is_some()),
            ("categories", self.categories.is_some()),
            ("duration", self.duration.is_some()),
            ("format", self.format.is_some()),
            ("experiences", self.experiences.is_some()),
            ("handouts", self.handouts.is_some()),
            ("extra", self.extra.is_some()),
        ];
        flags
            .into_iter()
            .filter(|(_, set)| *set)
            .map(|(key, _)| key)
            .collect()
    }
}

const COMMON_KEYS: [&str; 5] = ["title", "summary", "weight", "draft", "extra"];

/// Keys only HR's shared pages may use: a division cannot lock, own or date a page.
const SHARED_ONLY_KEYS: [&str; 3] = ["locked", "owner", "review_by"];

/// Who wrote a page: HR (shared) or a division (its overlay).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Shared,
    Division,
}

/// A Markdown file, parsed.
#[derive(Debug)]
pub struct Page {
    /// Position in the (merged) content tree: `experiences/03-x.md`.
    pub path: String,
    /// The source file, relative to the handbook root.
    pub file: String,
    pub kind: PageKind,
    pub meta: FrontMatter,
    pub body: Document,
    /// The front matter's YAML and the line it starts on, to point at keys in later checks.
    front_yaml: String,
    front_line: usize,
}

impl Page {
    /// Whether `other` differs from this page only in its text: same front matter, same
    /// heading ids. Then no other page's navigation, lists or links can change.
    pub fn same_outline(&self, other: &Page) -> bool {
        self.meta == other.meta && self.body.ids().eq(other.body.ids())
    }

    /// Whether `other` has the same outline and links to the same places, in the same
    /// order (where in the text they are may differ): then every link of every site
    /// resolves as it did, and finds the same problems.
    pub fn same_links(&self, other: &Page) -> bool {
        fn targets(page: &Page) -> impl Iterator<Item = (&str, bool)> {
            let links = page.body.links.iter();
            links.map(|link| (link.destination.as_str(), link.is_image))
        }
        self.same_outline(other) && targets(self).eq(targets(other))
    }

    pub fn title(&self) -> Option<&str> {
        self.meta.title.as_deref()
    }

    pub fn is_draft(&self) -> bool {
        self.meta.draft.unwrap_or(false)
    }

    pub fn is_locked(&self) -> bool {
        self.meta.locked.unwrap_or(false)
    }

    pub fn replaces(&self) -> bool {
        self.meta.replace.unwrap_or(false)
    }

    pub fn is_shared_story(&self) -> bool {
        self.meta.share.unwrap_or(false)
    }

    pub fn weight(&self) -> i64 {
        self.meta.weight.unwrap_or(0)
    }

    /// Where a front-matter value sits in the file (`handouts`, 2 -> the third handout).
    pub fn position_of(&self, path: &[Step]) -> Position {
        let origin = Origin {
            file: &self.file,
            first_line: self.front_line,
        };
        yaml::locate(&self.front_yaml, path, origin).unwrap_or(Position::new(1, 1))
    }

    /// A diagnostic about a front-matter value of this page.
    pub fn problem_at(&self, path: &[Step], message: impl Into<Message>) -> Diagnostic {
        Diagnostic::error(message)
            .in_file(&self.file)
            .at(self.position_of(path))
    }
}

/// Splits a Markdown text into its front matter (YAML, first line number) and body
/// (with the byte offset at which it starts).
pub fn split_front_matter(text: &str) -> Result<Option<(&str, usize, usize)>, Diagnostic> {
    let Some(after_open) = text.strip_prefix("---") else {
        return Ok(None);
    };
    let Some(after_open) = after_open.strip_prefix('\n').or_else(|| {
        after_open
            .trim_start_matches([' ', '\t'])
            .strip_prefix('\n')
    }) else {
        return Ok(None);
    };
    let yaml_start = text.len() - after_open.len();
    let mut offset = yaml_start;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &text[yaml_start..offset];
            let body_start = offset + line.len();
            return Ok(Some((yaml, body_start, 2)));
        }
        offset += line.len();
    }
    Err(Diagnostic::error(msg!("page-front-matter-open"))
        .at(Position::new(1, 1))
        .hint(msg!("page-front-matter-open-hint")))
}

/// Parses one Markdown file into a page, or the problems that stop it from being one.
pub fn parse(
    path: &str,
    file: &str,
    text: &str,
    owner: Owner,
    options: &MarkdownOptions,
    reserved_ids: &[&str],
) -> Result<(Page, Vec<Diagnostic>), Vec<Diagnostic>> {
    let kind = PageKind::of(path).map_err(|message| {
        vec![
            Diagnostic::error(message)
                .in_file(file)
                .hint(PageKind::naming_hint(path)),
        ]
    })?;
    let (meta, front_yaml, body_start) =
        match split_front_matter(text).map_err(|d| vec![d.in_file(file)])? {
            Some((yaml_text, body_start, first_line)) => {
                let origin = Origin { file, first_line };
                let meta: FrontMatter = yaml::parse(yaml_text, origin).map_err(|problems| {
                    let mut problems: Vec<Diagnostic> = problems
                        .into_iter()
                        .map(|d| with_allowed_keys(d, kind, owner))
                        .collect();
                    problems.extend(misplaced_keys(yaml_text, origin, kind, owner));
                    problems
                })?;
                (meta, yaml_text.to_string(), body_start)
            }
            None => (FrontMatter::default(), String::new(), 0),
        };
    let page = Page {
        path: path.to_string(),
        file: file.to_string(),
        kind,
        meta,
        body: Document::default(),
        front_yaml,
        front_line: 2,
    };
    let mut problems = check_keys(&page, owner);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    let (body, markdown_problems) = markdown::render(text, body_start, file, options, reserved_ids);
    problems.extend(markdown_problems);
    Ok((Page { body, ..page }, problems))
}

/// Keys that exist but are not allowed on this kind of page, or for this owner.
/// The front-matter keys a page of this kind, written by this owner, may use.
fn allowed_keys(kind: PageKind, owner: Owner) -> Vec<&'static str> {
    let by_owner: &[&str] = match owner {
        Owner::Shared => &SHARED_ONLY_KEYS,
        Owner::Division => &["replace", "share"],
    };
    COMMON_KEYS
        .iter()
        .chain(kind.own_keys())
        .chain(by_owner)
        .copied()
        .collect()
}

/// An unknown key's hint names the keys this page may use, not every key there is.
fn with_allowed_keys(diagnostic: Diagnostic, kind: PageKind, owner: Owner) -> Diagnostic {
    let Some(key) = diagnostic
        .message
        .find("yaml-unknown-key")
        .and_then(|message| message.get_text("key"))
    else {
        return diagnostic;
    };
    let hint = yaml::suggest(key, &allowed_keys(kind, owner));
    let message = msg!("yaml-unknown-key", key = key);
    Diagnostic {
        hint: Some(msg!(
            "page-allowed-keys",
            suggestion = hint,
            kind = kind.name()
        )),
        message,
        ..diagnostic
    }
}

fn check_keys(page: &Page, owner: Owner) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let allowed_here = allowed_keys(page.kind, owner);
    for key in page.meta.present_keys() {
        if let Some((message, hint)) = misplaced(key, page.kind, &allowed_here) {
            problems.push(page.problem_at(&[Step::KeyName(key)], message).hint(hint));
        }
    }
    if page.meta.share == Some(true) && page.kind != PageKind::Story {
        problems.push(
            page.problem_at(&[Step::Key("share")], msg!("page-share-not-story"))
                .hint(msg!("page-share-not-story-hint")),
        );
    }
    if let Some(text) = page.meta.review_by.as_ref().and_then(Checked::invalid) {
        problems.push(
            page.problem_at(&[Step::Key("review_by")], msg!("not-a-date", text = text))
                .hint(msg!("page-review-by-hint")),
        );
    }
    if owner == Owner::Shared && page.title().is_none_or(|t| t.trim().is_empty()) {
        problems.push(missing_title(page));
    }
    problems
}

pub fn missing_title(page: &Page) -> Diagnostic {
    Diagnostic::error(msg!("page-no-title"))
        .in_file(&page.file)
        .at(Position::new(1, 1))
        .hint(msg!("page-no-title-hint"))
}

/// The message and hint for a front-matter key this kind of page may not use.
fn misplaced(key: &str, kind: PageKind, allowed_here: &[&str]) -> Option<(Message, Message)> {
    if allowed_here.contains(&key) {
        return None;
    }
    if SHARED_ONLY_KEYS.contains(&key) && !allowed_here.contains(&"locked") {
        return Some(shared_only(key));
    }
    let hint = match key {
        "replace" | "share" => msg!("page-key-division-only-hint", key = key),
        _ => msg!("page-key-elsewhere-hint", key = key, home = key_home(key)),
    };
    Some((
        msg!("page-key-not-allowed", key = key, kind = kind.name()),
        hint,
    ))
}

/// When the front matter has errors, its keys that are known but not allowed on this
/// page are reported with them, so that one run shows every key error of the file.
fn misplaced_keys(
    yaml_text: &str,
    origin: Origin,
    kind: PageKind,
    owner: Owner,
) -> Vec<Diagnostic> {
    let allowed_here = allowed_keys(kind, owner);
    yaml::top_level_keys(yaml_text, origin)
        .into_iter()
        .filter(|(key, _)| FrontMatter::KEYS.contains(&key.as_str()))
        .filter_map(|(key, at)| {
            let (message, hint) = misplaced(&key, kind, &allowed_here)?;
            Some(
                Diagnostic::error(message)
                    .in_file(origin.file)
                    .at(at)
                    .hint(hint),
            )
        })
        .collect()
}

/// A key of HR's in a division's file.
fn shared_only(key: &str) -> (Message, Message) {
    let hint = match key {
        "locked" => msg!("page-locked-shared-only-hint"),
        _ => msg!("page-owner-shared-only-hint"),
    };
    (msg!("page-key-shared-only", key = key), hint)
}

fn key_home(key: &str) -> Message {
    match key {
        "modules" => msg!("page-kind-experiences-home"),
        _ => msg!("page-kind-modules-home"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_paths() {
        assert_eq!(PageKind::of("index.md"), Ok(PageKind::Front));
        assert_eq!(
            PageKind::of("experiences/03-linjeledere.md"),
            Ok(PageKind::Experience(3))
        );
        assert_eq!(PageKind::of("experiences/_index.md"), Ok(PageKind::Section));
        assert_eq!(PageKind::of("modules/masterclass.md"), Ok(PageKind::Module));
        assert_eq!(PageKind::of("vejledning/ordliste.md"), Ok(PageKind::Plain));
        assert!(PageKind::of("experiences/linjeledere.md").is_err());
        assert_eq!(
            PageKind::of("audiences/trainers.md"),
            Ok(PageKind::Audience(Audience::Trainers))
        );
        let wrong = PageKind::of("audiences/trainer.md").unwrap_err().english();
        assert!(wrong.contains("did you mean `trainers`?"), "{wrong}");
        assert!(
            PageKind::of("audiences/trainers/x.md").is_ok(),
            "deeper: a plain page"
        );
    }

    #[test]
    fn front_matter_is_split_with_the_body_offset() {
        let text = "---\ntitle: A\n---\n# Body\n";
        let (yaml, body_start, first_line) = split_front_matter(text).unwrap().unwrap();
        assert_eq!(yaml, "title: A\n");
        assert_eq!(&text[body_start..], "# Body\n");
        assert_eq!(first_line, 2);
        assert!(split_front_matter("no front matter").unwrap().is_none());
        assert!(split_front_matter("---\ntitle: A\n").is_err());
    }
}
