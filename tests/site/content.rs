//! What the officer writes becomes what readers see: Markdown, links, summaries, drafts, events.

use crate::support::{fold, xml_values, Site};

#[test]
fn headings_get_vietnamese_ids_and_a_table_of_contents() {
    let site = Site::new();
    let body = "Mở đầu.\n\n## Kết quả khảo sát\n\nA.\n\n### Chi tiết\n\nB.\n\n## Kết quả khảo sát\n\nC.\n\n## Mục tiêu {#muc-tieu-rieng}\n";
    site.article("tin-tuc/a.md", "A", "2025-09-01", "", body);
    site.build();
    let page = site.html("tin-tuc/a/index.html");
    assert_eq!(
        page.attrs(".content h2", "id"),
        ["ket-qua-khao-sat", "ket-qua-khao-sat-1", "muc-tieu-rieng"]
    );
    assert_eq!(page.attrs(".content h3", "id"), ["chi-tiet"]);
    assert_eq!(
        page.attrs(".toc a", "href"),
        [
            "#ket-qua-khao-sat",
            "#chi-tiet",
            "#ket-qua-khao-sat-1",
            "#muc-tieu-rieng"
        ]
    );
    assert_eq!(
        page.attrs(".toc > ol > li > ol a", "href"),
        ["#chi-tiet"],
        "h3 nests under its h2"
    );
}

#[test]
fn relative_md_links_become_page_urls_with_their_anchor() {
    let site = Site::new();
    site.article("tin-tuc/dich.md", "Đích", "2025-09-01", "slug: dich-moi\n", "## Mục tiêu\n\nx\n")
        .article("su-kien/hoi-nghi/index.md", "Hội nghị", "2025-09-01", "", "x\n")
        .article(
            "tin-tuc/nguon.md",
            "Nguồn",
            "2025-09-02",
            "",
            "[đích](dich.md#muc-tieu), [hội nghị](../su-kien/hoi-nghi/index.md), [mục](#cuoi), [web](https://dichvucong.gov.vn)\n\n## Cuối\n",
        );
    site.build();
    let page = site.html("tin-tuc/nguon/index.html");
    assert_eq!(
        page.attrs(".content a", "href"),
        [
            "/cchc/tin-tuc/dich-moi/#muc-tieu",
            "/cchc/su-kien/hoi-nghi/",
            "#cuoi",
            "https://dichvucong.gov.vn"
        ]
    );
}

#[test]
fn co_located_images_are_copied_beside_their_page() {
    let site = Site::new();
    site.article(
        "tin-tuc/hoi-nghi/index.md",
        "Hội nghị",
        "2025-09-01",
        "image: anh-bia.png\nimage_alt: \"Quang cảnh hội nghị\"\n",
        "![Đại biểu dự hội nghị](anh-hoi-truong.png)\n",
    );
    site.write_bytes("content/tin-tuc/hoi-nghi/anh-bia.png", b"\x89PNG bia");
    site.write_bytes(
        "content/tin-tuc/hoi-nghi/anh-hoi-truong.png",
        b"\x89PNG hoi truong",
    );
    site.build();
    let page = site.html("tin-tuc/hoi-nghi/index.html");
    assert_eq!(
        page.attr(".content img", "src"),
        "/cchc/tin-tuc/hoi-nghi/anh-hoi-truong.png"
    );
    assert_eq!(page.attr(".content img", "alt"), "Đại biểu dự hội nghị");
    assert_eq!(
        page.attr("article > img", "src"),
        "/cchc/tin-tuc/hoi-nghi/anh-bia.png"
    );
    assert_eq!(
        std::fs::read(site.output().join("tin-tuc/hoi-nghi/anh-hoi-truong.png")).unwrap(),
        b"\x89PNG hoi truong"
    );
}

