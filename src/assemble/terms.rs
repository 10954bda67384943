//! The topics', units' and tags' lists: each term with its articles, newest first.
//!
//! `serve` keeps the last build's lists ([`TermsMemo`]). A text edit leaves what they are made
//! from as it was, and they are taken whole. When a few pages came, went or changed their front
//! matter (an article published, unpublished, added, deleted, given other tags, topics, unit or
//! date), the other pages keep their order, so every list keeps its other members: they are
//! taken as they were, in this build's page indexes, and those few pages put where they now
//! belong, rather than every article's terms being read again (80 ms at 100,000 articles: each
//! is read through its page, far in memory; 7 ms of unpublishing an article at 10,000). Either
//! way the lists are those a clean build makes.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::{Published, Term};
use crate::config::Config;
use crate::key::Key;
use crate::model::{Page, PageKind};
use crate::text;

/// Past this many pages whose front matter changed, the lists are made anew.
const MAX_PATCHED: usize = 32;

/// The site's topics, units and tags, each with its articles.
#[derive(Debug, Clone, Default)]
pub(super) struct Terms {
    pub topics: Vec<Term>,
    pub units: Vec<Term>,
    pub tags: Vec<Term>,
}

/// The terms of the last build and what they were made from.
#[derive(Debug, Default)]
pub struct TermsMemo {
    last: Option<Last>,
    /// How the last lists were had, for tests to tell.
    #[cfg(test)]
    pub(crate) how: Option<How>,
}

#[derive(Debug)]
struct Last {
    /// [`terms_key`] of what they were made from.
    key: crate::key::Hash,
    terms: Terms,
    /// The config's topics and units ([`config_key`]).
    config: crate::key::Hash,
    /// Every page by index, and whether it had expired.
    pages: Vec<Arc<Page>>,
    expired: Vec<bool>,
    articles: Vec<usize>,
}

/// How [`terms_kept`] had the lists: kept whole, brought up to date, or made anew.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum How {
    Kept,
    Patched,
    Made,
}

/// The topics', units' and tags' lists and their key, from `memo` when it holds them (or
/// lists it can bring up to date), then kept there.
pub(super) fn terms_kept(
    config: &Config,
    pages: &[Published],
    articles: &[usize],
    memo: Option<&mut TermsMemo>,
) -> (crate::key::Hash, Terms) {
    let key = terms_key(config, pages, articles);
    let Some(memo) = memo else {
        return (key, terms(config, pages, articles));
    };
    let config_key = config_key(config);
    let (terms, how) = match memo.last.as_ref() {
        Some(last) if last.key == key => (last.terms.clone(), How::Kept),
        Some(last) => match patched(last, config_key, pages, articles) {
            Some(terms) => (terms, How::Patched),
            None => (terms(config, pages, articles), How::Made),
        },
        None => (terms(config, pages, articles), How::Made),
    };
    #[cfg(test)]
    {
        memo.how = Some(how);
    }
    // Kept whole, the last lists still say what they were made from: the pages' front matter
    // (a text edit gives a page anew, with the same `front_key`).
    if how == How::Kept {
        return (key, terms);
    }
    let last = Last {
        key,
        terms: terms.clone(),
        config: config_key,
        pages: pages.iter().map(|p| p.page.clone()).collect(),
        expired: pages.iter().map(|p| p.expired).collect(),
        articles: articles.to_vec(),
    };
    crate::memo::drop_later(memo.last.replace(last));
    (key, terms)
}

