//! What templates see: serialize-only view structs, the documented contract of a theme
//! (docs/templates.md). They are built from the assembled site and never expose its internals.

mod build;
mod documents;
mod portal;

use serde::Serialize;

pub use build::{page_window, toc, Views};
pub use documents::{DocumentLink, DocumentView};
pub use portal::{ContactView, HomeView, MenuItem, MenusView};

/// `site`: in every template.
#[derive(Debug, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub organization: String,
    pub language: String,
    /// Absolute, with a trailing slash: `https://stp.angiang.gov.vn/cchc/`.
    pub base_url: String,
    /// Root-relative home link: `/cchc/`.
    pub home_url: String,
    /// Root-relative link to the site feed.
    pub rss_url: String,
    /// Root-relative link to the site's JSON Feed (`/cchc/feed.json`).
    pub json_feed_url: String,
    pub sections: Vec<SectionLink>,
    /// Every topic of the plan, in Vietnamese alphabetical order, with article counts.
    pub topics: Vec<TermLink>,
    pub units: Vec<TermLink>,
    pub channels: Vec<ChannelView>,
    /// Links to the topic, tag and unit lists.
    pub topics_url: String,
    pub tags_url: String,
    pub units_url: String,
    /// Link to the plan's progress page.
    pub coverage_url: String,
    /// Root-relative link to the search page (`/cchc/tim-kiem/`); its form reads `q`.
    pub search_url: String,
    /// Link to the list of legal documents (`/van-ban/`), when the site has any.
    pub documents_url: Option<String>,
    /// The day of the build's "now" in the site time zone (`2025-11-25`): a date, not a time,
    /// so a page that shows it is the same all day.
    pub now: String,
    /// config.yaml's `menus:`.
    pub menus: MenusView,
    /// config.yaml's `contact:`, when it has one.
    pub contact: Option<ContactView>,
}

