//! Machine-read outputs: RSS and JSON Feed feeds, the sitemap and robots.txt. XML is written
//! with quick-xml and JSON with serde, so every title and URL is escaped correctly.
//!
//! The feeds carry whole articles, so that the provincial portal (or any CMS) can take them
//! from loa (docs/feeds.md): RSS 2.0 with `content:encoded` and Media RSS for the cover, and
//! JSON Feed 1.1 (<https://www.jsonfeed.org/version/1.1/>), both with topics and tags.

use std::io;

use quick_xml::events::{BytesDecl, BytesStart, BytesText, Event};
use quick_xml::Writer;
use serde::Serialize;

/// Namespaces of the RSS feed's extensions.
pub const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
pub const MEDIA_NS: &str = "http://search.yahoo.com/mrss/";
pub const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
/// The version a JSON Feed names itself by.
pub const JSON_FEED_VERSION: &str = "https://jsonfeed.org/version/1.1";

/// A topic or tag of an item: its key, its name and its list's absolute URL.
#[derive(Debug, Clone, Serialize)]
pub struct Label<'a> {
    pub key: &'a str,
    pub name: &'a str,
    pub url: String,
}

/// An item's cover image.
#[derive(Debug, Clone)]
pub struct Cover<'a> {
    /// Absolute URL.
    pub url: &'a str,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub alt: &'a str,
}

/// One item of a feed.
pub struct FeedItem<'a> {
    pub title: &'a str,
    pub permalink: String,
    pub date: &'a jiff::ZonedDateTime,
    pub updated: Option<&'a jiff::ZonedDateTime>,
    /// The summary as HTML (RSS `description`) and as text (JSON Feed `summary`).
    pub summary: String,
    pub summary_text: &'a str,
    /// The whole article, cleaned and with absolute URLs (`crate::sanitize::clean_for_feed`).
    pub content: String,
    pub cover: Option<Cover<'a>>,
    /// Who wrote it: the unit, else the organization.
    pub author: &'a str,
    pub topics: Vec<Label<'a>>,
    pub tags: Vec<Label<'a>>,
    pub expires: Option<&'a jiff::ZonedDateTime>,
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
    /// The publishing body, the feed's author.
    pub organization: &'a str,
    /// Absolute URLs of the lists of all topics and of all tags: the `domain` of RSS
    /// categories, so a reader can tell a topic from a tag.
    pub topics_url: String,
    pub tags_url: String,
    pub items: Vec<FeedItem<'a>>,
}

/// RSS 2.0, with the date of the newest item as `lastBuildDate` so an unchanged site gives an
/// unchanged feed (readers and caches see no false update).
pub fn rss(feed: &Feed) -> Vec<u8> {
    write_xml(|w| {
        w.create_element("rss")
            .with_attribute(("version", "2.0"))
            .with_attribute(("xmlns:atom", ATOM_NS))
            .with_attribute(("xmlns:content", CONTENT_NS))
            .with_attribute(("xmlns:media", MEDIA_NS))
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
                        rss_item(w, feed, item)?;
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
        Ok(())
    })
}

