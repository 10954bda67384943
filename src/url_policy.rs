//! The one URL policy for everything an author writes: which links and images may be published.
//!
//! Authors from the department's units are trusted to write, not to script the portal. A URL
//! is published only when it is a relative path (`bai.md`, `anh.jpg`, `/cchc/`, `#muc`) or uses
//! `http`, `https`, `mailto` or `tel`. Everything else (`javascript:`, `vbscript:`, `data:`,
//! `file:`, any other scheme) is refused, judged the way a browser reads the URL: after HTML
//! entities are decoded (the callers hand over decoded text: pulldown-cmark and html5ever both
//! decode), with ASCII tabs and line breaks removed anywhere and control characters and spaces
//! removed at the start (the URL standard strips them, so `java&#9;script:` is `javascript:`),
//! and with the scheme compared without regard to letter case.

/// The schemes an author may use.
pub const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Why a URL is refused: the scheme as the browser would read it (lowercase).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub scheme: String,
}

/// Checks a URL written by an author against the policy.
pub fn check(url: &str) -> Result<(), Refused> {
    match scheme(url) {
        Some(s) if ALLOWED_SCHEMES.contains(&s.as_str()) => Ok(()),
        Some(scheme) => Err(Refused { scheme }),
        None => Ok(()),
    }
}

/// Whether the URL is allowed.
pub fn allows(url: &str) -> bool {
    check(url).is_ok()
}

/// The scheme a browser would find in `url` (lowercase), or `None` for a relative URL.
///
/// Browsers skip leading C0 controls and spaces and drop every tab, CR and LF before parsing;
/// other control characters cannot be part of a scheme, so a URL where one sits before the
/// first `:` is refused outright (reported as its letters with the control removed) rather
/// than guessed at.
pub fn scheme(url: &str) -> Option<String> {
    let trimmed = url.trim_start_matches(|c: char| c <= ' ');
    let mut scheme = String::new();
    let mut suspicious = false;
    for c in trimmed.chars() {
        match c {
            // A colon after scheme letters (even ones a browser would not take as a scheme,
            // such as `1x:`) is refused rather than guessed at; `:x` alone is a path, unless a
            // control character hid something before the colon.
            ':' if scheme.is_empty() => return suspicious.then(|| "?".to_string()),
            ':' => return Some(scheme),
            '\t' | '\n' | '\r' => {}
            c if c.is_control() => suspicious = true,
            c if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => {
                scheme.push(c.to_ascii_lowercase())
            }
            // `/`, `?`, `#` or anything else before a colon: a path, not a scheme.
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_mail_phone_and_relative_urls_are_allowed() {
        for url in [
            "https://dichvucong.gov.vn/p/home",
            "HTTP://example.vn",
            "mailto:stp@angiang.gov.vn",
            "tel:+842963852000",
            "../tin-tuc/bai.md#muc-tieu",
            "anh/hoi-nghi.jpg",
            "/cchc/",
            "#muc-tieu",
            "?trang=2",
            "",
            "//angiang.gov.vn/",
            "thu-muc/a:b",
        ] {
            assert_eq!(check(url), Ok(()), "{url}");
        }
    }

    #[test]
    fn scripts_data_and_other_schemes_are_refused_however_written() {
        for (url, scheme) in [
            ("javascript:alert(1)", "javascript"),
            ("JaVaScRiPt:alert(1)", "javascript"),
            ("  javascript:alert(1)", "javascript"),
            ("\u{1}javascript:alert(1)", "javascript"),
            ("java\tscript:alert(1)", "javascript"),
            ("java\nscript:alert(1)", "javascript"),
            ("java\u{0}script:alert(1)", "javascript"),
            ("vbscript:msgbox", "vbscript"),
            ("data:text/html,<script>alert(1)</script>", "data"),
            ("DATA:image/svg+xml;base64,PHN2Zz4=", "data"),
            ("file:///etc/passwd", "file"),
            ("ftp://example.vn/", "ftp"),
            ("x-loa:1", "x-loa"),
        ] {
            assert_eq!(
                check(url),
                Err(Refused {
                    scheme: scheme.to_string()
                }),
                "{url:?}"
            );
        }
    }

    #[test]
    fn a_control_character_hiding_before_a_colon_is_refused() {
        assert!(check("java\u{7}script:alert(1)").is_err());
        assert!(
            check("\u{7}\u{1}:x\u{7}").is_ok(),
            "leading controls are stripped, as browsers do"
        );
    }
}
