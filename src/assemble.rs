//! Assemble stage: parsed pages become a site — what is published, where, and in which lists.
//!
//! Pure. It decides drafts and scheduling against the given "now", checks that no two things
//! land on one URL, resolves every internal link and image, renders each page's Markdown
//! (in parallel) and groups articles into sections, topics, tags and units, newest first.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use crate::cache::Markdown;
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::images::{self, Processed};
use crate::links::LinkIndex;
use crate::load::Asset;
use crate::markdown::{self, ImageAttrs, Rendered};
use crate::model::{Page, PageKind, SortBy};
use crate::{msg, text};

/// Inputs that are not files: the build's mode and its clock.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Publish drafts and future-dated articles too (`--drafts`).
    pub drafts: bool,
    /// The moment that decides which articles are already published (`--now`).
    pub now: jiff::Timestamp,
}

/// A page that is published, with its HTML.
#[derive(Debug, Clone)]
pub struct Published {
    pub page: Page,
    pub rendered: Rendered,
    /// How the front-matter `image` is published, when there is one (an external image:
    /// its URL only).
    pub image: Option<ImageAttrs>,
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

/// A file copied into the site from beside the content.
#[derive(Debug, Clone)]
pub struct PlacedAsset {
    /// Path under `content/`.
    pub rel: String,
    /// Output path.
    pub out: String,
    pub bytes: Vec<u8>,
}

/// Everything the render stage needs, decided.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub settings: Settings,
    /// Published articles and standalone pages.
    pub pages: Vec<Published>,
    /// Articles only, newest first (indexes into `pages`).
    pub articles: Vec<usize>,
    pub home: Option<Published>,
    pub sections: Vec<Section>,
    pub topics: Vec<Term>,
    pub tags: Vec<Term>,
    pub units: Vec<Term>,
    pub aliases: Vec<Alias>,
    /// Files copied into the site from `content/`.
    pub assets: Vec<PlacedAsset>,
    /// Previous (older) and next (newer) article within the section, per page index.
    pub neighbours: HashMap<usize, (Option<usize>, Option<usize>)>,
}

/// Paths loa writes itself: content that would land there is an error.
pub const GENERATED_PREFIXES: &[&str] = &[
    "chu-de/",
    "the/",
    "don-vi/",
    "tim-kiem/",
    "van-ban/",
    "ke-hoach/tien-do/",
];
/// The calendar of every event, and the file beside each event's page.
pub const ALL_EVENTS_ICS: &str = "su-kien.ics";
pub const EVENT_ICS: &str = "lich.ics";

/// The section whose list is an events page by default.
pub const EVENTS_SECTION: &str = "su-kien";

/// Upcoming events first, soonest first; then past ones, latest first; pages without an event
/// last, newest first.
fn event_order(page: &Page, now: jiff::Timestamp) -> (u8, i128) {
    match &page.meta.event {
        Some(e) if is_upcoming(e, now) => (0, e.start.timestamp().as_nanosecond()),
        Some(e) => (1, -e.start.timestamp().as_nanosecond()),
        None => (
            2,
            -page
                .meta
                .date
                .as_ref()
                .map_or(0, |d| d.timestamp().as_nanosecond()),
        ),
    }
}

/// An event is upcoming until it ends (or, without an end, until it starts).
pub fn is_upcoming(event: &crate::model::Event, now: jiff::Timestamp) -> bool {
    event.end.as_ref().unwrap_or(&event.start).timestamp() >= now
}

pub const GENERATED_FILES: &[&str] = &[
    ALL_EVENTS_ICS,
    "rss.xml",
    "sitemap.xml",
    "404.html",
    "robots.txt",
    ".loa-manifest.json",
];

/// Decides what is published and where, renders every page's Markdown and builds the lists.
/// Files under `content/` besides the Markdown: copied beside their pages; photos also resized.
pub struct ContentFiles {
    pub assets: Vec<Asset>,
    /// Resized copies of the photos among `assets`, by content path.
    pub images: HashMap<String, Processed>,
}

