//! The site's other files: feeds, the sitemap, robots.txt, redirect pages and copied files.

use crate::taxonomy::Taxonomy;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::{Done, Kind, Output, Outputs, Renderer, Statics};
use crate::assemble::JSON_FEED;
use crate::assemble::{Published, Site, ALL_EVENTS_ICS, EVENT_ICS};
use crate::calendar::{self, CalendarEvent};
use crate::diag::Diagnostic;
use crate::feeds::{self, Cover, Feed, FeedItem, Label};
use crate::msg;
use crate::templates::BUILTIN_STATIC;

/// How many items a feed carries.
const FEED_ITEMS: usize = 20;

/// The cleaned HTML of each article the feeds carry, by page index, with the key it was made
/// from (see `feed_html_key`).
pub(super) type FeedContents = rustc_hash::FxHashMap<usize, (crate::key::Hash, String)>;

impl Renderer<'_> {
    /// A small page at an old address that sends readers (and search engines) to the new one.
    pub(super) fn redirect(&self, target: &str) -> Vec<u8> {
        let url = crate::text::escape_html(&self.views.link(target));
        let permalink = crate::text::escape_html(&self.views.permalink(target));
        let lang = crate::text::escape_html(&self.site.config.language);
        format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
             <link rel=\"canonical\" href=\"{permalink}\">\n<meta name=\"robots\" content=\"noindex\">\n\
             <meta http-equiv=\"refresh\" content=\"0; url={url}\">\n</head>\n<body>\n<main>\n\
             <p>{moved} <a href=\"{url}\">{permalink}</a></p>\n</main>\n</body>\n</html>\n",
            title = msg::MOVED_TITLE,
            moved = msg::MOVED_TEXT,
        )
        .into_bytes()
    }

    /// `su-kien.ics` with every published event (but the expired), and one `lich.ics` beside
    /// each event's page.
    fn calendars(&self, outputs: &mut Outputs) {
        let cfg = &self.site.config;
        let host = url::Url::parse(&cfg.base_url.origin)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_default();
        let mut events: Vec<(&Published, CalendarEvent)> = self
            .site
            .pages
            .iter()
            .filter_map(|p| {
                let event = p.page.meta.event.as_ref()?;
                let meta = &p.page.meta;
                Some((
                    p,
                    CalendarEvent {
                        uid: format!("{}{}@{host}", cfg.base_url.path, p.page.path),
                        stamp: meta
                            .updated
                            .as_ref()
                            .or(meta.date.as_ref())
                            .unwrap_or(&event.start),
                        start: &event.start,
                        end: event.end.as_ref(),
                        summary: &meta.title,
                        description: &p.rendered.summary_text,
                        location: event.location.as_deref(),
                        url: self.views.permalink(&p.page.path),
                    },
                ))
            })
            .collect();
        events.sort_by_key(|(p, e)| (e.start.timestamp(), p.page.path.clone()));
        if events.is_empty() {
            return;
        }
        // An expired page keeps its own calendar file, which it links to, but leaves the
        // calendar of all events as it leaves the lists.
        for (p, event) in &events {
            let one = std::slice::from_ref(event);
            outputs.insert(
                format!("{}{}", p.page.path, EVENT_ICS),
                Output::new(Kind::Calendar, calendar::calendar(&cfg.timezone_name, one)),
            );
        }
        let all: Vec<CalendarEvent> = (events.into_iter())
            .filter(|(p, _)| !p.expired)
            .map(|(_, e)| e)
            .collect();
        outputs.insert(
            ALL_EVENTS_ICS.into(),
            Output::new(Kind::Calendar, calendar::calendar(&cfg.timezone_name, &all)),
        );
    }

    /// Writes the calendars and robots.txt into `outputs`; returns the feeds and the sitemap,
    /// which are kept between builds (writing them is the cost: the feeds carry whole
    /// articles, the sitemap every page). `contents` holds the cleaned HTML of every article
    /// the feeds carry ([`Renderer::feed_contents`]).
    pub(super) fn feeds(&self, outputs: &mut Outputs, contents: &FeedContents) -> Vec<Done> {
        self.calendars(outputs);
        if self.site.config.base_url.path == "/" {
            let robots = feeds::robots(&self.views.permalink("sitemap.xml"));
            outputs.insert("robots.txt".into(), Output::new(Kind::SiteFile, robots));
        }
        self.feeds_and_sitemap(outputs, contents)
    }

    /// The feeds and the sitemap (which reads which lists `outputs` holds). A text edit
    /// makes only these again: the calendars show an event's summary, not its text.
    pub(super) fn feeds_and_sitemap(
        &self,
        outputs: &Outputs,
        contents: &FeedContents,
    ) -> Vec<Done> {
        let cfg = &self.site.config;
        let mut made = Vec::with_capacity(2 * self.site.topics.len() + 3);
        let site_feed = self.feed(
            &cfg.title,
            &cfg.description,
            "",
            self.feed_items(&self.site.articles, contents),
        );
        self.put_feeds("", &site_feed, &mut made);
        for topic in &self.site.topics {
            let path = Taxonomy::Topic.term_path(&topic.key);
            let items = self.feed_items(&topic.pages, contents);
            let feed = self.feed(&topic.name, &topic.description, &path, items);
            self.put_feeds(&path, &feed, &mut made);
        }
        made.push(self.sitemap(outputs));
        made
    }

    /// The feed of the list at `path` (the home page: empty).
    fn feed<'f>(
        &'f self,
        title: &'f str,
        description: &'f str,
        path: &str,
        items: Vec<FeedItem<'f>>,
    ) -> Feed<'f> {
        let cfg = &self.site.config;
        Feed {
            title,
            description,
            link: self.views.permalink(path),
            self_link: self.views.permalink(&format!("{path}rss.xml")),
            language: &cfg.language,
            organization: &cfg.organization,
            topics_url: self.views.permalink(Taxonomy::Topic.root()),
            tags_url: self.views.permalink(Taxonomy::Tag.root()),
            items,
        }
    }

    /// `rss.xml` and `feed.json` of the list at `path`, each reused from the last build when
    /// the feed is the same.
    fn put_feeds(&self, path: &str, feed: &Feed, made: &mut Vec<Done>) {
        let mut key = self.data_key("feed");
        key.text(path);
        feeds::add_to_key(&mut key, feed);
        let key = key.finish();
        let mut put = |out: String, write: &dyn Fn(&str) -> Vec<u8>| {
            made.push(match self.reuse(out, Kind::Feed, key) {
                Ok(done) => done,
                Err(out) => Done {
                    body: self.body(write(&out)),
                    out,
                    kind: Kind::Feed,
                    key: Some(key),
                    reused: false,
                },
            });
        };
        put(format!("{path}rss.xml"), &|_| feeds::rss(feed));
        put(format!("{path}{JSON_FEED}"), &|out| {
            feeds::json_feed(feed, &self.views.permalink(out))
        });
    }

    /// The articles the feeds carry: the newest of the site and of each topic.
    fn fed(&self) -> Vec<usize> {
        let lists =
            std::iter::once(&self.site.articles).chain(self.site.topics.iter().map(|t| &t.pages));
        let mut fed: Vec<usize> = lists
            .flat_map(|l| l.iter().take(FEED_ITEMS).copied())
            .collect();
        fed.sort_unstable();
        fed.dedup();
        fed
    }

    /// The whole HTML of each article the feeds carry, cleaned for readers away from the
    /// site and with absolute URLs. Made before the pages render: a page may take its HTML
    /// with it when it does (`Site::take_html`).
    /// An article cleaned by the last build is reused: the same page key and permalink give
    /// the same HTML.
    pub(super) fn feed_contents(&self) -> FeedContents {
        self.fed()
            .into_par_iter()
            .map(|i| {
                let p = &self.site.pages[i];
                let permalink = self.views.permalink(&p.page.path);
                let key = feed_html_key(p, &permalink);
                if let Some((k, html)) = self.previous.feed_html.get(&p.page.path) {
                    if *k == key {
                        return (i, (key, html.clone()));
                    }
                }
                let taken = self.html.get(i).and_then(|h| h.lock().ok());
                let html = match (taken.as_ref()).and_then(|h| h.as_deref()) {
                    Some(html) => Cow::Borrowed(html),
                    None => p.rendered.html.text(),
                };
                let content = match url::Url::parse(&permalink) {
                    Ok(page) => crate::sanitize::clean_for_feed(&html, &page),
                    // Never: every permalink is an absolute URL.
                    Err(_) => crate::sanitize::clean(&html),
                };
                (i, (key, content))
            })
            .collect()
    }

    /// The feeds' cleaned HTML of this build, for the next one (a few hundred articles).
    pub(super) fn remembered_feed_html(
        &self,
        contents: &FeedContents,
    ) -> rustc_hash::FxHashMap<String, (crate::key::Hash, String)> {
        (contents.iter())
            .map(|(&i, kept)| (self.site.pages[i].page.path.clone(), kept.clone()))
            .collect()
    }

    /// `sitemap.xml`, reused from the last build when it would list the same pages with the
    /// same dates. Its key reads no page: every page's path, dates and expiry are in the
    /// site's `places_key`, and the lists are keyed by their members, whose newest date the
    /// sitemap shows.
    fn sitemap(&self, outputs: &Outputs) -> Done {
        let lists = self.sitemap_lists(outputs);
        let mut key = self.data_key("sitemap");
        key.hash(&self.site.places_key);
        for (path, members) in &lists {
            key.text(path).number(members.len() as u64);
            for list in members {
                key.number(list.len() as u64);
                for &i in *list {
                    key.number(i as u64);
                }
            }
        }
        let key = key.finish();
        let out = match self.reuse("sitemap.xml".to_string(), Kind::SiteFile, key) {
            Ok(done) => return done,
            Err(out) => out,
        };
        // Each page's last date as a moment, read once: the lists (the home page's and the
        // progress page's each name every article) compare them member by member.
        let pages = &self.site.pages;
        let last: Vec<Option<jiff::Timestamp>> = (pages.par_iter())
            .map(|p| p.last_changed().map(|d| d.timestamp()))
            .collect();
        // The newest member's date; of equal moments, the last member's (`max_by_key`'s).
        let newest = |members: &[&[usize]]| {
            let members = members.iter().flat_map(|l| l.iter());
            let dated = members.filter_map(|&i| Some((last[i]?, i)));
            let found = dated.max_by_key(|&(t, _)| t);
            found.and_then(|(_, i)| pages[i].last_changed())
        };
        // Every page, then the lists (a list's date wins should a path be both).
        let pages = pages.iter().filter(|p| !p.expired);
        let pages = pages.map(|p| (p.page.path.as_str(), p.last_changed()));
        let lists: Vec<_> = (lists.par_iter())
            .map(|(path, members)| (path.as_str(), newest(members)))
            .collect();
        let by_path = super::order::in_path_order(pages.chain(lists).collect());
        // Dates are compared as moments and written once per entry, in pieces written on
        // both cores (the sitemap is made after every page, on one core otherwise), each
        // taken from the last build's when its entries are the same.
        let (pieces, made) = self.sitemap_pieces(&by_path, &self.previous.sitemap);
        if let Ok(mut kept) = self.sitemap.lock() {
            *kept = Some(made);
        }
        Done {
            out,
            kind: Kind::SiteFile,
            key: Some(key),
            body: self.body(feeds::sitemap_of(
                &pieces.iter().map(|p| p.as_slice()).collect::<Vec<_>>(),
            )),
            reused: false,
        }
    }

    fn feed_items(&self, pages: &[usize], contents: &FeedContents) -> Vec<FeedItem<'_>> {
        let cfg = &self.site.config;
        pages
            .iter()
            .take(FEED_ITEMS)
            .filter_map(|&i| {
                let p = &self.site.pages[i];
                let meta = &p.page.meta;
                let card = self.card(i);
                Some(FeedItem {
                    title: &meta.title,
                    permalink: self.views.permalink(&p.page.path),
                    date: meta.date.as_ref()?,
                    updated: meta.updated.as_ref(),
                    summary: card.summary.clone(),
                    summary_text: &card.summary_text,
                    content: contents
                        .get(&i)
                        .map(|(_, html)| html.clone())
                        .unwrap_or_default(),
                    cover: card.image.as_ref().map(|image| Cover {
                        url: &image.permalink,
                        width: image.width,
                        height: image.height,
                        alt: &image.alt,
                    }),
                    author: (meta.unit.as_deref())
                        .and_then(|k| cfg.unit(k))
                        .map_or(&cfg.organization, |u| &u.name),
                    topics: (meta.topics.iter())
                        .filter_map(|k| cfg.topic(k))
                        .map(|t| self.label(Taxonomy::Topic, &t.key, &t.name))
                        .collect(),
                    tags: (self.views.tags_of(&p.page.tag_keys))
                        .map(|t| self.label(Taxonomy::Tag, &t.key, &t.name))
                        .collect(),
                    expires: meta.expires.as_ref(),
                })
            })
            .collect()
    }

    /// A topic or tag of a feed's item, with its list's address.
    fn label<'l>(&self, taxonomy: Taxonomy, key: &'l str, name: &'l str) -> Label<'l> {
        Label {
            key,
            name,
            url: self.views.permalink(&taxonomy.term_path(key)),
        }
    }

    /// The list pages of the sitemap (home, sections, topics, tags, units, documents), each
    /// with the articles whose newest date it shows; lists that were not generated are left
    /// out. Every article and standalone page is listed besides these (but the expired);
    /// redirects, pagination pages and the 404 page are not.
    fn sitemap_lists(&self, outputs: &Outputs) -> Vec<(String, Vec<&[usize]>)> {
        let site = self.site;
        let mut lists = vec![
            (String::new(), vec![site.articles.as_slice()]),
            (
                crate::assemble::COVERAGE_PATH.to_string(),
                vec![site.articles.as_slice()],
            ),
        ];
        for s in &site.sections {
            lists.push((format!("{}/", s.slug), vec![s.pages.as_slice()]));
        }
        for taxonomy in Taxonomy::ALL {
            for t in site.terms(taxonomy) {
                lists.push((taxonomy.term_path(&t.key), vec![t.pages.as_slice()]));
            }
        }
        for d in &site.documents {
            lists.push((d.document.path(), vec![d.pages.as_slice()]));
        }
        let citing = site.documents.iter().map(|d| d.pages.as_slice()).collect();
        lists.push((crate::citations::DOCUMENTS_PATH.into(), citing));
        // The lists of all topics, tags and units (no content may take their paths).
        for list in Taxonomy::ALL.map(Taxonomy::root) {
            if !lists.iter().any(|(path, _)| path == list) {
                lists.push((list.to_string(), Vec::new()));
            }
        }
        lists.retain(|(path, _)| outputs.contains_key(&format!("{path}index.html")));
        lists
    }
}

