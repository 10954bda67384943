//! The import summary: what was converted, what was dropped (so nothing is lost silently) and
//! what the officer must check before publishing.

use crate::msg;

/// Everything the import did that the officer should know.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub converted: Converted,
    pub dropped: Dropped,
    pub to_check: ToCheck,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Converted {
    pub paragraphs: usize,
    pub headings: usize,
    pub list_items: usize,
    pub tables: usize,
    /// Tables written as HTML because cells are merged.
    pub merged_tables: usize,
    pub notes: usize,
    pub links: usize,
    pub pictures: usize,
    /// Legacy fonts whose text was converted to Unicode, each once.
    pub legacy_fonts: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dropped {
    /// The beginning of each text box's text.
    pub text_boxes: Vec<String>,
    /// The beginning of each comment.
    pub comments: Vec<String>,
    /// Insertions and deletions still tracked: the article has them accepted.
    pub tracked_changes: usize,
    /// Link addresses the site's URL policy refuses; their text is kept.
    pub refused_links: Vec<String>,
    pub pictures: Vec<Skipped>,
    /// Charts, SmartArt, equations, embedded objects.
    pub objects: usize,
    /// Word's automatic table of contents.
    pub contents: bool,
}

/// A picture that is not published, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Its name in the .docx (`word/media/image3.emf`).
    pub part: String,
    pub why: Skip,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// A format browsers do not show (EMF, WMF, TIFF …): the extension.
    Format(String),
    /// Bigger than loa unpacks for one picture.
    TooLarge,
    /// Decodes to more than the image limits: the detail.
    OverLimits(String),
    /// Linked to a file on the sender's PC rather than inside the .docx.
    Linked,
    /// Its name in the .docx is not a safe part name, or the part is missing.
    Missing,
    /// Its bytes are not the picture its name says.
    Damaged,
}

/// Where the article's date came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DateFrom {
    Modified,
    Created,
    #[default]
    Now,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ToCheck {
    /// Pictures written with the alt-text TODO, by their file name in the bundle.
    pub pictures_without_alt: Vec<String>,
    /// Bold short paragraphs made headings.
    pub guessed_headings: Vec<String>,
    /// The title was not in Word's Title style.
    pub title_guessed: bool,
    pub topics_suggested: Vec<String>,
    pub date: DateFrom,
}

impl Report {
    /// The summary, one line per fact, in Vietnamese, for the terminal.
    pub fn lines(&self) -> Vec<String> {
        self.lines_for(Reader::Terminal)
    }

    /// The summary for the writing desk, whose officer fills the form rather than YAML lines
    /// and types no command.
    pub fn desk_lines(&self) -> Vec<String> {
        self.lines_for(Reader::Desk)
    }

    fn lines_for(&self, reader: Reader) -> Vec<String> {
        let mut lines = vec![msg::IMPORT_CONVERTED_HEADER.to_string()];
        let c = &self.converted;
        lines.push(msg::import_converted(&[
            (c.paragraphs, "đoạn văn"),
            (c.headings, "đề mục"),
            (c.list_items, "mục danh sách"),
            (c.tables, "bảng"),
            (c.notes, "chú thích"),
            (c.links, "liên kết"),
            (c.pictures, "ảnh"),
        ]));
        if c.merged_tables > 0 {
            lines.push(msg::import_merged_tables(c.merged_tables));
        }
        if !c.legacy_fonts.is_empty() {
            lines.push(msg::import_legacy_converted(&c.legacy_fonts));
        }
        let dropped = self.dropped_lines();
        if !dropped.is_empty() {
            lines.push(msg::IMPORT_DROPPED_HEADER.to_string());
            lines.extend(dropped);
        }
        lines.push(msg::IMPORT_CHECK_HEADER.to_string());
        lines.extend(self.check_lines(reader));
        lines
    }

    fn dropped_lines(&self) -> Vec<String> {
        let d = &self.dropped;
        let mut lines = Vec::new();
        for text in &d.text_boxes {
            lines.push(msg::import_text_box(text));
        }
        for text in &d.comments {
            lines.push(msg::import_comment(text));
        }
        if d.tracked_changes > 0 {
            lines.push(msg::import_tracked_changes(d.tracked_changes));
        }
        for url in &d.refused_links {
            lines.push(msg::import_link_refused(url));
        }
        for p in &d.pictures {
            lines.push(skipped_line(p));
        }
        if d.objects > 0 {
            lines.push(msg::import_objects(d.objects));
        }
        if d.contents {
            lines.push(msg::IMPORT_CONTENTS_DROPPED.to_string());
        }
        lines
    }

    fn check_lines(&self, reader: Reader) -> Vec<String> {
        let t = &self.to_check;
        let mut lines = Vec::new();
        if t.title_guessed {
            lines.push(msg::IMPORT_TITLE_GUESSED.to_string());
        }
        for text in &t.guessed_headings {
            lines.push(msg::import_heading_guessed(text));
        }
        for name in &t.pictures_without_alt {
            lines.push(msg::import_alt_missing(name));
        }
        lines.push(match reader {
            Reader::Terminal => msg::import_topics(&t.topics_suggested),
            Reader::Desk => msg::import_topics_desk(&t.topics_suggested),
        });
        lines.push(
            match t.date {
                DateFrom::Modified | DateFrom::Created => msg::IMPORT_DATE_FROM_FILE,
                DateFrom::Now => msg::IMPORT_DATE_NOW,
            }
            .to_string(),
        );
        lines.push(
            match reader {
                Reader::Terminal => msg::IMPORT_UNIT_CHANNELS,
                Reader::Desk => msg::IMPORT_UNIT_CHANNELS_DESK,
            }
            .to_string(),
        );
        lines
    }
}

/// Who reads the summary: the officer at a terminal, or at the writing desk.
#[derive(Clone, Copy)]
enum Reader {
    Terminal,
    Desk,
}

fn skipped_line(p: &Skipped) -> String {
    let name = p.part.rsplit('/').next().unwrap_or(&p.part);
    match &p.why {
        Skip::Format(ext) => msg::import_picture_format(name, ext),
        Skip::TooLarge => msg::import_picture_too_large(name),
        Skip::OverLimits(detail) => msg::import_picture_over_limits(name, detail),
        Skip::Linked => msg::import_picture_linked(name),
        Skip::Missing => msg::import_picture_missing(name),
        Skip::Damaged => msg::import_picture_damaged(name),
    }
}

/// The first words of a text, for the summary: at most `max` characters, cut at a word.
pub fn beginning(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut cut: String = text.chars().take(max).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    format!("{cut}…")
}
