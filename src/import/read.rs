//! Reads a Word package into the document model: the main document and the parts it names
//! (styles, numbering, footnotes, endnotes, comments, core properties), and the state that
//! reading runs needs across paragraphs (fields, note numbers, what was dropped).

use std::collections::HashMap;

use super::body;
use super::model::{Document, Note, Picture, Properties};
use super::numbering::Numbering;
use super::package::Package;
use super::rels::{self, Rels};
use super::report::{beginning, Report, Skip, Skipped};
use super::styles::Styles;
use super::xml::{self, Element};
use crate::diag::Diagnostic;
use crate::msg;

/// How much of a text box or comment the summary quotes.
const QUOTED: usize = 80;

/// The document of the package and what reading it dropped.
pub fn read(package: &mut Package) -> Result<(Document, Report), Diagnostic> {
    let main = main_part(package)?;
    let Some(root) = parse_part(package, &main)? else {
        return Err(package.not_word());
    };
    let rels = part_rels(package, &main)?;
    let styles = match parse_kind(package, &rels, "styles")? {
        Some(root) => Styles::read(&root),
        None => Styles::default(),
    };
    let numbering = match parse_kind(package, &rels, "numbering")? {
        Some(root) => Numbering::read(&root),
        None => Numbering::default(),
    };
    let mut report = Report::default();
    let mut cx = Context::new(&styles, &numbering, &rels, &mut report);
    let body = root.child("body").map(|b| body::blocks(b, &mut cx));
    let refs = std::mem::take(&mut cx.note_refs);
    let notes = read_notes(package, &rels, &refs, (&styles, &numbering), &mut report)?;
    read_comments(package, &rels, &mut report)?;
    let properties = core_properties(package)?;
    let document = Document {
        body: body.unwrap_or_default(),
        notes,
        properties,
    };
    Ok((document, report))
}

/// The main document's part: what the package's relationships name, else Word's usual name.
fn main_part(package: &mut Package) -> Result<String, Diagnostic> {
    let rels = match package.xml("_rels/.rels")? {
        Some(text) => Rels::read(&parse(package, "_rels/.rels", &text)?, ""),
        None => Rels::default(),
    };
    Ok(rels
        .part_of_kind("officeDocument")
        .unwrap_or("word/document.xml")
        .to_string())
}

fn parse(package: &Package, part: &str, text: &str) -> Result<Element, Diagnostic> {
    xml::parse(text).map_err(|e| {
        Diagnostic::file_error(
            package.path().to_path_buf(),
            msg::import_damaged(&format!("{part}: {e}")),
        )
        .with_hint(msg::HINT_IMPORT_DAMAGED)
    })
}

fn parse_part(package: &mut Package, part: &str) -> Result<Option<Element>, Diagnostic> {
    match package.xml(part)? {
        Some(text) => parse(package, part, &text).map(Some),
        None => Ok(None),
    }
}

fn part_rels(package: &mut Package, part: &str) -> Result<Rels, Diagnostic> {
    Ok(match parse_part(package, &rels::rels_of(part))? {
        Some(root) => Rels::read(&root, rels::dir_of(part)),
        None => Rels::default(),
    })
}

fn parse_kind(
    package: &mut Package,
    rels: &Rels,
    kind: &str,
) -> Result<Option<Element>, Diagnostic> {
    match rels.part_of_kind(kind) {
        Some(part) => parse_part(package, part),
        None => Ok(None),
    }
}

/// The notes the body refers to, in that order, read with their own part's relationships.
fn read_notes(
    package: &mut Package,
    rels: &Rels,
    refs: &[(bool, String)],
    (styles, numbering): (&Styles, &Numbering),
    report: &mut Report,
) -> Result<Vec<Note>, Diagnostic> {
    let mut parts: HashMap<bool, (HashMap<String, Element>, Rels)> = HashMap::new();
    for (endnote, kind) in [(false, "footnotes"), (true, "endnotes")] {
        let Some(part) = rels.part_of_kind(kind).map(str::to_string) else {
            continue;
        };
        let Some(root) = parse_part(package, &part)? else {
            continue;
        };
        let by_id = root
            .elements()
            .filter_map(|n| Some((n.attr("id")?.to_string(), n.clone())))
            .collect();
        parts.insert(endnote, (by_id, part_rels(package, &part)?));
    }
    let mut notes = Vec::with_capacity(refs.len());
    for (endnote, id) in refs {
        let paragraphs = match parts.get(endnote) {
            Some((by_id, note_rels)) => match by_id.get(id) {
                Some(note) => {
                    let mut cx = Context::new(styles, numbering, note_rels, report);
                    let blocks = body::blocks(note, &mut cx);
                    body::paragraphs_of(blocks)
                }
                None => Vec::new(),
            },
            None => Vec::new(),
        };
        notes.push(Note {
            endnote: *endnote,
            paragraphs,
        });
    }
    Ok(notes)
}

