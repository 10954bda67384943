//! What a publish will do, decided before anything is sent: which files travel and in which
//! order, which go away, and which published pages would disappear.
//!
//! The order keeps the live site whole while files arrive one by one: a page goes up only
//! after what it links to. Assets first (a new article's photo before the article). Then
//! the pages that are new: no page online links to them yet, so whatever they link to
//! among themselves is complete before a visitor can reach any of them. Then the pages that
//! changed, which may link to the new ones (a list to a new article, any page to a new tag
//! or plan page). Then feeds and the sitemap, the home page last; removals come after every
//! upload, so no page still online links to a removed one. Within each group article pages
//! go before lists, the order a reader follows.

use super::manifest::{Entry, Manifest};
use crate::render::{Kind, Outputs};

/// The publishing order, first to last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// Styles, scripts, photos, documents: what pages link to and nothing links from.
    Assets,
    /// HTML pages not on the target before.
    NewPages,
    /// HTML pages replacing an earlier version.
    ChangedPages,
    /// RSS, sitemap, calendars, robots.txt, data files: they name pages that must exist.
    Feeds,
    /// `index.html` at the top: what visitors open first.
    Home,
}

/// One file to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub path: String,
    pub phase: Phase,
    /// A list (section, topic, tag, unit, further page, redirect): after the article pages
    /// of its phase.
    pub list: bool,
    /// New on the target (not replacing a file loa published before).
    pub added: bool,
    pub size: u64,
}

/// Everything a publish does, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// New and changed files, in publishing order.
    pub uploads: Vec<Upload>,
    /// Files loa published before that the site no longer has.
    pub removals: Vec<String>,
    /// Files already on the target with the same bytes.
    pub unchanged: usize,
    /// The manifest once everything is done.
    pub manifest: Manifest,
    /// The size of the whole site, for comparison with what travels.
    pub site_bytes: u64,
}

impl Plan {
    pub fn upload_bytes(&self) -> u64 {
        self.uploads.iter().map(|u| u.size).sum()
    }

    pub fn added(&self) -> usize {
        self.uploads.iter().filter(|u| u.added).count()
    }

    pub fn changed(&self) -> usize {
        self.uploads.len() - self.added()
    }

    /// Nothing to send, nothing to remove, nothing left over from an interrupted publish.
    pub fn is_empty(&self, old: &Manifest) -> bool {
        self.uploads.is_empty() && self.removals.is_empty() && old.pending.is_empty()
    }

    /// The published HTML pages that would go away with nothing at their address (an `aliases`
    /// entry keeps a redirect there). Further pages of lists (`trang/2/`) come and go with the
    /// number of articles and are left out. Returned as site paths: `tin-tuc/ten-cu/`.
    pub fn vanishing_pages(&self) -> Vec<String> {
        self.removals
            .iter()
            .filter(|p| p.ends_with(".html") && !is_further_list_page(p))
            .map(|p| p.strip_suffix("index.html").unwrap_or(p).to_string())
            .collect()
    }
}

/// Compares the site with what the target holds according to its manifest.
pub fn plan(outputs: &Outputs, old: &Manifest) -> Plan {
    let mut uploads = Vec::new();
    let mut manifest = Manifest::new();
    let mut unchanged = 0;
    for (path, output) in outputs {
        let Some(bytes) = output.bytes() else {
            // Every file a publish sends is in memory (see `Destination::FolderKeeping`).
            continue;
        };
        let entry = Entry::of(bytes);
        let certain = !old.pending.contains(path);
        if certain && old.files.get(path) == Some(&entry) {
            unchanged += 1;
        } else {
            let added = !old.files.contains_key(path);
            uploads.push(Upload {
                path: path.clone(),
                phase: phase(output.kind, added),
                list: output.kind.is_list(),
                added,
                size: entry.size,
            });
        }
        manifest.files.insert(path.clone(), entry);
    }
    uploads.sort_by(|a, b| (a.phase, a.list, &a.path).cmp(&(b.phase, b.list, &b.path)));
    let removals = old
        .owned()
        .filter(|p| !outputs.contains_key(*p))
        .cloned()
        .collect();
    Plan {
        uploads,
        removals,
        unchanged,
        manifest,
        site_bytes: (outputs.values())
            .filter_map(|o| Some(o.bytes()?.len() as u64))
            .sum(),
    }
}

/// Which phase a file belongs to.
fn phase(kind: Kind, added: bool) -> Phase {
    match kind {
        Kind::Home => Phase::Home,
        _ if kind.is_page() && added => Phase::NewPages,
        _ if kind.is_page() => Phase::ChangedPages,
        Kind::Feed | Kind::Calendar | Kind::SiteFile | Kind::SearchFile => Phase::Feeds,
        _ => Phase::Assets,
    }
}

