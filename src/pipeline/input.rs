//! The input half of the pipeline: config → load → parse → images → assemble, reusing what
//! the cache kept of unchanged files.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::cache::Cache;
use super::Options;
use crate::assemble::{self, Site};
use crate::diag::Diagnostic;
use crate::load::{self, SiteFiles};
use crate::{citations, config, frontmatter, images, ledger, model, msg, parse};

/// Config → load → parse → images → assemble: the site, the files rendering still needs, and
/// every problem so far. Only a config or `--now` that cannot be read stops here; other
/// problems are collected for the caller to report with its own.
pub(super) fn assemble(
    options: &Options,
    cache: &mut Cache,
    draft: Option<&super::Draft>,
) -> Result<(Site, SiteFiles, Vec<Diagnostic>), Vec<Diagnostic>> {
    let config = read_config(options, cache)?;
    let now = resolve_now(options.now.as_deref(), &config.timezone)?;
    let tracked = cache.tracks_changes();
    let (mut files, mut problems) = load_files(options, config.theme.as_deref(), cache);
    if let Some(draft) = draft {
        put_draft(&mut files.sources, draft);
    }
    // The sources' bytes are not needed after parsing: free them before rendering.
    let sources = std::mem::take(&mut files.sources);
    let pages = parse_all(&options.root, sources, &config, cache, &mut problems);
    let settings = assemble::Settings {
        drafts: options.drafts,
        now,
        approval: crate::approval::Gate {
            required: config.approval.required,
            show_waiting: options.waiting,
        },
    };
    files.content_assets =
        assemble::screen::screen(std::mem::take(&mut files.content_assets), &mut problems);
    let images = prepare_images(&options.root, &pages, &files, cache, &mut problems);
    let documents = files.documents.take().map(|text| {
        let (table, found) = citations::parse(&text);
        problems.extend(found);
        table
    });
    let activities = files.ledger.take().map_or_else(Vec::new, |text| {
        let (activities, found) = ledger::parse(&text, &config, &files.data);
        problems.extend(found);
        activities
    });
    let content = assemble::ContentFiles {
        assets: std::mem::take(&mut files.content_assets),
        images,
        documents,
        activities,
    };
    let (mut site, found) = assemble::assemble(
        config,
        pages,
        content,
        settings,
        assemble::Memos {
            markdown: tracked.then_some(&mut cache.markdown),
            terms: tracked.then_some(&mut cache.terms),
            addresses: tracked.then_some(&mut cache.addresses),
            edits: tracked,
        },
    );
    site.related = assemble::related(&site, &mut cache.related, tracked);
    if !tracked {
        // No build follows this one: its memos would only keep pages alive.
        cache.markdown.clear();
        cache.parsed.clear();
        site.free_bodies();
    }
    problems.extend(found);
    Ok((site, files, problems))
}

/// The config. The hashes of the texts read afresh start anew with its own (none when it
/// cannot be read, or when no build follows): `serve` compares a save of `config.yaml` with it.
fn read_config(options: &Options, cache: &mut Cache) -> Result<config::Config, Vec<Diagnostic>> {
    let overrides = config::Overrides {
        base_url: options.base_url.clone(),
    };
    let text = config::read(&options.root);
    cache.fresh_texts.clear();
    match &text {
        Ok(text) if cache.tracks_changes() => {
            let path = options.root.join(config::CONFIG_FILE);
            let hash = crate::key::Hash::of(text.as_bytes());
            cache.fresh_texts.insert(path, hash);
        }
        _ => {}
    }
    config::parse(&text?, &overrides)
}

