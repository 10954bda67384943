//! The report as a Word document, as it is sent: A4, Times New Roman 13 pt, the heading of a
//! Vietnamese administrative report (issuing body and national motto side by side, then the
//! title), and the tables.

use docx_rs::{
    AlignmentType, Docx, PageMargin, Paragraph, Run, RunFonts, Table, TableCell, TableRow,
    WidthType,
};

use crate::msg;

use super::tables::{count_header, count_row, count_tables};
use super::{Count, Report};

/// The report as a Word document, as it is sent: A4, Times New Roman 13 pt, the heading of a
/// Vietnamese administrative report (issuing body and national motto side by side, then the
/// title), and the tables. Fixed dates inside the file, so the same report gives the same bytes.
pub fn docx(r: &Report) -> Vec<u8> {
    let mut doc = page()
        .add_table(heading(r))
        .add_paragraph(Paragraph::new())
        .add_paragraph(centered(text(msg::REPORT_TYPE).bold().size(28)))
        .add_paragraph(centered(text(msg::REPORT_SUBJECT).bold().size(28)))
        .add_paragraph(centered(text(&r.period).italic()))
        .add_paragraph(Paragraph::new())
        .add_paragraph(Paragraph::new().add_run(text(&format!(
            "{}: {}.",
            msg::REPORT_TOTAL,
            r.total
        ))));
    for (title, _, rows) in count_tables(r) {
        doc = doc
            .add_paragraph(Paragraph::new().add_run(text(title).bold()))
            .add_table(count_table(rows));
    }
    let events_title = msg::report_events(r.events.len(), r.participants);
    doc = doc
        .add_paragraph(Paragraph::new().add_run(text(&events_title).bold()))
        .add_table(events_table(r))
        .add_paragraph(Paragraph::new().add_run(text(msg::REPORT_ARTICLES).bold()))
        .add_table(articles_table(r));
    let mut out = std::io::Cursor::new(Vec::new());
    // Writing into memory cannot fail.
    let _ = doc.build().pack(&mut out);
    out.into_inner()
}

fn text(s: &str) -> Run {
    Run::new().add_text(s)
}

fn centered(run: Run) -> Paragraph {
    Paragraph::new().align(AlignmentType::Center).add_run(run)
}

fn cell(s: &str) -> TableCell {
    TableCell::new().add_paragraph(Paragraph::new().add_run(text(s)))
}

/// An empty A4 document with the margins and font of administrative documents, and fixed
/// dates.
fn page() -> Docx {
    Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(1701)
                .right(1134),
        )
        .default_fonts(
            RunFonts::new()
                .ascii("Times New Roman")
                .hi_ansi("Times New Roman")
                .cs("Times New Roman")
                .east_asia("Times New Roman"),
        )
        .default_size(26)
        .created_at("2025-01-01T00:00:00Z")
        .updated_at("2025-01-01T00:00:00Z")
}

/// The issuing body and the national motto side by side, without borders.
fn heading(r: &Report) -> Table {
    // The body's width on A4 with these margins is 9,071 twips: the issuing body on the left
    // third, the national motto (12 pt, on one line as custom has it) on the right.
    let heading_cell = |width: usize, lines: Vec<Run>| {
        let c = TableCell::new().width(width, WidthType::Dxa);
        lines
            .into_iter()
            .fold(c, |c, run| c.add_paragraph(centered(run)))
    };
    Table::new(vec![TableRow::new(vec![
        heading_cell(
            3400,
            vec![text(&r.organization.to_uppercase()).bold().size(24)],
        ),
        heading_cell(
            5671,
            vec![
                text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold().size(24),
                text("Độc lập - Tự do - Hạnh phúc").bold(),
                text(&r.issued).italic(),
            ],
        ),
    ])])
    .set_grid(vec![3400, 5671])
    .clear_all_border()
}

/// A count table, with its target columns when any row has a target.
fn count_table(rows: &[Count]) -> Table {
    let header = count_header(rows);
    let mut table_rows = vec![TableRow::new(header.iter().map(|h| cell(h)).collect())];
    table_rows.extend(
        rows.iter()
            .map(|c| TableRow::new(count_row(c, header.len()).iter().map(|s| cell(s)).collect())),
    );
    let grid = if header.len() > 2 {
        vec![5271, 1300, 1300, 1200]
    } else {
        vec![7000, 2071]
    };
    Table::new(table_rows).set_grid(grid)
}

fn events_table(r: &Report) -> Table {
    let mut rows = vec![TableRow::new(msg::REPORT_EVENT_COLUMNS.map(cell).to_vec())];
    for e in &r.events {
        let people = e.participants.map_or_else(String::new, |p| p.to_string());
        rows.push(TableRow::new(vec![
            cell(&e.date),
            cell(&e.time),
            cell(&e.title),
            cell(&e.location),
            cell(&people),
        ]));
    }
    Table::new(rows).set_grid(vec![1450, 900, 3100, 2500, 1121])
}

fn articles_table(r: &Report) -> Table {
    let mut rows = vec![TableRow::new(
        msg::REPORT_ARTICLE_COLUMNS.map(cell).to_vec(),
    )];
    for a in &r.articles {
        rows.push(TableRow::new(vec![
            cell(&a.date),
            cell(&a.title),
            cell(&a.topics),
            cell(&a.unit),
            cell(&a.url),
        ]));
    }
    Table::new(rows).set_grid(vec![1450, 2900, 1950, 1250, 1521])
}
