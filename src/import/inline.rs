//! The text of one paragraph as Markdown (or as HTML, for a table with merged cells): runs of
//! emphasis, links, line breaks, note references and pictures, escaped so that what Word
//! showed as text stays text (`1.` at a line's start, `*`, `<`, `[`), and quotes left as typed.

use std::collections::HashMap;

use super::model::{Emphasis, Inline, Picture};
use crate::text::escape_html;

/// The alt-text TODO written for a picture without one; `check` reports it.
pub use crate::msg::IMPORT_ALT_TODO as ALT_TODO;

/// Where the text goes, which decides what a line break becomes and what must be escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A paragraph or list item: a break is a Markdown hard break.
    Paragraph,
    /// A heading: one line, no emphasis.
    Heading,
    /// A cell of a pipe table: one line, `|` escaped.
    Cell,
}

/// The picture files of the article, by the part they come from.
pub type Files = HashMap<String, String>;

/// Inlines as Markdown, their outer whitespace trimmed.
pub fn markdown(inlines: &[Inline], files: &Files, place: Place) -> String {
    let mut out = String::new();
    let mut line_start = true;
    let items = group(inlines);
    for (i, item) in items.iter().enumerate() {
        let next = items.get(i + 1).and_then(Item::first_char);
        match item {
            Item::Text(text, emphasis) => {
                let text = if line_start { text.trim_start() } else { text };
                let escaped = escape(text, line_start, place);
                push_emphasized(&mut out, &escaped, *emphasis, place, next);
            }
            Item::Link(url, parts) => {
                let text = markdown(parts, files, place);
                let plain = super::model::plain_text(parts);
                let raw: String = parts.iter().filter_map(text_of).collect();
                if raw.starts_with(' ') {
                    out.push(' ');
                }
                if !plain.is_empty() {
                    out.push_str(&format!("[{text}]({})", escape_url(url)));
                }
                if raw.ends_with(' ') {
                    out.push(' ');
                }
            }
            Item::Break => match place {
                Place::Paragraph => out.push_str("\\\n"),
                Place::Heading => out.push(' '),
                Place::Cell => out.push_str("<br>"),
            },
            Item::NoteRef(n) => out.push_str(&format!("[^{n}]")),
            Item::Picture(p) => {
                if let (Some(name), false) = (files.get(&p.part), place == Place::Heading) {
                    let alt = p.alt.as_deref().unwrap_or(ALT_TODO);
                    out.push_str(&format!("![{}]({name})", escape(alt, false, place)));
                }
            }
        }
        line_start = matches!(item, Item::Break) && place == Place::Paragraph;
    }
    tidy(&out)
}

/// Inlines as HTML, for a table cell the Markdown table cannot hold.
pub fn html(inlines: &[Inline], files: &Files) -> String {
    let mut out = String::new();
    for item in group(inlines) {
        match item {
            Item::Text(text, emphasis) => out.push_str(&tagged(&escape_html(&text), emphasis)),
            Item::Link(url, parts) => out.push_str(&format!(
                "<a href=\"{}\">{}</a>",
                escape_html(&url),
                html(&parts, files)
            )),
            Item::Break => out.push_str("<br>"),
            Item::NoteRef(n) => out.push_str(&format!("<sup>{n}</sup>")),
            Item::Picture(p) => {
                if let Some(name) = files.get(&p.part) {
                    let alt = p.alt.as_deref().unwrap_or(ALT_TODO);
                    out.push_str(&format!(
                        "<img src=\"{}\" alt=\"{}\">",
                        escape_html(name),
                        escape_html(alt)
                    ));
                }
            }
        }
    }
    tidy(&out)
}

/// Inlines grouped the way they are written: a link holds its runs.
#[derive(Debug, Clone)]
enum Item {
    Text(String, Emphasis),
    Link(String, Vec<Inline>),
    Break,
    NoteRef(usize),
    Picture(Picture),
}

impl Item {
    fn first_char(&self) -> Option<char> {
        match self {
            Item::Text(t, _) => t.chars().next(),
            Item::Link(..) => Some('['),
            Item::Break => Some('\n'),
            Item::NoteRef(_) | Item::Picture(_) => Some('['),
        }
    }
}

