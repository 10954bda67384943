//! The links to other sites written in the site's pages, each with its place.

use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag};

use crate::config::Config;
use crate::diag::{line_col, Diagnostic};

/// A link to another site, where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub display: PathBuf,
    pub line: usize,
    pub col: usize,
}

/// Every `http://` and `https://` link and image of the content's pages; drafts only when
/// `drafts`. Files that do not read are left to the build, which reports them.
pub fn collect(root: &Path, config: &Config, drafts: bool) -> (Vec<Link>, Vec<Diagnostic>) {
    let (files, problems) = crate::load::load(root, config.theme.as_deref());
    let mut links = Vec::new();
    for source in &files.sources {
        let (Some(page), _) = crate::parse::parse(source, config) else {
            continue;
        };
        if page.meta.draft && !drafts {
            continue;
        }
        links.extend(in_body(&page.body.text(), page.body_line, &page.display));
    }
    (links, problems)
}

fn in_body(body: &str, body_line: usize, display: &Path) -> Vec<Link> {
    let events = Parser::new_ext(body, pulldown_cmark::Options::all()).into_offset_iter();
    let mut links = Vec::new();
    for (event, range) in events {
        let (Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })) =
            event
        else {
            continue;
        };
        let lower = dest_url.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            continue;
        }
        let (line, col) = line_col(body, range.start);
        links.push(Link {
            url: dest_url.to_string(),
            display: display.to_path_buf(),
            line: body_line + line - 1,
            col,
        });
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_images_to_other_sites_are_found_at_their_place() {
        let body = "Xem [văn bản](https://vbpl.vn/a) và [bài](b.md).\n\n![Ảnh](http://x.vn/a.jpg)\n\n`https://trong-code.vn`\n";
        let found = in_body(body, 5, Path::new("content/a.md"));
        let places: Vec<(&str, usize, usize)> = found
            .iter()
            .map(|l| (l.url.as_str(), l.line, l.col))
            .collect();
        assert_eq!(
            places,
            [("https://vbpl.vn/a", 5, 5), ("http://x.vn/a.jpg", 7, 1)]
        );
    }
}
