//! The output folder is only ever changed by a whole, successful build, and only where needed.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::Site;

/// Each output file's content hash and modification time.
fn snapshot(dir: &Path) -> BTreeMap<String, (String, std::time::SystemTime)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let hash = blake3::hash(&std::fs::read(e.path()).unwrap())
                .to_hex()
                .to_string();
            (rel, (hash, e.metadata().unwrap().modified().unwrap()))
        })
        .collect()
}

#[test]
fn a_rebuild_with_nothing_changed_rewrites_no_file() {
    let site = Site::new();
    site.article("tin-tuc/a.md", "A", "2025-09-01", "", "x\n");
    site.build();
    let before = snapshot(&site.output());
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.build();
    assert_eq!(
        snapshot(&site.output()),
        before,
        "same bytes and same modification times"
    );
}

#[test]
fn an_edit_rewrites_only_the_pages_it_changes() {
    let site = Site::new();
    site.article("tin-tuc/a.md", "A", "2025-09-01", "", "x\n")
        .article("su-kien/b.md", "B", "2025-09-01", "", "x\n");
    site.build();
    let before = snapshot(&site.output());
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.article("tin-tuc/a.md", "A", "2025-09-01", "", "Nội dung mới.\n");
    let (_, report) = crate::support::into_folder(&site.options(), &site.output()).unwrap();
    let after = snapshot(&site.output());
    assert_ne!(
        after["tin-tuc/a/index.html"],
        before["tin-tuc/a/index.html"]
    );
    assert_eq!(
        after["su-kien/b/index.html"],
        before["su-kien/b/index.html"]
    );
    assert!(report.written < before.len() / 2, "{report:?}");
}

#[test]
fn a_renamed_article_disappears_from_the_output() {
    let site = Site::new();
    site.article("tin-tuc/ten-cu.md", "A", "2025-09-01", "", "x\n");
    site.build();
    std::fs::rename(
        site.root().join("content/tin-tuc/ten-cu.md"),
        site.root().join("content/tin-tuc/ten-moi.md"),
    )
    .unwrap();
    site.build();
    assert!(site.exists("tin-tuc/ten-moi/index.html"));
    assert!(!site.exists("tin-tuc/ten-cu/index.html"));
    assert!(
        !site.output().join("tin-tuc/ten-cu").exists(),
        "its empty folder goes too"
    );
}

#[test]
fn a_folder_that_loa_did_not_make_is_refused_and_left_untouched() {
    let site = Site::new();
    site.article("tin-tuc/a.md", "A", "2025-09-01", "", "x\n");
    site.write("output/bao-cao-quy-3.docx", "tài liệu quan trọng");
    let problems = site.build_fails();
    let error = crate::support::only_error(&problems);
    assert!(error.hint.is_some());
    assert_eq!(site.read("bao-cao-quy-3.docx"), "tài liệu quan trọng");
    assert_eq!(std::fs::read_dir(site.output()).unwrap().count(), 1);
}

#[test]
fn files_the_officer_adds_to_the_output_folder_later_are_kept() {
    let site = Site::new();
    site.article("tin-tuc/a.md", "A", "2025-09-01", "", "x\n");
    site.build();
    site.write("output/ghi-chu.txt", "của tôi");
    site.build();
    assert_eq!(site.read("ghi-chu.txt"), "của tôi");
}

#[test]
fn the_output_folder_can_be_chosen() {
    let site = Site::new();
    site.article("tin-tuc/a.md", "A", "2025-09-01", "", "x\n");
    let elsewhere = site.root().join("ban-xuat");
    crate::support::into_folder(&site.options(), &elsewhere).unwrap();
    assert!(elsewhere.join("tin-tuc/a/index.html").exists());
    assert!(!site.output().exists());
}

#[test]
fn an_output_folder_inside_the_content_is_refused() {
    let site = Site::new();
    site.article("tin-tuc/a.md", "A", "2025-09-01", "", "x\n");
    let problems = crate::support::into_folder(&site.options(), &site.root().join("content/xuat"))
        .unwrap_err();
    assert!(crate::support::only_error(&problems)
        .message
        .contains("content/"));
    assert!(!site.root().join("content/xuat").exists());
}

