//! Notices that expire (`expires:` in front matter, like Hugo's `expiryDate`): from that
//! moment, by the build's clock (`--now`), a page leaves the lists, feeds, search and sitemap.
//! Its page stays with an "expired" note (`expired: keep`, the default), or is not published
//! any more (`expired: remove`, decided with drafts in `Sorted::new`).

use std::path::PathBuf;

use super::{Published, Site};
use crate::config::Expired;
use crate::key::Key;
use crate::model::Page;

/// Whether `page` has expired at `now`.
pub fn is_expired(page: &Page, now: jiff::Timestamp) -> bool {
    page.meta
        .expires
        .as_ref()
        .is_some_and(|e| e.timestamp() <= now)
}

/// Whether the site publishes `page` no more: expired, under `expired: remove`. `--drafts`
/// publishes it still, as it publishes all that is withheld.
pub(super) fn is_removed(page: &Page, policy: Expired, settings: &super::Settings) -> bool {
    policy == Expired::Remove && !settings.drafts && is_expired(page, settings.now)
}

/// Marks the expired pages. Whether a page has expired is the clock's decision, shown on its
/// page: it goes into the page's key, which the page is rendered by (as an event's being
/// upcoming does).
pub(super) fn mark(pages: &mut [Published], now: jiff::Timestamp) {
    for p in pages.iter_mut().filter(|p| p.page.meta.expires.is_some()) {
        p.expired = is_expired(&p.page, now);
        p.key = key(&p.page, p.key, p.expired);
    }
}

/// A page's key with whether it has `expired`, when it has an `expires:` date.
pub(super) fn key(page: &Page, key: crate::key::Hash, expired: bool) -> crate::key::Hash {
    match page.meta.expires {
        Some(_) => Key::new("expiry")
            .hash(&key)
            .number(u64::from(expired))
            .finish(),
        None => key,
    }
}

/// A page that expires soon, for `loa check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expiring {
    /// The file, as messages name it (`content/tin-tuc/thong-bao.md`).
    pub display: PathBuf,
    /// Line of its `expires:` key.
    pub line: usize,
    pub title: String,
    pub expires: jiff::ZonedDateTime,
    /// Whole hours left at the build's "now".
    pub hours_left: i64,
}

/// How far ahead `loa check` looks.
pub const SOON_DAYS: i64 = 7;

/// The published pages that expire within [`SOON_DAYS`] days of the build's "now", soonest
/// first (then by file).
pub fn expiring_soon(site: &Site) -> Vec<Expiring> {
    let now = site.settings.now;
    let horizon = SOON_DAYS * 24 * 3600;
    let mut soon: Vec<Expiring> = site
        .pages
        .iter()
        .filter_map(|p| {
            let expires = p.page.meta.expires.as_ref()?;
            let seconds = expires.timestamp().as_second() - now.as_second();
            (seconds > 0 && seconds <= horizon).then(|| Expiring {
                display: p.page.display.clone(),
                line: p.page.line_of("expires"),
                title: p.page.meta.title.clone(),
                expires: expires.clone(),
                hours_left: seconds / 3600,
            })
        })
        .collect();
    soon.sort_by(|a, b| {
        (a.expires.timestamp(), &a.display).cmp(&(b.expires.timestamp(), &b.display))
    });
    soon
}
