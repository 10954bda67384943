//! Render stage: the assembled site becomes its output files, in memory.
//!
//! Pure apart from Tera: every page, list, feed and redirect is produced here as bytes keyed
//! by output path, so nothing is written until everything has rendered without error. A clean
//! build hands its pages to a [`Sink`] instead, which writes each as soon as it is rendered
//! into a folder that was empty, and empties it again should the build fail.

mod alone;
mod cards;
mod context;
mod coverage;
mod documents;
mod home;
mod lists;
mod memo;
mod order;
mod page_keys;
mod pages;
mod search;
mod shared;
mod site_files;
mod sitemap;

use crate::taxonomy::Taxonomy;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Value};

use crate::assemble::{Published, Site};
use crate::diag::Diagnostic;
use crate::key::Key;
use crate::load::Asset;
use crate::msg;
pub use crate::output::{Body, Kind, Output, Outputs};
use crate::templates::Templates;
use crate::views::{ArticleCard, Views};
pub use alone::{edited, one_page, pages_at, viewed, Changed};
use memo::remember;
pub use memo::{Memoized, RenderMemo};
use page_keys::PageKeys;
use site_files::copy_statics;

/// Static files from the site and its theme, copied as they are.
pub struct Statics<'a> {
    pub site: &'a [Asset],
    pub theme: &'a [Asset],
    /// The theme's folder (`themes/<name>`), to name its files in messages.
    pub theme_dir: PathBuf,
}

/// Takes the site's pages as they are rendered (`crate::write::Stream`, which reports at the end).
pub trait Sink: Sync {
    fn put(&self, rel: &str, bytes: &Arc<Vec<u8>>) -> Result<(), Diagnostic>;
}

/// The files an earlier build wrote into the folder a build writes to, by the key they were
/// made from (`crate::write::OnDisk`).
pub trait Previous: Sync {
    /// Whether the file at `rel` was made from `key` and is still there as written.
    fn has(&self, rel: &str, key: &crate::key::Hash) -> bool;
    /// Every file made from `key`, if there are some and all are still there as written.
    fn all_of(&self, key: &crate::key::Hash) -> Option<Vec<String>>;
}

/// How a build that writes meets the disk: where pages go as they are rendered (a clean
/// build), or the last build's files it may leave as they are instead of rendering them again
/// (a rebuild into the same folder). Never both: a sink fills an empty folder. The default,
/// neither, keeps every file in memory.
#[derive(Clone, Copy, Default)]
pub struct Disk<'a> {
    pub sink: Option<&'a dyn Sink>,
    pub previous: Option<&'a dyn Previous>,
    /// Keep the pages in memory packed ([`crate::kept::Packed`]): `serve` holds them
    /// between builds and sends a few.
    pub pack: bool,
}

/// What [`render`] made: every file, each with its kind, key and where its bytes are, and the
/// problems found.
pub struct Made {
    pub outputs: Outputs,
    pub problems: Vec<Diagnostic>,
}

