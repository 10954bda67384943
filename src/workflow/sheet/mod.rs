//! The approval sheet (phiếu duyệt tin, bài): the paper a leader signs for an article, as a
//! Word document and as a printable page. It shows the article (title, unit, author, date,
//! where it goes), the leader's opinion and decision, and the two signature blocks; what the
//! file does not say yet is left as dotted lines to write by hand.

mod html;
mod word;

pub use html::html;
pub use word::docx;

use crate::approval::Status;
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::model::Page;
use crate::text;

use super::Request;

/// What the sheet says, each text as printed (empty: a line to write by hand).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The department, upper case in the heading.
    pub organization: String,
    /// The site the article is published on.
    pub site: String,
    pub title: String,
    /// The unit's name (`Văn phòng Sở`).
    pub unit: String,
    pub author: String,
    /// The article's date, `25/11/2025`.
    pub date: String,
    /// Its topics' names, joined.
    pub topics: String,
    /// Its address once published.
    pub url: String,
    /// The decision the file records.
    pub decision: Decision,
    pub approver: String,
    /// When the decision was taken: `ngày 25 tháng 11 năm 2025`.
    pub decided: String,
    /// The approver's opinion, or why the article was sent back.
    pub opinion: String,
    /// The file it was made from, printed small at the foot.
    pub file: String,
}

/// What the leader decided, as far as the file says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Nothing yet (or the approval no longer holds): both boxes empty.
    Pending,
    Approved,
    Returned,
}

/// The sheet of the article of `request`, read from its file as it is now.
pub fn read(request: Request) -> Result<Sheet, Vec<Diagnostic>> {
    let config = crate::config::load(request.root, &Default::default())?;
    let file = super::file::open(request.root, request.file).map_err(|d| vec![d])?;
    let page = super::article(&file, &config)?;
    Ok(of(&page, &config))
}

/// The sheet of a parsed article.
pub fn of(page: &Page, config: &Config) -> Sheet {
    let meta = &page.meta;
    let record = meta.approval.record.clone().unwrap_or_default();
    let decision = match meta.approval.status {
        Status::Approved => Decision::Approved,
        Status::Returned => Decision::Returned,
        _ => Decision::Pending,
    };
    let decided = match decision {
        Decision::Pending => None,
        _ => record.at.as_deref().and_then(|at| {
            let day = at.get(..10)?.parse::<jiff::civil::Date>().ok()?;
            Some(text::date_long(day))
        }),
    };
    let topics: Vec<&str> = (meta.topics.iter())
        .filter_map(|k| config.topic(k).map(|t| t.name.as_str()))
        .collect();
    let unit = meta.unit.as_deref().and_then(|k| config.unit(k));
    Sheet {
        organization: config.organization.clone(),
        site: config.title.clone(),
        title: meta.title.clone(),
        unit: unit.map(|u| u.name.clone()).unwrap_or_default(),
        author: record.author.unwrap_or_default(),
        date: (meta.date.as_ref())
            .map(|d| text::date_short(d.date()))
            .unwrap_or_default(),
        topics: topics.join("; "),
        url: config.base_url.absolute(&page.path),
        decision,
        approver: match decision {
            Decision::Pending => String::new(),
            _ => record.by.unwrap_or_default(),
        },
        decided: decided.unwrap_or_default(),
        opinion: match decision {
            Decision::Pending => String::new(),
            _ => record.note.unwrap_or_default(),
        },
        file: page.display.to_string_lossy().replace('\\', "/"),
    }
}

/// The file names the sheet is written under, from the article's: `phieu-duyet-<slug>`.
pub fn file_stem(sheet: &Sheet) -> String {
    let name = sheet
        .file
        .trim_end_matches(".md")
        .trim_end_matches("/index")
        .rsplit('/')
        .next()
        .unwrap_or("bai")
        .to_string();
    format!("phieu-duyet-{}", text::slugify(&name))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::fixtures::config;

    fn sheet_of(front: &str) -> Sheet {
        let text = format!("---\ntitle: \"Hội nghị\"\ndate: 2025-11-20\nunit: van-phong\ntopics: [nghi-dinh-118]\n{front}---\nNội dung.\n");
        let source = crate::load::Source::new(
            "tin-tuc/hoi-nghi.md".into(),
            "content/tin-tuc/hoi-nghi.md".into(),
            text.into(),
        );
        let (page, problems) = crate::parse::parse(&source, &config());
        assert!(problems.is_empty(), "{problems:?}");
        of(&page.unwrap(), &config())
    }

    #[test]
    fn a_sheet_before_any_decision_leaves_the_leaders_part_to_write_by_hand() {
        let sheet = sheet_of("approval:\n  state: submitted\n  author: \"Lê Văn Cường\"\n");
        assert_eq!(sheet.decision, Decision::Pending);
        assert_eq!((sheet.approver.as_str(), sheet.opinion.as_str()), ("", ""));
        assert_eq!(sheet.author, "Lê Văn Cường");
        assert_eq!(sheet.date, "20/11/2025");
        assert!(sheet.url.ends_with("/tin-tuc/hoi-nghi/"), "{}", sheet.url);
        assert_eq!(file_stem(&sheet), "phieu-duyet-hoi-nghi");
    }

    #[test]
    fn a_returned_article_shows_who_sent_it_back_when_and_why() {
        let sheet = sheet_of(
            "approval:\n  state: returned\n  by: \"Nguyễn Văn An\"\n  at: \"2025-11-21 08:00\"\n  note: \"Bổ sung số liệu\"\n",
        );
        assert_eq!(sheet.decision, Decision::Returned);
        assert_eq!(sheet.approver, "Nguyễn Văn An");
        assert_eq!(sheet.decided, "ngày 21 tháng 11 năm 2025");
        assert_eq!(sheet.opinion, "Bổ sung số liệu");
    }

    #[test]
    fn an_approval_that_no_longer_holds_is_not_printed_as_one() {
        let sheet = sheet_of(
            "approval:\n  state: approved\n  by: \"Nguyễn Văn An\"\n  at: \"2025-11-21 08:00\"\n  hash: 0000000000000000000000000000000000000000000000000000000000000000\n",
        );
        assert_eq!(sheet.decision, Decision::Pending);
        assert_eq!(sheet.approver, "");
    }
}
