//! The pipeline: load -> resolve (per division) -> render -> write, as a flat list of
//! named, timed stages. `build` and `check` are one full run; `check` stops before
//! writing. `serve` keeps a `Session` and, for an edited page or template, re-runs only
//! the stages and divisions the change can affect.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::approvals;
use crate::config::{self, ConfigError};
use crate::content::{self, Handbook, Scope};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::history::{History, HistoryLimit};
use crate::messages::Message;
use crate::output::{self, OutputFile, Sink, WriteStats};
use crate::render::{self, DownloadOptions, RenderOptions, RootInput, theme::Theme};
use crate::report;
use crate::resolve::{self, ResolveOptions, Site, SiteCheck, Switchboard};
use crate::review;
use crate::stale::Stale;

/// What to build, validated from the command line.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub root: PathBuf,
    /// `--output`, else `output_dir` from handbook.yaml (relative to the root).
    pub output: Option<PathBuf>,
    pub divisions: Vec<String>,
    pub drafts: bool,
    pub strict: bool,
    /// Write the output (`build`) or only check (`check`, `serve`).
    pub write: bool,
    /// Leave out the search index even when handbook.yaml asks for it.
    pub no_search: bool,
    /// `--today`: the date review dates are judged against (see `review::today`).
    pub today: Option<jiff::civil::Date>,
    /// Leave out the PDFs (`--no-pdf`): the zips are still made.
    pub no_pdf: bool,
}

/// The command could not run at all: exit status 2.
#[derive(Debug)]
pub struct CannotRun(pub Message);

