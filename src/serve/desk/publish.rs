//! Publishing from the desk: what would be sent (a dry run), then the publish itself on its
//! own thread, with its progress for the page to poll. The site is built as `loa publish`
//! builds it (drafts and unapproved articles left out), never from the preview.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::http::StatusCode;
use serde::Serialize;

use super::reply::Problem;
use super::{Desk, Reply};
use crate::diag::Diagnostic;
use crate::publish::{self, record::Counting, Outcome};
use crate::{msg, Destination};

/// Where the last publish from the desk stands.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Progress {
    pub running: bool,
    pub done: usize,
    pub total: usize,
    pub message: String,
    pub finished: bool,
    pub ok: bool,
    pub problems: Vec<Problem>,
    /// How to finish an interrupted publish.
    pub resume: Option<String>,
    #[serde(skip)]
    counter: Option<Arc<AtomicUsize>>,
}

/// Builds the site as it will be published and publishes it (or, `dry`, only plans).
fn run(
    desk: &Desk,
    dry: bool,
    counter: Option<Arc<AtomicUsize>>,
    total: &dyn Fn(usize),
) -> Result<(Outcome, String), Vec<Diagnostic>> {
    let root = &desk.inner.root;
    let options = crate::Options {
        root: root.clone(),
        now: desk.inner.now.clone(),
        ..crate::Options::default()
    };
    let config = crate::config::load(root, &Default::default())?;
    let (target, identity) = publish::choose_target(None, &config).map_err(|d| vec![d])?;
    let output = root.join("output");
    let mut cache = crate::cache::Cache::default();
    let built = crate::build(&options, &mut cache, Destination::FolderKeeping(&output))?;
    let login = publish::login(identity.as_deref(), None, false);
    let mut remote =
        publish::connect(&target, &login).map_err(|f| vec![f.diagnostic(&target, &login)])?;
    let outcome = match counter {
        // The plan first (a dry run reads the target only), for the progress bar's length.
        Some(done) => {
            let plan = publish::publish_to(remote.as_mut(), &built.outputs, true)
                .map_err(|f| vec![f.diagnostic(&target, &login)])?;
            total(plan.plan.uploads.len() + plan.plan.removals.len());
            let mut counting = Counting {
                inner: remote.as_mut(),
                done,
            };
            publish::publish_to(&mut counting, &built.outputs, false)
        }
        None => publish::publish_to(remote.as_mut(), &built.outputs, dry),
    }
    .map_err(|f| vec![f.diagnostic(&target, &login)])?;
    if !dry {
        publish::record::remember(root, &built.outputs);
    }
    let summary = publish::summary(&outcome, &target);
    Ok((outcome, summary))
}

/// What a publish would send: the files added, changed, removed, and the bytes.
pub fn plan(desk: &Desk) -> Reply {
    match run(desk, true, None, &|_| {}) {
        Ok((outcome, summary)) => {
            let plan = &outcome.plan;
            let list = |added: bool| -> Vec<&str> {
                (plan.uploads.iter())
                    .filter(|u| u.added == added)
                    .map(|u| u.path.as_str())
                    .collect()
            };
            Reply::ok(&serde_json::json!({
                "summary": summary,
                "added": list(true),
                "changed": list(false),
                "removed": plan.removals,
                "bytes": plan.upload_bytes(),
            }))
        }
        Err(problems) => Reply::problems(StatusCode::UNPROCESSABLE_ENTITY, &problems),
    }
}

/// Starts a publish on its own thread; one at a time.
pub fn start(desk: &Desk) -> Reply {
    let counter = Arc::new(AtomicUsize::new(0));
    {
        let Ok(mut progress) = desk.inner.publishing.lock() else {
            return Reply::status(StatusCode::SERVICE_UNAVAILABLE);
        };
        if progress.running {
            return Reply::error(StatusCode::CONFLICT, msg::DESK_PUBLISH_RUNNING, None);
        }
        *progress = Progress {
            running: true,
            message: msg::DESK_PUBLISH_BUILDING.to_string(),
            counter: Some(counter.clone()),
            ..Progress::default()
        };
    }
    let desk = desk.clone();
    let spawned = std::thread::Builder::new()
        .name("loa-desk-publish".into())
        .spawn(move || {
            let total = |n: usize| {
                if let Ok(mut p) = desk.inner.publishing.lock() {
                    p.total = n;
                    p.message = msg::DESK_PUBLISH_SENDING.to_string();
                }
            };
            let result = run(&desk, false, Some(counter), &total);
            if let Ok(mut p) = desk.inner.publishing.lock() {
                finish(&mut p, result);
            }
        });
    match spawned {
        Ok(_) => Reply::json(StatusCode::ACCEPTED, &serde_json::json!({})),
        Err(e) => Reply::error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string(), None),
    }
}

fn finish(p: &mut Progress, result: Result<(Outcome, String), Vec<Diagnostic>>) {
    p.running = false;
    p.finished = true;
    match result {
        Ok((_, summary)) => {
            p.ok = true;
            p.done = p.total;
            p.message = summary;
        }
        Err(problems) => {
            p.ok = false;
            p.message = msg::DESK_PUBLISH_FAILED.to_string();
            // Whatever stopped it, the target's records let the next publish finish the job.
            p.resume = (p.done > 0).then(|| msg::DESK_PUBLISH_RESUME.to_string());
            p.problems = problems.iter().map(Problem::of_file).collect();
        }
    }
}

/// Where the publish stands.
pub fn progress(desk: &Desk) -> Reply {
    let Ok(progress) = desk.inner.publishing.lock() else {
        return Reply::status(StatusCode::SERVICE_UNAVAILABLE);
    };
    let mut now = progress.clone();
    if let Some(counter) = &progress.counter {
        if now.running {
            now.done = counter.load(Ordering::Relaxed).min(now.total);
        }
    }
    Reply::ok(&now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interrupted_publish_says_how_to_finish_it() {
        let mut p = Progress {
            running: true,
            done: 3,
            total: 10,
            ..Progress::default()
        };
        let cut = Diagnostic::error("sftp://may-chu/", 0, 0, "mất kết nối".to_string());
        finish(&mut p, Err(vec![cut]));
        assert!(!p.running && p.finished && !p.ok);
        assert_eq!(p.problems[0].message, "mất kết nối");
        assert!(p.resume.as_deref().unwrap().contains("Đăng lần nữa"));
        // Stopped before anything was sent: nothing to finish, the problem says what to fix.
        let mut early = Progress::default();
        finish(
            &mut early,
            Err(vec![Diagnostic::error(
                "config.yaml",
                0,
                0,
                "x".to_string(),
            )]),
        );
        assert_eq!(early.resume, None);
    }
}
