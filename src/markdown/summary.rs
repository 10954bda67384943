//! A page's summary: the text before `<!-- more -->`, else its first paragraph.

use pulldown_cmark::{Event, Tag, TagEnd};

/// A page's events, as the HTML writer takes them, and where its summary is among them.
pub(super) struct Body<'e> {
    /// Every event but `<!-- more -->`, which is dropped.
    pub events: Vec<Event<'e>>,
    /// How many events come before the first `<!-- more -->`.
    more_at: Option<usize>,
    /// Where the first paragraph starts and ends (`None` while it is open).
    first_paragraph: Option<(usize, Option<usize>)>,
}

impl<'e> Body<'e> {
    /// The last step of the chain: collects the events, noting the summary's bounds.
    pub fn collect(events: impl Iterator<Item = Event<'e>>) -> Body<'e> {
        let mut body = Body {
            events: Vec::new(),
            more_at: None,
            first_paragraph: None,
        };
        for event in events {
            let at = body.events.len();
            match &event {
                Event::Html(html) | Event::InlineHtml(html) if is_more_marker(html) => {
                    body.more_at.get_or_insert(at);
                    continue;
                }
                Event::Start(Tag::Paragraph) if body.first_paragraph.is_none() => {
                    body.first_paragraph = Some((at, None))
                }
                Event::End(TagEnd::Paragraph) => {
                    if let Some((_, end @ None)) = body.first_paragraph.as_mut() {
                        *end = Some(at + 1);
                    }
                }
                _ => {}
            }
            body.events.push(event);
        }
        body
    }

    /// Whether the summary is the paragraph the events start with (no `<!-- more -->`), with
    /// no raw HTML in it: its HTML is then where the body's starts, an element closed as
    /// Markdown closes them all.
    pub fn summary_leads(&self) -> bool {
        matches!(
            (self.more_at, self.first_paragraph),
            (None, Some((0, Some(_))))
        ) && !self
            .summary()
            .iter()
            .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
    }

    /// The summary's events: those before `<!-- more -->`, else the first paragraph, else none.
    pub fn summary(&self) -> &[Event<'e>] {
        match (self.more_at, self.first_paragraph) {
            (Some(end), _) => &self.events[..end],
            (None, Some((start, Some(end)))) => &self.events[start..end],
            _ => &[],
        }
    }
}

/// The words of some events, spaces folded: raw HTML and markup are left out. (Folded a
/// run of bytes at a time: `split_whitespace` and `join` decoded every character, 0.8 % of a
/// clean build.)
pub(super) fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            // Inline markup ends inside a sentence: `[Nghị định](…),` reads "Nghị định,".
            Event::End(
                TagEnd::Link | TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough,
            ) => {}
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    crate::text::fold_spaces(&text, usize::MAX)
}

/// `<!-- more -->`, with or without spaces: where an author ends the summary.
pub(super) fn is_more_marker(html: &str) -> bool {
    let t = html.trim();
    t.strip_prefix("<!--")
        .and_then(|r| r.strip_suffix("-->"))
        .is_some_and(|inner| inner.trim() == "more")
}

#[cfg(test)]
mod tests {
    use super::super::options;
    use super::*;
    use pulldown_cmark::Parser;

    fn summary_text(markdown: &str) -> String {
        let body = Body::collect(Parser::new_ext(markdown, options()));
        plain_text(body.summary())
    }

    #[test]
    fn the_summary_is_everything_before_the_more_marker_which_is_dropped() {
        let markdown = "# Tiêu đề\n\nMột.\n\nHai <!-- more --> ba.\n\n<!-- more -->\n\nBốn.\n";
        assert_eq!(summary_text(markdown), "Tiêu đề Một. Hai");
        let body = Body::collect(Parser::new_ext(markdown, options()));
        let markers = body.events.iter().filter(|e| match e {
            Event::Html(h) | Event::InlineHtml(h) => is_more_marker(h),
            _ => false,
        });
        assert_eq!(markers.count(), 0);
    }

    #[test]
    fn without_a_marker_the_summary_is_the_first_paragraph() {
        assert_eq!(
            summary_text("## Mục\n\nĐoạn *một*.\n\nĐoạn hai.\n"),
            "Đoạn một."
        );
        assert_eq!(summary_text("## Chỉ có tiêu đề\n"), "");
    }

