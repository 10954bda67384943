//! Where things may be published: reserved paths, aliases (old addresses) and collisions.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;
use std::sync::Arc;

use super::{Alias, GENERATED_FILES, GENERATED_PREFIXES};
use crate::diag::Diagnostic;
use crate::model::Page;
use crate::msg;

pub(super) fn is_generated(path: &str) -> bool {
    GENERATED_PREFIXES.iter().any(|p| path.starts_with(p)) || GENERATED_FILES.contains(&path)
}

pub(super) fn check_reserved<'a>(
    pages: impl Iterator<Item = &'a Page>,
    problems: &mut Vec<Diagnostic>,
) {
    for page in pages.filter(|p| is_generated(&p.path)) {
        // A `slug:` may have put the page there; otherwise its file name did.
        let line = page.line_of("slug");
        problems.push(
            Diagnostic::error(
                page.display.clone(),
                line,
                1,
                msg::reserved_path(&page.path),
            )
            .with_hint(msg::HINT_RESERVED),
        );
    }
}

/// Each alias becomes the output file of a redirect page.
/// An officer copying an old address from the browser writes it whole
/// (`https://stp.angiang.gov.vn/cchc/tin-tuc/cu/`) or with the site's path (`/cchc/tin-tuc/cu/`):
/// both mean the same place as `/tin-tuc/cu/`. An address on another site is `None`.
pub(super) fn site_path<'a>(base: &crate::config::BaseUrl, alias: &'a str) -> Option<&'a str> {
    if alias.contains("://") {
        return alias.strip_prefix(base.absolute("").as_str()).or_else(|| {
            alias
                .strip_prefix(&base.origin)
                .filter(|_| base.path == "/")
        });
    }
    Some(
        alias
            .strip_prefix(base.path.as_str())
            .filter(|_| base.path != "/")
            .unwrap_or(alias),
    )
}

pub(super) fn collect_aliases(
    base: &crate::config::BaseUrl,
    pages: &[Arc<Page>],
    problems: &mut Vec<Diagnostic>,
) -> Vec<(Alias, usize)> {
    let mut aliases = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        for alias in &page.meta.aliases {
            let line = page.line_of("aliases");
            let Some(path) = site_path(base, alias) else {
                let d =
                    Diagnostic::error(page.display.clone(), line, 1, msg::alias_elsewhere(alias));
                problems.push(d.with_hint(msg::HINT_ALIAS));
                continue;
            };
            let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
            if parts.is_empty()
                || parts
                    .iter()
                    .any(|p| *p == ".." || *p == "." || p.contains('\\'))
            {
                problems.push(
                    Diagnostic::error(page.display.clone(), line, 1, msg::bad_alias(alias))
                        .with_hint(msg::HINT_ALIAS),
                );
                continue;
            }
            let joined = parts.join("/");
            let file = if joined.ends_with(".html") || joined.ends_with(".htm") {
                joined
            } else {
                format!("{joined}/index.html")
            };
            aliases.push((
                Alias {
                    file,
                    target: page.path.clone(),
                },
                i,
            ));
        }
    }
    aliases
}

/// Two things on one URL is an error naming both files. The home page and section lists
/// (with or without an `_index.md`) and their pages `…/trang/N/` count too.
pub(super) fn check_collisions(
    pages: &[Arc<Page>],
    indexes: &[Arc<Page>],
    aliases: &[(Alias, usize)],
    problems: &mut Vec<Diagnostic>,
) {
    let mut owners: FxHashMap<String, Owner> = FxHashMap::default();
    owners.insert("index.html".into(), Owner::List(String::new()));
    for index in indexes {
        owners.insert(format!("{}index.html", index.path), Owner::Page(index));
    }
    let sections: BTreeSet<&str> = pages
        .iter()
        .chain(indexes)
        .filter_map(|p| p.section.as_deref())
        .collect();
    for section in &sections {
        owners
            .entry(format!("{section}/index.html"))
            .or_insert(Owner::List(format!("{section}/")));
    }
    let page_files = pages
        .iter()
        .map(|p| (format!("{}index.html", p.path), p, "slug"));
    let alias_files = aliases
        .iter()
        .map(|(a, i)| (a.file.clone(), &pages[*i], "aliases"));
    let pagination: Vec<String> = sections.iter().map(|s| format!("{s}/trang/")).collect();
    for (file, page, key) in page_files.chain(alias_files) {
        let dir = file.trim_end_matches("index.html");
        let paginated = pagination.iter().any(|p| dir.starts_with(p.as_str()));
        // Pages on reserved paths were reported by `check_reserved`.
        if key == "aliases" && (is_generated(dir) || is_generated(&file) || paginated) {
            let d = Diagnostic::error(
                page.display.clone(),
                page.line_of(key),
                1,
                msg::reserved_path(&file),
            );
            problems.push(d.with_hint(msg::HINT_RESERVED));
            continue;
        }
        let message = match owners.get(&file) {
            None => {
                owners.insert(file, Owner::Page(page));
                continue;
            }
            Some(Owner::Page(other)) => msg::same_url(&format!("/{dir}"), &other.display),
            Some(Owner::List(folder)) => msg::same_url_as_list(&format!("/{dir}"), folder),
        };
        let d = Diagnostic::error(page.display.clone(), page.line_of(key), 1, message);
        problems.push(d.with_hint(msg::HINT_SAME_URL));
    }
}

/// What already stands at an output path.
pub(super) enum Owner<'a> {
    Page(&'a Page),
    /// The home page (empty) or a section list (`tin-tuc/`).
    List(String),
}
