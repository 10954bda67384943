//! Problems in articles' links, in the files beside them and in HTML pasted into them.

use std::path::Path;

use super::clip;

// Links and files.
pub const HINT_LINK_PATH: &str = "kiểm tra tên tệp và đường dẫn tương đối (../ để lên một thư mục)";
pub const HINT_FILE_PATH: &str = "đặt tệp cạnh bài viết hoặc sửa lại tên tệp cho đúng";
pub const HINT_LINK_WITHHELD: &str =
    "bỏ liên kết, hoặc đăng bài kia trước (bỏ draft: true, sửa ngày đăng, hoặc mời lãnh đạo duyệt; bài hết hạn: sửa expires: hoặc đặt expired: keep trong config.yaml)";
pub const HINT_HTML_REMOVED: &str =
    "loa đã bỏ phần này khi xuất bản; khi chép từ Word, hãy dán dạng văn bản thuần rồi định dạng lại bằng Markdown";
pub const HINT_RESERVED: &str =
    "đổi tên tệp/thư mục hoặc đặt `slug:` khác: địa chỉ này loa dùng cho trang tự tạo";
pub const HINT_RESERVED_SECTION: &str = "chọn tên chuyên mục khác, ví dụ tin-tuc hoặc su-kien";
pub const HINT_SAME_URL: &str = "đặt `slug:` khác cho một trong hai bài, hoặc đổi tên tệp";
pub const HINT_ALIAS: &str = "viết địa chỉ cũ theo dạng /tin-tuc/ten-bai-cu/";
pub const HINT_URL_REFUSED: &str =
    "chỉ dùng địa chỉ http://, https://, mailto:, tel: hoặc đường dẫn tới tệp của trang; xóa hoặc sửa liên kết này";
pub const HINT_HEADING_ATTRIBUTES: &str =
    "tiêu đề chỉ được đặt mã neo dạng {#ten-muc}; xóa phần còn lại trong dấu { }";
pub const HINT_CODE_IN_CONTENT: &str =
    "xóa tệp này khỏi content/; trang web, mã lệnh và kiểu trình bày do cán bộ quản trị đặt trong static/ hoặc trong giao diện (themes/)";
pub const HINT_TYPE_NOT_PUBLISHED: &str =
    "cạnh bài viết chỉ đăng ảnh, tài liệu văn phòng, PDF, âm thanh, video, CSV và văn bản thuần; lưu tệp sang một dạng đó nếu cần đăng";
pub const HINT_HEIC: &str =
    "ảnh HEIC/HEIF (từ iPhone) không trình duyệt nào trên điện thoại người đọc hiển thị được: xuất lại ảnh dạng JPEG rồi đặt vào";
pub const HINT_SVG_CLEANED: &str =
    "bản vẽ vẫn được đăng, không có các phần trên; nếu bản vẽ cần chúng, xuất lại dạng PNG";
pub const HINT_SVG_UNREADABLE: &str =
    "mở bản vẽ bằng phần mềm vẽ và lưu lại dạng SVG, hoặc xuất sang PNG";
pub const HINT_FILE_TAKES_PLACE: &str =
    "đổi tên một trong hai tệp; muốn thay tệp của giao diện thì đặt tệp mới vào themes/<tên>/static/";
pub const HINT_TOO_LARGE: &str =
    "tách nội dung thành nhiều bài, hoặc đặt tài liệu dài thành tệp PDF/Word đính kèm";
pub const HINT_STATIC_COLLIDES: &str = "đổi tên tệp này: loa tự tạo một tệp ở cùng địa chỉ";

pub const HINT_BAD_IMAGE: &str =
    "mở ảnh bằng phần mềm xem ảnh; nếu ảnh hỏng, chép lại từ điện thoại hoặc lưu lại dạng JPEG";

pub fn bad_image(e: &str) -> String {
    format!("không đọc được ảnh để thu nhỏ, ảnh được đăng nguyên như cũ ({e})")
}

