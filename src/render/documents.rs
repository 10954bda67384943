//! The pages of the legal documents: `van-ban/` lists them all, `van-ban/<slug>/` shows one
//! with the articles citing it.

use super::{Job, Renderer};
use crate::citations::DOCUMENTS_PATH;
use crate::msg;
use crate::views::{ArticleCard, DocumentView};

impl Renderer<'_> {
    /// No table, or an empty one: no pages.
    pub(super) fn documents(&self) -> Vec<Job> {
        let documents = &self.site.documents;
        if documents.is_empty() {
            return Vec::new();
        }
        let views: Vec<DocumentView> = documents.iter().map(|c| self.views.document(c)).collect();
        let mut jobs = Vec::with_capacity(documents.len() + 1);
        for (cited, view) in documents.iter().zip(&views) {
            let head = self.head(
                "document",
                &view.number,
                &view.title,
                &cited.document.path(),
            );
            let mut ctx = self.context(head);
            let articles: Vec<&ArticleCard> = cited.pages.iter().map(|&i| &self.cards[i]).collect();
            ctx.insert("document", view);
            ctx.insert("articles", &articles);
            jobs.push(Job {
                out: format!("{}index.html", cited.document.path()),
                template: "van-ban.html".into(),
                context: ctx,
                source: None,
                template_line: 0,
            });
        }
        let mut ctx =
            self.context(self.head("documents", msg::DOCUMENTS_TITLE, "", DOCUMENTS_PATH));
        ctx.insert("documents", &views);
        jobs.push(Job {
            out: format!("{DOCUMENTS_PATH}index.html"),
            template: "van-ban-list.html".into(),
            context: ctx,
            source: None,
            template_line: 0,
        });
        jobs
    }
}
