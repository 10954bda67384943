//! Parse stage: one content file's bytes become a placed `Page` with checked front matter.
//! Where the file stands decides what it is and its URL; `frontmatter` checks the YAML.
//!
//! Pure: it needs only the file and the config. Every problem is collected, placed at the
//! file's line and column (front-matter lines counted from the top of the file).

use crate::config::Config;
use crate::diag::{line_col, Diagnostic};
use crate::load::Source;
use crate::model::{Page, PageKind};
use crate::{approval, frontmatter, msg, text};

/// Where a file stands decides what it is and where it is published.
struct Placement {
    kind: PageKind,
    section: Option<String>,
    /// The slug the file or bundle name gives, before any `slug:` override.
    name_slug: String,
    bundle_dir: Option<String>,
}

fn place(rel: &str) -> Result<Placement, &'static str> {
    let parts: Vec<&str> = rel.split('/').collect();
    let file = parts[parts.len() - 1];
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let parent = parts[..parts.len() - 1].join("/");
    let placement = |kind, section: Option<&str>, name: &str, bundle: bool| Placement {
        kind,
        section: section.map(text::slugify),
        name_slug: text::slugify(name),
        bundle_dir: bundle.then(|| parent.clone()),
    };
    Ok(match (parts.len(), file) {
        (1, "_index.md") => placement(PageKind::Home, None, "", false),
        (1, _) => placement(PageKind::Standalone, None, stem, false),
        (2, "_index.md") => placement(PageKind::SectionIndex, Some(parts[0]), parts[0], false),
        (_, "_index.md") => return Err(msg::NESTED_INDEX),
        (2, "index.md") => placement(PageKind::Standalone, None, parts[0], true),
        (n, "index.md") => placement(PageKind::Article, Some(parts[0]), parts[n - 2], true),
        _ => placement(PageKind::Article, Some(parts[0]), stem, false),
    })
}

/// A hash of what parsing reads from the config: the time zone and the vocabularies' keys.
pub fn config_fingerprint(config: &Config) -> crate::key::Hash {
    let mut h = crate::key::Hasher::new();
    h.update(config.timezone_name.as_bytes());
    let channels: Vec<&crate::config::Term> = config.channels.iter().map(|c| &c.term).collect();
    for (list, terms) in [
        ("topics", config.topics.iter().collect::<Vec<_>>()),
        ("units", config.units.iter().collect()),
        ("channels", channels),
    ] {
        h.update(b"\x01").update(list.as_bytes());
        for term in terms {
            h.update(b"\0").update(term.key.as_bytes());
        }
    }
    // Whether approval is required decides warnings; the approvers, which names are errors.
    h.update(&[u8::from(config.approval.required)]);
    for approver in &config.approval.approvers {
        h.update(b"\x02").update(approver.name.as_bytes());
    }
    h.finalize()
}

/// What a parse result depends on: the config's fingerprint, the file's place and its bytes
/// (through their hash).
pub fn source_key(config: &crate::key::Hash, source: &Source) -> crate::key::Hash {
    crate::key::Key::new("source")
        .hash(config)
        .text(&source.rel)
        .text(&source.display.to_string_lossy())
        .hash(&source.hash)
        .finish()
}

/// Parses one content file. Returns the page when it is usable, and every problem found.
pub fn parse(source: &Source, config: &Config) -> (Option<Page>, Vec<Diagnostic>) {
    parse_keyed(source, config, &config_fingerprint(config))
}

/// [`parse`] for a caller that has already computed the config's [`config_fingerprint`].
pub fn parse_keyed(
    source: &Source,
    config: &Config,
    config_key: &crate::key::Hash,
) -> (Option<Page>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let page = parse_inner(source, config, config_key, &mut problems);
    (page, problems)
}

