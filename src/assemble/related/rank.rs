//! Ranking one article's related articles among the site's, without scoring every article
//! that shares a topic or a tag with it (a tag of a large site lists thousands).

use std::cmp::Reverse;

use rustc_hash::FxHashMap;

use super::RELATED;
use crate::assemble::Term;

/// Where a candidate stands: most topics shared, then most tags, then newest.
type Order = (Reverse<u32>, Reverse<u32>, Option<u32>);

/// Which pages may be offered, in which order among equals, and what topics and tags they
/// have. Topics and tags are numbered by their places in the site's lists.
pub(super) struct Ranks {
    /// Each listed article's place in the site's newest-first order (date, then path);
    /// `None` for the other pages.
    pub(super) place: Vec<Option<u32>>,
    /// Each page's topics as the topic lists list it: their places in `site.topics`, sorted.
    topics_of: Vec<Vec<u32>>,
    /// Each page's tags as the tag lists list it: their places in `site.tags`, sorted, once
    /// each.
    tags_of: Vec<Vec<u32>>,
    /// The listed articles grouped by their topics. Among the articles that share no tag
    /// with a given one, all of a group share as many topics with it, so only a group's
    /// newest few can be among the best.
    groups: Grouping,
    /// The same, for the listed articles of each tag (by tag place): among those sharing
    /// only that tag with a given article, again only a group's newest few can be the best.
    tag_groups: Vec<Grouping>,
    /// The listed articles having both of two tags (the smaller place first), newest first:
    /// the few that share more than one tag with an article are found here, not by counting
    /// every article of its tags (a tag of a large site lists thousands).
    pairs: FxHashMap<(u32, u32), Vec<usize>>,
    /// Each tag's listed articles, once each, newest first.
    tag_members: Vec<Vec<usize>>,
}

impl Ranks {
    /// From each page's place and topics, the tag lists, and the listed articles newest
    /// first.
    pub(super) fn from_lists(
        place: Vec<Option<u32>>,
        topics_of: Vec<Vec<u32>>,
        tags: &[Term],
        newest_first: &[usize],
    ) -> Ranks {
        let tags_of = places_in(tags, place.len());
        let listed = || newest_first.iter().copied().filter(|&j| place[j].is_some());
        let member = |j: usize| Member {
            place: place[j].unwrap_or(u32::MAX),
            page: j,
            tags: tags_of[j].len() as u32,
        };
        let groups = Grouping::new(
            listed().filter(|&j| !topics_of[j].is_empty()).map(member),
            &topics_of,
        );
        let tag_members: Vec<Vec<usize>> = (tags.iter())
            .map(|t| {
                let mut members: Vec<usize> = t.pages.clone();
                members.retain(|&j| place[j].is_some());
                members.sort_unstable_by_key(|&j| place[j]);
                members.dedup();
                members
            })
            .collect();
        let tag_groups = (tag_members.iter())
            .map(|members| Grouping::new(members.iter().map(|&j| member(j)), &topics_of))
            .collect();
        let mut pairs: FxHashMap<(u32, u32), Vec<usize>> = FxHashMap::default();
        for j in listed() {
            let of = &tags_of[j];
            for (n, &a) in of.iter().enumerate() {
                for &b in &of[n + 1..] {
                    pairs.entry((a, b)).or_default().push(j);
                }
            }
        }
        Ranks {
            place,
            topics_of,
            tags_of,
            groups,
            tag_groups,
            pairs,
            tag_members,
        }
    }