/// What a run produced.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub written: Option<WriteStats>,
    pub output_dir: Option<PathBuf>,
    pub sites: usize,
    pub pages: usize,
    pub timings: Vec<(&'static str, Duration)>,
    /// Nothing the build reads changed since the last build into the same folder.
    pub up_to_date: bool,
    /// Every division's local items and where they stand with HR (runs over every
    /// division only).
    pub approvals: Vec<crate::approvals::ItemState>,
    /// The handbook's language (`language` in handbook.yaml): messages are shown in it.
    pub language: String,
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Times each stage of a run.
struct Stopwatch {
    started: Instant,
    timings: Vec<(&'static str, Duration)>,
}

impl Stopwatch {
    fn new() -> Self {
        Stopwatch {
            started: Instant::now(),
            timings: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.timings.push((stage, now - self.started));
        self.started = now;
    }
}

/// A full run: `handbook build` and `handbook check`.
pub fn run(settings: &Settings) -> Result<Outcome, CannotRun> {
    Session::new(settings.clone()).full()
}

/// What a change on disk asks the session to redo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Anything we cannot narrow down: load everything again.
    Everything,
    /// Templates, theme static files or labels: render again, parse nothing.
    Theme,
    /// These existing Markdown files were edited (paths relative to `content/`).
    Pages(Vec<String>),
}

/// The state kept between runs: the last good handbook, theme and output.
pub struct Session {
    settings: Settings,
    /// The fingerprint of the inputs of the build under way (see `content::fingerprint`).
    fingerprint: Option<String>,
    /// Keep the rendered files in memory (for `serve`).
    keeps_files: bool,
    handbook: Option<Handbook>,
    theme: Option<Theme>,
    files: BTreeMap<String, OutputFile>,
    /// The print pages' chapters, kept by a preview between runs.
    print_cache: Option<std::sync::Arc<render::PrintCache>>,
    /// The run's date and the handbook's git history, read once per full run and handed
    /// to every stage that needs them (the preview's partial runs reuse them).
    today: jiff::civil::Date,
    history: Option<History>,
    /// What a preview's next run may start from besides the files (see `Memo`).
    memo: Option<Memo>,
    /// What the last full run found that a preview's later runs do not look for again.
    found: Found,
}

/// The problems a full run finds while reading that a preview's later runs (after an
/// edit of some pages, or of the theme) do not look for again, since they read only
/// what changed: those of the configuration and of each content file (not the checks
/// across files, which every run makes), of the history, and of the theme. Those runs
/// show them, but for what they read again, as a full build would.
#[derive(Debug, Default)]
struct Found {
    files: Vec<Diagnostic>,
    history: Vec<Diagnostic>,
    theme: Vec<Diagnostic>,
}

impl Found {
    /// After `files` were read again, which found `problems`.
    fn reread(&mut self, files: &[String], problems: &Diagnostics) {
        self.files
            .retain(|d| !d.file.as_ref().is_some_and(|file| files.contains(file)));
        self.files.extend(problems.iter().cloned());
    }

    fn files_and_history(&self) -> impl Iterator<Item = Diagnostic> + '_ {
        self.files.iter().chain(&self.history).cloned()
    }
}

/// What a preview keeps of its last good run besides the files: what a fast path needs
/// to show the rest of the handbook as that run did (`Session::local_text_edit`).
struct Memo {
    /// Where "switch division" leads from each page: it changes only with the pages'
    /// URLs, which an edit of some pages' text leaves as they are.
    switchboard: Arc<Switchboard>,
    /// The run's diagnostics, sorted, as its report shows the warnings.
    diagnostics: Vec<Diagnostic>,
    stale: Vec<Stale>,
    approvals: Vec<approvals::ItemState>,
    /// Each division's site resolved on its own, by id.
    checks: BTreeMap<String, SiteCheck>,
}

impl Memo {
    /// The run reported nothing in these files (paths relative to `content/`).
    fn quiet_about(&self, paths: &[String]) -> bool {
        !self.diagnostics.iter().any(|d| {
            d.file
                .as_deref()
                .and_then(|f| f.strip_prefix("content/"))
                .is_some_and(|f| paths.iter().any(|p| p == f))
        })
    }

    /// The approval states after an edit of some pages: only the edited files' items are
    /// read again.
    fn approvals_after(&self, handbook: &Handbook, rebuild: &Rebuild) -> Vec<approvals::ItemState> {
        approvals::rejudge(
            handbook,
            &self.approvals,
            rebuild.files.as_deref().unwrap_or_default(),
        )
    }

    /// The outcome of a preview's run that changed the text of some pages of `sites`
    /// sites and nothing else, rendering `files`: the last run's problems and approvals.
    fn outcome(
        &self,
        handbook: &Handbook,
        (sites, files): (usize, &[OutputFile]),
        clock: &mut Stopwatch,
    ) -> Outcome {
        Outcome {
            diagnostics: self.diagnostics.clone(),
            sites,
            pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
            approvals: self.approvals.clone(),
            timings: std::mem::take(&mut clock.timings),
            language: handbook.config.language.clone(),
            ..Outcome::default()
        }
    }

    /// Division `id`'s stale sections and approvals are these.
    fn same_for(&self, id: &str, stale: &[Stale], approvals: &[approvals::ItemState]) -> bool {
        let last_stale = self.stale.iter().filter(|s| s.division == id);
        let last_approvals = self.approvals.iter().filter(|a| a.division == id);
        last_stale.eq(stale.iter()) && last_approvals.eq(approvals.iter())
    }
}

impl Session {
    pub fn new(settings: Settings) -> Self {
        Session {
            settings,
            fingerprint: None,
            keeps_files: false,
            handbook: None,
            theme: None,
            files: BTreeMap::new(),
            print_cache: None,
            today: jiff::civil::Date::default(),
            history: None,
            memo: None,
            found: Found::default(),
        }
    }

    /// What besides the files decides the output: the settings and the tool itself.
    fn inputs(&self) -> impl std::hash::Hash + use<> {
        let head = History::head(&self.settings.root);
        let settings = &self.settings;
        let tool = std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|m| (m.len(), m.modified().ok()))
            .ok();
        (
            env!("CARGO_PKG_VERSION"),
            tool,
            settings.divisions.clone(),
            settings.drafts,
            settings.strict,
            settings.no_search,
            // Review warnings depend on the date, the change pages on the commits.
            self.today,
            head,
        )
    }

    /// A session whose runs keep their files in memory, for serving them.
    pub fn in_memory(settings: Settings) -> Self {
        Session {
            keeps_files: true,
            print_cache: Some(Default::default()),
            ..Session::new(settings)
        }
    }

    /// The output of the last good run, by path (only for a session `in_memory`).
    pub fn files(&self) -> &BTreeMap<String, OutputFile> {
        &self.files
    }

    /// Redoes what `change` requires; falls back to a full run when there is no good
    /// state to start from.
    pub fn apply(&mut self, change: &Change) -> Result<Outcome, CannotRun> {
        if self.handbook.is_none() || self.theme.is_none() {
            return self.full();
        }
        match change {
            Change::Everything => self.full(),
            Change::Theme => self.rerender_theme(),
            Change::Pages(paths) => self.reload_pages(paths),
        }
    }

    /// Loads and builds everything.
    pub fn full(&mut self) -> Result<Outcome, CannotRun> {
        let mut clock = Stopwatch::new();
        let mut diagnostics = Diagnostics::new();
        let settings = &self.settings;
        let config = match config::load(&settings.root) {
            Ok(config) => config,
            Err(ConfigError::Missing(message)) => return Err(CannotRun(message)),
            // Go on with default settings, so that the content's problems are reported too.
            Err(ConfigError::Invalid(problems)) => {
                diagnostics.extend(problems);
                config::Config::fallback()
            }
        };
        let output_dir = settings
            .output
            .clone()
            .unwrap_or_else(|| settings.root.join(&config.output_dir));
        self.today = review::today(settings.today).map_err(CannotRun)?;
        if settings.write {
            output::check_output_dir(&settings.root, &output_dir).map_err(|e| CannotRun(e.0))?;
            let fingerprint = content::fingerprint(&settings.root, &self.inputs());
            if let Some(mut outcome) = unchanged(&output_dir, &fingerprint, &mut clock) {
                outcome.language = config.language.clone();
                return Ok(outcome);
            }
            self.fingerprint = Some(fingerprint);
        }
        let theme_name = config.theme.clone();
        let handbook = content::load_files(&settings.root, config, &mut diagnostics);
        let mut found = Found {
            files: diagnostics.iter().cloned().collect(),
            ..Found::default()
        };
        diagnostics.extend(content::check_shared(&handbook));
        clock.lap("load");
        let mut problems = Diagnostics::new();
        self.history = read_history(&self.settings.root, &mut problems);
        found.history = problems.iter().cloned().collect();
        clock.lap("history");
        check_division_names(&handbook, &settings.divisions)?;
        let mut problems = Diagnostics::new();
        let theme = Theme::load(&settings.root, &theme_name, &mut problems);
        found.theme = problems.iter().cloned().collect();
        clock.lap("theme");
        diagnostics.extend(found.history.iter().chain(&found.theme).cloned());
        self.found = found;
        self.finish(
            handbook,
            theme,
            Rebuild::default(),
            diagnostics,
            clock,
            Some(output_dir),
        )
    }

    fn rerender_theme(&mut self) -> Result<Outcome, CannotRun> {
        let mut clock = Stopwatch::new();
        let mut diagnostics = Diagnostics::new();
        let handbook = self.handbook.take().expect("checked by apply");
        let theme = Theme::load(
            &self.settings.root,
            &handbook.config.theme,
            &mut diagnostics,
        );
        self.found.theme = diagnostics.iter().cloned().collect();
        diagnostics.extend(self.found.files_and_history());
        diagnostics.extend(content::check_shared(&handbook));
        clock.lap("theme");
        self.finish(
            handbook,
            theme,
            Rebuild::default(),
            diagnostics,
            clock,
            None,
        )
    }

    fn reload_pages(&mut self, paths: &[String]) -> Result<Outcome, CannotRun> {
        let mut clock = Stopwatch::new();
        let mut diagnostics = Diagnostics::new();
        let mut handbook = self.handbook.take().expect("checked by apply");
        let mut reloaded = Vec::new();
        for path in paths {
            match content::reload_page(&mut handbook, path, &mut diagnostics) {
                Some(page) => reloaded.push(page),
                None => return self.full(),
            }
        }
        let files: Vec<String> = reloaded.iter().flat_map(|r| r.files.clone()).collect();
        self.found.reread(&files, &diagnostics);
        clock.lap("load");
        let rebuild = Rebuild::after(&reloaded, paths);
        if diagnostics.is_empty()
            && let Some(outcome) = self
                .local_text_edit(&handbook, &rebuild, paths, &mut clock)
                .or_else(|| self.shared_text_edit(&handbook, &rebuild, paths, &mut clock))
        {
            self.handbook = Some(handbook);
            return Ok(outcome);
        }
        // The problems of every file but those read again, as the last full run found
        // them, and of the history and the theme.
        let mut diagnostics = Diagnostics::new();
        diagnostics.extend(self.found.files_and_history());
        diagnostics.extend(self.found.theme.iter().cloned());
        diagnostics.extend(content::check_shared(&handbook));
        let theme = self.theme.take();
        self.finish(handbook, theme, rebuild, diagnostics, clock, None)
    }

    /// A preview's edit of the text of one division's own pages, which had and have no
    /// problem: that division's site alone is resolved and the edited pages (and its
    /// print page and side-by-side page of the report) rendered again, when nothing else
    /// the handbook shows can change: the site resolved alone finds the same problems as
    /// in the last run, checks the same files, links the same handouts and hides the same
    /// links, and its stale sections and approvals are as they were. The other sites, the
    /// switchboard, the rest of the report and the warnings are then the last run's.
    /// `None` when that does not hold: the caller makes a whole run.
    fn local_text_edit(
        &mut self,
        handbook: &Handbook,
        rebuild: &Rebuild,
        paths: &[String],
        clock: &mut Stopwatch,
    ) -> Option<Outcome> {
        let (Some(id), Some(pages)) = (&rebuild.division, &rebuild.pages) else {
            return None;
        };
        let built = &self.settings.divisions;
        let (memo, theme) = (self.memo.as_ref()?, self.theme.as_ref()?);
        let last = memo.checks.get(id)?;
        if !memo.quiet_about(paths) || !(built.is_empty() || built.contains(id)) {
            return None;
        }
        let options = ResolveOptions {
            divisions: vec![id.clone()],
            drafts: self.settings.drafts,
            search: false,
        };
        let (site, check) = resolve::division_site(handbook, id, &options)?;
        let mut sites = vec![site];
        let stale = crate::stale::local_sections(handbook, &sites, self.history.as_ref());
        let approvals: Vec<approvals::ItemState> = memo
            .approvals_after(handbook, rebuild)
            .into_iter()
            .filter(|a| a.division == *id)
            .collect();
        if &check != last || !memo.same_for(id, &stale, &approvals) {
            return None;
        }
        resolve::changes::settle(&mut sites, self.history.as_ref(), handbook.config.changes);
        clock.lap("resolve");
        let edited = self.render_edited(handbook, &sites, pages);
        let side_by_side = self.side_by_side(handbook, &sites, memo, pages, theme);
        clock.lap("render");
        let (Some(mut files), Ok(side_by_side)) = (edited, side_by_side) else {
            return None;
        };
        files.extend(side_by_side);
        let outcome = memo.outcome(handbook, (1, &files), clock);
        drop(sites);
        self.keep(files, Some(id), true);
        Some(outcome)
    }

    /// A preview's edit of the text of shared pages that no division adapts and none
    /// reads in translation, which had and have no problem and link to the same places
    /// as before: every site shows the new text, and nothing else the handbook shows can
    /// change (its problems, checks, stale sections, approvals and report, and the
    /// switchboard, are the last run's). The sites are then made without checking their
    /// links (`resolve::sites_for_pages`), and only the edited pages and the print pages
    /// rendered again. `None` when that does not hold: the caller makes a whole run.
    fn shared_text_edit(
        &mut self,
        handbook: &Handbook,
        rebuild: &Rebuild,
        paths: &[String],
        clock: &mut Stopwatch,
    ) -> Option<Outcome> {
        let (None, Some(pages), true) =
            (&rebuild.division, &rebuild.pages, rebuild.links_unchanged)
        else {
            return None;
        };
        let memo = self.memo.as_ref()?;
        if !memo.quiet_about(paths) || !paths.iter().all(|p| shared_alone(handbook, p)) {
            return None;
        }
        let options = ResolveOptions {
            divisions: self.settings.divisions.clone(),
            drafts: self.settings.drafts,
            search: false,
        };
        let mut sites = resolve::sites_for_pages(handbook, &options, pages);
        resolve::changes::settle(&mut sites, self.history.as_ref(), handbook.config.changes);
        clock.lap("resolve");
        let files = self.render_edited(handbook, &sites, pages)?;
        clock.lap("render");
        let outcome = memo.outcome(handbook, (sites.len(), &files), clock);
        drop(sites);
        self.keep(files, None, true);
        Some(outcome)
    }

    /// The edited `pages` of `sites` and their print pages, rendered again with the last
    /// run's switchboard; `None` when that finds a problem (the caller makes a whole run).
    fn render_edited(
        &self,
        handbook: &Handbook,
        sites: &[Site],
        pages: &std::collections::BTreeSet<String>,
    ) -> Option<Vec<OutputFile>> {
        let (memo, theme) = (self.memo.as_ref()?, self.theme.as_ref()?);
        let sink = Sink::memory();
        let options = RenderOptions {
            only_pages: Some(pages.clone()),
            has_chooser: !handbook.divisions.is_empty(),
            print_cache: self.print_cache.clone(),
            switchboard: memo.switchboard.clone(),
            ..RenderOptions::default()
        };
        let (rendered, problems) = render::render_sites(sites, theme, &options, &sink);
        drop(rendered);
        match sink {
            Sink::Memory(files) if problems.is_empty() => Some(files.into_files()),
            _ => None,
        }
    }

    /// The report's side-by-side page of the one division in `sites` (which shows its own
    /// text beside the shared one), when it shows one of `pages`.
    fn side_by_side(
        &self,
        handbook: &Handbook,
        sites: &[Site],
        memo: &Memo,
        pages: &std::collections::BTreeSet<String>,
        theme: &Theme,
    ) -> Result<Vec<OutputFile>, Diagnostic> {
        let first = handbook.divisions.first();
        let (true, Some(first)) = (self.settings.divisions.is_empty(), first) else {
            return Ok(Vec::new());
        };
        let governance = report::Governance {
            history: self.history.as_ref(),
            reviews: &[],
            approvals: &memo.approvals,
            today: self.today,
            stale: &memo.stale,
        };
        let report = report::compile(handbook, sites, &memo.diagnostics, &governance);
        let root = resolve::root(handbook);
        let input = RootInput {
            root: &root,
            theme,
            static_prefix: &format!("{}/", first.id),
            report: Some(&report),
            chooser: false,
            last_report: None,
            changed: Some(pages),
        };
        render::side_by_side_pages(&input)
    }

    /// Resolves and renders the sites (all, or only those `rebuild` names), writes when
    /// asked, and keeps the state when the run has no errors.
    fn finish(
        &mut self,
        handbook: Handbook,
        theme: Option<Theme>,
        rebuild: Rebuild,
        mut diagnostics: Diagnostics,
        mut clock: Stopwatch,
        output_dir: Option<PathBuf>,
    ) -> Result<Outcome, CannotRun> {
        let settings = &self.settings;
        // Only a build that is written needs the search index.
        let search = handbook.config.search && settings.write && !settings.no_search;
        // Every division is resolved (a division's own text edit is `local_text_edit`).
        let options = ResolveOptions {
            divisions: settings.divisions.clone(),
            drafts: settings.drafts,
            search,
        };
        let settled = self.settle(&handbook, &options, &mut diagnostics, &mut clock);
        // Content with errors is still rendered (to find template errors too), but never
        // staged on disk: nothing of a failed build is written.
        let sink = if diagnostics.has_errors() {
            self.memory_or_discard()
        } else {
            self.sink(&handbook, output_dir.as_deref())?
        };
        let whole = settings.divisions.is_empty();
        let approvals = self.approvals(&handbook, whole, &rebuild);
        let sites = &settled.sites;
        let render = Render {
            theme: theme.as_ref(),
            only_pages: rebuild.pages.clone(),
            search,
            whole,
            reviews: &settled.reviews,
            approvals: &approvals,
            downloads: self.download_options(&handbook, output_dir.as_deref(), &rebuild),
            stale: &settled.stale,
            switchboard: self.switchboard(sites, &rebuild),
            last_report: self.last_report(&rebuild),
        };
        let shown = shown(sites, rebuild.division.as_deref());
        let (diagnostics, typeset) = self.render(
            &handbook,
            (shown, sites),
            &render,
            &sink,
            diagnostics,
            &mut clock,
        );
        let has_errors = diagnostics.iter().any(Diagnostic::is_error) || theme.is_none();
        let switchboard = render.switchboard.clone();
        let mut outcome = Outcome {
            sites: shown.len(),
            pages: sink.count(".html"),
            output_dir,
            approvals,
            language: handbook.config.language.clone(),
            ..Outcome::default()
        };
        let files = self.close(
            sink,
            has_errors,
            (&mut outcome, typeset),
            &diagnostics,
            &mut clock,
        )?;
        let memo = (self.keeps_files && !has_errors).then(|| Memo {
            switchboard,
            diagnostics: diagnostics.clone(),
            stale: settled.stale.clone(),
            approvals: outcome.approvals.clone(),
            checks: settled.checks(),
        });
        drop(settled);
        self.conclude((handbook, theme), (files, has_errors), &rebuild, memo);
        outcome.diagnostics = diagnostics;
        outcome.timings = clock.timings;
        Ok(outcome)
    }

    /// Keeps the state a good run leaves, or forgets it after a failed run: the next one
    /// starts from scratch.
    fn conclude(
        &mut self,
        (handbook, theme): (Handbook, Option<Theme>),
        (files, has_errors): (Vec<OutputFile>, bool),
        rebuild: &Rebuild,
        memo: Option<Memo>,
    ) {
        self.memo = memo;
        if !has_errors {
            self.keep(files, rebuild.division.as_deref(), rebuild.pages.is_some());
            self.handbook = Some(handbook);
            self.theme = theme;
        } else {
            self.handbook = None;
            self.theme = None;
        }
    }

    /// The approval state of every local item, for the report: after an edit of some
    /// pages only the edited files are read again.
    fn approvals(
        &self,
        handbook: &Handbook,
        whole: bool,
        rebuild: &Rebuild,
    ) -> Vec<approvals::ItemState> {
        match &self.memo {
            Some(memo) if rebuild.files.is_some() => memo.approvals_after(handbook, rebuild),
            _ => approval_states(handbook, whole),
        }
    }

    /// Where "switch division" leads from each page of `sites`: the last run's when only
    /// some pages' text changed (their URLs did not), else made anew.
    fn switchboard(&self, sites: &[Site], rebuild: &Rebuild) -> Arc<Switchboard> {
        match &self.memo {
            Some(memo) if rebuild.pages.is_some() => memo.switchboard.clone(),
            _ => Arc::new(resolve::switchboard(sites)),
        }
    }

    /// The last run's `report.json`, when only some pages' text changed: the report's
    /// pages are then as they were if its data is, but for the side-by-side pages that
    /// show those pages.
    fn last_report(&self, rebuild: &Rebuild) -> Option<&[u8]> {
        rebuild.pages.as_ref()?;
        match &self.files.get(REPORT_JSON)?.contents {
            output::Contents::Shared(bytes) => Some(bytes),
            output::Contents::Bytes(bytes) => Some(bytes),
            _ => None,
        }
    }

    /// The sites, settled for rendering: resolved, their stale local sections judged,
    /// review dates and approvals checked, their change lists read from the history.
    fn settle<'h>(
        &self,
        handbook: &'h Handbook,
        options: &ResolveOptions,
        diagnostics: &mut Diagnostics,
        clock: &mut Stopwatch,
    ) -> Settled<'h> {
        let (reviews, overdue) = review::reviews(handbook, self.today, self.settings.drafts);
        diagnostics.extend(overdue);
        diagnostics.extend(approvals::check(handbook));
        let (mut sites, checks) = resolve::sites_checked(handbook, options, diagnostics);
        clock.lap("resolve");
        let stale = crate::stale::local_sections(handbook, &sites, self.history.as_ref());
        diagnostics.extend(stale.iter().map(crate::stale::Stale::warning));
        clock.lap("stale");
        let limit = handbook.config.changes;
        resolve::changes::settle(&mut sites, self.history.as_ref(), limit);
        clock.lap("changes");
        Settled {
            sites,
            checks,
            reviews,
            stale,
        }
    }

    /// Where this run's files go: a build writes as it renders (into a staging folder,
    /// moved into place only when everything succeeded); `serve` keeps them in memory;
    /// `check` keeps nothing.
    fn sink(&self, handbook: &Handbook, output_dir: Option<&Path>) -> Result<Sink, CannotRun> {
        Ok(match (output_dir, self.settings.write) {
            (Some(dir), true) => Sink::Disk(
                output::Writer::begin(dir, &kept_prefixes(handbook, &self.settings.divisions))
                    .map_err(|e| CannotRun(e.0))?,
            ),
            _ => self.memory_or_discard(),
        })
    }

    /// How this run makes the downloads: PDFs only in a build that is written (not in
    /// `check` or the preview) and not with `--no-pdf`; books whose input did not change
    /// since the last build into the folder are taken from it.
    fn download_options(
        &self,
        handbook: &Handbook,
        output_dir: Option<&Path>,
        rebuild: &Rebuild,
    ) -> DownloadOptions {
        // An edit of some pages makes no downloads: the edition (a walk over every file
        // without a history) is not needed.
        if rebuild.pages.is_some() {
            return DownloadOptions::default();
        }
        let pdf = self.settings.write && !self.settings.no_pdf;
        let previous = output_dir
            .filter(|_| pdf)
            .and_then(|dir| Some((dir.to_path_buf(), output::read_state(dir)?.typeset)));
        DownloadOptions {
            pdf,
            edition: edition(self.history.as_ref(), &handbook.root),
            previous,
        }
    }

    fn memory_or_discard(&self) -> Sink {
        if self.keeps_files {
            Sink::memory()
        } else {
            Sink::Discard(Default::default())
        }
    }

    /// Renders the sites `shown` and then the handbook-wide outputs (the report covers
    /// every division, so only a run over all of them makes it, from `all`). Returns every
    /// diagnostic of the run, sorted.
    fn render(
        &self,
        handbook: &Handbook,
        (sites, all): (&[Site], &[Site]),
        render: &Render,
        sink: &Sink,
        mut diagnostics: Diagnostics,
        clock: &mut Stopwatch,
    ) -> (Vec<Diagnostic>, Vec<(String, String)>) {
        let rendered = render.theme.map(|theme| {
            let options = RenderOptions {
                search: render.search,
                only_pages: render.only_pages.clone(),
                has_chooser: !handbook.divisions.is_empty(),
                print_cache: self.print_cache.clone(),
                downloads: render.downloads.clone(),
                switchboard: render.switchboard.clone(),
            };
            let (rendered, problems) = render::render_sites(sites, theme, &options, sink);
            diagnostics.extend(problems);
            rendered
        });
        clock.lap("render");
        if self.settings.strict {
            diagnostics.make_strict();
        }
        let mut diagnostics = diagnostics.into_sorted();
        let (Some(theme), Some(rendered)) = (render.theme, rendered) else {
            return (diagnostics, Vec::new());
        };
        let root = resolve::root(handbook);
        let governance = report::Governance {
            history: self.history.as_ref(),
            reviews: render.reviews,
            approvals: render.approvals,
            today: self.today,
            stale: render.stale,
        };
        let report = (render.whole && !handbook.divisions.is_empty())
            .then(|| report::compile(handbook, all, &diagnostics, &governance));
        let input = RootInput {
            root: &root,
            theme,
            static_prefix: all.first().map_or("", |s| s.prefix.as_str()),
            report: report.as_ref(),
            // An edit of some pages' text leaves the list of divisions as it was.
            chooser: render.only_pages.is_none(),
            last_report: render.last_report,
            changed: render.only_pages.as_ref(),
        };
        let problems = render::render_handbook(&rendered, &input, sink);
        drop(report);
        // A problem the pages already reported (a language without labels) is not repeated.
        let new: Vec<Diagnostic> = problems
            .into_iter()
            .filter(|problem| !diagnostics.contains(problem))
            .collect();
        diagnostics.extend(new);
        clock.lap("outputs");
        (diagnostics, rendered.typeset)
    }

    /// Commits or aborts a build's writes; hands back what `serve` keeps.
    fn close(
        &mut self,
        sink: Sink,
        has_errors: bool,
        (outcome, typeset): (&mut Outcome, Vec<(String, String)>),
        diagnostics: &[Diagnostic],
        clock: &mut Stopwatch,
    ) -> Result<Vec<OutputFile>, CannotRun> {
        match sink {
            Sink::Disk(writer) if has_errors => {
                // A failure of the output itself (a full disk) is the run's one error.
                writer.abort().map_err(|e| CannotRun(e.0))?;
                Ok(Vec::new())
            }
            Sink::Disk(writer) => {
                let state = self
                    .fingerprint
                    .take()
                    .map(|fingerprint| output::BuildState {
                        fingerprint,
                        sites: outcome.sites,
                        pages: outcome.pages,
                        diagnostics: diagnostics.to_vec(),
                        typeset: typeset.into_iter().collect(),
                    });
                outcome.written = Some(writer.commit(state.as_ref()).map_err(|e| CannotRun(e.0))?);
                clock.lap("write");
                Ok(Vec::new())
            }
            Sink::Memory(memory) => Ok(memory.into_files()),
            Sink::Discard(_) => Ok(Vec::new()),
        }
    }

    /// Takes the new files; a run for one division replaces only that division's files
    /// (and the chooser).
    fn keep(&mut self, files: Vec<OutputFile>, only: Option<&str>, partial: bool) {
        match only {
            _ if partial => {}
            Some(id) => {
                let prefix = format!("{id}/");
                self.files
                    .retain(|path, _| !path.starts_with(&prefix) && path != "index.html");
            }
            None => self.files.clear(),
        }
        // Shared bytes: the server's copy of the map then costs no copy of the pages.
        self.files.extend(files.into_iter().map(|file| {
            let contents = match file.contents {
                output::Contents::Bytes(bytes) => {
                    output::Contents::Shared(std::sync::Arc::from(bytes))
                }
                other => other,
            };
            (
                file.path.clone(),
                OutputFile {
                    path: file.path,
                    contents,
                },
            )
        }));
    }
}

