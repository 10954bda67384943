//! `loa report`: the periodic report to Sở Nội vụ, counted from the site.

use loa::report::{self, Period};

use crate::support::Site;

fn report_site() -> Site {
    let site = Site::new();
    site.article("tin-tuc/thang-9.md", "Bài tháng 9", "2025-09-15", "topics: [de-an-06]\nunit: van-phong\nchannels: [zalo]\n", "x\n")
        .article("tin-tuc/thang-10.md", "Bài tháng 10", "2025-10-05", "topics: [de-an-06, par-index]\nunit: van-phong\n", "x\n")
        .article("tin-tuc/thang-11.md", "Bài tháng 11", "2025-11-20", "topics: [par-index]\nunit: phong-pbgdpl\nchannels: [zalo]\n", "x\n")
        .article("tin-tuc/nhap.md", "Bản nháp", "2025-10-06", "topics: [nghi-dinh-118]\ndraft: true\n", "x\n")
        .article("tin-tuc/hen.md", "Hẹn ngày", "2025-12-01", "topics: [nghi-dinh-118]\n", "x\n")
        .article(
            "su-kien/ngay-phap-luat.md",
            "Ngày Pháp luật tháng 10",
            "2025-10-01",
            "topics: [par-index]\nevent:\n  start: 2025-10-17 07:30\n  location: \"Hội trường Sở\"\n  participants: 100\n",
            "x\n",
        );
    site
}

fn q4(site: &Site) -> report::Report {
    let (assembled, _) = loa::assemble_site(&site.options()).unwrap();
    report::build(&assembled, &Period::quarter("2025-Q4").unwrap())
}

#[test]
fn the_report_counts_published_articles_of_the_period_by_topic_unit_channel_and_month() {
    let site = report_site();
    let r = q4(&site);
    assert_eq!(r.period, "Từ ngày 1/10/2025 đến ngày 31/12/2025");
    assert_eq!(
        r.total, 3,
        "September is outside; the draft and the future article are not published"
    );
    let topics: Vec<(&str, usize)> = r
        .topics
        .iter()
        .map(|c| (c.name.as_str(), c.count))
        .collect();
    assert_eq!(
        topics,
        [
            ("Nghị định số 118/2025/NĐ-CP", 0),
            ("Đề án 06/CP", 1),
            ("Chỉ số PAR INDEX", 3)
        ]
    );
    let units: Vec<usize> = r.units.iter().map(|c| c.count).collect();
    assert_eq!(units, [1, 1]);
    assert_eq!(r.channels[0].count, 1);
    let months: Vec<(&str, usize)> = r
        .months
        .iter()
        .map(|c| (c.name.as_str(), c.count))
        .collect();
    assert_eq!(
        months,
        [
            ("Tháng 10/2025", 2),
            ("Tháng 11/2025", 1),
            ("Tháng 12/2025", 0)
        ]
    );
    assert_eq!(r.events.len(), 1);
    assert_eq!(
        (r.events[0].date.as_str(), r.events[0].time.as_str()),
        ("17/10/2025", "07:30")
    );
    assert_eq!(r.participants, 100);
    let titles: Vec<&str> = r.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Ngày Pháp luật tháng 10", "Bài tháng 10", "Bài tháng 11"]
    );
    assert_eq!(
        r.articles[1].url,
        "https://stp.angiang.gov.vn/cchc/tin-tuc/thang-10/"
    );
}

#[test]
fn a_topic_without_articles_is_marked_in_every_format() {
    let site = report_site();
    let r = q4(&site);
    let md = report::markdown(&r);
    assert!(
        md.lines()
            .any(|l| l == "| Nghị định số 118/2025/NĐ-CP | chưa có bài |"),
        "{md}"
    );
    let html = scraper::Html::parse_document(&report::html(&r));
    let rows: Vec<String> = html
        .select(&scraper::Selector::parse("table:first-of-type tr").unwrap())
        .map(|tr| crate::support::fold(&tr.text().collect::<Vec<_>>().join(" ")))
        .collect();
    assert!(
        rows.contains(&"Nghị định số 118/2025/NĐ-CP chưa có bài".to_string()),
        "{rows:?}"
    );
    let title: String = html
        .select(&scraper::Selector::parse("h1").unwrap())
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(title, "BÁO CÁO");
}