/// The site's files, read anew only where the cache says they changed. The hash of the text
/// of each template and data table, which every load reads afresh, and the listing of
/// `data/` are left in the cache: `serve` compares a save of one with them.
fn load_files(
    options: &Options,
    theme: Option<&str>,
    cache: &mut Cache,
) -> (SiteFiles, Vec<Diagnostic>) {
    // A build that is not followed by others (no one reports changes) keeps no bytes.
    let mut once = load::Memo::one_off();
    let changed = cache.take_changes();
    let memo = if cache.tracks_changes() {
        &mut cache.files
    } else {
        &mut once
    };
    let (files, problems) = load::load_with(&options.root, theme, memo, changed.as_ref());
    // Only `serve` compares saves with them: a build that no other follows keeps none.
    if cache.tracks_changes() {
        cache.fresh_texts.extend(fresh_texts(&options.root, &files));
        cache.listed_data = files.data.clone();
    }
    (files, problems)
}

/// The hash of the text of each file every load reads afresh (the templates, the data
/// tables), by path.
fn fresh_texts(root: &Path, files: &SiteFiles) -> FxHashMap<PathBuf, crate::key::Hash> {
    let templates = (files.theme_templates.iter()).map(|t| (t.display.as_path(), &t.text));
    let tables = [
        (load::DOCUMENTS_FILE, &files.documents),
        (load::LEDGER_FILE, &files.ledger),
    ];
    let tables =
        (tables.into_iter()).filter_map(|(rel, text)| Some((Path::new(rel), text.as_ref()?)));
    let hashed =
        |(rel, text): (&Path, &String)| (root.join(rel), crate::key::Hash::of(text.as_bytes()));
    templates.chain(tables).map(hashed).collect()
}

/// Photos are resized once: results are kept in memory and in .loa-cache/ under the site.
/// One that cannot be decoded is still published as it is, with a warning.
fn prepare_images(
    root: &Path,
    pages: &[std::sync::Arc<model::Page>],
    files: &SiteFiles,
    cache: &mut Cache,
    problems: &mut Vec<Diagnostic>,
) -> std::collections::HashMap<String, images::Processed> {
    let cache_dir = root.join(".loa-cache").join("images");
    let full_size: Vec<String> = (pages.iter())
        .filter(|p| p.meta.full_size_photos)
        .filter_map(|p| p.bundle_dir.clone())
        .collect();
    let (images, unreadable) = images::prepare(
        &files.content_assets,
        &full_size,
        &cache_dir,
        &mut cache.images,
    );
    problems.extend(unreadable.into_iter().map(|(rel, e)| {
        Diagnostic::warning(Path::new("content").join(rel), 0, 0, msg::bad_image(&e))
            .with_hint(msg::HINT_BAD_IMAGE)
    }));
    images
}

/// Puts the desk's unsaved text in place of its file (or beside the others, for a file the
/// load has not seen yet), keeping the sources sorted.
fn put_draft(sources: &mut Vec<load::Source>, draft: &super::Draft) {
    let display = Path::new("content").join(&draft.rel);
    let source = load::Source::new(draft.rel.clone(), display, draft.text.as_bytes().to_vec());
    match sources.iter().position(|s| s.rel == draft.rel) {
        Some(at) => sources[at] = source,
        None => {
            let at = (sources.iter().position(|s| s.rel > draft.rel)).unwrap_or(sources.len());
            sources.insert(at, source);
        }
    }
}

