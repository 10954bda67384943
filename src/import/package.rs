//! The .docx file as a zip package, opened and read within limits: a file that is not a Word
//! document (Word 97 `.doc`, RTF, a password-protected or damaged file, another office format)
//! is refused with a message naming it, and a zip bomb cannot make loa unpack more than it
//! would for a long article full of photos.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use zip::ZipArchive;

use crate::diag::Diagnostic;
use crate::msg;

/// The largest .docx loa reads: an article with a few dozen phone photos that Word has not
/// compressed stays well under it.
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;
/// Word writes a few dozen parts, plus one per picture; thousands means a crafted file.
pub const MAX_ENTRIES: usize = 5_000;
/// All parts read, unpacked: far above a real article, far below what would exhaust the PC.
pub const MAX_UNPACKED_BYTES: u64 = 1024 * 1024 * 1024;
/// One XML part unpacked: the text of a long report is a few megabytes.
pub const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;
/// One picture: an uncompressed phone photo is 10–20 MB.
pub const MAX_PICTURE_BYTES: u64 = 50 * 1024 * 1024;

/// A Word package, open for reading its parts.
pub struct Package {
    path: PathBuf,
    archive: ZipArchive<std::fs::File>,
    /// Bytes that may still be unpacked, across every part.
    budget: u64,
}

/// Why one part could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartError {
    /// Bigger unpacked than its limit, or than what is left of the package's budget.
    TooLarge,
    /// The part is encrypted or its data is damaged.
    Damaged(String),
}

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sniffed {
    Zip,
    /// An OLE compound file: Word 97–2003, or any Office file with a password.
    Compound,
    Rtf,
    Other,
}

/// Opens `path` as a Word package; every refusal names the file and says what to do.
pub fn open(path: &Path) -> Result<Package, Diagnostic> {
    let fail = |message: String, hint: &str| {
        Diagnostic::file_error(path.to_path_buf(), message).with_hint(hint.to_string())
    };
    let io = |e: std::io::Error| fail(msg::io_read(&e), msg::HINT_IMPORT_OPEN);
    let mut file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(fail(
            msg::import_too_large(MAX_FILE_BYTES),
            msg::HINT_IMPORT_TOO_LARGE,
        ));
    }
    let mut head = [0u8; 8];
    let read = read_up_to(&mut file, &mut head).map_err(io)?;
    match sniff(&head[..read]) {
        Sniffed::Zip => {}
        Sniffed::Compound if is_encrypted(&mut file).map_err(io)? => {
            return Err(fail(
                msg::IMPORT_ENCRYPTED.into(),
                msg::HINT_IMPORT_PASSWORD,
            ))
        }
        Sniffed::Compound => return Err(fail(msg::IMPORT_WORD97.into(), msg::HINT_SAVE_AS_DOCX)),
        Sniffed::Rtf => return Err(fail(msg::IMPORT_RTF.into(), msg::HINT_SAVE_AS_DOCX)),
        Sniffed::Other => return Err(fail(msg::IMPORT_NOT_WORD.into(), msg::HINT_SAVE_AS_DOCX)),
    }
    if declared_entries(&mut file).map_err(io)? > MAX_ENTRIES as u64 {
        return Err(fail(msg::IMPORT_BOMB.into(), msg::HINT_IMPORT_BOMB));
    }
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    let archive = ZipArchive::new(file).map_err(|e| {
        fail(
            msg::import_damaged(&e.to_string()),
            msg::HINT_IMPORT_DAMAGED,
        )
    })?;
    if archive.len() > MAX_ENTRIES {
        return Err(fail(msg::IMPORT_BOMB.into(), msg::HINT_IMPORT_BOMB));
    }
    Ok(Package {
        path: path.to_path_buf(),
        archive,
        budget: MAX_UNPACKED_BYTES,
    })
}

impl Package {
    /// The file, for messages.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the package has a part of that name (letter case aside, as OPC says).
    pub fn has(&self, name: &str) -> bool {
        self.entry_name(name).is_some()
    }

