//! The plan's vocabularies in config.yaml: topics (with their hashtags), units and channels,
//! each with its target, as written and as resolved.

use serde::Deserialize;

use crate::{msg, yaml};

use super::problems::{Place, Problems};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTerm {
    key: String,
    name: String,
    #[serde(default)]
    description: String,
    /// How many articles (and activities of the ledger) the plan asks for, per month,
    /// quarter or year. Default: none.
    #[serde(default)]
    target: Option<RawTarget>,
    /// Topics only: the hashtag of shared posts (`#PCI`). Default: from the key (`#NghiDinh118`).
    #[serde(default)]
    hashtag: Option<String>,
    /// Topics only: a block of the topic's newest articles on the home page. Default: false.
    #[serde(default)]
    home: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    /// `articles:` for topics and units, `count:` reads better for a channel ("Ngày Pháp
    /// luật: one session a month"); both mean the same.
    #[serde(alias = "count")]
    articles: u32,
    /// `month`, `quarter` or `year` (also `tháng`, `quý`, `năm`).
    per: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChannel {
    key: String,
    name: String,
    #[serde(default)]
    description: String,
    /// The unit that leads this channel (a unit key). Default: none.
    #[serde(default)]
    lead: Option<String>,
    /// Units that take part (unit keys). Default: none.
    #[serde(default)]
    partners: Vec<String>,
    /// How many times the channel should be used per month, quarter or year. Default: none.
    #[serde(default)]
    target: Option<RawTarget>,
}

/// One entry of a vocabulary: a topic, a unit or a channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub key: String,
    pub name: String,
    pub description: String,
    /// The plan's target for this topic, unit or channel, when config.yaml sets one.
    pub target: Option<Target>,
    /// The hashtag of posts about this topic, with its `#`; empty for units and channels.
    pub hashtag: String,
    /// Topics only: the home page has a block of its newest articles (`home: true`).
    pub home: bool,
}

/// "At least `articles` per `per`": a target of the plan, for a topic, a unit or a channel.
/// Articles and activities of the ledger both count towards it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub articles: u32,
    pub per: Per,
    /// The line of the term in config.yaml, where a warning about the target points.
    pub line: usize,
}

/// The period a target is counted over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    Month,
    Quarter,
    Year,
}

impl Per {
    fn parse(text: &str) -> Option<Per> {
        match crate::text::nfc(text.trim()).to_lowercase().as_str() {
            "month" | "tháng" => Some(Per::Month),
            "quarter" | "quý" => Some(Per::Quarter),
            "year" | "năm" => Some(Per::Year),
            _ => None,
        }
    }

    /// `quý`, as in "3 bài/quý".
    pub fn name_vi(self) -> &'static str {
        match self {
            Per::Month => "tháng",
            Per::Quarter => "quý",
            Per::Year => "năm",
        }
    }

    /// The month, quarter or year that contains `day`.
    pub fn around(self, day: jiff::civil::Date) -> (jiff::civil::Date, jiff::civil::Date) {
        let year = day.year();
        let (first_month, months) = match self {
            Per::Month => (day.month(), 1),
            Per::Quarter => ((day.month() - 1) / 3 * 3 + 1, 3),
            Per::Year => (1, 12),
        };
        let from = jiff::civil::Date::new(year, first_month, 1).unwrap_or(day);
        let to = jiff::civil::Date::new(year, first_month + months - 1, 1)
            .map(|d| d.last_of_month())
            .unwrap_or(day);
        (from, to)
    }
}

/// A channel of communication and the units responsible for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    pub term: Term,
    pub lead: Option<String>,
    pub partners: Vec<String>,
}

/// Checks that keys are URL-safe and unique, and normalizes names to NFC.
pub(super) fn resolve_terms(raw: Vec<RawTerm>, list: &str, problems: &mut Problems) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::with_capacity(raw.len());
    for RawTerm {
        key,
        name,
        description,
        target,
        hashtag,
        home,
    } in raw
    {
        check_key(&key, list, &terms, problems);
        if home && list != "topics" {
            problems.push(problems.at(Place::TermKey(&key, 0), msg::home_not_topic(list, &key)));
        }
        let target = target.and_then(|t| resolve_target(t, &key, problems));
        let hashtag = resolve_hashtag(hashtag, &key, list, problems);
        terms.push(Term {
            key,
            name: crate::text::nfc(&name),
            description: crate::text::nfc(&description),
            target,
            hashtag,
            home: home && list == "topics",
        });
    }
    terms
}

