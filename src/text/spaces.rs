//! White space folded as a reader sees it: words joined by one space, none at either end.

/// The beginning of `text` with its white space folded (words joined by one space, none at
/// either end, as `split_whitespace` and `join` would make it): more than `at_least` bytes
/// of it, or all of it when it is not that long (`usize::MAX` asks for all). Always the
/// beginning of what folding the whole text gives: a search result shows only the beginning
/// of a page's text, so only that much is folded.
pub fn fold_spaces(text: &str, at_least: usize) -> String {
    let bytes = text.as_bytes();
    let mut folded = String::with_capacity(at_least.min(text.len()) + 64);
    let mut at = skip_spaces(text, 0);
    // Text between words is most often one ASCII space, which folding keeps as it is: the
    // stretch from `start` to `at` is folded already, and is copied at once.
    let mut start = at;
    // Where the bytes stop being looked at one by one, and runs are tried again.
    let mut one_by_one = 0;
    while at < bytes.len() {
        if at >= one_by_one {
            // A whole run at once, when it folds to itself and every word ending in it (or
            // at its end) leaves the text folded so far no longer than asked. Byte by byte,
            // each space and each lead byte was a branch the processor guessed wrong.
            let words_fit = folded.len() + (at + RUN - start) <= at_least;
            match bytes.get(at..at + RUN + 2) {
                Some(window) if words_fit && folds_to_itself(window) => {
                    at += RUN;
                    continue;
                }
                Some(_) if words_fit => one_by_one = at + RUN,
                _ => one_by_one = usize::MAX,
            }
        }
        let len = super::space_len(text, at);
        if len == 0 {
            at += 1;
            continue;
        }
        // A word ends at `at`: enough words once they are longer than asked.
        if folded.len() + (at - start) > at_least {
            break;
        }
        let next = skip_spaces(text, at + len);
        if next == bytes.len() {
            break;
        }
        if next > at + 1 || bytes[at] != b' ' {
            folded.push_str(&text[start..at]);
            folded.push(' ');
            start = next;
        }
        at = next;
    }
    folded.push_str(&text[start..at]);
    folded
}

/// The bytes [`fold_spaces`] looks at together.
const RUN: usize = 32;

/// Whether the first [`RUN`] bytes of `window` (which has two more, to see what follows
/// them) fold to themselves: no white space but single ASCII spaces, each followed by
/// something else. A byte that may start a non-ASCII space ([`super::may_start_space`])
/// counts as one. Flags as bytes, not booleans, so that the compiler does all the run at once.
fn folds_to_itself(window: &[u8]) -> bool {
    let Ok(window): Result<&[u8; RUN + 2], _> = window.try_into() else {
        return false;
    };
    use super::{ascii_space, may_start_space};
    let mut changes = 0u8;
    for i in 0..RUN {
        let (byte, next, after) = (window[i], window[i + 1], window[i + 2]);
        let space = u8::from(byte == b' ');
        changes |= may_start_space(byte, next)
            | (ascii_space(byte) & !space & 1)
            | (space & (ascii_space(next) | may_start_space(next, after)));
    }
    changes == 0
}

/// Where the white space starting at byte `at` of `text` ends (`at` when none starts there).
fn skip_spaces(text: &str, mut at: usize) -> usize {
    while at < text.len() {
        match super::space_len(text, at) {
            0 => break,
            len => at += len,
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapsing_stops_after_enough_of_the_text() {
        let text = " Nghị  định\n số\u{a0}118 ";
        assert_eq!(fold_spaces(text, usize::MAX), "Nghị định số 118");
        // "Nghị" is 6 bytes: more than 4 or 5, not more than 6.
        assert_eq!(fold_spaces(text, 4), "Nghị");
        assert_eq!(fold_spaces(text, 6), "Nghị định");
        assert_eq!(fold_spaces(text, 0), "Nghị");
        assert_eq!(fold_spaces(text, 16), "Nghị định số");
    }

    proptest::proptest! {
        /// The beginning holds the words of the text, one space between them, up to the
        /// first that takes it past `at_least` bytes: whatever the spaces between them (one
        /// ASCII space, runs, tabs and line ends, Unicode spaces, and the letters that share
        /// their first bytes, as `ᚠ` shares U+1680's), and long stretches of single spaces
        /// (folded run by run) among them.
        #[test]
        fn the_beginning_stops_after_the_first_word_past_its_length(
            text in "([aạ ᚠ\u{a0}\u{1680}\u{2028}\u{3000}\u{85}\t\r\n—]|  | \u{a0}| \u{1680}|ạa a|aa ạ|ạa aạ aa a){0,80}",
            at_least in 0usize..300,
        ) {
            let mut expected = String::new();
            for word in text.split_whitespace() {
                if !expected.is_empty() {
                    if expected.len() > at_least {
                        break;
                    }
                    expected.push(' ');
                }
                expected.push_str(word);
            }
            proptest::prop_assert_eq!(fold_spaces(&text, at_least), expected);
        }
    }
}
