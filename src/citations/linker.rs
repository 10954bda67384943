//! The linker: a page's citations as links to the documents' pages, and what it cites.

use super::table::{Cite, Mention, Table};
use crate::diag::Diagnostic;
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
    pub fn link_events(
        &self,
        text: &str,
        mentions: &[Mention],
    ) -> Vec<pulldown_cmark::Event<'static>> {
        use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
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

/// Where the markdown stage stands in a page: citations are checked everywhere but in code,
/// and linked only in running text (not inside a link, an image, a heading or code).
#[derive(Debug, Default)]
pub struct Scope {
    links: usize,
    code: usize,
    headings: usize,
}

impl Scope {
    pub fn track(&mut self, event: &pulldown_cmark::Event) {
        use pulldown_cmark::{Event, Tag, TagEnd};
        let (counter, open) = match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => (&mut self.links, true),
            Event::End(TagEnd::Link | TagEnd::Image) => (&mut self.links, false),
            Event::Start(Tag::CodeBlock(_)) => (&mut self.code, true),
            Event::End(TagEnd::CodeBlock) => (&mut self.code, false),
            Event::Start(Tag::Heading { .. }) => (&mut self.headings, true),
            Event::End(TagEnd::Heading(_)) => (&mut self.headings, false),
            // The markdown stage passes raw HTML on as `Html` events, inline or not.
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
    /// Records what `found` cites into `cited` (each number once) and a warning for each
    /// number that is unknown or written wrongly, placed by `place`.
    pub fn note(
        &self,
        found: &[Mention],
        file: &std::path::Path,
        place: impl Fn(&Mention) -> (usize, usize),
        problems: &mut Vec<Diagnostic>,
        cited: &mut Vec<String>,
    ) {
        for m in found {
            if let Cite::Known(i) = m.cite {
                let number = &self.table.documents[i].number;
                if !cited.contains(number) {
                    cited.push(number.clone());
                }
            }
            if let Some(msg::Advice { message, hint }) = self.table.problem(m) {
                let (line, col) = place(m);
                problems.push(Diagnostic::warning(file, line, col, message).with_hint(hint));
            }
        }
    }
}
