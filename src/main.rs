//! The `loa` command: parses arguments, runs a verb, prints the outcome and picks the exit
//! code. The only place that prints or exits.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

use loa::diag::Diagnostic;
use loa::msg::{self, Failed};
use loa::Options;

// A build allocates and frees millions of small strings and maps, from both cores at once:
// mimalloc does that with a sixth less CPU than the system allocator (docs/performance.md).
// See also `loa::allocator`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// loa — dựng trang tin tuyên truyền cải cách hành chính từ các bài viết Markdown.
// clap's own headings and help texts are English; they are replaced so the officer reads
// Vietnamese throughout (clap's parse errors themselves cannot be translated).
#[derive(Parser)]
#[command(
    name = "loa",
    version,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Lệnh",
    subcommand_value_name = "LỆNH",
    next_help_heading = "Tùy chọn",
    help_template = HELP
)]
struct Cli {
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
    root: PathBuf,
    /// Thời điểm coi là "bây giờ" (2025-10-01 hoặc 2025-10-01 08:00), để kết quả lặp lại được.
    #[arg(long, global = true, value_name = "NGÀY_GIỜ")]
    now: Option<String>,
    #[command(subcommand)]
    command: Command,
}

const HELP: &str = "{about}\n\nCách dùng: {usage}\n\n{all-args}\n";

#[derive(Subcommand)]
enum Command {
    /// Tạo một trang mới: config.yaml với chủ đề, đơn vị, hình thức của kế hoạch và một bài mẫu.
    #[command(help_template = HELP)]
    Init(InitArgs),
    /// Tạo một bài viết nháp mới trong content/<chuyên mục>/.
    #[command(help_template = HELP)]
    New(NewArgs),
    /// Dựng toàn bộ trang vào thư mục xuất (mặc định output/).
    #[command(help_template = HELP)]
    Build(BuildArgs),
    /// Kiểm tra mọi lỗi như khi dựng, nhưng không ghi gì.
    #[command(help_template = HELP)]
    Check(CheckArgs),
    /// Xem trước trang trong trình duyệt; trang tự cập nhật mỗi lần lưu tệp.
    #[command(help_template = HELP)]
    Serve(ServeArgs),
    /// Lập báo cáo kết quả tuyên truyền CCHC trong một kỳ (gửi Sở Nội vụ).
    #[command(help_template = HELP)]
    Report(ReportArgs),
    /// Đăng trang lên cổng thông tin (thư mục hoặc máy chủ SFTP); chỉ gửi những tệp đã đổi.
    #[command(help_template = HELP)]
    Publish(PublishArgs),
    /// In ra bài đăng sẵn để dán lên Facebook, Zalo: tiêu đề, tóm tắt, địa chỉ, hashtag.
    #[command(help_template = HELP)]
    Share(ShareArgs),
}

#[derive(Args)]
#[command(next_help_heading = "Tùy chọn")]
struct ShareArgs {
    /// Tệp bài viết, ví dụ content/tin-tuc/ten-bai.md.
    #[arg(value_name = "TỆP")]
    file: PathBuf,
}

#[derive(Args)]
#[command(next_help_heading = "Tùy chọn")]
struct InitArgs {
    /// Thư mục sẽ tạo trang. Mặc định: thư mục --root.
    #[arg(value_name = "THƯ_MỤC")]
    dir: Option<PathBuf>,
}

#[derive(Args)]
#[command(next_help_heading = "Tùy chọn")]
struct NewArgs {
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

#[derive(Args)]
#[command(next_help_heading = "Tùy chọn")]
struct SiteArgs {
    /// Địa chỉ gốc thay cho base_url trong config.yaml.
    #[arg(long, value_name = "ĐỊA_CHỈ")]
    base_url: Option<String>,
    /// Đưa cả bài nháp và bài hẹn ngày đăng vào trang.
    #[arg(long)]
    drafts: bool,
}

#[derive(Args)]
#[command(next_help_heading = "Tùy chọn")]
struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Thư mục xuất. Mặc định: output/ trong thư mục của trang.
    #[arg(long, value_name = "THƯ_MỤC")]
    output: Option<PathBuf>,
}

