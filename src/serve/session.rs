//! What `serve` serves: the last good build of the site, held in memory, and what changed.
//!
//! A rebuild runs the same pipeline as `loa build` with `base_url` pointed at the preview
//! server, reusing the results of unchanged files from a cache keyed by content hash. A failed
//! rebuild keeps the last good site and records the errors for the terminal and the overlay.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::{self, Overrides};
use crate::diag::Diagnostic;
use crate::pipeline::cache::Cache;
use crate::render::Outputs;
use crate::{Destination, Options};

/// What a preview build depends on besides the files.
#[derive(Debug, Clone)]
pub struct SessionOptions {
    pub root: PathBuf,
    /// `http://127.0.0.1:1111`: the preview's origin; the path comes from `config.yaml`.
    pub origin: String,
    pub drafts: bool,
    pub now: Option<String>,
    /// `serve --review`: articles waiting for approval are shown too.
    pub waiting: bool,
}

/// One state of the served site.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// The last good whole build, but for its search index.
    pub outputs: Arc<Outputs>,
    /// The files made again by text edits since then, each in place of the one in `outputs`
    /// (or beside them: a page in view that a build to come adds, shown first).
    pub edits: Arc<Outputs>,
    /// Files of `outputs` that answer 404 already: pages in view that the build under way
    /// leaves out (an article unpublished), shown gone first (`in_view`).
    pub removed: Arc<BTreeSet<String>>,
    /// The last good build's search index, made when first asked for.
    pub search: Option<Arc<crate::search::Deferred>>,
    /// The site's path under the origin, `/cchc/`.
    pub base_path: String,
    /// Problems of the latest build; not empty means the served site is the previous one.
    pub errors: Vec<Diagnostic>,
    /// The warnings of the last good build, for the desk's list of articles.
    pub warnings: Arc<Vec<Diagnostic>>,
    /// Counts builds, good or failed, so clients can tell they missed one.
    pub version: u64,
    /// The last good build's articles waiting for approval (`serve --review`).
    pub waiting: Arc<Vec<crate::approval::Waiting>>,
}

impl Snapshot {
    /// The served file at `path` (an output path), the search index's included, unpacked.
    pub fn file(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        let output = self.shown(path).or_else(|| {
            let search = self.search.as_ref()?;
            crate::search::is_index_file(path)
                .then(|| search.files().get(path))
                .flatten()
        });
        output?.contents()
    }

    /// Whether the served site has a file at `path` (an output path).
    pub fn has(&self, path: &str) -> bool {
        self.shown(path).is_some()
    }

    /// The file served at `path` (an output path), as built: the search index's aside.
    pub fn shown(&self, path: &str) -> Option<&crate::render::Output> {
        if self.removed.contains(path) {
            return None;
        }
        self.edits.get(path).or_else(|| self.outputs.get(path))
    }

    /// Every file served, with the bytes `loa build` would write (the keys are `serve`'s):
    /// the search index is made if it was not yet.
    pub fn all_outputs(&self) -> Outputs {
        let mut all: Outputs = (self.outputs.keys().chain(self.edits.keys()))
            .filter_map(|path| Some((path.clone(), self.shown(path)?.clone().unpacked())))
            .collect();
        if let Some(search) = &self.search {
            all.extend(search.files().clone());
        }
        all
    }
}

/// What one rebuild changed, for the browsers: URLs whose bytes changed, and the errors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notice {
    pub version: u64,
    /// Root-relative URLs (`/cchc/tin-tuc/a/`, `/cchc/style.css`) added, changed or removed.
    pub changed: Vec<String>,
    /// Each problem as `path:line:col: …`, for the overlay.
    pub errors: Vec<String>,
}

