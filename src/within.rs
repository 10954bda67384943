//! Keeping loa's writes within a folder: relative paths checked before use, symbolic links
//! never followed below the folder, temporary files under names nobody can guess.
//!
//! Shared by `loa build`'s writer (the output folder) and `loa publish` (the target). Both
//! read lists of paths from files they left there last time (`.loa-manifest.json`,
//! `.loa-publish.json`), which anyone with write access to the folder can edit: a path from
//! such a list is used only once [`check_relative`] accepts it.
//!
//! The folder itself may be a link (a mounted share, a junction the officer made); links
//! *below* it are refused, because one would lead writes and deletions out of it.
//!
//! Checking a path and then using it leaves a short window (time of check to time of use) in
//! which someone who can write into the folder may swap a checked folder for a link. Closing
//! it needs `openat`-style calls relative to an open folder, which neither the standard
//! library offers portably nor SFTP at all; the checks make a link planted *before* a build
//! or a publish harmless, and the final step of every write (`create_new`, rename, unlink)
//! never follows a link at the file's own name.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rustc_hash::FxHashSet;

use crate::msg;

/// Why a path read from a record is not one inside the folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadPath {
    Empty,
    /// `/etc/passwd`, `//server/share`.
    Absolute,
    /// `C:`, `c:x`: on Windows, a path on another drive.
    Drive,
    /// `a\b`: a folder separator on Windows.
    Backslash,
    /// A NUL byte, which cuts the path short in the system's calls.
    Nul,
    /// `a//b`, `a/`.
    EmptySegment,
    /// `..` or `.`.
    Climbs,
}

impl BadPath {
    /// What is wrong, in the officer's words.
    pub fn describe(self) -> &'static str {
        match self {
            BadPath::Empty => msg::PATH_EMPTY,
            BadPath::Absolute => msg::PATH_ABSOLUTE,
            BadPath::Drive => msg::PATH_DRIVE,
            BadPath::Backslash => msg::PATH_BACKSLASH,
            BadPath::Nul => msg::PATH_NUL,
            BadPath::EmptySegment => msg::PATH_EMPTY_SEGMENT,
            BadPath::Climbs => msg::PATH_CLIMBS,
        }
    }
}

/// Accepts only a path of plain names joined by `/`: not empty, not absolute, no drive, no
/// backslash, no NUL, no empty part, no `.` or `..`. The same rules on every system, so a
/// record written on Linux is judged the same on the officer's Windows PC.
pub fn check_relative(rel: &str) -> Result<(), BadPath> {
    if rel.is_empty() {
        return Err(BadPath::Empty);
    }
    if rel.starts_with('/') {
        return Err(BadPath::Absolute);
    }
    if rel.contains('\\') {
        return Err(BadPath::Backslash);
    }
    if rel.contains('\0') {
        return Err(BadPath::Nul);
    }
    for segment in rel.split('/') {
        match segment {
            "" => return Err(BadPath::EmptySegment),
            "." | ".." => return Err(BadPath::Climbs),
            _ if is_drive(segment) => return Err(BadPath::Drive),
            _ => {}
        }
    }
    Ok(())
}

/// `C:` or `c:anything`: Windows reads it as a drive wherever `Path::join` meets it first.
fn is_drive(segment: &str) -> bool {
    let bytes = segment.as_bytes();
    bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}

/// The end of every temporary file's name, so that leftovers are recognised.
pub const TEMP_SUFFIX: &str = ".loa-tmp";

/// A fresh temporary name for a file called `name`: hidden, beside it, with 64 random bits
/// (`.index.html.3f9c…e1.loa-tmp`), so nobody can plant a link or a file there beforehand.
pub fn temp_name(name: &str) -> io::Result<String> {
    let hex = crate::random::hex(8)?;
    Ok(format!("{}{hex}{TEMP_SUFFIX}", temp_prefix(name)))
}

/// Whether `candidate` is a temporary name [`temp_name`] could give for `name`.
pub fn is_temp_of(name: &str, candidate: &str) -> bool {
    candidate
        .strip_prefix(&temp_prefix(name))
        .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
        .is_some_and(|hex| hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn temp_prefix(name: &str) -> String {
    if name.starts_with('.') {
        format!("{name}.")
    } else {
        format!(".{name}.")
    }
}

/// Creates `path`, which must not exist (not as a file, not as a link: a link there is not
/// followed), and writes `bytes` into it. A half-written file is removed again.
pub fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes).inspect_err(|_| {
        drop(std::fs::remove_file(path));
    })
}

