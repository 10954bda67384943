//! Assemble stage: parsed pages become a site — what is published, where, and in which lists.
//!
//! Pure. It decides drafts and scheduling against the given "now", checks that no two things
//! land on one URL, resolves every internal link and image, renders each page's Markdown
//! (in parallel) and groups articles into sections, topics, tags and units, newest first.

mod align;
mod assets;
pub mod bundle;
mod convert;
mod converted;
mod documents;
mod edit;
mod expiry;
mod held;
mod lists;
mod menus;
mod paths;
mod related;
pub mod screen;
mod terms;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use assets::{place_assets, resized_copies};
pub(crate) use edit::{steady_at, text_edits, World};
pub use expiry::{expiring_soon, is_expired, Expiring, SOON_DAYS};
use lists::walks;
pub use lists::{is_upcoming, EVENTS_SECTION};
pub use menus::{Href, MenuLink, MenuLinks};
pub use paths::AddressesMemo;
use paths::{check_addresses, collect_aliases};
#[cfg(test)]
pub(crate) use related::How as RelatedHow;
pub use related::{related, RelatedMemo, RELATED};
#[cfg(test)]
pub(crate) use terms::How as TermsHow;
pub use terms::TermsMemo;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::images::Processed;
use crate::key::Key;
use crate::load::Asset;
use crate::markdown::{ImageAttrs, Rendered};
use crate::model::{Page, PageKind};
use crate::taxonomy::Taxonomy;
pub(crate) use converted::{Converted, Markdown};

/// The most pages a parallel loop over the site's pages hands one core at a time. rayon
/// splits a loop only as far as it sees idle cores, so a core could be left with thousands of
/// pages at the end while the others wait; pieces this small cost nothing next to a page.
pub const PIECE: usize = 64;

/// Inputs that are not files: the build's mode and its clock.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Publish drafts and future-dated articles too (`--drafts`).
    pub drafts: bool,
    /// The moment that decides which articles are already published (`--now`).
    pub now: jiff::Timestamp,
    /// Which articles approval lets through (`approval: required`, `serve --review`).
    pub approval: crate::approval::Gate,
}

/// A page that is published, with its HTML.
#[derive(Debug, Clone)]
pub struct Published {
    pub page: Arc<Page>,
    pub rendered: Arc<Rendered>,
    /// How the front-matter `image` is published, when there is one (an external image:
    /// its URL only).
    pub image: Option<Arc<ImageAttrs>>,
    /// Its `expires:` has passed: the page is published, with a note, but listed nowhere.
    pub expired: bool,
    /// The page's `front_key`, kept beside it: the site's lists are keyed by it, read from
    /// the pages' array rather than from each page, far in memory.
    pub front: crate::key::Hash,
    /// Hash of everything this struct comes from (the file, the config it was parsed with,
    /// and what its Markdown read of the rest of the site: its Markdown memo key), so later
    /// stages can tell an unchanged page without comparing it field by field.
    pub key: crate::key::Hash,
    /// Hash of what other pages show of this one, its card (`crate::views::ArticleCard`):
    /// the front matter and place (`front`), the summary, the image and whether an event is
    /// still to come. Lists and the pages beside it are keyed by it, so an edit of the text
    /// alone leaves them as they are.
    pub card: crate::key::Hash,
}

impl Published {
    /// When the page last changed, as the sitemap says it: its `updated` date, else its date.
    pub fn last_changed(&self) -> Option<&jiff::ZonedDateTime> {
        let meta = &self.page.meta;
        meta.updated.as_ref().or(meta.date.as_ref())
    }
}

/// A section list: `content/<section>/` and its optional `_index.md`.
#[derive(Debug, Clone)]
pub struct Section {
    pub slug: String,
    pub title: String,
    /// The section's `_index.md`, if it has one.
    pub index: Option<Published>,
    /// Indexes into `Site::pages`, in the section's order.
    pub pages: Vec<usize>,
    pub paginate: usize,
}

/// A topic, tag or unit with its articles, newest first.
#[derive(Debug, Clone)]
pub struct Term {
    pub key: String,
    pub name: String,
    pub description: String,
    pub pages: Vec<usize>,
}