/// The preview's build state, rebuilt on every change.
#[derive(Debug)]
pub struct Session {
    options: SessionOptions,
    snapshot: Snapshot,
    /// Pure stages' results kept between builds: an unchanged article is not parsed or
    /// converted from Markdown again.
    cache: Cache,
    /// The edits served before [`Session::templates_first`] put pages made with new
    /// templates among them: served again if the whole build that follows fails, so that
    /// the site served stays the last good one.
    before_first: Option<Arc<Outputs>>,
    /// Whether what the cache last read of the files is what the served site (or its errors)
    /// was made from. Not after a text edit, which reads the edited files outside the cache,
    /// nor after a desk preview, which may read files the served site does not show yet, nor
    /// while a build runs (one that panicked leaves it false).
    built_from_reads: bool,
}

impl Session {
    pub fn new(options: SessionOptions) -> Session {
        // Builds follow the first one: it keeps what it made (parses, Markdown, pages) for
        // them. Untracked, the first build kept nothing, and the check of every file that
        // follows it at start made the whole site again: 15 s at 100,000 articles, which the
        // first save waited for.
        let mut cache = Cache::default();
        cache.track_changes();
        Session {
            options,
            snapshot: Snapshot {
                base_path: "/".into(),
                ..Snapshot::default()
            },
            cache,
            before_first: None,
            built_from_reads: false,
        }
    }

    /// The watcher has started (or lost track): the next build looks at every file, and
    /// later ones only at the files reported by [`Session::changed`].
    pub fn track_changes(&mut self) {
        self.cache.track_changes();
    }

    /// How many results the session's cache holds, for tests and reports.
    pub fn cached(&self) -> usize {
        self.cache.len()
    }

    /// Whether a burst of saves (`paths`) left every file as the served site's build read
    /// it, so that building again would make the same site: then no build is needed. Such a
    /// burst comes when a save lands as a build starts (the build reads the new text, and
    /// the watcher's report comes after), or when an editor saves a file unchanged. At
    /// 100,000 articles the build it spares takes 0.4 s, which the next save waited for.
    pub fn built_already(&self, paths: &BTreeSet<PathBuf>) -> bool {
        // More files at once are a checkout or a copy: reading them twice costs more than
        // the rare build it could spare.
        const MAX_CHECKED: usize = 32;
        // The same files make the same site only at a moment that decides nothing anew: a
        // save after midnight builds, as it always did.
        let steady = || {
            let last = self.snapshot.search.as_ref();
            last.is_some_and(|s| crate::pipeline::steady_now(self.options.now.as_deref(), s.site()))
        };
        self.built_from_reads
            && self.snapshot.errors.is_empty()
            && !paths.is_empty()
            && paths.len() <= MAX_CHECKED
            && steady()
            && self.cache.holds(&self.options.root, paths)
    }

    /// Reports files the watcher saw created, written or removed.
    pub fn changed(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        self.cache.changed(paths);
    }

    pub fn snapshot(&self) -> &Snapshot {
        &self.snapshot
    }

    /// The options `loa build` would need to produce exactly what is served.
    pub fn build_options(&self) -> Options {
        // The preview keeps the site's path: a site at …/cchc/ is previewed at /cchc/.
        let path = config::load(&self.options.root, &Overrides::default())
            .map(|c| c.base_url.path)
            .unwrap_or_else(|_| self.snapshot.base_path.clone());
        Options {
            root: self.options.root.clone(),
            base_url: Some(format!("{}{path}", self.options.origin)),
            drafts: self.options.drafts,
            now: self.options.now.clone(),
            review: false,
            waiting: self.options.waiting,
        }
    }

    /// Builds the site again from the files. Returns what changed and the warnings to print.
    pub fn rebuild(&mut self) -> (Notice, Vec<Diagnostic>) {
        self.rebuild_showing(&Vec::new, &mut |_, _| {})
    }

