//! `loa publish` against a real OpenSSH server on loopback: the sample site goes up, edits
//! follow, the remote tree always equals `output/`; interrupted and failing publishes leave
//! a consistent target that the next publish completes; every error is explained.
//!
//! Each test starts its own `sshd` (Debian's openssh-server) on a free port, with host and
//! client keys made by `ssh-keygen` in a temporary folder. Without sshd the tests print why
//! they skip; under `LOA_FULL_TESTS=1` (CI) they fail instead.

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use loa::publish::{self, Kind, Login, Remote, Target, MANIFEST, PROGRESS};

use crate::support::{files_under, loa_command, options, sample_root, SAMPLE_NOW};

const SSHD: &str = "/usr/sbin/sshd";

/// `sshd` and `ssh-keygen`, or `None` after printing why the test is skipped.
fn sshd_tools() -> Option<()> {
    let keygen = Command::new("ssh-keygen").arg("-?").output().is_ok();
    let missing = if !Path::new(SSHD).exists() {
        Some("sshd is not installed (apt-get install -y openssh-server)")
    } else if !keygen {
        Some("ssh-keygen is not installed (apt-get install -y openssh-client)")
    } else {
        None
    };
    match missing {
        None => Some(()),
        Some(reason) if std::env::var("LOA_FULL_TESTS").as_deref() == Ok("1") => {
            panic!("LOA_FULL_TESTS=1 but {reason}")
        }
        Some(reason) => {
            eprintln!("skipped: {reason}; CI runs this test (LOA_FULL_TESTS=1)");
            None
        }
    }
}

/// An sshd of its own on 127.0.0.1, serving SFTP into `target`.
struct Server {
    dir: tempfile::TempDir,
    port: u16,
    user: String,
    child: Child,
}

