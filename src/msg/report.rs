//! `loa report`: its period and file, and the headings of the report in every format.

pub const PERIOD_MISSING: &str = "chưa nói kỳ báo cáo";
pub const HINT_PERIOD: &str =
    "dùng --quarter 2025-Q4, --month 2025-10, --year 2025, hoặc --from 2025-08-21 --to 2025-12-31";
pub const REPORT_EXISTS: &str = "đã có tệp này; loa không ghi đè";
pub const HINT_REPORT_EXISTS: &str = "đặt tên tệp khác cho báo cáo, ví dụ bao-cao-quy-4-lan-2.csv";

pub fn hint_narrative_missing(file: &str) -> String {
    format!("tạo tệp {file} và viết dưới các dòng tiêu đề:\n    ## Tồn tại, hạn chế\n    ## Phương hướng, nhiệm vụ\n    ## Kiến nghị, đề xuất")
}

pub fn bad_period(value: &str) -> String {
    format!("không hiểu kỳ báo cáo `{value}`")
}

// The periodic report to Sở Nội vụ: the same headings in every format.
pub const REPORT_TYPE: &str = "BÁO CÁO";
pub const REPORT_SUBJECT: &str = "Kết quả tuyên truyền cải cách hành chính";
pub const NATIONAL_NAME: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const NATIONAL_MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
pub const REPORT_TO: &str = "Kính gửi";
pub const REPORT_COPIES: &str = "Nơi nhận";
pub const REPORT_TOTAL: &str = "Tổng số bài đã đăng";
pub const REPORT_ACTIVITY_TOTAL: &str = "Tổng số hoạt động khác";
/// The four sections of the report; II–IV are the officer's.
pub const REPORT_PART_HEADINGS: [&str; 4] = [
    "I. KẾT QUẢ THỰC HIỆN",
    "II. TỒN TẠI, HẠN CHẾ",
    "III. PHƯƠNG HƯỚNG, NHIỆM VỤ",
    "IV. KIẾN NGHỊ, ĐỀ XUẤT",
];
/// The count tables' headings (documents), and their first column's name (spreadsheets).
pub const REPORT_COUNT_SECTIONS: [&str; 4] = [
    "1. Theo chủ đề của kế hoạch",
    "2. Theo đơn vị",
    "3. Theo hình thức tuyên truyền",
    "4. Theo tháng",
];
pub const REPORT_COUNT_NAMES: [&str; 4] = ["Chủ đề", "Đơn vị", "Hình thức", "Tháng"];
pub const REPORT_COUNT_COLUMNS: [&str; 3] = ["Số bài", "Chỉ tiêu", "Đạt"];
/// The columns a count table gets when the period has activities of the ledger.
pub const REPORT_ACTIVITY_COUNT_COLUMNS: [&str; 2] = ["Hoạt động", "Cộng"];
pub const REPORT_EVENT_COLUMNS: [&str; 5] = ["Ngày", "Giờ", "Sự kiện", "Địa điểm", "Số người"];
pub const REPORT_ACTIVITIES: &str = "6. Hoạt động tuyên truyền khác";
pub const REPORT_ACTIVITY_COLUMNS: [&str; 7] = [
    "Ngày",
    "Hoạt động",
    "Hình thức",
    "Đơn vị",
    "Số người",
    "Kinh phí (đồng)",
    "Minh chứng",
];
/// The same on a printed page, where the channel and the unit share a column.
pub const REPORT_ACTIVITY_COLUMNS_PRINTED: [&str; 6] = [
    "Ngày",
    "Hoạt động",
    "Hình thức, đơn vị",
    "Số người",
    "Kinh phí (đồng)",
    "Minh chứng",
];
pub const REPORT_ARTICLES: &str = "7. Danh sách tin, bài đã đăng";
pub const REPORT_ARTICLE_COLUMNS: [&str; 5] = ["Ngày", "Tiêu đề", "Chủ đề", "Đơn vị", "Địa chỉ"];
/// The report's last words, before the signature.
pub const REPORT_CLOSING: &str = "Trên đây là báo cáo";
pub const NO_SIGNER_NAME: &str = "(họ và tên người ký)";
pub const NO_SIGNER_TITLE: &str = "GIÁM ĐỐC";

pub fn report_events(events: usize, participants: u64) -> String {
    format!("5. Sự kiện đã tổ chức: {events}, tổng số người tham dự: {participants}")
}

