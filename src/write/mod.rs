//! Write stage: puts the rendered site into the output folder safely.
//!
//! Runs only after everything rendered without error. It writes only files whose bytes
//! changed (an unchanged page keeps its modification time), removes the files it wrote last
//! time that are no longer produced, and records what it wrote in a manifest. A non-empty
//! folder without that manifest was not made by loa and is refused, never emptied.
//!
//! A folder that is absent or empty is filled by a [`Stream`] instead: each page is written
//! as soon as it is rendered, by threads of its own, so a clean build never holds the whole
//! site in memory and the disk works while the pages render. If anything fails, what it
//! wrote is removed again.
//!
//! Nothing is written or removed outside the folder ([`crate::within`]): the manifest's
//! paths are checked before anything changes, no symbolic link below the folder is followed
//! (the folder itself may be one), temporary files get fresh random names.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;
use crate::key::content_hash;
use crate::msg;
use crate::render::{Body, Outputs};
use crate::within::{self, Blocked, Folders};

mod stream;
pub use stream::Stream;

pub const MANIFEST: &str = ".loa-manifest.json";

#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    generator: String,
    /// Output path → hash of the bytes written ([`content_hash`]).
    files: BTreeMap<String, String>,
    /// The program that wrote the folder ([`Program`]): the keys below are trusted only by the
    /// same program, as another one may make other bytes from the same inputs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    program: Option<String>,
    /// Output path → what the file was made from (the render memo's keys, the search
    /// index's), so that the next build leaves a file whose key is unchanged as it is.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    keys: BTreeMap<String, Origin>,
}

/// What a file was made from, and its size when loa wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Origin {
    key: String,
    size: u64,
}

impl Manifest {
    /// The manifest of `files` (path → hash), with the keys of the `outputs` whose size
    /// `size_of` knows.
    fn new(
        files: BTreeMap<String, String>,
        program: &Program,
        outputs: &Outputs,
        size_of: impl Fn(&str) -> Option<u64> + Sync,
    ) -> Manifest {
        // In the outputs' order, on every core: a map of thousands of entries is then built
        // at once.
        let keys: Vec<(String, Origin)> = outputs
            .par_iter()
            .filter_map(|(rel, output)| {
                let key = output.key?;
                let origin = Origin {
                    key: key.to_hex().to_string(),
                    size: size_of(rel)?,
                };
                Some((rel.clone(), origin))
            })
            .collect();
        let keys = keys.into_iter().collect();
        Manifest {
            generator: "loa".into(),
            files,
            program: program.0.clone(),
            keys,
        }
    }
}

/// The loa program that builds, so that a folder's keys are not trusted after loa itself
/// changed: its version, and the size and time of its executable, which every new build or
/// install of loa changes. (Hashing the executable's bytes would cost more than a rebuild
/// with nothing to do saves on a small site.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program(Option<String>);

impl Program {
    pub fn current() -> Program {
        let meta = std::env::current_exe().and_then(std::fs::metadata);
        let identity = meta.ok().and_then(|m| {
            let time = m
                .modified()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?;
            Some(format!(
                "{} {} {}",
                env!("CARGO_PKG_VERSION"),
                m.len(),
                time.as_nanos()
            ))
        });
        // An executable that cannot be looked at is no program a manifest names: nothing is
        // reused.
        Program(identity)
    }
}

/// What the last build left in a folder: a build leaves a file there rather than render it
/// again when the file's key is unchanged and the file is still there as loa wrote it.
pub struct OnDisk {
    dir: PathBuf,
    keys: BTreeMap<String, Origin>,
}

impl OnDisk {
    /// The folder's last build, unless it has no manifest or was made by another program.
    pub fn read(dir: &Path, program: &Program) -> Option<OnDisk> {
        let manifest = read_manifest(dir).ok()?;
        if program.0.is_none() || manifest.program != program.0 {
            return None;
        }
        let keys = manifest
            .keys
            .into_iter()
            .filter(|(rel, _)| manifest.files.contains_key(rel))
            .collect();
        Some(OnDisk {
            dir: dir.to_path_buf(),
            keys,
        })
    }

    /// Whether the file at `rel` is still there as loa wrote it, judged as [`write`] judges
    /// a file unchanged: by the manifest and the file's size, without reading it.
    /// A link in the file's place is never a file loa wrote.
    fn unchanged(&self, rel: &str, origin: &Origin) -> bool {
        within::check_relative(rel).is_ok()
            && std::fs::symlink_metadata(self.dir.join(rel))
                .is_ok_and(|m| m.is_file() && m.len() == origin.size)
    }
}

impl crate::render::Previous for OnDisk {
    fn has(&self, rel: &str, key: &crate::key::Hash) -> bool {
        self.keys.get(rel).is_some_and(|origin| {
            origin.key.as_str() == key.to_hex().as_str() && self.unchanged(rel, origin)
        })
    }

