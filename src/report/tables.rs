//! What every format of the report shares: the count tables, their headers and rows, and the
//! rows of the activities of the ledger.

use crate::msg;

use super::{ActivityRow, Count, Report};

pub const NO_ARTICLE: &str = "chưa có bài";

fn count_cell(n: usize) -> String {
    if n == 0 {
        NO_ARTICLE.to_string()
    } else {
        n.to_string()
    }
}

/// `1.500.000`: a sum of money as Vietnamese writes it, dots between thousands.
pub(super) fn money(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(d);
    }
    out
}

/// Which columns a count table has besides the name and the number of articles.
#[derive(Debug, Clone, Copy)]
pub(super) struct Columns {
    /// The activities of the ledger and the sum: when the period has any activity.
    pub activities: bool,
    /// The target and the share reached: when any row of the table has a target.
    pub planned: bool,
}

impl Columns {
    pub(super) fn of(r: &Report, rows: &[Count]) -> Columns {
        Columns {
            activities: !r.activities.is_empty(),
            planned: rows.iter().any(|c| c.planned.is_some()),
        }
    }

    /// The header: an empty corner, then the columns' names.
    pub(super) fn header(&self) -> Vec<&'static str> {
        let [articles, planned, share] = msg::REPORT_COUNT_COLUMNS;
        let mut header = vec!["", articles];
        if self.activities {
            header.extend(msg::REPORT_ACTIVITY_COUNT_COLUMNS);
        }
        if self.planned {
            header.extend([planned, share]);
        }
        header
    }

    /// One row, as many cells as [`Columns::header`] gives.
    pub(super) fn row(&self, c: &Count) -> Vec<String> {
        let mut cells = vec![c.name.clone(), count_cell(c.count)];
        if self.activities {
            cells.push(c.activities.to_string());
            cells.push(c.total().to_string());
        }
        if self.planned {
            cells.push(c.planned_cell());
            cells.push(c.percent());
        }
        cells
    }
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

/// An activity's cells, in the order of [`msg::REPORT_ACTIVITY_COLUMNS`]; its place follows
/// its title.
pub(super) fn activity_cells(a: &ActivityRow) -> [String; 7] {
    let title = match a.place.as_str() {
        "" => a.title.clone(),
        place => format!("{} ({place})", a.title),
    };
    [
        a.date.clone(),
        title,
        a.channel.clone(),
        a.unit.clone(),
        a.participants.map_or_else(String::new, |p| p.to_string()),
        a.cost.map_or_else(String::new, money),
        a.proof.clone(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_written_with_dots_between_thousands() {
        assert_eq!(money(0), "0");
        assert_eq!(money(950), "950");
        assert_eq!(money(1500), "1.500");
        assert_eq!(money(1_500_000), "1.500.000");
        assert_eq!(money(12_345_678), "12.345.678");
    }
}
