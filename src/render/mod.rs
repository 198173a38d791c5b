//! Render: the third stage. Turns each division's finished `Site` into output files:
//! every page through the theme's templates, in parallel over (division x page), then a
//! list of per-site outputs (static files, feeds, sitemap), then a list of
//! handbook-wide outputs (the search indexes, the division chooser, the report).
//!
//! Render reads the resolved sites only: every value a page shows was settled by resolve.

mod assembly;
mod book;
mod business_case;
mod calendar;
mod changes;
mod context;
mod downloads;
mod followup;
mod format;
mod handouts;
mod ical;
mod markdown_pages;
mod modules;
mod nav;
mod outputs;
mod page_info;
mod pages;
mod print;
mod report_pages;
mod root;
mod search;
mod sections;
pub mod theme;
mod translation;
mod warnings;
mod week;

use std::collections::{BTreeSet, HashSet};
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::messages::msg;
use crate::output::{Contents, OutputFile, Sink};
use crate::resolve::Site;
use crate::urls;

pub use assembly::PrintCache;
use context::SiteContext;
pub use downloads::DownloadOptions;
use pages::PageJob;
pub use root::RootInput;
use search::SearchRecord;
use theme::Theme;

/// What the render stage is asked to do.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Build each site's search index (pagefind).
    pub search: bool,
    /// Render only these Markdown pages (positions in the merged tree) and the print
    /// page: a preview's edit that changed nothing but a page's text.
    pub only_pages: Option<BTreeSet<String>>,
    /// There is a division chooser above the sites.
    pub has_chooser: bool,
    /// Where "switch division" leads from each page of every site of the handbook (the
    /// sites rendered may be the one a preview edit concerns).
    pub switchboard: Arc<crate::resolve::Switchboard>,
    /// The print pages' chapters kept from the last run (a preview session).
    pub print_cache: Option<Arc<PrintCache>>,
    /// The PDFs and download bundles.
    pub downloads: DownloadOptions,
}

/// The sites' pages, rendered: what the handbook-wide outputs build on.
pub struct RenderedSites<'s, 'h> {
    contexts: Vec<SiteContext<'s, 'h>>,
    /// Taken by the search indexes, which drop each page's text once it is indexed.
    records: Mutex<Vec<SearchRecord>>,
    search: bool,
    /// Index the shared pages once for all divisions.
    shared_search: bool,
    /// Some page failed: the search index is not built.
    failed: bool,
    /// The fingerprint of each book typeset (or taken again), by output path.
    pub typeset: Vec<(String, String)>,
}

/// Renders every page of every site into `sink`, then each site's other outputs.
/// Problems (a template error, a missing label set, a file that cannot be written) come
/// back as diagnostics; a run with problems must not commit the sink.
pub fn render_sites<'s, 'h>(
    sites: &'s [Site<'h>],
    theme: &'s Theme,
    options: &RenderOptions,
    sink: &Sink,
) -> (RenderedSites<'s, 'h>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let print = assembly::Assembly::new(options.print_cache.clone(), options.only_pages.clone());
    let contexts: Vec<SiteContext> = sites
        .iter()
        .filter_map(|site| match theme.labels(&site.language) {
            Some(labels) => {
                let switchboard = options.has_chooser.then(|| options.switchboard.clone());
                let outputs = context::SiteOutputs {
                    search: options.search,
                    pdf: options.downloads.pdf,
                };
                let mut sc = SiteContext::new(site, labels, outputs, switchboard);
                sc.print = print.clone();
                Some(sc)
            }
            None => {
                problems.push(unknown_language(site, theme));
                None
            }
        })
        .collect();
    let mut rendered = RenderedSites {
        contexts,
        records: Mutex::default(),
        search: options.search,
        // Shared pages get an index of their own when several divisions would repeat them.
        shared_search: options.search && sites.len() >= 2,
        failed: false,
        typeset: Vec::new(),
    };
    // The books are typeset while the pages render: neither needs the other.
    let ((records, page_problems), downloads) = rayon::join(
        || render_pages(&rendered, theme, options, sink),
        || downloads(&rendered.contexts, options),
    );
    for site in downloads {
        problems.extend(site.problems);
        problems.extend(put_all(sink, site.files).err());
        rendered.typeset.extend(site.typeset);
    }
    rendered.records = Mutex::new(records);
    rendered.failed = !page_problems.is_empty();
    problems.extend(page_problems);
    if options.only_pages.is_none() {
        for sc in &rendered.contexts {
            for output in outputs::SITE_OUTPUTS {
                problems.extend(put_all(sink, output(sc, theme)).err());
            }
        }
    }
    (rendered, problems)
}

/// Every site's downloads (none for a preview's edit of some pages), in parallel.
fn downloads(contexts: &[SiteContext], options: &RenderOptions) -> Vec<downloads::Downloads> {
    if options.only_pages.is_some() {
        return Vec::new();
    }
    contexts
        .par_iter()
        .map(|sc| downloads::site(sc, &options.downloads))
        .collect()
}

/// An output of the whole handbook: the files it returns go to the sink; a big output
/// (the search indexes) may put its files there itself as it makes them.
type HandbookOutput = fn(&RenderedSites, &RootInput, &Sink) -> Result<Vec<OutputFile>, Diagnostic>;

/// Every handbook-wide output, in the order they are made.
const HANDBOOK_OUTPUTS: [HandbookOutput; 3] = [search_indexes, chooser, report];

