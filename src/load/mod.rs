//! Reading the site folder: content sources, co-located files, `static/` and theme files.
//!
//! This is the only stage, with `write`, that touches the disk. It reads everything the later
//! stages need into memory, in a sorted order, so they are pure and deterministic.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diag::Diagnostic;
use crate::msg;

mod data;
mod reader;

use data::list_data;
pub use data::{read_data_text, DataFiles, DATA_DIR};
use reader::{Known, Reader};

/// A Markdown file under `content/`.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to `content/`, with `/` separators, NFC (`tin-tuc/bai-viet.md`).
    pub rel: String,
    /// Path shown to the officer (`content/tin-tuc/bai-viet.md`), relative to the site.
    pub display: PathBuf,
    /// `None` for a file `serve` saw unchanged since the load before, whose bytes it does not
    /// keep (their parse is kept instead): [`Source::read_again`] reads them if needed.
    pub bytes: Option<Arc<Vec<u8>>>,
    /// Hash of the bytes, so later stages can tell an unchanged file without reading it whole.
    pub hash: crate::key::Hash,
}

impl Source {
    /// A source from bytes already in memory.
    pub fn new(rel: String, display: PathBuf, bytes: Vec<u8>) -> Source {
        Source {
            rel,
            display,
            hash: crate::key::Hash::of(&bytes),
            bytes: Some(Arc::new(bytes)),
        }
    }

    /// The source with its bytes, read from the site at `root` if they were not kept. The
    /// file may have changed since it was listed: then it comes with its new bytes and hash
    /// (the watcher reports that change, and the next build sees it too).
    pub fn read_again(self, root: &Path) -> Result<Source, Diagnostic> {
        if self.bytes.is_some() {
            return Ok(self);
        }
        let bytes = read(root, &root.join(&self.display))?;
        Ok(Source::new(self.rel, self.display, bytes))
    }
}

/// Any other file that is copied into the site: images beside articles, `static/`, theme assets.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to its folder (`content/`, `static/`, the theme's `static/`), `/` separators, NFC.
    pub rel: String,
    pub bytes: Arc<Vec<u8>>,
    /// Hash of `bytes`.
    pub hash: crate::key::Hash,
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
    /// The text of `data/hoat-dong.yaml` (the ledger of activities), when the site has one.
    pub ledger: Option<String>,
    /// What `data/` holds, listed only when the site has a ledger (its evidence files).
    pub data: DataFiles,
}

/// Files read by earlier loads, kept by `serve` so that a save re-reads one file, not the
/// site: path → what its metadata said, its bytes and their hash. Only files seen by the
/// latest load are kept.
#[derive(Debug, Default)]
pub struct Memo {
    /// By path, as text: hashing a `Path` parses its components.
    known: rustc_hash::FxHashMap<std::ffi::OsString, Known>,
    /// The files of `content/` as the latest load listed them, when it could list them all.
    content: Option<Listing>,
    /// For a load no other follows ([`Memo::one_off`]).
    one_off: bool,
}

/// Files under a folder: (path relative to it, NFC, `/` separators; full path), in the order
/// a sorted walk gives.
type Listing = Vec<(String, PathBuf)>;

impl Memo {
    /// A memo for a load that no other follows (`loa build`): no load compares the stamps it
    /// records, so its files are read without a look at their metadata first (0.5 % of a
    /// clean build). Their hashes are still made: the keys of the pages made from them say,
    /// in the output folder, which pages the next build may keep.
    pub fn one_off() -> Memo {
        Memo {
            one_off: true,
            ..Memo::default()
        }
    }

    /// Whether `path` is a file the latest load read, and it holds the same bytes now.
    pub fn holds(&self, path: &Path) -> bool {
        let Some(known) = self.known.get(path.as_os_str()) else {
            return false;
        };
        is_plain_file(path)
            && std::fs::read(path).is_ok_and(|bytes| crate::key::Hash::of(&bytes) == known.hash)
    }

    pub fn len(&self) -> usize {
        self.known.len()
    }

    /// The files the latest load read.
    pub fn paths(&self) -> impl Iterator<Item = &Path> + '_ {
        self.known.keys().map(Path::new)
    }

    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }
}

