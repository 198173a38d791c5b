//! The builder: a handbook folder in, a navigable static site per division out.

mod common;

use std::collections::{BTreeSet, VecDeque};

use common::{Fixture, is_relative, relative_links, resolve, select, text_of, tree};

#[test]
fn example_handbook_builds_a_site_per_division_and_a_chooser() {
    let fixture = Fixture::example();
    let run = fixture.build();
    run.assert_ok();
    let chooser = run.html("index.html");
    let hrefs: BTreeSet<String> = select(&chooser, "main a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    for division in ["privat", "erhverv", "kundeservice"] {
        assert!(
            hrefs.contains(&format!("{division}/index.html")),
            "chooser links {division}: {hrefs:?}"
        );
        assert!(run.exists(&format!("{division}/index.html")));
        for page in [
            "experiences/index.html",
            "modules/index.html",
            "followup/index.html",
            "calendar/index.html",
            "handouts/index.html",
        ] {
            assert!(
                run.exists(&format!("{division}/{page}")),
                "{division}/{page}"
            );
        }
    }
    let privat = run.html("privat/index.html");
    let brand = select(&privat, ".brand__division")
        .iter()
        .map(text_of)
        .collect::<String>();
    assert_eq!(brand, "Privatkunder");
}

#[test]
fn every_page_is_reachable_from_the_front_page_and_every_link_resolves() {
    let fixture = Fixture::example();
    let run = fixture.build();
    run.assert_ok();
    for (file, url) in relative_links(&run.out) {
        if is_relative(&url) {
            assert!(
                resolve(&run.out, &file, &url).is_file(),
                "{file} links to missing {url}"
            );
        }
    }
    // Breadth-first over <a href> links from the chooser, and from the report, which
    // HR opens at report/ (the chooser does not send readers there).
    let files = tree(&run.out);
    let starts = ["index.html".to_string(), "report/index.html".to_string()];
    let mut seen = BTreeSet::from(starts.clone());
    let mut queue = VecDeque::from(starts);
    while let Some(page) = queue.pop_front() {
        let html = run.html(&page);
        for link in select(&html, "a[href], form[action]") {
            let url = link
                .value()
                .attr("href")
                .or(link.value().attr("action"))
                .unwrap();
            if !is_relative(url) {
                continue;
            }
            let target = resolve(&run.out, &page, url);
            let relative = target
                .strip_prefix(&run.out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if relative.ends_with(".html") && seen.insert(relative.clone()) {
                queue.push_back(relative);
            }
        }
    }
    let unreachable: Vec<&String> = files
        .keys()
        .filter(|p| p.ends_with(".html") && !p.ends_with("404.html") && !seen.contains(*p))
        .collect();
    assert!(
        unreachable.is_empty(),
        "not reachable from the front page: {unreachable:?}"
    );
}

#[test]
fn nothing_is_loaded_from_another_host() {
    let fixture = Fixture::example();
    let run = fixture.build();
    run.assert_ok();
    for (path, bytes) in tree(&run.out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = scraper::Html::parse_document(&String::from_utf8_lossy(&bytes));
        for element in select(
            &html,
            "script[src], link[href], img[src], iframe, source[src]",
        ) {
            let url = element
                .value()
                .attr("src")
                .or(element.value().attr("href"))
                .unwrap_or("");
            assert!(is_relative(url), "{path} loads {url} from elsewhere");
        }
    }
    for (path, bytes) in tree(&run.out) {
        if path.ends_with(".css") {
            let css = String::from_utf8_lossy(&bytes);
            assert!(
                !css.contains("@import") && !css.contains("url(http") && !css.contains("url(//"),
                "{path} loads from elsewhere"
            );
        }
    }
}

#[test]
fn a_front_matter_typo_fails_with_file_line_and_the_right_key() {
    let fixture = Fixture::copy("plain");
    fixture.edit("content/experiences/02-anden.md", "title:", "titel:");
    let run = fixture.build();
    run.assert_code(1).assert_stderr_has(&[
        "content/experiences/02-anden.md:2:1: error: unknown key `titel`",
        "did you mean `title`?",
    ]);
    assert!(!run.out.exists(), "a failed build writes nothing");
}

#[test]
fn two_builds_are_byte_identical() {
    let fixture = Fixture::example();
    let first = fixture.run(&[
        "build",
        "--output",
        fixture.root().join("one").to_str().unwrap(),
    ]);
    first.assert_ok();
    let second = fixture.run(&[
        "build",
        "--output",
        fixture.root().join("two").to_str().unwrap(),
    ]);
    second.assert_ok();
    let one = tree(&fixture.root().join("one"));
    let two = tree(&fixture.root().join("two"));
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &one {
        assert!(bytes == &two[path], "{path} differs between builds");
    }
}

#[test]
fn a_handbook_without_divisions_is_written_to_the_output_root() {
    let fixture = Fixture::copy("plain");
    let run = fixture.build();
    run.assert_ok();
    let front = run.html("index.html");
    assert_eq!(
        select(&front, "h1").iter().map(text_of).collect::<String>(),
        "Velkommen"
    );
    assert!(run.exists("experiences/01-forste/index.html"));
    assert!(run.exists("handouts/kit/a.pdf"));
    assert!(
        select(&front, "a.header-link, .division-switch").is_empty(),
        "no division chooser link"
    );
}

#[test]
fn markdown_features_and_heading_ids() {
    let fixture = Fixture::copy("plain");
    let run = fixture.build();
    run.assert_ok();
    let first = run.html("experiences/01-forste/index.html");
    let ids: Vec<&str> = select(&first, "main .prose h2")
        .iter()
        .filter_map(|h| h.value().attr("id"))
        .collect();
    assert_eq!(ids, ["mål-og-midler", "mål-og-midler-1"]);
    let second = run.html("experiences/02-anden/index.html");
    let back = select(&second, "main .prose a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .map(str::to_string)
        .collect::<Vec<_>>();
    assert_eq!(
        back,
        ["../../experiences/01-forste/index.html#mål-og-midler-1"]
    );
    let page = run.html("guide/side/index.html");
    assert!(
        !select(&page, "pre.code span[class^=hl-]").is_empty(),
        "code is highlighted"
    );
    assert_eq!(
        select(&page, "input[type=checkbox][checked]").len(),
        1,
        "task lists"
    );
    assert_eq!(select(&page, "del").len(), 1, "strikethrough");
    assert_eq!(
        select(&page, "sup.footnote-reference a[href='#1']").len(),
        1,
        "footnote reference"
    );
    assert!(
        select(&page, ".footnote-definition[id='1']")
            .iter()
            .map(text_of)
            .collect::<String>()
            .contains("Fodnoten")
    );
    let module = run.html("modules/alpha/index.html");
    assert_eq!(
        select(
            &module,
            "main .prose table td.align-left, main .prose table td.align-right"
        )
        .len(),
        2,
        "table alignment kept, as classes (the site's policy applies no style attribute)"
    );
}

#[test]
fn navigation_marks_the_current_page_and_orders_experiences_by_number() {
    let fixture = Fixture::example();
    let run = fixture.build();
    run.assert_ok();
    let page = run.html("privat/experiences/03-linjeledere/index.html");
    let current: Vec<String> = select(&page, "#hb-nav [aria-current=page]")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(current.len(), 1, "{current:?}");
    assert!(current[0].contains("Førstelinjelederen"), "{current:?}");
    let numbers: Vec<String> = select(&page, "#hb-nav .nav__number")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    let crumbs: Vec<String> = select(&page, ".breadcrumbs li")
        .iter()
        .map(|li| text_of(li).trim().to_string())
        .collect();
    assert_eq!(crumbs[0], "Forside");
    assert_eq!(crumbs[1], "De ni erfaringer");
    let prev = select(&page, ".pager__prev")
        .iter()
        .map(text_of)
        .collect::<String>();
    let next = select(&page, ".pager__next")
        .iter()
        .map(text_of)
        .collect::<String>();
    assert!(prev.contains("Fire indholdskategorier"), "{prev}");
    assert!(next.contains("Holdning og adfærd"), "{next}");
}

#[test]
fn pages_are_accessible_html() {
    let fixture = Fixture::example();
    let run = fixture.build();
    run.assert_ok();
    for (path, bytes) in tree(&run.out) {
        if !path.ends_with(".html") || path == "index.html" {
            continue;
        }
        let html = scraper::Html::parse_document(&String::from_utf8_lossy(&bytes));
        // The example's Swedish subsidiary reads the handbook in Swedish.
        let lang = if path.starts_with("sverige/") {
            "sv"
        } else {
            "da"
        };
        let html_lang = format!("html[lang={lang}]");
        assert_eq!(select(&html, &html_lang).len(), 1, "{path}: lang");
        assert_eq!(select(&html, "main").len(), 1, "{path}: one main");
        assert_eq!(select(&html, "h1").len(), 1, "{path}: one h1");
        assert_eq!(
            select(&html, "a.skip-link[href='#hb-main']").len(),
            1,
            "{path}: skip link"
        );
        assert!(
            !select(&html, "nav[aria-label]").is_empty(),
            "{path}: labelled navigation"
        );
        // A label names a field that is there (the Nu HTML Checker's rule): the search
        // page's field is made by its script, which ties the label to it then.
        for label in select(&html, "label[for]") {
            let id = label.value().attr("for").unwrap_or_default();
            let fields = select(&html, "input, select, textarea, button");
            assert!(
                fields.iter().any(|f| f.value().id() == Some(id)),
                "{path}: <label for={id}> names no field"
            );
        }
        let mut level = 1;
        for heading in select(
            &html,
            "main h1, main h2, main h3, main h4, main h5, main h6",
        ) {
            let this: usize = heading.value().name()[1..].parse().unwrap();
            assert!(
                this <= level + 1,
                "{path}: heading level jumps from h{level} to h{this} at {:?}",
                text_of(&heading)
            );
            level = this;
        }
    }
}

#[test]
fn init_creates_a_handbook_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("ny");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_handbook"))
        .env("HANDBOOK_LANG", "en")
        .arg("init")
        .arg(&target)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(target.join("handbook.yaml").is_file());
    assert!(target.join("content/experiences").is_dir());
    let build = std::process::Command::new(env!("CARGO_BIN_EXE_handbook"))
        .env("HANDBOOK_LANG", "en")
        .args(["build", "--root"])
        .arg(&target)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_handbook"))
        .env("HANDBOOK_LANG", "en")
        .arg("init")
        .arg(&target)
        .status()
        .unwrap();
    assert_eq!(
        again.code(),
        Some(2),
        "init refuses a folder that is not empty"
    );
}

#[test]
fn exit_status_two_when_the_command_cannot_run() {
    let dir = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_handbook"))
        .env("HANDBOOK_LANG", "en")
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("handbook.yaml"));
    let fixture = Fixture::copy("plain");
    fixture
        .run(&["build", "--division", "nope"])
        .assert_code(2)
        .assert_stderr_has(&["unknown division `nope`"]);
    fixture.run(&["frobnicate"]).assert_code(2);
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let fixture = Fixture::copy("plain");
    fixture.build().assert_ok();
    let before = tree(&fixture.out());
    fixture.edit(
        "content/experiences/01-forste.md",
        "En gentaget overskrift.",
        "En ændret overskrift.",
    );
    fixture.edit("content/experiences/02-anden.md", "title:", "titel:");
    fixture.build().assert_code(1);
    assert_eq!(
        tree(&fixture.out()),
        before,
        "nothing changed, nothing left behind"
    );
}

