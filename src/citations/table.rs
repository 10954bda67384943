//! The table of documents: looking a number up, and what a number found in a text is (a
//! citation, an unknown number, a number written wrongly) with what to tell the officer.

use std::collections::HashMap;
use std::ops::Range;

use super::number::{self, loose_key, Fault, Symbol};
use super::DOCUMENTS_PATH;
use crate::msg;

/// A document of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// As the rules write it, NFC: `118/2025/NĐ-CP`.
    pub number: String,
    /// The number folded to ASCII: `118-2025-nd-cp`.
    pub slug: String,
    pub title: String,
    /// Date of issue.
    pub date: jiff::civil::Date,
    /// The official text.
    pub url: String,
    /// Who issued it (`Chính phủ`), when the table says.
    pub issuer: Option<String>,
    pub description: Option<String>,
}

impl Document {
    /// Site path of the document's page: `van-ban/118-2025-nd-cp/`.
    pub fn path(&self) -> String {
        format!("{DOCUMENTS_PATH}{}/", self.slug)
    }
}

/// The documents of `data/van-ban.yaml`, as written there.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub documents: Vec<Document>,
    by_number: HashMap<String, usize>,
    /// Number and symbol without the year (`118/NĐ-CP`) → documents, to suggest the right one.
    by_loose: HashMap<String, Vec<usize>>,
}

impl Table {
    pub(super) fn new(documents: Vec<Document>) -> Table {
        let mut table = Table {
            documents,
            ..Table::default()
        };
        for (i, d) in table.documents.iter().enumerate() {
            table.by_number.insert(d.number.clone(), i);
            if let Some(key) = loose_key(&d.number) {
                table.by_loose.entry(key).or_default().push(i);
            }
        }
        table
    }

    pub fn get(&self, number: &str) -> Option<&Document> {
        self.by_number.get(number).map(|&i| &self.documents[i])
    }

    /// A hash of everything a page's HTML and warnings take from the table: the numbers, their
    /// pages and titles (the link's tooltip).
    pub fn fingerprint(&self) -> crate::key::Hash {
        let mut h = crate::key::Hasher::new();
        for d in &self.documents {
            for part in [&d.number, &d.slug, &d.title] {
                h.update(part.as_bytes()).update(b"\0");
            }
            h.update(b"\n");
        }
        h.finalize()
    }

    /// Every document number in `text` (NFC, as every text loa reads), in order.
    pub fn scan(&self, text: &str) -> Vec<Mention> {
        if !text.contains('/') {
            return Vec::new();
        }
        number::find(text)
            .map(|(range, symbol)| {
                let written = text[range.clone()].to_string();
                let cite = self.cite(&written, symbol);
                let phrase_start = match cite {
                    Cite::Known(_) => number::phrase_start(text, range.start),
                    _ => range.start,
                };
                Mention {
                    range,
                    phrase_start,
                    written,
                    cite,
                }
            })
            .collect()
    }

    fn cite(&self, written: &str, symbol: Symbol) -> Cite {
        let near = |number: &str| {
            loose_key(number)
                .and_then(|k| self.by_loose.get(&k))
                .filter(|found| found.len() == 1)
                .map(|found| found[0])
        };
        match symbol.fault {
            None if symbol.corrected == written => match self.by_number.get(written) {
                Some(&i) => Cite::Known(i),
                None => Cite::Unknown {
                    near: near(written).filter(|&i| self.documents[i].number != written),
                },
            },
            fault => {
                let fault = fault.unwrap_or(Fault::Spelling);
                let known = self.by_number.get(&symbol.corrected).copied();
                let corrected = match (fault, known) {
                    (_, Some(i)) => Some(self.documents[i].number.clone()),
                    (Fault::NoYear, None) => {
                        near(&symbol.corrected).map(|i| self.documents[i].number.clone())
                    }
                    (_, None) => Some(symbol.corrected),
                };
                let known = corrected
                    .as_deref()
                    .and_then(|c| self.by_number.get(c))
                    .copied();
                Cite::Faulty {
                    fault,
                    corrected,
                    known,
                }
            }
        }
    }

