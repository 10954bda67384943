//! The `loa` command: parses arguments, runs a verb, prints the outcome and picks the exit
//! code. The only place that prints or exits.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

use loa::diag::Diagnostic;
use loa::{msg, Options};

/// loa — dựng trang tin tuyên truyền cải cách hành chính từ các bài viết Markdown.
#[derive(Parser)]
#[command(name = "loa", version, about)]
struct Cli {
    /// Thư mục của trang (nơi có config.yaml). Mặc định: thư mục hiện tại.
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    /// Thời điểm coi là "bây giờ" (2025-10-01 hoặc 2025-10-01 08:00), để kết quả lặp lại được.
    #[arg(long, global = true)]
    now: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Tạo một trang mới: config.yaml với chủ đề, đơn vị, hình thức của kế hoạch và một bài mẫu.
    Init(InitArgs),
    /// Tạo một bài viết nháp mới trong content/<chuyên mục>/.
    New(NewArgs),
    /// Dựng toàn bộ trang vào thư mục xuất (mặc định output/).
    Build(BuildArgs),
    /// Kiểm tra mọi lỗi như khi dựng, nhưng không ghi gì.
    Check(CheckArgs),
}

#[derive(Args)]
struct InitArgs {
    /// Thư mục sẽ tạo trang. Mặc định: thư mục --root.
    dir: Option<PathBuf>,
}

#[derive(Args)]
struct NewArgs {
    /// Tiêu đề bài viết.
    title: String,
    /// Chuyên mục (thư mục trong content/).
    #[arg(long, default_value = "tin-tuc")]
    section: String,
    /// Khóa chủ đề trong config.yaml; dùng nhiều lần cho nhiều chủ đề.
    #[arg(long = "topic")]
    topics: Vec<String>,
}

#[derive(Args)]
struct SiteArgs {
    /// Địa chỉ gốc thay cho base_url trong config.yaml.
    #[arg(long)]
    base_url: Option<String>,
    /// Đưa cả bài nháp và bài hẹn ngày đăng vào trang.
    #[arg(long)]
    drafts: bool,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Thư mục xuất. Mặc định: output/ trong thư mục của trang.
    #[arg(long)]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Coi cảnh báo là lỗi (mã thoát 1).
    #[arg(long)]
    deny_warnings: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let options = |site: &SiteArgs| Options {
        root: cli.root.clone(),
        base_url: site.base_url.clone(),
        drafts: site.drafts,
        now: cli.now.clone(),
    };
    match &cli.command {
        Command::Init(args) => init(&cli, args),
        Command::New(args) => new(&cli, args),
        Command::Build(args) => build(&options(&args.site), args.output.clone()),
        Command::Check(args) => check(&options(&args.site), args.deny_warnings),
    }
}

fn build(options: &Options, output: Option<PathBuf>) -> ExitCode {
    let started = Instant::now();
    let output = output.unwrap_or_else(|| options.root.join("output"));
    match loa::build(options, &output) {
        Ok((rendered, report)) => {
            print_all(&rendered.warnings);
            let seconds = started.elapsed().as_secs_f64();
            println!(
                "{}",
                msg::build_summary(
                    rendered.pages,
                    report.written,
                    report.unchanged,
                    report.removed,
                    seconds,
                    &output
                )
            );
            ExitCode::SUCCESS
        }
        Err(problems) => fail(&problems),
    }
}

fn check(options: &Options, deny_warnings: bool) -> ExitCode {
    match loa::render_site(options) {
        Ok(rendered) => {
            print_all(&rendered.warnings);
            println!(
                "{}",
                msg::check_summary(rendered.pages, rendered.warnings.len())
            );
            if deny_warnings && !rendered.warnings.is_empty() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(problems) => fail(&problems),
    }
}

fn init(cli: &Cli, args: &InitArgs) -> ExitCode {
    let dir = args.dir.clone().unwrap_or_else(|| cli.root.clone());
    let today = jiff::ZonedDateTime::now().date();
    match loa::scaffold::init(&dir, today) {
        Ok(created) => {
            for path in created {
                println!("{}", msg::created(&path));
            }
            ExitCode::SUCCESS
        }
        Err(problem) => fail(&[problem]),
    }
}

fn new(cli: &Cli, args: &NewArgs) -> ExitCode {
    let config = match loa::config::load(&cli.root, &Default::default()) {
        Ok(c) => c,
        Err(problems) => return fail(&problems),
    };
    let now = match &cli.now {
        Some(text) => match loa::frontmatter::parse_date(text, &config.timezone) {
            Some(d) => d,
            None => {
                return fail(&[
                    Diagnostic::error("--now", 0, 0, msg::bad_date("--now", text))
                        .with_hint(msg::HINT_DATE),
                ])
            }
        },
        None => jiff::Timestamp::now().to_zoned_datetime(config.timezone.clone()),
    };
    let new = loa::scaffold::NewArticle {
        title: &args.title,
        section: &args.section,
        topics: &args.topics,
        now,
    };
    match loa::scaffold::new_article(&cli.root, &config, &new) {
        Ok(path) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(problems) => fail(&problems),
    }
}

fn print_all(problems: &[Diagnostic]) {
    for p in problems {
        eprintln!("{p}");
    }
}

fn fail(problems: &[Diagnostic]) -> ExitCode {
    print_all(problems);
    let errors = problems.iter().filter(|p| p.is_error()).count();
    eprintln!("{}", msg::failure_summary(errors, problems.len() - errors));
    ExitCode::FAILURE
}
