//! `loa publish`: builds, then sends what changed to the portal (a folder or an SFTP server),
//! or writes the whole site into a zip for the IT staff.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use loa::msg::{self, Failed};
use loa::{Built, Destination};

use super::{fail, print_all, Global};

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    /// Chỉ liệt kê tệp sẽ thêm (+), đổi (~), gỡ (-) và số byte sẽ gửi; không gửi gì.
    #[arg(long)]
    dry_run: bool,
    /// Nơi đăng thay cho publish: trong config.yaml: một thư mục, hoặc sftp://người-dùng@máy-chủ:cổng/thư-mục.
    #[arg(long, value_name = "NƠI_ĐĂNG")]
    target: Option<String>,
    /// Tin máy chủ kết nối lần đầu và ghi nhớ khóa của nó (sau khi đã so dấu vân tay với bộ phận CNTT).
    #[arg(long)]
    accept_host_key: bool,
    /// Tệp khóa đăng nhập SSH. Mặc định: ssh-agent, rồi ~/.ssh/id_ed25519, ~/.ssh/id_rsa.
    #[arg(long, value_name = "TỆP")]
    identity: Option<PathBuf>,
    /// Tệp các máy chủ đã biết. Mặc định: ~/.ssh/known_hosts.
    #[arg(long, value_name = "TỆP")]
    known_hosts: Option<PathBuf>,
    /// Không đăng: ghi cả trang (kèm tệp ghi nhớ) vào một tệp zip để bộ phận CNTT tự đưa lên.
    #[arg(long, value_name = "TỆP", conflicts_with_all = ["dry_run", "target", "accept_host_key", "identity", "known_hosts"])]
    zip: Option<PathBuf>,
}

/// Builds (a failed build publishes nothing), then publishes or writes the zip.
pub fn run(global: &Global, args: &Args) -> ExitCode {
    let options = global.options();
    let output = options.root.join("output");
    let mut cache = loa::cache::Cache::default();
    let rendered = match loa::build(&options, &mut cache, Destination::FolderKeeping(&output)) {
        Ok(built) => built,
        Err(problems) => return fail(Failed::Build, &problems),
    };
    print_all(&rendered.warnings);
    super::status::print_waiting(&rendered.waiting);
    match &args.zip {
        Some(file) => zip(&rendered, file),
        None => upload(global, args, &rendered),
    }
}

fn zip(rendered: &Built, file: &Path) -> ExitCode {
    match loa::publish::archive::write_zip(&rendered.outputs, file) {
        Ok(size) => {
            println!("{}", msg::zip_written(file, rendered.outputs.len(), size));
            ExitCode::SUCCESS
        }
        Err(problem) => fail(Failed::Publish, &[problem]),
    }
}

/// Sends what changed to the target of `--target` or config.yaml, and lists what it sent.
fn upload(global: &Global, args: &Args, rendered: &Built) -> ExitCode {
    let config = match loa::config::load(&global.root, &Default::default()) {
        Ok(config) => config,
        Err(problems) => return fail(Failed::Publish, &problems),
    };
    let (target, identity) = match loa::publish::choose_target(args.target.as_deref(), &config) {
        Ok(chosen) => chosen,
        Err(problem) => return fail(Failed::Publish, &[problem]),
    };
    let login = loa::publish::login(
        args.identity.as_deref().or(identity.as_deref()),
        args.known_hosts.as_deref(),
        args.accept_host_key,
    );
    let outcome = loa::publish::connect(&target, &login).and_then(|mut remote| {
        loa::publish::publish_to(remote.as_mut(), &rendered.outputs, args.dry_run)
    });
    match outcome {
        Ok(outcome) => {
            print_all(&loa::publish::vanishing_page_warnings(
                &outcome.plan,
                &config.base_url,
            ));
            if !outcome.dry_run {
                loa::publish::record::remember(&global.root, &rendered.outputs);
            }
            if outcome.finished_leftovers > 0 && !outcome.dry_run {
                println!("{}", msg::leftovers_finished(outcome.finished_leftovers));
            }
            for line in loa::publish::listing(&outcome) {
                println!("{line}");
            }
            println!("{}", loa::publish::summary(&outcome, &target));
            ExitCode::SUCCESS
        }
        Err(failure) => fail(Failed::Publish, &[failure.diagnostic(&target, &login)]),
    }
}
