//! The invariant of `loa serve`: after any sequence of edits, what it serves equals, byte for
//! byte, a clean build of the same files with the same base URL, drafts flag and "now".
//!
//! Random edit sequences run against a live preview (watcher included), with a few pages in
//! view (as a browser asks for them: template edits make those first); after every step the
//! served site must settle on exactly what a fresh `render_site` produces (or both fail with
//! the same problems). `PROPTEST_CASES=200 cargo test invariant` runs more cases by hand.

use std::time::{Duration, Instant};

use loa::serve::Server;
use proptest::prelude::*;

use crate::support::{Site, NOW};

#[derive(Debug, Clone)]
enum Edit {
    Add(u8),
    Body(u8, u8),
    Text(u8, u8),
    Lead(u8, u8),
    Title(u8, u8),
    Topics(u8, u8),
    Date(u8, u8),
    Draft(u8, bool),
    Delete(u8),
    Rename(u8, u8),
    Template(u8),
    Config(u8),
    Table(u8),
    Attachment(u8),
    Photo(u8),
    Alias(u8, u8),
    Slug(u8, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<u8>().prop_map(Edit::Add),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Edit::Body(a, b)),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Edit::Text(a, b)),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Edit::Lead(a, b)),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Edit::Title(a, b)),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Edit::Topics(a, b)),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Edit::Date(a, b)),
        (any::<u8>(), any::<bool>()).prop_map(|(a, b)| Edit::Draft(a, b)),
        any::<u8>().prop_map(Edit::Delete),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Edit::Rename(a, b)),
        any::<u8>().prop_map(Edit::Template),
        any::<u8>().prop_map(Edit::Config),
        any::<u8>().prop_map(Edit::Table),
        any::<u8>().prop_map(Edit::Attachment),
        any::<u8>().prop_map(Edit::Photo),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Edit::Alias(a, b)),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Edit::Slug(a, b)),
    ]
}

/// What the test's page template shows of other articles, besides its neighbours: the
/// related articles (which other pages' topics, tags and dates decide) with their card parts,
/// and the expiry note.
const PAGE_LISTS: &str = "{% for r in page.related %}<a href=\"{{ r.url }}\">{{ r.title }}</a><p>{{ r.summary_text }}</p>{{ r.parts.card }}{% endfor %}{% if page.expired %}<p>hết hạn</p>{% endif %}{% for file in page.attachments %}<p>{{ file.size }}</p>{% endfor %}{% for photo in page.gallery %}<img src=\"{{ photo.thumb }}\" srcset=\"{{ photo.srcset }}\" alt=\"{{ photo.alt }}\">{% endfor %}";

const TOPICS: [&str; 3] = ["nghi-dinh-118", "de-an-06", "par-index"];
const TAGS: [[&str; 2]; 2] = [["Một cửa", "một cửa"], ["Chuyển đổi số", "chuyển đổi số"]];

