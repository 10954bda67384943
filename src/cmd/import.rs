//! `loa import` (`loa nhap`): turns a Word file a unit sent into a draft article, prints its
//! path and what the officer must check.

use std::path::PathBuf;
use std::process::ExitCode;

use loa::msg::Failed;

use super::{fail, Global};

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    /// Tệp Word (.docx) đơn vị gửi.
    #[arg(value_name = "TỆP_DOCX")]
    file: PathBuf,
    /// Chuyên mục (thư mục trong content/).
    #[arg(long, default_value = "tin-tuc", value_name = "CHUYÊN_MỤC")]
    section: String,
    /// Khóa chủ đề trong config.yaml; dùng nhiều lần cho nhiều chủ đề. Không ghi thì loa gợi ý.
    #[arg(long = "topic", value_name = "KHÓA")]
    topics: Vec<String>,
}

pub fn run(global: &Global, args: &Args) -> ExitCode {
    let (config, now) = match global.config_and_now() {
        Ok(both) => both,
        Err(problems) => return fail(Failed::Create, &problems),
    };
    let request = loa::import::Request {
        file: &args.file,
        section: &args.section,
        topics: &args.topics,
        now,
    };
    match loa::import::import(&global.root, &config, &request) {
        Ok(imported) => {
            println!("{}", imported.path.display());
            for line in imported.report.lines() {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(problems) => fail(Failed::Create, &problems),
    }
}
