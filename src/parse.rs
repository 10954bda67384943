//! Parse stage: one content file's bytes become a placed `Page` with checked front matter.
//!
//! Pure: it needs only the file and the config. Every problem is collected, placed at the
//! file's line and column (front-matter lines counted from the top of the file).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::config::Config;
use crate::diag::{line_col, Diagnostic};
use crate::load::Source;
use crate::model::{Event, Meta, Page, PageKind, SortBy};
use crate::{markdown, msg, text, yaml};

/// Front matter as written. Unknown keys are caught before this (with a suggestion), so this
/// struct does not deny them itself.
#[derive(Debug, Default, Deserialize)]
struct RawFront {
    title: Option<String>,
    description: Option<String>,
    date: Option<String>,
    updated: Option<String>,
    #[serde(default)]
    topics: OneOrMany,
    #[serde(default)]
    tags: OneOrMany,
    unit: Option<String>,
    #[serde(default)]
    channels: OneOrMany,
    summary: Option<String>,
    image: Option<String>,
    image_alt: Option<String>,
    draft: Option<bool>,
    slug: Option<String>,
    #[serde(default)]
    aliases: OneOrMany,
    template: Option<String>,
    event: Option<RawEvent>,
    extra: Option<yaml::Value>,
    sort: Option<String>,
    paginate: Option<usize>,
}

/// A list that may also be written as a single string (`topics: nghi-dinh-118`).
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    start: String,
    end: Option<String>,
    location: Option<String>,
    participants: Option<u64>,
}

const ARTICLE_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "topics",
    "tags",
    "unit",
    "channels",
    "summary",
    "image",
    "image_alt",
    "draft",
    "slug",
    "aliases",
    "template",
    "event",
    "extra",
];
const STANDALONE_KEYS: &[&str] = &[
    "title",
    "description",
    "date",
    "updated",
    "topics",
    "tags",
    "unit",
    "channels",
    "summary",
    "image",
    "image_alt",
    "draft",
    "slug",
    "aliases",
    "template",
    "event",
    "extra",
];
const SECTION_KEYS: &[&str] = &[
    "title",
    "description",
    "sort",
    "paginate",
    "template",
    "extra",
];
const HOME_KEYS: &[&str] = &["title", "description", "template", "extra"];

/// Where a file stands decides what it is and where it is published.
struct Placement {
    kind: PageKind,
    section: Option<String>,
    /// The slug the file or bundle name gives, before any `slug:` override.
    name_slug: String,
    bundle_dir: Option<String>,
}

fn place(rel: &str) -> Result<Placement, &'static str> {
    let parts: Vec<&str> = rel.split('/').collect();
    let file = parts[parts.len() - 1];
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let parent = parts[..parts.len() - 1].join("/");
    let placement = |kind, section: Option<&str>, name: &str, bundle: bool| Placement {
        kind,
        section: section.map(text::slugify),
        name_slug: text::slugify(name),
        bundle_dir: bundle.then(|| parent.clone()),
    };
    Ok(match (parts.len(), file) {
        (1, "_index.md") => placement(PageKind::Home, None, "", false),
        (1, _) => placement(PageKind::Standalone, None, stem, false),
        (2, "_index.md") => placement(PageKind::SectionIndex, Some(parts[0]), parts[0], false),
        (_, "_index.md") => return Err(msg::NESTED_INDEX),
        (2, "index.md") => placement(PageKind::Standalone, None, parts[0], true),
        (n, "index.md") => placement(PageKind::Article, Some(parts[0]), parts[n - 2], true),
        _ => placement(PageKind::Article, Some(parts[0]), stem, false),
    })
}

/// Parses one content file. Returns the page when it is usable, and every problem found.
pub fn parse(source: &Source, config: &Config) -> (Option<Page>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let page = parse_inner(source, config, &mut problems);
    (page, problems)
}

