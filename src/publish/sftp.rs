//! The SFTP target: one SSH connection (russh, pure Rust) checked against known_hosts and
//! logged in with a key, and the file operations of [`Remote`] over it.
//!
//! The server's key is judged by [`super::known_hosts`]; `--accept-host-key` records only a
//! server known by no line at all, never one whose recorded key changed or is revoked.
//! No operation follows a link at a file's own name: files are opened with CREATE|EXCLUDE
//! (O_EXCL on the server), a folder already there counts only if `lstat` says it is one.
//!
//! The rest of publish is synchronous; this module owns a small tokio runtime and waits on
//! each operation, so the publishing order stays the plain order of the code.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use russh::client;
use russh::keys::{PrivateKeyWithHashAlg, PublicKey, PublicKeyOrCertificate};
use russh_sftp::client::error::Error as SftpError;
use russh_sftp::client::RawSftpSession;
use russh_sftp::protocol::{FileAttributes, FileType, OpenFlags, Packet, StatusCode};

use super::known_hosts::{self, Verdict};
use super::{ConnectFailure, Kind, Remote, SftpAddress};

/// How to reach and trust the server.
#[derive(Debug, Clone)]
pub struct Login {
    /// A key file to use, and no other. `None`: the SSH agent, then ~/.ssh's usual keys.
    pub identity: Option<PathBuf>,
    /// The file of trusted server keys, normally ~/.ssh/known_hosts.
    pub known_hosts: PathBuf,
    /// Trust a server seen for the first time and record its key in `known_hosts`.
    pub accept_host_key: bool,
}

const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// SFTP requests OpenSSH's server accepts at most (its limit is 256 KiB).
const CHUNK: usize = 32 * 1024;
/// Writes of one file sent before waiting for their answers, so a photo does not wait one
/// round trip per 32 KiB.
const IN_FLIGHT: usize = 16;
/// `lstat` requests sent before waiting for their answers, when publish checks many paths.
const LOOKUPS_IN_FLIGHT: usize = 64;

pub struct SftpRemote {
    runtime: tokio::runtime::Runtime,
    // Kept so the connection lives as long as the SFTP session using it.
    _ssh: client::Handle<HostCheck>,
    sftp: RawSftpSession,
    root: String,
    /// `posix-rename@openssh.com`: rename over an existing file in one step.
    posix_rename: bool,
    /// `statvfs@openssh.com`: tells a full disk from other write failures.
    statvfs: bool,
}

/// Connects, checks the server's key, logs in and opens SFTP.
pub fn connect(address: &SftpAddress, login: &Login) -> Result<SftpRemote, ConnectFailure> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| ConnectFailure::Unreachable(e.to_string()))?;
    let (ssh, sftp, extensions) = runtime.block_on(open(address, login))?;
    Ok(SftpRemote {
        runtime,
        _ssh: ssh,
        sftp,
        root: address.path.clone(),
        posix_rename: extensions.contains(&"posix-rename@openssh.com"),
        statvfs: extensions.contains(&"statvfs@openssh.com"),
    })
}

