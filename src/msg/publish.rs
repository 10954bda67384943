//! `loa publish`: the target, the SSH login and server keys, what happened on the target, and
//! its summary.

use std::path::Path;

use super::{shown_path, Advice};

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

// Publish stays inside its target: what the officer is told when it stops.
/// Whether the target was changed before a failure, and what to do about it.
pub fn publish_state(started: bool) -> &'static str {
    if started {
        "Trang đang chạy vẫn dùng được (bài mới có thể chưa lên hết); chạy lại `loa publish` để đăng nốt"
    } else {
        "Chưa có gì thay đổi trên nơi đăng"
    }
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

pub fn host_key_revoked(host: &str, known_hosts: &Path, line: usize) -> String {
    format!(
        "khóa của máy chủ {host} đã bị thu hồi (dòng @revoked {line} trong {}): máy chủ này không được tin; loa không đăng",
        known_hosts.display()
    )
}
pub const HINT_HOST_KEY_REVOKED: &str =
    "báo ngay bộ phận CNTT; không xóa dòng @revoked đó. Chưa có gì thay đổi trên máy chủ";
