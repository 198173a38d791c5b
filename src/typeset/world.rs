//! The Typst `World` the typesetter compiles in: in-memory sources and files, the fonts
//! embedded from `typst-assets`, and a fixed date. No file system, no network, no
//! packages, no clock, so the same book always gives the same bytes.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, LazyLock};

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The standard library, built once for every compilation.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The embedded fonts and their book, loaded once and shared by every compilation.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

/// The id of a file at `path` (absolute, `/main.typ`) in the project's virtual root.
pub(crate) fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(FileId::new(RootedPath::new(VirtualRoot::Project, vpath)))
}

/// One compilation's world: the sources we generated and the files we were given.
pub(crate) struct BookWorld {
    main: FileId,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
}

impl BookWorld {
    /// A world whose main file is `sources[0]`; `files` are the bytes images may read.
    pub(crate) fn new(
        sources: &[(&str, String)],
        files: &BTreeMap<String, Arc<[u8]>>,
        today: jiff::civil::Date,
    ) -> Result<Self, String> {
        let mut by_id = HashMap::new();
        for (path, text) in sources {
            let id = file_id(path).ok_or_else(|| format!("invalid source path {path:?}"))?;
            by_id.insert(id, Source::new(id, text.clone()));
        }
        let main = file_id(sources.first().map_or("", |(path, _)| path))
            .ok_or("a book needs a main source")?;
        let mut by_file = HashMap::new();
        for (path, bytes) in files {
            let id = file_id(path).ok_or_else(|| format!("invalid file path {path:?}"))?;
            by_file.insert(id, Bytes::new(Arc::clone(bytes)));
        }
        let today = Datetime::from_ymd(
            i32::from(today.year()),
            u8::try_from(today.month()).ok().unwrap_or(1),
            u8::try_from(today.day()).ok().unwrap_or(1),
        );
        Ok(BookWorld {
            main,
            sources: by_id,
            files: by_file,
            today,
        })
    }

    fn check_not_package(id: FileId) -> FileResult<()> {
        match id.root() {
            VirtualRoot::Package(spec) => Err(FileError::Package(PackageError::Other(Some(
                format!("packages ({spec}) are not available when typesetting a handbook").into(),
            )))),
            VirtualRoot::Project => Ok(()),
        }
    }
}

impl World for BookWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        Self::check_not_package(id)?;
        match self.sources.get(&id) {
            Some(source) => Ok(source.clone()),
            None if self.files.contains_key(&id) => Err(FileError::NotSource),
            None => Err(not_found(id)),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        Self::check_not_package(id)?;
        if let Some(bytes) = self.files.get(&id) {
            return Ok(bytes.clone());
        }
        match self.sources.get(&id) {
            Some(source) => Ok(Bytes::from_string(source.clone())),
            None => Err(not_found(id)),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    /// The book's date, whatever the offset asked for: a reproducible book has no clock.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_with_slash().into())
}