/// Parses every source in parallel, reusing the cache's result for a file whose bytes and
/// relevant config are unchanged; the bytes of the others are read again if the load did not
/// keep them.
fn parse_all(
    root: &Path,
    sources: Vec<load::Source>,
    config: &config::Config,
    cache: &mut Cache,
    problems: &mut Vec<Diagnostic>,
) -> Vec<std::sync::Arc<model::Page>> {
    let config_key = parse::config_fingerprint(config);
    // A build that is not followed by others keeps nothing, so that each page is held once.
    let tracked = cache.tracks_changes();
    // Looked up in parallel; the cache is updated afterwards, for the files that changed.
    // What a file's parse depends on: the config and the file's bytes (and its path, the
    // memo's key).
    type From = (crate::key::Hash, crate::key::Hash);
    let parsed: Vec<(From, super::cache::Parsed, String, bool)> = sources
        .into_par_iter()
        .with_max_len(crate::assemble::PIECE)
        .map(|s| {
            let from = (config_key, s.hash);
            match cache.parsed.get(&s.rel) {
                Some((f, result)) if *f == from => (from, result.clone(), s.rel, false),
                _ => {
                    let rel = s.rel.clone();
                    let s = match s.read_again(root) {
                        Ok(s) => s,
                        // Not kept: the file may be readable again next time (Word
                        // holds a file it has open on Windows).
                        Err(d) => return (from, (None, vec![d]), rel, false),
                    };
                    let from = (config_key, s.hash);
                    let parsed = parse_to_keep(&s, config, &config_key, tracked);
                    (from, parsed, rel, true)
                }
            }
        })
        .collect();
    let files = parsed.len();
    let mut pages = Vec::with_capacity(files);
    let mut failed = Vec::new();
    for (from, (page, found), rel, fresh) in parsed {
        problems.extend(found.iter().cloned());
        let keep = fresh && tracked;
        match page {
            // Moved, not shared again, unless the memo keeps it too: each share of a page
            // touches it, far in memory.
            Some(p) if keep => {
                pages.push(p.clone());
                cache.parsed.insert(rel, (from, (Some(p), found)));
            }
            Some(p) => pages.push(p),
            None => {
                failed.push(rel.clone());
                if keep {
                    cache.parsed.insert(rel, (from, (None, found)));
                }
            }
        }
    }
    crate::memo::forget_gone(&mut cache.parsed, files, || {
        (pages.iter().map(|p| p.rel.as_str())).chain(failed.iter().map(String::as_str))
    });
    pages
}

/// A file's parse, its Markdown packed when `keep` (a build whose pages are kept for the next
/// one, `crate::kept`): read again only when the page is converted again.
pub(super) fn parse_to_keep(
    source: &load::Source,
    config: &config::Config,
    config_key: &crate::key::Hash,
    keep: bool,
) -> super::cache::Parsed {
    let (page, found) = parse::parse_keyed(source, config, config_key);
    let page = page.map(|mut page| {
        if keep {
            page.body.pack();
        }
        std::sync::Arc::new(page)
    });
    (page, found)
}

pub(super) fn resolve_now(
    now: Option<&str>,
    tz: &jiff::tz::TimeZone,
) -> Result<jiff::Timestamp, Vec<Diagnostic>> {
    match now {
        None => Ok(jiff::Timestamp::now()),
        Some(text) => parse_now(text, tz)
            .map(|d| d.timestamp())
            .map_err(|d| vec![d]),
    }
}

