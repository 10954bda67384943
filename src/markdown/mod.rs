//! Markdown to HTML: heading ids, table of contents, link rewriting, summaries.
//!
//! One pure pass over a page's Markdown: `render` writes the HTML, turning relative `.md`
//! links into page URLs through a resolver the assemble stage gives, and lists the page's
//! headings and the links to other pages' headings, which the assemble stage checks once
//! every page is converted.
//!
//! `render` is a chain of event adapters, each with one job and a file of its own: heading
//! ids, lints for readers, videos, images,
//! links, raw HTML, words, the citations' linker, and last the summary. Each
//! reports what it finds into the page's [`Problems`] as the events pass, so the problems
//! come in the order of the page (but links to a heading of the page, checked at its end,
//! when all its headings are known; the build sorts every problem by its place).
//!
//! An adapter hands on an event it leaves alone as it came (`let item = events.next(); …;
//! item`), not taken apart and made again: an event with its range is some 100 bytes, and
//! taken apart at each of the nine adapters it was copied at each, 1.4 % of a clean build.

mod attachments;
mod headings;
mod images;
mod links;
mod lints;
mod raw_html;
mod summary;
mod video;
mod words;

use std::cell::RefCell;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser};

use crate::citations::{LinkCitations, Linker, Notes};
use crate::diag::{line_col, Diagnostic};
use crate::kept::KeptText;
use crate::model::{Heading, Page};
use crate::msg::Advice;
use crate::sanitize;

use attachments::Attachments;
pub use attachments::{file_name, is_document, kind_of};
use headings::HeadingIds;
use images::Images;
use links::Links;
use lints::Lints;
use raw_html::RawHtml;
use summary::Body;
use video::Videos;
use words::WordCount;

/// CommonMark plus the extensions officers use: tables, footnotes, strikethrough, task lists,
/// heading attributes (`## Mục tiêu {#muc-tieu}`).
/// The byte ranges of `body` that the build links to a document's page: the known numbers
/// (with the kind written before them) in running text, as the linker finds them.
pub fn linked_citations(
    table: &crate::citations::Table,
    body: &str,
) -> Vec<std::ops::Range<usize>> {
    let mut scope = crate::citations::Scope::default();
    let mut ranges = Vec::new();
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        scope.track(&event);
        let Event::Text(text) = &event else { continue };
        // Text cut by an entity or an escape is not the source's bytes: left unmarked.
        if !scope.may_link() || body.get(range.clone()) != Some(&**text) {
            continue;
        }
        for m in table.scan(text) {
            if matches!(m.cite, crate::citations::Cite::Known(_)) {
                ranges.push(range.start + m.phrase_start..range.start + m.range.end);
            }
        }
    }
    ranges
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Turns a link destination written in a page into the URL to publish.
/// `Ok(None)` keeps the destination as written (external links, `mailto:`, `#anchor`…).
pub trait Resolve {
    fn resolve(&self, page: &Page, dest: &str) -> Result<Option<String>, LinkProblem>;

    /// The page of the site a link names (`bai.md`, `../tin-tuc/bai.md#muc`), by its path under
    /// `content/`, whether or not there is one: what the link reads of the other pages, for a
    /// conversion to be reused while those pages are where they were, and the page whose
    /// headings a `#id` after it must be one of (checked once every page is converted).
    fn page_of(&self, page: &Page, dest: &str) -> Option<String>;

    /// How to show an image of the site: `Ok(None)` for an external one (left as written).
    fn image(&self, page: &Page, dest: &str) -> Result<Option<ImageAttrs>, LinkProblem>;

    /// The file of the site `dest` names, if it names one (not a page, not another site).
    fn file(&self, page: &Page, dest: &str) -> Option<SiteFile>;
}

/// A file published beside the content, as a link to it needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    /// Path under `content/`.
    pub rel: String,
    /// Root-relative URL.
    pub url: String,
    /// Size in bytes.
    pub size: u64,
}

