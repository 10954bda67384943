//! `loa serve` as the officer's browser sees it: files under the base path, the 404 page,
//! no way out of the site, every kind of save picked up, mistakes survived, never a byte
//! different from a clean build; and as other pages see it: only its own names are answered,
//! and only its own pages may send anything but a read.

use std::io::{BufRead, BufReader};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use loa::serve::{ServeOptions, Server};

use crate::support::{Page, Site, NOW};

fn start(site: &Site) -> Server {
    start_counting(site, Arc::new(AtomicUsize::new(0)))
}

/// Starts a preview on a free port; `builds` counts the builds it runs.
fn start_counting(site: &Site, builds: Arc<AtomicUsize>) -> Server {
    let options = crate::support::preview_options(site.root(), NOW);
    Server::start(options, move |_| {
        builds.fetch_add(1, Ordering::SeqCst);
    })
    .expect("serve starts")
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

struct Reply {
    status: u16,
    content_type: String,
    location: String,
    body: String,
}

fn get(server: &Server, path: &str) -> Reply {
    let url = format!("http://{}{path}", server.addr());
    let mut response = agent().get(&url).call().expect("request");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let (status, content_type, location) = (
        response.status().as_u16(),
        header("content-type"),
        header("location"),
    );
    let body = response.body_mut().read_to_string().unwrap_or_default();
    Reply {
        status,
        content_type,
        location,
        body,
    }
}

fn html(reply: &Reply) -> Page {
    Page(scraper::Html::parse_document(&reply.body))
}

/// Polls until `check` holds for the page at `path`, for up to ten seconds.
fn eventually(server: &Server, path: &str, check: impl Fn(&Reply) -> bool) -> Reply {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let reply = get(server, path);
        if check(&reply) || Instant::now() > deadline {
            return reply;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

fn wait_for(condition: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !condition() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(25));
    }
}

fn sample(site: &Site) {
    site.article(
        "tin-tuc/a.md",
        "Bài A",
        "2025-09-01",
        "",
        "Nội dung đầu tiên.\n",
    )
    .article(
        "tin-tuc/b.md",
        "Bài B",
        "2025-09-02",
        "",
        "[Xem bài A](a.md)\n",
    );
}

#[test]
fn pages_are_served_under_the_base_path_with_their_types() {
    let site = Site::new();
    sample(&site);
    let server = start(&site);
    let page = get(&server, "/cchc/tin-tuc/a/");
    assert_eq!(
        (page.status, page.content_type.as_str()),
        (200, "text/html; charset=utf-8")
    );
    assert_eq!(html(&page).text("h1"), "Bài A");
    assert_eq!(
        html(&page).attr("script[data-version]", "src"),
        "/cchc/__loa/reload.js"
    );
    let css = get(&server, "/cchc/style.css");
    assert_eq!(
        (css.status, css.content_type.as_str()),
        (200, "text/css; charset=utf-8")
    );
    let home = get(&server, "/");
    assert_eq!((home.status, home.location.as_str()), (302, "/cchc/"));
    let folder = get(&server, "/cchc/tin-tuc");
    assert_eq!(
        (folder.status, folder.location.as_str()),
        (302, "/cchc/tin-tuc/")
    );
    assert!(server.url().ends_with("/cchc/"));
}

#[test]
fn a_missing_page_gets_the_sites_404_page_with_status_404() {
    let site = Site::new();
    sample(&site);
    let server = start(&site);
    let reply = get(&server, "/cchc/khong-co-trang-nay/");
    assert_eq!(reply.status, 404);
    assert_eq!(html(&reply).text("h1"), "Không tìm thấy trang");
}

#[test]
fn no_request_reads_outside_the_site() {
    let site = Site::new();
    sample(&site);
    std::fs::write(site.root().join("bi-mat.txt"), "BÍ MẬT").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        site.root().join("bi-mat.txt"),
        site.root().join("static-link"),
    )
    .unwrap();
    let server = start(&site);
    for path in [
        "/cchc/../bi-mat.txt",
        "/cchc/%2e%2e/bi-mat.txt",
        "/cchc/%2E%2E/%2e%2e/bi-mat.txt",
        "/cchc/..%5cbi-mat.txt",
        "/cchc/..\\bi-mat.txt",
        "/cchc/%2fetc/passwd",
        "/cchc/config.yaml",
        "/cchc/content/tin-tuc/a.md",
    ] {
        let reply = get(&server, path);
        assert!(
            reply.status == 404 || reply.status == 400,
            "{path}: {}",
            reply.status
        );
        assert!(
            !reply.body.contains("BÍ MẬT") && !reply.body.contains("base_url"),
            "{path}"
        );
    }
}

#[test]
fn serve_never_writes_the_output_folder() {
    let site = Site::new();
    sample(&site);
    let server = start(&site);
    site.article("tin-tuc/a.md", "Bài A", "2025-09-01", "", "Đã sửa.\n");
    eventually(&server, "/cchc/tin-tuc/a/", |r| r.body.contains("Đã sửa."));
    assert!(!site.output().exists());
}