#[test]
fn the_csv_opens_in_excel_with_vietnamese_intact() {
    let site = report_site();
    let bytes = report::csv(&q4(&site));
    assert_eq!(
        &bytes[..3],
        b"\xEF\xBB\xBF",
        "a UTF-8 byte order mark for Excel"
    );
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&bytes[3..]);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert!(
        rows.contains(&vec!["Đề án 06/CP".to_string(), "1".to_string()]),
        "{rows:?}"
    );
    assert!(rows
        .iter()
        .any(|r| r.first().map(String::as_str) == Some("17/10/2025")
            && r.get(4).map(String::as_str) == Some("100")));
}

#[test]
fn the_same_site_and_period_give_the_same_bytes() {
    let site = report_site();
    assert_eq!(report::csv(&q4(&site)), report::csv(&q4(&site)));
    assert_eq!(report::html(&q4(&site)), report::html(&q4(&site)));
}

#[test]
fn the_command_writes_a_new_file_and_never_overwrites_one() {
    let site = report_site();
    let run = |args: &[&str]| site.run(&[&["report"], args].concat());
    let file = site.root().join("bao-cao.csv");
    let out = run(&[
        "--quarter",
        "2025-Q4",
        "--format",
        "csv",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = std::fs::read(&file).unwrap();
    assert_eq!(&first[..3], b"\xEF\xBB\xBF");
    let again = run(&[
        "--month",
        "2025-10",
        "--format",
        "csv",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(
        std::fs::read(&file).unwrap(),
        first,
        "the first report is kept"
    );
    let bad = run(&["--quarter", "2025-Q5"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("2025-Q5"));
}

#[test]
fn the_word_report_is_a4_in_times_new_roman_and_reads_back() {
    let site = report_site();
    let bytes = report::docx(&q4(&site));
    assert_eq!(
        bytes,
        report::docx(&q4(&site)),
        "fixed dates inside: the same report gives the same bytes"
    );
    let doc = docx_rs::read_docx(&bytes).expect("a document Word can open");
    let json = doc.json();
    for text in [
        "SỞ TƯ PHÁP TỈNH AN GIANG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "An Giang, ngày 25 tháng 11 năm 2025",
        "BÁO CÁO",
        "Kết quả tuyên truyền cải cách hành chính",
        "Từ ngày 1/10/2025 đến ngày 31/12/2025",
        "Nghị định số 118/2025/NĐ-CP",
        "chưa có bài",
        "Ngày Pháp luật tháng 10",
    ] {
        assert!(json.contains(&format!("\"{text}\"")), "missing {text}");
    }
    assert!(json.contains("Times New Roman"));
    // The page size as the document states it: A4 in twentieths of a point.
    assert!(
        json.contains("\"w\": 11906") && json.contains("\"h\": 16838"),
        "A4"
    );
}

/// The report site with targets: Đề án 06 two articles a month, PAR INDEX three a quarter.
pub fn site_with_targets() -> Site {
    let site = report_site();
    site.config_with(&[
        (
            "    description: \"Dữ liệu dân cư\"\n",
            "    description: \"Dữ liệu dân cư\"\n    target: {articles: 2, per: month}\n",
        ),
        (
            "    description: \"Chỉ số cải cách hành chính\"\n",
            "    description: \"Chỉ số cải cách hành chính\"\n    target: {articles: 3, per: quý}\n",
        ),
    ]);
    site
}

#[test]
fn targets_show_planned_against_published_with_the_share_reached() {
    let site = site_with_targets();
    let r = q4(&site);
    let rows: Vec<(&str, usize, Option<u32>, String)> = r
        .topics
        .iter()
        .map(|c| (c.name.as_str(), c.count, c.planned, c.percent()))
        .collect();
    assert_eq!(
        rows,
        [
            ("Nghị định số 118/2025/NĐ-CP", 0, None, String::new()),
            ("Đề án 06/CP", 1, Some(6), "17%".to_string()),
            ("Chỉ số PAR INDEX", 3, Some(3), "100%".to_string()),
        ]
    );
    let md = report::markdown(&r);
    assert!(md.contains("|  | Số bài | Chỉ tiêu | Đạt |"), "{md}");
    assert!(
        md.lines().any(|l| l == "| Đề án 06/CP | 1 | 6 | 17% |"),
        "{md}"
    );
    // Units have no targets: their table keeps two columns.
    assert!(md.lines().any(|l| l == "| Văn phòng Sở | 1 |"), "{md}");
    let html = scraper::Html::parse_document(&report::html(&r));
    let cells: Vec<String> = html
        .select(&scraper::Selector::parse("table:first-of-type tr:nth-child(3) td").unwrap())
        .map(|td| td.text().collect())
        .collect();
    assert_eq!(cells, ["Đề án 06/CP", "1", "6", "17%"]);
    // Part of a quarter: 21 August to 30 September is 41 of 92 days, 3 × 41/92 rounds to 1.
    let (assembled, _) = loa::assemble_site(&site.options()).unwrap();
    let from = "2025-08-21".parse().unwrap();
    let to = "2025-09-30".parse().unwrap();
    let part = report::build(&assembled, &Period { from, to });
    assert_eq!(part.topics[2].planned, Some(1));
    assert_eq!(
        part.topics[1].planned,
        Some(3),
        "2 × 11/31 for August + 2 for September"
    );
}

#[test]
fn check_warns_about_topics_behind_their_target_at_the_topic_line() {
    let site = site_with_targets();
    // 25 November: Đề án 06 has none of the month's 2 × 25/30 = 1 expected so far; PAR INDEX
    // has 2 in the quarter where 3 × 56/92 = 1 were expected.
    let out = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let all = format!("{stdout}{stderr}");
    let behind: Vec<&str> = all
        .lines()
        .filter(|l| l.contains("chậm so với chỉ tiêu"))
        .collect();
    assert_eq!(behind.len(), 1, "{all}");
    let config_line = crate::support::CONFIG
        .lines()
        .position(|l| l.contains("key: de-an-06"))
        .unwrap()
        + 1;
    assert!(
        behind[0].starts_with(&format!("config.yaml:{config_line}:1:")),
        "{}",
        behind[0]
    );
    assert!(behind[0].contains("\"Đề án 06/CP\""), "{}", behind[0]);
    assert!(
        behind[0].contains("tháng 11/2025 mới có 0 bài"),
        "{}",
        behind[0]
    );
    // A build does not nag about targets: the advice is for review time.
    let built = site.build();
    assert!(
        !built
            .warnings
            .iter()
            .any(|w| w.message.contains("chỉ tiêu")),
        "{:?}",
        built.warnings
    );
}

#[test]
fn a_target_with_an_unknown_period_or_on_a_unit_is_an_error_at_its_line() {
    let site = Site::new();
    let config = site.config_with(&[
        (
            "    description: \"Dữ liệu dân cư\"\n",
            "    description: \"Dữ liệu dân cư\"\n    target: {articles: 2, per: tuần}\n",
        ),
        (
            "    name: \"Văn phòng Sở\"\n",
            "    name: \"Văn phòng Sở\"\n    target: {articles: 1, per: month}\n",
        ),
    ]);
    let problems = site.build_fails();
    let line_of = |needle: &str| config.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let period = problems
        .iter()
        .find(|d| d.message.contains("tuần"))
        .unwrap_or_else(|| panic!("{}", crate::support::show(&problems)));
    assert_eq!(period.line, line_of("per: tuần"));
    assert!(period.hint.as_deref().unwrap().contains("per: quarter"));
    let unit = problems
        .iter()
        .find(|d| d.message.contains("chỉ tiêu chỉ đặt cho chủ đề"))
        .unwrap_or_else(|| panic!("{}", crate::support::show(&problems)));
    assert_eq!(unit.line, line_of("key: van-phong"));
}

#[test]
fn report_takes_each_of_its_four_formats_and_turns_away_any_other_as_a_usage_error() {
    let site = report_site();
    let run = |args: &[&str]| site.run(&[&["report", "--quarter", "2025-Q4"], args].concat());
    let starts = [
        ("md", &b"**"[..]),
        ("csv", &b"\xEF\xBB\xBF"[..]),
        ("html", &b"<!"[..]),
        ("docx", &b"PK"[..]),
    ];
    for (format, start) in starts {
        let out = run(&["--format", format]);
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stdout.starts_with(start),
            "{format} starts {:?}",
            out.stdout.get(..8)
        );
    }
    assert_eq!(
        run(&[]).stdout,
        run(&["--format", "md"]).stdout,
        "md is the default"
    );

    let bad = run(&["--format", "pdf"]);
    assert_eq!(bad.status.code(), Some(2), "clap's usage error");
    assert!(bad.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("'pdf'"), "{stderr}");
    assert!(stderr.contains("md, csv, html, docx"), "{stderr}");

    let help = run(&["--help"]);
    let help = String::from_utf8_lossy(&help.stdout);
    let line = help
        .lines()
        .find(|l| l.contains("--format"))
        .unwrap_or_default();
    for format in ["md", "csv", "html", "docx"] {
        assert!(line.contains(format), "{line}");
    }
}
