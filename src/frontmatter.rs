//! Front matter: the YAML at the top of a content file, checked key by key against what the
//! file's kind allows and value by value against the config's vocabularies.
//!
//! Pure. Problems are placed at the file's line (the YAML starts on line 2) and name the
//! closest valid key or value when the officer mistyped one.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::model::{Meta, PageKind};
use crate::{msg, text, yaml};

mod checks;
mod gallery;

/// Front matter after checking.
#[derive(Debug)]
pub struct FrontMatter {
    pub meta: Meta,
    /// The `slug:` given, already folded to a slug.
    pub slug: Option<String>,
    /// Line of each key in the file.
    pub key_lines: BTreeMap<String, usize>,
}

/// Reads the YAML between the `---` lines of a file of `kind`. Returns `None` when the YAML
/// cannot be read at all; every problem found goes to `problems`.
pub fn read(
    yaml_text: &str,
    kind: PageKind,
    display: &Path,
    config: &Config,
    problems: &mut Vec<Diagnostic>,
) -> Option<FrontMatter> {
    // The YAML block starts on the file's second line.
    let (keys, value) = yaml::mapping_of(yaml_text)
        .map_err(|e| problems.push(e.at(display, 1)))
        .ok()?;
    let allowed = allowed_keys(kind);
    for key in keys.iter().filter(|k| !allowed.contains(&k.name.as_str())) {
        let suggestion = yaml::closest(&key.name, allowed.iter().copied());
        let d = Diagnostic::error(display, key.line + 1, key.col, msg::unknown_key(&key.name));
        problems.push(d.with_hint(msg::did_you_mean(suggestion, allowed)));
    }
    let raw: RawFront = yaml::from_value(value, yaml_text)
        .map_err(|e| problems.push(e.at(display, 1)))
        .ok()?;
    let ctx = FrontContext {
        display,
        config,
        yaml: yaml_text,
        key_lines: keys.into_iter().map(|k| (k.name, k.line + 1)).collect(),
    };
    let (meta, slug) = ctx.resolve(raw, kind, problems);
    let slug = slug.map(|s| {
        let slug = text::slugify(&s);
        if slug.is_empty() {
            problems.push(ctx.at("slug", None, msg::empty_slug(&s)));
        }
        slug
    });
    Some(FrontMatter {
        meta,
        slug,
        key_lines: ctx.key_lines,
    })
}

fn allowed_keys(kind: PageKind) -> &'static [&'static str] {
    match kind {
        PageKind::Article | PageKind::Standalone => PAGE_KEYS,
        PageKind::SectionIndex => SECTION_KEYS,
        PageKind::Home => HOME_KEYS,
    }
}

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
    /// Publish the bundle's photos at their full size rather than at the widest copy's.
    full_size_photos: Option<bool>,
    draft: Option<bool>,
    /// Lead the home page with this article (the newest such one).
    featured: Option<bool>,
    slug: Option<String>,
    #[serde(default)]
    aliases: OneOrMany,
    template: Option<String>,
    event: Option<RawEvent>,
    expires: Option<String>,
    extra: Option<yaml::Value>,
    sort: Option<String>,
    paginate: Option<usize>,
    approval: Option<crate::approval::RawRecord>,
    gallery: Option<Vec<serde_json::Value>>,
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

