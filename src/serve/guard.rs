//! Who the preview answers: requests addressed to one of its own names, and, for anything but
//! reading, pages it served itself during this run.
//!
//! The `Host` check defends against DNS rebinding: a page the officer visits at `evil.example`
//! points that name at 127.0.0.1 and its script then reads the preview (drafts included) as if
//! it were its own site. The browser still sends `Host: evil.example:1111`, which is refused.
//! IP literals cannot be rebound, so an address the request really arrived at is always fine.
//!
//! Requests that could change something (anything but GET and HEAD: the writing desk's)
//! must also come from a page of the preview: same `Origin`, and the
//! run's secret in the `X-Loa-Secret` header. The secret is read from the served page itself,
//! which a page of another origin cannot do.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::connect_info::{ConnectInfo, Connected};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::diag::Diagnostic;
use crate::msg;

/// The header a page sends the run's secret in.
pub const SECRET_HEADER: &str = "x-loa-secret";

/// The names the preview answers to, and the secret of this run.
#[derive(Clone)]
pub struct Guard {
    inner: Arc<Inner>,
}

struct Inner {
    port: u16,
    /// Addresses accepted as IP literals: the loopbacks, the `--bind` address, `--host` ones.
    ips: Vec<IpAddr>,
    /// Names accepted, in lower case: `localhost` and the `--host` names.
    names: Vec<String>,
    secret: String,
}

/// The local address a connection arrived at, and the address it came from, recorded by the
/// server for each connection.
#[derive(Clone, Copy, Debug)]
pub struct Arrival {
    pub local: Option<IpAddr>,
    pub peer: Option<IpAddr>,
}

impl Connected<axum::serve::IncomingStream<'_, tokio::net::TcpListener>> for Arrival {
    fn connect_info(stream: axum::serve::IncomingStream<'_, tokio::net::TcpListener>) -> Self {
        Arrival {
            local: stream.io().local_addr().ok().map(|a| a.ip().to_canonical()),
            peer: stream.io().peer_addr().ok().map(|a| a.ip().to_canonical()),
        }
    }
}

/// A name a request's `Host` can carry: an IP literal or a host name.
#[derive(Debug, PartialEq)]
enum Name {
    Ip(IpAddr),
    Host(String),
}

impl Guard {
    /// The guard of a preview listening on `bind:port` and also answering `hosts` (`--host`).
    /// Draws the run's secret from the operating system.
    pub fn new(bind: IpAddr, port: u16, hosts: &[String]) -> Result<Guard, Diagnostic> {
        let secret = crate::random::hex(32)
            .map_err(|e| Diagnostic::error("serve", 0, 0, msg::serve_failed(&e)))?;
        Guard::with_secret(bind, port, hosts, secret)
    }

    fn with_secret(
        bind: IpAddr,
        port: u16,
        hosts: &[String],
        secret: String,
    ) -> Result<Guard, Diagnostic> {
        let mut ips = vec![
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(Ipv6Addr::LOCALHOST),
        ];
        if !bind.is_unspecified() {
            ips.push(bind.to_canonical());
        }
        let mut names = vec!["localhost".to_string()];
        for host in hosts {
            match parse_name(host) {
                Some(Name::Ip(ip)) => ips.push(ip),
                Some(Name::Host(name)) => names.push(name),
                None => {
                    return Err(
                        Diagnostic::error("--host", 0, 0, msg::bad_host_option(host))
                            .with_hint(msg::HINT_HOST_OPTION),
                    )
                }
            }
        }
        Ok(Guard {
            inner: Arc::new(Inner {
                port,
                ips,
                names,
                secret,
            }),
        })
    }

    /// The secret pages of this run send with requests that could change something.
    pub fn secret(&self) -> &str {
        &self.inner.secret
    }

    /// Whether a `Host` value names this preview: one of its names with its port (or no port
    /// when that is 80, as browsers send it), or the address the request arrived at.
    fn answers(&self, host: &str, arrival: Option<IpAddr>) -> bool {
        let Some((name, port)) = split_host(host) else {
            return false;
        };
        let port_ok = match port {
            Some(port) => port == self.inner.port,
            None => self.inner.port == 80,
        };
        let name_ok = match parse_name(name) {
            Some(Name::Ip(ip)) => self.inner.ips.contains(&ip) || arrival == Some(ip),
            Some(Name::Host(name)) => self.inner.names.contains(&name),
            None => false,
        };
        port_ok && name_ok
    }

