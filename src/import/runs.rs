//! One Word paragraph (`w:p`) read into a [`Paragraph`]: its style's role, its list, and its
//! runs as formatted text, links, line breaks, note references and pictures. Tracked changes
//! are read as accepted; fields show their result; legacy-font text is converted here.

use super::model::{Emphasis, Inline, ListItem, Paragraph, Role};
use super::numbering::Marker;
use super::read::Context;
use super::styles::{ParaProps, RunProps};
use super::xml::Element;
use crate::legacy::{self, Encoding};

/// A paragraph, with what its style gives it.
pub fn paragraph(p: &Element, cx: &mut Context) -> Paragraph {
    let ppr = p.child("pPr");
    let style = cx
        .styles
        .paragraph_style(ppr.and_then(|ppr| ppr.child_val("pStyle")));
    let own = ppr.map(ParaProps::read).unwrap_or_default();
    let props = own.over(&cx.styles.para_props(style));
    let role = match (cx.styles.role(style), props.outline) {
        (Role::Body, Some(level @ 0..=5)) => Role::Heading(level + 1),
        (role, _) => role,
    };
    let list = props
        .numbering
        .and_then(|(list, level)| list_item(cx, style, list, level));
    let mut paragraph = Paragraph {
        role,
        centred: props.centred.unwrap_or(false),
        list,
        inlines: Vec::new(),
    };
    if cx.styles.is_contents(style) {
        cx.report.dropped.contents = true;
        return paragraph;
    }
    let base = cx.styles.run_props(style);
    let mut reader = Runs {
        cx,
        base: &base,
        out: &mut paragraph.inlines,
    };
    reader.children(p, None);
    paragraph
}

/// The paragraph's place in a list, unless its level shows no mark.
fn list_item(cx: &Context, style: Option<&str>, list: String, level: u8) -> Option<ListItem> {
    let marker = cx.numbering.marker(&list, level)?;
    // Word's `List Bullet 2` … are lists of their own at level 0, indented as level 1.
    let level = level.max(cx.styles.list_level(style).unwrap_or(0));
    match marker {
        Marker::Nothing => None,
        marker => Some(ListItem {
            list,
            level,
            ordered: marker == Marker::Number,
        }),
    }
}

/// What the runs of one paragraph are read into.
struct Runs<'r, 'c> {
    cx: &'r mut Context<'c>,
    /// The paragraph style's run formatting.
    base: &'r RunProps,
    out: &'r mut Vec<Inline>,
}

impl Runs<'_, '_> {
    /// The content of a paragraph or of an element wrapping runs.
    fn children(&mut self, parent: &Element, link: Option<&str>) {
        for e in parent.elements() {
            match e.name.as_str() {
                "r" => self.run(e, link),
                "hyperlink" => {
                    let url = self.cx.hyperlink(e);
                    self.children(e, url.as_deref().or(link));
                }
                "fldSimple" => {
                    let url = e.attr("instr").and_then(|i| self.cx.field_link(i));
                    self.children(e, url.as_deref().or(link));
                }
                "ins" | "moveTo" => {
                    self.cx.report.dropped.tracked_changes += 1;
                    self.children(e, link);
                }
                "del" | "moveFrom" => self.cx.report.dropped.tracked_changes += 1,
                "smartTag" | "customXml" | "bdo" | "dir" | "sdtContent" => self.children(e, link),
                "sdt" => {
                    if let Some(content) = e.child("sdtContent") {
                        self.children(content, link);
                    }
                }
                "oMath" | "oMathPara" => self.cx.report.dropped.objects += 1,
                _ => {}
            }
        }
    }

