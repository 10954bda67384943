//! The search page (`/tim-kiem/`); its index is built by `crate::search`.

use super::{Job, Kind, Renderer};
use crate::msg;
use crate::search;
use crate::views::SearchView;

impl Renderer<'_> {
    pub(super) fn search_page(&self) -> Job<'_> {
        let head = self.head(
            "search",
            msg::SEARCH_TITLE,
            msg::SEARCH_DESCRIPTION,
            search::PAGE,
        );
        let mut ctx = self.context(head);
        ctx.insert(
            "search",
            &SearchView {
                index_url: self.views.link(search::MANIFEST),
                script_url: self.views.link(search::SCRIPT),
            },
        );
        Job {
            out: format!("{}index.html", search::PAGE),
            kind: Kind::Page,
            template: "tim-kiem.html".into(),
            key: None,
            context: Box::new(move || ctx),
            source: None,
            template_line: 0,
        }
    }
}
