//! Legal citations: numbers of the documents in `data/van-ban.yaml` become links in articles,
//! each document gets a page listing the articles citing it, and unknown or misspelled
//! numbers are warnings placed where they are written.

use std::time::{Duration, Instant};

use unicode_normalization::UnicodeNormalization;

use crate::support::{only_error, show, xml_values, Site, NOW};

const TABLE: &str = r#"# Văn bản được nhắc đến
- number: "118/2025/NĐ-CP"
  title: "Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông"
  issuer: "Chính phủ"
  date: 2025-06-09
  url: "https://vanban.chinhphu.vn/"

- number: "66/NQ-CP"
  title: "Nghị quyết về Chương trình cắt giảm, đơn giản hóa thủ tục hành chính"
  date: 2025-03-26
  url: "https://vanban.chinhphu.vn/"

- number: "57-NQ/TW"
  title: "Nghị quyết về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
  issuer: "Bộ Chính trị"
  date: 2024-12-22
  url: "https://tulieuvankien.dangcongsan.vn/"
"#;

const DECREE_PAGE: &str = "van-ban/118-2025-nd-cp/index.html";
const DECREE_URL: &str = "/cchc/van-ban/118-2025-nd-cp/";

fn site_with_table() -> Site {
    let site = Site::new();
    site.write("data/van-ban.yaml", TABLE);
    site
}

/// The links of an article's text that lead to a document page: (text, href).
fn document_links(site: &Site, out: &str) -> Vec<(String, String)> {
    let page = site.html(out);
    let css = ".content a[href*='/van-ban/']";
    page.texts(css)
        .into_iter()
        .zip(page.attrs(css, "href"))
        .collect()
}

#[test]
fn a_mention_of_a_known_document_becomes_a_link_to_its_page() {
    let site = site_with_table();
    site.article(
        "tin-tuc/a.md",
        "Tập huấn một cửa",
        "2025-09-01",
        "",
        "Thực hiện Nghị định số 118/2025/NĐ-CP ngày 9/6/2025 của Chính phủ, Sở mở lớp tập huấn.\n\n\
         Chương trình cắt giảm thủ tục theo 66/NQ-CP và Nghị quyết 57-NQ/TW.\n",
    );
    let rendered = site.build();
    assert!(rendered.warnings.is_empty(), "{}", show(&rendered.warnings));
    assert_eq!(
        document_links(&site, "tin-tuc/a/index.html"),
        [
            (
                "Nghị định số 118/2025/NĐ-CP".to_string(),
                DECREE_URL.to_string()
            ),
            (
                "66/NQ-CP".to_string(),
                "/cchc/van-ban/66-nq-cp/".to_string()
            ),
            (
                "Nghị quyết 57-NQ/TW".to_string(),
                "/cchc/van-ban/57-nq-tw/".to_string()
            ),
        ]
    );
    let article = site.html("tin-tuc/a/index.html");
    // The reader sees the document's name when pointing at the link.
    assert_eq!(
        article.attr(&format!(".content a[href='{DECREE_URL}']"), "title"),
        "Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông"
    );
    // The sentence reads as written around the link.
    assert!(article.texts(".content p")[0]
        .starts_with("Thực hiện Nghị định số 118/2025/NĐ-CP ngày 9/6/2025 của Chính phủ, Sở mở"));
    // The article lists what it cites.
    assert_eq!(
        article.texts(".documents-cited li a"),
        ["118/2025/NĐ-CP", "66/NQ-CP", "57-NQ/TW"]
    );

    let doc = site.html(DECREE_PAGE);
    assert_eq!(
        doc.text("main h1"),
        "Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông"
    );
    assert_eq!(
        doc.texts(".document-facts dd"),
        ["118/2025/NĐ-CP", "Chính phủ", "ngày 9 tháng 6 năm 2025"]
    );
    assert_eq!(
        doc.attr(".document-source a", "href"),
        "https://vanban.chinhphu.vn/"
    );
    assert_eq!(doc.texts("main .card h2"), ["Tập huấn một cửa"]);
    assert_eq!(doc.text("title"), "118/2025/NĐ-CP – Tuyên truyền CCHC");
}

