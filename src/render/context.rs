//! What every page's template context shares: `site` and the `once` parts, made once for the
//! build, and the page's `meta` (what its `<head>` needs).

use tera::{Context, Value};

use super::Renderer;
use crate::templates::SHARE_IMAGE;
use crate::views::{HeadView, ShareImage};

impl Renderer<'_> {
    pub(crate) fn context(&self, meta: HeadView) -> Context {
        let mut ctx = Context::new();
        ctx.insert_value("site", self.shared.site_value.clone());
        ctx.insert_value("once", self.shared.once.clone());
        ctx.insert_value("meta", meta_value(&meta));
        ctx
    }

    pub(crate) fn head(
        &self,
        kind: &'static str,
        title: &str,
        description: &str,
        path: &str,
    ) -> HeadView {
        let (file, width, height) = SHARE_IMAGE;
        HeadView {
            title: title.to_string(),
            description: description.to_string(),
            url: self.views.link(path),
            permalink: self.views.permalink(path),
            kind,
            feed_url: None,
            json_feed_url: None,
            image: ShareImage {
                url: self.views.permalink(file),
                width: Some(width),
                height: Some(height),
                alt: self.site.config.organization.clone(),
            },
            published: None,
            modified: None,
            json_ld: None,
        }
    }
}

/// `meta` for the templates, its JSON-LD (if any) the text already written, marked safe: the
/// `json_ld` filter writes it as it is. Made into a template value and then written again by
/// the filter, it cost a page about 2 % of a clean build.
fn meta_value(meta: &HeadView) -> Value {
    let mut map = Value::from_serializable(meta)
        .into_map()
        .unwrap_or_default();
    let json_ld = match &meta.json_ld {
        Some(text) => Value::safe_string(text),
        None => Value::none(),
    };
    map.insert("json_ld".into(), json_ld);
    Value::from(map)
}
