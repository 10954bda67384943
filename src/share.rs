//! Sharing an article on Facebook and Zalo: the Facebook share link, hashtags from topics, and
//! the ready-to-paste post `loa share` prints.
//!
//! No script from Facebook or Zalo is ever put on a page: the Facebook link is a plain URL, and
//! the Zalo button (themes/default/static/chia-se.js) opens the device's share sheet, where the
//! Zalo app appears on phones, or copies the link to paste into Zalo.

// The share link and hashtags sit with the text rules, where config and views reach them
// without importing this module, which is above them.
pub use crate::text::{facebook_url, hashtag};

/// The longest summary a post carries. Facebook folds a post after about 480 characters behind
/// "Xem thêm", and Zalo shows still less before its fold; a post that fits is read whole.
pub const SUMMARY_MAX: usize = 300;
/// The longest post, title, summary, link and hashtags together.
pub const POST_MAX: usize = 500;

/// The first one or two sentences of `text`, at most [`SUMMARY_MAX`] characters; a sentence
/// that is longer is cut at a word and ends with "…".
pub fn short_summary(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::new();
    for sentence in sentences(&text).take(2) {
        let joined = if out.is_empty() {
            sentence.to_string()
        } else {
            format!("{out} {sentence}")
        };
        if joined.chars().count() > SUMMARY_MAX {
            break;
        }
        out = joined;
    }
    if out.is_empty() {
        out = cut_at_word(&text, SUMMARY_MAX);
    }
    out
}

/// Sentences of `text`, each with its closing punctuation.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .char_indices()
            .find(|&(i, c)| {
                matches!(c, '.' | '!' | '?' | '…') && rest[i + c.len_utf8()..].starts_with(' ')
            })
            .map_or(rest.len(), |(i, c)| i + c.len_utf8());
        let (sentence, tail) = rest.split_at(end);
        rest = tail.trim_start();
        Some(sentence)
    })
}

fn cut_at_word(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let at_word = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", at_word.trim_end_matches([',', ';', ':']))
}

/// A post for Facebook or Zalo: the title, a short summary, the link and hashtags, kept under
/// [`POST_MAX`] characters by dropping hashtags from the end, then shortening the summary.
pub fn post(title: &str, summary: &str, permalink: &str, hashtags: &[String]) -> String {
    let summary = short_summary(summary);
    let compose = |summary: &str, tags: &[String]| {
        let mut out = title.trim().to_string();
        if !summary.is_empty() {
            out.push_str("\n\n");
            out.push_str(summary);
        }
        out.push_str("\n\n👉 Xem chi tiết: ");
        out.push_str(permalink);
        if !tags.is_empty() {
            out.push_str("\n\n");
            out.push_str(&tags.join(" "));
        }
        out.push('\n');
        out
    };
    let mut tags = hashtags.to_vec();
    loop {
        let text = compose(&summary, &tags);
        if text.chars().count() <= POST_MAX || tags.is_empty() {
            break;
        }
        tags.pop();
    }
    let text = compose(&summary, &tags);
    let over = text.chars().count().saturating_sub(POST_MAX);
    if over == 0 {
        return text;
    }
    let shorter = cut_at_word(
        &summary,
        summary.chars().count().saturating_sub(over + 1).max(1),
    );
    compose(&shorter, &tags)
}

/// The post for the published page at `rel` (relative to `content/`, `/` separators), or
/// `None` when no published page comes from that file.
pub fn post_for(site: &crate::assemble::Site, rel: &str) -> Option<String> {
    let views = crate::views::Views::new(site);
    let p = site.pages.iter().find(|p| p.page.rel == rel)?;
    let card = views.card(p);
    let tags: Vec<String> = p
        .page
        .meta
        .topics
        .iter()
        .filter_map(|k| site.config.topic(k))
        .map(|t| t.hashtag.clone())
        .collect();
    Some(post(
        &p.page.meta.title,
        &card.summary_text,
        &card.permalink,
        &tags,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_keeps_one_or_two_whole_sentences() {
        let text = "Câu một ngắn. Câu hai cũng ngắn! Câu ba thì không lấy.";
        assert_eq!(short_summary(text), "Câu một ngắn. Câu hai cũng ngắn!");
        let long = format!("Mở đầu. {}.", "rất dài ".repeat(60));
        assert_eq!(short_summary(&long), "Mở đầu.");
        let one = "chữ ".repeat(200);
        let cut = short_summary(&one);
        assert!(
            cut.ends_with("chữ…") && cut.chars().count() <= SUMMARY_MAX,
            "{cut}"
        );
        // A decimal point is not the end of a sentence.
        assert_eq!(
            short_summary("Tỷ lệ đạt 98.5 phần trăm. Hết."),
            "Tỷ lệ đạt 98.5 phần trăm. Hết."
        );
    }

    #[test]
    fn a_post_stays_within_its_limit_dropping_hashtags_first() {
        let tags: Vec<String> = (0..100).map(|i| format!("#ChuDe{i}")).collect();
        let p = post("Tiêu đề", "Tóm tắt ngắn.", "https://x.vn/a/", &tags);
        assert!(p.chars().count() <= POST_MAX, "{}", p.chars().count());
        assert!(p.starts_with(
            "Tiêu đề\n\nTóm tắt ngắn.\n\n👉 Xem chi tiết: https://x.vn/a/\n\n#ChuDe0 "
        ));
        let long_title = "Tiêu đề rất dài ".repeat(20);
        let p = post(
            &long_title,
            &"Một câu dài ".repeat(30),
            "https://x.vn/a/",
            &[],
        );
        assert!(p.chars().count() <= POST_MAX, "{}", p.chars().count());
        assert!(p.contains("https://x.vn/a/"));
    }
}
