//! `loa build` stays inside its output folder: an edited manifest that lists a path outside
//! stops it before anything changes, and a symbolic link planted in the folder is named,
//! never followed. Each test keeps canary files outside the folder and compares them byte
//! for byte afterwards.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{only_error, Site};

/// Paths an edited record may list to lead loa out of its folder (the absolute one is added
/// by each test: the canary's own path).
const OUTSIDE: [&str; 4] = ["../canary.txt", "a\\b", "x/../../y", "a\0b"];

/// Every file (bytes), folder and link (where it points) under `dir`.
fn snapshot(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            let what = if e.path_is_symlink() {
                format!("-> {}", std::fs::read_link(e.path()).unwrap().display())
            } else if e.file_type().is_dir() {
                "folder".to_string()
            } else {
                format!("{:?}", std::fs::read(e.path()).unwrap())
            };
            (rel, what)
        })
        .collect()
}

/// A small site: one section with one article.
fn site() -> Site {
    let site = Site::new();
    site.article("tin-tuc/a.md", "Bài A", "2025-09-01", "", "Nội dung A.\n");
    site
}

/// The entry as the message shows it: a NUL as `\u{0}`.
fn shown(entry: &str) -> String {
    entry.replace('\0', "\\u{0}")
}

#[test]
fn loa_build_refuses_a_manifest_entry_leading_out_of_the_output_folder() {
    let site = site();
    site.build();
    // The canary beside the output folder, where `../canary.txt` leads.
    let canary = site.root().join("canary.txt");
    let canary_absolute = canary.display().to_string().replace('\\', "/");
    std::fs::write(&canary, "quan trọng").unwrap();
    let manifest = site.output().join(loa::write::MANIFEST);
    let clean = std::fs::read(&manifest).unwrap();
    // The article is gone: whatever its manifest lists would now be removed.
    std::fs::remove_file(site.root().join("content/tin-tuc/a.md")).unwrap();
    for entry in OUTSIDE.iter().copied().chain([canary_absolute.as_str()]) {
        let mut json: serde_json::Value = serde_json::from_slice(&clean).unwrap();
        json["files"][entry] = blake3::hash(b"quan trong").to_hex().to_string().into();
        std::fs::write(&manifest, serde_json::to_vec(&json).unwrap()).unwrap();
        let before = snapshot(&site.output());

        let problems = site.build_fails();
        let d = only_error(&problems);
        assert_eq!(d.path, manifest, "{entry:?}: {d}");
        assert!(
            d.message.contains(&format!("`{}`", shown(entry))),
            "{entry:?}: {d}"
        );
        assert_eq!(
            snapshot(&site.output()),
            before,
            "{entry:?}: nothing written"
        );
        assert_eq!(std::fs::read_to_string(&canary).unwrap(), "quan trọng");
    }
}

/// Symbolic links: made here on Unix only (on Windows, making one needs rights a test
/// machine rarely grants).
#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    /// Replaces the folder `rel` of `dir` by a link to `to`.
    fn swap_for_link(dir: &Path, rel: &str, to: &Path) {
        let path = dir.join(rel);
        if path.is_dir() {
            std::fs::remove_dir_all(&path).unwrap();
        } else {
            std::fs::remove_file(&path).unwrap();
        }
        symlink(to, &path).unwrap();
    }

    #[test]
    fn loa_build_never_writes_through_a_link_in_the_output_folder() {
        let site = site();
        site.build();
        let outside = site.root().join("outside");
        std::fs::create_dir_all(outside.join("a")).unwrap();
        std::fs::write(outside.join("a/index.html"), "trang khác").unwrap();
        swap_for_link(&site.output(), "tin-tuc", &outside);
        site.article("tin-tuc/a.md", "Bài A", "2025-09-01", "", "Nội dung mới.\n");
        let before = snapshot(&outside);

        let problems = site.build_fails();
        let d = only_error(&problems);
        assert_eq!(d.path, site.output().join("tin-tuc"), "{d}");
        assert_eq!(d.message, loa::msg::OUTPUT_LINK);
        assert_eq!(snapshot(&outside), before);

        // The same with the article removed: its page is not deleted through the link.
        std::fs::remove_file(site.root().join("content/tin-tuc/a.md")).unwrap();
        let problems = site.build_fails();
        assert_eq!(only_error(&problems).path, site.output().join("tin-tuc"));
        assert_eq!(snapshot(&outside), before);
    }

    #[test]
    fn loa_build_never_writes_through_a_link_in_place_of_a_file() {
        let site = site();
        site.build();
        let canary = site.root().join("canary.txt");
        std::fs::write(&canary, "quan trọng").unwrap();
        swap_for_link(&site.output(), "index.html", &canary);
        site.article("tin-tuc/a.md", "Bài A", "2025-09-01", "", "Nội dung mới.\n");
        let problems = site.build_fails();
        assert_eq!(only_error(&problems).path, site.output().join("index.html"));
        assert_eq!(std::fs::read_to_string(&canary).unwrap(), "quan trọng");
    }
}
