//! List import through the public API: the three formats, detection, located errors, limits,
//! hostile input, and matching an imported list next to the built-in catalog.

use bioflag::catalog::lint::{lint, Strictness, MAX_ALIASES_PER_ENTITY, MAX_ALIAS_CHARS};
use bioflag::catalog::load::MAX_LIST_BYTES;
use bioflag::catalog::{Catalog, Entity, ErrorKind, ListErrors, Tier};
use bioflag::import::{detect, import_list, parse_list, Format, Imported, MAX_ERRORS};
use bioflag::Matcher;

const FTM: &str = r#"{"id":"NK-bgi-genomics","schema":"Company","datasets":["us_dod_chinese_milcorps"],"first_seen":"2022-10-06T00:00:00","properties":{"name":["BGI Genomics Co., Ltd.","深圳华大基因股份有限公司"],"weakAlias":["BGI"],"alias":["BGI Genomics"],"topics":["sanction"],"country":["cn"]}}
{"id":"NK-person-1","schema":"Person","properties":{"name":["Zhang Example"],"topics":["sanction"]}}
{"id":"NK-northwind","schema":"Organization","properties":{"name":["Northwind Gene Research Institute"],"alias":["NGRI","Northwind Gene Institute","<b>Northwind</b> Lab"],"previousName":["Northwind Sequencing Center"],"topics":["export.control","sanction"]}}

{"id":"NK-vessel-1","schema":"Vessel","properties":{"name":["Example Star"]}}
"#;

const CSL: &str = r#"{
  "total": 3,
  "results": [
    {
      "id": "e3b0c442-98fc-1c14",
      "name": "Eastgate Bioscience Co., Ltd.",
      "alt_names": ["Eastgate Bio", "EGB", "E"],
      "source": "Entity List (EL) - Bureau of Industry and Security",
      "programs": ["EAR"],
      "federal_register_notice": "85 FR 44159",
      "start_date": "2020-07-22",
      "end_date": null,
      "source_list_url": "https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/entity-list"
    },
    {
      "name": "Silverline Reagents Trading Limited",
      "alt_names": "Silverline Reagents; SRT",
      "source": "Military End User (MEU) List - Bureau of Industry and Security",
      "start_date": "12/21/2020",
      "source_list_url": "http://example.gov/list"
    },
    {
      "id": "p-1",
      "name": "John Sample",
      "type": "Individual",
      "source": "Denied Persons List (DPL) - Bureau of Industry and Security"
    }
  ]
}"#;

fn ok(text: &str) -> Imported {
    let imported = import_list(text, "test list").unwrap_or_else(|e| panic!("{e}"));
    let problems = lint(&imported.catalog, Strictness::Imported);
    assert!(problems.is_empty(), "{problems:?}");
    imported
}

fn err(text: &str) -> ListErrors {
    match import_list(text, "test list") {
        Ok(i) => panic!("accepted: {:?}", i.catalog.entities),
        Err(e) => e,
    }
}

/// (line, field, message) of every error, for exact assertions.
fn located(e: &ListErrors) -> Vec<(usize, &str, &str)> {
    e.errors
        .iter()
        .map(|e| (e.line, e.field.as_str(), e.message.as_str()))
        .collect()
}

