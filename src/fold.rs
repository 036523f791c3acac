//! Text folding: the one normalisation applied both to aliases and to scanned text, so the two
//! can never disagree.
//!
//! Folding lower-cases (Unicode, one char to one char), maps fullwidth ASCII (`ＢＧＩ`) to
//! ASCII, turns every run of whitespace (NBSP, newlines, ideographic space...) into one space,
//! drops invisible characters (soft hyphen, zero-width space/joiners, BOM) and maps curly
//! apostrophes and hyphen look-alikes to their ASCII forms, and folds traditional Han
//! characters to simplified ones (華大基因 as 华大基因), one code point to one, from OpenCC's
//! tables for the characters the engine compares against ([`crate::t2s`],
//! `scripts/gen-t2s.py`).
//!
//! Every folded character comes from exactly one original character (a whitespace run maps to
//! its first character), so a folded offset maps back to an original offset. Instead of a map
//! entry per byte (4 bytes of memory per byte of page text), we keep a *checkpoint* only where
//! the distance between folded and original offsets changes; plain ASCII prose has almost none.

/// Folded text plus what is needed to map folded offsets back to the original.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// `(folded offset, original offset)` pairs, sorted, starting with `(0, 0)`; between two
    /// checkpoints, folded and original bytes advance together.
    checkpoints: Vec<(u32, u32)>,
}

/// What folding does with one original character.
enum Fold {
    Drop,
    Space,
    Char(char),
}

#[inline]
fn fold_char(c: char) -> Fold {
    match c {
        // Invisible: soft hyphen, zero-width space / non-joiner / joiner, word joiner, BOM,
        // Mongolian vowel separator. Pages put them inside words for line breaking.
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        | '\u{180E}' => Fold::Drop,
        c if c.is_whitespace() => Fold::Space,
        // Apostrophe look-alikes, so "BGI’s" and "BGI's" fold alike.
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{FF07}' => Fold::Char('\''),
        // Hyphen look-alikes (non-breaking hyphen, en dash...), so "BGI‑Shenzhen" matches.
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{FE63}' | '\u{FF0D}' => {
            Fold::Char('-')
        }
        // Fullwidth ASCII forms.
        '\u{FF01}'..='\u{FF5E}' => {
            let ascii = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            Fold::Char(ascii.to_ascii_lowercase())
        }
        c if c.is_ascii() => Fold::Char(c.to_ascii_lowercase()),
        c if (c as u32) >= 0x3400 && is_unspaced_script(c) => Fold::Char(simplified(c)),
        c => {
            // Only one-to-one lower-casing keeps the offset map simple; the few characters that
            // lower-case to two (e.g. 'İ') are kept as they are.
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => Fold::Char(l),
                _ => Fold::Char(c),
            }
        }
    }
}

/// The simplified form of a traditional Han character the catalog or the engine uses, else `c`.
#[inline]
fn simplified(c: char) -> char {
    T2S.binary_search_by_key(&c, |&(t, _)| t)
        .map_or(c, |i| T2S[i].1)
}

/// The characters that fold into `c`, `c` first when it folds to itself: what an alias's
/// character `c` may be written as in the original text (華 for 华). Only for caseless
/// characters ([`fold_char_is_caseless`]); empty otherwise.
pub(crate) fn caseless_preimage(c: char) -> Vec<char> {
    if !fold_char_is_caseless(c) {
        return Vec::new();
    }
    std::iter::once(c)
        .chain(T2S.iter().filter(|&&(_, s)| s == c).map(|&(t, _)| t))
        .collect()
}

/// Folds `text`.
pub fn fold(text: &str) -> Folded {
    let mut out = Folded::default();
    out.fold_from(text);
    out
}

/// True for a character folding leaves as it is that has no case: what folds into it are at
/// most its traditional forms ([`caseless_preimage`]).
fn fold_char_is_caseless(c: char) -> bool {
    matches!(fold_char(c), Fold::Char(f) if f == c) && !c.is_uppercase() && !c.is_lowercase()
}

/// Folds an alias or a context word: like [`fold`], with surrounding spaces trimmed.
pub fn fold_pattern(text: &str) -> String {
    fold(text).text.trim().to_string()
}

