//! Tests of the write stage as a whole: begin, put, commit or abort, on a real folder.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use super::faults::Faults;
use super::*;

fn html(path: &str, text: &str) -> OutputFile {
    OutputFile::html(path.to_string(), text.to_string())
}

/// Every file under `dir` with its bytes, the tool's own files included.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let path = e.path().strip_prefix(dir).unwrap().display().to_string();
            (path, std::fs::read(e.path()).unwrap_or_default())
        })
        .collect()
}

fn build(out: &Path, files: &[OutputFile], faults: Faults) -> Result<WriteStats, WriteError> {
    let writer = Writer::begin(out, &[])?.with_faults(faults);
    for file in files {
        if let Err(error) = writer.put(file.clone()) {
            writer.abort()?;
            return Err(error);
        }
    }
    writer.commit(None)
}

fn site(version: &str) -> Vec<OutputFile> {
    [
        "alfa/index.html",
        "alfa/a/index.html",
        "beta/index.html",
        "index.html",
    ]
    .into_iter()
    .map(|path| html(path, &format!("{path} {version}")))
    .collect()
}

#[test]
fn writes_only_changes_and_removes_only_its_own_stale_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let first = write(
        &out,
        &[html("a/index.html", "A"), html("b/index.html", "B")],
        &[],
    )
    .unwrap();
    assert_eq!(first.written, 2);
    std::fs::write(out.join("mine.txt"), "user file").unwrap();
    let second = write(&out, &[html("a/index.html", "A"), html("c.html", "C")], &[]).unwrap();
    assert_eq!(
        (second.written, second.unchanged, second.removed),
        (1, 1, 1)
    );
    assert!(!out.join("b").exists(), "the emptied folder is removed");
    assert_eq!(
        std::fs::read_to_string(out.join("mine.txt")).unwrap(),
        "user file"
    );
}

#[test]
fn refuses_dangerous_output_folders() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("content")).unwrap();
    assert!(check_output_dir(root, root).is_err());
    assert!(check_output_dir(root, root.parent().unwrap()).is_err());
    let foreign = root.join("docs");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("x.txt"), "x").unwrap();
    assert!(check_output_dir(root, &foreign).is_err());
    assert!(check_output_dir(root, &root.join("public")).is_ok());
}

#[test]
fn refuses_to_overwrite_files_it_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &[html("a.html", "A")], &[]).unwrap();
    std::fs::write(out.join("b.html"), "someone else's").unwrap();
    assert!(write(&out, &[html("a.html", "A"), html("b.html", "B")], &[]).is_err());
    assert_eq!(
        std::fs::read_to_string(out.join("b.html")).unwrap(),
        "someone else's"
    );
}

#[test]
fn a_failed_build_leaves_the_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &[html("a/index.html", "A")], &[]).unwrap();
    let before = snapshot(&out);
    let writer = Writer::begin(&out, &[]).unwrap();
    writer.put(html("a/index.html", "CHANGED")).unwrap();
    writer.put(html("b/index.html", "NEW")).unwrap();
    writer.abort().unwrap();
    assert_eq!(snapshot(&out), before);
    assert!(!out.join(STAGING).exists());
}

#[test]
fn a_fresh_build_moves_whole_folders_into_place() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let stats = write(
        &out,
        &[html("privat/a/index.html", "A"), html("index.html", "I")],
        &[],
    )
    .unwrap();
    assert_eq!(stats.written, 2);
    assert_eq!(
        std::fs::read_to_string(out.join("privat/a/index.html")).unwrap(),
        "A"
    );
    assert_eq!(
        manifest::read(&out).keys().collect::<Vec<_>>(),
        ["index.html", "privat/a/index.html"]
    );
    assert!(is_intact(&out));
}

#[test]
fn unchanged_files_are_not_rewritten_and_untouched_entries_stay_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &site("1"), &[]).unwrap();
    let inode = |path: &str| std::fs::symlink_metadata(out.join(path)).unwrap().ino();
    let mtime = |path: &str| {
        std::fs::symlink_metadata(out.join(path))
            .unwrap()
            .mtime_nsec()
    };
    let (page, page_time, beta) = (
        inode("alfa/index.html"),
        mtime("alfa/index.html"),
        inode("beta"),
    );
    let mut files = site("1");
    files[1] = html("alfa/a/index.html", "changed");
    let stats = write(&out, &files, &[]).unwrap();
    assert_eq!((stats.written, stats.unchanged), (1, 3));
    assert_eq!(inode("alfa/index.html"), page, "linked, not written");
    assert_eq!(mtime("alfa/index.html"), page_time);
    assert_eq!(inode("beta"), beta, "nothing changed in beta: not swapped");
    assert_eq!(
        std::fs::symlink_metadata(out.join("alfa/index.html"))
            .unwrap()
            .nlink(),
        1,
        "the old name is gone"
    );
}

#[test]
fn stale_files_behind_a_link_out_of_the_output_are_never_removed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &site("1"), &[]).unwrap();
    // Someone replaced a folder of ours with a link to a folder elsewhere that holds a
    // file with the stale file's name.
    let outside = dir.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("index.html"), "precious").unwrap();
    std::fs::remove_dir_all(out.join("alfa/a")).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("alfa/a")).unwrap();
    let files: Vec<OutputFile> = site("1")
        .into_iter()
        .filter(|f| f.path != "alfa/a/index.html")
        .collect();
    let error = write(&out, &files, &[]).unwrap_err();
    assert!(error.0.contains("alfa/a (a symbolic link)"), "{error}");
    assert_eq!(
        std::fs::read_to_string(outside.join("index.html")).unwrap(),
        "precious"
    );
    // Nor written through.
    assert!(write(&out, &site("2"), &[]).is_err());
    assert_eq!(
        std::fs::read_to_string(outside.join("index.html")).unwrap(),
        "precious"
    );
}

