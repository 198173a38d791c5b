//! The pipeline: load -> resolve (per division) -> render -> write, as a flat list of
//! named, timed stages. `build` and `check` are the same run; `check` stops before
//! writing.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{self, ConfigError};
use crate::content;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::{self, OutputFile, WriteStats};
use crate::render::{self, theme::Theme};
use crate::report;
use crate::resolve::{self, ResolveOptions};

/// What to build, validated from the command line.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub root: PathBuf,
    /// `--output`, else `output_dir` from handbook.yaml (relative to the root).
    pub output: Option<PathBuf>,
    pub divisions: Vec<String>,
    pub drafts: bool,
    pub strict: bool,
    /// Write the output (`build`) or only check (`check`).
    pub write: bool,
}

/// The command could not run at all: exit status 2.
#[derive(Debug)]
pub struct CannotRun(pub String);

/// What a run produced.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    /// The rendered files (empty when the content has errors).
    pub files: Vec<OutputFile>,
    pub written: Option<WriteStats>,
    pub output_dir: Option<PathBuf>,
    pub sites: usize,
    pub pages: usize,
    pub timings: Vec<(&'static str, Duration)>,
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
    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.timings.push((stage, now - self.started));
        self.started = now;
    }
}

pub fn run(settings: &Settings) -> Result<Outcome, CannotRun> {
    let mut clock = Stopwatch {
        started: Instant::now(),
        timings: Vec::new(),
    };
    let mut diagnostics = Diagnostics::new();
    let config = match config::load(&settings.root) {
        Ok(config) => config,
        Err(ConfigError::Missing(message)) => return Err(CannotRun(message)),
        Err(ConfigError::Invalid(problem)) => {
            return Ok(Outcome {
                diagnostics: vec![problem],
                ..Outcome::default()
            });
        }
    };
    let output_dir = settings
        .output
        .clone()
        .unwrap_or_else(|| settings.root.join(&config.output_dir));
    if settings.write {
        output::check_output_dir(&settings.root, &output_dir).map_err(|e| CannotRun(e.0))?;
    }
    let theme_name = config.theme.clone();
    let handbook = content::load(&settings.root, config, &mut diagnostics);
    clock.lap("load");
    check_division_names(&handbook, &settings.divisions)?;
    let options = ResolveOptions {
        divisions: settings.divisions.clone(),
        drafts: settings.drafts,
    };
    let sites = resolve::sites(&handbook, &options, &mut diagnostics);
    clock.lap("resolve");
    let theme = Theme::load(&settings.root, &theme_name, &mut diagnostics);
    clock.lap("theme");
    let mut files = Vec::new();
    if let Some(theme) = &theme {
        let (rendered, problems) = render::render(&handbook, &sites, theme);
        diagnostics.extend(problems);
        files = rendered;
    }
    clock.lap("render");
    if settings.strict {
        diagnostics.make_strict();
    }
    let mut diagnostics = diagnostics.into_sorted();
    if let Some(theme) = theme.as_ref().filter(|_| !handbook.divisions.is_empty()) {
        let report = report::build(&handbook, &sites, &diagnostics);
        let static_prefix = sites.first().map(|s| s.prefix.clone()).unwrap_or_default();
        match report::files(&report, &handbook, theme, &static_prefix) {
            Ok(report_files) => files.extend(report_files),
            Err(problem) => diagnostics.push(problem),
        }
        clock.lap("report");
    }
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    let mut outcome = Outcome {
        sites: sites.len(),
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        output_dir: Some(output_dir.clone()),
        ..Outcome::default()
    };
    if !has_errors && settings.write {
        let kept = kept_prefixes(&handbook, &settings.divisions);
        let stats = output::write(&output_dir, &files, &kept).map_err(|e| CannotRun(e.0))?;
        outcome.written = Some(stats);
        clock.lap("write");
    }
    if !has_errors {
        outcome.files = files;
    }
    outcome.diagnostics = diagnostics;
    outcome.timings = clock.timings;
    Ok(outcome)
}

/// `--division` names must be divisions of the handbook.
fn check_division_names(handbook: &content::Handbook, wanted: &[String]) -> Result<(), CannotRun> {
    for id in wanted {
        if !handbook.divisions.iter().any(|d| &d.id == id) {
            let known: Vec<&str> = handbook.divisions.iter().map(|d| d.id.as_str()).collect();
            let known = if known.is_empty() {
                "this handbook has no divisions".to_string()
            } else {
                format!("divisions: {}", known.join(", "))
            };
            return Err(CannotRun(format!("unknown division `{id}` ({known})")));
        }
    }
    Ok(())
}

/// When only some divisions are built, the others' earlier output is kept.
fn kept_prefixes(handbook: &content::Handbook, wanted: &[String]) -> Vec<String> {
    if wanted.is_empty() {
        return Vec::new();
    }
    handbook
        .divisions
        .iter()
        .filter(|d| !wanted.contains(&d.id))
        .map(|d| format!("{}/", d.id))
        .collect()
}

/// The output folder the settings name, for messages.
pub fn display_output(outcome: &Outcome, root: &Path) -> String {
    outcome
        .output_dir
        .as_ref()
        .map(|dir| dir.strip_prefix(root).unwrap_or(dir).display().to_string())
        .unwrap_or_default()
}
