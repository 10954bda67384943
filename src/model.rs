//! The internal model of a site: pages with their checked metadata. Plain data, no behaviour
//! beyond small accessors; templates never see these types (they see `views`).

use jiff::ZonedDateTime;

/// What a Markdown file is, from where it stands under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// A dated piece in a section: `content/tin-tuc/bai.md` or `content/tin-tuc/bai/index.md`.
    Article,
    /// A page directly under `content/`: `content/gioi-thieu.md` → `/gioi-thieu/`.
    Standalone,
    /// `content/<section>/_index.md`: the title and text of a section's list.
    SectionIndex,
    /// `content/_index.md`: the title and text of the home page.
    Home,
}

/// A conference, training or Law Day session that an article reports on.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub start: ZonedDateTime,
    pub end: Option<ZonedDateTime>,
    pub location: Option<String>,
    pub participants: Option<u64>,
}

/// How a section orders its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Newest first (the default).
    #[default]
    Date,
    /// Vietnamese alphabetical order of titles.
    Title,
    /// Events: upcoming first (soonest first), then past ones (latest first); the default of
    /// the `su-kien` section.
    Event,
}

/// Front matter after checking: keys resolved against config, dates in the site time zone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub title: String,
    pub description: Option<String>,
    pub date: Option<ZonedDateTime>,
    pub updated: Option<ZonedDateTime>,
    pub topics: Vec<String>,
    pub tags: Vec<String>,
    pub unit: Option<String>,
    pub channels: Vec<String>,
    pub summary: Option<String>,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    /// `full_size_photos: true`: the bundle's photos are published at their full size (still
    /// upright and without the phone's metadata) rather than at the widest copy's.
    pub full_size_photos: bool,
    pub draft: bool,
    /// `featured: true`: the home page leads with the newest such article.
    pub featured: bool,
    pub aliases: Vec<String>,
    pub template: Option<String>,
    pub event: Option<Event>,
    /// `expires:`: from this moment the page leaves the lists, feeds, search and sitemap
    /// (`crate::assemble::expiry`).
    pub expires: Option<ZonedDateTime>,
    pub extra: serde_json::Value,
    /// Section lists only.
    pub sort: SortBy,
    /// Section lists only: overrides the site's `paginate`.
    pub paginate: Option<usize>,
    /// The `approval:` block and where the article stands (`crate::approval`).
    pub approval: crate::approval::Approval,
    /// `gallery:`: the photos of the page's gallery, in order (else its `anh/` folder's).
    pub gallery: Vec<GalleryEntry>,
}

/// A photo named in `gallery:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GalleryEntry {
    /// As written, relative to the page.
    pub src: String,
    pub caption: Option<String>,
    /// Its line in the file.
    pub line: usize,
}

/// A heading of a page, with the id its anchor uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// One Markdown file, parsed and placed.
#[derive(Debug, Clone)]
pub struct Page {
    pub kind: PageKind,
    /// Path relative to `content/` (`tin-tuc/bai.md`), the key links use.
    pub rel: String,
    /// Path shown in messages (`content/tin-tuc/bai.md`).
    pub display: std::path::PathBuf,
    /// The section folder's slug for articles and section indexes.
    pub section: Option<String>,
    /// Site path without the base path: `tin-tuc/bai/` (home: empty).
    pub path: String,
    /// Folder (relative to `content/`) whose files belong to this page, for bundles.
    pub bundle_dir: Option<String>,
    pub meta: Meta,
    /// The Markdown after the front matter. Only the Markdown stage reads it: a one-off
    /// build empties it afterwards (`Site::free_bodies`), `serve` keeps it packed.
    pub body: crate::kept::KeptText,
    /// Line of the file where `body` starts, so Markdown problems are placed in the file.
    pub body_line: usize,
    /// The slug of each of `meta.tags`, in the same order: what groups a tag's articles.
    pub tag_keys: Vec<String>,
    /// Line of each front-matter key in the file, to place problems found in later stages.
    pub key_lines: std::collections::BTreeMap<String, usize>,
    /// Hash of the file and the config it was parsed with: everything this struct comes from.
    pub source_key: crate::key::Hash,
    /// Hash of everything this struct comes from but the Markdown after the front matter:
    /// what the site's lists read of the page. A text edit leaves it as it was.
    pub front_key: crate::key::Hash,
    /// Hash of what links to this page read of it: its file and URL.
    pub link_key: crate::key::Hash,
}

impl Page {
    /// The folder (relative to `content/`) that relative links in this page start from.
    pub fn dir(&self) -> &str {
        self.rel.rsplit_once('/').map_or("", |(dir, _)| dir)
    }

    /// The line of a front-matter key, or 0 (the whole file) when it is not written.
    pub fn line_of(&self, key: &str) -> usize {
        self.key_lines.get(key).copied().unwrap_or(0)
    }
}
