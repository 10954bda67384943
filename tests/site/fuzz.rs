//! A fuzz harness for load → parse → assemble → render: random sites made of hostile and
//! broken pieces (Markdown, front matter, YAML, bytes) must build or fail without a panic,
//! without a hang, and with every problem at a place.
//!
//! `cargo test` runs a short fixed number of cases from a fixed seed. For a long run:
//!
//! ```sh
//! LOA_FUZZ_SECONDS=600 cargo test --release --test site fuzz -- --nocapture
//! ```
//!
//! (`LOA_FUZZ_SEED=N` starts from another seed; a failure prints the seed and case to replay.)

use std::time::{Duration, Instant};

use crate::support::Site;

/// Cases `cargo test` runs.
const SHORT_RUN: u64 = 40;
/// How long one case may take before it counts as a hang (a debug build, a loaded machine).
const HANG: Duration = Duration::from_secs(20);

/// A small, seedable generator (xorshift*): a failing case is replayed from its seed alone.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const MARKDOWN: &[&str] = &[
    "# Tiêu đề\n",
    "## Mục {#muc}\n",
    "## Mục {onfocus=x .c #id}\n",
    "## {#}\n",
    "######## quá sâu\n",
    "Đoạn văn có **đậm** và _nghiêng_ và ~~gạch~~.\n",
    "[liên kết](khong-co.md#neo)\n",
    "[liên kết](../../../../etc/passwd)\n",
    "[a](javascript:alert(1))\n",
    "<jav&#x61;script:x>\n",
    "![ảnh](anh.jpg \"tựa\")\n",
    "![](data:image/png;base64,AAAA)\n",
    "[r]: vbscript:x\n",
    "[^1]\n\n[^1]: chú thích\n",
    "| a | b |\n|---|:-:|\n| 1 | 2 |\n",
    "| a |\n|---|\n| <td style=x> |\n",
    "<script>alert(1)</script>\n",
    "<div\nonclick=x\n>đa dòng</div>\n",
    "<!-- more -->\n",
    "<!--\n",
    "<a href='\n",
    "```\nmã <script>\n```\n",
    "- [ ] việc\n- [x] xong\n",
    "> trích\n> > lồng\n",
    "Nghị định số 118/2025/NĐ-CP và Nghị quyết 66/NQ-CP\n",
    "\u{0}\u{1b}[31m\u{202e}\n",
    "e\u{301}\u{301}\u{301} đ Đ ư ơ\n",
    "\r\n\r\n",
    "*",
    "[",
    "\\",
    "`",
    "&#x0;&#xD800;&#99999999;\n",
];

const FRONT: &[&str] = &[
    "title: \"Bài\"\n",
    "title: Bài: hai chấm\n",
    "title: [\n",
    "title: 5\n",
    "date: 2025-09-01\n",
    "date: 2025-13-45\n",
    "date: hôm qua\n",
    "draft: true\n",
    "draft: có\n",
    "topics: [nghi-dinh-118]\n",
    "topics: [khong-co]\n",
    "topics: nghi-dinh-118\n",
    "tags: [a, a, \"\"]\n",
    "unit: van-phong\n",
    "image: anh.jpg\nimage_alt: ảnh\n",
    "image: \"javascript:x\"\n",
    "summary: \"<script>x</script>\"\n",
    "slug: ../../x\n",
    "slug: \"\"\n",
    "aliases: [/tin-tuc/cu/, \"javascript:x\"]\n",
    "event:\n  start: 2025-10-17 07:30\n  end: 2025-10-16\n",
    "khong_biet: 1\n",
    "&a [*a, *a, *a, *a]\n",
    "  thụt: lề\n",
    "\t\n",
];

