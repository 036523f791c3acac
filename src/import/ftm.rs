//! OpenSanctions FollowTheMoney exports (`entities.ftm.json`): one JSON entity per line,
//! `{"id", "schema", "properties": {"name": [], "alias": [], "weakAlias": [], ...}}`.
//!
//! Organisations (`Company`, `Organization`, `LegalEntity`, `PublicBody`) become entities; other
//! schemas (`Person`, `Vessel`...) are skipped and counted, and so are records OpenSanctions
//! marks `"target": false` (a company-registry entry or an owner pulled in as context, not
//! itself on a list). `Sanction` entities that point at an imported organisation give it one
//! designation per authority, with the earliest date and the programs they state; otherwise an
//! entity is designated on each OpenSanctions dataset it comes from (enrichment datasets,
//! `ext_*`, are not lists), with its topics as a note. No date is made up: `first_seen` and the
//! like say when OpenSanctions saw a record, not when it was listed. The display name is the
//! record's `caption`, the name OpenSanctions itself shows.

use super::names::is_han_only;
use super::{clean, iso_date, Builder, Format, Imported, Name, Obj};
use crate::catalog::{Confidence, Designation, Entity, ListErrors, Tier};
use std::collections::{BTreeMap, HashMap};

/// The schemas imported; every other one is skipped.
pub(crate) const ORGANISATIONS: [&str; 4] =
    ["Company", "Organization", "LegalEntity", "PublicBody"];

/// Most designations taken from one entity's datasets or sanctions.
const MAX_DESIGNATIONS: usize = 50;

const SOURCE_ID: &str = "opensanctions-export";

/// Why a `"target": false` organisation is left out, as the import report says it.
pub const NOT_A_TARGET: &str = "not a target (`target: false`: context such as a company \
registry entry, not itself listed)";

/// Topics that say an entity is on a list itself (the others, `sanction.linked`, `poi`, say it
/// is near one or in the news).
fn is_listing_topic(t: &str) -> bool {
    (t.starts_with("sanction") && t != "sanction.linked")
        || t == "export.control"
        || t == "debarment"
}

/// A `Sanction` entity, read leniently: it only adds detail to organisations.
#[derive(Debug)]
struct Sanction {
    /// Where the record is, for errors about the list it names.
    offset: usize,
    entities: Vec<String>,
    authority: Option<String>,
    program: Option<String>,
    start: Option<String>,
    end: Option<String>,
}

/// Parses an FTM export; `name` names the list.
pub(crate) fn parse(text: &str, name: &str) -> Result<Imported, ListErrors> {
    let mut b = Builder::new(text);
    let body = text.trim_start_matches('\u{feff}');
    // One pretty-printed entity is read whole; otherwise one entity per line.
    let records: Vec<&str> = if serde_json::from_str::<Obj>(body).is_ok() {
        vec![body.trim()]
    } else {
        body.split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    };
    let mut by_ftm_id: HashMap<String, usize> = HashMap::new();
    let mut sanctions: Vec<Sanction> = Vec::new();
    for record in records {
        if b.full {
            break;
        }
        read_record(&mut b, record, name, &mut by_ftm_id, &mut sanctions);
    }
    let mut by_entity: BTreeMap<usize, Vec<&Sanction>> = BTreeMap::new();
    for s in &sanctions {
        for target in &s.entities {
            if let Some(&i) = by_ftm_id.get(target) {
                by_entity.entry(i).or_default().push(s);
            }
        }
    }
    for (i, list) in by_entity {
        add_sanctions(&mut b, i, &list);
    }
    b.finish(name, Format::FollowTheMoney)
}

