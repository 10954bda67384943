//! The article's body as Markdown: headings, paragraphs, nested lists numbered as Word
//! numbered them, tables, and the footnotes and endnotes at the end.

use std::collections::HashMap;

use super::inline::{self, Files, Place};
use super::model::{Block, Inline, ListItem, Note, Paragraph, Role};
use super::report::Report;
use super::table;

/// The Markdown of the blocks and notes, counting what was converted in `report`.
pub fn body(blocks: &[Block], notes: &[Note], files: &Files, report: &mut Report) -> String {
    let mut out = String::new();
    let mut lists = Lists::default();
    for block in blocks {
        let (text, in_list, joined) = match block {
            Block::Paragraph(p) => match (&p.list, p.role) {
                (Some(item), Role::Body | Role::Caption) => {
                    report.converted.list_items += 1;
                    let (text, joined) = lists.item(item, p, files);
                    (text, true, joined)
                }
                _ => {
                    let text = paragraph(p, files);
                    let body = !matches!(p.role, Role::Heading(_)) && !text.is_empty();
                    report.converted.paragraphs += usize::from(body);
                    (text, false, false)
                }
            },
            Block::Table(t) => {
                report.converted.tables += 1;
                report.converted.merged_tables += usize::from(t.merged());
                (table::write(t, files), false, false)
            }
        };
        report.converted.links += count_links(block);
        if text.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if joined { "\n" } else { "\n\n" });
        }
        lists.open = in_list;
        out.push_str(&text);
    }
    let notes_text = notes_markdown(notes, files);
    report.converted.notes = notes.len();
    if !notes_text.is_empty() {
        out.push_str("\n\n");
        out.push_str(&notes_text);
    }
    out.push('\n');
    out
}

/// A heading or a paragraph; a heading's pictures follow it as a paragraph of their own.
fn paragraph(p: &Paragraph, files: &Files) -> String {
    match p.role {
        Role::Heading(level) => {
            let text = inline::markdown(&p.inlines, files, Place::Heading);
            let pictures: Vec<Inline> = p.pictures().cloned().map(Inline::Picture).collect();
            let pictures = inline::markdown(&pictures, files, Place::Paragraph);
            let heading = format!("{} {text}", "#".repeat(usize::from(level.clamp(2, 6))));
            match (text.is_empty(), pictures.is_empty()) {
                (true, _) => pictures,
                (false, true) => heading,
                (false, false) => format!("{heading}\n\n{pictures}"),
            }
        }
        _ => inline::markdown(&p.inlines, files, Place::Paragraph),
    }
}

/// The lists being written: where each open level's text starts, and Word's counters.
#[derive(Default)]
struct Lists {
    /// Whether the last block written was a list item.
    open: bool,
    /// The Word list of the last outer item: another list starts a new Markdown list.
    outer: Option<String>,
    /// The column where the text of the item at each open level starts.
    columns: Vec<usize>,
    /// The next number of each level of each Word list.
    counters: HashMap<(String, u8), u32>,
}

impl Lists {
    /// One item, indented under its parent (lines after a break are indented to its text),
    /// and whether it continues the list written just before.
    fn item(&mut self, item: &ListItem, p: &Paragraph, files: &Files) -> (String, bool) {
        let joined = self.open && (item.level > 0 || self.outer.as_ref() == Some(&item.list));
        if !joined {
            self.columns.clear();
        }
        if item.level == 0 {
            self.outer = Some(item.list.clone());
        }
        let depth = usize::from(item.level).min(self.columns.len());
        self.columns.truncate(depth);
        let indent = self.columns.last().copied().unwrap_or(0);
        self.counters
            .retain(|(list, level), _| list != &item.list || *level <= item.level);
        let marker = if item.ordered {
            let n = self
                .counters
                .entry((item.list.clone(), item.level))
                .or_insert(0);
            *n += 1;
            format!("{n}. ")
        } else {
            "- ".to_string()
        };
        let column = indent + marker.chars().count();
        self.columns.push(column);
        let text = inline::markdown(&p.inlines, files, Place::Paragraph);
        let text = text.replace('\n', &format!("\n{}", " ".repeat(column)));
        (format!("{}{marker}{text}", " ".repeat(indent)), joined)
    }
}