fn parse_inner(source: &Source, config: &Config, problems: &mut Vec<Diagnostic>) -> Option<Page> {
    let err = |line: usize, col: usize, message: String| {
        Diagnostic::error(source.display.clone(), line, col, message)
    };
    let text = match text::decode(&source.bytes) {
        Ok(t) => t,
        Err((line, col)) => {
            problems.push(err(line, col, msg::NOT_UTF8.into()).with_hint(msg::HINT_SAVE_UTF8));
            return None;
        }
    };
    if text.trim().is_empty() {
        problems.push(err(0, 0, msg::EMPTY_FILE.into()).with_hint(msg::HINT_FRONT_MATTER));
        return None;
    }
    let Some(split) = split_front_matter(&text) else {
        let problem = if text.starts_with("---") {
            msg::FRONT_MATTER_UNCLOSED
        } else {
            msg::FRONT_MATTER_MISSING
        };
        problems.push(err(1, 1, problem.into()).with_hint(msg::HINT_FRONT_MATTER));
        return None;
    };
    let placement = match place(&source.rel) {
        Ok(p) => p,
        Err(m) => {
            problems.push(err(0, 0, m.into()));
            return None;
        }
    };
    // The YAML block starts on the file's second line.
    let yaml_err = |e: yaml::YamlError| e.at(source.display.clone(), 1);
    let keys = match yaml::top_level_keys(split.yaml) {
        Ok(k) => k,
        Err(e) => {
            problems.push(yaml_err(e));
            return None;
        }
    };
    let allowed = match placement.kind {
        PageKind::Article => ARTICLE_KEYS,
        PageKind::Standalone => STANDALONE_KEYS,
        PageKind::SectionIndex => SECTION_KEYS,
        PageKind::Home => HOME_KEYS,
    };
    for key in keys.iter().filter(|k| !allowed.contains(&k.name.as_str())) {
        let suggestion = yaml::closest(&key.name, allowed.iter().copied());
        problems.push(
            err(key.line + 1, key.col, msg::unknown_key(&key.name))
                .with_hint(msg::did_you_mean(suggestion, allowed)),
        );
    }
    let raw: RawFront = match yaml::from_str(split.yaml) {
        Ok(r) => r,
        Err(e) => {
            problems.push(yaml_err(e));
            return None;
        }
    };
    let key_lines: BTreeMap<String, usize> =
        keys.into_iter().map(|k| (k.name, k.line + 1)).collect();
    let ctx = FrontContext {
        source,
        config,
        yaml: split.yaml,
        key_lines,
    };
    let meta = ctx.resolve(raw, placement.kind, problems);
    let slug = match meta.1.as_deref() {
        Some(s) => {
            let slug = text::slugify(s);
            if slug.is_empty() {
                problems.push(ctx.at("slug", None, msg::empty_slug(s)));
            }
            slug
        }
        None => placement.name_slug.clone(),
    };
    let path = match (placement.kind, &placement.section) {
        (PageKind::Home, _) => String::new(),
        (PageKind::SectionIndex, Some(section)) => format!("{section}/"),
        (PageKind::Article, Some(section)) => format!("{section}/{slug}/"),
        _ => format!("{slug}/"),
    };
    let body = &text[split.body_start..];
    Some(Page {
        kind: placement.kind,
        rel: source.rel.clone(),
        display: source.display.clone(),
        section: placement.section,
        path,
        bundle_dir: placement.bundle_dir,
        meta: meta.0,
        headings: markdown::outline(body),
        body: body.to_string(),
        body_line: line_col(&text, split.body_start).0,
        key_lines: ctx.key_lines,
    })
}

struct FrontMatterSplit<'a> {
    yaml: &'a str,
    body_start: usize,
}

/// Finds the YAML between a first line `---` and the next line that is `---` (or `...`).
fn split_front_matter(text: &str) -> Option<FrontMatterSplit<'_>> {
    let rest = text.strip_prefix("---\n")?;
    let yaml_start = text.len() - rest.len();
    let mut offset = yaml_start;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some(FrontMatterSplit {
                yaml: &text[yaml_start..offset],
                body_start: offset + line.len(),
            });
        }
        offset += line.len();
    }
    None
}

/// What checking front-matter values needs: where keys stand, and the config's vocabularies.
struct FrontContext<'a> {
    source: &'a Source,
    config: &'a Config,
    yaml: &'a str,
    key_lines: BTreeMap<String, usize>,
}