/// A document the page links to or carries in its folder (PDF, Word, Excel…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub file: SiteFile,
    /// The text of the first link to it (its first letter a capital), else the file's name.
    pub name: String,
    /// What it is, as readers know it: the extension in capitals (`PDF`, `DOCX`).
    pub kind: String,
}

/// A photo of the page's gallery, with its caption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GalleryPhoto {
    /// Its copies, for the grid.
    pub image: ImageAttrs,
    /// The large copy a click opens, with its width and height: the photo as published at
    /// its own address when it is no wider than the widest copy, else that copy.
    pub large: (String, u32, u32),
    /// Shown under the photo; `None` when the officer gave none.
    pub caption: Option<String>,
    /// The photo's description for readers who cannot see it: the caption, else a numbered one.
    pub alt: String,
}

/// An image as published: its URL, the narrower copies for `srcset`, and its size when known
/// (width and height keep the page from jumping while it loads).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImageAttrs {
    pub src: String,
    /// (URL, width in pixels), narrowest first; empty when there is one size only.
    pub srcset: Vec<(String, u32)>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// URL of the 1200×630 crop for share previews, for photos.
    pub share: Option<String>,
    /// The photo's own width and height, before any resizing; `None` for SVG and external
    /// images, whose size loa does not read.
    pub intrinsic: Option<(u32, u32)>,
}

/// How wide images are shown: the whole column on phones, at most the text width otherwise.
pub const IMAGE_SIZES: &str = "(max-width: 52rem) 100vw, 46rem";

