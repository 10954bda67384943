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
}
