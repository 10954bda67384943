//! Where a site is published: the `publish:` entry of config.yaml and `--target`, read into a
//! folder or an SFTP address. It lives with the config, which reads it; `publish` uses it.

use std::fmt;
use std::path::PathBuf;

use serde::Deserialize;

use crate::msg;

/// A place that receives the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A folder on this machine, often a mounted share of the portal (`/mnt/portal/cchc`).
    Folder(PathBuf),
    /// A folder on a server reached over SSH.
    Sftp(SftpAddress),
}

/// `sftp://user@host:port/path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SftpAddress {
    pub user: String,
    pub host: String,
    pub port: u16,
    /// The folder on the server, absolute (`/var/www/cchc`).
    pub path: String,
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Folder(dir) => write!(f, "{}", dir.display()),
            Target::Sftp(a) => write!(f, "sftp://{}@{}:{}{}", a.user, a.host, a.port, a.path),
        }
    }
}

impl Target {
    /// Reads a target as written in config.yaml or on the command line. Any `scheme://` other
    /// than `sftp://` is refused rather than taken for a folder name.
    pub fn parse(text: &str) -> Result<Target, msg::Advice> {
        let text = text.trim();
        if text.is_empty() {
            return Err(msg::Advice::new(
                msg::TARGET_EMPTY,
                msg::HINT_PUBLISH_TARGET,
            ));
        }
        if !text.contains("://") {
            return Ok(Target::Folder(PathBuf::from(text)));
        }
        let bad = || msg::Advice::new(msg::bad_target(text), msg::HINT_PUBLISH_TARGET);
        let url = url::Url::parse(text).map_err(|_| bad())?;
        if url.scheme() != "sftp" {
            return Err(bad());
        }
        let host = url.host_str().filter(|h| !h.is_empty()).ok_or_else(bad)?;
        let user = percent_encoding::percent_decode_str(url.username())
            .decode_utf8_lossy()
            .into_owned();
        if user.is_empty() {
            return Err(msg::Advice::new(
                msg::target_without_user(text),
                msg::HINT_PUBLISH_TARGET,
            ));
        }
        let path = percent_encoding::percent_decode_str(url.path())
            .decode_utf8_lossy()
            .trim_end_matches('/')
            .to_string();
        // The root of a server is never the site's own folder: publishing there would mix the
        // site with everything else on the machine.
        if path.is_empty() {
            return Err(msg::Advice::new(
                msg::target_without_folder(text),
                msg::HINT_PUBLISH_TARGET,
            ));
        }
        Ok(Target::Sftp(SftpAddress {
            user,
            host: host.trim_matches(['[', ']']).to_string(),
            port: url.port().unwrap_or(22),
            path,
        }))
    }
}

/// `publish:` as written: the target alone, or a mapping with the key file too.
#[derive(Debug)]
pub struct RawPublish {
    target: String,
    identity: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPublishMap {
    /// The folder or `sftp://` address. Required.
    target: String,
    /// The private key to log in with. Default: the SSH agent, then ~/.ssh/id_ed25519, id_rsa.
    #[serde(default)]
    identity: Option<String>,
}

impl<'de> Deserialize<'de> for RawPublish {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawPublish;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a folder, an sftp:// address, or a mapping with `target`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawPublish, E> {
                Ok(RawPublish {
                    target: v.to_string(),
                    identity: None,
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<RawPublish, A::Error> {
                let raw =
                    RawPublishMap::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(RawPublish {
                    target: raw.target,
                    identity: raw.identity,
                })
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// `publish:` checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishConfig {
    pub target: Target,
    /// A key file to log in with, `~/` expanded.
    pub identity: Option<PathBuf>,
}

impl RawPublish {
    /// The entry checked, or the message and the hint of what is wrong with it.
    pub fn resolve(self) -> Result<PublishConfig, msg::Advice> {
        Ok(PublishConfig {
            target: Target::parse(&self.target)?,
            identity: self.identity.as_deref().map(expand_home),
        })
    }
}

/// `~/x` → the user's home folder joined with `x`, as a shell would.
pub fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::home_dir()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_sftp_address_gives_user_host_port_and_folder() {
        let t = Target::parse("sftp://cchc@portal.angiang.gov.vn:2222/var/www/cchc/").unwrap();
        assert_eq!(
            t,
            Target::Sftp(SftpAddress {
                user: "cchc".into(),
                host: "portal.angiang.gov.vn".into(),
                port: 2222,
                path: "/var/www/cchc".into(),
            })
        );
        assert_eq!(
            t.to_string(),
            "sftp://cchc@portal.angiang.gov.vn:2222/var/www/cchc"
        );
    }

    #[test]
    fn the_port_defaults_to_22_and_a_folder_is_a_folder() {
        match Target::parse("sftp://u@h/srv/site").unwrap() {
            Target::Sftp(a) => assert_eq!(a.port, 22),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            Target::parse("/mnt/portal/cchc").unwrap(),
            Target::Folder("/mnt/portal/cchc".into())
        );
    }

    #[test]
    fn other_schemes_a_missing_user_and_the_server_root_are_refused() {
        for bad in [
            "ftp://u@h/x",
            "https://stp.angiang.gov.vn/cchc/",
            "sftp://h/x",
            "sftp://u@h/",
            "",
        ] {
            let msg::Advice { message, hint } = Target::parse(bad).unwrap_err();
            assert!(!message.is_empty() && hint.contains("sftp://"), "{bad}");
        }
    }
}
