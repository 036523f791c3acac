//! A skip-ahead prefilter: answers "can this text contain any alias?" on the *original* bytes,
//! before folding, so the common case — a block of page text naming nobody — costs a SIMD pass
//! instead of folding plus an automaton walk.
//!
//! Each alias contributes one 3-byte *fingerprint*: its rarest run of three ASCII letters or
//! digits ("bgi", "uxi"), or, for caseless scripts (CJK), its first character. A folded match
//! of the alias implies the fingerprint occurs in the original text, ASCII case aside, unless
//! the text contains one of the few characters folding can turn into ASCII letters or make
//! vanish (fullwidth forms, the Kelvin sign, soft hyphens, zero-width characters, BOM); those
//! are fingerprints too. ASCII bytes are OR-ed with 0x20 (lower case) on both sides, so
//! a false positive is possible and a false negative is not; other bytes are compared as they
//! are, so that curly quotes and dashes (E2 80 xx) do not look like zero-width spaces.
//!
//! The fingerprints are matched Teddy-style (as in the aho-corasick crate's x86 prefilter):
//! eight buckets, and per fingerprint position a 16-entry table for the low and the high nibble
//! of a byte; a position is a candidate when the three lookups share a bucket bit. With WASM
//! `simd128`, 16 positions take a handful of `i8x16.swizzle`s. Bucket hits are only candidates
//! (nibble tables cross-match); each is checked against the exact fingerprints. Above [`MAX_FINGERPRINTS`]
//! fingerprints (large imported lists) the filter would pass almost everything and is not built.

use crate::fold::{fold_char_is_case_free, fold_pattern};

/// More fingerprints than this make the filter useless; the matcher then runs without one.
pub const MAX_FINGERPRINTS: usize = 96;

/// Original-text sequences that folding turns into ASCII letters or drops (see module docs).
const SPECIAL: &[&[u8]] = &[
    b"\xC2\xAD",     // soft hyphen
    b"\xE2\x80\x8B", // zero-width space
    b"\xE2\x80\x8C", // zero-width non-joiner
    b"\xE2\x80\x8D", // zero-width joiner
    b"\xE2\x81\xA0", // word joiner
    b"\xE1\xA0\x8E", // Mongolian vowel separator
    b"\xE2\x84\xAA", // Kelvin sign, lower-cases to 'k'
    b"\xEF\xBB\xBF", // BOM / zero-width no-break space
    b"\xEF\xBC",     // fullwidth forms U+FF00..U+FF3F
    b"\xEF\xBD",     // fullwidth forms U+FF40..U+FF7F
];

/// English letter frequency order, most frequent first: a trigram scores higher the rarer its
/// letters.
const FREQUENCY_ORDER: &[u8] = b"etaoinsrhldcumfpgwybvkxjqz";

fn rarity(b: u8) -> u32 {
    match FREQUENCY_ORDER.iter().position(|&x| x == b) {
        Some(i) => i as u32 + 1,
        None => 14, // digits: middling
    }
}

/// Words frequent in ordinary page text, avoided as anchors when an alias has a rarer one
/// ("forensic", not "public", for the police forensics institute).
const COMMON_WORDS: &[&str] = &[
    "the", "and", "for", "with", "from", "china", "chinese", "china's", "public", "security",
    "ministry", "institut", "science", "center", "centre", "material", "people", "people's",
    "republic", "group", "research", "technolo", "tech", "company", "solution", "americas",
    "america", "diagnost", "national", "general", "global", "health", "medical", "services",
    "service", "holdings", "beijing", "shenzhen", "shanghai", "silk", "road", "complete",
];

/// Longest anchor checked exactly.
const MAX_ANCHOR: usize = 8;

/// The anchor of one folded alias: its rarest ASCII word of 3+ bytes (first 8 bytes of it), or,
/// without one, its first character when that is caseless (CJK); `None` otherwise.
fn fingerprint(key: &str) -> Option<Vec<u8>> {
    let words = key
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() >= 3)
        .map(|w| &w.as_bytes()[..w.len().min(MAX_ANCHOR)]);
    // Not a common word; then the rarest letters on average; longer words break ties (they are
    // checked exactly).
    let best = words.max_by_key(|w| {
        let common = COMMON_WORDS.contains(&std::str::from_utf8(w).unwrap_or(""));
        (
            !common,
            w.iter().map(|&x| rarity(x)).sum::<u32>() * 16 / w.len() as u32,
            w.len(),
        )
    });
    if let Some(w) = best {
        return Some(w.to_vec());
    }
    let first = key.chars().next()?;
    (first.len_utf8() >= 3 && fold_char_is_case_free(first)).then(|| key.as_bytes()[..3].to_vec())
}

