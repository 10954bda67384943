//! List pages: sections, topics, tags and units, paginated, and the lists of all terms.

use crate::taxonomy::Taxonomy;
use std::sync::Arc;

use super::{template_of, Job, Kind, Renderer};
use crate::assemble::{Section, Term};
use crate::key::Key;
use crate::msg;
use crate::views::{page_window, ListView, PageNumber, Paginator, TaxonomyView};

/// Site path of page `n` of a list whose first page is at `path`.
pub(super) fn page_url(path: &str, n: usize) -> String {
    if n == 1 {
        path.to_string()
    } else {
        format!("{path}trang/{n}/")
    }
}

/// What page `n` of a list is.
pub(super) fn list_page(n: usize) -> Kind {
    if n == 1 {
        Kind::List
    } else {
        Kind::FurtherListPage
    }
}

/// Where a page stands in its list.
#[derive(Clone, Copy)]
pub(super) struct Position {
    pub(super) n: usize,
    pub(super) total_pages: usize,
    pub(super) per_page: usize,
    pub(super) total_items: usize,
}

/// A list to split into pages, and what renders it.
struct PaginatedList<'p> {
    /// Site path of the first page: `tin-tuc/`, `chu-de/de-an-06/`.
    path: String,
    list: ListView,
    /// Indexes of the articles, in the list's order.
    pages: &'p [usize],
    per_page: usize,
    template: String,
    /// The `_index.md` behind a section list, for messages.
    source: Option<std::path::PathBuf>,
    template_line: usize,
}