#[test]
fn numbers_in_code_links_headings_and_raw_html_are_left_as_written() {
    let site = site_with_table();
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-09-01",
        "",
        "## Nghị định 118/2025/NĐ-CP\n\n\
         Viết số hiệu dạng `118/2025/NĐ-CP`.\n\n\
         ```\nNghị định số 118/2025/NĐ-CP\n```\n\n\
         Xem [toàn văn Nghị định 118/2025/NĐ-CP](https://vanban.chinhphu.vn/) hoặc \
         <a href=\"https://vbpl.vn/\">Nghị quyết 66/NQ-CP</a>.\n\n\
         Còn đây là một lần nhắc thường: 118/2025/NĐ-CP.\n",
    );
    let rendered = site.build();
    assert!(rendered.warnings.is_empty(), "{}", show(&rendered.warnings));
    let page = site.html("tin-tuc/a/index.html");
    // The heading keeps its anchor and gets no link.
    assert_eq!(page.attr(".content h2", "id"), "nghi-dinh-118-2025-nd-cp");
    assert_eq!(page.count(".content h2 a"), 0);
    assert_eq!(page.count(".content code a, .content pre a"), 0);
    // The officer's own links are kept, never nested.
    assert_eq!(page.count(".content a a"), 0);
    assert_eq!(
        page.attrs(".content a", "href"),
        [
            "https://vanban.chinhphu.vn/",
            "https://vbpl.vn/",
            DECREE_URL
        ]
    );
    assert_eq!(
        document_links(&site, "tin-tuc/a/index.html"),
        [("118/2025/NĐ-CP".to_string(), DECREE_URL.to_string())]
    );
}

#[test]
fn a_document_page_lists_the_articles_citing_it_newest_first() {
    let site = site_with_table();
    site.article(
        "tin-tuc/cu.md",
        "Bài cũ",
        "2025-07-01",
        "",
        "Theo Nghị định số 118/2025/NĐ-CP.\n",
    )
    .article(
        "tin-tuc/moi.md",
        "Bài mới",
        "2025-10-01",
        "",
        "Nhắc lại 118/2025/NĐ-CP, hai lần: 118/2025/NĐ-CP.\n",
    )
    .article(
        "tin-tuc/tieu-de.md",
        "Hỏi đáp về Nghị định 118/2025/NĐ-CP",
        "2025-08-01",
        "",
        "Chỉ tiêu đề nhắc văn bản.\n",
    )
    .article(
        "tin-tuc/khac.md",
        "Bài không nhắc",
        "2025-09-01",
        "",
        "Không có văn bản nào.\n",
    )
    .article(
        "tin-tuc/nhap.md",
        "Bài nháp",
        "2025-09-02",
        "draft: true\n",
        "Nghị định số 118/2025/NĐ-CP.\n",
    );
    site.build();
    let doc = site.html(DECREE_PAGE);
    assert_eq!(
        doc.texts("main .card h2"),
        ["Bài mới", "Hỏi đáp về Nghị định 118/2025/NĐ-CP", "Bài cũ"]
    );
    // A document nobody cites still has its page.
    let uncited = site.html("van-ban/66-nq-cp/index.html");
    assert_eq!(uncited.count("main .card"), 0);
    assert!(uncited.text("main .citing").contains("Chưa có bài viết."));

    let list = site.html("van-ban/index.html");
    assert_eq!(list.text("main h1"), "Văn bản");
    assert_eq!(
        list.texts(".document-list li a"),
        ["118/2025/NĐ-CP", "66/NQ-CP", "57-NQ/TW"],
        "newest document first"
    );
    assert!(list.texts(".document-list li")[0].contains("3 bài"));
    assert_eq!(
        list.attrs(".document-list li a", "href")[1],
        "/cchc/van-ban/66-nq-cp/"
    );
    // Every page leads to the list.
    let home = site.html("index.html");
    assert_eq!(
        home.attrs("footer a[href='/cchc/van-ban/']", "href").len(),
        1
    );
}

#[test]
fn decomposed_text_is_linked_like_composed_text() {
    let site = site_with_table();
    let text = "---\ntitle: \"Bài gõ trên máy Mac\"\ndate: 2025-09-01\n---\nThực hiện Nghị định số 118/2025/NĐ-CP của Chính phủ.\n";
    let decomposed: String = text.nfd().collect();
    assert_ne!(decomposed, text);
    site.write("content/tin-tuc/mac.md", &decomposed);
    site.build();
    assert_eq!(
        document_links(&site, "tin-tuc/mac/index.html"),
        [(
            "Nghị định số 118/2025/NĐ-CP".to_string(),
            DECREE_URL.to_string()
        )]
    );
}

