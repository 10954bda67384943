//! `loa status` (`trang-thai`): every article and where it stands, from draft to published;
//! and the list of articles waiting for approval that build, check and publish print.

use std::process::ExitCode;

use loa::approval::{Status, Waiting};
use loa::msg::{self, Failed};
use loa::workflow::status::{self, Entry, Stage};

use super::{fail, print_all, Global};

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {}

pub fn run(global: &Global, _args: &Args) -> ExitCode {
    let (entries, problems) = match status::list(&global.root, global.now.as_deref()) {
        Ok(listed) => listed,
        Err(problems) => return fail(Failed::Status, &problems),
    };
    print_all(&problems);
    if entries.is_empty() {
        println!("{}", msg::NO_ARTICLES);
    }
    let stages = [
        Stage::Submitted,
        Stage::Changed,
        Stage::Returned,
        Stage::Draft,
        Stage::Scheduled,
        Stage::Published,
    ];
    for stage in stages {
        let group: Vec<&Entry> = entries.iter().filter(|e| e.stage == stage).collect();
        if group.is_empty() {
            continue;
        }
        println!("{} ({}):", stage_name(stage), group.len());
        for entry in group {
            println!("  {}", line(entry));
        }
    }
    ExitCode::SUCCESS
}

fn stage_name(stage: Stage) -> &'static str {
    match stage {
        Stage::Draft => msg::STAGE_DRAFT,
        Stage::Returned => msg::STAGE_RETURNED,
        Stage::Submitted => msg::STAGE_SUBMITTED,
        Stage::Changed => msg::STAGE_CHANGED,
        Stage::Scheduled => msg::STAGE_SCHEDULED,
        Stage::Published => msg::STAGE_PUBLISHED,
    }
}

/// One article: its file, date and title, and who did what last.
fn line(entry: &Entry) -> String {
    let record = entry.record.clone().unwrap_or_default();
    let who = match entry.stage {
        Stage::Returned => msg::status_returned_by(record.by.as_deref(), record.note.as_deref()),
        Stage::Submitted => {
            msg::status_submitted_by(record.author.as_deref(), record.at.as_deref())
        }
        Stage::Scheduled | Stage::Published => {
            msg::status_approved_by(record.by.as_deref(), record.at.as_deref())
        }
        Stage::Draft | Stage::Changed => String::new(),
    };
    msg::status_line(
        &entry.display.to_string_lossy(),
        &entry.date,
        &entry.title,
        &who,
    )
}

/// After a build: the articles it left out for want of an approval, and who must act.
pub fn print_waiting(waiting: &[Waiting]) {
    if waiting.is_empty() {
        return;
    }
    println!("{}", msg::waiting_heading(waiting.len()));
    for article in waiting {
        let record = article.record.clone().unwrap_or_default();
        let names: Vec<&str> = article.waits_for.iter().map(String::as_str).collect();
        let file = article.display.to_string_lossy();
        let why = match article.status {
            Status::Submitted => msg::waits_for_approvers(&names),
            Status::Changed => msg::waits_again_for_approvers(&names),
            Status::Returned => {
                msg::waits_for_author_fix(names.first().copied(), record.note.as_deref())
            }
            Status::Draft | Status::Approved => {
                msg::waits_for_submit(names.first().copied(), &file)
            }
        };
        println!("  {}", msg::waiting_line(&file, &article.title, &why));
    }
}
