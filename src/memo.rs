//! What every memo kept between builds shares: forgetting the entries of what is gone, and
//! freeing what a build no longer needs without waiting for it.

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

/// Drops `old` on a thread of its own: freeing every page of a large site takes a third of a
/// second at 100,000 articles, which neither the edited page (`serve`) nor the end of a build
/// need wait for. A program that ends meanwhile frees it all at once instead.
pub(crate) fn drop_later<T: Send + 'static>(old: T) {
    // Should no thread start, the closure, and `old` with it, is dropped here.
    let _ = std::thread::Builder::new()
        .name("loa-drop".into())
        .spawn(move || drop(old));
}
