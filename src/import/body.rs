//! The blocks of a document body, a table cell or a note: paragraphs and tables, through the
//! content controls and custom XML Word wraps around them.

use super::model::{Block, Cell, Paragraph, Table, VMerge};
use super::read::Context;
use super::runs::paragraph;
use super::xml::Element;

/// The paragraphs and tables under `parent`, in order.
pub fn blocks(parent: &Element, cx: &mut Context) -> Vec<Block> {
    let mut out = Vec::new();
    collect(parent, cx, &mut out);
    out
}

fn collect(parent: &Element, cx: &mut Context, out: &mut Vec<Block>) {
    for e in parent.elements() {
        match e.name.as_str() {
            "p" => out.push(Block::Paragraph(paragraph(e, cx))),
            "tbl" => out.push(Block::Table(table(e, cx))),
            "sdt" => {
                if let Some(content) = e.child("sdtContent") {
                    collect(content, cx, out);
                }
            }
            "customXml" | "ins" | "moveTo" => collect(e, cx, out),
            _ => {}
        }
    }
}

/// Paragraphs only: a table inside a cell or a note gives its cells' paragraphs, in reading
/// order (Markdown has no table in a table).
pub fn paragraphs_of(blocks: Vec<Block>) -> Vec<Paragraph> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph(p) => out.push(p),
            Block::Table(t) => {
                for cell in t.rows.into_iter().flatten() {
                    out.extend(cell.paragraphs);
                }
            }
        }
    }
    out
}

fn table(tbl: &Element, cx: &mut Context) -> Table {
    let mut rows = Vec::new();
    for tr in rows_of(tbl) {
        let cells = cells_of(tr)
            .into_iter()
            .map(|tc| cell(tc, cx))
            .collect::<Vec<_>>();
        rows.push(cells);
    }
    Table { rows }
}

/// The rows of a table, through content controls.
fn rows_of(tbl: &Element) -> Vec<&Element> {
    let mut rows = Vec::new();
    for e in tbl.elements() {
        match e.name.as_str() {
            "tr" => rows.push(e),
            "sdt" | "customXml" => {
                if let Some(content) = e.child("sdtContent").or(Some(e)) {
                    rows.extend(rows_of(content));
                }
            }
            _ => {}
        }
    }
    rows
}

fn cells_of(tr: &Element) -> Vec<&Element> {
    let mut cells = Vec::new();
    for e in tr.elements() {
        match e.name.as_str() {
            "tc" => cells.push(e),
            "sdt" | "customXml" => {
                if let Some(content) = e.child("sdtContent").or(Some(e)) {
                    cells.extend(cells_of(content));
                }
            }
            _ => {}
        }
    }
    cells
}

fn cell(tc: &Element, cx: &mut Context) -> Cell {
    let props = tc.child("tcPr");
    let colspan = props
        .and_then(|p| p.child_val("gridSpan"))
        .and_then(|s| s.parse().ok())
        .unwrap_or(1u32)
        .clamp(1, 1000);
    let vmerge = match props.and_then(|p| p.child("vMerge")) {
        None => VMerge::None,
        Some(v) if v.attr("val") == Some("restart") => VMerge::Restart,
        Some(_) => VMerge::Continue,
    };
    Cell {
        paragraphs: paragraphs_of(blocks(tc, cx)),
        colspan,
        vmerge,
    }
}
