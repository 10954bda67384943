//! The one owner of the Tera environment: the built-in theme, the site's overrides and the
//! Vietnamese filters. It holds templates only, never site data.

mod filters;
mod parts;
mod reads;

use std::collections::BTreeMap;
use std::path::PathBuf;

use tera::{Context, Tera};

use crate::diag::Diagnostic;
use crate::load::TemplateFile;
use crate::msg;
pub use filters::json_for_script;
use filters::register_filters;

/// The default theme, compiled into the binary so a site with no `themes/` folder builds.
/// The same files live in `themes/default/` for anyone who wants to copy and change them.
const BUILTIN: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "section.html",
        include_str!("../../themes/default/templates/section.html"),
    ),
    (
        "taxonomy.html",
        include_str!("../../themes/default/templates/taxonomy.html"),
    ),
    (
        "term.html",
        include_str!("../../themes/default/templates/term.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "cards.html",
        include_str!("../../themes/default/templates/cards.html"),
    ),
    (
        "pagination.html",
        include_str!("../../themes/default/templates/pagination.html"),
    ),
    (
        "card/card.html",
        include_str!("../../themes/default/templates/card/card.html"),
    ),
    (
        "once/head.html",
        include_str!("../../themes/default/templates/once/head.html"),
    ),
    (
        "once/sidebar.html",
        include_str!("../../themes/default/templates/once/sidebar.html"),
    ),
    (
        "once/footer.html",
        include_str!("../../themes/default/templates/once/footer.html"),
    ),
    (
        "toc.html",
        include_str!("../../themes/default/templates/toc.html"),
    ),
    (
        "tien-do.html",
        include_str!("../../themes/default/templates/tien-do.html"),
    ),
    (
        "tim-kiem.html",
        include_str!("../../themes/default/templates/tim-kiem.html"),
    ),
    (
        "van-ban.html",
        include_str!("../../themes/default/templates/van-ban.html"),
    ),
    (
        "van-ban-list.html",
        include_str!("../../themes/default/templates/van-ban-list.html"),
    ),
];

/// Static files of the default theme: (output path, bytes).
pub const BUILTIN_STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        SHARE_IMAGE.0,
        include_bytes!("../../themes/default/static/anh-chia-se.png"),
    ),
    (
        "chia-se.js",
        include_bytes!("../../themes/default/static/chia-se.js"),
    ),
    (
        crate::search::SCRIPT,
        include_bytes!("../../themes/default/static/tim-kiem.js"),
    ),
    (
        "thu-vien-anh.js",
        include_bytes!("../../themes/default/static/thu-vien-anh.js"),
    ),
    (
        "video.js",
        include_bytes!("../../themes/default/static/video.js"),
    ),
];

/// The image Facebook and Zalo show for a page without one of its own: path, width, height.
/// A site's `static/anh-chia-se.png` replaces it.
pub const SHARE_IMAGE: (&str, u32, u32) = ("anh-chia-se.png", 1200, 630);

/// The loaded templates, ready to render.
pub struct Templates {
    tera: Tera,
    /// Template name → the file to name in messages.
    files: BTreeMap<String, PathBuf>,
    /// Hash of every template's name, file and text.
    fingerprint: crate::key::Hash,
    /// Per template, the hash of the name, file and text of it and of every template it names
    /// (extends, include, import), themselves and through others: all its pages read of the
    /// templates. Editing `page.html` renders the articles again, not the lists.
    fingerprints: BTreeMap<String, crate::key::Hash>,
    /// What each template may read beside its context's values: the clock, counts, parts.
    reads: reads::Reads,
}

impl std::fmt::Debug for Templates {
    // Tera's parsed templates are not shown: their files and fingerprint name them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("files", &self.files)
            .field("fingerprint", &self.fingerprint)
            .finish_non_exhaustive()
    }
}