/// The key of everything the terms and the related lists are made from: the config's topics
/// and units, each page's front matter and place (its `front_key`) and whether it expired,
/// and the articles' order. Read from the pages' array alone.
pub(super) fn terms_key(
    config: &Config,
    pages: &[Published],
    articles: &[usize],
) -> crate::key::Hash {
    let mut key = Key::new("terms");
    config_terms(&mut key, config);
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

/// The key of the config's topics and units.
fn config_key(config: &Config) -> crate::key::Hash {
    let mut key = Key::new("config-terms");
    config_terms(&mut key, config);
    key.finish()
}

fn config_terms(key: &mut Key, config: &Config) {
    for terms in [&config.topics, &config.units] {
        key.number(terms.len() as u64);
        for t in terms {
            key.text(&t.key).text(&t.name).text(&t.description);
        }
    }
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

/// Tags are free text: they are grouped by slug, keeping the spelling of the oldest article
/// that used the tag, so a new article cannot rename an established tag. Standalone pages
/// with tags are listed after the articles (expired ones are not listed). A page that writes
/// one tag twice (two spellings of one slug) is listed twice.
fn group_tags(pages: &[Published], articles: &[usize]) -> Vec<Term> {
    let mut by_slug: FxHashMap<&str, Term> = FxHashMap::default();
    let newest_first: Vec<usize> = articles.iter().copied().chain(standalone(pages)).collect();
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
    // Two tags never have one name (a spelling gives the slug), so this order is total.
    text::sort_vietnamese(&mut tags, |t| t.name.as_str());
    tags
}

/// The standalone pages a tag lists, after the articles: those not expired, in page order.
fn standalone(pages: &[Published]) -> impl Iterator<Item = usize> + '_ {
    (0..pages.len()).filter(|&i| pages[i].page.kind == PageKind::Standalone && !pages[i].expired)
}

/// The `last` lists brought up to date, when the config's terms are the same, at most
/// [`MAX_PATCHED`] pages came, went or changed (their front matter, whether they expired or
/// are listed), and the others are listed in the same order as they were: every list keeps
/// its other members, in this build's page indexes, and each page that came or changed is put
/// where it now belongs. The tags such pages had or have are spelled again by their oldest
/// member, as [`group_tags`] spells them.
fn patched(
    last: &Last,
    config_key: crate::key::Hash,
    pages: &[Published],
    articles: &[usize],
) -> Option<Terms> {
    if last.config != config_key {
        return None;
    }
    let order = Order::new(pages, articles);
    let moves = Moves::new(last, pages, &order)?;
    let mut terms = last.terms.clone();
    for term in (terms.topics.iter_mut())
        .chain(&mut terms.units)
        .chain(&mut terms.tags)
    {
        (term.pages).retain_mut(|j| moves.new_of[*j].map(|i| *j = i).is_some());
    }
    for &i in &moves.came {
        if order.article[i] != u32::MAX {
            let page = &pages[i].page;
            refile(&mut terms.topics, i, &page.meta.topics, &order.article);
            refile(
                &mut terms.units,
                i,
                page.meta.unit.as_slice(),
                &order.article,
            );
        }
    }
    let mut touched: Vec<&str> = (moves.gone.iter())
        .flat_map(|&o| &last.pages[o].tag_keys)
        .chain(moves.came.iter().flat_map(|&i| &pages[i].page.tag_keys))
        .map(String::as_str)
        .filter(|k| !k.is_empty())
        .collect();
    touched.sort_unstable();
    touched.dedup();
    for key in touched {
        retag(&mut terms.tags, key, &moves.came, pages, &order.tagged);
    }
    text::sort_vietnamese(&mut terms.tags, |t| t.name.as_str());
    Some(terms)
}

/// How this build's pages stand to the last build's (see [`patched`]).
struct Moves {
    /// Each of the last build's pages' index now, when it is there unchanged.
    new_of: Vec<Option<usize>>,
    /// The pages that came or changed, by index now.
    came: Vec<usize>,
    /// The last build's pages that went or changed, by index then.
    gone: Vec<usize>,
}

impl Moves {
    /// `None` when too many pages came or went, or the others are not in the same order.
    fn new(last: &Last, pages: &[Published], order: &Order) -> Option<Moves> {
        let was = Order::of(&last.pages, &last.expired, &last.articles);
        let old_of = super::align::align(&last.pages, pages);
        let mut new_of = vec![None; last.pages.len()];
        let mut came = Vec::new();
        for (i, &old) in old_of.iter().enumerate() {
            let same = |o: usize| {
                let (then, now) = (&last.pages[o], &pages[i]);
                (Arc::ptr_eq(then, &now.page) || then.front_key == now.front)
                    && last.expired[o] == now.expired
                    && (was.article[o] == u32::MAX) == (order.article[i] == u32::MAX)
                    && (was.tagged[o] == u32::MAX) == (order.tagged[i] == u32::MAX)
            };
            match old.filter(|&o| same(o)) {
                Some(o) => new_of[o] = Some(i),
                None => came.push(i),
            }
        }
        let gone: Vec<usize> = (0..new_of.len()).filter(|&o| new_of[o].is_none()).collect();
        if came.len() + gone.len() > MAX_PATCHED {
            return None;
        }
        // The pages that stayed are listed in the same order: each after the one before.
        let mut before = None;
        for o in (was.listed()).filter(|&o| new_of[o].is_some()) {
            let now = new_of[o].map(|i| order.tagged[i]);
            if now <= before {
                return None;
            }
            before = now;
        }
        Some(Moves { new_of, came, gone })
    }
}

/// Each page's place in the lists' orders; `u32::MAX` for a page a list never has.
struct Order {
    /// In `articles`: the topics' and units' lists.
    article: Vec<u32>,
    /// In the articles, then the standalone pages: the tags' lists.
    tagged: Vec<u32>,
}

impl Order {
    fn new(pages: &[Published], articles: &[usize]) -> Order {
        let pages: Vec<(&Page, bool)> = pages.iter().map(|p| (&*p.page, p.expired)).collect();
        Order::of_pages(&pages, articles)
    }

    /// [`Order::new`] of the last build's pages, with whether each had expired.
    fn of(pages: &[Arc<Page>], expired: &[bool], articles: &[usize]) -> Order {
        let pages: Vec<(&Page, bool)> = pages
            .iter()
            .map(|p| &**p)
            .zip(expired.iter().copied())
            .collect();
        Order::of_pages(&pages, articles)
    }

    fn of_pages(pages: &[(&Page, bool)], articles: &[usize]) -> Order {
        let mut article = vec![u32::MAX; pages.len()];
        for (at, &i) in (0u32..).zip(articles) {
            article[i] = at;
        }
        let mut tagged = article.clone();
        let after = u32::try_from(articles.len()).unwrap_or(u32::MAX);
        let standalone =
            (0..pages.len()).filter(|&i| pages[i].0.kind == PageKind::Standalone && !pages[i].1);
        for (at, i) in (after..).zip(standalone) {
            tagged[i] = at;
        }
        Order { article, tagged }
    }

    /// The pages the tags list, in the tags' order.
    fn listed(&self) -> impl Iterator<Item = usize> + '_ {
        let mut listed: Vec<usize> = (0..self.tagged.len())
            .filter(|&i| self.tagged[i] != u32::MAX)
            .collect();
        listed.sort_unstable_by_key(|&i| self.tagged[i]);
        listed.into_iter()
    }
}