impl ImageAttrs {
    /// The `srcset` attribute's value (`a-480w.jpg 480w, …`), empty when there is one size.
    pub fn srcset_value(&self) -> String {
        self.srcset
            .iter()
            .map(|(url, w)| format!("{url} {w}w"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Why a link cannot be published, in the officer's words, with what to do.
pub type LinkProblem = crate::msg::Advice;

/// A page's Markdown as HTML, with what templates need besides.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Read with [`KeptText::text`]: `serve` keeps it packed.
    pub html: KeptText,
    /// HTML of the text before `<!-- more -->`, else of the first paragraph.
    pub summary_html: String,
    /// The same summary as plain text (words only), for meta descriptions.
    pub summary_text: String,
    pub word_count: usize,
    pub problems: Vec<Diagnostic>,
    /// Numbers of the documents of `data/van-ban.yaml` the page cites (body or title), each once.
    pub documents: Vec<String>,
    /// Documents linked from the text, in the order first linked, and those beside the page.
    pub attachments: Vec<Attachment>,
    /// How many videos of other sites the page shows behind a click (`crate::embed`).
    pub videos: usize,
    /// The page's gallery (its `anh/` folder or `gallery:` list), in order.
    pub gallery: Vec<GalleryPhoto>,
    /// The page's headings with their ids, in order.
    pub headings: Vec<Heading>,
    /// The links to headings of other pages, for the assemble stage to check.
    pub heading_links: Vec<HeadingLink>,
    /// The pages the links name, by their path under `content/`, in order, each once: what
    /// the conversion read of the other pages.
    pub pages_read: Vec<String>,
}

/// A link to a heading of another page of the site (`bai.md#muc-tieu`), where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingLink {
    /// The page's path under `content/`.
    pub page: String,
    /// The heading's id, as the link writes it.
    pub id: String,
    /// The byte of the page's body where the link is written: placed in the file only for
    /// an error (placing it reads the body up to it).
    pub offset: usize,
}

impl HeadingLink {
    /// The error of this link, written in `from`, when `headings` (those of the page it
    /// names, `target`) have no heading of its id; `None` when one has it.
    pub fn problem(&self, from: &Page, target: &Path, headings: &[Heading]) -> Option<Diagnostic> {
        let advice = missing_heading(&self.id, target, headings)?;
        let (line, col) = place(from, &from.body.text(), self.offset);
        Some(Diagnostic::advise(from.display.clone(), line, col, advice))
    }
}

/// Line and column in `page`'s file of a byte offset of its body (`source`, as read).
fn place(page: &Page, source: &str, offset: usize) -> (usize, usize) {
    let (line, col) = line_col(source, offset);
    (page.body_line + line - 1, col)
}

/// What to tell the officer of a link to `#id` of `target` when its `headings` have none of
/// that id.
fn missing_heading(id: &str, target: &Path, headings: &[Heading]) -> Option<LinkProblem> {
    if headings.iter().any(|h| h.id == id) {
        return None;
    }
    let ids: Vec<&str> = headings.iter().map(|h| h.id.as_str()).collect();
    Some(LinkProblem {
        message: crate::msg::missing_anchor(id, target),
        hint: crate::msg::available_anchors(&ids),
    })
}

/// Renders a page's body, resolving links and images, and sanitizing raw HTML.
pub fn render(page: &Page, resolver: &dyn Resolve) -> Rendered {
    render_with(page, resolver, None)
}

/// [`render`], also linking the legal documents the page cites when the site has a table of
/// them (`data/van-ban.yaml`), and warning about numbers it does not know.
pub fn render_with(page: &Page, resolver: &dyn Resolve, citations: Option<Linker>) -> Rendered {
    // Unpacked once, if `serve` keeps it packed.
    let source = page.body.text();
    let problems = Problems::new(page, &source);
    let mut word_count = 0;
    let mut videos = 0;
    let mut attachments = Vec::new();
    let mut cited = Vec::new();
    let mut headings = Vec::new();
    let mut heading_links = Vec::new();
    let mut pages_read = Vec::new();
    let notes = Notes {
        cited: &mut cited,
        warn: |offset, advice| problems.warning(offset, advice),
    };
    let events = Parser::new_ext(&source, options()).into_offset_iter();
    let events = HeadingIds::new(events, &mut headings, &problems);
    let events = Lints::new(events, &problems);
    let events = Videos::new(events, resolver, &problems, &mut videos);
    let events = Images::new(events, resolver, &problems);
    let events = Attachments::new(events, resolver, &problems, &mut attachments);
    let events = Links::new(
        events,
        resolver,
        &problems,
        (&mut heading_links, &mut pages_read),
    );
    let events = RawHtml::new(events, &problems);
    let events = WordCount::new(events, &mut word_count);
    let events = LinkCitations::new(events, citations, &source, notes);
    let body = Body::collect(events.map(|(event, _)| event));
    // The page's own headings are all known now: links to them are checked here.
    let heading_links = (heading_links.into_iter())
        .filter_map(|(target, id, offset)| match target {
            Some(target) => Some(HeadingLink {
                page: target,
                id,
                offset,
            }),
            None => {
                if let Some(advice) = missing_heading(&id, &page.display, &headings) {
                    problems.error(offset, advice);
                }
                None
            }
        })
        .collect();

    if let Some(linker) = citations {
        // A title is plain text: what it cites counts, but it gets no link.
        let found = linker.table.scan(&page.meta.title);
        let line = page.line_of("title");
        linker.note(&found, &mut cited, |_, advice| {
            problems.warning_at(line, 1, advice)
        });
    }

    let summary_text = summary::plain_text(body.summary());
    let summary_html = to_html(body.summary().iter().cloned(), 0);
    let leads = body.summary_leads();
    let html = to_html(body.events.into_iter(), source.len() * 3 / 2);
    // Every page passes the sanitizer, raw HTML or not: it is the one place that guarantees no
    // author markup can script the portal, whatever path it took through Markdown.
    let html = sanitize::clean(&html);
    let summary_html = clean_summary(&summary_html, leads.then_some(html.as_str()));
    Rendered {
        html: html.into(),
        summary_html,
        summary_text,
        word_count,
        problems: problems.into_vec(),
        documents: cited,
        attachments,
        videos,
        gallery: Vec::new(),
        headings,
        heading_links,
        pages_read,
    }
}

/// The summary's HTML, cleaned. When the summary is the paragraph the body starts with and
/// holds no raw HTML (`leads`, the body cleaned), that paragraph is where the cleaned body
/// starts: the sanitizer cleans an element the same whatever follows it once it is closed, and
/// Markdown closes every element it opens. Cleaning it again was a page's second parse of
/// HTML, 1 % of a clean build.
fn clean_summary(summary_html: &str, leads: Option<&str>) -> String {
    match leads.and_then(sanitize::leading_paragraph) {
        Some(first) => {
            debug_assert_eq!(first, sanitize::clean(summary_html));
            first.to_string()
        }
        None => sanitize::clean(summary_html),
    }
}

/// An event of a page's Markdown, with the bytes of the body it comes from: what the
/// adapters pass along, so that each can place a problem where it is written.
type Spanned<'e> = (Event<'e>, Range<usize>);

/// Writes events as HTML, into a string of `capacity` bytes to start with.
fn to_html<'e>(events: impl Iterator<Item = Event<'e>>, capacity: usize) -> String {
    let mut html = String::with_capacity(capacity);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// The problems found in a page, each placed at its line and column in the file. The
/// adapters share it (hence the cell): each reports as the events pass.
struct Problems<'p> {
    page: &'p Page,
    /// The page's body as read.
    source: &'p str,
    found: RefCell<Vec<Diagnostic>>,
}

