//! The file operations of [`Remote`] over SFTP, none following a link at a file's own name,
//! and SFTP's statuses turned into the I/O errors publish explains.

use std::io;

use russh_sftp::client::error::Error as SftpError;
use russh_sftp::protocol::{FileAttributes, FileType, OpenFlags, Packet, StatusCode};

use super::{SftpRemote, CHUNK, IN_FLIGHT, LOOKUPS_IN_FLIGHT};
use crate::publish::{Kind, Remote};

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