    /// [`Session::rebuild`], and when the build makes the whole site again, the pages in
    /// view (`viewed`: output paths, the latest first, asked for once the site is assembled)
    /// given to `show` with what changed as soon as they are made, before the others.
    pub fn rebuild_showing(
        &mut self,
        viewed: &dyn Fn() -> Vec<String>,
        show: &mut dyn FnMut(&Snapshot, Notice),
    ) -> (Notice, Vec<Diagnostic>) {
        let mut before_first = self.before_first.take();
        self.built_from_reads = false;
        if let Some(done) = self.text_edit() {
            return done;
        }
        let options = self.build_options();
        let base_path = options
            .base_url
            .as_deref()
            .and_then(|u| config::BaseUrl::parse(u).ok())
            .map_or_else(|| "/".to_string(), |b| b.path);
        self.snapshot.version += 1;
        // After a save of templates alone, the pages in view were shown already.
        let shows_first = before_first.is_none() && base_path == self.snapshot.base_path;
        let snapshot = &mut self.snapshot;
        let mut first = |site: &crate::pipeline::Assembled| {
            if !shows_first {
                return;
            }
            if let Some((changed, edits_before)) = super::in_view::show(snapshot, site, &viewed()) {
                before_first = Some(edits_before);
                show(snapshot, notice_of(snapshot, changed));
                // The whole build's notice comes after this one: a version of its own.
                snapshot.version += 1;
            }
        };
        let built = crate::pipeline::build_showing(
            &options,
            &mut self.cache,
            Destination::Preview,
            &mut first,
        );
        self.built_from_reads = true;
        match built {
            Ok(built) => {
                let outputs = Arc::new(built.outputs);
                let mut changed = changed_urls(&self.snapshot, &outputs, &self.snapshot.base_path);
                if base_path != self.snapshot.base_path {
                    changed.extend(changed_urls(&Snapshot::default(), &outputs, &base_path));
                }
                let old_outputs = std::mem::replace(&mut self.snapshot.outputs, outputs);
                let old_edits = std::mem::take(&mut self.snapshot.edits);
                self.snapshot.removed = Arc::default();
                let old_search =
                    std::mem::replace(&mut self.snapshot.search, built.search.map(Arc::new));
                crate::memo::drop_later((old_outputs, old_edits, old_search));
                self.snapshot.waiting = Arc::new(built.waiting);
                self.snapshot.base_path = base_path;
                self.snapshot.errors.clear();
                self.snapshot.warnings = Arc::new(built.warnings.clone());
                let notice = self.notice(changed.into_iter().collect());
                (notice, built.warnings)
            }
            Err(problems) => {
                if let Some(edits) = before_first {
                    self.snapshot.edits = edits;
                    self.snapshot.removed = Arc::default();
                }
                self.snapshot.errors = problems;
                // Before any good build there is nothing to keep: follow the config's path, so
                // the browser is already at the right address when the site builds.
                if self.snapshot.outputs.is_empty() {
                    self.snapshot.base_path = base_path;
                }
                (self.notice(Vec::new()), Vec::new())
            }
        }
    }

    /// The rebuild after text edits alone (`pipeline::text_edit`), when the last build was
    /// good and the changes are only those: the edited pages, the feeds and the sitemap (and
    /// the lists and pages showing a summary that changed) are made again over the last
    /// site, as a whole build would make them.
    fn text_edit(&mut self) -> Option<(Notice, Vec<Diagnostic>)> {
        if !self.snapshot.errors.is_empty() {
            return None;
        }
        let last = self.snapshot.search.as_ref()?.site().clone();
        let options = self.build_options();
        let snapshot = &mut self.snapshot;
        let edited = crate::pipeline::text_edit(
            &options,
            &mut self.cache,
            &last,
            &snapshot.outputs,
            &snapshot.warnings,
        )?;
        let mut changed = BTreeSet::new();
        let edits = Arc::make_mut(&mut snapshot.edits);
        for (file, output) in edited.files {
            let before = edits.get(&file).or_else(|| snapshot.outputs.get(&file));
            if before.map(|o| &o.body) != Some(&output.body) {
                changed.insert(url_of(&snapshot.base_path, &file));
            }
            // Most lists come back as they were, from the memo: only what differs is kept.
            if before != Some(&output) {
                edits.insert(file, output);
            }
        }
        snapshot.version += 1;
        let search = crate::search::Deferred::new(Arc::new(edited.site), self.cache.search.clone());
        crate::memo::drop_later(snapshot.search.replace(Arc::new(search)));
        let warnings = snapshot.warnings.to_vec();
        Some((self.notice(changed.into_iter().collect()), warnings))
    }

