//! The linker: a page's citations as links to the documents' pages as its Markdown is
//! rendered (an event adapter), and what the page cites.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::table::{Cite, Mention, Table};
use crate::msg;

/// The table and where the site is published: what the markdown stage needs to link citations.
#[derive(Debug, Clone, Copy)]
pub struct Linker<'a> {
    pub table: &'a Table,
    pub base: &'a crate::config::BaseUrl,
}

impl Linker<'_> {
    /// The link to a document's page, root-relative.
    pub fn url(&self, index: usize) -> String {
        self.base.link(&self.table.documents[index].path())
    }

    /// The events a text becomes: the text around its known citations, and each citation as a
    /// link titled with the document's name.
    pub fn link_events(&self, text: &str, mentions: &[Mention]) -> Vec<Event<'static>> {
        let mut events = Vec::new();
        let mut done = 0;
        for m in mentions {
            let Cite::Known(i) = m.cite else { continue };
            let start = m.phrase_start.max(done);
            if start > done {
                events.push(Event::Text(CowStr::from(text[done..start].to_string())));
            }
            events.push(Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url: CowStr::from(self.url(i)),
                title: CowStr::from(self.table.documents[i].title.clone()),
                id: CowStr::from(""),
            }));
            events.push(Event::Text(CowStr::from(
                text[start..m.range.end].to_string(),
            )));
            events.push(Event::End(TagEnd::Link));
            done = m.range.end;
        }
        if done < text.len() {
            events.push(Event::Text(CowStr::from(text[done..].to_string())));
        }
        events
    }
}

/// Where the linker stands in a page: citations are checked everywhere but in code,
/// and linked only in running text (not inside a link, an image, a heading or code).
#[derive(Debug, Default)]
pub struct Scope {
    links: usize,
    code: usize,
    headings: usize,
}

impl Scope {
    pub fn track(&mut self, event: &Event) {
        let (counter, open) = match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => (&mut self.links, true),
            Event::End(TagEnd::Link | TagEnd::Image) => (&mut self.links, false),
            Event::Start(Tag::CodeBlock(_)) => (&mut self.code, true),
            Event::End(TagEnd::CodeBlock) => (&mut self.code, false),
            Event::Start(Tag::Heading { .. }) => (&mut self.headings, true),
            Event::End(TagEnd::Heading(_)) => (&mut self.headings, false),
            // Raw HTML comes as `Html` events, inline or not (and a site image as one `<img>`).
            Event::Html(html) | Event::InlineHtml(html) => {
                for (name, open) in html_tags(html) {
                    let counter = match name.as_str() {
                        "a" => &mut self.links,
                        "code" | "pre" | "kbd" | "samp" => &mut self.code,
                        _ => continue,
                    };
                    *counter = if open {
                        *counter + 1
                    } else {
                        counter.saturating_sub(1)
                    };
                }
                return;
            }
            _ => return,
        };
        *counter = if open {
            *counter + 1
        } else {
            counter.saturating_sub(1)
        };
    }

    /// Inside code: numbers there are examples, not citations.
    pub fn in_code(&self) -> bool {
        self.code > 0
    }

    pub fn may_link(&self) -> bool {
        self.links == 0 && self.code == 0 && self.headings == 0
    }
}

/// The tags of a piece of raw HTML, lowercased, with whether each opens (`<a …>`) or closes (`</a>`).
fn html_tags(html: &str) -> Vec<(String, bool)> {
    html.split('<')
        .skip(1)
        .filter_map(|rest| {
            let (open, rest) = match rest.strip_prefix('/') {
                Some(r) => (false, r),
                None => (true, rest),
            };
            let name: String = rest
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            let self_closing = rest.split('>').next().is_some_and(|t| t.ends_with('/'));
            (!name.is_empty() && !self_closing).then_some((name, open))
        })
        .collect()
}

impl Linker<'_> {
    /// Records what `found` cites into `cited` (each number once), and tells `warn` of each
    /// number that is unknown or written wrongly, with what to say.
    pub fn note(
        &self,
        found: &[Mention],
        cited: &mut Vec<String>,
        mut warn: impl FnMut(&Mention, msg::Advice),
    ) {
        for m in found {
            if let Cite::Known(i) = m.cite {
                let number = &self.table.documents[i].number;
                if !cited.contains(number) {
                    cited.push(number.clone());
                }
            }
            if let Some(advice) = self.table.problem(m) {
                warn(m, advice);
            }
        }
    }
}

/// Where [`LinkCitations`] puts what it reads of a page.
pub struct Notes<'a, W> {
    /// Numbers of the documents the page cites, each once.
    pub cited: &'a mut Vec<String>,
    /// Told of each number unknown or written wrongly: its byte offset in the body, and what
    /// to say.
    pub warn: W,
}

/// An event adapter over a page's Markdown (events with their bytes in the body): links the
/// known numbers of its running text, and notes every number it cites or gets wrong. Without
/// a table (`linker` is `None`) the events pass as they are.
pub struct LinkCitations<'a, I, W> {
    events: I,
    linker: Option<Linker<'a>>,
    /// The page's Markdown, to place a number where it is written.
    body: &'a str,
    notes: Notes<'a, W>,
    scope: Scope,
    /// What a text with citations became, still to be given, and the text's bytes.
    linked: std::vec::IntoIter<Event<'static>>,
    linked_range: Range<usize>,
}

