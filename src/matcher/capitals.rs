//! Capitals that carry no information. A `cased` alias ("Complete Genomics", "Innomics") is
//! told from the ordinary phrase by its capitals; in a Title-Case heading ("Phase 1: Complete
//! Genomics Workflow") or an all-capitals line every word has them, so there the capitals say
//! nothing and the alias needs support like a weak one.
//!
//! The test looks at the line (of the original text) the match is on, outside the match: it is
//! uninformative when its other words are all in capitals, or all start with a capital but for
//! short function words ("of", "and", "the"), and there are at least two of them. A sentence
//! ("We bought a sequencer from Complete Genomics") has lower-case words; a line holding only
//! the name (a list of companies) says nothing either way and keeps the name's capitals.

/// Words a Title-Case heading leaves in lower case.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "en", "for", "from", "in", "into", "nor", "of",
    "on", "or", "per", "the", "to", "up", "via", "vs", "with",
];

/// True when capitals on the line of `original[start..end]` carry no information.
pub(crate) fn uninformative(original: &str, start: usize, end: usize) -> bool {
    let line_start = original[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = original[end..]
        .find('\n')
        .map_or(original.len(), |i| end + i);
    let words = words(&original[line_start..start]).chain(words(&original[end..line_end]));
    let (mut count, mut all_caps, mut title) = (0, true, true);
    for w in words {
        let first = w.chars().next().expect("words are not empty");
        let lower_word = w.chars().any(char::is_lowercase);
        // One letter ("a", "I") or digits say nothing about the line's style.
        if w.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            continue;
        }
        count += 1;
        all_caps &= !lower_word;
        if !first.is_uppercase() && !FUNCTION_WORDS.contains(&w) {
            title = false;
        }
        if !all_caps && !title {
            return false;
        }
    }
    count >= 2 && (all_caps || title)
}

/// Runs of letters and digits (an apostrophe or hyphen inside a word splits it: "San Jose-based"
/// is "San", "Jose", "based").
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, name: &str) -> bool {
        let s = text.find(name).expect("name in text");
        uninformative(text, s, s + name.len())
    }

    #[test]
    fn headings_and_capitals_lines_are_uninformative() {
        let yes = [
            "Phase 1: Complete Genomics Workflow",
            "PHASE 1: COMPLETE GENOMICS WORKFLOW FOR SMALL LABS",
            "How To Run A Complete Genomics Analysis On A Laptop",
            "Chapter 4: Innomics and the Future of Data Science",
            "Intro\nComplete Genomics Opens New Facility In San Jose\nbody text here",
        ];
        for text in yes {
            let name = ["Complete Genomics", "COMPLETE GENOMICS", "Innomics"]
                .into_iter()
                .find(|n| text.contains(n))
                .expect("a name");
            assert!(at(text, name), "{text:?}");
        }
        let no = [
            "We bought a sequencer from Complete Genomics last year.",
            "Complete Genomics",
            "Complete Genomics, Inc.",
            "San Jose-based Complete Genomics said the instrument ships.",
            "Shares of COMPLETE GENOMICS rose in early trading.",
        ];
        for text in no {
            let name = if text.contains("COMPLETE") {
                "COMPLETE GENOMICS"
            } else {
                "Complete Genomics"
            };
            assert!(!at(text, name), "{text:?}");
        }
    }
}
