//! What earlier checks found, in `.loa-cache/lien-ket-ngoai.json`: a link that answered well
//! is not asked about again for a week; one with a problem is asked again every time.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Verdict;

const FILE: &str = ".loa-cache/lien-ket-ngoai.json";
/// How long a good answer is trusted, in seconds.
const FRESH_FOR: i64 = 7 * 24 * 3600;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Remembered {
    /// URL → (seconds since 1970 when checked, verdict).
    urls: BTreeMap<String, (i64, Verdict)>,
}

impl Remembered {
    /// The verdict on `url` when it answered well less than a week before `now`.
    pub fn fresh(&self, url: &str, now: i64) -> Option<Verdict> {
        let (when, verdict) = self.urls.get(url)?;
        let fine = *verdict == Verdict::Fine;
        (fine && now - when < FRESH_FOR && *when <= now).then(|| verdict.clone())
    }

    pub fn record(&mut self, url: &str, verdict: &Verdict, now: i64) {
        self.urls.insert(url.to_string(), (now, verdict.clone()));
    }
}

/// The cache, or an empty one when there is none or it cannot be read.
pub fn read(root: &Path) -> Remembered {
    std::fs::read(root.join(FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

pub fn write(root: &Path, remembered: &Remembered) -> std::io::Result<()> {
    crate::within::Folders::new(root)
        .ensure(".loa-cache")
        .map_err(|_| std::io::Error::other(".loa-cache"))?;
    let bytes = serde_json::to_vec_pretty(remembered).map_err(std::io::Error::other)?;
    crate::within::replace(&root.join(FILE), &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_recent_good_answer_is_trusted() {
        let mut r = Remembered::default();
        r.record("https://a.vn/", &Verdict::Fine, 1000);
        r.record("https://b.vn/", &Verdict::Gone(404), 1000);
        assert_eq!(r.fresh("https://a.vn/", 1000 + 3600), Some(Verdict::Fine));
        assert_eq!(r.fresh("https://a.vn/", 1000 + FRESH_FOR), None);
        assert_eq!(
            r.fresh("https://b.vn/", 1001),
            None,
            "problems are asked again"
        );
        assert_eq!(r.fresh("https://c.vn/", 1001), None);
    }
}
