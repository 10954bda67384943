//! The review page a leader opens on a phone: the articles waiting for approval, each with a
//! link to it as it will look, a box for an opinion or a note, and Approve and Return.

use std::fmt::Write as _;

use super::session::Snapshot;
use crate::approval::{Status, Waiting};
use crate::config::Config;
use crate::msg;
use crate::text::escape_html as esc;

const STYLE: &str = "body{font:17px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;\
    margin:0;padding:1rem;color:#1a1a1a;background:#f4f4f2}main{max-width:40rem;margin:0 auto}\
    h1{font-size:1.4rem;margin:.2rem 0}.site{color:#555;margin-top:0}label{display:block;\
    font-weight:600;margin:.6rem 0 .2rem}select,input,textarea{box-sizing:border-box;width:100%;\
    font:inherit;padding:.55rem;border:1px solid #888;border-radius:6px;background:#fff}\
    form.bai{background:#fff;border-radius:10px;padding:1rem;margin:1rem 0;\
    box-shadow:0 1px 3px rgba(0,0,0,.15)}form.bai h2{font-size:1.15rem;margin:0 0 .3rem}\
    .meta{color:#555;margin:.2rem 0}.buttons{display:flex;gap:.6rem;margin-top:.8rem}\
    button{flex:1;font:inherit;font-weight:600;min-height:3rem;border:0;border-radius:8px;\
    color:#fff;cursor:pointer}button[value=approve]{background:#1d6b33}\
    button[value=return]{background:#9b2c1f}button:disabled{opacity:.45}\
    .result{white-space:pre-wrap;margin:.6rem 0 0}form.done{opacity:.8}";

const SCRIPT: &str = include_str!("review.js");

/// The page, from the last good build and the config (for the approvers' names).
pub fn render(snapshot: &Snapshot, config: Option<&Config>) -> String {
    let waiting: Vec<&Waiting> = snapshot
        .waiting
        .iter()
        .filter(|w| w.status.is_waiting())
        .collect();
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n<title>{0}</title>\n\
         <style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{0} ({1})</h1>\n",
        msg::REVIEW_TITLE,
        waiting.len()
    );
    if let Some(config) = config {
        let _ = writeln!(out, "<p class=\"site\">{}</p>", esc(&config.title));
    }
    approver_field(&mut out, config);
    if waiting.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"empty\">{}</p>",
            msg::REVIEW_NOTHING_WAITING
        );
    }
    for article in waiting {
        article_form(&mut out, article, &snapshot.base_path);
    }
    let _ = write!(
        out,
        "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    );
    out
}

/// Who approves: a list when the config names the approvers, else a name to type.
fn approver_field(out: &mut String, config: Option<&Config>) {
    let names = config.map(|c| c.approval.names()).unwrap_or_default();
    let _ = writeln!(
        out,
        "<label for=\"nguoi-duyet\">{}</label>",
        msg::REVIEW_APPROVER
    );
    if names.is_empty() {
        out.push_str("<input id=\"nguoi-duyet\" name=\"by\" autocomplete=\"name\" required>\n");
        return;
    }
    out.push_str("<select id=\"nguoi-duyet\" name=\"by\">\n");
    for name in names {
        let _ = writeln!(out, "<option>{}</option>", esc(name));
    }
    out.push_str("</select>\n");
}

/// One waiting article: what it is, where to read it, and the two buttons.
fn article_form(out: &mut String, article: &Waiting, base: &str) {
    let record = article.record.clone().unwrap_or_default();
    let state = match article.status {
        Status::Changed => msg::STAGE_CHANGED,
        _ => msg::STAGE_SUBMITTED,
    };
    let sent = msg::status_submitted_by(record.author.as_deref(), record.at.as_deref());
    let id = crate::text::slugify(&article.rel);
    let _ = writeln!(
        out,
        "<form class=\"bai\" method=\"post\" action=\"{base}{page}\">\n\
         <input type=\"hidden\" name=\"file\" value=\"{file}\">\n\
         <h2><a href=\"{base}{path}\">{title}</a></h2>\n\
         <p class=\"meta\">{state}{sent}</p>\n<p class=\"meta\">{display}</p>\n\
         <label for=\"y-kien-{id}\">{note}</label>\n\
         <textarea id=\"y-kien-{id}\" name=\"note\" rows=\"2\"></textarea>\n\
         <div class=\"buttons\"><button name=\"step\" value=\"approve\">{approve}</button>\
         <button name=\"step\" value=\"return\">{give_back}</button></div>\n\
         <p class=\"result\" role=\"status\"></p>\n</form>",
        page = super::review::PAGE,
        file = esc(&article.rel),
        path = esc(&article.path),
        title = esc(&article.title),
        sent = if sent.is_empty() {
            String::new()
        } else {
            format!(" · {}", esc(&sent))
        },
        display = esc(&article.display.to_string_lossy().replace('\\', "/")),
        note = msg::REVIEW_NOTE,
        approve = msg::REVIEW_APPROVE,
        give_back = msg::REVIEW_RETURN,
    );
}