    /// After a save of templates alone (`burst`), the pages open in the browser (`viewed`,
    /// output paths, most recent first) made with the new templates and served at once, over
    /// the last good site; [`Session::rebuild`] must follow, to make the whole site. Returns
    /// what changed, or `None` when the save is anything else or no page in view changed.
    pub fn templates_first(
        &mut self,
        burst: &BTreeSet<PathBuf>,
        viewed: &[String],
    ) -> Option<Notice> {
        // Most saves are of articles: told apart before anything is read.
        let themes = self.options.root.join("themes");
        if !self.snapshot.errors.is_empty() || !burst.iter().all(|p| p.starts_with(&themes)) {
            return None;
        }
        let last = self.snapshot.search.as_ref()?.site().clone();
        let options = self.build_options();
        let files =
            crate::pipeline::templates_first(&options, &mut self.cache, &last, burst, viewed)?;
        let snapshot = &mut self.snapshot;
        let files: Vec<_> = (files.into_iter())
            .filter(|(file, output)| {
                let before = snapshot.edits.get(file);
                before
                    .or_else(|| snapshot.outputs.get(file))
                    .map(|o| &o.body)
                    != Some(&output.body)
            })
            .collect();
        if files.is_empty() {
            return None;
        }
        self.before_first = Some(snapshot.edits.clone());
        let changed: BTreeSet<String> = (files.iter())
            .map(|(file, _)| url_of(&snapshot.base_path, file))
            .collect();
        Arc::make_mut(&mut snapshot.edits).extend(files);
        snapshot.version += 1;
        Some(self.notice(changed.into_iter().collect()))
    }

    /// The page the desk's unsaved text makes, built with this session's cache (what the
    /// preview already knows of the other files is reused).
    pub fn preview(
        &mut self,
        draft: &crate::pipeline::Draft,
    ) -> Result<crate::pipeline::PagePreview, Vec<Diagnostic>> {
        let options = self.build_options();
        self.built_from_reads = false;
        crate::pipeline::preview(&options, &mut self.cache, draft)
    }

    /// Builds again looking at every file, as after [`Session::track_changes`], and tells
    /// what changed; `None` when nothing did, and then, for the browsers, no build happened.
    pub fn verify(&mut self) -> Option<(Notice, Vec<Diagnostic>)> {
        let (version, errors) = (self.snapshot.version, self.snapshot.errors.clone());
        let (notice, warnings) = self.rebuild();
        if notice.changed.is_empty() && self.snapshot.errors == errors {
            self.snapshot.version = version;
            return None;
        }
        Some((notice, warnings))
    }

    fn notice(&self, changed: Vec<String>) -> Notice {
        notice_of(&self.snapshot, changed)
    }
}

/// What `snapshot` changed (`changed`: URLs), for the browsers.
fn notice_of(snapshot: &Snapshot, changed: Vec<String>) -> Notice {
    Notice {
        version: snapshot.version,
        changed,
        errors: snapshot.errors.iter().map(|d| d.to_string()).collect(),
    }
}

/// The root-relative URL of the served file at `file`: a page by its folder.
pub(super) fn url_of(base_path: &str, file: &str) -> String {
    format!(
        "{base_path}{}",
        file.strip_suffix("index.html").unwrap_or(file)
    )
}

