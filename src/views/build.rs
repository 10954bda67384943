//! Building the views from the assembled site.

use super::*;
use crate::assemble::{Published, Site, Term};
use crate::model::{Heading, PageKind};
use crate::taxonomy::Taxonomy;

/// The page numbers a paginator shows: 1, the last, and two either side of `current`.
pub fn page_window(current: usize, total: usize) -> Vec<(usize, bool)> {
    let near = current.saturating_sub(2).max(1)..=(current + 2).min(total);
    let mut numbers: Vec<usize> = std::iter::once(1)
        .chain(near)
        .chain(std::iter::once(total))
        .collect();
    numbers.dedup();
    numbers.sort_unstable();
    numbers.dedup();
    let mut previous = 0;
    numbers
        .into_iter()
        .map(|n| {
            let gap = n > previous + 1;
            previous = n;
            (n, gap && n != 1)
        })
        .collect()
}

/// Builds views from the assembled site.
pub struct Views<'a> {
    pub site: &'a Site,
    /// Tags by key, with their place in Vietnamese alphabetical order: pages name their
    /// tags, and a site may have thousands.
    tags: rustc_hash::FxHashMap<&'a str, (u32, &'a Term)>,
    /// Each topic's place in Vietnamese alphabetical order, by its place in `site.topics`.
    topic_order: Vec<u32>,
}

impl<'a> Views<'a> {
    pub fn new(site: &'a Site) -> Self {
        let tag_order = alphabetical_order(&site.tags);
        let tags = (site.tags.iter().zip(tag_order))
            .map(|(t, place)| (t.key.as_str(), (place, t)))
            .collect();
        Views {
            site,
            tags,
            topic_order: alphabetical_order(&site.topics),
        }
    }

    pub fn link(&self, path: &str) -> String {
        self.site.config.base_url.link(path)
    }

    pub fn permalink(&self, path: &str) -> String {
        self.site.config.base_url.absolute(path)
    }

    pub fn date(&self, d: &jiff::ZonedDateTime) -> String {
        rfc3339(d)
    }

    pub fn site(&self) -> SiteView {
        let s = self.site;
        let sections = s
            .sections
            .iter()
            .map(|sec| self.section_link(sec))
            .collect();
        SiteView {
            title: s.config.title.clone(),
            description: s.config.description.clone(),
            organization: s.config.organization.clone(),
            language: s.config.language.clone(),
            base_url: self.permalink(""),
            home_url: self.link(""),
            rss_url: self.link("rss.xml"),
            json_feed_url: self.link(crate::assemble::JSON_FEED),
            sections,
            topics: alphabetical(
                s.topics
                    .iter()
                    .map(|t| self.term_link(Taxonomy::Topic, t))
                    .collect(),
            ),
            units: s
                .units
                .iter()
                .map(|t| self.term_link(Taxonomy::Unit, t))
                .collect(),
            channels: s.config.channels.iter().map(|c| self.channel(c)).collect(),
            topics_url: self.link(Taxonomy::Topic.root()),
            tags_url: self.link(Taxonomy::Tag.root()),
            units_url: self.link(Taxonomy::Unit.root()),
            coverage_url: self.link(crate::assemble::COVERAGE_PATH),
            search_url: self.link(crate::search::PAGE),
            documents_url: (!s.documents.is_empty())
                .then(|| self.link(crate::citations::DOCUMENTS_PATH)),
            now: crate::plan::today(s).to_string(),
            menus: self.menus(),
            contact: self.contact(),
        }
    }

    pub fn term_link(&self, taxonomy: Taxonomy, term: &Term) -> TermLink {
        TermLink {
            key: term.key.clone(),
            name: term.name.clone(),
            description: term.description.clone(),
            url: self.link(&taxonomy.term_path(&term.key)),
            count: term.pages.len(),
        }
    }

    pub fn section_link(&self, section: &crate::assemble::Section) -> SectionLink {
        SectionLink {
            slug: section.slug.clone(),
            title: section.title.clone(),
            url: self.link(&[&section.slug, "/"].concat()),
            count: section.pages.len(),
        }
    }

    pub fn channel(&self, c: &crate::config::Channel) -> ChannelView {
        let unit = |key: &String| {
            self.site
                .units
                .iter()
                .find(|u| &u.key == key)
                .map(|u| self.term_link(Taxonomy::Unit, u))
        };
        ChannelView {
            key: c.term.key.clone(),
            name: c.term.name.clone(),
            description: c.term.description.clone(),
            lead: c.lead.as_ref().and_then(unit),
            partners: c.partners.iter().filter_map(unit).collect(),
        }
    }

