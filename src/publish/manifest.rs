//! The records loa keeps on the target: which files it published there, their sizes and
//! content hashes (`.loa-publish.json`), and, while a publish is under way, its progress
//! (`.loa-publish-pending.json`).
//!
//! They let a publish send only what changed, remove only what loa itself put there, and
//! finish the work of an interrupted publish. The progress record is separate so that what
//! travels during a publish grows with the change, not with the site: the full manifest is
//! written once, at the end.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// The manifest's name, at the top of the target folder (and inside `--zip` archives).
pub const MANIFEST: &str = ".loa-publish.json";
/// The progress record's name, beside it; there only while a publish is unfinished.
pub const PROGRESS: &str = ".loa-publish-pending.json";

/// What the target holds, as far as loa knows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub generator: String,
    /// Path (relative, `/` separators) → what loa knows is there.
    pub files: BTreeMap<String, Entry>,
    /// Paths an unfinished publish was changing: loa may have put anything there (the old
    /// bytes, the new ones, nothing), so the next publish rewrites or removes them. Kept in
    /// the progress record, never in the manifest file.
    #[serde(skip)]
    pub pending: BTreeSet<String>,
}

/// The progress of an unfinished publish, relative to the manifest file on the target.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub generator: String,
    /// Files already in place since the manifest file was written.
    pub done: BTreeMap<String, Entry>,
    /// Paths being changed, their state unknown.
    pub pending: BTreeSet<String>,
}

/// One published file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub size: u64,
    /// blake3 of the bytes, hex.
    pub hash: String,
}

impl Entry {
    pub fn of(bytes: &[u8]) -> Entry {
        Entry {
            size: bytes.len() as u64,
            hash: blake3::hash(bytes).to_hex().to_string(),
        }
    }
}

impl Manifest {
    pub fn new() -> Manifest {
        Manifest {
            generator: "loa".into(),
            ..Manifest::default()
        }
    }

    /// Reads a manifest; `None` when the bytes are not one (damaged, or not loa's).
    pub fn from_bytes(bytes: &[u8]) -> Option<Manifest> {
        serde_json::from_slice::<Manifest>(bytes)
            .ok()
            .filter(|m| m.generator == "loa")
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        to_json(self)
    }

    /// The state of the target: the manifest file with an unfinished publish's progress.
    pub fn with_progress(mut self, progress: Progress) -> Manifest {
        self.files.extend(progress.done);
        self.pending = progress.pending;
        self
    }

    /// The progress record that, read with the manifest file `written`, gives this state.
    pub fn progress_since(&self, written: &Manifest) -> Progress {
        Progress {
            generator: "loa".into(),
            done: self
                .files
                .iter()
                .filter(|(path, entry)| written.files.get(*path) != Some(entry))
                .map(|(path, entry)| (path.clone(), entry.clone()))
                .collect(),
            pending: self.pending.clone(),
        }
    }

    /// Every path loa may have put on the target: the files it knows and the pending ones.
    pub fn owned(&self) -> impl Iterator<Item = &String> {
        self.files
            .keys()
            .chain(self.pending.iter().filter(|p| !self.files.contains_key(*p)))
    }
}

impl Progress {
    pub fn from_bytes(bytes: &[u8]) -> Option<Progress> {
        serde_json::from_slice::<Progress>(bytes)
            .ok()
            .filter(|p| p.generator == "loa")
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        to_json(self)
    }
}

/// Compact JSON, one line: the manifest travels at every publish, and indentation would add
/// a third to its size.
fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut json = serde_json::to_vec(value).unwrap_or_default();
    json.push(b'\n');
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_and_its_progress_read_back_as_the_state_written() {
        let mut written = Manifest::new();
        written
            .files
            .insert("index.html".into(), Entry::of(b"<p>x</p>"));
        written.files.insert("a.css".into(), Entry::of(b"a"));
        let mut state = written.clone();
        state
            .files
            .insert("index.html".into(), Entry::of(b"<p>y</p>"));
        state.pending.insert("tin-tuc/a/index.html".into());

        let progress = state.progress_since(&written);
        assert_eq!(progress.done.keys().collect::<Vec<_>>(), ["index.html"]);
        let file = Manifest::from_bytes(&written.to_bytes()).unwrap();
        let read = Progress::from_bytes(&progress.to_bytes()).unwrap();
        assert_eq!(file.with_progress(read), state);
        assert_eq!(
            state.owned().collect::<Vec<_>>(),
            ["a.css", "index.html", "tin-tuc/a/index.html"]
        );
    }

    #[test]
    fn another_program_s_json_is_not_a_manifest() {
        assert_eq!(Manifest::from_bytes(b"{\"files\": {}}"), None);
        assert_eq!(Manifest::from_bytes(b"not json"), None);
    }
}
