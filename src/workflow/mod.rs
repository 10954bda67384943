//! The editorial workflow: an article is sent for approval, approved or sent back, each step
//! recorded in the article's own front matter (its `approval:` block, see `crate::approval`).
//!
//! A step reads the article, checks that it may be taken (an article that does not build is
//! neither sent nor approved; an approver must be on the config's list), writes the new block
//! (every other byte of the file kept) and reads the file back to confirm the new state.
//! Library code: it returns what it did or every problem, and prints nothing.

mod edit;
pub mod file;
pub mod sheet;
pub mod status;

use std::path::{Path, PathBuf};

use crate::approval::{self, Record, State, Status};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::model::{Page, PageKind};
use crate::{msg, parse, pipeline};

pub use file::ArticleFile;

/// What the officer (or the leader) asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Send for approval; `author` is who wrote the article, kept for the approval sheet.
    Submit { author: Option<String> },
    /// Approve, as `by`, with an optional opinion.
    Approve { by: String, note: Option<String> },
    /// Send back to the author with a note saying what to change.
    Return { by: Option<String>, note: String },
}

/// Which site, which article, and when.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub root: &'a Path,
    /// The article, as the officer typed it.
    pub file: &'a Path,
    /// `--now`; default the clock.
    pub now: Option<&'a str>,
}

/// A step taken.
#[derive(Debug, Clone)]
pub struct Done {
    /// `content/tin-tuc/a.md`.
    pub display: PathBuf,
    pub title: String,
    /// The block now in the file.
    pub record: Record,
    /// The article's warnings, for the officer to see.
    pub warnings: Vec<Diagnostic>,
}

/// Takes `step` on the article of `request`: checks it, writes the new block, and confirms
/// the file now reads as intended.
pub fn take(request: Request, step: &Step) -> Result<Done, Vec<Diagnostic>> {
    let config = crate::config::load(request.root, &Default::default())?;
    let at = moment(&config, request.now)?;
    let file = file::open(request.root, request.file).map_err(|d| vec![d])?;
    let raw = file.raw_text().map_err(|d| vec![d])?;
    let page = article(&file, &config)?;
    let step = checked(step, &page, &config).map_err(|d| vec![d])?;
    let mut warnings = match step {
        Step::Return { .. } => Vec::new(),
        _ => builds(request, &file)?,
    };
    if !config.approval.required {
        let d = Diagnostic::warning(crate::config::CONFIG_FILE, 0, 0, msg::APPROVAL_NOT_REQUIRED);
        warnings.push(d.with_hint(msg::HINT_APPROVAL_SETTING));
    }
    let text = crate::text::decode(&file.bytes).unwrap_or_default();
    let record = new_record(&step, page.meta.approval.record.as_ref(), &at, &text);
    let edited = edit::with_block(raw, &record).ok_or_else(|| {
        vec![Diagnostic::error(
            file.display.clone(),
            1,
            1,
            msg::FRONT_MATTER_MISSING,
        )]
    })?;
    confirm(&file, &edited, &config, &step)?;
    file::write_back(&file, &edited).map_err(|d| vec![d])?;
    Ok(Done {
        display: file.display,
        title: page.meta.title.clone(),
        record,
        warnings,
    })
}

/// The moment a step is recorded at, in the site's zone: `2025-11-25 09:30`.
fn moment(config: &Config, now: Option<&str>) -> Result<String, Vec<Diagnostic>> {
    let now = match now {
        Some(text) => pipeline::parse_now(text, &config.timezone).map_err(|d| vec![d])?,
        None => jiff::Timestamp::now().to_zoned_datetime(config.timezone.clone()),
    };
    Ok(now.strftime("%Y-%m-%d %H:%M").to_string())
}

/// The file parsed; it must be an article (a page in a section) without errors.
fn article(file: &ArticleFile, config: &Config) -> Result<Page, Vec<Diagnostic>> {
    let (page, problems) = parse::parse(&file.source(), config);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    let page = page.ok_or(problems)?;
    if page.kind != PageKind::Article {
        let d = Diagnostic::file_error(file.display.clone(), msg::NOT_AN_ARTICLE);
        return Err(vec![d.with_hint(msg::HINT_NOT_AN_ARTICLE)]);
    }
    Ok(page)
}

