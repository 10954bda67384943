//! Every path the page names is checked before use: a Markdown file under `content/`, named
//! by plain parts joined by `/`, with no symbolic link on the way.

use std::path::{Path, PathBuf};

use axum::http::StatusCode;

use super::Reply;
use crate::{msg, within};

/// An article file the desk may read and write.
#[derive(Debug, Clone)]
pub struct ArticlePath {
    /// `content/tin-tuc/a.md`, as the page and the officer see it.
    pub display: String,
    /// `tin-tuc/a.md`: relative to `content/`, the key the build uses.
    pub rel: String,
    pub abs: PathBuf,
}

impl ArticlePath {
    /// Checks `given` (from the page) under the site at `root`.
    pub fn parse(root: &Path, given: &str) -> Result<ArticlePath, Reply> {
        let given = crate::text::nfc(given.trim());
        let refuse = |message: &str| {
            Err(Reply::error(
                StatusCode::BAD_REQUEST,
                &format!("{given}: {message}"),
                Some(msg::HINT_DESK_PATH),
            ))
        };
        if let Err(why) = within::check_relative(&given) {
            return refuse(why.describe());
        }
        let Some(rel) = given.strip_prefix("content/") else {
            return refuse(msg::DESK_PATH_OUTSIDE);
        };
        let hidden = rel.split('/').any(|part| part.starts_with('.'));
        if !rel.ends_with(".md") || hidden {
            return refuse(msg::DESK_PATH_NOT_ARTICLE);
        }
        if within::no_link(root, &given).is_err() {
            return refuse(msg::DESK_PATH_LINK);
        }
        Ok(ArticlePath {
            abs: root.join(&given),
            rel: rel.to_string(),
            display: given,
        })
    }

    /// The section folder: the first part under `content/`.
    pub fn section(&self) -> &str {
        self.rel.split('/').next().unwrap_or("")
    }

    /// A bundle's `index.md` (its photos sit beside it), not a single-file article.
    pub fn is_bundle(&self) -> bool {
        self.rel.ends_with("/index.md")
    }

    /// Reads the file, within the size limit every content file has.
    pub fn read(&self) -> Result<(String, Vec<u8>), Reply> {
        let bytes = crate::text::read_text_file(&self.abs).map_err(|e| {
            let status = match e.kind() {
                std::io::ErrorKind::NotFound => StatusCode::NOT_FOUND,
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            };
            Reply::error(status, &format!("{}: {e}", self.display), None)
        })?;
        let text = crate::text::decode(&bytes).map_err(|(line, col)| {
            Reply::error(
                StatusCode::UNPROCESSABLE_ENTITY,
                &format!("{}:{line}:{col}: {}", self.display, msg::DESK_NOT_UTF8),
                None,
            )
        })?;
        Ok((text, bytes))
    }
}

/// The version of a file's bytes the page holds, to tell whether it changed on disk since.
pub fn version(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_markdown_under_content_is_an_article_path() {
        let root = Path::new("/nonexistent-site");
        for bad in [
            "../config.yaml",
            "content/../config.yaml",
            "config.yaml",
            "content/a.txt",
            "/etc/passwd",
            "content\\a.md",
            "content/.git/a.md",
            "static/a.md",
            "C:/a.md",
            "content//a.md",
        ] {
            assert!(ArticlePath::parse(root, bad).is_err(), "{bad}");
        }
        let ok = ArticlePath::parse(root, "content/tin-tuc/bài.md").unwrap();
        assert_eq!(ok.rel, "tin-tuc/bài.md");
        assert_eq!(ok.section(), "tin-tuc");
    }
}
