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
            *self.count += text.split_whitespace().count();
        }
        Some((event, range))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{events, page};
    use super::*;

    #[test]
    fn words_of_text_and_code_blocks_are_counted_but_not_inline_code_or_html() {
        let page = page("# Sở Tư pháp\n\nBa  từ `mã nguồn` <b>đây</b>\n\n```\nkhông đếm\n```\n");
        let mut count = 0;
        let passed = WordCount::new(events(&page), &mut count).count();
        assert_eq!(passed, events(&page).count());
        assert_eq!(count, 3 + 2 + 1 + 2);
    }
}
