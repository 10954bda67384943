//! The preview's answer, and the workflow's steps (submit, approve, return) from the desk.

use std::time::Instant;

use axum::http::StatusCode;
use serde::Deserialize;

use super::paths::ArticlePath;
use super::reply::Problem;
use super::{Desk, Reply};
use crate::diag::Diagnostic;
use crate::pipeline::PagePreview;
use crate::workflow::{self, Step};

/// The preview as the page shows it: the page's HTML with its address as base (so the
/// bundle's photos load), problems placed in the editor's text or on a form field, and the
/// legal numbers the build links, as offsets the page's JavaScript counts in.
pub fn preview_reply(desk: &Desk, text: &str, page: PagePreview, started: Instant) -> Reply {
    let body_start = body_start(text);
    let body_line = 1 + text[..body_start].matches('\n').count();
    let header_keys = crate::approval::front_matter(text)
        .and_then(|r| crate::yaml::top_level_keys(&text[r]).ok())
        .unwrap_or_default();
    let problems: Vec<Problem> = (page.problems.iter())
        .map(|d| place(d, body_line, &header_keys))
        .collect();
    let body = &text[body_start..];
    // The page's body is the file after the front matter; the editor's starts after the
    // blank line that follows it.
    let shift = text.len() - body_start;
    let citations: Vec<serde_json::Value> = (page.citations.iter())
        .filter_map(|r| {
            let page_len = page_body_len(text);
            let skipped = page_len.checked_sub(shift)?;
            let (start, end) = (r.start.checked_sub(skipped)?, r.end.checked_sub(skipped)?);
            Some(serde_json::json!({
                "start": utf16(body, start)?,
                "end": utf16(body, end)?,
            }))
        })
        .collect();
    let html = page.html.map(|html| {
        let base = format!(
            "{}{}{}",
            desk.inner.origin,
            desk.base_path(),
            page.path.as_deref().unwrap_or("")
        );
        with_base(&String::from_utf8_lossy(&html), &base)
    });
    Reply::ok(&serde_json::json!({
        "html": html,
        "problems": problems,
        "citations": citations,
        "took_ms": started.elapsed().as_millis() as u64,
    }))
}

/// Where the editor's body starts in a composed file: after `---`, the blank line.
fn body_start(text: &str) -> usize {
    let Some(yaml) = crate::approval::front_matter(text) else {
        return 0;
    };
    let after = &text[yaml.end..];
    let closing = after.find('\n').map_or(after.len(), |i| i + 1);
    let start = yaml.end + closing;
    if text[start..].starts_with('\n') {
        start + 1
    } else {
        start
    }
}

/// The length of what the build calls the page's body: the file after the front matter's
/// closing line.
fn page_body_len(text: &str) -> usize {
    let Some(yaml) = crate::approval::front_matter(text) else {
        return text.len();
    };
    let after = &text[yaml.end..];
    after.len() - after.find('\n').map_or(after.len(), |i| i + 1)
}

/// A byte offset of `s` counted in UTF-16 units, as JavaScript strings count.
fn utf16(s: &str, byte: usize) -> Option<usize> {
    s.get(..byte).map(|before| before.encode_utf16().count())
}

/// A problem of the file placed in the editor: a line of the body, or (line 0) the form
/// field whose key stands at or above its line.
fn place(d: &Diagnostic, body_line: usize, keys: &[crate::yaml::Key]) -> Problem {
    let mut p = Problem::of_file(d);
    if d.line >= body_line {
        p.line = d.line - body_line + 1;
    } else {
        // The YAML's lines start on the file's second line.
        let key = (keys.iter())
            .filter(|k| k.line < d.line.max(2))
            .max_by_key(|k| k.line);
        p.field = Some(key.map_or_else(|| "title".to_string(), |k| k.name.clone()));
        p.line = 0;
        p.col = 0;
    }
    p
}

/// `<base href>` first in `<head>`, so the page's relative addresses resolve as at its URL.
fn with_base(html: &str, base: &str) -> String {
    let tag = format!("<base href=\"{}\">", crate::text::escape_html(base));
    match html.find("<head>") {
        Some(at) => format!("{}{tag}{}", &html[..at + 6], &html[at + 6..]),
        None => format!("{tag}{html}"),
    }
}

#[derive(Deserialize)]
struct StepAsked {
    path: String,
    #[serde(default)]
    by: String,
    #[serde(default)]
    note: String,
}

/// Submit, approve or return an article, as `loa submit`, `approve`, `return` would.
pub fn take(desk: &Desk, route: &str, body: &[u8]) -> Reply {
    let Ok(asked) = serde_json::from_slice::<StepAsked>(body) else {
        return super::api::bad_request();
    };
    let path = match ArticlePath::parse(&desk.inner.root, &asked.path) {
        Ok(p) => p,
        Err(reply) => return reply,
    };
    let note = Some(asked.note.trim().to_string()).filter(|n| !n.is_empty());
    let step = match route {
        "api/submit" => Step::Submit { author: None },
        "api/approve" => match approver(desk, &asked.by) {
            Some(by) => Step::Approve { by, note },
            None => {
                return Reply::error(
                    StatusCode::BAD_REQUEST,
                    crate::msg::DESK_APPROVER_NEEDED,
                    None,
                )
            }
        },
        _ => Step::Return {
            by: None,
            note: note.unwrap_or_default(),
        },
    };
    let request = workflow::Request {
        root: &desk.inner.root,
        file: std::path::Path::new(&path.display),
        now: desk.inner.now.as_deref(),
    };
    match workflow::take(request, &step) {
        Ok(done) => {
            desk.touched(vec![path.abs.clone()]);
            let state = super::api::state_of(desk, &path);
            Reply::ok(&serde_json::json!({
                "state": state.as_ref().map(|s| s.0),
                "state_label": state.as_ref().map(|s| s.1),
                "warnings": done.warnings.iter().map(Problem::of_file).collect::<Vec<_>>(),
            }))
        }
        Err(problems) => Reply::problems(StatusCode::UNPROCESSABLE_ENTITY, &problems),
    }
}

/// Who approves: the name given, or the only approver config.yaml lists.
fn approver(desk: &Desk, given: &str) -> Option<String> {
    let given = given.trim();
    if !given.is_empty() {
        return Some(given.to_string());
    }
    let config = crate::config::load(&desk.inner.root, &Default::default()).ok()?;
    match config.approval.approvers.as_slice() {
        [only] => Some(only.name.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_goes_first_in_head() {
        assert_eq!(
            with_base("<html><head><title>x</title></head></html>", "http://h/a/"),
            "<html><head><base href=\"http://h/a/\"><title>x</title></head></html>"
        );
    }

    #[test]
    fn offsets_are_counted_as_javascript_counts_them() {
        assert_eq!(utf16("Nghị định", "Nghị".len()), Some(4));
        assert_eq!(utf16("😀a", "😀".len()), Some(2));
    }

    #[test]
    fn the_body_starts_after_the_blank_line() {
        let text = "---\ntitle: x\n---\n\nĐoạn.\n";
        assert_eq!(&text[body_start(text)..], "Đoạn.\n");
        assert_eq!(page_body_len(text), "\nĐoạn.\n".len());
    }
}
