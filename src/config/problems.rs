//! The problems found while resolving config.yaml, each placed at its line in the file's text.

use crate::diag::Diagnostic;
use crate::yaml;

use super::CONFIG_FILE;

/// Where in config.yaml a problem was written, found again in its text.
#[derive(Clone, Copy)]
pub(super) enum Place<'a> {
    /// A top-level key: `paginate: 0`.
    Key(&'a str),
    /// A value written whole: `lead: van-phog`.
    Value(&'a str),
    /// The n-th `key: …` entry with this key (0 = first) in a vocabulary list.
    TermKey(&'a str, usize),
    /// A key inside a block, at any indentation: `  signer:` under `report:`.
    Nested(&'a str),
    /// A key inside the top-level block of the first key: `  email:` under `contact:`.
    InBlock(&'a str, &'a str),
}

impl Place<'_> {
    fn line(self, text: &str) -> usize {
        let found = match self {
            Place::Key(key) => text
                .lines()
                .position(|l| l.starts_with(&format!("{key}:")))
                .map(|i| i + 1),
            Place::Value(value) => yaml::value_lines(text, value).into_iter().next(),
            Place::TermKey(key, nth) => yaml::value_lines(text, key)
                .into_iter()
                .filter(|&l| text.lines().nth(l - 1).is_some_and(|t| t.contains("key:")))
                .nth(nth),
            Place::Nested(key) => text
                .lines()
                .position(|l| l.trim_start().starts_with(&format!("{key}:")))
                .map(|i| i + 1),
            Place::InBlock(block, key) => {
                let start = Place::Key(block).line(text);
                text.lines()
                    .enumerate()
                    .skip(start)
                    .take_while(|(_, l)| l.is_empty() || l.starts_with([' ', '#']))
                    .find(|(_, l)| l.trim_start().starts_with(&format!("{key}:")))
                    .map(|(i, _)| i + 1)
                    .or(Some(start))
            }
        };
        found.unwrap_or(1)
    }
}

/// Every problem found so far, and the text of config.yaml they are placed in.
pub(super) struct Problems<'a> {
    text: &'a str,
    found: Vec<Diagnostic>,
}

impl<'a> Problems<'a> {
    pub(super) fn new(text: &'a str) -> Problems<'a> {
        Problems {
            text,
            found: Vec::new(),
        }
    }

    /// The line of config.yaml where `place` is written (1 when it cannot be found).
    pub(super) fn line(&self, place: Place) -> usize {
        place.line(self.text)
    }

    /// An error at `place`, not yet recorded.
    pub(super) fn at(&self, place: Place, message: String) -> Diagnostic {
        Diagnostic::error(CONFIG_FILE, self.line(place), 1, message)
    }

    pub(super) fn push(&mut self, problem: Diagnostic) {
        self.found.push(problem);
    }

    /// `Ok` when nothing was found, or every problem in the order found.
    pub(super) fn finish(self) -> Result<(), Vec<Diagnostic>> {
        if self.found.is_empty() {
            Ok(())
        } else {
            Err(self.found)
        }
    }
}
