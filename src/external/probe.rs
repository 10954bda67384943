//! Asking a server about one URL: its answer after following redirects, whether the redirects
//! run in a circle, whether the server answers at all, and, for an `http://` link, whether the
//! same address answers over `https://`.

use serde::{Deserialize, Serialize};

use crate::msg::{self, Advice};

/// The most redirects followed before calling it a loop.
const MAX_REDIRECTS: usize = 10;

/// What a URL turned out to be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// It answers (after redirects, if any).
    Fine,
    /// 404 or 410: the page is not there any more.
    Gone(u16),
    /// Another error the server gave (5xx, or a 4xx other than those it uses against robots).
    Failing(u16),
    /// Redirects that come back to an address already visited, or never end.
    Loop,
    /// No answer: unknown name, refused, timed out, broken TLS.
    Dead(String),
    /// An `http://` link whose `https://` twin answers: readers should get the secure one.
    SecureExists,
}

impl Verdict {
    /// What to tell the officer about a link with this verdict; `None` when it is fine.
    pub fn advice(&self, url: &str) -> Option<Advice> {
        let (message, hint) = match self {
            Verdict::Fine => return None,
            Verdict::Gone(status) => (msg::external_gone(url, *status), msg::HINT_EXTERNAL_GONE),
            Verdict::Failing(status) => (
                msg::external_failing(url, *status),
                msg::HINT_EXTERNAL_FAILING,
            ),
            Verdict::Loop => (msg::external_loop(url), msg::HINT_EXTERNAL_LOOP),
            Verdict::Dead(why) => (msg::external_dead(url, why), msg::HINT_EXTERNAL_DEAD),
            Verdict::SecureExists => (msg::external_http(url), msg::HINT_EXTERNAL_HTTP),
        };
        Some(Advice::new(message, hint))
    }
}

/// The secure twin of an `http://` URL, if it has one.
pub type SecureTwin = Box<dyn Fn(&str) -> Option<String> + Sync>;

/// What asks the network.
pub struct Probe {
    agent: ureq::Agent,
    /// The secure twin of an `http://` URL; tests map it to a second local server.
    secure_twin: SecureTwin,
}

impl Default for Probe {
    fn default() -> Probe {
        Probe::new(Box::new(|url: &str| {
            url.strip_prefix("http://")
                .map(|rest| format!("https://{rest}"))
        }))
    }
}

impl Probe {
    pub fn new(secure_twin: SecureTwin) -> Probe {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // Redirects are followed here, one at a time, to tell a loop.
            .max_redirects(0)
            .timeout_global(Some(super::TIMEOUT))
            .user_agent(concat!(
                "loa/",
                env!("CARGO_PKG_VERSION"),
                " (kiem tra lien ket)"
            ))
            .build()
            .into();
        Probe { agent, secure_twin }
    }

    /// The verdict on `url`.
    pub fn verdict(&self, url: &str) -> Verdict {
        let verdict = self.follow(url);
        if verdict == Verdict::Fine {
            let twin = (self.secure_twin)(url);
            if twin.is_some_and(|twin| self.follow(&twin) == Verdict::Fine) {
                return Verdict::SecureExists;
            }
        }
        verdict
    }

    /// Follows redirects from `url` to an answer.
    fn follow(&self, url: &str) -> Verdict {
        let mut seen: Vec<String> = Vec::new();
        let mut current = url.to_string();
        for _ in 0..=MAX_REDIRECTS {
            if seen.contains(&current) {
                return Verdict::Loop;
            }
            seen.push(current.clone());
            match self.ask(&current) {
                Ok(Answer::Status(status)) => return judge(status),
                Ok(Answer::Redirect(to)) => {
                    match url::Url::parse(&current).and_then(|u| u.join(&to)) {
                        Ok(next) => current = next.to_string(),
                        Err(_) => return Verdict::Failing(300),
                    }
                }
                Err(why) => return Verdict::Dead(why),
            }
        }
        Verdict::Loop
    }

    /// One request: HEAD, and GET when the server does not answer HEAD well (many refuse it).
    fn ask(&self, url: &str) -> Result<Answer, String> {
        let head = self.agent.head(url).call().map_err(|e| describe(&e))?;
        let answer = answer(&head);
        match answer {
            Answer::Status(status) if status >= 400 => {
                let get = self.agent.get(url).call().map_err(|e| describe(&e))?;
                Ok(crate::external::probe::answer(&get))
            }
            other => Ok(other),
        }
    }
}

enum Answer {
    Status(u16),
    Redirect(String),
}

fn answer(response: &ureq::http::Response<ureq::Body>) -> Answer {
    let status = response.status().as_u16();
    let location = (response.headers().get("location")).and_then(|l| l.to_str().ok());
    match (status, location) {
        (300..=399, Some(to)) => Answer::Redirect(to.to_string()),
        _ => Answer::Status(status),
    }
}

fn judge(status: u16) -> Verdict {
    match status {
        404 | 410 => Verdict::Gone(status),
        // Refusals aimed at programs (and at too many requests) say nothing about the page.
        401 | 403 | 429 => Verdict::Fine,
        400.. => Verdict::Failing(status),
        _ => Verdict::Fine,
    }
}

fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::HostNotFound => msg::EXTERNAL_NO_SUCH_HOST.to_string(),
        ureq::Error::Timeout(_) => msg::EXTERNAL_TIMEOUT.to_string(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            msg::EXTERNAL_REFUSED.to_string()
        }
        other => other.to_string(),
    }
}
