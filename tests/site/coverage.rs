//! The plan's progress page, /ke-hoach/tien-do/: topics with counts, newest article and
//! target; channels with their units and what went out through them.

use crate::report::site_with_targets;

#[test]
fn every_topic_of_the_plan_shows_its_count_newest_article_and_target() {
    let site = site_with_targets();
    site.page("ke-hoach.md", "Kế hoạch", "", "x\n");
    site.build();
    let page = site.html("ke-hoach/tien-do/index.html");
    assert_eq!(page.text("h1"), "Tiến độ thực hiện kế hoạch tuyên truyền");
    assert_eq!(
        page.texts("table.coverage tbody th"),
        [
            "Nghị định số 118/2025/NĐ-CP",
            "Đề án 06/CP",
            "Chỉ số PAR INDEX"
        ],
        "the plan's order, as config.yaml gives it"
    );
    let rows: Vec<Vec<String>> = ["1", "2", "3"]
        .iter()
        .map(|n| page.texts(&format!("table.coverage tbody tr:nth-child({n}) td")))
        .collect();
    assert_eq!(rows[0][0], "chưa có bài");
    assert_eq!(rows[0][2], "", "no article, no newest one");
    assert_eq!(rows[1][0], "2");
    assert_eq!(rows[1][1], "0/2 bài (tháng 11/2025) · còn thiếu 2");
    assert_eq!(rows[1][2], "Bài tháng 10 (05/10/2025)");
    assert_eq!(rows[2][0], "3");
    assert_eq!(rows[2][1], "3/3 bài (quý IV/2025) · đạt");
    assert_eq!(rows[2][2], "Bài tháng 11 (20/11/2025)");
    assert_eq!(
        page.attr("table.coverage tbody tr:nth-child(3) td a", "href"),
        "/cchc/tin-tuc/thang-11/"
    );
    assert!(page
        .texts("p.lead")
        .iter()
        .any(|t| t.contains("1 chủ đề của kế hoạch chưa có bài nào")));
    assert_eq!(page.attr("p.lead a", "href"), "/cchc/ke-hoach/");
    // Every page links to it, and the sitemap lists it.
    let home = site.html("index.html");
    assert!(home
        .attrs("footer a", "href")
        .contains(&"/cchc/ke-hoach/tien-do/".to_string()));
    assert!(site
        .read("sitemap.xml")
        .contains("<loc>https://stp.angiang.gov.vn/cchc/ke-hoach/tien-do/</loc>"));
}

#[test]
fn each_channel_shows_its_lead_and_partner_units_and_what_went_through_it() {
    let site = site_with_targets();
    site.article(
        "su-kien/zalo-truc-tuyen.md",
        "Giải đáp trực tuyến qua Zalo",
        "2025-11-01",
        "channels: [zalo]\nevent:\n  start: 2025-11-10 09:00\n  participants: 40\n",
        "x\n",
    )
    .article(
        "su-kien/sap-toi.md",
        "Giải đáp tháng 12",
        "2025-11-02",
        "channels: [zalo]\nevent:\n  start: 2025-12-10 09:00\n  participants: 50\n",
        "x\n",
    );
    site.build();
    let page = site.html("ke-hoach/tien-do/index.html");
    assert_eq!(page.texts("section.channel h3"), ["Trang Zalo của Sở"]);
    assert_eq!(
        page.texts("section.channel dd"),
        [
            "Văn phòng Sở",
            "Phòng Phổ biến, giáo dục pháp luật",
            "4 bài, 1 sự kiện đã tổ chức với 40 lượt người tham dự"
        ],
        "the December event has not been held yet on 25 November"
    );
    assert_eq!(
        page.attr("section.channel dd a[href*=\"van-phong\"]", "href"),
        "/cchc/don-vi/van-phong/"
    );
    assert_eq!(
        page.texts("section.channel ul.latest a"),
        [
            "Bài tháng 11",
            "Giải đáp tháng 12",
            "Giải đáp trực tuyến qua Zalo",
            "Bài tháng 9"
        ],
        "newest first"
    );
}

#[test]
fn a_theme_can_replace_the_progress_page() {
    let site = site_with_targets();
    let config = site.read_source("config.yaml");
    site.write("config.yaml", &format!("{config}theme: rieng\n"));
    site.write(
        "themes/rieng/templates/tien-do.html",
        "<!DOCTYPE html><html lang=\"vi\"><body><h1>Riêng</h1>{% for row in coverage.topics %}<p>{{ row.topic.key }}={{ row.topic.count }}</p>{% endfor %}</body></html>",
    );
    site.build();
    let page = site.html("ke-hoach/tien-do/index.html");
    assert_eq!(page.text("h1"), "Riêng");
    assert_eq!(
        page.texts("p"),
        ["nghi-dinh-118=0", "de-an-06=2", "par-index=3"]
    );
}
