//! The pages in view, shown first after a save that makes the whole site again (an article
//! unpublished, published, moved, its date, topics or tags changed): once the site is
//! assembled, the pages open in the browser are made from it and served, and an article
//! that left the site answers 404, while the other pages are still being made. The whole
//! build follows and serves everything, as after a template save (`viewed.rs`); Hugo's
//! server also makes the pages it served first.

use std::sync::Arc;

use super::session::{url_of, Snapshot};
use crate::pipeline::Assembled;
use crate::render::{pages_at, Outputs};

/// Shows in `snapshot` the pages at `viewed` (output paths) as `assembled` makes them, and
/// as gone those of the last site's articles it leaves out. Returns the URLs that changed
/// and the edits served before, to serve again should the whole build fail; `None` when
/// nothing in view changed or nothing was served yet.
pub(super) fn show(
    snapshot: &mut Snapshot,
    assembled: &Assembled,
    viewed: &[String],
) -> Option<(Vec<String>, Arc<Outputs>)> {
    if viewed.is_empty() || !snapshot.errors.is_empty() {
        return None;
    }
    let last = snapshot.search.as_ref()?.site().clone();
    let site = assembled.site;
    let (was_page, is_page) = (pages_at(&last, viewed), pages_at(site, viewed));
    let redirect = |file: &str| site.aliases.iter().any(|a| a.file == file);
    let (mut gone, mut wanted) = (Vec::new(), Vec::new());
    for (n, file) in viewed.iter().enumerate() {
        let served = snapshot.has(file);
        if served && was_page[n].is_some() && is_page[n].is_none() && !redirect(file) {
            gone.push(file.clone());
        } else if served || is_page[n].is_some() {
            // A page that answered 404 and is no article's now is left to the whole build:
            // finding whether it is some list's page means listing every list's pages
            // (30-80 ms at 100,000 articles).
            wanted.push(file.clone());
        }
    }
    let made: Vec<_> = (assembled.render(&wanted)?.into_iter())
        .filter(|(file, output)| snapshot.shown(file).map(|o| &o.body) != Some(&output.body))
        .collect();
    if made.is_empty() && gone.is_empty() {
        return None;
    }
    let changed = (made.iter().map(|(file, _)| file).chain(&gone))
        .map(|file| url_of(&snapshot.base_path, file))
        .collect();
    let before = snapshot.edits.clone();
    let removed = Arc::make_mut(&mut snapshot.removed);
    for (file, _) in &made {
        removed.remove(file);
    }
    removed.extend(gone);
    Arc::make_mut(&mut snapshot.edits).extend(made);
    Some((changed, before))
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::super::session::{Notice, Session, Snapshot};
    use crate::fixtures::{write, ONE_TOPIC_CONFIG};
    use crate::pipeline::cache::Cache;
    use crate::Destination;

    const A: &str = "tin-tuc/a/index.html";
    const B: &str = "tin-tuc/b/index.html";
    const LIST: &str = "tin-tuc/index.html";
    const PAGE: &str = "themes/t/templates/page.html";

    /// Article `name` of the one topic, dated `day` September 2025, with `body`.
    fn article(name: &str, day: u32, front: &str, body: &str) -> String {
        format!(
            "---\ntitle: \"{name}\"\ndate: 2025-09-{day:02}\ntopics: [nghi-dinh-118]\n{front}---\n{body}\n"
        )
    }

    /// A site of articles a and b, whose page template cannot show an article titled "c",
    /// built once as `serve` builds it.
    fn served() -> (tempfile::TempDir, PathBuf, Session) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        write(
            &root,
            "config.yaml",
            &format!("{ONE_TOPIC_CONFIG}theme: t\n"),
        );
        let failing = "{% if page.title == \"c\" %}{{ khong_co.gi }}{% endif %}";
        let template = format!(
            "{{% extends \"base.html\" %}}{{% block content %}}{failing}\
             {{{{ page.content | safe }}}}{{% endblock content %}}"
        );
        write(&root, PAGE, &template);
        write(
            &root,
            "content/tin-tuc/a.md",
            &article("a", 1, "", "Bài a."),
        );
        write(
            &root,
            "content/tin-tuc/b.md",
            &article("b", 2, "", "Bài b."),
        );
        let session = Session::built_for_tests(root.clone());
        (dir, root, session)
    }

    /// Saves the files `(rel, text)` of `saves` as the watcher would report them.
    fn save(session: &mut Session, root: &Path, saves: &[(&str, String)]) {
        for (rel, text) in saves {
            write(root, rel, text);
        }
        session.changed(saves.iter().map(|(rel, _)| root.join(rel)));
    }

    /// Builds again with `viewed` in view: what was shown first (if anything), and the
    /// notice of the whole build.
    fn rebuild(session: &mut Session, viewed: &[&str]) -> (Option<(Snapshot, Notice)>, Notice) {
        let viewed: Vec<String> = viewed.iter().map(|v| v.to_string()).collect();
        let mut first = None;
        let (whole, _) = session.rebuild_showing(&|| viewed.clone(), &mut |snapshot, notice| {
            assert!(first.is_none(), "shown first once");
            first = Some((snapshot.clone(), notice));
        });
        (first, whole)
    }

    fn page(snapshot: &Snapshot, file: &str) -> Option<String> {
        let bytes = snapshot.file(file)?;
        Some(String::from_utf8(bytes.to_vec()).unwrap())
    }

    /// Every page `session` serves is the one a clean build makes, and only those.
    fn served_as_clean(session: &Session) {
        let options = session.build_options();
        let clean = crate::build(&options, &mut Cache::default(), Destination::Memory).unwrap();
        let snapshot = session.snapshot();
        for (path, output) in &clean.outputs {
            let bytes = output.clone().unpacked().bytes().unwrap().to_vec();
            assert_eq!(snapshot.file(path).as_deref(), Some(&bytes), "{path}");
        }
        let extra = (snapshot.outputs.keys().chain(snapshot.edits.keys()))
            .filter(|path| snapshot.has(path) && !clean.outputs.contains_key(*path));
        assert_eq!(extra.count(), 0);
    }

    #[test]
    fn an_article_unpublished_in_view_answers_404_before_its_list_changes() {
        let (_dir, root, mut session) = served();
        let draft = article("b", 2, "draft: true\n", "Bài b.");
        save(&mut session, &root, &[("content/tin-tuc/b.md", draft)]);

        let (first, whole) = rebuild(&mut session, &[B, A]);
        let (shown, notice) = first.expect("shown first");
        assert_eq!(page(&shown, B), None, "gone at once");
        assert!(
            page(&shown, LIST).unwrap().contains("/tin-tuc/b/"),
            "the list waits"
        );
        // Page a loses its neighbour b: made first too, as the whole build makes it.
        assert_eq!(notice.changed, ["/tin-tuc/a/", "/tin-tuc/b/"]);
        assert!(!page(&shown, A).unwrap().contains("/tin-tuc/b/"));
        assert_eq!(page(&shown, A), page(session.snapshot(), A));

        assert!(whole.version > notice.version);
        assert!(whole.changed.contains(&"/tin-tuc/".to_string()));
        for url in ["/tin-tuc/a/", "/tin-tuc/b/"] {
            assert!(
                !whole.changed.contains(&url.to_string()),
                "{url} shown already"
            );
        }
        assert!(session.snapshot().removed.is_empty());
        served_as_clean(&session);
    }

    #[test]
    fn an_article_published_again_in_view_shows_before_its_list() {
        let (_dir, root, mut session) = served();
        let draft = article("b", 2, "draft: true\n", "Bài b.");
        save(&mut session, &root, &[("content/tin-tuc/b.md", draft)]);
        rebuild(&mut session, &[]);
        let again = article("b", 2, "", "Bài b đăng lại.");
        save(&mut session, &root, &[("content/tin-tuc/b.md", again)]);

        // Page b answered 404 in the browser: it is in view.
        let (first, whole) = rebuild(&mut session, &[B]);
        let (shown, notice) = first.expect("shown first");
        assert_eq!(notice.changed, ["/tin-tuc/b/"]);
        assert!(page(&shown, B).unwrap().contains("Bài b đăng lại."));
        assert!(
            !page(&shown, LIST).unwrap().contains("/tin-tuc/b/"),
            "the list waits"
        );
        assert_eq!(page(&shown, B), page(session.snapshot(), B));
        assert!(
            !whole.changed.contains(&"/tin-tuc/b/".to_string()),
            "shown already"
        );
        assert!(whole.changed.contains(&"/tin-tuc/".to_string()));
        served_as_clean(&session);
    }

    #[test]
    fn nothing_is_shown_first_without_a_page_in_view_that_changes() {
        let (_dir, root, mut session) = served();
        let tagged = article("b", 2, "tags: [một cửa]\n", "Bài b.");
        save(&mut session, &root, &[("content/tin-tuc/b.md", tagged)]);
        let (first, whole) = rebuild(&mut session, &[]);
        assert!(first.is_none(), "no page in view");
        assert!(!whole.changed.is_empty());

        // Page a does not show b's tags.
        let retagged = article("b", 2, "tags: [hai cấp]\n", "Bài b.");
        save(&mut session, &root, &[("content/tin-tuc/b.md", retagged)]);
        let (first, _) = rebuild(&mut session, &[A]);
        assert!(first.is_none(), "page a is as served");
        served_as_clean(&session);
    }

    #[test]
    fn a_whole_build_that_fails_after_the_pages_in_view_serves_the_last_good_site_again() {
        let (_dir, root, mut session) = served();
        let before = page(session.snapshot(), B).unwrap();
        // b leaves and c comes; c cannot be shown by the template, and is not in view.
        let draft = article("b", 2, "draft: true\n", "Bài b.");
        let c = article("c", 3, "", "Bài c.");
        save(
            &mut session,
            &root,
            &[("content/tin-tuc/b.md", draft), ("content/tin-tuc/c.md", c)],
        );
        let (first, whole) = rebuild(&mut session, &[B]);
        let (shown, _) = first.expect("shown first");
        assert_eq!(page(&shown, B), None);

        assert!(!whole.errors.is_empty());
        assert_eq!(
            page(session.snapshot(), B),
            Some(before),
            "the last good site"
        );
        assert!(session.snapshot().removed.is_empty());
        assert!(session.snapshot().edits.is_empty());
    }
}
