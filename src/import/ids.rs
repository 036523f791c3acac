//! Ids made from what a record says (its own id, an authority's name), for any script.
//!
//! Ids must be kebab-case ASCII, never empty, and the same every time the same file is imported
//! (exceptions and URLs refer to them). Latin letters with diacritics lose them, Cyrillic and
//! Greek are transliterated; whatever is left over (Han, kana, Arabic...) cannot be spelled in
//! ASCII, so a hash of the whole text is appended: two authorities named only in Japanese get
//! two ids, and the same authority gets the same id on every import.

/// Longest id part made from a record's text, before the format prefix and any hash.
pub(crate) const MAX_ID_CHARS: usize = 64;

/// A kebab-case slug of `raw` that is never empty: transliterated where possible, with a hash
/// of `raw` appended when letters had to be dropped (or when nothing is left).
pub(crate) fn slug(raw: &str) -> String {
    let raw = raw.trim();
    let (ascii, dropped) = transliterate(raw);
    let k = kebab(&ascii);
    match (k.is_empty(), dropped) {
        (false, false) => k,
        (true, _) => format!("h{}", hash(raw)),
        (false, true) => format!("{k}-h{}", hash(raw)),
    }
}

/// A kebab-case form of `raw`: ASCII letters and digits, lower-cased, other runs as one `-`.
pub(crate) fn kebab(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            if out.len() >= MAX_ID_CHARS {
                break;
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// 12 hex digits of the 64-bit FNV-1a hash of `text`: stable across builds and platforms
/// (unlike std's `DefaultHasher`, whose output may change between Rust releases).
fn hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:012x}", h >> 16)
}

/// `raw` in ASCII as far as a simple table goes, and whether a letter or digit had no ASCII
/// spelling.
fn transliterate(raw: &str) -> (String, bool) {
    let mut out = String::with_capacity(raw.len());
    let mut dropped = false;
    for c in raw.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if let Some(s) = spell(c.to_lowercase().next().unwrap_or(c)) {
            out.push_str(s);
        } else if c.is_alphanumeric() {
            dropped = true;
            out.push(' ');
        } else {
            out.push(' ');
        }
    }
    (out, dropped)
}

/// An ASCII spelling of a lower-case letter: Latin without its diacritic, Cyrillic (Russian,
/// Ukrainian, Belarusian) after the common passport-style romanisation, Greek letter by letter.
fn spell(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ł' | 'ľ' | 'ĺ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' | 'ŕ' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        'ð' => "d",
        // Cyrillic
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'ґ' => "g",
        'д' => "d",
        'е' | 'э' | 'є' => "e",
        'ё' => "yo",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'й' | 'ы' => "i",
        'ї' => "yi",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ў' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ю' => "yu",
        'я' => "ya",
        // Greek
        'α' | 'ά' => "a",
        'β' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' | 'έ' => "e",
        'ζ' => "z",
        'η' | 'ή' | 'ι' | 'ί' | 'ϊ' => "i",
        'θ' => "th",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' | 'ό' | 'ω' | 'ώ' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' | 'ς' => "s",
        'τ' => "t",
        'υ' | 'ύ' => "y",
        'φ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::validate::is_kebab_id;

    #[test]
    fn kebab_ids() {
        assert_eq!(kebab("NK-2P6ZGHfJ7r4"), "nk-2p6zghfj7r4");
        assert_eq!(kebab("  Entity List (EL) - BIS "), "entity-list-el-bis");
        assert_eq!(kebab("华大"), "");
        assert!(kebab(&"a".repeat(500)).len() <= MAX_ID_CHARS);
    }

    #[test]
    fn slugs_for_any_script() {
        assert_eq!(
            slug("Office of Foreign Assets Control"),
            "office-of-foreign-assets-control"
        );
        assert_eq!(slug("ГУР МО України"), "gur-mo-ukrayini");
        assert_eq!(slug("Служба безпеки України"), "sluzhba-bezpeki-ukrayini");
        assert_eq!(
            slug("Direction Générale du Trésor"),
            "direction-generale-du-tresor"
        );
        assert_eq!(slug("Όμιλος"), "omilos");
        let ja = slug("経済産業省");
        let ja2 = slug("財務省");
        assert!(ja.starts_with('h') && ja.len() == 13, "{ja}");
        assert_ne!(ja, ja2);
        assert_eq!(ja, slug(" 経済産業省 "), "stable");
        let mixed = slug("METI 経済産業省");
        assert!(mixed.starts_with("meti-h"), "{mixed}");
        for s in [ja, ja2, mixed, slug("—"), slug("")] {
            assert!(is_kebab_id(&s), "{s}");
        }
    }
}
