//! `loa import`: Word files from two real producers (LibreOffice and python-docx, checked in
//! under tests/fixtures/docx/) become draft bundles; the Markdown and the built page are
//! checked, and so is what `check` says afterwards. Bad input is in `import_bad_input.rs`.

use std::path::{Path, PathBuf};

use loa::import::{Imported, Request};

use crate::support::{Site, NOW};

/// A fixture of tests/fixtures/docx/.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/docx")
        .join(name)
}

/// Imports `file` into the site's `tin-tuc` section at the fixtures' "now".
pub fn import(
    site: &Site,
    file: &Path,
    topics: &[String],
) -> Result<Imported, Vec<loa::diag::Diagnostic>> {
    let config = loa::config::load(site.root(), &Default::default()).expect("config");
    let now = loa::parse_now(NOW, &config.timezone).expect("now");
    let request = Request {
        file,
        section: "tin-tuc",
        topics,
        now,
    };
    loa::import::import(site.root(), &config, &request)
}

/// The front matter and the Markdown after the blank line that follows it.
fn split(markdown: &str) -> (&str, &str) {
    let rest = markdown.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---\n").expect("front matter closes");
    let body = &rest[end + 5..];
    (&rest[..end], body.strip_prefix('\n').unwrap_or(body))
}

fn import_fixture(site: &Site, name: &str) -> (Imported, String) {
    let imported = import(site, &fixture(name), &[])
        .unwrap_or_else(|p| panic!("{}", crate::support::show(&p)));
    let markdown = std::fs::read_to_string(&imported.path).unwrap();
    (imported, markdown)
}

/// Builds the site with drafts and returns the imported article's page.
fn built_page(site: &mut Site, imported: &Imported) -> crate::support::Page {
    let slug = imported
        .path
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    site.drafts = true;
    site.build();
    site.html(&format!("tin-tuc/{slug}/index.html"))
}

