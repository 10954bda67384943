//! Logging in: the given key file, or else the SSH agent's keys and the usual key files of
//! ~/.ssh, with every refused key named for the officer to pass on.

use std::path::PathBuf;
use std::sync::Arc;

use russh::client;
use russh::keys::PrivateKeyWithHashAlg;

use super::{HostCheck, Login};
use crate::publish::ConnectFailure;

/// Logs in with the given key file, or else with the agent's keys and then the usual key
/// files of ~/.ssh. Refused keys are named in the error, so the officer can tell IT which.
pub(super) async fn authenticate(
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
