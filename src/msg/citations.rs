//! Legal citations: data/van-ban.yaml and document numbers in articles.

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
