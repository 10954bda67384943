//! The site's `data/` folder: the tables read beside the content (`data/van-ban.yaml`,
//! `data/hoat-dong.yaml`) and, for the ledger's evidence files, what the folder holds.

use std::path::Path;

use walkdir::WalkDir;

use super::relative;
use crate::diag::Diagnostic;
use std::collections::BTreeSet;

/// The folder the ledger and its evidence files are in, relative to the site folder.
pub const DATA_DIR: &str = "data";

/// What `data/` holds, as load found it, so that evidence files are checked without the
/// disk: paths relative to `data/`, `/` separators, NFC.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataFiles {
    /// Regular files reached without a symbolic link.
    pub files: BTreeSet<String>,
    /// Symbolic links (to files or folders), which are never followed.
    pub links: BTreeSet<String>,
}
use crate::msg;

impl DataFiles {
    /// Whether `path` (under the site folder `root`) is one of the regular files listed, and
    /// is still one, not reached through a link: what a build takes from an evidence file.
    pub fn holds(&self, root: &Path, path: &Path) -> bool {
        let dir = root.join(DATA_DIR);
        path.starts_with(&dir)
            && self.files.contains(&relative(&dir, path))
            && super::is_plain_file(path)
    }
}

/// The files and symbolic links under `data/`, for the ledger's evidence files. A link is
/// listed, never followed: evidence is read from inside the site's folder only.
pub(super) fn list_data(root: &Path, problems: &mut Vec<Diagnostic>) -> DataFiles {
    let dir = root.join(DATA_DIR);
    let mut data = DataFiles::default();
    for entry in WalkDir::new(&dir).min_depth(1).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_symlink() => {
                data.links.insert(relative(&dir, e.path()));
            }
            Ok(e) if e.file_type().is_file() => {
                data.files.insert(relative(&dir, e.path()));
            }
            Ok(_) => {}
            Err(e) => {
                let path = e.path().unwrap_or(&dir);
                let shown = crate::diag::display_path(root, path);
                problems.push(Diagnostic::file_error(shown, msg::io_walk(&e.to_string())));
            }
        }
    }
    data
}

/// The text of a file of the site given by its path from the site folder (`data/…`), or
/// `None` when there is none; decoded like content (BOM and CRLF evened out, NFC).
pub fn read_data_text(root: &Path, rel: &str) -> Result<Option<String>, Diagnostic> {
    let path = root.join(rel);
    if !path.is_file() {
        return Ok(None);
    }
    super::fresh_text(root, &path).map(Some)
}
