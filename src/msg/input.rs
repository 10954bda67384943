//! Problems in what the officer wrote: files and their encoding, config.yaml, front matter
//! and the vocabularies they name.

use super::clip;

// Files and encodings.
pub const NOT_UTF8: &str = "tệp không phải văn bản UTF-8 (có ký tự không đọc được ở đây)";
pub const HINT_SAVE_UTF8: &str = "mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8";
pub const EMPTY_FILE: &str = "tệp rỗng, không có nội dung";
pub const FRONT_MATTER_MISSING: &str =
    "tệp không bắt đầu bằng phần thông tin (front matter) giữa hai dòng ---";
pub const FRONT_MATTER_UNCLOSED: &str =
    "phần thông tin mở bằng --- ở dòng 1 nhưng không có dòng --- đóng lại";
pub const HINT_FRONT_MATTER: &str =
    "đầu tệp cần có dạng:\n    ---\n    title: \"Tiêu đề bài\"\n    date: 2025-08-21\n    ---";
pub const NESTED_INDEX: &str =
    "tệp _index.md chỉ đặt ngay trong content/ hoặc ngay trong một thư mục chuyên mục";
pub const YAML_NOT_A_MAPPING: &str = "phần thông tin phải là các dòng `khóa: giá trị`";
pub const CONFIG_MISSING: &str = "không tìm thấy tệp cấu hình config.yaml";
pub const HINT_RUN_INIT: &str =
    "chạy `loa init` để tạo trang mới, hoặc dùng --root để chỉ tới thư mục của trang";

// Front matter values.
pub const TITLE_MISSING: &str = "thiếu tiêu đề (title)";
pub const HINT_TITLE: &str = "thêm dòng `title: \"Tiêu đề bài\"` vào phần thông tin";
pub const DATE_MISSING: &str = "bài viết thiếu ngày đăng (date)";
pub const HINT_DATE: &str =
    "viết ngày theo dạng 2025-08-21, 2025-08-21 08:30 hoặc 2025-08-21T08:30:00+07:00";
pub const IMAGE_ALT_MISSING: &str = "có ảnh (image) nhưng thiếu lời mô tả ảnh (image_alt)";
pub const HINT_IMAGE_ALT: &str = "thêm `image_alt:` mô tả ngắn nội dung ảnh cho người khiếm thị";
pub const EVENT_ENDS_BEFORE_START: &str = "sự kiện kết thúc (end) trước khi bắt đầu (start)";
pub const PAGINATE_ZERO: &str = "paginate phải là số lớn hơn 0";

// Config.
pub const HINT_DUPLICATE_KEY: &str =
    "mỗi khóa chỉ khai báo một lần: xóa mục lặp lại hoặc đặt khóa khác";
pub const HINT_BASE_URL: &str = "viết địa chỉ đầy đủ, ví dụ https://stp.angiang.gov.vn/cchc/";
pub const HINT_THEME_FOLDER: &str =
    "tạo thư mục themes/<tên>/templates/ hoặc bỏ dòng theme: để dùng giao diện mặc định";

pub fn unknown_key(key: &str) -> String {
    format!("khóa `{key}` không có trong danh sách khóa được dùng")
}

pub fn did_you_mean(suggestion: Option<&str>, all: &[&str]) -> String {
    match suggestion {
        Some(s) => format!("có phải ý bạn là `{s}`?"),
        None => {
            let mut unique: Vec<&str> = Vec::with_capacity(all.len());
            for key in all {
                if !unique.contains(key) {
                    unique.push(key);
                }
            }
            format!("các khóa dùng được: {}", unique.join(", "))
        }
    }
}

pub fn unknown_term(field: &str, key: &str) -> String {
    let what = match field {
        "topics" => "chủ đề",
        "unit" | "units" => "đơn vị",
        "channels" => "hình thức",
        _ => field,
    };
    format!("{what} `{key}` không có trong config.yaml")
}

pub fn bad_term_key(list: &str, key: &str) -> String {
    format!("khóa `{key}` trong {list} chỉ được có chữ thường không dấu, số và dấu gạch ngang")
}

pub fn duplicate_term_key(list: &str, key: &str) -> String {
    format!("khóa `{key}` xuất hiện hai lần trong {list}")
}

pub fn bad_target_period(per: &str) -> String {
    format!("kỳ chỉ tiêu `per: {per}` không hiểu được")
}

pub fn bad_hashtag(tag: &str) -> String {
    format!("hashtag `{tag}` chỉ được có chữ, số và dấu gạch dưới, không có khoảng trắng")
}

pub const HINT_HASHTAG: &str = "viết liền, ví dụ hashtag: PCI hoặc hashtag: NghiDinh118";

pub fn hashtag_not_topic(list: &str, key: &str) -> String {
    format!("`hashtag:` của `{key}` trong {list}: hashtag chỉ đặt cho chủ đề (topics)")
}

pub const HINT_TARGET: &str =
    "viết per: month (tháng), per: quarter (quý) hoặc per: year (năm), ví dụ target: {articles: 3, per: quarter}; với hình thức có thể viết target: {count: 1, per: month}";

pub fn bad_base_url(url: &str) -> String {
    format!("base_url `{url}` không phải địa chỉ web hợp lệ")
}

pub fn bad_timezone(tz: &str) -> String {
    format!("múi giờ `{tz}` không có; dùng Asia/Ho_Chi_Minh")
}

pub fn bad_date(key: &str, value: &str) -> String {
    format!("{key}: `{value}` không phải ngày giờ hợp lệ")
}

pub fn bad_sort(value: &str) -> String {
    format!("sort: `{value}` không hợp lệ; dùng `date` (mới nhất trước), `title` (theo vần chữ cái) hoặc `event` (sự kiện sắp diễn ra trước)")
}

pub fn empty_slug(value: &str) -> String {
    format!("slug `{value}` không còn ký tự nào dùng được trong địa chỉ")
}

pub fn theme_not_a_name(name: &str) -> String {
    format!(
        "theme: `{}` phải là tên một thư mục trong themes/, không phải đường dẫn",
        clip(name)
    )
}

pub fn too_large(limit: u64) -> String {
    format!(
        "tệp quá lớn: loa chỉ đọc tệp văn bản (Markdown, YAML) đến {} MB",
        limit / (1024 * 1024)
    )
}

pub fn theme_missing(name: &str) -> String {
    format!("không có giao diện `{name}` trong thư mục themes/")
}

pub fn io_read(e: &std::io::Error) -> String {
    format!("không đọc được tệp ({e})")
}

pub fn io_walk(e: &str) -> String {
    format!("không đọc được thư mục ({e})")
}

pub const HINT_TYPE: &str = "viết lại giá trị đúng dạng: chữ thì đặt trong ngoặc kép, danh sách thì [a, b], số thì chỉ có chữ số, có/không thì true hoặc false";
pub const HINT_YAML_SYNTAX: &str = "kiểm tra dấu hai chấm sau mỗi khóa, thụt lề bằng dấu cách và dấu ngoặc kép quanh giá trị có dấu hai chấm";
