//! Where a build's files go, and so what the build keeps in memory and leaves on disk.
//!
//! The stages know none of this: render is handed a [`render::Disk`] (where to put pages as
//! they are made, which files of the last build it may leave), and the pipeline asks the
//! destination when to make the search index and whether pages may take their HTML out of
//! the site.

use std::path::{Path, PathBuf};

use super::cache::Cache;
use crate::assemble::Site;
use crate::diag::Diagnostic;
use crate::render::{self, Body, Kind, Output, Outputs};
use crate::{msg, search, write};

/// Where a build's files go.
#[derive(Debug, Clone, Copy)]
pub enum Destination<'a> {
    /// Every file in memory (`check`, tests). With a cache that tracks changes, the pages'
    /// words are kept for the next build's search index.
    Memory,
    /// In memory for the preview (`serve`): the search index is made when a reader first
    /// searches, so an edited page shows without indexing the whole site first.
    Preview,
    /// Written into a folder (`build`). An absent or empty folder is filled page by page as
    /// they render, holding none; a folder loa wrote before is updated, leaving the files
    /// whose key is unchanged as they are, unrendered.
    Folder(&'a Path),
    /// Written into a folder, every file kept in memory too, for sending on (`publish`).
    FolderKeeping(&'a Path),
}

/// A destination opened for one build.
pub(super) struct Open {
    writer: Writer,
    index: Index,
}

/// How the files reach the disk, if they do.
enum Writer {
    Memory,
    /// A clean build into an absent or empty folder: each page written as it renders.
    Stream(write::Stream),
    /// Into a folder loa wrote before (or every file kept: `previous` is then `None`).
    Update {
        dir: PathBuf,
        program: write::Program,
        previous: Option<write::OnDisk>,
    },
}

/// When the search index is made, and what is kept of the pages' words.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Index {
    /// With the pages, keeping the words for the next build.
    Keep,
    /// With the pages, freeing the words (and the pages' HTML) before the pages render.
    Once,
    /// Not now: made when it is first asked for.
    Later,
}

impl Destination<'_> {
    /// Opens the destination: checks the folder, and starts a clean build's writing. `tracked`:
    /// the cache is kept for later builds.
    pub(super) fn open(self, root: &Path, tracked: bool) -> Result<Open, Vec<Diagnostic>> {
        let (writer, index) = match self {
            Destination::Memory if tracked => (Writer::Memory, Index::Keep),
            Destination::Memory => (Writer::Memory, Index::Once),
            Destination::Preview => (Writer::Memory, Index::Later),
            Destination::Folder(dir) => (open_folder(root, dir)?, Index::Once),
            Destination::FolderKeeping(dir) => {
                check_output_folder(root, dir)?;
                let (dir, program) = (dir.to_path_buf(), write::Program::current());
                let previous = None;
                let writer = Writer::Update {
                    dir,
                    program,
                    previous,
                };
                (writer, Index::Once)
            }
        };
        Ok(Open { writer, index })
    }
}

/// A folder that is absent or empty is streamed into; else it is updated.
fn open_folder(root: &Path, dir: &Path) -> Result<Writer, Vec<Diagnostic>> {
    check_output_folder(root, dir)?;
    let program = write::Program::current();
    match write::Stream::start(dir, &program).map_err(|d| vec![d])? {
        Some(stream) => Ok(Writer::Stream(stream)),
        None => Ok(Writer::Update {
            previous: write::OnDisk::read(dir, &program),
            dir: dir.to_path_buf(),
            program,
        }),
    }
}

