//! Videos, photo galleries and attached documents, as a reader finds them on the page: a
//! video of YouTube or Facebook behind a click (nothing asked of those sites before it), a
//! video file of the site with its captions, a grid of photos linking to their large copies,
//! and each document's type and size.

use crate::support::{only_error, photo, Page, Site};

const DIR: &str = "tin-tuc/hoi-nghi/";
const BASE: &str = "/cchc/tin-tuc/hoi-nghi/";

/// A bundle article with `front` and `body`, built; its page.
fn bundle(site: &Site, front: &str, body: &str) -> Page {
    site.article(
        &format!("{DIR}index.md"),
        "Hội nghị",
        "2025-09-01",
        front,
        body,
    );
    site.build();
    site.html(&format!("{DIR}index.html"))
}

/// Every URL the page would load by itself (not links a reader follows).
fn loaded(page: &Page) -> Vec<String> {
    let mut urls = Vec::new();
    for (css, attr) in [
        ("[src]", "src"),
        ("[srcset]", "srcset"),
        ("[poster]", "poster"),
        ("link[href]", "href"),
        ("iframe", "src"),
    ] {
        urls.extend(page.attrs(css, attr));
    }
    urls
}

#[test]
fn a_youtube_link_alone_on_its_line_becomes_a_facade_that_asks_youtube_nothing() {
    let site = Site::new();
    let page = bundle(
        &site,
        "",
        "Mở đầu.\n\n[Toàn cảnh hội nghị trực tuyến](https://youtu.be/dQw4w9WgXcQ?t=90)\n\nHết.\n",
    );
    let facade = "figure.video > a.video-facade";
    assert_eq!(
        page.attr(facade, "href"),
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90s",
        "without JavaScript, the video's own page"
    );
    assert_eq!(
        page.attr(facade, "data-embed"),
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=90"
    );
    assert_eq!(
        page.text(&format!("{facade} .video-title")),
        "Toàn cảnh hội nghị trực tuyến"
    );
    assert_eq!(page.count("iframe"), 0);
    assert_eq!(page.count(".content p a"), 0, "the link is now the facade");
    for url in loaded(&page) {
        assert!(
            url.starts_with("/cchc/") || url.starts_with("https://stp.angiang.gov.vn/"),
            "the page loads {url} by itself"
        );
    }
    assert!(
        page.attrs("script", "src")
            .iter()
            .any(|s| s == "/cchc/video.js"),
        "the page loads its own small script"
    );
    assert!(site.read("video.js").contains("youtube-nocookie"));
}

#[test]
fn a_facebook_video_and_a_cover_photo_of_the_site() {
    let site = Site::new();
    site.write_bytes(&format!("content/{DIR}bia-video.jpg"), &photo(1280, 720));
    let page = bundle(
        &site,
        "",
        "[![Phát động Ngày Pháp luật](bia-video.jpg)](https://www.facebook.com/sotuphapangiang/videos/1234567890/)\n\n![Buổi tọa đàm](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n",
    );
    let embeds = page.attrs("a.video-facade", "data-embed");
    assert_eq!(
        embeds,
        [
            "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww%2Efacebook%2Ecom%2Fsotuphapangiang%2Fvideos%2F1234567890%2F&show_text=false",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
        ]
    );
    assert_eq!(
        page.texts(".video-title"),
        ["Phát động Ngày Pháp luật", "Buổi tọa đàm"]
    );
    assert_eq!(
        page.attr("a.video-facade img.video-cover", "src"),
        format!("{BASE}bia-video-960w.jpg")
    );
    assert_eq!(page.attr("a.video-facade img.video-cover", "alt"), "");
}

#[test]
fn a_video_link_in_a_sentence_or_to_another_site_stays_a_link() {
    let site = Site::new();
    let page = bundle(
        &site,
        "",
        "Xem [video hội nghị](https://youtu.be/dQw4w9WgXcQ) trên kênh của Sở.\n\n[Video](https://www.youtube.com.evil.vn/watch?v=dQw4w9WgXcQ)\n\n[Video](https://vimeo.com/123456)\n",
    );
    assert_eq!(page.count(".video"), 0);
    assert_eq!(
        page.attrs(".content a", "href"),
        [
            "https://youtu.be/dQw4w9WgXcQ",
            "https://www.youtube.com.evil.vn/watch?v=dQw4w9WgXcQ",
            "https://vimeo.com/123456"
        ]
    );
    assert!(page
        .attrs("script", "src")
        .iter()
        .all(|s| s != "/cchc/video.js"));
}

