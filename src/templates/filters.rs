//! The filters loa gives templates: Vietnamese dates, slugs, and JSON-LD safe inside
//! `<script>`.

use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::msg;

pub(super) fn register_filters(tera: &mut Tera) {
    tera.register_filter(
        "date_vi",
        |s: &str, _: Kwargs, _: &State| -> TeraResult<String> {
            Ok(crate::text::date_long(civil_date(s)?))
        },
    );
    tera.register_filter(
        "date_vi_short",
        |s: &str, _: Kwargs, _: &State| -> TeraResult<String> {
            Ok(crate::text::date_short(civil_date(s)?))
        },
    );
    tera.register_filter(
        "time_vi",
        |s: &str, _: Kwargs, _: &State| -> TeraResult<String> {
            s.get(11..16)
                .map(str::to_string)
                .ok_or_else(|| tera::Error::message(msg::filter_not_a_date(s)))
        },
    );
    tera.register_filter("slugify", |s: &str, _: Kwargs, _: &State| {
        crate::text::slugify(s)
    });
    // Tera's own `safe` copies the text into a new string; `page.content` is most of a page,
    // so a string is only marked, without a copy. Anything else is written as Tera's does.
    tera.register_filter("safe", |value: Value, _: Kwargs, _: &State| {
        if value.is_string() {
            value.mark_safe()
        } else {
            Value::safe_string(&value.to_string())
        }
    });
    tera.register_filter(
        "json_ld",
        |v: &tera::Value, _: Kwargs, _: &State| -> TeraResult<tera::Value> {
            // `meta.json_ld` comes already written (see `json_for_script`). Another text marked
            // safe (`page.content`) may hold `</script>` in an attribute: it is written as JSON,
            // so whatever this filter writes cannot end the block.
            if v.is_safe() && v.as_str().is_some_and(is_written_for_script) {
                return Ok(v.clone());
            }
            let json = script_json(&Sorted(v)).map_err(|e| tera::Error::message(e.to_string()))?;
            Ok(tera::Value::safe_string(&json))
        },
    );
}

/// A template value written with each map's keys in order: Tera's own maps have no fixed
/// order, and the same site must give the same bytes. The same JSON as going through
/// serde_json's sorted map, without building that map for every page.
struct Sorted<'a>(&'a tera::Value);

impl serde::Serialize for Sorted<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        if let Some(map) = self.0.as_map() {
            // Keys are text (a page's data comes from JSON); others are written as Tera shows them.
            let mut entries: Vec<(std::borrow::Cow<str>, &tera::Value)> = map
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str().map_or_else(|| k.to_string().into(), Into::into),
                        v,
                    )
                })
                .collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            let mut out = serializer.serialize_map(Some(entries.len()))?;
            for (key, value) in entries {
                out.serialize_entry(&key, &Sorted(value))?;
            }
            out.end()
        } else if let Some(items) = self.0.as_array() {
            let mut out = serializer.serialize_seq(Some(items.len()))?;
            for item in items {
                out.serialize_element(&Sorted(item))?;
            }
            out.end()
        } else {
            self.0.serialize(serializer)
        }
    }
}

/// Whether `text` looks like what [`json_for_script`] writes: a JSON object with none of the
/// characters it escapes, so it cannot end a `<script>` block (that needs a `<`) whatever it is.
/// Looked for by their bytes (every article page's JSON-LD passes here; a search by `char`
/// decoded all of it, 0.9 % of a clean build): the three ASCII ones, and U+2028 and U+2029,
/// `E2 80 A8` and `E2 80 A9`.
fn is_written_for_script(text: &str) -> bool {
    text.starts_with('{') && text.ends_with('}') && !needs_script_escape(text.as_bytes())
}

/// Whether `bytes` hold a character [`script_json`] escapes: `<`, `>`, `&`, or a line
/// separator (U+2028 and U+2029, `E2 80 A8` and `A9`), found with memchr's SIMD.
fn needs_script_escape(bytes: &[u8]) -> bool {
    let separator = |at: usize| matches!(bytes.get(at + 1..at + 3), Some([0x80, 0xA8 | 0xA9]));
    memchr::memchr3(b'<', b'>', b'&', bytes).is_some()
        || memchr::memchr_iter(0xE2, bytes).any(separator)
}

/// `data` as JSON safe inside a `<script>` block, keys sorted: what the `json_ld` filter
/// writes of the same data as a template value.
pub fn json_for_script<T: serde::Serialize + ?Sized>(data: &T) -> String {
    script_json(data).unwrap_or_default()
}

/// `value` as compact JSON for a `<script>` block: `<`, `>` and `&` become `\u003c`… (and
/// the line separators U+2028, U+2029 `\u2028`…) so no text (a title containing
/// `</script>`) can end the block, and the JSON still reads the same. Escaped as it is
/// written, in one pass: they only ever stand inside strings.
fn script_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let mut out = Vec::with_capacity(1024);
    value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out, ScriptSafe,
    ))?;
    // serde_json writes whole characters; the check is for the compiler's sake.
    crate::text::utf8_string(&out).ok_or_else(|| serde::ser::Error::custom("JSON is not UTF-8"))
}