#[test]
fn tables_footnotes_strikethrough_and_task_lists_are_rendered() {
    let site = Site::new();
    let body = "| Chỉ số | Điểm |\n|---|---|\n| SIPAS | 85 |\n\nCó chú thích[^1] và ~~chữ gạch~~.\n\n- [x] Xong\n- [ ] Chưa\n\n[^1]: Số liệu minh họa.\n";
    site.article("tin-tuc/a.md", "A", "2025-09-01", "", body);
    site.build();
    let page = site.html("tin-tuc/a/index.html");
    assert_eq!(page.texts(".content td"), ["SIPAS", "85"]);
    assert_eq!(page.texts(".content del"), ["chữ gạch"]);
    assert_eq!(page.count(".content input[type=checkbox][checked]"), 1);
    assert!(page
        .texts(".content .footnote-definition")
        .iter()
        .any(|t| t.contains("Số liệu minh họa")));
}

#[test]
fn the_summary_comes_from_front_matter_then_the_more_marker_then_the_first_paragraph() {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-09-03",
        "summary: \"Tóm tắt riêng.\"\n",
        "Đoạn đầu A.\n",
    )
    .article(
        "tin-tuc/b.md",
        "B",
        "2025-09-02",
        "",
        "Đoạn một B.\n\nĐoạn hai B.\n\n<!-- more -->\n\nPhần sau.\n",
    )
    .article(
        "tin-tuc/c.md",
        "C",
        "2025-09-01",
        "",
        "## Tiêu đề\n\nĐoạn đầu C.\n\nĐoạn sau C.\n",
    );
    site.build();
    let list = site.html("tin-tuc/index.html");
    assert_eq!(
        list.texts("main .summary"),
        ["Tóm tắt riêng.", "Đoạn một B. Đoạn hai B.", "Đoạn đầu C."]
    );
    let page = site.html("tin-tuc/c/index.html");
    assert_eq!(
        page.attr("meta[name=description]", "content"),
        "Đoạn đầu C."
    );
    assert!(
        !site.read("tin-tuc/b/index.html").contains("more -->"),
        "the marker is not published"
    );
}

#[test]
fn drafts_and_future_articles_are_left_out_of_every_list_feed_and_the_sitemap() {
    let site = Site::new();
    site.article(
        "tin-tuc/da-dang.md",
        "Đã đăng",
        "2025-09-01",
        "topics: [de-an-06]\n",
        "x\n",
    )
    .article(
        "tin-tuc/nhap.md",
        "Bản nháp",
        "2025-09-02",
        "draft: true\ntopics: [de-an-06]\n",
        "x\n",
    )
    .article(
        "tin-tuc/hen-ngay.md",
        "Hẹn ngày",
        "2025-12-01",
        "topics: [de-an-06]\n",
        "x\n",
    );
    site.build();
    assert!(!site.exists("tin-tuc/nhap/index.html"));
    assert!(!site.exists("tin-tuc/hen-ngay/index.html"));
    for (list, titles) in [
        ("index.html", ".latest h3"),
        ("tin-tuc/index.html", "main article h2"),
        ("chu-de/de-an-06/index.html", "main article h2"),
    ] {
        assert_eq!(site.html(list).texts(titles), ["Đã đăng"], "{list}");
    }
    assert_eq!(
        xml_values(&site.read("rss.xml"), "rss/channel/item/title"),
        ["Đã đăng"]
    );
    assert!(!site.read("sitemap.xml").contains("nhap"));
    assert_eq!(
        site.html("chu-de/index.html").texts("main li")[1],
        "Đề án 06/CP (1 bài)"
    );
}

#[test]
fn drafts_and_future_articles_are_published_with_the_drafts_flag() {
    let mut site = Site::new();
    site.article(
        "tin-tuc/nhap.md",
        "Bản nháp",
        "2025-09-02",
        "draft: true\n",
        "x\n",
    )
    .article("tin-tuc/hen-ngay.md", "Hẹn ngày", "2025-12-01", "", "x\n");
    site.drafts = true;
    site.build();
    assert_eq!(
        site.html("tin-tuc/index.html").texts("main article h2"),
        ["Hẹn ngày", "Bản nháp"]
    );
}

