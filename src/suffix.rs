//! Legal-form suffixes ("Co., Ltd.", "Inc.", "Corporation"): aliases are stored without them, and
//! a suffix that follows a match in the text is included in the match. Both work on folded text.

/// Legal-form words, folded; longer forms first so "corp." wins over "corp".
const TOKENS: &[&str] = &[
    "incorporated",
    "corporation",
    "company",
    "limited",
    "l.l.c.",
    "ojsc",
    "cjsc",
    "pjsc",
    "corp.",
    "corp",
    "gmbh",
    "ltd.",
    "ltd",
    "inc.",
    "inc",
    "llc",
    "jsc",
    "ooo",
    "oao",
    "zao",
    "plc",
    "co.",
    "co",
];

/// As [`crate::fold::is_word_char`], on bytes: an underscore separates words.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Removes trailing legal-form words from a folded name: "bgi genomics co., ltd." → "bgi genomics".
pub(crate) fn strip(folded: &str) -> &str {
    let stripped = strip_tokens(folded);
    // A name made only of legal-form words ("Co., Ltd.") is kept whole.
    if TOKENS.contains(&stripped) {
        folded.trim_end()
    } else {
        stripped
    }
}

fn strip_tokens(folded: &str) -> &str {
    let mut name = folded.trim_end();
    loop {
        let trimmed = name.trim_end_matches([' ', ',']);
        let Some(token) = TOKENS.iter().find(|t| trimmed.ends_with(*t)) else {
            return trimmed;
        };
        let rest = &trimmed[..trimmed.len() - token.len()];
        // Only a whole word after a separator, and never the whole name.
        let separated = rest.ends_with([' ', ',']);
        let kept = rest.trim_end_matches([' ', ',']);
        if !separated || kept.chars().count() < 3 {
            return trimmed;
        }
        name = kept;
    }
}

/// If legal-form words follow `end` in `folded` (", co., ltd.", " inc."), returns the end of the
/// last one; otherwise `end`.
pub(crate) fn extend(folded: &str, end: usize) -> usize {
    let bytes = folded.as_bytes();
    let mut best = end;
    let mut pos = end;
    for _ in 0..4 {
        let mut p = pos;
        if bytes.get(p) == Some(&b',') {
            p += 1;
        }
        if bytes.get(p) == Some(&b' ') {
            p += 1;
        }
        if p == pos {
            break; // a legal form is always separated from the name
        }
        let rest = &folded[p..];
        let Some(token) = TOKENS.iter().find(|t| {
            rest.starts_with(*t) && {
                let after = p + t.len();
                // "co." ends in a non-word byte already; "inc" must not continue as "income".
                t.ends_with('.')
                    || after >= bytes.len()
                    || !(is_word_byte(bytes[after]) || bytes[after] == b'-')
            }
        }) else {
            break;
        };
        pos = p + token.len();
        best = pos;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_legal_forms() {
        assert_eq!(strip("bgi genomics co., ltd."), "bgi genomics");
        assert_eq!(strip("complete genomics, inc."), "complete genomics");
        assert_eq!(strip("bgi americas corporation"), "bgi americas");
        assert_eq!(strip("mgi tech co.,ltd"), "mgi tech");
        assert_eq!(strip("innomics inc."), "innomics");
        assert_eq!(strip("co., ltd."), "co., ltd.");
        assert_eq!(strip("disco"), "disco");
        assert_eq!(
            strip("national iranian oil company"),
            "national iranian oil"
        );
    }

    #[test]
    fn extends_over_legal_forms() {
        let t = "by bgi genomics co., ltd. today";
        assert_eq!(&t[..extend(t, 15)], "by bgi genomics co., ltd.");
        let t = "complete genomics, inc.";
        assert_eq!(extend(t, 17), t.len());
        let t = "bgi americas income";
        assert_eq!(extend(t, 12), 12);
        let t = "mgi tech co.,ltd.";
        assert_eq!(extend(t, 8), t.len());
        // "Co." and "Company" are one legal form: either follows the name.
        let t = "national iranian oil company said";
        assert_eq!(&t[..extend(t, 20)], "national iranian oil company");
    }
}
