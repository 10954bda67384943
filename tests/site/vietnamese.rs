//! Vietnamese first: language tag, dates, alphabetical order, NFC text and folded slugs.

use unicode_normalization::UnicodeNormalization;

use crate::support::Site;

#[test]
fn pages_declare_vietnamese() {
    let site = Site::new();
    site.article("tin-tuc/a.md", "A", "2025-09-01", "", "x\n");
    site.build();
    for page in [
        "index.html",
        "tin-tuc/a/index.html",
        "chu-de/index.html",
        "404.html",
    ] {
        assert_eq!(site.html(page).attr("html", "lang"), "vi", "{page}");
    }
}

#[test]
fn dates_are_written_the_vietnamese_way_on_articles_and_in_lists() {
    let site = Site::new();
    site.article("tin-tuc/a.md", "A", "2025-08-21 08:30", "", "x\n");
    site.build();
    let page = site.html("tin-tuc/a/index.html");
    assert_eq!(page.text(".meta time"), "ngày 21 tháng 8 năm 2025");
    assert_eq!(
        page.attr(".meta time", "datetime"),
        "2025-08-21T08:30:00+07:00"
    );
    assert_eq!(
        site.html("tin-tuc/index.html").text("main article time"),
        "21/08/2025"
    );
}

#[test]
fn topics_and_tags_are_listed_in_vietnamese_alphabetical_order() {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-09-01",
        "tags: [Zalo, Đối thoại, Dân vận, Ệ, Em, an]\n",
        "x\n",
    );
    site.build();
    let names: Vec<String> = site.html("the/index.html").texts("main li a");
    assert_eq!(names, ["an", "Dân vận", "Đối thoại", "Em", "Ệ", "Zalo"]);
    let topics = site.html("chu-de/index.html").texts("main li a");
    assert_eq!(
        topics,
        [
            "Chỉ số PAR INDEX",
            "Đề án 06/CP",
            "Nghị định số 118/2025/NĐ-CP"
        ],
        "Đ after every D…, before E"
    );
}

#[test]
fn a_decomposed_file_name_gives_the_same_url_as_a_composed_one() {
    let site = Site::new();
    let decomposed: String = "Hội nghị tập huấn.md".nfd().collect();
    site.article(
        &format!("tin-tuc/{decomposed}"),
        "Tập huấn",
        "2025-09-01",
        "",
        "x\n",
    );
    site.build();
    assert!(site.exists("tin-tuc/hoi-nghi-tap-huan/index.html"));
}

#[test]
fn decomposed_text_is_published_composed() {
    let site = Site::new();
    let title: String = "Nghị định số 118/2025/NĐ-CP".nfd().collect();
    let body: String = "Người dân được hướng dẫn tận tình.".nfd().collect();
    site.article(
        "tin-tuc/a.md",
        &title,
        "2025-09-01",
        "",
        &format!("{body}\n"),
    );
    site.build();
    let html = site.read("tin-tuc/a/index.html");
    assert!(
        unicode_normalization::is_nfc(&html),
        "every byte of the page is NFC"
    );
    let page = site.html("tin-tuc/a/index.html");
    assert_eq!(page.text("h1"), "Nghị định số 118/2025/NĐ-CP");
}

#[test]
fn slugs_fold_vietnamese_to_ascii() {
    let site = Site::new();
    site.article(
        "tin-tuc/x.md",
        "x",
        "2025-09-01",
        "slug: \"Nghị định số 118/2025/NĐ-CP\"\n",
        "x\n",
    );
    site.build();
    assert!(site.exists("tin-tuc/nghi-dinh-so-118-2025-nd-cp/index.html"));
}

#[test]
fn an_articles_topics_and_tags_are_shown_in_vietnamese_order() {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-09-01",
        "topics: [nghi-dinh-118, de-an-06, par-index]\ntags: [Zalo, đối thoại, dân vận]\n",
        "x\n",
    );
    site.build();
    let page = site.html("tin-tuc/a/index.html");
    assert_eq!(
        page.texts(".topics a"),
        [
            "Chỉ số PAR INDEX",
            "Đề án 06/CP",
            "Nghị định số 118/2025/NĐ-CP"
        ]
    );
    assert_eq!(page.texts(".tags a"), ["dân vận", "đối thoại", "Zalo"]);
}