impl Templates {
    /// Loads the built-in theme with the site's templates over it, file by file.
    /// Every template with a syntax error is reported, not just the first.
    pub fn new(overrides: &[TemplateFile]) -> Result<Templates, Vec<Diagnostic>> {
        let mut sources: BTreeMap<String, (PathBuf, &str)> = BUILTIN
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    (
                        PathBuf::from(format!("themes/default/templates/{name}")),
                        *text,
                    ),
                )
            })
            .collect();
        for t in overrides {
            sources.insert(t.name.clone(), (t.display.clone(), t.text.as_str()));
        }
        let files: BTreeMap<String, PathBuf> = sources
            .iter()
            .map(|(n, (p, _))| (n.clone(), p.clone()))
            .collect();

        let mut problems = Vec::new();
        for (name, (_, text)) in &sources {
            // Checked one by one so each file's syntax errors are found; a missing parent
            // only means the parent is checked in the batch below.
            let mut scratch = Tera::new();
            register_filters(&mut scratch);
            if let Err(e) = scratch.add_raw_template(name, text) {
                if !matches!(e.kind(), tera::ErrorKind::MissingParent { .. }) {
                    problems.extend(to_diagnostics(&e, &files, None));
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut tera = Tera::new();
        register_filters(&mut tera);
        tera.set_escape_fn(escape_html);
        tera.add_raw_templates(sources.iter().map(|(n, (_, t))| (n.as_str(), *t)))
            .map_err(|e| to_diagnostics(&e, &files, None))?;
        let mut h = crate::key::Hasher::new();
        for (name, (file, text)) in &sources {
            h.update(name.as_bytes()).update(b"\0");
            h.update(file.to_string_lossy().as_bytes()).update(b"\0");
            h.update(&(text.len() as u64).to_le_bytes())
                .update(text.as_bytes());
        }
        let texts: BTreeMap<&str, &str> =
            sources.iter().map(|(n, (_, t))| (n.as_str(), *t)).collect();
        let fingerprints = (texts.keys())
            .map(|name| {
                (
                    name.to_string(),
                    reads::fingerprint_of(name, &texts, &files),
                )
            })
            .collect();
        let reads = reads::Reads::of(&texts);
        Ok(Templates {
            tera,
            files,
            fingerprint: h.finalize(),
            fingerprints,
            reads,
        })
    }

    /// Every template's name.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.fingerprints.keys().map(String::as_str)
    }

    /// What pages rendered with `name` read of the templates (see `fingerprints`); for a
    /// name that is no template, every template's.
    pub fn fingerprint_of(&self, name: &str) -> crate::key::Hash {
        (self.fingerprints.get(name).copied()).unwrap_or(self.fingerprint)
    }

    /// Whether pages rendered with `name` may show the build's clock: then they depend on
    /// `--now` itself, not only on what it decides (which articles are out, which events
    /// are upcoming).
    pub fn reads_now(&self, name: &str) -> bool {
        self.reads.now.contains(name)
    }

    /// Whether pages rendered with `name` may show how many articles a section, topic, tag
    /// or unit has, or a list (`count`, `total_items`), leaving aside the `once/` parts
    /// when they are put in after rendering ([`Templates::once_apart`]).
    pub fn reads_counts(&self, name: &str) -> bool {
        self.reads.counts.contains(name)
    }

    /// Whether the `once/` parts may be put into a page after it is rendered, where marks
    /// stand for them: every template shows them only as they are (`{{ once.sidebar }}`).
    pub fn once_apart(&self) -> bool {
        self.reads.once_apart
    }

    pub fn fingerprint(&self) -> crate::key::Hash {
        self.fingerprint
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders `name`; `page` names the content file being rendered, for the message.
    pub fn render(
        &self,
        name: &str,
        context: &Context,
        page: Option<&std::path::Path>,
    ) -> Result<String, Diagnostic> {
        if !self.has(name) {
            let at = page
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(name));
            return Err(Diagnostic::error(at, 0, 0, msg::template_missing(name))
                .with_hint(msg::HINT_TEMPLATE_MISSING));
        }
        self.tera.render(name, context).map_err(|e| {
            let mut all = to_diagnostics(&e, &self.files, page);
            all.remove(0)
        })
    }

    /// [`Templates::render`] into bytes, for the site's files: Tera writes UTF-8, so the
    /// check a `String` needs (a pass over every page) is skipped.
    pub fn render_bytes(
        &self,
        name: &str,
        context: &Context,
        page: Option<&std::path::Path>,
    ) -> Result<Vec<u8>, Diagnostic> {
        if !self.has(name) {
            return self.render(name, context, page).map(String::into_bytes);
        }
        // Most pages are 10–20 KB: start there rather than growing from nothing.
        let mut out = self.render_into(name, context, page, 16 * 1024)?;
        // Kept until every page has rendered: a page of 17 KB would hold 32 KB.
        out.shrink_to_fit();
        Ok(out)
    }

    /// `name` rendered into bytes, starting with `capacity` of them.
    fn render_into(
        &self,
        name: &str,
        context: &Context,
        page: Option<&std::path::Path>,
        capacity: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(capacity);
        match self.tera.render_to(name, context, &mut out) {
            Ok(()) => Ok(out),
            Err(e) => Err(to_diagnostics(&e, &self.files, page).remove(0)),
        }
    }
}

