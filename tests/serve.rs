//! `handbook serve`: the preview server and its rebuilds.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Fixture;
use handbook::build::{Change, Session, Settings};
use handbook::output::Contents;

/// A running `handbook serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(fixture: &Fixture) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_handbook"))
            .env("HANDBOOK_LANG", "en")
            .args(["serve", "--port", "0", "--root"])
            .arg(fixture.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        assert!(
            address.starts_with("127.0.0.1:"),
            "serves on loopback by default: {line}"
        );
        let port = address.rsplit(':').next().unwrap().parse().unwrap();
        Server { child, port }
    }

    fn get(&self, path: &str) -> Reply {
        self.request(path, &format!("127.0.0.1:{}", self.port), None)
    }

    /// A raw HTTP/1.1 GET, so that paths reach the server exactly as written.
    fn request(&self, path: &str, host: &str, origin: Option<&str>) -> Reply {
        let origin = origin
            .map(|o| format!("Origin: {o}\r\n"))
            .unwrap_or_default();
        self.send(&format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\n{origin}Connection: close\r\n\r\n"
        ))
    }

    /// Sends `request` as it is; a server that does not answer within 10 s gives status 0.
    fn send(&self, request: &str) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        let text = String::from_utf8_lossy(&raw).into_owned();
        let status = text
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        Reply {
            status,
            head: head.to_string(),
            body: body.to_string(),
        }
    }

    /// Polls `path` until `check` holds on the reply.
    fn wait_for(&self, path: &str, what: &str, check: impl Fn(&Reply) -> bool) -> Reply {
        let started = Instant::now();
        loop {
            let reply = self.get(path);
            if check(&reply) {
                return reply;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "timed out waiting for {what}; last reply {}:\n{}",
                reply.status,
                reply.body
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

#[test]
fn serves_pages_and_shows_each_save() {
    let fixture = Fixture::copy("divisions");
    let server = Server::start(&fixture);
    let front = server.get("/alfa/");
    assert_eq!(front.status, 200);
    assert!(
        front
            .body
            .contains("<script src=\"/__handbook/live.js\"></script>"),
        "live reload is injected"
    );
    assert!(
        front
            .head
            .to_lowercase()
            .contains("content-type: text/html")
    );
    assert_eq!(server.get("/alfa").status, 301);
    assert_eq!(server.get("/alfa/handouts/kit/a.pdf").status, 200);
    assert_eq!(server.get("/__handbook/live.js").status, 200);
    // Edit by writing a new file and renaming it over the old one, as vim and VS Code do.
    let page = fixture
        .root()
        .join("content/divisions/alfa/guide/alfa-side.md");
    let temporary = fixture
        .root()
        .join("content/divisions/alfa/guide/.alfa-side.md.tmp");
    let text = std::fs::read_to_string(&page)
        .unwrap()
        .replace("Vores egen side.", "Vores egen side, GEMT MED RENAME.");
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(&temporary, &page).unwrap();
    server.wait_for("/alfa/guide/alfa-side/", "the saved text", |r| {
        r.body.contains("GEMT MED RENAME")
    });
    // The print page, which a preview keeps in the parts it put together, is served
    // whole: from its head to the live-reload script before its end.
    let print = server.get("/alfa/print/");
    assert_eq!(print.status, 200);
    assert!(print.body.contains("GEMT MED RENAME") && print.body.contains("Modulets tekst."));
    assert!(print.body.trim_start().starts_with("<!DOCTYPE html>"));
    assert!(
        print
            .body
            .trim_end()
            .ends_with("<script src=\"/__handbook/live.js\"></script></body>\n</html>")
    );
    // A new folder with a new page.
    fixture.write(
        "content/guide/ny/side.md",
        "---\ntitle: Helt ny side\n---\nNy tekst.\n",
    );
    server.wait_for("/gamma/guide/ny/side/", "the new page", |r| {
        r.status == 200 && r.body.contains("Helt ny side")
    });
    // A deleted page disappears.
    fixture.remove("content/guide/ny/side.md");
    server.wait_for("/gamma/guide/ny/side/", "the page to go", |r| {
        r.status == 404
    });
}

#[test]
fn a_broken_save_keeps_the_last_good_site_and_recovers() {
    let fixture = Fixture::copy("divisions");
    let server = Server::start(&fixture);
    assert_eq!(server.get("/beta/").status, 200);
    fixture.edit(
        "content/calendar.yaml",
        "title: Kalender",
        "title: [Kalender",
    );
    let status = server.wait_for("/__handbook/status", "the error", |r| {
        r.body.contains("content/calendar.yaml")
    });
    assert!(status.body.contains("error"), "{}", status.body);
    let page = server.get("/beta/calendar/");
    assert_eq!(page.status, 200, "the old site is still served");
    assert!(page.body.contains("Januar"));
    fixture.edit(
        "content/calendar.yaml",
        "title: [Kalender",
        "title: Kalender fixed",
    );
    server.wait_for("/__handbook/status", "recovery", |r| {
        r.body.contains("\"errors\":null")
    });
    server.wait_for("/beta/calendar/", "the fixed page", |r| {
        r.body.contains("Kalender fixed")
    });
}

#[test]
fn no_request_reaches_a_file_outside_the_site() {
    let fixture = Fixture::copy("divisions");
    fixture.write("secret.txt", "TOP-SECRET-CONTENT");
    let server = Server::start(&fixture);
    let attempts = [
        "/../secret.txt",
        "/../../secret.txt",
        "/alfa/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/secret.txt",
        "/alfa/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%2Fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..\\secret.txt",
        "/..%5csecret.txt",
        "/%5c..%5csecret.txt",
        "//secret.txt",
        "/content/index.md",
        "/handbook.yaml",
        "/secret.txt",
        "/./secret.txt",
        "/alfa/./../secret.txt",
        "/c:/secret.txt",
        "/%00/secret.txt",
        "/alfa/%2e%2e%5c%2e%2e%5csecret.txt",
        "/.handbook-manifest",
    ];
    for path in attempts {
        let reply = server.get(path);
        assert_ne!(reply.status, 200, "{path} was served");
        assert!(
            !reply.body.contains("TOP-SECRET-CONTENT") && !reply.body.contains("require_local"),
            "{path} leaked a file"
        );
        assert!(
            !reply
                .head
                .to_lowercase()
                .contains("access-control-allow-origin"),
            "{path}: no CORS"
        );
    }
}

#[test]
fn requests_for_other_hosts_are_refused() {
    let fixture = Fixture::copy("divisions");
    let server = Server::start(&fixture);
    let local = format!("localhost:{}", server.port);
    assert_eq!(server.request("/alfa/", &local, None).status, 200);
    assert_eq!(
        server
            .request(
                "/__handbook/status",
                &local,
                Some(&format!("http://{local}"))
            )
            .status,
        200
    );
    assert_eq!(
        server
            .request("/alfa/", &format!("attacker.example:{}", server.port), None)
            .status,
        403,
        "DNS rebinding"
    );
    assert_eq!(
        server
            .request(
                "/__handbook/events",
                &local,
                Some("http://attacker.example")
            )
            .status,
        403
    );
    assert_eq!(
        server
            .request(
                "/__handbook/status",
                &local,
                Some("http://attacker.example")
            )
            .status,
        403
    );
}

#[test]
fn absolute_uri_requests_for_other_hosts_are_refused() {
    let fixture = Fixture::copy("divisions");
    let server = Server::start(&fixture);
    let port = server.port;
    let get = |target: &str, host: &str| {
        server.send(&format!(
            "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ))
    };
    let local = format!("localhost:{port}");
    for (target, host) in [
        ("http://evil.example/alfa/", local.as_str()),
        ("http://evil.example/__handbook/status", local.as_str()),
        (&format!("http://evil.example:{port}/alfa/"), local.as_str()),
        (
            &format!("http://{local}@evil.example/alfa/"),
            local.as_str(),
        ),
        (&format!("https://{local}/alfa/"), local.as_str()),
        (&format!("http://127.0.0.1:{port}/alfa/"), "evil.example"),
    ] {
        let reply = get(target, host);
        assert!(
            [400, 403, 421].contains(&reply.status),
            "GET {target} (Host: {host}) answered {}",
            reply.status
        );
    }
    for (target, host) in [
        (format!("http://{local}/alfa/"), local.clone()),
        (
            format!("http://127.0.0.1:{port}/alfa/"),
            format!("127.0.0.1:{port}"),
        ),
    ] {
        assert_eq!(get(&target, &host).status, 200, "its own address: {target}");
    }
}

#[test]
fn nothing_listens_on_other_addresses_by_default() {
    let fixture = Fixture::copy("divisions");
    let server = Server::start(&fixture);
    let Ok(table) = std::fs::read_to_string("/proc/net/tcp") else {
        return; // not Linux: the announced address was checked in Server::start
    };
    let port = format!(":{:04X}", server.port);
    let listening: Vec<&str> = table
        .lines()
        .filter(|l| l.split_whitespace().nth(3) == Some("0A"))
        .filter_map(|l| l.split_whitespace().nth(1))
        .filter(|a| a.ends_with(&port))
        .collect();
    assert_eq!(
        listening,
        [format!("0100007F{port}").as_str()],
        "only 127.0.0.1 listens on the port"
    );
    let table6 = std::fs::read_to_string("/proc/net/tcp6").unwrap_or_default();
    assert!(!table6.lines().any(|l| {
        l.split_whitespace()
            .nth(1)
            .is_some_and(|a| a.ends_with(&port))
            && l.split_whitespace().nth(3) == Some("0A")
    }));
}

#[test]
fn the_browser_is_told_to_reload() {
    let fixture = Fixture::copy("divisions");
    let server = Server::start(&fixture);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "GET /__handbook/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
        server.port
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(line.contains("200"), "{line}");
    std::thread::sleep(Duration::from_millis(200));
    fixture.edit(
        "content/experiences/01-forste.md",
        "Det fælles indhold",
        "Det ændrede fælles indhold",
    );
    let started = Instant::now();
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        if line.starts_with("event: reload") {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no reload event"
        );
    }
}

#[test]
fn the_build_output_never_has_the_live_reload_script() {
    let fixture = Fixture::copy("divisions");
    let run = fixture.build();
    run.assert_ok();
    for (path, bytes) in common::tree(&run.out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__handbook"),
            "{path}"
        );
    }
}

// ---------------------------------------------------------------- fast paths

fn bytes(contents: &Contents) -> Vec<u8> {
    match contents {
        Contents::Bytes(bytes) => bytes.clone(),
        Contents::Shared(bytes) => bytes.to_vec(),
        Contents::Parts(parts) => parts.concat().into_bytes(),
        Contents::Copy(_) | Contents::Archive(_) => {
            panic!("the in-memory site keeps bytes, never a path to read or a zip to make")
        }
    }
}

fn snapshot(session: &Session) -> BTreeMap<String, Vec<u8>> {
    session
        .files()
        .iter()
        .map(|(path, file)| (path.clone(), bytes(&file.contents)))
        .collect()
}

fn full_build(fixture: &Fixture) -> BTreeMap<String, Vec<u8>> {
    let mut session = Session::in_memory(Settings {
        root: fixture.root().to_path_buf(),
        ..Settings::default()
    });
    let outcome = session.full().unwrap();
    assert!(!outcome.has_errors(), "{:?}", outcome.diagnostics);
    snapshot(&session)
}

/// Where two outputs part: the text around the first byte that differs, in each.
fn first_difference(fast: &[u8], full: &[u8]) -> String {
    let at = fast.iter().zip(full).take_while(|(a, b)| a == b).count();
    let around = |bytes: &[u8]| {
        let start = at.saturating_sub(120);
        let end = (at + 200).min(bytes.len());
        String::from_utf8_lossy(&bytes[start..end]).into_owned()
    };
    format!("\n  fast: {}\n  full: {}", around(fast), around(full))
}

/// Applies `edit`, then `change` to a warm session, and compares with a fresh build.
fn assert_fast_path_matches_full_build(edit: impl Fn(&Fixture), change: Change) {
    let fixture = Fixture::copy("divisions");
    let mut session = warm_session(&fixture);
    edit(&fixture);
    apply_and_compare(&fixture, &mut session, change);
}

#[test]
fn a_local_page_edit_rebuilds_that_division_like_a_full_build() {
    assert_fast_path_matches_full_build(
        |f| {
            f.edit(
                "content/divisions/alfa/guide/alfa-side.md",
                "title: Alfa-siden MARKER-ALFA-PAGE",
                "title: Alfa-siden omdøbt",
            );
        },
        Change::Pages(vec!["divisions/alfa/guide/alfa-side.md".into()]),
    );
}

#[test]
fn a_shared_page_edit_rebuilds_every_division_like_a_full_build() {
    assert_fast_path_matches_full_build(
        |f| {
            // A new heading the local sections' ids must now avoid.
            f.edit(
                "content/experiences/01-forste.md",
                "## Fælles tekst",
                "## Tidsplan\n\nFælles plan.\n\n## Fælles tekst",
            );
        },
        Change::Pages(vec!["experiences/01-forste.md".into()]),
    );
}

#[test]
fn a_shared_story_edit_reaches_every_division_like_a_full_build() {
    assert_fast_path_matches_full_build(
        |f| {
            f.edit(
                "content/divisions/alfa/stories/alfa-historie.md",
                "title: Alfa-historien",
                "title: Alfa-historien, ny titel",
            );
        },
        Change::Pages(vec!["divisions/alfa/stories/alfa-historie.md".into()]),
    );
}

#[test]
fn a_template_edit_rerenders_like_a_full_build() {
    assert_fast_path_matches_full_build(
        |f| {
            f.write(
                "themes/default/templates/404.html",
                "{% extends \"base.html\" %}{% block content %}<h1>Væk</h1>{% endblock content %}",
            );
        },
        Change::Theme,
    );
}

#[test]
fn a_text_edit_of_a_local_page_rerenders_that_page_like_a_full_build() {
    assert_fast_path_matches_full_build(
        |f| {
            f.edit(
                "content/divisions/alfa/guide/alfa-side.md",
                "Vores egen side.",
                "Vores egen side, nu med mere tekst.",
            );
        },
        Change::Pages(vec!["divisions/alfa/guide/alfa-side.md".into()]),
    );
}

#[test]
fn a_text_edit_of_a_shared_page_rerenders_it_everywhere_like_a_full_build() {
    assert_fast_path_matches_full_build(
        |f| {
            f.edit(
                "content/experiences/01-forste.md",
                "Det fælles indhold",
                "Det reviderede fælles indhold",
            );
        },
        Change::Pages(vec!["experiences/01-forste.md".into()]),
    );
}

/// Applies `change` to a warm `session` after an edit, and compares every file with a
/// fresh build; whether the run took a shortcut for page text (it makes neither the
/// chooser nor the report).
fn apply_and_compare(fixture: &Fixture, session: &mut Session, change: Change) -> bool {
    let outcome = session.apply(&change).unwrap();
    assert!(!outcome.has_errors(), "{:?}", outcome.diagnostics);
    let fast = snapshot(session);
    let full = full_build(fixture);
    assert_eq!(
        fast.keys().collect::<Vec<_>>(),
        full.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (path, content) in &full {
        assert!(
            &fast[path] == content,
            "{path} differs from a full build after {change:?}: {}",
            first_difference(&fast[path], content)
        );
    }
    took_shortcut(&outcome)
}

/// The run took a shortcut for page text (one division's, or shared text no division
/// adapts): it made no site-wide outputs.
fn took_shortcut(outcome: &handbook::build::Outcome) -> bool {
    !outcome.timings.iter().any(|(stage, _)| *stage == "outputs")
}

fn warm_session(fixture: &Fixture) -> Session {
    let mut session = Session::in_memory(Settings {
        root: fixture.root().to_path_buf(),
        ..Settings::default()
    });
    assert!(!session.full().unwrap().has_errors());
    session
}

/// Text edits of a division's own page in a row take the shortcut (that division alone
/// is resolved, the rest of the handbook is the last run's) and serve what a full build
/// makes; a retitled page (which the report lists) does not take it.
#[test]
fn text_edits_of_a_local_page_take_the_shortcut_and_match_a_full_build() {
    let fixture = Fixture::copy("divisions");
    let mut session = warm_session(&fixture);
    let page = "content/divisions/alfa/guide/alfa-side.md";
    let change = || Change::Pages(vec!["divisions/alfa/guide/alfa-side.md".into()]);
    for (from, to) in [
        ("Vores egen side.", "Vores egen side, ny tekst."),
        ("ny tekst.", "nyere tekst.\n\nEndnu et afsnit."),
    ] {
        fixture.edit(page, from, to);
        let shortcut = apply_and_compare(&fixture, &mut session, change());
        assert!(
            shortcut,
            "a clean text edit of alfa's own page takes the shortcut"
        );
    }
    // The preview speaks the handbook's language after the shortcut too (it fell back
    // to English when the shortcut's outcome had no language).
    fixture.edit(page, "Endnu et afsnit.", "Endnu et afsnit på dansk.");
    let outcome = session.apply(&change()).unwrap();
    assert!(took_shortcut(&outcome));
    assert_eq!(outcome.language, "da");
    fixture.edit(
        page,
        "title: Alfa-siden MARKER-ALFA-PAGE",
        "title: Alfa-siden omdøbt",
    );
    assert!(!apply_and_compare(&fixture, &mut session, change()));
    let report = String::from_utf8_lossy(&snapshot(&session)["report/index.html"]).into_owned();
    assert!(
        report.contains("Alfa-siden omdøbt"),
        "the report lists the new title"
    );
}

/// Text edits of a shared page that no division adapts take the shortcut for shared
/// text (every site is made again without checking its links; the problems, the report
/// and the switchboard are the last run's) and serve what a full build makes, in every
/// division and on every print page, also when the page links to a page one division
/// hides and another replaces. An edit that links elsewhere, or one of a shared page a
/// division adapts, goes the whole way.
#[test]
fn text_edits_of_a_shared_page_take_the_shortcut_and_match_a_full_build() {
    let fixture = Fixture::copy("divisions");
    let mut session = warm_session(&fixture);
    let page = "content/modules/alpha.md";
    let change = || Change::Pages(vec!["modules/alpha.md".into()]);
    fixture.edit(page, "Modulets tekst.", "Modulets nye tekst.");
    assert!(
        apply_and_compare(&fixture, &mut session, change()),
        "a clean text edit of a shared page no division adapts takes the shortcut"
    );
    // A new link (to a page alfa hides and beta replaces): the whole way.
    fixture.edit(
        page,
        "nye tekst.",
        "nye tekst.\n\nSe [vejledningen](../guide/skjul.md) og [målene](#mål).\n\n## Mål\n\nAt lære.",
    );
    assert!(!apply_and_compare(&fixture, &mut session, change()));
    // The same links, the same headings, new text around them: the shortcut again,
    // with every link filled as each division sees it.
    fixture.edit(page, "Se [vejledningen]", "Læs først [vejledningen]");
    fixture.edit(page, "At lære.", "At lære mere.");
    assert!(apply_and_compare(&fixture, &mut session, change()));
    let files = snapshot(&session);
    let alfa = String::from_utf8_lossy(&files["alfa/modules/alpha/index.html"]).into_owned();
    let beta = String::from_utf8_lossy(&files["beta/modules/alpha/index.html"]).into_owned();
    assert!(alfa.contains("Læs først vejledningen") && !alfa.contains("guide/skjul"));
    assert!(beta.contains("guide/skjul/") && beta.contains("At lære mere."));
    // A link moved to another place: the whole way.
    fixture.edit(page, "(../guide/skjul.md)", "(../stories/faelles.md)");
    assert!(!apply_and_compare(&fixture, &mut session, change()));
    // A shared page that divisions adapt: the whole way (their local sections' state
    // depends on it).
    fixture.edit(
        "content/experiences/01-forste.md",
        "Det fælles indhold",
        "Det reviderede fælles indhold",
    );
    let change = Change::Pages(vec!["experiences/01-forste.md".into()]);
    assert!(!apply_and_compare(&fixture, &mut session, change));
}

/// An audience's introduction is shown on its generated page (the audience's modules),
/// not on a page of its own: an edit of its text renders that page again. It was kept
/// as it was (the edit counted as an ordinary page's text).
#[test]
fn a_text_edit_of_an_audience_introduction_reaches_its_page() {
    let fixture = Fixture::copy("divisions");
    let intro = "content/audiences/employees.md";
    fixture.write(intro, "---\ntitle: Medarbejdere\n---\n\nIntroduktionen.\n");
    let mut session = warm_session(&fixture);
    fixture.edit(intro, "Introduktionen.", "Den nye introduktion.");
    apply_and_compare(
        &fixture,
        &mut session,
        Change::Pages(vec!["audiences/employees.md".into()]),
    );
    let files = snapshot(&session);
    let page = files
        .iter()
        .find(|(path, _)| path.starts_with("gamma/audiences/") && path.ends_with("index.html"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned());
    assert!(page.is_some_and(|page| page.contains("Den nye introduktion.")));
}

/// The warnings of files a page edit does not touch stay: a run after an edit shows
/// (and its report lists) what the first load found in other files, as a full build
/// does. They were lost: only the edited files were read again, and with them their
/// own problems alone.
#[test]
fn warnings_about_other_files_outlive_a_page_edit() {
    let fixture = Fixture::copy("divisions");
    fixture.write("content/guide/noter.yaml", "husk: at skrive\n");
    let mut session = warm_session(&fixture);
    fixture.edit(
        "content/divisions/alfa/guide/alfa-side.md",
        "title: Alfa-siden MARKER-ALFA-PAGE",
        "title: Alfa-siden omdøbt",
    );
    let change = Change::Pages(vec!["divisions/alfa/guide/alfa-side.md".into()]);
    let outcome = session.apply(&change).unwrap();
    assert!(
        outcome
            .diagnostics
            .iter()
            .any(|d| d.file.as_deref() == Some("content/guide/noter.yaml")),
        "the stray YAML file is still a warning: {:?}",
        outcome.diagnostics
    );
    fixture.edit("content/modules/alpha.md", "Modulets tekst.", "Ny tekst.");
    apply_and_compare(
        &fixture,
        &mut session,
        Change::Pages(vec!["modules/alpha.md".into()]),
    );
    let report = String::from_utf8_lossy(&snapshot(&session)["report/index.html"]).into_owned();
    assert!(report.contains("noter.yaml"), "the report lists it");
    // And after an edit of the theme, which reads no content file again.
    fixture.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Væk</h1>{% endblock content %}",
    );
    apply_and_compare(&fixture, &mut session, Change::Theme);
}

/// A text edit that changes what the report shows goes the whole way: a handout no page
/// links to any more is a warning, which the report lists.
#[test]
fn a_local_text_edit_that_changes_the_warnings_remakes_the_report() {
    let fixture = Fixture::copy("divisions");
    let mut session = warm_session(&fixture);
    let page = "content/divisions/alfa/guide/alfa-side.md";
    let change = || Change::Pages(vec!["divisions/alfa/guide/alfa-side.md".into()]);
    fixture.edit(
        page,
        " Hent [Alfas eget materiale](@/handouts/alfa-egen.pdf).",
        "",
    );
    assert!(!apply_and_compare(&fixture, &mut session, change()));
    let report = String::from_utf8_lossy(&snapshot(&session)["report/index.html"]).into_owned();
    assert!(
        report.contains("alfa-egen.pdf"),
        "the unlinked handout is a warning"
    );
    // Linked again: the warning goes, from the report too.
    fixture.edit(
        page,
        "Vores egen side.",
        "Vores egen side. Hent [Alfas eget materiale](@/handouts/alfa-egen.pdf).",
    );
    assert!(!apply_and_compare(&fixture, &mut session, change()));
}

/// An approved page edited in the preview is "changed since approved" in the report at
/// once: the shortcut sees that the division's approvals changed and goes the whole way.
#[test]
fn a_text_edit_of_an_approved_local_page_updates_the_report() {
    let fixture = Fixture::copy("divisions");
    let page = "content/divisions/alfa/guide/alfa-side.md";
    let fingerprint = handbook::approvals::fingerprint(fixture.read(page).as_bytes());
    fixture.write(
        "content/approvals.yaml",
        &format!(
            "- division: alfa\n  path: guide/alfa-side.md\n  approved_by: Hanne HR\n  date: \"2027-03-01\"\n  fingerprint: {fingerprint}\n"
        ),
    );
    let mut session = warm_session(&fixture);
    let change = || Change::Pages(vec!["divisions/alfa/guide/alfa-side.md".into()]);
    fixture.edit(page, "Vores egen side.", "Vores egen side, ændret.");
    assert!(!apply_and_compare(&fixture, &mut session, change()));
    // Changed again: still "changed since approved", so the shortcut holds.
    fixture.edit(page, "ændret.", "ændret igen.");
    assert!(apply_and_compare(&fixture, &mut session, change()));
}

/// The print page keeps the chapters of the last run and renders again only the edited
/// page's: after several edits in a row, in shared and in local text, it is still what a
/// full build makes.
#[test]
fn text_edits_in_a_row_keep_every_print_page_like_a_full_build() {
    let fixture = Fixture::copy("divisions");
    let mut session = Session::in_memory(Settings {
        root: fixture.root().to_path_buf(),
        ..Settings::default()
    });
    assert!(!session.full().unwrap().has_errors());
    let edits = [
        (
            "content/experiences/01-forste.md",
            "Det fælles indhold",
            "Første ændring",
        ),
        (
            "content/divisions/alfa/experiences/01-forste.md",
            "",
            "Alfas nye tekst.\n\n",
        ),
        (
            "content/experiences/01-forste.md",
            "Første ændring",
            "Anden ændring",
        ),
        (
            "content/divisions/alfa/guide/alfa-side.md",
            "Vores egen side.",
            "Ny tekst.",
        ),
    ];
    for (file, from, to) in edits {
        if from.is_empty() {
            let text = fixture.read(file);
            fixture.write(file, &format!("{to}{text}"));
        } else {
            fixture.edit(file, from, to);
        }
        let page = file.trim_start_matches("content/").to_string();
        let outcome = session.apply(&Change::Pages(vec![page])).unwrap();
        assert!(!outcome.has_errors(), "{:?}", outcome.diagnostics);
    }
    let fast = snapshot(&session);
    let full = full_build(&fixture);
    for division in ["alfa", "beta", "gamma"] {
        let path = format!("{division}/print/index.html");
        assert!(
            fast[&path] == full[&path],
            "{path} differs from a full build: {}",
            first_difference(&fast[&path], &full[&path])
        );
    }
    let alfa = String::from_utf8_lossy(&fast["alfa/print/index.html"]).into_owned();
    assert!(alfa.contains("Anden ændring") && alfa.contains("Alfas nye tekst."));
    assert!(alfa.contains("Ny tekst.") && !alfa.contains("Første ændring"));
}

// ---------------------------------------------------------------- what is served

#[test]
fn the_in_memory_site_holds_the_bytes_of_its_handouts() {
    let fixture = Fixture::copy("divisions");
    let mut session = Session::in_memory(Settings {
        root: fixture.root().to_path_buf(),
        ..Settings::default()
    });
    assert!(!session.full().unwrap().has_errors());
    let original = std::fs::read(fixture.root().join("content/handouts/kit/a.pdf")).unwrap();
    fixture.remove("content/handouts/kit/a.pdf");
    let kept = &session.files()["beta/handouts/kit/a.pdf"];
    assert_eq!(bytes(&kept.contents), original, "read at build time");
}

/// A file outside the handbook that no request may reach, in a folder of its own.
fn secret_outside() -> (tempfile::TempDir, std::path::PathBuf) {
    let folder = tempfile::tempdir().unwrap();
    let secret = folder.path().join("secret.txt");
    std::fs::write(&secret, "TOP-SECRET-OUTSIDE").unwrap();
    (folder, secret)
}

#[cfg(unix)]
#[test]
fn a_handout_replaced_by_a_symlink_to_a_secret_is_never_served() {
    let fixture = Fixture::copy("divisions");
    let (_folder, secret) = secret_outside();
    let server = Server::start(&fixture);
    let handout = "/beta/handouts/kit/a.pdf";
    let original = server.get(handout);
    assert_eq!(original.status, 200);
    let path = fixture.root().join("content/handouts/kit/a.pdf");
    std::fs::remove_file(&path).unwrap();
    std::os::unix::fs::symlink(&secret, &path).unwrap();
    server.wait_for("/__handbook/status", "the symlink to be reported", |r| {
        r.body.contains("outside the handbook")
    });
    let reply = server.get(handout);
    assert!(!reply.body.contains("TOP-SECRET"), "the secret was served");
    assert_eq!(
        (reply.status, reply.body),
        (200, original.body),
        "the last good site serves what it read"
    );
}

#[cfg(unix)]
#[test]
fn a_handout_replaced_by_a_named_pipe_does_not_freeze_the_preview() {
    let fixture = Fixture::copy("divisions");
    let server = Server::start(&fixture);
    let handout = "/beta/handouts/kit/a.pdf";
    let original = server.get(handout);
    assert_eq!(original.status, 200);
    let path = fixture.root().join("content/handouts/kit/a.pdf");
    std::fs::remove_file(&path).unwrap();
    let made = Command::new("mkfifo").arg(&path).status().unwrap();
    assert!(made.success(), "mkfifo");
    server.wait_for("/__handbook/status", "the missing handout", |r| {
        r.body.contains("kit/a.pdf")
    });
    let reply = server.get(handout);
    assert_eq!(
        (reply.status, reply.body),
        (200, original.body),
        "answered at once, from memory"
    );
    assert_eq!(server.get("/beta/").status, 200, "other requests too");
}

// ---------------------------------------------------------------- watching

#[test]
fn watching_goes_on_when_content_is_deleted_and_restored() {
    let fixture = Fixture::copy("divisions");
    let backup = Fixture::copy("divisions");
    let server = Server::start(&fixture);
    assert_eq!(server.get("/alfa/").status, 200);
    fixture.remove("content");
    server.wait_for("/__handbook/status", "the build without content", |r| {
        !r.body.contains("\"errors\":null")
    });
    std::fs::rename(
        backup.root().join("content"),
        fixture.root().join("content"),
    )
    .unwrap();
    server.wait_for("/__handbook/status", "recovery", |r| {
        r.body.contains("\"errors\":null")
    });
    fixture.edit(
        "content/divisions/alfa/guide/alfa-side.md",
        "Vores egen side.",
        "Vores egen side, EFTER GENDANNELSE.",
    );
    server.wait_for(
        "/alfa/guide/alfa-side/",
        "an edit in the restored folder",
        |r| r.body.contains("EFTER GENDANNELSE"),
    );
}

#[test]
fn watching_covers_a_themes_folder_made_after_start() {
    let fixture = Fixture::copy("divisions");
    assert!(!fixture.root().join("themes").exists());
    let server = Server::start(&fixture);
    let template = |marker: &str| {
        format!(
            "{{% extends \"base.html\" %}}{{% block content %}}<h1>{marker}</h1>{{% endblock content %}}"
        )
    };
    fixture.write(
        "themes/default/templates/404.html",
        &template("NY-SKABELON"),
    );
    server.wait_for("/alfa/findes-ikke/", "the new theme folder", |r| {
        r.body.contains("NY-SKABELON")
    });
    fixture.write(
        "themes/default/templates/404.html",
        &template("RETTET-SKABELON"),
    );
    server.wait_for("/alfa/findes-ikke/", "an edit inside it", |r| {
        r.body.contains("RETTET-SKABELON")
    });
}
