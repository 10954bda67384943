//! Reading the site folder: content sources, co-located files, `static/` and theme files.
//!
//! This is the only stage, with `write`, that touches the disk. It reads everything the later
//! stages need into memory, in a sorted order, so they are pure and deterministic.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diag::Diagnostic;
use crate::msg;

/// A Markdown file under `content/`.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to `content/`, with `/` separators, NFC (`tin-tuc/bai-viet.md`).
    pub rel: String,
    /// Path shown to the officer (`content/tin-tuc/bai-viet.md`).
    pub display: PathBuf,
    pub bytes: Vec<u8>,
}

/// Any other file that is copied into the site: images beside articles, `static/`, theme assets.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to its folder (`content/`, `static/`, the theme's `static/`), `/` separators, NFC.
    pub rel: String,
    pub bytes: Vec<u8>,
}

/// A template file from the site's theme folder, overriding the built-in one of the same name.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    pub name: String,
    pub display: PathBuf,
    pub text: String,
}

/// Everything read from the site folder.
#[derive(Debug, Default)]
pub struct SiteFiles {
    pub sources: Vec<Source>,
    pub content_assets: Vec<Asset>,
    pub statics: Vec<Asset>,
    pub theme_templates: Vec<TemplateFile>,
    pub theme_statics: Vec<Asset>,
    /// The text of `data/van-ban.yaml` (the table of legal documents), when the site has one.
    pub documents: Option<String>,
}

/// Reads `content/`, `static/` and, when the config names one, `themes/<theme>/`.
pub fn load(root: &Path, theme: Option<&str>) -> (SiteFiles, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let content = root.join("content");
    let (md, other): (Vec<_>, Vec<_>) = walk(root, &content, &mut problems)
        .into_iter()
        .partition(|(rel, _)| rel.ends_with(".md"));
    let sources = md
        .into_par_iter()
        .map(|(rel, path)| {
            read(root, &path).map(|bytes| Source {
                display: Path::new("content").join(&rel),
                rel,
                bytes,
            })
        })
        .collect::<Vec<_>>();
    let mut files = SiteFiles::default();
    for source in sources {
        match source {
            Ok(s) => files.sources.push(s),
            Err(d) => problems.push(d),
        }
    }
    files.content_assets = read_assets(root, other, &mut problems);
    let statics = walk(root, &root.join("static"), &mut problems);
    files.statics = read_assets(root, statics, &mut problems);

    let table = root.join(crate::citations::TABLE_FILE);
    if table.is_file() {
        match read(root, &table).and_then(|b| decode(root, &table, b)) {
            Ok(text) => files.documents = Some(text),
            Err(d) => problems.push(d),
        }
    }

    if let Some(name) = theme {
        let dir = root.join("themes").join(name);
        if !dir.is_dir() {
            problems.push(
                Diagnostic::file_error(crate::config::CONFIG_FILE, msg::theme_missing(name))
                    .with_hint(msg::HINT_THEME_FOLDER),
            );
        }
        for (rel, path) in walk(root, &dir.join("templates"), &mut problems) {
            match read(root, &path).and_then(|b| decode(root, &path, b)) {
                Ok(text) => files.theme_templates.push(TemplateFile {
                    name: rel,
                    display: crate::diag::display_path(root, &path),
                    text,
                }),
                Err(d) => problems.push(d),
            }
        }
        let theme_statics = walk(root, &dir.join("static"), &mut problems);
        files.theme_statics = read_assets(root, theme_statics, &mut problems);
    }
    (files, problems)
}

fn read_assets(
    root: &Path,
    files: Vec<(String, PathBuf)>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Asset> {
    let read: Vec<_> = files
        .into_par_iter()
        .map(|(rel, path)| read(root, &path).map(|bytes| Asset { rel, bytes }))
        .collect();
    let mut assets = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(a) => assets.push(a),
            Err(d) => problems.push(d),
        }
    }
    assets
}

/// Lists the files below `dir` (which may not exist), sorted, with NFC relative paths.
/// Hidden files and editor droppings are skipped: they are never part of the site.
fn walk(root: &Path, dir: &Path, problems: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    if !dir.exists() {
        return Vec::new();
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                files.push((crate::text::nfc(&rel.join("/")), e.path().to_path_buf()));
            }
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| crate::diag::display_path(root, p))
                    .unwrap_or_else(|| dir.to_path_buf());
                problems.push(Diagnostic::file_error(path, msg::io_walk(&e.to_string())));
            }
        }
    }
    files
}

/// Names that are never content: hidden files, and the temporary files editors and Office leave
/// (vim `.swp` and `4913`, emacs `#…#` and `.#…`, `…~` backups, Office `~$…` locks).
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.starts_with("~$")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

fn read(root: &Path, path: &Path) -> Result<Vec<u8>, Diagnostic> {
    std::fs::read(path).map_err(|e| {
        Diagnostic::file_error(crate::diag::display_path(root, path), msg::io_read(&e))
    })
}

/// Decodes a template like content (BOM and CRLF evened out, NFC), placing a bad byte.
fn decode(root: &Path, path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    crate::text::decode(&bytes).map_err(|(line, col)| {
        let d = Diagnostic::error(
            crate::diag::display_path(root, path),
            line,
            col,
            msg::NOT_UTF8,
        );
        d.with_hint(msg::HINT_SAVE_UTF8)
    })
}

#[cfg(test)]
mod tests {
    use super::is_ignored;

    #[test]
    fn editor_droppings_are_not_content() {
        for name in [
            ".bai.md.swp",
            "bai.md~",
            "4913",
            "~$bao-cao.docx",
            ".#bai.md",
            "#bai.md#",
            ".DS_Store",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("bai-viet.md"));
    }
}
