//! Counting the report from the site: the published articles and the activities of the
//! ledger within the period, by topic, unit, channel and month; the events held; the lists.

use crate::assemble::{Published, Site};
use crate::config::Config;
use crate::ledger::Activity;
use crate::plan::Subject;
use crate::text;

use super::{ActivityRow, ArticleRow, Count, EventRow, Letter, Narrative, Period, Report};

/// Counts the published articles dated within `period` (drafts and future articles are not
/// published, so not counted) and the activities held within it; events count when they
/// started within the period. Sections II–IV are placeholders until
/// [`Report::with_narrative`] gives the officer's text.
pub fn build(site: &Site, period: &Period) -> Report {
    let cfg = &site.config;
    let in_period = Counted {
        articles: articles_in(site, period),
        activities: site
            .activities
            .iter()
            .filter(|a| period.contains(a.date))
            .collect(),
        period,
    };
    let events = events_held(site, period);
    let participants = events.iter().filter_map(|e| e.participants).sum();
    let file = format!("{}/{}.md", super::NARRATIVE_DIR, period.stem());
    let subject = format!("{} {}", crate::msg::REPORT_SUBJECT, period.name());
    let mut report = Report {
        letter: letter(cfg),
        organization: cfg.organization.clone(),
        period: period_text(period),
        issued: issued_text(site),
        summary: Vec::new(),
        narrative: Narrative::missing(&file),
        total: in_period.articles.len(),
        topics: in_period.counts_of(&cfg.topics, Subject::Topic),
        units: in_period.counts_of(&cfg.units, Subject::Unit),
        channels: in_period.channel_counts(cfg),
        months: in_period.months(),
        participants,
        events,
        articles: article_rows(cfg, &in_period.articles),
        activities: in_period
            .activities
            .iter()
            .map(|a| activity_row(cfg, a))
            .collect(),
        cost: in_period.activities.iter().filter_map(|a| a.cost).sum(),
        subject,
    };
    report.summary = super::summary::summary(&report, period, site);
    report
}

/// The fixed parts of the document, from config.yaml.
fn letter(cfg: &Config) -> Letter {
    let r = &cfg.report;
    Letter {
        parent: r.parent.clone(),
        issuer: r.issuer.clone(),
        number: None,
        symbol: r.symbol.clone(),
        to: r.to.clone(),
        copies: r.copies.clone(),
        signer: r.signer.clone(),
    }
}

/// What falls within the period.
struct Counted<'s> {
    articles: Vec<&'s Published>,
    activities: Vec<&'s Activity>,
    period: &'s Period,
}

impl Counted<'_> {
    /// One row for `name` and `subject`, with the target of `target` prorated to the period.
    fn row(&self, name: &str, subject: Subject, target: Option<crate::config::Target>) -> Count {
        Count {
            name: name.to_string(),
            count: (self.articles.iter())
                .filter(|p| subject.counts_article(&p.page.meta))
                .count(),
            activities: (self.activities.iter())
                .filter(|a| subject.counts_activity(a))
                .count(),
            planned: target.map(|t| crate::plan::planned(&t, self.period.from, self.period.to)),
        }
    }

    /// One row per term, in the config's order.
    fn counts_of<'c>(
        &self,
        terms: &'c [crate::config::Term],
        subject: impl Fn(&'c str) -> Subject<'c>,
    ) -> Vec<Count> {
        (terms.iter())
            .map(|t| self.row(&t.name, subject(&t.key), t.target))
            .collect()
    }

    fn channel_counts(&self, cfg: &Config) -> Vec<Count> {
        let terms = cfg.channels.iter().map(|c| &c.term);
        terms
            .map(|t| self.row(&t.name, Subject::Channel(&t.key), t.target))
            .collect()
    }

    /// One count per month the period touches, in order.
    fn months(&self) -> Vec<Count> {
        let mut months: Vec<Count> = Vec::new();
        let mut month = self.period.from.first_of_month();
        while month <= self.period.to {
            let same =
                |d: jiff::civil::Date| d.year() == month.year() && d.month() == month.month();
            let mut row = Count::of(
                &format!("Tháng {}/{}", month.month(), month.year()),
                (self.articles.iter())
                    .filter(|p| p.page.meta.date.as_ref().is_some_and(|d| same(d.date())))
                    .count(),
            );
            row.activities = self.activities.iter().filter(|a| same(a.date)).count();
            months.push(row);
            month = match month.checked_add(jiff::Span::new().months(1)) {
                Ok(next) => next,
                Err(_) => break,
            };
        }
        months
    }
}

