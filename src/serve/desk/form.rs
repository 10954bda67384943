//! The article form: the front matter as the desk's fields, and back.
//!
//! The officer never writes YAML: the page sends the fields, and the file is written here as
//! a hand-written article would be (the keys in their usual order, text quoted, lists as
//! `- item` lines). Keys the form does not show (`slug`, `aliases`, `approval`…) travel as
//! their own lines of YAML, untouched, so nothing the file held is lost.

use serde::{Deserialize, Serialize};

use crate::yaml::{self, Mapping, Value};

/// The keys the form shows; every other key is kept in `extra`.
const FORM_KEYS: &[&str] = &[
    "title",
    "date",
    "topics",
    "tags",
    "unit",
    "channels",
    "summary",
    "image",
    "image_alt",
    "draft",
    "featured",
    "event",
];

/// What the form shows of an article's front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Fields {
    pub title: String,
    /// The section folder (read-only once the file exists).
    pub section: String,
    /// `2025-10-02T08:00`, as `<input type="datetime-local">` gives it; empty for none.
    pub date: String,
    pub topics: Vec<String>,
    pub tags: Vec<String>,
    pub unit: String,
    pub channels: Vec<String>,
    pub summary: String,
    pub image: String,
    pub image_alt: String,
    pub draft: bool,
    /// `featured: true`: the home page may lead with it.
    pub featured: bool,
    pub event: Option<EventFields>,
}

/// The `event:` block.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventFields {
    pub start: String,
    pub end: String,
    pub location: String,
    pub participants: Option<u64>,
}

/// An article file taken apart for the desk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Parts {
    pub fields: Fields,
    /// The front matter's other keys, as YAML lines.
    pub extra: String,
    /// The Markdown after the front matter (and the blank line after it).
    pub body: String,
    /// Line of the file where `body` starts.
    #[serde(skip)]
    pub body_line: usize,
}

/// Takes a file's text apart. A front matter that is not valid YAML cannot be shown in the
/// form: the problem is returned (the desk then says to fix it, or shows the whole text).
pub fn read(text: &str, section: &str) -> Result<Parts, yaml::YamlError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(range) = crate::approval::front_matter(text) else {
        return Ok(Parts {
            fields: Fields {
                section: section.to_string(),
                ..Fields::default()
            },
            extra: String::new(),
            body: normalize_newlines(text),
            body_line: 1,
        });
    };
    let yaml_text = normalize_newlines(&text[range.clone()]);
    let value: Value = yaml::from_str(&yaml_text).map_err(|mut e| {
        e.line += 1;
        e
    })?;
    let mapping = match value {
        Value::Mapping(m) => m,
        _ => Mapping::new(),
    };
    let mut fields = fields_of(&mapping);
    fields.section = section.to_string();
    let extra = extra_lines(&yaml_text)?;
    // After the closing `---` line, one blank line is the separator, not the body's.
    let after = &text[range.end..];
    let closing = after.find('\n').map_or(after.len(), |i| i + 1);
    let mut body = &after[closing..];
    let mut body_line = 2 + text[..range.end].matches('\n').count();
    for blank in ["\r\n", "\n"] {
        if let Some(rest) = body.strip_prefix(blank) {
            body = rest;
            body_line += 1;
            break;
        }
    }
    Ok(Parts {
        fields,
        extra,
        body: normalize_newlines(body),
        body_line,
    })
}

fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n")
}

fn fields_of(m: &Mapping) -> Fields {
    let text = |key: &str| match m.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    };
    let list = |key: &str| match m.get(key) {
        Some(Value::Sequence(items)) => items.iter().filter_map(scalar).collect(),
        Some(other) => scalar(other).into_iter().collect(),
        None => Vec::new(),
    };
    let event = match m.get("event") {
        Some(Value::Mapping(e)) => Some(EventFields {
            start: to_form_date(&e.get("start").and_then(scalar).unwrap_or_default()),
            end: to_form_date(&e.get("end").and_then(scalar).unwrap_or_default()),
            location: e.get("location").and_then(scalar).unwrap_or_default(),
            participants: e.get("participants").and_then(Value::as_u64),
        }),
        _ => None,
    };
    Fields {
        title: text("title"),
        section: String::new(),
        date: to_form_date(&text("date")),
        topics: list("topics"),
        tags: list("tags"),
        unit: text("unit"),
        channels: list("channels"),
        summary: text("summary"),
        image: text("image"),
        image_alt: text("image_alt"),
        draft: matches!(m.get("draft"), Some(Value::Bool(true))),
        featured: matches!(m.get("featured"), Some(Value::Bool(true))),
        event,
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `2025-10-02 08:00` (or `…T08:00:00+07:00`, or a date alone) as the form's
/// `2025-10-02T08:00`. Anything else is shown as written, for the officer to correct.
fn to_form_date(written: &str) -> String {
    let w = written.trim();
    let b = w.as_bytes();
    let is_date = b.len() >= 10 && b[4] == b'-' && b[7] == b'-';
    if !is_date {
        return w.to_string();
    }
    if b.len() == 10 {
        return format!("{w}T00:00");
    }
    if b.len() >= 16 && (b[10] == b' ' || b[10] == b'T') && b[13] == b':' {
        return format!("{}T{}", &w[..10], &w[11..16]);
    }
    w.to_string()
}

/// The lines of every top-level key the form does not show, in the file's order, each with
/// the comments and indented lines that follow it.
fn extra_lines(yaml_text: &str) -> Result<String, yaml::YamlError> {
    let keys = yaml::top_level_keys(yaml_text)?;
    let lines: Vec<&str> = yaml_text.lines().collect();
    let mut starts: Vec<(usize, &str)> = keys.iter().map(|k| (k.line, k.name.as_str())).collect();
    starts.sort_unstable();
    let mut out = String::new();
    for (i, (line, name)) in starts.iter().enumerate() {
        if FORM_KEYS.contains(name) || *line == 0 {
            continue;
        }
        let end = starts.get(i + 1).map_or(lines.len() + 1, |next| next.0);
        for l in &lines[line - 1..(end - 1).min(lines.len())] {
            out.push_str(l);
            out.push('\n');
        }
    }
    Ok(out)
}

/// A problem with what the page sent, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadField {
    pub field: &'static str,
    pub message: String,
}

