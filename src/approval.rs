//! An article's approval as its own file records it: the `approval:` block of its front
//! matter, the seal that binds an approval to the words approved, and where the article stands.
//!
//! Pure. The seal is a hash of the file's text without its approval block, and of who approved
//! it and when; it is computed on the text as loa reads it (UTF-8, line ends as `\n`, accents
//! composed), so an editor that saves with Windows line ends or decomposed accents does not
//! undo an approval, while any change to a word, a front-matter value (tags and `updated:`
//! included: the reader sees them) or the approver's name or time does. A hash edited by hand
//! no longer matches: the article is then treated as waiting again.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;

use crate::diag::Diagnostic;
use crate::msg;

/// The front-matter key of the block.
pub const KEY: &str = "approval";

/// The state the block records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum State {
    /// Not sent for approval yet.
    #[default]
    Draft,
    /// Sent to the leader (chờ duyệt).
    Submitted,
    /// Sent back to the author with a note (trả lại).
    Returned,
    /// Approved (đã duyệt): valid only while the seal matches.
    Approved,
}

impl State {
    /// What `state:` may say: the English key loa writes, or the Vietnamese words.
    pub fn parse(text: &str) -> Option<State> {
        match crate::text::nfc(text.trim()).to_lowercase().as_str() {
            "draft" | "nháp" => Some(State::Draft),
            "submitted" | "chờ duyệt" => Some(State::Submitted),
            "returned" | "trả lại" => Some(State::Returned),
            "approved" | "đã duyệt" => Some(State::Approved),
            _ => None,
        }
    }

    /// The word loa writes in the file.
    pub fn key(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::Submitted => "submitted",
            State::Returned => "returned",
            State::Approved => "approved",
        }
    }

    /// Every word loa writes, for suggestions.
    pub const KEYS: &'static [&'static str] = &["draft", "submitted", "returned", "approved"];
}

/// The block as written. Unknown keys are refused (a mistyped `hash` must not pass unseen).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecord {
    pub state: String,
    pub author: Option<String>,
    pub by: Option<String>,
    pub at: Option<String>,
    pub hash: Option<String>,
    pub note: Option<String>,
}

/// The block read: who did what, when.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub state: State,
    /// Who wrote the article and sent it (`loa submit --by`).
    pub author: Option<String>,
    /// Who approved it or sent it back.
    pub by: Option<String>,
    /// When the state was set, in the site's time zone (`2025-11-25 09:30`).
    pub at: Option<String>,
    /// The seal of an approval.
    pub hash: Option<String>,
    /// The approver's opinion, or why the article was sent back.
    pub note: Option<String>,
}

/// Where an article stands, from its block and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Status {
    /// No block, or `state: draft`.
    #[default]
    Draft,
    Submitted,
    Returned,
    /// Approved, and the text is the one approved.
    Approved,
    /// `state: approved`, but the seal does not match: the text was edited after the
    /// approval, or the block by hand. Waits for approval again.
    Changed,
}

impl Status {
    pub fn is_approved(self) -> bool {
        self == Status::Approved
    }

    /// Waiting for a leader: sent, or approved and changed since.
    pub fn is_waiting(self) -> bool {
        matches!(self, Status::Submitted | Status::Changed)
    }
}

/// An article's approval: the block, where it is, and the status it gives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Approval {
    pub record: Option<Record>,
    pub status: Status,
    /// The line of `approval:` in the file; 0 when there is none.
    pub line: usize,
}

/// An article that waits for an approval, or for its author after one was refused: what
/// the build summary, `loa status` and the leader's review show of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    /// The file, as messages show it: `content/tin-tuc/a.md`.
    pub display: std::path::PathBuf,
    /// The file under `content/`: `tin-tuc/a.md`.
    pub rel: String,
    pub title: String,
    /// Where it is (or will be) published, without the base path: `tin-tuc/a/`.
    pub path: String,
    pub status: Status,
    pub record: Option<Record>,
    /// Whether this build shows it (the leader's review does).
    pub shown: bool,
    /// Who acts next: the approvers (for an article sent, or changed since its approval),
    /// else its author when known.
    pub waits_for: Vec<String>,
}

