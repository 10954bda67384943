//! Where every source file is published, so relative links written between Markdown files
//! (`[x](../tin-tuc/bai.md#muc-tieu)`) become the URLs readers follow, and broken ones are caught.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::config::BaseUrl;
use crate::images::{self, Processed};
use crate::key::Key;
use crate::markdown::{ImageAttrs, LinkProblem, Resolve, SiteFile};
use crate::model::Page;
use crate::msg;

/// A file copied into the site from beside the content: the link index resolves links to it.
#[derive(Debug, Clone)]
pub struct PlacedAsset {
    /// Path under `content/`.
    pub rel: String,
    /// Output path.
    pub out: String,
    pub bytes: std::sync::Arc<Vec<u8>>,
}

/// An index of the site's files by their path under `content/`.
pub struct LinkIndex<'a> {
    base: &'a BaseUrl,
    /// The pages links can lead to, and those they cannot lead to yet, in the site's order:
    /// what `places` indexes.
    published: Vec<&'a Page>,
    withheld: Vec<&'a Page>,
    places: Arc<Places>,
    /// Content path of a co-located file → the file.
    assets: FxHashMap<&'a str, &'a PlacedAsset>,
    /// Folder under `content/` → its files, in the site's order.
    folders: FxHashMap<&'a str, Vec<&'a PlacedAsset>>,
    /// Content path of a photo → its resized copies.
    images: &'a HashMap<String, Processed>,
}

/// Where the pages of a link index are, by their path under `content/`, and the fingerprint of
/// every target: the part of the index that reads every page. It owns no page, so `serve`
/// keeps the last whole build's for its text edits, which leave every page in its place, rather
/// than hashing 100,000 paths again at each.
#[derive(Debug)]
pub struct Places {
    published: ByRel,
    withheld: ByRel,
    fingerprint: crate::key::Hash,
    /// The part of `fingerprint` that is not the pages: the base path and the files.
    files: crate::key::Hash,
}

/// Pages by their path under `content/`, as their places in the list the map was made from. A
/// path is held as its hash: nothing is copied, and a look-up checks the page's own path.
#[derive(Debug, Default)]
struct ByRel {
    first: FxHashMap<u64, u32>,
    /// Places of pages whose path hashes as an earlier page's, looked through one by one.
    clashes: Vec<u32>,
}

impl ByRel {
    fn new(pages: &[&Page]) -> ByRel {
        let mut map = ByRel {
            first: FxHashMap::with_capacity_and_hasher(pages.len(), Default::default()),
            clashes: Vec::new(),
        };
        for (i, page) in pages.iter().enumerate() {
            let i = u32::try_from(i).expect("fewer than 4 billion pages");
            match map.first.entry(hash_of(&page.rel)) {
                Entry::Vacant(free) => {
                    free.insert(i);
                }
                Entry::Occupied(_) => map.clashes.push(i),
            }
        }
        map
    }

    /// The page of `pages` (the list the map was made from) at `rel`.
    fn get<'p>(&self, pages: &[&'p Page], rel: &str) -> Option<&'p Page> {
        let place = self.place(rel, |i| pages.get(i).map(|p| p.rel.as_str()))?;
        pages.get(place).copied()
    }

    /// The place of the page at `rel`, `rel_at` telling the path of the page at a place of
    /// the list the map was made from.
    fn place<'p>(&self, rel: &str, rel_at: impl Fn(usize) -> Option<&'p str>) -> Option<usize> {
        let at = |i: &u32| Some(*i as usize).filter(|&i| rel_at(i) == Some(rel));
        let first = self.first.get(&hash_of(rel)).and_then(at);
        first.or_else(|| self.clashes.iter().find_map(at))
    }
}

impl Places {
    /// The place of the published page at `rel` (its path under `content/`) in the list the
    /// index was made from, `rel_at` telling the path of the page at a place: a list kept in
    /// the same order (the converted pages) is searched without a map of its own.
    pub fn published_place<'p>(
        &self,
        rel: &str,
        rel_at: impl Fn(usize) -> Option<&'p str>,
    ) -> Option<usize> {
        self.published.place(rel, rel_at)
    }
}

fn hash_of(rel: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(rel)
}

impl<'a> LinkIndex<'a> {
    /// Indexes the pages links can lead to (`published`) and those they cannot lead to yet
    /// (`withheld`: drafts, future articles), each in the site's order.
    pub fn new(
        base: &'a BaseUrl,
        published: Vec<&'a Page>,
        withheld: Vec<&'a Page>,
        assets: &'a [PlacedAsset],
        images: &'a HashMap<String, Processed>,
    ) -> Self {
        // The maps and the fingerprint read the same lists: made side by side.
        let ((by_rel, withheld_by_rel), (fingerprint, files)) = rayon::join(
            || (ByRel::new(&published), ByRel::new(&withheld)),
            || fingerprint(base, &published, &withheld, assets, images),
        );
        let places = Places {
            published: by_rel,
            withheld: withheld_by_rel,
            fingerprint,
            files,
        };
        Self::with_places(
            base,
            (published, withheld),
            assets,
            images,
            Arc::new(places),
        )
    }