/// `… báo cáo kết quả tuyên truyền cải cách hành chính quý IV năm 2025 của Sở Tư pháp …./.`
pub fn report_closing(subject: &str, organization: &str) -> String {
    format!(
        "{REPORT_CLOSING} {} của {organization}./.",
        lowercase_first(subject)
    )
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

// Section I's opening, written from the counts.
/// `Trong quý IV năm 2025 (từ ngày …), Sở Tư pháp … đã đăng 12 tin, bài trên …`
pub fn summary_articles(
    period: &str,
    dates: &str,
    organization: &str,
    total: usize,
    site: &str,
) -> String {
    format!(
        "Trong {period} ({}), {organization} đã đăng {total} tin, bài trên trang {site}.",
        lowercase_first(dates)
    )
}

/// `Ngoài tin, bài, đã thực hiện 5 hoạt động tuyên truyền khác: 2 Ngày Pháp luật…; 3 Trang Facebook….`
pub fn summary_activities(count: usize, by_channel: &[(String, usize)]) -> String {
    let parts: Vec<String> = by_channel
        .iter()
        .map(|(name, n)| format!("{name}: {n}"))
        .collect();
    format!(
        "Ngoài tin, bài, đã thực hiện {count} hoạt động tuyên truyền khác ({}).",
        parts.join("; ")
    )
}

pub fn summary_people(events: usize, people: u64) -> String {
    match events {
        0 => format!("Các hoạt động có tổng cộng {people} lượt người tham dự."),
        _ => format!("Đã tổ chức {events} hội nghị, sự kiện; các sự kiện và hoạt động có tổng cộng {people} lượt người tham dự."),
    }
}

/// `15/17 chủ đề của kế hoạch đã có tin, bài hoặc hoạt động; chưa có: PCI, PGI.`
pub fn summary_topics(covered: usize, all: usize, missing: &[&str]) -> String {
    match missing {
        [] => format!("Tất cả {all} chủ đề của kế hoạch đều đã có tin, bài hoặc hoạt động."),
        _ => format!(
            "{covered}/{all} chủ đề của kế hoạch đã có tin, bài hoặc hoạt động; chủ đề chưa có: {}.",
            missing.join("; ")
        ),
    }
}

/// `Đạt 4/6 chỉ tiêu của kỳ; chưa đạt: Đề án 06/CP (1/3), Ngày Pháp luật hằng tháng (2/3).`
pub fn summary_targets(reached: usize, all: usize, behind: &[String]) -> String {
    match behind {
        [] => format!("Đạt cả {all} chỉ tiêu kế hoạch đặt ra cho kỳ báo cáo."),
        _ => format!(
            "Đạt {reached}/{all} chỉ tiêu kế hoạch đặt ra cho kỳ báo cáo; chưa đạt: {}.",
            behind.join("; ")
        ),
    }
}

pub fn summary_cost(cost: &str) -> String {
    format!("Kinh phí thực hiện các hoạt động đã ghi nhận: {cost} đồng.")
}

// The officer's text for the period (data/bao-cao/…).
pub const NARRATIVE_TEXT_BEFORE: &str =
    "đoạn này nằm trước mục đầu tiên, không thuộc mục nào của báo cáo; loa bỏ qua";
pub const HINT_NARRATIVE: &str = "viết nội dung dưới các dòng tiêu đề mục: `## Kết quả` (bổ sung cho mục I), `## Tồn tại, hạn chế`, `## Phương hướng, nhiệm vụ`, `## Kiến nghị, đề xuất`";

pub fn narrative_unknown_heading(heading: &str) -> String {
    format!(
        "mục \"{}\" không phải một mục của báo cáo; loa bỏ qua nội dung dưới mục này",
        super::clip(heading)
    )
}

pub fn narrative_part_missing(heading: &str) -> String {
    format!("chưa có mục \"{heading}\": báo cáo để trống mục này, chờ điền")
}

pub fn narrative_missing(file: &str) -> String {
    format!("chưa có tệp {file}: các mục II, III, IV của báo cáo để trống, chờ điền")
}

/// What stands in the document where the officer has not written a section yet.
pub fn narrative_placeholder(heading: &str, file: &str) -> String {
    let name = heading.split_once(". ").map_or(heading, |(_, n)| n);
    format!(
        "[Chưa viết: thêm mục \"## {}\" vào tệp {file} rồi lập lại báo cáo]",
        lowercase_first_letters(name)
    )
}

/// `TỒN TẠI, HẠN CHẾ` → `Tồn tại, hạn chế`.
fn lowercase_first_letters(heading: &str) -> String {
    let lower = heading.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub const REPORT_NO_SIGNER: &str = "chưa khai báo người ký báo cáo: khối chữ ký để trống, chờ điền";
pub const HINT_NO_SIGNER: &str = "thêm vào config.yaml:\n    report:\n      signer:\n        authority: \"KT. GIÁM ĐỐC\"\n        title: \"PHÓ GIÁM ĐỐC\"\n        name: \"Nguyễn Văn A\"";

// `report:` in config.yaml.
pub const SIGNER_EMPTY: &str = "người ký (signer) phải có cả chức vụ (title) và họ tên (name)";
pub const HINT_SIGNER: &str = "viết theo mẫu:\n    signer:\n      authority: \"KT. GIÁM ĐỐC\"\n      title: \"PHÓ GIÁM ĐỐC\"\n      name: \"Nguyễn Văn A\"";
