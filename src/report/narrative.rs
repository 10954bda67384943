//! The officer's text for a period (`data/bao-cao/2025-q4.md`): what the counts cannot say.
//! Its headings pick the report's sections (`## Tồn tại, hạn chế`, `## Phương hướng`,
//! `## Kiến nghị`, and `## Kết quả` for more under section I); what is under them becomes
//! paragraphs and list items that every format of the report can write.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diag::Diagnostic;
use crate::msg;

/// Where the officer's texts live, one per period, from the site folder.
pub const NARRATIVE_DIR: &str = "data/bao-cao";

/// The sections of the report, in order: I is counted by loa (the officer may add to it),
/// II–IV are written by the officer.
pub const PARTS: usize = 4;

/// A paragraph, or an item of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Span>),
    /// `marker` is `-` or the item's number (`2.`).
    Item {
        marker: String,
        spans: Vec<Span>,
    },
}

/// A run of text with its emphasis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

/// What the officer wrote for a period, by section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Narrative {
    /// The file it is (or would be) read from, as the officer writes paths:
    /// `data/bao-cao/2025-q4.md`.
    pub file: String,
    parts: [Option<Vec<Block>>; PARTS],
}

impl Narrative {
    /// Nothing written yet: sections II–IV are placeholders naming `file`.
    pub fn missing(file: &str) -> Narrative {
        Narrative {
            file: file.to_string(),
            parts: Default::default(),
        }
    }

    /// Reads the officer's Markdown; a heading that is no section of the report, text before
    /// the first heading and a section left out are warnings, at their lines.
    pub fn parse(text: &str, file: &str) -> (Narrative, Vec<Diagnostic>) {
        let mut reader = Reader::new(text, file);
        for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
            reader.event(event, range.start);
        }
        reader.finish()
    }

    /// Section `part` (0 for I … 3 for IV): the officer's text, or for II–IV a placeholder
    /// saying where to write it.
    pub fn part(&self, part: usize) -> Vec<Block> {
        match &self.parts[part] {
            Some(blocks) => blocks.clone(),
            None if part == 0 => Vec::new(),
            None => vec![Block::Paragraph(vec![Span {
                text: msg::narrative_placeholder(msg::REPORT_PART_HEADINGS[part], &self.file),
                bold: false,
                italic: true,
            }])],
        }
    }
}

/// Which section a heading opens: `II. Tồn tại, hạn chế` → 1. Its number, if written, is
/// not needed; its first words are.
fn part_of(heading: &str) -> Option<usize> {
    let mut text = heading.trim();
    if let Some((number, rest)) = text.split_once(['.', ')']) {
        if !number.is_empty() && number.chars().all(|c| "IVXivx0123456789".contains(c)) {
            text = rest;
        }
    }
    let text = crate::text::nfc(text.trim()).to_lowercase();
    let starts = |words: &[&str]| words.iter().any(|w| text.starts_with(w));
    if starts(&["kết quả"]) {
        Some(0)
    } else if starts(&["tồn tại", "hạn chế", "khó khăn"]) {
        Some(1)
    } else if starts(&["phương hướng", "nhiệm vụ"]) {
        Some(2)
    } else if starts(&["kiến nghị", "đề xuất"]) {
        Some(3)
    } else {
        None
    }
}

/// Where the text being read goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Goes {
    /// Before the first heading: nowhere (told once).
    Before,
    Part(usize),
    /// Under a heading that is no section: nowhere (told at the heading).
    Nowhere,
}

/// Markdown events turned into sections of blocks.
struct Reader<'t> {
    text: &'t str,
    file: &'t str,
    goes: Goes,
    parts: [Option<Vec<Block>>; PARTS],
    problems: Vec<Diagnostic>,
    /// The block being read: its marker (for an item) and spans.
    block: Option<(Option<String>, Vec<Span>)>,
    /// The heading being read: its level, text and where it starts.
    heading: Option<(HeadingLevel, String, usize)>,
    /// For each open list, the next item's number (`None`: a bulleted list).
    lists: Vec<Option<u64>>,
    bold: usize,
    italic: usize,
    link: Option<String>,
    told_before: bool,
}

