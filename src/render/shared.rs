//! What every page of a build shares: `site` as a template value, the `once/` parts (or the
//! marks that stand for them, `crate::output::Once`), and the hashes every memo key starts
//! from.

use std::sync::Arc;

use rustc_hash::FxHashMap;
use tera::Value;

use crate::assemble::Site;
use crate::diag::Diagnostic;
use crate::key::{Hash, Key};
use crate::output::Once;
use crate::templates::Templates;
use crate::views::SiteView;

/// What every page of a build shares (see the module's doc).
pub(super) struct Shared<'a> {
    pub(super) site_value: Value,
    /// `once` as the templates see it: the parts, or the marks standing for them.
    pub(super) once: Value,
    /// Why some parts could not be rendered.
    pub(super) once_problems: Vec<Diagnostic>,
    /// The parts, when pages are rendered with marks: put in as the pages are read.
    pub(super) marked: Option<Arc<Once>>,
    /// Hash of what every page's context shares: `site` (but for its clock), the config and
    /// the mode. Part of every page's key, through its template's (`keys`).
    pub(super) global: Hash,
    /// The same without the articles' counts: part of the keys of the files written without
    /// a template (feeds, the sitemap), which show none, and of the pages whose templates
    /// show none when the `once/` parts are marks.
    pub(super) uncounted: Hash,
    /// Each template's key of what its pages share (see [`Shared::key_of`]).
    pub(super) keys: FxHashMap<&'a str, Hash>,
    /// What every card's `card/` parts are made from besides its page's card: `site` (without
    /// the counts unless a part may show them), the parts' templates, the day if they show it.
    /// The key of the parts `serve` keeps from one build to the next (`super::cards`).
    pub(super) cards: Hash,
}

impl<'a> Shared<'a> {
    /// With `secret`, pages are rendered with marks for the `once/` parts, if the theme
    /// allows it (`Templates::once_apart`); the secret names the marks.
    pub(super) fn new(
        site: &Site,
        templates: &'a Templates,
        site_view: &SiteView,
        secret: Option<&str>,
    ) -> Shared<'a> {
        let site_value = Value::from_serializable(site_view);
        let (parts, once_problems) = templates.render_once_parts(&site_value);
        let marked = (secret.filter(|_| templates.once_apart())).map(|secret| {
            Arc::new(Once::new(
                secret,
                parts.iter().map(|(_, p)| p.clone()).collect(),
            ))
        });
        let once = match &marked {
            Some(marks) => Templates::parts_value(
                (parts.iter().enumerate()).map(|(n, (name, _))| (name.as_str(), marks.mark(n))),
            ),
            None => Templates::parts_value(parts.iter().map(|(n, p)| (n.as_str(), p.clone()))),
        };
        let mut site_json = serde_json::to_value(site_view).unwrap_or_default();
        // The clock is left out: what it decides (which articles are out, which events are
        // upcoming) is in the pages' own keys, and pages whose templates show it get it in
        // theirs. Otherwise every `serve` build without `--now` would render every page.
        if let Some(now) = site_json.get_mut("now") {
            *now = serde_json::Value::Null;
        }
        let global = global_of(site, &site_json);
        without_counts(&mut site_json);
        let uncounted = global_of(site, &site_json);
        // The articles' counts are left out for the templates that show none when the
        // `once/` parts (the sidebar shows them) are put in apart: a new article, or one
        // unpublished or moved to another topic, then renders none of those pages again.
        let keys = (templates.names())
            .map(|name| {
                let shown = shows_counts(templates, name, marked.is_some());
                let global = if shown { global } else { uncounted };
                (
                    name,
                    key_of(site, templates, name, &global, marked.is_some()),
                )
            })
            .collect();
        let cards = cards_key(site, templates, (&global, &uncounted));
        Shared {
            site_value,
            once,
            once_problems,
            marked,
            global,
            uncounted,
            keys,
            cards,
        }
    }

    /// What every page rendered with `template` shares: the templates it reads, the clock
    /// too if it shows it, and whether its `once/` parts are marks.
    pub(super) fn key_of(&self, site: &Site, templates: &Templates, template: &str) -> Hash {
        match self.keys.get(template) {
            Some(key) => *key,
            None => key_of(
                site,
                templates,
                template,
                &self.global,
                self.marked.is_some(),
            ),
        }
    }
}

/// Whether pages rendered with `template` show the articles' counts as they are, for their
/// keys: when the `once/` parts are `marked`, only if the template reads counts.
pub(super) fn shows_counts(templates: &Templates, template: &str, marked: bool) -> bool {
    !marked || templates.reads_counts(template)
}

/// See [`Shared::cards`]. A card's own counts (its topics' and unit's) are in its value, but
/// the parts show them only if they read counts, and then their key has them all.
fn cards_key(site: &Site, templates: &Templates, (global, uncounted): (&Hash, &Hash)) -> Hash {
    let (parts, now, counts) = templates.card_parts_read();
    let mut key = Key::new("card parts");
    key.hash(if counts { global } else { uncounted })
        .hash(&parts);
    if now {
        key.text(&crate::plan::today(site).to_string());
    }
    key.finish()
}

/// The templates are not in it: each page's key has the templates its own reads.
fn global_of(site: &Site, site_json: &serde_json::Value) -> Hash {
    let mut h = crate::key::Hasher::new();
    h.update(&serde_json::to_vec(site_json).unwrap_or_default());
    h.update(site.config.key.as_bytes());
    h.update(&[u8::from(site.settings.drafts)]);
    h.finalize()
}

/// Every article count in the site's value emptied: its sections', topics', units' and
/// channels' units', wherever they are.
fn without_counts(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (name, value) in map.iter_mut() {
                match name.as_str() {
                    "count" => *value = serde_json::Value::Null,
                    _ => without_counts(value),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(without_counts),
        _ => {}
    }
}

fn key_of(site: &Site, templates: &Templates, template: &str, global: &Hash, marked: bool) -> Hash {
    let mut key = Key::new(if marked {
        "shared, once marked"
    } else {
        "shared"
    });
    key.hash(global);
    if templates.reads_now(template) {
        // The day only: that is all `site.now` shows, so such pages change once a day.
        key.text(&crate::plan::today(site).to_string());
    }
    key.hash(&templates.fingerprint_of(template)).finish()
}
