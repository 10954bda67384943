//! The report as a printable HTML page in the layout of a Vietnamese administrative report:
//! the same parts as the Word document, A4 with the decree's margins when printed.

use std::fmt::Write as _;

use crate::msg;
use crate::text::escape_html as esc;

use super::narrative::{Block, Span};
use super::tables::{activity_cells, count_tables, Columns};
use super::{Count, Report};

/// The page's head: A4 with the margins of Nghị định 30/2020/NĐ-CP when printed, Times New
/// Roman 14 pt, the heading in two columns, ruled tables.
const HEAD: &str = "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>Báo cáo kết quả tuyên truyền cải cách hành chính</title>\n\
         <style>@page{size:A4;margin:20mm 15mm 20mm 30mm}\
         body{font-family:\"Times New Roman\",\"Liberation Serif\",serif;font-size:14pt;max-width:16.5cm;margin:2cm auto}\
         @media print{body{margin:0;max-width:none}}.number{white-space:pre}\
         .heading{display:grid;grid-template-columns:2fr 3fr;text-align:center;font-size:13pt}.heading p{margin:0}\
         .rule{width:40%;margin:2pt auto 6pt;border-top:1px solid #000}\
         .motto{font-size:14pt}.motto+.rule{width:58%}.place{font-style:italic;margin-top:6pt!important}\
         h1,h2,.period,.to{text-align:center}h1{font-size:14pt;margin:18pt 0 0}h2{font-size:14pt;margin:0}\
         h2+.rule{width:30%}h3{font-size:14pt}h4{font-size:13pt}p.body,li{text-align:justify}p.body{text-indent:1.27cm}\
         table.data{border-collapse:collapse;width:100%;margin:.5em 0;font-size:12pt}table.data td,table.data th{border:1px solid #000;padding:2pt 4pt}\
         td.n{text-align:right}.closing{display:grid;grid-template-columns:1fr 1fr;margin-top:12pt}\
         .copies{font-size:11pt}.copies p{margin:0}.copies strong{font-size:12pt}.sign{text-align:center;font-weight:bold}.sign p{margin:0}.sign .name{margin-top:72pt}\
         </style>\n</head>\n<body>\n<main>\n";

