//! What every format of the report shares: the four count tables, their headers and rows.

use crate::msg;

use super::{Count, Report};

pub const NO_ARTICLE: &str = "chưa có bài";

fn count_cell(n: usize) -> String {
    if n == 0 {
        NO_ARTICLE.to_string()
    } else {
        n.to_string()
    }
}

/// The header of a count table: with the target and the share reached when any row has one.
pub(super) fn count_header(rows: &[Count]) -> Vec<&'static str> {
    let columns = if rows.iter().any(|c| c.planned.is_some()) {
        &msg::REPORT_COUNT_COLUMNS[..]
    } else {
        &msg::REPORT_COUNT_COLUMNS[..1]
    };
    std::iter::once("").chain(columns.iter().copied()).collect()
}

/// The four count tables (topics, units, channels, months) with the heading each has in a
/// document and the name of its first column in a spreadsheet.
pub(super) fn count_tables(r: &Report) -> [(&'static str, &'static str, &[Count]); 4] {
    let [a, b, c, d] = msg::REPORT_COUNT_SECTIONS;
    let [na, nb, nc, nd] = msg::REPORT_COUNT_NAMES;
    [
        (a, na, &r.topics),
        (b, nb, &r.units),
        (c, nc, &r.channels),
        (d, nd, &r.months),
    ]
}

/// One row of a count table, as many cells as [`count_header`] gives.
pub(super) fn count_row(c: &Count, columns: usize) -> Vec<String> {
    let mut cells = vec![c.name.clone(), count_cell(c.count)];
    if columns > 2 {
        cells.push(c.planned_cell());
        cells.push(c.percent());
    }
    cells
}
