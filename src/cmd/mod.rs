//! The verbs of the `loa` command, one file each, and what they share: the global options,
//! the site options of build and check, and how problems are printed and turned into an exit code.

pub mod approve;
pub mod build;
pub mod check;
pub mod desk;
pub mod import;
pub mod init;
pub mod new;
pub mod publish;
pub mod report;
pub mod send_back;
pub mod serve;
pub mod share;
pub mod status;
pub mod submit;

use std::path::PathBuf;
use std::process::ExitCode;

use loa::diag::Diagnostic;
use loa::msg::{self, Failed};
use loa::Options;

/// The help layout of loa and of every verb: clap's English headings are left out so the
/// officer reads Vietnamese throughout.
pub const HELP: &str = "{about}\n\nCách dùng: {usage}\n\n{all-args}\n";

/// The options every verb takes.
#[derive(clap::Args)]
pub struct Global {
    /// In hướng dẫn này.
    #[arg(short = 'h', long, action = clap::ArgAction::Help, global = true)]
    help: Option<bool>,
    /// In phiên bản của loa.
    #[arg(short = 'V', long, action = clap::ArgAction::Version)]
    version: Option<bool>,
    /// Thư mục của trang (nơi có config.yaml). Mặc định: thư mục hiện tại.
    #[arg(
        long,
        global = true,
        default_value = ".",
        hide_default_value = true,
        value_name = "THƯ_MỤC"
    )]
    pub root: PathBuf,
    /// Thời điểm coi là "bây giờ" (2025-10-01 hoặc 2025-10-01 08:00), để kết quả lặp lại được.
    #[arg(long, global = true, value_name = "NGÀY_GIỜ")]
    pub now: Option<String>,
}

impl Global {
    /// The site's config and the moment `--now` names (else the clock, in the site's time
    /// zone), for the verbs that write new content.
    pub fn config_and_now(
        &self,
    ) -> Result<(loa::config::Config, jiff::ZonedDateTime), Vec<Diagnostic>> {
        let config = loa::config::load(&self.root, &Default::default())?;
        let now = match &self.now {
            Some(text) => loa::parse_now(text, &config.timezone).map_err(|d| vec![d])?,
            None => jiff::Timestamp::now().to_zoned_datetime(config.timezone.clone()),
        };
        Ok((config, now))
    }

    /// The published site as it stands: no drafts, the base address of config.yaml.
    pub fn options(&self) -> Options {
        self.site_options(&SiteArgs::default())
    }

    /// The site as `site` asks for it.
    pub fn site_options(&self, site: &SiteArgs) -> Options {
        Options {
            root: self.root.clone(),
            base_url: site.base_url.clone(),
            drafts: site.drafts,
            now: self.now.clone(),
            review: false,
            waiting: false,
        }
    }
}

/// What build and check both take: which address and which articles make the site.
#[derive(clap::Args, Default)]
#[command(next_help_heading = "Tùy chọn")]
pub struct SiteArgs {
    /// Địa chỉ gốc thay cho base_url trong config.yaml.
    #[arg(long, value_name = "ĐỊA_CHỈ")]
    base_url: Option<String>,
    /// Đưa cả bài nháp và bài hẹn ngày đăng vào trang.
    #[arg(long)]
    drafts: bool,
}

/// Prints every problem, errors and warnings alike, to stderr.
pub fn print_all(problems: &[Diagnostic]) {
    for p in problems {
        eprintln!("{p}");
    }
}

/// Prints the problems that stopped a verb and a one-line count; exit code 1.
pub fn fail(failed: Failed, problems: &[Diagnostic]) -> ExitCode {
    print_all(problems);
    let errors = problems.iter().filter(|p| p.is_error()).count();
    eprintln!(
        "{}",
        msg::failure_summary(failed, errors, problems.len() - errors)
    );
    ExitCode::FAILURE
}