/// URLs of the files whose bytes differ between the served site and a new build (added and
/// removed included). Both maps are sorted by path, so they are walked side by side, once.
fn changed_urls(old: &Snapshot, new: &Outputs, base_path: &str) -> BTreeSet<String> {
    let url = |file: &str| url_of(base_path, file);
    let mut changed = BTreeSet::new();
    let mut before = old.outputs.iter().peekable();
    let mut after = new.iter().peekable();
    loop {
        let order = match (before.peek(), after.peek()) {
            (None, None) => break,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some((o, _)), Some((n, _))) => o.cmp(n),
        };
        let (file, built, now) = match order {
            Ordering::Less => {
                let (file, built) = before.next().expect("peeked");
                (file, Some(built), None)
            }
            Ordering::Greater => {
                let (file, now) = after.next().expect("peeked");
                (file, None, Some(now))
            }
            Ordering::Equal => {
                let ((file, built), (_, now)) = (
                    before.next().expect("peeked"),
                    after.next().expect("peeked"),
                );
                (file, Some(built), Some(now))
            }
        };
        // What the browsers were given: what the pages in view showed first (`in_view`)
        // counts as served. A page reused from the previous build is the same allocation:
        // the bytes are compared only when they are not (packed ones as packed: they pack
        // the same).
        let served = match old.removed.contains(file) {
            true => None,
            false => old.edits.get(file).or(built),
        };
        if served.map(|o| &o.body) != now.map(|o| &o.body) {
            changed.insert(url(file));
        }
    }
    // Pages shown first that the build does not make after all.
    let shown_only =
        (old.edits.keys()).filter(|f| !old.outputs.contains_key(*f) && !new.contains_key(*f));
    changed.extend(shown_only.map(|file| url(file)));
    changed
}

#[cfg(test)]
impl Session {
    /// A preview of the site at `root` as of 1 January 2026, built once, without errors.
    pub(super) fn built_for_tests(root: PathBuf) -> Session {
        let mut session = Session::new(SessionOptions {
            root,
            origin: "http://127.0.0.1:1111".into(),
            drafts: false,
            now: Some("2026-01-01 08:00".into()),
            waiting: false,
        });
        let (_, warnings) = session.rebuild();
        assert!(session.snapshot().errors.is_empty(), "{warnings:?}");
        session
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::fixtures::{outputs, write, ONE_TOPIC_CONFIG};

    #[test]
    fn changed_urls_name_pages_by_their_folder_and_include_removals() {
        let old = outputs(&[
            ("a/index.html", "1"),
            ("b/index.html", "1"),
            ("style.css", "x"),
        ]);
        let new = outputs(&[("a/index.html", "2"), ("style.css", "x"), ("c.xml", "y")]);
        let old = Snapshot {
            outputs: Arc::new(old),
            ..Snapshot::default()
        };
        let changed: Vec<String> = changed_urls(&old, &new, "/cchc/").into_iter().collect();
        assert_eq!(changed, ["/cchc/a/", "/cchc/b/", "/cchc/c.xml"]);
    }

    const PAGE: &str = "themes/t/templates/page.html";

    /// A page template that shows `mark` (and whatever `more` adds).
    fn template(mark: &str, more: &str) -> String {
        format!(
            "{{% extends \"base.html\" %}}{{% block content %}}<h1>{{{{ page.title }}}}</h1>\
             <p>{mark}</p>{more}{{{{ page.content | safe }}}}{{% endblock content %}}"
        )
    }

    /// A site of two articles with its own theme's page template, built once as `serve`
    /// builds it.
    fn served() -> (tempfile::TempDir, Session) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        write(
            &root,
            "config.yaml",
            &format!("{ONE_TOPIC_CONFIG}theme: t\n"),
        );
        write(&root, PAGE, &template("Mẫu một", ""));
        for (name, date) in [("a", "2025-09-01"), ("b", "2025-09-02")] {
            let text = format!(
                "---\ntitle: \"{name}\"\ndate: {date}\ntopics: [nghi-dinh-118]\n---\nBài {name}.\n"
            );
            write(&root, &format!("content/tin-tuc/{name}.md"), &text);
        }
        (dir, Session::built_for_tests(root))
    }

