//! `menus:` in config.yaml: the header's and the footer's links, as written and as checked
//! before the content is read. Whether a `page:` exists is decided later, against the
//! assembled site (`assemble/menus.rs`), and reported at the entry's line kept here.

use serde::Deserialize;

use crate::diag::Diagnostic;
use crate::{msg, yaml};

use super::problems::Problems;
use super::CONFIG_FILE;

/// The block as written: `main:` (the header) and `footer:`, each a list. Default: none.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMenus {
    /// The header's menu, after "Trang chủ". Default: none (the sections and "Chủ đề").
    #[serde(default)]
    main: Vec<RawEntry>,
    /// The footer's row of links. Default: none (the site's lists and feeds).
    #[serde(default)]
    footer: Vec<RawEntry>,
}

/// One link of a menu.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    /// A page of the site: a content file (`gioi-thieu.md`) or a path from the site's root
    /// (`/tin-tuc/`). Either this or `url`.
    #[serde(default)]
    page: Option<String>,
    /// A page elsewhere (`https://…`, `mailto:`, `tel:`). Either this or `page`.
    #[serde(default)]
    url: Option<String>,
    /// What the link says. Default: the page's own title; required with `url`.
    #[serde(default)]
    title: Option<String>,
    /// Lighter entries come first; entries of equal weight keep their written order.
    /// Default: 0.
    #[serde(default)]
    weight: i64,
}

/// The menus, checked; their entries in the order they are shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Menus {
    pub main: Vec<MenuEntry>,
    pub footer: Vec<MenuEntry>,
}

