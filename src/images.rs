//! Photos from phones (4000 px, several MB) made fit for the web: a few widths for `srcset`,
//! and a 1200×630 crop for Facebook and Zalo previews.
//!
//! `process` is pure and slow (decoding a phone photo takes a while); `prepare` runs it only
//! for images not seen before, keeping results by content hash in memory (for `serve`) and in
//! `.loa-cache/images/` under the site (for `build`). The folder is safe to delete at any time.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use fast_image_resize::{images::Image, IntoImageView, ResizeOptions, Resizer};
use image::{DynamicImage, ImageEncoder};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::load::Asset;

/// The widths offered to browsers; only those narrower than the original are made.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];
/// The size Facebook and Zalo show best.
pub const SHARE: (u32, u32) = (1200, 630);
/// Bump when the output of `process` changes, so old cache entries are not used.
const VERSION: &str = "v1";

/// One resized copy of an image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// What the web gets of one photo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Processed {
    pub width: u32,
    pub height: u32,
    /// Narrower copies, narrowest first (empty when the original is small already).
    pub variants: Vec<Variant>,
    /// The 1200×630 crop (JPEG).
    pub share: Variant,
}

/// Photos and drawings loa resizes; SVG and other files are published as they are.
pub fn is_raster(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".jpg") || lower.ends_with(".jpeg") || lower.ends_with(".png")
}

fn is_png(path: &str) -> bool {
    path.to_ascii_lowercase().ends_with(".png")
}

/// Decodes, resizes and re-encodes one image (JPEG stays JPEG, PNG stays PNG).
pub fn process(path: &str, bytes: &[u8]) -> Result<Processed, String> {
    let image = decode(bytes)?;
    let (width, height) = (image.width(), image.height());
    let png = is_png(path);
    let mut variants = Vec::new();
    for w in WIDTHS.into_iter().filter(|w| *w < width) {
        let h = ((u64::from(height) * u64::from(w)) / u64::from(width)).max(1) as u32;
        let resized = resize(&image, w, h, false)?;
        variants.push(Variant {
            width: w,
            height: h,
            bytes: encode(&resized, png)?,
        });
    }
    let crop = resize(&image, SHARE.0, SHARE.1, true)?;
    Ok(Processed {
        width,
        height,
        variants,
        share: Variant {
            width: SHARE.0,
            height: SHARE.1,
            bytes: encode(&crop, false)?,
        },
    })
}

/// The largest picture loa decodes: a side of 20,000 pixels and 512 MiB of decoded pixels,
/// well above any phone or camera photo (50 megapixels is 150 MiB), far below what a crafted
/// file that claims a huge size would make the build allocate.
const MAX_SIDE: u32 = 20_000;
const MAX_DECODED_BYTES: u64 = 512 * 1024 * 1024;

/// Checks, without decoding it, that a picture of `width`×`height` is within the limits above
/// (for pictures taken in from elsewhere, such as a Word file); the officer's message if not.
pub fn check_dimensions(width: u32, height: u32) -> Result<(), String> {
    let decoded = u64::from(width) * u64::from(height) * 4;
    if width > MAX_SIDE || height > MAX_SIDE || decoded > MAX_DECODED_BYTES {
        return Err(crate::msg::image_over_limits(MAX_SIDE));
    }
    Ok(())
}

/// Decodes a picture within the limits above; past them, an error the officer can read.
fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    reader.limits(limits);
    reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => crate::msg::image_over_limits(MAX_SIDE),
        other => other.to_string(),
    })
}

/// Resizes to exactly `w`×`h`; with `cover`, crops the middle to that shape first.
fn resize(image: &DynamicImage, w: u32, h: u32, cover: bool) -> Result<DynamicImage, String> {
    // fast_image_resize works on 8-bit RGB(A); phone photos are RGB already.
    let source = if image.color().has_alpha() {
        DynamicImage::ImageRgba8(image.to_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.to_rgb8())
    };
    let pixel = source.pixel_type().ok_or("pixel type")?;
    let mut target = Image::new(w, h, pixel);
    let options = if cover {
        ResizeOptions::new().fit_into_destination(Some((0.5, 0.5)))
    } else {
        ResizeOptions::new()
    };
    Resizer::new()
        .resize(&source, &mut target, &options)
        .map_err(|e| e.to_string())?;
    let buffer = target.into_vec();
    let out = if source.color().has_alpha() {
        image::RgbaImage::from_raw(w, h, buffer).map(DynamicImage::ImageRgba8)
    } else {
        image::RgbImage::from_raw(w, h, buffer).map(DynamicImage::ImageRgb8)
    };
    out.ok_or_else(|| "resize".to_string())
}

fn encode(image: &DynamicImage, png: bool) -> Result<Vec<u8>, String> {
    let mut out = Cursor::new(Vec::new());
    if png {
        let encoder = image::codecs::png::PngEncoder::new(&mut out);
        encoder
            .write_image(
                image.as_bytes(),
                image.width(),
                image.height(),
                image.color().into(),
            )
            .map_err(|e| e.to_string())?;
    } else {
        let rgb = image.to_rgb8();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
            .write_image(
                rgb.as_raw(),
                rgb.width(),
                rgb.height(),
                image::ExtendedColorType::Rgb8,
            )
            .map_err(|e| e.to_string())?;
    }
    Ok(out.into_inner())
}

