//! `loa check --external`: the links to other sites, checked over the network. Official
//! document databases move; a link that answered last year may be gone now.
//!
//! ```text
//! content/** --collect--> links (url, file:line:col) --probe (cached)--> verdicts --> warnings
//! ```
//!
//! Every distinct URL is asked once, a few at a time (at most [`PER_HOST`] at once to one
//! server, [`WORKERS`] in all), each with a time limit. What answered well is remembered in
//! `.loa-cache/` for a week, so checking again the next day asks only about new links and
//! those that failed. Problems are warnings: the site still builds.

mod cache;
mod collect;
mod probe;

use std::collections::{BTreeMap, VecDeque};
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

pub use collect::{collect, Link};
pub use probe::{Probe, Verdict};

use crate::diag::Diagnostic;
use crate::msg;

/// Requests at once to one server: enough to be quick, few enough not to look like an attack.
pub const PER_HOST: usize = 2;
/// Requests at once in all.
pub const WORKERS: usize = 8;
/// How long one request may take, connection included.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// What checking found: a warning per link with a problem, and the counts for the summary.
#[derive(Debug, Default)]
pub struct Checked {
    pub warnings: Vec<Diagnostic>,
    /// Distinct URLs checked.
    pub urls: usize,
    /// Of those, answered from the cache.
    pub cached: usize,
}

/// Checks every external link of the pages at `root`; `now` in seconds since 1970, for the
/// cache. `probe` asks the network (tests give one that maps `https://` to a local server).
pub fn check(root: &Path, links: &[Link], probe: &Probe, now: i64) -> Checked {
    let mut by_url: BTreeMap<&str, Vec<&Link>> = BTreeMap::new();
    for link in links {
        by_url.entry(link.url.as_str()).or_default().push(link);
    }
    let mut remembered = cache::read(root);
    let (known, unknown): (Vec<&str>, Vec<&str>) =
        (by_url.keys()).partition(|url| remembered.fresh(url, now).is_some());
    let found = probe_all(&unknown, probe);
    for (url, verdict) in &found {
        remembered.record(url, verdict, now);
    }
    // A cache that cannot be written only means asking again next time.
    drop(cache::write(root, &remembered));
    let verdicts = found.into_iter().chain(known.iter().filter_map(|url| {
        let verdict = remembered.fresh(url, now)?;
        Some((url.to_string(), verdict))
    }));
    let mut warnings = Vec::new();
    for (url, verdict) in verdicts {
        let Some(advice) = verdict.advice(&url) else {
            continue;
        };
        for link in by_url.get(url.as_str()).into_iter().flatten() {
            let d = Diagnostic::warning(&link.display, link.line, link.col, advice.message.clone());
            warnings.push(d.with_hint(advice.hint.clone()));
        }
    }
    crate::diag::sort(&mut warnings);
    Checked {
        warnings,
        urls: by_url.len(),
        cached: known.len(),
    }
}

/// Asks about every URL: lanes of URLs per server, at most [`PER_HOST`] lanes per server,
/// taken by [`WORKERS`] threads.
fn probe_all(urls: &[&str], probe: &Probe) -> Vec<(String, Verdict)> {
    let mut per_host: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for url in urls {
        let host = url::Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_default();
        per_host.entry(host).or_default().push(url);
    }
    let lanes: VecDeque<Vec<&str>> = (per_host.into_values())
        .flat_map(|urls| {
            let mut lanes = vec![Vec::new(); PER_HOST.min(urls.len())];
            for (i, url) in urls.into_iter().enumerate() {
                lanes[i % PER_HOST].push(url);
            }
            lanes
        })
        .collect();
    let lanes = Mutex::new(lanes);
    let found = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(urls.len()) {
            scope.spawn(|| {
                while let Some(lane) = lanes.lock().ok().and_then(|mut l| l.pop_front()) {
                    for url in lane {
                        let verdict = probe.verdict(url);
                        if let Ok(mut found) = found.lock() {
                            found.push((url.to_string(), verdict));
                        }
                    }
                }
            });
        }
    });
    let mut found = found.into_inner().unwrap_or_default();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// The summary line of `check --external`.
pub fn summary(checked: &Checked) -> String {
    msg::external_summary(checked.urls, checked.cached, checked.warnings.len())
}
