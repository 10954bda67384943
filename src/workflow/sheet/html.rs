//! The approval sheet as a printable page: the same parts as the Word document, laid out for
//! A4 by the browser's print.

use std::fmt::Write as _;

use crate::msg;
use crate::text::escape_html as esc;

use super::word::{decision_line, opinion_lines};
use super::Sheet;

const HEAD: &str = "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
    <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n\
    <style>@page{size:A4;margin:2cm 2cm 2cm 3cm}body{font-family:\"Times New Roman\",\"Liberation Serif\",serif;\
    font-size:13pt;max-width:16cm;margin:1cm auto;line-height:1.4}.heading,.signatures{display:flex;\
    justify-content:space-between;gap:1em;text-align:center}.heading>div:first-child{width:38%}\
    .heading>div:last-child{width:60%}.decision{white-space:pre-wrap}.heading p,.signatures p{margin:0}.org{font-weight:bold;\
    text-transform:uppercase}h1{font-size:14pt;text-align:center;margin:1.2em 0 0}.subtitle{text-align:center;\
    font-style:italic;margin-top:0}table{border-collapse:collapse;width:100%}th,td{border:1px solid #000;\
    padding:3pt 6pt;text-align:left;vertical-align:top}th{width:30%}.signatures>div{width:48%}\
    .space{height:5em}.file{font-size:10pt;font-style:italic;margin-top:2em}</style>\n</head>\n<body>\n<main>\n";

/// The sheet as a printable HTML page.
pub fn html(s: &Sheet) -> String {
    let mut out = HEAD.replace(
        "{title}",
        &esc(&format!("{} — {}", msg::SHEET_TITLE, s.title)),
    );
    let _ = writeln!(
        out,
        "<div class=\"heading\"><div><p class=\"org\">{}</p></div>\
         <div><p><strong>{}</strong></p><p><strong>{}</strong></p></div></div>",
        esc(&s.organization),
        msg::NATIONAL_NAME,
        msg::NATIONAL_MOTTO
    );
    let _ = writeln!(
        out,
        "<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n<table>",
        msg::SHEET_TITLE,
        esc(&msg::sheet_subtitle(&s.site))
    );
    for (label, value) in particulars(s) {
        let value = if value.is_empty() {
            msg::SHEET_BLANK
        } else {
            value
        };
        let _ = writeln!(out, "<tr><th>{label}</th><td>{}</td></tr>", esc(value));
    }
    let _ = writeln!(
        out,
        "</table>\n<p><strong>{}</strong></p>",
        msg::SHEET_OPINION
    );
    for line in opinion_lines(s) {
        let _ = writeln!(out, "<p class=\"opinion\">{}</p>", esc(&line));
    }
    let _ = writeln!(
        out,
        "<p class=\"decision\">{}</p>",
        decision_line(s.decision)
    );
    signatures(&mut out, s);
    let _ = writeln!(
        out,
        "<p class=\"file\">{}</p>",
        esc(&msg::sheet_file(&s.file))
    );
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The lines of the form about the article, label and value (empty: to write by hand).
pub(super) fn particulars(s: &Sheet) -> Vec<(&'static str, &str)> {
    vec![
        (msg::SHEET_ARTICLE, s.title.as_str()),
        (msg::SHEET_UNIT, &s.unit),
        (msg::SHEET_AUTHOR, &s.author),
        (msg::SHEET_DATE, &s.date),
        (msg::SHEET_TOPICS, &s.topics),
        (msg::SHEET_URL, &s.url),
    ]
}

fn signatures(out: &mut String, s: &Sheet) {
    let date = if s.decided.is_empty() {
        msg::SHEET_DATE_BLANK
    } else {
        &s.decided
    };
    let block = |title: &str, date: &str, name: &str| {
        format!(
            "<div><p><em>{}</em></p><p><strong>{title}</strong></p><p><em>{}</em></p>\
             <div class=\"space\"></div><p><strong>{}</strong></p></div>",
            esc(date),
            msg::SHEET_SIGN,
            esc(name)
        )
    };
    let _ = writeln!(
        out,
        "<div class=\"signatures\">{}{}</div>",
        block(msg::SHEET_AUTHOR_SIGNS, "\u{a0}", &s.author),
        block(msg::SHEET_LEADER_SIGNS, date, &s.approver)
    );
}
