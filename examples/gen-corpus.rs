//! Generates a deterministic Vietnamese site for benchmarks: `cargo run --release --example
//! gen-corpus -- --articles 10000 --out DIR`. Articles are 500–800 words of NFC Vietnamese with
//! a table, a list and relative `.md` links, dated across 2024–2026, with 1–2 of ~10 topics and
//! 1–3 tags. Build it with a fixed `--now 2027-01-01` so the page count does not depend on the day.

use std::fmt::Write as _;
use std::path::PathBuf;

const TOPICS: &[(&str, &str)] = &[
    ("par-index", "Chỉ số cải cách hành chính"),
    ("sipas", "Sự hài lòng của người dân"),
    ("pci", "Năng lực cạnh tranh cấp tỉnh"),
    ("papi", "Quản trị và hành chính công"),
    ("nghi-dinh-118", "Nghị định số 118/2025/NĐ-CP"),
    ("nghi-quyet-66", "Nghị quyết số 66/NQ-CP"),
    ("de-an-06", "Đề án 06/CP"),
    ("chuyen-doi-so", "Chuyển đổi số"),
    ("chinh-quyen-hai-cap", "Chính quyền địa phương hai cấp"),
    ("cai-cach-cong-vu", "Cải cách chế độ công vụ"),
];

const WORDS: &[&str] = &[
    "cải", "cách", "hành", "chính", "người", "dân", "doanh", "nghiệp", "thủ", "tục", "một", "cửa",
    "liên", "thông", "trực", "tuyến", "chuyển", "đổi", "số", "chính", "quyền", "địa", "phương",
    "tuyên", "truyền", "pháp", "luật", "công", "chức", "viên", "hồ", "sơ", "giải", "quyết",
    "hướng", "dẫn", "tận", "tình", "nhanh", "chóng", "minh", "bạch", "trách", "nhiệm", "phục",
    "vụ", "hài", "lòng", "kết", "quả", "đánh", "giá", "sáng", "kiến", "mô", "hình", "tỉnh", "An",
    "Giang", "Sở", "Tư", "pháp", "đề", "án", "dữ", "liệu", "dân", "cư", "định", "danh",
];

/// A small deterministic generator (xorshift): the same seed gives the same site.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| WORDS[self.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn main() {
    let mut articles = 1000usize;
    let mut out = PathBuf::from("corpus");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--articles" => {
                articles = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("--articles N")
            }
            "--out" => out = args.next().map(PathBuf::from).expect("--out DIR"),
            other => panic!("unknown argument {other}; use --articles N --out DIR"),
        }
    }
    std::fs::create_dir_all(out.join("content/tin-tuc")).expect("create the corpus folder");
    std::fs::write(out.join("config.yaml"), config()).expect("write config.yaml");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..articles {
        let text = article(&mut rng, i);
        std::fs::write(out.join(format!("content/tin-tuc/bai-{i:05}.md")), text)
            .expect("write an article");
    }
    println!("{articles} articles in {}", out.display());
}

fn config() -> String {
    let mut c = String::from(
        "title: \"Tuyên truyền cải cách hành chính\"\ndescription: \"Trang thử hiệu năng\"\nbase_url: \"https://stp.angiang.gov.vn/cchc/\"\npaginate: 20\ntopics:\n",
    );
    for (key, name) in TOPICS {
        let _ = writeln!(
            c,
            "  - key: {key}\n    name: \"{name}\"\n    description: \"\""
        );
    }
    c
}

fn article(rng: &mut Rng, i: usize) -> String {
    let (year, month, day) = (2024 + i % 3, 1 + rng.below(12), 1 + rng.below(28));
    let first = rng.below(TOPICS.len());
    let second = (first + 1 + rng.below(TOPICS.len() - 1)) % TOPICS.len();
    let topics = if rng.below(2) == 0 {
        TOPICS[first].0.to_string()
    } else {
        format!("{}, {}", TOPICS[first].0, TOPICS[second].0)
    };
    let tags: Vec<String> = (0..1 + rng.below(3))
        .map(|_| format!("\"thẻ {}\"", rng.below(300)))
        .collect();
    let mut body = String::new();
    let target_words = 500 + rng.below(300);
    let mut words = 0;
    let mut paragraph = 0;
    while words < target_words {
        let n = 60 + rng.below(40);
        let _ = write!(body, "{}.\n\n", rng.words(n));
        words += n;
        paragraph += 1;
        if paragraph == 2 {
            body.push_str("## Mục tiêu\n\n| Chỉ tiêu | Kết quả |\n|---|---|\n| Hồ sơ trực tuyến | 85% |\n| Hài lòng | 92% |\n\n- Một cửa liên thông\n- Dịch vụ công trực tuyến\n- Số hóa hồ sơ\n\n");
        }
    }
    if i > 0 {
        let _ = writeln!(body, "Xem thêm [bài trước](bai-{:05}.md#muc-tieu).", i - 1);
    }
    format!(
        "---\ntitle: \"Bài viết số {i} về cải cách hành chính\"\ndate: {year}-{month:02}-{day:02}\ntopics: [{topics}]\ntags: [{}]\n---\n{body}",
        tags.join(", ")
    )
}