#[test]
fn every_way_editors_save_is_picked_up() {
    let site = Site::new();
    sample(&site);
    let server = start(&site);
    let file = site.root().join("content/tin-tuc/a.md");
    let text = |body: &str| format!("---\ntitle: \"Bài A\"\ndate: 2025-09-01\n---\n{body}\n");

    std::fs::write(&file, text("Ghi đè tại chỗ.")).unwrap();
    let reply = eventually(&server, "/cchc/tin-tuc/a/", |r| {
        r.body.contains("Ghi đè tại chỗ.")
    });
    assert!(reply.body.contains("Ghi đè tại chỗ."), "write in place");

    let temp = site.root().join("content/tin-tuc/.a.md.tmp");
    std::fs::write(&temp, text("Ghi tệp tạm rồi đổi tên.")).unwrap();
    std::fs::rename(&temp, &file).unwrap();
    let reply = eventually(&server, "/cchc/tin-tuc/a/", |r| {
        r.body.contains("Ghi tệp tạm rồi đổi tên.")
    });
    assert!(
        reply.body.contains("Ghi tệp tạm rồi đổi tên."),
        "temp file renamed over"
    );

    std::fs::remove_file(&file).unwrap();
    std::fs::write(&file, text("Xóa rồi tạo lại.")).unwrap();
    let reply = eventually(&server, "/cchc/tin-tuc/a/", |r| {
        r.body.contains("Xóa rồi tạo lại.")
    });
    assert!(
        reply.body.contains("Xóa rồi tạo lại."),
        "delete then create"
    );
}

#[test]
fn editor_droppings_do_not_trigger_builds() {
    let site = Site::new();
    sample(&site);
    let builds = Arc::new(AtomicUsize::new(0));
    let server = start_counting(&site, builds.clone());
    for name in [".a.md.swp", "a.md~", "4913", "~$bao-cao.docx", ".#a.md"] {
        std::fs::write(site.root().join("content/tin-tuc").join(name), "x").unwrap();
    }
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(builds.load(Ordering::SeqCst), 1, "only the first build");
    drop(server);
}

#[test]
fn a_save_without_edits_builds_nothing_and_the_next_edit_still_shows() {
    let site = Site::new();
    sample(&site);
    let builds = Arc::new(AtomicUsize::new(0));
    let server = start_counting(&site, builds.clone());
    save_unchanged(&site, "content/tin-tuc/a.md");
    save_unchanged(&site, "config.yaml");
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(builds.load(Ordering::SeqCst), 1, "only the first build");

    site.article("tin-tuc/a.md", "Bài A", "2025-09-01", "", "Đã sửa.\n");
    let reply = eventually(&server, "/cchc/tin-tuc/a/", |r| r.body.contains("Đã sửa."));
    assert!(reply.body.contains("Đã sửa."));
    assert_eq!(builds.load(Ordering::SeqCst), 2);
}

#[test]
fn a_burst_of_500_files_gives_a_few_rebuilds_not_500() {
    let site = Site::new();
    sample(&site);
    let builds = Arc::new(AtomicUsize::new(0));
    let server = start_counting(&site, builds.clone());
    for n in 0..500 {
        site.article(
            &format!("tin-tuc/dot/{n}.md"),
            &format!("Bài {n}"),
            "2025-09-03",
            "",
            "x\n",
        );
    }
    eventually(&server, "/cchc/tin-tuc/499/", |r| r.status == 200);
    std::thread::sleep(Duration::from_millis(300));
    let count = builds.load(Ordering::SeqCst);
    assert!((2..=6).contains(&count), "{count} builds");
    assert_eq!(
        get(&server, "/cchc/tin-tuc/499/").status,
        200,
        "the last file is in"
    );
}

#[test]
fn a_deleted_article_disappears_and_links_to_it_are_reported() {
    let site = Site::new();
    sample(&site);
    let server = start(&site);
    std::fs::remove_file(site.root().join("content/tin-tuc/a.md")).unwrap();
    // A build already running when the file went may list it and then fail to read it: the
    // preview settles on the build after the removal, with its one problem.
    wait_for(|| server.snapshot().errors.len() == 1);
    let errors = server.snapshot().errors;
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        (errors[0].path.to_str(), errors[0].line),
        (Some("content/tin-tuc/b.md"), 5)
    );
    // b.md still links to it: the last good site stays until that is fixed.
    assert_eq!(get(&server, "/cchc/tin-tuc/a/").status, 200);
    site.article(
        "tin-tuc/b.md",
        "Bài B",
        "2025-09-02",
        "",
        "Không còn liên kết.\n",
    );
    let reply = eventually(&server, "/cchc/tin-tuc/a/", |r| r.status == 404);
    assert_eq!(reply.status, 404);
}

