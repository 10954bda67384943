//! What `loa init`, `loa new`, `loa build` and `loa check` say when done or failed.

use std::path::Path;

// init and new.
pub const SITE_EXISTS: &str = "ở đây đã có trang (config.yaml); loa không ghi đè";
pub const HINT_SITE_EXISTS: &str = "chọn một thư mục trống: loa init ten-thu-muc";
pub const ARTICLE_EXISTS: &str = "đã có bài với tên tệp này; loa không ghi đè";
pub const HINT_ARTICLE_EXISTS: &str = "đặt tiêu đề khác, hoặc mở tệp đã có để viết tiếp";
pub const NEW_NEEDS_TITLE: &str = "tiêu đề và chuyên mục phải có ít nhất một chữ hoặc số";
pub const NEW_ARTICLE_BODY: &str =
    "Viết đoạn mở đầu ở đây. Khi bài đã sẵn sàng, xóa dòng `draft: true`.";
pub const INIT_HOME: &str = "---\ntitle: \"Tuyên truyền cải cách hành chính\"\ndescription: \"Tin tức, sự kiện về cải cách hành chính\"\n---\n";
pub const INIT_SECTION: &str = "---\ntitle: \"Tin tức\"\n---\n";
/// Above the sample's menus in a new site's config.yaml, which are written as comments.
pub const INIT_MENUS_NOTE: &str =
    "# Menu mẫu: bỏ dấu # ở đầu các dòng dưới đây khi chuyên trang đã có những trang được nêu.\n";

pub fn init_article(date: &str) -> String {
    format!(
        "---\ntitle: \"Chào mừng đến với trang tuyên truyền cải cách hành chính\"\ndate: {date}\ntopics: [vai-tro-cchc]\nunit: van-phong\n---\n\n\
         Đây là bài viết mẫu. Sửa tệp này hoặc tạo bài mới bằng lệnh `loa new \"Tiêu đề\"`.\n\n\
         ## Bắt đầu\n\nXem trước trang bằng `loa build`, rồi mở thư mục output/.\n"
    )
}

// Summaries.
pub fn build_summary(
    pages: usize,
    written: usize,
    unchanged: usize,
    removed: usize,
    seconds: f64,
    out: &Path,
) -> String {
    format!(
        "Đã dựng {pages} trang ({written} tệp ghi mới, {unchanged} không đổi, {removed} đã xóa) trong {} giây → {}",
        format_seconds(seconds),
        out.display()
    )
}

pub fn warnings_denied(warnings: usize) -> String {
    format!("--deny-warnings: {warnings} cảnh báo được tính là lỗi.")
}

pub fn now_not_a_date(value: &str) -> String {
    format!("`{value}` không phải ngày giờ hợp lệ")
}

pub fn check_summary(pages: usize, warnings: usize) -> String {
    format!("Kiểm tra xong: {pages} trang, không có lỗi, {warnings} cảnh báo")
}

/// What a failed command did not do, for the closing line.
#[derive(Debug, Clone, Copy)]
pub enum Failed {
    Build,
    Check,
    Create,
    Serve,
    Report,
    Share,
    Publish,
    /// A workflow step (submit, approve, return) or its sheet.
    Approval,
    /// `loa status`.
    Status,
}

pub fn failure_summary(failed: Failed, errors: usize, warnings: usize) -> String {
    match failed {
        Failed::Build => format!(
            "Không dựng được trang: {errors} lỗi, {warnings} cảnh báo. Thư mục xuất được giữ nguyên."
        ),
        Failed::Check => format!("Kiểm tra thấy {errors} lỗi, {warnings} cảnh báo."),
        Failed::Create => format!("Chưa tạo được gì: {errors} lỗi."),
        Failed::Serve => format!("Không chạy được xem trước: {errors} lỗi."),
        Failed::Report => format!("Chưa lập được báo cáo: {errors} lỗi."),
        Failed::Share => format!("Chưa soạn được bài đăng: {errors} lỗi."),
        Failed::Publish => format!("Chưa đăng xong: {errors} lỗi."),
        Failed::Approval => format!("Bài được giữ nguyên: {errors} lỗi."),
        Failed::Status => format!("Không liệt kê được các bài: {errors} lỗi."),
    }
}

pub fn created(path: &Path) -> String {
    format!("Đã tạo {}", path.display())
}

/// Seconds with a decimal comma, the Vietnamese way: 0,42.
fn format_seconds(s: f64) -> String {
    format!("{s:.2}").replace('.', ",")
}
