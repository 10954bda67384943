//! The filters loa gives templates: Vietnamese dates, slugs, and JSON-LD safe inside
//! `<script>`.

use tera::{Kwargs, State, Tera, TeraResult};

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
    tera.register_filter(
        "json_ld",
        |v: &tera::Value, _: Kwargs, _: &State| -> TeraResult<tera::Value> {
            let json = serde_json::to_string(&Sorted(v))
                .map_err(|e| tera::Error::message(e.to_string()))?;
            Ok(tera::Value::safe_string(&script_safe(&json)))
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

/// JSON placed inside a `<script>` block: `<`, `>` and `&` become `\u003c`… so no text (a title
/// containing `</script>`) can end the block, and the JSON still reads the same.
fn script_safe(json: &str) -> String {
    let mut safe = String::with_capacity(json.len() + 16);
    let bytes = json.as_bytes();
    // Every character escaped starts with an ASCII byte or 0xE2, so each run between them is
    // whole characters, copied at once.
    let mut run = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        let escape = match byte {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            b'&' => "\\u0026",
            0xE2 => match bytes.get(at + 1..at + 3) {
                Some([0x80, 0xA8]) => "\\u2028",
                Some([0x80, 0xA9]) => "\\u2029",
                _ => continue,
            },
            _ => continue,
        };
        safe.push_str(&json[run..at]);
        safe.push_str(escape);
        run = at + if byte == 0xE2 { 3 } else { 1 };
    }
    safe.push_str(&json[run..]);
    safe
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

    proptest::proptest! {
        #[test]
        fn json_ld_writes_what_serde_jsons_sorted_map_writes(
            keys in proptest::collection::vec("[a-zA-Z@ đ]{1,8}", 0..12),
            text in "[a-zđ&<>\"'\u{2028}\u{2029}\u{2027}\u{20ac} ]{0,20}",
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
            let ours = script_safe(&serde_json::to_string(&Sorted(&value)).unwrap());
            proptest::prop_assert_eq!(ours, old_safe);
        }
    }
}
