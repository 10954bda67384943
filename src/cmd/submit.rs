//! `loa submit` (`gui-duyet`): sends an article for a leader's approval.

use std::path::PathBuf;
use std::process::ExitCode;

use loa::workflow::Step;

use super::Global;

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    /// Tệp bài viết, ví dụ content/tin-tuc/ten-bai.md; ghi nhiều tệp để làm cùng lúc.
    #[arg(value_name = "TỆP", required = true)]
    files: Vec<PathBuf>,
    /// Họ tên người viết bài, để in vào phiếu duyệt.
    #[arg(long, value_name = "HỌ_TÊN")]
    by: Option<String>,
}

pub fn run(global: &Global, args: &Args) -> ExitCode {
    let step = Step::Submit {
        author: args.by.clone(),
    };
    super::approve::take_steps(global, &args.files, &step)
}
