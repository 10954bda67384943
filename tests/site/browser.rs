//! Tests in a real browser (headless Chromium through the one harness in `tests/browser/`).

use loa::serve::Server;

use crate::support::{browser_tools, run_browser_script, sample_root, Site, NOW, SAMPLE_NOW};

#[test]
fn a_served_page_follows_saves_errors_and_fixes_in_the_browser() {
    let Some(node) = browser_tools() else {
        return;
    };
    let site = Site::new();
    let long_body: String = (1..=60)
        .map(|n| format!("Đoạn thứ {n} để trang đủ dài mà cuộn.\n\n"))
        .collect();
    site.article(
        "tin-tuc/a.md",
        "Bài A",
        "2025-09-01",
        "",
        &format!("Đoạn mở đầu.\n\n{long_body}"),
    );
    // The theme's stylesheet: a site's `static/` may not replace a theme file.
    site.config_plus("theme: rieng\n");
    site.write(
        "themes/rieng/static/style.css",
        "body { background: white; }\n",
    );
    // The theme's page template, the built-in one to start with: the script edits it.
    let builtin = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/themes/default/templates/page.html"
    );
    let page_html = std::fs::read_to_string(builtin).unwrap();
    site.write("themes/rieng/templates/page.html", &page_html);
    let options = crate::support::preview_options(site.root(), NOW);
    let server = Server::start(options, |_| {}).expect("serve starts");
    let url = format!("{}tin-tuc/a/", server.url());
    let markdown = site.root().join("content/tin-tuc/a.md");
    let css = site.root().join("themes/rieng/static/style.css");
    let template = site.root().join("themes/rieng/templates/page.html");
    run_browser_script(
        &node,
        "live-reload.mjs",
        &[
            &url,
            markdown.to_str().unwrap(),
            css.to_str().unwrap(),
            template.to_str().unwrap(),
        ],
    );
}

#[test]
fn hidden_tabs_close_their_event_stream_so_an_eighth_tab_still_loads() {
    let Some(node) = browser_tools() else {
        return;
    };
    let site = Site::new();
    site.article("tin-tuc/a.md", "Bài A", "2025-09-01", "", "Đoạn mở đầu.\n");
    let options = crate::support::preview_options(site.root(), NOW);
    let server = Server::start(options, |_| {}).expect("serve starts");
    let url = format!("{}tin-tuc/a/", server.url());
    let markdown = site.root().join("content/tin-tuc/a.md");
    run_browser_script(&node, "tabs.mjs", &[&url, markdown.to_str().unwrap()]);
}

#[test]
fn the_sample_sites_main_page_types_are_accessible_and_fit_the_screen() {
    let Some(node) = browser_tools() else {
        return;
    };
    // The sample site of the repository, previewed without writing anything.
    let options = crate::support::preview_options(sample_root(), SAMPLE_NOW);
    let server = Server::start(options, |_| {}).expect("serve starts");
    let snapshot = server.snapshot();
    assert!(
        snapshot.errors.is_empty(),
        "the sample site builds: {:?}",
        snapshot.errors
    );
    let first_article = snapshot
        .outputs
        .keys()
        .find(|k| {
            k.starts_with("tin-tuc/") && k.ends_with("/index.html") && k.matches('/').count() == 2
        })
        .expect("an article")
        .trim_end_matches("index.html")
        .to_string();
    let pages = [
        String::new(),
        first_article,
        "tin-tuc/".into(),
        "su-kien/".into(),
        "gioi-thieu/".into(),
        "chu-de/".into(),
        "chu-de/nghi-dinh-118/".into(),
        "the/".into(),
        "don-vi/van-phong/".into(),
        "van-ban/".into(),
        "van-ban/118-2025-nd-cp/".into(),
        // An article with a photo gallery and an attached document.
        "su-kien/hoi-nghi-doi-thoai-to-chuc-hanh-nghe-bo-tro-tu-phap/".into(),
        "404.html".into(),
        "tim-kiem/?q=nghi+dinh+118".into(),
        "ke-hoach/tien-do/".into(),
    ];
    let mut urls: Vec<String> = pages
        .iter()
        .map(|p| format!("{}{p}", server.url()))
        .collect();
    let args: Vec<&str> = urls.iter().map(String::as_str).collect();
    run_browser_script(&node, "accessibility.mjs", &args);
    // The layout check also takes the article whose cover is a photo.
    urls.push(format!(
        "{}tin-tuc/quy-trinh-mot-cua-theo-nghi-dinh-118/",
        server.url()
    ));
    let args: Vec<&str> = urls.iter().map(String::as_str).collect();
    run_browser_script(&node, "layout.mjs", &args);
}