impl FrontContext<'_> {
    /// A problem placed at `key`'s line, or at the line of `item` within that key's value.
    fn at(&self, key: &str, item: Option<&str>, message: String) -> Diagnostic {
        let key_line = self.key_lines.get(key).copied().unwrap_or(1);
        // The YAML block starts on the file's second line.
        let line = item
            .and_then(|item| {
                yaml::value_lines(self.yaml, item)
                    .into_iter()
                    .find(|&l| l + 1 >= key_line)
            })
            .map_or(key_line, |l| l + 1);
        Diagnostic::error(self.source.display.clone(), line, 1, message)
    }

    fn date(
        &self,
        key: &str,
        value: Option<&str>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<jiff::ZonedDateTime> {
        let value = value?;
        match parse_date(value, &self.config.timezone) {
            Some(d) => Some(d),
            None => {
                problems.push(
                    self.at(key, None, msg::bad_date(key, value))
                        .with_hint(msg::HINT_DATE),
                );
                None
            }
        }
    }

    /// Returns the metadata and the `slug:` override.
    fn resolve(
        &self,
        raw: RawFront,
        kind: PageKind,
        problems: &mut Vec<Diagnostic>,
    ) -> (Meta, Option<String>) {
        let title = raw.title.map(|t| t.trim().to_string()).unwrap_or_default();
        if title.is_empty() && kind != PageKind::Home {
            let d = Diagnostic::error(
                self.source.display.clone(),
                1,
                1,
                msg::TITLE_MISSING.to_string(),
            );
            problems.push(d.with_hint(msg::HINT_TITLE));
        }
        let date = self.date("date", raw.date.as_deref(), problems);
        if kind == PageKind::Article && raw.date.is_none() {
            let d = Diagnostic::error(
                self.source.display.clone(),
                1,
                1,
                msg::DATE_MISSING.to_string(),
            );
            problems.push(d.with_hint(msg::HINT_DATE));
        }
        let updated = self.date("updated", raw.updated.as_deref(), problems);
        let topics = self.check_keys(
            "topics",
            raw.topics.into_vec(),
            self.config.topics.iter().map(|t| t.key.as_str()),
            problems,
        );
        let unit = raw.unit.map(|u| {
            self.check_keys(
                "unit",
                vec![u],
                self.config.units.iter().map(|t| t.key.as_str()),
                problems,
            )
        });
        let channel_keys = self.config.channels.iter().map(|c| c.term.key.as_str());
        let channels = self.check_keys("channels", raw.channels.into_vec(), channel_keys, problems);
        if raw.image.is_some() && raw.image_alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
            problems.push(
                self.at("image", None, msg::IMAGE_ALT_MISSING.to_string())
                    .with_hint(msg::HINT_IMAGE_ALT),
            );
        }
        let event = raw.event.and_then(|e| self.event(e, problems));
        let sort = match raw.sort.as_deref() {
            None | Some("date") => SortBy::Date,
            Some("title") => SortBy::Title,
            Some(other) => {
                problems.push(self.at("sort", None, msg::bad_sort(other)));
                SortBy::Date
            }
        };
        if raw.paginate == Some(0) {
            problems.push(self.at("paginate", None, msg::PAGINATE_ZERO.to_string()));
        }
        let tags = raw
            .tags
            .into_vec()
            .into_iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        let meta = Meta {
            title,
            description: raw.description,
            date,
            updated,
            topics,
            tags: dedup(tags.collect()),
            unit: unit.and_then(|mut u| u.pop()),
            channels,
            summary: raw.summary,
            image: raw.image,
            image_alt: raw.image_alt,
            draft: raw.draft.unwrap_or(false),
            aliases: raw.aliases.into_vec(),
            template: raw.template,
            event,
            extra: raw
                .extra
                .as_ref()
                .map_or(serde_json::Value::Null, yaml::to_json),
            sort,
            paginate: raw.paginate,
        };
        (meta, raw.slug)
    }

    /// Keeps the keys the config knows; each unknown one is an error naming the closest valid key.
    fn check_keys<'k>(
        &self,
        field: &str,
        given: Vec<String>,
        valid: impl Iterator<Item = &'k str> + Clone,
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<String> {
        let mut kept = Vec::new();
        for key in given {
            let key = key.trim().to_string();
            if valid.clone().any(|v| v == key) {
                if !kept.contains(&key) {
                    kept.push(key);
                }
            } else {
                let all: Vec<&str> = valid.clone().collect();
                let hint = msg::did_you_mean(yaml::closest(&key, all.iter().copied()), &all);
                problems.push(
                    self.at(field, Some(&key), msg::unknown_term(field, &key))
                        .with_hint(hint),
                );
            }
        }
        kept
    }

    fn event(&self, raw: RawEvent, problems: &mut Vec<Diagnostic>) -> Option<Event> {
        let start = parse_date(&raw.start, &self.config.timezone);
        if start.is_none() {
            problems.push(
                self.at(
                    "event",
                    Some(&raw.start),
                    msg::bad_date("event.start", &raw.start),
                )
                .with_hint(msg::HINT_DATE),
            );
        }
        let end = raw.end.as_deref().and_then(|end| {
            let parsed = parse_date(end, &self.config.timezone);
            if parsed.is_none() {
                problems.push(
                    self.at("event", Some(end), msg::bad_date("event.end", end))
                        .with_hint(msg::HINT_DATE),
                );
            }
            parsed
        });
        let start = start?;
        if end.as_ref().is_some_and(|end| *end < start) {
            problems.push(self.at(
                "event",
                raw.end.as_deref(),
                msg::EVENT_ENDS_BEFORE_START.to_string(),
            ));
        }
        Some(Event {
            start,
            end,
            location: raw.location,
            participants: raw.participants,
        })
    }
}

