//! How search sees text: words folded so that "nghi dinh", "Nghị định" and its decomposed
//! form are the same words, and the plain text of a rendered page.
//!
//! The page script (`themes/default/static/tim-kiem.js`) folds a query with the same rules;
//! the two must agree, so any change here is a change there (docs/search.md).

use rustc_hash::FxHashMap;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use super::runs::runs;

/// Longest word kept in the index, in characters: longer runs are web addresses, codes or
/// pasted noise nobody types into a search box.
pub const MAX_WORD_CHARS: usize = 32;

/// Folds one word for matching: lowercase, tones and letter marks dropped, `đ` → `d`.
/// `Nghị` and `nghi` (and `Nghi` + U+0323) all give `nghi`. `ð` (U+00F0) is folded too: text
/// converted from old Vietnamese encodings sometimes writes `Đ` as the look-alike `Ð` (U+00D0).
pub fn fold(word: &str) -> String {
    let mut folded = String::with_capacity(word.len());
    fold_into(word, &mut folded);
    folded
}

/// [`fold`] into a buffer (cleared first), so indexing a page does not allocate per word.
fn fold_into(word: &str, folded: &mut String) {
    folded.clear();
    for c in word.chars() {
        // Most characters of most words are ASCII, and most of the rest Vietnamese letters,
        // folded once into a table; anything else is decomposed here (the order of the marks
        // an NFD pass would fix does not matter: they are all dropped).
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
        } else if let Some(letter) = LETTERS.get(c) {
            folded.push(letter);
        } else {
            fold_char(c, folded);
        }
    }
}

/// One character folded: lowercase, decomposed, its marks dropped, `đ` and `ð` made `d`.
fn fold_char(c: char, folded: &mut String) {
    for lower in c.to_lowercase() {
        decompose_canonical(lower, |d| {
            if !is_combining_mark(d) {
                folded.push(if matches!(d, 'đ' | 'ð') { 'd' } else { d });
            }
        });
    }
}

/// The letters of Vietnamese's blocks ([`crate::text::VIETNAMESE_LETTERS`]) that fold to one
/// ASCII letter, each folded once by [`fold_char`]: per block, its first letter and what
/// each of its letters folds to.
struct Letters(Vec<(char, Vec<Option<char>>)>);

static LETTERS: std::sync::LazyLock<Letters> = std::sync::LazyLock::new(|| {
    let folded = |c: char| {
        let mut folded = String::new();
        fold_char(c, &mut folded);
        let mut chars = folded.chars();
        match (chars.next(), chars.next()) {
            (Some(one), None) if one.is_ascii() => Some(one),
            _ => None,
        }
    };
    Letters(
        crate::text::VIETNAMESE_LETTERS
            .iter()
            .map(|block| (*block.start(), block.clone().map(folded).collect()))
            .collect(),
    )
});

impl Letters {
    fn get(&self, c: char) -> Option<char> {
        self.0.iter().find_map(|(first, table)| {
            let i = u32::from(c).checked_sub(u32::from(*first))? as usize;
            table.get(i).copied().flatten()
        })
    }
}

/// The folded words of a text, in order: runs of letters, digits and combining marks
/// (so a decomposed letter stays inside its word). Punctuation splits words:
/// `118/2025/NĐ-CP` gives `118`, `2025`, `nd`, `cp`.
pub fn words(text: &str) -> Vec<String> {
    let mut all = Vec::new();
    for_each_word(text, |w| all.push(w.to_string()));
    all
}

/// Calls `f` with each folded word of `text`, as [`words`] lists them.
pub fn for_each_word(text: &str, f: impl FnMut(&str)) {
    // Folds that know no spelling fold every run.
    Folds::default().for_each_word(text, f);
}

/// How each spelling of `texts` folds and how many times it occurs in them: [`Folds::counts`]
/// gives each folded word's count, and the pairs of the text's beginning take their words
/// from it rather than fold them again. A page repeats its words, so each distinct spelling
/// is folded once, which is most of the cost of indexing. The folded words are kept in one
/// string: a string of its own for each, made and dropped again for every page, was most of
/// what indexing asked the allocator for.
pub fn count_and_fold<'t>(texts: &[&'t str]) -> Folds<'t> {
    // Sized for a page's distinct spellings (about one per 50 bytes of text), so the map
    // seldom grows while it fills.
    let len: usize = texts.iter().map(|t| t.len()).sum();
    // Nearly every run is a syllable of a few bytes: those are counted under their bytes as
    // one number, hashed and compared as one (a string key cost a call to compare bytes at
    // each look-up, the larger part of indexing); the rare longer run under its text.
    let mut short: FxHashMap<u128, Spelling> =
        FxHashMap::with_capacity_and_hasher(len / 50, Default::default());
    let mut long: FxHashMap<&str, u32> = FxHashMap::default();
    for text in texts {
        for run in runs(text) {
            match packed(text, run) {
                Some(key) => short.entry(key).or_insert(Spelling::new(run)).count += 1,
                None => *long.entry(run).or_insert(0) += 1,
            }
        }
    }
    let mut text = String::with_capacity(short.len() * 8);
    let mut folded = String::new();
    // A word not kept is known by an empty span.
    let mut fold = |run: &str, text: &mut String| {
        fold_into(run, &mut folded);
        let start = text.len() as u32;
        if is_kept(&folded) {
            text.push_str(&folded);
        }
        (start, text.len() as u32)
    };
    for spelling in short.values_mut() {
        spelling.folded = fold(spelling.run, &mut text);
    }
    let long = long
        .into_iter()
        .map(|(run, count)| (fold(run, &mut text), count))
        .collect();
    Folds {
        text,
        spellings: short,
        long,
    }
}

