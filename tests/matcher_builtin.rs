//! The matcher on the built-in catalog, with the phrasing users meet: positives, the known
//! false-positive traps, folding, CJK, offsets. Table-driven, grouped by behaviour.

use bioflag::{Evidence, Matcher};
use std::sync::OnceLock;

fn matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(Matcher::builtin)
}

/// (matched text, entity id) for each match, as one document.
fn found(text: &str) -> Vec<(String, String)> {
    let m = matcher();
    m.scan_text(text)
        .into_iter()
        .map(|x| {
            (
                text[x.start..x.end].to_string(),
                m.entity(x.entity).id.clone(),
            )
        })
        .collect()
}

fn ids(text: &str) -> Vec<String> {
    found(text).into_iter().map(|x| x.1).collect()
}

#[test]
fn traps_flag_nothing() {
    let traps = [
        "Fly into BGI (Grantley Adams International Airport) for the best Barbados holiday.",
        "Flights to BGI from London depart daily; the airport code BGI is Barbados.",
        "According to the McKinsey Global Institute (MGI), productivity rose.",
        "MGI research on productivity and growth, by McKinsey.",
        "Wuxi, a city in Jiangsu, has 7.4 million people.",
        "The Wuxi IFS tower is tall.",
        "IFS Cloud ERP rolls out version 24.",
        "the Institute for Fiscal Studies (IFS) said taxes rise",
        "we deliver complete genomics solutions for hospitals",
        "GBI (Georgia Bureau of Investigation) agents",
        "香港美丽华大厦购物中心",
        "The Silk Road and Liuhe district",
        "The Institute of Forensic Science at the university",
        "BGIX ABGI BGI2 xMGI FGIs",
        "FGI guidelines on hospital design",
        "Innomics", // cased alias only in lower case below
    ];
    for t in traps {
        let t = if t == "Innomics" {
            "innomics are everywhere"
        } else {
            t
        };
        assert_eq!(found(t), vec![], "trap flagged: {t:?}");
    }
}

#[test]
fn names_users_meet() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "A DNA test kit manufactured by BGI Genomics",
            &[("BGI Genomics", "bgi-genomics")],
        ),
        (
            "Manufacturer: BGI Genomics Co., Ltd. (Shenzhen)",
            &[("BGI Genomics Co., Ltd.", "bgi-genomics")],
        ),
        (
            "a hospital partnering with Complete Genomics",
            &[("Complete Genomics", "complete-genomics")],
        ),
        (
            "COMPLETE GENOMICS, INC. ANNOUNCES",
            &[("COMPLETE GENOMICS, INC.", "complete-genomics")],
        ),
        (
            "Supplier: MGI Tech Co.,Ltd.",
            &[("MGI Tech Co.,Ltd.", "mgi-tech")],
        ),
        (
            "WuXi AppTec reported revenue",
            &[("WuXi AppTec", "wuxi-apptec")],
        ),
        (
            "Forensic Genomics International (FGI) sells kits",
            &[
                (
                    "Forensic Genomics International",
                    "forensic-genomics-international",
                ),
                ("FGI", "forensic-genomics-international"),
            ],
        ),
        (
            "BGI-Shenzhen and the Beijing Genomics Institute",
            &[
                ("BGI-Shenzhen", "bgi-group"),
                ("Beijing Genomics Institute", "bgi-group"),
            ],
        ),
        (
            "the Ministry of Public Security’s Institute of Forensic Science was removed",
            &[(
                "Ministry of Public Security’s Institute of Forensic Science",
                "mps-ifs",
            )],
        ),
        ("BGI's sequencing lab in Shenzhen", &[("BGI", "bgi-group")]),
        (
            "MGI’s DNBSEQ-T7 sequencer",
            &[("MGI", "mgi-tech"), ("DNBSEQ-T7", "mgi-tech")],
        ),
        (
            "Xinjiang Silk Road BGI and Beijing Liuhe BGI",
            &[
                ("Xinjiang Silk Road BGI", "xinjiang-silk-road-bgi"),
                ("Beijing Liuhe BGI", "beijing-liuhe-bgi"),
            ],
        ),
    ];
    for (text, want) in cases {
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(found(text), want, "in {text:?}");
    }
}

#[test]
fn folding_on_real_names() {
    let cases = [
        "ＢＧＩ Ｇｅｎｏｍｉｃｓ",
        "BGI\u{00A0}Genomics",
        "BGI\n   Genomics",
        "BGI Geno\u{00AD}mics",
        "BGI\u{200B} Genomics",
        "bgi genomics",
        "BGI GENOMICS",
    ];
    for t in cases {
        assert_eq!(ids(t), ["bgi-genomics"], "in {t:?}");
    }
}

