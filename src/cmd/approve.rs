//! `loa approve` (`duyet`): records a leader's approval in an article, and writes its approval
//! sheet (phiếu duyệt tin, bài) as Word and printable HTML.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use loa::diag::Diagnostic;
use loa::msg::{self, Failed};
use loa::workflow::{self, Request, Step};

use super::{fail, print_all, Global};

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    /// Tệp bài viết, ví dụ content/tin-tuc/ten-bai.md; ghi nhiều tệp để làm cùng lúc.
    #[arg(value_name = "TỆP", required = true)]
    files: Vec<PathBuf>,
    /// Họ tên lãnh đạo duyệt bài (theo danh sách approvers: trong config.yaml, nếu có).
    #[arg(long, value_name = "HỌ_TÊN", required_unless_present = "sheet")]
    by: Option<String>,
    /// Ý kiến của lãnh đạo, in vào phiếu duyệt.
    #[arg(long, value_name = "Ý_KIẾN", requires = "by")]
    note: Option<String>,
    /// Ghi phiếu duyệt tin, bài (.docx và .html) của bài; cùng --by thì ghi sau khi duyệt.
    #[arg(long)]
    sheet: bool,
    /// Thư mục ghi phiếu duyệt. Mặc định: phieu-duyet/ trong thư mục của trang.
    #[arg(long, value_name = "THƯ_MỤC", requires = "sheet")]
    out: Option<PathBuf>,
}

pub fn run(global: &Global, args: &Args) -> ExitCode {
    if let Some(by) = &args.by {
        let step = Step::Approve {
            by: by.clone(),
            note: args.note.clone(),
        };
        let code = take_steps(global, &args.files, &step);
        if code != ExitCode::SUCCESS || !args.sheet {
            return code;
        }
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| global.root.join("phieu-duyet"));
    let mut code = ExitCode::SUCCESS;
    for file in &args.files {
        match write_sheet(global, file, &out) {
            Ok(paths) => {
                for path in paths {
                    println!("{}", msg::created(&path));
                }
            }
            Err(problems) => code = fail(Failed::Approval, &problems),
        }
    }
    code
}

/// Takes a workflow step on each of `files` in turn (one refused does not stop the others):
/// shared by submit, approve and return. Fails if any step was refused.
pub fn take_steps(global: &Global, files: &[PathBuf], step: &Step) -> ExitCode {
    let refused = files
        .iter()
        .filter(|file| take_step(global, file, step) != ExitCode::SUCCESS)
        .count();
    match refused {
        0 => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    }
}

/// Takes a workflow step on `file` and says what it did.
fn take_step(global: &Global, file: &Path, step: &Step) -> ExitCode {
    let request = Request {
        root: &global.root,
        file,
        now: global.now.as_deref(),
    };
    match workflow::take(request, step) {
        Ok(done) => {
            print_all(&done.warnings);
            let record = &done.record;
            let line = match step {
                Step::Submit { .. } => msg::submitted(&done.display, &done.title),
                Step::Approve { .. } => msg::approved(
                    &done.display,
                    &done.title,
                    record.by.as_deref().unwrap_or_default(),
                    record.at.as_deref().unwrap_or_default(),
                ),
                Step::Return { note, .. } => msg::returned(&done.display, &done.title, note),
            };
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(problems) => fail(Failed::Approval, &problems),
    }
}

/// Writes the article's sheet as `.docx` and `.html` into `out`, replacing an older one.
fn write_sheet(global: &Global, file: &Path, out: &Path) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let request = Request {
        root: &global.root,
        file,
        now: global.now.as_deref(),
    };
    let sheet = workflow::sheet::read(request)?;
    let stem = workflow::sheet::file_stem(&sheet);
    let written = |e: std::io::Error, path: &Path| {
        vec![
            Diagnostic::file_error(path.to_path_buf(), msg::io_write(&e))
                .with_hint(msg::HINT_WRITE),
        ]
    };
    std::fs::create_dir_all(out).map_err(|e| written(e, out))?;
    let files = [
        (
            out.join(format!("{stem}.docx")),
            workflow::sheet::docx(&sheet),
        ),
        (
            out.join(format!("{stem}.html")),
            workflow::sheet::html(&sheet).into_bytes(),
        ),
    ];
    for (path, bytes) in &files {
        loa::within::replace(path, bytes).map_err(|e| written(e, path))?;
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}
