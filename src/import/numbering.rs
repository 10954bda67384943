//! `numbering.xml`: whether a list level is numbered or bulleted. A paragraph names a list
//! (`w:numId`) and a level; the list points at an abstract definition holding each level's
//! number format.

use std::collections::HashMap;

use super::xml::Element;

/// How a list level shows its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Bullet,
    Number,
    /// `w:numFmt="none"`: no mark at all; the paragraph reads as ordinary text.
    Nothing,
}

#[derive(Debug, Clone, Default)]
pub struct Numbering {
    /// `w:numId` → `w:abstractNumId`.
    lists: HashMap<String, String>,
    /// Abstract definition → the marker of each level.
    levels: HashMap<String, HashMap<u8, Marker>>,
}

impl Numbering {
    pub fn read(root: &Element) -> Numbering {
        let mut numbering = Numbering::default();
        for e in root.elements() {
            match e.name.as_str() {
                "abstractNum" => {
                    let Some(id) = e.attr("abstractNumId") else {
                        continue;
                    };
                    let levels = e
                        .elements()
                        .filter(|l| l.name == "lvl")
                        .filter_map(|l| {
                            let level = l.attr("ilvl")?.parse().ok()?;
                            Some((level, marker(l.child_val("numFmt"))))
                        })
                        .collect();
                    numbering.levels.insert(id.to_string(), levels);
                }
                "num" => {
                    if let (Some(id), Some(abs)) = (e.attr("numId"), e.child_val("abstractNumId")) {
                        numbering.lists.insert(id.to_string(), abs.to_string());
                    }
                }
                _ => {}
            }
        }
        numbering
    }

    /// The marker of a level of a list; `None` for `numId` 0 (Word's "no list") or a list
    /// the file does not define.
    pub fn marker(&self, list: &str, level: u8) -> Option<Marker> {
        let levels = self.levels.get(self.lists.get(list)?)?;
        Some(levels.get(&level).copied().unwrap_or(Marker::Bullet))
    }
}

fn marker(format: Option<&str>) -> Marker {
    match format {
        Some("bullet") | None => Marker::Bullet,
        Some("none") => Marker::Nothing,
        Some(_) => Marker::Number,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::xml;

    #[test]
    fn levels_are_numbered_or_bulleted_as_their_definition_says() {
        let root = xml::parse(
            r#"<w:numbering xmlns:w="urn:w">
              <w:abstractNum w:abstractNumId="3">
                <w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl>
                <w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl>
                <w:lvl w:ilvl="2"><w:numFmt w:val="none"/></w:lvl>
              </w:abstractNum>
              <w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num>
            </w:numbering>"#,
        )
        .unwrap();
        let n = Numbering::read(&root);
        assert_eq!(n.marker("7", 0), Some(Marker::Number));
        assert_eq!(n.marker("7", 1), Some(Marker::Bullet));
        assert_eq!(n.marker("7", 2), Some(Marker::Nothing));
        assert_eq!(n.marker("0", 0), None);
    }
}
