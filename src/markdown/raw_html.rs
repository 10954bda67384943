//! An author's raw HTML: what the sanitizer will take out of it is reported where it is
//! written, a dropped tag or attribute as a warning, a refused URL as an error (as it is in
//! Markdown). The HTML itself passes unchanged: the sanitizer cleans the whole page after.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::summary::is_more_marker;
use super::{Problems, Spanned};
use crate::msg::{self, Advice};
use crate::sanitize;

/// Inspects each piece of inline HTML, and each HTML block once whole (its lines come as
/// separate events). `<!-- more -->` is loa's, not the author's HTML: it is not inspected,
/// nor read as a line of its block.
pub(super) struct RawHtml<'a, I> {
    events: I,
    problems: &'a Problems<'a>,
    /// The HTML block being read: where it starts in the body, its text so far.
    block: Option<(usize, String)>,
}

impl<'a, I> RawHtml<'a, I> {
    pub fn new(events: I, problems: &'a Problems<'a>) -> Self {
        RawHtml {
            events,
            problems,
            block: None,
        }
    }
}

impl<'e, I: Iterator<Item = Spanned<'e>>> Iterator for RawHtml<'_, I> {
    type Item = Spanned<'e>;

    fn next(&mut self) -> Option<Spanned<'e>> {
        let item = self.events.next();
        let (event, range) = item.as_ref()?;
        match event {
            Event::Html(html) | Event::InlineHtml(html) if is_more_marker(html) => {}
            Event::Start(Tag::HtmlBlock) => self.block = Some((range.start, String::new())),
            Event::Html(html) => {
                if let Some((_, text)) = self.block.as_mut() {
                    text.push_str(html);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((start, text)) = self.block.take() {
                    self.report(&text, start);
                }
            }
            Event::InlineHtml(html) => self.report(html, range.start),
            _ => {}
        }
        item
    }
}

impl<I> RawHtml<'_, I> {
    /// Reports what the sanitizer will drop from `html`, written at `offset` of the body.
    fn report(&self, html: &str, offset: usize) {
        let (line, col) = self.problems.place(offset);
        for (nth_line, finding) in sanitize::inspect(html) {
            // Lines after the first start at the left margin of the file.
            let (line, col) = (line + nth_line - 1, if nth_line > 1 { 1 } else { col });
            match finding {
                sanitize::Finding::Removed(what) => {
                    // A pasted player: the officer wanted the video, which a lone link gives.
                    let hint = if what == "<iframe>" {
                        msg::HINT_IFRAME_VIDEO
                    } else {
                        msg::HINT_HTML_REMOVED
                    };
                    let advice = Advice::new(msg::html_removed(&what), hint);
                    self.problems.warning_at(line, col, advice);
                }
                sanitize::Finding::Refused { url, scheme } => {
                    let advice =
                        Advice::new(msg::url_refused(&url, &scheme), msg::HINT_URL_REFUSED);
                    self.problems.error_at(line, col, advice);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{body_of, events, page, placed};
    use super::*;

    fn problems_of(body: &str) -> Vec<(usize, usize, bool)> {
        let page = page(body);
        let problems = Problems::new(&page, body_of(&page));
        let passed = RawHtml::new(events(&page), &problems).count();
        assert_eq!(passed, events(&page).count(), "every event passes");
        placed(problems)
    }

    #[test]
    fn inline_html_is_inspected_where_it_is_written() {
        assert_eq!(
            problems_of("Chữ <b onclick=x>đậm</b> và <a href=\"javascript:x\">y</a>\n"),
            [(5, 5, false), (5, 29, true)]
        );
    }

    #[test]
    fn an_html_block_is_inspected_whole_with_each_line_in_its_place() {
        assert_eq!(
            problems_of("Mở\n\n<div>\n<script>x()</script>\n</div>\n"),
            [(8, 1, false)]
        );
    }
}
