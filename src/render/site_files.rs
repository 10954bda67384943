//! The site's other files: feeds, the sitemap, robots.txt, redirect pages and copied files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Outputs, Renderer, Statics};
use crate::assemble::{Published, Site, ALL_EVENTS_ICS, EVENT_ICS};
use crate::calendar::{self, CalendarEvent};
use crate::diag::Diagnostic;
use crate::feeds::{self, Feed, FeedItem, SitemapEntry};
use crate::msg;
use crate::templates::BUILTIN_STATIC;
use crate::views::Views;

/// How many items a feed carries.
const FEED_ITEMS: usize = 20;

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

    /// `su-kien.ics` with every published event, and one `lich.ics` beside each event's page.
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
        for (p, event) in &events {
            let one = std::slice::from_ref(event);
            outputs.insert(
                format!("{}{}", p.page.path, EVENT_ICS),
                calendar::calendar(&cfg.timezone_name, one).into(),
            );
        }
        let all: Vec<CalendarEvent> = events.into_iter().map(|(_, e)| e).collect();
        outputs.insert(
            ALL_EVENTS_ICS.into(),
            calendar::calendar(&cfg.timezone_name, &all).into(),
        );
    }

    pub(super) fn feeds(&self, outputs: &mut Outputs) {
        let cfg = &self.site.config;
        let site_feed = Feed {
            title: &cfg.title,
            description: &cfg.description,
            link: self.views.permalink(""),
            self_link: self.views.permalink("rss.xml"),
            language: &cfg.language,
            items: self.feed_items(&self.site.articles),
        };
        outputs.insert("rss.xml".into(), feeds::rss(&site_feed).into());
        self.calendars(outputs);
        for topic in &self.site.topics {
            let path = Views::term_path("topic", &topic.key);
            let feed = Feed {
                title: &topic.name,
                description: &topic.description,
                link: self.views.permalink(&path),
                self_link: self.views.permalink(&format!("{path}rss.xml")),
                language: &cfg.language,
                items: self.feed_items(&topic.pages),
            };
            outputs.insert(format!("{path}rss.xml"), feeds::rss(&feed).into());
        }
        outputs.insert(
            "sitemap.xml".into(),
            feeds::sitemap(&self.sitemap_entries(outputs)).into(),
        );
        if cfg.base_url.path == "/" {
            outputs.insert(
                "robots.txt".into(),
                feeds::robots(&self.views.permalink("sitemap.xml")).into(),
            );
        }
    }

    fn feed_items(&self, pages: &[usize]) -> Vec<FeedItem<'_>> {
        pages
            .iter()
            .take(FEED_ITEMS)
            .filter_map(|&i| {
                let p = &self.site.pages[i];
                Some(FeedItem {
                    title: &p.page.meta.title,
                    permalink: self.views.permalink(&p.page.path),
                    date: p.page.meta.date.as_ref()?,
                    summary: self.cards[i].summary.clone(),
                    categories: p
                        .page
                        .meta
                        .topics
                        .iter()
                        .filter_map(|k| self.site.config.topic(k))
                        .map(|t| t.name.as_str())
                        .collect(),
                })
            })
            .collect()
    }

    /// Every HTML page except redirects, pagination pages and the 404 page.
    fn sitemap_entries(&self, outputs: &Outputs) -> Vec<SitemapEntry> {
        let lastmod_of = |p: &Published| {
            p.page
                .meta
                .updated
                .as_ref()
                .or(p.page.meta.date.as_ref())
                .map(|d| self.views.date(d))
        };
        let mut by_path: BTreeMap<String, Option<String>> = BTreeMap::new();
        for p in &self.site.pages {
            by_path.insert(p.page.path.clone(), lastmod_of(p));
        }
        let newest = |pages: &[usize]| {
            pages
                .iter()
                .filter_map(|&i| lastmod_of(&self.site.pages[i]))
                .max()
        };
        by_path.insert(String::new(), newest(&self.site.articles));
        by_path.insert(
            crate::assemble::COVERAGE_PATH.to_string(),
            newest(&self.site.articles),
        );
        for s in &self.site.sections {
            by_path.insert(format!("{}/", s.slug), newest(&s.pages));
        }
        for (kind, terms) in [
            ("topic", &self.site.topics),
            ("tag", &self.site.tags),
            ("unit", &self.site.units),
        ] {
            for t in terms.iter() {
                by_path.insert(Views::term_path(kind, &t.key), newest(&t.pages));
            }
        }
        for d in &self.site.documents {
            by_path.insert(d.document.path(), newest(&d.pages));
        }
        let documents = self.site.documents.iter().flat_map(|d| &d.pages);
        let newest_citing = documents
            .filter_map(|&i| lastmod_of(&self.site.pages[i]))
            .max();
        by_path.insert(crate::citations::DOCUMENTS_PATH.into(), newest_citing);
        for list in ["chu-de/", "the/", "don-vi/"] {
            by_path.entry(list.to_string()).or_insert(None);
        }
        by_path
            .into_iter()
            .filter(|(path, _)| outputs.contains_key(&format!("{path}index.html")))
            .map(|(path, lastmod)| SitemapEntry {
                loc: self.views.permalink(&path),
                lastmod,
            })
            .collect()
    }
}

/// Copies the built-in theme's files, the site theme's, `static/` and co-located files, each
/// later layer over the earlier; none may take the place of a page loa generates.
pub(super) fn copy_statics(
    site: &Site,
    statics: &Statics,
    outputs: &mut Outputs,
    problems: &mut Vec<Diagnostic>,
) {
    let generated: Vec<String> = outputs.keys().cloned().collect();
    let mut layer: BTreeMap<String, (PathBuf, &[u8])> = BTreeMap::new();
    for (path, bytes) in BUILTIN_STATIC {
        layer.insert(
            path.to_string(),
            (Path::new("themes/default/static").join(path), bytes),
        );
    }
    for a in statics.theme {
        layer.insert(
            a.rel.clone(),
            (statics.theme_dir.join("static").join(&a.rel), &a.bytes),
        );
    }
    for a in statics.site {
        layer.insert(a.rel.clone(), (Path::new("static").join(&a.rel), &a.bytes));
    }
    for a in &site.assets {
        layer.insert(a.out.clone(), (Path::new("content").join(&a.rel), &a.bytes));
    }
    for (path, (source, bytes)) in layer {
        if generated.binary_search(&path).is_ok() {
            problems.push(
                Diagnostic::file_error(source, msg::static_collides(&path))
                    .with_hint(msg::HINT_STATIC_COLLIDES),
            );
        } else {
            outputs.insert(path, bytes.to_vec().into());
        }
    }
}
