//! Why a publish stopped, and how the officer reads it: where, what, and what to do.

use std::io;
use std::path::PathBuf;

use super::guard::LinkOnTheWay;
use super::manifest::MANIFEST;
use super::{Login, Target};
use crate::diag::Diagnostic;
use crate::msg;
use crate::within::BadPath;

/// Why loa could not open the target.
#[derive(Debug)]
pub enum ConnectFailure {
    /// No answer from the server, or the connection broke before login.
    Unreachable(String),
    /// The server's key is not in known_hosts (and `--accept-host-key` was not given).
    UnknownHost {
        fingerprint: String,
    },
    /// known_hosts holds another key for this server (of any type), at this line.
    HostKeyChanged {
        line: usize,
    },
    /// known_hosts revokes the server's key (`@revoked`), at this line.
    HostKeyRevoked {
        line: usize,
    },
    /// known_hosts could not be read or written.
    KnownHosts(String),
    /// No agent and no key file to log in with.
    NoKey,
    KeyEncrypted(PathBuf),
    KeyUnreadable(PathBuf, String),
    /// An RSA key, in a build without the `rsa` feature.
    RsaKeyLeftOut(PathBuf),
    /// The server refused every key tried (named).
    KeyRefused {
        tried: Vec<String>,
    },
    /// Logged in, but the server offers no SFTP.
    NoSftp(String),
    /// The target folder does not exist (or is not a folder).
    FolderMissing,
}

/// Why a publish stopped.
#[derive(Debug)]
pub enum Failure {
    Connect(ConnectFailure),
    /// The manifest on the target is not one loa wrote.
    ManifestDamaged,
    /// A record on the target (`record`: the manifest or the progress record) lists a path
    /// that is not one inside the target: someone edited it.
    EntryOutside {
        record: &'static str,
        entry: String,
        why: BadPath,
    },
    /// Files loa did not publish stand where the site's files would go.
    Foreign(Vec<String>),
    /// A symbolic link stands at `path`, on the way to a file publish reads, writes or
    /// removes.
    Link {
        path: String,
        started: bool,
    },
    /// An operation on one file failed. `started`: the target had already been changed
    /// (it stays consistent: the next publish finishes the work).
    File {
        path: String,
        error: io::Error,
        started: bool,
    },
}

impl Failure {
    /// An operation on `path` failed; a link met on the way is told as such.
    pub(crate) fn file(path: &str, error: io::Error, started: bool) -> Failure {
        let link = error
            .get_ref()
            .and_then(|e| e.downcast_ref::<LinkOnTheWay>());
        if let Some(link) = link {
            return Failure::Link {
                path: link.0.clone(),
                started,
            };
        }
        Failure::File {
            path: path.to_string(),
            error,
            started,
        }
    }

    /// The failure as the officer reads it: where, what, and what to do.
    pub fn diagnostic(&self, target: &Target, login: &Login) -> Diagnostic {
        let place = target.to_string();
        let at = |path: &str| {
            if path.is_empty() {
                place.clone()
            } else {
                format!("{}/{path}", place.trim_end_matches('/'))
            }
        };
        match self {
            Failure::Connect(c) => connect_diagnostic(c, target, login, &place),
            Failure::ManifestDamaged => {
                Diagnostic::file_error(at(MANIFEST), msg::PUBLISH_MANIFEST_DAMAGED)
                    .with_hint(msg::HINT_PUBLISH_MANIFEST_DAMAGED)
            }
            Failure::EntryOutside { record, entry, why } => Diagnostic::file_error(
                at(record),
                msg::publish_entry_outside(entry, why.describe()),
            )
            .with_hint(msg::HINT_PUBLISH_ENTRY_OUTSIDE),
            Failure::Link { path, started } => Diagnostic::file_error(at(path), msg::PUBLISH_LINK)
                .with_hint(msg::hint_publish_link(*started)),
            Failure::Foreign(paths) => {
                Diagnostic::file_error(place.clone(), msg::foreign_on_target(paths))
                    .with_hint(msg::HINT_FOREIGN_ON_TARGET)
            }
            Failure::File {
                path,
                error,
                started,
            } => Diagnostic::advise(
                at(path),
                0,
                0,
                msg::publish_io(error, target_user(target), *started),
            ),
        }
    }
}

fn target_user(target: &Target) -> Option<&str> {
    match target {
        Target::Sftp(a) => Some(&a.user),
        Target::Folder(_) => None,
    }
}

fn connect_diagnostic(
    c: &ConnectFailure,
    target: &Target,
    login: &Login,
    place: &str,
) -> Diagnostic {
    let (host, port, user) = match target {
        Target::Sftp(a) => (a.host.as_str(), a.port, a.user.as_str()),
        Target::Folder(_) => ("", 0, ""),
    };
    let known_hosts = login.known_hosts.as_path();
    let (message, hint) = match c {
        ConnectFailure::Unreachable(detail) => (
            msg::unreachable(host, port, detail),
            msg::HINT_UNREACHABLE.to_string(),
        ),
        ConnectFailure::UnknownHost { fingerprint } => (
            msg::unknown_host(host, known_hosts, fingerprint),
            msg::HINT_UNKNOWN_HOST.to_string(),
        ),
        ConnectFailure::HostKeyChanged { line } => (
            msg::host_key_changed(host, known_hosts, *line),
            msg::hint_host_key_changed(known_hosts, *line),
        ),
        ConnectFailure::HostKeyRevoked { line } => (
            msg::host_key_revoked(host, known_hosts, *line),
            msg::HINT_HOST_KEY_REVOKED.to_string(),
        ),
        ConnectFailure::KnownHosts(detail) => (
            msg::known_hosts_unusable(known_hosts, detail),
            msg::HINT_KNOWN_HOSTS.to_string(),
        ),
        ConnectFailure::NoKey => (msg::NO_KEY.to_string(), msg::HINT_NO_KEY.to_string()),
        ConnectFailure::KeyEncrypted(file) => {
            (msg::key_encrypted(file), msg::hint_key_encrypted(file))
        }
        ConnectFailure::KeyUnreadable(file, detail) => (
            msg::key_unreadable(file, detail),
            msg::HINT_KEY_UNREADABLE.to_string(),
        ),
        ConnectFailure::RsaKeyLeftOut(file) => (
            msg::rsa_key_left_out(file),
            msg::HINT_RSA_KEY_LEFT_OUT.to_string(),
        ),
        ConnectFailure::KeyRefused { tried } => (
            msg::key_refused(host, user, tried),
            msg::hint_key_refused(user),
        ),
        ConnectFailure::NoSftp(detail) => {
            (msg::no_sftp(host, detail), msg::HINT_NO_SFTP.to_string())
        }
        ConnectFailure::FolderMissing => (
            msg::TARGET_FOLDER_MISSING.to_string(),
            msg::HINT_TARGET_FOLDER_MISSING.to_string(),
        ),
    };
    Diagnostic::file_error(place.to_string(), message).with_hint(hint)
}
