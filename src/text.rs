//! Vietnamese text rules: NFC normalization, ASCII slugs, hashtags, alphabetical order and dates.
//!
//! These are the language rules every other stage relies on, kept in one place so a page
//! title, a file name and a tag are treated the same way everywhere.

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;

mod spaces;
pub use spaces::fold_spaces;

/// Returns `s` in Unicode NFC (composed) form: macOS writes decomposed file names, and text
/// pasted from some editors is decomposed too, so everything loa reads goes through here.
pub fn nfc(s: &str) -> String {
    if is_nfc(s) {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

/// Whether `s` is surely NFC already. ASCII characters and Vietnamese's precomposed letters
/// are left out of Unicode's quick check: each is NFC by itself and combines with nothing
/// before it (a starter), so leaving them out can only turn a "yes" into "maybe" or "no" (a
/// full normalization, same result), never the other way. A mark after such a letter that
/// could combine with it is itself "maybe" in the check. Most characters of a Vietnamese
/// text are one or the other, and the check's table lookups were a clean build's cost.
fn is_nfc(s: &str) -> bool {
    unicode_normalization::is_nfc_quick(unskipped(s)) == unicode_normalization::IsNormalized::Yes
}

/// The characters of `s` that are neither ASCII nor [`VIETNAMESE_LETTERS`], found from their
/// bytes: only those are decoded (this runs over every source a build reads). Most of a
/// Vietnamese text has none of them: it goes [`RUN`] bytes at a time while a run has none.
fn unskipped(s: &str) -> impl Iterator<Item = char> + '_ {
    let bytes = s.as_bytes();
    let mut at = 0;
    // Where the next run may be tried: runs that hold a character to return go byte by byte.
    let mut bytewise_to = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            if at >= bytewise_to {
                let run = bytes.get(at..at + RUN + 2).and_then(|r| r.try_into().ok());
                if run.is_some_and(all_skipped) {
                    at += RUN;
                    // The rest of the letter the run ends inside (checked with the run).
                    while bytes.get(at).is_some_and(|b| (0x80..=0xBF).contains(b)) {
                        at += 1;
                    }
                    continue;
                }
                bytewise_to = at + RUN;
            }
            let next = |n: usize| bytes.get(at + n).copied().unwrap_or(0);
            at += match bytes[at] {
                0..=0x7F => 1,
                // U+00C0 to U+017F, and U+0180 to U+01B0.
                0xC3..=0xC5 => 2,
                0xC6 if next(1) <= 0xB0 => 2,
                // U+1EA0 to U+1EBF, and U+1EC0 to U+1EF9.
                0xE1 if matches!((next(1), next(2)), (0xBA, 0xA0..) | (0xBB, ..=0xB9)) => 3,
                _ => {
                    let c = s[at..].chars().next()?;
                    at += c.len_utf8();
                    return Some(c);
                }
            };
        }
        None
    })
}

/// Bytes [`unskipped`] looks at together.
const RUN: usize = 32;

/// Whether every character starting in the first [`RUN`] bytes of `run` is one [`unskipped`]
/// skips, told by the same bytes (the two bytes after the run tell a letter starting at its
/// end). Flags as bytes, not booleans, so that the compiler checks the whole run at once.
fn all_skipped(run: &[u8; RUN + 2]) -> bool {
    let mut other = 0u8;
    for i in 0..RUN {
        let (byte, next, after) = (run[i], run[i + 1], run[i + 2]);
        let first = u8::from(byte >= 0xC0);
        let two = u8::from((0xC3..=0xC5).contains(&byte))
            | (u8::from(byte == 0xC6) & u8::from(next <= 0xB0));
        let three = u8::from(byte == 0xE1)
            & ((u8::from(next == 0xBA) & u8::from(after >= 0xA0))
                | (u8::from(next == 0xBB) & u8::from(after <= 0xB9)));
        other |= first & (1 ^ (two | three));
    }
    other == 0
}

/// Precomposed letters Vietnamese writes (with the rest of their Unicode blocks): Latin-1's
/// and Latin Extended-A's and -B's (`à`, `ă`, `đ`, `ơ`, `ư`…) and Latin Extended
/// Additional's with two marks (`ạ` to `ỹ`). Each is NFC ("yes" in Unicode's quick check) and
/// a starter (combining class 0): a test checks every one. Search folds them from a table.
pub const VIETNAMESE_LETTERS: [std::ops::RangeInclusive<char>; 2] =
    ['\u{C0}'..='\u{1B0}', '\u{1EA0}'..='\u{1EF9}'];

