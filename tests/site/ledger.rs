//! The ledger of activities that are not articles (`data/hoat-dong.yaml`): a Law Day session,
//! a Zalo post, a leaflet. Counted beside articles in the report, on the progress page and in
//! `check`'s targets (per topic, unit and channel), each count saying where it came from;
//! every problem of the file placed at its line.

use loa::report::{self, Period};

use crate::report::{q4, report_site};
use crate::support::{show, Site};

/// Two activities held by the fixtures' "now" (25 November 2025) and one planned after it.
/// The evidence path is written with Windows' separator, as Explorer copies it.
const LEDGER: &str = r#"# Hoạt động không có bài trên trang.
- date: 2025-10-17
  channel: zalo
  unit: van-phong
  topics: [de-an-06]
  title: "Gửi hướng dẫn kích hoạt VNeID qua Zalo"
  link: "https://zalo.me/stp/1"

- date: 2025-11-10
  channel: zalo
  unit: phong-pbgdpl
  topics: [nghi-dinh-118, par-index]
  title: "Phát tờ rơi về Nghị định 118"
  place: "Bộ phận Một cửa"
  participants: 40
  cost: "1.500.000"
  evidence: minh-chung\to-roi.pdf

- date: 2025-12-20
  channel: zalo
  title: "Nhắn tin nhắc lịch Ngày Pháp luật tháng 12"
"#;

/// The report fixture with the ledger and its evidence file.
fn ledger_site() -> Site {
    let site = report_site();
    site.write("data/hoat-dong.yaml", LEDGER)
        .write("data/minh-chung/to-roi.pdf", "%PDF-1.4\n");
    site
}

/// A count row as (name, articles, activities).
fn rows(counts: &[report::Count]) -> Vec<(&str, usize, usize)> {
    counts
        .iter()
        .map(|c| (c.name.as_str(), c.count, c.activities))
        .collect()
}

#[test]
fn activities_count_beside_articles_in_every_table_of_the_report() {
    let site = ledger_site();
    let r = q4(&site);
    assert_eq!(
        rows(&r.topics),
        [
            ("Nghị định số 118/2025/NĐ-CP", 0, 1),
            ("Đề án 06/CP", 1, 1),
            ("Chỉ số PAR INDEX", 3, 1)
        ]
    );
    assert_eq!(
        rows(&r.units),
        [
            ("Văn phòng Sở", 1, 1),
            ("Phòng Phổ biến, giáo dục pháp luật", 1, 1)
        ]
    );
    assert_eq!(rows(&r.channels), [("Trang Zalo của Sở", 1, 2)]);
    assert_eq!(
        rows(&r.months),
        [
            ("Tháng 10/2025", 2, 1),
            ("Tháng 11/2025", 1, 1),
            ("Tháng 12/2025", 0, 0)
        ],
        "the December activity is still to come on 25 November"
    );
    assert_eq!(r.total, 3, "activities are not articles");
    assert_eq!(r.cost, 1_500_000);
    let listed: Vec<(&str, &str, &str)> = r
        .activities
        .iter()
        .map(|a| (a.date.as_str(), a.unit.as_str(), a.proof.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            ("17/10/2025", "Văn phòng Sở", "https://zalo.me/stp/1"),
            (
                "10/11/2025",
                "Phòng Phổ biến, giáo dục pháp luật",
                "data/minh-chung/to-roi.pdf"
            )
        ]
    );
    // Every count says where it came from: articles, activities, the sum.
    let md = report::markdown(&r);
    assert!(md.contains("|  | Số bài | Hoạt động | Cộng |\n"), "{md}");
    assert!(
        md.lines()
            .any(|l| l == "| Nghị định số 118/2025/NĐ-CP | chưa có bài | 1 | 1 |"),
        "{md}"
    );
    assert!(md.contains("| 10/11/2025 | Phát tờ rơi về Nghị định 118 (Bộ phận Một cửa) | Trang Zalo của Sở | Phòng Phổ biến, giáo dục pháp luật | 40 | 1.500.000 | data/minh-chung/to-roi.pdf |"), "{md}");
    assert!(
        r.summary
            .iter()
            .any(|p| p.contains("2 hoạt động tuyên truyền khác (Trang Zalo của Sở: 2)")),
        "{:?}",
        r.summary
    );
    // A spreadsheet gets the cost as a number it can sum.
    let csv = String::from_utf8(report::csv(&r)).unwrap();
    assert!(
        csv.contains(",40,1500000,data/minh-chung/to-roi.pdf"),
        "{csv}"
    );
}

