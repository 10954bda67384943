//! The topics', units' and tags' lists: each term with its articles, newest first.
//!
//! `serve` keeps the last build's lists ([`TermsMemo`]). A text edit leaves what they are made
//! from as it was, and they are taken whole. An edit of a few articles' front matter (their
//! tags, topics or unit) changes only the lists those articles leave or join: the others are
//! taken as they were and those few made again from their own members, rather than every
//! article's terms being read again (80 ms at 100,000 articles: each is read through its page,
//! far in memory). Either way the lists are those a clean build makes.

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

/// The `last` lists brought up to date, when the pages are the same files in the same places,
/// listed in the same order (the same articles, the same expired), the config's terms the
/// same, and at most [`MAX_PATCHED`] pages' front matter changed: each term such a page had
/// or has is made again from its members (the others' are as they were).
fn patched(
    last: &Last,
    config_key: crate::key::Hash,
    pages: &[Published],
    articles: &[usize],
) -> Option<Terms> {
    let same_order = last.articles == articles
        && (last.expired.iter().zip(pages)).all(|(&expired, p)| expired == p.expired);
    if last.config != config_key || !same_order {
        return None;
    }
    let fronts = super::front_changes(&last.pages, pages)?;
    let changed: Vec<usize> = (0..fronts.len()).filter(|&i| fronts[i]).collect();
    if changed.len() > MAX_PATCHED {
        return None;
    }
    let order = Order::new(pages, articles);
    let mut terms = last.terms.clone();
    for i in changed {
        let (old, now) = (&*last.pages[i], &*pages[i].page);
        if order.article[i] != u32::MAX {
            refile(
                &mut terms.topics,
                i,
                &old.meta.topics,
                &now.meta.topics,
                &order.article,
            );
            let units = (old.meta.unit.as_slice(), now.meta.unit.as_slice());
            refile(&mut terms.units, i, units.0, units.1, &order.article);
        }
        if order.tagged[i] != u32::MAX {
            retag(&mut terms.tags, i, (old, now), pages, &order.tagged);
        }
    }
    text::sort_vietnamese(&mut terms.tags, |t| t.name.as_str());
    Some(terms)
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
        let mut article = vec![u32::MAX; pages.len()];
        for (at, &i) in (0u32..).zip(articles) {
            article[i] = at;
        }
        let mut tagged = article.clone();
        let after = u32::try_from(articles.len()).unwrap_or(u32::MAX);
        for (at, i) in (after..).zip(standalone(pages)) {
            tagged[i] = at;
        }
        Order { article, tagged }
    }
}

/// Page `i` taken out of the config's terms it named (`old`) and put into those it names
/// (`now`), once each, at its place in `order`.
fn refile(terms: &mut [Term], i: usize, old: &[String], now: &[String], order: &[u32]) {
    for term in terms.iter_mut() {
        let named = |keys: &[String]| keys.contains(&term.key);
        if named(old) || named(now) {
            term.pages.retain(|&j| j != i);
            if named(now) {
                place(&mut term.pages, i, 1, order);
            }
        }
    }
}

/// Page `i` taken out of the tags it had (`old`) and put into those it has (`now`), as many
/// times as it writes each; a tag left with no page goes, a new one comes, and each tag
/// touched is spelled as its oldest page spells it, as [`group_tags`] does.
fn retag(
    tags: &mut Vec<Term>,
    i: usize,
    (old, now): (&Page, &Page),
    pages: &[Published],
    order: &[u32],
) {
    let mut touched: Vec<&str> = (old.tag_keys.iter())
        .chain(&now.tag_keys)
        .map(String::as_str)
        .collect();
    touched.retain(|k| !k.is_empty());
    touched.sort_unstable();
    touched.dedup();
    for key in touched {
        let at = tags.iter().position(|t| t.key == key);
        let mut members = at.map_or_else(Vec::new, |at| std::mem::take(&mut tags[at].pages));
        members.retain(|&j| j != i);
        let times = now.tag_keys.iter().filter(|k| *k == key).count();
        place(&mut members, i, times, order);
        // The oldest page that now spells it: another edited page may still be among the
        // members, not yet taken out (its new front matter no longer has the tag).
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
