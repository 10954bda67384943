//! Photos from phones (4000 px, several MB) made fit for the web: a few widths for `srcset`,
//! and a 1200×630 crop for Facebook and Zalo previews.
//!
//! Phones record how the camera was held (EXIF orientation) and where (GPS): every copy is
//! turned upright before it is resized or cropped, and no published file carries the phone's
//! metadata. An original that carries any, or is wider than the widest copy, is published
//! re-encoded in its place (upright, no metadata, its colour profile kept).
//!
//! `process` is pure and slow (decoding a phone photo takes a while); `prepare` runs it only
//! for images not seen before, keeping results by content hash in memory (for `serve`) and in
//! `.loa-cache/images/` under the site (for `build`). The folder is safe to delete at any time.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use fast_image_resize::{images::Image, IntoImageView, ResizeOptions, Resizer};
use image::{DynamicImage, ImageDecoder, ImageEncoder};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::load::Asset;

/// The widths offered to browsers; only those narrower than the original are made.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];
/// The size Facebook and Zalo show best.
pub const SHARE: (u32, u32) = (1200, 630);
/// Bump when the output of `process` changes, so old cache entries are not used.
const VERSION: &str = "v2";

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
    /// What is published in the original's place, when the original may not go out as it
    /// is: it carries metadata (EXIF, GPS, XMP, IPTC) or is wider than the widest copy.
    pub original: Option<Variant>,
}

/// Photos and drawings loa resizes; SVG and other files are published as they are.
pub fn is_raster(path: &str) -> bool {
    let ext = extension(path);
    ["jpg", "jpeg", "png", "webp"].contains(&ext.as_str())
}

fn extension(path: &str) -> String {
    path.rsplit_once('.')
        .map_or(String::new(), |(_, e)| e.to_ascii_lowercase())
}

/// How copies of a picture are encoded: drawings (PNG) and WebP stay lossless in their own
/// format, photos are JPEG.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Jpeg,
    Png,
    WebP,
}

impl Format {
    fn of(path: &str) -> Format {
        match extension(path).as_str() {
            "png" => Format::Png,
            "webp" => Format::WebP,
            _ => Format::Jpeg,
        }
    }
}

/// Decodes, turns upright, resizes and re-encodes one image (JPEG stays JPEG, PNG stays PNG;
/// a WebP's copies are JPEG). With `full_size`, the original is published at its own size.
pub fn process(path: &str, bytes: &[u8], full_size: bool) -> Result<Processed, String> {
    let Decoded {
        image,
        metadata,
        icc,
    } = decode(bytes)?;
    let (width, height) = (image.width(), image.height());
    let format = Format::of(path);
    let copies = if format == Format::WebP {
        Format::Jpeg
    } else {
        format
    };
    let mut variants = Vec::new();
    for w in WIDTHS.into_iter().filter(|w| *w < width) {
        variants.push(scaled(&image, w, copies, icc.as_deref())?);
    }
    let crop = resize(&image, SHARE.0, SHARE.1, true)?;
    let widest = WIDTHS[WIDTHS.len() - 1];
    let original = match (width > widest && !full_size, metadata) {
        (true, _) => Some(scaled(&image, widest, format, icc.as_deref())?),
        (false, true) => Some(Variant {
            width,
            height,
            bytes: encode(&image, format, icc.as_deref())?,
        }),
        (false, false) => None,
    };
    Ok(Processed {
        width,
        height,
        variants,
        share: Variant {
            width: SHARE.0,
            height: SHARE.1,
            bytes: encode(&crop, Format::Jpeg, icc.as_deref())?,
        },
        original,
    })
}

