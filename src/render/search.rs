//! Search: the one module that knows pagefind. Each division's rendered pages are
//! indexed in memory, in that division's language (Danish stemming for `da`), into
//! bundles its search page merges; the first, `pagefind/`, also carries pagefind's
//! search UI.
//!
//! A division's folder holds exactly the search data of the pages it shows. Shared
//! pages that the same divisions show as HR wrote them (a visibility class) are indexed
//! once, and the bundle is copied into those divisions' folders only; a division's own
//! pages, and classes too small to be worth a bundle, go to its own index. Big indexes
//! are split into shards; a few indexes are built at a time, and each one's files are
//! handed on and dropped as soon as it is built.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::messages::{Message, msg};
use crate::output::{Contents, OutputFile};

use super::context::SiteContext;

/// What search keeps of a rendered page.
pub struct SearchRecord {
    /// The output path (with the site's prefix).
    pub path: String,
    /// The document to index; `None` when another division's copy is indexed.
    pub html: Option<Box<str>>,
    /// The content path of a shared page shown as HR wrote it: its record is the same
    /// in every division that shows it so, which may then share its index.
    pub shared: Option<String>,
}

impl SearchRecord {
    pub fn new(path: String, html: Option<String>, shared: Option<String>) -> Self {
        SearchRecord {
            path,
            // Kept until the index is built: copied into an allocation of its exact
            // size, as a string grown while it was written may hold twice its length.
            html: html.map(|html| Box::from(html.as_str())),
            shared,
        }
    }
}

/// What identifies a shared page's search record: its path, and the language it is
/// indexed in (sites in other languages stem its words differently).
pub fn shared_key(language: &str, path: &str) -> String {
    format!("{language}:{path}")
}

/// Parts of a page that are navigation, not content.
const NOT_CONTENT: [&str; 5] = [
    ".breadcrumbs",
    ".toc",
    ".pager",
    ".page__tags",
    "[data-pagefind-ignore]",
];

/// One page for the index: its path relative to the site, and its HTML. Owned, so
/// that each page's text is dropped as soon as its index is built.
pub struct Document {
    pub path: String,
    pub html: String,
}

/// A search bundle (index, fragments and pagefind's UI): file names within the bundle
/// folder, and their bytes.
pub type Bundle = Vec<(String, Vec<u8>)>;

