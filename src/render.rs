//! Render stage: the assembled site becomes its output files, in memory.
//!
//! Pure apart from Tera: every page, list, feed and redirect is produced here as bytes keyed
//! by output path, so nothing is written until everything has rendered without error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::assemble::{Published, Site, Term};
use crate::diag::Diagnostic;
use crate::feeds::{self, Feed, FeedItem, SitemapEntry};
use crate::load::Asset;
use crate::msg;
use crate::templates::{Templates, BUILTIN_STATIC};
use crate::views::{
    page_window, ArticleCard, HeadView, ListView, PageNumber, Paginator, TaxonomyView, Views,
};

/// The site's files: output path (relative, `/` separators) → bytes.
pub type Outputs = BTreeMap<String, Vec<u8>>;

/// How many items a feed carries.
const FEED_ITEMS: usize = 20;

/// Static files from the site and its theme, copied as they are.
pub struct Statics<'a> {
    pub site: &'a [Asset],
    pub theme: &'a [Asset],
    /// The theme's folder (`themes/<name>`), to name its files in messages.
    pub theme_dir: PathBuf,
}

pub fn render(site: &Site, templates: &Templates, statics: &Statics) -> (Outputs, Vec<Diagnostic>) {
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
    jobs.push(r.not_found());

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
    copy_statics(site, statics, &mut outputs, &mut problems);
    (outputs, problems)
}

/// One template to render into one output file.
struct Job {
    out: String,
    template: String,
    context: Context,
    /// The content file behind the page, named in errors.
    source: Option<std::path::PathBuf>,
}

