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
//! reads: then one key of the whole site's ranking inputs, cheap to make, finds every list
//! unchanged at once (the articles' own keys cost a fifth of a rebuild at 100,000 articles).

use std::cmp::Reverse;

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::{Site, Term};
use crate::key::Key;
use crate::model::PageKind;

/// How many related articles a page shows at most.
pub const RELATED: usize = 5;

/// Related lists kept between builds.
#[derive(Debug, Default)]
pub struct RelatedMemo {
    /// Article path → (key, the related articles' paths).
    articles: FxHashMap<String, (blake3::Hash, Vec<String>)>,
    /// The key of everything ranking read in the last build ([`whole_key`]), and every
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
    let ranks = Ranks::new(site);
    let topic_place: FxHashMap<&str, u32> = (site.topics.iter().zip(0..))
        .map(|(t, place)| (t.key.as_str(), place))
        .collect();
    if !keep {
        *memo = RelatedMemo::default();
        return Arc::new(rank_all(site, &ranks, &topic_place));
    }
    let whole = whole_key(site, &ranks, &topic_place);
    if let Some((_, lists)) = memo.whole.as_ref().filter(|(k, _)| *k == whole) {
        return lists.clone();
    }
    let lists = Arc::new(each_list(site, &ranks, &topic_place, &mut memo.articles));
    memo.whole = Some((whole, lists.clone()));
    lists
}

/// Every page's list, each ranked (a build no other follows keeps none).
fn rank_all(site: &Site, ranks: &Ranks, topic_place: &FxHashMap<&str, u32>) -> Vec<Vec<usize>> {
    let tags = by_key(&site.tags);
    (0..site.pages.len())
        .into_par_iter()
        .map_init(
            || vec![0u32; site.pages.len()],
            |scores, i| match site.pages[i].page.kind {
                PageKind::Article => {
                    let (topics, tags) = ranked_on(site, i, topic_place, &tags);
                    ranks.best(i, &topics, &tags, scores)
                }
                _ => Vec::new(),
            },
        )
        .collect()
}

/// The key of everything the lists are ranked from, made in one pass over the pages: for
/// each page, whether it is an article, its place in the site's order, the topics it is
/// listed under and those it names, and its tags. Equal keys rank every list alike, page
/// indexes included.
fn whole_key(site: &Site, ranks: &Ranks, topic_place: &FxHashMap<&str, u32>) -> blake3::Hash {
    let mut key = Key::new("related-site");
    key.number(site.pages.len() as u64);
    for (i, p) in site.pages.iter().enumerate() {
        let place = ranks.place[i].map_or(0, |n| u64::from(n) + 1);
        key.number(place)
            .number(u64::from(p.page.kind == PageKind::Article));
        key.number(ranks.topics_of[i].len() as u64);
        for &t in &ranks.topics_of[i] {
            key.number(u64::from(t));
        }
        // As named, in order (no list made for each of the site's pages).
        let named = || (p.page.meta.topics.iter()).filter_map(|k| topic_place.get(k.as_str()));
        key.number(named().count() as u64);
        for &t in named() {
            key.number(u64::from(t));
        }
        key.number(p.page.tag_keys.len() as u64);
        for tag in &p.page.tag_keys {
            key.text(tag);
        }
    }
    key.finish()
}

