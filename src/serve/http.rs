//! The preview's HTTP side: files of the last good build, the site's 404 page, and the
//! live-reload script and event stream, all under the site's base path, behind the guard of
//! `guard.rs`.
//!
//! Files come from the in-memory build, never from the disk, so no request (`..`, `%2e%2e`,
//! backslashes, symbolic links) can reach anything outside the site.

use std::convert::Infallible;
use std::sync::{Arc, RwLock};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Router;
use futures_util::stream::{self, Stream};
use tokio::sync::watch;

use super::guard::{self, Guard};
use super::session::{Notice, Snapshot};
use super::viewed::Viewed;

/// Where the preview's own files live under the base path. `__` cannot start a slug, so no
/// page of the site can be there.
pub const RESERVED: &str = "__loa/";

const RELOAD_JS: &str = include_str!("reload.js");

/// What the handlers share: the served snapshot, the stream of rebuild notices, and the run's
/// secret that served pages carry.
#[derive(Clone)]
pub struct Shared {
    pub snapshot: Arc<RwLock<Snapshot>>,
    pub notices: watch::Receiver<Notice>,
    pub secret: Arc<str>,
    /// The pages served last, for the builder to make first after a template edit.
    pub viewed: Viewed,
}

/// Every request passes the guard before it reaches a handler; in a review preview, then the
/// review's token check and its page (`review.rs`); with the desk, its requests go to it.
pub fn router(
    shared: Shared,
    guard: Guard,
    review: Option<super::review::Review>,
    desk: Option<super::desk::Desk>,
) -> Router {
    let mut app = Router::new().fallback(handle).with_state(shared);
    if let Some(desk) = desk {
        app = app.layer(axum::middleware::from_fn_with_state(
            desk,
            super::desk::intercept,
        ));
    }
    if let Some(review) = review {
        app = app.layer(axum::middleware::from_fn_with_state(
            review,
            super::review::intercept,
        ));
    }
    app.layer(axum::middleware::from_fn_with_state(guard, guard::check))
}

async fn handle(State(shared): State<Shared>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    // Mark the current notice as seen before reading the snapshot, so an event stream opened
    // now misses no rebuild that finishes after this point.
    let mut notices = shared.notices.clone();
    notices.borrow_and_update();
    let snapshot = shared
        .snapshot
        .read()
        .map(|s| s.clone())
        .unwrap_or_default();
    let Some(rel) = uri.path().strip_prefix(snapshot.base_path.as_str()) else {
        return redirect_into_site(&uri, &snapshot, &shared.secret);
    };
    let page = Served {
        snapshot: &snapshot,
        secret: &shared.secret,
    };
    match rel {
        "__loa/reload.js" => with_type(
            RELOAD_JS.as_bytes().to_vec(),
            "text/javascript; charset=utf-8",
        ),
        "__loa/events" => events(notices, &snapshot).into_response(),
        _ => serve_file(rel, &page, &shared.viewed),
    }
}

/// What a response is made from: the build served and the secret its pages carry.
struct Served<'a> {
    snapshot: &'a Snapshot,
    secret: &'a str,
}

/// `/` and other paths outside the site lead to its home, so `http://127.0.0.1:1111/` works
/// for a site published under `/cchc/`.
fn redirect_into_site(uri: &Uri, snapshot: &Snapshot, secret: &str) -> Response {
    if uri.path() == "/" || snapshot.base_path.starts_with(uri.path()) {
        return redirect(&snapshot.base_path);
    }
    not_found(&Served { snapshot, secret })
}

/// The file at `rel`; a page asked for (served or not found) is noted in `viewed`.
fn serve_file(rel: &str, page: &Served, viewed: &Viewed) -> Response {
    let snapshot = page.snapshot;
    let Some(rel) = safe_path(rel) else {
        return not_found(page);
    };
    let file = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.clone()
    };
    if let Some(bytes) = snapshot.file(&file) {
        if file.ends_with(".html") {
            viewed.saw(&file);
        }
        return file_response(&file, &bytes, page);
    }
    // A folder asked for without its slash: send the browser to the slashed URL, so relative
    // links inside the page resolve as they will on the portal.
    if snapshot.has(&format!("{rel}/index.html")) {
        return redirect(&format!("{}{rel}/", snapshot.base_path));
    }
    // A page not there (yet) is in view too: the article the officer is publishing again
    // shows as soon as the site is assembled.
    if file.ends_with(".html") {
        viewed.saw(&file);
    }
    not_found(page)
}

/// Decodes a request path and refuses anything that is not a plain path inside the site.
fn safe_path(rel: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(rel)
        .decode_utf8()
        .ok()?;
    let bad = decoded.contains('\\')
        || decoded.contains('\0')
        || decoded.starts_with('/')
        || decoded.split('/').any(|part| part == ".." || part == ".");
    (!bad).then(|| crate::text::nfc(&decoded))
}

