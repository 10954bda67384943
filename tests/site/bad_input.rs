//! What the officer gets wrong, and what loa says about it: every bad input is reported at the
//! file and line to open, with a message naming the offending thing and, where loa knows one,
//! what to do. A failed build writes nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use loa::diag::{Diagnostic, Severity};

use crate::support::{only_error, show, Site, CONFIG};

/// The article most tests break: under `content/`, and as messages name it.
const ARTICLE: &str = "tin-tuc/a.md";
const ARTICLE_PATH: &str = "content/tin-tuc/a.md";

/// Asserts where a problem is: its file and line.
#[track_caller]
fn assert_at(d: &Diagnostic, path: &str, line: usize) {
    assert_eq!(
        (d.path.as_path(), d.line),
        (Path::new(path), line),
        "wrong place for: {d}"
    );
}

/// Asserts the message names `what`.
#[track_caller]
fn assert_names(d: &Diagnostic, what: &str) {
    assert!(
        d.message.contains(what),
        "the message should name `{what}`: {d}"
    );
}

/// The hint, which must be there.
#[track_caller]
fn hint(d: &Diagnostic) -> &str {
    d.hint
        .as_deref()
        .unwrap_or_else(|| panic!("a hint should say what to do: {d}"))
}

/// The errors reported in one file.
fn errors_in<'a>(problems: &'a [Diagnostic], path: &str) -> Vec<&'a Diagnostic> {
    problems
        .iter()
        .filter(|p| p.is_error() && p.path == Path::new(path))
        .collect()
}

