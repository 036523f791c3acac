//! Matcher unit tests on a small inline catalog, grouped by behaviour. The built-in catalog's
//! behaviour on real phrasing (traps included) is tested in `tests/matcher_builtin.rs`.

use super::*;
use crate::catalog::{parse_catalog, Strictness};

const CATALOG: &str = r#"{
  "schema": 1, "name": "test",
  "context_words": ["genomics", "dna", "sequencing", "基因"],
  "lists": [{"id": "l", "name": "Test List"}],
  "sources": [{"id": "s", "title": "T", "confidence": "primary"}],
  "entities": [
    {"id": "acme-bio", "name": "Acme Bio Co., Ltd.", "name_zh": "深圳阿克米基因股份有限公司",
     "aliases": [{"text": "Acme Bio Genomics"}, {"text": "阿克米基因", "lang": "zh"},
                 {"text": "ABG", "weak": true, "exclude": ["airport"]}],
     "designations": [{"list": "l", "added": "2020-01-01", "source": "s"}]},
    {"id": "acme-unit", "name": "Acme Unit Inc.", "parent": "acme-bio",
     "aliases": [{"text": "Whole Genome Labs", "cased": true}],
     "designations": [{"list": "l", "added": "2020-01-01", "source": "s"}]},
    {"id": "zenith", "name": "Zenith Pharmatech Ltd.",
     "aliases": [{"text": "Zenith Pharmatech"}, {"text": "ZPT", "weak": true}],
     "designations": [{"list": "l", "added": "2020-01-01", "source": "s"}]}
  ]
}"#;

fn matcher() -> Matcher {
    Matcher::new(vec![
        parse_catalog(CATALOG, "test", Strictness::Imported).expect("valid")
    ])
    .unwrap()
}

/// (matched text, entity id, evidence) for each match in `text`.
fn find(text: &str) -> Vec<(String, String, Evidence)> {
    let m = matcher();
    m.scan_text(text)
        .into_iter()
        .map(|x| {
            (
                text[x.start..x.end].to_string(),
                m.entity(x.entity).id.clone(),
                x.evidence,
            )
        })
        .collect()
}

fn texts(text: &str) -> Vec<String> {
    find(text).into_iter().map(|x| x.0).collect()
}

#[test]
fn word_boundaries() {
    let cases: &[(&str, &[&str])] = &[
        ("Acme Bio ships kits", &["Acme Bio"]),
        ("XAcme Bio", &[]),
        ("Acme Biox", &[]),
        ("Acme Bio's kits", &["Acme Bio"]),
        ("(Acme Bio)", &["Acme Bio"]),
        // An underscore separates words in handles, as a hyphen does in prose.
        ("Acme Bio_x", &["Acme Bio"]),
        ("Acme Bio-x", &["Acme Bio"]),
        ("@Acme_Bio_Genomics", &["Acme_Bio_Genomics"]),
        ("Acme Biox_", &[]),
        ("Acme Bio2", &[]),
        ("北京Acme Bio公司", &["Acme Bio"]),
    ];
    for (text, want) in cases {
        assert_eq!(texts(text), *want, "in {text:?}");
    }
}

#[test]
fn leftmost_longest_and_no_overlap() {
    assert_eq!(texts("Acme Bio Genomics sequencing"), ["Acme Bio Genomics"]);
    // The longer candidate fails its right boundary; the shorter one still counts.
    assert_eq!(texts("Acme Bio Genomicsx"), ["Acme Bio"]);
    assert_eq!(texts("Acme Bio Acme Bio"), ["Acme Bio", "Acme Bio"]);
}

#[test]
fn folding() {
    let cases: &[(&str, &str)] = &[
        ("ＡＣＭＥ ＢＩＯ", "ＡＣＭＥ ＢＩＯ"),
        ("acme\u{00A0}\n  bio", "acme\u{00A0}\n  bio"),
        ("Ac\u{00AD}me Bio", "Ac\u{00AD}me Bio"),
        ("Acme\u{200B} Bio", "Acme\u{200B} Bio"),
        ("ACME BIO", "ACME BIO"),
    ];
    for (text, want) in cases {
        assert_eq!(texts(text), [*want], "in {text:?}");
    }
}

#[test]
fn legal_suffixes_are_optional_and_included() {
    assert_eq!(
        texts("made by Acme Bio Co., Ltd. in 2020"),
        ["Acme Bio Co., Ltd."]
    );
    assert_eq!(texts("Acme Unit, Inc. said"), ["Acme Unit, Inc."]);
    assert_eq!(texts("Acme Unit said"), ["Acme Unit"]);
    assert_eq!(texts("Acme Bio income"), ["Acme Bio"]);
}