    /// What to tell the officer about a mention, if anything.
    pub fn problem(&self, mention: &Mention) -> Option<msg::Advice> {
        let written = &mention.written;
        match &mention.cite {
            Cite::Known(_) => None,
            Cite::Unknown { near } => Some(msg::Advice::new(
                msg::citation_unknown(written),
                msg::hint_citation_unknown(near.map(|i| self.documents[i].number.as_str())),
            )),
            Cite::Faulty {
                fault,
                corrected,
                known,
            } => {
                let message = match fault {
                    Fault::Spelling => msg::citation_misspelled(written),
                    Fault::NoYear => msg::citation_no_year(written),
                    Fault::PartyForm => msg::citation_party_form(written),
                };
                Some(msg::Advice::new(
                    message,
                    msg::hint_citation_fix(corrected.as_deref(), known.is_some()),
                ))
            }
        }
    }
}
/// A document number found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Bytes of the number in the text.
    pub range: Range<usize>,
    /// Where the link starts: before `Nghị định số` when the text names the document's kind
    /// just before its number, else at the number.
    pub phrase_start: usize,
    /// The number as written.
    pub written: String,
    pub cite: Cite,
}

/// What a number found in a text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cite {
    /// Written right and in the table (its index).
    Known(usize),
    /// Written right but not in the table; `near` is a document of the table with the same
    /// number and symbol but another year.
    Unknown { near: Option<usize> },
    /// Written wrongly: the corrected form when loa can tell it, and whether that one is in the table.
    Faulty {
        fault: Fault,
        corrected: Option<String>,
        known: Option<usize>,
    },
}

