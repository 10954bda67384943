//! Full feeds for the provincial portal: RSS 2.0 with the whole article (`content:encoded`),
//! absolute URLs and the cover image (Media RSS), and JSON Feed 1.1; both with topics and
//! tags, one for the site and one per topic.

use std::collections::BTreeMap;

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use scraper::{Html, Selector};
use serde_json::Value;

use crate::support::{photo, Site};

const BASE: &str = "https://stp.angiang.gov.vn/cchc/";

/// A bundle with a cover photo, a photo in its text, a link to another article, a link to
/// its own heading, and pasted HTML carrying a script.
fn site_with_a_bundle() -> Site {
    let site = Site::new();
    site.write_bytes("content/tin-tuc/hop-bao/anh.jpg", &photo(1600, 900))
        .article(
            "tin-tuc/hop-bao/index.md",
            "Họp báo về Đề án 06",
            "2025-11-20 09:00",
            "topics: [de-an-06]\ntags: [Dữ liệu dân cư]\nunit: van-phong\nimage: anh.jpg\nimage_alt: \"Quang cảnh họp báo\"\nupdated: 2025-11-21\n",
            "Mở đầu với [bài khác](../khac.md) và [phần chi tiết](#chi-tiet).\n\n![Ảnh trong bài](anh.jpg)\n\n## Chi tiết\n\n<p onclick=\"x()\">Đoạn <b>đậm</b><script>alert(1)</script></p>\n",
        )
        .article("tin-tuc/khac.md", "Bài khác", "2025-11-01", "", "Không chủ đề.\n");
    site
}

/// One element of an XML document: its namespace (resolved), local name, attributes as
/// written, and text.
#[derive(Debug)]
struct Element {
    namespace: Option<String>,
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
}

/// Every element of `xml` in document order, read with quick-xml's namespace resolution.
fn elements(xml: &str) -> Vec<Element> {
    let mut reader = quick_xml::reader::NsReader::from_str(xml);
    let mut done = Vec::new();
    let mut open: Vec<Element> = Vec::new();
    loop {
        let (ns, event) = reader.read_resolved_event().expect("well-formed XML");
        let namespace = match ns {
            ResolveResult::Bound(ns) => Some(ns.0.to_string()),
            _ => None,
        };
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let element = Element {
                    namespace,
                    name: AsRef::<str>::as_ref(&e.local_name()).to_string(),
                    attrs: e
                        .attributes()
                        .map(|a| {
                            let a = a.unwrap();
                            let key = AsRef::<str>::as_ref(&a.key).to_string();
                            let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0);
                            (key, value.unwrap().into_owned())
                        })
                        .collect(),
                    text: String::new(),
                };
                if empty {
                    done.push(element);
                } else {
                    open.push(element);
                }
            }
            Event::Text(t) => {
                if let Some(e) = open.last_mut() {
                    e.text.push_str(t.as_ref());
                }
            }
            Event::GeneralRef(r) => {
                let ch = match AsRef::<str>::as_ref(&r) {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    _ => r.resolve_char_ref().unwrap().unwrap(),
                };
                if let Some(e) = open.last_mut() {
                    e.text.push(ch);
                }
            }
            Event::End(_) => done.push(open.pop().unwrap()),
            Event::Eof => break,
            _ => {}
        }
    }
    done
}

fn named<'e>(all: &'e [Element], namespace: Option<&str>, name: &str) -> Vec<&'e Element> {
    all.iter()
        .filter(|e| e.namespace.as_deref() == namespace && e.name == name)
        .collect()
}