/// The published articles dated within the period, the expired ones too: a notice that has
/// expired was still published in its period.
fn articles_in<'s>(site: &'s Site, period: &Period) -> Vec<&'s Published> {
    (site.articles.iter().chain(&site.expired))
        .map(|&i| &site.pages[i])
        .filter(|p| {
            p.page
                .meta
                .date
                .as_ref()
                .is_some_and(|d| period.contains(d.date()))
        })
        .collect()
}

/// The events that started within the period and before "now", in the order they were held.
fn events_held(site: &Site, period: &Period) -> Vec<EventRow> {
    let mut events: Vec<(jiff::Timestamp, EventRow)> = site
        .pages
        .iter()
        .filter_map(|p| {
            let e = p.page.meta.event.as_ref()?;
            let held = period.contains(e.start.date()) && e.start.timestamp() <= site.settings.now;
            held.then(|| {
                (
                    e.start.timestamp(),
                    EventRow {
                        date: text::date_short(e.start.date()),
                        time: e.start.strftime("%H:%M").to_string(),
                        title: p.page.meta.title.clone(),
                        location: e.location.clone().unwrap_or_default(),
                        participants: e.participants,
                    },
                )
            })
        })
        .collect();
    events.sort_by_key(|(t, _)| *t);
    events.into_iter().map(|(_, e)| e).collect()
}

/// `Từ ngày 1/10/2025 đến ngày 31/12/2025`
fn period_text(period: &Period) -> String {
    format!(
        "Từ ngày {}/{}/{} đến ngày {}/{}/{}",
        period.from.day(),
        period.from.month(),
        period.from.year(),
        period.to.day(),
        period.to.month(),
        period.to.year()
    )
}

/// `An Giang, ngày 05 tháng 01 năm 2026`: the build's "now" in the site's time zone, written
/// as Nghị định 30/2020/NĐ-CP wants (a day below 10 and the months 1 and 2 with a 0 before).
fn issued_text(site: &Site) -> String {
    let today = crate::plan::today(site);
    let month = match today.month() {
        m @ 1..=2 => format!("{m:02}"),
        m => m.to_string(),
    };
    format!(
        "{}, ngày {:02} tháng {month} năm {}",
        site.config.report.place,
        today.day(),
        today.year()
    )
}

/// The articles of the period, oldest first.
fn article_rows(cfg: &Config, articles: &[&Published]) -> Vec<ArticleRow> {
    let mut articles = articles.to_vec();
    articles.sort_by_key(|p| p.page.meta.date.as_ref().map(|d| d.timestamp()));
    articles.into_iter().map(|p| article_row(cfg, p)).collect()
}

fn article_row(cfg: &Config, p: &Published) -> ArticleRow {
    let meta = &p.page.meta;
    ArticleRow {
        date: meta
            .date
            .as_ref()
            .map(|d| text::date_short(d.date()))
            .unwrap_or_default(),
        title: meta.title.clone(),
        topics: meta
            .topics
            .iter()
            .filter_map(|k| cfg.topic(k))
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        unit: unit_name(cfg, meta.unit.as_deref()),
        url: cfg.base_url.absolute(&p.page.path),
    }
}

fn unit_name(cfg: &Config, key: Option<&str>) -> String {
    key.and_then(|k| cfg.unit(k))
        .map(|u| u.name.clone())
        .unwrap_or_default()
}

/// An activity as the report lists it: where it can be seen, and its evidence file.
fn activity_row(cfg: &Config, a: &Activity) -> ActivityRow {
    let evidence = a.evidence.as_ref().map(|e| format!("data/{e}"));
    let proof: Vec<&str> = a.link.iter().chain(&evidence).map(String::as_str).collect();
    ActivityRow {
        date: text::date_short(a.date),
        title: a.title.clone(),
        channel: cfg
            .channel(&a.channel)
            .map(|c| c.term.name.clone())
            .unwrap_or_default(),
        unit: unit_name(cfg, a.unit.as_deref()),
        place: a.place.clone().unwrap_or_default(),
        participants: a.participants,
        cost: a.cost,
        proof: proof.join("; "),
    }
}
