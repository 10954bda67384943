//! The `loa` command: parses the arguments and hands them to the verb asked for; each verb
//! (in `cmd/`) prints its outcome and picks the exit code.

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use cmd::HELP;

// A build allocates and frees millions of small strings and maps, from both cores at once:
// mimalloc does that with a sixth less CPU than the system allocator (docs/performance.md).
// See `loa::allocator` for how it is asked.
#[global_allocator]
static ALLOCATOR: loa::allocator::Mimalloc = loa::allocator::Mimalloc;

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
    #[command(flatten)]
    global: cmd::Global,
    /// None: `loa` alone, as a double-click starts it.
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Tạo một trang mới: config.yaml với chủ đề, đơn vị, hình thức của kế hoạch và một bài mẫu.
    #[command(help_template = HELP)]
    Init(cmd::init::Args),
    /// Tạo một bài viết nháp mới trong content/<chuyên mục>/.
    #[command(help_template = HELP)]
    New(cmd::new::Args),
    /// Nhận bài từ đơn vị: chuyển tệp Word (.docx) thành bài nháp kèm ảnh (cũng gõ được `loa nhap`).
    #[command(help_template = HELP, alias = "nhap")]
    Import(cmd::import::Args),
    /// Dựng toàn bộ trang vào thư mục xuất (mặc định output/).
    #[command(help_template = HELP)]
    Build(cmd::build::Args),
    /// Kiểm tra mọi lỗi như khi dựng, nhưng không ghi gì.
    #[command(help_template = HELP)]
    Check(cmd::check::Args),
    /// Xem trước trang trong trình duyệt; trang tự cập nhật mỗi lần lưu tệp.
    #[command(help_template = HELP)]
    Serve(cmd::serve::Args),
    /// Mở bàn soạn thảo trong trình duyệt: viết, xem trước, gửi duyệt và đăng bài (cũng gõ được
    /// `loa ban-soan`, hoặc chỉ `loa` trong thư mục trang).
    #[command(help_template = HELP, visible_alias = "ban-soan")]
    Desk(cmd::desk::Args),
    /// Lập báo cáo kết quả tuyên truyền CCHC trong một kỳ (gửi Sở Nội vụ).
    #[command(help_template = HELP)]
    Report(cmd::report::Args),
    /// Đăng trang lên cổng thông tin (thư mục hoặc máy chủ SFTP); chỉ gửi những tệp đã đổi.
    #[command(help_template = HELP)]
    Publish(cmd::publish::Args),
    /// In ra bài đăng sẵn để dán lên Facebook, Zalo: tiêu đề, tóm tắt, địa chỉ, hashtag.
    #[command(help_template = HELP)]
    Share(cmd::share::Args),
    /// Gửi bài cho lãnh đạo duyệt (khi config.yaml có approval: required).
    #[command(help_template = HELP, visible_alias = "gui-duyet")]
    Submit(cmd::submit::Args),
    /// Ghi lãnh đạo đã duyệt bài; --sheet ghi phiếu duyệt tin, bài (Word và HTML).
    #[command(help_template = HELP, visible_alias = "duyet")]
    Approve(cmd::approve::Args),
    /// Trả bài lại cho người viết, kèm ghi chú cần sửa gì.
    #[command(name = "return", help_template = HELP, visible_alias = "tra-lai")]
    Return(cmd::send_back::Args),
    /// Liệt kê các bài theo trạng thái: chờ duyệt, bị trả lại, nháp, hẹn ngày, được đăng.
    #[command(help_template = HELP, visible_alias = "trang-thai")]
    Status(cmd::status::Args),
}

fn main() -> ExitCode {
    loa::allocator::configure();
    let Cli { global, command } = Cli::parse();
    let Some(command) = command else {
        return without_a_verb(&global);
    };
    match &command {
        Command::Init(args) => cmd::init::run(&global, args),
        Command::New(args) => cmd::new::run(&global, args),
        Command::Import(args) => cmd::import::run(&global, args),
        Command::Build(args) => cmd::build::run(&global, args),
        Command::Check(args) => cmd::check::run(&global, args),
        Command::Serve(args) => cmd::serve::run(&global, args),
        Command::Desk(args) => cmd::desk::run(&global, args),
        Command::Report(args) => cmd::report::run(&global, args),
        Command::Publish(args) => cmd::publish::run(&global, args),
        Command::Share(args) => cmd::share::run(&global, args),
        Command::Submit(args) => cmd::submit::run(&global, args),
        Command::Approve(args) => cmd::approve::run(&global, args),
        Command::Return(args) => cmd::send_back::run(&global, args),
        Command::Status(args) => cmd::status::run(&global, args),
    }
}

/// `loa` alone: in a site folder, the desk (a double-click on `loa.exe` there starts it);
/// elsewhere, the help. A window a double-click opened closes as soon as loa stops, so a
/// desk that could not start waits for Enter, leaving its message readable.
fn without_a_verb(global: &cmd::Global) -> ExitCode {
    if !global.root.join(loa::config::CONFIG_FILE).is_file() {
        use clap::CommandFactory;
        let _ = Cli::command().print_help();
        return ExitCode::from(2);
    }
    let code = cmd::desk::run(global, &cmd::desk::Args::default());
    if code != ExitCode::SUCCESS {
        eprintln!("{}", loa::msg::PRESS_ENTER_TO_CLOSE);
        let _ = std::io::stdin().read_line(&mut String::new());
    }
    code
}
