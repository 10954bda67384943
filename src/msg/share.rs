//! `loa share` and the share image: what keeps an article from being shared well.

pub const SHARE_NOT_PUBLISHED: &str =
    "bài này chưa đăng (còn nháp, hẹn ngày đăng, hoặc không phải bài trong content/), nên địa chỉ của nó chưa mở được";
pub const HINT_SHARE_NOT_PUBLISHED: &str =
    "bỏ `draft: true` hoặc chờ đến ngày đăng, dựng và đăng trang rồi hãy chia sẻ";
pub const SHARE_NO_FILE: &str = "không tìm thấy tệp bài viết này";
pub const HINT_SHARE_NO_FILE: &str =
    "viết đường dẫn tới tệp .md của bài, ví dụ content/tin-tuc/ten-bai.md";

pub const NO_SHARE_IMAGE: &str =
    "bài chưa có ảnh đại diện (`image:`): khi chia sẻ lên Facebook, Zalo sẽ chỉ hiện ảnh chung của trang";

pub fn share_image_unsized(src: &str) -> String {
    format!("ảnh đại diện `{src}` không phải ảnh chụp (JPEG/PNG): Facebook và Zalo không hiện được ảnh SVG khi chia sẻ")
}

pub fn share_image_small(src: &str, width: u32, height: u32) -> String {
    format!("ảnh đại diện `{src}` chỉ {width}×{height} điểm ảnh, nhỏ hơn 1200×630: ảnh chia sẻ sẽ bị mờ")
}

pub const HINT_SHARE_IMAGE: &str =
    "đặt `image:` là một ảnh ngang JPEG hoặc PNG, rộng ít nhất 1200 và cao ít nhất 630 điểm ảnh";
