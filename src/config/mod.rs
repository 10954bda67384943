//! `config.yaml`: what the officer writes (raw, strict) and what loa uses (resolved, checked once).
//!
//! The raw layer mirrors the file and rejects unknown keys; `resolve` turns it into an
//! immutable `Config` by destructuring every field, so a new field does not compile until it
//! is handled. Modes (serve, check, `--base-url`) are parameters of `resolve`, never edits.

pub mod approval;
mod base_url;
mod contact;
mod menus;
mod problems;
pub mod publish;
mod report;
mod vocabulary;

use std::path::Path;

use serde::Deserialize;

use crate::diag::Diagnostic;
use crate::msg;
use crate::yaml;

pub use base_url::BaseUrl;
pub use contact::Contact;
pub use menus::{MenuEntry, MenuTarget, Menus};
pub use report::{ReportConfig, Signer};
pub use vocabulary::{Channel, Per, Target, Term};

use problems::{Place, Problems};
use vocabulary::{RawChannel, RawTerm};

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
    /// The fixed parts of `loa report`'s document: issuing body, number symbol, Kính gửi,
    /// Nơi nhận, signer. Default: each part's own (see `report.rs`).
    #[serde(default)]
    report: Option<report::RawReport>,
    /// `required`: an article is published only once a leader has approved it (`loa
    /// approve`). Default: `none`, every article is published as before.
    #[serde(default)]
    approval: Option<String>,
    /// The leaders who may approve, by name. Default: none (anyone named may approve).
    #[serde(default)]
    approvers: Vec<String>,
    /// What becomes of a page after its `expires:`: `keep` (its page stays, with a note) or
    /// `remove` (it is not published any more). Default: `keep`.
    #[serde(default)]
    expired: Option<String>,
    /// The header's and the footer's links (`main:`, `footer:`). Default: none (the header
    /// lists the sections, the footer the site's lists).
    #[serde(default)]
    menus: Option<menus::RawMenus>,
    /// Who runs the site and how to reach them, shown in the footer (Decree 42/2022/NĐ-CP).
    /// Default: none.
    #[serde(default)]
    contact: Option<contact::RawContact>,
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
    /// `report:`, with its defaults filled in.
    pub report: ReportConfig,
    /// `approval:` and `approvers:`: whether articles wait for a leader's sign-off.
    pub approval: approval::Approval,
    /// `expired:`: whether an expired page is still published (with a note) or removed.
    pub expired: Expired,
    /// `menus:`, each sorted by weight; a `page:` is checked against the site later.
    pub menus: Menus,
    /// `contact:`, checked; `None` when the file has none.
    pub contact: Option<Contact>,
    /// A hash of what the config was read from (the text of config.yaml and the command
    /// line's overrides): equal keys mean equal configs, for the memos of `serve`.
    pub key: crate::key::Hash,
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
    parse(&read(root)?, overrides)
}

/// The text of `config.yaml` in `root`, as [`load`] reads it.
pub fn read(root: &Path) -> Result<String, Vec<Diagnostic>> {
    match crate::text::read_text_file(&root.join(CONFIG_FILE)) {
        Ok(bytes) => crate::text::decode(&bytes).map_err(|(line, col)| {
            let d = Diagnostic::error(CONFIG_FILE, line, col, msg::NOT_UTF8);
            vec![d.with_hint(msg::HINT_SAVE_UTF8)]
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(vec![Diagnostic::file_error(
            CONFIG_FILE,
            msg::CONFIG_MISSING,
        )
        .with_hint(msg::HINT_RUN_INIT)]),
        Err(e) => Err(vec![Diagnostic::file_error(CONFIG_FILE, msg::io_read(&e))]),
    }
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
    "report",
    "approval",
    "approvers",
    "expired",
    "menus",
    "contact",
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
        report,
        approval,
        approvers,
        expired,
        menus,
        contact,
    } = raw;
    let mut problems = Problems::new(text);
    let base_url = resolve_base_url(base_url, overrides, &mut problems);
    let (timezone, timezone_name) = resolve_timezone(timezone, &mut problems);
    let paginate = paginate.unwrap_or(10);
    if paginate == 0 {
        problems.push(problems.at(Place::Key("paginate"), msg::PAGINATE_ZERO.to_string()));
    }
    check_theme(theme.as_deref(), &mut problems);
    let topics = vocabulary::resolve_terms(topics, "topics", &mut problems);
    let units = vocabulary::resolve_terms(units, "units", &mut problems);
    let channels = vocabulary::resolve_channels(channels, &units, &mut problems);
    let publish = publish.and_then(|raw| resolve_publish(raw, &mut problems));
    let organization = crate::text::nfc(
        organization
            .as_deref()
            .unwrap_or("Sở Tư pháp tỉnh An Giang"),
    );
    let report = report::resolve(report.unwrap_or_default(), &organization, &mut problems);
    let approval = approval::resolve(approval, approvers, &mut problems);
    let expired = resolve_expired(expired.as_deref(), &mut problems);
    let menus = menus::resolve(menus.unwrap_or_default(), text, &mut problems);
    let contact = contact::resolve(contact, &organization, &mut problems);
    problems.finish()?;
    Ok(Config {
        title: crate::text::nfc(&title),
        description: crate::text::nfc(&description),
        base_url,
        language: language.unwrap_or_else(|| "vi".to_string()),
        timezone,
        timezone_name,
        paginate,
        theme,
        organization,
        topics,
        units,
        channels,
        publish,
        report,
        approval,
        expired,
        menus,
        contact,
        key: config_key(text, overrides),
    })
}

/// What becomes of a page once its `expires:` has passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Expired {
    /// Its page stays, with a note, but it leaves the lists, feeds, search and sitemap.
    #[default]
    Keep,
    /// It is not published any more, as a draft is not.
    Remove,
}