fn rss_item(w: &mut Writer<Vec<u8>>, feed: &Feed, item: &FeedItem) -> io::Result<()> {
    w.create_element("item").write_inner_content(|w| {
        text(w, "title", item.title)?;
        text(w, "link", &item.permalink)?;
        w.create_element("guid")
            .with_attribute(("isPermaLink", "true"))
            .write_text_content(BytesText::new(&item.permalink))?;
        text(w, "pubDate", &rfc2822(item.date))?;
        let labels = (item.topics.iter().map(|l| (l, &feed.topics_url)))
            .chain(item.tags.iter().map(|l| (l, &feed.tags_url)));
        for (label, domain) in labels {
            w.create_element("category")
                .with_attribute(("domain", domain.as_str()))
                .write_text_content(BytesText::new(label.name))?;
        }
        text(w, "description", &item.summary)?;
        text(w, "content:encoded", &item.content)?;
        if let Some(cover) = &item.cover {
            let mut media = w
                .create_element("media:content")
                .with_attribute(("url", cover.url))
                .with_attribute(("medium", "image"));
            let (width, height) = (
                cover.width.map(|n| n.to_string()),
                cover.height.map(|n| n.to_string()),
            );
            if let (Some(width), Some(height)) = (&width, &height) {
                media = media
                    .with_attribute(("width", width.as_str()))
                    .with_attribute(("height", height.as_str()));
            }
            media.write_inner_content(|w| {
                w.create_element("media:description")
                    .with_attribute(("type", "plain"))
                    .write_text_content(BytesText::new(cover.alt))?;
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

/// JSON Feed 1.1: the same items as the RSS feed, with the names of topics and tags as
/// `tags` and, apart, in loa's `_loa` extension (keys, names, list URLs; the expiry).
pub fn json_feed(feed: &Feed, json_self_link: &str) -> Vec<u8> {
    let items = feed
        .items
        .iter()
        .map(|item| JsonItem {
            id: &item.permalink,
            url: &item.permalink,
            title: item.title,
            content_html: &item.content,
            summary: item.summary_text,
            image: item.cover.as_ref().map(|c| c.url),
            date_published: rfc3339(item.date),
            date_modified: item.updated.map(rfc3339),
            authors: vec![Author {
                name: item.author,
                url: None,
            }],
            tags: tag_names(item),
            language: feed.language,
            loa: Extension {
                topics: &item.topics,
                tags: &item.tags,
                expires: item.expires.map(rfc3339),
            },
        })
        .collect();
    let json = JsonFeed {
        version: JSON_FEED_VERSION,
        title: feed.title,
        home_page_url: &feed.link,
        feed_url: json_self_link,
        description: feed.description,
        language: feed.language,
        authors: vec![Author {
            name: feed.organization,
            url: Some(&feed.link),
        }],
        items,
    };
    let mut out = serde_json::to_vec_pretty(&json).unwrap_or_default();
    out.push(b'\n');
    out
}

/// The names of an item's topics, then of its tags, each once.
fn tag_names<'a>(item: &FeedItem<'a>) -> Vec<&'a str> {
    let mut names: Vec<&str> = Vec::new();
    for label in item.topics.iter().chain(&item.tags) {
        if !names.contains(&label.name) {
            names.push(label.name);
        }
    }
    names
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'a str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    description: &'a str,
    language: &'a str,
    authors: Vec<Author<'a>>,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    content_html: &'a str,
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    date_published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    authors: Vec<Author<'a>>,
    tags: Vec<&'a str>,
    language: &'a str,
    #[serde(rename = "_loa")]
    loa: Extension<'a>,
}

/// loa's extension of a JSON Feed item: topics and tags with their keys and lists.
#[derive(Serialize)]
struct Extension<'a> {
    topics: &'a [Label<'a>],
    tags: &'a [Label<'a>],
    #[serde(skip_serializing_if = "Option::is_none")]
    expires: Option<String>,
}

/// A sitemap entry: absolute URL and, when known, the last change.
pub struct SitemapEntry {
    pub loc: String,
    pub lastmod: Option<String>,
}

/// The sitemap whose `url` elements are `pieces` (each as [`sitemap_urls`] writes them), in
/// order: pieces are written apart, on every core (`render/sitemap.rs`).
pub fn sitemap_of<P: AsRef<[u8]>>(pieces: &[P]) -> Vec<u8> {
    write_xml(|w| {
        w.create_element("urlset")
            .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
            .write_inner_content(|w| {
                for piece in pieces {
                    w.get_mut().extend_from_slice(piece.as_ref());
                }
                Ok(())
            })?;
        Ok(())
    })
}

/// The `url` elements of `entries`, as a writer inside `urlset` writes them (each on a line
/// of its own, indented one level): the writer is put inside a `urlset` whose opening tag is
/// then dropped.
pub fn sitemap_urls(entries: &[SitemapEntry]) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let _ = w.write_event(Event::Start(BytesStart::new("urlset")));
    w.get_mut().clear();
    for e in entries {
        let _ = url(&mut w, e);
    }
    w.into_inner()
}