    /// [`LinkIndex::new`] with the `places` a link index of the same `pages` (published and
    /// withheld, in the same order), files and base made ([`LinkIndex::places`]).
    pub fn with_places(
        base: &'a BaseUrl,
        pages: (Vec<&'a Page>, Vec<&'a Page>),
        assets: &'a [PlacedAsset],
        images: &'a HashMap<String, Processed>,
        places: Arc<Places>,
    ) -> Self {
        let (published, withheld) = pages;
        let mut folders: FxHashMap<&str, Vec<&PlacedAsset>> = FxHashMap::default();
        for asset in assets {
            let dir = asset.rel.rsplit_once('/').map_or("", |(dir, _)| dir);
            folders.entry(dir).or_default().push(asset);
        }
        LinkIndex {
            base,
            published,
            withheld,
            places,
            assets: assets.iter().map(|a| (a.rel.as_str(), a)).collect(),
            folders,
            images,
        }
    }

    /// What this index read of every page, for another index of the same pages.
    pub fn places(&self) -> Arc<Places> {
        Arc::clone(&self.places)
    }

    /// The files directly in a folder under `content/`, in the site's order.
    pub fn files_in(&self, dir: &str) -> &[&'a PlacedAsset] {
        self.folders.get(dir).map_or(&[], Vec::as_slice)
    }

    /// The root-relative URL of a file published at `out`.
    pub fn file_url(&self, out: &str) -> String {
        crate::text::url_path(&self.base.link(out)).into_owned()
    }

    /// A hash of everything links can resolve to: the base path, each page's place and URL,
    /// the withheld pages and the co-located files with their sizes. Equal
    /// fingerprints resolve every link the same way.
    pub fn fingerprint(&self) -> crate::key::Hash {
        self.places.fingerprint
    }

    /// The part of [`LinkIndex::fingerprint`] that is not the pages: what every page's links
    /// read besides the pages they name ([`LinkIndex::pages_state`] hashes those).
    pub fn files_fingerprint(&self) -> crate::key::Hash {
        self.places.files
    }

    /// Adds to `key` what each of `rels` (paths under `content/` a page's links named) is in
    /// this index: a published page with its place, a page withheld, or nothing. Equal for two
    /// indexes, they resolve that page's links to pages the same way.
    pub fn pages_state(&self, rels: &[String], key: &mut Key) {
        let places = &self.places;
        for rel in rels {
            match places.published.get(&self.published, rel) {
                Some(p) => key.number(1).hash(&p.link_key),
                None if places.withheld.get(&self.withheld, rel).is_some() => {
                    key.number(2).text(rel)
                }
                None => key.number(3).text(rel),
            };
        }
    }

    /// The URL of an image or file named in front matter or Markdown, relative to the page.
    pub fn asset_url(&self, page: &Page, dest: &str) -> Result<Option<String>, LinkProblem> {
        Ok(self
            .asset(page, dest)?
            .map(|(_, asset, suffix)| format!("{}{suffix}", self.file_url(&asset.out))))
    }

