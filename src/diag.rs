//! Problems found in the officer's files: where they are and what to do about them.
//!
//! Every stage collects `Diagnostic`s instead of stopping at the first one, so a single run
//! reports everything wrong with the site (the way ripgrep keeps going and lets the exit
//! code tell). Only `main` prints them.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file, at a place the officer can open in an editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line counted from the top of the file; 0 when the problem is the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub col: usize,
    pub message: String,
    /// What to do about it, in plain words.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line,
            col,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, col, message)
        }
    }

    /// An error about a whole file (I/O, encoding), with no line to point at.
    pub fn file_error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic::error(path, 0, 0, message)
    }

    /// An error at a place, saying what `advice` says.
    pub fn advise(
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        advice: crate::msg::Advice,
    ) -> Self {
        Diagnostic::error(path, line, col, advice.message).with_hint(advice.hint)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", shown(&self.path.display().to_string()))?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.col.max(1))?;
        }
        let label = match self.severity {
            Severity::Error => crate::msg::LABEL_ERROR,
            Severity::Warning => crate::msg::LABEL_WARNING,
        };
        write!(f, ": {label}: {}", shown(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n    → {}", shown(hint))?;
        }
        Ok(())
    }
}

/// Text as it may safely reach a terminal: messages quote what authors wrote (titles, links,
/// file names), and a raw escape character there could move the cursor, recolour or retitle
/// the officer's terminal, or hide a line. Control characters other than line breaks and tabs,
/// and the bidirectional overrides that reorder what is shown, are written as `\u{…}`.
pub fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.contains(hidden) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// Converts a byte offset in `text` into a 1-based (line, column), column counted in characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Sorts problems by file and place, errors first within a place, so output is stable.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.path, a.line, a.col, a.severity, &a.message)
            .cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
    });
}

/// Shows `path` relative to `root` when it lies inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_lines_from_one_and_columns_in_characters() {
        let text = "một\nhai ba\nđ";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, text.find("ba").unwrap()), (2, 5));
        assert_eq!(line_col(text, text.find('đ').unwrap()), (3, 1));
    }

    #[test]
    fn control_characters_an_author_wrote_are_shown_escaped() {
        let d = Diagnostic::error(
            "content/a\u{1b}.md",
            1,
            1,
            "liên kết tới `\u{1b}[2J\u{7}x\u{202e}` nhưng không có tệp đó",
        )
        .with_hint("dòng 1\ndòng 2\u{9b}");
        let shown = d.to_string();
        assert!(
            !shown.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']),
            "{shown}"
        );
        assert_eq!(
            shown,
            "content/a\\u{1b}.md:1:1: lỗi: liên kết tới `\\u{1b}[2J\\u{7}x\\u{202e}` nhưng không có tệp đó\n    → dòng 1\ndòng 2\\u{9b}"
        );
    }

    #[test]
    fn a_diagnostic_reads_as_path_line_column_message() {
        let d = Diagnostic::error("content/a.md", 3, 7, "thiếu tiêu đề").with_hint("thêm title");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:7: lỗi: thiếu tiêu đề\n    → thêm title"
        );
    }
}
