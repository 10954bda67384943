//! `loa publish --zip FILE`: the site as one zip file, for an IT unit that uploads it itself.
//!
//! The manifest travels inside, so a later `loa publish` to the folder the zip was unpacked
//! into knows every file as loa's. The same site gives the same bytes: entries in path order,
//! every date 1980-01-01 (the zip format's first day).

use std::io::{self, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::manifest::MANIFEST;
use super::plan;
use crate::diag::Diagnostic;
use crate::msg;
use crate::render::Outputs;

/// Writes the archive to `file`, which must not exist yet. Returns its size.
pub fn write_zip(outputs: &Outputs, file: &Path) -> Result<u64, Diagnostic> {
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
        .map_err(|e| {
            if e.kind() == io::ErrorKind::AlreadyExists {
                Diagnostic::file_error(file, msg::ZIP_EXISTS).with_hint(msg::HINT_ZIP_EXISTS)
            } else {
                Diagnostic::file_error(file, msg::io_write(&e)).with_hint(msg::HINT_WRITE)
            }
        })?;
    let written = archive(outputs, io::BufWriter::new(created)).and_then(|mut w| w.flush());
    match written.and_then(|()| std::fs::metadata(file)) {
        Ok(meta) => Ok(meta.len()),
        Err(e) => {
            // Half a zip is worse than none: the IT unit would upload a broken site.
            let _ = std::fs::remove_file(file);
            Err(Diagnostic::file_error(file, msg::io_write(&e)).with_hint(msg::HINT_WRITE))
        }
    }
}

fn archive<W: Write + io::Seek>(outputs: &Outputs, out: W) -> io::Result<W> {
    let manifest = plan::plan(outputs, &super::Manifest::new()).manifest;
    let manifest_bytes = manifest.to_bytes();
    let mut zip = ZipWriter::new(out);
    let entries = outputs
        .iter()
        .filter_map(|(path, output)| Some((path.as_str(), output.bytes()?.as_slice())))
        .chain([(MANIFEST, manifest_bytes.as_slice())]);
    for (path, bytes) in entries {
        let options = SimpleFileOptions::default()
            .compression_method(method(path))
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644);
        zip.start_file(path, options).map_err(io::Error::other)?;
        zip.write_all(bytes)?;
    }
    zip.finish().map_err(io::Error::other)
}

/// Photos and documents are compressed already: storing them saves time and nothing else.
fn method(path: &str) -> CompressionMethod {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "jpg" | "jpeg" | "png" | "webp" | "gif" | "zip" | "docx" | "xlsx" | "pdf" | "woff2" => {
            CompressionMethod::Stored
        }
        _ => CompressionMethod::Deflated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Outputs {
        [
            ("index.html", "<p>Trang chủ</p>"),
            ("tin-tuc/a/index.html", "<p>Bài A</p>"),
            ("tin-tuc/a/anh.jpg", "jpeg"),
        ]
        .iter()
        .map(|(p, b)| crate::fixtures::output(p, b.as_bytes().to_vec()))
        .collect()
    }

    #[test]
    fn the_zip_holds_every_file_and_the_manifest_and_is_the_same_each_time() {
        let tmp = tempfile::tempdir().unwrap();
        let (first, second) = (tmp.path().join("1.zip"), tmp.path().join("2.zip"));
        write_zip(&site(), &first).unwrap();
        write_zip(&site(), &second).unwrap();
        assert_eq!(
            std::fs::read(&first).unwrap(),
            std::fs::read(&second).unwrap()
        );

        let mut archive = zip::ZipArchive::new(std::fs::File::open(&first).unwrap()).unwrap();
        let mut names: Vec<String> = archive.file_names().map(str::to_string).collect();
        names.sort();
        assert_eq!(
            names,
            [
                MANIFEST,
                "index.html",
                "tin-tuc/a/anh.jpg",
                "tin-tuc/a/index.html"
            ]
        );
        let mut page = String::new();
        io::Read::read_to_string(
            &mut archive.by_name("tin-tuc/a/index.html").unwrap(),
            &mut page,
        )
        .unwrap();
        assert_eq!(page, "<p>Bài A</p>");
        let mut manifest = Vec::new();
        io::Read::read_to_end(&mut archive.by_name(MANIFEST).unwrap(), &mut manifest).unwrap();
        let manifest = super::super::Manifest::from_bytes(&manifest).unwrap();
        assert_eq!(manifest.files.len(), 3);
        assert_eq!(
            manifest.files["index.html"].hash,
            blake3::hash("<p>Trang chủ</p>".as_bytes())
                .to_hex()
                .to_string()
        );
    }

    #[test]
    fn an_existing_file_is_never_overwritten() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("site.zip");
        std::fs::write(&file, "quan trọng").unwrap();
        let err = write_zip(&site(), &file).unwrap_err();
        assert_eq!(err.message, msg::ZIP_EXISTS);
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "quan trọng");
    }
}