impl<'p> Problems<'p> {
    fn new(page: &'p Page, source: &'p str) -> Self {
        Problems {
            page,
            source,
            found: RefCell::new(Vec::new()),
        }
    }

    /// Line and column in the file of a byte offset of the page's body.
    fn place(&self, offset: usize) -> (usize, usize) {
        place(self.page, self.source, offset)
    }

    /// An error at a byte offset of the body.
    fn error(&self, offset: usize, advice: Advice) {
        let (line, col) = self.place(offset);
        self.error_at(line, col, advice);
    }

    /// A warning at a byte offset of the body.
    fn warning(&self, offset: usize, advice: Advice) {
        let (line, col) = self.place(offset);
        self.warning_at(line, col, advice);
    }

    fn error_at(&self, line: usize, col: usize, advice: Advice) {
        let d = Diagnostic::advise(self.page.display.clone(), line, col, advice);
        self.found.borrow_mut().push(d);
    }

    fn warning_at(&self, line: usize, col: usize, Advice { message, hint }: Advice) {
        let d = Diagnostic::warning(self.page.display.clone(), line, col, message);
        self.found.borrow_mut().push(d.with_hint(hint));
    }

    fn into_vec(self) -> Vec<Diagnostic> {
        self.found.into_inner()
    }
}

/// What the adapters' tests build their cases from.
#[cfg(test)]
mod testing {
    use super::*;

    /// A page of `body`, whose first line is line 5 of its file.
    pub fn page(body: &str) -> Page {
        let text = format!("---\ntitle: \"Bài\"\ndate: 2025-09-01\n---\n{body}");
        let source = crate::load::Source::new(
            "tin-tuc/a.md".into(),
            "content/tin-tuc/a.md".into(),
            text.into_bytes(),
        );
        let config = crate::fixtures::config();
        crate::parse::parse(&source, &config).0.expect("a page")
    }