/// Which articles a build publishes, as far as approval decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Gate {
    /// `approval: required`: an article is published only when approved.
    pub required: bool,
    /// The leader's review (`loa serve --review`): articles waiting for approval are shown
    /// too, as they will look, even before their date.
    pub show_waiting: bool,
}

impl Gate {
    /// Whether an article is published: `public` says whether its draft flag and date let it
    /// be, `draft` is its `draft:`, `status` its approval.
    pub fn admits(self, public: bool, draft: bool, status: Status) -> bool {
        let approved = !self.required || status.is_approved();
        (public && approved) || (self.show_waiting && !draft && status.is_waiting())
    }
}

/// The block as written, checked: its state must be one loa knows, its approver (`by`) one
/// the config lists, when it lists any. `at` places a problem at the line of a value. The
/// status is left to [`status`], which needs the whole text.
pub fn read(
    raw: RawRecord,
    approvers: &crate::config::approval::Approval,
    line: usize,
    at: impl Fn(&str, String) -> Diagnostic,
    problems: &mut Vec<Diagnostic>,
) -> Approval {
    let state = State::parse(&raw.state).unwrap_or_else(|| {
        let closest = crate::yaml::closest(&raw.state, State::KEYS.iter().copied());
        let d = at(&raw.state, msg::bad_approval_state(&raw.state));
        problems.push(d.with_hint(msg::did_you_mean(closest, State::KEYS)));
        State::Submitted
    });
    let by = raw.by.as_deref().filter(|by| !by.trim().is_empty());
    if let Some(by) = by.filter(|by| !approvers.admits(by)) {
        let d = at(by, msg::unknown_approver(by));
        problems.push(d.with_hint(msg::hint_approvers(&approvers.names())));
    }
    let clean = |s: Option<String>| {
        s.map(|s| crate::text::nfc(s.trim()))
            .filter(|s| !s.is_empty())
    };
    let record = Record {
        state,
        author: clean(raw.author),
        by: clean(raw.by),
        at: clean(raw.at),
        hash: clean(raw.hash),
        note: clean(raw.note),
    };
    Approval {
        record: Some(record),
        status: Status::Draft,
        line,
    }
}

/// The warning an article gets when its approval no longer holds (approval required): edited
/// since, or its block changed by hand. `None` for any other status.
pub fn changed_warning(approval: &Approval, display: &Path) -> Option<Diagnostic> {
    if approval.status != Status::Changed {
        return None;
    }
    let record = approval.record.as_ref()?;
    let sealed = record.by.is_some()
        && record.at.is_some()
        && record.hash.as_deref().is_some_and(looks_like_seal);
    let file = display.to_string_lossy();
    let (message, hint) = if sealed {
        (msg::APPROVAL_CHANGED, msg::hint_approval_changed(&file))
    } else {
        (
            msg::APPROVAL_SEAL_BROKEN,
            msg::hint_approval_seal_broken(&file),
        )
    };
    Some(Diagnostic::warning(display, approval.line, 1, message).with_hint(hint))
}

/// The status `record` gives the file whose text (as loa reads it) is `text`.
pub fn status(record: Option<&Record>, text: &str) -> Status {
    let Some(record) = record else {
        return Status::Draft;
    };
    match record.state {
        State::Draft => Status::Draft,
        State::Submitted => Status::Submitted,
        State::Returned => Status::Returned,
        State::Approved => match (&record.by, &record.at, &record.hash) {
            (Some(by), Some(at), Some(hash)) if *hash == seal(text, by, at) => Status::Approved,
            _ => Status::Changed,
        },
    }
}

