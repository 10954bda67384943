//! `loa import` with what a unit should not have sent: Word 97, RTF, a password, a damaged or
//! foreign file, one too large, a zip bomb, pictures past the limits. Each error names the
//! file and says what to do, and nothing is written; a bad picture is skipped with a message.

use std::io::Write;
use std::path::{Path, PathBuf};

use loa::diag::Diagnostic;

use crate::import::import;
use crate::support::Site;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A zip of the given entries, deflated.
fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A Word document with the given body XML, and these extra parts (pictures, relationships).
fn docx(body: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
    let document =
        format!(r#"<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}</w:body></w:document>"#);
    let mut entries: Vec<(&str, &[u8])> = vec![("word/document.xml", document.as_bytes())];
    entries.extend_from_slice(extra);
    zip(&entries)
}

fn paragraph(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

/// A paragraph holding the picture of relationship `id`.
fn picture(id: &str) -> String {
    format!(
        r#"<w:p><w:r><w:drawing><wp:inline xmlns:wp="urn:wp"><wp:docPr id="1" name="Ảnh" descr="Ảnh hội nghị"/><a:graphic xmlns:a="urn:a"><a:graphicData><pic:pic xmlns:pic="urn:pic"><pic:blipFill><a:blip r:embed="{id}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
    )
}

fn rels(targets: &[(&str, &str)]) -> Vec<u8> {
    let body: String = targets
        .iter()
        .map(|(id, target)| {
            format!(r#"<Relationship Id="{id}" Type="{R}/image" Target="{target}"/>"#)
        })
        .collect();
    format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>"#)
        .into_bytes()
}

/// Writes `bytes` as `name` in a folder of its own, outside the site.
fn sent_file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The one error of a refused import; checks that it names the file and that nothing was
/// written into the site.
fn refused(site: &Site, file: &Path) -> Diagnostic {
    let problems = import(site, file, &[]).expect_err("the import should be refused");
    assert_eq!(problems.len(), 1, "{problems:?}");
    let d = problems.into_iter().next().unwrap();
    assert!(d.is_error());
    assert_eq!(d.path, file, "the message names the file");
    assert!(!site.root().join("content").exists(), "nothing is written");
    d
}

fn hint(d: &Diagnostic) -> &str {
    d.hint.as_deref().unwrap_or_default()
}

/// An OLE compound file, the container of Word 97 and of password-protected Office files.
fn compound(with: &[u8]) -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    bytes.extend_from_slice(with);
    bytes
}

#[test]
fn a_word_97_file_is_refused_with_the_advice_to_save_it_as_docx() {
    let site = Site::new();
    let dir = tempfile::tempdir().unwrap();
    for name in ["bai.doc", "doi-ten.docx"] {
        let d = refused(&site, &sent_file(&dir, name, &compound(b"WordDocument")));
        assert!(d.message.contains("Word 97"), "{d}");
        assert!(hint(&d).contains(".docx"), "{d}");
    }
}

#[test]
fn an_rtf_file_is_refused_with_the_same_advice() {
    let site = Site::new();
    let dir = tempfile::tempdir().unwrap();
    let d = refused(&site, &sent_file(&dir, "bai.rtf", b"{\\rtf1\\ansi Chao}"));
    assert!(d.message.contains("RTF"), "{d}");
    assert!(hint(&d).contains("Save As"), "{d}");
}

#[test]
fn a_password_protected_file_is_refused_as_such() {
    let site = Site::new();
    let dir = tempfile::tempdir().unwrap();
    let stream: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let d = refused(&site, &sent_file(&dir, "bai.docx", &compound(&stream)));
    assert!(d.message.contains("mật khẩu"), "{d}");
    assert!(hint(&d).contains("bỏ mật khẩu"), "{d}");
}

#[test]
fn damaged_and_foreign_files_are_refused_naming_the_file() {
    let site = Site::new();
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, Vec<u8>, &str); 6] = [
        (
            "hong.docx",
            b"PK\x03\x04 not really a zip".to_vec(),
            "bị hỏng",
        ),
        (
            "anh.docx",
            b"\xFF\xD8\xFF\xE0 a photo".to_vec(),
            "không phải tệp Word",
        ),
        (
            "rong.docx",
            zip(&[("ghi-chu.txt", b"x")]),
            "không phải tệp Word",
        ),
        (
            "bang.docx",
            zip(&[("xl/workbook.xml", b"<workbook/>")]),
            "Excel",
        ),
        (
            "bai.docx",
            zip(&[
                ("mimetype", b"application/vnd.oasis.opendocument.text"),
                ("content.xml", b"<x/>"),
            ]),
            "OpenDocument",
        ),
        (
            "xml-hong.docx",
            zip(&[("word/document.xml", b"<w:document><w:body><w:p></w:body>")]),
            "word/document.xml",
        ),
    ];
    for (name, bytes, says) in cases {
        let d = refused(&site, &sent_file(&dir, name, &bytes));
        assert!(d.message.contains(says), "{name}: {d}");
        assert!(!hint(&d).is_empty(), "{name}: {d}");
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let site = Site::new();
    let dir = tempfile::tempdir().unwrap();
    let path = sent_file(&dir, "lon.docx", b"PK\x03\x04");
    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_len(loa::import::MAX_FILE_BYTES + 1).unwrap();
    let d = refused(&site, &path);
    assert!(d.message.contains("100 MB"), "{d}");
}

#[test]
fn a_zip_of_thousands_of_parts_is_refused_as_a_bomb() {
    let site = Site::new();
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..=loa::import::MAX_ENTRIES)
        .map(|i| format!("p/{i}"))
        .collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let d = refused(&site, &sent_file(&dir, "bom.docx", &zip(&entries)));
    assert!(d.message.contains("độc hại"), "{d}");
}

