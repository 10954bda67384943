//! The shape of the article decided from the document: its title, its headings (Word's
//! Heading styles, and short bold paragraphs standing alone), their levels in order under the
//! title, and each picture's alt text (Word's, else the caption under it).

use super::model::{Block, Document, Inline, Note, Paragraph, Properties, Role};
use super::report::{beginning, Report};

/// Longest paragraph taken for a heading that only looks like one.
const HEADING_MAX_CHARS: usize = 120;
const HEADING_MAX_WORDS: usize = 20;
/// Longest paragraph taken for a caption that only looks like one.
const CAPTION_MAX_CHARS: usize = 250;

/// The article as it will be written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shaped {
    /// Empty when the document has no text to take one from.
    pub title: String,
    /// Top-level blocks; a heading's role holds its Markdown level (2–6).
    pub blocks: Vec<Block>,
    pub notes: Vec<Note>,
    pub properties: Properties,
}

/// Decides title, headings and alt texts; records what was guessed in `report`.
pub fn shape(document: Document, report: &mut Report) -> Shaped {
    let Document {
        body,
        notes,
        properties,
    } = document;
    let mut blocks: Vec<Block> = body.into_iter().filter(|b| !is_empty(b)).collect();
    let title = take_title(&mut blocks, &properties, report);
    mark_guessed_headings(&mut blocks, report);
    set_heading_levels(&mut blocks);
    set_alt_texts(&mut blocks);
    report.converted.headings = blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph(p) if matches!(p.role, Role::Heading(_))))
        .count();
    Shaped {
        title,
        blocks,
        notes,
        properties,
    }
}

/// Empty paragraphs are Word's spacing, not text.
fn is_empty(block: &Block) -> bool {
    match block {
        Block::Paragraph(p) => p.inlines.iter().all(|i| match i {
            Inline::Text { text, .. } => text.trim().is_empty(),
            Inline::Break => true,
            Inline::Picture(_) | Inline::NoteRef(_) => false,
        }),
        Block::Table(t) => t.rows.is_empty(),
    }
}

/// The title: the paragraph in Word's Title style, else the first bold or centred one (taken
/// out of the body), else the file's title property, else the first paragraph's text.
fn take_title(blocks: &mut Vec<Block>, properties: &Properties, report: &mut Report) -> String {
    let styled = position(blocks, |p| p.role == Role::Title);
    let found = styled.or_else(|| {
        position(blocks, |p| {
            p.list.is_none() && p.pictures().next().is_none() && (p.all_bold() || p.centred)
        })
    });
    report.to_check.title_guessed = styled.is_none();
    if let Some(i) = found {
        if let Block::Paragraph(p) = blocks.remove(i) {
            return p.plain_text();
        }
    }
    if let Some(title) = properties.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return title.trim().to_string();
    }
    let first = blocks.iter().find_map(|b| match b {
        Block::Paragraph(p) if !p.plain_text().is_empty() => Some(p.plain_text()),
        _ => None,
    });
    first
        .map(|t| beginning(&t, HEADING_MAX_CHARS))
        .unwrap_or_default()
}

fn position(blocks: &[Block], wanted: impl Fn(&Paragraph) -> bool) -> Option<usize> {
    blocks
        .iter()
        .position(|b| matches!(b, Block::Paragraph(p) if !p.plain_text().is_empty() && wanted(p)))
}

/// A short bold paragraph standing alone between others reads as a heading: units mark their
/// sections that way more often than with Word's styles. It goes one level under the Word
/// heading before it. Bold lines in a row (a signature, an address) are not headings.
fn mark_guessed_headings(blocks: &mut [Block], report: &mut Report) {
    let candidate =
        |b: Option<&Block>| matches!(b, Some(Block::Paragraph(p)) if looks_like_heading(p));
    let guessed: Vec<bool> = (0..blocks.len())
        .map(|i| {
            candidate(blocks.get(i))
                && blocks.get(i + 1).is_some()
                && !candidate(blocks.get(i + 1))
                && !(i > 0 && candidate(blocks.get(i - 1)))
        })
        .collect();
    let mut last_level: Option<u8> = None;
    for (block, guessed) in blocks.iter_mut().zip(guessed) {
        let Block::Paragraph(p) = block else {
            continue;
        };
        if let Role::Heading(level) = p.role {
            last_level = Some(level);
        } else if guessed {
            p.role = Role::Heading(last_level.map_or(1, |l| (l + 1).min(6)));
            report.to_check.guessed_headings.push(p.plain_text());
        }
    }
}

fn looks_like_heading(p: &Paragraph) -> bool {
    let text = p.plain_text();
    p.role == Role::Body
        && p.list.is_none()
        && p.all_bold()
        && p.pictures().next().is_none()
        && !p
            .inlines
            .iter()
            .any(|i| matches!(i, Inline::NoteRef(_) | Inline::Text { link: Some(_), .. }))
        && text.chars().count() <= HEADING_MAX_CHARS
        && text.split_whitespace().count() <= HEADING_MAX_WORDS
        && !text.ends_with(['.', ',', ';', ':'])
}

/// Word levels become Markdown levels from 2 (the title is the page's only level 1): the
/// levels used are ranked, and no heading goes more than one level below the one before it.
fn set_heading_levels(blocks: &mut [Block]) {
    let mut used: Vec<u8> = headings(blocks).map(|(_, l)| l).collect();
    used.sort_unstable();
    used.dedup();
    let mut previous = 1u8;
    for block in blocks.iter_mut() {
        let Block::Paragraph(p) = block else {
            continue;
        };
        let Role::Heading(level) = p.role else {
            continue;
        };
        let rank = used.iter().position(|&l| l == level).unwrap_or(0) as u8;
        let markdown = (2 + rank).min(6).min(previous + 1);
        p.role = Role::Heading(markdown);
        previous = markdown;
    }
}

