//! Measures `loa serve`'s edit-to-served latency: from writing a file to the moment the updated
//! page is served, debounce included. `cargo run --release --example serve-latency -- DIR
//! [EDITS]` on a site made by `gen-corpus`: EDITS article edits (a line added at the end),
//! EDITS edits of its first paragraph (its summary), EDITS/2 edits of its title (front matter,
//! which the lists, feeds and neighbours are made from), EDITS/2 edits of its tags (a new tag
//! each time, which makes the whole site again), EDITS/2 edits of its address (`slug:`),
//! then the site's last article (the one no other links to) EDITS/2 times unpublished
//! (`draft: true`, timed until its address answers 404) and published again (timed until it
//! serves the edit), each also timed until the whole site is served (`serve` shows the page
//! in view first), then EDITS/2 edits of a template
//! (`page.html` of a theme added for the run), each timed until the page in view shows it and
//! until an article never served shows it (the whole site made again); prints the median and
//! the worst of each, every time in the order made, and how long each save itself took.
//! One more article edit comes first, 3 s after the preview starts, and is reported alone: it
//! may wait for `serve`'s check of every file after starting (long on a large site). The
//! site's files are restored afterwards, also when the run stops on a panic.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use loa::serve::{ServeOptions, Server};

// The allocator `loa` itself uses, so that the figures are the command's.
#[global_allocator]
static ALLOCATOR: loa::allocator::Mimalloc = loa::allocator::Mimalloc;

/// About when an officer saves for the first time after starting the preview.
const FIRST_SAVE: Duration = Duration::from_secs(3);

/// What the run edits and adds, under the site's folder; [`refuse_changed`] looks for the same.
const ARTICLE: &str = "content/tin-tuc/bai-00007.md";
const THEME: &str = "themes/latency";
const THEME_LINE: &str = "theme: latency";
/// What the run writes at the top of the article to unpublish it.
const DRAFT: &str = "---\ndraft: true\n";
/// How every marker the run writes ends.
const MARKER_END: &str = "để đo độ trễ.";

