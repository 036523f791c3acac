//! The curated catalog is data, linted like code: structure (via the same lint users' lists
//! get, in its strict form), editorial rules from the brief, and each lint rule on bad input.

use bioflag::catalog::{builtin, parse_catalog, Catalog, Strictness, BUILTIN_JSON};

fn catalog() -> Catalog {
    builtin()
}

#[test]
fn builtin_catalog_passes_the_strict_lint() {
    // builtin() panics with every located problem if the lint fails.
    let c = catalog();
    assert_eq!(c.schema, 1);
    assert!(!c.version.is_empty());
}

#[test]
fn required_entities_are_present() {
    let c = catalog();
    for id in [
        "bgi-group",
        "bgi-genomics",
        "mgi-tech",
        "complete-genomics",
        "bgi-research",
        "bgi-tech-solutions-hk",
        "forensic-genomics-international",
        "xinjiang-silk-road-bgi",
        "beijing-liuhe-bgi",
        "bgi-americas",
        "mps-ifs",
        "wuxi-apptec",
        // The other BGI units on the 2026 1260H list.
        "gbi-diagnostics",
        "innomics",
        "stomics-americas",
    ] {
        assert!(c.entity_index(id).is_some(), "missing entity {id}");
    }
}

#[test]
fn every_bgi_family_card_carries_the_denial() {
    let c = catalog();
    let root = c.entity_index("bgi-group").unwrap();
    for (i, e) in c.entities.iter().enumerate() {
        if c.family_root(i) != root {
            continue;
        }
        assert!(
            e.responses.iter().any(
                |r| r.text.contains("denies that it has abused customer data")
                    && r.text
                        .contains("denies that its products are used for military purposes")
            ),
            "{} has no denial",
            e.id
        );
    }
}

#[test]
fn mps_ifs_card_records_the_removal_and_why() {
    let c = catalog();
    let e = &c.entities[c.entity_index("mps-ifs").unwrap()];
    assert_eq!(e.tier, bioflag::catalog::Tier::FormerlyDesignated);
    assert!(e
        .designations
        .iter()
        .any(|d| d.list == "entity-list" && d.removed.as_deref() == Some("2023-11-16")));
    assert!(
        e.claims
            .iter()
            .any(|cl| cl.text.contains("concession") && cl.source == "article-2023-12-14"),
        "the card says why it was removed, per the article"
    );
    assert_eq!(e.name_zh.as_deref(), Some("公安部物证鉴定中心"));
}

#[test]
fn chinese_names_from_the_fact_sheet() {
    let c = catalog();
    let zh = |id: &str| c.entities[c.entity_index(id).unwrap()].name_zh.clone();
    assert_eq!(
        zh("bgi-genomics").as_deref(),
        Some("深圳华大基因股份有限公司")
    );
    assert_eq!(
        zh("mgi-tech").as_deref(),
        Some("深圳华大智造科技股份有限公司")
    );
    assert_eq!(
        zh("bgi-research").as_deref(),
        Some("深圳华大生命科学研究院")
    );
    assert_eq!(
        zh("bgi-tech-solutions-hk"),
        None,
        "unverified in the fact sheet"
    );
}

