//! `config.yaml`: what the officer writes (raw, strict) and what loa uses (resolved, checked once).
//!
//! The raw layer mirrors the file and rejects unknown keys; `resolve` turns it into an
//! immutable `Config` by destructuring every field, so a new field does not compile until it
//! is handled. Modes (serve, check, `--base-url`) are parameters of `resolve`, never edits.

pub mod publish;

use std::path::Path;

use serde::Deserialize;

use crate::diag::Diagnostic;
use crate::msg;
use crate::yaml;

pub const CONFIG_FILE: &str = "config.yaml";

/// The file as written. Every field's default is stated on it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    /// The site's name, shown in every page title. Required.
    title: String,
    /// One sentence about the site, for the home page and feeds. Default: empty.
    #[serde(default)]
    description: String,
    /// Where the site is published, e.g. `https://stp.angiang.gov.vn/cchc/`. Required.
    base_url: String,
    /// Language of the content. Default: `vi`.
    #[serde(default)]
    language: Option<String>,
    /// IANA time zone for dates without an offset. Default: `Asia/Ho_Chi_Minh`.
    #[serde(default)]
    timezone: Option<String>,
    /// Articles per list page. Default: 10.
    #[serde(default)]
    paginate: Option<usize>,
    /// Name of a folder under `themes/`. Default: the theme built into loa.
    #[serde(default)]
    theme: Option<String>,
    /// The publishing body, shown in headers and metadata. Default: `Sở Tư pháp tỉnh An Giang`.
    #[serde(default)]
    organization: Option<String>,
    /// Topics (chủ đề) of the plan. Default: none.
    #[serde(default)]
    topics: Vec<RawTerm>,
    /// Units (đơn vị) of the department. Default: none.
    #[serde(default)]
    units: Vec<RawTerm>,
    /// Channels (hình thức) of communication. Default: none.
    #[serde(default)]
    channels: Vec<RawChannel>,
    /// Where `loa publish` puts the site: a folder or `sftp://user@host:port/path`, alone or
    /// with `identity:` (a key file). Default: none (`loa publish --target` then required).
    #[serde(default)]
    publish: Option<publish::RawPublish>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    key: String,
    name: String,
    #[serde(default)]
    description: String,
    /// Topics only: how many articles the plan asks for, per month, quarter or year.
    #[serde(default)]
    target: Option<RawTarget>,
    /// Topics only: the hashtag of shared posts (`#PCI`). Default: from the key (`#NghiDinh118`).
    #[serde(default)]
    hashtag: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    articles: u32,
    /// `month`, `quarter` or `year` (also `tháng`, `quý`, `năm`).
    per: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChannel {
    key: String,
    name: String,
    #[serde(default)]
    description: String,
    /// The unit that leads this channel (a unit key). Default: none.
    #[serde(default)]
    lead: Option<String>,
    /// Units that take part (unit keys). Default: none.
    #[serde(default)]
    partners: Vec<String>,
}

/// One entry of a vocabulary: a topic, a unit or a channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub key: String,
    pub name: String,
    pub description: String,
    /// The plan's target for this topic; always `None` for units and channels.
    pub target: Option<Target>,
    /// The hashtag of posts about this topic, with its `#`; empty for units and channels.
    pub hashtag: String,
}

/// "At least `articles` articles per `per`": a topic's target in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub articles: u32,
    pub per: Per,
    /// The line of the topic in config.yaml, where a warning about the target points.
    pub line: usize,
}

/// The period a target is counted over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    Month,
    Quarter,
    Year,
}

impl Per {
    fn parse(text: &str) -> Option<Per> {
        match crate::text::nfc(text.trim()).to_lowercase().as_str() {
            "month" | "tháng" => Some(Per::Month),
            "quarter" | "quý" => Some(Per::Quarter),
            "year" | "năm" => Some(Per::Year),
            _ => None,
        }
    }

