//! The menus of config.yaml led to the assembled site: each `page:` found among the pages and
//! lists loa publishes, named by its own title when the entry has none, and every one not
//! found reported at its line in config.yaml.

use super::{Site, COVERAGE_PATH};
use crate::config::{MenuEntry, MenuTarget, CONFIG_FILE};
use crate::diag::Diagnostic;
use crate::model::{Heading, Page};
use crate::msg;
use crate::taxonomy::Taxonomy;

/// The menus with every link decided, in the order they are shown.
#[derive(Debug, Clone, Default)]
pub struct MenuLinks {
    pub main: Vec<MenuLink>,
    pub footer: Vec<MenuLink>,
}

/// One link of a menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuLink {
    pub title: String,
    pub href: Href,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Href {
    /// A path of this site (`gioi-thieu/`, `` for the home page), maybe with `#anchor`.
    Site(String),
    /// An address elsewhere, as written.
    External(String),
}

/// The menus' links; each `page:` that leads nowhere (or to a page not published yet) is a
/// problem at its line. `withheld`: drafts and scheduled articles, for a clearer message.
pub(super) fn links(site: &Site, withheld: &[&Page], problems: &mut Vec<Diagnostic>) -> MenuLinks {
    let menus = &site.config.menus;
    let mut resolve = |menu: &str, entries: &[MenuEntry]| -> Vec<MenuLink> {
        entries
            .iter()
            .filter_map(|e| match link(site, withheld, menu, e) {
                Ok(link) => Some(link),
                Err(d) => {
                    problems.push(d);
                    None
                }
            })
            .collect()
    };
    MenuLinks {
        main: resolve("main", &menus.main),
        footer: resolve("footer", &menus.footer),
    }
}

fn link(
    site: &Site,
    withheld: &[&Page],
    menu: &str,
    entry: &MenuEntry,
) -> Result<MenuLink, Diagnostic> {
    let at = |message: String, hint: String| {
        Diagnostic::error(CONFIG_FILE, entry.line, entry.col, message).with_hint(hint)
    };
    let written = match &entry.target {
        MenuTarget::Url(url) => {
            return Ok(MenuLink {
                // A URL without a title was refused when the config was read.
                title: entry.title.clone().unwrap_or_else(|| url.clone()),
                href: Href::External(url.clone()),
            });
        }
        MenuTarget::Page(page) => page,
    };
    let (target, anchor) = match written.split_once('#') {
        Some((t, a)) => (t, Some(a)),
        None => (written.as_str(), None),
    };
    let Some(found) = find(site, target) else {
        let rel = content_rel(target);
        if withheld.iter().any(|p| p.rel == rel) {
            let hint = msg::HINT_MENU_WITHHELD.to_string();
            return Err(at(msg::menu_page_withheld(menu, written), hint));
        }
        let hint = match suggestion(site, target) {
            Some(s) => msg::did_you_mean(Some(&s), &[]),
            None => msg::HINT_MENU_PAGE.to_string(),
        };
        return Err(at(msg::menu_page_missing(menu, written), hint));
    };
    if let (Some(anchor), Some(headings)) = (anchor, found.headings) {
        if !headings.iter().any(|h| h.id == anchor) {
            let ids: Vec<&str> = headings.iter().map(|h| h.id.as_str()).collect();
            return Err(at(
                msg::menu_anchor_missing(anchor, target),
                msg::available_anchors(&ids),
            ));
        }
    }
    let title = entry.title.clone().or(found.title).ok_or_else(|| {
        at(
            msg::menu_page_no_title(menu, written),
            msg::HINT_MENU_TITLE.to_string(),
        )
    })?;
    let path = match anchor {
        Some(a) => format!("{}#{a}", found.path),
        None => found.path,
    };
    Ok(MenuLink {
        title,
        href: Href::Site(path),
    })
}

/// A page or list of the site: its path, its own title if it has one, and its headings when
/// it is a content file (for its anchors).
struct Found<'s> {
    path: String,
    title: Option<String>,
    headings: Option<&'s [Heading]>,
}

/// `gioi-thieu.md`, `./content/gioi-thieu.md` or `tin-tuc\bai.md`: the path under `content/`.
fn content_rel(written: &str) -> String {
    let rel = written.replace('\\', "/");
    let rel = rel.trim_start_matches("./");
    rel.strip_prefix("content/").unwrap_or(rel).to_string()
}