type Opened = (client::Handle<HostCheck>, RawSftpSession, Vec<&'static str>);

async fn open(address: &SftpAddress, login: &Login) -> Result<Opened, ConnectFailure> {
    let unreachable = |e: String| ConnectFailure::Unreachable(e);
    let stream = tokio::time::timeout(
        CONNECT_TIMEOUT,
        tokio::net::TcpStream::connect((address.host.as_str(), address.port)),
    )
    .await
    .map_err(|_| unreachable("hết thời gian chờ".into()))?
    .map_err(|e| unreachable(e.to_string()))?;
    let config = Arc::new(client::Config {
        inactivity_timeout: Some(Duration::from_secs(120)),
        ..Default::default()
    });
    let check = HostCheck {
        host: address.host.clone(),
        port: address.port,
        known_hosts: login.known_hosts.clone(),
        accept: login.accept_host_key,
    };
    let mut ssh = client::connect_stream(config, stream, check)
        .await
        .map_err(HostKeyError::into_failure)?;
    authenticate(&mut ssh, &address.user, login).await?;
    let lost = |e: russh::Error| ConnectFailure::NoSftp(e.to_string());
    let channel = ssh.channel_open_session().await.map_err(lost)?;
    channel
        .request_subsystem(true, "sftp")
        .await
        .map_err(lost)?;
    let sftp = RawSftpSession::new(channel.into_stream());
    sftp.set_timeout(60);
    let version = sftp
        .init()
        .await
        .map_err(|e| ConnectFailure::NoSftp(e.to_string()))?;
    let extensions = ["posix-rename@openssh.com", "statvfs@openssh.com"]
        .into_iter()
        .filter(|name| version.extensions.contains_key(*name))
        .collect();
    Ok((ssh, sftp, extensions))
}

/// Checks the server's key against known_hosts while connecting.
pub struct HostCheck {
    host: String,
    port: u16,
    known_hosts: PathBuf,
    accept: bool,
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
    fn into_failure(self) -> ConnectFailure {
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

/// Logs in with the given key file, or else with the agent's keys and then the usual key
/// files of ~/.ssh. Refused keys are named in the error, so the officer can tell IT which.
async fn authenticate(
    ssh: &mut client::Handle<HostCheck>,
    user: &str,
    login: &Login,
) -> Result<(), ConnectFailure> {
    let mut tried = Vec::new();
    let key_files = match &login.identity {
        Some(file) => vec![file.clone()],
        None => {
            if agent_login(ssh, user, &mut tried).await {
                return Ok(());
            }
            default_key_files()
        }
    };
    let mut rsa_left_out = None;
    for file in key_files {
        let loaded = russh::keys::load_secret_key(&file, None);
        if is_rsa_without_feature(&loaded) {
            if login.identity.is_some() {
                return Err(ConnectFailure::RsaKeyLeftOut(file));
            }
            rsa_left_out = Some(file);
            continue;
        }
        let key = match loaded {
            Ok(key) => key,
            Err(russh::keys::Error::KeyIsEncrypted) => {
                return Err(ConnectFailure::KeyEncrypted(file));
            }
            Err(e) if login.identity.is_some() => {
                return Err(ConnectFailure::KeyUnreadable(file, e.to_string()));
            }
            Err(_) => continue,
        };
        let hash = ssh.best_supported_rsa_hash().await.ok().flatten().flatten();
        let key = PrivateKeyWithHashAlg::new(Arc::new(key), hash);
        let accepted = ssh
            .authenticate_publickey(user, key)
            .await
            .map_err(|e| ConnectFailure::Unreachable(e.to_string()))?
            .success();
        if accepted {
            return Ok(());
        }
        tried.push(file.display().to_string());
    }
    match (tried.is_empty(), rsa_left_out) {
        (true, Some(file)) => Err(ConnectFailure::RsaKeyLeftOut(file)),
        (true, None) => Err(ConnectFailure::NoKey),
        (false, _) => Err(ConnectFailure::KeyRefused { tried }),
    }
}

/// An RSA key in a build without the `rsa` feature, which could not sign with it: said
/// plainly rather than as an unreadable or refused key.
#[cfg(not(feature = "rsa"))]
fn is_rsa_without_feature(loaded: &Result<russh::keys::PrivateKey, russh::keys::Error>) -> bool {
    match loaded {
        Ok(key) => key.algorithm().is_rsa(),
        // The old PEM form ("BEGIN RSA PRIVATE KEY") is refused before it is read.
        Err(russh::keys::Error::UnsupportedKeyType {
            key_type_string, ..
        }) => key_type_string == "RSA",
        Err(_) => false,
    }
}

#[cfg(feature = "rsa")]
fn is_rsa_without_feature(_: &Result<russh::keys::PrivateKey, russh::keys::Error>) -> bool {
    false
}

/// The keys of the running SSH agent (`SSH_AUTH_SOCK`), tried in turn; `true` once one is
/// accepted.
#[cfg(unix)]
async fn agent_login(
    ssh: &mut client::Handle<HostCheck>,
    user: &str,
    tried: &mut Vec<String>,
) -> bool {
    use russh::keys::agent::{client::AgentClient, AgentIdentity};
    let Ok(mut agent) = AgentClient::connect_env().await else {
        return false;
    };
    let identities = agent.request_identities().await.unwrap_or_default();
    for identity in identities {
        let AgentIdentity::PublicKey { key, comment } = identity else {
            continue;
        };
        let hash = ssh.best_supported_rsa_hash().await.ok().flatten().flatten();
        let accepted = ssh
            .authenticate_publickey_with(user, key, hash, &mut agent)
            .await
            .is_ok_and(|r| r.success());
        if accepted {
            return true;
        }
        tried.push(format!("ssh-agent: {comment}"));
    }
    false
}

#[cfg(not(unix))]
async fn agent_login(_: &mut client::Handle<HostCheck>, _: &str, _: &mut Vec<String>) -> bool {
    false
}

/// The key files `ssh` itself tries first.
fn default_key_files() -> Vec<PathBuf> {
    let Some(home) = std::env::home_dir() else {
        return Vec::new();
    };
    ["id_ed25519", "id_ecdsa", "id_rsa"]
        .iter()
        .map(|name| home.join(".ssh").join(name))
        .filter(|p| p.is_file())
        .collect()
}

/// The default known_hosts file, as `ssh` uses it.
pub fn default_known_hosts() -> PathBuf {
    std::env::home_dir()
        .unwrap_or_default()
        .join(".ssh")
        .join("known_hosts")
}

impl SftpRemote {
    fn full(&self, rel: &str) -> String {
        if rel.is_empty() {
            self.root.clone()
        } else {
            format!("{}/{rel}", self.root)
        }
    }

    /// Creates the file exclusively (nothing may stand there, a link is not followed) and
    /// writes it whole.
    async fn write_all(&self, path: &str, bytes: &[u8]) -> Result<(), SftpError> {
        let flags = OpenFlags::CREATE | OpenFlags::EXCLUDE | OpenFlags::WRITE;
        let handle = self
            .sftp
            .open(path, flags, FileAttributes::empty())
            .await?
            .handle;
        let mut written = Ok(());
        for (group, chunks) in bytes.chunks(CHUNK * IN_FLIGHT).enumerate() {
            let base = (group * CHUNK * IN_FLIGHT) as u64;
            let writes = chunks.chunks(CHUNK).enumerate().map(|(i, chunk)| {
                self.sftp
                    .write(handle.as_str(), base + (i * CHUNK) as u64, chunk.to_vec())
            });
            if let Err(e) = futures_util::future::try_join_all(writes).await {
                written = Err(e);
                break;
            }
        }
        let closed = self.sftp.close(handle).await.map(|_| ());
        written.and(closed)
    }

    /// A generic SFTP failure while writing is a full disk when the disk has no room left.
    async fn explain_write_failure(&self, e: SftpError, needed: usize) -> io::Error {
        let generic = matches!(&e, SftpError::Status(s) if s.status_code == StatusCode::Failure);
        if generic && self.statvfs {
            if let Ok(fs) = self.sftp.statvfs(self.root.clone()).await {
                if is_full(fs.blocks_avail.saturating_mul(fs.fragment_size), needed) {
                    return io::Error::new(io::ErrorKind::StorageFull, e.to_string());
                }
            }
        }
        to_io(e)
    }
}

/// No room for the file and a little more (the file system's own bookkeeping).
fn is_full(available: u64, needed: usize) -> bool {
    available < needed as u64 + 64 * 1024
}

impl Remote for SftpRemote {
    fn read(&mut self, rel: &str) -> io::Result<Option<Vec<u8>>> {
        let path = self.full(rel);
        self.runtime.block_on(async {
            let handle = match self
                .sftp
                .open(path, OpenFlags::READ, FileAttributes::empty())
                .await
            {
                Ok(h) => h.handle,
                Err(SftpError::Status(s)) if s.status_code == StatusCode::NoSuchFile => {
                    return Ok(None)
                }
                Err(e) => return Err(to_io(e)),
            };
            let mut bytes = Vec::new();
            loop {
                match self
                    .sftp
                    .read(handle.as_str(), bytes.len() as u64, CHUNK as u32)
                    .await
                {
                    Ok(data) if !data.data.is_empty() => bytes.extend_from_slice(&data.data),
                    Ok(_) => break,
                    Err(SftpError::Status(s)) if s.status_code == StatusCode::Eof => break,
                    Err(e) => return Err(to_io(e)),
                }
            }
            self.sftp.close(handle).await.map_err(to_io)?;
            Ok(Some(bytes))
        })
    }

    fn list(&mut self, rel: &str) -> io::Result<Vec<String>> {
        let path = self.full(rel);
        self.runtime.block_on(async {
            let handle = self.sftp.opendir(path).await.map_err(to_io)?.handle;
            let mut names = Vec::new();
            loop {
                match self.sftp.readdir(handle.as_str()).await {
                    Ok(found) => names.extend(found.files.into_iter().map(|f| f.filename)),
                    Err(SftpError::Status(s)) if s.status_code == StatusCode::Eof => break,
                    Err(e) => return Err(to_io(e)),
                }
            }
            self.sftp.close(handle).await.map_err(to_io)?;
            names.retain(|n| n != "." && n != "..");
            Ok(names)
        })
    }

    fn create_folder(&mut self, rel: &str) -> io::Result<()> {
        let path = self.full(rel);
        self.runtime.block_on(async {
            match self.sftp.mkdir(path.clone(), FileAttributes::empty()).await {
                Ok(_) => Ok(()),
                // OpenSSH answers a generic failure for a folder that exists. `lstat`, so
                // that a link to a folder is not taken for one.
                Err(e) => match self.sftp.lstat(path).await {
                    Ok(a) if a.attrs.is_dir() => Ok(()),
                    _ => Err(to_io(e)),
                },
            }
        })
    }

    fn create(&mut self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.full(rel);
        self.runtime.block_on(async {
            match self.write_all(&path, bytes).await {
                Ok(()) => Ok(()),
                Err(e) => Err(self.explain_write_failure(e, bytes.len()).await),
            }
        })
    }

    fn rename(&mut self, from: &str, to: &str) -> io::Result<()> {
        let (from, to) = (self.full(from), self.full(to));
        self.runtime.block_on(async {
            if self.posix_rename {
                let mut data = Vec::new();
                for s in [&from, &to] {
                    data.extend_from_slice(&(s.len() as u32).to_be_bytes());
                    data.extend_from_slice(s.as_bytes());
                }
                match self.sftp.extended("posix-rename@openssh.com", data).await {
                    Ok(Packet::Status(s)) if s.status_code == StatusCode::Ok => Ok(()),
                    Ok(Packet::Status(s)) => Err(to_io(SftpError::Status(s))),
                    Ok(_) => Err(io::Error::other("unexpected answer to posix-rename")),
                    Err(e) => Err(to_io(e)),
                }
            } else {
                // Plain SFTP renames only onto a free name: a short gap where the page is
                // missing, on servers without OpenSSH's extension.
                let _ = self.sftp.remove(to.clone()).await;
                self.sftp.rename(from, to).await.map(|_| ()).map_err(to_io)
            }
        })
    }

    fn remove(&mut self, rel: &str) -> io::Result<()> {
        let path = self.full(rel);
        self.runtime
            .block_on(self.sftp.remove(path))
            .map(|_| ())
            .map_err(to_io)
    }

    fn remove_folder(&mut self, rel: &str) -> io::Result<()> {
        let path = self.full(rel);
        self.runtime
            .block_on(self.sftp.rmdir(path))
            .map(|_| ())
            .map_err(to_io)
    }

    fn kinds(&mut self, paths: &[String]) -> io::Result<Vec<Kind>> {
        let mut kinds = Vec::with_capacity(paths.len());
        for batch in paths.chunks(LOOKUPS_IN_FLIGHT) {
            let lookups = batch.iter().map(|rel| self.kind(self.full(rel)));
            let answers = self
                .runtime
                .block_on(futures_util::future::try_join_all(lookups))?;
            kinds.extend(answers);
        }
        Ok(kinds)
    }
}

impl SftpRemote {
    /// What stands at `path` on the server, by `lstat` (a link is not followed).
    async fn kind(&self, path: String) -> io::Result<Kind> {
        match self.sftp.lstat(path).await {
            Ok(found) => Ok(match found.attrs.file_type() {
                FileType::Symlink => Kind::Link,
                FileType::Dir => Kind::Folder,
                FileType::File | FileType::Other => Kind::File,
            }),
            Err(SftpError::Status(s)) if s.status_code == StatusCode::NoSuchFile => {
                Ok(Kind::Nothing)
            }
            Err(e) => Err(to_io(e)),
        }
    }
}

/// SFTP statuses as the I/O errors the rest of publish explains. Anything but a status is
/// the connection going away.
fn to_io(e: SftpError) -> io::Error {
    use io::ErrorKind as Kind;
    let kind = match &e {
        SftpError::Status(s) => match s.status_code {
            StatusCode::NoSuchFile => Kind::NotFound,
            StatusCode::PermissionDenied => Kind::PermissionDenied,
            StatusCode::NoConnection | StatusCode::ConnectionLost => Kind::ConnectionAborted,
            _ => Kind::Other,
        },
        SftpError::Timeout => Kind::TimedOut,
        SftpError::IO(_) | SftpError::UnexpectedBehavior(_) => Kind::ConnectionAborted,
        _ => Kind::Other,
    };
    io::Error::new(kind, e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disk_is_full_when_the_file_and_a_margin_do_not_fit() {
        assert!(is_full(10_000, 5_000));
        assert!(!is_full(10 * 1024 * 1024, 5_000));
    }

    #[test]
    fn sftp_statuses_become_the_errors_publish_explains() {
        let status = |code| {
            SftpError::Status(russh_sftp::protocol::Status {
                id: 1,
                status_code: code,
                error_message: String::new(),
                language_tag: String::new(),
            })
        };
        assert_eq!(
            to_io(status(StatusCode::PermissionDenied)).kind(),
            io::ErrorKind::PermissionDenied
        );
        assert_eq!(
            to_io(status(StatusCode::NoSuchFile)).kind(),
            io::ErrorKind::NotFound
        );
        assert_eq!(
            to_io(SftpError::UnexpectedBehavior("session closed".into())).kind(),
            io::ErrorKind::ConnectionAborted
        );
    }
}
