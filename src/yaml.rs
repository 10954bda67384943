//! The one door to YAML (config and front matter), with errors placed by line and column.
//!
//! serde_yaml is unmaintained upstream; we use its API through the maintained fork
//! `serde_norway` (renamed to `serde_yaml` in Cargo.toml). Nothing else in loa names the
//! crate, so a swap stays inside this file.

use crate::msg;
use serde::de::DeserializeOwned;

pub use serde_yaml::{Mapping, Value};

/// A YAML problem, placed relative to the first line of the YAML text given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line within the YAML text; 0 when the parser gave no place.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub col: usize,
    /// The problem in Vietnamese, for the officer.
    pub message: String,
    /// What to do, when there is something to suggest.
    pub hint: Option<String>,
}

impl YamlError {
    /// The problem as a diagnostic of `path`, its line moved down by `offset` (the lines of
    /// the file before the YAML text).
    pub fn at(self, path: impl Into<std::path::PathBuf>, offset: usize) -> crate::diag::Diagnostic {
        let d =
            crate::diag::Diagnostic::error(path, self.line.max(1) + offset, self.col, self.message);
        match self.hint {
            Some(h) => d.with_hint(h),
            None => d,
        }
    }
}

/// A top-level key, where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub name: String,
    pub line: usize,
    pub col: usize,
}

/// Deserializes `text` into `T`, translating the parser's message.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| {
        let (line, col) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        let (message, hint) = yaml_problem(&e.to_string());
        YamlError {
            line,
            col,
            message,
            hint,
        }
    })
}

/// The keys of the top-level mapping, in order, with their places. A YAML text that is not a
/// mapping (a list, a bare word) is an error: config and front matter are both mappings.
pub fn top_level_keys(text: &str) -> Result<Vec<Key>, YamlError> {
    mapping_of(text).map(|(keys, _)| keys)
}

/// [`top_level_keys`], with the mapping they belong to, for [`from_value`]: one parse of the
/// text for both (a clean build reads every page's front matter).
pub fn mapping_of(text: &str) -> Result<(Vec<Key>, Value), YamlError> {
    let value: Value = from_str(text)?;
    let mapping = match &value {
        Value::Null => return Ok((Vec::new(), value)),
        Value::Mapping(m) => m,
        _ => {
            return Err(YamlError {
                line: 1,
                col: 1,
                message: crate::msg::YAML_NOT_A_MAPPING.to_string(),
                hint: None,
            })
        }
    };
    let keys = mapping
        .keys()
        .map(|k| {
            let name = match k {
                Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            };
            let (line, col) = find_key_line(text, &name);
            Key { name, line, col }
        })
        .collect();
    Ok((keys, value))
}

/// `value`, read from `text` by [`mapping_of`], as a `T`: far cheaper than parsing the text
/// again. When that fails, the text is parsed again, and decides: its error has the problem's
/// line, and a plain scalar the value holds as a number or a boolean (`title: 2025`) reads
/// there as the text it is written as, where a `T` wants text.
pub fn from_value<T: DeserializeOwned>(value: Value, text: &str) -> Result<T, YamlError> {
    serde_yaml::from_value(value).or_else(|_| from_str(text))
}

/// Finds the line where a top-level key is written (`key:` at the start of a line).
fn find_key_line(text: &str, key: &str) -> (usize, usize) {
    for (i, line) in text.lines().enumerate() {
        let unquoted = line.trim_start_matches(['"', '\'']);
        if let Some(rest) = unquoted.strip_prefix(key) {
            if rest
                .trim_start_matches(['"', '\''])
                .trim_start()
                .starts_with(':')
            {
                return (i + 1, 1);
            }
        }
    }
    (1, 1)
}

/// The lines (1-based) where `value` is written as a whole value: `key: value`, `- value`,
/// or an item of `[a, value]`. A value that is only part of another (`nghi-dinh` inside
/// `nghi-dinh-118`) does not count, so problems land on the line the officer must fix.
pub fn value_lines(text: &str, value: &str) -> Vec<usize> {
    let clean = |t: &str| t.trim().trim_matches(['"', '\'']).trim().to_string();
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let line = line.trim_start().trim_start_matches("- ");
            line.split([',', '[', ']', '{', '}']).any(|piece| {
                let piece = piece.trim().trim_start_matches("- ");
                let after_key = piece.split_once(": ").map_or(piece, |(_, v)| v);
                clean(after_key) == value || clean(piece) == value
            })
        })
        .map(|(i, _)| i + 1)
        .collect()
}