#[test]
fn a_cached_build_sees_a_heading_renamed_in_a_linked_article() {
    let site = Site::new();
    site.article("tin-tuc/dich.md", "Đích", "2025-09-01", "", "## Mục tiêu\n")
        .article(
            "tin-tuc/nguon.md",
            "Nguồn",
            "2025-09-02",
            "",
            "[xem](dich.md#muc-tieu)\n",
        );
    let mut cache = loa::cache::Cache::default();
    let first = loa::build(&site.options(), &mut cache, loa::Destination::Memory).unwrap();
    assert!(!cache.is_empty());
    site.article("tin-tuc/dich.md", "Đích", "2025-09-01", "", "## Kết quả\n");
    let problems = loa::build(&site.options(), &mut cache, loa::Destination::Memory).unwrap_err();
    let error = crate::support::only_error(&problems);
    assert_eq!(error.path.to_str(), Some("content/tin-tuc/nguon.md"));
    assert!(error.message.contains("#muc-tieu"), "{error}");
    site.article("tin-tuc/dich.md", "Đích", "2025-09-01", "", "## Mục tiêu\n");
    let again = loa::build(&site.options(), &mut cache, loa::Destination::Memory).unwrap();
    assert_eq!(again.outputs, first.outputs, "back to the same bytes");
}

#[test]
fn a_cached_build_equals_a_clean_build_after_a_config_change() {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-09-01",
        "topics: [de-an-06]\n",
        "x\n",
    );
    let mut cache = loa::cache::Cache::default();
    loa::build(&site.options(), &mut cache, loa::Destination::Memory).unwrap();
    // The topic disappears from the config: the unchanged article is now wrong.
    site.config_with(&[("key: de-an-06", "key: de-an-6")]);
    let cached = loa::build(&site.options(), &mut cache, loa::Destination::Memory).unwrap_err();
    let clean = crate::support::in_memory(&site.options()).unwrap_err();
    assert_eq!(cached, clean);
}

#[test]
fn a_cached_build_follows_the_clock_like_a_clean_build() {
    // The files stay the same while the clock passes an event's end and a scheduled article's
    // time: a build reusing the earlier builds' pages must give what a clean build gives.
    let site = Site::new();
    site.article(
        "su-kien/hop.md",
        "Hội nghị",
        "2025-10-01",
        "event:\n  start: 2025-10-10 08:00\n  end: 2025-10-10 11:00\n",
        "Họp.\n",
    )
    .article(
        "tin-tuc/hen.md",
        "Bài hẹn giờ",
        "2025-10-10 12:00",
        "",
        "Sau.\n",
    )
    .article("tin-tuc/cu.md", "Bài cũ", "2025-09-01", "", "Trước.\n");
    let at = |now: &str| loa::Options {
        now: Some(now.into()),
        ..site.options()
    };
    let times = [
        "2025-10-10 07:00",
        "2025-10-10 10:00",
        "2025-10-10 11:30",
        "2025-10-10 12:30",
        "2025-10-10 12:31",
    ];
    let mut cache = loa::cache::Cache::default();
    let mut follow = |theme: &str| {
        for now in times {
            cache.track_changes();
            let cached = loa::build(&at(now), &mut cache, loa::Destination::Memory).unwrap();
            let clean = crate::support::in_memory(&at(now)).unwrap();
            assert!(cached.outputs == clean.outputs, "{theme}, at {now}");
        }
    };
    follow("the built-in theme");
    // A theme whose article pages show the build's time.
    site.write(
        "themes/dong-ho/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"now\">{{ site.now }}</p>\
         {{ page.content | safe }}{% endblock content %}",
    );
    site.config_plus("theme: dong-ho\n");
    follow("a theme showing the time");
}

