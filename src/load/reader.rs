//! Reading the site's files, reusing what an earlier load knew of them (`serve`'s memo).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::Memo;
use crate::diag::Diagnostic;
use crate::msg;

#[derive(Debug, Clone)]
pub(super) struct Known {
    /// `None` when the file was modified moments before it was read: a second save within
    /// the file system's clock tick could leave the same stamp, so it is read again next time.
    pub(super) stamp: Option<Stamp>,
    /// `None` for Markdown files (see [`Reader::read_source`]): keeping both their bytes and
    /// their parse held the site's text twice.
    pub(super) bytes: Option<Arc<Vec<u8>>>,
    pub(super) hash: crate::key::Hash,
}

/// A file's bytes, shared between the load memo and the load's results.
pub(super) type Bytes = Arc<Vec<u8>>;

/// What the file system says of a file that changes whenever its bytes do: size, times and,
/// on Unix, its inode (an editor saving by rename makes a new one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    modified: SystemTime,
    #[cfg(unix)]
    inode: (u64, u64, i64, i64),
}

/// A file modified less than this before it was read may change again without its stamp
/// changing (file system clocks tick coarsely): it is not trusted until it is this old.
const SETTLE: Duration = Duration::from_secs(2);

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        let modified = meta.modified().ok()?;
        #[cfg(unix)]
        let inode = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino(), meta.ctime(), meta.ctime_nsec())
        };
        Some(Stamp {
            len: meta.len(),
            modified,
            #[cfg(unix)]
            inode,
        })
    }

    /// Whether the file was last modified long enough before `now` to be trusted.
    fn settled(&self, now: SystemTime) -> bool {
        self.modified + SETTLE < now
    }
}

/// Threads that read a whole site's files. More than a PC has cores: a read the disk must
/// serve (the first build of the day, or files the system has let go of since) waits without
/// using its core, and the other threads go on meanwhile. When the files are in memory
/// already, the extra threads cost about a millisecond.
const READERS: usize = 8;

/// Runs `work`, whose parallel loops read files, on [`READERS`] threads; on the caller's
/// threads when only some changed files are read (`serve` after an edit).
pub(super) fn on_readers<R: Send>(reader: &Reader, work: impl FnOnce() -> R + Send) -> R {
    if reader.changed.is_some() {
        return work();
    }
    match rayon::ThreadPoolBuilder::new().num_threads(READERS).build() {
        Ok(pool) => pool.install(work),
        // No threads to be had: the files are read all the same, on the threads there are.
        Err(_) => work(),
    }
}

/// Reads files, reusing what `previous` knows, and records what it read for the next load.
pub(super) struct Reader<'a> {
    pub(super) root: &'a Path,
    pub(super) previous: &'a Memo,
    /// When known, the only paths that may have changed since `previous` was filled.
    pub(super) changed: Option<&'a BTreeSet<PathBuf>>,
    pub(super) now: SystemTime,
    /// Files looked at (all of them, unless `changed` is known).
    pub(super) seen: std::sync::Mutex<Vec<(PathBuf, Known)>>,
}

impl Reader<'_> {
    /// A Markdown file's bytes and their hash. The memo keeps only the hash (what later
    /// builds need of the file is its parse, which the pipeline's cache keeps), so the bytes
    /// are `None` when the file is known unchanged since the last load.
    pub(super) fn read_source(
        &self,
        path: &Path,
    ) -> Result<(Option<Bytes>, crate::key::Hash), Diagnostic> {
        self.read(path, false)
    }

    /// Any other file's bytes and their hash, kept by the memo.
    pub(super) fn read_kept(&self, path: &Path) -> Result<(Bytes, crate::key::Hash), Diagnostic> {
        let (bytes, hash) = self.read(path, true)?;
        // `read` with `keep` gives bytes from the memo only when it holds them, else reads.
        Ok((
            bytes.expect("a file read to be kept comes with its bytes"),
            hash,
        ))
    }

    /// The file's bytes (from the memo when it holds them, or when `keep` is false, `None`
    /// for an unchanged file) and their hash; the memo keeps the bytes only with `keep`.
    fn read(
        &self,
        path: &Path,
        keep: bool,
    ) -> Result<(Option<Bytes>, crate::key::Hash), Diagnostic> {
        let previous =
            (self.previous.known.get(path.as_os_str())).filter(|k| !keep || k.bytes.is_some());
        match (previous, self.changed) {
            // Nothing said this file changed, and it had settled when it was read: it is
            // kept as known, not looked at.
            (Some(k), Some(changed)) if k.stamp.is_some() && !changed.contains(path) => {
                Ok((k.bytes.clone(), k.hash))
            }
            (previous, _) => {
                let mut known = self.stat_and_read(path, previous)?;
                let result = (known.bytes.clone(), known.hash);
                if !keep {
                    known.bytes = None;
                }
                if let Ok(mut seen) = self.seen.lock() {
                    seen.push((path.to_path_buf(), known));
                }
                Ok(result)
            }
        }
    }

    fn stat_and_read(&self, path: &Path, previous: Option<&Known>) -> Result<Known, Diagnostic> {
        let error = |e: std::io::Error| {
            Diagnostic::file_error(crate::diag::display_path(self.root, path), msg::io_read(&e))
        };
        // A one-off load's stamps are never compared (`Memo::one_off`): no look at the
        // metadata, and the file is read.
        let stamp = match self.previous.one_off {
            true => None,
            false => Stamp::of(&std::fs::metadata(path).map_err(error)?),
        };
        let stamp = stamp.filter(|s| s.settled(self.now));
        Ok(match (previous, stamp) {
            (Some(k), Some(s)) if k.stamp == Some(s) => k.clone(),
            _ => {
                let bytes = std::fs::read(path).map_err(error)?;
                Known {
                    stamp,
                    hash: crate::key::Hash::of(&bytes),
                    bytes: Some(Arc::new(bytes)),
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader<'a>(memo: &'a Memo, changed: Option<&'a BTreeSet<PathBuf>>) -> Reader<'a> {
        Reader {
            root: Path::new("."),
            previous: memo,
            changed,
            now: SystemTime::now(),
            seen: std::sync::Mutex::new(Vec::new()),
        }
    }

    #[test]
    fn a_whole_site_is_read_on_more_threads_than_an_edit() {
        let memo = Memo::default();
        let threads = rayon::current_num_threads;
        assert_eq!(on_readers(&reader(&memo, None), threads), READERS);
        let changed = BTreeSet::from([PathBuf::from("content/a.md")]);
        assert_eq!(
            on_readers(&reader(&memo, Some(&changed)), threads),
            rayon::current_num_threads()
        );
    }
}
