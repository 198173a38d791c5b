//! URLs: the rules that turn content paths into output paths and links between them.
//!
//! Every URL here is *site-relative* (`experiences/03-linjeledere/`, no leading slash);
//! pages link to each other with `href`s made relative by `href`, so the output works
//! wherever it is copied, also opened from disk.

use crate::messages::msg;

/// One path segment as it appears in URLs: lower case, `æ ø å` as `ae oe aa`, anything
/// outside `a-z0-9-` as `-`.
pub fn slug_segment(segment: &str) -> String {
    let mut slug = String::with_capacity(segment.len());
    for c in segment.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' | '-' => slug.push(c),
            'æ' => slug.push_str("ae"),
            'ø' => slug.push_str("oe"),
            'å' => slug.push_str("aa"),
            _ => slug.push('-'),
        }
    }
    slug
}

/// The site-relative URL of the page whose source is `path` (relative to `content/`).
///
/// `index.md` is the front page (`""`), `x/_index.md` the section page `x/`, `a/b.md`
/// the page `a/b/`, and the programme data files their generated pages.
pub fn page_url(path: &str) -> String {
    let (dir, file) = split_last(path);
    let mut segments: Vec<String> = dir
        .split('/')
        .filter(|s| !s.is_empty())
        .map(slug_segment)
        .collect();
    let stem = file
        .strip_suffix(".md")
        .or_else(|| file.strip_suffix(".yaml"))
        .unwrap_or(file);
    let is_index = stem == "_index" || (stem == "index" && dir.is_empty());
    if !is_index {
        segments.push(slug_segment(stem));
    }
    directory_url(&segments)
}

/// The site-relative URL of a section (a folder of `content/`).
pub fn section_url(folder: &str) -> String {
    let segments: Vec<String> = folder
        .split('/')
        .filter(|s| !s.is_empty())
        .map(slug_segment)
        .collect();
    directory_url(&segments)
}

fn directory_url(segments: &[String]) -> String {
    if segments.is_empty() {
        String::new()
    } else {
        format!("{}/", segments.join("/"))
    }
}

/// The site-relative URL of a file that is copied as it is (a handout, an image): the
/// folders and the name slugged, the extension kept in lower case.
pub fn file_url(path: &str) -> String {
    let (dir, file) = split_last(path);
    let mut segments: Vec<String> = dir
        .split('/')
        .filter(|s| !s.is_empty())
        .map(slug_segment)
        .collect();
    let name = match file.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => {
            format!("{}.{}", slug_segment(stem), slug_segment(extension))
        }
        _ => slug_segment(file),
    };
    segments.push(name);
    segments.join("/")
}

fn split_last(path: &str) -> (&str, &str) {
    path.rsplit_once('/').unwrap_or(("", path))
}

/// The path of the output file for a site-relative URL: directories get `index.html`.
pub fn output_file(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') {
        format!("{url}index.html")
    } else {
        url.to_string()
    }
}

/// The prefix that leads from the page at `from` back to the site root (`../../`).
pub fn root_prefix(from: &str) -> String {
    let depth = output_file(from).matches('/').count();
    "../".repeat(depth)
}

/// An `href` from the page at `from` to `to`, both site-relative. Directory URLs get an
/// explicit `index.html` so that links also work from disk.
pub fn href(from: &str, to: &str) -> String {
    format!("{}{}", root_prefix(from), output_file(to))
}

/// Joins `relative` (a link in a file at `from_dir`) and normalises `.` and `..`.
/// `None` when the path climbs above the root.
pub fn join(from_dir: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let mut joined = parts.join("/");
    if relative.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

/// The folder part of a content path (`experiences` for `experiences/03-x.md`).
pub fn parent(path: &str) -> &str {
    split_last(path).0
}

/// The longest file or folder name, in bytes, that common file systems (ext4, APFS,
/// NTFS) accept.
pub const MAX_NAME: usize = 255;

/// The longest output path we write, in bytes, relative to the output folder: Linux
/// refuses paths over 4096 bytes, and the output folder's own path comes on top.
pub const MAX_PATH: usize = 3800;

/// An error naming `source` when `written` (a path relative to the output folder) has
/// a name or a length that file systems refuse, so that `check` finds what `build`
/// would fail on.
pub fn check_length(written: &str, source: &str) -> Option<crate::diagnostics::Diagnostic> {
    let message = if let Some(name) = written.split('/').find(|s| s.len() > MAX_NAME) {
        let shown: String = name.chars().take(40).collect();
        msg!(
            "url-name-too-long",
            name = shown,
            bytes = name.len(),
            max = MAX_NAME
        )
    } else if written.len() > MAX_PATH {
        msg!("url-path-too-long", bytes = written.len(), max = MAX_PATH)
    } else {
        return None;
    };
    Some(
        crate::diagnostics::Diagnostic::error(message)
            .in_file(source)
            .hint(msg!("url-too-long-hint")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_urls_follow_the_path_rules() {
        assert_eq!(
            page_url("experiences/03-linjeledere.md"),
            "experiences/03-linjeledere/"
        );
        assert_eq!(page_url("index.md"), "");
        assert_eq!(page_url("modules/_index.md"), "modules/");
        assert_eq!(
            page_url("Vejledning/Mål og Midler.md"),
            "vejledning/maal-og-midler/"
        );
        assert_eq!(page_url("followup.yaml"), "followup/");
        assert_eq!(page_url("a/index.md"), "a/index/");
    }

    #[test]
    fn colliding_sources_get_the_same_url() {
        assert_eq!(page_url("Foo.md"), page_url("foo.md"));
        assert_eq!(page_url("x.md"), page_url("x/_index.md"));
    }

    #[test]
    fn file_urls_keep_the_extension() {
        assert_eq!(
            file_url("handouts/Mødepakke uge 1.PDF"),
            "handouts/moedepakke-uge-1.pdf"
        );
        assert_eq!(file_url("handouts/.x"), "handouts/-x");
    }

    #[test]
    fn hrefs_climb_to_the_root_and_name_index_html() {
        assert_eq!(
            href("experiences/03-x/", "modules/m/"),
            "../../modules/m/index.html"
        );
        assert_eq!(href("", "modules/m/"), "modules/m/index.html");
        assert_eq!(href("modules/m/", ""), "../../index.html");
        assert_eq!(href("modules/m/", "handouts/a.pdf"), "../../handouts/a.pdf");
        assert_eq!(href("404.html", "style.css"), "style.css");
    }

    #[test]
    fn join_normalises_and_refuses_to_climb_out() {
        assert_eq!(
            join("experiences", "../modules/m.md").as_deref(),
            Some("modules/m.md")
        );
        assert_eq!(join("", "./a/b.md").as_deref(), Some("a/b.md"));
        assert_eq!(join("", "modules/").as_deref(), Some("modules/"));
        assert_eq!(join("a", "../../x.md"), None);
    }

    #[test]
    fn output_names_past_the_file_system_limits_are_errors() {
        let name = "a".repeat(MAX_NAME);
        assert!(check_length(&format!("stories/{name}/index.html"), "s.md").is_none());
        let longer = format!("stories/privat-{name}/index.html");
        let error = check_length(&longer, "content/divisions/privat/stories/x.md").unwrap();
        assert!(error.message.contains("262 bytes"), "{}", error.message);
        assert_eq!(
            error.file.as_deref(),
            Some("content/divisions/privat/stories/x.md")
        );
        let deep = "abc/".repeat(1000);
        assert!(
            check_length(&deep, "x.md")
                .unwrap()
                .message
                .contains("4000 bytes")
        );
    }
}
