//! The plan's progress page, `/ke-hoach/tien-do/`: each topic of the plan with its count,
//! newest article and target; each unit with what it did and its target; each channel with
//! its units, what went out through it and its target. Articles and activities of the ledger
//! are counted apart, so every count says where it came from.

use super::{Job, Kind, Renderer};
use crate::assemble::COVERAGE_PATH;
use crate::config::{Channel, Target, Term};
use crate::msg;
use crate::plan::{self, Subject};
use crate::taxonomy::Taxonomy;
use crate::views::{
    ActivityView, ChannelCoverage, CoverageView, TargetView, TopicCoverage, UnitCoverage,
};

/// How many of a channel's newest articles (and activities) the page lists.
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
            activities: site.activities.len(),
            units: self.unit_coverage(),
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
                topic: self.views.term_link(Taxonomy::Topic, term),
                latest: term.pages.first().map(|&i| self.card(i).clone()),
                target: self.target_view(Subject::Topic(&t.key), t),
                activities: self.activities_of(Subject::Topic(&t.key)),
            })
            .collect()
    }

    /// Each unit of the config, with its articles, activities and target.
    fn unit_coverage(&self) -> Vec<UnitCoverage> {
        let site = self.site;
        site.config
            .units
            .iter()
            .filter_map(|u| site.units.iter().find(|t| t.key == u.key).map(|t| (u, t)))
            .map(|(u, term)| UnitCoverage {
                unit: self.views.term_link(Taxonomy::Unit, term),
                activities: self.activities_of(Subject::Unit(&u.key)),
                target: self.target_view(Subject::Unit(&u.key), u),
            })
            .collect()
    }

    /// Activities of the ledger held by now that count for `subject`.
    fn activities_of(&self, subject: Subject) -> usize {
        let held = self.site.activities.iter();
        held.filter(|a| subject.counts_activity(a)).count()
    }

    /// How much of a term's target the current month, quarter or year has reached.
    fn target_view(&self, subject: Subject, term: &Term) -> Option<TargetView> {
        let target: Target = term.target?;
        let today = plan::today(self.site);
        let (from, _) = target.per.around(today);
        let done = plan::tally(self.site, subject, from, today);
        Some(TargetView {
            articles: target.articles,
            per: target.per.name_vi(),
            period: plan::period_name(target.per, today),
            published: done.total(),
            percent: (done.total() as u64 * 100)
                .checked_div(u64::from(target.articles))
                .unwrap_or(0) as u32,
            from_articles: done.articles,
            from_activities: done.activities,
        })
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
        let subject = Subject::Channel(&c.term.key);
        let activities: Vec<ActivityView> = (site.activities.iter().rev())
            .filter(|a| subject.counts_activity(a))
            .map(activity_view)
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
            activities: activities.len(),
            latest_activities: activities.into_iter().take(CHANNEL_LATEST).collect(),
            target: self.target_view(subject, &c.term),
        }
    }
}

/// What a reader may see of an activity: not its cost, not its evidence file.
fn activity_view(a: &crate::ledger::Activity) -> ActivityView {
    ActivityView {
        date: a.date.to_string(),
        title: a.title.clone(),
        place: a.place.clone(),
        participants: a.participants,
        link: a.link.clone(),
    }
}