/// Reads `--now` (any date form front matter accepts) in the site's time zone.
pub fn parse_now(text: &str, tz: &jiff::tz::TimeZone) -> Result<jiff::ZonedDateTime, Diagnostic> {
    frontmatter::parse_date(text, tz).ok_or_else(|| {
        Diagnostic::error("--now", 0, 0, msg::now_not_a_date(text)).with_hint(msg::HINT_DATE)
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::fixtures::{write, ONE_TOPIC_CONFIG};

    fn article(root: &Path, name: &str, date: &str, body: &str) {
        let text = format!(
            "---\ntitle: \"{name}\"\ndate: {date}\ntopics: [nghi-dinh-118]\ntags: [một cửa]\n---\n{body}\n"
        );
        write(root, &format!("content/tin-tuc/{name}.md"), &text);
    }

    /// A site with one topic, built at a fixed moment; the folder lives as long as the guard.
    fn one_topic_site() -> (tempfile::TempDir, std::path::PathBuf, Options) {
        crate::fixtures::site(ONE_TOPIC_CONFIG)
    }

    fn site_of(options: &Options, cache: &mut Cache) -> Site {
        assemble(options, cache, None)
            .map(|(site, _, _)| site)
            .unwrap()
    }

    #[test]
    fn a_build_kept_for_the_next_holds_each_page_packed_and_reads_it_back_the_same() {
        let (_dir, root, options) = one_topic_site();
        article(
            &root,
            "a",
            "2025-09-01",
            "Thủ tục **một cửa** theo Nghị định 118.",
        );
        article(&root, "b", "2025-09-02", "Bài.");
        let mut cache = Cache::default();
        cache.track_changes();
        let kept = site_of(&options, &mut cache);
        let once = site_of(&options, &mut Cache::default());
        assert_eq!(kept.pages.len(), 2);
        for (kept, once) in kept.pages.iter().zip(&once.pages) {
            assert!(kept.rendered.html.is_packed(), "{}", kept.page.rel);
            assert!(kept.page.body.is_packed(), "{}", kept.page.rel);
            assert!(!once.rendered.html.is_packed(), "{}", once.page.rel);
            assert_eq!(kept.rendered.html.text(), once.rendered.html.text());
        }
        let a = kept.pages.iter().find(|p| p.page.rel == "tin-tuc/a.md");
        let a = a.unwrap();
        let html = a.rendered.html.text();
        assert!(html.contains("<strong>một cửa</strong>"), "{html}");
        let markdown = "Thủ tục **một cửa** theo Nghị định 118.\n";
        assert_eq!(a.page.body.text(), markdown);
    }

    #[test]
    fn related_lists_are_reused_whole_after_a_text_edit_and_ranked_again_after_a_date_edit() {
        let (_dir, root, options) = one_topic_site();
        for (name, date) in [
            ("a", "2025-09-01"),
            ("b", "2025-09-02"),
            ("c", "2025-09-03"),
        ] {
            article(&root, name, date, "Bài.");
        }
        let mut cache = Cache::default();
        cache.track_changes();
        let first = site_of(&options, &mut cache);

        // The text changed, nothing ranking reads did: the same lists, not ranked again.
        article(&root, "a", "2025-09-01", "Bài đã sửa.");
        cache.changed([root.join("content/tin-tuc/a.md")]);
        let edited = site_of(&options, &mut cache);
        assert!(Arc::ptr_eq(&first.related, &edited.related));

        // A date moves `a` first: its place changes, so the lists are ranked again, as a
        // clean build ranks them.
        article(&root, "a", "2025-09-09", "Bài đã sửa.");
        cache.changed([root.join("content/tin-tuc/a.md")]);
        let moved = site_of(&options, &mut cache);
        assert!(!Arc::ptr_eq(&first.related, &moved.related));
        let clean = site_of(&options, &mut Cache::default());
        assert_eq!(*moved.related, *clean.related);
        assert_ne!(*moved.related, *first.related);
    }

    #[test]
    fn related_lists_stay_right_when_pages_move_to_other_places() {
        let (_dir, root, options) = one_topic_site();
        let tagged = |name: &str, day: u8, tag: &str| {
            let text = format!(
                "---\ntitle: \"{name}\"\ndate: 2025-09-{day:02}\ntags: [{tag}]\n---\nBài.\n"
            );
            write(&root, &format!("content/tin-tuc/{name}.md"), &text);
        };
        tagged("a", 1, "x");
        tagged("b", 2, "y");
        tagged("c", 3, "x");
        tagged("d", 4, "y");
        let mut cache = Cache::default();
        cache.track_changes();
        let first = site_of(&options, &mut cache);
        let titles = |site: &Site| -> Vec<(String, Vec<String>)> {
            (site.pages.iter().enumerate())
                .map(|(i, p)| {
                    let related = site.related_of(i).iter();
                    let related = related.map(|&j| site.pages[j].page.meta.title.clone());
                    (p.page.meta.title.clone(), related.collect())
                })
                .collect()
        };
        assert!(titles(&first).contains(&("a".to_string(), vec!["c".to_string()])));

        // `d` becomes `b2`, between `b` and `c`: `a`, its tag and its place are as they were,
        // but `c`, its related article, is one place further.
        std::fs::remove_file(root.join("content/tin-tuc/d.md")).unwrap();
        tagged("b2", 4, "y");
        cache.changed([
            root.join("content/tin-tuc/d.md"),
            root.join("content/tin-tuc/b2.md"),
        ]);
        let renamed = site_of(&options, &mut cache);
        let clean = site_of(&options, &mut Cache::default());
        assert_eq!(titles(&renamed), titles(&clean));
        assert!(titles(&renamed).contains(&("a".to_string(), vec!["c".to_string()])));

        // A tag edit elsewhere: the lists of the pages it does not reach are kept, and all
        // are a clean build's.
        tagged("b", 2, "z");
        cache.changed([root.join("content/tin-tuc/b.md")]);
        let retagged = site_of(&options, &mut cache);
        let clean = site_of(&options, &mut Cache::default());
        assert_eq!(titles(&retagged), titles(&clean));
        assert_ne!(titles(&retagged), titles(&renamed));
    }

    /// A front matter for `terms_follow_front_matter_edits_as_a_clean_build_makes_them`.
    fn front(
        title: &str,
        day: u32,
        (topics, unit, tags): (&[&str], Option<&str>, &[&str]),
    ) -> String {
        let list = |items: &[&str]| {
            let quoted: Vec<String> = items.iter().map(|i| format!("\"{i}\"")).collect();
            format!("[{}]", quoted.join(", "))
        };
        let unit = unit.map_or(String::new(), |u| format!("unit: {u}\n"));
        format!(
            "---\ntitle: \"{title}\"\ndate: 2025-09-{day:02}\ntopics: {}\n{unit}tags: {}\n---\nBài.\n",
            list(topics),
            list(tags)
        )
    }

    const TERMS_CONFIG: &str = "title: T\nbase_url: https://example.org/\ntopics:\n  - {key: nghi-dinh-118, name: N}\n  - {key: de-an-06, name: D}\nunits:\n  - {key: van-phong, name: VP}\n  - {key: thanh-tra, name: TT}\n";
    /// Spellings of six tags: three spell one slug two ways, as authors do.
    const SPELLINGS: [&str; 9] = [
        "Một cửa",
        "một cửa",
        "Số hóa",
        "PAR INDEX",
        "par-index",
        "Đề án 06",
        "Cải cách",
        "cải cách",
        "An Giang",
    ];
    const TOPICS: [&str; 2] = ["nghi-dinh-118", "de-an-06"];
    const UNITS: [&str; 2] = ["van-phong", "thanh-tra"];

    /// The terms of an article from three numbers: which topics (bits), which unit, which
    /// spellings (bits; a page may write one tag twice).
    fn terms_of(
        topics: u8,
        unit: u8,
        tags: u16,
    ) -> (Vec<&'static str>, Option<&'static str>, Vec<&'static str>) {
        let topics = (0..2)
            .filter(|b| topics >> b & 1 == 1)
            .map(|b| TOPICS[b])
            .collect();
        let unit = UNITS.get(usize::from(unit % 3)).copied();
        let tags = (0..SPELLINGS.len())
            .filter(|b| tags >> b & 1 == 1)
            .map(|b| SPELLINGS[b])
            .collect();
        (topics, unit, tags)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Edits of a few pages' tags, topics or unit: the terms are brought up to date from
        /// the last build's (not made anew) and are those a clean build makes, names, members
        /// and order, standalone pages and an expired article among the pages; so are the
        /// related lists.
        #[test]
        fn terms_follow_front_matter_edits_as_a_clean_build_makes_them(
            first in proptest::collection::vec((0u8..4, 0u8..3, 0u16..512), 6),
            edits in proptest::collection::vec((0usize..7, 0u8..4, 0u8..3, 0u16..512), 1..8),
        ) {
            use crate::assemble::TermsHow as How;
            let (_dir, root, options) = crate::fixtures::site(TERMS_CONFIG);
            // Six articles (the last expired), and a standalone page, which lists tags too.
            let file = |n: usize| match n {
                6 => "content/gioi-thieu.md".to_string(),
                n => format!("content/tin-tuc/a{n}.md"),
            };
            let text = |n: usize, (topics, unit, tags): (u8, u8, u16)| {
                let (topics, unit, tags) = terms_of(topics, unit, tags);
                let mut text = front(&format!("a{n}"), 1 + (n as u32 % 4), (&topics, unit, &tags));
                if n == 5 {
                    text = text.replacen("---\ntitle", "---\nexpires: 2025-12-01\ntitle", 1);
                }
                if n == 6 {
                    text = text.replace("topics: [\"nghi-dinh-118\", \"de-an-06\"]\n", "").replace("topics: [\"nghi-dinh-118\"]\n", "").replace("topics: [\"de-an-06\"]\n", "").replace("topics: []\n", "");
                }
                text
            };
            for (n, terms) in first.iter().enumerate() {
                write(&root, &file(n), &text(n, *terms));
            }
            write(&root, &file(6), &text(6, (0, 2, 9)));
            let mut cache = Cache::default();
            cache.track_changes();
            site_of(&options, &mut cache);
            for (n, topics, unit, tags) in edits {
                write(&root, &file(n), &text(n, (topics, unit, tags)));
                cache.changed([root.join(file(n))]);
                let edited = site_of(&options, &mut cache);
                let how = cache.terms.how;
                proptest::prop_assert!(how == Some(How::Patched) || how == Some(How::Kept), "{how:?}");
                let clean = site_of(&options, &mut Cache::default());
                for (edited, clean) in [(&edited.topics, &clean.topics), (&edited.units, &clean.units), (&edited.tags, &clean.tags)] {
                    proptest::prop_assert_eq!(names_and_pages(edited), names_and_pages(clean));
                }
                proptest::prop_assert_eq!(edited.terms_key, clean.terms_key);
                proptest::prop_assert_eq!(&*edited.related, &*clean.related);
            }
            // A date edit moves an article among the others, which keep their order: it is
            // put at its new place in its lists.
            let moved = front("a0", 28, (&[], None, &["Một cửa"]));
            write(&root, &file(0), &moved);
            cache.changed([root.join(file(0))]);
            let edited = site_of(&options, &mut cache);
            proptest::prop_assert_eq!(cache.terms.how, Some(How::Patched));
            let clean = site_of(&options, &mut Cache::default());
            for (edited, clean) in [(&edited.topics, &clean.topics), (&edited.units, &clean.units), (&edited.tags, &clean.tags)] {
                proptest::prop_assert_eq!(names_and_pages(edited), names_and_pages(clean));
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Articles published, unpublished, added, deleted, expired, moved to another day or
        /// address, or given other topics and tags, a few at a time: the related lists are
        /// brought up to date from the last build's (not ranked anew), and are those a clean
        /// build ranks.
        #[test]
        fn related_lists_follow_articles_that_come_and_go_as_a_clean_build_ranks_them(
            first in proptest::collection::vec((0u8..4, 0u16..512, 1u32..5), 10),
            edits in proptest::collection::vec(
                proptest::collection::vec((0usize..12, 0u8..6, 0u8..4, 0u16..512, 1u32..5), 1..3),
                1..8,
            ),
        ) {
            use crate::assemble::{RelatedHow as How, TermsHow};
            let (_dir, root, options) = crate::fixtures::site(TERMS_CONFIG);
            let file = |n: usize| format!("content/tin-tuc/a{n}.md");
            // What an article is: its topics and tags (bits), its day, and how it stands.
            let text = |n: usize, how: u8, topics: u8, tags: u16, day: u32| {
                let (topics, _, tags) = terms_of(topics, 0, tags);
                let text = front(&format!("a{n}"), day, (&topics, None, &tags));
                let line = match how {
                    2 => "draft: true\n".to_string(),
                    3 => format!("expires: 2025-09-{day:02}\n"),
                    4 => format!("slug: z{n}\n"),
                    _ => String::new(),
                };
                text.replacen("---\ntitle", &format!("---\n{line}title"), 1)
            };
            for (n, &(topics, tags, day)) in first.iter().enumerate() {
                write(&root, &file(n), &text(n, 0, topics, tags, day));
            }
            let mut cache = Cache::default();
            cache.track_changes();
            site_of(&options, &mut cache);
            for step in edits {
                for &(n, how, topics, tags, day) in &step {
                    match how {
                        5 => {
                            let _ = std::fs::remove_file(root.join(file(n)));
                        }
                        _ => write(&root, &file(n), &text(n, how, topics, tags, day)),
                    }
                }
                cache.changed(step.iter().map(|&(n, ..)| root.join(file(n))));
                let edited = site_of(&options, &mut cache);
                let how = cache.related.how;
                proptest::prop_assert!(how == Some(How::Patched) || how == Some(How::Kept), "{how:?}");
                let clean = site_of(&options, &mut Cache::default());
                let paths = |site: &Site| -> Vec<String> {
                    site.pages.iter().map(|p| p.page.path.clone()).collect()
                };
                proptest::prop_assert_eq!(paths(&edited), paths(&clean));
                // The topics' and tags' lists too, brought up to date as well.
                let terms = cache.terms.how;
                proptest::prop_assert!(terms == Some(TermsHow::Patched) || terms == Some(TermsHow::Kept), "{terms:?}");
                proptest::prop_assert_eq!(names_and_pages(&edited.topics), names_and_pages(&clean.topics));
                proptest::prop_assert_eq!(names_and_pages(&edited.tags), names_and_pages(&clean.tags));
                proptest::prop_assert_eq!(&*edited.related, &*clean.related);
            }
        }
    }

    /// Two pages edited in one build (two files saved at once): the oldest page of a tag
    /// leaves it while a newer one joins. The tag stays, with both its pages.
    #[test]
    fn a_tag_its_oldest_page_leaves_as_another_joins_in_one_build_stays() {
        let (_dir, root, options) = crate::fixtures::site(TERMS_CONFIG);
        let file = |n: usize| format!("content/tin-tuc/a{n}.md");
        let text = |n: usize, tags: u16, day: u32| {
            let (topics, _, tags) = terms_of(0, 0, tags);
            front(&format!("a{n}"), day, (&topics, None, &tags))
        };
        // a7 and a9 (the oldest) have "PAR INDEX"; a1 is the newest.
        let first = [
            (0, 1),
            (0, 2),
            (0, 1),
            (0, 1),
            (0, 1),
            (0, 1),
            (0, 1),
            (40, 1),
            (0, 1),
            (8, 1),
        ];
        for (n, &(tags, day)) in first.iter().enumerate() {
            write(&root, &file(n), &text(n, tags, day));
        }
        let mut cache = Cache::default();
        cache.track_changes();
        site_of(&options, &mut cache);
        // a1 takes "PAR INDEX" (and "cải cách"), a9 leaves it for "Đề án 06".
        write(&root, &file(1), &text(1, 136, 2));
        write(&root, &file(9), &text(9, 32, 1));
        cache.changed([root.join(file(1)), root.join(file(9))]);
        let edited = site_of(&options, &mut cache);
        assert_eq!(cache.terms.how, Some(crate::assemble::TermsHow::Patched));
        let clean = site_of(&options, &mut Cache::default());
        assert_eq!(names_and_pages(&edited.tags), names_and_pages(&clean.tags));
        let par_index = (edited.tags.iter())
            .find(|t| t.key == "par-index")
            .map(|t| &t.pages);
        assert_eq!(par_index, Some(&vec![1, 7]));
    }

    fn names_and_pages(terms: &[assemble::Term]) -> Vec<(String, Vec<usize>)> {
        (terms.iter())
            .map(|t| (t.name.clone(), t.pages.clone()))
            .collect()
    }

    #[test]
    fn terms_are_kept_after_a_text_edit_and_made_again_after_a_front_matter_edit() {
        let (_dir, root, options) = one_topic_site();
        article(&root, "a", "2025-09-01", "Bài.");
        article(&root, "b", "2025-09-02", "Bài.");
        let mut cache = Cache::default();
        cache.track_changes();
        let first = site_of(&options, &mut cache);

        article(&root, "a", "2025-09-01", "Bài đã sửa.");
        cache.changed([root.join("content/tin-tuc/a.md")]);
        let edited = site_of(&options, &mut cache);
        assert_eq!(edited.terms_key, first.terms_key);
        assert_eq!(names_and_pages(&edited.tags), names_and_pages(&first.tags));

        // The oldest article spells the tag: a new spelling renames it, as in a clean build.
        let text = "---\ntitle: \"a\"\ndate: 2025-09-01\ntopics: [nghi-dinh-118]\ntags: [Một Cửa]\n---\nBài.\n";
        write(&root, "content/tin-tuc/a.md", text);
        cache.changed([root.join("content/tin-tuc/a.md")]);
        let renamed = site_of(&options, &mut cache);
        assert_ne!(renamed.terms_key, first.terms_key);
        let clean = site_of(&options, &mut Cache::default());
        assert_eq!(names_and_pages(&renamed.tags), names_and_pages(&clean.tags));
        assert_eq!(names_and_pages(&renamed.tags)[0].0, "Một Cửa");
        assert_eq!(
            names_and_pages(&renamed.topics),
            names_and_pages(&clean.topics)
        );
    }

    /// The errors of a build with `cache`, as (file, line, message).
    fn errors_of(options: &Options, cache: &mut Cache) -> Vec<(String, usize, String)> {
        let (_, _, problems) = assemble(options, cache, None).unwrap();
        (problems.into_iter())
            .filter(|d| d.severity == crate::diag::Severity::Error)
            .map(|d| (d.path.display().to_string(), d.line, d.message))
            .collect()
    }

    #[test]
    fn addresses_are_checked_again_when_a_page_or_an_alias_moves_and_errors_stay_until_fixed() {
        let (_dir, root, options) = one_topic_site();
        article(&root, "a", "2025-09-01", "Bài.");
        article(&root, "b", "2025-09-02", "Bài.");
        let b = root.join("content/tin-tuc/b.md");
        let mut cache = Cache::default();
        cache.track_changes();
        assert_eq!(errors_of(&options, &mut cache), []);
        // A text edit: the addresses are the same, known to be free.
        article(&root, "a", "2025-09-01", "Bài đã sửa.");
        cache.changed([root.join("content/tin-tuc/a.md")]);
        assert_eq!(errors_of(&options, &mut cache), []);

        // An alias of `b` moved onto `a`'s address: no page moved, the alias did.
        let with = |front: &str| {
            format!(
                "---\ntitle: \"b\"\ndate: 2025-09-02\ntopics: [nghi-dinh-118]\n{front}---\nBài.\n"
            )
        };
        std::fs::write(&b, with("aliases: [tin-tuc/cu/]\n")).unwrap();
        cache.changed([b.clone()]);
        assert_eq!(errors_of(&options, &mut cache), []);
        std::fs::write(&b, with("aliases: [tin-tuc/a/]\n")).unwrap();
        cache.changed([b.clone()]);
        let errors = errors_of(&options, &mut cache);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].2.contains("/tin-tuc/a/"), "{errors:?}");

        // The same collision, a line lower: reported again, at the line it is on now.
        std::fs::write(&b, with("tags: [x]\naliases: [tin-tuc/a/]\n")).unwrap();
        cache.changed([b.clone()]);
        let again = errors_of(&options, &mut cache);
        assert_eq!(again.len(), 1, "{again:?}");
        assert_eq!(again[0].1, errors[0].1 + 1);
        assert_eq!(again, errors_of(&options, &mut Cache::default()));

        // Fixed, then a page moved onto the other's address by its slug.
        std::fs::write(&b, with("")).unwrap();
        cache.changed([b.clone()]);
        assert_eq!(errors_of(&options, &mut cache), []);
        std::fs::write(&b, with("slug: a\n")).unwrap();
        cache.changed([b.clone()]);
        let moved = errors_of(&options, &mut cache);
        assert_eq!(moved.len(), 1, "{moved:?}");
        assert_eq!(moved, errors_of(&options, &mut Cache::default()));
    }
}