#[test]
fn a_page_shows_what_other_files_decide_as_soon_as_they_change() {
    // An article links to the one beside it by title, and a tag is spelled as its oldest
    // article spells it, even on the pages of another section.
    let site = Site::new();
    let tagged = |spelling: &str| format!("tags: [\"{spelling}\"]\n");
    // The older article, as the officer saves it: its title and its tag's spelling.
    let save_older = |title: &str, tag: &str| {
        site.article("tin-tuc/cu.md", title, "2025-09-01", &tagged(tag), "Cũ.\n");
    };
    save_older("Bài cũ", "Một cửa");
    site.article("tin-tuc/moi.md", "Bài mới", "2025-09-02", "", "Mới.\n")
        .article(
            "thong-bao/tb.md",
            "Thông báo",
            "2025-09-03",
            &tagged("một cửa"),
            "Tin.\n",
        );
    let server = start(&site);
    let shows = |text: &'static str| move |r: &Reply| html(r).texts("a").iter().any(|t| t == text);
    assert!(shows("Bài cũ")(&get(&server, "/cchc/tin-tuc/moi/")));
    assert!(shows("Một cửa")(&get(&server, "/cchc/thong-bao/tb/")));

    save_older("Bài cũ đã sửa", "Một cửa");
    let newer = eventually(&server, "/cchc/tin-tuc/moi/", shows("Bài cũ đã sửa"));
    assert!(shows("Bài cũ đã sửa")(&newer));

    save_older("Bài cũ đã sửa", "MỘT CỬA");
    let other = eventually(&server, "/cchc/thong-bao/tb/", shows("MỘT CỬA"));
    assert!(shows("MỘT CỬA")(&other));
}

/// Opens the preview's event stream, as an open page does: each call gives the next
/// notice's data.
fn events(server: &Server) -> impl FnMut() -> serde_json::Value {
    let events = agent()
        .get(&format!("http://{}/cchc/__loa/events", server.addr()))
        .call()
        .unwrap();
    assert_eq!(
        events.headers().get("content-type").unwrap(),
        "text/event-stream"
    );
    let mut lines = BufReader::new(events.into_body().into_reader()).lines();
    move || loop {
        let line = lines.next().expect("an event").expect("readable");
        if let Some(data) = line.strip_prefix("data: ") {
            return serde_json::from_str::<serde_json::Value>(data).unwrap();
        }
    }
}

#[test]
fn a_template_save_reaches_the_page_in_view_before_the_rest_of_the_site() {
    let site = Site::new();
    sample(&site);
    site.config_plus("theme: rieng\n");
    let template = |mark: &str| {
        format!(
            "{{% extends \"base.html\" %}}{{% block content %}}<p>{mark}</p>\
             {{{{ page.content | safe }}}}{{% endblock content %}}"
        )
    };
    site.write("themes/rieng/templates/page.html", &template("Mẫu một"));
    let server = start(&site);
    let mut next_data = events(&server);
    assert_eq!(next_data()["initial"], true);
    // Page a is in view; page b has never been asked for.
    assert!(get(&server, "/cchc/tin-tuc/a/").body.contains("Mẫu một"));

    site.write("themes/rieng/templates/page.html", &template("Mẫu hai"));
    let mut before_b = Vec::new();
    loop {
        let changed = next_data()["changed"].clone();
        if changed
            .as_array()
            .unwrap()
            .contains(&"/cchc/tin-tuc/b/".into())
        {
            break;
        }
        before_b.push(changed);
    }
    // The first notice tells of page a alone, made with the new template.
    assert_eq!(
        before_b.first(),
        Some(&serde_json::json!(["/cchc/tin-tuc/a/"]))
    );
    let shows = |r: &Reply| r.body.contains("Mẫu hai");
    assert!(shows(&eventually(&server, "/cchc/tin-tuc/a/", shows)));
    assert!(shows(&eventually(&server, "/cchc/tin-tuc/b/", shows)));
}

/// The notices of `next_data` until one names `url`, the last included.
fn notices_until(next_data: &mut impl FnMut() -> serde_json::Value, url: &str) -> Vec<Vec<String>> {
    let mut notices = Vec::new();
    loop {
        let changed: Vec<String> = serde_json::from_value(next_data()["changed"].clone()).unwrap();
        let done = changed.iter().any(|c| c == url);
        notices.push(changed);
        if done {
            return notices;
        }
    }
}