    /// A co-located file named from a page: its content path, the file and `?…#…` suffix.
    fn asset<'d>(
        &self,
        page: &Page,
        dest: &'d str,
    ) -> Result<Option<(String, &'a PlacedAsset, &'d str)>, LinkProblem> {
        if is_external(dest)? {
            return Ok(None);
        }
        let (path, suffix) = split_suffix(dest);
        let rel = join(page.dir(), &percent_decode(path)).ok_or_else(|| missing_file(dest))?;
        let asset = *self
            .assets
            .get(rel.as_str())
            .ok_or_else(|| missing_file(dest))?;
        Ok(Some((rel, asset, suffix)))
    }

    /// An image named in front matter or Markdown, with its resized copies when it is a photo.
    pub fn image_attrs(&self, page: &Page, dest: &str) -> Result<Option<ImageAttrs>, LinkProblem> {
        let Some((rel, asset, suffix)) = self.asset(page, dest)? else {
            return Ok(None);
        };
        Ok(Some(self.photo(&rel, &asset.out).unwrap_or_else(|| {
            ImageAttrs {
                src: format!("{}{suffix}", self.file_url(&asset.out)),
                ..ImageAttrs::default()
            }
        })))
    }

    /// How a photo of the site (`rel`, published at `out`) is shown, with its resized copies;
    /// `None` for a file that is not a photo loa resized.
    pub fn photo(&self, rel: &str, out: &str) -> Option<ImageAttrs> {
        let processed = self.images.get(rel)?;
        let srcset: Vec<(String, u32)> = processed
            .variants
            .iter()
            .map(|v| (self.file_url(&images::variant_name(out, v.width)), v.width))
            .collect();
        // The widest copy is the plain `src`; the original stays available at its own URL.
        let (src, width, height) = match processed.variants.last() {
            Some(v) => (
                self.file_url(&images::variant_name(out, v.width)),
                v.width,
                v.height,
            ),
            None => (self.file_url(out), processed.width, processed.height),
        };
        Some(ImageAttrs {
            src,
            srcset,
            width: Some(width),
            height: Some(height),
            share: Some(self.file_url(&images::share_name(out))),
            intrinsic: Some((processed.width, processed.height)),
        })
    }

    fn page_url(&self, page: &Page, dest: &str) -> Result<Option<String>, LinkProblem> {
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        if path.is_empty() {
            return Ok(None);
        }
        let target = self.linked_page(page, dest, path)?;
        let url = self.base.link(&target.path);
        Ok(Some(match fragment {
            Some(f) => format!("{url}#{f}"),
            None => url,
        }))
    }

    /// The published page `path` (written in `page` as part of `dest`) leads to.
    fn linked_page(&self, page: &Page, dest: &str, path: &str) -> Result<&'a Page, LinkProblem> {
        let rel = join(page.dir(), &percent_decode(path)).ok_or_else(|| missing_page(dest))?;
        let places = &self.places;
        match (
            places.published.get(&self.published, &rel),
            places.withheld.get(&self.withheld, &rel),
        ) {
            (Some(p), _) => Ok(p),
            (None, Some(_)) => Err(LinkProblem {
                message: msg::link_to_withheld(dest),
                hint: msg::HINT_LINK_WITHHELD.to_string(),
            }),
            (None, None) => Err(missing_page(dest)),
        }
    }
}

impl Resolve for LinkIndex<'_> {
    fn resolve(&self, page: &Page, dest: &str) -> Result<Option<String>, LinkProblem> {
        if is_external(dest)? {
            return Ok(None);
        }
        let (path, _) = split_suffix(dest);
        if path.is_empty() || path.ends_with(".md") {
            self.page_url(page, dest)
        } else {
            self.asset_url(page, dest)
        }
    }

    fn page_of(&self, page: &Page, dest: &str) -> Option<String> {
        if is_external(dest).unwrap_or(true) {
            return None;
        }
        let (path, _) = split_suffix(dest);
        if !path.ends_with(".md") {
            return None;
        }
        let path = dest.split_once('#').map_or(dest, |(p, _)| p);
        join(page.dir(), &percent_decode(path))
    }

    fn image(&self, page: &Page, dest: &str) -> Result<Option<ImageAttrs>, LinkProblem> {
        self.image_attrs(page, dest)
    }

    fn file(&self, page: &Page, dest: &str) -> Option<SiteFile> {
        let (rel, asset, _) = self.asset(page, dest).ok()??;
        Some(SiteFile {
            rel,
            url: self.file_url(&asset.out),
            size: asset.bytes.len() as u64,
        })
    }
}

fn missing_page(dest: &str) -> LinkProblem {
    LinkProblem {
        message: msg::missing_link_target(dest),
        hint: msg::HINT_LINK_PATH.to_string(),
    }
}

fn missing_file(dest: &str) -> LinkProblem {
    LinkProblem {
        message: msg::missing_file(dest),
        hint: msg::HINT_FILE_PATH.to_string(),
    }
}

/// Links loa leaves alone: other sites, e-mail, phone, root paths the officer chose. A URL
/// the policy refuses (`javascript:`, `data:`…) is a problem, whatever it points at: every
/// link and image an author writes comes through here.
fn is_external(dest: &str) -> Result<bool, LinkProblem> {
    crate::url_policy::check(dest).map_err(|refused| LinkProblem {
        message: msg::url_refused(dest, &refused.scheme),
        hint: msg::HINT_URL_REFUSED.to_string(),
    })?;
    Ok(has_scheme_or_root(dest))
}

fn has_scheme_or_root(dest: &str) -> bool {
    let scheme = dest
        .split_once(':')
        .is_some_and(|(s, _)| !s.is_empty() && !s.contains('/') && !s.contains('#'));
    scheme || dest.starts_with('/') || dest.is_empty()
}

/// Splits `a/b.png?x#y` into `a/b.png` and `?x#y`, or `a.md#b` into `a.md` and `#b`.
fn split_suffix(dest: &str) -> (&str, &str) {
    let cut = dest.find(['?', '#']).unwrap_or(dest.len());
    (&dest[..cut], &dest[cut..])
}