#[test]
fn an_unchanged_rebuild_rewrites_nothing() {
    let fixture = Fixture::copy("plain");
    fixture.write(
        "content/guide/kode.md",
        "---\ntitle: Kode\n---\n\n```klingon\nx\n```\n",
    );
    fixture.build().assert_ok();
    let before = tree(&fixture.out());
    let again = fixture.build();
    again.assert_ok().assert_stderr_has(&[
        "Up to date: nothing changed",
        "unknown code language `klingon`",
    ]);
    assert_eq!(tree(&fixture.out()), before);
    // A changed source is rebuilt, and only what changed is written.
    fixture.edit("content/experiences/02-anden.md", "Tilbage til", "Se igen");
    let changed = fixture.build();
    changed.assert_ok().assert_stderr_has(&["Built 1 site"]);
    assert!(!changed.stderr.contains("Up to date"));
    assert!(
        changed
            .text("experiences/02-anden/index.html")
            .contains("Se igen")
    );
    // A deleted output file is written again.
    std::fs::remove_file(fixture.out().join("guide/kode/index.html")).unwrap();
    fixture.build().assert_ok();
    assert!(fixture.out().join("guide/kode/index.html").is_file());
}

#[test]
fn a_big_site_gets_a_search_index_in_shards_that_its_search_page_merges() {
    let fixture = Fixture::copy("plain");
    for n in 0..620 {
        fixture.write(
            &format!("content/mange/side-{n:03}.md"),
            &format!("---\ntitle: Side {n}\n---\n\nKunderne og kunden nummer {n}.\n"),
        );
    }
    let run = fixture.build();
    run.assert_ok();
    let bundles: serde_json::Value =
        serde_json::from_str(&run.text("pagefind-bundles.json")).unwrap();
    assert_eq!(
        bundles,
        serde_json::json!({ "bundles": ["pagefind-2/"] }),
        "620 pages: two shards"
    );
    assert!(
        run.exists("pagefind/pagefind-entry.json") && run.exists("pagefind-2/pagefind-entry.json")
    );
}