    /// `quý`, as in "3 bài/quý".
    pub fn name_vi(self) -> &'static str {
        match self {
            Per::Month => "tháng",
            Per::Quarter => "quý",
            Per::Year => "năm",
        }
    }

    /// The month, quarter or year that contains `day`.
    pub fn around(self, day: jiff::civil::Date) -> (jiff::civil::Date, jiff::civil::Date) {
        let year = day.year();
        let (first_month, months) = match self {
            Per::Month => (day.month(), 1),
            Per::Quarter => ((day.month() - 1) / 3 * 3 + 1, 3),
            Per::Year => (1, 12),
        };
        let from = jiff::civil::Date::new(year, first_month, 1).unwrap_or(day);
        let to = jiff::civil::Date::new(year, first_month + months - 1, 1)
            .map(|d| d.last_of_month())
            .unwrap_or(day);
        (from, to)
    }
}

/// A channel of communication and the units responsible for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    pub term: Term,
    pub lead: Option<String>,
    pub partners: Vec<String>,
}

/// Where the site lives: every link carries `path`, every absolute URL `origin` + `path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://stp.angiang.gov.vn`
    pub origin: String,
    /// `/cchc/`: always starts and ends with `/`.
    pub path: String,
}

impl BaseUrl {
    pub fn parse(input: &str) -> Result<BaseUrl, String> {
        let url = url::Url::parse(input.trim()).map_err(|e| e.to_string())?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(format!("`{input}`"));
        }
        let origin = url.origin().ascii_serialization();
        let mut path = url.path().to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl { origin, path })
    }

    /// A root-relative link to a site path given without its leading `/` (`tin-tuc/a/`).
    pub fn link(&self, site_path: &str) -> String {
        format!("{}{}", self.path, site_path.trim_start_matches('/'))
    }

    /// The absolute URL of a site path, for canonical links, feeds and the sitemap.
    pub fn absolute(&self, site_path: &str) -> String {
        format!("{}{}", self.origin, self.link(site_path))
    }
}

/// The resolved, validated site configuration. Immutable once built.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: String,
    pub base_url: BaseUrl,
    pub language: String,
    pub timezone: jiff::tz::TimeZone,
    pub timezone_name: String,
    pub paginate: usize,
    pub theme: Option<String>,
    pub organization: String,
    pub topics: Vec<Term>,
    pub units: Vec<Term>,
    pub channels: Vec<Channel>,
    /// `publish:`, checked; `None` when the file has none.
    pub publish: Option<publish::PublishConfig>,
    /// A hash of what the config was read from (the text of config.yaml and the command
    /// line's overrides): equal keys mean equal configs, for the memos of `serve`.
    pub key: blake3::Hash,
}

impl Config {
    pub fn topic(&self, key: &str) -> Option<&Term> {
        self.topics.iter().find(|t| t.key == key)
    }
    pub fn unit(&self, key: &str) -> Option<&Term> {
        self.units.iter().find(|t| t.key == key)
    }
    pub fn channel(&self, key: &str) -> Option<&Channel> {
        self.channels.iter().find(|c| c.term.key == key)
    }
}

/// Overrides given on the command line; they win over the file without changing it.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub base_url: Option<String>,
}

