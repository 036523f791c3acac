//! The curated catalog is data, linted like code: structure (via the same lint users' lists
//! get, in its strict form), the editorial rules (a card states what a named, dated source says
//! and shows the company's own side), and each lint rule on bad input.

use bioflag::card::{card, Card};
use bioflag::catalog::{builtin, parse_catalog, Catalog, SourceKind, Strictness, BUILTIN_JSON};
use bioflag::Matcher;

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
        // Other biotechnology companies on the 2026 1260H list.
        "novogene",
        "origincell-technology",
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
fn every_bgi_family_entity_shows_a_statement_of_its_own_side() {
    // The column's paraphrase is not the company speaking: each card needs a statement the
    // company (or the group) made, as published by itself or reported by news.
    let c = catalog();
    let root = c.entity_index("bgi-group").unwrap();
    for (i, e) in c.entities.iter().enumerate() {
        if c.family_root(i) != root {
            continue;
        }
        let own = e.responses.iter().filter(|r| {
            let kind = c.source(&r.source).and_then(|s| s.kind);
            kind.is_some_and(|k| k != SourceKind::Opinion)
        });
        assert!(
            own.count() >= 1,
            "{} shows no statement of the company's own",
            e.id
        );
    }
}

#[test]
fn every_list_a_designation_uses_is_explained_with_a_source() {
    let c = catalog();
    for e in &c.entities {
        for d in &e.designations {
            let list = c.official_list(&d.list).expect("lint: lists resolve");
            assert!(
                list.full_name.is_some() && list.authority.is_some(),
                "{}",
                list.id
            );
            assert!(!list.meaning.is_empty(), "{} has no explainer", list.id);
            for m in &list.meaning {
                assert!(c.source(&m.source).is_some(), "{}: {}", list.id, m.source);
            }
        }
    }
    let dod = c.official_list("dod-1260h").unwrap();
    assert_eq!(
        dod.authority.as_deref(),
        Some("US Department of Defense (also called the Department of War)")
    );
    let meaning: String = dod.meaning.iter().map(|m| m.text.as_str()).collect();
    for said in [
        "no current legal consequences",
        "June 30, 2026",
        "2027-06-30",
    ] {
        assert!(meaning.contains(said), "1260H explainer lacks {said}");
    }
    let el = c.official_list("entity-list").unwrap();
    assert!(el.meaning.iter().any(|m| m.text.contains("licence")));
}

/// Cards of the built-in catalog, by entity id.
fn cards() -> Vec<Card> {
    let m = Matcher::builtin();
    (0..m.entity_count() as u32).map(|i| card(&m, i)).collect()
}

#[test]
fn a_statement_older_than_the_listing_beside_it_is_marked() {
    let c = catalog();
    let mut marked = 0;
    for k in cards() {
        let e = &c.entities[c.entity_index(&k.id).unwrap()];
        let latest = e.designations.iter().filter_map(|d| d.added.clone()).max();
        for (r, shown) in e.responses.iter().zip(&k.responses) {
            let older = match (&latest, &r.date, &r.before) {
                (Some(l), Some(d), _) => d < l,
                (Some(l), None, Some(b)) => b <= l,
                _ => false,
            };
            assert_eq!(shown.predates.is_some(), older, "{}: {}", k.id, r.text);
            marked += usize::from(older);
        }
    }
    assert!(marked >= 10, "only {marked} marked");
    let wuxi = cards().into_iter().find(|k| k.id == "wuxi-apptec").unwrap();
    assert_eq!(
        wuxi.responses.len(),
        1,
        "WuXi AppTec's own statement is on its card"
    );
    assert_eq!(wuxi.responses[0].predates.as_deref(), Some("2026-06-08"));
}

/// Lower-case words of a text, punctuation and quote styles dropped.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The longest run of words two texts share.
fn shared_run(a: &str, b: &str) -> usize {
    let (a, b) = (words(a), words(b));
    let mut best = 0;
    for i in 0..a.len() {
        for j in 0..b.len() {
            let n = a[i..]
                .iter()
                .zip(&b[j..])
                .take_while(|(x, y)| x == y)
                .count();
            best = best.max(n);
        }
    }
    best
}

