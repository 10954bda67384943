//! Photos from phones: resized into a few widths with srcset, a share crop, sizes set, cached.

use crate::support::{photo, Site};

fn site_with_photo() -> Site {
    let site = Site::new();
    site.article(
        "tin-tuc/hoi-nghi/index.md",
        "Hội nghị",
        "2025-09-01",
        "image: anh.jpg\nimage_alt: \"Toàn cảnh hội trường\"\n",
        "![Đại biểu dự hội nghị](anh.jpg)\n",
    );
    site.write_bytes("content/tin-tuc/hoi-nghi/anh.jpg", &photo(2000, 1200));
    site
}

fn size(site: &Site, file: &str) -> (u32, u32) {
    let img = image::load_from_memory(&std::fs::read(site.output().join(file)).unwrap()).unwrap();
    (img.width(), img.height())
}

#[test]
fn a_phone_photo_is_published_in_several_widths_with_its_size() {
    let site = site_with_photo();
    site.build();
    let dir = "tin-tuc/hoi-nghi/";
    assert_eq!(size(&site, &format!("{dir}anh-480w.jpg")), (480, 288));
    assert_eq!(size(&site, &format!("{dir}anh-960w.jpg")), (960, 576));
    assert_eq!(size(&site, &format!("{dir}anh-1600w.jpg")), (1600, 960));
    assert_eq!(
        size(&site, &format!("{dir}anh.jpg")),
        (1600, 960),
        "the original's address stays, at the widest copy's size: not a phone's full 2000 px"
    );
    let page = site.html(&format!("{dir}index.html"));
    let base = "/cchc/tin-tuc/hoi-nghi/";
    for img in [".content img", "article > img.cover"] {
        assert_eq!(
            page.attr(img, "src"),
            format!("{base}anh-1600w.jpg"),
            "{img}"
        );
        assert_eq!(
            page.attr(img, "srcset"),
            format!("{base}anh-480w.jpg 480w, {base}anh-960w.jpg 960w, {base}anh-1600w.jpg 1600w"),
            "{img}"
        );
        assert_eq!(
            (page.attr(img, "width"), page.attr(img, "height")),
            ("1600".into(), "960".into()),
            "{img}"
        );
        assert!(!page.attr(img, "sizes").is_empty(), "{img}");
    }
    assert_eq!(page.attr(".content img", "alt"), "Đại biểu dự hội nghị");
}

#[test]
fn the_share_preview_uses_a_1200_by_630_crop_of_the_photo() {
    let site = site_with_photo();
    site.build();
    assert_eq!(size(&site, "tin-tuc/hoi-nghi/anh-chia-se.jpg"), (1200, 630));
    let page = site.html("tin-tuc/hoi-nghi/index.html");
    assert_eq!(
        page.attr("meta[property=\"og:image\"]", "content"),
        "https://stp.angiang.gov.vn/cchc/tin-tuc/hoi-nghi/anh-chia-se.jpg"
    );
    assert_eq!(
        page.attr("meta[property=\"og:image:width\"]", "content"),
        "1200"
    );
    assert_eq!(
        page.attr("meta[property=\"og:image:height\"]", "content"),
        "630"
    );
}

#[test]
fn resized_photos_are_cached_and_the_cache_is_safe_to_delete() {
    let site = site_with_photo();
    let first = crate::support::in_memory(&site.options()).unwrap().outputs;
    let cache = site.root().join(".loa-cache/images");
    let entries = std::fs::read_dir(&cache).unwrap().count();
    assert_eq!(entries, 1, "one photo, one cache entry");
    assert_eq!(
        crate::support::in_memory(&site.options()).unwrap().outputs,
        first,
        "from the cache: same bytes"
    );
    std::fs::remove_dir_all(site.root().join(".loa-cache")).unwrap();
    assert_eq!(
        crate::support::in_memory(&site.options()).unwrap().outputs,
        first,
        "without the cache: same bytes"
    );
}

