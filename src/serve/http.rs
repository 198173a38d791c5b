//! The preview server: the last good build, served from memory. A request can reach
//! only the bytes of that build (the path is looked up, never joined onto a folder, and
//! nothing here opens a file); live-reload is injected into HTML responses here and
//! nowhere else. Every request passes one gate first (`gate`): only this machine's names
//! for the server, as `Host`, `Origin` and absolute request target.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

const LIVE_JS: &str = include_str!("live.js");
const LIVE_TAG: &str = "<script src=\"/__handbook/live.js\"></script>";

/// The files of a build by site path, as bytes: what the server can show is what the
/// build read and checked, never a path to open.
pub type Files = BTreeMap<String, Bytes>;

/// A file's bytes as the server keeps them: whole, or in the parts a page was put
/// together from (a print page: see `output::Contents::Parts`), joined when asked for.
#[derive(Debug, Clone)]
pub enum Bytes {
    Whole(Arc<[u8]>),
    Parts(Arc<[Arc<str>]>),
}

impl Bytes {
    fn to_vec(&self) -> Vec<u8> {
        match self {
            Bytes::Whole(bytes) => bytes.to_vec(),
            Bytes::Parts(parts) => parts.concat().into_bytes(),
        }
    }
}

/// What the server shows: the files of the last good build and the problems of the
/// latest one, if it failed.
#[derive(Default)]
pub struct Served {
    pub files: Arc<Files>,
    pub errors: Option<String>,
}

/// A message to every open page.
#[derive(Clone, Debug)]
pub enum Notice {
    Reload,
    Errors(String),
}

pub struct ServerState {
    pub served: RwLock<Served>,
    pub notices: broadcast::Sender<Notice>,
    /// `Host` values accepted; empty means any (an explicit non-loopback `--bind`).
    pub allowed_hosts: Vec<String>,
}

impl ServerState {
    pub fn new(allowed_hosts: Vec<String>) -> Arc<Self> {
        let (notices, _) = broadcast::channel(16);
        Arc::new(ServerState {
            served: RwLock::new(Served::default()),
            notices,
            allowed_hosts,
        })
    }

    /// Protection against DNS rebinding: a page of another site that resolves its name
    /// to 127.0.0.1 sends its own name as `Host` (and as `Origin`). A request target in
    /// absolute form (`GET http://other.example/`, as sent to a proxy) names the host too:
    /// it must be one of our loopback names and agree with `Host` (after an explicit
    /// `--bind`, which accepts any `Host`, no absolute form is answered).
    fn trusts(&self, uri: &Uri, headers: &HeaderMap) -> bool {
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        if let Some(authority) = uri.authority() {
            let ours = uri.scheme_str() == Some("http")
                && authority.as_str().eq_ignore_ascii_case(host)
                && self.is_allowed(host);
            if !ours {
                return false;
            }
        }
        if self.allowed_hosts.is_empty() {
            return true;
        }
        if !self.is_allowed(host) {
            return false;
        }
        match headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
            None => true,
            Some(origin) => self
                .allowed_hosts
                .iter()
                .any(|allowed| origin.eq_ignore_ascii_case(&format!("http://{allowed}"))),
        }
    }

    fn is_allowed(&self, host: &str) -> bool {
        self.allowed_hosts
            .iter()
            .any(|allowed| allowed.eq_ignore_ascii_case(host))
    }
}

pub fn router(state: Arc<ServerState>) -> Router {
    Router::new()
        .route("/__handbook/live.js", get(live_js))
        .route("/__handbook/events", get(events))
        .route("/__handbook/status", get(status))
        .fallback(file)
        .layer(axum::middleware::from_fn_with_state(state.clone(), gate))
        .with_state(state)
}

/// The one check every request passes before any handler sees it.
async fn gate(State(state): State<Arc<ServerState>>, request: Request, next: Next) -> Response {
    if !state.trusts(request.uri(), request.headers()) {
        return forbidden();
    }
    next.run(request).await
}

fn forbidden() -> Response {
    (
        StatusCode::FORBIDDEN,
        "handbook serve only answers requests for localhost\n",
    )
        .into_response()
}

async fn live_js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        LIVE_JS,
    )
        .into_response()
}

async fn status(State(state): State<Arc<ServerState>>) -> Response {
    let errors = state
        .served
        .read()
        .expect("the lock is never poisoned")
        .errors
        .clone();
    let body = serde_json::json!({ "errors": errors }).to_string();
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

async fn events(State(state): State<Arc<ServerState>>) -> Response {
    Sse::new(notice_stream(state.notices.subscribe()))
        .keep_alive(KeepAlive::default())
        .into_response()
}

fn notice_stream(
    receiver: broadcast::Receiver<Notice>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    BroadcastStream::new(receiver).filter_map(|notice| {
        let event = match notice.ok()? {
            Notice::Reload => Event::default().event("reload").data("reload"),
            Notice::Errors(text) => Event::default()
                .event("errors")
                .data(serde_json::to_string(&text).unwrap_or_default()),
        };
        Some(Ok(event))
    })
}

async fn file(State(state): State<Arc<ServerState>>, request: Request) -> Response {
    let Some(key) = site_path(request.uri().path()) else {
        return not_found(&state, "");
    };
    let files = state
        .served
        .read()
        .expect("the lock is never poisoned")
        .files
        .clone();
    let lookup = if key.is_empty() || key.ends_with('/') {
        format!("{key}index.html")
    } else {
        key.clone()
    };
    if let Some(found) = files.get(&lookup) {
        return respond(&lookup, found, StatusCode::OK, None);
    }
    if files.contains_key(&format!("{key}/index.html")) {
        let location = format!("/{key}/");
        return (
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, location)],
        )
            .into_response();
    }
    not_found(&state, &key)
}

