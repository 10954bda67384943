//! The ledger of activities that are not articles (data/hoat-dong.yaml): what is wrong in an
//! entry, and what to write instead.

use super::clip;

pub const LEDGER_NOT_A_LIST: &str =
    "data/hoat-dong.yaml phải là một danh sách hoạt động, mỗi hoạt động bắt đầu bằng dòng `- date:`";
pub const LEDGER_ENTRY_NOT_A_MAPPING: &str =
    "mỗi hoạt động trong danh sách phải gồm các dòng `khóa: giá trị`";
pub const HINT_LEDGER_ENTRY: &str = "mỗi hoạt động viết theo mẫu:\n    - date: 2025-10-17\n      channel: ngay-phap-luat\n      unit: van-phong\n      title: \"Ngày Pháp luật tháng 10\"\n      participants: 60";
pub const HINT_LEDGER_DATE: &str =
    "viết ngày theo dạng năm-tháng-ngày, ví dụ date: 2025-10-17 (ngày 17 tháng 10 năm 2025)";
pub const HINT_LEDGER_LINK: &str =
    "dán địa chỉ đầy đủ của bài đăng (Facebook, Zalo, báo…), bắt đầu bằng https://";
pub const HINT_LEDGER_PARTICIPANTS: &str =
    "chỉ ghi chữ số, ví dụ participants: 80 (không ghi \"80 người\")";
pub const HINT_LEDGER_COST: &str =
    "ghi số tiền bằng đồng, chỉ chữ số, ví dụ cost: 1500000 hoặc cost: \"1.500.000\"";
pub const HINT_LEDGER_DUPLICATE: &str =
    "mỗi hoạt động chỉ ghi một lần: xóa mục lặp lại, hoặc sửa tên nếu là hai hoạt động khác nhau";
pub const HINT_LEDGER_ON_SITE: &str = "bài trên trang đã được đếm; xóa hoạt động này khỏi data/hoat-dong.yaml, hoặc bỏ dòng `link:` nếu đây là một hoạt động khác";
pub const HINT_EVIDENCE_INSIDE: &str = "đặt tệp minh chứng trong thư mục data/ (ví dụ data/minh-chung/anh.jpg) và ghi đường dẫn tính từ data/: evidence: minh-chung/anh.jpg";
pub const HINT_EVIDENCE_LINK: &str =
    "chép chính tệp vào thư mục data/ thay cho lối tắt (liên kết), rồi ghi đường dẫn tới tệp đó";

pub fn ledger_missing(key: &str) -> String {
    let what = match key {
        "date" => "ngày thực hiện",
        "channel" => "hình thức tuyên truyền",
        _ => "tên hoạt động",
    };
    format!("hoạt động thiếu `{key}` ({what})")
}

pub fn ledger_not_text(key: &str) -> String {
    format!("`{key}` phải là một dòng chữ")
}

pub fn ledger_bad_date(value: &str) -> String {
    format!("ngày `{}` không đúng dạng năm-tháng-ngày", clip(value))
}

pub fn ledger_bad_count(key: &str, value: &str) -> String {
    let what = match key {
        "cost" => "kinh phí",
        _ => "số người tham dự",
    };
    format!(
        "`{key}` ({what}) phải là một số không âm, nhưng đang là `{}`",
        clip(value)
    )
}

pub fn ledger_bad_link(url: &str) -> String {
    format!(
        "`link` `{}` không phải địa chỉ một trang web (bắt đầu bằng https:// hoặc http://)",
        clip(url)
    )
}

pub fn ledger_on_site(url: &str) -> String {
    format!(
        "`link` `{}` là một trang của chính trang này: bài đó đã được đếm, ghi ở đây nữa sẽ bị đếm hai lần",
        clip(url)
    )
}

pub fn ledger_duplicate(title: &str, line: usize) -> String {
    format!(
        "hoạt động \"{}\" đã ghi ở dòng {line} (cùng ngày, cùng hình thức)",
        clip(title)
    )
}

pub fn evidence_outside(path: &str, why: &str) -> String {
    format!(
        "tệp minh chứng `{}` phải nằm trong thư mục data/ ({why})",
        clip(path)
    )
}

pub fn evidence_missing(path: &str) -> String {
    format!("không tìm thấy tệp minh chứng `data/{}`", clip(path))
}

pub fn hint_evidence_missing(near: Option<&str>) -> String {
    match near {
        Some(near) => format!("có phải ý bạn là `{near}`? Đường dẫn tính từ thư mục data/"),
        None => "đặt tệp vào thư mục data/ và ghi đường dẫn tính từ data/, ví dụ evidence: minh-chung/anh.jpg (kiểm tra cả chữ hoa, chữ thường)".to_string(),
    }
}

pub fn evidence_through_link(path: &str, link: &str) -> String {
    format!(
        "tệp minh chứng `data/{}` đi qua lối tắt (liên kết) `{}`; loa không đọc tệp ngoài thư mục data/",
        clip(path),
        clip(link)
    )
}