#[test]
fn an_author_cannot_use_videos_to_embed_anything_else() {
    let site = Site::new();
    site.write_bytes(&format!("content/{DIR}hoi-nghi.mp4"), b"....ftypisom");
    site.article(
        &format!("{DIR}index.md"),
        "Hội nghị",
        "2025-09-01",
        "",
        concat!(
            "[Video](https://youtu.be/dQw4w9WgXcQ)\n\n",
            "<iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\"></iframe>\n\n",
            "<a class=\"video-facade\" href=\"https://youtu.be/dQw4w9WgXcQ\" data-embed=\"https://evil.example/x\">Xem</a>\n\n",
            "<a class=\"video-facade\" data-embed=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&amp;list=x\">Xem</a>\n\n",
            "<video src=\"https://evil.example/a.mp4\" poster=\"//evil.example/a.jpg\"><track src=\"https://evil.example/a.vtt\"></video>\n\n",
            "<object data=\"https://evil.example/a.swf\"></object><embed src=\"https://evil.example/a.swf\">\n",
        ),
    );
    let built = site.build();
    let page = site.html(&format!("{DIR}index.html"));
    let html = site.read(&format!("{DIR}index.html"));
    assert!(!html.contains("evil.example"), "{html}");
    assert_eq!(page.count("iframe, object, embed"), 0);
    assert_eq!(
        page.attrs("[data-embed]", "data-embed"),
        ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"],
        "only the player loa made from the Markdown link"
    );
    let iframe = built
        .warnings
        .iter()
        .find(|w| w.message.contains("<iframe>"))
        .expect("the pasted player is reported");
    assert_eq!(iframe.line, 7);
    assert!(iframe
        .hint
        .as_deref()
        .unwrap()
        .contains("một mình trên một dòng"));
    assert!(
        built
            .warnings
            .iter()
            .any(|w| w.message.contains("data-embed")),
        "{:?}",
        built.warnings
    );
}

#[test]
fn a_video_file_of_the_site_plays_in_the_page_with_captions_beside_it() {
    let site = Site::new();
    for file in ["hoi-nghi.mp4", "phat-bieu.webm"] {
        site.write_bytes(&format!("content/{DIR}{file}"), b"....ftypisom");
    }
    site.write(
        &format!("content/{DIR}hoi-nghi.vtt"),
        "WEBVTT\n\n00:00.000 --> 00:02.000\nKính thưa các đại biểu\n",
    );
    let page = bundle(
        &site,
        "",
        "![Toàn cảnh hội nghị](hoi-nghi.mp4)\n\n[Phát biểu của Giám đốc Sở](phat-bieu.webm)\n",
    );
    assert_eq!(
        page.attrs("figure.video video[controls]", "src"),
        [
            format!("{BASE}hoi-nghi.mp4"),
            format!("{BASE}phat-bieu.webm")
        ]
    );
    assert_eq!(
        page.attr("video track[kind=\"captions\"]", "src"),
        format!("{BASE}hoi-nghi.vtt")
    );
    assert_eq!(page.attr("video track", "srclang"), "vi");
    assert_eq!(
        page.texts("figure.video figcaption"),
        ["Toàn cảnh hội nghị", "Phát biểu của Giám đốc Sở"]
    );
    assert!(site.exists(&format!("{DIR}hoi-nghi.vtt")));
    assert!(
        page.attrs("script", "src")
            .iter()
            .all(|s| s != "/cchc/video.js"),
        "a video of the site needs no script"
    );
}

/// A bundle whose `anh/` folder holds three photos, two named in words.
fn with_photos(site: &Site) {
    for (name, w, h) in [
        ("02 Đại biểu phát biểu.jpg", 2000, 1500),
        ("01 Toàn cảnh hội nghị.jpg", 1200, 800),
        ("IMG_20251203_0931.jpg", 800, 600),
    ] {
        site.write_bytes(&format!("content/{DIR}anh/{name}"), &photo(w, h));
    }
}

#[test]
fn the_photos_of_a_bundles_anh_folder_become_a_gallery_of_small_copies() {
    let site = Site::new();
    with_photos(&site);
    let page = bundle(&site, "", "Nội dung.\n");
    let anh = format!("{BASE}anh/");
    assert_eq!(page.text(".gallery h2"), "Ảnh (3)");
    assert_eq!(
        page.attrs(".gallery a.gallery-link", "href"),
        [
            format!("{anh}01%20Toàn%20cảnh%20hội%20nghị.jpg"),
            format!("{anh}02%20Đại%20biểu%20phát%20biểu-1600w.jpg"),
            format!("{anh}IMG_20251203_0931.jpg"),
        ],
        "in the order of their names, each to the photo itself or, when wider, its widest copy; spaces encoded"
    );
    assert_eq!(
        page.attrs(".gallery img", "src"),
        [
            format!("{anh}01%20Toàn%20cảnh%20hội%20nghị-480w.jpg"),
            format!("{anh}02%20Đại%20biểu%20phát%20biểu-480w.jpg"),
            format!("{anh}IMG_20251203_0931-480w.jpg"),
        ]
    );
    assert_eq!(page.attrs(".gallery img", "width"), ["480", "480", "480"]);
    assert_eq!(page.attrs(".gallery img", "height"), ["320", "360", "360"]);
    assert_eq!(
        page.texts(".gallery figcaption"),
        ["Toàn cảnh hội nghị", "Đại biểu phát biểu"]
    );
    assert_eq!(
        page.attrs(".gallery img", "alt"),
        [
            "Toàn cảnh hội nghị",
            "Đại biểu phát biểu",
            "Hội nghị: ảnh 3/3"
        ]
    );
    // The large copies are there to follow, at the widths the image pipeline makes.
    let out = site.output().join("tin-tuc/hoi-nghi/anh");
    let large = image::open(out.join("02 Đại biểu phát biểu-1600w.jpg")).unwrap();
    assert_eq!((large.width(), large.height()), (1600, 1200));
    assert!(out.join("01 Toàn cảnh hội nghị-480w.jpg").exists());
    assert!(page
        .attrs("script", "src")
        .iter()
        .any(|s| s == "/cchc/thu-vien-anh.js"));
    assert!(site.exists("thu-vien-anh.js"));
}

