//! The last build's related lists brought up to date after an edit of a few articles, ranking
//! again only the lists that can change.
//!
//! A list is the best [`RELATED`] of an article's candidates, in an order that compares two
//! candidates only by what each shares with the article and by their places in the site's
//! order. The articles that are the same for ranking as in the last build (their kind,
//! topics, tags, date, address, and whether they are listed: [`same_for_ranking`]) keep their
//! order among themselves. So an article that is itself the same keeps its last list when
//! that list holds none of the articles that went (unpublished, deleted, or changed), and
//! none of those that came (published, added, or changed) would rank before its last one,
//! or fill a list with room left. Only the other lists, and those of the articles that came,
//! are ranked again, each by counting the articles of its own topics and tags
//! ([`Counter`]). Ranking every article, or building the structures that do it at once, was
//! a quarter of unpublishing an article at 10,000 articles.

use std::cmp::Reverse;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::rank::shared;
use super::{by_place, places, ranked_on, Last, List, Ranked, Shares, RELATED};
use crate::assemble::Site;
use crate::model::{Page, PageKind};

/// Past this many articles gone or come, every list is ranked anew.
const MAX_CHANGED: usize = 32;

/// Where a candidate stands for an article: most topics shared, then most tags, then newest.
type Order = (Reverse<u32>, Reverse<u32>, Option<u32>);

/// Where a candidate that shares `shares` and has the place `place` stands.
fn order((topics, tags): Shares, place: Option<u32>) -> Order {
    (Reverse(topics), Reverse(tags), place)
}

/// Every page's list, from the last build's where they still hold; `None` when the site
/// changed too much (another config's topics, the articles that stayed in another order,
/// more than [`MAX_CHANGED`] articles gone or come).
pub(super) fn patched(site: &Site, last: &Last) -> Option<Ranked> {
    if !last.topics.iter().eq(site.topics.iter().map(|t| &t.key)) {
        return None;
    }
    let place = places(site);
    let changes = Changes::new(site, last, &place)?;
    let ranking = Ranking {
        site,
        place: &place,
        topic_place: by_place(&site.topics),
        tag_place: by_place(&site.tags),
    };
    let mut slots = changes.kept(site, last);
    changes.entered(&ranking, &mut slots);
    let again: Vec<usize> = (0..slots.len())
        .filter(|&i| matches!(slots[i], Slot::Again))
        .collect();
    let ranked: Vec<(usize, List, Shares)> = (again.par_iter())
        .map_init(
            || Counter::new(site.pages.len()),
            |counter, &i| {
                let (list, worst) = ranking.best(i, counter);
                (i, list, worst)
            },
        )
        .collect();
    let (mut lists, mut worst): (Vec<List>, Vec<Shares>) = (slots.into_par_iter())
        .map(|slot| match slot {
            Slot::Kept(list, worst) => (list, worst),
            Slot::NoList | Slot::Again => (List::default(), (0, 0)),
        })
        .unzip();
    for (i, list, shares) in ranked {
        (lists[i], worst[i]) = (list, shares);
    }
    Some(Ranked { lists, worst })
}

/// A page's list as the last build leaves it.
#[derive(Clone, Copy)]
enum Slot {
    /// Not an article: no list.
    NoList,
    /// The last list, in this build's page indexes, with what its last article shares.
    Kept(List, Shares),
    /// To be ranked again.
    Again,
}

/// How the site's pages stand to the last build's.
struct Changes {
    /// Each page's index in the last build, when it was there (the same file).
    old_of: Vec<Option<usize>>,
    /// Each of the last build's pages' index now, when it is the same for ranking.
    new_of: Vec<Option<usize>>,
    /// Whether each page is the same for ranking as in the last build.
    same: Vec<bool>,
    /// The listed articles that were not listed so: they may enter others' lists.
    came: Vec<usize>,
}

