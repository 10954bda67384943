//! The search index of `/tim-kiem/`: built with the site from its published pages, read by the
//! page's small script only when a reader searches, so search needs nothing but static files.
//!
//! Files (all JSON, described in docs/search.md):
//! - `tim-kiem/chi-muc.json`, the manifest: a version, the number of documents, each shard's
//!   first word and the topics;
//! - `tim-kiem/tu/<n>.json`, a shard: folded word → postings, for a run of consecutive words
//!   small enough that a query fetches one small file per word;
//! - `tim-kiem/bai/<n>.json`, a chunk of [`DOCS_PER_CHUNK`] documents: what a result shows.
//!
//! Only published pages are indexed (drafts and future articles are not in `Site::pages`).

mod deferred;
mod pairs;
mod runs;
mod words;

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::assemble::{Published, Site};
use crate::key::Key;
pub use deferred::Deferred;
use pairs::Pairs;
pub use words::{count_and_fold, fold, for_each_word, html_text, words, MAX_WORD_CHARS};

/// The search page, under the site's base path.
pub const PAGE: &str = "tim-kiem/";
/// Where the index lives, under the site's base path.
pub const MANIFEST: &str = "tim-kiem/chi-muc.json";
/// The page script, a static file of the theme (a site's `static/tim-kiem.js` replaces it).
pub const SCRIPT: &str = "tim-kiem.js";
const SHARD_DIR: &str = "tim-kiem/tu/";
const CHUNK_DIR: &str = "tim-kiem/bai/";

/// Documents per chunk file. A page of 10 results fetches at most 10 chunks; small chunks
/// keep that first download small.
pub const DOCS_PER_CHUNK: usize = 20;

/// About how large a shard file grows before the next word starts a new one.
pub const SHARD_TARGET_BYTES: usize = 32 * 1024;

/// How much of a page's text is kept for the result snippet (bytes, cut at a word). The whole
/// text is indexed; only this beginning is shipped, which keeps the index small.
pub const SNIPPET_TEXT_BYTES: usize = 1000;

/// The format of the files, in the manifest: the page script refuses another. 2: postings of
/// word pairs (`nghi dinh`) for phrases.
const FORMAT: u32 = 2;

/// Bits of a posting's weight: how often the word occurs in the text (capped at 15), and
/// whether it is in the title or in the labels (topics, tags, unit).
pub const WEIGHT_COUNT: u8 = 0b1111;
pub const WEIGHT_TITLE: u8 = 16;
pub const WEIGHT_LABEL: u8 = 32;

/// What indexing a page's text gave, kept by `serve` between builds (page path → hash of
/// what was read, result): reading the words is most of the cost of the index.
pub type Memo = rustc_hash::FxHashMap<String, (crate::key::Hash, Arc<Indexed>)>;

/// The words of one page with their weights, and the beginning of its text.
#[derive(Debug)]
pub struct Indexed {
    /// Each word once, one after the other: held in one string rather than one each, as
    /// the site's pages have millions of words between them.
    words: String,
    /// Where each word of `words` ends.
    ends: Vec<u32>,
    /// Each word's weight. Apart from `ends`: a pair of them took 8 bytes, not 5, some
    /// 120 MB at 100,000 articles.
    weights: Vec<u8>,
    /// The beginning of the text, for the snippet.
    text: String,
}

/// Whether `path` (an output path) is one of the index's files, or could be one in another
/// build: the whole folders of shards and chunks belong to the index.
pub fn is_index_file(path: &str) -> bool {
    path == MANIFEST || path.starts_with(SHARD_DIR) || path.starts_with(CHUNK_DIR)
}

/// The index files: output path → bytes. Deterministic: the same site gives the same bytes,
/// whatever `memo` holds.
pub fn index_files(site: &Site, memo: &mut Memo) -> Vec<(String, Vec<u8>)> {
    documents(site, Some(memo)).files(site)
}

/// The pages' documents, their words read from the pages' HTML (on every core). The files
/// are then made from them alone ([`Documents::files`]), so a build makes them while its
/// pages render, once the pages have taken their HTML.
pub struct Documents(Vec<Document>);