/// The 1-based line of `config.yaml` (as the fixture writes it) that contains `needle`.
fn config_line(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` not in the config"))
        + 1
}

/// Every file under `dir`, relative path → bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A site whose own theme `rieng` has `page.html` as given.
fn site_with_page_template(template: &str) -> Site {
    let site = Site::new();
    site.write("config.yaml", &format!("{CONFIG}theme: rieng\n"));
    site.write("themes/rieng/templates/page.html", template);
    site.article(ARTICLE, "Hội nghị", "2025-08-21", "", "Nội dung.\n");
    site
}

// Encodings and the shape of the file.

#[test]
fn invalid_utf8_in_an_article_is_placed_at_the_first_bad_byte() {
    let site = Site::new();
    let mut bytes = b"---\ntitle: \"A\"\ndate: 2025-08-21\n---\n\nXin ch\xc3\xa0o ".to_vec();
    bytes.extend_from_slice(b"\xff\xfe b\xe1\xba\xa1n\n");
    site.write_bytes(&format!("content/{ARTICLE}"), &bytes);
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 6);
    assert_eq!(e.col, 10, "`Xin chào ` is nine characters: {e}");
    assert_names(e, "UTF-8");
    assert!(hint(e).contains("UTF-8"), "{e}");
}

#[test]
fn a_bom_and_crlf_line_ends_are_read_like_a_plain_lf_file() {
    let site = Site::new();
    let lf = "---\ntitle: \"Hội nghị tập huấn Nghị định 118\"\ndate: 2025-08-21 08:30\n\
              summary: \"Tập huấn một cửa\"\ntopics:\n  - nghi-dinh-118\n---\n\n## Mục tiêu\n\n\
              Đoạn một có *nhấn mạnh*\nvà dòng thứ hai.\n\n- ý một\n- ý hai\n";
    let windows = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    site.write("content/tin-tuc/windows.md", &windows);
    site.write("content/tin-tuc/unix.md", lf);
    let rendered = site.build();
    assert!(rendered.warnings.is_empty(), "{}", show(&rendered.warnings));

    let win = site.html("tin-tuc/windows/index.html");
    let unix = site.html("tin-tuc/unix/index.html");
    assert_eq!(win.text("h1"), "Hội nghị tập huấn Nghị định 118");
    for css in [
        "h1",
        "title",
        ".content",
        ".content h2",
        ".content li",
        "time",
    ] {
        assert_eq!(win.texts(css), unix.texts(css), "`{css}` differs");
    }
    assert_eq!(
        win.attrs("meta[name=description]", "content"),
        unix.attrs("meta[name=description]", "content")
    );
    assert_eq!(win.texts(".topics li"), ["Nghị định số 118/2025/NĐ-CP"]);
    assert_eq!(win.attrs(".content h2", "id"), ["muc-tieu"]);
    assert_eq!(
        win.attrs("time", "datetime"),
        unix.attrs("time", "datetime")
    );
    assert!(win
        .text(".content")
        .contains("Đoạn một có nhấn mạnh và dòng thứ hai."));
    assert!(
        !win.text(".content").contains('\u{feff}'),
        "the BOM is not text"
    );
}

#[test]
fn an_empty_file_is_an_error_about_the_whole_file() {
    let site = Site::new();
    site.write(&format!("content/{ARTICLE}"), "");
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 0);
    assert_names(e, "rỗng");
    assert!(hint(e).contains("title:"), "the hint shows a header: {e}");
}

#[test]
fn a_file_of_only_whitespace_is_empty() {
    let site = Site::new();
    site.write(&format!("content/{ARTICLE}"), "  \n\t\n\r\n   ");
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 0);
    assert_names(e, "rỗng");
    assert!(hint(e).contains("---"), "{e}");
}

#[test]
fn front_matter_that_never_closes_is_an_error_at_line_one() {
    let site = Site::new();
    site.write(
        &format!("content/{ARTICLE}"),
        "---\ntitle: \"A\"\ndate: 2025-08-21\n\nNội dung bài.\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 1);
    assert_eq!(e.col, 1);
    assert_names(e, "không có dòng --- đóng lại");
    assert!(hint(e).contains("---"), "{e}");
}

#[test]
fn a_file_without_front_matter_is_an_error_at_line_one() {
    let site = Site::new();
    site.write(
        &format!("content/{ARTICLE}"),
        "# Hội nghị\n\nNội dung bài.\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 1);
    assert_names(e, "front matter");
    assert!(
        hint(e).contains("title:") && hint(e).contains("date:"),
        "{e}"
    );
}

// Front-matter types.

#[test]
fn a_list_as_title_is_a_type_error_on_the_title_line() {
    let site = Site::new();
    site.write(
        &format!("content/{ARTICLE}"),
        "---\ndate: 2025-08-21\ntopics: [de-an-06]\ntitle: [a, b]\n---\nx\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 4);
    assert_names(e, "title");
}

#[test]
fn a_word_for_draft_is_a_type_error_on_the_draft_line() {
    let site = Site::new();
    site.article(
        ARTICLE,
        "A",
        "2025-08-21",
        "unit: van-phong\ndraft: \"có\"\n",
        "x\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 5);
    assert_names(e, "draft");
    assert_names(e, "có");
}

#[test]
fn words_for_the_number_of_participants_are_a_type_error_on_their_line() {
    let site = Site::new();
    site.article(
        ARTICLE,
        "A",
        "2025-08-21",
        "event:\n  start: 2025-08-21 08:00\n  participants: \"nhiều\"\n",
        "x\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 6);
    assert_names(e, "participants");
    assert_names(e, "nhiều");
}

#[test]

fn a_type_error_is_explained_in_vietnamese() {
    let site = Site::new();
    site.article(ARTICLE, "A", "2025-08-21", "draft: \"có\"\n", "x\n");
    let e = only_error(&site.build_fails()).clone();
    assert_names(&e, "draft");
    assert_names(&e, "true hoặc false");
    assert!(
        !e.message.contains("cú pháp") && !e.message.contains("invalid type"),
        "a wrong type is not a syntax error, and the officer reads Vietnamese: {e}"
    );
}

#[test]

fn a_misspelt_event_key_is_explained_in_vietnamese() {
    let site = Site::new();
    site.article(
        ARTICLE,
        "A",
        "2025-08-21",
        "event:\n  start: 2025-08-21 08:00\n  locaton: \"Hội trường Sở\"\n",
        "x\n",
    );
    let e = only_error(&site.build_fails()).clone();
    assert!(
        !e.message.contains("cú pháp") && !e.message.contains("unknown field"),
        "{e}"
    );
    assert!(
        hint(&e).contains("`location`"),
        "the suggestion is a hint: {e}"
    );
}

#[test]
fn a_misspelt_event_key_names_the_right_one() {
    let site = Site::new();
    site.article(
        ARTICLE,
        "A",
        "2025-08-21",
        "event:\n  start: 2025-08-21 08:00\n  locaton: \"Hội trường Sở\"\n",
        "x\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 6);
    assert_names(e, "`locaton`");
    assert_names(e, "`location`");
}

// Dates.

#[test]
fn a_day_first_date_is_an_error_on_the_date_line() {
    let site = Site::new();
    site.write(
        &format!("content/{ARTICLE}"),
        "---\ntitle: \"A\"\nunit: van-phong\ndate: 21/08/2025\n---\nx\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 4);
    assert_names(e, "21/08/2025");
    assert!(hint(e).contains("2025-08-21"), "{e}");
}

#[test]
fn a_day_that_does_not_exist_is_an_error_on_the_date_line() {
    let site = Site::new();
    site.article(ARTICLE, "A", "2025-02-30", "", "x\n");
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 3);
    assert_names(e, "2025-02-30");
    assert!(hint(e).contains("2025-08-21"), "{e}");
}

#[test]
fn an_event_start_that_is_not_a_date_is_an_error_on_its_line() {
    let site = Site::new();
    site.article(
        ARTICLE,
        "A",
        "2025-08-21",
        "unit: van-phong\nevent:\n  location: \"Hội trường\"\n  start: sáng thứ hai\n",
        "x\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 7);
    assert_names(e, "event.start");
    assert_names(e, "sáng thứ hai");
    assert!(hint(e).contains("2025-08-21"), "{e}");
}

#[test]
fn an_article_without_a_date_is_an_error() {
    let site = Site::new();
    site.write(
        &format!("content/{ARTICLE}"),
        "---\ntitle: \"A\"\nunit: van-phong\n---\nx\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 1);
    assert_names(e, "date");
    assert!(hint(e).contains("2025-08-21"), "{e}");
}

#[test]
fn a_standalone_page_needs_no_date() {
    let site = Site::new();
    site.write(
        "content/gioi-thieu.md",
        "---\ntitle: \"Giới thiệu\"\n---\nTrang giới thiệu.\n",
    );
    let rendered = site.build();
    assert!(rendered.warnings.is_empty(), "{}", show(&rendered.warnings));
    assert_eq!(site.html("gioi-thieu/index.html").text("h1"), "Giới thiệu");
}

// Unknown keys.

#[test]
fn an_unknown_front_matter_key_suggests_the_closest_one() {
    let site = Site::new();
    site.article(ARTICLE, "A", "2025-08-21", "topcis: [de-an-06]\n", "x\n");
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 4);
    assert_eq!(e.col, 1);
    assert_names(e, "`topcis`");
    assert!(hint(e).contains("`topics`"), "{e}");
}

#[test]
fn every_unknown_front_matter_key_in_a_file_is_reported() {
    let site = Site::new();
    site.article(
        ARTICLE,
        "A",
        "2025-08-21",
        "topcis: [de-an-06]\nuint: van-phong\nabcxyz: 1\n",
        "x\n",
    );
    let problems = site.build_fails();
    let errors = errors_in(&problems, ARTICLE_PATH);
    assert_eq!(errors.len(), 3, "{}", show(&problems));
    let found: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, hint(e))).collect();
    assert_eq!(found[0].0, 4);
    assert!(errors[0].message.contains("`topcis`") && found[0].1.contains("`topics`"));
    assert_eq!(found[1].0, 5);
    assert!(errors[1].message.contains("`uint`") && found[1].1.contains("`unit`"));
    assert_eq!(found[2].0, 6);
    assert!(errors[2].message.contains("`abcxyz`"));
    assert!(
        found[2].1.contains("title") && found[2].1.contains("topics"),
        "with nothing close, the hint lists the keys: {}",
        errors[2]
    );
}

#[test]
fn a_section_index_does_not_accept_article_keys() {
    let site = Site::new();
    site.write(
        "content/tin-tuc/_index.md",
        "---\ntitle: \"Tin tức\"\ndate: 2025-08-21\n---\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, "content/tin-tuc/_index.md", 3);
    assert_names(e, "`date`");
}

#[test]
fn an_unknown_topic_names_the_closest_topic_on_its_own_line() {
    let site = Site::new();
    site.article(
        ARTICLE,
        "A",
        "2025-08-21",
        "topics:\n  - nghi-dinh-118\n  - de-an-6\n",
        "x\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 6);
    assert_names(e, "`de-an-6`");
    assert!(hint(e).contains("`de-an-06`"), "{e}");
}

#[test]
fn an_unknown_topic_in_a_one_line_list_is_on_the_topics_line() {
    let site = Site::new();
    site.article(
        ARTICLE,
        "A",
        "2025-08-21",
        "unit: van-phong\ntopics: [par-index, nghi-dinh-181]\n",
        "x\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 5);
    assert_names(e, "`nghi-dinh-181`");
    assert!(hint(e).contains("`nghi-dinh-118`"), "{e}");
}

#[test]

fn an_unknown_topic_that_is_part_of_a_valid_one_is_still_on_its_own_line() {
    let site = Site::new();
    site.article(
        ARTICLE,
        "A",
        "2025-08-21",
        "topics:\n  - nghi-dinh-118\n  - nghi-dinh\n",
        "x\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_names(e, "`nghi-dinh`");
    assert_at(e, ARTICLE_PATH, 6);
}

#[test]
fn an_unknown_unit_names_the_closest_unit_on_its_line() {
    let site = Site::new();
    site.article(
        ARTICLE,
        "A",
        "2025-08-21",
        "topics: [de-an-06]\nunit: van-phong-so\n",
        "x\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 5);
    assert_names(e, "`van-phong-so`");
    assert_names(e, "đơn vị");
    assert!(hint(e).contains("`van-phong`"), "{e}");
}

#[test]
fn an_unknown_channel_names_the_closest_channel_on_its_line() {
    let site = Site::new();
    site.article(
        ARTICLE,
        "A",
        "2025-08-21",
        "unit: van-phong\nchannels:\n  - zallo\n",
        "x\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 6);
    assert_names(e, "`zallo`");
    assert!(hint(e).contains("`zalo`"), "{e}");
}

// Missing things in an article.

#[test]
fn a_missing_title_is_an_error_at_line_one() {
    let site = Site::new();
    site.write(
        &format!("content/{ARTICLE}"),
        "---\ndate: 2025-08-21\nunit: van-phong\n---\nx\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 1);
    assert_names(e, "title");
    assert!(hint(e).contains("title:"), "{e}");
}

#[test]
fn a_blank_title_is_a_missing_title() {
    let site = Site::new();
    site.article(ARTICLE, "   ", "2025-08-21", "", "x\n");
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 1);
    assert_names(e, "title");
}

#[test]
fn an_image_without_a_description_is_an_error_on_the_image_line() {
    let site = Site::new();
    site.article(
        "tin-tuc/hoi-nghi/index.md",
        "Hội nghị",
        "2025-08-21",
        "unit: van-phong\nimage: anh.jpg\n",
        "x\n",
    );
    site.write_bytes("content/tin-tuc/hoi-nghi/anh.jpg", b"\xff\xd8\xff\xe0");
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, "content/tin-tuc/hoi-nghi/index.md", 5);
    assert_names(e, "image_alt");
    assert!(hint(e).contains("image_alt:"), "{e}");
}

#[test]
fn a_missing_front_matter_image_is_an_error_on_the_image_line() {
    let site = Site::new();
    site.article(
        "tin-tuc/hoi-nghi/index.md",
        "Hội nghị",
        "2025-08-21",
        "image: anh.png\nimage_alt: \"Quang cảnh hội nghị\"\n",
        "x\n",
    );
    site.write_bytes("content/tin-tuc/hoi-nghi/anh.jpg", b"\xff\xd8\xff\xe0");
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, "content/tin-tuc/hoi-nghi/index.md", 4);
    assert_names(e, "`anh.png`");
    hint(e);
}

#[test]
fn a_missing_image_in_the_markdown_is_an_error_at_its_line_and_column() {
    let site = Site::new();
    site.article(
        "tin-tuc/hoi-nghi/index.md",
        "Hội nghị",
        "2025-08-21",
        "",
        "Đoạn mở đầu.\n\nXem ảnh: ![Quang cảnh](anh.png)\n",
    );
    site.write_bytes("content/tin-tuc/hoi-nghi/anh.jpg", b"\xff\xd8\xff\xe0");
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, "content/tin-tuc/hoi-nghi/index.md", 7);
    assert_eq!(e.col, 10, "at the `!` after `Xem ảnh: `: {e}");
    assert_names(e, "`anh.png`");
    hint(e);
}

// Links between articles.

#[test]
fn a_link_to_a_missing_article_is_an_error_at_its_line() {
    let site = Site::new();
    site.article(
        ARTICLE,
        "A",
        "2025-08-21",
        "",
        "Mở đầu.\n\nXem [bài trước](khong-co.md) để biết thêm.\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 7);
    assert_eq!(e.col, 5, "at the `[` after `Xem `: {e}");
    assert_names(e, "`khong-co.md`");
    assert!(hint(e).contains("../"), "{e}");
}

#[test]
fn a_link_to_a_missing_anchor_lists_the_anchors_there_are() {
    let site = Site::new();
    site.article(
        "tin-tuc/b.md",
        "B",
        "2025-08-20",
        "",
        "## Mục tiêu\n\nA.\n\n## Kết quả đạt được\n\nB.\n",
    );
    site.article(
        ARTICLE,
        "A",
        "2025-08-21",
        "unit: van-phong\n",
        "Mở đầu.\n\n- Xem [mục tiêu](b.md#muc-tieu-chung)\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 8);
    assert_names(e, "#muc-tieu-chung");
    assert_names(e, "content/tin-tuc/b.md");
    let hint = hint(e);
    assert!(
        hint.contains("#muc-tieu") && hint.contains("#ket-qua-dat-duoc"),
        "{e}"
    );
}

#[test]
fn a_link_to_a_missing_anchor_in_the_same_article_is_an_error() {
    let site = Site::new();
    site.article(
        ARTICLE,
        "A",
        "2025-08-21",
        "",
        "## Mục tiêu\n\nXem [phần sau](#ket-qua).\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 7);
    assert_names(e, "#ket-qua");
    assert!(hint(e).contains("#muc-tieu"), "{e}");
}

#[test]
fn a_link_to_a_draft_article_is_an_error_at_its_line() {
    let site = Site::new();
    site.article("tin-tuc/b.md", "B", "2025-08-20", "draft: true\n", "B.\n");
    site.article(
        ARTICLE,
        "A",
        "2025-08-21",
        "",
        "Mở đầu.\n\nXem [bài nháp](b.md).\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 7);
    assert_names(e, "`b.md`");
    assert_names(e, "chưa được đăng");
    assert!(hint(e).contains("draft"), "{e}");
}

#[test]
fn a_link_to_a_future_article_is_an_error_at_its_line() {
    let site = Site::new();
    site.article("tin-tuc/b.md", "B", "2026-01-01", "", "B.\n");
    site.article(
        ARTICLE,
        "A",
        "2025-08-21",
        "",
        "Xem [bài sắp đăng](b.md).\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 5);
    assert_names(e, "`b.md`");
    hint(e);
}

// URLs.

#[test]
fn two_articles_on_one_url_name_each_other() {
    let site = Site::new();
    site.article(ARTICLE, "A", "2025-08-21", "", "A.\n");
    site.article(
        "tin-tuc/b.md",
        "B",
        "2025-08-22",
        "unit: van-phong\nslug: a\n",
        "B.\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_eq!(e.path, Path::new("content/tin-tuc/b.md"), "{e}");
    assert_names(e, "content/tin-tuc/a.md");
    assert_names(e, "/tin-tuc/a/");
    assert!(hint(e).contains("slug:"), "{e}");
}

#[test]

fn a_colliding_slug_is_reported_on_the_slug_line() {
    let site = Site::new();
    site.article(ARTICLE, "A", "2025-08-21", "", "A.\n");
    site.article(
        "tin-tuc/b.md",
        "B",
        "2025-08-22",
        "unit: van-phong\nslug: a\n",
        "B.\n",
    );
    let problems = site.build_fails();
    assert_at(only_error(&problems), "content/tin-tuc/b.md", 5);
}

#[test]
fn two_file_names_with_one_slug_collide() {
    let site = Site::new();
    site.article("tin-tuc/Hội nghị.md", "A", "2025-08-21", "", "A.\n");
    site.article("tin-tuc/hoi-nghi.md", "B", "2025-08-22", "", "B.\n");
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert!(e.path.starts_with("content/tin-tuc"), "{e}");
    assert_names(e, "/tin-tuc/hoi-nghi/");
    let other = if e.path.ends_with("hoi-nghi.md") {
        "content/tin-tuc/Hội nghị.md"
    } else {
        "content/tin-tuc/hoi-nghi.md"
    };
    assert_names(e, other);
    hint(e);
}

/// The errors a content file on a reserved path gets: at least one, each naming the address.
fn reserved_errors<'a>(
    problems: &'a [Diagnostic],
    path: &str,
    address: &str,
) -> Vec<&'a Diagnostic> {
    let errors = errors_in(problems, path);
    assert!(!errors.is_empty(), "{}", show(problems));
    assert_eq!(
        errors.len(),
        problems.iter().filter(|p| p.is_error()).count(),
        "{}",
        show(problems)
    );
    for e in &errors {
        assert_names(e, address);
        assert!(hint(e).contains("slug:"), "{e}");
    }
    errors
}

#[test]
fn an_article_in_the_topics_folder_is_on_a_reserved_path() {
    let site = Site::new();
    site.article("chu-de/x.md", "X", "2025-08-21", "", "x\n");
    let problems = site.build_fails();
    for e in reserved_errors(&problems, "content/chu-de/x.md", "/chu-de/x/") {
        assert!(e.line <= 1, "the file name is the problem: {e}");
    }
}

#[test]
fn a_section_index_for_the_tags_folder_is_on_a_reserved_path() {
    let site = Site::new();
    site.write("content/the/_index.md", "---\ntitle: \"Thẻ\"\n---\n");
    let problems = site.build_fails();
    reserved_errors(&problems, "content/the/_index.md", "/the/");
}

#[test]
fn a_search_page_of_ones_own_is_on_a_reserved_path() {
    let site = Site::new();
    site.write(
        "content/tim-kiem.md",
        "---\ntitle: \"Tìm kiếm\"\n---\nTìm kiếm.\n",
    );
    let problems = site.build_fails();
    reserved_errors(&problems, "content/tim-kiem.md", "/tim-kiem/");
}

#[test]
fn a_slug_onto_a_reserved_path_is_an_error_on_the_slug_line() {
    let site = Site::new();
    site.write(
        "content/tim.md",
        "---\ntitle: \"Tìm\"\nslug: tim-kiem\n---\nx\n",
    );
    let problems = site.build_fails();
    let errors = reserved_errors(&problems, "content/tim.md", "/tim-kiem/");
    assert!(errors.iter().any(|e| e.line == 3), "{}", show(&problems));
}

#[test]

fn a_reserved_path_is_reported_once() {
    let site = Site::new();
    site.article("chu-de/x.md", "X", "2025-08-21", "", "x\n");
    only_error(&site.build_fails());
}

#[test]

fn a_slug_onto_a_reserved_path_is_reported_once_on_the_slug_line() {
    let site = Site::new();
    site.write(
        "content/tim.md",
        "---\ntitle: \"Tìm\"\nslug: tim-kiem\n---\nx\n",
    );
    assert_at(only_error(&site.build_fails()), "content/tim.md", 3);
}

#[test]
fn an_alias_on_a_reserved_path_is_an_error_on_the_aliases_line() {
    let site = Site::new();
    site.article(
        ARTICLE,
        "A",
        "2025-08-21",
        "unit: van-phong\naliases: [/chu-de/bai-cu/]\n",
        "x\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 5);
    assert_names(e, "/chu-de/bai-cu/");
    hint(e);
}

// config.yaml.

#[test]
fn an_unknown_config_key_is_on_its_line_with_a_suggestion() {
    let site = Site::new();
    let config = format!("{CONFIG}paginte: 5\n");
    site.write("config.yaml", &config);
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, "config.yaml", config.lines().count());
    assert_names(e, "`paginte`");
    assert!(hint(e).contains("`paginate`"), "{e}");
}

#[test]
fn a_yaml_syntax_error_in_the_config_is_on_its_line() {
    let site = Site::new();
    let config = CONFIG.replace(
        "description: \"Tin về cải cách hành chính\"",
        "description: Tin về: cải cách hành chính",
    );
    site.write("config.yaml", &config);
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, "config.yaml", 2);
    assert_names(e, "YAML");
}

#[test]
fn a_base_url_that_is_not_an_address_is_an_error_on_its_line() {
    let site = Site::new();
    let config = CONFIG.replace(
        "\"https://stp.angiang.gov.vn/cchc/\"",
        "\"stp.angiang.gov.vn/cchc\"",
    );
    site.write("config.yaml", &config);
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, "config.yaml", config_line(&config, "base_url:"));
    assert_names(e, "stp.angiang.gov.vn/cchc");
    assert!(hint(e).contains("https://"), "{e}");
}

#[test]
fn a_channel_lead_that_is_not_a_unit_is_an_error_on_its_line() {
    let site = Site::new();
    let config = CONFIG.replace("lead: van-phong", "lead: van-phong-so");
    site.write("config.yaml", &config);
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, "config.yaml", config_line(&config, "lead:"));
    assert_names(e, "`van-phong-so`");
    assert!(hint(e).contains("`van-phong`"), "{e}");
}

#[test]

fn a_channel_lead_that_is_part_of_a_unit_key_is_still_on_its_own_line() {
    let site = Site::new();
    let config = CONFIG.replace("lead: van-phong", "lead: phong");
    site.write("config.yaml", &config);
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_names(e, "`phong`");
    assert_at(e, "config.yaml", config_line(&config, "lead:"));
}

#[test]
fn a_duplicate_topic_key_is_an_error_naming_the_key() {
    let site = Site::new();
    let config = CONFIG.replace(
        "units:\n",
        "  - key: de-an-06\n    name: \"Đề án 06 (lần nữa)\"\nunits:\n",
    );
    site.write("config.yaml", &config);
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_eq!(e.path, Path::new("config.yaml"));
    let line = config.lines().nth(e.line - 1).unwrap_or_default();
    assert!(line.contains("key: de-an-06"), "{e} is on `{line}`");
    assert_names(e, "`de-an-06`");
    assert_names(e, "topics");
}

#[test]

fn a_duplicate_topic_key_is_on_the_line_of_the_repeat() {
    let site = Site::new();
    let config = CONFIG.replace(
        "units:\n",
        "  - key: de-an-06\n    name: \"Đề án 06 (lần nữa)\"\nunits:\n",
    );
    site.write("config.yaml", &config);
    let problems = site.build_fails();
    let e = only_error(&problems);
    let repeat = config
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("key: de-an-06"))
        .map(|(i, _)| i + 1)
        .last()
        .unwrap();
    assert_at(e, "config.yaml", repeat);
}

/// config.yaml as Notepad saves it in a legacy code page: `Sở Tư pháp` in Windows-1258 bytes.
fn legacy_encoded_config() -> Vec<u8> {
    let mut bytes = CONFIG.as_bytes().to_vec();
    bytes.extend_from_slice(b"organization: \"S\xf5\xd2 T\xfd ph\xe1p\"\n");
    bytes
}

#[test]
fn a_config_that_is_not_utf8_is_an_error_about_config_yaml() {
    let site = Site::new();
    site.write_bytes("config.yaml", &legacy_encoded_config());
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_eq!(e.path, Path::new("config.yaml"), "{e}");
    assert_names(e, "UTF-8");
    assert!(hint(e).contains("UTF-8"), "{e}");
}

#[test]

fn a_config_that_is_not_utf8_is_placed_at_the_first_bad_byte() {
    let site = Site::new();
    let bytes = legacy_encoded_config();
    site.write_bytes("config.yaml", &bytes);
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, "config.yaml", CONFIG.lines().count() + 1);
    assert_eq!(e.col, 17, "after `organization: \"S`: {e}");
}