fn url(w: &mut Writer<Vec<u8>>, e: &SitemapEntry) -> io::Result<()> {
    w.create_element("url").write_inner_content(|w| {
        text(w, "loc", &e.loc)?;
        if let Some(lastmod) = &e.lastmod {
            text(w, "lastmod", lastmod)?;
        }
        Ok(())
    })?;
    Ok(())
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

fn rfc3339(d: &jiff::ZonedDateTime) -> String {
    d.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// Adds everything a feed shows to `key`: the feed written whole. Destructured, so that a
/// field added to a feed cannot be left out of its key.
pub fn add_to_key(key: &mut crate::key::Key, feed: &Feed) {
    let Feed {
        title,
        description,
        link,
        self_link,
        language,
        organization,
        topics_url,
        tags_url,
        items,
    } = feed;
    for text in [
        *title,
        *description,
        link,
        self_link,
        *language,
        *organization,
        topics_url,
        tags_url,
    ] {
        key.text(text);
    }
    key.number(items.len() as u64);
    for item in items {
        let FeedItem {
            title,
            permalink,
            date,
            updated,
            summary,
            summary_text,
            content,
            cover,
            author,
            topics,
            tags,
            expires,
        } = item;
        for text in [*title, permalink, summary, *summary_text, content, *author] {
            key.text(text);
        }
        for date in [Some(*date), *updated, *expires] {
            date_key(key, date);
        }
        match cover {
            Some(Cover {
                url,
                width,
                height,
                alt,
            }) => {
                key.number(1).text(url).text(alt);
                for size in [width, height] {
                    key.number(size.map_or(0, |n| u64::from(n) + 1));
                }
            }
            None => {
                key.number(0);
            }
        }
        for labels in [topics, tags] {
            key.number(labels.len() as u64);
            for Label { key: k, name, url } in labels {
                key.text(k).text(name).text(url);
            }
        }
    }
}

/// A moment as a feed writes it: the instant and the offset it is shown in.
fn date_key(key: &mut crate::key::Key, date: Option<&jiff::ZonedDateTime>) {
    match date {
        Some(d) => key
            .number(1)
            .bytes(&d.timestamp().as_nanosecond().to_le_bytes())
            .number(d.offset().seconds() as u64),
        None => key.number(0),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sitemap as one writer writes it, entry after entry.
    fn written_by_one_writer(entries: &[SitemapEntry]) -> Vec<u8> {
        write_xml(|w| {
            w.create_element("urlset")
                .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
                .write_inner_content(|w| {
                    for e in entries {
                        url(w, e)?;
                    }
                    Ok(())
                })?;
            Ok(())
        })
    }

    #[test]
    fn a_sitemap_written_in_pieces_is_the_one_a_single_writer_writes() {
        let entry = |n: usize| SitemapEntry {
            loc: format!("https://stp.angiang.gov.vn/cchc/tin-tuc/bai-{n}/?a=1&b=<{n}>"),
            lastmod: (!n.is_multiple_of(3))
                .then(|| format!("2025-06-{:02}T09:00:00+07:00", n % 28 + 1)),
        };
        let in_pieces = |entries: &[SitemapEntry], piece: usize| {
            let pieces: Vec<Vec<u8>> = entries.chunks(piece).map(sitemap_urls).collect();
            String::from_utf8(sitemap_of(&pieces)).unwrap()
        };
        for (count, piece) in [(0, 1), (1, 1), (2, 1), (2, 2), (100, 7), (8199, 4096)] {
            let entries: Vec<SitemapEntry> = (0..count).map(entry).collect();
            let pieces = in_pieces(&entries, piece);
            let whole = String::from_utf8(written_by_one_writer(&entries)).unwrap();
            assert_eq!(pieces, whole, "{count} entries");
            assert_eq!(pieces.matches("<url>").count(), count);
        }
        let one = in_pieces(&[entry(1)], 1);
        assert!(one.contains("\n  <url>\n    <loc>https://stp.angiang.gov.vn/cchc/tin-tuc/bai-1/?a=1&amp;b=&lt;1&gt;</loc>\n    <lastmod>2025-06-02T09:00:00+07:00</lastmod>\n  </url>\n</urlset>\n"), "{one}");
    }
}
