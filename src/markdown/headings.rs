//! Heading ids: each heading's id made from its text (or the `{#id}` its author wrote) as the
//! page's events pass, unique on the page, and the page's headings listed as they come, for
//! its table of contents and the links to them. One pass: the page's Markdown is parsed once.

use std::collections::VecDeque;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{Problems, Spanned};
use crate::model::Heading;
use crate::msg::{self, Advice};
use crate::text;

/// Gives each heading a unique id from its Vietnamese text (`## Kết quả khảo sát` →
/// `ket-qua-khao-sat`; a repeat gets `-1`, `-2`…) or the one its author wrote, and lists the
/// headings in `headings`. `{#id}` is the only heading attribute an author may set: a class,
/// style or event handler (`{onfocus=… autofocus}`) would restyle or script the page, so the
/// others are dropped, with a warning. The first adapter: the heading's text is read from the
/// events as Markdown gives them.
pub(super) struct HeadingIds<'a, 'e, I> {
    events: I,
    /// The events of a heading after its start, held until its end gives its text.
    held: VecDeque<Spanned<'e>>,
    ids: UniqueIds,
    headings: &'a mut Vec<Heading>,
    problems: &'a Problems<'a>,
}

impl<'a, 'e, I> HeadingIds<'a, 'e, I> {
    pub fn new(events: I, headings: &'a mut Vec<Heading>, problems: &'a Problems<'a>) -> Self {
        HeadingIds {
            events,
            held: VecDeque::new(),
            ids: UniqueIds::default(),
            headings,
            problems,
        }
    }
}

impl<'e, I: Iterator<Item = Spanned<'e>>> Iterator for HeadingIds<'_, 'e, I> {
    type Item = Spanned<'e>;

    fn next(&mut self) -> Option<Spanned<'e>> {
        if let Some(held) = self.held.pop_front() {
            return Some(held);
        }
        let item = self.events.next();
        let Some((
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
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
        let mut text = String::new();
        for event in self.events.by_ref() {
            let end = matches!(event.0, Event::End(TagEnd::Heading(_)));
            if let Event::Text(t) | Event::Code(t) = &event.0 {
                text.push_str(t);
            }
            self.held.push_back(event);
            if end {
                break;
            }
        }
        let wanted = id.map_or_else(|| text::slugify(&text), |id| id.to_string());
        let wanted = if wanted.is_empty() {
            "muc".to_string()
        } else {
            wanted
        };
        let id = self.ids.claim(wanted);
        self.headings.push(Heading {
            level: level as u8,
            id: id.clone(),
            text,
        });
        let heading = Tag::Heading {
            level,
            id: Some(CowStr::from(id)),
            classes: Vec::new(),
            attrs: Vec::new(),
        };
        Some((Event::Start(heading), range))
    }
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

#[cfg(test)]
mod tests {
    use super::super::testing::{body_of, events, page, placed};
    use super::*;

    /// The page's headings, its heading tags' ids and how many attributes each kept, and
    /// where the problems are.
    #[allow(clippy::type_complexity)]
    fn outline(
        body: &str,
    ) -> (
        Vec<Heading>,
        Vec<(Option<String>, usize)>,
        Vec<(usize, usize, bool)>,
    ) {
        let page = page(body);
        let problems = Problems::new(&page, body_of(&page));
        let mut headings = Vec::new();
        let tags = HeadingIds::new(events(&page), &mut headings, &problems)
            .filter_map(|(e, _)| match e {
                Event::Start(Tag::Heading {
                    id, classes, attrs, ..
                }) => Some((id.map(|i| i.to_string()), classes.len() + attrs.len())),
                _ => None,
            })
            .collect();
        (headings, tags, placed(problems))
    }

    fn ids(body: &str) -> Vec<String> {
        outline(body).0.into_iter().map(|h| h.id).collect()
    }

    #[test]
    fn heading_ids_come_from_vietnamese_text_and_stay_unique() {
        let (h, tags, _) = outline(
            "## Kết quả khảo sát\n\n## Kết quả khảo sát\n\n### Mục tiêu {#muc-tieu-rieng}\n",
        );
        let ids: Vec<_> = h.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            ["ket-qua-khao-sat", "ket-qua-khao-sat-1", "muc-tieu-rieng"]
        );
        assert_eq!(h[2].level, 3);
        assert_eq!(h[0].text, "Kết quả khảo sát");
        let tagged: Vec<_> = tags.iter().map(|(id, _)| id.as_deref()).collect();
        assert_eq!(tagged, ids.iter().map(|i| Some(*i)).collect::<Vec<_>>());
    }

    #[test]
    fn a_headings_text_is_all_its_text_code_and_image_descriptions_included() {
        let (h, _, _) = outline("## Điều `5` và [luật](a.md) ![bản đồ](b.jpg)\n\n## ![](c.jpg)\n");
        assert_eq!(h[0].text, "Điều 5 và luật bản đồ");
        assert_eq!(h[0].id, "dieu-5-va-luat-ban-do");
        assert_eq!(h[1].id, "muc");
    }

    #[test]
    fn a_suffix_already_taken_by_an_explicit_id_is_skipped() {
        assert_eq!(
            ids("## A {#a-1}\n\n## A\n\n## A\n\n## A\n"),
            ["a-1", "a", "a-2", "a-3"]
        );
    }

    #[test]
    fn thousands_of_identical_headings_get_distinct_ids() {
        let ids = ids(&"## Mục\n\n".repeat(20_000));
        let distinct: rustc_hash::FxHashSet<&str> = ids.iter().map(|i| i.as_str()).collect();
        assert_eq!(distinct.len(), 20_000);
        assert_eq!(ids[19_999], "muc-19999");
    }

    #[test]
    fn headings_get_their_ids_and_lose_every_other_attribute_with_a_warning() {
        let (_, tags, problems) = outline("## Mục\n\n## Mục {.do style=x}\n");
        assert_eq!(tags, [(Some("muc".into()), 0), (Some("muc-1".into()), 0)]);
        assert_eq!(problems, [(7, 1, false)]);
    }

    #[test]
    fn the_events_of_a_heading_pass_in_order_after_its_start() {
        let page = page("Trước\n\n## A *b*\n\nSau\n");
        let problems = Problems::new(&page, body_of(&page));
        let mut headings = Vec::new();
        let passed: Vec<_> = HeadingIds::new(events(&page), &mut headings, &problems)
            .map(|(e, range)| (format!("{e:?}").chars().take(12).collect::<String>(), range))
            .collect();
        let plain: Vec<_> = events(&page)
            .map(|(e, range)| (format!("{e:?}").chars().take(12).collect::<String>(), range))
            .collect();
        assert_eq!(passed, plain);
    }
}
