//! `loa check`: finds every problem a build would, and writes nothing.

use std::process::ExitCode;

use loa::msg::{self, Failed};

use super::{fail, print_all, Global, SiteArgs};

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    #[command(flatten)]
    site: SiteArgs,
    /// Coi cảnh báo là lỗi (mã thoát 1).
    #[arg(long)]
    deny_warnings: bool,
}

pub fn run(global: &Global, args: &Args) -> ExitCode {
    let options = loa::Options {
        review: true,
        ..global.site_options(&args.site)
    };
    let mut cache = loa::cache::Cache::default();
    match loa::build(&options, &mut cache, loa::Destination::Memory) {
        Ok(rendered) => {
            print_all(&rendered.warnings);
            super::status::print_waiting(&rendered.waiting);
            println!(
                "{}",
                msg::check_summary(rendered.pages, rendered.warnings.len())
            );
            if args.deny_warnings && !rendered.warnings.is_empty() {
                eprintln!("{}", msg::warnings_denied(rendered.warnings.len()));
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(problems) => fail(Failed::Check, &problems),
    }
}
