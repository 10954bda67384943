//! `loa return` (`tra-lai`): sends an article back to its author with a note on what to change.

use std::path::PathBuf;
use std::process::ExitCode;

use loa::workflow::Step;

use super::Global;

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    /// Tệp bài viết, ví dụ content/tin-tuc/ten-bai.md.
    #[arg(value_name = "TỆP")]
    file: PathBuf,
    /// Cần sửa gì, để người viết biết (bắt buộc).
    #[arg(long, value_name = "GHI_CHÚ")]
    note: String,
    /// Họ tên lãnh đạo trả lại bài.
    #[arg(long, value_name = "HỌ_TÊN")]
    by: Option<String>,
}

pub fn run(global: &Global, args: &Args) -> ExitCode {
    let step = Step::Return {
        by: args.by.clone(),
        note: args.note.clone(),
    };
    super::approve::take_steps(global, std::slice::from_ref(&args.file), &step)
}
