//! The pairs of neighbouring words a page is indexed with, for phrases.

use rustc_hash::FxHashSet;

use super::words::{packed, Folds};

/// The pairs of neighbouring words (`nghi dinh`, `dinh 118`) of the title and of the text's
/// beginning (what the result shows), each once: words of their own with a count of 1. The
/// page script ranks first the pages having every pair of a query, that is its phrase, where
/// a reader sees it. Only the beginning: pairs of the whole text would double the index.
pub struct Pairs {
    /// The folded words of both, each field's joined by one space, so that each pair is a
    /// piece of it (pairs do not cross from one field to the next).
    text: String,
    /// Where each pair starts and ends in `text`, once each.
    spans: Vec<(u32, u32)>,
}

impl Pairs {
    /// The pairs of `title` and `beginning`, their words folded as `folds` has them.
    pub fn of(title: &str, beginning: &str, folds: &Folds) -> Pairs {
        let mut text = String::with_capacity(title.len() + beginning.len() + 1);
        // About one pair per word, and a word per five bytes or more.
        let mut spans = Vec::with_capacity((title.len() + beginning.len()) / 4);
        for field in [title, beginning] {
            // Where the last word of this field starts, once there is one.
            let mut previous: Option<usize> = None;
            folds.for_each_word(field, |word| {
                if previous.is_some() {
                    text.push(' ');
                }
                let start = text.len();
                text.push_str(word);
                if let Some(first) = previous {
                    spans.push((first as u32, text.len() as u32));
                }
                previous = Some(start);
            });
        }
        // Each pair once. Most are two syllables, at most 16 bytes: those are told apart by
        // their bytes as one number, as the count tells its words (`words::packed`); a
        // string key cost a pass over its bytes to hash and a call to compare them.
        let mut short: FxHashSet<u128> =
            FxHashSet::with_capacity_and_hasher(spans.len(), Default::default());
        let mut long: FxHashSet<&str> = FxHashSet::default();
        spans.retain(|span| {
            let pair = piece(&text, *span);
            match packed(&text, pair) {
                Some(key) => short.insert(key),
                None => long.insert(pair),
            }
        });
        Pairs { text, spans }
    }

    pub fn each(&self) -> impl Iterator<Item = &str> + '_ {
        self.spans.iter().map(|span| piece(&self.text, *span))
    }
}

fn piece(text: &str, (start, end): (u32, u32)) -> &str {
    &text[start as usize..end as usize]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::count_and_fold;

    /// The pairs as a page has them: its text's spellings folded once, by the count.
    fn pairs_of(title: &str, text: &str) -> Pairs {
        let folds = count_and_fold(&[text]);
        Pairs::of(title, text, &folds)
    }

    #[test]
    fn pairs_of_neighbouring_words_once_each_and_not_across_title_and_text() {
        let pairs = pairs_of("Nghị định 118", "nghị định mới, Nghị định 118.");
        let mut each: Vec<&str> = pairs.each().collect();
        each.sort_unstable();
        assert_eq!(each, ["dinh 118", "dinh moi", "moi nghi", "nghi dinh"]);
        assert_eq!(pairs_of("Một", "").each().count(), 0);
    }

    #[test]
    fn pairs_longer_than_sixteen_bytes_are_kept_once_too() {
        // "truongphongxyz ab" is 17 bytes, "truongphongxyz a" 16.
        let text = "truongphongxyz ab truongphongxyz ab truongphongxyz a truongphongxyz a";
        let pairs = pairs_of("", text);
        let mut each: Vec<&str> = pairs.each().collect();
        each.sort_unstable();
        assert_eq!(
            each,
            [
                "a truongphongxyz",
                "ab truongphongxyz",
                "truongphongxyz a",
                "truongphongxyz ab"
            ]
        );
    }

    proptest::proptest! {
        /// Each pair of neighbouring words once, in the order first met, short or long.
        #[test]
        fn each_pair_is_kept_once_in_the_order_first_met(
            title in proptest::collection::vec(proptest::sample::select(WORDS), 0..6),
            text in proptest::collection::vec(proptest::sample::select(WORDS), 0..40),
        ) {
            let (title, text) = (title.join(" "), text.join(" "));
            let mut expected: Vec<String> = Vec::new();
            for field in [&title, &text] {
                let words = crate::search::words(field);
                for pair in words.windows(2).map(|w| w.join(" ")) {
                    if !expected.contains(&pair) {
                        expected.push(pair);
                    }
                }
            }
            let pairs = pairs_of(&title, &text);
            let each: Vec<&str> = pairs.each().collect();
            proptest::prop_assert_eq!(each, expected);
        }
    }

    /// Words of every length around the 16 bytes a short pair holds, spelled two ways.
    const WORDS: &[&str] = &[
        "a",
        "Nghị",
        "nghị",
        "định",
        "118",
        "truongphongxyz",
        "Trườngphòngxyz",
        "abcdefgh",
        "abcdefghi",
        "đ",
        "x-y",
    ];
}
