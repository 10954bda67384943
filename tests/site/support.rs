//! Fixture sites: a minimal config plus the files a test writes, built with a fixed "now".

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use loa::diag::Diagnostic;
use scraper::{Html, Selector};

/// The config every fixture starts from: a site under a path, a few of the plan's topics.
pub const CONFIG: &str = r#"title: "Tuyên truyền CCHC"
description: "Tin về cải cách hành chính"
base_url: "https://stp.angiang.gov.vn/cchc/"
topics:
  - key: nghi-dinh-118
    name: "Nghị định số 118/2025/NĐ-CP"
    description: "Một cửa, một cửa liên thông"
  - key: de-an-06
    name: "Đề án 06/CP"
    description: "Dữ liệu dân cư"
  - key: par-index
    name: "Chỉ số PAR INDEX"
    description: "Chỉ số cải cách hành chính"
units:
  - key: van-phong
    name: "Văn phòng Sở"
    description: ""
  - key: phong-pbgdpl
    name: "Phòng Phổ biến, giáo dục pháp luật"
    description: ""
channels:
  - key: zalo
    name: "Trang Zalo của Sở"
    description: ""
    lead: van-phong
    partners: [phong-pbgdpl]
"#;

/// The moment fixtures are built at, so scheduling tests do not depend on the day.
pub const NOW: &str = "2025-11-25 12:00";

/// The moment the sample site is built at: after its last article (December 2025), so every
/// article is published.
pub const SAMPLE_NOW: &str = "2026-01-01";

/// The repository's own sample site (config.yaml and content/ at the crate root), as the
/// README tells a new user to build it.
pub fn sample_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The sample site rendered in memory (nothing written), once per test run: the tests only
/// read it, and each render takes seconds.
pub fn sample() -> &'static loa::Built {
    static SAMPLE: std::sync::OnceLock<loa::Built> = std::sync::OnceLock::new();
    SAMPLE.get_or_init(|| {
        crate::support::in_memory(&options(sample_root(), SAMPLE_NOW))
            .unwrap_or_else(|p| panic!("the sample site builds:\n{}", show(&p)))
    })
}

/// The standard config with each `(from, to)` edit made; each `from` must be in it once, so
/// an edit cannot silently miss when the standard config changes.
pub fn config_edited(edits: &[(&str, &str)]) -> String {
    edits.iter().fold(CONFIG.to_string(), |config, (from, to)| {
        assert_eq!(
            config.matches(from).count(),
            1,
            "`{from}` once in the config"
        );
        config.replace(from, to)
    })
}

/// The `loa` program on the site at `root`, at `now`, as the officer runs it: the caller adds
/// the command and its arguments.
pub fn loa_command(root: &Path, now: &str) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_loa"));
    command.arg("--root").arg(root).args(["--now", now]);
    command
}

/// The options of `loa --root ROOT --now NOW build`: no base URL override, no drafts.
pub fn options(root: &Path, now: &str) -> loa::Options {
    loa::Options {
        root: root.to_path_buf(),
        base_url: None,
        drafts: false,
        now: Some(now.to_string()),
        review: false,
        waiting: false,
    }
}

pub struct Site {
    dir: tempfile::TempDir,
    pub drafts: bool,
    pub base_url: Option<String>,
}

