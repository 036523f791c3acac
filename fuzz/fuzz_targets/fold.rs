//! Arbitrary text folded: every folded character maps back to a character boundary of the
//! original, in order, to a character that folds to it; spans map back to non-empty,
//! well-formed ranges; folding is idempotent (aliases are folded once more by the prefilter).
#![no_main]

use bioflag::fold::{fold, fold_pattern};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    let f = fold(text);
    let mut prev: Option<usize> = None;
    let starts: Vec<(usize, char)> = f.text.char_indices().collect();
    for &(i, c) in &starts {
        let o = f.original_start(i);
        assert!(
            o < text.len() && text.is_char_boundary(o),
            "folded {i} -> {o}: not a boundary"
        );
        assert!(
            prev.is_none_or(|p| o > p),
            "folded {i} -> {o}: not increasing"
        );
        prev = Some(o);
        let orig = text[o..].chars().next().expect("a character");
        if c == ' ' {
            assert!(orig.is_whitespace(), "space from {orig:?}");
        } else {
            assert_eq!(
                fold(&orig.to_string()).text,
                c.to_string(),
                "{orig:?} does not fold to {c:?}"
            );
        }
        let end = f.original_end(text, i + c.len_utf8());
        assert_eq!(end, o + orig.len_utf8(), "the end of {c:?} maps to {end}");
    }
    // Any span: start <= end, both on boundaries.
    for (k, &(a, _)) in starts.iter().enumerate().step_by(7) {
        for &(b, cb) in starts[k..].iter().step_by(5) {
            let (s, e) = (f.original_start(a), f.original_end(text, b + cb.len_utf8()));
            assert!(s < e && e <= text.len(), "span {a}..{b} maps to {s}..{e}");
            assert!(text.is_char_boundary(e));
        }
    }
    assert_eq!(f.original_end(text, 0), 0);
    assert_eq!(fold(&f.text).text, f.text, "folding is not idempotent");
    assert_eq!(fold_pattern(&fold_pattern(text)), fold_pattern(text));
});
