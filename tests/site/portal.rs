//! The portal's fixed parts as a reader meets them: the menus of config.yaml in the header and
//! the footer, the contact details a government site must show (Decree 42/2022/NĐ-CP) and the
//! home page's blocks.

use crate::support::{config_edited, only_error, Page, Site, CONFIG};

fn json_ld(page: &Page) -> serde_json::Value {
    let scripts = page.texts("script[type=\"application/ld+json\"]");
    assert_eq!(scripts.len(), 1, "{scripts:?}");
    serde_json::from_str(&scripts[0]).expect("valid JSON-LD")
}

/// The link texts and targets of a menu, in order.
fn links(page: &Page, css: &str) -> Vec<(String, String)> {
    page.texts(css)
        .into_iter()
        .zip(page.attrs(css, "href"))
        .collect()
}

fn pair(text: &str, href: &str) -> (String, String) {
    (text.to_string(), href.to_string())
}

/// A site with an about page, a section and a draft, for menus to lead to.
fn site_with_pages() -> Site {
    let site = Site::new();
    site.page(
        "gioi-thieu.md",
        "Giới thiệu chuyên trang",
        "",
        "## Liên hệ\n\nx\n",
    );
    site.page("tin-tuc/_index.md", "Tin tức", "", "");
    site.article(
        "tin-tuc/a.md",
        "Bài A",
        "2025-09-01",
        "topics: [de-an-06]\n",
        "x\n",
    );
    site.article(
        "tin-tuc/nhap.md",
        "Bài nháp",
        "2025-09-02",
        "draft: true\n",
        "x\n",
    );
    site
}

#[test]
fn the_main_menu_leads_where_config_yaml_says_in_weight_order() {
    let site = site_with_pages();
    site.config_plus(
        "menus:\n  main:\n    - page: gioi-thieu.md\n      weight: 20\n    - page: /tin-tuc/\n      weight: 10\n    - page: /chu-de/de-an-06\n      weight: 10\n    - page: gioi-thieu.md#lien-he\n      title: \"Liên hệ\"\n      weight: 30\n    - url: https://dichvucong.gov.vn\n      title: \"Dịch vụ công\"\n      weight: 40\n",
    );
    site.build();
    let about = site.html("gioi-thieu/index.html");
    assert_eq!(
        links(&about, ".site-nav a"),
        [
            pair("Trang chủ", "/cchc/"),
            pair("Tin tức", "/cchc/tin-tuc/"),
            pair("Đề án 06/CP", "/cchc/chu-de/de-an-06/"),
            pair("Giới thiệu chuyên trang", "/cchc/gioi-thieu/"),
            pair("Liên hệ", "/cchc/gioi-thieu/#lien-he"),
            pair("Dịch vụ công", "https://dichvucong.gov.vn"),
        ],
        "equal weights keep their written order; a title defaults to the page's own"
    );
    assert_eq!(
        about.attr(".site-nav a[aria-current=page]", "href"),
        "/cchc/gioi-thieu/"
    );
    // The footer keeps its built-in links when config.yaml gives it no menu.
    assert!(about
        .attrs(".site-footer a", "href")
        .contains(&"/cchc/ke-hoach/tien-do/".to_string()));
}

#[test]
fn without_menus_the_header_lists_the_sections_as_before() {
    let site = site_with_pages();
    site.build();
    let home = site.html("index.html");
    assert_eq!(
        home.texts(".site-nav a"),
        ["Trang chủ", "Tin tức", "Chủ đề", "RSS"]
    );
}

#[test]
fn the_footer_menu_replaces_the_footers_built_in_links() {
    let site = site_with_pages();
    site.config_plus(
        "menus:\n  footer:\n    - page: /ke-hoach/tien-do/\n    - page: /rss.xml\n      title: \"Nhận tin qua RSS\"\n    - url: mailto:vanphong@stp.angiang.gov.vn\n      title: \"Góp ý\"\n",
    );
    site.build();
    let page = site.html("tin-tuc/a/index.html");
    assert_eq!(
        links(&page, ".site-footer nav a"),
        [
            pair(
                "Tiến độ thực hiện kế hoạch tuyên truyền",
                "/cchc/ke-hoach/tien-do/"
            ),
            pair("Nhận tin qua RSS", "/cchc/rss.xml"),
            pair("Góp ý", "mailto:vanphong@stp.angiang.gov.vn"),
        ]
    );
    assert_eq!(page.count(".site-footer a[href=\"/cchc/the/\"]"), 0);
}

