//! The parts of the Word report around its body: the heading block (issuing body and number
//! beside the national motto, place and date), the type and trích yếu, Kính gửi; and at the
//! end, Nơi nhận beside the signature.

use docx_rs::{
    AlignmentType, BorderType, LineSpacing, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, Run, Table, TableCell, TableRow, VAlignType, WidthType,
};

use crate::msg;

use super::super::{copy_line, signer_lines, Report};
use super::size;
use super::TEXT_WIDTH;

/// The heading's left column (the issuing body); the national motto takes the rest.
const LEFT_COLUMN: usize = 3700;
/// Nơi nhận's column; the signature takes the rest.
const COPIES_COLUMN: usize = 4400;

pub(super) fn run(text: &str, size: usize) -> Run {
    Run::new().add_text(text).size(size)
}

pub(super) fn centered(run: Run) -> Paragraph {
    Paragraph::new().align(AlignmentType::Center).add_run(run)
}

/// Space before a paragraph, in twentieths of a point.
fn before(p: Paragraph, twips: u32) -> Paragraph {
    p.line_spacing(LineSpacing::new().before(twips))
}

/// What a table cell keeps free on its left and right together (Word's default, 0.19 cm
/// each side): the text, and the rules, are that much narrower than the cell.
const CELL_PADDING: usize = 216;

/// The short rule drawn under the issuing body, the motto and the trích yếu: an empty
/// paragraph `width` wide (centred in `within`) with a line along its top and no other.
fn rule(width: usize, within: usize) -> Paragraph {
    let side = (within.saturating_sub(width) / 2) as i32;
    let mut p = Paragraph::new()
        .indent(Some(side), None, Some(side), None)
        .size(2)
        .line_spacing(LineSpacing::new().before(40).after(0));
    let top = ParagraphBorder::new(ParagraphBorderPosition::Top)
        .val(BorderType::Single)
        .size(6)
        .space(0);
    p.property = p
        .property
        .set_borders(ParagraphBorders::with_empty().set(top));
    p
}

/// About how wide `text` is set in bold Times New Roman of `size` half-points, in twentieths
/// of a point: capitals are wider than small letters. It only sizes the rules under lines.
fn width_of(text: &str, size: usize) -> usize {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            ' ' => 0.25,
            c if c.is_uppercase() => 0.72,
            _ => 0.51,
        })
        .sum();
    (ems * size as f64 * 10.0) as usize
}

fn cell(width: usize, paragraphs: Vec<Paragraph>) -> TableCell {
    let c = TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Top);
    paragraphs.into_iter().fold(c, |c, p| c.add_paragraph(p))
}

/// The issuing body and its number beside the national name, the motto, place and date.
pub(super) fn heading(r: &Report) -> Table {
    let l = &r.letter;
    let issuer = l.issuer.to_uppercase();
    let mut left = Vec::new();
    if let Some(parent) = &l.parent {
        left.push(centered(run(&parent.to_uppercase(), size::BODY_SMALL)));
    }
    left.push(centered(run(&issuer, size::BODY_SMALL).bold()));
    // The rule under the body: a third to a half of its name.
    let issuer_width = width_of(&issuer, size::BODY_SMALL).min(LEFT_COLUMN - CELL_PADDING);
    left.push(rule(issuer_width * 2 / 5, LEFT_COLUMN - CELL_PADDING));
    left.push(before(
        centered(run(&l.number_line(), size::BODY_SMALL)),
        120,
    ));
    let right_width = TEXT_WIDTH - LEFT_COLUMN;
    let right = vec![
        centered(run(msg::NATIONAL_NAME, size::SMALL).bold()),
        centered(run(msg::NATIONAL_MOTTO, size::BODY).bold()),
        // The rule under the motto is as long as the motto.
        rule(
            width_of(msg::NATIONAL_MOTTO, size::BODY),
            right_width - CELL_PADDING,
        ),
        before(centered(run(&r.issued, size::BODY).italic()), 120),
    ];
    Table::new(vec![TableRow::new(vec![
        cell(LEFT_COLUMN, left),
        cell(right_width, right),
    ])
    .cant_split()])
    .set_grid(vec![LEFT_COLUMN, right_width])
    .width(TEXT_WIDTH, WidthType::Dxa)
    .clear_all_border()
}

/// The document's type and trích yếu with the rule under them, then Kính gửi.
pub(super) fn title(r: &Report) -> Vec<Paragraph> {
    let subject_width = width_of(&r.subject, size::BODY).min(TEXT_WIDTH);
    let mut out = vec![
        before(centered(run(msg::REPORT_TYPE, size::BODY).bold()), 360),
        centered(run(&r.subject, size::BODY).bold()),
        rule((subject_width / 3).max(1200), TEXT_WIDTH),
    ];
    let to = &r.letter.to;
    match to.as_slice() {
        [one] => out.push(before(
            centered(run(&format!("{}: {one}.", msg::REPORT_TO), size::BODY)),
            240,
        )),
        many => {
            out.push(before(
                centered(run(&format!("{}:", msg::REPORT_TO), size::BODY)),
                240,
            ));
            for i in 0..many.len() {
                out.push(centered(run(&copy_line(many, i), size::BODY)));
            }
        }
    }
    out.push(Paragraph::new());
    out
}

/// Nơi nhận on the left; on the right the signer's authority, title, room to sign and seal,
/// and name.
pub(super) fn closing(r: &Report) -> Table {
    let l = &r.letter;
    let mut copies = vec![Paragraph::new().add_run(
        run(&format!("{}:", msg::REPORT_COPIES), size::SMALL)
            .bold()
            .italic(),
    )];
    copies.extend(
        (0..l.copies.len())
            .map(|i| Paragraph::new().add_run(run(&copy_line(&l.copies, i), size::COPIES))),
    );
    let (authority, title, name) = signer_lines(l);
    let mut sign: Vec<Paragraph> = authority
        .map(|a| centered(run(&a.to_uppercase(), size::BODY).bold()))
        .into_iter()
        .collect();
    sign.push(centered(run(&title.to_uppercase(), size::BODY).bold()));
    sign.extend((0..4).map(|_| Paragraph::new()));
    sign.push(centered(run(name, size::BODY).bold()));
    let right = TEXT_WIDTH - COPIES_COLUMN;
    // One row that is never split: Nơi nhận and the signature stay on one page.
    Table::new(vec![TableRow::new(vec![
        cell(COPIES_COLUMN, copies),
        cell(right, sign),
    ])
    .cant_split()])
    .set_grid(vec![COPIES_COLUMN, right])
    .width(TEXT_WIDTH, WidthType::Dxa)
    .clear_all_border()
}
