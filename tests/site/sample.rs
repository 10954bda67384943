//! The repository's sample site, built as the README tells a new user: it builds cleanly, every
//! internal link and image leads to a file of the site, every topic of the plan has its page,
//! and every page carries absolute share metadata.

use std::collections::BTreeSet;

use scraper::{Html, Selector};

use crate::support::{sample, sample_root, show};

#[test]
fn the_sample_site_builds_without_warnings() {
    let site = sample();
    assert!(site.warnings.is_empty(), "{}", show(&site.warnings));
    assert!(site.pages > 40, "{} pages", site.pages);
}

#[test]
fn no_internal_link_or_image_of_the_sample_site_is_broken() {
    let site = sample();
    let files: BTreeSet<&str> = site.outputs.keys().map(String::as_str).collect();
    let targets = Selector::parse("a[href], link[href], img[src], script[src]").unwrap();
    let mut broken = Vec::new();
    for (file, bytes) in site.outputs.iter().filter(|(f, _)| f.ends_with(".html")) {
        let html = Html::parse_document(&String::from_utf8_lossy(crate::support::bytes(bytes)));
        for element in html.select(&targets) {
            let url = element
                .value()
                .attr("href")
                .or(element.value().attr("src"))
                .unwrap_or_default();
            let Some(target) = crate::support::linked_file(url) else {
                continue;
            };
            if !files.contains(target.as_str()) {
                broken.push(format!("{file} → {url}"));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_topic_of_the_plan_has_a_page_with_articles() {
    let site = sample();
    let config = loa::config::load(sample_root(), &Default::default()).unwrap();
    assert_eq!(config.topics.len(), 17, "the plan's topics");
    let cards = Selector::parse("main article").unwrap();
    let mut empty = Vec::new();
    for topic in &config.topics {
        let page = site
            .outputs
            .get(&format!("chu-de/{}/index.html", topic.key))
            .expect("a topic page");
        let html = Html::parse_document(&String::from_utf8_lossy(crate::support::bytes(page)));
        if html.select(&cards).next().is_none() {
            empty.push(topic.key.as_str());
        }
    }
    assert!(empty.is_empty(), "topics without an article: {empty:?}");
}

#[test]
fn every_page_of_the_sample_site_has_absolute_share_metadata() {
    let site = sample();
    let og = |name: &str| Selector::parse(&format!("meta[property=\"{name}\"]")).unwrap();
    for (file, bytes) in site
        .outputs
        .iter()
        .filter(|(f, _)| f.ends_with(".html") && !f.ends_with("404.html"))
    {
        let html = Html::parse_document(&String::from_utf8_lossy(crate::support::bytes(bytes)));
        if html
            .select(&Selector::parse("meta[http-equiv=refresh]").unwrap())
            .next()
            .is_some()
        {
            continue; // a redirect from an old address
        }
        for name in ["og:url", "og:image"] {
            let value = html
                .select(&og(name))
                .next()
                .and_then(|m| m.value().attr("content"))
                .unwrap_or_default();
            assert!(
                value.starts_with("https://stp.angiang.gov.vn/cchc/"),
                "{file}: {name} = {value:?}"
            );
        }
        for script in html.select(&Selector::parse("script[type=\"application/ld+json\"]").unwrap())
        {
            let text: String = script.text().collect();
            serde_json::from_str::<serde_json::Value>(&text)
                .unwrap_or_else(|e| panic!("{file}: JSON-LD: {e}"));
        }
    }
}
