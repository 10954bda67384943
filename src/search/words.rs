//! How search sees text: words folded so that "nghi dinh", "Nghị định" and its decomposed
//! form are the same words, and the plain text of a rendered page.
//!
//! The page script (`themes/default/static/tim-kiem.js`) folds a query with the same rules;
//! the two must agree, so any change here is a change there (docs/search.md).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Longest word kept in the index, in characters: longer runs are web addresses, codes or
/// pasted noise nobody types into a search box.
pub const MAX_WORD_CHARS: usize = 32;

/// Folds one word for matching: lowercase, tones and letter marks dropped, `đ` → `d`.
/// `Nghị` and `nghi` (and `Nghi` + U+0323) all give `nghi`. `ð` (U+00F0) is folded too: text
/// converted from old Vietnamese encodings sometimes writes `Đ` as the look-alike `Ð` (U+00D0).
pub fn fold(word: &str) -> String {
    word.to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'ð' => 'd',
            c => c,
        })
        .collect()
}

/// The folded words of a text, in order: runs of letters, digits and combining marks
/// (so a decomposed letter stays inside its word). Punctuation splits words:
/// `118/2025/NĐ-CP` gives `118`, `2025`, `nd`, `cp`.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || is_combining_mark(c)))
        .filter(|run| !run.is_empty())
        .map(fold)
        .filter(|w| !w.is_empty() && w.chars().count() <= MAX_WORD_CHARS)
}

/// The text a reader sees in a page's HTML, spaces folded. Block elements (paragraphs, cells,
/// list items, line breaks…) separate words; inline ones (`<strong>`, `<a>`…) do not.
/// The HTML is loa's own output (pulldown-cmark, then the sanitizer), so tags are well formed;
/// a `>` inside a quoted attribute value is still skipped correctly.
pub fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        push_unescaped(&mut text, &rest[..open]);
        let tag_len = tag_length(&rest[open..]);
        if separates_words(&rest[open..open + tag_len]) {
            text.push(' ');
        }
        rest = &rest[open + tag_len..];
    }
    push_unescaped(&mut text, rest);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Length of the tag starting at `s[0] == '<'`, up to and including its `>` (or the end).
fn tag_length(s: &str) -> usize {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '>') => return i + 1,
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
    }
    s.len()
}

/// Elements that sit inside a line of text; every other tag ends a word.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "code", "del", "em", "i", "ins", "kbd", "mark", "s", "small", "span",
    "strong", "u",
];

fn separates_words(tag: &str) -> bool {
    let name: String = tag
        .trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    !INLINE.contains(&name.to_ascii_lowercase().as_str())
}

/// Appends text with its character references resolved (`&amp;`, `&#39;`, and the `&nbsp;`
/// the sanitizer writes); text that is not valid escaped text is kept as it is.
fn push_unescaped(out: &mut String, escaped: &str) {
    let resolve = |entity: &str| match entity {
        "nbsp" => Some("\u{a0}"),
        other => quick_xml::escape::resolve_predefined_entity(other),
    };
    match quick_xml::escape::unescape_with(escaped, resolve) {
        Ok(text) => out.push_str(&text),
        Err(_) => out.push_str(escaped),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        words(text).collect()
    }

    #[test]
    fn tones_marks_and_đ_fold_away() {
        assert_eq!(fold("Nghị"), "nghi");
        assert_eq!(fold("ĐỊNH"), "dinh");
        assert_eq!(fold("Ưu"), "uu");
        assert_eq!(fold("trường"), "truong");
        assert_eq!(fold("Ðiều"), "dieu", "the look-alike Ð of old encodings");
    }

    #[test]
    fn composed_decomposed_and_unaccented_queries_give_the_same_words() {
        let composed = "Nghị định số 118/2025/NĐ-CP";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(composed, decomposed);
        let expected = ["nghi", "dinh", "so", "118", "2025", "nd", "cp"];
        assert_eq!(all(composed), expected);
        assert_eq!(all(&decomposed), expected);
        assert_eq!(all("nghi dinh so 118/2025/nd-cp"), expected);
    }

    #[test]
    fn punctuation_splits_words_and_overlong_runs_are_dropped() {
        let long = "x".repeat(MAX_WORD_CHARS + 1);
        assert_eq!(
            all(&format!("“Một cửa”, liên-thông; {long} (2025)!")),
            ["mot", "cua", "lien", "thong", "2025"]
        );
    }

    #[test]
    fn html_text_keeps_what_the_reader_sees() {
        let html = "<h2 id=\"muc-tieu\">Mục tiêu</h2>\n<p>Sở <strong>Tư</strong> pháp &amp; dân&nbsp;cư</p>\
                    <table><tr><td>Hồ sơ</td><td>85%</td></tr></table><p title=\"a > b\">Hết</p>";
        assert_eq!(
            html_text(html),
            "Mục tiêu Sở Tư pháp & dân cư Hồ sơ 85% Hết"
        );
    }

    #[test]
    fn inline_tags_do_not_split_a_word_but_cells_and_footnotes_do() {
        assert_eq!(html_text("<p>Ngh<em>ị</em> định</p>"), "Nghị định");
        assert_eq!(html_text("<td>a</td><td>b</td>"), "a b");
        assert_eq!(
            html_text("luật<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>"),
            "luật 1"
        );
    }
}
