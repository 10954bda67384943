//! `loa report`: the periodic report of communication results to Sở Nội vụ, as the
//! administrative document the department sends (Nghị định 30/2020/NĐ-CP's layout). Section I
//! is counted from the site itself and its ledger: articles and activities per topic, unit,
//! channel and month, the events held, the lists; sections II–IV come from what the officer
//! writes for the period. Pure: the same site, period, text and "now" give the same bytes.

mod count;
mod html;
mod markdown;
mod narrative;
mod spreadsheet;
mod summary;
mod tables;
mod word;

use jiff::civil::Date;

pub use count::build;
pub use html::html;
pub use markdown::markdown;
pub use narrative::{Block, Narrative, Span, NARRATIVE_DIR};
pub use spreadsheet::csv;
pub use tables::NO_ARTICLE;
pub use word::docx;

/// The days a report covers, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Period {
    /// `2025-Q4` → 1 October to 31 December 2025.
    pub fn quarter(text: &str) -> Option<Period> {
        let (year, q) = text.trim().split_once(['-', ' '])?;
        let year: i16 = year.parse().ok()?;
        let q: i8 = q
            .trim_start_matches(['Q', 'q'])
            .parse()
            .ok()
            .filter(|q| (1..=4).contains(q))?;
        let from = Date::new(year, (q - 1) * 3 + 1, 1).ok()?;
        let to = Date::new(year, q * 3, 1).ok()?.last_of_month();
        Some(Period { from, to })
    }

    /// `2025-10` → the whole of October 2025.
    pub fn month(text: &str) -> Option<Period> {
        let (year, month) = text.trim().split_once('-')?;
        let from = Date::new(year.parse().ok()?, month.parse().ok()?, 1).ok()?;
        Some(Period {
            from,
            to: from.last_of_month(),
        })
    }

    pub fn year(year: i16) -> Option<Period> {
        Some(Period {
            from: Date::new(year, 1, 1).ok()?,
            to: Date::new(year, 12, 31).ok()?,
        })
    }

    fn contains(&self, day: Date) -> bool {
        self.from <= day && day <= self.to
    }

    /// What the period is when it is a whole year, quarter or month, read from its days.
    fn shape(&self) -> Shape {
        let (from, to) = (self.from, self.to);
        let whole_months = from.day() == 1 && to == to.last_of_month() && from.year() == to.year();
        match (whole_months, from.month(), to.month()) {
            (true, 1, 12) => Shape::Year(from.year()),
            (true, a, b) if a % 3 == 1 && b == a + 2 => Shape::Quarter(from.year(), (a + 2) / 3),
            (true, a, b) if a == b => Shape::Month(from.year(), a),
            _ => Shape::Days,
        }
    }

    /// The period as the trích yếu names it: `quý IV năm 2025`, `tháng 10 năm 2025`,
    /// `năm 2025`, or `từ ngày 21/8/2025 đến ngày 31/12/2025`.
    pub fn name(&self) -> String {
        match self.shape() {
            Shape::Year(y) => format!("năm {y}"),
            Shape::Quarter(y, q) => format!("quý {} năm {y}", ROMAN[q as usize - 1]),
            Shape::Month(y, m) => format!("tháng {m} năm {y}"),
            Shape::Days => format!(
                "từ ngày {}/{}/{} đến ngày {}/{}/{}",
                self.from.day(),
                self.from.month(),
                self.from.year(),
                self.to.day(),
                self.to.month(),
                self.to.year()
            ),
        }
    }

    /// The name of the officer's text for the period, without `.md`: `2025-q4`, `2025-10`,
    /// `2025`, or `2025-08-21_2025-12-31`.
    pub fn stem(&self) -> String {
        match self.shape() {
            Shape::Year(y) => y.to_string(),
            Shape::Quarter(y, q) => format!("{y}-q{q}"),
            Shape::Month(y, m) => format!("{y}-{m:02}"),
            Shape::Days => format!("{}_{}", self.from, self.to),
        }
    }
}

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

/// A period as the officer names it.
enum Shape {
    Year(i16),
    Quarter(i16, i8),
    Month(i16, i8),
    Days,
}

/// A line of a count table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub name: String,
    /// Published articles.
    pub count: usize,
    /// Activities of the ledger.
    pub activities: usize,
    /// The plan's target for the period, when the config sets one (topics, units, channels).
    pub planned: Option<u32>,
}

impl Count {
    fn of(name: &str, count: usize) -> Count {
        Count {
            name: name.to_string(),
            count,
            activities: 0,
            planned: None,
        }
    }

    /// Articles and activities together: what a target is measured against.
    pub fn total(&self) -> usize {
        self.count + self.activities
    }

    /// `67%` of the target reached; empty without a target, `–` for a target of 0.
    pub fn percent(&self) -> String {
        match self.planned {
            None => String::new(),
            Some(0) => "–".to_string(),
            Some(p) => format!(
                "{}%",
                (self.total() as u64 * 100 + u64::from(p) / 2) / u64::from(p)
            ),
        }
    }

    /// Whether the target is reached (a row without a target is not counted either way).
    pub fn reached(&self) -> Option<bool> {
        self.planned.map(|p| self.total() >= p as usize)
    }