/// serde_json's compact format, with the escapes of [`script_json`] in strings and keys.
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let bytes = fragment.as_bytes();
        // Most fragments (addresses, Vietnamese text) have none of these. (A fold over runs
        // of 32 bytes, which the compiler did not make SIMD here, took 0.7 % of a clean build
        // for a kilobyte of JSON-LD a page.)
        if !needs_script_escape(bytes) {
            return writer.write_all(bytes);
        }
        // Every character escaped starts with an ASCII byte or 0xE2, so each run between them
        // is whole characters, written at once.
        let mut run = 0;
        for (at, &byte) in bytes.iter().enumerate() {
            let escape: &[u8] = match byte {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                b'&' => b"\\u0026",
                0xE2 => match bytes.get(at + 1..at + 3) {
                    Some([0x80, 0xA8]) => b"\\u2028",
                    Some([0x80, 0xA9]) => b"\\u2029",
                    _ => continue,
                },
                _ => continue,
            };
            writer.write_all(&bytes[run..at])?;
            writer.write_all(escape)?;
            run = at + if byte == 0xE2 { 3 } else { 1 };
        }
        writer.write_all(&bytes[run..])
    }
}

/// Dates reach templates as RFC 3339 in the site's zone; the civil date is its first ten characters.
fn civil_date(s: &str) -> TeraResult<jiff::civil::Date> {
    s.get(..10)
        .and_then(|d| d.parse().ok())
        .ok_or_else(|| tera::Error::message(msg::filter_not_a_date(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_writes_what_teras_own_safe_writes() {
        let template =
            "{{ s | safe }}|{{ n | safe }}|{{ b | safe }}|{{ l | safe }}|{{ m.k | safe }}";
        let mut context = tera::Context::new();
        context.insert("s", "<b>đậm</b> & \"x\" 'y'");
        context.insert("n", &1.5);
        context.insert("b", &true);
        context.insert("l", &["<i>", "a"]);
        context.insert("m", &serde_json::json!({ "k": "<p>x</p>" }));
        let render = |tera: &mut Tera| {
            tera.add_raw_template("t", template).unwrap();
            tera.render("t", &context).unwrap()
        };
        let mut ours = Tera::new();
        register_filters(&mut ours);
        let written = render(&mut ours);
        assert_eq!(written, render(&mut Tera::new()));
        assert!(
            written.starts_with("<b>đậm</b> & \"x\" 'y'|1.5|true|"),
            "{written}"
        );
    }

    #[test]
    fn only_text_with_none_of_the_escaped_characters_passes_as_written_for_script() {
        assert!(is_written_for_script("{\"t\":\"“Sở” – €\"}"));
        for c in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            let text = format!("{{\"t\":\"“a{c}”\"}}");
            assert!(!is_written_for_script(&text), "{text:?}");
        }
        for text in ["\"t\"", "{\"t\":1", "[1]"] {
            assert!(!is_written_for_script(text), "{text:?}");
        }
    }

    #[test]
    fn a_long_text_is_escaped_past_its_first_32_bytes() {
        let plain = "Sở Tư pháp tỉnh An Giang, ".repeat(3);
        let json =
            json_for_script(&serde_json::json!({ "t": format!("{plain}</script>&\u{2028}") }));
        let escaped = "\\u003c/script\\u003e\\u0026\\u2028";
        assert_eq!(json, format!("{{\"t\":\"{plain}{escaped}\"}}"));
    }

    proptest::proptest! {
        #[test]
        fn json_ld_writes_what_serde_jsons_sorted_map_writes(
            keys in proptest::collection::vec("[a-zA-Z@ đ<&]{1,8}", 0..12),
            text in "[a-zđ&<>\"'\u{2028}\u{2029}\u{2027}\u{20ac} ]{0,50}",
            n in proptest::num::i64::ANY,
        ) {
            // Maps inside maps and lists, strings needing escapes, numbers, null.
            let mut inner = serde_json::Map::new();
            for (i, key) in keys.iter().enumerate() {
                inner.insert(key.clone(), serde_json::json!([i, text, null, 1.5]));
            }
            let json = serde_json::json!({ "@type": "NewsArticle", "z": inner, "a": [inner, n], "m": text });
            let value = tera::Value::from_serializable(&json);
            let before = serde_json::to_value(&value).unwrap().to_string();
            let old_safe = before.replace('<', "\\u003c").replace('>', "\\u003e")
                .replace('&', "\\u0026").replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029");
            let ours = script_json(&Sorted(&value)).unwrap();
            proptest::prop_assert_eq!(&ours, &old_safe);
            // What `meta.json_ld` carries, written before the template, is the same text.
            proptest::prop_assert_eq!(json_for_script(&json), ours);
        }
    }
}
