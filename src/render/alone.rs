//! Pages rendered alone, with the rest of the site as the last build made it: the desk's
//! preview of a draft, and the pages a text edit changed (with the feeds and the sitemap).

use super::{Body, Output, Outputs, RenderMemo, Renderer};
use crate::assemble::Site;
use crate::diag::Diagnostic;
use crate::templates::Templates;

/// After a text edit (`crate::assemble::text_edits`): the pages at `indexes` rendered anew,
/// and the feeds (which carry the newest articles' text) and the sitemap, made with the last
/// build's files (`outputs`) and memo. Every other file is the one a whole build would make
/// again: none shows what changed. Nothing is kept in `memo`.
pub fn edited(
    site: &Site,
    templates: &Templates,
    memo: &RenderMemo,
    indexes: &[usize],
    outputs: &Outputs,
    pack: bool,
) -> Result<Vec<(String, Output)>, Diagnostic> {
    let mut r = Renderer::new(site, templates, memo, Vec::new(), None);
    r.pack = pack;
    let mut made = Vec::with_capacity(indexes.len() + 2 * site.topics.len() + 3);
    for &index in indexes {
        made.push(r.page(index)?);
    }
    let contents = r.feed_contents();
    made.extend(r.feeds_and_sitemap(outputs, &contents));
    Ok(made
        .into_iter()
        .map(|d| (d.out.clone(), d.output()))
        .collect())
}

/// One article or standalone page, rendered alone (the desk's preview of a draft): nothing
/// is reused from earlier builds, nor kept for later ones.
pub fn one_page(site: &Site, templates: &Templates, index: usize) -> Result<Vec<u8>, Diagnostic> {
    let none = RenderMemo::default();
    let r = Renderer::new(site, templates, &none, Vec::new(), None);
    match r.page(index)?.body {
        Body::Bytes(bytes) => Ok(bytes.to_vec()),
        Body::Packed(packed) => Ok(packed.unpack()),
        Body::Written | Body::Unchanged => Ok(Vec::new()),
    }
}