#[test]
fn every_menu_page_that_leads_nowhere_is_an_error_at_its_line() {
    let site = site_with_pages();
    site.config_plus(
        "menus:\n  main:\n    - page: gioi-thieu.md\n    - page: gioi-thieuu.md\n  footer:\n    - title: \"Bài nháp\"\n      page: tin-tuc/nhap.md\n    - page: /chu-de/khong-co/\n    - page: gioi-thieu.md#khong-co\n",
    );
    let problems = site.build_fails();
    let at: Vec<String> = problems
        .iter()
        .map(|p| format!("{}:{}:{}", p.path.display(), p.line, p.col))
        .collect();
    // `menus:` is the line after the fixture's config.
    let menus = CONFIG.lines().count() + 1;
    assert_eq!(
        at,
        [3, 6, 7, 8].map(|n| format!("config.yaml:{}:7", menus + n)),
        "{problems:?}"
    );
    assert!(problems[0].message.contains("gioi-thieuu.md"));
    assert!(problems[0]
        .hint
        .as_deref()
        .unwrap()
        .contains("gioi-thieu.md"));
    assert!(problems[1].message.contains("chưa đăng"), "{problems:?}");
    assert!(problems[2].message.contains("/chu-de/khong-co/"));
    assert!(problems[3].message.contains("#khong-co"));
    assert!(problems[3].hint.as_deref().unwrap().contains("lien-he"));
}

#[test]
fn the_contact_details_are_in_every_footer_and_in_the_organization_data() {
    let site = site_with_pages();
    site.config_plus(
        "contact:\n  parent: \"Ủy ban nhân dân tỉnh An Giang\"\n  address: \"Số 1 đường Lê Lợi, tỉnh An Giang\"\n  phone: \"(0296) 3852 000\"\n  email: vanphong@stp.angiang.gov.vn\n  responsible: \"Ông Nguyễn Văn A, Giám đốc Sở\"\n",
    );
    site.build();
    for file in [
        "index.html",
        "tin-tuc/a/index.html",
        "chu-de/index.html",
        "404.html",
    ] {
        let page = site.html(file);
        let footer = page.text(".site-footer address");
        for shown in [
            "Ủy ban nhân dân tỉnh An Giang",
            "Sở Tư pháp tỉnh An Giang",
            "Địa chỉ: Số 1 đường Lê Lợi, tỉnh An Giang",
            "Điện thoại: (0296) 3852 000",
            "Thư điện tử: vanphong@stp.angiang.gov.vn",
            "Chịu trách nhiệm nội dung: Ông Nguyễn Văn A, Giám đốc Sở",
        ] {
            assert!(footer.contains(shown), "{file}: {shown} in {footer}");
        }
        assert_eq!(
            page.attrs(".site-footer address a", "href"),
            ["tel:02963852000", "mailto:vanphong@stp.angiang.gov.vn"]
        );
    }
    let org = json_ld(&site.html("index.html"));
    assert_eq!(org["@type"], "GovernmentOrganization");
    assert_eq!(org["name"], "Sở Tư pháp tỉnh An Giang");
    assert_eq!(org["url"], "https://stp.angiang.gov.vn/cchc/");
    assert_eq!(
        org["parentOrganization"]["name"],
        "Ủy ban nhân dân tỉnh An Giang"
    );
    assert_eq!(
        org["address"]["streetAddress"],
        "Số 1 đường Lê Lợi, tỉnh An Giang"
    );
    assert_eq!(org["telephone"], "(0296) 3852 000");
    assert_eq!(org["email"], "vanphong@stp.angiang.gov.vn");
    assert_eq!(org["contactPoint"]["name"], "Ông Nguyễn Văn A, Giám đốc Sở");
}

