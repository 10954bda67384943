//! The number recogniser: anything in a text shaped like a document number (số, ký hiệu), read
//! into the form Nghị định 30/2020/NĐ-CP wants, with what was written wrongly.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::msg;

/// How a number is written wrongly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// A letter or case wrong: `ND-CP` (Đ without its bar), `nđ-cp`, `TTG`, a dash for `-`.
    Spelling,
    /// A decree, circular or law without its year: `118/NĐ-CP`.
    NoYear,
    /// A Party document in the State's form: `57/NQ-TW` for `57-NQ/TW`.
    PartyForm,
}

// Letters of a symbol; the lower case and `Ð` (Icelandic eth, which looks like `Đ` and comes
// from some fonts and converters) are matched so they can be corrected.
const L: &str = "A-Za-zĐđÐð";
// `-` and the dashes word processors put in its place.
const DASH: &str = "\\-\u{2010}\u{2011}\u{2013}";

/// Anything shaped like a document number: `N/YYYY/TYPE-ISSUER`, `N/TYPE-ISSUER`,
/// `N/YYYY/QH15` (laws), or a Party document's `N-TYPE/BODY`.
static SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    let part = format!("[{L}]{{1,8}}[0-9]{{0,3}}");
    Regex::new(&format!(
        r"(?P<n>[0-9]{{1,5}}(?:\.[0-9]{{1,3}})?)(?:[{DASH}](?P<pt>[{L}]{{1,5}})/(?P<po>[{L}]{{1,8}})|/(?:(?P<y>[0-9]{{4}})/)?(?P<code>{part}(?:[{DASH}]{part})*))"
    ))
    .expect("symbol pattern")
});

/// The kind of document written just before its number: `Nghị định số `, `Nghị quyết `…
static KIND_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:nghị định|nghị quyết|quyết định|thông tư liên tịch|thông tư|bộ luật|luật|pháp lệnh|kế hoạch|chỉ thị|kết luận|công văn|thông báo|hướng dẫn|quy định|văn bản hợp nhất|lệnh)(?:\s+số)?\s+$",
    )
    .expect("kind pattern")
});

/// Type codes of documents (Nghị định 30/2020/NĐ-CP, appendix III), as they are spelled.
const TYPES: &[&str] = &[
    "NĐ", "NQ", "QĐ", "TT", "TTLT", "CT", "KH", "TB", "KL", "HD", "BC", "QC", "QyĐ", "CTr", "TTr",
    "PA", "ĐA", "DA", "CĐ", "HĐ", "BB", "GM", "GUQ", "GGT", "VBHN", "L", "QH", "UBTVQH",
];
/// Types whose number always carries its year since the 2015 law on legal documents.
const NEEDS_YEAR: &[&str] = &["NĐ", "TT", "TTLT"];
/// Issuers spelled other than in capitals, or with `Đ`.
const ISSUERS: &[&str] = &["TTg", "HĐND", "HĐTP", "BCĐ", "CTN"];
/// Party bodies: a document of theirs is written `N-TYPE/BODY`.
const PARTY_BODIES: &[&str] = &[
    "TW", "TU", "ĐU", "HU", "QU", "ĐUK", "BCSĐ", "BTGTW", "BTCTW",
];

/// A number read from a match: its corrected form and what was wrong, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Symbol {
    pub corrected: String,
    pub fault: Option<Fault>,
}

/// Every document number standing alone in `text`: its bytes and how it reads.
pub(super) fn find(text: &str) -> impl Iterator<Item = (Range<usize>, Symbol)> + '_ {
    SYMBOL.captures_iter(text).filter_map(move |caps| {
        let whole = caps.get(0)?;
        if !stands_alone(text, whole.range()) {
            return None;
        }
        Some((whole.range(), Symbol::read(&caps)?))
    })
}

