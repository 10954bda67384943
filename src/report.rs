//! `loa report`: the periodic report of communication results to Sở Nội vụ, counted from the
//! site itself: articles per topic, unit, channel and month, the events held, and the list of
//! articles. Pure: the same site, period and "now" always give the same bytes.

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::assemble::Site;
use crate::{msg, text};

/// The days a report covers, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Period {
    /// `2025-Q4` → 1 October to 31 December 2025.
    pub fn quarter(text: &str) -> Option<Period> {
        let (year, q) = text.trim().split_once(['-', ' '])?;
        let year: i16 = year.parse().ok()?;
        let q: i8 = q
            .trim_start_matches(['Q', 'q'])
            .parse()
            .ok()
            .filter(|q| (1..=4).contains(q))?;
        let from = Date::new(year, (q - 1) * 3 + 1, 1).ok()?;
        let to = Date::new(year, q * 3, 1).ok()?.last_of_month();
        Some(Period { from, to })
    }

    /// `2025-10` → the whole of October 2025.
    pub fn month(text: &str) -> Option<Period> {
        let (year, month) = text.trim().split_once('-')?;
        let from = Date::new(year.parse().ok()?, month.parse().ok()?, 1).ok()?;
        Some(Period {
            from,
            to: from.last_of_month(),
        })
    }

    pub fn year(year: i16) -> Option<Period> {
        Some(Period {
            from: Date::new(year, 1, 1).ok()?,
            to: Date::new(year, 12, 31).ok()?,
        })
    }

    fn contains(&self, day: Date) -> bool {
        self.from <= day && day <= self.to
    }
}

/// A line of a count table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub name: String,
    pub count: usize,
    /// Topics only: the plan's target for the period, when the config sets one.
    pub planned: Option<u32>,
}

impl Count {
    fn of(name: &str, count: usize) -> Count {
        Count {
            name: name.to_string(),
            count,
            planned: None,
        }
    }

    /// `67%` of the target reached; empty without a target, `–` for a target of 0.
    pub fn percent(&self) -> String {
        match self.planned {
            None => String::new(),
            Some(0) => "–".to_string(),
            Some(p) => format!(
                "{}%",
                (self.count as u64 * 100 + u64::from(p) / 2) / u64::from(p)
            ),
        }
    }