#[test]
fn a_missing_config_is_an_error_about_config_yaml() {
    let site = Site::new();
    std::fs::remove_file(site.root().join("config.yaml")).unwrap();
    site.article(ARTICLE, "A", "2025-08-21", "", "x\n");
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, "config.yaml", 0);
    assert_names(e, "config.yaml");
    assert!(hint(e).contains("loa init"), "{e}");
    assert!(!site.output().exists());
}

// Templates.

#[test]
fn a_template_syntax_error_is_placed_in_the_theme_file() {
    let site = site_with_page_template("<h1>{{ page.title }}</h1>\n<p>\n{% if %}\n</p>\n");
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, "themes/rieng/templates/page.html", 3);
    assert_eq!(e.col, 7, "at the `%}}` where a condition was expected: {e}");
    assert_names(e, "mẫu giao diện");
    assert!(hint(e).contains("template"), "{e}");
}

#[test]
fn a_template_render_error_is_placed_in_the_theme_file_and_names_the_article() {
    let site = site_with_page_template(
        "<h1>{{ page.title }}</h1>\n<p>ok</p>\n<p>{{ page.khong_co.x }}</p>\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, "themes/rieng/templates/page.html", 3);
    assert_eq!(e.col, 12, "at `khong_co` after `<p>{{{{ page.`: {e}");
    assert_names(e, ARTICLE_PATH);
    assert_names(e, "khong_co");
    assert!(hint(e).contains("template"), "{e}");
}

#[test]
fn template_and_content_errors_are_reported_together() {
    let site = site_with_page_template("<h1>{{ page.title }}</h1>\n{% if %}\n");
    site.article(
        "tin-tuc/b.md",
        "B",
        "2025-08-21",
        "topcis: [de-an-06]\n",
        "B.\n",
    );
    let problems = site.build_fails();
    let places: Vec<(&Path, usize)> = problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| (p.path.as_path(), p.line))
        .collect();
    assert_eq!(
        places,
        [
            (Path::new("content/tin-tuc/b.md"), 4),
            (Path::new("themes/rieng/templates/page.html"), 2),
        ],
        "{}",
        show(&problems)
    );
}

