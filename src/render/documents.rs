//! The pages of the legal documents: `van-ban/` lists them all, `van-ban/<slug>/` shows one
//! with the articles citing it.

use super::lists::{list_page, page_url, Position};
use super::{Job, Kind, Renderer};
use crate::citations::{Cited, DOCUMENTS_PATH};
use crate::msg;
use crate::views::DocumentView;

/// The template of a document's pages.
const TEMPLATE: &str = "van-ban.html";

impl Renderer<'_> {
    /// No table, or an empty one: no pages.
    pub(super) fn documents(&self) -> Vec<Job<'_>> {
        let documents = &self.site.documents;
        if documents.is_empty() {
            return Vec::new();
        }
        let views: Vec<DocumentView> = documents.iter().map(|c| self.views.document(c)).collect();
        let mut jobs = Vec::with_capacity(documents.len() + 1);
        for (cited, view) in documents.iter().zip(&views) {
            jobs.extend(self.document_pages(cited, view));
        }
        let mut ctx =
            self.context(self.head("documents", msg::DOCUMENTS_TITLE, "", DOCUMENTS_PATH));
        ctx.insert("documents", &views);
        jobs.push(Job {
            out: format!("{DOCUMENTS_PATH}index.html"),
            kind: Kind::List,
            template: "van-ban-list.html".into(),
            key: None,
            context: Box::new(move || ctx),
            source: None,
            template_line: 0,
        });
        jobs
    }

    /// A document's page, split like a topic's list (`…/trang/2/`, `paginate` articles a page):
    /// a document every article cites must not make one page of ten thousand cards.
    fn document_pages(&self, cited: &Cited, view: &DocumentView) -> Vec<Job<'_>> {
        let path = cited.document.path();
        let per_page = self.site.config.paginate.max(1);
        let total_pages = cited.pages.len().div_ceil(per_page).max(1);
        let parts = self.templates.shows_card_parts(TEMPLATE);
        (1..=total_pages)
            .map(|n| {
                let title = match n {
                    1 => view.number.clone(),
                    _ => msg::page_title(&view.number, n),
                };
                let url = page_url(&path, n);
                let mut ctx = self.context(self.head("document", &title, &view.title, &url));
                let articles = self.cards(
                    cited
                        .pages
                        .iter()
                        .skip((n - 1) * per_page)
                        .take(per_page)
                        .copied(),
                    parts,
                );
                let at = Position {
                    n,
                    total_pages,
                    per_page,
                    total_items: cited.pages.len(),
                };
                ctx.insert("document", view);
                ctx.insert_value("articles", articles);
                ctx.insert("paginator", &self.paginator(&path, at));
                Job {
                    out: format!("{url}index.html"),
                    kind: list_page(n),
                    template: TEMPLATE.into(),
                    key: None,
                    context: Box::new(move || ctx),
                    source: None,
                    template_line: 0,
                }
            })
            .collect()
    }
}
