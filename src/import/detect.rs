//! Telling which format a list is in, and recognising the files users pick by mistake (the
//! OpenSanctions dataset index, its Senzing export, a CSV) so the error names the file to use.

use super::sdn_csv::Which;
use super::Format;
use crate::catalog::locate::{serde_error_in, Lines};
use crate::catalog::{ErrorKind, ListError};
use serde_json::value::RawValue;
use std::collections::BTreeMap;

/// Tells which format `text` is in, or why it is none of them.
pub fn detect(text: &str) -> Result<Format, ListError> {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    let at = text.len() - body.len();
    let error = |message: &str| {
        let (line, column) = Lines::new(text).locate(text, at);
        ListError {
            line,
            column,
            field: String::new(),
            kind: ErrorKind::Format,
            message: message.to_string(),
        }
    };
    if body.is_empty() {
        return Err(ListError {
            kind: ErrorKind::Empty,
            ..error("the list is empty")
        });
    }
    if body.starts_with('[') {
        return Ok(Format::ScreeningList);
    }
    match super::sdn_csv::sniff(body) {
        Some(Which::Sdn) => return Ok(Format::SdnCsv),
        Some(Which::Alt) => return Err(error(ALT_ALONE)),
        None => {}
    }
    if body.starts_with('<') {
        if super::sdn_xml::sniff(body) {
            return Ok(Format::SdnXml);
        }
        return Err(error(OTHER_XML));
    }
    if !body.starts_with('{') {
        let first = body.lines().next().unwrap_or("");
        if first.starts_with("id,schema,name") || first.starts_with("\"id\",\"schema\"") {
            return Err(error(&wrong_file(
                "the simplified CSV export (targets.simple.csv)",
            )));
        }
        return Err(error(UNKNOWN_FORMAT));
    }
    match serde_json::from_str::<BTreeMap<String, &RawValue>>(text.trim_start_matches('\u{feff}')) {
        Ok(top) if top.contains_key("results") => Ok(Format::ScreeningList),
        Ok(top) if top.contains_key("properties") => Ok(Format::FollowTheMoney),
        Ok(top) if top.contains_key("schema") => Ok(Format::Bioflag),
        Ok(top) if is_senzing(&top) => Err(error(&wrong_file(SENZING))),
        Ok(top) if top.contains_key("datasets") || top.contains_key("resources") => {
            Err(error(&wrong_file(INDEX)))
        }
        Ok(_) => Err(error(UNKNOWN_FORMAT)),
        Err(whole) => {
            let base = text.len() - text.trim_start_matches('\u{feff}').len();
            // Several values: FollowTheMoney lines, if the first readable line says so.
            for line in body
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .take(5)
            {
                if let Ok(obj) = serde_json::from_str::<BTreeMap<String, &RawValue>>(line) {
                    if obj.contains_key("properties") {
                        return Ok(Format::FollowTheMoney);
                    }
                    if is_senzing(&obj) {
                        return Err(error(&wrong_file(SENZING)));
                    }
                }
            }
            let first = body.lines().next().unwrap_or("").trim();
            if first.ends_with('}') && first.contains("\"properties\"") {
                return Ok(Format::FollowTheMoney);
            }
            Err(serde_error_in(&Lines::new(text), text, base, "", &whole))
        }
    }
}

/// OpenSanctions publishes each dataset in several files; only `entities.ftm.json` has what an
/// import needs (names, schema, sanctions), so the other ones are named and sent there.
fn wrong_file(what: &str) -> String {
    format!(
        "this is OpenSanctions' {what}, not a list of entities: import the same dataset's \
`entities.ftm.json` (FollowTheMoney entities, one per line) instead"
    )
}

/// The dataset's description with links to its files (`index.json`): `datasets` in the
/// catalog-wide one, `resources` in a dataset's own.
const INDEX: &str = "dataset index (index.json)";