/// Builds `serve` has ended, counted by its report. A save's page in view may be served
/// before the build that made it ends (the pages in view come first): the next save waits
/// for the end ([`settle`]), or its build would wait behind this one and be timed so.
static BUILDS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn main() {
    loa::allocator::configure();
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: serve-latency DIR [EDITS]"));
    let edits: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    refuse_changed(&root);
    let article = root.join(ARTICLE);
    let config = root.join("config.yaml");
    let last = last_article(&root);
    let restore = Restore {
        root: root.clone(),
        article: std::fs::read_to_string(&article).expect("bai-00007.md from gen-corpus"),
        last: (
            last.clone(),
            std::fs::read_to_string(&last).expect("the last article"),
        ),
        config: std::fs::read_to_string(&config).expect("config.yaml"),
        themes_made: !root.join("themes").exists(),
    };
    let original = restore.article.clone();
    let config_text = restore.config.clone();
    let options = ServeOptions {
        root: root.clone(),
        bind: [127, 0, 0, 1].into(),
        hosts: Vec::new(),
        port: 0,
        drafts: false,
        now: Some("2027-01-01".into()),
        review: false,
        desk: false,
    };
    let started = Instant::now();
    let server = Server::start(options, |_| {
        BUILDS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    })
    .expect("serve starts");
    println!("first build: {} ms", started.elapsed().as_millis());
    std::thread::sleep(FIRST_SAVE);
    let url = format!("{}tin-tuc/bai-00007/", server.url());
    // The pages that show a template edit only once the whole site is made again: articles
    // the measuring never opens (and one more, for the switch to the measuring theme). Found
    // first, so that a site too small stops before any edit.
    let count = edits.div_ceil(2);
    let snapshot = server.snapshot();
    let mut unseen: Vec<String> = (100..1_000_000)
        .map(|n| format!("tin-tuc/bai-{n:05}/"))
        .filter(|page| snapshot.has(&format!("{page}index.html")))
        .take(count + 1)
        .map(|page| format!("{}{page}", server.url()))
        .collect();
    drop(snapshot);
    assert!(
        unseen.len() == count + 1,
        "the template edits need {} articles from bai-00100 on: make the site with \
         gen-corpus --articles {} or more",
        count + 1,
        101 + count
    );
    let unseen_for_switch = unseen.split_off(count);

    // The article as it was, served again before the next kind of edit is timed: else the
    // first edit of the next kind waits for the build of the restored article.
    let restore_article = |url: &str| {
        let builds = BUILDS.load(std::sync::atomic::Ordering::SeqCst);
        std::fs::write(&article, &original).expect("restore the article");
        wait_until(&ureq::Agent::new_with_defaults(), url, |page| {
            !page.contains(MARKER_END)
        });
        settle(builds);
    };
    let edit = |marker: &str| {
        std::fs::write(&article, format!("{original}\n{marker}\n")).expect("write the article");
    };
    // Right after starting, `serve` looks at every file once more (saves made while it
    // started were not watched): the first save may wait for that. Reported on its own; the
    // edits measured after it are the officer's usual ones.
    let first = measure(&url, 1, edit);
    println!("first edit: {} ms", first.served[0].as_millis());
    let times = measure(&url, edits, edit);
    report("article edits", &times);

    // An edit of the first paragraph: the summary that the lists and the related articles of
    // other pages show, which they follow.
    let body = original[4..].find("\n---\n").expect("front matter") + 4 + "\n---\n".len();
    let times = measure(&url, edits, |marker| {
        let text = format!("{}{marker} {}", &original[..body], &original[body..]);
        std::fs::write(&article, text).expect("write the article");
    });
    restore_article(&url);
    report("summary edits", &times);

    // A heading added: the page's table of contents and anchors change, and the links of
    // other pages to its headings are checked again.
    let times = measure(&url, count, |marker| {
        let text = format!("{original}\n## {marker}\n");
        std::fs::write(&article, text).expect("write the article");
    });
    restore_article(&url);
    report("heading edits", &times);

    // Edits of one line of the front matter (`field: `, written anew by `line`), timed
    // `count` times, then the article put back.
    let front_matter_edits = |field: &str, line: &dyn Fn(&str) -> String| {
        let old = (original.lines())
            .find(|l| l.starts_with(field))
            .unwrap_or_else(|| panic!("a `{field}` line from gen-corpus"));
        let times = measure(&url, count, |marker| {
            let text = original.replacen(old, &line(marker), 1);
            std::fs::write(&article, text).expect("write the article");
        });
        restore_article(&url);
        times
    };
    // An edit of the title: the site's lists, feeds, the neighbours' links and the search
    // index show it.
    let times = front_matter_edits("title: ", &|marker| format!("title: \"Bài {marker}\""));
    report("title edits", &times);
    // An edit of the tags: the article leaves its tag's list for a new one, so the tags'
    // lists, the related articles and the sitemap change (the whole pipeline, as for a date
    // or topics).
    let times = front_matter_edits("tags: ", &|marker| format!("tags: [\"{marker}\"]"));
    report("tag edits", &times);

    // An edit of the address (`slug:`, as for a file renamed or an article (un)published):
    // the article moves, so the pages linking to it, the lists, feeds and sitemap change.
    // Timed until its new address shows it; then the article put back at its own address.
    let times = measure_moves(&server.url(), count, |slug, marker| {
        let text = original.replacen("---\n", &format!("---\nslug: {slug}\n"), 1);
        std::fs::write(&article, format!("{text}\n{marker}\n")).expect("write the article");
    });
    restore_article(&url);
    report("address edits", &times);

    // Unpublished (`draft: true`) and published again: the article leaves the site, and with
    // it its lists, feeds, sitemap and search index, then comes back. The last article, since
    // gen-corpus has every other one linked from the next (unpublishing it is an error).
    let (last_path, last_text) = &restore.last;
    let stem = last_path
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("a name");
    let last_url = format!("{}tin-tuc/{stem}/", server.url());
    let last_file = format!("tin-tuc/{stem}/index.html");
    let draft = last_text.replacen("---\n", DRAFT, 1);
    // The page in view answers first; the whole site (its lists, feeds, sitemap) is served
    // once the build that follows ends, read from the server without asking for a page
    // (a page asked for would be in view).
    let whole = |marker: Option<&str>| {
        let snapshot = server.snapshot();
        let built = snapshot.outputs.get(&last_file).and_then(|o| o.contents());
        match marker {
            None => built.is_none(),
            Some(marker) => {
                built.is_some_and(|page| String::from_utf8_lossy(&page).contains(marker))
            }
        }
    };
    let ((hidden, hidden_whole), (shown, shown_whole)) = measure_unpublish(
        &last_url,
        count,
        &|| std::fs::write(last_path, &draft).expect("write the last article"),
        &|marker| {
            let text = format!("{last_text}\n{marker}\n");
            std::fs::write(last_path, text).expect("write the last article");
        },
        &whole,
    );
    let builds = BUILDS.load(std::sync::atomic::Ordering::SeqCst);
    std::fs::write(last_path, last_text).expect("restore the last article");
    wait_until(&ureq::Agent::new_with_defaults(), &last_url, |page| {
        !page.contains(MARKER_END)
    });
    settle(builds);
    report("unpublish edits", &hidden);
    report_served("unpublish edits, whole site", hidden_whole);
    report("publish edits", &shown);
    report_served("publish edits, whole site", shown_whole);

    // A theme whose page.html carries a marker: each edit re-renders every article page.
    let template = root.join(THEME).join("templates/page.html");
    std::fs::create_dir_all(template.parent().expect("a folder")).expect("theme folder");
    let page = |marker: &str| {
        format!(
            "{{% extends \"base.html\" %}}{{% block content %}}<h1>{{{{ page.title }}}}</h1>\
             <p>{marker}</p>{{{{ page.content | safe }}}}{{% endblock content %}}"
        )
    };
    // Switching to the theme changes the config, which makes the whole site again: waited
    // for until a page out of view shows it, not counted (it was the worst "template edit"
    // before).
    measure_then(&url, &unseen_for_switch, |marker| {
        std::fs::write(&template, page(marker)).expect("write the template");
        std::fs::write(&config, format!("{config_text}{THEME_LINE}\n")).expect("add the theme");
    });
    // The page in view shows a template edit first (`serve` makes the pages it served last
    // before the others); an article never served before shows it once the whole site is
    // made again.
    let (times, whole) = measure_then(&url, &unseen, |marker| {
        std::fs::write(&template, page(marker)).expect("write the template");
    });
    drop(server);
    drop(restore);
    report("template edits", &times);
    report_served("template edits, whole site", whole);
}