impl Folded {
    /// Replaces the content with the folding of `text`, reusing the buffers.
    pub(crate) fn fold_from(&mut self, text: &str) {
        self.text.clear();
        self.text.reserve(text.len());
        self.checkpoints.clear();
        self.checkpoints.push((0, 0));
        self.push(text);
    }

    fn push(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut delta = 0i64; // original offset - folded offset, as of the last checkpoint
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // Fast path: a run of ASCII without control whitespace or double spaces is copied
            // in one piece and lower-cased in place (both vectorise).
            let plain = |b: u8| b < 0x80 && !(b'\t'..=b'\r').contains(&b);
            if plain(b) && !(b == b' ' && self.text.ends_with(' ')) {
                let start = i;
                i += 1;
                // The run's end, on a subslice iterator: no bounds check per byte (this loop is
                // most of the folding time on English text).
                i += bytes[i..]
                    .iter()
                    .zip(&bytes[i - 1..])
                    .position(|(&b, &prev)| !plain(b) || (b == b' ' && prev == b' '))
                    .unwrap_or(bytes.len() - i);
                self.checkpoint(start, &mut delta);
                let at = self.text.len();
                self.text.push_str(&text[start..i]);
                self.text[at..].make_ascii_lowercase();
                continue;
            }
            let c = text[i..].chars().next().expect("i is on a char boundary");
            let len = c.len_utf8();
            match fold_char(c) {
                Fold::Drop => {}
                Fold::Space => {
                    if !self.text.ends_with(' ') {
                        self.checkpoint(i, &mut delta);
                        self.text.push(' ');
                    }
                }
                Fold::Char(f) => {
                    self.checkpoint(i, &mut delta);
                    self.text.push(f);
                }
            }
            i += len;
        }
    }

    /// Records that the next folded byte comes from original offset `orig`, if that is not
    /// what the last checkpoint already implies.
    #[inline]
    fn checkpoint(&mut self, orig: usize, delta: &mut i64) {
        let folded = self.text.len();
        let d = orig as i64 - folded as i64;
        if d != *delta {
            *delta = d;
            self.checkpoints.push((folded as u32, orig as u32));
        }
    }

    /// Original offset of the character that starts at folded offset `f`.
    pub fn original_start(&self, f: usize) -> usize {
        let idx = self
            .checkpoints
            .partition_point(|&(cf, _)| cf as usize <= f)
            - 1;
        let (cf, co) = self.checkpoints[idx];
        co as usize + (f - cf as usize)
    }

    /// Original end offset of a folded span ending at `f` (exclusive): the end of the original
    /// character behind the last folded character before `f`. `original` is the unfolded text.
    pub fn original_end(&self, original: &str, f: usize) -> usize {
        if f == 0 {
            return 0;
        }
        let mut last = f - 1;
        while !self.text.is_char_boundary(last) {
            last -= 1;
        }
        let o = self.original_start(last);
        o + original[o..].chars().next().map_or(0, char::len_utf8)
    }
}

/// True for characters that make up words in Latin-like scripts; CJK and other scripts
/// written without spaces are not, so CJK aliases need no word boundaries.
///
/// An underscore is not: it separates words where a space cannot be written (handles and
/// tags, "@MGI_BGI", "#BGI_Genomics"), as a hyphen does in prose.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() && !is_unspaced_script(c)
}

/// Scripts written without spaces between words (CJK, kana, Thai...).
pub(crate) fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF        // Thai, Lao
        | 0x1000..=0x109F      // Myanmar
        | 0x1780..=0x17FF      // Khmer
        | 0x2E80..=0x2FDF      // CJK radicals
        | 0x3000..=0x30FF      // CJK symbols, kana
        | 0x3100..=0x31FF      // bopomofo, kana ext
        | 0x3400..=0x4DBF      // CJK ext A
        | 0x4E00..=0x9FFF      // CJK unified
        | 0xAC00..=0xD7AF      // Hangul syllables (treated as unspaced for safety)
        | 0xF900..=0xFAFF      // CJK compatibility
        | 0x20000..=0x3FFFF) // CJK ext B+
}

