//! Where a text's words are: the runs of letters, digits and combining marks between the
//! characters that separate them.
//!
//! Finding them one character at a time was most of the cost of indexing: every byte of
//! every page is looked at, and a Vietnamese syllable mixes one-, two- and three-byte
//! characters, so the processor guessed wrong at nearly every one. Here a block of 64 bytes
//! is first marked at once (which bytes belong to a separating character, one bit each), and
//! the runs are read from the marks. A block is marked from its bytes alone when every
//! character starting in it is ASCII or a letter of the Latin blocks Vietnamese is written in
//! (nearly every block of a page); any other block is decoded and each character is asked
//! [`is_word_char`], the rule the marks follow.

use unicode_normalization::char::is_combining_mark;

/// Bytes marked at once: one bit each in a `u64`.
const BLOCK: usize = 64;

/// The runs of letters, digits and combining marks of `text`, as written.
pub fn runs(text: &str) -> Runs<'_> {
    Runs {
        text,
        separators: separators(text),
        at: 0,
    }
}

pub struct Runs<'a> {
    text: &'a str,
    /// Bit `i % 64` of word `i / 64` is set when byte `i` belongs to a separating character,
    /// and for every place past the end.
    separators: Vec<u64>,
    /// Where the next run is looked for.
    at: usize,
}

impl<'a> Iterator for Runs<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let start = next_mark(&self.separators, self.at, false)?;
        // Past the end, every place is marked: a run ends at the text's end at the latest.
        // A character's bytes are all marked or all not, so both ends are on characters.
        let end = next_mark(&self.separators, start, true)?;
        self.at = end;
        self.text.get(start..end)
    }
}

/// Letters, digits and combining marks. Vietnamese letters are all in the Latin blocks,
/// checked first: Unicode's general lookup is the cost of indexing otherwise.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match c {
        // Latin-1 letters (but × and ÷), Latin Extended-A and -B, Latin Extended Additional.
        '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => c != '\u{D7}' && c != '\u{F7}',
        _ => c.is_alphanumeric() || is_combining_mark(c),
    }
}

/// The first place from `at` whose mark is `marked`; `None` past the marks.
fn next_mark(marks: &[u64], at: usize, marked: bool) -> Option<usize> {
    let flip = if marked { 0 } else { u64::MAX };
    let mut k = at / BLOCK;
    let mut word = (marks.get(k)? ^ flip) & (u64::MAX << (at % BLOCK));
    while word == 0 {
        k += 1;
        word = marks.get(k)? ^ flip;
    }
    Some(k * BLOCK + word.trailing_zeros() as usize)
}

/// The marks of `text` (see [`Runs::separators`]), one more word than the text needs, all set.
fn separators(text: &str) -> Vec<u64> {
    let bytes = text.as_bytes();
    let mut marks = vec![0; bytes.len() / BLOCK + 2];
    for start in (0..bytes.len()).step_by(BLOCK) {
        let end = (start + BLOCK).min(bytes.len());
        // A block is read with the byte after it, which tells the letters whose second
        // byte is there; the last one is padded with spaces, which are marked.
        let marked = match bytes.get(start..start + BLOCK + 1) {
            Some(block) => mark_latin(block),
            None => {
                let mut block = [b' '; BLOCK + 1];
                block[..end - start].copy_from_slice(&bytes[start..end]);
                mark_latin(&block)
            }
        };
        match marked {
            // OR: a separator of a decoded block may have marked this block's first bytes.
            Some(mask) => marks[start / BLOCK] |= mask,
            None => mark_decoded(text, start, end, &mut marks),
        }
    }
    // Every place past the end, in the last block and in the word after it.
    if let Some(last) = marks.get_mut(bytes.len() / BLOCK) {
        *last |= u64::MAX
            .checked_shl((bytes.len() % BLOCK) as u32)
            .unwrap_or(0);
    }
    for word in &mut marks[bytes.len().div_ceil(BLOCK)..] {
        *word = u64::MAX;
    }
    marks
}

/// Marks the characters starting in `start..end` one by one, a separator's bytes all (a
/// character's last bytes may be in the next block). Bytes continuing the character before
/// `start` were marked with it.
fn mark_decoded(text: &str, start: usize, end: usize, marks: &mut [u64]) {
    let mut at = start;
    while !text.is_char_boundary(at) {
        at += 1;
    }
    for (i, c) in text[at..].char_indices() {
        let place = at + i;
        if place >= end {
            break;
        }
        if !is_word_char(c) {
            for byte in place..place + c.len_utf8() {
                marks[byte / BLOCK] |= 1 << (byte % BLOCK);
            }
        }
    }
}

