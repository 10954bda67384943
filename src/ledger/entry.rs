//! One entry of the ledger: every key read and checked against config.yaml, the site's URL
//! policy and the files of `data/`, each problem placed at the key's line and column.

use std::ops::Range;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::msg;
use crate::yaml::{self, Mapping, Value};

use super::{Activity, DataFiles, LEDGER_FILE};

/// What an entry is read with: the ledger's text (to place problems), the entry's lines, and
/// what its values are checked against.
pub(super) struct Context<'a> {
    pub text: &'a str,
    pub lines: Range<usize>,
    pub config: &'a Config,
    pub data: &'a DataFiles,
}

/// The keys an entry may have.
const KEYS: &[&str] = &[
    "date",
    "channel",
    "unit",
    "topics",
    "title",
    "place",
    "participants",
    "link",
    "cost",
    "evidence",
];

/// Reads one entry, reporting every problem of it; `None` when it has an error.
pub(super) fn read(item: &Value, cx: &Context, problems: &mut Vec<Diagnostic>) -> Option<Activity> {
    let Value::Mapping(map) = item else {
        problems.push(
            Diagnostic::error(
                LEDGER_FILE,
                cx.lines.start,
                1,
                msg::LEDGER_ENTRY_NOT_A_MAPPING,
            )
            .with_hint(msg::HINT_LEDGER_ENTRY),
        );
        return None;
    };
    let before = problems.len();
    let mut entry = Entry { map, cx, problems };
    entry.unknown_keys();
    let date = entry.date();
    let channel = entry.term("channel", "channels", true);
    let unit = entry.term("unit", "unit", false);
    let topics = entry.topics();
    let title = entry.text("title", true);
    let place = entry.text("place", false);
    let participants = entry.count("participants", msg::HINT_LEDGER_PARTICIPANTS);
    let link = entry.link();
    let cost = entry.count("cost", msg::HINT_LEDGER_COST);
    let evidence = entry.evidence();
    if problems[before..].iter().any(Diagnostic::is_error) {
        return None;
    }
    Some(Activity {
        date: date?,
        channel: channel?,
        unit,
        topics,
        title: title?,
        place,
        participants,
        link,
        cost,
        evidence,
        line: cx.lines.start,
    })
}

/// An entry being read: its keys, and where its problems go.
struct Entry<'a, 'p> {
    map: &'a Mapping,
    cx: &'a Context<'a>,
    problems: &'p mut Vec<Diagnostic>,
}

impl Entry<'_, '_> {
    /// An error at `key:` (or at the entry's first line when the key is not written).
    fn error(&self, key: &str, message: String) -> Diagnostic {
        let (line, col) = yaml::key_place(self.cx.text, self.cx.lines.clone(), key);
        Diagnostic::error(LEDGER_FILE, line, col, message)
    }

    fn push(&mut self, problem: Diagnostic) {
        self.problems.push(problem);
    }

    fn unknown_keys(&mut self) {
        for key in self.map.keys() {
            let name = match key {
                Value::String(s) => s.clone(),
                other => format!("{other:?}"),
            };
            if !KEYS.contains(&name.as_str()) {
                let hint = msg::did_you_mean(yaml::closest(&name, KEYS.iter().copied()), KEYS);
                let d = self.error(&name, msg::unknown_key(&name)).with_hint(hint);
                self.push(d);
            }
        }
    }

    /// The value of `key` as text (trimmed, NFC), `None` when not written or blank. A value
    /// of another kind is an error, and so is a missing `required` one.
    fn text(&mut self, key: &str, required: bool) -> Option<String> {
        let text = match self.map.get(key) {
            Some(Value::String(s)) => Some(crate::text::nfc(s.trim())).filter(|s| !s.is_empty()),
            // `date: 2025` or `title: 2025`: what was written, shown as written.
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(Value::Bool(b)) => Some(b.to_string()),
            None | Some(Value::Null) => None,
            Some(_) => {
                let d = self.error(key, msg::ledger_not_text(key));
                self.push(d.with_hint(msg::HINT_LEDGER_ENTRY));
                return None;
            }
        };
        if text.is_none() && required {
            let d = Diagnostic::error(
                LEDGER_FILE,
                self.cx.lines.start,
                1,
                msg::ledger_missing(key),
            );
            self.push(d.with_hint(msg::HINT_LEDGER_ENTRY));
        }
        text
    }

    /// `date:`, a calendar day written year-month-day.
    fn date(&mut self) -> Option<jiff::civil::Date> {
        let text = self.text("date", true)?;
        match text.parse::<jiff::civil::Date>() {
            Ok(day) if text.len() == 10 => Some(day),
            _ => {
                let d = self.error("date", msg::ledger_bad_date(&text));
                self.push(d.with_hint(msg::HINT_LEDGER_DATE));
                None
            }
        }
    }

    /// A key of one of config.yaml's vocabularies (`channels`, `unit`, `topics`).
    fn term(&mut self, key: &str, vocabulary: &str, required: bool) -> Option<String> {
        let written = self.text(key, required)?;
        self.known(key, vocabulary, written)
    }