/// A link to a topic, tag, unit or channel, with how many articles it has.
#[derive(Debug, Clone, Serialize)]
pub struct TermLink {
    pub key: String,
    pub name: String,
    pub description: String,
    /// Empty for channels, which have no list page.
    pub url: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionLink {
    pub slug: String,
    pub title: String,
    pub url: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChannelView {
    pub key: String,
    pub name: String,
    pub description: String,
    pub lead: Option<TermLink>,
    pub partners: Vec<TermLink>,
}

/// `meta`: in every template, what the `<head>` needs.
#[derive(Debug, Serialize)]
pub struct HeadView {
    /// The page's own title (without the site name).
    pub title: String,
    pub description: String,
    /// Root-relative URL of this page.
    pub url: String,
    /// Absolute URL of this page, for the canonical link.
    pub permalink: String,
    /// `home`, `article`, `page`, `section`, `taxonomy`, `term`, `404`, `search`.
    pub kind: &'static str,
    /// Root-relative link of a feed for this page, when it has one besides the site's.
    pub feed_url: Option<String>,
    /// The same feed as JSON Feed, when `feed_url` is set.
    pub json_feed_url: Option<String>,
    /// The image share previews show: the page's own, else the site's default one.
    pub image: ShareImage,
    /// Articles and dated pages: publication and last change (RFC 3339 with the zone's offset).
    pub published: Option<String>,
    pub modified: Option<String>,
    /// Articles: schema.org NewsArticle data (the home page: the department), as JSON text
    /// safe inside `<script>` (`crate::templates::json_for_script`), written once.
    #[serde(skip)]
    pub json_ld: Option<String>,
}

/// An image for share previews (Open Graph), with its size when loa knows it.
#[derive(Debug, Clone, Serialize)]
pub struct ShareImage {
    /// Absolute URL.
    pub url: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub alt: String,
}

/// A heading in the table of contents, with the headings under it.
#[derive(Debug, Serialize)]
pub struct TocEntry {
    pub id: String,
    pub title: String,
    pub level: u8,
    pub children: Vec<TocEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    /// Root-relative (or external) URL: for a photo, its widest resized copy.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    pub alt: String,
    /// `srcset` value (`…-480w.jpg 480w, …`) and the matching `sizes`; empty for one size.
    pub srcset: String,
    pub sizes: String,
    /// Size of `url` in pixels, when known (photos), for `width`/`height` attributes.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// Absolute URL of the 1200×630 crop made for share previews (photos only).
    pub share: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    /// RFC 3339 in the site time zone; use the `date_vi` / `date_vi_short` / `time_vi` filters.
    pub start: String,
    pub end: Option<String>,
    pub location: Option<String>,
    pub participants: Option<u64>,
    /// Not over yet at the build's "now".
    pub upcoming: bool,
    /// Root-relative link to this event's `.ics` file ("add to calendar").
    pub ics_url: String,
}

/// A neighbouring article.
#[derive(Debug, Serialize)]
pub struct PageLink {
    pub title: String,
    pub url: String,
}

/// `page`: an article or a standalone page, whole.
///
/// The template's `page` also has `related`: for articles, up to five other articles sharing
/// its topics, then its tags, the newest first among equals (`crate::assemble::related`), as
/// cards. Rendering adds them from the cards' values, made once for every page and list.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// The page's own card: its fields are the page's too (`page.title`, `page.url`…). Not
    /// serialized here: rendering puts the card's value, made once, under the view's fields.
    #[serde(skip)]
    pub card: &'a ArticleCard,
    pub share: ShareView,
    /// The body as HTML (safe: pulldown-cmark output, raw HTML sanitized): the site's, or
    /// taken out of it for this page.
    pub content: std::borrow::Cow<'a, str>,
    pub toc: Vec<TocEntry>,
    pub word_count: usize,
    /// Minutes to read at about 200 words a minute; at least 1.
    pub reading_minutes: usize,
    pub updated: Option<String>,
    pub tags: Vec<TermLink>,
    pub channels: Vec<TermLink>,
    pub section: Option<SectionLink>,
    /// The older article in the same section.
    pub previous: Option<PageLink>,
    /// The newer article in the same section.
    pub next: Option<PageLink>,
    pub draft: bool,
    /// The free `extra:` map from front matter.
    pub extra: serde_json::Value,
    /// The legal documents of `data/van-ban.yaml` the page cites, in the order it cites them.
    pub documents: Vec<DocumentLink>,
    /// Its `expires` has passed: the page is listed nowhere and says so.
    pub expired: bool,
    /// The photo gallery (the bundle's `anh/` folder, or front matter `gallery:`), in order.
    pub gallery: Vec<GalleryPhotoView>,
    /// Documents (PDF, Word, Excel…) the text links to, in the order first linked, then
    /// those in the article's folder it does not link to.
    pub attachments: Vec<AttachmentView>,
    /// How many videos of other sites wait behind a click in `content` (load `video.js`).
    pub videos: usize,
}

/// A photo of a gallery: a small copy in the grid, linking to the large one.
#[derive(Debug, Serialize)]
pub struct GalleryPhotoView {
    /// Root-relative URL of the large photo the link opens: the photo at its own address, or
    /// its widest copy (1600 px) when it is wider.
    pub url: String,
    /// Root-relative URL of the small copy shown in the grid (the narrowest, 480 px).
    pub thumb: String,
    /// `srcset` of every copy and the `sizes` of a grid cell, for sharp photos on any screen.
    pub srcset: String,
    pub sizes: String,
    /// Size of `thumb` in pixels.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// Size of `url` in pixels.
    pub large_width: u32,
    pub large_height: u32,
    /// Shown under the photo; null when the officer gave none.
    pub caption: Option<String>,
    /// The photo's description: the caption, else "<title>: ảnh 3/12".
    pub alt: String,
}

/// A document of the article, with what readers want to know before downloading it.
#[derive(Debug, Serialize)]
pub struct AttachmentView {
    pub url: String,
    /// The text of the first link to it (its first letter a capital), else its file name.
    pub name: String,
    /// `PDF`, `DOCX`, `XLSX`…
    pub kind: String,
    /// `1,2 MB`: with a decimal comma, 1 KB = 1,024 bytes.
    pub size: String,
    pub bytes: u64,
}

/// How to share a page without loading any Facebook or Zalo script.
#[derive(Debug, Serialize)]
pub struct ShareView {
    /// Facebook's share dialog for the page (a plain link).
    pub facebook: String,
    /// `#NghiDinh118`, one per topic of the page.
    pub hashtags: Vec<String>,
}

/// An article in a list: what a card or a row needs, without the body.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleCard {
    /// `article` or `page`.
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    pub permalink: String,
    /// RFC 3339 in the site time zone (`2025-08-21T08:00:00+07:00`), or none for undated pages.
    pub date: Option<String>,
    /// HTML of the summary (front matter `summary`, else text before `<!-- more -->`, else the first paragraph).
    pub summary: String,
    /// The summary as plain text, for meta descriptions.
    pub summary_text: String,
    pub topics: Vec<TermLink>,
    pub unit: Option<TermLink>,
    pub image: Option<ImageView>,
    pub event: Option<EventView>,
    /// Front matter `expires` (RFC 3339), when the page has one.
    pub expires: Option<String>,
}

