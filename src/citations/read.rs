//! Reading the table from `data/van-ban.yaml`: every entry checked, every problem placed on
//! its line, the documents that are fine kept.

use std::collections::HashMap;
use std::ops::Range;

use super::number::{check_number, number_year};
use super::table::{Document, Table};
use super::TABLE_FILE;
use crate::diag::Diagnostic;
use crate::msg;
use crate::yaml::{self, Value};

/// Reads the table from the text of `data/van-ban.yaml`. Every problem is reported; the
/// documents that are fine are kept.
pub fn parse(text: &str) -> (Table, Vec<Diagnostic>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let at = |line: usize, col: usize, message: String| {
        Diagnostic::error(TABLE_FILE, line, col, message)
    };
    let items = match yaml::from_str::<Value>(text) {
        Ok(Value::Null) => return (Table::default(), Vec::new()),
        Ok(Value::Sequence(items)) => items,
        Ok(_) => {
            let d = at(1, 1, msg::TABLE_NOT_A_LIST.to_string());
            return (Table::default(), vec![d.with_hint(msg::HINT_TABLE_ENTRY)]);
        }
        Err(e) => return (Table::default(), vec![e.at(TABLE_FILE, 0)]),
    };
    let starts = crate::yaml::item_lines(text, items.len());
    let mut problems = Vec::new();
    // Every number written so far, with its page's slug and its line.
    let mut numbers: Vec<(String, String, usize)> = Vec::new();
    let mut documents = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let lines = starts[i]..starts.get(i + 1).copied().unwrap_or(usize::MAX);
        let place = Place { text, lines };
        let (number, document) = read_entry(item, &place, &mut problems);
        if number.is_empty() {
            continue;
        }
        let slug = crate::text::slugify(&number);
        let (line, col) = place.key("number");
        let earlier = numbers.iter().find(|(n, s, _)| *n == number || *s == slug);
        if let Some((other, _, other_line)) = earlier {
            problems.push(
                at(line, col, msg::table_duplicate(&number, other, *other_line))
                    .with_hint(msg::HINT_TABLE_DUPLICATE),
            );
            continue;
        }
        numbers.push((number, slug, line));
        documents.extend(document);
    }
    let table = Table::new(documents);
    (table, problems)
}

const KEYS: &[&str] = &["number", "title", "date", "url", "issuer", "description"];

/// Where an entry of the table is written: its lines, to place problems on the right one.
struct Place<'t> {
    text: &'t str,
    /// 1-based lines of the entry.
    lines: Range<usize>,
}

impl Place<'_> {
    fn start(&self) -> usize {
        self.lines.start
    }

    /// Line and column of `key:` within the entry, else the entry's first line.
    fn key(&self, key: &str) -> (usize, usize) {
        crate::yaml::key_place(self.text, self.lines.clone(), key)
    }
}

/// One entry of the table as it is read: where it is written, and where its problems go.
struct Entry<'a, 't> {
    place: &'a Place<'t>,
    problems: &'a mut Vec<Diagnostic>,
}

/// One entry: every problem of it is reported. Returns the number written (empty if none)
/// and the document, `None` if it cannot be used.
fn read_entry(
    item: &Value,
    place: &Place,
    problems: &mut Vec<Diagnostic>,
) -> (String, Option<Document>) {
    let before = problems.len();
    let mut entry = Entry { place, problems };
    let Value::Mapping(map) = item else {
        entry.entry_error(msg::TABLE_ENTRY_NOT_A_MAPPING, msg::HINT_TABLE_ENTRY);
        return (String::new(), None);
    };
    let mut fields = entry.text_fields(map);
    for required in ["number", "title", "date", "url"] {
        if !is_written(map.get(required)) {
            entry.entry_error(msg::table_missing(required), msg::HINT_TABLE_ENTRY);
        }
    }
    let number = entry.number(fields.remove("number").unwrap_or_default());
    let date = entry.date(fields.remove("date").unwrap_or_default());
    let url = fields.remove("url").unwrap_or_default();
    entry.check_url(&url);
    entry.check_year(&number, date);
    let usable = !problems[before..].iter().any(Diagnostic::is_error);
    let document = date.filter(|_| usable).map(|date| Document {
        slug: crate::text::slugify(&number),
        number: number.clone(),
        title: fields.remove("title").unwrap_or_default(),
        date,
        url,
        issuer: fields.remove("issuer").filter(|s| !s.is_empty()),
        description: fields.remove("description").filter(|s| !s.is_empty()),
    });
    (number, document)
}

/// Whether a key is written with something in it.
fn is_written(value: Option<&Value>) -> bool {
    value.is_some_and(|v| match v {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        _ => true,
    })
}

impl Entry<'_, '_> {
    /// An error at `key:` in the entry.
    fn error(&mut self, key: &str, message: impl Into<String>, hint: impl Into<String>) {
        let (line, col) = self.place.key(key);
        let d = Diagnostic::error(TABLE_FILE, line, col, message).with_hint(hint);
        self.problems.push(d);
    }

    /// An error about the whole entry, at its first line.
    fn entry_error(&mut self, message: impl Into<String>, hint: impl Into<String>) {
        let d = Diagnostic::error(TABLE_FILE, self.place.start(), 1, message).with_hint(hint);
        self.problems.push(d);
    }

