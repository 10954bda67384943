//! What a build makes: each file of the site says what it is, what it was made from and where
//! its bytes are.
//!
//! The kind is decided where the file is made, so nothing downstream has to guess it back from
//! a path or from the bytes: `publish` orders uploads by it, the writer records the key, the
//! build counts pages by it.

use std::collections::BTreeMap;
use std::sync::Arc;

/// The site's files: output path (relative, `/` separators) → the file.
pub type Outputs = BTreeMap<String, Output>;

/// What a file of the site is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The home page.
    Home,
    /// An article or a standalone page, and the site's own pages (search, 404, plan coverage,
    /// a legal document's page).
    Page,
    /// The first page of a list: a section, a topic, a tag, a unit, the lists of all of them,
    /// the documents cited.
    List,
    /// `trang/N/` of a list: comes and goes with the number of articles.
    FurtherListPage,
    /// A small page at an old address (`aliases`) sending readers to the new one.
    Redirect,
    /// RSS feeds.
    Feed,
    /// iCalendar files of events.
    Calendar,
    /// The sitemap and robots.txt.
    SiteFile,
    /// The search index's files.
    SearchFile,
    /// Copied or resized files: styles, scripts, photos, documents.
    Asset,
}

impl Kind {
    /// An HTML page a reader opens.
    pub fn is_page(self) -> bool {
        matches!(
            self,
            Kind::Home | Kind::Page | Kind::List | Kind::FurtherListPage | Kind::Redirect
        )
    }

    /// A page that shows other pages (or sends to one): published after the pages it links to.
    pub fn is_list(self) -> bool {
        matches!(self, Kind::List | Kind::FurtherListPage | Kind::Redirect)
    }
}

/// Where a file's bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// In memory.
    Bytes(Arc<Vec<u8>>),
    /// In memory, compressed: the pages `serve` holds between builds.
    Packed(Arc<Packed>),
    /// Written into the output folder as soon as it was rendered (a clean build).
    Written,
    /// In the output folder as the last build wrote it: its key is unchanged, so it was not
    /// rendered again.
    Unchanged,
}

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub kind: Kind,
    /// What the file was made from, when a later build may leave it as it is: the writer
    /// records it in its manifest. `None` for files always made anew.
    pub key: Option<blake3::Hash>,
    pub body: Body,
}

impl Output {
    /// A file in memory with no key.
    pub fn new(kind: Kind, bytes: impl Into<Arc<Vec<u8>>>) -> Output {
        Output {
            kind,
            key: None,
            body: Body::Bytes(bytes.into()),
        }
    }

    /// Its bytes, when the build holds them as they are (not packed).
    pub fn bytes(&self) -> Option<&Arc<Vec<u8>>> {
        match &self.body {
            Body::Bytes(bytes) => Some(bytes),
            Body::Packed(_) | Body::Written | Body::Unchanged => None,
        }
    }

    /// Its bytes, when the build holds them, unpacked if they are packed.
    pub fn contents(&self) -> Option<Arc<Vec<u8>>> {
        match &self.body {
            Body::Bytes(bytes) => Some(bytes.clone()),
            Body::Packed(packed) => Some(Arc::new(packed.unpack())),
            Body::Written | Body::Unchanged => None,
        }
    }

    /// The same file with its bytes unpacked, if they are packed.
    pub fn unpacked(self) -> Output {
        match &self.body {
            Body::Packed(packed) => Output {
                body: Body::Bytes(Arc::new(packed.unpack())),
                ..self
            },
            _ => self,
        }
    }
}

/// A file's bytes compressed with LZ4, which packs the pages `serve` keeps in memory to about
/// a fifth of their size, and unpacks one page in well under a millisecond when a browser asks
/// for it. Pages are packed against a dictionary, another page of the same site: what every
/// page repeats (the head, the header, the topics' menu, the footer) is then a reference into
/// it rather than packed again in each (HTML at 10,000 articles: 207 MB → 44 MB, against 79
/// MB each on its own). The same bytes with the same dictionary always pack the same.
#[derive(Debug)]
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let output = Output {
            kind: Kind::Page,
            key: None,
            body: Body::Packed(Arc::new(packed)),
        };
        assert_eq!(output.bytes(), None);
        assert_eq!(output.contents().unwrap().as_slice(), page.as_bytes());
        assert_eq!(
            output.unpacked().bytes().unwrap().as_slice(),
            page.as_bytes()
        );
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
