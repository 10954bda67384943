//! Where things may be published: reserved paths, aliases (old addresses) and collisions.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

use super::{Alias, GENERATED_FILES, GENERATED_PREFIXES};
use crate::diag::Diagnostic;
use crate::key::Key;
use crate::model::Page;
use crate::msg;

pub(super) fn is_generated(path: &str) -> bool {
    GENERATED_PREFIXES.iter().any(|p| path.starts_with(p)) || GENERATED_FILES.contains(&path)
}

fn check_reserved<'a>(pages: impl Iterator<Item = &'a Page>, problems: &mut Vec<Diagnostic>) {
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

/// The key of the last check of the addresses (reserved paths, collisions) that found no
/// problem ([`addresses_key`]): a text edit moves no page, and checking 100,000 pages'
/// addresses again was 30–40 ms of an article edit's rebuild. A check that found problems
/// is always made again, so that its errors name the lines as they are now.
#[derive(Debug, Default)]
pub struct AddressesMemo(Option<crate::key::Hash>);

impl AddressesMemo {
    /// No problems when the last check of the same addresses found none; else `check`'s.
    pub(super) fn checked(
        &mut self,
        key: crate::key::Hash,
        check: impl FnOnce() -> Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        if self.0 == Some(key) {
            return Vec::new();
        }
        let found = check();
        self.0 = found.is_empty().then_some(key);
        found
    }
}

/// Pages on reserved paths, and two things on one URL, unless `memo`'s last check of the same
/// addresses (`places`: the link index's fingerprint, and the aliases) found none.
pub(super) fn check_addresses(
    pages: &[Arc<Page>],
    indexes: &[Arc<Page>],
    aliases: &[(Alias, usize)],
    places: &crate::key::Hash,
    memo: Option<&mut AddressesMemo>,
) -> Vec<Diagnostic> {
    let check = || {
        let mut found = Vec::new();
        check_reserved(pages.iter().chain(indexes).map(|p| &**p), &mut found);
        check_collisions(pages, indexes, aliases, &mut found);
        found
    };
    match memo {
        Some(memo) => memo.checked(addresses_key(places, aliases), check),
        None => check(),
    }
}

/// What [`check_reserved`] and [`check_collisions`] read: every published page's place and
/// address (`pages`, the link index's fingerprint: the pages' `link_key`s in order, which
/// also say whether each is an article, a section's index or the home page), and the
/// aliases with their pages.
fn addresses_key(pages: &crate::key::Hash, aliases: &[(Alias, usize)]) -> crate::key::Hash {
    let mut key = Key::new("addresses");
    key.hash(pages).number(aliases.len() as u64);
    for (alias, i) in aliases {
        key.text(&alias.file).number(*i as u64);
    }
    key.finish()
}

/// Two things on one URL is an error naming both files. The home page and section lists
/// (with or without an `_index.md`) and their pages `…/trang/N/` count too.
fn check_collisions(
    pages: &[Arc<Page>],
    indexes: &[Arc<Page>],
    aliases: &[(Alias, usize)],
    problems: &mut Vec<Diagnostic>,
) {
    let mut sections: Vec<&str> = pages
        .iter()
        .chain(indexes)
        .filter_map(|p| p.section.as_deref())
        .collect::<FxHashSet<&str>>()
        .into_iter()
        .collect();
    sections.sort_unstable();
    let lists: Vec<String> = sections.iter().map(|s| format!("{s}/")).collect();
    let pagination: Vec<String> = sections.iter().map(|s| format!("{s}/trang/")).collect();
    // By folder (`tin-tuc/a/` for `tin-tuc/a/index.html`), borrowed from the pages: a site
    // of thousands of pages is checked without a string made per page.
    let mut owners: FxHashMap<&str, Owner> = FxHashMap::with_capacity_and_hasher(
        1 + indexes.len() + lists.len() + pages.len() + aliases.len(),
        Default::default(),
    );
    owners.insert("", Owner::List(String::new()));
    for index in indexes {
        owners.insert(&index.path, Owner::Page(index));
    }
    for list in &lists {
        owners
            .entry(list.as_str())
            .or_insert_with(|| Owner::List(list.clone()));
    }
    let page_files = pages.iter().map(|p| (p.path.as_str(), p, None));
    let alias_files = aliases.iter().map(|(a, i)| {
        let dir = a.file.strip_suffix("index.html").unwrap_or(&a.file);
        (dir, &pages[*i], Some(a.file.as_str()))
    });
    for (dir, page, alias) in page_files.chain(alias_files) {
        let key = if alias.is_some() { "aliases" } else { "slug" };
        // Pages on reserved paths were reported by `check_reserved`.
        if let Some(file) = alias {
            let paginated = pagination.iter().any(|p| dir.starts_with(p.as_str()));
            if is_generated(dir) || is_generated(file) || paginated {
                let d = Diagnostic::error(
                    page.display.clone(),
                    page.line_of(key),
                    1,
                    msg::reserved_path(file),
                );
                problems.push(d.with_hint(msg::HINT_RESERVED));
                continue;
            }
        }
        let message = match owners.get(dir) {
            None => {
                owners.insert(dir, Owner::Page(page));
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