/// Comments are not part of the article; the summary quotes each so none is lost unseen.
fn read_comments(
    package: &mut Package,
    rels: &Rels,
    report: &mut Report,
) -> Result<(), Diagnostic> {
    if let Some(root) = parse_kind(package, rels, "comments")? {
        for comment in root.elements().filter(|c| c.name == "comment") {
            report
                .dropped
                .comments
                .push(beginning(&text_of(comment), QUOTED));
        }
    }
    Ok(())
}

/// The title and dates of `docProps/core.xml`.
fn core_properties(package: &mut Package) -> Result<Properties, Diagnostic> {
    let Some(root) = parse_part(package, "docProps/core.xml")? else {
        return Ok(Properties::default());
    };
    let value = |name: &str| {
        root.child(name)
            .map(|e| e.own_text().trim().to_string())
            .filter(|v| !v.is_empty())
    };
    Ok(Properties {
        title: value("title"),
        created: value("created"),
        modified: value("modified"),
    })
}

/// All the text under an element, paragraphs separated by spaces.
pub fn text_of(e: &Element) -> String {
    let mut out = String::new();
    for d in e.descendants() {
        match d.name.as_str() {
            "t" => out.push_str(&d.own_text()),
            "p" | "tab" | "br" => out.push(' '),
            _ => {}
        }
    }
    out
}

/// A field being read: its instruction, then (after `separate`) its result.
#[derive(Debug, Default)]
struct Field {
    instruction: String,
    separated: bool,
    link: Option<String>,
}

/// What reading paragraphs needs besides the paragraph: the document's styles, lists and
/// relationships, and the state carried from one paragraph to the next.
pub struct Context<'a> {
    pub styles: &'a Styles,
    pub numbering: &'a Numbering,
    rels: &'a Rels,
    pub report: &'a mut Report,
    /// Notes referred to so far: (endnote, Word's id).
    note_refs: Vec<(bool, String)>,
    /// Open fields, innermost last; a field may span paragraphs.
    fields: Vec<Field>,
}

