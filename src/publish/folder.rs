//! The folder target: a folder of this machine, usually the portal's share mounted here.
//!
//! Links below the folder are checked by the guard in front of every target
//! ([`super::guard`]); here, no operation follows a link at a file's own name: files are
//! created exclusively, renames and removals act on the link itself, and an existing name
//! counts as a folder only if it is a real one.

use std::io;
use std::path::PathBuf;

use super::{Kind, Remote};
use crate::within;

pub struct FolderRemote {
    root: PathBuf,
}

impl FolderRemote {
    /// The folder must exist: a share that is not mounted shows as a missing folder, and
    /// creating it would publish onto this machine's own disk instead. The folder itself may
    /// be a link (a share mounted elsewhere, a junction): the officer chose it.
    pub fn open(root: PathBuf) -> io::Result<FolderRemote> {
        if std::fs::metadata(&root)?.is_dir() {
            Ok(FolderRemote { root })
        } else {
            Err(io::Error::new(io::ErrorKind::NotADirectory, "not a folder"))
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        if rel.is_empty() {
            self.root.clone()
        } else {
            self.root.join(rel)
        }
    }

    fn kind(&self, rel: &str) -> io::Result<Kind> {
        match std::fs::symlink_metadata(self.path(rel)) {
            Ok(meta) if meta.file_type().is_symlink() => Ok(Kind::Link),
            Ok(meta) if meta.is_dir() => Ok(Kind::Folder),
            Ok(_) => Ok(Kind::File),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Kind::Nothing),
            Err(e) => Err(e),
        }
    }
}

impl Remote for FolderRemote {
    fn read(&mut self, rel: &str) -> io::Result<Option<Vec<u8>>> {
        match std::fs::read(self.path(rel)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn list(&mut self, rel: &str) -> io::Result<Vec<String>> {
        std::fs::read_dir(self.path(rel))?
            .map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect()
    }

    fn create_folder(&mut self, rel: &str) -> io::Result<()> {
        match std::fs::create_dir(self.path(rel)) {
            Err(e)
                if e.kind() == io::ErrorKind::AlreadyExists && self.kind(rel)? == Kind::Folder =>
            {
                Ok(())
            }
            other => other,
        }
    }

    fn create(&mut self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        within::create_new(&self.path(rel), bytes)
    }

    fn rename(&mut self, from: &str, to: &str) -> io::Result<()> {
        std::fs::rename(self.path(from), self.path(to))
    }

    fn remove(&mut self, rel: &str) -> io::Result<()> {
        std::fs::remove_file(self.path(rel))
    }

    fn remove_folder(&mut self, rel: &str) -> io::Result<()> {
        std::fs::remove_dir(self.path(rel))
    }

    fn kinds(&mut self, paths: &[String]) -> io::Result<Vec<Kind>> {
        paths.iter().map(|rel| self.kind(rel)).collect()
    }
}
