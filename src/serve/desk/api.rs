//! The desk's reading and writing of articles: the site's vocabulary, the list, one article
//! for the form and editor, a new article, the preview of unsaved text, and saving.

use std::collections::BTreeSet;
use std::path::Path;

use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use super::form::{self, Fields};
use super::paths::{self, ArticlePath};
use super::reply::Problem;
use super::{Desk, Reply};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::msg;
use crate::workflow::status::{self, Stage};

fn config(desk: &Desk) -> Result<Config, Reply> {
    crate::config::load(&desk.inner.root, &Default::default())
        .map_err(|problems| Reply::problems(StatusCode::UNPROCESSABLE_ENTITY, &problems))
}

#[derive(Serialize)]
struct Choice {
    key: String,
    name: String,
}

/// The site's vocabulary for the form: sections, the plan's topics, units, channels, tags
/// already used, approvers.
pub fn site(desk: &Desk) -> Reply {
    let config = match config(desk) {
        Ok(c) => c,
        Err(reply) => return reply,
    };
    let terms = |terms: &[crate::config::Term]| -> Vec<Choice> {
        (terms.iter())
            .map(|t| Choice {
                key: t.key.clone(),
                name: t.name.clone(),
            })
            .collect()
    };
    let channels: Vec<Choice> = (config.channels.iter())
        .map(|c| Choice {
            key: c.term.key.clone(),
            name: c.term.name.clone(),
        })
        .collect();
    let now = now(desk, &config).strftime("%Y-%m-%dT%H:%M").to_string();
    Reply::ok(&serde_json::json!({
        "title": config.title,
        "base": config.base_url.path,
        "approval": config.approval.required,
        "approvers": config.approval.approvers.iter().map(|a| &a.name).collect::<Vec<_>>(),
        "sections": sections(&desk.inner.root),
        "topics": terms(&config.topics),
        "units": terms(&config.units),
        "channels": channels,
        "tags": tags(desk),
        "targets": config.publish.iter().map(|p| p.target.to_string()).collect::<Vec<_>>(),
        "now": now,
    }))
}

fn now(desk: &Desk, config: &Config) -> jiff::ZonedDateTime {
    (desk.inner.now.as_deref())
        .and_then(|t| crate::pipeline::parse_now(t, &config.timezone).ok())
        .unwrap_or_else(|| jiff::Timestamp::now().to_zoned_datetime(config.timezone.clone()))
}

/// The folders of `content/`, each with its `_index.md` title when it has one.
fn sections(root: &Path) -> Vec<Choice> {
    let Ok(entries) = std::fs::read_dir(root.join("content")) else {
        return Vec::new();
    };
    let mut found: Vec<Choice> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|name| !crate::load::is_ignored(name))
        .map(|key| {
            let index = root.join("content").join(&key).join("_index.md");
            let title = (std::fs::read_to_string(index).ok())
                .and_then(|text| form::read(&text, &key).ok())
                .map(|parts| parts.fields.title)
                .filter(|t| !t.is_empty());
            Choice {
                name: title.unwrap_or_else(|| key.clone()),
                key,
            }
        })
        .collect();
    crate::text::sort_vietnamese(&mut found, |c| &c.name);
    found
}

/// The tags the articles use, in Vietnamese order.
fn tags(desk: &Desk) -> Vec<String> {
    let Ok(listing) = desk.listing() else {
        return Vec::new();
    };
    let all: BTreeSet<&String> = listing.0.iter().flat_map(|e| &e.tags).collect();
    let mut tags: Vec<String> = all.into_iter().cloned().collect();
    crate::text::sort_vietnamese(&mut tags, |t| t);
    tags
}

#[derive(Serialize)]
struct Row {
    path: String,
    title: String,
    section: String,
    state: &'static str,
    state_label: &'static str,
    topics: Vec<String>,
    unit: Option<String>,
    date: Option<String>,
    date_label: Option<String>,
    url: Option<String>,
    problems: Vec<Problem>,
}