/// Builds a bundle from `documents`. `what` names the bundle in a failure.
pub fn index(
    what: &Message,
    language: &str,
    documents: Vec<Document>,
) -> Result<Bundle, Diagnostic> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| failure(what, &e.to_string()))?;
    let files = runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .force_language(language.to_string())
            .keep_index_url(true)
            .exclude_selectors(NOT_CONTENT.iter().map(|s| s.to_string()).collect())
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
        for document in documents {
            index
                .add_html_file(Some(document.path.clone()), None, document.html)
                .await
                .map_err(|e| format!("{}: {e}", document.path))?;
        }
        index.get_files().await.map_err(|e| e.to_string())
    });
    let mut files: Vec<(String, Vec<u8>)> = files
        .map_err(|e| failure(what, &e))?
        .into_iter()
        .map(|file| {
            (
                file.filename.to_string_lossy().replace('\\', "/"),
                file.contents,
            )
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

fn failure(what: &Message, message: &str) -> Diagnostic {
    Diagnostic::error(msg!("search-failed", site = what.clone(), detail = message))
        .hint(msg!("search-failed-hint"))
}

/// At most this many pages go into one search index: pagefind holds every page of an
/// index in memory until the index is written (about 170 kB a page), so a big site is
/// split into shards, built a few at a time and merged again by the search page.
const SHARD_SIZE: usize = 500;

/// A visibility class gets a bundle of its own from this many pages; the pages of a
/// smaller one are indexed with each of its divisions' own pages instead, so that a
/// search page does not merge dozens of tiny bundles (each loads its own copy of
/// pagefind's WebAssembly).
const MIN_CLASS_PAGES: usize = 10;

/// The folder names of a bundle's shards: `base`, `base-2`, ...
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

/// `documents` split into shards of at most `SHARD_SIZE` (one, maybe empty, at least).
fn shards(mut documents: Vec<Document>) -> Vec<Vec<Document>> {
    let count = documents.len().div_ceil(SHARD_SIZE).max(1);
    let size = documents.len().div_ceil(count).max(1);
    let mut out = Vec::with_capacity(count);
    while documents.len() > size {
        let rest = documents.split_off(size);
        out.push(std::mem::replace(&mut documents, rest));
    }
    out.push(documents);
    out
}

/// One index to build: which bundle folder, for which sites, from which pages.
struct IndexJob {
    /// The sites (indexes into the contexts) whose folders get the bundle.
    sites: Vec<usize>,
    folder: String,
    language: String,
    what: Message,
    documents: Vec<Document>,
    /// The first bundle of a site carries the search UI; the others only the index.
    with_ui: bool,
}

/// Shared pages grouped by the set of sites that show them as HR wrote them (sorted
/// site indexes), each group sorted by path.
type Classes = BTreeMap<Vec<usize>, Vec<Document>>;

/// Where built bundles go as soon as they are made.
pub type Put<'a> = dyn Fn(Vec<OutputFile>) -> Result<(), Diagnostic> + Sync + 'a;

/// The search indexes of every site, each handed to `put` as soon as it is built; returns
/// `pagefind-bundles.json` of each site (the bundles its search page merges besides
/// `pagefind/`).
pub fn bundles(
    contexts: &[SiteContext],
    pages: Vec<SearchRecord>,
    put: &Put,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let (mut own, classes) = sort_records(contexts, pages);
    let mut plan = Plan {
        jobs: Vec::new(),
        shared_folders: vec![Vec::new(); contexts.len()],
    };
    plan.classes(contexts, classes, &mut own);
    let lists = plan.own(contexts, own);
    build_all(plan.jobs, contexts, put)?;
    Ok(lists)
}

/// The indexes to build, and the shared bundles each site merges.
struct Plan {
    jobs: Vec<IndexJob>,
    shared_folders: Vec<Vec<String>>,
}

impl Plan {
    /// A bundle per visibility class big enough; the pages of the others go to the own
    /// index of each site that shows them.
    fn classes(&mut self, contexts: &[SiteContext], classes: Classes, own: &mut [Vec<Document>]) {
        let mut bundled = 0;
        for (sites, documents) in classes {
            if sites.len() < 2 || documents.len() < MIN_CLASS_PAGES {
                for document in &documents {
                    for &site in &sites {
                        own[site].push(Document {
                            path: document.path.clone(),
                            html: document.html.clone(),
                        });
                    }
                }
                continue;
            }
            bundled += 1;
            let language = &contexts[sites[0]].site.language;
            let what = msg!("search-shared-pages", count = sites.len());
            let parts = shards(documents);
            let folders = shard_folders(&format!("pagefind-shared-{bundled}"), parts.len());
            for (documents, folder) in parts.into_iter().zip(folders) {
                for &site in &sites {
                    self.shared_folders[site].push(folder.clone());
                }
                self.jobs.push(IndexJob {
                    sites: sites.clone(),
                    folder,
                    language: language.clone(),
                    what: what.clone(),
                    documents,
                    with_ui: false,
                });
            }
        }
    }

    /// Each site's own index (in shards), and the list of bundles its search page merges.
    fn own(&mut self, contexts: &[SiteContext], own: Vec<Vec<Document>>) -> Vec<OutputFile> {
        let mut lists = Vec::new();
        for (i, (sc, mut documents)) in contexts.iter().zip(own).enumerate() {
            documents.sort_by(|a, b| a.path.cmp(&b.path));
            let parts = shards(documents);
            let folders = shard_folders("pagefind", parts.len());
            let extra: Vec<&String> = folders[1..].iter().chain(&self.shared_folders[i]).collect();
            lists.push(bundle_list(sc, &extra));
            let what = sc.site.id.map_or(msg!("search-the-site"), |id| {
                msg!("division-label", id = id)
            });
            for (n, (documents, folder)) in parts.into_iter().zip(folders).enumerate() {
                self.jobs.push(IndexJob {
                    sites: vec![i],
                    folder,
                    language: sc.site.language.clone(),
                    what: what.clone(),
                    documents,
                    with_ui: n == 0,
                });
            }
        }
        lists
    }
}

/// At most this many pages are being indexed at a time, over all the indexes under way:
/// two full shards never are (each holds about 170 kB a page until it is written), while
/// small indexes still are built side by side.
const PAGES_IN_FLIGHT: usize = SHARD_SIZE;

/// Builds the indexes in waves of at most `PAGES_IN_FLIGHT` pages (an index bigger than
/// that is a wave of its own), the indexes of a wave side by side, and hands each one's
/// files on as soon as it is built: only the indexes under way are in memory, and each
/// one's pages are dropped with it. (Waves rather than a lock each index waits for:
/// pagefind uses rayon itself, and a rayon thread waiting for a lock may hold it.)
fn build_all(jobs: Vec<IndexJob>, contexts: &[SiteContext], put: &Put) -> Result<(), Diagnostic> {
    for wave in waves(jobs, PAGES_IN_FLIGHT) {
        wave.into_par_iter().try_for_each(|mut job| {
            let documents = std::mem::take(&mut job.documents);
            let bundle = index(&job.what, &job.language, documents)?;
            put(bundle_files(&job, bundle, contexts))
        })?;
    }
    Ok(())
}

/// `jobs` in order, cut into waves of at most `pages` pages (or of one bigger job).
fn waves(jobs: Vec<IndexJob>, pages: usize) -> Vec<Vec<IndexJob>> {
    let mut waves: Vec<Vec<IndexJob>> = Vec::new();
    let mut in_wave = 0;
    for job in jobs {
        let size = job.documents.len();
        match waves.last_mut() {
            Some(wave) if in_wave + size <= pages => {
                in_wave += size;
                wave.push(job);
            }
            _ => {
                in_wave = size;
                waves.push(vec![job]);
            }
        }
    }
    waves
}

/// Each site's own documents, and the shared pages by visibility class.
fn sort_records(
    contexts: &[SiteContext],
    pages: Vec<SearchRecord>,
) -> (Vec<Vec<Document>>, Classes) {
    let by_prefix: HashMap<&str, usize> = contexts
        .iter()
        .enumerate()
        .map(|(i, sc)| (sc.site.prefix.as_str(), i))
        .collect();
    let mut own: Vec<Vec<Document>> = (0..contexts.len()).map(|_| Vec::new()).collect();
    let mut shown: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut documents: BTreeMap<String, Document> = BTreeMap::new();
    for page in pages {
        let Some((site, path)) = site_of(&by_prefix, &page.path) else {
            continue;
        };
        let document = page.html.map(|html| Document {
            path: path.to_string(),
            html: String::from(html),
        });
        match page.shared {
            None => own[site].extend(document),
            Some(key) => {
                shown.entry(key.clone()).or_default().push(site);
                if let Some(document) = document {
                    documents.insert(key, document);
                }
            }
        }
    }
    let mut classes = Classes::new();
    for (key, document) in documents {
        let mut sites = shown.remove(&key).unwrap_or_default();
        sites.sort_unstable();
        classes.entry(sites).or_default().push(document);
    }
    for documents in classes.values_mut() {
        documents.sort_by(|a, b| a.path.cmp(&b.path));
    }
    (own, classes)
}

/// The site an output path belongs to (by its prefix), and the path within that site.
fn site_of<'p>(by_prefix: &HashMap<&str, usize>, path: &'p str) -> Option<(usize, &'p str)> {
    if let Some(&site) = by_prefix.get("") {
        return Some((site, path));
    }
    let (first, rest) = path.split_once('/')?;
    let site = *by_prefix.get(format!("{first}/").as_str())?;
    Some((site, rest))
}

/// pagefind's files that only the first bundle of a site needs: the search UI, and the
/// scripts that load every other bundle.
fn is_ui_file(name: &str) -> bool {
    name == "pagefind.js"
        || name == "pagefind-worker.js"
        || name == "pagefind-highlight.js"
        || name.starts_with("pagefind-ui.")
        || name.starts_with("pagefind-component-ui.")
        || name.starts_with("pagefind-modular-ui.")
}

/// The files of one built index, in the folder of each site that shows its pages; a
/// bundle several sites share is one set of bytes.
fn bundle_files(job: &IndexJob, bundle: Bundle, contexts: &[SiteContext]) -> Vec<OutputFile> {
    let bundle: Vec<(String, Arc<[u8]>)> = bundle
        .into_iter()
        .filter(|(name, _)| job.with_ui || !is_ui_file(name))
        .map(|(name, bytes)| (name, Arc::from(bytes)))
        .collect();
    job.sites
        .iter()
        .flat_map(|&site| {
            let prefix = &contexts[site].site.prefix;
            bundle.iter().map(move |(name, bytes)| OutputFile {
                path: format!("{prefix}{}/{name}", job.folder),
                contents: Contents::Shared(bytes.clone()),
            })
        })
        .collect()
}

/// `pagefind-bundles.json`: the bundles a site's search page merges with its own first
/// one. Every bundle in a site's folder holds only pages that site shows, so the search
/// page filters nothing.
fn bundle_list(sc: &SiteContext, extra: &[&String]) -> OutputFile {
    let bundles: Vec<String> = extra.iter().map(|folder| format!("{folder}/")).collect();
    let list = serde_json::json!({ "bundles": bundles });
    OutputFile {
        path: format!("{}pagefind-bundles.json", sc.site.prefix),
        contents: Contents::Bytes(serde_json::to_vec(&list).expect("a list of bundles serializes")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(pages: usize) -> IndexJob {
        IndexJob {
            sites: vec![0],
            folder: format!("pagefind-{pages}"),
            language: "da".into(),
            what: msg!("search-the-site"),
            documents: (0..pages)
                .map(|n| Document {
                    path: format!("{n}.html"),
                    html: String::new(),
                })
                .collect(),
            with_ui: false,
        }
    }

    #[test]
    fn indexes_are_built_in_waves_of_bounded_pages() {
        let sizes = |waves: Vec<Vec<IndexJob>>| -> Vec<Vec<usize>> {
            waves
                .into_iter()
                .map(|wave| wave.iter().map(|j| j.documents.len()).collect())
                .collect()
        };
        let jobs = vec![
            job(500),
            job(500),
            job(200),
            job(300),
            job(10),
            job(800),
            job(5),
        ];
        assert_eq!(
            sizes(waves(jobs, 500)),
            vec![
                vec![500],
                vec![500],
                vec![200, 300],
                vec![10],
                vec![800],
                vec![5]
            ]
        );
        assert!(waves(Vec::new(), 500).is_empty());
    }
}