#[test]
fn an_unreadable_photo_is_published_as_it_is_with_a_warning() {
    let site = Site::new();
    site.article(
        "tin-tuc/a/index.md",
        "A",
        "2025-09-01",
        "",
        "![Ảnh](hong.jpg)\n",
    );
    site.write_bytes("content/tin-tuc/a/hong.jpg", b"not a photo");
    let rendered = site.build();
    let warning = &rendered.warnings[0];
    assert_eq!(warning.path.to_str(), Some("content/tin-tuc/a/hong.jpg"));
    assert_eq!(
        site.html("tin-tuc/a/index.html")
            .attr(".content img", "src"),
        "/cchc/tin-tuc/a/hong.jpg"
    );
    assert_eq!(
        std::fs::read(site.output().join("tin-tuc/a/hong.jpg")).unwrap(),
        b"not a photo"
    );
}

/// A 1000×600 JPEG as a phone's sensor saw it (red above, blue below), with EXIF saying it
/// must be turned 90° clockwise to be shown, and a GPS block saying where it was taken.
fn phone_photo_held_upright() -> Vec<u8> {
    use image::ImageEncoder;
    let mut exif = b"MM\0*\0\0\0\x08".to_vec();
    exif.extend([0, 2]);
    exif.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]);
    exif.extend([0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
    exif.extend([0, 0, 0, 0, 0, 1]);
    exif.extend([0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    exif.extend([0, 0, 0, 0]);
    let pixels = image::RgbImage::from_fn(1000, 600, |_, y| match y < 300 {
        true => image::Rgb([220, 20, 20]),
        false => image::Rgb([20, 20, 220]),
    });
    let mut out = std::io::Cursor::new(Vec::new());
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90);
    encoder.set_exif_metadata(exif).unwrap();
    encoder
        .write_image(pixels.as_raw(), 1000, 600, image::ExtendedColorType::Rgb8)
        .unwrap();
    out.into_inner()
}

#[test]
fn a_phone_photo_is_published_upright_and_without_where_it_was_taken() {
    let site = Site::new();
    site.article(
        "tin-tuc/a/index.md",
        "A",
        "2025-09-01",
        "image: anh.jpg\nimage_alt: \"Hội nghị\"\n",
        "![Hội nghị](anh.jpg)\n",
    );
    let photo = phone_photo_held_upright();
    assert!(
        photo.windows(6).any(|w| w == b"Exif\0\0"),
        "the phone's EXIF"
    );
    site.write_bytes("content/tin-tuc/a/anh.jpg", &photo);
    site.build();
    let page = site.html("tin-tuc/a/index.html");
    assert_eq!(page.attr(".content img", "width"), "480");
    assert_eq!(
        page.attr(".content img", "height"),
        "800",
        "taller than wide"
    );
    let mut jpegs = 0;
    for entry in walkdir::WalkDir::new(site.output()) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "jpg") {
            jpegs += 1;
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                !bytes.windows(4).any(|w| w == b"Exif"),
                "{:?} has EXIF",
                entry.path()
            );
            let img = image::load_from_memory(&bytes).unwrap().to_rgb8();
            let (w, h) = img.dimensions();
            let right = img.get_pixel(w - 3, h / 2);
            assert!(
                right.0[0] > 150 && right.0[2] < 100,
                "{:?}: red on the right",
                entry.path()
            );
        }
    }
    assert_eq!(jpegs, 3, "the original, the 480 px copy, the share crop");
    let original = image::open(site.output().join("tin-tuc/a/anh.jpg")).unwrap();
    assert_eq!((original.width(), original.height()), (600, 1000));
}

#[test]
fn a_page_may_ask_for_its_photos_at_full_size() {
    let site = site_with_photo();
    site.article(
        "tin-tuc/hoi-nghi/index.md",
        "Hội nghị",
        "2025-09-01",
        "image: anh.jpg\nimage_alt: \"Toàn cảnh hội trường\"\nfull_size_photos: true\n",
        "![Đại biểu dự hội nghị](anh.jpg)\n",
    );
    site.build();
    assert_eq!(size(&site, "tin-tuc/hoi-nghi/anh.jpg"), (2000, 1200));
    assert_eq!(size(&site, "tin-tuc/hoi-nghi/anh-1600w.jpg"), (1600, 960));
}
