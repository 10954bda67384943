//! The editorial workflow as the officer and the leader live it: with `approval: required`
//! only approved articles are published and the build says what waits for whom; the steps
//! (submit, approve, return) write only the article's approval block; an edit after approval,
//! a hand-edited seal, an article that does not build or an approver not on the list are
//! caught; the approval sheet reads back as the form it is.

use std::path::Path;
use std::process::Output;

use loa::approval::Status;
use loa::serve::{ServeOptions, Server};
use loa::workflow::{self, Request, Step};

use crate::support::{only_error, show, Site, NOW};

const ARTICLE: &str = "content/tin-tuc/a.md";

/// The fixture site with `approval: required` and one approver, and article A.
pub fn approval_site() -> Site {
    let site = Site::new();
    site.config_plus(
        "approval: required\napprovers:\n  - \"Nguyễn Văn An\"\n  - \"Trần Thị Bình\"\n",
    );
    site.article(
        "tin-tuc/a.md",
        "Bài A",
        "2025-09-01",
        "unit: van-phong\ntopics: [nghi-dinh-118]\n",
        "Nội dung bài A.\n",
    );
    site
}

fn take(site: &Site, file: &str, step: Step) -> Result<workflow::Done, Vec<loa::diag::Diagnostic>> {
    let request = Request {
        root: site.root(),
        file: Path::new(file),
        now: Some(NOW),
    };
    workflow::take(request, &step)
}

fn submit(author: &str) -> Step {
    Step::Submit {
        author: Some(author.into()),
    }
}

