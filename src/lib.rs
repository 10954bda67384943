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

pub mod assemble;
pub mod cache;
pub mod calendar;
pub mod citations;
pub mod config;
pub mod diag;
pub mod feeds;
pub mod frontmatter;
pub mod images;
pub mod links;
pub mod load;
pub mod markdown;
pub mod model;
pub mod msg;
pub mod parse;
pub mod plan;
pub mod publish;
pub mod render;
pub mod report;
pub mod review;
pub mod sanitize;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod share;
pub mod templates;
pub mod text;
pub mod views;
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
}

/// Runs load → parse → assemble → render. Returns every problem found when any is an error
/// (warnings included, so one run shows everything).
pub fn render_site(options: &Options) -> Result<Rendered, Vec<Diagnostic>> {
    render_site_with(options, &mut cache::Cache::default())
}

/// [`render_site`] reusing the results of earlier builds kept in `cache` (as `serve` does);
/// gives exactly the same result as with an empty cache.
pub fn render_site_with(
    options: &Options,
    cache: &mut cache::Cache,
) -> Result<Rendered, Vec<Diagnostic>> {
    let assembled = assemble_stages(options, cache)?;
    render_assembled(assembled, &mut cache.search, &mut cache.rendered)
}

/// `loa check`: everything a build does but writing, plus advice that only matters when the
/// officer reviews the site: topics behind their plan targets, articles without a good share
/// image.
pub fn check(options: &Options) -> Result<Rendered, Vec<Diagnostic>> {
    let mut cache = cache::Cache::default();
    let mut assembled = assemble_stages(options, &mut cache)?;
    let advice = review::review(&assembled.site);
    assembled.problems.extend(advice);
    render_assembled(assembled, &mut search::Memo::default(), &mut cache.rendered)
}

/// Templates → search index → render; `search_memo` keeps the words of pages between builds,
/// `memo` the rendered pages.
fn render_assembled(
    assembled: Assembled,
    search_memo: &mut search::Memo,
    memo: &mut render::RenderMemo,
) -> Result<Rendered, Vec<Diagnostic>> {
    let Assembled {
        site,
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
    let search_index = search::index_files(&site, search_memo);
    let (outputs, found) = render::render(&site, &templates, &statics, search_index, memo);
    problems.extend(found);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(finish(problems));
    }
    let pages = outputs.keys().filter(|k| k.ends_with(".html")).count();
    Ok(Rendered {
        outputs,
        warnings: finish(problems),
        pages,
    })
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

    let (mut files, mut problems) = load::load(&options.root, config.theme.as_deref());
    // The sources' bytes are not needed after parsing: free them before rendering.
    let sources = std::mem::take(&mut files.sources);
    let pages = parse_all(sources, &config, cache, &mut problems);
    let settings = assemble::Settings {
        drafts: options.drafts,
        now,
    };
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
    let (site, found) = assemble::assemble(config, pages, content, settings, &mut cache.markdown);
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
) -> Vec<model::Page> {
    let config_key = parse::config_fingerprint(config);
    let previous = std::mem::take(&mut cache.parsed);
    let parsed: Vec<(String, blake3::Hash, cache::Parsed)> = sources
        .into_par_iter()
        .map(|s| {
            let key = parse::source_key(&config_key, &s);
            let result = match previous.get(&s.rel) {
                Some((k, result)) if *k == key => result.clone(),
                _ => parse::parse_keyed(&s, config, key),
            };
            (s.rel, key, result)
        })
        .collect();
    let mut pages = Vec::with_capacity(parsed.len());
    for (rel, key, (page, found)) in parsed {
        pages.extend(page.clone());
        problems.extend(found.iter().cloned());
        cache.parsed.insert(rel, (key, (page, found)));
    }
    pages
}

/// Renders the site, then writes it into `output` (only if everything rendered).
pub fn build(
    options: &Options,
    output: &Path,
) -> Result<(Rendered, write::WriteReport), Vec<Diagnostic>> {
    check_output_folder(&options.root, output)?;
    let rendered = render_site(options)?;
    let report = write::write(&rendered.outputs, output).map_err(|d| {
        let mut all = rendered.warnings.clone();
        all.push(d);
        all
    })?;
    Ok((rendered, report))
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