/// Reads every page's document, again only where what its words come from changed; `memo`
/// then holds this site's. Without a memo (no build follows), every page's words are read.
pub fn documents(site: &Site, mut memo: Option<&mut Memo>) -> Documents {
    let order = document_order(site);
    let previous = memo.as_deref_mut().map(std::mem::take).unwrap_or_default();
    let documents: Vec<(crate::key::Hash, Document)> = order
        .par_iter()
        .with_max_len(crate::assemble::PIECE)
        .map(|&i| Document::new(site, &site.pages[i], &previous))
        .collect();
    if let Some(memo) = memo {
        for (i, (key, d)) in order.iter().zip(&documents) {
            memo.insert(site.pages[*i].page.path.clone(), (*key, d.indexed.clone()));
        }
    }
    Documents(documents.into_iter().map(|(_, d)| d).collect())
}

impl Documents {
    /// The index files of these documents: the postings in shards, the documents in
    /// chunks, and the manifest.
    pub fn files(self, site: &Site) -> Vec<(String, Vec<u8>)> {
        files(site, &self.0)
    }
}

fn files(site: &Site, documents: &[Document]) -> Vec<(String, Vec<u8>)> {
    let postings = postings(documents);
    let shards = shards(&postings);
    // The postings are in the shards now: their memory goes before the chunks are made.
    drop(postings);

    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut firsts = Vec::with_capacity(shards.len());
    for (n, shard) in shards.into_iter().enumerate() {
        files.push((format!("{SHARD_DIR}{n}.json"), shard.json));
        firsts.push(shard.first);
    }
    for (n, chunk) in documents.chunks(DOCS_PER_CHUNK).enumerate() {
        let rows: Vec<_> = chunk.iter().map(Document::row).collect();
        files.push((format!("{CHUNK_DIR}{n}.json"), to_json(&rows)));
    }
    let mut version = crate::key::Hasher::new();
    for (path, bytes) in &files {
        version.update(path.as_bytes()).update(bytes);
    }
    let topics: Vec<(&str, String)> = site
        .topics
        .iter()
        .map(|t| {
            let path = crate::taxonomy::Taxonomy::Topic.term_path(&t.key);
            (t.name.as_str(), site.config.base_url.link(&path))
        })
        .collect();
    let manifest = serde_json::json!({
        "format": FORMAT,
        "version": version.finalize().to_hex()[..12],
        "documents": documents.len(),
        "chunk": DOCS_PER_CHUNK,
        "shards": firsts,
        "topics": topics,
    });
    files.push((MANIFEST.to_string(), to_json(&manifest)));
    files
}

fn to_json(value: &impl serde::Serialize) -> Vec<u8> {
    // Plain data (strings, numbers, arrays) cannot fail to serialize.
    serde_json::to_vec(value).unwrap_or_default()
}

/// The places in `Site::topics` of a page's topics, and the names it is labelled with: topic
/// names, tags, unit.
fn labels<'a>(site: &'a Site, p: &'a Published) -> (Vec<usize>, Vec<&'a str>) {
    let meta = &p.page.meta;
    let topics: Vec<usize> = meta
        .topics
        .iter()
        .filter_map(|k| site.topics.iter().position(|t| &t.key == k))
        .collect();
    let mut labels: Vec<&str> = topics
        .iter()
        .map(|&i| site.topics[i].name.as_str())
        .collect();
    labels.extend(meta.tags.iter().map(String::as_str));
    labels.extend(
        meta.unit
            .as_ref()
            .and_then(|u| site.units.iter().find(|t| &t.key == u))
            .map(|t| t.name.as_str()),
    );
    (topics, labels)
}

/// What a page's words are read from: the page's key covers its HTML, title and summary; the
/// labels' names come from the config.
fn words_key(p: &Published, labels: &[&str]) -> crate::key::Hash {
    let mut hasher = crate::key::Hasher::new();
    hasher.update(p.key.as_bytes());
    for label in labels {
        hasher.update(label.as_bytes()).update(b"\0");
    }
    hasher.finalize()
}

