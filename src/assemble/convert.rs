//! Every page's Markdown converted to HTML, in parallel, through one index of what the site's
//! links can reach; a page whose file and link targets are unchanged is taken from the memo.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::{Converted, Markdown};
use super::{PlacedAsset, Published, Sorted, PIECE};
use crate::citations::{Linker, Table};
use crate::config::BaseUrl;
use crate::diag::Diagnostic;
use crate::images::Processed;
use crate::key::Key;
use crate::links::{LinkIndex, Places};
use crate::markdown::{self, ImageAttrs};
use crate::model::Page;

/// What a page's Markdown can link to besides pages: where the site is published, the files
/// beside the content and their resized copies, and the table of documents.
pub(super) struct Targets<'a> {
    pub base_url: &'a BaseUrl,
    pub assets: &'a [PlacedAsset],
    pub images: &'a HashMap<String, Processed>,
    pub documents: Option<&'a Table>,
}

/// Renders every page's Markdown in parallel, resolving links and images through one index
/// of the whole site; collects the problems found. Returns the published pages, the home
/// page and the section indexes, each with its HTML.
pub(super) fn render_markdown(
    converter: Converter,
    sorted: &Sorted,
    problems: &mut Vec<Diagnostic>,
    mut memo: Option<&mut FxHashMap<String, Converted>>,
) -> (Vec<Published>, Option<Published>, Vec<Published>) {
    let Sorted {
        home,
        indexes,
        published,
        ..
    } = sorted;
    let index_key = converter.key;
    let (html, home_html, index_html) = {
        let none = FxHashMap::default();
        let memo = memo.as_deref().unwrap_or(&none);
        let convert = |page: &Arc<Page>| converter.reuse_or_convert(memo, page);
        let html: Vec<_> = (published.par_iter().with_max_len(PIECE))
            .map(convert)
            .collect();
        let home_html = home.as_ref().map(convert);
        let index_html: Vec<_> = indexes.par_iter().map(convert).collect();
        (html, home_html, index_html)
    };
    let places = converter.into_places();
    let count = published.len() + indexes.len() + usize::from(home.is_some());
    let mut publish = |page: &Arc<Page>, conversion: Conversion| {
        let Conversion {
            key,
            pages,
            card,
            result,
            fresh,
        } = conversion;
        let (rendered, image) = result;
        problems.extend(rendered.problems.iter().cloned());
        if let (true, Some(memo)) = (fresh, memo.as_deref_mut()) {
            let converted = Converted {
                from: (index_key, page.source_key),
                pages,
                key,
                card,
                result: (rendered.clone(), image.clone()),
            };
            memo.insert(page.rel.clone(), converted);
        }
        Published {
            page: page.clone(),
            rendered,
            image,
            expired: false,
            front: page.front_key,
            key,
            card,
        }
    };
    let pages: Vec<Published> = published
        .iter()
        .zip(html)
        .map(|(p, r)| publish(p, r))
        .collect();
    let home = home.as_ref().zip(home_html).map(|(p, r)| publish(p, r));
    let indexes: Vec<Published> = indexes
        .iter()
        .zip(index_html)
        .map(|(p, r)| publish(p, r))
        .collect();
    problems.extend(all_heading_link_problems(
        &places,
        (&pages, &indexes, home.as_ref()),
    ));
    if let Some(memo) = memo {
        crate::memo::forget_gone(memo, count, || {
            (pages.iter().chain(&indexes))
                .chain(&home)
                .map(|p: &Published| p.page.rel.as_str())
        });
    }
    (pages, home, indexes)
}

/// [`heading_link_problems`] of every page: the articles and standalone pages, the section
/// lists and the home page, in the order of the link index whose `places` find them.
fn all_heading_link_problems(
    places: &crate::links::Places,
    (pages, indexes, home): (&[Published], &[Published], Option<&Published>),
) -> Vec<Diagnostic> {
    let at = |i: usize| {
        (pages.get(i))
            .or_else(|| indexes.get(i - pages.len()))
            .or_else(|| home.filter(|_| i == pages.len() + indexes.len()))
    };
    // Found by the index's map, in the lists as they are: no map of every page is made.
    let find = |rel: &str| {
        let place = places.published_place(rel, |i| at(i).map(|p| p.page.rel.as_str()))?;
        at(place)
    };
    let some = |p: &Published| !p.rendered.heading_links.is_empty();
    let mut problems: Vec<Diagnostic> = (pages.par_iter().with_max_len(PIECE))
        .filter(|p| some(p))
        .flat_map_iter(|page| heading_link_problems(page, find))
        .collect();
    for page in indexes.iter().chain(home).filter(|p| some(p)) {
        problems.extend(heading_link_problems(page, find));
    }
    problems
}