    /// One run: its formatting, then its text, breaks, notes, fields and drawings.
    fn run(&mut self, r: &Element, link: Option<&str>) {
        let rpr = r.child("rPr");
        let style = self
            .cx
            .styles
            .run_props(rpr.and_then(|p| p.child_val("rStyle")));
        let own = rpr.map(RunProps::read).unwrap_or_default();
        let props = own.over(&style.over(self.base));
        if props.hidden == Some(true) {
            return;
        }
        let emphasis = Emphasis {
            bold: props.bold.unwrap_or(false),
            italic: props.italic.unwrap_or(false),
            strike: props.strike.unwrap_or(false),
        };
        let encoding = props.font.as_deref().and_then(legacy::font_encoding);
        for e in r.elements() {
            match e.name.as_str() {
                "t" if !self.cx.in_instruction() => {
                    let link = self.cx.field_result_link().or(link.map(str::to_string));
                    let text = self.unlegacy(e.own_text(), encoding, props.font.as_deref());
                    self.text(text, emphasis, link);
                }
                "tab" | "ptab" => self.text(" ".to_string(), emphasis, None),
                "noBreakHyphen" => self.text("-".to_string(), emphasis, None),
                // Word (and LibreOffice) store byte 0xAD as a soft hyphen element; in TCVN3
                // that byte is the letter ư.
                "softHyphen" => {
                    if let Some(Encoding::Tcvn3 | Encoding::Tcvn3Capitals) = encoding {
                        let link = self.cx.field_result_link().or(link.map(str::to_string));
                        let text =
                            self.unlegacy("\u{AD}".to_string(), encoding, props.font.as_deref());
                        self.text(text, emphasis, link);
                    }
                }
                "br" if !matches!(e.attr("type"), Some("page" | "column")) => {
                    self.out.push(Inline::Break)
                }
                "cr" => self.out.push(Inline::Break),
                "footnoteReference" | "endnoteReference" => {
                    let endnote = e.name == "endnoteReference";
                    if let Some(n) = e.attr("id").map(|id| self.cx.note_ref(endnote, id)) {
                        self.out.push(Inline::NoteRef(n));
                    }
                }
                "fldChar" => self
                    .cx
                    .field_char(e.attr("fldCharType").unwrap_or_default()),
                "instrText" => self.cx.field_instruction(&e.own_text()),
                "drawing" | "pict" | "object" => {
                    let pictures = self.cx.drawing(e);
                    self.out.extend(pictures.into_iter().map(Inline::Picture));
                }
                "AlternateContent" => {
                    // The first choice is the modern form; the fallback repeats it as VML.
                    for choice in e.elements().filter(|c| c.name == "Choice").take(1) {
                        for inner in choice.elements() {
                            let pictures = self.cx.drawing(inner);
                            self.out.extend(pictures.into_iter().map(Inline::Picture));
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// Text of a run in a legacy font, in Unicode; text typed in Unicode in such a font (an
    /// old template) is left as it is. A conversion is recorded for the summary.
    fn unlegacy(&mut self, text: String, encoding: Option<Encoding>, font: Option<&str>) -> String {
        let Some(encoding) = encoding.filter(|_| !legacy::is_unicode(&text)) else {
            return text;
        };
        let converted = legacy::convert(&text, encoding);
        if converted != text {
            self.cx.legacy_font(font.unwrap_or_default());
        }
        converted
    }

    /// Text as the article keeps it: soft hyphens and control characters gone, tabs and
    /// non-breaking spaces as plain spaces (the writer folds runs of spaces).
    fn text(&mut self, text: String, emphasis: Emphasis, link: Option<String>) {
        let text: String = text
            .chars()
            .filter(|c| !matches!(c, '\u{AD}' | '\u{200B}' | '\u{FEFF}'))
            .map(|c| match c {
                '\t' | '\u{A0}' | '\u{202F}' | '\u{2007}' => ' ',
                c => c,
            })
            .filter(|c| !c.is_control())
            .collect();
        if text.is_empty() {
            return;
        }
        if let Some(Inline::Text {
            text: last,
            emphasis: e,
            link: l,
        }) = self.out.last_mut()
        {
            if *e == emphasis && *l == link {
                last.push_str(&text);
                return;
            }
        }
        self.out.push(Inline::Text {
            text,
            emphasis,
            link,
        });
    }
}
