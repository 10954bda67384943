//! `loa publish`: puts the built site on the department's web portal, sending only what
//! changed and keeping the live site whole at every moment.
//!
//! Hand-copied folders are where sites break: stale pages stay online, an interrupted copy
//! leaves pages linking to files not yet there, a wrong target wipes something else. So:
//! - a manifest on the target ([`manifest`]) says what loa published there; only changed
//!   files travel, only files loa published are ever replaced or removed;
//! - each file is written under a temporary name and renamed over the old one, so the web
//!   server never serves half a file;
//! - files go in an order where every link keeps working ([`plan`]), removals after all
//!   uploads, the manifest last;
//! - before the first upload the manifest records every path about to change as pending,
//!   so an interrupted publish (network cut, Ctrl-C, full disk) is finished by the next one;
//! - publish stays inside the target: every path its records list is checked before use
//!   (an edited record stops it before anything changes), no symbolic link below the target
//!   is followed ([`guard`]), temporary names cannot be guessed.
//!
//! The target is a folder or an SFTP server, both behind the small [`Remote`] trait of file
//! operations, which is also where tests inject the faults a test machine cannot make.

pub mod archive;
mod failure;
mod folder;
mod guard;
pub mod known_hosts;
pub mod manifest;
#[cfg(test)]
mod memory;
pub mod plan;
pub mod record;
mod send;
pub mod sftp;

use std::io;
use std::path::{Path, PathBuf};

pub use crate::config::publish::{PublishConfig, RawPublish, SftpAddress, Target};
pub use failure::{ConnectFailure, Failure};
pub use manifest::{Manifest, MANIFEST, PROGRESS};
pub use plan::{Phase, Plan};
pub use sftp::Login;

use crate::config::{BaseUrl, Config};
use crate::diag::Diagnostic;
use crate::msg;
use crate::render::Outputs;
use crate::within;

/// The file operations a target offers. Paths are relative to the target's folder, with `/`
/// separators; `""` is the folder itself. None follows a symbolic link at the path's own
/// name, except `read` and `list` (the guard checks those first).
pub trait Remote {
    /// The bytes of a file, `None` when there is none.
    fn read(&mut self, path: &str) -> io::Result<Option<Vec<u8>>>;
    /// The names in a folder.
    fn list(&mut self, folder: &str) -> io::Result<Vec<String>>;
    /// Makes one folder (its parent exists); a real folder already there is fine, anything
    /// else there (a file, a link) is an error.
    fn create_folder(&mut self, folder: &str) -> io::Result<()>;
    /// Creates a file where nothing stands yet and writes it whole; anything already there
    /// (a file, a link, even a broken one) is an error, never followed nor overwritten.
    fn create(&mut self, path: &str, bytes: &[u8]) -> io::Result<()>;
    /// Renames a file, replacing `to` in one step.
    fn rename(&mut self, from: &str, to: &str) -> io::Result<()>;
    fn remove(&mut self, path: &str) -> io::Result<()>;
    /// Removes a folder if it is empty.
    fn remove_folder(&mut self, folder: &str) -> io::Result<()>;
    /// What stands at each path, a link reported as a link (not followed).
    fn kinds(&mut self, paths: &[String]) -> io::Result<Vec<Kind>>;
}

/// What stands at a path of the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Nothing,
    Folder,
    /// A file, or anything else that is neither a folder nor a link.
    File,
    Link,
}

/// What a publish did (or, dry, would do).
#[derive(Debug)]
pub struct Outcome {
    pub plan: Plan,
    /// Paths an interrupted publish had left pending, now finished.
    pub finished_leftovers: usize,
    /// Bytes of site files sent.
    pub sent_files: u64,
    /// Bytes of manifests sent (the pending record, checkpoints, the final one).
    pub sent_manifest: u64,
    pub dry_run: bool,
}

/// Opens the target: a folder that exists, or an SFTP session logged in.
pub fn connect(target: &Target, login: &Login) -> Result<Box<dyn Remote>, Failure> {
    match target {
        Target::Folder(dir) => match folder::FolderRemote::open(dir.clone()) {
            Ok(remote) => Ok(Box::new(remote)),
            Err(_) => Err(Failure::Connect(ConnectFailure::FolderMissing)),
        },
        Target::Sftp(address) => match sftp::connect(address, login) {
            Ok(remote) => Ok(Box::new(remote)),
            Err(e) => Err(Failure::Connect(e)),
        },
    }
}

