//! Writing an approval block into an article's text: the block is replaced (or added at the
//! end of the front matter) and every other byte stays as it was, line ends included.

use crate::approval::{self, Record};

/// `raw` (the file's text as stored) with its approval block set to `record`; `None` when the
/// text has no front matter to put it in.
pub fn with_block(raw: &str, record: &Record) -> Option<String> {
    let yaml = approval::front_matter(raw)?;
    // The file's own line end, from the line that opens its front matter.
    let eol = if raw[..yaml.start].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let block = render(record, eol);
    let range = approval::block(raw).unwrap_or(yaml.end..yaml.end);
    Some(format!(
        "{}{block}{}",
        &raw[..range.start],
        &raw[range.end..]
    ))
}

/// The block as loa writes it: one key per line, in a fixed order, values quoted.
fn render(record: &Record, eol: &str) -> String {
    let mut out = format!(
        "{}:{eol}  state: {}{eol}",
        approval::KEY,
        record.state.key()
    );
    let fields = [
        ("author", &record.author),
        ("by", &record.by),
        ("at", &record.at),
        ("hash", &record.hash),
        ("note", &record.note),
    ];
    for (key, value) in fields {
        if let Some(value) = value {
            out.push_str(&format!("  {key}: {}{eol}", quoted(value)));
        }
    }
    out
}

/// A YAML double-quoted scalar: whatever the officer typed (quotes, colons, `#`, line breaks)
/// reads back as the same text.
fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::approval::State;

    fn submitted(note: Option<&str>) -> Record {
        Record {
            state: State::Submitted,
            author: Some("Lê Văn Cường".into()),
            at: Some("2025-11-25 12:00".into()),
            note: note.map(String::from),
            ..Record::default()
        }
    }

    #[test]
    fn a_block_is_added_at_the_end_of_the_front_matter_and_nothing_else_moves() {
        let raw = "---\ntitle: \"A\"   # tiêu đề\ndate: 2025-11-01\n---\nNội dung.  \n\n";
        let out = with_block(raw, &submitted(None)).unwrap();
        assert_eq!(
            out,
            "---\ntitle: \"A\"   # tiêu đề\ndate: 2025-11-01\napproval:\n  state: submitted\n  author: \"Lê Văn Cường\"\n  at: \"2025-11-25 12:00\"\n---\nNội dung.  \n\n"
        );
    }

    #[test]
    fn a_block_is_replaced_in_place_and_a_crlf_file_stays_crlf() {
        let raw = "\u{feff}---\r\napproval:\r\n  state: returned\r\n  note: \"x\"\r\n# ghi chú\r\ntitle: A\r\n---\r\nx\r\n";
        let out = with_block(raw, &submitted(None)).unwrap();
        assert_eq!(
            out,
            "\u{feff}---\r\napproval:\r\n  state: submitted\r\n  author: \"Lê Văn Cường\"\r\n  at: \"2025-11-25 12:00\"\r\n# ghi chú\r\ntitle: A\r\n---\r\nx\r\n"
        );
    }

    #[test]
    fn what_the_officer_types_in_a_note_reads_back_unchanged() {
        let note = "Sửa \"đoạn 2\": bỏ #hashtag\\x\nvà\tthêm nguồn; {a: b} - [c]";
        let raw = "---\ntitle: A\n---\n";
        let out = with_block(raw, &submitted(Some(note))).unwrap();
        let yaml = &out[approval::front_matter(&out).unwrap()];
        #[derive(serde::Deserialize)]
        struct Front {
            approval: approval::RawRecord,
        }
        let front: Front = crate::yaml::from_str(yaml).unwrap();
        assert_eq!(front.approval.note.as_deref(), Some(note));
    }

    #[test]
    fn a_text_without_front_matter_is_left_alone() {
        assert_eq!(with_block("# Tiêu đề\n", &submitted(None)), None);
    }
}