    fn all_of(&self, key: &crate::key::Hash) -> Option<Vec<String>> {
        let key = key.to_hex();
        let made: Vec<(&String, &Origin)> = self
            .keys
            .iter()
            .filter(|(_, origin)| origin.key.as_str() == key.as_str())
            .collect();
        let all = !made.is_empty() && made.iter().all(|(rel, o)| self.unchanged(rel, o));
        all.then(|| made.into_iter().map(|(rel, _)| rel.clone()).collect())
    }
}

/// What a write did, for the summary line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteReport {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Writes what changed into a folder loa made (or an empty one), after everything rendered:
/// the `outputs` in memory are compared with the last build's files; those left unchanged
/// are the files as the last build wrote them ([`OnDisk`]). Records the keys the files were
/// made from, by `program`, for the next build.
pub fn write(outputs: &Outputs, dir: &Path, program: &Program) -> Result<WriteReport, Diagnostic> {
    let previous = read_manifest(dir)?;
    std::fs::create_dir_all(dir).map_err(|e| io_err(dir, e))?;
    prepare_folders(outputs, dir)?;
    // Files are written side by side: most of the time is the file system's.
    let in_memory = outputs
        .par_iter()
        .filter_map(|(rel, output)| Some((rel, output.bytes()?)));
    let results: Vec<Result<(&String, String, bool), Diagnostic>> = in_memory
        .map(|(rel, bytes)| {
            let target = dir.join(rel);
            let hash = content_hash(bytes);
            let found = std::fs::symlink_metadata(&target).ok();
            if found.as_ref().is_some_and(|m| m.file_type().is_symlink()) {
                return Err(blocked(Blocked::Link(target)));
            }
            let same = previous.files.get(rel) == Some(&hash)
                && found.is_some_and(|m| m.is_file() && m.len() == bytes.len() as u64);
            if !same {
                let new = !previous.files.contains_key(rel);
                write_file(&target, bytes, new).map_err(blocked)?;
            }
            Ok((rel, hash, !same))
        })
        .collect();
    let mut report = WriteReport::default();
    let mut files = BTreeMap::new();
    for result in results {
        let (rel, hash, written) = result?;
        if written {
            report.written += 1;
        } else {
            report.unchanged += 1;
        }
        files.insert(rel.clone(), hash);
    }
    let kept = outputs.iter().filter(|(_, o)| o.body == Body::Unchanged);
    for (rel, _) in kept {
        if let Some(hash) = previous.files.get(rel) {
            report.unchanged += 1;
            files.insert(rel.clone(), hash.clone());
        }
    }
    for rel in previous
        .files
        .keys()
        .filter(|rel| !files.contains_key(*rel))
    {
        within::no_link(dir, rel).map_err(blocked)?;
        let target = dir.join(rel);
        match std::fs::remove_file(&target) {
            Ok(()) => {
                report.removed += 1;
                remove_empty_parents(dir, &target);
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_err(&target, e)),
        }
    }
    // The manifest is written only when it changed, so a rebuild that changes nothing
    // writes nothing at all.
    let size_of = |rel: &str| match outputs.get(rel).and_then(|o| o.bytes()) {
        Some(bytes) => Some(bytes.len() as u64),
        None => previous.keys.get(rel).map(|origin| origin.size),
    };
    let manifest = Manifest::new(files, program, outputs, size_of);
    if manifest.files != previous.files
        || manifest.keys != previous.keys
        || manifest.program != previous.program
    {
        save_manifest(dir, &manifest)?;
    }
    Ok(report)
}

/// Records what loa wrote into `dir`, so the next build knows the folder and its files.
/// Compact: at 100,000 articles the manifest is tens of megabytes, for loa only to read.
fn save_manifest(dir: &Path, manifest: &Manifest) -> Result<(), Diagnostic> {
    let json = serde_json::to_vec(manifest).unwrap_or_default();
    let path = dir.join(MANIFEST);
    within::replace(&path, &json).map_err(|e| io_err(&path, e))
}

fn io_err(path: &Path, e: io::Error) -> Diagnostic {
    Diagnostic::file_error(path.to_path_buf(), msg::io_write(&e)).with_hint(msg::HINT_WRITE)
}

fn blocked(b: Blocked) -> Diagnostic {
    match b {
        Blocked::Link(link) => {
            Diagnostic::file_error(link, msg::OUTPUT_LINK).with_hint(msg::HINT_OUTPUT_LINK)
        }
        Blocked::Io(path, e) => io_err(&path, e),
    }
}

/// Checks every output path once and makes each folder once (never through a link), before
/// any file is written.
fn prepare_folders(outputs: &Outputs, dir: &Path) -> Result<(), Diagnostic> {
    let mut folders: BTreeSet<&str> = BTreeSet::new();
    for rel in outputs.keys() {
        relative(dir, rel)?;
        if let Some((parent, _)) = rel.rsplit_once('/') {
            folders.insert(parent);
        }
    }
    let made = Folders::new(dir);
    for folder in folders {
        made.ensure(folder).map_err(blocked)?;
    }
    Ok(())
}

