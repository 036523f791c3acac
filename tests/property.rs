//! Property tests: the matcher against a naive reference on random texts built from aliases,
//! noise and awkward Unicode. The reference tries every alias at every position — no automaton —
//! and applies the documented rules literally; the folding and suffix helpers are shared (they
//! have their own tests).

use bioflag::catalog::{alias_key, parse_catalog, Strictness};
use bioflag::fold::{fold, is_word_char};
use bioflag::{suffix, Evidence, Matcher};
use proptest::prelude::*;

const CATALOG: &str = r#"{
  "schema": 1, "name": "prop",
  "context_words": ["dna", "基因"],
  "entities": [
    {"id": "acme", "name": "Acme Bio Co., Ltd.", "name_zh": "阿克米基因公司",
     "aliases": [{"text": "Acme Bio Genomics"}, {"text": "ABG", "weak": true, "exclude": ["airport"]},
                 {"text": "Acme-Bio"}]},
    {"id": "unit", "name": "Whole Genome Labs", "parent": "acme",
     "aliases": [{"text": "Whole Genome Labs", "cased": true}, {"text": "WGL Ünïts"}]},
    {"id": "other", "name": "Bio Genomics Inc."}
  ]
}"#;

struct Pat {
    key: String,
    entity: u32,
    weak: bool,
    cased: bool,
    written: String,
    family: u32,
}

fn patterns() -> Vec<Pat> {
    let c = parse_catalog(CATALOG, "prop", Strictness::Imported).unwrap();
    let mut out = Vec::new();
    for (i, e) in c.entities.iter().enumerate() {
        let mut seen: Vec<String> = Vec::new();
        let names = e
            .aliases
            .iter()
            .map(|a| (a.text.clone(), a.weak, a.cased))
            .chain([(e.name.clone(), false, false)])
            .chain(e.name_zh.clone().map(|z| (z, false, false)));
        for (text, weak, cased) in names {
            let key = alias_key(&text);
            if seen.contains(&key) {
                continue;
            }
            seen.push(key.clone());
            out.push(Pat {
                key,
                entity: i as u32,
                weak,
                cased: cased || weak,
                written: text,
                family: c.family_root(i) as u32,
            });
        }
    }
    out
}

fn letters(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .map(|c| match c {
            '\u{FF21}'..='\u{FF5A}' => char::from_u32(c as u32 - 0xFEE0).unwrap(),
            c => c,
        })
        .collect()
}

/// Whole-word occurrences of `word` in `text[lo..hi]` outside `[s, e)`.
fn word_near(text: &str, word: &str, s: usize, e: usize) -> bool {
    let mut lo = s.saturating_sub(120);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (e + 120).min(text.len());
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    (lo..hi).filter(|&i| text.is_char_boundary(i)).any(|i| {
        let j = i + word.len();
        j <= hi
            && text[i..].starts_with(word)
            && !(i < e && j > s)
            && !(word.chars().next().is_some_and(is_word_char)
                && text[..i].chars().next_back().is_some_and(is_word_char))
            && !(word.chars().last().is_some_and(is_word_char)
                && text[j..].chars().next().is_some_and(is_word_char))
    })
}