impl Changes {
    fn new(site: &Site, last: &Last, place: &[Option<u32>]) -> Option<Changes> {
        let old_of = crate::assemble::align::align(&last.pages, &site.pages);
        let mut old_place = vec![None; last.pages.len()];
        for (at, &o) in last.articles.iter().enumerate() {
            old_place[o] = Some(at);
        }
        let mut new_of = vec![None; last.pages.len()];
        let same: Vec<bool> = (old_of.iter().zip(&site.pages).zip(place))
            .enumerate()
            .map(|(i, ((old, now), place))| {
                let Some(o) = *old else { return false };
                let same = old_place[o].is_some() == place.is_some()
                    && same_for_ranking(&last.pages[o], &now.page);
                if same {
                    new_of[o] = Some(i);
                }
                same
            })
            .collect();
        // The articles that stayed are in the same order: each comes after the one before.
        let mut before = None;
        for &i in site.articles.iter().filter(|&&i| same[i]) {
            let at = old_of[i].and_then(|o| old_place[o]);
            if at.is_none() || at <= before {
                return None;
            }
            before = at;
        }
        let gone = (0..last.pages.len()).filter(|&o| old_place[o].is_some() && new_of[o].is_none());
        let came: Vec<usize> = (site.articles.iter().copied())
            .filter(|&i| !same[i])
            .collect();
        let changed = (same.iter()).filter(|&&same| !same).count();
        if gone.count() + came.len() > MAX_CHANGED || changed > MAX_CHANGED {
            return None;
        }
        Some(Changes {
            old_of,
            new_of,
            same,
            came,
        })
    }

    /// Each page's last list in this build's indexes, unless it is not the same for
    /// ranking or its list holds an article that went: those are ranked again.
    fn kept(&self, site: &Site, last: &Last) -> Vec<Slot> {
        (0..site.pages.len())
            .into_par_iter()
            .map(|i| {
                if site.pages[i].page.kind != PageKind::Article {
                    return Slot::NoList;
                }
                let Some(o) = self.old_of[i].filter(|_| self.same[i]) else {
                    return Slot::Again;
                };
                let list = last.lists.get(o).copied().unwrap_or_default();
                if list.iter().any(|&j| self.new_of[j].is_none()) {
                    return Slot::Again;
                }
                let list = List::of(list.iter().filter_map(|&j| self.new_of[j]));
                Slot::Kept(list, last.worst[o])
            })
            .collect()
    }

    /// Marks to be ranked again the kept lists an article that came would enter: those with
    /// room left, or whose last article ranks after it.
    fn entered(&self, ranking: &Ranking, slots: &mut [Slot]) {
        let site = ranking.site;
        let mut counter = Counter::new(site.pages.len());
        // Articles that are not listed are in no term's list: each is looked at.
        let unlisted: Vec<usize> = (0..slots.len())
            .filter(|&i| matches!(slots[i], Slot::Kept(..)) && ranking.place[i].is_none())
            .collect();
        for &came in &self.came {
            let (topics, tags) = ranking.terms_of(came);
            let topics = topics.iter().map(|&t| &site.topics[t as usize].pages[..]);
            let tags = tags.iter().map(|&t| &site.tags[t as usize].pages[..]);
            let mut near = counter.count(came, topics, tags, ranking.place);
            let unlisted = (unlisted.iter()).filter_map(|&j| Some((j, ranking.shares(j, came)?)));
            near.extend(unlisted);
            for (j, shares) in near {
                let Slot::Kept(list, worst) = slots[j] else {
                    continue;
                };
                let stands = order(shares, ranking.place[came]);
                let last = list.last().map(|&w| order(worst, ranking.place[w]));
                if list.len() < RELATED || last.is_none_or(|last| stands < last) {
                    slots[j] = Slot::Again;
                }
            }
        }
    }
}

