//! How the `loa` program's allocator (mimalloc, set in `main.rs`) takes and gives back memory.

/// mimalloc's `mi_option_purge_delay`: its place in `mi_option_t` (mimalloc.h).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Sets how the allocator deals with the system; called first thing in `main`.
///
/// Keeps memory freed during a build for the build's next allocations, rather than giving it
/// back to the system after a second and asking for it again: each time, the system clears the
/// pages anew, which took a seventh of a clean build's CPU (perf: `clear_page_erms` under
/// page faults, 6,400 faults against 600). The process holds its peak memory until it ends,
/// which for `build` is at once, and for `serve` is what the next rebuild uses again.
///
/// And asks for ordinary 4 KiB pages rather than Linux's transparent huge pages: with them
/// each first touch of a 2 MiB region has the kernel clear all of it, whether loa uses it or
/// not. At 10,000 articles that was a tenth of a build's CPU (perf: `clear_page_erms` under
/// `do_huge_pmd_anonymous_page`) and 40 MiB of its peak memory, and 70 MiB of `serve`'s
/// (docs/performance.md). mimalloc has an option for it, but reads it once, before `main`, so
/// the process asks the kernel itself; the kernel looks at each first touch. Other systems
/// have no such pages unless a program asks for them.
pub fn configure() {
    // SAFETY: sets an option by its documented number; mimalloc reads options at any time.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
    #[cfg(target_os = "linux")]
    no_huge_pages();
}

/// Turns transparent huge pages off for this process (and what it starts), from now on.
#[cfg(target_os = "linux")]
fn no_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes one integer argument and touches no memory of ours.
    // It fails only on kernels older than 3.15, which then have no such pages to turn off.
    let _ = unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
}

/// The allocator `loa` runs on: mimalloc, asked the plain way for what needs no more than a
/// word's alignment, which is nearly everything Rust allocates (strings, vectors of words and
/// pointers). The `mimalloc` crate's own wrapper asks for every block with its alignment
/// (`mi_malloc_aligned`), whose checks cost a build of 10,000 articles 6 million calls at about
/// 70 instructions each, and for any block over 1 KiB its slow, over-allocating path
/// (docs/performance.md, thirty-eighth round).
pub struct Mimalloc;

/// What every block of mimalloc is aligned to: its smallest size class is one word, and every
/// class is a whole number of words.
const WORD: usize = std::mem::size_of::<usize>();

// SAFETY: every block comes from mimalloc and goes back to it; a block asked for with an
// alignment above a word is asked for (and grown) with that alignment, the rest are aligned
// to a word at least (`WORD`).
unsafe impl std::alloc::GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= WORD {
            libmimalloc_sys::mi_malloc(layout.size()).cast()
        } else {
            libmimalloc_sys::mi_malloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= WORD {
            libmimalloc_sys::mi_zalloc(layout.size()).cast()
        } else {
            libmimalloc_sys::mi_zalloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        libmimalloc_sys::mi_free(ptr.cast());
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, size: usize) -> *mut u8 {
        if layout.align() <= WORD {
            libmimalloc_sys::mi_realloc(ptr.cast(), size).cast()
        } else {
            libmimalloc_sys::mi_realloc_aligned(ptr.cast(), size, layout.align()).cast()
        }
    }
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

    #[cfg(target_os = "linux")]
    #[test]
    fn huge_pages_are_turned_off() {
        super::no_huge_pages();
        // SAFETY: PR_GET_THP_DISABLE takes no argument and returns the flag.
        let disabled = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        assert_eq!(disabled, 1);
    }

    #[test]
    fn blocks_keep_their_alignment_and_contents_when_grown() {
        use std::alloc::{GlobalAlloc, Layout};
        let a = super::Mimalloc;
        for align in [1, 2, 4, 8, 16, 64, 4096] {
            for size in [1, 7, 8, 24, 100, 1025, 70_000] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: each block is used within its size and freed once, by `a`.
                unsafe {
                    let p = a.alloc(layout);
                    assert!(
                        !p.is_null() && (p as usize).is_multiple_of(align),
                        "{size} {align}"
                    );
                    p.write_bytes(7, size);
                    let q = a.realloc(p, layout, size * 3);
                    assert!(
                        !q.is_null() && (q as usize).is_multiple_of(align),
                        "{size} {align}"
                    );
                    assert!(std::slice::from_raw_parts(q, size).iter().all(|&b| b == 7));
                    a.dealloc(q, Layout::from_size_align(size * 3, align).unwrap());
                    let z = a.alloc_zeroed(layout);
                    assert!((z as usize).is_multiple_of(align));
                    assert!(std::slice::from_raw_parts(z, size).iter().all(|&b| b == 0));
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