    /// The entry's known keys written as text, trimmed and NFC; a key loa does not know and
    /// a value that is not text are errors.
    fn text_fields<'m>(
        &mut self,
        map: impl IntoIterator<Item = (&'m Value, &'m Value)>,
    ) -> HashMap<&'m str, String> {
        let mut fields = HashMap::new();
        for (key, value) in map {
            let Some(name) = key.as_str().filter(|k| KEYS.contains(k)) else {
                let name = key
                    .as_str()
                    .map_or_else(|| format!("{key:?}"), str::to_string);
                let hint = msg::did_you_mean(yaml::closest(&name, KEYS.iter().copied()), KEYS);
                self.error(&name, msg::unknown_key(&name), hint);
                continue;
            };
            match value {
                Value::String(s) => {
                    fields.insert(name, crate::text::nfc(s.trim()));
                }
                Value::Null => {}
                _ => self.error(name, msg::table_not_text(name), msg::HINT_TABLE_ENTRY),
            }
        }
        fields
    }

    /// The number as written, or empty when it is wrong: a wrong number is not compared with
    /// the others, one message is enough.
    fn number(&mut self, number: String) -> String {
        if number.is_empty() {
            return number;
        }
        match check_number(&number) {
            Some(problem) => {
                self.error("number", problem.message, problem.hint);
                String::new()
            }
            None => number,
        }
    }

    /// The date of issue, written `YYYY-MM-DD`.
    fn date(&mut self, text: String) -> Option<jiff::civil::Date> {
        if text.is_empty() {
            return None;
        }
        match text.parse::<jiff::civil::Date>() {
            Ok(d) if text.len() == 10 => Some(d),
            _ => {
                self.error("date", msg::table_bad_date(&text), msg::HINT_TABLE_DATE);
                None
            }
        }
    }

    /// The official text's address must be one a page may link to, on the web.
    fn check_url(&mut self, url: &str) {
        if url.is_empty() {
            return;
        }
        let good = crate::url_policy::allows(url)
            && url::Url::parse(url)
                .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
        if !good {
            self.error("url", msg::table_bad_url(url), msg::HINT_TABLE_URL);
        }
    }

    /// A number carrying a year other than the date's is a warning: one of them is mistyped.
    fn check_year(&mut self, number: &str, date: Option<jiff::civil::Date>) {
        let (Some(date), Some(year)) = (date, number_year(number)) else {
            return;
        };
        if date.year() != year {
            let (line, col) = self.place.key("date");
            let message = msg::table_year_differs(number, date.year());
            let d = Diagnostic::warning(TABLE_FILE, line, col, message);
            self.problems.push(d.with_hint(msg::HINT_TABLE_YEAR));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::citations::fixture::table;

    #[test]
    fn slugs_fold_the_number_to_ascii() {
        let t = table();
        let slugs: Vec<&str> = t.documents.iter().map(|d| d.slug.as_str()).collect();
        assert_eq!(
            slugs,
            ["118-2025-nd-cp", "66-nq-cp", "57-nq-tw", "80-2015-qh13"]
        );
    }

    #[test]
    fn table_problems_are_placed_on_their_line() {
        let text = "\
- number: 118/2025/NĐ-CP
  title: A
  date: 2025-06-09
  url: https://vanban.chinhphu.vn/
- number: 118/2025/ND-CP
  titel: B
  date: 9/6/2025
  url: vanban
- number: 118/2025/NĐ-CP
  title: C
  date: 2025-06-09
  url: https://vanban.chinhphu.vn/
- title: D
  number: 12/2024/NĐ-CP
  date: 2025-01-01
  url: https://vanban.chinhphu.vn/
";
        let (table, problems) = parse(text);
        let placed: Vec<(usize, usize, bool)> = problems
            .iter()
            .map(|p| (p.line, p.col, p.is_error()))
            .collect();
        assert_eq!(
            placed,
            [
                (6, 3, true),   // titel: unknown key
                (5, 1, true),   // title missing
                (5, 3, true),   // ND-CP misspelled
                (7, 3, true),   // date
                (8, 3, true),   // url
                (9, 3, true),   // duplicate
                (15, 3, false)  // year 2024 in the number, dated 2025
            ],
            "{problems:#?}"
        );
        assert!(problems[0].hint.as_deref().unwrap().contains("title"));
        assert!(problems[2]
            .hint
            .as_deref()
            .unwrap()
            .contains("118/2025/NĐ-CP"));
        assert!(
            problems[5].message.contains("dòng 1"),
            "{}",
            problems[5].message
        );
        assert_eq!(table.documents.len(), 2);
    }

    #[test]
    fn a_table_that_is_not_a_list_or_not_yaml_is_an_error_at_its_place() {
        let (_, problems) = parse("number: 118/2025/NĐ-CP\n");
        assert_eq!((problems[0].line, problems[0].col), (1, 1));
        let (_, problems) = parse("- number: 1/2025/NĐ-CP\n  title: [a\n");
        assert!(problems[0].line >= 2, "{problems:?}");
        let (table, problems) = parse("");
        assert!(table.documents.is_empty() && problems.is_empty());
    }
}
