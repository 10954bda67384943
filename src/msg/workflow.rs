//! The editorial workflow: approval in config.yaml and in an article, the verbs `submit`,
//! `approve`, `return` and `status`, the approval sheet and the leader's review on a phone.

use std::path::Path;

// config.yaml.
pub const HINT_APPROVAL_SETTING: &str =
    "viết `approval: required` để bài phải được lãnh đạo duyệt mới đăng, hoặc bỏ dòng này";
pub const EMPTY_APPROVER: &str = "danh sách người duyệt (approvers) có một dòng trống";

pub fn bad_approval_setting(value: &str) -> String {
    format!("`approval: {value}` không hiểu được")
}

// The approval block of an article.
pub const APPROVAL_CHANGED: &str =
    "bài đã sửa sau khi được duyệt nên được coi là đang chờ duyệt lại, và chưa được đăng";
pub const APPROVAL_SEAL_BROKEN: &str =
    "khối approval: ghi đã duyệt nhưng thiếu hoặc sai mã xác nhận (by, at, hash): có thể đã bị sửa tay, nên bài chưa được coi là đã duyệt";
pub fn hint_approval_changed(file: &str) -> String {
    format!(
        "mời lãnh đạo duyệt lại: loa approve {file} --by \"Họ tên\", hoặc xem trên điện thoại với loa serve --review"
    )
}

pub fn hint_approval_seal_broken(file: &str) -> String {
    format!("đừng sửa tay khối approval:; để duyệt bài, dùng loa approve {file} --by \"Họ tên\"")
}

pub fn bad_approval_state(value: &str) -> String {
    format!("trạng thái duyệt `{value}` không hiểu được")
}

pub fn unknown_approver(name: &str) -> String {
    format!("`{name}` không có trong danh sách người duyệt (approvers) của config.yaml")
}

pub fn hint_approvers(names: &[&str]) -> String {
    format!(
        "người duyệt ghi trong config.yaml: {}; thêm tên vào approvers: nếu đây là lãnh đạo mới",
        names.join(", ")
    )
}

// The article a verb acts on.
pub const ARTICLE_NOT_FOUND: &str = "không tìm thấy tệp bài viết này";
pub const HINT_ARTICLE_PATH: &str =
    "ghi đường dẫn tới tệp .md trong thư mục content/, ví dụ content/tin-tuc/ten-bai.md";
pub const NOT_IN_CONTENT: &str = "tệp này không nằm trong thư mục content/ của trang";
pub const NOT_MARKDOWN: &str = "chỉ duyệt được bài viết (tệp .md)";
pub const NOT_AN_ARTICLE: &str =
    "tệp này không phải bài viết trong một chuyên mục, nên không cần duyệt";
pub const HINT_NOT_AN_ARTICLE: &str =
    "chỉ bài viết trong thư mục chuyên mục (ví dụ content/tin-tuc/) đi qua bước duyệt";
pub const ARTICLE_CHANGED_MEANWHILE: &str =
    "tệp vừa được lưu lại trong lúc loa đang ghi, nên loa không ghi đè";
pub const APPROVAL_NOT_WRITTEN: &str =
    "loa không ghi được khối approval: đúng như mong muốn nên giữ nguyên tệp; hãy báo người quản trị";

// What a step needs.
pub const STILL_A_DRAFT: &str =
    "bài còn ghi `draft: true` (bản nháp), nên chưa gửi duyệt hay duyệt được";
pub const HINT_STILL_A_DRAFT: &str =
    "khi bài đã viết xong, xóa dòng `draft: true` rồi chạy lại lệnh";
pub const ALREADY_APPROVED: &str =
    "bài đã được duyệt và chưa sửa gì từ đó; không cần gửi hay duyệt lại";
pub const RETURN_NEEDS_NOTE: &str = "trả lại bài cần ghi lý do, để người viết biết phải sửa gì";
pub const APPROVER_MISSING: &str = "cần ghi tên người duyệt: --by \"Họ tên\"";
pub const APPROVAL_NOT_REQUIRED: &str =
    "config.yaml chưa có `approval: required`: việc duyệt được ghi vào bài, nhưng chưa chặn bài chưa duyệt khỏi trang";

// The approval sheet.
pub const SHEET_TITLE: &str = "PHIẾU DUYỆT TIN, BÀI";
pub const SHEET_ARTICLE: &str = "Tên tin, bài";
pub const SHEET_UNIT: &str = "Đơn vị";
pub const SHEET_AUTHOR: &str = "Tác giả";
pub const SHEET_DATE: &str = "Ngày viết";
pub const SHEET_TOPICS: &str = "Chủ đề";
pub const SHEET_URL: &str = "Địa chỉ đăng";
pub const SHEET_OPINION: &str = "Ý kiến của lãnh đạo duyệt:";
pub const SHEET_APPROVED: &str = "Đồng ý đăng";
pub const SHEET_RETURNED: &str = "Trả lại để chỉnh sửa";
pub const SHEET_AUTHOR_SIGNS: &str = "NGƯỜI VIẾT BÀI";
pub const SHEET_LEADER_SIGNS: &str = "LÃNH ĐẠO DUYỆT";
pub const SHEET_SIGN: &str = "(Ký, ghi rõ họ tên)";
pub const SHEET_BLANK: &str = "……………………………………………………………";
pub const SHEET_DATE_BLANK: &str = "ngày …… tháng …… năm ……";

pub fn sheet_subtitle(site: &str) -> String {
    format!("Đăng trên trang {site}")
}

pub fn sheet_file(file: &str) -> String {
    format!("Lập từ tệp {file}")
}