/// Puts back what the run changes when dropped, on a panic too: the two articles and
/// config.yaml as they were at the start, and no measuring theme (nor `themes/`, when the run made it). A
/// run killed outright leaves them, and the next one refuses the folder ([`refuse_changed`]).
struct Restore {
    root: PathBuf,
    article: String,
    /// The site's last article, which the run unpublishes, and its text.
    last: (PathBuf, String),
    config: String,
    themes_made: bool,
}

impl Drop for Restore {
    fn drop(&mut self) {
        // Each part is put back even if another cannot be.
        let _ = std::fs::write(self.root.join(ARTICLE), &self.article);
        let _ = std::fs::write(&self.last.0, &self.last.1);
        let _ = std::fs::write(self.root.join("config.yaml"), &self.config);
        let _ = std::fs::remove_dir_all(self.root.join(THEME));
        if self.themes_made {
            // Only if empty: nothing else of the site is removed.
            let _ = std::fs::remove_dir(self.root.join("themes"));
        }
    }
}

/// Stops, saying what to do, when a run cut short left its edits in the corpus: the marked
/// or unpublished article, the measuring theme, `theme: latency` in config.yaml. Measured
/// again, such a site has a config that no longer loads (the line twice) or an article that is
/// not gen-corpus's.
fn refuse_changed(root: &Path) {
    let read = |path: &str| std::fs::read_to_string(root.join(path)).unwrap_or_default();
    let left = read("config.yaml").lines().any(|l| l.trim() == THEME_LINE)
        || root.join(THEME).exists()
        || read(ARTICLE).contains(MARKER_END)
        || std::fs::read_to_string(last_article(root))
            .is_ok_and(|last| last.contains(MARKER_END) || last.starts_with(DRAFT));
    assert!(
        !left,
        "{} still holds the edits of a serve-latency run that was cut short: delete that folder \
         and let bench/run.sh make it again (examples/gen-corpus.rs)",
        root.display()
    );
}

