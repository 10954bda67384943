//! The report as a printable HTML page in the layout of a Vietnamese administrative report.

use std::fmt::Write as _;

use crate::msg;
use crate::text::escape_html as esc;

use super::tables::{count_header, count_row, count_tables};
use super::{Count, Report};

/// The page's head: A4-like width, Times New Roman 13 pt, centred titles, ruled tables.
const HEAD: &str = "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>Báo cáo kết quả tuyên truyền cải cách hành chính</title>\n\
         <style>body{font-family:\"Times New Roman\",\"Liberation Serif\",serif;font-size:13pt;max-width:18cm;margin:2cm auto}\
         .org{text-align:center;font-weight:bold;text-transform:uppercase}h1,h2,.period{text-align:center}h1{font-size:14pt;margin-bottom:0}\
         h2{font-size:13pt;margin-top:0}table{border-collapse:collapse;width:100%;margin:.5em 0}td,th{border:1px solid #000;padding:2pt 4pt}\
         td.n{text-align:right}</style>\n</head>\n<body>\n<main>\n";

/// The report as a printable HTML page in the layout of a Vietnamese administrative report.
pub fn html(r: &Report) -> String {
    let mut out = String::from(HEAD);
    let _ = writeln!(
        out,
        "<p class=\"org\">{}</p>\n<h1>{}</h1>\n<h2>{}</h2>\n<p class=\"period\"><em>{}</em></p>",
        esc(&r.organization),
        msg::REPORT_TYPE,
        msg::REPORT_SUBJECT,
        esc(&r.period)
    );
    let _ = writeln!(
        out,
        "<p>{}: <strong>{}</strong>.</p>",
        msg::REPORT_TOTAL,
        r.total
    );
    for (title, _, rows) in count_tables(r) {
        count_table(&mut out, title, rows);
    }
    events_table(&mut out, r);
    articles_table(&mut out, r);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// A table's header row in HTML.
fn header_row(columns: &[&str]) -> String {
    let cells: String = columns.iter().map(|c| format!("<th>{c}</th>")).collect();
    format!("<tr>{cells}</tr>")
}

/// A count table under its heading, the numbers aligned right.
fn count_table(out: &mut String, title: &str, rows: &[Count]) {
    let header = count_header(rows);
    let _ = writeln!(
        out,
        "<h3>{title}</h3>\n<table>\n<tr><th>{}</th></tr>",
        header.join("</th><th>")
    );
    for c in rows.iter() {
        let cells = count_row(c, header.len());
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td></tr>",
            esc(&cells[0]),
            cells[1..]
                .iter()
                .map(|c| esc(c))
                .collect::<Vec<_>>()
                .join("</td><td class=\"n\">")
        );
    }
    out.push_str("</table>\n");
}

/// The events held, under a heading that counts them and their participants.
fn events_table(out: &mut String, r: &Report) {
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<table>\n{}",
        msg::report_events(r.events.len(), r.participants),
        header_row(&msg::REPORT_EVENT_COLUMNS)
    );
    for e in &r.events {
        let people = e.participants.map_or_else(String::new, |p| p.to_string());
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
            esc(&e.date),
            esc(&e.time),
            esc(&e.title),
            esc(&e.location),
            people
        );
    }
    out.push_str("</table>\n");
}

/// The list of articles of the period.
fn articles_table(out: &mut String, r: &Report) {
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<table>\n{}",
        msg::REPORT_ARTICLES,
        header_row(&msg::REPORT_ARTICLE_COLUMNS)
    );
    for a in &r.articles {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&a.date),
            esc(&a.title),
            esc(&a.topics),
            esc(&a.unit),
            esc(&a.url)
        );
    }
    out.push_str("</table>\n");
}