/// A small site with pages of every kind: articles with topics and tags, an event, a static
/// file, and one article whose page the theme cannot render when `broken` is set.
fn site_of_every_kind(broken: bool) -> Site {
    let site = Site::new();
    for n in 0..12 {
        site.article(
            &format!("tin-tuc/bai-{n}.md"),
            &format!("Bài số {n}"),
            &format!("2025-09-{:02}", n + 1),
            "topics: [de-an-06]\ntags: [Một cửa]\n",
            "Nội dung có **chữ đậm**.\n",
        );
    }
    site.article(
        "su-kien/hop.md",
        "Hội nghị",
        "2025-10-01",
        "event:\n  start: 2025-10-10 08:00\n",
        "Họp.\n",
    );
    site.write("static/tai-lieu.txt", "tệp tĩnh");
    if broken {
        site.config_plus("theme: hong\n");
        site.write(
            "themes/hong/templates/page.html",
            "{% extends \"base.html\" %}{% block content %}\
             {% if page.title == \"Bài số 7\" %}{{ page.khong_co.x }}{% endif %}\
             {{ page.content | safe }}{% endblock content %}",
        );
    }
    site
}

#[test]
fn a_clean_build_written_page_by_page_has_exactly_the_rendered_files() {
    // Into a folder that does not exist, pages are written as they are rendered (and not
    // kept): the folder must hold what the site renders to in memory, byte for byte.
    let site = site_of_every_kind(false);
    let built = site.build();
    let rendered = crate::support::in_memory(&site.options()).unwrap();
    let files = snapshot(&site.output());
    let manifest: serde_json::Value =
        serde_json::from_str(&site.read(loa::write::MANIFEST)).unwrap();
    // The manifest knows each file by its XXH3-128; the folder is compared by blake3.
    let hashed = |hash: fn(&[u8]) -> String| -> BTreeMap<String, String> {
        (rendered.outputs.iter())
            .map(|(path, o)| (path.clone(), hash(crate::support::bytes(o))))
            .collect()
    };
    let listed: BTreeMap<String, String> =
        serde_json::from_value(manifest["files"].clone()).unwrap();
    assert_eq!(
        listed,
        hashed(|b| format!("{:032x}", twox_hash::XxHash3_128::oneshot(b))),
        "the manifest lists every file with its hash"
    );
    let mut expected = hashed(|b| blake3::hash(b).to_hex().to_string());
    expected.insert(
        loa::write::MANIFEST.into(),
        files[loa::write::MANIFEST].0.clone(),
    );
    let on_disk: BTreeMap<String, String> = files
        .into_iter()
        .map(|(path, (hash, _))| (path, hash))
        .collect();
    assert_eq!(on_disk, expected);
    assert_eq!(built.pages, rendered.pages);
    assert!(rendered.outputs.contains_key("tin-tuc/bai-3/index.html"));
    assert!(rendered.outputs.contains_key("tai-lieu.txt"));
}

#[test]
fn a_clean_build_that_fails_while_rendering_leaves_no_output_folder() {
    // One article's page fails after the others were written: they are removed again.
    let site = site_of_every_kind(true);
    let problems = site.build_fails();
    assert!(crate::support::only_error(&problems)
        .message
        .contains("khong_co"));
    assert!(!site.output().exists(), "the folder did not exist before");
    // An empty folder the officer made is kept, and left empty.
    std::fs::create_dir_all(site.output()).unwrap();
    site.build_fails();
    assert_eq!(std::fs::read_dir(site.output()).unwrap().count(), 0);
}

#[test]
fn a_clean_build_stopped_half_way_is_completed_by_the_next_build() {
    // What a build killed while writing leaves: loa's manifest (written first) listing no
    // file yet, and some pages. The next build takes the folder as loa's and finishes it.
    let site = site_of_every_kind(false);
    site.write(
        &format!("output/{}", loa::write::MANIFEST),
        "{\"generator\": \"loa\", \"files\": {}}",
    );
    site.write("output/tin-tuc/bai-3/index.html", "<p>nửa trang</p>");
    site.build();
    let rendered = crate::support::in_memory(&site.options()).unwrap();
    assert_eq!(
        site.read("tin-tuc/bai-3/index.html").as_bytes(),
        crate::support::bytes(&rendered.outputs["tin-tuc/bai-3/index.html"])
    );
}