/// The article with the highest number in `content/tin-tuc/`: gen-corpus links every article
/// but that one from the next.
fn last_article(root: &Path) -> PathBuf {
    let folder = root.join("content/tin-tuc");
    let last = std::fs::read_dir(&folder)
        .expect("content/tin-tuc from gen-corpus")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with("bai-") && name.ends_with(".md"))
        .max()
        .expect("articles from gen-corpus");
    folder.join(last)
}

/// Each edit's time from the save to the page served, and the part of it the save itself
/// took: a write the system holds up (while it writes earlier builds' files to the disk) is
/// the disk's, not `serve`'s, and shows there.
#[derive(Default)]
struct Times {
    served: Vec<Duration>,
    saves: Vec<Duration>,
}

/// Applies `edit` with a new marker `count` times, timing each until `url` shows the marker.
fn measure(url: &str, count: usize, edit: impl Fn(&str)) -> Times {
    let none = vec![None; count];
    measure_each(url, &none, edit).0
}

/// [`measure`] once per page of `then`, each edit timed also until that page shows it.
fn measure_then(url: &str, then: &[String], edit: impl Fn(&str)) -> (Times, Vec<Duration>) {
    let then: Vec<Option<&str>> = then.iter().map(|u| Some(u.as_str())).collect();
    measure_each(url, &then, edit)
}