#[cfg(test)]
fn is_vietnamese_letter(c: char) -> bool {
    VIETNAMESE_LETTERS
        .iter()
        .any(|letters| letters.contains(&c))
}

/// `bytes` as UTF-8 text, checked with SIMD (a clean build checks every source: std's check
/// is slow on Vietnamese letters); on failure, std's error, which tells where the first
/// invalid byte is.
fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes))
}

/// `bytes` as a `String` at their exact length, when they are UTF-8: checked with SIMD in one
/// pass (std's check is slow on Vietnamese letters), then copied, which is faster still and
/// needs no unsafe code. For text loa has just written through an `io::Write`.
pub fn utf8_string(bytes: &[u8]) -> Option<String> {
    simdutf8::basic::from_utf8(bytes).ok().map(str::to_owned)
}

/// The length in bytes of the white space character (as `char::is_whitespace` says) starting
/// at byte `at` of `text`, or 0 when none starts there (a byte inside a character gives 0).
/// Byte by byte: most characters are told from their first byte, without decoding (this runs
/// over every text of every page).
#[inline]
pub fn space_len(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    match bytes[at] {
        b' ' | b'\t'..=b'\r' => 1,
        0..=0x7F => 0,
        // U+1680 is the only space starting with 0xE1, whose other characters include most
        // of Vietnamese's letters (U+1EA0 to U+1EF9).
        0xE1 if bytes.get(at + 1) != Some(&0x9A) => 0,
        // U+0085 and U+00A0; U+1680; U+2000 to U+205F; U+3000 (and the other characters
        // that share these first bytes).
        0xC2 | 0xE1 | 0xE2 | 0xE3 => text[at..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}

/// 1 when `byte` is ASCII white space (a space, a tab, a line end), else 0: a flag as a byte,
/// for the scans that look at a run of bytes at once.
#[inline]
pub fn ascii_space(byte: u8) -> u8 {
    u8::from(byte == b' ') | u8::from(byte.wrapping_sub(b'\t') < 5)
}

/// 1 when `byte`, followed by `next`, may start a non-ASCII white space, else 0: the first
/// bytes [`space_len`] decodes to tell (`E1` only before `9A`, for U+1680). A run of bytes
/// without one has its white space told by [`ascii_space`] alone.
#[inline]
pub fn may_start_space(byte: u8, next: u8) -> u8 {
    u8::from(byte == 0xC2)
        | u8::from(byte == 0xE2)
        | u8::from(byte == 0xE3)
        | (u8::from(byte == 0xE1) & u8::from(next == 0x9A))
}

/// Decodes a file as UTF-8 and evens out what Windows editors add (a BOM, CRLF line ends)
/// without moving any line. On failure, returns the place (line, column) of the first
/// invalid byte.
pub fn decode(bytes: &[u8]) -> Result<String, (usize, usize)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = utf8(bytes).map_err(|e| {
        let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        crate::diag::line_col(good, good.len())
    })?;
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        Ok(nfc(&text.replace("\r\n", "\n").replace('\r', "\n")))
    } else {
        Ok(nfc(text))
    }
}

/// Folds Vietnamese text to an ASCII URL slug: `Nghị định số 118/2025/NĐ-CP` → `nghi-dinh-so-118-2025-nd-cp`.
pub fn slugify(s: &str) -> String {
    slug::slugify(nfc(s))
}

/// Vietnamese alphabet order; f, j, w, z sit at their Latin places for foreign words.
const ALPHABET: &str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

/// A sort key that orders text the Vietnamese way: letters by the alphabet
/// (a ă â b c d đ e ê …), then tones (none, huyền, hỏi, ngã, sắc, nặng), then case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollationKey {
    primary: Vec<u32>,
    tones: Vec<u8>,
    original: String,
}

impl Ord for CollationKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.primary
            .cmp(&other.primary)
            .then_with(|| self.tones.cmp(&other.tones))
            .then_with(|| other.original.cmp(&self.original).reverse())
    }
}

impl PartialOrd for CollationKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

pub fn collation_key(s: &str) -> CollationKey {
    let mut primary = Vec::new();
    let mut tones = Vec::new();
    for c in s.nfd() {
        match c {
            // Letter modifiers make a different letter: a → ă, â; o → ô, ơ; u → ư; e → ê.
            '\u{0306}' | '\u{0302}' | '\u{031B}' => {
                if let Some(last) = primary.last_mut() {
                    *last = modified_rank(*last, c);
                }
            }
            // Tone marks only break ties between otherwise equal words.
            '\u{0300}' => set_last(&mut tones, 1),
            '\u{0309}' => set_last(&mut tones, 2),
            '\u{0303}' => set_last(&mut tones, 3),
            '\u{0301}' => set_last(&mut tones, 4),
            '\u{0323}' => set_last(&mut tones, 5),
            c if unicode_normalization::char::is_combining_mark(c) => {}
            c => {
                primary.push(base_rank(c));
                tones.push(0);
            }
        }
    }
    CollationKey {
        primary,
        tones,
        original: s.to_string(),
    }
}