/// Places a Tera error at `template:line:col`, naming the page being rendered if any.
/// Tera reports its checks of filter and template names as one text of several reports; each
/// becomes its own diagnostic. Never empty.
fn to_diagnostics(
    e: &tera::Error,
    files: &BTreeMap<String, PathBuf>,
    page: Option<&std::path::Path>,
) -> Vec<Diagnostic> {
    let file = |name: &str| {
        files
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(name))
    };
    let placed = |path: PathBuf, line: usize, col: usize, detail: &str| {
        let message = match page {
            Some(p) => msg::template_error_for(detail, p),
            None => msg::template_error(detail),
        };
        Diagnostic::error(path, line, col, message).with_hint(msg::HINT_TEMPLATE)
    };
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            vec![placed(
                file(r.filename()),
                r.span().start_line,
                r.span().start_col + 1,
                r.message(),
            )]
        }
        tera::ErrorKind::MissingParent { current, parent } => {
            vec![placed(file(current), 1, 1, &msg::template_missing(parent))]
        }
        tera::ErrorKind::Msg(text) => {
            let found: Vec<Diagnostic> = reports(text)
                .into_iter()
                .map(|(name, line, col, detail)| placed(file(&name), line, col, &detail))
                .collect();
            if found.is_empty() {
                vec![placed(PathBuf::from("themes"), 0, 0, text)]
            } else {
                found
            }
        }
        other => vec![placed(PathBuf::from("themes"), 0, 0, &other.to_string())],
    }
}

/// Reads `error: <message>` … ` --> <template>:<line>:<col>` blocks out of a Tera report text.
fn reports(text: &str) -> Vec<(String, usize, usize, String)> {
    let mut found = Vec::new();
    let mut message = None;
    for line in text.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m.to_string());
        } else if let (Some(place), Some(m)) =
            (line.trim_start().strip_prefix("--> "), message.as_ref())
        {
            let mut parts = place.rsplitn(3, ':');
            let col = parts.next().and_then(|c| c.parse().ok());
            let line_no = parts.next().and_then(|l| l.parse().ok());
            if let (Some(col), Some(line_no), Some(name)) = (col, line_no, parts.next()) {
                found.push((name.to_string(), line_no, col, m.clone()));
                message = None;
            }
        }
    }
    found
}

