//! Lints for readers: what makes a page hard to read aloud or to follow, found as the events
//! pass and reported as warnings at their line, each with its fix. A picture without a
//! description, a heading level skipped, a link that says only "bấm vào đây", a table without
//! a header row, a paragraph in capitals.
//!
//! The first adapter, so it sees the Markdown as written (pictures' descriptions included).
//! It changes no event.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Problems, Spanned};
use crate::msg;

/// Link texts that do not say where the link goes, lower case, without final punctuation.
const VAGUE_LINK_TEXTS: &[&str] = &[
    "bấm vào đây",
    "bấm đây",
    "nhấn vào đây",
    "nhấp vào đây",
    "kích vào đây",
    "click vào đây",
    "xem tại đây",
    "tại đây",
    "ở đây",
    "đây",
    "vào đây",
    "xem",
    "xem thêm",
    "chi tiết",
    "xem chi tiết",
    "liên kết",
    "link",
    "click here",
    "here",
];

/// At least this many letters before a paragraph counts as written in capitals: a short
/// line of abbreviations (CCHC, PAR INDEX) is not shouting.
const CAPITALS_MIN_LETTERS: usize = 24;

/// What is being read: the text of an image, link, paragraph or table header, from where
/// it starts.
enum Open {
    Image(usize),
    Link(usize),
    Paragraph(usize),
    TableHead(usize),
}

/// Whether a paragraph's text is long enough and nearly every letter in it a capital.
/// Paragraphs are most of a page, and most of their letters ASCII: those are counted first,
/// all at once, and they tell most paragraphs apart alone (a paragraph has at most as many
/// capitals as ASCII capitals and other characters, and at least as many small letters as
/// ASCII ones). The other letters are decoded only when that is not enough.
fn in_capitals(text: &str) -> bool {
    let (ascii_upper, ascii_lower, others) = ascii_letters(text);
    let most_upper = ascii_upper + others;
    if most_upper < CAPITALS_MIN_LETTERS || ascii_lower * 10 > most_upper {
        return false;
    }
    let (mut upper, mut lower) = (0, 0);
    for c in text.chars() {
        let (is_upper, is_lower) = case_of(c);
        upper += usize::from(is_upper);
        lower += usize::from(is_lower);
    }
    upper >= CAPITALS_MIN_LETTERS && lower * 10 <= upper
}

/// ASCII capitals, ASCII small letters, and characters beyond ASCII (their first bytes).
fn ascii_letters(text: &str) -> (usize, usize, usize) {
    let (mut upper, mut lower, mut others) = (0, 0, 0);
    // Counted per 32 bytes in bytes, which the compiler does all at once.
    for run in text.as_bytes().chunks(32) {
        let (mut u, mut l, mut o) = (0u8, 0u8, 0u8);
        for &byte in run {
            u += u8::from(byte.wrapping_sub(b'A') < 26);
            l += u8::from(byte.wrapping_sub(b'a') < 26);
            o += u8::from(byte >= 0xC0);
        }
        upper += usize::from(u);
        lower += usize::from(l);
        others += usize::from(o);
    }
    (upper, lower, others)
}

/// Whether `c` is a capital, and whether a small letter. Most letters of Vietnamese text are
/// ASCII or in Latin Extended Additional (`ạ` to `ỹ`, capitals at even code points, as a test
/// checks): Unicode's tables only for the rest.
fn case_of(c: char) -> (bool, bool) {
    match c {
        _ if c.is_ascii() => (c.is_ascii_uppercase(), c.is_ascii_lowercase()),
        '\u{1EA0}'..='\u{1EF9}' => {
            let upper = u32::from(c) % 2 == 0;
            (upper, !upper)
        }
        _ => (c.is_uppercase(), c.is_lowercase()),
    }
}

pub(super) struct Lints<'a, I> {
    events: I,
    problems: &'a Problems<'a>,
    /// The page's title is its `<h1>`: headings in the body start at level 2.
    last_level: u8,
    open: Vec<(Open, String)>,
    /// A table written as HTML, from its `<table>` (HTML blocks come a line at a time): where
    /// it starts, and whether a header cell was seen.
    html_table: Option<(usize, bool)>,
}

impl<'a, I> Lints<'a, I> {
    pub fn new(events: I, problems: &'a Problems<'a>) -> Self {
        Lints {
            events,
            problems,
            last_level: 1,
            open: Vec::new(),
            html_table: None,
        }
    }
}

