//! What an author writes never runs on the portal: the URL policy, the sanitizer, files beside
//! articles, bounds, reports and messages; with a property test over hostile pieces and a fuzz
//! harness over the whole pipeline (see `fuzz`).

use std::path::Path;

use proptest::prelude::*;
use scraper::Html;

use crate::support::{only_error, show, xml_values, Site};

/// Scripts the theme itself puts in pages: everything else is an author's.
const THEME_SCRIPTS: &[&str] = &[
    "chia-se.js",
    "tim-kiem.js",
    "thu-vien-anh.js",
    "video.js",
    "__loa/reload.js",
];

/// Asserts that HTML (a page or a fragment) carries nothing an author could run: no script
/// element the theme did not put there, no event handler, no author `style`, no embedding
/// element, and every URL inside the policy. `place` names the file in the failure.
pub fn assert_clean_html(html: &str, place: &str) {
    let doc = Html::parse_document(html);
    for node in doc.root_element().descendants() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let name = el.name();
        if name == "script" {
            let theirs = el
                .attr("src")
                .is_some_and(|src| THEME_SCRIPTS.iter().any(|s| src.ends_with(s)))
                || el.attr("type") == Some("application/ld+json");
            assert!(theirs, "{place}: an author's <script>: {html}");
        }
        assert!(
            !matches!(
                name,
                "iframe" | "object" | "embed" | "base" | "foreignobject"
            ),
            "{place}: <{name}> in {html}"
        );
        for (attr, value) in el.attrs() {
            let attr = attr.to_ascii_lowercase();
            assert!(!attr.starts_with("on"), "{place}: {attr}= in {html}");
            if attr == "style" {
                let ok = matches!(name, "td" | "th") && value.starts_with("text-align");
                assert!(ok, "{place}: style=\"{value}\" on <{name}>");
            }
            let urls: Vec<&str> = match attr.as_str() {
                "href" | "src" | "action" | "formaction" | "poster" | "data" | "xlink:href" => {
                    vec![value]
                }
                "srcset" => value
                    .split(',')
                    .filter_map(|c| c.split_whitespace().next())
                    .collect(),
                _ => Vec::new(),
            };
            for url in urls {
                assert!(
                    loa::url_policy::allows(url),
                    "{place}: {attr}=\"{url}\" outside the URL policy"
                );
            }
            // What loads by itself in a video is the site's; a player loads only on a click,
            // and only one loa made.
            if matches!(name, "video" | "track") && matches!(attr.as_str(), "src" | "poster") {
                let elsewhere = value.contains(':') || value.trim_start().starts_with("//");
                assert!(!elsewhere, "{place}: <{name} {attr}=\"{value}\">");
            }
            if attr == "data-embed" {
                assert!(
                    loa::embed::is_player(value),
                    "{place}: data-embed=\"{value}\""
                );
            }
        }
        if name == "meta" {
            assert!(
                el.attr("http-equiv").is_none_or(|h| h != "refresh")
                    || !html.contains("javascript"),
                "{place}: a refresh to a script"
            );
        }
    }
}

/// Asserts the same of every file a build wrote: pages, feeds (whose descriptions and
/// contents are HTML), and drawings.
pub fn assert_clean_site(output: &Path) {
    let descriptions = regex::Regex::new(
        r"(?s)<description>.*?</description>|<content:encoded>.*?</content:encoded>",
    )
    .unwrap();
    for entry in walkdir::WalkDir::new(output) {
        let entry = entry.unwrap();
        let path = entry.path();
        let place = path.display().to_string();
        match path.extension().and_then(|e| e.to_str()) {
            Some("html") => assert_clean_html(&std::fs::read_to_string(path).unwrap(), &place),
            Some("xml") => {
                let xml = std::fs::read_to_string(path).unwrap();
                let contents = ["description", "content:encoded"]
                    .iter()
                    .flat_map(|e| xml_values(&xml, &format!("rss/channel/item/{e}")));
                for html in contents {
                    assert_clean_html(&html, &place);
                }
                // Descriptions and contents are HTML, checked above: an author's
                // `[a](javascript:…)` left as text there is harmless. Anywhere else (links,
                // guids, covers) no script URL.
                let outside = descriptions.replace_all(&xml, "").to_ascii_lowercase();
                assert!(!outside.contains("javascript:"), "{place}");
            }
            Some("json") if path.ends_with("feed.json") => {
                let feed: serde_json::Value =
                    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
                for item in feed["items"].as_array().unwrap() {
                    assert_clean_html(item["content_html"].as_str().unwrap(), &place);
                    let mut outside = item.clone();
                    outside["content_html"] = serde_json::Value::Null;
                    let outside = outside.to_string().to_ascii_lowercase();
                    assert!(!outside.contains("javascript:"), "{place}");
                }
            }
            Some("svg") => assert_clean_svg(&std::fs::read_to_string(path).unwrap(), &place),
            _ => {}
        }
    }
}

