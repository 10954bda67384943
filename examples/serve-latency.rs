//! Measures `loa serve`'s edit-to-served latency: from writing an article's file to the moment
//! the updated page is served, debounce included. `cargo run --release --example serve-latency
//! -- DIR [EDITS]` on a site made by `gen-corpus`; prints every latency, the median and the worst.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use loa::serve::{ServeOptions, Server};

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: serve-latency DIR [EDITS]"));
    let edits: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let options = ServeOptions {
        root: root.clone(),
        bind: [127, 0, 0, 1].into(),
        port: 0,
        drafts: false,
        now: Some("2027-01-01".into()),
    };
    let started = Instant::now();
    let server = Server::start(options, |_| {}).expect("serve starts");
    println!("first build: {} ms", started.elapsed().as_millis());
    let file = root.join("content/tin-tuc/bai-00007.md");
    let url = format!("{}tin-tuc/bai-00007/", server.url());
    let original = std::fs::read_to_string(&file).expect("bai-00007.md from gen-corpus");
    let mut latencies = Vec::new();
    for n in 0..edits {
        let marker = format!("Đoạn sửa lần thứ {n} để đo độ trễ.");
        let written = Instant::now();
        std::fs::write(&file, format!("{original}\n{marker}\n")).expect("write");
        loop {
            let body = ureq::get(&url)
                .call()
                .ok()
                .and_then(|mut r| r.body_mut().read_to_string().ok());
            if body.is_some_and(|b| b.contains(&marker)) {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let took = written.elapsed();
        println!("edit {n}: {} ms", took.as_millis());
        latencies.push(took);
        std::thread::sleep(Duration::from_millis(200));
    }
    std::fs::write(&file, original).expect("restore");
    latencies.sort();
    println!(
        "{} edits: median {} ms, worst {} ms",
        latencies.len(),
        latencies[latencies.len() / 2].as_millis(),
        latencies.last().map_or(0, |d| d.as_millis())
    );
}