/// A key goes into URLs: lowercase ASCII letters, digits and `-`, and only once per list.
fn check_key(key: &str, list: &str, earlier: &[Term], problems: &mut Problems) {
    let good = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !good {
        problems.push(problems.at(Place::TermKey(key, 0), msg::bad_term_key(list, key)));
        return;
    }
    let earlier = earlier.iter().filter(|t| t.key == key).count();
    if earlier > 0 {
        let d = problems.at(
            Place::TermKey(key, earlier),
            msg::duplicate_term_key(list, key),
        );
        problems.push(d.with_hint(msg::HINT_DUPLICATE_KEY));
    }
}

/// A term's target, placed at the term's line.
fn resolve_target(raw: RawTarget, key: &str, problems: &mut Problems) -> Option<Target> {
    let per = Per::parse(&raw.per);
    if per.is_none() {
        let d = problems.at(Place::Value(&raw.per), msg::bad_target_period(&raw.per));
        problems.push(d.with_hint(msg::HINT_TARGET));
    }
    Some(Target {
        articles: raw.articles,
        per: per?,
        line: problems.line(Place::TermKey(key, 0)),
    })
}

/// A topic's hashtag with its `#`, from `hashtag:` or else from its key; empty for units and
/// channels, which may not have one.
fn resolve_hashtag(raw: Option<String>, key: &str, list: &str, problems: &mut Problems) -> String {
    match raw {
        Some(tag) if list == "topics" => {
            let tag = crate::text::nfc(tag.trim().trim_start_matches('#'));
            if tag.is_empty() || tag.chars().any(|c| !c.is_alphanumeric() && c != '_') {
                let d = problems.at(Place::Value(&tag), msg::bad_hashtag(&tag));
                problems.push(d.with_hint(msg::HINT_HASHTAG));
            }
            format!("#{tag}")
        }
        Some(_) => {
            problems.push(problems.at(Place::TermKey(key, 0), msg::hashtag_not_topic(list, key)));
            String::new()
        }
        None if list == "topics" => crate::text::hashtag(key),
        None => String::new(),
    }
}

/// Channels checked as terms, then their lead and partners against the units.
pub(super) fn resolve_channels(
    raw: Vec<RawChannel>,
    units: &[Term],
    problems: &mut Problems,
) -> Vec<Channel> {
    let (terms, responsible): (Vec<RawTerm>, Vec<_>) = raw
        .into_iter()
        .map(|channel| {
            let RawChannel {
                key,
                name,
                description,
                lead,
                partners,
                target,
            } = channel;
            let term = RawTerm {
                key,
                name,
                description,
                target,
                hashtag: None,
                home: false,
            };
            (term, (lead, partners))
        })
        .unzip();
    let terms = resolve_terms(terms, "channels", problems);
    terms
        .into_iter()
        .zip(responsible)
        .map(|(term, (lead, partners))| {
            check_channel_units(lead.iter().chain(&partners), units, problems);
            Channel {
                term,
                lead,
                partners,
            }
        })
        .collect()
}

/// A channel's lead and partners must be units of the config.
fn check_channel_units<'a>(
    named: impl Iterator<Item = &'a String>,
    units: &[Term],
    problems: &mut Problems,
) {
    for unit in named {
        if !units.iter().any(|u| &u.key == unit) {
            let keys: Vec<&str> = units.iter().map(|u| u.key.as_str()).collect();
            problems.push(
                problems
                    .at(Place::Value(unit), msg::unknown_term("units", unit))
                    .with_hint(msg::did_you_mean(
                        yaml::closest(unit, keys.iter().copied()),
                        &keys,
                    )),
            );
        }
    }
}