    /// Whether a request that could change something comes from a page of this preview: it
    /// carries the run's secret, and its `Origin` is the preview's (or, when a browser leaves
    /// `Origin` out, `Sec-Fetch-Site` says it is same-origin).
    fn sent_by_own_page(&self, headers: &HeaderMap, host: &str) -> bool {
        let secret = headers
            .get(SECRET_HEADER)
            .is_some_and(|given| same_bytes(given.as_bytes(), self.inner.secret.as_bytes()));
        let origin = match headers.get(header::ORIGIN) {
            Some(origin) => origin
                .to_str()
                .ok()
                .and_then(|o| o.strip_prefix("http://"))
                .is_some_and(|o| o.eq_ignore_ascii_case(host)),
            None => headers
                .get("sec-fetch-site")
                .is_some_and(|site| site == "same-origin"),
        };
        secret && origin
    }
}

/// The middleware in front of every request: refuses other names with 421 and, for anything
/// but GET and HEAD, requests not from the preview's own pages with 403.
pub async fn check(State(guard): State<Guard>, request: Request, next: Next) -> Response {
    let arrival = request
        .extensions()
        .get::<ConnectInfo<Arrival>>()
        .and_then(|info| info.0.local);
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default()
        .to_string();
    // A request line in absolute form (`GET http://name/ HTTP/1.1`) names the host too.
    let in_uri = request.uri().authority().map(|a| a.as_str().to_string());
    let foreign = std::iter::once(host.clone())
        .chain(in_uri)
        .find(|name| !guard.answers(name, arrival));
    if let Some(name) = foreign {
        return refusal(
            StatusCode::MISDIRECTED_REQUEST,
            msg::preview_wrong_host(&name, guard.inner.port),
        );
    }
    let reading = request.method() == Method::GET || request.method() == Method::HEAD;
    if !reading && !guard.sent_by_own_page(request.headers(), &host) {
        return refusal(StatusCode::FORBIDDEN, msg::PREVIEW_NOT_OWN_PAGE.to_string());
    }
    next.run(request).await
}

fn refusal(status: StatusCode, text: String) -> Response {
    let mut response = Response::new(Body::from(format!("{text}\n")));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// Splits `name:port`, `[v6]:port`, `name` or `[v6]`; `None` for anything else.
fn split_host(host: &str) -> Option<(&str, Option<u16>)> {
    let (name, port) = if host.starts_with('[') {
        let end = host.find(']')? + 1;
        (&host[..end], host[end..].strip_prefix(':'))
    } else {
        match host.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        }
    };
    if let Some(port) = port {
        if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        return Some((name, Some(port.parse().ok()?)));
    }
    // `[::1]x` or trailing junk after the bracket.
    (!name.starts_with('[') || host.len() == name.len()).then_some((name, None))
}

/// Reads a name without port: an IPv4 literal, a bracketed (or, as the officer may type it
/// after `--host`, bare) IPv6 literal, or a host name of letters, digits, dots and hyphens.
fn parse_name(name: &str) -> Option<Name> {
    let ip = match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(v6) => v6.parse::<Ipv6Addr>().map(IpAddr::V6).ok(),
        None => name.parse::<IpAddr>().ok(),
    };
    if let Some(ip) = ip {
        return Some(Name::Ip(ip.to_canonical()));
    }
    let valid = !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    valid.then(|| Name::Host(name.to_ascii_lowercase()))
}

