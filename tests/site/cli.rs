//! The `loa` command as the officer runs it: exit codes, messages, init, new, check.

use std::process::{Command, Output};

use crate::support::Site;

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn build_succeeds_with_a_one_line_summary() {
    let site = Site::new();
    site.article("tin-tuc/a.md", "A", "2025-09-01", "", "x\n");
    let out = site.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("Đã dựng "), "{stdout}");
    assert!(site.exists("tin-tuc/a/index.html"));
}

#[test]
fn a_broken_site_exits_1_with_every_problem_placed_and_writes_nothing() {
    let site = Site::new();
    site.write(
        "content/tin-tuc/a.md",
        "---\ntitle: A\ndate: 2025-13-01\n---\n",
    )
    .write(
        "content/tin-tuc/b.md",
        "---\ntitle: B\ndate: 2025-09-01\ntopics: [de-an-6]\n---\n",
    );
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let firsts: Vec<&str> = err.lines().filter(|l| l.starts_with("content/")).collect();
    assert_eq!(firsts.len(), 2, "{err}");
    assert!(
        firsts[0].starts_with("content/tin-tuc/a.md:3:1: lỗi: "),
        "{err}"
    );
    assert!(
        firsts[1].starts_with("content/tin-tuc/b.md:4:1: lỗi: "),
        "{err}"
    );
    assert!(
        err.contains("de-an-06"),
        "the closest topic key is suggested: {err}"
    );
    assert!(!site.output().exists());
}