#[derive(Args)]
#[command(next_help_heading = "Tùy chọn")]
struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Coi cảnh báo là lỗi (mã thoát 1).
    #[arg(long)]
    deny_warnings: bool,
}

#[derive(Args)]
#[command(next_help_heading = "Tùy chọn")]
struct ServeArgs {
    /// Cổng của máy chủ xem trước.
    #[arg(long, default_value_t = 1111, value_name = "CỔNG")]
    port: u16,
    /// Địa chỉ nghe; mặc định chỉ máy này (127.0.0.1).
    #[arg(long, default_value = "127.0.0.1", value_name = "ĐỊA_CHỈ")]
    bind: std::net::IpAddr,
    /// Tên máy đồng nghiệp gõ để mở bản xem trước (khi đã --bind ra mạng); lặp lại để thêm
    /// tên. Địa chỉ IP của máy này luôn dùng được; loa từ chối mọi tên khác.
    #[arg(long = "host", value_name = "TÊN_MÁY")]
    hosts: Vec<String>,
    /// Xem cả bài nháp và bài hẹn ngày đăng.
    #[arg(long)]
    drafts: bool,
    /// Mở trình duyệt khi máy chủ đã sẵn sàng.
    #[arg(long)]
    open: bool,
}

#[derive(Args)]
#[command(next_help_heading = "Tùy chọn")]
struct ReportArgs {
    /// Ngày đầu kỳ (2025-08-21); dùng cùng --to.
    #[arg(long, value_name = "NGÀY", requires = "to")]
    from: Option<String>,
    /// Ngày cuối kỳ (2025-12-31).
    #[arg(long, value_name = "NGÀY", requires = "from")]
    to: Option<String>,
    /// Một quý: 2025-Q4.
    #[arg(long, value_name = "QUÝ", conflicts_with_all = ["from", "year", "month"])]
    quarter: Option<String>,
    /// Cả năm: 2025.
    #[arg(long, value_name = "NĂM", conflicts_with_all = ["from", "quarter", "month"])]
    year: Option<i16>,
    /// Một tháng: 2025-10.
    #[arg(long, value_name = "THÁNG", conflicts_with_all = ["from", "quarter", "year"])]
    month: Option<String>,
    /// Định dạng: md, csv (mở bằng Excel), html (để in) hoặc docx (Word, để gửi đi).
    #[arg(long, default_value = "md", value_name = "ĐỊNH_DẠNG")]
    format: String,
    /// Ghi vào tệp này (không ghi đè tệp đã có). Mặc định: in ra màn hình.
    #[arg(short = 'o', long, value_name = "TỆP")]
    output: Option<PathBuf>,
}

#[derive(Args)]
#[command(next_help_heading = "Tùy chọn")]
struct PublishArgs {
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

fn main() -> ExitCode {
    loa::allocator::keep_freed_memory();
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
        Command::Serve(args) => serve(&cli, args),
        Command::Report(args) => report(&cli, args),
        Command::Share(args) => share(&cli, args),
        Command::Publish(args) => publish(&cli, args),
    }
}

/// Builds (a failed build publishes nothing), then publishes or writes the zip.
fn publish(cli: &Cli, args: &PublishArgs) -> ExitCode {
    let options = Options {
        root: cli.root.clone(),
        base_url: None,
        drafts: false,
        now: cli.now.clone(),
    };
    let output = options.root.join("output");
    let rendered = match loa::build_keeping(&options, &output) {
        Ok((rendered, _)) => rendered,
        Err(problems) => return fail(Failed::Build, &problems),
    };
    print_all(&rendered.warnings);
    if let Some(file) = &args.zip {
        return match loa::publish::archive::write_zip(&rendered.outputs, file) {
            Ok(size) => {
                println!("{}", msg::zip_written(file, rendered.outputs.len(), size));
                ExitCode::SUCCESS
            }
            Err(problem) => fail(Failed::Publish, &[problem]),
        };
    }
    let config = match loa::config::load(&options.root, &Default::default()) {
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
        Err(problems) => fail(Failed::Build, &problems),
    }
}