impl Site {
    /// A site with the standard config and no content.
    pub fn new() -> Site {
        let site = Site {
            dir: tempfile::tempdir().expect("temp dir"),
            drafts: false,
            base_url: None,
        };
        site.write("config.yaml", CONFIG);
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn output(&self) -> PathBuf {
        self.root().join("output")
    }

    /// Writes a file of the site (parents created).
    pub fn write(&self, rel: &str, text: &str) -> &Site {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Site {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    /// Writes config.yaml: the standard one with `lines` added at its end (`theme: rieng\n`).
    pub fn config_plus(&self, lines: &str) -> &Site {
        self.write("config.yaml", &format!("{CONFIG}{lines}"))
    }

    /// Writes config.yaml: the standard one with each edit made (see [`config_edited`]);
    /// returns the text written.
    pub fn config_with(&self, edits: &[(&str, &str)]) -> String {
        let config = config_edited(edits);
        self.write("config.yaml", &config);
        config
    }

    /// Writes an article with the given extra front-matter lines and body.
    pub fn article(&self, rel: &str, title: &str, date: &str, front: &str, body: &str) -> &Site {
        let text = format!("---\ntitle: \"{title}\"\ndate: {date}\n{front}---\n{body}");
        self.write(&format!("content/{rel}"), &text)
    }

    /// Writes a page without a date (a standalone page, or a section's `_index.md`) with the
    /// given extra front-matter lines and body.
    pub fn page(&self, rel: &str, title: &str, front: &str, body: &str) -> &Site {
        let text = format!("---\ntitle: \"{title}\"\n{front}---\n{body}");
        self.write(&format!("content/{rel}"), &text)
    }

    /// Runs `loa --root SITE --now NOW ARGS…` and returns what it printed and its exit code.
    pub fn run(&self, args: &[&str]) -> std::process::Output {
        loa_command(self.root(), NOW)
            .args(args)
            .output()
            .expect("run loa")
    }

    pub fn options(&self) -> loa::Options {
        loa::Options {
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            ..options(self.root(), NOW)
        }
    }

    /// Builds into `output/`: what was made (warnings included), or every problem.
    pub fn try_build(&self) -> Result<loa::Built, Vec<Diagnostic>> {
        into_folder(&self.options(), &self.output()).map(|(built, _)| built)
    }

    /// Builds into `output/`; panics with every message if the build fails.
    pub fn build(&self) -> loa::Built {
        self.try_build()
            .unwrap_or_else(|problems| panic!("build failed:\n{}", show(&problems)))
    }

    /// Builds and returns the problems; panics if the build succeeds.
    pub fn build_fails(&self) -> Vec<Diagnostic> {
        match self.try_build() {
            Ok(_) => panic!("the build should have failed"),
            Err(problems) => problems,
        }
    }

    /// A file of the site's own (not of its output).
    pub fn read_source(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap()
    }

    pub fn exists(&self, out: &str) -> bool {
        self.output().join(out).exists()
    }

    pub fn read(&self, out: &str) -> String {
        let path = self.output().join(out);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn html(&self, out: &str) -> Page {
        Page(Html::parse_document(&self.read(out)))
    }
}

/// A parsed HTML page with the questions tests ask of it.
pub struct Page(pub Html);

impl Page {
    /// Visible text of every element matching `css`, whitespace folded.
    pub fn texts(&self, css: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap_or_else(|_| panic!("bad selector {css}"));
        self.0
            .select(&sel)
            .map(|e| fold(&e.text().collect::<String>()))
            .collect()
    }

    pub fn text(&self, css: &str) -> String {
        let all = self.texts(css);
        assert_eq!(all.len(), 1, "expected one `{css}`, found {all:?}");
        all.into_iter().next().unwrap()
    }

    /// The attribute of every element matching `css`.
    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap_or_else(|_| panic!("bad selector {css}"));
        self.0
            .select(&sel)
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect()
    }

    pub fn attr(&self, css: &str, attr: &str) -> String {
        let all = self.attrs(css, attr);
        assert_eq!(all.len(), 1, "expected one `{css}[{attr}]`, found {all:?}");
        all.into_iter().next().unwrap()
    }

    pub fn count(&self, css: &str) -> usize {
        self.texts(css).len()
    }
}

/// Every file under `dir`: its path relative to `dir` (with `/` on every system) → its bytes.
pub fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// A JPEG "photo" of the given size (a gradient, so it compresses like a picture would not).
pub fn photo(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x + y) % 239) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .unwrap();
    out.into_inner()
}

/// The names of the snapshots in `tests/site/snapshots/` whose file name starts with `prefix`.
pub fn snapshot_names(prefix: &str) -> std::collections::BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/site/snapshots");
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|file| {
            file.strip_prefix(prefix)?
                .strip_suffix(".snap")
                .map(str::to_string)
        })
        .collect()
}

pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn show(problems: &[Diagnostic]) -> String {
    problems
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The one error expected; panics showing all problems if there is not exactly one.
pub fn only_error(problems: &[Diagnostic]) -> &Diagnostic {
    let errors: Vec<_> = problems.iter().filter(|p| p.is_error()).collect();
    assert_eq!(errors.len(), 1, "expected one error:\n{}", show(problems));
    errors[0]
}

/// Reads an XML document into (element path, text) pairs, e.g. ("rss/channel/item/title", "…"),
/// entities resolved.
pub fn xml_texts(xml: &str) -> Vec<(String, String)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut open: Vec<(String, String)> = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => open.push((e.name().into_inner().to_string(), String::new())),
            Event::Text(t) => {
                if let Some((_, buf)) = open.last_mut() {
                    buf.push_str(t.as_ref());
                }
            }
            Event::GeneralRef(r) => {
                let ch = match r.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().expect("character reference"),
                };
                if let (Some((_, buf)), Some(ch)) = (open.last_mut(), ch) {
                    buf.push(ch);
                }
            }
            Event::End(_) => {
                let path = open
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>()
                    .join("/");
                let (_, text) = open.pop().expect("balanced");
                if !text.trim().is_empty() {
                    out.push((path, text));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The texts of one element path in an XML document.
pub fn xml_values(xml: &str, element_path: &str) -> Vec<String> {
    xml_texts(xml)
        .into_iter()
        .filter(|(p, _)| p == element_path)
        .map(|(_, t)| t)
        .collect()
}

/// The tools browser tests need: Node, Debian's Chromium and playwright-core installed in
/// `tests/browser/`. Returns the `node` command, or `None` after printing why the test is
/// skipped; under `LOA_FULL_TESTS=1` (as in CI) a missing tool fails the test instead.
pub fn browser_tools() -> Option<PathBuf> {
    let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    let node_works = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let missing = if !node_works {
        Some("Node.js (node) is not installed")
    } else if !chromium.exists() {
        Some("Chromium is not installed (apt-get install -y chromium)")
    } else if !harness.join("node_modules/playwright-core").exists() {
        Some("playwright-core is not installed (npm ci --prefix tests/browser)")
    } else {
        None
    };
    match missing {
        None => Some(PathBuf::from("node")),
        Some(reason) if std::env::var("LOA_FULL_TESTS").as_deref() == Ok("1") => {
            panic!("LOA_FULL_TESTS=1 but {reason}")
        }
        Some(reason) => {
            eprintln!("skipped: {reason}; CI runs this test (LOA_FULL_TESTS=1)");
            None
        }
    }
}

/// Runs a script of the browser harness with arguments; panics with its output if it fails.
pub fn run_browser_script(node: &Path, script: &str, args: &[&str]) {
    let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let out = std::process::Command::new(node)
        .arg(harness.join(script))
        .args(args)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "{script} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Options for a preview of the site at `root` on a free loopback port, built at `now`.
pub fn preview_options(root: &Path, now: &str) -> loa::serve::ServeOptions {
    loa::serve::ServeOptions {
        root: root.to_path_buf(),
        bind: [127, 0, 0, 1].into(),
        hosts: Vec::new(),
        port: 0,
        drafts: false,
        now: Some(now.to_string()),
        review: false,
        desk: false,
    }
}

/// The output file a link of the sample site leads to (`/cchc/tin-tuc/a/#x` →
/// `tin-tuc/a/index.html`), or `None` for a link that leaves the site.
pub fn linked_file(url: &str) -> Option<String> {
    let path = url
        .strip_prefix("https://stp.angiang.gov.vn/cchc/")
        .or_else(|| url.strip_prefix("/cchc/"))?;
    let path = path.split(['#', '?']).next().unwrap_or_default();
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned();
    Some(if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    })
}

/// The pipeline in memory with an empty cache: what a clean build makes, nothing written.
pub fn in_memory(options: &loa::Options) -> Result<loa::Built, Vec<Diagnostic>> {
    loa::build(
        options,
        &mut loa::cache::Cache::default(),
        loa::Destination::Memory,
    )
}

/// `loa check`: in memory, with the advice of a review.
pub fn check(options: &loa::Options) -> Result<loa::Built, Vec<Diagnostic>> {
    let options = loa::Options {
        review: true,
        ..options.clone()
    };
    in_memory(&options)
}

/// `loa build` into `output`, and what writing did.
pub fn into_folder(
    options: &loa::Options,
    output: &Path,
) -> Result<(loa::Built, loa::write::WriteReport), Vec<Diagnostic>> {
    let to = loa::Destination::Folder(output);
    let built = loa::build(options, &mut loa::cache::Cache::default(), to)?;
    let written = built.written.clone().expect("a build into a folder writes");
    Ok((built, written))
}

/// A build into `output` that keeps every file in memory, as `loa publish` makes it.
pub fn keeping(
    options: &loa::Options,
    output: &Path,
) -> Result<(loa::Built, loa::write::WriteReport), Vec<Diagnostic>> {
    let to = loa::Destination::FolderKeeping(output);
    let built = loa::build(options, &mut loa::cache::Cache::default(), to)?;
    let written = built.written.clone().expect("a build into a folder writes");
    Ok((built, written))
}

/// The bytes of a file the build holds in memory.
pub fn bytes(output: &loa::output::Output) -> &[u8] {
    output.bytes().expect("a build in memory holds every file")
}
