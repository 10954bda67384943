//! loa turns a folder of Vietnamese Markdown articles into the static site of the
//! department's administrative-reform communication work.
//!
//! One pipeline, read top to bottom in [`render_site`]:
//!
//! ```text
//! content/** --load--> sources --parse--> pages --assemble--> site --render--> outputs --write--> output/**
//! ```
//!
//! `build` runs every stage; `check` all but write. Only `load` and `write` touch the disk.

// Only `main` prints and picks the exit code; the library returns what it found.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod allocator;
pub mod assemble;
pub mod cache;
pub mod calendar;
pub mod citations;
pub mod config;
pub mod diag;
pub mod feeds;
#[cfg(test)]
mod fixtures;
pub mod frontmatter;
pub mod images;
pub mod import;
pub mod key;
pub mod links;
pub mod load;
pub mod markdown;
pub mod model;
pub mod msg;
pub mod parse;
pub mod plan;
pub mod publish;
pub mod random;
pub mod render;
pub mod report;
pub mod review;
pub mod sanitize;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod share;
pub mod svg;
pub mod taxonomy;
pub mod templates;
pub mod text;
pub mod url_policy;
pub mod views;
pub mod within;
pub mod write;
pub mod yaml;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::render::Outputs;

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
}

/// A site rendered in memory, not yet written.
#[derive(Debug)]
pub struct Rendered {
    pub outputs: Outputs,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// HTML pages produced (redirects included).
    pub pages: usize,
    /// The key each page, list and search file was made from, for the next build that writes
    /// into the same folder (only in builds that write).
    pub keys: write::Keys,
    /// Files left in the output folder as the last build wrote them (their key is unchanged):
    /// not among `outputs`, but counted in `pages`.
    pub kept: Vec<String>,
}

/// Runs load → parse → assemble → render. Returns every problem found when any is an error
/// (warnings included, so one run shows everything).
pub fn render_site(options: &Options) -> Result<Rendered, Vec<Diagnostic>> {
    render_site_with(options, &mut cache::Cache::default())
}

/// [`render_site`] for a build that writes: the pages and lists go to `disk.sink` as they are
/// rendered, and a file of the last build whose key is unchanged is left as it is in
/// `disk.previous` (`Rendered::kept`). Neither is among the returned outputs, but both are
/// counted in its pages.
pub fn render_site_for(options: &Options, disk: render::Disk) -> Result<Rendered, Vec<Diagnostic>> {
    let assembled = assemble_stages(options, &mut cache::Cache::default())?;
    let (rendered, _) = render_assembled(assembled, &mut Default::default(), Words::Forget, disk)?;
    Ok(rendered)
}

/// [`render_site`] reusing the results of earlier builds kept in `cache` (as `serve` does);
/// gives exactly the same result as with an empty cache.
pub fn render_site_with(
    options: &Options,
    cache: &mut cache::Cache,
) -> Result<Rendered, Vec<Diagnostic>> {
    let assembled = assemble_stages(options, cache)?;
    let search = cache.search.clone();
    let mut kept = search.lock().unwrap_or_else(|e| e.into_inner());
    // A build that is not followed by others keeps no words for the next one.
    let words = if cache.tracks_changes() {
        Words::Keep(&mut kept)
    } else {
        Words::Forget
    };
    let (rendered, _) = render_assembled(
        assembled,
        &mut cache.rendered,
        words,
        render::Disk::default(),
    )?;
    Ok(rendered)
}

/// [`render_site_with`] without the search index, which is returned ready to be made when it
/// is first asked for: `serve` shows an edited page without indexing the whole site first.
pub fn render_site_deferred(
    options: &Options,
    cache: &mut cache::Cache,
) -> Result<(Rendered, search::Deferred), Vec<Diagnostic>> {
    let assembled = assemble_stages(options, cache)?;
    let (rendered, site) = render_assembled(
        assembled,
        &mut cache.rendered,
        Words::Later,
        render::Disk::default(),
    )?;
    Ok((rendered, search::Deferred::new(site, cache.search.clone())))
}