fn file_response(file: &str, bytes: &[u8], page: &Served) -> Response {
    let mime = mime_guess::from_path(file).first_or_octet_stream();
    let mut content_type = mime.essence_str().to_string();
    if mime.type_() == "text"
        || content_type == "application/javascript"
        || content_type.ends_with("xml")
    {
        content_type.push_str("; charset=utf-8");
    }
    let body = if mime.essence_str() == "text/html" {
        with_reload(bytes, page.snapshot, page.secret)
    } else {
        bytes.to_vec()
    };
    with_type(body, &content_type)
}

fn not_found(served: &Served) -> Response {
    let (snapshot, secret) = (served.snapshot, served.secret);
    let (body, status) = match snapshot.file("404.html") {
        Some(page) => (with_reload(&page, snapshot, secret), StatusCode::NOT_FOUND),
        // No good build yet: a page that shows the errors (through the overlay) and reloads
        // itself once the site builds.
        None => {
            let page = format!(
                "<!DOCTYPE html>\n<html lang=\"vi\">\n<head><meta charset=\"utf-8\"><title>{0}</title></head>\n\
                 <body>\n<main><h1>{0}</h1></main>\n</body>\n</html>\n",
                crate::msg::NOT_BUILT_YET
            );
            (
                with_reload(page.as_bytes(), snapshot, secret),
                StatusCode::SERVICE_UNAVAILABLE,
            )
        }
    };
    let mut response = with_type(body, "text/html; charset=utf-8");
    *response.status_mut() = status;
    response
}

fn redirect(location: &str) -> Response {
    let mut response = StatusCode::FOUND.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn with_type(body: Vec<u8>, content_type: &str) -> Response {
    let mut response = Response::new(Body::from(body));
    if let Ok(value) = HeaderValue::from_str(content_type) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    // The preview changes under the browser's feet: never cache.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Adds the live-reload script to a served page, just before `</body>`. Only served pages get
/// it: the build's bytes, and so `loa build`'s output, never contain it.
///
/// The tag also hands the page the run's secret (`data-secret`), which the page sends back
/// with requests that could change something. In the page, not in a cookie: only a page of
/// the same origin can read another's HTML, while a cookie ignores the port, so any other
/// program on `localhost` (a developer's server on :3000) could read it, and the browser
/// would send it along with requests from such a page (same site, though not same origin).
/// Keeping it in the one tag added also keeps every served page its build's bytes plus one line.
pub fn with_reload(page: &[u8], snapshot: &Snapshot, secret: &str) -> Vec<u8> {
    let tag = format!(
        "<script src=\"{}{RESERVED}reload.js\" data-version=\"{}\" data-secret=\"{secret}\" defer></script>\n",
        snapshot.base_path, snapshot.version
    );
    let text = String::from_utf8_lossy(page);
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

/// Server-sent events: the current state at once, then one message per rebuild.
fn events(
    notices: watch::Receiver<Notice>,
    snapshot: &Snapshot,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let first = Notice {
        version: snapshot.version,
        changed: Vec::new(),
        errors: snapshot.errors.iter().map(|d| d.to_string()).collect(),
    };
    let initial = stream::once(async move { Ok(event(&first, true)) });
    let updates = stream::unfold(notices, |mut rx| async move {
        rx.changed().await.ok()?;
        let notice = rx.borrow_and_update().clone();
        Some((Ok(event(&notice, false)), rx))
    });
    Sse::new(futures_util::StreamExt::chain(initial, updates)).keep_alive(KeepAlive::default())
}

fn event(notice: &Notice, initial: bool) -> Event {
    let json = serde_json::json!({
        "initial": initial,
        "version": notice.version,
        "changed": notice.changed,
        "errors": notice.errors,
    });
    Event::default().data(json.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_cannot_leave_the_site() {
        for bad in [
            "../config.yaml",
            "%2e%2e/config.yaml",
            "a/%2E%2E/%2e%2e/x",
            "..%5cconfig.yaml",
            "a\\b",
            "%2fetc",
        ] {
            assert_eq!(safe_path(bad), None, "{bad}");
        }
        assert_eq!(
            safe_path("tin-tuc/b%C3%A0i/").as_deref(),
            Some("tin-tuc/bài/")
        );
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_body() {
        let snapshot = Snapshot {
            base_path: "/cchc/".into(),
            version: 3,
            ..Snapshot::default()
        };
        let page = String::from_utf8(with_reload(
            b"<html><body><p>x</p></body></html>",
            &snapshot,
            "ab12",
        ))
        .unwrap();
        assert_eq!(
            page,
            "<html><body><p>x</p><script src=\"/cchc/__loa/reload.js\" data-version=\"3\" data-secret=\"ab12\" defer></script>\n</body></html>"
        );
    }
}