#[test]
fn cjk_names() {
    assert_eq!(
        found("本产品由华大基因提供"),
        [("华大基因".to_string(), "bgi-genomics".to_string())]
    );
    assert_eq!(
        ids("深圳华大智造科技股份有限公司生产的测序仪"),
        ["mgi-tech"]
    );
    assert_eq!(ids("公安部物证鉴定中心"), ["mps-ifs"]);
    assert!(
        ids("华大").is_empty(),
        "a two-character fragment is not a name"
    );
}

#[test]
fn weak_aliases_follow_their_support() {
    let m = matcher();
    let r = m.scan_text("BGI opened a new office.");
    assert!(r.is_empty(), "no context, no full name");
    let r = m.scan_document(["BGI opened a new office.", "More on BGI Group below."]);
    assert_eq!(
        r.iter().map(|x| x.evidence).collect::<Vec<_>>(),
        [Evidence::Document, Evidence::Strong]
    );
    let r = m.scan_text("MGI, the sequencer maker, and its DNA tools");
    assert_eq!(r[0].evidence, Evidence::Context);
    // A veto word beats a full name elsewhere.
    assert_eq!(
        ids("BGI Genomics is here. Fly into BGI airport."),
        ["bgi-genomics"]
    );
}

#[test]
fn offsets_convert_to_utf16() {
    let text = "😀😀 华大基因 and BGI Genomics";
    let r = matcher().scan_text(text);
    let mut offs: Vec<usize> = r.iter().flat_map(|m| [m.start, m.end]).collect();
    bioflag::utf16::to_utf16_offsets(text, &mut offs);
    let units: Vec<u16> = text.encode_utf16().collect();
    let s = |a: usize, b: usize| String::from_utf16(&units[a..b]).unwrap();
    assert_eq!(s(offs[0], offs[1]), "华大基因");
    assert_eq!(s(offs[2], offs[3]), "BGI Genomics");
}