/// An old URL that must keep working, and the page it now leads to.
#[derive(Debug, Clone)]
pub struct Alias {
    /// Output file path: `tin-tuc/ten-cu/index.html`.
    pub file: String,
    pub target: String,
}

pub use crate::links::PlacedAsset;

/// Everything the render stage needs, decided.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub settings: Settings,
    /// Published articles and standalone pages.
    pub pages: Vec<Published>,
    /// Articles only, newest first (indexes into `pages`); expired ones are not among them.
    pub articles: Vec<usize>,
    /// Expired articles (`expires:`), newest first: published, listed nowhere, still counted
    /// in the report and the plan's progress.
    pub expired: Vec<usize>,
    pub home: Option<Published>,
    pub sections: Vec<Section>,
    pub topics: Vec<Term>,
    pub tags: Vec<Term>,
    pub units: Vec<Term>,
    pub aliases: Vec<Alias>,
    /// Files copied into the site from `content/`.
    pub assets: Vec<PlacedAsset>,
    /// Previous (older) and next (newer) article within the section, by page index.
    pub neighbours: Vec<(Option<usize>, Option<usize>)>,
    /// Each article's related articles, by page index ([`related`], filled in after
    /// assembling, with `serve`'s memo); empty until then.
    pub related: related::Lists,
    /// The documents of `data/van-ban.yaml`, newest first, with the pages citing each.
    pub documents: Vec<crate::citations::Cited>,
    /// The activities of `data/hoat-dong.yaml` held by now, oldest first.
    pub activities: Vec<crate::ledger::Activity>,
    /// Articles waiting for approval, or for their author (empty unless approval is
    /// required or reviewed), by path.
    pub waiting: Vec<crate::approval::Waiting>,
    /// The menus of config.yaml, every link decided.
    pub menus: MenuLinks,
    /// The key of what the topics', units' and tags' lists are made from, which related
    /// lists are ranked from too.
    pub terms_key: crate::key::Hash,
    /// The key of what the sitemap shows of the pages: each one's path, its last date and
    /// whether it expired ([`lists::places_key`]). Not its title, which `terms_key` reads.
    pub places_key: crate::key::Hash,
    /// What a text edit needs to make the next site from this one ([`text_edits`]); kept
    /// only for `serve` (see [`Memos::edits`]).
    pub(crate) world: Option<Arc<World>>,
}

impl Site {
    /// The related articles of `pages[index]`, best first.
    pub fn related_of(&self, index: usize) -> &[usize] {
        self.related.get(index).map_or(&[], |list| list)
    }

    /// The older and the newer article beside `pages[index]` in its section.
    pub fn neighbours_of(&self, index: usize) -> (Option<usize>, Option<usize>) {
        self.neighbours.get(index).copied().unwrap_or((None, None))
    }

    /// Frees the Markdown of every page that nothing else holds: once converted, it is not
    /// read again, and a build that is not followed by others keeps only the HTML.
    pub fn free_bodies(&mut self) {
        let indexes = self.sections.iter_mut().filter_map(|s| s.index.as_mut());
        for p in self
            .pages
            .iter_mut()
            .chain(self.home.as_mut())
            .chain(indexes)
        {
            if let Some(page) = Arc::get_mut(&mut p.page) {
                page.body = crate::kept::KeptText::default();
            }
        }
    }

    /// Takes out the HTML of every article and standalone page that nothing else holds, to
    /// be moved into its rendered page and freed with it, rather than kept until every page
    /// has rendered. By page index; `None` where the HTML stays (a memo holds it too).
    pub fn take_html(&mut self) -> Vec<Option<String>> {
        self.pages
            .iter_mut()
            .map(|p| Arc::get_mut(&mut p.rendered).and_then(|r| r.html.take()))
            .collect()
    }

    /// The terms of one taxonomy: the site's topics, tags or units.
    pub fn terms(&self, taxonomy: Taxonomy) -> &[Term] {
        match taxonomy {
            Taxonomy::Topic => &self.topics,
            Taxonomy::Tag => &self.tags,
            Taxonomy::Unit => &self.units,
        }
    }

