//! The search page (`/tim-kiem/`) and the index files its script reads.

use super::{Job, Outputs, Renderer};
use crate::msg;
use crate::search;
use crate::views::SearchView;

impl Renderer<'_> {
    pub(super) fn search_page(&self) -> Job {
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
            template: "tim-kiem.html".into(),
            context: ctx,
            source: None,
            template_line: 0,
        }
    }

    pub(super) fn search_index(&self, outputs: &mut Outputs) {
        outputs.extend(search::index_files(self.site));
    }
}
