//! Templates rendered apart from the pages that show them, so that what many pages show is
//! made once: the `once/` parts, once per build with `site`, and the `card/` parts, once per
//! article with `site` and its card (an article's card is on four or five list pages).

use std::path::Path;

use tera::{Context, Value};

use super::Templates;
use crate::diag::Diagnostic;
use crate::msg;

/// Where the templates rendered once for all pages are (see [`Templates::render_once`]).
const ONCE: &str = "once/";

/// Where the templates rendered once for each card are (see [`Templates::render_card`]).
const CARD: &str = "card/";

/// A part made once: an HTML template under `once/`. Only those: Tera escapes what a template
/// writes only when its name ends in `.html` (or `.htm`, `.xml`), and a part is written into
/// every page as it is. Any other file there is an ordinary template a part may include.
pub(super) fn is_once(name: &str) -> bool {
    key_of(name, ONCE).is_some()
}

/// A part made for each card: an HTML template under `card/`, for the same reason.
pub(super) fn is_card_part(name: &str) -> bool {
    key_of(name, CARD).is_some()
}

/// What a part is known by where it is shown: `once/footer.html` is `once.footer`.
fn key_of<'n>(name: &'n str, folder: &str) -> Option<&'n str> {
    name.strip_prefix(folder)?.strip_suffix(".html")
}

impl Templates {
    /// The `once/` templates rendered with `site` alone, for every page to show as `once`:
    /// `once/sidebar.html` becomes `once.sidebar`, written as it is (not escaped again). The
    /// sidebar and the footer are the same on every page; rendered for each, they were 3 %
    /// of a clean build. A part that fails is reported once and shows nothing.
    pub fn render_once(&self, site: &Value) -> (Value, Vec<Diagnostic>) {
        let mut context = Context::new();
        context.insert_value("site", site.clone());
        self.render_parts(ONCE, &context, None, msg::HINT_ONCE_TEMPLATE)
    }

    /// [`Templates::render_once`]'s parts as (key, HTML), for pages that show them apart
    /// (`crate::output::Once`).
    pub fn render_once_parts(&self, site: &Value) -> (Vec<(String, String)>, Vec<Diagnostic>) {
        let (once, problems) = self.render_once(site);
        let mut parts: Vec<(String, String)> = (once.as_map().into_iter().flatten())
            .filter_map(|(key, part)| Some((key.as_str()?.to_string(), part.as_str()?.to_string())))
            .collect();
        // In the same order at every build: the marks number them.
        parts.sort_unstable();
        (parts, problems)
    }