/// `loa check`: everything a build does but writing, plus advice that only matters when the
/// officer reviews the site: topics behind their plan targets, articles without a good share
/// image.
pub fn check(options: &Options) -> Result<Rendered, Vec<Diagnostic>> {
    let mut cache = cache::Cache::default();
    let mut assembled = assemble_stages(options, &mut cache)?;
    let advice = review::review(&assembled.site);
    assembled.problems.extend(advice);
    let (rendered, _) = render_assembled(
        assembled,
        &mut cache.rendered,
        Words::Forget,
        render::Disk::default(),
    )?;
    Ok(rendered)
}

/// When the search index is made, and what is kept of the pages' words.
enum Words<'a> {
    /// With the pages, keeping the words for the next build.
    Keep(&'a mut search::Memo),
    /// With the pages, freeing the words before the pages are rendered.
    Forget,
    /// Not now: the caller makes it when it is asked for.
    Later,
}

/// Templates → search index (unless later) → render; `memo` keeps the rendered pages, unless
/// they go to a sink (see [`render_site_for`]). Returns the site too, for a search index made
/// later.
fn render_assembled(
    assembled: Assembled,
    memo: &mut render::RenderMemo,
    words: Words,
    disk: render::Disk,
) -> Result<(Rendered, std::sync::Arc<assemble::Site>), Vec<Diagnostic>> {
    let Assembled {
        mut site,
        files,
        mut problems,
    } = assembled;
    let templates = match templates::Templates::new(&files.theme_templates) {
        Ok(t) => t,
        Err(found) => {
            problems.extend(found);
            return Err(finish(problems));
        }
    };
    if problems.iter().any(Diagnostic::is_error) {
        return Err(finish(problems));
    }
    let statics = render::Statics {
        site: &files.statics,
        theme: &files.theme_statics,
        theme_dir: Path::new("themes").join(site.config.theme.as_deref().unwrap_or("default")),
    };
    // The index is made before the pages, so that its working memory is given back before
    // the pages fill it.
    let one_off = matches!(words, Words::Forget);
    // A build that writes records the index's key, and leaves the last build's index files
    // as they are when the key is unchanged.
    let index_key = (one_off && disk.writes).then(|| search::index_key(&site));
    let kept_index = index_key.and_then(|key| disk.previous?.all_of(&key));
    let index = match words {
        Words::Keep(memo) => Some(search::index_files(&site, memo)),
        Words::Forget if kept_index.is_some() => None,
        Words::Forget => Some(search::index_files(&site, &mut search::Memo::default())),
        Words::Later => None,
    };
    // A one-off build moves each page's HTML into its rendered page: the search index, the
    // only other reader, is made already.
    let html = if one_off {
        site.take_html()
    } else {
        Vec::new()
    };
    let render::Made {
        mut outputs,
        mut kept,
        unlisted_pages,
        mut keys,
        problems: found,
    } = render::render(&site, &templates, &statics, memo, html, disk);
    if let Some(key) = index_key {
        let made = index.iter().flatten().map(|(path, _)| path);
        keys.extend(
            made.chain(kept_index.iter().flatten())
                .map(|p| (p.clone(), key)),
        );
    }
    kept.extend(kept_index.into_iter().flatten());
    for (path, bytes) in index.into_iter().flatten() {
        outputs.insert(path, std::sync::Arc::new(bytes));
    }
    problems.extend(found);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(finish(problems));
    }
    let pages = unlisted_pages + outputs.keys().filter(|k| k.ends_with(".html")).count();
    let rendered = Rendered {
        outputs,
        warnings: finish(problems),
        pages,
        keys,
        kept,
    };
    Ok((rendered, std::sync::Arc::new(site)))
}

/// Runs load → parse → assemble only, for verbs that need the site's content but no pages
/// (`report`). Fails on any error, like a build.
pub fn assemble_site(
    options: &Options,
) -> Result<(assemble::Site, Vec<Diagnostic>), Vec<Diagnostic>> {
    let Assembled { site, problems, .. } = assemble_stages(options, &mut cache::Cache::default())?;
    if problems.iter().any(Diagnostic::is_error) {
        return Err(finish(problems));
    }
    Ok((site, finish(problems)))
}

