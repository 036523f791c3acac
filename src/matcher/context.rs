//! Context words near a weak alias ("genomics", "DNA", "基因") and words that veto an alias
//! ("airport" near "BGI").
//!
//! A second, small automaton, run only over the window around a weak (or vetoable) candidate,
//! so the common case — text without weak aliases — pays nothing for it.

use crate::fold::is_word_char;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

pub(crate) struct ContextWords {
    automaton: Option<AhoCorasick>,
    words: Vec<String>,
}

impl ContextWords {
    pub(crate) fn new(words: &[String]) -> ContextWords {
        let automaton = (!words.is_empty()).then(|| {
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .match_kind(MatchKind::Standard)
                .build(words)
                .expect("context words within the automaton's limits")
        });
        ContextWords {
            automaton,
            words: words.to_vec(),
        }
    }

    pub(crate) fn memory_usage(&self) -> usize {
        self.automaton.as_ref().map_or(0, AhoCorasick::memory_usage)
    }

    /// Ids of the words found as whole words within `window` characters of `[start, end)` in
    /// folded `text`, outside the match itself.
    pub(crate) fn near(&self, text: &str, start: usize, end: usize, window: usize) -> Vec<u32> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let (lo, hi) = window_around(text, start, end, window);
        let mut found = Vec::new();
        for m in ac.find_overlapping_iter(&text[lo..hi]) {
            let (s, e) = (lo + m.start(), lo + m.end());
            if s < end && e > start {
                continue;
            }
            let word = &self.words[m.pattern().as_usize()];
            let starts_word = word.chars().next().is_some_and(is_word_char);
            let ends_word = word.chars().last().is_some_and(is_word_char);
            if starts_word && text[..s].chars().next_back().is_some_and(is_word_char) {
                continue;
            }
            if ends_word && text[e..].chars().next().is_some_and(is_word_char) {
                continue;
            }
            found.push(m.pattern().as_u32());
        }
        found
    }
}

/// The byte range of `text` from `window` characters before `start` to `window` characters
/// after `end` (a CJK character is one character, not three bytes).
pub(crate) fn window_around(text: &str, start: usize, end: usize, window: usize) -> (usize, usize) {
    let lo = text[..start]
        .char_indices()
        .rev()
        .nth(window.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    let lo = if window == 0 { start } else { lo };
    let hi = text[end..]
        .char_indices()
        .nth(window)
        .map_or(text.len(), |(i, _)| end + i);
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::window_around;

    #[test]
    fn windows_count_characters() {
        let text = "一二三MGI四五六";
        let (s, e) = (9, 12);
        assert_eq!(window_around(text, s, e, 2), (3, 18));
        assert_eq!(&text[3..18], "二三MGI四五");
        assert_eq!(window_around(text, s, e, 10), (0, text.len()));
        assert_eq!(window_around("abcXYZdef", 3, 6, 1), (2, 7));
        assert_eq!(window_around("abcXYZdef", 3, 6, 0), (3, 6));
    }
}
