//! Whether to trust a server's key: known_hosts read the way OpenSSH reads it (markers,
//! wildcards, negations, hashed names, `[host]:port`), judged more strictly than `ssh` does.
//!
//! russh's own reader is not used: it ignores `@revoked` lines, and it takes a server whose
//! recorded key is of another type for an unknown one, which `--accept-host-key` would then
//! accept (an attacker offering an RSA key for a server known by its Ed25519 key would be
//! trusted). Here every key recorded for the host that is not the one offered, whatever its
//! type, makes the key *changed*, and a revoked key is refused whatever else the file says.

use russh::keys::ssh_key::known_hosts::HostPatterns;
use russh::keys::PublicKey;

/// What known_hosts says about a server's key. Lines are counted from 1, as editors do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// A line for this host records this very key.
    Known,
    /// No line is about this host.
    Unknown,
    /// Lines are about this host, none with this key: the first of them.
    Changed { line: usize },
    /// An `@revoked` line for this host holds this key.
    Revoked { line: usize },
}

/// Judges `key`, offered by `host` on `port`, against the text of a known_hosts file.
pub fn judge(known_hosts: &str, host: &str, port: u16, key: &PublicKey) -> Verdict {
    let name = host_port(host, port);
    let mut known = false;
    let mut other = None;
    for (index, line) in known_hosts.lines().enumerate() {
        let Some(entry) = Line::read(line) else {
            continue;
        };
        if !entry.names(&name) {
            continue;
        }
        let same = entry.holds(key);
        match entry.marker {
            Marker::Revoked if same => return Verdict::Revoked { line: index + 1 },
            Marker::Revoked | Marker::CertAuthority => {}
            Marker::None if same => known = true,
            Marker::None => {
                other.get_or_insert(index + 1);
            }
        }
    }
    match (known, other) {
        (true, _) => Verdict::Known,
        (false, Some(line)) => Verdict::Changed { line },
        (false, None) => Verdict::Unknown,
    }
}

/// How OpenSSH names a server in known_hosts: `host`, or `[host]:port` off port 22.
fn host_port(host: &str, port: u16) -> String {
    let host = host.to_ascii_lowercase();
    if port == 22 {
        host
    } else {
        format!("[{host}]:{port}")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    None,
    Revoked,
    /// A certificate authority's key: loa refuses host certificates, so never a match.
    CertAuthority,
}

/// One line: `[@marker] patterns keytype base64 [comment]`.
struct Line<'a> {
    marker: Marker,
    patterns: &'a str,
    key_type: &'a str,
    key_base64: &'a str,
}

impl<'a> Line<'a> {
    /// The line's fields; `None` for blank lines, comments and lines OpenSSH would skip.
    fn read(line: &'a str) -> Option<Line<'a>> {
        let mut fields = line.split_whitespace();
        let mut first = fields.next()?;
        if first.starts_with('#') {
            return None;
        }
        let marker = match first {
            "@revoked" => Marker::Revoked,
            "@cert-authority" => Marker::CertAuthority,
            _ if first.starts_with('@') => return None,
            _ => Marker::None,
        };
        if marker != Marker::None {
            first = fields.next()?;
        }
        Some(Line {
            marker,
            patterns: first,
            key_type: fields.next()?,
            key_base64: fields.next()?,
        })
    }

    /// Whether the line is about the server called `name` (lower case, with its port).
    fn names(&self, name: &str) -> bool {
        if self.patterns.starts_with("|1|") {
            return match self.patterns.parse::<HostPatterns>() {
                Ok(HostPatterns::HashedName { salt, hash }) => {
                    let key =
                        ring::hmac::Key::new(ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, &salt);
                    ring::hmac::verify(&key, name.as_bytes(), &hash).is_ok()
                }
                _ => false,
            };
        }
        let mut named = false;
        for pattern in self.patterns.split(',') {
            let (negated, pattern) = match pattern.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, pattern),
            };
            if glob(&pattern.to_ascii_lowercase(), name) {
                // A negated pattern that matches rules the line out, whatever else matches.
                if negated {
                    return false;
                }
                named = true;
            }
        }
        named
    }

    /// Whether the line records `key`. A key loa cannot read (an unknown type) is another key.
    fn holds(&self, key: &PublicKey) -> bool {
        PublicKey::from_openssh(&format!("{} {}", self.key_type, self.key_base64))
            .is_ok_and(|recorded| recorded.key_data() == key.key_data())
    }
}