#[test]
fn an_event_shows_its_time_place_and_participants() {
    let site = Site::new();
    let front = "event:\n  start: 2025-10-10 08:00\n  end: 2025-10-10 11:30\n  location: \"Hội trường Sở Tư pháp\"\n  participants: 120\nchannels: [zalo]\n";
    site.article(
        "su-kien/ngay-phap-luat.md",
        "Ngày Pháp luật tháng 10",
        "2025-10-01",
        front,
        "x\n",
    );
    site.build();
    let page = site.html("su-kien/ngay-phap-luat/index.html");
    assert_eq!(
        page.texts(".event dd"),
        [
            "08:00 ngày 10 tháng 10 năm 2025 – 11:30",
            "Hội trường Sở Tư pháp",
            "120"
        ]
    );
    assert!(page.text(".meta").contains("Trang Zalo của Sở"));
}

#[test]
fn previous_and_next_stay_within_the_section() {
    let site = Site::new();
    site.article("tin-tuc/cu.md", "Cũ", "2025-09-01", "", "x\n")
        .article("tin-tuc/giua.md", "Giữa", "2025-09-02", "", "x\n")
        .article("tin-tuc/moi.md", "Mới", "2025-09-03", "", "x\n")
        .article("su-kien/khac.md", "Khác", "2025-09-02", "", "x\n");
    site.build();
    let page = site.html("tin-tuc/giua/index.html");
    assert_eq!(page.texts(".neighbours a"), ["Cũ", "Mới"]);
    assert_eq!(site.html("su-kien/khac/index.html").count(".neighbours"), 0);
}

#[test]
fn a_site_theme_overrides_templates_file_by_file_and_pages_can_pick_a_template() {
    let site = Site::new();
    site.config_plus("theme: rieng\n")
        .write(
            "themes/rieng/templates/page.html",
            "{% extends \"base.html\" %}{% block content %}<h1 class=\"rieng\">{{ page.title }}</h1><p class=\"extra\">{{ page.extra.mau }}</p>{% endblock content %}",
        )
        .write("themes/rieng/templates/gioi-thieu.html", "{% extends \"base.html\" %}{% block content %}<h1>Mẫu riêng: {{ page.title }}</h1>{% endblock content %}")
        .write("themes/rieng/static/logo.svg", "<svg/>")
        .article("tin-tuc/a.md", "A", "2025-09-01", "extra:\n  mau: xanh\n", "x\n")
        .page("gioi-thieu.md", "Giới thiệu", "template: gioi-thieu.html\n", "");
    site.build();
    let page = site.html("tin-tuc/a/index.html");
    assert_eq!(page.text("h1.rieng"), "A");
    assert_eq!(page.text(".extra"), "xanh");
    assert_eq!(
        page.text(".site-title"),
        "Tuyên truyền CCHC",
        "base.html still comes from the built-in theme"
    );
    assert_eq!(
        site.html("gioi-thieu/index.html").text("h1"),
        "Mẫu riêng: Giới thiệu"
    );
    assert!(site.exists("logo.svg") && site.exists("style.css"));
}