/// Publishes `outputs` (a built site) to an open target. With `dry_run`, only reads it.
pub fn publish_to(
    remote: &mut dyn Remote,
    outputs: &Outputs,
    dry_run: bool,
) -> Result<Outcome, Failure> {
    let mut guarded = guard::Guarded::new(remote);
    let State {
        written,
        old,
        unfinished,
    } = read_state(&mut guarded)?;
    let plan = plan::plan(outputs, &old);
    let touched = plan.uploads.iter().map(|u| u.path.as_str());
    guarded
        .check_all(touched.chain(plan.removals.iter().map(String::as_str)))
        .map_err(|e| Failure::file("", e, false))?;
    let remote: &mut dyn Remote = &mut guarded;
    let foreign = send::foreign_files(remote, &plan, &old)?;
    if !foreign.is_empty() {
        return Err(Failure::Foreign(foreign));
    }
    let mut outcome = Outcome {
        finished_leftovers: old.pending.len(),
        plan,
        sent_files: 0,
        sent_manifest: 0,
        dry_run,
    };
    if !dry_run && (unfinished || !outcome.plan.is_empty(&old)) {
        let sent = send::send(remote, outputs, &outcome.plan, &old, &written)?;
        outcome.sent_files = sent.files;
        outcome.sent_manifest = sent.manifest;
    }
    Ok(outcome)
}

/// What the target holds according to its records.
struct State {
    /// The manifest file alone.
    written: Manifest,
    /// The manifest with an unfinished publish's progress.
    old: Manifest,
    unfinished: bool,
}

/// Reads the records on the target, and checks that every path they list is one inside it.
fn read_state(remote: &mut dyn Remote) -> Result<State, Failure> {
    match remote.list("") {
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(Failure::Connect(ConnectFailure::FolderMissing))
        }
        Err(e) => return Err(Failure::file("", e, false)),
    }
    let written = match remote
        .read(MANIFEST)
        .map_err(|e| Failure::file(MANIFEST, e, false))?
    {
        None => Manifest::new(),
        Some(bytes) => Manifest::from_bytes(&bytes).ok_or(Failure::ManifestDamaged)?,
    };
    check_entries(MANIFEST, written.files.keys())?;
    let progress = match remote
        .read(PROGRESS)
        .map_err(|e| Failure::file(PROGRESS, e, false))?
    {
        None => None,
        Some(bytes) => {
            Some(manifest::Progress::from_bytes(&bytes).ok_or(Failure::ManifestDamaged)?)
        }
    };
    if let Some(progress) = &progress {
        check_entries(PROGRESS, progress.done.keys().chain(&progress.pending))?;
    }
    Ok(State {
        unfinished: progress.is_some(),
        old: match progress {
            Some(progress) => written.clone().with_progress(progress),
            None => written.clone(),
        },
        written,
    })
}

/// Every path a record lists must be one inside the target: the records decide what is
/// replaced and removed, and anyone who can write on the target can edit them.
fn check_entries<'a>(
    record: &'static str,
    entries: impl IntoIterator<Item = &'a String>,
) -> Result<(), Failure> {
    for entry in entries {
        if let Err(why) = within::check_relative(entry) {
            return Err(Failure::EntryOutside {
                record,
                entry: entry.clone(),
                why,
            });
        }
    }
    Ok(())
}

/// Where to publish: `--target` wins over `publish:` in config.yaml.
pub fn choose_target(
    flag: Option<&str>,
    config: &Config,
) -> Result<(Target, Option<PathBuf>), Diagnostic> {
    let from_config = config.publish.as_ref();
    match flag {
        Some(text) => Target::parse(text)
            .map(|t| (t, from_config.and_then(|p| p.identity.clone())))
            .map_err(|advice| Diagnostic::advise("--target", 0, 0, advice)),
        None => from_config
            .map(|p| (p.target.clone(), p.identity.clone()))
            .ok_or_else(|| {
                Diagnostic::file_error(crate::config::CONFIG_FILE, msg::NO_TARGET)
                    .with_hint(msg::HINT_PUBLISH_TARGET)
            }),
    }
}

