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
//! of a rebuild at 100,000 articles). When that key changed but the pages are the same ones
//! in the same places, an article whose front matter and whose terms' lists are all as they
//! were keeps its last list without its key being made: its key would be the same. When
//! moreover the same articles are listed in the same order and every page whose front matter
//! changed kept its kind, topics and tags (an article's new address, mostly), nothing is
//! ranked at all ([`same_ranking`]).

mod rank;

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::{Site, Term};
use crate::key::Key;
use crate::model::{Page, PageKind};
use rank::{places_in, Ranks};

/// How many related articles a page shows at most.
pub const RELATED: usize = 5;

/// Related lists kept between builds.
#[derive(Debug, Default)]
pub struct RelatedMemo {
    /// Article path → (key, the related articles' paths).
    articles: FxHashMap<String, (crate::key::Hash, Vec<String>)>,
    /// What ranking read in the last build, and every page's list it gave.
    last: Option<Last>,
}

/// The last build's ranking: what it read, and what it gave.
#[derive(Debug)]
struct Last {
    /// The key of everything ranking read (from `Site::terms_key`).
    whole: crate::key::Hash,
    /// Every page's list, by page index.
    lists: Lists,
    /// Every page, by page index: the lists name pages by index, so they hold only for the
    /// same pages in the same places.
    pages: Vec<Arc<Page>>,
    /// The listed articles, newest first.
    articles: Vec<usize>,
    /// Each topic's and tag's fingerprint and pages, by its key.
    topics: FxHashMap<String, Print>,
    tags: FxHashMap<String, Print>,
}

/// A term's fingerprint, and the pages it was made from.
#[derive(Debug)]
struct Print {
    hash: crate::key::Hash,
    pages: Vec<usize>,
    /// Those of `pages` that were listed (not expired, not standalone).
    listed: Vec<usize>,
}