#[test]
fn an_activity_dated_after_now_counts_from_its_day() {
    let site = ledger_site();
    let mut options = site.options();
    options.now = Some("2025-12-21".to_string());
    let (assembled, _) = loa::assemble_site(&options).unwrap();
    let r = report::build(&assembled, &Period::quarter("2025-Q4").unwrap());
    assert_eq!(rows(&r.months)[2], ("Tháng 12/2025", 1, 1));
    assert_eq!(r.activities.len(), 3);
}

#[test]
fn the_progress_page_shows_activities_apart_from_articles_and_never_their_cost() {
    let site = ledger_site();
    site.build();
    let page = site.html("ke-hoach/tien-do/index.html");
    assert!(page
        .texts("p.lead")
        .iter()
        .any(|t| t.contains("ghi nhận 2 hoạt động tuyên truyền khác")));
    let first = page.texts("table.coverage tbody tr:nth-child(1) td");
    assert_eq!(first[0], "chưa có bài + 1 hoạt động");
    let units: Vec<Vec<String>> = ["1", "2"]
        .iter()
        .map(|n| page.texts(&format!("table.unit-coverage tbody tr:nth-child({n}) > *")))
        .collect();
    // Articles of all time, as the topic table counts them; activities held by now.
    assert_eq!(units[0], ["Văn phòng Sở", "2", "1", ""]);
    assert_eq!(
        units[1],
        ["Phòng Phổ biến, giáo dục pháp luật", "1", "1", ""]
    );
    assert!(page
        .texts("section.channel dd")
        .contains(&"2 hoạt động (ghi trong sổ hoạt động)".to_string()));
    assert_eq!(
        page.texts("section.channel ul.activities li a"),
        ["Gửi hướng dẫn kích hoạt VNeID qua Zalo"],
        "the activity with a link links to its post"
    );
    assert_eq!(
        page.attr("section.channel ul.activities li a", "href"),
        "https://zalo.me/stp/1"
    );
    let text = page.text("main");
    for private in ["1.500.000", "1500000", "to-roi.pdf", "Nhắn tin nhắc lịch"] {
        assert!(!text.contains(private), "{private} on a public page");
    }
}

/// The fixture with targets on a unit and a channel: Văn phòng two a quarter, Zalo written
/// with `count:`, as a channel's target reads best.
fn site_with_unit_and_channel_targets(zalo: &str) -> (Site, String) {
    let site = ledger_site();
    let config = site.config_with(&[
        (
            "    name: \"Văn phòng Sở\"\n    description: \"\"\n",
            "    name: \"Văn phòng Sở\"\n    description: \"\"\n    target: {articles: 2, per: quarter}\n",
        ),
        (
            "    partners: [phong-pbgdpl]\n",
            &format!("    partners: [phong-pbgdpl]\n    target: {zalo}\n"),
        ),
    ]);
    (site, config)
}

#[test]
fn targets_per_unit_and_channel_count_articles_and_activities() {
    let (site, _) = site_with_unit_and_channel_targets("{count: 3, per: quarter}");
    let r = q4(&site);
    let planned: Vec<(&str, Option<u32>, String)> = r
        .units
        .iter()
        .chain(&r.channels)
        .map(|c| (c.name.as_str(), c.planned, c.percent()))
        .collect();
    assert_eq!(
        planned,
        [
            ("Văn phòng Sở", Some(2), "100%".to_string()),
            ("Phòng Phổ biến, giáo dục pháp luật", None, String::new()),
            ("Trang Zalo của Sở", Some(3), "100%".to_string()),
        ]
    );
    assert!(
        r.summary
            .iter()
            .any(|p| p == "Đạt cả 2 chỉ tiêu kế hoạch đặt ra cho kỳ báo cáo."),
        "{:?}",
        r.summary
    );
    site.build();
    let page = site.html("ke-hoach/tien-do/index.html");
    assert_eq!(
        page.texts("table.unit-coverage tbody tr:nth-child(1) td")[2],
        "2/2 (1 bài, 1 hoạt động; quý IV/2025) · đạt"
    );
    let channel = page.texts("section.channel dd");
    assert!(
        channel.contains(&"3/3 (1 bài, 2 hoạt động; quý IV/2025) · đạt".to_string()),
        "{channel:?}"
    );
}

