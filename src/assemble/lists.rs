//! Lists: sections in their order (by date, title or event), neighbours, and tags.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::{Published, Section, Term};
use crate::config::Config;
use crate::key::Key;
use crate::model::{Page, PageKind, SortBy};
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

/// Tags are free text: they are grouped by slug, keeping the spelling of the oldest article
/// that used the tag, so a new article cannot rename an established tag. Standalone pages
/// with tags are listed after the articles (expired ones are not listed).
pub(super) fn group_tags(pages: &[Published], articles: &[usize]) -> Vec<Term> {
    let mut by_slug: FxHashMap<&str, Term> = FxHashMap::default();
    let standalone = (0..pages.len())
        .filter(|&i| pages[i].page.kind == PageKind::Standalone && !pages[i].expired);
    let newest_first: Vec<usize> = articles.iter().copied().chain(standalone).collect();
    for &i in newest_first.iter().rev() {
        let page = &pages[i].page;
        for (tag, key) in page.meta.tags.iter().zip(&page.tag_keys) {
            if key.is_empty() {
                continue;
            }
            match by_slug.get_mut(key.as_str()) {
                Some(term) => term.pages.push(i),
                None => {
                    let term = Term {
                        key: key.clone(),
                        name: tag.clone(),
                        description: String::new(),
                        pages: vec![i],
                    };
                    by_slug.insert(key.as_str(), term);
                }
            }
        }
    }
    let mut tags: Vec<Term> = by_slug.into_values().collect();
    for tag in &mut tags {
        tag.pages.reverse();
    }
    text::sort_vietnamese(&mut tags, |t| t.name.as_str());
    tags
}

/// The site's topics, units and tags, each with its articles.
#[derive(Debug, Clone, Default)]
pub(super) struct Terms {
    pub topics: Vec<Term>,
    pub units: Vec<Term>,
    pub tags: Vec<Term>,
}

/// The terms of the last build, by the key of what they were made from ([`terms_key`]): a
/// text edit changes none of it, and walking every article's topics, unit and tags was a
/// tenth of such an edit's rebuild (each is read through its page, far in memory).
#[derive(Debug, Default)]
pub struct TermsMemo(Option<(blake3::Hash, Terms)>);

impl TermsMemo {
    /// The terms made from what `key` was made from: the memo's, or `make`'s, then kept.
    pub(super) fn get_or(&mut self, key: blake3::Hash, make: impl FnOnce() -> Terms) -> Terms {
        if let Some((k, terms)) = &self.0 {
            if *k == key {
                return terms.clone();
            }
        }
        let terms = make();
        self.0 = Some((key, terms.clone()));
        terms
    }
}

/// The key of everything the terms and the related lists are made from: the config's topics
/// and units, each page's front matter and place (its `front_key`) and whether it expired,
/// and the articles' order. Read from the pages' array alone.
pub(super) fn terms_key(config: &Config, pages: &[Published], articles: &[usize]) -> blake3::Hash {
    let mut key = Key::new("terms");
    for terms in [&config.topics, &config.units] {
        key.number(terms.len() as u64);
        for t in terms {
            key.text(&t.key).text(&t.name).text(&t.description);
        }
    }
    key.number(pages.len() as u64);
    for p in pages {
        key.hash(&p.front).number(u64::from(p.expired));
    }
    key.number(articles.len() as u64);
    for &i in articles {
        key.number(i as u64);
    }
    key.finish()
}

/// The key of what the sitemap shows of each page: its path, when it last changed
/// ([`Published::last_changed`]) and whether it expired. A title edit leaves it as it was,
/// where it changes the pages' `front_key`s and so the `terms_key`.
pub(super) fn places_key(pages: &[Published]) -> blake3::Hash {
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
    pub terms_key: blake3::Hash,
    pub terms: Terms,
    pub documents: Vec<crate::citations::Cited>,
    pub places_key: blake3::Hash,
}

/// The sections (and each article's neighbours in its own), the terms' lists and the legal
/// documents cited: each a walk over every article, independent of the others, so made side
/// by side.
pub(super) fn walks(
    (config, pages, articles): (&Config, &[Published], &[usize]),
    indexes: Vec<Published>,
    now: jiff::Timestamp,
    terms: Option<&mut TermsMemo>,
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
                || terms_kept(config, pages, articles, terms),
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

/// The topics', units' and tags' lists and their key, from `memo` when it holds them.
fn terms_kept(
    config: &Config,
    pages: &[Published],
    articles: &[usize],
    memo: Option<&mut TermsMemo>,
) -> (blake3::Hash, Terms) {
    let key = terms_key(config, pages, articles);
    let make = || terms(config, pages, articles);
    let terms = match memo {
        Some(memo) => memo.get_or(key, make),
        None => make(),
    };
    (key, terms)
}

/// The topics', units' and tags' lists. They do not depend on each other: made side by side.
fn terms(config: &Config, pages: &[Published], articles: &[usize]) -> Terms {
    let ((topics, units), tags) = rayon::join(
        || {
            let topics = in_terms(&config.topics, pages, articles, |p| &p.meta.topics);
            let units = in_terms(&config.units, pages, articles, |p| p.meta.unit.as_slice());
            (topics, units)
        },
        || group_tags(pages, articles),
    );
    Terms {
        topics,
        units,
        tags,
    }
}

/// The config's terms (topics or units), each with its articles in `articles`' order.
fn in_terms(
    terms: &[crate::config::Term],
    pages: &[Published],
    articles: &[usize],
    keys_of: impl Fn(&Page) -> &[String],
) -> Vec<Term> {
    let place: FxHashMap<&str, usize> = terms
        .iter()
        .enumerate()
        .map(|(n, t)| (t.key.as_str(), n))
        .collect();
    let mut lists: Vec<Vec<usize>> = vec![Vec::new(); terms.len()];
    for &i in articles {
        for key in keys_of(&pages[i].page) {
            if let Some(&n) = place.get(key.as_str()) {
                // A key written twice lists the article once.
                if lists[n].last() != Some(&i) {
                    lists[n].push(i);
                }
            }
        }
    }
    terms
        .iter()
        .zip(lists)
        .map(|(t, pages)| Term {
            key: t.key.clone(),
            name: t.name.clone(),
            description: t.description.clone(),
            pages,
        })
        .collect()
}