#[test]
fn an_article_in_view_leaves_and_comes_back_before_the_pages_out_of_view() {
    let site = Site::new();
    sample(&site);
    let server = start(&site);
    let mut next_data = events(&server);
    assert_eq!(next_data()["initial"], true);
    assert_eq!(get(&server, "/cchc/tin-tuc/b/").status, 200);

    // Unpublished while in view: its page answers 404 first, then the list leaves it out.
    let b = |front: &str, body: &str| {
        format!("---\ntitle: \"Bài B\"\ndate: 2025-09-02\n{front}---\n{body}\n")
    };
    site.write("content/tin-tuc/b.md", &b("draft: true\n", "Bài B."));
    let notices = notices_until(&mut next_data, "/cchc/tin-tuc/");
    assert_eq!(notices.first().unwrap(), &["/cchc/tin-tuc/b/"]);
    assert_eq!(notices.len(), 2, "{notices:?}");
    assert!(
        !notices[1].contains(&"/cchc/tin-tuc/b/".to_string()),
        "told once"
    );
    assert_eq!(get(&server, "/cchc/tin-tuc/b/").status, 404);
    let list = eventually(&server, "/cchc/tin-tuc/", |r| !r.body.contains("Bài B"));
    assert!(!list.body.contains("Bài B"));

    // The page the browser shows (404) is in view, and so is the list now: published
    // again, both come first, with nothing else.
    site.write("content/tin-tuc/b.md", &b("", "Bài B đăng lại."));
    let first = next_data()["changed"].clone();
    assert_eq!(
        first,
        serde_json::json!(["/cchc/tin-tuc/b/", "/cchc/tin-tuc/"])
    );
    let page = get(&server, "/cchc/tin-tuc/b/");
    assert!(page.body.contains("Bài B đăng lại."));
    assert!(get(&server, "/cchc/tin-tuc/").body.contains("Bài B"));
}

#[test]
fn a_broken_save_keeps_the_last_good_site_and_tells_open_pages() {
    let site = Site::new();
    sample(&site);
    let server = start(&site);
    let mut next_data = events(&server);
    let first = next_data();
    assert_eq!(first["initial"], true);

    site.write(
        "content/tin-tuc/a.md",
        "---\ntitle: \"Bài A\"\ndate: 2025-09-01\ntopics: [khong-co]\n---\nSửa hỏng.\n",
    );
    // A build may catch the file half written (the test writes it as editors do, truncating
    // first): wait for the event of the whole broken file.
    let broken = loop {
        let data = next_data();
        let errors = data["errors"].as_array().cloned().unwrap_or_default();
        if errors
            .iter()
            .any(|e| e.as_str().is_some_and(|e| e.contains(":4:1:")))
        {
            break data;
        }
    };
    let errors = broken["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .as_str()
            .unwrap()
            .starts_with("content/tin-tuc/a.md:4:1: lỗi:"),
        "{errors:?}"
    );
    let page = get(&server, "/cchc/tin-tuc/a/");
    assert!(
        page.body.contains("Nội dung đầu tiên."),
        "the last good page is still served"
    );

    site.article("tin-tuc/a.md", "Bài A", "2025-09-01", "", "Đã sửa xong.\n");
    // One save may give more than one build (here, serve's look at every file just after it
    // started may see the broken save too): events still carrying the errors may come first.
    // Should the errors never clear, the stream's timeout fails the test.
    let fixed = loop {
        let data = next_data();
        if data["errors"].as_array().is_some_and(|e| e.is_empty()) {
            break data;
        }
    };
    assert_eq!(fixed["errors"].as_array().unwrap().len(), 0);
    assert!(get(&server, "/cchc/tin-tuc/a/")
        .body
        .contains("Đã sửa xong."));
}

#[test]
fn a_busy_port_is_refused_with_a_suggestion() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let site = Site::new();
    let options = ServeOptions {
        root: site.root().to_path_buf(),
        bind: [127, 0, 0, 1].into(),
        hosts: Vec::new(),
        port,
        drafts: false,
        now: None,
        review: false,
        desk: false,
    };
    let problem = Server::start(options, |_| {})
        .err()
        .expect("the port is taken");
    assert!(problem.message.contains(&port.to_string()), "{problem}");
    assert!(
        problem.hint.as_deref().unwrap_or("").contains("--port"),
        "{problem}"
    );
}

#[test]
fn every_served_file_equals_a_clean_build_but_for_the_reload_script() {
    let site = Site::new();
    sample(&site);
    site.write("static/van-ban/ke-hoach.pdf", "%PDF");
    let server = start(&site);
    let base = format!("http://{}/cchc/", server.addr());
    let clean = crate::support::in_memory(&loa::Options {
        base_url: Some(base),
        ..site.options()
    })
    .unwrap();
    for (file, bytes) in &clean.outputs {
        let path = format!("/cchc/{}", file.strip_suffix("index.html").unwrap_or(file));
        if !file.ends_with(".html") {
            let url = format!("http://{}{path}", server.addr());
            let served = agent()
                .get(&url)
                .call()
                .unwrap()
                .body_mut()
                .read_to_vec()
                .unwrap();
            assert!(served == crate::support::bytes(bytes), "{path}");
            continue;
        }
        let served = get(&server, &path).body;
        let expected = String::from_utf8_lossy(crate::support::bytes(bytes));
        let without_script = match served.find("<script src=\"/cchc/__loa/reload.js\"") {
            Some(at) => {
                let end = served[at..].find("</script>\n").unwrap() + at + "</script>\n".len();
                format!("{}{}", &served[..at], &served[end..])
            }
            None => served,
        };
        assert_eq!(without_script, expected, "{path}");
    }
}