#[test]
fn a_gallery_list_in_front_matter_gives_the_order_and_the_captions() {
    let site = Site::new();
    with_photos(&site);
    let page = bundle(
        &site,
        "gallery:\n  - src: anh/IMG_20251203_0931.jpg\n    caption: \"Trao giấy khen cho tập thể\"\n  - \"anh/01 Toàn cảnh hội nghị.jpg\"\n",
        "Nội dung.\n",
    );
    assert_eq!(page.count(".gallery li"), 2, "only the listed photos");
    assert_eq!(
        page.texts(".gallery figcaption"),
        ["Trao giấy khen cho tập thể"],
        "a photo listed without a caption has none"
    );
    assert_eq!(
        page.attrs(".gallery img", "alt"),
        ["Trao giấy khen cho tập thể", "Hội nghị: ảnh 2/2"]
    );
}

#[test]
fn a_gallery_photo_that_is_missing_or_not_a_photo_is_an_error_on_its_line() {
    let site = Site::new();
    with_photos(&site);
    site.write_bytes(&format!("content/{DIR}ke-hoach.pdf"), b"%PDF-1.4");
    site.article(
        &format!("{DIR}index.md"),
        "Hội nghị",
        "2025-09-01",
        "gallery:\n  - anh/IMG_20251203_0931.jpg\n  - src: anh/khong-co.jpg\n",
        "Nội dung.\n",
    );
    let problems = site.build_fails();
    let missing = only_error(&problems);
    assert_eq!(missing.line, 6);
    assert!(missing.message.contains("anh/khong-co.jpg"), "{missing}");

    site.article(
        &format!("{DIR}index.md"),
        "Hội nghị",
        "2025-09-01",
        "gallery:\n  - ke-hoach.pdf\n",
        "Nội dung.\n",
    );
    let problems = site.build_fails();
    let not_a_photo = only_error(&problems);
    assert_eq!(not_a_photo.line, 5);
    assert!(
        not_a_photo.message.contains("không phải tệp ảnh"),
        "{not_a_photo}"
    );
    assert!(not_a_photo.hint.as_deref().unwrap().contains(".jpg"));
}

#[test]
fn links_to_documents_show_type_and_size_and_the_article_lists_them() {
    let site = Site::new();
    site.write_bytes(
        &format!("content/{DIR}ke-hoach.pdf"),
        &vec![b'%'; 1_258_291],
    );
    site.write_bytes(&format!("content/{DIR}bieu-mau.docx"), &vec![0; 48 * 1024]);
    site.write_bytes(&format!("content/{DIR}so-lieu.xlsx"), &vec![0; 850]);
    let page = bundle(
        &site,
        "",
        "Tải [kế hoạch tuyên truyền](ke-hoach.pdf) và [biểu mẫu đăng ký](bieu-mau.docx); xem lại [kế hoạch](ke-hoach.pdf).\n",
    );
    assert_eq!(
        page.texts(".content a"),
        [
            "kế hoạch tuyên truyền (PDF, 1,2 MB)",
            "biểu mẫu đăng ký (DOCX, 48 KB)",
            "kế hoạch (PDF, 1,2 MB)"
        ]
    );
    assert_eq!(page.text(".attachments h2"), "Tài liệu đính kèm");
    assert_eq!(
        page.texts(".attachments li"),
        [
            "Kế hoạch tuyên truyền (PDF, 1,2 MB)",
            "Biểu mẫu đăng ký (DOCX, 48 KB)",
            "so-lieu.xlsx (XLSX, 850 B)"
        ],
        "linked ones first, then the one beside the article the text does not link"
    );
    assert_eq!(
        page.attrs(".attachments a", "href"),
        [
            format!("{BASE}ke-hoach.pdf"),
            format!("{BASE}bieu-mau.docx"),
            format!("{BASE}so-lieu.xlsx")
        ]
    );
}

#[test]
fn an_article_without_documents_or_photos_has_no_empty_blocks() {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "Bài",
        "2025-09-01",
        "",
        "Nội dung [ảnh](https://x.vn/a.pdf).\n",
    );
    site.build();
    let page = site.html("tin-tuc/a/index.html");
    assert_eq!(page.count(".attachments, .gallery, .video, .file-info"), 0);
}
