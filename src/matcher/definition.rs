//! Acronym definitions: "McKinsey Global Institute (MGI)", "MGI (Mouse Genome Informatics)",
//! "Barclays Global Investors, or BGI,", "MGI stands for ...". A document that spells out what
//! an acronym means there tells us which organisation its bare acronym names, in every
//! paragraph, not only near the definition.
//!
//! Whether a long form abbreviates to the acronym follows Schwartz and Hearst's algorithm ("A
//! simple algorithm for identifying abbreviation definitions in biomedical text", 2003): the
//! acronym's letters occur in the long form in order, the first one at the start of a word,
//! and the long form has at most `min(n + 5, 2n)` words for an acronym of `n` letters. We also
//! require two words or more and that the long form does not contain the acronym itself as a
//! word ("(MGI, Shenzhen, China)" attributes a product; it defines nothing).
//!
//! Organisations write their names in capitals: every word of a long form but short function
//! words ("of", "and") must start with a capital letter in the original text, so "the
//! Beijing-based genomics giant (BGI)" defines nothing while "Barclays Global Investors (BGI)"
//! does.
//!
//! Works on folded text (lower case, one space between words), as the matcher does, and looks
//! at the original text only for capitals.

use crate::fold::{is_word_char, Folded};

/// Quote characters that may sit around a defined acronym: `("MGI")`, `(“MGI”)`.
const QUOTES: &[char] = &['"', '\'', '“', '”', '«', '»'];

/// Phrases after an acronym that introduce its expansion.
const STANDS_FOR: &[&str] = &[
    " stands for ",
    ", which stands for ",
    " stood for ",
    " is short for ",
    ", short for ",
    " (short for ",
    " is an acronym for ",
    " is an abbreviation for ",
];

/// If the acronym at `[start, end)` of `folded` text is being defined here, the byte range of
/// its long form in the folded text. `original` is the unfolded text.
pub(crate) fn long_form(
    folded: &Folded,
    original: &str,
    start: usize,
    end: usize,
) -> Option<(usize, usize)> {
    let range = find_long_form(&folded.text, start, end)?;
    let text = folded.text.as_str();
    let capitalised = words(text, range.0, range.1).into_iter().all(|(s, e)| {
        e - s <= 3 && s != range.0
            || original[folded.original_start(s)..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    });
    capitalised.then_some(range)
}

fn find_long_form(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let acronym: Vec<char> = text[start..end]
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    if acronym.len() < 2 {
        return None;
    }
    let before = text[..start].trim_end_matches(QUOTES);
    let after = text[end..].trim_start_matches(QUOTES);
    // "Long Name (ACR)" and "Long Name, or ACR,".
    if let Some(head) = before.strip_suffix('(') {
        if after.starts_with(')') {
            return long_form_before(text, head.trim_end().len(), &acronym);
        }
    }
    for or in [", or ", " (or "] {
        if let Some(head) = before.strip_suffix(or) {
            if after.starts_with([',', ')', '.', ';']) || after.is_empty() {
                return long_form_before(text, head.len(), &acronym);
            }
        }
    }
    // "ACR (Long Name)".
    if let Some(inner) = after.strip_prefix(" (") {
        let close = inner.find(')')?;
        let from = text.len() - inner.len();
        return long_form_after(text, from, from + close, &acronym);
    }
    // "ACR stands for Long Name".
    for phrase in STANDS_FOR {
        if let Some(rest) = text[end..].strip_prefix(phrase) {
            let from = text.len() - rest.len();
            let stop = rest
                .find(['.', ',', ';', ':', ')', '(', '"', '“', '”'])
                .unwrap_or(rest.len());
            return long_form_after(text, from, from + stop, &acronym);
        }
    }
    None
}

/// Word ranges of `text[from..to]`: maximal runs of word characters (a hyphenated word counts
/// as its parts, as in "Stereo-seq").
fn words(text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[from..to].char_indices() {
        let i = from + i;
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, to));
    }
    out
}

fn max_words(acronym: &[char]) -> usize {
    (acronym.len() + 5).min(acronym.len() * 2)
}

/// The shortest run of words ending at `to` that abbreviates to `acronym`.
fn long_form_before(text: &str, to: usize, acronym: &[char]) -> Option<(usize, usize)> {
    // Only the words of the same clause: a sentence or a list item does not run across.
    let from = text[..to]
        .rfind(['.', ';', ':', '(', ')', '"', '“', '”', '!', '?', ','])
        // Past the whole separator: curly quotes are three bytes.
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let all = words(text, from, to);
    let limit = max_words(acronym);
    for n in 2..=limit.min(all.len()) {
        let span = &all[all.len() - n..];
        if abbreviates(text, span, acronym) {
            return Some((span[0].0, to));
        }
    }
    None
}

