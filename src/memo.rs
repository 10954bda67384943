//! What every memo kept between builds shares: forgetting the entries of what is gone.

use rustc_hash::{FxHashMap, FxHashSet};

/// Forgets the entries of a memo for files or pages that are gone. `count` is how many there
/// are now and `current` lists them; it is only called when the memo holds more, so a build
/// where nothing went builds no set.
pub(crate) fn forget_gone<'a, V, I>(
    memo: &mut FxHashMap<String, V>,
    count: usize,
    current: impl FnOnce() -> I,
) where
    I: Iterator<Item = &'a str>,
{
    if memo.len() > count {
        let current: FxHashSet<&str> = current().collect();
        memo.retain(|key, _| current.contains(key.as_str()));
    }
}
