//! `handbook serve`: build in memory, serve the result on loopback, rebuild on every
//! save and reload the browser. A failed build never replaces the last good site: the
//! browser shows the diagnostics over it, and the next good save clears them.

mod http;
mod watch;

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify_debouncer_full::DebounceEventResult;

use crate::build::{Outcome, Session, Settings};
use crate::diagnostics;
use crate::messages::{Lang, Message, msg};
use crate::output::{Contents, OutputFile};
use http::{Notice, ServerState};

pub use http::site_path;
pub use watch::classify;

/// How long a burst of file events must be quiet before a rebuild starts: short, so a
/// save shows at once, long enough to see an editor's write-then-rename as one change.
const DEBOUNCE: Duration = Duration::from_millis(20);

/// How often files are looked at where native file events are not available.
const POLL: Duration = Duration::from_millis(500);

#[derive(Debug, Clone)]
pub struct ServeSettings {
    pub build: Settings,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
    /// `--lang`: the language of messages, else the handbook's.
    pub lang: Option<crate::messages::Lang>,
}

/// Runs until interrupted. Errors here are about the command itself (exit 2).
pub fn run(mut settings: ServeSettings) -> Result<(), Message> {
    // File events name absolute paths: compare them with an absolute root.
    let root = settings.build.root.canonicalize().map_err(|e| {
        msg!(
            "serve-cannot-open",
            path = settings.build.root.display().to_string(),
            detail = e.to_string()
        )
    })?;
    settings.build.root = root.clone();
    let output = root.join("public");
    let mut session = Session::in_memory(settings.build.clone());
    let lang = crate::config::message_lang(settings.lang, &root);
    let first = session.full().map_err(|e| e.0)?;
    let address = SocketAddr::new(settings.bind, settings.port);
    let listener = std::net::TcpListener::bind(address).map_err(|e| cannot_listen(address, &e))?;
    let address = listener
        .local_addr()
        .map_err(|e| cannot_listen(address, &e))?;
    let state = ServerState::new(allowed_hosts(settings.bind, address.port()));
    publish(&state, &session, &first, (&root, settings.lang), None);
    // Watch before announcing: a save made as soon as the address is known must count.
    let (sender, events) = mpsc::channel::<DebounceEventResult>();
    let mut watcher = watch::Watcher::start(&root, DEBOUNCE, POLL, sender)
        .map_err(|detail| msg!("serve-cannot-watch", detail = detail))?;
    start_server(&state, listener).map_err(|e| cannot_listen(address, &e))?;
    announce(&settings, address, lang);
    loop {
        let Ok(batch) = events.recv() else {
            return Err(msg!("serve-watcher-stopped"));
        };
        let Some(change) = watcher.changes(batch, &output) else {
            continue;
        };
        let started = Instant::now();
        match session.apply(&change) {
            Ok(outcome) => publish(
                &state,
                &session,
                &outcome,
                (&root, settings.lang),
                Some(started),
            ),
            Err(problem) => show_errors(&state, &problem.0.text(lang)),
        }
    }
}

fn allowed_hosts(bind: IpAddr, port: u16) -> Vec<String> {
    if !bind.is_loopback() {
        return Vec::new();
    }
    let mut hosts = vec![
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ];
    if port == 80 {
        hosts.extend(["localhost".into(), "127.0.0.1".into(), "[::1]".into()]);
    }
    hosts
}

fn cannot_listen(address: SocketAddr, error: &std::io::Error) -> Message {
    msg!(
        "serve-cannot-listen",
        address = address.to_string(),
        detail = error.to_string()
    )
}

/// Starts the HTTP server on its own thread.
fn start_server(state: &Arc<ServerState>, listener: std::net::TcpListener) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let router = http::router(state.clone());
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime starts");
        runtime.block_on(async move {
            let listener =
                tokio::net::TcpListener::from_std(listener).expect("the listener is non-blocking");
            axum::serve(listener, router)
                .await
                .expect("the server runs");
        });
    });
    Ok(())
}

fn announce(settings: &ServeSettings, address: SocketAddr, lang: Lang) {
    let url = format!("http://{address}/");
    if !settings.bind.is_loopback() {
        let exposed = msg!("serve-exposed", address = settings.bind.to_string());
        eprintln!(
            "{}: {}",
            msg!("severity-warning").text(lang),
            exposed.text(lang)
        );
    }
    println!("{}", msg!("serve-serving", url = url.as_str()).text(lang));
    if settings.open {
        open_browser(&url);
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("could not open a browser; open {url} yourself");
    }
}

/// Shows the result of a run: the new site after a good one, the errors over the old
/// site after a bad one.
fn publish(
    state: &Arc<ServerState>,
    session: &Session,
    outcome: &Outcome,
    (root, lang): (&Path, Option<crate::messages::Lang>),
    started: Option<Instant>,
) {
    let lang = Lang::choose(lang, &outcome.language);
    let text = diagnostics::render_text(&outcome.diagnostics, &crate::source::reader(root), lang);
    if outcome.has_errors() {
        eprint!("{text}");
        show_errors(state, &text);
        return;
    }
    if !outcome.diagnostics.is_empty() {
        eprint!("{text}");
    }
    {
        let mut served = state.served.write().expect("the lock is never poisoned");
        served.files = Arc::new(served_files(session.files()));
        served.errors = None;
    }
    let _ = state.notices.send(Notice::Reload);
    if let Some(started) = started {
        let millis = started.elapsed().as_millis();
        eprintln!(
            "{}",
            msg!("serve-rebuilt", millis = millis as u64).text(lang)
        );
        print_timings(outcome);
    }
}

/// With `HANDBOOK_TIMINGS` set, each rebuild's stage times follow its line (as `build
/// --timings` prints them): how to see where a preview's time goes.
fn print_timings(outcome: &Outcome) {
    if std::env::var_os("HANDBOOK_TIMINGS").is_none() {
        return;
    }
    for (stage, time) in &outcome.timings {
        eprintln!("  {stage:<8} {:>8.1} ms", time.as_secs_f64() * 1000.0);
    }
}

/// The files of a good run as the server keeps them: bytes, shared with the session.
/// The in-memory sink has read every copied file; a path, which only a bug could leave
/// here, is left out rather than opened at request time.
fn served_files(files: &BTreeMap<String, OutputFile>) -> http::Files {
    files
        .iter()
        .filter_map(|(path, file)| {
            let bytes = match &file.contents {
                Contents::Shared(bytes) => http::Bytes::Whole(bytes.clone()),
                Contents::Bytes(bytes) => http::Bytes::Whole(Arc::from(bytes.as_slice())),
                Contents::Parts(parts) => http::Bytes::Parts(parts.clone()),
                Contents::Copy(_) | Contents::Archive(_) => return None,
            };
            Some((path.clone(), bytes))
        })
        .collect()
}

fn show_errors(state: &Arc<ServerState>, text: &str) {
    state
        .served
        .write()
        .expect("the lock is never poisoned")
        .errors = Some(text.to_string());
    let _ = state.notices.send(Notice::Errors(text.to_string()));
}
