//! The output folder of `loa build`, and why a path a record lists is not one inside its folder.

use super::shown_path;

// Output folder.
pub const FOREIGN_OUTPUT: &str =
    "thư mục xuất có sẵn tệp không do loa tạo; loa không ghi đè hay xóa chúng";
pub const HINT_FOREIGN_OUTPUT: &str =
    "chọn thư mục xuất khác bằng --output, hoặc tự dọn thư mục này nếu chắc chắn";
pub const MANIFEST_DAMAGED: &str = "tệp ghi nhớ của loa trong thư mục xuất bị hỏng";
pub const OUTSIDE_OUTPUT: &str = "loa từ chối ghi ra ngoài thư mục xuất";
pub const HINT_OUTPUT_ELSEWHERE: &str =
    "chọn thư mục xuất nằm ngoài content/, static/ và themes/, ví dụ output/";

pub fn output_inside_sources(folder: &str) -> String {
    format!("thư mục xuất nằm trong {folder}/: loa sẽ đọc lại chính trang đã dựng như nội dung")
}

pub const HINT_WRITE: &str = "kiểm tra quyền ghi và dung lượng ổ đĩa";

// Why a path in a record is not a path inside the folder.
pub const PATH_EMPTY: &str = "đường dẫn rỗng";
pub const PATH_ABSOLUTE: &str = "đường dẫn tuyệt đối, bắt đầu bằng /";
pub const PATH_DRIVE: &str = "có tên ổ đĩa như C:";
pub const PATH_BACKSLASH: &str = "có dấu \\";
pub const PATH_NUL: &str = "có ký tự NUL";
pub const PATH_EMPTY_SEGMENT: &str = "có đoạn trống (// hoặc / ở cuối)";
pub const PATH_CLIMBS: &str = "có . hoặc .. để đi ra thư mục cha";

pub fn output_entry_outside(entry: &str, why: &str) -> String {
    format!(
        "tệp ghi nhớ của loa trong thư mục xuất có mục `{}` không phải một tệp bên trong thư mục ({why}); loa dừng, không ghi và không xóa gì",
        shown_path(entry)
    )
}
pub const HINT_OUTPUT_ENTRY_OUTSIDE: &str =
    "tệp này đã bị sửa ngoài loa: xóa cả thư mục xuất rồi dựng lại (loa dựng lại được toàn bộ)";

pub const OUTPUT_LINK: &str = "trong thư mục xuất, đây là một liên kết tượng trưng (symlink); loa không ghi, không xóa qua liên kết để khỏi đụng tới tệp bên ngoài";
pub const HINT_OUTPUT_LINK: &str = "xóa liên kết này (chỉ xóa liên kết, không xóa nơi nó trỏ tới) rồi dựng lại, hoặc chọn thư mục xuất khác bằng --output";

pub fn io_write(e: &std::io::Error) -> String {
    format!("không ghi được tệp ({e})")
}
