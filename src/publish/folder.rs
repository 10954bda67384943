//! The folder target: a folder of this machine, usually the portal's share mounted here.

use std::io;
use std::path::PathBuf;

use super::Remote;

pub struct FolderRemote {
    root: PathBuf,
}

impl FolderRemote {
    /// The folder must exist: a share that is not mounted shows as a missing folder, and
    /// creating it would publish onto this machine's own disk instead.
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
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && self.path(rel).is_dir() => Ok(()),
            other => other,
        }
    }

    fn write(&mut self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        std::fs::write(self.path(rel), bytes)
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
}
