//! The report as CSV for Excel and LibreOffice, safe from cells a spreadsheet would run.

use crate::msg;

use super::tables::{activity_cells, count_tables, Columns};
use super::Report;

/// The report as CSV for Excel and LibreOffice: UTF-8 with a BOM (or Excel garbles the
/// Vietnamese), one block per table, separated by an empty line. The counts only: the
/// officer's prose of sections II–IV belongs in the document formats.
pub fn csv(r: &Report) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    let mut row = |cells: &[&str]| {
        let _ = w.write_record(cells.iter().map(|c| spreadsheet_safe(c).into_owned()));
    };
    let title = format!("{} {}", msg::REPORT_TYPE, r.subject);
    row(&[&r.organization, &title, &r.period]);
    row(&[msg::REPORT_TOTAL, &r.total.to_string()]);
    if !r.activities.is_empty() {
        row(&[msg::REPORT_ACTIVITY_TOTAL, &r.activities.len().to_string()]);
    }
    for (_, title, rows) in count_tables(r) {
        row(&[""]);
        let columns = Columns::of(r, rows);
        let mut header = columns.header();
        header[0] = title;
        row(&header);
        for c in rows.iter() {
            let cells = columns.row(c);
            row(&cells.iter().map(String::as_str).collect::<Vec<_>>());
        }
    }
    row(&[""]);
    row(&msg::REPORT_EVENT_COLUMNS);
    for e in &r.events {
        let people = e.participants.map_or_else(String::new, |p| p.to_string());
        row(&[&e.date, &e.time, &e.title, &e.location, &people]);
    }
    if !r.activities.is_empty() {
        row(&[""]);
        row(&msg::REPORT_ACTIVITY_COLUMNS);
        for a in &r.activities {
            let mut cells = activity_cells(a);
            // A spreadsheet sums a number, not `1.500.000`.
            cells[5] = a.cost.map_or_else(String::new, |c| c.to_string());
            row(&cells.iter().map(String::as_str).collect::<Vec<_>>());
        }
    }
    row(&[""]);
    row(&msg::REPORT_ARTICLE_COLUMNS);
    for a in &r.articles {
        row(&[&a.date, &a.title, &a.topics, &a.unit, &a.url]);
    }
    w.into_inner().unwrap_or_default()
}

/// A cell as a spreadsheet will take it as text: one that starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return is a formula to Excel and LibreOffice (an article titled
/// `=HYPERLINK(…)` would run as one), so it gets the usual apostrophe in front, which the
/// spreadsheet shows as nothing and keeps the cell text.
fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}
