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
//! order with their dates. Editing an article's text changes no such key; editing its topics,
//! tags or date recomputes only the articles sharing a topic or tag with it.

use std::cmp::Reverse;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::{Site, Term};
use crate::key::Key;
use crate::model::PageKind;

/// How many related articles a page shows at most.
pub const RELATED: usize = 5;

/// Related lists kept between builds: article path → (key, the related articles' paths).
pub type RelatedMemo = FxHashMap<String, (blake3::Hash, Vec<String>)>;

/// Each page's related articles (empty for standalone pages), by page index. With `keep`
/// (a build others follow), the lists are kept in `memo` for the next build, and taken from
/// it where their key is unchanged.
pub fn related(site: &Site, memo: &mut RelatedMemo, keep: bool) -> Vec<Vec<usize>> {
    let ranks = Ranks::new(site);
    let index_of: FxHashMap<&str, usize> = (site.pages.iter().enumerate())
        .map(|(i, p)| (p.page.path.as_str(), i))
        .collect();
    let topics = by_key(&site.topics);
    let tags = by_key(&site.tags);
    let fingerprints = Fingerprints::new(site, &ranks);
    let lists: Vec<(Vec<usize>, Option<blake3::Hash>, bool)> = (0..site.pages.len())
        .into_par_iter()
        .map_init(
            || vec![Score::default(); site.pages.len()],
            |scores, i| {
                let p = &site.pages[i];
                if p.page.kind != PageKind::Article {
                    return (Vec::new(), None, false);
                }
                let topics: Vec<&Term> = (p.page.meta.topics.iter())
                    .filter_map(|k| topics.get(k.as_str()).copied())
                    .collect();
                let tags: Vec<&Term> = (p.page.tag_keys.iter())
                    .filter_map(|k| tags.get(k.as_str()).copied())
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
                let found = ranks.best(i, &topics, &tags, scores);
                (found, Some(key), true)
            },
        )
        .collect();
    if !keep {
        memo.clear();
        return lists.into_iter().map(|(found, _, _)| found).collect();
    }
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

fn by_key(terms: &[Term]) -> FxHashMap<&str, &Term> {
    terms.iter().map(|t| (t.key.as_str(), t)).collect()
}

/// Where a candidate stands: most topics shared, then most tags, then newest.
type Order = (Reverse<u32>, Reverse<u32>, Option<u32>);

/// How much a candidate shares with the article: topics, then tags.
#[derive(Debug, Clone, Copy, Default)]
struct Score {
    topics: u32,
    tags: u32,
}

/// Which pages may be offered, and in which order among equals: each listed article's place
/// in the site's newest-first order (date, then path); `None` for the others.
struct Ranks(Vec<Option<u32>>);

impl Ranks {
    fn new(site: &Site) -> Ranks {
        let mut ranks = vec![None; site.pages.len()];
        for (place, &i) in site.articles.iter().enumerate() {
            ranks[i] = u32::try_from(place).ok();
        }
        Ranks(ranks)
    }

    /// The related articles of page `i`, from the lists of its topics and its tags.
    /// `scores` is all zero on entry and left so.
    fn best(&self, i: usize, topics: &[&Term], tags: &[&Term], scores: &mut [Score]) -> Vec<usize> {
        let mut touched = Vec::new();
        let mut count = |lists: &[&Term], add: fn(&mut Score)| {
            for &j in lists.iter().flat_map(|t| &t.pages) {
                if j == i || self.0[j].is_none() {
                    continue;
                }
                if scores[j].topics == 0 && scores[j].tags == 0 {
                    touched.push(j);
                }
                add(&mut scores[j]);
            }
        };
        count(topics, |s| s.topics = s.topics.saturating_add(1));
        count(tags, |s| s.tags = s.tags.saturating_add(1));
        // Read once and zeroed for the next article; the best few kept in order as they come
        // (most candidates are worse than the fifth and cost one comparison).
        let mut best: Vec<(Order, usize)> = Vec::with_capacity(RELATED + 1);
        for j in touched {
            let s = std::mem::take(&mut scores[j]);
            let candidate = ((Reverse(s.topics), Reverse(s.tags), self.0[j]), j);
            if best.len() == RELATED && best.last().is_some_and(|last| candidate >= *last) {
                continue;
            }
            let place = best.partition_point(|b| *b < candidate);
            best.insert(place, candidate);
            best.truncate(RELATED);
        }
        best.iter().map(|&(_, j)| j).collect()
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
                    for &j in t.pages.iter().filter(|&&j| ranks.0[j].is_some()) {
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
    fn ranks(n: usize, unlisted: &[usize]) -> Ranks {
        Ranks(
            (0..n)
                .map(|i| (!unlisted.contains(&i)).then_some(i as u32))
                .collect(),
        )
    }

    #[test]
    fn shared_topics_come_before_shared_tags_and_recency_breaks_ties() {
        // Page 0 has topics a and b, tag x. Page 5 shares both topics, 3 shares a and the
        // tag, 1 and 2 share only a (1 newer), 4 shares only the tag.
        let a = term("a", &[0, 1, 2, 3, 5]);
        let b = term("b", &[0, 5]);
        let x = term("x", &[0, 3, 4]);
        let mut scores = vec![Score::default(); 6];
        let found = ranks(6, &[]).best(0, &[&a, &b], &[&x], &mut scores);
        assert_eq!(found, [5, 3, 1, 2, 4]);
        assert!(scores.iter().all(|s| s.topics == 0 && s.tags == 0));
    }

    #[test]
    fn at_most_five_are_offered_and_only_listed_articles() {
        let a = term("a", &(0..12).collect::<Vec<_>>());
        let mut scores = vec![Score::default(); 12];
        let found = ranks(12, &[2, 4]).best(3, &[&a], &[], &mut scores);
        assert_eq!(found, [0, 1, 5, 6, 7]);
        // Every article keeps its list for the whole build: no room for all the candidates.
        assert!(found.capacity() <= RELATED, "{}", found.capacity());
        assert!(scores.iter().all(|s| s.topics == 0 && s.tags == 0));
    }

    #[test]
    fn the_five_kept_as_they_come_are_the_first_five_of_the_whole_ranking() {
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
        let ranks = ranks(n, &[7]);
        let mut scores = vec![Score::default(); n];
        for i in [0, 1, 2, 5, 60, 299] {
            let topics: Vec<&Term> = terms[..4].iter().filter(|t| t.pages.contains(&i)).collect();
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
                ranks.best(i, &topics, &tags, &mut scores),
                expected,
                "page {i}"
            );
        }
    }

    #[test]
    fn an_article_sharing_nothing_has_no_related_articles() {
        let mut scores = vec![Score::default(); 3];
        assert!(ranks(3, &[]).best(1, &[], &[], &mut scores).is_empty());
    }
}
