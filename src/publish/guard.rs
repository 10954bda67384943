//! Keeps every operation of a publish inside the target: a symbolic link on the way to a
//! path publish reads, writes or removes is never followed, and stops the publish naming it.
//!
//! One guard for both kinds of target, in front of [`Remote`]: it asks the target what stands
//! on each folder of a path (`lstat`, the link itself, not what it points to) before the
//! operation, and remembers the folders it found real for the rest of the publish, so that
//! over SFTP the questions cost one round trip per folder, not per file. Before anything
//! changes, [`Guarded::check_all`] asks about every path of the plan and the folders on the
//! way at once, a level at a time: a link planted there stops the publish with the target
//! untouched.
//!
//! The target's own folder may be a link (a mounted share); links below it are refused.
//! What cannot be caught is a folder swapped for a link *during* the publish, after it was
//! checked (see [`crate::within`]); the operations themselves never follow a link at a
//! file's own name (exclusive create, rename, unlink).

use std::collections::BTreeSet;
use std::fmt;
use std::io;

use rustc_hash::FxHashSet;

use super::{Kind, Remote};
use crate::within;

/// The error of an operation refused because a symbolic link stands at this path.
#[derive(Debug)]
pub struct LinkOnTheWay(pub String);

impl fmt::Display for LinkOnTheWay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a symbolic link stands at {}", self.0)
    }
}

impl std::error::Error for LinkOnTheWay {}

/// A target behind the guard.
pub(super) struct Guarded<'a> {
    inner: &'a mut dyn Remote,
    /// Folders seen to be real folders (not links) during this publish.
    real: FxHashSet<String>,
}

impl<'a> Guarded<'a> {
    pub fn new(inner: &'a mut dyn Remote) -> Guarded<'a> {
        Guarded {
            inner,
            real: FxHashSet::default(),
        }
    }

    /// Checks `paths` and every folder on their way, shallowest first, each level in one
    /// batch of questions; below a missing folder nothing is asked.
    pub fn check_all<'p>(&mut self, paths: impl IntoIterator<Item = &'p str>) -> io::Result<()> {
        let mut levels: Vec<BTreeSet<&str>> = Vec::new();
        for path in paths {
            for (depth, prefix) in prefixes(path).enumerate() {
                if levels.len() <= depth {
                    levels.push(BTreeSet::new());
                }
                levels[depth].insert(prefix);
            }
        }
        for level in levels {
            let ask: Vec<String> = level
                .into_iter()
                .filter(|p| !self.real.contains(*p) && self.parent_is_real(p))
                .map(str::to_string)
                .collect();
            self.ask(&ask)?;
        }
        Ok(())
    }

    fn parent_is_real(&self, path: &str) -> bool {
        match path.rsplit_once('/') {
            None => true,
            Some((folder, _)) => self.real.contains(folder),
        }
    }

    /// Asks the target what stands at `paths` (shallowest first): the first link found is an
    /// error; real folders are remembered.
    fn ask(&mut self, paths: &[String]) -> io::Result<()> {
        if paths.is_empty() {
            return Ok(());
        }
        let kinds = self.inner.kinds(paths)?;
        for (path, kind) in paths.iter().zip(kinds) {
            match kind {
                Kind::Link => return Err(io::Error::other(LinkOnTheWay(path.clone()))),
                Kind::Folder => {
                    self.real.insert(path.clone());
                }
                Kind::File | Kind::Nothing => {}
            }
        }
        Ok(())
    }

    /// The folders on the way to `path`, and `path` itself when `itself`, are no links.
    /// Also refuses, as a last line, a path that is not one inside the target.
    fn way(&mut self, path: &str, itself: bool) -> io::Result<()> {
        if path.is_empty() {
            return Ok(());
        }
        if within::check_relative(path).is_err() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{path:?} is not a path inside the target"),
            ));
        }
        let count = prefixes(path).count();
        let ask: Vec<String> = prefixes(path)
            .take(if itself { count } else { count - 1 })
            .filter(|p| !self.real.contains(*p))
            .map(str::to_string)
            .collect();
        self.ask(&ask)
    }
}

/// `a/b/c` → `a`, `a/b`, `a/b/c`.
fn prefixes(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/')
        .map(|(i, _)| &path[..i])
        .chain((!path.is_empty()).then_some(path))
}

