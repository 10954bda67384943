//! The pipeline: every verb that makes the site runs [`build`], which reads top to bottom
//! like the data flows.
//!
//! ```text
//! content/** --load--> sources --parse--> pages --assemble--> site --render--> outputs --write--> output/**
//! ```
//!
//! The [`Destination`] decides what is kept in memory and what goes to disk; no stage knows
//! which it is. Verbs that need the site's content but no pages (`report`, `share`) stop at
//! [`assemble_site`]. The [`cache::Cache`] is the only state kept between builds (by `serve`).

pub mod cache;
mod destination;
mod edit;
mod input;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use destination::Destination;
pub use edit::{steady_now, templates_first, text_edit, Edited};
pub use input::parse_now;

use crate::assemble::Site;
use crate::diag::{self, Diagnostic};
use crate::load::SiteFiles;
use crate::render::{self, Outputs};
use crate::{review, search, write};
use cache::Cache;

/// What a build depends on besides the files: where the site is, its mode and its clock.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    /// `--base-url`: overrides `base_url` from config.yaml.
    pub base_url: Option<String>,
    /// `--drafts`: publish drafts and future-dated articles too.
    pub drafts: bool,
    /// `--now`: the moment that decides what is already published; default the clock.
    pub now: Option<String>,
    /// `check`: also the advice that matters when the officer reviews the site (topics behind
    /// their plan targets, articles without a good share image).
    pub review: bool,
    /// `serve --review`: articles waiting for approval are built too, as they will look.
    pub waiting: bool,
}

/// A site built: its files and what was found on the way.
#[derive(Debug)]
pub struct Built {
    /// Every file, each saying what it is and where its bytes are (in memory, or written to
    /// the destination folder already). The search index's are there unless made later.
    pub outputs: Outputs,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// HTML pages produced (redirects included).
    pub pages: usize,
    /// What writing into a folder did.
    pub written: Option<write::WriteReport>,
    /// For [`Destination::Preview`]: the search index, made when it is first asked for.
    pub search: Option<search::Deferred>,
    /// Articles held back for approval, or waiting for their author (`approval: required`).
    pub waiting: Vec<crate::approval::Waiting>,
    /// `check`: the pages whose `expires:` comes within the next days, soonest first.
    pub expiring: Vec<crate::assemble::Expiring>,
}

/// Builds the site into `to`. Returns every problem found when any is an error (warnings
/// included, so one run shows everything); nothing is written then.
pub fn build(
    options: &Options,
    cache: &mut Cache,
    to: Destination,
) -> Result<Built, Vec<Diagnostic>> {
    build_showing(options, cache, to, &mut |_| {})
}

/// A site assembled and found good, before its pages are rendered: what `serve` shows the
/// pages in view from while the others are made ([`build_showing`]).
pub struct Assembled<'a> {
    pub site: &'a Site,
    templates: &'a crate::templates::Templates,
    memo: &'a render::RenderMemo,
}

impl Assembled<'_> {
    /// The pages and lists at `outs` (output paths; others are left out) as the build will
    /// make them; `None` when one cannot be made (the build reports why).
    pub fn render(&self, outs: &[String]) -> Option<Vec<(String, render::Output)>> {
        render::viewed(self.site, self.templates, self.memo, outs).ok()
    }
}

/// [`build`], with `first` given the site as soon as it is assembled and found without
/// errors, before any page is rendered: `serve` shows the pages in view from it while the
/// others are made.
pub fn build_showing(
    options: &Options,
    cache: &mut Cache,
    to: Destination,
    first: &mut dyn FnMut(&Assembled),
) -> Result<Built, Vec<Diagnostic>> {
    let (mut site, files, mut problems) = input::assemble(options, cache, None)?;
    let mut expiring = Vec::new();
    if options.review {
        problems.extend(review::review(&site));
        expiring = crate::assemble::expiring_soon(&site);
    }
    let templates = match cache.templates(&files.theme_templates) {
        Ok(t) => t,
        Err(found) => return Err(finish(problems.into_iter().chain(found).collect())),
    };
    stop_on_errors(&problems)?;
    first(&Assembled {
        site: &site,
        templates: &templates,
        memo: &cache.rendered,
    });
    let to = to.open(&options.root, cache.tracks_changes())?;
    // The index's words are read from the pages' HTML first; then the pages may take their
    // HTML out of the site, and the index's files (postings, shards: mostly on one core) are
    // made while the pages render on the others.
    let index = to.search_index(&site, cache);
    let html = if to.takes_html() {
        site.take_html()
    } else {
        Vec::new()
    };
    let statics = statics(&site, &files);
    let (made, index) = rayon::join(
        || {
            let disk = to.disk();
            render::render(&site, &templates, &statics, &mut cache.rendered, html, disk)
        },
        || stream(index.finish(&site), to.disk().sink),
    );
    let mut outputs = made.outputs;
    let (index, unwritten) = index;
    outputs.extend(index);
    problems.extend(made.problems);
    problems.extend(unwritten);
    if let Err(problems) = stop_on_errors(&problems) {
        to.abandon();
        return Err(problems);
    }
    let warnings = finish(problems);
    let waiting = std::mem::take(&mut site.waiting);
    let later = to.later();
    let written = to
        .write(&outputs)
        .map_err(|d| finish([warnings.clone(), d].concat()))?;
    let search = if later {
        Some(search::Deferred::new(Arc::new(site), cache.search.clone()))
    } else {
        crate::memo::drop_later(site);
        None
    };
    Ok(Built {
        pages: outputs.values().filter(|o| o.kind.is_page()).count(),
        outputs,
        warnings,
        written,
        search,
        waiting,
        expiring,
    })
}