fn read_record<'a>(
    b: &mut Builder<'a>,
    record: &'a str,
    list_name: &str,
    by_ftm_id: &mut HashMap<String, usize>,
    sanctions: &mut Vec<Sanction>,
) {
    let at = super::offset_of(b.text, record);
    let obj: Obj = match serde_json::from_str(record) {
        Ok(o) => o,
        Err(e) => return b.json_error(at, &e),
    };
    let Ok(schema) = b.text_field(&obj, "schema", "schema") else {
        return;
    };
    let Some(schema) = schema else {
        return b.error(at, "schema", "missing field `schema`");
    };
    if schema == "Sanction" {
        if let Some(s) = read_sanction(&obj, at) {
            sanctions.push(s);
        }
        return;
    }
    if !ORGANISATIONS.contains(&schema.as_str()) {
        return b.skip(&clean(&schema));
    }
    if obj.get("target").is_some_and(|t| t.get() == "false") {
        return b.skip(NOT_A_TARGET);
    }
    let caption = match b.text_field(&obj, "caption", "caption") {
        Ok(c) => c.map(|c| clean(&c)).filter(|c| !c.is_empty()),
        Err(()) => return,
    };
    let caption_at = obj.get("caption").map_or(at, |r| b.offset(r));
    let id = match b.id_field(&obj, "id", "id") {
        Ok(Some(id)) if !id.trim().is_empty() => Some(id),
        Ok(_) => {
            b.error(at, "id", "missing field `id`");
            None
        }
        Err(()) => None,
    };
    let Some(props_raw) = obj.get("properties") else {
        return b.error(at, "properties", "missing field `properties`");
    };
    let props_at = b.offset(props_raw);
    let Some(props) = b.object(props_raw, "properties") else {
        return;
    };
    let mut ok = id.is_some();
    let mut field = |b: &mut Builder<'a>, key: &str| -> (Vec<String>, usize) {
        match b.texts_field(&props, key, &format!("properties.{key}"), None) {
            Ok(v) => v,
            Err(()) => {
                ok = false;
                (Vec::new(), props_at)
            }
        }
    };
    let (names, names_at) = field(b, "name");
    let (alias, alias_at) = field(b, "alias");
    let (weak, weak_at) = field(b, "weakAlias");
    let (previous, previous_at) = field(b, "previousName");
    let (topics, _) = field(b, "topics");
    let (countries, _) = field(b, "country");
    let datasets = match b.texts_field(&obj, "datasets", "datasets", None) {
        Ok((v, _)) => v,
        Err(()) => {
            ok = false;
            Vec::new()
        }
    };
    let first_name = names.iter().map(|n| clean(n)).find(|n| !n.is_empty());
    let Some(canonical) = caption.clone().or(first_name) else {
        if ok {
            let at = if names_at > 0 { names_at } else { props_at };
            b.error(at, "properties.name", "the entity has no name");
        }
        return;
    };
    // A Chinese name is one written in Han characters only: Japanese mixes in kana
    // (ザラ・アエロ), and a name with Latin letters ("CST有限会社") is neither.
    let name_zh = names
        .iter()
        .chain(&alias)
        .map(|n| clean(n))
        .find(|n| *n != canonical && is_han_only(n));
    let mut all: Vec<Name> = Vec::new();
    if let Some(c) = &caption {
        all.push(Name {
            text: c.clone(),
            weak: false,
            field: "caption".into(),
            offset: caption_at,
        });
    }
    for (list, key, weak, offset) in [
        (&names, "name", false, names_at),
        (&alias, "alias", false, alias_at),
        (&previous, "previousName", false, previous_at),
        (&weak, "weakAlias", true, weak_at),
    ] {
        for (j, text) in list.iter().enumerate() {
            all.push(Name {
                text: text.clone(),
                weak,
                field: format!("properties.{key}[{j}]"),
                offset,
            });
        }
    }
    let errors_before = b.error_count();
    let aliases = b.aliases(all, props_at, "properties.alias");
    if !ok || b.error_count() > errors_before {
        return;
    }
    if aliases.is_empty() {
        return b.skip("no name of 3 or more characters");
    }
    let source = b.source_id(
        SOURCE_ID,
        &format!("OpenSanctions export: {}", clean(list_name)),
        "OpenSanctions",
        None,
        Confidence::Secondary,
    );
    let note = (!topics.is_empty()).then(|| {
        let t: Vec<String> = topics.iter().map(|t| clean(t)).collect();
        format!("OpenSanctions topics: {}", t.join(", "))
    });
    let mut designations = Vec::new();
    // Enrichment datasets (`ext_ru_egrul`, a company registry) say where OpenSanctions found
    // more about an entity, not that it is listed there.
    let datasets: Vec<String> = datasets
        .iter()
        .map(|d| clean(d))
        .filter(|d| !d.is_empty() && !d.starts_with("ext_"))
        .collect();
    let datasets_at = obj.get("datasets").map_or(at, |r| b.offset(r));
    if datasets.is_empty() {
        let list = b.list_id(
            "",
            "opensanctions",
            "OpenSanctions",
            None,
            None,
            (at, "datasets"),
        );
        designations.push(designation(list, &source, note.clone()));
    }
    for (j, d) in datasets.iter().take(MAX_DESIGNATIONS).enumerate() {
        let list = b.list_id(
            "opensanctions",
            d,
            &format!("OpenSanctions dataset {d}"),
            None,
            None,
            (datasets_at, &format!("datasets[{j}]")),
        );
        designations.push(designation(list, &source, note.clone()));
    }
    // Without a listing topic the entity is near a list (`sanction.linked`: owned by or
    // linked to a listed one) or in the news (`poi`), not on a list itself. A record with no
    // topics at all says nothing either way: the user chose the list, so it counts as one.
    let listed = topics.is_empty() || topics.iter().any(|t| is_listing_topic(t.trim()));
    let tier = if listed {
        Tier::Designated
    } else if topics.iter().any(|t| t.trim() == "sanction.linked") {
        Tier::Affiliate
    } else {
        Tier::NamedInReporting
    };
    let ftm_id = id.unwrap_or_default();
    let entity = Entity {
        id: b.entity_id("ftm", Some(&ftm_id), b.entity_count() + 1),
        name: canonical,
        name_zh,
        name_zh_hant: None,
        kind: match schema.as_str() {
            "Company" => Some("company".into()),
            "PublicBody" => Some("government-body".into()),
            _ => None,
        },
        country: countries
            .iter()
            .map(|c| c.trim())
            .find(|c| c.len() == 2 && c.bytes().all(|x| x.is_ascii_alphabetic()))
            .map(str::to_ascii_uppercase),
        family: None,
        tier,
        summary: None,
        aliases,
        designations,
        claims: Vec::new(),
        responses: Vec::new(),
        relations: Vec::new(),
    };
    let index = b.entity_count();
    if b.push_entity(entity, at) {
        by_ftm_id.entry(ftm_id).or_insert(index);
    }
}

