//! `loa import` (Word intake) and the `check` advice about imported and pasted text.

use super::clip;

pub const HINT_IMPORT_OPEN: &str =
    "kiểm tra đường dẫn và tên tệp .docx (đặt tên tệp trong ngoặc kép nếu có dấu cách)";
pub const HINT_IMPORT_TOO_LARGE: &str = "mở tệp bằng Word, chọn Tệp → Nén ảnh (Compress Pictures) rồi lưu lại; hoặc nhờ đơn vị gửi ảnh riêng";
pub const IMPORT_ENCRYPTED: &str = "tệp Word có đặt mật khẩu, loa không mở được";
pub const HINT_IMPORT_PASSWORD: &str =
    "mở tệp bằng Word, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ tài liệu) rồi lưu lại dạng .docx";
pub const IMPORT_WORD97: &str = "đây là tệp Word 97–2003 (.doc); loa chỉ đọc tệp .docx";
pub const IMPORT_RTF: &str = "đây là tệp RTF; loa chỉ đọc tệp .docx";
pub const IMPORT_ODT: &str = "đây là tệp OpenDocument (.odt); loa chỉ đọc tệp .docx";
pub const IMPORT_NOT_WORD: &str = "tệp này không phải tệp Word (.docx)";
pub const HINT_SAVE_AS_DOCX: &str = "mở tệp bằng Word hoặc LibreOffice, chọn Lưu thành (Save As) → Word Document (.docx), rồi chạy lại lệnh với tệp mới; loa chưa ghi gì";
pub const HINT_IMPORT_DAMAGED: &str = "mở tệp bằng Word: nếu Word sửa được thì lưu lại rồi chạy lại lệnh; nếu không, nhờ đơn vị gửi lại tệp";
pub const IMPORT_BOMB: &str = "tệp Word có phần giải nén ra quá lớn hoặc quá nhiều phần (có thể là tệp độc hại); loa không đọc";
pub const HINT_IMPORT_BOMB: &str =
    "không mở tệp này; nhờ đơn vị gửi lại bài, ảnh nhiều thì gửi riêng";
/// Written as the alt text of an imported picture that has none; `check` reports it.
pub const IMPORT_ALT_TODO: &str = "CẦN MÔ TẢ ẢNH";
pub const IMPORT_TOPICS_COMMENT: &str = "Chủ đề do loa gợi ý theo nội dung bài: xóa chủ đề không đúng, thêm chủ đề còn thiếu (khóa trong config.yaml).";
pub const IMPORT_TOPICS_NONE_COMMENT: &str =
    "loa chưa gợi ý được chủ đề nào: thêm khóa chủ đề trong config.yaml.";
pub const IMPORT_UNIT_COMMENT: &str = "Thêm đơn vị và hình thức theo config.yaml: unit: <khóa đơn vị> và channels: [<khóa hình thức>]";
pub const IMPORT_CONVERTED_HEADER: &str = "Đã chuyển:";
pub const IMPORT_DROPPED_HEADER: &str = "Không đưa vào bài (tệp Word vẫn giữ):";
pub const IMPORT_CHECK_HEADER: &str = "Cần kiểm tra trước khi đăng:";
pub const IMPORT_CONTENTS_DROPPED: &str =
    "  mục lục tự động của Word (trang bài có mục lục riêng từ các đề mục)";
pub const IMPORT_TITLE_GUESSED: &str = "  tiêu đề lấy từ đoạn đầu in đậm hoặc căn giữa (tệp không dùng kiểu Title): xem lại dòng title:";
pub const IMPORT_DATE_FROM_FILE: &str = "  ngày đăng lấy từ lần lưu tệp Word: xem lại dòng date:";
pub const IMPORT_DATE_NOW: &str = "  ngày đăng là lúc nhập bài: xem lại dòng date:";
pub const IMPORT_UNIT_CHANNELS: &str = "  điền unit và channels, xem trước bằng `loa serve --drafts`, kiểm tra bằng `loa check --drafts`; xóa dòng draft: true khi bài đã sẵn sàng";
pub const HINT_ALT_TODO: &str =
    "thay chữ CẦN MÔ TẢ ẢNH trong ![…] bằng một câu ngắn tả nội dung ảnh cho người khiếm thị";

pub fn import_too_large(limit: u64) -> String {
    format!(
        "tệp Word quá lớn: loa chỉ nhận tệp đến {} MB",
        limit / (1024 * 1024)
    )
}

pub fn import_other_office(kind: &str) -> String {
    format!("đây là tệp {kind}, không phải tệp Word")
}

pub fn import_damaged(detail: &str) -> String {
    format!("tệp Word bị hỏng, loa không đọc được ({})", clip(detail))
}

