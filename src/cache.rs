//! Results of the pipeline's pure stages, kept between builds by `serve`.
//!
//! Each entry is keyed by a hash of everything its stage reads, so a hit returns exactly what
//! running the stage again would: an empty cache is a clean build, and `serve`'s incremental
//! builds cannot drift from one (the invariant test in tests/site/invariant.rs holds us to it).
//! Only entries used by the latest build are kept, so the cache never outgrows the site.

use std::collections::HashMap;

use crate::diag::Diagnostic;
use crate::markdown::Rendered;
use crate::model::Page;

/// What parsing one file gave.
pub(crate) type Parsed = (Option<Page>, Vec<Diagnostic>);

/// What rendering one page's Markdown gave: the HTML and how its `image` is published.
pub(crate) type Markdown = (Rendered, Option<crate::markdown::ImageAttrs>);

#[derive(Debug, Default)]
pub struct Cache {
    /// Content path → (hash of the file and the config it was checked against, result).
    pub(crate) parsed: HashMap<String, (blake3::Hash, Parsed)>,
    /// Content path → (hash of the page and of every link target, result).
    pub(crate) markdown: HashMap<String, (blake3::Hash, Markdown)>,
    /// Resized photos by content hash.
    pub(crate) images: crate::images::Memo,
    /// Page path → (hash of its HTML, title, summary and labels, its words for search).
    pub(crate) search: crate::search::Memo,
    /// Rendered pages by output path, with the hash of what their context was built from.
    pub(crate) rendered: crate::render::RenderMemo,
}

impl Cache {
    /// Number of entries, for tests and reports.
    pub fn len(&self) -> usize {
        self.parsed.len()
            + self.markdown.len()
            + self.images.len()
            + self.search.len()
            + self.rendered.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
