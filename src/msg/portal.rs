//! The portal's fixed parts: menus and contact details in config.yaml, and the home page.

use super::clip;

// Menus.
/// The home page's name in a menu.
pub const HOME_TITLE: &str = "Trang chủ";

pub fn menu_entry_needs_one_target(menu: &str) -> String {
    format!("mỗi mục của menu `{menu}` cần đúng một trong hai khóa `page:` hoặc `url:`")
}
pub const HINT_MENU_ENTRY: &str = "viết `- page: gioi-thieu.md` (một trang của chuyên trang) hoặc \
     `- url: https://dichvucong.gov.vn` kèm `title: \"Tên hiển thị\"` (một trang ở nơi khác)";

pub fn menu_url_needs_title(url: &str) -> String {
    format!(
        "mục `url: {}` của menu thiếu tên hiển thị (title)",
        clip(url)
    )
}
pub const HINT_MENU_TITLE: &str =
    "thêm `title: \"Tên hiển thị\"` vào mục này: loa không biết trang ở nơi khác tên là gì";

pub fn menu_url_not_absolute(url: &str) -> String {
    format!(
        "`url: {}` không phải địa chỉ đầy đủ của một trang ở nơi khác",
        clip(url)
    )
}
pub const HINT_MENU_URL: &str = "trang của chuyên trang này viết bằng `page:` (`page: lien-he.md` \
     hoặc `page: /tin-tuc/`); `url:` dành cho địa chỉ bắt đầu bằng https://, mailto: hoặc tel:";

pub fn menu_url_refused(url: &str, scheme: &str) -> String {
    format!(
        "`url: {}` dùng giao thức `{scheme}:` không được phép đăng",
        clip(url)
    )
}

pub const MENU_TITLE_EMPTY: &str = "tên hiển thị (title) của mục menu để trống";

pub fn menu_page_missing(menu: &str, page: &str) -> String {
    format!(
        "mục `page: {}` của menu `{menu}` không dẫn tới trang nào của chuyên trang",
        clip(page)
    )
}
pub const HINT_MENU_PAGE: &str = "viết tệp bài trong content/ (`gioi-thieu.md`, \
     `tin-tuc/bai-viet.md`) hoặc đường dẫn của trang tính từ gốc chuyên trang \
     (`/tin-tuc/`, `/chu-de/`, `/ke-hoach/tien-do/`)";

pub fn menu_page_withheld(menu: &str, page: &str) -> String {
    format!(
        "mục `page: {}` của menu `{menu}` dẫn tới bài chưa đăng (bản nháp hoặc hẹn ngày)",
        clip(page)
    )
}
pub const HINT_MENU_WITHHELD: &str =
    "đăng bài đó trước (bỏ `draft: true` hoặc chờ tới ngày đăng), hoặc bỏ mục này khỏi menu";

pub fn menu_page_no_title(menu: &str, page: &str) -> String {
    format!(
        "mục `page: {}` của menu `{menu}` cần tên hiển thị (title): trang này không có tên riêng",
        clip(page)
    )
}

pub fn menu_anchor_missing(anchor: &str, page: &str) -> String {
    format!("trang `{}` không có mục `#{anchor}`", clip(page))
}

// Contact details.
pub fn bad_contact_email(email: &str) -> String {
    format!("`email: {}` không phải địa chỉ thư điện tử", clip(email))
}
pub const HINT_CONTACT_EMAIL: &str = "viết một địa chỉ, ví dụ `email: vanphong@stp.angiang.gov.vn`";

pub fn bad_contact_phone(phone: &str) -> String {
    format!("`phone: {}` không phải số điện thoại", clip(phone))
}
pub const HINT_CONTACT_PHONE: &str = "viết một số, chỉ gồm chữ số, dấu cách, dấu chấm, dấu gạch \
     ngang và dấu + ở đầu, ví dụ `phone: \"0296 3852 000\"`";

// Topics on the home page.
pub fn home_not_topic(list: &str, key: &str) -> String {
    format!(
        "`home:` chỉ dùng cho chủ đề (topics); `{key}` trong {list} không có khối trên trang chủ"
    )
}