impl<'t> Reader<'t> {
    fn new(text: &'t str, file: &'t str) -> Reader<'t> {
        Reader {
            text,
            file,
            goes: Goes::Before,
            parts: Default::default(),
            problems: Vec::new(),
            block: None,
            heading: None,
            lists: Vec::new(),
            bold: 0,
            italic: 0,
            link: None,
            told_before: false,
        }
    }

    fn event(&mut self, event: Event, at: usize) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some((level, String::new(), at));
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(),
            Event::Start(Tag::Paragraph) if self.block.is_none() => {
                self.block = Some((None, Vec::new()));
            }
            Event::End(TagEnd::Paragraph) if self.lists.is_empty() => self.end_block(at),
            Event::End(TagEnd::CodeBlock) => self.end_block(at),
            Event::Start(Tag::List(first)) => self.lists.push(first),
            Event::End(TagEnd::List(_)) => {
                self.lists.pop();
            }
            Event::Start(Tag::Item) => self.start_item(at),
            Event::End(TagEnd::Item) => self.end_block(at),
            Event::Start(Tag::Strong) => self.bold += 1,
            Event::End(TagEnd::Strong) => self.bold = self.bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => self.italic += 1,
            Event::End(TagEnd::Emphasis) => self.italic = self.italic.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => self.link = Some(dest_url.to_string()),
            Event::End(TagEnd::Link) => self.end_link(),
            Event::Text(t) | Event::Code(t) => self.push_text(&t),
            Event::SoftBreak | Event::HardBreak => self.push_text(" "),
            _ => {}
        }
    }

    fn start_item(&mut self, at: usize) {
        // A list inside an item: what the item said so far is a block of its own.
        self.end_block(at);
        let marker = match self.lists.last_mut() {
            Some(Some(n)) => {
                *n += 1;
                format!("{}.", *n - 1)
            }
            _ => "-".to_string(),
        };
        self.block = Some((Some(marker), Vec::new()));
    }

    fn push_text(&mut self, text: &str) {
        if let Some((_, heading, _)) = &mut self.heading {
            heading.push_str(text);
            return;
        }
        let (bold, italic) = (self.bold > 0, self.italic > 0);
        let (_, spans) = self.block.get_or_insert_with(|| (None, Vec::new()));
        match spans.last_mut() {
            Some(last) if last.bold == bold && last.italic == italic => last.text.push_str(text),
            _ => spans.push(Span {
                text: text.to_string(),
                bold,
                italic,
            }),
        }
    }

    /// A link's address after its words, when they are not the address itself: the report
    /// is printed.
    fn end_link(&mut self) {
        let Some(url) = self.link.take() else { return };
        let written = self
            .block
            .as_ref()
            .and_then(|(_, s)| s.last())
            .map(|s| s.text.as_str());
        if !written.is_some_and(|w| w.ends_with(url.as_str())) {
            self.push_text(&format!(" ({url})"));
        }
    }

    fn end_heading(&mut self) {
        let Some((level, text, at)) = self.heading.take() else {
            return;
        };
        if level > HeadingLevel::H2 {
            // A heading inside a section is a bold line of it.
            self.end_block(at);
            self.block = Some((
                None,
                vec![Span {
                    text,
                    bold: true,
                    italic: false,
                }],
            ));
            self.end_block(at);
            return;
        }
        self.end_block(at);
        self.goes = match part_of(&text) {
            Some(part) => {
                self.parts[part].get_or_insert_with(Vec::new);
                Goes::Part(part)
            }
            None => {
                self.warn(at, msg::narrative_unknown_heading(text.trim()));
                Goes::Nowhere
            }
        };
    }

    fn end_block(&mut self, at: usize) {
        let Some((marker, mut spans)) = self.block.take() else {
            return;
        };
        if let Some(first) = spans.first_mut() {
            first.text = first.text.trim_start().to_string();
        }
        if let Some(last) = spans.last_mut() {
            last.text = last.text.trim_end().to_string();
        }
        spans.retain(|s| !s.text.is_empty());
        if spans.is_empty() {
            return;
        }
        let block = match marker {
            Some(marker) => Block::Item { marker, spans },
            None => Block::Paragraph(spans),
        };
        match self.goes {
            Goes::Part(part) => self.parts[part].get_or_insert_with(Vec::new).push(block),
            Goes::Before if !self.told_before => {
                self.told_before = true;
                self.warn(at, msg::NARRATIVE_TEXT_BEFORE.to_string());
            }
            _ => {}
        }
    }

    fn warn(&mut self, at: usize, message: String) {
        let (line, col) = crate::diag::line_col(self.text, at);
        self.problems.push(
            Diagnostic::warning(self.file, line, col, message).with_hint(msg::HINT_NARRATIVE),
        );
    }

    /// The sections read, and a warning for each of II–IV that is not there.
    fn finish(mut self) -> (Narrative, Vec<Diagnostic>) {
        self.end_block(self.text.len());
        for part in 1..PARTS {
            if self.parts[part].as_ref().is_none_or(Vec::is_empty) {
                self.parts[part] = None;
                let d = Diagnostic::warning(
                    self.file,
                    0,
                    0,
                    msg::narrative_part_missing(msg::REPORT_PART_HEADINGS[part]),
                );
                self.problems.push(d.with_hint(msg::HINT_NARRATIVE));
            }
        }
        let narrative = Narrative {
            file: self.file.to_string(),
            parts: self.parts,
        };
        (narrative, self.problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(s) => s.iter().map(|s| s.text.as_str()).collect(),
                Block::Item { marker, spans } => {
                    let t: String = spans.iter().map(|s| s.text.as_str()).collect();
                    format!("{marker} {t}")
                }
            })
            .collect()
    }

    #[test]
    fn headings_pick_the_sections_whatever_their_number() {
        let text = "## II. Tồn tại, hạn chế\n\nMột số đơn vị gửi bài **chậm**.\n\n## Phương hướng, nhiệm vụ quý I/2026\n\n- Tập huấn Nghị định 118;\n- Mỗi tháng một video.\n\n# 4) Kiến nghị\n\n1. Bố trí kinh phí.\n2. Cấp tài khoản Zalo OA.\n";
        let (n, problems) = Narrative::parse(text, "data/bao-cao/2025-q4.md");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(text_of(&n.part(1)), ["Một số đơn vị gửi bài chậm."]);
        assert!(matches!(&n.part(1)[0], Block::Paragraph(s) if s[1].bold && s[1].text == "chậm"));
        assert_eq!(
            text_of(&n.part(2)),
            ["- Tập huấn Nghị định 118;", "- Mỗi tháng một video."]
        );
        assert_eq!(
            text_of(&n.part(3)),
            ["1. Bố trí kinh phí.", "2. Cấp tài khoản Zalo OA."]
        );
        assert!(
            n.part(0).is_empty(),
            "section I has nothing of the officer's"
        );
    }

    #[test]
    fn a_section_left_out_is_a_placeholder_and_a_warning() {
        let (n, problems) = Narrative::parse("## Kiến nghị\n\nKhông.\n", "data/bao-cao/2025.md");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().all(|p| p.line == 0 && !p.is_error()));
        let placeholder = text_of(&n.part(1)).join("");
        assert!(
            placeholder.contains("data/bao-cao/2025.md"),
            "{placeholder}"
        );
    }

    #[test]
    fn a_heading_of_no_section_and_text_before_the_first_are_warned_at_their_lines() {
        let text = "Ghi chú nháp.\n\n## Tồn tại\n\nA.\n\n## Linh tinh\n\nB.\n\n## Phương hướng\n\nC.\n\n## Kiến nghị\n\nD.\n";
        let (n, problems) = Narrative::parse(text, "f.md");
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [1, 7], "{problems:?}");
        assert_eq!(
            text_of(&n.part(1)),
            ["A."],
            "what is under no section is left out"
        );
    }
}