/// What `written` names: a content file (`….md`) or a path from the site's root, with or
/// without its leading `/`, the base path or the final `/` of a folder.
fn find<'s>(site: &'s Site, written: &str) -> Option<Found<'s>> {
    if written.ends_with(".md") {
        return content_file(site, &content_rel(written));
    }
    let path = written.trim_start_matches('/');
    let base = site.config.base_url.path.trim_start_matches('/');
    let without_base = (!base.is_empty())
        .then(|| path.strip_prefix(base))
        .flatten();
    [Some(path), without_base]
        .into_iter()
        .flatten()
        .find_map(|p| {
            site_path(site, p).or_else(|| {
                (!p.is_empty() && !p.ends_with('/'))
                    .then(|| site_path(site, &format!("{p}/")))
                    .flatten()
            })
        })
}

fn content_file<'s>(site: &'s Site, rel: &str) -> Option<Found<'s>> {
    if let Some(p) = site.pages.iter().find(|p| p.page.rel == rel) {
        return Some(Found {
            path: p.page.path.clone(),
            title: Some(p.page.meta.title.clone()),
            headings: Some(&p.rendered.headings),
        });
    }
    if rel == "_index.md" {
        return site_path(site, "");
    }
    let slug = rel.strip_suffix("/_index.md")?;
    site_path(site, &format!("{slug}/"))
}

/// A path loa publishes (`tin-tuc/`, `chu-de/pci/`, `rss.xml`…), with the title of what is
/// there when it has one.
fn site_path<'s>(site: &'s Site, path: &str) -> Option<Found<'s>> {
    let found = |title: Option<String>| {
        Some(Found {
            path: path.to_string(),
            title,
            headings: None,
        })
    };
    if let Some(p) = site.pages.iter().find(|p| p.page.path == path) {
        return Some(Found {
            path: path.to_string(),
            title: Some(p.page.meta.title.clone()),
            headings: Some(&p.rendered.headings),
        });
    }
    if let Some(title) = generated_title(site, path) {
        return found(title);
    }
    let has_events = || site.pages.iter().any(|p| p.page.meta.event.is_some());
    let is_file = site.assets.iter().any(|a| a.out == path)
        || path == "rss.xml"
        || (path == super::ALL_EVENTS_ICS && has_events())
        || site
            .topics
            .iter()
            .any(|t| path == format!("{}rss.xml", Taxonomy::Topic.term_path(&t.key)));
    is_file.then(|| found(None)).flatten()
}

/// The title of a page loa makes (home, section, list, progress, search, documents) at
/// `path`: `Some(title)` when there is such a page.
fn generated_title(site: &Site, path: &str) -> Option<Option<String>> {
    let title = |t: &str| Some(Some(t.to_string()));
    if path.is_empty() {
        return title(msg::HOME_TITLE);
    }
    if let Some(s) = site
        .sections
        .iter()
        .find(|s| path == format!("{}/", s.slug))
    {
        return title(&s.title);
    }
    for taxonomy in Taxonomy::ALL {
        if path == taxonomy.root() {
            return title(taxonomy.title());
        }
        let terms = site.terms(taxonomy);
        if let Some(t) = terms.iter().find(|t| path == taxonomy.term_path(&t.key)) {
            return title(&t.name);
        }
    }
    let documents = crate::citations::DOCUMENTS_PATH;
    match path {
        COVERAGE_PATH => title(msg::COVERAGE_TITLE),
        // The search page's path (`search::PAGE`, a layer above).
        "tim-kiem/" => title(msg::SEARCH_TITLE),
        p if p == documents && !site.documents.is_empty() => title(msg::DOCUMENTS_TITLE),
        p => site
            .documents
            .iter()
            .find(|d| d.document.path() == p)
            .and_then(|d| title(&d.document.number)),
    }
}

/// The content file or site path nearest to a misspelt one, if one is near enough.
fn suggestion(site: &Site, written: &str) -> Option<String> {
    if written.ends_with(".md") {
        let rels = site.pages.iter().map(|p| p.page.rel.as_str());
        return crate::yaml::closest(&content_rel(written), rels).map(str::to_string);
    }
    let path = written.trim_start_matches('/');
    let sections: Vec<String> = site
        .sections
        .iter()
        .map(|s| format!("{}/", s.slug))
        .collect();
    let fixed = [Taxonomy::Topic.root(), Taxonomy::Unit.root(), COVERAGE_PATH];
    let paths = (site.pages.iter().map(|p| p.page.path.as_str()))
        .chain(sections.iter().map(String::as_str))
        .chain(fixed);
    crate::yaml::closest(path, paths).map(|p| format!("/{p}"))
}