#[test]
fn an_unknown_number_is_a_warning_at_its_place_and_gets_no_link() {
    let site = site_with_table();
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-09-01",
        "",
        "Mở đầu.\n\nTheo Quyết định số 06/QĐ-TTg, và Nghị định 118/2024/NĐ-CP.\n",
    );
    let rendered = site.build();
    let warnings: Vec<(String, usize, usize)> = rendered
        .warnings
        .iter()
        .map(|w| (w.path.display().to_string(), w.line, w.col))
        .collect();
    // Body line 3 is file line 7; "Theo Quyết định số " is 19 characters.
    assert_eq!(
        warnings,
        [
            ("content/tin-tuc/a.md".to_string(), 7, 20),
            ("content/tin-tuc/a.md".to_string(), 7, 44)
        ],
        "{}",
        show(&rendered.warnings)
    );
    assert!(rendered.warnings[0].message.contains("06/QĐ-TTg"));
    assert!(rendered.warnings[0]
        .hint
        .as_deref()
        .unwrap()
        .contains("data/van-ban.yaml"));
    // Another year of a known number: the known one is suggested, nothing is guessed.
    assert!(rendered.warnings[1]
        .hint
        .as_deref()
        .unwrap()
        .contains("118/2025/NĐ-CP"));
    assert_eq!(document_links(&site, "tin-tuc/a/index.html"), []);
    assert_eq!(site.html("tin-tuc/a/index.html").count(".content a"), 0);
}

#[test]
fn a_misspelled_number_is_flagged_with_the_corrected_form() {
    let site = site_with_table();
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-09-01",
        "",
        "Nghị định số 118/2025/ND-CP.\nNghị quyết 66/nq-cp.\nNghị quyết 57/NQ-TW.\nNghị định 118/NĐ-CP.\n",
    );
    let rendered = site.build();
    let found: Vec<(usize, String)> = rendered
        .warnings
        .iter()
        .map(|w| (w.line, w.hint.clone().unwrap_or_default()))
        .collect();
    let expected = [
        (5, "118/2025/NĐ-CP"),
        (6, "66/NQ-CP"),
        (7, "57-NQ/TW"),
        (8, "118/2025/NĐ-CP"),
    ];
    assert_eq!(found.len(), expected.len(), "{}", show(&rendered.warnings));
    for ((line, hint), (want_line, fix)) in found.iter().zip(expected) {
        assert_eq!(*line, want_line);
        assert!(hint.contains(&format!("sửa thành `{fix}`")), "{hint}");
    }
    assert_eq!(document_links(&site, "tin-tuc/a/index.html"), []);
}

#[test]
fn loa_check_prints_the_warning_with_file_line_and_column() {
    let site = site_with_table();
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-09-01",
        "",
        "Theo Nghị định 118/2025/ND-CP.\n",
    );
    let out = site.run(&["check"]);
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{all}");
    assert!(
        all.contains("content/tin-tuc/a.md:5:16: cảnh báo: số hiệu `118/2025/ND-CP`"),
        "{all}"
    );
    assert!(all.contains("sửa thành `118/2025/NĐ-CP`"), "{all}");
}

#[test]
fn a_bad_table_is_an_error_at_its_line() {
    let site = Site::new();
    site.write(
        "data/van-ban.yaml",
        "- number: \"118/2025/NĐ-CP\"\n  title: \"A\"\n  date: 2025-06-09\n  url: \"https://vanban.chinhphu.vn/\"\n\
         - number: \"66/NQ-CP\"\n  tittle: \"B\"\n  date: 2025-03-26\n  url: \"https://vanban.chinhphu.vn/\"\n\
         - number: \"118/2025/NĐ-CP\"\n  title: \"C\"\n  date: 26/3/2025\n  url: \"https://vanban.chinhphu.vn/\"\n",
    );
    site.article("tin-tuc/a.md", "A", "2025-09-01", "", "x\n");
    let problems = site.build_fails();
    let errors: Vec<(String, usize, usize)> = problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| (p.path.display().to_string(), p.line, p.col))
        .collect();
    let at = |line, col| ("data/van-ban.yaml".to_string(), line, col);
    // The unknown key, the title it should have been, the repeated number and the bad date.
    assert_eq!(
        errors,
        [at(5, 1), at(6, 3), at(9, 3), at(11, 3)],
        "{}",
        show(&problems)
    );
    let unknown = problems.iter().find(|p| p.line == 6).unwrap();
    assert!(unknown.message.contains("tittle"));
    assert!(unknown.hint.as_deref().unwrap().contains("`title`"));
    let duplicate = problems.iter().find(|p| p.line == 9).unwrap();
    assert!(
        duplicate.message.contains("dòng 1"),
        "{}",
        duplicate.message
    );
    assert!(!site.exists("index.html"), "nothing is written");

    site.write("data/van-ban.yaml", "- number: [\n");
    let problems = site.build_fails();
    assert_eq!(
        only_error(&problems).path.display().to_string(),
        "data/van-ban.yaml"
    );
}

