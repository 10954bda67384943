//! What every memo kept between builds shares: forgetting the entries of what is gone, and
//! freeing what a build no longer needs without waiting for it.

use rustc_hash::{FxHashMap, FxHashSet};

/// Forgets the entries of a memo for files or pages that are gone. `count` is how many there
/// are now and `current` lists them; it is only called when the memo holds more than
/// [`slack`] beyond them, so a build where nothing went builds no set. Until then the few
/// entries of what went are kept: each is found by its file and checked against what it was
/// made from before it is used again (a page published again even finds its own), and
/// walking every entry to forget one was 3.5 ms of unpublishing an article at 10,000.
pub(crate) fn forget_gone<'a, V, I>(
    memo: &mut FxHashMap<String, V>,
    count: usize,
    current: impl FnOnce() -> I,
) where
    I: Iterator<Item = &'a str>,
{
    if memo.len() > count + slack(count) {
        let current: FxHashSet<&str> = current().collect();
        memo.retain(|key, _| current.contains(key.as_str()));
    }
}

/// How many entries of what went a memo of `count` entries may keep: a few for a small site,
/// under 1% for a large one.
fn slack(count: usize) -> usize {
    16 + count / 128
}

/// Drops `old` on a thread of its own: freeing every page of a large site takes a third of a
/// second at 100,000 articles, which neither the edited page (`serve`) nor the end of a build
/// need wait for. A program that ends meanwhile frees it all at once instead.
pub(crate) fn drop_later<T: Send + 'static>(old: T) {
    // Should no thread start, the closure, and `old` with it, is dropped here.
    let _ = std::thread::Builder::new()
        .name("loa-drop".into())
        .spawn(move || drop(old));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memo(names: impl Iterator<Item = String>) -> FxHashMap<String, ()> {
        names.map(|n| (n, ())).collect()
    }

    #[test]
    fn a_few_entries_of_what_went_are_kept_until_they_are_many() {
        let names: Vec<String> = (0..1000).map(|n| format!("bai-{n}")).collect();
        let mut kept = memo(names.iter().cloned());
        // 20 gone of 1,000: within the slack (16 + 1000 / 128 = 23), nothing is walked.
        forget_gone(&mut kept, 980, || names[20..].iter().map(String::as_str));
        assert_eq!(kept.len(), 1000);
        // 30 gone: all of them are forgotten, the others kept.
        forget_gone(&mut kept, 970, || names[30..].iter().map(String::as_str));
        assert_eq!(kept, memo(names[30..].iter().cloned()));
    }
}
