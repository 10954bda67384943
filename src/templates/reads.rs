//! What each template may read, found in the templates' texts: the templates it names (for
//! its fingerprint), the build's clock, the articles' counts, the cards' parts, and whether
//! the `once/` parts can be put into its pages after they are rendered. Each answer may be
//! yes when it is no, never the other way: a yes only costs a page rendered again.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::parts::{is_card_part, is_once};

/// What the templates may read beside their context's values, by template name.
#[derive(Debug, Default)]
pub(super) struct Reads {
    /// Templates that may show the build's clock (`site.now`), themselves or through a
    /// template they name (extends, include, import).
    pub(super) now: BTreeSet<String>,
    /// Templates that may show an article count (see `Templates::reads_counts`).
    pub(super) counts: BTreeSet<String>,
    /// Templates whose pages show cards with their `card/` parts (see
    /// `Templates::render_card`), themselves or through a template they name.
    pub(super) parts: BTreeSet<String>,
    /// The `once/` parts may be put in after rendering (see `Templates::once_apart`).
    pub(super) once_apart: bool,
}

impl Reads {
    pub(super) fn of(texts: &BTreeMap<&str, &str>) -> Reads {
        let everyone = || texts.keys().map(|name| name.to_string());
        let mut now = reading("now", texts);
        // Every page shows the `once` parts, and any may show a card's parts.
        if now.iter().any(|name| is_once(name) || is_card_part(name)) {
            now.extend(everyone());
        }
        // The `once/` parts are left out: when they are put in apart, what they show is
        // not the page's; when they are not, every page's key covers the whole `site`.
        let pages: BTreeMap<&str, &str> = (texts.iter())
            .filter(|(name, _)| !is_once(name))
            .map(|(n, t)| (*n, *t))
            .collect();
        // `json_encode` may write a whole view, counts and all.
        let mut counts = reading("count", &pages);
        counts.extend(reading("total_items", &pages));
        counts.extend(reading("json_encode", &pages));
        if counts.iter().any(|name| is_card_part(name)) {
            counts.extend(everyone());
        }
        // Only the pages that may show them make the parts: editing `page.html`, which does
        // not, renders no card again, nor does a theme with its own `cards.html` without them.
        let others = (texts.iter()).filter(|(name, _)| !is_card_part(name));
        let parts = reading("parts", &others.map(|(n, t)| (*n, *t)).collect());
        Reads {
            now,
            counts,
            parts,
            once_apart: pages.values().all(|text| shows_once_as_is(text)),
        }
    }
}

/// Whether `text` (a template's, not a `once/` part's) shows the `once` parts only as they
/// are, `{{ once.NAME }}` or `{{ once["NAME"] }}`, and names no `once/` template: a mark put
/// where a part goes then stands where its HTML would, whatever the template is.
fn shows_once_as_is(text: &str) -> bool {
    if text.contains("\"once/") || text.contains("'once/") {
        return false;
    }
    text.match_indices("once").all(|(at, _)| {
        let before = text[..at].trim_end();
        let opened = before.ends_with("{{") || before.ends_with("{{-");
        let after = &text[at + "once".len()..];
        let name = match after.as_bytes().first() {
            Some(b'.') => {
                let name = &after[1..];
                let len = name
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(name.len());
                (len > 0).then(|| &name[len..])
            }
            Some(b'[') => {
                let quote = after[1..]
                    .chars()
                    .next()
                    .filter(|q| *q == '"' || *q == '\'');
                quote.and_then(|q| {
                    let inside = &after[2..];
                    let end = inside.find(q)?;
                    inside[end + 1..].strip_prefix(']')
                })
            }
            _ => None,
        };
        let closed = name.is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.starts_with("}}") || rest.starts_with("-}}")
        });
        opened && closed
    })
}

/// Hash of the template `name` and of every template it names, themselves or through others.
/// A template names another as a quoted string (`{% extends "base.html" %}`): Tera takes
/// only literal names. A quoted word that happens to be a template's name only adds it.
pub(super) fn fingerprint_of(
    name: &str,
    texts: &BTreeMap<&str, &str>,
    files: &BTreeMap<String, PathBuf>,
) -> crate::key::Hash {
    // Any page may show the `once` parts and the cards' parts: they are read with every
    // template.
    let mut closure = std::collections::BTreeSet::from([name]);
    closure.extend((texts.keys().copied()).filter(|n| is_once(n) || is_card_part(n)));
    let mut todo: Vec<&str> = closure.iter().copied().collect();
    while let Some(next) = todo.pop() {
        let text = texts.get(next).copied().unwrap_or_default();
        for other in texts.keys() {
            let named =
                text.contains(&format!("\"{other}\"")) || text.contains(&format!("'{other}'"));
            if named && closure.insert(other) {
                todo.push(other);
            }
        }
    }
    let mut h = crate::key::Hasher::new();
    for name in closure {
        let file = files
            .get(name)
            .map(|f| f.to_string_lossy())
            .unwrap_or_default();
        let text = texts.get(name).copied().unwrap_or_default();
        h.update(name.as_bytes()).update(b"\0");
        h.update(file.as_bytes()).update(b"\0");
        h.update(&(text.len() as u64).to_le_bytes())
            .update(text.as_bytes());
    }
    h.finalize()
}