impl Open {
    /// Where render puts pages as they are made, and which files of the last build it may
    /// leave as they are.
    pub(super) fn disk(&self) -> render::Disk<'_> {
        match &self.writer {
            // The preview keeps its pages between builds and sends only those asked for.
            Writer::Memory => render::Disk {
                pack: self.index == Index::Later,
                ..render::Disk::default()
            },
            Writer::Stream(stream) => render::Disk {
                sink: Some(stream),
                ..render::Disk::default()
            },
            Writer::Update { previous, .. } => render::Disk {
                previous: previous.as_ref().map(|p| p as &dyn render::Previous),
                ..render::Disk::default()
            },
        }
    }

    /// Whether the pages may take their HTML out of the site as they render: nothing reads it
    /// after them (the search index is made already, no later build reuses the site).
    pub(super) fn takes_html(&self) -> bool {
        self.index == Index::Once
    }

    /// Whether the search index is left to be made when asked for.
    pub(super) fn later(&self) -> bool {
        self.index == Index::Later
    }

    /// The search index's files, unless made later. A build that writes records their key,
    /// and leaves the last build's index as it is when the key is unchanged.
    pub(super) fn search_index(&self, site: &Site, cache: &Cache) -> SearchIndex {
        let key = self.writes().then(|| search::index_key(site));
        let previous = match &self.writer {
            Writer::Update { previous, .. } => previous.as_ref(),
            _ => None,
        };
        let kept = key.and_then(|key| render::Previous::all_of(previous?, &key));
        let documents = match (self.index, kept) {
            (Index::Later, _) => return SearchIndex::Made(Outputs::new()),
            (_, Some(kept)) => {
                let unchanged = |path| (path, output(key, Body::Unchanged));
                return SearchIndex::Made(kept.into_iter().map(unchanged).collect());
            }
            (Index::Keep, None) => {
                let mut memo = cache.search.lock().unwrap_or_else(|e| e.into_inner());
                search::documents(site, Some(&mut memo))
            }
            (Index::Once, None) => search::documents(site, None),
        };
        SearchIndex::Documents { key, documents }
    }

    fn writes(&self) -> bool {
        !matches!(self.writer, Writer::Memory)
    }

    /// Writes what the build made (what was not streamed already); `None` in memory.
    pub(super) fn write(
        self,
        outputs: &Outputs,
    ) -> Result<Option<write::WriteReport>, Vec<Diagnostic>> {
        match self.writer {
            Writer::Memory => Ok(None),
            Writer::Stream(stream) => stream.finish(outputs).map(Some),
            Writer::Update { dir, program, .. } => (write::write(outputs, &dir, &program))
                .map(Some)
                .map_err(|d| vec![d]),
        }
    }

    /// The build failed: a clean build's folder is left as it was found.
    pub(super) fn abandon(self) {
        if let Writer::Stream(stream) = self.writer {
            stream.abandon();
        }
    }
}

/// The search index of a build: made (or kept, or left for later), or its documents read,
/// its files still to make.
pub(super) enum SearchIndex {
    Made(Outputs),
    Documents {
        key: Option<crate::key::Hash>,
        documents: search::Documents,
    },
}

impl SearchIndex {
    /// The index's files: those of the documents made now (they need no page's HTML).
    pub(super) fn finish(self, site: &Site) -> Outputs {
        match self {
            SearchIndex::Made(outputs) => outputs,
            SearchIndex::Documents { key, documents } => {
                let made = |(path, bytes): (String, Vec<u8>)| {
                    (path, output(key, Body::Bytes(bytes.into())))
                };
                documents.files(site).into_iter().map(made).collect()
            }
        }
    }
}

fn output(key: Option<crate::key::Hash>, body: Body) -> Output {
    Output {
        kind: Kind::SearchFile,
        key,
        body,
    }
}

/// An output folder inside `content/`, `static/` or `themes/` would be read back as part of
/// the site on the next build.
fn check_output_folder(root: &Path, output: &Path) -> Result<(), Vec<Diagnostic>> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let output = absolute(output);
    for source in ["content", "static", "themes"] {
        if output.starts_with(absolute(&root.join(source))) {
            let d = Diagnostic::file_error(output.clone(), msg::output_inside_sources(source));
            return Err(vec![d.with_hint(msg::HINT_OUTPUT_ELSEWHERE)]);
        }
    }
    Ok(())
}
