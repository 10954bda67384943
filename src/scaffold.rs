//! `loa init` and `loa new`: start a site, start an article. They only ever create files,
//! never overwrite one.

use std::path::{Path, PathBuf};

use crate::config::{self, Config};
use crate::diag::Diagnostic;
use crate::{msg, text};

/// The sample configuration with the plan's topics, units and channels.
const SAMPLE_CONFIG: &str = include_str!("../config.yaml");

/// Creates a new site in `dir`: config.yaml with the plan's vocabularies and one sample article.
/// Returns the files created.
pub fn init(dir: &Path, today: jiff::civil::Date) -> Result<Vec<PathBuf>, Diagnostic> {
    let config_path = dir.join(config::CONFIG_FILE);
    if config_path.exists() {
        return Err(
            Diagnostic::file_error(config_path, msg::SITE_EXISTS).with_hint(msg::HINT_SITE_EXISTS)
        );
    }
    let article = dir.join("content/tin-tuc/chao-mung.md");
    let home = dir.join("content/_index.md");
    let section = dir.join("content/tin-tuc/_index.md");
    let files = [
        (config_path, starter_config()),
        (home, msg::INIT_HOME.to_string()),
        (section, msg::INIT_SECTION.to_string()),
        (article, msg::init_article(&today.to_string())),
    ];
    let mut created = Vec::new();
    for (path, body) in files {
        if path.exists() {
            continue;
        }
        create(&path, &body)?;
        created.push(path);
    }
    Ok(created)
}

/// The sample's config for a new site. Its `menus:` name pages of the sample (`lien-he.md`,
/// `/su-kien/`) that a new site does not have, so the block is written as comments, to be
/// turned back on once those pages exist.
fn starter_config() -> String {
    let mut out = String::with_capacity(SAMPLE_CONFIG.len() + 200);
    let mut in_menus = false;
    for line in SAMPLE_CONFIG.lines() {
        if !line.is_empty() && !line.starts_with([' ', '#']) {
            in_menus = line.starts_with("menus:");
            if in_menus {
                out.push_str(msg::INIT_MENUS_NOTE);
            }
        }
        if in_menus {
            out.push_str("# ");
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// What `loa new` needs to start an article.
pub struct NewArticle<'a> {
    pub title: &'a str,
    pub section: &'a str,
    pub topics: &'a [String],
    pub now: jiff::ZonedDateTime,
}

/// Creates `content/<section>/<slug of the title>.md` as a draft, and returns its path.
pub fn new_article(
    root: &Path,
    config: &Config,
    new: &NewArticle,
) -> Result<PathBuf, Vec<Diagnostic>> {
    let mut problems = unknown_topics(config, new.topics);
    let slug = text::slugify(new.title);
    let section = text::slugify(new.section);
    if slug.is_empty() || section.is_empty() {
        problems.push(Diagnostic::error("loa new", 0, 0, msg::NEW_NEEDS_TITLE));
    } else if crate::assemble::GENERATED_PREFIXES
        .iter()
        .any(|p| p.trim_end_matches('/') == section)
    {
        let d = Diagnostic::error(
            "--section",
            0,
            0,
            msg::reserved_path(&format!("{section}/")),
        );
        problems.push(d.with_hint(msg::HINT_RESERVED_SECTION));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let path = root
        .join("content")
        .join(&section)
        .join(format!("{slug}.md"));
    if path.exists() {
        return Err(vec![
            Diagnostic::file_error(path, msg::ARTICLE_EXISTS).with_hint(msg::HINT_ARTICLE_EXISTS)
        ]);
    }
    let topics = if new.topics.is_empty() {
        "topics: []\n".to_string()
    } else {
        format!(
            "topics:\n{}",
            new.topics
                .iter()
                .map(|t| format!("  - {t}\n"))
                .collect::<String>()
        )
    };
    let body = format!(
        "---\ntitle: {title}\ndate: {date}\n{topics}tags: []\nsummary: \"\"\ndraft: true\n---\n\n{intro}\n",
        title = serde_json::to_string(&text::nfc(new.title)).unwrap_or_default(),
        date = new.now.strftime("%Y-%m-%d %H:%M"),
        intro = msg::NEW_ARTICLE_BODY,
    );
    create(&path, &body).map_err(|d| vec![d])?;
    Ok(path)
}

/// An error for each `--topic` that config.yaml does not define, with the closest key.
pub fn unknown_topics(config: &Config, topics: &[String]) -> Vec<Diagnostic> {
    let keys: Vec<&str> = config.topics.iter().map(|t| t.key.as_str()).collect();
    topics
        .iter()
        .filter(|topic| config.topic(topic).is_none())
        .map(|topic| {
            let hint = msg::did_you_mean(crate::yaml::closest(topic, keys.iter().copied()), &keys);
            Diagnostic::error("--topic", 0, 0, msg::unknown_term("topics", topic)).with_hint(hint)
        })
        .collect()
}

fn create(path: &Path, body: &str) -> Result<(), Diagnostic> {
    let fail = |e: std::io::Error| {
        Diagnostic::file_error(path.to_path_buf(), msg::io_write(&e)).with_hint(msg::HINT_WRITE)
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    // create_new: never overwrite what the officer already wrote, even in a race.
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(fail)?;
    file.write_all(body.as_bytes()).map_err(fail)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_new_sites_config_keeps_the_sample_menus_as_comments() {
        let text = super::starter_config();
        assert!(text.contains("# menus:\n#   main:\n#     - page: /tin-tuc/\n"));
        let config = crate::config::parse(&text, &Default::default()).unwrap();
        assert!(config.menus.main.is_empty() && config.menus.footer.is_empty());
        assert!(
            config.contact.is_some(),
            "the contact block stays, to be filled in"
        );
        assert_eq!(config.topics.len(), 17);
    }
}
