//! SVG drawings from authors, made safe to publish: an SVG is a document that can carry
//! script, so what could run or fetch anything is taken out before it goes on the portal.
//!
//! Removed: `<script>`, `<foreignObject>` (it embeds HTML) and other embedding elements, event
//! handlers (`onload=…`), animations that set a link, links and references that lead outside
//! the drawing (`href`, `xlink:href` other than `#…`), styles that import or fetch, processing
//! instructions (`<?xml-stylesheet?>`) and the document type (its entities). The rest of the
//! drawing is written back as it was.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

/// A drawing after cleaning, and the names of what was taken out (each once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub bytes: Vec<u8>,
    pub removed: Vec<String>,
}

/// Elements dropped with everything inside them.
const DROPPED: &[&str] = &[
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "handler",
    "listener",
    "audio",
    "video",
];

/// Cleans an SVG file; `Err` with the parser's words when it is not well-formed XML (a
/// browser would show nothing, and loa cannot tell what it carries).
pub fn clean(svg: &[u8]) -> Result<Cleaned, String> {
    let mut reader = Reader::from_reader(svg);
    let mut writer = Writer::new(Vec::with_capacity(svg.len()));
    let mut removed: Vec<String> = Vec::new();
    let mut note = |what: String| {
        if !removed.contains(&what) {
            removed.push(what);
        }
    };
    // Depth inside a dropped element (0: not in one).
    let mut skipping = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        let event = match event {
            Event::Eof => break,
            _ if skipping > 0 => {
                match event {
                    Event::Start(_) => skipping += 1,
                    Event::End(_) => skipping -= 1,
                    _ => {}
                }
                continue;
            }
            Event::Start(e) => match keep_element(&e, &mut note) {
                Some(e) => Event::Start(e),
                None => {
                    skipping = 1;
                    continue;
                }
            },
            Event::Empty(e) => match keep_element(&e, &mut note) {
                Some(e) => Event::Empty(e),
                None => continue,
            },
            Event::PI(_) => {
                note("<?…?>".to_string());
                continue;
            }
            Event::DocType(_) => {
                note("<!DOCTYPE>".to_string());
                continue;
            }
            other => other,
        };
        writer.write_event(event).map_err(|e| e.to_string())?;
    }
    // Stylesheets are text: one that imports or fetches is emptied (checked on the written
    // bytes, where `<style>` text is whole).
    let bytes = writer.into_inner();
    Ok(Cleaned {
        bytes: strip_fetching_styles(bytes, &mut note),
        removed,
    })
}

/// The element with its unsafe attributes removed, or `None` when the whole element goes.
fn keep_element(e: &BytesStart, note: &mut impl FnMut(String)) -> Option<BytesStart<'static>> {
    let name = e.local_name().as_ref().to_ascii_lowercase();
    if DROPPED.contains(&name.as_str()) {
        note(format!("<{name}>"));
        return None;
    }
    let attrs: Vec<(String, String)> = e
        .attributes()
        .filter_map(Result::ok)
        .map(|a| {
            let key = a.key.as_ref().to_string();
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string());
            (key, value)
        })
        .collect();
    // `<set attributeName="href" to="javascript:…">` turns a safe link into a script.
    let animates_link = matches!(name.as_str(), "set" | "animate")
        && attrs
            .iter()
            .any(|(k, v)| k.eq_ignore_ascii_case("attributeName") && v.contains("href"));
    if animates_link {
        note(format!("<{name}>"));
        return None;
    }
    let mut kept = BytesStart::new(e.name().as_ref().to_string());
    for (key, value) in &attrs {
        if unsafe_attribute(key, value) {
            let local = key.rsplit(':').next().unwrap_or(key).to_ascii_lowercase();
            note(format!("{local}=\"…\""));
        } else {
            kept.push_attribute((key.as_str(), value.as_str()));
        }
    }
    Some(kept)
}

fn unsafe_attribute(key: &str, value: &str) -> bool {
    let local = key.rsplit(':').next().unwrap_or(key).to_ascii_lowercase();
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    local.starts_with("on")
        || (matches!(local.as_str(), "href" | "src") && !squeezed.starts_with('#'))
        || squeezed.contains("javascript:")
        || fetches(&squeezed)
}

/// Whether CSS text (lowercase, spaces removed) imports or fetches something outside the
/// drawing: `@import`, or `url(…)` other than `url(#…)`.
fn fetches(css: &str) -> bool {
    css.contains("@import")
        || css.match_indices("url(").any(|(i, _)| {
            !css[i + 4..]
                .trim_start_matches(['\'', '"'])
                .starts_with('#')
        })
}

fn strip_fetching_styles(bytes: Vec<u8>, note: &mut impl FnMut(String)) -> Vec<u8> {
    let text = String::from_utf8_lossy(&bytes);
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    let mut search = 0;
    while let Some(open) = lower[search..].find("<style").map(|i| search + i) {
        let Some(body) = lower[open..].find('>').map(|i| open + i + 1) else {
            break;
        };
        let Some(close) = lower[body..].find("</style").map(|i| body + i) else {
            break;
        };
        let css: String = lower[body..close]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if fetches(&css) {
            note("<style>".to_string());
            out.push_str(&text[rest..body]);
            rest = close;
        }
        search = close;
    }
    out.push_str(&text[rest..]);
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(svg: &str) -> (String, Vec<String>) {
        let c = clean(svg.as_bytes()).unwrap();
        (String::from_utf8(c.bytes).unwrap(), c.removed)
    }

    #[test]
    fn a_plain_drawing_is_published_as_it_was() {
        let svg = r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs><rect width="10" height="10" fill="url(#g)"/><text x="1" y="5">Sở Tư pháp &amp; dân</text><use href="#g"/></svg>"##;
        let (out, removed) = cleaned(svg);
        assert_eq!(out, svg);
        assert!(removed.is_empty());
    }

    #[test]
    fn scripts_handlers_links_out_and_embedded_html_are_removed() {
        let (out, removed) = cleaned(
            r#"<?xml-stylesheet href="http://x/a.css"?><!DOCTYPE svg [<!ENTITY e "x">]><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><foreignObject><iframe src="http://x"/></foreignObject><a xlink:href="javascript:alert(3)"><rect/></a><image href="https://tracker.example/p.png"/><set attributeName="href" to="javascript:alert(4)"/><rect style="fill:url(http://x/f)" ONCLICK="x()"/><style>@import url(http://x/s.css);</style></svg>"#,
        );
        for gone in [
            "alert",
            "script",
            "foreignObject",
            "iframe",
            "http://x",
            "tracker",
            "onload",
            "ONCLICK",
            "ENTITY",
            "xml-stylesheet",
            "@import",
        ] {
            assert!(!out.contains(gone), "{gone} left in {out}");
        }
        assert!(out.contains("<rect/>"), "{out}");
        assert_eq!(
            removed,
            [
                "<?…?>",
                "<!DOCTYPE>",
                "onload=\"…\"",
                "<script>",
                "<foreignobject>",
                "href=\"…\"",
                "<set>",
                "style=\"…\"",
                "onclick=\"…\"",
                "<style>"
            ]
        );
    }

    #[test]
    fn a_file_that_is_not_xml_is_refused() {
        assert!(clean(b"<svg><rect></svg>").is_err());
    }
}
