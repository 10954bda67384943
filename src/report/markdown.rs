//! The report as Markdown, for reading or pasting into a document: the same parts as the
//! Word document, in the same order.

use std::fmt::Write as _;

use crate::msg;

use super::narrative::{Block, Span};
use super::tables::{activity_cells, count_tables, Columns};
use super::Report;

/// The report as Markdown, for reading or pasting into a document.
pub fn markdown(r: &Report) -> String {
    let mut out = String::new();
    heading(&mut out, r);
    let _ = writeln!(out, "### {}\n", msg::REPORT_PART_HEADINGS[0]);
    for paragraph in &r.summary {
        let _ = writeln!(out, "{paragraph}\n");
    }
    blocks(&mut out, &r.narrative.part(0));
    let _ = writeln!(out, "{}: **{}**.\n", msg::REPORT_TOTAL, r.total);
    tables(&mut out, r);
    for (part, title) in msg::REPORT_PART_HEADINGS.iter().enumerate().skip(1) {
        let _ = writeln!(out, "### {title}\n");
        blocks(&mut out, &r.narrative.part(part));
    }
    let _ = writeln!(
        out,
        "{}\n",
        msg::report_closing(&r.subject, &r.organization)
    );
    signature(&mut out, r);
    out
}

/// The issuing body and number, the national motto, place and date, the document's type and
/// trích yếu, and Kính gửi.
fn heading(out: &mut String, r: &Report) {
    let l = &r.letter;
    if let Some(parent) = &l.parent {
        let _ = writeln!(out, "{}  ", parent.to_uppercase());
    }
    let _ = writeln!(
        out,
        "**{}**  \n{}\n",
        l.issuer.to_uppercase(),
        l.number_line()
    );
    let _ = writeln!(
        out,
        "**{}**  \n**{}**  \n*{}*\n",
        msg::NATIONAL_NAME,
        msg::NATIONAL_MOTTO,
        r.issued
    );
    let _ = writeln!(
        out,
        "# {}\n\n## {}\n\n*{}*\n",
        msg::REPORT_TYPE,
        r.subject,
        r.period
    );
    match l.to.as_slice() {
        [one] => {
            let _ = writeln!(out, "{}: {one}.\n", msg::REPORT_TO);
        }
        many => {
            let _ = writeln!(out, "{}:\n", msg::REPORT_TO);
            for to in many {
                let _ = writeln!(out, "- {to};");
            }
            out.push('\n');
        }
    }
}

/// The counts, the events, the activities and the articles of section I.
fn tables(out: &mut String, r: &Report) {
    for (title, _, rows) in count_tables(r) {
        let columns = Columns::of(r, rows);
        let header = columns.header();
        let _ = writeln!(
            out,
            "#### {title}\n\n| {} |\n|---{}|",
            header.join(" | "),
            "|---:".repeat(header.len() - 1)
        );
        for c in rows.iter() {
            let _ = writeln!(out, "| {} |", columns.row(c).join(" | "));
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "#### {}\n\n| {} |\n|---|---|---|---|---:|",
        msg::report_events(r.events.len(), r.participants),
        msg::REPORT_EVENT_COLUMNS.join(" | ")
    );
    for e in &r.events {
        let people = e.participants.map_or_else(String::new, |p| p.to_string());
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            e.date, e.time, e.title, e.location, people
        );
    }
    if !r.activities.is_empty() {
        let _ = writeln!(
            out,
            "\n#### {}\n\n| {} |\n|---|---|---|---|---:|---:|---|",
            msg::REPORT_ACTIVITIES,
            msg::REPORT_ACTIVITY_COLUMNS.join(" | ")
        );
        for a in &r.activities {
            let _ = writeln!(out, "| {} |", activity_cells(a).join(" | "));
        }
    }
    let _ = writeln!(
        out,
        "\n#### {}\n\n| {} |\n|---|---|---|---|---|",
        msg::REPORT_ARTICLES,
        msg::REPORT_ARTICLE_COLUMNS.join(" | ")
    );
    for a in &r.articles {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            a.date, a.title, a.topics, a.unit, a.url
        );
    }
    out.push('\n');
}

/// The officer's paragraphs and list items.
fn blocks(out: &mut String, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Paragraph(spans) => {
                let _ = writeln!(out, "{}\n", inline(spans));
            }
            Block::Item { marker, spans } => {
                let _ = writeln!(out, "{marker} {}", inline(spans));
            }
        }
    }
    if matches!(blocks.last(), Some(Block::Item { .. })) {
        out.push('\n');
    }
}

fn inline(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match (s.bold, s.italic) {
            (true, true) => format!("***{}***", s.text),
            (true, false) => format!("**{}**", s.text),
            (false, true) => format!("*{}*", s.text),
            (false, false) => s.text.clone(),
        })
        .collect()
}

/// Nơi nhận, and the signature block.
fn signature(out: &mut String, r: &Report) {
    let l = &r.letter;
    let _ = writeln!(out, "***{}:***\n", msg::REPORT_COPIES);
    for i in 0..l.copies.len() {
        let _ = writeln!(out, "{}", super::copy_line(&l.copies, i));
    }
    out.push('\n');
    let (authority, title, name) = super::signer_lines(l);
    if let Some(authority) = authority {
        let _ = writeln!(out, "**{authority}**  ");
    }
    let _ = writeln!(out, "**{title}**\n\n**{name}**");
}