impl<'e, I: Iterator<Item = Spanned<'e>>> Iterator for Lints<'_, I> {
    type Item = Spanned<'e>;

    fn next(&mut self) -> Option<Spanned<'e>> {
        let item = self.events.next();
        if let Some((event, range)) = &item {
            self.look(event, range.start);
        }
        item
    }
}

impl<I> Lints<'_, I> {
    fn look(&mut self, event: &Event, at: usize) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => self.heading(*level as u8, at),
            Event::Start(Tag::Image { .. }) => self.open.push((Open::Image(at), String::new())),
            Event::Start(Tag::Link { .. }) => self.open.push((Open::Link(at), String::new())),
            Event::Start(Tag::Paragraph) => self.open.push((Open::Paragraph(at), String::new())),
            Event::Start(Tag::TableHead) => self.open.push((Open::TableHead(at), String::new())),
            Event::Text(text) | Event::Code(text) => {
                for (_, words) in &mut self.open {
                    words.push_str(text);
                }
            }
            Event::End(TagEnd::Image | TagEnd::Link | TagEnd::Paragraph | TagEnd::TableHead) => {
                if let Some((open, words)) = self.open.pop() {
                    self.close(open, &words);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => self.raw_html(html, at),
            _ => {}
        }
    }

    fn heading(&mut self, level: u8, at: usize) {
        if level > self.last_level + 1 {
            let advice = msg::Advice::new(
                msg::heading_skipped(self.last_level, level),
                msg::hint_heading_skipped(self.last_level + 1),
            );
            self.problems.warning(at, advice);
        }
        self.last_level = level;
    }

    fn close(&self, open: Open, words: &str) {
        let words = words.trim();
        let advice = match open {
            Open::Image(at) if words.is_empty() => (
                at,
                msg::Advice::new(msg::IMAGE_WITHOUT_ALT, msg::HINT_IMAGE_WITHOUT_ALT),
            ),
            Open::Link(at) if is_vague(words) => (
                at,
                msg::Advice::new(msg::vague_link(words), msg::HINT_VAGUE_LINK),
            ),
            Open::TableHead(at) if words.is_empty() => (
                at,
                msg::Advice::new(msg::TABLE_WITHOUT_HEADER, msg::HINT_TABLE_HEADER),
            ),
            Open::Paragraph(at) if in_capitals(words) => (
                at,
                msg::Advice::new(msg::PARAGRAPH_IN_CAPITALS, msg::HINT_CAPITALS),
            ),
            _ => return,
        };
        self.problems.warning(advice.0, advice.1);
    }

    /// Pictures and tables written as HTML: an `<img>` without `alt`, a `<table>` without
    /// header cells (`<th>`).
    fn raw_html(&mut self, html: &str, at: usize) {
        let lower = html.to_lowercase();
        for tag in lower.split('<').skip(1) {
            let tag = tag.split('>').next().unwrap_or("");
            let is_img = tag.starts_with("img") && !tag[3..].starts_with(char::is_alphanumeric);
            if is_img && !has_attribute(tag, "alt") {
                let advice = msg::Advice::new(msg::IMAGE_WITHOUT_ALT, msg::HINT_HTML_IMAGE_ALT);
                self.problems.warning(at, advice);
            }
        }
        if lower.contains("<table") {
            self.html_table = Some((at, false));
        }
        if let Some((_, header)) = &mut self.html_table {
            // `<th>` or `<th scope=…>`, not `<thead>`.
            *header |= ["<th>", "<th ", "<th\n"].iter().any(|t| lower.contains(t));
        }
        if lower.contains("</table") {
            if let Some((start, false)) = self.html_table.take() {
                let advice =
                    msg::Advice::new(msg::TABLE_WITHOUT_HEADER, msg::HINT_HTML_TABLE_HEADER);
                self.problems.warning(start, advice);
            }
        }
    }
}

fn has_attribute(tag: &str, name: &str) -> bool {
    tag.split(|c: char| c.is_whitespace() || c == '/')
        .any(|part| part == name || part.starts_with(&format!("{name}=")))
}

fn is_vague(words: &str) -> bool {
    let folded = words
        .trim_end_matches(['.', ',', ':', '!', '…', '»', '>'])
        .trim()
        .to_lowercase();
    VAGUE_LINK_TEXTS.contains(&folded.as_str())
}