#[test]
fn libreoffice_word_file_becomes_a_draft_with_its_structure_kept() {
    let site = Site::new();
    let (imported, markdown) = import_fixture(&site, "libreoffice.docx");
    let slug = "so-tu-phap-tap-huan-nghi-dinh-so-118-2025-nd-cp-cho-cong-chuc-mot-cua";
    assert!(
        imported
            .path
            .ends_with(format!("content/tin-tuc/{slug}/index.md")),
        "{}",
        imported.path.display()
    );
    let (front, body) = split(&markdown);
    assert!(
        front.starts_with(
            "title: \"Sở Tư pháp tập huấn Nghị định số 118/2025/NĐ-CP cho công chức một cửa\"\n"
        ),
        "{front}"
    );
    assert!(
        front.contains("\ndate: 2025-11-21 16:15\n"),
        "the last save, in the site's time zone: {front}"
    );
    assert!(front.contains("\ndraft: true"), "{front}");
    assert!(
        front.contains("# Chủ đề do loa gợi ý"),
        "suggested topics say so: {front}"
    );
    assert!(front.contains("  - nghi-dinh-118\n"), "{front}");
    assert!(
        front.contains("summary: \"Sáng 20/11/2025, Sở Tư pháp tỉnh An Giang tổ chức lớp tập huấn"),
        "{front}"
    );
    assert!(
        !body.contains("# Sở Tư pháp tập huấn"),
        "the title is not repeated in the body"
    );

    for line in [
        "## Nội dung tập huấn",
        "### Quy trình một cửa",
        "#### Kết quả đạt được",
        "- Tiếp nhận hồ sơ trực tiếp",
        "  - tại Bộ phận một cửa",
        "- Tiếp nhận hồ sơ trực tuyến",
        "1. Kiểm tra, tiếp nhận hồ sơ",
        "2. Trả kết quả đúng hạn",
        "| Phòng Hành chính \\| Tư pháp | 45 |",
        "![Toàn cảnh lớp tập huấn tại Sở Tư pháp](anh-01.png)",
        "![Ảnh: Học viên thực hành trên Cổng Dịch vụ công](anh-02.jpg)",
        "![CẦN MÔ TẢ ẢNH](anh-03.png)",
        "[^1]: Nghị định quy định về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông.",
        "[^2]: Số liệu do Văn phòng Sở tổng hợp.",
        "<tr><th>Lĩnh vực</th><th colspan=\"2\">Kết quả</th></tr>",
        "<tr><td rowspan=\"2\">Hộ tịch</td><td>Đúng hạn</td><td>98%</td></tr>",
    ] {
        assert!(body.lines().any(|l| l == line), "missing line {line:?} in:\n{body}");
    }
    for text in [
        "**Nghị định số 118/2025/NĐ-CP**",
        "*những điểm mới*",
        "~~quy định cũ~~",
        "“một cửa” là \"đầu mối\".\\\nDòng thứ hai sau ngắt dòng.",
        "[Cổng Dịch vụ công quốc gia](https://dichvucong.gov.vn/p/home/dvc-trang-chu.html)",
        "1\\. Đoạn văn bắt đầu bằng số",
        "Đơn vị đã bổ sung số liệu.",
        "Sở Tư pháp tỉnh An Giang và xã Bát Xát; phông VNI: Đồng Tháp.",
        "Sau dấu tab, nhiều khoảng trắng, chữngắt và khoảng không ngắt.",
    ] {
        assert!(body.contains(text), "missing {text:?} in:\n{body}");
    }
    assert!(
        !body.contains("javascript"),
        "a refused link keeps only its text"
    );
    assert!(
        !body.contains("chữ đã xóa"),
        "tracked deletions are accepted"
    );
    assert!(
        !body.contains("Ghi chú bên lề"),
        "a text box is not in the article"
    );
    assert!(
        !body.contains(['\u{AD}', '\u{A0}', '\t']),
        "soft hyphens, non-breaking spaces, tabs"
    );
    assert_eq!(markdown, loa::text::nfc(&markdown), "NFC");

    let report = &imported.report;
    assert_eq!(
        report.dropped.text_boxes,
        ["Ghi chú bên lề: hạn nộp báo cáo ngày 30/11"]
    );
    assert_eq!(
        report.dropped.comments,
        ["Nhờ anh kiểm tra lại số liệu học viên"]
    );
    assert_eq!(report.dropped.tracked_changes, 2);
    assert_eq!(report.dropped.refused_links, ["javascript:alert(1)"]);
    assert_eq!(report.to_check.pictures_without_alt, ["anh-03.png"]);
    assert_eq!(report.to_check.guessed_headings, ["Kết quả đạt được"]);
    assert_eq!(report.converted.legacy_fonts, [".VnTime", "VNI-Times"]);
    assert_eq!(
        (
            report.converted.tables,
            report.converted.merged_tables,
            report.converted.notes
        ),
        (2, 1, 2)
    );
    let dir = imported.path.parent().unwrap();
    for picture in ["anh-01.png", "anh-02.jpg", "anh-03.png"] {
        assert!(dir.join(picture).is_file(), "{picture} beside index.md");
    }
    let summary = report.lines().join("\n");
    for text in [
        "khung chữ (text box)",
        "Nhờ anh kiểm tra lại số liệu",
        "2 chỗ sửa đổi",
        "javascript:alert(1)",
        "anh-03.png",
    ] {
        assert!(
            summary.contains(text),
            "{text:?} in the summary:\n{summary}"
        );
    }
}

#[test]
fn the_page_built_from_the_libreoffice_import_shows_what_word_showed() {
    let mut site = Site::new();
    let (imported, _) = import_fixture(&site, "libreoffice.docx");
    let page = built_page(&mut site, &imported);
    assert_eq!(
        page.text("article h1"),
        "Sở Tư pháp tập huấn Nghị định số 118/2025/NĐ-CP cho công chức một cửa"
    );
    assert_eq!(page.texts(".content h2"), ["Nội dung tập huấn"]);
    assert_eq!(page.texts(".content h3"), ["Quy trình một cửa"]);
    assert_eq!(page.texts(".content h4"), ["Kết quả đạt được"]);
    assert_eq!(
        page.texts(".content ul > li > ul > li"),
        ["tại Bộ phận một cửa", "qua dịch vụ bưu chính công ích"]
    );
    assert_eq!(
        page.texts(".content ol > li"),
        ["Kiểm tra, tiếp nhận hồ sơ", "Trả kết quả đúng hạn"]
    );
    assert_eq!(
        page.texts(".content strong"),
        ["Nghị định số 118/2025/NĐ-CP"]
    );
    assert_eq!(page.texts(".content del"), ["quy định cũ"]);
    assert_eq!(page.attr(".content th[colspan]", "colspan"), "2");
    assert_eq!(page.attr(".content td[rowspan]", "rowspan"), "2");
    assert_eq!(page.text(".content td[rowspan]"), "Hộ tịch");
    assert_eq!(
        page.attrs(".content img", "alt"),
        [
            "Toàn cảnh lớp tập huấn tại Sở Tư pháp",
            "Ảnh: Học viên thực hành trên Cổng Dịch vụ công",
            "CẦN MÔ TẢ ẢNH"
        ]
    );
    let hrefs = page.attrs(".content a", "href");
    assert!(
        hrefs.contains(&"https://dichvucong.gov.vn/p/home/dvc-trang-chu.html".to_string()),
        "{hrefs:?}"
    );
    assert!(!hrefs.iter().any(|h| h.contains("javascript")), "{hrefs:?}");
    assert_eq!(page.count(".content .footnote-definition"), 2);
    assert!(page
        .text(".content")
        .contains("Sở Tư pháp tỉnh An Giang và xã Bát Xát"));
    let slug = imported
        .path
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(site.exists(&format!("tin-tuc/{slug}/anh-02.jpg")));
}

