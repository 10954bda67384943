//! Views of the legal documents of `data/van-ban.yaml`: their pages and the list of them.

use serde::Serialize;

use super::Views;
use crate::citations::Cited;

/// `document` in `van-ban.html`, and each item of `documents` in `van-ban-list.html`.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    /// Số, ký hiệu as written on the document: `118/2025/NĐ-CP`.
    pub number: String,
    /// The number folded to ASCII: `118-2025-nd-cp`.
    pub slug: String,
    pub title: String,
    /// Date of issue, `2025-06-09`; write it with `date_vi` or `date_vi_short`.
    pub date: String,
    /// Who issued it (`Chính phủ`), when the table says.
    pub issuer: Option<String>,
    pub description: Option<String>,
    /// The official text (absolute URL, as written in the table).
    pub source_url: String,
    /// Root-relative link to the document's page on this site.
    pub url: String,
    /// Absolute URL of that page.
    pub permalink: String,
    /// How many published articles and pages cite it.
    pub count: usize,
}

/// A document cited by a page: in `page.documents`.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentLink {
    pub number: String,
    pub title: String,
    pub url: String,
}

impl Views<'_> {
    pub fn document(&self, cited: &Cited) -> DocumentView {
        let d = &cited.document;
        let path = d.path();
        DocumentView {
            number: d.number.clone(),
            slug: d.slug.clone(),
            title: d.title.clone(),
            date: d.date.to_string(),
            issuer: d.issuer.clone(),
            description: d.description.clone(),
            source_url: d.url.clone(),
            url: self.link(&path),
            permalink: self.permalink(&path),
            count: cited.pages.len(),
        }
    }

    /// The documents a page cites, in the order it first cites them.
    pub fn document_links(&self, numbers: &[String]) -> Vec<DocumentLink> {
        numbers
            .iter()
            .filter_map(|n| self.site.documents.iter().find(|c| &c.document.number == n))
            .map(|c| DocumentLink {
                number: c.document.number.clone(),
                title: c.document.title.clone(),
                url: self.link(&c.document.path()),
            })
            .collect()
    }
}