/// Every article with where it stands and its problems from the last build.
pub fn articles(desk: &Desk) -> Reply {
    let listing = match desk.listing() {
        Ok(listing) => listing,
        Err(problems) => return Reply::problems(StatusCode::UNPROCESSABLE_ENTITY, &problems),
    };
    let (entries, unreadable) = (&listing.0, &listing.1);
    let (base, served) = match desk.inner.snapshot.read() {
        Ok(s) => {
            let problems = s.errors.iter().chain(s.warnings.iter()).chain(unreadable);
            (
                s.base_path.clone(),
                problems.cloned().collect::<Vec<Diagnostic>>(),
            )
        }
        Err(_) => ("/".to_string(), unreadable.clone()),
    };
    let published = crate::publish::record::published(&desk.inner.root);
    // Thousands of articles, thousands of warnings: each article finds its own at once.
    let mut by_file: std::collections::HashMap<&Path, Vec<&Diagnostic>> = Default::default();
    for d in &served {
        by_file.entry(d.path.as_path()).or_default().push(d);
    }
    let rows: Vec<Row> = (entries.iter())
        .map(|e| {
            let display = e.display.to_string_lossy().replace('\\', "/");
            let (state, state_label) = state(e.stage, published.contains(&e.path));
            Row {
                problems: (by_file.get(e.display.as_path()).into_iter().flatten())
                    .map(|d| Problem::of_file(d))
                    .collect(),
                section: display.split('/').nth(1).unwrap_or("").to_string(),
                path: display,
                title: e.title.clone(),
                state,
                state_label,
                topics: e.topics.clone(),
                unit: e.unit.clone(),
                date: e
                    .when
                    .as_ref()
                    .map(|d| d.strftime("%Y-%m-%dT%H:%M").to_string()),
                date_label: e
                    .when
                    .as_ref()
                    .map(|d| d.strftime("%d/%m/%Y %H:%M").to_string()),
                url: Some(format!("{base}{}", e.path)),
            }
        })
        .collect();
    Reply::ok(&serde_json::json!({ "articles": rows }))
}

/// Where one article stands now, as the list would say, and its page's path.
pub fn state_of(desk: &Desk, path: &ArticlePath) -> Option<(&'static str, &'static str, String)> {
    let bytes = std::fs::read(&path.abs).ok()?;
    let source = crate::load::Source::new(path.rel.clone(), path.display.clone().into(), bytes);
    let entry = status::one(&desk.inner.root, &source, desk.inner.now.as_deref())?;
    let published = crate::publish::record::published(&desk.inner.root);
    let (key, label) = state(entry.stage, published.contains(&entry.path));
    Some((key, label, entry.path))
}

/// The desk's states: an article in the next build is "published" once a publish sent it.
fn state(stage: Stage, sent: bool) -> (&'static str, &'static str) {
    match stage {
        Stage::Draft => ("draft", msg::DESK_STATE_DRAFT),
        Stage::Returned => ("returned", msg::DESK_STATE_RETURNED),
        Stage::Submitted | Stage::Changed => ("submitted", msg::DESK_STATE_SUBMITTED),
        Stage::Scheduled => ("scheduled", msg::DESK_STATE_SCHEDULED),
        Stage::Published if sent => ("published", msg::DESK_STATE_PUBLISHED),
        Stage::Published => ("approved", msg::DESK_STATE_APPROVED),
    }
}

#[derive(Serialize)]
struct Article {
    path: String,
    #[serde(flatten)]
    parts: form::Parts,
    version: String,
    url: Option<String>,
    state: Option<&'static str>,
    state_label: Option<&'static str>,
}

/// One article, taken apart for the form and the editor.
pub fn article(desk: &Desk, given: &str) -> Reply {
    let path = match ArticlePath::parse(&desk.inner.root, given) {
        Ok(p) => p,
        Err(reply) => return reply,
    };
    match read_article(desk, &path) {
        Ok(article) => Reply::ok(&article),
        Err(reply) => reply,
    }
}

fn read_article(desk: &Desk, path: &ArticlePath) -> Result<Article, Reply> {
    let (text, bytes) = path.read()?;
    let parts = form::read(&text, path.section()).map_err(|e| {
        let d = e.at(&path.display, 0);
        Reply::problems(StatusCode::UNPROCESSABLE_ENTITY, &[d])
    })?;
    let base = desk.base_path();
    let state = state_of(desk, path);
    // The page's path as the build makes it (a `slug:` changes it), else from the file name.
    let page = (state.as_ref().map(|s| s.2.clone())).or_else(|| page_path(&path.rel));
    Ok(Article {
        path: path.display.clone(),
        parts,
        version: paths::version(&bytes),
        url: page.map(|p| format!("{base}{p}")),
        state: state.as_ref().map(|s| s.0),
        state_label: state.as_ref().map(|s| s.1),
    })
}

