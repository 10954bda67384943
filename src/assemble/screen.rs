//! Which files beside the articles may be published: authors' files pass a list of types,
//! and their drawings are cleaned, so nothing under `content/` can script the portal.
//!
//! Web pages, scripts and stylesheets under `content/` are errors: they would run with the
//! portal's authority, and they belong to the officer (`static/`) or the theme. A file of a
//! type not on the list is left out with a warning. SVG drawings are published after
//! [`crate::svg::clean`], with a warning naming what it took out.

use std::path::Path;
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::load::Asset;
use crate::msg;

/// What may be published beside an article, by extension (lowercase): pictures, office
/// documents, PDF, audio and video, spreadsheet data, plain text and caption tracks.
pub const PUBLISHED: &[&str] = &[
    // Pictures.
    "jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "ico", "bmp",
    // Office documents.
    "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "pdf",
    // Audio and video.
    "mp3", "m4a", "aac", "oga", "ogg", "opus", "wav", "flac", "mp4", "m4v", "webm", "ogv", "mov",
    // Data and text.
    "csv", "txt", "vtt",
];

/// Code a browser runs or applies: never from an author.
const CODE: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "js", "mjs", "cjs", "css",
];

/// The files of `content/` that may be published, SVGs cleaned; the problems with the rest.
pub fn screen(assets: Vec<Asset>, problems: &mut Vec<Diagnostic>) -> Vec<Asset> {
    assets
        .into_iter()
        .filter_map(|asset| {
            let display = Path::new("content").join(&asset.rel);
            let ext = extension(&asset.rel);
            if CODE.contains(&ext.as_str()) {
                problems.push(
                    Diagnostic::file_error(display, msg::code_in_content(&ext))
                        .with_hint(msg::HINT_CODE_IN_CONTENT),
                );
                None
            } else if ext == "svg" {
                clean_svg(asset, display, problems)
            } else if PUBLISHED.contains(&ext.as_str()) {
                Some(asset)
            } else {
                let hint = match ext.as_str() {
                    "heic" | "heif" => msg::HINT_HEIC,
                    _ => msg::HINT_TYPE_NOT_PUBLISHED,
                };
                problems.push(
                    Diagnostic::warning(display, 0, 0, msg::type_not_published(&ext))
                        .with_hint(hint),
                );
                None
            }
        })
        .collect()
}

fn clean_svg(
    asset: Asset,
    display: std::path::PathBuf,
    problems: &mut Vec<Diagnostic>,
) -> Option<Asset> {
    match crate::svg::clean(&asset.bytes) {
        Ok(cleaned) if cleaned.removed.is_empty() => Some(asset),
        Ok(cleaned) => {
            problems.push(
                Diagnostic::warning(display, 0, 0, msg::svg_cleaned(&cleaned.removed))
                    .with_hint(msg::HINT_SVG_CLEANED),
            );
            Some(Asset {
                rel: asset.rel,
                hash: crate::key::Hash::of(&cleaned.bytes),
                bytes: Arc::new(cleaned.bytes),
            })
        }
        Err(detail) => {
            problems.push(
                Diagnostic::error(display, 0, 0, msg::svg_unreadable(&detail))
                    .with_hint(msg::HINT_SVG_UNREADABLE),
            );
            None
        }
    }
}

/// `a/b.JPG` → `jpg`; `` for a name without one.
fn extension(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asset(rel: &str, bytes: &[u8]) -> Asset {
        Asset {
            rel: rel.to_string(),
            hash: crate::key::Hash::of(bytes),
            bytes: Arc::new(bytes.to_vec()),
        }
    }

    #[test]
    fn photos_documents_and_media_pass_code_is_an_error_and_others_are_left_out() {
        let mut problems = Vec::new();
        let kept = screen(
            vec![
                asset("tin-tuc/a/anh.JPG", b"x"),
                asset("tin-tuc/a/ke-hoach.pdf", b"x"),
                asset("tin-tuc/a/bang.xlsx", b"x"),
                asset("tin-tuc/a/trang.html", b"<script>"),
                asset("tin-tuc/a/x.js", b"alert(1)"),
                asset("tin-tuc/a/anh.heic", b"x"),
                asset("tin-tuc/a/du-lieu.xml", b"<x/>"),
                asset("tin-tuc/a/README", b"x"),
            ],
            &mut problems,
        );
        let kept: Vec<&str> = kept.iter().map(|a| a.rel.as_str()).collect();
        assert_eq!(
            kept,
            [
                "tin-tuc/a/anh.JPG",
                "tin-tuc/a/ke-hoach.pdf",
                "tin-tuc/a/bang.xlsx"
            ]
        );
        let said: Vec<(String, bool)> = problems
            .iter()
            .map(|d| (d.path.to_string_lossy().replace('\\', "/"), d.is_error()))
            .collect();
        assert_eq!(
            said,
            [
                ("content/tin-tuc/a/trang.html".to_string(), true),
                ("content/tin-tuc/a/x.js".to_string(), true),
                ("content/tin-tuc/a/anh.heic".to_string(), false),
                ("content/tin-tuc/a/du-lieu.xml".to_string(), false),
                ("content/tin-tuc/a/README".to_string(), false),
            ]
        );
    }

    #[test]
    fn a_drawing_with_script_is_published_clean_with_a_warning() {
        let mut problems = Vec::new();
        let kept = screen(
            vec![asset(
                "tin-tuc/a/so-do.svg",
                br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>"#,
            )],
            &mut problems,
        );
        assert_eq!(
            String::from_utf8_lossy(&kept[0].bytes),
            r#"<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>"#
        );
        assert_eq!(kept[0].hash, crate::key::Hash::of(&kept[0].bytes));
        assert!(!problems[0].is_error() && problems[0].message.contains("onload"));
    }
}