#[test]
fn the_rss_feed_carries_the_whole_article_with_absolute_urls_and_its_cover() {
    let site = site_with_a_bundle();
    site.build();
    let rss = site.read("rss.xml");
    let all = elements(&rss);
    let root = &named(&all, None, "rss")[0];
    assert_eq!(root.attrs["version"], "2.0");
    assert_eq!(root.attrs["xmlns:content"], loa::feeds::CONTENT_NS);
    assert_eq!(
        root.attrs["xmlns:content"],
        "http://purl.org/rss/1.0/modules/content/"
    );
    assert_eq!(root.attrs["xmlns:media"], "http://search.yahoo.com/mrss/");

    let encoded = named(&all, Some(loa::feeds::CONTENT_NS), "encoded");
    assert_eq!(encoded.len(), 2, "one per item");
    let content = Html::parse_fragment(&encoded[0].text);
    let select = |css: &str, attr: &str| -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        content
            .select(&sel)
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect()
    };
    assert_eq!(
        select("a", "href"),
        [
            format!("{BASE}tin-tuc/khac/"),
            format!("{BASE}tin-tuc/hop-bao/#chi-tiet")
        ]
    );
    let srcs = select("img", "src");
    assert_eq!(srcs.len(), 1);
    assert!(
        srcs[0].starts_with(&format!("{BASE}tin-tuc/hop-bao/anh")),
        "{srcs:?}"
    );
    for srcset in select("img", "srcset") {
        for candidate in srcset.split(", ") {
            assert!(candidate.starts_with(BASE), "{srcset}");
        }
    }
    let text: String = content.root_element().text().collect();
    assert!(
        text.contains("Chi tiết") && text.contains("Đoạn đậm"),
        "{text}"
    );
    assert!(!encoded[0].text.contains("script") && !encoded[0].text.contains("onclick"));

    let cover = &named(&all, Some(loa::feeds::MEDIA_NS), "content")[0];
    assert!(cover.attrs["url"].starts_with(&format!("{BASE}tin-tuc/hop-bao/anh")));
    assert_eq!(cover.attrs["medium"], "image");
    assert!(cover.attrs["width"].parse::<u32>().unwrap() > 0);
    let alt = named(&all, Some(loa::feeds::MEDIA_NS), "description");
    assert_eq!(alt[0].text, "Quang cảnh họp báo");

    let categories: Vec<(&str, &str)> = named(&all, None, "category")
        .iter()
        .map(|c| (c.attrs["domain"].as_str(), c.text.as_str()))
        .collect();
    let topics = format!("{BASE}chu-de/");
    let tags = format!("{BASE}the/");
    assert_eq!(
        categories,
        [
            (topics.as_str(), "Đề án 06/CP"),
            (tags.as_str(), "Dữ liệu dân cư")
        ]
    );
}

/// The fields JSON Feed 1.1 defines, at the top and in an item; anything else must be an
/// extension, named `_` and a letter (https://www.jsonfeed.org/version/1.1/).
const FEED_FIELDS: &[&str] = &[
    "version",
    "title",
    "home_page_url",
    "feed_url",
    "description",
    "user_comment",
    "next_url",
    "icon",
    "favicon",
    "authors",
    "language",
    "expired",
    "hubs",
    "items",
];
const ITEM_FIELDS: &[&str] = &[
    "id",
    "url",
    "external_url",
    "title",
    "content_html",
    "content_text",
    "summary",
    "image",
    "banner_image",
    "date_published",
    "date_modified",
    "authors",
    "tags",
    "language",
    "attachments",
];

