//! The search page and its index (`/tim-kiem/`), read back from the built files the way the
//! page script reads them: the manifest, a shard per word, the chunk of each result.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::support::{files_under, Site};

/// An article whose title carries the decree, one that only mentions it in its text, one about
/// something else, and a draft and a future article that both would match.
fn decree_site() -> Site {
    let site = Site::new();
    site.article(
        "tin-tuc/van-ban.md",
        "Nghị định số 118/2025/NĐ-CP về thủ tục hành chính",
        "2025-07-01",
        "topics: [nghi-dinh-118]\n",
        "Chính phủ ban hành quy định về cơ chế một cửa &amp; một cửa liên thông.\n",
    );
    site.article(
        "tin-tuc/tap-huan.md",
        "Tập huấn cho công chức bộ phận một cửa",
        "2025-09-10",
        "",
        "Buổi tập huấn giới thiệu những điểm mới của **Nghị định** số 118 năm 2025.\n",
    );
    site.article(
        "tin-tuc/khac.md",
        "Khảo sát sự hài lòng năm 2025",
        "2025-10-01",
        "",
        "Người dân chấm điểm dịch vụ công.\n",
    );
    site.article(
        "tin-tuc/nhap.md",
        "Bản nháp Nghị định 118 chưa đăng",
        "2025-08-01",
        "draft: true\n",
        "Nội dung bimatnhap.\n",
    );
    site.article(
        "tin-tuc/hen-gio.md",
        "Nghị định 118 hẹn giờ đăng",
        "2026-01-01",
        "",
        "Nội dung bimathengio.\n",
    );
    site
}

/// The index of a built site, read from its files.
struct Index {
    manifest: Value,
    shards: Vec<BTreeMap<String, String>>,
    chunks: Vec<Vec<Value>>,
}

impl Index {
    fn read(site: &Site) -> Index {
        let manifest: Value = serde_json::from_str(&site.read("tim-kiem/chi-muc.json")).unwrap();
        let shards = (0..manifest["shards"].as_array().unwrap().len())
            .map(|n| serde_json::from_str(&site.read(&format!("tim-kiem/tu/{n}.json"))).unwrap())
            .collect();
        let documents = manifest["documents"].as_u64().unwrap() as usize;
        let per_chunk = manifest["chunk"].as_u64().unwrap() as usize;
        let chunks = (0..documents.div_ceil(per_chunk))
            .map(|n| serde_json::from_str(&site.read(&format!("tim-kiem/bai/{n}.json"))).unwrap())
            .collect();
        Index {
            manifest,
            shards,
            chunks,
        }
    }

