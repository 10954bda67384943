//! Whether to trust the server: its key judged against known_hosts while connecting, and a
//! server seen for the first time recorded only when the officer said so.

use std::io;
use std::path::PathBuf;

use russh::client;
use russh::keys::{PublicKey, PublicKeyOrCertificate};

use crate::publish::known_hosts::{self, Verdict};
use crate::publish::ConnectFailure;

/// Checks the server's key against known_hosts while connecting.
pub struct HostCheck {
    pub(super) host: String,
    pub(super) port: u16,
    pub(super) known_hosts: PathBuf,
    pub(super) accept: bool,
}

/// Why the key exchange stopped.
#[derive(Debug)]
pub enum HostKeyError {
    Ssh(russh::Error),
    Unknown { fingerprint: String },
    Changed { line: usize },
    Revoked { line: usize },
    KnownHosts(String),
}

impl From<russh::Error> for HostKeyError {
    fn from(e: russh::Error) -> Self {
        HostKeyError::Ssh(e)
    }
}

impl HostKeyError {
    pub(super) fn into_failure(self) -> ConnectFailure {
        match self {
            HostKeyError::Ssh(e) => ConnectFailure::Unreachable(e.to_string()),
            HostKeyError::Unknown { fingerprint } => ConnectFailure::UnknownHost { fingerprint },
            HostKeyError::Changed { line } => ConnectFailure::HostKeyChanged { line },
            HostKeyError::Revoked { line } => ConnectFailure::HostKeyRevoked { line },
            HostKeyError::KnownHosts(e) => ConnectFailure::KnownHosts(e),
        }
    }
}

impl client::Handler for HostCheck {
    type Error = HostKeyError;

    async fn check_server_key(
        &mut self,
        key: &PublicKeyOrCertificate,
    ) -> Result<bool, HostKeyError> {
        let key: &PublicKey = match key {
            PublicKeyOrCertificate::PublicKey { key, .. } => key,
            // Host certificates need a CA line in known_hosts, which loa does not read.
            PublicKeyOrCertificate::Certificate(_) => {
                return Err(HostKeyError::KnownHosts(
                    "host certificates are not supported".into(),
                ))
            }
        };
        let text = match std::fs::read(&self.known_hosts) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(HostKeyError::KnownHosts(e.to_string())),
        };
        match known_hosts::judge(&text, &self.host, self.port, key) {
            Verdict::Known => Ok(true),
            // Only a server no line knows: a changed or revoked key is never accepted.
            Verdict::Unknown if self.accept => {
                russh::keys::known_hosts::learn_known_hosts_path(
                    &self.host,
                    self.port,
                    key,
                    &self.known_hosts,
                )
                .map_err(|e| HostKeyError::KnownHosts(e.to_string()))?;
                Ok(true)
            }
            Verdict::Unknown => Err(HostKeyError::Unknown {
                fingerprint: key.fingerprint(Default::default()).to_string(),
            }),
            Verdict::Changed { line } => Err(HostKeyError::Changed { line }),
            Verdict::Revoked { line } => Err(HostKeyError::Revoked { line }),
        }
    }
}

/// The default known_hosts file, as `ssh` uses it.
pub fn default_known_hosts() -> PathBuf {
    std::env::home_dir()
        .unwrap_or_default()
        .join(".ssh")
        .join("known_hosts")
}
