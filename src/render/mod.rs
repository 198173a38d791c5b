//! Render: the third stage. Turns each division's `Site` into output files: every page
//! through the theme's templates, in parallel over (division x page), plus the theme's
//! static files, handouts and the division chooser.
//!
//! Everything a site's pages share (navigation, labels, site data) is converted to
//! template values once per site; each page adds only its own.

mod format;
mod ical;
mod nav;
mod pages;
mod print;
mod programme;
mod search;
pub mod theme;

use std::collections::{BTreeMap, HashSet};
use std::panic::AssertUnwindSafe;
use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::content::Handbook;
use crate::diagnostics::Diagnostic;
use crate::output::{Contents, OutputFile, Sink};
use crate::resolve::{PageStatus, Site};
use crate::urls;

use nav::Navigation;
use theme::{Labels, Theme};

/// What one site's pages share.
pub struct SiteContext<'s, 'h> {
    pub site: &'s Site<'h>,
    pub labels: &'s Labels,
    pub navigation: Navigation,
    /// The site gets a search page (its index is built after rendering).
    pub search: bool,
    shared_values: Vec<(&'static str, Value)>,
}

impl<'s, 'h> SiteContext<'s, 'h> {
    fn new(
        site: &'s Site<'h>,
        labels: &'s Labels,
        options: &RenderOptions,
        has_chooser: bool,
    ) -> Self {
        let navigation = Navigation::build(site, labels);
        let info = SiteInfo::new(site, has_chooser, options);
        let shared_values = vec![
            ("site", Value::from_serializable(&info)),
            ("nav", Value::from_serializable(&navigation.sections)),
            ("t", Value::from_serializable(labels)),
        ];
        SiteContext {
            site,
            labels,
            navigation,
            search: options.search,
            shared_values,
        }
    }

    pub fn style(&self) -> format::Style<'_> {
        format::Style::new(self.labels)
    }

    pub fn label(&self, key: &str) -> String {
        nav::label_or(self.labels, key, key)
    }

    /// A template context for the page at `url` with the site's shared values.
    fn context(&self, url: &str) -> Context {
        let mut context = Context::new();
        for (key, value) in &self.shared_values {
            context.insert_value(*key, value.clone());
        }
        context.insert("root", &urls::root_prefix(url));
        context
    }
}

#[derive(Serialize)]
struct SiteInfo<'a> {
    /// The handbook's title.
    title: &'a str,
    /// The division's name, or the handbook's title without divisions.
    name: &'a str,
    language: &'a str,
    division: Option<DivisionInfo<'a>>,
    /// There is a division chooser one level up.
    has_chooser: bool,
    /// The site has a search index (and a search page).
    search: bool,
    /// Ask search engines not to index the site (`noindex` in handbook.yaml).
    noindex: bool,
}

#[derive(Serialize)]
struct DivisionInfo<'a> {
    id: &'a str,
    name: &'a str,
    contacts: &'a [crate::content::division::Contact],
}

impl<'a> SiteInfo<'a> {
    fn new(site: &'a Site, has_chooser: bool, options: &RenderOptions) -> Self {
        let search = options.search;
        SiteInfo {
            title: &site.handbook.config.title,
            name: site.name(),
            language: &site.language,
            division: site.division.map(|d| DivisionInfo {
                id: &d.id,
                name: d.name(),
                contacts: &d.config.value.contacts,
            }),
            has_chooser,
            search,
            noindex: site.handbook.config.noindex,
        }
    }
}

/// One page to render: its template, URL and the values only it has.
pub struct Unit {
    /// Site-relative URL.
    pub url: String,
    pub template: &'static str,
    /// What diagnostics name (the source file, or the generated page).
    pub source: String,
    pub values: Vec<(&'static str, Value)>,
    /// What the search index gets for this page: a compact document of its content
    /// (indexing the whole page, navigation included, costs several times more). `None`
    /// indexes the rendered page.
    pub search: Option<String>,
}

/// A rendered page and what search indexes of it.
struct Rendered {
    file: OutputFile,
    search: Option<String>,
}

/// What the render stage adds besides the pages.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Build each site's search index (pagefind).
    pub search: bool,
    /// Index the shared pages once for all divisions (set by `render`).
    shared_search: bool,
    /// Render only these Markdown pages (positions in the merged tree) and the print
    /// page: a preview's edit that changed nothing but a page's text.
    pub only_pages: Option<std::collections::BTreeSet<String>>,
}