/// The errors of `page`'s links to headings that the pages they name (found by their path
/// under `content/`) do not have. Checked once every page is converted, for a page's headings
/// are found as it is: a page's HTML does not depend on the headings of the pages it links
/// to, so neither does its conversion, nor its place in the memo.
pub(super) fn heading_link_problems<'s>(
    page: &Published,
    find: impl Fn(&str) -> Option<&'s Published>,
) -> Vec<Diagnostic> {
    let links = page.rendered.heading_links.iter();
    // A page a link can name was published, so it is found.
    let found = links.filter_map(|link| Some((link, find(&link.page)?)));
    found
        .filter_map(|(link, target)| {
            let headings = &target.rendered.headings;
            link.problem(&page.page, &target.page.display, headings)
        })
        .collect()
}

/// The pages links can lead to (section lists and the home page through their `_index.md`)
/// and those they cannot lead to yet, in the site's order.
fn linkable(sorted: &Sorted) -> (Vec<&Page>, Vec<&Page>) {
    let Sorted {
        home,
        indexes,
        published,
        withheld,
    } = sorted;
    let linkable = published.iter().chain(indexes).chain(home).map(|p| &**p);
    (linkable.collect(), withheld.iter().map(|p| &**p).collect())
}

/// A page's Markdown as converted: its key for the later stages, the result, and whether it
/// was converted anew (rather than taken from the memo).
struct Conversion {
    key: crate::key::Hash,
    pages: crate::key::Hash,
    card: crate::key::Hash,
    result: Markdown,
    fresh: bool,
}

/// What converting a page reads besides the page itself.
pub(super) struct Converter<'a> {
    index: LinkIndex<'a>,
    linker: Option<Linker<'a>>,
    /// A hash of all of it: a page's HTML depends on the page and on every page, file and
    /// document it could link to.
    pub(super) key: crate::key::Hash,
    /// Whether each page's HTML is packed as it is made ([`Converter::packing`]).
    pack: bool,
}