/// Markdown footnotes; a note's later paragraphs are indented under its first.
fn notes_markdown(notes: &[Note], files: &Files) -> String {
    let mut out = Vec::new();
    for (i, note) in notes.iter().enumerate() {
        let paragraphs: Vec<String> = note
            .paragraphs
            .iter()
            .map(|p| inline::markdown(&p.inlines, files, Place::Paragraph))
            .filter(|t| !t.is_empty())
            .map(|t| t.replace('\n', "\n    "))
            .collect();
        let text = if paragraphs.is_empty() {
            "…".to_string()
        } else {
            paragraphs.join("\n\n    ")
        };
        out.push(format!("[^{}]: {text}", i + 1));
    }
    out.join("\n")
}

/// The links a block shows: runs of text with the same address count once.
fn count_links(block: &Block) -> usize {
    let paragraphs: Vec<&Paragraph> = match block {
        Block::Paragraph(p) => vec![p],
        Block::Table(t) => t
            .rows
            .iter()
            .flatten()
            .flat_map(|c| &c.paragraphs)
            .collect(),
    };
    paragraphs
        .iter()
        .map(|p| {
            let mut count = 0;
            let mut last: Option<&str> = None;
            for inline in &p.inlines {
                let link = match inline {
                    Inline::Text { link, .. } => link.as_deref(),
                    _ => None,
                };
                if link.is_some() && link != last {
                    count += 1;
                }
                last = link;
            }
            count
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::model::Emphasis;

    fn item(text: &str, list: &str, level: u8, ordered: bool) -> Block {
        Block::Paragraph(Paragraph {
            list: Some(ListItem {
                list: list.to_string(),
                level,
                ordered,
            }),
            inlines: vec![Inline::Text {
                text: text.to_string(),
                emphasis: Emphasis::default(),
                link: None,
            }],
            ..Paragraph::default()
        })
    }

    fn para(text: &str) -> Block {
        Block::Paragraph(Paragraph {
            inlines: vec![Inline::Text {
                text: text.to_string(),
                emphasis: Emphasis::default(),
                link: None,
            }],
            ..Paragraph::default()
        })
    }

    #[test]
    fn nested_lists_are_indented_to_their_parent_text_and_numbered_as_word_did() {
        let blocks = [
            para("Các bước:"),
            item("Nộp hồ sơ", "1", 0, true),
            item("trực tuyến", "2", 1, false),
            item("trực tiếp", "2", 1, false),
            item("Nhận kết quả", "1", 0, true),
            item("tại nhà", "3", 1, true),
            para("Xen giữa."),
            item("Đánh giá", "1", 0, true),
        ];
        let md = body(&blocks, &[], &Files::new(), &mut Report::default());
        assert_eq!(
            md,
            "Các bước:\n\n1. Nộp hồ sơ\n   - trực tuyến\n   - trực tiếp\n2. Nhận kết quả\n   1. tại nhà\n\nXen giữa.\n\n3. Đánh giá\n"
        );
    }

    #[test]
    fn notes_are_numbered_in_order_and_their_paragraphs_indented() {
        let note = |texts: &[&str]| Note {
            endnote: false,
            paragraphs: texts
                .iter()
                .map(|t| match para(t) {
                    Block::Paragraph(p) => p,
                    Block::Table(_) => unreachable!(),
                })
                .collect(),
        };
        let md = notes_markdown(&[note(&["Một."]), note(&["Hai.", "Tiếp."])], &Files::new());
        assert_eq!(md, "[^1]: Một.\n[^2]: Hai.\n\n    Tiếp.");
    }
}