/// Renders every page, list, feed and redirect, and copies the static files. The search
/// index is made apart (`crate::search`): its files are not among these outputs. With a
/// `disk.sink`, the pages and lists go to it as they are made and are not kept (nor
/// memoized); with `disk.previous`, a page whose key is unchanged is left there, unrendered.
/// `html` holds the pages' HTML taken out of the site (see `Site::take_html`), if it was.
pub fn render(
    site: &Site,
    templates: &Templates,
    statics: &Statics,
    memo: &mut RenderMemo,
    html: Vec<Option<String>>,
    disk: Disk,
) -> Made {
    debug_assert!(disk.sink.is_none() || disk.previous.is_none());
    let sink = disk.sink;
    let mut r = Renderer::new(site, templates, memo, html, disk.previous, disk.pack);
    let feed_contents = r.feed_contents();
    let feed_html = r.remembered_feed_html(&feed_contents);
    let emit = |result| emit(sink, result);
    // Article pages carry their whole body in their context: those contexts are built inside
    // the parallel loop, a few at a time, rather than all up front.
    let mut problems = std::mem::take(&mut r.shared.once_problems);
    let pages: Vec<Result<Done, Diagnostic>> = (0..site.pages.len())
        .into_par_iter()
        .with_max_len(crate::assemble::PIECE)
        .map(|i| emit(r.page(i)))
        .collect();
    let rendered: Vec<Result<Done, Diagnostic>> =
        r.list_jobs().map(|job| emit(r.run(job))).collect();
    let mut files = Vec::with_capacity(pages.len() + rendered.len() + site.aliases.len());
    // The pages rendered anew, for the memo (those a sink took are not kept), and how many
    // were taken from it.
    let mut fresh = Vec::new();
    let mut reused = 0;
    for result in pages.into_iter().chain(rendered) {
        match result {
            Ok(mut done) => {
                match (done.key, done.reused, &done.body) {
                    (Some(key), false, Body::Bytes(_) | Body::Packed(_) | Body::Marked(..)) => {
                        fresh.push((done.out.clone(), (key, done.body.clone())));
                    }
                    (Some(_), true, Body::Bytes(_) | Body::Packed(_) | Body::Marked(..)) => {
                        reused += 1
                    }
                    _ => {}
                }
                let out = std::mem::take(&mut done.out);
                files.push((out, done.output()));
            }
            Err(d) => problems.push(d),
        }
    }
    problems.extend(r.take_card_problems());
    for alias in &site.aliases {
        let page = Output::new(Kind::Redirect, r.redirect(&alias.target));
        files.push((alias.file.clone(), page));
    }
    let mut outputs = order::by_path(files);
    for done in r.feeds(&mut outputs, &feed_contents) {
        match (done.key, done.reused) {
            (Some(key), false) => fresh.push((done.out.clone(), (key, done.body.clone()))),
            (Some(_), true) => reused += 1,
            _ => {}
        }
        outputs.insert(done.out.clone(), done.output());
    }
    copy_statics(site, statics, &mut outputs, &mut problems);
    // A clean build keeps nothing for others (its pages went to the sink).
    let pieces = r.sitemap.lock().ok().and_then(|mut p| p.take());
    let secret = r.once_secret.take();
    let cards = r.cards_to_keep();
    let current = memo::cards_overflow(memo, cards.len(), site.pages.len()).then(|| r.card_keys());
    let dictionary = r.finish();
    #[cfg(test)]
    {
        memo.cards_made = cards.len();
    }
    memo::keep_cards(memo, cards, current);
    if let (Some(pieces), None) = (pieces, sink) {
        memo.sitemap = pieces;
    }
    memo.dictionary = memo.dictionary.take().or(dictionary);
    memo.once_secret = memo.once_secret.take().or(secret);
    remember(memo, fresh, reused, &outputs);
    memo.feed_html = feed_html;
    Made { outputs, problems }
}

/// A page rendered, handed to `sink` if there is one (it is then written, not kept).
fn emit(sink: Option<&dyn Sink>, result: Result<Done, Diagnostic>) -> Result<Done, Diagnostic> {
    match (sink, result) {
        (Some(sink), Ok(mut done)) => {
            if let Body::Bytes(bytes) = &done.body {
                sink.put(&done.out, bytes)?;
                done.body = Body::Written;
            }
            Ok(done)
        }
        (_, result) => result,
    }
}

/// One template to render into one output file.
pub(crate) struct Job<'r> {
    out: String,
    kind: Kind,
    template: String,
    /// Hash of everything `context` is built from, when the page may be reused from an
    /// earlier build; `None` for the few pages that are always rendered.
    key: Option<crate::key::Hash>,
    /// Builds the template context; not called when the page is reused.
    context: Box<dyn FnOnce() -> Context + Send + 'r>,
    /// The content file behind the page, named in errors.
    source: Option<std::path::PathBuf>,
    /// Line of the `template:` key in that file (0 when the default template is used).
    template_line: usize,
}

impl Done {
    fn output(self) -> Output {
        Output {
            kind: self.kind,
            key: self.key,
            body: self.body,
        }
    }
}

/// A rendered (or reused) page.
pub(crate) struct Done {
    out: String,
    kind: Kind,
    /// Its memo key, when it has one.
    key: Option<crate::key::Hash>,
    body: Body,
    /// Taken from the memo rather than rendered.
    reused: bool,
}