/// OpenSSH's host patterns: `*` any run of characters, `?` any one.
fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti) = (0, 0);
    // Where the last `*` was, and the text position it is now matched up to.
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if c == '?' || c == t[ti] => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    // Public keys of russh's known_hosts tests, and one made with `ssh-keygen -t ecdsa`.
    const ED25519: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJdD7y3aLq454yWBdwLWbieU1ebz9/cu7/QEXn9OIeZJ";
    const OTHER_ED25519: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILIG2T/B0l0gaqj3puu510tu9N1OkQ4znY3LYuEm5zCF";
    const ECDSA: &str = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBKUcUJQONZS49Qu6wVwjsy0Iki9O2uqLNKdx8THoAFUTXIKDSfX61EjZqjnwtZBXrf3f6wglL78tJgdw/c0yAnA=";

    fn key(line: &str) -> PublicKey {
        PublicKey::from_openssh(line).unwrap()
    }

    fn judged(file: &str, host: &str, port: u16) -> Verdict {
        judge(file, host, port, &key(ED25519))
    }

    #[test]
    fn the_recorded_key_is_known_and_another_host_is_unknown() {
        let file = format!("portal.angiang.gov.vn {ED25519}\n");
        assert_eq!(judged(&file, "portal.angiang.gov.vn", 22), Verdict::Known);
        assert_eq!(judged(&file, "PORTAL.angiang.gov.vn", 22), Verdict::Known);
        assert_eq!(judged(&file, "khac.gov.vn", 22), Verdict::Unknown);
        assert_eq!(
            judged(&file, "portal.angiang.gov.vn", 2222),
            Verdict::Unknown
        );
        assert_eq!(judged("", "portal.angiang.gov.vn", 22), Verdict::Unknown);
    }

    #[test]
    fn a_recorded_key_of_another_type_is_a_changed_key() {
        let file = format!("# máy chủ cổng\n\n[10.0.0.5]:2222 {ECDSA}\n");
        assert_eq!(
            judged(&file, "10.0.0.5", 2222),
            Verdict::Changed { line: 3 },
            "not unknown: --accept-host-key must not record the new key"
        );
        let both = format!("[10.0.0.5]:2222 {ECDSA}\n[10.0.0.5]:2222 {ED25519}\n");
        assert_eq!(judged(&both, "10.0.0.5", 2222), Verdict::Known);
        let same_type = format!("[10.0.0.5]:2222 {OTHER_ED25519} cu\n");
        assert_eq!(
            judged(&same_type, "10.0.0.5", 2222),
            Verdict::Changed { line: 1 }
        );
        let unreadable = "[10.0.0.5]:2222 ssh-future-type AAAAB3Nz\n";
        assert_eq!(
            judged(unreadable, "10.0.0.5", 2222),
            Verdict::Changed { line: 1 }
        );
    }

    #[test]
    fn a_revoked_key_is_refused_whatever_else_the_file_says() {
        let file = format!("portal {ED25519}\n@revoked * {ED25519}\n");
        assert_eq!(judged(&file, "portal", 22), Verdict::Revoked { line: 2 });
        let other_revoked = format!("portal {ED25519}\n@revoked * {ECDSA}\n");
        assert_eq!(judged(&other_revoked, "portal", 22), Verdict::Known);
        let other_host = format!("@revoked khac {ED25519}\n");
        assert_eq!(judged(&other_host, "portal", 22), Verdict::Unknown);
        let authority = format!("@cert-authority *.gov.vn {OTHER_ED25519}\n");
        assert_eq!(judged(&authority, "portal.gov.vn", 22), Verdict::Unknown);
    }

    #[test]
    fn wildcards_negations_lists_and_tabs_are_read_as_openssh_reads_them() {
        let file = format!("*.angiang.gov.vn,!test.angiang.gov.vn\t{ED25519}\n");
        assert_eq!(judged(&file, "portal.angiang.gov.vn", 22), Verdict::Known);
        assert_eq!(judged(&file, "test.angiang.gov.vn", 22), Verdict::Unknown);
        let file = format!("10.0.0.?,portal {ED25519}\n");
        assert_eq!(judged(&file, "10.0.0.7", 22), Verdict::Known);
        assert_eq!(judged(&file, "10.0.0.17", 22), Verdict::Unknown);
        assert_eq!(judged(&file, "portal", 22), Verdict::Known);
    }

    #[test]
    fn hashed_names_are_matched() {
        // `ssh-keygen -H` of `example.com`, from russh's own tests.
        let file = format!(
            "|1|O33ESRMWPVkMYIwJ1Uw+n877jTo=|nuuC5vEqXlEZ/8BXQR7m619W6Ak= {OTHER_ED25519}\n"
        );
        assert_eq!(
            judge(&file, "example.com", 22, &key(OTHER_ED25519)),
            Verdict::Known
        );
        assert_eq!(
            judged(&file, "example.com", 22),
            Verdict::Changed { line: 1 }
        );
        assert_eq!(judged(&file, "example.org", 22), Verdict::Unknown);
    }

    #[test]
    fn globs_match_runs_and_single_characters() {
        assert!(glob("*", ""));
        assert!(glob("a*c", "abbbc"));
        assert!(glob("a*b*c", "axbyc"));
        assert!(!glob("a*c", "abcd"));
        assert!(glob("[10.0.0.*]:22?2", "[10.0.0.5]:2222"));
        assert!(!glob("?", ""));
    }
}
