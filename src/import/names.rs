//! Names as lists write them: cleaned to one line, sorted by script, short acronyms told apart.

/// Text as plain text on one line: control characters dropped, white space collapsed. Markup
/// is kept as written; rendering it inert is the UI's job.
pub(crate) fn clean(text: &str) -> String {
    let no_controls: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    no_controls.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Arabic name particles that text joins to the next word with a hyphen or a space alike.
const PARTICLES: [&str; 14] = [
    "al", "el", "ul", "ad", "an", "ar", "as", "ash", "at", "az", "abu", "bin", "ibn", "umm",
];

/// The same name with other separators, as text writes it: a hyphen as a space ("ISIS-WEST
/// AFRICA" → "ISIS WEST AFRICA") and a space after an Arabic particle as a hyphen ("AL QAEDA" →
/// "AL-QAEDA", "HARAKAT AL MUQAWAMA" → "HARAKAT AL-MUQAWAMA"). Folding keeps hyphens, so without these "al-Qaeda"
/// would not match a list that writes "AL QAEDA".
pub(crate) fn separator_variants(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    if name.contains('-') {
        out.push(clean(&name.replace('-', " ")));
    }
    let words: Vec<&str> = name.split(' ').collect();
    let is_particle = |w: &str| PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(w));
    if words.len() >= 2 && words[..words.len() - 1].iter().any(|w| is_particle(w)) {
        let mut joined = String::new();
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                joined.push(if is_particle(words[i - 1]) { '-' } else { ' ' });
            }
            joined.push_str(w);
        }
        out.push(joined);
    }
    out
}

/// True for a name written in Han characters only (besides digits, spaces and punctuation):
/// what `name_zh` holds. Kana (Japanese), Hangul or Latin letters anywhere make it another
/// language's name.
pub(crate) fn is_han_only(name: &str) -> bool {
    let mut han = false;
    for c in name.chars() {
        if is_han(c) {
            han = true;
        } else if c.is_alphabetic() {
            return false;
        }
    }
    han
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2ebef}')
}

/// True for a short all-capital name ("BGI", "MGI", "3M", "BGI Co., Ltd."): at most 5
/// characters once the legal suffix is removed, its letters all capitals. OpenSanctions makes
/// such names weak aliases.
pub(crate) fn is_acronym(text: &str, key: &str) -> bool {
    if key.chars().count() > 5 {
        return false;
    }
    let letters = key.chars().filter(|c| c.is_alphabetic()).count();
    letters > 0
        && text
            .chars()
            .filter(|c| c.is_alphabetic())
            .take(letters)
            .all(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::alias_key;

    #[test]
    fn separators() {
        assert_eq!(separator_variants("AL QAEDA"), ["AL-QAEDA"]);
        assert_eq!(separator_variants("ISIS-WEST AFRICA"), ["ISIS WEST AFRICA"]);
        assert_eq!(separator_variants("AL-QAEDA"), ["AL QAEDA"]);
        assert!(separator_variants("MAHAN AIR").is_empty());
        assert!(separator_variants("BGI Genomics").is_empty());
        assert_eq!(
            separator_variants("HARAKAT AL MUQAWAMA"),
            ["HARAKAT AL-MUQAWAMA"]
        );
        assert!(separator_variants("HAMAS").is_empty());
    }

    #[test]
    fn han_only() {
        assert!(is_han_only("深圳华大基因股份有限公司"));
        assert!(is_han_only("华大基因（深圳）"));
        assert!(!is_han_only("ザラ・アエロ・グループ"));
        assert!(!is_han_only("株式会社カラシニコフ・コンツェルン"));
        assert!(!is_han_only("CST有限会社"));
        assert!(!is_han_only("삼성"));
        assert!(!is_han_only("123"));
    }

    #[test]
    fn acronyms() {
        assert!(is_acronym("BGI", &alias_key("BGI")));
        assert!(is_acronym("BGI Co., Ltd.", &alias_key("BGI Co., Ltd.")));
        assert!(is_acronym("3M", &alias_key("3M")));
        assert!(!is_acronym("Bgi", &alias_key("Bgi")));
        assert!(!is_acronym("华大基因", &alias_key("华大基因")));
        assert!(!is_acronym("INNOMICS", &alias_key("INNOMICS")));
        assert!(!is_acronym("123", &alias_key("123")));
    }

    #[test]
    fn clean_text() {
        assert_eq!(clean(" a\u{0}b \n\t c "), "a b c");
        assert_eq!(clean("<b>X</b>"), "<b>X</b>");
    }
}
