//! What `serve` holds packed with LZ4 between builds: the built pages ([`Packed`], used by
//! `crate::output`), and each page's Markdown and HTML ([`KeptText`]).
//!
//! `serve` keeps each page's Markdown and the HTML it gave, but reads them again only for the
//! pages it converts or renders again (an edit of that page, of a template, of what it links
//! to) or reads for search. Held packed with LZ4, each is unpacked for as long as one use
//! lasts: at 100,000 articles that is hundreds of megabytes less on the officer's PC
//! (docs/performance.md, "Seventeenth round").

use std::borrow::Cow;
use std::sync::{Arc, LazyLock};

/// Bytes compressed with LZ4, which packs the pages `serve` keeps in memory to about a fifth
/// of their size, and unpacks one page in well under a millisecond when a browser asks
/// for it. Pages are packed against a dictionary, another page of the same site: what every
/// page repeats (the head, the header, the topics' menu, the footer) is then a reference into
/// it rather than packed again in each (HTML at 10,000 articles: 207 MB → 44 MB, against 79
/// MB each on its own). The same bytes with the same dictionary always pack the same.
#[derive(Debug, Clone)]
pub struct Packed {
    /// Shared by the pages of a build, and by `serve`'s later builds.
    dictionary: Arc<Vec<u8>>,
    bytes: Vec<u8>,
}

impl Packed {
    pub fn new(bytes: &[u8], dictionary: &Arc<Vec<u8>>) -> Packed {
        Packed {
            bytes: lz4_flex::block::compress_prepend_size_with_dict(bytes, dictionary),
            dictionary: dictionary.clone(),
        }
    }

    pub fn unpack(&self) -> Vec<u8> {
        // Only `Packed::new` makes these bytes, with this dictionary, so they always unpack.
        lz4_flex::block::decompress_size_prepended_with_dict(&self.bytes, &self.dictionary)
            .expect("bytes packed by Packed::new unpack")
    }

    /// Bytes held, packed (the dictionary, shared, is not counted).
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

/// Packed files are equal when their bytes are: compared packed when they share a
/// dictionary (`serve`'s builds do), unpacked otherwise.
impl PartialEq for Packed {
    fn eq(&self, other: &Packed) -> bool {
        if Arc::ptr_eq(&self.dictionary, &other.dictionary) || self.dictionary == other.dictionary {
            self.bytes == other.bytes
        } else {
            self.unpack() == other.unpack()
        }
    }
}

impl Eq for Packed {}

/// A page's Markdown or HTML, as it was made or packed.
#[derive(Debug, Clone)]
pub struct KeptText(Form);

#[derive(Debug, Clone)]
enum Form {
    Plain(String),
    Packed(Packed),
}

/// Pages share little of their own text with each other: no dictionary (one shared empty one).
static NO_DICTIONARY: LazyLock<Arc<Vec<u8>>> = LazyLock::new(|| Arc::new(Vec::new()));

impl KeptText {
    /// The text, unpacked if it is packed.
    pub fn text(&self) -> Cow<'_, str> {
        match &self.0 {
            Form::Plain(text) => Cow::Borrowed(text),
            Form::Packed(packed) => {
                let bytes = packed.unpack();
                // Packed from a `String` by `pack`, so always UTF-8: checked with SIMD (std's
                // check is slow on Vietnamese letters), then copied.
                Cow::Owned(match simdutf8::basic::from_utf8(&bytes) {
                    Ok(text) => text.to_owned(),
                    Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
                })
            }
        }
    }

    /// The text moved out, leaving it empty, when it is not packed: a one-off build moves each
    /// page's HTML into its rendered page rather than copy it.
    pub fn take(&mut self) -> Option<String> {
        match &mut self.0 {
            Form::Plain(text) => Some(std::mem::take(text)),
            Form::Packed(_) => None,
        }
    }

    /// Packs the text, for a build whose pages are kept for the next one.
    pub fn pack(&mut self) {
        if let Form::Plain(text) = &self.0 {
            self.0 = Form::Packed(Packed::new(text.as_bytes(), &NO_DICTIONARY));
        }
    }

    /// Whether it is held packed.
    pub fn is_packed(&self) -> bool {
        matches!(self.0, Form::Packed(_))
    }
}

impl Default for KeptText {
    fn default() -> Self {
        KeptText(Form::Plain(String::new()))
    }
}

impl From<String> for KeptText {
    fn from(text: String) -> Self {
        KeptText(Form::Plain(text))
    }
}

impl From<&str> for KeptText {
    fn from(text: &str) -> Self {
        KeptText(Form::Plain(text.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_text_reads_back_the_same_and_cannot_be_taken() {
        let text = "<p>Nghị định 118/2025/NĐ-CP về thủ tục hành chính một cửa.</p>\n".repeat(50);
        let mut kept = KeptText::from(text.clone());
        assert!(!kept.is_packed());
        assert_eq!(kept.text(), text);
        kept.pack();
        assert!(kept.is_packed());
        assert_eq!(kept.text(), text);
        assert_eq!(kept.take(), None);
        assert_eq!(kept.text(), text, "a packed text is kept");
        kept.pack();
        assert_eq!(kept.text(), text, "packing twice changes nothing");

        let mut plain = KeptText::from(text.as_str());
        assert_eq!(plain.text(), kept.text(), "the same text packed or not");
        assert_ne!(plain.text(), KeptText::from("khác").text());
        assert_eq!(plain.take(), Some(text));
        assert_eq!(plain.text(), "");
        assert_eq!(KeptText::default().text(), "");
    }

    #[test]
    fn packed_bytes_unpack_to_themselves_and_take_less_room() {
        let page = "<article><p>Thủ tục hành chính một cửa.</p></article>\n".repeat(200);
        let none = Arc::new(Vec::new());
        let packed = Packed::new(page.as_bytes(), &none);
        assert_eq!(packed.unpack(), page.as_bytes());
        assert!(
            packed.len() * 5 < page.len(),
            "{} of {}",
            packed.len(),
            page.len()
        );
        assert_eq!(Packed::new(b"", &none).unpack(), b"");
        // Packing is deterministic: equal bytes give equal packs, different ones do not.
        assert_eq!(packed, Packed::new(page.as_bytes(), &none));
        assert_ne!(packed, Packed::new(format!("{page}.").as_bytes(), &none));
    }

    #[test]
    fn what_pages_share_with_the_dictionary_is_not_packed_again() {
        let head = |n: usize| {
            let menu: String = (0..40)
                .map(|i| format!("<li><a href=\"/chu-de/{i}/\">Chủ đề số {i}</a></li>"))
                .collect();
            format!("<html lang=\"vi\"><nav><ul>{menu}</ul></nav><main>Bài số {n}: một cửa</main></html>")
        };
        let dictionary = Arc::new(head(1).into_bytes());
        let page = head(2);
        let alone = Packed::new(page.as_bytes(), &Arc::new(Vec::new()));
        let with = Packed::new(page.as_bytes(), &dictionary);
        assert_eq!(with.unpack(), page.as_bytes());
        assert!(
            with.len() * 4 < alone.len(),
            "{} against {}",
            with.len(),
            alone.len()
        );
        // Pages packed against different dictionaries are still equal when their bytes are.
        assert_eq!(with, alone);
        assert_eq!(
            with,
            Packed::new(page.as_bytes(), &Arc::new(head(1).into_bytes()))
        );
        assert_ne!(with, Packed::new(head(3).as_bytes(), &dictionary));
    }
}