/// A plain folder name: letters, digits, `-`, `_` and `.`, not only dots.
fn is_folder_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().any(|c| c != '.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Reads and resolves `config.yaml` in `root`, reporting every problem found.
pub fn load(root: &Path, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
    let path = root.join(CONFIG_FILE);
    let text = match crate::load::read_text_file(&path) {
        Ok(bytes) => match crate::text::decode(&bytes) {
            Ok(text) => text,
            Err((line, col)) => {
                let d = Diagnostic::error(CONFIG_FILE, line, col, msg::NOT_UTF8);
                return Err(vec![d.with_hint(msg::HINT_SAVE_UTF8)]);
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(vec![Diagnostic::file_error(
                CONFIG_FILE,
                msg::CONFIG_MISSING,
            )
            .with_hint(msg::HINT_RUN_INIT)])
        }
        Err(e) => return Err(vec![Diagnostic::file_error(CONFIG_FILE, msg::io_read(&e))]),
    };
    parse(&text, overrides)
}

/// Parses and resolves the text of `config.yaml`.
pub fn parse(text: &str, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let located = |e: yaml::YamlError| e.at(CONFIG_FILE, 0);
    let keys = yaml::top_level_keys(text).map_err(|e| vec![located(e)])?;
    let unknown: Vec<Diagnostic> = keys
        .iter()
        .filter(|k| !CONFIG_KEYS.contains(&k.name.as_str()))
        .map(|k| {
            Diagnostic::error(CONFIG_FILE, k.line, k.col, msg::unknown_key(&k.name)).with_hint(
                msg::did_you_mean(
                    yaml::closest(&k.name, CONFIG_KEYS.iter().copied()),
                    CONFIG_KEYS,
                ),
            )
        })
        .collect();
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let raw: RawConfig = yaml::from_str(text).map_err(|e| vec![located(e)])?;
    resolve(raw, text, overrides)
}

const CONFIG_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "timezone",
    "paginate",
    "theme",
    "organization",
    "topics",
    "units",
    "channels",
    "publish",
];

fn resolve(raw: RawConfig, text: &str, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
    let RawConfig {
        title,
        description,
        base_url,
        language,
        timezone,
        paginate,
        theme,
        organization,
        topics,
        units,
        channels,
        publish,
    } = raw;
    let mut problems = Vec::new();
    let at = |place: Place, message: String| {
        Diagnostic::error(CONFIG_FILE, place.line(text), 1, message)
    };

    let from_command_line = overrides.base_url.is_some();
    let base_input = overrides.base_url.clone().unwrap_or(base_url);
    let base_url = BaseUrl::parse(&base_input).unwrap_or_else(|_| {
        let d = if from_command_line {
            Diagnostic::error("--base-url", 0, 0, msg::bad_base_url(&base_input))
        } else {
            at(Place::Key("base_url"), msg::bad_base_url(&base_input))
        };
        problems.push(d.with_hint(msg::HINT_BASE_URL));
        BaseUrl {
            origin: "http://localhost".into(),
            path: "/".into(),
        }
    });
    let timezone_name = timezone.unwrap_or_else(|| "Asia/Ho_Chi_Minh".to_string());
    let tz = jiff::tz::TimeZone::get(&timezone_name).unwrap_or_else(|_| {
        problems.push(at(
            Place::Key("timezone"),
            msg::bad_timezone(&timezone_name),
        ));
        jiff::tz::TimeZone::UTC
    });
    let paginate = paginate.unwrap_or(10);
    if paginate == 0 {
        problems.push(at(Place::Key("paginate"), msg::PAGINATE_ZERO.to_string()));
    }
    // The theme is read from `themes/<name>/`: a name that is a path (`../x`, `C:\x`) would
    // read templates from anywhere on the machine.
    if let Some(name) = theme.as_deref().filter(|n| !is_folder_name(n)) {
        problems.push(
            at(Place::Key("theme"), msg::theme_not_a_name(name)).with_hint(msg::HINT_THEME_FOLDER),
        );
    }

    let topics = resolve_terms(topics, "topics", text, &at, &mut problems);
    let units = resolve_terms(units, "units", text, &at, &mut problems);
    let channel_terms: Vec<RawTerm> = channels
        .iter()
        .map(|c| RawTerm {
            key: c.key.clone(),
            name: c.name.clone(),
            description: c.description.clone(),
            target: None,
            hashtag: None,
        })
        .collect();
    let channel_terms = resolve_terms(channel_terms, "channels", text, &at, &mut problems);
    let channels = channels
        .into_iter()
        .zip(channel_terms)
        .map(|(raw, term)| {
            for unit in raw.lead.iter().chain(&raw.partners) {
                if !units.iter().any(|u| &u.key == unit) {
                    let keys: Vec<&str> = units.iter().map(|u| u.key.as_str()).collect();
                    problems.push(
                        at(Place::Value(unit), msg::unknown_term("units", unit)).with_hint(
                            msg::did_you_mean(yaml::closest(unit, keys.iter().copied()), &keys),
                        ),
                    );
                }
            }
            Channel {
                term,
                lead: raw.lead,
                partners: raw.partners,
            }
        })
        .collect();
    let publish = publish.and_then(|raw| {
        raw.resolve()
            .map_err(|a| problems.push(at(Place::Key("publish"), a.message).with_hint(a.hint)))
            .ok()
    });

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Config {
        title: crate::text::nfc(&title),
        description: crate::text::nfc(&description),
        base_url,
        language: language.unwrap_or_else(|| "vi".to_string()),
        timezone: tz,
        timezone_name,
        paginate,
        theme,
        organization: crate::text::nfc(
            organization
                .as_deref()
                .unwrap_or("Sở Tư pháp tỉnh An Giang"),
        ),
        topics,
        units,
        channels,
        publish,
        key: crate::key::Key::new("config")
            .text(text)
            .text(overrides.base_url.as_deref().unwrap_or(""))
            .finish(),
    })
}

