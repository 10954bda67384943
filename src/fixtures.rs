//! What unit tests build their cases from: a small resolved config, and outputs from pairs
//! of path and text. One place, so a change to `Config` or `Outputs` is made once for all.

use crate::config::{parse, Config, Overrides};
use crate::render::Outputs;

/// A site config with two topics and one unit.
pub fn config() -> Config {
    let text = "title: T\nbase_url: https://example.org/\ntopics:\n  - {key: nghi-dinh-118, name: N}\n  - {key: de-an-06, name: D}\nunits:\n  - {key: van-phong, name: VP}\n";
    parse(text, &Overrides::default()).expect("the fixture config is valid")
}

/// Outputs from (path, text) pairs.
pub fn outputs(files: &[(&str, &str)]) -> Outputs {
    files
        .iter()
        .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec().into()))
        .collect()
}