/// The first line (1-based) of each item of a top-level list: the lines starting with `-` at
/// the list's indentation. When they cannot be told apart from `count` (a list written
/// `[…]`), every item is placed at line 1.
pub fn item_lines(text: &str, count: usize) -> Vec<usize> {
    let dashes: Vec<(usize, usize)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| {
            let t = l.trim_start();
            t == "-" || t.starts_with("- ")
        })
        .map(|(i, l)| (i + 1, l.len() - l.trim_start().len()))
        .collect();
    let indent = dashes.iter().map(|(_, ind)| *ind).min().unwrap_or(0);
    let lines: Vec<usize> = dashes
        .into_iter()
        .filter(|(_, ind)| *ind == indent)
        .map(|(l, _)| l)
        .collect();
    if lines.len() == count {
        lines
    } else {
        vec![1; count]
    }
}

/// Line and column (1-based) where `key:` is written within the lines `lines` of `text` (an
/// item of a list), else the item's first line, column 1.
pub fn key_place(text: &str, lines: std::ops::Range<usize>, key: &str) -> (usize, usize) {
    let in_item = text
        .lines()
        .enumerate()
        .skip(lines.start.saturating_sub(1))
        .take_while(|(i, _)| i + 1 < lines.end);
    for (i, line) in in_item {
        let mut search = 0;
        while let Some(found) = line[search..].find(key) {
            let pos = search + found;
            let before_ok = line[..pos]
                .chars()
                .next_back()
                .is_none_or(|c| " -{,\"'".contains(c));
            let after = line[pos + key.len()..].trim_start_matches(['"', '\'']);
            if before_ok && after.trim_start().starts_with(':') {
                return (i + 1, line[..pos].chars().count() + 1);
            }
            search = pos + key.len();
        }
    }
    (lines.start, 1)
}

/// The closest of `candidates` to `word`, if one is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Converts a YAML value into JSON for templates (`extra`): keys become strings.
pub fn to_json(value: &Value) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// Turns a YAML/serde message into Vietnamese, with a hint when there is something to suggest.
/// The place is given separately, so the parser's own "at line X column Y" is dropped.
pub(crate) fn yaml_problem(raw: &str) -> (String, Option<String>) {
    let raw = raw.split(" at line ").next().unwrap_or(raw).trim();
    // Errors inside a mapping come as `event.participants: invalid type: …`.
    if let Some((field, rest)) = raw.split_once(": ") {
        let is_path = !field.is_empty()
            && field
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '-'));
        if is_path && !matches!(field, "invalid type" | "invalid value" | "invalid length") {
            let (message, hint) = yaml_problem(rest);
            return (format!("{field}: {message}"), hint);
        }
    }
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or("").to_string();
    if let Some(rest) = raw.strip_prefix("unknown field ") {
        let key = quoted(rest);
        let expected: Vec<String> = rest
            .split('`')
            .skip(3)
            .step_by(2)
            .map(str::to_string)
            .collect();
        let all: Vec<&str> = expected.iter().map(String::as_str).collect();
        let listed: Vec<String> = all.iter().map(|k| format!("`{k}`")).collect();
        let message = format!(
            "{}; ở đây chỉ dùng: {}",
            msg::unknown_key(&key),
            listed.join(", ")
        );
        let near = closest(&key, all.iter().copied());
        return (message, Some(msg::did_you_mean(near, &all)));
    }
    if let Some(rest) = raw.strip_prefix("missing field ") {
        return (format!("thiếu khóa `{}`", quoted(rest)), None);
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let message = format!(
            "sai kiểu giá trị: cần {}, nhưng đang là {}",
            kind(expected),
            kind(got)
        );
        return (message, Some(msg::HINT_TYPE.to_string()));
    }
    if raw.starts_with("data did not match any variant") {
        return (
            "giá trị phải là một chữ hoặc một danh sách, ví dụ [a, b]".to_string(),
            Some(msg::HINT_TYPE.to_string()),
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let message = format!(
            "giá trị không hợp lệ: cần {}, nhưng đang là {}",
            kind(expected),
            kind(got)
        );
        return (message, Some(msg::HINT_TYPE.to_string()));
    }
    (
        format!("lỗi cú pháp YAML ({raw})"),
        Some(msg::HINT_YAML_SYNTAX.to_string()),
    )
}