fn set_last(tones: &mut [u8], tone: u8) {
    if let Some(last) = tones.last_mut() {
        *last = tone;
    }
}

fn base_rank(c: char) -> u32 {
    let lower = c.to_lowercase().next().unwrap_or(c);
    if c.is_whitespace() {
        return 1;
    }
    if let Some(d) = lower.to_digit(10) {
        return 10 + d;
    }
    if let Some(i) = ALPHABET.chars().position(|a| a == lower) {
        return 100 + i as u32;
    }
    if lower.is_alphanumeric() {
        1000 + lower as u32
    } else {
        2
    }
}

fn modified_rank(rank: u32, modifier: char) -> u32 {
    let letter = rank
        .checked_sub(100)
        .and_then(|i| ALPHABET.chars().nth(i as usize));
    let modified = match (letter, modifier) {
        (Some('a'), '\u{0306}') => 'ă',
        (Some('a'), '\u{0302}') => 'â',
        (Some('e'), '\u{0302}') => 'ê',
        (Some('o'), '\u{0302}') => 'ô',
        (Some('o'), '\u{031B}') => 'ơ',
        (Some('u'), '\u{031B}') => 'ư',
        _ => return rank,
    };
    base_rank(modified)
}

/// Escapes text for HTML content and attribute values (`&`, `<`, `>`, `"`, `'`).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// Sorts items in Vietnamese alphabetical order of the text `key` gives.
pub fn sort_vietnamese<T>(items: &mut [T], key: impl Fn(&T) -> &str) {
    items.sort_by_cached_key(|item| collation_key(key(item)));
}

/// `ngày 21 tháng 8 năm 2025`, as dates are written in Vietnamese prose and documents.
pub fn date_long(date: jiff::civil::Date) -> String {
    // Put together rather than `format!`ed: templates write a date or more on every page.
    let mut text = String::with_capacity(32);
    text.push_str("ngày ");
    push_day_or_month(&mut text, date.day());
    text.push_str(" tháng ");
    push_day_or_month(&mut text, date.month());
    text.push_str(" năm ");
    text.push_str(&date.year().to_string());
    text
}

/// `21/08/2025`, as dates are written in Vietnamese lists and tables.
pub fn date_short(date: jiff::civil::Date) -> String {
    let mut text = String::with_capacity(10);
    push_two_digits(&mut text, date.day());
    text.push('/');
    push_two_digits(&mut text, date.month());
    text.push('/');
    text.push_str(&date.year().to_string());
    text
}

/// A day or a month (1–31) as it is written in a sentence: `7`, `21`.
fn push_day_or_month(text: &mut String, n: i8) {
    if n < 10 {
        text.push(char::from(b'0' + n.clamp(0, 9) as u8));
    } else {
        push_two_digits(text, n);
    }
}

/// `n` (0–99) in two digits, `07` for 7: the day, month, hour… of a written date.
pub fn push_two_digits(text: &mut String, n: i8) {
    let n = n.clamp(0, 99) as u8;
    text.push(char::from(b'0' + n / 10));
    text.push(char::from(b'0' + n % 10));
}

/// The largest Markdown or YAML file loa reads: about 400,000 words, far beyond any article or
/// table, and small enough that no file can make a build run out of memory or time.
pub const MAX_TEXT_BYTES: u64 = 2 * 1024 * 1024;

/// Reads a text file the officer or an author wrote (Markdown, YAML), refusing one larger
/// than [`MAX_TEXT_BYTES`] before reading it.
pub fn read_text_file(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_TEXT_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            crate::msg::too_large(MAX_TEXT_BYTES),
        ));
    }
    Ok(bytes)
}

/// A file's size as Vietnamese readers write it, with a decimal comma and the units Windows
/// shows (1 KB = 1,024 bytes): `850 B`, `12 KB`, `1,2 MB`, `35 MB`.
pub fn file_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    // One decimal below 10 (`1,2 MB`), none above (`35 MB`), none for bytes.
    let tenths = (value * 10.0).round() as u64;
    if unit == 0 || tenths >= 100 {
        format!("{} {}", value.round() as u64, UNITS[unit])
    } else if tenths.is_multiple_of(10) {
        format!("{} {}", tenths / 10, UNITS[unit])
    } else {
        format!("{},{} {}", tenths / 10, tenths % 10, UNITS[unit])
    }
}

