//! Each page of a build matched with the last build's by its file, for the memos that keep
//! lists by page index ([`super::TermsMemo`], [`super::RelatedMemo`]) and bring them up to
//! date when a few pages came, went or changed.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::Published;
use crate::model::Page;

/// Each page's index in `old`, found by its file: in the same place, a few places on (pages
/// that went), or failing that by looking it up.
pub(super) fn align(old: &[Arc<Page>], now: &[Published]) -> Vec<Option<usize>> {
    let mut by_rel: Option<FxHashMap<&str, usize>> = None;
    let mut next = 0;
    let mut old_of = Vec::with_capacity(now.len());
    for (i, p) in now.iter().enumerate() {
        let rel = p.page.rel.as_str();
        let is = |o: usize| old.get(o).is_some_and(|old| old.rel == rel);
        let found = match (0..3).map(|k| next + k).find(|&o| is(o)) {
            Some(o) => Some(o),
            // A page that came, and the next is the one expected.
            None if now
                .get(i + 1)
                .is_some_and(|p| old.get(next).is_some_and(|o| o.rel == p.page.rel)) =>
            {
                None
            }
            None => {
                let by_rel = by_rel.get_or_insert_with(|| {
                    (old.iter().enumerate())
                        .map(|(o, p)| (p.rel.as_str(), o))
                        .collect()
                });
                by_rel.get(rel).copied()
            }
        };
        if let Some(o) = found {
            next = o + 1;
        }
        old_of.push(found);
    }
    old_of
}
