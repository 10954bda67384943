//! Related articles: on each article's page, up to [`RELATED`] other articles that share the
//! most of its topics, then the most of its tags, the newest first among equals (then by
//! path, as the lists order them), so the same site always gives the same lists. An article
//! that shares nothing with it is not related to it.
//!
//! Only what readers can find elsewhere is offered: the listed articles (not the expired
//! ones, not standalone pages).
//!
//! `serve` keeps the last build's lists ([`RelatedMemo`]). Editing an article's text changes
//! nothing ranking reads: then the key of what the site's lists are made from
//! (`Site::terms_key`, read from the pages' array) finds every list unchanged at once. An
//! edit of a few articles (published, unpublished, added, deleted, given other topics, tags,
//! a date or an address) brings the last lists up to date, ranking again only those that can
//! change ([`patch`]); past that, every list is ranked anew.

mod patch;
mod rank;

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::{Site, Term};
use crate::key::Key;
use crate::model::{Page, PageKind};
use rank::{places_in, Ranks};

/// How many related articles a page shows at most.
pub const RELATED: usize = 5;

/// Related lists kept between builds.
#[derive(Debug, Default)]
pub struct RelatedMemo {
    last: Option<Last>,
    /// How the last lists were had, for tests to tell.
    #[cfg(test)]
    pub(crate) how: Option<How>,
}

/// The last build's ranking: what it read, and what it gave.
#[derive(Debug)]
struct Last {
    /// The key of everything ranking read (from `Site::terms_key`).
    whole: crate::key::Hash,
    /// Every page's list, by page index.
    lists: Lists,
    /// Every page, by page index: the lists name pages by index.
    pages: Vec<Arc<Page>>,
    /// The listed articles, newest first.
    articles: Vec<usize>,
    /// The site's topics' keys, in their order.
    topics: Vec<String>,
    /// What the last article of each full list shares with the page, by page index.
    worst: Vec<Shares>,
}

/// How many topics and tags an article shares with another.
type Shares = (u32, u32);

/// How [`related`] had the lists: kept whole, brought up to date, or ranked anew.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum How {
    Kept,
    Patched,
    Ranked,
}

impl RelatedMemo {
    pub fn len(&self) -> usize {
        usize::from(self.last.is_some())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[cfg(test)]
    fn tell(&mut self, how: How) {
        self.how = Some(how);
    }

    #[cfg(not(test))]
    fn tell(&mut self, _how: How) {}
}

/// Each page's related articles, by page index.
pub type Lists = Arc<Vec<List>>;

/// One page's related articles, best first, held in place (a site has as many lists as
/// pages: bringing them up to date allocates none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct List {
    len: u8,
    pages: [usize; RELATED],
}

impl List {
    /// The first [`RELATED`] of `pages`.
    fn of(pages: impl IntoIterator<Item = usize>) -> List {
        let mut list = List::default();
        for (slot, page) in list.pages.iter_mut().zip(pages) {
            *slot = page;
            list.len += 1;
        }
        list
    }
}

impl std::ops::Deref for List {
    type Target = [usize];

    fn deref(&self) -> &[usize] {
        &self.pages[..usize::from(self.len)]
    }
}

/// Every page's list, with what the last of each shares with the page.
struct Ranked {
    lists: Vec<List>,
    worst: Vec<Shares>,
}

/// Each page's related articles (empty for standalone pages), by page index. With `keep`
/// (a build others follow), the lists are kept in `memo` for the next build, and brought up
/// to date from it.
pub fn related(site: &Site, memo: &mut RelatedMemo, keep: bool) -> Lists {
    if !keep {
        *memo = RelatedMemo::default();
        return Arc::new(rank_all(site).lists);
    }
    // Ranking reads what the topics' and tags' lists are made from, and nothing else: a
    // text edit builds no ranking structures.
    let whole = Key::new("related-site").hash(&site.terms_key).finish();
    if let Some(last) = memo.last.as_ref().filter(|last| last.whole == whole) {
        let lists = last.lists.clone();
        memo.tell(How::Kept);
        return lists;
    }
    let patched = (memo.last.as_ref()).and_then(|last| patch::patched(site, last));
    memo.tell(match patched {
        Some(_) => How::Patched,
        None => How::Ranked,
    });
    let Ranked { lists, worst } = patched.unwrap_or_else(|| rank_all(site));
    let lists = Arc::new(lists);
    let last = Last {
        whole,
        lists: lists.clone(),
        worst,
        pages: site.pages.iter().map(|p| p.page.clone()).collect(),
        articles: site.articles.clone(),
        topics: site.topics.iter().map(|t| t.key.clone()).collect(),
    };
    crate::memo::drop_later(memo.last.replace(last));
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

/// Every page's list, each ranked.
fn rank_all(site: &Site) -> Ranked {
    let place = places(site);
    let topics_of = places_in(&site.topics, site.pages.len());
    let (topic_place, tag_place) = (by_place(&site.topics), by_place(&site.tags));
    let ranks = Ranks::from_lists(place, topics_of, &site.tags, &site.articles);
    let (lists, worst) = (0..site.pages.len())
        .into_par_iter()
        .map_init(
            || vec![0u32; site.pages.len()],
            |counts, i| match site.pages[i].page.kind {
                PageKind::Article => {
                    let (topics, tags) = ranked_on(site, i, &topic_place, &tag_place);
                    let list = ranks.best(i, &topics, &tags, counts);
                    let worst = list.last().map(|&j| ranks.shares(j, &topics, &tags));
                    (List::of(list), worst.unwrap_or_default())
                }
                _ => (List::default(), (0, 0)),
            },
        )
        .unzip();
    Ranked { lists, worst }
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

/// Each term's place in `terms`, by its key.
fn by_place(terms: &[Term]) -> FxHashMap<&str, u32> {
    (terms.iter().zip(0..))
        .map(|(t, place)| (t.key.as_str(), place))
        .collect()
}
