//! The files of each site besides its pages: the theme's static files and the site's
//! handouts, the calendar feeds, the sitemap and the change feed. Each output is a small function from a
//! finished site context to files.

use crate::output::{Contents, OutputFile};
use crate::urls;

use super::changes;
use super::context::SiteContext;
use super::ical;
use super::pages;
use super::theme::Theme;

/// An output of one site.
pub type SiteOutput = fn(&SiteContext, &Theme) -> Vec<OutputFile>;

/// Every per-site output, in the order they are made.
pub const SITE_OUTPUTS: [SiteOutput; 4] = [static_files, calendar_files, sitemap, changes::feed];

/// The theme's static files, the highlighting stylesheet, and the site's handouts and
/// other files.
fn static_files(sc: &SiteContext, theme: &Theme) -> Vec<OutputFile> {
    let site = sc.site;
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
        path: format!("{}{}", site.prefix, urls::file_url(f.path)),
        contents: Contents::Copy(crate::source::Snapshot {
            path: f.absolute.to_path_buf(),
            size: f.size,
        }),
    }));
    files
}

fn highlight_css() -> std::sync::Arc<[u8]> {
    static CSS: std::sync::LazyLock<std::sync::Arc<[u8]>> = std::sync::LazyLock::new(|| {
        std::sync::Arc::from(crate::markdown::highlight_stylesheet().into_bytes())
    });
    CSS.clone()
}

/// `calendar.ics` and, with a follow-up start date, `followup.ics`.
fn calendar_files(sc: &SiteContext, _: &Theme) -> Vec<OutputFile> {
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

/// `sitemap.xml` with the site's pages, when `base_url` says where the site lives.
fn sitemap(sc: &SiteContext, _: &Theme) -> Vec<OutputFile> {
    let site = sc.site;
    let Some(base) = site.base_url.map(|b| b.trim_end_matches('/')) else {
        return Vec::new();
    };
    let mut paths: Vec<String> = pages::jobs(sc, None)
        .iter()
        .filter(|job| job.is_content())
        .map(|job| urls::output_file(job.url()))
        .collect();
    paths.sort_unstable();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
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
    vec![OutputFile {
        path: format!("{}sitemap.xml", site.prefix),
        contents: Contents::Bytes(xml.into_bytes()),
    }]
}
