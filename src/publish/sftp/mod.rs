//! The SFTP target: one SSH connection (russh, pure Rust) checked against known_hosts and
//! logged in with a key, and the file operations of [`Remote`](super::Remote) over it.
//!
//! The server's key is judged by [`super::known_hosts`]; `--accept-host-key` records only a
//! server known by no line at all, never one whose recorded key changed or is revoked.
//! No operation follows a link at a file's own name: files are opened with CREATE|EXCLUDE
//! (O_EXCL on the server), a folder already there counts only if `lstat` says it is one.
//!
//! The rest of publish is synchronous; this module owns a small tokio runtime and waits on
//! each operation, so the publishing order stays the plain order of the code.

mod keys;
mod remote;
mod trust;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use russh::client;
use russh_sftp::client::RawSftpSession;

use super::{ConnectFailure, SftpAddress};

pub use trust::{default_known_hosts, HostCheck, HostKeyError};

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
    keys::authenticate(&mut ssh, &address.user, login).await?;
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