/// Claims longer than this many shared words say the same thing twice.
const SAME_CLAIM_RUN: usize = 7;

#[test]
fn shared_run_catches_a_claim_repeated_in_other_words() {
    // The shape of a duplicate the catalog once had: an agency's words quoted twice.
    let official = "Commerce added it, saying their “collection and analysis of genetic data present[s] a significant risk of diversion to China's military programs”.";
    let column = "A column says Commerce placed units on a blacklist, saying that “collection and analysis of genetic data present a significant risk of diversion to China’s military programs”.";
    assert!(shared_run(official, column) > SAME_CLAIM_RUN);
    assert!(shared_run(official, "Reuters reported on the prenatal test.") < 3);
}

#[test]
fn no_two_claims_of_a_card_say_the_same() {
    let c = catalog();
    for e in &c.entities {
        for (i, a) in e.claims.iter().enumerate() {
            for b in &e.claims[i + 1..] {
                assert!(
                    shared_run(&a.text, &b.text) <= SAME_CLAIM_RUN,
                    "{}: two claims say the same:\n{}\n{}",
                    e.id,
                    a.text,
                    b.text
                );
            }
        }
    }
}

#[test]
fn every_news_like_source_is_cited_by_its_published_headline() {
    // Headlines are checked against the fact sheet, where each was recorded as read; a title
    // of our own making would not be found there.
    let facts = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/reporting/facts.md"
    ))
    .expect("the reporting is at ../shared");
    let norm = |s: &str| words(s).join(" ");
    let facts = norm(&facts);
    let c = catalog();
    let mut checked = 0;
    for s in &c.sources {
        let kind = s.kind.expect("lint: every source has a kind");
        if !kind.has_headline() {
            continue;
        }
        assert!(
            facts.contains(&norm(s.title.trim_end_matches('…'))),
            "{}: “{}” is not a headline the fact sheet records",
            s.id,
            s.title
        );
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} headlines checked");
}

#[test]
fn every_card_says_as_of_when_its_catalog_was_edited() {
    let c = catalog();
    for k in cards() {
        assert_eq!(k.catalog_date, c.updated, "{}", k.id);
    }
    assert!(c.updated.is_some());
}

#[test]
fn relations_are_dated_statements_not_ownership() {
    let k = cards().into_iter().find(|k| k.id == "mgi-tech").unwrap();
    let dated: Vec<_> = k
        .relations
        .iter()
        .filter_map(|r| r.date.as_deref())
        .collect();
    assert_eq!(dated, ["2025-01-07", "2026-06-08"]);
    assert!(k.relations.iter().any(|r| r.text.contains("47 per cent")));
    assert!(k
        .responses
        .iter()
        .any(|r| r.text.contains("independent, publicly traded")));
    assert!(
        !k.summary.unwrap().contains("BGI"),
        "the summary asserts no ownership"
    );
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
    for official in ["voa-2023-11-16", "export-compliance-daily-2023-11-17"] {
        assert!(
            e.claims.iter().any(|cl| cl.source == official),
            "the official reasons ({official}) sit beside the column's reading"
        );
    }
    let d = &e.designations[0];
    assert!(d
        .note
        .as_deref()
        .unwrap()
        .contains("per secondary reporting"));
    let k = cards().into_iter().find(|k| k.id == "mps-ifs").unwrap();
    assert_eq!(k.respondent, "institute");
    assert_eq!(
        k.listings[0].note, d.note,
        "designation notes reach the card"
    );
    assert_eq!(k.listings[0].citation, d.citation);
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
fn every_chinese_name_has_its_traditional_form_which_folds_to_it() {
    let c = catalog();
    let mut checked = 0;
    for e in &c.entities {
        let Some(zh) = &e.name_zh else {
            assert_eq!(e.name_zh_hant, None, "{}", e.id);
            continue;
        };
        let hant = e
            .name_zh_hant
            .as_deref()
            .unwrap_or_else(|| panic!("{}: name_zh without name_zh_hant", e.id));
        assert_ne!(hant, zh, "{}", e.id);
        assert_eq!(
            bioflag::fold::fold_pattern(hant),
            bioflag::fold::fold_pattern(zh),
            "{}",
            e.id
        );
        checked += 1;
    }
    assert!(checked >= 10, "{checked} names checked");
    let zh = |id: &str| c.entities[c.entity_index(id).unwrap()].name_zh_hant.clone();
    assert_eq!(
        zh("bgi-genomics").as_deref(),
        Some("深圳華大基因股份有限公司")
    );
    assert_eq!(zh("mps-ifs").as_deref(), Some("公安部物證鑑定中心"));
    assert_eq!(
        zh("wuxi-apptec").as_deref(),
        Some("無錫藥明康德新藥開發股份有限公司")
    );
}

#[test]
fn the_card_carries_the_chinese_name_in_both_scripts() {
    let k = cards()
        .into_iter()
        .find(|k| k.id == "bgi-genomics")
        .unwrap();
    assert_eq!(k.name_zh.as_deref(), Some("深圳华大基因股份有限公司"));
    assert_eq!(k.name_zh_hant.as_deref(), Some("深圳華大基因股份有限公司"));
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
        "{{\"schema\": 1, \"name\": \"t\",\n\"lists\": [{LIST}],\n\"sources\": [{sources}],\n\"entities\": [\n{entities}\n]}}\n"
    )
}

