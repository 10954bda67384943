//! Machine-read outputs: RSS feeds, the sitemap and robots.txt, written with quick-xml so
//! every title and URL is escaped correctly.

use std::io;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

/// One item of a feed.
pub struct FeedItem<'a> {
    pub title: &'a str,
    pub permalink: String,
    pub date: &'a jiff::ZonedDateTime,
    pub summary: String,
    pub categories: Vec<&'a str>,
}

/// A feed's channel.
pub struct Feed<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// Absolute URL of the page the feed follows.
    pub link: String,
    /// Absolute URL of the feed itself.
    pub self_link: String,
    pub language: &'a str,
    pub items: Vec<FeedItem<'a>>,
}

/// RSS 2.0, with the date of the newest item as `lastBuildDate` so an unchanged site gives an
/// unchanged feed (readers and caches see no false update).
pub fn rss(feed: &Feed) -> Vec<u8> {
    write_xml(|w| {
        w.create_element("rss")
            .with_attribute(("version", "2.0"))
            .with_attribute(("xmlns:atom", "http://www.w3.org/2005/Atom"))
            .write_inner_content(|w| {
                w.create_element("channel").write_inner_content(|w| {
                    text(w, "title", feed.title)?;
                    text(w, "link", &feed.link)?;
                    text(w, "description", feed.description)?;
                    text(w, "language", feed.language)?;
                    text(w, "generator", "loa")?;
                    if let Some(newest) = feed.items.first() {
                        text(w, "lastBuildDate", &rfc2822(newest.date))?;
                    }
                    w.create_element("atom:link")
                        .with_attribute(("href", feed.self_link.as_str()))
                        .with_attribute(("rel", "self"))
                        .with_attribute(("type", "application/rss+xml"))
                        .write_empty()?;
                    for item in &feed.items {
                        w.create_element("item").write_inner_content(|w| {
                            text(w, "title", item.title)?;
                            text(w, "link", &item.permalink)?;
                            w.create_element("guid")
                                .with_attribute(("isPermaLink", "true"))
                                .write_text_content(BytesText::new(&item.permalink))?;
                            text(w, "pubDate", &rfc2822(item.date))?;
                            for c in &item.categories {
                                text(w, "category", c)?;
                            }
                            text(w, "description", &item.summary)
                        })?;
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
        Ok(())
    })
}

/// A sitemap entry: absolute URL and, when known, the last change.
pub struct SitemapEntry {
    pub loc: String,
    pub lastmod: Option<String>,
}

pub fn sitemap(entries: &[SitemapEntry]) -> Vec<u8> {
    write_xml(|w| {
        w.create_element("urlset")
            .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
            .write_inner_content(|w| {
                for e in entries {
                    w.create_element("url").write_inner_content(|w| {
                        text(w, "loc", &e.loc)?;
                        if let Some(lastmod) = &e.lastmod {
                            text(w, "lastmod", lastmod)?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    })
}

/// Crawlers only read robots.txt at the root of a host, so it is written only for sites
/// published at the root (docs/configuration.md says what to add to a host's own file).
pub fn robots(sitemap_url: &str) -> Vec<u8> {
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n").into_bytes()
}

fn write_xml(body: impl FnOnce(&mut Writer<Vec<u8>>) -> io::Result<()>) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing into a Vec cannot fail.
    let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let _ = body(&mut w);
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

fn rfc2822(d: &jiff::ZonedDateTime) -> String {
    d.strftime("%a, %d %b %Y %H:%M:%S %z").to_string()
}
