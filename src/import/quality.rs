//! Whether a list's name can stand on its own in running text.
//!
//! Real lists hold names that, once their legal form is removed, are ordinary language:
//! "WAYSIDE CORPORATION" ("fall by the wayside"), "THE BASE", "RADIO AND TELEVISION
//! CORPORATION", "INTERSECTION LLC"; or only digits ("11420 CORP.", an order number), or one
//! character. Matched as bare words they flag ordinary text. The test is data, not capitals (in
//! an all-capital list like the SDN, capitals say nothing): a name is ordinary when each of its
//! words is in `data/common-words/en.txt`, common English words without proper nouns.
//!
//! A name that is a place's name ("IRAN", "ABU DHABI", "SYRIAN") names the place in running
//! text, whoever the list gives it to; a company once called "BAIKAL" or "URAL" is likewise
//! the lake or the mountains in a text, a place found among the proper nouns.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Why a name cannot stand on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Problem {
    /// Every word is a common word: "wayside", "the base", "radio and television".
    CommonWords,
    /// No letter: "11420".
    DigitsOnly,
    /// One letter or digit.
    OneCharacter,
    /// A company's name that is one well-known proper noun once the legal form is removed:
    /// a given name or a place ("TARA LIMITED", "EMMA LLC", "BAIKAL", "URAL").
    ProperNoun,
    /// A country's, territory's or capital's name, or a demonym, on any record: "IRAN",
    /// "ABU DHABI", "SYRIAN" ([`crate::places`]).
    Place,
}

impl Problem {
    /// How the import report says it.
    pub fn describe(self) -> &'static str {
        match self {
            Problem::CommonWords => "common words once the legal form is removed",
            Problem::DigitsOnly => "only digits",
            Problem::OneCharacter => "a single character",
            Problem::ProperNoun => {
                "a company named by one common proper noun (a given name, a place)"
            }
            Problem::Place => "the name of a country, territory or capital, or a demonym",
        }
    }
}

const WORDS: &str = include_str!("../../data/common-words/en.txt");
const PROPER: &str = include_str!("../../data/common-words/en-proper.txt");

fn set(text: &'static str) -> HashSet<&'static str> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect()
}

fn words() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| set(WORDS))
}

fn proper_nouns() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| set(PROPER))
}

/// Every place name of [`crate::places::PLACES`], folded as alias keys are.
fn places() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        crate::places::PLACES
            .lines()
            .filter_map(|l| l.get(2..))
            .filter(|name| !name.is_empty())
            .collect()
    })
}

/// Stems an inflected word may come from; the same rules `scripts/common-words.sh` used to
/// drop inflections from the file.
fn inflection_stems(w: &str) -> impl Iterator<Item = String> + '_ {
    let n = w.len();
    let b = w.as_bytes();
    let doubled = |k: usize| n > k + 1 && b[n - k - 1] == b[n - k - 2];
    [
        w.strip_suffix("ies").map(|s| format!("{s}y")),
        w.strip_suffix("es").map(str::to_string),
        w.strip_suffix('s').map(str::to_string),
        w.strip_suffix("ied").map(|s| format!("{s}y")),
        w.strip_suffix("ed").map(str::to_string),
        w.strip_suffix('d')
            .filter(|_| w.ends_with("ed"))
            .map(str::to_string),
        w.strip_suffix("ed")
            .filter(|_| doubled(2))
            .map(|s| s[..s.len() - 1].to_string()),
        w.strip_suffix("ing").map(str::to_string),
        w.strip_suffix("ing").map(|s| format!("{s}e")),
        w.strip_suffix("ing")
            .filter(|_| doubled(3))
            .map(|s| s[..s.len() - 1].to_string()),
    ]
    .into_iter()
    .flatten()
    .filter(|s| s.len() >= 2)
}

/// True when `word` (folded, lower case) is a common English word or an inflection of one.
pub(crate) fn is_common_word(word: &str) -> bool {
    let set = words();
    // One letter ("s" of "lord's", "a") carries no name.
    word.chars().count() < 2
        || set.contains(word)
        || inflection_stems(word).any(|s| set.contains(s.as_str()))
}