    /// The section list a page belongs to, if any.
    pub fn section_of(&self, page: &Page) -> Option<&Section> {
        let slug = page.section.as_ref()?;
        self.sections.iter().find(|s| &s.slug == slug)
    }
}

/// Paths loa writes itself: content that would land there is an error.
pub const GENERATED_PREFIXES: &[&str] = &[
    Taxonomy::Topic.root(),
    Taxonomy::Tag.root(),
    Taxonomy::Unit.root(),
    "tim-kiem/",
    "van-ban/",
    COVERAGE_PATH,
];
/// The plan's progress page.
pub const COVERAGE_PATH: &str = "ke-hoach/tien-do/";
/// The calendar of every event, and the file beside each event's page.
pub const ALL_EVENTS_ICS: &str = "su-kien.ics";
pub const EVENT_ICS: &str = "lich.ics";

/// The site's JSON Feed (each topic has one too, beside its `rss.xml`).
pub const JSON_FEED: &str = "feed.json";

pub const GENERATED_FILES: &[&str] = &[
    ALL_EVENTS_ICS,
    "rss.xml",
    JSON_FEED,
    "sitemap.xml",
    "404.html",
    "robots.txt",
    ".loa-manifest.json",
];

/// Files under `content/` besides the Markdown: copied beside their pages; photos also resized.
pub struct ContentFiles {
    pub assets: Vec<Asset>,
    /// Resized copies of the photos among `assets`, by content path.
    pub images: HashMap<String, Processed>,
    /// The table of legal documents (`data/van-ban.yaml`), when the site has one.
    pub documents: Option<crate::citations::Table>,
    /// The activities of the ledger (`data/hoat-dong.yaml`), as written.
    pub activities: Vec<crate::ledger::Activity>,
}

/// What `serve` keeps of the last assemble: a build that is not followed by others has only
/// the Markdown memo (emptied after), and no `terms` or `addresses`.
pub(crate) struct Memos<'a> {
    /// The pages' converted Markdown, kept for the next build; `None` when no build follows,
    /// so that no page's HTML is copied into a memo only to be dropped.
    pub markdown: Option<&'a mut FxHashMap<String, Converted>>,
    pub terms: Option<&'a mut TermsMemo>,
    pub addresses: Option<&'a mut AddressesMemo>,
    /// Keep with the site what a text edit needs ([`World`]): it holds every page a second
    /// time, which a build not followed by others must not (`Site::free_bodies`).
    pub edits: bool,
}

/// Decides what is published and where, renders every page's Markdown and builds the lists.
pub(crate) fn assemble(
    config: Config,
    parsed: Vec<Arc<Page>>,
    content: ContentFiles,
    settings: Settings,
    memos: Memos,
) -> (Site, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let waiting = held::waiting(&parsed, &settings, &config);
    let sorted = Sorted::new(parsed, &settings, config.expired);
    let aliases = collect_aliases(&config.base_url, &sorted.published, &mut problems);
    let mut assets = place_assets(content.assets, &sorted.published, &sorted.withheld);
    let targets = convert::Targets {
        base_url: &config.base_url,
        assets: &assets,
        images: &content.images,
        documents: content.documents.as_ref(),
    };
    let converter = convert::Converter::new(targets, &sorted).packing(memos.markdown.is_some());
    let places = converter.addresses();
    let link_places = converter.places();
    // Independent of each other: on two cores, one checks URLs while the other converts.
    let (collisions, (mut pages, home, indexes)) = rayon::join(
        || {
            check_addresses(
                &sorted.published,
                &sorted.indexes,
                &aliases,
                &places,
                memos.addresses,
            )
        },
        || convert::render_markdown(converter, &sorted, &mut problems, memos.markdown),
    );
    problems.extend(collisions);
    // What a text edit reads, as links read it: the files before their resized copies.
    let kept = memos
        .edits
        .then(|| (assets.clone(), content.documents.clone()));
    resized_copies(&mut assets, &content.images);
    key_events(&mut pages, settings.now);
    expiry::mark(&mut pages, settings.now);
    let (articles, expired): (Vec<usize>, Vec<usize>) =
        (newest_first(&pages).into_iter()).partition(|&i| !pages[i].expired);
    let lists = walks(
        (&config, &pages, &articles),
        indexes,
        settings.now,
        memos.terms,
        content.documents,
    );
    let mut site = Site {
        activities: crate::ledger::held(content.activities, settings.now, &config.timezone),
        neighbours: lists.neighbours,
        related: Default::default(),
        tags: lists.terms.tags,
        aliases: aliases.into_iter().map(|(a, _)| a).collect(),
        config,
        settings,
        pages,
        articles,
        expired,
        home,
        sections: lists.sections,
        topics: lists.terms.topics,
        units: lists.terms.units,
        assets,
        documents: lists.documents,
        waiting,
        menus: MenuLinks::default(),
        terms_key: lists.terms_key,
        places_key: lists.places_key,
        world: None,
    };
    let withheld: Vec<&Page> = sorted.withheld.iter().map(|p| &**p).collect();
    site.menus = menus::links(&site, &withheld, &mut problems);
    let world = |(assets, documents)| {
        World::new(
            sorted,
            &site,
            (assets, content.images, documents),
            link_places,
        )
    };
    site.world = kept.map(world).map(Arc::new);
    (site, problems)
}

