//! `loa report`: the report on the communication work of a period, in the format asked for,
//! printed or written to a new file; sections II–IV from the officer's text for the period
//! (`data/bao-cao/<kỳ>.md`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use loa::diag::Diagnostic;
use loa::msg::{self, Failed};
use loa::report::{Narrative, Period, Report};

use super::{fail, print_all, Global};

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    /// Ngày đầu kỳ (2025-08-21); dùng cùng --to.
    #[arg(long, value_name = "NGÀY", requires = "to")]
    from: Option<String>,
    /// Ngày cuối kỳ (2025-12-31).
    #[arg(long, value_name = "NGÀY", requires = "from")]
    to: Option<String>,
    /// Một quý: 2025-Q4.
    #[arg(long, value_name = "QUÝ", conflicts_with_all = ["from", "year", "month"])]
    quarter: Option<String>,
    /// Cả năm: 2025.
    #[arg(long, value_name = "NĂM", conflicts_with_all = ["from", "quarter", "month"])]
    year: Option<i16>,
    /// Một tháng: 2025-10.
    #[arg(long, value_name = "THÁNG", conflicts_with_all = ["from", "quarter", "year"])]
    month: Option<String>,
    /// Định dạng: md, csv (mở bằng Excel), html (để in) hoặc docx (Word, để gửi đi).
    #[arg(
        long,
        value_enum,
        default_value = "md",
        hide_possible_values = true,
        value_name = "ĐỊNH_DẠNG"
    )]
    format: Format,
    /// Ghi vào tệp này (không ghi đè tệp đã có). Mặc định: in ra màn hình.
    #[arg(short = 'o', long, value_name = "TỆP")]
    output: Option<PathBuf>,
    /// Số của báo cáo (văn thư cấp), ghi vào dòng "Số: …/BC-STP". Mặc định: để trống.
    #[arg(long, value_name = "SỐ")]
    number: Option<String>,
}

/// The formats a report is written in; clap turns away any other before a verb runs.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Md,
    Csv,
    Html,
    Docx,
}

impl Format {
    fn render(self, report: &Report) -> Vec<u8> {
        match self {
            Format::Md => loa::report::markdown(report).into_bytes(),
            Format::Csv => loa::report::csv(report),
            Format::Html => loa::report::html(report).into_bytes(),
            Format::Docx => loa::report::docx(report),
        }
    }
}

pub fn run(global: &Global, args: &Args) -> ExitCode {
    let period = match period(args) {
        Ok(p) => p,
        Err(d) => return fail(Failed::Report, &[d]),
    };
    let (site, mut warnings) = match loa::assemble_site(&global.options()) {
        Ok(s) => s,
        Err(problems) => return fail(Failed::Report, &problems),
    };
    let report = loa::report::build(&site, &period).numbered(args.number.clone());
    let narrative = match narrative(&global.root, &report.narrative.file) {
        Ok((narrative, found)) => {
            warnings.extend(found);
            narrative
        }
        Err(d) => return fail(Failed::Report, &[d]),
    };
    if site.config.report.signer.is_none() {
        warnings.push(
            Diagnostic::warning(loa::config::CONFIG_FILE, 0, 0, msg::REPORT_NO_SIGNER)
                .with_hint(msg::HINT_NO_SIGNER),
        );
    }
    print_all(&warnings);
    let bytes = args.format.render(&report.with_narrative(narrative));
    match &args.output {
        None => {
            let _ = std::io::stdout().write_all(&bytes);
            ExitCode::SUCCESS
        }
        Some(path) => match write_new(path, &bytes) {
            Ok(()) => {
                println!("{}", msg::created(path));
                ExitCode::SUCCESS
            }
            Err(d) => fail(Failed::Report, &[d]),
        },
    }
}

/// The officer's text for the period; when there is none yet, placeholders and a warning
/// saying which file to write. A file that cannot be read stops the report.
fn narrative(root: &Path, file: &str) -> Result<(Narrative, Vec<Diagnostic>), Diagnostic> {
    Ok(match loa::load::read_data_text(root, file)? {
        Some(text) => Narrative::parse(&text, file),
        None => {
            let d = Diagnostic::warning(file, 0, 0, msg::narrative_missing(file))
                .with_hint(msg::hint_narrative_missing(file));
            (Narrative::missing(file), vec![d])
        }
    })
}

/// Writes `bytes` into a file that must not exist yet: a report sent earlier is never replaced.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Diagnostic::file_error(path.to_path_buf(), msg::REPORT_EXISTS)
                    .with_hint(msg::HINT_REPORT_EXISTS)
            } else {
                Diagnostic::file_error(path.to_path_buf(), msg::io_write(&e))
            }
        })?;
    file.write_all(bytes)
        .map_err(|e| Diagnostic::file_error(path.to_path_buf(), msg::io_write(&e)))
}

/// The period asked for: a quarter, a month, a year or two dates.
fn period(args: &Args) -> Result<Period, Diagnostic> {
    let bad = |flag: &str, value: &str| {
        Diagnostic::error(flag, 0, 0, msg::bad_period(value)).with_hint(msg::HINT_PERIOD)
    };
    if let Some(q) = &args.quarter {
        return Period::quarter(q).ok_or_else(|| bad("--quarter", q));
    }
    if let Some(m) = &args.month {
        return Period::month(m).ok_or_else(|| bad("--month", m));
    }
    if let Some(y) = args.year {
        return Period::year(y).ok_or_else(|| bad("--year", &y.to_string()));
    }
    match (&args.from, &args.to) {
        (Some(from), Some(to)) => {
            let from_date: jiff::civil::Date = from.parse().map_err(|_| bad("--from", from))?;
            let to_date: jiff::civil::Date = to.parse().map_err(|_| bad("--to", to))?;
            if to_date < from_date {
                return Err(bad("--to", to));
            }
            Ok(Period {
                from: from_date,
                to: to_date,
            })
        }
        _ => {
            Err(Diagnostic::error("loa report", 0, 0, msg::PERIOD_MISSING)
                .with_hint(msg::HINT_PERIOD))
        }
    }
}
