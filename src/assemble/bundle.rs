//! What a page shows from the files beside it besides its text: its photo gallery (the
//! `gallery:` list, else the photos of its folder's `anh/`) and the documents in its folder
//! that the text does not link to, so that none is published where no reader finds it.

use crate::diag::Diagnostic;
use crate::images;
use crate::links::LinkIndex;
use crate::markdown::{self, Attachment, GalleryPhoto, Resolve, SiteFile};
use crate::model::Page;
use crate::msg;

/// The folder of a bundle whose photos make its gallery.
pub const GALLERY_DIR: &str = "anh";

/// The page's gallery, and the problems with its `gallery:` list.
pub(super) fn gallery(page: &Page, index: &LinkIndex) -> (Vec<GalleryPhoto>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let photos = if page.meta.gallery.is_empty() {
        folder_photos(page, index)
    } else {
        listed_photos(page, index, &mut problems)
    };
    let total = photos.len();
    let gallery = photos
        .into_iter()
        .enumerate()
        .map(|(n, (image, original, caption))| GalleryPhoto {
            alt: caption
                .clone()
                .unwrap_or_else(|| msg::gallery_photo_alt(&page.meta.title, n + 1, total)),
            large: large(&image, original),
            image,
            caption,
        })
        .collect();
    (gallery, problems)
}

/// A photo's copies, the URL of the photo itself, and its caption.
type Captioned = (markdown::ImageAttrs, String, Option<String>);

/// What a click on a photo opens: the photo itself (upright, without metadata) when no copy
/// is as wide, else the widest copy; the original of a page that keeps its photos full size
/// can be far too large for a screen.
fn large(image: &markdown::ImageAttrs, original: String) -> (String, u32, u32) {
    let widest = images::WIDTHS[images::WIDTHS.len() - 1];
    match image.intrinsic {
        Some((w, h)) if w <= widest => (original, w, h),
        _ => (
            image.src.clone(),
            image.width.unwrap_or_default(),
            image.height.unwrap_or_default(),
        ),
    }
}

/// The photos of `gallery:`; one that is not a photo of the site is an error on its line.
fn listed_photos(page: &Page, index: &LinkIndex, problems: &mut Vec<Diagnostic>) -> Vec<Captioned> {
    let mut photos = Vec::new();
    for entry in &page.meta.gallery {
        let problem = match index.image_attrs(page, &entry.src) {
            Ok(Some(attrs)) if attrs.intrinsic.is_some() => {
                let original = index.file(page, &entry.src).map(|f| f.url);
                photos.push((attrs, original.unwrap_or_default(), entry.caption.clone()));
                continue;
            }
            Ok(_) => msg::Advice::new(
                msg::gallery_not_a_photo(&entry.src),
                msg::HINT_GALLERY_PHOTO,
            ),
            Err(problem) => problem,
        };
        let d = Diagnostic::error(page.display.clone(), entry.line, 1, problem.message);
        problems.push(d.with_hint(problem.hint));
    }
    photos
}

/// The photos of a bundle's `anh/` folder, in the order of their names, each captioned by
/// its name when the name is words (`01 Đại biểu phát biểu.jpg`).
fn folder_photos(page: &Page, index: &LinkIndex) -> Vec<Captioned> {
    let Some(dir) = &page.bundle_dir else {
        return Vec::new();
    };
    index
        .files_in(&format!("{dir}/{GALLERY_DIR}"))
        .iter()
        .filter(|a| images::is_raster(&a.rel))
        .filter_map(|a| {
            let attrs = index.photo(&a.rel, &a.out)?;
            let caption = caption_from_name(markdown::file_name(&a.rel));
            Some((attrs, index.file_url(&a.out), caption))
        })
        .collect()
}

/// A caption from a photo's file name, when the officer named it in words: the name without
/// its extension and its order number (`01 `, `2. `, `03-`). A name without a space is a
/// camera's (`IMG_0123`, `DSC01234`) or a slug, and gives none.
fn caption_from_name(name: &str) -> Option<String> {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let digits = stem.len() - stem.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &stem[digits..];
    let unnumbered = match rest.chars().next() {
        Some(' ' | '.' | ')' | '-' | '_') if (1..=3).contains(&digits) => {
            rest.trim_start_matches([' ', '.', ')', '-', '_'])
        }
        _ => stem,
    };
    let caption = unnumbered.trim();
    caption.contains(' ').then(|| caption.to_string())
}

/// Adds to `linked` the documents directly in the page's bundle folder that its text does
/// not link to, by name.
pub(super) fn documents_beside(page: &Page, index: &LinkIndex, linked: &mut Vec<Attachment>) {
    let Some(dir) = &page.bundle_dir else {
        return;
    };
    for asset in index.files_in(dir) {
        if !markdown::is_document(&asset.rel) || linked.iter().any(|a| a.file.rel == asset.rel) {
            continue;
        }
        linked.push(Attachment {
            name: markdown::file_name(&asset.rel).to_string(),
            kind: markdown::kind_of(&asset.rel),
            file: SiteFile {
                rel: asset.rel.clone(),
                url: index.file_url(&asset.out),
                size: asset.bytes.len() as u64,
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_photo_named_in_words_is_captioned_by_its_name() {
        for (name, caption) in [
            ("01 Đại biểu phát biểu.jpg", Some("Đại biểu phát biểu")),
            ("2. Toàn cảnh hội nghị.JPG", Some("Toàn cảnh hội nghị")),
            ("Trao giấy khen.png", Some("Trao giấy khen")),
            ("2025 năm đầu tiên.jpg", Some("2025 năm đầu tiên")),
            ("IMG_20251203_0931.jpg", None),
            ("DSC01234.JPG", None),
            ("khai-mac-hoi-nghi.jpg", None),
            ("03-khai-mac.jpg", None),
        ] {
            assert_eq!(caption_from_name(name).as_deref(), caption, "{name}");
        }
    }
}