const LIST: &str = r#"{"id": "l", "name": "L", "full_name": "The L list", "authority": "A", "meaning": [{"text": "m since 2020-06-30", "source": "s"}], "zh": {"name": "L清单", "full_name": "L清单全称", "authority": "甲机关", "meaning": ["自2020年6月30日起"]}, "zh_hant": {"name": "L清單", "full_name": "L清單全稱", "authority": "甲機關", "meaning": ["自2020年6月30日起"]}}"#;
const SOURCE: &str = r#"{"id": "s", "title": "T", "kind": "official", "confidence": "primary"}"#;

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
            "entities[0].family",
            "unknown entity",
        ),
        (
            with_entities(
                SOURCE,
                &entity("a", r#", "relations": [{"entity": "zz", "text": "x", "source": "s"}]"#),
            ),
            5,
            "entities[0].relations[0].entity",
            "unknown entity",
        ),
        (
            with_entities(
                SOURCE,
                &entity("a", r#", "relations": [{"text": "x", "source": "nope"}]"#),
            ),
            5,
            "entities[0].relations[0].source",
            "unknown source",
        ),
        (
            with_entities(
                r#"{"id": "s", "title": "T", "confidence": "primary"}"#,
                &entity("a", ""),
            ),
            3,
            "sources[0].kind",
            "no `kind`",
        ),
        (
            with_entities(SOURCE, &entity("a", "")).replace(
                r#", "meaning": [{"text": "m since 2020-06-30", "source": "s"}]"#,
                "",
            ),
            2,
            "lists[0].meaning",
            "no `meaning`",
        ),
        (
            with_entities(SOURCE, &entity("a", "")).replace(
                r#", "zh_hant": {"name": "L清單", "full_name": "L清單全稱", "authority": "甲機關", "meaning": ["自2020年6月30日起"]}"#,
                "",
            ),
            2,
            "lists[0].zh_hant",
            "no `zh_hant`",
        ),
        (
            with_entities(SOURCE, &entity("a", "")).replace("自2020年6月30日起\"]}, \"zh_hant\"", "自2020年6月3日起\"]}, \"zh_hant\""),
            2,
            "lists[0].zh.meaning[0]",
            "numbers [30]",
        ),
        (
            with_entities(SOURCE, &entity("a", "")).replace(r#""甲機關", "meaning": ["自2020年6月30日起"]"#, r#""甲機關", "meaning": []"#),
            2,
            "lists[0].zh_hant.meaning",
            "0 sentences for 1 `meaning` claims",
        ),
        (
            with_entities(SOURCE, &entity("a", "")).replace(r#""full_name": "L清單全稱""#, r#""full_name": "The L list""#),
            2,
            "lists[0].zh_hant.full_name",
            "no Chinese characters",
        ),
        (
            with_entities(SOURCE, &entity("a", ""))
                .replace("L清單", "L清单")
                .replace("L清單全稱", "L清单全称")
                .replace("L清单全稱", "L清单全称")
                .replace("甲機關", "甲机关"),
            2,
            "lists[0].zh_hant",
            "the same as `zh`",
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
                    "{SOURCE}, {{\"id\": \"t\", \"title\": \"U\", \"kind\": \"news\", \"confidence\": \"primary\"}}"
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
                r#"{"id": "s", "title": "T", "kind": "official", "confidence": "primary", "url": "http://x.example"}"#,
                &entity("a", ""),
            ),
            3,
            "sources[0].url",
            "https",
        ),
        (
            with_entities(
                r#"{"id": "s", "title": "T", "kind": "official", "confidence": "primary", "url": "javascript:alert(1)"}"#,
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
            with_entities(SOURCE, &entity("a", r#", "name_zh_hant": "華大""#)),
            5,
            "entities[0].name_zh_hant",
            "needs `name_zh`",
        ),
        (
            with_entities(
                SOURCE,
                &entity("a", r#", "name_zh": "华大基因", "name_zh_hant": "华大基因""#),
            ),
            5,
            "entities[0].name_zh_hant",
            "the same as `name_zh`",
        ),
        (
            with_entities(
                SOURCE,
                &entity("a", r#", "name_zh": "华大基因", "name_zh_hant": "華大基金""#),
            ),
            5,
            "entities[0].name_zh_hant",
            "does not fold to `name_zh` `华大基因`",
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
fn a_traditional_name_that_folds_passes_and_imported_lists_are_not_held_to_the_fold_table() {
    let good = with_entities(
        SOURCE,
        &entity(
            "a",
            r#", "name_zh": "华大基因", "name_zh_hant": "華大基因""#,
        ),
    );
    assert_eq!(errors(&good), vec![]);
    // Characters outside the curated catalog's fold table cannot be checked.
    let unknown = with_entities(
        SOURCE,
        &entity("a", r#", "name_zh": "广州", "name_zh_hant": "廣州""#),
    );
    assert!(parse_catalog(&unknown, "t", Strictness::Imported).is_ok());
    assert!(
        !errors(&unknown).is_empty(),
        "the curated lint cannot fold 廣"
    );
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

/// Facts the fact sheet qualifies stay qualified on the cards: an inferred listing is said to be
/// inferred, a date the sheet does not give is not stated, the latest status of a bill is shown.
#[test]
fn cards_say_what_the_fact_sheet_says_and_no_more() {
    let c = catalog();
    let e = |id: &str| c.entities.iter().find(|e| e.id == id).unwrap();
    // BGI Genomics on the 2024-01-31 list is an inference of secondary sources.
    for d in &e("bgi-genomics").designations {
        let note = d.note.as_deref().unwrap_or("");
        assert!(
            !note.contains("2024-01-31") || note.contains("suggest"),
            "{note}"
        );
    }
    // When the 2020 additions were announced is not on record; Reuters' date is.
    for x in &c.entities {
        for r in &x.responses {
            assert!(!r.text.contains("the day after"), "{}: {}", x.id, r.text);
        }
    }
    // The 2026 list cites MGI's "Single Champion" designation; it does not confer one.
    assert!(e("mgi-tech")
        .claims
        .iter()
        .all(|cl| !cl.text.contains("adds a “Single Champion”")));
    // The removed institute: its entry's licence terms while listed, the bill's latest status.
    let ifs = e("mps-ifs");
    assert!(ifs
        .claims
        .iter()
        .any(|cl| cl.text.contains("presumption of denial")));
    assert!(ifs
        .claims
        .iter()
        .any(|cl| cl.source == "hr-3461-119th" && cl.text.contains("as of 2026-05")));
    // Nothing on record here places WuXi AppTec in or out of a group.
    assert!(!e("wuxi-apptec")
        .summary
        .as_deref()
        .unwrap_or("")
        .contains("BGI"));
}
