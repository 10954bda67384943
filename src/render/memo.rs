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
    pub(super) feed_html: rustc_hash::FxHashMap<String, (blake3::Hash, String)>,
    /// What pages are packed against ([`crate::kept::Packed`]): the first page packed,
    /// kept for the later builds, so that their pages pack as the earlier ones did and
    /// compare packed.
    pub(super) dictionary: Option<std::sync::Arc<Vec<u8>>>,
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
pub type Memoized = (blake3::Hash, Body);

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
        let current = |out: &String, key: &blake3::Hash| {
            outputs.get(out).is_some_and(|o| o.key == Some(*key))
        };
        memo.pages.retain(|out, (key, _)| current(out, key));
    }
}
