//! Watching the site's files and rebuilding after each burst of saves.
//!
//! Editors save in many ways: in place, to a temp file renamed over the old one (VS Code, vim
//! with backupcopy, JetBrains), or delete then create (Zola #2266, Hugo #12677). Watching the
//! folders, not the files, sees all of them. The debouncer gathers a burst of events; every
//! burst that arrives while a rebuild runs is folded into one more rebuild, so a `git checkout`
//! of 500 files gives one or two rebuilds, never 500, and never misses the last file.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use notify_debouncer_full::notify::event::ModifyKind;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::DebounceEventResult;

use crate::load::is_ignored;

/// How long the watcher waits for quiet before reporting a burst. It is part of every save's
/// latency, so it is short; editors' write-then-rename steps of one save arrive within a
/// millisecond or two. A longer burst (a checkout) may start a build before its last file:
/// the files written meanwhile make the next burst, and one more build.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// A burst of at least this many files is not one save.
const MANY_FILES: usize = 20;

/// How long a burst of many files must have been quiet before the build starts.
const QUIET_AFTER_MANY: Duration = Duration::from_millis(100);

/// The folders under the site root that hold the site's sources.
const SOURCE_DIRS: &[&str] = &["content", "static", "themes", "data"];

/// Whether a changed path can change the site: a source folder's file or `config.yaml`, and
/// not a hidden file or an editor's temporary file.
pub fn is_relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    match parts.as_slice() {
        [] => false,
        [only] => only == crate::config::CONFIG_FILE || SOURCE_DIRS.contains(&only.as_str()),
        [first, rest @ ..] => {
            SOURCE_DIRS.contains(&first.as_str()) && !rest.iter().any(|p| is_ignored(p))
        }
    }
}

/// The source folders that exist now and are not yet watched.
pub fn unwatched(root: &Path, watched: &BTreeSet<PathBuf>) -> Vec<PathBuf> {
    SOURCE_DIRS
        .iter()
        .map(|d| root.join(d))
        .filter(|d| d.is_dir() && !watched.contains(d))
        .collect()
}

pub fn mode_for(root: &Path, dir: &Path) -> RecursiveMode {
    if dir == root {
        RecursiveMode::NonRecursive
    } else {
        RecursiveMode::Recursive
    }
}

/// What a burst of events changed.
#[derive(Debug, PartialEq, Eq)]
pub enum Burst {
    /// These paths of the site were created, written or removed.
    Paths(BTreeSet<PathBuf>),
    /// Something changed, but the watcher lost track of what (its queue overflowed).
    Unknown,
}

/// Waits for the next burst that touches the site, then folds in every burst already queued.
/// Returns `None` when the watcher has stopped or `stop` is set.
pub fn next_change(
    root: &Path,
    events: &Receiver<DebounceEventResult>,
    stop: &AtomicBool,
) -> Option<Burst> {
    loop {
        let burst = match events.recv_timeout(Duration::from_millis(100)) {
            Ok(burst) => burst,
            Err(RecvTimeoutError::Timeout) if !stop.load(Ordering::Relaxed) => continue,
            Err(_) => return None,
        };
        let mut changed = Some(BTreeSet::new());
        add_changes(root, &burst, &mut changed);
        loop {
            // A save is a file or two; many files at once is a checkout or a copy, which
            // may go on: wait until it has been quiet a while rather than build halfway.
            let many = changed.as_ref().is_none_or(|c| c.len() >= MANY_FILES);
            let wait = if many {
                QUIET_AFTER_MANY
            } else {
                Duration::ZERO
            };
            match events.recv_timeout(wait) {
                Ok(more) => add_changes(root, &more, &mut changed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        match changed {
            None => return Some(Burst::Unknown),
            Some(paths) if !paths.is_empty() => return Some(Burst::Paths(paths)),
            Some(_) => {}
        }
    }
}

/// Adds the site's paths a burst changed to `changed`; sets it to `None` when the burst
/// cannot say (a watcher error, an overflowed queue).
fn add_changes(root: &Path, burst: &DebounceEventResult, changed: &mut Option<BTreeSet<PathBuf>>) {
    let Ok(events) = burst else {
        *changed = None;
        return;
    };
    for event in events {
        if event.need_rescan() {
            *changed = None;
        }
        let Some(paths) = changed.as_mut() else {
            return;
        };
        if changes_files(&event.kind) {
            paths.extend(event.paths.iter().filter(|p| is_relevant(root, p)).cloned());
        }
    }
}

/// Reading a file (which every build does) and touching its metadata change nothing; without
/// this filter a build would trigger the next one forever.
fn changes_files(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any | EventKind::Other => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify_debouncer_full::notify::event::{AccessKind, MetadataKind};

    #[test]
    fn reads_and_metadata_changes_do_not_trigger_a_build() {
        assert!(!changes_files(&EventKind::Access(AccessKind::Any)));
        assert!(!changes_files(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(changes_files(&EventKind::Modify(ModifyKind::Any)));
    }

    #[test]
    fn sources_and_config_matter_but_output_and_editor_files_do_not() {
        let root = Path::new("/site");
        for yes in [
            "content/tin-tuc/a.md",
            "themes/x/templates/page.html",
            "static/a.css",
            "data/van-ban.yaml",
            "config.yaml",
            "content",
        ] {
            assert!(is_relevant(root, &root.join(yes)), "{yes}");
        }
        for no in [
            "output/index.html",
            "target/x",
            "content/tin-tuc/.a.md.swp",
            "content/tin-tuc/a.md~",
            "content/tin-tuc/4913",
            "content/.git/index",
            "static/~$bao-cao.docx",
            "config.yaml.swp",
            "/elsewhere/content/a.md",
        ] {
            assert!(!is_relevant(root, &root.join(no)), "{no}");
        }
    }
}