#[test]
fn article_quotes_are_verbatim() {
    let article = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/reporting/article.txt"
    ))
    .expect("the reporting is at ../shared");
    let c = catalog();
    let mut checked = 0;
    for e in &c.entities {
        for cl in e.claims.iter().chain(&e.responses) {
            if let (Some(q), "article-2023-12-14") = (&cl.quote, cl.source.as_str()) {
                assert!(
                    article.contains(q.as_str()),
                    "{}: quote not in the article: {q}",
                    e.id
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 5, "only {checked} quotes checked");
}

#[test]
fn file_is_tidy() {
    assert!(BUILTIN_JSON.ends_with('\n'));
    for (i, line) in BUILTIN_JSON.lines().enumerate() {
        assert_eq!(line, line.trim_end(), "trailing space on line {}", i + 1);
        assert!(!line.contains('\t'), "tab on line {}", i + 1);
    }
}

/// A small valid catalog to break one rule at a time; one entity per line so errors are easy
/// to locate.
fn with_entities(sources: &str, entities: &str) -> String {
    format!(
        "{{\"schema\": 1, \"name\": \"t\",\n\"lists\": [{{\"id\": \"l\", \"name\": \"L\"}}],\n\"sources\": [{sources}],\n\"entities\": [\n{entities}\n]}}\n"
    )
}

const SOURCE: &str = r#"{"id": "s", "title": "T", "confidence": "primary"}"#;

fn errors(text: &str) -> Vec<(usize, String, String)> {
    match parse_catalog(text, "t", Strictness::Curated) {
        Ok(_) => Vec::new(),
        Err(e) => e
            .errors
            .into_iter()
            .map(|e| (e.line, e.field, e.message))
            .collect(),
    }
}

fn entity(id: &str, extra: &str) -> String {
    format!(
        r#"{{"id": "{id}", "name": "Name {id}", "designations": [{{"list": "l", "added": "2020-01-01", "source": "s"}}]{extra}}}"#
    )
}

#[test]
fn lint_accepts_the_base_case() {
    assert_eq!(errors(&with_entities(SOURCE, &entity("a", ""))), vec![]);
}

#[test]
fn lint_rules_report_line_and_field() {
    let cases: Vec<(String, usize, &str, &str)> = vec![
        (
            with_entities(
                SOURCE,
                &format!("{},\n{}", entity("b", ""), entity("a", "")),
            ),
            6,
            "entities[1].id",
            "out of order",
        ),
        (
            with_entities(
                SOURCE,
                &format!("{},\n{}", entity("a", ""), entity("a", "")),
            ),
            6,
            "entities[1].id",
            "duplicate id",
        ),
        (
            with_entities(SOURCE, &entity("Bad_Id", "")),
            5,
            "entities[0].id",
            "kebab-case",
        ),
        (
            with_entities(SOURCE, &entity("a", r#", "parent": "zz""#)),
            5,
            "entities[0].parent",
            "unknown entity",
        ),
        (
            with_entities(
                SOURCE,
                &entity("a", r#", "claims": [{"text": "x", "source": "nope"}]"#),
            ),
            5,
            "entities[0].claims[0].source",
            "unknown source",
        ),
        (
            with_entities(
                &format!(
                    "{SOURCE}, {{\"id\": \"t\", \"title\": \"U\", \"confidence\": \"primary\"}}"
                ),
                &entity("a", ""),
            ),
            3,
            "sources[1].id",
            "never used",
        ),
        (
            with_entities(
                SOURCE,
                &entity(
                    "a",
                    r#", "claims": [{"text": "x", "source": "s", "date": "2023-02-30"}]"#,
                ),
            ),
            5,
            "entities[0].claims[0].date",
            "ISO date",
        ),
        (
            with_entities(
                r#"{"id": "s", "title": "T", "confidence": "primary", "url": "http://x.example"}"#,
                &entity("a", ""),
            ),
            3,
            "sources[0].url",
            "https",
        ),
        (
            with_entities(
                r#"{"id": "s", "title": "T", "confidence": "primary", "url": "javascript:alert(1)"}"#,
                &entity("a", ""),
            ),
            3,
            "sources[0].url",
            "https",
        ),
        (
            with_entities(SOURCE, &entity("a", r#", "aliases": [{"text": "AB"}]"#)),
            5,
            "entities[0].aliases[0].text",
            "shorter than 3",
        ),
        (
            with_entities(
                SOURCE,
                &format!(
                    "{},\n{}",
                    entity("a", r#", "aliases": [{"text": "Same Name"}]"#),
                    entity("b", r#", "aliases": [{"text": "SAME  name"}]"#)
                ),
            ),
            6,
            "entities[1].aliases[0].text",
            "also an alias of `a`",
        ),
        (
            with_entities(
                SOURCE,
                r#"{"id": "a", "name": "A Co", "tier": "designated", "designations": [{"list": "l", "added": "2020-01-01", "removed": "2021-01-01", "source": "s"}]}"#,
            ),
            5,
            "entities[0].tier",
            "not been removed",
        ),
        (
            with_entities(
                SOURCE,
                &entity("a", r#", "designations": [{"list": "zz"}]"#),
            ),
            5,
            "entities[0].designations",
            "duplicate field",
        ),
        (
            with_entities(SOURCE, &entity("a", r#", "colour": "red""#)),
            5,
            "entities[0].colour",
            "unknown field",
        ),
        (
            "{\"schema\": 2, \"name\": \"t\", \"entities\": []}".to_string(),
            1,
            "schema",
            "not supported",
        ),
        (
            "{\"schema\": 1, \"name\": \"t\",\n \"entities\": [\n {\"id\": \"a\", \"name\": 5}]}"
                .to_string(),
            3,
            "entities[0]",
            "invalid type",
        ),
        (
            "{\"schema\": 1, \"name\": \"t\",\n \"entities\": [\n".to_string(),
            3,
            "",
            "EOF",
        ),
    ];
    for (text, line, field, message) in cases {
        let found = errors(&text);
        assert!(
            found
                .iter()
                .any(|(l, f, m)| *l == line && f == field && m.contains(message)),
            "expected line {line} {field}: …{message}… in {found:?}\nfor {text}"
        );
    }
}

#[test]
fn shared_aliases_are_allowed_when_marked() {
    let text = with_entities(
        SOURCE,
        &format!(
            "{},\n{}",
            entity(
                "a",
                r#", "aliases": [{"text": "Same Name", "shared": true}]"#
            ),
            entity(
                "b",
                r#", "aliases": [{"text": "Same Name", "shared": true}]"#
            )
        ),
    );
    assert_eq!(errors(&text), vec![]);
}