/// The key of everything [`index_files`] makes its files from: each document's words, place,
/// address, title, date and topics, and the topics' names and addresses. Equal keys give the
/// same files (for the same program).
pub fn index_key(site: &Site) -> crate::key::Hash {
    let parts: Vec<crate::key::Hash> = document_order(site)
        .par_iter()
        .map(|&i| {
            let p = &site.pages[i];
            let (topics, labels) = labels(site, p);
            let mut key = Key::new("search-document");
            key.hash(&words_key(p, &labels))
                .text(&p.page.path)
                .text(&p.page.meta.title);
            let date = p.page.meta.date.as_ref().map(|d| d.date().to_string());
            key.text(date.as_deref().unwrap_or("-"));
            for t in topics {
                key.number(t as u64);
            }
            key.finish()
        })
        .collect();
    let mut key = Key::new("search-index");
    key.text(&site.config.base_url.link(""));
    for t in &site.topics {
        key.text(&t.key).text(&t.name);
    }
    for part in &parts {
        key.hash(part);
    }
    key.finish()
}

/// Articles newest first, then the standalone pages: a document's number is its place here,
/// so ties in ranking go to the newest article.
fn document_order(site: &Site) -> Vec<usize> {
    let mut order = site.articles.clone();
    let mut is_article = vec![false; site.pages.len()];
    for &i in &site.articles {
        is_article[i] = true;
    }
    // Expired pages are not searched (expired articles are not among `articles`).
    order.extend((0..site.pages.len()).filter(|&i| !is_article[i] && !site.pages[i].expired));
    order
}

/// One indexed page: what its result shows, and the weight of each of its words.
struct Document {
    url: String,
    title: String,
    /// `YYYY-MM-DD` in the site's time zone; empty for undated pages.
    date: String,
    /// Places in `Site::topics` (and the manifest's `topics`).
    topics: Vec<usize>,
    indexed: Arc<Indexed>,
}

impl Document {
    /// The page's document, its words read again only if what they come from changed.
    fn new(site: &Site, p: &Published, previous: &Memo) -> (crate::key::Hash, Document) {
        let meta = &p.page.meta;
        let (topics, labels) = labels(site, p);
        let key = words_key(p, &labels);
        let indexed = match previous.get(&p.page.path) {
            Some((k, indexed)) if *k == key => indexed.clone(),
            _ => Arc::new(Indexed::new(p, &labels)),
        };
        let document = Document {
            url: site.config.base_url.link(&p.page.path),
            title: meta.title.clone(),
            date: meta
                .date
                .as_ref()
                .map(|d| d.date().to_string())
                .unwrap_or_default(),
            topics,
            indexed,
        };
        (key, document)
    }

    /// `[url, title, date, [topic…], text]`: a row of a chunk file, serialized as it is
    /// (not copied into a JSON value first).
    fn row(&self) -> (&str, &str, &str, &[usize], &str) {
        (
            &self.url,
            &self.title,
            &self.date,
            &self.topics,
            &self.indexed.text,
        )
    }
}

