//! The report as Markdown, for reading or pasting into a document.

use std::fmt::Write as _;

use crate::msg;

use super::tables::{count_header, count_row, count_tables};
use super::Report;

/// The report as Markdown, for reading or pasting into a document.
pub fn markdown(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "**{}**\n", r.organization.to_uppercase());
    let _ = writeln!(
        out,
        "# {}\n\n## {}\n\n*{}*\n",
        msg::REPORT_TYPE,
        msg::REPORT_SUBJECT,
        r.period
    );
    let _ = writeln!(out, "{}: **{}**.\n", msg::REPORT_TOTAL, r.total);
    for (title, _, rows) in count_tables(r) {
        let header = count_header(rows);
        let _ = writeln!(
            out,
            "### {title}\n\n| {} |\n|---{}|",
            header.join(" | "),
            "|---:".repeat(header.len() - 1)
        );
        for c in rows.iter() {
            let _ = writeln!(out, "| {} |", count_row(c, header.len()).join(" | "));
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "### {}\n\n| {} |\n|---|---|---|---|---:|",
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
    let _ = writeln!(
        out,
        "\n### {}\n\n| {} |\n|---|---|---|---|---|",
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
    out
}
