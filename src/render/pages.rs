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
        let key = self
            .page_keys
            .key(&self.shared_key(template), self.site, index);
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
            context: Box::new(move || self.page_context(index)),
            source: Some(p.page.display.clone()),
            template_line: p.page.line_of("template"),
        })
    }

    fn page_context(&self, index: usize) -> Context {
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
            let mut json_ld = self.news_article(&head);
            if let Some(expires) = &view.card.expires {
                json_ld["expires"] = expires.clone().into();
            }
            head.json_ld = Some(json_ld);
        }
        let mut ctx = self.context(head);
        ctx.insert_value("page", self.page_value(index, &view));
        ctx
    }

    /// `page` for the template: the view, with the page's own card and those of its related
    /// articles taken from the values made once for every list (a page's cards were a
    /// quarter of rendering it).
    fn page_value(&self, index: usize, view: &PageView) -> Value {
        let mut page = (self.card_value(index).into_map()).unwrap_or_default();
        page.extend(
            Value::from_serializable(view)
                .into_map()
                .unwrap_or_default(),
        );
        let related = self.site.related_of(index).iter();
        let related: Vec<Value> = related.map(|&i| self.card_value(i)).collect();
        page.insert("related".into(), Value::from(related));
        Value::from(page)
    }

    /// schema.org NewsArticle for search engines, published by the department as a
    /// GovernmentOrganization.
    fn news_article(&self, head: &HeadView) -> serde_json::Value {
        let cfg = &self.site.config;
        serde_json::json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": head.title,
            "description": head.description,
            "url": head.permalink,
            "mainEntityOfPage": head.permalink,
            "image": [head.image.url],
            "datePublished": head.published,
            "dateModified": head.modified,
            "inLanguage": cfg.language,
            "author": { "@type": "GovernmentOrganization", "name": cfg.organization, "url": self.views.permalink("") },
            "publisher": { "@type": "GovernmentOrganization", "name": cfg.organization, "url": self.views.permalink("") },
        })
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
