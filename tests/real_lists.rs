//! Every real published list in `../shared/data/lists/` (see its SOURCES.md), imported as a user
//! would: each one imports (or is refused with a reason the user can act on), the counts match
//! what the file holds, ids are kebab-case, unique and the same on a second import. The files
//! are read at test time and never copied into this repository.

use bioflag::catalog::lint::{lint, Strictness};
use bioflag::catalog::validate::is_kebab_id;
use bioflag::catalog::{Entity, ErrorKind, Tier};
use bioflag::import::ftm::NOT_A_TARGET;
use bioflag::import::{import_list, Format, Imported};
use std::collections::HashSet;

fn real(name: &str) -> String {
    let path = format!("{}/../shared/data/lists/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn import(name: &str) -> Imported {
    let text = real(name);
    let imported = import_list(&text, name).unwrap_or_else(|e| panic!("{e}"));
    assert!(lint(&imported.catalog, Strictness::Imported).is_empty());
    // Ids: kebab-case, unique, identical on a re-import of the same file.
    let ids: Vec<&str> = imported
        .catalog
        .entities
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert!(ids.iter().all(|id| is_kebab_id(id)), "{ids:?}");
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len());
    let again = import_list(&text, name).unwrap();
    let ids_again: Vec<&str> = again
        .catalog
        .entities
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(ids, ids_again);
    let list_ids: Vec<&str> = imported
        .catalog
        .lists
        .iter()
        .map(|l| l.id.as_str())
        .collect();
    assert!(list_ids.iter().all(|id| is_kebab_id(id)), "{list_ids:?}");
    for e in &imported.catalog.entities {
        // One status line per list.
        let lists: HashSet<&str> = e.designations.iter().map(|d| d.list.as_str()).collect();
        assert_eq!(lists.len(), e.designations.len(), "{}", e.id);
        // A Chinese name is Han only.
        if let Some(zh) = &e.name_zh {
            assert!(
                !zh.chars().any(|c| matches!(c, '\u{3040}'..='\u{30ff}')),
                "kana in name_zh of {}: {zh}",
                e.id
            );
        }
    }
    imported
}

fn entity<'a>(i: &'a Imported, id: &str) -> &'a Entity {
    i.catalog
        .entities
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no entity {id}"))
}

/// The OpenSanctions cluster around Zala Aero / LLC CST: Sanction records whose authority is
/// named only in Cyrillic (the export was refused whole for an empty `sanction-` id), registry
/// records marked `target: false`, captions, Japanese names.
#[test]
fn opensanctions_zala() {
    let i = import("ftm-yente-zala.ftm.json");
    assert_eq!(i.format, Format::FollowTheMoney);
    // 11 organisations, 3 of them `target: false` registry entries (`ext_ru_egrul`).
    assert_eq!(i.catalog.entities.len(), 8);
    assert_eq!(i.skipped.get(NOT_A_TARGET), Some(&3));
    assert_eq!(i.skipped.get("Person"), Some(&6));
    assert_eq!(i.skipped_total(), 3 + 6 + 11 + 14 + 4 + 3 + 1);
    let cst = entity(&i, "ftm-nk-abdzbebkqyt29gyrebiurz");
    // The display name OpenSanctions shows, not the first Ukrainian legal name.
    assert_eq!(cst.name, "LLC CST");
    // Japanese names (kana) are not Chinese names.
    assert_eq!(cst.name_zh, None);
    assert_eq!(cst.tier, Tier::Designated);
    // 41 Sanction records for this entity and its sibling: one status line per authority.
    let authorities: HashSet<&str> = i
        .catalog
        .lists
        .iter()
        .filter(|l| cst.designations.iter().any(|d| d.list == l.id))
        .map(|l| l.name.as_str())
        .collect();
    assert_eq!(authorities.len(), cst.designations.len());
    assert!(authorities.contains("ГУР МО України"), "{authorities:?}");
    assert!(authorities.contains("Office of Foreign Assets Control"));
    assert!(cst.designations.len() < 25, "{}", cst.designations.len());
    // The Cyrillic-only authorities got ids.
    let gur = i
        .catalog
        .lists
        .iter()
        .find(|l| l.name == "ГУР МО України")
        .unwrap();
    assert_eq!(gur.id, "sanction-gur-mo-ukrayini");
    // No status line names a company registry.
    assert!(i.catalog.lists.iter().all(|l| !l.id.contains("egrul")));
    // Linked to a sanctioned entity, not itself listed.
    let assoc = entity(&i, "ftm-nk-siywwfxwlvrvefswsvavsm");
    assert_eq!(assoc.tier, Tier::Affiliate);
}

#[test]
fn opensanctions_eu_fsf() {
    let i = import("ftm-yente-t1-eu_fsf.ftm.json");
    assert_eq!(i.catalog.entities.len(), 2);
    assert_eq!(i.skipped.get("Person"), Some(&4));
    assert_eq!(i.skipped_total(), 5);
}

#[test]
fn opensanctions_party_donations() {
    // A yente fixture: donors, no `target` flags, no topics; 56 companies and 18
    // organisations, one of them the test record `Fake`.
    let i = import("ftm-yente-parteispenden.ftm.json");
    assert_eq!(i.catalog.entities.len(), 74);
    assert_eq!(i.skipped.get("Payment"), Some(&290));
    assert_eq!(i.skipped.get("Person"), Some(&22));
}

#[test]
fn opensanctions_people_only_is_refused_with_the_counts() {
    // Saudi PEPs: people, families and positions only. bioflag flags organisations, so the
    // list is refused and the error says what the file holds.
    let text = real("ftm-sa_wiki_peps_v2.ftm.json");
    let e = import_list(&text, "peps").unwrap_err();
    assert_eq!(e.errors.len(), 1);
    assert_eq!(e.errors[0].kind, ErrorKind::Empty, "{e}");
    let m = &e.errors[0].message;
    assert!(
        m.contains("Person: 607") && m.contains("Family: 756"),
        "{m}"
    );
}

#[test]
fn ofac_sdn_as_csl() {
    let i = import("csl-ofac-sdn-2022.json");
    assert_eq!(i.format, Format::ScreeningList);
    // 9,044 records: 4,643 individuals, 420 vessels and 280 aircraft are not organisations.
    assert_eq!(i.skipped.get("Individual"), Some(&4643));
    assert_eq!(i.skipped.get("Vessel"), Some(&420));
    assert_eq!(i.skipped.get("Aircraft"), Some(&280));
    let skipped = i.skipped_total();
    assert_eq!(i.catalog.entities.len() + skipped, 9044, "{:?}", i.skipped);
    assert!(i.catalog.entities.len() > 3600);
}
