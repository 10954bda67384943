//! `loa init`: creates a new site with its config and a sample article.

use std::path::PathBuf;
use std::process::ExitCode;

use loa::msg::{self, Failed};

use super::{fail, Global};

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    /// Thư mục sẽ tạo trang. Mặc định: thư mục --root.
    #[arg(value_name = "THƯ_MỤC")]
    dir: Option<PathBuf>,
}

pub fn run(global: &Global, args: &Args) -> ExitCode {
    let dir = args.dir.clone().unwrap_or_else(|| global.root.clone());
    // A new site's zone is the default one until its config says otherwise.
    let tz = jiff::tz::TimeZone::get("Asia/Ho_Chi_Minh").unwrap_or(jiff::tz::TimeZone::UTC);
    let today = match &global.now {
        Some(text) => match loa::parse_now(text, &tz) {
            Ok(d) => d.date(),
            Err(d) => return fail(Failed::Create, &[d]),
        },
        None => jiff::Timestamp::now().to_zoned_datetime(tz).date(),
    };
    match loa::scaffold::init(&dir, today) {
        Ok(created) => {
            for path in created {
                println!("{}", msg::created(&path));
            }
            ExitCode::SUCCESS
        }
        Err(problem) => fail(Failed::Create, &[problem]),
    }
}
