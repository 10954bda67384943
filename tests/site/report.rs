//! `loa report`: the periodic report to Sở Nội vụ, counted from the site.

use loa::report::{self, Period};

use crate::support::Site;

pub fn report_site() -> Site {
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

pub fn q4(site: &Site) -> report::Report {
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
        "Kết quả tuyên truyền cải cách hành chính quý IV năm 2025",
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
fn a_target_with_an_unknown_period_is_an_error_at_its_line() {
    let site = Site::new();
    let config = site.config_with(&[(
        "    description: \"Dữ liệu dân cư\"\n",
        "    description: \"Dữ liệu dân cư\"\n    target: {articles: 2, per: tuần}\n",
    )]);
    let problems = site.build_fails();
    let line_of = |needle: &str| config.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let period = crate::support::only_error(&problems);
    assert!(period.message.contains("tuần"), "{period}");
    assert_eq!(period.line, line_of("per: tuần"));
    assert!(period.hint.as_deref().unwrap().contains("per: quarter"));
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

// The report as the administrative document sent to Sở Nội vụ (Nghị định 30/2020/NĐ-CP).

/// The fixed parts of the document, as the sample site's config.yaml writes them.
const LETTER: &str = r#"report:
  parent: "UBND TỈNH AN GIANG"
  issuer: "Sở Tư pháp"
  to: "Sở Nội vụ"
  copies: ["Như trên", "Giám đốc Sở", "Lưu: VT, VP"]
  signer:
    authority: "KT. GIÁM ĐỐC"
    title: "Phó Giám đốc"
    name: "Nguyễn Văn A"
"#;

/// The officer's text for the fourth quarter of 2025.
const NARRATIVE: &str = "## Tồn tại, hạn chế\n\n- Một số đơn vị gửi bài **chậm**.\n\n## Phương hướng\n\nMỗi tháng một video.\n\n## Kiến nghị\n\nĐề nghị tập huấn kỹ năng viết tin.\n";

/// A paragraph of a Word document as its XML says it is set: its text, where it stands,
/// and how its runs and its own properties set it.
#[derive(Debug, Default)]
struct Para {
    text: String,
    /// The index of the table it is in (0 the first of the document), if any.
    table: Option<usize>,
    center: bool,
    bold: bool,
    italic: bool,
    /// Its runs' sizes, in half-points.
    sizes: Vec<String>,
    /// A line along its top and no other: the short rules of the heading.
    rule: bool,
    /// It holds a field (the page number).
    field: Option<String>,
}

/// The paragraphs of a part of a .docx (`word/document.xml`, `word/header1.xml`), in order.
fn paragraphs(xml: &str) -> Vec<Para> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut out, mut tables, mut open_tables) = (Vec::<Para>::new(), 0, Vec::new());
    let (mut in_run, mut in_text, mut in_instr, mut in_border) = (false, false, false, false);
    loop {
        let event = reader.read_event().expect("well-formed XML");
        let (start, e) = match &event {
            Event::Start(e) => (true, e.clone()),
            Event::Empty(e) => (false, e.clone()),
            Event::End(e) => {
                let qname = e.name();
                let name: &str = qname.as_ref();
                match name {
                    "w:tbl" => drop(open_tables.pop()),
                    "w:r" => in_run = false,
                    "w:t" => in_text = false,
                    "w:instrText" => in_instr = false,
                    "w:pBdr" => in_border = false,
                    _ => {}
                }
                continue;
            }
            Event::Text(t) => {
                let text: &str = t.as_ref();
                if let Some(p) = out.last_mut() {
                    if in_text {
                        p.text.push_str(text);
                    } else if in_instr {
                        p.field = Some(text.trim().to_string());
                    }
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let val = e
            .try_get_attribute("w:val")
            .unwrap()
            .map(|a| a.value.into_owned());
        let p = out.last_mut();
        let qname = e.name();
        let name: &str = qname.as_ref();
        match (name, p) {
            ("w:tbl", _) if start => {
                open_tables.push(tables);
                tables += 1;
            }
            ("w:p", _) => out.push(Para {
                table: open_tables.last().copied(),
                ..Para::default()
            }),
            ("w:r", _) if start => in_run = true,
            ("w:t", _) if start => in_text = true,
            ("w:instrText", _) if start => in_instr = true,
            ("w:pBdr", Some(p)) => {
                in_border = start;
                p.rule = start;
            }
            ("w:left" | "w:right" | "w:bottom", Some(p)) if in_border => p.rule = false,
            ("w:jc", Some(p)) => p.center |= val.as_deref() == Some("center"),
            ("w:b", Some(p)) if in_run => p.bold = true,
            ("w:i", Some(p)) if in_run => p.italic = true,
            ("w:sz", Some(p)) if in_run => p.sizes.extend(val),
            _ => {}
        }
    }
    out
}

/// The file of a .docx at `name`, as text.
fn docx_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut file = zip.by_name(name).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut file, &mut text).unwrap();
    text
}

/// The file of the header of `kind` (`default`, `first`) in a .docx: `word/header2.xml`.
fn header_part(bytes: &[u8], kind: &str) -> String {
    let document = docx_part(bytes, "word/document.xml");
    let rels = docx_part(bytes, "word/_rels/document.xml.rels");
    let attr = |element: &str, name: &str| -> String {
        let value = element.split(&format!("{name}=\"")).nth(1).unwrap();
        value.split('"').next().unwrap().to_string()
    };
    let reference = document
        .split("<w:headerReference ")
        .find(|r| r.starts_with(&format!("w:type=\"{kind}\"")))
        .unwrap_or_else(|| panic!("no {kind} header"));
    let id = attr(reference, "r:id");
    let relation = rels
        .split("<Relationship ")
        .find(|r| r.contains(&format!("Id=\"{id}\"")))
        .unwrap();
    format!("word/{}", attr(relation, "Target"))
}

/// The report site with the sample's letter and the officer's text, reported on 5 January
/// 2026 for the fourth quarter, as the Word document.
fn word_report(site: &Site, narrative: Option<&str>) -> Vec<u8> {
    site.config_plus(LETTER);
    if let Some(text) = narrative {
        site.write("data/bao-cao/2025-q4.md", text);
    }
    let file = site.root().join("bao-cao.docx");
    let out = crate::support::loa_command(site.root(), "2026-01-05")
        .args(["report", "--quarter", "2025-Q4", "--format", "docx", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(file).unwrap()
}

#[test]
fn the_word_report_has_the_heading_block_of_an_administrative_document() {
    let site = report_site();
    let bytes = word_report(&site, Some(NARRATIVE));
    let all = paragraphs(&docx_part(&bytes, "word/document.xml"));
    let heading: Vec<&Para> = all.iter().filter(|p| p.table == Some(0)).collect();
    let find = |text: &str| {
        *heading
            .iter()
            .find(|p| p.text == text)
            .unwrap_or_else(|| panic!("no {text:?} in the heading: {heading:#?}"))
    };
    // The parent body upright, the issuing body bold, both in capitals, 13 pt.
    let parent = find("UBND TỈNH AN GIANG");
    assert!(parent.center && !parent.bold && parent.sizes == ["26"]);
    let issuer = find("SỞ TƯ PHÁP");
    assert!(issuer.center && issuer.bold && issuer.sizes == ["26"]);
    // The rule under the issuing body, then the number left blank for the clerk.
    let at = |p: &Para| heading.iter().position(|q| std::ptr::eq(*q, p)).unwrap();
    assert!(
        heading[at(issuer) + 1].rule,
        "{:?}",
        heading[at(issuer) + 1]
    );
    let number = find("Số:        /BC-STP");
    assert!(number.center && !number.bold);
    // The national name and motto bold, the rule under the motto, place and date in italics
    // with the zeros the decree wants.
    assert!(find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold);
    let motto = find("Độc lập - Tự do - Hạnh phúc");
    assert!(motto.bold && motto.sizes == ["28"]);
    assert!(heading[at(motto) + 1].rule);
    let date = find("An Giang, ngày 05 tháng 01 năm 2026");
    assert!(date.italic && date.center);
    // Beside each other: the issuer in the first cell, the motto in the second.
    assert!(at(number) < at(find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")));

    let body: Vec<&Para> = all.iter().filter(|p| p.table.is_none()).collect();
    let index = |text: &str| {
        body.iter()
            .position(|p| p.text == text)
            .unwrap_or_else(|| panic!("no {text:?} in the body"))
    };
    let kind = index("BÁO CÁO");
    assert!(body[kind].bold && body[kind].center);
    let subject = body[kind + 1];
    assert_eq!(
        subject.text,
        "Kết quả tuyên truyền cải cách hành chính quý IV năm 2025"
    );
    assert!(subject.bold && subject.center && body[kind + 2].rule);
    assert!(index("Kính gửi: Sở Nội vụ.") > kind);
}

#[test]
fn the_word_report_has_sections_one_to_four_then_the_recipients_and_the_signature() {
    let site = report_site();
    let bytes = word_report(&site, Some(NARRATIVE));
    let all = paragraphs(&docx_part(&bytes, "word/document.xml"));
    let index = |text: &str| {
        all.iter()
            .position(|p| p.text == text)
            .unwrap_or_else(|| panic!("no {text:?}"))
    };
    let parts = [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. TỒN TẠI, HẠN CHẾ",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ",
        "IV. KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    .map(index);
    assert!(parts.is_sorted(), "{parts:?}");
    assert!(parts.iter().all(|&i| all[i].bold));
    // Section I opens with what loa read in the counts, then the tables.
    // On 5 January the article scheduled for 1 December is out too: four in the quarter.
    let opening = &all[parts[0] + 1].text;
    assert!(
        opening.starts_with("Trong quý IV năm 2025 (từ ngày 1/10/2025 đến ngày 31/12/2025), Sở Tư pháp tỉnh An Giang đã đăng 4 tin, bài"),
        "{opening}"
    );
    assert!(index("1. Theo chủ đề của kế hoạch") < parts[1]);
    // Sections II–IV are the officer's, emphasis kept.
    let late = index("- Một số đơn vị gửi bài chậm.");
    assert!(parts[1] < late && late < parts[2] && all[late].bold);
    assert!(
        parts[2] < index("Mỗi tháng một video.")
            && parts[3] < index("Đề nghị tập huấn kỹ năng viết tin.")
    );
    let closing = index("Trên đây là báo cáo kết quả tuyên truyền cải cách hành chính quý IV năm 2025 của Sở Tư pháp tỉnh An Giang./.");
    assert!(closing > parts[3]);
    // The last table: Nơi nhận (bold italic, 12 pt; its lines 11 pt) beside the signature.
    let last = all.iter().filter_map(|p| p.table).max().unwrap();
    let closing_block: Vec<&Para> = all.iter().filter(|p| p.table == Some(last)).collect();
    let texts: Vec<&str> = closing_block
        .iter()
        .map(|p| p.text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(
        texts,
        [
            "Nơi nhận:",
            "- Như trên;",
            "- Giám đốc Sở;",
            "- Lưu: VT, VP.",
            "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            "Nguyễn Văn A"
        ]
    );
    let copies = closing_block[0];
    assert!(copies.bold && copies.italic && copies.sizes == ["24"]);
    assert_eq!(closing_block[1].sizes, ["22"]);
    assert!(
        closing_block
            .iter()
            .rev()
            .find(|p| !p.text.is_empty())
            .unwrap()
            .bold
    );
}

#[test]
fn the_word_report_has_the_decrees_page_margins_and_fonts_and_numbers_pages_from_two() {
    let site = report_site();
    let bytes = word_report(&site, Some(NARRATIVE));
    let document = docx_part(&bytes, "word/document.xml");
    let margins = document
        .split("<w:pgMar ")
        .nth(1)
        .and_then(|m| m.split("/>").next())
        .unwrap();
    // Twentieths of a point: top and bottom 20 mm, left 30 mm, right 15 mm; all within
    // 20–25, 20–25, 30–35 and 15–20 mm.
    for (side, twips) in [
        ("top", 1134),
        ("bottom", 1134),
        ("left", 1701),
        ("right", 851),
    ] {
        assert!(
            margins.contains(&format!("w:{side}=\"{twips}\"")),
            "{side}: {margins}"
        );
    }
    assert!(document.contains("<w:titlePg"), "a first page of its own");
    // The first page's header is empty; the others' holds the page number, centred.
    let header = |kind: &str| paragraphs(&docx_part(&bytes, &header_part(&bytes, kind)));
    assert!(header("first")
        .iter()
        .all(|p| p.field.is_none() && p.text.is_empty()));
    let pages = header("default");
    assert!(
        pages
            .iter()
            .any(|p| p.field.as_deref() == Some("PAGE") && p.center),
        "{pages:?}"
    );
    // Times New Roman throughout, 14 pt unless a part says otherwise (13 to 14 pt).
    let styles = docx_part(&bytes, "word/styles.xml");
    assert!(styles.contains("w:ascii=\"Times New Roman\""));
    assert!(styles.contains("<w:sz w:val=\"28\""), "14 pt by default");
    let body: Vec<Para> = paragraphs(&document)
        .into_iter()
        .filter(|p| p.table.is_none() && !p.text.is_empty())
        .collect();
    assert!(
        body.iter().all(|p| p.sizes.iter().all(|s| s == "28")),
        "{body:#?}"
    );
}

#[test]
fn the_report_takes_the_officers_text_for_the_period_and_its_number() {
    let site = report_site();
    site.config_plus(LETTER);
    site.write("data/bao-cao/2025-q4.md", NARRATIVE);
    let out = site.run(&["report", "--quarter", "2025-Q4", "--number", "125"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.is_empty(),
        "the officer's text has every section: {stderr}"
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.lines().any(|l| l == "Số: 125/BC-STP"), "{md}");
    let heading = |h: &str| {
        md.find(&format!("### {h}\n"))
            .unwrap_or_else(|| panic!("{h}: {md}"))
    };
    let parts = [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. TỒN TẠI, HẠN CHẾ",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ",
        "IV. KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    .map(heading);
    assert!(parts.is_sorted());
    let late = md.find("- Một số đơn vị gửi bài **chậm**.").unwrap();
    assert!(parts[1] < late && late < parts[2]);
    assert!(md.contains("***Nơi nhận:***\n\n- Như trên;\n- Giám đốc Sở;\n- Lưu: VT, VP.\n"));
    assert!(
        md.ends_with("**KT. GIÁM ĐỐC**  \n**Phó Giám đốc**\n\n**Nguyễn Văn A**\n"),
        "{md}"
    );

    let html = scraper::Html::parse_document(&String::from_utf8_lossy(
        &site
            .run(&["report", "--quarter", "2025-Q4", "--format", "html"])
            .stdout,
    ));
    let texts = |css: &str| -> Vec<String> {
        html.select(&scraper::Selector::parse(css).unwrap())
            .map(|e| crate::support::fold(&e.text().collect::<String>()))
            .collect()
    };
    assert_eq!(
        texts("section.part h3"),
        [
            "I. KẾT QUẢ THỰC HIỆN",
            "II. TỒN TẠI, HẠN CHẾ",
            "III. PHƯƠNG HƯỚNG, NHIỆM VỤ",
            "IV. KIẾN NGHỊ, ĐỀ XUẤT"
        ]
    );
    assert_eq!(
        texts("header.heading p")[..2],
        ["UBND TỈNH AN GIANG", "SỞ TƯ PHÁP"]
    );
    assert!(texts("p.to").contains(&"Kính gửi: Sở Nội vụ".to_string()));
    assert!(texts(".sign p").contains(&"Nguyễn Văn A".to_string()));
}

#[test]
fn without_the_officers_text_sections_two_to_four_wait_and_loa_names_the_file_to_write() {
    let site = report_site();
    let out = site.run(&["report", "--quarter", "2025-Q4"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("data/bao-cao/2025-q4.md: cảnh báo: chưa có tệp data/bao-cao/2025-q4.md"),
        "{stderr}"
    );
    assert!(
        stderr.contains("## Tồn tại, hạn chế"),
        "the hint shows the headings: {stderr}"
    );
    assert!(
        stderr.contains("config.yaml: cảnh báo: chưa khai báo người ký"),
        "{stderr}"
    );
    let md = String::from_utf8(out.stdout).unwrap();
    let placeholders = md
        .lines()
        .filter(|l| l.starts_with("*[Chưa viết: thêm mục") && l.contains("data/bao-cao/2025-q4.md"))
        .count();
    assert_eq!(placeholders, 3, "{md}");
    assert!(
        md.contains("**GIÁM ĐỐC**\n\n**(họ và tên người ký)**"),
        "{md}"
    );
    // A section left out of the text is one warning at the file, placeholder in its place.
    site.write(
        "data/bao-cao/2025-q4.md",
        "## Tồn tại, hạn chế\n\nChậm.\n\n## Linh tinh\n\nx\n\n## Kiến nghị\n\nKhông.\n",
    );
    let out = site.run(&["report", "--quarter", "2025-Q4"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("data/bao-cao/2025-q4.md:5:1: cảnh báo: mục \"Linh tinh\""),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "data/bao-cao/2025-q4.md: cảnh báo: chưa có mục \"III. PHƯƠNG HƯỚNG, NHIỆM VỤ\""
        ),
        "{stderr}"
    );
}
