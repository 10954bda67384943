//! `loa desk` (`loa ban-soan`, or `loa` alone in a site folder, as a double-click on Windows
//! starts it): the preview and the writing desk, opened in the browser.

use std::process::ExitCode;

use loa::msg::{self, Failed};

use super::{fail, Global};

/// How many ports after the first are tried: a desk already open (a second double-click)
/// holds the first one.
const PORTS_TRIED: u16 = 10;
const FIRST_PORT: u16 = 1111;

impl Default for Args {
    fn default() -> Args {
        Args {
            port: FIRST_PORT,
            no_open: false,
        }
    }
}

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    /// Cổng của bàn soạn thảo (nếu đang bận, loa thử các cổng kế tiếp).
    #[arg(long, default_value_t = FIRST_PORT, value_name = "CỔNG")]
    port: u16,
    /// Không tự mở trình duyệt.
    #[arg(long = "khong-mo-trinh-duyet", alias = "no-open")]
    no_open: bool,
}

/// Starts the desk and blocks until the window is closed (or Ctrl-C).
pub fn run(global: &Global, args: &Args) -> ExitCode {
    let port = args.port;
    let mut started = None;
    let mut last_problem = None;
    // Port 0 asks the system for a free one (tests): there is nothing to retry.
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORTS_TRIED - 1)
    };
    for port in port..=last {
        let options = loa::serve::ServeOptions {
            root: global.root.clone(),
            // The desk writes the officer's files: this machine only, never the network.
            bind: std::net::IpAddr::from([127, 0, 0, 1]),
            hosts: Vec::new(),
            port,
            drafts: true,
            now: global.now.clone(),
            review: false,
            desk: true,
        };
        // Each rebuild's outcome is on the desk's screens; the terminal keeps its one line.
        match loa::serve::Server::start(options, |_| {}) {
            Ok(server) => {
                started = Some(server);
                break;
            }
            Err(problem) if problem.path.as_os_str() == "--port" => last_problem = Some(problem),
            Err(problem) => return fail(Failed::Serve, &[problem]),
        }
    }
    let Some(server) = started else {
        let problems: Vec<_> = last_problem.into_iter().collect();
        return fail(Failed::Serve, &problems);
    };
    let url = server.desk_url();
    println!("{}", msg::desk_started(&url));
    if !args.no_open {
        // Not finding a browser is no reason to stop: the address is printed.
        let _ = opener::open_browser(&url);
    }
    server.wait();
    ExitCode::SUCCESS
}