fn assert_clean_svg(svg: &str, place: &str) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(svg);
    loop {
        match reader.read_event().expect("published SVG is well-formed") {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                assert!(
                    !matches!(name.as_str(), "script" | "foreignobject" | "iframe"),
                    "{place}: <{name}>"
                );
                for a in e.attributes().flatten() {
                    let key = a.key.as_ref().to_ascii_lowercase();
                    let local = key.rsplit(':').next().unwrap_or(&key).to_string();
                    assert!(!local.starts_with("on"), "{place}: {key}=");
                    if local == "href" {
                        assert!(a.value.starts_with('#'), "{place}: href={:?}", a.value);
                    }
                }
            }
            Event::PI(_) | Event::DocType(_) => panic!("{place}: a processing instruction"),
            Event::Eof => break,
            _ => {}
        }
    }
}

fn error_lines(problems: &[loa::diag::Diagnostic]) -> Vec<(usize, String)> {
    problems
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.line, d.message.clone()))
        .collect()
}

#[test]
fn script_links_are_errors_at_their_line_however_they_are_written() {
    let site = Site::new();
    let body = [
        "[a](javascript:alert(1))",
        "[b](JaVaScRiPt:alert(1))",
        "[c](jav&#x61;script:alert(1))",
        "<javascript:alert(1)>",
        "[d][r]",
        "[r]: vbscript:msgbox(1)",
        "![e](data:text/html,x)",
        "[f](<java\tscript:alert(1)>)",
        "<a href=\"jav&#x61;script:alert(1)\">g</a>",
        "<p>\n<img src=\"x.jpg\" srcset=\"data:image/png,x 1x\"></p>",
    ]
    .join("\n\n");
    // The body starts on line 7, a piece every other line; the last HTML block's `<img>` is
    // on its second line.
    site.article(
        "tin-tuc/a.md",
        "Bài A",
        "2025-09-01",
        "image: \"javascript:alert(1)\"\nimage_alt: ảnh\n",
        &body,
    );
    let problems = site.build_fails();
    let lines: Vec<usize> = error_lines(&problems).iter().map(|(l, _)| *l).collect();
    assert_eq!(
        lines,
        [4, 7, 9, 11, 13, 15, 19, 21, 23, 26],
        "{}",
        show(&problems)
    );
    for d in problems.iter().filter(|d| d.is_error()) {
        assert!(d.message.contains("không cho đăng"), "{}", show(&problems));
        assert!(d.hint.as_deref().unwrap().contains("https://"));
        assert_eq!(d.path, Path::new("content/tin-tuc/a.md"));
    }
    assert!(
        problems[0].message.contains("`javascript:alert(1)`"),
        "the link is named: {}",
        show(&problems)
    );
    assert!(!site.output().exists(), "nothing is written");
}

#[test]
fn web_mail_phone_and_relative_links_still_publish() {
    let site = Site::new();
    site.article("tin-tuc/b.md", "Bài B", "2025-09-01", "", "x\n");
    site.article(
        "tin-tuc/a.md",
        "Bài A",
        "2025-09-02",
        "",
        "[web](https://dichvucong.gov.vn) [thư](mailto:stp@angiang.gov.vn) [gọi](tel:02963852000) [bài](b.md) <stp@angiang.gov.vn>\n",
    );
    site.build();
    let page = site.html("tin-tuc/a/index.html");
    let hrefs = page.attrs(".content a", "href");
    assert_eq!(
        hrefs,
        [
            "https://dichvucong.gov.vn",
            "mailto:stp@angiang.gov.vn",
            "tel:02963852000",
            "/cchc/tin-tuc/b/",
            "mailto:stp@angiang.gov.vn"
        ]
    );
}