#[test]
fn check_writes_nothing_and_deny_warnings_turns_warnings_into_failure() {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-09-01",
        "",
        "<p style=\"mso-x\">Dán từ Word</p>\n",
    );
    let out = site.run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("content/tin-tuc/a.md:5:1: cảnh báo:"),
        "{}",
        stderr(&out)
    );
    assert!(!site.output().exists());
    let strict = site.run(&["check", "--deny-warnings"]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn init_makes_a_site_that_builds_and_never_overwrites_one() {
    let dir = tempfile::tempdir().unwrap();
    let site_dir = dir.path().join("trang-moi");
    let out = Command::new(env!("CARGO_BIN_EXE_loa"))
        .arg("init")
        .arg(&site_dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let config = std::fs::read_to_string(site_dir.join("config.yaml")).unwrap();
    for topic in [
        "par-index",
        "nghi-dinh-118",
        "de-an-06",
        "chinh-quyen-hai-cap",
    ] {
        assert!(config.contains(&format!("key: {topic}")), "{topic}");
    }
    let build = Command::new(env!("CARGO_BIN_EXE_loa"))
        .arg("--root")
        .arg(&site_dir)
        .arg("build")
        .output()
        .unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(site_dir
        .join("output/tin-tuc/chao-mung/index.html")
        .exists());

    std::fs::write(site_dir.join("config.yaml"), "title: của tôi\n").unwrap();
    let again = Command::new(env!("CARGO_BIN_EXE_loa"))
        .arg("init")
        .arg(&site_dir)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(site_dir.join("config.yaml")).unwrap(),
        "title: của tôi\n"
    );
}

#[test]
fn new_creates_a_draft_with_the_title_slug_topics_and_today() {
    let site = Site::new();
    let out = site.run(&[
        "new",
        "Tập huấn Nghị định 118/2025/NĐ-CP",
        "--topic",
        "nghi-dinh-118",
        "--section",
        "su-kien",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(
        path.ends_with("content/su-kien/tap-huan-nghi-dinh-118-2025-nd-cp.md"),
        "{path}"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let (page, problems) = loa::parse::parse(
        &loa::load::Source::new(
            "su-kien/tap-huan-nghi-dinh-118-2025-nd-cp.md".into(),
            path.clone().into(),
            text.into_bytes(),
        ),
        &loa::config::parse(crate::support::CONFIG, &Default::default()).unwrap(),
    );
    assert!(problems.is_empty(), "{problems:?}");
    let meta = page.unwrap().meta;
    assert_eq!(meta.title, "Tập huấn Nghị định 118/2025/NĐ-CP");
    assert_eq!(meta.topics, ["nghi-dinh-118"]);
    assert!(meta.draft);
    assert_eq!(
        meta.date.unwrap().strftime("%Y-%m-%d %H:%M").to_string(),
        "2025-11-25 12:00"
    );

    let again = site.run(&[
        "new",
        "Tập huấn Nghị định 118/2025/NĐ-CP",
        "--section",
        "su-kien",
    ]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "an existing article is never overwritten"
    );
}

#[test]
fn new_rejects_an_unknown_topic_with_a_suggestion() {
    let site = Site::new();
    let out = site.run(&["new", "Bài", "--topic", "de-an-6"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("de-an-06"), "{}", stderr(&out));
    assert!(!site.root().join("content").exists());
}

#[test]
fn init_dates_its_sample_article_with_now() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["--now", "2025-08-21 09:00", "init"])
        .arg(dir.path().join("moi"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let article =
        std::fs::read_to_string(dir.path().join("moi/content/tin-tuc/chao-mung.md")).unwrap();
    assert!(
        article.lines().any(|l| l == "date: 2025-08-21"),
        "{article}"
    );
}

#[test]
fn a_failed_check_says_what_it_found_not_that_a_build_failed() {
    let site = Site::new();
    site.write("content/tin-tuc/a.md", "---\ntitle: A\n---\n");
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let last = stderr(&out).lines().last().unwrap_or_default().to_string();
    // The missing date is the error; the missing share image is advice, shown with it.
    assert_eq!(last, "Kiểm tra thấy 1 lỗi, 1 cảnh báo.");
}

#[test]
fn serve_announces_its_address_and_warns_when_open_to_the_network() {
    use std::io::BufRead;
    let site = Site::new();
    site.article("tin-tuc/a.md", "A", "2025-09-01", "", "x\n");
    let mut child = Command::new(env!("CARGO_BIN_EXE_loa"))
        .arg("--root")
        .arg(site.root())
        .args(["serve", "--bind", "0.0.0.0", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start loa serve");
    let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let announced = stdout
        .lines()
        .map_while(Result::ok)
        .find(|l| l.starts_with("Đang xem trước tại "))
        .expect("an address");
    let url = announced
        .trim_start_matches("Đang xem trước tại ")
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with("/cchc/"),
        "{url}"
    );
    let home = ureq::get(&url)
        .call()
        .expect("the preview answers")
        .body_mut()
        .read_to_string()
        .unwrap();
    assert!(home.contains("<html lang=\"vi\">"));
    child.kill().unwrap();
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    let _ = child.wait();
    assert!(
        stderr.contains("cảnh báo: máy chủ xem trước mở cho cả mạng"),
        "{stderr}"
    );
    assert!(!site.output().exists());
}

#[test]
fn new_refuses_a_section_on_a_reserved_path() {
    let site = Site::new();
    let out = site.run(&["new", "Kế hoạch 62", "--section", "Văn bản"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("/van-ban/"), "{}", stderr(&out));
    assert!(!site.root().join("content").exists());
}

#[test]
fn a_bad_now_is_named_once() {
    let site = Site::new();
    let out = Command::new(env!("CARGO_BIN_EXE_loa"))
        .arg("--root")
        .arg(site.root())
        .args(["--now", "05/01/2026", "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let first = stderr(&out).lines().next().unwrap_or_default().to_string();
    assert_eq!(first, "--now: lỗi: `05/01/2026` không phải ngày giờ hợp lệ");
}

#[test]
fn import_prints_the_new_draft_then_the_summary_and_nhap_is_the_same_verb() {
    let site = Site::new();
    let docx = crate::import::fixture("python-docx.docx");
    let out = site.run(&["nhap", docx.to_str().unwrap(), "--section", "su-kien"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let first = stdout.lines().next().unwrap_or_default();
    assert!(
        first
            .ends_with("su-kien/uy-ban-nhan-dan-xa-trien-khai-de-an-06-ve-du-lieu-dan-cu/index.md"),
        "{stdout}"
    );
    assert!(std::path::Path::new(first).is_file(), "{first}");
    assert!(stdout.contains("Cần kiểm tra trước khi đăng:"), "{stdout}");
    let doc = site.root().join("bai.doc");
    std::fs::write(&doc, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).unwrap();
    let out = site.run(&["import", doc.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("bai.doc: lỗi: đây là tệp Word 97"), "{err}");
    assert!(err.contains("Chưa tạo được gì"), "{err}");
}