#[test]
fn python_docx_word_file_becomes_a_draft_too() {
    let mut site = Site::new();
    let (imported, markdown) = import_fixture(&site, "python-docx.docx");
    let (front, body) = split(&markdown);
    assert!(
        front.starts_with("title: \"Ủy ban nhân dân xã triển khai Đề án 06 về dữ liệu dân cư\"\n"),
        "{front}"
    );
    assert!(front.contains("\ndate: 2025-11-12 09:30\n"), "{front}");
    assert!(front.contains("  - de-an-06\n"), "{front}");
    for text in [
        "VNeID[^1]. Việc làm này",
        "## Kết quả triển khai",
        "**đặc biệt** chú ý *người cao tuổi* và ~~không thu phí~~",
        "[trang VNeID](https://vneid.gov.vn/)",
        "1. Cài đặt ứng dụng\n   - trên điện thoại Android\n2. Kích hoạt tài khoản",
        "Địa danh cũ: Bát Xát",
        "<th colspan=\"2\">Số tài khoản</th>",
        "![Cán bộ hướng dẫn người dân kích hoạt VNeID](anh-01.jpg)",
        "![CẦN MÔ TẢ ẢNH](anh-02.png)",
        "[^1]: Tài khoản định danh điện tử mức độ 2.",
    ] {
        assert!(body.contains(text), "missing {text:?} in:\n{body}");
    }
    assert!(
        !imported.report.to_check.title_guessed,
        "python-docx wrote the Title style"
    );
    let page = built_page(&mut site, &imported);
    assert_eq!(
        page.text("article h1"),
        "Ủy ban nhân dân xã triển khai Đề án 06 về dữ liệu dân cư"
    );
    assert_eq!(
        page.texts(".content ol > li > ul > li"),
        ["trên điện thoại Android"]
    );
    assert_eq!(
        page.attr(".content a[href^='https://vneid']", "href"),
        "https://vneid.gov.vn/"
    );
}

#[test]
fn topics_the_officer_gives_replace_the_suggestion_and_are_checked() {
    let site = Site::new();
    let imported = import(
        &site,
        &fixture("python-docx.docx"),
        &["par-index".to_string()],
    )
    .unwrap();
    let markdown = std::fs::read_to_string(&imported.path).unwrap();
    assert!(markdown.contains("topics:\n  - par-index\n"), "{markdown}");
    assert!(!markdown.contains("gợi ý"), "{markdown}");
    let problems = import(
        &site,
        &fixture("python-docx.docx"),
        &["de-an-6".to_string()],
    )
    .unwrap_err();
    assert!(problems[0].message.contains("de-an-6"), "{problems:?}");
    assert!(problems[0]
        .hint
        .as_deref()
        .unwrap_or_default()
        .contains("de-an-06"));
}

#[test]
fn a_second_import_of_the_same_title_gets_a_numbered_slug_and_overwrites_nothing() {
    let site = Site::new();
    let (first, before) = import_fixture(&site, "python-docx.docx");
    let (second, _) = import_fixture(&site, "python-docx.docx");
    assert_eq!(
        second.path.parent().unwrap().file_name().unwrap(),
        "uy-ban-nhan-dan-xa-trien-khai-de-an-06-ve-du-lieu-dan-cu-2"
    );
    assert_eq!(std::fs::read_to_string(&first.path).unwrap(), before);
}