    impl Session {
        /// Saves `rel` with `text`, as the watcher would report it; the burst of that save.
        fn save(&mut self, rel: &str, text: &str) -> BTreeSet<PathBuf> {
            write(&self.options.root, rel, text);
            let burst = BTreeSet::from([self.options.root.join(rel)]);
            self.changed(burst.iter().cloned());
            burst
        }

        fn page(&self, file: &str) -> String {
            let bytes = self.snapshot().file(file).expect("served");
            String::from_utf8(bytes.to_vec()).unwrap()
        }
    }

    const A: &str = "tin-tuc/a/index.html";
    const B: &str = "tin-tuc/b/index.html";

    #[test]
    fn a_template_save_shows_the_page_in_view_first_as_the_whole_build_makes_it() {
        let (_dir, mut session) = served();
        let burst = session.save(PAGE, &template("Mẫu hai", ""));

        let first = session.templates_first(&burst, &[A.into()]).unwrap();
        assert_eq!(first.changed, ["/tin-tuc/a/"]);
        assert!(session.page(A).contains("Mẫu hai"));
        assert!(session.page(B).contains("Mẫu một"), "the others wait");
        let shown = session.page(A);

        let (whole, _) = session.rebuild();
        assert!(session.snapshot().errors.is_empty());
        assert_eq!(whole.version, first.version + 1);
        assert!(whole.changed.contains(&"/tin-tuc/b/".to_string()));
        assert!(
            !whole.changed.contains(&"/tin-tuc/a/".to_string()),
            "shown already"
        );
        assert!(session.page(B).contains("Mẫu hai"));
        assert_eq!(session.page(A), shown);
        // Every page served is the one a clean build makes.
        let options = session.build_options();
        let clean = crate::build(&options, &mut Cache::default(), Destination::Memory).unwrap();
        let pages = clean
            .outputs
            .iter()
            .filter(|(path, _)| path.ends_with(".html"));
        for (path, output) in pages {
            let bytes = output.clone().unpacked().bytes().unwrap().to_vec();
            assert_eq!(session.page(path).into_bytes(), bytes, "{path}");
        }
    }

    #[test]
    fn only_a_save_of_templates_alone_over_a_good_site_is_shown_first() {
        let (_dir, mut session) = served();
        let article = |name: &str| {
            format!(
                "---\ntitle: \"{name}\"\ndate: 2025-09-01\ntopics: [nghi-dinh-118]\n---\nSửa.\n"
            )
        };
        let burst = session.save("content/tin-tuc/a.md", &article("a"));
        assert_eq!(
            session.templates_first(&burst, &[A.into()]),
            None,
            "an article"
        );
        let mut both = session.save(PAGE, &template("Mẫu hai", ""));
        both.extend(session.save("content/tin-tuc/b.md", &article("b")));
        assert_eq!(
            session.templates_first(&both, &[A.into()]),
            None,
            "and an article"
        );
        session.rebuild();

        let burst = session.save(PAGE, &template("Mẫu ba", ""));
        assert_eq!(
            session.templates_first(&burst, &[]),
            None,
            "no page in view"
        );
        session.rebuild();
        let same = session.save(PAGE, &template("Mẫu ba", ""));
        assert_eq!(
            session.templates_first(&same, &[A.into()]),
            None,
            "nothing changed"
        );
        let broken = session.save(PAGE, "{% block content %}");
        assert_eq!(
            session.templates_first(&broken, &[A.into()]),
            None,
            "broken"
        );
        assert!(session.page(A).contains("Mẫu ba"));
        // The whole build reports what the template has; until it is fixed, every save
        // waits for a whole build.
        session.rebuild();
        assert!(!session.snapshot().errors.is_empty());
        assert!(session.page(A).contains("Mẫu ba"), "the last good site");
        let fixed = session.save(PAGE, &template("Mẫu bốn", ""));
        assert_eq!(
            session.templates_first(&fixed, &[A.into()]),
            None,
            "after errors"
        );
    }

