//! Lists: sections in their order (by date, title or event), neighbours, and the walks over
//! every article that make the site's lists (the terms' own are in `super::terms`).

use std::collections::BTreeMap;

use super::{Published, Section};
use crate::config::Config;
use crate::key::Key;
use crate::model::{Page, SortBy};
use crate::text;

/// The section whose list is an events page by default.
pub const EVENTS_SECTION: &str = "su-kien";

/// Upcoming events first, soonest first; then past ones, latest first; pages without an event
/// last, newest first.
pub(super) fn event_order(page: &Page, now: jiff::Timestamp) -> (u8, i128) {
    match &page.meta.event {
        Some(e) if is_upcoming(e, now) => (0, e.start.timestamp().as_nanosecond()),
        Some(e) => (1, -e.start.timestamp().as_nanosecond()),
        None => (
            2,
            -page
                .meta
                .date
                .as_ref()
                .map_or(0, |d| d.timestamp().as_nanosecond()),
        ),
    }
}

/// An event is upcoming until it ends (or, without an end, until it starts).
pub fn is_upcoming(event: &crate::model::Event, now: jiff::Timestamp) -> bool {
    event.end.as_ref().unwrap_or(&event.start).timestamp() >= now
}

pub(super) fn group_sections(
    config: &Config,
    pages: &[Published],
    articles: &[usize],
    indexes: Vec<Published>,
    now: jiff::Timestamp,
) -> Vec<Section> {
    let mut by_slug: BTreeMap<String, Section> = BTreeMap::new();
    for index in indexes {
        let slug = index.page.section.clone().unwrap_or_default();
        by_slug.insert(
            slug.clone(),
            Section {
                title: index.page.meta.title.clone(),
                paginate: index.page.meta.paginate.unwrap_or(config.paginate),
                slug,
                index: Some(index),
                pages: Vec::new(),
            },
        );
    }
    for &i in articles {
        let slug = pages[i].page.section.as_deref().unwrap_or_default();
        match by_slug.get_mut(slug) {
            Some(section) => section.pages.push(i),
            None => {
                let section = Section {
                    title: slug.to_string(),
                    slug: slug.to_string(),
                    index: None,
                    pages: vec![i],
                    paginate: config.paginate,
                };
                by_slug.insert(slug.to_string(), section);
            }
        }
    }
    let mut sections: Vec<Section> = by_slug.into_values().collect();
    for section in &mut sections {
        let index = section.index.as_ref().map(|i| &i.page);
        // `sort:` when the section's _index.md says; the events section lists events.
        let sort = match index {
            Some(page) if page.line_of("sort") > 0 => page.meta.sort,
            _ if section.slug == EVENTS_SECTION => SortBy::Event,
            _ => SortBy::Date,
        };
        match sort {
            SortBy::Date => {}
            SortBy::Title => section
                .pages
                .sort_by_cached_key(|&i| text::collation_key(&pages[i].page.meta.title)),
            SortBy::Event => section
                .pages
                .sort_by_key(|&i| event_order(&pages[i].page, now)),
        }
    }
    text::sort_vietnamese(&mut sections, |s| s.title.as_str());
    sections
}

/// Previous is the older neighbour, next the newer, within the section's order.
/// Indexed by page.
pub(super) fn neighbours(
    sections: &[Section],
    pages: usize,
) -> Vec<(Option<usize>, Option<usize>)> {
    let mut all = vec![(None, None); pages];
    for section in sections {
        for (pos, &i) in section.pages.iter().enumerate() {
            let newer = pos.checked_sub(1).map(|p| section.pages[p]);
            let older = section.pages.get(pos + 1).copied();
            all[i] = (older, newer);
        }
    }
    all
}

/// The key of what the sitemap shows of each page: its path, when it last changed
/// ([`Published::last_changed`]) and whether it expired. A title edit leaves it as it was,
/// where it changes the pages' `front_key`s and so the `terms_key`.
pub(super) fn places_key(pages: &[Published]) -> crate::key::Hash {
    let mut key = Key::new("places");
    key.number(pages.len() as u64);
    for p in pages {
        // Dates are in the site's time zone (the config, in every key): the moment says it.
        let last = p.last_changed().map(|d| d.timestamp());
        key.text(&p.page.path)
            .number(last.map_or(u64::MAX, |t| t.as_second() as u64))
            .number(last.map_or(0, |t| u64::from(t.subsec_nanosecond().unsigned_abs())))
            .number(u64::from(p.expired));
    }
    key.finish()
}

/// What [`walks`] makes.
pub(super) struct Walks {
    pub sections: Vec<Section>,
    pub neighbours: Vec<(Option<usize>, Option<usize>)>,
    pub terms_key: crate::key::Hash,
    pub terms: super::terms::Terms,
    pub documents: Vec<crate::citations::Cited>,
    pub places_key: crate::key::Hash,
}

/// The sections (and each article's neighbours in its own), the terms' lists and the legal
/// documents cited: each a walk over every article, independent of the others, so made side
/// by side.
pub(super) fn walks(
    (config, pages, articles): (&Config, &[Published], &[usize]),
    indexes: Vec<Published>,
    now: jiff::Timestamp,
    terms: Option<&mut super::TermsMemo>,
    table: Option<crate::citations::Table>,
) -> Walks {
    let ((sections, neighbours), (terms, documents)) = rayon::join(
        || {
            let sections = group_sections(config, pages, articles, indexes, now);
            let neighbours = neighbours(&sections, pages.len());
            (sections, neighbours)
        },
        || {
            rayon::join(
                || super::terms::terms_kept(config, pages, articles, terms),
                || {
                    (
                        super::documents::documents(table, pages, articles),
                        places_key(pages),
                    )
                },
            )
        },
    );
    let (documents, places_key) = documents;
    Walks {
        sections,
        neighbours,
        terms_key: terms.0,
        terms: terms.1,
        documents,
        places_key,
    }
}
