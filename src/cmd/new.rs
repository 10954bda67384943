//! `loa new`: creates a draft article in a section, dated now, and prints its path.

use std::process::ExitCode;

use loa::msg::Failed;

use super::{fail, Global};

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    /// Tiêu đề bài viết.
    #[arg(value_name = "TIÊU_ĐỀ")]
    title: String,
    /// Chuyên mục (thư mục trong content/).
    #[arg(long, default_value = "tin-tuc", value_name = "CHUYÊN_MỤC")]
    section: String,
    /// Khóa chủ đề trong config.yaml; dùng nhiều lần cho nhiều chủ đề.
    #[arg(long = "topic", value_name = "KHÓA")]
    topics: Vec<String>,
}

pub fn run(global: &Global, args: &Args) -> ExitCode {
    let (config, now) = match global.config_and_now() {
        Ok(both) => both,
        Err(problems) => return fail(Failed::Create, &problems),
    };
    let new = loa::scaffold::NewArticle {
        title: &args.title,
        section: &args.section,
        topics: &args.topics,
        now,
    };
    match loa::scaffold::new_article(&global.root, &config, &new) {
        Ok(path) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(problems) => fail(Failed::Create, &problems),
    }
}
