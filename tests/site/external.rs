//! `loa check --external` against local HTTP servers the test starts: a page gone, a redirect
//! loop, a host that does not answer, an `http://` link whose secure twin answers, a server
//! that refuses HEAD; never more than two requests at once to one server; good answers
//! remembered.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use loa::external::{check, collect, Probe};

use crate::support::Site;

/// A tiny HTTP/1.1 server on a free port: answers by path, counts requests and the most it
/// was serving at once.
struct Server {
    port: u16,
    requests: Arc<AtomicUsize>,
    most_at_once: Arc<AtomicUsize>,
}

fn serve(route: fn(&str, &str) -> (u16, Option<&'static str>)) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let requests = Arc::new(AtomicUsize::new(0));
    let most_at_once = Arc::new(AtomicUsize::new(0));
    let now = Arc::new(AtomicUsize::new(0));
    let (r, m) = (requests.clone(), most_at_once.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (r, m, now) = (r.clone(), m.clone(), now.clone());
            std::thread::spawn(move || answer(stream, route, &r, &m, &now));
        }
    });
    Server {
        port,
        requests,
        most_at_once,
    }
}

fn answer(
    stream: TcpStream,
    route: fn(&str, &str) -> (u16, Option<&'static str>),
    requests: &AtomicUsize,
    most: &AtomicUsize,
    now: &AtomicUsize,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut stream = stream;
    loop {
        let mut first = String::new();
        if reader.read_line(&mut first).unwrap_or(0) == 0 {
            return;
        }
        let mut line = String::new();
        while reader.read_line(&mut line).is_ok() && line.trim() != "" {
            line.clear();
        }
        let mut parts = first.split_whitespace();
        let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        requests.fetch_add(1, Ordering::SeqCst);
        let at_once = now.fetch_add(1, Ordering::SeqCst) + 1;
        most.fetch_max(at_once, Ordering::SeqCst);
        // Slow enough that requests overlap when they may.
        std::thread::sleep(Duration::from_millis(30));
        let (status, location) = route(method, path);
        now.fetch_sub(1, Ordering::SeqCst);
        let location = location.map_or(String::new(), |l| format!("Location: {l}\r\n"));
        let reply = format!("HTTP/1.1 {status} X\r\n{location}Content-Length: 2\r\n\r\nok");
        if stream.write_all(reply.as_bytes()).is_err() {
            return;
        }
    }
}

fn portal(method: &str, path: &str) -> (u16, Option<&'static str>) {
    let path = path.split('?').next().unwrap_or("");
    match (method, path) {
        (_, p) if p.starts_with("/ok") => (200, None),
        (_, "/gone") => (404, None),
        (_, "/moved") => (301, Some("/ok")),
        (_, "/loop-a") => (302, Some("/loop-b")),
        (_, "/loop-b") => (302, Some("/loop-a")),
        ("HEAD", "/no-head") => (405, None),
        ("GET", "/no-head") => (200, None),
        (_, "/broken") => (500, None),
        _ => (404, None),
    }
}

/// Stands for the `https://` side of the portal: only /ok is there.
fn secure(_: &str, path: &str) -> (u16, Option<&'static str>) {
    if path.starts_with("/ok") {
        (200, None)
    } else {
        (404, None)
    }
}

fn probe_with_twin(plain: u16, secure: u16) -> Probe {
    Probe::new(Box::new(move |url: &str| {
        let prefix = format!("http://127.0.0.1:{plain}/");
        (url.strip_prefix(&prefix)).map(|rest| format!("http://127.0.0.1:{secure}/{rest}"))
    }))
}

#[test]
fn each_kind_of_broken_link_is_a_warning_at_its_line_and_good_answers_are_remembered() {
    let portal_server = serve(portal);
    let secure_server = serve(secure);
    let p = portal_server.port;
    let site = Site::new();
    let body = format!(
        "Văn bản [cũ](http://127.0.0.1:{p}/gone).\n\n\
         [Vòng](http://127.0.0.1:{p}/loop-a) và [chuyển](http://127.0.0.1:{p}/moved?x).\n\n\
         [Không trả lời](http://127.0.0.1:1/x)\n\n\
         [Trang tốt](http://127.0.0.1:{p}/ok)\n\n\
         [Không nhận HEAD](http://127.0.0.1:{p}/no-head) [Lỗi](http://127.0.0.1:{p}/broken)\n"
    );
    site.article("tin-tuc/a.md", "Bài A", "2025-09-01", "", &body);
    let config = loa::config::load(site.root(), &Default::default()).unwrap();
    let (links, _) = collect(site.root(), &config, false);
    assert_eq!(links.len(), 7);
    let probe = probe_with_twin(p, secure_server.port);
    let checked = check(site.root(), &links, &probe, 1_000_000);
    let found: Vec<(usize, usize, &str)> = (checked.warnings.iter())
        .map(|d| (d.line, d.col, d.message.as_str()))
        .collect();
    let at = |line: usize, col: usize, words: &str| {
        found
            .iter()
            .any(|(l, c, m)| *l == line && *c == col && m.contains(words))
    };
    assert!(
        at(5, 9, "không còn trang (máy chủ trả lời 404)"),
        "{found:#?}"
    );
    assert!(at(7, 1, "vòng quanh"), "{found:#?}");
    assert!(at(9, 1, "không trả lời"), "{found:#?}");
    assert!(
        at(11, 1, "https://"),
        "the http link whose secure twin answers: {found:#?}"
    );
    let last_line = body.lines().nth(8).unwrap();
    let col = 1 + last_line[..last_line.find("[Lỗi]").unwrap()]
        .chars()
        .count();
    assert!(at(13, col, "lỗi 500"), "{found:#?}");
    assert_eq!(
        found.len(),
        5,
        "the redirect to a good page and the GET-only page are fine: {found:#?}"
    );
    assert!(checked
        .warnings
        .iter()
        .all(|d| !d.is_error() && d.hint.is_some()));
    assert_eq!((checked.urls, checked.cached), (7, 0));

    // The next day: the good answers are not asked again, the problems are.
    let before = portal_server.requests.load(Ordering::SeqCst);
    let again = check(site.root(), &links, &probe, 1_000_000 + 86_400);
    assert_eq!(
        again.cached, 2,
        "the redirect to a good page and the GET-only page"
    );
    assert_eq!(again.warnings.len(), 5);
    let asked = portal_server.requests.load(Ordering::SeqCst) - before;
    assert!(
        asked < 12,
        "only the links with problems are asked again: {asked} requests"
    );
}

#[test]
fn no_more_than_two_requests_at_once_to_one_server() {
    let server = serve(portal);
    let site = Site::new();
    let body: String = (0..12)
        .map(|i| format!("[{i}](http://127.0.0.1:{}/ok/{i})\n\n", server.port))
        .collect();
    site.article("tin-tuc/a.md", "Bài A", "2025-09-01", "", &body);
    let config = loa::config::load(site.root(), &Default::default()).unwrap();
    let (links, _) = collect(site.root(), &config, false);
    let no_twin = Probe::new(Box::new(|_: &str| None));
    let checked = check(site.root(), &links, &no_twin, 0);
    assert!(checked.warnings.is_empty(), "{:?}", checked.warnings);
    let most = server.most_at_once.load(Ordering::SeqCst);
    assert!(most <= loa::external::PER_HOST, "{most} at once");
    assert_eq!(most, 2, "requests to one server overlap, two at a time");
}

#[test]
fn loa_check_external_prints_the_problems_and_a_summary() {
    let server = serve(portal);
    let site = Site::new();
    let body = format!("[cũ](http://127.0.0.1:{}/gone)\n", server.port);
    site.article("tin-tuc/a.md", "Bài A", "2025-09-01", "", &body);
    let out = site.run(&["check", "--external"]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("content/tin-tuc/a.md:5:1:"), "{stderr}");
    assert!(stderr.contains("không còn trang"), "{stderr}");
    assert!(
        stdout.contains("Đã kiểm tra 1 liên kết ra ngoài"),
        "{stdout}"
    );
    assert!(site.root().join(".loa-cache/lien-ket-ngoai.json").is_file());
    // Without --external, nothing is asked.
    let before = server.requests.load(Ordering::SeqCst);
    site.run(&["check"]);
    assert_eq!(server.requests.load(Ordering::SeqCst), before);
}
