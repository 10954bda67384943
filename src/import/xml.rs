//! One XML part of a .docx as a small element tree: element local names, attributes by local
//! name (`r:id` and `r:embed` keep their prefix, resolved by namespace), and the text Word keeps.
//!
//! A tree rather than a stream because Word's structures read naturally top-down (a table's
//! cells, a picture's `descr` two levels above its `blip`); a .docx part is a few megabytes at
//! most, within the package's limits. Nesting is bounded, so walking the tree recursively cannot
//! overflow the stack, whatever the file holds.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Deeper than any document Word or LibreOffice writes (tables in tables in text boxes stay
/// under 60); a crafted file nesting deeper is refused as damaged.
pub const MAX_DEPTH: usize = 256;

/// The namespaces of relationship ids, transitional and strict OOXML.
const RELATIONSHIPS: &[&str] = &[
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
];

/// An element with its attributes and children.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Element {
    /// Local name: `p` for `w:p`.
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// The attribute of that local name (`val` for `w:val`; `r:id` for a relationship id).
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element of that name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// `w:val` of the named child: `<w:pStyle w:val="Heading1"/>` → `Heading1`.
    pub fn child_val(&self, name: &str) -> Option<&str> {
        self.child(name)?.attr("val")
    }

    /// The element and every element under it, depth first, in document order.
    pub fn descendants(&self) -> Descendants<'_> {
        Descendants { stack: vec![self] }
    }

    /// The text directly inside this element.
    pub fn own_text(&self) -> String {
        self.children
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                Node::Element(_) => None,
            })
            .collect()
    }
}

/// See [`Element::descendants`].
pub struct Descendants<'a> {
    stack: Vec<&'a Element>,
}

impl<'a> Iterator for Descendants<'a> {
    type Item = &'a Element;

    fn next(&mut self) -> Option<&'a Element> {
        let next = self.stack.pop()?;
        let children: Vec<&Element> = next.elements().collect();
        self.stack.extend(children.into_iter().rev());
        Some(next)
    }
}

/// Parses a part into its root element; the error is quick-xml's, for the officer's message.
pub fn parse(text: &str) -> Result<Element, String> {
    let mut reader = Reader::from_str(text.strip_prefix('\u{feff}').unwrap_or(text));
    let mut open: Vec<Element> = vec![Element::default()];
    let mut scopes: Vec<Vec<(String, String)>> = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        match event {
            Event::Start(e) => {
                if open.len() > MAX_DEPTH {
                    return Err(format!("nested deeper than {MAX_DEPTH} elements"));
                }
                let (element, scope) = element(&e, &scopes);
                scopes.push(scope);
                open.push(element);
            }
            Event::Empty(e) => {
                let (element, _) = element(&e, &scopes);
                push_child(&mut open, Node::Element(element));
            }
            Event::End(_) => {
                scopes.pop();
                let done = open.pop().filter(|_| !open.is_empty());
                match done {
                    Some(done) => push_child(&mut open, Node::Element(done)),
                    None => return Err("unbalanced end tag".to_string()),
                }
            }
            Event::Text(t) => push_text(&mut open, &t.xml10_content()),
            Event::CData(t) => push_text(&mut open, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(&r).map(str::to_string),
                };
                if let Some(text) = resolved {
                    push_text(&mut open, &text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if open.len() != 1 {
        return Err("unclosed element".to_string());
    }
    let root = open.pop().unwrap_or_default();
    root.children
        .into_iter()
        .find_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or_else(|| "no root element".to_string())
}

fn push_child(open: &mut [Element], node: Node) {
    if let Some(parent) = open.last_mut() {
        parent.children.push(node);
    }
}

/// Text is kept where Word keeps it (in `w:t` and friends, and in short property values);
/// the indentation between elements is dropped.
fn push_text(open: &mut [Element], text: &str) {
    let Some(parent) = open.last_mut() else {
        return;
    };
    let whitespace = text.chars().all(char::is_whitespace);
    if whitespace && !matches!(parent.name.as_str(), "t" | "instrText" | "delText") {
        return;
    }
    match parent.children.last_mut() {
        Some(Node::Text(last)) => last.push_str(text),
        _ => parent.children.push(Node::Text(text.to_string())),
    }
}

/// The element's local name and attributes, and the namespace prefixes it declares.
fn element(e: &BytesStart, scopes: &[Vec<(String, String)>]) -> (Element, Vec<(String, String)>) {
    let mut declared = Vec::new();
    let mut attrs = Vec::new();
    for attr in e.attributes().with_checks(false).filter_map(Result::ok) {
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .unwrap_or_else(|_| attr.value.to_string());
        let key = attr.key.as_ref();
        if let Some(prefix) = key.strip_prefix("xmlns:") {
            declared.push((prefix.to_string(), value));
        } else if key != "xmlns" {
            attrs.push((key.to_string(), value));
        }
    }
    let attrs = attrs
        .into_iter()
        .map(|(key, value)| (attribute_key(&key, &declared, scopes), value))
        .collect();
    let name = e.local_name().as_ref().to_string();
    let element = Element {
        name,
        attrs,
        children: Vec::new(),
    };
    (element, declared)
}

/// `w:val` → `val`; a relationship attribute (`r:id`, whatever its prefix) → `r:id`.
fn attribute_key(
    key: &str,
    declared: &[(String, String)],
    scopes: &[Vec<(String, String)>],
) -> String {
    let Some((prefix, local)) = key.split_once(':') else {
        return key.to_string();
    };
    let uri = declared
        .iter()
        .rev()
        .chain(scopes.iter().rev().flat_map(|s| s.iter().rev()))
        .find(|(p, _)| p == prefix)
        .map(|(_, uri)| uri.as_str());
    match uri {
        Some(uri) if RELATIONSHIPS.contains(&uri) => format!("r:{local}"),
        _ => local.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_their_prefix_but_relationship_ids_keep_it() {
        let root = parse(
            r#"<w:document xmlns:w="urn:w" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                 <w:hyperlink rel:id="rId4" w:anchor="muc"><w:t xml:space="preserve"> Sở &amp; dân&#33; </w:t></w:hyperlink>
               </w:document>"#,
        )
        .unwrap();
        let link = root.child("hyperlink").unwrap();
        assert_eq!(link.attr("r:id"), Some("rId4"));
        assert_eq!(link.attr("anchor"), Some("muc"));
        assert_eq!(link.child("t").unwrap().own_text(), " Sở & dân! ");
    }

    #[test]
    fn whitespace_between_elements_is_dropped_but_kept_inside_text() {
        let root = parse("<a>\n  <t> </t>\n  <b/>\n</a>").unwrap();
        assert_eq!(root.children.len(), 2);
        assert_eq!(root.child("t").unwrap().own_text(), " ");
    }

    #[test]
    fn nesting_past_the_limit_is_an_error_not_a_stack_overflow() {
        let deep = "<a>".repeat(MAX_DEPTH + 5) + &"</a>".repeat(MAX_DEPTH + 5);
        assert!(parse(&deep).is_err());
        let fine = "<a>".repeat(100) + &"</a>".repeat(100);
        assert_eq!(parse(&fine).unwrap().descendants().count(), 100);
    }

    #[test]
    fn broken_xml_is_an_error() {
        assert!(parse("<a><b></a>").is_err());
        assert!(parse("<a>").is_err());
        assert!(parse("").is_err());
    }
}