impl RelatedMemo {
    pub fn len(&self) -> usize {
        self.articles.len() + usize::from(self.last.is_some())
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
    match memo.last.as_ref() {
        Some(last) if keep && last.whole == whole => return last.lists.clone(),
        _ => {}
    }
    // Which pages changed their front matter, when the last build had the same pages in the
    // same places: read once, for the lists kept whole or page by page.
    let changed = (memo.last.as_ref().filter(|_| keep))
        .and_then(|last| super::front_changes(&last.pages, &site.pages));
    if let Some(lists) = (changed.as_deref()).and_then(|c| same_ranking(site, memo, c, whole)) {
        return lists;
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
    let last = memo.last.take();
    let same = last.as_ref().zip(changed.as_deref());
    let fingerprints = Fingerprints::new(site, &ranks.place, same);
    let kept = same.map(|(last, changed)| Kept::new(last, changed, &fingerprints));
    let places = (&topic_place, &tag_place);
    let lists = each_list(
        site,
        &ranks,
        places,
        &fingerprints,
        kept,
        &mut memo.articles,
    );
    let lists = Arc::new(lists);
    memo.last = Some(Last {
        whole,
        lists: lists.clone(),
        pages: site.pages.iter().map(|p| p.page.clone()).collect(),
        articles: site.articles.clone(),
        topics: owned(&fingerprints.topics, &site.topics, &ranks.place),
        tags: owned(&fingerprints.tags, &site.tags, &ranks.place),
    });
    crate::memo::drop_later(last);
    lists
}

/// The last build's lists again, when ranking would read what it read: the same pages in the
/// same places (`changed` says which changed their front matter), the same articles listed in
/// the same order, and each page whose front matter changed of the same kind, topics and tags. An edit of an article's address, or of its date
/// within its place, leaves them so: nothing is ranked (ranking each article of its topics
/// again was a fifth of such an edit's rebuild at 10,000 articles). Only the fingerprints of
/// the terms listing a changed page are made again, for they name the articles' paths (the
/// memo's lists are found by them).
fn same_ranking(
    site: &Site,
    memo: &mut RelatedMemo,
    changed: &[bool],
    whole: crate::key::Hash,
) -> Option<Lists> {
    let last = memo.last.as_mut()?;
    if last.articles != site.articles {
        return None;
    }
    let same = (changed.iter().zip(&last.pages).zip(&site.pages))
        .filter(|((changed, _), _)| **changed)
        .all(|((_, old), now)| {
            let now = &now.page;
            old.kind == now.kind
                && old.meta.topics == now.meta.topics
                && old.tag_keys == now.tag_keys
        });
    if !same {
        return None;
    }
    let (topics, tags) = {
        let place = places(site);
        let fingerprints = Fingerprints::new(site, &place, Some((last, changed)));
        (
            owned(&fingerprints.topics, &site.topics, &place),
            owned(&fingerprints.tags, &site.tags, &place),
        )
    };
    let old_pages = std::mem::replace(
        &mut last.pages,
        site.pages.iter().map(|p| p.page.clone()).collect(),
    );
    crate::memo::drop_later(old_pages);
    (last.whole, last.topics, last.tags) = (whole, topics, tags);
    Some(last.lists.clone())
}

/// The last build's lists that a page may keep: those of the pages whose front matter is
/// as it was, when none of the topics and tags it names changed its fingerprint.
struct Kept<'a> {
    last: &'a Last,
    /// Whether each page's front matter changed (`super::front_changes`).
    fronts: &'a [bool],
    /// The topics and tags whose fingerprint changed, came or went since the last build.
    topics: FxHashSet<&'a str>,
    tags: FxHashSet<&'a str>,
}

impl<'a> Kept<'a> {
    fn new(last: &'a Last, fronts: &'a [bool], now: &Fingerprints<'a>) -> Kept<'a> {
        Kept {
            last,
            fronts,
            topics: changed(&last.topics, &now.topics),
            tags: changed(&last.tags, &now.tags),
        }
    }

    /// Page `i`'s last list, when its key would be the one it had: the same page in the same
    /// place (its front matter, hence its topics and tags) and the same fingerprints.
    fn list(&self, site: &Site, i: usize) -> Option<Vec<usize>> {
        let page = &site.pages[i];
        let same = !self.fronts[i]
            && !(page.page.meta.topics.iter()).any(|t| self.topics.contains(t.as_str()))
            && !(page.page.tag_keys.iter()).any(|t| self.tags.contains(t.as_str()));
        same.then(|| self.last.lists.get(i).cloned().unwrap_or_default())
    }
}

/// The terms whose fingerprint is not the same in `last` and `now`: changed, new or gone.
fn changed<'a>(
    last: &'a FxHashMap<String, Print>,
    now: &FxHashMap<&'a str, crate::key::Hash>,
) -> FxHashSet<&'a str> {
    let mut changed: FxHashSet<&'a str> = (now.iter())
        .filter(|(k, print)| last.get(**k).map(|p| &p.hash) != Some(print))
        .map(|(k, _)| *k)
        .collect();
    changed.extend(
        (last.keys())
            .filter(|k| !now.contains_key(k.as_str()))
            .map(String::as_str),
    );
    changed
}

/// Fingerprints with keys of their own and the pages of their terms (`place`: each listed
/// article's), to be kept for the next build.
fn owned(
    prints: &FxHashMap<&str, crate::key::Hash>,
    terms: &[Term],
    place: &[Option<u32>],
) -> FxHashMap<String, Print> {
    (terms.iter())
        .filter_map(|t| {
            let hash = *prints.get(t.key.as_str())?;
            let pages = t.pages.clone();
            let listed = listed(t, place).collect();
            Some((
                t.key.clone(),
                Print {
                    hash,
                    pages,
                    listed,
                },
            ))
        })
        .collect()
}