#[test]
fn what_the_user_put_inside_an_entry_is_kept_and_a_link_there_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &site("1"), &[]).unwrap();
    std::fs::create_dir_all(out.join("alfa/extra/empty")).unwrap();
    std::fs::write(out.join("alfa/extra/notes.txt"), "mine").unwrap();
    std::fs::write(out.join("alfa/.htaccess"), "mine too").unwrap();
    let outside = dir.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("index.html"), "precious").unwrap();
    std::os::unix::fs::symlink(&outside, out.join("alfa/elsewhere")).unwrap();
    write(&out, &site("2"), &[]).unwrap();
    assert_eq!(
        std::fs::read_to_string(out.join("alfa/index.html")).unwrap(),
        "alfa/index.html 2"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("alfa/extra/notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("alfa/.htaccess")).unwrap(),
        "mine too"
    );
    assert!(out.join("alfa/extra/empty").is_dir());
    assert!(
        std::fs::symlink_metadata(out.join("alfa/elsewhere"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(outside.join("index.html")).unwrap(),
        "precious"
    );
    // Removing every page of `alfa` keeps what is not ours.
    write(&out, &site("2")[2..], &[]).unwrap();
    assert_eq!(
        std::fs::read_to_string(out.join("alfa/extra/notes.txt")).unwrap(),
        "mine"
    );
    assert!(!out.join("alfa/index.html").exists());
}

#[test]
fn a_truncated_or_edited_file_is_not_intact_and_the_next_build_repairs_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &site("1"), &[]).unwrap();
    assert!(is_intact(&out));
    std::fs::write(out.join("beta/index.html"), "beta/index.html 9").unwrap();
    assert!(!is_intact(&out), "same size, other bytes");
    write(&out, &site("1"), &[]).unwrap();
    assert!(is_intact(&out));
    std::fs::write(out.join("beta/index.html"), "").unwrap();
    assert!(!is_intact(&out), "truncated");
    let stats = write(&out, &site("1"), &[]).unwrap();
    assert_eq!(stats.written, 1);
    assert_eq!(
        std::fs::read_to_string(out.join("beta/index.html")).unwrap(),
        "beta/index.html 1"
    );
}

#[test]
fn a_full_disk_is_one_error_and_leaves_the_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &site("1"), &[]).unwrap();
    let before = snapshot(&out);
    let error = build(&out, &site("2"), Faults::injected(Some(2), None, false)).unwrap_err();
    assert!(error.0.starts_with("cannot write the output: "), "{error}");
    assert!(error.0.contains("(os error 28) while writing"), "{error}");
    assert_eq!(snapshot(&out), before);
}

#[test]
fn a_failed_swap_puts_every_entry_back() {
    for no_exchange in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, &site("1"), &[]).unwrap();
        let before = snapshot(&out);
        let mut files = site("2");
        files.push(html("gamma/index.html", "new division"));
        let error = build(&out, &files, Faults::injected(None, Some(3), no_exchange)).unwrap_err();
        assert!(
            error.0.contains("the previous output is as it was"),
            "{error}"
        );
        assert_eq!(snapshot(&out), before, "no_exchange: {no_exchange}");
        build(&out, &files, Faults::injected(None, None, no_exchange)).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("beta/index.html")).unwrap(),
            "beta/index.html 2"
        );
        assert!(is_intact(&out));
    }
}

#[test]
fn a_kept_division_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &site("1"), &[]).unwrap();
    let only_alfa: Vec<OutputFile> = site("2")
        .into_iter()
        .filter(|f| !f.path.starts_with("beta/"))
        .collect();
    write(&out, &only_alfa, &["beta/".to_string()]).unwrap();
    assert_eq!(
        std::fs::read_to_string(out.join("beta/index.html")).unwrap(),
        "beta/index.html 1"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("alfa/index.html")).unwrap(),
        "alfa/index.html 2"
    );
    assert!(manifest::read(&out).contains_key("beta/index.html"));
    assert!(is_intact(&out));
}

#[test]
fn leftovers_of_a_killed_build_are_cleared_and_not_intact() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &site("1"), &[]).unwrap();
    std::fs::create_dir_all(out.join(STAGING).join("new/alfa")).unwrap();
    assert!(!is_intact(&out));
    write(&out, &site("1"), &[]).unwrap();
    assert!(!out.join(STAGING).exists());
    assert!(is_intact(&out));
}

#[test]
fn the_memory_sink_keeps_bytes_and_check_reads_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("a.pdf"), "pdf").unwrap();
    let copy = |source: &str| OutputFile {
        path: "handouts/a.pdf".into(),
        contents: Contents::Copy(crate::source::Snapshot {
            path: root.join(source),
            size: 3,
        }),
    };
    let memory = Sink::memory();
    memory.put(copy("a.pdf")).unwrap();
    assert!(memory.put(copy("missing.pdf")).is_err());
    let Sink::Memory(files) = memory else {
        unreachable!()
    };
    let files = files.into_files();
    assert!(matches!(&files[0].contents, Contents::Shared(b) if &b[..] == b"pdf"));
    let discard = Sink::Discard(Mutex::default());
    discard.put(copy("missing.pdf")).unwrap();
    assert_eq!(discard.count(".pdf"), 1);
}
