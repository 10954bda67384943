//! Related articles under each article: shared topics first, then shared tags, then the
//! newest; at most five; only articles a reader can find in the lists.

use crate::support::Site;

/// The titles of the related articles shown on the article at `out`, in order.
fn related(site: &Site, out: &str) -> Vec<String> {
    site.html(out).texts("section.related li a")
}

#[test]
fn related_articles_share_topics_first_then_tags_then_are_the_newest() {
    let site = Site::new();
    let both = "topics: [nghi-dinh-118, de-an-06]\n";
    site.article(
        "tin-tuc/chu.md",
        "Chủ",
        "2025-06-01",
        &format!("{both}tags: [Một cửa]\n"),
        "x\n",
    )
    // Both topics, but old: first all the same.
    .article(
        "tin-tuc/ca-hai.md",
        "Cả hai chủ đề",
        "2025-01-05",
        both,
        "x\n",
    )
    // One topic and the tag: before those with one topic only.
    .article(
        "tin-tuc/chu-de-va-the.md",
        "Chủ đề và từ khóa",
        "2025-02-01",
        "topics: [nghi-dinh-118]\ntags: [một cửa]\n",
        "x\n",
    )
    // One topic each: the newer first.
    .article(
        "tin-tuc/mot-moi.md",
        "Một chủ đề, mới",
        "2025-10-01",
        "topics: [de-an-06]\n",
        "x\n",
    )
    .article(
        "tin-tuc/mot-cu.md",
        "Một chủ đề, cũ",
        "2025-09-01",
        "topics: [nghi-dinh-118]\n",
        "x\n",
    )
    // Only the tag: after every shared topic.
    .article(
        "tin-tuc/chi-the.md",
        "Chỉ từ khóa",
        "2025-11-01",
        "tags: [Một cửa]\n",
        "x\n",
    )
    // Only the tag too, but older: the sixth, so not shown.
    .article(
        "tin-tuc/thu-sau.md",
        "Thứ sáu",
        "2025-03-01",
        "tags: [Một cửa]\n",
        "x\n",
    )
    // Nothing shared: never related, however new.
    .article(
        "tin-tuc/khac.md",
        "Khác hẳn",
        "2025-11-20",
        "topics: [par-index]\n",
        "x\n",
    )
    // Shares everything but has expired, or is a draft, or a standalone page: not offered.
    .article(
        "tin-tuc/het-han.md",
        "Hết hạn",
        "2025-11-02",
        &format!("{both}tags: [Một cửa]\nexpires: 2025-11-10\n"),
        "x\n",
    )
    .article(
        "tin-tuc/nhap.md",
        "Nháp",
        "2025-11-03",
        &format!("{both}draft: true\n"),
        "x\n",
    )
    .page(
        "gioi-thieu.md",
        "Giới thiệu",
        &format!("{both}tags: [Một cửa]\n"),
        "x\n",
    );
    site.build();
    assert_eq!(
        related(&site, "tin-tuc/chu/index.html"),
        [
            "Cả hai chủ đề",
            "Chủ đề và từ khóa",
            "Một chủ đề, mới",
            "Một chủ đề, cũ",
            "Chỉ từ khóa"
        ]
    );
    let page = site.html("tin-tuc/chu/index.html");
    assert_eq!(
        page.attrs("section.related li a", "href")[0],
        "/cchc/tin-tuc/ca-hai/"
    );
    assert_eq!(page.texts("section.related li time")[0], "05/01/2025");
    assert_eq!(page.text("section.related h2"), "Bài viết liên quan");
    // It goes both ways, and an article is never its own relation.
    let of_other = related(&site, "tin-tuc/ca-hai/index.html");
    assert_eq!(of_other[0], "Chủ");
    assert!(!of_other.contains(&"Cả hai chủ đề".to_string()));
}

#[test]
fn an_article_sharing_nothing_shows_no_related_block_nor_does_a_standalone_page() {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "A",
        "2025-06-01",
        "topics: [par-index]\n",
        "x\n",
    )
    .article(
        "tin-tuc/b.md",
        "B",
        "2025-06-02",
        "topics: [de-an-06]\n",
        "x\n",
    )
    .page("gioi-thieu.md", "Giới thiệu", "topics: [de-an-06]\n", "x\n");
    site.build();
    assert_eq!(
        site.html("tin-tuc/a/index.html").count("section.related"),
        0
    );
    assert_eq!(
        site.html("gioi-thieu/index.html").count("section.related"),
        0
    );
}

#[test]
fn among_equals_the_newest_come_first_then_the_path_decides() {
    let site = Site::new();
    let topic = "topics: [de-an-06]\n";
    site.article("tin-tuc/chu.md", "Chủ", "2025-06-01", topic, "x\n")
        .article("tin-tuc/b.md", "B cùng ngày", "2025-07-01", topic, "x\n")
        .article("tin-tuc/a.md", "A cùng ngày", "2025-07-01", topic, "x\n")
        .article("tin-tuc/c.md", "C mới nhất", "2025-08-01", topic, "x\n");
    site.build();
    let first = site.read("tin-tuc/chu/index.html");
    assert_eq!(
        related(&site, "tin-tuc/chu/index.html"),
        ["C mới nhất", "A cùng ngày", "B cùng ngày"]
    );
    // The same files give the same page, byte for byte.
    std::fs::remove_dir_all(site.output()).unwrap();
    site.build();
    assert_eq!(site.read("tin-tuc/chu/index.html"), first);
}