/// Whether ranking reads the same of a page in both builds: its kind, topics, tags, date and
/// address (which give its place among the articles).
fn same_for_ranking(old: &Arc<Page>, now: &Arc<Page>) -> bool {
    let moment = |p: &Page| p.meta.date.as_ref().map(|d| d.timestamp());
    Arc::ptr_eq(old, now)
        || (old.kind == now.kind
            && old.path == now.path
            && old.meta.topics == now.meta.topics
            && old.tag_keys == now.tag_keys
            && moment(old) == moment(now))
}

/// What ranking reads of the site.
struct Ranking<'a> {
    site: &'a Site,
    /// Each listed article's place in the newest-first order.
    place: &'a [Option<u32>],
    topic_place: FxHashMap<&'a str, u32>,
    tag_place: FxHashMap<&'a str, u32>,
}

impl Ranking<'_> {
    /// The places of page `i`'s topics and tags (those of the lists a listed article is in).
    fn terms_of(&self, i: usize) -> (Vec<u32>, Vec<u32>) {
        ranked_on(self.site, i, &self.topic_place, &self.tag_place)
    }

    /// What the listed article `j` shares with article `i`; `None` when nothing.
    fn shares(&self, i: usize, j: usize) -> Option<Shares> {
        let ((topics, tags), (their_topics, their_tags)) = (self.terms_of(i), self.terms_of(j));
        let (topics, tags) = (shared(&topics, &their_topics), shared(&tags, &their_tags));
        (topics + tags > 0).then_some((topics, tags))
    }

    /// Article `i`'s list: every listed article of its topics and tags counted.
    fn best(&self, i: usize, counter: &mut Counter) -> (List, Shares) {
        let (topics, tags) = self.terms_of(i);
        let topics = topics
            .iter()
            .map(|&t| &self.site.topics[t as usize].pages[..]);
        let tags = tags.iter().map(|&t| &self.site.tags[t as usize].pages[..]);
        best(counter.count(i, topics, tags, self.place), self.place)
    }
}

/// How many places two sorted lists of places have in common.
/// What each page shares with the article being ranked, kept from one article to the next
/// (all zero between them).
struct Counter {
    /// Per page: the topics shared, the tags shared, and the last term that counted it (a
    /// page a term lists twice counts once).
    shared: Vec<(u32, u32, u32)>,
    /// The term being counted; only grows.
    term: u32,
    /// The pages counted for this article.
    touched: Vec<usize>,
}

impl Counter {
    fn new(pages: usize) -> Counter {
        Counter {
            shared: vec![(0, 0, 0); pages],
            term: 0,
            touched: Vec::new(),
        }
    }

    /// What each listed article (with a place) of the terms `topics` and `tags` (each its
    /// pages) shares with article `i`, each once; the counts are left at zero.
    fn count<'t>(
        &mut self,
        i: usize,
        topics: impl Iterator<Item = &'t [usize]>,
        tags: impl Iterator<Item = &'t [usize]>,
        place: &[Option<u32>],
    ) -> Vec<(usize, Shares)> {
        for (is_tag, pages) in topics.map(|t| (false, t)).chain(tags.map(|t| (true, t))) {
            self.term += 1;
            for &j in pages.iter().filter(|&&j| j != i && place[j].is_some()) {
                let (topics, tags, term) = &mut self.shared[j];
                if *term == self.term {
                    continue;
                }
                *term = self.term;
                if *topics == 0 && *tags == 0 {
                    self.touched.push(j);
                }
                *if is_tag { tags } else { topics } += 1;
            }
        }
        let shared = &mut self.shared;
        (self.touched.drain(..))
            .map(|j| {
                let (topics, tags, _) = &mut shared[j];
                let shares = (*topics, *tags);
                (*topics, *tags) = (0, 0);
                (j, shares)
            })
            .collect()
    }
}

