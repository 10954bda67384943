//! Markdown to HTML: heading ids, table of contents, link rewriting, summaries.
//!
//! Two pure passes over a page's Markdown. `outline` finds the headings and their ids, so
//! every page's anchors are known before any link is checked; `render` then writes the HTML,
//! turning relative `.md` links into page URLs through a resolver the assemble stage gives.

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::diag::{line_col, Diagnostic};
use crate::model::{Heading, Page};
use crate::{msg, sanitize, text};

/// CommonMark plus the extensions officers use: tables, footnotes, strikethrough, task lists,
/// heading attributes (`## Mục tiêu {#muc-tieu}`).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The headings of a page with unique ids from their Vietnamese text
/// (`## Kết quả khảo sát` → `ket-qua-khao-sat`; a repeat gets `-1`, `-2`…).
pub fn outline(body: &str) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut ids = UniqueIds::default();
    let mut current: Option<(u8, Option<String>, String)> = None;
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some((
                    level_number(level),
                    id.map(|i| i.to_string()),
                    String::new(),
                ));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, text)) = current.take() {
                    let wanted = explicit.unwrap_or_else(|| text::slugify(&text));
                    let wanted = if wanted.is_empty() {
                        "muc".to_string()
                    } else {
                        wanted
                    };
                    let id = ids.claim(wanted);
                    headings.push(Heading { level, id, text });
                }
            }
            _ => {}
        }
    }
    headings
}

/// The ids given so far on a page, and for each wanted id the next suffix to try: a page of
/// thousands of headings with the same text gets its ids in linear time, not by scanning every
/// id given for every suffix.
#[derive(Default)]
struct UniqueIds {
    taken: rustc_hash::FxHashSet<String>,
    next: rustc_hash::FxHashMap<String, usize>,
}