/// The site path a request path names, or `None` for anything that tries to leave the
/// site: `..` (also percent-encoded), backslashes, NUL, or a scheme or drive.
pub fn site_path(raw: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    if decoded.contains(['\\', '\0', ':']) {
        return None;
    }
    let trimmed = decoded.trim_start_matches('/');
    if trimmed
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return None;
    }
    Some(trimmed.to_string())
}

fn not_found(state: &ServerState, key: &str) -> Response {
    let files = state
        .served
        .read()
        .expect("the lock is never poisoned")
        .files
        .clone();
    let division = key.split_once('/').map(|(first, _)| format!("{first}/"));
    let page = division
        .as_ref()
        .and_then(|prefix| {
            files
                .get(&format!("{prefix}404.html"))
                .map(|f| (f, prefix.clone()))
        })
        .or_else(|| files.get("404.html").map(|f| (f, String::new())));
    match page {
        // The 404 page's links are relative to where it sits: a <base> puts it there.
        Some((bytes, prefix)) => respond(
            "404.html",
            bytes,
            StatusCode::NOT_FOUND,
            Some(&format!("/{prefix}")),
        ),
        None => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

/// The response for the file at site path `path`.
fn respond(path: &str, bytes: &Bytes, status: StatusCode, base: Option<&str>) -> Response {
    let bytes = bytes.to_vec();
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let body = if is_html { inject(bytes, base) } else { bytes };
    let content_type = if mime.type_() == "text" || mime.essence_str() == "application/javascript" {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// Adds the live-reload script (and a `<base>` for the 404 page) to served HTML.
fn inject(html: Vec<u8>, base: Option<&str>) -> Vec<u8> {
    let mut text = String::from_utf8_lossy(&html).into_owned();
    if let Some(base) = base
        && let Some(head) = text.find("<head>")
    {
        let tag = format!("<base href=\"{}\">", crate::markdown::escape(base));
        text.insert_str(head + "<head>".len(), &tag);
    }
    match text.rfind("</body>") {
        Some(end) => text.insert_str(end, LIVE_TAG),
        None => text.push_str(LIVE_TAG),
    }
    text.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_cannot_leave_the_site() {
        assert_eq!(
            site_path("/privat/index.html").as_deref(),
            Some("privat/index.html")
        );
        assert_eq!(site_path("/").as_deref(), Some(""));
        assert_eq!(site_path("/M%C3%A5l/").as_deref(), Some("Mål/"));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/secret",
            "/a/%2E%2E/%2e%2e/x",
            "/a\\..\\b",
            "/%5c..%5cb",
            "/c:/windows",
            "/a/%00",
            "/./x",
            "/%ff",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_local_hosts_are_trusted() {
        let state = ServerState::new(vec!["127.0.0.1:1111".into(), "localhost:1111".into()]);
        let headers = |host: &str, origin: Option<&str>| {
            let mut map = HeaderMap::new();
            map.insert(header::HOST, HeaderValue::from_str(host).unwrap());
            if let Some(origin) = origin {
                map.insert(header::ORIGIN, HeaderValue::from_str(origin).unwrap());
            }
            map
        };
        let path: Uri = "/alfa/".parse().unwrap();
        assert!(state.trusts(&path, &headers("127.0.0.1:1111", None)));
        assert!(state.trusts(
            &path,
            &headers("localhost:1111", Some("http://localhost:1111"))
        ));
        assert!(!state.trusts(&path, &headers("evil.example:1111", None)));
        assert!(!state.trusts(
            &path,
            &headers("localhost:1111", Some("http://evil.example"))
        ));
        let local = headers("localhost:1111", None);
        let absolute = |uri: &str| uri.parse::<Uri>().unwrap();
        assert!(state.trusts(&absolute("http://localhost:1111/alfa/"), &local));
        for foreign in [
            "http://evil.example/alfa/",
            "http://evil.example:1111/",
            "http://127.0.0.1:1111/",
            "https://localhost:1111/",
            "http://localhost:1111@evil.example/",
            "localhost:1111",
        ] {
            assert!(!state.trusts(&absolute(foreign), &local), "{foreign}");
        }
        let anywhere = ServerState::new(Vec::new());
        let other = headers("evil.example", None);
        assert!(
            anywhere.trusts(&path, &other),
            "an explicit --bind takes any Host"
        );
        assert!(!anywhere.trusts(&absolute("http://evil.example/"), &other));
    }

    #[test]
    fn the_live_script_goes_before_the_end_of_body() {
        let html = inject(
            b"<html><head></head><body><p>x</p></body></html>".to_vec(),
            Some("/privat/"),
        );
        let html = String::from_utf8(html).unwrap();
        assert!(html.contains("<head><base href=\"/privat/\">"));
        assert!(html.ends_with(&format!("{LIVE_TAG}</body></html>")));
    }
}
