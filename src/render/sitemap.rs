//! The sitemap's `url` elements in pieces that `serve` keeps between builds.
//!
//! An edit that adds or removes a list (a new tag) or changes a date changes a few of the
//! sitemap's entries; writing all of them again (120,000 at 100,000 articles: each address
//! and date formatted, then written as XML) was a tenth of such an edit's rebuild. The entries
//! are cut into pieces where a path's hash says, so that an entry added or gone changes only
//! the piece it falls in, and each piece is kept by the key of its entries.

use std::hash::BuildHasher;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::Renderer;
use crate::feeds::{self, SitemapEntry};

/// About how many entries a piece has: a piece ends after an entry whose path hashes to a
/// multiple of this.
const PIECE: u64 = 4096;

/// The pieces of the last sitemap written, by the key of their entries.
pub(super) type Pieces = FxHashMap<u128, Arc<Vec<u8>>>;

/// An entry: a page's or list's path, and when it last changed.
pub(super) type Entry<'a> = (&'a str, Option<&'a jiff::ZonedDateTime>);

impl Renderer<'_> {
    /// The `url` elements of `entries` (in path order), in pieces: each taken from `last`
    /// when its entries are the same, else written. Also every piece by its key, to keep.
    pub(super) fn sitemap_pieces(
        &self,
        entries: &[Entry],
        last: &Pieces,
    ) -> (Vec<Arc<Vec<u8>>>, Pieces) {
        let made: Vec<(u128, Arc<Vec<u8>>)> = cut(entries)
            .into_par_iter()
            .map(|piece| {
                let key = self.piece_key(piece);
                match last.get(&key) {
                    Some(bytes) => (key, bytes.clone()),
                    None => (key, Arc::new(self.sitemap_urls(piece))),
                }
            })
            .collect();
        let pieces = made.iter().map(|(_, bytes)| bytes.clone()).collect();
        (pieces, made.into_iter().collect())
    }

    /// The key of what a piece shows: its entries, and the site's address and time zone (in
    /// the config), which its addresses and dates are written with; not the articles' counts,
    /// which change with every article published or unpublished.
    fn piece_key(&self, piece: &[Entry]) -> u128 {
        let mut key = Vec::with_capacity(32 + piece.len() * 48);
        key.extend_from_slice(self.shared.uncounted.as_bytes());
        for (path, last) in piece {
            key.extend_from_slice(&(path.len() as u64).to_le_bytes());
            key.extend_from_slice(path.as_bytes());
            let moment = last.map_or(i128::MIN, |d| d.timestamp().as_nanosecond());
            key.extend_from_slice(&moment.to_le_bytes());
        }
        twox_hash::XxHash3_128::oneshot(&key)
    }

    fn sitemap_urls(&self, piece: &[Entry]) -> Vec<u8> {
        let entries: Vec<SitemapEntry> = (piece.iter())
            .map(|(path, lastmod)| SitemapEntry {
                loc: self.views.permalink(path),
                lastmod: lastmod.map(|d| self.views.date(d)),
            })
            .collect();
        feeds::sitemap_urls(&entries)
    }
}

/// `entries` cut after each entry whose path hashes to a multiple of [`PIECE`] (and at the
/// end): the same entries are cut at the same places whatever comes before or after them.
fn cut<'e, 'a>(entries: &'e [Entry<'a>]) -> Vec<&'e [Entry<'a>]> {
    let hasher = rustc_hash::FxBuildHasher;
    let mut pieces = Vec::with_capacity(entries.len() / PIECE as usize + 1);
    let mut start = 0;
    for (i, (path, _)) in entries.iter().enumerate() {
        if hasher.hash_one(path).is_multiple_of(PIECE) {
            pieces.push(&entries[start..=i]);
            start = i + 1;
        }
    }
    if start < entries.len() {
        pieces.push(&entries[start..]);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{write, ONE_TOPIC_CONFIG};
    use crate::pipeline::{build, cache::Cache, Destination, Options};

    fn sitemap(options: &Options, cache: &mut Cache) -> String {
        let built = build(options, cache, Destination::Memory).unwrap();
        let sitemap = built.outputs["sitemap.xml"].bytes().unwrap();
        String::from_utf8(sitemap.to_vec()).unwrap()
    }

    #[test]
    fn a_sitemap_made_of_kept_pieces_is_a_clean_builds() {
        let (_dir, root, options) = crate::fixtures::site(ONE_TOPIC_CONFIG);
        let article = |name: &str, date: &str, tag: &str| {
            let text = format!("---\ntitle: \"{name}\"\ndate: {date}\ntags: [{tag}]\n---\nBài.\n");
            write(&root, &format!("content/tin-tuc/{name}.md"), &text);
        };
        for n in 0..40 {
            article(
                &format!("bai-{n:02}"),
                &format!("2025-09-{:02}", 1 + n % 28),
                "x",
            );
        }
        let mut cache = Cache::default();
        cache.track_changes();
        sitemap(&options, &mut cache);
        // An older article's date, then its tag (a new list): the site's lists and counts
        // are as they were, so only the pieces of the sitemap tell the dates and lists apart.
        for (date, tag) in [
            ("2025-09-03", "x"),
            ("2025-09-03", "y"),
            ("2025-09-04", "z"),
        ] {
            article("bai-01", date, tag);
            cache.changed([root.join("content/tin-tuc/bai-01.md")]);
            let served = sitemap(&options, &mut cache);
            let clean = sitemap(&options, &mut Cache::default());
            assert_eq!(served, clean);
            assert!(served.contains(&format!("<lastmod>{date}")), "{served}");
        }
    }

    #[test]
    fn an_entry_added_changes_only_the_piece_it_falls_in() {
        let paths: Vec<String> = (0..40_000)
            .map(|n| format!("tin-tuc/bai-{n:05}/"))
            .collect();
        let mut entries: Vec<Entry> = paths.iter().map(|p| (p.as_str(), None)).collect();
        let before: Vec<Vec<&str>> = (cut(&entries).iter())
            .map(|piece| piece.iter().map(|(p, _)| *p).collect())
            .collect();
        assert!(before.len() > 3, "{}", before.len());
        assert_eq!(before.concat().len(), entries.len());
        entries.insert(20_000, ("tin-tuc/bai-20000-moi/", None));
        let after: Vec<Vec<&str>> = (cut(&entries).iter())
            .map(|piece| piece.iter().map(|(p, _)| *p).collect())
            .collect();
        assert_eq!(after.concat().len(), entries.len());
        let changed = after.iter().filter(|piece| !before.contains(piece)).count();
        assert_eq!(changed, 1);
    }
}