/// Where in config.yaml a problem was written, found again in its text.
#[derive(Clone, Copy)]
enum Place<'a> {
    /// A top-level key: `paginate: 0`.
    Key(&'a str),
    /// A value written whole: `lead: van-phog`.
    Value(&'a str),
    /// The n-th `key: …` entry with this key (0 = first) in a vocabulary list.
    TermKey(&'a str, usize),
}

impl Place<'_> {
    fn line(self, text: &str) -> usize {
        let found = match self {
            Place::Key(key) => text
                .lines()
                .position(|l| l.starts_with(&format!("{key}:")))
                .map(|i| i + 1),
            Place::Value(value) => yaml::value_lines(text, value).into_iter().next(),
            Place::TermKey(key, nth) => yaml::value_lines(text, key)
                .into_iter()
                .filter(|&l| text.lines().nth(l - 1).is_some_and(|t| t.contains("key:")))
                .nth(nth),
        };
        found.unwrap_or(1)
    }
}

/// Checks that keys are URL-safe and unique, and normalizes names to NFC.
fn resolve_terms(
    raw: Vec<RawTerm>,
    list: &str,
    text: &str,
    at: &impl Fn(Place, String) -> Diagnostic,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::with_capacity(raw.len());
    for RawTerm {
        key,
        name,
        description,
        target,
        hashtag,
    } in raw
    {
        let good = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !good {
            problems.push(at(Place::TermKey(&key, 0), msg::bad_term_key(list, &key)));
        } else {
            let earlier = terms.iter().filter(|t| t.key == key).count();
            if earlier > 0 {
                let d = at(
                    Place::TermKey(&key, earlier),
                    msg::duplicate_term_key(list, &key),
                );
                problems.push(d.with_hint(msg::HINT_DUPLICATE_KEY));
            }
        }
        let target = target.and_then(|t| {
            let per = Per::parse(&t.per);
            if list != "topics" {
                problems.push(at(
                    Place::TermKey(&key, 0),
                    msg::target_not_topic(list, &key),
                ));
            } else if per.is_none() {
                let d = at(Place::Value(&t.per), msg::bad_target_period(&t.per));
                problems.push(d.with_hint(msg::HINT_TARGET));
            }
            Some(Target {
                articles: t.articles,
                per: per?,
                line: Place::TermKey(&key, 0).line(text),
            })
        });
        let hashtag = match hashtag {
            Some(tag) if list == "topics" => {
                let tag = crate::text::nfc(tag.trim().trim_start_matches('#'));
                if tag.is_empty() || tag.chars().any(|c| !c.is_alphanumeric() && c != '_') {
                    let d = at(Place::Value(&tag), msg::bad_hashtag(&tag));
                    problems.push(d.with_hint(msg::HINT_HASHTAG));
                }
                format!("#{tag}")
            }
            Some(_) => {
                problems.push(at(
                    Place::TermKey(&key, 0),
                    msg::hashtag_not_topic(list, &key),
                ));
                String::new()
            }
            None if list == "topics" => crate::text::hashtag(&key),
            None => String::new(),
        };
        terms.push(Term {
            key,
            name: crate::text::nfc(&name),
            description: crate::text::nfc(&description),
            target,
            hashtag,
        });
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "title: T\nbase_url: https://stp.angiang.gov.vn/cchc\n";

    #[test]
    fn defaults_fill_what_the_file_leaves_out() {
        let c = parse(MINIMAL, &Overrides::default()).unwrap();
        assert_eq!(c.language, "vi");
        assert_eq!(c.timezone_name, "Asia/Ho_Chi_Minh");
        assert_eq!(c.paginate, 10);
        assert_eq!(c.base_url.path, "/cchc/");
        assert_eq!(
            c.base_url.absolute("tin-tuc/a/"),
            "https://stp.angiang.gov.vn/cchc/tin-tuc/a/"
        );
    }

    #[test]
    fn an_unknown_key_names_the_key_its_line_and_a_suggestion() {
        let err = parse(&format!("{MINIMAL}paginte: 5\n"), &Overrides::default()).unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(
            (err[0].line, err[0].path.to_str()),
            (3, Some("config.yaml"))
        );
        assert!(err[0].message.contains("paginte"));
        assert!(err[0].hint.as_deref().unwrap().contains("paginate"));
    }

    #[test]
    fn a_channel_lead_must_be_a_known_unit() {
        let text = format!("{MINIMAL}units:\n  - {{key: van-phong, name: VP}}\nchannels:\n  - key: zalo\n    name: Zalo\n    lead: van-phog\n");
        let err = parse(&text, &Overrides::default()).unwrap_err();
        assert_eq!(err[0].line, 8, "{err:?}");
        assert!(err[0].hint.as_deref().unwrap().contains("van-phong"));
    }

    #[test]
    fn publish_takes_a_target_alone_or_with_a_key_file() {
        let c = parse(
            &format!("{MINIMAL}publish: /mnt/portal/cchc\n"),
            &Overrides::default(),
        );
        let publish = c.unwrap().publish.unwrap();
        assert_eq!(
            publish.target,
            publish::Target::Folder("/mnt/portal/cchc".into())
        );
        let text = format!(
            "{MINIMAL}publish:\n  target: sftp://cchc@portal:2222/var/www/cchc\n  identity: /home/vp/.ssh/id_cchc\n"
        );
        let publish = parse(&text, &Overrides::default())
            .unwrap()
            .publish
            .unwrap();
        assert_eq!(
            publish.target.to_string(),
            "sftp://cchc@portal:2222/var/www/cchc"
        );
        assert_eq!(publish.identity, Some("/home/vp/.ssh/id_cchc".into()));
    }

    #[test]
    fn a_bad_publish_target_or_key_is_reported_at_its_line() {
        let err = parse(
            &format!("{MINIMAL}paginate: 5\npublish: ftp://portal/cchc\n"),
            &Overrides::default(),
        )
        .unwrap_err();
        assert_eq!(err[0].line, 4, "{err:?}");
        assert!(err[0].message.contains("ftp://portal/cchc"));
        assert!(err[0].hint.as_deref().unwrap().contains("sftp://"));

        let err = parse(
            &format!("{MINIMAL}publish:\n  target: /mnt/x\n  identiy: k\n"),
            &Overrides::default(),
        )
        .unwrap_err();
        assert_eq!(err[0].line, 5, "{err:?}");
        assert!(err[0].message.contains("identiy"), "{err:?}");
    }

    #[test]
    fn the_command_line_base_url_wins() {
        let o = Overrides {
            base_url: Some("http://127.0.0.1:1111/".into()),
        };
        let c = parse(MINIMAL, &o).unwrap();
        assert_eq!(c.base_url.origin, "http://127.0.0.1:1111");
        assert_eq!(c.base_url.path, "/");
    }
}