/// The documented rules, applied literally: (start, end, entity, weak-evidence) in the original.
fn reference(pats: &[Pat], text: &str) -> Vec<(usize, usize, u32)> {
    let f = fold(text);
    let t = f.text.as_str();
    let mut cands = Vec::new();
    for i in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
        for (pi, p) in pats.iter().enumerate() {
            if !t[i..].starts_with(&p.key) {
                continue;
            }
            let j = i + p.key.len();
            if p.key.chars().next().is_some_and(is_word_char)
                && t[..i].chars().next_back().is_some_and(is_word_char)
            {
                continue;
            }
            if p.key.chars().last().is_some_and(is_word_char)
                && t[j..].chars().next().is_some_and(is_word_char)
            {
                continue;
            }
            if p.cased {
                let span = &text[f.original_start(i)..f.original_end(text, j)];
                let l = letters(span);
                if l != letters(&p.written) && l.iter().any(|c| c.is_lowercase()) {
                    continue;
                }
            }
            cands.push((i, j, pi));
        }
    }
    cands.sort_by_key(|&(s, e, p)| (s, usize::MAX - e, p));
    let mut sel: Vec<(usize, usize, usize)> = Vec::new();
    for c in cands {
        if sel.last().is_none_or(|l| c.0 >= l.1) {
            sel.push(c);
        }
    }
    for k in 0..sel.len() {
        let limit = sel.get(k + 1).map_or(t.len(), |n| n.0);
        let e = suffix::extend(t, sel[k].1);
        if e <= limit {
            sel[k].1 = e;
        }
    }
    let strong_families: Vec<u32> = sel
        .iter()
        .filter(|c| !pats[c.2].weak)
        .map(|c| pats[c.2].family)
        .collect();
    sel.into_iter()
        .filter(|&(s, e, p)| {
            let p = &pats[p];
            if !p.weak {
                return true;
            }
            if word_near(t, "airport", s, e) {
                return false;
            }
            word_near(t, "dna", s, e)
                || word_near(t, "基因", s, e)
                || strong_families.contains(&p.family)
        })
        .map(|(s, e, p)| (f.original_start(s), f.original_end(text, e), pats[p].entity))
        .collect()
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        // Aliases, as written and mangled.
        prop::sample::select(vec![
            "Acme Bio",
            "Acme Bio Genomics",
            "ABG",
            "abg",
            "Acme-Bio",
            "Acme‑Bio",
            "Whole Genome Labs",
            "whole genome labs",
            "WHOLE GENOME LABS",
            "WGL Ünïts",
            "wgl ÜNÏTS",
            "Bio Genomics",
            "阿克米基因公司",
            "ＡＣＭＥ ＢＩＯ",
            "Ac\u{AD}me Bio",
            "Acme\u{A0}\u{A0}Bio",
            "Acme\n Bio",
            "Acme Bio Co., Ltd.",
            "Bio Genomics, Inc.",
            "Acme Bio’s",
            "Acme Bio Co",
            "Inc.",
        ])
        .prop_map(str::to_string),
        // Context, veto and noise words.
        prop::sample::select(vec![
            "dna", "DNA", "airport", "基因", "the", "x", "Bio", "Genomics", "Co.,", "Ltd"
        ])
        .prop_map(str::to_string),
        // Awkward Unicode.
        prop::sample::select(vec![
            "😀", "e\u{301}", "İ", "ß", "华大", "\u{200B}", "\u{FEFF}", "Ω", "Σ", "ǅ", "\u{2028}"
        ])
        .prop_map(str::to_string),
        "[a-zA-Z0-9_]{1,6}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            piece(),
            prop::sample::select(vec![
                "", " ", "  ", ", ", "-", "\n", "\u{A0}", "'", "(", ")",
            ]),
        ),
        0..24,
    )
    .prop_map(|parts| parts.into_iter().map(|(p, s)| format!("{p}{s}")).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn matcher_equals_reference(text in text()) {
        let pats = patterns();
        let m = Matcher::new(vec![parse_catalog(CATALOG, "prop", Strictness::Imported).unwrap()]);
        let got: Vec<(usize, usize, u32)> = m.scan_text(&text).iter().map(|x| (x.start, x.end, x.entity)).collect();
        prop_assert_eq!(got, reference(&pats, &text));
    }

    #[test]
    fn matches_are_ordered_disjoint_and_on_boundaries(text in text()) {
        let m = Matcher::new(vec![parse_catalog(CATALOG, "prop", Strictness::Imported).unwrap()]);
        let r = m.scan_text(&text);
        let mut last = 0;
        for x in &r {
            prop_assert!(x.start >= last && x.start < x.end && x.end <= text.len());
            prop_assert!(text.is_char_boundary(x.start) && text.is_char_boundary(x.end));
            prop_assert!(x.evidence != Evidence::Pending);
            last = x.end;
        }
        let mut offs: Vec<usize> = r.iter().flat_map(|x| [x.start, x.end]).collect();
        bioflag::utf16::to_utf16_offsets(&text, &mut offs);
        let units: Vec<u16> = text.encode_utf16().collect();
        for (x, o) in r.iter().zip(offs.chunks(2)) {
            // UTF-16 offsets never split a surrogate pair and select the same text.
            prop_assert_eq!(String::from_utf16(&units[o[0]..o[1]]).unwrap(), &text[x.start..x.end]);
        }
    }

    #[test]
    fn fold_maps_every_char_back(text in text()) {
        let f = fold(&text);
        let mut prev = 0;
        for (i, c) in f.text.char_indices() {
            let o = f.original_start(i);
            prop_assert!(text.is_char_boundary(o) && o >= prev);
            let orig = text[o..].chars().next().unwrap();
            prop_assert!(c == ' ' || !orig.is_whitespace());
            prev = o;
        }
    }
}
