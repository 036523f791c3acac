//! `screen` against OFAC's real SDN list (`../shared/data/lists/raw/`, the CSV pair): supplier
//! names written as companies write them must match the listed entry; ordinary company names
//! that only share words with a listed one must not (clear, or review at most). Our own
//! supplier names; the table prints precision and recall with `--nocapture`.

use bioflag::catalog::builtin;
use bioflag::import::import_sdn_csv;
use bioflag::screen::{Screener, Verdict};
use bioflag::Matcher;

fn shared(rel: &str) -> String {
    let path = format!("{}/../shared/data/lists/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Supplier names and the SDN entry (ent_num) each one is.
const LISTED: &[(&str, &str)] = &[
    ("Esfahan Steel Co., Ltd", "28284"),
    ("Khorasan Steel Co.", "28285"),
    ("Iranian Ghadir Iron and Steel Company", "28295"),
    ("Pacific Steel FZE", "29108"),
    ("Better Future General Trading Co. L.L.C.", "29109"),
    ("Tuka Metal Trading DMCC", "29110"),
    ("Kaveh Shargh Steel Company", "30418"),
    ("Ascotec Steel Trading GmbH", "11613"),
    ("Anglo Caribbean Co. Ltd", "173"),
    ("Mahan Air", "12927"),
    ("National Iranian Oil Co", "11317"),
    ("JSC Izhevsky Mekhanichesky Zavod", "18317"),
    ("Zimbabwe Iron & Steel Co", "10960"),
    ("Havin Bank Ltd.", "906"),
    ("Sirjan Jahan Steel Complex Co.", "29112"),
    ("Hormozgan Steel Co", "28304"),
    (
        "Kaifeng Pingmei New Carbon Materials Technology Co Ltd",
        "30754",
    ),
    ("Esfahan's Mobarakeh Steel Co.", "25064"),
    ("Comercial Cimex S.A.", "551"),
];

/// Ordinary suppliers that share a word (or two) with a listed name.
const ORDINARY: &[&str] = &[
    "National Oil Services LLC",
    "Eagle Timber Ltd",
    "Pacific Trading Co.",
    "Steel Company of Ohio",
    "Global Relief Services Inc",
    "Red Sea Logistics Ltd",
    "Atlas Steel Co., Ltd",
    "Orient Express Shipping LLC",
    "Better Homes Trading LLC",
    "Mahan Logistics GmbH",
    "Future Trading Co.",
    "General Trading LLC",
    "Havin Consulting Ltd",
    "Zimbabwe Tea Estates Ltd",
    "Khorasan Carpets Co.",
    "Steel Complex Engineering Ltd",
];

#[test]
fn suppliers_against_the_sdn_list() {
    let sdn = import_sdn_csv(
        &shared("raw/ofac-sdn-2022.sdn.csv"),
        Some(&shared("raw/ofac-sdn-2022.alt.csv")),
        "sdn.csv",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let m = Matcher::new(vec![builtin(), sdn.catalog]).unwrap();
    let s = Screener::new(&m);
    let number = |v: &Verdict| {
        v.entity()
            .map(|e| m.entity(e).id.trim_start_matches("sdn-").to_string())
    };
    let (mut found, mut false_matches) = (0, 0);
    let mut problems = Vec::new();
    for (name, want) in LISTED {
        let v = s.verdict(name);
        println!(
            "{:9} {name} -> {:?}",
            v.label(),
            v.entity().map(|e| &m.entity(e).name)
        );
        match v {
            Verdict::Match { .. } if number(&v).as_deref() == Some(want) => found += 1,
            Verdict::Match { .. } => {
                false_matches += 1;
                problems.push(format!(
                    "{name}: matched entry {:?}, not {want}",
                    number(&v)
                ));
            }
            _ => problems.push(format!(
                "{name}: {} instead of a match with {want}",
                v.label()
            )),
        }
    }
    for name in ORDINARY {
        let v = s.verdict(name);
        println!(
            "{:9} {name} -> {:?}",
            v.label(),
            v.entity().map(|e| &m.entity(e).name)
        );
        if matches!(v, Verdict::Match { .. } | Verdict::Contains { .. }) {
            false_matches += 1;
            problems.push(format!("{name}: {} {:?}", v.label(), number(&v)));
        }
    }
    let precision = found as f64 / (found + false_matches).max(1) as f64;
    let recall = found as f64 / LISTED.len() as f64;
    println!(
        "{} listed, {} ordinary: precision {precision:.2}, recall {recall:.2}",
        LISTED.len(),
        ORDINARY.len()
    );
    assert!(problems.is_empty(), "{problems:#?}");
}
