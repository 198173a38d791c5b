//! The downloads of a division's site: `handbook.pdf` (the whole handbook, typeset),
//! `downloads/leader-kit.zip` (the follow-up's runbook and every week's meeting kit) and
//! `downloads/modules/<id>.zip` (a module's handouts, for trainers). Books are typeset
//! only when their input changed since the last build into the same folder.

use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::civil::Date;

use crate::diagnostics::Diagnostic;
use crate::messages::msg;
use crate::output::archive::Archive;
use crate::output::{self, Contents, OutputFile};
use crate::resolve::{HANDBOOK_PDF, LEADER_KIT, RUNBOOK, SiteFile, module_bundle_of, week_kit};
use crate::source::Snapshot;
use crate::typeset::{self, Book};

use super::book;
use super::context::SiteContext;

/// How the downloads are made.
#[derive(Debug, Clone, Default)]
pub struct DownloadOptions {
    /// Typeset the PDFs (`--no-pdf` and the preview leave them out).
    pub pdf: bool,
    /// The date on the books' covers and in the zips: the content's, not the clock's.
    pub edition: Date,
    /// The output folder of the last build and the fingerprints of the books it
    /// typeset, by output path: an unchanged book is taken from there.
    pub previous: Option<(PathBuf, BTreeMap<String, String>)>,
}

/// A site's downloads, the fingerprints of the books typeset for them, and problems.
#[derive(Default)]
pub struct Downloads {
    pub files: Vec<OutputFile>,
    pub typeset: Vec<(String, String)>,
    pub problems: Vec<Diagnostic>,
}

pub fn site(sc: &SiteContext, options: &DownloadOptions) -> Downloads {
    let mut out = Downloads::default();
    let prefix = &sc.site.prefix;
    if options.pdf {
        out.problems.extend(too_long(sc));
        let path = format!("{prefix}{HANDBOOK_PDF}");
        let pdf = typeset_once(
            &path,
            book::handbook(sc, options.edition),
            options,
            &mut out,
        );
        out.files
            .extend(pdf.map(|contents| OutputFile { path, contents }));
    }
    let kit = leader_kit(sc, options, &mut out);
    out.files.extend(kit);
    out.files.extend(module_bundles(sc, options.edition));
    out
}

/// A warning for each text of the site too long to print (`book::PRINTABLE_TEXT`). The
/// same for every division that shows the page: the run reports it once.
fn too_long(sc: &SiteContext) -> Vec<Diagnostic> {
    let texts = sc.site.pages.values().flat_map(|page| {
        let section = page.local_section.map(|s| (s.body, s.file));
        std::iter::once((page.body, page.file)).chain(section)
    });
    texts
        .filter(|(body, _)| body.source.len() > book::PRINTABLE_TEXT)
        .map(|(body, file)| {
            Diagnostic::warning(msg!(
                "pdf-text-too-long",
                size = body.source.len() / 1024,
                limit = book::PRINTABLE_TEXT / 1024
            ))
            .in_file(file)
            .hint(msg!("pdf-text-too-long-hint"))
        })
        .collect()
}

/// The PDF of `book` for output `path`: the last build's when its fingerprint is the
/// same, else typeset now.
fn typeset_once(
    path: &str,
    book: Book,
    options: &DownloadOptions,
    out: &mut Downloads,
) -> Option<Contents> {
    let fingerprint = typeset::fingerprint(&book);
    out.typeset.push((path.to_string(), fingerprint.clone()));
    let earlier = options
        .previous
        .as_ref()
        .filter(|(_, books)| books.get(path) == Some(&fingerprint))
        .and_then(|(folder, _)| output::previous(folder, path));
    if earlier.is_some() {
        return earlier;
    }
    match typeset::pdf(&book) {
        Ok(bytes) => Some(Contents::Bytes(bytes)),
        Err(error) => {
            out.problems.push(
                Diagnostic::error(msg!(
                    "pdf-typeset-failed",
                    path = path,
                    detail = &error.message
                ))
                .hint(msg!("pdf-typeset-failed-hint")),
            );
            None
        }
    }
}

/// The runbook and every week's kit, `week-NN-<file name>`, in the division's version.
fn leader_kit(
    sc: &SiteContext,
    options: &DownloadOptions,
    out: &mut Downloads,
) -> Option<OutputFile> {
    let followup = sc.site.followup.as_ref()?;
    let mut entries = Vec::new();
    if options.pdf
        && let Some(runbook) = book::leader_kit(sc, options.edition)
    {
        let path = format!("{}{RUNBOOK}", sc.site.prefix);
        if let Some(pdf) = typeset_once(&path, runbook, options, out) {
            out.files.push(OutputFile {
                path,
                contents: pdf.clone(),
            });
            entries.push(("leader-kit.pdf".to_string(), pdf));
        }
    }
    for week in &followup.weeks {
        let Some((path, file)) = week_kit(sc.site, week) else {
            continue;
        };
        let name = path.rsplit('/').next().unwrap_or(path);
        entries.push((format!("week-{:02}-{name}", week.number), copy(file)));
    }
    (!entries.is_empty()).then(|| OutputFile {
        path: format!("{}{LEADER_KIT}", sc.site.prefix),
        contents: Contents::Archive(Archive {
            entries,
            date: options.edition,
        }),
    })
}

/// Each module's handouts (the division's versions), under their paths in `handouts/`.
fn module_bundles(sc: &SiteContext, date: Date) -> Vec<OutputFile> {
    let bundles = sc
        .site
        .pages
        .values()
        .filter_map(|page| Some((page, module_bundle_of(page)?)));
    bundles
        .map(|(page, bundle)| {
            let entries = page
                .facts
                .handouts
                .iter()
                .filter_map(|path| sc.site.files.get(path).map(|file| (path, file)))
                .map(|(path, file)| (path.trim_start_matches("handouts/").to_string(), copy(file)))
                .collect();
            OutputFile {
                path: format!("{}{bundle}", sc.site.prefix),
                contents: Contents::Archive(Archive { entries, date }),
            }
        })
        .collect()
}

fn copy(file: &SiteFile) -> Contents {
    Contents::Copy(Snapshot {
        path: file.absolute.to_path_buf(),
        size: file.size,
    })
}
