//! What rendering keeps between builds for `serve`: the pages it rendered, by the key of
//! what each was made from.

use crate::output::{Body, Outputs};

/// What rendering keeps between builds for `serve`.
#[derive(Debug, Default)]
pub struct RenderMemo {
    /// Pages rendered by earlier builds: output path → (hash of everything the page's
    /// template context is built from, the bytes). A page whose hash is unchanged renders to
    /// the same bytes, so `serve` reuses them instead of rendering the whole site again.
    pub(super) pages: rustc_hash::FxHashMap<String, Memoized>,
    /// The whole HTML of the articles the feeds carry, cleaned for feed readers: page path →
    /// (hash of the page's key and permalink, the HTML). Cleaning them was a quarter of an
    /// article edit's rendering at 10,000 articles.
    pub(super) feed_html: rustc_hash::FxHashMap<String, (crate::key::Hash, String)>,
    /// What pages are packed against ([`crate::kept::Packed`]): the first page packed,
    /// kept for the later builds, so that their pages pack as the earlier ones did and
    /// compare packed.
    pub(super) dictionary: Option<std::sync::Arc<Vec<u8>>>,
    /// The last sitemap's `url` elements in pieces, by the key of their entries
    /// (`super::sitemap`).
    pub(super) sitemap: super::sitemap::Pieces,
    /// The secret naming the marks of the `once/` parts in the pages kept
    /// (`crate::output::Once`), made by the first build that packed pages.
    pub(super) once_secret: Option<String>,
    /// The cards' `card/` parts, by the key of what each card's are made from
    /// (`super::cards`).
    pub(super) cards: rustc_hash::FxHashMap<crate::key::Hash, tera::Value>,
    /// How many cards' parts the last build rendered (those taken from the memo not counted).
    #[cfg(test)]
    pub(super) cards_made: usize,
}

impl RenderMemo {
    /// What the pages are packed against, once a build has packed some.
    #[cfg(test)]
    pub(crate) fn dictionary(&self) -> Option<&std::sync::Arc<Vec<u8>>> {
        self.dictionary.as_ref()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.pages.len() + self.feed_html.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A page kept by [`RenderMemo`]: the hash of what it was rendered from, and its bytes
/// (packed, for `serve`).
pub type Memoized = (crate::key::Hash, Body);

/// Keeps the pages this build rendered (`fresh`) with those it took from the memo
/// (`reused` of them), and only those. When the memo holds no more than these, it holds
/// exactly them: nothing is looked up (at 100,000 articles, looking every entry up in the
/// outputs was a tenth of an article edit's rebuild).
pub(super) fn remember(
    memo: &mut RenderMemo,
    fresh: Vec<(String, Memoized)>,
    reused: usize,
    outputs: &Outputs,
) {
    let kept = fresh.len() + reused;
    memo.pages.extend(fresh);
    if memo.pages.len() > kept {
        // By key alone: looking each path up among the outputs compared long paths (a fifth
        // of a rebuild after a front-matter edit at 100,000 articles, where a tag's page
        // went). A key is that of one page's inputs, its path among them: an entry whose key
        // no output has is one whose page went or changed.
        let current: rustc_hash::FxHashSet<crate::key::Hash> =
            outputs.values().filter_map(|o| o.key).collect();
        memo.pages.retain(|_, (key, _)| current.contains(key));
    }
}

/// Whether the memo's cards, with `fresh` more, would pass what the `pages` of the site
/// need by a slack: then those of pages gone or changed are let go (see [`keep_cards`]).
pub(super) fn cards_overflow(memo: &RenderMemo, fresh: usize, pages: usize) -> bool {
    memo.cards.len() + fresh > pages + pages / 8 + 64
}

/// Keeps the cards this build made (`fresh`) with the memo's, and when `current` (the keys
/// of every page's card) is given, only those: a few cards of pages gone are kept meanwhile,
/// as walking every entry after each edit would cost more than they weigh.
pub(super) fn keep_cards(
    memo: &mut RenderMemo,
    fresh: Vec<(crate::key::Hash, tera::Value)>,
    current: Option<rustc_hash::FxHashSet<crate::key::Hash>>,
) {
    memo.cards.extend(fresh);
    if let Some(current) = current {
        memo.cards.retain(|key, _| current.contains(key));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Kind, Output};

    fn key(n: u8) -> crate::key::Hash {
        crate::key::Hash::of(&[n])
    }

    fn body(text: &str) -> Body {
        Body::Bytes(std::sync::Arc::new(text.as_bytes().to_vec()))
    }

    #[test]
    fn the_memo_keeps_the_pages_of_this_build_and_forgets_those_gone_or_changed() {
        let mut memo = RenderMemo::default();
        for (out, n) in [
            ("a/index.html", 1),
            ("b/index.html", 2),
            ("c/index.html", 3),
        ] {
            memo.pages.insert(out.into(), (key(n), body(out)));
        }
        // `a` is reused, `b` rendered anew, `c` went, `d` came, `e` has no key.
        let fresh = vec![
            ("b/index.html".to_string(), (key(4), body("b2"))),
            ("d/index.html".to_string(), (key(5), body("d"))),
        ];
        let mut outputs = Outputs::new();
        for (out, n) in [
            ("a/index.html", 1),
            ("b/index.html", 4),
            ("d/index.html", 5),
        ] {
            let mut output = Output::new(Kind::Page, out.as_bytes().to_vec());
            output.key = Some(key(n));
            outputs.insert(out.into(), output);
        }
        outputs.insert(
            "e/index.html".into(),
            Output::new(Kind::Page, b"e".to_vec()),
        );
        remember(&mut memo, fresh, 1, &outputs);
        let mut kept: Vec<(&str, crate::key::Hash)> = (memo.pages.iter())
            .map(|(out, (k, _))| (out.as_str(), *k))
            .collect();
        kept.sort_by_key(|(out, _)| *out);
        let expected = [
            ("a/index.html", key(1)),
            ("b/index.html", key(4)),
            ("d/index.html", key(5)),
        ];
        assert_eq!(kept, expected);
    }

    #[test]
    fn cards_of_pages_gone_are_let_go_only_past_a_slack() {
        let mut memo = RenderMemo::default();
        let card = |n: u8| (key(n), tera::Value::from(n.to_string()));
        keep_cards(&mut memo, (0..100).map(card).collect(), None);
        // A site of 100 pages: the cards of a few gone ones stay meanwhile.
        assert!(!cards_overflow(&memo, 3, 100));
        keep_cards(&mut memo, (100..103).map(card).collect(), None);
        assert_eq!(memo.cards.len(), 103);
        // Past the slack, only the cards of the pages there are (the last 50 and 3 new) stay.
        let fresh: Vec<_> = (103..190).map(card).collect();
        assert!(cards_overflow(&memo, fresh.len(), 100));
        let current = (50..150).map(key).collect();
        keep_cards(&mut memo, fresh, Some(current));
        let mut kept: Vec<u8> = (memo.cards.values())
            .map(|v| v.as_str().unwrap().parse().unwrap())
            .collect();
        kept.sort_unstable();
        assert_eq!(kept, (50..150).collect::<Vec<u8>>());
    }
}