/// The file's text from the form: the front matter, a blank line, the body. `crlf`: the file
/// had Windows line ends, which it keeps.
pub fn compose(fields: &Fields, extra: &str, body: &str, crlf: bool) -> Result<String, BadField> {
    check_extra(extra)?;
    let mut out = String::from("---\n");
    line(
        &mut out,
        "title",
        &quoted(&crate::text::nfc(fields.title.trim())),
    );
    if !fields.date.trim().is_empty() {
        line(&mut out, "date", &file_date(&fields.date, "date")?);
    }
    list(&mut out, "topics", &fields.topics, true);
    let tags: Vec<String> = fields
        .tags
        .iter()
        .map(|t| crate::text::nfc(t.trim()))
        .collect();
    list(&mut out, "tags", &tags, true);
    if !fields.unit.trim().is_empty() {
        line(&mut out, "unit", &plain_or_quoted(fields.unit.trim()));
    }
    list(&mut out, "channels", &fields.channels, false);
    line(
        &mut out,
        "summary",
        &quoted(&crate::text::nfc(fields.summary.trim())),
    );
    if !fields.image.trim().is_empty() {
        line(&mut out, "image", &quoted(fields.image.trim()));
        line(
            &mut out,
            "image_alt",
            &quoted(&crate::text::nfc(fields.image_alt.trim())),
        );
    }
    if fields.draft {
        line(&mut out, "draft", "true");
    }
    if fields.featured {
        line(&mut out, "featured", "true");
    }
    if let Some(event) = &fields.event {
        event_block(&mut out, event)?;
    }
    out.push_str(extra.trim_end_matches('\n'));
    if !extra.trim().is_empty() {
        out.push('\n');
    }
    out.push_str("---\n\n");
    let body = normalize_newlines(body);
    out.push_str(&crate::text::nfc(&body));
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(if crlf { out.replace('\n', "\r\n") } else { out })
}

fn event_block(out: &mut String, event: &EventFields) -> Result<(), BadField> {
    out.push_str("event:\n");
    out.push_str(&format!(
        "  start: {}\n",
        file_date(&event.start, "event.start")?
    ));
    if !event.end.trim().is_empty() {
        out.push_str(&format!("  end: {}\n", file_date(&event.end, "event.end")?));
    }
    if !event.location.trim().is_empty() {
        let place = quoted(&crate::text::nfc(event.location.trim()));
        out.push_str(&format!("  location: {place}\n"));
    }
    if let Some(n) = event.participants {
        out.push_str(&format!("  participants: {n}\n"));
    }
    Ok(())
}

fn line(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(": ");
    out.push_str(value);
    out.push('\n');
}

/// A list as `- item` lines; an empty one as `[]` when `keep_empty` (the prompt `loa new`
/// writes), else left out.
fn list(out: &mut String, key: &str, items: &[String], keep_empty: bool) {
    let items: Vec<&str> = (items.iter().map(|s| s.trim()))
        .filter(|s| !s.is_empty())
        .collect();
    if items.is_empty() {
        if keep_empty {
            line(out, key, "[]");
        }
        return;
    }
    out.push_str(key);
    out.push_str(":\n");
    for item in items {
        out.push_str("  - ");
        out.push_str(&plain_or_quoted(item));
        out.push('\n');
    }
}