    #[test]
    fn the_summary_text_keeps_words_and_drops_markup() {
        let events: Vec<Event> =
            Parser::new_ext("Sở **Tư pháp** & `dân`\nAn Giang <b>x</b>", options()).collect();
        assert_eq!(plain_text(&events), "Sở Tư pháp & dân An Giang x");
    }

    #[test]
    fn the_more_marker_is_recognised_with_spaces() {
        assert!(is_more_marker("<!-- more -->\n"));
        assert!(is_more_marker("<!--more-->"));
        assert!(!is_more_marker("<!-- ghi chú -->"));
    }

    /// The summary cleaned as the body's start and cleaned by itself, as `render` gets it.
    fn both_ways(markdown: &str) -> (Option<String>, String) {
        let body = Body::collect(Parser::new_ext(markdown, options()));
        let summary = super::super::to_html(body.summary().iter().cloned(), 0);
        let leads = body.summary_leads();
        let html = crate::sanitize::clean(&super::super::to_html(body.events.into_iter(), 0));
        let fast = leads.then(|| crate::sanitize::leading_paragraph(&html).map(str::to_string));
        (fast.flatten(), crate::sanitize::clean(&summary))
    }

    #[test]
    fn a_leading_paragraph_is_the_summary_cleaned_from_the_body() {
        let markdown = concat!(
            "Đoạn *đầu* [luật](/a \"</p> > x\") ![ảnh \"x\" > y](/b.jpg) `<p>` &amp; a<b\n",
            "tiếp  \ntheo.\n\n## Mục\n\nHai.\n"
        );
        let (fast, slow) = both_ways(markdown);
        assert_eq!(fast.as_deref(), Some(slow.as_str()));
        assert!(slow.starts_with("<p>Đoạn <em>đầu</em>") && slow.ends_with("theo.</p>\n"));
        // A summary that is not where the body starts, or holds raw HTML, is cleaned by itself.
        for markdown in [
            "## Mục\n\nHai.\n",
            "Có <b>đậm</b>.\n\nBa.\n",
            "Một <!-- more -->\n",
        ] {
            assert_eq!(both_ways(markdown).0, None, "{markdown}");
        }
    }

    proptest::proptest! {
        /// Whatever the first paragraph holds and whatever follows it, taking it from the
        /// cleaned body gives what cleaning it alone gives.
        #[test]
        fn the_summary_taken_from_the_body_is_the_summary_cleaned(
            first in proptest::collection::vec(proptest::sample::select(INLINE), 1..12),
            rest in proptest::collection::vec(proptest::sample::select(BLOCKS), 0..4),
        ) {
            let markdown = std::iter::once(first.concat()).chain(rest.iter().map(|b| b.to_string()));
            let markdown = markdown.collect::<Vec<_>>().join("\n\n");
            let (fast, slow) = both_ways(&markdown);
            if let Some(fast) = fast {
                proptest::prop_assert_eq!(fast, slow);
            }
        }
    }

    /// Pieces of a first paragraph: text, Markdown's inline markup, character references,
    /// URLs and titles holding what ends a paragraph, and raw HTML.
    const INLINE: &[&str] = &[
        "Sở Tư pháp ",
        "đổi mới",
        " ",
        "\n",
        "  \n",
        "*nhấn*",
        "**đậm**",
        "~~bỏ~~",
        "`<p>mã</p>`",
        "[liên kết](/cchc/a/ \"</p>\")",
        "[x](<a b> 'y > z')",
        "![ảnh \"</p>\" > ](/anh.jpg)",
        "<https://x.vn/?a=1&b=2>",
        "&amp;",
        "&nbsp;",
        "&lt;/p&gt;",
        "&#39;",
        "<",
        ">",
        "\"",
        "'",
        "&",
        "\u{a0}",
        "<b>",
        "</b>",
        "<span title=\"</p>\">",
        "</p>",
        "<p>",
        "<!-- x -->",
        "[^1]",
        "\\*",
        "a_b_",
        "\t",
    ];

    /// Blocks after the first paragraph, raw HTML among them.
    const BLOCKS: &[&str] = &[
        "## Mục",
        "Đoạn hai.",
        "- một\n- hai",
        "> trích",
        "```\n</p>\n```",
        "<div>\nx\n</div>",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "[^1]: chú thích",
        "</p>",
        "<table><tr><td>x",
        "***",
        "Dòng\n===",
        "<!-- more -->",
    ];
}
