//! `loa check` warns about what makes a page hard to read aloud or to follow, each at its line
//! with the fix, and the page is still built.

use crate::support::Site;

#[test]
fn check_places_each_readers_problem_at_its_line_and_still_builds_the_page() {
    let site = Site::new();
    site.article(
        "tin-tuc/a.md",
        "Bài A",
        "2025-09-01",
        "",
        "Mở đầu.\n\n![](anh.png)\n\n#### Chi tiết\n\nXem [bấm vào đây](b.md).\n\n|  |  |\n|--|--|\n| a | b |\n\nTHÔNG BÁO VỀ VIỆC TIẾP NHẬN HỒ SƠ TRỰC TUYẾN TỪ THÁNG MƯỜI\n",
    );
    site.article("tin-tuc/b.md", "Bài B", "2025-09-02", "", "Nội dung.\n");
    site.write_bytes("content/tin-tuc/anh.png", &crate::support::photo(40, 30));
    let built = site.build();
    let mut found: Vec<(usize, usize, String)> = (built.warnings.iter())
        .filter(|d| d.path.ends_with("a.md"))
        .map(|d| (d.line, d.col, d.message.clone()))
        .collect();
    found.sort();
    let lines: Vec<(usize, usize)> = found.iter().map(|(l, c, _)| (*l, *c)).collect();
    // The body starts on line 5 of the file.
    assert_eq!(
        lines,
        [(7, 1), (9, 1), (11, 5), (13, 1), (17, 1)],
        "{found:?}"
    );
    let words: Vec<&str> = found.iter().map(|(_, _, m)| m.as_str()).collect();
    assert!(words[0].contains("mô tả"), "{words:?}");
    assert!(words[1].contains("cấp 4"), "{words:?}");
    assert!(words[2].contains("bấm vào đây"), "{words:?}");
    assert!(words[3].contains("hàng tiêu đề"), "{words:?}");
    assert!(words[4].contains("IN HOA"), "{words:?}");
    assert!(built.warnings.iter().all(|d| d.hint.is_some()));
    assert!(site.exists("tin-tuc/a/index.html"));
    // `loa check` prints them with their place.
    let out = site.run(&["check"]);
    let printed = String::from_utf8_lossy(&out.stderr);
    assert!(printed.contains("content/tin-tuc/a.md:11:5:"), "{printed}");
}