/// One edit per entry of `then`: timed until `url` shows its marker, then until the page
/// of the entry does, if there is one.
fn measure_each(url: &str, then: &[Option<&str>], edit: impl Fn(&str)) -> (Times, Vec<Duration>) {
    let run = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    // One kept-alive connection, as a browser has: the polling itself must not load the
    // machine that is rebuilding.
    let agent = ureq::Agent::new_with_defaults();
    let (mut times, mut later) = (Times::default(), Vec::new());
    for (n, other) in then.iter().enumerate() {
        // Unique to this run: a run cut short leaves its last marker in the article, and a
        // marker already there would be "seen" at once.
        let marker = format!("Đoạn sửa lần thứ {n} của lượt đo {run} {MARKER_END}");
        let written = timed(
            &mut times,
            || edit(&marker),
            || wait_for(&agent, url, &marker),
        );
        if let Some(other) = other {
            wait_for(&agent, other, &marker);
            later.push(written.elapsed());
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    (times, later)
}

/// Applies `edit` `count` times, each with a new address (a slug) and marker, timing each
/// until the article's page at its new address (under `base`) shows the marker.
fn measure_moves(base: &str, count: usize, edit: impl Fn(&str, &str)) -> Times {
    let run = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let agent = ureq::Agent::new_with_defaults();
    let mut times = Times::default();
    for n in 0..count {
        let slug = format!("dia-chi-{run}-{n}");
        let marker = format!("Địa chỉ mới lần thứ {n} {MARKER_END}");
        let moved = format!("{base}tin-tuc/{slug}/");
        timed(
            &mut times,
            || edit(&slug, &marker),
            || wait_for(&agent, &moved, &marker),
        );
        std::thread::sleep(Duration::from_millis(300));
    }
    times
}

/// `count` times: `hide` the article, timed until `url` answers 404 and until `whole(None)`
/// says the whole site left it out, then `show` it again with a new marker, timed until
/// `url` shows it and until `whole(Some(marker))` says the whole site does.
fn measure_unpublish(
    url: &str,
    count: usize,
    hide: &dyn Fn(),
    show: &dyn Fn(&str),
    whole: &dyn Fn(Option<&str>) -> bool,
) -> ((Times, Vec<Duration>), (Times, Vec<Duration>)) {
    let agent = ureq::Agent::new_with_defaults();
    let (mut hidden, mut shown) = ((Times::default(), vec![]), (Times::default(), vec![]));
    for n in 0..count {
        let gone = || matches!(agent.get(url).call(), Err(ureq::Error::StatusCode(404)));
        let written = timed(&mut hidden.0, hide, || poll(url, gone));
        poll(url, || whole(None));
        hidden.1.push(written.elapsed());
        std::thread::sleep(Duration::from_millis(300));

        let marker = format!("Đăng lại lần thứ {n} {MARKER_END}");
        let written = timed(
            &mut shown.0,
            || show(&marker),
            || wait_for(&agent, url, &marker),
        );
        poll(url, || whole(Some(&marker)));
        shown.1.push(written.elapsed());
        std::thread::sleep(Duration::from_millis(300));
    }
    (hidden, shown)
}

/// Saves with `save`, timed into `times` (the save alone, and until `served` returns).
/// Returns when the save began.
fn timed(times: &mut Times, save: impl FnOnce(), served: impl FnOnce()) -> Instant {
    let builds = BUILDS.load(std::sync::atomic::Ordering::SeqCst);
    let written = Instant::now();
    save();
    times.saves.push(written.elapsed());
    served();
    times.served.push(written.elapsed());
    settle(builds);
    written
}

/// Waits until a build has ended since `builds` were counted (for ten seconds at most: a
/// save that changes nothing builds nothing).
fn settle(builds: usize) {
    let started = Instant::now();
    while BUILDS.load(std::sync::atomic::Ordering::SeqCst) == builds
        && started.elapsed() < Duration::from_secs(10)
    {
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Asks for `url` until it shows `marker`.
fn wait_for(agent: &ureq::Agent, url: &str, marker: &str) {
    wait_until(agent, url, |page| page.contains(marker));
}

/// Asks for `url` until the page it serves is `done`.
fn wait_until(agent: &ureq::Agent, url: &str, done: impl Fn(&str) -> bool) {
    poll(url, || {
        let body = agent
            .get(url)
            .call()
            .ok()
            .and_then(|mut r| r.body_mut().read_to_string().ok());
        body.is_some_and(|b| done(&b))
    });
}

/// Asks `done` about `url` every 2 ms until it says yes.
fn poll(url: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    loop {
        if done() {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "{url} never showed the edit"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// The median and the worst, each edit's time in the order made (so that an outlier can be
/// told apart from a slow start), and the saves' own times.
fn report(what: &str, times: &Times) {
    report_served(what, times.served.clone());
    println!(
        "{what}, the save itself, in order (ms): {}",
        in_order(&times.saves)
    );
}

fn in_order(times: &[Duration]) -> String {
    let times: Vec<String> = times.iter().map(|t| t.as_millis().to_string()).collect();
    times.join(" ")
}

fn report_served(what: &str, mut times: Vec<Duration>) {
    println!("{what}, in order (ms): {}", in_order(&times));
    times.sort();
    println!(
        "{what}: {} edits, median {} ms, worst {} ms",
        times.len(),
        times[times.len() / 2].as_millis(),
        times.last().map_or(0, |d| d.as_millis())
    );
}
