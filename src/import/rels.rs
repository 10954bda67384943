//! Relationships (`_rels/*.rels`): what a part's `r:id`s point at — a hyperlink's address, a
//! picture's part, the document's styles and notes. Every target inside the package is turned
//! into a checked part name here, so no name written in the .docx is used as it stands.

use std::collections::HashMap;

use super::xml::Element;

/// One relationship.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rel {
    /// The last segment of the relationship type: `hyperlink`, `image`, `styles` …
    pub kind: String,
    /// The part name for a target inside the package (checked), the address as written for
    /// an external one.
    pub target: String,
    pub external: bool,
}

/// The relationships of one part.
#[derive(Debug, Clone, Default)]
pub struct Rels {
    by_id: HashMap<String, Rel>,
}

impl Rels {
    /// Reads a `.rels` part; `dir` is the folder of the part it belongs to (`word` for
    /// `word/document.xml`, empty for the package). Targets that leave the package are dropped.
    pub fn read(root: &Element, dir: &str) -> Rels {
        let mut by_id = HashMap::new();
        for r in root.elements().filter(|e| e.name == "Relationship") {
            let (Some(id), Some(target)) = (r.attr("Id"), r.attr("Target")) else {
                continue;
            };
            let kind = r
                .attr("Type")
                .and_then(|t| t.rsplit('/').next())
                .unwrap_or_default()
                .to_string();
            let external = r.attr("TargetMode") == Some("External");
            let target = if external {
                Some(target.to_string())
            } else {
                part_name(dir, target)
            };
            if let Some(target) = target {
                by_id.insert(
                    id.to_string(),
                    Rel {
                        kind,
                        target,
                        external,
                    },
                );
            }
        }
        Rels { by_id }
    }

    pub fn get(&self, id: &str) -> Option<&Rel> {
        self.by_id.get(id)
    }

    /// The part of the first relationship of a kind (`styles`, `footnotes` …).
    pub fn part_of_kind(&self, kind: &str) -> Option<&str> {
        let mut found: Vec<&Rel> = self
            .by_id
            .values()
            .filter(|r| r.kind == kind && !r.external)
            .collect();
        found.sort_by(|a, b| a.target.cmp(&b.target));
        found.first().map(|r| r.target.as_str())
    }
}

/// The `.rels` part of a part: `word/document.xml` → `word/_rels/document.xml.rels`.
pub fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// The folder of a part: `word/document.xml` → `word`.
pub fn dir_of(part: &str) -> &str {
    part.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// A target resolved against `dir` into a part name (`media/a.png` → `word/media/a.png`,
/// `/word/x.xml` → `word/x.xml`), or `None` when it climbs out of the package or holds what no
/// part name holds (a backslash, a drive, a control character, a percent escape).
pub fn part_name(dir: &str, target: &str) -> Option<String> {
    let bad = |c: char| c == '\\' || c == ':' || c == '%' || c.is_control();
    if target.is_empty() || target.contains(bad) {
        return None;
    }
    let (base, rest) = match target.strip_prefix('/') {
        Some(rest) => ("", rest),
        None => (dir, target),
    };
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for segment in rest.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::xml;

    #[test]
    fn targets_resolve_inside_the_package_or_not_at_all() {
        assert_eq!(
            part_name("word", "media/a.png").as_deref(),
            Some("word/media/a.png")
        );
        assert_eq!(
            part_name("word", "../media/a.png").as_deref(),
            Some("media/a.png")
        );
        assert_eq!(
            part_name("word", "/word/styles.xml").as_deref(),
            Some("word/styles.xml")
        );
        assert_eq!(part_name("word", "../../etc/passwd"), None);
        assert_eq!(part_name("word", "..\\..\\a.png"), None);
        assert_eq!(part_name("word", "C:/Windows/a.png"), None);
        assert_eq!(part_name("word", "%2e%2e/a.png"), None);
        assert_eq!(part_name("word", ""), None);
    }

    #[test]
    fn relationships_are_read_by_id_with_their_kind() {
        let root = xml::parse(
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
              <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://dichvucong.gov.vn/" TargetMode="External"/>
              <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../../../x.png"/>
            </Relationships>"#,
        )
        .unwrap();
        let rels = Rels::read(&root, "word");
        assert_eq!(rels.part_of_kind("styles"), Some("word/styles.xml"));
        let link = rels.get("rId2").unwrap();
        assert!(link.external);
        assert_eq!(link.target, "https://dichvucong.gov.vn/");
        assert_eq!(
            rels.get("rId3"),
            None,
            "a target outside the package is dropped"
        );
        assert_eq!(rels_of("word/document.xml"), "word/_rels/document.xml.rels");
    }
}