/// A site path as it goes into an HTML attribute or a `srcset`: characters that would end
/// or cut it there (spaces, `#`, `?`, `%`, `,`, quotes, controls) percent-encoded. Letters with
/// diacritics stay as they are: browsers send them encoded.
pub fn url_path(path: &str) -> std::borrow::Cow<'_, str> {
    let cuts = |b: u8| b < 0x20 || b == 0x7f || b" \"'<>`#?%,".contains(&b);
    if !path.bytes().any(cuts) {
        return std::borrow::Cow::Borrowed(path);
    }
    let mut out = String::with_capacity(path.len() + 8);
    for c in path.chars() {
        match u8::try_from(c) {
            Ok(b) if cuts(b) => out.push_str(&format!("%{b:02X}")),
            _ => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Facebook's share dialog for a page: works without any Facebook script.
pub fn facebook_url(permalink: &str) -> String {
    format!(
        "https://www.facebook.com/sharer/sharer.php?u={}",
        percent_encoding::utf8_percent_encode(permalink, percent_encoding::NON_ALPHANUMERIC)
    )
}

/// `nghi-dinh-118` → `#NghiDinh118`: topic keys are already ASCII, and a hashtag with no
/// diacritics is found by readers who type without them.
pub fn hashtag(key: &str) -> String {
    let words: String = key
        .split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect();
    format!("#{words}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_sizes_are_written_with_a_decimal_comma() {
        assert_eq!(file_size(0), "0 B");
        assert_eq!(file_size(850), "850 B");
        assert_eq!(file_size(12 * 1024 + 300), "12 KB");
        assert_eq!(file_size(1536), "1,5 KB");
        assert_eq!(file_size(1_258_291), "1,2 MB");
        assert_eq!(file_size(2 * 1024 * 1024), "2 MB");
        assert_eq!(file_size(35 * 1024 * 1024 + 1), "35 MB");
    }

    #[test]
    fn a_path_is_encoded_only_where_an_attribute_would_cut_it() {
        assert_eq!(
            url_path("/cchc/tin-tuc/a/anh.jpg"),
            "/cchc/tin-tuc/a/anh.jpg"
        );
        assert_eq!(
            url_path("/cchc/a/anh/01 Khai mạc, 50%#1?.jpg"),
            "/cchc/a/anh/01%20Khai%20mạc%2C%2050%25%231%3F.jpg"
        );
    }

    #[test]
    fn the_facebook_link_carries_the_whole_address_encoded() {
        assert_eq!(
            facebook_url("https://stp.angiang.gov.vn/cchc/tin-tuc/a/?x=1&y=2"),
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fstp%2Eangiang%2Egov%2Evn%2Fcchc%2Ftin%2Dtuc%2Fa%2F%3Fx%3D1%26y%3D2"
        );
    }

    #[test]
    fn hashtags_are_topic_keys_in_camel_case() {
        assert_eq!(hashtag("nghi-dinh-118"), "#NghiDinh118");
        assert_eq!(hashtag("par-index"), "#ParIndex");
        assert_eq!(hashtag("pci"), "#Pci");
    }

    #[test]
    fn slugs_fold_vietnamese_to_ascii_with_d_for_đ() {
        assert_eq!(
            slugify("Nghị định số 118/2025/NĐ-CP"),
            "nghi-dinh-so-118-2025-nd-cp"
        );
        assert_eq!(slugify("Kết quả khảo sát"), "ket-qua-khao-sat");
    }

    #[test]
    fn composed_and_decomposed_names_give_the_same_slug() {
        let composed = "Đề án 06";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(composed, decomposed);
        assert_eq!(slugify(composed), slugify(&decomposed));
        assert_eq!(nfc(&decomposed), composed);
    }

    #[test]
    fn white_space_is_told_as_char_is_whitespace_tells_it() {
        for c in ('\0'..='\u{3100}').chain(['\u{FEFF}', '\u{1F600}']) {
            let text = format!("{c}x");
            let expected = if c.is_whitespace() { c.len_utf8() } else { 0 };
            assert_eq!(space_len(&text, 0), expected, "{c:?}");
        }
    }

    #[test]
    fn the_letters_the_nfc_check_skips_are_nfc_starters() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        let letters: Vec<char> = ('\u{80}'..='\u{1FFF}')
            .filter(|&c| is_vietnamese_letter(c))
            .collect();
        assert_eq!(letters.len(), (0x1B0 - 0xC0 + 1) + (0x1EF9 - 0x1EA0 + 1));
        for c in letters {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
        }
        // The bytes tell the same letters apart as the ranges do.
        let text: String = ('\0'..='\u{2000}')
            .chain(['\u{FEFF}', '\u{1F600}'])
            .collect();
        let expected: Vec<char> = (text.chars())
            .filter(|&c| !c.is_ascii() && !is_vietnamese_letter(c))
            .collect();
        assert_eq!(unskipped(&text).collect::<Vec<_>>(), expected);
        // Each character at each place of a run of Vietnamese letters (which goes a run at a
        // time), and across its end.
        for c in ('\u{80}'..='\u{2000}').chain(['\u{FEFF}', '\u{1F600}']) {
            for before in 0..36 {
                let text = format!("{}{c}{}", "a".repeat(before), "ệ".repeat(24));
                let expected: Vec<char> = (text.chars())
                    .filter(|&c| !c.is_ascii() && !is_vietnamese_letter(c))
                    .collect();
                assert_eq!(
                    unskipped(&text).collect::<Vec<_>>(),
                    expected,
                    "{c:?} {before}"
                );
            }
        }
        // A letter the check skips, followed by a mark it takes: composed.
        assert_eq!(nfc("a\u{306}\u{301} \u{1ea1}\u{302}"), "\u{1eaf} \u{1ead}");
    }

    proptest::proptest! {
        #[test]
        fn nfc_gives_what_unicode_normalization_gives(text in "[aeiouyAđĐ ]{0,6}[\u{300}-\u{323}]{0,3}[aăâeêoôơuư\u{1ea0}-\u{1ef9} .]{0,8}[\u{300}-\u{309}]{0,2}") {
            let expected: String = text.nfc().collect();
            proptest::prop_assert_eq!(nfc(&text), expected);
        }

        /// Long texts, which go a run at a time where they can.
        #[test]
        fn nfc_of_long_texts_gives_what_unicode_normalization_gives(
            text in "([a-zđ ]{1,12}|[\u{1ea0}-\u{1ef9}]|[ăâêôơư]|[\u{300}-\u{309}\u{323}]|\u{a0}|\u{1b1}|\u{1e9f}|\u{1efa}){0,80}"
        ) {
            let expected: String = text.nfc().collect();
            proptest::prop_assert_eq!(nfc(&text), expected);
        }

        #[test]
        fn nfc_agrees_near_the_edges_of_the_skipped_letters(text in "[a\u{a0}-\u{c1}\u{17e}-\u{1c0}\u{1e9e}-\u{1ea1}\u{1ef8}-\u{1eff}\u{300}-\u{31b}\u{323}-\u{328}]{0,12}") {
            let expected: String = text.nfc().collect();
            proptest::prop_assert_eq!(nfc(&text), expected);
        }
    }

    #[test]
    fn đ_sorts_after_every_d_and_before_e() {
        let mut words = vec!["Zalo", "Đề án 06/CP", "Dịch vụ công", "Em", "Dân", "an"];
        sort_vietnamese(&mut words, |w| w);
        assert_eq!(
            words,
            ["an", "Dân", "Dịch vụ công", "Đề án 06/CP", "Em", "Zalo"]
        );
    }

    #[test]
    fn letters_with_marks_follow_the_vietnamese_alphabet() {
        let mut words = vec!["ơn", "ôm", "ong", "ăn", "âm", "anh", "ưa", "uống"];
        sort_vietnamese(&mut words, |w| w);
        assert_eq!(words, ["anh", "ăn", "âm", "ong", "ôm", "ơn", "uống", "ưa"]);
    }

    #[test]
    fn tones_break_ties_in_the_order_ngang_huyen_hoi_nga_sac_nang() {
        let mut words = vec!["má", "mạ", "mã", "mà", "ma", "mả"];
        sort_vietnamese(&mut words, |w| w);
        assert_eq!(words, ["ma", "mà", "mả", "mã", "má", "mạ"]);
    }

    #[test]
    fn dates_are_written_the_vietnamese_way() {
        let d = jiff::civil::date(2025, 8, 21);
        assert_eq!(date_long(d), "ngày 21 tháng 8 năm 2025");
        assert_eq!(date_short(jiff::civil::date(2025, 3, 2)), "02/03/2025");
    }

    proptest::proptest! {
        #[test]
        fn any_date_is_written_as_its_format_says(
            year in -9999i16..=9999, month in 1i8..=12, day in 1i8..=28,
        ) {
            let d = jiff::civil::date(year, month, day);
            proptest::prop_assert_eq!(date_long(d), format!("ngày {day} tháng {month} năm {year}"));
            proptest::prop_assert_eq!(date_short(d), format!("{day:02}/{month:02}/{year}"));
        }
    }
}