fn designation(list: String, source: &str, note: Option<String>) -> Designation {
    Designation {
        list,
        added: None,
        removed: None,
        citation: None,
        source: Some(source.to_string()),
        note,
    }
}

/// Reads what a `Sanction` says, ignoring what is malformed.
fn read_sanction(obj: &Obj, offset: usize) -> Option<Sanction> {
    let props: Obj = serde_json::from_str(obj.get("properties")?.get()).ok()?;
    let get = |key: &str| -> Vec<String> {
        props
            .get(key)
            .and_then(|raw| serde_json::from_str::<Vec<String>>(raw.get()).ok())
            .unwrap_or_default()
    };
    let first = |key: &str| {
        get(key)
            .into_iter()
            .map(|s| clean(&s))
            .find(|s| !s.is_empty())
    };
    let entities = get("entity");
    if entities.is_empty() {
        return None;
    }
    // An end after the record was last seen is when the listing runs out (Ukraine's NSDC
    // lists for a fixed term), not a removal that has happened.
    let last_seen = obj
        .get("last_seen")
        .and_then(|raw| serde_json::from_str::<String>(raw.get()).ok());
    let last_seen = iso_date(last_seen.as_deref());
    let end = iso_date(first("endDate").as_deref())
        .filter(|end| last_seen.as_ref().is_none_or(|seen| end <= seen));
    Some(Sanction {
        offset,
        entities,
        authority: first("authority"),
        program: first("program"),
        start: iso_date(
            first("startDate")
                .or_else(|| first("listingDate"))
                .as_deref(),
        ),
        end,
    })
}