/// Markdown links to files with spaces or accents are often written percent-encoded.
fn percent_decode(path: &str) -> String {
    crate::text::nfc(&percent_encoding::percent_decode_str(path).decode_utf8_lossy())
}

/// Joins a relative path onto a folder under `content/`; `None` if it climbs out of `content/`.
fn join(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// [`LinkIndex::fingerprint`] and [`LinkIndex::files_fingerprint`], from the lists in the
/// order given: the same site gives the same order (files are read sorted), so nothing needs
/// sorting here.
fn fingerprint(
    base: &BaseUrl,
    published: &[&Page],
    withheld: &[&Page],
    assets: &[PlacedAsset],
    images: &HashMap<String, Processed>,
) -> (crate::key::Hash, crate::key::Hash) {
    let files = files_fingerprint(base, assets, images);
    let mut key = Key::new("links");
    key.hash(&files);
    for page in published {
        key.hash(&page.link_key);
    }
    key.number(withheld.len() as u64);
    for page in withheld {
        key.text(&page.rel);
    }
    (key.finish(), files)
}

/// What links read besides the pages: the base path, and each file beside the content with
/// its size and, for a photo, its copies.
fn files_fingerprint(
    base: &BaseUrl,
    assets: &[PlacedAsset],
    images: &HashMap<String, Processed>,
) -> crate::key::Hash {
    let mut key = Key::new("files");
    key.text(&base.link(""));
    for asset in assets {
        // The size too: a link to a document says it.
        key.text(&asset.rel).text(&asset.out);
        key.number(asset.bytes.len() as u64);
        if let Some(p) = images.get(&asset.rel) {
            key.number(p.width.into()).number(p.height.into());
            key.number(p.variants.len() as u64);
            for v in &p.variants {
                key.number(v.width.into()).number(v.height.into());
            }
        }
    }
    key.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_joined_within_content() {
        assert_eq!(
            join("tin-tuc", "../su-kien/a.md").as_deref(),
            Some("su-kien/a.md")
        );
        assert_eq!(
            join("tin-tuc/bai", "./anh.jpg").as_deref(),
            Some("tin-tuc/bai/anh.jpg")
        );
        assert_eq!(join("tin-tuc", "../../etc/passwd"), None);
    }

    #[test]
    fn external_links_are_left_alone() {
        for dest in [
            "https://dichvucong.gov.vn",
            "mailto:stp@angiang.gov.vn",
            "tel:0296",
            "/cchc/",
        ] {
            assert_eq!(is_external(dest), Ok(true), "{dest}");
        }
        assert_eq!(is_external("bai.md#muc-tieu"), Ok(false));
        assert_eq!(is_external("#muc-tieu"), Ok(false));
        assert!(is_external("JavaScript:alert(1)").is_err());
    }

    /// A page at `rel` under `content/`.
    fn page(rel: &str) -> Page {
        let text = "---\ntitle: \"Bài\"\ndate: 2025-09-01\n---\nBài.\n";
        let source =
            crate::load::Source::new(rel.into(), format!("content/{rel}").into(), text.into());
        crate::parse::parse(&source, &crate::fixtures::config())
            .0
            .expect("a page")
    }

    #[test]
    fn pages_are_found_by_path_even_when_paths_hash_alike() {
        let pages = [page("tin-tuc/a.md"), page("tin-tuc/b.md"), page("c.md")];
        let pages: Vec<&Page> = pages.iter().collect();
        let map = ByRel::new(&pages);
        assert!(map.clashes.is_empty());
        for p in &pages {
            assert_eq!(map.get(&pages, &p.rel).map(|f| &f.rel), Some(&p.rel));
        }
        assert!(map.get(&pages, "tin-tuc/x.md").is_none());
        assert!(map.get(&pages, "a.md").is_none());
        // `b.md` as if its path hashed as `a.md`'s: it is among the clashes, and only a page
        // with the path asked for is given.
        let clashing = ByRel {
            first: [(hash_of("tin-tuc/a.md"), 0)].into_iter().collect(),
            clashes: vec![1],
        };
        let found = |rel| clashing.get(&pages, rel).map(|p| p.rel.clone());
        assert_eq!(found("tin-tuc/a.md").as_deref(), Some("tin-tuc/a.md"));
        assert_eq!(found("tin-tuc/b.md").as_deref(), Some("tin-tuc/b.md"));
        assert_eq!(found("c.md"), None);
    }

    #[test]
    fn encoded_names_are_decoded_and_normalized() {
        assert_eq!(percent_decode("b%C3%A0i%20vi%E1%BA%BFt.md"), "bài viết.md");
    }
}