/// The byte transformation applied to text and fingerprints alike.
#[inline]
fn lower(b: u8) -> u8 {
    if b < 0x80 {
        b | 0x20
    } else {
        b
    }
}

/// An anchor packed for the exact check: `(bytes, length)`.
type Print = ([u8; MAX_ANCHOR], usize);

/// The prefilter over a set of aliases.
#[derive(Debug, Clone)]
pub struct Prefilter {
    /// `[position][nibble]` → bucket bits.
    lo: [[u8; 16]; 3],
    hi: [[u8; 16]; 3],
    /// The exact fingerprints, transformed, per bucket, for checking candidates.
    buckets: [Vec<Print>; 8],
}

impl Prefilter {
    /// Builds the prefilter for folded alias keys; `None` when some alias has no fingerprint or
    /// there are too many.
    pub fn new<'a>(keys: impl IntoIterator<Item = &'a str>) -> Option<Prefilter> {
        let keys: Vec<String> = keys.into_iter().map(fold_pattern).collect();
        let mut prints: Vec<Vec<u8>> = Vec::new();
        // Prefer a trigram another alias already uses ("bgi" serves nine BGI names): fewer
        // fingerprints, fewer false candidates.
        let mut order: Vec<&String> = keys.iter().collect();
        order.sort_by_key(|k| k.len());
        for key in order {
            let shared = prints
                .iter()
                .find(|p| p.iter().all(u8::is_ascii_alphanumeric) && contains_word(key, p));
            if shared.is_none() {
                let print = fingerprint(key)?;
                if !prints.contains(&print) {
                    prints.push(print);
                }
                // Give up as soon as there are too many: the search above is quadratic, and a
                // 20,000-name list took 19 s to load (100k names: minutes) before this check.
                if prints.len() + SPECIAL.len() > MAX_FINGERPRINTS {
                    return None;
                }
            }
        }
        prints.extend(SPECIAL.iter().map(|s| s.to_vec()));
        for p in &mut prints {
            p.iter_mut().for_each(|b| *b = lower(*b));
        }
        prints.sort();
        prints.dedup();
        if prints.len() > MAX_FINGERPRINTS {
            return None;
        }
        let mut f = Prefilter {
            lo: [[0; 16]; 3],
            hi: [[0; 16]; 3],
            buckets: Default::default(),
        };
        // ASCII-led fingerprints get six buckets, others (CJK, invisible characters) two:
        // English text then only meets the ASCII buckets. Within a group, neighbours in sorted
        // order share bytes, so contiguous runs per bucket keep nibble cross-matches rare.
        let (ascii, other): (Vec<&Vec<u8>>, Vec<&Vec<u8>>) =
            prints.iter().partition(|p| p[0] < 0x80);
        let ascii_buckets = match (ascii.is_empty(), other.is_empty()) {
            (true, _) => 0,
            (false, true) => 8,
            (false, false) => 6,
        };
        let groups = [
            (ascii, 0, ascii_buckets),
            (other, ascii_buckets, 8 - ascii_buckets),
        ];
        for (group, first, count) in groups {
            let n = group.len();
            for (i, p) in group.into_iter().enumerate() {
                let bucket = first + i * count / n;
                let bit = 1u8 << bucket;
                for k in 0..3 {
                    match p.get(k) {
                        Some(&b) => {
                            f.lo[k][(b & 15) as usize] |= bit;
                            f.hi[k][(b >> 4) as usize] |= bit;
                        }
                        // A 2-byte fingerprint: any third byte.
                        None => {
                            f.lo[k].iter_mut().for_each(|x| *x |= bit);
                            f.hi[k].iter_mut().for_each(|x| *x |= bit);
                        }
                    }
                }
                let mut bytes = [0u8; MAX_ANCHOR];
                bytes[..p.len()].copy_from_slice(p);
                f.buckets[bucket].push((bytes, p.len()));
            }
        }
        Some(f)
    }

    /// The fingerprints, as text (diagnostics, benchmarks).
    pub fn fingerprints(&self) -> Vec<String> {
        self.buckets
            .iter()
            .flatten()
            .map(|(p, len)| String::from_utf8_lossy(&p[..*len]).into_owned())
            .collect()
    }

    /// True when `text` may contain an alias; false means it certainly does not.
    pub fn might_match(&self, text: &[u8]) -> bool {
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        {
            self.might_match_simd(text)
        }
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("ssse3") {
                // Safety: the CPU has SSSE3.
                return unsafe { self.might_match_ssse3(text) };
            }
            self.might_match_scalar(text, 0)
        }
        #[cfg(not(any(
            all(target_arch = "wasm32", target_feature = "simd128"),
            target_arch = "x86_64"
        )))]
        {
            self.might_match_scalar(text, 0)
        }
    }

    /// The simd128 algorithm with SSSE3's `pshufb` (same semantics for indices 0..16), for the
    /// native CLI.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "ssse3")]
    unsafe fn might_match_ssse3(&self, text: &[u8]) -> bool {
        use std::arch::x86_64::*;
        let load = |p: *const u8| _mm_loadu_si128(p as *const __m128i);
        let lo = self.lo.map(|t| load(t.as_ptr()));
        let hi = self.hi.map(|t| load(t.as_ptr()));
        let nibble = _mm_set1_epi8(0x0F);
        let case_bit = _mm_set1_epi8(0x20);
        let minus_one = _mm_set1_epi8(-1);
        let zero = _mm_setzero_si128();
        let p = text.as_ptr();
        let mut i = 0;
        while i + 18 <= text.len() {
            let mut m = _mm_set1_epi8(-1);
            for k in 0..3 {
                // Safety: i + k + 16 <= len.
                let raw = load(p.add(i + k));
                let v = _mm_or_si128(raw, _mm_and_si128(case_bit, _mm_cmpgt_epi8(raw, minus_one)));
                let l = _mm_shuffle_epi8(lo[k], _mm_and_si128(v, nibble));
                let h = _mm_shuffle_epi8(hi[k], _mm_and_si128(_mm_srli_epi16(v, 4), nibble));
                m = _mm_and_si128(m, _mm_and_si128(l, h));
            }
            let lanes = !_mm_movemask_epi8(_mm_cmpeq_epi8(m, zero)) as u32 & 0xFFFF;
            if lanes != 0
                && self.any_print_in_lanes(
                    text,
                    i,
                    lanes,
                    std::mem::transmute::<__m128i, [u8; 16]>(m),
                )
            {
                return true;
            }
            i += 16;
        }
        self.might_match_scalar(text, i)
    }

    /// The same test one position at a time, from `start`.
    pub fn might_match_scalar(&self, text: &[u8], start: usize) -> bool {
        let at = |i: usize| lower(text.get(i).copied().unwrap_or(0));
        (start..text.len()).any(|i| {
            let mut m = 0xFF;
            for k in 0..3 {
                let b = at(i + k);
                m &= self.lo[k][(b & 15) as usize] & self.hi[k][(b >> 4) as usize];
            }
            m != 0 && self.is_print_at(text, i, m)
        })
    }

    /// The exact check of a SIMD step's candidates: `lanes` has a bit per position after `i`
    /// where `buckets[lane]` (bucket bits) matched.
    #[cfg(any(
        all(target_arch = "wasm32", target_feature = "simd128"),
        target_arch = "x86_64"
    ))]
    fn any_print_in_lanes(&self, text: &[u8], i: usize, mut lanes: u32, buckets: [u8; 16]) -> bool {
        while lanes != 0 {
            let lane = lanes.trailing_zeros() as usize;
            if self.is_print_at(text, i + lane, buckets[lane]) {
                return true;
            }
            lanes &= lanes - 1;
        }
        false
    }

    /// True when a fingerprint of one of the `buckets` (bits) starts at `text[i]`: the exact
    /// check behind a bucket hit.
    #[inline]
    fn is_print_at(&self, text: &[u8], i: usize, mut buckets: u8) -> bool {
        let rest = &text[i..];
        while buckets != 0 {
            let b = buckets.trailing_zeros() as usize;
            buckets &= buckets - 1;
            let found = self.buckets[b].iter().any(|(p, len)| {
                rest.len() >= *len && rest[..*len].iter().zip(p).all(|(&t, &p)| lower(t) == p)
            });
            if found {
                return true;
            }
        }
        false
    }

    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    fn might_match_simd(&self, text: &[u8]) -> bool {
        use core::arch::wasm32::*;
        // Safety: every load reads 16 bytes inside `text` (i + 2 + 16 <= len) or a table.
        unsafe {
            let load = |p: *const u8| core::ptr::read_unaligned(p as *const v128);
            let lo = self.lo.map(|t| load(t.as_ptr()));
            let hi = self.hi.map(|t| load(t.as_ptr()));
            let nibble = u8x16_splat(0x0F);
            let case_bit = u8x16_splat(0x20);
            let zero = u8x16_splat(0);
            let p = text.as_ptr();
            let mut i = 0;
            while i + 18 <= text.len() {
                let mut m = u8x16_splat(0xFF);
                for k in 0..3 {
                    let raw = load(p.add(i + k));
                    // lower(): OR 0x20 into bytes < 0x80 only (their sign bit is clear).
                    let v = v128_or(raw, v128_and(case_bit, i8x16_ge(raw, zero)));
                    let l = u8x16_swizzle(lo[k], v128_and(v, nibble));
                    let h = u8x16_swizzle(hi[k], u8x16_shr(v, 4));
                    m = v128_and(m, v128_and(l, h));
                }
                if v128_any_true(m) {
                    let lanes = i8x16_bitmask(u8x16_ne(m, zero)) as u32;
                    if self.any_print_in_lanes(
                        text,
                        i,
                        lanes,
                        core::mem::transmute::<v128, [u8; 16]>(m),
                    ) {
                        return true;
                    }
                }
                i += 16;
            }
            self.might_match_scalar(text, i)
        }
    }
}

