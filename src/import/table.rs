//! Word tables in Markdown: a pipe table with the first row as its header, or, when cells are
//! merged (which a pipe table cannot say), an HTML table with `rowspan` and `colspan` that the
//! build sanitizes like any HTML an author writes.

use super::inline::{self, Files, Place};
use super::model::{Cell, Paragraph, Table, VMerge};

/// The table as Markdown (a pipe table) or as an HTML block when cells are merged.
pub fn write(table: &Table, files: &Files) -> String {
    if table.merged() {
        html(table, files)
    } else {
        pipe(table, files)
    }
}

fn pipe(table: &Table, files: &Files) -> String {
    let columns = table.rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let row = |cells: &[Cell]| {
        let mut texts: Vec<String> = cells
            .iter()
            .map(|c| cell_markdown(&c.paragraphs, files))
            .collect();
        texts.resize(columns, String::new());
        format!("| {} |", texts.join(" | "))
    };
    let mut lines = Vec::with_capacity(table.rows.len() + 1);
    let mut rows = table.rows.iter();
    lines.push(row(rows.next().map(Vec::as_slice).unwrap_or_default()));
    lines.push(format!("|{}", " --- |".repeat(columns)));
    lines.extend(rows.map(|r| row(r)));
    lines.join("\n")
}

/// A cell's paragraphs on one line: list items keep a mark, paragraphs are separated by `<br>`.
fn cell_markdown(paragraphs: &[Paragraph], files: &Files) -> String {
    paragraphs
        .iter()
        .map(|p| {
            let text = inline::markdown(&p.inlines, files, Place::Cell);
            match &p.list {
                Some(item) if !text.is_empty() => {
                    format!("{}{text}", if item.ordered { "" } else { "• " })
                }
                _ => text,
            }
        })
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("<br>")
}

fn cell_html(paragraphs: &[Paragraph], files: &Files) -> String {
    paragraphs
        .iter()
        .map(|p| inline::html(&p.inlines, files))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("<br>")
}

/// An HTML table, on consecutive lines (a blank line would end Markdown's HTML block).
fn html(table: &Table, files: &Files) -> String {
    let spans = rowspans(table);
    let mut lines = vec!["<table>".to_string()];
    for (r, row) in table.rows.iter().enumerate() {
        let tag = if r == 0 { "th" } else { "td" };
        match r {
            0 => lines.push("<thead>".to_string()),
            1 => lines.push("<tbody>".to_string()),
            _ => {}
        }
        let mut tr = String::from("<tr>");
        for (c, cell) in row.iter().enumerate() {
            if cell.vmerge == VMerge::Continue {
                continue;
            }
            tr.push('<');
            tr.push_str(tag);
            if cell.colspan > 1 {
                tr.push_str(&format!(" colspan=\"{}\"", cell.colspan));
            }
            if spans[r][c] > 1 {
                tr.push_str(&format!(" rowspan=\"{}\"", spans[r][c]));
            }
            tr.push_str(&format!(">{}</{tag}>", cell_html(&cell.paragraphs, files)));
        }
        tr.push_str("</tr>");
        lines.push(tr);
        if r == 0 {
            lines.push("</thead>".to_string());
        }
    }
    if table.rows.len() > 1 {
        lines.push("</tbody>".to_string());
    }
    lines.push("</table>".to_string());
    lines.join("\n")
}

/// How many rows each cell spans: a cell starting a vertical merge spans the cells that
/// continue it below, in the same grid column.
fn rowspans(table: &Table) -> Vec<Vec<usize>> {
    let columns: Vec<Vec<u32>> = table
        .rows
        .iter()
        .map(|row| {
            let mut at = 0u32;
            row.iter()
                .map(|c| {
                    let start = at;
                    at = at.saturating_add(c.colspan);
                    start
                })
                .collect()
        })
        .collect();
    let continues = |r: usize, column: u32| {
        columns.get(r).is_some_and(|cols| {
            cols.iter()
                .position(|&c| c == column)
                .is_some_and(|i| table.rows[r][i].vmerge == VMerge::Continue)
        })
    };
    table
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .enumerate()
                .map(|(i, cell)| match cell.vmerge {
                    VMerge::Restart => {
                        1 + (r + 1..table.rows.len())
                            .take_while(|&below| continues(below, columns[r][i]))
                            .count()
                    }
                    _ => 1,
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::model::{Emphasis, Inline};

    fn cell(text: &str, colspan: u32, vmerge: VMerge) -> Cell {
        Cell {
            paragraphs: vec![Paragraph {
                inlines: vec![Inline::Text {
                    text: text.to_string(),
                    emphasis: Emphasis::default(),
                    link: None,
                }],
                ..Paragraph::default()
            }],
            colspan,
            vmerge,
        }
    }

    #[test]
    fn a_plain_table_is_a_pipe_table_with_the_first_row_as_header() {
        let table = Table {
            rows: vec![
                vec![
                    cell("Đơn vị", 1, VMerge::None),
                    cell("Số hồ sơ", 1, VMerge::None),
                ],
                vec![cell("Phòng A|B", 1, VMerge::None)],
            ],
        };
        assert_eq!(
            write(&table, &Files::new()),
            "| Đơn vị | Số hồ sơ |\n| --- | --- |\n| Phòng A\\|B |  |"
        );
    }

    #[test]
    fn merged_cells_give_an_html_table_with_spans() {
        let table = Table {
            rows: vec![
                vec![
                    cell("Lĩnh vực", 1, VMerge::None),
                    cell("Kết quả", 2, VMerge::None),
                ],
                vec![
                    cell("Hộ tịch", 1, VMerge::Restart),
                    cell("Đúng hạn", 1, VMerge::None),
                    cell("98%", 1, VMerge::None),
                ],
                vec![
                    cell("", 1, VMerge::Continue),
                    cell("Trễ hạn", 1, VMerge::None),
                    cell("2%", 1, VMerge::None),
                ],
            ],
        };
        let html = write(&table, &Files::new());
        assert_eq!(
            html,
            "<table>\n<thead>\n<tr><th>Lĩnh vực</th><th colspan=\"2\">Kết quả</th></tr>\n</thead>\n<tbody>\n\
             <tr><td rowspan=\"2\">Hộ tịch</td><td>Đúng hạn</td><td>98%</td></tr>\n\
             <tr><td>Trễ hạn</td><td>2%</td></tr>\n</tbody>\n</table>"
        );
        assert!(!html.contains("\n\n"), "one HTML block");
    }
}
