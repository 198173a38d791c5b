//! `handbook init DIR`: a new handbook from the shipped example, which is built into the
//! binary so that init works without the repository.

use std::path::Path;

use include_dir::{Dir, include_dir};

static EXAMPLE_CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");
static EXAMPLE_CONFIG: &str = include_str!("../handbook.yaml");

pub fn create(dir: &Path) -> Result<(), String> {
    let occupied = std::fs::read_dir(dir)
        .map(|mut entries| entries.next().is_some())
        .unwrap_or(false);
    if occupied {
        return Err(format!(
            "{} exists and is not empty; choose a new folder",
            dir.display()
        ));
    }
    let write = |relative: &Path, bytes: &[u8]| -> Result<(), String> {
        let target = dir.join(relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&target, bytes)
            .map_err(|e| format!("cannot write {}: {e}", target.display()))
    };
    write(
        Path::new(crate::config::CONFIG_FILE),
        EXAMPLE_CONFIG.as_bytes(),
    )?;
    write(Path::new(".gitignore"), b"/public/\n")?;
    for file in EXAMPLE_CONTENT.find("**/*").map_err(|e| e.to_string())? {
        if let include_dir::DirEntry::File(file) = file {
            write(&Path::new("content").join(file.path()), file.contents())?;
        }
    }
    Ok(())
}