/// The manifest of the last build, or an empty one for a new or empty folder.
/// A folder with files but no manifest is not ours: refused.
fn read_manifest(dir: &Path) -> Result<Manifest, Diagnostic> {
    let path = dir.join(MANIFEST);
    within::no_link(dir, MANIFEST).map_err(blocked)?;
    match std::fs::read(&path) {
        Ok(bytes) => {
            let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|_| {
                Diagnostic::file_error(path.clone(), msg::MANIFEST_DAMAGED)
                    .with_hint(msg::HINT_FOREIGN_OUTPUT)
            })?;
            check_entries(&manifest, &path)?;
            Ok(manifest)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let empty = match std::fs::read_dir(dir) {
                Ok(mut entries) => entries.next().is_none(),
                Err(e) if e.kind() == io::ErrorKind::NotFound => true,
                Err(e) => return Err(Diagnostic::file_error(dir.to_path_buf(), msg::io_read(&e))),
            };
            if empty {
                Ok(Manifest::default())
            } else {
                Err(
                    Diagnostic::file_error(dir.to_path_buf(), msg::FOREIGN_OUTPUT)
                        .with_hint(msg::HINT_FOREIGN_OUTPUT),
                )
            }
        }
        Err(e) => Err(Diagnostic::file_error(path, msg::io_read(&e))),
    }
}

/// Every path the manifest lists must be one inside the folder: the manifest decides what
/// is removed, and anyone who can write into the folder can edit it.
fn check_entries(manifest: &Manifest, path: &Path) -> Result<(), Diagnostic> {
    for rel in manifest.files.keys().chain(manifest.keys.keys()) {
        if let Err(why) = within::check_relative(rel) {
            let message = msg::output_entry_outside(rel, why.describe());
            return Err(
                Diagnostic::file_error(path, message).with_hint(msg::HINT_OUTPUT_ENTRY_OUTSIDE)
            );
        }
    }
    Ok(())
}

/// Refuses an output path that is not a plain relative path (absolute, `..`, a drive…).
fn relative(dir: &Path, rel: &str) -> Result<(), Diagnostic> {
    within::check_relative(rel)
        .map_err(|_| Diagnostic::file_error(dir.join(rel), msg::OUTSIDE_OUTPUT))
}

/// Writes a file the last build did not write straight into place when nothing is there
/// (half the file system work of a rename, which is most of a first build); any other file
/// through a temporary file renamed over it, so a reader never sees half of it. Its folder
/// was checked; a link at the file's own name is refused, never followed.
fn write_file(target: &Path, bytes: &[u8], new: bool) -> Result<(), Blocked> {
    if new {
        match within::create_new(target, bytes) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                let link =
                    std::fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink());
                if link {
                    return Err(Blocked::Link(target.to_path_buf()));
                }
            }
            Err(e) => return Err(Blocked::Io(target.to_path_buf(), e)),
        }
    }
    within::replace(target, bytes).map_err(|e| Blocked::Io(target.to_path_buf(), e))
}

fn remove_empty_parents(dir: &Path, file: &Path) {
    let mut current = file.parent();
    while let Some(folder) = current {
        if folder == dir || !folder.starts_with(dir) || std::fs::remove_dir(folder).is_err() {
            break;
        }
        current = folder.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(outputs: &Outputs, dir: &Path) -> Result<WriteReport, Diagnostic> {
        super::write(outputs, dir, &Program(None))
    }

    use crate::fixtures::outputs;

    #[test]
    fn unchanged_files_are_not_rewritten_and_stale_ones_are_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        let first = write(
            &outputs(&[("a/index.html", "A"), ("b/index.html", "B")]),
            &out,
        )
        .unwrap();
        assert_eq!(first.written, 2);
        let second = write(&outputs(&[("a/index.html", "A"), ("c.xml", "C")]), &out).unwrap();
        assert_eq!(
            second,
            WriteReport {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert!(!out.join("b").exists(), "the emptied folder goes too");
        assert_eq!(std::fs::read_to_string(out.join("c.xml")).unwrap(), "C");
    }

    #[test]
    fn a_folder_loa_did_not_make_is_refused_and_left_alone() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("luan-van.docx"), "quan trọng").unwrap();
        let err = write(&outputs(&[("index.html", "x")]), tmp.path()).unwrap_err();
        assert_eq!(err.message, msg::FOREIGN_OUTPUT);
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn paths_that_leave_the_folder_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(relative(tmp.path(), "../x").is_err());
        assert!(relative(tmp.path(), "/etc/passwd").is_err());
        assert!(relative(tmp.path(), "a\\..\\..\\x").is_err());
        assert!(relative(tmp.path(), "a/b.html").is_ok());
    }
}
