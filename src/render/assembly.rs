//! How a run puts the print pages together, and what a preview keeps of them from one
//! run to the next: each site's outline (its chapters' keys, ids and table of contents)
//! and its chapters' HTML. Data only: `print` makes what is kept here.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use serde::Serialize;

/// A chapter as the print page's table of contents lists it.
#[derive(Debug, Serialize)]
pub(super) struct TocChapter {
    pub(super) id: String,
    pub(super) level: u8,
    pub(super) title: String,
    pub(super) local: bool,
    /// The title's language when it is shown untranslated.
    pub(super) lang: Option<String>,
}

/// The chapters of a site's print page, in order: their keys, levels and ids (unique on
/// the page, also for keys whose slugs are the same: `a/b.md` and `a-b.md`), and the
/// table of contents. Owned, so that a preview keeps it: an edit of a page's text
/// changes none of it.
#[derive(Debug)]
pub(super) struct Outline {
    pub(super) keys: Vec<String>,
    pub(super) levels: Vec<u8>,
    pub(super) ids: Vec<String>,
    /// Key -> chapter id, for links to printed pages.
    pub(super) chapters: BTreeMap<String, String>,
    pub(super) toc: Vec<TocChapter>,
    /// About how long the chapters are, to reserve room for them.
    pub(super) len_hint: usize,
}

/// What a preview keeps of each site's print page (by the site's prefix), from one
/// run to the next.
#[derive(Debug, Default)]
pub struct PrintCache {
    sites: Mutex<HashMap<String, Kept>>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Kept {
    pub(super) outline: Option<Arc<Outline>>,
    pub(super) chapters: Arc<Chapters>,
    /// The page's template filled, with the marker where the chapters go: its sidebar
    /// and table of contents change no more than the outline does.
    pub(super) shell: Option<Arc<str>>,
}

/// Chapter key -> its HTML.
pub(super) type Chapters = HashMap<String, Arc<str>>;

/// How a run assembles its print pages.
#[derive(Debug, Clone, Default)]
pub struct Assembly {
    /// What the last run kept, in a preview session.
    pub cache: Option<Arc<PrintCache>>,
    /// Only these pages (positions in the merged tree) changed since the last run, and
    /// only their text: the outline and every other chapter are as they were. `None`:
    /// make everything again.
    pub changed: Option<BTreeSet<String>>,
    /// This run's outlines (by prefix): made for the page's table of contents, used
    /// again for its chapters.
    outlines: Arc<Mutex<HashMap<String, Arc<Outline>>>>,
}

impl Assembly {
    pub fn new(cache: Option<Arc<PrintCache>>, changed: Option<BTreeSet<String>>) -> Self {
        Assembly {
            cache,
            changed,
            outlines: Arc::default(),
        }
    }

    /// What the last run kept of site `prefix`, when this run may use it.
    pub(super) fn kept(&self, prefix: &str) -> Option<Kept> {
        self.changed.as_ref()?;
        let cache = self.cache.as_ref()?;
        let sites = cache.sites.lock().expect("no panic while holding the lock");
        sites.get(prefix).cloned()
    }

    /// The outline of site `prefix`'s print page: made once a run (by `make`), or kept
    /// from the last one.
    pub(super) fn outline(&self, prefix: &str, make: impl FnOnce() -> Outline) -> Arc<Outline> {
        let outlines = || {
            self.outlines
                .lock()
                .expect("no panic while holding the lock")
        };
        if let Some(outline) = outlines().get(prefix) {
            return outline.clone();
        }
        // Made without the lock, so that sites do not wait for each other.
        let outline = self
            .kept(prefix)
            .and_then(|kept| kept.outline)
            .unwrap_or_else(|| Arc::new(make()));
        outlines()
            .entry(prefix.to_string())
            .or_insert(outline)
            .clone()
    }

    pub(super) fn keep(
        &self,
        prefix: &str,
        outline: Arc<Outline>,
        chapters: Chapters,
        shell: &str,
    ) {
        if let Some(cache) = &self.cache {
            let kept = Kept {
                outline: Some(outline),
                chapters: Arc::new(chapters),
                shell: Some(Arc::from(shell)),
            };
            let mut sites = cache.sites.lock().expect("no panic while holding the lock");
            sites.insert(prefix.to_string(), kept);
        }
    }

    /// The filled template of site `prefix`'s page, kept from the last run, when this
    /// run may use it.
    pub(super) fn kept_shell(&self, prefix: &str) -> Option<Arc<str>> {
        self.kept(prefix)?.shell
    }

    pub(super) fn is_unchanged(&self, key: &str) -> bool {
        self.changed.as_ref().is_some_and(|c| !c.contains(key))
    }
}