#[test]
fn check_warns_about_a_channel_behind_its_target_at_its_line() {
    // November to the 25th: 4 × 25/30 = 3 expected; one article and one activity so far.
    let (site, config) = site_with_unit_and_channel_targets("{count: 4, per: month}");
    let out = site.run(&["check"]);
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let behind: Vec<&str> = all
        .lines()
        .filter(|l| l.contains("chậm so với chỉ tiêu"))
        .collect();
    let line = config
        .lines()
        .position(|l| l.contains("key: zalo"))
        .unwrap()
        + 1;
    assert_eq!(
        behind,
        [format!("config.yaml:{line}:1: cảnh báo: hình thức \"Trang Zalo của Sở\" chậm so với chỉ tiêu: tháng 11/2025 mới có 2 (1 bài, 1 hoạt động), đến hôm nay lẽ ra đã có 3 (chỉ tiêu cả kỳ: 4)")],
        "{all}"
    );
    assert!(
        all.contains("data/hoat-dong.yaml"),
        "the hint names the ledger: {all}"
    );
}

#[test]
fn every_problem_of_a_ledger_is_reported_at_its_line_in_one_run() {
    let site = report_site();
    site.write(
        "data/hoat-dong.yaml",
        "- date: 2025-13-01\n  channel: zalo\n  title: \"A\"\n\n- date: 2025-10-01\n  channel: facebook\n  title: \"B\"\n\n- date: 2025-10-02\n  channel: zalo\n  title: \"C\"\n  topics: [de-an-6]\n  cost: -5\n\n- channel: zalo\n",
    );
    let problems = site.build_fails();
    let placed: Vec<(String, usize, usize)> = problems
        .iter()
        .map(|d| (d.path.to_string_lossy().replace('\\', "/"), d.line, d.col))
        .collect();
    let at = |line, col| ("data/hoat-dong.yaml".to_string(), line, col);
    assert_eq!(
        placed,
        [
            at(1, 3),  // a month 13
            at(6, 3),  // a channel config.yaml does not have
            at(12, 3), // a topic config.yaml does not have
            at(13, 3), // a cost below zero
            at(15, 1), // no date
            at(15, 1), // no title
        ],
        "{}",
        show(&problems)
    );
    assert!(problems[2].hint.as_deref().unwrap().contains("de-an-06"));
    assert!(!site.output().exists(), "a failed build writes nothing");
}

#[test]
fn evidence_is_read_with_either_separator_and_only_from_inside_data() {
    let site = report_site();
    site.write("data/minh-chung/anh.jpg", "x");
    let entry = |evidence: &str| {
        format!("- date: 2025-10-01\n  channel: zalo\n  title: \"A\"\n  evidence: \"{evidence}\"\n")
    };
    for good in ["minh-chung/anh.jpg", "minh-chung\\\\anh.jpg"] {
        site.write("data/hoat-dong.yaml", &entry(good));
        site.try_build()
            .unwrap_or_else(|p| panic!("{good}: {}", show(&p)));
    }
    for (bad, says) in [
        ("../config.yaml", "phải nằm trong thư mục data/"),
        (
            "C:\\\\Users\\\\vp\\\\anh.jpg",
            "phải nằm trong thư mục data/",
        ),
        ("/etc/passwd", "phải nằm trong thư mục data/"),
        (
            "minh-chung/anh.png",
            "không tìm thấy tệp minh chứng `data/minh-chung/anh.png`",
        ),
    ] {
        site.write("data/hoat-dong.yaml", &entry(bad));
        let problems = site.build_fails();
        let d = crate::support::only_error(&problems);
        assert_eq!((d.line, d.col), (4, 3), "{bad}: {d}");
        assert!(d.message.contains(says), "{bad}: {d}");
    }
}

#[cfg(unix)]
#[test]
fn an_evidence_file_reached_through_a_link_is_refused() {
    let site = report_site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("bi-mat.pdf"), "x").unwrap();
    std::fs::create_dir_all(site.root().join("data")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.root().join("data/minh-chung")).unwrap();
    site.write(
        "data/hoat-dong.yaml",
        "- date: 2025-10-01\n  channel: zalo\n  title: \"A\"\n  evidence: minh-chung/bi-mat.pdf\n",
    );
    let problems = site.build_fails();
    let d = crate::support::only_error(&problems);
    assert_eq!(d.line, 4);
    assert!(d.message.contains("lối tắt (liên kết) `minh-chung`"), "{d}");
}

#[test]
fn the_sample_site_reports_its_fourth_quarter_without_a_warning() {
    let out = crate::support::loa_command(crate::support::sample_root(), "2026-01-05")
        .args(["report", "--quarter", "2025-Q4", "--format", "md"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.is_empty(), "{stderr}");
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("#### 6. Hoạt động tuyên truyền khác"), "{md}");
    assert!(
        !md.contains("Chưa viết"),
        "the sample writes every section: {md}"
    );
}
