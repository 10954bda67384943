//! Videos, photo galleries and attached documents: problems, and the words readers see.

pub const HINT_GALLERY_PHOTO: &str =
    "ghi tên một tệp ảnh .jpg, .png hoặc .webp đặt cạnh bài viết, ví dụ `anh/khai-mac.jpg`";
pub const HINT_VIDEO_POSTER: &str =
    "đặt ảnh bìa cạnh bài viết (ví dụ `anh-bia-video.jpg`) và ghi tên tệp đó, hoặc bỏ ảnh bìa: loa tự vẽ khung video";
pub const HINT_IFRAME_VIDEO: &str =
    "để đưa video YouTube hoặc Facebook vào bài, viết liên kết tới video một mình trên một dòng: [Tên video](https://www.youtube.com/watch?v=…); loa tự tạo khung xem video";

pub const GALLERY_ITEM_SHAPE: &str =
    "mỗi ảnh trong `gallery` phải là tên tệp ảnh, hoặc `src:` kèm `caption:`";
pub const HINT_GALLERY_ITEM: &str = "viết mỗi ảnh một dòng `- anh/ten-anh.jpg`; muốn có chú thích thì viết `- src: anh/ten-anh.jpg` và ngay dòng dưới, thụt vào thẳng chữ src, `caption: \"Chú thích ảnh\"`";

/// A `gallery:` item that is not a photo beside the article.
pub fn gallery_not_a_photo(src: &str) -> String {
    format!("`{src}` trong `gallery` không phải tệp ảnh đặt cạnh bài viết")
}

/// A video's cover named from another site: the page would ask that site for it.
pub fn video_poster_external(src: &str) -> String {
    format!("ảnh bìa video `{src}` ở trang web khác: loa không dùng, để trang không tải gì từ trang khác trước khi người đọc bấm xem")
}

/// What a video's frame says before the reader clicks.
pub fn video_watch_on(host: &str) -> String {
    format!("Bấm để xem video (phát từ {host})")
}

/// A video with no title of its own.
pub const VIDEO_UNTITLED: &str = "Video";
/// The link inside `<video>` for browsers that cannot play it.
pub const VIDEO_DOWNLOAD: &str = "Tải video về máy";
/// The name of a video's caption track.
pub const VIDEO_CAPTIONS: &str = "Phụ đề tiếng Việt";

/// The description of a gallery photo without a caption.
pub fn gallery_photo_alt(title: &str, n: usize, total: usize) -> String {
    format!("{title}: ảnh {n}/{total}")
}
