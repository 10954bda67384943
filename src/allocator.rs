//! How the `loa` program's allocator (mimalloc, set in `main.rs`) gives memory back.

/// mimalloc's `mi_option_purge_delay`: its place in `mi_option_t` (mimalloc.h).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps memory freed during a build for the build's next allocations, rather than giving it
/// back to the system after a second and asking for it again: each time, the system clears the
/// pages anew, which took a seventh of a clean build's CPU (perf: `clear_page_erms` under
/// page faults, 6,400 faults against 600). The process holds its peak memory until it ends,
/// which for `build` is at once, and for `serve` is what the next rebuild uses again.
pub fn keep_freed_memory() {
    // SAFETY: sets an option by its documented number; mimalloc reads options at any time.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_option_set_is_the_purge_delay() {
        // Its default, 1000 ms, is no other option's: the number names the right option.
        // SAFETY: reads an option.
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        assert!(
            delay == 1000 || std::env::var_os("MIMALLOC_PURGE_DELAY").is_some(),
            "{delay}"
        );
    }
}
