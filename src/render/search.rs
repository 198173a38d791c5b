//! Search: the one module that knows pagefind. Each division's rendered pages are
//! indexed in memory, in that division's language (Danish stemming for `da`), into its
//! own `pagefind/` bundle, which also carries pagefind's search UI. Shared pages that
//! several divisions show as HR wrote them are indexed once, and big indexes are split
//! into shards built in parallel.

use std::collections::BTreeMap;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::output::{Contents, OutputFile};

use super::context::SiteContext;

/// What search keeps of a rendered page.
pub struct SearchRecord {
    /// The output path (with the site's prefix).
    pub path: String,
    /// The document to index; `None` when another division's copy is indexed.
    pub html: Option<String>,
    /// The content path of a shared page shown as HR wrote it: its record is the same
    /// in every division, so it goes to the index they share.
    pub shared: Option<String>,
}

/// Parts of a page that are navigation, not content.
const NOT_CONTENT: [&str; 5] = [
    ".breadcrumbs",
    ".toc",
    ".pager",
    ".page__tags",
    "[data-pagefind-ignore]",
];

/// One page for the index: its path relative to the site, its HTML, and the values of
/// the `site` filter it carries (the divisions a shared page is valid in).
pub struct Document<'a> {
    pub path: &'a str,
    pub html: &'a str,
    pub sites: Vec<&'a str>,
}

/// A search bundle (index, fragments and pagefind's UI): file names within the bundle
/// folder, and their bytes.
pub type Bundle = Vec<(String, Vec<u8>)>;

/// Builds a bundle from `documents`. `what` names the bundle in a failure.
pub fn index(what: &str, language: &str, documents: &[Document]) -> Result<Bundle, Diagnostic> {
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
            let html = with_site_filters(document.html, &document.sites);
            index
                .add_html_file(Some(document.path.to_string()), None, html)
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

/// Tags a page with the divisions it is valid in, as pagefind filter values (attributes
/// only: no text that would be indexed).
fn with_site_filters(html: &str, sites: &[&str]) -> String {
    if sites.is_empty() {
        return html.to_string();
    }
    let tags: String = sites
        .iter()
        .map(|id| {
            format!(
                "<span data-pagefind-filter=\"site:{}\" hidden></span>",
                crate::markdown::escape(id)
            )
        })
        .collect();
    match html.rfind("</main>") {
        Some(end) => format!("{}{tags}{}", &html[..end], &html[end..]),
        None => format!("{html}{tags}"),
    }
}

fn failure(what: &str, message: &str) -> Diagnostic {
    Diagnostic::error(format!("building the search index of {what} failed: {message}"))
        .hint("build with `--no-search` (or `search: false` in handbook.yaml) to go on without search, and report this")
}

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
    documents: &'p [Document<'p>],
}

/// The search indexes. With several divisions, the shared pages every division shows as
/// HR wrote them are indexed once, into `pagefind-shared/` (copied into each division's
/// folder and filtered there to the pages that division has); each division's own index
/// holds only the rest of its pages. Big indexes are split into shards. Each site gets
/// `pagefind-bundles.json`, the list of bundles its search page merges besides
/// `pagefind/`.
pub fn bundles(
    language: &str,
    contexts: &[SiteContext],
    pages: &[SearchRecord],
    shared_search: bool,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let shared = if shared_search {
        shared_documents(contexts, pages)
    } else {
        Vec::new()
    };
    let own: Vec<(&SiteContext, Vec<Document>)> = contexts
        .iter()
        .map(|sc| (sc, own_documents(sc, pages, shared_search)))
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
            language: language.to_string(),
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
            .id
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
        // A division in another language has no page in the shared (original) index.
        let shared_folders = match sc.site.translation_language() {
            None => shared_folders.as_slice(),
            Some(_) => &[],
        };
        bundle_lists.push(bundle_list(sc, &folders[1..], shared_folders));
    }
    let built: Vec<(IndexJob, Bundle)> = jobs
        .into_par_iter()
        .map(|job| index(&job.what, &job.language, job.documents).map(|files| (job, files)))
        .collect::<Result<_, Diagnostic>>()?;
    let mut files = bundle_lists;
    for (job, bundle) in built {
        files.extend(bundle_files(&job, bundle, contexts));
    }
    Ok(files)
}

/// A division's own pages (not those in the shared index), sorted by path.
fn own_documents<'p>(
    sc: &'p SiteContext,
    pages: &'p [SearchRecord],
    shared_search: bool,
) -> Vec<Document<'p>> {
    // With a shared index, the division's own pages carry its id too: the search page
    // filters every bundle on it.
    let sites = match (shared_search, sc.site.id) {
        (true, Some(id)) => vec![id],
        _ => Vec::new(),
    };
    let mut documents: Vec<Document> = pages
        .iter()
        .filter(|page| page.shared.is_none())
        .filter_map(|page| {
            Some(Document {
                path: page.path.strip_prefix(sc.site.prefix.as_str())?,
                html: page.html.as_deref()?,
                sites: sites.clone(),
            })
        })
        .collect();
    documents.sort_by(|a, b| a.path.cmp(b.path));
    documents
}

/// The files of one built index: in its division's folder, or (the shared index) in
/// every division's folder, the bytes shared.
fn bundle_files(job: &IndexJob, bundle: Bundle, contexts: &[SiteContext]) -> Vec<OutputFile> {
    if let Some(prefix) = &job.prefix {
        return bundle
            .into_iter()
            .map(|(name, bytes)| OutputFile {
                path: format!("{prefix}{}/{name}", job.folder),
                contents: Contents::Bytes(bytes),
            })
            .collect();
    }
    let bundle: Vec<(String, std::sync::Arc<[u8]>)> = bundle
        .into_iter()
        .map(|(name, bytes)| (name, std::sync::Arc::from(bytes)))
        .collect();
    contexts
        .iter()
        .filter(|sc| sc.site.translation_language().is_none())
        .flat_map(|sc| {
            bundle.iter().map(|(name, bytes)| OutputFile {
                path: format!("{}{}/{name}", sc.site.prefix, job.folder),
                contents: Contents::Shared(bytes.clone()),
            })
        })
        .collect()
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
    let site = sc.site.id.filter(|_| !shared.is_empty());
    let list = serde_json::json!({ "site": site, "bundles": bundles });
    OutputFile {
        path: format!("{}pagefind-bundles.json", sc.site.prefix),
        contents: Contents::Bytes(serde_json::to_vec(&list).expect("a list of bundles serializes")),
    }
}

/// Each shared page once, with the divisions whose site shows it unchanged.
fn shared_documents<'p>(
    contexts: &'p [SiteContext],
    pages: &'p [SearchRecord],
) -> Vec<Document<'p>> {
    let mut sites: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut documents: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
    for page in pages {
        let Some(key) = &page.shared else { continue };
        let Some(sc) = contexts.iter().find(|sc| {
            !sc.site.prefix.is_empty() && page.path.starts_with(sc.site.prefix.as_str())
        }) else {
            continue;
        };
        let (Some(id), Some(path)) = (sc.site.id, page.path.strip_prefix(sc.site.prefix.as_str()))
        else {
            continue;
        };
        sites.entry(key).or_default().push(id);
        if let Some(html) = &page.html {
            documents.insert(key, (path, html));
        }
    }
    documents
        .into_iter()
        .map(|(key, (path, html))| Document {
            path,
            html,
            sites: sites.remove(key).unwrap_or_default(),
        })
        .collect()
}