pub fn assemble(
    config: Config,
    parsed: Vec<Page>,
    content: ContentFiles,
    settings: Settings,
    memo: &mut HashMap<String, (blake3::Hash, Markdown)>,
) -> (Site, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let sorted = Sorted::new(parsed, &settings);
    check_reserved(
        sorted.published.iter().chain(&sorted.indexes),
        &mut problems,
    );
    let aliases = collect_aliases(&config.base_url, &sorted.published, &mut problems);
    check_collisions(&sorted.published, &sorted.indexes, &aliases, &mut problems);
    let mut assets = place_assets(content.assets, &sorted.published, &sorted.withheld);
    let (pages, home, indexes) = render_markdown(
        &config.base_url,
        sorted,
        (&assets, &content.images),
        &mut problems,
        memo,
    );
    assets.extend(resized_copies(&assets, &content.images));

    let mut articles: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].page.kind == PageKind::Article)
        .collect();
    articles.sort_by(|&a, &b| newest_first(&pages[a].page, &pages[b].page));
    let sections = group_sections(&config, &pages, &articles, indexes, settings.now);
    let in_list = |list: &[crate::config::Term], has: fn(&Page, &str) -> bool| -> Vec<Term> {
        list.iter()
            .map(|t| Term {
                key: t.key.clone(),
                name: t.name.clone(),
                description: t.description.clone(),
                pages: articles
                    .iter()
                    .copied()
                    .filter(|&i| has(&pages[i].page, &t.key))
                    .collect(),
            })
            .collect()
    };
    let topics = in_list(&config.topics, |p, key| {
        p.meta.topics.iter().any(|t| t == key)
    });
    let units = in_list(&config.units, |p, key| p.meta.unit.as_deref() == Some(key));
    let site = Site {
        neighbours: neighbours(&sections),
        tags: group_tags(&pages, &articles),
        aliases: aliases.into_iter().map(|(a, _)| a).collect(),
        config,
        settings,
        pages,
        articles,
        home,
        sections,
        topics,
        units,
        assets,
    };
    (site, problems)
}

/// What a page's Markdown rendering reads: the link index, and the page's file, place and text.
fn markdown_key(index: &blake3::Hash, page: &Page) -> blake3::Hash {
    let mut h = blake3::Hasher::new();
    h.update(index.as_bytes())
        .update(page.rel.as_bytes())
        .update(b"\0");
    h.update(page.display.to_string_lossy().as_bytes())
        .update(b"\0");
    h.update(&page.body_line.to_le_bytes())
        .update(page.body.as_bytes())
        .update(b"\0");
    h.update(page.meta.image.as_deref().unwrap_or("").as_bytes())
        .update(&[u8::from(page.meta.image.is_some())]);
    h.update(&page.line_of("image").to_le_bytes());
    h.finalize()
}

/// Pages sorted by what they are and whether they are published now.
struct Sorted {
    home: Option<Page>,
    indexes: Vec<Page>,
    published: Vec<Page>,
    /// Drafts and future articles: not published, but links to them get a clear message.
    withheld: Vec<Page>,
}

impl Sorted {
    fn new(parsed: Vec<Page>, settings: &Settings) -> Sorted {
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
                _ if settings.drafts || is_public(&page, settings.now) => {
                    sorted.published.push(page)
                }
                _ => sorted.withheld.push(page),
            }
        }
        sorted
    }
}

/// Renders every page's Markdown in parallel, resolving links and images through one index
/// of the whole site; collects the problems found.
fn render_markdown(
    base_url: &crate::config::BaseUrl,
    sorted: Sorted,
    (assets, images): (&[PlacedAsset], &HashMap<String, Processed>),
    problems: &mut Vec<Diagnostic>,
    memo: &mut HashMap<String, (blake3::Hash, Markdown)>,
) -> (Vec<Published>, Option<Published>, Vec<Published>) {
    let Sorted {
        home,
        indexes,
        published,
        withheld,
    } = sorted;
    // Section lists and the home page can be linked to through their `_index.md`.
    let linkable = published.iter().chain(&indexes).chain(&home);
    let index = LinkIndex::new(base_url, linkable, withheld.iter(), assets, images);
    // A page's HTML depends on the page and on every page and file it could link to.
    let index_key = index.fingerprint();
    let previous = std::mem::take(memo);
    let fresh = |page: &Page| {
        let mut rendered = markdown::render(page, &index);
        let image = page
            .meta
            .image
            .as_deref()
            .and_then(|src| match index.image_attrs(page, src) {
                Ok(attrs) => Some(attrs.unwrap_or_else(|| ImageAttrs {
                    src: src.to_string(),
                    ..ImageAttrs::default()
                })),
                Err(p) => {
                    let d = Diagnostic::error(
                        page.display.clone(),
                        page.line_of("image"),
                        1,
                        p.message,
                    );
                    rendered.problems.push(d.with_hint(p.hint));
                    None
                }
            });
        (rendered, image)
    };
    let render = |page: &Page| {
        let key = markdown_key(&index_key, page);
        let result = match previous.get(&page.rel) {
            Some((k, result)) if *k == key => result.clone(),
            _ => fresh(page),
        };
        (key, result)
    };
    let html: Vec<_> = published.par_iter().map(render).collect();
    let home_html = home.as_ref().map(render);
    let index_html: Vec<_> = indexes.par_iter().map(render).collect();
    drop(index);
    let mut publish = |page: Page, (key, (rendered, image)): (blake3::Hash, Markdown)| {
        problems.extend(rendered.problems.iter().cloned());
        memo.insert(page.rel.clone(), (key, (rendered.clone(), image.clone())));
        Published {
            page,
            rendered,
            image,
        }
    };
    let pages = published
        .into_iter()
        .zip(html)
        .map(|(p, r)| publish(p, r))
        .collect();
    let home = home.zip(home_html).map(|(p, r)| publish(p, r));
    let indexes = indexes
        .into_iter()
        .zip(index_html)
        .map(|(p, r)| publish(p, r))
        .collect();
    (pages, home, indexes)
}