pub(crate) struct Renderer<'a> {
    site: &'a Site,
    views: Views<'a>,
    templates: &'a Templates,
    /// `site`, the `once/` parts (or their marks) and the keys' common parts.
    shared: shared::Shared<'a>,
    /// The secret naming the marks, when this build made it: kept in the memo.
    once_secret: Option<String>,
    /// Each page's card, made when a page that shows it is rendered (most are reused).
    cards: Vec<std::sync::OnceLock<ArticleCard>>,
    /// Each card as a template value, made once for the many lists that show it.
    card_values: Vec<std::sync::OnceLock<Value>>,
    /// The same with its `card/` parts, for the pages that show them.
    card_part_values: Vec<std::sync::OnceLock<Value>>,
    /// Why some cards' `card/` parts could not be rendered, by page index.
    card_problems: std::sync::Mutex<Vec<(usize, Diagnostic)>>,
    /// The cards' `card/` parts this build rendered (not those it took from the memo), for
    /// `serve` to keep.
    parts_made: Vec<std::sync::OnceLock<Value>>,
    /// Some card's `card/` parts could not be rendered: none is kept for later builds.
    card_failed: std::sync::atomic::AtomicBool,
    page_keys: PageKeys<'a>,
    previous: &'a RenderMemo,
    /// The files the last build wrote, for a build that writes into the same folder.
    on_disk: Option<&'a dyn Previous>,
    /// Pages' HTML taken out of the site, by page index, for the page to take when it
    /// renders (see `Site::take_html`); empty when the site keeps it.
    html: Vec<std::sync::Mutex<Option<String>>>,
    /// Pages are kept packed (see [`Disk::pack`]).
    pack: bool,
    /// What pages are packed against: the memo's, else the first page packed.
    dictionary: std::sync::OnceLock<Arc<Vec<u8>>>,
    /// The sitemap's pieces, when it was written anew, for the memo.
    sitemap: std::sync::Mutex<Option<sitemap::Pieces>>,
    /// After a text edit that changed the cards of these pages (by page index), the only
    /// pages of the sections' and terms' lists made: those showing one of them. Every other
    /// list page's key, so its file, is the last build's (`alone::edited`).
    only_showing: Option<Vec<bool>>,
}

impl<'a> Renderer<'a> {
    fn new(
        site: &'a Site,
        templates: &'a Templates,
        previous: &'a RenderMemo,
        html: Vec<Option<String>>,
        on_disk: Option<&'a dyn Previous>,
        pack: bool,
    ) -> Self {
        let views = Views::new(site);
        let site_view = views.site();
        // Made by the first build that packs, then kept by the memo: its pages' marks name it.
        let once_secret = (pack && previous.once_secret.is_none())
            .then(|| crate::random::hex(16).ok())
            .flatten();
        let secret = (previous.once_secret.as_deref())
            .or(once_secret.as_deref())
            .filter(|_| pack);
        let shared = shared::Shared::new(site, templates, &site_view, secret);
        Renderer {
            site,
            views,
            templates,
            shared,
            once_secret,
            cards: once_each(site.pages.len()),
            card_values: once_each(site.pages.len()),
            card_part_values: once_each(site.pages.len()),
            card_problems: std::sync::Mutex::default(),
            card_failed: std::sync::atomic::AtomicBool::new(false),
            parts_made: once_each(site.pages.len()),
            page_keys: PageKeys::new(site),
            previous,
            on_disk,
            html: html.into_iter().map(std::sync::Mutex::new).collect(),
            pack,
            dictionary: std::sync::OnceLock::new(),
            sitemap: std::sync::Mutex::new(None),
            only_showing: None,
        }
    }

    /// Ends the render: the cards' values, most of what the renderer made, are freed on the
    /// side. Returns what pages were packed against, for the memo.
    fn finish(mut self) -> Option<Arc<Vec<u8>>> {
        crate::memo::drop_later((
            std::mem::take(&mut self.cards),
            std::mem::take(&mut self.card_values),
            std::mem::take(&mut self.card_part_values),
        ));
        self.dictionary.take()
    }

    /// A memo key of a `kind` of page rendered with `template`, already holding what all
    /// pages share.
    pub(crate) fn key(&self, kind: &str, template: &str) -> Key {
        let mut key = Key::new(kind);
        key.hash(&self.shared_key(template));
        key
    }

    /// A memo key of a `kind` of file written without a template (a feed, the sitemap):
    /// what every page shares but the templates, so that a template edit leaves it as it was,
    /// and but the articles' counts, which such a file does not show (its own key has what it
    /// lists).
    pub(crate) fn data_key(&self, kind: &str) -> Key {
        let mut key = Key::new(kind);
        key.hash(&self.shared.uncounted);
        key
    }