/// The site assembled, the files rendering still needs, and every problem so far.
struct Assembled {
    site: assemble::Site,
    files: load::SiteFiles,
    problems: Vec<Diagnostic>,
}

/// Config → load → parse → images → assemble. Only a config or `--now` that cannot be read
/// stops here; other problems are collected for the caller to report with its own.
fn assemble_stages(
    options: &Options,
    cache: &mut cache::Cache,
) -> Result<Assembled, Vec<Diagnostic>> {
    let overrides = config::Overrides {
        base_url: options.base_url.clone(),
    };
    let config = config::load(&options.root, &overrides)?;
    let now = resolve_now(options.now.as_deref(), &config.timezone)?;

    // A build that is not followed by others (no one reports changes) keeps no bytes.
    let mut once = load::Memo::default();
    let tracked = cache.tracks_changes();
    let changed = cache.take_changes();
    let memo = if tracked { &mut cache.files } else { &mut once };
    let (mut files, mut problems) = load::load_with(
        &options.root,
        config.theme.as_deref(),
        memo,
        changed.as_ref(),
    );
    drop(once);
    // The sources' bytes are not needed after parsing: free them before rendering.
    let sources = std::mem::take(&mut files.sources);
    let pages = parse_all(sources, &config, cache, &mut problems);
    let settings = assemble::Settings {
        drafts: options.drafts,
        now,
    };
    files.content_assets =
        assemble::screen::screen(std::mem::take(&mut files.content_assets), &mut problems);
    // Photos are resized once: results are kept in memory and in .loa-cache/ under the site.
    // One that cannot be decoded is still published as it is, with a warning.
    let cache_dir = options.root.join(".loa-cache").join("images");
    let (images, unreadable) =
        images::prepare(&files.content_assets, &cache_dir, &mut cache.images);
    problems.extend(unreadable.into_iter().map(|(rel, e)| {
        Diagnostic::warning(Path::new("content").join(rel), 0, 0, msg::bad_image(&e))
            .with_hint(msg::HINT_BAD_IMAGE)
    }));
    let documents = files.documents.take().map(|text| {
        let (table, found) = citations::parse(&text);
        problems.extend(found);
        table
    });
    let content = assemble::ContentFiles {
        assets: std::mem::take(&mut files.content_assets),
        images,
        documents,
    };
    let (mut site, found) =
        assemble::assemble(config, pages, content, settings, &mut cache.markdown);
    if !tracked {
        // No build follows this one: its memos would only keep pages alive.
        cache.markdown.clear();
        cache.parsed.clear();
        site.free_bodies();
    }
    problems.extend(found);
    Ok(Assembled {
        site,
        files,
        problems,
    })
}

/// Parses every source in parallel, reusing the cache's result for a file whose bytes and
/// relevant config are unchanged.
fn parse_all(
    sources: Vec<load::Source>,
    config: &config::Config,
    cache: &mut cache::Cache,
    problems: &mut Vec<Diagnostic>,
) -> Vec<std::sync::Arc<model::Page>> {
    let config_key = parse::config_fingerprint(config);
    // A build that is not followed by others keeps nothing, so that each page is held once.
    let tracked = cache.tracks_changes();
    // Looked up in parallel; the cache is updated afterwards, for the files that changed.
    // What a file's parse depends on: the config and the file's bytes (and its path, the
    // memo's key).
    type From = (blake3::Hash, blake3::Hash);
    let parsed: Vec<(From, cache::Parsed, String, bool)> = sources
        .into_par_iter()
        .map(|s| {
            let from = (config_key, s.hash);
            match cache.parsed.get(&s.rel) {
                Some((f, result)) if *f == from => (from, result.clone(), s.rel, false),
                _ => {
                    let key = parse::source_key(&config_key, &s);
                    let (page, found) = parse::parse_keyed(&s, config, key);
                    (from, (page.map(std::sync::Arc::new), found), s.rel, true)
                }
            }
        })
        .collect();
    let files = parsed.len();
    let mut pages = Vec::with_capacity(files);
    let mut failed = Vec::new();
    for (from, (page, found), rel, fresh) in parsed {
        match &page {
            Some(p) => pages.push(p.clone()),
            None => failed.push(rel.clone()),
        }
        problems.extend(found.iter().cloned());
        if fresh && tracked {
            cache.parsed.insert(rel, (from, (page, found)));
        }
    }
    cache::forget_gone(&mut cache.parsed, files, || {
        (pages.iter().map(|p| p.rel.as_str())).chain(failed.iter().map(String::as_str))
    });
    pages
}

