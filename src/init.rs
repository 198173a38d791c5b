//! `handbook init DIR`: a new handbook from the shipped example, which is built into the
//! binary so that init works without the repository, with the guide its `handbook.yaml`
//! points to, and the next step to take.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::messages::{Message, msg};

static EXAMPLE_CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");
static EXAMPLE_CONFIG: &str = include_str!("../handbook.yaml");
/// The guide, so that the reference in `handbook.yaml` leads somewhere in the new folder.
static GUIDE: [(&str, &str); 2] = [
    ("docs/content.md", include_str!("../docs/content.md")),
    ("docs/themes.md", include_str!("../docs/themes.md")),
];

pub fn create(dir: &Path) -> Result<(), Message> {
    let occupied = std::fs::read_dir(dir)
        .map(|mut entries| entries.next().is_some())
        .unwrap_or(false);
    if occupied {
        return Err(msg!("init-occupied", dir = dir.display().to_string()));
    }
    let write = |relative: &Path, bytes: &[u8]| -> Result<(), Message> {
        let target = dir.join(relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                msg!(
                    "output-cannot-write",
                    detail = e.to_string(),
                    doing = msg!("output-doing-creating"),
                    path = parent.display().to_string()
                )
            })?;
        }
        std::fs::write(&target, bytes).map_err(|e| {
            msg!(
                "output-cannot-write",
                detail = e.to_string(),
                doing = msg!("output-doing-writing"),
                path = target.display().to_string()
            )
        })
    };
    write(
        Path::new(crate::config::CONFIG_FILE),
        EXAMPLE_CONFIG.as_bytes(),
    )?;
    write(Path::new(".gitignore"), b"/public/\n")?;
    for (path, text) in GUIDE {
        write(Path::new(path), text.as_bytes())?;
    }
    let files = EXAMPLE_CONTENT
        .find("**/*")
        .expect("a fixed glob pattern is valid");
    for file in files {
        if let include_dir::DirEntry::File(file) = file {
            write(&Path::new("content").join(file.path()), file.contents())?;
        }
    }
    Ok(())
}

/// What to type to build the handbook just created in `dir`, in a form that works from
/// the folder `init` ran in: `handbook` when that is this program on the PATH, else
/// `cargo run` in the source folder this program was built in, else this program by its
/// path.
pub fn next_step(dir: &Path) -> String {
    let root = shell_word(&dir.display().to_string());
    let exe = std::env::current_exe().ok();
    let real = |path: &Path| std::fs::canonicalize(path).ok();
    let this = exe.as_deref().and_then(real);
    if this.is_some() && on_path("handbook").as_deref().and_then(real) == this {
        return format!("handbook build --root {root}");
    }
    let cwd = std::env::current_dir().ok().as_deref().and_then(real);
    let built_here = match (&this, &cwd) {
        (Some(exe), Some(cwd)) => {
            exe.starts_with(cwd.join("target")) && cwd.join("Cargo.toml").is_file()
        }
        _ => false,
    };
    if built_here {
        return format!("cargo run --release -- build --root {root}");
    }
    let program = exe.map_or("handbook".to_string(), |p| {
        shell_word(&p.display().to_string())
    });
    format!("{program} build --root {root}")
}

/// `name` as the shell would find it on the PATH.
fn on_path(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

/// A word the shell reads as one: quoted when it has anything but plain characters.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "-_./:@%+=,".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_with_spaces_or_quotes_are_quoted() {
        assert_eq!(shell_word("min-haandbog"), "min-haandbog");
        assert_eq!(shell_word("/tmp/Min håndbog"), "'/tmp/Min håndbog'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
    }
}