/// The seal of an approval by `by` at `at` of the file whose text (as loa reads it) is
/// `text`: 64 hex digits.
pub fn seal(text: &str, by: &str, at: &str) -> String {
    let sealed = without_block(text);
    let mut hasher = blake3::Hasher::new_derive_key("loa 2026-01 approval of an article");
    // Each piece with its length first, so no two different triples hash alike.
    for piece in [sealed.as_str(), by, at] {
        hasher.update(&(piece.len() as u64).to_le_bytes());
        hasher.update(piece.as_bytes());
    }
    hasher.finalize().to_hex().to_string()
}

/// Whether `hash` has the shape of a seal (64 lowercase hex digits).
pub fn looks_like_seal(hash: &str) -> bool {
    hash.len() == 64 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// `text` without its approval block: what a seal covers.
pub fn without_block(text: &str) -> String {
    match block(text) {
        Some(range) => format!("{}{}", &text[..range.start], &text[range.end..]),
        None => text.to_string(),
    }
}

/// The bytes of the front matter's YAML: after the first line `---`, up to the line that
/// closes it. Line ends may be `\n` or `\r\n`; a byte-order mark is skipped.
pub fn front_matter(text: &str) -> Option<Range<usize>> {
    let start = usize::from(text.starts_with('\u{feff}')) * '\u{feff}'.len_utf8();
    let mut lines = Lines::new(text, start);
    let (_, first) = lines.next()?;
    if first != "---" {
        return None;
    }
    let yaml_start = lines.offset;
    for (at, line) in lines {
        if line == "---" || line == "..." {
            return Some(yaml_start..at);
        }
    }
    None
}

/// The bytes of the approval block in the front matter: the line `approval:` and the
/// indented lines under it (blank lines between them included, blank lines after them not).
pub fn block(text: &str) -> Option<Range<usize>> {
    let yaml = front_matter(text)?;
    let mut lines = Lines::new(&text[..yaml.end], yaml.start);
    let start = loop {
        let (at, line) = lines.next()?;
        if is_key_line(line, KEY) {
            break at;
        }
    };
    let mut end = lines.offset;
    for (at, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        if !line.starts_with([' ', '\t']) {
            break;
        }
        end = at + line_len(text, at);
    }
    Some(start..end)
}

/// The length of the line at `at`, its line end included.
fn line_len(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len() - at, |n| n + 1)
}