/// The report as a printable HTML page in the layout of a Vietnamese administrative report.
pub fn html(r: &Report) -> String {
    let mut out = String::from(HEAD);
    heading(&mut out, r);
    let _ = writeln!(
        out,
        "<section class=\"part\">\n<h3>{}</h3>",
        msg::REPORT_PART_HEADINGS[0]
    );
    for paragraph in &r.summary {
        let _ = writeln!(out, "<p class=\"body\">{}</p>", esc(paragraph));
    }
    blocks(&mut out, &r.narrative.part(0));
    let _ = writeln!(
        out,
        "<p class=\"body\">{}: <strong>{}</strong>.</p>",
        msg::REPORT_TOTAL,
        r.total
    );
    for (title, _, rows) in count_tables(r) {
        count_table(&mut out, r, title, rows);
    }
    events_table(&mut out, r);
    activities_table(&mut out, r);
    articles_table(&mut out, r);
    out.push_str("</section>\n");
    for (part, title) in msg::REPORT_PART_HEADINGS.iter().enumerate().skip(1) {
        let _ = writeln!(out, "<section class=\"part\">\n<h3>{title}</h3>");
        blocks(&mut out, &r.narrative.part(part));
        out.push_str("</section>\n");
    }
    let _ = writeln!(
        out,
        "<p class=\"body\">{}</p>",
        esc(&msg::report_closing(&r.subject, &r.organization))
    );
    signature(&mut out, r);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The issuing body beside the national motto, then the type, the trích yếu and Kính gửi.
fn heading(out: &mut String, r: &Report) {
    let l = &r.letter;
    let parent = l.parent.as_deref().map_or_else(String::new, |p| {
        format!("<p>{}</p>", esc(&p.to_uppercase()))
    });
    let _ = writeln!(
        out,
        "<header class=\"heading\">\n<div>{parent}<p><strong>{}</strong></p><div class=\"rule\"></div><p class=\"number\">{}</p></div>\n\
         <div><p><strong>{}</strong></p><p class=\"motto\"><strong>{}</strong></p><div class=\"rule\"></div><p class=\"place\">{}</p></div>\n</header>",
        esc(&l.issuer.to_uppercase()),
        esc(&l.number_line()),
        msg::NATIONAL_NAME,
        msg::NATIONAL_MOTTO,
        esc(&r.issued)
    );
    let _ = writeln!(
        out,
        "<h1>{}</h1>\n<h2>{}</h2>\n<div class=\"rule\"></div>\n<p class=\"period\"><em>{}</em></p>\n<p class=\"to\">{}: {}</p>",
        msg::REPORT_TYPE,
        esc(&r.subject),
        esc(&r.period),
        msg::REPORT_TO,
        esc(&l.to.join("; "))
    );
}

/// A table's header row in HTML.
fn header_row(columns: &[&str]) -> String {
    let cells: String = columns.iter().map(|c| format!("<th>{c}</th>")).collect();
    format!("<tr>{cells}</tr>")
}

/// A count table under its heading, the numbers aligned right.
fn count_table(out: &mut String, r: &Report, title: &str, rows: &[Count]) {
    let columns = Columns::of(r, rows);
    let _ = writeln!(
        out,
        "<h4>{title}</h4>\n<table class=\"data\">\n<tr><th>{}</th></tr>",
        columns.header().join("</th><th>")
    );
    for c in rows.iter() {
        let cells = columns.row(c);
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
        "<h4>{}</h4>\n<table class=\"data\">\n{}",
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

/// The activities of the ledger held within the period, when there are any.
fn activities_table(out: &mut String, r: &Report) {
    if r.activities.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<h4>{}</h4>\n<table class=\"data activities\">\n{}",
        msg::REPORT_ACTIVITIES,
        header_row(&msg::REPORT_ACTIVITY_COLUMNS)
    );
    for a in &r.activities {
        let cells: Vec<String> = activity_cells(a).iter().map(|c| esc(c)).collect();
        let _ = writeln!(out, "<tr><td>{}</td></tr>", cells.join("</td><td>"));
    }
    out.push_str("</table>\n");
}

/// The list of articles of the period.
fn articles_table(out: &mut String, r: &Report) {
    let _ = writeln!(
        out,
        "<h4>{}</h4>\n<table class=\"data\">\n{}",
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

/// The officer's paragraphs, and list items as lines of their own.
fn blocks(out: &mut String, blocks: &[Block]) {
    for block in blocks {
        let _ = match block {
            Block::Paragraph(spans) => writeln!(out, "<p class=\"body\">{}</p>", inline(spans)),
            Block::Item { marker, spans } => {
                writeln!(
                    out,
                    "<p class=\"body\">{} {}</p>",
                    esc(marker),
                    inline(spans)
                )
            }
        };
    }
}

fn inline(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match (s.bold, s.italic) {
            (true, true) => format!("<strong><em>{}</em></strong>", esc(&s.text)),
            (true, false) => format!("<strong>{}</strong>", esc(&s.text)),
            (false, true) => format!("<em>{}</em>", esc(&s.text)),
            (false, false) => esc(&s.text),
        })
        .collect()
}

/// Nơi nhận on the left, the signature block on the right.
fn signature(out: &mut String, r: &Report) {
    let l = &r.letter;
    let copies: String = (0..l.copies.len())
        .map(|i| format!("<p>{}</p>", esc(&super::copy_line(&l.copies, i))))
        .collect();
    let (authority, title, name) = super::signer_lines(l);
    let authority = authority.map_or_else(String::new, |a| format!("<p>{}</p>", esc(a)));
    let _ = writeln!(
        out,
        "<footer class=\"closing\">\n<div class=\"copies\"><p><strong><em>{}:</em></strong></p>{copies}</div>\n\
         <div class=\"sign\">{authority}<p>{}</p><p class=\"name\">{}</p></div>\n</footer>",
        msg::REPORT_COPIES,
        esc(title),
        esc(name)
    );
}