#[test]
fn the_zalo_button_copies_the_article_address_without_outside_scripts() {
    let Some(node) = browser_tools() else {
        return;
    };
    let site = Site::new();
    site.article("tin-tuc/a.md", "Bài A", "2025-09-01", "", "Nội dung.\n");
    let options = crate::support::preview_options(site.root(), NOW);
    let server = Server::start(options, |_| {}).expect("serve starts");
    let url = format!("{}tin-tuc/a/", server.url());
    run_browser_script(&node, "share.mjs", &[&url]);
}

#[test]
fn a_leader_approves_and_returns_on_a_phone_and_the_approved_article_is_published() {
    let Some(node) = browser_tools() else {
        return;
    };
    let site = crate::workflow::approval_site();
    site.article(
        "tin-tuc/b.md",
        "Bài B",
        "2025-09-02",
        "",
        "Nội dung bài B.\n",
    );
    for file in ["content/tin-tuc/a.md", "content/tin-tuc/b.md"] {
        let request = loa::workflow::Request {
            root: site.root(),
            file: std::path::Path::new(file),
            now: Some(NOW),
        };
        let step = loa::workflow::Step::Submit {
            author: Some("Lê Văn Cường".into()),
        };
        loa::workflow::take(request, &step).unwrap();
    }
    let server = crate::workflow::start_review(&site);
    let url = server.review_urls().remove(0);
    run_browser_script(&node, "review.mjs", &[&url]);
    drop(server);
    let built = site.build();
    assert!(site.exists("tin-tuc/a/index.html"), "approved on the phone");
    assert!(
        !site.exists("tin-tuc/b/index.html"),
        "sent back on the phone"
    );
    assert_eq!(built.waiting.len(), 1);
    let b = site.read_source("content/tin-tuc/b.md");
    assert!(
        b.contains("  state: returned\n") && b.contains("Bổ sung số liệu quý IV."),
        "{b}"
    );
    let a = site.read_source("content/tin-tuc/a.md");
    assert!(
        a.contains("  by: \"Trần Thị Bình\"\n  at: \"2025-11-25 12:00\""),
        "{a}"
    );
}

#[test]
fn a_video_asks_youtube_nothing_before_the_click_and_the_gallery_follows_the_keyboard() {
    let Some(node) = browser_tools() else {
        return;
    };
    let site = Site::new();
    site.article(
        "tin-tuc/hoi-nghi/index.md",
        "Hội nghị",
        "2025-09-01",
        "",
        "Mở đầu.\n\n[Toàn cảnh hội nghị](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n\nTải [kế hoạch](ke-hoach.pdf).\n",
    );
    for (name, w, h) in [
        ("01 Toàn cảnh hội nghị.jpg", 1200, 800),
        ("02 Đại biểu phát biểu.jpg", 900, 1200),
        ("03 Trao giấy khen.jpg", 1000, 700),
        ("IMG_0931.jpg", 800, 600),
    ] {
        site.write_bytes(
            &format!("content/tin-tuc/hoi-nghi/anh/{name}"),
            &crate::support::photo(w, h),
        );
    }
    site.write_bytes("content/tin-tuc/hoi-nghi/ke-hoach.pdf", b"%PDF-1.4\n");
    let options = crate::support::preview_options(site.root(), NOW);
    let server = Server::start(options, |_| {}).expect("serve starts");
    let url = format!("{}tin-tuc/hoi-nghi/", server.url());
    run_browser_script(&node, "media.mjs", &[&url]);
    // The facade, the gallery and the attachments block pass axe, and fit a phone.
    run_browser_script(&node, "accessibility.mjs", &[&url]);
    run_browser_script(&node, "layout.mjs", &[&url]);
}