/// The members of `t` that are listed (`place`: each listed article's place).
fn listed<'t>(t: &'t Term, place: &'t [Option<u32>]) -> impl Iterator<Item = usize> + 't {
    t.pages.iter().copied().filter(|&j| place[j].is_some())
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

/// Each page's list: kept from the last build where `kept` says so, else each article's
/// taken from `memo` where its own key is unchanged; the memo then holds this site's.
fn each_list(
    site: &Site,
    ranks: &Ranks,
    (topic_place, tag_place): (&FxHashMap<&str, u32>, &FxHashMap<&str, u32>),
    fingerprints: &Fingerprints,
    kept: Option<Kept>,
    memo: &mut FxHashMap<String, (crate::key::Hash, Vec<String>)>,
) -> Vec<Vec<usize>> {
    // Made only when a list is looked up in the memo by its paths.
    let index_of = std::sync::OnceLock::new();
    let index_of = || -> &FxHashMap<&str, usize> {
        index_of.get_or_init(|| {
            (site.pages.iter().enumerate())
                .map(|(i, p)| (p.page.path.as_str(), i))
                .collect()
        })
    };
    let topics = by_key(&site.topics);
    let lists: Vec<Found> = (0..site.pages.len())
        .into_par_iter()
        .map_init(
            || vec![0u32; site.pages.len()],
            |counts, i| {
                let p = &site.pages[i];
                if p.page.kind != PageKind::Article {
                    return Found::NoList;
                }
                if let Some(list) = kept.as_ref().and_then(|k| k.list(site, i)) {
                    return Found::Known(list);
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
                        .map(|p| index_of().get(p.as_str()).copied())
                        .collect();
                    if let Some(found) = found {
                        return Found::Known(found);
                    }
                }
                Found::Ranked(ranks.best(i, &topic_places, &tag_places, counts), key)
            },
        )
        .collect();
    for (i, found) in lists.iter().enumerate() {
        if let Found::Ranked(found, key) = found {
            let paths = found.iter().map(|&j| site.pages[j].page.path.clone());
            memo.insert(site.pages[i].page.path.clone(), (*key, paths.collect()));
        }
    }
    let articles = lists.iter().filter(|f| !matches!(f, Found::NoList)).count();
    crate::memo::forget_gone(memo, articles, || {
        (site.pages.iter())
            .filter(|p| p.page.kind == PageKind::Article)
            .map(|p| p.page.path.as_str())
    });
    (lists.into_iter())
        .map(|found| match found {
            Found::NoList => Vec::new(),
            Found::Known(list) | Found::Ranked(list, _) => list,
        })
        .collect()
}

/// What [`each_list`] found for one page.
enum Found {
    /// Not an article: it has no list.
    NoList,
    /// An article's list as the memo holds it already.
    Known(Vec<usize>),
    /// An article's list ranked anew, for the memo under its key.
    Ranked(Vec<usize>, crate::key::Hash),
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
    topics: FxHashMap<&'a str, crate::key::Hash>,
    tags: FxHashMap<&'a str, crate::key::Hash>,
}

impl<'a> Fingerprints<'a> {
    /// Each term's fingerprint. When the last build had these pages in the same places
    /// (`same`, with which of them changed their front matter), a term of the same pages, none
    /// of which changed its front matter, listing the same of them, keeps the last build's:
    /// reading each member's path and date from its page, far in memory, was a third of the
    /// related lists' time after a tag edit. Its members are then in the same order, whatever
    /// moved elsewhere in the site's (an article given an address that sorts it elsewhere
    /// among those of its date).
    fn new(site: &'a Site, place: &[Option<u32>], same: Option<(&Last, &[bool])>) -> Self {
        let kept = |t: &Term, prints: fn(&Last) -> &FxHashMap<String, Print>| {
            let (last, changed) = same?;
            let print = prints(last).get(t.key.as_str())?;
            let same = print.pages == t.pages
                && t.pages.iter().all(|&j| !changed[j])
                && listed(t, place).eq(print.listed.iter().copied());
            same.then_some(print.hash)
        };
        let of = |terms: &'a [Term], prints: fn(&Last) -> &FxHashMap<String, Print>| {
            (terms.par_iter())
                .map(|t| {
                    if let Some(hash) = kept(t, prints) {
                        return (t.key.as_str(), hash);
                    }
                    let mut key = Key::new("related-term");
                    for j in listed(t, place) {
                        let p = &site.pages[j].page;
                        key.text(&p.path);
                        let date = p.meta.date.as_ref().map(|d| d.timestamp().as_nanosecond());
                        key.bytes(&date.unwrap_or_default().to_le_bytes());
                    }
                    (t.key.as_str(), key.finish())
                })
                .collect()
        };
        let (topics, tags) = rayon::join(
            || of(&site.topics, |last| &last.topics),
            || of(&site.tags, |last| &last.tags),
        );
        Fingerprints { topics, tags }
    }

    /// The key of the related list of the article at `path`, on those topics and tags.
    fn key(&self, path: &str, topics: &[&Term], tags: &[&Term]) -> crate::key::Hash {
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