impl Symbol {
    /// `None` when the match is not a document number after all (`3/tuan-le`, `06/CP`).
    fn read(caps: &Captures) -> Option<Symbol> {
        let n = &caps["n"];
        if let (Some(kind), Some(body)) = (caps.name("pt"), caps.name("po")) {
            let (kind, kind_known) = canonical_part(kind.as_str(), TYPES);
            if !kind_known {
                return None;
            }
            let (body, _) = canonical_part(body.as_str(), PARTY_BODIES);
            return Some(Symbol {
                corrected: format!("{n}-{kind}/{body}"),
                fault: None,
            });
        }
        let code = caps.name("code")?.as_str();
        let year = caps.name("y").map(|y| y.as_str());
        let written: Vec<&str> = code.split(is_dash).collect();
        let (kind, kind_known) = canonical_part(written[0], TYPES);
        let plain_case = written.iter().all(|p| is_plain_case(p));
        if !kind_known && !plain_case {
            return None;
        }
        let letters = kind.trim_end_matches(|c: char| c.is_ascii_digit());
        if written.len() == 1 {
            // Only laws and the Standing Committee's texts have no issuer part: `80/2015/QH13`.
            let law = matches!(letters, "QH" | "UBTVQH") && kind != letters && year.is_some();
            return law.then(|| Symbol {
                corrected: format!("{n}/{}/{kind}", year.unwrap_or_default()),
                fault: None,
            });
        }
        let mut parts = vec![kind.clone()];
        parts.extend(written[1..].iter().map(|p| canonical_part(p, ISSUERS).0));
        if year.is_none() && parts.len() == 2 && PARTY_BODIES.contains(&parts[1].as_str()) {
            return Some(Symbol {
                corrected: format!("{n}-{kind}/{}", parts[1]),
                fault: Some(Fault::PartyForm),
            });
        }
        let code = parts.join("-");
        let corrected = match year {
            Some(y) => format!("{n}/{y}/{code}"),
            None => format!("{n}/{code}"),
        };
        let fault =
            (year.is_none() && NEEDS_YEAR.contains(&kind.as_str())).then_some(Fault::NoYear);
        Some(Symbol { corrected, fault })
    }
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

/// Written in capitals (with `Đ`, not `Ð`), or exactly as a mixed-case code is spelled (`TTg`).
fn is_plain_case(part: &str) -> bool {
    let letters = part.trim_end_matches(|c: char| c.is_ascii_digit());
    (letters.chars().all(|c| c.is_ascii_uppercase() || c == 'Đ'))
        || TYPES.contains(&letters)
        || ISSUERS.contains(&letters)
}

/// A part of a symbol as it should be spelled, and whether it is one of `known`: the same
/// letters in another case (`nđ`, `TTG`), or `D`/`Ð` written for `Đ` (`ND`), become the known
/// spelling; other parts are put in capitals. Digits after the letters (`QH15`) are kept.
fn canonical_part(part: &str, known: &[&str]) -> (String, bool) {
    let cut = part
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(part.len());
    let (letters, digits) = part.split_at(cut);
    let letters = letters.replace('Ð', "Đ").replace('ð', "đ");
    let upper = letters.to_uppercase();
    let fold = |s: &str| s.to_uppercase().replace('Đ', "D");
    let found = known
        .iter()
        .find(|k| **k == letters)
        .or_else(|| known.iter().find(|k| k.to_uppercase() == upper))
        .or_else(|| {
            let same: Vec<&&str> = known.iter().filter(|k| fold(k) == fold(&letters)).collect();
            (same.len() == 1).then(|| same[0])
        });
    match found {
        Some(k) => (format!("{k}{digits}"), true),
        None => (format!("{upper}{digits}"), false),
    }
}

/// The number and symbol without the year, to find a document written with another year or
/// none: `118/2025/NĐ-CP` → `118/NĐ-CP`.
pub(super) fn loose_key(number: &str) -> Option<String> {
    let (n, rest) = number.split_once('/')?;
    let code = match rest.split_once('/') {
        Some((year, code)) if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) => code,
        _ => rest,
    };
    Some(format!("{n}/{code}"))
}