#[test]
fn a_theme_folder_that_does_not_exist_is_an_error_in_the_config() {
    let site = Site::new();
    site.write("config.yaml", &format!("{CONFIG}theme: khong-co\n"));
    site.article(ARTICLE, "A", "2025-08-21", "", "x\n");
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_eq!(e.path, Path::new("config.yaml"));
    assert_names(e, "`khong-co`");
    assert!(hint(e).contains("themes/"), "{e}");
}

// One run reports everything; a failed build writes nothing.

/// Three files broken three ways, and one with pasted HTML (a warning).
fn three_broken_files(site: &Site) {
    site.write_bytes(
        "content/tin-tuc/a.md",
        b"---\ntitle: \"A\"\ndate: 2025-08-21\n---\nch\xe0o\n",
    );
    site.article(
        "tin-tuc/b.md",
        "B",
        "2025-08-21",
        "topcis: [de-an-06]\n",
        "B.\n",
    );
    site.article(
        "tin-tuc/c.md",
        "C",
        "2025-08-21",
        "",
        "Xem [bài](khong-co.md).\n",
    );
    site.article(
        "tin-tuc/d.md",
        "D",
        "2025-08-21",
        "",
        "<p style=\"color:red\">D</p>\n",
    );
}

#[test]
fn every_problem_of_a_site_is_reported_in_one_run() {
    let site = Site::new();
    three_broken_files(&site);
    let problems = site.build_fails();
    let errors: Vec<(&Path, usize)> = problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| (p.path.as_path(), p.line))
        .collect();
    assert_eq!(
        errors,
        [
            (Path::new("content/tin-tuc/a.md"), 5),
            (Path::new("content/tin-tuc/b.md"), 4),
            (Path::new("content/tin-tuc/c.md"), 5),
        ],
        "{}",
        show(&problems)
    );
    let warnings: Vec<_> = problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .collect();
    assert_eq!(warnings.len(), 1, "{}", show(&problems));
    assert_at(warnings[0], "content/tin-tuc/d.md", 5);
}

