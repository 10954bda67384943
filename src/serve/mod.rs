//! `loa serve`: a live preview that always equals a clean build.
//!
//! The site is built in memory (never into `output/`) with `base_url` pointed at the preview,
//! served over HTTP, rebuilt after every burst of saves, and pushed to open pages, which reload
//! (or swap their CSS) and show an overlay while the latest save has errors. It answers only
//! its own names, and only its own pages may ask it to change anything (`guard.rs`).

pub mod desk;
mod guard;
mod http;
mod in_view;
pub mod review;
mod review_page;
pub mod session;
mod viewed;
mod watch;

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use tokio::sync::{oneshot, watch as channel};

use crate::diag::Diagnostic;
use crate::msg;
use session::{Notice, Session, SessionOptions, Snapshot};

/// What `loa serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// Names the preview answers to besides 127.0.0.1, localhost and [::1] (`--host`): how
    /// colleagues reach it when `bind` opens it to the network.
    pub hosts: Vec<String>,
    /// 0 picks a free port (tests).
    pub port: u16,
    pub drafts: bool,
    pub now: Option<String>,
    /// `--review`: the leader's review (`review.rs`): every URL behind a random token, the
    /// articles waiting for approval shown, approve and return taken.
    pub review: bool,
    /// `loa desk`: the writing desk too (`desk/`), drafts and waiting articles shown.
    pub desk: bool,
}

/// The outcome of one build, for the terminal.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub notice: Notice,
    /// Whether a good build is served (the last one, or an earlier one if this one failed).
    pub serving: bool,
    /// Errors (the previous site is still served) or warnings.
    pub problems: Vec<Diagnostic>,
    pub pages: usize,
    pub took: Duration,
}

/// A running preview. Dropping it stops the server and the watcher.
pub struct Server {
    addr: SocketAddr,
    shared: http::Shared,
    /// Tells the builder thread to stop; it then drops the watcher and the notice sender,
    /// which ends open event streams so the HTTP server can shut down.
    stop: Arc<AtomicBool>,
    builder: Option<JoinHandle<()>>,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<()>>,
    /// The names a review preview prints its address with (the network address first).
    review_names: Vec<String>,
}