    #[test]
    fn a_whole_build_that_fails_after_the_page_in_view_serves_the_last_good_site_again() {
        let (_dir, mut session) = served();
        // Page b fails to render with the new template; page a, in view, does not.
        let failing = "{% if page.title == \"b\" %}{{ khong_co.gi }}{% endif %}";
        let burst = session.save(PAGE, &template("Mẫu hai", failing));
        let first = session.templates_first(&burst, &[A.into()]).unwrap();
        assert_eq!(first.changed, ["/tin-tuc/a/"]);
        assert!(session.page(A).contains("Mẫu hai"));

        let (failed, _) = session.rebuild();
        assert!(!failed.errors.is_empty());
        assert!(session.page(A).contains("Mẫu một"), "the last good site");
        assert!(session.page(B).contains("Mẫu một"));
    }

    #[test]
    fn a_list_in_view_is_shown_first_too() {
        let (_dir, mut session) = served();
        let base = include_str!("../../themes/default/templates/base.html");
        let marked = base.replace("</body>", "<p>Khung hai</p></body>");
        let burst = session.save("themes/t/templates/base.html", &marked);
        let viewed = ["index.html".to_string(), A.into()];
        let first = session.templates_first(&burst, &viewed).unwrap();
        assert_eq!(first.changed, ["/", "/tin-tuc/a/"]);
        assert!(session.page("index.html").contains("Khung hai"));
        assert!(!session.page(B).contains("Khung hai"));
    }

    #[test]
    fn unpublishing_an_article_makes_no_page_or_feed_of_others_again_yet_pages_show_counts() {
        let (_dir, mut session) = served();
        // A second topic, with one article of its own, older than the others.
        let config = format!("{ONE_TOPIC_CONFIG}  - {{key: de-an-06, name: Đề án 06}}\ntheme: t\n");
        session.save("config.yaml", &config);
        let old = |draft: bool| {
            format!("---\ntitle: \"x\"\ndate: 2024-01-01\ndraft: {draft}\ntopics: [de-an-06]\n---\nBài x.\n")
        };
        session.save("content/tin-tuc/x.md", &old(false));
        session.rebuild();
        let kept = |session: &Session| match &session.snapshot().outputs[B].body {
            crate::output::Body::Marked(packed, _) => packed.clone(),
            other => panic!("b is kept with marks for the once/ parts: {other:?}"),
        };
        let before = kept(&session);
        // The other topic's feed lists a and b, and shows no count.
        const FEED: &str = "chu-de/nghi-dinh-118/rss.xml";
        let feed = |session: &Session| match &session.snapshot().outputs[FEED].body {
            crate::output::Body::Packed(packed) => packed.clone(),
            other => panic!("a feed is kept packed: {other:?}"),
        };
        let feed_before = feed(&session);
        // The sidebar lists the topics that have articles.
        let topic = "href=\"/chu-de/de-an-06/\"";
        assert!(session.page(B).contains(topic));

        session.save("content/tin-tuc/x.md", &old(true));
        let (notice, _) = session.rebuild();
        assert!(session.snapshot().errors.is_empty());
        assert!(
            Arc::ptr_eq(&before, &kept(&session)),
            "b was rendered again"
        );
        assert!(
            Arc::ptr_eq(&feed_before, &feed(&session)),
            "the feed was made again"
        );
        assert!(
            !session.page(B).contains(topic),
            "b's sidebar still lists the topic"
        );
        assert!(
            notice.changed.contains(&"/tin-tuc/b/".to_string()),
            "b is reloaded"
        );
        // What a clean build of the site gives.
        let options = session.build_options();
        let clean = crate::build(&options, &mut Cache::default(), Destination::Memory).unwrap();
        let page = clean.outputs[B].bytes().unwrap().to_vec();
        assert_eq!(session.page(B).into_bytes(), page);
    }
}
