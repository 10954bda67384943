//! The writing desk (`loa desk`) in a real browser (`tests/browser/desk.mjs`): the officer
//! creates, writes, checks, saves, submits, approves and publishes an article without a
//! terminal or YAML; what lands on disk must be the article a hand-written file would be.

use std::path::{Path, PathBuf};

use loa::serve::{ServeOptions, Server};
use loa::yaml::Value;

use crate::support::{browser_tools, preview_options, run_browser_script, Site, NOW};

const TITLE: &str = "Sở Tư pháp tập huấn Nghị định 118 cho công chức một cửa";
const OTHER: &str = "content/tin-tuc/b.md";

/// The table of legal documents, so the editor has a number to mark.
const TABLE: &str = r#"- number: "118/2025/NĐ-CP"
  title: "Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông"
  issuer: "Chính phủ"
  date: 2025-06-09
  url: "https://vanban.chinhphu.vn/"
"#;

#[test]
fn an_article_is_written_checked_approved_and_published_from_the_desk() {
    let Some(node) = browser_tools() else {
        return;
    };
    let portal = tempfile::tempdir().unwrap();
    let site = Site::new();
    site.config_plus(&format!(
        "approval: required\napprovers:\n  - \"Nguyễn Văn An\"\npublish: \"{}\"\n",
        portal.path().display()
    ));
    site.write("data/van-ban.yaml", TABLE);
    site.page("tin-tuc/_index.md", "Tin tức", "", "");
    site.article(
        "tin-tuc/b.md",
        "Bài B",
        "2025-09-02 08:00",
        "unit: van-phong\ntopics: [de-an-06]\n",
        "Nội dung bài B.\n",
    );
    let options = ServeOptions {
        desk: true,
        drafts: true,
        ..preview_options(site.root(), NOW)
    };
    let server = Server::start(options, |_| {}).expect("serve starts");
    let root = site.root().to_str().unwrap();
    run_browser_script(&node, "desk.mjs", &[&server.desk_url(), root, OTHER]);
    drop(server);

    let article = the_new_article(site.root());
    let text = std::fs::read_to_string(&article).unwrap();
    let (front, body) = split(&text);
    let front: Value = loa::yaml::from_str(front).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    let key = |k: &str| front.get(k).unwrap_or_else(|| panic!("no `{k}`:\n{text}"));
    assert_eq!(key("title").as_str(), Some(TITLE), "{text}");
    assert_eq!(key("date").as_str(), Some("2025-11-20 08:00"), "{text}");
    assert_eq!(strings(key("topics")), ["nghi-dinh-118"], "{text}");
    assert_eq!(key("unit").as_str(), Some("van-phong"), "{text}");
    assert!(
        front
            .get("draft")
            .is_none_or(|d| d.as_bool() == Some(false)),
        "published, no longer a draft:\n{text}"
    );
    let approval = key("approval");
    assert_eq!(
        approval.get("state").and_then(Value::as_str),
        Some("approved"),
        "{text}"
    );
    let known = [
        "title",
        "date",
        "topics",
        "tags",
        "unit",
        "channels",
        "summary",
        "image",
        "image_alt",
        "draft",
        "event",
        "approval",
    ];
    for k in front.as_mapping().unwrap().keys() {
        let k = k.as_str().unwrap();
        assert!(known.contains(&k), "unexpected key `{k}`:\n{text}");
    }

    // The body: what was typed, the photo beside the article, the broken link fixed.
    assert!(
        body.starts_with("Theo Nghị định số 118/2025/NĐ-CP, hồ sơ"),
        "{text}"
    );
    assert!(body.contains("Xem thêm x về thủ tục."), "{text}");
    assert!(!body.contains("khong-co.md"), "{text}");
    let photo = body
        .split("![Quang cảnh lớp tập huấn tại hội trường Sở](")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .unwrap_or_else(|| panic!("no photo in the text:\n{text}"));
    let photo_bytes = std::fs::read(article.parent().unwrap().join(photo)).unwrap();
    assert!(
        photo_bytes.starts_with(b"\x89PNG"),
        "the photo is kept as sent"
    );

    // Published: the portal's folder has the article, with the photo.
    let folder = article
        .parent()
        .unwrap()
        .strip_prefix(site.root().join("content"))
        .unwrap()
        .to_path_buf();
    let page = std::fs::read_to_string(portal.path().join(folder.join("index.html"))).unwrap();
    assert!(
        page.contains(TITLE) && page.contains("Quang cảnh lớp tập huấn"),
        "{page}"
    );

    // The conflict: the colleague's edit on disk stayed as written, the desk's never saved.
    let other = site.read_source(OTHER);
    assert!(
        other.contains("Đoạn một đồng nghiệp thêm bằng Notepad."),
        "{other}"
    );
    assert!(!other.contains("Câu viết trên bàn viết bài."), "{other}");
}

/// The bundle the desk made under `content/tin-tuc/` (the photo turned the file into a folder;
/// the Word file imported is another bundle, with its own title).
fn the_new_article(root: &Path) -> PathBuf {
    let section = root.join("content/tin-tuc");
    let found: Vec<PathBuf> = std::fs::read_dir(&section)
        .unwrap()
        .map(|e| e.unwrap().path().join("index.md"))
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains(TITLE)))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one new bundle in {}: {found:?}",
        section.display()
    );
    found.into_iter().next().unwrap()
}

/// The front matter's YAML and the body after it, as loa reads an article.
fn split(text: &str) -> (&str, &str) {
    let rest = text
        .strip_prefix("---\n")
        .unwrap_or_else(|| panic!("no front matter:\n{text}"));
    let end = rest
        .find("\n---\n")
        .unwrap_or_else(|| panic!("front matter not closed:\n{text}"));
    let body = &rest[end + "\n---\n".len()..];
    (&rest[..=end], body.strip_prefix('\n').unwrap_or(body))
}

fn strings(value: &Value) -> Vec<&str> {
    let items = value.as_sequence().expect("a list");
    items.iter().map(|v| v.as_str().expect("text")).collect()
}
