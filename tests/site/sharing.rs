//! How pages look when shared on Facebook and Zalo, and what search engines read: Open Graph,
//! Dublin Core and schema.org NewsArticle data.

use crate::support::{Page, Site};

fn meta(page: &Page, property: &str) -> String {
    let by_property = page.attrs(&format!("meta[property=\"{property}\"]"), "content");
    let by_name = page.attrs(&format!("meta[name=\"{property}\"]"), "content");
    let all: Vec<String> = by_property.into_iter().chain(by_name).collect();
    assert_eq!(all.len(), 1, "expected one {property}, found {all:?}");
    all[0].clone()
}

fn json_ld(page: &Page) -> serde_json::Value {
    let scripts: Vec<String> = page
        .0
        .select(&scraper::Selector::parse("script[type=\"application/ld+json\"]").unwrap())
        .map(|s| s.text().collect())
        .collect();
    assert_eq!(scripts.len(), 1, "{scripts:?}");
    serde_json::from_str(&scripts[0]).expect("valid JSON-LD")
}

#[test]
fn an_article_carries_open_graph_dublin_core_and_news_article_data() {
    let site = Site::new();
    site.article(
        "tin-tuc/tap-huan.md",
        "Tập huấn Nghị định 118",
        "2025-09-26 07:30",
        "summary: \"Công chức một cửa được hướng dẫn quy trình mới.\"\n",
        "x\n",
    );
    site.build();
    let page = site.html("tin-tuc/tap-huan/index.html");
    let url = "https://stp.angiang.gov.vn/cchc/tin-tuc/tap-huan/";
    assert_eq!(meta(&page, "og:type"), "article");
    assert_eq!(meta(&page, "og:title"), "Tập huấn Nghị định 118");
    assert_eq!(
        meta(&page, "og:description"),
        "Công chức một cửa được hướng dẫn quy trình mới."
    );
    assert_eq!(meta(&page, "og:url"), url);
    assert_eq!(meta(&page, "og:locale"), "vi_VN");
    assert_eq!(
        meta(&page, "og:image"),
        "https://stp.angiang.gov.vn/cchc/anh-chia-se.png"
    );
    assert_eq!(
        (
            meta(&page, "og:image:width"),
            meta(&page, "og:image:height")
        ),
        ("1200".into(), "630".into())
    );
    assert_eq!(
        meta(&page, "article:published_time"),
        "2025-09-26T07:30:00+07:00"
    );
    assert_eq!(meta(&page, "DC.title"), "Tập huấn Nghị định 118");
    assert_eq!(meta(&page, "DC.creator"), "Sở Tư pháp tỉnh An Giang");
    assert_eq!(meta(&page, "DC.publisher"), "Sở Tư pháp tỉnh An Giang");
    assert_eq!(meta(&page, "DC.date"), "2025-09-26T07:30:00+07:00");
    assert_eq!(meta(&page, "DC.identifier"), url);
    assert_eq!(meta(&page, "DC.language"), "vi");
    let data = json_ld(&page);
    assert_eq!(data["@type"], "NewsArticle");
    assert_eq!(data["headline"], "Tập huấn Nghị định 118");
    assert_eq!(data["datePublished"], "2025-09-26T07:30:00+07:00");
    assert_eq!(data["publisher"]["@type"], "GovernmentOrganization");
    assert_eq!(data["publisher"]["name"], "Sở Tư pháp tỉnh An Giang");
    assert_eq!(data["mainEntityOfPage"], url);
}

#[test]
fn no_title_can_break_out_of_the_json_ld_block() {
    let site = Site::new();
    let title = "Hỏi & đáp </script><script>alert(1)</script>";
    site.article("tin-tuc/a.md", title, "2025-09-01", "", "x\n");
    site.build();
    let page = site.html("tin-tuc/a/index.html");
    assert_eq!(
        page.count("script:not([type=\"application/ld+json\"]):not([src$=\"/chia-se.js\"])"),
        0
    );
    assert_eq!(json_ld(&page)["headline"], title);
    assert_eq!(page.text("h1"), title);
}