impl Indexed {
    /// Each word with its weight.
    fn words(&self) -> impl Iterator<Item = (&str, u8)> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        (starts.zip(&self.ends).zip(&self.weights))
            .map(|((start, &end), &weight)| (&self.words[start as usize..end as usize], weight))
    }

    /// Reads a page's words: from its text (the body as a reader sees it, and the written
    /// summary), its title and its labels (topic names, tags, unit).
    fn new(p: &Published, labels: &[&str]) -> Indexed {
        let meta = &p.page.meta;
        let body = html_text(&p.rendered.html.text());
        // Only the text's beginning is shown, so only that much has its white space folded:
        // enough to tell whether it starts with the summary, and to cut the snippet from.
        let summary = meta.summary.as_deref().unwrap_or_default();
        let beginning = crate::text::fold_spaces(&body, SNIPPET_TEXT_BYTES + summary.len() + 1);
        // A written summary is shown on cards: search it, and show it when the body does not
        // start with it.
        let (shown, searched) = if summary.is_empty() || beginning.starts_with(summary) {
            (beginning, ["", body.as_str()])
        } else {
            (format!("{summary} {beginning}"), [summary, body.as_str()])
        };
        let folds = count_and_fold(&searched);
        let snippet = cut_at_word(&shown, SNIPPET_TEXT_BYTES);
        // The title's words and the labels', folded into one string first, so that the map
        // may hold them beside the text's (the pairs are kept apart, in `Pairs`).
        let mut named = String::new();
        let mut spans: Vec<(usize, usize, u8)> = Vec::new();
        for (field, bit) in [(meta.title.as_str(), WEIGHT_TITLE)]
            .into_iter()
            .chain(labels.iter().map(|l| (*l, WEIGHT_LABEL)))
        {
            for_each_word(field, |word| {
                named.push_str(word);
                spans.push((named.len() - word.len(), named.len(), bit));
            });
        }
        // The counts' map becomes the weights' map: each count is capped to its bits.
        let mut weights = folds.counts();
        for n in weights.values_mut() {
            *n = (*n).min(u32::from(WEIGHT_COUNT));
        }
        weights.reserve(spans.len());
        for (start, end, bit) in spans {
            *weights.entry(&named[start..end]).or_insert(0) |= u32::from(bit);
        }
        let pairs = Pairs::of(&meta.title, snippet, &folds);
        // Pairs have a space, words none: the two never meet.
        let all: Vec<(&str, u8)> = weights
            .iter()
            .map(|(word, weight)| (*word, *weight as u8))
            .chain(pairs.each().map(|pair| (pair, 1)))
            .collect();
        // Kept for every page until the postings are made: a list is smaller than a map, and
        // each is made at its length (grown by doubling, they kept up to twice as much).
        let mut words = String::with_capacity(all.iter().map(|(word, _)| word.len()).sum());
        let mut ends = Vec::with_capacity(all.len());
        for (word, _) in &all {
            words.push_str(word);
            ends.push(words.len() as u32);
        }
        Indexed {
            words,
            ends,
            weights: all.iter().map(|(_, weight)| *weight).collect(),
            text: snippet.to_string(),
        }
    }
}

/// At most `max` bytes of `text`, ending at a space when there is one.
fn cut_at_word(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &text[..end];
    if text[end..].starts_with(char::is_whitespace) {
        return cut;
    }
    cut.rfind(' ').map_or(cut, |space| &cut[..space])
}

/// Word → the documents having it, in document order, with their weight. Encoded as they are
/// gathered: held as (document, weight) pairs, the postings of a site of 100,000 articles took
/// 8 bytes each, 28 million of them, in memory the system had to clear first; encoded, about 2.
fn postings(documents: &[Document]) -> FxHashMap<&str, Encoded> {
    let mut all: FxHashMap<&str, Encoded> = FxHashMap::default();
    for (n, d) in documents.iter().enumerate() {
        for (word, weight) in d.indexed.words() {
            all.entry(word).or_default().push(n as u32, weight);
        }
    }
    all
}

/// The 64 characters postings are written with: safe in JSON strings and URLs.
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A word's postings packed into a string, two characters for most: for each document,
/// `gap × 64 + weight` (the gap from the previous document number, the first one being the
/// number itself) as a varint of 5 bits per character, low bits first, the 6th bit saying
/// "more follows". Plain JSON numbers took twice as many bytes, and a word found in every
/// article is the largest thing a query downloads.
#[derive(Debug, Default)]
struct Encoded {
    /// The last document added.
    last: u32,
    text: String,
}

impl Encoded {
    /// Adds a document, after those added already (its number is not below theirs).
    fn push(&mut self, doc: u32, weight: u8) {
        let mut n = u64::from(doc - self.last) * 64 + u64::from(weight);
        self.last = doc;
        loop {
            let low = (n & 31) as usize;
            n >>= 5;
            if n == 0 {
                self.text.push(char::from(DIGITS[low]));
                break;
            }
            self.text.push(char::from(DIGITS[low | 32]));
        }
    }
}

/// Appends a word with its postings as a JSON object member: `"word":"…"`.
fn write_entry(out: &mut Vec<u8>, word: &str, postings: &Encoded) {
    // A string always serializes, and writing into memory does not fail.
    let _ = serde_json::to_writer(&mut *out, word);
    out.extend_from_slice(b":\"");
    out.extend_from_slice(postings.text.as_bytes());
    out.push(b'"');
}

