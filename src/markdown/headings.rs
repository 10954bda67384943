//! Heading ids: found for the whole page first (`outline`), then written into its headings.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use super::{options, Problems, Spanned};
use crate::model::Heading;
use crate::msg::{self, Advice};
use crate::text;

/// The headings of a page with unique ids from their Vietnamese text
/// (`## Kết quả khảo sát` → `ket-qua-khao-sat`; a repeat gets `-1`, `-2`…).
pub fn outline(body: &str) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut ids = UniqueIds::default();
    let mut current: Option<(u8, Option<String>, String)> = None;
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some((
                    level_number(level),
                    id.map(|i| i.to_string()),
                    String::new(),
                ));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, text)) = current.take() {
                    let wanted = explicit.unwrap_or_else(|| text::slugify(&text));
                    let wanted = if wanted.is_empty() {
                        "muc".to_string()
                    } else {
                        wanted
                    };
                    let id = ids.claim(wanted);
                    headings.push(Heading { level, id, text });
                }
            }
            _ => {}
        }
    }
    headings
}

/// The ids given so far on a page, and for each wanted id the next suffix to try: a page of
/// thousands of headings with the same text gets its ids in linear time, not by scanning every
/// id given for every suffix.
#[derive(Default)]
struct UniqueIds {
    taken: rustc_hash::FxHashSet<String>,
    next: rustc_hash::FxHashMap<String, usize>,
}

impl UniqueIds {
    /// `wanted` if free, else `wanted-1`, `wanted-2`… the first free one.
    fn claim(&mut self, wanted: String) -> String {
        if self.taken.insert(wanted.clone()) {
            return wanted;
        }
        let n = self.next.entry(wanted.clone()).or_insert(1);
        loop {
            let id = format!("{wanted}-{n}");
            *n += 1;
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Gives each heading, in order, the id [`outline`] found for it. `{#id}` is the only heading
/// attribute an author may set: a class, style or event handler (`{onfocus=… autofocus}`)
/// would restyle or script the page, so the others are dropped, with a warning.
pub(super) struct HeadingIds<'a, I> {
    events: I,
    ids: std::slice::Iter<'a, Heading>,
    problems: &'a Problems<'a>,
}

impl<'a, I> HeadingIds<'a, I> {
    pub fn new(events: I, headings: &'a [Heading], problems: &'a Problems<'a>) -> Self {
        HeadingIds {
            events,
            ids: headings.iter(),
            problems,
        }
    }
}

impl<'e, I: Iterator<Item = Spanned<'e>>> Iterator for HeadingIds<'_, I> {
    type Item = Spanned<'e>;

    fn next(&mut self) -> Option<Spanned<'e>> {
        let item = self.events.next();
        let Some((
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }),
            range,
        )) = item
        else {
            return item;
        };
        let dropped: Vec<String> = classes
            .iter()
            .map(|c| format!(".{c}"))
            .chain(attrs.iter().map(|(name, _)| name.to_string()))
            .collect();
        if !dropped.is_empty() {
            let advice = Advice::new(
                msg::heading_attributes_dropped(&dropped),
                msg::HINT_HEADING_ATTRIBUTES,
            );
            self.problems.warning(range.start, advice);
        }
        let heading = Tag::Heading {
            level,
            id: self.ids.next().map(|h| CowStr::from(h.id.clone())),
            classes: Vec::new(),
            attrs: Vec::new(),
        };
        Some((Event::Start(heading), range))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{body_of, events, page, placed};
    use super::*;

    #[test]
    fn heading_ids_come_from_vietnamese_text_and_stay_unique() {
        let h = outline(
            "## Kết quả khảo sát\n\n## Kết quả khảo sát\n\n### Mục tiêu {#muc-tieu-rieng}\n",
        );
        let ids: Vec<_> = h.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            ["ket-qua-khao-sat", "ket-qua-khao-sat-1", "muc-tieu-rieng"]
        );
        assert_eq!(h[2].level, 3);
        assert_eq!(h[0].text, "Kết quả khảo sát");
    }

    #[test]
    fn a_suffix_already_taken_by_an_explicit_id_is_skipped() {
        let h = outline("## A {#a-1}\n\n## A\n\n## A\n\n## A\n");
        let ids: Vec<_> = h.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["a-1", "a", "a-2", "a-3"]);
    }

    #[test]
    fn thousands_of_identical_headings_get_distinct_ids() {
        let body = "## Mục\n\n".repeat(20_000);
        let h = outline(&body);
        let ids: rustc_hash::FxHashSet<&str> = h.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids.len(), 20_000);
        assert_eq!(h[19_999].id, "muc-19999");
    }

    #[test]
    fn headings_get_their_outlined_ids_and_lose_every_other_attribute_with_a_warning() {
        let page = page("## Mục\n\n## Mục {.do style=x}\n");
        let problems = Problems::new(&page, body_of(&page));
        let headings: Vec<_> = HeadingIds::new(events(&page), &page.headings, &problems)
            .filter_map(|(e, _)| match e {
                Event::Start(Tag::Heading {
                    id, classes, attrs, ..
                }) => Some((id.map(|i| i.to_string()), classes.len() + attrs.len())),
                _ => None,
            })
            .collect();
        assert_eq!(
            headings,
            [(Some("muc".into()), 0), (Some("muc-1".into()), 0)]
        );
        assert_eq!(placed(problems), [(7, 1, false)]);
    }
}