/// Checks `json` against JSON Feed 1.1: its required fields, their types, and no field the
/// spec does not define but extensions.
fn assert_json_feed_1_1(json: &Value) {
    let known = |fields: &[&str], key: &str| {
        fields.contains(&key)
            || (key.starts_with('_') && key[1..].starts_with(|c: char| c.is_ascii_alphabetic()))
    };
    let feed = json.as_object().expect("an object");
    for key in feed.keys() {
        assert!(known(FEED_FIELDS, key), "top-level `{key}`");
    }
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert!(feed["title"].as_str().is_some_and(|t| !t.is_empty()));
    for url in ["home_page_url", "feed_url"] {
        assert!(feed[url].as_str().unwrap().starts_with("https://"), "{url}");
    }
    for author in feed["authors"].as_array().unwrap() {
        assert!(author["name"].is_string());
    }
    for item in feed["items"].as_array().expect("items is an array") {
        let item = item.as_object().unwrap();
        for key in item.keys() {
            assert!(known(ITEM_FIELDS, key), "item `{key}`");
        }
        assert!(item["id"].as_str().is_some_and(|id| !id.is_empty()));
        assert!(
            item.get("content_html").is_some_and(Value::is_string)
                || item.get("content_text").is_some_and(Value::is_string)
        );
        for date in ["date_published", "date_modified"] {
            if let Some(d) = item.get(date) {
                d.as_str().unwrap().parse::<jiff::Timestamp>().unwrap();
            }
        }
        assert!(item["tags"]
            .as_array()
            .unwrap()
            .iter()
            .all(Value::is_string));
    }
}

#[test]
fn the_json_feeds_follow_json_feed_1_1_and_carry_topics_and_tags() {
    let site = site_with_a_bundle();
    site.build();
    let feed: Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert_json_feed_1_1(&feed);
    assert_eq!(feed["feed_url"], format!("{BASE}feed.json"));
    assert_eq!(feed["home_page_url"], BASE);
    assert_eq!(feed["language"], "vi");
    let items = feed["items"].as_array().unwrap();
    let titles: Vec<&str> = items.iter().map(|i| i["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Họp báo về Đề án 06", "Bài khác"]);
    let item = &items[0];
    assert_eq!(item["id"], format!("{BASE}tin-tuc/hop-bao/"));
    assert_eq!(item["date_published"], "2025-11-20T09:00:00+07:00");
    assert_eq!(item["date_modified"], "2025-11-21T00:00:00+07:00");
    assert_eq!(item["authors"][0]["name"], "Văn phòng Sở");
    assert_eq!(
        item["tags"],
        serde_json::json!(["Đề án 06/CP", "Dữ liệu dân cư"])
    );
    assert_eq!(item["_loa"]["topics"][0]["key"], "de-an-06");
    assert_eq!(
        item["_loa"]["topics"][0]["url"],
        format!("{BASE}chu-de/de-an-06/")
    );
    assert_eq!(item["_loa"]["tags"][0]["key"], "du-lieu-dan-cu");
    assert!(item["image"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{BASE}tin-tuc/hop-bao/anh")));
    let content = Html::parse_fragment(item["content_html"].as_str().unwrap());
    let sel = Selector::parse("a").unwrap();
    assert!(content
        .select(&sel)
        .all(|a| a.value().attr("href").unwrap().starts_with(BASE)));

    let topic: Value = serde_json::from_str(&site.read("chu-de/de-an-06/feed.json")).unwrap();
    assert_json_feed_1_1(&topic);
    assert_eq!(topic["title"], "Đề án 06/CP");
    assert_eq!(
        topic["feed_url"],
        format!("{BASE}chu-de/de-an-06/feed.json")
    );
    let titles: Vec<&str> = (topic["items"].as_array().unwrap().iter())
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Họp báo về Đề án 06"]);
}

#[test]
fn every_page_names_the_json_feeds_it_follows() {
    let site = site_with_a_bundle();
    site.build();
    let json = "link[rel=alternate][type='application/feed+json']";
    assert_eq!(
        site.html("index.html").attrs(json, "href"),
        ["/cchc/feed.json"]
    );
    assert_eq!(
        site.html("chu-de/de-an-06/index.html").attrs(json, "href"),
        ["/cchc/feed.json", "/cchc/chu-de/de-an-06/feed.json"]
    );
}

#[test]
fn a_static_file_cannot_take_the_place_of_the_json_feed() {
    let site = site_with_a_bundle();
    site.write("static/feed.json", "{}");
    let problems = site.build_fails();
    let error = crate::support::only_error(&problems);
    assert_eq!(error.path.to_str(), Some("static/feed.json"));
}