fn approve(by: &str) -> Step {
    Step::Approve {
        by: by.into(),
        note: None,
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn with_approval_required_an_article_is_published_only_once_approved() {
    let site = approval_site();
    let built = site.build();
    assert!(!site.exists("tin-tuc/a/index.html"), "not approved yet");
    assert_eq!(built.waiting.len(), 1);
    assert_eq!(built.waiting[0].status, Status::Draft);

    take(&site, ARTICLE, submit("Lê Văn Cường")).unwrap();
    let built = site.build();
    assert!(!site.exists("tin-tuc/a/index.html"), "sent, not approved");
    assert_eq!(built.waiting[0].status, Status::Submitted);
    assert_eq!(
        built.waiting[0].waits_for,
        ["Nguyễn Văn An", "Trần Thị Bình"]
    );

    let done = take(&site, ARTICLE, approve("trần thị  bình")).unwrap();
    assert_eq!(
        done.record.by.as_deref(),
        Some("Trần Thị Bình"),
        "the list's spelling"
    );
    let built = site.build();
    assert!(built.waiting.is_empty(), "{:?}", built.waiting);
    assert_eq!(site.html("tin-tuc/a/index.html").text("h1"), "Bài A");
    assert!(site.read("rss.xml").contains("Bài A"), "in the feeds too");
}

#[test]
fn without_approval_required_the_site_builds_as_before_whatever_the_blocks_say() {
    let site = Site::new();
    site.article("tin-tuc/a.md", "Bài A", "2025-09-01", "", "x\n")
        .article(
            "tin-tuc/b.md",
            "Bài B",
            "2025-09-02",
            "approval:\n  state: submitted\n",
            "y\n",
        );
    let built = site.build();
    assert!(site.exists("tin-tuc/a/index.html") && site.exists("tin-tuc/b/index.html"));
    assert!(built.waiting.is_empty() && built.warnings.is_empty());
    let out = site.run(&["build"]);
    assert_eq!(stdout(&out).lines().count(), 1, "{}", stdout(&out));
}

#[test]
fn the_build_summary_lists_what_waits_and_for_whom() {
    let site = approval_site();
    site.article("tin-tuc/b.md", "Bài B", "2025-09-02", "", "y\n")
        .article("tin-tuc/c.md", "Bài C", "2025-09-03", "", "z\n");
    take(&site, ARTICLE, submit("Lê Văn Cường")).unwrap();
    let note = Step::Return {
        by: Some("Nguyễn Văn An".into()),
        note: "Bổ sung số liệu quý III".into(),
    };
    take(&site, "content/tin-tuc/b.md", submit("Phạm Thị Dung")).unwrap();
    take(&site, "content/tin-tuc/b.md", note).unwrap();
    let out = site.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<String> = stdout(&out).lines().map(String::from).collect();
    assert_eq!(
        lines[0], "Chưa đăng vì chưa được duyệt (3 bài):",
        "{lines:#?}"
    );
    assert_eq!(
        lines[1],
        "  content/tin-tuc/a.md «Bài A» — chờ duyệt: Nguyễn Văn An, Trần Thị Bình"
    );
    assert_eq!(
        lines[2],
        "  content/tin-tuc/b.md «Bài B» — bị trả lại, chờ người viết (Phạm Thị Dung) sửa: Bổ sung số liệu quý III"
    );
    assert!(lines[3].starts_with("  content/tin-tuc/c.md «Bài C» — chưa gửi duyệt"));
    assert!(lines[4].starts_with("Đã dựng "), "{lines:#?}");
}

#[test]
fn publishing_sends_only_approved_articles() {
    let site = approval_site();
    site.article("tin-tuc/b.md", "Bài B", "2025-09-02", "", "y\n");
    take(&site, "content/tin-tuc/b.md", approve("Nguyễn Văn An")).unwrap();
    let zip_path = site.root().join("trang.zip");
    let out = site.run(&["publish", "--zip", zip_path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("content/tin-tuc/a.md «Bài A»"),
        "{}",
        stdout(&out)
    );
    let zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let names: Vec<&str> = zip.file_names().collect();
    assert!(names.contains(&"tin-tuc/b/index.html"), "{names:?}");
    assert!(
        !names.iter().any(|n| n.starts_with("tin-tuc/a/")),
        "{names:?}"
    );
}

#[test]
fn editing_an_approved_article_holds_it_back_and_the_build_says_so() {
    let site = approval_site();
    take(&site, ARTICLE, approve("Nguyễn Văn An")).unwrap();
    let text = site.read_source(ARTICLE);
    site.write(
        ARTICLE,
        &text.replace("Nội dung bài A.", "Nội dung đã sửa."),
    );
    let built = site.build();
    assert!(!site.exists("tin-tuc/a/index.html"));
    assert_eq!(built.waiting[0].status, Status::Changed);
    let [warning] = built.warnings.as_slice() else {
        panic!("one warning:\n{}", show(&built.warnings));
    };
    let line = text.lines().position(|l| l == "approval:").unwrap() + 1;
    assert_eq!((warning.path.to_str(), warning.line), (Some(ARTICLE), line));
    assert!(
        warning.message.contains("sửa sau khi được duyệt"),
        "{warning}"
    );
    let check = site.run(&["check"]);
    assert!(
        stderr(&check).contains("sửa sau khi được duyệt"),
        "{}",
        stderr(&check)
    );
    assert!(stdout(&check).contains("đã sửa sau khi duyệt, chờ duyệt:"));

    // Approved again, it is published with its new words.
    take(&site, ARTICLE, approve("Nguyễn Văn An")).unwrap();
    site.build();
    assert!(site
        .read("tin-tuc/a/index.html")
        .contains("Nội dung đã sửa."));
}

#[test]
fn a_hand_edited_seal_or_approver_is_not_an_approval() {
    let site = approval_site();
    take(&site, ARTICLE, approve("Nguyễn Văn An")).unwrap();
    let text = site.read_source(ARTICLE);
    let hash_line = text.lines().find(|l| l.contains("hash:")).unwrap();
    let last = hash_line.chars().rev().nth(1).unwrap();
    let other = if last == '0' { '1' } else { '0' };
    let forged = hash_line.replacen(&format!("{last}\""), &format!("{other}\""), 1);
    for edited in [
        text.replace(hash_line, &forged),
        text.replace("by: \"Nguyễn Văn An\"", "by: \"Trần Thị Bình\""),
        text.replace(hash_line, "  hash: \"đã duyệt\""),
    ] {
        site.write(ARTICLE, &edited);
        let built = site.build();
        assert!(!site.exists("tin-tuc/a/index.html"), "{edited}");
        assert_eq!(built.waiting[0].status, Status::Changed, "{edited}");
        assert_eq!(built.warnings.len(), 1, "{}", show(&built.warnings));
    }
}

#[test]
fn a_step_rewrites_only_the_approval_block_and_a_crlf_file_stays_crlf() {
    let site = approval_site();
    let original = "\u{feff}---\r\ntitle: \"Bài A\"  # tiêu đề\r\ndate: 2025-09-01\r\n\r\ntags: [a, b]\r\n---\r\nNội dung.\r\n\r\nĐoạn hai.   \r\n";
    site.write(ARTICLE, original);
    take(&site, ARTICLE, submit("Lê Văn Cường")).unwrap();
    take(&site, ARTICLE, approve("Nguyễn Văn An")).unwrap();
    let after = site.read_source(ARTICLE);
    let block_start = after.find("approval:\r\n").expect("the block, with CRLF");
    let block_end = block_start + after[block_start..].find("---\r\n").unwrap();
    let outside = format!("{}{}", &after[..block_start], &after[block_end..]);
    assert_eq!(outside, original, "every byte outside the block is kept");
    let block = &after[block_start..block_end];
    assert!(!block.replace("\r\n", "").contains('\n'), "{block:?}");
    assert!(
        block.contains("  state: approved\r\n  author: \"Lê Văn Cường\"\r\n"),
        "{block:?}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root().join("content/tin-tuc"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");
    site.build();
    assert!(site.exists("tin-tuc/a/index.html"));
}

#[test]
fn approving_an_article_that_does_not_build_is_refused_with_its_problems() {
    let site = approval_site();
    site.article(
        "tin-tuc/b.md",
        "Bài B",
        "2025-09-02",
        "",
        "Xem [bài cũ](khong-co.md).\n",
    );
    let before = site.read_source("content/tin-tuc/b.md");
    let problems = take(&site, "content/tin-tuc/b.md", approve("Nguyễn Văn An")).unwrap_err();
    let error = only_error(&problems);
    assert_eq!(
        (error.path.to_str(), error.line),
        (Some("content/tin-tuc/b.md"), 5)
    );
    assert!(error.message.contains("khong-co.md"), "{error}");
    assert_eq!(
        site.read_source("content/tin-tuc/b.md"),
        before,
        "the file is kept"
    );
    // A problem in another article does not stop this one.
    take(&site, ARTICLE, approve("Nguyễn Văn An")).unwrap();
    let out = site.run(&["approve", "content/tin-tuc/b.md", "--by", "Nguyễn Văn An"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("content/tin-tuc/b.md:5:5: lỗi:"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("Bài được giữ nguyên"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_approver_not_on_the_list_is_refused_at_the_lists_line() {
    let site = approval_site();
    let before = site.read_source(ARTICLE);
    let problems = take(&site, ARTICLE, approve("Lê Văn Tám")).unwrap_err();
    let error = only_error(&problems);
    let line = site
        .read_source("config.yaml")
        .lines()
        .position(|l| l == "approvers:")
        .unwrap()
        + 1;
    assert_eq!(
        (error.path.to_str(), error.line),
        (Some("config.yaml"), line)
    );
    assert!(error.message.contains("Lê Văn Tám"), "{error}");
    assert!(error
        .hint
        .as_deref()
        .unwrap()
        .contains("Nguyễn Văn An, Trần Thị Bình"));
    assert_eq!(site.read_source(ARTICLE), before);
}

#[test]
fn a_draft_is_neither_sent_nor_approved_until_draft_true_is_removed() {
    let site = approval_site();
    site.article(
        "tin-tuc/b.md",
        "Bài B",
        "2025-09-02",
        "draft: true\n",
        "y\n",
    );
    for step in [submit("Lê Văn Cường"), approve("Nguyễn Văn An")] {
        let problems = take(&site, "content/tin-tuc/b.md", step).unwrap_err();
        let error = only_error(&problems);
        assert_eq!(error.line, 4, "{error}");
        assert!(
            error.hint.as_deref().unwrap().contains("draft: true"),
            "{error}"
        );
    }
}

#[test]
fn sending_back_needs_a_note_and_records_it_for_the_author() {
    let site = approval_site();
    take(&site, ARTICLE, submit("Lê Văn Cường")).unwrap();
    let empty = Step::Return {
        by: None,
        note: "  ".into(),
    };
    let problems = take(&site, ARTICLE, empty).unwrap_err();
    assert_eq!(only_error(&problems).path.to_str(), Some("--note"));
    let out = site.run(&[
        "tra-lai",
        ARTICLE,
        "--by",
        "Nguyễn Văn An",
        "--note",
        "Thiếu nguồn: \"Báo An Giang\"",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = site.read_source(ARTICLE);
    assert!(text.contains("  state: returned\n"), "{text}");
    assert!(
        text.contains("  author: \"Lê Văn Cường\"\n"),
        "the author is kept: {text}"
    );
    assert!(
        text.contains("  note: \"Thiếu nguồn: \\\"Báo An Giang\\\"\"\n"),
        "{text}"
    );
    let built = site.build();
    assert_eq!(built.waiting[0].status, Status::Returned);
}

#[test]
fn the_vietnamese_verbs_do_what_the_english_ones_do_and_status_lists_by_stage() {
    let site = approval_site();
    site.article("tin-tuc/b.md", "Bài B", "2025-09-02", "", "y\n")
        .article("tin-tuc/c.md", "Bài C", "2025-12-01", "", "z\n")
        .article(
            "tin-tuc/d.md",
            "Bài D",
            "2025-09-04",
            "draft: true\n",
            "w\n",
        );
    let run = |args: &[&str]| {
        let out = site.run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    let sent = run(&["gui-duyet", ARTICLE, "--by", "Lê Văn Cường"]);
    assert!(
        sent.starts_with("Đã gửi duyệt content/tin-tuc/a.md «Bài A»"),
        "{sent}"
    );
    run(&["duyet", "content/tin-tuc/c.md", "--by", "Nguyễn Văn An"]);
    let status = run(&["trang-thai"]);
    let expected = [
        "Chờ duyệt (1):",
        "  content/tin-tuc/a.md (2025-09-01) «Bài A» — Lê Văn Cường gửi lúc 2025-11-25 12:00",
        "Nháp, chưa gửi duyệt (2):",
        "  content/tin-tuc/b.md (2025-09-02) «Bài B»",
        "  content/tin-tuc/d.md (2025-09-04) «Bài D»",
        "Hẹn ngày đăng (1):",
        "  content/tin-tuc/c.md (2025-12-01) «Bài C» — Nguyễn Văn An duyệt lúc 2025-11-25 12:00",
    ];
    assert_eq!(status.lines().collect::<Vec<_>>(), expected, "{status}");
    assert_eq!(run(&["status"]), status);
}

#[test]
fn the_approval_sheet_is_a_word_form_and_a_printable_page_with_the_decision() {
    let site = approval_site();
    take(&site, ARTICLE, submit("Lê Văn Cường")).unwrap();
    let out = site.run(&[
        "approve",
        ARTICLE,
        "--by",
        "Nguyễn Văn An",
        "--note",
        "Đồng ý đăng.",
        "--sheet",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = site.root().join("phieu-duyet");
    let bytes = std::fs::read(dir.join("phieu-duyet-a.docx")).unwrap();
    let json = docx_rs::read_docx(&bytes)
        .expect("a document Word can open")
        .json();
    for text in [
        "SỞ TƯ PHÁP TỈNH AN GIANG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "PHIẾU DUYỆT TIN, BÀI",
        "Bài A",
        "Văn phòng Sở",
        "Lê Văn Cường",
        "01/09/2025",
        "Nghị định số 118/2025/NĐ-CP",
        "https://stp.angiang.gov.vn/cchc/tin-tuc/a/",
        "Đồng ý đăng.",
        "☒ Đồng ý đăng        ☐ Trả lại để chỉnh sửa",
        "ngày 25 tháng 11 năm 2025",
        "NGƯỜI VIẾT BÀI",
        "LÃNH ĐẠO DUYỆT",
        "(Ký, ghi rõ họ tên)",
        "Nguyễn Văn An",
    ] {
        assert!(json.contains(&format!("\"{text}\"")), "missing {text}");
    }
    assert!(
        json.contains("\"w\": 11906") && json.contains("\"h\": 16838"),
        "A4"
    );
    let page = crate::support::Page(scraper::Html::parse_document(
        &std::fs::read_to_string(dir.join("phieu-duyet-a.html")).unwrap(),
    ));
    assert_eq!(page.text("h1"), "PHIẾU DUYỆT TIN, BÀI");
    let cells: Vec<String> = page.texts("td");
    assert!(cells.contains(&"Lê Văn Cường".to_string()), "{cells:?}");
    assert_eq!(page.text(".opinion"), "Đồng ý đăng.");
    assert!(page.text(".signatures").ends_with("Nguyễn Văn An"));
}

#[test]
fn a_sheet_before_the_decision_leaves_lines_to_write_by_hand_and_is_never_published() {
    let site = approval_site();
    let out = site.run(&["approve", "--sheet", "tin-tuc/a.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(site.root().join("phieu-duyet/phieu-duyet-a.html")).unwrap();
    let page = crate::support::Page(scraper::Html::parse_document(&html));
    assert_eq!(
        page.count(".opinion"),
        3,
        "three dotted lines for the opinion"
    );
    assert!(page.text(".decision").starts_with("☐ Đồng ý đăng"));
    assert!(page.text(".signatures").contains("ngày …… tháng …… năm ……"));
    assert!(
        !site.read_source(ARTICLE).contains("approval:"),
        "the article is untouched"
    );
    site.build();
    let published = crate::support::files_under(&site.output());
    assert!(
        !published.keys().any(|k| k.contains("phieu-duyet")),
        "{:?}",
        published.keys()
    );
}

// The leader's review on a phone (`loa serve --review`), as plain HTTP sees it.

/// A review preview of `site` on a free loopback port.
pub fn start_review(site: &Site) -> Server {
    let options = ServeOptions {
        review: true,
        desk: false,
        ..crate::support::preview_options(site.root(), NOW)
    };
    Server::start(options, |_| {}).expect("serve --review starts")
}

/// The review page's URL, and its path (`/<token>/cchc/__loa/duyet/`).
fn review_page(server: &Server) -> (String, String) {
    let url = server.review_urls().remove(0);
    let path = url.splitn(4, '/').nth(3).map(|p| format!("/{p}")).unwrap();
    (url, path)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(std::time::Duration::from_secs(30)))
        .build()
        .into()
}

fn fetch(url: &str) -> (u16, String) {
    let mut response = agent().get(url).call().expect("request");
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_to_string().unwrap_or_default(),
    )
}

/// POSTs a review form with the given headers.
fn post(url: &str, headers: &[(&str, &str)], form: &str) -> (u16, String) {
    let mut request = agent()
        .post(url)
        .header("Content-Type", "application/x-www-form-urlencoded");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut response = request.send(form).expect("request");
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_to_string().unwrap_or_default(),
    )
}

/// The run's secret, as the review page carries it.
fn secret(page: &str) -> String {
    crate::support::Page(scraper::Html::parse_document(page))
        .attr("script[data-secret]", "data-secret")
}

/// The approval site with article A sent for approval and article B not sent.
fn review_site() -> Site {
    let site = approval_site();
    site.article("tin-tuc/b.md", "Bài B", "2025-09-02", "", "y\n");
    take(&site, ARTICLE, submit("Lê Văn Cường")).unwrap();
    site
}

#[test]
fn the_review_answers_only_under_its_token() {
    let site = review_site();
    let server = start_review(&site);
    let (url, path) = review_page(&server);
    let token = path.split('/').nth(1).unwrap().to_string();
    assert_eq!(token.len(), 32, "{path}");
    let origin = format!("http://{}", server.addr());
    let (status, body) = fetch(&url);
    assert_eq!(status, 200, "{body}");
    let page = crate::support::Page(scraper::Html::parse_document(&body));
    assert_eq!(page.texts("form.bai h2"), ["Bài A"], "only what waits");
    let wrong = format!(
        "{}{}",
        &token[..31],
        if token.ends_with('0') { '1' } else { '0' }
    );
    for path in [
        "/".to_string(),
        "/cchc/".to_string(),
        "/cchc/__loa/duyet/".to_string(),
        format!("/{wrong}/cchc/__loa/duyet/"),
        format!("/{}/cchc/", &token[..16]),
    ] {
        let (status, body) = fetch(&format!("{origin}{path}"));
        assert_eq!(status, 403, "{path}");
        assert!(body.contains("mã bí mật"), "{body}");
        assert!(
            !body.contains(&token),
            "the refusal gives the token away: {body}"
        );
    }
    // The waiting article as it will look; the one not sent is not shown.
    let (status, body) = fetch(&format!("{origin}/{token}/cchc/tin-tuc/a/"));
    assert_eq!(status, 200);
    assert!(body.contains("Nội dung bài A."));
    assert_eq!(fetch(&format!("{origin}/{token}/cchc/tin-tuc/b/")).0, 404);
}

#[test]
fn the_review_refuses_another_host_even_with_the_token() {
    let site = review_site();
    let server = start_review(&site);
    let (_, path) = review_page(&server);
    let port = server.addr().port();
    let reply = crate::serve::raw(
        &server,
        &format!("GET {path}"),
        Some(&format!("evil.example:{port}")),
        &[],
    );
    assert_eq!(reply.status, 421);
    assert!(!reply.body.contains("Bài A"));
    let ours = crate::serve::raw(
        &server,
        &format!("GET {path}"),
        Some(&format!("127.0.0.1:{port}")),
        &[],
    );
    assert_eq!(ours.status, 200);
}

#[test]
fn approving_from_the_review_needs_the_secret_and_the_same_origin_then_publishes() {
    let site = review_site();
    let server = start_review(&site);
    let (url, _) = review_page(&server);
    let secret = secret(&fetch(&url).1);
    let origin = format!("http://{}", server.addr());
    let form = "file=tin-tuc%2Fa.md&step=approve&by=Tr%E1%BA%A7n+Th%E1%BB%8B+B%C3%ACnh";
    for headers in [
        vec![("Origin", origin.as_str())],
        vec![
            ("Origin", "http://evil.example"),
            ("X-Loa-Secret", secret.as_str()),
        ],
        vec![("X-Loa-Secret", secret.as_str())],
    ] {
        let (status, _) = post(&url, &headers, form);
        assert_eq!(status, 403, "{headers:?}");
    }
    assert!(!site.read_source(ARTICLE).contains("approved"));
    let own = [
        ("Origin", origin.as_str()),
        ("X-Loa-Secret", secret.as_str()),
    ];
    let (status, body) = post(&url, &own, form);
    assert_eq!(status, 200, "{body}");
    assert!(
        body.starts_with("Đã duyệt content/tin-tuc/a.md «Bài A»: Trần Thị Bình"),
        "{body}"
    );
    site.build();
    assert!(
        site.exists("tin-tuc/a/index.html"),
        "approved on the phone, published"
    );
    // Approved, it no longer waits: a second tap is turned away.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while fetch(&url).1.contains("<form class=\"bai\"") && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(post(&url, &own, form).0, 404);
}

#[test]
fn the_review_takes_only_approve_or_return_of_an_article_that_waits() {
    let site = review_site();
    let server = start_review(&site);
    let (url, _) = review_page(&server);
    let secret = secret(&fetch(&url).1);
    let origin = format!("http://{}", server.addr());
    let own = [
        ("Origin", origin.as_str()),
        ("X-Loa-Secret", secret.as_str()),
    ];
    let config = site.read_source("config.yaml");
    for (form, status) in [
        (
            "file=tin-tuc%2Fb.md&step=approve&by=Nguy%E1%BB%85n+V%C4%83n+An",
            404,
        ),
        (
            "file=..%2F..%2Fconfig.yaml&step=approve&by=Nguy%E1%BB%85n+V%C4%83n+An",
            404,
        ),
        ("file=tin-tuc%2Fa.md&step=delete", 400),
        ("file=tin-tuc%2Fa.md&step=approve&by=Ai+%C4%90%C3%B3", 422),
        ("file=tin-tuc%2Fa.md&step=return&note=+", 422),
    ] {
        let (got, body) = post(&url, &own, form);
        assert_eq!(got, status, "{form}: {body}");
    }
    assert_eq!(site.read_source("config.yaml"), config);
    assert!(site.read_source(ARTICLE).contains("state: submitted"));
    let (status, body) = post(
        &url,
        &own,
        "file=tin-tuc%2Fa.md&step=return&note=Th%C3%AAm+%E1%BA%A3nh",
    );
    assert_eq!(status, 200, "{body}");
    assert!(site.read_source(ARTICLE).contains("note: \"Thêm ảnh\""));
}

#[test]
fn several_articles_are_approved_in_one_command_and_one_refusal_does_not_stop_the_others() {
    let site = approval_site();
    site.article(
        "tin-tuc/b.md",
        "Bài B",
        "2025-09-02",
        "draft: true\n",
        "y\n",
    )
    .article("tin-tuc/c.md", "Bài C", "2025-09-03", "", "z\n");
    let out = site.run(&[
        "duyet",
        ARTICLE,
        "content/tin-tuc/b.md",
        "tin-tuc/c.md",
        "--by",
        "Nguyễn Văn An",
    ]);
    assert_eq!(out.status.code(), Some(1), "B is still a draft");
    assert_eq!(
        stdout(&out).matches("Đã duyệt ").count(),
        2,
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("content/tin-tuc/b.md:4:1:"),
        "{}",
        stderr(&out)
    );
    site.build();
    assert!(site.exists("tin-tuc/a/index.html") && site.exists("tin-tuc/c/index.html"));
}

#[test]
fn a_page_linking_to_an_article_not_yet_approved_is_told_that_approval_is_missing() {
    let site = approval_site();
    site.page(
        "gioi-thieu.md",
        "Giới thiệu",
        "",
        "Xem [bài A](tin-tuc/a.md).\n",
    );
    let problems = site.build_fails();
    let error = only_error(&problems);
    assert_eq!(error.path.to_str(), Some("content/gioi-thieu.md"));
    assert!(error.message.contains("chưa được duyệt"), "{error}");
    assert!(error.hint.as_deref().unwrap().contains("duyệt"), "{error}");
}