/// An article's text from its parts; every edit rewrites a whole file, as editors do.
fn article(title: &str, day: u8, topics: u8, draft: bool, body: u8) -> String {
    let topics: Vec<&str> = TOPICS
        .iter()
        .enumerate()
        .filter(|(i, _)| topics & (1 << i) != 0)
        .map(|(_, t)| *t)
        .collect();
    // Some bodies link to another article, with or without an anchor, so renames, deletes,
    // drafts and heading edits elsewhere change this page (or break it).
    let link = match body % 3 {
        0 => "Xem [bài 1](bai-1.md).".to_string(),
        1 => "Xem [mục 1](bai-1.md#muc-1).".to_string(),
        _ => String::new(),
    };
    // Some cite a document, so edits of data/van-ban.yaml change them (or their warnings).
    let cite = match body % 4 {
        0 => "Theo Nghị định số 118/2025/NĐ-CP.",
        1 => "Theo Nghị quyết 66/NQ-CP.",
        _ => "",
    };
    // Some link to a document, whose size the link shows: editing it changes them.
    let cite = match body % 5 {
        2 => format!("{cite} Tải [kế hoạch](ke-hoach.pdf)."),
        _ => cite.to_string(),
    };
    // Tags follow the topics, so a topics edit changes the tag lists and their counts, which
    // every page of those tags shows; titles follow the body, which the neighbours show.
    // A tag keeps the spelling of its oldest article, which the body picks here.
    let tags: Vec<&str> = TAGS
        .iter()
        .enumerate()
        .filter(|(i, _)| topics.len() > *i)
        .map(|(_, spellings)| spellings[usize::from(body) % 2])
        .collect();
    // Some expire at the end of the day they are dated: those dated before "now" have
    // expired (they leave the lists, keep a note, or go with `expired: remove`).
    let (month, day) = (9 + day % 4, 1 + day % 28);
    let expires = if body % 5 < 2 {
        format!("expires: 2025-{month:02}-{day:02} 23:00\n")
    } else {
        String::new()
    };
    format!(
        "---\ntitle: \"{title} ({})\"\ndate: 2025-{month:02}-{day:02}\ntopics: [{}]\ntags: [{}]\ndraft: {draft}\nfeatured: {}\n{expires}---\nĐoạn {body} của bài. {link} {cite}\n\n## Mục {body}\n",
        body % 3,
        topics.join(", "),
        tags.join(", "),
        // The home page leads with the newest featured article.
        body.is_multiple_of(5),
    )
}