/// A page no longer produced has no kind: its path tells whether it was a further page of a
/// list.
/// `…/trang/3/index.html`.
fn is_further_list_page(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    parts.windows(3).any(|w| {
        w[0] == "trang" && w[1].bytes().all(|b| b.is_ascii_digit()) && w[2] == "index.html"
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::fixtures::outputs as site;

    fn order(plan: &Plan) -> Vec<(&str, Phase, bool)> {
        plan.uploads
            .iter()
            .map(|u| (u.path.as_str(), u.phase, u.list))
            .collect()
    }

    #[test]
    fn a_first_publish_sends_assets_articles_lists_feeds_then_the_home_page() {
        const LIST: bool = true;
        const ARTICLE: bool = false;
        let mut outputs = site(&[
            ("index.html", "home"),
            ("style.css", "css"),
            ("rss.xml", "feed"),
            ("sitemap.xml", "map"),
            ("404.html", "404"),
            ("gioi-thieu/index.html", "page"),
            ("tin-tuc/index.html", "list"),
            ("tin-tuc/trang/2/index.html", "list 2"),
            ("tin-tuc/a/index.html", "article"),
            ("tin-tuc/a/anh.jpg", "photo"),
            ("tin-tuc/ten-cu/index.html", "redirect"),
            ("chu-de/index.html", "topics"),
            ("chu-de/pci/index.html", "topic"),
            ("su-kien.ics", "events"),
        ]);
        let lists = [
            ("tin-tuc/index.html", Kind::List),
            ("tin-tuc/ten-cu/index.html", Kind::Redirect),
            ("chu-de/index.html", Kind::List),
            ("chu-de/pci/index.html", Kind::List),
        ];
        for (path, kind) in lists {
            outputs.get_mut(path).expect("listed above").kind = kind;
        }
        let plan = plan(&outputs, &Manifest::new());
        use Phase::*;
        assert_eq!(
            order(&plan),
            [
                ("style.css", Assets, ARTICLE),
                ("tin-tuc/a/anh.jpg", Assets, ARTICLE),
                ("404.html", NewPages, ARTICLE),
                ("gioi-thieu/index.html", NewPages, ARTICLE),
                ("tin-tuc/a/index.html", NewPages, ARTICLE),
                ("chu-de/index.html", NewPages, LIST),
                ("chu-de/pci/index.html", NewPages, LIST),
                ("tin-tuc/index.html", NewPages, LIST),
                ("tin-tuc/ten-cu/index.html", NewPages, LIST),
                ("tin-tuc/trang/2/index.html", NewPages, LIST),
                ("rss.xml", Feeds, ARTICLE),
                ("sitemap.xml", Feeds, ARTICLE),
                ("su-kien.ics", Feeds, ARTICLE),
                ("index.html", Home, ARTICLE),
            ]
        );
        assert_eq!(plan.added(), 14);
        assert!(plan.removals.is_empty());
    }

    #[test]
    fn only_changed_files_travel_and_files_no_longer_produced_go() {
        let before = site(&[
            ("index.html", "home"),
            ("ke-hoach/tien-do/index.html", "progress"),
            ("tin-tuc/a/index.html", "A"),
            ("tin-tuc/b/index.html", "B"),
            ("tin-tuc/trang/2/index.html", "2"),
        ]);
        let published = plan(&before, &Manifest::new()).manifest;
        let after = site(&[
            ("index.html", "home, new"),
            ("ke-hoach/tien-do/index.html", "progress, now listing C"),
            ("tin-tuc/a/index.html", "A"),
            ("tin-tuc/c/index.html", "C"),
        ]);
        let plan = plan(&after, &published);
        assert_eq!(
            order(&plan),
            [
                ("tin-tuc/c/index.html", Phase::NewPages, false),
                ("ke-hoach/tien-do/index.html", Phase::ChangedPages, false),
                ("index.html", Phase::Home, false)
            ],
            "the new article before any page that may link to it"
        );
        assert_eq!((plan.added(), plan.changed(), plan.unchanged), (1, 2, 1));
        assert!(plan.uploads.iter().all(|u| !u.list));
        assert_eq!(plan.upload_bytes(), 1 + 23 + 9);
        assert_eq!(
            plan.removals,
            ["tin-tuc/b/index.html", "tin-tuc/trang/2/index.html"]
        );
        assert_eq!(
            plan.vanishing_pages(),
            ["tin-tuc/b/"],
            "not a list's page 2"
        );
    }

    #[test]
    fn files_an_interrupted_publish_left_uncertain_are_sent_or_removed_again() {
        let outputs = site(&[("a.css", "A"), ("b.css", "B")]);
        let mut old = plan(&outputs, &Manifest::new()).manifest;
        old.pending.insert("a.css".into());
        old.pending.insert("gone.css".into());
        let plan = plan(&outputs, &old);
        assert_eq!(order(&plan), [("a.css", Phase::Assets, false)]);
        assert_eq!(plan.removals, ["gone.css"]);
        assert!(plan.manifest.pending.is_empty());
    }
}