fn is_public(page: &Page, now: jiff::Timestamp) -> bool {
    !page.meta.draft && page.meta.date.as_ref().is_none_or(|d| d.timestamp() <= now)
}

fn newest_first(a: &Page, b: &Page) -> std::cmp::Ordering {
    let date = |p: &Page| p.meta.date.as_ref().map(|d| d.timestamp());
    date(b).cmp(&date(a)).then_with(|| a.path.cmp(&b.path))
}

fn is_generated(path: &str) -> bool {
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
fn site_path<'a>(base: &crate::config::BaseUrl, alias: &'a str) -> Option<&'a str> {
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

fn collect_aliases(
    base: &crate::config::BaseUrl,
    pages: &[Page],
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
fn check_collisions(
    pages: &[Page],
    indexes: &[Page],
    aliases: &[(Alias, usize)],
    problems: &mut Vec<Diagnostic>,
) {
    let mut owners: BTreeMap<String, Owner> = BTreeMap::new();
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
    for (file, page, key) in page_files.chain(alias_files) {
        let dir = file.trim_end_matches("index.html");
        let paginated = sections
            .iter()
            .any(|s| dir.starts_with(&format!("{s}/trang/")));
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
        let url = format!("/{dir}");
        let message = match owners.get(&file) {
            None => {
                owners.insert(file, Owner::Page(page));
                continue;
            }
            Some(Owner::Page(other)) => msg::same_url(&url, &other.display),
            Some(Owner::List(folder)) => msg::same_url_as_list(&url, folder),
        };
        let d = Diagnostic::error(page.display.clone(), page.line_of(key), 1, message);
        problems.push(d.with_hint(msg::HINT_SAME_URL));
    }
}

/// What already stands at an output path.
enum Owner<'a> {
    Page(&'a Page),
    /// The home page (empty) or a section list (`tin-tuc/`).
    List(String),
}

/// Co-located files are published beside their page; files in a withheld bundle are not.
/// Other files under `content/` keep their place, under the section's slug.
fn place_assets(assets: Vec<Asset>, published: &[Page], withheld: &[Page]) -> Vec<PlacedAsset> {
    let bundles: HashMap<&str, Option<&str>> = published
        .iter()
        .map(|p| (p, Some(p.path.as_str())))
        .chain(withheld.iter().map(|p| (p, None)))
        .filter_map(|(p, path)| Some((p.bundle_dir.as_deref()?, path)))
        .collect();
    assets
        .into_iter()
        .filter_map(|a| {
            // The nearest folder above the file that is a bundle owns it.
            let owner = ancestors(&a.rel).find_map(|dir| bundles.get(dir).map(|path| (dir, *path)));
            let out = match owner {
                Some((_, None)) => return None,
                Some((dir, Some(path))) => format!("{path}{}", &a.rel[dir.len() + 1..]),
                None => match a.rel.split_once('/') {
                    Some((section, rest)) => format!("{}/{rest}", text::slugify(section)),
                    None => a.rel.clone(),
                },
            };
            Some(PlacedAsset {
                rel: a.rel,
                out,
                bytes: a.bytes,
            })
        })
        .collect()
}

/// The resized copies and share crop of each published photo, beside the original.
fn resized_copies(assets: &[PlacedAsset], images: &HashMap<String, Processed>) -> Vec<PlacedAsset> {
    let mut copies = Vec::new();
    for asset in assets {
        let Some(processed) = images.get(&asset.rel) else {
            continue;
        };
        for v in &processed.variants {
            copies.push(PlacedAsset {
                rel: format!("{}@{}w", asset.rel, v.width),
                out: images::variant_name(&asset.out, v.width),
                bytes: v.bytes.clone(),
            });
        }
        copies.push(PlacedAsset {
            rel: format!("{}@chia-se", asset.rel),
            out: images::share_name(&asset.out),
            bytes: processed.share.bytes.clone(),
        });
    }
    copies
}

/// `a/b/c.png` → `a/b`, `a`.
fn ancestors(rel: &str) -> impl Iterator<Item = &str> {
    let mut current = rel;
    std::iter::from_fn(move || {
        let (dir, _) = current.rsplit_once('/')?;
        current = dir;
        Some(dir)
    })
}

fn group_sections(
    config: &Config,
    pages: &[Published],
    articles: &[usize],
    indexes: Vec<Published>,
    now: jiff::Timestamp,
) -> Vec<Section> {
    let mut by_slug: BTreeMap<String, Section> = BTreeMap::new();
    for index in indexes {
        let slug = index.page.section.clone().unwrap_or_default();
        by_slug.insert(
            slug.clone(),
            Section {
                title: index.page.meta.title.clone(),
                paginate: index.page.meta.paginate.unwrap_or(config.paginate),
                slug,
                index: Some(index),
                pages: Vec::new(),
            },
        );
    }
    for &i in articles {
        let slug = pages[i].page.section.clone().unwrap_or_default();
        by_slug
            .entry(slug.clone())
            .or_insert_with(|| Section {
                title: slug.clone(),
                slug,
                index: None,
                pages: Vec::new(),
                paginate: config.paginate,
            })
            .pages
            .push(i);
    }
    let mut sections: Vec<Section> = by_slug.into_values().collect();
    for section in &mut sections {
        let index = section.index.as_ref().map(|i| &i.page);
        // `sort:` when the section's _index.md says; the events section lists events.
        let sort = match index {
            Some(page) if page.line_of("sort") > 0 => page.meta.sort,
            _ if section.slug == EVENTS_SECTION => SortBy::Event,
            _ => SortBy::Date,
        };
        match sort {
            SortBy::Date => {}
            SortBy::Title => section
                .pages
                .sort_by_cached_key(|&i| text::collation_key(&pages[i].page.meta.title)),
            SortBy::Event => section
                .pages
                .sort_by_key(|&i| event_order(&pages[i].page, now)),
        }
    }
    text::sort_vietnamese(&mut sections, |s| s.title.as_str());
    sections
}

/// Previous is the older neighbour, next the newer, within the section's order.
fn neighbours(sections: &[Section]) -> HashMap<usize, (Option<usize>, Option<usize>)> {
    let mut map = HashMap::new();
    for section in sections {
        for (pos, &i) in section.pages.iter().enumerate() {
            let newer = pos.checked_sub(1).map(|p| section.pages[p]);
            let older = section.pages.get(pos + 1).copied();
            map.insert(i, (older, newer));
        }
    }
    map
}

/// Tags are free text: they are grouped by slug, keeping the spelling of the oldest article
/// that used the tag, so a new article cannot rename an established tag. Standalone pages
/// with tags are listed after the articles.
fn group_tags(pages: &[Published], articles: &[usize]) -> Vec<Term> {
    let mut by_slug: BTreeMap<String, Term> = BTreeMap::new();
    let standalone = (0..pages.len()).filter(|&i| pages[i].page.kind == PageKind::Standalone);
    let newest_first: Vec<usize> = articles.iter().copied().chain(standalone).collect();
    for &i in newest_first.iter().rev() {
        for tag in &pages[i].page.meta.tags {
            let key = text::slugify(tag);
            if key.is_empty() {
                continue;
            }
            by_slug
                .entry(key.clone())
                .or_insert_with(|| Term {
                    key,
                    name: tag.clone(),
                    description: String::new(),
                    pages: Vec::new(),
                })
                .pages
                .push(i);
        }
    }
    let mut tags: Vec<Term> = by_slug.into_values().collect();
    for tag in &mut tags {
        tag.pages.reverse();
    }
    text::sort_vietnamese(&mut tags, |t| t.name.as_str());
    tags
}