/// True when `anchor` is (the first 8 bytes of) one of the ASCII words of `key`.
fn contains_word(key: &str, anchor: &[u8]) -> bool {
    key.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| &w.as_bytes()[..w.len().min(MAX_ANCHOR)] == anchor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_rare_trigrams_and_cjk_first_chars() {
        assert_eq!(fingerprint("bgi genomics").unwrap(), b"bgi");
        assert_eq!(fingerprint("wuxi apptec").unwrap(), b"wuxi");
        assert_eq!(fingerprint("forensic identification").unwrap(), b"forensic");
        assert_eq!(fingerprint("华大基因").unwrap(), "华".as_bytes());
        assert_eq!(fingerprint("a b"), None);
    }

    #[test]
    fn passes_aliases_in_any_form_and_skips_plain_text() {
        let f = Prefilter::new(["BGI Genomics", "WuXi AppTec", "华大基因"]).unwrap();
        for yes in [
            "x BGI y",
            "bgi",
            "buy from WUXI",
            "本产品华大",
            "ＢＧＩ",
            "B\u{AD}GI",
            "ab\u{200B}c",
        ] {
            assert!(f.might_match(yes.as_bytes()), "{yes:?}");
        }
        for no in [
            "",
            "the quick brown fox jumps over the lazy dog",
            "Shenzhen genomics company data",
        ] {
            assert!(!f.might_match(no.as_bytes()), "{no:?}");
        }
    }

    #[test]
    fn simd_and_scalar_agree() {
        let f = Prefilter::new([
            "BGI Genomics",
            "WuXi AppTec",
            "华大基因",
            "Forensic Genomics",
        ])
        .unwrap();
        let base = "the quick brown fox jumps over the lazy dog; “quotes” — and café ".repeat(3);
        for needle in [
            "BGI",
            "wuxi",
            "华",
            "ＢＧＩ",
            "\u{AD}",
            "forensic",
            "bg",
            "xbgix",
        ] {
            for at in [0, 1, 15, 16, 17, 40, base.len()] {
                let mut text = base.clone();
                let at = (0..=at.min(text.len()))
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap();
                text.insert_str(at, needle);
                assert_eq!(
                    f.might_match(text.as_bytes()),
                    f.might_match_scalar(text.as_bytes(), 0),
                    "{needle:?} at {at}"
                );
            }
        }
    }

    #[test]
    fn large_lists_get_no_prefilter() {
        // 200 distinct three-letter names, so 200 distinct fingerprints.
        let names: Vec<String> = (0..200u8)
            .map(|i| format!("{}{}x", (b'a' + i % 26) as char, (b'a' + i / 26) as char))
            .collect();
        assert!(Prefilter::new(names.iter().map(String::as_str)).is_none());
    }

    /// Folding turns into ASCII letters or digits only ASCII, fullwidth forms and the Kelvin
    /// sign, and drops only the invisible characters listed in SPECIAL: the module's argument.
    #[test]
    fn only_the_special_characters_fold_into_ascii_or_vanish() {
        for c in (0x80u32..=0x10FFFF).filter_map(char::from_u32) {
            let folded = crate::fold::fold(&c.to_string()).text;
            let into_ascii_alnum = folded.bytes().any(|b| b.is_ascii_alphanumeric());
            if folded.is_empty() || into_ascii_alnum {
                let mut buf = [0u8; 4];
                let bytes = c.encode_utf8(&mut buf).as_bytes();
                assert!(
                    SPECIAL.iter().any(|s| bytes.starts_with(s)),
                    "U+{:04X} folds to {folded:?} but is not a special fingerprint",
                    c as u32
                );
            }
        }
    }
}