/// The words of `text[from..to]`, when they abbreviate to `acronym`.
fn long_form_after(text: &str, from: usize, to: usize, acronym: &[char]) -> Option<(usize, usize)> {
    let all = words(text, from, to);
    if all.len() < 2 || all.len() > max_words(acronym) {
        return None;
    }
    abbreviates(text, &all, acronym).then_some((all[0].0, all[all.len() - 1].1))
}

/// Schwartz-Hearst: the acronym's letters, last to first, found right to left in the words,
/// the first letter at the start of the first word; the acronym is not one of the words.
fn abbreviates(text: &str, span: &[(usize, usize)], acronym: &[char]) -> bool {
    let acr: String = acronym.iter().collect();
    if span.iter().any(|&(s, e)| text[s..e] == acr) {
        return false;
    }
    let first = span[0];
    if !text[first.0..].starts_with(acronym[0]) {
        return false;
    }
    let chars: Vec<char> = text[first.0..span[span.len() - 1].1].chars().collect();
    let mut i = chars.len();
    for (k, &a) in acronym.iter().enumerate().rev() {
        loop {
            if i == 0 {
                return false;
            }
            i -= 1;
            if chars[i] == a && (k > 0 || i == 0) {
                break;
            }
        }
    }
    // Every word takes part: a long form does not start with words the acronym skips.
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::{fold, fold_pattern};

    /// The long form defined for the last occurrence of `acronym` in `text`, if any.
    fn defined(text: &str, acronym: &str) -> Option<String> {
        let f = fold(text);
        let a = fold_pattern(acronym);
        let s = f.text.rfind(&a).expect("acronym in text");
        long_form(&f, text, s, s + a.len()).map(|(a, b)| f.text[a..b].to_string())
    }

    #[test]
    fn a_curly_quote_before_a_definition_is_passed_whole() {
        // Panicked once: the clause started one byte into the closing quote.
        assert_eq!(
            defined(
                "research“quoted” café on McKinsey Global Institute (MGI)",
                "MGI"
            )
            .as_deref(),
            Some("mckinsey global institute")
        );
    }

    #[test]
    fn finds_definitions() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "the McKinsey Global Institute (MGI) said",
                "MGI",
                Some("mckinsey global institute"),
            ),
            // A curly quote (three bytes) ends the clause: no slicing inside it.
            (
                "he said “yes” to Mouse Genome Informatics (MGI) today",
                "MGI",
                Some("mouse genome informatics"),
            ),
            (
                "Mouse Genome Informatics (MGI) curates",
                "MGI",
                Some("mouse genome informatics"),
            ),
            (
                "Magellan Investments (MGI) bought",
                "MGI",
                Some("magellan investments"),
            ),
            (
                "Barclays Global Investors, or BGI, managed",
                "BGI",
                Some("barclays global investors"),
            ),
            (
                "MGI (Magnetic Gene Imaging) is",
                "MGI",
                Some("magnetic gene imaging"),
            ),
            (
                "MGI stands for Magellan Global Investments, a fund",
                "MGI",
                Some("magellan global investments"),
            ),
            (
                "FGI, short for Facility Guidelines Institute, writes",
                "FGI",
                Some("facility guidelines institute"),
            ),
            (
                "Beijing Genomics Institute (BGI) was founded",
                "BGI",
                Some("beijing genomics institute"),
            ),
            (
                "the Bank of Georgia Investments (BGI) fund",
                "BGI",
                Some("bank of georgia investments"),
            ),
            (
                "“MGI” (“McKinsey Global Institute”) wrote",
                "MGI",
                Some("mckinsey global institute"),
            ),
            // Not definitions.
            ("MGI Tech Co., Ltd. (\"MGI\") announced", "MGI", None),
            (
                "sequenced on a DNBSEQ-T7 (MGI, Shenzhen, China)",
                "MGI",
                None,
            ),
            ("the DNBSEQ-T7 sequencer (MGI)", "MGI", None),
            ("the Beijing-based genomics giant (BGI)", "BGI", None),
            ("MGI (a BGI subsidiary) said", "MGI", None),
            ("shares of MGI (688114) rose", "MGI", None),
            ("MGI said", "MGI", None),
        ];
        for (text, acronym, want) in cases {
            assert_eq!(defined(text, acronym).as_deref(), *want, "in {text:?}");
        }
    }
}