struct Renderer<'a> {
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
        let html = self
            .templates
            .render(&job.template, &job.context, job.source.as_deref())?;
        Ok((job.out, html.into_bytes()))
    }

    fn context(&self, meta: HeadView) -> Context {
        let mut ctx = Context::new();
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert("meta", &meta);
        ctx
    }

    fn head(&self, kind: &'static str, title: &str, description: &str, path: &str) -> HeadView {
        HeadView {
            title: title.to_string(),
            description: description.to_string(),
            url: self.views.link(path),
            permalink: self.views.permalink(path),
            kind,
            feed_url: None,
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
        }
    }

    fn page(&self, index: usize) -> Job {
        let p = &self.site.pages[index];
        let view = self.views.page(index);
        let kind = if view.card.kind == "article" {
            "article"
        } else {
            "page"
        };
        let description = p
            .page
            .meta
            .description
            .clone()
            .unwrap_or_else(|| view.card.summary_text.clone());
        let mut ctx = self.context(self.head(kind, &p.page.meta.title, &description, &p.page.path));
        ctx.insert("page", &view);
        Job {
            out: format!("{}index.html", p.page.path),
            template: template_of(Some(p), "page.html"),
            context: ctx,
            source: Some(p.page.display.clone()),
        }
    }

    fn section(&self, section: &crate::assemble::Section) -> Vec<Job> {
        let index = section.index.as_ref();
        let list = ListView {
            kind: "section",
            key: section.slug.clone(),
            title: section.title.clone(),
            description: index
                .and_then(|i| i.page.meta.description.clone())
                .unwrap_or_default(),
            content: index.map(|i| i.rendered.html.clone()).unwrap_or_default(),
            url: self.views.link(&format!("{}/", section.slug)),
            permalink: self.views.permalink(&format!("{}/", section.slug)),
            feed_url: None,
        };
        let template = template_of(index, "section.html");
        self.paginated(
            &format!("{}/", section.slug),
            list,
            &section.pages,
            section.paginate,
            &template,
            index.map(|i| i.page.display.clone()),
        )
    }

    fn term(&self, kind: &'static str, term: &Term) -> Vec<Job> {
        let path = Views::term_path(kind, &term.key);
        let feed_url = (kind == "topic").then(|| self.views.link(&format!("{path}rss.xml")));
        let list = ListView {
            kind,
            key: term.key.clone(),
            title: term.name.clone(),
            description: term.description.clone(),
            content: String::new(),
            url: self.views.link(&path),
            permalink: self.views.permalink(&path),
            feed_url,
        };
        self.paginated(
            &path,
            list,
            &term.pages,
            self.site.config.paginate,
            "term.html",
            None,
        )
    }

    /// Splits a list into pages: `path`, then `path/trang/2/`, … Each page carries only its own
    /// articles, so a big topic costs in proportion to its size, not its square.
    fn paginated(
        &self,
        path: &str,
        list: ListView,
        pages: &[usize],
        per_page: usize,
        template: &str,
        source: Option<std::path::PathBuf>,
    ) -> Vec<Job> {
        let per_page = per_page.max(1);
        let total_pages = pages.len().div_ceil(per_page).max(1);
        let url_of = |n: usize| {
            if n == 1 {
                path.to_string()
            } else {
                format!("{path}trang/{n}/")
            }
        };
        let list_kind = if list.kind == "section" {
            "section"
        } else {
            "term"
        };
        (1..=total_pages)
            .map(|n| {
                let chunk = pages.iter().skip((n - 1) * per_page).take(per_page);
                let articles: Vec<&ArticleCard> = chunk.map(|&i| &self.cards[i]).collect();
                let title = if n == 1 {
                    list.title.clone()
                } else {
                    msg::page_title(&list.title, n)
                };
                let mut head = self.head(list_kind, &title, &list.description, &url_of(n));
                head.feed_url = list.feed_url.clone();
                let mut ctx = self.context(head);
                ctx.insert("list", &list);
                ctx.insert("articles", &articles);
                ctx.insert(
                    "paginator",
                    &Paginator {
                        current: n,
                        total_pages,
                        total_items: pages.len(),
                        per_page,
                        previous: (n > 1).then(|| self.views.link(&url_of(n - 1))),
                        next: (n < total_pages).then(|| self.views.link(&url_of(n + 1))),
                        pages: page_window(n, total_pages)
                            .into_iter()
                            .map(|(k, gap_before)| PageNumber {
                                number: k,
                                url: self.views.link(&url_of(k)),
                                current: k == n,
                                gap_before,
                            })
                            .collect(),
                    },
                );
                Job {
                    out: format!("{}index.html", url_of(n)),
                    template: template.to_string(),
                    context: ctx,
                    source: source.clone(),
                }
            })
            .collect()
    }

    fn taxonomy(&self, kind: &'static str, terms: &[Term]) -> Job {
        let (path, title) = match kind {
            "topic" => ("chu-de/", msg::TOPICS_TITLE),
            "tag" => ("the/", msg::TAGS_TITLE),
            _ => ("don-vi/", msg::UNITS_TITLE),
        };
        let mut links: Vec<_> = terms
            .iter()
            .map(|t| self.views.term_link(kind, t))
            .collect();
        crate::text::sort_vietnamese(&mut links, |t| t.name.as_str());
        let mut ctx = self.context(self.head("taxonomy", title, "", path));
        ctx.insert(
            "taxonomy",
            &TaxonomyView {
                kind,
                title: title.to_string(),
                url: self.views.link(path),
                terms: links,
            },
        );
        Job {
            out: format!("{path}index.html"),
            template: "taxonomy.html".into(),
            context: ctx,
            source: None,
        }
    }

    fn not_found(&self) -> Job {
        Job {
            out: "404.html".into(),
            template: "404.html".into(),
            context: self.context(self.head("404", msg::NOT_FOUND_TITLE, "", "404.html")),
            source: None,
        }
    }

    /// A small page at an old address that sends readers (and search engines) to the new one.
    fn redirect(&self, target: &str) -> Vec<u8> {
        let url = html_attr(&self.views.link(target));
        let permalink = html_attr(&self.views.permalink(target));
        let lang = html_attr(&self.site.config.language);
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

    fn feeds(&self, outputs: &mut Outputs) {
        let cfg = &self.site.config;
        let site_feed = Feed {
            title: &cfg.title,
            description: &cfg.description,
            link: self.views.permalink(""),
            self_link: self.views.permalink("rss.xml"),
            language: &cfg.language,
            items: self.feed_items(&self.site.articles),
        };
        outputs.insert("rss.xml".into(), feeds::rss(&site_feed));
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
            outputs.insert(format!("{path}rss.xml"), feeds::rss(&feed));
        }
        outputs.insert(
            "sitemap.xml".into(),
            feeds::sitemap(&self.sitemap_entries(outputs)),
        );
        if cfg.base_url.path == "/" {
            outputs.insert(
                "robots.txt".into(),
                feeds::robots(&self.views.permalink("sitemap.xml")),
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

fn template_of(p: Option<&Published>, default: &str) -> String {
    p.and_then(|p| p.page.meta.template.clone())
        .unwrap_or_else(|| default.to_string())
}

fn html_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Copies the built-in theme's files, the site theme's, `static/` and co-located files, each
/// later layer over the earlier; none may take the place of a page loa generates.
fn copy_statics(
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
            outputs.insert(path, bytes.to_vec());
        }
    }
}
