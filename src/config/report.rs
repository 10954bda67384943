//! `report:` in config.yaml: the parts of the report to Sở Nội vụ that do not change from one
//! period to the next (who issues it, to whom, who signs), as written and as resolved.

use serde::Deserialize;

use crate::msg;

use super::problems::{Place, Problems};

/// The block as written. Every field may be left out; its default is stated on it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawReport {
    /// The body the department belongs to (cơ quan chủ quản), on the first line of the
    /// heading: `UBND TỈNH AN GIANG`. Default: none (only the issuing body is written).
    #[serde(default)]
    parent: Option<String>,
    /// The issuing body as the heading writes it: `SỞ TƯ PHÁP`. Default: `organization`, in
    /// capitals.
    #[serde(default)]
    issuer: Option<String>,
    /// What follows the number: `Số: …/BC-STP`. Default: `BC-STP`.
    #[serde(default)]
    symbol: Option<String>,
    /// The place before the date: `An Giang, ngày … tháng … năm …`. Default: `An Giang`.
    #[serde(default)]
    place: Option<String>,
    /// Kính gửi: one body or a list. Default: `Sở Nội vụ`.
    #[serde(default)]
    to: Option<OneOrMany>,
    /// Nơi nhận, one line each. Default: `Như trên`, `Lưu: VT`.
    #[serde(default)]
    copies: Option<OneOrMany>,
    /// Who signs. Default: none (the signature block is left for a hand to fill, and
    /// `loa report` says so).
    #[serde(default)]
    signer: Option<RawSigner>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSigner {
    /// Signing on behalf of the head: `KT. GIÁM ĐỐC` (also `TL.`, `TUQ.`, `Q.`). Default: none.
    #[serde(default)]
    authority: Option<String>,
    /// `PHÓ GIÁM ĐỐC`. Required.
    title: String,
    /// The signer's full name. Required.
    name: String,
}

/// The fixed parts of the report, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportConfig {
    pub parent: Option<String>,
    pub issuer: String,
    pub symbol: String,
    pub place: String,
    pub to: Vec<String>,
    pub copies: Vec<String>,
    pub signer: Option<Signer>,
}

/// The signature block: `KT. GIÁM ĐỐC` / `PHÓ GIÁM ĐỐC` / the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    pub authority: Option<String>,
    pub title: String,
    pub name: String,
}

impl OneOrMany {
    fn lines(self) -> Vec<String> {
        let all = match self {
            OneOrMany::One(one) => vec![one],
            OneOrMany::Many(many) => many,
        };
        all.iter()
            .map(|l| crate::text::nfc(l.trim()))
            .filter(|l| !l.is_empty())
            .collect()
    }
}

/// The block resolved against the organization's name; an empty signer's title or name is
/// an error at the `signer:` line.
pub(super) fn resolve(raw: RawReport, organization: &str, problems: &mut Problems) -> ReportConfig {
    let RawReport {
        parent,
        issuer,
        symbol,
        place,
        to,
        copies,
        signer,
    } = raw;
    let text = |s: Option<String>| {
        s.map(|s| crate::text::nfc(s.trim()))
            .filter(|s| !s.is_empty())
    };
    ReportConfig {
        parent: text(parent),
        issuer: text(issuer).unwrap_or_else(|| organization.to_uppercase()),
        symbol: text(symbol).unwrap_or_else(|| "BC-STP".to_string()),
        place: text(place).unwrap_or_else(|| "An Giang".to_string()),
        to: to
            .map(OneOrMany::lines)
            .unwrap_or_else(|| vec!["Sở Nội vụ".to_string()]),
        copies: copies
            .map(OneOrMany::lines)
            .unwrap_or_else(|| vec!["Như trên".to_string(), "Lưu: VT".to_string()]),
        signer: signer.and_then(|s| resolve_signer(s, problems)),
    }
}

fn resolve_signer(raw: RawSigner, problems: &mut Problems) -> Option<Signer> {
    let RawSigner {
        authority,
        title,
        name,
    } = raw;
    let (title, name) = (
        crate::text::nfc(title.trim()),
        crate::text::nfc(name.trim()),
    );
    if title.is_empty() || name.is_empty() {
        let d = problems.at(Place::Nested("signer"), msg::SIGNER_EMPTY.to_string());
        problems.push(d.with_hint(msg::HINT_SIGNER));
        return None;
    }
    Some(Signer {
        authority: authority
            .map(|a| crate::text::nfc(a.trim()))
            .filter(|a| !a.is_empty()),
        title,
        name,
    })
}