#[test]
fn without_contact_details_the_footer_names_the_organization_only() {
    let site = site_with_pages();
    site.build();
    let home = site.html("index.html");
    assert_eq!(home.count(".site-footer address"), 0);
    assert_eq!(
        home.texts(".site-footer strong"),
        ["Sở Tư pháp tỉnh An Giang"]
    );
    let org = json_ld(&home);
    assert_eq!(org["name"], "Sở Tư pháp tỉnh An Giang");
    assert!(org.get("telephone").is_none(), "{org}");
}

/// A site whose articles have photos, flags, topics and events, around the fixtures' "now"
/// (2025-11-25 12:00).
fn home_site(front_of_newest: &str) -> Site {
    let site = Site::new();
    site.write_bytes(
        "content/tin-tuc/co-anh/anh.jpg",
        &crate::support::photo(800, 500),
    );
    site.write_bytes(
        "content/tin-tuc/noi-bat/anh.jpg",
        &crate::support::photo(800, 500),
    );
    let photo = "image: anh.jpg\nimage_alt: \"Quầy một cửa\"\n";
    site.article(
        "tin-tuc/moi-nhat.md",
        "Mới nhất",
        "2025-11-20",
        front_of_newest,
        "x\n",
    );
    site.article(
        "tin-tuc/co-anh/index.md",
        "Có ảnh",
        "2025-11-10",
        photo,
        "x\n",
    );
    let featured = format!("{photo}featured: true\ntopics: [de-an-06]\n");
    site.article(
        "tin-tuc/noi-bat/index.md",
        "Nổi bật",
        "2025-11-01",
        &featured,
        "x\n",
    );
    site.article(
        "tin-tuc/cu.md",
        "Cũ, cũng nổi bật",
        "2025-10-01",
        "featured: true\n",
        "x\n",
    );
    site
}

#[test]
fn the_newest_featured_article_leads_the_home_page_with_its_picture() {
    let site = home_site("");
    site.build();
    let home = site.html("index.html");
    assert_eq!(home.text(".featured h3"), "Nổi bật");
    assert_eq!(home.attr(".featured img", "alt"), "Quầy một cửa");
    assert!(home
        .attr(".featured img", "src")
        .starts_with("/cchc/tin-tuc/noi-bat/anh"));
    assert_eq!(
        home.texts(".latest h3"),
        ["Mới nhất", "Có ảnh", "Cũ, cũng nổi bật"],
        "the latest articles follow, without the featured one"
    );
}

#[test]
fn without_a_flag_the_newest_article_with_a_picture_leads() {
    let site = home_site("");
    for file in ["tin-tuc/noi-bat/index.md", "tin-tuc/cu.md"] {
        let text = site.read_source(&format!("content/{file}"));
        site.write(
            &format!("content/{file}"),
            &text.replace("featured: true\n", ""),
        );
    }
    site.build();
    let home = site.html("index.html");
    assert_eq!(home.text(".featured h3"), "Có ảnh");
    assert_eq!(home.count(".featured img"), 1);

    // Nothing flagged and no picture: no featured block, the latest articles lead.
    let plain = Site::new();
    plain.article("tin-tuc/a.md", "Bài A", "2025-11-20", "", "x\n");
    plain.build();
    let home = plain.html("index.html");
    assert_eq!(home.count(".featured"), 0);
    assert_eq!(home.texts(".latest h3"), ["Bài A"]);
}

#[test]
fn a_featured_article_without_a_picture_leads_without_one() {
    let site = home_site("featured: true\n");
    site.build();
    let home = site.html("index.html");
    assert_eq!(home.text(".featured h3"), "Mới nhất");
    assert_eq!(home.count(".featured img"), 0);
}

