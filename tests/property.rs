//! Property tests: the matcher against the naive reference (`bioflag::reference`, shared with
//! the fuzz targets in `fuzz/`) on random texts built from aliases, noise and awkward Unicode.
//! The reference tries every alias at every position — no automaton — and applies the
//! documented rules literally; the folding and suffix helpers are shared (they have their own
//! tests and fuzz target).

use bioflag::catalog::{parse_catalog, Catalog, Strictness};
use bioflag::fold::fold;
use bioflag::matcher::DocumentScan;
use bioflag::{reference, Evidence, Matcher};
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

fn catalog() -> Catalog {
    parse_catalog(CATALOG, "prop", Strictness::Imported).unwrap()
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
            // Long forms that define the weak alias ABG as something else, or as itself.
            "Alpha Beta Group (ABG)",
            "ABG (Alpha Beta Gamma)",
            "Acme Bio Genomics (ABG)",
            "ABG stands for Alpha Beta Group",
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
        let m = Matcher::new(vec![catalog()]).unwrap();
        prop_assert_eq!(m.scan_text(&text), reference::scan_document(&[catalog()], [text.as_str()]));
    }


    #[test]
    fn matches_are_ordered_disjoint_and_on_boundaries(text in text()) {
        let m = Matcher::new(vec![catalog()]).unwrap();
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Several blocks over the built-in catalog plus the list: weak aliases confirmed by the
    /// block or the document, the prefilter on.
    #[test]
    fn documents_over_builtin_and_list_equal_reference(
        segments in prop::collection::vec(text(), 1..4)
    ) {
        let catalogs = vec![bioflag::catalog::builtin(), catalog()];
        let m = Matcher::new(catalogs.clone()).unwrap();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        prop_assert_eq!(
            m.scan_document(segments.iter().copied()),
            reference::scan_document(&catalogs, segments.iter().copied())
        );
    }
}

/// Names of a large imported list, made from a small vocabulary so that their fingerprints are
/// shared and the prefilter is built (as for the 100k-name benchmark list).
const LIST_WORDS: &[&str] = &[
    "zorblax", "quintara", "velmont", "kestrel", "obrion", "tavix", "helmara", "cordite",
    "brixton", "valdor", "nexora", "pyxis", "lumora", "dravik", "solvan", "trevin", "galdor",
    "mirex", "fennick", "orvale",
];

fn list_names() -> Vec<String> {
    let mut names = Vec::new();
    for (i, a) in LIST_WORDS.iter().enumerate() {
        for (j, b) in LIST_WORDS.iter().enumerate() {
            for c in ["Holdings", "Bio", "Labs", "Trading"] {
                if i != j {
                    names.push(format!("{a} {b} {c}"));
                }
            }
        }
    }
    names
}

/// The built-in catalog and a 1,520-name list, with and without the prefilter (built once).
fn big_matchers() -> &'static (Matcher, Matcher) {
    static MATCHERS: std::sync::OnceLock<(Matcher, Matcher)> = std::sync::OnceLock::new();
    MATCHERS.get_or_init(|| {
        let entities: Vec<String> = list_names()
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{{\"id\": \"n{i}\", \"name\": \"{n}\"}}"))
            .collect();
        let json = format!(
            "{{\"schema\": 1, \"name\": \"big\", \"entities\": [{}]}}",
            entities.join(",")
        );
        let list = bioflag::import::parse_list(&json, "big").unwrap();
        let catalogs = vec![bioflag::catalog::builtin(), list];
        let filtered = Matcher::new(catalogs.clone()).unwrap();
        let mut plain = Matcher::new(catalogs).unwrap();
        plain.disable_prefilter();
        (filtered, plain)
    })
}

fn list_text() -> impl Strategy<Value = String> {
    let names = list_names();
    let name = (prop::sample::select(names), 0..4u8).prop_map(|(n, form)| match form {
        0 => n,
        1 => n.to_uppercase(),
        2 => n.replace(' ', "\u{A0}"),
        // Cut short: must not match, and must not hide what follows.
        _ => n[..n.len() - 2].to_string(),
    });
    prop::collection::vec(
        prop_oneof![name, piece()].prop_map(|p| format!("{p} ")),
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// A large list gets the prefilter too when its fingerprints are few (shared): it must not
    /// change a result, whatever the blocks hold.
    #[test]
    fn the_prefilter_of_a_large_list_changes_nothing(
        segments in prop::collection::vec(list_text(), 1..5)
    ) {
        let (filtered, plain) = big_matchers();
        prop_assert!(filtered.has_prefilter());
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        prop_assert_eq!(
            filtered.scan_document(segments.iter().copied()),
            plain.scan_document(segments.iter().copied())
        );
    }
}

#[test]
fn large_list_names_are_found_through_the_prefilter() {
    let (filtered, _) = big_matchers();
    let found = filtered.scan_text("We buy from ZORBLAX QUINTARA HOLDINGS and Mirex Orvale Labs.");
    assert_eq!(found.len(), 2, "{found:?}");
}

/// Scans `segments` the way a caller without state does (the extension: batches of blocks,
/// the document's facts carried from batch to batch, pending matches kept and settled again
/// once the facts grow), with batches ending after the segments in `cuts`.
fn scan_in_batches(m: &Matcher, segments: &[&str], cuts: &[usize]) -> Vec<bioflag::Match> {
    let mut facts: Vec<u32> = Vec::new();
    let mut kept: Vec<bioflag::Match> = Vec::new();
    let mut from = 0;
    let mut ends: Vec<usize> = cuts.iter().map(|&c| c % (segments.len() + 1)).collect();
    ends.push(segments.len());
    ends.sort_unstable();
    for to in ends {
        if to <= from {
            continue;
        }
        let batch = &segments[from..to];
        let bytes: Vec<u8> = batch.iter().flat_map(|s| s.bytes()).collect();
        let lengths: Vec<u32> = batch.iter().map(|s| s.len() as u32).collect();
        let mut doc = DocumentScan::from_facts(&facts);
        m.scan_packed(&mut doc, &bytes, &lengths, true, |segment, _, found| {
            kept.extend(found.iter().map(|x| bioflag::Match {
                segment: segment + from as u32,
                ..*x
            }));
        });
        facts = doc.facts();
        from = to;
    }
    DocumentScan::from_facts(&facts).resolve(m, &mut kept);
    kept.sort_by_key(|x| (x.segment, x.start));
    kept
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Where batch boundaries fall changes nothing: scanning in batches with the facts carried
    /// across gives what one scan of the whole document gives.
    #[test]
    fn batches_with_facts_equal_one_document_scan(
        segments in prop::collection::vec(text(), 1..6),
        cuts in prop::collection::vec(0usize..8, 0..4),
    ) {
        let catalogs = vec![bioflag::catalog::builtin(), catalog()];
        let m = Matcher::new(catalogs).unwrap();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        prop_assert_eq!(
            scan_in_batches(&m, &segments, &cuts),
            m.scan_document(segments.iter().copied())
        );
    }
}