/// The date of this edition of the handbook, for book covers and zips: the day of its
/// last commit, else the day its newest file was saved (never the clock: the same
/// content gives the same files).
fn edition(history: Option<&History>, root: &Path) -> jiff::civil::Date {
    let committed = history.and_then(|h| h.commits().first()).and_then(|c| {
        crate::history::Moment {
            time: c.time,
            offset_minutes: c.offset_minutes,
        }
        .date()
    });
    committed
        .or_else(|| content::newest_change(root))
        .unwrap_or(jiff::civil::date(2000, 1, 1))
}

/// The handbook's git history, once per run; an unreadable one is a warning and the run
/// goes on without it.
fn read_history(root: &Path, diagnostics: &mut Diagnostics) -> Option<History> {
    History::read(root, HistoryLimit::default()).unwrap_or_else(|error| {
        diagnostics.push(error.into());
        None
    })
}

/// The outcome of a build whose inputs are those of the last build into `output_dir`,
/// whose files are all still there: nothing to do.
fn unchanged(output_dir: &Path, fingerprint: &str, clock: &mut Stopwatch) -> Option<Outcome> {
    let state = output::read_state(output_dir).filter(|state| state.fingerprint == fingerprint)?;
    if !output::is_intact(output_dir) {
        return None;
    }
    clock.lap("unchanged");
    Some(Outcome {
        diagnostics: state.diagnostics,
        written: Some(WriteStats::default()),
        output_dir: Some(output_dir.to_path_buf()),
        sites: state.sites,
        pages: state.pages,
        timings: std::mem::take(&mut clock.timings),
        up_to_date: true,
        approvals: Vec::new(),
        language: String::new(),
    })
}