    /// The events of a page's body, with their bytes, as the first adapter gets them.
    pub fn events(page: &Page) -> impl Iterator<Item = Spanned<'_>> {
        Parser::new_ext(body_of(page), options()).into_offset_iter()
    }

    /// The body of a test's page (never packed).
    pub fn body_of(page: &Page) -> &str {
        match page.body.text() {
            std::borrow::Cow::Borrowed(body) => body,
            std::borrow::Cow::Owned(_) => panic!("a test's page is not packed"),
        }
    }

    /// Links `*.md` and images `*.jpg` of the site, refuses anything starting `bad`, and
    /// leaves the rest as written.
    pub struct Site;

    impl Resolve for Site {
        fn resolve(&self, _: &Page, dest: &str) -> Result<Option<String>, LinkProblem> {
            match dest {
                d if d.starts_with("bad") => Err(Advice::new("không có", "sửa")),
                d if d.ends_with(".md") => Ok(Some(format!("/{}/", d.trim_end_matches(".md")))),
                _ => Ok(None),
            }
        }

        fn page_of(&self, _: &Page, dest: &str) -> Option<String> {
            let path = dest.split('#').next()?;
            path.ends_with(".md").then(|| format!("tin-tuc/{path}"))
        }

        fn image(&self, _: &Page, dest: &str) -> Result<Option<ImageAttrs>, LinkProblem> {
            match dest {
                d if d.starts_with("bad") => Err(Advice::new("không có ảnh", "sửa")),
                d if d.ends_with(".jpg") => Ok(Some(ImageAttrs {
                    src: format!("/{d}"),
                    width: Some(800),
                    height: Some(600),
                    ..ImageAttrs::default()
                })),
                _ => Ok(None),
            }
        }

        /// Documents and videos are files of the site, `bad…` and other sites' are not; of
        /// captions, only `hoi-nghi.vtt` is there.
        fn file(&self, _: &Page, dest: &str) -> Option<SiteFile> {
            let path = dest.split(['?', '#']).next().unwrap_or(dest);
            let size = match path.rsplit_once('.')?.1 {
                _ if path.starts_with("bad") || path.contains(':') => return None,
                "pdf" => 1_258_291,
                "xlsx" => 12 * 1024 + 300,
                "mp4" | "webm" => 5_000_000,
                "vtt" if path == "hoi-nghi.vtt" => 2_000,
                _ => return None,
            };
            Some(SiteFile {
                rel: format!("tin-tuc/{path}"),
                url: format!("/{path}"),
                size,
            })
        }
    }

    /// (line, column, is an error) of each problem.
    pub fn placed(problems: Problems) -> Vec<(usize, usize, bool)> {
        let found = problems.into_vec();
        found
            .iter()
            .map(|d| (d.line, d.col, d.is_error()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_body(body: &str) -> Rendered {
        render(&testing::page(body), &testing::Site)
    }

    #[test]
    fn a_page_is_rendered_through_every_adapter_with_its_problems_in_page_order() {
        let r = render_body(
            "## Mở đầu {.x}\n\nĐọc [bài](khac.md) và [hỏng](bad.md).\n\n![Ảnh](a.jpg)\n\n<!-- more -->\n\nHết <b onclick=x>.\n",
        );
        let html = r.html.text();
        assert!(html.contains("<h2 id=\"mo-dau\">Mở đầu</h2>"), "{html}");
        assert!(html.contains("<a href=\"/khac/\">bài</a>"), "{html}");
        assert!(html.contains("<img src=\"/a.jpg\" alt=\"Ảnh\""), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!r.summary_html.contains("Hết"), "{}", r.summary_html);
        assert_eq!(r.summary_text, "Mở đầu Đọc bài và hỏng.");
        assert_eq!(r.word_count, 9);
        let placed: Vec<_> = r.problems.iter().map(|d| (d.line, d.is_error())).collect();
        assert_eq!(placed, [(5, false), (7, true), (13, false)]);
    }

    #[test]
    fn a_citation_in_the_title_is_noted_and_checked_but_not_linked() {
        let table = crate::citations::fixture::table();
        let base = crate::fixtures::config().base_url;
        let linker = Linker {
            table: &table,
            base: &base,
        };
        let mut page = testing::page("Theo Nghị định 118/2025/NĐ-CP.\n");
        page.meta.title = "Về 66/NQ-CP và 9/2025/ND-CP".into();
        let r = render_with(&page, &testing::Site, Some(linker));
        assert_eq!(r.documents, ["118/2025/NĐ-CP", "66/NQ-CP"]);
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert_eq!(r.problems[0].line, page.line_of("title"));
        let html = r.html.text();
        assert!(
            html.contains("<a href=\"/van-ban/118-2025-nd-cp/\""),
            "{html}"
        );
    }
}