    /// The related articles of page `i`, which has the topics at `topics` and the tags at
    /// `tags` (places, sorted, once each), found through the pairs of its tags
    /// ([`Ranks::best_by_pairs`]). When most of the articles of its tags share two of them
    /// with it (two tags on nearly every article), that would cost more than counting every
    /// article of its tags, which is done then instead ([`Ranks::best_by_counting`], with
    /// `counts`: all zero on entry, and left so).
    pub(super) fn best(
        &self,
        i: usize,
        topics: &[u32],
        tags: &[u32],
        counts: &mut [u32],
    ) -> Vec<usize> {
        let pairs: Vec<&[usize]> = (tags.iter().enumerate())
            .flat_map(|(n, &a)| tags[n + 1..].iter().map(move |&b| (a, b)))
            .filter_map(|pair| self.pairs.get(&pair).map(Vec::as_slice))
            .collect();
        let paired: usize = pairs.iter().map(|p| p.len()).sum();
        let listed: usize = (tags.iter())
            .filter_map(|&t| self.tag_members.get(t as usize))
            .map(Vec::len)
            .sum();
        if paired > listed / 8 {
            return self.best_by_counting(i, topics, tags, counts);
        }
        self.best_by_pairs(i, topics, tags, &pairs)
    }

    /// Whoever shares two tags or more (in `pairs`, the lists of the article's pairs of
    /// tags) is counted; of the others, those sharing one tag, then those sharing only
    /// topics, are taken group by group, newest first, while they can still make the list.
    fn best_by_pairs(
        &self,
        i: usize,
        topics: &[u32],
        tags: &[u32],
        pairs: &[&[usize]],
    ) -> Vec<usize> {
        let mut best = Best::default();
        let mut several: Vec<usize> = pairs.iter().copied().flatten().copied().collect();
        several.sort_unstable();
        several.dedup();
        for &j in several.iter().filter(|&&j| j != i) {
            let order = (
                Reverse(shared(&self.topics_of[j], topics)),
                Reverse(shared(&self.tags_of[j], tags)),
                self.place[j],
            );
            best.offer((order, j));
        }
        // Counted above already, or the article itself.
        let counted =
            |m: &Member| m.page == i || (m.tags > 1 && shared(&self.tags_of[m.page], tags) > 1);
        // Those sharing one tag and a topic, then those sharing topics only: only the
        // groups having one of the article's topics are looked at.
        let tag_groups = || tags.iter().filter_map(|&t| self.tag_groups.get(t as usize));
        for grouping in tag_groups() {
            for (group, members) in grouping.sharing(topics) {
                best.offer_newest(members, shared(group, topics), 1, counted);
            }
        }
        for (group, members) in self.groups.sharing(topics) {
            best.offer_newest(members, shared(group, topics), 0, |m| {
                m.page == i || (m.tags > 0 && shared(&self.tags_of[m.page], tags) > 0)
            });
        }
        // Those sharing one tag and no topic come after all of these: wanted only when
        // there are too few.
        if best.found.len() < RELATED {
            for grouping in tag_groups() {
                for (group, members) in &grouping.groups {
                    if shared(group, topics) == 0 {
                        best.offer_newest(members, 0, 1, counted);
                    }
                }
            }
        }
        best.found.iter().map(|&(_, j)| j).collect()
    }

    /// The same list as [`Ranks::best`], every article sharing a tag counted in `counts`
    /// (all zero on entry, and left so); those sharing only topics taken from the groups.
    pub(super) fn best_by_counting(
        &self,
        i: usize,
        topics: &[u32],
        tags: &[u32],
        counts: &mut [u32],
    ) -> Vec<usize> {
        let mut touched = Vec::new();
        for members in tags
            .iter()
            .filter_map(|&t| self.tag_members.get(t as usize))
        {
            for &j in members.iter().filter(|&&j| j != i) {
                if counts[j] == 0 {
                    touched.push(j);
                }
                counts[j] += 1;
            }
        }
        let mut best = Best::default();
        for &j in &touched {
            let order = (
                Reverse(shared(&self.topics_of[j], topics)),
                Reverse(counts[j]),
                self.place[j],
            );
            best.offer((order, j));
        }
        for (group, members) in self.groups.sharing(topics) {
            best.offer_newest(members, shared(group, topics), 0, |m| {
                m.page == i || counts[m.page] > 0
            });
        }
        for j in touched {
            counts[j] = 0;
        }
        best.found.iter().map(|&(_, j)| j).collect()
    }
}

impl Ranks {
    /// How many of `topics` and `tags` (places, sorted) the listed article `j` has.
    pub(super) fn shares(&self, j: usize, topics: &[u32], tags: &[u32]) -> super::Shares {
        (
            shared(&self.topics_of[j], topics),
            shared(&self.tags_of[j], tags),
        )
    }
}