#[test]
fn an_articles_own_image_is_what_shares_show() {
    let site = Site::new();
    site.article(
        "tin-tuc/hoi-nghi/index.md",
        "Hội nghị",
        "2025-09-01",
        "image: anh.png\nimage_alt: \"Hội trường\"\n",
        "x\n",
    );
    site.write_bytes("content/tin-tuc/hoi-nghi/anh.png", b"\x89PNG");
    site.build();
    let page = site.html("tin-tuc/hoi-nghi/index.html");
    assert_eq!(
        meta(&page, "og:image"),
        "https://stp.angiang.gov.vn/cchc/tin-tuc/hoi-nghi/anh.png"
    );
    assert_eq!(meta(&page, "og:image:alt"), "Hội trường");
    assert!(
        page.attrs("meta[property=\"og:image:width\"]", "content")
            .is_empty(),
        "its size is not known"
    );
}

#[test]
fn lists_are_shared_as_websites_with_the_default_image() {
    let site = Site::new();
    site.article("tin-tuc/a.md", "A", "2025-09-01", "", "x\n");
    site.build();
    for list in ["index.html", "tin-tuc/index.html", "chu-de/index.html"] {
        let page = site.html(list);
        assert_eq!(meta(&page, "og:type"), "website", "{list}");
        // Only the home page carries data: who publishes the site, not an article.
        let data = page.texts("script[type=\"application/ld+json\"]");
        assert_eq!(data.len(), usize::from(list == "index.html"), "{list}");
        assert!(
            data.iter()
                .all(|d| d.contains("\"GovernmentOrganization\"") && !d.contains("NewsArticle")),
            "{list}: {data:?}"
        );
    }
    let png = std::fs::read(site.output().join("anh-chia-se.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let size = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    assert_eq!(
        (size(16), size(20)),
        (1200, 630),
        "the default share image is 1200×630"
    );
}

#[test]
fn check_warns_about_articles_without_a_share_worthy_image() {
    let site = Site::new();
    site.article("tin-tuc/khong-anh.md", "Không ảnh", "2025-10-01", "", "x\n")
        .article(
            "tin-tuc/anh-nho/index.md",
            "Ảnh nhỏ",
            "2025-10-02",
            "image: nho.jpg\nimage_alt: Ảnh\n",
            "x\n",
        )
        .article(
            "tin-tuc/anh-lon/index.md",
            "Ảnh lớn",
            "2025-10-03",
            "image: lon.jpg\nimage_alt: Ảnh\n",
            "x\n",
        )
        .article(
            "tin-tuc/anh-svg/index.md",
            "Ảnh SVG",
            "2025-10-04",
            "image: so-do.svg\nimage_alt: Ảnh\n",
            "x\n",
        );
    site.write_bytes(
        "content/tin-tuc/anh-nho/nho.jpg",
        &crate::support::photo(800, 600),
    )
    .write_bytes(
        "content/tin-tuc/anh-lon/lon.jpg",
        &crate::support::photo(1600, 900),
    )
    .write(
        "content/tin-tuc/anh-svg/so-do.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>",
    );
    let checked = crate::support::check(&site.options()).expect("warnings only");
    let warned: Vec<(String, usize, &str)> = checked
        .warnings
        .iter()
        .filter(|w| w.hint.as_deref().is_some_and(|h| h.contains("1200")))
        .map(|w| {
            (
                w.path.to_string_lossy().replace('\\', "/"),
                w.line,
                w.message.as_str(),
            )
        })
        .collect();
    let files: Vec<&str> = warned.iter().map(|(f, _, _)| f.as_str()).collect();
    assert_eq!(
        files,
        [
            "content/tin-tuc/anh-nho/index.md",
            "content/tin-tuc/anh-svg/index.md",
            "content/tin-tuc/khong-anh.md"
        ],
        "{warned:?}"
    );
    assert!(warned[0].2.contains("800×600"), "{warned:?}");
    assert_eq!(warned[0].1, 4, "the image: line");
    assert!(warned[1].2.contains("SVG"), "{warned:?}");
    assert_eq!(warned[2].1, 2, "the title line, as there is no image: line");
    // A build does not repeat the advice.
    assert!(site.build().warnings.is_empty());
}

#[test]
fn an_article_offers_facebook_and_zalo_sharing_without_any_outside_script() {
    let site = Site::new();
    site.article(
        "tin-tuc/hoi-dap.md",
        "Hỏi & đáp về một cửa",
        "2025-10-01",
        "topics: [nghi-dinh-118, de-an-06]\n",
        "Nội dung.\n",
    )
    .page("gioi-thieu.md", "Giới thiệu", "", "x\n");
    site.build();
    let page = site.html("tin-tuc/hoi-dap/index.html");
    let permalink = "https://stp.angiang.gov.vn/cchc/tin-tuc/hoi-dap/";
    let facebook = url::Url::parse(&page.attr(".share a.share-facebook", "href")).unwrap();
    assert_eq!(facebook.host_str(), Some("www.facebook.com"));
    let shared: Vec<(String, String)> = facebook.query_pairs().into_owned().collect();
    assert_eq!(shared, [("u".to_string(), permalink.to_string())]);
    // The Zalo and copy buttons need the small script, so they stay hidden without it.
    assert_eq!(page.count(".share button.share-zalo[hidden]"), 1);
    assert_eq!(page.count(".share button.share-copy[hidden]"), 1);
    assert_eq!(page.attr(".share", "data-url"), permalink);
    assert_eq!(page.attr(".share", "data-title"), "Hỏi & đáp về một cửa");
    let scripts = page.attrs("script[src]", "src");
    assert_eq!(scripts, ["/cchc/chia-se.js"], "no script from another site");
    assert!(site.read("chia-se.js").contains("navigator.share"));
    // A standalone page is not an article to share.
    assert_eq!(site.html("gioi-thieu/index.html").count(".share"), 0);
}

fn loa_share(site: &Site, file: &str) -> std::process::Output {
    site.run(&["share", file])
}

#[test]
fn loa_share_prints_a_post_ready_to_paste() {
    let site = Site::new();
    site.config_with(&[(
        "    name: \"Chỉ số PAR INDEX\"\n",
        "    name: \"Chỉ số PAR INDEX\"\n    hashtag: PARINDEX\n",
    )]);
    let long = "Câu thứ ba rất dài để không vừa. ".repeat(20);
    site.article(
        "tin-tuc/mot-cua.md",
        "Một cửa theo Nghị định 118",
        "2025-10-01",
        "topics: [nghi-dinh-118, par-index]\n",
        &format!("Sở Tư pháp tập huấn quy trình mới. Hồ sơ được nhận trực tuyến. {long}\n"),
    )
    .article(
        "tin-tuc/nhap.md",
        "Nháp",
        "2025-10-02",
        "draft: true\n",
        "x\n",
    );
    let out = loa_share(&site, "content/tin-tuc/mot-cua.md");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let post = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        post,
        "Một cửa theo Nghị định 118\n\nSở Tư pháp tập huấn quy trình mới. Hồ sơ được nhận trực tuyến.\n\n👉 Xem chi tiết: https://stp.angiang.gov.vn/cchc/tin-tuc/mot-cua/\n\n#NghiDinh118 #PARINDEX\n"
    );
    assert!(post.chars().count() <= loa::share::POST_MAX);
    // The file may also be named from the site's folder, whatever the current folder is.
    let absolute = site.root().join("content/tin-tuc/mot-cua.md");
    let again = loa_share(&site, absolute.to_str().unwrap());
    assert_eq!(String::from_utf8(again.stdout).unwrap(), post);
    // A draft has no address yet: sharing it would spread a broken link.
    let draft = loa_share(&site, "content/tin-tuc/nhap.md");
    assert_eq!(draft.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&draft.stderr);
    assert!(
        stderr.contains("content/tin-tuc/nhap.md: lỗi: bài này chưa đăng"),
        "{stderr}"
    );
    let missing = loa_share(&site, "content/tin-tuc/khong-co.md");
    assert!(String::from_utf8_lossy(&missing.stderr).contains("không tìm thấy tệp"));
}
