//! The pages the preview served last. After a save of templates alone they are made first
//! (`Session::templates_first`): the page the officer looks at shows the edit before the
//! whole site is made again, as Hugo's server does with the pages it served.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// How many pages are remembered: a few tabs' worth. Each is rendered before the page in
/// view shows a template edit, a millisecond or so.
const KEPT: usize = 4;

/// Output paths of pages served (`tin-tuc/a/index.html`), the latest first, each once;
/// shared by the HTTP side, which notes them, and the builder, which reads them.
#[derive(Debug, Clone, Default)]
pub struct Viewed(Arc<Mutex<VecDeque<String>>>);

impl Viewed {
    /// `file` was served: it comes first.
    pub fn saw(&self, file: &str) {
        let mut pages = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if pages.front().is_some_and(|first| first == file) {
            return;
        }
        pages.retain(|page| page != file);
        pages.push_front(file.to_string());
        pages.truncate(KEPT);
    }

    /// The pages, the latest first.
    pub fn pages(&self) -> Vec<String> {
        let pages = self.0.lock().unwrap_or_else(|e| e.into_inner());
        pages.iter().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_pages_are_kept_once_each_latest_first() {
        let viewed = Viewed::default();
        for page in ["a", "b", "a", "c", "d", "e", "e"] {
            viewed.saw(page);
        }
        assert_eq!(viewed.pages(), ["e", "d", "c", "a"]);
        viewed.clone().saw("c");
        assert_eq!(viewed.pages(), ["c", "e", "d", "a"]);
    }
}