#[test]
fn raw_html_and_heading_attributes_reach_no_page_list_or_feed() {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "Bài A",
        "2025-09-01",
        "topics: [nghi-dinh-118]\n",
        "Mở đầu <img src=x onerror=alert(1)> <b onmouseover=\"x()\">đậm</b> <script>alert(2)</script>\n\n\
         ## Mục tiêu {#muc-tieu onfocus=alert(3) autofocus tabindex=0}\n\n\
         ## Kết quả {.do style=color:red}\n\n\
         <div style=\"position:fixed\" class=\"x\"><iframe src=\"https://evil.example\"></iframe>chữ</div>\n",
    );
    let rendered = site.build();
    for page in [
        "tin-tuc/a/index.html",
        "index.html",
        "chu-de/nghi-dinh-118/index.html",
    ] {
        assert_clean_html(&site.read(page), page);
    }
    assert_clean_site(&site.output());
    let page = site.html("tin-tuc/a/index.html");
    assert_eq!(page.attrs("h2#muc-tieu", "id"), ["muc-tieu"]);
    let h2 = page
        .0
        .select(&scraper::Selector::parse(".content h2").unwrap())
        .map(|h| {
            h.value()
                .attrs()
                .map(|(a, _)| a.to_string())
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>();
    assert_eq!(h2, [vec!["id".to_string()], vec!["id".to_string()]]);
    assert_eq!(page.text(".content b"), "đậm");
    let warnings: Vec<(usize, &str)> = rendered
        .warnings
        .iter()
        .filter(|w| w.message.contains("tiêu đề"))
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert_eq!(warnings[0].0, 8);
    assert!(warnings[0].1.contains("`onfocus`") && warnings[0].1.contains("`autofocus`"));
    assert_eq!(warnings[1].0, 10);
    assert!(warnings[1].1.contains("`.do`") && warnings[1].1.contains("`style`"));
}

#[test]
fn a_drawing_is_published_without_its_script_and_web_files_beside_articles_are_errors() {
    let site = Site::new();
    site.article(
        "tin-tuc/a/index.md",
        "Bài A",
        "2025-09-01",
        "",
        "![Sơ đồ](so-do.svg)\n",
    );
    site.write(
        "content/tin-tuc/a/so-do.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)"><rect width="5" height="5"/></a></svg>"#,
    );
    let rendered = site.build();
    let svg = site.read("tin-tuc/a/so-do.svg");
    assert_clean_svg(&svg, "so-do.svg");
    assert!(svg.contains("<rect"), "the drawing stays: {svg}");
    let warning = rendered
        .warnings
        .iter()
        .find(|w| w.path == Path::new("content/tin-tuc/a/so-do.svg"))
        .expect("a warning names the drawing");
    assert!(warning.message.contains("<script>") && warning.message.contains("onload"));

    site.write("content/tin-tuc/a/trang.html", "<script>alert(1)</script>");
    site.write("content/tin-tuc/a/ma.js", "alert(1)");
    let problems = site.build_fails();
    let named: Vec<String> = problems
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.path.to_string_lossy().replace('\\', "/"))
        .collect();
    assert_eq!(
        named,
        ["content/tin-tuc/a/ma.js", "content/tin-tuc/a/trang.html"],
        "{}",
        show(&problems)
    );
}

#[test]
fn no_authors_or_officers_file_takes_the_place_of_a_theme_file() {
    let site = Site::new();
    site.article("tin-tuc/a.md", "Bài A", "2025-09-01", "", "x\n");
    site.write_bytes("content/anh-chia-se.png", b"not the theme's picture");
    site.write("static/chia-se.js", "alert(1)");
    let problems = site.build_fails();
    let errors: Vec<(String, String)> = problems
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            (
                d.path.to_string_lossy().replace('\\', "/"),
                d.message.clone(),
            )
        })
        .collect();
    assert_eq!(errors.len(), 2, "{}", show(&problems));
    assert_eq!(errors[0].0, "content/anh-chia-se.png");
    assert!(errors[0]
        .1
        .contains("themes/default/static/anh-chia-se.png"));
    assert_eq!(errors[1].0, "static/chia-se.js");
    assert!(errors[1].1.contains("themes/default/static/chia-se.js"));
}

#[test]
fn five_thousand_equal_headings_get_distinct_ids() {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "Bài A",
        "2025-09-01",
        "",
        &"## Kết quả\n\nđoạn\n\n".repeat(5_000),
    );
    site.build();
    let ids = site.html("tin-tuc/a/index.html").attrs(".content h2", "id");
    let distinct: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!((ids.len(), distinct.len()), (5_000, 5_000));
    assert_eq!(ids[4_999], "ket-qua-4999");
}

