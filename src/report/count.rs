//! Counting the report from the site: the published articles of the period by topic, unit,
//! channel and month, the events held, and the list of articles.

use crate::assemble::{Published, Site};
use crate::config::Config;
use crate::model::Meta;
use crate::text;

use super::{ArticleRow, Count, EventRow, Period, Report};

/// Counts the published articles dated within `period` (drafts and future articles are not
/// published, so not counted); events count when they started within the period.
pub fn build(site: &Site, period: &Period) -> Report {
    let cfg = &site.config;
    let in_period = articles_in(site, period);
    let events = events_held(site, period);
    Report {
        organization: cfg.organization.clone(),
        period: period_text(period),
        issued: issued_text(site),
        total: in_period.len(),
        topics: topic_counts(cfg, period, &in_period),
        units: cfg
            .units
            .iter()
            .map(|u| {
                let n = count(&in_period, |m| m.unit.as_ref() == Some(&u.key));
                Count::of(&u.name, n)
            })
            .collect(),
        channels: cfg
            .channels
            .iter()
            .map(|c| {
                let n = count(&in_period, |m| m.channels.contains(&c.term.key));
                Count::of(&c.term.name, n)
            })
            .collect(),
        months: month_counts(period, &in_period),
        participants: events.iter().filter_map(|e| e.participants).sum(),
        events,
        articles: article_rows(cfg, &in_period),
    }
}

/// The published articles dated within the period.
fn articles_in<'s>(site: &'s Site, period: &Period) -> Vec<&'s Published> {
    site.articles
        .iter()
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

/// How many of `articles` are such that `pred` holds for their front matter.
fn count(articles: &[&Published], pred: impl Fn(&Meta) -> bool) -> usize {
    articles.iter().filter(|p| pred(&p.page.meta)).count()
}

/// Every topic of the plan with its count and, when it has one, its target for the period.
fn topic_counts(cfg: &Config, period: &Period, articles: &[&Published]) -> Vec<Count> {
    cfg.topics
        .iter()
        .map(|t| Count {
            planned: t
                .target
                .map(|target| crate::plan::planned(&target, period.from, period.to)),
            ..Count::of(&t.name, count(articles, |m| m.topics.contains(&t.key)))
        })
        .collect()
}

/// One count per month the period touches, in order.
fn month_counts(period: &Period, articles: &[&Published]) -> Vec<Count> {
    let mut months: Vec<Count> = Vec::new();
    let mut month = period.from.first_of_month();
    while month <= period.to {
        let in_month = count(articles, |m| {
            m.date
                .as_ref()
                .is_some_and(|d| d.year() == month.year() && d.month() == month.month())
        });
        months.push(Count::of(
            &format!("Tháng {}/{}", month.month(), month.year()),
            in_month,
        ));
        month = match month.checked_add(jiff::Span::new().months(1)) {
            Ok(next) => next,
            Err(_) => break,
        };
    }
    months
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

/// `An Giang, ngày 5 tháng 1 năm 2026`: the build's "now" in the site's time zone.
fn issued_text(site: &Site) -> String {
    let today = site
        .settings
        .now
        .to_zoned_datetime(site.config.timezone.clone())
        .date();
    format!("An Giang, {}", text::date_long(today))
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
        unit: meta
            .unit
            .as_ref()
            .and_then(|k| cfg.unit(k))
            .map(|u| u.name.clone())
            .unwrap_or_default(),
        url: cfg.base_url.absolute(&p.page.path),
    }
}
