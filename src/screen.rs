//! Screening (`bioflag screen`, the Python package's `Engine.screen`): checks a list of names
//! (a supplier CSV), not free text. A name is a *match* when, without its legal form, it is one
//! of an entity's names; it *contains* one when a full name appears inside it ("BGI Genomics
//! Europe"); a bare short name (MGI) needs *review*, since a list row has no context to confirm
//! it.
//!
//! Companies write their own names differently from a list: "Esfahan Steel Co., Ltd" for
//! "ESFAHAN STEEL COMPANY", "Iranian Ghadir Iron and Steel Company" for "IRANIAN GHADIR IRON &
//! STEEL CO.", "JSC Izhevsky Mekhanichesky Zavod" for "IZHEVSKY MEKHANICHESKY ZAVOD JSC". So a
//! name is also compared by its [`screen_key`]: punctuation and `&`/`and` aside, legal forms
//! removed from either end. A name that only shares words with a listed one ("National Oil
//! Services LLC") has another key and stays clear.

use crate::catalog::alias_key;
use crate::{Evidence, Matcher};
use std::collections::HashMap;

/// The verdict on one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Match { entity: u32 },
    Contains { entity: u32 },
    Review { entity: u32 },
    Clear,
}

impl Verdict {
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::Match { .. } => "match",
            Verdict::Contains { .. } => "contains",
            Verdict::Review { .. } => "review",
            Verdict::Clear => "clear",
        }
    }

    pub fn entity(&self) -> Option<u32> {
        match *self {
            Verdict::Match { entity }
            | Verdict::Contains { entity }
            | Verdict::Review { entity } => Some(entity),
            Verdict::Clear => None,
        }
    }
}

/// Screens names against a matcher.
pub struct Screener<'a> {
    matcher: &'a Matcher,
    /// Alias key → (entity, weak), first loaded catalog first.
    names: HashMap<&'a str, (u32, bool)>,
    /// Screening key → (entity, weak or only a name with its legal form).
    loose: HashMap<String, (u32, bool)>,
    /// The words of a name only a name with its legal form, that form kept → entity.
    with_form: HashMap<String, u32>,
}

/// Legal-form words as companies write them, once punctuation is gone ("s.a." is "sa",
/// "l.l.c." is "llc").
const LEGAL_WORDS: &[&str] = &[
    "co",
    "company",
    "corp",
    "corporation",
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "llc",
    "llp",
    "lp",
    "plc",
    "gmbh",
    "ag",
    "kg",
    "sa",
    "sarl",
    "srl",
    "spa",
    "bv",
    "nv",
    "jsc",
    "ojsc",
    "cjsc",
    "pjsc",
    "ooo",
    "oao",
    "zao",
    "fze",
    "fzco",
    "fzc",
    "pte",
    "pvt",
    "bhd",
];

/// Legal forms of several words, one of which is no legal form alone.
const LEGAL_PHRASES: &[&[&str]] = &[
    &["joint", "stock", "company"],
    &["public", "joint", "stock", "company"],
    &["closed", "joint", "stock", "company"],
    &["open", "joint", "stock", "company"],
    &["limited", "liability", "company"],
    &["limited", "liability", "partnership"],
    &["private", "limited"],
    &["sa", "de", "cv"],
    &["sdn", "bhd"],
];

/// A name as screening compares it: folded, `&` read as `and`, apostrophes dropped, other
/// punctuation a space, letters written apart joined ("l l c" → "llc"), and legal forms
/// removed from the end and the start ("JSC X", "X Co., Ltd." → "x"). Never empty for a name
/// with a letter or digit: a name made only of legal forms keeps them.
pub(crate) fn screen_key(name: &str) -> String {
    let words = screen_words(name);
    strip_legal(&words)
}

/// The words of a name as [`screen_key`] reads them, legal forms kept.
fn screen_words(name: &str) -> Vec<String> {
    let folded = crate::fold::fold_pattern(name).replace('&', " and ");
    let spaced: String = folded
        .chars()
        .filter(|c| *c != '\'')
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<String> = Vec::new();
    let mut letters = String::new();
    for w in spaced.split_whitespace() {
        if w.chars().count() == 1 && w.chars().all(char::is_alphabetic) {
            letters.push_str(w);
            continue;
        }
        if !letters.is_empty() {
            words.push(std::mem::take(&mut letters));
        }
        words.push(w.to_string());
    }
    if !letters.is_empty() {
        words.push(letters);
    }
    words
}