    /// What every page rendered with `template` shares: the templates it reads, and the
    /// clock too if it shows it.
    fn shared_key(&self, template: &str) -> crate::key::Hash {
        self.shared.key_of(self.site, self.templates, template)
    }

    /// Whether pages rendered with `template` show the articles' counts as they are, for
    /// their keys: when the `once/` parts are marks, only if the template reads counts.
    pub(crate) fn shows_counts(&self, template: &str) -> bool {
        shared::shows_counts(self.templates, template, self.shared.marked.is_some())
    }

    /// The page at `out` as the last build made it, if its key was `key`; else `out` back.
    fn reuse(&self, out: String, kind: Kind, key: crate::key::Hash) -> Result<Done, String> {
        let body = match self.previous.pages.get(&out) {
            // A marked page gets this build's parts.
            Some((k, Body::Marked(packed, _))) if *k == key => match &self.shared.marked {
                Some(once) => Body::Marked(packed.clone(), once.clone()),
                None => return Err(out),
            },
            Some((k, body)) if *k == key => body.clone(),
            _ if self.on_disk.is_some_and(|disk| disk.has(&out, &key)) => Body::Unchanged,
            _ => return Err(out),
        };
        Ok(Done {
            out,
            kind,
            key: Some(key),
            body,
            reused: true,
        })
    }

    fn run(&self, mut job: Job) -> Result<Done, Diagnostic> {
        if let Some(key) = job.key {
            job.out = match self.reuse(job.out, job.kind, key) {
                Ok(done) => return Ok(done),
                Err(out) => out,
            };
        }
        if let (false, Some(source)) = (self.templates.has(&job.template), &job.source) {
            let d = Diagnostic::error(
                source.clone(),
                job.template_line,
                1,
                msg::template_missing(&job.template),
            );
            return Err(d.with_hint(msg::HINT_TEMPLATE_MISSING));
        }
        let context = (job.context)();
        let html = self
            .templates
            .render_bytes(&job.template, &context, job.source.as_deref())?;
        Ok(Done {
            out: job.out,
            kind: job.kind,
            key: job.key,
            body: self.body(html),
            reused: false,
        })
    }

    /// A page's body as this build keeps it: packed for `serve`, else as it is.
    pub(crate) fn body(&self, bytes: Vec<u8>) -> Body {
        if self.pack {
            let dictionary = (self.dictionary).get_or_init(|| {
                (self.previous.dictionary.clone()).unwrap_or_else(|| Arc::new(bytes.clone()))
            });
            let packed = Arc::new(crate::output::Packed::new(&bytes, dictionary));
            match &self.shared.marked {
                Some(once) if once.marks(&bytes) => Body::Marked(packed, once.clone()),
                _ => Body::Packed(packed),
            }
        } else {
            Body::Bytes(Arc::new(bytes))
        }
    }

    /// Every page but the articles: the home page, the lists, the site's own pages. The lists'
    /// pages' keys are made in parallel too, as most pages are reused.
    fn list_jobs(&self) -> impl ParallelIterator<Item = Job<'_>> + '_ {
        let mut jobs: Vec<Job> = vec![self.home()];
        let mut terms = Vec::new();
        for taxonomy in Taxonomy::ALL {
            let list = self.site.terms(taxonomy);
            jobs.push(self.taxonomy(taxonomy, list));
            terms.extend(list.iter().map(|t| (taxonomy, t)));
        }
        jobs.push(self.coverage());
        jobs.extend(self.documents());
        jobs.push(self.not_found());
        jobs.push(self.search_page());
        // A list's pages are shared out too, not only the lists: a site may have one section
        // of hundreds of pages, which one core would otherwise render while the others wait.
        let sections =
            (self.site.sections.par_iter()).flat_map(move |s| self.section(s).into_par_iter());
        let terms = (terms.into_par_iter())
            .flat_map(move |(taxonomy, t)| self.term(taxonomy, t).into_par_iter());
        jobs.into_par_iter().chain(sections).chain(terms)
    }
}

/// `n` places, each filled once when first asked for.
fn once_each<T>(n: usize) -> Vec<std::sync::OnceLock<T>> {
    (0..n).map(|_| std::sync::OnceLock::new()).collect()
}

pub(crate) fn template_of(p: Option<&Published>, default: &str) -> String {
    p.and_then(|p| p.page.meta.template.clone())
        .unwrap_or_else(|| default.to_string())
}