#[test]
fn an_oversized_article_and_a_theme_path_are_refused_by_name() {
    let site = Site::new();
    site.article(
        "tin-tuc/lon.md",
        "Bài lớn",
        "2025-09-01",
        "",
        &"chữ ".repeat(600_000),
    );
    let problems = site.build_fails();
    let d = only_error(&problems);
    assert_eq!(d.path, Path::new("content/tin-tuc/lon.md"));
    assert!(d.message.contains("2 MB"), "{}", show(&problems));

    let site = Site::new();
    site.config_plus("theme: \"../../etc\"\n");
    let problems = site.build_fails();
    let d = only_error(&problems);
    assert_eq!(d.path, Path::new("config.yaml"));
    assert!(
        d.line > 1 && d.message.contains("../../etc"),
        "{}",
        show(&problems)
    );
}

#[test]
fn a_photo_claiming_a_giant_size_is_published_unresized_with_a_warning() {
    let site = Site::new();
    site.article(
        "tin-tuc/a/index.md",
        "Bài A",
        "2025-09-01",
        "",
        "![Ảnh](anh.png)\n",
    );
    site.write_bytes("content/tin-tuc/a/anh.png", &png_claiming(40_000, 40_000));
    let rendered = site.build();
    let warning = rendered
        .warnings
        .iter()
        .find(|w| w.path == Path::new("content/tin-tuc/a/anh.png"))
        .expect("a warning names the photo");
    assert!(warning.message.contains("20000"), "{}", warning.message);
    assert!(site.exists("tin-tuc/a/anh.png"));
}

/// A small PNG whose header claims `w`×`h` pixels (its CRC made right).
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbImage::new(2, 2)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    // Signature (8), length (4), "IHDR" (4), then width and height.
    bytes[16..20].copy_from_slice(&w.to_be_bytes());
    bytes[20..24].copy_from_slice(&h.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn a_title_that_starts_a_formula_is_text_in_the_csv_report() {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "=HYPERLINK(\\\"http://x\\\",\\\"bấm\\\")",
        "2025-10-01",
        "",
        "x\n",
    );
    site.article("tin-tuc/b.md", "@SUM(1)", "2025-10-02", "", "x\n");
    let (assembled, _) = loa::assemble_site(&site.options()).unwrap();
    let report = loa::report::build(
        &assembled,
        &loa::report::Period::quarter("2025-Q4").unwrap(),
    );
    let bytes = loa::report::csv(&report);
    let cells: Vec<String> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&bytes[3..])
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
        .collect();
    assert!(
        cells.contains(&"'=HYPERLINK(\"http://x\",\"bấm\")".to_string()),
        "{cells:?}"
    );
    assert!(cells.contains(&"'@SUM(1)".to_string()), "{cells:?}");
    assert!(
        !cells.iter().any(|c| c.starts_with(['=', '+', '-', '@'])),
        "{cells:?}"
    );
}

/// Windows does not allow control characters in file names; the escaping itself is tested in
/// `diag`, this checks the terminal output of the real program.
#[cfg(unix)]
#[test]
fn control_characters_from_an_author_reach_the_terminal_escaped() {
    let site = Site::new();
    site.write(
        "content/tin-tuc/bai\u{1b}]0;chiem\u{7}.md",
        "---\ndate: 2025-09-01\n---\nx\n",
    );
    let output = site.run(&["build"]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("bai\\u{1b}]0;chiem\\u{7}.md"), "{said}");
    assert!(!said.contains(['\u{1b}', '\u{7}']), "{said:?}");
}

/// Hostile pieces of Markdown: links and HTML an author could write to script the portal.
const HOSTILE: &[&str] = &[
    "[v](https://youtu.be/dQw4w9WgXcQ)",
    "![v](https://www.youtube.com/watch?v=dQw4w9WgXcQ\"onmouseover=alert(1))",
    "<a class=\"video-facade\" data-embed=\"javascript:alert(1)\">v</a>",
    "<a data-embed=\"https://evil.example/\">v</a>",
    "<video src=\"https://evil.example/a.mp4\" poster=\"//evil.example/a.jpg\"><track src=\"\\\\evil.example\\a.vtt\"></video>",
    "[a](javascript:alert(1))",
    "[b](JaVaScRiPt:alert(1))",
    "[c](jav&#x61;script:alert(1))",
    "[d](<java\tscript:alert(1)>)",
    "<javascript:alert(1)>",
    "[e][r]\n\n[r]: vbscript:msgbox(1)",
    "![i](data:text/html,<script>alert(1)</script>)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"jav&#x61;script:alert(1)\">x</a>",
    "<a href=\"&#0000106avascript:alert(1)\">y</a>",
    "<svg onload=alert(1)>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<p style=\"background:url(javascript:alert(1))\">p</p>",
    "<div onclick='x()'>d</div>",
    "## T {onfocus=alert(1) autofocus tabindex=0}",
    "## U {.danger style=color:red}",
    "<details open ontoggle=alert(1)>",
    "<input type=text autofocus onfocus=alert(1)>",
    "<form action=\"javascript:alert(1)\"><button>b</button></form>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<object data=\"javascript:alert(1)\">",
    "<base href=\"https://evil.example/\">",
    "<img srcset=\"javascript:alert(1) 1x\">",
    "| a | b |\n|---|---|\n| <b onmouseover=x>c</b> | d |",
    "<!-- more -->",
    "`<script>`",
    "[ok](https://angiang.gov.vn)",
    "chữ **đậm** và _nghiêng_",
    "<td style=\"text-align: center; background: url(x)\">",
];