/// What a run renders: every site, or one division's; every page, or only these
/// (positions in the merged tree).
#[derive(Debug, Clone, Default)]
struct Rebuild {
    division: Option<String>,
    pages: Option<std::collections::BTreeSet<String>>,
    /// The files edited (relative to the handbook root), after an edit of some pages.
    files: Option<Vec<String>>,
    /// Those pages link to the same places as before (`content::Reloaded`).
    links_unchanged: bool,
}

impl Rebuild {
    /// What reloading `paths` asks for: the division they all belong to, if any; the
    /// pages to render again when only ordinary pages' text changed.
    fn after(reloaded: &[content::Reloaded], paths: &[String]) -> Rebuild {
        let scopes: Vec<&Scope> = reloaded.iter().map(|r| &r.scope).collect();
        let division = match scopes.first() {
            Some(Scope::Division(id)) if scopes.iter().all(|s| s == &scopes[0]) => Some(id.clone()),
            _ => None,
        };
        // Text edits of ordinary pages re-render those pages (and the print page) only.
        let ordinary = |path: &String| {
            !path.ends_with("_index.md") && !path.ends_with("/index.md") && path != "index.md"
        };
        let pages =
            (reloaded.iter().all(|r| r.text_only) && paths.iter().all(ordinary)).then(|| {
                paths
                    .iter()
                    .map(|p| merged_position(p).to_string())
                    .collect()
            });
        let files = Some(paths.iter().map(|p| format!("content/{p}")).collect());
        Rebuild {
            division,
            pages,
            files,
            links_unchanged: reloaded.iter().all(|r| r.links_unchanged),
        }
    }
}

