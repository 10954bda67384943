//! The writing desk's server side, over HTTP as the desk's page uses it: what it writes is
//! what a hand-written article would be, and nothing it is asked can write outside
//! `content/`, overwrite another's edit, or come from anyone but the desk's own page.

use std::path::Path;
use std::time::Duration;

use loa::serve::Server;
use serde_json::{json, Value};

use crate::support::{Site, NOW};

/// A desk on a free port over `site`.
fn start(site: &Site) -> Desk {
    let options = loa::serve::ServeOptions {
        desk: true,
        drafts: true,
        ..crate::support::preview_options(site.root(), NOW)
    };
    let server = Server::start(options, |_| {}).expect("the desk starts");
    let url = server.desk_url();
    let shell = agent()
        .get(&url)
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    let secret = shell
        .split("data-secret=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page carries the run's secret")
        .to_string();
    let origin = format!("http://{}", server.addr());
    Desk {
        server,
        url,
        secret,
        origin,
    }
}

struct Desk {
    server: Server,
    url: String,
    secret: String,
    origin: String,
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

impl Desk {
    fn get(&self, route: &str) -> (u16, Value) {
        let mut r = agent().get(&format!("{}{route}", self.url)).call().unwrap();
        let status = r.status().as_u16();
        (
            status,
            serde_json::from_str(&r.body_mut().read_to_string().unwrap_or_default())
                .unwrap_or(Value::Null),
        )
    }

    /// POSTs as the desk's page does: the secret and the preview's origin.
    fn post(&self, route: &str, body: &Value) -> (u16, Value) {
        self.send(
            route,
            body.to_string().as_bytes(),
            &self.secret,
            &self.origin,
            None,
        )
    }

    fn send(
        &self,
        route: &str,
        body: &[u8],
        secret: &str,
        origin: &str,
        host: Option<&str>,
    ) -> (u16, Value) {
        let mut request = agent()
            .post(&format!("{}{route}", self.url))
            .header("X-Loa-Secret", secret)
            .header("Origin", origin);
        if let Some(host) = host {
            request = request.header("Host", host);
        }
        let mut r = request.send(body).unwrap();
        let status = r.status().as_u16();
        (
            status,
            serde_json::from_str(&r.body_mut().read_to_string().unwrap_or_default())
                .unwrap_or(Value::Null),
        )
    }

    fn open(&self, path: &str) -> Value {
        let (status, article) = self.get(&format!("api/article?path={path}"));
        assert_eq!(status, 200, "{article}");
        article
    }
}

fn fixture() -> Site {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "Bài A",
        "2025-09-01 08:00",
        "topics: [par-index]\nslug: bai-a\n",
        "\nĐoạn đầu.\n",
    );
    site
}

/// The article's front matter as loa reads it, and its body.
fn parsed(root: &Path, rel: &str) -> (serde_yaml::Value, String) {
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    let rest = text.strip_prefix("---\n").expect("front matter first");
    let (yaml, body) = rest.split_once("\n---\n").expect("closed front matter");
    (serde_yaml::from_str(yaml).unwrap(), body.to_string())
}

#[test]
fn a_new_article_from_the_form_is_what_a_hand_written_one_would_be() {
    let site = fixture();
    let desk = start(&site);
    let (status, named) = desk.get("api/name?section=tin-tuc&title=H%E1%BB%99i%20ngh%E1%BB%8B%20%C4%91%E1%BB%91i%20tho%E1%BA%A1i");
    assert_eq!(status, 200);
    assert_eq!(named["path"], "content/tin-tuc/hoi-nghi-doi-thoai.md");
    assert_eq!(named["exists"], false);
    let fields = json!({
        "title": "Hội nghị đối thoại: \"một cửa\"",
        "section": "tin-tuc",
        "date": "2025-11-20T08:30",
        "topics": ["par-index", "nghi-dinh-118"],
        "tags": ["Hội nghị"],
        "unit": "",
        "channels": [],
        "summary": "Tóm tắt ngắn.",
        "featured": true,
    });
    let (status, made) = desk.post(
        "api/new",
        &json!({ "fields": fields, "body": "Đoạn một.\n" }),
    );
    assert_eq!(status, 201, "{made}");
    let path = made["path"].as_str().unwrap();
    assert_eq!(path, "content/tin-tuc/hoi-nghi-doi-thoai-mot-cua.md");
    let (front, body) = parsed(site.root(), path);
    assert_eq!(front["title"], "Hội nghị đối thoại: \"một cửa\"");
    assert_eq!(front["date"], "2025-11-20 08:30");
    assert_eq!(
        front["topics"],
        serde_yaml::to_value(["par-index", "nghi-dinh-118"]).unwrap()
    );
    assert_eq!(front["tags"], serde_yaml::to_value(["Hội nghị"]).unwrap());
    assert_eq!(
        front["draft"], true,
        "a new article is a draft, as with loa new"
    );
    assert_eq!(front["featured"], true, "the home page may lead with it");
    assert_eq!(desk.open(path)["fields"]["featured"], true);
    assert_eq!(body, "\nĐoạn một.\n");
    // The same title again would overwrite it: refused, the file untouched.
    let before = std::fs::read(site.root().join(path)).unwrap();
    let (status, _) = desk.post("api/new", &json!({ "fields": fields, "body": "Khác.\n" }));
    assert_eq!(status, 409);
    assert_eq!(std::fs::read(site.root().join(path)).unwrap(), before);
    // And loa builds it as any article (drafts on).
    let built = loa::build(
        &loa::Options {
            drafts: true,
            ..site.options()
        },
        &mut loa::cache::Cache::default(),
        loa::Destination::Memory,
    )
    .expect("builds");
    assert!(built
        .outputs
        .contains_key("tin-tuc/hoi-nghi-doi-thoai-mot-cua/index.html"));
}

