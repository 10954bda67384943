//! The plan's progress page, `/ke-hoach/tien-do/`: each topic of the plan with its count,
//! newest article and target, and each channel with its units and what went out through it.

use super::{Job, Kind, Renderer};
use crate::assemble::COVERAGE_PATH;
use crate::config::{Channel, Target, Term};
use crate::msg;
use crate::plan;
use crate::views::{ChannelCoverage, CoverageView, TargetView, TopicCoverage};

/// How many of a channel's newest articles the page lists.
const CHANNEL_LATEST: usize = 5;

impl Renderer<'_> {
    pub(super) fn coverage(&self) -> Job<'_> {
        let site = self.site;
        let topics = self.topic_coverage();
        let view = CoverageView {
            title: msg::COVERAGE_TITLE.to_string(),
            url: self.views.link(COVERAGE_PATH),
            plan_url: site
                .pages
                .iter()
                .find(|p| p.page.path == "ke-hoach/")
                .map(|p| self.views.link(&p.page.path)),
            total: site.articles.len(),
            uncovered: topics.iter().filter(|t| t.topic.count == 0).count(),
            topics,
            channels: self.channel_coverage(),
        };
        let mut ctx = self.context(self.head(
            "coverage",
            msg::COVERAGE_TITLE,
            msg::COVERAGE_DESCRIPTION,
            COVERAGE_PATH,
        ));
        ctx.insert("coverage", &view);
        Job {
            out: format!("{COVERAGE_PATH}index.html"),
            kind: Kind::Page,
            template: "tien-do.html".into(),
            key: None,
            context: Box::new(move || ctx),
            source: None,
            template_line: 0,
        }
    }

    /// Each topic of the plan that has articles, in the config's order, with its newest
    /// article and its target.
    fn topic_coverage(&self) -> Vec<TopicCoverage> {
        let site = self.site;
        let today = plan::today(site);
        site.config
            .topics
            .iter()
            .filter_map(|t| {
                site.topics
                    .iter()
                    .find(|term| term.key == t.key)
                    .map(|term| (t, term))
            })
            .map(|(t, term)| TopicCoverage {
                topic: self.views.term_link(crate::taxonomy::Taxonomy::Topic, term),
                latest: term.pages.first().map(|&i| self.card(i).clone()),
                target: t.target.map(|target| self.target_view(t, target, today)),
            })
            .collect()
    }

    /// How much of a topic's target the current month, quarter or year has reached.
    fn target_view(&self, topic: &Term, target: Target, today: jiff::civil::Date) -> TargetView {
        let (from, _) = target.per.around(today);
        let published = plan::published(self.site, &topic.key, from, today);
        TargetView {
            articles: target.articles,
            per: target.per.name_vi(),
            period: plan::period_name(target.per, today),
            published,
            percent: (published as u64 * 100)
                .checked_div(u64::from(target.articles))
                .unwrap_or(0) as u32,
        }
    }

    /// Each channel of the config, with what went out through it and the events held.
    fn channel_coverage(&self) -> Vec<ChannelCoverage> {
        self.site
            .config
            .channels
            .iter()
            .map(|c| self.one_channel(c))
            .collect()
    }

    fn one_channel(&self, c: &Channel) -> ChannelCoverage {
        let site = self.site;
        let through: Vec<usize> = site
            .articles
            .iter()
            .copied()
            .filter(|&i| site.pages[i].page.meta.channels.contains(&c.term.key))
            .collect();
        let held: Vec<&crate::model::Event> = through
            .iter()
            .filter_map(|&i| site.pages[i].page.meta.event.as_ref())
            .filter(|e| e.start.timestamp() <= site.settings.now)
            .collect();
        ChannelCoverage {
            channel: self.views.channel(c),
            articles: through.len(),
            events_held: held.len(),
            participants: held.iter().filter_map(|e| e.participants).sum(),
            latest: through
                .iter()
                .take(CHANNEL_LATEST)
                .map(|&i| self.card(i).clone())
                .collect(),
        }
    }
}
