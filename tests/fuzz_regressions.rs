//! Inputs the fuzz targets (`fuzz/`, see `fuzz/README.md`) found failing, kept so the fixes
//! stay fixed. Each is checked with the property its target checks: crashing inputs are files
//! under `tests/fixtures/fuzz/` named after their target (`parse_list-*`, `scan-*`, `fold-*`),
//! minimal versions are inline.

use bioflag::catalog::{builtin, parse_catalog, Catalog, ErrorKind, Strictness};
use bioflag::fold::fold;
use bioflag::import::{import_list, parse_list};
use bioflag::reference::{self, check_list_errors, check_matches};
use bioflag::Matcher;
use std::path::Path;

/// The `parse_list` target's properties: no panic, errors located on real lines; an accepted
/// list passes a JSON round trip and builds a matcher next to the built-in catalog.
fn check_list(text: &str) {
    match import_list(text, "fuzz") {
        Err(e) => check_list_errors(text, &e),
        Ok(imported) => {
            let c = imported.catalog;
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(
                parse_catalog(&json, "fuzz", Strictness::Imported).unwrap(),
                c
            );
            let _ = Matcher::new(vec![builtin(), c]).unwrap();
        }
    }
    for strictness in [Strictness::Imported, Strictness::Curated] {
        if let Err(e) = parse_catalog(text, "fuzz", strictness) {
            check_list_errors(text, &e);
        }
    }
}

/// The `scan` target's properties over `catalogs`: well-formed matches, the same without the
/// prefilter, the same as the naive reference.
fn check_scan(catalogs: &[Catalog], segments: &[&str]) {
    let mut m = Matcher::new(catalogs.to_vec()).unwrap();
    let got = m.scan_document(segments.iter().copied());
    check_matches(segments, &got);
    m.disable_prefilter();
    assert_eq!(got, m.scan_document(segments.iter().copied()), "prefilter");
    assert_eq!(
        got,
        reference::scan_document(catalogs, segments.iter().copied()),
        "reference"
    );
}

/// The `fold` target's main property: every folded character maps back, in order, to a
/// character that folds to it.
fn check_fold(text: &str) {
    let f = fold(text);
    let mut prev = None;
    for (i, c) in f.text.char_indices() {
        let o = f.original_start(i);
        assert!(text.is_char_boundary(o) && prev.is_none_or(|p| o > p));
        prev = Some(o);
        let orig = text[o..].chars().next().unwrap();
        assert!(c == ' ' || fold(&orig.to_string()).text == c.to_string());
        assert_eq!(f.original_end(text, i + c.len_utf8()), o + orig.len_utf8());
    }
    assert_eq!(fold(&f.text).text, f.text);
}

const SMALL_LIST: &str = include_str!("../fuzz/seeds/parse_list/bioflag-small.json");

/// Every saved crashing input still passes its target's checks.
#[test]
fn saved_fuzz_inputs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        if name.starts_with("parse_list-") {
            check_list(&text);
        } else if name.starts_with("scan-") {
            let list = parse_catalog(SMALL_LIST, "fuzz", Strictness::Imported).unwrap();
            let segments: Vec<&str> = text.split('\0').collect();
            check_scan(&[builtin(), list], &segments);
        } else if name.starts_with("fold-") {
            check_fold(&text);
        } else {
            panic!("{name}: name a fuzz input after its target");
        }
        seen += 1;
    }
    assert!(seen > 0);
}

/// `parse_list` found: a raw line break inside a JSON string was reported at column 0
/// (serde_json's column for an error at a newline). It is column 1 of the next line now, in
/// every format.
#[test]
fn newline_in_a_string_is_located_at_column_1() {
    let cases = [
        // CSL, bare array and `results`.
        "[{\"name\": \"Alpha\nGenomics\"}]",
        "{\"results\": [\n{\"name\": \"Alpha\nGenomics\"}]}",
        // FollowTheMoney line.
        "{\"id\":\"a\",\"schema\":\"Company\",\"properties\":{\"name\":[\"Alpha\nGenomics\"]}}",
        // bioflag format: in an entity, at the top level.
        "{\"schema\": 1, \"name\": \"x\", \"entities\": [{\"id\": \"a\", \"name\": \"Alpha\nGenomics\"}]}",
        "{\"schema\": 1, \"name\": \"x\ny\", \"entities\": []}",
    ];
    for text in cases {
        let e = parse_list(text, "t").unwrap_err();
        check_list_errors(text, &e);
        assert_eq!(e.errors[0].kind, ErrorKind::Syntax, "{e}");
        // At the character before the line break, or just after it, depending on how
        // serde_json read the value.
        let (line, column) = (e.errors[0].line, e.errors[0].column);
        let breaks: Vec<(usize, usize)> = text
            .lines()
            .enumerate()
            .flat_map(|(i, l)| [(i + 1, l.chars().count()), (i + 2, 1)])
            .collect();
        assert!(breaks.contains(&(line, column)), "{text:?}: {e}");
    }
    // The input the fuzzer found: column 0 on line 5.
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/fuzz/parse_list-newline-in-string.json"),
    )
    .unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let e = parse_list(&text, "t").unwrap_err();
    assert_eq!((e.errors[0].line, e.errors[0].column), (5, 1), "{e}");
}