pub fn import_converted(counts: &[(usize, &str)]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    if parts.is_empty() {
        "  không có nội dung nào".to_string()
    } else {
        format!("  {}", parts.join(", "))
    }
}

pub fn import_merged_tables(n: usize) -> String {
    format!("  {n} bảng có ô gộp được viết dạng HTML để giữ ô gộp")
}

pub fn import_legacy_converted(fonts: &[String]) -> String {
    format!(
        "  chữ gõ bằng phông cũ ({}) đã đổi sang Unicode",
        fonts.join(", ")
    )
}

pub fn import_text_box(text: &str) -> String {
    format!(
        "  khung chữ (text box): “{}” — chép vào bài nếu cần",
        clip(text)
    )
}

pub fn import_comment(text: &str) -> String {
    format!("  ghi chú (comment): “{}”", clip(text))
}

pub fn import_tracked_changes(n: usize) -> String {
    format!("  {n} chỗ sửa đổi đang theo dõi (Track Changes): bài lấy bản đã chấp nhận mọi sửa đổi, đối chiếu với đơn vị nếu cần")
}

pub fn import_link_refused(url: &str) -> String {
    format!(
        "  liên kết `{}` không phải địa chỉ web được phép: chỉ giữ chữ",
        clip(url)
    )
}

pub fn import_picture_format(name: &str, ext: &str) -> String {
    format!("  ảnh {name}: dạng .{ext} không hiển thị được trên web; chụp lại hoặc xuất ảnh dạng JPEG/PNG rồi đặt cạnh bài")
}

pub fn import_picture_too_large(name: &str) -> String {
    format!("  ảnh {name}: tệp ảnh quá lớn; nhờ đơn vị gửi ảnh riêng")
}

pub fn import_picture_over_limits(name: &str, detail: &str) -> String {
    format!("  ảnh {name}: {detail}")
}

pub fn import_picture_linked(name: &str) -> String {
    format!("  ảnh {}: chỉ là liên kết tới tệp trên máy người gửi, không nằm trong tệp Word; nhờ đơn vị gửi ảnh", clip(name))
}

pub fn import_picture_missing(name: &str) -> String {
    format!("  ảnh {}: không tìm thấy trong tệp Word", clip(name))
}

pub fn import_picture_damaged(name: &str) -> String {
    format!("  ảnh {name}: tệp ảnh hỏng hoặc không đúng dạng")
}

pub fn import_objects(n: usize) -> String {
    format!("  {n} đối tượng (biểu đồ, SmartArt, công thức, đối tượng nhúng): chụp lại thành ảnh nếu cần")
}

pub fn import_heading_guessed(text: &str) -> String {
    format!(
        "  đoạn in đậm “{}” được coi là đề mục: sửa lại nếu không phải",
        clip(text)
    )
}

pub fn import_alt_missing(name: &str) -> String {
    format!(
        "  ảnh {name} chưa có lời mô tả: thay chữ “{IMPORT_ALT_TODO}” bằng mô tả ngắn nội dung ảnh"
    )
}

pub const IMPORT_UNIT_CHANNELS_DESK: &str = "  chọn Đơn vị và Hình thức trong “Thông tin bài”; khi bài đã sẵn sàng, bỏ dấu “Còn là bản nháp” (hoặc Gửi duyệt)";

pub fn import_topics_desk(topics: &[String]) -> String {
    if topics.is_empty() {
        "  loa chưa gợi ý được chủ đề: chọn Chủ đề trong “Thông tin bài”".to_string()
    } else {
        format!(
            "  chủ đề loa gợi ý: {}; xem lại phần Chủ đề trong “Thông tin bài”",
            topics.join(", ")
        )
    }
}

pub fn import_topics(topics: &[String]) -> String {
    if topics.is_empty() {
        "  loa chưa gợi ý được chủ đề: điền dòng topics: theo config.yaml".to_string()
    } else {
        format!(
            "  chủ đề loa gợi ý: {}; xem lại dòng topics:",
            topics.join(", ")
        )
    }
}

pub fn alt_todo(picture: &str) -> String {
    format!(
        "ảnh `{}` chưa có lời mô tả (còn chữ {IMPORT_ALT_TODO})",
        clip(picture)
    )
}

pub fn legacy_text(encoding: &str, example: &str, converted: &str) -> String {
    format!(
        "bài có chữ trông như gõ bằng phông cũ {encoding} (ví dụ “{}”, có lẽ là “{}”)",
        clip(example),
        clip(converted)
    )
}

pub fn hint_legacy_text(encoding: &str) -> String {
    format!("chữ {encoding} dán vào bài không đọc được trên web: nhập lại bài từ tệp Word bằng `loa import`, hoặc đổi phông sang Unicode bằng Unikey (công cụ chuyển mã) rồi dán lại")
}