    pub fn planned_cell(&self) -> String {
        self.planned.map_or_else(String::new, |p| p.to_string())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    /// `12/12/2025`
    pub date: String,
    /// `07:30`
    pub time: String,
    pub title: String,
    pub location: String,
    pub participants: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRow {
    pub date: String,
    pub title: String,
    pub topics: String,
    pub unit: String,
    /// Absolute URL.
    pub url: String,
}

/// An activity of the ledger, as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityRow {
    /// `17/10/2025`
    pub date: String,
    pub title: String,
    /// The channel's name.
    pub channel: String,
    /// The unit's name; empty when not written.
    pub unit: String,
    pub place: String,
    pub participants: Option<u64>,
    /// In đồng.
    pub cost: Option<u64>,
    /// The post it can be seen at, or the evidence file (`data/…`), or both.
    pub proof: String,
}

/// The document's parts that are not counted: who issues it, its number, to whom, who signs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    /// The body above the issuer: `UBND TỈNH AN GIANG`.
    pub parent: Option<String>,
    /// `SỞ TƯ PHÁP`.
    pub issuer: String,
    /// The number, when given (`loa report --number`); blank for the clerk to fill.
    pub number: Option<String>,
    /// `BC-STP`.
    pub symbol: String,
    /// Kính gửi.
    pub to: Vec<String>,
    /// Nơi nhận.
    pub copies: Vec<String>,
    pub signer: Option<crate::config::Signer>,
}

impl Letter {
    /// `Số: 12/BC-STP`, or `Số:` with room for the number when none is given.
    pub fn number_line(&self) -> String {
        match &self.number {
            Some(n) => format!("Số: {n}/{}", self.symbol),
            None => format!("Số:        /{}", self.symbol),
        }
    }
}

/// The signature block's lines: the authority (`KT. GIÁM ĐỐC`), the title and the name;
/// without a signer in config.yaml, a title and a name for a hand to fill.
fn signer_lines(letter: &Letter) -> (Option<&str>, &str, &str) {
    match &letter.signer {
        Some(s) => (s.authority.as_deref(), &s.title, &s.name),
        None => (
            None,
            crate::msg::NO_SIGNER_TITLE,
            crate::msg::NO_SIGNER_NAME,
        ),
    }
}

/// A line of Nơi nhận as the list writes it: `;` after each, `.` after the last.
fn copy_line(copies: &[String], i: usize) -> String {
    let end = if i + 1 == copies.len() { "." } else { ";" };
    format!("- {}{end}", copies[i].trim_end_matches([';', '.', ' ']))
}

/// Everything the report says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub letter: Letter,
    pub organization: String,
    /// `Từ ngày 1/10/2025 đến ngày 31/12/2025`
    pub period: String,
    /// The trích yếu: `Kết quả tuyên truyền cải cách hành chính quý IV năm 2025`.
    pub subject: String,
    /// `An Giang, ngày 05 tháng 01 năm 2026`: the build's "now", as the report is dated.
    pub issued: String,
    /// Section I's opening: what loa read in the counts, one paragraph each.
    pub summary: Vec<String>,
    /// What the officer wrote for the period (sections II–IV, and more for section I).
    pub narrative: Narrative,
    pub total: usize,
    /// Every topic of the plan, in the config's order; 0 means none yet.
    pub topics: Vec<Count>,
    pub units: Vec<Count>,
    pub channels: Vec<Count>,
    pub months: Vec<Count>,
    pub events: Vec<EventRow>,
    pub participants: u64,
    pub articles: Vec<ArticleRow>,
    /// The activities of the ledger held within the period, oldest first.
    pub activities: Vec<ActivityRow>,
    /// What the activities cost, in đồng.
    pub cost: u64,
}

impl Report {
    /// The same report with the officer's text for the period in place of the placeholders.
    pub fn with_narrative(self, narrative: Narrative) -> Report {
        Report { narrative, ..self }
    }

    /// The same report with its number given.
    pub fn numbered(mut self, number: Option<String>) -> Report {
        self.letter.number = number
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_read_from_quarters_months_and_years() {
        let q = Period::quarter("2025-Q4").unwrap();
        assert_eq!(
            (q.from.to_string(), q.to.to_string()),
            ("2025-10-01".into(), "2025-12-31".into())
        );
        let m = Period::month("2025-02").unwrap();
        assert_eq!(m.to.to_string(), "2025-02-28");
        assert!(Period::quarter("2025-Q5").is_none());
        assert!(Period::month("2025-13").is_none());
        assert_eq!(Period::year(2025).unwrap().to.to_string(), "2025-12-31");
    }

    #[test]
    fn a_period_is_named_and_filed_as_the_officer_asked_for_it() {
        let q = Period::quarter("2025-Q4").unwrap();
        assert_eq!(
            (q.name(), q.stem()),
            ("quý IV năm 2025".into(), "2025-q4".into())
        );
        let m = Period::month("2025-02").unwrap();
        assert_eq!(
            (m.name(), m.stem()),
            ("tháng 2 năm 2025".into(), "2025-02".into())
        );
        let y = Period::year(2025).unwrap();
        assert_eq!((y.name(), y.stem()), ("năm 2025".into(), "2025".into()));
        let days = Period {
            from: "2025-08-21".parse().unwrap(),
            to: "2025-12-31".parse().unwrap(),
        };
        assert_eq!(days.name(), "từ ngày 21/8/2025 đến ngày 31/12/2025");
        assert_eq!(days.stem(), "2025-08-21_2025-12-31");
    }
}