impl Server {
    fn start() -> Option<Server> {
        sshd_tools()?;
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().to_path_buf();
        for key in ["host_key", "client_key", "other_key"] {
            keygen(&d.join(key));
        }
        std::fs::copy(d.join("client_key.pub"), d.join("authorized_keys")).unwrap();
        std::fs::create_dir(d.join("target")).unwrap();
        // sshd refuses to start without its privilege-separation folder.
        std::fs::create_dir_all("/run/sshd").ok();
        let port = free_port();
        let config = format!(
            "ListenAddress 127.0.0.1\nPort {port}\nHostKey {d}/host_key\n\
             AuthorizedKeysFile {d}/authorized_keys\nPidFile {d}/sshd.pid\nUsePAM no\n\
             StrictModes no\nPermitRootLogin prohibit-password\nPasswordAuthentication no\n\
             Subsystem sftp internal-sftp\n",
            d = d.display()
        );
        std::fs::write(d.join("sshd_config"), config).unwrap();
        let child = Command::new(SSHD)
            .args(["-D", "-e", "-f"])
            .arg(d.join("sshd_config"))
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(d.join("sshd.log")).unwrap())
            .spawn()
            .expect("start sshd");
        let server = Server {
            dir,
            port,
            user: current_user(),
            child,
        };
        server.wait_until_listening();
        // A known_hosts that trusts this server, as after a first `--accept-host-key`.
        let host_key = std::fs::read_to_string(d.join("host_key.pub")).unwrap();
        let line = format!("[127.0.0.1]:{port} {}", host_key.trim());
        std::fs::write(d.join("known_hosts"), line + "\n").unwrap();
        Some(server)
    }

    fn wait_until_listening(&self) {
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "sshd did not start:\n{}",
                std::fs::read_to_string(self.path("sshd.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn target_dir(&self) -> PathBuf {
        self.path("target")
    }

    fn url(&self) -> String {
        format!(
            "sftp://{}@127.0.0.1:{}{}",
            self.user,
            self.port,
            self.target_dir().display()
        )
    }

    fn target(&self) -> Target {
        Target::parse(&self.url()).unwrap()
    }

    fn login(&self) -> Login {
        publish::login(
            Some(&self.path("client_key")),
            Some(&self.path("known_hosts")),
            false,
        )
    }

    /// `loa publish` with this server's key and known_hosts, plus `extra` arguments.
    fn publish(&self, site: &Path, extra: &[&str]) -> Output {
        self.publish_with_key(site, &self.path("client_key"), extra)
    }

    fn publish_with_key(&self, site: &Path, key: &Path, extra: &[&str]) -> Output {
        let mut args = vec![
            "publish".to_string(),
            "--target".into(),
            self.url(),
            "--identity".into(),
            key.display().to_string(),
            "--known-hosts".into(),
            self.path("known_hosts").display().to_string(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        loa(site, &args)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn keygen(path: &Path) {
    keygen_of_type(path, "ed25519");
}

fn keygen_of_type(path: &Path, kind: &str) {
    let status = Command::new("ssh-keygen")
        .args(["-q", "-t", kind, "-N", "", "-f"])
        .arg(path)
        .status()
        .expect("ssh-keygen");
    assert!(status.success());
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

fn current_user() -> String {
    let out = Command::new("id").arg("-un").output().expect("id -un");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Runs the `loa` binary on a site at the sample's "now".
fn loa(site: &Path, args: &[String]) -> Output {
    loa_command(site, SAMPLE_NOW)
        .args(args)
        .output()
        .expect("run loa")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A copy of the repository's sample site, free to edit, with its photos already resized
/// (resizing them again in every test would take most of the time).
fn sample_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let warm = warm_sample();
    std::fs::copy(warm.join("config.yaml"), dir.path().join("config.yaml")).unwrap();
    copy_folder(&warm.join("content"), &dir.path().join("content"));
    copy_folder(&warm.join("data"), &dir.path().join("data"));
    copy_folder(&warm.join(".loa-cache"), &dir.path().join(".loa-cache"));
    dir
}

/// The sample site copied once per test run and built once, for its `.loa-cache/`.
fn warm_sample() -> &'static Path {
    static WARM: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    WARM.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("publish-sample");
        let _ = std::fs::remove_dir_all(&dir);
        let repo = sample_root();
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(repo.join("config.yaml"), dir.join("config.yaml")).unwrap();
        copy_folder(&repo.join("content"), &dir.join("content"));
        // The menus of config.yaml lead to the list of documents `data/` makes.
        copy_folder(&repo.join("data"), &dir.join("data"));
        build(&dir);
        dir
    })
}

fn copy_folder(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

const FOREIGN: &str = "lien-ket-cu/van-ban-cua-it.pdf";

/// The target holds exactly `output/` (every file, byte for byte), loa's manifest, and the
/// file someone else put there; no temporary file, no progress record.
fn assert_mirrors(site: &Path, target: &Path) {
    let mut expected = files_under(&site.join("output"));
    expected.remove(loa::write::MANIFEST);
    let mut found = files_under(target);
    assert!(found.remove(MANIFEST).is_some(), "the manifest is there");
    assert_eq!(
        found.remove(FOREIGN).as_deref(),
        Some(&b"%PDF cua bo phan CNTT"[..]),
        "the file loa did not publish is untouched"
    );
    let extra: Vec<&String> = found
        .keys()
        .filter(|k| !expected.contains_key(*k))
        .collect();
    let missing: Vec<&String> = expected
        .keys()
        .filter(|k| !found.contains_key(*k))
        .collect();
    assert!(
        extra.is_empty() && missing.is_empty(),
        "extra {extra:?}, missing {missing:?}"
    );
    for (path, bytes) in &expected {
        assert!(found[path] == *bytes, "{path} differs from output/");
    }
}

fn put_foreign_file(target: &Path) {
    let path = target.join(FOREIGN);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, "%PDF cua bo phan CNTT").unwrap();
}

/// Edits one article, deletes another, adds a third.
fn edit_delete_add(site: &Path) -> (&'static str, &'static str, &'static str) {
    let content = site.join("content/tin-tuc");
    let edited = content.join("papi-lang-nghe-trai-nghiem-nguoi-dan.md");
    let mut text = std::fs::read_to_string(&edited).unwrap();
    text.push_str("\nBài viết được cập nhật thêm một đoạn.\n");
    std::fs::write(&edited, text).unwrap();
    std::fs::remove_file(content.join("chi-so-xanh-pgi-va-nganh-tu-phap.md")).unwrap();
    std::fs::write(
        content.join("bai-moi-dang-sau.md"),
        "---\ntitle: \"Bài mới đăng sau\"\ndate: 2025-12-20 08:00\ntopics: [papi]\nunit: phong-pbgdpl\nsummary: \"Một bài mới.\"\n---\n\nNội dung bài mới.\n",
    )
    .unwrap();
    (
        "tin-tuc/papi-lang-nghe-trai-nghiem-nguoi-dan/index.html",
        "tin-tuc/chi-so-xanh-pgi-va-nganh-tu-phap/index.html",
        "tin-tuc/bai-moi-dang-sau/index.html",
    )
}

#[test]
fn the_sample_site_goes_up_whole_then_only_changes_travel() {
    let Some(server) = Server::start() else {
        return;
    };
    let site = sample_site();
    put_foreign_file(&server.target_dir());

    let first = server.publish(site.path(), &[]);
    assert!(first.status.success(), "{}", text(&first));
    assert_mirrors(site.path(), &server.target_dir());

    let (edited, deleted, added) = edit_delete_add(site.path());
    let before = files_under(&server.target_dir());
    let dry = server.publish(site.path(), &["--dry-run"]);
    assert!(dry.status.success(), "{}", text(&dry));
    assert_eq!(
        files_under(&server.target_dir()),
        before,
        "a dry run sends nothing"
    );
    let stdout = String::from_utf8_lossy(&dry.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("  ~ {edited} ("))),
        "{stdout}"
    );
    assert!(
        lines.contains(&format!("  - {deleted}").as_str()),
        "{stdout}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("  + {added} ("))),
        "{stdout}"
    );
    assert!(
        !lines
            .iter()
            .any(|l| l.contains(" style.css") || l.contains(".png") || l.contains(".jpg")),
        "unchanged files (the style sheet, photos) are not listed:\n{stdout}"
    );
    let stderr = String::from_utf8_lossy(&dry.stderr);
    assert!(
        stderr.contains("/cchc/tin-tuc/chi-so-xanh-pgi-va-nganh-tu-phap/: cảnh báo:")
            && stderr.contains("aliases: [\"/tin-tuc/chi-so-xanh-pgi-va-nganh-tu-phap/\"]"),
        "warns that the deleted page vanishes without an alias:\n{stderr}"
    );

    let second = server.publish(site.path(), &[]);
    assert!(second.status.success(), "{}", text(&second));
    assert_mirrors(site.path(), &server.target_dir());
    assert!(!server.target_dir().join(deleted).exists());

    let third = server.publish(site.path(), &[]);
    assert!(
        String::from_utf8_lossy(&third.stdout).contains("không gửi gì"),
        "{}",
        text(&third)
    );
}

#[test]
fn an_alias_keeps_a_renamed_article_s_old_address_and_silences_the_warning() {
    let Some(server) = Server::start() else {
        return;
    };
    let site = sample_site();
    assert!(server.publish(site.path(), &[]).status.success());
    let content = site.path().join("content/tin-tuc");
    let old = content.join("chi-so-xanh-pgi-va-nganh-tu-phap.md");
    let text_of = std::fs::read_to_string(&old).unwrap();
    std::fs::remove_file(&old).unwrap();
    let moved = text_of.replacen(
        "---\n",
        "---\naliases: [\"/tin-tuc/chi-so-xanh-pgi-va-nganh-tu-phap/\"]\n",
        1,
    );
    std::fs::write(content.join("chi-so-xanh-pgi.md"), moved).unwrap();

    let dry = server.publish(site.path(), &["--dry-run"]);
    assert!(dry.status.success(), "{}", text(&dry));
    assert!(
        !String::from_utf8_lossy(&dry.stderr).contains("cảnh báo"),
        "{}",
        text(&dry)
    );
    assert!(server.publish(site.path(), &[]).status.success());
    let redirect = std::fs::read_to_string(
        server
            .target_dir()
            .join("tin-tuc/chi-so-xanh-pgi-va-nganh-tu-phap/index.html"),
    )
    .unwrap();
    assert!(
        redirect.contains("url=/cchc/tin-tuc/chi-so-xanh-pgi/"),
        "{redirect}"
    );
}

/// Stops a real `loa publish` process with SIGKILL while a site-wide change is going up.
#[test]
fn a_publish_killed_midway_leaves_a_whole_site_and_the_next_one_completes_it() {
    let Some(server) = Server::start() else {
        return;
    };
    let site = sample_site();
    put_foreign_file(&server.target_dir());
    assert!(server.publish(site.path(), &[]).status.success());
    // A new site title changes every page: many files to send, time to cut.
    let config = site.path().join("config.yaml");
    let text_of = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text_of.replacen("title: \"", "title: \"Bản cập nhật ", 1),
    )
    .unwrap();
    edit_delete_add(site.path());
    // A build alone first, so the killed run spends its time sending.
    assert!(loa(site.path(), &["build".into()]).status.success());
    let mut child = loa_command(site.path(), SAMPLE_NOW)
        .args(["publish", "--target", &server.url()])
        .arg("--identity")
        .arg(server.path("client_key"))
        .arg("--known-hosts")
        .arg(server.path("known_hosts"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let target = server.target_dir();
    let started = Instant::now();
    while !(target.join(PROGRESS).exists() && pages_with(&target, "Bản cập nhật") >= 5) {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the publish ended before it could be interrupted"
        );
        assert!(started.elapsed() < Duration::from_secs(60));
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        target.join(PROGRESS).exists(),
        "the progress record says the publish is unfinished"
    );
    let (sent, all) = (
        pages_with(&target, "Bản cập nhật"),
        pages_with(&site.path().join("output"), "Bản cập nhật"),
    );
    assert!(sent < all, "cut midway: {sent} of {all} pages sent");
    assert_links_work(&target);

    let next = server.publish(site.path(), &[]);
    assert!(next.status.success(), "{}", text(&next));
    assert!(
        String::from_utf8_lossy(&next.stdout).contains("bị ngắt giữa chừng"),
        "{}",
        text(&next)
    );
    assert_mirrors(site.path(), &target);
}

/// How many HTML files under `dir` contain `needle`.
fn pages_with(dir: &Path, needle: &str) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".html"))
        .filter(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains(needle)))
        .count()
}

