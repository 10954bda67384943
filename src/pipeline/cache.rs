//! Results of the pipeline's pure stages, kept between builds by `serve`.
//!
//! Each entry is keyed by a hash of everything its stage reads, so a hit returns exactly what
//! running the stage again would: an empty cache is a clean build, and `serve`'s incremental
//! builds cannot drift from one (the invariant test in tests/site/invariant.rs holds us to it).
//! Only entries used by the latest build are kept, so the cache never outgrows the site.

use std::borrow::Cow;
use std::collections::BTreeSet;

use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::assemble::Converted;
use crate::diag::Diagnostic;
use crate::model::Page;

/// What parsing one file gave.
pub(crate) type Parsed = (Option<Arc<Page>>, Vec<Diagnostic>);

/// What is known of the site's files since the last load, for `serve`, whose watcher sees
/// every change: then the next load needs to look only at the files that changed.
#[derive(Debug, Default)]
enum Changes {
    /// Nobody reports changes (a build, a check): every load looks at every file.
    #[default]
    Untracked,
    /// Changes are reported, but some may have been missed (the watcher has just started,
    /// or lost track): the next load looks at every file.
    Unknown,
    /// Changes are reported: these paths changed since the last load.
    Since(BTreeSet<PathBuf>),
}

#[derive(Debug, Default)]
pub struct Cache {
    changes: Changes,
    /// What the files said and held when last read: an unchanged file is not read again.
    pub(crate) files: crate::load::Memo,
    /// Content path → (hash of the file and the config it was checked against, result).
    /// Compared as they are, an unchanged file costs no hashing.
    pub(crate) parsed: FxHashMap<String, ((crate::key::Hash, crate::key::Hash), Parsed)>,
    /// Content path → (hash of the page and of every link target, result).
    pub(crate) markdown: FxHashMap<String, Converted>,
    /// Resized photos by content hash.
    pub(crate) images: crate::images::Memo,
    /// Page path → (hash of its HTML, title, summary and labels, its words for search).
    pub(crate) search: Arc<std::sync::Mutex<crate::search::Memo>>,
    /// Rendered pages by output path, with the hash of what their context was built from.
    pub(crate) rendered: crate::render::RenderMemo,
    /// The topics', units' and tags' lists, with the hash of what they were made from.
    pub(crate) terms: crate::assemble::TermsMemo,
    /// The key of the last check of the addresses (reserved paths, two things on one URL)
    /// that found no problem.
    pub(crate) addresses: crate::assemble::AddressesMemo,
    /// Each article's related articles, by its path, with the hash of what they were
    /// chosen from.
    pub(crate) related: crate::assemble::RelatedMemo,
    /// The templates of the last build, with the hash of the theme's files they were made
    /// from: parsing them took a millisecond or more of every rebuild and desk preview.
    templates: Option<(crate::key::Hash, Arc<crate::templates::Templates>)>,
    /// The hash of the text of each file a build reads afresh (`config.yaml`, the templates,
    /// the data tables), by path, as the latest build read it.
    pub(crate) fresh_texts: FxHashMap<PathBuf, crate::key::Hash>,
    /// The regular files under `data/` as the latest load listed them (only for a site with
    /// a ledger: its evidence files). The build takes nothing from one but that it is there.
    pub(crate) listed_data: crate::load::DataFiles,
}

impl Cache {
    /// From now on, the caller reports every change with [`Cache::changed`]; the next load
    /// still looks at every file. Called again when changes may have been missed.
    pub fn track_changes(&mut self) {
        self.changes = Changes::Unknown;
    }

    /// Reports paths (absolute, as the site's root is given) created, written or removed.
    pub fn changed(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        if let Changes::Since(known) = &mut self.changes {
            known.extend(paths);
        }
    }

    /// Whether `paths` (files and folders of the site, absolute as the root is given) hold
    /// what the latest load read, with no change reported since that it did not read:
    /// building again would read the same. A file under `data/` the load only listed (an
    /// evidence file) holds while it is still a regular file there. A folder holds when every
    /// file under it does and none is gone. New files, removed ones and links never hold.
    pub fn holds(&self, root: &Path, paths: &BTreeSet<PathBuf>) -> bool {
        let settled = matches!(&self.changes, Changes::Since(known) if known.is_empty());
        settled
            && paths
                .iter()
                .all(|path| match std::fs::symlink_metadata(path) {
                    Ok(meta) if meta.is_dir() => self.holds_folder(root, path),
                    _ => self.holds_file(root, path),
                })
    }

