//! `loa report`: the periodic report of communication results to Sở Nội vụ, counted from the
//! site itself: articles per topic, unit, channel and month, the events held, and the list of
//! articles. Pure: the same site, period and "now" always give the same bytes.

mod count;
mod html;
mod markdown;
mod spreadsheet;
mod tables;
mod word;

use jiff::civil::Date;

pub use count::build;
pub use html::html;
pub use markdown::markdown;
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
}

/// A line of a count table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub name: String,
    pub count: usize,
    /// Topics only: the plan's target for the period, when the config sets one.
    pub planned: Option<u32>,
}

impl Count {
    fn of(name: &str, count: usize) -> Count {
        Count {
            name: name.to_string(),
            count,
            planned: None,
        }
    }

    /// `67%` of the target reached; empty without a target, `–` for a target of 0.
    pub fn percent(&self) -> String {
        match self.planned {
            None => String::new(),
            Some(0) => "–".to_string(),
            Some(p) => format!(
                "{}%",
                (self.count as u64 * 100 + u64::from(p) / 2) / u64::from(p)
            ),
        }
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

/// Everything the report says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub organization: String,
    /// `Từ ngày 1/10/2025 đến ngày 31/12/2025`
    pub period: String,
    /// `An Giang, ngày 5 tháng 1 năm 2026`: the build's "now", as the report is dated.
    pub issued: String,
    pub total: usize,
    /// Every topic of the plan, in the config's order; 0 means none yet.
    pub topics: Vec<Count>,
    pub units: Vec<Count>,
    pub channels: Vec<Count>,
    pub months: Vec<Count>,
    pub events: Vec<EventRow>,
    pub participants: u64,
    pub articles: Vec<ArticleRow>,
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
}
