//! What approval decides in a build: which articles are published, and which wait for a
//! leader (or for their author, once sent back).

use std::sync::Arc;

use crate::approval::{Status, Waiting};
use crate::config::Config;
use crate::model::{Page, PageKind};

use super::Settings;

/// Whether `page` is published by this build: `--drafts` publishes all; otherwise its draft
/// flag and date, and for an article the approval gate, decide.
pub(super) fn publishes(page: &Page, settings: &Settings) -> bool {
    if settings.drafts {
        return true;
    }
    let public = super::is_public(page, settings.now);
    if page.kind != PageKind::Article {
        return public;
    }
    let approval = page.meta.approval.status;
    settings.approval.admits(public, page.meta.draft, approval)
}

/// The articles that wait, when the site's articles are approved (or reviewed): every
/// article that is not a draft (`draft: true`) and not approved, in path order.
pub(super) fn waiting(pages: &[Arc<Page>], settings: &Settings, config: &Config) -> Vec<Waiting> {
    if !(settings.approval.required || settings.approval.show_waiting) {
        return Vec::new();
    }
    let mut waiting: Vec<Waiting> = pages
        .iter()
        .filter(|p| p.kind == PageKind::Article && !p.meta.draft)
        .filter(|p| p.meta.approval.status != Status::Approved)
        .map(|p| {
            let approval = &p.meta.approval;
            let waits_for = if approval.status.is_waiting() {
                config
                    .approval
                    .names()
                    .into_iter()
                    .map(String::from)
                    .collect()
            } else {
                let author = approval.record.as_ref().and_then(|r| r.author.clone());
                author.into_iter().collect()
            };
            Waiting {
                display: p.display.clone(),
                rel: p.rel.clone(),
                title: p.meta.title.clone(),
                path: p.path.clone(),
                status: approval.status,
                record: approval.record.clone(),
                shown: publishes(p, settings),
                waits_for,
            }
        })
        .collect();
    waiting.sort_by(|a, b| a.rel.cmp(&b.rel));
    waiting
}
