//! The approval sheet as a Word document: A4, Times New Roman 13 pt, the heading of an
//! administrative paper, the article's particulars, the leader's opinion and two signatures.

use docx_rs::{
    AlignmentType, Docx, PageMargin, Paragraph, Run, RunFonts, Table, TableCell, TableRow,
    WidthType,
};

use crate::msg;

use super::{Decision, Sheet};

/// The width of the text on A4 with these margins, in twips.
const WIDTH: usize = 9071;

/// The sheet as a .docx file. Fixed dates inside, so one sheet gives the same bytes.
pub fn docx(s: &Sheet) -> Vec<u8> {
    let mut doc = page()
        .add_table(heading(s))
        .add_paragraph(Paragraph::new())
        .add_paragraph(centered(text(msg::SHEET_TITLE).bold().size(28)))
        .add_paragraph(centered(text(&msg::sheet_subtitle(&s.site)).italic()))
        .add_paragraph(Paragraph::new())
        .add_table(particulars(s))
        .add_paragraph(Paragraph::new())
        .add_paragraph(Paragraph::new().add_run(text(msg::SHEET_OPINION).bold()));
    for line in opinion_lines(s) {
        doc = doc.add_paragraph(Paragraph::new().add_run(text(&line)));
    }
    doc = doc
        .add_paragraph(Paragraph::new().add_run(text(&decision_line(s.decision))))
        .add_paragraph(Paragraph::new())
        .add_table(signatures(s))
        .add_paragraph(Paragraph::new())
        .add_paragraph(Paragraph::new().add_run(text(&msg::sheet_file(&s.file)).size(20).italic()));
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

/// An empty A4 document with the margins and font of administrative papers, fixed dates.
fn page() -> Docx {
    let times = RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman")
        .east_asia("Times New Roman");
    Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(1701)
                .right(1134),
        )
        .default_fonts(times)
        .default_size(26)
        .created_at("2025-01-01T00:00:00Z")
        .updated_at("2025-01-01T00:00:00Z")
}

/// A borderless cell of centred lines.
fn lines_cell(width: usize, lines: Vec<Run>) -> TableCell {
    let cell = TableCell::new().width(width, WidthType::Dxa);
    lines
        .into_iter()
        .fold(cell, |c, run| c.add_paragraph(centered(run)))
}

/// The department and the national motto side by side.
fn heading(s: &Sheet) -> Table {
    Table::new(vec![TableRow::new(vec![
        lines_cell(
            3400,
            vec![text(&s.organization.to_uppercase()).bold().size(24)],
        ),
        lines_cell(
            WIDTH - 3400,
            vec![
                text(msg::NATIONAL_NAME).bold().size(24),
                text(msg::NATIONAL_MOTTO).bold(),
            ],
        ),
    ])])
    .set_grid(vec![3400, WIDTH - 3400])
    .clear_all_border()
}

/// The article's particulars: one row per line of the form, a dotted line where the file
/// does not say.
fn particulars(s: &Sheet) -> Table {
    let rows = super::html::particulars(s)
        .into_iter()
        .map(|(label, value)| {
            let value = if value.is_empty() {
                msg::SHEET_BLANK
            } else {
                value
            };
            TableRow::new(vec![
                TableCell::new()
                    .width(2600, WidthType::Dxa)
                    .add_paragraph(Paragraph::new().add_run(text(label).bold())),
                TableCell::new()
                    .width(WIDTH - 2600, WidthType::Dxa)
                    .add_paragraph(Paragraph::new().add_run(text(value))),
            ])
        })
        .collect();
    Table::new(rows).set_grid(vec![2600, WIDTH - 2600])
}

/// The opinion as written, or dotted lines to write it by hand.
pub(super) fn opinion_lines(s: &Sheet) -> Vec<String> {
    if s.opinion.is_empty() {
        vec![msg::SHEET_BLANK.to_string(); 3]
    } else {
        s.opinion.lines().map(String::from).collect()
    }
}

/// The two boxes of the decision, the one taken ticked.
pub(super) fn decision_line(decision: Decision) -> String {
    let tick = |on: bool| if on { "☒" } else { "☐" };
    format!(
        "{} {}        {} {}",
        tick(decision == Decision::Approved),
        msg::SHEET_APPROVED,
        tick(decision == Decision::Returned),
        msg::SHEET_RETURNED
    )
}

/// The author's and the leader's signature blocks, side by side and without borders.
fn signatures(s: &Sheet) -> Table {
    let date = if s.decided.is_empty() {
        msg::SHEET_DATE_BLANK
    } else {
        &s.decided
    };
    let block = |title: &str, date: &str, name: &str| {
        let mut lines = vec![
            text(date).italic(),
            text(title).bold(),
            text(msg::SHEET_SIGN).italic(),
        ];
        lines.extend((0..4).map(|_| text("")));
        lines.push(text(name).bold());
        lines_cell(WIDTH / 2, lines)
    };
    Table::new(vec![TableRow::new(vec![
        block(msg::SHEET_AUTHOR_SIGNS, "", &s.author),
        block(msg::SHEET_LEADER_SIGNS, date, &s.approver),
    ])])
    .set_grid(vec![WIDTH / 2, WIDTH - WIDTH / 2])
    .clear_all_border()
}
