//! `loa serve`: runs the preview server and prints the outcome of each rebuild.

use std::process::ExitCode;

use loa::msg::{self, Failed};

use super::{fail, print_all, Global};

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    /// Cổng của máy chủ xem trước.
    #[arg(long, default_value_t = 1111, value_name = "CỔNG")]
    port: u16,
    /// Địa chỉ nghe; mặc định chỉ máy này (127.0.0.1), hoặc cả mạng nội bộ (0.0.0.0) với --review.
    #[arg(long, value_name = "ĐỊA_CHỈ")]
    bind: Option<std::net::IpAddr>,
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
    /// Cho lãnh đạo duyệt bài trên điện thoại: mở trang duyệt cho mạng nội bộ, sau một địa chỉ
    /// có mã bí mật (in ra kèm mã QR); chỉ duyệt và trả lại bài được, không sửa gì khác.
    #[arg(long)]
    review: bool,
}

pub fn run(global: &Global, args: &Args) -> ExitCode {
    let everywhere = std::net::IpAddr::from([0, 0, 0, 0]);
    let loopback = std::net::IpAddr::from([127, 0, 0, 1]);
    let bind = args
        .bind
        .unwrap_or(if args.review { everywhere } else { loopback });
    if !bind.is_loopback() && !args.review {
        eprintln!("{}: {}", msg::LABEL_WARNING, msg::BIND_WARNING);
    }
    let options = loa::serve::ServeOptions {
        root: global.root.clone(),
        bind,
        hosts: args.hosts.clone(),
        port: args.port,
        drafts: args.drafts,
        now: global.now.clone(),
        review: args.review,
        desk: false,
    };
    let server = match loa::serve::Server::start(options, print_build) {
        Ok(server) => server,
        Err(problem) => return fail(Failed::Serve, &[problem]),
    };
    if args.review {
        print_review(&server);
    } else {
        println!("{}", msg::serving(&server.url()));
    }
    if args.open {
        // Not finding a browser is no reason to stop the preview.
        let _ = opener::open_browser(server.url());
    }
    server.wait();
    ExitCode::SUCCESS
}

/// The review's addresses, and the first as a QR code for the leader's phone.
fn print_review(server: &loa::serve::Server) {
    let urls = server.review_urls();
    if urls.first().is_some_and(|u| u.contains("://127.0.0.1:")) {
        eprintln!("{}: {}", msg::LABEL_WARNING, msg::REVIEW_NO_NETWORK);
    }
    println!("{}", msg::reviewing(&urls));
    if let Some(code) = urls.first().and_then(|url| loa::serve::review::qr(url)) {
        println!("{code}");
    }
}

/// What the officer sees after each build of the preview.
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
