//! Related articles: on each article's page, up to [`RELATED`] other articles that share the
//! most of its topics, then the most of its tags, the newest first among equals (then by
//! path, as the lists order them), so the same site always gives the same lists. An article
//! that shares nothing with it is not related to it.
//!
//! Only what readers can find elsewhere is offered: the listed articles (not the expired
//! ones, not standalone pages).
//!
//! `serve` keeps each article's list ([`RelatedMemo`]) by a key of what it is made from: the
//! article's path and, for each of its topics and tags, the articles listed under it in
//! order with their dates. Editing an article's topics, tags or date recomputes only the
//! articles sharing a topic or tag with it. Editing an article's text changes nothing ranking
//! reads: then the key of what the site's lists are made from (`Site::terms_key`, read from
//! the pages' array) finds every list unchanged at once (the articles' own keys cost a fifth
//! of a rebuild at 100,000 articles).

mod rank;

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::{Site, Term};
use crate::key::Key;
use crate::model::PageKind;
use rank::{places_in, Ranks};

/// How many related articles a page shows at most.
pub const RELATED: usize = 5;

/// Related lists kept between builds.
#[derive(Debug, Default)]
pub struct RelatedMemo {
    /// Article path → (key, the related articles' paths).
    articles: FxHashMap<String, (blake3::Hash, Vec<String>)>,
    /// The key of everything ranking read in the last build (`Site::terms_key`), and every
    /// page's list it gave.
    whole: Option<(blake3::Hash, Lists)>,
}