fn check(options: &Options, deny_warnings: bool) -> ExitCode {
    match loa::check(options) {
        Ok(rendered) => {
            print_all(&rendered.warnings);
            println!(
                "{}",
                msg::check_summary(rendered.pages, rendered.warnings.len())
            );
            if deny_warnings && !rendered.warnings.is_empty() {
                eprintln!("{}", msg::warnings_denied(rendered.warnings.len()));
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(problems) => fail(Failed::Check, &problems),
    }
}

fn serve(cli: &Cli, args: &ServeArgs) -> ExitCode {
    if !args.bind.is_loopback() {
        eprintln!("{}: {}", msg::LABEL_WARNING, msg::BIND_WARNING);
    }
    let options = loa::serve::ServeOptions {
        root: cli.root.clone(),
        bind: args.bind,
        hosts: args.hosts.clone(),
        port: args.port,
        drafts: args.drafts,
        now: cli.now.clone(),
    };
    let server = match loa::serve::Server::start(options, print_build) {
        Ok(server) => server,
        Err(problem) => return fail(Failed::Serve, &[problem]),
    };
    println!("{}", msg::serving(&server.url()));
    if args.open {
        // Not finding a browser is no reason to stop the preview.
        let _ = opener::open_browser(server.url());
    }
    server.wait();
    ExitCode::SUCCESS
}

fn report(cli: &Cli, args: &ReportArgs) -> ExitCode {
    let period = match report_period(args) {
        Ok(p) => p,
        Err(d) => return fail(Failed::Report, &[d]),
    };
    let format = args.format.as_str();
    if !matches!(format, "md" | "csv" | "html" | "docx") {
        let d = Diagnostic::error("--format", 0, 0, msg::bad_report_format(format));
        return fail(Failed::Report, &[d]);
    }
    let options = Options {
        root: cli.root.clone(),
        base_url: None,
        drafts: false,
        now: cli.now.clone(),
    };
    let (site, warnings) = match loa::assemble_site(&options) {
        Ok(s) => s,
        Err(problems) => return fail(Failed::Report, &problems),
    };
    print_all(&warnings);
    let report = loa::report::build(&site, &period);
    let bytes = match format {
        "csv" => loa::report::csv(&report),
        "html" => loa::report::html(&report).into_bytes(),
        "docx" => loa::report::docx(&report),
        _ => loa::report::markdown(&report).into_bytes(),
    };
    match &args.output {
        None => {
            use std::io::Write;
            let _ = std::io::stdout().write_all(&bytes);
            ExitCode::SUCCESS
        }
        Some(path) => match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
        {
            Ok(mut file) => {
                use std::io::Write;
                if let Err(e) = file.write_all(&bytes) {
                    return fail(
                        Failed::Report,
                        &[Diagnostic::file_error(path.clone(), msg::io_write(&e))],
                    );
                }
                println!("{}", msg::created(path));
                ExitCode::SUCCESS
            }
            Err(e) => {
                let d = if e.kind() == std::io::ErrorKind::AlreadyExists {
                    Diagnostic::file_error(path.clone(), msg::REPORT_EXISTS)
                        .with_hint(msg::HINT_REPORT_EXISTS)
                } else {
                    Diagnostic::file_error(path.clone(), msg::io_write(&e))
                };
                fail(Failed::Report, &[d])
            }
        },
    }
}

fn share(cli: &Cli, args: &ShareArgs) -> ExitCode {
    let options = Options {
        root: cli.root.clone(),
        base_url: None,
        drafts: false,
        now: cli.now.clone(),
    };
    let (site, _) = match loa::assemble_site(&options) {
        Ok(s) => s,
        Err(problems) => return fail(Failed::Share, &problems),
    };
    let rel = content_rel(&cli.root, &args.file);
    match rel
        .as_deref()
        .and_then(|rel| loa::share::post_for(&site, rel))
    {
        Some(post) => {
            print!("{post}");
            ExitCode::SUCCESS
        }
        None => {
            let d = if args.file.is_file() || cli.root.join(&args.file).is_file() {
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
fn content_rel(root: &std::path::Path, file: &std::path::Path) -> Option<String> {
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

/// The period asked for: a quarter, a month, a year or two dates.
fn report_period(args: &ReportArgs) -> Result<loa::report::Period, Diagnostic> {
    use loa::report::Period;
    let bad = |flag: &str, value: &str| {
        Diagnostic::error(flag, 0, 0, msg::bad_period(value)).with_hint(msg::HINT_PERIOD)
    };
    if let Some(q) = &args.quarter {
        return Period::quarter(q).ok_or_else(|| bad("--quarter", q));
    }
    if let Some(m) = &args.month {
        return Period::month(m).ok_or_else(|| bad("--month", m));
    }
    if let Some(y) = args.year {
        return Period::year(y).ok_or_else(|| bad("--year", &y.to_string()));
    }
    match (&args.from, &args.to) {
        (Some(from), Some(to)) => {
            let from_date: jiff::civil::Date = from.parse().map_err(|_| bad("--from", from))?;
            let to_date: jiff::civil::Date = to.parse().map_err(|_| bad("--to", to))?;
            if to_date < from_date {
                return Err(bad("--to", to));
            }
            Ok(Period {
                from: from_date,
                to: to_date,
            })
        }
        _ => {
            Err(Diagnostic::error("loa report", 0, 0, msg::PERIOD_MISSING)
                .with_hint(msg::HINT_PERIOD))
        }
    }
}

fn print_build(report: &loa::serve::BuildReport) {
    print_all(&report.problems);
    let errors = report.problems.iter().filter(|p| p.is_error()).count();
    if errors > 0 {
        eprintln!("{}", msg::rebuild_failed(errors, report.serving));
    } else if report.notice.version == 1 {
        println!("{}", msg::built(report.pages, report.took.as_millis()));
    } else {
        println!("{}", msg::rebuilt(report.pages, report.took.as_millis()));
    }
}

fn init(cli: &Cli, args: &InitArgs) -> ExitCode {
    let dir = args.dir.clone().unwrap_or_else(|| cli.root.clone());
    // A new site's zone is the default one until its config says otherwise.
    let tz = jiff::tz::TimeZone::get("Asia/Ho_Chi_Minh").unwrap_or(jiff::tz::TimeZone::UTC);
    let today = match &cli.now {
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

fn new(cli: &Cli, args: &NewArgs) -> ExitCode {
    let config = match loa::config::load(&cli.root, &Default::default()) {
        Ok(c) => c,
        Err(problems) => return fail(Failed::Create, &problems),
    };
    let now = match &cli.now {
        Some(text) => match loa::parse_now(text, &config.timezone) {
            Ok(d) => d,
            Err(d) => return fail(Failed::Create, &[d]),
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
        Err(problems) => fail(Failed::Create, &problems),
    }
}

fn print_all(problems: &[Diagnostic]) {
    for p in problems {
        eprintln!("{p}");
    }
}

fn fail(failed: Failed, problems: &[Diagnostic]) -> ExitCode {
    print_all(problems);
    let errors = problems.iter().filter(|p| p.is_error()).count();
    eprintln!(
        "{}",
        msg::failure_summary(failed, errors, problems.len() - errors)
    );
    ExitCode::FAILURE
}
