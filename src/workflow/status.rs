//! `loa status`: every article of the site and where it stands, from draft to published.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::approval::{Record, Status};
use crate::diag::Diagnostic;
use crate::model::{Page, PageKind};
use crate::{config, load, parse, pipeline};

/// Where an article stands, in the order the workflow moves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// `draft: true`, or (approval required) not sent yet.
    Draft,
    /// Sent back to its author.
    Returned,
    /// Waiting for a leader.
    Submitted,
    /// Approved once, edited since: waiting again.
    Changed,
    /// Approved (or not needing it), its date still to come.
    Scheduled,
    /// In the site the next build makes.
    Published,
}

/// One article and its stage.
#[derive(Debug, Clone)]
pub struct Entry {
    /// `content/tin-tuc/a.md`.
    pub display: PathBuf,
    pub title: String,
    /// The article's date, `2025-11-25`.
    pub date: String,
    pub stage: Stage,
    pub record: Option<Record>,
    /// The article's date and time, in the site's time zone.
    pub when: Option<jiff::ZonedDateTime>,
    pub topics: Vec<String>,
    pub unit: Option<String>,
    /// Site path without the base path (`tin-tuc/a/`).
    pub path: String,
    pub tags: Vec<String>,
}

/// Every article of the site at `root`, by stage then path; and the problems of files that
/// could not be read (they are left out of the list). Fails only when the config cannot be
/// read.
pub fn list(
    root: &Path,
    now: Option<&str>,
) -> Result<(Vec<Entry>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let config = config::load(root, &Default::default())?;
    let now = match now {
        Some(text) => pipeline::parse_now(text, &config.timezone)
            .map_err(|d| vec![d])?
            .timestamp(),
        None => jiff::Timestamp::now(),
    };
    let (files, mut problems) = load::load(root, config.theme.as_deref());
    // Parsed on every core: a provincial site has thousands of articles.
    let parsed: Vec<(Option<Entry>, Vec<Diagnostic>)> = (files.sources.par_iter())
        .map(|source| {
            let (page, found) = parse::parse(source, &config);
            let page = page.filter(|p| p.kind == PageKind::Article);
            let entry = page.map(|page| entry(&page, config.approval.required, now));
            (
                entry,
                found.into_iter().filter(Diagnostic::is_error).collect(),
            )
        })
        .collect();
    let mut entries = Vec::with_capacity(parsed.len());
    for (entry, found) in parsed {
        entries.extend(entry);
        problems.extend(found);
    }
    entries.sort_by(|a, b| (a.stage, &a.display).cmp(&(b.stage, &b.display)));
    Ok((entries, problems))
}

/// One article and its stage, as [`list`] would give it; `None` when the file is not an
/// article that reads.
pub fn one(root: &Path, source: &load::Source, now: Option<&str>) -> Option<Entry> {
    let config = config::load(root, &Default::default()).ok()?;
    let now = match now {
        Some(text) => pipeline::parse_now(text, &config.timezone)
            .ok()?
            .timestamp(),
        None => jiff::Timestamp::now(),
    };
    let (page, _) = parse::parse(source, &config);
    let page = page.filter(|p| p.kind == PageKind::Article)?;
    Some(entry(&page, config.approval.required, now))
}

fn entry(page: &Page, required: bool, now: jiff::Timestamp) -> Entry {
    let approval = &page.meta.approval;
    let due = page.meta.date.as_ref().is_none_or(|d| d.timestamp() <= now);
    let stage = match approval.status {
        _ if page.meta.draft => Stage::Draft,
        Status::Draft if required => Stage::Draft,
        Status::Returned if required => Stage::Returned,
        Status::Submitted if required => Stage::Submitted,
        Status::Changed if required => Stage::Changed,
        _ if due => Stage::Published,
        _ => Stage::Scheduled,
    };
    Entry {
        display: page.display.clone(),
        title: page.meta.title.clone(),
        date: page
            .meta
            .date
            .as_ref()
            .map(|d| d.strftime("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        stage,
        record: approval.record.clone(),
        when: page.meta.date.clone(),
        topics: page.meta.topics.clone(),
        unit: page.meta.unit.clone(),
        path: page.path.clone(),
        tags: page.meta.tags.clone(),
    }
}