/// Text in double quotes, escaped as JSON (a subset of YAML's double-quoted style).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// A key such as `par-index` as it is; anything else quoted.
fn plain_or_quoted(s: &str) -> String {
    let plain = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-');
    if plain {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// The form's `2025-10-02T08:00` as a file writes it: `2025-10-02 08:00`.
fn file_date(form: &str, field: &'static str) -> Result<String, BadField> {
    let f = form.trim();
    let ok = |s: &str, pattern: &str| {
        s.len() == pattern.len()
            && s.bytes().zip(pattern.bytes()).all(|(c, p)| match p {
                b'9' => c.is_ascii_digit(),
                _ => c == p,
            })
    };
    if ok(f, "9999-99-99T99:99") {
        Ok(format!("{} {}", &f[..10], &f[11..]))
    } else if ok(f, "9999-99-99") {
        Ok(f.to_string())
    } else {
        Err(BadField {
            field,
            message: crate::msg::desk_bad_date(form),
        })
    }
}

/// The officer's own YAML may not end the front matter early.
fn check_extra(extra: &str) -> Result<(), BadField> {
    let closes = extra
        .lines()
        .any(|l| l.trim_end() == "---" || l.trim_end() == "...");
    if closes {
        return Err(BadField {
            field: "extra",
            message: crate::msg::DESK_EXTRA_CLOSES.to_string(),
        });
    }
    if let Err(e) = yaml::from_str::<Value>(extra) {
        return Err(BadField {
            field: "extra",
            message: e.message,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HAND_WRITTEN: &str = "---\ntitle: \"Hội nghị CCHC\"\ndate: 2025-10-02 08:00\ntopics:\n  - par-index\n  - sipas\ntags: []\nunit: van-phong\nsummary: \"Tóm tắt.\"\nslug: hoi-nghi\n# the old addresses\naliases:\n  - /cu/\ndraft: true\n---\n\nĐoạn đầu.\n";

    #[test]
    fn a_hand_written_article_comes_back_as_it_was() {
        let parts = read(HAND_WRITTEN, "tin-tuc").unwrap();
        assert_eq!(parts.fields.title, "Hội nghị CCHC");
        assert_eq!(parts.fields.date, "2025-10-02T08:00");
        assert_eq!(parts.fields.topics, ["par-index", "sipas"]);
        assert_eq!(parts.fields.unit, "van-phong");
        assert!(parts.fields.draft);
        assert_eq!(
            parts.extra,
            "slug: hoi-nghi\n# the old addresses\naliases:\n  - /cu/\n"
        );
        assert_eq!(parts.body, "Đoạn đầu.\n");
        assert_eq!(parts.body_line, 17);
        let again = compose(&parts.fields, &parts.extra, &parts.body, false).unwrap();
        let reread = read(&again, "tin-tuc").unwrap();
        assert_eq!(reread, parts);
        assert!(
            again.starts_with(
                "---\ntitle: \"Hội nghị CCHC\"\ndate: 2025-10-02 08:00\ntopics:\n  - par-index\n"
            ),
            "{again}"
        );
    }

    #[test]
    fn windows_line_ends_are_read_and_kept() {
        let crlf = HAND_WRITTEN.replace('\n', "\r\n");
        let parts = read(&crlf, "tin-tuc").unwrap();
        assert_eq!(parts.body, "Đoạn đầu.\n");
        assert_eq!(parts.body_line, 17);
        let again = compose(&parts.fields, &parts.extra, &parts.body, true).unwrap();
        assert_eq!(again.matches('\n').count(), again.matches("\r\n").count());
    }

    #[test]
    fn quotes_and_colons_in_a_title_stay_text() {
        let fields = Fields {
            title: "Nghị định 118: \"một cửa\" # mới".into(),
            tags: vec!["Hội nghị".into()],
            ..Fields::default()
        };
        let text = compose(&fields, "", "x", false).unwrap();
        let parts = read(&text, "s").unwrap();
        assert_eq!(parts.fields.title, fields.title);
        assert_eq!(parts.fields.tags, fields.tags);
    }

    #[test]
    fn a_bad_date_or_an_early_end_is_refused() {
        let fields = Fields {
            date: "2/10/2025".into(),
            ..Fields::default()
        };
        assert_eq!(compose(&fields, "", "", false).unwrap_err().field, "date");
        let err = compose(&Fields::default(), "x: 1\n---\ny: 2\n", "", false).unwrap_err();
        assert_eq!(err.field, "extra");
    }

    #[test]
    fn an_event_round_trips() {
        let fields = Fields {
            title: "Ngày Pháp luật".into(),
            event: Some(EventFields {
                start: "2025-11-09T07:30".into(),
                end: String::new(),
                location: "Hội trường Sở".into(),
                participants: Some(120),
            }),
            ..Fields::default()
        };
        let text = compose(&fields, "", "", false).unwrap();
        assert!(
            text.contains("event:\n  start: 2025-11-09 07:30\n"),
            "{text}"
        );
        assert_eq!(read(&text, "").unwrap().fields.event, fields.event);
    }
}
