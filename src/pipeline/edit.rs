//! `serve`'s rebuild after text edits: only the edited articles are read, parsed, converted
//! and rendered again, into the last site (`assemble::text_edits`), with the lists and pages
//! that show their summary or title when it changed. Any other change (a new or removed file,
//! front matter other than an article's title, a heading, a template, the config) takes a
//! whole build, which the caller runs when this gives `None`. After a save of templates
//! alone, the pages open in the browser are made first ([`templates_first`]), then the whole
//! build follows.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::cache::Cache;
use super::Options;
use crate::assemble::Site;
use crate::diag::Diagnostic;
use crate::render::{self, Output, Outputs};
use crate::{load, parse};

/// Every file edited since the last whole build is read and parsed again by each text edit
/// (the watcher's changes stay reported for that build): past this many, a whole build runs,
/// which reads them once and starts counting again.
const MAX_EDITED: usize = 32;

/// What a text edit made: the next site, and its files that were made again (the edited
/// pages, the feeds, the sitemap, and after a summary edit the lists and the pages showing
/// it), each to be put in place of the last build's.
#[derive(Debug)]
pub struct Edited {
    pub site: Site,
    pub files: Vec<(String, Output)>,
}

/// The site after the files the cache holds as changed, when each is an article or page of
/// `last` whose text alone changed; `outputs` are `last`'s files. `warnings` are `last`'s: a
/// file with one takes a whole build, which places its problems anew. The changes stay
/// reported in the cache, for the next whole build to read again.
pub fn text_edit(
    options: &Options,
    cache: &mut Cache,
    last: &Site,
    outputs: &Outputs,
    warnings: &[Diagnostic],
) -> Option<Edited> {
    let paths = cache.pending()?.clone();
    if paths.len() > MAX_EDITED {
        return None;
    }
    let now = super::input::resolve_now(options.now.as_deref(), &last.config.timezone).ok()?;
    let config_key = parse::config_fingerprint(&last.config);
    let mut edited = Vec::with_capacity(paths.len());
    for path in &paths {
        let source = load::source_of(&options.root, &cache.files, path)?;
        if warnings.iter().any(|w| w.path == source.display) {
            return None;
        }
        let from = (config_key, source.hash);
        let page = match cache.parsed.get(&source.rel) {
            Some((f, (Some(page), found))) if *f == from && found.is_empty() => page.clone(),
            _ => {
                let (page, found) =
                    super::input::parse_to_keep(&source, &last.config, &config_key, true);
                let page = page.filter(|_| found.is_empty())?;
                let parsed = (Some(page.clone()), found);
                cache.parsed.insert(source.rel.clone(), (from, parsed));
                page
            }
        };
        edited.push(page);
    }
    let edits = crate::assemble::text_edits(last, &edited, now, &mut cache.markdown)?;
    let templates = cache.last_templates()?;
    let changed = render::Changed {
        pages: &edits.pages,
        cards: &edits.cards,
    };
    let memo = &cache.rendered;
    let files = render::edited(&edits.site, &templates, memo, changed, outputs, true).ok()?;
    Some(Edited {
        site: edits.site,
        files,
    })
}

/// Whether a build now (`now` as the options give it, else the clock) of the files `last`
/// was made from would publish and list the same pages: no date of its pages, and not the
/// next day, has come since.
pub fn steady_now(now: Option<&str>, last: &Site) -> bool {
    super::input::resolve_now(now, &last.config.timezone)
        .is_ok_and(|now| crate::assemble::steady_at(last, now))
}