fn dedup(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// Reads `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` (in the site's zone) or RFC 3339 with an offset.
pub fn parse_date(value: &str, tz: &jiff::tz::TimeZone) -> Option<jiff::ZonedDateTime> {
    let value = value.trim();
    if let Ok(ts) = value.parse::<jiff::Timestamp>() {
        return Some(ts.to_zoned_datetime(tz.clone()));
    }
    if value.len() > 10 {
        let dt = value.parse::<jiff::civil::DateTime>().ok()?;
        return dt.to_zoned_datetime(tz.clone()).ok();
    }
    let d = value.parse::<jiff::civil::Date>().ok()?;
    d.to_datetime(jiff::civil::Time::midnight())
        .to_zoned_datetime(tz.clone())
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{parse as parse_config, Overrides};

    fn config() -> Config {
        let text = "title: T\nbase_url: https://example.org/\ntopics:\n  - {key: nghi-dinh-118, name: N}\n  - {key: de-an-06, name: D}\nunits:\n  - {key: van-phong, name: VP}\n";
        parse_config(text, &Overrides::default()).unwrap()
    }

    fn source(rel: &str, text: &str) -> Source {
        Source {
            rel: rel.into(),
            display: format!("content/{rel}").into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn problems(rel: &str, text: &str) -> Vec<Diagnostic> {
        parse(&source(rel, text), &config()).1
    }

    #[test]
    fn an_article_gets_its_url_from_section_and_file_name() {
        let (page, probs) = parse(
            &source(
                "tin-tuc/Bài viết.md",
                "---\ntitle: A\ndate: 2025-08-21\n---\nx",
            ),
            &config(),
        );
        assert!(probs.is_empty(), "{probs:?}");
        let page = page.unwrap();
        assert_eq!(page.path, "tin-tuc/bai-viet/");
        assert_eq!(page.body_line, 5);
    }

    #[test]
    fn a_bundle_takes_its_folder_name_and_a_slug_cannot_leave_its_section() {
        let page = parse(
            &source(
                "tin-tuc/hoi-nghi/index.md",
                "---\ntitle: A\ndate: 2025-08-21\n---\n",
            ),
            &config(),
        )
        .0
        .unwrap();
        assert_eq!(page.path, "tin-tuc/hoi-nghi/");
        assert_eq!(page.bundle_dir.as_deref(), Some("tin-tuc/hoi-nghi"));
        let page = parse(
            &source(
                "tin-tuc/a.md",
                "---\ntitle: A\ndate: 2025-08-21\nslug: ../../etc/x\n---\n",
            ),
            &config(),
        )
        .0
        .unwrap();
        assert_eq!(page.path, "tin-tuc/etc-x/");
    }

    #[test]
    fn a_single_topic_string_is_a_one_item_list() {
        let page = parse(
            &source(
                "tin-tuc/a.md",
                "---\ntitle: A\ndate: 2025-08-21\ntopics: de-an-06\n---\n",
            ),
            &config(),
        )
        .0
        .unwrap();
        assert_eq!(page.meta.topics, ["de-an-06"]);
    }

    #[test]
    fn an_unknown_front_matter_key_is_placed_and_gets_a_suggestion() {
        let p = problems(
            "tin-tuc/a.md",
            "---\ntitle: A\ndate: 2025-08-21\ntopcis: [de-an-06]\n---\n",
        );
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].line, 4);
        assert!(p[0].hint.as_deref().unwrap().contains("topics"), "{p:?}");
    }

    #[test]
    fn an_unknown_topic_names_the_closest_valid_key_on_its_own_line() {
        let p = problems(
            "tin-tuc/a.md",
            "---\ntitle: A\ndate: 2025-08-21\ntopics:\n  - de-an-06\n  - nghi-dinh-11\n---\n",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].line, 6);
        assert!(p[0].hint.as_deref().unwrap().contains("nghi-dinh-118"));
    }

    #[test]
    fn dates_are_read_in_the_site_time_zone() {
        let tz = jiff::tz::TimeZone::get("Asia/Ho_Chi_Minh").unwrap();
        let d = parse_date("2025-08-21", &tz).unwrap();
        assert_eq!(
            d.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            "2025-08-21T00:00:00+07:00"
        );
        let d = parse_date("2025-08-21 08:30", &tz).unwrap();
        assert_eq!(d.strftime("%H:%M%:z").to_string(), "08:30+07:00");
        let d = parse_date("2025-08-21T01:00:00Z", &tz).unwrap();
        assert_eq!(d.strftime("%H:%M%:z").to_string(), "08:00+07:00");
        assert!(parse_date("21/08/2025", &tz).is_none());
        assert!(parse_date("2025-02-30", &tz).is_none());
    }

    #[test]
    fn crlf_and_a_bom_are_read_like_plain_lf() {
        let (page, probs) = parse(
            &source(
                "tin-tuc/a.md",
                "\u{feff}---\r\ntitle: A\r\ndate: 2025-08-21\r\n---\r\nx\r\n",
            ),
            &config(),
        );
        assert!(probs.is_empty(), "{probs:?}");
        assert_eq!(page.unwrap().body, "x\n");
    }
}