#[test]
fn a_once_part_of_the_theme_shows_on_every_page_with_the_sites_counts() {
    let site = Site::new();
    site.config_plus("theme: rieng\n")
        .write(
            "themes/rieng/templates/once/footer.html",
            "<footer class=\"rieng\">{{ site.title }}: {% for t in site.topics %}{% if t.count > 0 %}{{ t.name }} {{ t.count }}{% endif %}{% endfor %}</footer>",
        )
        .article("tin-tuc/a.md", "A", "2025-09-01", "topics: [de-an-06]\n", "x\n")
        .article("tin-tuc/b.md", "B", "2025-09-02", "topics: [de-an-06]\n", "x\n");
    site.build();
    let pages = [
        "index.html",
        "tin-tuc/a/index.html",
        "tin-tuc/index.html",
        "chu-de/de-an-06/index.html",
        "chu-de/index.html",
        "404.html",
    ];
    for out in pages {
        let page = site.html(out);
        assert_eq!(
            page.texts("footer"),
            ["Tuyên truyền CCHC: Đề án 06/CP 2"],
            "{out}"
        );
    }
    // The built-in sidebar, also made once, still lists the topic.
    let sidebar = site.html("tin-tuc/a/index.html").texts(".topic-nav li");
    assert_eq!(sidebar, ["Đề án 06/CP 2"]);
}

#[test]
fn a_card_part_of_the_theme_is_each_articles_card_wherever_cards_are_shown() {
    let site = Site::new();
    let part =
        "<article class=\"the\"><h2>{{ article.title }}</h2><p>{{ site.title }}</p></article>\n";
    // Its own page shows its related articles with the part too, and the home page its
    // latest articles and a topic's block.
    let page = "{% extends \"base.html\" %}{% block content %}<div class=\"lq\">{% for r in page.related %}{{ r.parts.card }}{% endfor %}</div>{% endblock content %}";
    let home = "{% extends \"base.html\" %}{% block content %}<div class=\"moi\">{% for a in home.latest %}{{ a.parts.card }}{% endfor %}</div><div class=\"khoi\">{% for b in home.topics %}{% for a in b.articles %}{{ a.parts.card }}{% endfor %}{% endfor %}</div>{% endblock content %}";
    let config = crate::support::CONFIG.replace(
        "    description: \"Dữ liệu dân cư\"\n",
        "    description: \"Dữ liệu dân cư\"\n    home: true\n",
    );
    site.write("config.yaml", &format!("{config}theme: rieng\n"))
        .write("themes/rieng/templates/card/card.html", part)
        .write("themes/rieng/templates/page.html", page)
        .write("themes/rieng/templates/index.html", home)
        .article(
            "tin-tuc/a.md",
            "A <1>",
            "2025-09-01",
            "topics: [de-an-06]\n",
            "x\n",
        )
        .article(
            "tin-tuc/b.md",
            "B & 2",
            "2025-09-02",
            "topics: [de-an-06]\n",
            "x\n",
        );
    site.build();
    // Lists show each card as the part made it, escaped once.
    for out in ["tin-tuc/index.html", "chu-de/de-an-06/index.html"] {
        let list = site.html(out);
        assert_eq!(list.texts(".the h2"), ["B & 2", "A <1>"], "{out}");
        assert_eq!(list.texts(".the p"), ["Tuyên truyền CCHC"; 2], "{out}");
        assert!(
            list.texts(".card").is_empty(),
            "{out}: the built-in card is replaced"
        );
    }
    assert_eq!(
        site.html("tin-tuc/a/index.html").texts(".lq .the h2"),
        ["B & 2"]
    );
    let home = site.html("index.html");
    assert_eq!(home.texts(".moi .the h2"), ["B & 2", "A <1>"]);
    assert_eq!(home.texts(".khoi .the h2"), ["B & 2", "A <1>"]);
}

#[test]
fn static_files_are_copied_as_they_are() {
    let site = Site::new();
    site.write("static/van-ban/ke-hoach.pdf", "%PDF-1.4")
        .write("static/.DS_Store", "x");
    site.build();
    assert_eq!(site.read("van-ban/ke-hoach.pdf"), "%PDF-1.4");
    assert!(!site.exists(".DS_Store"));
}