/// Tera's own escaping (`&`, `<`, `>`, `"` and `'`), written a run of plain text at a time:
/// Tera's writes each byte through the output's `dyn Write`, which was an eighth of a clean
/// build. (Its `fast_escape` feature leaves `'` alone, which a theme's single-quoted
/// attribute would need.) Most text has none of these: it is looked at 32 bytes at once, and
/// only a run of 32 with one of them byte by byte.
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    const RUN: usize = 32;
    let bytes = input.as_bytes();
    let mut plain = 0;
    let mut at = 0;
    while at < bytes.len() {
        let end = (at + RUN).min(bytes.len());
        let run = &bytes[at..end];
        // Flags as bytes, not booleans, so that the compiler does the run at once; a last,
        // shorter run (most text a template escapes is a title or an address, shorter than
        // one) is looked at as a whole run too, copied and padded with bytes that need nothing.
        let mut padded = [0u8; RUN];
        let whole: &[u8; RUN] = match run.try_into() {
            Ok(whole) => whole,
            Err(_) => {
                padded[..run.len()].copy_from_slice(run);
                &padded
            }
        };
        let special = whole
            .iter()
            .fold(0u8, |any, &byte| any | u8::from(needs_escape(byte)));
        if special != 0 {
            for (i, byte) in run.iter().enumerate() {
                let escaped: &[u8] = match byte {
                    b'&' => b"&amp;",
                    b'<' => b"&lt;",
                    b'>' => b"&gt;",
                    b'"' => b"&quot;",
                    b'\'' => b"&#39;",
                    _ => continue,
                };
                out.write_all(&bytes[plain..at + i])?;
                out.write_all(escaped)?;
                plain = at + i + 1;
            }
        }
        at = end;
    }
    out.write_all(&bytes[plain..])
}

fn needs_escape(byte: u8) -> bool {
    (byte == b'&') | (byte == b'<') | (byte == b'>') | (byte == b'"') | (byte == b'\'')
}

#[cfg(test)]
mod tests {
    use super::*;
    use tera::Value;

    proptest::proptest! {
        #[test]
        fn escaping_writes_what_teras_own_escaping_writes(text in "([a-zđ ]{0,40}|[&<>\"']){0,12}") {
            let (mut ours, mut teras) = (Vec::new(), Vec::new());
            escape_html(&text, &mut ours).unwrap();
            tera::escape_html(&text, &mut teras).unwrap();
            proptest::prop_assert_eq!(ours, teras);
        }
    }

    #[test]
    fn a_templates_fingerprint_covers_what_it_names_and_nothing_else() {
        let builtin = |name: &str| BUILTIN.iter().find(|(n, _)| *n == name).unwrap().1;
        let file = |name: &str, text: String| TemplateFile {
            name: name.into(),
            display: format!("themes/x/templates/{name}").into(),
            text,
        };
        let page = builtin("page.html");
        let base = builtin("base.html");
        let first = Templates::new(&[]).unwrap();
        let page_edited =
            Templates::new(&[file("page.html", format!("{page}\n{{# sửa #}}"))]).unwrap();
        let base_edited =
            Templates::new(&[file("base.html", format!("{base}\n{{# sửa #}}"))]).unwrap();
        let of = |t: &Templates, name: &str| t.fingerprint_of(name);
        // Editing page.html changes what articles read, not what lists read.
        assert_ne!(of(&first, "page.html"), of(&page_edited, "page.html"));
        assert_eq!(of(&first, "section.html"), of(&page_edited, "section.html"));
        assert_eq!(
            of(&first, "taxonomy.html"),
            of(&page_edited, "taxonomy.html")
        );
        // Editing base.html, which both extend, changes both.
        assert_ne!(of(&first, "page.html"), of(&base_edited, "page.html"));
        assert_ne!(of(&first, "section.html"), of(&base_edited, "section.html"));
        // A name that is no template reads them all.
        assert_ne!(
            of(&first, "khong-co.html"),
            of(&page_edited, "khong-co.html")
        );
        // Every page shows the `once` parts, lists and articles alike, and only pages do.
        let footer = builtin("once/footer.html");
        let footer_edited =
            Templates::new(&[file("once/footer.html", format!("{footer}{{# sửa #}}"))]).unwrap();
        for name in ["page.html", "section.html", "taxonomy.html", "cards.html"] {
            assert_ne!(of(&first, name), of(&footer_edited, name), "{name}");
        }
    }

