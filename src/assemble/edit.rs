//! A text edit applied to the last site. When an article's Markdown or title changed and, of
//! what other pages show of it, at most its card did (its summary or title; not the rest of its
//! front matter, documents cited…), and every link to a heading still leads to one, the site a
//! clean build makes is the last one with that page replaced.
//! `serve` makes it so, rather than walking 100,000 pages to find that nothing else moved.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::convert::{card_key, heading_link_problems, Converter, Targets};
use super::{event_key, Converted, PlacedAsset, Published, Site, Sorted};
use crate::citations::Table;
use crate::images::Processed;
use crate::links::Places;
use crate::markdown::Rendered;
use crate::model::{Meta, Page};

/// What converting a page's Markdown read of the rest of the site, kept by `serve` with its
/// last site: every page as sorted (published or withheld), the files beside them and the
/// table of documents.
#[derive(Debug)]
pub(crate) struct World {
    sorted: Sorted,
    /// The files beside the content, as links read them (before their resized copies).
    assets: Vec<PlacedAsset>,
    images: HashMap<String, Processed>,
    documents: Option<Table>,
    /// What the whole build's link index read of every page: a text edit leaves each page in
    /// its place, so its converter reads it from here.
    places: Arc<Places>,
    /// The first moment from the build's "now" at which the clock decides something anew:
    /// an article's date or expiry, an event's start or end, the next day. Until then, a
    /// build at a later moment publishes and lists the same pages.
    steady_until: jiff::Timestamp,
}

impl World {
    /// What `site`'s conversions read: its `sorted` pages, the files beside them as links
    /// read them (`assets`, `images`) and the table of documents.
    pub(super) fn new(
        sorted: Sorted,
        site: &Site,
        files: (Vec<PlacedAsset>, HashMap<String, Processed>, Option<Table>),
        places: Arc<Places>,
    ) -> World {
        let (assets, images, documents) = files;
        let steady_until = steady_until(&sorted, site.settings.now, &site.config.timezone);
        // Links read a photo's sizes, not its bytes, which the site's files hold already.
        let mut images = images;
        for photo in images.values_mut() {
            let copies = photo.variants.iter_mut().chain([&mut photo.share]);
            for copy in copies.chain(photo.original.as_mut()) {
                copy.bytes = Vec::new();
            }
        }
        World {
            sorted,
            assets,
            images,
            documents,
            places,
            steady_until,
        }
    }
}

