//! The writing desk (`loa desk`): the officer writes, checks, submits and publishes from the
//! browser, on top of the preview. Its page (`assets/`) talks to the JSON API here.
//!
//! Everything under `<base>__loa/desk/` is answered here, after the preview's guard (the
//! `Host` check; the run's secret and the same origin for anything but reading), and only to
//! requests from this machine. The desk writes only article files and their photos under
//! `content/`, each path checked first (`paths.rs`), every write atomic.

mod api;
mod files;
pub mod form;
mod paths;
mod publish;
mod reply;
mod steps;

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::guard::Arrival;
use super::session::{Session, Snapshot};
pub use reply::Reply;

/// Where the desk lives under the site's base path.
pub const PREFIX: &str = "__loa/desk/";

const SHELL: &str = include_str!("assets/desk.html");
const JS: &str = include_str!("assets/desk.js");
const CSS: &str = include_str!("assets/desk.css");

/// The longest request body: an article's text, a phone photo, a Word file.
const MAX_TEXT_BODY: usize = 4 * 1024 * 1024;
const MAX_UPLOAD_BODY: usize = 40 * 1024 * 1024;

/// What the desk's handlers share.
#[derive(Clone)]
pub struct Desk {
    inner: Arc<Inner>,
}

struct Inner {
    root: PathBuf,
    now: Option<String>,
    /// The preview's build state: the desk previews drafts with its cache.
    session: Arc<Mutex<Session>>,
    snapshot: Arc<RwLock<Snapshot>>,
    secret: Arc<str>,
    /// `http://127.0.0.1:1111`.
    origin: String,
    publishing: Mutex<publish::Progress>,
    /// Every article and where it stands, read again only after a build or a write of the
    /// desk: the list screen asks for it with the site's vocabulary, and each is a read of
    /// every file.
    listing: Mutex<Option<(u64, Arc<Listing>)>>,
}

/// Every article and where it stands, and the files that could not be read.
pub type Listing = (
    Vec<crate::workflow::status::Entry>,
    Vec<crate::diag::Diagnostic>,
);

impl Desk {
    pub fn new(
        root: PathBuf,
        now: Option<String>,
        session: Arc<Mutex<Session>>,
        snapshot: Arc<RwLock<Snapshot>>,
        secret: Arc<str>,
        origin: String,
    ) -> Desk {
        Desk {
            inner: Arc::new(Inner {
                root,
                now,
                session,
                snapshot,
                secret,
                origin,
                publishing: Mutex::new(publish::Progress::default()),
                listing: Mutex::new(None),
            }),
        }
    }

    fn base_path(&self) -> String {
        self.inner
            .snapshot
            .read()
            .map(|s| s.base_path.clone())
            .unwrap_or_else(|_| "/".into())
    }

    /// Tells the preview a file changed, so the next preview and build read it at once,
    /// before the watcher reports it; the list of articles is read again.
    fn touched(&self, paths: Vec<PathBuf>) {
        if let Ok(mut session) = self.inner.session.lock() {
            session.changed(paths);
        }
        if let Ok(mut listing) = self.inner.listing.lock() {
            *listing = None;
        }
    }

    /// Every article and where it stands, as of the last build or the desk's last write.
    fn listing(&self) -> Result<Arc<Listing>, Vec<crate::diag::Diagnostic>> {
        let version = self.inner.snapshot.read().map_or(0, |s| s.version);
        let mut cached = self.inner.listing.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((v, listing)) = cached.as_ref() {
            if *v == version {
                return Ok(listing.clone());
            }
        }
        let listed = crate::workflow::status::list(&self.inner.root, self.inner.now.as_deref())?;
        let listing = Arc::new(listed);
        *cached = Some((version, listing.clone()));
        Ok(listing)
    }

    /// Answers one request of the desk: `rest` is the path after the desk's prefix.
    pub fn handle(&self, method: &Method, rest: &str, query: &str, body: &[u8]) -> Reply {
        let q = Query(
            url::form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect(),
        );
        let reading = *method == Method::GET || *method == Method::HEAD;
        if !reading && *method != Method::POST {
            return Reply::status(StatusCode::METHOD_NOT_ALLOWED);
        }
        match (reading, rest) {
            (true, "" | "moi" | "sua" | "dang") => self.shell(),
            (true, "desk.js") => Reply::text(JS, "text/javascript; charset=utf-8"),
            (true, "desk.css") => Reply::text(CSS, "text/css; charset=utf-8"),
            (true, "api/site") => api::site(self),
            (true, "api/articles") => api::articles(self),
            (true, "api/article") => api::article(self, q.get("path")),
            (true, "api/name") => api::name(self, q.get("section"), q.get("title")),
            (true, "api/publish/plan") => publish::plan(self),
            (true, "api/publish/progress") => publish::progress(self),
            (false, "api/new") => api::create(self, body),
            (false, "api/preview") => api::preview(self, body),
            (false, "api/save") => api::save(self, body),
            (false, "api/photo") => files::photo(self, q.get("path"), q.get("name"), body),
            (false, "api/import") => files::import(self, q.get("name"), body),
            (false, "api/submit" | "api/approve" | "api/return") => steps::take(self, rest, body),
            (false, "api/publish") => publish::start(self),
            _ => Reply::status(StatusCode::NOT_FOUND),
        }
    }

    /// The page every screen starts from, with the run's secret for the requests it sends.
    fn shell(&self) -> Reply {
        let base = self.base_path();
        let title = crate::config::load(&self.inner.root, &Default::default())
            .map(|c| c.title)
            .unwrap_or_default();
        let esc = crate::text::escape_html;
        let page = SHELL
            .replace("{{title}}", &esc(&title))
            .replace("{{base}}", &esc(&base))
            .replace("{{desk}}", &esc(&format!("{base}{PREFIX}")))
            .replace("{{secret}}", &esc(&self.inner.secret));
        Reply::page(&page)
    }
}

/// The query's parameters.
struct Query(Vec<(String, String)>);

impl Query {
    fn get(&self, key: &str) -> &str {
        (self.0.iter())
            .find(|(k, _)| k == key)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// Takes the desk's requests out of the preview's: the rest go on to the site.
pub async fn intercept(State(desk): State<Desk>, request: Request, next: Next) -> Response {
    let base = desk.base_path();
    let path = request.uri().path().to_string();
    let Some(rest) = path.strip_prefix(&format!("{base}{PREFIX}")) else {
        return next.run(request).await;
    };
    // The desk writes the officer's files: it answers this machine only, even when the
    // preview is open to the network for a review.
    let peer = (request.extensions())
        .get::<axum::extract::ConnectInfo<Arrival>>()
        .and_then(|c| c.0.peer);
    if !peer.is_some_and(|ip: IpAddr| ip.is_loopback()) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let rest = rest.to_string();
    let method = request.method().clone();
    let query = request.uri().query().unwrap_or("").to_string();
    let limit = if rest == "api/photo" || rest == "api/import" {
        MAX_UPLOAD_BODY
    } else {
        MAX_TEXT_BODY
    };
    let Ok(body) = axum::body::to_bytes(request.into_body(), limit).await else {
        return reply::too_large().into_response();
    };
    // Reading and writing files, and previewing, block: off the server's threads.
    let answer =
        tokio::task::spawn_blocking(move || desk.handle(&method, &rest, &query, &body)).await;
    match answer {
        Ok(reply) => reply.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
