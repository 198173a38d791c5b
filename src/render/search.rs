//! Search: the one module that knows pagefind. Each division's rendered pages are
//! indexed in memory, in that division's language (Danish stemming for `da`), into its
//! own `pagefind/` bundle, which also carries pagefind's search UI.

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::diagnostics::Diagnostic;
use crate::output::{Contents, OutputFile};

/// Parts of a page that are navigation, not content.
const NOT_CONTENT: [&str; 5] = [
    ".breadcrumbs",
    ".toc",
    ".pager",
    ".page__tags",
    "[data-pagefind-ignore]",
];

/// The search bundle for one site, from its pages (paths relative to the site).
pub fn index(
    prefix: &str,
    language: &str,
    pages: &[(&str, &[u8])],
) -> Result<Vec<OutputFile>, Diagnostic> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| failure(prefix, &e.to_string()))?;
    let files = runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .force_language(language.to_string())
            .keep_index_url(true)
            .exclude_selectors(NOT_CONTENT.iter().map(|s| s.to_string()).collect())
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
        for (path, html) in pages {
            let html = String::from_utf8_lossy(html).into_owned();
            index
                .add_html_file(Some((*path).to_string()), None, html)
                .await
                .map_err(|e| format!("{path}: {e}"))?;
        }
        index.get_files().await.map_err(|e| e.to_string())
    });
    let files = files.map_err(|e| failure(prefix, &e))?;
    let mut output: Vec<OutputFile> = files
        .into_iter()
        .map(|file| {
            let name = file.filename.to_string_lossy().replace('\\', "/");
            OutputFile {
                path: format!("{prefix}pagefind/{name}"),
                contents: Contents::Bytes(file.contents),
            }
        })
        .collect();
    output.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(output)
}

fn failure(prefix: &str, message: &str) -> Diagnostic {
    let site = if prefix.is_empty() {
        "the site".to_string()
    } else {
        format!("division {}", prefix.trim_end_matches('/'))
    };
    Diagnostic::error(format!("building the search index of {site} failed: {message}"))
        .hint("build with `--no-search` (or `search: false` in handbook.yaml) to go on without search, and report this")
}
