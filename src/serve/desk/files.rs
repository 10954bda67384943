//! Files dropped on the desk: a photo goes beside its article (a single-file article becomes
//! a bundle first), a Word file becomes a new draft through `loa import`.

use std::path::PathBuf;

use axum::http::StatusCode;

use super::api::write_failed;
use super::paths::ArticlePath;
use super::{Desk, Reply};
use crate::{msg, within};

/// The largest photo taken: a phone's full-size JPEG is 3–12 MB.
const MAX_PHOTO_BYTES: usize = 30 * 1024 * 1024;

/// Saves a photo beside the article at `given`, and tells the page the name to link and the
/// article's path (which changes when it had to become a bundle).
pub fn photo(desk: &Desk, given: &str, name: &str, bytes: &[u8]) -> Reply {
    let mut path = match ArticlePath::parse(&desk.inner.root, given) {
        Ok(p) => p,
        Err(reply) => return reply,
    };
    if bytes.len() > MAX_PHOTO_BYTES {
        return super::reply::too_large();
    }
    let Some(ext) = photo_extension(bytes) else {
        return Reply::error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            msg::DESK_NOT_A_PHOTO,
            Some(msg::HINT_DESK_NOT_A_PHOTO),
        );
    };
    if !path.abs.is_file() {
        return Reply::error(StatusCode::NOT_FOUND, &path.display, None);
    }
    let mut touched = Vec::new();
    if !path.is_bundle() {
        match into_bundle(desk, &path) {
            Ok(bundled) => {
                touched.push(path.abs.clone());
                path = bundled;
            }
            Err(reply) => return reply,
        }
    }
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let stem = Some(crate::text::slugify(stem)).filter(|s| !s.is_empty());
    let stem = stem.unwrap_or_else(|| "anh".to_string());
    let folder = path.abs.parent().map(PathBuf::from).unwrap_or_default();
    let saved = (1..1000).find_map(|n| {
        let file = match n {
            1 => format!("{stem}.{ext}"),
            n => format!("{stem}-{n}.{ext}"),
        };
        match within::create_new(&folder.join(&file), bytes) {
            Ok(()) => Some(Ok(file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => None,
            Err(e) => Some(Err(e)),
        }
    });
    let file = match saved {
        Some(Ok(file)) => file,
        Some(Err(e)) => return write_failed(&path, &e),
        None => return write_failed(&path, &std::io::Error::other(msg::DESK_TOO_MANY_PHOTOS)),
    };
    touched.extend([path.abs.clone(), folder.join(&file)]);
    desk.touched(touched);
    Reply::ok(&serde_json::json!({ "path": path.display, "src": file }))
}

/// The file extension of a photo a browser shows, from its bytes (never from its name).
fn photo_extension(bytes: &[u8]) -> Option<&'static str> {
    match image::guess_format(bytes).ok()? {
        image::ImageFormat::Jpeg => Some("jpg"),
        image::ImageFormat::Png => Some("png"),
        image::ImageFormat::WebP => Some("webp"),
        image::ImageFormat::Gif => Some("gif"),
        _ => None,
    }
}

/// Moves `content/s/a.md` to `content/s/a/index.md`, so its photos have a folder. The page's
/// address stays the same.
fn into_bundle(desk: &Desk, path: &ArticlePath) -> Result<ArticlePath, Reply> {
    let folder_rel = path.display.trim_end_matches(".md").to_string();
    let bundled = ArticlePath::parse(&desk.inner.root, &format!("{folder_rel}/index.md"))?;
    let folder = desk.inner.root.join(&folder_rel);
    if folder.exists() {
        return Err(Reply::error(
            StatusCode::CONFLICT,
            &format!("{folder_rel}/: {}", msg::DESK_BUNDLE_FOLDER_TAKEN),
            None,
        ));
    }
    std::fs::create_dir(&folder).map_err(|e| write_failed(path, &e))?;
    // A rename within one folder tree: the text is never copied, so never half-written.
    std::fs::rename(&path.abs, &bundled.abs).map_err(|e| {
        drop(std::fs::remove_dir(&folder));
        write_failed(path, &e)
    })?;
    Ok(bundled)
}

/// Imports a dropped Word file into a new draft, as `loa import` does, into the first
/// section (`tin-tuc` when there is one).
pub fn import(desk: &Desk, name: &str, bytes: &[u8]) -> Reply {
    if bytes.len() as u64 > crate::import::MAX_FILE_BYTES {
        return super::reply::too_large();
    }
    let root = &desk.inner.root;
    let config = match crate::config::load(root, &Default::default()) {
        Ok(c) => c,
        Err(problems) => return Reply::problems(StatusCode::UNPROCESSABLE_ENTITY, &problems),
    };
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let stem = Some(crate::text::slugify(stem)).filter(|s| !s.is_empty());
    let folder = ".loa-cache/desk";
    if within::Folders::new(root).ensure(folder).is_err() {
        return Reply::error(StatusCode::INTERNAL_SERVER_ERROR, msg::DESK_PATH_LINK, None);
    }
    let temp_name = match within::temp_name(&format!("{}.docx", stem.unwrap_or("bai".into()))) {
        Ok(n) => n,
        Err(e) => return Reply::error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string(), None),
    };
    let temp = root.join(folder).join(temp_name);
    if let Err(e) = within::create_new(&temp, bytes) {
        return Reply::error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string(), None);
    }
    let now = jiff::Timestamp::now().to_zoned_datetime(config.timezone.clone());
    let now = (desk.inner.now.as_deref())
        .and_then(|t| crate::pipeline::parse_now(t, &config.timezone).ok())
        .unwrap_or(now);
    let request = crate::import::Request {
        file: &temp,
        section: "tin-tuc",
        topics: &[],
        now,
    };
    let imported = crate::import::import(root, &config, &request);
    drop(std::fs::remove_file(&temp));
    match imported {
        Ok(imported) => {
            let display = (imported.path.strip_prefix(root).unwrap_or(&imported.path))
                .to_string_lossy()
                .replace('\\', "/");
            if let Some(folder) = imported.path.parent() {
                desk.touched(vec![folder.to_path_buf(), imported.path.clone()]);
            }
            Reply::json(
                StatusCode::CREATED,
                &serde_json::json!({ "path": display, "notes": imported.report.desk_lines() }),
            )
        }
        Err(problems) => Reply::problems(StatusCode::UNPROCESSABLE_ENTITY, &problems),
    }
}