/// Every file of a folder with its bytes, the manifest left out.
fn files_of(dir: &Path) -> BTreeMap<String, String> {
    snapshot(dir)
        .into_iter()
        .filter(|(path, _)| path != loa::write::MANIFEST)
        .map(|(path, (hash, _))| (path, hash))
        .collect()
}

#[test]
fn a_rebuild_taking_unchanged_files_from_the_folder_equals_a_clean_build() {
    // A rebuild takes the pages, lists and search files whose key is unchanged from the
    // folder; after each change it must hold what a clean build of the same site makes.
    let site = site_of_every_kind(false);
    site.build();
    let clean = |step: &str| {
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("sach");
        crate::support::into_folder(&site.options(), &fresh).unwrap();
        site.build();
        assert_eq!(files_of(&site.output()), files_of(&fresh), "after {step}");
    };
    site.article(
        "tin-tuc/bai-3.md",
        "Bài số 3",
        "2025-09-04",
        "topics: [de-an-06]\ntags: [Một cửa]\n",
        "Nội dung mới về hồ sơ trực tuyến.\n",
    );
    clean("an article's words");
    site.article(
        "tin-tuc/bai-5.md",
        "Bài số năm",
        "2025-09-06",
        "tags: [Chuyển đổi số]\n",
        "x\n",
    );
    clean("a title and tags");
    site.article("tin-tuc/moi.md", "Bài mới", "2025-12-01", "", "Mới.\n");
    clean("a new article");
    site.config_with(&[("title:", "title: Trang mới -")]);
    clean("the config");
}

#[test]
fn files_are_left_in_the_folder_only_as_loa_wrote_them_and_by_the_same_program() {
    let site = site_of_every_kind(false);
    site.build();
    let page = "tin-tuc/bai-3/index.html";
    let rendered = site.read(page);
    // Changed by hand: the key is unchanged, but the file is not as loa wrote it.
    site.write(&format!("output/{page}"), "<p>sửa tay</p>");
    site.build();
    assert_eq!(site.read(page), rendered, "rendered again");
    // A change that keeps the size is not seen, as with every file loa judges unchanged
    // (by its manifest, without reading it back)...
    let same_size = rendered.replacen("Bài số 3", "Bài số 9", 1);
    assert_eq!(same_size.len(), rendered.len());
    site.write(&format!("output/{page}"), &same_size);
    site.build();
    assert_eq!(site.read(page), same_size, "left as it is");
    // ...but nothing is left from a folder another program (another loa) wrote: the page is
    // rendered, and written as its hash differs from the one the manifest is given here.
    let manifest_path = site.output().join(loa::write::MANIFEST);
    let mut manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
    manifest["program"] = "loa 0.0.1".into();
    manifest["files"][page] = "khac".into();
    std::fs::write(&manifest_path, manifest.to_string()).unwrap();
    site.build();
    assert_eq!(site.read(page), rendered);
}

/// Sets every file under `dir` as last modified an hour ago: old enough for a load to trust
/// its stamp and leave it unread.
fn age_files(dir: &Path) {
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            let file = std::fs::File::options()
                .write(true)
                .open(entry.path())
                .unwrap();
            file.set_modified(past).unwrap();
        }
    }
}