/// A resolver that leaves every URL as written: the sanitizer alone must make the HTML safe.
struct AsWritten;

impl loa::markdown::Resolve for AsWritten {
    fn resolve(
        &self,
        _: &loa::model::Page,
        _: &str,
    ) -> Result<Option<String>, loa::markdown::LinkProblem> {
        Ok(None)
    }
    fn page_of(&self, _: &loa::model::Page, _: &str) -> Option<String> {
        None
    }
    fn image(
        &self,
        _: &loa::model::Page,
        _: &str,
    ) -> Result<Option<loa::markdown::ImageAttrs>, loa::markdown::LinkProblem> {
        Ok(None)
    }
    fn file(&self, _: &loa::model::Page, _: &str) -> Option<loa::markdown::SiteFile> {
        None
    }
}

fn page_of(body: &str) -> loa::model::Page {
    let config =
        loa::config::parse(crate::support::CONFIG, &loa::config::Overrides::default()).unwrap();
    let text = format!("---\ntitle: \"Bài\"\ndate: 2025-09-01\n---\n{body}");
    let source = loa::load::Source::new(
        "tin-tuc/a.md".into(),
        "content/tin-tuc/a.md".into(),
        text.into_bytes(),
    );
    loa::parse::parse(&source, &config).0.expect("a page")
}

fn hostile_body() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        (
            proptest::sample::select(HOSTILE),
            prop_oneof![Just(" "), Just("\n"), Just("\n\n")],
        ),
        1..10,
    )
    .prop_map(|pieces| {
        pieces
            .into_iter()
            .map(|(p, sep)| format!("{p}{sep}"))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    /// Even with no link checked (the build would stop on those errors), the HTML of a body and
    /// of its summary is clean.
    #[test]
    fn hostile_markdown_never_renders_to_anything_that_runs(body in hostile_body()) {
        let page = page_of(&body);
        let rendered = loa::markdown::render(&page, &AsWritten);
        assert_clean_html(&rendered.html.text(), &body);
        assert_clean_html(&rendered.summary_html, &body);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    /// A whole site from hostile articles, summaries and drawings: every page, feed and
    /// drawing it publishes is clean, or the build stops with errors at a place.
    #[test]
    fn a_hostile_site_publishes_nothing_that_runs(
        bodies in proptest::collection::vec(hostile_body(), 1..4),
        summary in proptest::sample::select(&["", "summary: \"<script>alert(1)</script>\"\n", "summary: \"</script><script>alert(1)</script>\"\n"][..]),
    ) {
        let site = Site::new();
        for (i, body) in bodies.iter().enumerate() {
            site.article(
                &format!("tin-tuc/b{i}/index.md"),
                "</script><script>alert(1)</script>",
                "2025-09-01",
                &format!("topics: [nghi-dinh-118]\n{summary}"),
                &format!("![Sơ đồ](so-do.svg)\n\n{body}"),
            );
            site.write(
                &format!("content/tin-tuc/b{i}/so-do.svg"),
                r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)"><foreignObject><body onload="x()"/></foreignObject><a xlink:href="javascript:alert(1)"><rect/></a></svg>"#,
            );
        }
        match crate::support::into_folder(&site.options(), &site.output()) {
            Ok(_) => assert_clean_site(&site.output()),
            Err(problems) => {
                for d in problems.iter().filter(|d| d.is_error()) {
                    prop_assert!(d.line > 0, "an error without a line: {d}");
                }
                prop_assert!(!site.output().exists());
            }
        }
    }
}
