//! Where things are published: URLs, the base path, lists, pagination, feeds, sitemap, redirects.

use crate::support::{xml_values, Site};

fn three_articles(site: &Site) {
    site.article(
        "tin-tuc/mot.md",
        "Bài một",
        "2025-09-01",
        "topics: [nghi-dinh-118]\n",
        "Một.\n",
    )
    .article(
        "tin-tuc/hai.md",
        "Bài hai",
        "2025-09-02",
        "topics: [nghi-dinh-118, de-an-06]\nunit: van-phong\n",
        "Hai.\n",
    )
    .article(
        "su-kien/ba.md",
        "Bài ba",
        "2025-09-03",
        "topics: de-an-06\n",
        "Ba.\n",
    );
}

#[test]
fn articles_standalone_pages_and_bundles_get_their_urls() {
    let site = Site::new();
    site.article("tin-tuc/bai-mot.md", "Một", "2025-09-01", "", "x\n")
        .article(
            "tin-tuc/hoi-nghi/index.md",
            "Hội nghị",
            "2025-09-01",
            "",
            "x\n",
        )
        .article(
            "tin-tuc/ten-tep.md",
            "Slug riêng",
            "2025-09-01",
            "slug: Địa chỉ riêng\n",
            "x\n",
        )
        .page("gioi-thieu.md", "Giới thiệu", "", "Về chúng tôi.\n");
    site.build();
    assert_eq!(site.html("tin-tuc/bai-mot/index.html").text("h1"), "Một");
    assert_eq!(
        site.html("tin-tuc/hoi-nghi/index.html").text("h1"),
        "Hội nghị"
    );
    assert_eq!(
        site.html("tin-tuc/dia-chi-rieng/index.html").text("h1"),
        "Slug riêng"
    );
    assert!(
        !site.exists("tin-tuc/ten-tep/index.html"),
        "the file name gives way to slug:"
    );
    assert_eq!(site.html("gioi-thieu/index.html").text("h1"), "Giới thiệu");
}

#[test]
fn links_carry_the_base_path_and_canonical_urls_are_absolute() {
    let site = Site::new();
    three_articles(&site);
    site.build();
    let page = site.html("tin-tuc/hai/index.html");
    assert_eq!(
        page.attr("link[rel=canonical]", "href"),
        "https://stp.angiang.gov.vn/cchc/tin-tuc/hai/"
    );
    assert!(page
        .attrs("a", "href")
        .iter()
        .filter(|h| h.starts_with('/'))
        .all(|h| h.starts_with("/cchc/")));
    assert_eq!(page.attr("link[rel=stylesheet]", "href"), "/cchc/style.css");
    assert!(page
        .attrs("nav a", "href")
        .contains(&"/cchc/su-kien/".to_string()));
}

#[test]
fn the_base_url_can_be_overridden_for_a_build() {
    let mut site = Site::new();
    three_articles(&site);
    site.base_url = Some("http://127.0.0.1:1111/".into());
    site.build();
    let page = site.html("tin-tuc/hai/index.html");
    assert_eq!(
        page.attr("link[rel=canonical]", "href"),
        "http://127.0.0.1:1111/tin-tuc/hai/"
    );
    assert!(
        site.exists("robots.txt"),
        "a site at the root of its host gets robots.txt"
    );
}

#[test]
fn robots_txt_is_written_only_at_the_root_of_a_host() {
    let site = Site::new();
    three_articles(&site);
    site.build();
    assert!(!site.exists("robots.txt"));
}

#[test]
fn every_topic_of_the_plan_has_a_page_and_the_topic_list_counts_articles() {
    let site = Site::new();
    three_articles(&site);
    site.build();
    let list = site.html("chu-de/index.html");
    let items = list.texts("main li");
    assert_eq!(
        items,
        [
            "Chỉ số PAR INDEX (0 bài)",
            "Đề án 06/CP (2 bài)",
            "Nghị định số 118/2025/NĐ-CP (2 bài)"
        ]
    );
    let topic = site.html("chu-de/de-an-06/index.html");
    assert_eq!(topic.texts("main article h2"), ["Bài ba", "Bài hai"]);
    let empty = site.html("chu-de/par-index/index.html");
    assert_eq!(empty.count("main article"), 0);
    assert_eq!(
        site.html("don-vi/van-phong/index.html")
            .texts("main article h2"),
        ["Bài hai"]
    );
}

#[test]
fn tags_are_grouped_by_slug_and_listed() {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-09-01",
        "tags: [Một cửa, dịch vụ công]\n",
        "x\n",
    )
    .article(
        "tin-tuc/b.md",
        "B",
        "2025-09-02",
        "tags: [một cửa]\n",
        "x\n",
    );
    site.build();
    assert_eq!(
        site.html("the/mot-cua/index.html").texts("main article h2"),
        ["B", "A"]
    );
    assert_eq!(
        site.html("the/index.html").texts("main li"),
        ["dịch vụ công (1 bài)", "Một cửa (2 bài)"]
    );
}

