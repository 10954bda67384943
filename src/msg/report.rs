//! `loa report`: its period and file, and the headings of the report in every format.

pub const PERIOD_MISSING: &str = "chưa nói kỳ báo cáo";
pub const HINT_PERIOD: &str =
    "dùng --quarter 2025-Q4, --month 2025-10, --year 2025, hoặc --from 2025-08-21 --to 2025-12-31";
pub const REPORT_EXISTS: &str = "đã có tệp này; loa không ghi đè";
pub const HINT_REPORT_EXISTS: &str = "đặt tên tệp khác cho báo cáo, ví dụ bao-cao-quy-4-lan-2.csv";

pub fn bad_period(value: &str) -> String {
    format!("không hiểu kỳ báo cáo `{value}`")
}

// The periodic report to Sở Nội vụ: the same headings in every format.
pub const REPORT_TYPE: &str = "BÁO CÁO";
pub const REPORT_SUBJECT: &str = "Kết quả tuyên truyền cải cách hành chính";
pub const REPORT_TOTAL: &str = "Tổng số bài đã đăng";
/// The count tables' headings (documents), and their first column's name (spreadsheets).
pub const REPORT_COUNT_SECTIONS: [&str; 4] = [
    "I. Theo chủ đề",
    "II. Theo đơn vị",
    "III. Theo hình thức",
    "IV. Theo tháng",
];
pub const REPORT_COUNT_NAMES: [&str; 4] = ["Chủ đề", "Đơn vị", "Hình thức", "Tháng"];
pub const REPORT_COUNT_COLUMNS: [&str; 3] = ["Số bài", "Chỉ tiêu", "Đạt"];
pub const REPORT_EVENT_COLUMNS: [&str; 5] = ["Ngày", "Giờ", "Sự kiện", "Địa điểm", "Số người"];
pub const REPORT_ARTICLES: &str = "VI. Danh sách bài viết";
pub const REPORT_ARTICLE_COLUMNS: [&str; 5] = ["Ngày", "Tiêu đề", "Chủ đề", "Đơn vị", "Địa chỉ"];

pub fn report_events(events: usize, participants: u64) -> String {
    format!("V. Sự kiện đã tổ chức: {events}, tổng số người tham dự: {participants}")
}