    /// `once` for the templates: each part's HTML (or what stands for it) by key, marked safe.
    pub fn parts_value<'k>(parts: impl Iterator<Item = (&'k str, String)>) -> Value {
        let map: tera::Map = (parts)
            .map(|(key, html)| (key.to_string().into(), Value::safe_string(&html)))
            .collect();
        Value::from(map)
    }

    /// What every card's `card/` parts read of the templates, and whether they may show the
    /// build's clock and the articles' counts: with what a card shows of its page and of
    /// `site`, all they are made from (`serve` keeps the parts it made, by that key).
    pub fn card_parts_read(&self) -> (crate::key::Hash, bool, bool) {
        let mut h = crate::key::Hasher::new();
        let (mut now, mut counts) = (false, false);
        for name in self.names().filter(|name| is_card_part(name)) {
            h.update(name.as_bytes()).update(b"\0");
            h.update(self.fingerprint_of(name).as_bytes());
            now |= self.reads_now(name);
            counts |= self.reads_counts(name);
        }
        (h.finalize(), now, counts)
    }

    /// Whether the cards of pages rendered with `template` carry their `card/` parts: the
    /// theme has some, and `template` or a template it names has the word `parts` (the
    /// answer may be yes when it shows none, never the other way). Otherwise its cards are
    /// shown as they are.
    pub fn shows_card_parts(&self, template: &str) -> bool {
        self.reads.parts.contains(template)
    }

    /// The `card/` templates rendered with `site` and `article` (one page's card), for its
    /// card to carry as `parts`: `card/card.html` becomes `article.parts.card`, written as it
    /// is. A list page shows twenty cards and each card is on four or five lists: rendered
    /// where they are shown, cards were a fifth of the templates' time. `page` is the content
    /// file named in a problem; a part that fails shows nothing.
    pub fn render_card(
        &self,
        site: &Value,
        article: &Value,
        page: &Path,
    ) -> (Value, Vec<Diagnostic>) {
        let mut context = Context::new();
        context.insert_value("site", site.clone());
        context.insert_value("article", article.clone());
        self.render_parts(CARD, &context, Some(page), msg::HINT_CARD_TEMPLATE)
    }

    /// Every part under `folder` rendered with `context`, by key, marked safe.
    fn render_parts(
        &self,
        folder: &str,
        context: &Context,
        page: Option<&Path>,
        hint: &str,
    ) -> (Value, Vec<Diagnostic>) {
        let mut parts = tera::Map::new();
        let mut problems = Vec::new();
        for name in self.names() {
            let Some(key) = key_of(name, folder) else {
                continue;
            };
            let part = self.render_part(name, context, page).unwrap_or_else(|d| {
                problems.push(d.with_hint(hint));
                Value::safe_string("")
            });
            parts.insert(key.to_string().into(), part);
        }
        (Value::from(parts), problems)
    }

    /// One part rendered, marked safe. Into bytes checked with SIMD, not through Tera's
    /// `render`, whose check of its `String` was a third of the time of a card's part.
    fn render_part(
        &self,
        name: &str,
        context: &Context,
        page: Option<&Path>,
    ) -> Result<Value, Diagnostic> {
        let out = self.render_into(name, context, page, 2048)?;
        // Tera writes only whole texts; the check is for the compiler's sake.
        let text = simdutf8::basic::from_utf8(&out).map_err(|_| {
            let file = (self.files.get(name).cloned()).unwrap_or_else(|| name.into());
            Diagnostic::error(file, 0, 0, msg::template_error("UTF-8"))
        })?;
        Ok(Value::safe_string(text))
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::load::TemplateFile;

    fn file(name: &str, text: &str) -> TemplateFile {
        TemplateFile {
            name: name.into(),
            display: format!("themes/x/templates/{name}").into(),
            text: text.into(),
        }
    }

    /// The built-in parts read a whole site's `site` and a whole card; these tests give a
    /// few fields only.
    fn without_builtin_parts(mut files: Vec<TemplateFile>) -> Vec<TemplateFile> {
        for name in [
            "once/head.html",
            "once/sidebar.html",
            "once/footer.html",
            "card/card.html",
        ] {
            files.push(file(name, ""));
        }
        files
    }

    fn once(name: &str, text: &str) -> TemplateFile {
        file(&format!("once/{name}"), text)
    }

    #[test]
    fn once_parts_are_rendered_with_the_site_and_written_as_they_are() {
        let templates = Templates::new(&without_builtin_parts(vec![
            once("chan.html", "<p>{{ site.title }}: {{ site.n }}</p>"),
            once("bang-tin.html", "<b>{{ site.n }}</b>"),
            TemplateFile {
                name: "t.html".into(),
                display: "themes/x/templates/t.html".into(),
                text: "{{ once.chan }}|{{ once.footer | length }}|{{ once[\"bang-tin\"] }}".into(),
            },
        ]))
        .unwrap();
        let site =
            Value::from_serializable(&serde_json::json!({ "title": "Sở <Tư pháp> & dân", "n": 3 }));
        let (once, problems) = templates.render_once(&site);
        assert!(problems.is_empty(), "{problems:?}");
        let part = once.as_map().unwrap().get(&"chan".into()).unwrap();
        assert_eq!(
            part.as_str(),
            Some("<p>Sở &lt;Tư pháp&gt; &amp; dân: 3</p>")
        );
        let mut ctx = Context::new();
        ctx.insert_value("once", once);
        // Escaped once, when the part was made; not again where a page shows it.
        let page = templates.render("t.html", &ctx, None).unwrap();
        assert_eq!(page, "<p>Sở &lt;Tư pháp&gt; &amp; dân: 3</p>|0|<b>3</b>");
    }

    #[test]
    fn only_html_under_once_is_a_part_so_what_a_part_writes_is_always_escaped() {
        let templates = Templates::new(&without_builtin_parts(vec![
            once("tho.txt", "{{ site.title }}"),
            once("chan.html", "{{ site.title }}"),
        ]))
        .unwrap();
        let site = Value::from_serializable(&serde_json::json!({ "title": "<b>x</b>" }));
        let (once, problems) = templates.render_once(&site);
        assert!(problems.is_empty(), "{problems:?}");
        let parts = once.as_map().unwrap();
        // A text template writes what it is given unescaped: it is no part.
        assert!(parts.get(&"tho.txt".into()).is_none() && parts.get(&"tho".into()).is_none());
        assert_eq!(parts.len(), 4, "chan, head, sidebar, footer");
        let chan = parts.get(&"chan".into()).unwrap();
        assert_eq!(chan.as_str(), Some("&lt;b&gt;x&lt;/b&gt;"));
    }

    #[test]
    fn a_once_part_that_reads_a_page_is_reported_once_and_shows_nothing() {
        let templates = Templates::new(&without_builtin_parts(vec![once(
            "le.html",
            "<p>\n{{ page.title }}</p>",
        )]))
        .unwrap();
        let site = Value::from_serializable(&serde_json::json!({ "title": "x" }));
        let (once, problems) = templates.render_once(&site);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let d = &problems[0];
        assert_eq!(d.path, PathBuf::from("themes/x/templates/once/le.html"));
        assert_eq!((d.line, d.col), (2, 4));
        assert_eq!(d.hint.as_deref(), Some(msg::HINT_ONCE_TEMPLATE));
        let part = once.as_map().unwrap().get(&"le".into()).unwrap();
        assert_eq!(part.as_str(), Some(""));
    }

    #[test]
    fn a_once_part_showing_the_clock_makes_every_page_show_it() {
        let plain = Templates::new(&[]).unwrap();
        assert!(!plain.reads_now("page.html"));
        let dated = Templates::new(&[once("ngay.html", "{{ site.now }}")]).unwrap();
        for name in ["page.html", "section.html", "404.html"] {
            assert!(dated.reads_now(name), "{name}");
        }
    }

    fn values() -> (Value, Value) {
        let site = Value::from_serializable(&serde_json::json!({ "title": "Sở Tư pháp" }));
        let article = Value::from_serializable(&serde_json::json!({ "title": "A <b> & c" }));
        (site, article)
    }

    #[test]
    fn card_parts_are_rendered_with_the_site_and_the_card_and_written_as_they_are() {
        let templates = Templates::new(&without_builtin_parts(vec![
            file(
                "card/the.html",
                "<h2>{{ article.title }}</h2>{{ site.title }}",
            ),
            file("card/ghi-chu.txt", "{{ article.title }}"),
            file(
                "t.html",
                "{{ article.parts.the }}|{{ article.parts.card | length }}",
            ),
        ]))
        .unwrap();
        assert!(templates.shows_card_parts("t.html"));
        let (site, article) = values();
        let (parts, problems) = templates.render_card(&site, &article, Path::new("bai.md"));
        assert!(problems.is_empty(), "{problems:?}");
        let parts = parts.as_map().unwrap();
        // Only HTML templates are parts (a text template writes what it gets unescaped).
        assert_eq!(parts.len(), 2, "the, card");
        let the = parts.get(&"the".into()).unwrap();
        assert_eq!(the.as_str(), Some("<h2>A &lt;b&gt; &amp; c</h2>Sở Tư pháp"));
        // Escaped once, when the part was made; not again where a list shows it.
        let mut card = article.into_map().unwrap();
        card.insert("parts".into(), Value::from(parts.clone()));
        let mut ctx = Context::new();
        ctx.insert_value("article", Value::from(card));
        let shown = templates.render("t.html", &ctx, None).unwrap();
        assert_eq!(shown, "<h2>A &lt;b&gt; &amp; c</h2>Sở Tư pháp|0");
    }

    #[test]
    fn a_card_part_that_fails_is_reported_at_its_line_for_its_page_and_shows_nothing() {
        let templates = Templates::new(&without_builtin_parts(vec![
            file("card/le.html", "<p>\n{{ page.title }}</p>"),
            file("cards.html", "{{ article.parts.le }}"),
        ]))
        .unwrap();
        let (site, article) = values();
        let page = Path::new("content/tin-tuc/bai.md");
        let (parts, problems) = templates.render_card(&site, &article, page);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let d = &problems[0];
        assert_eq!(d.path, PathBuf::from("themes/x/templates/card/le.html"));
        assert_eq!((d.line, d.col), (2, 4));
        assert!(d.message.contains("tin-tuc/bai.md"), "{}", d.message);
        assert_eq!(d.hint.as_deref(), Some(msg::HINT_CARD_TEMPLATE));
        let part = parts.as_map().unwrap().get(&"le".into()).unwrap();
        assert_eq!(part.as_str(), Some(""));
    }

    #[test]
    fn cards_carry_parts_only_on_pages_whose_templates_may_show_them() {
        let cards = |text: &str| {
            let over = [file("cards.html", text), file("card/card.html", "x")];
            Templates::new(&over).unwrap().shows_card_parts("term.html")
        };
        assert!(cards(
            "{% for a in articles %}{{ a.parts.card }}{% endfor %}"
        ));
        assert!(cards(
            "{% for a in articles %}{{ a[\"parts\"].card }}{% endfor %}"
        ));
        assert!(!cards("{% for a in articles %}{{ a.title }}{% endfor %}"));
        // The built-in theme shows them on lists, through `cards.html`, not on articles.
        let builtin = Templates::new(&[]).unwrap();
        for (name, shows) in [
            ("term.html", true),
            ("section.html", true),
            ("page.html", false),
        ] {
            assert_eq!(builtin.shows_card_parts(name), shows, "{name}");
        }
    }

    #[test]
    fn a_card_part_is_read_with_every_template_and_its_clock_with_theirs() {
        let plain = Templates::new(&[]).unwrap();
        let edited = Templates::new(&[file("card/card.html", "{{ article.url }}")]).unwrap();
        for name in ["page.html", "term.html", "index.html"] {
            assert_ne!(
                plain.fingerprint_of(name),
                edited.fingerprint_of(name),
                "{name}"
            );
        }
        assert!(!plain.reads_now("term.html"));
        let dated = Templates::new(&[file("card/ngay.html", "{{ site.now }}")]).unwrap();
        for name in ["page.html", "term.html", "404.html"] {
            assert!(dated.reads_now(name), "{name}");
        }
    }
}