/// Runs load → parse → assemble only, for verbs that need the site's content but no pages
/// (`report`, `share`). Fails on any error, like a build; else returns the warnings too.
pub fn assemble_site(options: &Options) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (site, _, problems) = input::assemble(options, &mut Cache::default(), None)?;
    stop_on_errors(&problems)?;
    Ok((site, finish(problems)))
}

/// The desk's unsaved text of one content file, previewed in place of the file.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Path relative to `content/`, `/` separators (`tin-tuc/a.md`).
    pub rel: String,
    pub text: String,
}

/// The page a draft makes, alone, as the site would show it, and its problems.
#[derive(Debug, Default)]
pub struct PagePreview {
    /// The page's HTML; `None` when the draft makes no page (an error, a page held back).
    pub html: Option<Vec<u8>>,
    /// The page's site path (`tin-tuc/a/`), when it has one.
    pub path: Option<String>,
    /// Every problem of the draft's file, errors and warnings.
    pub problems: Vec<Diagnostic>,
    /// The byte ranges of the draft's body that the build links to a document's page.
    pub citations: Vec<std::ops::Range<usize>>,
}

/// Previews `draft` in the site: the same input stages as a build, with the draft in place of
/// its file, then its one page rendered. Nothing is written and no other page is rendered;
/// the cache keeps what the stages made, keyed by content, so the next build stays a clean
/// one. Fails only when the site itself cannot be read (its config).
pub fn preview(
    options: &Options,
    cache: &mut Cache,
    draft: &Draft,
) -> Result<PagePreview, Vec<Diagnostic>> {
    let (site, files, problems) = input::assemble(options, cache, Some(draft))?;
    let display = Path::new("content").join(&draft.rel);
    let mut preview = PagePreview {
        problems: problems.into_iter().filter(|d| d.path == display).collect(),
        ..PagePreview::default()
    };
    let Some(index) = site.pages.iter().position(|p| p.page.rel == draft.rel) else {
        preview.problems = finish(preview.problems);
        return Ok(preview);
    };
    let page = &site.pages[index].page;
    preview.path = Some(page.path.clone());
    if let Some(table) = crate::citations::table_of(&site.documents) {
        preview.citations = crate::markdown::linked_citations(&table, &page.body.text());
    }
    match cache.templates(&files.theme_templates) {
        Ok(templates) => match render::one_page(&site, &templates, index) {
            Ok(html) => preview.html = Some(html),
            Err(d) => preview.problems.push(d),
        },
        Err(found) => preview.problems.extend(found),
    }
    preview.problems = finish(preview.problems);
    Ok(preview)
}

/// Hands files to a clean build's writer as soon as they are made (the search index's, while
/// the pages still render) rather than after everything rendered; what it could not write.
fn stream(mut files: Outputs, sink: Option<&dyn render::Sink>) -> (Outputs, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    if let Some(sink) = sink {
        for (rel, output) in &mut files {
            let Some(bytes) = output.bytes() else {
                continue;
            };
            match sink.put(rel, bytes) {
                Ok(()) => output.body = render::Body::Written,
                Err(d) => problems.push(d),
            }
        }
    }
    (files, problems)
}

/// The static files of the site and its theme.
fn statics<'a>(site: &Site, files: &'a SiteFiles) -> render::Statics<'a> {
    let theme = site.config.theme.as_deref().unwrap_or("default");
    render::Statics {
        site: &files.statics,
        theme: &files.theme_statics,
        theme_dir: Path::new("themes").join(theme),
    }
}

fn stop_on_errors(problems: &[Diagnostic]) -> Result<(), Vec<Diagnostic>> {
    match problems.iter().any(Diagnostic::is_error) {
        true => Err(finish(problems.to_vec())),
        false => Ok(()),
    }
}

/// Sorted by file and line, each once.
fn finish(mut problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diag::sort(&mut problems);
    problems.dedup();
    problems
}
