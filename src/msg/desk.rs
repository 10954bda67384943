//! The writing desk (`loa desk`).

pub const DESK_TOO_LARGE: &str = "tệp gửi lên quá lớn";
pub const HINT_DESK_TOO_LARGE: &str =
    "ảnh tối đa 30 MB, tệp Word tối đa 50 MB, bài viết tối đa 2 MB; thu nhỏ tệp rồi gửi lại";
pub const HINT_DESK_PATH: &str = "bàn soạn thảo chỉ mở và ghi các bài .md trong thư mục content/";
pub const DESK_PATH_OUTSIDE: &str = "không nằm trong thư mục content/";
pub const DESK_PATH_NOT_ARTICLE: &str = "không phải một bài viết (tệp .md)";
pub const DESK_PATH_LINK: &str =
    "trên đường dẫn có một liên kết tượng trưng (symlink); loa không ghi qua đó";
pub const DESK_NOT_UTF8: &str = "tệp không phải văn bản UTF-8";
pub const DESK_BAD_REQUEST: &str = "trang gửi yêu cầu không đúng dạng; tải lại trang rồi thử lại";
pub const DESK_EXTRA_CLOSES: &str =
    "phần YAML thêm có dòng `---` hoặc `...`, sẽ cắt ngang phần thông tin đầu bài";
pub const DESK_CHANGED_ON_DISK: &str =
    "tệp đã bị sửa ở nơi khác (trình soạn thảo khác, hoặc đồng nghiệp) từ lúc bạn mở; chưa ghi gì";
pub const HINT_DESK_CHANGED_ON_DISK: &str =
    "xem hai bản bên dưới, rồi chọn giữ bản nào; bản của bạn vẫn được giữ trong trình duyệt";
pub const HINT_DESK_WRITE: &str =
    "kiểm tra tệp có đang mở khóa trong chương trình khác không, và ổ đĩa còn chỗ trống";
pub const DESK_NOT_A_PHOTO: &str = "tệp này không phải ảnh JPEG, PNG, WebP hay GIF";
pub const HINT_DESK_NOT_A_PHOTO: &str =
    "chụp lại hoặc lưu ảnh dưới dạng JPEG (đuôi .jpg) rồi thả vào lại";
pub const DESK_TOO_MANY_PHOTOS: &str = "đã có quá nhiều ảnh cùng tên trong thư mục bài";
pub const DESK_BUNDLE_FOLDER_TAKEN: &str =
    "đã có thư mục cùng tên bài; loa cần thư mục này để đặt ảnh bên cạnh bài";
pub const DESK_APPROVER_NEEDED: &str =
    "chọn tên lãnh đạo duyệt bài (danh sách approvers: trong config.yaml)";
pub const DESK_PUBLISH_RUNNING: &str = "đang đăng; đợi lần đăng này xong";
pub const DESK_PUBLISH_BUILDING: &str = "đang dựng trang để đăng…";
pub const DESK_PUBLISH_SENDING: &str = "đang gửi các tệp lên cổng…";
pub const DESK_PUBLISH_FAILED: &str = "chưa đăng xong";
pub const DESK_PUBLISH_RESUME: &str =
    "cổng vẫn đầy đủ như trước hoặc sau một phần; bấm Đăng lần nữa (hoặc gõ loa publish): loa gửi tiếp phần còn lại";

pub const DESK_STATE_DRAFT: &str = "Nháp";
pub const DESK_STATE_RETURNED: &str = "Bị trả lại";
pub const DESK_STATE_SUBMITTED: &str = "Chờ duyệt";
pub const DESK_STATE_APPROVED: &str = "Đã duyệt, chờ đăng";
pub const DESK_STATE_SCHEDULED: &str = "Hẹn ngày đăng";
pub const DESK_STATE_PUBLISHED: &str = "Đã đăng";

pub fn desk_bad_date(written: &str) -> String {
    format!("ngày giờ `{written}` không đúng dạng năm-tháng-ngày giờ:phút")
}

pub fn desk_write_failed(e: &std::io::Error) -> String {
    format!("không ghi được tệp ({e})")
}

pub fn desk_started(url: &str) -> String {
    format!("Bàn soạn thảo đang mở tại {url} — đóng cửa sổ này (hoặc Ctrl-C) để dừng.")
}

pub const PRESS_ENTER_TO_CLOSE: &str = "Bấm Enter để đóng cửa sổ này.";
