//! Heading ids by GitHub's rule, so that `#anchors` also work in GitHub and editor previews.

use std::collections::{HashMap, HashSet};

/// The id GitHub gives a heading: lower case, punctuation removed, spaces to `-`;
/// letters of any alphabet (`æ`, `ø`, `å`), digits, `-` and `_` kept.
pub fn github_id(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// Hands out unique ids within one page: a repeated id gets `-1`, `-2`, ...
#[derive(Debug, Default)]
pub struct IdAllocator {
    used: HashSet<String>,
    /// For each repeated id, the first suffix not yet tried: every suffix below it is
    /// taken (ids are never given back), so the n-th repeat does not probe `-1` to
    /// `-n` again, which made 20,000 identical headings quadratic.
    next_suffix: HashMap<String, u32>,
}

impl IdAllocator {
    /// An allocator that will not hand out any of `reserved` (ids already on the page).
    pub fn with_reserved<'a>(reserved: impl IntoIterator<Item = &'a str>) -> Self {
        IdAllocator {
            used: reserved.into_iter().map(str::to_string).collect(),
            next_suffix: HashMap::new(),
        }
    }

    /// Takes an explicit `{#id}` as it is; `false` when the page already has that id.
    pub fn claim(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }

    /// A unique id for a heading with this text.
    pub fn unique(&mut self, text: &str) -> String {
        let base = github_id(text);
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        if self.used.insert(base.clone()) {
            return base;
        }
        let mut n = self.next_suffix.get(&base).copied().unwrap_or(1);
        let id = loop {
            let candidate = format!("{base}-{n}");
            n += 1;
            if self.used.insert(candidate.clone()) {
                break candidate;
            }
        };
        self.next_suffix.insert(base, n);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_githubs_rule() {
        assert_eq!(github_id("Mål og midler"), "mål-og-midler");
        assert_eq!(github_id("Hvad er det? (kort)"), "hvad-er-det-kort");
        assert_eq!(github_id("Trin 1: Forbered mødet"), "trin-1-forbered-mødet");
        assert_eq!(github_id("snake_case & more"), "snake_case--more");
        assert_eq!(github_id("Ærlighed"), "ærlighed");
    }

    #[test]
    fn repeated_ids_get_suffixes() {
        let mut ids = IdAllocator::default();
        assert_eq!(ids.unique("Mål"), "mål");
        assert_eq!(ids.unique("Mål"), "mål-1");
        assert_eq!(ids.unique("Mål"), "mål-2");
        let mut local = IdAllocator::with_reserved(["mål"]);
        assert_eq!(local.unique("Mål"), "mål-1");
    }

    #[test]
    fn suffixes_skip_ids_taken_explicitly_and_stay_the_smallest_free() {
        let mut ids = IdAllocator::default();
        assert!(ids.claim("mål-2"));
        assert_eq!(ids.unique("Mål"), "mål");
        assert_eq!(ids.unique("Mål"), "mål-1");
        assert_eq!(ids.unique("Mål"), "mål-3");
        assert!(ids.claim("mål-4"));
        assert_eq!(ids.unique("Mål"), "mål-5");
        // `mål-1` as a heading's own text is taken already: it gets a suffix of its own.
        assert_eq!(ids.unique("Mål-1"), "mål-1-1");
    }
}
