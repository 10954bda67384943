//! `loa serve`: the preview's address, its rebuilds and the requests it refuses.

pub fn port_unavailable(port: u16, e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::AddrInUse {
        format!("cổng {port} đang có chương trình khác dùng")
    } else {
        format!("không mở được cổng {port} ({e})")
    }
}

pub fn hint_other_port(port: u16) -> String {
    format!(
        "chạy lại với cổng khác, ví dụ: loa serve --port {}",
        port.saturating_add(1)
    )
}

pub fn serve_failed(e: &std::io::Error) -> String {
    format!("không chạy được máy chủ xem trước ({e})")
}

pub fn watch_failed(e: &str) -> String {
    format!("không theo dõi được thư mục của trang ({e})")
}

pub fn serving(url: &str) -> String {
    format!("Đang xem trước tại {url} (Ctrl-C để dừng). Mỗi lần lưu tệp, trang sẽ tự cập nhật.")
}

pub const BIND_WARNING: &str =
    "máy chủ xem trước mở cho cả mạng (--bind): ai cùng mạng cũng xem được bản nháp";

pub fn bad_host_option(value: &str) -> String {
    format!("tên máy «{value}» sau --host không dùng được")
}

pub const HINT_HOST_OPTION: &str = "chỉ ghi tên máy hoặc địa chỉ IP, không kèm http:// hay số cổng, ví dụ: loa serve --bind 0.0.0.0 --host may-tu-phap";

/// The body of the answer to a request addressed to a name that is not the preview's.
pub fn preview_wrong_host(host: &str, port: u16) -> String {
    let host = if host.is_empty() {
        "(không có tên)"
    } else {
        host
    };
    format!(
        "Máy chủ xem trước của loa không trả lời tên «{host}»: nó chỉ trả lời tên của \
         chính nó (127.0.0.1, localhost, [::1], địa chỉ IP của máy và các tên cho bằng --host) \
         kèm cổng {port}, để trang web lạ không đọc được bản nháp. \
         Hãy mở http://127.0.0.1:{port}/ trên máy đang chạy loa. Nếu đồng nghiệp mở bằng tên \
         của máy này, chạy lại loa serve với --host và tên đó."
    )
}

/// The body of the answer to a request that could change something but does not come from a
/// page of this preview.
pub const PREVIEW_NOT_OWN_PAGE: &str = "loa từ chối yêu cầu này: chỉ trang do bản xem trước \
    đang chạy mở ra mới được gửi thay đổi. Nếu anh chị đang dùng trang xem trước, hãy tải lại \
    trang (loa đã được chạy lại từ lúc mở trang) rồi thử lại.";

pub fn rebuilt(pages: usize, millis: u128) -> String {
    format!("Đã dựng lại {pages} trang trong {millis} ms")
}

pub fn rebuild_failed(errors: usize, serving: bool) -> String {
    if serving {
        format!("Chưa dựng lại được ({errors} lỗi); vẫn đang phục vụ bản dựng tốt gần nhất.")
    } else {
        format!("Chưa dựng được trang ({errors} lỗi); sửa rồi lưu tệp, trình duyệt sẽ tự tải lại.")
    }
}

pub fn built(pages: usize, millis: u128) -> String {
    format!("Đã dựng {pages} trang trong {millis} ms")
}

pub const NOT_BUILT_YET: &str = "Trang chưa dựng được: sửa các lỗi được liệt kê rồi lưu tệp";