#[test]
fn stopping_the_preview_ends_open_event_streams_instead_of_hanging() {
    let site = Site::new();
    sample(&site);
    let server = start(&site);
    let events = agent()
        .get(&format!("http://{}/cchc/__loa/events", server.addr()))
        .call()
        .unwrap();
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        drop(server);
        let _ = done.send(());
    });
    assert!(
        finished.recv_timeout(Duration::from_secs(5)).is_ok(),
        "the preview stopped with a page open"
    );
    let mut rest = String::new();
    let _ = std::io::Read::read_to_string(&mut events.into_body().into_reader(), &mut rest);
}

#[test]
fn a_site_broken_from_the_start_is_previewed_once_it_is_fixed() {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "Bài A",
        "2025-09-01",
        "topics: [sipass]\n",
        "x\n",
    );
    let server = start(&site);
    assert!(
        server.url().ends_with("/cchc/"),
        "the config's path is known: {}",
        server.url()
    );
    let waiting = get(&server, "/cchc/");
    assert_eq!(waiting.status, 503);
    assert_eq!(
        html(&waiting).attr("script[data-version]", "src"),
        "/cchc/__loa/reload.js",
        "it will reload itself"
    );
    site.article("tin-tuc/a.md", "Bài A", "2025-09-01", "", "x\n");
    let fixed = eventually(&server, "/cchc/tin-tuc/a/", |r| r.status == 200);
    assert_eq!(html(&fixed).text("h1"), "Bài A");
}

#[test]
fn the_check_after_starting_tells_only_of_files_changed_before_the_watcher() {
    let site = Site::new();
    sample(&site);
    let mut session = session(&site);
    session.rebuild();
    let version = session.snapshot().version;
    let kept = session.cached();

    // Nothing changed while the watcher started: no build for the browsers to hear of.
    session.track_changes();
    assert!(session.verify().is_none());
    assert_eq!(session.snapshot().version, version);
    // The first build kept what it made, so the check had nothing to make anew.
    assert!(kept > 0);
    assert_eq!(session.cached(), kept);

    // A save the watcher did not see is found by looking at every file.
    site.article("tin-tuc/a.md", "Bài A", "2025-09-01", "", "Đã sửa trước.\n");
    session.track_changes();
    let (notice, _) = session.verify().expect("the unwatched save is found");
    assert!(
        notice.changed.contains(&"/cchc/tin-tuc/a/".to_string()),
        "{notice:?}"
    );
    assert_eq!(notice.version, version + 1);
}

/// A preview session of `site` at [`NOW`], built by hand rather than by a watcher.
fn session(site: &Site) -> loa::serve::session::Session {
    loa::serve::session::Session::new(loa::serve::session::SessionOptions {
        root: site.root().to_path_buf(),
        origin: "http://127.0.0.1:1111".into(),
        drafts: false,
        now: Some(NOW.into()),
        waiting: false,
    })
}

fn paths(site: &Site, rels: &[&str]) -> std::collections::BTreeSet<std::path::PathBuf> {
    rels.iter().map(|rel| site.root().join(rel)).collect()
}

/// Writes the file at `rel` again with the bytes it holds, as an editor's save without edits.
fn save_unchanged(site: &Site, rel: &str) {
    let path = site.root().join(rel);
    std::fs::write(&path, std::fs::read(&path).unwrap()).unwrap();
}

