//! Structure-aware scanning: a small random list (strong, weak, cased, CJK aliases, context
//! and veto words, families) loaded after the built-in catalog, and a document made of pieces
//! of its aliases (as written, upper/lower case, fullwidth, odd spaces, invisible characters,
//! fragments), context words, noise and awkward Unicode. Same properties as `scan`.
#![no_main]

use bioflag::catalog::{parse_catalog, Strictness};
use bioflag_fuzz::{builtin_catalog, scan_and_check, ScanInput};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: ScanInput| {
    let json = input.list_json();
    let list = match parse_catalog(&json, "fuzz", Strictness::Imported) {
        Ok(list) => list,
        // Rare: a combination the lint refuses (e.g. an alias that is the parent's too).
        Err(_) => return,
    };
    let segments = input.segments(&list);
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    scan_and_check(&[builtin_catalog().clone(), list], &segments);
});