/// The export for the Senzing entity resolver: one record per line with `DATA_SOURCE`,
/// `RECORD_ID` and `NAMES`.
const SENZING: &str = "Senzing export (senzing.json)";

fn is_senzing(obj: &BTreeMap<String, &RawValue>) -> bool {
    obj.contains_key("RECORD_ID") || obj.contains_key("DATA_SOURCE")
}

const UNKNOWN_FORMAT: &str = "unrecognised list format: expected a bioflag list (an object with \
`schema`), an OpenSanctions FollowTheMoney export (one entity per line), a Consolidated \
Screening List (`results` or an array of records), or OFAC's sdn.csv or sdn.xml";

/// OFAC's alt.csv holds only the alternate names of sdn.csv's entries.
const ALT_ALONE: &str = "this is OFAC's alt.csv (the alternate names of sdn.csv's entries), not \
a list by itself: import sdn.csv with alt.csv beside it, or both files together";

const OTHER_XML: &str = "an XML file that is not OFAC's SDN XML (root element `sdnList`): the \
XML lists read are OFAC's sdn.xml only";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection() {
        assert_eq!(detect(r#"{"schema": 1}"#), Ok(Format::Bioflag));
        assert_eq!(detect(r#"{"results": []}"#), Ok(Format::ScreeningList));
        assert_eq!(detect(" [ ]"), Ok(Format::ScreeningList));
        let ftm = "{\"id\":\"a\",\"schema\":\"Company\",\"properties\":{}}\n{\"id\":\"b\"}\n";
        assert_eq!(detect(ftm), Ok(Format::FollowTheMoney));
        let index = r#"{"name": "sanctions", "title": "Consolidated Sanctions", "resources": [{"name": "entities.ftm.json"}]}"#;
        let e = detect(index).unwrap_err();
        assert!(
            e.message.contains("index.json") && e.message.contains("`entities.ftm.json`"),
            "{e}"
        );
        let e = detect(r#"{"datasets": [{"name": "default"}], "schemata": []}"#).unwrap_err();
        assert!(e.message.contains("index.json"), "{e}");
        let senzing = "{\"DATA_SOURCE\": \"OS_SANCTIONS\", \"RECORD_ID\": \"x1\", \"RECORD_TYPE\": \"ORGANIZATION\"}\n{\"DATA_SOURCE\": \"OS_SANCTIONS\", \"RECORD_ID\": \"x2\"}\n";
        let e = detect(senzing).unwrap_err();
        assert!(
            e.message.contains("senzing.json") && e.message.contains("`entities.ftm.json`"),
            "{e}"
        );
        let e = detect(&senzing[..senzing.find('\n').unwrap()]).unwrap_err();
        assert!(e.message.contains("senzing.json"), "{e}");
        let e = detect("id,schema,name,aliases,countries\nx1,Company,Example,,\n").unwrap_err();
        assert!(e.message.contains("targets.simple.csv"), "{e}");
        let sdn = "36,AERO,-0- ,CUBA,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n";
        assert_eq!(detect(sdn), Ok(Format::SdnCsv));
        let e = detect("36,12,aka,AERO-CARIBBEAN,-0- \n").unwrap_err();
        assert!(e.message.contains("alt.csv"), "{e}");
        let xml =
            "<?xml version=\"1.0\"?>\n<sdnList xmlns=\"http://tempuri.org/sdnList.xsd\"></sdnList>";
        assert_eq!(detect(xml), Ok(Format::SdnXml));
        let e = detect("<html><body></body></html>").unwrap_err();
        assert!(e.message.contains("sdnList"), "{e}");
        let e = detect("name,aliases\nBGI,").unwrap_err();
        assert!(e.message.starts_with("unrecognised list format"), "{e}");
        assert_eq!(detect("  \n").unwrap_err().message, "the list is empty");
        let e = detect("{\"schema\": 1,\n\"name\": }").unwrap_err();
        assert_eq!((e.line, e.column), (2, 9), "{e}");
    }
}