#[test]
fn a_save_that_leaves_the_files_as_the_build_read_them_needs_no_build() {
    let site = Site::new();
    sample(&site);
    site.config_plus("theme: rieng\n");
    let page = "themes/rieng/templates/page.html";
    let template = "{% extends \"base.html\" %}{% block content %}<p>Mẫu</p>{% endblock content %}";
    site.write(page, template);
    let table = "- number: \"118/2025/NĐ-CP\"\n  title: \"Nghị định về một cửa\"\n  \
                 date: 2025-06-09\n  url: \"https://vanban.chinhphu.vn/\"\n";
    site.write("data/van-ban.yaml", table);
    let mut session = session(&site);
    let files = [
        "content/tin-tuc/a.md",
        "config.yaml",
        page,
        "data/van-ban.yaml",
    ];
    let saved = paths(&site, &files);
    assert!(!session.built_already(&saved), "nothing was built yet");
    session.rebuild();
    assert!(
        session.snapshot().errors.is_empty(),
        "{:?}",
        session.snapshot().errors
    );

    for rel in files {
        save_unchanged(&site, rel);
    }
    assert!(session.built_already(&saved));
    site.write(
        "data/van-ban.yaml",
        &table.replace("một cửa", "một cửa liên thông"),
    );
    assert!(!session.built_already(&saved), "a table changed");
    site.write("data/van-ban.yaml", table);
    site.write(page, &template.replace("Mẫu", "Mẫu mới"));
    assert!(!session.built_already(&saved), "a template changed");
    site.write(page, template);
    assert!(session.built_already(&saved), "the template as it was");

    // A folder holds when every file under it does: the watcher can report a theme's new
    // `templates/` only after the build that read its files has started.
    let templates = "themes/rieng/templates";
    let folder = paths(&site, &[templates, "config.yaml"]);
    assert!(
        session.built_already(&folder),
        "the folder as the build read it"
    );
    site.write("themes/rieng/templates/ghi-chu.html", "chưa đọc");
    assert!(
        !session.built_already(&folder),
        "a file the build did not read"
    );
    std::fs::remove_file(site.root().join("themes/rieng/templates/ghi-chu.html")).unwrap();
    assert!(session.built_already(&folder));
    std::fs::remove_file(site.root().join(page)).unwrap();
    let alone = paths(&site, &[templates]);
    assert!(
        !session.built_already(&alone),
        "a file gone from the folder"
    );
    site.write(page, template);
    assert!(session.built_already(&alone));
    #[cfg(unix)]
    {
        let link = site.root().join("themes/rieng/templates/lien-ket.html");
        std::os::unix::fs::symlink(site.root().join(page), &link).unwrap();
        assert!(!session.built_already(&folder), "a link in the folder");
        std::fs::remove_file(link).unwrap();
    }

    // Anything else is built: a changed file, a new one, a folder, a removed one.
    let original = std::fs::read_to_string(site.root().join("content/tin-tuc/a.md")).unwrap();
    let config = std::fs::read_to_string(site.root().join("config.yaml")).unwrap();
    site.write("config.yaml", &format!("{config}\n# ghi chú\n"));
    assert!(!session.built_already(&saved), "config.yaml changed");
    site.write("config.yaml", &config);
    assert!(session.built_already(&saved), "config.yaml as it was");
    site.write("content/tin-tuc/c.md", &original);
    for other in [
        "content/tin-tuc/c.md",
        "content/tin-tuc",
        "content/tin-tuc/x.md",
    ] {
        assert!(!session.built_already(&paths(&site, &[other])), "{other}");
    }

    // While the preview shows errors, every save is built again.
    std::fs::remove_file(site.root().join("content/tin-tuc/c.md")).unwrap();
    site.write("content/tin-tuc/a.md", "---\ntitle: [\n---\nHỏng.\n");
    session.changed(paths(
        &site,
        &["content/tin-tuc/a.md", "content/tin-tuc/c.md"],
    ));
    session.rebuild();
    assert!(!session.snapshot().errors.is_empty());
    save_unchanged(&site, "content/tin-tuc/a.md");
    assert!(!session.built_already(&saved));
}

#[test]
fn an_evidence_file_saved_again_needs_no_build_but_one_gone_does() {
    let site = Site::new();
    sample(&site);
    let ledger = "- date: 2025-10-01\n  channel: zalo\n  title: \"Tờ rơi một cửa\"\n  \
                  evidence: minh-chung/to-roi.pdf\n";
    site.write("data/hoat-dong.yaml", ledger);
    site.write("data/minh-chung/to-roi.pdf", "%PDF-1.4 bản đầu");
    let mut session = session(&site);
    session.track_changes();
    session.rebuild();
    assert!(
        session.snapshot().errors.is_empty(),
        "{:?}",
        session.snapshot().errors
    );
    let evidence = paths(&site, &["data/minh-chung/to-roi.pdf"]);

    // The build takes only that the file is there: saved again, even with other bytes, it
    // makes the same site.
    save_unchanged(&site, "data/minh-chung/to-roi.pdf");
    assert!(session.built_already(&evidence));
    site.write("data/minh-chung/to-roi.pdf", "%PDF-1.4 bản đã ký");
    assert!(session.built_already(&evidence));
    let both = paths(
        &site,
        &["data/minh-chung/to-roi.pdf", "data/hoat-dong.yaml"],
    );
    assert!(
        session.built_already(&both),
        "the ledger as the build read it"
    );

    // A file the load did not list, one gone, and one that became a folder are built.
    site.write("data/minh-chung/moi.pdf", "%PDF-1.4");
    let new = paths(&site, &["data/minh-chung/moi.pdf"]);
    assert!(!session.built_already(&new), "a new file");
    let pdf = site.root().join("data/minh-chung/to-roi.pdf");
    std::fs::remove_file(&pdf).unwrap();
    assert!(!session.built_already(&evidence), "the evidence is gone");
    std::fs::create_dir(&pdf).unwrap();
    assert!(!session.built_already(&evidence), "a folder by that name");
    std::fs::remove_dir(&pdf).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(site.root().join("config.yaml"), &pdf).unwrap();
        assert!(!session.built_already(&evidence), "a link by that name");
        std::fs::remove_file(&pdf).unwrap();
    }
    // What it spares is a build that would say so.
    session.changed(evidence.clone());
    session.rebuild();
    assert!(
        !session.snapshot().errors.is_empty(),
        "the ledger names a missing file"
    );
}

