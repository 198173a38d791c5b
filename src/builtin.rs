//! The default theme, built into the binary from `themes/default/`. Render's theme reads
//! its files (a handbook's own theme overrides them file by file); hints for authors
//! read its labels, to name values as the site shows them (`Arrangement` for the
//! channel `event`).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use include_dir::{Dir, include_dir};

pub static THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The built-in labels of every language, parsed once.
static LABELS: LazyLock<BTreeMap<String, BTreeMap<String, String>>> = LazyLock::new(|| {
    THEME
        .find("i18n/*.yaml")
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.as_file())
        .filter_map(|file| {
            let language = file.path().file_stem()?.to_str()?.to_string();
            let text = std::str::from_utf8(file.contents()).ok()?;
            let origin = crate::yaml::Origin {
                file: "themes/default/i18n",
                first_line: 1,
            };
            Some((language, crate::yaml::parse(text, origin).ok()?))
        })
        .collect()
});

/// The built-in label `key` in `language`.
pub fn label(language: &str, key: &str) -> Option<&'static str> {
    LABELS.get(language)?.get(key).map(String::as_str)
}

/// The built-in label `key` in every language, as (language, text).
pub fn label_everywhere(key: &str) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    LABELS
        .iter()
        .filter_map(move |(language, labels)| Some((language.as_str(), labels.get(key)?.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_read_from_the_built_in_theme() {
        assert_eq!(label("da", "channel_event"), Some("Arrangement"));
        assert_eq!(label("en", "home"), Some("Home"));
        assert_eq!(label_everywhere("channel_event").count(), 6);
        assert_eq!(label("xx", "home"), None);
    }
}