fn entity<'a>(c: &'a Catalog, id: &str) -> &'a Entity {
    c.entities
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no entity {id}"))
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/lists/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn ftm_organisations_imported_people_and_vessels_skipped() {
    let imported = ok(FTM);
    assert_eq!(imported.format, Format::FollowTheMoney);
    let c = &imported.catalog;
    assert_eq!(c.name, "test list");
    assert_eq!(c.entities.len(), 2);
    assert_eq!(imported.skipped.get("Person"), Some(&1));
    assert_eq!(imported.skipped.get("Vessel"), Some(&1));
    assert_eq!(imported.skipped_total(), 2);

    let bgi = entity(c, "ftm-nk-bgi-genomics");
    assert_eq!(bgi.name, "BGI Genomics Co., Ltd.");
    assert_eq!(bgi.name_zh.as_deref(), Some("深圳华大基因股份有限公司"));
    assert_eq!(bgi.tier, Tier::Designated);
    assert_eq!(bgi.kind.as_deref(), Some("company"));
    assert_eq!(bgi.country.as_deref(), Some("CN"));
    assert!(bgi.claims.is_empty());
    let weak: Vec<&str> = bgi
        .aliases
        .iter()
        .filter(|a| a.weak)
        .map(|a| a.text.as_str())
        .collect();
    assert_eq!(weak, ["BGI"]);
    // "BGI Genomics" is the name without its legal suffix: one alias, not two.
    let strong: Vec<&str> = bgi
        .aliases
        .iter()
        .filter(|a| !a.weak)
        .map(|a| a.text.as_str())
        .collect();
    assert_eq!(
        strong,
        ["BGI Genomics Co., Ltd.", "深圳华大基因股份有限公司"]
    );
    // first_seen is when OpenSanctions saw the record, not a listing date.
    let d = &bgi.designations[0];
    assert_eq!(d.added, None);
    assert_eq!(d.note.as_deref(), Some("OpenSanctions topics: sanction"));
    let list = c.official_list(&d.list).expect("designation list exists");
    assert_eq!(list.name, "OpenSanctions dataset us_dod_chinese_milcorps");
    let source = c
        .source(d.source.as_deref().unwrap())
        .expect("source exists");
    assert_eq!(source.url, None);

    let nw = entity(c, "ftm-nk-northwind");
    let aliases: Vec<(&str, bool)> = nw
        .aliases
        .iter()
        .map(|a| (a.text.as_str(), a.weak))
        .collect();
    assert_eq!(
        aliases,
        [
            ("Northwind Gene Research Institute", false),
            ("NGRI", true),
            ("Northwind Gene Institute", false),
            // Markup is plain text; rendering it inert is the UI's job.
            ("<b>Northwind</b> Lab", false),
            ("Northwind Sequencing Center", false),
        ]
    );
    assert_eq!(
        nw.designations[0].note.as_deref(),
        Some("OpenSanctions topics: export.control, sanction")
    );
    assert_eq!(
        c.official_list(&nw.designations[0].list).unwrap().name,
        "OpenSanctions"
    );
}

#[test]
fn csl_results_document() {
    let imported = ok(CSL);
    assert_eq!(imported.format, Format::ScreeningList);
    assert_eq!(imported.skipped.get("Individual"), Some(&1));
    let c = &imported.catalog;
    assert_eq!(c.entities.len(), 2);

    let e = entity(c, "csl-e3b0c442-98fc-1c14");
    let aliases: Vec<(&str, bool)> = e
        .aliases
        .iter()
        .map(|a| (a.text.as_str(), a.weak))
        .collect();
    // "E" is one character: dropped.
    assert_eq!(
        aliases,
        [
            ("Eastgate Bioscience Co., Ltd.", false),
            ("Eastgate Bio", false),
            ("EGB", true)
        ]
    );
    let d = &e.designations[0];
    assert_eq!(d.list, "entity-list-el-bureau-of-industry-and-security");
    assert_eq!(d.added.as_deref(), Some("2020-07-22"));
    assert_eq!(d.removed, None);
    assert_eq!(d.citation.as_deref(), Some("85 FR 44159"));
    assert_eq!(d.note.as_deref(), Some("programs: EAR"));
    let list = c.official_list(&d.list).unwrap();
    assert_eq!(
        list.authority.as_deref(),
        Some("Bureau of Industry and Security")
    );
    let source = c.source(d.source.as_deref().unwrap()).unwrap();
    assert!(source
        .url
        .as_deref()
        .unwrap()
        .starts_with("https://www.bis.doc.gov/"));

    // No id: numbered by position. A US-style date is not ISO: no date rather than a guess.
    let s = entity(c, "csl-2");
    assert_eq!(s.aliases[2].text, "SRT");
    assert!(s.aliases[2].weak);
    assert_eq!(s.designations[0].added, None);
    let source = c
        .source(s.designations[0].source.as_deref().unwrap())
        .unwrap();
    assert_eq!(source.url, None, "http URLs are not kept");
}