/// A number standing on its own, not a piece of a path, a file name or a longer code.
fn stands_alone(text: &str, range: Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let mut after = text[range.end..].chars();
    let next = after.next();
    let following = after.next();
    let bad_before =
        before.is_some_and(|c| c.is_alphanumeric() || "/.-_#".contains(c) || is_dash(c));
    let bad_after = match next {
        Some(c) if c.is_alphanumeric() || c == '/' || c == '_' => true,
        Some('.' | '-') => following.is_some_and(char::is_alphanumeric),
        _ => false,
    };
    !bad_before && !bad_after
}

/// Where a citation's link starts: at `Nghị định số` written just before the number.
pub(super) fn phrase_start(text: &str, number_start: usize) -> usize {
    // The longest kind (`văn bản hợp nhất số `) is well under 40 characters.
    let mut from = number_start.saturating_sub(60);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    KIND_BEFORE
        .find(&text[from..number_start])
        .map_or(number_start, |m| from + m.start())
}

/// Why a number written in the table could never be found in a text.
pub(super) fn check_number(number: &str) -> Option<msg::Advice> {
    let caps = SYMBOL
        .captures(number)
        .filter(|c| c.get(0).is_some_and(|m| m.as_str() == number));
    let Some(symbol) = caps.as_ref().and_then(Symbol::read) else {
        return Some(msg::Advice::new(
            msg::table_bad_number(number),
            msg::HINT_TABLE_NUMBER,
        ));
    };
    if symbol.fault.is_none() && symbol.corrected == number {
        return None;
    }
    let message = match symbol.fault {
        Some(Fault::NoYear) => msg::citation_no_year(number),
        Some(Fault::PartyForm) => msg::citation_party_form(number),
        _ => msg::citation_misspelled(number),
    };
    let hint = match symbol.fault {
        Some(Fault::NoYear) => msg::HINT_TABLE_NUMBER.to_string(),
        _ => msg::hint_citation_fix(Some(&symbol.corrected), true),
    };
    Some(msg::Advice::new(message, hint))
}

/// The year written in a number: `2025` in `118/2025/NĐ-CP`.
pub(super) fn number_year(number: &str) -> Option<i16> {
    let mut parts = number.split('/');
    parts.next()?;
    let year = parts.next()?;
    (year.len() == 4 && parts.next().is_some())
        .then(|| year.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_fractions_and_project_names_are_not_numbers() {
        for text in [
            "ngày 21/8/2025 và quý III/2025",
            "Đề án 06/CP",
            "tỷ lệ 50/50, 24/7",
            "3/tuan-le",
            "https://example.gov.vn/van-ban/118/2025/NĐ-CP",
            "tệp 118/2025/NĐ-CP.pdf",
            "mã X118/2025/NĐ-CP",
        ] {
            assert_eq!(find(text).count(), 0, "{text}");
        }
    }

    #[test]
    fn a_number_is_read_into_its_corrected_form_with_its_fault() {
        let read = |text: &str| find(text).map(|(_, s)| s).collect::<Vec<_>>();
        let symbol = |corrected: &str, fault| Symbol {
            corrected: corrected.to_string(),
            fault,
        };
        assert_eq!(
            read("Nghị định 118/2025/NĐ-CP"),
            [symbol("118/2025/NĐ-CP", None)]
        );
        assert_eq!(read("66/nq-cp"), [symbol("66/NQ-CP", None)]);
        assert_eq!(
            read("118/NĐ-CP"),
            [symbol("118/NĐ-CP", Some(Fault::NoYear))]
        );
        assert_eq!(
            read("57/NQ-TW"),
            [symbol("57-NQ/TW", Some(Fault::PartyForm))]
        );
    }
}
