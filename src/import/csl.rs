//! The US Consolidated Screening List JSON (trade.gov): `{"results": [...]}` (with `total` and
//! other keys, ignored) or a bare array of records with `name`, `alt_names`, `source`,
//! `programs`, `federal_register_notice`, `start_date`, `end_date`, `source_list_url`, `id`...
//!
//! Each record becomes an entity designated on its `source` list, dated by `start_date` and
//! `end_date` when they are ISO dates. Records of `type` `Individual`, `Vessel` or `Aircraft` are
//! skipped and counted: bioflag flags organisations.

use super::{clean, iso_date, Builder, Format, Imported, Name, Obj};
use crate::catalog::{Confidence, Designation, Entity, ListErrors, Tier};
use serde_json::value::RawValue;

/// Record types skipped (compared case-insensitively).
pub(crate) const SKIPPED_TYPES: [&str; 3] = ["Individual", "Vessel", "Aircraft"];

const PUBLISHER: &str = "International Trade Administration, US Department of Commerce";

/// Parses a CSL document; `name` names the list.
pub(crate) fn parse(text: &str, name: &str) -> Result<Imported, ListErrors> {
    let mut b = Builder::new(text);
    let body = text.trim_start_matches('\u{feff}');
    let base = text.len() - body.len();
    let records: Option<(Vec<&RawValue>, &str)> = if body.trim_start().starts_with('[') {
        match serde_json::from_str::<Vec<&RawValue>>(body) {
            Ok(r) => Some((r, "")),
            Err(e) => {
                b.json_error(base, &e);
                None
            }
        }
    } else {
        match serde_json::from_str::<Obj>(body) {
            Err(e) => {
                b.json_error(base, &e);
                None
            }
            Ok(top) => match top.get("results") {
                None => {
                    b.error(base, "results", "missing field `results`");
                    None
                }
                Some(raw) if !raw.get().starts_with('[') => {
                    let at = b.offset(raw);
                    b.error(at, "results", "expected a list of records");
                    None
                }
                Some(raw) => b.raw_list(raw, "results").map(|r| (r, "results")),
            },
        }
    };
    if let Some((records, prefix)) = records {
        for (i, raw) in records.into_iter().enumerate() {
            if b.full {
                break;
            }
            read_record(&mut b, raw, &format!("{prefix}[{i}]"), i);
        }
    }
    b.finish(name, Format::ScreeningList)
}

fn read_record<'a>(b: &mut Builder<'a>, raw: &'a RawValue, path: &str, index: usize) {
    let at = b.offset(raw);
    let Some(obj) = b.object(raw, path) else {
        return;
    };
    let f = |key: &str| format!("{path}.{key}");
    if let Ok(Some(kind)) = b.text_field(&obj, "type", &f("type")) {
        let kind = clean(&kind);
        if let Some(t) = SKIPPED_TYPES.iter().find(|t| t.eq_ignore_ascii_case(&kind)) {
            return b.skip(t);
        }
    }
    let errors_before = b.error_count();
    let name = b.text_field(&obj, "name", &f("name"));
    let name_at = obj.get("name").map_or(at, |r| b.offset(r));
    let (alt_names, alt_at) = b
        .texts_field(&obj, "alt_names", &f("alt_names"), Some(';'))
        .unwrap_or_default();
    let id = b.id_field(&obj, "id", &f("id")).ok().flatten();
    let source = b.text_field(&obj, "source", &f("source")).ok().flatten();
    let source_at = obj.get("source").map_or(at, |r| b.offset(r));
    let (programs, _) = b
        .texts_field(&obj, "programs", &f("programs"), Some(';'))
        .unwrap_or_default();
    let notice = b
        .text_field(
            &obj,
            "federal_register_notice",
            &f("federal_register_notice"),
        )
        .ok()
        .flatten();
    let start = b
        .text_field(&obj, "start_date", &f("start_date"))
        .ok()
        .flatten();
    let end = b
        .text_field(&obj, "end_date", &f("end_date"))
        .ok()
        .flatten();
    let list_url = match b.text_field(&obj, "source_list_url", &f("source_list_url")) {
        Ok(u) => {
            let url_at = obj.get("source_list_url").map_or(at, |r| b.offset(r));
            b.url(u, url_at, &f("source_list_url"))
        }
        Err(()) => None,
    };
    if let Ok(u) = b.text_field(&obj, "source_information_url", &f("source_information_url")) {
        let url_at = obj
            .get("source_information_url")
            .map_or(at, |r| b.offset(r));
        b.url(u, url_at, &f("source_information_url"));
    }
    let canonical = match name {
        Ok(Some(n)) if !clean(&n).is_empty() => clean(&n),
        Ok(Some(_)) => {
            return b.error(name_at, f("name"), "the record has no name");
        }
        Ok(None) => return b.error(at, f("name"), "missing field `name`"),
        Err(()) => return,
    };
    let mut names = vec![Name {
        text: canonical.clone(),
        weak: false,
        field: f("name"),
        offset: name_at,
    }];
    names.extend(alt_names.into_iter().enumerate().map(|(j, text)| Name {
        text,
        weak: false,
        field: format!("{path}.alt_names[{j}]"),
        offset: alt_at,
    }));
    let aliases = b.aliases(names, at, &f("alt_names"));
    if b.error_count() > errors_before {
        return;
    }
    if aliases.is_empty() {
        return b.skip("no name of 3 or more characters");
    }

    let list_name = source
        .as_deref()
        .map(clean)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "Consolidated Screening List".to_string());
    let authority = list_name
        .rsplit_once(" - ")
        .map(|(_, a)| a.trim().to_string())
        .filter(|a| !a.is_empty());
    let list = b.list_id(
        "",
        &list_name,
        &list_name,
        authority,
        list_url.clone(),
        (source_at, &f("source")),
    );
    let source = b.source_id(
        &format!("csl-{list}"),
        &format!("Consolidated Screening List: {list_name}"),
        PUBLISHER,
        list_url,
        Confidence::Primary,
    );
    let added = iso_date(start.as_deref());
    let removed = match (&added, iso_date(end.as_deref())) {
        (Some(a), Some(r)) if r < *a => None,
        (_, r) => r,
    };
    let programs: Vec<String> = programs
        .iter()
        .map(|p| clean(p))
        .filter(|p| !p.is_empty())
        .collect();
    let entity = Entity {
        id: b.entity_id("csl", id.as_deref(), index + 1),
        name: canonical,
        name_zh: None,
        name_zh_hant: None,
        kind: None,
        country: country(&obj),
        family: None,
        tier: Tier::Designated,
        summary: None,
        aliases,
        designations: vec![Designation {
            list,
            added,
            removed,
            citation: notice.map(|n| clean(&n)).filter(|n| !n.is_empty()),
            source: Some(source),
            note: (!programs.is_empty()).then(|| format!("programs: {}", programs.join("; "))),
        }],
        claims: Vec::new(),
        responses: Vec::new(),
        relations: Vec::new(),
    };
    b.push_entity(entity, at);
}