#[test]
fn csl_bare_array_and_duplicates_shared() {
    let text = r#"[
 {"name": "Eastgate Bioscience Co., Ltd.", "source": "Entity List (EL) - Bureau of Industry and Security"},
 {"name": "Eastgate Bioscience Co., Ltd.", "source": "Military End User (MEU) List - Bureau of Industry and Security"}
]"#;
    let c = ok(text).catalog;
    assert_eq!(c.entities.len(), 2);
    assert_eq!(c.entities[0].id, "csl-1");
    assert_eq!(c.entities[1].id, "csl-2");
    assert!(c.entities.iter().all(|e| e.aliases[0].shared));
    assert_eq!(c.lists.len(), 2);
}

#[test]
fn bioflag_format_still_read() {
    let text = r#"{"schema": 1, "name": "my list", "entities": [
      {"id": "acme-bio", "name": "Acme Bio Labs", "aliases": [{"text": "Acme Bio"}]}
    ]}"#;
    let imported = ok(text);
    assert_eq!(imported.format, Format::Bioflag);
    assert_eq!(imported.catalog.name, "my list");
    assert_eq!(parse_list(text, "x").unwrap(), imported.catalog);
}

#[test]
fn detection() {
    assert_eq!(detect(FTM), Ok(Format::FollowTheMoney));
    assert_eq!(detect(CSL), Ok(Format::ScreeningList));
    assert_eq!(detect("\u{feff}[]"), Ok(Format::ScreeningList));
    assert_eq!(
        detect(r#"{"schema": 1, "name": "x", "entities": []}"#),
        Ok(Format::Bioflag)
    );
    // FTM whose first line is broken is still recognised, so the error names that line.
    let broken_first = "{\"id\":\"a\",\"schema\":\"Company\",\"properties\":{\"name\":[\"A\"]}\n";
    assert_eq!(detect(broken_first), Ok(Format::FollowTheMoney));
    // OpenSanctions' CSV of the same data: the error names the file to import instead.
    let e = detect("id,schema,name\nx,Company,Acme\n").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Format, "{e}");
    assert!(e.message.contains("`entities.ftm.json`"), "{e}");
    let e = detect(r#"{"foo": 1}"#).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Format, "{e}");
    assert_eq!(err("").errors[0].kind, ErrorKind::Empty);
    assert_eq!(err(" [] ").errors[0].kind, ErrorKind::Empty);
}

#[test]
fn ftm_errors_are_located() {
    let text = r#"{"id":"ok-1","schema":"Company","properties":{"name":["Fine Genomics Ltd"]}}
{"id":"bad-2","schema":"Company","properties":{"name":["Broken Genomics"]
{"id":"bad-3","schema":"Company","properties":{"name":[]}}
{"id":"bad-4","schema":"Company","properties":{"name":["Typed Genomics"],"alias":[42]}}
{"id":"bad-5","schema":"Company","properties":{"name":"not a list","topics":{}}}
{"id":"bad-6","properties":{"name":["No Schema Genomics"]}}
{"schema":"Company","properties":{"name":["No Id Genomics"]}}
{"id":"bad-8","schema":"Company"}
[1, 2]
{"id":"bad-10","schema":"Person","properties":{"name":42}}
"#;
    let e = err(text);
    assert_eq!(e.list, "test list");
    assert_eq!(
        located(&e),
        [
            (2, "", "invalid JSON: EOF while parsing an object"),
            (3, "properties.name", "the entity has no name"),
            (4, "properties.alias[0]", "expected a string"),
            (5, "properties.topics", "expected a list of strings"),
            (6, "schema", "missing field `schema`"),
            (7, "id", "missing field `id`"),
            (8, "properties", "missing field `properties`"),
            (9, "", "expected a JSON object"),
        ]
    );
    // A single string is read as one name (lenient); a Person's errors do not matter.
    assert_eq!(e.errors[1].column, 55);
}

#[test]
fn csl_errors_are_located() {
    let text = r#"{"results": [
  {"name": "Fine Genomics Ltd", "source": "X"},
  {"source": "X"},
  {"name": "", "source": "X"},
  {"name": "Alt Genomics", "alt_names": 7},
  {"name": "Url Genomics", "source_list_url": "data:text/html,<script>alert(1)</script>"},
  "not a record",
  {"name": ["Array Genomics"]}
]}"#;
    let e = err(text);
    assert_eq!(
        located(&e),
        [
            (3, "results[1].name", "missing field `name`"),
            (4, "results[2].name", "the record has no name"),
            (5, "results[3].alt_names", "expected a list of strings"),
            (
                6,
                "results[4].source_list_url",
                "`data:` URLs are refused: only https URLs are kept"
            ),
            (7, "results[5]", "expected an object"),
            (8, "results[6].name", "expected a string"),
        ]
    );
    let e = err(r#"{"total": 0}"#);
    let kinds: Vec<_> = e.errors.iter().map(|e| (e.line, e.kind)).collect();
    assert_eq!(kinds, [(1, ErrorKind::Format)], "{e}");
    let e = err("[\n {\"name\": \"A Genomics\"},\n {\"name\": 5}\n]");
    assert_eq!(located(&e), [(3, "[1].name", "expected a string")]);
}

#[test]
fn errors_are_capped() {
    let mut text = String::new();
    for i in 0..250 {
        text.push_str(&format!(
            "{{\"id\":\"x{i}\",\"schema\":\"Company\",\"properties\":{{\"name\":[]}}}}\n"
        ));
    }
    let e = err(&text);
    assert_eq!(e.errors.len(), MAX_ERRORS + 1);
    assert_eq!(e.errors[0].line, 1);
    assert_eq!(e.errors[MAX_ERRORS - 1].line, MAX_ERRORS);
    assert_eq!(e.errors[MAX_ERRORS].kind, ErrorKind::More);
    assert_eq!(e.errors[MAX_ERRORS].message, "... and 150 more errors");
}

#[test]
fn size_limit() {
    let mut text = String::with_capacity(MAX_LIST_BYTES + 1);
    text.push('[');
    text.extend(std::iter::repeat_n(' ', MAX_LIST_BYTES));
    let e = err(&text);
    assert_eq!(
        located(&e),
        [(
            1,
            "",
            "the list is 64.1 MB (67108865 bytes), over the size limit of 64 MB"
        )]
    );
}

#[test]
fn alias_length_and_count_limits() {
    let long = "A".repeat(MAX_ALIAS_CHARS) + "b";
    let text = format!(
        "{{\"id\":\"a\",\"schema\":\"Company\",\"properties\":{{\"name\":[\"Fine Genomics\"],\"alias\":[\"{long}\"]}}}}\n"
    );
    let e = err(&text);
    assert_eq!(
        located(&e),
        [(
            1,
            "properties.alias[0]",
            "the name is 201 characters long, over the limit of 200"
        )]
    );

    let many: Vec<String> = (0..=MAX_ALIASES_PER_ENTITY)
        .map(|i| format!("\"Genomics Unit {i}\""))
        .collect();
    let text = format!(
        "\n{{\"name\":\"Many Names Genomics\",\"alt_names\":[{}]}}",
        many.join(",")
    );
    let e = err(&format!("[{text}]"));
    assert_eq!(
        located(&e),
        [(
            2,
            "[0].alt_names",
            "1002 names on one entity, over the limit of 1000"
        )]
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = "[".repeat(5000) + &"]".repeat(5000);
    let deep_obj = "{\"a\":".repeat(5000) + "1" + &"}".repeat(5000);
    let cases = [
        // Top level.
        deep.clone(),
        // In an FTM property, and as a whole FTM line.
        format!("{{\"id\":\"a\",\"schema\":\"Company\",\"properties\":{{\"name\":{deep}}}}}\n{{\"id\":\"b\"}}\n"),
        format!("{{\"id\":\"a\",\"schema\":\"Company\",\"properties\":{{\"name\":[\"Deep Genomics\"]}}}}\n{deep_obj}\n"),
        // In a CSL record.
        format!("{{\"results\":[{{\"name\":\"Deep Genomics\",\"alt_names\":{deep}}}]}}"),
        format!("{{\"results\":{deep}}}"),
        // In our own format.
        format!("{{\"schema\":1,\"name\":\"x\",\"entities\":{deep}}}"),
        format!("{{\"schema\":1,\"name\":\"x\",\"entities\":[{deep_obj}]}}"),
    ];
    for text in &cases {
        let e = err(text);
        assert!(!e.errors.is_empty());
    }
    // The FTM line that nests names the line.
    let e = err(&cases[2]);
    assert_eq!(e.errors[0].line, 2, "{e}");
}

#[test]
fn script_urls_refused_markup_kept_as_text() {
    let text = r#"[{"name": "<img src=x onerror=alert(1)> Genomics", "source": "X",
  "source_list_url": "javascript:alert(document.cookie)"}]"#;
    let e = err(text);
    assert_eq!(
        located(&e),
        [(
            2,
            "[0].source_list_url",
            "`javascript:` URLs are refused: only https URLs are kept"
        )]
    );
    let text =
        r#"[{"name": "<img src=x onerror=alert(1)> Genomics", "source": "<script>x</script>"}]"#;
    let c = ok(text).catalog;
    assert_eq!(c.entities[0].name, "<img src=x onerror=alert(1)> Genomics");
    assert_eq!(c.lists[0].name, "<script>x</script>");
    assert_eq!(c.lists[0].id, "script-x-script");
}

#[test]
fn matcher_finds_imported_names_next_to_builtin() {
    let imported = parse_list(FTM, "opensanctions").unwrap();
    let matcher = Matcher::new(vec![bioflag::catalog::builtin(), imported]).unwrap();
    let text = "A contract with Northwind Gene Research Institute (NGRI) was signed.";
    let matches = matcher.scan_text(text);
    let found: Vec<(&str, &str)> = matches
        .iter()
        .map(|m| (&text[m.start..m.end], matcher.entity(m.entity).id.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("Northwind Gene Research Institute", "ftm-nk-northwind"),
            ("NGRI", "ftm-nk-northwind"),
        ]
    );
    assert_eq!(matcher.catalog_of(matches[0].entity).name, "opensanctions");
    // A weak alias alone is not flagged.
    assert!(matcher.scan_text("NGRI announced results.").is_empty());
}

#[test]
fn fixtures() {
    let ftm = ok(&fixture("sample.ftm.json"));
    assert_eq!(ftm.format, Format::FollowTheMoney);
    assert_eq!(ftm.catalog.entities.len(), 2);
    assert_eq!(ftm.skipped_total(), 2);
    let harbor = entity(&ftm.catalog, "ftm-nk-sample-harbor");
    let d = &harbor.designations[0];
    assert_eq!(d.added.as_deref(), Some("2024-03-15"));
    assert_eq!(
        ftm.catalog.official_list(&d.list).unwrap().name,
        "Example Sanctions Authority"
    );

    let csl = ok(&fixture("sample-csl.json"));
    assert_eq!(csl.format, Format::ScreeningList);
    assert_eq!(csl.catalog.entities.len(), 2);
    assert_eq!(csl.skipped.get("Individual"), Some(&1));

    let e = import_list(&fixture("broken.json"), "broken.json").unwrap_err();
    assert_eq!(e.list, "broken.json");
    assert_eq!(
        located(&e),
        [
            (2, "", "invalid JSON: EOF while parsing an object"),
            (3, "properties.name", "the entity has no name"),
            (4, "properties.alias[0]", "expected a string"),
        ]
    );
}

#[test]
fn entity_limit() {
    use bioflag::catalog::lint::MAX_ENTITIES;
    let mut text = String::from("[");
    for i in 0..=MAX_ENTITIES {
        if i > 0 {
            text.push_str(",\n");
        }
        text.push_str(&format!("{{\"name\":\"Unit {i} Genomics\"}}"));
    }
    text.push(']');
    let e = err(&text);
    assert_eq!(
        located(&e),
        [(
            MAX_ENTITIES + 1,
            "",
            "more than 500000 entities: over the limit of 500000 per list"
        )]
    );
}