fn group(inlines: &[Inline]) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    for inline in inlines {
        match inline {
            Inline::Text {
                text,
                emphasis,
                link: Some(url),
            } => {
                let plain = Inline::Text {
                    text: text.clone(),
                    emphasis: *emphasis,
                    link: None,
                };
                match items.last_mut() {
                    Some(Item::Link(u, parts)) if u == url => parts.push(plain),
                    _ => items.push(Item::Link(url.clone(), vec![plain])),
                }
            }
            Inline::Text { text, emphasis, .. } => {
                let text = squeeze(text);
                match items.last_mut() {
                    Some(Item::Text(t, e)) if e == emphasis => t.push_str(&text),
                    _ => items.push(Item::Text(text, *emphasis)),
                }
            }
            Inline::Break => items.push(Item::Break),
            Inline::NoteRef(n) => items.push(Item::NoteRef(*n)),
            Inline::Picture(p) => items.push(Item::Picture(p.clone())),
        }
    }
    items
}

/// Runs of spaces as one: Word's spacing by spaces is layout, not text.
fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn text_of(inline: &Inline) -> Option<&str> {
    match inline {
        Inline::Text { text, .. } => Some(text),
        _ => None,
    }
}

/// Spaces folded across runs and trimmed at the ends and around line breaks.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    for (from, to) in [
        (" \\\n", "\\\n"),
        ("\\\n ", "\\\n"),
        (" <br>", "<br>"),
        ("<br> ", "<br>"),
    ] {
        out = out.replace(from, to);
    }
    out.trim_matches(' ').to_string()
}

/// Escapes what Markdown would read as syntax; `line_start` adds what only matters there.
fn escape(text: &str, line_start: bool, place: Place) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for (i, c) in text.char_indices() {
        let special = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' => true,
            '|' => place == Place::Cell,
            '{' | '}' => place == Place::Heading,
            '&' => looks_like_entity(&text[i + 1..]),
            '#' | '+' | '-' | '=' => line_start && i == 0,
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    if line_start {
        escape_list_number(&mut out);
    }
    out
}

/// `1. ` or `1) ` at a line's start would begin a numbered list: `1\. `.
fn escape_list_number(text: &mut String) {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) && matches!(text[digits..].chars().next(), Some('.' | ')')) {
        text.insert(digits, '\\');
    }
}

fn looks_like_entity(rest: &str) -> bool {
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !name.is_empty() && rest[name.len()..].starts_with(';')
}

/// A link address as a Markdown destination: spaces, parentheses and angle brackets encoded.
fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            '|' => out.push_str("%7C"),
            c => out.push(c),
        }
    }
    out
}

/// Emphasis around escaped text, its outer spaces left outside. Markdown's `**` only works
/// where CommonMark's flanking rules allow (not `**"x"**y`, not next to another run's `*`);
/// elsewhere the same emphasis is written as HTML, which the build keeps.
fn push_emphasized(out: &mut String, text: &str, e: Emphasis, place: Place, next: Option<char>) {
    if place == Place::Heading || e == Emphasis::default() || text.trim().is_empty() {
        out.push_str(text);
        return;
    }
    let inner = text.trim_matches(' ');
    let lead = &text[..text.len() - text.trim_start_matches(' ').len()];
    let trail = &text[text.trim_end_matches(' ').len()..];
    out.push_str(lead);
    let prev = out.chars().last();
    let next = if trail.is_empty() { next } else { Some(' ') };
    let open_ok = !punctuation(inner.chars().next())
        || prev.is_none_or(|p| p.is_whitespace() || punctuation(Some(p)));
    let close_ok = !punctuation(inner.chars().last())
        || next.is_none_or(|n| n.is_whitespace() || punctuation(Some(n)));
    let clash = |c: Option<char>| matches!(c, Some('*' | '~'));
    if open_ok && close_ok && !clash(prev) && !clash(next) {
        let (open, close) = delimiters(e);
        out.push_str(&format!("{open}{inner}{close}"));
    } else {
        out.push_str(&tagged(inner, e));
    }
    out.push_str(trail);
}

fn punctuation(c: Option<char>) -> bool {
    c.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace())
}

fn delimiters(e: Emphasis) -> (String, String) {
    let mut open = String::new();
    if e.strike {
        open.push_str("~~");
    }
    match (e.bold, e.italic) {
        (true, true) => open.push_str("***"),
        (true, false) => open.push_str("**"),
        (false, true) => open.push('*'),
        (false, false) => {}
    }
    let close = open.chars().rev().collect();
    (open, close)
}