/// The first moment at or after `now` that a page's dates name, or the next midnight in the
/// site's time zone (what `site.now`, the ledger and the plan read is the day).
fn steady_until(sorted: &Sorted, now: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> jiff::Timestamp {
    let pages = (sorted.published.par_iter())
        .chain(sorted.withheld.par_iter())
        .chain(sorted.indexes.par_iter())
        .chain(sorted.home.par_iter());
    let soonest = pages
        .filter_map(|p| {
            let meta = &p.meta;
            let event = meta.event.as_ref();
            [
                meta.date.as_ref(),
                meta.expires.as_ref(),
                event.map(|e| &e.start),
                event.and_then(|e| e.end.as_ref()),
            ]
            .into_iter()
            .flatten()
            .map(|d| d.timestamp())
            .filter(|&t| t >= now)
            .min()
        })
        .min();
    let tomorrow = (now.to_zoned_datetime(tz.clone()).date().tomorrow().ok())
        .and_then(|day| day.to_zoned_datetime(tz.clone()).ok())
        .map_or(now, |day| day.timestamp());
    soonest.map_or(tomorrow, |t| t.min(tomorrow))
}

/// Whether a build of `site`'s files at `now` publishes and lists the same pages as it did:
/// the clock has not gone back, nor reached a date of its pages or the next day. `false` for a
/// site not kept for edits.
pub(crate) fn steady_at(site: &Site, now: jiff::Timestamp) -> bool {
    (site.world.as_deref()).is_some_and(|w| now >= site.settings.now && now < w.steady_until)
}

/// The next site after a text edit, and which of its pages changed.
#[derive(Debug)]
pub(crate) struct Edited {
    pub site: Site,
    /// Indexes into `site.pages` of the pages edited.
    pub pages: Vec<usize>,
    /// Those among `pages` whose card changed (their summary, title or image): the lists and
    /// the pages that show it change too.
    pub cards: Vec<usize>,
}

/// The site after `edited` pages (parsed anew) changed only in their text or title, at `now`;
/// `None` when any edit reaches further (or the site was not kept for edits), and then only a
/// whole build says what changed. Each conversion goes into `memo`, as a whole build would put
/// it.
pub(crate) fn text_edits(
    site: &Site,
    edited: &[Arc<Page>],
    now: jiff::Timestamp,
    memo: &mut FxHashMap<String, Converted>,
) -> Option<Edited> {
    let world = site.world.as_deref()?;
    if !steady_at(site, now) {
        return None;
    }
    let targets = Targets {
        base_url: &site.config.base_url,
        assets: &world.assets,
        images: &world.images,
        documents: world.documents.as_ref(),
    };
    // Whether each edit stays in place is known before anything is converted: making the
    // converter maps and hashes every page's address (about 20 ms at 100,000 articles), which
    // an edit of the front matter then waited for before its whole build.
    let mut places = Vec::with_capacity(edited.len());
    for page in edited {
        let index = (site.pages.par_iter()).position_any(|p| p.page.rel == page.rel)?;
        let old = &site.pages[index];
        if old.page.source_key == page.source_key {
            continue;
        }
        let same_place = old.page.kind == page.kind
            && old.page.link_key == page.link_key
            && (old.page.front_key == page.front_key || retitled(site, &old.page, page));
        if !same_place {
            return None;
        }
        places.push((index, page));
    }
    // The pages as the last build knew them, and its index of their places: links read only
    // the places, which an edited page keeps (its `link_key` is checked above).
    // Its pages go into the Markdown memo, packed as the whole build's are.
    let converter = Converter::with_places(targets, &world.sorted, world.places.clone());
    let converter = converter.packing(true);
    let mut replaced = Vec::with_capacity(places.len());
    for (index, page) in places {
        let old = &site.pages[index];
        let markdown = converter.convert(page);
        let raw_card = card_key(page, &markdown);
        let card = event_key(page, raw_card, now);
        // An event's summary is in the calendars too, which only a whole build makes.
        if !shown_alike(&old.rendered, &markdown.0)
            || (card != old.card && old.page.meta.event.is_some())
        {
            return None;
        }
        let (pages, key) = converter.keys(page, &markdown.0);
        let (rendered, image) = markdown;
        memo.insert(
            page.rel.clone(),
            Converted {
                from: (converter.key, page.source_key),
                pages,
                key,
                card: raw_card,
                result: (rendered.clone(), image.clone()),
            },
        );
        let published = Published {
            page: page.clone(),
            rendered,
            image,
            expired: old.expired,
            front: page.front_key,
            key: super::expiry::key(page, event_key(page, key, now), old.expired),
            card,
        };
        replaced.push((index, published));
    }
    // A link that breaks is an error, which the whole build reports.
    if !heading_links_hold(site, &replaced) {
        return None;
    }
    Some(next_site(site, replaced, now))
}

/// Whether every link to a heading still leads to one with the pages `replaced` (index, page
/// as now published) in the site: the links of those pages, and those of every other page
/// and of the menus to a replaced page whose headings changed. The last build's all did.
fn heading_links_hold(site: &Site, replaced: &[(usize, Published)]) -> bool {
    let edited = || replaced.iter().map(|(_, p)| p);
    let now_at = |rel: &str| {
        edited()
            .find(|p| p.page.rel == rel)
            .or_else(|| published_at(site, rel))
    };
    let renamed: Vec<&Published> = (replaced.iter())
        .filter(|(i, p)| site.pages[*i].rendered.headings != p.rendered.headings)
        .map(|(_, p)| p)
        .collect();
    let holds = |page: &Published| heading_link_problems(page, now_at).is_empty();
    if !edited().all(holds) || !menus_hold(site, &renamed) {
        return false;
    }
    if renamed.is_empty() {
        return true;
    }
    // Each of the other pages that links to a renamed one: a walk over the site's links.
    let links_to_renamed = |page: &&Published| {
        (page.rendered.heading_links.iter())
            .any(|link| renamed.iter().any(|r| r.page.rel == link.page))
    };
    let indexes = site.sections.iter().filter_map(|s| s.index.as_ref());
    let others = (site.pages.iter().chain(&site.home).chain(indexes))
        .filter(|p| !edited().any(|e| e.page.rel == p.page.rel));
    others.filter(links_to_renamed).all(holds)
}

/// Whether the menus' links to headings of the `renamed` pages (as now published) lead to one.
fn menus_hold(site: &Site, renamed: &[&Published]) -> bool {
    let menus = site.menus.main.iter().chain(&site.menus.footer);
    let anchors = menus.filter_map(|link| match &link.href {
        super::Href::Site(path) => path.split_once('#'),
        super::Href::External(_) => None,
    });
    anchors.into_iter().all(|(path, id)| {
        (renamed.iter())
            .filter(|r| r.page.path == path)
            .all(|r| r.rendered.headings.iter().any(|h| h.id == id))
    })
}

/// The page of `site` at `rel` (a path under `content/`): an article, a page, the home page or
/// a section's index.
fn published_at<'s>(site: &'s Site, rel: &str) -> Option<&'s Published> {
    let indexes = site.sections.iter().filter_map(|s| s.index.as_ref());
    let mut all = site.pages.iter().chain(&site.home).chain(indexes);
    all.find(|p| p.page.rel == rel)
}

