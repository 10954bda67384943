//! Three pages of the sample site as a reader sees them, not as HTML: the title, the headings,
//! the text of each paragraph and list item, every link with its target and every image with
//! its description, in the order they come. Each is a snapshot (`snapshots/site__sample_pages__*`)
//! read and approved by a person, next to hand-written checks of what matters most; a change to
//! a template or to the sample's content shows up here as a readable diff (run with
//! `INSTA_UPDATE=always`, read `git diff tests/site/snapshots`, commit what reads right).

use std::collections::BTreeSet;

use scraper::{ElementRef, Html, Node, Selector};

use crate::support::{fold, sample, snapshot_names, Page};

/// The article with the most kinds of content: a cover photo, a diagram, a table of contents,
/// lists, a link into another article, a cited decree, tags and share buttons.
const ARTICLE: &str = "tin-tuc/quy-trinh-mot-cua-theo-nghi-dinh-118/index.html";

#[test]
fn the_home_page_reads_as_approved() {
    let page = sample_page("index.html");
    assert_eq!(page.text("h1"), "Tuyên truyền cải cách hành chính");
    assert_eq!(
        page.attr("nav a[aria-current=page]", "href"),
        "/cchc/",
        "the menu shows the reader where they are"
    );
    assert_eq!(
        page.text(".featured h3"),
        "Một hồ sơ đi qua những bước nào khi bạn nộp tại Sở Tư pháp?",
        "the featured article leads"
    );
    assert!(page
        .attr(".featured img", "alt")
        .starts_with("Tranh minh họa Bộ phận Một cửa"));
    let newest = page.texts(".latest h3");
    assert_eq!(
        newest.first().map(String::as_str),
        Some("Ngày Pháp luật tháng 1/2026: kỷ cương công vụ và việc cần làm ngay từ quý I"),
        "the newest article comes first after it"
    );
    assert_eq!(
        page.texts(".events h3"),
        newest[..1],
        "the one event still to come on the sample's day"
    );
    assert_eq!(
        page.texts(".topic-blocks h2").len(),
        4,
        "the topics config.yaml marks `home: true`"
    );
    assert!(page
        .text("footer address")
        .contains("Chịu trách nhiệm nội dung"));
    insta::assert_snapshot!(
        "home_page",
        reader_view(&page, &["body > header", "main", "aside", "body > footer"])
    );
}

#[test]
fn an_article_page_reads_as_approved() {
    let page = sample_page(ARTICLE);
    assert_eq!(
        page.text("h1"),
        "Một hồ sơ đi qua những bước nào khi bạn nộp tại Sở Tư pháp?"
    );
    assert!(
        page.attr("img.cover", "alt")
            .starts_with("Tranh minh họa Bộ phận Một cửa"),
        "the cover photo is described as its front matter says"
    );
    let anchors: BTreeSet<String> = page.attrs("main [id]", "id").into_iter().collect();
    for target in page.attrs(".toc a", "href") {
        let id = target.trim_start_matches('#');
        assert!(anchors.contains(id), "the contents lead to `{target}`");
    }
    assert!(page
        .attrs(".content a", "href")
        .contains(&"/cchc/su-kien/tap-huan-nghi-dinh-118-mot-cua/#noi-dung-tap-huan".into()));
    insta::assert_snapshot!("article_page", reader_view(&page, &["main"]));
}

#[test]
fn a_topic_page_reads_as_approved() {
    let page = sample_page("chu-de/nghi-dinh-118/index.html");
    assert_eq!(page.text("h1"), "Nghị định số 118/2025/NĐ-CP");
    let cards = page.count("main article");
    assert!(cards > 0, "the topic has articles");
    assert_eq!(
        page.attrs(
            "main article .topics a[href=\"/cchc/chu-de/nghi-dinh-118/\"]",
            "href"
        )
        .len(),
        cards,
        "every article listed is of the topic"
    );
    insta::assert_snapshot!("topic_page", reader_view(&page, &["main"]));
}

#[test]
fn every_snapshot_of_a_sample_page_belongs_to_a_test() {
    let names: Vec<String> = snapshot_names("site__sample_pages__").into_iter().collect();
    assert_eq!(names, ["article_page", "home_page", "topic_page"]);
}