#[test]
fn each_topic_marked_for_the_home_page_has_a_block_in_config_order() {
    let site = home_site("topics: [par-index, de-an-06]\n");
    let home_topics = config_edited(&[
        (
            "    description: \"Dữ liệu dân cư\"\n",
            "    description: \"Dữ liệu dân cư\"\n    home: true\n",
        ),
        (
            "    description: \"Chỉ số cải cách hành chính\"\n",
            "    description: \"Chỉ số cải cách hành chính\"\n    home: true\n",
        ),
        (
            "    description: \"Một cửa, một cửa liên thông\"\n",
            "    description: \"Một cửa, một cửa liên thông\"\n    home: true\n",
        ),
    ]);
    site.write("config.yaml", &home_topics);
    site.build();
    let home = site.html("index.html");
    // nghi-dinh-118 is marked but has no article: no empty block.
    assert_eq!(
        links(&home, ".topic-blocks h2 a"),
        [
            pair("Đề án 06/CP", "/cchc/chu-de/de-an-06/"),
            pair("Chỉ số PAR INDEX", "/cchc/chu-de/par-index/"),
        ]
    );
    assert_eq!(
        home.texts(".topic-blocks section:first-child li a"),
        ["Mới nhất", "Nổi bật"],
        "a topic's newest articles first"
    );
    assert_eq!(
        home.texts(".topic-blocks .more a"),
        [
            "Xem cả 2 bài về Đề án 06/CP",
            "Xem cả 1 bài về Chỉ số PAR INDEX"
        ]
    );
}

#[test]
fn home_is_a_key_for_topics_only() {
    let site = Site::new();
    site.config_with(&[(
        "    name: \"Văn phòng Sở\"\n",
        "    name: \"Văn phòng Sở\"\n    home: true\n",
    )]);
    let problems = site.build_fails();
    let error = only_error(&problems);
    // The unit's `key:` line.
    assert_eq!((error.path.to_str(), error.line), (Some("config.yaml"), 15));
    assert!(error.message.contains("van-phong"), "{error}");
}

#[test]
fn the_events_block_lists_events_not_over_yet_soonest_first() {
    let site = Site::new();
    let event = |start: &str, end: &str| {
        format!("event:\n  start: {start}\n  end: {end}\n  location: \"Hội trường Sở\"\n")
    };
    // "Now" is 2025-11-25 12:00.
    site.article(
        "su-kien/da-qua.md",
        "Đã qua",
        "2025-11-01",
        &event("2025-11-20 08:00", "2025-11-20 11:00"),
        "x\n",
    );
    site.article(
        "su-kien/dang-dien-ra.md",
        "Đang diễn ra",
        "2025-11-02",
        &event("2025-11-25 08:00", "2025-11-25 17:00"),
        "x\n",
    );
    site.article(
        "su-kien/xa.md",
        "Còn xa",
        "2025-11-03",
        &event("2025-12-20 08:00", "2025-12-20 11:00"),
        "x\n",
    );
    site.article(
        "su-kien/gan.md",
        "Sắp tới",
        "2025-11-04",
        &event("2025-12-01 14:00", "2025-12-01 16:00"),
        "x\n",
    );
    site.article(
        "su-kien/hen-ngay.md",
        "Chưa đăng",
        "2025-12-01",
        &event("2025-12-05 08:00", "2025-12-05 11:00"),
        "x\n",
    );
    site.build();
    let home = site.html("index.html");
    assert_eq!(
        home.texts(".events h3"),
        ["Đang diễn ra", "Sắp tới", "Còn xa"],
        "an event under way is still to see; one not yet published is not listed"
    );
    assert_eq!(
        home.texts(".events .event-when")[1],
        "14:00, 01/12/2025 · Hội trường Sở"
    );
    assert_eq!(
        home.attrs(".events .more a", "href"),
        ["/cchc/su-kien/", "/cchc/su-kien.ics"]
    );
    assert!(site.exists("su-kien.ics"));

    // A site with no event at all has no events block.
    let plain = Site::new();
    plain.article("tin-tuc/a.md", "Bài A", "2025-11-20", "", "x\n");
    plain.build();
    assert_eq!(plain.html("index.html").count(".events"), 0);
}

#[test]
fn when_every_event_is_over_the_block_says_so() {
    let site = Site::new();
    site.article(
        "su-kien/da-qua.md",
        "Đã qua",
        "2025-11-01",
        "event:\n  start: 2025-11-20 08:00\n",
        "x\n",
    );
    site.build();
    let home = site.html("index.html");
    assert_eq!(home.count(".events h3"), 0);
    assert!(home
        .text(".events")
        .contains("Chưa có sự kiện nào sắp diễn ra"));
}