/// Where a menu entry leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuTarget {
    /// A page of the site, as written: a content file or a site path, maybe with `#anchor`.
    Page(String),
    /// An address elsewhere, allowed by the URL policy.
    Url(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuEntry {
    pub target: MenuTarget,
    /// The link's text as written (NFC), if written.
    pub title: Option<String>,
    pub weight: i64,
    /// Where the entry's `page:` or `url:` is written in config.yaml, for later messages.
    pub line: usize,
    pub col: usize,
}

impl Menus {
    /// Both menus with their names, as config.yaml writes them.
    pub fn named(&self) -> [(&'static str, &[MenuEntry]); 2] {
        [("main", &self.main), ("footer", &self.footer)]
    }
}

/// Checks each entry on its own (one target, a title for a URL, a URL the policy allows) and
/// sorts each menu by weight.
pub(super) fn resolve(raw: RawMenus, text: &str, problems: &mut Problems) -> Menus {
    let RawMenus { main, footer } = raw;
    Menus {
        main: resolve_menu("main", main, text, problems),
        footer: resolve_menu("footer", footer, text, problems),
    }
}

fn resolve_menu(
    menu: &str,
    raw: Vec<RawEntry>,
    text: &str,
    problems: &mut Problems,
) -> Vec<MenuEntry> {
    let places = entry_places(text, menu, raw.len());
    let mut entries: Vec<MenuEntry> = raw
        .into_iter()
        .zip(places)
        .filter_map(|(entry, lines)| resolve_entry(menu, entry, text, lines, problems))
        .collect();
    entries.sort_by_key(|e| e.weight);
    entries
}

fn resolve_entry(
    menu: &str,
    raw: RawEntry,
    text: &str,
    lines: std::ops::Range<usize>,
    problems: &mut Problems,
) -> Option<MenuEntry> {
    let RawEntry {
        page,
        url,
        title,
        weight,
    } = raw;
    let at = |key: &str, message: String, hint: &str| {
        let (line, col) = yaml::key_place(text, lines.clone(), key);
        Diagnostic::error(CONFIG_FILE, line, col, message).with_hint(hint)
    };
    let title = title.map(|t| crate::text::nfc(t.trim()));
    if title.as_deref() == Some("") {
        problems.push(at(
            "title",
            msg::MENU_TITLE_EMPTY.into(),
            msg::HINT_MENU_TITLE,
        ));
    }
    let (target, key) = match (page, url) {
        (Some(page), None) => (MenuTarget::Page(crate::text::nfc(page.trim())), "page"),
        (None, Some(url)) => {
            let url = url.trim().to_string();
            if let Some(problem) = url_problem(&url, title.is_some()) {
                let (message, hint) = problem;
                problems.push(at("url", message, hint));
                return None;
            }
            (MenuTarget::Url(url), "url")
        }
        _ => {
            let message = msg::menu_entry_needs_one_target(menu);
            problems.push(at("page", message, msg::HINT_MENU_ENTRY));
            return None;
        }
    };
    let (line, col) = yaml::key_place(text, lines, key);
    Some(MenuEntry {
        target,
        title: title.filter(|t| !t.is_empty()),
        weight,
        line,
        col,
    })
}

/// What is wrong with a menu's `url:`, if anything: it must be absolute, allowed, and named.
fn url_problem(url: &str, has_title: bool) -> Option<(String, &'static str)> {
    match crate::url_policy::scheme(url) {
        None => Some((msg::menu_url_not_absolute(url), msg::HINT_MENU_URL)),
        Some(scheme) if !crate::url_policy::allows(url) => {
            Some((msg::menu_url_refused(url, &scheme), msg::HINT_MENU_URL))
        }
        Some(_) if !has_title => Some((msg::menu_url_needs_title(url), msg::HINT_MENU_TITLE)),
        Some(_) => None,
    }
}

/// The lines of each of `count` entries of `menus: <menu>:`, as ranges from an entry's first
/// line to the next one's. When they cannot be told apart (a list written `[…]`, a menu
/// not found), every entry gets the menu's line, or the file's first.
fn entry_places(text: &str, menu: &str, count: usize) -> Vec<std::ops::Range<usize>> {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let blank = |l: &str| l.trim().is_empty() || l.trim_start().starts_with('#');
    let Some(menus) = lines.iter().position(|l| l.starts_with("menus:")) else {
        return vec![1..2; count];
    };
    let block = (menus + 1..lines.len()).take_while(|&i| blank(lines[i]) || indent(lines[i]) > 0);
    let key = format!("{menu}:");
    let Some(at) = block
        .clone()
        .find(|&i| lines[i].trim_start().starts_with(&key))
    else {
        return vec![menus + 1..menus + 2; count];
    };
    let own = indent(lines[at]);
    let end = (at + 1..lines.len())
        .find(|&i| !blank(lines[i]) && indent(lines[i]) <= own)
        .unwrap_or(lines.len());
    let items: Vec<usize> = (at + 1..end)
        .filter(|&i| {
            let t = lines[i].trim_start();
            t == "-" || t.starts_with("- ")
        })
        .collect();
    let first = items.iter().map(|&i| indent(lines[i])).min().unwrap_or(0);
    let starts: Vec<usize> = items
        .into_iter()
        .filter(|&i| indent(lines[i]) == first)
        .collect();
    if starts.len() != count {
        return vec![at + 1..at + 2; count];
    }
    let ends = starts.iter().skip(1).map(|&s| s + 1).chain([end + 1]);
    starts.iter().zip(ends).map(|(&s, e)| s + 1..e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "title: T\nmenus:\n  main:\n    - page: gioi-thieu.md\n      weight: 5\n    # a comment\n    - url: https://dichvucong.gov.vn\n      title: DVC\n  footer: [{page: /rss.xml, title: RSS}]\nunits: []\n";

    #[test]
    fn each_entry_is_placed_at_its_own_lines() {
        assert_eq!(entry_places(TEXT, "main", 2), vec![4..7, 7..9]);
        assert_eq!(entry_places(TEXT, "footer", 1), vec![9..10]);
        assert_eq!(entry_places("title: T\n", "main", 1), vec![1..2]);
        // Notepad on Windows saves with CRLF: the same lines.
        let crlf = TEXT.replace('\n', "\r\n");
        assert_eq!(entry_places(&crlf, "main", 2), vec![4..7, 7..9]);
        assert_eq!(yaml::key_place(&crlf, 7..9, "url"), (7, 7));
    }

    #[test]
    fn entries_are_sorted_by_weight_keeping_the_written_order_of_equals() {
        let raw: RawMenus = yaml::from_str(
            "main:\n  - {page: a.md, weight: 5}\n  - {page: b.md}\n  - {page: c.md}\n",
        )
        .unwrap();
        let mut problems = Problems::new("");
        let menus = resolve(raw, "", &mut problems);
        let order: Vec<_> = menus.main.iter().map(|e| e.target.clone()).collect();
        assert_eq!(
            order,
            ["b.md", "c.md", "a.md"].map(|p| MenuTarget::Page(p.into()))
        );
    }

    #[test]
    fn a_url_must_be_absolute_allowed_and_named() {
        assert!(url_problem("https://dichvucong.gov.vn", true).is_none());
        assert!(url_problem("mailto:stp@angiang.gov.vn", true).is_none());
        let (message, _) = url_problem("tin-tuc/", true).unwrap();
        assert!(message.contains("tin-tuc/"), "{message}");
        let (message, _) = url_problem("javascript:alert(1)", true).unwrap();
        assert!(message.contains("javascript"), "{message}");
        let (message, _) = url_problem("https://x.vn", false).unwrap();
        assert!(message.contains("title"), "{message}");
    }
}
