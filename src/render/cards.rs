//! The cards of the site's pages, as lists, related articles and the pages themselves show
//! them: each made once per build, as a template value, with its `card/` parts rendered.

use tera::Value;

use super::Renderer;
use crate::diag::Diagnostic;
use crate::views::ArticleCard;

impl Renderer<'_> {
    /// The card of `pages[index]`, as lists and the page itself show it.
    pub(crate) fn card(&self, index: usize) -> &ArticleCard {
        self.cards[index].get_or_init(|| self.views.card(&self.site.pages[index]))
    }

    /// The cards of `pages`, for a list's context, with their parts if `parts` (the page's
    /// template shows them): each card is turned into a template value once, and lists
    /// share it (a value's maps are reference-counted).
    pub(crate) fn cards(&self, pages: impl IntoIterator<Item = usize>, parts: bool) -> Value {
        let values: Vec<Value> = (pages.into_iter())
            .map(|i| self.card_value(i, parts))
            .collect();
        Value::from(values)
    }

    /// The card of `pages[index]` as a template value, made once; with its `card/` parts
    /// when `parts` (made once too, apart: pages that show none, such as the built-in
    /// `page.html`, do not pay for them when only they are rendered again).
    pub(crate) fn card_value(&self, index: usize, parts: bool) -> Value {
        let plain = || Value::from_serializable(self.card(index));
        let plain = || self.card_values[index].get_or_init(plain).clone();
        match parts {
            false => plain(),
            true => (self.card_part_values[index])
                .get_or_init(|| self.with_parts(index, plain()))
                .clone(),
        }
    }

    /// The card's value with its `card/` parts as `parts`.
    fn with_parts(&self, index: usize, plain: Value) -> Value {
        let page = &self.site.pages[index].page.display;
        let (parts, problems) = self
            .templates
            .render_card(&self.shared.site_value, &plain, page);
        if !problems.is_empty() {
            let mut all = (self.card_problems.lock()).unwrap_or_else(|e| e.into_inner());
            all.extend(problems.into_iter().map(|d| (index, d)));
        }
        let mut card = plain.into_map().unwrap_or_default();
        card.insert("parts".into(), parts);
        Value::from(card)
    }

    /// Why cards' parts could not be rendered, each place in the templates once (a part that
    /// fails for one card usually fails for all), for the first page it failed for.
    pub(crate) fn take_card_problems(&self) -> Vec<Diagnostic> {
        let mut all =
            std::mem::take(&mut *(self.card_problems.lock()).unwrap_or_else(|e| e.into_inner()));
        all.sort_by_key(|(index, _)| *index);
        let mut seen = std::collections::HashSet::new();
        all.into_iter()
            .filter(|(_, d)| seen.insert((d.path.clone(), d.line, d.col)))
            .map(|(_, d)| d)
            .collect()
    }

    /// The first of [`Renderer::take_card_problems`], for pages rendered alone, which stop
    /// at their first problem as any page's error does there.
    pub(crate) fn card_problem(&self) -> Result<(), Diagnostic> {
        match self.take_card_problems().into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(()),
        }
    }
}