/// The templates whose text has `word`, or that name (in quotes, as extends, include and
/// import do) a template that does, however deep. A word in a comment or text counts too:
/// the answer may be yes when it is no, never the other way.
fn reading(word: &str, texts: &BTreeMap<&str, &str>) -> std::collections::BTreeSet<String> {
    let mut found: std::collections::BTreeSet<String> = texts
        .iter()
        .filter(|(_, text)| text.contains(word))
        .map(|(name, _)| name.to_string())
        .collect();
    loop {
        let before = found.len();
        for (name, text) in texts {
            let names_one = found
                .iter()
                .any(|f| text.contains(&format!("\"{f}\"")) || text.contains(&format!("'{f}'")));
            if names_one {
                found.insert(name.to_string());
            }
        }
        if found.len() == before {
            return found;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_reads_the_clock_through_the_templates_it_names() {
        let texts = BTreeMap::from([
            ("trang.html", "{% extends \"khung.html\" %}"),
            ("khung.html", "{% include 'chan.html' %}"),
            ("chan.html", "<time>{{ site.now }}</time>"),
            ("khac.html", "{{ page.title }}"),
        ]);
        let found: Vec<String> = reading("now", &texts).into_iter().collect();
        assert_eq!(found, ["chan.html", "khung.html", "trang.html"]);
    }

    #[test]
    fn the_builtin_theme_shows_its_once_parts_as_they_are_and_its_articles_and_lists_no_count() {
        let builtin = super::super::Templates::new(&[]).unwrap();
        assert!(builtin.once_apart());
        for name in [
            "page.html",
            "section.html",
            "term.html",
            "404.html",
            "tim-kiem.html",
        ] {
            assert!(!builtin.reads_counts(name), "{name}");
        }
        for name in [
            "index.html",
            "taxonomy.html",
            "tien-do.html",
            "van-ban-list.html",
        ] {
            assert!(builtin.reads_counts(name), "{name}");
        }
    }

    #[test]
    fn once_parts_stand_apart_only_where_every_template_shows_them_as_they_are() {
        for text in [
            "{{ once.sidebar }}",
            "<div>{{once.head}}</div>{{- once.footer -}}",
            "{{ once[\"bang-tin\"] }} {{ once['chan'] }}",
            "{% block x %}{{ once.sidebar }}{% endblock x %}",
        ] {
            assert!(shows_once_as_is(text), "{text}");
        }
        for text in [
            "{{ once.sidebar | length }}",
            "{{ once.sidebar ~ \"x\" }}",
            "{% if once.sidebar %}x{% endif %}",
            "{% set o = once %}{{ o.sidebar }}",
            "{{ once }}",
            "{% include \"once/sidebar.html\" %}",
            "Done once.",
        ] {
            assert!(!shows_once_as_is(text), "{text}");
        }
    }

    #[test]
    fn counts_are_read_through_the_templates_named_and_any_card_part_makes_every_template_read_them(
    ) {
        let texts = BTreeMap::from([
            (
                "trang.html",
                "{% extends \"khung.html\" %}{{ once.sidebar }}",
            ),
            ("khung.html", "{{ page.title }}"),
            ("danh-sach.html", "{% include 'so.html' %}"),
            ("so.html", "{{ paginator.total_items }}"),
            ("chu-de.html", "{{ term.count }}"),
            ("json.html", "{{ page | json_encode }}"),
            ("once/sidebar.html", "{{ site.topics[0].count }}"),
        ]);
        let reads = Reads::of(&texts);
        let counts: Vec<&str> = reads.counts.iter().map(String::as_str).collect();
        assert_eq!(
            counts,
            ["chu-de.html", "danh-sach.html", "json.html", "so.html"]
        );
        assert!(reads.once_apart);
        let mut with_card = texts.clone();
        with_card.insert("card/the.html", "{{ article.topics[0].count }}");
        assert_eq!(Reads::of(&with_card).counts.len(), with_card.len());
        with_card.insert("khac.html", "{{ once.sidebar | safe }}");
        assert!(!Reads::of(&with_card).once_apart);
    }
}
