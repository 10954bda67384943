//! Counting a page's words: those of its running text, as written.

use pulldown_cmark::Event;

use super::Spanned;

/// Counts the words of the text events that pass, code blocks included (inline code and raw
/// HTML are not counted). Before the citations' linker, which splits a text around its links.
pub(super) struct WordCount<'a, I> {
    events: I,
    count: &'a mut usize,
}

impl<'a, I> WordCount<'a, I> {
    pub fn new(events: I, count: &'a mut usize) -> Self {
        WordCount { events, count }
    }
}

impl<'e, I: Iterator<Item = Spanned<'e>>> Iterator for WordCount<'_, I> {
    type Item = Spanned<'e>;

    fn next(&mut self) -> Option<Spanned<'e>> {
        let item = self.events.next();
        if let Some((Event::Text(text), _)) = &item {
            *self.count += count_words(text);
        }
        item
    }
}

/// The words of `text`, as `split_whitespace` counts them: the places where a word begins
/// after white space or at the start. This runs over every text of every page, so most of
/// it goes 32 bytes at a time: a run of bytes with no possible first byte of a non-ASCII
/// space (see [`crate::text::space_len`]) has its words told from its ASCII spaces alone,
/// since the other bytes all belong to characters that are not white space. Runs that may
/// hold one go byte by byte.
fn count_words(text: &str) -> usize {
    const RUN: usize = 32;
    let bytes = text.as_bytes();
    let mut state = State {
        words: 0,
        space: true,
    };
    let mut at = 0;
    // Each run is looked at with the byte after it, which tells `E1 9A` (U+1680) apart.
    while at + RUN < bytes.len() {
        let run: &[u8; RUN + 1] = bytes[at..=at + RUN].try_into().unwrap_or(&[0; RUN + 1]);
        // Flags as bytes, not booleans, so that the compiler does all 32 at once.
        let mut unsure = 0u8;
        let mut spaces = [0u8; RUN];
        for i in 0..RUN {
            let byte = run[i];
            unsure |= crate::text::may_start_space(byte, run[i + 1]);
            spaces[i] = crate::text::ascii_space(byte);
        }
        if unsure != 0 {
            let end = at + RUN;
            while at < end {
                state.byte(text, at);
                at += 1;
            }
            // The rest of the character the run ends inside, so the next run starts with one.
            while bytes.get(at).is_some_and(|b| (0x80..=0xBF).contains(b)) {
                at += 1;
            }
        } else {
            let spaces = (0..RUN).fold(0u64, |mask, i| mask | u64::from(spaces[i]) << i);
            let before = (spaces << 1) | u64::from(state.space);
            state.words += (!spaces & before & ((1 << RUN) - 1)).count_ones() as usize;
            state.space = spaces >> (RUN - 1) & 1 == 1;
            at += RUN;
        }
    }
    while at < bytes.len() {
        state.byte(text, at);
        at += 1;
    }
    state.words
}

/// Words counted so far, and whether the last character was white space (the start counts
/// as such).
struct State {
    words: usize,
    space: bool,
}

impl State {
    fn byte(&mut self, text: &str, at: usize) {
        // Inside a character: it was decided at its first byte.
        if (0x80..=0xBF).contains(&text.as_bytes()[at]) {
            return;
        }
        let space = crate::text::space_len(text, at) > 0;
        self.words += usize::from(self.space && !space);
        self.space = space;
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{events, page};
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn words_are_counted_as_split_whitespace_counts_them(
            text in "[a-zA-Zàáạảãâầấậẩẫăằắặẳẵđơờớợởỡưừứựửữ .,\t\r\n\u{a0}\u{3000}\u{2009}\u{85}\u{1680}\u{1681}\u{167f}\u{1a80}\u{202f}\u{205f}\u{2028}\u{1e00}\u{2010}\u{3001}\u{c0}\u{b}\u{c}“”–Ớẚ]{0,60}"
        ) {
            prop_assert_eq!(count_words(&text), text.split_whitespace().count());
        }

        /// Long texts go 32 bytes at a time: spaces of every kind at every place of a run,
        /// and characters across the runs' ends.
        #[test]
        fn long_texts_are_counted_as_split_whitespace_counts_them(
            text in "([a-zđạệớ]{1,7}|[ \n]|\u{a0}|\u{85}|\u{1680}|\u{2009}|\u{3000}|“|”|–|Ớ|ẚ){0,120}"
        ) {
            prop_assert_eq!(count_words(&text), text.split_whitespace().count());
        }
    }

    #[test]
    fn a_space_of_several_bytes_is_one_space_wherever_a_run_ends() {
        for space in ["\u{a0}", "\u{85}", "\u{1680}", "\u{2009}", "\u{3000}"] {
            for at in 0..70 {
                // Then ASCII alone, which goes 32 bytes at a time.
                let text = format!(
                    "{}{space} b{space}đ {space} {}",
                    "a".repeat(at),
                    "c ".repeat(40)
                );
                let expected = 42 + usize::from(at > 0);
                assert_eq!(count_words(&text), expected, "{space:?} after {at} bytes");
            }
        }
    }

    #[test]
    fn words_of_text_and_code_blocks_are_counted_but_not_inline_code_or_html() {
        let page = page("# Sở Tư pháp\n\nBa  từ `mã nguồn` <b>đây</b>\n\n```\nkhông đếm\n```\n");
        let mut count = 0;
        let passed = WordCount::new(events(&page), &mut count).count();
        assert_eq!(passed, events(&page).count());
        assert_eq!(count, 3 + 2 + 1 + 2);
    }
}