/// Warnings about published pages that would disappear without a redirect.
pub fn vanishing_page_warnings(plan: &Plan, base: &BaseUrl) -> Vec<Diagnostic> {
    plan.vanishing_pages()
        .iter()
        .map(|page| {
            let link = base.link(page);
            Diagnostic::warning(link.clone(), 0, 0, msg::PAGE_VANISHES)
                .with_hint(msg::hint_alias_for(&format!("/{page}")))
        })
        .collect()
}

/// The login settings of the command line, with the usual defaults of `ssh`.
pub fn login(identity: Option<&Path>, known_hosts: Option<&Path>, accept_host_key: bool) -> Login {
    Login {
        identity: identity.map(Path::to_path_buf),
        known_hosts: known_hosts.map_or_else(sftp::default_known_hosts, Path::to_path_buf),
        accept_host_key,
    }
}

/// What `loa publish` prints before its summary: each file with `+` (new), `~` (changed),
/// `-` (removed) on a dry run, nothing otherwise.
pub fn listing(outcome: &Outcome) -> Vec<String> {
    if !outcome.dry_run {
        return Vec::new();
    }
    let plan = &outcome.plan;
    plan.uploads
        .iter()
        .map(|u| msg::publish_line(if u.added { '+' } else { '~' }, &u.path, Some(u.size)))
        .chain(
            plan.removals
                .iter()
                .map(|p| msg::publish_line('-', p, None)),
        )
        .collect()
}