/// A shard file: a run of consecutive words, from `first` up to the next shard's first word.
struct Shard {
    first: String,
    /// The JSON object of the words and their postings.
    json: Vec<u8>,
}

/// Packs the words, in order, into shards of about [`SHARD_TARGET_BYTES`] (a single very
/// common word can make one larger). The manifest lists each shard's first word (the first
/// shard's is empty), so the page script finds a word's shard by binary search and the
/// shards of a prefix as a run. Words are ordered by UTF-16 code units, as JavaScript
/// compares strings.
///
/// Each word's member is written straight into its shard: at 100,000 articles the index is
/// some 170 MB, and a string per member, then the shards joined from them, held it three
/// times over in memory the system had to clear first.
fn shards(postings: &FxHashMap<&str, Encoded>) -> Vec<Shard> {
    let mut words: Vec<(&str, &Encoded)> = postings.iter().map(|(w, p)| (*w, p)).collect();
    // UTF-8's byte order is UTF-16's but for characters past U+FFFF (4 bytes in UTF-8),
    // which Vietnamese text hardly has: the bytes are compared unless one is there.
    if words.iter().any(|(w, _)| w.bytes().any(|b| b >= 0xF0)) {
        words.sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    } else {
        words.sort_unstable_by(|a, b| a.0.cmp(b.0));
    }
    let open = || {
        let mut json = Vec::with_capacity(SHARD_TARGET_BYTES + 64);
        json.push(b'{');
        json
    };
    let mut out: Vec<Shard> = Vec::new();
    let (mut json, mut first, mut entry) = (open(), String::new(), Vec::new());
    // The members' bytes in the shard so far, each with its comma; 0 while it has none.
    let mut size = 0;
    for (word, postings) in words {
        entry.clear();
        write_entry(&mut entry, word, postings);
        if size > 0 && size + entry.len() > SHARD_TARGET_BYTES {
            json.push(b'}');
            out.push(Shard {
                first: std::mem::replace(&mut first, word.to_string()),
                json: std::mem::replace(&mut json, open()),
            });
            size = 0;
        }
        if size > 0 {
            json.push(b',');
        }
        json.extend_from_slice(&entry);
        size += entry.len() + 1;
    }
    if size > 0 || out.is_empty() {
        json.push(b'}');
        out.push(Shard { first, json });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posting(n: usize) -> Encoded {
        encoded(&(0..n as u32).map(|d| (d, 1)).collect::<Vec<_>>())
    }

    fn encoded(postings: &[(u32, u8)]) -> Encoded {
        let mut e = Encoded::default();
        for &(doc, weight) in postings {
            e.push(doc, weight);
        }
        e
    }

    /// A document of these words and weights, in this order.
    fn document(words: &[(&str, u8)]) -> Document {
        let mut indexed = Indexed {
            words: String::new(),
            ends: Vec::new(),
            weights: Vec::new(),
            text: String::new(),
        };
        for (word, weight) in words {
            indexed.words.push_str(word);
            indexed.ends.push(indexed.words.len() as u32);
            indexed.weights.push(*weight);
        }
        Document {
            url: String::new(),
            title: String::new(),
            date: String::new(),
            topics: Vec::new(),
            indexed: Arc::new(indexed),
        }
    }

    #[test]
    fn each_word_short_or_long_has_every_document_having_it() {
        let long = "chuyendoisoquocgia";
        let other = "chuyendoisoquocgiz";
        let documents = [
            document(&[
                ("nghi", 1),
                (long, 2),
                ("nghi dinh", 1),
                ("sixteenbytesword", 3),
            ]),
            document(&[(other, 1), ("nghi", 4)]),
            document(&[(long, 1), ("sixteenbytesword", 1)]),
        ];
        let mut found: Vec<(&str, String)> = postings(&documents)
            .into_iter()
            .map(|(word, p)| (word, p.text))
            .collect();
        found.sort_unstable();
        let expected = |postings: &[(u32, u8)]| encoded(postings).text;
        assert_eq!(
            found,
            [
                (long, expected(&[(0, 2), (2, 1)])),
                (other, expected(&[(1, 1)])),
                ("nghi", expected(&[(0, 1), (1, 4)])),
                ("nghi dinh", expected(&[(0, 1)])),
                ("sixteenbytesword", expected(&[(0, 3), (2, 1)])),
            ]
        );
    }

    #[test]
    fn postings_are_packed_gaps_and_weights() {
        // 3×64+17 = 209 = 0b110_10001: "x" (17 | 32), then "G" (6); 1×64+1 = 65: "h", "C";
        // 6×64+33 = 417 = 0b1101_00001: "h" (1 | 32), "N" (13).
        let mut entry = Vec::new();
        write_entry(&mut entry, "nghi", &encoded(&[(3, 17), (4, 1), (10, 33)]));
        assert_eq!(String::from_utf8(entry).unwrap(), r#""nghi":"xGhChN""#);
        // A run of consecutive documents with small weights takes two characters each.
        let dense: Vec<(u32, u8)> = (0..1000).map(|d| (d, 3)).collect();
        assert_eq!(encoded(&dense).text.len(), 1 + 2 * 999);
    }

    #[test]
    fn a_small_index_is_one_shard_with_the_empty_key() {
        let mut p = FxHashMap::default();
        p.insert("a", posting(2));
        p.insert("b", posting(1));
        let s = shards(&p);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].first, "");
        let back: serde_json::Value = serde_json::from_slice(&s[0].json).unwrap();
        assert_eq!(back["a"], encoded(&[(0, 1), (1, 1)]).text);
    }

    #[test]
    fn words_are_in_the_order_javascript_compares_them_past_u_ffff_too() {
        // "ｚ" (U+FF5A) comes after "𝐚" (U+1D41A) in UTF-16, before it in UTF-8's bytes.
        let words = ["b", "𝐚", "ｚ", "a"];
        let mut p = FxHashMap::default();
        for w in words {
            p.insert(w, posting(1));
        }
        let json = String::from_utf8(shards(&p).swap_remove(0).json).unwrap();
        let at = |w: &str| json.find(&format!("\"{w}\"")).unwrap();
        assert!(
            at("a") < at("b") && at("b") < at("𝐚") && at("𝐚") < at("ｚ"),
            "{json}"
        );
        p.remove("𝐚");
        let json = String::from_utf8(shards(&p).swap_remove(0).json).unwrap();
        assert!(json.find("\"b\"").unwrap() < json.find("\"ｚ\"").unwrap());
    }

    #[test]
    fn a_large_index_is_split_into_runs_of_words_found_by_their_first_word() {
        // Each word's postings take about 4 KB: some eight words fit in a shard.
        let words: Vec<String> = (0..40).map(|i| format!("tu{i:02}")).collect();
        let p: FxHashMap<&str, Encoded> =
            words.iter().map(|w| (w.as_str(), posting(2000))).collect();
        let s = shards(&p);
        assert!(s.len() >= 5, "{} shards", s.len());
        assert_eq!(s[0].first, "");
        let mut seen = 0;
        for (n, shard) in s.iter().enumerate() {
            assert!(shard.json.len() <= SHARD_TARGET_BYTES, "shard {n} is small");
            let parsed: std::collections::BTreeMap<String, serde_json::Value> =
                serde_json::from_slice(&shard.json).unwrap();
            for word in parsed.keys() {
                // The lookup the page script does: the last shard whose first word is <= word.
                let found = s.iter().rposition(|sh| sh.first.as_str() <= word.as_str());
                assert_eq!(found, Some(n), "{word}");
            }
            seen += parsed.len();
        }
        assert_eq!(seen, words.len(), "every word is in exactly one shard");
    }

    #[test]
    fn an_empty_site_still_has_one_empty_shard() {
        let s = shards(&FxHashMap::default());
        assert_eq!((s.len(), s[0].json.as_slice()), (1, &b"{}"[..]));
    }

    #[test]
    fn snippet_text_is_cut_at_a_word_and_a_character() {
        assert_eq!(cut_at_word("Nghị định số 118", 14), "Nghị định");
        assert_eq!(cut_at_word("ngắn", 100), "ngắn");
        assert_eq!(cut_at_word("đđđđ", 3), "đ");
    }
}
