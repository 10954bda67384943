//! What a build makes: each file of the site says what it is, what it was made from and where
//! its bytes are.
//!
//! The kind is decided where the file is made, so nothing downstream has to guess it back from
//! a path or from the bytes: `publish` orders uploads by it, the writer records the key, the
//! build counts pages by it.

use std::collections::BTreeMap;
use std::sync::Arc;

pub use crate::kept::Packed;

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
    pub key: Option<crate::key::Hash>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_packed_page_is_read_back_whole_and_never_as_plain_bytes() {
        let page = "<article><p>Thủ tục hành chính một cửa.</p></article>\n".repeat(200);
        let packed = Packed::new(page.as_bytes(), &Arc::new(Vec::new()));
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
}