impl RenderOptions {
    pub fn with_search(search: bool) -> Self {
        RenderOptions {
            search,
            shared_search: false,
            only_pages: None,
        }
    }
}

/// What rendering keeps of each page after handing it to the sink: its path, and what
/// search indexes of it.
struct Kept {
    path: String,
    search: Option<String>,
    /// The content path of a shared page shown as HR wrote it: its search record is the
    /// same in every division, so it goes to the index they share.
    shared: Option<String>,
}

/// Renders every site into `sink`. Problems (a template error, a missing label set, a
/// file that cannot be written) come back as diagnostics; a run with problems must not
/// commit the sink.
pub fn render(
    handbook: &Handbook,
    sites: &[Site],
    theme: &Theme,
    options: &RenderOptions,
    sink: &Sink,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let has_chooser = !handbook.divisions.is_empty();
    // Shared pages get an index of their own when several divisions would repeat them.
    let options = &RenderOptions {
        shared_search: options.search && sites.len() >= 2,
        ..options.clone()
    };
    let contexts: Vec<SiteContext> = sites
        .iter()
        .filter_map(|site| match theme.labels(&site.language) {
            Some(labels) => Some(SiteContext::new(site, labels, options, has_chooser)),
            None => {
                problems.push(unknown_language(site, theme));
                None
            }
        })
        .collect();
    let jobs: Vec<(&SiteContext, pages::Job)> = contexts
        .iter()
        .flat_map(|sc| {
            pages::jobs(sc, options.only_pages.as_ref())
                .into_iter()
                .map(move |job| (sc, job))
        })
        .collect();
    if options.only_pages.is_some() {
        // Only pages were asked for: nothing else changed.
        let rendered: Vec<Result<(), Diagnostic>> = jobs
            .into_par_iter()
            .map(|(sc, job)| {
                sink.put(render_unit(sc, job.unit(sc), theme)?.file)
                    .map_err(|e| Diagnostic::error(e.0))
            })
            .collect();
        problems.extend(rendered.into_iter().filter_map(Result::err));
        return problems;
    }
    // A shared page's search record is kept once, not once per division.
    let recorded: Mutex<HashSet<String>> = Mutex::default();
    let kept: Vec<Result<Kept, Diagnostic>> = jobs
        .into_par_iter()
        .map(|(sc, job)| render_and_keep(sc, job, theme, options, sink, &recorded))
        .collect();
    let mut pages = Vec::with_capacity(kept.len());
    for result in kept {
        match result {
            Ok(page) => pages.push(page),
            Err(problem) => problems.push(problem),
        }
    }
    if options.search && problems.is_empty() {
        match search_bundles(handbook, &contexts, &pages, options.shared_search) {
            Ok(files) => problems.extend(put_all(sink, files).err()),
            Err(problem) => problems.push(problem),
        }
    }
    for sc in &contexts {
        let mut files = static_files(sc.site, theme);
        files.extend(calendar_files(sc));
        files.extend(sitemap(sc.site, &pages));
        problems.extend(put_all(sink, files).err());
    }
    if has_chooser {
        match chooser(handbook, sites, theme) {
            Ok(file) => problems.extend(put_all(sink, vec![file]).err()),
            Err(problem) => problems.push(problem),
        }
    }
    problems
}