impl<'a, I, W> LinkCitations<'a, I, W> {
    pub fn new(events: I, linker: Option<Linker<'a>>, body: &'a str, notes: Notes<'a, W>) -> Self {
        LinkCitations {
            events,
            linker,
            body,
            notes,
            scope: Scope::default(),
            linked: Vec::new().into_iter(),
            linked_range: 0..0,
        }
    }
}

impl<'e, I, W> Iterator for LinkCitations<'_, I, W>
where
    I: Iterator<Item = (Event<'e>, Range<usize>)>,
    W: FnMut(usize, msg::Advice),
{
    type Item = (Event<'e>, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(event) = self.linked.next() {
            return Some((event, self.linked_range.clone()));
        }
        // Handed on as it came (see `markdown`'s adapters).
        let item = self.events.next();
        let (Some(linker), Some((event, range))) = (self.linker, &item) else {
            return item;
        };
        if let Event::Text(text) = event {
            if !self.scope.in_code() {
                let found = linker.table.scan(text);
                self.note(linker, &found, text, range);
                if self.scope.may_link() && found.iter().any(|m| m.cite.is_known()) {
                    self.linked = linker.link_events(text, &found).into_iter();
                    self.linked_range = range.clone();
                    return self.next();
                }
            }
        }
        self.scope.track(event);
        item
    }
}

impl<I, W: FnMut(usize, msg::Advice)> LinkCitations<'_, I, W> {
    /// Notes the numbers found in a text event, placed at its `range` of the body.
    fn note(&mut self, linker: Linker, found: &[Mention], text: &str, range: &Range<usize>) {
        // The text as written, to place a number where it stands in the file.
        let source = self.body.get(range.clone()).unwrap_or_default();
        let offset = |m: &Mention| match source == text {
            true => range.start + m.range.start,
            false => range.start + source.find(&m.written).unwrap_or(0),
        };
        let warn = &mut self.notes.warn;
        linker.note(found, self.notes.cited, |m, advice| warn(offset(m), advice));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::citations::fixture::table;

    /// The events `body` becomes through the linker, what it cites and the byte offsets of
    /// its warnings.
    fn link(body: &str) -> (Vec<Event<'_>>, Vec<String>, Vec<usize>) {
        let table = table();
        let base = crate::fixtures::config().base_url;
        let linker = Linker {
            table: &table,
            base: &base,
        };
        let mut cited = Vec::new();
        let mut warned = Vec::new();
        let notes = Notes {
            cited: &mut cited,
            warn: |offset, _| warned.push(offset),
        };
        let events = pulldown_cmark::Parser::new(body).into_offset_iter();
        let out = LinkCitations::new(events, Some(linker), body, notes)
            .map(|(e, _)| e)
            .collect();
        (out, cited, warned)
    }

    fn links(events: &[Event]) -> Vec<String> {
        let dest = |e: &Event| match e {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        };
        events.iter().filter_map(dest).collect()
    }

    #[test]
    fn known_numbers_in_running_text_become_links_and_each_is_cited_once() {
        let (events, cited, warned) =
            link("Theo Nghị định số 118/2025/NĐ-CP, xem lại 118/2025/NĐ-CP.\n");
        assert_eq!(
            links(&events),
            ["/van-ban/118-2025-nd-cp/", "/van-ban/118-2025-nd-cp/"]
        );
        assert_eq!(events[1], Event::Text("Theo ".into()));
        assert_eq!(events[3], Event::Text("Nghị định số 118/2025/NĐ-CP".into()));
        assert_eq!(cited, ["118/2025/NĐ-CP"]);
        assert!(warned.is_empty());
    }

    #[test]
    fn numbers_in_headings_and_links_are_cited_but_not_linked_and_code_is_left_alone() {
        let (events, cited, warned) = link(
            "## Nghị định 118/2025/NĐ-CP\n\n[xem 57-NQ/TW](x) <code>06/QĐ-TTg</code>\n\n```\n06/QĐ-TTg\n```\n",
        );
        assert_eq!(links(&events), ["x"]);
        assert_eq!(cited, ["118/2025/NĐ-CP", "57-NQ/TW"]);
        assert!(warned.is_empty(), "{warned:?}");
    }

    #[test]
    fn a_number_unknown_or_written_wrongly_is_warned_at_its_offset_in_the_body() {
        let body = "Một &amp; *hai* 118/2025/ND-CP và 06/QĐ-TTg\n";
        let (events, cited, warned) = link(body);
        assert!(links(&events).is_empty());
        assert!(cited.is_empty());
        assert_eq!(
            warned,
            [body.find("118/").unwrap(), body.find("06/").unwrap()]
        );
    }

    #[test]
    fn without_a_table_every_event_passes_as_it_is() {
        let body = "Nghị định 118/2025/NĐ-CP\n";
        let mut cited = Vec::new();
        let notes = Notes {
            cited: &mut cited,
            warn: |_, _| panic!("nothing to warn about"),
        };
        let events = pulldown_cmark::Parser::new(body).into_offset_iter();
        let out: Vec<_> = LinkCitations::new(events, None, body, notes).collect();
        assert_eq!(
            out,
            pulldown_cmark::Parser::new(body)
                .into_offset_iter()
                .collect::<Vec<_>>()
        );
        assert!(cited.is_empty());
    }
}