impl UniqueIds {
    /// `wanted` if free, else `wanted-1`, `wanted-2`… the first free one.
    fn claim(&mut self, wanted: String) -> String {
        if self.taken.insert(wanted.clone()) {
            return wanted;
        }
        let n = self.next.entry(wanted.clone()).or_insert(1);
        loop {
            let id = format!("{wanted}-{n}");
            *n += 1;
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Turns a link destination written in a page into the URL to publish.
/// `Ok(None)` keeps the destination as written (external links, `mailto:`, `#anchor`…).
pub trait Resolve {
    fn resolve(&self, page: &Page, dest: &str) -> Result<Option<String>, LinkProblem>;

    /// How to show an image of the site: `Ok(None)` for an external one (left as written).
    fn image(&self, page: &Page, dest: &str) -> Result<Option<ImageAttrs>, LinkProblem>;
}

/// An image as published: its URL, the narrower copies for `srcset`, and its size when known
/// (width and height keep the page from jumping while it loads).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImageAttrs {
    pub src: String,
    /// (URL, width in pixels), narrowest first; empty when there is one size only.
    pub srcset: Vec<(String, u32)>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// URL of the 1200×630 crop for share previews, for photos.
    pub share: Option<String>,
    /// The photo's own width and height, before any resizing; `None` for SVG and external
    /// images, whose size loa does not read.
    pub intrinsic: Option<(u32, u32)>,
}

/// How wide images are shown: the whole column on phones, at most the text width otherwise.
pub const IMAGE_SIZES: &str = "(max-width: 52rem) 100vw, 46rem";

impl ImageAttrs {
    /// The `srcset` attribute's value (`a-480w.jpg 480w, …`), empty when there is one size.
    pub fn srcset_value(&self) -> String {
        self.srcset
            .iter()
            .map(|(url, w)| format!("{url} {w}w"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn tag(&self, alt: &str, title: &str) -> String {
        let esc = crate::text::escape_html;
        let mut tag = format!("<img src=\"{}\" alt=\"{}\"", esc(&self.src), esc(alt));
        if !self.srcset.is_empty() {
            tag.push_str(&format!(
                " srcset=\"{}\" sizes=\"{IMAGE_SIZES}\"",
                esc(&self.srcset_value())
            ));
        }
        if let (Some(w), Some(h)) = (self.width, self.height) {
            tag.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
        }
        if !title.is_empty() {
            tag.push_str(&format!(" title=\"{}\"", esc(title)));
        }
        tag.push_str(" loading=\"lazy\">");
        tag
    }
}

/// Why a link cannot be published, in the officer's words, with what to do.
pub type LinkProblem = crate::msg::Advice;

/// A page's Markdown as HTML, with what templates need besides.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// HTML of the text before `<!-- more -->`, else of the first paragraph.
    pub summary_html: String,
    /// The same summary as plain text (words only), for meta descriptions.
    pub summary_text: String,
    pub word_count: usize,
    pub problems: Vec<Diagnostic>,
    /// Numbers of the documents of `data/van-ban.yaml` the page cites (body or title), each once.
    pub documents: Vec<String>,
}

/// Renders a page's body, resolving links and images, and sanitizing raw HTML.
pub fn render(page: &Page, resolver: &dyn Resolve) -> Rendered {
    render_with(page, resolver, None)
}

/// [`render`], also linking the legal documents the page cites when the site has a table of
/// them (`data/van-ban.yaml`), and warning about numbers it does not know.
pub fn render_with(
    page: &Page,
    resolver: &dyn Resolve,
    citations: Option<crate::citations::Linker>,
) -> Rendered {
    let mut problems = Vec::new();
    let mut scope = crate::citations::Scope::default();
    let mut cited = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    let mut headings = page.headings.iter();
    let mut more_at = None;
    let mut first_paragraph: Option<(usize, Option<usize>)> = None;
    // An HTML block being read (its lines come as separate events): where it starts, its text.
    let mut html_block: Option<(usize, String)> = None;
    let mut word_count = 0;
    let place = |offset: usize| {
        let (line, col) = line_col(&page.body, offset);
        (page.body_line + line - 1, col)
    };

    // An image being read: its attributes, title and alt text so far.
    let mut image: Option<(ImageAttrs, String, String)> = None;
    for (event, range) in Parser::new_ext(&page.body, options()).into_offset_iter() {
        if let Some((attrs, title, alt)) = image.as_mut() {
            match &event {
                Event::Text(t) | Event::Code(t) => alt.push_str(t),
                Event::End(TagEnd::Image) => {
                    events.push(Event::Html(CowStr::from(attrs.tag(alt, title))));
                    image = None;
                }
                _ => {}
            }
            continue;
        }
        let event = match event {
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                // `{#id}` is the only heading attribute an author may set: a class, style or
                // event handler (`{onfocus=… autofocus}`) would restyle or script the page.
                let dropped: Vec<String> = classes
                    .iter()
                    .map(|c| format!(".{c}"))
                    .chain(attrs.iter().map(|(name, _)| name.to_string()))
                    .collect();
                if !dropped.is_empty() {
                    let (line, col) = place(range.start);
                    problems.push(
                        Diagnostic::warning(
                            page.display.clone(),
                            line,
                            col,
                            msg::heading_attributes_dropped(&dropped),
                        )
                        .with_hint(msg::HINT_HEADING_ATTRIBUTES),
                    );
                }
                Event::Start(Tag::Heading {
                    level,
                    id: headings.next().map(|h| CowStr::from(h.id.clone())),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                })
            }
            // An e-mail autolink (`<stp@angiang.gov.vn>`) is written with `mailto:` by the
            // HTML writer; it names no file of the site.
            Event::Start(Tag::Link {
                link_type: link_type @ LinkType::Email,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rewrite(page, resolver, dest_url, place(range.start), &mut problems);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => match resolver.image(page, &dest_url) {
                Ok(Some(attrs)) => {
                    image = Some((attrs, title.to_string(), String::new()));
                    continue;
                }
                Ok(None) => Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }),
                Err(p) => {
                    let (line, col) = place(range.start);
                    problems.push(
                        Diagnostic::error(page.display.clone(), line, col, p.message)
                            .with_hint(p.hint),
                    );
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                }
            },
            Event::Html(html) | Event::InlineHtml(html) if is_more_marker(&html) => {
                more_at.get_or_insert(events.len());
                continue;
            }
            Event::Start(Tag::HtmlBlock) => {
                html_block = Some((range.start, String::new()));
                Event::Start(Tag::HtmlBlock)
            }
            Event::Html(html) => {
                if let Some((_, text)) = html_block.as_mut() {
                    text.push_str(&html);
                }
                Event::Html(html)
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((start, text)) = html_block.take() {
                    inspect_html(page, &text, place(start), &mut problems);
                }
                Event::End(TagEnd::HtmlBlock)
            }
            Event::InlineHtml(html) => {
                inspect_html(page, &html, place(range.start), &mut problems);
                Event::InlineHtml(html)
            }
            Event::Text(t) => {
                word_count += t.split_whitespace().count();
                if let Some(linker) = citations.filter(|_| !scope.in_code()) {
                    let found = linker.table.scan(&t);
                    // The text as written, to place a number where it stands in the file.
                    let source = page.body.get(range.clone()).unwrap_or_default();
                    let offset = |m: &crate::citations::Mention| match source == &*t {
                        true => range.start + m.range.start,
                        false => range.start + source.find(&m.written).unwrap_or(0),
                    };
                    let place_mention = |m: &crate::citations::Mention| place(offset(m));
                    linker.note(
                        &found,
                        &page.display,
                        place_mention,
                        &mut problems,
                        &mut cited,
                    );
                    if scope.may_link() && found.iter().any(|m| m.cite.is_known()) {
                        events.extend(linker.link_events(&t, &found));
                        continue;
                    }
                }
                Event::Text(t)
            }
            other => other,
        };
        scope.track(&event);
        match &event {
            Event::Start(Tag::Paragraph) if first_paragraph.is_none() => {
                first_paragraph = Some((events.len(), None))
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some((_, end @ None)) = first_paragraph.as_mut() {
                    *end = Some(events.len() + 1);
                }
            }
            _ => {}
        }
        events.push(event);
    }

    if let Some(linker) = citations {
        // A title is plain text: what it cites counts, but it gets no link.
        let found = linker.table.scan(&page.meta.title);
        let line = page.line_of("title");
        linker.note(
            &found,
            &page.display,
            |_| (line, 1),
            &mut problems,
            &mut cited,
        );
    }

    let summary_events = match (more_at, first_paragraph) {
        (Some(end), _) => &events[..end],
        (None, Some((start, Some(end)))) => &events[start..end],
        _ => &[][..],
    };
    let summary_text = plain_text(summary_events);
    let mut summary_html = String::new();
    pulldown_cmark::html::push_html(&mut summary_html, summary_events.iter().cloned());
    let mut html = String::with_capacity(page.body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // Every page passes the sanitizer, raw HTML or not: it is the one place that guarantees no
    // author markup can script the portal, whatever path it took through Markdown.
    Rendered {
        html: sanitize::clean(&html),
        summary_html: sanitize::clean(&summary_html),
        summary_text,
        word_count,
        problems,
        documents: cited,
    }
}

/// Reports what the sanitizer will take out of an author's raw HTML, at its place: a dropped
/// tag or attribute is a warning, a refused URL an error (as it is in Markdown).
fn inspect_html(
    page: &Page,
    html: &str,
    (line, col): (usize, usize),
    problems: &mut Vec<Diagnostic>,
) {
    for (nth_line, finding) in sanitize::inspect(html) {
        // Lines after the first start at the left margin of the file.
        let (line, col) = (line + nth_line - 1, if nth_line > 1 { 1 } else { col });
        let file = page.display.clone();
        problems.push(match finding {
            sanitize::Finding::Removed(what) => {
                Diagnostic::warning(file, line, col, msg::html_removed(&what))
                    .with_hint(msg::HINT_HTML_REMOVED)
            }
            sanitize::Finding::Refused { url, scheme } => {
                Diagnostic::error(file, line, col, msg::url_refused(&url, &scheme))
                    .with_hint(msg::HINT_URL_REFUSED)
            }
        });
    }
}

/// The words of some events, spaces folded: raw HTML and markup are left out.
fn plain_text(events: &[Event]) -> String {
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
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_more_marker(html: &str) -> bool {
    let t = html.trim();
    t.strip_prefix("<!--")
        .and_then(|r| r.strip_suffix("-->"))
        .is_some_and(|inner| inner.trim() == "more")
}

fn rewrite<'a>(
    page: &Page,
    resolver: &dyn Resolve,
    dest: CowStr<'a>,
    (line, col): (usize, usize),
    problems: &mut Vec<Diagnostic>,
) -> CowStr<'a> {
    match resolver.resolve(page, &dest) {
        Ok(Some(url)) => CowStr::from(url),
        Ok(None) => dest,
        Err(p) => {
            problems.push(
                Diagnostic::error(page.display.clone(), line, col, p.message).with_hint(p.hint),
            );
            dest
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_ids_come_from_vietnamese_text_and_stay_unique() {
        let h = outline(
            "## Kết quả khảo sát\n\n## Kết quả khảo sát\n\n### Mục tiêu {#muc-tieu-rieng}\n",
        );
        let ids: Vec<_> = h.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            ["ket-qua-khao-sat", "ket-qua-khao-sat-1", "muc-tieu-rieng"]
        );
        assert_eq!(h[2].level, 3);
        assert_eq!(h[0].text, "Kết quả khảo sát");
    }

    #[test]
    fn a_suffix_already_taken_by_an_explicit_id_is_skipped() {
        let h = outline("## A {#a-1}\n\n## A\n\n## A\n\n## A\n");
        let ids: Vec<_> = h.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["a-1", "a", "a-2", "a-3"]);
    }

    #[test]
    fn thousands_of_identical_headings_get_distinct_ids() {
        let body = "## Mục\n\n".repeat(20_000);
        let h = outline(&body);
        let ids: rustc_hash::FxHashSet<&str> = h.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids.len(), 20_000);
        assert_eq!(h[19_999].id, "muc-19999");
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
}