/// Every internal link of every page reachable from the home page, the feed and the
/// sitemap leads to a file that is on the target.
fn assert_links_work(target: &Path) {
    use scraper::{Html, Selector};
    let links = Selector::parse("a[href], link[href], img[src], script[src]").unwrap();
    let mut queue = vec!["index.html".to_string()];
    let mut seen = std::collections::BTreeSet::new();
    while let Some(file) = queue.pop() {
        if !seen.insert(file.clone()) {
            continue;
        }
        let html = std::fs::read_to_string(target.join(&file))
            .unwrap_or_else(|_| panic!("{file} is linked but missing"));
        let html = Html::parse_document(&html);
        for element in html.select(&links) {
            let url = element
                .value()
                .attr("href")
                .or(element.value().attr("src"))
                .unwrap_or_default();
            let Some(path) = crate::support::linked_file(url) else {
                continue;
            };
            assert!(
                target.join(&path).is_file(),
                "{file} links to {path}, which is not on the target"
            );
            if path.ends_with(".html") {
                queue.push(path);
            }
        }
    }
}

/// A target that fails every write from the `after`-th on, the way a server whose disk
/// fills up, or whose folder permissions change, does.
struct Faulty {
    inner: Box<dyn Remote>,
    writes_before_fault: usize,
    fault: io::ErrorKind,
}

