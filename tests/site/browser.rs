//! Tests in a real browser (headless Chromium through the one harness in `tests/browser/`).

use loa::serve::{ServeOptions, Server};

use crate::support::{browser_tools, run_browser_script, Site, NOW};

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
    site.write("static/style.css", "body { background: white; }\n");
    let options = ServeOptions {
        root: site.root().to_path_buf(),
        bind: [127, 0, 0, 1].into(),
        port: 0,
        drafts: false,
        now: Some(NOW.into()),
    };
    let server = Server::start(options, |_| {}).expect("serve starts");
    let url = format!("{}tin-tuc/a/", server.url());
    let markdown = site.root().join("content/tin-tuc/a.md");
    let css = site.root().join("static/style.css");
    run_browser_script(
        &node,
        "live-reload.mjs",
        &[&url, markdown.to_str().unwrap(), css.to_str().unwrap()],
    );
}
