//! Videos: a paragraph that is only a link or an image whose address is a video becomes the
//! video. A YouTube or Facebook video becomes a facade (a link with the title, and a cover
//! from the site) that the theme's `video.js` swaps for the player on the reader's click; a
//! `.mp4` or `.webm` file of the site becomes a `<video>`, with the `.vtt` captions of the
//! same name when they sit beside it.
//!
//! Written three ways, alone on their line:
//! `[Tên video](https://youtu.be/…)`, `![Tên video](https://youtu.be/…)`, and with a cover of
//! the site, `[![Tên video](anh-bia.jpg)](https://youtu.be/…)`.

use std::collections::VecDeque;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::{ImageAttrs, Problems, Resolve, SiteFile, Spanned};
use crate::embed::{self, Video};
use crate::msg::{self, Advice};
use crate::text::escape_html as esc;

/// The extensions of videos a browser plays in `<video>`.
const PLAYABLE: &[&str] = &["mp4", "webm"];

/// Replaces each paragraph that is one video link with the video's HTML; every other
/// paragraph passes as it came. The first adapter: it sees links and images as written.
pub(super) struct Videos<'a, 'e, I> {
    events: I,
    resolver: &'a dyn Resolve,
    problems: &'a Problems<'a>,
    /// Events read ahead and given back, in order.
    pending: VecDeque<Spanned<'e>>,
    facades: &'a mut usize,
}

impl<'a, 'e, I> Videos<'a, 'e, I> {
    pub fn new(
        events: I,
        resolver: &'a dyn Resolve,
        problems: &'a Problems<'a>,
        facades: &'a mut usize,
    ) -> Self {
        Videos {
            events,
            resolver,
            problems,
            pending: VecDeque::new(),
            facades,
        }
    }
}

impl<'e, I: Iterator<Item = Spanned<'e>>> Iterator for Videos<'_, 'e, I> {
    type Item = Spanned<'e>;

    fn next(&mut self) -> Option<Spanned<'e>> {
        if let Some(event) = self.pending.pop_front() {
            return Some(event);
        }
        let item = self.events.next();
        let Some((Event::Start(Tag::Paragraph), range)) = &item else {
            return item;
        };
        // Only a paragraph that opens with a link or an image is read to its end.
        let first = self.events.next()?;
        if !matches!(first.0, Event::Start(Tag::Link { .. } | Tag::Image { .. })) {
            self.pending.push_back(first);
            return item;
        }
        let mut paragraph = vec![first];
        let mut end = range.end;
        for (e, r) in self.events.by_ref() {
            if matches!(e, Event::End(TagEnd::Paragraph)) {
                end = r.end;
                paragraph.push((e, r));
                break;
            }
            paragraph.push((e, r));
        }
        match self.video(&paragraph[..paragraph.len() - 1]) {
            Some(html) => Some((Event::Html(CowStr::from(html)), range.start..end)),
            None => {
                self.pending.extend(paragraph);
                item
            }
        }
    }
}

/// What a lone link or image names: its address, the words it shows, and a cover image
/// when the link's text is an image (`[![…](cover.jpg)](…)`).
struct Lone<'p> {
    dest: &'p str,
    title: String,
    cover: Option<(&'p str, usize)>,
}

impl<'e, I> Videos<'_, 'e, I> {
    /// The HTML of the video a paragraph's events (without its end) name, if they are one
    /// link or image to a video.
    fn video(&mut self, events: &[Spanned<'e>]) -> Option<String> {
        let lone = lone(events)?;
        if let Some(video) = embed::recognise(lone.dest) {
            let cover = lone.cover.and_then(|(src, at)| self.cover(src, at));
            *self.facades += 1;
            return Some(facade(&video, &lone.title, cover.as_ref()));
        }
        let file = self.playable(lone.dest)?;
        let captions = self.captions(lone.dest);
        let cover = lone.cover.and_then(|(src, at)| self.cover(src, at));
        Some(player(
            &file,
            captions.as_ref(),
            &lone.title,
            cover.as_ref(),
        ))
    }

    /// A video file of the site that browsers play.
    fn playable(&self, dest: &str) -> Option<SiteFile> {
        let path = dest.split(['?', '#']).next().unwrap_or(dest);
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        if !PLAYABLE.contains(&ext.as_str()) {
            return None;
        }
        self.resolver.file(self.problems.page, dest)
    }

    /// The `.vtt` file of the same name beside a video, if there is one.
    fn captions(&self, dest: &str) -> Option<SiteFile> {
        let path = dest.split(['?', '#']).next().unwrap_or(dest);
        let (stem, _) = path.rsplit_once('.')?;
        self.resolver
            .file(self.problems.page, &format!("{stem}.vtt"))
    }

    /// A cover image of the site; one from another site is left out with a warning, since
    /// the page would ask that site for it before the reader chose to watch.
    fn cover(&self, src: &str, offset: usize) -> Option<ImageAttrs> {
        match self.resolver.image(self.problems.page, src) {
            Ok(Some(attrs)) => Some(attrs),
            Ok(None) => {
                let advice = Advice::new(msg::video_poster_external(src), msg::HINT_VIDEO_POSTER);
                self.problems.warning(offset, advice);
                None
            }
            Err(problem) => {
                self.problems.error(offset, problem);
                None
            }
        }
    }
}