    fn find_term<'t>(terms: &'t [Term], key: &str) -> Option<&'t Term> {
        terms.iter().find(|t| t.key == key)
    }

    pub fn card(&self, p: &Published) -> ArticleCard {
        let page = &p.page;
        let meta = &page.meta;
        let summary = match &meta.summary {
            Some(s) => format!("<p>{}</p>", crate::text::escape_html(s)),
            None => p.rendered.summary_html.clone(),
        };
        let origin = &self.site.config.base_url.origin;
        let image = p.image.as_ref().map(|img| ImageView {
            permalink: absolute(origin, &img.src),
            url: img.src.clone(),
            alt: meta.image_alt.clone().unwrap_or_default(),
            srcset: img.srcset_value(),
            sizes: if img.srcset.is_empty() {
                String::new()
            } else {
                crate::markdown::IMAGE_SIZES.to_string()
            },
            width: img.width,
            height: img.height,
            share: img.share.as_ref().map(|s| absolute(origin, s)),
        });
        ArticleCard {
            kind: if page.kind == PageKind::Article {
                "article"
            } else {
                "page"
            },
            title: meta.title.clone(),
            url: self.link(&page.path),
            permalink: self.permalink(&page.path),
            date: meta.date.as_ref().map(|d| self.date(d)),
            summary_text: meta
                .summary
                .clone()
                .unwrap_or_else(|| p.rendered.summary_text.clone()),
            summary,
            topics: self.topic_links(&meta.topics),
            unit: meta
                .unit
                .as_ref()
                .and_then(|k| Self::find_term(&self.site.units, k))
                .map(|t| self.term_link(Taxonomy::Unit, t)),
            image,
            event: meta.event.as_ref().map(|e| EventView {
                start: self.date(&e.start),
                end: e.end.as_ref().map(|d| self.date(d)),
                location: e.location.clone(),
                participants: e.participants,
                upcoming: crate::assemble::is_upcoming(e, self.site.settings.now),
                ics_url: self.link(&format!("{}{}", page.path, crate::assemble::EVENT_ICS)),
            }),
            expires: meta.expires.as_ref().map(|d| self.date(d)),
        }
    }

    /// Links to the tags a page names, in Vietnamese alphabetical order.
    /// The tag lists a page is on, by the tags' slugs (`Page::tag_keys`).
    pub fn tags_of<'k>(&'k self, keys: &'k [String]) -> impl Iterator<Item = &'a Term> + 'k {
        keys.iter()
            .filter_map(|k| self.tags.get(k.as_str()).map(|&(_, t)| t))
    }

    pub fn tag_links(&self, keys: &[String]) -> Vec<TermLink> {
        let mut tags: Vec<(u32, &Term)> = (keys.iter())
            .filter_map(|k| self.tags.get(k.as_str()).copied())
            .collect();
        // Stable: names that sort alike stay in the page's order, as a sort by name keeps them.
        tags.sort_by_key(|&(place, _)| place);
        (tags.into_iter())
            .map(|(_, t)| self.term_link(Taxonomy::Tag, t))
            .collect()
    }

    /// Links to the topics a page names, in Vietnamese alphabetical order.
    fn topic_links(&self, keys: &[String]) -> Vec<TermLink> {
        let topics = &self.site.topics;
        let mut named: Vec<usize> = (keys.iter())
            .filter_map(|k| topics.iter().position(|t| &t.key == k))
            .collect();
        named.sort_by_key(|&i| self.topic_order[i]);
        (named.into_iter())
            .map(|i| self.term_link(Taxonomy::Topic, &topics[i]))
            .collect()
    }

    /// The whole page view of `pages[index]`, around its card (built once for all lists).
    /// The page at `index`, with its `content` (its HTML).
    pub fn page<'v>(
        &self,
        index: usize,
        card: &'v ArticleCard,
        content: std::borrow::Cow<'v, str>,
    ) -> PageView<'v> {
        let p = &self.site.pages[index];
        let meta = &p.page.meta;
        let neighbour = |i: Option<usize>| {
            i.map(|i| PageLink {
                title: self.site.pages[i].page.meta.title.clone(),
                url: self.link(&self.site.pages[i].page.path),
            })
        };
        let (previous, next) = self.site.neighbours_of(index);
        let section = self.site.section_of(&p.page);
        let share = ShareView {
            facebook: crate::text::facebook_url(&card.permalink),
            hashtags: meta
                .topics
                .iter()
                .map(|k| crate::text::hashtag(k))
                .collect(),
        };
        PageView {
            card,
            share,
            content,
            toc: toc(&p.rendered.headings),
            word_count: p.rendered.word_count,
            reading_minutes: p.rendered.word_count.div_ceil(200).max(1),
            updated: meta.updated.as_ref().map(|d| self.date(d)),
            tags: self.tag_links(&p.page.tag_keys),
            channels: meta
                .channels
                .iter()
                .filter_map(|k| self.site.config.channel(k))
                .map(|c| TermLink {
                    key: c.term.key.clone(),
                    name: c.term.name.clone(),
                    description: c.term.description.clone(),
                    url: String::new(),
                    count: 0,
                })
                .collect(),
            section: section.map(|s| self.section_link(s)),
            previous: neighbour(previous),
            next: neighbour(next),
            draft: meta.draft,
            extra: meta.extra.clone(),
            documents: self.document_links(&p.rendered.documents),
            expired: p.expired,
            gallery: p.rendered.gallery.iter().map(gallery_photo).collect(),
            attachments: p.rendered.attachments.iter().map(attachment).collect(),
            videos: p.rendered.videos,
        }
    }
}