#[test]
fn lists_are_paginated_and_each_page_carries_only_its_own_articles() {
    let site = Site::new();
    site.page("tin-tuc/_index.md", "Tin tức", "paginate: 2\n", "");
    for day in 1..=5 {
        site.article(
            &format!("tin-tuc/bai-{day}.md"),
            &format!("Bài {day}"),
            &format!("2025-09-0{day}"),
            "",
            "x\n",
        );
    }
    site.build();
    let first = site.html("tin-tuc/index.html");
    assert_eq!(first.texts("main article h2"), ["Bài 5", "Bài 4"]);
    assert_eq!(first.attr("a[rel=next]", "href"), "/cchc/tin-tuc/trang/2/");
    assert_eq!(
        first.attr(".pagination a[aria-current=page]", "href"),
        "/cchc/tin-tuc/"
    );
    let second = site.html("tin-tuc/trang/2/index.html");
    assert_eq!(second.texts("main article h2"), ["Bài 3", "Bài 2"]);
    assert_eq!(second.attr("a[rel=prev]", "href"), "/cchc/tin-tuc/");
    let last = site.html("tin-tuc/trang/3/index.html");
    assert_eq!(last.texts("main article h2"), ["Bài 1"]);
    assert!(last.attrs("a[rel=next]", "href").is_empty());
    assert!(!site.exists("tin-tuc/trang/4/index.html"));
}

#[test]
fn the_site_feed_lists_articles_newest_first_with_absolute_links() {
    let site = Site::new();
    three_articles(&site);
    site.build();
    let rss = site.read("rss.xml");
    assert_eq!(
        xml_values(&rss, "rss/channel/item/title"),
        ["Bài ba", "Bài hai", "Bài một"]
    );
    assert_eq!(
        xml_values(&rss, "rss/channel/item/link")[0],
        "https://stp.angiang.gov.vn/cchc/su-kien/ba/"
    );
    assert_eq!(
        xml_values(&rss, "rss/channel/item/pubDate")[0],
        "Wed, 03 Sep 2025 00:00:00 +0700"
    );
    assert_eq!(xml_values(&rss, "rss/channel/language"), ["vi"]);
}

#[test]
fn each_topic_has_its_own_feed_with_only_its_articles() {
    let site = Site::new();
    three_articles(&site);
    site.build();
    let rss = site.read("chu-de/nghi-dinh-118/rss.xml");
    assert_eq!(
        xml_values(&rss, "rss/channel/item/title"),
        ["Bài hai", "Bài một"]
    );
    let topic_page = site.html("chu-de/nghi-dinh-118/index.html");
    assert!(topic_page
        .attrs("link[type='application/rss+xml']", "href")
        .contains(&"/cchc/chu-de/nghi-dinh-118/rss.xml".to_string()));
}

#[test]
fn the_sitemap_lists_pages_with_absolute_urls_and_lastmod() {
    let site = Site::new();
    three_articles(&site);
    site.article(
        "tin-tuc/sua.md",
        "Sửa",
        "2025-09-01",
        "updated: 2025-10-05 10:00\n",
        "x\n",
    );
    site.build();
    let xml = site.read("sitemap.xml");
    let locs = xml_values(&xml, "urlset/url/loc");
    assert!(locs.contains(&"https://stp.angiang.gov.vn/cchc/".to_string()));
    assert!(locs.contains(&"https://stp.angiang.gov.vn/cchc/chu-de/de-an-06/".to_string()));
    let texts = crate::support::xml_texts(&xml);
    let pos = texts
        .iter()
        .position(|(_, t)| t == "https://stp.angiang.gov.vn/cchc/tin-tuc/sua/")
        .unwrap();
    assert_eq!(
        texts[pos + 1],
        (
            "urlset/url/lastmod".to_string(),
            "2025-10-05T10:00:00+07:00".to_string()
        )
    );
}

#[test]
fn an_alias_keeps_an_old_url_working() {
    let site = Site::new();
    site.article(
        "tin-tuc/moi.md",
        "Bài mới",
        "2025-09-01",
        "aliases: [\"/tin-tuc/ten-cu/\", \"cu.html\"]\n",
        "x\n",
    );
    site.build();
    for old in ["tin-tuc/ten-cu/index.html", "cu.html"] {
        let page = site.html(old);
        assert_eq!(
            page.attr("meta[http-equiv=refresh]", "content"),
            "0; url=/cchc/tin-tuc/moi/"
        );
        assert_eq!(
            page.attr("link[rel=canonical]", "href"),
            "https://stp.angiang.gov.vn/cchc/tin-tuc/moi/"
        );
        assert_eq!(page.attr("main a", "href"), "/cchc/tin-tuc/moi/");
    }
}

#[test]
fn a_404_page_is_produced() {
    let site = Site::new();
    site.build();
    let page = site.html("404.html");
    assert_eq!(page.text("h1"), "Không tìm thấy trang");
    assert_eq!(page.count("main"), 1);
}

#[test]
fn an_old_address_copied_whole_from_the_browser_is_understood() {
    let site = Site::new();
    let front = "aliases:\n  - \"https://stp.angiang.gov.vn/cchc/tin-tuc/cu-mot/\"\n  - \"/cchc/tin-tuc/cu-hai/\"\n";
    site.article("tin-tuc/moi.md", "Mới", "2025-09-01", front, "x\n");
    site.build();
    for old in ["tin-tuc/cu-mot/index.html", "tin-tuc/cu-hai/index.html"] {
        assert_eq!(
            site.html(old).attr("meta[http-equiv=refresh]", "content"),
            "0; url=/cchc/tin-tuc/moi/",
            "{old}"
        );
    }
    assert!(!site.output().join("https:").exists() && !site.output().join("cchc").exists());
}

#[test]
fn an_old_address_on_another_site_is_an_error() {
    let site = Site::new();
    site.article(
        "tin-tuc/moi.md",
        "Mới",
        "2025-09-01",
        "aliases: [\"https://baoangiang.com.vn/bai-cu/\"]\n",
        "x\n",
    );
    let problems = site.build_fails();
    let error = crate::support::only_error(&problems);
    assert_eq!(
        (error.path.to_str(), error.line),
        (Some("content/tin-tuc/moi.md"), 4)
    );
    assert!(error.message.contains("baoangiang.com.vn"), "{error}");
}