#[test]
fn a_failed_first_build_writes_no_output_folder() {
    let site = Site::new();
    three_broken_files(&site);
    site.build_fails();
    assert!(!site.output().exists());
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let site = Site::new();
    site.article(
        ARTICLE,
        "A",
        "2025-08-21",
        "topics: [de-an-06]\n",
        "Bài A.\n",
    );
    site.article("tin-tuc/e.md", "E", "2025-08-20", "", "Bài E.\n");
    site.build();
    let before = snapshot(&site.output());
    assert!(before.contains_key(Path::new("tin-tuc/a/index.html")));

    // A new article, a changed one and three broken ones: nothing of it may reach output/.
    site.article("tin-tuc/moi.md", "Mới", "2025-08-22", "", "Bài mới.\n");
    site.article("tin-tuc/e.md", "E sửa", "2025-08-20", "", "Bài E đã sửa.\n");
    three_broken_files(&site);
    site.build_fails();
    assert_eq!(snapshot(&site.output()), before);
}

// Pasted HTML.

#[test]
fn pasted_html_builds_with_warnings_and_publishes_clean() {
    let site = Site::new();
    site.article(
        ARTICLE,
        "A",
        "2025-08-21",
        "",
        "Đoạn đầu.\n\n\
         <p class=\"MsoNormal\" style=\"mso-line-height:1\" onclick=\"x()\">Chào <b>bạn</b></p>\n\n\
         <script>alert(1)</script>\n\n\
         Văn bản <span onclick=\"y()\">in</span> tiếp.\n",
    );
    let rendered = site.build();
    let w = &rendered.warnings;
    assert!(
        w.iter().all(|d| d.severity == Severity::Warning),
        "{}",
        show(w)
    );
    assert!(
        w.iter().all(|d| d.path == Path::new(ARTICLE_PATH)),
        "{}",
        show(w)
    );
    assert!(w.iter().all(|d| d.hint.is_some()), "{}", show(w));
    assert_eq!(
        w.len(),
        5,
        "each dropped thing once per place:\n{}",
        show(w)
    );
    let at = |line: usize, col: usize, what: &str| {
        assert!(
            w.iter()
                .any(|d| d.line == line && d.col == col && d.message.contains(what)),
            "no warning about {what} at {line}:{col}:\n{}",
            show(w)
        );
    };
    at(7, 1, "class=");
    at(7, 1, "style=");
    at(7, 1, "onclick=");
    at(9, 1, "<script>");
    at(11, 9, "onclick=");

    let page = site.html("tin-tuc/a/index.html");
    assert_eq!(
        page.count("script:not([type=\"application/ld+json\"]):not([src$=\"/chia-se.js\"])"),
        0
    );
    assert_eq!(page.count("[style]"), 0);
    assert_eq!(page.count("[onclick]"), 0);
    assert_eq!(page.count(".MsoNormal"), 0);
    assert_eq!(
        page.texts(".content p"),
        ["Đoạn đầu.", "Chào bạn", "Văn bản in tiếp."]
    );
    assert!(!page.text(".content").contains("alert"));
}