#[test]
fn cased_aliases() {
    assert_eq!(
        texts("partnering with Whole Genome Labs"),
        ["Whole Genome Labs"]
    );
    assert_eq!(texts("WHOLE GENOME LABS"), ["WHOLE GENOME LABS"]);
    assert!(texts("we run whole genome labs for hospitals").is_empty());
}

#[test]
fn cased_aliases_in_headings_need_support() {
    // Every word capitalised: the capitals do not tell the name from the phrase.
    assert!(texts("Whole Genome Labs Announce New Kits For Clinics").is_empty());
    assert!(texts("WHOLE GENOME LABS ANNOUNCE NEW KITS").is_empty());
    // Field words are no support for a phrase of the field; the family is.
    assert!(find("Whole Genome Labs For DNA Sequencing").is_empty());
    let r = find("Whole Genome Labs Join Acme Bio");
    assert_eq!(r[0].2, Evidence::Block);
    let m = matcher();
    let r = m.scan_document(["Whole Genome Labs Announce New Kits", "A unit of Acme Bio."]);
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].evidence, Evidence::Document);
    // A weak alias confirmed by context names the family too.
    let r = m.scan_document([
        "Whole Genome Labs Announce New Kits",
        "ABG said the kits read DNA.",
    ]);
    assert_eq!(r.len(), 2, "{r:?}");
    // A legal form, or a sentence, is informative.
    assert_eq!(
        find("WHOLE GENOME LABS INC. ANNOUNCES NEW KITS")[0].2,
        Evidence::Strong
    );
    assert_eq!(
        find("We bought kits from Whole Genome Labs")[0].2,
        Evidence::Strong
    );
}

#[test]
fn weak_aliases_need_support() {
    assert!(find("Fly into ABG today").is_empty());
    assert!(
        find("abg dna").is_empty(),
        "weak aliases match only in capitals"
    );
    assert_eq!(find("ABG offers DNA sequencing")[0].2, Evidence::Context);
    assert_eq!(find("ABG says 基因")[0].2, Evidence::Context);
    // Same block names the family with a strong alias (here a child entity's alias).
    let r = find("Whole Genome Labs, a unit of ABG, opened");
    assert_eq!(r[1], ("ABG".into(), "acme-bio".into(), Evidence::Block));
    // A veto word wins over context.
    assert!(find("ABG airport DNA testing").is_empty());
}

#[test]
fn another_family_named_in_full_nearby_confirms_a_weak_alias() {
    // No word of the field within reach, but the sentence lists another flagged company by its
    // full name: the text is about the field.
    let r = find("Chinese firms, including Zenith Pharmatech and ABG, have condemned the bill.");
    assert_eq!(r[1], ("ABG".into(), "acme-bio".into(), Evidence::Context));
    // Out of the window, the other name is no support.
    let far = format!(
        "Zenith Pharmatech said so. {} ABG disagreed.",
        "Nothing more. ".repeat(12)
    );
    assert!(far.find("ABG").unwrap() - far.find("Pharmatech").unwrap() > CONTEXT_WINDOW);
    assert_eq!(texts(&far), ["Zenith Pharmatech"]);
    // Two short names support nothing: each needs support of its own.
    assert!(find("Firms such as ZPT and ABG have condemned the bill.").is_empty());
    // An acronym the document defines as something else is that thing, whoever stands beside it.
    let m = matcher();
    let r = m.scan_document([
        "Alpine Bank Group (ABG) lends to farmers.",
        "Zenith Pharmatech and ABG signed the letter.",
    ]);
    assert_eq!(r.len(), 1, "{r:?}");
}

#[test]
fn weak_aliases_resolved_across_the_document() {
    let m = matcher();
    let r = m.scan_document(["ABG opened an office.", "About Acme Bio"]);
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].evidence, Evidence::Document);
    let r = m.scan_document(["ABG opened an office.", "Nothing else"]);
    assert!(r.is_empty());
}

#[test]
fn cjk_aliases() {
    assert_eq!(texts("产品由阿克米基因生产"), ["阿克米基因"]);
    assert_eq!(
        texts("深圳阿克米基因股份有限公司出品"),
        ["深圳阿克米基因股份有限公司"]
    );
    assert!(texts("阿克米").is_empty());
}

#[test]
fn offsets_point_into_the_original() {
    let m = matcher();
    let text = "😀 é ＡＣＭＥ\u{00AD} Bio!";
    let r = m.scan_text(text);
    assert_eq!(&text[r[0].start..r[0].end], "ＡＣＭＥ\u{00AD} Bio");
}