fn strip_legal(words: &[String]) -> String {
    let legal_end = |w: &[String]| -> usize {
        let last = w.len();
        if w.last().is_some_and(|x| LEGAL_WORDS.contains(&x.as_str())) {
            return 1;
        }
        LEGAL_PHRASES
            .iter()
            .find(|p| {
                last >= p.len()
                    && w[last - p.len()..]
                        .iter()
                        .zip(p.iter())
                        .all(|(a, b)| a == b)
            })
            .map_or(0, |p| p.len())
    };
    let legal_start = |w: &[String]| -> usize {
        if w.first().is_some_and(|x| LEGAL_WORDS.contains(&x.as_str())) {
            return 1;
        }
        LEGAL_PHRASES
            .iter()
            .find(|p| w.len() >= p.len() && w.iter().zip(p.iter()).all(|(a, b)| a == b))
            .map_or(0, |p| p.len())
    };
    let (mut start, mut end) = (0, words.len());
    loop {
        let n = legal_end(&words[start..end]);
        if n > 0 && end - start > n {
            end -= n;
            continue;
        }
        let n = legal_start(&words[start..end]);
        if n > 0 && end - start > n {
            start += n;
            continue;
        }
        break;
    }
    words[start..end].join(" ")
}

impl std::fmt::Debug for Screener<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Screener")
            .field("names", &self.names.len())
            .finish()
    }
}

impl<'a> Screener<'a> {
    pub fn new(matcher: &'a Matcher) -> Screener<'a> {
        let mut names = HashMap::new();
        let mut loose = HashMap::new();
        let mut with_form = HashMap::new();
        for (key, p) in matcher.patterns() {
            names.entry(key).or_insert((p.entity, p.weak));
            // An ordinary name listed with its legal form ("TIMBER CORPORATION") is that name
            // only in that form: another company called Timber needs a look, not a match.
            let full_form = matcher
                .entity(p.entity)
                .aliases
                .get(p.alias as usize)
                .is_some_and(|a| a.full_form);
            if full_form && !p.weak {
                with_form
                    .entry(screen_words(&p.written).join(" "))
                    .or_insert(p.entity);
            }
            let k = screen_key(&p.written);
            if !k.is_empty() {
                loose.entry(k).or_insert((p.entity, p.weak || full_form));
            }
        }
        Screener {
            matcher,
            names,
            loose,
            with_form,
        }
    }

    pub fn verdict(&self, name: &str) -> Verdict {
        let key = alias_key(name);
        if let Some(&(entity, weak)) = self.names.get(key.as_str()) {
            // A short name must at least be written in capitals to be the acronym.
            let cased = name
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| !c.is_lowercase());
            return match weak {
                false => Verdict::Match { entity },
                true if cased => Verdict::Review { entity },
                true => Verdict::Clear,
            };
        }
        if let Some(&entity) = self.with_form.get(&screen_words(name).join(" ")) {
            return Verdict::Match { entity };
        }
        if let Some(&(entity, weak)) = self.loose.get(screen_key(name).as_str()) {
            return match weak {
                false => Verdict::Match { entity },
                true => Verdict::Review { entity },
            };
        }
        let found = self.matcher.scan_text(name);
        match found.iter().find(|m| m.evidence == Evidence::Strong) {
            Some(m) => Verdict::Contains { entity: m.entity },
            None => match found.first() {
                Some(m) => Verdict::Review { entity: m.entity },
                None => Verdict::Clear,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::screen_key;

    #[test]
    fn keys() {
        for (a, b) in [
            ("Esfahan Steel Co., Ltd", "ESFAHAN STEEL COMPANY"),
            (
                "Iranian Ghadir Iron and Steel Company",
                "IRANIAN GHADIR IRON & STEEL CO.",
            ),
            (
                "JSC Izhevsky Mekhanichesky Zavod",
                "IZHEVSKY MEKHANICHESKY ZAVOD JSC",
            ),
            (
                "Better Future General Trading Co. L.L.C.",
                "BETTER FUTURE GENERAL TRADING CO LLC",
            ),
            ("Anglo Caribbean Co. Ltd", "ANGLO-CARIBBEAN CO., LTD."),
            ("Comercial Cimex S.A. de C.V.", "COMERCIAL CIMEX, S.A."),
            (
                "Esfahan's Mobarakeh Steel Company",
                "ESFAHANS MOBARAKEH STEEL",
            ),
        ] {
            assert_eq!(screen_key(a), screen_key(b), "{a} / {b}");
        }
        assert_eq!(screen_key("Esfahan Steel Co., Ltd"), "esfahan steel");
        assert_ne!(
            screen_key("National Oil Services LLC"),
            screen_key("NATIONAL OIL COMPANY")
        );
        // A name made only of legal forms keeps one.
        assert_eq!(screen_key("Co., Ltd."), "co");
        assert_eq!(screen_key(" , "), "");
    }
}
