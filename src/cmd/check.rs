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
    /// Kiểm tra cả các liên kết ra trang ngoài (cần mạng; kết quả tốt được nhớ một tuần
    /// trong .loa-cache/).
    #[arg(long)]
    external: bool,
}

pub fn run(global: &Global, args: &Args) -> ExitCode {
    let options = loa::Options {
        review: true,
        ..global.site_options(&args.site)
    };
    let mut cache = loa::cache::Cache::default();
    match loa::build(&options, &mut cache, loa::Destination::Memory) {
        Ok(mut rendered) => {
            let external = args.external.then(|| external(global, &options));
            if let Some(checked) = &external {
                rendered.warnings.extend(checked.warnings.iter().cloned());
            }
            print_all(&rendered.warnings);
            super::status::print_waiting(&rendered.waiting);
            print_expiring(&rendered.expiring);
            println!(
                "{}",
                msg::check_summary(rendered.pages, rendered.warnings.len())
            );
            if let Some(checked) = &external {
                println!("{}", loa::external::summary(checked));
            }
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

/// The links to other sites, checked over the network (the build has already read the config).
fn external(global: &Global, options: &loa::Options) -> loa::external::Checked {
    let Ok(config) = loa::config::load(&global.root, &Default::default()) else {
        return loa::external::Checked::default();
    };
    let (links, _) = loa::external::collect(&global.root, &config, options.drafts);
    let now = jiff::Timestamp::now().as_second();
    loa::external::check(&global.root, &links, &loa::external::Probe::default(), now)
}

/// The pages that leave the lists within the next days, so the officer can extend a notice
/// in time (or see that it goes as planned).
fn print_expiring(expiring: &[loa::assemble::Expiring]) {
    if expiring.is_empty() {
        return;
    }
    let days = loa::assemble::SOON_DAYS;
    println!("{}", msg::expiring_heading(expiring.len(), days));
    for page in expiring {
        let file = page.display.to_string_lossy();
        let day = loa::text::date_short(page.expires.date());
        let when = format!("{} ngày {day}", page.expires.strftime("%H:%M"));
        println!(
            "  {}",
            msg::expiring_line(&file, page.line, &page.title, &when, page.hours_left)
        );
    }
}
