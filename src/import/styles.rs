//! `styles.xml`: what each paragraph and character style makes of its text (bold, italic,
//! strikethrough, font, hidden), what role a paragraph style gives (title, heading, caption),
//! resolved through the styles each is based on.

use std::collections::HashMap;

use super::model::Role;
use super::xml::Element;

/// Character formatting as a style or a run sets it; `None` where it says nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunProps {
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub strike: Option<bool>,
    /// Hidden text (`w:vanish`): Word does not show it, so neither does the article.
    pub hidden: Option<bool>,
    /// The font of the text's letters (`w:hAnsi`, else `w:ascii`).
    pub font: Option<String>,
}

impl RunProps {
    /// Reads a `w:rPr` (or a style's).
    pub fn read(rpr: &Element) -> RunProps {
        let fonts = rpr.child("rFonts");
        let font = fonts
            .and_then(|f| f.attr("hAnsi").or_else(|| f.attr("ascii")))
            .map(str::to_string);
        RunProps {
            bold: rpr.child("b").map(on),
            italic: rpr.child("i").map(on),
            strike: match (rpr.child("strike"), rpr.child("dstrike")) {
                (None, None) => None,
                (s, d) => Some(s.is_some_and(on) || d.is_some_and(on)),
            },
            hidden: rpr.child("vanish").map(on),
            font,
        }
    }

    /// These properties written over `base`.
    pub fn over(&self, base: &RunProps) -> RunProps {
        RunProps {
            bold: self.bold.or(base.bold),
            italic: self.italic.or(base.italic),
            strike: self.strike.or(base.strike),
            hidden: self.hidden.or(base.hidden),
            font: self.font.clone().or_else(|| base.font.clone()),
        }
    }
}

/// Word's on/off properties: present means on, unless `w:val` says `0`, `false` or `off`.
pub fn on(e: &Element) -> bool {
    !matches!(e.attr("val"), Some("0" | "false" | "off" | "none"))
}

/// Paragraph formatting a style sets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParaProps {
    pub centred: Option<bool>,
    /// `(w:numId, w:ilvl)`.
    pub numbering: Option<(String, u8)>,
    /// `w:outlineLvl`, 0 for a level-1 heading.
    pub outline: Option<u8>,
}

impl ParaProps {
    pub fn read(ppr: &Element) -> ParaProps {
        let numbering = ppr.child("numPr").and_then(|n| {
            let id = n.child_val("numId")?.to_string();
            let level = n
                .child_val("ilvl")
                .and_then(|l| l.parse().ok())
                .unwrap_or(0);
            Some((id, level))
        });
        ParaProps {
            centred: ppr.child_val("jc").map(|j| j == "center"),
            numbering,
            outline: ppr.child_val("outlineLvl").and_then(|l| l.parse().ok()),
        }
    }

