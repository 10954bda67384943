//! The desk's answers: JSON, or the page and its files, never cached.

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::diag::Diagnostic;
use crate::msg;

#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// The Content-Security-Policy of the desk's page.
    pub policy: Option<&'static str>,
}

/// The desk's page runs its own script only, talks to its own server only, and cannot be
/// framed by another site. Photos and videos of an article may come from elsewhere in the
/// preview, as on the portal. The preview's iframe (`srcdoc`) inherits this policy.
const PAGE_POLICY: &str =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data: blob: https:; media-src 'self' https:; frame-src 'self'; \
     connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
     frame-ancestors 'none'";

impl Reply {
    pub fn json(status: StatusCode, value: &impl Serialize) -> Reply {
        Reply {
            status,
            content_type: "application/json; charset=utf-8",
            body: serde_json::to_vec(value).unwrap_or_default(),
            policy: None,
        }
    }

    pub fn ok(value: &impl Serialize) -> Reply {
        Reply::json(StatusCode::OK, value)
    }

    /// A refusal the officer reads: what is wrong and, when there is one, what to do.
    pub fn error(status: StatusCode, message: &str, hint: Option<&str>) -> Reply {
        Reply::json(
            status,
            &serde_json::json!({ "error": message, "hint": hint }),
        )
    }

    /// The first of `problems` as a refusal, all of them listed too.
    pub fn problems(status: StatusCode, problems: &[Diagnostic]) -> Reply {
        let first = problems.first();
        let all: Vec<Problem> = problems.iter().map(Problem::of_file).collect();
        Reply::json(
            status,
            &serde_json::json!({
                "error": first.map_or_else(String::new, |d| d.message.clone()),
                "hint": first.and_then(|d| d.hint.clone()),
                "problems": all,
            }),
        )
    }

    pub fn status(status: StatusCode) -> Reply {
        Reply::error(status, status.canonical_reason().unwrap_or(""), None)
    }

    pub fn text(text: &str, content_type: &'static str) -> Reply {
        Reply {
            status: StatusCode::OK,
            content_type,
            body: text.as_bytes().to_vec(),
            policy: None,
        }
    }

    /// The desk's page, under its policy.
    pub fn page(html: &str) -> Reply {
        Reply {
            policy: Some(PAGE_POLICY),
            ..Reply::text(html, "text/html; charset=utf-8")
        }
    }
}

pub fn too_large() -> Reply {
    Reply::error(
        StatusCode::PAYLOAD_TOO_LARGE,
        msg::DESK_TOO_LARGE,
        Some(msg::HINT_DESK_TOO_LARGE),
    )
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let mut response = Response::new(Body::from(self.body));
        *response.status_mut() = self.status;
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.content_type),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        headers.insert(
            "x-content-type-options",
            HeaderValue::from_static("nosniff"),
        );
        if let Some(policy) = self.policy {
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(policy),
            );
        }
        response
    }
}

/// A problem as the page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub severity: &'static str,
    pub line: usize,
    pub col: usize,
    /// The front-matter key, for a problem in the article's header.
    pub field: Option<String>,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    /// At its place in the file.
    pub fn of_file(d: &Diagnostic) -> Problem {
        Problem {
            severity: if d.is_error() { "error" } else { "warning" },
            line: d.line,
            col: d.col,
            field: None,
            message: d.message.clone(),
            hint: d.hint.clone(),
        }
    }
}
