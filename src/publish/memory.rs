//! A target in memory for the tests of publishing: files, folders and symbolic links in
//! maps, and a fault at a chosen operation (a cut connection, a full disk), the way a real
//! target fails.

use std::collections::{BTreeMap, BTreeSet};
use std::io;

use super::{Kind, Remote};

#[derive(Debug, Default, Clone)]
pub struct MemoryRemote {
    pub files: BTreeMap<String, Vec<u8>>,
    pub folders: BTreeSet<String>,
    /// Symbolic links someone planted; operations meeting one fail as on a real target
    /// that does not follow it (the guard should stop them before).
    pub links: BTreeSet<String>,
    /// The paths asked about by [`Remote::kinds`], call by call.
    pub asked: Vec<Vec<String>>,
    /// Changing operations done so far (write, rename, remove, folder made or removed).
    pub operations: usize,
    /// Fail the operation with this number (0 = the first), and every one after it, as a
    /// dead connection does. A failing write leaves half the bytes, as a cut upload does.
    pub fail_at: Option<(usize, io::ErrorKind)>,
}

impl MemoryRemote {
    fn change(&mut self) -> io::Result<()> {
        let n = self.operations;
        self.operations += 1;
        match self.fail_at {
            Some((at, kind)) if n >= at => Err(io::Error::new(kind, "injected")),
            _ => Ok(()),
        }
    }

    fn taken(&self, path: &str) -> bool {
        self.files.contains_key(path) || self.folders.contains(path) || self.links.contains(path)
    }

    fn parent_exists(&self, path: &str) -> bool {
        match path.rsplit_once('/') {
            None => true,
            Some((folder, _)) => self.folders.contains(folder),
        }
    }

    /// The files, without loa's temporary files: what a web server would serve.
    pub fn served(&self) -> BTreeMap<&str, &[u8]> {
        self.files
            .iter()
            .filter(|(p, _)| !p.ends_with(".loa-tmp"))
            .map(|(p, b)| (p.as_str(), b.as_slice()))
            .collect()
    }
}

fn not_found() -> io::Error {
    io::Error::new(io::ErrorKind::NotFound, "no such file")
}

fn exists() -> io::Error {
    io::Error::new(io::ErrorKind::AlreadyExists, "something is there")
}

impl Remote for MemoryRemote {
    fn read(&mut self, path: &str) -> io::Result<Option<Vec<u8>>> {
        Ok(self.files.get(path).cloned())
    }

    fn list(&mut self, folder: &str) -> io::Result<Vec<String>> {
        if !folder.is_empty() && !self.folders.contains(folder) {
            return Err(not_found());
        }
        let prefix = if folder.is_empty() {
            String::new()
        } else {
            format!("{folder}/")
        };
        let all = self.files.keys().chain(&self.folders).chain(&self.links);
        let children = all.filter_map(|p| {
            let rest = p.strip_prefix(&prefix)?;
            (!rest.is_empty() && !rest.contains('/')).then(|| rest.to_string())
        });
        Ok(children.collect())
    }

    fn create_folder(&mut self, folder: &str) -> io::Result<()> {
        self.change()?;
        if !self.parent_exists(folder) {
            return Err(not_found());
        }
        if self.folders.contains(folder) {
            return Ok(());
        }
        if self.taken(folder) {
            return Err(exists());
        }
        self.folders.insert(folder.to_string());
        Ok(())
    }

    fn create(&mut self, path: &str, bytes: &[u8]) -> io::Result<()> {
        if !self.parent_exists(path) {
            return Err(not_found());
        }
        if self.taken(path) {
            return Err(exists());
        }
        if let Err(e) = self.change() {
            self.files
                .insert(path.to_string(), bytes[..bytes.len() / 2].to_vec());
            return Err(e);
        }
        self.files.insert(path.to_string(), bytes.to_vec());
        Ok(())
    }

    fn rename(&mut self, from: &str, to: &str) -> io::Result<()> {
        self.change()?;
        let bytes = self.files.remove(from).ok_or_else(not_found)?;
        self.files.insert(to.to_string(), bytes);
        Ok(())
    }

    fn remove(&mut self, path: &str) -> io::Result<()> {
        self.change()?;
        self.files.remove(path).map(|_| ()).ok_or_else(not_found)
    }

    fn kinds(&mut self, paths: &[String]) -> io::Result<Vec<Kind>> {
        self.asked.push(paths.to_vec());
        Ok(paths
            .iter()
            .map(|p| {
                if self.links.contains(p) {
                    Kind::Link
                } else if self.folders.contains(p) {
                    Kind::Folder
                } else if self.files.contains_key(p) {
                    Kind::File
                } else {
                    Kind::Nothing
                }
            })
            .collect())
    }

    fn remove_folder(&mut self, folder: &str) -> io::Result<()> {
        self.change()?;
        if self.list(folder)?.is_empty() {
            self.folders.remove(folder);
            Ok(())
        } else {
            Err(io::Error::other("folder not empty"))
        }
    }
}
