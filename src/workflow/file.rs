//! The article a workflow verb acts on: found from the path the officer typed, read whole, and
//! written back through a temporary file renamed over it, only if nobody saved it meanwhile.

use std::path::{Component, Path, PathBuf};

use crate::diag::Diagnostic;
use crate::load::Source;
use crate::msg;

/// One article file under `content/`, as read.
#[derive(Debug, Clone)]
pub struct ArticleFile {
    /// Where it is on this machine.
    pub path: PathBuf,
    /// Under `content/`, with `/`: `tin-tuc/a.md`.
    pub rel: String,
    /// As messages show it: `content/tin-tuc/a.md`.
    pub display: PathBuf,
    /// Its bytes when read.
    pub bytes: Vec<u8>,
}

impl ArticleFile {
    /// The file as the pipeline reads it.
    pub fn source(&self) -> Source {
        Source::new(self.rel.clone(), self.display.clone(), self.bytes.clone())
    }

    /// The file's text exactly as stored (a byte-order mark included), which edits keep.
    pub fn raw_text(&self) -> Result<&str, Diagnostic> {
        std::str::from_utf8(&self.bytes).map_err(|e| {
            let good = std::str::from_utf8(&self.bytes[..e.valid_up_to()]).unwrap_or_default();
            let (line, col) = crate::diag::line_col(good, good.len());
            Diagnostic::error(self.display.clone(), line, col, msg::NOT_UTF8)
                .with_hint(msg::HINT_SAVE_UTF8)
        })
    }
}

/// Finds the article the officer named: a path from the current folder, from the site's
/// folder, or from its `content/` folder, in that order. It must be a Markdown file inside
/// `content/`.
pub fn open(root: &Path, given: &Path) -> Result<ArticleFile, Diagnostic> {
    let shown = given.to_path_buf();
    let candidates = [
        given.to_path_buf(),
        root.join(given),
        root.join("content").join(given),
    ];
    let found = candidates
        .iter()
        .take(if given.is_absolute() { 1 } else { 3 })
        .find(|p| p.is_file())
        .ok_or_else(|| {
            Diagnostic::file_error(shown.clone(), msg::ARTICLE_NOT_FOUND)
                .with_hint(msg::HINT_ARTICLE_PATH)
        })?;
    let rel = rel_in_content(root, found).ok_or_else(|| {
        Diagnostic::file_error(shown.clone(), msg::NOT_IN_CONTENT).with_hint(msg::HINT_ARTICLE_PATH)
    })?;
    if !rel.ends_with(".md") {
        return Err(Diagnostic::file_error(shown, msg::NOT_MARKDOWN));
    }
    let display = Path::new("content").join(&rel);
    let bytes = crate::text::read_text_file(found)
        .map_err(|e| Diagnostic::file_error(display.clone(), msg::io_read(&e)))?;
    Ok(ArticleFile {
        path: found.clone(),
        rel,
        display,
        bytes,
    })
}

/// The path of `file` under the site's `content/`, with `/` and composed accents, or `None`
/// when it is elsewhere. Both are resolved first, so `..`, links and Windows' `\\?\` forms
/// compare as the same folder.
fn rel_in_content(root: &Path, file: &Path) -> Option<String> {
    let content = std::fs::canonicalize(root.join("content")).ok()?;
    let file = std::fs::canonicalize(file).ok()?;
    let inside = file.strip_prefix(&content).ok()?;
    let parts: Option<Vec<&str>> = inside
        .components()
        .map(|c| match c {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect();
    let parts = parts.filter(|p| !p.is_empty())?;
    Some(crate::text::nfc(&parts.join("/")))
}

/// Writes `text` over the article, through a temporary file beside it renamed over it, so the
/// file is whole at every moment. Refused when the file changed since it was read (an editor
/// saved it meanwhile): the officer runs the verb again on what is there now.
pub fn write_back(file: &ArticleFile, text: &str) -> Result<(), Diagnostic> {
    let failed = |e: std::io::Error| {
        Diagnostic::file_error(file.display.clone(), msg::io_write(&e)).with_hint(msg::HINT_WRITE)
    };
    let now = crate::text::read_text_file(&file.path).map_err(failed)?;
    if now != file.bytes {
        return Err(Diagnostic::file_error(
            file.display.clone(),
            msg::ARTICLE_CHANGED_MEANWHILE,
        ));
    }
    let permissions = std::fs::metadata(&file.path).map(|m| m.permissions()).ok();
    crate::within::replace(&file.path, text.as_bytes()).map_err(failed)?;
    // The new file has default permissions; give it the old file's (read-only stays
    // read-only for others on Unix, and so on).
    if let Some(permissions) = permissions {
        let _ = std::fs::set_permissions(&file.path, permissions);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/tin-tuc")).unwrap();
        std::fs::write(dir.path().join("content/tin-tuc/a.md"), "---\n---\n").unwrap();
        std::fs::write(dir.path().join("config.yaml"), "x").unwrap();
        dir
    }

    #[test]
    fn an_article_is_found_from_the_site_or_from_content_with_either_separator() {
        let dir = site();
        for given in [
            "content/tin-tuc/a.md",
            "tin-tuc/a.md",
            "content/tin-tuc/../tin-tuc/a.md",
        ] {
            let file = open(dir.path(), Path::new(given)).unwrap();
            assert_eq!(file.rel, "tin-tuc/a.md", "{given}");
        }
        let absolute = dir.path().join("content").join("tin-tuc").join("a.md");
        assert_eq!(open(dir.path(), &absolute).unwrap().rel, "tin-tuc/a.md");
    }

    #[test]
    fn a_file_outside_content_or_not_markdown_is_refused() {
        let dir = site();
        let outside = open(dir.path(), Path::new("config.yaml")).unwrap_err();
        assert_eq!(outside.message, msg::NOT_IN_CONTENT);
        std::fs::write(dir.path().join("content/tin-tuc/a.txt"), "x").unwrap();
        let text = open(dir.path(), Path::new("content/tin-tuc/a.txt")).unwrap_err();
        assert_eq!(text.message, msg::NOT_MARKDOWN);
        let missing = open(dir.path(), Path::new("content/tin-tuc/b.md")).unwrap_err();
        assert_eq!(missing.message, msg::ARTICLE_NOT_FOUND);
    }

    #[test]
    fn a_file_saved_after_it_was_read_is_not_overwritten() {
        let dir = site();
        let file = open(dir.path(), Path::new("tin-tuc/a.md")).unwrap();
        std::fs::write(&file.path, "---\ntitle: mới\n---\n").unwrap();
        let refused = write_back(&file, "---\n---\nx").unwrap_err();
        assert_eq!(refused.message, msg::ARTICLE_CHANGED_MEANWHILE);
        assert_eq!(
            std::fs::read_to_string(&file.path).unwrap(),
            "---\ntitle: mới\n---\n"
        );
        let file = open(dir.path(), Path::new("tin-tuc/a.md")).unwrap();
        write_back(&file, "---\n---\nx").unwrap();
        assert_eq!(std::fs::read_to_string(&file.path).unwrap(), "---\n---\nx");
        let leftovers = std::fs::read_dir(dir.path().join("content/tin-tuc")).unwrap();
        assert_eq!(leftovers.count(), 1, "no temporary file is left");
    }
}