/// A short spelling of a text: how often it occurs, and where its folded word is in
/// [`Folds::text`].
struct Spelling<'t> {
    run: &'t str,
    count: u32,
    folded: (u32, u32),
}

impl<'t> Spelling<'t> {
    fn new(run: &'t str) -> Self {
        Spelling {
            run,
            count: 0,
            folded: (0, 0),
        }
    }
}

/// How the short spellings of a text were folded (see [`count_and_fold`]): each by its
/// bytes as one number, its folded word a span of `text`.
#[derive(Default)]
pub struct Folds<'t> {
    text: String,
    spellings: FxHashMap<u128, Spelling<'t>>,
    /// The longer runs' folded words, spans of `text`, each with its count.
    long: Vec<((u32, u32), u32)>,
}

impl Folds<'_> {
    /// Each folded word with how many times it occurs in the texts (spellings that fold
    /// alike add up).
    pub fn counts(&self) -> FxHashMap<&str, u32> {
        let all = (self.spellings.values())
            .map(|spelling| (spelling.folded, spelling.count))
            .chain(self.long.iter().copied());
        let mut counts: FxHashMap<&str, u32> = FxHashMap::with_capacity_and_hasher(
            self.spellings.len() + self.long.len(),
            Default::default(),
        );
        for ((start, end), count) in all {
            if start < end {
                *counts
                    .entry(&self.text[start as usize..end as usize])
                    .or_insert(0) += count;
            }
        }
        counts
    }

    /// Calls `f` with each folded word of `text`, as [`words`] lists them, folding only the
    /// spellings not counted already.
    pub fn for_each_word(&self, text: &str, mut f: impl FnMut(&str)) {
        let mut folded = String::new();
        for run in runs(text) {
            let known = packed(text, run).and_then(|key| self.spellings.get(&key));
            let word = match known {
                Some(spelling) => {
                    let (start, end) = spelling.folded;
                    &self.text[start as usize..end as usize]
                }
                None => {
                    fold_into(run, &mut folded);
                    if !is_kept(&folded) {
                        continue;
                    }
                    folded.as_str()
                }
            };
            if !word.is_empty() {
                f(word);
            }
        }
    }
}

/// The bytes of `run`, a run of `text` of at most 16 bytes, as one number: its bytes, then
/// zeros. A run has no zero byte (NUL is not a word character), so two runs give the same
/// number only when they are the same. `None` for a longer run. (A pair of words, joined by
/// a space, has no zero byte either.)
pub(super) fn packed(text: &str, run: &str) -> Option<u128> {
    const WIDTH: usize = 16;
    let len = run.len();
    if len > WIDTH {
        return None;
    }
    let start = run.as_ptr() as usize - text.as_ptr() as usize;
    // The 16 bytes from the run's start, read at once while the text has them, its own kept.
    let bytes: [u8; WIDTH] = match text.as_bytes().get(start..start + WIDTH) {
        Some(sixteen) => sixteen.try_into().ok()?,
        None => {
            let mut bytes = [0; WIDTH];
            bytes[..len].copy_from_slice(run.as_bytes());
            bytes
        }
    };
    let mask = u128::MAX.checked_shr(8 * (WIDTH - len) as u32).unwrap_or(0);
    Some(u128::from_le_bytes(bytes) & mask)
}

fn is_kept(folded: &str) -> bool {
    // Counting characters only when the bytes are more than the characters may be.
    !folded.is_empty()
        && (folded.len() <= MAX_WORD_CHARS || folded.chars().count() <= MAX_WORD_CHARS)
}