/// Renders one page into the sink and keeps what search needs of it.
fn render_and_keep(
    sc: &SiteContext,
    job: pages::Job,
    theme: &Theme,
    options: &RenderOptions,
    sink: &Sink,
    recorded: &Mutex<HashSet<String>>,
) -> Result<Kept, Diagnostic> {
    let shared = match &job {
        pages::Job::Page(page) if options.shared_search && page.status == PageStatus::Shared => {
            Some(page.path.clone())
        }
        _ => None,
    };
    let Rendered { file, search } = render_unit(sc, job.unit(sc), theme)?;
    let path = file.path.clone();
    let site_path = path.strip_prefix(sc.site.prefix.as_str()).unwrap_or(&path);
    // Pages without a compact search document are indexed whole.
    let search = match (options.search, search, &file.contents) {
        (true, Some(document), _) => Some(document),
        (true, None, Contents::Bytes(bytes)) if is_content_page(site_path) => {
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
    let search = search.filter(|_| first);
    sink.put(file).map_err(|e| Diagnostic::error(e.0))?;
    Ok(Kept {
        path,
        search,
        shared,
    })
}

fn put_all(sink: &Sink, files: Vec<OutputFile>) -> Result<(), Diagnostic> {
    files
        .into_par_iter()
        .try_for_each(|file| sink.put(file))
        .map_err(|e| Diagnostic::error(e.0))
}

fn unknown_language(site: &Site, theme: &Theme) -> Diagnostic {
    let origin = crate::content::division::language_origin(&site.handbook.config, site.division);
    theme.unknown_language(&site.language, origin)
}

/// Renders one page; a panic in our code becomes a diagnostic for that page.
fn render_unit(sc: &SiteContext, unit: Unit, theme: &Theme) -> Result<Rendered, Diagnostic> {
    let source = unit.source.clone();
    let search = unit.search;
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let mut context = sc.context(&unit.url);
        for (key, value) in unit.values {
            context.insert_value(key, value);
        }
        theme
            .tera
            .render(unit.template, &context)
            .map_err(|error| theme.render_error(&error, &unit.source))
    }));
    let html = match outcome {
        Ok(result) => result?,
        Err(_) => {
            return Err(
                Diagnostic::error(format!("internal error while rendering {source}"))
                    .in_file(source)
                    .hint("this is a bug in handbook; please report it with this file"),
            );
        }
    };
    let file = OutputFile::html(
        format!("{}{}", sc.site.prefix, urls::output_file(&unit.url)),
        html,
    );
    Ok(Rendered { file, search })
}

/// The theme's static files, the highlighting stylesheet, and the site's handouts and
/// other files.
fn static_files(site: &Site, theme: &Theme) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> = theme
        .static_files
        .iter()
        .map(|(path, bytes)| OutputFile {
            path: format!("{}static/{path}", site.prefix),
            contents: Contents::Shared(bytes.clone()),
        })
        .collect();
    // A theme's own highlight.css wins over the generated one.
    if !theme
        .static_files
        .iter()
        .any(|(path, _)| path == "highlight.css")
    {
        files.push(OutputFile {
            path: format!("{}static/highlight.css", site.prefix),
            contents: Contents::Shared(highlight_css()),
        });
    }
    files.extend(site.files.values().map(|f| OutputFile {
        path: format!("{}{}", site.prefix, urls::file_url(&f.file.path)),
        contents: Contents::Copy(f.file.snapshot()),
    }));
    files
}

/// The site's search bundle, from its rendered pages (not the 404, search or print
/// pages, which are not content).
/// At most this many pages go into one search index: pagefind indexes one page after
/// another, so a big site is split into shards that are indexed in parallel (and merged
/// again by the search page).
const SHARD_SIZE: usize = 500;
const MAX_SHARDS: usize = 4;

/// The folder names of a bundle's shards: `pagefind`, `pagefind-2`, ...
fn shard_folders(base: &str, count: usize) -> Vec<String> {
    (1..=count)
        .map(|n| {
            if n == 1 {
                base.to_string()
            } else {
                format!("{base}-{n}")
            }
        })
        .collect()
}

fn shards<T>(documents: &[T]) -> Vec<&[T]> {
    let count = documents.len().div_ceil(SHARD_SIZE).clamp(1, MAX_SHARDS);
    let size = documents.len().div_ceil(count).max(1);
    let mut chunks: Vec<&[T]> = documents.chunks(size).collect();
    if chunks.is_empty() {
        chunks.push(&[]);
    }
    chunks
}

/// One index to build: which bundle folder, for which site, from which pages.
struct IndexJob<'p> {
    /// `None` for the shared pages (copied into every division).
    prefix: Option<String>,
    folder: String,
    language: String,
    what: String,
    documents: &'p [search::Document<'p>],
}