/// A Markdown file of `content/` that the last load (`memo`) listed, read again after the
/// watcher saw it written; `None` when it is not one (new, gone, a folder, a link, not
/// Markdown) or cannot be read: a whole load then tells what it is.
pub fn source_of(root: &Path, memo: &Memo, path: &Path) -> Option<Source> {
    let listing = memo.content.as_ref()?;
    let at = (listing.binary_search_by(|(_, p)| p.as_path().cmp(path))).ok()?;
    let rel = &listing[at].0;
    if !rel.ends_with(".md") || !is_plain_file(path) {
        return None;
    }
    let bytes = read(root, path).ok()?;
    Some(Source::new(
        rel.clone(),
        Path::new("content").join(rel),
        bytes,
    ))
}

/// Reads `content/`, `static/` and, when the config names one, `themes/<theme>/`.
pub fn load(root: &Path, theme: Option<&str>) -> (SiteFiles, Vec<Diagnostic>) {
    load_with(root, theme, &mut Memo::default(), None)
}

/// [`load`] that does not read again a file whose stamp is the one `memo` holds for it.
///
/// `changed`, when given, is every path created, written or removed since the load that
/// filled `memo` (as `serve`'s watcher saw them): then `content/` is not walked again and
/// other files are not even looked at. Without it, every file's stamp is checked.
pub fn load_with(
    root: &Path,
    theme: Option<&str>,
    memo: &mut Memo,
    changed: Option<&BTreeSet<PathBuf>>,
) -> (SiteFiles, Vec<Diagnostic>) {
    let mut previous = std::mem::take(memo);
    let content = root.join("content");
    let listed = match (changed, previous.content.take()) {
        (Some(changed), Some(listing)) => update_listing(&content, listing, changed),
        _ => None,
    };
    let reader = Reader {
        root,
        previous: &previous,
        changed,
        now: SystemTime::now(),
        seen: std::sync::Mutex::new(Vec::new()),
    };
    let (files, problems, listing) =
        reader::on_readers(&reader, || load_all(root, theme, &reader, listed));
    let read = reader.seen.into_inner().unwrap_or_default();
    memo.known = match changed {
        // Only the changed files were looked at: the others stay as they were known.
        Some(changed) => {
            let mut known = previous.known;
            for path in changed {
                known.remove(path.as_os_str());
            }
            known.extend(read.into_iter().map(|(p, k)| (p.into_os_string(), k)));
            known
        }
        None => read
            .into_iter()
            .map(|(p, k)| (p.into_os_string(), k))
            .collect(),
    };
    memo.content = listing;
    (files, problems)
}

/// The listing of `dir` after the changes, without walking it; `None` when a folder was
/// created, moved or removed, which only a walk can follow.
fn update_listing(
    dir: &Path,
    mut listing: Listing,
    changed: &BTreeSet<PathBuf>,
) -> Option<Listing> {
    for path in changed {
        if path == dir || dir.starts_with(path) {
            return None;
        }
        let Ok(rel) = path.strip_prefix(dir) else {
            continue;
        };
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts.iter().any(|p| is_ignored(p)) {
            continue;
        }
        let place = listing.binary_search_by(|(_, p)| p.as_path().cmp(path));
        match (std::fs::symlink_metadata(path), place) {
            (Ok(meta), _) if meta.is_dir() => return None,
            (Ok(meta), Err(at)) if meta.is_file() => {
                listing.insert(at, (crate::text::nfc(&parts.join("/")), path.clone()));
            }
            (Ok(meta), Ok(at)) if !meta.is_file() => {
                listing.remove(at);
            }
            (Ok(_), _) => {}
            (Err(_), Ok(at)) => {
                listing.remove(at);
            }
            (Err(_), Err(at)) => {
                // Gone, and not a file we listed: it may have been a folder.
                let prefix = path.as_os_str().len();
                if listing
                    .get(at)
                    .is_some_and(|(_, p)| p.starts_with(path) && p.as_os_str().len() > prefix)
                {
                    return None;
                }
            }
        }
    }
    Some(listing)
}