#[test]
fn saving_keeps_the_keys_the_form_does_not_show_and_leaves_no_temporary_file() {
    let site = fixture();
    let desk = start(&site);
    let mut article = desk.open("content/tin-tuc/a.md");
    assert_eq!(article["fields"]["title"], "Bài A");
    assert_eq!(article["fields"]["date"], "2025-09-01T08:00");
    assert_eq!(article["extra"], "slug: bai-a\n");
    assert_eq!(article["body"], "Đoạn đầu.\n");
    article["fields"]["summary"] = json!("Mới.");
    article["body"] = json!("Đoạn đầu, đã sửa.\n");
    let (status, saved) = desk.post("api/save", &article);
    assert_eq!(status, 200, "{saved}");
    let (front, body) = parsed(site.root(), "content/tin-tuc/a.md");
    assert_eq!(front["slug"], "bai-a");
    assert_eq!(front["summary"], "Mới.");
    assert_eq!(body, "\nĐoạn đầu, đã sửa.\n");
    let names: Vec<String> = std::fs::read_dir(site.root().join("content/tin-tuc"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.md"], "only the article, no temporary file");
    // The new version lets the page save again.
    article["version"] = saved["version"].clone();
    article["body"] = json!("Lần hai.\n");
    assert_eq!(desk.post("api/save", &article).0, 200);
}

#[test]
fn windows_line_ends_stay_windows_line_ends() {
    let site = Site::new();
    site.write(
        "content/tin-tuc/w.md",
        "---\r\ntitle: \"W\"\r\ndate: 2025-09-01\r\n---\r\n\r\nMột.\r\nHai.\r\n",
    );
    let desk = start(&site);
    let mut article = desk.open("content/tin-tuc/w.md");
    assert_eq!(article["body"], "Một.\nHai.\n");
    article["body"] = json!("Một.\nHai.\nBa.\n");
    assert_eq!(desk.post("api/save", &article).0, 200);
    let text = std::fs::read_to_string(site.root().join("content/tin-tuc/w.md")).unwrap();
    assert!(
        text.ends_with("\r\n\r\nMột.\r\nHai.\r\nBa.\r\n"),
        "{text:?}"
    );
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
}

#[test]
fn an_edit_made_on_disk_meanwhile_is_shown_and_never_overwritten() {
    let site = fixture();
    let desk = start(&site);
    let mut article = desk.open("content/tin-tuc/a.md");
    // A colleague edits the file on the shared folder.
    let theirs = "---\ntitle: \"Bài A\"\ndate: 2025-09-01 08:00\n---\n\nBản của đồng nghiệp.\n";
    site.write("content/tin-tuc/a.md", theirs);
    article["body"] = json!("Bản của tôi.\n");
    let (status, conflict) = desk.post("api/save", &article);
    assert_eq!(status, 409, "{conflict}");
    assert_eq!(conflict["disk"]["body"], "Bản của đồng nghiệp.\n");
    assert_eq!(conflict["disk_text"], theirs);
    let on_disk = std::fs::read_to_string(site.root().join("content/tin-tuc/a.md")).unwrap();
    assert_eq!(on_disk, theirs, "nothing written");
    // Choosing to overwrite is a save against the disk's version.
    article["version"] = conflict["disk"]["version"].clone();
    assert_eq!(desk.post("api/save", &article).0, 200);
    let (_, body) = parsed(site.root(), "content/tin-tuc/a.md");
    assert_eq!(body, "\nBản của tôi.\n");
}

#[test]
fn writes_without_the_secret_from_another_origin_or_host_or_outside_content_are_refused() {
    let site = fixture();
    let desk = start(&site);
    let article = desk.open("content/tin-tuc/a.md");
    let before = std::fs::read(site.root().join("content/tin-tuc/a.md")).unwrap();
    let mut edited = article.clone();
    edited["body"] = json!("Bị ghi đè!\n");
    let body = edited.to_string();
    let (s, o) = (desk.secret.as_str(), desk.origin.as_str());
    let evil_host = format!("evil.example:{}", desk.server.addr().port());
    let refused = [
        (
            "no secret",
            desk.send("api/save", body.as_bytes(), "", o, None).0,
        ),
        (
            "wrong secret",
            desk.send("api/save", body.as_bytes(), "00", o, None).0,
        ),
        (
            "other origin",
            desk.send("api/save", body.as_bytes(), s, "http://evil.example", None)
                .0,
        ),
        (
            "other host",
            desk.send("api/save", body.as_bytes(), s, o, Some(&evil_host))
                .0,
        ),
    ];
    for (what, status) in refused {
        assert!(status == 403 || status == 421, "{what}: {status}");
    }
    for path in [
        "content/../config.yaml",
        "config.yaml",
        "content/tin-tuc/a.txt",
        "/etc/passwd",
        "content\\tin-tuc\\a.md",
        "static/x.md",
    ] {
        let mut outside = edited.clone();
        outside["path"] = json!(path);
        let (status, reply) = desk.post("api/save", &outside);
        assert_eq!(status, 400, "{path}: {reply}");
        let (status, _) = desk.post(
            "api/new",
            &json!({"fields": {"title": "x", "section": "../.."}}),
        );
        assert_ne!(status, 201, "a section cannot climb out");
    }
    let (status, _) = desk.get("api/article?path=content/../config.yaml");
    assert_eq!(status, 400);
    assert_eq!(
        std::fs::read(site.root().join("content/tin-tuc/a.md")).unwrap(),
        before
    );
    assert!(!site.root().join("x.md").exists());
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_in_content_is_not_followed() {
    let site = fixture();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("b.md"), "---\ntitle: \"B\"\n---\n").unwrap();
    std::os::unix::fs::symlink(outside.path(), site.root().join("content/ngoai")).unwrap();
    let desk = start(&site);
    let (status, _) = desk.get("api/article?path=content/ngoai/b.md");
    assert_eq!(status, 400);
}

#[test]
fn the_preview_shows_the_unsaved_page_with_its_problems_on_the_editors_lines() {
    let site = fixture();
    site.write(
        "data/van-ban.yaml",
        "- number: \"118/2025/NĐ-CP\"\n  title: \"Nghị định về một cửa\"\n  date: 2025-06-04\n  url: \"https://vbpl.vn/118\"\n",
    );
    let desk = start(&site);
    let mut article = desk.open("content/tin-tuc/a.md");
    article["body"] = json!("Dòng một.\n\nTheo Nghị định 118/2025/NĐ-CP.\n\n[hỏng](khong-co.md)\n");
    article["fields"]["topics"] = json!(["khong-co-chu-de"]);
    let (status, preview) = desk.post("api/preview", &article);
    assert_eq!(status, 200, "{preview}");
    let html = preview["html"].as_str().expect("a page");
    let page = scraper::Html::parse_document(html);
    let base = scraper::Selector::parse("head > base").unwrap();
    assert_eq!(
        page.select(&base).next().unwrap().value().attr("href"),
        Some(format!("{}/cchc/tin-tuc/bai-a/", desk.origin).as_str())
    );
    let p = scraper::Selector::parse("main p").unwrap();
    let texts: Vec<String> = page.select(&p).map(|e| e.text().collect()).collect();
    assert!(texts.iter().any(|t| t == "Dòng một."), "{texts:?}");
    let problems = preview["problems"].as_array().unwrap();
    let link = problems
        .iter()
        .find(|p| p["message"].as_str().unwrap().contains("khong-co.md"));
    let link = link.expect("the broken link is listed");
    assert_eq!(
        (link["line"].as_u64(), link["col"].as_u64()),
        (Some(5), Some(1))
    );
    let topic = problems
        .iter()
        .find(|p| p["field"] == "topics")
        .expect("the topic");
    assert_eq!(topic["line"], 0);
    // The legal number, as JavaScript counts in the editor's text.
    let body: Vec<u16> = article["body"].as_str().unwrap().encode_utf16().collect();
    let cites = preview["citations"].as_array().unwrap();
    assert_eq!(cites.len(), 1, "{preview}");
    let (start, end) = (
        cites[0]["start"].as_u64().unwrap(),
        cites[0]["end"].as_u64().unwrap(),
    );
    let marked = String::from_utf16(&body[start as usize..end as usize]).unwrap();
    assert_eq!(marked, "Nghị định 118/2025/NĐ-CP");
    // Nothing was written, and the served site still shows the saved text.
    let (_, body) = parsed(site.root(), "content/tin-tuc/a.md");
    assert_eq!(body, "\nĐoạn đầu.\n");
}

#[test]
fn a_photo_turns_a_single_file_article_into_a_bundle_and_lands_beside_it() {
    let site = fixture();
    let desk = start(&site);
    let photo = crate::support::photo(64, 48);
    let route = "api/photo?path=content/tin-tuc/a.md&name=IMG%201234.JPG";
    let (status, placed) = desk.send(route, &photo, &desk.secret, &desk.origin, None);
    assert_eq!(status, 200, "{placed}");
    assert_eq!(placed["path"], "content/tin-tuc/a/index.md");
    assert_eq!(placed["src"], "img-1234.jpg");
    assert!(!site.root().join("content/tin-tuc/a.md").exists());
    assert!(site.root().join("content/tin-tuc/a/img-1234.jpg").is_file());
    // Its page keeps its address, and shows the photo once the text links it.
    let mut article = desk.open("content/tin-tuc/a/index.md");
    article["body"] = json!("![Lãnh đạo Sở phát biểu](img-1234.jpg)\n");
    let (_, preview) = desk.post("api/preview", &article);
    let page = scraper::Html::parse_document(preview["html"].as_str().unwrap());
    let img = scraper::Selector::parse("main img").unwrap();
    let img = page.select(&img).next().expect("the photo");
    assert_eq!(img.value().attr("alt"), Some("Lãnh đạo Sở phát biểu"));
    // A second photo of the same name does not replace the first; text is not a photo.
    let route = "api/photo?path=content/tin-tuc/a/index.md&name=IMG%201234.JPG";
    let (_, again) = desk.send(route, &photo, &desk.secret, &desk.origin, None);
    assert_eq!(again["src"], "img-1234-2.jpg");
    let (status, _) = desk.send(route, b"<script>", &desk.secret, &desk.origin, None);
    assert_eq!(status, 415);
}

#[test]
fn submit_approve_and_publish_to_a_folder_from_the_desk() {
    let site = fixture();
    let target = tempfile::tempdir().unwrap();
    site.config_plus(&format!(
        "approval: required\napprovers:\n  - \"Nguyễn Văn An\"\npublish: \"{}\"\n",
        target.path().display()
    ));
    let desk = start(&site);
    let state = |desk: &Desk| {
        let (_, list) = desk.get("api/articles");
        list["articles"][0]["state"].as_str().unwrap().to_string()
    };
    assert_eq!(state(&desk), "draft");
    let path = json!({ "path": "content/tin-tuc/a.md" });
    let (status, submitted) = desk.post("api/submit", &path);
    assert_eq!(status, 200, "{submitted}");
    assert_eq!(state(&desk), "submitted");
    let (status, approved) = desk.post("api/approve", &path);
    assert_eq!(status, 200, "{approved}");
    assert_eq!(approved["state_label"], "Đã duyệt, chờ đăng");
    assert_eq!(desk.open("content/tin-tuc/a.md")["state"], "approved");
    assert_eq!(state(&desk), "approved");
    let (status, plan) = desk.get("api/publish/plan");
    assert_eq!(status, 200, "{plan}");
    let added: Vec<&str> = plan["added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(added.contains(&"tin-tuc/bai-a/index.html"), "{plan}");
    assert!(plan["bytes"].as_u64().unwrap() > 0);
    assert!(
        !target.path().join("tin-tuc/bai-a/index.html").exists(),
        "a plan sends nothing"
    );
    assert_eq!(desk.post("api/publish", &json!({})).0, 202);
    let progress = (0..200)
        .find_map(|_| {
            std::thread::sleep(Duration::from_millis(50));
            let (_, p) = desk.get("api/publish/progress");
            (p["finished"] == true).then_some(p)
        })
        .expect("the publish finishes");
    assert_eq!(progress["ok"], true, "{progress}");
    assert_eq!(progress["done"], progress["total"]);
    assert!(target.path().join("tin-tuc/bai-a/index.html").is_file());
    assert_eq!(state(&desk), "published");
}

#[test]
fn the_desk_is_only_where_it_was_asked_for() {
    let site = fixture();
    let server = Server::start(crate::support::preview_options(site.root(), NOW), |_| {}).unwrap();
    let r = agent()
        .get(&format!("{}__loa/desk/api/site", server.url()))
        .call()
        .unwrap();
    assert_eq!(
        r.status().as_u16(),
        404,
        "serve without the desk has no desk"
    );
}

#[test]
fn loa_desk_prints_one_line_and_serves_the_desk() {
    use std::io::BufRead;
    let site = fixture();
    let mut child = crate::support::loa_command(site.root(), NOW)
        .args(["ban-soan", "--port", "0", "--no-open"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .map(str::to_string);
    let served = url
        .as_ref()
        .map(|u| agent().get(u).call().unwrap().status().as_u16());
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(line.contains("Ctrl-C"), "{line}");
    let url = url.expect("the address");
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with("/cchc/__loa/desk/"),
        "{url}"
    );
    assert_eq!(served, Some(200));
}

#[test]
fn loa_alone_outside_a_site_prints_the_help() {
    let empty = tempfile::tempdir().unwrap();
    let out = crate::support::loa_command(empty.path(), NOW)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("desk"));
}

#[test]
fn the_desk_answers_this_machine_only_even_when_the_preview_is_open_to_the_network() {
    let Some(lan) = loa::serve::review::lan_address() else {
        println!("skipped: this machine has no network address to ask from");
        return;
    };
    let site = fixture();
    let options = loa::serve::ServeOptions {
        desk: true,
        bind: [0, 0, 0, 0].into(),
        ..crate::support::preview_options(site.root(), NOW)
    };
    let server = Server::start(options, |_| {}).expect("the desk starts");
    let port = server.addr().port();
    let host = match lan {
        std::net::IpAddr::V6(v6) => format!("[{v6}]:{port}"),
        v4 => format!("{v4}:{port}"),
    };
    // The site itself answers at the network address; the desk does not.
    let site_page = agent().get(&format!("http://{host}/cchc/")).call().unwrap();
    assert_eq!(site_page.status().as_u16(), 200);
    let desk = agent()
        .get(&format!("http://{host}/cchc/__loa/desk/api/site"))
        .call()
        .unwrap();
    assert_eq!(desk.status().as_u16(), 403);
    let local = agent()
        .get(&format!("{}api/site", server.desk_url()))
        .call()
        .unwrap();
    assert_eq!(local.status().as_u16(), 200);
}

#[test]
fn the_desks_page_runs_only_its_own_script() {
    let site = fixture();
    let desk = start(&site);
    let r = agent().get(&desk.url).call().unwrap();
    let policy = r
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    for part in [
        "script-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ] {
        assert!(policy.contains(part), "{policy}");
    }
}

#[test]
fn a_dropped_word_file_becomes_a_draft_with_notes_worded_for_the_desk() {
    let site = fixture();
    let desk = start(&site);
    let docx = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx/python-docx.docx"),
    )
    .unwrap();
    let (status, made) = desk.send(
        "api/import?name=Tap%20huan.docx",
        &docx,
        &desk.secret,
        &desk.origin,
        None,
    );
    assert_eq!(status, 201, "{made}");
    let path = made["path"].as_str().unwrap();
    assert!(
        path.starts_with("content/tin-tuc/") && path.ends_with("/index.md"),
        "{path}"
    );
    assert!(site.root().join(path).is_file());
    let notes: Vec<&str> = (made["notes"].as_array().unwrap().iter())
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(
        notes.iter().any(|n| n.contains("Thông tin bài")),
        "{notes:?}"
    );
    assert!(notes.iter().all(|n| !n.contains("loa serve")), "{notes:?}");
    // Its editor opens it, and nothing of the upload is left behind.
    assert_eq!(desk.open(path)["fields"]["draft"], true);
    let left: Vec<_> = std::fs::read_dir(site.root().join(".loa-cache/desk"))
        .map(|d| d.flatten().collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
}
