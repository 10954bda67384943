//! Memo keys of article and standalone pages, the site's most numerous pages: `serve` makes
//! one for every page on every rebuild, so each is a single hash of fixed-size parts, read
//! from the pages' array rather than from each page's text.

use rustc_hash::FxHashMap;

use crate::assemble::Site;
use crate::key::Hash;

/// 64-bit lanes of a hash, added up lane by lane.
const LANES: usize = Hash::LEN / 8;

/// What a page shows of the lists it belongs to, gathered once for all pages: with their
/// article counts, and without them for the pages whose templates show none (`serve`, where
/// an article added or unpublished then renders none of them again).
pub(super) struct PageKeys<'a> {
    /// Section slug → hash of the section's title and article count, and of its title alone.
    sections: FxHashMap<&'a str, [Hash; 2]>,
    /// Per page: the sum of the hashes (key, name, article count) of its tags, and of their
    /// keys and names alone. A sum does not depend on the order of the tags, which the page's
    /// own key covers.
    tags: Vec<[[u64; LANES]; 2]>,
}

impl<'a> PageKeys<'a> {
    pub(super) fn new(site: &'a Site) -> Self {
        let sections = site
            .sections
            .iter()
            .map(|s| {
                let mut key = crate::key::Key::new("section");
                key.text(&s.title);
                let alone = key.finish();
                (
                    s.slug.as_str(),
                    [key.number(s.pages.len() as u64).finish(), alone],
                )
            })
            .collect();
        let mut tags = vec![[[0u64; LANES]; 2]; site.pages.len()];
        for tag in &site.tags {
            let mut key = crate::key::Key::new("tag");
            key.text(&tag.key).text(&tag.name);
            let alone = lanes(&key.finish());
            let counted = lanes(&key.number(tag.pages.len() as u64).finish());
            for &i in &tag.pages {
                for (sums, lanes) in tags[i].iter_mut().zip([counted, alone]) {
                    for (sum, lane) in sums.iter_mut().zip(lanes) {
                        *sum = sum.wrapping_add(lane);
                    }
                }
            }
        }
        PageKeys { sections, tags }
    }

    /// What the page at `index` is rendered from besides what all pages share (`global`):
    /// the page itself (its `Published` key), its neighbours (whose title and URL it links
    /// to), its section's title and size, its tags' names and sizes, and its related
    /// articles (whose cards it shows), in their order. The sizes only if it shows `counts`.
    pub(super) fn key(&self, global: &Hash, site: &Site, index: usize, counts: bool) -> Hash {
        let which = usize::from(!counts);
        const NONE: [u8; Hash::LEN] = [0; Hash::LEN];
        let p = &site.pages[index];
        let (previous, next) = site.neighbours_of(index);
        let neighbour = |i: Option<usize>| i.map_or(NONE, |i| *site.pages[i].card.as_bytes());
        let section = p
            .page
            .section
            .as_deref()
            .and_then(|slug| self.sections.get(slug))
            .map_or(NONE, |h| *h[which].as_bytes());
        let mut tags = [0u8; Hash::LEN];
        for (bytes, lane) in tags.chunks_exact_mut(8).zip(self.tags[index][which]) {
            bytes.copy_from_slice(&lane.to_le_bytes());
        }
        let related = match site.related_of(index) {
            [] => NONE,
            related => {
                let mut key = crate::key::Key::new("related-pages");
                for &i in related {
                    key.hash(&site.pages[i].card);
                }
                *key.finish().as_bytes()
            }
        };
        let mut bytes = [0u8; Hash::LEN * 7];
        let parts = [
            *global.as_bytes(),
            *p.key.as_bytes(),
            neighbour(previous),
            neighbour(next),
            section,
            tags,
            related,
        ];
        for (chunk, part) in bytes.chunks_exact_mut(Hash::LEN).zip(parts) {
            chunk.copy_from_slice(&part);
        }
        Hash::of(&bytes)
    }
}

fn lanes(hash: &Hash) -> [u64; LANES] {
    let mut lanes = [0u64; LANES];
    for (lane, bytes) in lanes.iter_mut().zip(hash.as_bytes().chunks_exact(8)) {
        *lane = u64::from_le_bytes(bytes.try_into().expect("8 bytes"));
    }
    lanes
}