#[test]
fn the_home_page_lists_the_latest_articles_with_summaries() {
    let site = Site::new();
    site.page("_index.md", "Trang chủ CCHC", "", "Lời giới thiệu.\n");
    for day in 1..=3 {
        site.article(
            &format!("tin-tuc/{day}.md"),
            &format!("Bài {day}"),
            &format!("2025-09-0{day}"),
            "",
            &format!("Tóm tắt {day}.\n"),
        );
    }
    site.build();
    let home = site.html("index.html");
    assert_eq!(home.text("h1"), "Trang chủ CCHC");
    assert_eq!(home.texts(".latest h3"), ["Bài 3", "Bài 2", "Bài 1"]);
    assert_eq!(fold(&home.texts(".latest .summary")[0]), "Tóm tắt 3.");
    assert_eq!(home.count("main"), 1);
}

#[test]
fn an_empty_summary_falls_back_to_the_first_paragraph() {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-09-01",
        "summary: \"\"\n",
        "Đoạn đầu.\n\nĐoạn sau.\n",
    );
    site.build();
    assert_eq!(
        site.html("tin-tuc/index.html").texts("main .summary"),
        ["Đoạn đầu."]
    );
    assert_eq!(
        site.html("tin-tuc/a/index.html")
            .attr("meta[name=description]", "content"),
        "Đoạn đầu."
    );
}

#[test]
fn a_link_to_a_section_index_leads_to_the_section_list() {
    let site = Site::new();
    site.page("su-kien/_index.md", "Sự kiện", "", "");
    site.page("_index.md", "Trang chủ", "", "");
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-09-01",
        "",
        "[sự kiện](../su-kien/_index.md), [trang chủ](../_index.md)\n",
    );
    site.build();
    assert_eq!(
        site.html("tin-tuc/a/index.html")
            .attrs(".content a", "href"),
        ["/cchc/su-kien/", "/cchc/"]
    );
}

#[test]
fn table_alignment_survives_on_a_page_with_raw_html() {
    let site = Site::new();
    let body = "<span title=\"x\">Dán</span>\n\n| Chỉ số | Điểm |\n|:---|---:|\n| SIPAS | 85 |\n";
    site.article("tin-tuc/a.md", "A", "2025-09-01", "", body);
    site.build();
    let page = site.html("tin-tuc/a/index.html");
    assert_eq!(
        page.attrs(".content td", "style"),
        ["text-align: left", "text-align: right"]
    );
}

#[test]
fn a_section_index_passes_its_extra_map_to_the_list_template() {
    let site = Site::new();
    site.config_plus("theme: rieng\n")
        .write(
            "themes/rieng/templates/section.html",
            "<main><p class=\"mau\">{{ list.extra.mau }}</p></main>",
        )
        .page("tin-tuc/_index.md", "Tin tức", "extra:\n  mau: xanh\n", "");
    site.build();
    assert_eq!(site.html("tin-tuc/index.html").text(".mau"), "xanh");
}

#[test]
fn tags_on_a_standalone_page_get_a_tag_page_too() {
    let site = Site::new();
    site.page(
        "gioi-thieu.md",
        "Giới thiệu",
        "tags: [Giới thiệu chung]\n",
        "x\n",
    );
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-09-01",
        "tags: [một cửa]\n",
        "x\n",
    );
    site.build();
    assert_eq!(
        site.html("the/gioi-thieu-chung/index.html")
            .texts("main article h2"),
        ["Giới thiệu"]
    );
    assert_eq!(
        site.html("gioi-thieu/index.html").attrs(".tags a", "href"),
        ["/cchc/the/gioi-thieu-chung/"]
    );
}

#[test]
fn headings_named_like_parts_of_the_theme_do_not_repeat_an_id() {
    let site = Site::new();
    let body = "## Nội dung\n\nA.\n\n## Mục lục\n\nB.\n\n## Tin mới\n\nC.\n";
    site.article("tin-tuc/a.md", "A", "2025-09-01", "", body);
    site.page("_index.md", "Trang chủ", "", "## Tin mới\n");
    site.build();
    for page in ["tin-tuc/a/index.html", "index.html"] {
        let ids = site.html(page).attrs("[id]", "id");
        let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{page}: {ids:?}");
    }
}
