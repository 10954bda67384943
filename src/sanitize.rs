//! Raw HTML in Markdown (often pasted from Word) passes only through an allowlist.
//!
//! ammonia does the cleaning; this module owns the allowlist and also tells the officer what
//! was dropped, since ammonia cleans silently.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Tags an article may carry: what pulldown-cmark writes plus plain formatting from Word.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
];

/// Attributes allowed on every tag. `style` is not among them: Word puts its `mso-` clutter there.
const GENERIC_ATTRIBUTES: &[&str] = &["id", "class", "title", "lang", "dir"];

const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    (
        "img",
        &[
            "src", "alt", "width", "height", "loading", "srcset", "sizes",
        ],
    ),
    ("input", &["type", "checked", "disabled"]),
    // `style` only for the column alignment pulldown-cmark writes; see `keeps_value`.
    ("td", &["colspan", "rowspan", "align", "style"]),
    ("th", &["colspan", "rowspan", "align", "scope", "style"]),
    ("ol", &["start", "reversed"]),
    ("time", &["datetime"]),
    ("details", &["open"]),
];

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::empty();
    b.tags(TAGS.iter().copied().collect())
        .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
        .tag_attributes(
            TAG_ATTRIBUTES
                .iter()
                .map(|(t, a)| (*t, a.iter().copied().collect()))
                .collect(),
        )
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(|_, attr, value| keeps_value(attr, value).then(|| value.into()));
    b
});

/// Whether an allowed attribute keeps its value: Word's class names (MsoNormal…) carry no
/// meaning on the web, and the only style kept is a table column's alignment (which
/// pulldown-cmark writes as `style="text-align: center"`).
fn keeps_value(attr: &str, value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    match attr {
        "class" => !lower.contains("mso"),
        "style" => {
            let declaration = lower.trim().trim_end_matches(';');
            matches!(
                declaration
                    .split_once(':')
                    .map(|(p, v)| (p.trim(), v.trim())),
                Some(("text-align", "left" | "center" | "right"))
            )
        }
        "href" | "src" => !lower.trim_start().starts_with("javascript:"),
        _ => true,
    }
}

/// Cleans an HTML fragment through the allowlist.
pub fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// Names what the allowlist would drop from a raw HTML fragment, for warnings:
/// `<script>`, `style="…"`, `onclick="…"`, Word's `mso-` classes and conditional comments.
pub fn what_would_be_removed(html: &str) -> Vec<String> {
    let tags: HashSet<&str> = TAGS.iter().copied().collect();
    let mut removed = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            let end = comment.find("-->").unwrap_or(comment.len());
            let body = &comment[..end];
            if body.contains("[if") || body.to_ascii_lowercase().contains("mso") {
                push_once(&mut removed, "<!--[if …]-->".to_string());
            }
            rest = &comment[end..];
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let inside = &rest[..end];
        rest = &rest[end..];
        let inside = inside.trim_start_matches('/');
        let name: String = inside
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == ':')
            .collect();
        let name = name.to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        if !tags.contains(name.as_str()) {
            push_once(&mut removed, format!("<{name}>"));
            continue;
        }
        for (attr, value) in attributes(&inside[name.len()..]) {
            let allowed = GENERIC_ATTRIBUTES.contains(&attr.as_str())
                || TAG_ATTRIBUTES
                    .iter()
                    .any(|(t, a)| *t == name && a.contains(&attr.as_str()));
            if !allowed || !keeps_value(&attr, &value) {
                push_once(&mut removed, format!("{attr}=\"…\""));
            }
        }
    }
    removed
}

fn push_once(list: &mut Vec<String>, item: String) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// Splits `a="1" b='2' c=3 d` into names (lowercase) and values.
fn attributes(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() || c == '/' {
            chars.next();
            continue;
        }
        let name_end = s[i..]
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .map_or(s.len(), |e| i + e);
        let name = s[i..name_end].to_ascii_lowercase();
        let mut value = String::new();
        let mut pos = name_end;
        let after = s[pos..].trim_start();
        if let Some(v) = after.strip_prefix('=') {
            let v = v.trim_start();
            let (val, consumed) = match v.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = v[1..].find(q).map_or(v.len(), |e| e + 1);
                    (&v[1..close.min(v.len())], (close + 1).min(v.len()))
                }
                _ => {
                    let e = v.find(char::is_whitespace).unwrap_or(v.len());
                    (&v[..e], e)
                }
            };
            value = val.to_string();
            pos = s.len() - v.len() + consumed;
        }
        out.push((name, value));
        while chars.peek().is_some_and(|&(j, _)| j < pos.max(i + 1)) {
            chars.next();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_and_event_handlers_are_removed() {
        let dirty = r#"<p class="MsoNormal" style="mso-line-height:1" onclick="x()">Chào <script>alert(1)</script><b>bạn</b></p>"#;
        let cleaned = clean(dirty);
        assert_eq!(cleaned, "<p>Chào <b>bạn</b></p>");
    }

    #[test]
    fn table_alignment_survives_but_no_other_style_does() {
        let html = r#"<table><tr><th style="text-align: center">A</th><td style="color: red">B</td></tr></table>"#;
        let cleaned = clean(html);
        assert!(
            cleaned.contains(r#"<th style="text-align: center">"#),
            "{cleaned}"
        );
        assert!(!cleaned.contains("color"), "{cleaned}");
        assert_eq!(
            what_would_be_removed(r#"<td style="color: red">"#),
            ["style=\"…\""]
        );
    }

    #[test]
    fn javascript_links_are_dropped_with_a_warning() {
        assert!(!clean(r#"<a href="javascript:alert(1)">x</a>"#).contains("javascript"));
        assert_eq!(
            what_would_be_removed(r#"<a href="javascript:alert(1)">"#),
            ["href=\"…\""]
        );
    }

    #[test]
    fn the_warning_names_each_dropped_thing_once() {
        let found = what_would_be_removed(
            r#"<p class="MsoNormal" style="a" onclick='x()'><o:p></o:p><script>"#,
        );
        assert_eq!(
            found,
            [
                "class=\"…\"",
                "style=\"…\"",
                "onclick=\"…\"",
                "<o:p>",
                "<script>"
            ]
        );
        assert!(what_would_be_removed(r#"<span title="x">a</span><br/>"#).is_empty());
    }

    #[test]
    fn broken_and_non_ascii_markup_never_panics() {
        for html in [
            "<a b='",
            "<a b=\"x",
            "<a b=",
            "<a b = \"c\" d>",
            "<ạ ế=\"ừ\">",
            "<",
            "<!--",
            "<a\u{0}>",
            "</>",
            "<a b='c'd='e'>",
        ] {
            let _ = what_would_be_removed(html);
            let _ = clean(html);
        }
    }

    #[test]
    fn word_conditional_comments_are_reported() {
        assert_eq!(
            what_would_be_removed("<!--[if gte mso 9]><xml></xml><![endif]-->"),
            ["<!--[if …]-->"]
        );
    }
}
