//! What the last publish from this machine sent, kept beside the site, so the desk can tell
//! an article already on the portal from one still waiting to go; and a count of a publish's
//! steps as they happen, for the desk's progress bar.

use std::collections::BTreeSet;
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use super::{Kind, Remote};
use crate::render::Outputs;

/// The record, under the site's cache folder (never published).
const RECORD: &str = ".loa-cache/da-dang.txt";

/// The site paths of the pages the last publish left on the portal (`tin-tuc/a/`).
pub fn published(root: &Path) -> BTreeSet<String> {
    let Ok(text) = std::fs::read_to_string(root.join(RECORD)) else {
        return BTreeSet::new();
    };
    text.lines().map(str::to_string).collect()
}

/// Records the pages of `outputs` as on the portal. A record that cannot be written only
/// makes the desk say "approved" rather than "published": no reason to fail a publish.
pub fn remember(root: &Path, outputs: &Outputs) {
    let pages: String = (outputs.iter())
        .filter(|(_, o)| o.kind.is_page())
        .filter_map(|(key, _)| key.strip_suffix("index.html"))
        .map(|path| format!("{path}\n"))
        .collect();
    if crate::within::Folders::new(root)
        .ensure(".loa-cache")
        .is_ok()
    {
        drop(crate::within::replace(&root.join(RECORD), pages.as_bytes()));
    }
}

/// A target that counts the files put in place and removed as it goes.
pub struct Counting<'a> {
    pub inner: &'a mut dyn Remote,
    pub done: Arc<AtomicUsize>,
}

impl Remote for Counting<'_> {
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
        self.inner.create(path, bytes)
    }
    fn rename(&mut self, from: &str, to: &str) -> io::Result<()> {
        self.inner.rename(from, to)?;
        self.done.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
    fn remove(&mut self, path: &str) -> io::Result<()> {
        self.inner.remove(path)?;
        self.done.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
    fn remove_folder(&mut self, folder: &str) -> io::Result<()> {
        self.inner.remove_folder(folder)
    }
    fn kinds(&mut self, paths: &[String]) -> io::Result<Vec<Kind>> {
        self.inner.kinds(paths)
    }
}
