//! The checks of single front matter values: dates, the title, `expires:`, the image's
//! description, vocabularies, `sort:`, `event:` and `approval:`.

use super::{parse_date, FrontContext, RawEvent};
use crate::diag::Diagnostic;
use crate::model::{Event, PageKind, SortBy};
use crate::{msg, yaml};

impl FrontContext<'_> {
    pub(super) fn date(
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

    /// The `approval:` block, checked where it is written.
    pub(super) fn approval(
        &self,
        raw: crate::approval::RawRecord,
        problems: &mut Vec<Diagnostic>,
    ) -> crate::approval::Approval {
        let key = crate::approval::KEY;
        let line = self.key_lines.get(key).copied().unwrap_or(0);
        let at = |item: &str, message| self.at(key, Some(item), message);
        crate::approval::read(raw, &self.config.approval, line, at, problems)
    }

    /// The title, trimmed; every page but the home page needs one.
    pub(super) fn title(
        &self,
        written: Option<String>,
        kind: PageKind,
        problems: &mut Vec<Diagnostic>,
    ) -> String {
        let title = written.map(|t| t.trim().to_string()).unwrap_or_default();
        if title.is_empty() && kind != PageKind::Home {
            let d = Diagnostic::error(
                self.display.to_path_buf(),
                1,
                1,
                msg::TITLE_MISSING.to_string(),
            );
            problems.push(d.with_hint(msg::HINT_TITLE));
        }
        title
    }

    /// `date:` and `updated:` read in the site's zone; an article needs a date.
    pub(super) fn dates(
        &self,
        date: Option<String>,
        updated: Option<String>,
        kind: PageKind,
        problems: &mut Vec<Diagnostic>,
    ) -> (Option<jiff::ZonedDateTime>, Option<jiff::ZonedDateTime>) {
        let parsed = self.date("date", date.as_deref(), problems);
        if kind == PageKind::Article && date.is_none() {
            let d = Diagnostic::error(
                self.display.to_path_buf(),
                1,
                1,
                msg::DATE_MISSING.to_string(),
            );
            problems.push(d.with_hint(msg::HINT_DATE));
        }
        let updated = self.date("updated", updated.as_deref(), problems);
        (parsed, updated)
    }

    /// `expires:`, which must come after the date the page is published on.
    pub(super) fn expires(
        &self,
        written: Option<&str>,
        date: Option<&jiff::ZonedDateTime>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<jiff::ZonedDateTime> {
        let expires = self.date("expires", written, problems)?;
        if let Some(date) = date.filter(|date| expires <= **date) {
            let date = date.strftime("%Y-%m-%d").to_string();
            let message = msg::expires_before_date(written.unwrap_or_default().trim(), &date);
            problems.push(
                self.at("expires", None, message)
                    .with_hint(msg::HINT_EXPIRES),
            );
        }
        Some(expires)
    }

    /// A photo needs a description for readers who cannot see it.
    pub(super) fn check_image_alt(
        &self,
        has_image: bool,
        image_alt: Option<&str>,
        problems: &mut Vec<Diagnostic>,
    ) {
        if has_image && image_alt.is_none_or(|a| a.trim().is_empty()) {
            problems.push(
                self.at("image", None, msg::IMAGE_ALT_MISSING.to_string())
                    .with_hint(msg::HINT_IMAGE_ALT),
            );
        }
    }

    /// A section's `sort:`; by date when not given or not understood.
    pub(super) fn sort(&self, written: Option<&str>, problems: &mut Vec<Diagnostic>) -> SortBy {
        match written {
            None | Some("date") => SortBy::Date,
            Some("title") => SortBy::Title,
            Some("event") => SortBy::Event,
            Some(other) => {
                problems.push(self.at("sort", None, msg::bad_sort(other)));
                SortBy::Date
            }
        }
    }

    /// `topics:`, `unit:` and `channels:`, each kept only with the keys config.yaml defines.
    pub(super) fn vocabularies(
        &self,
        topics: Vec<String>,
        unit: Option<String>,
        channels: Vec<String>,
        problems: &mut Vec<Diagnostic>,
    ) -> (Vec<String>, Option<String>, Vec<String>) {
        let topic_keys = self.config.topics.iter().map(|t| t.key.as_str());
        let topics = self.check_keys("topics", topics, topic_keys, problems);
        let unit = unit.and_then(|u| {
            let units = self.config.units.iter().map(|t| t.key.as_str());
            self.check_keys("unit", vec![u], units, problems).pop()
        });
        let channel_keys = self.config.channels.iter().map(|c| c.term.key.as_str());
        let channels = self.check_keys("channels", channels, channel_keys, problems);
        (topics, unit, channels)
    }

    /// Keeps the keys the config knows; each unknown one is an error naming the closest valid key.
    pub(super) fn check_keys<'k>(
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

    pub(super) fn event(&self, raw: RawEvent, problems: &mut Vec<Diagnostic>) -> Option<Event> {
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