/// Whether an event is still to come is the clock's decision, shown on its page and in the
/// lists: it goes into the page's key, which they are rendered by.
fn key_events(pages: &mut [Published], now: jiff::Timestamp) {
    for p in pages {
        p.key = event_key(&p.page, p.key, now);
        p.card = event_key(&p.page, p.card, now);
    }
}

/// A page's key from its Markdown's `key`, and for an event whether it is still to come.
fn event_key(page: &Page, key: crate::key::Hash, now: jiff::Timestamp) -> crate::key::Hash {
    match &page.meta.event {
        Some(event) => Key::new("event")
            .hash(&key)
            .number(u64::from(is_upcoming(event, now)))
            .finish(),
        None => key,
    }
}

/// Pages sorted by what they are and whether they are published now.
#[derive(Debug)]
struct Sorted {
    home: Option<Arc<Page>>,
    indexes: Vec<Arc<Page>>,
    published: Vec<Arc<Page>>,
    /// Drafts, future and removed expired articles: not published, but links to them get a
    /// clear message.
    withheld: Vec<Arc<Page>>,
}

impl Sorted {
    fn new(parsed: Vec<Arc<Page>>, settings: &Settings, expired: crate::config::Expired) -> Sorted {
        let mut sorted = Sorted {
            home: None,
            indexes: Vec::new(),
            published: Vec::new(),
            withheld: Vec::new(),
        };
        for page in parsed {
            match page.kind {
                PageKind::Home => sorted.home = Some(page),
                PageKind::SectionIndex => sorted.indexes.push(page),
                _ if expiry::is_removed(&page, expired, settings) => sorted.withheld.push(page),
                _ if held::publishes(&page, settings) => sorted.published.push(page),
                _ => sorted.withheld.push(page),
            }
        }
        sorted
    }
}

fn is_public(page: &Page, now: jiff::Timestamp) -> bool {
    !page.meta.draft && page.meta.date.as_ref().is_none_or(|d| d.timestamp() <= now)
}

/// The articles among `pages`, newest first; articles of one moment by path.
fn newest_first(pages: &[Published]) -> Vec<usize> {
    // Sorted by keys read once per article, not twice per comparison; read and sorted on
    // both cores (at 100,000 articles this took 17-34 ms of an article edit's rebuild).
    let mut keys: Vec<(std::cmp::Reverse<Option<jiff::Timestamp>>, &str, usize)> = pages
        .par_iter()
        .enumerate()
        .filter(|(_, p)| p.page.kind == PageKind::Article)
        .map(|(i, p)| {
            let date = p.page.meta.date.as_ref().map(|d| d.timestamp());
            (std::cmp::Reverse(date), p.page.path.as_str(), i)
        })
        .collect();
    keys.par_sort_unstable();
    keys.into_iter().map(|(_, _, i)| i).collect()
}