/// Names a serde kind in Vietnamese, keeping the value serde quotes (`string "có"` →
/// `một chữ (chuỗi) "có"`) so the officer sees what was written.
fn kind(serde_kind: &str) -> String {
    let mut words = serde_kind.split_whitespace().peekable();
    if matches!(words.peek(), Some(&"a") | Some(&"an")) {
        words.next();
    }
    let word = words.next().unwrap_or("");
    let value: Vec<&str> = words.collect();
    let value = value.join(" ");
    let named: String = match word {
        "string" => "một chữ (chuỗi)".into(),
        "sequence" => "một danh sách".into(),
        "map" | "struct" => "các dòng khóa: giá trị".into(),
        "boolean" => "true hoặc false".into(),
        "integer" | "u64" | "usize" | "i64" | "u32" => "một số nguyên".into(),
        "floating" => "một số".into(),
        "unit" | "null" => "giá trị trống".into(),
        _ => return format!("`{serde_kind}`"),
    };
    let value = value.trim_matches('`');
    if value.starts_with('"') || value.is_empty() {
        format!("{named} {value}").trim_end().to_string()
    } else {
        format!("{named} `{value}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reading the parsed mapping gives what parsing the text again gives: the same values,
    /// the same problems at the same lines, and scalars written plain read as text.
    #[test]
    fn a_mapping_read_once_gives_what_the_text_gives() {
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct Front {
            title: Option<String>,
            paginate: Option<usize>,
            draft: Option<bool>,
            tags: Option<Vec<String>>,
            extra: Option<Value>,
        }
        let texts = [
            "title: Hội nghị\npaginate: 5\ndraft: true\ntags: [a, \"b\"]\nextra: {k: [1, x]}",
            "title: 2025\ntags: [\"2025\"]",
            "title: 1.10",
            "title: true\ndraft: false",
            "title: ~",
            "paginate: nhiều\ntitle: A",
            "title: A\n\ndraft: có",
            "tags: [2025, x]",
        ];
        for text in texts {
            let (_, value) = mapping_of(text).unwrap();
            let once = from_value::<Front>(value, text);
            assert_eq!(once, from_str::<Front>(text), "{text}");
        }
        let (_, value) = mapping_of("title: 1.10").unwrap();
        let front: Front = from_value(value, "title: 1.10").unwrap();
        assert_eq!(
            front.title.as_deref(),
            Some("1.10"),
            "as written, not as a number"
        );
        let text = "title: A\n\ndraft: có";
        let (_, value) = mapping_of(text).unwrap();
        let problem = from_value::<Front>(value, text).unwrap_err();
        assert_eq!(problem.line, 3, "placed at its line: {problem:?}");
    }

    #[test]
    fn top_level_keys_are_found_with_their_lines() {
        let keys =
            top_level_keys("title: A\n# note\ndate: 2025-01-01\nevent:\n  start: x\n").unwrap();
        let found: Vec<_> = keys.iter().map(|k| (k.name.as_str(), k.line)).collect();
        assert_eq!(found, [("title", 1), ("date", 3), ("event", 4)]);
    }

    #[test]
    fn values_are_found_whole_not_as_part_of_another() {
        let text = "topics:\n  - nghi-dinh-118\n  - nghi-dinh\ntags: [a, \"nghi-dinh\"]\nlead: nghi-dinh\n";
        assert_eq!(value_lines(text, "nghi-dinh"), [3, 4, 5]);
        assert_eq!(value_lines(text, "nghi-dinh-118"), [2]);
    }

    #[test]
    fn items_of_a_list_and_their_keys_are_placed() {
        let text = "# note\n- date: 2025-10-17\n  title: \"A\"\n\n- {date: 2025-10-18, title: B}\n";
        assert_eq!(item_lines(text, 2), [2, 5]);
        assert_eq!(item_lines(text, 3), [1, 1, 1], "not told apart");
        assert_eq!(key_place(text, 2..5, "title"), (3, 3));
        assert_eq!(key_place(text, 5..usize::MAX, "title"), (5, 22));
        assert_eq!(key_place(text, 2..5, "place"), (2, 1), "not written");
    }

    #[test]
    fn a_syntax_error_carries_its_line() {
        let err = top_level_keys("title: A\ntopics: [a, b\n").unwrap_err();
        assert!(err.line >= 2, "{err:?}");
    }

    #[test]
    fn a_list_is_not_accepted_as_front_matter() {
        assert!(top_level_keys("- a\n- b\n").is_err());
    }

    #[test]
    fn closest_suggests_a_near_key_and_nothing_for_nonsense() {
        assert_eq!(closest("titel", ["title", "date"]), Some("title"));
        assert_eq!(closest("zzzz", ["title", "date"]), None);
    }

    #[test]
    fn serde_messages_become_vietnamese_without_their_place() {
        assert_eq!(
            yaml_problem("invalid type: sequence, expected a string at line 2 column 8").0,
            "sai kiểu giá trị: cần một chữ (chuỗi), nhưng đang là một danh sách"
        );
        let (m, hint) = yaml_problem(
            "unknown field `locaton`, expected one of `start`, `end`, `location`, `participants`",
        );
        assert!(m.contains("`locaton`") && m.contains("location"), "{m}");
        assert!(hint.unwrap().contains("`location`"));
        assert_eq!(yaml_problem("missing field `name`").0, "thiếu khóa `name`");
        assert_eq!(
            yaml_problem(
                "draft: invalid type: string \"có\", expected a boolean at line 4 column 8"
            )
            .0,
            "draft: sai kiểu giá trị: cần true hoặc false, nhưng đang là một chữ (chuỗi) \"có\""
        );
    }
}
