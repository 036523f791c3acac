//! OFAC's SDN XML file (`sdn.xml`): `sdnList` holding one `sdnEntry` per entry, with `uid`,
//! `lastName` (an entity's whole name; people also have `firstName`), `sdnType`, `programList`
//! of `program`, and `akaList` of `aka` (`lastName`, `firstName`, `type` a.k.a./f.k.a./n.k.a.,
//! `category` strong or weak). Other elements (addresses, ids, vessel details) are not read.
//!
//! An a.k.a. OFAC calls weak ("low quality": a short or partial name) becomes a weak alias,
//! flagged only with support; the legacy CSV files carry those only inside their remarks, so a
//! weak a.k.a. is the one thing the XML gives that the CSV pair does not.

use super::sdn::{push, Entry, Kind};
use super::{Builder, Format, Imported, Name};
use crate::catalog::locate::Lines;
use crate::catalog::{ErrorKind, ListError, ListErrors};
use quick_xml::events::Event;

/// True when `body` (without leading white space) is OFAC's SDN XML: its root is `sdnList`.
pub(crate) fn sniff(body: &str) -> bool {
    if !body.starts_with('<') {
        return false;
    }
    let mut reader = quick_xml::Reader::from_str(body);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                return e.local_name().as_ref() == b"sdnList"
            }
            Ok(Event::Eof) | Err(_) => return false,
            Ok(_) => {}
        }
    }
}

/// An `aka` being read.
#[derive(Default)]
struct Aka {
    offset: usize,
    first: String,
    last: String,
    weak: bool,
}

/// An `sdnEntry` being read.
#[derive(Default)]
struct Raw {
    offset: usize,
    uid: String,
    first: String,
    last: String,
    last_at: usize,
    kind: String,
    kind_at: usize,
    programs: Vec<String>,
    programs_at: usize,
    akas: Vec<(usize, String, bool)>,
}

/// A person's name as OFAC writes it in its CSV ("ZUMAR, Abbud"); an entity's is its lastName.
fn full_name(first: &str, last: &str) -> String {
    match (first.trim(), last.trim()) {
        ("", l) => l.to_string(),
        (f, "") => f.to_string(),
        (f, l) => format!("{l}, {f}"),
    }
}

