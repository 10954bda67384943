//! The pages that are not lists: articles and standalone pages, the 404 page.

use std::borrow::Cow;

use tera::{Context, Value};

use super::{Done, Job, Kind, Renderer};
use crate::diag::Diagnostic;
use crate::msg;
use crate::views::{HeadView, PageView, ShareImage};

impl Renderer<'_> {
    /// An article or standalone page, reused when its key is unchanged (most are, in
    /// `serve`: the job is not even made for them).
    pub(super) fn page(&self, index: usize) -> Result<Done, Diagnostic> {
        let p = &self.site.pages[index];
        let template = p.page.meta.template.as_deref().unwrap_or("page.html");
        let key = self.page_keys.key(
            &self.shared_key(template),
            self.site,
            index,
            self.shows_counts(template),
        );
        let out = [&p.page.path, "index.html"].concat();
        let out = match self.reuse(out, Kind::Page, key) {
            Ok(done) => return Ok(done),
            Err(out) => out,
        };
        self.run(Job {
            out,
            kind: Kind::Page,
            template: template.to_string(),
            key: Some(key),
            context: Box::new(move || self.page_context(index, template)),
            source: Some(p.page.display.clone()),
            template_line: p.page.line_of("template"),
        })
    }

    fn page_context(&self, index: usize, template: &str) -> Context {
        let p = &self.site.pages[index];
        let taken = self.html.get(index).and_then(|h| h.lock().ok()?.take());
        let content = match taken {
            Some(html) => Cow::Owned(html),
            None => p.rendered.html.text(),
        };
        let view = self.views.page(index, self.card(index), content);
        let kind = view.card.kind;
        let description = view.card.summary_text.clone();
        let mut head = self.head(kind, &p.page.meta.title, &description, &p.page.path);
        if let Some(image) = &view.card.image {
            let (width, height) = crate::images::SHARE;
            head.image = match &image.share {
                Some(crop) => ShareImage {
                    url: crop.clone(),
                    width: Some(width),
                    height: Some(height),
                    alt: image.alt.clone(),
                },
                None => ShareImage {
                    url: image.permalink.clone(),
                    width: None,
                    height: None,
                    alt: image.alt.clone(),
                },
            };
        }
        head.published = view.card.date.clone();
        head.modified = view.updated.clone().or_else(|| view.card.date.clone());
        if kind == "article" {
            let article = self.news_article(&head, view.card.expires.as_deref());
            head.json_ld = Some(crate::templates::json_for_script(&article));
        }
        let mut ctx = self.context(head);
        let parts = self.templates.shows_card_parts(template);
        ctx.insert_value("page", self.page_value(index, &view, parts));
        ctx
    }

    /// `page` for the template: the view, with the page's own card and those of its related
    /// articles taken from the values made once for every list (a page's cards were a
    /// quarter of rendering it).
    fn page_value(&self, index: usize, view: &PageView, parts: bool) -> Value {
        let mut page = (self.card_value(index, parts).into_map()).unwrap_or_default();
        page.extend(
            Value::from_serializable(view)
                .into_map()
                .unwrap_or_default(),
        );
        let related = self.site.related_of(index).iter();
        let related: Vec<Value> = related.map(|&i| self.card_value(i, parts)).collect();
        page.insert("related".into(), Value::from(related));
        Value::from(page)
    }

    /// schema.org NewsArticle for search engines, published by the department as a
    /// GovernmentOrganization.
    fn news_article<'h>(&'h self, head: &'h HeadView, expires: Option<&'h str>) -> NewsArticle<'h> {
        let cfg = &self.site.config;
        let department = Organization {
            kind: "GovernmentOrganization",
            name: &cfg.organization,
            url: self.views.permalink(""),
        };
        NewsArticle {
            context: "https://schema.org",
            kind: "NewsArticle",
            author: department.clone(),
            date_modified: head.modified.as_deref(),
            date_published: head.published.as_deref(),
            description: &head.description,
            expires,
            headline: &head.title,
            image: [&head.image.url],
            in_language: &cfg.language,
            main_entity_of_page: &head.permalink,
            publisher: department,
            url: &head.permalink,
        }
    }

    pub(super) fn not_found(&self) -> Job<'_> {
        let ctx = self.context(self.head("404", msg::NOT_FOUND_TITLE, "", "404.html"));
        Job {
            out: "404.html".into(),
            kind: Kind::Page,
            template: "404.html".into(),
            key: None,
            context: Box::new(move || ctx),
            source: None,
            template_line: 0,
        }
    }
}

/// An article's JSON-LD, written straight from its fields (a `serde_json::Value` built and
/// sorted for each page cost about 1 % of a clean build). The fields stand in the order of
/// their names, as the JSON of the home page's `serde_json::Value` has its keys.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'h> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Organization<'h>,
    date_modified: Option<&'h str>,
    date_published: Option<&'h str>,
    description: &'h str,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires: Option<&'h str>,
    headline: &'h str,
    image: [&'h str; 1],
    in_language: &'h str,
    main_entity_of_page: &'h str,
    publisher: Organization<'h>,
    url: &'h str,
}

/// The department, author and publisher of every article.
#[derive(serde::Serialize, Clone)]
struct Organization<'h> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'h str,
    url: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON-LD's keys stand sorted, as they did when it was a `serde_json::Value`: the
    /// same page gives the same bytes, and a field added out of order is caught here.
    #[test]
    fn an_articles_json_ld_has_its_keys_in_order_and_expires_only_when_set() {
        let department = Organization {
            kind: "GovernmentOrganization",
            name: "Sở <Tư pháp>",
            url: "https://x.vn/".into(),
        };
        for expires in [None, Some("2027-01-01T00:00:00+07:00")] {
            let article = NewsArticle {
                context: "https://schema.org",
                kind: "NewsArticle",
                author: department.clone(),
                date_modified: None,
                date_published: Some("2026-12-06T00:00:00+07:00"),
                description: "Mô tả",
                expires,
                headline: "Tiêu đề </script>",
                image: ["https://x.vn/a.png"],
                in_language: "vi",
                main_entity_of_page: "https://x.vn/a/",
                publisher: department.clone(),
                url: "https://x.vn/a/",
            };
            let text = crate::templates::json_for_script(&article);
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(text, crate::templates::json_for_script(&value));
            assert_eq!(value.get("expires").and_then(|e| e.as_str()), expires);
            assert!(value["dateModified"].is_null() && !text.contains("</script>"));
        }
    }
}