/// Renders the handbook-wide outputs into `sink`.
pub fn render_handbook(
    rendered: &RenderedSites,
    input: &RootInput,
    sink: &Sink,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for output in HANDBOOK_OUTPUTS {
        match output(rendered, input, sink) {
            Ok(files) => problems.extend(put_all(sink, files).err()),
            Err(problem) => problems.push(problem),
        }
    }
    problems
}

/// The report's side-by-side pages of the divisions in `input.report` that show one of
/// the pages `input.changed` names.
pub fn side_by_side_pages(input: &RootInput) -> Result<Vec<OutputFile>, Diagnostic> {
    report_pages::side_by_side_pages(input)
}

fn search_indexes(
    rendered: &RenderedSites,
    _: &RootInput,
    sink: &Sink,
) -> Result<Vec<OutputFile>, Diagnostic> {
    if !rendered.search || rendered.failed {
        return Ok(Vec::new());
    }
    let records = std::mem::take(
        &mut *rendered
            .records
            .lock()
            .expect("no panic while holding the lock"),
    );
    search::bundles(&rendered.contexts, records, &|files| put_all(sink, files))
}

fn chooser(_: &RenderedSites, input: &RootInput, _: &Sink) -> Result<Vec<OutputFile>, Diagnostic> {
    root::chooser(input)
}

fn report(_: &RenderedSites, input: &RootInput, _: &Sink) -> Result<Vec<OutputFile>, Diagnostic> {
    report_pages::pages(input)
}

/// Renders every page of every site, in parallel, and keeps what search needs.
fn render_pages(
    rendered: &RenderedSites,
    theme: &Theme,
    options: &RenderOptions,
    sink: &Sink,
) -> (Vec<SearchRecord>, Vec<Diagnostic>) {
    let jobs: Vec<(&SiteContext, PageJob)> = rendered
        .contexts
        .iter()
        .flat_map(|sc| {
            pages::jobs(sc, options.only_pages.as_ref())
                .into_iter()
                .map(move |job| (sc, job))
        })
        .collect();
    // A shared page's search record is kept once, not once per division.
    let recorded: Mutex<HashSet<String>> = Mutex::default();
    let results: Vec<Result<Option<SearchRecord>, Diagnostic>> = jobs
        .into_par_iter()
        .map(|(sc, job)| render_and_keep(sc, job, theme, rendered, sink, &recorded))
        .collect();
    let mut records = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(record) => records.extend(record),
            Err(problem) => problems.push(problem),
        }
    }
    (records, problems)
}

/// Renders one page into the sink and keeps what search needs of it.
fn render_and_keep(
    sc: &SiteContext,
    job: PageJob,
    theme: &Theme,
    rendered: &RenderedSites,
    sink: &Sink,
    recorded: &Mutex<HashSet<String>>,
) -> Result<Option<SearchRecord>, Diagnostic> {
    let shared = job
        .shared_path()
        .filter(|_| rendered.shared_search)
        .map(|path| search::shared_key(&sc.site.language, path));
    let (file, document) = render_page(sc, &job, theme)?;
    let path = file.path.clone();
    let record = rendered.search.then(|| {
        // Pages without a compact search document are indexed whole.
        let html = match (document, &file.contents) {
            (Some(document), _) => Some(document),
            (None, Contents::Bytes(bytes)) if job.is_content() => {
                Some(String::from_utf8_lossy(bytes).into_owned())
            }
            _ => None,
        };
        let first = shared.as_ref().is_none_or(|key| {
            recorded
                .lock()
                .expect("no panic while holding the lock")
                .insert(key.clone())
        });
        SearchRecord::new(path, html.filter(|_| first), shared)
    });
    sink.put(file).map_err(|e| Diagnostic::error(e.0))?;
    Ok(record)
}

fn put_all(sink: &Sink, files: Vec<OutputFile>) -> Result<(), Diagnostic> {
    files
        .into_par_iter()
        .try_for_each(|file| sink.put(file))
        .map_err(|e| Diagnostic::error(e.0))
}

fn unknown_language(site: &Site, theme: &Theme) -> Diagnostic {
    theme.unknown_language(&site.language, site.language_from.clone())
}

/// Renders one page: its HTML file and its search document. A panic in our code becomes
/// a diagnostic for that page.
fn render_page(
    sc: &SiteContext,
    job: &PageJob,
    theme: &Theme,
) -> Result<(OutputFile, Option<String>), Diagnostic> {
    let source = job.source().to_string();
    let url = job.url().to_string();
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        // An edit of some pages' text leaves the print page's template as it was filled.
        if job.is_print()
            && let Some(shell) = sc.print.kept_shell(&sc.site.prefix)
        {
            return Ok((print::with_chapters(sc, theme, shell.to_string())?, None));
        }
        let input = job.input(sc);
        let mut context = sc.context(&url, job.placed_under());
        for (key, value) in input.values {
            context.insert_value(key, value);
        }
        let html = theme
            .tera
            .render(input.template, &context)
            .map_err(|error| theme.render_error(&error, Some(source.as_str().into())))?;
        let contents = if job.is_print() {
            print::with_chapters(sc, theme, html)?
        } else {
            Contents::Bytes(html.into_bytes())
        };
        Ok::<_, Diagnostic>((contents, input.search))
    }));
    let (contents, search) = match outcome {
        Ok(result) => result?,
        Err(_) => {
            return Err(
                Diagnostic::error(msg!("render-internal-error", page = &source))
                    .in_file(source)
                    .hint(msg!("render-internal-error-hint")),
            );
        }
    };
    let file = OutputFile {
        path: format!("{}{}", sc.site.prefix, urls::output_file(&url)),
        contents,
    };
    Ok((file, search))
}