/// Replaces entity `i`'s dataset designations, which say less, with one designation per list
/// its `Sanction` records name: the earliest start, removed only when every record of that list
/// has ended, and the programs each record gives. (One entity had 41 records, 25 status lines
/// of them the same authority's.)
fn add_sanctions(b: &mut Builder, i: usize, sanctions: &[&Sanction]) {
    struct Group {
        name: String,
        authority: Option<String>,
        offset: usize,
        added: Option<String>,
        /// A record of the list has no end: it is in force.
        open: bool,
        last_end: Option<String>,
        programs: Vec<String>,
    }
    let mut groups: Vec<Group> = Vec::new();
    for s in sanctions {
        let Some(name) = s.authority.as_ref().or(s.program.as_ref()) else {
            continue;
        };
        let end = match (&s.start, &s.end) {
            (Some(a), Some(r)) if r < a => None,
            (_, end) => end.clone(),
        };
        let g = match groups.iter_mut().position(|g| &g.name == name) {
            Some(k) => &mut groups[k],
            None => {
                groups.push(Group {
                    name: name.clone(),
                    authority: s.authority.clone(),
                    offset: s.offset,
                    added: None,
                    open: false,
                    last_end: None,
                    programs: Vec::new(),
                });
                groups.last_mut().expect("just pushed")
            }
        };
        if let Some(start) = &s.start {
            if g.added.as_ref().is_none_or(|a| start < a) {
                g.added = Some(start.clone());
            }
        }
        match end {
            None => g.open = true,
            Some(e) => {
                if g.last_end.as_ref().is_none_or(|l| e > *l) {
                    g.last_end = Some(e);
                }
            }
        }
        if let Some(p) = s.program.as_ref().filter(|_| s.authority.is_some()) {
            if !g.programs.contains(p) {
                g.programs.push(p.clone());
            }
        }
    }
    if groups.is_empty() {
        return;
    }
    let (topics, source) = {
        let e = b.entity_mut(i);
        let from_datasets = e
            .designations
            .iter()
            .all(|d| d.added.is_none() && d.list.starts_with("opensanctions"));
        let topics = e.designations.first().and_then(|d| d.note.clone());
        let source = e.designations.first().and_then(|d| d.source.clone());
        if from_datasets {
            e.designations.clear();
        }
        (topics, source)
    };
    for g in groups {
        let list = b.list_id(
            "sanction",
            &g.name,
            &g.name,
            g.authority.clone(),
            None,
            (g.offset, "properties.authority"),
        );
        let e = b.entity_mut(i);
        if e.designations.len() >= MAX_DESIGNATIONS {
            break;
        }
        let program = match g.programs.len() {
            0 => None,
            1 => Some(format!("program: {}", g.programs[0])),
            _ => Some(format!("programs: {}", g.programs.join("; "))),
        };
        let note = match (program, topics.clone()) {
            (Some(p), Some(t)) => Some(format!("{p}; {t}")),
            (p, t) => p.or(t),
        };
        e.designations.push(Designation {
            list,
            added: g.added,
            removed: if g.open { None } else { g.last_end },
            citation: None,
            source: source.clone(),
            note,
        });
    }
    let e = b.entity_mut(i);
    if e.tier == Tier::Designated && e.designations.iter().all(|d| d.removed.is_some()) {
        e.tier = Tier::FormerlyDesignated;
    }
}

#[cfg(test)]
mod tests {
    use crate::import::import_list;

    const COMPANY: &str = r#"{"id":"NK-bgi","schema":"Company","datasets":["us_bis_entity"],"properties":{"name":["BGI Tech Solutions Co., Ltd.","华大科技"],"weakAlias":["BGI"],"alias":["BGI Tech","B","Ab"],"topics":["export.control"],"country":["cn"]}}"#;

