//! The leader's review (`loa serve --review`): the preview opened to the local network behind
//! a random token, with one page of the articles waiting for approval and the two things a
//! leader may change, approve and return.
//!
//! Every path of a review preview starts with the token (`/3f9c…/cchc/…`): the site is built
//! with it in its base address, so its own links carry it, and any request without it is
//! refused before it reaches anything (the bare `/` does not even lead to the site, which
//! would give the token away). Writes are POSTs to the review page, past the guard of
//! `guard.rs` (this preview's names only, the run's secret, the same origin), and only for
//! an article the last build lists as waiting.

use std::net::{IpAddr, UdpSocket};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use super::session::Snapshot;
use crate::msg;
use crate::workflow::{self, Step};

/// Where, under the base path, the review page is.
pub const PAGE: &str = "__loa/duyet/";

/// What the review handlers need: the token, the site, its clock, and the served build.
#[derive(Clone)]
pub struct Review {
    pub token: Arc<str>,
    pub root: PathBuf,
    pub now: Option<String>,
    pub snapshot: Arc<RwLock<Snapshot>>,
    pub secret: Arc<str>,
}

/// The address other machines of the local network reach this one at: the one the system
/// would send from towards the outside. No packet is sent (a UDP `connect` only picks the
/// route), and no network at all gives `None`.
pub fn lan_address() -> Option<IpAddr> {
    let socket = UdpSocket::bind(("0.0.0.0", 0)).ok()?;
    // TEST-NET-1 (RFC 5737): never a real host.
    socket.connect(("192.0.2.1", 9)).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

/// `text` as a QR code drawn with half blocks, two rows of modules per line, light modules
/// drawn and dark ones left blank: right on the dark background of Windows' console and most
/// terminals. `None` when the text is too long for a QR code.
pub fn qr(text: &str) -> Option<String> {
    use qrcode::render::unicode::Dense1x2;
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    Some(
        code.render::<Dense1x2>()
            .dark_color(Dense1x2::Light)
            .light_color(Dense1x2::Dark)
            .quiet_zone(true)
            .build(),
    )
}

/// The middleware of a review preview: refuses what does not carry the token, answers the
/// review page and its two actions, and passes every other request on.
pub async fn intercept(State(review): State<Review>, request: Request, next: Next) -> Response {
    if !carries_token(request.uri().path(), &review.token) {
        return plain(StatusCode::FORBIDDEN, msg::REVIEW_NO_TOKEN.to_string());
    }
    let base = review
        .snapshot
        .read()
        .map(|s| s.base_path.clone())
        .unwrap_or_default();
    if request.uri().path() != format!("{base}{PAGE}") {
        return next.run(request).await;
    }
    match *request.method() {
        Method::GET | Method::HEAD => page(&review),
        Method::POST => act(review, request).await,
        _ => plain(StatusCode::METHOD_NOT_ALLOWED, String::new()),
    }
}

/// Whether a path starts with `/<token>/`, compared without stopping at the first difference.
fn carries_token(path: &str, token: &str) -> bool {
    let first = path
        .strip_prefix('/')
        .and_then(|rest| rest.split_once('/'))
        .map_or("", |(first, _)| first);
    super::guard::same_bytes(first.as_bytes(), token.as_bytes())
}

/// The page of waiting articles, with the live-reload script (which hands it the secret).
fn page(review: &Review) -> Response {
    let snapshot = review
        .snapshot
        .read()
        .map(|s| s.clone())
        .unwrap_or_default();
    let config = crate::config::load(&review.root, &Default::default()).ok();
    let html = super::review_page::render(&snapshot, config.as_ref());
    let body = super::http::with_reload(html.as_bytes(), &snapshot, &review.secret);
    let mut response = Response::new(Body::from(body));
    set_type(&mut response, "text/html; charset=utf-8");
    response
}

/// Approves or returns the article a POST names, as `loa approve` and `loa return` would.
async fn act(review: Review, request: Request) -> Response {
    let Ok(body) = axum::body::to_bytes(request.into_body(), 64 * 1024).await else {
        return plain(StatusCode::PAYLOAD_TOO_LARGE, String::new());
    };
    let form = Form::read(&body);
    let waiting = review
        .snapshot
        .read()
        .map(|s| s.waiting.clone())
        .unwrap_or_default();
    let Some(article) = waiting
        .iter()
        .find(|w| w.rel == form.file && w.status.is_waiting())
    else {
        return plain(StatusCode::NOT_FOUND, msg::REVIEW_NOT_WAITING.to_string());
    };
    let Some(step) = form.step() else {
        return plain(StatusCode::BAD_REQUEST, msg::REVIEW_BAD_FORM.to_string());
    };
    let file = review.root.join("content").join(&article.rel);
    let (root, now) = (review.root.clone(), review.now.clone());
    let done = tokio::task::spawn_blocking(move || {
        let request = workflow::Request {
            root: &root,
            file: &file,
            now: now.as_deref(),
        };
        workflow::take(request, &step).map(|done| (done, step))
    })
    .await;
    match done {
        Ok(Ok((done, step))) => plain(StatusCode::OK, said(&done, &step)),
        Ok(Err(problems)) => {
            let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
            plain(StatusCode::UNPROCESSABLE_ENTITY, lines.join("\n"))
        }
        Err(_) => plain(StatusCode::INTERNAL_SERVER_ERROR, String::new()),
    }
}

/// What the page shows once a step is taken.
fn said(done: &workflow::Done, step: &Step) -> String {
    let record = &done.record;
    match step {
        Step::Return { note, .. } => msg::returned(&done.display, &done.title, note),
        _ => msg::approved(
            &done.display,
            &done.title,
            record.by.as_deref().unwrap_or_default(),
            record.at.as_deref().unwrap_or_default(),
        ),
    }
}

/// The fields a review form sends.
#[derive(Debug, Default, PartialEq, Eq)]
struct Form {
    file: String,
    step: String,
    by: String,
    note: String,
}

impl Form {
    fn read(body: &[u8]) -> Form {
        let mut form = Form::default();
        for (key, value) in url::form_urlencoded::parse(body) {
            let field = match key.as_ref() {
                "file" => &mut form.file,
                "step" => &mut form.step,
                "by" => &mut form.by,
                "note" => &mut form.note,
                _ => continue,
            };
            *field = crate::text::nfc(&value);
        }
        form
    }

    /// The step asked for; `None` for anything but approve and return.
    fn step(&self) -> Option<Step> {
        let by = Some(self.by.trim().to_string()).filter(|b| !b.is_empty());
        let note = Some(self.note.trim().to_string()).filter(|n| !n.is_empty());
        match self.step.as_str() {
            "approve" => Some(Step::Approve {
                by: by.unwrap_or_default(),
                note,
            }),
            "return" => Some(Step::Return {
                by,
                note: note.unwrap_or_default(),
            }),
            _ => None,
        }
    }
}

fn plain(status: StatusCode, text: String) -> Response {
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = status;
    set_type(&mut response, "text/plain; charset=utf-8");
    response
}

fn set_type(response: &mut Response, content_type: &'static str) {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // The token is in every URL of the review: no page may pass it on to another site.
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_under_the_token_are_answered() {
        let token = "a".repeat(32);
        assert!(carries_token(&format!("/{token}/cchc/"), &token));
        assert!(carries_token(&format!("/{token}/"), &token));
        for path in [
            "/".to_string(),
            "/cchc/".to_string(),
            format!("/{token}"),
            format!("/{}/cchc/", &token[1..]),
            format!("/x{token}/cchc/"),
            format!("//{token}/"),
        ] {
            assert!(!carries_token(&path, &token), "{path}");
        }
    }

    #[test]
    fn a_form_names_one_of_two_steps_and_a_return_keeps_its_note() {
        let form = Form::read(
            "file=tin-tuc%2Fa.md&step=return&note=Thi%E1%BA%BFu+ngu%E1%BB%93n".as_bytes(),
        );
        assert_eq!(form.file, "tin-tuc/a.md");
        assert_eq!(
            form.step(),
            Some(Step::Return {
                by: None,
                note: "Thiếu nguồn".into()
            })
        );
        assert_eq!(Form::read(b"step=delete").step(), None);
    }

    #[test]
    fn a_qr_code_is_square_and_drawn_with_half_blocks() {
        let code = qr("http://192.168.1.5:1111/0123456789abcdef0123456789abcdef/cchc/__loa/duyet/")
            .unwrap();
        let lines: Vec<&str> = code.lines().collect();
        let width = lines[0].chars().count();
        assert!(lines.iter().all(|l| l.chars().count() == width));
        // Two rows of modules per line.
        assert!(
            (lines.len() * 2).abs_diff(width) <= 1,
            "{}×{width}",
            lines.len()
        );
        assert!(code.chars().all(|c| " ▀▄█\n".contains(c)));
    }
}