/// Keys of articles and standalone pages: the same, so a page can move into a section.
const PAGE_KEYS: &[&str] = &[
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
    "full_size_photos",
    "draft",
    "featured",
    "slug",
    "aliases",
    "template",
    "event",
    "expires",
    "extra",
    "approval",
    "gallery",
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

/// What checking front-matter values needs: where keys stand, and the config's vocabularies.
struct FrontContext<'a> {
    display: &'a Path,
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
        Diagnostic::error(self.display.to_path_buf(), line, 1, message)
    }
    /// Returns the metadata and the `slug:` override.
    fn resolve(
        &self,
        raw: RawFront,
        kind: PageKind,
        problems: &mut Vec<Diagnostic>,
    ) -> (Meta, Option<String>) {
        let RawFront {
            title,
            description,
            date,
            updated,
            topics,
            tags,
            unit,
            channels,
            summary,
            image,
            image_alt,
            full_size_photos,
            draft,
            featured,
            slug,
            aliases,
            template,
            event,
            expires,
            extra,
            sort,
            paginate,
            approval,
            gallery,
        } = raw;
        let title = self.title(title, kind, problems);
        let (date, updated) = self.dates(date, updated, kind, problems);
        let (topics, unit, channels) =
            self.vocabularies(topics.into_vec(), unit, channels.into_vec(), problems);
        self.check_image_alt(image.is_some(), image_alt.as_deref(), problems);
        let event = event.and_then(|e| self.event(e, problems));
        let expires = self.expires(expires.as_deref(), date.as_ref(), problems);
        let sort = self.sort(sort.as_deref(), problems);
        if paginate == Some(0) {
            problems.push(self.at("paginate", None, msg::PAGINATE_ZERO.to_string()));
        }
        let approval = approval.map_or_else(Default::default, |raw| self.approval(raw, problems));
        let meta = Meta {
            title,
            description,
            date,
            updated,
            topics,
            tags: clean_tags(tags.into_vec()),
            unit,
            channels,
            // `loa new` writes `summary: ""` as a prompt: an empty one means none.
            summary: summary.filter(|s| !s.trim().is_empty()),
            image,
            image_alt,
            full_size_photos: full_size_photos.unwrap_or(false),
            draft: draft.unwrap_or(false),
            featured: featured.unwrap_or(false),
            aliases: aliases.into_vec(),
            template,
            event,
            expires,
            extra: extra
                .as_ref()
                .map_or(serde_json::Value::Null, yaml::to_json),
            sort,
            paginate,
            approval,
            gallery: gallery::read(self, gallery, problems),
        };
        (meta, slug)
    }
}

/// Tags trimmed, the empty ones left out, each once.
fn clean_tags(tags: Vec<String>) -> Vec<String> {
    let tags = tags
        .into_iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    dedup(tags.collect())
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

    use crate::fixtures::config;

    fn read_article(yaml_text: &str) -> (Option<FrontMatter>, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let front = read(
            yaml_text,
            PageKind::Article,
            Path::new("content/a.md"),
            &config(),
            &mut problems,
        );
        (front, problems)
    }

    #[test]
    fn a_single_topic_string_is_a_one_item_list() {
        let (front, problems) = read_article("title: A\ndate: 2025-08-21\ntopics: de-an-06\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(front.unwrap().meta.topics, ["de-an-06"]);
    }

    #[test]
    fn an_unknown_key_is_placed_in_the_file_and_gets_a_suggestion() {
        let (_, p) = read_article("title: A\ndate: 2025-08-21\ntopcis: [de-an-06]\n");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].line, 4);
        assert!(p[0].hint.as_deref().unwrap().contains("topics"), "{p:?}");
    }

    #[test]
    fn an_unknown_topic_names_the_closest_valid_key_on_its_own_line() {
        let (_, p) =
            read_article("title: A\ndate: 2025-08-21\ntopics:\n  - de-an-06\n  - nghi-dinh-11\n");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].line, 6);
        assert!(p[0].hint.as_deref().unwrap().contains("nghi-dinh-118"));
    }

    #[test]
    fn a_slug_is_folded_and_cannot_leave_its_section() {
        let (front, _) = read_article("title: A\ndate: 2025-08-21\nslug: ../../etc/Đà Nẵng\n");
        assert_eq!(front.unwrap().slug.as_deref(), Some("etc-da-nang"));
    }

    #[test]
    fn dates_are_read_in_the_site_time_zone() {
        let tz = jiff::tz::TimeZone::get("Asia/Ho_Chi_Minh").unwrap();
        let fmt = |d: jiff::ZonedDateTime| d.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
        assert_eq!(
            fmt(parse_date("2025-08-21", &tz).unwrap()),
            "2025-08-21T00:00:00+07:00"
        );
        assert_eq!(
            fmt(parse_date("2025-08-21 08:30", &tz).unwrap()),
            "2025-08-21T08:30:00+07:00"
        );
        assert_eq!(
            fmt(parse_date("2025-08-21T01:00:00Z", &tz).unwrap()),
            "2025-08-21T08:00:00+07:00"
        );
        assert!(parse_date("21/08/2025", &tz).is_none());
        assert!(parse_date("2025-02-30", &tz).is_none());
    }
}
