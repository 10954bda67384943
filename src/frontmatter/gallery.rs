//! `gallery:`: the photos of a page's gallery, each a file name alone or with its caption.

use serde_json::Value;

use super::FrontContext;
use crate::diag::Diagnostic;
use crate::model::GalleryEntry;
use crate::{msg, yaml};

/// The keys of a photo written with its caption (`- src: anh/a.jpg` / `  caption: "…"`).
const KEYS: &[&str] = &["src", "caption"];

/// The photos as written (`- anh/a.jpg`, or `- src: anh/a.jpg` and `caption: …`), each with
/// its line in the file (for problems found once the files are known) and its caption trimmed
/// (an empty one is none). An item of another shape is an error on its line.
pub(super) fn read(
    ctx: &FrontContext,
    raw: Option<Vec<Value>>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<GalleryEntry> {
    let key_line = ctx.key_lines.get("gallery").copied().unwrap_or(0);
    let mut photos = Vec::new();
    for item in raw.unwrap_or_default() {
        let Some((src, caption)) = photo(ctx, &item, problems) else {
            continue;
        };
        // The YAML block starts on the file's second line.
        let line = yaml::value_lines(ctx.yaml, src.trim())
            .into_iter()
            .map(|l| l + 1)
            .find(|&l| l > key_line)
            .unwrap_or(key_line);
        photos.push(GalleryEntry {
            src: src.trim().to_string(),
            caption: caption
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty()),
            line,
        });
    }
    photos
}

/// One item's file and caption, or `None` after saying what is wrong with it.
fn photo(
    ctx: &FrontContext,
    item: &Value,
    problems: &mut Vec<Diagnostic>,
) -> Option<(String, Option<String>)> {
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
    let Value::Object(map) = item else {
        if let Some(src) = item.as_str() {
            return Some((src.to_string(), None));
        }
        let d = ctx.at("gallery", None, msg::GALLERY_ITEM_SHAPE.to_string());
        problems.push(d.with_hint(msg::HINT_GALLERY_ITEM));
        return None;
    };
    if let Some(unknown) = map.keys().find(|k| !KEYS.contains(&k.as_str())) {
        let place = text(map.get(unknown.as_str()));
        let hint = msg::did_you_mean(yaml::closest(unknown, KEYS.iter().copied()), KEYS);
        problems.push(
            ctx.at("gallery", place.as_deref(), msg::unknown_key(unknown))
                .with_hint(hint),
        );
        return None;
    }
    let caption = map.get("caption");
    match (text(map.get("src")), caption) {
        (Some(src), None | Some(Value::Null)) => Some((src, None)),
        (Some(src), Some(Value::String(c))) => Some((src, Some(c.clone()))),
        (src, _) => {
            let d = ctx.at(
                "gallery",
                src.as_deref(),
                msg::GALLERY_ITEM_SHAPE.to_string(),
            );
            problems.push(d.with_hint(msg::HINT_GALLERY_ITEM));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_photo_is_placed_on_its_line_with_its_caption() {
        let text = "title: A\ndate: 2025-12-03\ngallery:\n  - anh/a.jpg\n  - src: anh/b.jpg\n    caption: \" Trao giấy khen \"\n  - src: anh/c.jpg\n    caption: \"\"\n";
        let mut problems = Vec::new();
        let front = crate::frontmatter::read(
            text,
            crate::model::PageKind::Article,
            std::path::Path::new("content/a/index.md"),
            &crate::fixtures::config(),
            &mut problems,
        )
        .unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        let got: Vec<(&str, Option<&str>, usize)> = front
            .meta
            .gallery
            .iter()
            .map(|e| (e.src.as_str(), e.caption.as_deref(), e.line))
            .collect();
        assert_eq!(
            got,
            [
                ("anh/a.jpg", None, 5),
                ("anh/b.jpg", Some("Trao giấy khen"), 6),
                ("anh/c.jpg", None, 8)
            ]
        );
    }
}