    pub fn over(&self, base: &ParaProps) -> ParaProps {
        ParaProps {
            centred: self.centred.or(base.centred),
            numbering: self.numbering.clone().or_else(|| base.numbering.clone()),
            outline: self.outline.or(base.outline),
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    run: RunProps,
    para: ParaProps,
}

/// The styles of a document.
#[derive(Debug, Clone, Default)]
pub struct Styles {
    styles: HashMap<String, Style>,
    /// The paragraph style of paragraphs that name none (`Normal`).
    default_paragraph: Option<String>,
    /// `w:docDefaults`: what every run starts from.
    defaults: RunProps,
}

/// Styles based on styles based on …: a cycle in a damaged file stops here.
const MAX_CHAIN: usize = 32;

impl Styles {
    pub fn read(root: &Element) -> Styles {
        let defaults = root
            .child("docDefaults")
            .and_then(|d| d.child("rPrDefault"))
            .and_then(|r| r.child("rPr"))
            .map(RunProps::read)
            .unwrap_or_default();
        let mut styles = Styles {
            defaults,
            ..Styles::default()
        };
        for s in root.elements().filter(|e| e.name == "style") {
            let Some(id) = s.attr("styleId") else {
                continue;
            };
            if s.attr("type") == Some("paragraph") && s.attr("default").is_some_and(|d| d == "1") {
                styles.default_paragraph = Some(id.to_string());
            }
            let style = Style {
                name: s.child_val("name").unwrap_or(id).to_string(),
                based_on: s.child_val("basedOn").map(str::to_string),
                run: s.child("rPr").map(RunProps::read).unwrap_or_default(),
                para: s.child("pPr").map(ParaProps::read).unwrap_or_default(),
            };
            styles.styles.insert(id.to_string(), style);
        }
        styles
    }

    /// The style a paragraph has: the one it names, else the default one.
    pub fn paragraph_style<'a>(&'a self, named: Option<&'a str>) -> Option<&'a str> {
        named.or(self.default_paragraph.as_deref())
    }

    /// The style and those it is based on, nearest first.
    fn chain(&self, id: Option<&str>) -> Vec<&Style> {
        let mut chain = Vec::new();
        let mut next = id;
        while let Some(style) = next.and_then(|id| self.styles.get(id)) {
            if chain.len() == MAX_CHAIN {
                break;
            }
            chain.push(style);
            next = style.based_on.as_deref();
        }
        chain
    }

    /// The run formatting of a style, over the document's defaults.
    pub fn run_props(&self, id: Option<&str>) -> RunProps {
        self.chain(id)
            .iter()
            .rev()
            .fold(self.defaults.clone(), |base, s| s.run.over(&base))
    }

    /// The paragraph formatting of a style.
    pub fn para_props(&self, id: Option<&str>) -> ParaProps {
        self.chain(id)
            .iter()
            .rev()
            .fold(ParaProps::default(), |base, s| s.para.over(&base))
    }

    /// What a paragraph style makes a paragraph: its own name decides, else the nearest
    /// style it is based on that is a title, heading or caption.
    pub fn role(&self, id: Option<&str>) -> Role {
        self.chain(id)
            .iter()
            .find_map(|s| role_of_name(&s.name))
            .unwrap_or_default()
    }

    /// The list level a style's name implies: Word's `List Bullet 2`, `List Number 3` …
    /// are level 1, 2 … (0-based) though their numbering says 0.
    pub fn list_level(&self, id: Option<&str>) -> Option<u8> {
        let name = self.chain(id).first()?.name.to_lowercase();
        if !name.starts_with("list") {
            return None;
        }
        let n: u8 = name.rsplit(' ').next()?.parse().ok()?;
        (2..=9).contains(&n).then(|| n - 1)
    }

    /// Whether the style is one of Word's table-of-contents styles (`toc 1` …).
    pub fn is_contents(&self, id: Option<&str>) -> bool {
        self.chain(id).first().is_some_and(|s| {
            let name = s.name.to_lowercase();
            name.starts_with("toc ") || name.starts_with("contents ")
        })
    }
}

/// Word's built-in names (the same whatever the language of Word: `heading 1`, `Title`,
/// `caption`); LibreOffice writes `Heading 1` and `Caption`.
fn role_of_name(name: &str) -> Option<Role> {
    let name = name.trim().to_lowercase();
    if name == "title" {
        return Some(Role::Title);
    }
    if matches!(name.as_str(), "caption" | "figure" | "illustration") {
        return Some(Role::Caption);
    }
    let level: u8 = name.strip_prefix("heading ")?.trim().parse().ok()?;
    (1..=9)
        .contains(&level)
        .then(|| Role::Heading(level.min(6)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::xml;

    const STYLES: &str = r#"<w:styles xmlns:w="urn:w">
      <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"/></w:rPr></w:rPrDefault></w:docDefaults>
      <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
      <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
        <w:rPr><w:b/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="TieuDe"><w:name w:val="Tiêu đề mục"/><w:basedOn w:val="Heading1"/>
        <w:rPr><w:b w:val="0"/><w:i/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Cu"><w:name w:val="Chữ cũ"/><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="A"><w:name w:val="A"/><w:basedOn w:val="B"/></w:style>
      <w:style w:type="paragraph" w:styleId="B"><w:name w:val="B"/><w:basedOn w:val="A"/></w:style>
    </w:styles>"#;

    fn styles() -> Styles {
        Styles::read(&xml::parse(STYLES).unwrap())
    }

    #[test]
    fn formatting_comes_down_the_styles_a_style_is_based_on() {
        let s = styles();
        assert_eq!(s.run_props(Some("Heading1")).bold, Some(true));
        let custom = s.run_props(Some("TieuDe"));
        assert_eq!((custom.bold, custom.italic), (Some(false), Some(true)));
        assert_eq!(s.run_props(Some("Cu")).font.as_deref(), Some(".VnTime"));
        assert_eq!(
            s.run_props(None).font.as_deref(),
            Some("Times New Roman"),
            "document defaults"
        );
    }

    #[test]
    fn roles_come_from_word_names_also_through_a_custom_style() {
        let s = styles();
        assert_eq!(s.role(Some("Heading1")), Role::Heading(1));
        assert_eq!(s.role(Some("TieuDe")), Role::Heading(1));
        assert_eq!(s.role(Some("Normal")), Role::Body);
        assert_eq!(s.paragraph_style(None), Some("Normal"));
    }

    #[test]
    fn a_cycle_of_based_on_styles_ends() {
        assert_eq!(styles().role(Some("A")), Role::Body);
    }
}