#[test]
fn a_file_put_back_after_an_edit_is_built_again() {
    let site = Site::new();
    sample(&site);
    let mut session = session(&site);
    session.rebuild();
    let a = paths(&site, &["content/tin-tuc/a.md"]);
    let original = std::fs::read(site.root().join("content/tin-tuc/a.md")).unwrap();

    // A text edit is served without the whole build that records what the files hold: the
    // article put back as the whole build read it is not the served page.
    let edited = String::from_utf8(original.clone()).unwrap() + "\nĐã sửa.\n";
    site.write("content/tin-tuc/a.md", &edited);
    session.changed(a.clone());
    let (notice, _) = session.rebuild();
    assert!(notice.changed.contains(&"/cchc/tin-tuc/a/".to_string()));
    std::fs::write(site.root().join("content/tin-tuc/a.md"), &original).unwrap();
    assert!(!session.built_already(&a));
    session.changed(a.clone());
    let (notice, _) = session.rebuild();
    assert!(notice.changed.contains(&"/cchc/tin-tuc/a/".to_string()));

    // The desk's preview reads a file written moments ago afresh: the served site may not
    // show it yet. (A whole build first, looking at every file.)
    session.track_changes();
    session.rebuild();
    assert!(session.built_already(&a));
    site.write("content/tin-tuc/a.md", &edited);
    let draft = loa::pipeline::Draft {
        rel: "tin-tuc/b.md".into(),
        text: std::fs::read_to_string(site.root().join("content/tin-tuc/b.md")).unwrap(),
    };
    session.preview(&draft).expect("a preview");
    assert!(!session.built_already(&a));
}

/// What came back from a raw request.
pub(crate) struct RawReply {
    pub(crate) status: u16,
    pub(crate) content_type: String,
    pub(crate) body: String,
}

/// Sends a request over a bare connection, so the test, not an HTTP library, writes every
/// header (`Host` included; `None` leaves it out).
pub(crate) fn raw(
    server: &Server,
    request_line: &str,
    host: Option<&str>,
    headers: &[(&str, &str)],
) -> RawReply {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(server.addr()).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut head = format!("{request_line} HTTP/1.1\r\n");
    for (name, value) in host.map(|h| ("Host", h)).iter().chain(headers) {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("Content-Length: 0\r\nConnection: close\r\n\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("a whole reply");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("a reply head");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    let content_type = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-type")
                .then(|| value.trim().to_string())
        })
        .unwrap_or_default();
    RawReply {
        status,
        content_type,
        body: body.to_string(),
    }
}

fn port(server: &Server) -> u16 {
    server.addr().port()
}

