//! What loa keeps of a Word document: paragraphs with their role, runs of formatted text,
//! lists, tables, notes and pictures. Plain data between reading the .docx and writing Markdown.

/// The document as read, before its title and headings are decided.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub body: Vec<Block>,
    /// Footnotes and endnotes, in the order the text first refers to them.
    pub notes: Vec<Note>,
    /// The file's core properties (`docProps/core.xml`).
    pub properties: Properties,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Properties {
    pub title: Option<String>,
    /// W3C dates as written: `2025-11-20T08:30:00Z`.
    pub created: Option<String>,
    pub modified: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

/// What a paragraph's style says it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Role {
    #[default]
    Body,
    /// Word's `Title` style.
    Title,
    /// Word's Heading 1–6 (or a style with that outline level).
    Heading(u8),
    /// A caption style (`Caption`): the text under a picture.
    Caption,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    pub role: Role,
    pub centred: bool,
    pub list: Option<ListItem>,
    pub inlines: Vec<Inline>,
}

/// A paragraph's place in a numbered or bulleted list (`numbering.xml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// Word's list (`w:numId`): items of one list count together.
    pub list: String,
    /// 0 for the outer level.
    pub level: u8,
    pub ordered: bool,
}

/// Bold, italic, strikethrough.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Emphasis {
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text {
        text: String,
        emphasis: Emphasis,
        /// The link's address when the text is a hyperlink (already within the URL policy).
        link: Option<String>,
    },
    /// A manual line break (Shift+Enter).
    Break,
    Picture(Picture),
    /// The number (from 1) of a footnote or endnote in `Document::notes`.
    NoteRef(usize),
}

/// A picture in the text: the package part that holds it and Word's alt text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// The part's name, checked (`word/media/image1.png`).
    pub part: String,
    /// Word's "descr" (alt text), when the author wrote one.
    pub descr: Option<String>,
    /// The alt text decided for it: `descr`, else the caption under it.
    pub alt: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// Whether any cell spans columns or rows.
    pub fn merged(&self) -> bool {
        self.rows
            .iter()
            .flatten()
            .any(|c| c.colspan > 1 || c.vmerge != VMerge::None)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub paragraphs: Vec<Paragraph>,
    pub colspan: u32,
    pub vmerge: VMerge,
}

/// Word's vertical merge: a cell starts a merge, continues the one above, or neither.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum VMerge {
    #[default]
    None,
    Restart,
    Continue,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Note {
    pub endnote: bool,
    pub paragraphs: Vec<Paragraph>,
}

impl Paragraph {
    /// The paragraph's text, without formatting; a line break as a space.
    pub fn plain_text(&self) -> String {
        plain_text(&self.inlines)
    }

    /// The pictures of the paragraph.
    pub fn pictures(&self) -> impl Iterator<Item = &Picture> {
        self.inlines.iter().filter_map(|i| match i {
            Inline::Picture(p) => Some(p),
            _ => None,
        })
    }

    /// Whether every letter of the paragraph is bold (and there is one).
    pub fn all_bold(&self) -> bool {
        let mut texts = self
            .texts()
            .filter(|(t, _)| !t.trim().is_empty())
            .peekable();
        texts.peek().is_some() && texts.all(|(_, e)| e.bold)
    }

    /// Whether every letter of the paragraph is italic (and there is one).
    pub fn all_italic(&self) -> bool {
        let mut texts = self
            .texts()
            .filter(|(t, _)| !t.trim().is_empty())
            .peekable();
        texts.peek().is_some() && texts.all(|(_, e)| e.italic)
    }

    fn texts(&self) -> impl Iterator<Item = (&str, Emphasis)> {
        self.inlines.iter().filter_map(|i| match i {
            Inline::Text { text, emphasis, .. } => Some((text.as_str(), *emphasis)),
            _ => None,
        })
    }
}

/// The text of inlines, without formatting; a line break as a space.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::Break => out.push(' '),
            Inline::Picture(_) | Inline::NoteRef(_) => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
