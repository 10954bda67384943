//! Notices that expire (`expires:`), and what `loa check` says of those about to.

/// `expires` as written, and the page's `date` as loa read it.
pub fn expires_before_date(expires: &str, date: &str) -> String {
    format!("ngày hết hạn (expires: {expires}) không sau ngày đăng (date: {date})")
}
pub const HINT_EXPIRES: &str =
    "viết ngày hết hạn sau ngày đăng, ví dụ `expires: 2025-12-31`: từ 0 giờ ngày đó bài rời khỏi danh sách, RSS và tìm kiếm";
pub const HINT_EXPIRED_POLICY: &str =
    "viết `expired: keep` (giữ trang bài hết hạn, có ghi chú; mặc định) hoặc `expired: remove` (gỡ trang)";

pub fn bad_expired_policy(value: &str) -> String {
    format!("không hiểu `expired: {value}`")
}

/// The heading of `loa check`'s list of pages that expire within `days` days.
pub fn expiring_heading(count: usize, days: i64) -> String {
    format!("Sắp hết hạn trong {days} ngày tới ({count} bài):")
}

/// One line of that list: the file and the key's line, the title, the day and what is left.
pub fn expiring_line(file: &str, line: usize, title: &str, day: &str, hours_left: i64) -> String {
    let left = match hours_left {
        h if h < 24 => format!("còn {} giờ", h.max(1)),
        h => format!("còn {} ngày", h / 24),
    };
    format!("{file}:{line} «{title}» — hết hạn lúc {day} ({left})")
}