    pub fn planned_cell(&self) -> String {
        self.planned.map_or_else(String::new, |p| p.to_string())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    /// `12/12/2025`
    pub date: String,
    /// `07:30`
    pub time: String,
    pub title: String,
    pub location: String,
    pub participants: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRow {
    pub date: String,
    pub title: String,
    pub topics: String,
    pub unit: String,
    /// Absolute URL.
    pub url: String,
}

/// Everything the report says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub organization: String,
    /// `Từ ngày 1/10/2025 đến ngày 31/12/2025`
    pub period: String,
    /// `An Giang, ngày 5 tháng 1 năm 2026`: the build's "now", as the report is dated.
    pub issued: String,
    pub total: usize,
    /// Every topic of the plan, in the config's order; 0 means none yet.
    pub topics: Vec<Count>,
    pub units: Vec<Count>,
    pub channels: Vec<Count>,
    pub months: Vec<Count>,
    pub events: Vec<EventRow>,
    pub participants: u64,
    pub articles: Vec<ArticleRow>,
}

/// Counts the published articles dated within `period` (drafts and future articles are not
/// published, so not counted); events count when they started within the period.
pub fn build(site: &Site, period: &Period) -> Report {
    let cfg = &site.config;
    let in_period: Vec<&crate::assemble::Published> = site
        .articles
        .iter()
        .map(|&i| &site.pages[i])
        .filter(|p| {
            p.page
                .meta
                .date
                .as_ref()
                .is_some_and(|d| period.contains(d.date()))
        })
        .collect();
    let count = |pred: &dyn Fn(&crate::model::Meta) -> bool| {
        in_period.iter().filter(|p| pred(&p.page.meta)).count()
    };
    let topics = cfg
        .topics
        .iter()
        .map(|t| Count {
            planned: t
                .target
                .map(|target| crate::plan::planned(&target, period.from, period.to)),
            ..Count::of(&t.name, count(&|m| m.topics.contains(&t.key)))
        })
        .collect();
    let units = cfg
        .units
        .iter()
        .map(|u| Count::of(&u.name, count(&|m| m.unit.as_ref() == Some(&u.key))))
        .collect();
    let channels = cfg
        .channels
        .iter()
        .map(|c| Count::of(&c.term.name, count(&|m| m.channels.contains(&c.term.key))))
        .collect();
    let mut months: Vec<Count> = Vec::new();
    let mut month = period.from.first_of_month();
    while month <= period.to {
        let in_month = count(&|m| {
            m.date
                .as_ref()
                .is_some_and(|d| d.year() == month.year() && d.month() == month.month())
        });
        months.push(Count::of(
            &format!("Tháng {}/{}", month.month(), month.year()),
            in_month,
        ));
        month = match month.checked_add(jiff::Span::new().months(1)) {
            Ok(next) => next,
            Err(_) => break,
        };
    }
    let mut events: Vec<(jiff::Timestamp, EventRow)> = site
        .pages
        .iter()
        .filter_map(|p| {
            let e = p.page.meta.event.as_ref()?;
            let held = period.contains(e.start.date()) && e.start.timestamp() <= site.settings.now;
            held.then(|| {
                (
                    e.start.timestamp(),
                    EventRow {
                        date: text::date_short(e.start.date()),
                        time: e.start.strftime("%H:%M").to_string(),
                        title: p.page.meta.title.clone(),
                        location: e.location.clone().unwrap_or_default(),
                        participants: e.participants,
                    },
                )
            })
        })
        .collect();
    events.sort_by_key(|(t, _)| *t);
    let mut articles: Vec<&&crate::assemble::Published> = in_period.iter().collect();
    articles.sort_by_key(|p| p.page.meta.date.as_ref().map(|d| d.timestamp()));
    Report {
        organization: cfg.organization.clone(),
        period: format!(
            "Từ ngày {}/{}/{} đến ngày {}/{}/{}",
            period.from.day(),
            period.from.month(),
            period.from.year(),
            period.to.day(),
            period.to.month(),
            period.to.year()
        ),
        issued: format!(
            "An Giang, {}",
            text::date_long(
                site.settings
                    .now
                    .to_zoned_datetime(cfg.timezone.clone())
                    .date()
            )
        ),
        total: in_period.len(),
        topics,
        units,
        channels,
        months,
        participants: events.iter().filter_map(|(_, e)| e.participants).sum(),
        events: events.into_iter().map(|(_, e)| e).collect(),
        articles: articles
            .into_iter()
            .map(|p| ArticleRow {
                date: p
                    .page
                    .meta
                    .date
                    .as_ref()
                    .map(|d| text::date_short(d.date()))
                    .unwrap_or_default(),
                title: p.page.meta.title.clone(),
                topics: p
                    .page
                    .meta
                    .topics
                    .iter()
                    .filter_map(|k| cfg.topic(k))
                    .map(|t| t.name.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
                unit: p
                    .page
                    .meta
                    .unit
                    .as_ref()
                    .and_then(|k| cfg.unit(k))
                    .map(|u| u.name.clone())
                    .unwrap_or_default(),
                url: cfg.base_url.absolute(&p.page.path),
            })
            .collect(),
    }
}

pub const NO_ARTICLE: &str = "chưa có bài";

fn count_cell(n: usize) -> String {
    if n == 0 {
        NO_ARTICLE.to_string()
    } else {
        n.to_string()
    }
}

/// The header of a count table: with the target and the share reached when any row has one.
fn count_header(rows: &[Count]) -> Vec<&'static str> {
    let columns = if rows.iter().any(|c| c.planned.is_some()) {
        &msg::REPORT_COUNT_COLUMNS[..]
    } else {
        &msg::REPORT_COUNT_COLUMNS[..1]
    };
    std::iter::once("").chain(columns.iter().copied()).collect()
}

/// The four count tables (topics, units, channels, months) with the heading each has in a
/// document and the name of its first column in a spreadsheet.
fn count_tables(r: &Report) -> [(&'static str, &'static str, &[Count]); 4] {
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
fn count_row(c: &Count, columns: usize) -> Vec<String> {
    let mut cells = vec![c.name.clone(), count_cell(c.count)];
    if columns > 2 {
        cells.push(c.planned_cell());
        cells.push(c.percent());
    }
    cells
}

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

/// The report as CSV for Excel and LibreOffice: UTF-8 with a BOM (or Excel garbles the
/// Vietnamese), one block per table, separated by an empty line.
pub fn csv(r: &Report) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    let mut row = |cells: &[&str]| {
        let _ = w.write_record(cells.iter().map(|c| spreadsheet_safe(c).into_owned()));
    };
    let title = format!("{} {}", msg::REPORT_TYPE, msg::REPORT_SUBJECT);
    row(&[&r.organization, &title, &r.period]);
    row(&[msg::REPORT_TOTAL, &r.total.to_string()]);
    for (_, title, rows) in count_tables(r) {
        row(&[""]);
        let mut header = count_header(rows);
        header[0] = title;
        row(&header);
        for c in rows.iter() {
            let cells = count_row(c, header.len());
            row(&cells.iter().map(String::as_str).collect::<Vec<_>>());
        }
    }
    row(&[""]);
    row(&msg::REPORT_EVENT_COLUMNS);
    for e in &r.events {
        let people = e.participants.map_or_else(String::new, |p| p.to_string());
        row(&[&e.date, &e.time, &e.title, &e.location, &people]);
    }
    row(&[""]);
    row(&msg::REPORT_ARTICLE_COLUMNS);
    for a in &r.articles {
        row(&[&a.date, &a.title, &a.topics, &a.unit, &a.url]);
    }
    w.into_inner().unwrap_or_default()
}

/// A cell as a spreadsheet will take it as text: one that starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return is a formula to Excel and LibreOffice (an article titled
/// `=HYPERLINK(…)` would run as one), so it gets the usual apostrophe in front, which the
/// spreadsheet shows as nothing and keeps the cell text.
fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A table's header row in HTML.
fn header_row(columns: &[&str]) -> String {
    let cells: String = columns.iter().map(|c| format!("<th>{c}</th>")).collect();
    format!("<tr>{cells}</tr>")
}

/// The report as a printable HTML page in the layout of a Vietnamese administrative report.
pub fn html(r: &Report) -> String {
    let esc = crate::text::escape_html;
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>Báo cáo kết quả tuyên truyền cải cách hành chính</title>\n\
         <style>body{font-family:\"Times New Roman\",\"Liberation Serif\",serif;font-size:13pt;max-width:18cm;margin:2cm auto}\
         .org{text-align:center;font-weight:bold;text-transform:uppercase}h1,h2,.period{text-align:center}h1{font-size:14pt;margin-bottom:0}\
         h2{font-size:13pt;margin-top:0}table{border-collapse:collapse;width:100%;margin:.5em 0}td,th{border:1px solid #000;padding:2pt 4pt}\
         td.n{text-align:right}</style>\n</head>\n<body>\n<main>\n",
    );
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
    let _ = writeln!(
        out,
        "</table>\n<h3>{}</h3>\n<table>\n{}",
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
    out.push_str("</table>\n</main>\n</body>\n</html>\n");
    out
}

/// The report as a Word document, as it is sent: A4, Times New Roman 13 pt, the heading of a
/// Vietnamese administrative report (issuing body and national motto side by side, then the
/// title), and the tables. Fixed dates inside the file, so the same report gives the same bytes.
pub fn docx(r: &Report) -> Vec<u8> {
    use docx_rs::{
        AlignmentType, Docx, PageMargin, Paragraph, Run, RunFonts, Table, TableCell, TableRow,
        WidthType,
    };
    let text = |s: &str| Run::new().add_text(s);
    let centered = |run: Run| Paragraph::new().align(AlignmentType::Center).add_run(run);
    let cell = |s: &str| TableCell::new().add_paragraph(Paragraph::new().add_run(text(s)));
    // The body's width on A4 with these margins is 9,071 twips: the issuing body on the left
    // third, the national motto (12 pt, on one line as custom has it) on the right.
    let heading_cell = |width: usize, lines: Vec<Run>| {
        let c = TableCell::new().width(width, WidthType::Dxa);
        lines
            .into_iter()
            .fold(c, |c, run| c.add_paragraph(centered(run)))
    };
    let header = Table::new(vec![TableRow::new(vec![
        heading_cell(
            3400,
            vec![text(&r.organization.to_uppercase()).bold().size(24)],
        ),
        heading_cell(
            5671,
            vec![
                text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold().size(24),
                text("Độc lập - Tự do - Hạnh phúc").bold(),
                text(&r.issued).italic(),
            ],
        ),
    ])])
    .set_grid(vec![3400, 5671])
    .clear_all_border();
    let mut doc = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(1701)
                .right(1134),
        )
        .default_fonts(
            RunFonts::new()
                .ascii("Times New Roman")
                .hi_ansi("Times New Roman")
                .cs("Times New Roman")
                .east_asia("Times New Roman"),
        )
        .default_size(26)
        .created_at("2025-01-01T00:00:00Z")
        .updated_at("2025-01-01T00:00:00Z")
        .add_table(header)
        .add_paragraph(Paragraph::new())
        .add_paragraph(centered(text(msg::REPORT_TYPE).bold().size(28)))
        .add_paragraph(centered(text(msg::REPORT_SUBJECT).bold().size(28)))
        .add_paragraph(centered(text(&r.period).italic()))
        .add_paragraph(Paragraph::new())
        .add_paragraph(Paragraph::new().add_run(text(&format!(
            "{}: {}.",
            msg::REPORT_TOTAL,
            r.total
        ))));
    for (title, _, rows) in count_tables(r) {
        doc = doc.add_paragraph(Paragraph::new().add_run(text(title).bold()));
        let header = count_header(rows);
        let mut table_rows = vec![TableRow::new(header.iter().map(|h| cell(h)).collect())];
        table_rows.extend(
            rows.iter().map(|c| {
                TableRow::new(count_row(c, header.len()).iter().map(|s| cell(s)).collect())
            }),
        );
        let grid = if header.len() > 2 {
            vec![5271, 1300, 1300, 1200]
        } else {
            vec![7000, 2071]
        };
        doc = doc.add_table(Table::new(table_rows).set_grid(grid));
    }
    let events_title = msg::report_events(r.events.len(), r.participants);
    doc = doc.add_paragraph(Paragraph::new().add_run(text(&events_title).bold()));
    let mut rows = vec![TableRow::new(msg::REPORT_EVENT_COLUMNS.map(cell).to_vec())];
    for e in &r.events {
        let people = e.participants.map_or_else(String::new, |p| p.to_string());
        rows.push(TableRow::new(vec![
            cell(&e.date),
            cell(&e.time),
            cell(&e.title),
            cell(&e.location),
            cell(&people),
        ]));
    }
    doc = doc.add_table(Table::new(rows).set_grid(vec![1450, 900, 3100, 2500, 1121]));
    doc = doc.add_paragraph(Paragraph::new().add_run(text(msg::REPORT_ARTICLES).bold()));
    let mut rows = vec![TableRow::new(
        msg::REPORT_ARTICLE_COLUMNS.map(cell).to_vec(),
    )];
    for a in &r.articles {
        rows.push(TableRow::new(vec![
            cell(&a.date),
            cell(&a.title),
            cell(&a.topics),
            cell(&a.unit),
            cell(&a.url),
        ]));
    }
    doc = doc.add_table(Table::new(rows).set_grid(vec![1450, 2900, 1950, 1250, 1521]));
    let mut out = std::io::Cursor::new(Vec::new());
    // Writing into memory cannot fail.
    let _ = doc.build().pack(&mut out);
    out.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_read_from_quarters_months_and_years() {
        let q = Period::quarter("2025-Q4").unwrap();
        assert_eq!(
            (q.from.to_string(), q.to.to_string()),
            ("2025-10-01".into(), "2025-12-31".into())
        );
        let m = Period::month("2025-02").unwrap();
        assert_eq!(m.to.to_string(), "2025-02-28");
        assert!(Period::quarter("2025-Q5").is_none());
        assert!(Period::month("2025-13").is_none());
        assert_eq!(Period::year(2025).unwrap().to.to_string(), "2025-12-31");
    }
}
