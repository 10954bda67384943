//! `loa check --external`: links to other sites.

pub fn external_gone(url: &str, status: u16) -> String {
    format!("liên kết ra ngoài {url} không còn trang (máy chủ trả lời {status})")
}
pub const HINT_EXTERNAL_GONE: &str = "tìm địa chỉ mới của trang đó (ví dụ văn bản trên vbpl.vn hoặc congbao.chinhphu.vn) rồi sửa liên kết, hoặc bỏ liên kết";

pub fn external_failing(url: &str, status: u16) -> String {
    format!("liên kết ra ngoài {url}: máy chủ báo lỗi {status}")
}
pub const HINT_EXTERNAL_FAILING: &str =
    "mở thử liên kết trong trình duyệt; nếu lỗi kéo dài vài ngày, tìm địa chỉ khác hoặc bỏ liên kết";

pub fn external_loop(url: &str) -> String {
    format!("liên kết ra ngoài {url} chuyển hướng vòng quanh, không bao giờ tới trang")
}
pub const HINT_EXTERNAL_LOOP: &str =
    "mở thử trong trình duyệt để xem trang đích thật sự, rồi dùng địa chỉ đó";

pub fn external_dead(url: &str, why: &str) -> String {
    format!("liên kết ra ngoài {url} không trả lời ({why})")
}
pub const HINT_EXTERNAL_DEAD: &str =
    "kiểm tra lại tên miền; nếu trang đã đóng hẳn, bỏ liên kết hoặc thay bằng trang khác";
pub const EXTERNAL_NO_SUCH_HOST: &str = "không có tên miền này";
pub const EXTERNAL_TIMEOUT: &str = "quá thời gian chờ";
pub const EXTERNAL_REFUSED: &str = "máy chủ từ chối kết nối";

pub fn external_http(url: &str) -> String {
    format!("liên kết {url} dùng http:// trong khi trang đó có bản https:// an toàn hơn")
}
pub const HINT_EXTERNAL_HTTP: &str = "đổi http:// thành https:// ở đầu liên kết";

pub fn external_summary(urls: usize, cached: usize, problems: usize) -> String {
    format!(
        "Đã kiểm tra {urls} liên kết ra ngoài ({cached} theo kết quả lần trước, còn mới): {problems} chỗ có vấn đề."
    )
}