/// `serve`'s first answer to a save of the theme's templates alone (`burst`, the paths the
/// watcher saw): the pages open in the browser (`viewed`, output paths) rendered with the
/// new templates over the last site, which such a save leaves as it was. The whole build
/// that follows makes every page again (at 10,000 articles, about half a second); these come
/// first, so the page the officer looks at shows the edit without waiting for the others.
/// `None` when the save is anything else, or the templates have a problem: the whole build
/// reports it.
pub fn templates_first(
    options: &Options,
    cache: &mut Cache,
    last: &Site,
    burst: &BTreeSet<PathBuf>,
    viewed: &[String],
) -> Option<Vec<(String, Output)>> {
    let theme = last.config.theme.as_deref()?;
    let dir = options.root.join("themes").join(theme).join("templates");
    // When the watcher may have missed changes, `last` may not be the files' site: the whole
    // build looks at every file. The changes it does know and `burst` does not are earlier
    // text edits, already in `last` when the last build was good (the caller's to check).
    cache.pending()?;
    if viewed.is_empty() || burst.is_empty() || !burst.iter().all(|p| p.starts_with(&dir)) {
        return None;
    }
    let mut problems = Vec::new();
    let files = load::theme_templates(&options.root, theme, &mut problems);
    if !problems.is_empty() {
        return None;
    }
    let templates = cache.templates(&files).ok()?;
    render::viewed(last, &templates, &cache.rendered, viewed).ok()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::fixtures::{write, ONE_TOPIC_CONFIG};
    use crate::pipeline::Built;
    use crate::Destination;

    /// An article that expires (its key carries it) with a summary, then `body`.
    fn article(title: &str, date: &str, body: &str) -> String {
        format!(
            "---\ntitle: \"{title}\"\ndate: {date}\ntopics: [nghi-dinh-118]\ntags: [một cửa]\nexpires: 2026-12-31\n---\nMở đầu.\n\n{body}\n"
        )
    }

    /// A site of three articles built as `serve` builds it, at `now`; `b.md`'s path.
    struct Served {
        _dir: tempfile::TempDir,
        options: Options,
        cache: Cache,
        built: Built,
        b: PathBuf,
    }

    fn served(b_body: &str) -> Served {
        served_with(b_body, 0)
    }

    /// [`served`] with `more` articles besides (`x-0.md`…).
    fn served_with(b_body: &str, more: usize) -> Served {
        served_from("", ["Bài.", b_body], more)
    }

    /// [`served_with`], `a.md` and `b.md` of `bodies`, `config` added to the config.
    fn served_from(config: &str, bodies: [&str; 2], more: usize) -> Served {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        write(&root, "config.yaml", &format!("{ONE_TOPIC_CONFIG}{config}"));
        for (name, date) in [
            ("a", "2025-09-01"),
            ("b", "2025-09-02"),
            ("c", "2025-09-03"),
        ] {
            let body = match name {
                "a" => bodies[0],
                "b" => bodies[1],
                _ => "Bài.",
            };
            write(
                &root,
                &format!("content/tin-tuc/{name}.md"),
                &article(name, date, body),
            );
        }
        for n in 0..more {
            let text = article(&format!("x{n}"), "2025-08-01", "Bài.");
            write(&root, &format!("content/tin-tuc/x-{n}.md"), &text);
        }
        // Published later: the clock reaching its date changes the lists.
        let later = article("d", "2026-02-01", "Bài.");
        write(&root, "content/tin-tuc/d.md", &later);
        let options = Options {
            root: root.clone(),
            now: Some("2026-01-01 08:00".into()),
            ..Options::default()
        };
        let mut cache = Cache::default();
        cache.track_changes();
        let built = crate::build(&options, &mut cache, Destination::Preview).unwrap();
        let b = root.join("content/tin-tuc/b.md");
        Served {
            _dir: dir,
            options,
            cache,
            built,
            b,
        }
    }

    impl Served {
        /// Writes `text` to `b.md` and tries it as a text edit at `now`.
        fn edit(&mut self, text: &str, now: &str) -> Option<Edited> {
            std::fs::write(&self.b, text).unwrap();
            self.cache.changed([self.b.clone()]);
            let options = Options {
                now: Some(now.into()),
                ..self.options.clone()
            };
            let site = self.built.search.as_ref().unwrap().site().clone();
            let warnings = self.built.warnings.clone();
            text_edit(
                &options,
                &mut self.cache,
                &site,
                &self.built.outputs,
                &warnings,
            )
        }
    }

    /// Each file as a reader gets it, with its kind and what it says it was made from.
    fn as_served(outputs: &Outputs) -> Vec<(String, String, Option<crate::key::Hash>, Vec<u8>)> {
        (outputs.iter())
            .map(|(path, o)| {
                let bytes = o.clone().unpacked().bytes().map(|b| b.to_vec());
                (
                    path.clone(),
                    format!("{:?}", o.kind),
                    o.key,
                    bytes.unwrap_or_default(),
                )
            })
            .collect()
    }

    /// The last build's files with an edit's over them equal a clean build's at `now`, keys
    /// included (the next build reuses by them); the edited page shows `words`.
    fn served_is_a_clean_build(served: &Served, edited: Edited, now: &str, words: &str) {
        let options = Options {
            now: Some(now.into()),
            ..served.options.clone()
        };
        // A clean build of `serve`'s: its pages' keys say their `once/` parts are marks.
        let clean = crate::build(&options, &mut Cache::default(), Destination::Preview).unwrap();
        let mut outputs = served.built.outputs.clone();
        // Search is made when first asked for: not among the served files.
        outputs.retain(|path, _| clean.outputs.contains_key(path));
        outputs.extend(edited.files);
        let search = |path: &String| crate::search::is_index_file(path);
        let mut expected = clean.outputs.clone();
        expected.retain(|path, _| !search(path));
        outputs.retain(|path, _| !search(path));
        assert_eq!(as_served(&outputs), as_served(&expected));
        let page = String::from_utf8(
            clean.outputs["tin-tuc/b/index.html"]
                .contents()
                .unwrap()
                .to_vec(),
        );
        assert!(page.unwrap().contains(words));
    }

    /// Each of `shown` is among the files the edit made again.
    fn made_again(edited: &Edited, shown: &[&str]) {
        let files: Vec<&str> = edited.files.iter().map(|(f, _)| f.as_str()).collect();
        for shown in shown {
            assert!(files.contains(shown), "{shown}: {files:?}");
        }
    }

    #[test]
    fn a_text_edit_makes_the_files_a_whole_build_makes() {
        let mut served = served("Bài.");
        let text = article("b", "2025-09-02", "Bài đã sửa.");
        let edited = served.edit(&text, "2026-01-01 09:00").expect("a text edit");
        let files: Vec<&str> = edited.files.iter().map(|(f, _)| f.as_str()).collect();
        assert!(files.contains(&"tin-tuc/b/index.html"), "{files:?}");
        assert!(!files.contains(&"tin-tuc/a/index.html"), "{files:?}");
        assert!(!files.contains(&"tin-tuc/index.html"), "{files:?}");
        // Kept packed for the next build, as the whole build keeps every page.
        let b = (edited.site.pages.iter())
            .find(|p| p.page.rel == "tin-tuc/b.md")
            .unwrap();
        assert!(b.rendered.html.is_packed() && b.page.body.is_packed());
        assert!(b.rendered.html.text().contains("Bài đã sửa."));
        served_is_a_clean_build(&served, edited, "2026-01-01 09:00", "Bài đã sửa.");
    }

    #[test]
    fn the_next_whole_build_takes_a_text_edits_conversion_as_made() {
        let mut served = served("Bài.");
        let text = article("b", "2025-09-02", "Bài đã sửa.");
        served.edit(&text, "2026-01-01 09:00").expect("a text edit");
        let converted = |cache: &Cache| cache.markdown["tin-tuc/b.md"].result.0.clone();
        let edited = converted(&served.cache);
        let options = Options {
            now: Some("2026-01-01 09:00".into()),
            ..served.options.clone()
        };
        crate::build(&options, &mut served.cache, Destination::Preview).unwrap();
        // Kept under the key the whole build made of the links' targets: not converted again.
        let kept = converted(&served.cache);
        assert!(kept.html.text().contains("Bài đã sửa."));
        assert!(std::sync::Arc::ptr_eq(&edited, &kept));
    }

    #[test]
    fn an_edit_of_the_summary_makes_the_lists_and_the_pages_showing_it_again() {
        let mut served = served("Bài.");
        let text = article("b", "2025-09-02", "Bài.").replace("Mở đầu.", "Mở đầu khác.");
        let edited = served.edit(&text, "2026-01-01 09:00").expect("a text edit");
        made_again(
            &edited,
            &[
                "tin-tuc/index.html",
                "tin-tuc/a/index.html",
                "tin-tuc/c/index.html",
            ],
        );
        served_is_a_clean_build(&served, edited, "2026-01-01 09:00", "Mở đầu khác.");
    }

    #[test]
    fn a_card_edit_makes_again_only_the_list_pages_showing_it() {
        // 48 articles: the section's, the topic's and the tag's lists have three pages each
        // (20 a page), and `b.md`, among the newest, is on the first.
        let mut served = served_with("Bài.", 45);
        let text = article("b", "2025-09-02", "Bài.").replace("Mở đầu.", "Mở đầu khác.");
        let edited = served.edit(&text, "2026-01-01 09:00").expect("a text edit");
        let lists = ["tin-tuc/", "chu-de/nghi-dinh-118/", "the/mot-cua/"];
        let firsts: Vec<String> = lists.iter().map(|l| format!("{l}index.html")).collect();
        made_again(
            &edited,
            &firsts.iter().map(String::as_str).collect::<Vec<_>>(),
        );
        for list in lists {
            for n in [2, 3] {
                let further = format!("{list}trang/{n}/index.html");
                assert!(served.built.outputs.contains_key(&further), "{further}");
                let files = edited.files.iter().map(|(f, _)| f);
                assert!(!files.clone().any(|f| *f == further), "{further}");
            }
        }
        served_is_a_clean_build(&served, edited, "2026-01-01 09:00", "Mở đầu khác.");
    }

    #[test]
    fn an_edit_of_the_title_makes_the_pages_showing_it_again() {
        let mut served = served("Bài.");
        let text = article("Tiêu đề mới", "2025-09-02", "Bài.");
        let edited = served.edit(&text, "2026-01-01 09:00").expect("a text edit");
        made_again(
            &edited,
            &[
                "tin-tuc/b/index.html",
                "tin-tuc/index.html",
                "tin-tuc/a/index.html",
                "tin-tuc/c/index.html",
                "rss.xml",
            ],
        );
        // The sitemap shows no title: its key is the last build's, so it is taken as it was.
        let sitemap = |files: &Outputs| files["sitemap.xml"].key;
        let before = sitemap(&served.built.outputs);
        let after = edited.files.iter().find(|(f, _)| f == "sitemap.xml");
        assert_eq!(after.map(|(_, o)| o.key), Some(before));
        served_is_a_clean_build(&served, edited, "2026-01-01 09:00", "Tiêu đề mới");
    }

    #[test]
    fn a_title_shown_elsewhere_than_the_cards_takes_a_whole_build() {
        let text = article("Tiêu đề mới", "2025-09-02", "Bài.");
        let now = "2026-01-01 09:00";
        // A menu links to the article: every page shows its title.
        let mut menu = served("Bài.");
        let config = menu.options.root.join("config.yaml");
        let with_menu = format!("{ONE_TOPIC_CONFIG}menus:\n  main:\n    - page: tin-tuc/b.md\n");
        std::fs::write(&config, with_menu).unwrap();
        menu.cache.changed([config]);
        menu.built = crate::build(&menu.options, &mut menu.cache, Destination::Preview).unwrap();
        assert!(menu.edit(&text, now).is_none(), "in a menu");
        // Its section lists by title: the order changes.
        let mut sorted = served("Bài.");
        let index = sorted.options.root.join("content/tin-tuc/_index.md");
        std::fs::write(&index, "---\ntitle: \"Tin tức\"\nsort: title\n---\n").unwrap();
        sorted.cache.changed([index]);
        sorted.built =
            crate::build(&sorted.options, &mut sorted.cache, Destination::Preview).unwrap();
        assert!(sorted.edit(&text, now).is_none(), "listed by title");
        // And the title with anything else of the front matter.
        let both =
            article("Tiêu đề mới", "2025-09-02", "Bài.").replace("tags: [một cửa]", "tags: []");
        assert!(served("Bài.").edit(&both, now).is_none(), "title and tags");
    }

    #[test]
    fn edits_that_other_pages_show_take_a_whole_build() {
        let now = "2026-01-01 09:00";
        let cases = [
            // The front matter besides the title: the lists' order.
            ("date", article("b", "2025-09-04", "Bài.")),
            // A link that breaks: an error to report.
            ("problem", article("b", "2025-09-02", "[x](khong-co.md)")),
        ];
        for (what, text) in cases {
            let mut served = served("Bài.");
            assert!(served.edit(&text, now).is_none(), "{what}");
        }
    }

    #[test]
    fn a_link_to_a_heading_is_a_text_edit_only_when_the_heading_is_there() {
        let now = "2026-01-01 09:00";
        let text = |link: &str| article("b", "2025-09-02", &format!("## Mục\n\nBài {link}."));
        let mut kept = served("## Mục\n\nBài .");
        let edited = kept.edit(&text("[x](b.md#muc) [y](#muc)"), now);
        assert!(edited.is_some(), "both lead to a heading of the page");
        // Not there (here or on another page): an error, which the whole build reports.
        for link in ["[x](b.md#khong-co)", "[x](#khong-co)", "[x](a.md#muc)"] {
            let mut broken = served("## Mục\n\nBài .");
            assert!(broken.edit(&text(link), now).is_none(), "{link}");
        }
    }

    #[test]
    fn a_heading_edit_is_a_text_edit_unless_a_link_to_the_heading_breaks() {
        let now = "2026-01-01 09:00";
        let renamed = article("b", "2025-09-02", "## Mục mới\n\nBài.");
        let mut unlinked = served("## Mục\n\nBài.");
        let edited = unlinked.edit(&renamed, now).expect("no link to it");
        let page = edited
            .files
            .iter()
            .find(|(path, _)| path == "tin-tuc/b/index.html");
        let html = page.and_then(|(_, o)| o.clone().unpacked().bytes().map(|b| b.to_vec()));
        let html = String::from_utf8(html.expect("b's page made again")).unwrap();
        assert!(html.contains("id=\"muc-moi\""), "{html}");
        // Another page or a menu links to the heading it had; a new one is added.
        let linked = || served_from("", ["[x](b.md#muc)", "## Mục\n\nBài."], 0);
        assert!(
            linked().edit(&renamed, now).is_none(),
            "a page's link breaks"
        );
        let menu = "menus:\n  main:\n    - page: tin-tuc/b.md#muc\n";
        let in_menu = || served_from(menu, ["Bài.", "## Mục\n\nBài."], 0);
        assert!(
            in_menu().edit(&renamed, now).is_none(),
            "the menu's link breaks"
        );
        let added = article("b", "2025-09-02", "## Mục\n\n## Thêm\n\nBài.");
        assert!(linked().edit(&added, now).is_some(), "a heading added");
        assert!(in_menu().edit(&added, now).is_some(), "a heading added");
    }

    #[test]
    fn past_many_files_edited_since_the_last_whole_build_one_runs() {
        let mut served = served_with("Bài.", MAX_EDITED);
        let root = served.options.root.clone();
        let text = article("b", "2025-09-02", "Bài đã sửa.");
        // Saved since the last whole build (here as they were): each edit reads them again.
        let saved = |n| root.join(format!("content/tin-tuc/x-{n}.md"));
        served.cache.changed((0..MAX_EDITED - 1).map(saved));
        assert!(served.edit(&text, "2026-01-01 09:00").is_some());
        served.cache.changed([saved(MAX_EDITED - 1)]);
        assert!(served.edit(&text, "2026-01-01 09:00").is_none());
    }

    #[test]
    fn a_file_with_a_warning_takes_a_whole_build_which_places_it_again() {
        let mut served = served("<b onclick=\"x()\">Bài.</b>");
        assert!(served
            .built
            .warnings
            .iter()
            .any(|w| w.path.ends_with("b.md")));
        // The warning stays on its line: the whole build would report it as it was.
        let text = article(
            "b",
            "2025-09-02",
            "<b onclick=\"x()\">Bài.</b>\n\nDòng mới.",
        );
        assert!(served.edit(&text, "2026-01-01 09:00").is_none());
    }

    #[test]
    fn pages_rendered_again_are_packed_against_the_first_builds_dictionary() {
        let mut served = served("Bài.");
        let first = (served.cache.rendered.dictionary().cloned())
            .expect("the first build's pages are packed against a dictionary");
        std::fs::write(&served.b, article("b", "2025-09-02", "Bài đã sửa.")).unwrap();
        served.cache.changed([served.b.clone()]);
        let built = crate::build(&served.options, &mut served.cache, Destination::Preview);
        let page = &built.unwrap().outputs["tin-tuc/b/index.html"];
        let html = String::from_utf8(page.contents().unwrap().to_vec()).unwrap();
        assert!(html.contains("Bài đã sửa."), "rendered again");
        let kept = served.cache.rendered.dictionary().unwrap();
        assert!(std::sync::Arc::ptr_eq(kept, &first), "the same dictionary");
    }

    #[test]
    fn the_clock_reaching_a_date_or_the_next_day_takes_a_whole_build() {
        let text = article("b", "2025-09-02", "Bài đã sửa.");
        // The same day, before `d.md`'s date: the same pages are published.
        assert!(served("Bài.").edit(&text, "2026-01-01 23:00").is_some());
        // The next day: `site.now` shows the day.
        assert!(served("Bài.").edit(&text, "2026-01-02 08:00").is_none());
        // `d.md` is due: it is published, and listed.
        assert!(served("Bài.").edit(&text, "2026-02-01 08:00").is_none());
        // A clock gone back.
        assert!(served("Bài.").edit(&text, "2026-01-01 07:00").is_none());
    }

    #[test]
    fn the_site_stays_as_built_until_a_date_or_the_next_day() {
        let served = served("Bài.");
        let site = served.built.search.as_ref().unwrap().site();
        assert!(steady_now(Some("2026-01-01 08:00"), site));
        assert!(steady_now(Some("2026-01-01 23:59"), site));
        assert!(!steady_now(Some("2026-01-02 00:00"), site), "the next day");
        assert!(!steady_now(Some("2026-02-01 08:00"), site), "d.md is due");
        assert!(
            !steady_now(Some("2026-01-01 07:59"), site),
            "a clock gone back"
        );
        // The real clock is long past the site's day.
        assert!(!steady_now(None, site));
    }
}