/// Renders the site, then writes it into `output`: a failed build leaves the folder as it
/// was. A clean build (an absent or empty folder) writes each page as soon as it is rendered
/// and keeps none: the returned `outputs` are then empty. See [`build_keeping`].
pub fn build(
    options: &Options,
    output: &Path,
) -> Result<(Rendered, write::WriteReport), Vec<Diagnostic>> {
    check_output_folder(&options.root, output)?;
    let program = write::Program::current();
    let Some(stream) = write::Stream::start(output, &program).map_err(|d| vec![d])? else {
        return render_then_write(options, output, &program);
    };
    let disk = render::Disk {
        sink: Some(&stream),
        previous: None,
        writes: true,
    };
    match render_site_for(options, disk) {
        Ok(mut rendered) => match stream.finish(&rendered.outputs, &rendered.keys) {
            Ok(report) => {
                rendered.outputs.clear();
                Ok((rendered, report))
            }
            Err(d) => Err(with_warnings(&rendered, d)),
        },
        Err(problems) => {
            stream.abandon();
            Err(problems)
        }
    }
}

/// [`build`] that keeps every output file in memory, for a caller that sends them on
/// (`publish`).
pub fn build_keeping(
    options: &Options,
    output: &Path,
) -> Result<(Rendered, write::WriteReport), Vec<Diagnostic>> {
    check_output_folder(&options.root, output)?;
    // Every file is rendered, none left on disk: the caller sends them on.
    let disk = render::Disk {
        writes: true,
        ..render::Disk::default()
    };
    let rendered = render_site_for(options, disk)?;
    let program = write::Program::current();
    let report = write::write(&rendered.outputs, &[], &rendered.keys, output, &program)
        .map_err(|d| with_warnings(&rendered, d))?;
    Ok((rendered, report))
}

/// Renders the site but for the files of the last build in `output` whose key is unchanged,
/// then writes what changed (only if everything rendered).
fn render_then_write(
    options: &Options,
    output: &Path,
    program: &write::Program,
) -> Result<(Rendered, write::WriteReport), Vec<Diagnostic>> {
    let previous = write::OnDisk::read(output, program);
    let disk = render::Disk {
        sink: None,
        previous: previous.as_ref().map(|p| p as &dyn render::Previous),
        writes: true,
    };
    let rendered = render_site_for(options, disk)?;
    let report = write::write(
        &rendered.outputs,
        &rendered.kept,
        &rendered.keys,
        output,
        program,
    )
    .map_err(|d| with_warnings(&rendered, d))?;
    Ok((rendered, report))
}

/// A write problem, after the warnings of the build that was being written.
fn with_warnings(rendered: &Rendered, problem: Diagnostic) -> Vec<Diagnostic> {
    let mut all = rendered.warnings.clone();
    all.push(problem);
    all
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

fn finish(mut problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diag::sort(&mut problems);
    problems.dedup();
    problems
}

fn resolve_now(
    now: Option<&str>,
    tz: &jiff::tz::TimeZone,
) -> Result<jiff::Timestamp, Vec<Diagnostic>> {
    match now {
        None => Ok(jiff::Timestamp::now()),
        Some(text) => parse_now(text, tz)
            .map(|d| d.timestamp())
            .map_err(|d| vec![d]),
    }
}

/// Reads `--now` (any date form front matter accepts) in the site's time zone.
pub fn parse_now(text: &str, tz: &jiff::tz::TimeZone) -> Result<jiff::ZonedDateTime, Diagnostic> {
    frontmatter::parse_date(text, tz).ok_or_else(|| {
        Diagnostic::error("--now", 0, 0, msg::now_not_a_date(text)).with_hint(msg::HINT_DATE)
    })
}