/// The country of the first address, when it is an ISO alpha-2 code (read leniently).
fn country(obj: &Obj) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Address {
        country: Option<String>,
    }
    let raw = obj.get("addresses")?;
    let addresses: Vec<Address> = serde_json::from_str(raw.get()).ok()?;
    addresses
        .into_iter()
        .filter_map(|a| a.country)
        .map(|c| c.trim().to_string())
        .find(|c| c.len() == 2 && c.bytes().all(|x| x.is_ascii_alphabetic()))
        .map(|c| c.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use crate::import::import_list;

    #[test]
    fn bare_array_and_string_alt_names() {
        let text = r#"[{"name": "Example Biotech Co., Ltd.", "alt_names": "EBT; Example Bio Tech", "source": "Entity List (EL) - Bureau of Industry and Security", "start_date": "2021-06-16", "end_date": "2021-01-01", "addresses": [{"country": "CN"}]}]"#;
        let imported = import_list(text, "csl").unwrap();
        let e = &imported.catalog.entities[0];
        assert_eq!(e.id, "csl-1");
        assert_eq!(e.country.as_deref(), Some("CN"));
        let weak: Vec<_> = e
            .aliases
            .iter()
            .filter(|a| a.weak)
            .map(|a| &a.text)
            .collect();
        assert_eq!(weak, ["EBT"]);
        let d = &e.designations[0];
        assert_eq!(d.added.as_deref(), Some("2021-06-16"));
        // An end before the start is not kept.
        assert_eq!(d.removed, None);
        let l = &imported.catalog.lists[0];
        assert_eq!(l.id, "entity-list-el-bureau-of-industry-and-security");
        assert_eq!(
            l.authority.as_deref(),
            Some("Bureau of Industry and Security")
        );
    }

    #[test]
    fn http_urls_dropped_javascript_refused() {
        let ok = r#"{"results":[{"name":"Alpha Genomics","source":"X","source_list_url":"http://example.gov/x"}]}"#;
        let c = import_list(ok, "t").unwrap().catalog;
        assert_eq!(c.sources[0].url, None);
        let bad = r#"{"results":[{"name":"Alpha Genomics","source":"X","source_list_url":" JavaScript:alert(1)"}]}"#;
        let e = import_list(bad, "t").unwrap_err();
        assert_eq!(e.errors[0].field, "results[0].source_list_url");
        assert!(e.errors[0].message.contains("javascript:"), "{e}");
    }
}