    /// A folder whose every file the latest load read as it is now, none of them gone, with no
    /// link inside and at most a few dozen files. The watcher reports a folder made with
    /// files in it, such as a theme's `templates/`, sometimes only after the build that read
    /// them has started: that report alone must not build the site again (at 100,000
    /// articles the needless build took 0.4 s, which the next save waited for).
    fn holds_folder(&self, root: &Path, dir: &Path) -> bool {
        // More is a copy of many files: reading them again costs more than the build it
        // could spare.
        const MAX_FILES: usize = 32;
        let mut found = BTreeSet::new();
        for entry in walkdir::WalkDir::new(dir).min_depth(1) {
            let Ok(entry) = entry else { return false };
            if entry.file_type().is_dir() {
                continue;
            }
            if found.len() == MAX_FILES || !self.holds_file(root, entry.path()) {
                return false;
            }
            found.insert(entry.into_path());
        }
        // A removal inside the folder may be reported as the folder alone.
        !self
            .read_paths(root)
            .any(|path| path.starts_with(dir) && !found.contains(path.as_ref()))
    }

    /// Every file the latest load read or listed.
    fn read_paths<'a>(&'a self, root: &'a Path) -> impl Iterator<Item = Cow<'a, Path>> + 'a {
        let data = root.join(crate::load::DATA_DIR);
        (self.files.paths().map(Cow::Borrowed))
            .chain(self.fresh_texts.keys().map(|p| Cow::Borrowed(p.as_path())))
            .chain((self.listed_data.files.iter()).map(move |rel| Cow::Owned(data.join(rel))))
    }

    fn holds_file(&self, root: &Path, path: &Path) -> bool {
        if let Some(&known) = self.fresh_texts.get(path) {
            crate::load::is_plain_file(path)
                && crate::load::fresh_text(root, path)
                    .is_ok_and(|t| crate::key::Hash::of(t.as_bytes()) == known)
        } else {
            self.files.holds(path) || self.listed_data.holds(root, path)
        }
    }

    /// Whether changes are reported: only then is keeping the files' bytes worth it.
    pub(crate) fn tracks_changes(&self) -> bool {
        !matches!(self.changes, Changes::Untracked)
    }

    /// The paths changed since the last load, when they are known and there are some. They
    /// stay reported: the next load reads them again.
    pub(crate) fn pending(&self) -> Option<&BTreeSet<PathBuf>> {
        match &self.changes {
            Changes::Since(paths) if !paths.is_empty() => Some(paths),
            _ => None,
        }
    }

    /// The paths changed since the last load, when known; starts counting again.
    pub(crate) fn take_changes(&mut self) -> Option<BTreeSet<PathBuf>> {
        match std::mem::take(&mut self.changes) {
            Changes::Untracked => None,
            Changes::Unknown => {
                self.changes = Changes::Since(BTreeSet::new());
                None
            }
            Changes::Since(paths) => {
                self.changes = Changes::Since(BTreeSet::new());
                Some(paths)
            }
        }
    }

    /// The built-in templates with the theme's `files` over them, reused when the files are
    /// the ones of the last build. Templates with errors are not kept.
    pub(crate) fn templates(
        &mut self,
        files: &[crate::load::TemplateFile],
    ) -> Result<Arc<crate::templates::Templates>, Vec<Diagnostic>> {
        let mut key = crate::key::Key::new("templates");
        for file in files {
            key.text(&file.name)
                .text(&file.display.to_string_lossy())
                .text(&file.text);
        }
        let key = key.finish();
        if let Some((k, templates)) = &self.templates {
            if *k == key {
                return Ok(templates.clone());
            }
        }
        let templates = Arc::new(crate::templates::Templates::new(files)?);
        self.templates = Some((key, templates.clone()));
        Ok(templates)
    }

    /// The templates of the last build, if they had no error.
    pub(crate) fn last_templates(&self) -> Option<Arc<crate::templates::Templates>> {
        self.templates
            .as_ref()
            .map(|(_, templates)| templates.clone())
    }

    /// Number of entries, for tests and reports.
    pub fn len(&self) -> usize {
        self.files.len()
            + self.parsed.len()
            + self.markdown.len()
            + self.images.len()
            + self.search.lock().map_or(0, |m| m.len())
            + self.rendered.len()
            + self.related.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
