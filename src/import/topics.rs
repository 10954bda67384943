//! Topics suggested for an imported article, from its text against each topic's name and
//! description in config.yaml. Only a suggestion: the front matter says so, the officer decides.
//!
//! Vietnamese words are syllables, so a topic is described by its pairs of neighbouring
//! syllables (`chuyển đổi`, `đổi số`) and its codes (`118/2025/NĐ-CP`, `PAPI`). A pair that
//! many topics share (`hành chính` on a site about administrative reform) says little and
//! weighs little; a code found in the text weighs most.

use std::collections::{HashMap, HashSet};

use crate::config::Term;

/// Syllables that join words and say nothing of the subject.
const STOPWORDS: &[&str] = &[
    "và", "của", "các", "những", "trong", "về", "cho", "với", "là", "được", "có", "theo", "từ",
    "để", "khi", "hoặc", "cả", "lẫn", "một", "này", "đó", "tại", "trên", "qua", "như", "nhằm",
    "gắn", "cùng", "hai", "năm",
];
/// A code of the topic's name found in the text.
const CODE: f64 = 4.0;
/// A pair of the topic's name found in the text; one of its description counts half.
const NAME_PAIR: f64 = 2.0;
const DESCRIPTION_PAIR: f64 = 1.0;
/// The score from which a topic is suggested, and how many at most.
const THRESHOLD: f64 = 3.5;
const MOST: usize = 3;

/// The keys of the topics the text seems to be about, best first.
pub fn suggest(text: &str, topics: &[Term]) -> Vec<String> {
    let words = words(text);
    let pairs: HashSet<(String, String)> = pairs(&words).collect();
    let tokens: HashSet<&str> = words.iter().map(String::as_str).collect();
    let upper: HashSet<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
    let described: Vec<Described> = topics.iter().map(Described::new).collect();
    let mut spread: HashMap<&(String, String), usize> = HashMap::new();
    for d in &described {
        for pair in d.name_pairs.union(&d.description_pairs) {
            *spread.entry(pair).or_insert(0) += 1;
        }
    }
    let mut scored: Vec<(f64, &str)> = described
        .iter()
        .map(|d| {
            let weight = |pair| 1.0 / spread.get(pair).copied().unwrap_or(1) as f64;
            let codes = d
                .codes
                .iter()
                .filter(|c| tokens.contains(c.as_str()) || upper.contains(c.as_str()))
                .count() as f64;
            let name: f64 = d.name_pairs.intersection(&pairs).map(weight).sum();
            let description: f64 = d
                .description_pairs
                .difference(&d.name_pairs)
                .filter(|p| pairs.contains(*p))
                .map(weight)
                .sum();
            let score = CODE * codes + NAME_PAIR * name + DESCRIPTION_PAIR * description;
            (score, d.key)
        })
        .filter(|(score, _)| *score >= THRESHOLD)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(MOST)
        .map(|(_, k)| k.to_string())
        .collect()
}

/// A topic as the text is compared with it.
struct Described<'a> {
    key: &'a str,
    /// Document numbers (lowercase, as tokens) and acronyms (as written) of the name.
    codes: Vec<String>,
    name_pairs: HashSet<(String, String)>,
    description_pairs: HashSet<(String, String)>,
}

impl<'a> Described<'a> {
    fn new(topic: &'a Term) -> Described<'a> {
        let mut codes: Vec<String> = words(&topic.name)
            .into_iter()
            .filter(|w| w.chars().any(|c| c.is_ascii_digit()) && w.chars().count() > 2)
            .collect();
        codes.extend(
            format!("{} {}", topic.name, topic.description)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| {
                    w.chars().count() >= 3 && w.chars().filter(|c| c.is_uppercase()).count() >= 3
                })
                .map(str::to_string),
        );
        Described {
            key: &topic.key,
            codes,
            name_pairs: pairs(&words(&topic.name)).collect(),
            description_pairs: pairs(&words(&topic.description)).collect(),
        }
    }
}

/// Lowercase words; a document number (`118/2025/NĐ-CP`) stays one word.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '/' || c == '-'))
        .map(|w| w.trim_matches(['/', '-']).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Neighbouring syllables, neither a stopword nor a number.
fn pairs(words: &[String]) -> impl Iterator<Item = (String, String)> + '_ {
    let plain = |w: &str| !STOPWORDS.contains(&w) && w.chars().all(char::is_alphabetic);
    words
        .windows(2)
        .filter(move |w| plain(&w[0]) && plain(&w[1]))
        .map(|w| (w[0].clone(), w[1].clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topic(key: &str, name: &str, description: &str) -> Term {
        Term {
            key: key.to_string(),
            name: name.to_string(),
            description: description.to_string(),
            target: None,
            hashtag: String::new(),
            home: false,
        }
    }

    fn topics() -> Vec<Term> {
        vec![
            topic("nghi-dinh-118", "Nghị định số 118/2025/NĐ-CP", "Quy định mới về tiếp nhận, giải quyết thủ tục hành chính theo cơ chế một cửa, một cửa liên thông."),
            topic("papi", "Hiệu quả quản trị và hành chính công – PAPI", "Cảm nhận và trải nghiệm của người dân về quản trị, hành chính công ở địa phương."),
            topic("chuyen-doi-so", "Chính quyền số và chuyển đổi số", "Xây dựng chính quyền điện tử, ứng dụng công nghệ trong cải cách hành chính."),
            topic("par-index", "Chỉ số cải cách hành chính – PAR INDEX", "Kết quả đánh giá cải cách hành chính hằng năm."),
            topic("vai-tro-cchc", "Vai trò của cải cách hành chính", "Vì sao cải cách hành chính quan trọng với phát triển kinh tế - xã hội."),
        ]
    }

    #[test]
    fn a_document_number_in_the_text_suggests_its_topic() {
        let text = "Sở Tư pháp triển khai Nghị định số 118/2025/NĐ-CP về thủ tục hành chính.";
        assert_eq!(suggest(text, &topics())[0], "nghi-dinh-118");
    }

    #[test]
    fn the_subject_suggests_its_topic_and_words_every_topic_shares_do_not() {
        let text = "Ứng dụng công nghệ, chuyển đổi số trong cải cách hành chính: chính quyền số phục vụ người dân.";
        assert_eq!(suggest(text, &topics()), ["chuyen-doi-so"]);
        let acronym = "Kết quả chỉ số PAPI năm 2024 của tỉnh.";
        assert_eq!(suggest(acronym, &topics()), ["papi"]);
        assert!(suggest("Thời tiết hôm nay đẹp.", &topics()).is_empty());
    }
}
