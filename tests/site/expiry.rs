//! Notices that expire (`expires:`): after the moment, by the build's clock, the article
//! leaves every list, feed, the search index and the sitemap; its page stays with a note,
//! or goes with `expired: remove`; `loa check` lists what expires within seven days.

use crate::support::{bytes, files_under, in_memory, xml_values, Site, NOW};

const EXPIRED: &str = "/cchc/tin-tuc/giay-moi/";
const EXPIRED_PAGE: &str = "/cchc/thong-bao-cu/";

/// A notice expired before NOW (the fixtures' clock, 25 November 2025), and an article still
/// current, sharing its topic, tag and unit; the notice's page is linked from nowhere. A
/// standalone page with the same tag has expired too.
fn site_with_a_notice() -> Site {
    let site = Site::new();
    let shared = "topics: [de-an-06]\ntags: [Thông báo]\nunit: van-phong\n";
    site.article(
        "tin-tuc/giay-moi.md",
        "Giấy mời họp",
        "2025-11-01",
        &format!("{shared}expires: 2025-11-20\nevent:\n  start: 2025-11-19 08:00\n"),
        "Từ hethanbimat.\n",
    )
    .article(
        "tin-tuc/con-han.md",
        "Còn hạn",
        "2025-10-01",
        &format!("{shared}expires: 2025-12-31\n"),
        "Nội dung.\n",
    )
    .page(
        "thong-bao-cu.md",
        "Thông báo cũ",
        "tags: [Thông báo]\nexpires: 2025-11-01\n",
        "Trang hethanbimat.\n",
    );
    site
}

#[test]
fn an_expired_notice_leaves_every_list_but_keeps_its_page_with_a_note() {
    let site = site_with_a_notice();
    site.build();
    for list in [
        "index.html",
        "tin-tuc/index.html",
        "chu-de/de-an-06/index.html",
        "the/thong-bao/index.html",
        "don-vi/van-phong/index.html",
        "ke-hoach/tien-do/index.html",
        "tin-tuc/con-han/index.html",
    ] {
        let links = site.html(list).attrs("a", "href");
        assert!(
            !links.iter().any(|l| l == EXPIRED || l == EXPIRED_PAGE),
            "{list} links to it"
        );
    }
    assert!(site
        .html("tin-tuc/index.html")
        .texts("main article h2")
        .contains(&"Còn hạn".to_string()));
    let page = site.html("tin-tuc/giay-moi/index.html");
    assert_eq!(
        page.text(".expired-note"),
        "Thông tin này đã hết hạn (ngày 20 tháng 11 năm 2025). Trang được giữ lại để tra cứu."
    );
    assert_eq!(page.attr("meta[name=robots]", "content"), "noindex");
    let json_ld: serde_json::Value =
        serde_json::from_str(&page.text("script[type='application/ld+json']")).unwrap();
    assert_eq!(json_ld["expires"], "2025-11-20T00:00:00+07:00");
    assert!(
        page.count(".neighbours") == 0,
        "no previous or next: it is in no list"
    );
    assert_eq!(
        site.html("thong-bao-cu/index.html").count(".expired-note"),
        1
    );
    let current = site.html("tin-tuc/con-han/index.html");
    assert_eq!(current.count(".expired-note"), 0);
    assert_eq!(current.count("meta[name=robots]"), 0);
}

#[test]
fn an_expired_notice_leaves_the_feeds_the_search_index_the_sitemap_and_the_calendar() {
    let site = site_with_a_notice();
    site.build();
    for feed in ["rss.xml", "chu-de/de-an-06/rss.xml"] {
        assert_eq!(
            xml_values(&site.read(feed), "rss/channel/item/title"),
            ["Còn hạn"]
        );
    }
    for feed in ["feed.json", "chu-de/de-an-06/feed.json"] {
        let json: serde_json::Value = serde_json::from_str(&site.read(feed)).unwrap();
        let titles: Vec<&str> = (json["items"].as_array().unwrap().iter())
            .map(|i| i["title"].as_str().unwrap())
            .collect();
        assert_eq!(titles, ["Còn hạn"], "{feed}");
    }
    let sitemap = xml_values(&site.read("sitemap.xml"), "urlset/url/loc");
    assert!(sitemap.iter().any(|l| l.ends_with("/tin-tuc/con-han/")));
    assert!(!sitemap
        .iter()
        .any(|l| l.ends_with(EXPIRED) || l.ends_with(EXPIRED_PAGE)));
    for (file, bytes) in files_under(&site.output().join("tim-kiem")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("hethanbimat") && !text.contains("Giấy mời"),
            "{file}"
        );
    }
    // Its own calendar file stays with its page; the calendar of all events drops it.
    assert!(site.exists("tin-tuc/giay-moi/lich.ics"));
    assert!(!site.read("su-kien.ics").contains("Giấy mời"));
}