/// `site` at `now` with the pages `replaced` (index, page as now published).
fn next_site(site: &Site, replaced: Vec<(usize, Published)>, now: jiff::Timestamp) -> Edited {
    let mut next = site.clone();
    next.settings.now = now;
    let pages = replaced.iter().map(|(i, _)| *i).collect();
    let cards = (replaced.iter())
        .filter(|(i, p)| p.card != site.pages[*i].card)
        .map(|(i, _)| *i)
        .collect();
    let retitled = (replaced.iter()).any(|(i, p)| p.front != site.pages[*i].front);
    for (index, published) in replaced {
        next.pages[index] = published;
    }
    // A title is no part of the terms, but the key says what they were made from: the next
    // site's, as a whole build would make it.
    if retitled {
        next.terms_key = super::terms::terms_key(&next.config, &next.pages, &next.articles);
    }
    Edited {
        site: next,
        pages,
        cards,
    }
}

/// Whether `page` differs from the last build's `old` in its front matter by its title alone,
/// and the title shows only where the page's card does (its lists, the pages beside it and
/// those listing it among their related articles, the feeds), which follow a changed card.
/// Not when a menu links to the page (a menu may show its title on every page), nor when its
/// section lists by title (the order would change), nor for a page other than an article.
/// Its events' calendars are left to [`text_edits`]'s check of the card.
fn retitled(site: &Site, old: &Page, page: &Page) -> bool {
    use crate::model::{PageKind, SortBy};
    let rest_alike = || {
        let retitled = Meta {
            title: old.meta.title.clone(),
            ..page.meta.clone()
        };
        retitled == old.meta && old.key_lines == page.key_lines
    };
    let in_menu = || {
        (site.menus.main.iter())
            .chain(&site.menus.footer)
            .any(|link| match &link.href {
                super::Href::Site(path) => path.split('#').next() == Some(page.path.as_str()),
                super::Href::External(_) => false,
            })
    };
    let by_title = || {
        (site.sections.iter())
            .filter(|s| page.section.as_deref() == Some(s.slug.as_str()))
            .filter_map(|s| s.index.as_ref())
            .any(|index| index.page.line_of("sort") > 0 && index.page.meta.sort == SortBy::Title)
    };
    page.kind == PageKind::Article && rest_alike() && !in_menu() && !by_title()
}

/// Whether two conversions of one page differ only in what the page itself and its card show:
/// its HTML, its word count and its summary (the card's changes are followed by its key).
/// Everything else (documents cited, attachments, gallery, problems) other pages, lists or
/// the build's messages show apart from the card.
fn shown_alike(old: &Rendered, new: &Rendered) -> bool {
    let Rendered {
        html: _,
        word_count: _,
        summary_html: _,
        summary_text: _,
        problems,
        documents,
        attachments,
        videos,
        gallery,
        // The page's own; the links to them and its own are followed by `heading_links_hold`.
        headings: _,
        heading_links: _,
        // Part of the page's key.
        pages_read: _,
    } = new;
    old.problems == *problems
        && old.documents == *documents
        && old.attachments == *attachments
        && old.videos == *videos
        && old.gallery == *gallery
}