#[test]
fn requests_addressed_to_another_name_are_refused_in_plain_vietnamese() {
    let site = Site::new();
    sample(&site);
    let server = start(&site);
    let port = port(&server);
    let other_port = if port == 1111 { 1112 } else { 1111 };
    for host in [
        "evil.example".to_string(),
        "evil.example:1111".to_string(),
        format!("evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        format!("localhost:{other_port}"),
        "localhost".to_string(),
        format!("192.168.1.5:{port}"),
    ] {
        for path in ["/cchc/tin-tuc/a/", "/cchc/__loa/events"] {
            let reply = raw(&server, &format!("GET {path}"), Some(&host), &[]);
            assert_eq!(reply.status, 421, "{host} {path}");
            assert_eq!(reply.content_type, "text/plain; charset=utf-8", "{host}");
            assert!(
                reply.body.contains(&format!("«{host}»")) && reply.body.contains("--host"),
                "{host}: {}",
                reply.body
            );
            assert!(!reply.body.contains("Bài A"), "{host}");
        }
    }
    // A request naming another host in its request line is refused even with a good `Host`.
    let absolute = raw(
        &server,
        &format!("GET http://evil.example:{port}/cchc/tin-tuc/a/"),
        Some(&format!("127.0.0.1:{port}")),
        &[],
    );
    assert_eq!(absolute.status, 421);
    let nameless = raw(&server, "GET /cchc/tin-tuc/a/", None, &[]);
    assert!((400..500).contains(&nameless.status), "{}", nameless.status);
    assert!(!nameless.body.contains("Bài A"));
}

#[test]
fn the_preview_answers_its_loopback_names_with_its_port() {
    let site = Site::new();
    sample(&site);
    let server = start(&site);
    let port = port(&server);
    for host in ["127.0.0.1", "localhost", "LOCALHOST", "[::1]"] {
        let reply = raw(
            &server,
            "GET /cchc/tin-tuc/a/",
            Some(&format!("{host}:{port}")),
            &[],
        );
        assert_eq!(reply.status, 200, "{host}");
        let page = Page(scraper::Html::parse_document(&reply.body));
        assert_eq!(page.text("h1"), "Bài A", "{host}");
    }
}

#[test]
fn names_given_with_host_are_answered_too() {
    let site = Site::new();
    sample(&site);
    let mut options = crate::support::preview_options(site.root(), NOW);
    options.hosts = vec!["May-Tu-Phap".into(), "192.168.1.50".into()];
    let server = Server::start(options, |_| {}).expect("serve starts");
    let port = port(&server);
    for host in ["may-tu-phap", "MAY-TU-PHAP", "192.168.1.50", "localhost"] {
        let reply = raw(&server, "GET /cchc/", Some(&format!("{host}:{port}")), &[]);
        assert_eq!(reply.status, 200, "{host}");
    }
    for host in ["may-tu-phap.evil.example", "192.168.1.51", "evil.example"] {
        let reply = raw(&server, "GET /cchc/", Some(&format!("{host}:{port}")), &[]);
        assert_eq!(reply.status, 421, "{host}");
    }
}

#[test]
fn a_host_option_that_is_not_a_bare_name_stops_serve_with_what_to_write() {
    let site = Site::new();
    sample(&site);
    let mut options = crate::support::preview_options(site.root(), NOW);
    options.hosts = vec!["http://may-tu-phap:1111/".into()];
    let problem = Server::start(options, |_| {})
        .err()
        .expect("the name is refused");
    assert_eq!(problem.path.to_str(), Some("--host"));
    assert!(
        problem.message.contains("«http://may-tu-phap:1111/»"),
        "{problem}"
    );
    assert!(
        problem
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("--host may-tu-phap"),
        "{problem}"
    );
}

/// The run's secret, as a served page carries it.
fn page_secret(server: &Server) -> String {
    let page = get(server, "/cchc/tin-tuc/a/");
    html(&page).attr("script[data-version]", "data-secret")
}

#[test]
fn a_post_without_the_runs_secret_is_refused() {
    let site = Site::new();
    sample(&site);
    let server = start(&site);
    let host = format!("127.0.0.1:{}", port(&server));
    let origin = format!("http://{host}");
    let wrong = "0".repeat(64);
    for (method, headers) in [
        ("POST", vec![("Origin", origin.as_str())]),
        (
            "POST",
            vec![
                ("Origin", origin.as_str()),
                ("X-Loa-Secret", wrong.as_str()),
            ],
        ),
        ("PUT", vec![("Origin", origin.as_str())]),
        // A page of another origin asking first whether it may send the header.
        (
            "OPTIONS",
            vec![
                ("Origin", "http://evil.example"),
                ("Access-Control-Request-Headers", "x-loa-secret"),
            ],
        ),
    ] {
        let reply = raw(&server, &format!("{method} /cchc/"), Some(&host), &headers);
        assert_eq!(reply.status, 403, "{method} {headers:?}");
        assert_eq!(reply.content_type, "text/plain; charset=utf-8");
        assert!(reply.body.contains("tải lại"), "{}", reply.body);
    }
}

#[test]
fn a_post_from_another_origin_is_refused_even_with_the_secret() {
    let site = Site::new();
    sample(&site);
    let server = start(&site);
    let port = port(&server);
    let host = format!("127.0.0.1:{port}");
    let secret = page_secret(&server);
    let evil = format!("http://evil.example:{port}");
    let other_port = format!("http://127.0.0.1:{}", port.wrapping_add(1));
    for headers in [
        vec![("Origin", evil.as_str())],
        vec![("Origin", other_port.as_str())],
        vec![("Origin", "null")],
        vec![("Sec-Fetch-Site", "cross-site")],
        vec![("Sec-Fetch-Site", "same-site")],
        vec![],
    ] {
        let mut headers = headers;
        headers.push(("X-Loa-Secret", secret.as_str()));
        let reply = raw(&server, "POST /cchc/", Some(&host), &headers);
        assert_eq!(reply.status, 403, "{headers:?}");
    }
}

#[test]
fn a_post_from_a_served_page_with_its_secret_passes_the_guard() {
    let site = Site::new();
    sample(&site);
    let server = start(&site);
    let port = port(&server);
    let secret = page_secret(&server);
    assert!(
        secret.len() == 64 && secret.bytes().all(|b| b.is_ascii_hexdigit()),
        "{secret}"
    );
    for host in ["127.0.0.1", "localhost", "[::1]"] {
        let host = format!("{host}:{port}");
        let origin = format!("http://{host}");
        for headers in [
            vec![("Origin", origin.as_str())],
            vec![("Sec-Fetch-Site", "same-origin")],
        ] {
            let mut headers = headers;
            headers.push(("X-Loa-Secret", secret.as_str()));
            // No handler takes a POST yet: past the guard, it gets the router's answer.
            let reply = raw(&server, "POST /cchc/", Some(&host), &headers);
            assert_eq!(reply.status, 405, "{host} {headers:?}");
        }
    }
}

#[test]
fn each_run_has_its_own_secret() {
    let site = Site::new();
    sample(&site);
    let first = start(&site);
    let second = start(&site);
    let secret = page_secret(&first);
    assert_ne!(secret, page_secret(&second));
    let host = format!("127.0.0.1:{}", port(&second));
    let origin = format!("http://{host}");
    let reply = raw(
        &second,
        "POST /cchc/",
        Some(&host),
        &[
            ("Origin", origin.as_str()),
            ("X-Loa-Secret", secret.as_str()),
        ],
    );
    assert_eq!(reply.status, 403);
}