/// Writes `bytes` to `target` through a new temporary file beside it, renamed over the
/// target (rename replaces a link at the target rather than following it).
pub fn replace(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // With 64 random bits a name already taken means someone planted it: an error, not a
    // reason to try another.
    let temp = target.with_file_name(temp_name(&name)?);
    create_new(&temp, bytes)?;
    std::fs::rename(&temp, target).inspect_err(|_| {
        drop(std::fs::remove_file(&temp));
    })
}

/// What stops a write below the folder.
#[derive(Debug)]
pub enum Blocked {
    /// A symbolic link stands at this path.
    Link(PathBuf),
    Io(PathBuf, io::Error),
}

/// The first symbolic link among the parts of `rel` below `root`, `rel` itself included.
/// A missing part ends the search: nothing exists below it.
pub fn first_link(root: &Path, rel: &str) -> Result<Option<PathBuf>, Blocked> {
    let mut current = root.to_path_buf();
    for segment in rel.split('/') {
        current.push(segment);
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => return Ok(Some(current)),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Blocked::Io(current, e)),
        }
    }
    Ok(None)
}

/// Refuses `rel` if a link stands anywhere on its way below `root`.
pub fn no_link(root: &Path, rel: &str) -> Result<(), Blocked> {
    match first_link(root, rel)? {
        Some(link) => Err(Blocked::Link(link)),
        None => Ok(()),
    }
}

/// Makes folders below a root, one part at a time, never through a link, remembering the
/// ones it has seen to be real folders (writers running side by side share it).
pub struct Folders {
    root: PathBuf,
    real: Mutex<FxHashSet<String>>,
    /// The root was empty: try making each folder before looking at what is there, which
    /// spares a look per folder when all are new.
    fresh: bool,
}

impl Folders {
    /// For a root that holds folders already: each is looked at, then made if missing.
    pub fn new(root: &Path) -> Folders {
        Folders {
            root: root.to_path_buf(),
            real: Mutex::new(FxHashSet::default()),
            fresh: false,
        }
    }

    /// For a root that was empty (a clean build): each folder is made, and looked at only if
    /// something already stands there.
    pub fn fresh(root: &Path) -> Folders {
        Folders {
            fresh: true,
            ..Folders::new(root)
        }
    }

    /// Makes sure `rel_folder` (a checked relative path, `""` for the root) is a real folder,
    /// making the missing parts. A link or a file on the way is refused.
    pub fn ensure(&self, rel_folder: &str) -> Result<(), Blocked> {
        if rel_folder.is_empty() {
            return Ok(());
        }
        // The set is locked only to look and to record: the folders are made outside the
        // lock, so writers on other cores are not held up by each other's `mkdir`. Two may
        // make the same folder at once; the second finds it there and looks at it.
        let known = |part: &str| {
            let real = self.real.lock().unwrap_or_else(|e| e.into_inner());
            real.contains(part)
        };
        if known(rel_folder) {
            return Ok(());
        }
        let mut end = 0;
        while end < rel_folder.len() {
            end = rel_folder[end..]
                .find('/')
                .map_or(rel_folder.len(), |i| end + i);
            let part = &rel_folder[..end];
            if !known(part) {
                make_folder(&self.root.join(part), self.fresh)?;
                let mut real = self.real.lock().unwrap_or_else(|e| e.into_inner());
                real.insert(part.to_string());
            }
            end += 1;
        }
        Ok(())
    }
}