fn headings(blocks: &[Block]) -> impl Iterator<Item = (usize, u8)> + '_ {
    blocks.iter().enumerate().filter_map(|(i, b)| match b {
        Block::Paragraph(Paragraph {
            role: Role::Heading(l),
            ..
        }) => Some((i, *l)),
        _ => None,
    })
}

/// Each picture's alt text: Word's `descr`, else the caption paragraph right under it (a
/// Caption style, or a short italic or centred line).
fn set_alt_texts(blocks: &mut [Block]) {
    for i in 0..blocks.len() {
        let caption = match blocks.get(i + 1) {
            Some(Block::Paragraph(next)) if is_caption(next) => Some(next.plain_text()),
            _ => None,
        };
        match &mut blocks[i] {
            Block::Paragraph(p) => set_alts(p, caption.as_deref()),
            Block::Table(t) => {
                for p in t
                    .rows
                    .iter_mut()
                    .flatten()
                    .flat_map(|c| c.paragraphs.iter_mut())
                {
                    set_alts(p, None);
                }
            }
        }
    }
}

fn set_alts(p: &mut Paragraph, caption: Option<&str>) {
    for inline in &mut p.inlines {
        if let Inline::Picture(picture) = inline {
            picture.alt = picture
                .descr
                .clone()
                .or_else(|| caption.map(str::to_string));
        }
    }
}

fn is_caption(p: &Paragraph) -> bool {
    let text = p.plain_text();
    !text.is_empty()
        && p.pictures().next().is_none()
        && (p.role == Role::Caption
            || (p.role == Role::Body
                && p.list.is_none()
                && text.chars().count() <= CAPTION_MAX_CHARS
                && (p.all_italic() || p.centred)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::model::{Emphasis, Picture};

    fn para(text: &str, role: Role, bold: bool) -> Block {
        Block::Paragraph(Paragraph {
            role,
            inlines: vec![Inline::Text {
                text: text.to_string(),
                emphasis: Emphasis {
                    bold,
                    ..Emphasis::default()
                },
                link: None,
            }],
            ..Paragraph::default()
        })
    }

    fn levels(shaped: &Shaped) -> Vec<(String, u8)> {
        shaped
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => match p.role {
                    Role::Heading(l) => Some((p.plain_text(), l)),
                    _ => None,
                },
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_title_style_wins_over_a_bold_first_paragraph() {
        let doc = Document {
            body: vec![
                para("Tin nhanh", Role::Body, true),
                para("Tiêu đề thật", Role::Title, false),
            ],
            ..Document::default()
        };
        let mut report = Report::default();
        let shaped = shape(doc, &mut report);
        assert_eq!(shaped.title, "Tiêu đề thật");
        assert!(!report.to_check.title_guessed);
    }

    #[test]
    fn without_a_title_style_the_first_bold_paragraph_is_the_title() {
        let doc = Document {
            body: vec![
                para("", Role::Body, false),
                para("Hội nghị tập huấn", Role::Body, true),
                para("Nội dung.", Role::Body, false),
            ],
            ..Document::default()
        };
        let mut report = Report::default();
        let shaped = shape(doc, &mut report);
        assert_eq!(shaped.title, "Hội nghị tập huấn");
        assert!(report.to_check.title_guessed);
        assert_eq!(
            shaped.blocks.len(),
            1,
            "the empty paragraph and the title are gone"
        );
    }

    #[test]
    fn heading_levels_come_out_in_order_under_the_title() {
        let doc = Document {
            body: vec![
                para("Tiêu đề", Role::Title, false),
                para("Mục lớn", Role::Heading(3), false),
                para("Mục nhỏ", Role::Heading(5), false),
                para("Ý đậm đứng riêng", Role::Body, true),
                para("Nội dung.", Role::Body, false),
                para("Mục lớn khác", Role::Heading(1), false),
                para("Cuối bài đậm", Role::Body, true),
            ],
            ..Document::default()
        };
        let mut report = Report::default();
        let shaped = shape(doc, &mut report);
        assert_eq!(
            levels(&shaped),
            [
                ("Mục lớn".to_string(), 2),
                ("Mục nhỏ".to_string(), 3),
                ("Ý đậm đứng riêng".to_string(), 4),
                ("Mục lớn khác".to_string(), 2),
            ]
        );
        assert_eq!(report.to_check.guessed_headings, ["Ý đậm đứng riêng"]);
    }

    #[test]
    fn a_picture_takes_the_caption_under_it_when_word_has_no_alt_text() {
        let picture = |descr: Option<&str>| {
            Block::Paragraph(Paragraph {
                inlines: vec![Inline::Picture(Picture {
                    part: "word/media/a.png".to_string(),
                    descr: descr.map(str::to_string),
                    alt: None,
                })],
                ..Paragraph::default()
            })
        };
        let mut blocks = vec![
            picture(None),
            para("Ảnh: Toàn cảnh hội nghị", Role::Caption, false),
            picture(Some("Lời mô tả")),
            para("Ảnh khác", Role::Caption, false),
            picture(None),
            para("Một đoạn văn dài bình thường.", Role::Body, false),
        ];
        set_alt_texts(&mut blocks);
        let alts: Vec<Option<String>> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => p.pictures().next().map(|p| p.alt.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(
            alts,
            [
                Some("Ảnh: Toàn cảnh hội nghị".to_string()),
                Some("Lời mô tả".to_string()),
                None
            ]
        );
    }
}
