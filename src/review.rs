//! Advice for `loa check`: things that do not stop a build but that the officer should see
//! when reviewing the site before publishing.

use std::path::Path;

use crate::assemble::Site;
use crate::diag::Diagnostic;
use crate::images::SHARE;
use crate::msg;

/// Every piece of advice about the site, in no particular order (the caller sorts).
pub fn review(site: &Site) -> Vec<Diagnostic> {
    let mut found = crate::plan::behind(site);
    found.extend(share_images(site));
    found
}

/// Facebook and Zalo show a large preview only for an image of at least 1200×630; without
/// one, every article shares with the site's common picture.
fn share_images(site: &Site) -> Vec<Diagnostic> {
    site.articles
        .iter()
        .map(|&i| &site.pages[i])
        .filter_map(|p| {
            let file = Path::new("content").join(&p.page.rel);
            let size = p.image.as_ref().and_then(|a| a.intrinsic);
            let (line, message) = match (&p.page.meta.image, size) {
                (None, _) => (p.page.line_of("title"), msg::NO_SHARE_IMAGE.to_string()),
                (Some(src), None) if !src.contains("://") => {
                    (p.page.line_of("image"), msg::share_image_unsized(src))
                }
                (Some(src), Some((w, h))) if w < SHARE.0 || h < SHARE.1 => {
                    (p.page.line_of("image"), msg::share_image_small(src, w, h))
                }
                _ => return None,
            };
            Some(Diagnostic::warning(file, line, 1, message).with_hint(msg::HINT_SHARE_IMAGE))
        })
        .collect()
}
