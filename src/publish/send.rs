//! Carrying out a plan on a target: the progress record, uploads in order with checkpoints,
//! removals, the final manifest.
//!
//! At every moment the manifest file and the progress record on the target, read together,
//! list every file loa may have put there: what it knows (`files`) and what it was changing
//! (`pending`). Stopping anywhere thus leaves nothing unaccounted for, and the next publish
//! redoes only what is uncertain, removing the temporary files it had left.

use std::collections::{BTreeMap, BTreeSet};
use std::io;

use super::manifest::{Manifest, MANIFEST, PROGRESS};
use super::plan::Plan;
use super::{Failure, Remote};
use crate::render::Outputs;
use crate::within;

/// Bytes written.
#[derive(Debug, Default)]
pub(super) struct Sent {
    pub files: u64,
    pub manifest: u64,
}

/// A checkpoint is written once the bytes sent since the last one reach this many times the
/// progress record's size: an interruption then costs little to redo, and checkpoints add
/// at most an eighth to what travels.
const CHECKPOINT_RATIO: u64 = 8;

/// Carries out `plan`. `old` is the target's state (manifest file and progress), `written`
/// its manifest file alone.
pub(super) fn send(
    remote: &mut dyn Remote,
    outputs: &Outputs,
    plan: &Plan,
    old: &Manifest,
    written: &Manifest,
) -> Result<Sent, Failure> {
    let mut sent = Sent::default();
    let mut state = old.clone();
    let mut started = false;
    let mut manifest_size = 0;
    remove_leftover_temps(remote, old)?;
    if !plan.uploads.is_empty() {
        state
            .pending
            .extend(plan.uploads.iter().map(|u| u.path.clone()));
        manifest_size = write_record(
            remote,
            PROGRESS,
            &state.progress_since(written).to_bytes(),
            started,
        )?;
        sent.manifest += manifest_size;
        started = true;
    }
    let mut since_checkpoint = 0;
    for (i, upload) in plan.uploads.iter().enumerate() {
        let bytes = (outputs.get(&upload.path).and_then(|o| o.bytes()))
            .expect("a plan uploads only files held in memory");
        put(remote, &upload.path, bytes)
            .map_err(|error| Failure::file(&upload.path, error, started))?;
        sent.files += bytes.len() as u64;
        since_checkpoint += bytes.len() as u64;
        state.pending.remove(&upload.path);
        if let Some(entry) = plan.manifest.files.get(&upload.path) {
            state.files.insert(upload.path.clone(), entry.clone());
        }
        let more_to_come = i + 1 < plan.uploads.len();
        if more_to_come && since_checkpoint >= CHECKPOINT_RATIO * manifest_size {
            let progress = state.progress_since(written).to_bytes();
            manifest_size = write_record(remote, PROGRESS, &progress, started)?;
            sent.manifest += manifest_size;
            since_checkpoint = 0;
        }
    }
    for path in &plan.removals {
        remove_if_there(remote, path).map_err(|error| Failure::file(path, error, true))?;
    }
    remove_emptied_folders(remote, &plan.removals);
    sent.manifest += write_record(remote, MANIFEST, &plan.manifest.to_bytes(), true)?;
    remove_if_there(remote, PROGRESS).map_err(|error| Failure::file(PROGRESS, error, true))?;
    Ok(sent)
}

/// Removes the temporary files an interrupted publish may have left: beside the paths it
/// was changing (still pending in the records until this publish ends, so an interruption
/// here loses nothing) and beside the records. Their names were random; they are known by
/// their shape ([`within::is_temp_of`]), looked for only beside those files.
fn remove_leftover_temps(remote: &mut dyn Remote, old: &Manifest) -> Result<(), Failure> {
    let started = !old.pending.is_empty();
    let mut beside: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let paths = old.pending.iter().map(String::as_str);
    for path in paths.chain([MANIFEST, PROGRESS]) {
        let (folder, name) = split(path);
        beside.entry(folder).or_default().push(name);
    }
    for (folder, names) in beside {
        let found = match remote.list(folder) {
            Ok(found) => found,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Failure::file(folder, e, started)),
        };
        let temps = found
            .iter()
            .filter(|f| names.iter().any(|name| within::is_temp_of(name, f)));
        for temp in temps {
            let path = join(folder, temp);
            remove_if_there(remote, &path).map_err(|e| Failure::file(&path, e, started))?;
        }
    }
    Ok(())
}

