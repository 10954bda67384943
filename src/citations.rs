//! Legal citations: the table of documents in `data/van-ban.yaml`, and finding their numbers
//! (số, ký hiệu: `118/2025/NĐ-CP`, `66/NQ-CP`, `57-NQ/TW`) in what officers write.
//!
//! Text is scanned for anything shaped like a document number. One written as the rules of
//! Nghị định 30/2020/NĐ-CP want and listed in the table is a citation: the markdown stage turns
//! it into a link to the document's page. One listed nowhere is a warning, never a guessed link;
//! one written wrongly (`ND-CP` for `NĐ-CP`, `nđ-cp`, a decree without its year) is a warning
//! carrying the corrected form.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::assemble::Published;
use crate::diag::Diagnostic;
use crate::msg;
use crate::yaml::{self, Value};

/// The table, relative to the site folder.
pub const TABLE_FILE: &str = "data/van-ban.yaml";

/// Where document pages live: `van-ban/` lists them, `van-ban/<slug>/` is one.
pub const DOCUMENTS_PATH: &str = "van-ban/";

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
    fn new(documents: Vec<Document>) -> Table {
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
    pub fn fingerprint(&self) -> blake3::Hash {
        let mut h = blake3::Hasher::new();
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
        let mut found = Vec::new();
        for caps in SYMBOL.captures_iter(text) {
            let whole = caps.get(0).expect("match");
            if !stands_alone(text, whole.range()) {
                continue;
            }
            let Some(symbol) = Symbol::read(&caps) else {
                continue;
            };
            let written = whole.as_str().to_string();
            let cite = self.cite(&written, symbol);
            let phrase_start = match cite {
                Cite::Known(_) => phrase_start(text, whole.start()),
                _ => whole.start(),
            };
            found.push(Mention {
                range: whole.range(),
                phrase_start,
                written,
                cite,
            });
        }
        found
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

/// The table and where the site is published: what the markdown stage needs to link citations.
#[derive(Debug, Clone, Copy)]
pub struct Linker<'a> {
    pub table: &'a Table,
    pub base: &'a crate::config::BaseUrl,
}

impl Linker<'_> {
    /// The link to a document's page, root-relative.
    pub fn url(&self, index: usize) -> String {
        self.base.link(&self.table.documents[index].path())
    }

    /// The events a text becomes: the text around its known citations, and each citation as a
    /// link titled with the document's name.
    pub fn link_events(
        &self,
        text: &str,
        mentions: &[Mention],
    ) -> Vec<pulldown_cmark::Event<'static>> {
        use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
        let mut events = Vec::new();
        let mut done = 0;
        for m in mentions {
            let Cite::Known(i) = m.cite else { continue };
            let start = m.phrase_start.max(done);
            if start > done {
                events.push(Event::Text(CowStr::from(text[done..start].to_string())));
            }
            events.push(Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url: CowStr::from(self.url(i)),
                title: CowStr::from(self.table.documents[i].title.clone()),
                id: CowStr::from(""),
            }));
            events.push(Event::Text(CowStr::from(
                text[start..m.range.end].to_string(),
            )));
            events.push(Event::End(TagEnd::Link));
            done = m.range.end;
        }
        if done < text.len() {
            events.push(Event::Text(CowStr::from(text[done..].to_string())));
        }
        events
    }
}

/// Where the markdown stage stands in a page: citations are checked everywhere but in code,
/// and linked only in running text (not inside a link, an image, a heading or code).
#[derive(Debug, Default)]
pub struct Scope {
    links: usize,
    code: usize,
    headings: usize,
}

impl Scope {
    pub fn track(&mut self, event: &pulldown_cmark::Event) {
        use pulldown_cmark::{Event, Tag, TagEnd};
        let (counter, open) = match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => (&mut self.links, true),
            Event::End(TagEnd::Link | TagEnd::Image) => (&mut self.links, false),
            Event::Start(Tag::CodeBlock(_)) => (&mut self.code, true),
            Event::End(TagEnd::CodeBlock) => (&mut self.code, false),
            Event::Start(Tag::Heading { .. }) => (&mut self.headings, true),
            Event::End(TagEnd::Heading(_)) => (&mut self.headings, false),
            // The markdown stage passes raw HTML on as `Html` events, inline or not.
            Event::Html(html) | Event::InlineHtml(html) => {
                for (name, open) in html_tags(html) {
                    let counter = match name.as_str() {
                        "a" => &mut self.links,
                        "code" | "pre" | "kbd" | "samp" => &mut self.code,
                        _ => continue,
                    };
                    *counter = if open {
                        *counter + 1
                    } else {
                        counter.saturating_sub(1)
                    };
                }
                return;
            }
            _ => return,
        };
        *counter = if open {
            *counter + 1
        } else {
            counter.saturating_sub(1)
        };
    }

    /// Inside code: numbers there are examples, not citations.
    pub fn in_code(&self) -> bool {
        self.code > 0
    }

    pub fn may_link(&self) -> bool {
        self.links == 0 && self.code == 0 && self.headings == 0
    }
}

