//! OpenSanctions FollowTheMoney exports (`entities.ftm.json`): one JSON entity per line,
//! `{"id", "schema", "properties": {"name": [], "alias": [], "weakAlias": [], ...}}`.
//!
//! Organisations (`Company`, `Organization`, `LegalEntity`, `PublicBody`) become entities; other
//! schemas (`Person`, `Vessel`...) are skipped and counted. `Sanction` entities that point at an
//! imported organisation give it designations with the dates they state; otherwise an entity is
//! designated on each OpenSanctions dataset it comes from, with its topics as a note. No date is
//! made up: `first_seen` and the like say when OpenSanctions saw a record, not when it was listed.

use super::{clean, iso_date, kebab, Builder, Format, Imported, Name, Obj};
use crate::catalog::{Confidence, Designation, Entity, ListErrors, Tier};
use std::collections::HashMap;

/// The schemas imported; every other one is skipped.
pub const ORGANISATIONS: [&str; 4] = ["Company", "Organization", "LegalEntity", "PublicBody"];

/// Most designations taken from one entity's datasets or sanctions.
const MAX_DESIGNATIONS: usize = 50;

const SOURCE_ID: &str = "opensanctions-export";

/// A `Sanction` entity, read leniently: it only adds detail to organisations.
#[derive(Debug)]
struct Sanction {
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
    for s in sanctions {
        for target in &s.entities {
            if let Some(&i) = by_ftm_id.get(target) {
                add_sanction(&mut b, i, &s);
            }
        }
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
        if let Some(s) = read_sanction(&obj) {
            sanctions.push(s);
        }
        return;
    }
    if !ORGANISATIONS.contains(&schema.as_str()) {
        return b.skip(&clean(&schema));
    }
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
    let Some(canonical) = names.iter().map(|n| clean(n)).find(|n| !n.is_empty()) else {
        if ok {
            let at = if names_at > 0 { names_at } else { props_at };
            b.error(at, "properties.name", "the entity has no name");
        }
        return;
    };
    let name_zh = names
        .iter()
        .chain(&alias)
        .map(|n| clean(n))
        .find(|n| *n != canonical && n.chars().any(is_han));
    let mut all: Vec<Name> = Vec::new();
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
    let datasets: Vec<String> = datasets
        .iter()
        .map(|d| clean(d))
        .filter(|d| !d.is_empty())
        .collect();
    if datasets.is_empty() {
        let list = b.list_id("opensanctions", "OpenSanctions", None, None);
        designations.push(designation(list, &source, note.clone()));
    }
    for d in datasets.iter().take(MAX_DESIGNATIONS) {
        let list = b.list_id(
            &format!("opensanctions-{}", kebab(d)),
            &format!("OpenSanctions dataset {d}"),
            None,
            None,
        );
        designations.push(designation(list, &source, note.clone()));
    }
    let ftm_id = id.unwrap_or_default();
    let entity = Entity {
        id: b.entity_id("ftm", Some(&ftm_id), b.entity_count() + 1),
        name: canonical,
        name_zh,
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
        tier: Tier::Designated,
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
fn read_sanction(obj: &Obj) -> Option<Sanction> {
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
    Some(Sanction {
        entities,
        authority: first("authority"),
        program: first("program"),
        start: iso_date(
            first("startDate")
                .or_else(|| first("listingDate"))
                .as_deref(),
        ),
        end: iso_date(first("endDate").as_deref()),
    })
}

/// Adds a `Sanction`'s designation to entity `i`; the first one replaces the dataset ones,
/// which say less.
fn add_sanction(b: &mut Builder, i: usize, s: &Sanction) {
    let Some(list_name) = s.authority.as_ref().or(s.program.as_ref()) else {
        return;
    };
    let list = b.list_id(
        &format!("sanction-{}", kebab(list_name)),
        list_name,
        s.authority.clone(),
        None,
    );
    let e = b.entity_mut(i);
    if e.designations.len() >= MAX_DESIGNATIONS {
        return;
    }
    let from_datasets = e
        .designations
        .iter()
        .all(|d| d.added.is_none() && d.list.starts_with("opensanctions"));
    let topics = e.designations.first().and_then(|d| d.note.clone());
    let source = e.designations.first().and_then(|d| d.source.clone());
    if from_datasets {
        e.designations.clear();
    }
    let removed = match (&s.start, &s.end) {
        (Some(a), Some(r)) if r < a => None,
        (_, end) => end.clone(),
    };
    let program = s
        .program
        .as_ref()
        .filter(|_| s.authority.is_some())
        .map(|p| format!("program: {p}"));
    let note = match (program, topics) {
        (Some(p), Some(t)) => Some(format!("{p}; {t}")),
        (p, t) => p.or(t),
    };
    e.designations.push(Designation {
        list,
        added: s.start.clone(),
        removed,
        citation: None,
        source,
        note,
    });
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
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
    fn pretty_printed_single_entity() {
        let text = "{\n  \"id\": \"x1\",\n  \"schema\": \"Organization\",\n  \"properties\": {\"name\": [\"Shenzhen Example Genomics Institute\"]}\n}\n";
        let imported = import_list(text, "t").unwrap();
        assert_eq!(imported.catalog.entities[0].id, "ftm-x1");
    }
}
