//! Render stage: the assembled site becomes its output files, in memory.
//!
//! Pure apart from Tera: every page, list, feed and redirect is produced here as bytes keyed
//! by output path, so nothing is written until everything has rendered without error.

mod coverage;
mod documents;
mod lists;
mod search;
mod site_files;

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::assemble::{Published, Site};
use crate::diag::Diagnostic;
use crate::load::Asset;
use crate::msg;
use crate::templates::{Templates, SHARE_IMAGE};
use crate::views::{ArticleCard, HeadView, ShareImage, Views};
use site_files::copy_statics;

/// The site's files: output path (relative, `/` separators) → bytes.
pub type Outputs = BTreeMap<String, Vec<u8>>;

/// Static files from the site and its theme, copied as they are.
pub struct Statics<'a> {
    pub site: &'a [Asset],
    pub theme: &'a [Asset],
    /// The theme's folder (`themes/<name>`), to name its files in messages.
    pub theme_dir: PathBuf,
}

/// `search_index` (the files of `crate::search::index_files`) is placed before the static
/// files, so a static file on its path is reported like one on a page's.
pub fn render(
    site: &Site,
    templates: &Templates,
    statics: &Statics,
    search_index: Vec<(String, Vec<u8>)>,
) -> (Outputs, Vec<Diagnostic>) {
    let r = Renderer::new(site, templates);
    // Article pages carry their whole body in their context: those contexts are built inside
    // the parallel loop, a few at a time, rather than all up front.
    let pages: Vec<Result<(String, Vec<u8>), Diagnostic>> = (0..site.pages.len())
        .into_par_iter()
        .map(|i| r.run(r.page(i)))
        .collect();
    let mut jobs: Vec<Job> = Vec::new();
    jobs.push(r.home());
    for section in &site.sections {
        jobs.extend(r.section(section));
    }
    for (kind, terms) in [
        ("topic", &site.topics),
        ("tag", &site.tags),
        ("unit", &site.units),
    ] {
        jobs.push(r.taxonomy(kind, terms));
        for term in terms {
            jobs.extend(r.term(kind, term));
        }
    }
    jobs.push(r.coverage());
    jobs.extend(r.documents());
    jobs.push(r.not_found());
    jobs.push(r.search_page());

    let rendered: Vec<Result<(String, Vec<u8>), Diagnostic>> =
        jobs.into_par_iter().map(|job| r.run(job)).collect();
    let mut outputs = Outputs::new();
    let mut problems = Vec::new();
    for result in pages.into_iter().chain(rendered) {
        match result {
            Ok((path, bytes)) => {
                outputs.insert(path, bytes);
            }
            Err(d) => problems.push(d),
        }
    }
    for alias in &site.aliases {
        outputs.insert(alias.file.clone(), r.redirect(&alias.target));
    }
    r.feeds(&mut outputs);
    outputs.extend(search_index);
    copy_statics(site, statics, &mut outputs, &mut problems);
    (outputs, problems)
}

/// One template to render into one output file.
pub(crate) struct Job {
    out: String,
    template: String,
    context: Context,
    /// The content file behind the page, named in errors.
    source: Option<std::path::PathBuf>,
    /// Line of the `template:` key in that file (0 when the default template is used).
    template_line: usize,
}

pub(crate) struct Renderer<'a> {
    site: &'a Site,
    views: Views<'a>,
    templates: &'a Templates,
    site_value: Value,
    cards: Vec<ArticleCard>,
}

impl<'a> Renderer<'a> {
    fn new(site: &'a Site, templates: &'a Templates) -> Self {
        let views = Views::new(site);
        let site_value = Value::from_serializable(&views.site());
        let cards = site.pages.par_iter().map(|p| views.card(p)).collect();
        Renderer {
            site,
            views,
            templates,
            site_value,
            cards,
        }
    }

    fn run(&self, job: Job) -> Result<(String, Vec<u8>), Diagnostic> {
        if let (false, Some(source)) = (self.templates.has(&job.template), &job.source) {
            let d = Diagnostic::error(
                source.clone(),
                job.template_line,
                1,
                msg::template_missing(&job.template),
            );
            return Err(d.with_hint(msg::HINT_TEMPLATE_MISSING));
        }
        let html = self
            .templates
            .render(&job.template, &job.context, job.source.as_deref())?;
        Ok((job.out, html.into_bytes()))
    }

    pub(crate) fn context(&self, meta: HeadView) -> Context {
        let mut ctx = Context::new();
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert("meta", &meta);
        ctx
    }

    pub(crate) fn head(
        &self,
        kind: &'static str,
        title: &str,
        description: &str,
        path: &str,
    ) -> HeadView {
        let (file, width, height) = SHARE_IMAGE;
        HeadView {
            title: title.to_string(),
            description: description.to_string(),
            url: self.views.link(path),
            permalink: self.views.permalink(path),
            kind,
            feed_url: None,
            image: ShareImage {
                url: self.views.permalink(file),
                width: Some(width),
                height: Some(height),
                alt: self.site.config.organization.clone(),
            },
            published: None,
            modified: None,
            json_ld: None,
        }
    }

    fn home(&self) -> Job {
        let cfg = &self.site.config;
        let home = self.site.home.as_ref();
        let title = home
            .map(|h| h.page.meta.title.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| cfg.title.clone());
        let description = home
            .and_then(|h| h.page.meta.description.clone())
            .unwrap_or_else(|| cfg.description.clone());
        let mut ctx = self.context(self.head("home", &title, &description, ""));
        #[derive(Serialize)]
        struct HomeView<'h> {
            title: &'h str,
            description: &'h str,
            content: &'h str,
            extra: &'h serde_json::Value,
        }
        let null = serde_json::Value::Null;
        ctx.insert(
            "home",
            &HomeView {
                title: &title,
                description: &description,
                content: home.map_or("", |h| h.rendered.html.as_str()),
                extra: home.map_or(&null, |h| &h.page.meta.extra),
            },
        );
        let latest: Vec<&ArticleCard> = self
            .site
            .articles
            .iter()
            .take(cfg.paginate)
            .map(|&i| &self.cards[i])
            .collect();
        ctx.insert("articles", &latest);
        Job {
            out: "index.html".into(),
            template: template_of(home, "index.html"),
            context: ctx,
            source: home.map(|h| h.page.display.clone()),
            template_line: home.map_or(0, |h| h.page.line_of("template")),
        }
    }

    fn page(&self, index: usize) -> Job {
        let p = &self.site.pages[index];
        let view = self.views.page(index, self.cards[index].clone());
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
            head.json_ld = Some(self.news_article(&head));
        }
        let mut ctx = self.context(head);
        ctx.insert("page", &view);
        Job {
            out: format!("{}index.html", p.page.path),
            template: template_of(Some(p), "page.html"),
            context: ctx,
            source: Some(p.page.display.clone()),
            template_line: p.page.line_of("template"),
        }
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

    fn not_found(&self) -> Job {
        Job {
            out: "404.html".into(),
            template: "404.html".into(),
            context: self.context(self.head("404", msg::NOT_FOUND_TITLE, "", "404.html")),
            source: None,
            template_line: 0,
        }
    }
}

pub(crate) fn template_of(p: Option<&Published>, default: &str) -> String {
    p.and_then(|p| p.page.meta.template.clone())
        .unwrap_or_else(|| default.to_string())
}
