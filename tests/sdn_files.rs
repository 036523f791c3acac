//! OFAC's own SDN files: the legacy CSV pair (sdn.csv + alt.csv) and sdn.xml. The real pair in
//! `../shared/data/lists/raw/` must import to what the Consolidated Screening List JSON of the
//! same records (`csl-ofac-sdn-2022.json`) gives: the same entities with the same names,
//! aliases and programs. Documented differences: entity ids (`sdn-36`, not `csl-sdn-36`) and
//! the list the entities are on (OFAC's SDN list, named by OFAC, not the CSL's source label).
//! The XML is checked against our own fixture pair (`tests/fixtures/sdn/`), which says the same
//! as the XML except one weak a.k.a. that only the XML carries as a name.

use bioflag::catalog::{Entity, ErrorKind};
use bioflag::import::{import_list, import_sdn_csv, Format, Imported};
use std::collections::BTreeMap;
use std::process::Command;

fn shared(rel: &str) -> String {
    format!("{}/../shared/data/lists/{rel}", env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn fixture(name: &str) -> String {
    read(&format!(
        "{}/tests/fixtures/sdn/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
}

/// What the comparison looks at, per entity: display name, aliases with their flags, the
/// designation's note (the programs).
type Seen = (String, Vec<(String, bool, bool, bool)>, Option<String>);

fn by_number(i: &Imported, prefix: &str) -> BTreeMap<String, Seen> {
    i.catalog
        .entities
        .iter()
        .map(|e: &Entity| {
            let key = e.id.strip_prefix(prefix).unwrap_or(&e.id).to_string();
            let aliases = e
                .aliases
                .iter()
                .map(|a| (a.text.clone(), a.weak, a.full_form, a.shared))
                .collect();
            let note = e.designations.first().and_then(|d| d.note.clone());
            (key, (e.name.clone(), aliases, note))
        })
        .collect()
}

fn real_pair() -> Imported {
    let sdn = read(&shared("raw/ofac-sdn-2022.sdn.csv"));
    let alt = read(&shared("raw/ofac-sdn-2022.alt.csv"));
    import_sdn_csv(&sdn, Some(&alt), "sdn.csv").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_csv_pair_gives_what_the_csl_conversion_gives() {
    let pair = real_pair();
    assert_eq!(pair.format, Format::SdnCsv);
    let csl = import_list(&read(&shared("csl-ofac-sdn-2022.json")), "csl").unwrap();
    assert_eq!(pair.skipped, csl.skipped);
    assert_eq!(pair.skipped.get("Individual"), Some(&4643));
    assert_eq!(pair.skipped.get("Vessel"), Some(&420));
    assert_eq!(pair.skipped.get("Aircraft"), Some(&280));
    let (ours, theirs) = (by_number(&pair, "sdn-"), by_number(&csl, "csl-sdn-"));
    assert_eq!(ours.len(), theirs.len());
    assert!(ours.len() > 3600, "{}", ours.len());
    for (number, seen) in &theirs {
        assert_eq!(ours.get(number), Some(seen), "entry {number}");
    }
    // The same names are judged the same way; only where they point differs (a CSV column,
    // or a CSL field path).
    let judged = |i: &Imported| {
        let mut v: Vec<_> = i
            .names
            .iter()
            .map(|n| (n.name.clone(), n.problem, n.outcome))
            .collect();
        v.sort();
        v
    };
    assert_eq!(judged(&pair), judged(&csl));
    assert_eq!(pair.all_capitals, csl.all_capitals);
    // The list is OFAC's, with OFAC as its authority.
    assert_eq!(pair.catalog.lists.len(), 1);
    let list = &pair.catalog.lists[0];
    assert_eq!(list.id, "ofac-sdn");
    assert!(list.authority.as_deref().unwrap().contains("OFAC"));
    // This copy of sdn.csv has one entry number twice (line 57, a person, and line 9044, a
    // company): both are read, and the import says so.
    assert_eq!(pair.warnings.len(), 1, "{:?}", pair.warnings);
    assert_eq!(pair.warnings[0].line, 9044);
    assert_eq!(pair.warnings[0].kind, ErrorKind::Duplicate);
    assert!(pair.warnings[0].message.contains("2677"));
}

#[test]
fn sdn_csv_alone_imports_its_primary_names_and_says_so() {
    let sdn = read(&shared("raw/ofac-sdn-2022.sdn.csv"));
    let alone = import_list(&sdn, "sdn.csv").unwrap();
    let pair = real_pair();
    assert_eq!(alone.catalog.entities.len(), pair.catalog.entities.len());
    for (a, p) in alone.catalog.entities.iter().zip(&pair.catalog.entities) {
        assert_eq!((&a.id, &a.name), (&p.id, &p.name));
        assert!(a.aliases.len() <= p.aliases.len());
    }
    assert!(
        alone
            .warnings
            .iter()
            .any(|w| w.kind == ErrorKind::Incomplete),
        "{:?}",
        alone.warnings
    );
}

#[test]
fn one_text_holding_both_files_is_the_pair() {
    // What the extension stores when both files are picked at once.
    let sdn = read(&shared("raw/ofac-sdn-2022.sdn.csv"));
    let alt = read(&shared("raw/ofac-sdn-2022.alt.csv"));
    let both = import_list(&format!("{sdn}{alt}"), "sdn.csv").unwrap();
    assert_eq!(both.catalog, real_pair().catalog);
    // alt.csv lines are its own: a broken alt row is located in alt.csv.
    let broken = alt.replacen("36,12,aka,", "36,12,akka,", 1);
    let e = import_list(&format!("{sdn}{broken}"), "sdn.csv").unwrap_err();
    assert_eq!(e.errors.len(), 1, "{e}");
    assert_eq!((e.errors[0].line, e.errors[0].column), (1, 7));
    assert_eq!(e.errors[0].field, "alt.csv: alt_type");
}

#[test]
fn xml_gives_what_the_csv_pair_gives() {
    let xml = import_list(&fixture("sdn.xml"), "sdn.xml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(xml.format, Format::SdnXml);
    let csv = import_sdn_csv(&fixture("sdn.csv"), Some(&fixture("alt.csv")), "sdn.csv").unwrap();
    assert_eq!(xml.skipped, csv.skipped);
    assert_eq!(xml.skipped.get("Individual"), Some(&1));
    assert_eq!(xml.skipped.get("Vessel"), Some(&1));
    let (mut x, c) = (by_number(&xml, "sdn-"), by_number(&csv, "sdn-"));
    assert_eq!(
        x["9001"].1.iter().map(|a| a.0.as_str()).collect::<Vec<_>>(),
        [
            "QORVANTH SYNTHETIC BIOLOGY COMPANY",
            "QORVANTH BIO",
            "ZELMORA GENE WORKS & CO."
        ]
    );
    assert_eq!(x["9001"].2.as_deref(), Some("programs: SDGT; IFSR"));
    // The one difference: the XML's weak a.k.a. is a weak alias; the CSV has it only in its
    // remarks.
    let veltranox = x.get_mut("9004").unwrap();
    assert_eq!(
        veltranox.1.pop(),
        Some(("VTX".to_string(), true, false, false))
    );
    assert_eq!(x, c);
}

fn error_of(text: &str) -> bioflag::ListError {
    let e = import_list(text, "t").unwrap_err();
    assert_eq!(e.errors.len(), 1, "{e}");
    e.errors[0].clone()
}

#[test]
fn csv_errors_name_line_column_and_field() {
    let good = fixture("sdn.csv");
    let e = error_of(&good.replacen("-0- ,IRAN", "ship,IRAN", 1));
    assert_eq!(
        (e.line, e.column, e.field.as_str()),
        (4, 31, "SDN_Type"),
        "{e:?}"
    );
    assert_eq!(e.kind, ErrorKind::Invalid, "{e:?}");
    assert!(e.message.contains("unknown type `ship`"), "{e:?}");
    let e = error_of(&good.replacen("9005,WAYFARER HORIZON CORPORATION,-0- ,", "9005,", 1));
    assert_eq!((e.line, e.field.as_str()), (5, ""), "{e:?}");
    assert!(e.message.contains("expected the 12 columns"), "{e:?}");
    let e = error_of(&good.replacen("9005,WAYFARER", "9x05,WAYFARER", 1));
    assert_eq!(
        (e.line, e.column, e.field.as_str()),
        (5, 1, "ent_num"),
        "{e:?}"
    );
    let e = error_of(&good.replacen("WAYFARER HORIZON CORPORATION", "-0- ", 1));
    assert_eq!((e.line, e.field.as_str()), (5, "SDN_Name"), "{e:?}");
    // alt.csv alone is not a list, and its rows must belong to sdn.csv entries.
    let e = error_of(&fixture("alt.csv"));
    assert_eq!(e.kind, ErrorKind::Format, "{e:?}");
    assert!(
        e.message.contains("import sdn.csv with alt.csv beside it"),
        "{e:?}"
    );
    let orphan = fixture("alt.csv").replace("9002,7003", "9999,7003");
    let e = import_sdn_csv(&good, Some(&orphan), "t").unwrap_err();
    assert_eq!(e.errors.len(), 1, "{e}");
    assert_eq!(
        (e.errors[0].line, e.errors[0].field.as_str()),
        (3, "alt.csv: ent_num")
    );
    assert!(e.errors[0]
        .message
        .contains("no sdn.csv entry has ent_num 9999"));
    // OFAC's end-of-file mark is no row.
    let marked = import_list(&format!("{good}\u{1a}"), "t").unwrap();
    assert_eq!(marked.catalog.entities.len(), 3);
}

#[test]
fn xml_errors_name_line_and_field() {
    let good = fixture("sdn.xml");
    let e = error_of(&good.replacen("<sdnType>Vessel</sdnType>", "<sdnType>Ship</sdnType>", 1));
    assert_eq!(
        (e.line, e.field.as_str()),
        (57, "sdnEntry[3].sdnType"),
        "{e:?}"
    );
    assert!(e.message.contains("unknown sdnType `Ship`"), "{e:?}");
    let e = error_of(&good.replacen("<uid>9004</uid>", "", 1));
    assert_eq!((e.line, e.field.as_str()), (62, "sdnEntry[4].uid"), "{e:?}");
    let e = error_of(&good.replacen(
        "</lastName>\n    <sdnType>Entity",
        "</lastNam>\n    <sdnType>Entity",
        1,
    ));
    assert_eq!(e.line, 9, "{e:?}");
    assert_eq!(e.kind, ErrorKind::Syntax, "{e:?}");
    let e = error_of(&good.replacen("&amp;", "&bogus;", 1));
    assert_eq!(e.line, 26, "{e:?}");
    let e = error_of("<?xml version=\"1.0\"?><people/>");
    assert_eq!(e.kind, ErrorKind::Format, "{e:?}");
    assert!(e.message.contains("sdnList"), "{e:?}");
}

#[test]
fn cli_reads_the_alt_csv_beside_sdn_csv() {
    let sdn = shared("raw/ofac-sdn-2022.sdn.csv");
    let out = Command::new(env!("CARGO_BIN_EXE_bioflag"))
        .args(["check-list", &sdn])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("valid OFAC SDN CSV (sdn.csv)"), "{stdout}");
    assert!(
        stdout.contains("skipped 4643 record(s): Individual"),
        "{stdout}"
    );
    assert!(!stdout.contains("no alt.csv"), "{stdout}");
    assert!(
        stdout.contains(":9044:1: warning: ent_num: ent_num 2677"),
        "{stdout}"
    );
    // An alternate name only alt.csv has (Banco Nacional de Cuba's) is matched.
    let mut child = Command::new(env!("CARGO_BIN_EXE_bioflag"))
        .args(["scan", "--format", "json", "--list", &sdn, "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Payments through the National Bank of Cuba were blocked.\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("\"entity\":\"sdn-306\""), "{stdout}");
}
