//! Legal citations: the table of documents in `data/van-ban.yaml`, and finding their numbers
//! (số, ký hiệu: `118/2025/NĐ-CP`, `66/NQ-CP`, `57-NQ/TW`) in what officers write.
//!
//! Text is scanned for anything shaped like a document number. One written as the rules of
//! Nghị định 30/2020/NĐ-CP want and listed in the table is a citation: the markdown stage turns
//! it into a link to the document's page. One listed nowhere is a warning, never a guessed link;
//! one written wrongly (`ND-CP` for `NĐ-CP`, `nđ-cp`, a decree without its year) is a warning
//! carrying the corrected form.
//!
//! `number` recognises numbers in a text, `table` says what a number found is, `read` reads
//! the table's file, `linker` links a page's citations and `cited` lists who cites what.

mod cited;
mod linker;
mod number;
mod read;
mod table;

pub use cited::{cited, Cited};
pub use linker::{LinkCitations, Linker, Notes, Scope};
pub use number::Fault;
pub use read::parse;
pub use table::{Cite, Document, Mention, Table};

/// The table, relative to the site folder (load reads it with the site's other files).
pub use crate::load::DOCUMENTS_FILE as TABLE_FILE;

/// The table again from the documents a site cites, for looking numbers up after assembly
/// (the desk's highlighting); `None` for a site without a table.
pub fn table_of(documents: &[Cited]) -> Option<Table> {
    (!documents.is_empty())
        .then(|| Table::new(documents.iter().map(|c| c.document.clone()).collect()))
}

/// Where document pages live: `van-ban/` lists them, `van-ban/<slug>/` is one.
pub const DOCUMENTS_PATH: &str = "van-ban/";

/// A small table for the tests of every part.
#[cfg(test)]
pub(crate) mod fixture {
    use super::*;

    pub(crate) const TABLE: &str = "\
- number: 118/2025/NĐ-CP
  title: Nghị định về một cửa
  date: 2025-06-09
  url: https://vanban.chinhphu.vn/
- number: 66/NQ-CP
  title: Nghị quyết về cắt giảm thủ tục
  date: 2025-03-26
  url: https://vanban.chinhphu.vn/
- number: 57-NQ/TW
  title: Nghị quyết về khoa học, công nghệ
  date: 2024-12-22
  url: https://vanban.chinhphu.vn/
- number: 80/2015/QH13
  title: Luật Ban hành văn bản quy phạm pháp luật
  date: 2015-06-22
  url: https://vanban.chinhphu.vn/
";

    pub(crate) fn table() -> Table {
        let (table, problems) = parse(TABLE);
        assert!(problems.is_empty(), "{problems:?}");
        table
    }
}