impl<'a> Converter<'a> {
    pub(super) fn new(targets: Targets<'a>, sorted: &'a Sorted) -> Converter<'a> {
        let (published, withheld) = linkable(sorted);
        let index = LinkIndex::new(
            targets.base_url,
            published,
            withheld,
            targets.assets,
            targets.images,
        );
        Self::of(targets, index)
    }

    /// [`Converter::new`] with the `places` of a converter of the same `sorted` pages and
    /// targets ([`Converter::places`]): no path of every page is read again.
    pub(super) fn with_places(
        targets: Targets<'a>,
        sorted: &'a Sorted,
        places: Arc<Places>,
    ) -> Converter<'a> {
        let pages = linkable(sorted);
        let index = LinkIndex::with_places(
            targets.base_url,
            pages,
            targets.assets,
            targets.images,
            places,
        );
        Self::of(targets, index)
    }

    /// What this converter's index read of every page.
    pub(super) fn places(&self) -> Arc<Places> {
        self.index.places()
    }

    /// [`Converter::places`], the rest of the converter freed.
    fn into_places(self) -> Arc<Places> {
        self.places()
    }

    fn of(targets: Targets<'a>, index: LinkIndex<'a>) -> Converter<'a> {
        // The pages a page's links name are keyed page by page (`pages_key`): a page that
        // moves makes again only the pages linking to it.
        let key = match targets.documents {
            Some(table) => Key::new("files and documents")
                .hash(&index.files_fingerprint())
                .hash(&table.fingerprint())
                .finish(),
            None => index.files_fingerprint(),
        };
        let linker = targets.documents.map(|table| Linker {
            table,
            base: targets.base_url,
        });
        Converter {
            index,
            linker,
            key,
            pack: false,
        }
    }

    /// Packs each page's HTML as it is made, on the cores that make it: for a build whose
    /// pages a memo keeps for the next one (`serve`), which reads a page's HTML again only
    /// when it renders that page again or reads it for search.
    pub(super) fn packing(self, pack: bool) -> Self {
        Converter { pack, ..self }
    }

    /// The hash of where every published page is (see
    /// [`LinkIndex::fingerprint`]).
    pub(super) fn addresses(&self) -> crate::key::Hash {
        self.index.fingerprint()
    }

    /// The memo's conversion of `page` when it was made from the same page and link targets,
    /// else a new one.
    fn reuse_or_convert(
        &self,
        memo: &FxHashMap<String, Converted>,
        page: &Arc<Page>,
    ) -> Conversion {
        let reused = memo.get(&page.rel).filter(|c| {
            c.from == (self.key, page.source_key)
                && c.pages == self.pages_key(&c.result.0.pages_read)
        });
        match reused {
            Some(c) => Conversion {
                key: c.key,
                pages: c.pages,
                card: c.card,
                result: c.result.clone(),
                fresh: false,
            },
            None => {
                let result = self.convert(page);
                let (pages, key) = self.keys(page, &result.0);
                Conversion {
                    key,
                    pages,
                    card: card_key(page, &result),
                    result,
                    fresh: true,
                }
            }
        }
    }

    /// What the pages named by the links of a page (`pages_read`) are in this converter's
    /// index: the conversion is reused while they are the same.
    pub(super) fn pages_key(&self, pages_read: &[String]) -> crate::key::Hash {
        let mut key = Key::new("pages read");
        self.index.pages_state(pages_read, &mut key);
        key.finish()
    }

    /// The keys of `page`'s conversion `rendered`: [`Converter::pages_key`], and the page's
    /// key for the later stages ([`markdown_key`]).
    pub(super) fn keys(
        &self,
        page: &Page,
        rendered: &markdown::Rendered,
    ) -> (crate::key::Hash, crate::key::Hash) {
        let pages = self.pages_key(&rendered.pages_read);
        (pages, markdown_key(&self.key, &pages, page))
    }

    /// A page's Markdown as HTML with its gallery and documents, and how its front-matter
    /// `image` is published.
    pub(super) fn convert(&self, page: &Page) -> Markdown {
        let mut rendered = markdown::render_with(page, &self.index, self.linker);
        let (gallery, problems) = super::bundle::gallery(page, &self.index);
        rendered.gallery = gallery;
        rendered.problems.extend(problems);
        super::bundle::documents_beside(page, &self.index, &mut rendered.attachments);
        if self.pack {
            rendered.html.pack();
        }
        let image =
            page.meta
                .image
                .as_deref()
                .and_then(|src| match self.index.image_attrs(page, src) {
                    Ok(attrs) => Some(attrs.unwrap_or_else(|| ImageAttrs {
                        src: src.to_string(),
                        ..ImageAttrs::default()
                    })),
                    Err(p) => {
                        let d = Diagnostic::error(
                            page.display.clone(),
                            page.line_of("image"),
                            1,
                            p.message,
                        );
                        rendered.problems.push(d.with_hint(p.hint));
                        None
                    }
                });
        (Arc::new(rendered), image.map(Arc::new))
    }
}

/// What a page's Markdown rendering reads: the files links may name and the documents
/// (`index`), the pages its links name (`pages`, [`Converter::pages_key`]), and the page,
/// which is all derived from its file, its place and the config it was parsed with (its
/// `source_key`).
pub(super) fn markdown_key(
    index: &crate::key::Hash,
    pages: &crate::key::Hash,
    page: &Page,
) -> crate::key::Hash {
    Key::new("markdown")
        .hash(index)
        .hash(pages)
        .hash(&page.source_key)
        .finish()
}

/// What a page's card shows of it besides what every page shares (the config, the base URL):
/// its front matter and place, its summary and its image as published.
pub(super) fn card_key(page: &Page, (rendered, image): &Markdown) -> crate::key::Hash {
    let mut key = Key::new("card");
    key.hash(&page.front_key)
        .text(&rendered.summary_html)
        .text(&rendered.summary_text);
    if let Some(image) = image {
        let ImageAttrs {
            src,
            srcset,
            width,
            height,
            share,
            intrinsic,
        } = &**image;
        let size = |n: Option<u32>| n.map_or(u64::MAX, u64::from);
        key.text(src).number(srcset.len() as u64);
        for (url, w) in srcset {
            key.text(url).number(u64::from(*w));
        }
        let (iw, ih) = intrinsic.unzip();
        for n in [*width, *height, iw, ih] {
            key.number(size(n));
        }
        key.number(u64::from(share.is_some()))
            .text(share.as_deref().unwrap_or_default());
    }
    key.finish()
}
