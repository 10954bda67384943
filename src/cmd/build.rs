//! `loa build`: renders the whole site into the output folder and says what it wrote.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use loa::msg::{self, Failed};
use loa::Destination;

use super::{fail, print_all, Global, SiteArgs};

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    #[command(flatten)]
    site: SiteArgs,
    /// Thư mục xuất. Mặc định: output/ trong thư mục của trang.
    #[arg(long, value_name = "THƯ_MỤC")]
    output: Option<PathBuf>,
}

pub fn run(global: &Global, args: &Args) -> ExitCode {
    let options = global.site_options(&args.site);
    let started = Instant::now();
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("output"));
    let mut cache = loa::cache::Cache::default();
    match loa::build(&options, &mut cache, Destination::Folder(&output)) {
        Ok(built) => {
            print_all(&built.warnings);
            super::status::print_waiting(&built.waiting);
            let report = built.written.unwrap_or_default();
            let seconds = started.elapsed().as_secs_f64();
            println!(
                "{}",
                msg::build_summary(
                    built.pages,
                    report.written,
                    report.unchanged,
                    report.removed,
                    seconds,
                    &output
                )
            );
            ExitCode::SUCCESS
        }
        Err(problems) => fail(Failed::Build, &problems),
    }
}