#[test]
fn automaton_kind_follows_size() {
    assert_eq!(format!("{:?}", matcher().automaton_kind()), "DFA");
    // A large imported list switches to a contiguous NFA.
    let entities: Vec<String> = (0..12_000)
        .map(|i| format!(r#"{{"id": "e{i}", "name": "Company Number {i} Holdings"}}"#))
        .collect();
    let list = format!(
        r#"{{"schema": 1, "name": "big", "entities": [{}]}}"#,
        entities.join(",")
    );
    let big = bioflag::import::parse_list(&list, "big").expect("valid");
    let m = Matcher::new(vec![bioflag::catalog::builtin(), big]).unwrap();
    assert_eq!(format!("{:?}", m.automaton_kind()), "ContiguousNFA");
    let r = m.scan_text("we buy from Company Number 11999 Holdings and BGI Genomics");
    assert_eq!(
        r.iter()
            .map(|x| m.entity(x.entity).id.as_str())
            .collect::<Vec<_>>(),
        ["e11999", "bgi-genomics"]
    );
}

#[test]
fn long_names_with_one_prefix_keep_a_small_dfa() {
    // 3,000 names of ~190 bytes sharing one long prefix: the trie, and so the DFA, stays small
    // (the automaton is chosen by its estimated memory, not by pattern bytes).
    let entities: Vec<String> = (0..3_000)
        .map(|i| {
            format!(
                r#"{{"id": "e{i}", "name": "{} {i}"}}"#,
                "Long Name Holdings ".repeat(10).trim()
            )
        })
        .collect();
    let list = format!(
        r#"{{"schema": 1, "name": "long", "entities": [{}]}}"#,
        entities.join(",")
    );
    let long = bioflag::import::parse_list(&list, "long").expect("valid");
    let m = Matcher::new(vec![bioflag::catalog::builtin(), long]).unwrap();
    assert_eq!(format!("{:?}", m.automaton_kind()), "DFA");
    assert!(m.memory_usage() < bioflag::matcher::DFA_MAX_BYTES);
}

#[test]
fn a_real_9k_name_list_gets_a_small_nfa() {
    // OFAC's SDN list (../shared/data/lists): a DFA would take ~100 MB.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/lists/csl-ofac-sdn-2022.json"
    );
    let text = std::fs::read_to_string(path).expect("the SDN list in shared/data");
    let sdn = bioflag::import::parse_list(&text, "sdn").expect("valid");
    let m = Matcher::new(vec![bioflag::catalog::builtin(), sdn]).unwrap();
    assert_eq!(format!("{:?}", m.automaton_kind()), "ContiguousNFA");
    // Within the budget a DFA gets (written forms of every name included: ~9 MB).
    assert!(
        m.memory_usage() < bioflag::matcher::DFA_MAX_BYTES,
        "{} bytes",
        m.memory_usage()
    );
}

#[test]
fn imported_entities_get_a_generic_card_naming_their_list() {
    let list = bioflag::import::parse_list(
        r#"{"schema": 1, "name": "My watchlist", "entities": [{"id": "acme", "name": "Acme Widgets Ltd"}]}"#,
        "w",
    )
    .unwrap();
    let m = Matcher::new(vec![bioflag::catalog::builtin(), list]).unwrap();
    let c = bioflag::card::card(&m, m.find_entity("acme").unwrap());
    assert!(c.imported);
    assert_eq!(c.tier_label, "On your imported list “My watchlist”");
    assert!(c.claims.is_empty() && c.responses.is_empty());
    let builtin = bioflag::card::card(&m, m.find_entity("bgi-genomics").unwrap());
    assert_eq!(builtin.tier_label, "On an official US list");
}

#[test]
fn companies_new_on_the_2026_list_and_their_look_alikes() {
    for (text, id) in [
        ("Sequencing was outsourced to Novogene.", "novogene"),
        ("Novogene Co., Ltd. opened a lab", "novogene"),
        ("北京诺禾致源科技股份有限公司发布公告", "novogene"),
        (
            "Origincell Technology Co., Ltd. was listed",
            "origincell-technology",
        ),
        ("ORIGINCELL shares", "origincell-technology"),
    ] {
        assert_eq!(ids(text), vec![id], "{text:?}");
    }
    for trap in [
        "Novogenesis is an enzyme maker",
        "novogenetic research",
        "an origincell culture in the lab",
        "诺禾致源", // a short name the sources here do not record
    ] {
        assert_eq!(found(trap), vec![], "{trap:?}");
    }
}

/// Entity ids flagged in a document of several blocks.
fn doc_ids(blocks: &[&str]) -> Vec<String> {
    let m = matcher();
    let mut ids: Vec<String> = m
        .scan_document(blocks.iter().copied())
        .into_iter()
        .map(|x| m.entity(x.entity).id.clone())
        .collect();
    ids.dedup();
    ids
}

#[test]
fn an_acronym_defined_as_something_else_flags_nothing_in_the_document() {
    let cases: &[(&[&str], &[&str])] = &[
        // Defined in one block, used bare with domain words in another, before or after.
        (
            &[
                "A report by the McKinsey Global Institute (MGI) on hospitals.",
                "MGI researchers say gene therapies and DNA sequencing will grow.",
            ],
            &[],
        ),
        (
            &[
                "MGI curators annotate every mouse gene and genome feature.",
                "Mouse Genome Informatics (MGI) is run by a laboratory in Maine.",
            ],
            &[],
        ),
        (
            &[
                "The McDonnell Genome Institute (MGI) sequences tumours.",
                "MGI scientists sequenced 500 genomes.",
            ],
            &[],
        ),
        (
            &[
                "Barclays Global Investors, or BGI, ran index funds.",
                "BGI bought genomics shares.",
            ],
            &[],
        ),
        (
            &[
                "MGI stands for Magellan Global Investments.",
                "MGI added two sequencing firms.",
            ],
            &[],
        ),
        (
            &[
                "FGI (Facility Guidelines Institute) publishes design rules.",
                "FGI forensic lab rooms",
            ],
            &[],
        ),
        // A definition by the entity's own name confirms the acronym.
        (
            &[
                "MGI Tech Co., Ltd. (\"MGI\") makes sequencers.",
                "MGI opened an office in Riga.",
            ],
            &["mgi-tech"],
        ),
        (
            &[
                "Beijing Genomics Institute (BGI) was founded in 1999.",
                "BGI opened an office in Riga.",
            ],
            &["bgi-group"],
        ),
        // Full names are never affected by an acronym's definition.
        (
            &[
                "Mouse Genome Informatics (MGI) curates genes.",
                "MGI Tech sells sequencers.",
            ],
            &["mgi-tech"],
        ),
        // A parenthesis that names a maker defines nothing.
        (
            &["Reads came from a DNBSEQ-T7 sequencer (MGI, Shenzhen, China)."],
            &["mgi-tech"],
        ),
    ];
    for (blocks, want) in cases {
        assert_eq!(doc_ids(blocks), *want, "in {blocks:?}");
    }
}