impl Cite {
    pub fn is_known(&self) -> bool {
        matches!(self, Cite::Known(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::citations::fixture::{table, TABLE};
    use crate::citations::{parse, TABLE_FILE};
    use unicode_normalization::UnicodeNormalization;

    /// (number as written, what it is) of each mention in `text`.
    fn scan(text: &str) -> Vec<(String, Cite)> {
        table()
            .scan(text)
            .into_iter()
            .map(|m| (m.written, m.cite))
            .collect()
    }

    fn faulty(text: &str) -> (Fault, Option<String>, bool) {
        match scan(text).as_slice() {
            [(
                _,
                Cite::Faulty {
                    fault,
                    corrected,
                    known,
                },
            )] => (*fault, corrected.clone(), known.is_some()),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn every_written_form_of_a_known_number_is_found() {
        for text in [
            "Theo Nghị định số 118/2025/NĐ-CP ngày 9/6/2025,",
            "Nghị định 118/2025/NĐ-CP.",
            "(118/2025/NĐ-CP)",
            "118/2025/NĐ-CP",
            "theo nghị định số 118/2025/NĐ-CP; và",
        ] {
            assert_eq!(
                scan(text),
                [("118/2025/NĐ-CP".into(), Cite::Known(0))],
                "{text}"
            );
        }
        assert_eq!(scan("Nghị quyết số 66/NQ-CP")[0].1, Cite::Known(1));
        assert_eq!(
            scan("Nghị quyết số 57-NQ/TW của Bộ Chính trị")[0].1,
            Cite::Known(2)
        );
        assert_eq!(scan("Luật số 80/2015/QH13")[0].1, Cite::Known(3));
    }

    #[test]
    fn the_link_takes_in_the_kind_written_before_the_number() {
        let text = "Thực hiện Nghị định số 118/2025/NĐ-CP, và 66/NQ-CP.";
        let found = table().scan(text);
        assert_eq!(
            &text[found[0].phrase_start..found[0].range.end],
            "Nghị định số 118/2025/NĐ-CP"
        );
        assert_eq!(&text[found[1].phrase_start..found[1].range.end], "66/NQ-CP");
    }

    #[test]
    fn decomposed_text_finds_the_same_documents_once_normalized() {
        let composed = "Nghị định số 118/2025/NĐ-CP và Nghị quyết 66/NQ-CP";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(composed, decomposed);
        let normalized = crate::text::nfc(&decomposed);
        let found = table().scan(&normalized);
        assert_eq!(found.len(), 2);
        assert_eq!(
            &normalized[found[0].phrase_start..found[0].range.end],
            "Nghị định số 118/2025/NĐ-CP"
        );
        // A table written decomposed is read composed.
        let (t, problems) = parse(&TABLE.nfd().collect::<String>());
        assert!(problems.is_empty(), "{problems:?}");
        assert!(t.get("118/2025/NĐ-CP").is_some());
    }

    #[test]
    fn a_well_formed_number_not_in_the_table_is_unknown() {
        assert_eq!(
            scan("Quyết định số 06/QĐ-TTg"),
            [("06/QĐ-TTg".into(), Cite::Unknown { near: None })]
        );
        // Same number and symbol, another year: the table's one is suggested.
        assert_eq!(
            scan("Nghị định 118/2024/NĐ-CP"),
            [("118/2024/NĐ-CP".into(), Cite::Unknown { near: Some(0) })]
        );
        assert_eq!(
            scan("Công văn 1234/UBND-VP")[0].1,
            Cite::Unknown { near: None }
        );
    }

    #[test]
    fn misspelled_numbers_are_flagged_with_the_corrected_form() {
        let known = |s: &str| (Fault::Spelling, Some(s.to_string()), true);
        assert_eq!(faulty("Nghị định 118/2025/ND-CP"), known("118/2025/NĐ-CP"));
        assert_eq!(faulty("118/2025/nđ-cp"), known("118/2025/NĐ-CP"));
        assert_eq!(
            faulty("118/2025/NÐ-CP"),
            known("118/2025/NĐ-CP"),
            "eth for Đ"
        );
        assert_eq!(faulty("118/2025/NĐ–CP"), known("118/2025/NĐ-CP"), "en dash");
        assert_eq!(faulty("66/nq-cp"), known("66/NQ-CP"));
        assert_eq!(faulty("57-nq/tw"), known("57-NQ/TW"));
        // Not in the table: still corrected, and said to be unknown.
        assert_eq!(
            faulty("Quyết định 06/QD-TTG"),
            (Fault::Spelling, Some("06/QĐ-TTg".into()), false)
        );
        assert_eq!(
            faulty("Nghị quyết 15/2025/NQ-HDND"),
            (Fault::Spelling, Some("15/2025/NQ-HĐND".into()), false)
        );
    }

    #[test]
    fn a_decree_without_its_year_and_a_party_document_in_the_state_form_are_flagged() {
        assert_eq!(
            faulty("Nghị định 118/NĐ-CP"),
            (Fault::NoYear, Some("118/2025/NĐ-CP".into()), true)
        );
        assert_eq!(faulty("Nghị định 99/NĐ-CP"), (Fault::NoYear, None, false));
        assert_eq!(
            faulty("Nghị quyết 57/NQ-TW"),
            (Fault::PartyForm, Some("57-NQ/TW".into()), true)
        );
    }

    #[test]
    fn every_problem_has_a_message_and_a_hint_naming_the_fix() {
        let t = table();
        let m = &t.scan("118/2025/ND-CP")[0];
        let msg::Advice { message, hint } = t.problem(m).unwrap();
        assert!(message.contains("118/2025/ND-CP"), "{message}");
        assert!(hint.contains("118/2025/NĐ-CP"), "{hint}");
        let m = &t.scan("06/QĐ-TTg")[0];
        let hint = t.problem(m).unwrap().hint;
        assert!(hint.contains(TABLE_FILE), "{hint}");
        assert!(t.problem(&t.scan("66/NQ-CP")[0]).is_none());
    }
}