fn resolve_expired(written: Option<&str>, problems: &mut Problems) -> Expired {
    match written.map(str::trim) {
        None | Some("keep") => Expired::Keep,
        Some("remove") => Expired::Remove,
        Some(other) => {
            let d = problems.at(Place::Key("expired"), msg::bad_expired_policy(other));
            problems.push(d.with_hint(msg::HINT_EXPIRED_POLICY));
            Expired::Keep
        }
    }
}

/// What a config is read from, hashed: equal keys mean equal configs.
fn config_key(text: &str, overrides: &Overrides) -> crate::key::Hash {
    crate::key::Key::new("config")
        .text(text)
        .text(overrides.base_url.as_deref().unwrap_or(""))
        .finish()
}

/// `base_url:`, or `--base-url` which wins over it; a placeholder when it is not a web address
/// (the problem is recorded, so the placeholder is never used).
fn resolve_base_url(written: String, overrides: &Overrides, problems: &mut Problems) -> BaseUrl {
    let from_command_line = overrides.base_url.is_some();
    let input = overrides.base_url.clone().unwrap_or(written);
    BaseUrl::parse(&input).unwrap_or_else(|_| {
        let d = if from_command_line {
            Diagnostic::error("--base-url", 0, 0, msg::bad_base_url(&input))
        } else {
            problems.at(Place::Key("base_url"), msg::bad_base_url(&input))
        };
        problems.push(d.with_hint(msg::HINT_BASE_URL));
        BaseUrl {
            origin: "http://localhost".into(),
            path: "/".into(),
        }
    })
}

/// The time zone and its name, `Asia/Ho_Chi_Minh` unless the file names another.
fn resolve_timezone(
    written: Option<String>,
    problems: &mut Problems,
) -> (jiff::tz::TimeZone, String) {
    let name = written.unwrap_or_else(|| "Asia/Ho_Chi_Minh".to_string());
    let tz = jiff::tz::TimeZone::get(&name).unwrap_or_else(|_| {
        problems.push(problems.at(Place::Key("timezone"), msg::bad_timezone(&name)));
        jiff::tz::TimeZone::UTC
    });
    (tz, name)
}

/// The theme is read from `themes/<name>/`: a name that is a path (`../x`, `C:\x`) would
/// read templates from anywhere on the machine.
fn check_theme(name: Option<&str>, problems: &mut Problems) {
    if let Some(name) = name.filter(|n| !is_folder_name(n)) {
        let d = problems.at(Place::Key("theme"), msg::theme_not_a_name(name));
        problems.push(d.with_hint(msg::HINT_THEME_FOLDER));
    }
}

/// `publish:` checked, its problem placed at its key.
fn resolve_publish(
    raw: publish::RawPublish,
    problems: &mut Problems,
) -> Option<publish::PublishConfig> {
    raw.resolve()
        .map_err(|a| {
            problems.push(
                problems
                    .at(Place::Key("publish"), a.message)
                    .with_hint(a.hint),
            )
        })
        .ok()
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
