//! Section I's opening: a few sentences loa writes from the counts (what was published and
//! held, which topics have nothing yet, which targets are behind, what it cost), so that the
//! report reads as a report before its tables.

use crate::assemble::Site;
use crate::msg;

use super::tables::money;
use super::{Count, Period, Report};

/// The opening paragraphs of section I.
pub(super) fn summary(r: &Report, period: &Period, site: &Site) -> Vec<String> {
    let cfg = &site.config;
    let site_name = format!("“{}” ({})", cfg.title, cfg.base_url.absolute(""));
    let mut out = vec![msg::summary_articles(
        &period.name(),
        &r.period,
        &r.organization,
        r.total,
        &site_name,
    )];
    if !r.activities.is_empty() {
        let by_channel: Vec<(String, usize)> = (r.channels.iter())
            .filter(|c| c.activities > 0)
            .map(|c| (c.name.clone(), c.activities))
            .collect();
        out.push(msg::summary_activities(r.activities.len(), &by_channel));
    }
    let people = r.participants
        + r.activities
            .iter()
            .filter_map(|a| a.participants)
            .sum::<u64>();
    if !r.events.is_empty() || people > 0 {
        out.push(msg::summary_people(r.events.len(), people));
    }
    if !r.topics.is_empty() {
        let missing: Vec<&str> = (r.topics.iter())
            .filter(|c| c.total() == 0)
            .map(|c| c.name.as_str())
            .collect();
        let covered = r.topics.len() - missing.len();
        out.push(msg::summary_topics(covered, r.topics.len(), &missing));
    }
    out.extend(targets(r));
    if r.cost > 0 {
        out.push(msg::summary_cost(&money(r.cost)));
    }
    out
}

/// How many targets of the period are reached, and which are not (`Đề án 06/CP (1/3)`).
fn targets(r: &Report) -> Option<String> {
    let with_target: Vec<&Count> = (r.topics.iter().chain(&r.units).chain(&r.channels))
        .filter(|c| c.planned.is_some())
        .collect();
    if with_target.is_empty() {
        return None;
    }
    let behind: Vec<String> = (with_target.iter())
        .filter(|c| c.reached() == Some(false))
        .map(|c| format!("{} ({}/{})", c.name, c.total(), c.planned.unwrap_or(0)))
        .collect();
    let reached = with_target.len() - behind.len();
    Some(msg::summary_targets(reached, with_target.len(), &behind))
}