/// The text a reader sees in a page's HTML, its white space as written: block elements
/// (paragraphs, cells, list items, line breaks…) separate words with a space; inline ones
/// (`<strong>`, `<a>`…) do not. [`fold_spaces`](crate::text::fold_spaces) folds its white
/// space as a reader sees it; the words are the same either way, and counting them does not
/// need it folded.
/// The HTML is loa's own output (pulldown-cmark, then the sanitizer), so tags are well formed;
/// a `>` inside a quoted attribute value is still skipped correctly.
pub fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(open) = memchr::memchr(b'<', rest.as_bytes()) {
        text.push_str(&unescaped(&rest[..open]));
        let tag_len = tag_length(&rest[open..]);
        if separates_words(&rest[open..open + tag_len]) {
            text.push(' ');
        }
        rest = &rest[open + tag_len..];
    }
    text.push_str(&unescaped(rest));
    text
}

/// Length of the tag starting at `s[0] == '<'`, up to and including its `>` (or the end).
/// By bytes: the three it looks for are ASCII, which no byte of another character can be.
fn tag_length(s: &str) -> usize {
    let mut quote = None;
    for (i, &byte) in s.as_bytes().iter().enumerate() {
        match (quote, byte) {
            (None, b'>') => return i + 1,
            (None, b'"' | b'\'') => quote = Some(byte),
            (Some(q), byte) if byte == q => quote = None,
            _ => {}
        }
    }
    s.len()
}

/// Whether `tag` ends a word: every tag does but those of the elements that sit inside a
/// line of text. Told from the name's bytes, lowered into a small array: this runs for every
/// tag of every page.
fn separates_words(tag: &str) -> bool {
    let name = tag
        .trim_start_matches('<')
        .trim_start_matches('/')
        .as_bytes();
    let len = (name.iter())
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    let mut lower = [0u8; 6];
    let Some(lower) = lower.get_mut(..len) else {
        // Longer than any of them.
        return true;
    };
    for (low, byte) in lower.iter_mut().zip(name) {
        *low = byte.to_ascii_lowercase();
    }
    !matches!(
        &*lower,
        b"a" | b"abbr"
            | b"b"
            | b"code"
            | b"del"
            | b"em"
            | b"i"
            | b"ins"
            | b"kbd"
            | b"mark"
            | b"s"
            | b"small"
            | b"span"
            | b"strong"
            | b"u"
    )
}

