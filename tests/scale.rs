//! Issue 13, "Scale": a page's size does not grow with the handbook, and every page is
//! still within three clicks of the front page. One handbook with a folder of 2,000
//! pages, a folder of 20 and forty small sections, built once for every test here.

mod common;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{is_relative, resolve, select, text_of};
use scraper::Html;

const BIG: usize = 2_000;
const SMALL: usize = 20;
const SECTIONS: usize = 40;

struct Built {
    out: PathBuf,
    _dir: tempfile::TempDir,
}

fn page(title: &str, weight: usize) -> String {
    format!(
        "---\ntitle: \"{title}\"\nsummary: \"Om {title}.\"\nweight: {weight}\n---\n\n## Indhold\n\nTekst om {title}.\n"
    )
}

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            "handbook.yaml",
            "title: Skala\nlanguage: da\nsearch: false\n",
        );
        write(
            root,
            "content/index.md",
            "---\ntitle: Skala\n---\n\nForsiden.\n",
        );
        for n in 1..=BIG {
            write(
                root,
                &format!("content/stor/side-{n:04}.md"),
                &page(&format!("Stor side {n}"), n),
            );
        }
        for n in 1..=SMALL {
            write(
                root,
                &format!("content/lille/side-{n:02}.md"),
                &page(&format!("Lille side {n}"), n),
            );
        }
        for s in 1..=SECTIONS {
            for n in 1..=3 {
                let path = format!("content/afsnit-{s:02}/side-{n}.md");
                write(root, &path, &page(&format!("Afsnit {s} side {n}"), n));
            }
        }
        let out = root.join("public");
        let status = Command::new(env!("CARGO_BIN_EXE_handbook"))
            .env("HANDBOOK_LANG", "en")
            .args(["build", "--root"])
            .arg(root)
            .status()
            .unwrap();
        assert!(status.success(), "the handbook builds");
        Built { out, _dir: dir }
    })
}

fn size(path: &str) -> usize {
    std::fs::metadata(built().out.join(path)).unwrap().len() as usize
}

fn html(path: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(built().out.join(path)).unwrap())
}

#[test]
fn a_page_in_a_folder_of_2000_is_about_as_big_as_one_in_a_folder_of_20() {
    // The middle of each folder, where the sidebar's window is widest.
    let big = size("stor/side-1000/index.html");
    let small = size("lille/side-10/index.html");
    assert!(big < 3 * small, "{big} bytes against {small}");
    assert!(
        big < small + 2_000,
        "the window costs a little more: {big} against {small}"
    );
    let page = html("stor/side-1000/index.html");
    let links = select(&page, "#hb-nav a").len();
    assert!(links < 40, "{links} links in the sidebar");
    // The window holds the current page and its neighbours, and leads to the full list.
    let current: Vec<String> = select(&page, "#hb-nav [aria-current=page]")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(current, ["Stor side 1000"]);
    for neighbour in ["Stor side 995", "Stor side 1005"] {
        assert!(
            select(&page, "#hb-nav a")
                .iter()
                .any(|a| text_of(a) == neighbour),
            "{neighbour} is in the window"
        );
    }
    let all: Vec<&str> = select(&page, "#hb-nav .nav__more a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(all.contains(&"../../stor/index.html"), "{all:?}");
}

#[test]
fn many_sections_show_a_window_and_a_link_to_all_of_them() {
    let page = html("afsnit-20/side-2/index.html");
    let sections: Vec<String> = select(&page, "#hb-nav .nav__section-link")
        .iter()
        .map(text_of)
        .collect();
    assert!(sections.len() < 12, "{sections:?}");
    assert!(sections.iter().any(|s| s == "Afsnit 20"), "{sections:?}");
    let all: Vec<&str> = select(&page, "#hb-nav .nav__more--sections a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(all, ["../../index.html#hb-sections"]);
    // The front page lists every section.
    let front = html("index.html");
    assert_eq!(
        select(&front, "#hb-sections a").len(),
        SECTIONS + 2,
        "every section, the big and the small folder included"
    );
}

/// Pages one click from `path`: the HTML pages its relative links lead to.
fn linked_pages(out: &Path, path: &str) -> Vec<String> {
    let page = Html::parse_document(&std::fs::read_to_string(out.join(path)).unwrap());
    select(&page, "a[href]")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .filter(|href| is_relative(href))
        .filter_map(|href| {
            let target = resolve(out, path, href);
            let relative = target
                .strip_prefix(out)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            relative.ends_with(".html").then_some(relative)
        })
        .collect()
}

#[test]
fn every_page_is_within_three_clicks_of_the_front_page() {
    let out = &built().out;
    let mut clicks: BTreeMap<String, usize> = BTreeMap::from([("index.html".to_string(), 0)]);
    let mut queue = VecDeque::from(["index.html".to_string()]);
    while let Some(path) = queue.pop_front() {
        let depth = clicks[&path];
        if depth == 3 {
            continue;
        }
        for target in linked_pages(out, &path) {
            if !clicks.contains_key(&target) && out.join(&target).is_file() {
                clicks.insert(target.clone(), depth + 1);
                queue.push_back(target);
            }
        }
    }
    let pages: BTreeSet<String> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|p| p.ends_with(".html") && p != "404.html")
        .collect();
    let far: Vec<&String> = pages.iter().filter(|p| !clicks.contains_key(*p)).collect();
    assert!(
        far.is_empty(),
        "{} of {} pages are more than three clicks away, e.g. {:?}",
        far.len(),
        pages.len(),
        &far[..far.len().min(5)]
    );
}
