//! Search: the one module that knows pagefind. Each division's rendered pages are
//! indexed in memory, in that division's language (Danish stemming for `da`), into its
//! own `pagefind/` bundle, which also carries pagefind's search UI.

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::diagnostics::Diagnostic;

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