/// `serve` keeps the parse of an unchanged Markdown file, not its bytes: when the parse must
/// be made again (the config changed, or a desk preview put a draft in its place), the file is
/// read again, and the build is the one a clean build gives.
#[test]
fn files_whose_bytes_serve_did_not_keep_are_read_again_when_needed() {
    let site = Site::new();
    site.article("tin-tuc/a.md", "Bài A", "2025-09-01", "", "Một.\n")
        .article("tin-tuc/b.md", "Bài B", "2025-09-02", "", "Hai.\n");
    age_files(&site.root().join("content"));
    let options = site.options();
    let mut cache = loa::cache::Cache::default();
    cache.track_changes();
    let pages = |built: &loa::Built| -> BTreeMap<String, Vec<u8>> {
        (built.outputs.iter())
            .filter(|(path, _)| path.ends_with(".html"))
            .map(|(path, o)| (path.clone(), crate::support::bytes(o).to_vec()))
            .collect()
    };
    let first = loa::build(&options, &mut cache, loa::Destination::Memory).unwrap();
    assert!(pages(&first).contains_key("tin-tuc/a/index.html"));

    // The config changes: every file is parsed again, from bytes read again.
    site.config_with(&[("Tin về cải cách hành chính", "Trang tin đã đổi")]);
    cache.changed([site.root().join("config.yaml")]);
    let after_config = loa::build(&options, &mut cache, loa::Destination::Memory).unwrap();
    let clean = crate::support::in_memory(&options).unwrap();
    assert_eq!(pages(&after_config), pages(&clean));
    let home = String::from_utf8(pages(&after_config)["index.html"].clone()).unwrap();
    assert!(home.contains("Trang tin đã đổi"), "the new config is used");

    // A desk preview parses a draft in the file's place; the next build parses the file
    // itself again, from the disk.
    let draft = loa::pipeline::Draft {
        rel: "tin-tuc/a.md".into(),
        text: "---\ntitle: \"Bản nháp\"\ndate: 2025-09-01\n---\nBa.\n".into(),
    };
    let preview = loa::pipeline::preview(&options, &mut cache, &draft).unwrap();
    assert!(String::from_utf8(preview.html.unwrap())
        .unwrap()
        .contains("Bản nháp"));
    let after_preview = loa::build(&options, &mut cache, loa::Destination::Memory).unwrap();
    assert_eq!(pages(&after_preview), pages(&clean));
    let page = String::from_utf8(pages(&after_preview)["tin-tuc/a/index.html"].clone()).unwrap();
    assert!(page.contains("Bài A") && !page.contains("Bản nháp"));
}

#[test]
fn a_cached_build_keeps_the_feeds_an_edit_did_not_reach_and_makes_the_others_again() {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-09-01",
        "topics: [de-an-06]\n",
        "Đầu.\n",
    )
    .article(
        "tin-tuc/b.md",
        "B",
        "2025-09-02",
        "topics: [nghi-dinh-118]\n",
        "Đầu.\n",
    );
    let mut cache = loa::cache::Cache::default();
    let first = loa::build(&site.options(), &mut cache, loa::Destination::Memory).unwrap();
    site.article(
        "tin-tuc/b.md",
        "B",
        "2025-09-02",
        "topics: [nghi-dinh-118]\n",
        "Đoạn đã sửa.\n",
    );
    let second = loa::build(&site.options(), &mut cache, loa::Destination::Memory).unwrap();
    // Kept: the very bytes of the last build, not made again.
    let kept = |file: &str| {
        use loa::render::Body;
        match (&first.outputs[file].body, &second.outputs[file].body) {
            (Body::Bytes(a), Body::Bytes(b)) => std::sync::Arc::ptr_eq(a, b),
            _ => false,
        }
    };
    for file in ["chu-de/de-an-06/rss.xml", "chu-de/de-an-06/feed.json"] {
        assert!(kept(file), "{file} carries only A, which did not change");
    }
    for file in [
        "rss.xml",
        "feed.json",
        "chu-de/nghi-dinh-118/rss.xml",
        "chu-de/nghi-dinh-118/feed.json",
    ] {
        assert!(!kept(file), "{file} carries B, which changed");
        let text = String::from_utf8(second.outputs[file].bytes().unwrap().to_vec()).unwrap();
        assert!(text.contains("Đoạn đã sửa."), "{file} carries B's new text");
    }
    let clean = crate::support::in_memory(&site.options()).unwrap();
    assert_eq!(second.outputs, clean.outputs);
}