/// Compares without stopping at the first difference, so the time taken tells nothing of how
/// much of a guess was right.
pub(super) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard(bind: [u8; 4], hosts: &[&str]) -> Guard {
        let hosts: Vec<String> = hosts.iter().map(|h| h.to_string()).collect();
        Guard::with_secret(IpAddr::from(bind), 1111, &hosts, "s3cret".into()).unwrap()
    }

    #[test]
    fn only_the_loopback_names_with_the_port_are_answered_by_default() {
        let guard = guard([127, 0, 0, 1], &[]);
        for host in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LocalHost:1111",
            "[::1]:1111",
        ] {
            assert!(guard.answers(host, None), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost",
            "localhost:1112",
            "127.0.0.1",
            "127.0.0.1:80",
            "localhost.:1111",
            "localhost:1111:1111",
            "[::1]x:1111",
            "::1:1111",
            "192.168.1.5:1111",
            "[127.0.0.1]:1111",
            "",
        ] {
            assert!(!guard.answers(host, None), "{host}");
        }
    }

    #[test]
    fn a_preview_on_port_80_is_also_answered_without_a_port() {
        let guard = Guard::with_secret([127, 0, 0, 1].into(), 80, &[], "s".into()).unwrap();
        assert!(guard.answers("localhost", None));
        assert!(guard.answers("localhost:80", None));
    }

    #[test]
    fn a_bind_address_and_host_names_are_answered_when_given() {
        let guard = guard([192, 168, 1, 5], &["May-Tu-Phap", "10.0.0.7", "[fe80::1]"]);
        for host in [
            "192.168.1.5:1111",
            "may-tu-phap:1111",
            "10.0.0.7:1111",
            "[fe80::1]:1111",
        ] {
            assert!(guard.answers(host, None), "{host}");
        }
        assert!(!guard.answers("may-tu-phap.evil.example:1111", None));
    }

    #[test]
    fn the_address_a_request_arrived_at_is_answered_as_an_ip_literal() {
        let guard = guard([0, 0, 0, 0], &[]);
        let arrival = Some(IpAddr::from([192, 168, 1, 5]));
        assert!(guard.answers("192.168.1.5:1111", arrival));
        assert!(!guard.answers("192.168.1.6:1111", arrival));
        assert!(!guard.answers("192.168.1.5:1111", None));
    }

    #[test]
    fn a_host_option_with_a_scheme_or_port_is_refused_with_a_hint() {
        for bad in ["http://may", "may:1111", "máy", "", "a..b", "may/"] {
            let problem = Guard::with_secret([0, 0, 0, 0].into(), 1111, &[bad.into()], "s".into())
                .err()
                .unwrap_or_else(|| panic!("{bad} accepted"));
            assert_eq!(problem.path.to_str(), Some("--host"));
            assert!(problem.hint.is_some());
        }
    }

    #[test]
    fn a_changing_request_needs_the_secret_and_the_same_origin() {
        let guard = guard([127, 0, 0, 1], &[]);
        let host = "127.0.0.1:1111";
        let headers = |pairs: &[(&'static str, &str)]| {
            let mut map = HeaderMap::new();
            for (name, value) in pairs {
                map.insert(*name, HeaderValue::from_str(value).unwrap());
            }
            map
        };
        let own = "http://127.0.0.1:1111";
        assert!(guard.sent_by_own_page(
            &headers(&[(SECRET_HEADER, "s3cret"), ("origin", own)]),
            host
        ));
        assert!(guard.sent_by_own_page(
            &headers(&[(SECRET_HEADER, "s3cret"), ("sec-fetch-site", "same-origin")]),
            host
        ));
        for refused in [
            headers(&[("origin", own)]),
            headers(&[(SECRET_HEADER, "s3cre"), ("origin", own)]),
            headers(&[
                (SECRET_HEADER, "s3cret"),
                ("origin", "http://evil.example:1111"),
            ]),
            headers(&[(SECRET_HEADER, "s3cret"), ("origin", "null")]),
            headers(&[
                (SECRET_HEADER, "s3cret"),
                ("origin", "https://127.0.0.1:1111"),
            ]),
            headers(&[(SECRET_HEADER, "s3cret"), ("sec-fetch-site", "same-site")]),
            headers(&[(SECRET_HEADER, "s3cret")]),
            headers(&[
                (SECRET_HEADER, "s3cret"),
                ("origin", "http://evil.example"),
                ("sec-fetch-site", "same-origin"),
            ]),
        ] {
            assert!(!guard.sent_by_own_page(&refused, host), "{refused:?}");
        }
    }

    #[test]
    fn every_guard_draws_its_own_secret() {
        let a = Guard::new([127, 0, 0, 1].into(), 1111, &[]).unwrap();
        let b = Guard::new([127, 0, 0, 1].into(), 1111, &[]).unwrap();
        assert_eq!(a.secret().len(), 64);
        assert_ne!(a.secret(), b.secret());
    }
}