impl Remote for Faulty {
    fn read(&mut self, path: &str) -> io::Result<Option<Vec<u8>>> {
        self.inner.read(path)
    }
    fn list(&mut self, folder: &str) -> io::Result<Vec<String>> {
        self.inner.list(folder)
    }
    fn create_folder(&mut self, folder: &str) -> io::Result<()> {
        self.inner.create_folder(folder)
    }
    fn create(&mut self, path: &str, bytes: &[u8]) -> io::Result<()> {
        if self.writes_before_fault == 0 {
            return Err(io::Error::new(self.fault, "injected"));
        }
        self.writes_before_fault -= 1;
        self.inner.create(path, bytes)
    }
    fn rename(&mut self, from: &str, to: &str) -> io::Result<()> {
        self.inner.rename(from, to)
    }
    fn remove(&mut self, path: &str) -> io::Result<()> {
        self.inner.remove(path)
    }
    fn remove_folder(&mut self, folder: &str) -> io::Result<()> {
        self.inner.remove_folder(folder)
    }
    fn kinds(&mut self, paths: &[String]) -> io::Result<Vec<Kind>> {
        self.inner.kinds(paths)
    }
}

fn build(site: &Path) -> loa::Built {
    crate::support::keeping(&options(site, SAMPLE_NOW), &site.join("output"))
        .unwrap()
        .0
}