/// How wide a gallery's photos are shown: two in a row on phones, about a third of the text
/// width otherwise.
pub const GALLERY_SIZES: &str = "(max-width: 40rem) 50vw, 15rem";

fn gallery_photo(photo: &crate::markdown::GalleryPhoto) -> GalleryPhotoView {
    let image = &photo.image;
    // The narrowest copy in the grid; its height as `crate::images` made it, in proportion.
    let (thumb, width, height) = match (image.srcset.first(), image.intrinsic) {
        (Some((url, w)), Some((iw, ih))) if iw > 0 => {
            let h = ((u64::from(ih) * u64::from(*w)) / u64::from(iw)).max(1) as u32;
            (url.clone(), Some(*w), Some(h))
        }
        _ => (image.src.clone(), image.width, image.height),
    };
    let (url, large_width, large_height) = photo.large.clone();
    GalleryPhotoView {
        url,
        thumb,
        srcset: image.srcset_value(),
        sizes: if image.srcset.is_empty() {
            String::new()
        } else {
            GALLERY_SIZES.to_string()
        },
        width,
        height,
        large_width,
        large_height,
        caption: photo.caption.clone(),
        alt: photo.alt.clone(),
    }
}

fn attachment(a: &crate::markdown::Attachment) -> AttachmentView {
    AttachmentView {
        url: a.file.url.clone(),
        name: a.name.clone(),
        kind: a.kind.clone(),
        size: crate::text::file_size(a.file.size),
        bytes: a.file.size,
    }
}

/// Topics and tags are always shown in Vietnamese alphabetical order.
fn alphabetical(mut links: Vec<TermLink>) -> Vec<TermLink> {
    crate::text::sort_vietnamese(&mut links, |t| t.name.as_str());
    links
}

/// Each term's place in Vietnamese alphabetical order of the names, by its place in
/// `terms`; names that sort alike share a place. Made once per build, so that a page sorts
/// its few topics and tags by number rather than by name.
fn alphabetical_order(terms: &[Term]) -> Vec<u32> {
    let keys: Vec<_> = terms
        .iter()
        .map(|t| crate::text::collation_key(&t.name))
        .collect();
    let mut sorted: Vec<usize> = (0..terms.len()).collect();
    sorted.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    let mut order = vec![0; terms.len()];
    let mut place = 0;
    for (n, &i) in sorted.iter().enumerate() {
        if n > 0 && keys[i] != keys[sorted[n - 1]] {
            place = n as u32;
        }
        order[i] = place;
    }
    order
}

fn absolute(origin: &str, url: &str) -> String {
    if url.starts_with('/') {
        [origin, url].concat()
    } else {
        url.to_string()
    }
}

/// Nests headings under the nearest higher-level heading before them.
pub fn toc(headings: &[Heading]) -> Vec<TocEntry> {
    fn take(headings: &[Heading], pos: &mut usize, parent_level: u8) -> Vec<TocEntry> {
        let mut entries = Vec::new();
        while let Some(h) = headings.get(*pos) {
            if h.level <= parent_level {
                break;
            }
            *pos += 1;
            let children = take(headings, pos, h.level);
            entries.push(TocEntry {
                id: h.id.clone(),
                title: h.text.clone(),
                level: h.level,
                children,
            });
        }
        entries
    }
    take(headings, &mut 0, 0)
}

/// Each field of a card ([`Views::card`]), with what it is made from in the card's key
/// (`assemble::convert::card_key`, or for an event's state `assemble::event_key`). Written
/// without `..`: a new field of `ArticleCard` stops this compiling until it is placed here,
/// and what it is made from is in the key. Else a text edit (which keeps every other page's
/// card) would leave the lists showing a stale card.
const _: fn(&ArticleCard) = |card| {
    let ArticleCard {
        // The front matter and the page's place: `front_key`.
        kind: _,
        title: _,
        url: _,
        permalink: _,
        date: _,
        topics: _,
        unit: _,
        expires: _,
        // A written summary: `front_key`; else the first paragraph, hashed as it renders.
        summary: _,
        summary_text: _,
        // The image as published: its copies, sizes and share crop.
        image: _,
        // The event's front matter, and whether it is still to come: `event_key`.
        event: _,
    } = card;
};