/// The one link or image a paragraph's events are, spaces around it aside.
fn lone<'p>(events: &'p [Spanned<'_>]) -> Option<Lone<'p>> {
    let blank = |e: &Event| matches!(e, Event::Text(t) if t.trim().is_empty());
    let start = events.iter().position(|(e, _)| !blank(e))?;
    let end = events.iter().rposition(|(e, _)| !blank(e))?;
    let events = &events[start..=end];
    let (Event::Start(first), _) = events.first()? else {
        return None;
    };
    let inner = &events[1..events.len() - 1];
    match (first, &events.last()?.0) {
        (Tag::Image { dest_url, .. }, Event::End(TagEnd::Image)) => Some(Lone {
            dest: dest_url,
            title: text_of(inner)?,
            cover: None,
        }),
        (
            Tag::Link {
                dest_url,
                link_type,
                ..
            },
            Event::End(TagEnd::Link),
        ) if *link_type != LinkType::Email => {
            let cover = match inner.first() {
                Some((Event::Start(Tag::Image { dest_url, .. }), r)) => {
                    // A cover is the link's whole text.
                    if !matches!(inner.last(), Some((Event::End(TagEnd::Image), _))) {
                        return None;
                    }
                    Some((&**dest_url, r.start))
                }
                _ => None,
            };
            let inner = if cover.is_some() {
                &inner[1..inner.len() - 1]
            } else {
                inner
            };
            let title = text_of(inner)?;
            // An autolink (`<https://youtu.be/…>`) shows its address: no title.
            let title = if title == **dest_url {
                String::new()
            } else {
                title
            };
            Some(Lone {
                dest: dest_url,
                title,
                cover,
            })
        }
        _ => None,
    }
}

/// The words of a link's or image's text; `None` if it holds anything but words and
/// inline formatting (another link, an image, a line break), which a video cannot show.
fn text_of(events: &[Spanned<'_>]) -> Option<String> {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak => text.push(' '),
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => {}
            _ => return None,
        }
    }
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A video of another site behind a click: a link to the video's own page (what a reader
/// without JavaScript follows) that `video.js` replaces with the player at `data-embed`.
fn facade(video: &Video, title: &str, cover: Option<&ImageAttrs>) -> String {
    let title = if title.is_empty() {
        msg::VIDEO_UNTITLED
    } else {
        title
    };
    let cover = cover.map_or_else(String::new, |c| {
        let mut img = format!(
            "<img class=\"video-cover\" src=\"{}\" alt=\"\"",
            esc(&c.src)
        );
        if !c.srcset.is_empty() {
            img.push_str(&format!(
                " srcset=\"{}\" sizes=\"{}\"",
                esc(&c.srcset_value()),
                super::IMAGE_SIZES
            ));
        }
        if let (Some(w), Some(h)) = (c.width, c.height) {
            img.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
        }
        img.push_str(" loading=\"lazy\">");
        img
    });
    format!(
        "<figure class=\"video\"><a class=\"video-facade\" href=\"{}\" data-embed=\"{}\">{cover}<span class=\"video-title\">{}</span><span class=\"video-note\">{}</span></a></figure>\n",
        esc(&video.watch),
        esc(&video.player),
        esc(title),
        esc(&msg::video_watch_on(video.host.name())),
    )
}

/// A video file of the site, with its captions when it has them.
fn player(
    file: &SiteFile,
    captions: Option<&SiteFile>,
    title: &str,
    cover: Option<&ImageAttrs>,
) -> String {
    let poster = cover.map_or_else(String::new, |c| format!(" poster=\"{}\"", esc(&c.src)));
    let track = captions.map_or_else(String::new, |t| {
        format!(
            "<track kind=\"captions\" src=\"{}\" srclang=\"vi\" label=\"{}\" default>",
            esc(&t.url),
            msg::VIDEO_CAPTIONS
        )
    });
    let caption = if title.is_empty() {
        String::new()
    } else {
        format!("<figcaption>{}</figcaption>", esc(title))
    };
    format!(
        "<figure class=\"video\"><video controls preload=\"metadata\" src=\"{url}\"{poster}>{track}<a href=\"{url}\">{}</a></video>{caption}</figure>\n",
        msg::VIDEO_DOWNLOAD,
        url = esc(&file.url),
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::{body_of, events, page, placed, Site};
    use super::*;

    /// The HTML events a body becomes, with how many facades it has and the problems.
    fn run(body: &str) -> (Vec<Event<'static>>, usize, Vec<(usize, usize, bool)>) {
        let page = page(body);
        let problems = Problems::new(&page, body_of(&page));
        let mut facades = 0;
        let out: Vec<Event<'static>> = Videos::new(events(&page), &Site, &problems, &mut facades)
            .map(|(e, _)| e.into_static())
            .collect();
        (out, facades, placed(problems))
    }

    fn html_of(events: &[Event]) -> Vec<String> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Html(h) => Some(h.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_youtube_link_alone_on_its_line_becomes_a_facade_with_its_title() {
        for body in [
            "[Hội nghị *trực tuyến*](https://youtu.be/dQw4w9WgXcQ)\n",
            "![Hội nghị *trực tuyến*](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n",
        ] {
            let (out, facades, problems) = run(body);
            assert_eq!(facades, 1);
            assert!(problems.is_empty());
            let html = html_of(&out);
            assert_eq!(html.len(), 1, "{out:?}");
            assert!(html[0].contains("href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\""));
            assert!(html[0].contains(
                "data-embed=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1\""
            ));
            assert!(html[0].contains("<span class=\"video-title\">Hội nghị trực tuyến</span>"));
            assert!(!html[0].contains("<img"), "no cover: nothing loads");
            assert!(!out
                .iter()
                .any(|e| matches!(e, Event::Start(Tag::Paragraph))));
        }
    }

    #[test]
    fn a_link_whose_text_is_a_photo_of_the_site_gives_the_cover() {
        let (out, _, problems) = run("[![Lễ ra mắt](bia.jpg)](https://youtu.be/dQw4w9WgXcQ)\n");
        let html = html_of(&out);
        assert!(
            html[0].contains(
                "<img class=\"video-cover\" src=\"/bia.jpg\" alt=\"\" width=\"800\" height=\"600\""
            ),
            "{}",
            html[0]
        );
        assert!(html[0].contains(">Lễ ra mắt</span>"));
        assert!(problems.is_empty());
        let (out, _, problems) =
            run("[![Lễ](https://i.ytimg.com/vi/x/0.webp)](https://youtu.be/dQw4w9WgXcQ)\n");
        assert!(
            !html_of(&out)[0].contains("<img"),
            "no cover from elsewhere"
        );
        assert_eq!(problems, [(5, 2, false)]);
    }

    #[test]
    fn a_video_link_within_a_sentence_or_to_another_site_stays_a_link() {
        for body in [
            "Xem [video](https://youtu.be/dQw4w9WgXcQ) hội nghị.\n",
            "[video](https://youtu.be/dQw4w9WgXcQ) và [ảnh](a.jpg)\n",
            "[video](https://www.youtube.com.evil.vn/watch?v=dQw4w9WgXcQ)\n",
            "[video](https://vimeo.com/1234)\n",
            "[tệp](khac.md)\n",
        ] {
            let (out, facades, _) = run(body);
            assert_eq!(facades, 0, "{body}");
            assert!(html_of(&out).is_empty(), "{body}");
            assert!(matches!(out[0], Event::Start(Tag::Paragraph)), "{body}");
            assert!(
                out.iter()
                    .any(|e| matches!(e, Event::Start(Tag::Link { .. }))),
                "{body}"
            );
        }
    }

    #[test]
    fn a_video_file_of_the_site_plays_in_the_page_with_its_captions() {
        let (out, facades, _) = run("![Toàn cảnh hội nghị](hoi-nghi.mp4)\n");
        assert_eq!(facades, 0, "a file of the site needs no script");
        assert_eq!(
            html_of(&out),
            ["<figure class=\"video\"><video controls preload=\"metadata\" src=\"/hoi-nghi.mp4\"><track kind=\"captions\" src=\"/hoi-nghi.vtt\" srclang=\"vi\" label=\"Phụ đề tiếng Việt\" default><a href=\"/hoi-nghi.mp4\">Tải video về máy</a></video><figcaption>Toàn cảnh hội nghị</figcaption></figure>\n"]
        );
        let (out, _, _) = run("[Phát biểu](phat-bieu.webm)\n");
        let html = html_of(&out);
        assert!(html[0].contains("src=\"/phat-bieu.webm\""));
        assert!(!html[0].contains("<track"), "no .vtt beside it");
    }
}
