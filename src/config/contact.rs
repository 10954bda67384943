//! `contact:` in config.yaml: who runs the site and how to reach them, which a government
//! portal must show (Decree 42/2022/NĐ-CP): the issuing body, the body above it, address,
//! phone, e-mail and the person responsible for the content.

use serde::Deserialize;

use crate::msg;

use super::problems::{Place, Problems};

/// The block as written. Every field may be left out; its default is stated on it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawContact {
    /// The body that runs the site (cơ quan chủ quản trang): `Sở Tư pháp tỉnh An Giang`.
    /// Default: `organization`.
    #[serde(default)]
    issuer: Option<String>,
    /// The body it belongs to: `Ủy ban nhân dân tỉnh An Giang`. Default: none.
    #[serde(default)]
    parent: Option<String>,
    /// Postal address of the issuing body. Default: none.
    #[serde(default)]
    address: Option<String>,
    /// Telephone, as it should be read: `0296 3852 000`. Default: none.
    #[serde(default)]
    phone: Option<String>,
    /// E-mail address. Default: none.
    #[serde(default)]
    email: Option<String>,
    /// The person responsible for the content, with their office:
    /// `Ông Nguyễn Văn A, Giám đốc Sở`. Default: none.
    #[serde(default)]
    responsible: Option<String>,
}

/// The contact details, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub issuer: String,
    pub parent: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub responsible: Option<String>,
}

impl Contact {
    /// The `tel:` link of the phone number: its digits, and a leading `+`.
    pub fn phone_url(&self) -> Option<String> {
        self.phone.as_deref().map(|p| {
            let plus = if p.trim_start().starts_with('+') {
                "+"
            } else {
                ""
            };
            let digits: String = p.chars().filter(char::is_ascii_digit).collect();
            format!("tel:{plus}{digits}")
        })
    }

    pub fn email_url(&self) -> Option<String> {
        self.email.as_deref().map(|e| format!("mailto:{e}"))
    }
}

/// The block resolved, each field trimmed and in NFC; an address or number that cannot be
/// one is an error at its line. `None` when config.yaml has no `contact:`.
pub(super) fn resolve(
    raw: Option<RawContact>,
    organization: &str,
    problems: &mut Problems,
) -> Option<Contact> {
    let RawContact {
        issuer,
        parent,
        address,
        phone,
        email,
        responsible,
    } = raw?;
    let text = |s: Option<String>| {
        s.map(|s| crate::text::nfc(s.trim()))
            .filter(|s| !s.is_empty())
    };
    let phone = text(phone);
    if let Some(p) = phone.as_deref().filter(|p| !is_phone(p)) {
        let d = problems.at(
            Place::InBlock("contact", "phone"),
            msg::bad_contact_phone(p),
        );
        problems.push(d.with_hint(msg::HINT_CONTACT_PHONE));
    }
    let email = text(email);
    if let Some(e) = email.as_deref().filter(|e| !is_email(e)) {
        let d = problems.at(
            Place::InBlock("contact", "email"),
            msg::bad_contact_email(e),
        );
        problems.push(d.with_hint(msg::HINT_CONTACT_EMAIL));
    }
    Some(Contact {
        issuer: text(issuer).unwrap_or_else(|| organization.to_string()),
        parent: text(parent),
        address: text(address),
        phone,
        email,
        responsible: text(responsible),
    })
}

/// Digits with spaces, dots, dashes or brackets between them, a `+` only first: what a
/// `tel:` link can be made from without guessing.
fn is_phone(p: &str) -> bool {
    let body = p.strip_prefix('+').unwrap_or(p);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    (3..=20).contains(&digits)
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')'))
}

/// One `@` between a name and a domain with a dot, nothing a `mailto:` link would misread.
fn is_email(e: &str) -> bool {
    let Some((name, domain)) = e.split_once('@') else {
        return false;
    };
    let plain = |s: &str| {
        !s.is_empty()
            && !s
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || "@<>()[]\\,;:\"?&#/%".contains(c))
    };
    plain(name)
        && plain(domain)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_read_as_written_and_linked_by_their_digits() {
        for good in [
            "0296 3852 000",
            "+84 296 3852 000",
            "(0296) 385.2000",
            "1022",
        ] {
            assert!(is_phone(good), "{good}");
        }
        for bad in ["xem Cổng", "0296 3852 000 hoặc 0297", "12", "+84+296", ""] {
            assert!(!is_phone(bad), "{bad}");
        }
        let contact = |phone: &str| Contact {
            issuer: "S".into(),
            parent: None,
            address: None,
            phone: Some(phone.into()),
            email: None,
            responsible: None,
        };
        assert_eq!(
            contact("+84 296 3852 000").phone_url().as_deref(),
            Some("tel:+842963852000")
        );
        assert_eq!(
            contact("(0296) 385.2000").phone_url().as_deref(),
            Some("tel:02963852000")
        );
    }

    #[test]
    fn an_email_address_has_a_name_and_a_domain() {
        for good in ["vanphong@stp.angiang.gov.vn", "a.b-c@vi-du.invalid"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "stp.angiang.gov.vn",
            "a@b",
            "a b@c.vn",
            "a@b.vn?subject=x",
            "@c.vn",
            "a@@c.vn",
            "a@.vn",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
