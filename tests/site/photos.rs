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
        (2000, 1200),
        "the original stays available"
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
    let first = loa::render_site(&site.options()).unwrap().outputs;
    let cache = site.root().join(".loa-cache/images");
    let entries = std::fs::read_dir(&cache).unwrap().count();
    assert_eq!(entries, 1, "one photo, one cache entry");
    assert_eq!(
        loa::render_site(&site.options()).unwrap().outputs,
        first,
        "from the cache: same bytes"
    );
    std::fs::remove_dir_all(site.root().join(".loa-cache")).unwrap();
    assert_eq!(
        loa::render_site(&site.options()).unwrap().outputs,
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