impl<'a> Renderer<'a> {
    pub(super) fn section(&self, section: &'a Section) -> Vec<Job<'_>> {
        let index = section.index.as_ref();
        let list = ListView {
            kind: "section",
            key: section.slug.clone(),
            title: section.title.clone(),
            description: index
                .and_then(|i| i.page.meta.description.clone())
                .unwrap_or_default(),
            content: index
                .map(|i| i.rendered.html.text().into_owned())
                .unwrap_or_default(),
            url: self.views.link(&format!("{}/", section.slug)),
            permalink: self.views.permalink(&format!("{}/", section.slug)),
            feed_url: None,
            json_feed_url: None,
            extra: index.map_or(serde_json::Value::Null, |i| i.page.meta.extra.clone()),
        };
        let template = template_of(index, "section.html");
        self.paginated(PaginatedList {
            path: format!("{}/", section.slug),
            list,
            pages: &section.pages,
            per_page: section.paginate,
            template,
            source: index.map(|i| i.page.display.clone()),
            template_line: index.map_or(0, |i| i.page.line_of("template")),
        })
    }

    pub(super) fn term(&self, taxonomy: Taxonomy, term: &'a Term) -> Vec<Job<'_>> {
        let path = taxonomy.term_path(&term.key);
        let feed_url = taxonomy
            .has_feeds()
            .then(|| self.views.link(&format!("{path}rss.xml")));
        let json_feed_url = taxonomy.has_feeds().then(|| {
            self.views
                .link(&format!("{path}{}", crate::assemble::JSON_FEED))
        });
        let list = ListView {
            kind: taxonomy.name(),
            key: term.key.clone(),
            title: term.name.clone(),
            description: term.description.clone(),
            content: String::new(),
            url: self.views.link(&path),
            permalink: self.views.permalink(&path),
            feed_url,
            json_feed_url,
            extra: serde_json::Value::Null,
        };
        self.paginated(PaginatedList {
            path,
            list,
            pages: &term.pages,
            per_page: self.site.config.paginate,
            template: "term.html".into(),
            source: None,
            template_line: 0,
        })
    }

    /// Splits a list into pages: `path`, then `path/trang/2/`, … Each page carries only its own
    /// articles, so a big topic costs in proportion to its size, not its square.
    fn paginated(&self, spec: PaginatedList<'a>) -> Vec<Job<'_>> {
        let PaginatedList {
            path,
            list,
            pages,
            per_page,
            template,
            source,
            template_line,
        } = spec;
        let per_page = per_page.max(1);
        let total_pages = pages.len().div_ceil(per_page).max(1);
        let shows_changed = |chunk: &[usize]| {
            (self.only_showing.as_ref()).is_none_or(|shown| chunk.iter().any(|&i| shown[i]))
        };
        if !shows_changed(pages) {
            return Vec::new();
        }
        // What every page of this list shares, hashed once.
        let list_key = self
            .key("list", &template)
            .text(&template)
            .bytes(&serde_json::to_vec(&list).unwrap_or_default())
            // How many articles it has, for the templates that show it; its number of pages
            // for every one (the page numbers in its links).
            .number(if self.shows_counts(&template) {
                pages.len()
            } else {
                total_pages
            } as u64)
            .number(per_page as u64)
            .finish();
        let list = Arc::new(list);
        let path = Arc::new(path);
        let parts = self.templates.shows_card_parts(&template);
        let chunk_of = |n: usize| {
            &pages[((n - 1) * per_page).min(pages.len())..(n * per_page).min(pages.len())]
        };
        (1..=total_pages)
            .filter(|&n| shows_changed(chunk_of(n)))
            .map(|n| {
                let chunk = chunk_of(n);
                let mut key = Key::new("list page");
                key.hash(&list_key).number(n as u64);
                for &i in chunk {
                    key.hash(&self.site.pages[i].card);
                }
                let (list, path) = (Arc::clone(&list), Arc::clone(&path));
                Job {
                    out: format!("{}index.html", page_url(&path, n)),
                    kind: list_page(n),
                    template: template.clone(),
                    key: Some(key.finish()),
                    context: Box::new(move || {
                        let at = Position {
                            n,
                            total_pages,
                            per_page,
                            total_items: pages.len(),
                        };
                        self.list_context(&list, &path, chunk, at, parts)
                    }),
                    source: source.clone(),
                    template_line,
                }
            })
            .collect()
    }

    /// Where page `at.n` of the list at `path` stands, with links to its neighbours.
    pub(super) fn paginator(&self, path: &str, at: Position) -> Paginator {
        let Position {
            n,
            total_pages,
            per_page,
            total_items,
        } = at;
        Paginator {
            current: n,
            total_pages,
            total_items,
            per_page,
            previous: (n > 1).then(|| self.views.link(&page_url(path, n - 1))),
            next: (n < total_pages).then(|| self.views.link(&page_url(path, n + 1))),
            pages: page_window(n, total_pages)
                .into_iter()
                .map(|(k, gap_before)| PageNumber {
                    number: k,
                    url: self.views.link(&page_url(path, k)),
                    current: k == n,
                    gap_before,
                })
                .collect(),
        }
    }

    /// The context of one page of a list, showing the articles `chunk`.
    fn list_context(
        &self,
        list: &ListView,
        path: &str,
        chunk: &[usize],
        at: Position,
        parts: bool,
    ) -> tera::Context {
        let n = at.n;
        let title = if n == 1 {
            list.title.clone()
        } else {
            msg::page_title(&list.title, n)
        };
        let list_kind = if list.kind == "section" {
            "section"
        } else {
            "term"
        };
        let mut head = self.head(list_kind, &title, &list.description, &page_url(path, n));
        head.feed_url = list.feed_url.clone();
        head.json_feed_url = list.json_feed_url.clone();
        let mut ctx = self.context(head);
        ctx.insert("list", list);
        ctx.insert_value("articles", self.cards(chunk.iter().copied(), parts));
        ctx.insert("paginator", &self.paginator(path, at));
        ctx
    }

    pub(super) fn taxonomy(&self, taxonomy: Taxonomy, terms: &[Term]) -> Job<'_> {
        let (path, title) = (taxonomy.root(), taxonomy.title());
        let mut links: Vec<_> = terms
            .iter()
            .map(|t| self.views.term_link(taxonomy, t))
            .collect();
        crate::text::sort_vietnamese(&mut links, |t| t.name.as_str());
        let mut ctx = self.context(self.head("taxonomy", title, "", path));
        ctx.insert(
            "taxonomy",
            &TaxonomyView {
                kind: taxonomy.name(),
                title: title.to_string(),
                url: self.views.link(path),
                terms: links,
            },
        );
        Job {
            out: format!("{path}index.html"),
            kind: Kind::List,
            template: "taxonomy.html".into(),
            key: None,
            context: Box::new(move || ctx),
            source: None,
            template_line: 0,
        }
    }
}
