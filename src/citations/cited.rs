//! Which pages cite each document: the lists of the documents' pages.

use std::collections::HashMap;

use super::table::{Document, Table};

/// A document with the pages that cite it.
#[derive(Debug, Clone)]
pub struct Cited {
    pub document: Document,
    /// Indexes into `Site::pages`: articles newest first, then other pages.
    pub pages: Vec<usize>,
}

/// Every document of the table with the pages that cite it, newest document first. `citing`
/// is each page (its index) with the numbers it cites, in the order the lists show them.
pub fn cited<'p>(
    table: Table,
    citing: impl IntoIterator<Item = (usize, &'p [String])>,
) -> Vec<Cited> {
    let mut by_number: HashMap<&str, Vec<usize>> = HashMap::new();
    for (page, numbers) in citing {
        for number in numbers {
            by_number.entry(number.as_str()).or_default().push(page);
        }
    }
    let mut documents: Vec<Cited> = table
        .documents
        .into_iter()
        .map(|document| Cited {
            pages: by_number
                .remove(document.number.as_str())
                .unwrap_or_default(),
            document,
        })
        .collect();
    documents.sort_by(|a, b| {
        b.document.date.cmp(&a.document.date).then_with(|| {
            crate::text::collation_key(&a.document.number)
                .cmp(&crate::text::collation_key(&b.document.number))
        })
    });
    documents
}