pub fn alias_elsewhere(alias: &str) -> String {
    format!("địa chỉ cũ (aliases) `{alias}` không thuộc trang này")
}

pub fn bad_alias(alias: &str) -> String {
    format!("địa chỉ cũ (aliases) `{alias}` không hợp lệ")
}

pub fn reserved_path(path: &str) -> String {
    format!("địa chỉ /{path} trùng với trang loa tự tạo")
}

pub fn same_url(url: &str, other: &Path) -> String {
    format!("bài này có cùng địa chỉ {url} với {}", other.display())
}

pub fn same_url_as_list(url: &str, folder: &str) -> String {
    if folder.is_empty() {
        format!("địa chỉ {url} là trang chủ")
    } else {
        format!("địa chỉ {url} trùng với danh sách bài của chuyên mục content/{folder}")
    }
}

pub fn static_collides(path: &str) -> String {
    format!("tệp tĩnh /{path} trùng với trang loa tự tạo")
}

pub fn file_takes_place(path: &str, taken_by: &Path) -> String {
    format!(
        "tệp này sẽ được đăng ở /{path}, trùng chỗ với {}",
        taken_by.display()
    )
}

pub fn missing_link_target(dest: &str) -> String {
    format!("liên kết tới `{dest}` nhưng không có tệp đó")
}

pub fn url_refused(dest: &str, scheme: &str) -> String {
    let dest = clip(dest);
    format!("liên kết `{dest}` dùng kiểu địa chỉ `{scheme}:`, loa không cho đăng (có thể chạy mã lệnh trên cổng thông tin)")
}

pub fn missing_file(dest: &str) -> String {
    format!("không tìm thấy tệp `{dest}`")
}

pub fn link_to_withheld(dest: &str) -> String {
    format!(
        "liên kết tới `{dest}`, bài chưa được đăng (bản nháp, hẹn ngày đăng hoặc chưa được duyệt) hoặc đã gỡ vì hết hạn"
    )
}

pub fn missing_anchor(anchor: &str, page: &Path) -> String {
    format!("không có mục `#{anchor}` trong {}", page.display())
}

pub fn available_anchors(ids: &[&str]) -> String {
    if ids.is_empty() {
        "bài đó không có đề mục nào; bỏ phần #… của liên kết".to_string()
    } else {
        format!(
            "các mục có trong bài: {}",
            ids.iter()
                .map(|i| format!("#{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

pub fn heading_attributes_dropped(names: &[String]) -> String {
    format!(
        "đã bỏ thuộc tính {} của tiêu đề khi xuất bản",
        names
            .iter()
            .map(|n| format!("`{}`", clip(n)))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

pub fn code_in_content(ext: &str) -> String {
    format!("tệp .{ext} trong content/ không được đăng: trang web, mã lệnh hoặc kiểu trình bày do người viết bài gửi có thể chạy trên cổng thông tin")
}

pub fn type_not_published(ext: &str) -> String {
    if ext.is_empty() {
        "tệp không có phần mở rộng (đuôi tên tệp), loa không đăng".to_string()
    } else {
        format!(
            "tệp .{} không thuộc các loại được đăng, loa bỏ qua",
            clip(ext)
        )
    }
}

pub fn svg_cleaned(removed: &[String]) -> String {
    format!(
        "bản vẽ SVG có phần có thể chạy mã lệnh hoặc tải nội dung bên ngoài, loa đã bỏ: {}",
        removed.join(", ")
    )
}

pub fn svg_unreadable(detail: &str) -> String {
    format!("bản vẽ SVG hỏng, loa không đăng ({detail})")
}

pub fn html_removed(what: &str) -> String {
    format!("đã bỏ {what} trong đoạn HTML dán vào bài")
}

pub fn image_over_limits(side: u32) -> String {
    format!("ảnh quá lớn: quá {side} điểm ảnh một cạnh hoặc cần quá nhiều bộ nhớ")
}
