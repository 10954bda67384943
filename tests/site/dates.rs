//! Dates a reader sees where the build's "now" shows (the progress page's "as of"): the day,
//! never the time, so a build later the same day gives the same bytes.

use crate::support::{files_under, Site};

/// A site with a page, an article and an event to come.
fn site() -> Site {
    let site = Site::new();
    site.page("gioi-thieu.md", "Giới thiệu", "", "x\n");
    site.article(
        "tin-tuc/a.md",
        "Bài A",
        "2025-09-01",
        "topics: [de-an-06]\n",
        "x\n",
    );
    site.article(
        "su-kien/hop.md",
        "Hội nghị",
        "2025-11-01",
        "event:\n  start: 2025-12-01 08:00\n",
        "x\n",
    );
    site
}

/// The site's files built at `now`, in a folder of their own.
fn built_at(site: &Site, now: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let options = loa::Options {
        now: Some(now.to_string()),
        ..site.options()
    };
    crate::support::into_folder(&options, out.path()).unwrap();
    files_under(out.path())
}

#[test]
fn the_progress_page_says_the_day_of_the_build_not_its_time() {
    let site = site();
    site.build();
    let page = site.html("ke-hoach/tien-do/index.html");
    assert_eq!(page.attr(".lead time", "datetime"), "2025-11-25");
    assert_eq!(page.text(".lead time"), "ngày 25 tháng 11 năm 2025");
}

#[test]
fn a_build_later_the_same_day_writes_the_same_bytes() {
    let site = site();
    let morning = built_at(&site, "2025-11-25 07:05");
    let evening = built_at(&site, "2025-11-25 22:59");
    let changed: Vec<&String> = morning
        .keys()
        .filter(|k| morning.get(*k) != evening.get(*k))
        .collect();
    assert!(changed.is_empty(), "changed within the day: {changed:?}");
    assert_eq!(morning.len(), evening.len());
    // The next day, the pages that show the day say so.
    let next_day = built_at(&site, "2025-11-26 07:05");
    let progress = "ke-hoach/tien-do/index.html";
    assert_ne!(morning[progress], next_day[progress]);
    assert!(String::from_utf8_lossy(&next_day[progress]).contains("datetime=\"2025-11-26\""));
}