/// Each page's list, each article's taken from `memo` where its own key is unchanged; the
/// memo then holds this site's.
fn each_list(
    site: &Site,
    ranks: &Ranks,
    topic_place: &FxHashMap<&str, u32>,
    memo: &mut FxHashMap<String, (blake3::Hash, Vec<String>)>,
) -> Vec<Vec<usize>> {
    let index_of: FxHashMap<&str, usize> = (site.pages.iter().enumerate())
        .map(|(i, p)| (p.page.path.as_str(), i))
        .collect();
    let topics = by_key(&site.topics);
    let tags = by_key(&site.tags);
    let fingerprints = Fingerprints::new(site, ranks);
    let lists: Vec<(Vec<usize>, Option<blake3::Hash>, bool)> = (0..site.pages.len())
        .into_par_iter()
        .map_init(
            || vec![0u32; site.pages.len()],
            |scores, i| {
                let p = &site.pages[i];
                if p.page.kind != PageKind::Article {
                    return (Vec::new(), None, false);
                }
                let topics: Vec<&Term> = (p.page.meta.topics.iter())
                    .filter_map(|k| topics.get(k.as_str()).copied())
                    .collect();
                let (topic_places, tags) = ranked_on(site, i, topic_place, &tags);
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
                let found = ranks.best(i, &topic_places, &tags, scores);
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

/// What page `i`'s list is ranked on: the places of the topics it names (sorted, once each)
/// and its tags' lists.
fn ranked_on<'s>(
    site: &'s Site,
    i: usize,
    topic_place: &FxHashMap<&str, u32>,
    tags: &FxHashMap<&str, &'s Term>,
) -> (Vec<u32>, Vec<&'s Term>) {
    let page = &site.pages[i].page;
    let mut places: Vec<u32> = (page.meta.topics.iter())
        .filter_map(|k| topic_place.get(k.as_str()).copied())
        .collect();
    places.sort_unstable();
    places.dedup();
    let tags = (page.tag_keys.iter())
        .filter_map(|k| tags.get(k.as_str()).copied())
        .collect();
    (places, tags)
}

fn by_key(terms: &[Term]) -> FxHashMap<&str, &Term> {
    terms.iter().map(|t| (t.key.as_str(), t)).collect()
}

/// Where a candidate stands: most topics shared, then most tags, then newest.
type Order = (Reverse<u32>, Reverse<u32>, Option<u32>);

/// Which pages may be offered, in which order among equals, and what topics they have.
struct Ranks {
    /// Each listed article's place in the site's newest-first order (date, then path);
    /// `None` for the other pages.
    place: Vec<Option<u32>>,
    /// Each page's topics as the topic lists list it: their places in `site.topics`, sorted.
    topics_of: Vec<Vec<u32>>,
    /// The listed articles grouped by their topics (the places, sorted), each group newest
    /// first. Most articles share no tag with a given one: among those, all of a group share
    /// as many topics with it, so only a group's newest few can be among the best.
    groups: Vec<(Vec<u32>, Vec<usize>)>,
}

impl Ranks {
    fn new(site: &Site) -> Ranks {
        let mut place = vec![None; site.pages.len()];
        for (at, &i) in site.articles.iter().enumerate() {
            place[i] = u32::try_from(at).ok();
        }
        Ranks::from_lists(place, &site.topics, &site.articles)
    }

    /// From each page's place, the topic lists, and the listed articles newest first.
    fn from_lists(place: Vec<Option<u32>>, topics: &[Term], newest_first: &[usize]) -> Ranks {
        let mut topics_of = vec![Vec::new(); place.len()];
        for (topic, t) in (0u32..).zip(topics) {
            for &j in &t.pages {
                topics_of[j].push(topic);
            }
        }
        let mut groups: FxHashMap<&[u32], Vec<usize>> = FxHashMap::default();
        for &j in newest_first {
            if !topics_of[j].is_empty() {
                groups.entry(topics_of[j].as_slice()).or_default().push(j);
            }
        }
        let mut groups: Vec<(Vec<u32>, Vec<usize>)> =
            (groups.into_iter()).map(|(k, v)| (k.to_vec(), v)).collect();
        groups.sort_unstable();
        Ranks {
            place,
            topics_of,
            groups,
        }
    }

    /// The related articles of page `i`, which has the topics at `topics` (sorted places)
    /// and the tag lists `tags`. Those sharing a tag are all counted; the others are taken
    /// from the groups, newest first, while they can still make the list. `tag_counts` is
    /// all zero on entry and left so.
    fn best(&self, i: usize, topics: &[u32], tags: &[&Term], tag_counts: &mut [u32]) -> Vec<usize> {
        let mut touched = Vec::new();
        for &j in tags.iter().flat_map(|t| &t.pages) {
            if j == i || self.place[j].is_none() {
                continue;
            }
            if tag_counts[j] == 0 {
                touched.push(j);
            }
            tag_counts[j] = tag_counts[j].saturating_add(1);
        }
        let mut best = Best::default();
        for &j in &touched {
            let shared = shared(&self.topics_of[j], topics);
            best.offer(((Reverse(shared), Reverse(tag_counts[j]), self.place[j]), j));
        }
        for (group, members) in &self.groups {
            let shared = shared(group, topics);
            if shared == 0 {
                continue;
            }
            for &j in members {
                if j == i || tag_counts[j] > 0 {
                    continue;
                }
                // The group's next ones are older with the same score: worse still.
                if !best.offer(((Reverse(shared), Reverse(0), self.place[j]), j)) {
                    break;
                }
            }
        }
        for j in touched {
            tag_counts[j] = 0;
        }
        best.0.iter().map(|&(_, j)| j).collect()
    }
}

/// How many places two sorted lists of topics have in common.
fn shared(a: &[u32], b: &[u32]) -> u32 {
    a.iter().filter(|t| b.binary_search(t).is_ok()).count() as u32
}

/// The best [`RELATED`] candidates so far, in order.
#[derive(Default)]
struct Best(Vec<(Order, usize)>);

impl Best {
    /// Keeps the candidate if it is among the best so far; says whether it was.
    fn offer(&mut self, candidate: (Order, usize)) -> bool {
        if self.0.len() == RELATED && self.0.last().is_some_and(|last| candidate >= *last) {
            return false;
        }
        if self.0.capacity() == 0 {
            self.0.reserve_exact(RELATED + 1);
        }
        let place = self.0.partition_point(|b| *b < candidate);
        self.0.insert(place, candidate);
        self.0.truncate(RELATED);
        true
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn term(key: &str, pages: &[usize]) -> Term {
        Term {
            key: key.into(),
            name: key.into(),
            description: String::new(),
            pages: pages.to_vec(),
        }
    }

    /// Pages 0..n, each listed at its own index (0 newest); `unlisted` are not candidates.
    fn ranks(n: usize, unlisted: &[usize], topics: &[&Term]) -> Ranks {
        let place = (0..n)
            .map(|i| (!unlisted.contains(&i)).then_some(i as u32))
            .collect();
        let topics: Vec<Term> = topics.iter().map(|&t| t.clone()).collect();
        let listed: Vec<usize> = (0..n).filter(|i| !unlisted.contains(i)).collect();
        Ranks::from_lists(place, &topics, &listed)
    }

    #[test]
    fn shared_topics_come_before_shared_tags_and_recency_breaks_ties() {
        // Page 0 has topics a and b, tag x. Page 5 shares both topics, 3 shares a and the
        // tag, 1 and 2 share only a (1 newer), 4 shares only the tag.
        let a = term("a", &[0, 1, 2, 3, 5]);
        let b = term("b", &[0, 5]);
        let x = term("x", &[0, 3, 4]);
        let mut counts = vec![0; 6];
        let found = ranks(6, &[], &[&a, &b]).best(0, &[0, 1], &[&x], &mut counts);
        assert_eq!(found, [5, 3, 1, 2, 4]);
        assert!(counts.iter().all(|&c| c == 0));
    }

    #[test]
    fn at_most_five_are_offered_and_only_listed_articles() {
        let a = term("a", &(0..12).collect::<Vec<_>>());
        let mut counts = vec![0; 12];
        let found = ranks(12, &[2, 4], &[&a]).best(3, &[0], &[], &mut counts);
        assert_eq!(found, [0, 1, 5, 6, 7]);
        // Every article keeps its list for the whole build: no room for all the candidates.
        assert!(found.capacity() <= RELATED, "{}", found.capacity());
        assert!(counts.iter().all(|&c| c == 0));
    }

    #[test]
    fn the_five_found_are_the_first_five_of_the_whole_ranking() {
        // 300 pages in four topics and three tags, each page in some of them; page 7 unlisted.
        let n = 300;
        let member = |i: usize, k: usize| (i * 7 + k * 13).is_multiple_of(k + 2);
        let terms: Vec<Term> = (0..7)
            .map(|k| {
                term(
                    &k.to_string(),
                    &(0..n).filter(|&i| member(i, k)).collect::<Vec<_>>(),
                )
            })
            .collect();
        let topic_terms: Vec<&Term> = terms[..4].iter().collect();
        let ranks = ranks(n, &[7], &topic_terms);
        let mut counts = vec![0; n];
        for i in 0..n {
            let topics: Vec<&Term> = terms[..4].iter().filter(|t| t.pages.contains(&i)).collect();
            let places: Vec<u32> = (0..4u32)
                .filter(|&k| terms[k as usize].pages.contains(&i))
                .collect();
            let tags: Vec<&Term> = terms[4..].iter().filter(|t| t.pages.contains(&i)).collect();
            let shared =
                |ts: &[&Term], j: usize| ts.iter().filter(|t| t.pages.contains(&j)).count();
            let mut all: Vec<(Order, usize)> = (0..n)
                .filter(|&j| j != i && j != 7)
                .map(|j| (shared(&topics, j) as u32, shared(&tags, j) as u32, j))
                .filter(|&(t, g, _)| t + g > 0)
                .map(|(t, g, j)| ((Reverse(t), Reverse(g), Some(j as u32)), j))
                .collect();
            all.sort_unstable();
            let expected: Vec<usize> = all.iter().take(RELATED).map(|&(_, j)| j).collect();
            assert_eq!(
                ranks.best(i, &places, &tags, &mut counts),
                expected,
                "page {i}"
            );
        }
    }

    #[test]
    fn an_article_sharing_nothing_has_no_related_articles() {
        let mut counts = vec![0; 3];
        assert!(ranks(3, &[], &[]).best(1, &[], &[], &mut counts).is_empty());
    }
}
