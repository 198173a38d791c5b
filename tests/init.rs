//! The newcomer's path: `handbook init` says what to type next, in a form that works
//! whether or not `handbook` is installed, and what it writes points only at files
//! that exist.

use std::path::Path;
use std::process::Command;

/// Runs `handbook init <dir>` in `cwd` with `path` as PATH; returns its stderr.
fn init(cwd: &Path, dir: &str, path: &std::ffi::OsStr) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_handbook"))
        .env("HANDBOOK_LANG", "en")
        .args(["init", dir])
        .current_dir(cwd)
        .env("PATH", path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    stderr
}

/// The indented command line of init's message.
fn step(message: &str) -> &str {
    message
        .lines()
        .find_map(|line| line.strip_prefix("  "))
        .unwrap_or_else(|| panic!("no next step in:\n{message}"))
}

#[test]
fn without_handbook_installed_the_next_step_names_this_program_and_works() {
    let cwd = tempfile::tempdir().unwrap();
    let message = init(
        cwd.path(),
        "min haandbog",
        std::ffi::OsStr::new("/usr/bin:/bin"),
    );
    let exe = env!("CARGO_BIN_EXE_handbook");
    assert_eq!(step(&message), format!("{exe} build --root 'min haandbog'"));
    assert!(
        message.contains("cargo install --path ."),
        "says how to install it: {message}"
    );
    // Typed as printed, it builds.
    let build = Command::new("sh")
        .args(["-c", step(&message)])
        .current_dir(cwd.path())
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(cwd.path().join("min haandbog/public/index.html").is_file());
}

#[test]
fn in_the_source_folder_the_next_step_is_cargo_run() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path().join("ny");
    let message = init(
        repo,
        dir.to_str().unwrap(),
        std::ffi::OsStr::new("/usr/bin:/bin"),
    );
    assert_eq!(
        step(&message),
        format!("cargo run --release -- build --root {}", dir.display())
    );
}

#[test]
fn with_handbook_installed_the_next_step_is_handbook() {
    let cwd = tempfile::tempdir().unwrap();
    let bin = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_handbook"), bin.path().join("handbook"))
        .unwrap();
    let path = std::env::join_paths([bin.path(), Path::new("/usr/bin")]).unwrap();
    let message = init(cwd.path(), "ny", &path);
    assert_eq!(step(&message), "handbook build --root ny");
    assert!(!message.contains("cargo install"), "{message}");
}

#[test]
fn the_settings_file_points_at_the_guide_which_is_there() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cwd = tempfile::tempdir().unwrap();
    init(cwd.path(), "ny", std::ffi::OsStr::new("/usr/bin:/bin"));
    for root in [repo, &cwd.path().join("ny")] {
        let settings = std::fs::read_to_string(root.join("handbook.yaml")).unwrap();
        assert!(!settings.contains("PRODUCT.md"), "{settings}");
        let guide = settings
            .split_whitespace()
            .find(|word| word.starts_with("docs/") && word.contains(".md"))
            .map(|word| word.trim_end_matches([',', '.']))
            .unwrap_or_else(|| panic!("handbook.yaml names no guide: {settings}"));
        assert!(root.join(guide).is_file(), "{}: {guide}", root.display());
    }
    let guide = std::fs::read_to_string(cwd.path().join("ny/docs/content.md")).unwrap();
    assert!(guide.contains("](themes.md)") && cwd.path().join("ny/docs/themes.md").is_file());
}