/// Parses sdn.xml; `name` names the list.
pub(crate) fn parse(text: &str, name: &str) -> Result<Imported, ListErrors> {
    let mut b = Builder::new(text);
    let mut reader = quick_xml::Reader::from_str(text);
    // Element names from the root down, and the text of the innermost one.
    let mut path: Vec<Vec<u8>> = Vec::new();
    let mut content = String::new();
    let mut entry: Option<Raw> = None;
    let mut aka: Option<Aka> = None;
    let mut entries = 0usize;
    loop {
        let at = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let lines = Lines::new(text);
                let (line, column) = lines.locate(text, reader.error_position() as usize);
                b.push_error(ListError {
                    line,
                    column,
                    field: path_name(&path),
                    kind: ErrorKind::Syntax,
                    message: format!("invalid XML: {e}"),
                });
                break;
            }
        };
        match event {
            Event::Start(e) => {
                let local = e.local_name().as_ref().to_vec();
                match (local.as_slice(), path.last().map(Vec::as_slice)) {
                    (b"sdnEntry", _) => {
                        entry = Some(Raw {
                            offset: at,
                            ..Raw::default()
                        })
                    }
                    (b"aka", Some(b"akaList")) => {
                        aka = Some(Aka {
                            offset: at,
                            ..Aka::default()
                        })
                    }
                    (b"programList", Some(b"sdnEntry")) => {
                        if let Some(r) = entry.as_mut() {
                            r.programs_at = at;
                        }
                    }
                    _ => {}
                }
                path.push(local);
                content.clear();
            }
            Event::Text(t) => match t.xml_content() {
                Ok(s) => content.push_str(&s),
                Err(e) => return Err(fail(text, name, at, &path, &e.to_string())),
            },
            Event::CData(t) => match t.xml_content() {
                Ok(s) => content.push_str(&s),
                Err(e) => return Err(fail(text, name, at, &path, &e.to_string())),
            },
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    Ok(None) => r.xml_content().ok().and_then(|n| {
                        quick_xml::escape::resolve_xml_entity(&n).map(str::to_string)
                    }),
                    Err(_) => None,
                };
                match resolved {
                    Some(s) => content.push_str(&s),
                    None => {
                        let message = format!("unknown entity `&{};`", String::from_utf8_lossy(&r));
                        return Err(fail(text, name, at, &path, &message));
                    }
                }
            }
            Event::End(_) => {
                let local = path.pop().unwrap_or_default();
                let parent = path.last().map(Vec::as_slice);
                let value = std::mem::take(&mut content);
                if let Some(a) = aka.as_mut() {
                    match local.as_slice() {
                        b"lastName" => a.last = value,
                        b"firstName" => a.first = value,
                        b"category" => a.weak = value.trim().eq_ignore_ascii_case("weak"),
                        b"aka" => {
                            let a = aka.take().unwrap_or_default();
                            if let Some(r) = entry.as_mut() {
                                r.akas
                                    .push((a.offset, full_name(&a.first, &a.last), a.weak));
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                let Some(r) = entry.as_mut() else {
                    continue;
                };
                match (local.as_slice(), parent) {
                    (b"uid", Some(b"sdnEntry")) => r.uid = value.trim().to_string(),
                    (b"lastName", Some(b"sdnEntry")) => {
                        r.last = value;
                        r.last_at = at;
                    }
                    (b"firstName", Some(b"sdnEntry")) => r.first = value,
                    (b"sdnType", Some(b"sdnEntry")) => {
                        r.kind = value.trim().to_string();
                        r.kind_at = at;
                    }
                    (b"program", Some(b"programList")) => {
                        let p = super::clean(&value);
                        if !p.is_empty() {
                            r.programs.push(p);
                        }
                    }
                    (b"sdnEntry", _) => {
                        let raw = entry.take().unwrap_or_default();
                        entries += 1;
                        if let Some(e) = read_entry(&mut b, raw, entries) {
                            push(&mut b, e);
                        }
                        if b.full {
                            break;
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    b.finish(name, Format::SdnXml)
}

fn path_name(path: &[Vec<u8>]) -> String {
    path.iter()
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn fail(text: &str, name: &str, at: usize, path: &[Vec<u8>], message: &str) -> ListErrors {
    let (line, column) = Lines::new(text).locate(text, at);
    ListErrors {
        list: name.to_string(),
        errors: vec![ListError {
            line,
            column,
            field: path_name(path),
            kind: ErrorKind::Syntax,
            message: message.to_string(),
        }],
    }
}

/// The entry an `sdnEntry` describes; `None` after recording its errors. `index` counts the
/// entries (1-based) for the field names.
fn read_entry(b: &mut Builder<'_>, raw: Raw, index: usize) -> Option<Entry> {
    let field = |f: &str| format!("sdnEntry[{index}].{f}");
    if raw.uid.is_empty() || !raw.uid.bytes().all(|c| c.is_ascii_digit()) {
        let message = if raw.uid.is_empty() {
            "missing `uid`".to_string()
        } else {
            format!("`uid` must be a number, found `{}`", raw.uid)
        };
        b.error(raw.offset, field("uid"), message);
        return None;
    }
    let kind = match Kind::parse(&raw.kind) {
        Some(k) => k,
        None => {
            let message = if raw.kind.is_empty() {
                "missing `sdnType`".to_string()
            } else {
                format!(
                    "unknown sdnType `{}`: expected Entity, Individual, Vessel or Aircraft",
                    raw.kind
                )
            };
            let at = if raw.kind_at > 0 {
                raw.kind_at
            } else {
                raw.offset
            };
            b.error(at, field("sdnType"), message);
            return None;
        }
    };
    let name = full_name(&raw.first, &raw.last);
    if name.is_empty() && kind == Kind::Entity {
        b.error(raw.offset, field("lastName"), "the entry has no name");
        return None;
    }
    let akas = raw
        .akas
        .into_iter()
        .enumerate()
        .filter(|(_, (_, n, _))| !n.trim().is_empty())
        .map(|(j, (offset, text, weak))| Name {
            text,
            weak,
            field: field(&format!("akaList.aka[{}]", j + 1)),
            offset,
        })
        .collect();
    Some(Entry {
        offset: raw.offset,
        number: raw.uid,
        kind,
        name: Name {
            text: name,
            weak: false,
            field: field("lastName"),
            offset: if raw.last_at > 0 {
                raw.last_at
            } else {
                raw.offset
            },
        },
        akas,
        programs: raw.programs,
        programs_field: (
            if raw.programs_at > 0 {
                raw.programs_at
            } else {
                raw.offset
            },
            field("programList"),
        ),
    })
}