/// `list`: a section, topic, tag or unit whose articles are listed.
#[derive(Debug, Serialize)]
pub struct ListView {
    /// `section`, `topic`, `tag`, `unit`.
    pub kind: &'static str,
    pub key: String,
    pub title: String,
    pub description: String,
    /// HTML of the section's `_index.md` body, if any.
    pub content: String,
    pub url: String,
    pub permalink: String,
    pub feed_url: Option<String>,
    /// Topics: `/cchc/chu-de/<key>/feed.json`; otherwise null.
    pub json_feed_url: Option<String>,
    /// The free `extra:` map of the section's `_index.md` (null for other lists).
    pub extra: serde_json::Value,
}

/// `paginator`: where this page stands in a paginated list.
#[derive(Debug, Serialize)]
pub struct Paginator {
    pub current: usize,
    pub total_pages: usize,
    pub total_items: usize,
    pub per_page: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageNumber>,
}

/// A numbered link in a paginator. Only the first, the last and the pages near the current
/// one are listed, so a list of a thousand pages does not carry a thousand links on each.
#[derive(Debug, Serialize)]
pub struct PageNumber {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Some page numbers were skipped just before this one (show "…").
    pub gap_before: bool,
}

/// `search`: on the search page (`tim-kiem.html`), where its script finds the index.
#[derive(Debug, Serialize)]
pub struct SearchView {
    /// Root-relative link to the index manifest (`/cchc/tim-kiem/chi-muc.json`).
    pub index_url: String,
    /// Root-relative link to the page script (`/cchc/tim-kiem.js`).
    pub script_url: String,
}

/// `taxonomy`: the list of all topics, tags or units.
#[derive(Debug, Serialize)]
pub struct TaxonomyView {
    /// `topic`, `tag`, `unit`.
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    pub terms: Vec<TermLink>,
}

/// `coverage`: how far the plan has been carried out, on `/ke-hoach/tien-do/`.
#[derive(Debug, Serialize)]
pub struct CoverageView {
    pub title: String,
    pub url: String,
    /// The plan's own page (`/ke-hoach/`), when the site has one.
    pub plan_url: Option<String>,
    /// Published articles in all.
    pub total: usize,
    /// Every topic of the plan, in the order config.yaml gives them.
    pub topics: Vec<TopicCoverage>,
    /// How many topics have no article yet.
    pub uncovered: usize,
    pub channels: Vec<ChannelCoverage>,
    /// Activities of the ledger (`data/hoat-dong.yaml`) held by now, in all.
    pub activities: usize,
    /// Every unit of config.yaml, in its order, with what it did and its target.
    pub units: Vec<UnitCoverage>,
}

#[derive(Debug, Serialize)]
pub struct TopicCoverage {
    /// The topic, with its article count and list URL.
    pub topic: TermLink,
    /// Its newest article.
    pub latest: Option<ArticleCard>,
    /// Progress against the plan's target in the current month, quarter or year.
    pub target: Option<TargetView>,
    /// Activities of the ledger about the topic (`topic.count` counts its articles).
    pub activities: usize,
}

/// A unit, what it did and its target.
#[derive(Debug, Serialize)]
pub struct UnitCoverage {
    /// The unit, with its article count and list URL.
    pub unit: TermLink,
    /// Activities of the ledger the unit carried out.
    pub activities: usize,
    pub target: Option<TargetView>,
}

/// A target of a topic, unit or channel and how much of it the current period has reached.
#[derive(Debug, Serialize)]
pub struct TargetView {
    pub articles: u32,
    /// `tháng`, `quý` or `năm`.
    pub per: &'static str,
    /// `quý IV/2025`.
    pub period: String,
    /// Articles published and activities held in that period so far.
    pub published: usize,
    /// `published` as a percentage of `articles` (0 when the target is 0).
    pub percent: u32,
    /// Of `published`, the articles and the activities: where the count came from.
    pub from_articles: usize,
    pub from_activities: usize,
}

/// A channel, the units that run it, and what went out through it.
#[derive(Debug, Serialize)]
pub struct ChannelCoverage {
    pub channel: ChannelView,
    /// Published articles that name the channel (event pages included).
    pub articles: usize,
    /// Events through the channel that have started by now.
    pub events_held: usize,
    /// People who took part in those events, where recorded.
    pub participants: u64,
    /// The newest few articles and events through the channel.
    pub latest: Vec<ArticleCard>,
    /// Activities of the ledger through the channel held by now.
    pub activities: usize,
    /// The newest few of them.
    pub latest_activities: Vec<ActivityView>,
    pub target: Option<TargetView>,
}

/// An activity of the ledger as a reader of the site may see it: what, when, where, and
/// the post it can be seen at. Its cost and evidence file stay in the report.
#[derive(Debug, Serialize)]
pub struct ActivityView {
    /// `2025-10-17`.
    pub date: String,
    pub title: String,
    pub place: Option<String>,
    pub participants: Option<u64>,
    pub link: Option<String>,
}
