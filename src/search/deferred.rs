//! The search index of `serve`'s site, made when a reader first searches.

use std::sync::{Arc, Mutex, OnceLock};

use super::{index_files, Memo};
use crate::assemble::Site;
use crate::output::{Kind, Output, Outputs};

/// A site's search index, made the first time it is asked for. `serve` shows an edited page
/// without waiting for the index of the whole site; the index is made when a reader searches,
/// from the same site, so it is the one a clean build writes.
#[derive(Debug)]
pub struct Deferred {
    site: Arc<Site>,
    memo: Arc<Mutex<Memo>>,
    files: OnceLock<Outputs>,
}

impl Deferred {
    pub fn new(site: Arc<Site>, memo: Arc<Mutex<Memo>>) -> Deferred {
        Deferred {
            site,
            memo,
            files: OnceLock::new(),
        }
    }

    /// The site the index is made of.
    pub fn site(&self) -> &Arc<Site> {
        &self.site
    }

    /// The index's files, made now if they were not yet.
    pub fn files(&self) -> &Outputs {
        self.files.get_or_init(|| {
            let mut memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
            index_files(&self.site, &mut memo)
                .into_iter()
                .map(|(path, bytes)| (path, Output::new(Kind::SearchFile, bytes)))
                .collect()
        })
    }
}