/// The search indexes. With several divisions, the shared pages every division shows as
/// HR wrote them are indexed once, into `pagefind-shared/` (copied into each division's
/// folder and filtered there to the pages that division has); each division's own index
/// holds only the rest of its pages. Big indexes are split into shards. Each site gets
/// `pagefind-bundles.json`, the list of bundles its search page merges besides
/// `pagefind/`.
fn search_bundles(
    handbook: &Handbook,
    contexts: &[SiteContext],
    pages: &[Kept],
    shared_search: bool,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let shared = if shared_search {
        shared_documents(contexts, pages)
    } else {
        Vec::new()
    };
    let own: Vec<(&SiteContext, Vec<search::Document>)> = contexts
        .iter()
        .map(|sc| {
            let mut documents: Vec<search::Document> = pages
                .iter()
                .filter(|page| page.shared.is_none())
                .filter_map(|page| {
                    let path = page.path.strip_prefix(sc.site.prefix.as_str())?;
                    // With a shared index, the division's own pages carry its id too: the
                    // search page filters every bundle on it.
                    let sites = match (shared_search, sc.site.id()) {
                        (true, Some(id)) => vec![id],
                        _ => Vec::new(),
                    };
                    Some(search::Document {
                        path,
                        html: page.search.as_deref()?,
                        sites,
                    })
                })
                .collect();
            documents.sort_by(|a, b| a.path.cmp(b.path));
            (sc, documents)
        })
        .collect();
    let mut jobs = Vec::new();
    let shared_shards = if shared_search {
        shards(&shared)
    } else {
        Vec::new()
    };
    let shared_folders = shard_folders("pagefind-shared", shared_shards.len());
    for (documents, folder) in shared_shards.iter().zip(&shared_folders) {
        jobs.push(IndexJob {
            prefix: None,
            folder: folder.clone(),
            language: handbook.config.language.clone(),
            what: "the shared pages".into(),
            documents,
        });
    }
    let mut bundle_lists = Vec::new();
    for (sc, documents) in &own {
        let own_shards = shards(documents);
        let folders = shard_folders("pagefind", own_shards.len());
        let what = sc
            .site
            .id()
            .map_or("the site".to_string(), |id| format!("division {id}"));
        for (documents, folder) in own_shards.into_iter().zip(&folders) {
            jobs.push(IndexJob {
                prefix: Some(sc.site.prefix.clone()),
                folder: folder.clone(),
                language: sc.site.language.clone(),
                what: what.clone(),
                documents,
            });
        }
        bundle_lists.push(bundle_list(sc, &folders[1..], &shared_folders));
    }
    let built: Vec<(IndexJob, search::Bundle)> = jobs
        .into_par_iter()
        .map(|job| search::index(&job.what, &job.language, job.documents).map(|files| (job, files)))
        .collect::<Result<_, Diagnostic>>()?;
    let mut files = bundle_lists;
    for (job, bundle) in built {
        match &job.prefix {
            Some(prefix) => files.extend(bundle.into_iter().map(|(name, bytes)| OutputFile {
                path: format!("{prefix}{}/{name}", job.folder),
                contents: Contents::Bytes(bytes),
            })),
            None => {
                let bundle: Vec<(String, std::sync::Arc<[u8]>)> = bundle
                    .into_iter()
                    .map(|(name, bytes)| (name, std::sync::Arc::from(bytes)))
                    .collect();
                for sc in contexts {
                    files.extend(bundle.iter().map(|(name, bytes)| OutputFile {
                        path: format!("{}{}/{name}", sc.site.prefix, job.folder),
                        contents: Contents::Shared(bytes.clone()),
                    }));
                }
            }
        }
    }
    Ok(files)
}

/// `pagefind-bundles.json`: the bundles a site's search page merges with its own first
/// one, and the division whose pages the search keeps (pages of the shared index carry the
/// ids of the divisions that show them).
fn bundle_list(sc: &SiteContext, own_extra: &[String], shared: &[String]) -> OutputFile {
    let bundles: Vec<String> = own_extra
        .iter()
        .chain(shared)
        .map(|folder| format!("{folder}/"))
        .collect();
    let site = sc.site.id().filter(|_| !shared.is_empty());
    let list = serde_json::json!({ "site": site, "bundles": bundles });
    OutputFile {
        path: format!("{}pagefind-bundles.json", sc.site.prefix),
        contents: Contents::Bytes(serde_json::to_vec(&list).expect("a list of bundles serializes")),
    }
}