/// Page `i` (taken out of every list) put into the config's terms it names (`now`), once
/// each, at its place in `order`.
fn refile(terms: &mut [Term], i: usize, now: &[String], order: &[u32]) {
    for term in terms.iter_mut().filter(|term| now.contains(&term.key)) {
        place(&mut term.pages, i, 1, order);
    }
}

/// The tag whose slug is `key` with each page of `came` (taken out of every list) put in as
/// many times as it writes the tag; spelled as its oldest page spells it, as [`group_tags`]
/// does; gone if no page has it any more, new if it had none.
fn retag(tags: &mut Vec<Term>, key: &str, came: &[usize], pages: &[Published], order: &[u32]) {
    let at = tags.iter().position(|t| t.key == key);
    let mut members = at.map_or_else(Vec::new, |at| std::mem::take(&mut tags[at].pages));
    for &i in came.iter().filter(|&&i| order[i] != u32::MAX) {
        let times = (pages[i].page.tag_keys.iter())
            .filter(|k| *k == key)
            .count();
        place(&mut members, i, times, order);
    }
    let name = (members.iter().rev()).find_map(|&j| spelling(&pages[j].page, key));
    match (at, name) {
        (Some(at), Some(name)) => {
            tags[at].pages = members;
            tags[at].name = name;
        }
        (Some(at), None) => {
            tags.remove(at);
        }
        (None, Some(name)) => tags.push(Term {
            key: key.to_string(),
            name,
            description: String::new(),
            pages: members,
        }),
        (None, None) => {}
    }
}

/// How `page` spells the tag whose slug is `key`: its first spelling of it.
fn spelling(page: &Page, key: &str) -> Option<String> {
    (page.meta.tags.iter().zip(&page.tag_keys))
        .find(|(_, k)| *k == key)
        .map(|(tag, _)| tag.clone())
}

/// Puts page `i` into `members` (in `order`) `times` times, at its place.
fn place(members: &mut Vec<usize>, i: usize, times: usize, order: &[u32]) {
    if times == 0 {
        return;
    }
    let at = members.partition_point(|&j| order[j] < order[i]);
    members.splice(at..at, std::iter::repeat_n(i, times));
}
