//! Writes a long Word file of the kind units send, to measure `loa import`: about 30 A4 pages
//! of Vietnamese text (headings, bold and italic runs, bulleted lists, a table every few pages)
//! and 20 phone-sized JPEG photos, written with docx-rs (a third producer besides the
//! LibreOffice and python-docx fixtures). Deterministic.
//!
//!     cargo run --release --example gen-docx -- /tmp/bai-dai.docx [--pages 30] [--photos 20]

use std::path::PathBuf;

use docx_rs::{
    AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat, Numbering,
    NumberingId, Paragraph, Pic, Run, Start, Style, StyleType, Table, TableCell, TableRow,
};

const WORDS: &[&str] = &[
    "cải", "cách", "hành", "chính", "người", "dân", "doanh", "nghiệp", "thủ", "tục", "một", "cửa",
    "liên", "thông", "trực", "tuyến", "chuyển", "đổi", "số", "chính", "quyền", "địa", "phương",
    "tuyên", "truyền", "pháp", "luật", "công", "chức", "viên", "hồ", "sơ", "giải", "quyết",
    "hướng", "dẫn", "tận", "tình", "nhanh", "chóng", "minh", "bạch", "trách", "nhiệm", "phục",
    "vụ", "hài", "lòng", "kết", "quả", "đánh", "giá", "sáng", "kiến", "mô", "hình", "tỉnh",
];
/// Words of body text on one A4 page in 13 pt Times New Roman.
const WORDS_PER_PAGE: usize = 500;
/// A phone photo as Word keeps it when "do not compress" is ticked: 4000×3000 would be 12 MP;
/// 3000×2000 keeps the file under loa's limit with 20 of them.
const PHOTO: (u32, u32) = (3000, 2000);

/// A small deterministic generator (xorshift), so the file is the same every time.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn sentence(rng: &mut Random) -> String {
    let n = 8 + rng.below(12);
    let mut words: Vec<&str> = (0..n).map(|_| WORDS[rng.below(WORDS.len())]).collect();
    let first = words[0].to_string();
    let mut capital = first.chars();
    let capitalised: String = capital
        .next()
        .map(|c| c.to_uppercase().chain(capital).collect())
        .unwrap_or_default();
    words[0] = &capitalised;
    format!("{}.", words.join(" "))
}

/// A photo-like JPEG: gradients and noise, which compress like a photo does.
fn photo(rng: &mut Random) -> Vec<u8> {
    let (w, h) = PHOTO;
    let tint = [
        rng.below(255) as u32,
        rng.below(255) as u32,
        rng.below(255) as u32,
    ];
    let image = image::RgbImage::from_fn(w, h, |x, y| {
        let noise = (rng.next() % 48) as u32;
        image::Rgb([
            ((x * 255 / w + tint[0] + noise) % 256) as u8,
            ((y * 255 / h + tint[1] + noise) % 256) as u8,
            (((x + y) * 128 / (w + h) + tint[2] + noise) % 256) as u8,
        ])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .expect("encode JPEG in memory");
    out.into_inner()
}

fn styles(doc: Docx) -> Docx {
    doc.add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .bold(),
    )
    .add_style(
        Style::new("Heading1", StyleType::Paragraph)
            .name("heading 1")
            .bold(),
    )
    .add_style(
        Style::new("Heading2", StyleType::Paragraph)
            .name("heading 2")
            .bold(),
    )
    .add_abstract_numbering(AbstractNumbering::new(1).add_level(Level::new(
        0,
        Start::new(1),
        NumberFormat::new("bullet"),
        LevelText::new("•"),
        LevelJc::new("left"),
    )))
    .add_numbering(Numbering::new(1, 1))
}

fn page(doc: Docx, rng: &mut Random, n: usize) -> Docx {
    let mut doc = doc.add_paragraph(
        Paragraph::new()
            .style(if n.is_multiple_of(3) {
                "Heading1"
            } else {
                "Heading2"
            })
            .add_run(Run::new().add_text(format!("Phần {}: {}", n + 1, sentence(rng)))),
    );
    let mut words = 0;
    while words < WORDS_PER_PAGE {
        let mut p = Paragraph::new();
        for i in 0..4 {
            let s = sentence(rng);
            words += s.split(' ').count();
            let run = Run::new().add_text(format!("{s} "));
            p = p.add_run(match i {
                1 => run.bold(),
                3 => run.italic(),
                _ => run,
            });
        }
        doc = doc.add_paragraph(p);
    }
    for _ in 0..3 {
        doc = doc.add_paragraph(
            Paragraph::new()
                .numbering(NumberingId::new(1), IndentLevel::new(0))
                .add_run(Run::new().add_text(sentence(rng))),
        );
    }
    if n % 5 == 4 {
        let cell = |s: String| {
            TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(s)))
        };
        let rows = (0..6)
            .map(|r| {
                TableRow::new(vec![
                    cell(format!("Đơn vị {r}")),
                    cell(format!("{}", rng.below(500))),
                    cell(format!("{}%", rng.below(100))),
                ])
            })
            .collect();
        doc = doc.add_table(Table::new(rows));
    }
    doc
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut out = PathBuf::from("bai-dai.docx");
    let (mut pages, mut photos) = (30usize, 20usize);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--pages" => pages = args.next().and_then(|v| v.parse().ok()).expect("--pages N"),
            "--photos" => {
                photos = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--photos N")
            }
            path => out = PathBuf::from(path),
        }
    }
    let mut rng = Random(0x9E37_79B9_7F4A_7C15);
    let mut doc = styles(Docx::new()).add_paragraph(Paragraph::new().style("Title").add_run(
        Run::new().add_text("Báo cáo kết quả cải cách hành chính năm 2025 của Sở Tư pháp"),
    ));
    for n in 0..pages {
        doc = page(doc, &mut rng, n);
        // The photos spread over the pages, each with a caption under it.
        let due = (n + 1) * photos / pages - n * photos / pages;
        for k in 0..due {
            let pic = Pic::new_with_dimensions(photo(&mut rng), PHOTO.0, PHOTO.1)
                .size(5_486_400, 3_657_600);
            doc = doc
                .add_paragraph(Paragraph::new().add_run(Run::new().add_image(pic)))
                .add_paragraph(
                    Paragraph::new().add_run(
                        Run::new()
                            .add_text(format!("Ảnh {}-{k}: {}", n + 1, sentence(&mut rng)))
                            .italic(),
                    ),
                );
        }
    }
    let file = std::fs::File::create(&out).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    doc.build().pack(file).expect("write the .docx");
    println!("{}", out.display());
}
