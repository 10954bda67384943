//! Links written in a page: each destination rewritten to the URL it is published at, and one
//! that cannot be published an error where it is written.

use pulldown_cmark::{CowStr, Event, LinkType, Tag};

use super::{Problems, Resolve, Spanned};

/// Rewrites every link's destination through the resolver (relative `.md` links become page
/// URLs); an e-mail autolink (`<stp@angiang.gov.vn>`) names no file of the site and passes as
/// it is, the HTML writer adds its `mailto:`.
pub(super) struct Links<'a, I> {
    events: I,
    resolver: &'a dyn Resolve,
    problems: &'a Problems<'a>,
}

impl<'a, I> Links<'a, I> {
    pub fn new(events: I, resolver: &'a dyn Resolve, problems: &'a Problems<'a>) -> Self {
        Links {
            events,
            resolver,
            problems,
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
    fn rewrite<'e>(&self, dest: CowStr<'e>, offset: usize) -> CowStr<'e> {
        match self.resolver.resolve(self.problems.page, &dest) {
            Ok(Some(url)) => CowStr::from(url),
            Ok(None) => dest,
            Err(problem) => {
                self.problems.error(offset, problem);
                dest
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{body_of, events, page, placed, Site};
    use super::*;

    fn destinations(body: &str) -> (Vec<String>, Vec<(usize, usize, bool)>) {
        let page = page(body);
        let problems = Problems::new(&page, body_of(&page));
        let found = Links::new(events(&page), &Site, &problems)
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
}