    fn render(text: &str, ctx: &Context) -> Result<String, Diagnostic> {
        let over = [TemplateFile {
            name: "t.html".into(),
            display: "themes/x/templates/t.html".into(),
            text: text.into(),
        }];
        Templates::new(&over)
            .map_err(|mut e| e.remove(0))?
            .render("t.html", ctx, None)
    }

    #[test]
    fn date_filters_write_vietnamese_dates() {
        let mut ctx = Context::new();
        ctx.insert("d", "2025-08-21T08:30:00+07:00");
        let out = render(
            "{{ d | date_vi }} | {{ d | date_vi_short }} | {{ d | time_vi }}",
            &ctx,
        )
        .unwrap();
        assert_eq!(out, "ngày 21 tháng 8 năm 2025 | 21/08/2025 | 08:30");
    }

    #[test]
    fn json_ld_cannot_end_its_script_block() {
        let mut ctx = Context::new();
        ctx.insert(
            "d",
            &serde_json::json!({ "headline": "A </script><script>alert(1)</script> & B" }),
        );
        let out = render("{{ d | json_ld }}", &ctx).unwrap();
        assert!(!out.contains('<') && !out.contains('>'), "{out}");
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["headline"], "A </script><script>alert(1)</script> & B");
    }

    #[test]
    fn a_safe_text_that_is_not_loas_json_is_still_written_as_json_by_json_ld() {
        // Sanitized HTML keeps `<` inside attribute values; marked safe, it must not pass.
        let html = r#"<p><a title="</script><img src=x onerror=alert(1)>">x</a></p>"#;
        let mut ctx = Context::new();
        ctx.insert_value("c", Value::safe_string(html));
        ctx.insert_value(
            "j",
            Value::safe_string(&json_for_script(&serde_json::json!({ "a": "<b>" }))),
        );
        let out = render("{{ c | json_ld }}|{{ j | json_ld }}", &ctx).unwrap();
        assert!(!out.contains('<'), "{out}");
        let (c, j) = out.split_once('|').unwrap();
        assert_eq!(serde_json::from_str::<String>(c).unwrap(), html);
        assert_eq!(j, r#"{"a":"\u003cb\u003e"}"#);
    }

    #[test]
    fn a_template_syntax_error_names_the_file_and_line() {
        let err = render("<p>\n{% if x %}\n", &Context::new()).unwrap_err();
        assert_eq!(err.path, PathBuf::from("themes/x/templates/t.html"));
        assert!(err.line >= 2, "{err}");
    }

    #[test]
    fn every_unknown_filter_is_reported_at_its_line() {
        let over = [TemplateFile {
            name: "t.html".into(),
            display: "themes/x/templates/t.html".into(),
            text: "{{ a | khong_co }}\n{{ b | cung_khong }}".into(),
        }];
        let errs = Templates::new(&over).err().unwrap();
        let lines: Vec<_> = errs
            .iter()
            .map(|e| (e.path.to_str().unwrap(), e.line))
            .collect();
        assert_eq!(
            lines,
            [
                ("themes/x/templates/t.html", 1),
                ("themes/x/templates/t.html", 2)
            ]
        );
    }

    #[test]
    fn a_render_error_names_the_template_line() {
        let err = render("a\nb {{ missing.field }}\n", &Context::new()).unwrap_err();
        assert_eq!(
            (err.path.to_str(), err.line),
            (Some("themes/x/templates/t.html"), 2),
            "{err}"
        );
    }
}
