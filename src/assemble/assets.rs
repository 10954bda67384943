//! Files beside the content: where each is published, and the resized copies of photos.

use std::collections::HashMap;
use std::sync::Arc;

use super::PlacedAsset;
use crate::images::{self, Processed};
use crate::load::Asset;
use crate::model::Page;
use crate::text;

/// Co-located files are published beside their page; files in a withheld bundle are not.
/// Other files under `content/` keep their place, under the section's slug.
pub(super) fn place_assets(
    assets: Vec<Asset>,
    published: &[Arc<Page>],
    withheld: &[Arc<Page>],
) -> Vec<PlacedAsset> {
    let bundles: HashMap<&str, Option<&str>> = published
        .iter()
        .map(|p| (p, Some(p.path.as_str())))
        .chain(withheld.iter().map(|p| (p, None)))
        .filter_map(|(p, path)| Some((p.bundle_dir.as_deref()?, path)))
        .collect();
    assets
        .into_iter()
        .filter_map(|a| {
            // The nearest folder above the file that is a bundle owns it.
            let owner = ancestors(&a.rel).find_map(|dir| bundles.get(dir).map(|path| (dir, *path)));
            let out = match owner {
                Some((_, None)) => return None,
                Some((dir, Some(path))) => format!("{path}{}", &a.rel[dir.len() + 1..]),
                None => match a.rel.split_once('/') {
                    Some((section, rest)) => format!("{}/{rest}", text::slugify(section)),
                    None => a.rel.clone(),
                },
            };
            Some(PlacedAsset {
                rel: a.rel,
                out,
                bytes: a.bytes,
            })
        })
        .collect()
}

/// Adds the resized copies and share crop of each published photo, beside the original, and
/// puts the cleaned original (upright, without the phone's metadata) in its place.
pub(super) fn resized_copies(assets: &mut Vec<PlacedAsset>, images: &HashMap<String, Processed>) {
    let mut copies = Vec::new();
    for asset in assets.iter_mut() {
        let Some(processed) = images.get(&asset.rel) else {
            continue;
        };
        if let Some(original) = &processed.original {
            asset.bytes = Arc::new(original.bytes.clone());
        }
        for v in &processed.variants {
            copies.push(PlacedAsset {
                rel: format!("{}@{}w", asset.rel, v.width),
                out: images::variant_name(&asset.out, v.width),
                bytes: Arc::new(v.bytes.clone()),
            });
        }
        copies.push(PlacedAsset {
            rel: format!("{}@chia-se", asset.rel),
            out: images::share_name(&asset.out),
            bytes: Arc::new(processed.share.bytes.clone()),
        });
    }
    assets.extend(copies);
}

/// `a/b/c.png` → `a/b`, `a`.
pub(super) fn ancestors(rel: &str) -> impl Iterator<Item = &str> {
    let mut current = rel;
    std::iter::from_fn(move || {
        let (dir, _) = current.rsplit_once('/')?;
        current = dir;
        Some(dir)
    })
}
