//! `loa share`: prints a ready-to-paste post about one article for Facebook and Zalo.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use loa::diag::Diagnostic;
use loa::msg::{self, Failed};

use super::{fail, Global};

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    /// Tệp bài viết, ví dụ content/tin-tuc/ten-bai.md.
    #[arg(value_name = "TỆP")]
    file: PathBuf,
}

pub fn run(global: &Global, args: &Args) -> ExitCode {
    let (site, _) = match loa::assemble_site(&global.options()) {
        Ok(s) => s,
        Err(problems) => return fail(Failed::Share, &problems),
    };
    let rel = content_rel(&global.root, &args.file);
    match rel
        .as_deref()
        .and_then(|rel| loa::share::post_for(&site, rel))
    {
        Some(post) => {
            print!("{post}");
            ExitCode::SUCCESS
        }
        None => {
            let d = if args.file.is_file() || global.root.join(&args.file).is_file() {
                Diagnostic::file_error(args.file.clone(), msg::SHARE_NOT_PUBLISHED)
                    .with_hint(msg::HINT_SHARE_NOT_PUBLISHED)
            } else {
                Diagnostic::file_error(args.file.clone(), msg::SHARE_NO_FILE)
                    .with_hint(msg::HINT_SHARE_NO_FILE)
            };
            fail(Failed::Share, &[d])
        }
    }
}

/// The path of `file` inside the site's `content/`, as pages name their source: `tin-tuc/a.md`.
/// `file` may be given from the current folder or from the site's root.
fn content_rel(root: &Path, file: &Path) -> Option<String> {
    let content = std::path::absolute(root.join("content")).ok()?;
    [
        std::path::absolute(file).ok()?,
        std::path::absolute(root.join(file)).ok()?,
    ]
    .iter()
    .find_map(|candidate| {
        let rel = candidate.strip_prefix(&content).ok()?;
        let parts: Vec<String> = rel
            .components()
            .map(|c| loa::text::nfc(&c.as_os_str().to_string_lossy()))
            .collect();
        Some(parts.join("/"))
    })
}