impl Server {
    /// Builds the site, starts serving it and watching its files. `report` is called after
    /// every build, from the builder thread.
    pub fn start(
        mut options: ServeOptions,
        report: impl Fn(&BuildReport) + Send + 'static,
    ) -> Result<Server, Diagnostic> {
        // The watcher reports absolute paths: compare them with an absolute root.
        options.root = std::fs::canonicalize(&options.root).unwrap_or(options.root);
        let listener = bind(options.bind, options.port)?;
        let addr = listener.local_addr().map_err(|e| io_problem(&e))?;
        let opened = Opened::new(&options, addr)?;
        let guard = guard::Guard::new(options.bind, addr.port(), &opened.hosts)?;
        let host = if addr.ip().is_unspecified() {
            IpAddr::from([127, 0, 0, 1])
        } else {
            addr.ip()
        };
        let mut session = Session::new(SessionOptions {
            root: options.root.clone(),
            origin: opened.origin.clone(),
            // The desk previews what the officer is writing: drafts and articles waiting.
            drafts: options.drafts || options.desk,
            now: options.now.clone(),
            waiting: options.review || options.desk,
        });
        let first = build(&mut session);
        report(&first);
        let snapshot = Arc::new(RwLock::new(session.snapshot().clone()));
        let session = Arc::new(Mutex::new(session));
        let (notify_tx, notify_rx) = channel::channel(first.notice.clone());
        let shared = http::Shared {
            snapshot: snapshot.clone(),
            notices: notify_rx,
            secret: guard.secret().into(),
            viewed: viewed::Viewed::default(),
        };
        let review = opened.token.map(|token| review::Review {
            token,
            root: options.root.clone(),
            now: options.now.clone(),
            snapshot: shared.snapshot.clone(),
            secret: shared.secret.clone(),
        });
        let desk = options.desk.then(|| {
            desk::Desk::new(
                options.root.clone(),
                options.now.clone(),
                session.clone(),
                shared.snapshot.clone(),
                shared.secret.clone(),
                format!("http://{}", SocketAddr::new(host, addr.port())),
            )
        });
        let stop = Arc::new(AtomicBool::new(false));
        let builder = spawn_builder(
            options.root,
            session,
            Published {
                snapshot,
                notices: notify_tx,
                viewed: shared.viewed.clone(),
            },
            stop.clone(),
            report,
        )?;
        let app = http::router(shared.clone(), guard, review, desk);
        let (shutdown, server) = spawn_http(listener, app)?;
        Ok(Server {
            // Bound to every address, the preview is still reached at this machine's loopback.
            addr: SocketAddr::new(host, addr.port()),
            shared,
            stop,
            builder: Some(builder),
            shutdown: Some(shutdown),
            server: Some(server),
            review_names: opened.names,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The preview's home page: `http://127.0.0.1:1111/cchc/`.
    pub fn url(&self) -> String {
        let base = self
            .shared
            .snapshot
            .read()
            .map(|s| s.base_path.clone())
            .unwrap_or_default();
        format!("http://{}{base}", self.addr)
    }

    /// The writing desk's first screen: `http://127.0.0.1:1111/cchc/__loa/desk/`.
    pub fn desk_url(&self) -> String {
        format!("{}{}", self.url(), desk::PREFIX)
    }

    /// The review page at each name a review preview answers to, the network address first;
    /// empty without `--review`.
    pub fn review_urls(&self) -> Vec<String> {
        let base = self.snapshot().base_path;
        let port = self.addr.port();
        (self.review_names.iter())
            .map(|name| format!("http://{name}:{port}{base}{}", review::PAGE))
            .collect()
    }

    /// The served site as it is now, for tests and for `serve`'s callers.
    pub fn snapshot(&self) -> Snapshot {
        self.shared
            .snapshot
            .read()
            .map(|s| s.clone())
            .unwrap_or_default()
    }

    /// Blocks until the server stops (Ctrl-C ends the process).
    pub fn wait(mut self) {
        if let Some(server) = self.server.take() {
            let _ = server.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(builder) = self.builder.take() {
            let _ = builder.join();
        }
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.join();
        }
    }
}

/// How the preview is opened: the names it answers to, the origin its pages are built for,
/// and, for a review, its token and the names it prints.
struct Opened {
    hosts: Vec<String>,
    origin: String,
    token: Option<Arc<str>>,
    names: Vec<String>,
}

impl Opened {
    fn new(options: &ServeOptions, addr: SocketAddr) -> Result<Opened, Diagnostic> {
        let local = if addr.ip().is_unspecified() {
            IpAddr::from([127, 0, 0, 1])
        } else {
            addr.ip()
        };
        if !options.review {
            return Ok(Opened {
                hosts: options.hosts.clone(),
                origin: format!("http://{}", SocketAddr::new(local, addr.port())),
                token: None,
                names: Vec::new(),
            });
        }
        // Bound to every address, the phone reaches the machine at its network address.
        let network = match addr.ip() {
            ip if ip.is_unspecified() => review::lan_address(),
            ip => Some(ip),
        };
        let shown = network.unwrap_or(local);
        let token = crate::random::hex(16).map_err(|e| io_problem(&e))?;
        let mut hosts = options.hosts.clone();
        hosts.extend(network.map(|ip| ip.to_string()));
        let name = match shown {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => format!("[{v6}]"),
        };
        let names = std::iter::once(name)
            .chain(options.hosts.iter().cloned())
            .collect();
        Ok(Opened {
            hosts,
            origin: format!("http://{}/{token}", SocketAddr::new(shown, addr.port())),
            token: Some(token.into()),
            names,
        })
    }
}

fn build(session: &mut Session) -> BuildReport {
    let started = Instant::now();
    let (notice, warnings) = session.rebuild();
    build_report(session, started, notice, warnings)
}

/// [`build`], the pages in view served as soon as they are made, before the others.
fn build_showing(session: &mut Session, published: &Published) -> BuildReport {
    let started = Instant::now();
    let (notice, warnings) = session.rebuild_showing(&|| published.viewed.pages(), &mut |s, n| {
        published.show(s, n);
    });
    build_report(session, started, notice, warnings)
}

fn build_report(
    session: &Session,
    started: Instant,
    notice: Notice,
    warnings: Vec<Diagnostic>,
) -> BuildReport {
    let snapshot = session.snapshot();
    let problems = if snapshot.errors.is_empty() {
        warnings
    } else {
        snapshot.errors.clone()
    };
    BuildReport {
        serving: !snapshot.outputs.is_empty(),
        pages: snapshot
            .outputs
            .keys()
            .filter(|k| k.ends_with(".html"))
            .count(),
        notice,
        problems,
        took: started.elapsed(),
    }
}

fn bind(ip: IpAddr, port: u16) -> Result<TcpListener, Diagnostic> {
    TcpListener::bind((ip, port)).map_err(|e| {
        let d = Diagnostic::error("--port", 0, 0, msg::port_unavailable(port, &e));
        if e.kind() == std::io::ErrorKind::AddrInUse {
            d.with_hint(msg::hint_other_port(port))
        } else {
            d
        }
    })
}

fn io_problem(e: &std::io::Error) -> Diagnostic {
    Diagnostic::error("serve", 0, 0, msg::serve_failed(e))
}

/// The builder thread: waits for changes, rebuilds, publishes the new snapshot and notice.
/// The session is locked for each build only: between builds the desk previews drafts
/// with it.
fn spawn_builder(
    root: PathBuf,
    session: Arc<Mutex<Session>>,
    published: Published,
    stop: Arc<AtomicBool>,
    report: impl Fn(&BuildReport) + Send + 'static,
) -> Result<JoinHandle<()>, Diagnostic> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(watch::DEBOUNCE, None, tx)
        .map_err(|e| Diagnostic::error("serve", 0, 0, msg::watch_failed(&e.to_string())))?;
    let mut watched: BTreeSet<PathBuf> = BTreeSet::new();
    // Returns whether a folder was newly watched: files written in it before then were not seen.
    let mut watch_new = move |debouncer: &mut notify_debouncer_full::Debouncer<_, _>| {
        let candidates = std::iter::once(root.clone()).filter(|r| !watched.contains(r));
        let mut added = false;
        for dir in candidates
            .chain(watch::unwatched(&root, &watched))
            .collect::<Vec<_>>()
        {
            if debouncer.watch(&dir, watch::mode_for(&root, &dir)).is_ok() {
                watched.insert(dir);
                added = true;
            }
        }
        added
    };
    watch_new(&mut debouncer);
    // The first build ran before the watcher started, so a save made meanwhile was not seen.
    lock(&session).track_changes();
    let root = lock(&session).build_options().root;
    std::thread::Builder::new()
        .name("loa-build".into())
        .spawn(move || {
            // One more build, at once, looks at every file; it is reported only if a file had
            // changed. Later builds, after the officer's saves, read just what the watcher saw.
            let started = Instant::now();
            let verified = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let mut session = lock(&session);
                let (notice, warnings) = session.verify()?;
                Some(build_report(&session, started, notice, warnings))
            }));
            match verified {
                Ok(Some(result)) => published.publish(&lock(&session), &result, &report),
                Ok(None) => {}
                // Should it panic, the first save tries again, looking at every file.
                Err(_) => lock(&session).track_changes(),
            }
            while let Some(burst) = watch::next_change(&root, &rx, &stop) {
                let mut session = lock(&session);
                // A folder such as static/ may have appeared: watch it too.
                let new_folder = watch_new(&mut debouncer);
                let saved = match burst {
                    watch::Burst::Paths(paths) if !new_folder && session.built_already(&paths) => {
                        continue
                    }
                    watch::Burst::Paths(paths) => {
                        session.changed(paths.iter().cloned());
                        paths
                    }
                    watch::Burst::Unknown => {
                        session.track_changes();
                        BTreeSet::new()
                    }
                };
                if new_folder {
                    session.track_changes();
                }
                rebuild(&mut session, &saved, &published, &report);
            }
        })
        .map_err(|e| io_problem(&e))
}