use crate::t2s::T2S;

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(text: &str, needle: &str) -> &'static str {
        let f = fold(text);
        let s = f.text.find(needle).expect("needle in folded text");
        let (a, b) = (f.original_start(s), f.original_end(text, s + needle.len()));
        Box::leak(text[a..b].to_string().into_boxed_str())
    }

    #[test]
    fn folds_case_width_space_and_invisibles() {
        assert_eq!(
            fold("ＢＧＩ  Ge\u{00AD}no\u{200B}mics\n\u{00A0}Ltd").text,
            "bgi genomics ltd"
        );
        assert_eq!(fold("ΒΓΙ Привет").text, "βγι привет");
        assert_eq!(fold("BGI’s").text, "bgi's");
    }

    #[test]
    fn maps_offsets_back() {
        assert_eq!(
            roundtrip("Buy ＢＧＩ  Ge\u{00AD}nomics now", "bgi genomics"),
            "ＢＧＩ  Ge\u{00AD}nomics"
        );
        assert_eq!(roundtrip("é\u{200B}x BGI\u{00AD}", "bgi"), "BGI");
        assert_eq!(roundtrip("深圳华大基因股份", "华大基因"), "华大基因");
        assert_eq!(roundtrip("深圳華大基因股份", "华大基因"), "華大基因");
        assert_eq!(roundtrip("公安部物證鑒定中心", "物证鉴定"), "物證鑒定");
    }

    #[test]
    fn folds_traditional_to_simplified() {
        assert_eq!(
            fold("華大基因 華大智造 藥明康德").text,
            "华大基因 华大智造 药明康德"
        );
        assert_eq!(fold("公安部物證鑒定中心").text, "公安部物证鉴定中心");
        // Characters another folds into list it in their preimage.
        assert_eq!(caseless_preimage('华'), ['华', '華']);
        assert_eq!(caseless_preimage('大'), ['大']);
    }

    /// The generated table is sorted (binary search), maps Han to Han, never to itself, and
    /// never to a character that folds on.
    #[test]
    fn t2s_table_is_well_formed() {
        assert!(T2S.windows(2).all(|w| w[0].0 < w[1].0));
        for &(t, s) in T2S {
            assert!(t != s && is_unspaced_script(t) && is_unspaced_script(s));
            assert_eq!(simplified(s), s, "{t} -> {s} folds again");
        }
    }

    /// Every Han character of every catalog alias, name and context word, and every traditional
    /// form OpenCC gives for it, folds to the same character the alias has: the table covers
    /// the catalog. Adding an alias with a new character fails here until
    /// `scripts/gen-t2s.py` is rerun.
    #[test]
    fn t2s_covers_every_catalog_character() {
        let catalog = crate::catalog::builtin();
        let mut texts: Vec<String> = catalog.context_words.clone();
        for e in &catalog.entities {
            texts.push(e.name.clone());
            texts.extend(e.name_zh.clone());
            texts.extend(e.name_zh_hant.clone());
            for a in &e.aliases {
                texts.push(a.text.clone());
                texts.extend(a.context.iter().cloned());
                texts.extend(a.exclude.iter().cloned());
            }
        }
        let covered: Vec<char> = crate::t2s::COVERED.chars().collect();
        let mut han = 0;
        for text in &texts {
            for c in text
                .chars()
                .filter(|&c| is_unspaced_script(c) && c >= '\u{3400}')
            {
                han += 1;
                let s = simplified(c);
                assert!(
                    covered.contains(&s),
                    "{c} in {text:?} is not covered: rerun scripts/gen-t2s.py"
                );
            }
        }
        assert!(han > 50, "the catalog has Han characters ({han})");
        let mut checked = 0;
        for &(s, variants) in crate::t2s::ST_VARIANTS {
            for t in variants.chars() {
                assert_eq!(
                    fold(&t.to_string()).text,
                    s.to_string(),
                    "{t} should fold to {s}"
                );
                checked += 1;
            }
        }
        assert!(checked >= 20, "{checked} traditional forms checked");
    }
}
