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
    /// Packed, with marks where the `once/` parts go, put in when the page is read: `serve`
    /// holds its pages so when the theme allows it (`Templates::once_apart`).
    Marked(Arc<Packed>, Arc<Once>),
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
            Body::Packed(_) | Body::Marked(..) | Body::Written | Body::Unchanged => None,
        }
    }

    /// Its bytes, when the build holds them, unpacked if they are packed.
    pub fn contents(&self) -> Option<Arc<Vec<u8>>> {
        match &self.body {
            Body::Bytes(bytes) => Some(bytes.clone()),
            Body::Packed(packed) => Some(Arc::new(packed.unpack())),
            Body::Marked(packed, once) => Some(Arc::new(once.put_in(&packed.unpack()))),
            Body::Written | Body::Unchanged => None,
        }
    }

    /// The same file with its bytes unpacked, if they are packed.
    pub fn unpacked(self) -> Output {
        match &self.body {
            Body::Packed(_) | Body::Marked(..) => Output {
                body: Body::Bytes(self.contents().unwrap_or_default()),
                ..self
            },
            _ => self,
        }
    }
}

/// The `once/` parts of the pages of a `serve` build, each put in where a page marks it. Every
/// page shows them, and they show the site's counts (articles by topic in the sidebar): with
/// them in each page, unpublishing an article rendered every page again (0.5 s at 10,000
/// articles). Pages are rendered with marks instead, kept with them, and given the parts of
/// the build that serves them when read.
///
/// A mark is an HTML comment with a secret made for the session: no author's text can hold
/// one, so nothing but a part is ever put into a page.
#[derive(Debug, PartialEq, Eq)]
pub struct Once {
    /// What every mark starts with: `<!--loa-`, the secret, `-`; then the part's number
    /// and `-->`.
    start: String,
    /// Each part's HTML, by number.
    parts: Vec<String>,
}

impl Once {
    /// The parts, each to be marked with `secret` (see [`Once::mark`]).
    pub fn new(secret: &str, parts: Vec<String>) -> Once {
        Once {
            start: format!("<!--loa-{secret}-"),
            parts,
        }
    }

    /// The mark that stands for part `n`.
    pub fn mark(&self, n: usize) -> String {
        format!("{}{n}-->", self.start)
    }

    /// Whether `page` holds a mark.
    pub fn marks(&self, page: &[u8]) -> bool {
        memchr::memmem::find(page, self.start.as_bytes()).is_some()
    }

    /// `page` with each mark replaced by its part.
    pub fn put_in(&self, page: &[u8]) -> Vec<u8> {
        let parts_len = self.parts.iter().map(String::len).sum::<usize>();
        let mut out = Vec::with_capacity(page.len() + parts_len);
        let mut copied = 0;
        for at in memchr::memmem::find_iter(page, self.start.as_bytes()) {
            let rest = &page[at + self.start.len()..];
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            let part = (std::str::from_utf8(&rest[..digits]).ok())
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| self.parts.get(n));
            if let (Some(part), true) = (part, rest[digits..].starts_with(b"-->")) {
                out.extend_from_slice(&page[copied..at]);
                out.extend_from_slice(part.as_bytes());
                copied = at + self.start.len() + digits + "-->".len();
            }
        }
        out.extend_from_slice(&page[copied..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marked_page_is_read_with_the_parts_of_its_build_and_nothing_else_is_put_in() {
        let once = Once::new(
            "abc",
            vec!["<nav>Chủ đề 3</nav>".into(), "<footer/>".into()],
        );
        let page = format!(
            "<p>Một cửa</p>{}<p title=\"<!--loa-xyz-0-->\">{}</p>{}<!--loa-abc-7-->",
            once.mark(0),
            once.mark(1),
            once.mark(0)
        );
        let packed = Arc::new(Packed::new(page.as_bytes(), &Arc::new(Vec::new())));
        let output = Output {
            kind: Kind::Page,
            key: None,
            body: Body::Marked(packed.clone(), Arc::new(once)),
        };
        let expected = "<p>Một cửa</p><nav>Chủ đề 3</nav><p title=\"<!--loa-xyz-0-->\">\
                        <footer/></p><nav>Chủ đề 3</nav><!--loa-abc-7-->";
        assert_eq!(output.contents().unwrap().as_slice(), expected.as_bytes());
        assert_eq!(
            output.unpacked().bytes().unwrap().as_slice(),
            expected.as_bytes()
        );
        // The next build's parts, the page as it was.
        let later = Once::new("abc", vec!["<nav>Chủ đề 2</nav>".into(), String::new()]);
        let output = Output {
            kind: Kind::Page,
            key: None,
            body: Body::Marked(packed, Arc::new(later)),
        };
        let shown = String::from_utf8(output.contents().unwrap().to_vec()).unwrap();
        assert!(
            shown.starts_with("<p>Một cửa</p><nav>Chủ đề 2</nav><p title="),
            "{shown}"
        );
    }

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