#[cfg(test)]
mod tests {
    use super::*;

    fn h(level: u8, id: &str) -> Heading {
        Heading {
            level,
            id: id.into(),
            text: id.into(),
        }
    }

    #[test]
    fn the_table_of_contents_nests_by_level() {
        let toc = toc(&[h(2, "a"), h(3, "a1"), h(3, "a2"), h(2, "b"), h(4, "b1")]);
        assert_eq!(toc.len(), 2);
        assert_eq!(
            toc[0]
                .children
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>(),
            ["a1", "a2"]
        );
        assert_eq!(toc[1].children[0].id, "b1");
    }

    #[test]
    fn a_long_paginator_shows_the_ends_and_the_neighbourhood() {
        let numbers = |c, t| {
            page_window(c, t)
                .into_iter()
                .map(|(n, gap)| {
                    if gap {
                        format!("…{n}")
                    } else {
                        n.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(numbers(1, 1), "1");
        assert_eq!(numbers(1, 4), "1 2 3 4");
        assert_eq!(numbers(50, 1000), "1 …48 49 50 51 52 …1000");
        assert_eq!(numbers(1000, 1000), "1 …998 999 1000");
    }
}

/// `2025-03-01T08:00:00+07:00`: what `strftime("%Y-%m-%dT%H:%M:%S%:z")` writes, written
/// directly, because every card and sitemap entry has a date and the format string is the
/// cost.
pub fn rfc3339(d: &jiff::ZonedDateTime) -> String {
    use crate::text::push_two_digits as two;
    let year = d.year();
    let offset = d.offset().seconds();
    // Years of other than four digits, and the odd seconds of old local mean times
    // (`+07:06:40` in Hồ Chí Minh City before 1906), are left to jiff.
    if !(0..=9999).contains(&year) || offset % 60 != 0 {
        return d.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    }
    // Whole minutes, under a day: hours and minutes of two digits each.
    let minutes = offset.unsigned_abs() / 60;
    let (offset_hours, offset_minutes) = ((minutes / 60) as i8, (minutes % 60) as i8);
    let mut out = String::with_capacity(25);
    two(&mut out, (year / 100) as i8);
    two(&mut out, (year % 100) as i8);
    for (separator, n) in [('-', d.month()), ('-', d.day()), ('T', d.hour())] {
        out.push(separator);
        two(&mut out, n);
    }
    for (separator, n) in [(':', d.minute()), (':', d.second())] {
        out.push(separator);
        two(&mut out, n);
    }
    out.push(if offset < 0 { '-' } else { '+' });
    two(&mut out, offset_hours);
    out.push(':');
    two(&mut out, offset_minutes);
    out
}

#[cfg(test)]
mod date_tests {
    #[test]
    fn dates_are_written_as_strftime_writes_them() {
        for (text, zone) in [
            ("2025-03-01T08:05:09", "Asia/Ho_Chi_Minh"),
            ("2024-12-31T23:59:59", "America/St_Johns"),
            ("0999-01-02T00:00:00", "UTC"),
            ("2026-07-04T12:00:00", "Asia/Kolkata"),
            ("2026-01-04T12:00:00", "America/New_York"),
        ] {
            let d: jiff::civil::DateTime = text.parse().unwrap();
            let d = d.in_tz(zone).unwrap();
            assert_eq!(
                super::rfc3339(&d),
                d.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
                "{text} {zone}"
            );
        }
    }

    proptest::proptest! {
        /// Any time of any year loa writes, in zones east and west, whole and half hours.
        #[test]
        fn any_date_is_written_as_strftime_writes_it(
            year in -20i16..10020,
            (month, day) in (1i8..=12, 1i8..=28),
            (hour, minute, second) in (0i8..24, 0i8..60, 0i8..60),
            zone in proptest::sample::select(vec![
                "Asia/Ho_Chi_Minh", "UTC", "America/St_Johns", "Asia/Kathmandu",
                "Pacific/Marquesas", "Pacific/Kiritimati", "America/Los_Angeles",
            ]),
        ) {
            let Ok(date) = jiff::civil::Date::new(year, month, day) else {
                return Ok(());
            };
            if let Ok(d) = date.at(hour, minute, second, 0).in_tz(zone) {
                proptest::prop_assert_eq!(
                    super::rfc3339(&d),
                    d.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
                );
            }
        }
    }
}
