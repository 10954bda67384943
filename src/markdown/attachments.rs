//! Links to documents of the site (PDF, Word, Excel…): each says what the reader will get,
//! its type and size (`(PDF, 1,2 MB)`), and the page keeps the list for its "Tài liệu đính
//! kèm" block.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::{Attachment, Problems, Resolve, SiteFile, Spanned};

/// The extensions listed as documents: what readers download rather than look at.
pub const DOCUMENTS: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf",
];

/// Whether a file's path names a document.
pub fn is_document(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, ext)| DOCUMENTS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// `PDF`, `DOCX`: the type of a document as readers know it.
pub fn kind_of(path: &str) -> String {
    path.rsplit_once('.')
        .map_or(String::new(), |(_, ext)| ext.to_ascii_uppercase())
}

/// Adds its type and size inside each link to a document of the site, and notes the document.
/// Before the links adapter: it sees the path as written, relative to the page.
pub(super) struct Attachments<'a, 'e, I> {
    events: I,
    resolver: &'a dyn Resolve,
    problems: &'a Problems<'a>,
    found: &'a mut Vec<Attachment>,
    /// The document whose link is open, and the link's text so far.
    open: Option<(SiteFile, String)>,
    /// The link's end, given after the type and size.
    pending: Option<Spanned<'e>>,
}

impl<'a, 'e, I> Attachments<'a, 'e, I> {
    pub fn new(
        events: I,
        resolver: &'a dyn Resolve,
        problems: &'a Problems<'a>,
        found: &'a mut Vec<Attachment>,
    ) -> Self {
        Attachments {
            events,
            resolver,
            problems,
            found,
            open: None,
            pending: None,
        }
    }
}

impl<'e, I: Iterator<Item = Spanned<'e>>> Iterator for Attachments<'_, 'e, I> {
    type Item = Spanned<'e>;

    fn next(&mut self) -> Option<Spanned<'e>> {
        if let Some(event) = self.pending.take() {
            return Some(event);
        }
        let item = self.events.next();
        let (event, range) = item.as_ref()?;
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if *link_type != LinkType::Email => {
                let path = dest_url.split(['?', '#']).next().unwrap_or(dest_url);
                if is_document(path) {
                    let file = self.resolver.file(self.problems.page, dest_url);
                    self.open = file.map(|f| (f, String::new()));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = self.open.as_mut() {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((file, text)) = self.open.take() {
                    let label = format!(
                        " <span class=\"file-info\">({}, {})</span>",
                        kind_of(&file.rel),
                        crate::text::file_size(file.size)
                    );
                    self.note(file, text);
                    let range = range.clone();
                    self.pending = item;
                    return Some((Event::Html(CowStr::from(label)), range));
                }
            }
            _ => {}
        }
        item
    }
}

impl<I> Attachments<'_, '_, I> {
    /// Notes a document once, named by the text of its first link.
    fn note(&mut self, file: SiteFile, text: String) {
        if self.found.iter().any(|a| a.file.rel == file.rel) {
            return;
        }
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        // A link's words start mid-sentence; in the list they start a line.
        let mut chars = text.chars();
        let name = match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => file_name(&file.rel).to_string(),
        };
        self.found.push(Attachment {
            kind: kind_of(&file.rel),
            name,
            file,
        });
    }
}

/// `tin-tuc/a/ke-hoach.pdf` → `ke-hoach.pdf`.
pub fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{body_of, events, page, Site};
    use super::*;

    fn run(body: &str) -> (String, Vec<Attachment>) {
        let page = page(body);
        let problems = Problems::new(&page, body_of(&page));
        let mut found = Vec::new();
        let events: Vec<Event> = Attachments::new(events(&page), &Site, &problems, &mut found)
            .map(|(e, _)| e)
            .collect();
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        (html, found)
    }

    #[test]
    fn a_link_to_a_document_of_the_site_says_its_type_and_size() {
        let (html, found) = run(
            "Xem [kế hoạch](ke-hoach.pdf), [bảng **số liệu**](so-lieu.xlsx) và lại [kế hoạch](ke-hoach.pdf#trang=2).\n",
        );
        assert_eq!(
            html,
            "<p>Xem <a href=\"ke-hoach.pdf\">kế hoạch <span class=\"file-info\">(PDF, 1,2 MB)</span></a>, <a href=\"so-lieu.xlsx\">bảng <strong>số liệu</strong> <span class=\"file-info\">(XLSX, 12 KB)</span></a> và lại <a href=\"ke-hoach.pdf#trang=2\">kế hoạch <span class=\"file-info\">(PDF, 1,2 MB)</span></a>.</p>\n"
        );
        let listed: Vec<(&str, &str, &str)> = found
            .iter()
            .map(|a| (a.name.as_str(), a.kind.as_str(), a.file.url.as_str()))
            .collect();
        assert_eq!(
            listed,
            [
                ("Kế hoạch", "PDF", "/ke-hoach.pdf"),
                ("Bảng số liệu", "XLSX", "/so-lieu.xlsx")
            ]
        );
    }

    #[test]
    fn pages_photos_and_other_sites_documents_are_left_as_they_are() {
        let (html, found) = run(
            "[bài](khac.md), [ảnh](a.jpg), [nghị định](https://x.vn/nd.pdf), [thiếu](bad.pdf)\n",
        );
        assert!(!html.contains("file-info"), "{html}");
        assert!(found.is_empty());
    }
}
