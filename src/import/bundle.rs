//! Writes an imported article as a new bundle, `content/<section>/<slug>/index.md` with its
//! pictures beside it. Nothing is ever overwritten: a second import of the same title gets
//! `<slug>-2`, and a failed write removes only what it created.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::{msg, text};

/// How many numbered slugs are tried before giving up (`bai-2` … `bai-999`).
const MAX_NUMBER: usize = 999;

/// The section's folder name, or why it cannot be one.
pub fn section(section: &str) -> Result<String, Diagnostic> {
    let slug = text::slugify(section);
    if slug.is_empty() {
        return Err(Diagnostic::error("--section", 0, 0, msg::NEW_NEEDS_TITLE));
    }
    let reserved = crate::assemble::GENERATED_PREFIXES
        .iter()
        .any(|p| p.trim_end_matches('/') == slug);
    if reserved {
        let d = Diagnostic::error("--section", 0, 0, msg::reserved_path(&format!("{slug}/")));
        return Err(d.with_hint(msg::HINT_RESERVED_SECTION));
    }
    Ok(slug)
}

/// What goes into the bundle.
pub struct Bundle<'a> {
    pub section: &'a str,
    pub slug: &'a str,
    pub markdown: &'a str,
    /// File name → bytes.
    pub pictures: &'a [(String, Vec<u8>)],
}

/// Creates the bundle's folder under a free slug and writes its files; returns the path of
/// its `index.md`.
pub fn write(root: &Path, bundle: &Bundle) -> Result<PathBuf, Diagnostic> {
    let section_dir = root.join("content").join(bundle.section);
    std::fs::create_dir_all(&section_dir).map_err(|e| write_error(&section_dir, &e))?;
    let dir = claim_folder(&section_dir, bundle.slug)?;
    let mut created = Vec::new();
    let result = write_files(&dir, bundle, &mut created);
    if result.is_err() {
        for file in created.iter().rev() {
            let _ = std::fs::remove_file(file);
        }
        let _ = std::fs::remove_dir(&dir);
    }
    result.map(|()| dir.join("index.md"))
}

fn write_files(dir: &Path, bundle: &Bundle, created: &mut Vec<PathBuf>) -> Result<(), Diagnostic> {
    for (name, bytes) in bundle.pictures {
        if !is_plain_name(name) {
            return Err(write_error(
                &dir.join(name),
                &std::io::ErrorKind::InvalidInput.into(),
            ));
        }
        create(&dir.join(name), bytes, created)?;
    }
    create(&dir.join("index.md"), bundle.markdown.as_bytes(), created)
}

/// The first of `slug`, `slug-2`, `slug-3` … that no article uses, as a new folder.
/// `create_dir` fails on a folder that exists, so two imports at once cannot share one.
fn claim_folder(section_dir: &Path, slug: &str) -> Result<PathBuf, Diagnostic> {
    for n in 1..=MAX_NUMBER {
        let name = if n == 1 {
            slug.to_string()
        } else {
            format!("{slug}-{n}")
        };
        if section_dir.join(format!("{name}.md")).exists() {
            continue;
        }
        let dir = section_dir.join(&name);
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(write_error(&dir, &e)),
        }
    }
    let taken = section_dir.join(slug);
    Err(Diagnostic::file_error(taken, msg::ARTICLE_EXISTS).with_hint(msg::HINT_ARTICLE_EXISTS))
}

/// A file name of loa's own making: no folder, no climbing, nothing Windows refuses.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|'])
        && !name.chars().any(char::is_control)
}

/// Writes a new file, never over an existing one.
fn create(path: &Path, bytes: &[u8], created: &mut Vec<PathBuf>) -> Result<(), Diagnostic> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| write_error(path, &e))?;
    created.push(path.to_path_buf());
    file.write_all(bytes).map_err(|e| write_error(path, &e))
}

fn write_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::file_error(path.to_path_buf(), msg::io_write(e)).with_hint(msg::HINT_WRITE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_bundle_of_the_same_title_gets_a_numbered_slug() {
        let root = tempfile::tempdir().unwrap();
        let pictures = vec![("anh-01.png".to_string(), vec![1, 2, 3])];
        let bundle = Bundle {
            section: "tin-tuc",
            slug: "hoi-nghi",
            markdown: "---\ntitle: a\n---\n",
            pictures: &pictures,
        };
        let first = write(root.path(), &bundle).unwrap();
        let second = write(root.path(), &bundle).unwrap();
        assert!(first.ends_with("content/tin-tuc/hoi-nghi/index.md"));
        assert!(second.ends_with("content/tin-tuc/hoi-nghi-2/index.md"));
        assert_eq!(
            std::fs::read(first.with_file_name("anh-01.png")).unwrap(),
            [1, 2, 3]
        );
        std::fs::write(root.path().join("content/tin-tuc/hoi-nghi-3.md"), "x").unwrap();
        let fourth = write(root.path(), &bundle).unwrap();
        assert!(
            fourth.ends_with("content/tin-tuc/hoi-nghi-4/index.md"),
            "a single-file article takes its slug too"
        );
    }

    #[test]
    fn a_name_that_would_leave_the_folder_is_refused_and_nothing_stays() {
        let root = tempfile::tempdir().unwrap();
        let pictures = vec![("../evil.png".to_string(), vec![1])];
        let bundle = Bundle {
            section: "tin-tuc",
            slug: "bai",
            markdown: "x",
            pictures: &pictures,
        };
        assert!(write(root.path(), &bundle).is_err());
        assert!(!root.path().join("content/tin-tuc/bai").exists());
        assert!(!root.path().join("content/tin-tuc/evil.png").exists());
    }

    #[test]
    fn reserved_and_empty_sections_are_refused() {
        assert_eq!(section("Tin tức").unwrap(), "tin-tuc");
        assert!(section("chu-de").is_err());
        assert!(section("!!!").is_err());
    }
}
