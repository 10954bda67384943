//! The report as a Word document, as it is sent: the layout Nghị định 30/2020/NĐ-CP sets for a
//! báo cáo. A4; margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman, the
//! body 14 pt; the page number centred in the top margin from page 2 on. The heading block,
//! the type and trích yếu, Kính gửi, sections I–IV, then Nơi nhận beside the signature.

mod blocks;
mod heading;

use docx_rs::{AlignmentType, Docx, Header, LineSpacing, PageMargin, PageNum, Paragraph, RunFonts};

use crate::msg;

use super::Report;

/// Sizes in half-points, as Word counts them.
pub(super) mod size {
    /// The body, the type, the trích yếu, the motto, the signature: 14 pt.
    pub const BODY: usize = 28;
    /// The issuing body and its number: 13 pt.
    pub const BODY_SMALL: usize = 26;
    /// The national name and tables: 12 pt.
    pub const SMALL: usize = 24;
    /// The lines of Nơi nhận: 11 pt.
    pub const COPIES: usize = 22;
}

/// The width of the text on the page, in twentieths of a point: A4 (11,906) less the margins.
pub(super) const TEXT_WIDTH: usize = 11906 - LEFT - RIGHT;
const LEFT: usize = 1701;
const RIGHT: usize = 851;

/// The report as a Word document. Fixed dates inside the file, so the same report gives the
/// same bytes.
pub fn docx(r: &Report) -> Vec<u8> {
    let mut doc = page().add_table(heading::heading(r));
    for p in heading::title(r) {
        doc = doc.add_paragraph(p);
    }
    doc = doc.add_paragraph(blocks::part_heading(msg::REPORT_PART_HEADINGS[0]));
    for p in &r.summary {
        doc = doc.add_paragraph(blocks::body(p));
    }
    doc = blocks::officer(doc, &r.narrative.part(0));
    doc = blocks::tables(doc, r);
    for (part, title) in msg::REPORT_PART_HEADINGS.iter().enumerate().skip(1) {
        doc = doc.add_paragraph(blocks::part_heading(title));
        doc = blocks::officer(doc, &r.narrative.part(part));
    }
    // The last words are kept with the signature, on its page.
    let closing = msg::report_closing(&r.subject, &r.organization);
    doc = doc
        .add_paragraph(blocks::body(&closing).keep_next(true))
        .add_paragraph(Paragraph::new().keep_next(true))
        .add_table(heading::closing(r));
    let mut out = std::io::Cursor::new(Vec::new());
    // Writing into memory cannot fail.
    let _ = doc.build().pack(&mut out);
    out.into_inner()
}

/// An empty A4 document with the decree's margins and font, the page number from page 2,
/// and fixed dates.
fn page() -> Docx {
    let number = Paragraph::new()
        .align(AlignmentType::Center)
        .add_page_num(PageNum::new());
    Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(LEFT as i32)
                .right(RIGHT as i32)
                .header(567)
                .footer(567),
        )
        .header(Header::new().add_paragraph(number))
        // The first page has a header of its own, empty: no number on page 1.
        .first_header(Header::new())
        .default_fonts(
            RunFonts::new()
                .ascii("Times New Roman")
                .hi_ansi("Times New Roman")
                .cs("Times New Roman")
                .east_asia("Times New Roman"),
        )
        .default_size(size::BODY)
        .default_line_spacing(LineSpacing::new().before(0).after(0))
        .created_at("2025-01-01T00:00:00Z")
        .updated_at("2025-01-01T00:00:00Z")
}
