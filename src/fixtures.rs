//! What unit tests build their cases from: a small resolved config, outputs from pairs of
//! path and text, and site folders on disk. One place, so a change to `Config` or `Outputs`
//! is made once for all.

use crate::config::{parse, Config, Overrides};
use crate::render::{Kind, Output, Outputs};

/// A site config with two topics and one unit.
pub fn config() -> Config {
    let text = "title: T\nbase_url: https://example.org/\ntopics:\n  - {key: nghi-dinh-118, name: N}\n  - {key: de-an-06, name: D}\nunits:\n  - {key: van-phong, name: VP}\n";
    parse(text, &Overrides::default()).expect("the fixture config is valid")
}

/// The `config.yaml` of a site with one topic, `nghi-dinh-118`.
pub const ONE_TOPIC_CONFIG: &str =
    "title: T\nbase_url: https://example.org/\ntopics:\n  - {key: nghi-dinh-118, name: N}\n";

/// Writes `text` to `rel` under the site folder `root`, making its folders.
pub fn write(root: &std::path::Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("a file in a folder")).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Outputs from (path, text) pairs: pages (but the home page and `trang/N/` of lists), feeds
/// and assets, as their extension says. A test that needs a list or a redirect says so.
pub fn outputs(files: &[(&str, &str)]) -> Outputs {
    files
        .iter()
        .map(|(p, b)| {
            (
                p.to_string(),
                Output::new(kind_of(p), b.as_bytes().to_vec()),
            )
        })
        .collect()
}

/// One output file from its path and bytes, of the kind [`outputs`] gives it.
pub fn output(path: &str, bytes: Vec<u8>) -> (String, Output) {
    (path.to_string(), Output::new(kind_of(path), bytes))
}

/// The kind a test's file is, from its path alone (the build knows it; tests name it so).
fn kind_of(path: &str) -> Kind {
    match path.rsplit_once('.').map_or("", |(_, e)| e) {
        _ if path == "index.html" => Kind::Home,
        "html" if path.contains("/trang/") => Kind::FurtherListPage,
        "html" => Kind::Page,
        "xml" => Kind::Feed,
        "ics" => Kind::Calendar,
        "json" | "txt" => Kind::SiteFile,
        _ => Kind::Asset,
    }
}

/// A site folder whose `config.yaml` is `config`, and the options of a build of it at a fixed
/// moment (1 January 2026); the folder lives as long as the guard.
pub fn site(
    config: &str,
) -> (
    tempfile::TempDir,
    std::path::PathBuf,
    crate::pipeline::Options,
) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    write(&root, "config.yaml", config);
    let options = crate::pipeline::Options {
        root: root.clone(),
        now: Some("2026-01-01".into()),
        ..Default::default()
    };
    (dir, root, options)
}
