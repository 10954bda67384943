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

    /// The key a card's parts are kept by: what they are made from.
    fn card_key(&self, index: usize) -> crate::key::Hash {
        (crate::key::Key::new("card"))
            .hash(&self.shared.cards)
            .hash(&self.site.pages[index].card)
            .finish()
    }

    /// The cards' parts this build rendered, by key, for `serve` to keep: none if a part
    /// could not be rendered (the build then fails; what it made is not kept).
    pub(super) fn cards_to_keep(&self) -> Vec<(crate::key::Hash, Value)> {
        if !self.pack || self.card_failed.load(std::sync::atomic::Ordering::Relaxed) {
            return Vec::new();
        }
        (self.parts_made.iter().enumerate())
            .filter_map(|(i, made)| Some((self.card_key(i), made.get()?.clone())))
            .collect()
    }

    /// The keys of every page's card, as [`Renderer::card_key`] makes them.
    pub(super) fn card_keys(&self) -> rustc_hash::FxHashSet<crate::key::Hash> {
        (0..self.site.pages.len())
            .map(|i| self.card_key(i))
            .collect()
    }

    /// The card's value with its `card/` parts as `parts`: those `serve`'s last build made
    /// when the card's key is the same (after an article leaves, the list pages behind it in
    /// its lists show the same cards moved by one place), else rendered.
    fn with_parts(&self, index: usize, plain: Value) -> Value {
        let kept = self.previous.cards.get(&self.card_key(index));
        let parts = match kept {
            Some(parts) => parts.clone(),
            None => self.render_parts(index, &plain),
        };
        let mut card = plain.into_map().unwrap_or_default();
        card.insert("parts".into(), parts);
        Value::from(card)
    }

    /// The card's `card/` parts rendered, for this build's card of `pages[index]`.
    fn render_parts(&self, index: usize, plain: &Value) -> Value {
        let page = &self.site.pages[index].page.display;
        let (parts, problems) = self
            .templates
            .render_card(&self.shared.site_value, plain, page);
        if !problems.is_empty() {
            (self.card_failed).store(true, std::sync::atomic::Ordering::Relaxed);
            let mut all = (self.card_problems.lock()).unwrap_or_else(|e| e.into_inner());
            all.extend(problems.into_iter().map(|d| (index, d)));
        }
        self.parts_made[index].get_or_init(|| parts.clone());
        parts
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    use crate::fixtures::{write, ONE_TOPIC_CONFIG};
    use crate::pipeline::cache::Cache;
    use crate::Destination;

    /// An article of the one topic, dated `day` August 2025, unpublished if `draft`.
    fn article(root: &Path, n: usize, draft: bool) {
        let draft = if draft { "draft: true\n" } else { "" };
        let text = format!(
            "---\ntitle: \"Bài {n}\"\ndate: 2025-08-{:02}\ntopics: [nghi-dinh-118]\n{draft}---\nMở đầu {n}.\n",
            n % 28 + 1
        );
        write(root, &format!("content/tin-tuc/bai-{n}.md"), &text);
    }

    /// Files by path, as a reader gets them.
    type Files = BTreeMap<String, Vec<u8>>;

    /// Every file as a reader gets it.
    fn files(built: &crate::pipeline::Built) -> Files {
        (built.outputs.iter())
            .filter(|(path, _)| !crate::search::is_index_file(path))
            .map(|(path, o)| {
                let bytes = o.clone().unpacked().bytes().map(|b| b.to_vec());
                (path.clone(), bytes.unwrap_or_default())
            })
            .collect()
    }

    /// The two builds' files are the same; else the first that differs, as text.
    fn assert_same(after: &Files, clean: &Files) {
        let paths = |files: &Files| files.keys().cloned().collect::<Vec<_>>();
        assert_eq!(paths(after), paths(clean));
        if let Some((path, bytes)) = after.iter().find(|(path, bytes)| clean[*path] != **bytes) {
            let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
            assert_eq!(text(bytes), text(&clean[path]), "{path}");
        }
    }

    /// A site of 45 articles of one topic (five pages of the section's and the topic's
    /// lists), built as `serve` builds it, then again with one article unpublished: that
    /// build's files, a clean build's, and how many cards' parts it rendered. `template` is a
    /// template of the theme (name, text), when it has one.
    fn unpublished(template: Option<(&str, &str)>) -> (Files, Files, usize) {
        let theme = if template.is_some() {
            "theme: rieng\n"
        } else {
            ""
        };
        let (_dir, root, mut options) =
            crate::fixtures::site(&format!("{ONE_TOPIC_CONFIG}{theme}"));
        if let Some((name, text)) = template {
            write(&root, &format!("themes/rieng/templates/{name}"), text);
        }
        for n in 0..45 {
            article(&root, n, false);
        }
        options.now = Some("2026-01-01 08:00".into());
        let mut cache = Cache::default();
        cache.track_changes();
        let before = crate::build(&options, &mut cache, Destination::Preview).unwrap();
        article(&root, 27, true);
        cache.changed([root.join("content/tin-tuc/bai-27.md")]);
        let after = crate::build(&options, &mut cache, Destination::Preview).unwrap();
        let clean = crate::build(&options, &mut Cache::default(), Destination::Preview).unwrap();
        let page_two = "chu-de/nghi-dinh-118/trang/2/index.html";
        assert_ne!(
            files(&before)[page_two],
            files(&after)[page_two],
            "the lists moved"
        );
        (files(&after), files(&clean), cache.rendered.cards_made)
    }

    #[test]
    fn the_list_pages_an_article_leaves_take_the_cards_parts_the_last_build_made() {
        let (after, clean, made) = unpublished(None);
        assert_same(&after, &clean);
        // The section's and the topic's pages show 44 cards each.
        assert!(made < 20, "{made} cards' parts rendered");
    }

    #[test]
    fn cards_parts_that_show_counts_are_rendered_with_the_counts_as_they_are() {
        let card = "<article class=\"card\"><p class=\"n\">{% for t in article.topics %}{{ t.count }}{% endfor %}</p>{{ article.title }}</article>";
        let (after, clean, made) = unpublished(Some(("card/card.html", card)));
        assert_same(&after, &clean);
        let page = String::from_utf8(after["chu-de/nghi-dinh-118/index.html"].clone()).unwrap();
        assert_eq!(page.matches("<p class=\"n\">44</p>").count(), 10, "{page}");
        assert!(made >= 44, "{made} cards' parts rendered");
    }
}
