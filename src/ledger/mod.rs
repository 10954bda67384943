//! The ledger of activities that are not articles, `data/hoat-dong.yaml`: a Law Day session,
//! a Facebook or Zalo post, a leaflet, a training. Read strictly (an unknown key is an error)
//! and checked against config.yaml, every problem at its line; the report, the progress page
//! and `check`'s targets count the activities beside articles.
//!
//! Pure: load reads the file and lists `data/` (for the evidence files); this module only
//! reads the text.

mod entry;

use jiff::civil::Date;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::msg;
use crate::yaml::{self, Value};

/// The ledger, relative to the site folder.
pub use crate::load::LEDGER_FILE;

/// One activity of the ledger, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    /// The day it took place (or was posted).
    pub date: Date,
    /// The channel (hình thức) of config.yaml it went through.
    pub channel: String,
    /// The unit of config.yaml that carried it out, when written.
    pub unit: Option<String>,
    /// Topics of config.yaml it was about.
    pub topics: Vec<String>,
    pub title: String,
    pub place: Option<String>,
    pub participants: Option<u64>,
    /// Where it can be seen: the Facebook or Zalo post, a newspaper's article.
    pub link: Option<String>,
    /// What it cost, in đồng.
    pub cost: Option<u64>,
    /// A file proving it (photo, minutes, screenshot), relative to `data/`, `/` separators.
    pub evidence: Option<String>,
    /// The line of `data/hoat-dong.yaml` where the entry starts: where its count came from.
    pub line: usize,
}

pub use crate::load::{DataFiles, DATA_DIR};

/// The activities of the ledger's `text`, in the order written, and every problem found.
/// An entry with an error is left out; the caller stops the build on errors anyway.
pub fn parse(text: &str, config: &Config, data: &DataFiles) -> (Vec<Activity>, Vec<Diagnostic>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let items = match yaml::from_str::<Value>(text) {
        Ok(Value::Null) => return (Vec::new(), Vec::new()),
        Ok(Value::Sequence(items)) => items,
        Ok(_) => {
            let d = Diagnostic::error(LEDGER_FILE, 1, 1, msg::LEDGER_NOT_A_LIST);
            return (Vec::new(), vec![d.with_hint(msg::HINT_LEDGER_ENTRY)]);
        }
        Err(e) => return (Vec::new(), vec![e.at(LEDGER_FILE, 0)]),
    };
    let starts = yaml::item_lines(text, items.len());
    let mut problems = Vec::new();
    let mut activities: Vec<Activity> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let lines = starts[i]..starts.get(i + 1).copied().unwrap_or(usize::MAX);
        let context = entry::Context {
            text,
            lines,
            config,
            data,
        };
        if let Some(activity) = entry::read(item, &context, &mut problems) {
            warn_if_written_twice(&activity, &activities, &mut problems);
            activities.push(activity);
        }
    }
    (activities, problems)
}

/// The activities held by `now` (in the site's time zone), oldest first. One dated after now
/// is a plan, not a result: it counts from its day on, like an article scheduled for later.
pub fn held(
    mut activities: Vec<Activity>,
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
) -> Vec<Activity> {
    let today = now.to_zoned_datetime(tz.clone()).date();
    activities.retain(|a| a.date <= today);
    activities.sort_by_key(|a| (a.date, a.line));
    activities
}

/// The same day, channel and title twice is one activity written twice: counted once more
/// than it happened.
fn warn_if_written_twice(
    activity: &Activity,
    earlier: &[Activity],
    problems: &mut Vec<Diagnostic>,
) {
    let twin = earlier.iter().find(|a| {
        a.date == activity.date && a.channel == activity.channel && a.title == activity.title
    });
    if let Some(twin) = twin {
        problems.push(
            Diagnostic::warning(
                LEDGER_FILE,
                activity.line,
                1,
                msg::ledger_duplicate(&activity.title, twin.line),
            )
            .with_hint(msg::HINT_LEDGER_DUPLICATE),
        );
    }
}