/// Text with its character references resolved (`&amp;`, `&#39;`, and the `&nbsp;` the
/// sanitizer writes); text that is not valid escaped text is kept as it is.
fn unescaped(escaped: &str) -> std::borrow::Cow<'_, str> {
    let resolve = |entity: &str| match entity {
        "nbsp" => Some("\u{a0}"),
        other => quick_xml::escape::resolve_predefined_entity(other),
    };
    quick_xml::escape::unescape_with(escaped, resolve)
        .unwrap_or(std::borrow::Cow::Borrowed(escaped))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_spaces;

    /// The counts alone.
    fn count_words(texts: &[&str]) -> FxHashMap<String, u32> {
        let folds = count_and_fold(texts);
        let counts = folds.counts();
        counts
            .into_iter()
            .map(|(w, n)| (w.to_string(), n))
            .collect()
    }
    use unicode_normalization::UnicodeNormalization;

    fn all(text: &str) -> Vec<String> {
        words(text)
    }

    #[test]
    fn the_letters_table_folds_as_each_letter_is_folded() {
        let ranges = ['\u{80}'..='\u{2FF}', '\u{1E00}'..='\u{1EFF}'];
        for c in ranges.into_iter().flatten() {
            let mut slow = String::new();
            fold_char(c, &mut slow);
            assert_eq!(fold(&c.to_string()), slow, "{c:?}");
        }
        assert_eq!(LETTERS.get('ệ'), Some('e'));
        assert_eq!(LETTERS.get('Đ'), Some('d'));
        assert_eq!(LETTERS.get('ß'), None, "not one ASCII letter");
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
    fn counting_folds_different_spellings_into_one_word() {
        let decomposed: String = "Định".nfd().collect();
        let text = format!("định, ĐỊNH dinh {decomposed} 118");
        let counts = count_words(&[&text, "Định"]);
        assert_eq!(counts.get("dinh"), Some(&5));
        assert_eq!(counts.get("118"), Some(&1));
        assert_eq!(counts.len(), 2);
    }

    proptest::proptest! {
        /// Runs up to 16 bytes are counted packed and longer ones by their text, wherever the
        /// run ends (16 bytes before the text's end or not): the counts are those of the
        /// words as [`words`] lists them.
        #[test]
        fn counting_packed_runs_counts_each_word(
            texts in proptest::collection::vec(
                "([a-zA-Zđạệớ0-9]{1,20}|[ ,.\n–]|Nghị|NGHỊ|\u{1ea0}\u{300}){0,40}", 1..3)
        ) {
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            let mut expected: FxHashMap<String, u32> = FxHashMap::default();
            for word in texts.iter().flat_map(|t| words(t)) {
                *expected.entry(word).or_insert(0) += 1;
            }
            proptest::prop_assert_eq!(count_words(&texts), expected);
        }
    }

    proptest::proptest! {
        /// Words taken from the spellings a count folded (or folded there when it has not
        /// seen them: other texts, long runs) are the words of the text. A lone combining
        /// mark is a run that folds to nothing, so no word.
        #[test]
        fn words_through_the_folds_of_a_count_are_the_texts_words(
            counted in "([a-zA-ZđĐạệớỚ]{1,20}|[ ,.]|Nghị|nghi\u{323}| \u{301}){0,30}",
            text in "([a-zA-ZđĐạệớỚ]{1,20}|[ ,.]|Nghị|nghi\u{323}| \u{301}){0,30}",
            same in proptest::bool::ANY,
        ) {
            let counted = if same { text.clone() } else { counted };
            let folds = count_and_fold(&[&counted]);
            let mut through = Vec::new();
            folds.for_each_word(&text, |word| through.push(word.to_string()));
            proptest::prop_assert_eq!(through, words(&text));
        }
    }

    #[test]
    fn a_run_is_packed_with_its_own_bytes_only() {
        let text = "một cửa liên thông: thutuchanhchinh, thutuchanhchinhcong";
        let packed_of = |run: &str| packed(text, &text[text.find(run).unwrap()..][..run.len()]);
        let mut mot = [0u8; 16];
        mot[..5].copy_from_slice("một".as_bytes());
        assert_eq!(packed_of("một"), Some(u128::from_le_bytes(mot)));
        assert_ne!(packed_of("cửa"), packed_of("liên"));
        assert_eq!(
            packed_of("thutuchanhchinh").unwrap() >> 120,
            0,
            "15 bytes, then zero"
        );
        assert!(packed_of("thutuchanhchinhc").is_some(), "16 bytes");
        assert_eq!(packed_of("thutuchanhchinhcong"), None);
        // At the end, with fewer than 16 bytes left: the same number as elsewhere.
        let end = "xã, một";
        assert_eq!(packed(end, &end[5..]), packed_of("một"));
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
            fold_spaces(&html_text(html), usize::MAX),
            "Mục tiêu Sở Tư pháp & dân cư Hồ sơ 85% Hết"
        );
    }

    proptest::proptest! {
        /// Folding the white space gives what `split_whitespace` and `join` give, and
        /// folding less of it gives its beginning; the words are those of the text as written.
        #[test]
        fn text_is_folded_as_split_whitespace_and_join_fold_it(
            html in "([ab \u{a0}\n]|&nbsp;|&amp;|<p>|</p>|<em>|</em>|<td>){0,24}",
            at_least in 0usize..30,
        ) {
            let mut joined = String::new();
            let mut rest = html.as_str();
            while let Some(open) = memchr::memchr(b'<', rest.as_bytes()) {
                joined.push_str(&unescaped(&rest[..open]));
                let tag_len = tag_length(&rest[open..]);
                if separates_words(&rest[open..open + tag_len]) {
                    joined.push(' ');
                }
                rest = &rest[open + tag_len..];
            }
            joined.push_str(&unescaped(rest));
            proptest::prop_assert_eq!(&html_text(&html), &joined);
            let expected = joined.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(&fold_spaces(&joined, usize::MAX), &expected);
            let beginning = fold_spaces(&joined, at_least);
            proptest::prop_assert!(expected.starts_with(&beginning));
            proptest::prop_assert!(beginning.len() > at_least || beginning == expected);
            proptest::prop_assert_eq!(count_words(&[&joined]), count_words(&[&expected]));
        }

    }

    #[test]
    fn only_the_inline_elements_leave_a_word_whole_in_any_case() {
        for name in [
            "a", "abbr", "b", "code", "del", "em", "i", "ins", "kbd", "mark", "s", "small", "span",
            "strong", "u",
        ] {
            let upper = name.to_uppercase();
            for tag in [
                format!("<{name}>"),
                format!("</{name}>"),
                format!("<{upper} class=\"x\">"),
            ] {
                assert!(!separates_words(&tag), "{tag}");
            }
        }
        for tag in [
            "<p>",
            "</td>",
            "<br/>",
            "<sup>",
            "<strongest>",
            "<figcaption>",
            "<!-- x -->",
            "<>",
        ] {
            assert!(separates_words(tag), "{tag}");
        }
    }

    #[test]
    fn inline_tags_do_not_split_a_word_but_cells_and_footnotes_do() {
        let text = |html| fold_spaces(&html_text(html), usize::MAX);
        assert_eq!(text("<p>Ngh<em>ị</em> định</p>"), "Nghị định");
        assert_eq!(text("<td>a</td><td>b</td>"), "a b");
        assert_eq!(
            text("luật<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>"),
            "luật 1"
        );
    }
}