/// The words of `key`, with runs of single letters ("a.i.c.", "i a c") joined into one word.
fn initialisms_joined(key: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut run = String::new();
    for w in key
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if w.chars().count() == 1 && w.chars().all(char::is_alphabetic) {
            run.push_str(w);
            continue;
        }
        if !run.is_empty() {
            out.push(std::mem::take(&mut run));
        }
        out.push(w.to_string());
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// What is wrong with a name as a bare pattern; `key` is its folded form without the legal form
/// (`catalog::alias_key`). `company`: the record names a company (one of its names has a legal
/// form); only then is a single well-known proper noun a problem: "TARA LIMITED" is rarely the
/// Tara in a text, while "TALIBAN" or "HAMAS", organisations with no legal form, are.
pub(crate) fn judge(key: &str, company: bool) -> Option<Problem> {
    let alnum = key.chars().filter(|c| c.is_alphanumeric()).count();
    if alnum <= 1 {
        return Some(Problem::OneCharacter);
    }
    if !key.chars().any(char::is_alphabetic) {
        return Some(Problem::DigitsOnly);
    }
    // Only Latin-script words are judged: the list is English, and other scripts' names are
    // not English words.
    let words = initialisms_joined(key);
    let latin = words
        .iter()
        .all(|w| w.chars().all(|c| c.is_ascii_alphanumeric()));
    // A lone letter is a word ("a"); letters in a row are an initialism ("A.I.C.", "I A C").
    // Digits next to common words ("radio 1", "7 eleven") are no name either.
    let common = latin
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_digit()) || is_common_word(w));
    if common {
        return Some(Problem::CommonWords);
    }
    // A place's name names the place, whatever kind of record holds it: in any list.
    if places().contains(key) {
        return Some(Problem::Place);
    }
    (company && latin && words.len() == 1 && proper_nouns().contains(words[0].as_str()))
        .then_some(Problem::ProperNoun)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::alias_key;

    fn judged(name: &str) -> Option<Problem> {
        judge(&alias_key(name), false)
    }

    #[test]
    fn companies_named_by_a_proper_noun() {
        for name in ["TARA LIMITED", "EMMA LLC", "BAIKAL"] {
            assert_eq!(
                judge(&alias_key(name), true),
                Some(Problem::ProperNoun),
                "{name}"
            );
            assert_eq!(judged(name), None, "{name}");
        }
        assert_eq!(judge(&alias_key("MAHAN AIR"), true), None);
    }

    #[test]
    fn places_on_any_record() {
        for name in [
            "IRAN",
            "Syria",
            "ABU DHABI",
            "SYRIAN",
            "Pyongyang",
            "NORTH KOREA",
        ] {
            assert_eq!(judged(name), Some(Problem::Place), "{name}");
            assert_eq!(
                judge(&alias_key(name), true),
                Some(Problem::Place),
                "{name}"
            );
        }
        // With a legal form the key is still the place: "IRAN LLC" is matched only so.
        assert_eq!(judged("IRAN LLC"), Some(Problem::Place));
        // A place inside a longer name is a name.
        for name in [
            "BANK OF IRAN",
            "SYRIAN ARAB AIRLINES",
            "KOREA KWANGSON BANKING CORP",
        ] {
            assert_eq!(judged(name), None, "{name}");
        }
        // Lakes and mountains are not in the country table: as a company's whole name they
        // are proper nouns, caught with the company rule.
        for name in ["BAIKAL", "URAL"] {
            assert_eq!(
                judge(&alias_key(name), true),
                Some(Problem::ProperNoun),
                "{name}"
            );
        }
    }

    #[test]
    fn ordinary_names() {
        for name in [
            "WAYSIDE CORPORATION",
            "THE EAGLES L.L.C.",
            "RADIO AND TELEVISION CORPORATION",
            "INTERSECTION LLC",
            "TIMBER CORPORATION",
            "THE BASE",
            "Fake",
            "ECONOMY TODAY LLC",
            "COAL TECHNOLOGIES",
        ] {
            assert_eq!(judged(name), Some(Problem::CommonWords), "{name}");
        }
        assert_eq!(judged("11420 CORP."), Some(Problem::DigitsOnly));
        assert_eq!(judged("X"), Some(Problem::OneCharacter));
    }

    #[test]
    fn names_that_stand() {
        for name in [
            "HAMAS",
            "BAIKAL",
            "AL QA'IDA",
            "ISLAMIC REVOLUTIONARY GUARD CORPS",
            "NATIONAL IRANIAN OIL COMPANY",
            "BGI Genomics Co., Ltd.",
            "TALIBAN",
            "MAHAN AIR",
            "华大基因",
            "ЗАЛА АЭРО",
            "A.I.C. COMPREHENSIVE RESEARCH INSTITUTE",
            "I A C INTERNATIONAL INC.",
        ] {
            assert_eq!(judged(name), None, "{name}");
        }
    }

    #[test]
    fn inflections_found_from_stems() {
        // The file keeps stems only; the forms come back through the rules.
        assert!(!WORDS.lines().any(|l| l == "eagles"));
        for w in [
            "eagles",
            "technologies",
            "timbers",
            "intersections",
            "building",
        ] {
            assert!(is_common_word(w), "{w}");
        }
        assert!(!is_common_word("hamas"));
    }
}