/// One random site: a few articles (front matter and body from the pieces, sometimes cut at
/// a random byte), and sometimes a drawing or a broken table of documents.
fn random_site(rng: &mut Rng) -> Site {
    let site = Site::new();
    for i in 0..1 + rng.below(3) {
        let mut text = String::from("---\n");
        for _ in 0..rng.below(6) {
            text.push_str(rng.pick(FRONT));
        }
        if rng.below(8) > 0 {
            text.push_str("---\n");
        }
        for _ in 0..rng.below(12) {
            text.push_str(rng.pick(MARKDOWN));
            if rng.below(3) == 0 {
                text.push('\n');
            }
        }
        let mut bytes = text.into_bytes();
        if rng.below(6) == 0 {
            bytes.truncate(rng.below(bytes.len() + 1));
        }
        if rng.below(10) == 0 {
            let at = rng.below(bytes.len() + 1);
            bytes.insert(at, 0xFF);
        }
        site.write_bytes(&format!("content/tin-tuc/b{i}/index.md"), &bytes);
        if rng.below(4) == 0 {
            site.write(
                &format!("content/tin-tuc/b{i}/so-do.svg"),
                rng.pick(&[
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"x\"><script>x</script></svg>",
                    "<svg><rect>",
                    "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"b\">]><svg>&a;</svg>",
                ]),
            );
        }
    }
    if rng.below(5) == 0 {
        site.write(
            "data/van-ban.yaml",
            rng.pick(&[
                "- number: 118/2025/NĐ-CP\n  title: x\n  date: 2025-06-01\n  url: javascript:x\n",
                "- [\n",
                "- number: 1\n",
            ]),
        );
    }
    site
}

/// Builds one random site in a thread of its own; the problems, or a description of what went
/// wrong (a panic, a hang, a message without a place).
fn run_case(seed: u64) -> Result<usize, String> {
    let (done, wait) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut rng = Rng(seed | 1);
        let site = random_site(&mut rng);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            crate::support::in_memory(&site.options())
        }));
        let _ = done.send(result.map(|r| match r {
            Ok(rendered) => rendered.warnings,
            Err(problems) => problems,
        }));
    });
    let problems = match wait.recv_timeout(HANG) {
        Ok(Ok(problems)) => problems,
        Ok(Err(_)) => return Err("panicked".into()),
        Err(_) => return Err(format!("no answer within {HANG:?}")),
    };
    for d in &problems {
        let is_text = d.path.extension().is_some_and(|e| e == "md" || e == "yaml");
        // A whole-file problem (unreadable, too large, not UTF-8 before a line is known) may
        // have no line; any other problem in a text file names one.
        let whole_file = d.line == 0 && d.col == 0;
        if d.path.as_os_str().is_empty() || d.message.trim().is_empty() {
            return Err(format!("a message without a place: {d:?}"));
        }
        if is_text && whole_file && !whole_file_problem(&d.message) {
            return Err(format!("a problem in a text file without a line: {d}"));
        }
    }
    Ok(problems.len())
}

/// Messages that are about a whole file by nature.
fn whole_file_problem(message: &str) -> bool {
    ["không đọc được tệp", "tệp quá lớn", "tệp rỗng"]
        .iter()
        .any(|m| message.contains(m))
}

#[test]
fn random_sites_build_or_fail_with_every_problem_at_a_place() {
    let seconds: Option<u64> = std::env::var("LOA_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok());
    let first: u64 = std::env::var("LOA_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x10A_2025);
    let deadline = seconds.map(|s| Instant::now() + Duration::from_secs(s));
    let started = Instant::now();
    let (mut cases, mut problems, mut failures) = (0u64, 0usize, Vec::new());
    loop {
        let seed = first.wrapping_add(cases.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        match run_case(seed) {
            Ok(n) => problems += n,
            Err(what) => failures.push(format!("seed {seed}: {what}")),
        }
        cases += 1;
        let more = match deadline {
            Some(d) => Instant::now() < d,
            None => cases < SHORT_RUN,
        };
        if !more || failures.len() >= 5 {
            break;
        }
    }
    println!(
        "fuzz: {cases} sites in {:.1} s, {problems} problems reported, {} failures",
        started.elapsed().as_secs_f64(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