/// The page path a file makes when it sets no `slug`: `tin-tuc/a.md` and
/// `tin-tuc/a/index.md` → `tin-tuc/a/`.
fn page_path(rel: &str) -> Option<String> {
    let stem = rel
        .strip_suffix("/index.md")
        .or_else(|| rel.strip_suffix(".md"))?;
    let (folder, name) = stem.rsplit_once('/').unwrap_or(("", stem));
    let slug = crate::text::slugify(name);
    Some(match folder {
        "" => format!("{slug}/"),
        f => format!("{f}/{slug}/"),
    })
}

/// The file a new article with this section and title will be.
pub fn name(desk: &Desk, section: &str, title: &str) -> Reply {
    let (section, slug) = (crate::text::slugify(section), crate::text::slugify(title));
    if section.is_empty() || slug.is_empty() {
        return Reply::ok(&serde_json::json!({ "path": null, "exists": false }));
    }
    let display = format!("content/{section}/{slug}.md");
    let bundle = desk
        .inner
        .root
        .join(format!("content/{section}/{slug}/index.md"));
    let exists = desk.inner.root.join(&display).exists() || bundle.exists();
    Reply::ok(&serde_json::json!({ "path": display, "exists": exists }))
}

#[derive(Deserialize)]
struct NewArticle {
    fields: Fields,
    #[serde(default)]
    body: String,
}

/// Creates a new article from the form; never over an existing file.
pub fn create(desk: &Desk, body: &[u8]) -> Reply {
    let Ok(new) = serde_json::from_slice::<NewArticle>(body) else {
        return bad_request();
    };
    let config = match config(desk) {
        Ok(c) => c,
        Err(reply) => return reply,
    };
    let mut fields = new.fields;
    let (section, slug) = (
        crate::text::slugify(&fields.section),
        crate::text::slugify(&fields.title),
    );
    if section.is_empty() || slug.is_empty() {
        return Reply::error(StatusCode::BAD_REQUEST, msg::NEW_NEEDS_TITLE, None);
    }
    let reserved =
        (crate::assemble::GENERATED_PREFIXES.iter()).any(|p| p.trim_end_matches('/') == section);
    if reserved {
        let message = msg::reserved_path(&format!("{section}/"));
        return Reply::error(
            StatusCode::BAD_REQUEST,
            &message,
            Some(msg::HINT_RESERVED_SECTION),
        );
    }
    let display = format!("content/{section}/{slug}.md");
    let path = match ArticlePath::parse(&desk.inner.root, &display) {
        Ok(p) => p,
        Err(reply) => return reply,
    };
    let unknown = crate::scaffold::unknown_topics(&config, &fields.topics);
    if !unknown.is_empty() {
        return Reply::problems(StatusCode::BAD_REQUEST, &unknown);
    }
    // As `loa new`: a draft until the officer says otherwise; with approval required, the
    // approval holds it back instead.
    fields.draft = !config.approval.required;
    fields.section = section.clone();
    let text = match form::compose(&fields, "", &new.body, false) {
        Ok(t) => t,
        Err(bad) => return bad_field(&bad),
    };
    if let Err(reply) = write_new(desk, &path, &section, text.as_bytes()) {
        return reply;
    }
    Reply::json(
        StatusCode::CREATED,
        &serde_json::json!({ "path": path.display }),
    )
}

fn write_new(desk: &Desk, path: &ArticlePath, section: &str, bytes: &[u8]) -> Result<(), Reply> {
    let root = &desk.inner.root;
    let bundle = root.join(format!("content/{}", path.rel.trim_end_matches(".md")));
    if path.abs.exists() || bundle.join("index.md").exists() {
        return Err(Reply::error(
            StatusCode::CONFLICT,
            &format!("{}: {}", path.display, msg::ARTICLE_EXISTS),
            Some(msg::HINT_ARTICLE_EXISTS),
        ));
    }
    let folders = crate::within::Folders::new(root);
    folders
        .ensure(&format!("content/{section}"))
        .map_err(|_| write_failed(path, &std::io::Error::other(msg::DESK_PATH_LINK)))?;
    crate::within::create_new(&path.abs, bytes).map_err(|e| write_failed(path, &e))?;
    desk.touched(vec![path.abs.clone()]);
    Ok(())
}