/// Each page's terms among `terms`: their places, sorted, once each.
pub(super) fn places_in(terms: &[Term], pages: usize) -> Vec<Vec<u32>> {
    let mut of = vec![Vec::new(); pages];
    for (place, t) in (0u32..).zip(terms) {
        for &j in &t.pages {
            if of[j].last() != Some(&place) {
                of[j].push(place);
            }
        }
    }
    of
}

/// An article in a [`Grouping`], with what ranking reads of it first, at hand (reading it
/// from the site's arrays cost a cache miss each).
#[derive(Debug, Clone, Copy)]
struct Member {
    /// Its place in the site's newest-first order.
    place: u32,
    /// Its page index.
    page: usize,
    /// How many tags it has.
    tags: u32,
}

/// Articles grouped by their topics (the places, sorted), each group newest first.
struct Grouping {
    groups: Vec<(Vec<u32>, Vec<Member>)>,
    /// (topic, group) for each topic of each group, sorted: the groups having a topic.
    by_topic: Vec<(u32, u32)>,
}

impl Grouping {
    /// `members`, newest first, grouped.
    fn new(members: impl Iterator<Item = Member>, topics_of: &[Vec<u32>]) -> Grouping {
        let mut groups: FxHashMap<&[u32], Vec<Member>> = FxHashMap::default();
        for m in members {
            groups
                .entry(topics_of[m.page].as_slice())
                .or_default()
                .push(m);
        }
        let mut groups: Vec<(Vec<u32>, Vec<Member>)> =
            (groups.into_iter()).map(|(k, v)| (k.to_vec(), v)).collect();
        groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut by_topic: Vec<(u32, u32)> = (0u32..)
            .zip(&groups)
            .flat_map(|(n, (topics, _))| topics.iter().map(move |&t| (t, n)))
            .collect();
        by_topic.sort_unstable();
        Grouping { groups, by_topic }
    }

    /// The groups having at least one of `topics` (sorted), each once.
    fn sharing<'g>(&'g self, topics: &[u32]) -> impl Iterator<Item = &'g (Vec<u32>, Vec<Member>)> {
        let mut found: Vec<u32> = Vec::new();
        for &t in topics {
            let from = self.by_topic.partition_point(|&(k, _)| k < t);
            let to = self.by_topic.partition_point(|&(k, _)| k <= t);
            found.extend(self.by_topic[from..to].iter().map(|&(_, n)| n));
        }
        if topics.len() > 1 {
            found.sort_unstable();
            found.dedup();
        }
        found.into_iter().map(|n| &self.groups[n as usize])
    }
}

/// How many places two sorted lists of places have in common.
pub(super) fn shared(a: &[u32], b: &[u32]) -> u32 {
    a.iter().filter(|t| b.binary_search(t).is_ok()).count() as u32
}

/// The best [`RELATED`] candidates so far, in order.
#[derive(Default)]
struct Best {
    found: Vec<(Order, usize)>,
}

impl Best {
    /// Keeps the candidate if it is among the best so far; says whether it was.
    fn offer(&mut self, candidate: (Order, usize)) -> bool {
        if !self.would_keep(&candidate) {
            return false;
        }
        let found = &mut self.found;
        if found.capacity() == 0 {
            found.reserve_exact(RELATED + 1);
        }
        let place = found.partition_point(|b| *b < candidate);
        found.insert(place, candidate);
        found.truncate(RELATED);
        true
    }

    /// Offers `members` (newest first), which share as many topics and tags, but for those
    /// `skip` says are counted elsewhere, until one would not make the list: the next ones
    /// are older with the same score, worse still. (A skipped one stops the walk as well as
    /// any: `skip` is asked only of those that would make the list, fewer than the members.)
    fn offer_newest(
        &mut self,
        members: &[Member],
        topics: u32,
        tags: u32,
        skip: impl Fn(&Member) -> bool,
    ) {
        for m in members {
            let candidate = ((Reverse(topics), Reverse(tags), Some(m.place)), m.page);
            if !self.would_keep(&candidate) {
                break;
            }
            if !skip(m) {
                self.offer(candidate);
            }
        }
    }