/// The marks of the first 64 bytes of `block` (65 long), if every character starting in them
/// is ASCII or a letter told from its bytes: U+00C0–U+023F but × and ÷ (first byte C3–C8),
/// and U+1E00–U+1EFF (E1 B8–BB). Their bytes are unmarked, as are the bytes continuing a
/// character; ASCII bytes other than letters and digits are marked. `None` for any other
/// block: [`mark_decoded`] marks it.
fn mark_latin(block: &[u8]) -> Option<u64> {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of every x86-64 processor (the target's baseline), so the
        // function's only requirement holds.
        unsafe { sse2::mark_latin(block) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        mark_latin_bytewise(block)
    }
}

/// [`mark_latin`] a byte at a time: the rule written plainly, for other processors (and the
/// tests, which hold the fast one to it).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn mark_latin_bytewise(block: &[u8]) -> Option<u64> {
    let mut marks = 0;
    for i in 0..BLOCK {
        let (byte, next) = (block[i], block[i + 1]);
        let latin = (0xC3..=0xC8).contains(&byte) && !(byte == 0xC3 && matches!(next, 0x97 | 0xB7));
        let extended = byte == 0xE1 && (0xB8..=0xBB).contains(&next);
        // ASCII and continuing bytes (below C0) are told apart by the mark alone.
        if !(byte < 0xC0 || latin || extended) {
            return None;
        }
        if byte.is_ascii() && !byte.is_ascii_alphanumeric() {
            marks |= 1 << i;
        }
    }
    Some(marks)
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::*;

    use super::BLOCK;

    /// [`super::mark_latin_bytewise`], 16 bytes at a time. Bytes are compared as signed
    /// numbers (SSE2 has no other compare): ASCII is 0..=127, every other byte below 0.
    #[target_feature(enable = "sse2")]
    pub fn mark_latin(block: &[u8]) -> Option<u64> {
        let load = |at: usize| {
            let half = |at: usize| {
                let mut eight = [0; 8];
                eight.copy_from_slice(&block[at..at + 8]);
                i64::from_le_bytes(eight)
            };
            _mm_set_epi64x(half(at + 8), half(at))
        };
        let splat = |byte: u8| _mm_set1_epi8(byte as i8);
        // Whether each byte is in `low..=high`, both on the same side of 128.
        let within = |v: __m128i, low: u8, high: u8| {
            _mm_and_si128(
                _mm_cmpgt_epi8(v, splat(low.wrapping_sub(1))),
                _mm_cmplt_epi8(v, splat(high.wrapping_add(1))),
            )
        };
        let mut marks = 0;
        for k in 0..BLOCK / 16 {
            let (byte, next) = (load(16 * k), load(16 * k + 1));
            let ascii = _mm_cmpgt_epi8(byte, splat(0xFF));
            let lower = _mm_or_si128(byte, splat(0x20));
            let alphanumeric = _mm_or_si128(within(byte, b'0', b'9'), within(lower, b'a', b'z'));
            let continuing = _mm_cmplt_epi8(byte, splat(0xC0));
            let times_or_divide = _mm_and_si128(
                _mm_cmpeq_epi8(byte, splat(0xC3)),
                _mm_or_si128(
                    _mm_cmpeq_epi8(next, splat(0x97)),
                    _mm_cmpeq_epi8(next, splat(0xB7)),
                ),
            );
            let latin = _mm_andnot_si128(times_or_divide, within(byte, 0xC3, 0xC8));
            let extended =
                _mm_and_si128(_mm_cmpeq_epi8(byte, splat(0xE1)), within(next, 0xB8, 0xBB));
            let told = _mm_or_si128(
                _mm_or_si128(ascii, continuing),
                _mm_or_si128(latin, extended),
            );
            if _mm_movemask_epi8(told) != 0xFFFF {
                return None;
            }
            let separating = _mm_andnot_si128(alphanumeric, ascii);
            marks |= u64::from(_mm_movemask_epi8(separating) as u16) << (16 * k);
        }
        Some(marks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule as a text's characters give it, one at a time.
    fn runs_by_char(text: &str) -> Vec<&str> {
        text.split(|c: char| !is_word_char(c))
            .filter(|run| !run.is_empty())
            .collect()
    }

    #[test]
    fn the_latin_fast_path_agrees_with_unicode() {
        let ranges = ['\u{80}'..='\u{2FF}', '\u{1E00}'..='\u{1EFF}'];
        for c in ranges.into_iter().flatten() {
            let general = c.is_alphanumeric() || is_combining_mark(c);
            assert_eq!(is_word_char(c), general, "{c:?}");
        }
    }

    #[test]
    fn runs_split_at_every_kind_of_separator() {
        let text = "Nghị định 118/2025/NĐ-CP: “một cửa” – 2×3÷4 naïve ª\u{a0}µ ệ\u{301} 中文, Ω.";
        assert_eq!(runs(text).collect::<Vec<_>>(), runs_by_char(text));
        assert_eq!(
            runs("Nghị định 118/2025/NĐ-CP").collect::<Vec<_>>(),
            ["Nghị", "định", "118", "2025", "NĐ", "CP"]
        );
        assert_eq!(runs("").count(), 0);
        assert_eq!(runs("  …  ").count(), 0);
    }

    #[test]
    fn every_character_a_block_can_hold_is_marked_as_decoding_marks_it() {
        // Each character of the Latin blocks and their neighbours, at every place of a
        // block and across its end, between letters and between spaces.
        let ranges = [
            '\u{0}'..='\u{2FF}',
            '\u{1DF0}'..='\u{1F10}',
            '\u{2000}'..='\u{2030}',
        ];
        for c in ranges.into_iter().flatten() {
            for pad in 58..=64 {
                for filler in ["a", " "] {
                    let text = format!("{}{c}{}", filler.repeat(pad), filler.repeat(70));
                    assert_eq!(
                        runs(&text).collect::<Vec<_>>(),
                        runs_by_char(&text),
                        "{c:?}"
                    );
                }
            }
        }
    }

    use proptest::strategy::Strategy;

    /// Characters (their bytes) a block is marked from: ASCII at the edges of letters and
    /// digits, the Latin letters at the edges of C3–C8 and of E1 B8–BB, and a lone byte
    /// continuing a character begun in the block before.
    const TOLD: &[&[u8]] = &[
        b"\0",
        b" ",
        b"/",
        b"@",
        b"[",
        b"`",
        b"{",
        b"a",
        b"z",
        b"A",
        b"Z",
        b"0",
        b"9",
        b"\x7F",
        &[0xC3, 0x80],
        &[0xC3, 0x96],
        &[0xC3, 0x98],
        &[0xC3, 0xB6],
        &[0xC3, 0xB8],
        &[0xC8, 0xBF],
        &[0xC4, 0x91],
        &[0xE1, 0xB8, 0x80],
        &[0xE1, 0xBB, 0xBF],
        &[0x80],
        &[0xBF],
    ];

    /// Characters (their bytes) that are not: × and ÷, the blocks' neighbours, and bytes
    /// that begin no Latin letter.
    const EDGES: &[&[u8]] = &[
        &[0xC3, 0x97],
        &[0xC3, 0xB7],
        &[0xC2, 0xAA],
        &[0xC2, 0xA0],
        &[0xC9, 0x80],
        &[0xE1, 0xB7, 0xBF],
        &[0xE1, 0xBC, 0x80],
        &[0xE2, 0x80, 0x93],
        &[0xC0],
        &[0xE0],
        &[0xF0, 0x9F, 0x98, 0x80],
    ];

    proptest::proptest! {
        #[test]
        fn runs_are_the_characters_runs(
            text in "[a-zA-Z0-9 .,/\\-ạệđĐưƯơÀ×÷ª\u{a0}–“”\u{301}\u{323}中😀]{0,300}"
        ) {
            proptest::prop_assert_eq!(runs(&text).collect::<Vec<_>>(), runs_by_char(&text));
        }

        #[test]
        fn the_fast_marks_are_the_bytewise_marks(pieces in proptest::collection::vec(
            // Pieces of text, each character's bytes, most of them told from their bytes, a
            // few at the edges of that or beyond (one of those makes the block `None`).
            proptest::prop_oneof![
                40 => proptest::sample::select(TOLD.to_vec()).prop_map(<[u8]>::to_vec),
                1 => proptest::sample::select(EDGES.to_vec()).prop_map(<[u8]>::to_vec),
                1 => proptest::num::u8::ANY.prop_map(|byte| vec![byte]),
            ],
            BLOCK + 1,
        )) {
            let block: Vec<u8> = pieces.concat().into_iter().take(BLOCK + 1).collect();
            proptest::prop_assert_eq!(mark_latin(&block), mark_latin_bytewise(&block));
        }
    }
}
