//! Raw HTML in Markdown: the one module that knows ammonia.

use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id", "class", "title", "lang", "dir"])
        .add_tags(["input"])
        // Task lists: a disabled checkbox named by its item (`markdown::markup`).
        .add_tag_attributes("input", ["type", "checked", "disabled", "aria-label"])
        .link_rel(None);
    builder
});

/// Keeps safe markup; removes scripts, event handlers, iframes, styles and
/// `javascript:`/`vbscript:`/`data:` URLs.
pub fn sanitize(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_markup_is_removed_and_safe_markup_kept() {
        let dirty = r#"<p onclick="x()">Hej <kbd>Ctrl</kbd><script>alert(1)</script>
<a href="javascript:alert(1)">a</a><iframe src="https://x"></iframe>
<img src="data:image/png;base64,AAAA" alt="d"><td style="text-align: center; color: red">c</td></p>"#;
        let clean = sanitize(dirty);
        for banned in [
            "onclick",
            "<script",
            "javascript:",
            "<iframe",
            "data:",
            "color",
            // The site's Content-Security-Policy would not apply it anyway.
            "style=",
        ] {
            assert!(!clean.contains(banned), "{banned} in {clean}");
        }
        assert!(clean.contains("<kbd>Ctrl</kbd>"), "{clean}");
    }
}