/// A page of the sample site, parsed.
fn sample_page(file: &str) -> Page {
    let bytes = sample()
        .outputs
        .get(file)
        .unwrap_or_else(|| panic!("the sample site has {file}"));
    Page(Html::parse_document(&String::from_utf8_lossy(
        crate::support::bytes(bytes),
    )))
}

/// What a reader gets from `page`: its title and description (what a search engine or a
/// share shows), then each region in turn, one line per heading, paragraph or list item.
fn reader_view(page: &Page, regions: &[&str]) -> String {
    let description = page.attrs("meta[name=description]", "content");
    let mut out = vec![format!("title: {}", page.text("title"))];
    out.extend(description.iter().map(|d| format!("description: {d}")));
    for css in regions {
        let selector = Selector::parse(css).unwrap_or_else(|_| panic!("bad selector {css}"));
        let found: Vec<ElementRef> = page.0.select(&selector).collect();
        assert_eq!(found.len(), 1, "one `{css}` in the page");
        let mut reader = Reader::default();
        reader.element(found[0]);
        reader.flush();
        out.push(String::new());
        out.push(format!("[{css}]"));
        out.extend(reader.lines);
    }
    out.push(String::new());
    out.join("\n")
}

/// Reads elements into lines of text: headings as `#`, list items as `-` or `1.`, links as
/// `[text](target)`, images as `![description](file)`; what is hidden is left out.
#[derive(Default)]
struct Reader {
    lines: Vec<String>,
    /// The line being read, and what starts it (`## `, `- `) once it has text.
    line: String,
    prefix: String,
    /// The lists the reader is in, innermost last: the last number of an ordered one.
    lists: Vec<Option<usize>>,
}

impl Reader {
    fn children(&mut self, element: ElementRef) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.line.push_str(text),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.element(child);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, element: ElementRef) {
        let e = element.value();
        if matches!(e.name(), "script" | "style" | "template" | "noscript")
            || e.attr("hidden").is_some()
            || e.attr("aria-hidden") == Some("true")
        {
            return;
        }
        match e.name() {
            "a" => {
                let text = inline_text(element);
                let target = e.attr("href").unwrap_or_default();
                self.line.push_str(&format!("[{text}]({target})"));
            }
            "img" => {
                let alt = e.attr("alt").unwrap_or_default();
                let src = e.attr("src").unwrap_or_default();
                self.line.push_str(&format!("![{alt}]({src})"));
            }
            "input" => {
                let hint = e.attr("placeholder").unwrap_or_default();
                self.line.push_str(&format!("[ô nhập: {hint}]"));
            }
            "br" => self.line.push(' '),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level: usize = e.name()[1..].parse().expect("h1 to h6");
                self.block(element, &format!("{} ", "#".repeat(level)));
            }
            "ul" | "ol" => {
                self.lists.push((e.name() == "ol").then_some(0));
                self.block(element, "");
                self.lists.pop();
            }
            "li" => {
                let indent = "  ".repeat(self.lists.len().saturating_sub(1));
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{n}.")
                    }
                    _ => "-".to_string(),
                };
                self.block(element, &format!("{indent}{marker} "));
            }
            "td" | "th" => {
                self.children(element);
                self.line.push_str(" | ");
            }
            "abbr" | "b" | "button" | "cite" | "code" | "em" | "i" | "label" | "small" | "span"
            | "strong" | "sub" | "sup" | "time" => self.children(element),
            _ => self.block(element, ""),
        }
    }

    /// An element that starts and ends a line of its own.
    fn block(&mut self, element: ElementRef, prefix: &str) {
        self.flush();
        if !prefix.is_empty() {
            self.prefix = prefix.to_string();
        }
        self.children(element);
        self.flush();
        // A prefix belongs to its own element: an empty list item leaves none behind.
        self.prefix.clear();
    }

    /// Ends the line being read; the prefix waits for a line with text (a list item's
    /// paragraph).
    fn flush(&mut self) {
        let text = fold(&self.line);
        self.line.clear();
        if !text.is_empty() {
            self.lines
                .push(format!("{}{text}", std::mem::take(&mut self.prefix)));
        }
    }
}

/// The text of an element on one line, links and images inside it read as well.
fn inline_text(element: ElementRef) -> String {
    let mut reader = Reader::default();
    reader.children(element);
    reader.flush();
    reader.lines.join(" ")
}