#[cfg(test)]
mod tests {
    use super::super::testing::{body_of, events, page, placed};
    use super::*;

    #[test]
    fn letters_are_capitals_or_small_as_unicode_says() {
        for c in ('\0'..='\u{2FFF}').chain(['\u{1F600}']) {
            assert_eq!(case_of(c), (c.is_uppercase(), c.is_lowercase()), "{c:?}");
        }
    }

    proptest::proptest! {
        /// The ASCII count first decides as counting every letter would.
        #[test]
        fn a_paragraph_is_in_capitals_as_counting_every_letter_says(
            text in "([A-Z]{1,6}|[a-z]{1,3}|[ĐƠƯÀẠỆỸ]{1,4}|[đơưàạệỹ]|[ ,.0-9]|Σ|ß){0,40}|\
                     ([A-Z]{1,3}|[ĐƠƯÀẠỆỸÉ]{1,4}|[ ,.0-9]){0,24}[a-zđơσ]{0,4}"
        ) {
            let upper = text.chars().filter(|c| c.is_uppercase()).count();
            let lower = text.chars().filter(|c| c.is_lowercase()).count();
            let expected = upper >= CAPITALS_MIN_LETTERS && lower * 10 <= upper;
            proptest::prop_assert_eq!(in_capitals(&text), expected);
        }
    }

    fn warnings(body: &str) -> Vec<(usize, usize, bool)> {
        let page = page(body);
        let problems = Problems::new(&page, body_of(&page));
        Lints::new(events(&page), &problems).for_each(drop);
        placed(problems)
    }

    #[test]
    fn a_picture_without_a_description_is_found_in_markdown_and_html() {
        assert_eq!(warnings("Ảnh:\n\n![](a.jpg)\n"), [(7, 1, false)]);
        assert_eq!(warnings("![Lớp tập huấn](a.jpg)\n"), []);
        assert_eq!(warnings("<img src=\"a.jpg\">\n"), [(5, 1, false)]);
        assert_eq!(
            warnings("<img src=\"a.jpg\" alt=\"\">\n"),
            [],
            "alt=\"\": decoration, said so"
        );
    }

    #[test]
    fn a_skipped_heading_level_is_found_where_it_skips() {
        assert_eq!(warnings("## Một\n\n#### Ba\n\n### Hai\n"), [(7, 1, false)]);
        assert_eq!(warnings("### Ngay cấp ba\n"), [(5, 1, false)]);
        assert_eq!(warnings("## A\n\n### B\n\n## C\n"), []);
    }

    #[test]
    fn link_text_must_say_where_it_goes() {
        assert_eq!(
            warnings("Xem kế hoạch [bấm vào đây](a.md).\n"),
            [(5, 14, false)]
        );
        assert_eq!(warnings("[Tại đây](a.md)\n"), [(5, 1, false)]);
        assert_eq!(warnings("[Kế hoạch 62/KH-STP](a.md)\n"), []);
    }

    #[test]
    fn a_table_needs_a_header_row() {
        assert_eq!(warnings("|  |  |\n|--|--|\n| a | b |\n"), [(5, 1, false)]);
        assert_eq!(warnings("| Đơn vị | Số bài |\n|--|--|\n| a | 1 |\n"), []);
        let html = "<table>\n<tr><td>a</td></tr>\n</table>\n";
        assert_eq!(warnings(html), [(5, 1, false)]);
    }

    #[test]
    fn a_paragraph_in_capitals_but_not_an_abbreviation() {
        let shouting = "THÔNG BÁO KHẨN VỀ VIỆC TIẾP NHẬN HỒ SƠ TRỰC TUYẾN\n";
        assert_eq!(warnings(shouting), [(5, 1, false)]);
        assert_eq!(warnings("CCHC, PAR INDEX, SIPAS.\n"), []);
        let few_ascii = "ĐỒ ĐỂ ĐỀ ĐỐ Ở Ứ Ấ Ể Ễ Ệ Ỉ Ị Ọ Ỏ Ố Ồ Ổ Ỗ Ộ Ớ Ờ Ở Ỡ Ợ\n";
        assert_eq!(
            warnings(few_ascii),
            [(5, 1, false)],
            "capitals beyond ASCII"
        );
        assert_eq!(
            warnings("Sở Tư pháp triển khai Nghị định 118/2025/NĐ-CP.\n"),
            []
        );
    }
}
