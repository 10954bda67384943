//! The texts of the pages loa makes (titles, the plan's progress) and problems in the templates
//! that make them.

use std::path::Path;

// Templates.
pub const HINT_TEMPLATE: &str = "sửa mẫu giao diện (template) ở vị trí trên";
pub const HINT_ONCE_TEMPLATE: &str = "mẫu trong thư mục once/ được dựng một lần cho cả trang web: \
     nó chỉ đọc được biến `site` (không có `page`, `meta`…)";
pub const HINT_CARD_TEMPLATE: &str = "mẫu trong thư mục card/ được dựng một lần cho mỗi bài: \
     nó chỉ đọc được biến `site` và `article` (không có `page`, `meta`…)";
pub const HINT_TEMPLATE_MISSING: &str =
    "kiểm tra dòng `template:` hoặc thêm tệp mẫu vào themes/<tên>/templates/";

pub fn template_missing(name: &str) -> String {
    format!("không có mẫu giao diện `{name}`")
}

pub fn template_error(detail: &str) -> String {
    format!("lỗi mẫu giao diện: {detail}")
}

pub fn template_error_for(detail: &str, page: &Path) -> String {
    format!("lỗi mẫu giao diện khi dựng {}: {detail}", page.display())
}

pub fn filter_not_a_date(value: &str) -> String {
    format!("`{value}` không phải ngày tháng")
}

// Titles of the pages loa makes.
pub const TOPICS_TITLE: &str = "Chủ đề";
pub const TAGS_TITLE: &str = "Từ khóa";
pub const UNITS_TITLE: &str = "Đơn vị";
pub const NOT_FOUND_TITLE: &str = "Không tìm thấy trang";
pub const SEARCH_TITLE: &str = "Tìm kiếm";
pub const SEARCH_DESCRIPTION: &str = "Tìm bài viết trên trang, gõ có dấu hay không dấu đều được.";
pub const MOVED_TITLE: &str = "Trang đã chuyển địa chỉ";
pub const MOVED_TEXT: &str = "Trang này đã chuyển sang địa chỉ mới:";

pub fn page_title(title: &str, n: usize) -> String {
    format!("{title} – trang {n}")
}

// The plan's progress: the warning of `loa check` and the page /ke-hoach/tien-do/.
pub fn behind_target(
    subject: &str,
    (articles, activities): (usize, usize),
    expected: u32,
    target: u32,
    period: &str,
) -> String {
    format!(
        "{subject} chậm so với chỉ tiêu: {period} mới có {}, đến hôm nay lẽ ra đã có {expected} (chỉ tiêu cả kỳ: {target})",
        done(articles, activities)
    )
}

/// `2 bài`, or `3 (2 bài, 1 hoạt động)` when activities of the ledger count too.
pub fn done(articles: usize, activities: usize) -> String {
    match activities {
        0 => format!("{articles} bài"),
        _ => format!(
            "{} ({articles} bài, {activities} hoạt động)",
            articles + activities
        ),
    }
}

/// What to do about a topic, unit or channel behind its target.
pub fn hint_behind_target(what: &str) -> String {
    let key = match what {
        "đơn vị" => "unit:",
        "hình thức" => "channels:",
        _ => "topics:",
    };
    format!("viết thêm bài và gắn `{key}` cho bài, ghi các hoạt động khác vào data/hoat-dong.yaml, hoặc sửa chỉ tiêu trong config.yaml")
}

pub const COVERAGE_TITLE: &str = "Tiến độ thực hiện kế hoạch tuyên truyền";
pub const COVERAGE_DESCRIPTION: &str =
    "Số bài theo từng chủ đề của kế hoạch, chỉ tiêu kỳ này và những gì đã đưa tin qua từng hình thức tuyên truyền.";