fn parse_inner(
    source: &Source,
    config: &Config,
    config_key: &crate::key::Hash,
    problems: &mut Vec<Diagnostic>,
) -> Option<Page> {
    let err = |line: usize, col: usize, message: String| {
        Diagnostic::error(source.display.clone(), line, col, message)
    };
    let bytes = (source.bytes.as_deref())
        .expect("sources are read again before they are parsed (Source::read_again)");
    let text = match text::decode(bytes) {
        Ok(t) => t,
        Err((line, col)) => {
            problems.push(err(line, col, msg::NOT_UTF8.into()).with_hint(msg::HINT_SAVE_UTF8));
            return None;
        }
    };
    if text.trim().is_empty() {
        problems.push(err(0, 0, msg::EMPTY_FILE.into()).with_hint(msg::HINT_FRONT_MATTER));
        return None;
    }
    let Some(split) = split_front_matter(&text) else {
        let problem = if text.starts_with("---") {
            msg::FRONT_MATTER_UNCLOSED
        } else {
            msg::FRONT_MATTER_MISSING
        };
        problems.push(err(1, 1, problem.into()).with_hint(msg::HINT_FRONT_MATTER));
        return None;
    };
    let placement = match place(&source.rel) {
        Ok(p) => p,
        Err(m) => {
            problems.push(err(0, 0, m.into()));
            return None;
        }
    };
    let mut front = frontmatter::read(
        split.yaml,
        placement.kind,
        &source.display,
        config,
        problems,
    )?;
    let approval = &mut front.meta.approval;
    approval.status = approval::status(approval.record.as_ref(), &text);
    if config.approval.required && placement.kind == PageKind::Article {
        problems.extend(approval::changed_warning(approval, &source.display));
    }
    let slug = front.slug.unwrap_or(placement.name_slug);
    let path = match (placement.kind, &placement.section) {
        (PageKind::Home, _) => String::new(),
        (PageKind::SectionIndex, Some(section)) => format!("{section}/"),
        (PageKind::Article, Some(section)) => format!("{section}/{slug}/"),
        _ => format!("{slug}/"),
    };
    let body = &text[split.body_start..];
    let tag_keys = front.meta.tags.iter().map(|t| text::slugify(t)).collect();
    let link_key = link_key(source, &path);
    let front_key = front_key(config_key, source, &split, front.meta.approval.status);
    Some(Page {
        kind: placement.kind,
        rel: source.rel.clone(),
        display: source.display.clone(),
        section: placement.section,
        path,
        bundle_dir: placement.bundle_dir,
        meta: front.meta,
        tag_keys,
        body: body.into(),
        body_line: line_col(&text, split.body_start).0,
        key_lines: front.key_lines,
        source_key: source_key(config_key, source),
        front_key,
        link_key,
    })
}

/// What the page is made from but the Markdown after its front matter: the config, the
/// file's place, the front matter and where it ends, and the approval status (its seal covers
/// the text).
fn front_key(
    config_key: &crate::key::Hash,
    source: &Source,
    split: &FrontMatterSplit,
    status: approval::Status,
) -> crate::key::Hash {
    crate::key::Key::new("front")
        .hash(config_key)
        .text(&source.rel)
        .text(&source.display.to_string_lossy())
        .text(split.yaml)
        .number(split.body_start as u64)
        .number(status as u64)
        .finish()
}

/// What a link to the page reads of it: where it is and where it is published. (Its headings
/// are checked after every page is converted, so a link's HTML does not depend on them.)
fn link_key(source: &Source, path: &str) -> crate::key::Hash {
    crate::key::Key::new("link")
        .text(&source.rel)
        .text(path)
        .text(&source.display.to_string_lossy())
        .finish()
}

struct FrontMatterSplit<'a> {
    yaml: &'a str,
    body_start: usize,
}

/// Finds the YAML between a first line `---` and the next line that is `---` (or `...`).
fn split_front_matter(text: &str) -> Option<FrontMatterSplit<'_>> {
    let rest = text.strip_prefix("---\n")?;
    let yaml_start = text.len() - rest.len();
    let mut offset = yaml_start;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some(FrontMatterSplit {
                yaml: &text[yaml_start..offset],
                body_start: offset + line.len(),
            });
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::fixtures::config;

    fn source(rel: &str, text: &str) -> Source {
        Source::new(rel.into(), format!("content/{rel}").into(), text.into())
    }

    #[test]
    fn an_article_gets_its_url_from_section_and_file_name() {
        let (page, probs) = parse(
            &source(
                "tin-tuc/Bài viết.md",
                "---\ntitle: A\ndate: 2025-08-21\n---\nx",
            ),
            &config(),
        );
        assert!(probs.is_empty(), "{probs:?}");
        let page = page.unwrap();
        assert_eq!(page.path, "tin-tuc/bai-viet/");
        assert_eq!(page.body_line, 5);
    }

    #[test]
    fn a_bundle_takes_its_folder_name_and_a_slug_cannot_leave_its_section() {
        let page = parse(
            &source(
                "tin-tuc/hoi-nghi/index.md",
                "---\ntitle: A\ndate: 2025-08-21\n---\n",
            ),
            &config(),
        )
        .0
        .unwrap();
        assert_eq!(page.path, "tin-tuc/hoi-nghi/");
        assert_eq!(page.bundle_dir.as_deref(), Some("tin-tuc/hoi-nghi"));
        let page = parse(
            &source(
                "tin-tuc/a.md",
                "---\ntitle: A\ndate: 2025-08-21\nslug: ../../etc/x\n---\n",
            ),
            &config(),
        )
        .0
        .unwrap();
        assert_eq!(page.path, "tin-tuc/etc-x/");
    }

    #[test]
    fn crlf_and_a_bom_are_read_like_plain_lf() {
        let (page, probs) = parse(
            &source(
                "tin-tuc/a.md",
                "\u{feff}---\r\ntitle: A\r\ndate: 2025-08-21\r\n---\r\nx\r\n",
            ),
            &config(),
        );
        assert!(probs.is_empty(), "{probs:?}");
        assert_eq!(page.unwrap().body.text(), "x\n");
    }
}