#[test]
fn the_sitemap_lists_every_document_page() {
    let site = site_with_table();
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-09-01",
        "",
        "Nghị định số 118/2025/NĐ-CP.\n",
    );
    site.build();
    let locs = xml_values(&site.read("sitemap.xml"), "urlset/url/loc");
    for path in [
        "van-ban/",
        "van-ban/118-2025-nd-cp/",
        "van-ban/66-nq-cp/",
        "van-ban/57-nq-tw/",
    ] {
        let url = format!("https://stp.angiang.gov.vn/cchc/{path}");
        assert!(locs.contains(&url), "{url} missing from {locs:?}");
    }
}

#[test]
fn without_a_table_nothing_is_linked_flagged_or_generated() {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-09-01",
        "",
        "Nghị định số 118/2025/ND-CP và 06/QĐ-TTg.\n",
    );
    let rendered = site.build();
    assert!(rendered.warnings.is_empty(), "{}", show(&rendered.warnings));
    assert!(!site.exists("van-ban/index.html"));
    assert_eq!(
        site.html("index.html")
            .count("footer a[href='/cchc/van-ban/']"),
        0
    );
}

#[test]
fn serve_shows_a_table_edit_at_the_next_save() {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-09-01",
        "",
        "Theo Nghị quyết số 66/NQ-CP.\n",
    );
    let options = crate::support::preview_options(site.root(), NOW);
    let server = loa::serve::Server::start(options, |_| {}).expect("serve starts");
    let article = |server: &loa::serve::Server| {
        let snapshot = server.snapshot();
        snapshot
            .outputs
            .get("tin-tuc/a/index.html")
            .and_then(|o| o.contents())
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default()
    };
    let link = "href=\"/cchc/van-ban/66-nq-cp/\"";
    let wait = |check: &dyn Fn() -> bool| {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !check() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(25));
        }
        check()
    };
    assert!(wait(&|| article(&server).contains("66/NQ-CP")));
    assert!(!article(&server).contains(link));

    // Adding the table (data/ did not exist when serve started) links the mention.
    site.write("data/van-ban.yaml", TABLE);
    assert!(
        wait(&|| article(&server).contains(link)),
        "{}",
        article(&server)
    );
    assert!(server
        .snapshot()
        .outputs
        .contains_key("van-ban/66-nq-cp/index.html"));

    // Removing the document from the table removes the link and the page.
    let without: String = TABLE.replace("66/NQ-CP", "67/NQ-CP");
    site.write("data/van-ban.yaml", &without);
    // Waits for the whole new state: a build may catch the file half written (empty, so
    // without the link too) before the build of the finished file.
    let has_67 = || (server.snapshot().outputs).contains_key("van-ban/67-nq-cp/index.html");
    assert!(
        wait(&|| !article(&server).contains(link) && has_67()),
        "{}",
        article(&server)
    );
    let snapshot = server.snapshot();
    assert!(!snapshot.outputs.contains_key("van-ban/66-nq-cp/index.html"));
    assert!(snapshot.outputs.contains_key("van-ban/67-nq-cp/index.html"));
}

#[test]
fn a_document_cited_by_many_articles_has_its_list_split_into_pages() {
    let site = site_with_table();
    for n in 1..=12 {
        site.article(
            &format!("tin-tuc/bai-{n:02}.md"),
            &format!("Bài {n:02}"),
            &format!("2025-09-{n:02}"),
            "",
            "Theo Nghị quyết 66/NQ-CP.\n",
        );
    }
    site.build();
    let first = site.html("van-ban/66-nq-cp/index.html");
    assert_eq!(first.count("main .card"), 10);
    assert_eq!(first.texts("main .card h2")[0], "Bài 12");
    assert_eq!(
        first.attr(".pagination a[rel='next']", "href"),
        "/cchc/van-ban/66-nq-cp/trang/2/"
    );
    let second = site.html("van-ban/66-nq-cp/trang/2/index.html");
    assert_eq!(second.texts("main .card h2"), ["Bài 02", "Bài 01"]);
    assert_eq!(second.text("main h1"), first.text("main h1"));
    assert_eq!(
        second.text("title"),
        "66/NQ-CP – trang 2 – Tuyên truyền CCHC"
    );
    let list = site.html("van-ban/index.html");
    assert!(list.texts(".document-list li")[1].contains("12 bài"));
}