/// The tags of a piece of raw HTML, lowercased, with whether each opens (`<a …>`) or closes (`</a>`).
fn html_tags(html: &str) -> Vec<(String, bool)> {
    html.split('<')
        .skip(1)
        .filter_map(|rest| {
            let (open, rest) = match rest.strip_prefix('/') {
                Some(r) => (false, r),
                None => (true, rest),
            };
            let name: String = rest
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            let self_closing = rest.split('>').next().is_some_and(|t| t.ends_with('/'));
            (!name.is_empty() && !self_closing).then_some((name, open))
        })
        .collect()
}

impl Linker<'_> {
    /// Records what `found` cites into `cited` (each number once) and a warning for each
    /// number that is unknown or written wrongly, placed by `place`.
    pub fn note(
        &self,
        found: &[Mention],
        file: &std::path::Path,
        place: impl Fn(&Mention) -> (usize, usize),
        problems: &mut Vec<Diagnostic>,
        cited: &mut Vec<String>,
    ) {
        for m in found {
            if let Cite::Known(i) = m.cite {
                let number = &self.table.documents[i].number;
                if !cited.contains(number) {
                    cited.push(number.clone());
                }
            }
            if let Some(msg::Advice { message, hint }) = self.table.problem(m) {
                let (line, col) = place(m);
                problems.push(Diagnostic::warning(file, line, col, message).with_hint(hint));
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
struct Symbol {
    corrected: String,
    fault: Option<Fault>,
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
fn loose_key(number: &str) -> Option<String> {
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
fn phrase_start(text: &str, number_start: usize) -> usize {
    // The longest kind (`văn bản hợp nhất số `) is well under 40 characters.
    let mut from = number_start.saturating_sub(60);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    KIND_BEFORE
        .find(&text[from..number_start])
        .map_or(number_start, |m| from + m.start())
}

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
    let starts = item_lines(text, items.len());
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
        let in_entry = self
            .text
            .lines()
            .enumerate()
            .skip(self.lines.start.saturating_sub(1))
            .take_while(|(i, _)| i + 1 < self.lines.end);
        for (i, line) in in_entry {
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
        (self.start(), 1)
    }
}

/// The first line of each item of the top-level list: the lines starting with `-` at the
/// list's indentation. When they cannot be told apart (a list written `[…]`), line 1.
fn item_lines(text: &str, count: usize) -> Vec<usize> {
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

/// One entry: every problem of it is reported. Returns the number written (empty if none)
/// and the document, `None` if it cannot be used.
fn read_entry(
    item: &Value,
    place: &Place,
    problems: &mut Vec<Diagnostic>,
) -> (String, Option<Document>) {
    let at = |key: &str, message: String| {
        let (line, col) = place.key(key);
        Diagnostic::error(TABLE_FILE, line, col, message)
    };
    let Value::Mapping(map) = item else {
        problems.push(
            Diagnostic::error(TABLE_FILE, place.start(), 1, msg::TABLE_ENTRY_NOT_A_MAPPING)
                .with_hint(msg::HINT_TABLE_ENTRY),
        );
        return (String::new(), None);
    };
    let before = problems.len();
    let mut fields: HashMap<&str, String> = HashMap::new();
    for (key, value) in map {
        let Some(name) = key.as_str().filter(|k| KEYS.contains(k)) else {
            let name = key
                .as_str()
                .map_or_else(|| format!("{key:?}"), str::to_string);
            problems.push(
                at(&name, msg::unknown_key(&name)).with_hint(msg::did_you_mean(
                    yaml::closest(&name, KEYS.iter().copied()),
                    KEYS,
                )),
            );
            continue;
        };
        match value {
            Value::String(s) => {
                fields.insert(name, crate::text::nfc(s.trim()));
            }
            Value::Null => {}
            _ => {
                problems.push(at(name, msg::table_not_text(name)).with_hint(msg::HINT_TABLE_ENTRY))
            }
        }
    }
    for required in ["number", "title", "date", "url"] {
        let written = map.get(required).is_some_and(|v| match v {
            Value::Null => false,
            Value::String(s) => !s.trim().is_empty(),
            _ => true,
        });
        if !written {
            problems.push(
                Diagnostic::error(TABLE_FILE, place.start(), 1, msg::table_missing(required))
                    .with_hint(msg::HINT_TABLE_ENTRY),
            );
        }
    }
    let mut number = fields.remove("number").unwrap_or_default();
    if !number.is_empty() {
        if let Some(problem) = check_number(&number) {
            problems.push(at("number", problem.message).with_hint(problem.hint));
            // A number that is wrong is not compared with the others: one message is enough.
            number.clear();
        }
    }
    let date_text = fields.remove("date").unwrap_or_default();
    let date = if date_text.is_empty() {
        None
    } else {
        match date_text.parse::<jiff::civil::Date>() {
            Ok(d) if date_text.len() == 10 => Some(d),
            _ => {
                problems.push(
                    at("date", msg::table_bad_date(&date_text)).with_hint(msg::HINT_TABLE_DATE),
                );
                None
            }
        }
    };
    let url = fields.remove("url").unwrap_or_default();
    if !url.is_empty() {
        let good = crate::url_policy::allows(&url)
            && url::Url::parse(&url)
                .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
        if !good {
            problems.push(at("url", msg::table_bad_url(&url)).with_hint(msg::HINT_TABLE_URL));
        }
    }
    if let (Some(date), Some(year)) = (date, number_year(&number)) {
        if date.year() != year {
            let (line, col) = place.key("date");
            problems.push(
                Diagnostic::warning(
                    TABLE_FILE,
                    line,
                    col,
                    msg::table_year_differs(&number, date.year()),
                )
                .with_hint(msg::HINT_TABLE_YEAR),
            );
        }
    }
    let document = match (date, problems[before..].iter().any(Diagnostic::is_error)) {
        (Some(date), false) => Some(Document {
            slug: crate::text::slugify(&number),
            number: number.clone(),
            title: fields.remove("title").unwrap_or_default(),
            date,
            url,
            issuer: fields.remove("issuer").filter(|s| !s.is_empty()),
            description: fields.remove("description").filter(|s| !s.is_empty()),
        }),
        _ => None,
    };
    (number, document)
}

/// Why a number written in the table could never be found in a text.
fn check_number(number: &str) -> Option<msg::Advice> {
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
fn number_year(number: &str) -> Option<i16> {
    let mut parts = number.split('/');
    parts.next()?;
    let year = parts.next()?;
    (year.len() == 4 && parts.next().is_some())
        .then(|| year.parse().ok())
        .flatten()
}

/// A document with the pages that cite it.
#[derive(Debug, Clone)]
pub struct Cited {
    pub document: Document,
    /// Indexes into `Site::pages`: articles newest first, then other pages.
    pub pages: Vec<usize>,
}

/// Every document of the table with the published pages that cite it, newest document first.
/// `articles` is the site's articles, newest first.
pub fn cited(table: Table, pages: &[Published], articles: &[usize]) -> Vec<Cited> {
    let mut is_article = vec![false; pages.len()];
    for &i in articles {
        is_article[i] = true;
    }
    let others = (0..pages.len()).filter(|&i| !is_article[i]);
    let mut citing: HashMap<&str, Vec<usize>> = HashMap::new();
    for i in articles.iter().copied().chain(others) {
        for number in &pages[i].rendered.documents {
            citing.entry(number.as_str()).or_default().push(i);
        }
    }
    let mut documents: Vec<Cited> = table
        .documents
        .into_iter()
        .map(|document| Cited {
            pages: citing.remove(document.number.as_str()).unwrap_or_default(),
            document,
        })
        .collect();
    documents.sort_by(|a, b| {
        b.document.date.cmp(&a.document.date).then_with(|| {
            crate::text::collation_key(&a.document.number)
                .cmp(&crate::text::collation_key(&b.document.number))
        })
    });
    documents
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    const TABLE: &str = "\
- number: 118/2025/NĐ-CP
  title: Nghị định về một cửa
  date: 2025-06-09
  url: https://vanban.chinhphu.vn/
- number: 66/NQ-CP
  title: Nghị quyết về cắt giảm thủ tục
  date: 2025-03-26
  url: https://vanban.chinhphu.vn/
- number: 57-NQ/TW
  title: Nghị quyết về khoa học, công nghệ
  date: 2024-12-22
  url: https://vanban.chinhphu.vn/
- number: 80/2015/QH13
  title: Luật Ban hành văn bản quy phạm pháp luật
  date: 2015-06-22
  url: https://vanban.chinhphu.vn/
";

    fn table() -> Table {
        let (table, problems) = parse(TABLE);
        assert!(problems.is_empty(), "{problems:?}");
        table
    }

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
            assert_eq!(scan(text), [], "{text}");
        }
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
