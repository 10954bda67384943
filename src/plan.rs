//! The plan's targets: how much each topic, unit and channel should have had over a period,
//! what was done (published articles and activities of the ledger, each counted apart so a
//! count says where it came from), and which are behind in the period under way. Pure: the
//! site and its "now" decide everything.

use jiff::civil::Date;

use crate::assemble::Site;
use crate::config::{Config, Per, Target, CONFIG_FILE};
use crate::diag::Diagnostic;
use crate::ledger::Activity;
use crate::model::Meta;
use crate::msg;

/// What a target is set on: a topic, a unit or a channel of config.yaml, by its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject<'a> {
    Topic(&'a str),
    Unit(&'a str),
    Channel(&'a str),
}

impl Subject<'_> {
    /// Whether an article with this front matter counts for the subject.
    pub fn counts_article(&self, meta: &Meta) -> bool {
        match *self {
            Subject::Topic(key) => meta.topics.iter().any(|t| t == key),
            Subject::Unit(key) => meta.unit.as_deref() == Some(key),
            Subject::Channel(key) => meta.channels.iter().any(|c| c == key),
        }
    }

    /// Whether an activity of the ledger counts for the subject.
    pub fn counts_activity(&self, activity: &Activity) -> bool {
        match *self {
            Subject::Topic(key) => activity.topics.iter().any(|t| t == key),
            Subject::Unit(key) => activity.unit.as_deref() == Some(key),
            Subject::Channel(key) => activity.channel == key,
        }
    }
}

/// What was done for a subject over a period: published articles and activities, apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub articles: usize,
    pub activities: usize,
}

impl Tally {
    pub fn total(&self) -> usize {
        self.articles + self.activities
    }
}

/// Every target of the plan, in the order config.yaml gives them: topics, units, channels,
/// each with its subject, its name and what it is (`chủ đề`, `đơn vị`, `hình thức`).
pub fn targets(config: &Config) -> Vec<(Subject<'_>, &str, &'static str, Target)> {
    let topics = (config.topics.iter())
        .filter_map(|t| Some((Subject::Topic(&t.key), t.name.as_str(), "chủ đề", t.target?)));
    let units = (config.units.iter())
        .filter_map(|u| Some((Subject::Unit(&u.key), u.name.as_str(), "đơn vị", u.target?)));
    let channels = config.channels.iter().filter_map(|c| {
        let t = &c.term;
        Some((
            Subject::Channel(&t.key),
            t.name.as_str(),
            "hình thức",
            t.target?,
        ))
    });
    topics.chain(units).chain(channels).collect()
}

/// Articles the target asks for over `from..=to`, both ends included. A month, quarter or
/// year only partly inside the period counts for the share of its days that are inside; the
/// sum is rounded to the nearest whole article (a quarter of "4 a year" is 1, not 2).
pub fn planned(target: &Target, from: Date, to: Date) -> u32 {
    let mut sum = 0.0_f64;
    let mut day = from;
    while day <= to {
        let (start, end) = target.per.around(day);
        let inside = days(day, end.min(to));
        sum += f64::from(target.articles) * inside as f64 / days(start, end) as f64;
        match end.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    sum.round().max(0.0) as u32
}

/// Days from `from` to `to`, both included.
fn days(from: Date, to: Date) -> i64 {
    (to - from).get_days() as i64 + 1
}

/// Published articles and held activities of `subject` dated within `from..=to`.
pub fn tally(site: &Site, subject: Subject, from: Date, to: Date) -> Tally {
    let within = |day: Date| from <= day && day <= to;
    // An expired notice was published all the same: it counts.
    let articles = (site.articles.iter().chain(&site.expired))
        .map(|&i| &site.pages[i].page.meta)
        .filter(|m| subject.counts_article(m))
        .filter(|m| m.date.as_ref().is_some_and(|d| within(d.date())))
        .count();
    let activities = (site.activities.iter())
        .filter(|a| subject.counts_activity(a) && within(a.date))
        .count();
    Tally {
        articles,
        activities,
    }
}

/// `quý IV/2025`, `tháng 11/2025`, `năm 2025`.
pub fn period_name(per: Per, day: Date) -> String {
    match per {
        Per::Month => format!("tháng {}/{}", day.month(), day.year()),
        Per::Quarter => {
            let roman = ["I", "II", "III", "IV"][((day.month() - 1) / 3) as usize];
            format!("quý {roman}/{}", day.year())
        }
        Per::Year => format!("năm {}", day.year()),
    }
}

/// The site's "now" as a calendar day in its time zone.
pub fn today(site: &Site) -> Date {
    site.settings
        .now
        .to_zoned_datetime(site.config.timezone.clone())
        .date()
}

/// A warning for each topic, unit or channel that has done less in the current month,
/// quarter or year than its target prorated to today (so the first days of a quarter do not
/// warn).
pub fn behind(site: &Site) -> Vec<Diagnostic> {
    let today = today(site);
    targets(&site.config)
        .into_iter()
        .filter_map(|(subject, name, what, target)| {
            let (from, to) = target.per.around(today);
            let expected = (u64::from(target.articles) * days(from, today) as u64
                / days(from, to) as u64) as u32;
            let done = tally(site, subject, from, today);
            (done.total() < expected as usize).then(|| {
                let message = msg::behind_target(
                    &format!("{what} \"{name}\""),
                    (done.articles, done.activities),
                    expected,
                    target.articles,
                    &period_name(target.per, today),
                );
                Diagnostic::warning(CONFIG_FILE, target.line, 1, message)
                    .with_hint(msg::hint_behind_target(what))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(articles: u32, per: Per) -> Target {
        Target {
            articles,
            per,
            line: 1,
        }
    }

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn whole_periods_add_up_exactly() {
        let quarterly = target(3, Per::Quarter);
        assert_eq!(planned(&quarterly, d("2025-10-01"), d("2025-12-31")), 3);
        assert_eq!(planned(&quarterly, d("2025-01-01"), d("2025-12-31")), 12);
        let monthly = target(2, Per::Month);
        assert_eq!(planned(&monthly, d("2025-10-01"), d("2025-12-31")), 6);
        let yearly = target(10, Per::Year);
        assert_eq!(planned(&yearly, d("2025-01-01"), d("2025-12-31")), 10);
    }

    #[test]
    fn part_of_a_period_counts_its_share_rounded() {
        // 21 August to 30 September: 41 of the third quarter's 92 days → 3 × 41/92 = 1.34 → 1.
        let quarterly = target(3, Per::Quarter);
        assert_eq!(planned(&quarterly, d("2025-08-21"), d("2025-09-30")), 1);
        // Half of October and a bit: 2 × 17/31 = 1.10 → 1; a quarter of a yearly 4 → 1.
        assert_eq!(
            planned(&target(2, Per::Month), d("2025-10-01"), d("2025-10-17")),
            1
        );
        assert_eq!(
            planned(&target(4, Per::Year), d("2025-10-01"), d("2025-12-31")),
            1
        );
        assert_eq!(
            planned(&target(0, Per::Month), d("2025-10-01"), d("2025-10-16")),
            0
        );
    }

    #[test]
    fn periods_are_named_as_officers_write_them() {
        assert_eq!(period_name(Per::Quarter, d("2025-11-25")), "quý IV/2025");
        assert_eq!(period_name(Per::Month, d("2025-02-03")), "tháng 2/2025");
        assert_eq!(period_name(Per::Year, d("2025-02-03")), "năm 2025");
        assert_eq!(
            Per::Quarter.around(d("2025-11-25")),
            (d("2025-10-01"), d("2025-12-31"))
        );
    }
}
