//! The pictures of a document taken out of the package: each one checked (a format browsers
//! show, bytes that are what the name says, within the size and image limits) and given a
//! name of loa's own (`anh-01.jpg`), never one written in the .docx.

use std::io::Cursor;

use super::inline::Files;
use super::model::{Block, Inline, Note, Paragraph};
use super::package::{Package, PartError, MAX_PICTURE_BYTES};
use super::report::{Report, Skip, Skipped};

/// The pictures to write beside the article.
#[derive(Debug, Default)]
pub struct Extracted {
    /// Part → file name, for the Markdown.
    pub files: Files,
    /// File name → bytes, in order.
    pub written: Vec<(String, Vec<u8>)>,
}

/// Every picture part the article shows, in reading order, each once.
pub fn used_parts(blocks: &[Block], notes: &[Note]) -> Vec<String> {
    let mut paragraphs: Vec<&Paragraph> = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph(p) => paragraphs.push(p),
            Block::Table(t) => {
                paragraphs.extend(t.rows.iter().flatten().flat_map(|c| &c.paragraphs))
            }
        }
    }
    paragraphs.extend(notes.iter().flat_map(|n| &n.paragraphs));
    let mut parts: Vec<String> = Vec::new();
    for inline in paragraphs.iter().flat_map(|p| &p.inlines) {
        if let Inline::Picture(p) = inline {
            if !parts.contains(&p.part) {
                parts.push(p.part.clone());
            }
        }
    }
    parts
}

/// Reads and checks each picture; one that cannot be published is named in the summary.
pub fn extract(package: &mut Package, parts: &[String], report: &mut Report) -> Extracted {
    let mut extracted = Extracted::default();
    for part in parts {
        match checked(package, part) {
            Ok((ext, bytes)) => {
                let name = format!("anh-{:02}.{ext}", extracted.written.len() + 1);
                extracted.files.insert(part.clone(), name.clone());
                extracted.written.push((name, bytes));
            }
            Err(why) => report.dropped.pictures.push(Skipped {
                part: part.clone(),
                why,
            }),
        }
    }
    report.converted.pictures = extracted.written.len();
    extracted
}

/// The picture's file extension and bytes, or why it is not published. The format is read
/// from the bytes: a name can lie (docx-rs names every picture `.png`), and Word itself reads
/// the bytes.
fn checked(package: &mut Package, part: &str) -> Result<(&'static str, Vec<u8>), Skip> {
    let named = part
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let bytes = match package.read(part, MAX_PICTURE_BYTES) {
        Ok(Some(b)) => b,
        Ok(None) => return Err(Skip::Missing),
        Err(PartError::TooLarge) => return Err(Skip::TooLarge),
        Err(PartError::Damaged(_)) => return Err(Skip::Damaged),
    };
    let Some(ext) = format_of(&bytes) else {
        let web = matches!(named.as_str(), "jpg" | "jpeg" | "png" | "gif" | "webp");
        return Err(if web {
            Skip::Damaged
        } else {
            Skip::Format(named)
        });
    };
    let (width, height) = dimensions(ext, &bytes).ok_or(Skip::Damaged)?;
    crate::images::check_dimensions(width, height).map_err(Skip::OverLimits)?;
    Ok((ext, bytes))
}

/// The web format of a picture, from its first bytes.
fn format_of(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.starts_with(b"GIF8") {
        Some("gif")
    } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some("webp")
    } else {
        None
    }
}

/// The pixel size a picture's header declares, read without decoding it; `None` when the
/// bytes are not a picture of that format.
fn dimensions(ext: &str, bytes: &[u8]) -> Option<(u32, u32)> {
    match ext {
        "jpg" => {
            let mut reader =
                image::ImageReader::with_format(Cursor::new(bytes), image::ImageFormat::Jpeg);
            // Only the header is read; the decoding limits are checked on the size it gives.
            reader.no_limits();
            reader.into_dimensions().ok()
        }
        // The header chunk comes first, at a fixed place (the PNG decoder would want more).
        "png" => {
            let header = bytes
                .get(..24)
                .filter(|h| h.starts_with(b"\x89PNG\r\n\x1a\n"))?;
            let be = |i: usize| {
                u32::from_be_bytes([header[i], header[i + 1], header[i + 2], header[i + 3]])
            };
            (&header[12..16] == b"IHDR").then(|| (be(16), be(20)))
        }
        "gif" => {
            let header = bytes.get(..10).filter(|h| h.starts_with(b"GIF8"))?;
            let le = |i: usize| u32::from(u16::from_le_bytes([header[i], header[i + 1]]));
            Some((le(6), le(8)))
        }
        "webp" => webp_dimensions(bytes),
        _ => None,
    }
}

/// WebP's canvas size from its first chunk (extended, lossy or lossless).
fn webp_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(..4)? != b"RIFF" || bytes.get(8..12)? != b"WEBP" {
        return None;
    }
    let b = |i: usize| bytes.get(i).copied().map(u32::from);
    match bytes.get(12..16)? {
        b"VP8X" => {
            let w = 1 + (b(24)? | b(25)? << 8 | b(26)? << 16);
            let h = 1 + (b(27)? | b(28)? << 8 | b(29)? << 16);
            Some((w, h))
        }
        b"VP8 " => {
            let w = (b(26)? | b(27)? << 8) & 0x3FFF;
            let h = (b(28)? | b(29)? << 8) & 0x3FFF;
            Some((w, h))
        }
        b"VP8L" => {
            let w = 1 + (b(21)? | (b(22)? & 0x3F) << 8);
            let h = 1 + (b(22)? >> 6 | b(23)? << 2 | (b(24)? & 0x0F) << 10);
            Some((w, h))
        }
        _ => None,
    }
}

/// The pictures with no alt text, by file name, each once: the summary and `check` name them.
pub fn without_alt(blocks: &[Block], files: &Files) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut visit = |p: &Paragraph| {
        for picture in p.pictures().filter(|p| p.alt.is_none()) {
            if let Some(name) = files.get(&picture.part) {
                if !names.contains(name) {
                    names.push(name.clone());
                }
            }
        }
    };
    for block in blocks {
        match block {
            Block::Paragraph(p) => visit(p),
            Block::Table(t) => t
                .rows
                .iter()
                .flatten()
                .flat_map(|c| &c.paragraphs)
                .for_each(&mut visit),
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_give_the_size_of_gif_and_webp_and_reject_other_bytes() {
        let gif = b"GIF89a\x40\x01\xf0\x00rest";
        assert_eq!(dimensions("gif", gif), Some((320, 240)));
        let mut vp8x = b"RIFF\0\0\0\0WEBPVP8X\0\0\0\0\0\0\0\0".to_vec();
        vp8x.extend([0x3F, 0x01, 0x00, 0xEF, 0x00, 0x00]);
        assert_eq!(dimensions("webp", &vp8x), Some((320, 240)));
        assert_eq!(dimensions("png", b"not a png"), None);
        assert_eq!(dimensions("gif", b"PK\x03\x04"), None);
        assert_eq!(format_of(b"\xFF\xD8\xFF\xE0rest"), Some("jpg"));
        assert_eq!(format_of(&vp8x), Some("webp"));
        assert_eq!(format_of(b"\x01\0\0\0 EMF"), None);
    }
}
