//! The body of the Word report: section headings, paragraphs (loa's and the officer's), and
//! the tables of section I.

use docx_rs::{
    AlignmentType, Docx, LineSpacing, LineSpacingType, Paragraph, Run, SpecialIndentType, Table,
    TableCell, TableRow, VAlignType, WidthType,
};

use crate::msg;

use super::super::narrative::{Block, Span};
use super::super::tables::{activity_cells, count_tables, Columns};
use super::super::{Count, Report};
use super::heading::run;
use super::{size, TEXT_WIDTH};

/// A first line indented 1.27 cm, 6 pt after each paragraph, lines 1.15 apart: within what
/// the decree allows (1–1.27 cm; at least 6 pt; single to 1.5 lines).
fn body_paragraph() -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(720)), None, None)
        .line_spacing(
            LineSpacing::new()
                .after(120)
                .line(276)
                .line_rule(LineSpacingType::Auto),
        )
}

/// A paragraph of loa's own words.
pub(super) fn body(text: &str) -> Paragraph {
    body_paragraph().add_run(run(text, size::BODY))
}

/// `I. KẾT QUẢ THỰC HIỆN`: bold, with space above, kept with what follows.
pub(super) fn part_heading(title: &str) -> Paragraph {
    Paragraph::new()
        .keep_next(true)
        .add_run(run(title, size::BODY).bold())
        .line_spacing(LineSpacing::new().before(240).after(120))
}

/// `1. Theo chủ đề của kế hoạch`: the heading of a table, bold, kept with it.
fn table_heading(title: &str) -> Paragraph {
    body_paragraph()
        .keep_next(true)
        .add_run(run(title, size::BODY).bold())
        .line_spacing(
            LineSpacing::new()
                .before(180)
                .after(120)
                .line(276)
                .line_rule(LineSpacingType::Auto),
        )
}

/// The officer's paragraphs and list items, each a paragraph of the body.
pub(super) fn officer(doc: Docx, blocks: &[Block]) -> Docx {
    blocks.iter().fold(doc, |doc, block| {
        let p = match block {
            Block::Paragraph(spans) => spans_into(body_paragraph(), spans),
            Block::Item { marker, spans } => spans_into(
                body_paragraph().add_run(run(&format!("{marker} "), size::BODY)),
                spans,
            ),
        };
        doc.add_paragraph(p)
    })
}

fn spans_into(p: Paragraph, spans: &[Span]) -> Paragraph {
    spans.iter().fold(p, |p, s| {
        let mut r = run(&s.text, size::BODY);
        if s.bold {
            r = r.bold();
        }
        if s.italic {
            r = r.italic();
        }
        p.add_run(r)
    })
}

/// Section I's tables: the counts, the events, the activities and the articles.
pub(super) fn tables(mut doc: Docx, r: &Report) -> Docx {
    doc = doc.add_paragraph(body(&format!("{}: {}.", msg::REPORT_TOTAL, r.total)));
    for (title, name, rows) in count_tables(r) {
        doc = doc
            .add_paragraph(table_heading(title))
            .add_table(count_table(r, name, rows));
    }
    let events = r.events.iter().map(|e| {
        let people = e.participants.map_or_else(String::new, |p| p.to_string());
        vec![
            e.date.clone(),
            e.time.clone(),
            e.title.clone(),
            e.location.clone(),
            people,
        ]
    });
    doc = doc
        .add_paragraph(table_heading(&msg::report_events(
            r.events.len(),
            r.participants,
        )))
        .add_table(table(
            &msg::REPORT_EVENT_COLUMNS,
            events.collect(),
            &[1450, 850, 3400, 2554, 1100],
        ));
    if !r.activities.is_empty() {
        doc = doc
            .add_paragraph(table_heading(msg::REPORT_ACTIVITIES))
            .add_table(activities_table(r));
    }
    let articles = r.articles.iter().map(|a| {
        let cells = [&a.date, &a.title, &a.topics, &a.unit, &a.url];
        cells.map(String::clone).to_vec()
    });
    doc.add_paragraph(table_heading(msg::REPORT_ARTICLES))
        .add_table(table(
            &msg::REPORT_ARTICLE_COLUMNS,
            articles.collect(),
            &[1450, 2900, 1800, 1350, 1854],
        ))
}

/// The activities on a printed page: the channel and the unit share a column, so that the
/// title and the proof keep room to be read.
fn activities_table(r: &Report) -> Table {
    let rows = r.activities.iter().map(|a| {
        let [date, title, channel, unit, people, cost, proof] = activity_cells(a);
        let by = match unit.as_str() {
            "" => channel,
            unit => format!("{channel}\n({unit})"),
        };
        vec![date, title, by, people, cost, proof]
    });
    table(
        &msg::REPORT_ACTIVITY_COLUMNS_PRINTED,
        rows.collect(),
        &[1450, 2450, 1650, 900, 1300, 1604],
    )
}

/// A count table, with the activity and target columns it needs.
fn count_table(r: &Report, name: &str, rows: &[Count]) -> Table {
    let columns = Columns::of(r, rows);
    let mut header = columns.header();
    header[0] = name;
    let numbers = header.len() - 1;
    let mut grid = vec![1100; numbers];
    grid.insert(0, TEXT_WIDTH - 1100 * numbers);
    table(
        &header,
        rows.iter().map(|c| columns.row(c)).collect(),
        &grid,
    )
}

/// A ruled table of 12 pt text, its header in bold and centred, numbers centred.
fn table(header: &[&str], rows: Vec<Vec<String>>, grid: &[usize]) -> Table {
    let cell = |text: &str, width: usize, bold: bool| {
        let r = Run::new().size(size::SMALL);
        let r = if bold { r.bold() } else { r };
        let number = !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_ascii_digit() || ".%–".contains(c));
        let c = TableCell::new()
            .width(width, WidthType::Dxa)
            .vertical_align(VAlignType::Center);
        // A line break in a cell's text starts a paragraph of its own.
        text.split('\n').fold(c, |c, line| {
            let p = Paragraph::new().add_run(r.clone().add_text(line));
            c.add_paragraph(match bold || number {
                true => p.align(AlignmentType::Center),
                false => p,
            })
        })
    };
    let header_row = header.iter().zip(grid).map(|(h, &w)| cell(h, w, true));
    let mut table_rows = vec![TableRow::new(header_row.collect()).cant_split()];
    table_rows.extend(rows.iter().map(|row| {
        TableRow::new(
            row.iter()
                .zip(grid)
                .map(|(c, &w)| cell(c, w, false))
                .collect(),
        )
        .cant_split()
    }));
    Table::new(table_rows)
        .set_grid(grid.to_vec())
        .width(TEXT_WIDTH, WidthType::Dxa)
}
