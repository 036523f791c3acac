//! Arbitrary bytes as a list in any format (bioflag JSON, FollowTheMoney lines, CSL JSON), and
//! as a catalog: never a panic; every error located on a real line; an accepted list passes
//! the lint, survives a JSON round trip and builds a matcher next to the built-in catalog
//! (what the WASM `Engine` constructor does).
#![no_main]

use bioflag::catalog::lint::{lint, Strictness};
use bioflag::catalog::parse_catalog;
use bioflag::import::{detect, import_list};
use bioflag::reference::{check_list_errors, check_matches};
use bioflag::Matcher;
use bioflag_fuzz::builtin_catalog;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Lists reach the engine as JavaScript strings or files read as UTF-8: valid UTF-8 only.
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    if let Err(e) = detect(text) {
        assert!(e.line >= 1 && e.column >= 1, "unlocated error: {e:?}");
    }
    match import_list(text, "fuzz") {
        Err(e) => check_list_errors(text, &e),
        Ok(imported) => {
            let c = imported.catalog;
            assert!(
                lint(&c, Strictness::Imported).is_empty(),
                "an accepted list fails the lint"
            );
            let json = serde_json::to_string(&c).expect("serialisable");
            let again = parse_catalog(&json, "fuzz", Strictness::Imported)
                .unwrap_or_else(|e| panic!("an accepted list does not read back: {e}"));
            assert_eq!(again, c, "JSON round trip changed the list");
            let matcher = Matcher::new(vec![builtin_catalog().clone(), c])
                .unwrap_or_else(|e| panic!("an accepted list does not build: {e}"));
            let names: Vec<&str> = (0..matcher.entity_count() as u32)
                .map(|i| matcher.entity(i).name.as_str())
                .collect();
            let found = matcher.scan_document(names.iter().copied());
            check_matches(&names, &found);
        }
    }
    for strictness in [Strictness::Imported, Strictness::Curated] {
        if let Err(e) = parse_catalog(text, "fuzz", strictness) {
            check_list_errors(text, &e);
        }
    }
});
