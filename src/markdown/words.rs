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
        let (event, range) = self.events.next()?;
        if let Event::Text(text) = &event {
            *self.count += count_words(text);
        }
        Some((event, range))
    }
}

/// The words of `text`, as `split_whitespace` counts them: the places where a word begins
/// after white space or at the start. Byte by byte, without cutting the text into pieces
/// nor decoding every letter (this runs over every text of every page): see
/// [`crate::text::space_len`].
fn count_words(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for (at, byte) in text.bytes().enumerate() {
        // Inside a character: it was decided at its first byte.
        if (0x80..=0xBF).contains(&byte) {
            continue;
        }
        let space = crate::text::space_len(text, at) > 0;
        words += usize::from(!space && !in_word);
        in_word = !space;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::super::testing::{events, page};
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn words_are_counted_as_split_whitespace_counts_them(
            text in "[a-zA-Zàáạảãâầấậẩẫăằắặẳẵđơờớợởỡưừứựửữ .,\t\r\n\u{a0}\u{3000}\u{2009}\u{85}\u{1680}\u{1681}\u{167f}\u{1a80}\u{202f}\u{205f}\u{2028}\u{1e00}\u{2010}\u{3001}\u{c0}\u{b}\u{c}]{0,60}"
        ) {
            prop_assert_eq!(count_words(&text), text.split_whitespace().count());
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
