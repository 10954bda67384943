//! Links written in a page: each destination rewritten to the URL it is published at, and one
//! that cannot be published an error where it is written. A link to a heading is listed, for
//! its id to be checked once the headings it may name are known.

use pulldown_cmark::{CowStr, Event, LinkType, Tag};

use super::{Problems, Resolve, Spanned};

/// Rewrites every link's destination through the resolver (relative `.md` links become page
/// URLs); an e-mail autolink (`<stp@angiang.gov.vn>`) names no file of the site and passes as
/// it is, the HTML writer adds its `mailto:`.
pub(super) struct Links<'a, I> {
    events: I,
    resolver: &'a dyn Resolve,
    problems: &'a Problems<'a>,
    /// Each link to a heading, as it comes.
    headings: &'a mut Vec<HeadingTarget>,
    /// The pages the links name, each once.
    pages: &'a mut Vec<String>,
}

/// A link to a heading, as [`Links`] lists it: the page's path under `content/` (`None` for
/// the page itself), the heading's id, and the byte of the body where the link is written.
pub(super) type HeadingTarget = (Option<String>, String, usize);

impl<'a, I> Links<'a, I> {
    pub fn new(
        events: I,
        resolver: &'a dyn Resolve,
        problems: &'a Problems<'a>,
        (headings, pages): (&'a mut Vec<HeadingTarget>, &'a mut Vec<String>),
    ) -> Self {
        Links {
            events,
            resolver,
            problems,
            headings,
            pages,
        }
    }
}

impl<'e, I: Iterator<Item = Spanned<'e>>> Iterator for Links<'_, I> {
    type Item = Spanned<'e>;

    fn next(&mut self) -> Option<Spanned<'e>> {
        let item = self.events.next();
        let Some((
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }),
            range,
        )) = item
        else {
            return item;
        };
        let dest_url = match link_type {
            LinkType::Email => dest_url,
            _ => self.rewrite(dest_url, range.start),
        };
        let link = Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        };
        Some((Event::Start(link), range))
    }
}

impl<I> Links<'_, I> {
    /// The URL to publish for `dest`: as written when the resolver keeps it or refuses it.
    fn rewrite<'e>(&mut self, dest: CowStr<'e>, offset: usize) -> CowStr<'e> {
        let page = self.problems.page;
        let named = self.resolver.page_of(page, &dest);
        if let Some(rel) = named.as_ref().filter(|rel| !self.pages.contains(rel)) {
            self.pages.push(rel.clone());
        }
        let url = match self.resolver.resolve(page, &dest) {
            Ok(url) => url,
            Err(problem) => {
                self.problems.error(offset, problem);
                return dest;
            }
        };
        // A link the resolver took to `#id` is to this page's heading; to `….md#id`, to the
        // heading of the page it names.
        if let Some((path, id)) = dest.split_once('#') {
            let target = if path.is_empty() {
                Some(None)
            } else {
                named.map(Some)
            };
            if let Some(target) = target {
                self.headings.push((target, id.to_string(), offset));
            }
        }
        url.map_or(dest, CowStr::from)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{body_of, events, page, placed, Site};
    use super::*;

    fn destinations(body: &str) -> (Vec<String>, Vec<(usize, usize, bool)>) {
        let page = page(body);
        let problems = Problems::new(&page, body_of(&page));
        let found = Links::new(
            events(&page),
            &Site,
            &problems,
            (&mut Vec::new(), &mut Vec::new()),
        )
        .filter_map(|(e, _)| match e {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect();
        (found, placed(problems))
    }

    #[test]
    fn links_are_rewritten_to_their_published_url_and_the_others_kept() {
        let (found, problems) =
            destinations("[a](khac.md), [b](https://x.vn), [c](#muc) và <stp@angiang.gov.vn>\n");
        assert_eq!(
            found,
            ["/khac/", "https://x.vn", "#muc", "stp@angiang.gov.vn"]
        );
        assert!(problems.is_empty());
    }

    #[test]
    fn a_link_that_cannot_be_published_is_an_error_where_it_is_written_and_kept_as_written() {
        let (found, problems) = destinations("Một\nhai [sai](bad.md)\n");
        assert_eq!(found, ["bad.md"]);
        assert_eq!(problems, [(6, 5, true)]);
    }

    #[test]
    fn links_to_headings_are_listed_with_their_page_and_place() {
        let page = page(
            "Xem [a](#muc), [b](khac.md#y)
và [c](https://x.vn/#z), [d](bad.md#w).
",
        );
        let problems = Problems::new(&page, body_of(&page));
        let mut headings = Vec::new();
        let mut pages = Vec::new();
        Links::new(events(&page), &Site, &problems, (&mut headings, &mut pages)).for_each(drop);
        assert_eq!(pages, ["tin-tuc/khac.md", "tin-tuc/bad.md"]);
        assert_eq!(
            headings,
            [
                (None, "muc".to_string(), 4),
                (Some("tin-tuc/khac.md".to_string()), "y".to_string(), 15)
            ]
        );
        assert_eq!(placed(problems), [(6, 26, true)]);
    }
}