/// Publishes the sample, edits it, then publishes through a target that fails with `fault`
/// after a few writes; returns the officer's message. Checks that the target stayed whole
/// and that a publish without the fault completes it.
fn fail_midway(fault: io::ErrorKind) -> Option<loa::diag::Diagnostic> {
    let server = Server::start()?;
    let site = sample_site();
    put_foreign_file(&server.target_dir());
    assert!(server.publish(site.path(), &[]).status.success());
    edit_delete_add(site.path());
    let rendered = build(site.path());
    let remote = publish::connect(&server.target(), &server.login()).unwrap();
    let mut faulty = Faulty {
        inner: remote,
        writes_before_fault: 3,
        fault,
    };
    let failure = publish::publish_to(&mut faulty, &rendered.outputs, false).unwrap_err();
    drop(faulty);
    assert_links_work(&server.target_dir());
    let recorded = std::fs::read(server.target_dir().join(MANIFEST)).unwrap();
    assert!(
        publish::Manifest::from_bytes(&recorded).is_some(),
        "the manifest on the target is still valid"
    );
    assert!(server.target_dir().join(PROGRESS).exists());

    let next = server.publish(site.path(), &[]);
    assert!(next.status.success(), "{}", text(&next));
    assert_mirrors(site.path(), &server.target_dir());
    Some(failure.diagnostic(&server.target(), &server.login()))
}

#[test]
fn a_full_disk_midway_is_explained_and_the_next_publish_completes_the_site() {
    let Some(d) = fail_midway(io::ErrorKind::StorageFull) else {
        return;
    };
    assert_eq!(d.message, "ổ đĩa của nơi đăng đã đầy");
    let hint = d.hint.unwrap();
    assert!(hint.contains("giải phóng dung lượng") && hint.contains("chạy lại `loa publish`"));
    assert!(
        d.path.to_string_lossy().starts_with("sftp://"),
        "names the file: {}",
        d.path.display()
    );
}

#[test]
fn permission_denied_midway_names_the_user_and_the_next_publish_completes_the_site() {
    let Some(d) = fail_midway(io::ErrorKind::PermissionDenied) else {
        return;
    };
    assert_eq!(d.message, "nơi đăng không cho ghi (không đủ quyền)");
    let hint = d.hint.unwrap();
    assert!(
        hint.contains(&format!("cho người dùng {}", current_user())),
        "{hint}"
    );
    assert!(hint.contains("chạy lại `loa publish`"), "{hint}");
}

#[test]
fn an_unknown_server_is_refused_until_its_key_is_accepted() {
    let Some(server) = Server::start() else {
        return;
    };
    let site = sample_site();
    std::fs::write(server.path("known_hosts"), "").unwrap();
    let refused = server.publish(site.path(), &[]);
    assert_eq!(refused.status.code(), Some(1));
    let fingerprint = Command::new("ssh-keygen")
        .arg("-lf")
        .arg(server.path("host_key.pub"))
        .output()
        .unwrap();
    let fingerprint = String::from_utf8_lossy(&fingerprint.stdout);
    let fingerprint = fingerprint.split_whitespace().nth(1).unwrap();
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("chưa từng kết nối tới máy chủ 127.0.0.1") && stderr.contains(fingerprint),
        "shows the server's fingerprint {fingerprint}:\n{stderr}"
    );
    assert!(stderr.contains("--accept-host-key"), "{stderr}");
    assert_eq!(
        files_under(&server.target_dir()).len(),
        0,
        "nothing was sent"
    );

    let accepted = server.publish(site.path(), &["--accept-host-key"]);
    assert!(accepted.status.success(), "{}", text(&accepted));
    let known = std::fs::read_to_string(server.path("known_hosts")).unwrap();
    assert!(
        known.contains(&format!("[127.0.0.1]:{}", server.port)),
        "{known}"
    );
    assert!(
        server.publish(site.path(), &[]).status.success(),
        "remembered"
    );
}