/// The closing line of `loa publish`.
pub fn summary(outcome: &Outcome, target: &Target) -> String {
    let plan = &outcome.plan;
    if !outcome.dry_run
        && outcome.sent_files + outcome.sent_manifest == 0
        && plan.removals.is_empty()
    {
        return msg::publish_nothing(&target.to_string());
    }
    let sent = if outcome.dry_run {
        plan.upload_bytes()
    } else {
        outcome.sent_files + outcome.sent_manifest
    };
    msg::publish_summary(
        outcome.dry_run,
        &target.to_string(),
        (
            plan.added(),
            plan.changed(),
            plan.removals.len(),
            plan.unchanged,
        ),
        sent,
        plan.site_bytes,
    )
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::memory::MemoryRemote;
    use super::*;
    use crate::within::BadPath;

    /// A file linking to site paths (`/tin-tuc/a/`).
    fn linking(text: &str, links: &[&str]) -> Vec<u8> {
        let mut html = format!("<p>{text}</p>");
        for link in links {
            html.push_str(&format!("<a href=\"{link}\">x</a>"));
        }
        html.into_bytes()
    }

    fn site(files: Vec<(&str, Vec<u8>)>) -> Outputs {
        files
            .into_iter()
            .map(|(p, b)| crate::fixtures::output(p, b))
            .collect()
    }

    fn before() -> Outputs {
        site(vec![
            (
                "index.html",
                linking("home", &["/tin-tuc/", "/tin-tuc/a/", "/tin-tuc/b/"]),
            ),
            ("style.css", b"body{}".to_vec()),
            (
                "tin-tuc/index.html",
                linking("list", &["/tin-tuc/a/", "/tin-tuc/b/", "/style.css"]),
            ),
            (
                "tin-tuc/a/index.html",
                linking("A", &["/style.css", "/tin-tuc/a/anh.jpg"]),
            ),
            ("tin-tuc/a/anh.jpg", b"jpeg a".to_vec()),
            ("tin-tuc/b/index.html", linking("B", &["/style.css"])),
            ("rss.xml", linking("feed", &["/tin-tuc/a/", "/tin-tuc/b/"])),
        ])
    }

    /// `a` edited, `b` deleted, `c` added with a photo and a new tag.
    fn after() -> Outputs {
        site(vec![
            (
                "index.html",
                linking("home", &["/tin-tuc/", "/tin-tuc/a/", "/tin-tuc/c/"]),
            ),
            ("style.css", b"body{}".to_vec()),
            (
                "tin-tuc/index.html",
                linking("list", &["/tin-tuc/a/", "/tin-tuc/c/", "/style.css"]),
            ),
            (
                "tin-tuc/a/index.html",
                linking("A, sửa", &["/style.css", "/tin-tuc/a/anh.jpg"]),
            ),
            ("tin-tuc/a/anh.jpg", b"jpeg a".to_vec()),
            (
                "tin-tuc/c/index.html",
                linking("C", &["/tin-tuc/c/anh.jpg", "/the/moi/"]),
            ),
            ("tin-tuc/c/anh.jpg", b"jpeg c".to_vec()),
            ("the/moi/index.html", linking("tag", &["/tin-tuc/c/"])),
            ("rss.xml", linking("feed", &["/tin-tuc/a/", "/tin-tuc/c/"])),
        ])
    }

    const FOREIGN: &str = "cua-nguoi-khac.txt";

    fn published(outputs: &Outputs) -> MemoryRemote {
        let mut remote = MemoryRemote::default();
        remote.files.insert(FOREIGN.into(), b"quan trong".to_vec());
        publish_to(&mut remote, outputs, false).unwrap();
        remote
    }

    fn links(bytes: &[u8]) -> Vec<String> {
        String::from_utf8_lossy(bytes)
            .split("href=\"/")
            .skip(1)
            .map(|rest| {
                let link = &rest[..rest.find('"').unwrap()];
                if link.is_empty() || link.ends_with('/') {
                    format!("{link}index.html")
                } else {
                    link.to_string()
                }
            })
            .collect()
    }

    /// Every link of every page a visitor can reach from the home page or a feed leads to a
    /// file that is there.
    fn assert_links_work(remote: &MemoryRemote, when: &str) {
        let served = remote.served();
        let mut seen = BTreeSet::new();
        let mut queue: Vec<String> = vec!["index.html".into(), "rss.xml".into()];
        while let Some(file) = queue.pop() {
            if !seen.insert(file.clone()) {
                continue;
            }
            let Some(bytes) = served.get(file.as_str()) else {
                continue;
            };
            for link in links(bytes) {
                assert!(
                    served.contains_key(link.as_str()),
                    "{when}: {file} links to missing {link}"
                );
                queue.push(link);
            }
        }
    }

    fn state(remote: &mut MemoryRemote) -> Manifest {
        let written = Manifest::from_bytes(&remote.read(MANIFEST).unwrap().unwrap()).unwrap();
        match remote.read(PROGRESS).unwrap() {
            Some(bytes) => written.with_progress(manifest::Progress::from_bytes(&bytes).unwrap()),
            None => written,
        }
    }

    /// The records on the target account for every file loa put there, and what they say is
    /// certain is true.
    fn assert_accounted(remote: &mut MemoryRemote, when: &str) {
        let state = state(remote);
        let owned: BTreeSet<&String> = state.owned().collect();
        for (path, bytes) in remote.served() {
            if [FOREIGN, MANIFEST, PROGRESS].contains(&path) {
                continue;
            }
            assert!(
                owned.contains(&path.to_string()),
                "{when}: {path} is nobody's"
            );
            if let (Some(entry), false) = (state.files.get(path), state.pending.contains(path)) {
                assert_eq!(&manifest::Entry::of(bytes), entry, "{when}: {path}");
            }
        }
    }

    /// The target holds exactly the site, its manifest and the file loa did not publish.
    fn assert_exactly(remote: &MemoryRemote, outputs: &Outputs) {
        let mut expected: BTreeMap<&str, &[u8]> = outputs
            .iter()
            .map(|(p, o)| (p.as_str(), o.bytes().expect("in memory").as_slice()))
            .collect();
        expected.insert(FOREIGN, b"quan trong");
        let mut files: BTreeMap<&str, &[u8]> = remote
            .files
            .iter()
            .map(|(p, b)| (p.as_str(), b.as_slice()))
            .collect();
        let manifest = files.remove(MANIFEST).expect("a manifest");
        assert_eq!(files, expected);
        let manifest = Manifest::from_bytes(manifest).unwrap();
        assert_eq!(
            manifest.files.keys().collect::<Vec<_>>(),
            outputs.keys().collect::<Vec<_>>()
        );
        for folder in &remote.folders {
            let prefix = format!("{folder}/");
            assert!(
                remote.files.keys().any(|p| p.starts_with(&prefix)),
                "emptied folder {folder} left behind"
            );
        }
    }

    #[test]
    fn a_second_publish_sends_the_changes_and_removes_what_is_gone() {
        let mut remote = published(&before());
        assert_exactly(&remote, &before());
        let outcome = publish_to(&mut remote, &after(), false).unwrap();
        assert_exactly(&remote, &after());
        let plan = &outcome.plan;
        assert_eq!((plan.added(), plan.changed(), plan.unchanged), (3, 4, 2));
        assert_eq!(plan.removals, ["tin-tuc/b/index.html"]);
        assert_eq!(outcome.sent_files, plan.upload_bytes());

        let again = publish_to(&mut remote, &after(), false).unwrap();
        assert_eq!(
            (again.sent_files, again.sent_manifest),
            (0, 0),
            "nothing to send"
        );
    }

    #[test]
    fn every_interruption_leaves_a_whole_site_and_the_next_publish_finishes_it() {
        let clean = published(&before());
        let mut counted = clean.clone();
        publish_to(&mut counted, &after(), false).unwrap();
        let operations = counted.operations - clean.operations;
        assert!(operations > 15, "{operations}");
        for cut in 0..operations {
            let when = format!("cut at operation {cut}");
            let mut remote = clean.clone();
            remote.fail_at = Some((clean.operations + cut, io::ErrorKind::ConnectionAborted));
            let failure = publish_to(&mut remote, &after(), false).unwrap_err();
            assert!(
                matches!(failure, Failure::File { .. }),
                "{when}: {failure:?}"
            );
            assert_links_work(&remote, &when);
            assert_accounted(&mut remote, &when);

            // A second cut in the finishing publish changes nothing to the outcome.
            remote.fail_at = Some((
                remote.operations + cut / 2,
                io::ErrorKind::ConnectionAborted,
            ));
            let _ = publish_to(&mut remote, &after(), false);
            assert_links_work(&remote, &when);
            assert_accounted(&mut remote, &when);

            remote.fail_at = None;
            publish_to(&mut remote, &after(), false).unwrap();
            assert_exactly(&remote, &after());
        }
    }

    #[test]
    fn a_full_disk_midway_is_explained_and_leaves_the_target_consistent() {
        let mut remote = published(&before());
        remote.fail_at = Some((remote.operations + 4, io::ErrorKind::StorageFull));
        let failure = publish_to(&mut remote, &after(), false).unwrap_err();
        let target = Target::Folder("/mnt/portal/cchc".into());
        let d = failure.diagnostic(&target, &login(None, None, false));
        assert_eq!(d.message, "ổ đĩa của nơi đăng đã đầy");
        assert!(
            d.hint
                .as_deref()
                .unwrap()
                .contains("chạy lại `loa publish`"),
            "{d}"
        );
        assert!(
            d.path.starts_with("/mnt/portal/cchc/"),
            "names the file: {d}"
        );
        assert_accounted(&mut remote, "full disk");
        remote.fail_at = None;
        publish_to(&mut remote, &after(), false).unwrap();
        assert_exactly(&remote, &after());
    }

    #[test]
    fn a_dry_run_changes_nothing() {
        let mut remote = published(&before());
        let untouched = remote.files.clone();
        let outcome = publish_to(&mut remote, &after(), true).unwrap();
        assert_eq!(remote.files, untouched);
        assert_eq!(outcome.plan.vanishing_pages(), ["tin-tuc/b/"]);
        let lines = listing(&outcome);
        assert!(
            lines.contains(&"  + tin-tuc/c/index.html (67 byte)".to_string()),
            "{lines:?}"
        );
        assert!(
            lines.contains(&"  - tin-tuc/b/index.html".to_string()),
            "{lines:?}"
        );
    }

    #[test]
    fn a_file_loa_did_not_publish_is_never_overwritten() {
        let mut remote = MemoryRemote::default();
        remote.folders.insert("tin-tuc".into());
        remote
            .files
            .insert("tin-tuc/index.html".into(), b"trang cu".to_vec());
        let untouched = remote.clone();
        let failure = publish_to(&mut remote, &before(), false).unwrap_err();
        match failure {
            Failure::Foreign(paths) => assert_eq!(paths, ["tin-tuc/index.html"]),
            other => panic!("{other:?}"),
        }
        assert_eq!(remote.files, untouched.files);
        assert_eq!(remote.operations, 0);
    }

    /// Paths an edited record may list to lead publish out of the target.
    const OUTSIDE: [&str; 8] = [
        "../canary.txt",
        "/etc/passwd",
        "a\\b",
        "x/../../y",
        "a\0b",
        "C:/Windows/win.ini",
        "tin-tuc//a",
        "",
    ];

    #[test]
    fn a_manifest_entry_outside_the_target_stops_everything() {
        for entry in OUTSIDE {
            let mut remote = published(&before());
            let mut manifest = Manifest::from_bytes(&remote.files[MANIFEST]).unwrap();
            manifest
                .files
                .insert(entry.into(), manifest::Entry::of(b"x"));
            remote.files.insert(MANIFEST.into(), manifest.to_bytes());
            let untouched = remote.clone();
            match publish_to(&mut remote, &after(), false).unwrap_err() {
                Failure::EntryOutside {
                    record: MANIFEST,
                    entry: found,
                    ..
                } => assert_eq!(found, entry),
                other => panic!("{entry:?}: {other:?}"),
            }
            assert_eq!(remote.files, untouched.files, "{entry:?}");
            assert_eq!(remote.operations, untouched.operations, "{entry:?}");
        }
    }

    #[test]
    fn a_progress_record_entry_outside_the_target_stops_everything() {
        for entry in OUTSIDE {
            let mut remote = published(&before());
            let progress = manifest::Progress {
                generator: "loa".into(),
                done: BTreeMap::new(),
                pending: [entry.to_string()].into(),
            };
            remote.files.insert(PROGRESS.into(), progress.to_bytes());
            let untouched = remote.clone();
            let failure = publish_to(&mut remote, &after(), false).unwrap_err();
            assert!(
                matches!(&failure, Failure::EntryOutside { record: PROGRESS, entry: e, .. } if e == entry),
                "{entry:?}: {failure:?}"
            );
            assert_eq!(remote.files, untouched.files);
            assert_eq!(remote.operations, untouched.operations);
        }
    }

    #[test]
    fn the_entry_is_named_with_the_record_and_a_nul_shown_as_a_code() {
        let failure = Failure::EntryOutside {
            record: MANIFEST,
            entry: "a\0b".into(),
            why: BadPath::Nul,
        };
        let target = Target::Folder("/mnt/portal/cchc".into());
        let d = failure.diagnostic(&target, &login(None, None, false));
        assert_eq!(d.path, Path::new("/mnt/portal/cchc/.loa-publish.json"));
        assert!(d.message.contains("`a\\u{0}b`"), "{d}");
        assert!(d.message.contains(msg::PATH_NUL), "{d}");
        assert!(d.hint.unwrap().contains("Chưa có gì thay đổi"));
    }

    #[test]
    fn a_link_planted_in_the_target_stops_the_publish_before_anything_changes() {
        let mut remote = published(&before());
        // Someone swaps a folder loa published for a link to elsewhere.
        let moved: Vec<String> = remote
            .files
            .keys()
            .filter(|p| p.starts_with("tin-tuc/"))
            .cloned()
            .collect();
        for path in moved {
            remote.files.remove(&path);
        }
        remote.folders.retain(|f| !f.starts_with("tin-tuc"));
        remote.links.insert("tin-tuc".into());
        let untouched = remote.clone();
        match publish_to(&mut remote, &after(), false).unwrap_err() {
            Failure::Link { path, started } => {
                assert_eq!(path, "tin-tuc");
                assert!(!started);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(remote.files, untouched.files);
        assert_eq!(remote.operations, untouched.operations);

        // A link at a file's own name, too.
        let mut remote = published(&before());
        remote.files.remove("rss.xml");
        remote.links.insert("rss.xml".into());
        let failure = publish_to(&mut remote, &after(), false).unwrap_err();
        assert!(
            matches!(&failure, Failure::Link { path, .. } if path == "rss.xml"),
            "{failure:?}"
        );
    }

    #[test]
    fn a_damaged_manifest_stops_everything() {
        let mut remote = MemoryRemote::default();
        remote.files.insert(MANIFEST.into(), b"{ hong".to_vec());
        let failure = publish_to(&mut remote, &before(), false).unwrap_err();
        assert!(matches!(failure, Failure::ManifestDamaged));
        assert_eq!(remote.operations, 0);
    }
}