/// The step, with the approver's name as config.yaml writes it, if it may be taken on `page`.
fn checked(step: &Step, page: &Page, config: &Config) -> Result<Step, Diagnostic> {
    let at_file = |message: &str| Diagnostic::file_error(page.display.clone(), message);
    let status = page.meta.approval.status;
    match step {
        Step::Submit { .. } | Step::Approve { .. } if page.meta.draft => {
            let d = Diagnostic::error(
                page.display.clone(),
                page.line_of("draft"),
                1,
                msg::STILL_A_DRAFT,
            );
            Err(d.with_hint(msg::HINT_STILL_A_DRAFT))
        }
        Step::Submit { .. } if status == Status::Approved => Err(at_file(msg::ALREADY_APPROVED)),
        Step::Approve { .. } if status == Status::Approved => Err(at_file(msg::ALREADY_APPROVED)),
        Step::Return { note, .. } if note.trim().is_empty() => {
            Err(Diagnostic::error("--note", 0, 0, msg::RETURN_NEEDS_NOTE))
        }
        Step::Approve { by, note } => Ok(Step::Approve {
            by: approver(by, config)?,
            note: note.clone(),
        }),
        Step::Return { by: Some(by), note } => Ok(Step::Return {
            by: Some(approver(by, config)?),
            note: note.clone(),
        }),
        other => Ok(other.clone()),
    }
}

/// `name` as config.yaml writes it, when the config lists approvers and has it; the name as
/// given (trimmed) when it lists none.
fn approver(name: &str, config: &Config) -> Result<String, Diagnostic> {
    let approval = &config.approval;
    if name.trim().is_empty() {
        return Err(Diagnostic::error("--by", 0, 0, msg::APPROVER_MISSING));
    }
    if approval.approvers.is_empty() {
        return Ok(crate::text::nfc(name.trim()));
    }
    match approval.approver(name) {
        Some(a) => Ok(a.name.clone()),
        None => {
            let d = Diagnostic::error(
                crate::config::CONFIG_FILE,
                approval.approvers_line,
                1,
                msg::unknown_approver(name.trim()),
            );
            Err(d.with_hint(msg::hint_approvers(&approval.names())))
        }
    }
}

/// Whether the article builds, as the site would publish it: the whole site is assembled with
/// every article in, and the errors in this article (or in files of its folder, for an
/// article written as `index.md` with its photos) refuse the step. Returns its warnings.
fn builds(request: Request, file: &ArticleFile) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let options = pipeline::Options {
        root: request.root.to_path_buf(),
        drafts: true,
        now: request.now.map(String::from),
        ..pipeline::Options::default()
    };
    let bundle = file
        .rel
        .strip_suffix("/index.md")
        .map(|dir| Path::new("content").join(dir));
    let mine = |d: &Diagnostic| {
        d.path == file.display || bundle.as_ref().is_some_and(|b| d.path.starts_with(b))
    };
    match pipeline::assemble_site(&options) {
        Ok((_, warnings)) => Ok(warnings.into_iter().filter(mine).collect()),
        Err(problems) => {
            let problems: Vec<Diagnostic> = problems.into_iter().filter(mine).collect();
            match problems.iter().any(Diagnostic::is_error) {
                true => Err(problems),
                false => Ok(problems),
            }
        }
    }
}

/// The block after `step`: the author is kept from the block before, the rest is the step's.
fn new_record(step: &Step, before: Option<&Record>, at: &str, text: &str) -> Record {
    let kept_author = before.and_then(|r| r.author.clone());
    let clean = |s: &str| Some(crate::text::nfc(s.trim())).filter(|s| !s.is_empty());
    match step {
        Step::Submit { author } => Record {
            state: State::Submitted,
            author: author.as_deref().and_then(clean).or(kept_author),
            at: Some(at.to_string()),
            ..Record::default()
        },
        Step::Approve { by, note } => Record {
            state: State::Approved,
            author: kept_author,
            hash: Some(approval::seal(text, by, at)),
            by: Some(by.clone()),
            at: Some(at.to_string()),
            note: note.as_deref().and_then(clean),
        },
        Step::Return { by, note } => Record {
            state: State::Returned,
            author: kept_author,
            by: by.clone(),
            at: Some(at.to_string()),
            note: clean(note),
            hash: None,
        },
    }
}

/// Reads the edited text as the pipeline will, and checks it says what the step meant; a
/// mismatch is loa's own fault, and the file is then left as it was.
fn confirm(
    file: &ArticleFile,
    edited: &str,
    config: &Config,
    step: &Step,
) -> Result<(), Vec<Diagnostic>> {
    let source = crate::load::Source::new(
        file.rel.clone(),
        file.display.clone(),
        edited.as_bytes().to_vec(),
    );
    let (page, problems) = parse::parse(&source, config);
    let expected = match step {
        Step::Submit { .. } => Status::Submitted,
        Step::Approve { .. } => Status::Approved,
        Step::Return { .. } => Status::Returned,
    };
    match page {
        Some(page)
            if page.meta.approval.status == expected
                && !problems.iter().any(Diagnostic::is_error) =>
        {
            Ok(())
        }
        _ => Err(vec![Diagnostic::file_error(
            file.display.clone(),
            msg::APPROVAL_NOT_WRITTEN,
        )]),
    }
}
