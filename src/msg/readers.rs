//! Lints for readers (`markdown/lints.rs`): what makes a page hard to read aloud or follow.

pub const IMAGE_WITHOUT_ALT: &str = "ảnh chưa có lời mô tả";
pub const HINT_IMAGE_WITHOUT_ALT: &str = "ghi mô tả ngắn nội dung ảnh trong ngoặc vuông: ![Lãnh đạo Sở phát biểu tại hội nghị](anh.jpg); người khiếm thị nghe đọc lời này";
pub const HINT_HTML_IMAGE_ALT: &str =
    "thêm alt=\"mô tả ngắn nội dung ảnh\" vào thẻ <img>; người khiếm thị nghe đọc lời này";

pub fn heading_skipped(from: u8, to: u8) -> String {
    if from <= 1 {
        format!(
            "mục đầu tiên của bài là tiêu đề cấp {to} (dùng {}), bỏ qua cấp 2",
            "#".repeat(to as usize)
        )
    } else {
        format!("tiêu đề mục nhảy từ cấp {from} xuống cấp {to}, bỏ qua cấp giữa")
    }
}

pub fn hint_heading_skipped(expected: u8) -> String {
    format!(
        "dùng {} (cấp {expected}); người dùng trình đọc màn hình đi theo các cấp tiêu đề để nắm bố cục bài",
        "#".repeat(expected as usize)
    )
}

pub fn vague_link(text: &str) -> String {
    format!("chữ của liên kết “{text}” không cho biết liên kết dẫn tới đâu")
}
pub const HINT_VAGUE_LINK: &str = "viết chữ nói nơi đến, ví dụ [Kế hoạch tuyên truyền CCHC năm 2025](ke-hoach.md); trình đọc màn hình đọc riêng các liên kết";

pub const TABLE_WITHOUT_HEADER: &str = "bảng không có hàng tiêu đề";
pub const HINT_TABLE_HEADER: &str = "ghi tên từng cột vào hàng đầu của bảng (hàng trên dòng |---|); người nghe đọc bảng cần biết mỗi ô thuộc cột nào";
pub const HINT_HTML_TABLE_HEADER: &str =
    "dùng <th> cho các ô của hàng tiêu đề; người nghe đọc bảng cần biết mỗi ô thuộc cột nào";

pub const PARAGRAPH_IN_CAPITALS: &str = "cả đoạn viết IN HOA";
pub const HINT_CAPITALS: &str = "viết chữ thường, chỉ hoa chữ đầu câu và tên riêng; chữ in hoa khó đọc và trình đọc màn hình có thể đọc từng chữ cái";