    /// Whether [`Best::offer`] would keep the candidate.
    fn would_keep(&self, candidate: &(Order, usize)) -> bool {
        self.found.len() < RELATED || self.found.last().is_some_and(|last| candidate < last)
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
    fn ranks(n: usize, unlisted: &[usize], topics: &[&Term], tags: &[&Term]) -> Ranks {
        let place = (0..n)
            .map(|i| (!unlisted.contains(&i)).then_some(i as u32))
            .collect();
        let topics: Vec<Term> = topics.iter().map(|&t| t.clone()).collect();
        let tags: Vec<Term> = tags.iter().map(|&t| t.clone()).collect();
        let listed: Vec<usize> = (0..n).filter(|i| !unlisted.contains(i)).collect();
        Ranks::from_lists(place, places_in(&topics, n), &tags, &listed)
    }

    #[test]
    fn shared_topics_come_before_shared_tags_and_recency_breaks_ties() {
        // Page 0 has topics a and b, tag x. Page 5 shares both topics, 3 shares a and the
        // tag, 1 and 2 share only a (1 newer), 4 shares only the tag.
        let a = term("a", &[0, 1, 2, 3, 5]);
        let b = term("b", &[0, 5]);
        let x = term("x", &[0, 3, 4]);
        let found = ranks(6, &[], &[&a, &b], &[&x]).best(0, &[0, 1], &[0], &mut [0; 6]);
        assert_eq!(found, [5, 3, 1, 2, 4]);
    }

    #[test]
    fn more_shared_tags_come_first_among_equal_topics() {
        // Page 0 has tags x, y and z. Page 4 shares all three, 5 two, 1 to 3 one each (the
        // newest first); 6 shares none.
        let x = term("x", &[0, 1, 4, 5]);
        let y = term("y", &[0, 2, 4, 5]);
        let z = term("z", &[0, 3, 4]);
        let found = ranks(7, &[], &[], &[&x, &y, &z]).best(0, &[], &[0, 1, 2], &mut [0; 7]);
        assert_eq!(found, [4, 5, 1, 2, 3]);
    }

    #[test]
    fn at_most_five_are_offered_and_only_listed_articles() {
        let a = term("a", &(0..12).collect::<Vec<_>>());
        let found = ranks(12, &[2, 4], &[&a], &[]).best(3, &[0], &[], &mut [0; 12]);
        assert_eq!(found, [0, 1, 5, 6, 7]);
        // Every article keeps its list for the whole build: no room for all the candidates.
        assert!(found.capacity() <= RELATED, "{}", found.capacity());
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
        let tag_terms: Vec<&Term> = terms[4..].iter().collect();
        let ranks = ranks(n, &[7], &topic_terms, &tag_terms);
        for i in 0..n {
            let topics: Vec<&Term> = terms[..4].iter().filter(|t| t.pages.contains(&i)).collect();
            let places = |of: &[Term]| -> Vec<u32> {
                (0u32..)
                    .zip(of)
                    .filter(|(_, t)| t.pages.contains(&i))
                    .map(|(k, _)| k)
                    .collect()
            };
            let (topic_places, tag_places) = (places(&terms[..4]), places(&terms[4..]));
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
            let mut counts = vec![0; n];
            assert_eq!(
                ranks.best(i, &topic_places, &tag_places, &mut counts),
                expected,
                "page {i}"
            );
            // The other way, which `best` takes when tags are on most articles.
            assert_eq!(
                ranks.best_by_counting(i, &topic_places, &tag_places, &mut counts),
                expected,
                "page {i}, counting"
            );
            assert!(counts.iter().all(|&c| c == 0));
        }
    }

    #[test]
    fn an_article_sharing_nothing_has_no_related_articles() {
        assert!(ranks(3, &[], &[], &[])
            .best(1, &[], &[], &mut [0; 3])
            .is_empty());
    }
}