/// One folder, made if missing; a real folder already there is fine, a link is not (making
/// a folder where a link stands fails: it is not followed).
fn make_folder(path: &Path, make_first: bool) -> Result<(), Blocked> {
    let judge = |path: &Path| match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(Blocked::Link(path.to_path_buf())),
        Ok(meta) if meta.is_dir() => Ok(true),
        Ok(_) => Err(Blocked::Io(
            path.to_path_buf(),
            io::Error::new(io::ErrorKind::NotADirectory, "not a folder"),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Blocked::Io(path.to_path_buf(), e)),
    };
    if !make_first && judge(path)? {
        return Ok(());
    }
    match std::fs::create_dir(path) {
        Ok(()) => Ok(()),
        // Made meanwhile by another writer, or by someone else: look again.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => match judge(path)? {
            true => Ok(()),
            false => Err(Blocked::Io(path.to_path_buf(), e)),
        },
        Err(e) => Err(Blocked::Io(path.to_path_buf(), e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_joined_by_slashes_are_relative_paths() {
        for good in [
            "index.html",
            "tin-tuc/a/index.html",
            ".loa-publish.json",
            "a..b/c",
        ] {
            assert_eq!(check_relative(good), Ok(()), "{good}");
        }
        let bad = [
            ("", BadPath::Empty),
            ("/etc/passwd", BadPath::Absolute),
            ("//server/share/x", BadPath::Absolute),
            ("../canary.txt", BadPath::Climbs),
            ("x/../../y", BadPath::Climbs),
            ("./a", BadPath::Climbs),
            ("a\\b", BadPath::Backslash),
            ("..\\..\\x", BadPath::Backslash),
            ("a\0b", BadPath::Nul),
            ("a//b", BadPath::EmptySegment),
            ("a/", BadPath::EmptySegment),
            ("C:", BadPath::Drive),
            ("c:x/y", BadPath::Drive),
        ];
        for (path, why) in bad {
            assert_eq!(check_relative(path), Err(why), "{path:?}");
        }
    }

    #[test]
    fn temporary_names_are_hidden_fresh_each_time_and_recognisable() {
        let first = temp_name("index.html").unwrap();
        let second = temp_name("index.html").unwrap();
        assert_ne!(first, second);
        assert!(first.starts_with(".index.html.") && first.ends_with(".loa-tmp"));
        assert_eq!(first.len(), ".index.html.".len() + 16 + ".loa-tmp".len());
        assert!(is_temp_of("index.html", &first));
        assert!(!is_temp_of("index.htm", &first));
        assert!(
            !is_temp_of("index.html", ".index.html.loa-tmp"),
            "the old fixed name"
        );
        assert!(!is_temp_of(
            "index.html",
            ".index.html.zzzzzzzzzzzzzzzz.loa-tmp"
        ));
        let hidden = temp_name(".loa-publish.json").unwrap();
        assert!(hidden.starts_with(".loa-publish.json.") && !hidden.starts_with(".."));
        assert!(is_temp_of(".loa-publish.json", &hidden));
    }

    #[test]
    fn a_file_is_created_only_where_nothing_stands() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("a.txt");
        create_new(&file, b"first").unwrap();
        let again = create_new(&file, b"second").unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&file).unwrap(), b"first");
        replace(&file, b"third").unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"third");
        assert_eq!(
            std::fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "no temp left"
        );
    }

    #[cfg(unix)]
    #[test]
    fn folders_are_made_part_by_part_and_never_through_a_link() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("root");
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("tin-tuc")).unwrap();

        for folders in [Folders::new(&root), Folders::fresh(&root)] {
            folders.ensure("a/b/c").unwrap();
            assert!(root.join("a/b/c").is_dir());
            match folders.ensure("tin-tuc/bai") {
                Err(Blocked::Link(link)) => assert_eq!(link, root.join("tin-tuc")),
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
        assert_eq!(
            first_link(&root, "tin-tuc/bai/index.html").unwrap(),
            Some(root.join("tin-tuc"))
        );
        assert_eq!(first_link(&root, "a/b/c/x.html").unwrap(), None);
        assert_eq!(first_link(&root, "khong-co/x.html").unwrap(), None);
    }

    #[test]
    fn writers_making_the_same_folders_at_once_all_succeed() {
        let tmp = tempfile::tempdir().unwrap();
        for folders in [Folders::fresh(tmp.path()), Folders::new(tmp.path())] {
            let start = std::sync::Barrier::new(8);
            std::thread::scope(|s| {
                for _ in 0..8 {
                    let (folders, start) = (&folders, &start);
                    s.spawn(move || {
                        start.wait();
                        // Every writer makes every folder, in the same order: each is raced.
                        for n in 0..300 {
                            let folder = format!("tin-tuc/bai-{n}/anh");
                            assert!(folders.ensure(&folder).is_ok(), "{folder}");
                        }
                    });
                }
            });
        }
        assert_eq!(
            std::fs::read_dir(tmp.path().join("tin-tuc"))
                .unwrap()
                .count(),
            300
        );
    }
}