impl Remote for Guarded<'_> {
    fn read(&mut self, path: &str) -> io::Result<Option<Vec<u8>>> {
        self.way(path, true)?;
        self.inner.read(path)
    }

    fn list(&mut self, folder: &str) -> io::Result<Vec<String>> {
        self.way(folder, true)?;
        self.inner.list(folder)
    }

    fn create_folder(&mut self, folder: &str) -> io::Result<()> {
        // The folder itself too: a link there would be taken for the folder by some servers.
        self.way(folder, true)?;
        match self.inner.create_folder(folder) {
            Ok(()) => {
                self.real.insert(folder.to_string());
                Ok(())
            }
            Err(e) => {
                // Something came meanwhile that is no folder: name it if it is a link.
                self.ask(&[folder.to_string()])?;
                Err(e)
            }
        }
    }

    fn create(&mut self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.way(path, false)?;
        self.inner.create(path, bytes)
    }

    fn rename(&mut self, from: &str, to: &str) -> io::Result<()> {
        self.way(from, false)?;
        self.way(to, false)?;
        self.inner.rename(from, to)
    }

    fn remove(&mut self, path: &str) -> io::Result<()> {
        self.way(path, false)?;
        self.inner.remove(path)
    }

    fn remove_folder(&mut self, folder: &str) -> io::Result<()> {
        self.way(folder, false)?;
        self.inner.remove_folder(folder)?;
        self.real.remove(folder);
        Ok(())
    }

    fn kinds(&mut self, paths: &[String]) -> io::Result<Vec<Kind>> {
        self.inner.kinds(paths)
    }
}

#[cfg(test)]
mod tests {
    use super::super::memory::MemoryRemote;
    use super::*;

    fn link_of(e: io::Error) -> String {
        e.get_ref()
            .and_then(|e| e.downcast_ref::<LinkOnTheWay>())
            .map(|l| l.0.clone())
            .unwrap_or_else(|| panic!("not a link: {e}"))
    }

    #[test]
    fn prefixes_run_from_the_top_folder_to_the_path() {
        assert_eq!(
            prefixes("a/b/c.html").collect::<Vec<_>>(),
            ["a", "a/b", "a/b/c.html"]
        );
        assert_eq!(prefixes("c.html").collect::<Vec<_>>(), ["c.html"]);
        assert_eq!(prefixes("").count(), 0);
    }

    #[test]
    fn a_link_on_the_way_is_named_and_nothing_is_done() {
        let mut remote = MemoryRemote::default();
        remote.folders.insert("tin-tuc".into());
        remote.links.insert("tin-tuc/a".into());
        let mut guarded = Guarded::new(&mut remote);
        let e = guarded.create("tin-tuc/a/.x.loa-tmp", b"x").unwrap_err();
        assert_eq!(link_of(e), "tin-tuc/a");
        let e = guarded.read("tin-tuc/a").unwrap_err();
        assert_eq!(link_of(e), "tin-tuc/a");
        let e = guarded.create_folder("tin-tuc/a").unwrap_err();
        assert_eq!(link_of(e), "tin-tuc/a");
        let e = guarded
            .check_all(["index.html", "tin-tuc/a/index.html", "tin-tuc/b/index.html"])
            .unwrap_err();
        assert_eq!(link_of(e), "tin-tuc/a");
        assert!(guarded.read("../x").is_err(), "not a path inside");
        assert_eq!(remote.operations, 0);
        assert!(remote.files.is_empty());
    }

    #[test]
    fn folders_found_real_are_asked_about_once() {
        let mut remote = MemoryRemote::default();
        remote.folders.insert("tin-tuc".into());
        remote.folders.insert("tin-tuc/a".into());
        let mut guarded = Guarded::new(&mut remote);
        guarded
            .check_all(["tin-tuc/a/index.html", "tin-tuc/a/anh.jpg", "moi/x.html"])
            .unwrap();
        guarded.create("tin-tuc/a/.t.loa-tmp", b"x").unwrap();
        guarded
            .rename("tin-tuc/a/.t.loa-tmp", "tin-tuc/a/t")
            .unwrap();
        assert_eq!(
            remote.asked,
            [
                vec!["moi", "tin-tuc"],
                vec!["tin-tuc/a"],
                vec!["tin-tuc/a/anh.jpg", "tin-tuc/a/index.html"]
            ],
            "one batch per level, nothing below the missing `moi`, nothing again for the writes"
        );
    }
}
