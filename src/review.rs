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
    found.extend(imported_text(site));
    found
}

/// What an import leaves for the officer, or what a paste brought in: pictures still
/// carrying the alt-text TODO, and text that still looks like TCVN3 or VNI. Read from the
/// page's HTML, which `check` still holds here.
fn imported_text(site: &Site) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for p in &site.pages {
        let file = Path::new("content").join(&p.page.rel);
        let html = p.rendered.html.text();
        for picture in pictures_with_alt_todo(&html) {
            found.push(
                Diagnostic::warning(&file, 0, 0, msg::alt_todo(&picture))
                    .with_hint(msg::HINT_ALT_TODO),
            );
        }
        let text = format!("{}\n{html}", p.page.meta.title);
        if let Some(s) = crate::legacy::looks_legacy(&text) {
            let converted = crate::legacy::convert(&s.example, s.encoding);
            let label = s.encoding.label();
            found.push(
                Diagnostic::warning(
                    &file,
                    p.page.body_line,
                    1,
                    msg::legacy_text(label, &s.example, &converted),
                )
                .with_hint(msg::hint_legacy_text(label)),
            );
        }
    }
    found
}

/// The file names of the pictures whose alt text is the import's TODO.
fn pictures_with_alt_todo(html: &str) -> Vec<String> {
    let todo = format!("alt=\"{}", msg::IMPORT_ALT_TODO);
    html.split("<img ")
        .skip(1)
        .filter_map(|tag| {
            let tag = tag.split('>').next()?;
            if !tag.contains(&todo) {
                return None;
            }
            let src = tag.split("src=\"").nth(1)?.split('"').next()?;
            Some(src.rsplit('/').next().unwrap_or(src).to_string())
        })
        .collect()
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
