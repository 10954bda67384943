//! The home page: the featured article with its picture, the latest articles, a block for
//! each topic config.yaml marks `home: true`, the upcoming events; and the department as a
//! schema.org GovernmentOrganization with its contact details.

use tera::Value;

use super::{template_of, Job, Kind, Renderer};
use crate::assemble::{is_upcoming, ALL_EVENTS_ICS, EVENTS_SECTION};
use crate::taxonomy::Taxonomy;
use crate::views::HomeView;

/// How many of the newest articles follow the featured one.
pub const LATEST: usize = 6;
/// How many articles a topic's block shows.
pub const PER_TOPIC: usize = 4;
/// How many upcoming events the events block shows.
pub const EVENTS: usize = 5;

impl Renderer<'_> {
    pub(super) fn home(&self) -> Job<'_> {
        let cfg = &self.site.config;
        let home = self.site.home.as_ref();
        let title = home
            .map(|h| h.page.meta.title.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| cfg.title.clone());
        let description = home
            .and_then(|h| h.page.meta.description.clone())
            .unwrap_or_else(|| cfg.description.clone());
        let mut head = self.head("home", &title, &description, "");
        head.json_ld = Some(crate::templates::json_for_script(&self.organization()));
        let mut ctx = self.context(head);
        let featured = self.featured();
        let view = HomeView {
            content: home.map_or_else(String::new, |h| h.rendered.html.text().into_owned()),
            extra: home.map_or(serde_json::Value::Null, |h| h.page.meta.extra.clone()),
            events_url: (self.site.sections.iter())
                .find(|s| s.slug == EVENTS_SECTION)
                .map(|s| self.views.link(&format!("{}/", s.slug))),
            calendar_url: (self.site.pages.iter())
                .any(|p| p.page.meta.event.is_some())
                .then(|| self.views.link(ALL_EVENTS_ICS)),
            title,
            description,
        };
        // The blocks are the cards' values, as lists show them (with their `card/` parts).
        let mut blocks = (Value::from_serializable(&view).into_map()).unwrap_or_default();
        let template = template_of(home, "index.html");
        let parts = self.templates.shows_card_parts(&template);
        let featured_card = featured.map_or_else(Value::none, |i| self.card_value(i, parts));
        blocks.insert("featured".into(), featured_card);
        let latest = (self.site.articles.iter().copied())
            .filter(|&i| Some(i) != featured)
            .take(LATEST);
        blocks.insert("latest".into(), self.cards(latest, parts));
        blocks.insert("topics".into(), Value::from(self.topic_blocks(parts)));
        let events = self.upcoming_events().into_iter().take(EVENTS);
        blocks.insert("events".into(), self.cards(events, parts));
        ctx.insert_value("home", Value::from(blocks));
        let latest = self.site.articles.iter().take(cfg.paginate).copied();
        ctx.insert_value("articles", self.cards(latest, parts));
        Job {
            out: "index.html".into(),
            kind: Kind::Home,
            template,
            key: None,
            context: Box::new(move || ctx),
            source: home.map(|h| h.page.display.clone()),
            template_line: home.map_or(0, |h| h.page.line_of("template")),
        }
    }

    /// The newest article flagged `featured: true`, else the newest with an image.
    fn featured(&self) -> Option<usize> {
        let articles = &self.site.articles;
        let meta = |i: usize| &self.site.pages[i].page.meta;
        (articles.iter().copied())
            .find(|&i| meta(i).featured)
            .or_else(|| (articles.iter().copied()).find(|&i| self.site.pages[i].image.is_some()))
    }

    /// A block per topic marked for the home page that has articles, in config.yaml's order:
    /// `topic` and its newest `articles`.
    fn topic_blocks(&self, parts: bool) -> Vec<Value> {
        let site = self.site;
        (site.config.topics.iter())
            .filter(|t| t.home)
            .filter_map(|t| site.topics.iter().find(|term| term.key == t.key))
            .filter(|term| !term.pages.is_empty())
            .map(|term| {
                let mut block = tera::Map::new();
                let topic = self.views.term_link(Taxonomy::Topic, term);
                block.insert("topic".into(), Value::from_serializable(&topic));
                let articles = term.pages.iter().copied().take(PER_TOPIC);
                block.insert("articles".into(), self.cards(articles, parts));
                Value::from(block)
            })
            .collect()
    }

    /// Published events not over yet, soonest first (then by path, for equal starts).
    fn upcoming_events(&self) -> Vec<usize> {
        let site = self.site;
        let mut events: Vec<(jiff::Timestamp, &str, usize)> = (site.articles.iter().copied())
            .filter_map(|i| {
                let page = &site.pages[i].page;
                let event = page.meta.event.as_ref()?;
                is_upcoming(event, site.settings.now)
                    .then(|| (event.start.timestamp(), page.path.as_str(), i))
            })
            .collect();
        events.sort_unstable();
        events.into_iter().map(|(_, _, i)| i).collect()
    }

    /// schema.org GovernmentOrganization: the department, the body above it and how to reach
    /// it, as config.yaml's `contact:` gives them.
    fn organization(&self) -> serde_json::Value {
        let cfg = &self.site.config;
        let mut org = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "GovernmentOrganization",
            "name": cfg.organization,
            "url": self.views.permalink(""),
        });
        let Some(c) = &cfg.contact else {
            return org;
        };
        let mut set = |key: &str, value: serde_json::Value| {
            org[key] = value;
        };
        set("name", c.issuer.clone().into());
        if let Some(parent) = &c.parent {
            set(
                "parentOrganization",
                serde_json::json!({ "@type": "GovernmentOrganization", "name": parent }),
            );
        }
        if let Some(address) = &c.address {
            set(
                "address",
                serde_json::json!({ "@type": "PostalAddress", "streetAddress": address, "addressCountry": "VN" }),
            );
        }
        if let Some(phone) = &c.phone {
            set("telephone", phone.clone().into());
        }
        if let Some(email) = &c.email {
            set("email", email.clone().into());
        }
        if let Some(person) = &c.responsible {
            set(
                "contactPoint",
                serde_json::json!({
                    "@type": "ContactPoint",
                    "contactType": "Chịu trách nhiệm nội dung",
                    "name": person,
                }),
            );
        }
        org
    }
}