/// Results by content hash, kept between builds in memory.
pub type Memo = HashMap<blake3::Hash, Processed>;

/// Processes every raster image among `assets`, reusing `memo` and the on-disk cache under
/// `cache_dir`; returns the results by content path, and the images that could not be read.
pub fn prepare(
    assets: &[Asset],
    cache_dir: &Path,
    memo: &mut Memo,
) -> (HashMap<String, Processed>, Vec<(String, String)>) {
    let rasters: Vec<(&Asset, blake3::Hash)> = assets
        .iter()
        .filter(|a| is_raster(&a.rel))
        .map(|a| (a, key(&a.rel, &a.hash)))
        .collect();
    let done: Vec<(String, blake3::Hash, Result<Processed, String>)> = rasters
        .par_iter()
        .map(|(asset, key)| {
            let result = match memo.get(key) {
                Some(p) => Ok(p.clone()),
                None => read_cache(cache_dir, key).map_or_else(
                    || {
                        let processed = process(&asset.rel, &asset.bytes);
                        if let Ok(p) = &processed {
                            write_cache(cache_dir, key, p);
                        }
                        processed
                    },
                    Ok,
                ),
            };
            (asset.rel.clone(), *key, result)
        })
        .collect();
    let mut images = HashMap::new();
    let mut failed = Vec::new();
    memo.clear();
    for (rel, key, result) in done {
        match result {
            Ok(p) => {
                memo.insert(key, p.clone());
                images.insert(rel, p);
            }
            Err(e) => failed.push((rel, e)),
        }
    }
    (images, failed)
}

/// What processing a photo reads: its kind and its bytes (through their hash).
fn key(rel: &str, bytes: &blake3::Hash) -> blake3::Hash {
    let mut h = blake3::Hasher::new();
    h.update(VERSION.as_bytes())
        .update(&[u8::from(is_png(rel))])
        .update(bytes.as_bytes());
    h.finalize()
}

fn cache_file(dir: &Path, key: &blake3::Hash) -> PathBuf {
    dir.join(format!("{}.json", key.to_hex()))
}

/// A cache entry that cannot be read is simply made again.
fn read_cache(dir: &Path, key: &blake3::Hash) -> Option<Processed> {
    let bytes = std::fs::read(cache_file(dir, key)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The cache only saves time: failing to write it is not an error.
fn write_cache(dir: &Path, key: &blake3::Hash, processed: &Processed) {
    if std::fs::create_dir_all(dir).is_ok() {
        if let Ok(json) = serde_json::to_vec(processed) {
            let temp = dir.join(format!(".{}.tmp", key.to_hex()));
            if std::fs::write(&temp, json).is_ok() {
                let _ = std::fs::rename(&temp, cache_file(dir, key));
            }
        }
    }
}

/// Output name of a variant beside the original: `anh.jpg` → `anh-960w.jpg`.
pub fn variant_name(out: &str, width: u32) -> String {
    match out.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}-{width}w.{ext}"),
        None => format!("{out}-{width}w"),
    }
}

/// Output name of the share crop: `anh.png` → `anh-chia-se.jpg`.
pub fn share_name(out: &str) -> String {
    let stem = out.rsplit_once('.').map_or(out, |(s, _)| s);
    format!("{stem}-chia-se.jpg")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        });
        let mut out = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(img)
            .write_to(&mut out, image::ImageFormat::Jpeg)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn a_wide_photo_gets_every_width_and_a_share_crop() {
        let p = process("anh.jpg", &photo(2000, 1500)).unwrap();
        assert_eq!((p.width, p.height), (2000, 1500));
        let sizes: Vec<(u32, u32)> = p.variants.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, [(480, 360), (960, 720), (1600, 1200)]);
        let share = image::load_from_memory(&p.share.bytes).unwrap();
        assert_eq!((share.width(), share.height()), SHARE);
        let medium = image::load_from_memory(&p.variants[1].bytes).unwrap();
        assert_eq!((medium.width(), medium.height()), (960, 720));
    }

    #[test]
    fn a_small_image_keeps_its_size() {
        let p = process("nho.jpg", &photo(400, 300)).unwrap();
        assert!(p.variants.is_empty());
    }

    #[test]
    fn names_sit_beside_the_original() {
        assert_eq!(
            variant_name("tin-tuc/a/anh.jpg", 960),
            "tin-tuc/a/anh-960w.jpg"
        );
        assert_eq!(share_name("tin-tuc/a/anh.png"), "tin-tuc/a/anh-chia-se.jpg");
    }

    #[test]
    fn a_broken_image_is_an_error_not_a_panic() {
        assert!(process("hong.jpg", b"not an image").is_err());
    }
}