    #[test]
    fn company_with_sanction() {
        let sanction = r#"{"id":"s1","schema":"Sanction","properties":{"entity":["NK-bgi"],"authority":["Bureau of Industry and Security"],"program":["Entity List"],"startDate":["2020-07-22"]}}"#;
        let text = format!("{COMPANY}\n{sanction}\n");
        let imported = import_list(&text, "t").unwrap();
        let e = &imported.catalog.entities[0];
        assert_eq!(e.id, "ftm-nk-bgi");
        assert_eq!(e.name_zh.as_deref(), Some("华大科技"));
        assert_eq!(e.country.as_deref(), Some("CN"));
        assert_eq!(e.designations.len(), 1);
        let d = &e.designations[0];
        assert_eq!(d.added.as_deref(), Some("2020-07-22"));
        assert_eq!(d.list, "sanction-bureau-of-industry-and-security");
        assert_eq!(
            d.note.as_deref(),
            Some("program: Entity List; OpenSanctions topics: export.control")
        );
        // One character, or two without being capitals: dropped.
        assert!(e.aliases.iter().all(|a| a.text != "B" && a.text != "Ab"));
    }

    #[test]
    fn datasets_without_sanctions() {
        let imported = import_list(COMPANY, "t").unwrap();
        let d = &imported.catalog.entities[0].designations[0];
        assert_eq!(d.list, "opensanctions-us-bis-entity");
        assert_eq!(d.added, None);
        assert_eq!(
            d.note.as_deref(),
            Some("OpenSanctions topics: export.control")
        );
    }

    #[test]
    fn targets_captions_and_grouped_sanctions() {
        let text = [
            r#"{"id":"reg-1","schema":"Company","target":false,"datasets":["ext_ru_egrul"],"properties":{"name":["Registry Record Example"]}}"#,
            r#"{"id":"c1","schema":"Company","target":true,"caption":"LLC Example","datasets":["ext_ru_egrul","xx_list"],"properties":{"name":["Товариство Приклад","LLC Example"],"alias":["ヨシ・アエロ","示例公司"],"topics":["sanction"]}}"#,
            r#"{"id":"s1","schema":"Sanction","properties":{"entity":["c1"],"authority":["ГУР МО України"],"program":["A"],"startDate":["2023-01-02"]}}"#,
            r#"{"id":"s2","schema":"Sanction","properties":{"entity":["c1"],"authority":["ГУР МО України"],"program":["B"],"startDate":["2022-05-06"],"endDate":["2022-12-31"]}}"#,
            r#"{"id":"s3","schema":"Sanction","last_seen":"2025-01-01T00:00:00","properties":{"entity":["c1"],"authority":["経済産業省"],"startDate":["2024-01-01"],"endDate":["2034-01-01"]}}"#,
        ]
        .join("\n");
        let imported = import_list(&text, "t").unwrap();
        assert_eq!(imported.skipped.get(super::NOT_A_TARGET), Some(&1));
        let c = &imported.catalog;
        assert_eq!(c.entities.len(), 1);
        let e = &c.entities[0];
        assert_eq!(e.name, "LLC Example");
        assert_eq!(e.name_zh.as_deref(), Some("示例公司"));
        assert_eq!(e.designations.len(), 2, "{:?}", e.designations);
        let ua = &e.designations[0];
        assert_eq!(ua.list, "sanction-gur-mo-ukrayini");
        assert_eq!(ua.added.as_deref(), Some("2022-05-06"));
        assert_eq!(ua.removed, None, "one record is open");
        assert_eq!(
            ua.note.as_deref(),
            Some("programs: A; B; OpenSanctions topics: sanction")
        );
        let ja = &e.designations[1];
        assert!(ja.list.starts_with("sanction-h"), "{}", ja.list);
        // An end after the record was last seen is an expiry, not a removal.
        assert_eq!(ja.removed, None);
        assert!(c.lists.iter().all(|l| !l.id.contains("egrul")));
    }

    #[test]
    fn pretty_printed_single_entity() {
        let text = "{\n  \"id\": \"x1\",\n  \"schema\": \"Organization\",\n  \"properties\": {\"name\": [\"Shenzhen Example Genomics Institute\"]}\n}\n";
        let imported = import_list(text, "t").unwrap();
        assert_eq!(imported.catalog.entities[0].id, "ftm-x1");
    }
}
