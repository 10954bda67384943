//! The front matter of an imported article: title, date (from the file's properties), the
//! topics given or suggested, a summary cut from the first paragraph, and `draft: true`.

use super::model::{Block, Properties, Role};
use super::report::DateFrom;
use crate::msg;

/// The longest summary, in characters; the first paragraph is cut at a sentence before it.
const SUMMARY_MAX: usize = 300;

/// What the front matter says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Front {
    pub title: String,
    /// `2025-11-20 08:30`, in the site's time zone.
    pub date: String,
    pub topics: Vec<String>,
    /// The topics are loa's suggestion, not the officer's choice.
    pub suggested: bool,
    pub summary: String,
}

impl Front {
    /// The front matter, between its `---` lines, followed by a blank line.
    pub fn render(&self) -> String {
        let quoted = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string());
        let mut out = format!("---\ntitle: {}\ndate: {}\n", quoted(&self.title), self.date);
        if self.suggested {
            let comment = if self.topics.is_empty() {
                msg::IMPORT_TOPICS_NONE_COMMENT
            } else {
                msg::IMPORT_TOPICS_COMMENT
            };
            out.push_str(&format!("# {comment}\n"));
        }
        if self.topics.is_empty() {
            out.push_str("topics: []\n");
        } else {
            out.push_str("topics:\n");
            for t in &self.topics {
                out.push_str(&format!("  - {t}\n"));
            }
        }
        out.push_str(&format!("tags: []\n# {}\n", msg::IMPORT_UNIT_COMMENT));
        out.push_str(&format!(
            "summary: {}\ndraft: true\n---\n\n",
            quoted(&self.summary)
        ));
        out
    }
}

/// The first day a .docx could be saved: Word 2007's format is from 2006. Earlier dates are
/// a writer's placeholder (docx-rs writes 1970-01-01).
const FIRST_DOCX: i64 = 1_136_073_600;

/// The article's date: the file's last save, else its creation, else now; never later than
/// now (a draft dated in the future would also be scheduled), nor before .docx existed.
pub fn date(properties: &Properties, now: &jiff::ZonedDateTime) -> (String, DateFrom) {
    let parse = |value: &Option<String>| {
        value
            .as_deref()
            .and_then(|v| v.trim().parse::<jiff::Timestamp>().ok())
            .filter(|t| *t <= now.timestamp() && t.as_second() >= FIRST_DOCX)
    };
    let (when, from) = match (parse(&properties.modified), parse(&properties.created)) {
        (Some(t), _) => (
            t.to_zoned_datetime(now.time_zone().clone()),
            DateFrom::Modified,
        ),
        (None, Some(t)) => (
            t.to_zoned_datetime(now.time_zone().clone()),
            DateFrom::Created,
        ),
        (None, None) => (now.clone(), DateFrom::Now),
    };
    (when.strftime("%Y-%m-%d %H:%M").to_string(), from)
}

/// The first paragraph of text (not a heading, list item, caption or picture), cut after the
/// last sentence that fits in [`SUMMARY_MAX`] characters, else at a word.
pub fn summary(blocks: &[Block]) -> String {
    let first = blocks.iter().find_map(|b| match b {
        Block::Paragraph(p) if p.role == Role::Body && p.list.is_none() => {
            Some(p.plain_text()).filter(|t| !t.is_empty())
        }
        _ => None,
    });
    let Some(text) = first else {
        return String::new();
    };
    if text.chars().count() <= SUMMARY_MAX {
        return text;
    }
    let limit = text
        .char_indices()
        .nth(SUMMARY_MAX)
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..limit];
    let sentence_end = head
        .match_indices(['.', '!', '?', '…'])
        .map(|(i, m)| i + m.len())
        .rfind(|&end| text[end..].starts_with(' '));
    match sentence_end {
        Some(end) => text[..end].to_string(),
        None => {
            let cut = head.rfind(' ').unwrap_or(head.len());
            format!("{}…", &head[..cut])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::model::{Emphasis, Inline, Paragraph};

    fn para(text: &str) -> Block {
        Block::Paragraph(Paragraph {
            inlines: vec![Inline::Text {
                text: text.to_string(),
                emphasis: Emphasis::default(),
                link: None,
            }],
            ..Paragraph::default()
        })
    }

    #[test]
    fn the_summary_is_the_first_paragraph_cut_at_a_sentence() {
        let long = format!("{} Câu sau.", "Câu đầu tiên rất dài. ".repeat(14));
        let got = summary(&[para(&long)]);
        assert!(got.ends_with("dài."), "{got}");
        assert!(got.chars().count() <= SUMMARY_MAX);
        assert_eq!(summary(&[para("Ngắn gọn. Hai câu.")]), "Ngắn gọn. Hai câu.");
        let words = "chữ ".repeat(100);
        assert!(summary(&[para(&words)]).ends_with("chữ…"));
    }

    #[test]
    fn the_date_is_the_last_save_unless_it_is_in_the_future() {
        let tz = jiff::tz::TimeZone::get("Asia/Ho_Chi_Minh").unwrap();
        let now = jiff::Timestamp::from_second(1_764_000_000)
            .unwrap()
            .to_zoned_datetime(tz);
        let props = |modified: &str| Properties {
            modified: Some(modified.to_string()),
            created: Some("2025-11-01T01:00:00Z".to_string()),
            ..Properties::default()
        };
        assert_eq!(
            date(&props("2025-11-20T01:30:00Z"), &now),
            ("2025-11-20 08:30".to_string(), DateFrom::Modified)
        );
        assert_eq!(
            date(&props("2099-01-01T00:00:00Z"), &now),
            ("2025-11-01 08:00".to_string(), DateFrom::Created)
        );
        assert_eq!(date(&Properties::default(), &now).1, DateFrom::Now);
        let placeholder = Properties {
            created: Some("1970-01-01T00:00:00Z".to_string()),
            ..Properties::default()
        };
        assert_eq!(date(&placeholder, &now).1, DateFrom::Now);
    }

    #[test]
    fn suggested_topics_are_marked_as_suggestions() {
        let front = Front {
            title: "Tin \"mới\"".to_string(),
            date: "2025-11-20 08:30".to_string(),
            topics: vec!["nghi-dinh-118".to_string()],
            suggested: true,
            summary: "Tóm tắt.".to_string(),
        };
        let text = front.render();
        assert!(
            text.starts_with("---\ntitle: \"Tin \\\"mới\\\"\"\ndate: 2025-11-20 08:30\n# "),
            "{text}"
        );
        assert!(text.contains("topics:\n  - nghi-dinh-118\n"), "{text}");
        assert!(
            text.ends_with("summary: \"Tóm tắt.\"\ndraft: true\n---\n\n"),
            "{text}"
        );
    }
}
