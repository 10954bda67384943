//! `loa publish` to a folder and `loa build` stay inside their folder: an edited record that
//! lists a path outside stops them before anything changes, and a symbolic link planted in
//! the folder is named, never followed. Each test keeps canary files outside the folder and
//! compares them byte for byte afterwards.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use loa::publish::{self, Target, MANIFEST, PROGRESS};

use crate::support::{loa_command, only_error, Site, NOW};

/// Paths an edited record may list to lead loa out of its folder (the absolute one is added
/// by each test: the canary's own path).
const OUTSIDE: [&str; 4] = ["../canary.txt", "a\\b", "x/../../y", "a\0b"];

/// A place with the folder loa works in (`target`) and canaries around it.
struct World {
    dir: tempfile::TempDir,
}

impl World {
    fn new() -> World {
        let world = World {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::create_dir(world.target()).unwrap();
        std::fs::write(world.canary(), "tệp của người khác, không được đụng").unwrap();
        std::fs::create_dir(world.path("outside")).unwrap();
        std::fs::write(world.path("outside/index.html"), "trang khác").unwrap();
        world
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn target(&self) -> PathBuf {
        self.path("target")
    }

    /// Beside the target: `target/../canary.txt`.
    fn canary(&self) -> PathBuf {
        self.path("canary.txt")
    }

    /// The canary as an absolute path with `/`, as a record would list it.
    fn canary_absolute(&self) -> String {
        self.canary().display().to_string().replace('\\', "/")
    }

    /// Every file (bytes), folder and link (where it points) in the world.
    fn snapshot(&self) -> BTreeMap<String, String> {
        snapshot(self.dir.path())
    }
}

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

fn outputs(site: &Site) -> loa::render::Outputs {
    crate::support::keeping(&site.options(), &site.output())
        .unwrap()
        .0
        .outputs
}

fn login() -> publish::Login {
    publish::login(None, None, false)
}

fn publish_to(target: &Path, outputs: &loa::render::Outputs) -> Result<(), publish::Failure> {
    let mut remote = publish::connect(&Target::Folder(target.to_path_buf()), &login())?;
    publish::publish_to(remote.as_mut(), outputs, false).map(|_| ())
}

/// The officer's message for a failed publish to `target`.
fn message(target: &Path, failure: &publish::Failure) -> loa::diag::Diagnostic {
    failure.diagnostic(&Target::Folder(target.to_path_buf()), &login())
}

/// `entry` written into a record: a manifest's files, or a progress record's pending paths
/// (a new progress record if there is none).
fn plant_entry(record: &Path, entry: &str) {
    let mut json: serde_json::Value = match std::fs::read(record) {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap(),
        Err(_) => serde_json::json!({"generator": "loa", "done": {}, "pending": []}),
    };
    if json.get("files").is_some() {
        let hash = blake3::hash(b"x").to_hex().to_string();
        json["files"][entry] = serde_json::json!({"size": 1, "hash": hash});
    } else {
        json["pending"].as_array_mut().unwrap().push(entry.into());
    }
    std::fs::write(record, serde_json::to_vec(&json).unwrap()).unwrap();
}

/// The entry as the message shows it: a NUL as `\u{0}`.
fn shown(entry: &str) -> String {
    entry.replace('\0', "\\u{0}")
}

#[test]
fn a_record_entry_leading_out_of_the_target_stops_the_publish_and_touches_nothing() {
    let site = site();
    let first = outputs(&site);
    site.article("tin-tuc/a.md", "Bài A", "2025-09-01", "", "Nội dung mới.\n");
    let second = outputs(&site);
    for record in [MANIFEST, PROGRESS] {
        for entry in OUTSIDE.map(String::from).into_iter().chain([String::new()]) {
            let world = World::new();
            // The empty entry stands for the canary's absolute path, known only now.
            let entry = if entry.is_empty() {
                world.canary_absolute()
            } else {
                entry
            };
            publish_to(&world.target(), &first).unwrap();
            plant_entry(&world.target().join(record), &entry);
            let planted = world.snapshot();

            let failure = publish_to(&world.target(), &second).unwrap_err();
            let d = message(&world.target(), &failure);
            assert_eq!(d.path, world.target().join(record), "{entry:?}: {d}");
            assert!(
                d.message.contains(&format!("`{}`", shown(&entry))),
                "{entry:?}: {d}"
            );
            assert_eq!(
                world.snapshot(),
                planted,
                "{entry:?} in {record}: nothing sent, nothing removed, canaries intact"
            );
        }
    }
}

#[test]
fn loa_publish_names_the_record_and_the_entry_and_exits_1() {
    let site = site();
    let world = World::new();
    publish_to(&world.target(), &outputs(&site)).unwrap();
    plant_entry(&world.target().join(MANIFEST), "../canary.txt");
    site.article("tin-tuc/a.md", "Bài A", "2025-09-01", "", "Nội dung mới.\n");
    let before = world.snapshot();
    let out = loa_command(site.root(), NOW)
        .args(["publish", "--target"])
        .arg(world.target())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let manifest = world.target().join(MANIFEST).display().to_string();
    assert!(
        stderr.contains(&manifest) && stderr.contains("`../canary.txt`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Chưa có gì thay đổi trên nơi đăng"),
        "{stderr}"
    );
    assert_eq!(world.snapshot(), before);
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
    fn a_folder_of_the_target_swapped_for_a_link_is_named_and_nothing_changes() {
        let site = site();
        let first = outputs(&site);
        site.article("tin-tuc/a.md", "Bài A", "2025-09-01", "", "Nội dung mới.\n");
        let second = outputs(&site);
        let world = World::new();
        publish_to(&world.target(), &first).unwrap();
        swap_for_link(&world.target(), "tin-tuc", &world.path("outside"));
        let before = world.snapshot();

        let failure = publish_to(&world.target(), &second).unwrap_err();
        let d = message(&world.target(), &failure);
        assert_eq!(d.path, world.target().join("tin-tuc"), "{d}");
        assert!(d.message.contains("liên kết tượng trưng"), "{d}");
        assert!(d.hint.unwrap().contains("Chưa có gì thay đổi"));
        assert_eq!(world.snapshot(), before, "outside untouched, nothing sent");
    }

    #[test]
    fn a_link_where_a_first_publish_would_make_a_folder_is_refused() {
        let site = site();
        let world = World::new();
        symlink(world.path("outside"), world.target().join("tin-tuc")).unwrap();
        let before = world.snapshot();
        let failure = publish_to(&world.target(), &outputs(&site)).unwrap_err();
        assert_eq!(
            message(&world.target(), &failure).path,
            world.target().join("tin-tuc")
        );
        assert_eq!(world.snapshot(), before);
    }

    #[test]
    fn a_link_in_place_of_a_published_file_or_of_the_manifest_is_refused() {
        let site = site();
        let first = outputs(&site);
        site.article("tin-tuc/a.md", "Bài A", "2025-09-01", "", "Nội dung mới.\n");
        let second = outputs(&site);
        for rel in ["index.html", MANIFEST] {
            let world = World::new();
            publish_to(&world.target(), &first).unwrap();
            if rel == MANIFEST {
                // A manifest elsewhere that would hand the canary to loa.
                let fake = world.path("fake.json");
                std::fs::copy(world.target().join(MANIFEST), &fake).unwrap();
                plant_entry(&fake, "canary.txt");
            }
            let to = match rel {
                MANIFEST => world.path("fake.json"),
                _ => world.canary(),
            };
            swap_for_link(&world.target(), rel, &to);
            let before = world.snapshot();
            let failure = publish_to(&world.target(), &second).unwrap_err();
            assert_eq!(
                message(&world.target(), &failure).path,
                world.target().join(rel),
                "{failure:?}"
            );
            assert_eq!(world.snapshot(), before, "{rel}");
        }
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