/// How the render stage runs.
struct Render<'t> {
    theme: Option<&'t Theme>,
    only_pages: Option<std::collections::BTreeSet<String>>,
    search: bool,
    /// The run covers every division (so it makes the report).
    whole: bool,
    /// What the report shows besides the sites: pages due for review, approval states.
    reviews: &'t [review::Review],
    approvals: &'t [approvals::ItemState],
    downloads: DownloadOptions,
    /// The stale local sections of the sites (warnings, and lines of the report).
    stale: &'t [Stale],
    switchboard: Arc<Switchboard>,
    /// The last run's `report.json`, when the report's pages are as they were if its
    /// data is (see `Session::last_report`).
    last_report: Option<&'t [u8]>,
}

/// The sites of a run, settled for rendering, and what settling them found.
struct Settled<'h> {
    sites: Vec<Site<'h>>,
    /// Each site resolved on its own (in the same order).
    checks: Vec<SiteCheck>,
    reviews: Vec<review::Review>,
    stale: Vec<Stale>,
}

impl Settled<'_> {
    /// The division sites' checks, by id.
    fn checks(&self) -> BTreeMap<String, SiteCheck> {
        self.sites
            .iter()
            .zip(&self.checks)
            .filter_map(|(site, check)| Some((site.id?.to_string(), check.clone())))
            .collect()
    }
}

