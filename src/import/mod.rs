//! Word intake (`loa import bai.docx`): turns the .docx a unit sent into a draft article
//! bundle, `content/<section>/<slug>/index.md` with its pictures beside it, and a summary of
//! what was converted, what was dropped and what the officer must check.
//!
//! ```text
//! .docx --package--> parts --read--> document --structure--> article --write--> Markdown + pictures
//! ```
//!
//! The .docx is read with zip and quick-xml, within limits (never by an office suite). What is
//! written is ordinary Markdown: the build checks its links against the URL policy and
//! sanitizes its HTML like any article's.

mod body;
mod bundle;
mod front;
mod inline;
mod model;
mod numbering;
mod package;
mod pictures;
mod read;
mod rels;
pub mod report;
mod runs;
mod structure;
mod styles;
mod table;
mod topics;
mod write;
mod xml;

use std::path::{Path, PathBuf};

pub use package::{MAX_ENTRIES, MAX_FILE_BYTES, MAX_UNPACKED_BYTES};
pub use report::Report;

use crate::config::Config;
use crate::diag::Diagnostic;
use model::Block;

/// What `loa import` is asked to do.
pub struct Request<'a> {
    pub file: &'a Path,
    pub section: &'a str,
    /// Topic keys the officer chose; none means loa suggests some.
    pub topics: &'a [String],
    pub now: jiff::ZonedDateTime,
}

/// The article written and the summary of the import.
#[derive(Debug)]
pub struct Imported {
    /// The new `index.md`.
    pub path: PathBuf,
    pub report: Report,
}

/// Imports `request.file` into the site at `root`. On any error nothing is written.
pub fn import(
    root: &Path,
    config: &Config,
    request: &Request,
) -> Result<Imported, Vec<Diagnostic>> {
    let section = bundle::section(request.section).map_err(|d| vec![d])?;
    let unknown = crate::scaffold::unknown_topics(config, request.topics);
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let mut package = package::open(request.file).map_err(|d| vec![d])?;
    let (document, mut report) = read::read(&mut package).map_err(|d| vec![d])?;
    let shaped = structure::shape(document, &mut report);
    let parts = pictures::used_parts(&shaped.blocks, &shaped.notes);
    let extracted = pictures::extract(&mut package, &parts, &mut report);
    report.to_check.pictures_without_alt = pictures::without_alt(&shaped.blocks, &extracted.files);
    let body = write::body(&shaped.blocks, &shaped.notes, &extracted.files, &mut report);
    let title = if shaped.title.is_empty() {
        report.to_check.title_guessed = true;
        file_stem(request.file)
    } else {
        shaped.title.clone()
    };
    let front = front_matter(&shaped, title, config, request, &mut report);
    let markdown = crate::text::nfc(&(front.render() + &body));
    let slug = [front.title.as_str(), &file_stem(request.file)]
        .iter()
        .map(|t| crate::text::slugify(t))
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "bai-nhap".to_string());
    let bundle = bundle::Bundle {
        section: &section,
        slug: &slug,
        markdown: &markdown,
        pictures: &extracted.written,
    };
    let path = bundle::write(root, &bundle).map_err(|d| vec![d])?;
    Ok(Imported { path, report })
}

fn front_matter(
    shaped: &structure::Shaped,
    title: String,
    config: &Config,
    request: &Request,
    report: &mut Report,
) -> front::Front {
    let (date, from) = front::date(&shaped.properties, &request.now);
    report.to_check.date = from;
    let suggested = request.topics.is_empty();
    let topics = if suggested {
        let text = format!("{title}\n{}", plain_text(&shaped.blocks));
        let found = topics::suggest(&text, &config.topics);
        report.to_check.topics_suggested = found.clone();
        found
    } else {
        request.topics.to_vec()
    };
    front::Front {
        title,
        date,
        topics,
        suggested,
        summary: front::summary(&shaped.blocks),
    }
}

/// The text of the article's paragraphs and tables, for suggesting topics.
fn plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Paragraph(p) => out.push_str(&p.plain_text()),
            Block::Table(t) => {
                for p in t.rows.iter().flatten().flat_map(|c| &c.paragraphs) {
                    out.push_str(&p.plain_text());
                    out.push(' ');
                }
            }
        }
        out.push('\n');
    }
    out
}

/// The file's name without its extension, for a document with no text to take a title from.
fn file_stem(file: &Path) -> String {
    file.file_stem()
        .map(|s| crate::text::nfc(&s.to_string_lossy()))
        .unwrap_or_default()
}
