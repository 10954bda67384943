//! Every message loa shows the officer, in Vietnamese, in one place.
//!
//! Messages say what is wrong in plain words; hints say what to do. Technical detail from a
//! library, when useful, follows the Vietnamese text.

use std::path::Path;

/// What is wrong and what to do about it, before it is placed in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    pub message: String,
    pub hint: String,
}

impl Advice {
    pub fn new(message: impl Into<String>, hint: impl Into<String>) -> Advice {
        Advice {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

pub const LABEL_ERROR: &str = "lỗi";
pub const LABEL_WARNING: &str = "cảnh báo";

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

// Links and files.
pub const HINT_LINK_PATH: &str = "kiểm tra tên tệp và đường dẫn tương đối (../ để lên một thư mục)";
pub const HINT_FILE_PATH: &str = "đặt tệp cạnh bài viết hoặc sửa lại tên tệp cho đúng";
pub const HINT_LINK_WITHHELD: &str =
    "bỏ liên kết, hoặc đăng bài kia trước (bỏ draft: true / sửa ngày đăng)";
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

// Config.
pub const HINT_DUPLICATE_KEY: &str =
    "mỗi khóa chỉ khai báo một lần: xóa mục lặp lại hoặc đặt khóa khác";
pub const HINT_BASE_URL: &str = "viết địa chỉ đầy đủ, ví dụ https://stp.angiang.gov.vn/cchc/";
pub const HINT_THEME_FOLDER: &str =
    "tạo thư mục themes/<tên>/templates/ hoặc bỏ dòng theme: để dùng giao diện mặc định";

// Templates.
pub const HINT_TEMPLATE: &str = "sửa mẫu giao diện (template) ở vị trí trên";
pub const HINT_TEMPLATE_MISSING: &str =
    "kiểm tra dòng `template:` hoặc thêm tệp mẫu vào themes/<tên>/templates/";

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

// init and new.
pub const SITE_EXISTS: &str = "ở đây đã có trang (config.yaml); loa không ghi đè";
pub const HINT_SITE_EXISTS: &str = "chọn một thư mục trống: loa init ten-thu-muc";
pub const ARTICLE_EXISTS: &str = "đã có bài với tên tệp này; loa không ghi đè";
pub const HINT_ARTICLE_EXISTS: &str = "đặt tiêu đề khác, hoặc mở tệp đã có để viết tiếp";
pub const NEW_NEEDS_TITLE: &str = "tiêu đề và chuyên mục phải có ít nhất một chữ hoặc số";
pub const NEW_ARTICLE_BODY: &str =
    "Viết đoạn mở đầu ở đây. Khi bài đã sẵn sàng, xóa dòng `draft: true`.";
pub const INIT_HOME: &str = "---\ntitle: \"Tuyên truyền cải cách hành chính\"\ndescription: \"Tin tức, sự kiện về cải cách hành chính\"\n---\n";
pub const INIT_SECTION: &str = "---\ntitle: \"Tin tức\"\n---\n";

pub fn init_article(date: &str) -> String {
    format!(
        "---\ntitle: \"Chào mừng đến với trang tuyên truyền cải cách hành chính\"\ndate: {date}\ntopics: [vai-tro-cchc]\nunit: van-phong\n---\n\n\
         Đây là bài viết mẫu. Sửa tệp này hoặc tạo bài mới bằng lệnh `loa new \"Tiêu đề\"`.\n\n\
         ## Bắt đầu\n\nXem trước trang bằng `loa build`, rồi mở thư mục output/.\n"
    )
}

// Summaries.
pub fn build_summary(
    pages: usize,
    written: usize,
    unchanged: usize,
    removed: usize,
    seconds: f64,
    out: &Path,
) -> String {
    format!(
        "Đã dựng {pages} trang ({written} tệp ghi mới, {unchanged} không đổi, {removed} đã xóa) trong {} giây → {}",
        format_seconds(seconds),
        out.display()
    )
}

pub fn warnings_denied(warnings: usize) -> String {
    format!("--deny-warnings: {warnings} cảnh báo được tính là lỗi.")
}

pub fn now_not_a_date(value: &str) -> String {
    format!("`{value}` không phải ngày giờ hợp lệ")
}

pub fn check_summary(pages: usize, warnings: usize) -> String {
    format!("Kiểm tra xong: {pages} trang, không có lỗi, {warnings} cảnh báo")
}

/// What a failed command did not do, for the closing line.
#[derive(Debug, Clone, Copy)]
pub enum Failed {
    Build,
    Check,
    Create,
    Serve,
    Report,
    Share,
    Publish,
}

pub fn failure_summary(failed: Failed, errors: usize, warnings: usize) -> String {
    match failed {
        Failed::Build => format!(
            "Không dựng được trang: {errors} lỗi, {warnings} cảnh báo. Thư mục xuất được giữ nguyên."
        ),
        Failed::Check => format!("Kiểm tra thấy {errors} lỗi, {warnings} cảnh báo."),
        Failed::Create => format!("Chưa tạo được gì: {errors} lỗi."),
        Failed::Serve => format!("Không chạy được xem trước: {errors} lỗi."),
        Failed::Report => format!("Chưa lập được báo cáo: {errors} lỗi."),
        Failed::Share => format!("Chưa soạn được bài đăng: {errors} lỗi."),
        Failed::Publish => format!("Chưa đăng xong: {errors} lỗi."),
    }
}

pub fn created(path: &Path) -> String {
    format!("Đã tạo {}", path.display())
}

/// Seconds with a decimal comma, the Vietnamese way: 0,42.
fn format_seconds(s: f64) -> String {
    format!("{s:.2}").replace('.', ",")
}

pub const HINT_BAD_IMAGE: &str =
    "mở ảnh bằng phần mềm xem ảnh; nếu ảnh hỏng, chép lại từ điện thoại hoặc lưu lại dạng JPEG";

pub fn bad_image(e: &str) -> String {
    format!("không đọc được ảnh để thu nhỏ, ảnh được đăng nguyên như cũ ({e})")
}

// report.
pub const PERIOD_MISSING: &str = "chưa nói kỳ báo cáo";
pub const HINT_PERIOD: &str =
    "dùng --quarter 2025-Q4, --month 2025-10, --year 2025, hoặc --from 2025-08-21 --to 2025-12-31";
pub const REPORT_EXISTS: &str = "đã có tệp này; loa không ghi đè";
pub const HINT_REPORT_EXISTS: &str = "đặt tên tệp khác cho báo cáo, ví dụ bao-cao-quy-4-lan-2.csv";

pub fn bad_period(value: &str) -> String {
    format!("không hiểu kỳ báo cáo `{value}`")
}

// serve.
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

// publish.
pub const NO_TARGET: &str = "chưa nói đăng trang lên đâu";
pub const TARGET_EMPTY: &str = "nơi đăng (publish) để trống";
pub const HINT_PUBLISH_TARGET: &str = "thêm vào config.yaml một dòng như `publish: \"sftp://cchc@may-chu:22/var/www/cchc\"` (máy chủ) hoặc `publish: \"/mnt/portal/cchc\"` (thư mục), hoặc dùng --target";

pub fn bad_target(text: &str) -> String {
    format!("không hiểu nơi đăng `{text}`: loa chỉ đăng qua sftp:// hoặc vào một thư mục")
}

pub fn target_without_user(text: &str) -> String {
    format!("nơi đăng `{text}` thiếu tên người dùng trên máy chủ (phần trước @)")
}

pub fn target_without_folder(text: &str) -> String {
    format!("nơi đăng `{text}` thiếu thư mục trên máy chủ (phần sau tên máy)")
}

pub const TARGET_FOLDER_MISSING: &str = "thư mục nơi đăng không có (hoặc không phải thư mục)";
pub const HINT_TARGET_FOLDER_MISSING: &str = "kiểm tra đường dẫn trong `publish:`; nếu là ổ mạng, kết nối (mount) ổ trước; loa không tự tạo thư mục này để khỏi đăng nhầm chỗ";

pub fn unreachable(host: &str, port: u16, detail: &str) -> String {
    format!("không kết nối được tới máy chủ {host} cổng {port} ({detail})")
}
pub const HINT_UNREACHABLE: &str = "kiểm tra mạng (và VPN của cơ quan nếu cần), tên máy và cổng trong `publish:`; nếu vẫn không được, hỏi bộ phận CNTT máy chủ có đang mở SSH không. Chưa có gì thay đổi trên máy chủ";

pub fn unknown_host(host: &str, known_hosts: &Path, fingerprint: &str) -> String {
    format!(
        "máy này chưa từng kết nối tới máy chủ {host} (không có trong {}); dấu vân tay khóa máy chủ: {fingerprint}",
        known_hosts.display()
    )
}
pub const HINT_UNKNOWN_HOST: &str = "hỏi bộ phận CNTT dấu vân tay khóa của máy chủ; nếu trùng, chạy lại với --accept-host-key để loa ghi nhớ máy chủ này";

pub fn host_key_changed(host: &str, known_hosts: &Path, line: usize) -> String {
    format!(
        "khóa của máy chủ {host} khác với khóa đã ghi nhớ ({} dòng {line}): máy chủ vừa được cài lại, hoặc có kẻ giả mạo; loa không đăng",
        known_hosts.display()
    )
}

pub fn hint_host_key_changed(known_hosts: &Path, line: usize) -> String {
    format!(
        "báo bộ phận CNTT; chỉ khi họ xác nhận máy chủ vừa cài lại, xóa dòng {line} trong {} rồi chạy lại với --accept-host-key",
        known_hosts.display()
    )
}

pub fn known_hosts_unusable(known_hosts: &Path, detail: &str) -> String {
    format!(
        "không dùng được tệp máy chủ đã biết {} ({detail})",
        known_hosts.display()
    )
}
pub const HINT_KNOWN_HOSTS: &str = "kiểm tra quyền đọc, ghi tệp này (thường là ~/.ssh/known_hosts)";

pub const NO_KEY: &str =
    "không có khóa đăng nhập SSH nào (không có ssh-agent, không có ~/.ssh/id_ed25519 hay ~/.ssh/id_rsa)";
pub const HINT_NO_KEY: &str = "tạo khóa bằng `ssh-keygen -t ed25519`, gửi tệp ~/.ssh/id_ed25519.pub cho bộ phận CNTT để thêm vào máy chủ, hoặc chỉ tới tệp khóa bằng --identity";

pub fn key_encrypted(file: &Path) -> String {
    format!(
        "tệp khóa {} có mật khẩu; loa không hỏi mật khẩu",
        file.display()
    )
}

pub fn hint_key_encrypted(file: &Path) -> String {
    format!(
        "nạp khóa vào ssh-agent bằng `ssh-add {}` rồi chạy lại loa publish",
        file.display()
    )
}

pub fn key_unreadable(file: &Path, detail: &str) -> String {
    format!("không đọc được tệp khóa {} ({detail})", file.display())
}
pub const HINT_KEY_UNREADABLE: &str =
    "kiểm tra đường dẫn của --identity hoặc `identity:` trong config.yaml (tệp khóa riêng, không phải tệp .pub)";

pub fn rsa_key_left_out(file: &Path) -> String {
    format!(
        "tệp khóa {} là khóa RSA; bản loa này không dùng khóa RSA vì thư viện RSA có lỗ hổng bảo mật chưa được vá (RUSTSEC-2023-0071)",
        file.display()
    )
}
pub const HINT_RSA_KEY_LEFT_OUT: &str = "tạo khóa mới bằng `ssh-keygen -t ed25519`, gửi tệp ~/.ssh/id_ed25519.pub cho bộ phận CNTT để thêm vào máy chủ; nếu máy chủ chỉ nhận khóa RSA, nhờ bộ phận CNTT dựng loa với `--features rsa`";

pub fn key_refused(host: &str, user: &str, tried: &[String]) -> String {
    format!(
        "máy chủ {host} không nhận khóa đăng nhập của người dùng {user} (đã thử: {})",
        tried.join(", ")
    )
}

pub fn hint_key_refused(user: &str) -> String {
    format!("gửi tệp khóa công khai (.pub) cho bộ phận CNTT để thêm vào máy chủ cho người dùng {user}, hoặc dùng --identity chỉ tới đúng tệp khóa. Chưa có gì thay đổi trên máy chủ")
}

pub fn no_sftp(host: &str, detail: &str) -> String {
    format!("đã đăng nhập {host} nhưng máy chủ không mở SFTP ({detail})")
}
pub const HINT_NO_SFTP: &str = "nhờ bộ phận CNTT bật SFTP (Subsystem sftp) cho tài khoản này";

pub const PUBLISH_MANIFEST_DAMAGED: &str =
    "tệp ghi nhớ của loa trên nơi đăng bị hỏng hoặc không phải của loa";
pub const HINT_PUBLISH_MANIFEST_DAMAGED: &str = "không sửa tay tệp này; hỏi bộ phận CNTT, hoặc đăng vào một thư mục khác. loa không ghi gì khi chưa biết tệp nào là của mình";

pub fn foreign_on_target(paths: &[String]) -> String {
    let shown: Vec<&str> = paths.iter().take(5).map(String::as_str).collect();
    let more = if paths.len() > 5 {
        format!(" và {} tệp khác", paths.len() - 5)
    } else {
        String::new()
    };
    format!(
        "nơi đăng đã có tệp không do loa đăng trùng tên với tệp của trang: {}{more}; loa không ghi đè",
        shown.join(", ")
    )
}
pub const HINT_FOREIGN_ON_TARGET: &str = "hỏi bộ phận CNTT để chuyển các tệp đó đi, hoặc đăng vào một thư mục riêng. Chưa có gì thay đổi trên nơi đăng";

/// An I/O failure while publishing: what happened and what to do, depending on whether the
/// target had already been changed.
pub fn publish_io(e: &std::io::Error, user: Option<&str>, started: bool) -> Advice {
    use std::io::ErrorKind as K;
    let state = publish_state(started);
    let who = user.map_or_else(String::new, |u| format!(" cho người dùng {u}"));
    match e.kind() {
        K::PermissionDenied => Advice::new(
            "nơi đăng không cho ghi (không đủ quyền)",
            format!("nhờ bộ phận CNTT cấp quyền ghi thư mục này{who}. {state}"),
        ),
        K::StorageFull | K::QuotaExceeded => Advice::new(
            "ổ đĩa của nơi đăng đã đầy",
            format!("nhờ bộ phận CNTT giải phóng dung lượng. {state}"),
        ),
        K::ConnectionAborted
        | K::ConnectionReset
        | K::BrokenPipe
        | K::TimedOut
        | K::UnexpectedEof
        | K::NotConnected => Advice::new(
            format!("mất kết nối với máy chủ ({e})"),
            format!("kiểm tra mạng. {state}"),
        ),
        _ => Advice::new(
            format!("không ghi được ({e})"),
            format!("hỏi bộ phận CNTT về lỗi trên. {state}"),
        ),
    }
}

pub const PAGE_VANISHES: &str =
    "trang này đã đăng trước đây sẽ bị gỡ: ai mở liên kết cũ (đã chia sẻ qua Facebook, Zalo) sẽ gặp trang không tìm thấy";

pub fn hint_alias_for(old: &str) -> String {
    format!("nếu bài chỉ đổi tên tệp hoặc `slug:`, thêm vào bài mới dòng `aliases: [\"{old}\"]` để địa chỉ cũ tự chuyển sang bài")
}

pub const ZIP_EXISTS: &str = "đã có tệp này; loa không ghi đè";
pub const HINT_ZIP_EXISTS: &str = "đặt tên khác cho tệp nén, ví dụ trang-cchc-2025-12-01.zip";

/// Bytes the Vietnamese way: 1,5 MB.
pub fn bytes(n: u64) -> String {
    let (value, unit) = match n {
        0..1024 => return format!("{n} byte"),
        1024..1_048_576 => (n as f64 / 1024.0, "KB"),
        _ => (n as f64 / 1_048_576.0, "MB"),
    };
    format!("{value:.1} {unit}").replace('.', ",")
}

pub fn publish_line(change: char, path: &str, size: Option<u64>) -> String {
    match size {
        Some(size) => format!("  {change} {path} ({})", bytes(size)),
        None => format!("  {change} {path}"),
    }
}

pub fn publish_summary(
    dry_run: bool,
    target: &str,
    (added, changed, removed, unchanged): (usize, usize, usize, usize),
    sent: u64,
    site: u64,
) -> String {
    let counts =
        format!("{added} tệp mới, {changed} tệp đổi, {removed} tệp gỡ, {unchanged} không đổi");
    if dry_run {
        format!(
            "Thử đăng lên {target}: {counts}; sẽ gửi {} (cả trang: {}). Chưa gửi gì.",
            bytes(sent),
            bytes(site)
        )
    } else {
        format!(
            "Đã đăng lên {target}: {counts}; đã gửi {} (cả trang: {}).",
            bytes(sent),
            bytes(site)
        )
    }
}

pub fn publish_nothing(target: &str) -> String {
    format!("Trang trên {target} đã đúng như bản dựng; không gửi gì.")
}

pub fn leftovers_finished(n: usize) -> String {
    format!("Lần đăng trước bị ngắt giữa chừng: đăng lại {n} tệp còn dở.")
}

pub fn zip_written(path: &Path, files: usize, size: u64) -> String {
    format!(
        "Đã ghi {} ({files} tệp, {}) kèm tệp ghi nhớ .loa-publish.json: gửi tệp này cho bộ phận CNTT để đưa lên cổng.",
        path.display(),
        bytes(size)
    )
}

// ---------------------------------------------------------------------------------------
// Publish safety: `loa publish` and `loa build` stay inside their folder.
// ---------------------------------------------------------------------------------------

/// Whether the target was changed before a failure, and what to do about it.
pub fn publish_state(started: bool) -> &'static str {
    if started {
        "Trang đang chạy vẫn dùng được (bài mới có thể chưa lên hết); chạy lại `loa publish` để đăng nốt"
    } else {
        "Chưa có gì thay đổi trên nơi đăng"
    }
}

// Why a path in a record is not a path inside the folder.
pub const PATH_EMPTY: &str = "đường dẫn rỗng";
pub const PATH_ABSOLUTE: &str = "đường dẫn tuyệt đối, bắt đầu bằng /";
pub const PATH_DRIVE: &str = "có tên ổ đĩa như C:";
pub const PATH_BACKSLASH: &str = "có dấu \\";
pub const PATH_NUL: &str = "có ký tự NUL";
pub const PATH_EMPTY_SEGMENT: &str = "có đoạn trống (// hoặc / ở cuối)";
pub const PATH_CLIMBS: &str = "có . hoặc .. để đi ra thư mục cha";

/// A path as the officer can read it: control characters (NUL) written as `\u{0}`.
fn shown_path(path: &str) -> String {
    path.chars()
        .map(|c| {
            if c.is_control() {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

pub fn publish_entry_outside(entry: &str, why: &str) -> String {
    format!(
        "tệp ghi nhớ có mục `{}` không phải một tệp bên trong nơi đăng ({why}); loa dừng, không gửi và không xóa gì",
        shown_path(entry)
    )
}
pub const HINT_PUBLISH_ENTRY_OUTSIDE: &str = "tệp này đã bị sửa ngoài loa: báo bộ phận CNTT kiểm tra nơi đăng, không tự sửa tệp. Chưa có gì thay đổi trên nơi đăng";

pub const PUBLISH_LINK: &str = "trên nơi đăng, đây là một liên kết tượng trưng (symlink); loa không ghi, không xóa qua liên kết để khỏi đụng tới tệp ngoài nơi đăng";

pub fn hint_publish_link(started: bool) -> String {
    format!(
        "nhờ bộ phận CNTT thay liên kết này bằng thư mục hoặc tệp thật (riêng thư mục đăng thì được phép là liên kết). {}",
        publish_state(started)
    )
}

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

pub fn host_key_revoked(host: &str, known_hosts: &Path, line: usize) -> String {
    format!(
        "khóa của máy chủ {host} đã bị thu hồi (dòng @revoked {line} trong {}): máy chủ này không được tin; loa không đăng",
        known_hosts.display()
    )
}
pub const HINT_HOST_KEY_REVOKED: &str =
    "báo ngay bộ phận CNTT; không xóa dòng @revoked đó. Chưa có gì thay đổi trên máy chủ";

// Page texts.
// The periodic report to Sở Nội vụ: the same headings in every format.
pub const REPORT_TYPE: &str = "BÁO CÁO";
pub const REPORT_SUBJECT: &str = "Kết quả tuyên truyền cải cách hành chính";
pub const REPORT_TOTAL: &str = "Tổng số bài đã đăng";
/// The count tables' headings (documents), and their first column's name (spreadsheets).
pub const REPORT_COUNT_SECTIONS: [&str; 4] = [
    "I. Theo chủ đề",
    "II. Theo đơn vị",
    "III. Theo hình thức",
    "IV. Theo tháng",
];
pub const REPORT_COUNT_NAMES: [&str; 4] = ["Chủ đề", "Đơn vị", "Hình thức", "Tháng"];
pub const REPORT_COUNT_COLUMNS: [&str; 3] = ["Số bài", "Chỉ tiêu", "Đạt"];
pub const REPORT_EVENT_COLUMNS: [&str; 5] = ["Ngày", "Giờ", "Sự kiện", "Địa điểm", "Số người"];
pub const REPORT_ARTICLES: &str = "VI. Danh sách bài viết";
pub const REPORT_ARTICLE_COLUMNS: [&str; 5] = ["Ngày", "Tiêu đề", "Chủ đề", "Đơn vị", "Địa chỉ"];

pub fn report_events(events: usize, participants: u64) -> String {
    format!("V. Sự kiện đã tổ chức: {events}, tổng số người tham dự: {participants}")
}

pub const TOPICS_TITLE: &str = "Chủ đề";
pub const TAGS_TITLE: &str = "Từ khóa";
pub const UNITS_TITLE: &str = "Đơn vị";
pub const NOT_FOUND_TITLE: &str = "Không tìm thấy trang";
pub const SEARCH_TITLE: &str = "Tìm kiếm";
pub const SEARCH_DESCRIPTION: &str = "Tìm bài viết trên trang, gõ có dấu hay không dấu đều được.";
pub const MOVED_TITLE: &str = "Trang đã chuyển địa chỉ";
pub const MOVED_TEXT: &str = "Trang này đã chuyển sang địa chỉ mới:";

pub fn page_title(title: &str, n: usize) -> String {
    format!("{title} – trang {n}")
}

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

pub fn target_not_topic(list: &str, key: &str) -> String {
    format!("`target:` của `{key}` trong {list}: chỉ tiêu chỉ đặt cho chủ đề (topics)")
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
    "viết per: month (tháng), per: quarter (quý) hoặc per: year (năm), ví dụ target: {articles: 3, per: quarter}";

pub fn behind_target(
    topic: &str,
    published: usize,
    expected: u32,
    target: u32,
    period: &str,
) -> String {
    format!(
        "chủ đề \"{topic}\" chậm so với chỉ tiêu: {period} mới có {published} bài, đến hôm nay lẽ ra đã có {expected} (chỉ tiêu cả kỳ: {target} bài)"
    )
}

pub const HINT_BEHIND_TARGET: &str =
    "viết thêm bài về chủ đề này và gắn `topics:` cho bài, hoặc sửa chỉ tiêu trong config.yaml";

pub const COVERAGE_TITLE: &str = "Tiến độ thực hiện kế hoạch tuyên truyền";
pub const COVERAGE_DESCRIPTION: &str =
    "Số bài theo từng chủ đề của kế hoạch, chỉ tiêu kỳ này và những gì đã đưa tin qua từng hình thức tuyên truyền.";

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

/// What an author wrote, cut to a length a message can show (a `data:` URL runs to megabytes).
fn clip(text: &str) -> std::borrow::Cow<'_, str> {
    const SHOWN: usize = 80;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

pub fn missing_file(dest: &str) -> String {
    format!("không tìm thấy tệp `{dest}`")
}

pub fn link_to_withheld(dest: &str) -> String {
    format!("liên kết tới `{dest}`, bài chưa được đăng (bản nháp hoặc hẹn ngày đăng)")
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

pub fn template_missing(name: &str) -> String {
    format!("không có mẫu giao diện `{name}`")
}

pub fn template_error(detail: &str) -> String {
    format!("lỗi mẫu giao diện: {detail}")
}

pub fn template_error_for(detail: &str, page: &Path) -> String {
    format!("lỗi mẫu giao diện khi dựng {}: {detail}", page.display())
}

pub fn filter_not_a_date(value: &str) -> String {
    format!("`{value}` không phải ngày tháng")
}

pub fn io_read(e: &std::io::Error) -> String {
    format!("không đọc được tệp ({e})")
}

pub fn io_walk(e: &str) -> String {
    format!("không đọc được thư mục ({e})")
}

pub fn io_write(e: &std::io::Error) -> String {
    format!("không ghi được tệp ({e})")
}

pub const HINT_TYPE: &str = "viết lại giá trị đúng dạng: chữ thì đặt trong ngoặc kép, danh sách thì [a, b], số thì chỉ có chữ số, có/không thì true hoặc false";
pub const HINT_YAML_SYNTAX: &str = "kiểm tra dấu hai chấm sau mỗi khóa, thụt lề bằng dấu cách và dấu ngoặc kép quanh giá trị có dấu hai chấm";

// Legal citations (data/van-ban.yaml and document numbers in articles).
pub const DOCUMENTS_TITLE: &str = "Văn bản";
pub const TABLE_NOT_A_LIST: &str =
    "data/van-ban.yaml phải là một danh sách văn bản, mỗi văn bản bắt đầu bằng dòng `- number:`";
pub const TABLE_ENTRY_NOT_A_MAPPING: &str =
    "mỗi văn bản trong danh sách phải gồm các dòng `khóa: giá trị`";
pub const HINT_TABLE_ENTRY: &str = "mỗi văn bản viết theo mẫu:\n    - number: \"118/2025/NĐ-CP\"\n      title: \"Nghị định quy định về …\"\n      date: 2025-06-09\n      url: \"https://…\"";
pub const HINT_TABLE_DUPLICATE: &str = "mỗi văn bản chỉ khai báo một lần: xóa mục lặp lại";
pub const HINT_TABLE_DATE: &str = "viết ngày ban hành theo dạng năm-tháng-ngày, ví dụ 2025-06-09";
pub const HINT_TABLE_URL: &str =
    "dán địa chỉ đầy đủ của văn bản gốc, bắt đầu bằng https://, ví dụ trên vanban.chinhphu.vn";
pub const HINT_TABLE_NUMBER: &str = "viết số hiệu như trên văn bản: 118/2025/NĐ-CP (số/năm/loại-cơ quan), 66/NQ-CP (số/loại-cơ quan), 57-NQ/TW (văn bản của Đảng), 80/2015/QH13 (luật)";
pub const HINT_TABLE_YEAR: &str = "kiểm tra lại ngày ban hành hoặc năm trong số hiệu";

pub fn table_missing(key: &str) -> String {
    let what = match key {
        "number" => "số hiệu",
        "title" => "tên văn bản",
        "date" => "ngày ban hành",
        _ => "địa chỉ văn bản gốc",
    };
    format!("văn bản thiếu `{key}` ({what})")
}

pub fn table_not_text(key: &str) -> String {
    format!("`{key}` phải là một dòng chữ")
}

pub fn table_duplicate(number: &str, other: &str, line: usize) -> String {
    if number == other {
        format!("văn bản `{number}` đã có ở dòng {line}")
    } else {
        format!("văn bản `{number}` trùng địa chỉ trang với `{other}` ở dòng {line}")
    }
}

pub fn table_bad_date(value: &str) -> String {
    format!("ngày ban hành `{value}` không đúng dạng năm-tháng-ngày")
}

pub fn table_bad_url(value: &str) -> String {
    format!("`{value}` không phải địa chỉ trang web")
}

pub fn table_bad_number(value: &str) -> String {
    format!("`{value}` không có dạng số hiệu văn bản, nên loa không thể tìm thấy nó trong bài")
}

pub fn table_year_differs(number: &str, year: i16) -> String {
    format!("số hiệu `{number}` ghi năm khác với năm ban hành {year}")
}

pub fn citation_unknown(number: &str) -> String {
    format!("số hiệu `{number}` chưa có trong data/van-ban.yaml nên không được gắn liên kết")
}

pub fn hint_citation_unknown(near: Option<&str>) -> String {
    match near {
        Some(n) => format!(
            "có phải ý bạn là `{n}`? Nếu đúng là văn bản khác, thêm nó vào data/van-ban.yaml"
        ),
        None => "thêm văn bản vào data/van-ban.yaml (number, title, date, url) để loa gắn liên kết, hoặc sửa số hiệu nếu viết nhầm".to_string(),
    }
}

pub fn citation_misspelled(number: &str) -> String {
    format!("số hiệu `{number}` viết chưa đúng (chữ Đ, chữ hoa hoặc dấu gạch nối)")
}

pub fn citation_no_year(number: &str) -> String {
    format!(
        "số hiệu `{number}` thiếu năm ban hành: nghị định, thông tư có số hiệu dạng số/năm/ký hiệu"
    )
}

pub fn citation_party_form(number: &str) -> String {
    format!("số hiệu `{number}` là văn bản của Đảng, viết dạng số-loại/cơ quan")
}

pub fn hint_citation_fix(corrected: Option<&str>, known: bool) -> String {
    match (corrected, known) {
        (Some(c), true) => format!("sửa thành `{c}`"),
        (Some(c), false) => format!(
            "sửa thành `{c}`; văn bản này cũng chưa có trong data/van-ban.yaml, thêm vào để loa gắn liên kết"
        ),
        (None, _) => "viết đủ số/năm/ký hiệu như trên văn bản, ví dụ 118/2025/NĐ-CP".to_string(),
    }
}

// `loa import` (Word intake) and the `check` advice about imported and pasted text.
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