#[test]
fn a_server_whose_key_changed_is_refused() {
    let Some(server) = Server::start() else {
        return;
    };
    let site = sample_site();
    let other = std::fs::read_to_string(server.path("other_key.pub")).unwrap();
    let line = format!("[127.0.0.1]:{} {}\n", server.port, other.trim());
    std::fs::write(server.path("known_hosts"), line).unwrap();
    let out = server.publish(site.path(), &["--accept-host-key"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("khác với khóa đã ghi nhớ") && stderr.contains("dòng 1"),
        "{stderr}"
    );
    assert_eq!(files_under(&server.target_dir()).len(), 0);
}

#[test]
fn a_server_key_of_another_type_than_recorded_is_refused_as_changed_even_with_accept_host_key() {
    let Some(server) = Server::start() else {
        return;
    };
    let site = sample_site();
    // known_hosts knows the server by an ECDSA key; it now offers an Ed25519 one.
    keygen_of_type(&server.path("ecdsa_key"), "ecdsa");
    let ecdsa = std::fs::read_to_string(server.path("ecdsa_key.pub")).unwrap();
    let known = format!(
        "# cổng thông tin\n[127.0.0.1]:{} {}\n",
        server.port,
        ecdsa.trim()
    );
    std::fs::write(server.path("known_hosts"), &known).unwrap();
    let out = server.publish(site.path(), &["--accept-host-key"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("khác với khóa đã ghi nhớ") && stderr.contains("dòng 2"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(server.path("known_hosts")).unwrap(),
        known,
        "the new key is not recorded"
    );
    assert_eq!(files_under(&server.target_dir()).len(), 0);
}

#[test]
fn a_revoked_server_key_is_refused_even_where_another_line_trusts_it() {
    let Some(server) = Server::start() else {
        return;
    };
    let site = sample_site();
    let host_key = std::fs::read_to_string(server.path("host_key.pub")).unwrap();
    let mut known = std::fs::read_to_string(server.path("known_hosts")).unwrap();
    known.push_str(&format!("@revoked * {}\n", host_key.trim()));
    std::fs::write(server.path("known_hosts"), &known).unwrap();
    let out = server.publish(site.path(), &["--accept-host-key"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("đã bị thu hồi") && stderr.contains("dòng @revoked 2"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(server.path("known_hosts")).unwrap(),
        known
    );
    assert_eq!(files_under(&server.target_dir()).len(), 0);
}

/// Someone with access to the server swaps a published folder for a link to elsewhere:
/// the publish names it, sends nothing, and leaves what the link points to alone.
#[cfg(unix)]
#[test]
fn a_link_planted_on_the_server_is_named_and_nothing_outside_changes() {
    let Some(server) = Server::start() else {
        return;
    };
    let site = sample_site();
    assert!(server.publish(site.path(), &[]).status.success());
    let target = server.target_dir();
    let outside = server.path("outside");
    std::fs::rename(target.join("tin-tuc"), &outside).unwrap();
    std::os::unix::fs::symlink(&outside, target.join("tin-tuc")).unwrap();
    let (outside_before, target_before) = (files_under(&outside), files_under(&target));
    edit_delete_add(site.path());

    let out = server.publish(site.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{}/tin-tuc: lỗi", server.url())),
        "names the link: {stderr}"
    );
    assert!(stderr.contains("liên kết tượng trưng"), "{stderr}");
    assert!(stderr.contains("Chưa có gì thay đổi"), "{stderr}");
    assert_eq!(
        files_under(&outside),
        outside_before,
        "nothing written or removed there"
    );
    assert_eq!(files_under(&target), target_before, "nothing sent");
}

#[test]
fn a_key_the_server_does_not_know_is_refused_with_what_to_send_it() {
    let Some(server) = Server::start() else {
        return;
    };
    let site = sample_site();
    let other = server.path("other_key");
    let out = server.publish_with_key(site.path(), &other, &[]);
    let other = other.display().to_string();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "không nhận khóa đăng nhập của người dùng {}",
            server.user
        )) && stderr.contains(&other),
        "{stderr}"
    );
    assert!(
        stderr.contains(".pub") && stderr.contains("bộ phận CNTT"),
        "{stderr}"
    );
    assert_eq!(files_under(&server.target_dir()).len(), 0);
}

#[test]
fn an_unreachable_server_is_explained() {
    let Some(server) = Server::start() else {
        return;
    };
    let site = sample_site();
    let closed = free_port();
    let target = format!("sftp://{}@127.0.0.1:{closed}/srv/cchc", server.user);
    let out = loa(
        site.path(),
        &[
            "publish".into(),
            "--target".into(),
            target,
            "--known-hosts".into(),
            server.path("known_hosts").display().to_string(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "không kết nối được tới máy chủ 127.0.0.1 cổng {closed}"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("kiểm tra mạng"), "{stderr}");
    assert!(stderr.contains("Chưa đăng xong: 1 lỗi."), "{stderr}");
}

#[test]
fn a_failed_build_publishes_nothing() {
    let Some(server) = Server::start() else {
        return;
    };
    let site = sample_site();
    std::fs::write(
        site.path().join("content/tin-tuc/hong.md"),
        "---\ntitle: \"Hỏng\"\n---\nthiếu ngày\n",
    )
    .unwrap();
    let out = server.publish(site.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("content/tin-tuc/hong.md"),
        "{}",
        text(&out)
    );
    assert_eq!(files_under(&server.target_dir()).len(), 0);
}

#[test]
fn the_zip_holds_the_output_and_the_manifest() {
    let site = sample_site();
    let file = site.path().join("trang.zip");
    let out = loa(
        site.path(),
        &["publish".into(), "--zip".into(), file.display().to_string()],
    );
    assert!(out.status.success(), "{}", text(&out));
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
    let mut expected = files_under(&site.path().join("output"));
    expected.remove(loa::write::MANIFEST);
    let mut names: Vec<String> = archive.file_names().map(str::to_string).collect();
    names.sort();
    let mut wanted: Vec<String> = expected.keys().cloned().collect();
    wanted.push(MANIFEST.into());
    wanted.sort();
    assert_eq!(names, wanted);
    for (path, bytes) in &expected {
        let mut found = Vec::new();
        io::Read::read_to_end(&mut archive.by_name(path).unwrap(), &mut found).unwrap();
        assert!(found == *bytes, "{path}");
    }
    let again = loa(
        site.path(),
        &["publish".into(), "--zip".into(), file.display().to_string()],
    );
    assert_eq!(again.status.code(), Some(1), "an existing zip is kept");
}

/// An RSA key the server would accept, in the new OpenSSH form or the old PEM form.
#[cfg(not(feature = "rsa"))]
fn keygen_rsa(path: &Path, pem: bool) {
    let form: &[&str] = if pem { &["-m", "PEM"] } else { &[] };
    let status = Command::new("ssh-keygen")
        .args(["-q", "-t", "rsa", "-b", "2048", "-N", ""])
        .args(form)
        .arg("-f")
        .arg(path)
        .status()
        .expect("ssh-keygen");
    assert!(status.success());
}

#[cfg(not(feature = "rsa"))]
fn assert_rsa_key_named(out: &Output, key: &Path, target: &Path) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let named = format!("tệp khóa {} là khóa RSA", key.display());
    assert!(stderr.contains(&named), "{stderr}");
    assert!(stderr.contains("ssh-keygen -t ed25519"), "{stderr}");
    assert_eq!(files_under(target).len(), 0);
}

#[cfg(not(feature = "rsa"))]
#[test]
fn an_rsa_key_is_named_and_refused_in_a_build_without_the_rsa_feature() {
    let Some(server) = Server::start() else {
        return;
    };
    let site = sample_site();
    for (name, pem) in [("rsa_key", false), ("rsa_pem_key", true)] {
        let key = server.path(name);
        keygen_rsa(&key, pem);
        let public = std::fs::read_to_string(server.path(&format!("{name}.pub"))).unwrap();
        let mut authorized = std::fs::read_to_string(server.path("authorized_keys")).unwrap();
        authorized.push_str(&public);
        std::fs::write(server.path("authorized_keys"), authorized).unwrap();
        let out = server.publish_with_key(site.path(), &key, &[]);
        assert_rsa_key_named(&out, &key, &server.target_dir());
    }
}

#[cfg(not(feature = "rsa"))]
#[test]
fn an_rsa_key_found_in_dot_ssh_is_named_when_no_other_key_is_there() {
    let Some(server) = Server::start() else {
        return;
    };
    let site = sample_site();
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join(".ssh")).unwrap();
    let key = home.path().join(".ssh").join("id_rsa");
    keygen_rsa(&key, false);
    let out = loa_command(site.path(), SAMPLE_NOW)
        .args(["publish", "--target", &server.url()])
        .arg("--known-hosts")
        .arg(server.path("known_hosts"))
        .env("HOME", home.path())
        .env_remove("SSH_AUTH_SOCK")
        .output()
        .expect("run loa");
    assert_rsa_key_named(&out, &key, &server.target_dir());
}
