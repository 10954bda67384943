//! The documents of `data/van-ban.yaml` with the published pages citing each.

use super::Published;
use crate::citations::{self, Cited, Table};

/// Every document of the table with the pages that cite it, newest document first; each
/// document's pages are the articles newest first (`articles`), then the other pages.
pub(super) fn documents(
    table: Option<Table>,
    pages: &[Published],
    articles: &[usize],
) -> Vec<Cited> {
    let Some(table) = table else {
        return Vec::new();
    };
    let mut is_article = vec![false; pages.len()];
    for &i in articles {
        is_article[i] = true;
    }
    // Expired pages are listed nowhere (the expired articles are not among `articles`).
    let others = (0..pages.len()).filter(|&i| !is_article[i] && !pages[i].expired);
    let citing = (articles.iter().copied())
        .chain(others)
        .map(|i| (i, pages[i].rendered.documents.as_slice()));
    citations::cited(table, citing)
}