/// The best [`RELATED`] of the articles `shares` names (each with what it shares with the
/// article ranked, as [`Counter::count`] finds them), in order, with what the last shares.
fn best(shares: Vec<(usize, Shares)>, place: &[Option<u32>]) -> (List, Shares) {
    let mut found: Vec<(Order, usize)> = (shares.into_iter())
        .map(|(j, shares)| (order(shares, place[j]), j))
        .collect();
    if found.len() > RELATED {
        found.select_nth_unstable(RELATED - 1);
        found.truncate(RELATED);
    }
    found.sort_unstable();
    let worst = found
        .last()
        .map_or((0, 0), |&((topics, tags, _), _)| (topics.0, tags.0));
    (List::of(found.iter().map(|&(_, j)| j)), worst)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_finds_the_best_five_in_order_once_each_and_only_listed_articles() {
        // Page 0 has topics a and b, tags x and y. Page 5 shares both topics, 3 shares a and
        // both tags (tag x lists it twice), 6 shares a and one tag, 1 and 2 share only a
        // (1 newer), 4 shares only a tag, 7 is not listed.
        let place: Vec<Option<u32>> = (0..8).map(|i| (i != 7).then_some(i)).collect();
        let (a, b) = (vec![0, 1, 2, 3, 5, 6, 7], vec![0, 5, 7]);
        let (x, y) = (vec![0, 3, 3, 4, 6], vec![0, 3, 7]);
        let mut counter = Counter::new(8);
        let topics = [&a[..], &b[..]];
        let tags = [&x[..], &y[..]];
        let (found, worst) = best(
            counter.count(0, topics.into_iter(), tags.into_iter(), &place),
            &place,
        );
        assert_eq!(*found, [5, 3, 6, 1, 2]);
        assert_eq!(worst, (1, 0));
        // Left all zero: the next article counts from nothing.
        assert!(counter.shared.iter().all(|&(t, g, _)| t == 0 && g == 0));
        let (found, worst) = best(
            counter.count(4, [].into_iter(), [&x[..]].into_iter(), &place),
            &place,
        );
        assert_eq!(*found, [0, 3, 6]);
        assert_eq!(worst, (0, 1));
    }

    #[test]
    fn counting_gives_the_first_five_of_the_whole_ranking() {
        // 300 pages in four topics and three tags, each page in some of them; every seventh
        // page not listed; a tag lists some pages twice.
        let n = 300;
        let place: Vec<Option<u32>> = (0..n).map(|i| (i % 7 != 3).then_some(i as u32)).collect();
        let member = |i: usize, k: usize| (i * 7 + k * 13).is_multiple_of(k + 2);
        let terms: Vec<Vec<usize>> = (0..7)
            .map(|k| {
                let pages = (0..n).filter(|&i| member(i, k));
                pages
                    .flat_map(|i| vec![i; 1 + usize::from(k == 5 && i % 2 == 0)])
                    .collect()
            })
            .collect();
        let mut counter = Counter::new(n);
        for i in 0..n {
            let of = |range: std::ops::Range<usize>| -> Vec<&[usize]> {
                terms[range]
                    .iter()
                    .filter(|t| t.contains(&i))
                    .map(Vec::as_slice)
                    .collect()
            };
            let (topics, tags) = (of(0..4), of(4..7));
            let shared = |ts: &[&[usize]], j: usize| ts.iter().filter(|t| t.contains(&j)).count();
            let mut all: Vec<(Order, usize)> = (0..n)
                .filter(|&j| j != i && place[j].is_some())
                .map(|j| (shared(&topics, j) as u32, shared(&tags, j) as u32, j))
                .filter(|&(t, g, _)| t + g > 0)
                .map(|(t, g, j)| ((Reverse(t), Reverse(g), place[j]), j))
                .collect();
            all.sort_unstable();
            let expected: Vec<usize> = all.iter().take(RELATED).map(|&(_, j)| j).collect();
            let (found, _) = best(
                counter.count(i, topics.into_iter(), tags.into_iter(), &place),
                &place,
            );
            assert_eq!(*found, expected, "page {i}");
        }
    }
}
