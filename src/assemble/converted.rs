//! What `serve` keeps of a page's Markdown between builds (`crate::pipeline::cache`).

use std::sync::Arc;

use crate::markdown::{ImageAttrs, Rendered};

/// What rendering one page's Markdown gave: the HTML and how its `image` is published.
pub(crate) type Markdown = (Arc<Rendered>, Option<Arc<ImageAttrs>>);

/// A page's Markdown as converted by an earlier build.
#[derive(Debug, Clone)]
pub(crate) struct Converted {
    /// What it was converted from: the files' and documents' key and the page's source key.
    /// Compared as they are, an unchanged page costs no hashing.
    pub from: (crate::key::Hash, crate::key::Hash),
    /// What the pages its links name were (`Converter::pages_key`).
    pub pages: crate::key::Hash,
    /// The hash of `from` and `pages`, the page's key for the later stages.
    pub key: crate::key::Hash,
    /// What other pages show of it (`Published::card`).
    pub card: crate::key::Hash,
    pub result: Markdown,
}