#[test]
fn the_builds_clock_decides_what_has_expired() {
    let site = site_with_a_notice();
    let before = loa::Options {
        now: Some("2025-11-19 23:59".into()),
        ..site.options()
    };
    let built = in_memory(&before).unwrap();
    let rss = String::from_utf8(bytes(&built.outputs["rss.xml"]).to_vec()).unwrap();
    assert_eq!(
        xml_values(&rss, "rss/channel/item/title"),
        ["Giấy mời họp", "Còn hạn"]
    );
    let page = String::from_utf8(bytes(&built.outputs["tin-tuc/giay-moi/index.html"]).to_vec());
    assert!(!page.unwrap().contains("expired-note"));
}

#[test]
fn with_expired_remove_the_page_goes_and_links_to_it_say_why() {
    let site = site_with_a_notice();
    site.config_plus("expired: remove\n");
    site.build();
    assert!(!site.exists("tin-tuc/giay-moi/index.html"));
    assert!(!site.exists("tin-tuc/giay-moi/lich.ics"));
    assert!(site.exists("tin-tuc/con-han/index.html"));
    site.article(
        "tin-tuc/lien-ket.md",
        "Liên kết",
        "2025-11-21",
        "",
        "Xem [giấy mời](giay-moi.md).\n",
    );
    let problems = site.build_fails();
    let error = crate::support::only_error(&problems);
    assert_eq!(
        (error.path.to_str(), error.line),
        (Some("content/tin-tuc/lien-ket.md"), 5)
    );
    assert!(error.message.contains("hết hạn"), "{}", error.message);
}

#[test]
fn check_lists_what_expires_within_seven_days_soonest_first() {
    let site = site_with_a_notice();
    site.article(
        "tin-tuc/sap-het.md",
        "Sắp hết hạn",
        "2025-11-10",
        "expires: 2025-12-02 07:00\n",
        "x\n",
    )
    .article(
        "tin-tuc/mai-het.md",
        "Mai hết hạn",
        "2025-11-10",
        "expires: 2025-11-26\n",
        "x\n",
    );
    let out = site.run(&["check"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("Sắp hết hạn"))
        .take(3)
        .collect();
    assert_eq!(
        lines,
        [
            "Sắp hết hạn trong 7 ngày tới (2 bài):",
            "  content/tin-tuc/mai-het.md:4 «Mai hết hạn» — hết hạn lúc 00:00 ngày 26/11/2025 (còn 12 giờ)",
            "  content/tin-tuc/sap-het.md:4 «Sắp hết hạn» — hết hạn lúc 07:00 ngày 02/12/2025 (còn 6 ngày)",
        ],
        "{stdout}"
    );
    // What is already out, or further off, is not listed.
    assert!(!stdout.contains("Giấy mời") && !stdout.contains("Còn hạn"));
    assert_eq!(NOW, "2025-11-25 12:00", "the hours above count from it");
}

#[test]
fn the_report_still_counts_an_expired_notice() {
    let site = site_with_a_notice();
    let (assembled, _) = loa::assemble_site(&site.options()).unwrap();
    let period = loa::report::Period::month("2025-11").unwrap();
    let report = loa::report::build(&assembled, &period);
    let titles: Vec<&str> = report.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Giấy mời họp"]);
    assert_eq!(report.total, 1);
}

#[test]
fn an_expired_page_and_its_related_articles_are_accessible_and_fit_the_screen() {
    let Some(node) = crate::support::browser_tools() else {
        return;
    };
    let site = site_with_a_notice();
    let options = crate::support::preview_options(site.root(), NOW);
    let server = loa::serve::Server::start(options, |_| {}).expect("serve starts");
    let page = format!("{}tin-tuc/giay-moi/", server.url());
    let mut answer = ureq::get(&page).call().unwrap();
    let served = answer.body_mut().read_to_string().unwrap();
    assert!(served.contains("expired-note") && served.contains("class=\"related\""));
    crate::support::run_browser_script(&node, "accessibility.mjs", &[&page]);
    crate::support::run_browser_script(&node, "layout.mjs", &[&page]);
}