    /// `written` when it is a key of `vocabulary`; else an error naming the closest one.
    fn known(&mut self, key: &str, vocabulary: &str, written: String) -> Option<String> {
        let config = self.cx.config;
        let keys: Vec<&str> = match vocabulary {
            "channels" => config
                .channels
                .iter()
                .map(|c| c.term.key.as_str())
                .collect(),
            "unit" => config.units.iter().map(|u| u.key.as_str()).collect(),
            _ => config.topics.iter().map(|t| t.key.as_str()).collect(),
        };
        if keys.contains(&written.as_str()) {
            return Some(written);
        }
        let hint = msg::did_you_mean(yaml::closest(&written, keys.iter().copied()), &keys);
        let d = self.error(key, msg::unknown_term(vocabulary, &written));
        self.push(d.with_hint(hint));
        None
    }

    /// `topics:`, one topic or a list of them.
    fn topics(&mut self) -> Vec<String> {
        let written: Vec<Value> = match self.map.get("topics") {
            None | Some(Value::Null) => return Vec::new(),
            Some(Value::Sequence(items)) => items.clone(),
            Some(one) => vec![one.clone()],
        };
        let mut topics = Vec::new();
        for value in written {
            let Value::String(key) = value else {
                let d = self.error("topics", msg::ledger_not_text("topics"));
                self.push(d.with_hint(msg::HINT_LEDGER_ENTRY));
                continue;
            };
            let key = crate::text::nfc(key.trim());
            if key.is_empty() {
                continue;
            }
            if let Some(topic) = self.known("topics", "topics", key) {
                if !topics.contains(&topic) {
                    topics.push(topic);
                }
            }
        }
        topics
    }

    /// `participants:` or `cost:`, a whole number not below zero; a text of digits with `.`
    /// or spaces between thousands (`"1.500.000"`) is read as the number it writes.
    fn count(&mut self, key: &str, hint: &str) -> Option<u64> {
        let value = self.map.get(key)?;
        let read = match value {
            Value::Null => return None,
            Value::Number(n) => n.as_u64(),
            Value::String(s) => whole_number(s),
            _ => None,
        };
        if read.is_none() {
            let shown = match value {
                Value::String(s) => s.clone(),
                other => yaml::to_json(other).to_string(),
            };
            let d = self.error(key, msg::ledger_bad_count(key, &shown));
            self.push(d.with_hint(hint));
        }
        read
    }

    /// `link:`, a web address the site's URL policy allows. One to the site itself is an
    /// article, which is counted already.
    fn link(&mut self) -> Option<String> {
        let url = self.text("link", false)?;
        let web = crate::url_policy::allows(&url)
            && url::Url::parse(&url)
                .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
        if !web {
            let d = self.error("link", msg::ledger_bad_link(&url));
            self.push(d.with_hint(msg::HINT_LEDGER_LINK));
            return None;
        }
        if url.starts_with(&self.cx.config.base_url.absolute("")) {
            let (line, col) = yaml::key_place(self.cx.text, self.cx.lines.clone(), "link");
            let d = Diagnostic::warning(LEDGER_FILE, line, col, msg::ledger_on_site(&url));
            self.push(d.with_hint(msg::HINT_LEDGER_ON_SITE));
        }
        Some(url)
    }

    /// `evidence:`, a file inside `data/` reached without a link. Either separator is
    /// accepted: the officer copies paths from Windows Explorer.
    fn evidence(&mut self) -> Option<String> {
        let written = self.text("evidence", false)?;
        let path = written.replace('\\', "/");
        if let Err(why) = crate::within::check_relative(&path) {
            let d = self.error("evidence", msg::evidence_outside(&written, why.describe()));
            self.push(d.with_hint(msg::HINT_EVIDENCE_INSIDE));
            return None;
        }
        let data = self.cx.data;
        if data.files.contains(&path) {
            return Some(path);
        }
        let through = data
            .links
            .iter()
            .find(|link| path == **link || path.starts_with(&format!("{link}/")));
        let d = match through {
            Some(link) => self
                .error("evidence", msg::evidence_through_link(&path, link))
                .with_hint(msg::HINT_EVIDENCE_LINK),
            None => {
                let near = yaml::closest(&path, data.files.iter().map(String::as_str));
                self.error("evidence", msg::evidence_missing(&path))
                    .with_hint(msg::hint_evidence_missing(near))
            }
        };
        self.push(d);
        None
    }
}

/// `1500000`, `1.500.000` or `1 500 000` as a number; anything else (a sign, a decimal
/// comma, words) is not one.
fn whole_number(text: &str) -> Option<u64> {
    let digits: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}'))
        .collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_take_thousands_separators_and_nothing_else() {
        assert_eq!(whole_number("1.500.000"), Some(1_500_000));
        assert_eq!(whole_number("1 500 000"), Some(1_500_000));
        assert_eq!(whole_number("80"), Some(80));
        for bad in ["", "-5", "1,5", "80 người", "1.5e6"] {
            assert_eq!(whole_number(bad), None, "{bad}");
        }
    }
}
