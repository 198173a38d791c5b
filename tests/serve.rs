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
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let origin = origin
            .map(|o| format!("Origin: {o}\r\n"))
            .unwrap_or_default();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\n{origin}Connection: close\r\n\r\n"
        )
        .unwrap();
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
        Contents::Copy(source) => source.read().unwrap(),
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

/// Applies `edit`, then `change` to a warm session, and compares with a fresh build.
fn assert_fast_path_matches_full_build(edit: impl Fn(&Fixture), change: Change) {
    let fixture = Fixture::copy("divisions");
    let mut session = Session::in_memory(Settings {
        root: fixture.root().to_path_buf(),
        ..Settings::default()
    });
    assert!(!session.full().unwrap().has_errors());
    edit(&fixture);
    let outcome = session.apply(&change).unwrap();
    assert!(!outcome.has_errors(), "{:?}", outcome.diagnostics);
    let fast = snapshot(&session);
    let full = full_build(&fixture);
    assert_eq!(
        fast.keys().collect::<Vec<_>>(),
        full.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (path, content) in &full {
        assert!(
            &fast[path] == content,
            "{path} differs from a full build after {change:?}"
        );
    }
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
