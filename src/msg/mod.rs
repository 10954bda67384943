//! Every message loa shows the officer, in Vietnamese, in one place.
//!
//! Messages say what is wrong in plain words; hints say what to do. Technical detail from a
//! library, when useful, follows the Vietnamese text. One file per area; every message is
//! re-exported here, so callers write `msg::NAME` whatever its area. This module imports
//! nothing of loa.

mod citations;
mod commands;
mod content;
mod desk;
mod expiry;
mod external;
mod import;
mod input;
mod ledger;
mod media;
mod output;
mod pages;
mod portal;
mod publish;
mod readers;
mod report;
mod serve;
mod share;
mod workflow;

pub use citations::*;
pub use commands::*;
pub use content::*;
pub use desk::*;
pub use expiry::*;
pub use external::*;
pub use import::*;
pub use input::*;
pub use ledger::*;
pub use media::*;
pub use output::*;
pub use pages::*;
pub use portal::*;
pub use publish::*;
pub use readers::*;
pub use report::*;
pub use serve::*;
pub use share::*;
pub use workflow::*;

/// What is wrong and what to do about it, before it is placed in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    pub message: String,
    pub hint: String,
}

impl Advice {
    pub fn new(message: impl Into<String>, hint: impl Into<String>) -> Advice {
        Advice {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

pub const LABEL_ERROR: &str = "lỗi";
pub const LABEL_WARNING: &str = "cảnh báo";

/// A path as the officer can read it: control characters (NUL) written as `\u{0}`.
fn shown_path(path: &str) -> String {
    path.chars()
        .map(|c| {
            if c.is_control() {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// What an author wrote, cut to a length a message can show (a `data:` URL runs to megabytes).
fn clip(text: &str) -> std::borrow::Cow<'_, str> {
    const SHOWN: usize = 80;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}