impl<'a> Context<'a> {
    pub fn new(
        styles: &'a Styles,
        numbering: &'a Numbering,
        rels: &'a Rels,
        report: &'a mut Report,
    ) -> Context<'a> {
        Context {
            styles,
            numbering,
            rels,
            report,
            note_refs: Vec::new(),
            fields: Vec::new(),
        }
    }

    /// The number (from 1) of a note, the same each time it is referred to.
    pub fn note_ref(&mut self, endnote: bool, id: &str) -> usize {
        let key = (endnote, id.to_string());
        match self.note_refs.iter().position(|r| *r == key) {
            Some(i) => i + 1,
            None => {
                self.note_refs.push(key);
                self.note_refs.len()
            }
        }
    }

    /// Records that a legacy font's text was converted.
    pub fn legacy_font(&mut self, font: &str) {
        let fonts = &mut self.report.converted.legacy_fonts;
        if !fonts.iter().any(|f| f == font) {
            fonts.push(font.to_string());
        }
    }

    /// The address of a `w:hyperlink`, if it leads to the web and the site allows it. A link
    /// to a place in the document (`w:anchor`) keeps only its text: Word's bookmarks are not
    /// the page's anchors.
    pub fn hyperlink(&mut self, e: &Element) -> Option<String> {
        let rel = self.rels.get(e.attr("r:id")?)?;
        let url = rel.external.then(|| rel.target.clone())?;
        self.allowed(url)
    }

    /// The address of a `HYPERLINK "…"` field instruction.
    pub fn field_link(&mut self, instruction: &str) -> Option<String> {
        let rest = instruction.trim().strip_prefix("HYPERLINK")?.trim_start();
        let url = match rest.strip_prefix('"') {
            Some(quoted) => quoted.split('"').next()?,
            None => rest
                .split_whitespace()
                .next()
                .filter(|t| !t.starts_with('\\'))?,
        };
        self.allowed(url.to_string())
    }

    /// A link is kept when it goes to the web, mail or phone under the URL policy; its text
    /// stays either way, and a refused address is named in the summary.
    fn allowed(&mut self, url: String) -> Option<String> {
        let url = url.trim().to_string();
        if url.is_empty() || url.starts_with('#') {
            return None;
        }
        if crate::url_policy::scheme(&url).is_some() && crate::url_policy::allows(&url) {
            Some(url)
        } else {
            self.report.dropped.refused_links.push(url);
            None
        }
    }

    /// `w:fldChar`: a field begins, its result starts, or it ends.
    pub fn field_char(&mut self, kind: &str) {
        match kind {
            "begin" => self.fields.push(Field::default()),
            "separate" => {
                let instruction = match self.fields.last_mut() {
                    Some(f) => {
                        f.separated = true;
                        f.instruction.clone()
                    }
                    None => return,
                };
                let link = self.field_link(&instruction);
                if let Some(f) = self.fields.last_mut() {
                    f.link = link;
                }
            }
            "end" => {
                self.fields.pop();
            }
            _ => {}
        }
    }

    /// `w:instrText`: part of the open field's instruction.
    pub fn field_instruction(&mut self, text: &str) {
        if let Some(f) = self.fields.last_mut().filter(|f| !f.separated) {
            f.instruction.push_str(text);
        }
    }

    /// The link of the innermost hyperlink field whose result is being read.
    pub fn field_result_link(&self) -> Option<String> {
        self.fields.iter().rev().find_map(|f| f.link.clone())
    }

    /// Whether text read now is a field's instruction (never shown).
    pub fn in_instruction(&self) -> bool {
        self.fields.last().is_some_and(|f| !f.separated)
    }

    /// The pictures of a `w:drawing`, `w:pict` or `w:object`; text boxes, charts, SmartArt and
    /// embedded objects are reported as dropped.
    pub fn drawing(&mut self, e: &Element) -> Vec<Picture> {
        if e.name == "object" {
            self.report.dropped.objects += 1;
            return Vec::new();
        }
        let descr = e
            .descendants()
            .find(|d| d.name == "docPr")
            .and_then(|d| d.attr("descr"));
        let mut pictures = Vec::new();
        self.walk_drawing(e, descr.map(str::to_string), &mut pictures);
        pictures
    }

    fn walk_drawing(&mut self, e: &Element, descr: Option<String>, out: &mut Vec<Picture>) {
        match e.name.as_str() {
            "txbxContent" => {
                let text = beginning(&text_of(e), QUOTED);
                if !text.is_empty() {
                    self.report.dropped.text_boxes.push(text);
                }
                return;
            }
            "chart" | "relIds" => {
                self.report.dropped.objects += 1;
                return;
            }
            "blip" | "imagedata" => {
                if let Some(p) = self.picture(e, descr) {
                    out.push(p);
                }
                return;
            }
            _ => {}
        }
        // A picture's own alt text (`pic:cNvPr`, VML `alt`) wins over the drawing's.
        let own = match e.name.as_str() {
            "pic" => e
                .child("nvPicPr")
                .and_then(|n| n.child("cNvPr"))
                .and_then(|c| c.attr("descr")),
            "shape" => e.attr("alt"),
            _ => None,
        };
        let descr = own
            .filter(|d| !d.trim().is_empty())
            .map(str::to_string)
            .or(descr);
        for child in e.elements() {
            self.walk_drawing(child, descr.clone(), out);
        }
    }

    /// A picture from a `a:blip` (or VML `v:imagedata`): its part, or why it is skipped.
    fn picture(&mut self, e: &Element, descr: Option<String>) -> Option<Picture> {
        let descr = descr.or_else(|| e.attr("title").map(str::to_string));
        let skip = |part: &str, why| Skipped {
            part: part.to_string(),
            why,
        };
        let Some(id) = e.attr("r:embed").or_else(|| e.attr("r:id")) else {
            let linked = e.attr("r:link").unwrap_or("?");
            self.report
                .dropped
                .pictures
                .push(skip(linked, Skip::Linked));
            return None;
        };
        match self.rels.get(id) {
            Some(rel) if rel.external => {
                self.report
                    .dropped
                    .pictures
                    .push(skip(&rel.target, Skip::Linked));
                None
            }
            Some(rel) => Some(Picture {
                part: rel.target.clone(),
                descr: clean_descr(descr),
                alt: None,
            }),
            None => {
                self.report.dropped.pictures.push(skip(id, Skip::Missing));
                None
            }
        }
    }
}

/// Word's alt text, unless empty or the English sentence Word 365 writes by itself.
fn clean_descr(descr: Option<String>) -> Option<String> {
    let descr = descr?.split_whitespace().collect::<Vec<_>>().join(" ");
    let machine = descr.ends_with("Description automatically generated")
        || descr.ends_with("description automatically generated");
    (!descr.is_empty() && !machine).then_some(descr)
}
