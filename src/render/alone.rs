//! Pages rendered alone, with the rest of the site as the last build made it: the desk's
//! preview of a draft, and the pages a text edit changed (with the feeds and the sitemap).

use rayon::prelude::*;

use super::{Body, Done, Output, Outputs, RenderMemo, Renderer};
use crate::assemble::Site;
use crate::diag::Diagnostic;
use crate::templates::Templates;

/// The pages a text edit changed (`crate::assemble::text_edits`), by index in `Site::pages`.
#[derive(Debug, Clone, Copy)]
pub struct Changed<'a> {
    pub pages: &'a [usize],
    /// Those whose card changed: the lists and the pages beside them show it.
    pub cards: &'a [usize],
}

/// After a text edit: the pages it `changed` rendered anew, the feeds (which carry the newest
/// articles' text) and the sitemap, and where a card changed, the pages beside it and those
/// listing it among their related articles, the pages of the lists showing it (every other
/// list page keeps its key: its cards are as they were) and the lists of all terms (through
/// the memo). Made with the last build's files (`outputs`) and `memo`; every other file is the
/// one a whole build would make again, as none shows what changed. Nothing is kept in `memo`.
pub fn edited(
    site: &Site,
    templates: &Templates,
    memo: &RenderMemo,
    changed: Changed,
    outputs: &Outputs,
    pack: bool,
) -> Result<Vec<(String, Output)>, Diagnostic> {
    let mut r = alone(site, templates, memo, pack)?;
    let mut pages: Vec<usize> = changed.pages.to_vec();
    // Whether each page's card changed, by page index.
    let mut card_changed = vec![false; site.pages.len()];
    for &i in changed.cards {
        card_changed[i] = true;
    }
    if !changed.cards.is_empty() {
        pages.extend(showing(site, changed.cards, &card_changed));
        pages.sort_unstable();
        pages.dedup();
    }
    let mut made: Vec<Done> = (pages.par_iter())
        .map(|&i| r.page(i))
        .collect::<Result<_, _>>()?;
    if !changed.cards.is_empty() {
        r.only_showing = Some(card_changed);
        let lists: Vec<Result<Done, Diagnostic>> = r.list_jobs().map(|job| r.run(job)).collect();
        made.extend(lists.into_iter().collect::<Result<Vec<_>, _>>()?);
    }
    r.card_problem()?;
    let contents = r.feed_contents();
    made.extend(r.feeds_and_sitemap(outputs, &contents));
    Ok(made
        .into_iter()
        .map(|mut d| (std::mem::take(&mut d.out), d.output()))
        .collect())
}

/// The pages at `outs` (output paths of articles, standalone pages and lists) rendered with
/// `templates` over `site`, packed as `serve` keeps them: the pages open in the browser,
/// shown before the whole site is made again (after a save of templates alone, over the last
/// build's site; after other saves, over the site just assembled). Paths of other files are
/// left out. Pages whose key `memo` holds are taken from it (never after a template save:
/// the templates are in every key); nothing is kept in it.
pub fn viewed(
    site: &Site,
    templates: &Templates,
    memo: &RenderMemo,
    outs: &[String],
) -> Result<Vec<(String, Output)>, Diagnostic> {
    let r = alone(site, templates, memo, true)?;
    let at = pages_at(site, outs);
    let mut pages: Vec<usize> = at.iter().flatten().copied().collect();
    pages.sort_unstable();
    pages.dedup();
    // Listing every list's pages takes a millisecond or two at 10,000 articles: only when
    // a path in view is not an article's.
    let rest: Vec<&String> = (outs.iter().zip(&at))
        .filter(|(_, page)| page.is_none())
        .map(|(out, _)| out)
        .collect();
    let lists: Vec<Result<Done, Diagnostic>> = match rest.is_empty() {
        true => Vec::new(),
        false => (r.list_jobs())
            .filter(|job| rest.contains(&&job.out))
            .map(|job| r.run(job))
            .collect(),
    };
    let pages = pages.into_iter().map(|i| r.page(i));
    let made = pages.chain(lists).collect::<Result<Vec<Done>, _>>()?;
    r.card_problem()?;
    Ok(made
        .into_iter()
        .map(|mut d| (std::mem::take(&mut d.out), d.output()))
        .collect())
}

/// For each of `outs` (output paths), the place in `site.pages` of the article or standalone
/// page written there (`<path>index.html`), if one is: one walk over the pages.
pub fn pages_at(site: &Site, outs: &[String]) -> Vec<Option<usize>> {
    let paths: Vec<Option<&str>> = outs.iter().map(|o| o.strip_suffix("index.html")).collect();
    let mut found = vec![None; outs.len()];
    for (i, page) in site.pages.iter().enumerate() {
        for (n, path) in paths.iter().enumerate() {
            if *path == Some(page.page.path.as_str()) {
                found[n].get_or_insert(i);
            }
        }
    }
    found
}

/// A renderer for pages made alone. A `once/` template that cannot be rendered stops it,
/// as any page's error does here (a whole build reports it once, beside the others).
fn alone<'a>(
    site: &'a Site,
    templates: &'a Templates,
    memo: &'a RenderMemo,
    pack: bool,
) -> Result<Renderer<'a>, Diagnostic> {
    let mut r = Renderer::new(site, templates, memo, Vec::new(), None, pack);
    match std::mem::take(&mut r.shared.once_problems)
        .into_iter()
        .next()
    {
        Some(problem) => Err(problem),
        None => Ok(r),
    }
}

/// The pages that show the cards of `cards` (`changed`: each page's, by index): beside them
/// in their section, or listing them among their related articles.
fn showing(site: &Site, cards: &[usize], changed: &[bool]) -> Vec<usize> {
    let beside = (cards.iter()).flat_map(|&i| {
        let (previous, next) = site.neighbours_of(i);
        previous.into_iter().chain(next)
    });
    let related = (site.related.par_iter().enumerate())
        .filter(|(_, list)| list.iter().any(|&i| changed[i]))
        .map(|(j, _)| j)
        .collect::<Vec<_>>();
    beside.chain(related).collect()
}

/// One article or standalone page, rendered alone (the desk's preview of a draft): nothing
/// is reused from earlier builds, nor kept for later ones.
pub fn one_page(site: &Site, templates: &Templates, index: usize) -> Result<Vec<u8>, Diagnostic> {
    let none = RenderMemo::default();
    let r = alone(site, templates, &none, false)?;
    let done = r.page(index)?;
    r.card_problem()?;
    match done.body {
        Body::Bytes(bytes) => Ok(bytes.to_vec()),
        Body::Packed(packed) => Ok(packed.unpack()),
        Body::Marked(packed, once) => Ok(once.put_in(&packed.unpack())),
        Body::Written | Body::Unchanged => Ok(Vec::new()),
    }
}