#[test]
fn a_standalone_page_cannot_take_the_place_of_a_section_list() {
    let site = Site::new();
    site.write(
        "content/van-ban-moi.md",
        "---\ntitle: Văn bản mới\n---\nx\n",
    );
    site.article(
        "van-ban-moi/nghi-dinh.md",
        "Nghị định",
        "2025-09-01",
        "",
        "x\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, "content/van-ban-moi.md", 0);
    assert_names(e, "/van-ban-moi/");
    assert_names(e, "content/van-ban-moi/");
}

#[test]
fn an_alias_cannot_replace_the_home_page_or_a_list_page() {
    let site = Site::new();
    for n in 1..=11 {
        site.article(&format!("tin-tuc/bai-{n}.md"), "B", "2025-09-01", "", "x\n");
    }
    site.article(
        "tin-tuc/moi.md",
        "Mới",
        "2025-09-02",
        "aliases:\n  - /index.html\n  - /tin-tuc/trang/2/\n",
        "x\n",
    );
    let problems = site.build_fails();
    let errors = errors_in(&problems, "content/tin-tuc/moi.md");
    assert_eq!(errors.len(), 2, "{}", show(&problems));
    for e in errors {
        assert_at(e, "content/tin-tuc/moi.md", 4);
        assert!(hint(e).contains("slug"), "{e}");
    }
}

#[test]
fn a_bad_base_url_on_the_command_line_is_not_blamed_on_the_config() {
    let mut site = Site::new();
    site.base_url = Some("khong-phai-dia-chi".into());
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, "--base-url", 0);
    assert_names(e, "khong-phai-dia-chi");
}

#[test]
fn a_template_that_does_not_exist_is_reported_on_the_template_line() {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-09-01",
        "template: khong-co.html\n",
        "x\n",
    );
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, ARTICLE_PATH, 4);
    assert_names(e, "khong-co.html");
    assert!(hint(e).contains("template"), "{e}");
}

#[test]
fn a_theme_template_that_is_not_utf8_is_placed_at_the_bad_byte() {
    let site = Site::new();
    site.write("config.yaml", &format!("{CONFIG}theme: rieng\n"));
    site.write_bytes("themes/rieng/templates/page.html", b"<p>\n<p>Ng\xe0y</p>\n");
    let problems = site.build_fails();
    let e = only_error(&problems);
    assert_at(e, "themes/rieng/templates/page.html", 2);
    assert_eq!(e.col, 6);
    assert!(hint(e).contains("UTF-8"), "{e}");
}