/// Whether `line` is the top-level key `key`: `approval:` followed by a space, the end of the
/// line or a comment.
fn is_key_line(line: &str, key: &str) -> bool {
    line.strip_prefix(key)
        .and_then(|rest| rest.strip_prefix(':'))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// The lines of a text from a byte offset: each line's offset and its text without its line
/// end (`\n` or `\r\n`).
struct Lines<'a> {
    text: &'a str,
    offset: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str, offset: usize) -> Lines<'a> {
        Lines { text, offset }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        if self.offset >= self.text.len() {
            return None;
        }
        let at = self.offset;
        let len = line_len(self.text, at);
        self.offset += len;
        let line = &self.text[at..at + len];
        let line = line.strip_suffix('\n').unwrap_or(line);
        Some((at, line.strip_suffix('\r').unwrap_or(line)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "---\ntitle: \"A\"\ndate: 2025-11-01\napproval:\n  state: approved\n  by: \"Nguyễn Văn An\"\n\n  at: \"2025-11-02 09:00\"\n\ntags: [x]\n---\nNội dung.\n";

    fn approved(text: &str, by: &str, at: &str) -> Record {
        Record {
            state: State::Approved,
            by: Some(by.into()),
            at: Some(at.into()),
            hash: Some(seal(text, by, at)),
            ..Record::default()
        }
    }

    #[test]
    fn the_block_is_its_key_line_and_the_indented_lines_under_it() {
        let range = block(ARTICLE).unwrap();
        assert_eq!(
            &ARTICLE[range],
            "approval:\n  state: approved\n  by: \"Nguyễn Văn An\"\n\n  at: \"2025-11-02 09:00\"\n"
        );
    }

    #[test]
    fn a_block_written_last_or_on_one_line_is_found_too() {
        let last = "---\ntitle: A\napproval:\n  state: submitted\n---\nx\n";
        assert_eq!(
            &last[block(last).unwrap()],
            "approval:\n  state: submitted\n"
        );
        let flow = "---\napproval: {state: submitted}\ntitle: A\n---\nx\n";
        assert_eq!(
            &flow[block(flow).unwrap()],
            "approval: {state: submitted}\n"
        );
    }

    #[test]
    fn the_word_approval_in_the_body_or_another_key_is_not_the_block() {
        let text =
            "---\ntitle: A\napprovals: 3\nnote: |\n  approval:\n---\napproval:\n  state: x\n";
        assert_eq!(block(text), None);
    }

    #[test]
    fn crlf_and_a_byte_order_mark_are_read_like_plain_lf() {
        let text = "\u{feff}---\r\ntitle: A\r\napproval:\r\n  state: submitted\r\n---\r\nx\r\n";
        assert_eq!(
            &text[block(text).unwrap()],
            "approval:\r\n  state: submitted\r\n"
        );
    }

    #[test]
    fn an_approval_holds_while_the_text_is_the_one_approved() {
        let record = approved(ARTICLE, "Nguyễn Văn An", "2025-11-02 09:00");
        assert_eq!(status(Some(&record), ARTICLE), Status::Approved);
        // The block itself may be rewritten (it is not sealed).
        let moved = ARTICLE.replace("\n\n  at:", "\n  at:");
        assert_eq!(status(Some(&record), &moved), Status::Approved);
    }

    #[test]
    fn any_edit_of_the_words_tags_or_dates_undoes_the_approval() {
        let record = approved(ARTICLE, "Nguyễn Văn An", "2025-11-02 09:00");
        for edited in [
            ARTICLE.replace("Nội dung.", "Nội dung mới."),
            ARTICLE.replace("tags: [x]", "tags: [x, y]"),
            ARTICLE.replace("date: 2025-11-01", "date: 2025-11-01\nupdated: 2025-11-03"),
        ] {
            assert_eq!(status(Some(&record), &edited), Status::Changed, "{edited}");
        }
    }

    #[test]
    fn a_hash_or_approver_edited_by_hand_is_not_an_approval() {
        let mut record = approved(ARTICLE, "Nguyễn Văn An", "2025-11-02 09:00");
        record.by = Some("Trần Thị Bình".into());
        assert_eq!(status(Some(&record), ARTICLE), Status::Changed);
        let mut record = approved(ARTICLE, "Nguyễn Văn An", "2025-11-02 09:00");
        let mut hash = record.hash.take().unwrap();
        let last = if hash.ends_with('0') { '1' } else { '0' };
        hash.pop();
        hash.push(last);
        record.hash = Some(hash);
        assert_eq!(status(Some(&record), ARTICLE), Status::Changed);
        record.hash = None;
        assert_eq!(status(Some(&record), ARTICLE), Status::Changed);
    }

    #[test]
    fn the_gate_publishes_only_approved_articles_when_approval_is_required() {
        let required = Gate {
            required: true,
            show_waiting: false,
        };
        assert!(required.admits(true, false, Status::Approved));
        assert!(!required.admits(true, false, Status::Submitted));
        assert!(!required.admits(false, true, Status::Approved));
        assert!(Gate::default().admits(true, false, Status::Draft));
        let review = Gate {
            required: true,
            show_waiting: true,
        };
        assert!(review.admits(false, false, Status::Changed));
        assert!(!review.admits(false, true, Status::Submitted));
        assert!(!review.admits(true, false, Status::Returned));
    }

    #[test]
    fn states_are_read_in_english_or_vietnamese() {
        assert_eq!(State::parse("Chờ duyệt"), Some(State::Submitted));
        assert_eq!(State::parse("approved"), Some(State::Approved));
        assert_eq!(State::parse("ok"), None);
    }
}