// What the verbs say when done.
pub fn submitted(file: &Path, title: &str) -> String {
    format!(
        "Đã gửi duyệt {} «{title}». Bài chờ lãnh đạo duyệt (loa approve, hoặc loa serve --review).",
        file.display()
    )
}

pub fn approved(file: &Path, title: &str, by: &str, at: &str) -> String {
    format!(
        "Đã duyệt {} «{title}»: {by}, lúc {at}. Bài có trong lần dựng hoặc đăng tới (khi đến ngày đăng).",
        file.display()
    )
}

pub fn returned(file: &Path, title: &str, note: &str) -> String {
    format!(
        "Đã trả lại {} «{title}» cho người viết, kèm ghi chú: {}",
        file.display(),
        note.trim()
    )
}

// `loa status`.
pub const NO_ARTICLES: &str = "Trang chưa có bài viết nào trong các chuyên mục.";
pub const STAGE_SUBMITTED: &str = "Chờ duyệt";
pub const STAGE_CHANGED: &str = "Đã sửa sau khi duyệt, chờ duyệt lại";
pub const STAGE_RETURNED: &str = "Bị trả lại, chờ người viết sửa";
pub const STAGE_DRAFT: &str = "Nháp, chưa gửi duyệt";
pub const STAGE_SCHEDULED: &str = "Hẹn ngày đăng";
pub const STAGE_PUBLISHED: &str = "Được đăng";

pub fn status_line(file: &str, date: &str, title: &str, who: &str) -> String {
    let who = if who.is_empty() {
        String::new()
    } else {
        format!(" — {who}")
    };
    format!("{file} ({date}) «{title}»{who}")
}

pub fn status_submitted_by(author: Option<&str>, at: Option<&str>) -> String {
    match (author, at) {
        (Some(author), Some(at)) => format!("{author} gửi lúc {at}"),
        (None, Some(at)) => format!("gửi lúc {at}"),
        (Some(author), None) => format!("{author} gửi"),
        (None, None) => String::new(),
    }
}

pub fn status_returned_by(by: Option<&str>, note: Option<&str>) -> String {
    let note = note.unwrap_or_default();
    match by {
        Some(by) => format!("{by} trả lại: {note}"),
        None => format!("trả lại: {note}"),
    }
}

pub fn status_approved_by(by: Option<&str>, at: Option<&str>) -> String {
    match (by, at) {
        (Some(by), Some(at)) => format!("{by} duyệt lúc {at}"),
        _ => String::new(),
    }
}

// The build's list of what waits.
pub fn waiting_heading(count: usize) -> String {
    format!("Chưa đăng vì chưa được duyệt ({count} bài):")
}

pub fn waiting_line(file: &str, title: &str, why: &str) -> String {
    format!("{file} «{title}» — {why}")
}

pub fn waits_for_approvers(names: &[&str]) -> String {
    match names {
        [] => "chờ lãnh đạo duyệt".to_string(),
        names => format!("chờ duyệt: {}", names.join(", ")),
    }
}

pub fn waits_again_for_approvers(names: &[&str]) -> String {
    format!("đã sửa sau khi duyệt, {}", waits_for_approvers(names))
}

pub fn waits_for_author_fix(author: Option<&str>, note: Option<&str>) -> String {
    let who = author.map_or_else(|| "người viết".to_string(), |a| format!("người viết ({a})"));
    match note {
        Some(note) => format!("bị trả lại, chờ {who} sửa: {note}"),
        None => format!("bị trả lại, chờ {who} sửa"),
    }
}

pub fn waits_for_submit(author: Option<&str>, file: &str) -> String {
    let who = author.map_or_else(|| "người viết".to_string(), |a| format!("người viết ({a})"));
    format!("chưa gửi duyệt, chờ {who} gửi: loa submit {file}")
}

// The leader's review on a phone (`loa serve --review`).
pub const REVIEW_NO_TOKEN: &str = "loa từ chối yêu cầu này: trang duyệt bài chỉ mở được bằng đúng \
    địa chỉ (có mã bí mật) mà loa serve --review in ra trên máy của cán bộ.";
pub const REVIEW_NOT_WAITING: &str =
    "bài này không còn chờ duyệt (đã được duyệt, trả lại hoặc sửa); tải lại trang để xem danh sách mới";
pub const REVIEW_BAD_FORM: &str =
    "yêu cầu không rõ là duyệt hay trả lại; tải lại trang rồi thử lại";
pub const REVIEW_TITLE: &str = "Bài chờ duyệt";
pub const REVIEW_NOTHING_WAITING: &str = "Không có bài nào chờ duyệt.";
pub const REVIEW_APPROVER: &str = "Người duyệt";
pub const REVIEW_NOTE: &str = "Ý kiến (bắt buộc khi trả lại)";
pub const REVIEW_APPROVE: &str = "Duyệt";
pub const REVIEW_RETURN: &str = "Trả lại";
pub const REVIEW_NO_NETWORK: &str =
    "không tìm thấy địa chỉ mạng nội bộ của máy này: điện thoại chỉ \
    mở được trang duyệt khi máy đã nối mạng (Wi-Fi hoặc cáp) cùng mạng với điện thoại";

pub fn reviewing(urls: &[String]) -> String {
    let lines: Vec<String> = urls.iter().map(|u| format!("    {u}")).collect();
    format!(
        "Trang duyệt bài đang mở cho mạng nội bộ (Ctrl-C để dừng). Lãnh đạo quét mã QR dưới đây \
         bằng điện thoại cùng mạng, hoặc mở địa chỉ:\n{}\nAi có địa chỉ này đều duyệt được bài: \
         chỉ gửi cho lãnh đạo, và tắt loa khi duyệt xong.",
        lines.join("\n")
    )
}