    /// The bytes of a part, unpacked, or `None` when there is no such part.
    pub fn read(&mut self, name: &str, limit: u64) -> Result<Option<Vec<u8>>, PartError> {
        let Some(name) = self.entry_name(name) else {
            return Ok(None);
        };
        let limit = limit.min(self.budget);
        let mut entry = self
            .archive
            .by_name(&name)
            .map_err(|e| PartError::Damaged(e.to_string()))?;
        if entry.encrypted() {
            return Err(PartError::Damaged(msg::IMPORT_ENCRYPTED.to_string()));
        }
        // The declared size may lie: the read itself stops at the limit.
        if entry.size() > limit {
            return Err(PartError::TooLarge);
        }
        let mut bytes = Vec::new();
        (&mut entry)
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| PartError::Damaged(e.to_string()))?;
        if bytes.len() as u64 > limit {
            return Err(PartError::TooLarge);
        }
        self.budget -= bytes.len() as u64;
        Ok(Some(bytes))
    }

    /// An XML part as text, or `None` when there is no such part. Word writes UTF-8.
    pub fn xml(&mut self, name: &str) -> Result<Option<String>, Diagnostic> {
        let bytes = match self.read(name, MAX_XML_BYTES) {
            Ok(Some(b)) => b,
            Ok(None) => return Ok(None),
            Err(e) => return Err(self.part_error(name, &e)),
        };
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|e| self.part_error(name, &PartError::Damaged(e.to_string())))
    }

    /// The message for a part that could not be read, naming the file and the part.
    pub fn part_error(&self, name: &str, error: &PartError) -> Diagnostic {
        let (message, hint) = match error {
            PartError::TooLarge => (msg::IMPORT_BOMB.to_string(), msg::HINT_IMPORT_BOMB),
            PartError::Damaged(detail) => (
                msg::import_damaged(&format!("{name}: {detail}")),
                msg::HINT_IMPORT_DAMAGED,
            ),
        };
        Diagnostic::file_error(self.path.clone(), message).with_hint(hint)
    }

    /// What kind of office file a package without a Word document is, for the message.
    pub fn not_word(&self) -> Diagnostic {
        let message = if self.has("content.xml") && self.has("mimetype") {
            msg::IMPORT_ODT.to_string()
        } else if self.has("xl/workbook.xml") {
            msg::import_other_office("Excel")
        } else if self.has("ppt/presentation.xml") {
            msg::import_other_office("PowerPoint")
        } else {
            msg::IMPORT_NOT_WORD.to_string()
        };
        Diagnostic::file_error(self.path.clone(), message).with_hint(msg::HINT_SAVE_AS_DOCX)
    }

    /// The entry's name as stored: OPC part names ignore letter case.
    fn entry_name(&self, name: &str) -> Option<String> {
        if self.archive.index_for_name(name).is_some() {
            return Some(name.to_string());
        }
        self.archive
            .file_names()
            .find(|n| n.eq_ignore_ascii_case(name))
            .map(str::to_string)
    }
}

fn read_up_to(file: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

fn sniff(head: &[u8]) -> Sniffed {
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        Sniffed::Zip
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Sniffed::Compound
    } else if head.starts_with(b"{\\rtf") {
        Sniffed::Rtf
    } else {
        Sniffed::Other
    }
}

/// A password-protected .docx is an OLE compound file holding an `EncryptedPackage` stream;
/// its name is written in UTF-16 in the file's directory.
fn is_encrypted(file: &mut std::fs::File) -> std::io::Result<bool> {
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    file.seek(SeekFrom::Start(0))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES).read_to_end(&mut bytes)?;
    Ok(bytes.windows(needle.len()).any(|w| w == needle))
}

/// The number of entries the zip's end record declares, read before the zip crate builds its
/// index of them (which a crafted file claiming millions would make huge). 0 when the record
/// cannot be found: the zip crate then reports the damage.
fn declared_entries(file: &mut std::fs::File) -> std::io::Result<u64> {
    let size = file.seek(SeekFrom::End(0))?;
    // The end record is 22 bytes plus a comment of at most 65,535.
    let tail_len = size.min(22 + 65_535);
    file.seek(SeekFrom::Start(size - tail_len))?;
    let mut tail = Vec::new();
    file.take(tail_len).read_to_end(&mut tail)?;
    let Some(at) = tail.windows(4).rposition(|w| w == b"PK\x05\x06") else {
        return Ok(0);
    };
    let record = &tail[at..];
    let entries = record
        .get(10..12)
        .map_or(0, |b| u64::from(u16::from_le_bytes([b[0], b[1]])));
    if entries != 0xFFFF {
        return Ok(entries);
    }
    // Zip64: the count is in the zip64 end record, just before.
    let Some(at64) = tail[..at].windows(4).rposition(|w| w == b"PK\x06\x06") else {
        return Ok(entries);
    };
    Ok(tail[at64..]
        .get(32..40)
        .and_then(|b| b.try_into().ok())
        .map_or(entries, u64::from_le_bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_bytes_tell_word_97_rtf_and_zip_apart() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Sniffed::Zip);
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
            Sniffed::Compound
        );
        assert_eq!(sniff(b"{\\rtf1\\ansi"), Sniffed::Rtf);
        assert_eq!(sniff(b"<html>"), Sniffed::Other);
        assert_eq!(sniff(b""), Sniffed::Other);
    }
}