/// Each shared page once, with the divisions whose site shows it unchanged.
fn shared_documents<'p>(
    contexts: &'p [SiteContext],
    pages: &'p [Kept],
) -> Vec<search::Document<'p>> {
    let mut sites: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut documents: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
    for page in pages {
        let Some(key) = &page.shared else { continue };
        let Some(sc) = contexts.iter().find(|sc| {
            !sc.site.prefix.is_empty() && page.path.starts_with(sc.site.prefix.as_str())
        }) else {
            continue;
        };
        let (Some(id), Some(path)) = (
            sc.site.id(),
            page.path.strip_prefix(sc.site.prefix.as_str()),
        ) else {
            continue;
        };
        sites.entry(key).or_default().push(id);
        if let Some(html) = &page.search {
            documents.insert(key, (path, html));
        }
    }
    documents
        .into_iter()
        .map(|(key, (path, html))| search::Document {
            path,
            html,
            sites: sites.remove(key).unwrap_or_default(),
        })
        .collect()
}

/// Whether an output path of a site (relative to it) is a content page: not the 404,
/// search or print page.
fn is_content_page(path: &str) -> bool {
    path.ends_with(".html")
        && path != "404.html"
        && !path.starts_with("search/")
        && !path.starts_with("print/")
}

/// `sitemap.xml` with the site's pages, when `base_url` says where the site lives.
fn sitemap(site: &Site, pages: &[Kept]) -> Option<OutputFile> {
    let base = site
        .handbook
        .config
        .base_url
        .as_deref()?
        .trim_end_matches('/');
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut paths: Vec<&str> = pages
        .iter()
        .filter_map(|p| p.path.strip_prefix(site.prefix.as_str()))
        .filter(|path| is_content_page(path))
        .collect();
    paths.sort_unstable();
    for path in paths {
        let location = format!(
            "{base}/{}{}",
            site.prefix,
            path.trim_end_matches("index.html")
        );
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            crate::markdown::escape(&location)
        ));
    }
    xml.push_str("</urlset>\n");
    Some(OutputFile {
        path: format!("{}sitemap.xml", site.prefix),
        contents: Contents::Bytes(xml.into_bytes()),
    })
}

/// `calendar.ics` and, with a follow-up start date, `followup.ics`.
fn calendar_files(sc: &SiteContext) -> Vec<OutputFile> {
    let prefix = &sc.site.prefix;
    let files = [
        ("calendar.ics", ical::calendar(sc)),
        ("followup.ics", ical::followup(sc)),
    ];
    files
        .into_iter()
        .filter_map(|(name, text)| {
            Some(OutputFile {
                path: format!("{prefix}{name}"),
                contents: Contents::Bytes(text?.into_bytes()),
            })
        })
        .collect()
}

fn highlight_css() -> std::sync::Arc<[u8]> {
    static CSS: std::sync::LazyLock<std::sync::Arc<[u8]>> = std::sync::LazyLock::new(|| {
        std::sync::Arc::from(crate::markdown::highlight_stylesheet().into_bytes())
    });
    CSS.clone()
}

#[derive(Serialize)]
struct ChooserEntry<'a> {
    id: &'a str,
    name: &'a str,
    href: String,
}

/// `index.html` at the top: one link per division.
fn chooser(handbook: &Handbook, sites: &[Site], theme: &Theme) -> Result<OutputFile, Diagnostic> {
    let language = &handbook.config.language;
    let labels = theme.labels(language).ok_or_else(|| {
        theme.unknown_language(
            language,
            crate::content::division::language_origin(&handbook.config, None),
        )
    })?;
    let entries: Vec<ChooserEntry> = handbook
        .divisions
        .iter()
        .map(|d| ChooserEntry {
            id: &d.id,
            name: d.name(),
            href: format!("{}/index.html", d.id),
        })
        .collect();
    let first = sites.first();
    let mut context = Context::new();
    context.insert("t", labels);
    context.insert("root", "");
    context.insert("divisions", &entries);
    context.insert("title", &handbook.config.title);
    context.insert("language", language);
    context.insert("noindex", &handbook.config.noindex);
    context.insert(
        "static_prefix",
        &first.map(|s| s.prefix.clone()).unwrap_or_default(),
    );
    let html = theme
        .tera
        .render("chooser.html", &context)
        .map_err(|error| theme.render_error(&error, "the division chooser"))?;
    Ok(OutputFile::html("index.html".to_string(), html))
}