impl RelatedMemo {
    pub fn len(&self) -> usize {
        self.articles.len() + usize::from(self.whole.is_some())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Each page's related articles, by page index.
pub type Lists = Arc<Vec<Vec<usize>>>;

/// Each page's related articles (empty for standalone pages), by page index. With `keep`
/// (a build others follow), the lists are kept in `memo` for the next build, and taken from
/// it where their key is unchanged.
pub fn related(site: &Site, memo: &mut RelatedMemo, keep: bool) -> Lists {
    // Ranking reads what the topics' and tags' lists are made from, and nothing else: a
    // text edit builds no ranking structures.
    let whole = Key::new("related-site").hash(&site.terms_key).finish();
    match memo.whole.as_ref() {
        Some((k, lists)) if keep && *k == whole => return lists.clone(),
        _ => {}
    }
    let place = places(site);
    let topics_of = places_in(&site.topics, site.pages.len());
    let topic_place = by_place(&site.topics);
    let tag_place = by_place(&site.tags);
    if !keep {
        *memo = RelatedMemo::default();
        let ranks = Ranks::from_lists(place, topics_of, &site.tags, &site.articles);
        return Arc::new(rank_all(site, &ranks, &topic_place, &tag_place));
    }
    let ranks = Ranks::from_lists(place, topics_of, &site.tags, &site.articles);
    let lists = each_list(site, &ranks, &topic_place, &tag_place, &mut memo.articles);
    let lists = Arc::new(lists);
    memo.whole = Some((whole, lists.clone()));
    lists
}

/// Each listed article's place in the site's newest-first order; `None` for other pages.
fn places(site: &Site) -> Vec<Option<u32>> {
    let mut place = vec![None; site.pages.len()];
    for (at, &i) in site.articles.iter().enumerate() {
        place[i] = u32::try_from(at).ok();
    }
    place
}

/// Every page's list, each ranked (a build no other follows keeps none).
fn rank_all(
    site: &Site,
    ranks: &Ranks,
    topic_place: &FxHashMap<&str, u32>,
    tag_place: &FxHashMap<&str, u32>,
) -> Vec<Vec<usize>> {
    (0..site.pages.len())
        .into_par_iter()
        .map_init(
            || vec![0u32; site.pages.len()],
            |counts, i| match site.pages[i].page.kind {
                PageKind::Article => {
                    let (topics, tags) = ranked_on(site, i, topic_place, tag_place);
                    ranks.best(i, &topics, &tags, counts)
                }
                _ => Vec::new(),
            },
        )
        .collect()
}

/// Each page's list, each article's taken from `memo` where its own key is unchanged; the
/// memo then holds this site's.
fn each_list(
    site: &Site,
    ranks: &Ranks,
    topic_place: &FxHashMap<&str, u32>,
    tag_place: &FxHashMap<&str, u32>,
    memo: &mut FxHashMap<String, (blake3::Hash, Vec<String>)>,
) -> Vec<Vec<usize>> {
    let index_of: FxHashMap<&str, usize> = (site.pages.iter().enumerate())
        .map(|(i, p)| (p.page.path.as_str(), i))
        .collect();
    let topics = by_key(&site.topics);
    let fingerprints = Fingerprints::new(site, ranks);
    let lists: Vec<(Vec<usize>, Option<blake3::Hash>, bool)> = (0..site.pages.len())
        .into_par_iter()
        .map_init(
            || vec![0u32; site.pages.len()],
            |counts, i| {
                let p = &site.pages[i];
                if p.page.kind != PageKind::Article {
                    return (Vec::new(), None, false);
                }
                let topics: Vec<&Term> = (p.page.meta.topics.iter())
                    .filter_map(|k| topics.get(k.as_str()).copied())
                    .collect();
                let (topic_places, tag_places) = ranked_on(site, i, topic_place, tag_place);
                let tags: Vec<&Term> = (p.page.tag_keys.iter())
                    .filter_map(|k| tag_place.get(k.as_str()))
                    .map(|&t| &site.tags[t as usize])
                    .collect();
                let key = fingerprints.key(&p.page.path, &topics, &tags);
                if let Some((_, paths)) = memo.get(&p.page.path).filter(|(k, _)| *k == key) {
                    let found: Option<Vec<usize>> = paths
                        .iter()
                        .map(|p| index_of.get(p.as_str()).copied())
                        .collect();
                    if let Some(found) = found {
                        return (found, Some(key), false);
                    }
                }
                let found = ranks.best(i, &topic_places, &tag_places, counts);
                (found, Some(key), true)
            },
        )
        .collect();
    for (i, (found, key, fresh)) in lists.iter().enumerate() {
        if let (Some(key), true) = (key, fresh) {
            let paths = found.iter().map(|&j| site.pages[j].page.path.clone());
            memo.insert(site.pages[i].page.path.clone(), (*key, paths.collect()));
        }
    }
    let articles = lists.iter().filter(|(_, key, _)| key.is_some()).count();
    crate::memo::forget_gone(memo, articles, || {
        (site.pages.iter())
            .filter(|p| p.page.kind == PageKind::Article)
            .map(|p| p.page.path.as_str())
    });
    lists.into_iter().map(|(found, _, _)| found).collect()
}

/// What page `i`'s list is ranked on: the places of the topics and of the tags it names,
/// each sorted, once each.
fn ranked_on(
    site: &Site,
    i: usize,
    topic_place: &FxHashMap<&str, u32>,
    tag_place: &FxHashMap<&str, u32>,
) -> (Vec<u32>, Vec<u32>) {
    let page = &site.pages[i].page;
    let places = |keys: &[String], place: &FxHashMap<&str, u32>| {
        let mut places: Vec<u32> = (keys.iter())
            .filter_map(|k| place.get(k.as_str()).copied())
            .collect();
        places.sort_unstable();
        places.dedup();
        places
    };
    (
        places(&page.meta.topics, topic_place),
        places(&page.tag_keys, tag_place),
    )
}

fn by_key(terms: &[Term]) -> FxHashMap<&str, &Term> {
    terms.iter().map(|t| (t.key.as_str(), t)).collect()
}

/// Each term's place in `terms`, by its key.
fn by_place(terms: &[Term]) -> FxHashMap<&str, u32> {
    (terms.iter().zip(0..))
        .map(|(t, place)| (t.key.as_str(), place))
        .collect()
}

/// A hash of each topic's and tag's list as ranking reads it: its listed articles in order,
/// with their paths and dates (their place in the site's order follows from these).
struct Fingerprints<'a> {
    topics: FxHashMap<&'a str, blake3::Hash>,
    tags: FxHashMap<&'a str, blake3::Hash>,
}

impl<'a> Fingerprints<'a> {
    fn new(site: &'a Site, ranks: &Ranks) -> Self {
        let of = |terms: &'a [Term]| -> FxHashMap<&'a str, blake3::Hash> {
            (terms.par_iter())
                .map(|t| {
                    let mut key = Key::new("related-term");
                    for &j in t.pages.iter().filter(|&&j| ranks.place[j].is_some()) {
                        let p = &site.pages[j].page;
                        key.text(&p.path);
                        let date = p.meta.date.as_ref().map(|d| d.timestamp().as_nanosecond());
                        key.bytes(&date.unwrap_or_default().to_le_bytes());
                    }
                    (t.key.as_str(), key.finish())
                })
                .collect()
        };
        let (topics, tags) = rayon::join(|| of(&site.topics), || of(&site.tags));
        Fingerprints { topics, tags }
    }

    /// The key of the related list of the article at `path`, on those topics and tags.
    fn key(&self, path: &str, topics: &[&Term], tags: &[&Term]) -> blake3::Hash {
        let mut key = Key::new("related");
        key.text(path);
        for (kind, terms, prints) in [("t", topics, &self.topics), ("g", tags, &self.tags)] {
            key.text(kind).number(terms.len() as u64);
            for t in terms {
                key.text(&t.key);
                if let Some(print) = prints.get(t.key.as_str()) {
                    key.hash(print);
                }
            }
        }
        key.finish()
    }
}