/// The new paths of the plan where something loa did not publish already stands.
pub(super) fn foreign_files(
    remote: &mut dyn Remote,
    plan: &Plan,
    old: &Manifest,
) -> Result<Vec<String>, Failure> {
    let new: Vec<&str> = plan
        .uploads
        .iter()
        .map(|u| u.path.as_str())
        .filter(|p| !old.files.contains_key(*p) && !old.pending.contains(*p))
        .collect();
    let folders: BTreeSet<&str> = new.iter().map(|p| split(p).0).collect();
    let mut foreign = Vec::new();
    for folder in folders {
        let names = match remote.list(folder) {
            Ok(names) => names,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(error) => return Err(Failure::file(folder, error, false)),
        };
        foreign.extend(
            new.iter()
                .filter(|p| split(p).0 == folder && names.iter().any(|n| n == split(p).1))
                .map(|p| p.to_string()),
        );
    }
    Ok(foreign)
}

/// `a/b/c.html` → (`a/b`, `c.html`); `c.html` → (``, `c.html`).
fn split(path: &str) -> (&str, &str) {
    path.rsplit_once('/').unwrap_or(("", path))
}

fn join(folder: &str, name: &str) -> String {
    if folder.is_empty() {
        name.to_string()
    } else {
        format!("{folder}/{name}")
    }
}

/// A fresh temporary name for a file, to write it under before it is renamed into place:
/// hidden, beside it (a rename within one folder is one step on every file system), random
/// so that nobody can plant anything there beforehand.
pub fn temp_path(path: &str) -> io::Result<String> {
    let (folder, name) = split(path);
    Ok(join(folder, &within::temp_name(name)?))
}

/// Writes a file under a new temporary name, then renames it over the file. A folder
/// missing on the target (new, or removed by someone) is made and the write tried again.
fn put(remote: &mut dyn Remote, path: &str, bytes: &[u8]) -> io::Result<()> {
    let temp = temp_path(path)?;
    match remote.create(&temp, bytes) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            create_folders(remote, split(path).0)?;
            remote.create(&temp, bytes)?;
        }
        other => other?,
    }
    remote.rename(&temp, path)
}

fn create_folders(remote: &mut dyn Remote, folder: &str) -> io::Result<()> {
    let mut end = 0;
    while end < folder.len() {
        end = folder[end..].find('/').map_or(folder.len(), |i| end + i);
        remote.create_folder(&folder[..end])?;
        end += 1;
    }
    Ok(())
}

/// Writes the manifest or the progress record; returns its size.
fn write_record(
    remote: &mut dyn Remote,
    name: &str,
    bytes: &[u8],
    started: bool,
) -> Result<u64, Failure> {
    put(remote, name, bytes).map_err(|error| Failure::file(name, error, started))?;
    Ok(bytes.len() as u64)
}

fn remove_if_there(remote: &mut dyn Remote, path: &str) -> io::Result<()> {
    match remote.remove(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Removes the folders the removals left empty, deepest first. A folder that still holds
/// anything (loa's or not) is refused by the target and stays.
fn remove_emptied_folders(remote: &mut dyn Remote, removed: &[String]) {
    let mut folders: BTreeSet<&str> = BTreeSet::new();
    for path in removed {
        let mut folder = split(path).0;
        while !folder.is_empty() {
            folders.insert(folder);
            folder = split(folder).0;
        }
    }
    let mut deepest_first: Vec<&str> = folders.into_iter().collect();
    deepest_first.sort_by_key(|f| std::cmp::Reverse(f.matches('/').count()));
    for folder in deepest_first {
        let _ = remote.remove_folder(folder);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_hidden_beside_the_file_and_new_each_time() {
        let temp = temp_path("tin-tuc/a/index.html").unwrap();
        let (folder, name) = split(&temp);
        assert_eq!(folder, "tin-tuc/a");
        assert!(within::is_temp_of("index.html", name), "{temp}");
        assert_ne!(temp, temp_path("tin-tuc/a/index.html").unwrap());
        assert!(within::is_temp_of(MANIFEST, &temp_path(MANIFEST).unwrap()));
    }
}