/// Reads everything; `listed` is `content/`'s listing when it is already known. Returns the
/// listing too, when complete, for the next load.
fn load_all(
    root: &Path,
    theme: Option<&str>,
    reader: &Reader,
    listed: Option<Listing>,
) -> (SiteFiles, Vec<Diagnostic>, Option<Listing>) {
    let mut problems = Vec::new();
    let listing = listed.unwrap_or_else(|| walk(root, &root.join("content"), &mut problems));
    let (md, other): (Vec<_>, Vec<_>) = listing.iter().partition(|(rel, _)| rel.ends_with(".md"));
    let sources = md
        .into_par_iter()
        .map(|(rel, path)| {
            let display = Path::new("content").join(rel);
            let (bytes, hash) = reader.read_source(path)?;
            if bytes
                .as_ref()
                .is_some_and(|b| b.len() as u64 > MAX_TEXT_BYTES)
            {
                return Err(
                    Diagnostic::file_error(display, msg::too_large(MAX_TEXT_BYTES))
                        .with_hint(msg::HINT_TOO_LARGE),
                );
            }
            Ok(Source {
                display,
                rel: rel.clone(),
                bytes,
                hash,
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
    let other = other.into_iter().cloned().collect();
    files.content_assets = read_assets(reader, other, &mut problems);
    let complete = problems.is_empty().then_some(listing);
    let statics = walk(root, &root.join("static"), &mut problems);
    files.statics = read_assets(reader, statics, &mut problems);

    let mut data_text = |rel: &str| {
        read_data_text(root, rel)
            .map_err(|d| problems.push(d))
            .ok()
            .flatten()
    };
    files.documents = data_text(DOCUMENTS_FILE);
    files.ledger = data_text(LEDGER_FILE);
    if files.ledger.is_some() {
        files.data = list_data(root, &mut problems);
    }

    if let Some(name) = theme {
        let dir = root.join("themes").join(name);
        if !dir.is_dir() {
            problems.push(
                Diagnostic::file_error(crate::config::CONFIG_FILE, msg::theme_missing(name))
                    .with_hint(msg::HINT_THEME_FOLDER),
            );
        }
        files.theme_templates = theme_templates(root, name, &mut problems);
        let theme_statics = walk(root, &dir.join("static"), &mut problems);
        files.theme_statics = read_assets(reader, theme_statics, &mut problems);
    }
    (files, problems, complete)
}

/// The template files of the theme `name` (`themes/<name>/templates/`), read again each time:
/// a whole load, and `serve` after an edit of templates alone.
pub fn theme_templates(
    root: &Path,
    name: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<TemplateFile> {
    let dir = root.join("themes").join(name).join("templates");
    let mut templates = Vec::new();
    for (rel, path) in walk(root, &dir, problems) {
        match fresh_text(root, &path) {
            Ok(text) => templates.push(TemplateFile {
                name: rel,
                display: crate::diag::display_path(root, &path),
                text,
            }),
            Err(d) => problems.push(d),
        }
    }
    templates
}

fn read_assets(
    reader: &Reader,
    files: Vec<(String, PathBuf)>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Asset> {
    let read: Vec<_> = files
        .into_par_iter()
        .map(|(rel, path)| {
            let (bytes, hash) = reader.read_kept(&path)?;
            Ok(Asset { rel, bytes, hash })
        })
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
                files.push((relative(dir, e.path()), e.path().to_path_buf()));
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

/// `path` relative to `dir`, NFC, with `/` separators.
fn relative(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    crate::text::nfc(&parts.join("/"))
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

use crate::text::{read_text_file, MAX_TEXT_BYTES};

/// The table of legal documents the site cites (`crate::citations`), relative to the site
/// folder.
pub const DOCUMENTS_FILE: &str = "data/van-ban.yaml";

/// The ledger of activities that are not articles (`crate::ledger`), relative to the site
/// folder.
pub const LEDGER_FILE: &str = "data/hoat-dong.yaml";

fn read(root: &Path, path: &Path) -> Result<Vec<u8>, Diagnostic> {
    read_text_file(path).map_err(|e| {
        let d = Diagnostic::file_error(crate::diag::display_path(root, path), msg::io_read(&e));
        match e.kind() {
            std::io::ErrorKind::FileTooLarge => d.with_hint(msg::HINT_TOO_LARGE),
            _ => d,
        }
    })
}

/// The text of a file every build reads afresh (a template, a data table; `config.yaml` is
/// read the same way by `config::read`), decoded like content.
pub fn fresh_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    read(root, path).and_then(|b| decode(root, path, b))
}

/// Whether `path` is a regular file itself, not a folder nor a link (which a load lists and
/// never follows): what a file a load read or listed must still be for a save of it to leave
/// the site as built.
pub fn is_plain_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
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
    use super::*;

    /// What a load gives, comparable: each source's path and hash, each asset's path and bytes.
    fn seen(files: &SiteFiles) -> Vec<(String, Vec<u8>)> {
        let sources = files
            .sources
            .iter()
            .map(|s| (s.rel.clone(), s.hash.as_bytes().to_vec()));
        let assets = (files.content_assets.iter().chain(&files.statics))
            .map(|a| (format!("asset:{}", a.rel), (*a.bytes).clone()));
        sources.chain(assets).collect()
    }

    fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_load_told_what_changed_gives_what_a_full_load_gives() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        for n in 0..5 {
            write(&root, &format!("content/tin-tuc/{n}.md"), "cũ");
        }
        write(&root, "static/a.css", "a{}");
        let mut memo = Memo::default();
        load_with(&root, None, &mut memo, None);

        // Each kind of change, then a load told only of the paths that changed.
        let cases: Vec<Box<dyn Fn() -> Vec<PathBuf>>> = vec![
            Box::new(|| vec![write(&root, "content/tin-tuc/1.md", "mới")]),
            Box::new(|| vec![write(&root, "content/tin-tuc/9.md", "thêm")]),
            Box::new(|| {
                let gone = root.join("content/tin-tuc/2.md");
                std::fs::remove_file(&gone).unwrap();
                vec![gone]
            }),
            Box::new(|| vec![write(&root, "content/.1.md.swp", "rác")]),
            // A new folder: only a walk finds what is in it.
            Box::new(|| {
                write(&root, "content/su-kien/a/index.md", "sự kiện");
                vec![root.join("content/su-kien")]
            }),
            Box::new(|| {
                let from = root.join("content/tin-tuc/3.md");
                let to = root.join("content/tin-tuc/3b.md");
                std::fs::rename(&from, &to).unwrap();
                vec![from, to]
            }),
            Box::new(|| {
                let folder = root.join("content/su-kien");
                std::fs::remove_dir_all(&folder).unwrap();
                vec![folder.join("a/index.md"), folder.join("a"), folder]
            }),
            Box::new(|| vec![write(&root, "static/a.css", "b{}")]),
        ];
        for (n, change) in cases.iter().enumerate() {
            let changed: BTreeSet<PathBuf> = change().into_iter().collect();
            let (told, _) = load_with(&root, None, &mut memo, Some(&changed));
            let (full, _) = load(&root, None);
            assert_eq!(seen(&told), seen(&full), "change {n}");
        }
    }

    #[test]
    fn a_file_saved_twice_within_the_clock_tick_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let path = write(&root, "content/a.md", "một");
        let mut memo = Memo::default();
        load_with(&root, None, &mut memo, None);
        // Same length, and maybe the same modification time: just written, it is not
        // trusted, so the next load (not told of the change) reads it again.
        std::fs::write(&path, "mốt").unwrap();
        let (files, _) = load_with(&root, None, &mut memo, None);
        assert_eq!(
            **files.sources[0].bytes.as_ref().unwrap(),
            "mốt".as_bytes().to_vec()
        );
    }

    #[test]
    fn the_memo_keeps_the_bytes_of_other_files_but_not_of_markdown() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let past = SystemTime::now() - std::time::Duration::from_secs(3600);
        for path in [
            write(&root, "content/a.md", "bài"),
            write(&root, "static/ghi-chu.md", "ghi chú"),
            write(&root, "static/a.css", "a{}"),
        ] {
            let file = std::fs::File::options().write(true).open(path).unwrap();
            file.set_modified(past).unwrap();
        }
        let mut memo = Memo::default();
        let (first, _) = load_with(&root, None, &mut memo, None);
        assert!(first.sources[0].bytes.is_some(), "read this time");
        // Told that nothing changed: nothing is read, the memo answers.
        let (again, _) = load_with(&root, None, &mut memo, Some(&BTreeSet::new()));
        assert_eq!(again.sources[0].bytes, None);
        assert_eq!(again.sources[0].hash, first.sources[0].hash);
        let statics: Vec<(&str, &[u8])> = (again.statics.iter())
            .map(|a| (a.rel.as_str(), a.bytes.as_slice()))
            .collect();
        assert_eq!(
            statics,
            [("a.css", &b"a{}"[..]), ("ghi-chu.md", "ghi chú".as_bytes())]
        );
    }

    #[test]
    fn a_one_off_load_reads_what_a_tracked_one_does() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        write(&root, "content/a.md", "bài");
        write(&root, "content/tin-tuc/b.md", "tin");
        write(&root, "static/a.css", "a{}");
        let (one_off, problems) = load_with(&root, None, &mut Memo::one_off(), None);
        assert!(problems.is_empty(), "{problems:?}");
        let (tracked, _) = load(&root, None);
        assert_eq!(seen(&one_off), seen(&tracked));
        let bytes: Vec<&[u8]> = (one_off.sources.iter())
            .map(|s| s.bytes.as_ref().unwrap().as_slice())
            .collect();
        assert_eq!(bytes, [&b"b\xc3\xa0i"[..], b"tin"]);
    }

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