/// Copies the built-in theme's files, the site theme's (over the built-in ones), `static/` and
/// co-located files. The officer's `static/` and the authors' files may not take the place of
/// a theme file (a content file named `chia-se.js` would replace the script every article
/// loads), of each other, or of a page loa generates: each such file is an error naming both.
pub(super) fn copy_statics(
    site: &Site,
    statics: &Statics,
    outputs: &mut Outputs,
    problems: &mut Vec<Diagnostic>,
) {
    let mut layer: BTreeMap<String, (PathBuf, Arc<Vec<u8>>)> = BTreeMap::new();
    for (path, bytes) in BUILTIN_STATIC {
        layer.insert(
            path.to_string(),
            (
                Path::new("themes/default/static").join(path),
                Arc::new(bytes.to_vec()),
            ),
        );
    }
    for a in statics.theme {
        layer.insert(
            a.rel.clone(),
            (
                statics.theme_dir.join("static").join(&a.rel),
                a.bytes.clone(),
            ),
        );
    }
    let officers = statics.site.iter().map(|a| {
        (
            a.rel.clone(),
            Path::new("static").join(&a.rel),
            a.bytes.clone(),
        )
    });
    let authors = site.assets.iter().map(|a| {
        let source = Path::new("content").join(&a.rel);
        (a.out.clone(), source, a.bytes.clone())
    });
    for (path, source, bytes) in officers.chain(authors) {
        match layer.get(&path) {
            Some((taken_by, _)) => problems.push(
                Diagnostic::file_error(source, msg::file_takes_place(&path, taken_by))
                    .with_hint(msg::HINT_FILE_TAKES_PLACE),
            ),
            None => {
                layer.insert(path, (source, bytes));
            }
        }
    }
    for (path, (source, bytes)) in layer {
        // `outputs` holds only generated files here: each static path is inserted once.
        if outputs.contains_key(&path) || crate::search::is_index_file(&path) {
            problems.push(
                Diagnostic::file_error(source, msg::static_collides(&path))
                    .with_hint(msg::HINT_STATIC_COLLIDES),
            );
        } else {
            outputs.insert(path, Output::new(Kind::Asset, bytes));
        }
    }
}

/// What an article's HTML cleaned for the feeds is made from: the page (its key covers its
/// file, the config and what its Markdown read of the site) and its absolute address.
fn feed_html_key(p: &Published, permalink: &str) -> crate::key::Hash {
    crate::key::Key::new("feed-html")
        .hash(&p.key)
        .text(permalink)
        .finish()
}