#[test]
fn a_part_that_unpacks_past_its_limit_is_refused_as_a_bomb() {
    let site = Site::new();
    let dir = tempfile::tempdir().unwrap();
    // 70 MB of spaces inside a paragraph deflate to a few dozen kilobytes.
    let mut document = format!(r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>"#).into_bytes();
    document.resize(document.len() + 70 * 1024 * 1024, b' ');
    document.extend_from_slice(b"</w:t></w:r></w:p></w:body></w:document>");
    let bytes = zip(&[("word/document.xml", &document)]);
    assert!(bytes.len() < 1024 * 1024, "a bomb: {} bytes", bytes.len());
    let d = refused(&site, &sent_file(&dir, "bom.docx", &bytes));
    assert!(d.message.contains("quá lớn"), "{d}");
}

#[test]
fn nesting_deeper_than_any_word_file_is_damage_not_a_crash() {
    let site = Site::new();
    let dir = tempfile::tempdir().unwrap();
    let deep = format!(
        "{}{}",
        "<w:sdt><w:sdtContent>".repeat(300),
        "</w:sdtContent></w:sdt>".repeat(300)
    );
    let d = refused(&site, &sent_file(&dir, "sau.docx", &docx(&deep, &[])));
    assert!(d.message.contains("bị hỏng"), "{d}");
}

/// A PNG's signature and header chunk claiming a size, and nothing else: enough for a
/// decoder to read the size, which is all the import reads.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut chunk = b"IHDR".to_vec();
    chunk.extend(width.to_be_bytes());
    chunk.extend(height.to_be_bytes());
    chunk.extend([8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0d".to_vec();
    png.extend(&chunk);
    png.extend(crc32(&chunk).to_be_bytes());
    png
}

/// The CRC of a PNG chunk (ISO 3309).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A real 40×30 picture.
fn small(format: image::ImageFormat) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::RgbImage::new(40, 30)
        .write_to(&mut out, format)
        .unwrap();
    out.into_inner()
}

#[test]
fn pictures_past_the_limits_or_unsafe_are_skipped_with_a_message_and_the_text_kept() {
    let site = Site::new();
    let dir = tempfile::tempdir().unwrap();
    let huge = png_claiming(30_000, 30_000);
    let png = small(image::ImageFormat::Png);
    let jpeg = small(image::ImageFormat::Jpeg);
    let body = [
        paragraph("Bài có ảnh lạ"),
        picture("rHuge"),
        picture("rEmf"),
        picture("rOut"),
        picture("rFake"),
        picture("rGood"),
        paragraph("Chữ vẫn còn."),
        picture("rNamedPng"),
    ]
    .concat();
    let relationships = rels(&[
        ("rHuge", "media/lon.png"),
        ("rEmf", "media/bieu-do.emf"),
        ("rOut", "../../../../etc/passwd.png"),
        ("rFake", "media/gia.jpg"),
        ("rGood", "media/tot.png"),
        ("rNamedPng", "media/that-ra-la-jpeg.png"),
    ]);
    let file = sent_file(
        &dir,
        "anh.docx",
        &docx(
            &body,
            &[
                ("word/_rels/document.xml.rels", &relationships),
                ("word/media/lon.png", &huge),
                ("word/media/bieu-do.emf", b"\x01\0\0\0EMF"),
                ("word/media/gia.jpg", b"not a jpeg at all"),
                ("word/media/tot.png", &png),
                ("word/media/that-ra-la-jpeg.png", &jpeg),
            ],
        ),
    );
    let imported =
        import(&site, &file, &[]).unwrap_or_else(|p| panic!("{}", crate::support::show(&p)));
    let dir = imported.path.parent().unwrap();
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["anh-01.png", "anh-02.jpg", "index.md"],
        "only the good pictures are written, named by what their bytes are"
    );
    assert_eq!(std::fs::read(dir.join("anh-01.png")).unwrap(), png);
    let markdown = std::fs::read_to_string(&imported.path).unwrap();
    assert!(
        markdown.contains("![Ảnh hội nghị](anh-01.png)\n\nChữ vẫn còn."),
        "{markdown}"
    );
    let summary = imported.report.lines().join("\n");
    for says in [
        "lon.png: ảnh quá lớn",
        "bieu-do.emf: dạng .emf",
        "rOut: không tìm thấy",
        "gia.jpg: tệp ảnh hỏng",
    ] {
        assert!(summary.contains(says), "{says:?} in:\n{summary}");
    }
}