/// Emphasis as HTML tags around already escaped text.
fn tagged(text: &str, e: Emphasis) -> String {
    let mut out = text.to_string();
    if e.italic {
        out = format!("<em>{out}</em>");
    }
    if e.bold {
        out = format!("<strong>{out}</strong>");
    }
    if e.strike {
        out = format!("<del>{out}</del>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str, bold: bool, italic: bool) -> Inline {
        Inline::Text {
            text: t.to_string(),
            emphasis: Emphasis {
                bold,
                italic,
                strike: false,
            },
            link: None,
        }
    }

    fn md(inlines: &[Inline]) -> String {
        markdown(inlines, &Files::new(), Place::Paragraph)
    }

    #[test]
    fn emphasis_keeps_its_spaces_outside_the_markers() {
        let got = md(&[
            text("Sở ", false, false),
            text(" Tư pháp ", true, false),
            text("tỉnh", false, true),
        ]);
        assert_eq!(got, "Sở **Tư pháp** *tỉnh*");
    }

    #[test]
    fn emphasis_that_markdown_cannot_express_falls_back_to_html() {
        let got = md(&[
            text("ông", false, false),
            text("\"A\"", true, false),
            text("b", false, false),
        ]);
        assert_eq!(got, "ông<strong>\"A\"</strong>b");
        let touching = md(&[text("đậm", true, false), text("nghiêng", false, true)]);
        assert_eq!(touching, "**đậm**<em>nghiêng</em>");
    }

    #[test]
    fn what_markdown_would_read_as_syntax_is_escaped() {
        assert_eq!(md(&[text("1. Mục tiêu", false, false)]), "1\\. Mục tiêu");
        assert_eq!(
            md(&[text("- a * b_c <b> [x] &amp; R&D", false, false)]),
            "\\- a \\* b\\_c \\<b\\> \\[x\\] \\&amp; R&D"
        );
        assert_eq!(
            md(&[text("Nghị định số 118/2025/NĐ-CP", false, false)]),
            "Nghị định số 118/2025/NĐ-CP"
        );
        assert_eq!(
            md(&[text("“trích dẫn” và \"ngoặc\"", false, false)]),
            "“trích dẫn” và \"ngoặc\""
        );
    }

    #[test]
    fn a_line_break_is_a_hard_break_and_the_next_line_is_escaped_too() {
        let got = md(&[
            text("Dòng một ", false, false),
            Inline::Break,
            text(" # hai", false, false),
        ]);
        assert_eq!(got, "Dòng một\\\n\\# hai");
    }

    #[test]
    fn links_keep_their_text_and_encode_their_address() {
        let link = Inline::Text {
            text: "Cổng Dịch vụ công".to_string(),
            emphasis: Emphasis::default(),
            link: Some("https://dichvucong.gov.vn/p (1)".to_string()),
        };
        assert_eq!(
            md(&[link]),
            "[Cổng Dịch vụ công](https://dichvucong.gov.vn/p%20%281%29)"
        );
    }

    #[test]
    fn pictures_without_alt_text_get_the_todo() {
        let mut files = Files::new();
        files.insert("word/media/a.png".to_string(), "anh-01.png".to_string());
        let picture = |alt: Option<&str>| {
            Inline::Picture(Picture {
                part: "word/media/a.png".to_string(),
                descr: None,
                alt: alt.map(str::to_string),
            })
        };
        let got = markdown(
            &[picture(Some("Hội nghị [2025]"))],
            &files,
            Place::Paragraph,
        );
        assert_eq!(got, "![Hội nghị \\[2025\\]](anh-01.png)");
        let todo = markdown(&[picture(None)], &files, Place::Paragraph);
        assert_eq!(todo, format!("![{ALT_TODO}](anh-01.png)"));
    }

    #[test]
    fn cells_escape_pipes_and_break_with_br() {
        let got = markdown(
            &[
                text("a|b", false, false),
                Inline::Break,
                text("c", false, false),
            ],
            &Files::new(),
            Place::Cell,
        );
        assert_eq!(got, "a\\|b<br>c");
    }

    #[test]
    fn html_cells_escape_text_and_keep_emphasis() {
        let got = html(
            &[text("<b>", true, false), text(" & x", false, false)],
            &Files::new(),
        );
        assert_eq!(got, "<strong>&lt;b&gt;</strong> &amp; x");
    }
}