    /// Document → weight for one folded word, through the shard the manifest points to.
    fn postings(&self, word: &str) -> BTreeMap<u32, u32> {
        let firsts: Vec<&str> = self.manifest["shards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        let shard = firsts.iter().rposition(|f| *f <= word).unwrap();
        let packed = self.shards[shard].get(word).cloned().unwrap_or_default();
        unpack(&packed)
    }

    /// The titles of the documents having every word of `query`, ranked as the page ranks
    /// them: the phrase (every pair of neighbouring words), then words in the title, then in
    /// the labels, then how often, then the newest.
    fn search(&self, query: &str) -> Vec<String> {
        let sequence = loa::search::words(query);
        let lists: Vec<_> = sequence.iter().map(|w| self.postings(w)).collect();
        let pairs: Vec<_> = (sequence.windows(2))
            .map(|p| self.postings(&format!("{} {}", p[0], p[1])))
            .collect();
        let mut hits: Vec<(bool, u32, u32, u32, u32)> = lists[0]
            .keys()
            .filter(|d| lists.iter().all(|l| l.contains_key(d)))
            .map(|&d| {
                let phrase = !pairs.is_empty() && pairs.iter().all(|p| p.contains_key(&d));
                let weights = lists.iter().map(|l| l[&d]);
                let title = weights.clone().filter(|w| w & 16 != 0).count() as u32;
                let label = weights.clone().filter(|w| w & 32 != 0).count() as u32;
                let count: u32 = weights.map(|w| w & 15).sum();
                (
                    !phrase,
                    u32::MAX - title,
                    u32::MAX - label,
                    u32::MAX - count,
                    d,
                )
            })
            .collect();
        hits.sort();
        hits.iter()
            .map(|h| self.row(h.4)[1].as_str().unwrap().to_string())
            .collect()
    }

    fn row(&self, doc: u32) -> &Value {
        let per = self.manifest["chunk"].as_u64().unwrap() as usize;
        &self.chunks[doc as usize / per][doc as usize % per]
    }

    fn rows(&self) -> impl Iterator<Item = &Value> {
        self.chunks.iter().flatten()
    }
}

/// Reads packed postings (docs/search.md): per document a varint of 5 bits per character,
/// low bits first, the 6th bit meaning "more follows", holding `gap × 64 + weight`.
fn unpack(packed: &str) -> BTreeMap<u32, u32> {
    const DIGITS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = BTreeMap::new();
    let (mut doc, mut n, mut shift) = (0, 0, 0);
    for c in packed.chars() {
        let v = DIGITS.find(c).expect("a posting character") as u32;
        n |= (v & 31) << shift;
        if v & 32 != 0 {
            shift += 5;
            continue;
        }
        doc += n / 64;
        out.insert(doc, n % 64);
        (n, shift) = (0, 0);
    }
    out
}

#[test]
fn unaccented_accented_and_decomposed_queries_find_the_decree_title_first() {
    let site = decree_site();
    site.build();
    let index = Index::read(&site);
    let expected = [
        "Nghị định số 118/2025/NĐ-CP về thủ tục hành chính",
        "Tập huấn cho công chức bộ phận một cửa",
    ];
    let composed = "Nghị định 118";
    let decomposed: String = unicode_normalization::UnicodeNormalization::nfd(composed).collect();
    for query in [
        "nghi dinh 118",
        composed,
        decomposed.as_str(),
        "NGHỊ ĐỊNH 118",
    ] {
        assert_eq!(index.search(query), expected, "query {query:?}");
    }
    assert_eq!(
        index.search("118/2025/NĐ-CP"),
        expected[..1],
        "the number as written"
    );
    assert!(index.search("nghi dinh 119").is_empty());
}

#[test]
fn a_result_row_has_the_link_date_topics_and_text_of_its_article() {
    let site = decree_site();
    site.build();
    let index = Index::read(&site);
    let row = index
        .rows()
        .find(|r| r[1].as_str().unwrap().starts_with("Nghị định số 118"))
        .expect("the decree article is indexed");
    assert_eq!(row[0], "/cchc/tin-tuc/van-ban/");
    assert_eq!(row[2], "2025-07-01");
    let topics: Vec<&str> = row[3]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            index.manifest["topics"][t.as_u64().unwrap() as usize][0]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(topics, ["Nghị định số 118/2025/NĐ-CP"]);
    assert_eq!(
        row[4],
        "Chính phủ ban hành quy định về cơ chế một cửa & một cửa liên thông."
    );
    assert_eq!(
        index.manifest["topics"][0][1], "/cchc/chu-de/nghi-dinh-118/",
        "topic links carry the base path"
    );
}

#[test]
fn a_topic_name_finds_its_articles_after_title_matches() {
    let site = decree_site();
    // "Đề án 06" is written nowhere but in the name of this article's topic.
    site.article(
        "tin-tuc/khac.md",
        "Khảo sát sự hài lòng năm 2025",
        "2025-10-01",
        "topics: [de-an-06]\n",
        "Người dân chấm điểm dịch vụ công.\n",
    );
    site.build();
    let index = Index::read(&site);
    assert_eq!(index.search("de an 06"), ["Khảo sát sự hài lòng năm 2025"]);
    // The decree topic's name holds "số", which the body-only article lacks: title first,
    // then the article labelled with the topic.
    assert_eq!(
        index.search("nghi dinh so 118")[0],
        "Nghị định số 118/2025/NĐ-CP về thủ tục hành chính"
    );
}

#[test]
fn drafts_and_future_articles_are_not_in_the_index() {
    let site = decree_site();
    site.build();
    let index = Index::read(&site);
    let titles: Vec<&str> = index.rows().map(|r| r[1].as_str().unwrap()).collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert!(titles
        .iter()
        .all(|t| !t.contains("nháp") && !t.contains("hẹn giờ")));
    assert!(index.search("bimatnhap").is_empty());
    assert!(index.search("bimathengio").is_empty());
    for n in 0..index.shards.len() {
        let shard = site.read(&format!("tim-kiem/tu/{n}.json"));
        assert!(!shard.contains("bimat"), "no word of a withheld article");
    }
}

#[test]
fn with_drafts_the_preview_finds_them_too() {
    let mut site = decree_site();
    site.drafts = true;
    site.build();
    assert_eq!(
        Index::read(&site).search("bimatnhap"),
        ["Bản nháp Nghị định 118 chưa đăng"]
    );
}

#[test]
fn the_page_the_index_and_every_search_box_follow_the_base_path() {
    for (base, path) in [
        ("https://stp.angiang.gov.vn/cchc/", "/cchc/"),
        ("https://cchc.angiang.gov.vn", "/"),
    ] {
        let mut site = decree_site();
        site.base_url = Some(base.into());
        site.build();
        let page = site.html("tim-kiem/index.html");
        assert_eq!(
            page.attr("form#tim_kiem", "data-index"),
            format!("{path}tim-kiem/chi-muc.json")
        );
        assert_eq!(
            page.attr("script[src$='tim-kiem.js']", "src"),
            format!("{path}tim-kiem.js")
        );
        assert!(site.exists("tim-kiem.js"));
        for out in [
            "index.html",
            "tin-tuc/van-ban/index.html",
            "tim-kiem/index.html",
        ] {
            let html = site.html(out);
            let actions = html.attrs("form[role=search]", "action");
            assert!(
                actions.contains(&format!("{path}tim-kiem/")),
                "{out}: {actions:?}"
            );
            assert_eq!(html.attrs("form.header-search input", "name"), ["q"]);
        }
        let index = Index::read(&site);
        assert!(index.rows().all(|r| r[0]
            .as_str()
            .unwrap()
            .starts_with(&format!("{path}tin-tuc/"))));
    }
}

#[test]
fn without_javascript_the_search_page_says_where_else_to_look() {
    let site = decree_site();
    site.build();
    let page = site.html("tim-kiem/index.html");
    assert_eq!(page.text("h1"), "Tìm kiếm");
    let noscript = page.text("noscript");
    assert!(noscript.contains("cần bật JavaScript"), "{noscript}");
    assert!(noscript.contains("/cchc/chu-de/"), "{noscript}");
    assert_eq!(page.attr("meta[name=robots]", "content"), "noindex, follow");
    assert_eq!(
        page.attr("form#tim_kiem", "action"),
        "/cchc/tim-kiem/",
        "the form works as a plain GET"
    );
}

#[test]
fn two_builds_write_the_same_index_bytes() {
    let site = decree_site();
    site.build();
    let first = index_bytes(&site);
    std::fs::remove_dir_all(site.output()).unwrap();
    site.build();
    assert_eq!(first, index_bytes(&site));
    assert!(first.len() >= 3, "manifest, a shard and a chunk");
}

fn index_bytes(site: &Site) -> BTreeMap<String, Vec<u8>> {
    files_under(&site.output())
        .into_iter()
        .filter(|(path, _)| path.starts_with("tim-kiem/"))
        .collect()
}

#[test]
fn no_language_setting_stops_the_search_index() {
    for language in ["vi", "en", "zh-Hant", "xx"] {
        let site = decree_site();
        site.config_with(&[("base_url:", &format!("language: \"{language}\"\nbase_url:"))]);
        site.build();
        assert_eq!(
            Index::read(&site).search("nghi dinh 118").len(),
            2,
            "language {language}"
        );
    }
}

/// Forty words found only in article `n`.
fn own_words(n: usize) -> String {
    (0..40)
        .map(|k| format!("tu{n}x{k}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_large_site_is_split_into_small_shards_and_chunks() {
    let site = Site::new();
    for n in 0..120 {
        site.article(
            &format!("tin-tuc/bai-{n:03}.md"),
            &format!("Bài số {n} về cải cách hành chính"),
            "2025-06-01",
            "",
            &format!("{} và những từ chung một cửa liên thông.\n", own_words(n)),
        );
    }
    site.build();
    let index = Index::read(&site);
    assert!(index.shards.len() > 1, "the words are split into shards");
    assert_eq!(index.chunks.len(), 120usize.div_ceil(20));
    assert_eq!(
        index.search("tu57x39"),
        ["Bài số 57 về cải cách hành chính"]
    );
    for n in 0..index.shards.len() {
        let bytes = site.read(&format!("tim-kiem/tu/{n}.json")).len();
        assert!(
            bytes <= loa::search::SHARD_TARGET_BYTES,
            "shard {n}: {bytes} bytes"
        );
    }
    assert_eq!(index.search("mot cua lien thong").len(), 120);
}

#[test]
fn a_reader_types_a_query_in_the_browser_and_sees_ranked_marked_results() {
    let Some(node) = crate::support::browser_tools() else {
        return;
    };
    let site = decree_site();
    site.article(
        "tin-tuc/la.md",
        "<img src=x onerror=window.pwned=1> hostile <b>x</b>",
        "2025-06-01",
        "",
        "Tiêu đề trông như HTML.\n",
    );
    let options = crate::support::preview_options(site.root(), crate::support::NOW);
    let server = loa::serve::Server::start(options, |_| {}).expect("serve starts");
    let expected = serde_json::json!({
        "first": "Nghị định số 118/2025/NĐ-CP về thủ tục hành chính",
        "second": "Tập huấn cho công chức bộ phận một cửa",
        "date": "01/07/2025",
        "topic": "Nghị định số 118/2025/NĐ-CP",
        "hostile": "<img src=x onerror=window.pwned=1> hostile <b>x</b>",
        "base": "/cchc/",
    });
    let url = server.url();
    crate::support::run_browser_script(&node, "search.mjs", &[&url, &expected.to_string()]);
}

/// One query word matches more pages than the others: a resolution with `Nghị` in its title
/// and `định` and `118` scattered in its text, against an article that says
/// "Nghị định 118" but not in its title.
fn phrase_site() -> Site {
    let site = Site::new();
    site.article(
        "tin-tuc/nghi-quyet.md",
        "Nghị quyết về cắt giảm thủ tục",
        "2025-10-01",
        "",
        "Chính phủ quy định cắt giảm thủ tục. Năm nay có 118 thủ tục được rà soát.\n",
    );
    site.article(
        "tin-tuc/tap-huan.md",
        "Tập huấn cho công chức bộ phận một cửa",
        "2025-09-01",
        "",
        "Theo Nghị định 118/2025/NĐ-CP, hồ sơ được tiếp nhận tại bộ phận một cửa.\n",
    );
    site.article(
        "tin-tuc/khac.md",
        "Nghị quyết về chuyển đổi số",
        "2025-11-01",
        "",
        "Chuyển đổi số trong cơ quan nhà nước.\n",
    );
    site
}

#[test]
fn pages_with_the_phrase_come_before_pages_with_its_words_scattered() {
    let site = phrase_site();
    site.build();
    let index = Index::read(&site);
    assert!(!index.postings("nghi dinh").is_empty(), "pairs are indexed");
    assert!(!index.postings("dinh 118").is_empty(), "pairs are indexed");
    assert_eq!(
        index.search("nghi dinh 118"),
        [
            "Tập huấn cho công chức bộ phận một cửa",
            "Nghị quyết về cắt giảm thủ tục"
        ]
    );
    // Without a phrase to look for, the words in the title still rank first.
    assert_eq!(index.search("nghi")[0], "Nghị quyết về chuyển đổi số");
    assert_eq!(
        index.search("mot cua tap huan")[0],
        "Tập huấn cho công chức bộ phận một cửa"
    );
}

#[test]
fn the_reader_sees_the_phrase_first_in_the_browser() {
    let Some(node) = crate::support::browser_tools() else {
        return;
    };
    let site = phrase_site();
    let options = crate::support::preview_options(site.root(), crate::support::NOW);
    let server = loa::serve::Server::start(options, |_| {}).expect("serve starts");
    let expected = serde_json::json!({
        "nghi dinh 118": [
            "Tập huấn cho công chức bộ phận một cửa",
            "Nghị quyết về cắt giảm thủ tục"
        ],
        "Nghị định 118/2025/NĐ-CP": ["Tập huấn cho công chức bộ phận một cửa"],
        "nghi quyet": ["Nghị quyết về chuyển đổi số", "Nghị quyết về cắt giảm thủ tục"],
    });
    crate::support::run_browser_script(
        &node,
        "search-ranking.mjs",
        &[&server.url(), &expected.to_string()],
    );
}