/// The site made again after a burst of saves (`saved`, empty when unknown), and served.
/// The pages in view are made and served first: after a save of templates alone, before the
/// site is read again; after other saves that make the whole site, once it is assembled.
fn rebuild(
    session: &mut Session,
    saved: &BTreeSet<PathBuf>,
    published: &Published,
    report: &impl Fn(&BuildReport),
) {
    // Nothing the officer writes may stop the preview: should a build ever panic, the last
    // good site stays served and the next save tries again (a panic in the pages in view
    // leaves them to the whole build).
    let viewed = published.viewed.pages();
    let first = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        session.templates_first(saved, &viewed)
    }));
    if let Ok(Some(notice)) = first {
        published.show(session.snapshot(), notice);
    }
    let whole = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        build_showing(session, published)
    }));
    if let Ok(result) = whole {
        published.publish(session, &result, report);
    }
}

/// The session, even after a build panicked while holding it: the next build starts afresh.
fn lock(session: &Mutex<Session>) -> std::sync::MutexGuard<'_, Session> {
    session
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Where the builder puts what it made: the served snapshot, the notices to the open pages,
/// and the pages they viewed last (read as a build starts, and once its site is assembled).
struct Published {
    snapshot: Arc<RwLock<Snapshot>>,
    notices: channel::Sender<Notice>,
    viewed: viewed::Viewed,
}

impl Published {
    /// Serves `snapshot` (the session's) and tells the open pages what changed. The site served
    /// before is freed on a thread of its own: it often holds the last reference to the
    /// previous build's pages (and after a text edit, to its site), and freeing them took the
    /// builder 45-55 ms after each whole build at 100,000 articles, before it could take the
    /// next save.
    fn show(&self, snapshot: &Snapshot, notice: Notice) {
        let previous = (self.snapshot.write().ok())
            .map(|mut shared| std::mem::replace(&mut *shared, snapshot.clone()));
        let _ = self.notices.send(notice);
        crate::memo::drop_later(previous);
    }

    /// Serves a build's site, tells the open pages, and reports it to the terminal.
    fn publish(&self, session: &Session, result: &BuildReport, report: &impl Fn(&BuildReport)) {
        self.show(session.snapshot(), result.notice.clone());
        report(result);
    }
}

/// Runs the HTTP server on its own thread and runtime until shut down.
fn spawn_http(
    listener: TcpListener,
    app: axum::Router,
) -> Result<(oneshot::Sender<()>, JoinHandle<()>), Diagnostic> {
    listener.set_nonblocking(true).map_err(|e| io_problem(&e))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| io_problem(&e))?;
    let (tx, rx) = oneshot::channel::<()>();
    let handle = std::thread::Builder::new()
        .name("loa-http".into())
        .spawn(move || {
            runtime.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                    return;
                };
                // Each connection records the address it arrived at, for the guard.
                let app = app.into_make_service_with_connect_info::<guard::Arrival>();
                let _ = axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = rx.await;
                    })
                    .await;
            });
        })
        .map_err(|e| io_problem(&e))?;
    Ok((tx, handle))
}