fn articles(site: &Site) -> Vec<String> {
    let dir = site.root().join("content/tin-tuc");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".md"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn apply(site: &Site, edit: &Edit) {
    let names = articles(site);
    let pick = |n: u8| names.get(n as usize % names.len().max(1)).cloned();
    let path = |name: &str| format!("content/tin-tuc/{name}");
    match *edit {
        Edit::Add(n) => {
            site.write(
                &path(&format!("bai-{n}.md")),
                &article(&format!("Bài {n}"), n, n, false, n),
            );
        }
        Edit::Body(n, body) | Edit::Topics(n, body) | Edit::Date(n, body) => {
            if let Some(name) = pick(n) {
                let (topics, day) = match edit {
                    Edit::Topics(..) => (body, n),
                    Edit::Date(..) => (n, body),
                    _ => (n, n),
                };
                site.write(&path(&name), &article(&name, day, topics, false, body));
            }
        }
        Edit::Text(n, body) => {
            // The text alone changes, the front matter stays: what the site's lists, related
            // articles, feeds and sitemap keep from the last build must still be right. The
            // text may cite a document (its page lists the article) or add a heading.
            if let Some(name) = pick(n) {
                let Ok(text) = std::fs::read_to_string(site.root().join(path(&name))) else {
                    return;
                };
                let extra = match body % 4 {
                    0 => "Theo Nghị quyết 66/NQ-CP.",
                    1 => "## Mục thêm",
                    2 => "Thêm một câu.",
                    // A heading renamed: links of other pages to it break (an error), or
                    // lead to the heading another edit added.
                    _ => {
                        let renamed = text.replacen("## Mục ", "## Mục đổi ", 1);
                        site.write(&path(&name), &renamed);
                        return;
                    }
                };
                site.write(&path(&name), &format!("{text}\n{extra} {body}\n"));
            }
        }
        Edit::Lead(n, word) => {
            // The first paragraph, the summary that lists, related articles and neighbours'
            // pages show: those must follow, and nothing else may change.
            if let Some(name) = pick(n) {
                let Ok(text) = std::fs::read_to_string(site.root().join(path(&name))) else {
                    return;
                };
                let text = text.replacen("\n---\n", &format!("\n---\nMở đầu {word}. "), 1);
                site.write(&path(&name), &text);
            }
        }
        Edit::Title(n, word) => {
            // The title alone, which lists, neighbours, related articles, feeds, search and a
            // menu naming the article show: `serve` remakes what shows the card, or the whole
            // site when a menu names it.
            if let Some(name) = pick(n) {
                let Ok(text) = std::fs::read_to_string(site.root().join(path(&name))) else {
                    return;
                };
                let Some(line) = text.lines().find(|l| l.starts_with("title: ")) else {
                    return;
                };
                let text = text.replacen(line, &format!("title: \"Tên mới {word}\""), 1);
                site.write(&path(&name), &text);
            }
        }
        Edit::Alias(n, to) => {
            // An old address for an article: free, or another article's (two things on one
            // URL: the build fails until an edit rewrites the file). What the check of the
            // addresses kept from the last build must follow it.
            if let Some(name) = pick(n) {
                let Ok(text) = std::fs::read_to_string(site.root().join(path(&name))) else {
                    return;
                };
                let address = match (to % 2, pick(to)) {
                    (0, Some(other)) => other.trim_end_matches(".md").to_string(),
                    _ => format!("cu-{to}"),
                };
                let text =
                    text.replacen("---\n", &format!("---\naliases: [tin-tuc/{address}/]\n"), 1);
                site.write(&path(&name), &text);
            }
        }
        Edit::Slug(n, to) => {
            // A new address for an article, its file kept: a free one, its own again, or
            // another article's (two pages on one URL: an error until an edit rewrites the
            // file). The links to it, the lists, related articles and feeds must follow; the
            // related lists stay as ranked (unless the address changes the order of equals).
            if let Some(name) = pick(n) {
                let Ok(text) = std::fs::read_to_string(site.root().join(path(&name))) else {
                    return;
                };
                let own = name.trim_end_matches(".md").to_string();
                let slug = match (to % 3, pick(to)) {
                    (0, Some(other)) => other.trim_end_matches(".md").to_string(),
                    (1, _) => own,
                    _ => format!("dia-chi-{to}"),
                };
                let text: String = (text.lines())
                    .filter(|l| !l.starts_with("slug: "))
                    .map(|l| format!("{l}\n"))
                    .collect();
                let text = text.replacen("---\n", &format!("---\nslug: {slug}\n"), 1);
                site.write(&path(&name), &text);
            }
        }
        Edit::Draft(n, draft) => {
            if let Some(name) = pick(n) {
                site.write(&path(&name), &article(&name, n, n, draft, n));
            }
        }
        Edit::Delete(n) => {
            if let Some(name) = pick(n) {
                let _ = std::fs::remove_file(site.root().join(path(&name)));
            }
        }
        Edit::Rename(n, to) => {
            if let Some(name) = pick(n) {
                let _ = std::fs::rename(
                    site.root().join(path(&name)),
                    site.root().join(path(&format!("moi-{to}.md"))),
                );
            }
        }
        Edit::Template(n) if n % 4 == 3 => {
            // A card's part, rendered once per article for every list, related list and
            // home block showing it, with what text edits change (title, date, topics) and
            // the site's counts, which other edits change. Half of them show the counts of
            // the article's topics: `serve` then keeps their parts only while the counts are
            // the same (`render::cards`).
            let counts = if n % 8 == 7 {
                "{% for t in article.topics %} {{ t.count }}{% endfor %}"
            } else {
                ""
            };
            let part = format!("<article class=\"card\">{n} {{{{ article.title }}}} {{{{ article.date }}}}{{% for t in article.topics %}} {{{{ t.name }}}}{{% endfor %}} {{{{ site.topics | length }}}}{counts}</article>\n");
            site.write("themes/rieng/templates/card/card.html", &part);
        }
        Edit::Template(n) if n % 4 == 2 => {
            // A part every page shows, rendered once for all (`once/`), with the topics'
            // counts, which other edits change.
            let part = format!("<footer>{n}{{% for t in site.topics %}} {{{{ t.name }}}} {{{{ t.count }}}}{{% endfor %}}</footer>");
            site.write("themes/rieng/templates/once/footer.html", &part);
        }
        Edit::Template(n) => {
            // Half of them show counts too, which other edits change: such a page is made
            // again when they do, the others not (`Templates::reads_counts`).
            let counts = match n % 4 {
                1 => "{% for t in site.topics %} {{ t.count }}{% endfor %}{% for t in page.tags %} {{ t.count }}{% endfor %}",
                _ => "",
            };
            let template = format!("{{% extends \"base.html\" %}}{{% block content %}}<h1>{{{{ page.title }}}}</h1><p>mẫu {n}</p>{{{{ page.content | safe }}}}{PAGE_LISTS}{counts}{{% endblock content %}}");
            site.write("themes/rieng/templates/page.html", &template);
        }
        Edit::Table(n) => {
            let entry = |number: &str, title: &str| {
                format!("- number: \"{number}\"\n  title: \"{title}\"\n  date: 2025-06-09\n  url: \"https://vanban.chinhphu.vn/\"\n")
            };
            let text = match n % 5 {
                0 => {
                    let _ = std::fs::remove_file(site.root().join("data/van-ban.yaml"));
                    return;
                }
                1 => entry("118/2025/NĐ-CP", &format!("Nghị định {n}")),
                2 => {
                    entry("118/2025/NĐ-CP", "Nghị định")
                        + &entry("66/NQ-CP", &format!("Nghị quyết {n}"))
                }
                3 => entry("66/NQ-CP", "Nghị quyết"),
                // A mistake in the table: the build fails until the next edit.
                _ => "- number: [\n".to_string(),
            };
            site.write("data/van-ban.yaml", &text);
        }
        Edit::Config(n) => {
            // Menus name an article (they show its title, and edits rename, draft or delete
            // it), a topic has a block on the home page, the footer has contact details.
            let expired = if n % 2 == 1 { "expired: remove\n" } else { "" };
            let portal = match n % 3 {
                0 => "menus:\n  main:\n    - page: tin-tuc/bai-1.md\n    - page: /chu-de/de-an-06/\n  footer:\n    - page: /ke-hoach/tien-do/\ncontact:\n  phone: \"0296 3852 000\"\n",
                1 => "menus:\n  main:\n    - page: /tin-tuc/\n      title: \"Tin\"\n",
                _ => "",
            };
            let home = "    description: \"Dữ liệu dân cư\"\n";
            let config = crate::support::config_edited(&[(
                home,
                &format!("{home}    home: {}\n", n.is_multiple_of(2)),
            )]);
            site.write(
                "config.yaml",
                &format!(
                    "{config}theme: rieng\npaginate: {}\n{expired}{portal}",
                    1 + n % 4
                ),
            );
        }
        Edit::Photo(n) => {
            // A bundle whose gallery is its `anh/` folder: photos come, go and are renamed
            // (a file name is its caption).
            let bundle = "content/tin-tuc/album";
            if !site.root().join(bundle).join("index.md").exists() {
                site.write(
                    &format!("{bundle}/index.md"),
                    "---\ntitle: \"Ảnh hội nghị\"\ndate: 2025-10-05\ntopics: [par-index]\n---\nẢnh dưới đây.\n",
                );
            }
            let name = format!("{bundle}/anh/0{} Ảnh số {}.jpg", n % 3, n % 3);
            match n % 4 {
                0 => {
                    let _ = std::fs::remove_file(site.root().join(&name));
                }
                1 => {
                    let _ = std::fs::rename(
                        site.root().join(&name),
                        site.root()
                            .join(format!("{bundle}/anh/0{} Ảnh khác.jpg", n % 3)),
                    );
                }
                _ => {
                    site.write_bytes(&name, &crate::support::photo(520 + u32::from(n), 400));
                }
            }
        }
        Edit::Attachment(n) => {
            let file = site.root().join("content/tin-tuc/ke-hoach.pdf");
            match n % 3 {
                0 => {
                    let _ = std::fs::remove_file(file);
                }
                _ => {
                    site.write_bytes(
                        "content/tin-tuc/ke-hoach.pdf",
                        &vec![b'%'; 900 + usize::from(n) * 700],
                    );
                }
            }
        }
    }
}

/// What a clean build of the files as they are now gives: the outputs, or the problems.
fn clean_build(site: &Site, base_url: &str) -> Result<loa::render::Outputs, Vec<String>> {
    let options = loa::Options {
        base_url: Some(base_url.to_string()),
        ..site.options()
    };
    let errors = |problems: Vec<loa::diag::Diagnostic>| -> Vec<String> {
        problems.iter().map(|p| p.to_string()).collect()
    };
    let mut outputs = crate::support::in_memory(&options)
        .map(|r| r.outputs)
        .map_err(errors)?;
    // With the keys a new `serve` gives its files: it keeps its pages with marks where the
    // `once/` parts go, and their keys leave out what only those parts show.
    let fresh = loa::build(
        &options,
        &mut loa::cache::Cache::default(),
        loa::Destination::Preview,
    )
    .map_err(errors)?;
    for (path, output) in &mut outputs {
        if let Some(served) = fresh.outputs.get(path) {
            output.key = served.key;
        }
    }
    Ok(outputs)
}

/// Waits until the preview shows exactly what a clean build gives.
fn settles_on_a_clean_build(server: &Server, site: &Site) -> Result<(), String> {
    let base = format!("http://{}/cchc/", server.addr());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let expected = clean_build(site, &base);
        let snapshot = server.snapshot();
        // The search index is made when first asked for: ask for it, as a reader would.
        let served: Result<loa::render::Outputs, Vec<String>> = if snapshot.errors.is_empty() {
            Ok(snapshot.all_outputs())
        } else {
            Err(snapshot.errors.iter().map(|p| p.to_string()).collect())
        };
        let same = match (&expected, &served) {
            (Ok(a), Ok(b)) => a == b,
            (Err(a), Err(b)) => a == b,
            _ => false,
        };
        if same {
            return Ok(());
        }
        if Instant::now() > deadline {
            if let (Ok(a), Ok(b)) = (&expected, &served) {
                // Name the files that differ, and how: their bytes, or what they say they
                // were made from (their key) or are (their kind).
                let differ: Vec<String> = (a.keys().chain(b.keys()))
                    .filter(|k| a.get(*k) != b.get(*k))
                    .map(|k| {
                        let (x, y) = (a.get(k), b.get(k));
                        let bytes = x.and_then(|o| o.bytes()) != y.and_then(|o| o.bytes());
                        let key = x.map(|o| o.key) != y.map(|o| o.key);
                        format!("{k} (bytes differ: {bytes}, key differs: {key})")
                    })
                    .collect();
                return Err(format!(
                    "served files differ from a clean build's: {differ:?}"
                ));
            }
            let files = |o: &loa::render::Outputs| o.keys().cloned().collect::<Vec<_>>();
            return Err(format!(
                "served {:?} but a clean build gives {:?}",
                served.as_ref().map(files),
                expected.as_ref().map(files)
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Asks for the home page and two articles, as an officer looking at them would: after a
/// template edit, `serve` makes the pages it served last first, then the whole site.
fn view_some_pages(server: &Server) {
    let snapshot = server.snapshot();
    let articles = (snapshot.outputs.keys())
        .filter_map(|file| file.strip_prefix("tin-tuc/")?.strip_suffix("/index.html"))
        .take(2)
        .map(|slug| format!("tin-tuc/{slug}/"));
    for page in std::iter::once(String::new()).chain(articles) {
        let _ = ureq::get(&format!("http://{}/cchc/{page}", server.addr())).call();
    }
}

/// Three articles, a theme whose page shows the lists other pages decide, a document.
fn starting_site() -> Site {
    let site = Site::new();
    site.config_plus("theme: rieng\n");
    site.write(
        "themes/rieng/templates/page.html",
        &format!("{{% extends \"base.html\" %}}{{% block content %}}<h1>{{{{ page.title }}}}</h1>{PAGE_LISTS}{{% endblock content %}}"),
    );
    site.write_bytes("content/tin-tuc/ke-hoach.pdf", b"%PDF-1.4");
    for n in 0..3u8 {
        site.write(
            &format!("content/tin-tuc/bai-{n}.md"),
            &article(&format!("Bài {n}"), n, n, false, n),
        );
    }
    site
}

/// The desk's preview of a draft of the first article, made with the memos of a build of the
/// site as it is now (as `serve` holds them), is the page a clean build of the same files
/// gives with the draft written in place.
fn preview_is_a_clean_build_of_the_draft(
    site: &Site,
    cache: &mut loa::cache::Cache,
    body: u8,
) -> Result<(), String> {
    let Some(name) = articles(site).first().cloned() else {
        return Ok(());
    };
    let options = site.options();
    let rel = format!("tin-tuc/{name}");
    let text = article("Bài đang soạn", body, body, false, body);
    // Every file is looked at again; the memos stay.
    cache.track_changes();
    let _ = loa::build(&options, cache, loa::Destination::Memory);
    let draft = loa::pipeline::Draft {
        rel: rel.clone(),
        text: text.clone(),
    };
    let preview = loa::pipeline::preview(&options, cache, &draft)
        .map_err(|problems| format!("the preview fails: {problems:?}"))?;
    let file = site.root().join("content").join(&rel);
    let saved = std::fs::read(&file).map_err(|e| e.to_string())?;
    site.write(&format!("content/{rel}"), &text);
    let clean = crate::support::in_memory(&options);
    std::fs::write(&file, saved).map_err(|e| e.to_string())?;
    let Ok(built) = clean else {
        // The site does not build (an edit broke it): there is no page to compare with.
        return Ok(());
    };
    // The draft's page is where the preview says; with no page (a date still to come), no
    // page of the clean build may be the draft's. Another article may hold the address its
    // file name gives (its `slug:`), or an old address of one (`aliases`, a redirect).
    let Some(at) = &preview.path else {
        let own = "property=\"og:title\" content=\"Bài đang soạn";
        let shown = (built.outputs.iter())
            .filter(|(_, o)| o.kind.is_page())
            .find(|(_, o)| {
                o.bytes()
                    .is_some_and(|b| String::from_utf8_lossy(b).contains(own))
            });
        return match (&preview.html, shown) {
            (None, None) => Ok(()),
            (_, shown) => Err(format!(
                "the preview of {rel} has no address, and a clean build writes its page to {:?}",
                shown.map(|(out, _)| out)
            )),
        };
    };
    let out = format!("{at}index.html");
    let expected = (built.outputs.get(&out))
        .filter(|o| o.kind != loa::output::Kind::Redirect)
        .and_then(|o| o.bytes())
        .map(|b| b.to_vec());
    if preview.html == expected {
        Ok(())
    } else {
        Err(format!(
            "the preview of {rel} is not what a clean build writes to {out} (page there: {})",
            expected.is_some()
        ))
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(8)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), max_shrink_iters: 20, ..ProptestConfig::default() })]

    #[test]
    fn what_serve_serves_always_equals_a_clean_build(edits in prop::collection::vec(edit(), 1..10)) {
        let site = starting_site();
        let options = crate::support::preview_options(site.root(), NOW);
        let server = Server::start(options, |_| {}).expect("serve starts");
        prop_assert!(settles_on_a_clean_build(&server, &site).is_ok());
        for (step, edit) in edits.iter().enumerate() {
            view_some_pages(&server);
            apply(&site, edit);
            let result = settles_on_a_clean_build(&server, &site);
            prop_assert!(result.is_ok(), "after step {step} ({edit:?}): {}", result.unwrap_err());
        }
    }

    #[test]
    fn a_drafts_preview_is_the_page_a_clean_build_of_it_gives(
        edits in prop::collection::vec(edit(), 1..8),
        bodies in prop::collection::vec(any::<u8>(), 8),
    ) {
        let site = starting_site();
        let mut cache = loa::cache::Cache::default();
        prop_assert!(preview_is_a_clean_build_of_the_draft(&site, &mut cache, bodies[0]).is_ok());
        for (step, edit) in edits.iter().enumerate() {
            apply(&site, edit);
            let result = preview_is_a_clean_build_of_the_draft(&site, &mut cache, bodies[step]);
            prop_assert!(result.is_ok(), "after step {step} ({edit:?}): {}", result.unwrap_err());
        }
    }
}