/// A copy `w` pixels wide, in proportion.
fn scaled(
    image: &DynamicImage,
    w: u32,
    format: Format,
    icc: Option<&[u8]>,
) -> Result<Variant, String> {
    let (width, height) = (image.width(), image.height());
    let h = ((u64::from(height) * u64::from(w)) / u64::from(width)).max(1) as u32;
    let resized = resize(image, w, h, false)?;
    Ok(Variant {
        width: w,
        height: h,
        bytes: encode(&resized, format, icc)?,
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

/// A picture decoded and turned upright, and what its file carried besides the pixels.
struct Decoded {
    image: DynamicImage,
    /// The file carries EXIF (GPS, camera, time), XMP or IPTC metadata.
    metadata: bool,
    /// Its colour profile, kept in every copy.
    icc: Option<Vec<u8>>,
}

/// Decodes a picture within the limits above (past them, an error the officer can read) and
/// turns it upright as its EXIF orientation says.
fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    let over = |e: image::ImageError| match e {
        image::ImageError::Limits(_) => crate::msg::image_over_limits(MAX_SIDE),
        other => other.to_string(),
    };
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    reader.limits(limits.clone());
    let mut decoder = reader.into_decoder().map_err(over)?;
    // What `ImageReader::decode` checks before it allocates the pixels.
    limits.reserve(decoder.total_bytes()).map_err(over)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let exif = decoder.exif_metadata().ok().flatten().is_some();
    let xmp = decoder.xmp_metadata().ok().flatten().is_some();
    let iptc = decoder.iptc_metadata().ok().flatten().is_some();
    let icc = decoder.icc_profile().ok().flatten();
    let mut image = DynamicImage::from_decoder(decoder).map_err(over)?;
    image.apply_orientation(orientation);
    Ok(Decoded {
        image,
        metadata: exif || xmp || iptc,
        icc,
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

/// Encodes a copy with the colour profile of the original and nothing else of its metadata.
fn encode(image: &DynamicImage, format: Format, icc: Option<&[u8]>) -> Result<Vec<u8>, String> {
    let mut out = Cursor::new(Vec::new());
    let result = match format {
        Format::Png => {
            let encoder = image::codecs::png::PngEncoder::new(&mut out);
            write(encoder, icc, image.as_bytes(), image, image.color().into())
        }
        Format::WebP => {
            let rgba = image.to_rgba8();
            let encoder = image::codecs::webp::WebPEncoder::new_lossless(&mut out);
            write(
                encoder,
                icc,
                rgba.as_raw(),
                image,
                image::ExtendedColorType::Rgba8,
            )
        }
        Format::Jpeg => {
            let rgb = image.to_rgb8();
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80);
            write(
                encoder,
                icc,
                rgb.as_raw(),
                image,
                image::ExtendedColorType::Rgb8,
            )
        }
    };
    result.map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

fn write(
    mut encoder: impl ImageEncoder,
    icc: Option<&[u8]>,
    pixels: &[u8],
    image: &DynamicImage,
    color: image::ExtendedColorType,
) -> image::ImageResult<()> {
    if let Some(profile) = icc {
        // An encoder that cannot carry a profile writes the picture without it.
        let _ = encoder.set_icc_profile(profile.to_vec());
    }
    encoder.write_image(pixels, image.width(), image.height(), color)
}

/// Results by content hash, kept between builds in memory.
pub type Memo = HashMap<crate::key::Hash, Processed>;

/// Processes every raster image among `assets`, reusing `memo` and the on-disk cache under
/// `cache_dir`; returns the results by content path, and the images that could not be read.
/// Photos under one of the `full_size` folders (bundles whose page asks) keep their size.
pub fn prepare(
    assets: &[Asset],
    full_size: &[String],
    cache_dir: &Path,
    memo: &mut Memo,
) -> (HashMap<String, Processed>, Vec<(String, String)>) {
    let in_full_size = |rel: &str| {
        (full_size.iter()).any(|dir| {
            rel.strip_prefix(dir.as_str())
                .is_some_and(|r| r.starts_with('/'))
        })
    };
    let rasters: Vec<(&Asset, bool, crate::key::Hash)> = assets
        .iter()
        .filter(|a| is_raster(&a.rel))
        .map(|a| {
            let full = in_full_size(&a.rel);
            (a, full, key(&a.rel, full, &a.hash))
        })
        .collect();
    let done: Vec<(String, crate::key::Hash, Result<Processed, String>)> = rasters
        .par_iter()
        .map(|(asset, full, key)| {
            let result = match memo.get(key) {
                Some(p) => Ok(p.clone()),
                None => read_cache(cache_dir, key).map_or_else(
                    || {
                        let processed = process(&asset.rel, &asset.bytes, *full);
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

/// What processing a photo reads: its kind, whether it keeps its size, and its bytes (through
/// their hash, made when the file was read; a leader's approval seals an article's text, not
/// its photos, so this key need resist no forger more than the others, `key.rs`).
fn key(rel: &str, full_size: bool, bytes: &crate::key::Hash) -> crate::key::Hash {
    let mut h = crate::key::Hasher::new();
    h.update(VERSION.as_bytes())
        .update(extension(rel).as_bytes())
        .update(&[u8::from(full_size)])
        .update(bytes.as_bytes());
    h.finalize()
}

fn cache_file(dir: &Path, key: &crate::key::Hash) -> PathBuf {
    dir.join(format!("{}.json", key.to_hex()))
}

/// A cache entry that cannot be read is simply made again.
fn read_cache(dir: &Path, key: &crate::key::Hash) -> Option<Processed> {
    let bytes = std::fs::read(cache_file(dir, key)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The cache only saves time: failing to write it is not an error.
fn write_cache(dir: &Path, key: &crate::key::Hash, processed: &Processed) {
    if std::fs::create_dir_all(dir).is_ok() {
        if let Ok(json) = serde_json::to_vec(processed) {
            let temp = dir.join(format!(".{}.tmp", key.to_hex()));
            if std::fs::write(&temp, json).is_ok() {
                let _ = std::fs::rename(&temp, cache_file(dir, key));
            }
        }
    }
}

/// Output name of a variant beside the original: `anh.jpg` → `anh-960w.jpg`; a WebP's
/// copies are JPEG: `anh.webp` → `anh-960w.jpg`.
pub fn variant_name(out: &str, width: u32) -> String {
    match out.rsplit_once('.') {
        Some((stem, ext)) if ext.eq_ignore_ascii_case("webp") => format!("{stem}-{width}w.jpg"),
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
        let p = process("anh.jpg", &photo(2000, 1500), false).unwrap();
        assert_eq!((p.width, p.height), (2000, 1500));
        let sizes: Vec<(u32, u32)> = p.variants.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, [(480, 360), (960, 720), (1600, 1200)]);
        let share = image::load_from_memory(&p.share.bytes).unwrap();
        assert_eq!((share.width(), share.height()), SHARE);
        let medium = image::load_from_memory(&p.variants[1].bytes).unwrap();
        assert_eq!((medium.width(), medium.height()), (960, 720));
    }

    /// EXIF as a phone writes it: held turned (orientation 6: turn 90° clockwise to show it)
    /// and where it was taken (a GPS block).
    fn phone_exif() -> Vec<u8> {
        let mut t = b"MM\0*\0\0\0\x08".to_vec();
        t.extend([0, 2]);
        t.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]);
        t.extend([0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
        t.extend([0, 0, 0, 0]);
        t.extend([0, 1]);
        t.extend([0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
        t.extend([0, 0, 0, 0]);
        t
    }

    /// A 1000×600 JPEG as the sensor saw it: red above, blue below, with `exif`.
    fn sideways_photo(exif: Vec<u8>) -> Vec<u8> {
        let img = image::RgbImage::from_fn(1000, 600, |_, y| {
            if y < 300 {
                image::Rgb([220, 20, 20])
            } else {
                image::Rgb([20, 20, 220])
            }
        });
        let mut out = Cursor::new(Vec::new());
        let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90);
        encoder.set_exif_metadata(exif).unwrap();
        encoder
            .write_image(img.as_raw(), 1000, 600, image::ExtendedColorType::Rgb8)
            .unwrap();
        out.into_inner()
    }

    fn is_red(p: &image::Rgb<u8>) -> bool {
        p.0[0] > 150 && p.0[2] < 100
    }

    #[test]
    fn a_photo_taken_turned_comes_out_upright_in_every_copy() {
        let p = process("anh.jpg", &sideways_photo(phone_exif()), false).unwrap();
        assert_eq!(
            (p.width, p.height),
            (600, 1000),
            "upright: taller than wide"
        );
        let original = p.original.as_ref().expect("the original is re-encoded");
        let copies = [&original.bytes, &p.variants[0].bytes, &p.share.bytes];
        for bytes in copies {
            let img = image::load_from_memory(bytes).unwrap().to_rgb8();
            let (w, h) = img.dimensions();
            // Turned clockwise, what was above is now on the right.
            assert!(is_red(img.get_pixel(w - 3, h / 2)), "right is red");
            assert!(!is_red(img.get_pixel(2, h / 2)), "left is blue");
        }
        assert_eq!((p.variants[0].width, p.variants[0].height), (480, 800));
    }

    #[test]
    fn no_copy_carries_the_phones_metadata() {
        let photo = sideways_photo(phone_exif());
        assert!(
            photo.windows(6).any(|w| w == b"Exif\0\0"),
            "the fixture has EXIF"
        );
        let p = process("anh.jpg", &photo, false).unwrap();
        let original = p.original.as_ref().unwrap();
        let mut all = vec![&original.bytes, &p.share.bytes];
        all.extend(p.variants.iter().map(|v| &v.bytes));
        for bytes in all {
            assert!(!bytes.windows(4).any(|w| w == b"Exif"), "no EXIF block");
            let mut decoder = image::ImageReader::new(Cursor::new(bytes))
                .with_guessed_format()
                .unwrap()
                .into_decoder()
                .unwrap();
            assert!(decoder.exif_metadata().unwrap().is_none());
        }
    }

    #[test]
    fn a_clean_original_within_the_widest_copy_is_published_as_it_is() {
        let p = process("nho.jpg", &photo(800, 600), false).unwrap();
        assert!(p.original.is_none());
    }

    #[test]
    fn an_original_wider_than_the_widest_copy_is_published_at_that_width() {
        let p = process("to.jpg", &photo(2400, 1200), false).unwrap();
        let original = p.original.unwrap();
        assert_eq!((original.width, original.height), (1600, 800));
        let img = image::load_from_memory(&original.bytes).unwrap();
        assert_eq!((img.width(), img.height()), (1600, 800));
    }

    #[test]
    fn a_page_that_asks_keeps_its_photos_full_size_but_not_their_metadata() {
        let clean = process("to.jpg", &photo(2400, 1200), true).unwrap();
        assert!(clean.original.is_none(), "no metadata: published as it is");
        let phone = process("anh.jpg", &sideways_photo(phone_exif()), true).unwrap();
        let original = phone.original.unwrap();
        assert_eq!(
            (original.width, original.height),
            (600, 1000),
            "upright, full size"
        );
        assert!(!original.bytes.windows(4).any(|w| w == b"Exif"));
    }

    #[test]
    fn a_webp_is_read_and_its_copies_are_jpeg() {
        let img = DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
            1000,
            500,
            image::Rgb([9, 99, 199]),
        ));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::WebP).unwrap();
        let p = process("anh.webp", &out.into_inner(), false).unwrap();
        assert_eq!((p.width, p.height), (1000, 500));
        let copy = &p.variants[0];
        assert_eq!(
            image::guess_format(&copy.bytes).unwrap(),
            image::ImageFormat::Jpeg
        );
        assert_eq!(variant_name("a/anh.webp", 480), "a/anh-480w.jpg");
    }

    #[test]
    fn a_small_image_keeps_its_size() {
        let p = process("nho.jpg", &photo(400, 300), false).unwrap();
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
        assert!(process("hong.jpg", b"not an image", false).is_err());
    }
}
