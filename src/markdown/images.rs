//! Images of the site: each becomes one `<img>` with its published URL, its narrower copies
//! and its size; an image that cannot be published is an error where it is written.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{ImageAttrs, Problems, Resolve, Spanned, IMAGE_SIZES};

/// Replaces each image the resolver knows (its start, alt text and end) with the one `<img>`
/// tag it is published as; an external image passes as it is. The first adapter: the alt
/// text it takes in is seen by no other.
pub(super) struct Images<'a, I> {
    events: I,
    resolver: &'a dyn Resolve,
    problems: &'a Problems<'a>,
}

impl<'a, I> Images<'a, I> {
    pub fn new(events: I, resolver: &'a dyn Resolve, problems: &'a Problems<'a>) -> Self {
        Images {
            events,
            resolver,
            problems,
        }
    }
}

impl<'e, I: Iterator<Item = Spanned<'e>>> Iterator for Images<'_, I> {
    type Item = Spanned<'e>;

    fn next(&mut self) -> Option<Spanned<'e>> {
        let item = self.events.next();
        let Some((
            Event::Start(Tag::Image {
                dest_url, title, ..
            }),
            range,
        )) = &item
        else {
            return item;
        };
        match self.resolver.image(self.problems.page, dest_url) {
            Ok(Some(attrs)) => {
                let tag = attrs.tag(&self.alt_text(), title);
                Some((Event::Html(CowStr::from(tag)), range.clone()))
            }
            Ok(None) => item,
            Err(problem) => {
                self.problems.error(range.start, problem);
                item
            }
        }
    }
}

impl<'e, I: Iterator<Item = Spanned<'e>>> Images<'_, I> {
    /// The words of an image's description, up to its end, which is taken too.
    fn alt_text(&mut self) -> String {
        let mut alt = String::new();
        for (event, _) in self.events.by_ref() {
            match event {
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                Event::End(TagEnd::Image) => break,
                _ => {}
            }
        }
        alt
    }
}

impl ImageAttrs {
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

#[cfg(test)]
mod tests {
    use super::super::testing::{body_of, events, page, placed, Site};
    use super::*;

    #[test]
    fn a_site_image_becomes_one_img_tag_whose_alt_is_its_description_as_text() {
        let page =
            page("![Sơ đồ **bộ** `máy`](a.jpg \"Tiêu đề\") và ![ngoài](https://x.vn/b.png)\n");
        let problems = Problems::new(&page, body_of(&page));
        let out: Vec<Event> = Images::new(events(&page), &Site, &problems)
            .map(|(e, _)| e)
            .collect();
        let tag = "<img src=\"/a.jpg\" alt=\"Sơ đồ bộ máy\" width=\"800\" height=\"600\" title=\"Tiêu đề\" loading=\"lazy\">";
        assert_eq!(out[1], Event::Html(tag.into()));
        assert!(matches!(out[2], Event::Text(ref t) if &**t == " và "));
        // The external image is left for the HTML writer, description and all.
        assert!(matches!(out[3], Event::Start(Tag::Image { .. })));
        assert!(matches!(out[4], Event::Text(ref t) if &**t == "ngoài"));
        assert!(placed(problems).is_empty());
    }

    #[test]
    fn an_image_that_cannot_be_published_is_an_error_where_it_is_written() {
        let page = page("Xem\n\n  ![Sơ đồ](bad.jpg)\n");
        let problems = Problems::new(&page, body_of(&page));
        let out: Vec<Event> = Images::new(events(&page), &Site, &problems)
            .map(|(e, _)| e)
            .collect();
        assert!(out
            .iter()
            .any(|e| matches!(e, Event::Start(Tag::Image { .. }))));
        assert_eq!(placed(problems), [(7, 3, true)]);
    }
}
