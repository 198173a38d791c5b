//! Write, first step: which folder the output really is. The path is resolved the way the
//! file system will resolve it (links followed, `..` applied after them) before any
//! check, so that no spelling of a path slips past the refusals.

use std::io;
use std::path::{Component, Path, PathBuf};

use super::{MANIFEST, WriteError, is_reserved};
use crate::messages::{Arg, Message, msg};

/// The real folder `path` names, or will name once created: each existing part with its
/// links followed (as the kernel does), parts that do not exist yet taken as written, `.`
/// dropped, and `..` applied to what came before it. The result has no `.`, `..` or link.
pub(super) fn resolve(path: &Path) -> Result<PathBuf, WriteError> {
    let unusable = |e: io::Error| {
        WriteError(msg!(
            "output-unusable",
            path = path.display().to_string(),
            detail = e.to_string()
        ))
    };
    let absolute = std::path::absolute(path).map_err(unusable)?;
    let mut resolved = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => resolved.push(component),
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                match std::fs::symlink_metadata(&resolved) {
                    Ok(meta) if meta.file_type().is_symlink() => {
                        // `canonicalize` follows the whole chain; a link to nowhere is an
                        // error, not a folder to create somewhere unforeseen.
                        resolved = resolved.canonicalize().map_err(|e| {
                            WriteError(msg!(
                                "output-dangling-link",
                                path = path.display().to_string(),
                                link = resolved.display().to_string(),
                                detail = e.to_string()
                            ))
                        })?;
                    }
                    Ok(_) => {}
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(unusable(e)),
                }
            }
        }
    }
    Ok(resolved)
}

/// Refuses an output folder where writing could destroy the author's work or feed the
/// output back into the next build: the handbook root or a folder above it, anything in
/// `content/` or `themes/`, a folder that looks like a handbook, and a non-empty folder
/// the tool did not write.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), WriteError> {
    let root = resolve(root)?;
    let target = resolve(output)?;
    let refuse = |why: Message| {
        let named: Arg = if std::path::absolute(output).ok().as_deref() == Some(target.as_path()) {
            target.display().to_string().into()
        } else {
            msg!(
                "output-named-that-is",
                output = output.display().to_string(),
                target = target.display().to_string()
            )
            .into()
        };
        Err(WriteError(msg!(
            "output-refused",
            folder = named,
            why = why
        )))
    };
    if root.starts_with(&target) {
        return refuse(msg!("output-refused-root"));
    }
    for sources in ["content", "themes"] {
        let folder = resolve(&root.join(sources))?;
        if target.starts_with(&folder) || target.starts_with(root.join(sources)) {
            return refuse(msg!("output-refused-sources", folder = sources));
        }
    }
    match std::fs::symlink_metadata(&target) {
        Ok(meta) if !meta.is_dir() => return refuse(msg!("output-refused-not-folder")),
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return refuse(msg!("output-failed", detail = e.to_string())),
    }
    for protected in ["content", "themes", crate::config::CONFIG_FILE] {
        if std::fs::symlink_metadata(target.join(protected)).is_ok() {
            return refuse(msg!("output-refused-handbook", name = protected));
        }
    }
    if !is_ours(&target)? {
        return refuse(msg!("output-refused-not-ours"));
    }
    Ok(())
}

/// The folder holds a manifest of ours, or nothing but the tool's own files (an
/// interrupted first build leaves its lock and staging folder).
fn is_ours(folder: &Path) -> Result<bool, WriteError> {
    if std::fs::symlink_metadata(folder.join(MANIFEST)).is_ok_and(|meta| meta.is_file()) {
        return Ok(true);
    }
    let entries = std::fs::read_dir(folder).map_err(|e| super::cannot_read(folder, &e))?;
    Ok(entries
        .flatten()
        .all(|entry| entry.file_name().to_str().is_some_and(is_reserved)))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn resolves_dot_dot_after_parts_that_do_not_exist_yet() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        assert_eq!(resolve(&root.join("x/..")).unwrap(), root);
        assert_eq!(
            resolve(&root.join("x/y/../../z/.")).unwrap(),
            root.join("z")
        );
        assert_eq!(resolve(&root.join("./public/../.")).unwrap(), root);
    }

    #[test]
    fn follows_links_before_applying_dot_dot() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("deep/inner")).unwrap();
        std::os::unix::fs::symlink(root.join("deep/inner"), root.join("link")).unwrap();
        assert_eq!(resolve(&root.join("link/..")).unwrap(), root.join("deep"));
        // A part that does not exist, then `..`, then a link: the link still counts.
        assert_eq!(
            resolve(&root.join("nope/../link/out")).unwrap(),
            root.join("deep/inner/out")
        );
        std::os::unix::fs::symlink(root.join("missing"), root.join("dangling")).unwrap();
        assert!(resolve(&root.join("dangling")).is_err());
    }

    #[test]
    fn refuses_every_spelling_of_the_root_and_the_sources() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/guide")).unwrap();
        std::fs::create_dir(root.join("themes")).unwrap();
        for bad in [
            "x/..",
            "./public/../.",
            "..",
            "content",
            "content/out",
            "public/../content",
            "x/../content/new",
            "themes/default/out",
        ] {
            let error = check_output_dir(root, &root.join(bad)).expect_err(bad);
            assert!(error.0.contains("refusing to write into"), "{bad}: {error}");
        }
        std::os::unix::fs::symlink(root.join("content"), root.join("public")).unwrap();
        let error = check_output_dir(root, &root.join("public")).unwrap_err();
        assert!(error.0.contains("`content` folder"), "{error}");
        assert!(check_output_dir(root, &root.join("site/out")).is_ok());
    }
}