#[test]
fn check_reports_the_alt_text_todo_of_an_imported_draft() {
    let mut site = Site::new();
    let (imported, _) = import_fixture(&site, "libreoffice.docx");
    site.drafts = true;
    let rendered = crate::support::check(&site.options())
        .unwrap_or_else(|p| panic!("{}", crate::support::show(&p)));
    let todo: Vec<_> = rendered
        .warnings
        .iter()
        .filter(|w| w.message.contains("CẦN MÔ TẢ ẢNH"))
        .collect();
    assert_eq!(todo.len(), 1, "{:?}", rendered.warnings);
    assert!(todo[0].message.contains("anh-03.png"));
    assert!(
        imported.path.ends_with(&todo[0].path),
        "{} vs {}",
        todo[0].path.display(),
        imported.path.display()
    );
    assert!(
        !rendered
            .warnings
            .iter()
            .any(|w| w.message.contains("TCVN3")),
        "converted text does not look legacy"
    );
}

#[test]
fn check_warns_about_legacy_text_pasted_into_an_article() {
    let site = Site::new();
    site.article(
        "tin-tuc/dan.md",
        "Bài dán",
        "2025-11-01",
        "",
        "\nSë T\u{AD} ph¸p tØnh An Giang tæ chøc héi nghÞ.\n",
    );
    site.article(
        "tin-tuc/vni.md",
        "Bài VNI",
        "2025-11-01",
        "",
        "\nSôû Tö phaùp tænh An Giang toå chöùc hoäi nghò.\n",
    );
    site.article(
        "tin-tuc/dung.md",
        "Bài đúng",
        "2025-11-01",
        "",
        "\nSở Tư pháp tỉnh An Giang tổ chức hội nghị.\n",
    );
    let rendered = crate::support::check(&site.options()).unwrap();
    let legacy: Vec<String> = rendered
        .warnings
        .iter()
        .filter(|w| w.message.contains("phông cũ"))
        .map(|w| format!("{} {}", w.path.display(), w.message))
        .collect();
    assert_eq!(legacy.len(), 2, "{legacy:?}");
    assert!(
        legacy[0].starts_with("content/tin-tuc/dan.md")
            && legacy[0].contains("TCVN3")
            && legacy[0].contains("“Sở”"),
        "{legacy:?}"
    );
    assert!(
        legacy[1].starts_with("content/tin-tuc/vni.md") && legacy[1].contains("VNI"),
        "{legacy:?}"
    );
}

#[test]
fn a_docx_rs_file_imports_with_its_photo_named_by_its_bytes() {
    use docx_rs::{Docx, Paragraph, Pic, Run, Style, StyleType};
    let mut jpeg = std::io::Cursor::new(Vec::new());
    image::RgbImage::new(64, 48)
        .write_to(&mut jpeg, image::ImageFormat::Jpeg)
        .unwrap();
    let doc =
        Docx::new()
            .add_style(Style::new("Title", StyleType::Paragraph).name("Title"))
            .add_style(Style::new("Heading1", StyleType::Paragraph).name("heading 1"))
            .add_paragraph(
                Paragraph::new()
                    .style("Title")
                    .add_run(Run::new().add_text("Tin từ xã Vĩnh Gia")),
            )
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text("Đoạn mở đầu.")))
            .add_paragraph(
                Paragraph::new()
                    .style("Heading1")
                    .add_run(Run::new().add_text("Hoạt động")),
            )
            .add_paragraph(Paragraph::new().add_run(
                Run::new().add_image(Pic::new_with_dimensions(jpeg.into_inner(), 64, 48)),
            ));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("docx-rs.docx");
    doc.build()
        .pack(std::fs::File::create(&file).unwrap())
        .unwrap();
    let site = Site::new();
    let imported = import(&site, &file, &[]).unwrap();
    let markdown = std::fs::read_to_string(&imported.path).unwrap();
    let (front, body) = split(&markdown);
    assert!(
        front.starts_with("title: \"Tin từ xã Vĩnh Gia\""),
        "{front}"
    );
    assert!(
        front.contains("date: 2025-11-25 12:00"),
        "docx-rs's 1970 placeholder is not a date: {front}"
    );
    assert_eq!(
        body,
        "Đoạn mở đầu.\n\n## Hoạt động\n\n![CẦN MÔ TẢ ẢNH](anh-01.jpg)\n"
    );
    assert!(
        imported.path.with_file_name("anh-01.jpg").is_file(),
        "docx-rs names every picture .png"
    );
}