/// Where the report's data is written.
const REPORT_JSON: &str = "report/report.json";

/// The approval state of every local item, for the report: only a run over every
/// division of a handbook with divisions makes one.
fn approval_states(handbook: &Handbook, whole: bool) -> Vec<approvals::ItemState> {
    if whole && !handbook.divisions.is_empty() {
        approvals::states(handbook)
    } else {
        Vec::new()
    }
}

/// The sites a run renders: all of them, or the one division a preview edit concerns.
fn shown<'a, 'h>(sites: &'a [Site<'h>], only: Option<&str>) -> &'a [Site<'h>] {
    match only.and_then(|id| sites.iter().position(|s| s.id == Some(id))) {
        Some(index) => std::slice::from_ref(&sites[index]),
        None => sites,
    }
}

/// Whether `path` (relative to `content/`) is a shared page that every site shows as HR
/// wrote it: no division has a page of its own there (which replaces it or adds a
/// section to it) and no translation is made from it (whose state its text decides).
fn shared_alone(handbook: &Handbook, path: &str) -> bool {
    handbook.shared.pages.contains_key(path)
        && !handbook.shared.hashes.contains_key(path)
        && !handbook
            .divisions
            .iter()
            .any(|d| d.pages.contains_key(path))
}

/// A content path's position in the merged tree (`divisions/x/a.md` -> `a.md`).
fn merged_position(path: &str) -> &str {
    path.strip_prefix("divisions/")
        .and_then(|rest| rest.split_once('/'))
        .map_or(path, |(_, position)| position)
}

/// `--division` names must be divisions of the handbook.
fn check_division_names(handbook: &Handbook, wanted: &[String]) -> Result<(), CannotRun> {
    for id in wanted {
        if !handbook.divisions.iter().any(|d| &d.id == id) {
            return Err(CannotRun(approvals::unknown_division(handbook, id)));
        }
    }
    Ok(())
}

/// When only some divisions are built, the others' earlier output is kept, and so is
/// the report (it covers every division).
fn kept_prefixes(handbook: &Handbook, wanted: &[String]) -> Vec<String> {
    if wanted.is_empty() {
        return Vec::new();
    }
    let others = handbook
        .divisions
        .iter()
        .filter(|d| !wanted.contains(&d.id))
        .map(|d| format!("{}/", d.id));
    others
        .chain(std::iter::once("report/".to_string()))
        .collect()
}

/// The output folder of a run, for messages.
pub fn display_output(outcome: &Outcome, root: &Path) -> String {
    outcome
        .output_dir
        .as_ref()
        .map(|dir| dir.strip_prefix(root).unwrap_or(dir).display().to_string())
        .unwrap_or_default()
}