pub fn write_failed(path: &ArticlePath, e: &std::io::Error) -> Reply {
    Reply::error(
        StatusCode::INTERNAL_SERVER_ERROR,
        &format!("{}: {}", path.display, msg::desk_write_failed(e)),
        Some(msg::HINT_DESK_WRITE),
    )
}

pub fn bad_request() -> Reply {
    Reply::error(StatusCode::BAD_REQUEST, msg::DESK_BAD_REQUEST, None)
}

fn bad_field(bad: &form::BadField) -> Reply {
    Reply::json(
        StatusCode::BAD_REQUEST,
        &serde_json::json!({ "error": bad.message, "hint": null, "field": bad.field }),
    )
}

/// What the editor sends: the form, the YAML it does not show, the Markdown.
#[derive(Deserialize)]
struct Edited {
    path: String,
    #[serde(default)]
    version: String,
    fields: Fields,
    #[serde(default)]
    extra: String,
    #[serde(default)]
    body: String,
}

/// The page the unsaved text makes, with its problems placed in the editor.
pub fn preview(desk: &Desk, body: &[u8]) -> Reply {
    let Ok(edited) = serde_json::from_slice::<Edited>(body) else {
        return bad_request();
    };
    let path = match ArticlePath::parse(&desk.inner.root, &edited.path) {
        Ok(p) => p,
        Err(reply) => return reply,
    };
    let started = std::time::Instant::now();
    let text = match form::compose(&edited.fields, &edited.extra, &edited.body, false) {
        Ok(t) => t,
        Err(bad) => return bad_field(&bad),
    };
    let draft = crate::pipeline::Draft {
        rel: path.rel.clone(),
        text,
    };
    let previewed = match desk.inner.session.lock() {
        Ok(mut session) => session.preview(&draft),
        Err(_) => return Reply::status(StatusCode::SERVICE_UNAVAILABLE),
    };
    match previewed {
        Ok(page) => super::steps::preview_reply(desk, &draft.text, page, started),
        Err(problems) => Reply::problems(StatusCode::UNPROCESSABLE_ENTITY, &problems),
    }
}

/// Saves the editor's text, atomically, unless the file changed on disk since the page
/// read it: then nothing is written and both versions go back to the page.
pub fn save(desk: &Desk, body: &[u8]) -> Reply {
    let Ok(edited) = serde_json::from_slice::<Edited>(body) else {
        return bad_request();
    };
    let path = match ArticlePath::parse(&desk.inner.root, &edited.path) {
        Ok(p) => p,
        Err(reply) => return reply,
    };
    let (disk_text, disk_bytes) = match path.read() {
        Ok(read) => read,
        Err(reply) => return reply,
    };
    if paths::version(&disk_bytes) != edited.version {
        let disk = read_article(desk, &path).ok();
        return Reply::json(
            StatusCode::CONFLICT,
            &serde_json::json!({
                "error": format!("{}: {}", path.display, msg::DESK_CHANGED_ON_DISK),
                "hint": msg::HINT_DESK_CHANGED_ON_DISK,
                "disk": disk,
                "disk_text": disk_text,
            }),
        );
    }
    // Read as text, line ends are already `\n`: the bytes tell how the file was written.
    let crlf = disk_bytes.windows(2).any(|w| w == b"\r\n");
    let text = match form::compose(&edited.fields, &edited.extra, &edited.body, crlf) {
        Ok(t) => t,
        Err(bad) => return bad_field(&bad),
    };
    if let Err(e) = crate::within::replace(&path.abs, text.as_bytes()) {
        return write_failed(&path, &e);
    }
    desk.touched(vec![path.abs.clone()]);
    Reply::ok(&serde_json::json!({ "version": paths::version(text.as_bytes()) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_names_its_page() {
        assert_eq!(page_path("tin-tuc/a.md").as_deref(), Some("tin-tuc/a/"));
        assert_eq!(
            page_path("tin-tuc/Bài A/index.md").as_deref(),
            Some("tin-tuc/bai-a/")
        );
        assert_eq!(page_path("a.txt"), None);
    }
}
