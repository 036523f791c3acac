//! Lists a user imports, converted into the catalog model and held to the rules matching and
//! display need ([`Strictness::Imported`]). Three formats are read:
//!
//! - bioflag's own JSON format (see `data/SCHEMA.md`): an object with `schema`;
//! - OpenSanctions FollowTheMoney exports (`entities.ftm.json`): one JSON entity per line
//!   ([`ftm`]);
//! - the US Consolidated Screening List JSON from trade.gov: `{"results": [...]}` or a bare array
//!   of records ([`csl`]).
//!
//! Every problem is reported with its line, column and field; a list with any problem is refused
//! whole. Imported entities carry only what the list says: names, the list they are on, dates
//! when the list gives ISO dates. They get a generic card (no claims).

pub mod csl;
pub mod ftm;

use crate::catalog::error::{line_col, locate_serde_error};
use crate::catalog::lint::{
    is_https_url, lint, MAX_ALIASES_PER_ENTITY, MAX_ALIAS_CHARS, MAX_ENTITIES,
};
use crate::catalog::load::size_error;
use crate::catalog::{
    alias_key, parse_catalog, Alias, Catalog, Confidence, Entity, ListError, ListErrors,
    OfficialList, Source, SourceKind, Strictness, SCHEMA_VERSION,
};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use std::collections::{BTreeMap, HashMap, HashSet};

/// At most this many errors are listed; the rest are counted in a final error.
pub const MAX_ERRORS: usize = 100;

/// Longest entity id made from a record's id, before the format prefix.
const MAX_ID_CHARS: usize = 64;

/// The formats [`import_list`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// bioflag's own JSON format (`data/SCHEMA.md`).
    Bioflag,
    /// OpenSanctions FollowTheMoney entities, one JSON object per line.
    FollowTheMoney,
    /// The US Consolidated Screening List JSON (trade.gov).
    ScreeningList,
}

impl Format {
    /// A short name for people.
    pub fn describe(self) -> &'static str {
        match self {
            Format::Bioflag => "bioflag list",
            Format::FollowTheMoney => "OpenSanctions FollowTheMoney export",
            Format::ScreeningList => "Consolidated Screening List",
        }
    }
}

/// An imported list with what the import left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub catalog: Catalog,
    pub format: Format,
    /// Records not imported, by reason: the FTM schema (`Person`, `Vessel`...) or the CSL
    /// `type` (`Individual`...), or `no name of 3 or more characters`.
    pub skipped: BTreeMap<String, usize>,
}

impl Imported {
    /// How many records were left out.
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }
}

/// Parses an imported list in any supported format. `name` names it in errors (a file name, or
/// the name the user gave) and, for formats without a list name, becomes the list's name.
pub fn parse_list(text: &str, name: &str) -> Result<Catalog, ListErrors> {
    import_list(text, name).map(|i| i.catalog)
}

/// Like [`parse_list`], also telling which format was read and what was skipped.
pub fn import_list(text: &str, name: &str) -> Result<Imported, ListErrors> {
    let fail = |errors: Vec<ListError>| ListErrors {
        list: name.to_string(),
        errors,
    };
    if let Some(e) = size_error(text.len()) {
        return Err(fail(vec![e]));
    }
    match detect(text).map_err(|e| fail(vec![e]))? {
        Format::Bioflag => {
            parse_catalog(text, name, Strictness::Imported).map(|catalog| Imported {
                catalog,
                format: Format::Bioflag,
                skipped: BTreeMap::new(),
            })
        }
        Format::FollowTheMoney => ftm::parse(text, name),
        Format::ScreeningList => csl::parse(text, name),
    }
}

/// Tells which format `text` is in, or why it is none of them.
pub fn detect(text: &str) -> Result<Format, ListError> {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    let at = text.len() - body.len();
    let error = |message: &str| {
        let (line, column) = line_col(text, at);
        ListError {
            line,
            column,
            field: String::new(),
            message: message.to_string(),
        }
    };
    if body.is_empty() {
        return Err(error("the list is empty"));
    }
    if body.starts_with('[') {
        return Ok(Format::ScreeningList);
    }
    if !body.starts_with('{') {
        return Err(error(UNKNOWN_FORMAT));
    }
    match serde_json::from_str::<BTreeMap<String, &RawValue>>(text.trim_start_matches('\u{feff}')) {
        Ok(top) if top.contains_key("results") => Ok(Format::ScreeningList),
        Ok(top) if top.contains_key("properties") => Ok(Format::FollowTheMoney),
        Ok(top) if top.contains_key("schema") => Ok(Format::Bioflag),
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

const UNKNOWN_FORMAT: &str = "unrecognised list format: expected a bioflag list (an object with \
`schema`), an OpenSanctions FollowTheMoney export (one entity per line) or a Consolidated \
Screening List (`results` or an array of records)";

/// Byte offsets of line starts, to locate offsets without rescanning the text.
#[derive(Debug)]
pub(crate) struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub(crate) fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter_map(|(i, b)| (b == b'\n').then_some(i + 1)),
        );
        Lines { starts }
    }

    /// 1-based (line, column in characters) of a byte offset.
    pub(crate) fn locate(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }
}

/// Byte offset of `part` (a slice of `text`) in `text`.
pub(crate) fn offset_of(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .saturating_sub(text.as_ptr() as usize)
        .min(text.len())
}

/// A serde error inside a value starting at byte `base` of `text`, located in the whole text.
fn serde_error_in(
    lines: &Lines,
    text: &str,
    base: usize,
    field: &str,
    err: &serde_json::Error,
) -> ListError {
    let (line, column, message) = locate_serde_error(lines.locate(text, base), err);
    ListError {
        line,
        column,
        field: field.to_string(),
        message: lower_first(&message),
    }
}

/// Lower-cases the first letter, unless it starts an acronym ("EOF while parsing").
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match (c.next(), c.clone().next()) {
        (Some(f), Some(n)) if n.is_uppercase() => std::iter::once(f).chain(c).collect(),
        (Some(f), _) => f.to_lowercase().chain(c).collect(),
        (None, _) => String::new(),
    }
}

/// A JSON object whose values are read one by one, each located.
pub(crate) type Obj<'a> = BTreeMap<String, &'a RawValue>;

/// One name found in a record, before it becomes an alias.
#[derive(Debug)]
pub(crate) struct Name {
    pub text: String,
    /// The list marks it weak (FTM `weakAlias`).
    pub weak: bool,
    pub field: String,
    pub offset: usize,
}

/// The errors of one list: the first [`MAX_ERRORS`] and a count of the rest.
#[derive(Debug, Default)]
struct Errors {
    kept: Vec<ListError>,
    more: usize,
}

impl Errors {
    fn push(&mut self, e: ListError) {
        if self.kept.len() < MAX_ERRORS {
            self.kept.push(e);
        } else {
            self.more += 1;
        }
    }

    fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    fn into_vec(mut self) -> Vec<ListError> {
        if self.more > 0 {
            let line = self.kept.last().map_or(1, |e| e.line);
            self.kept.push(ListError {
                line,
                column: 1,
                field: String::new(),
                message: format!("... and {} more errors", self.more),
            });
        }
        self.kept
    }
}

/// What a converter builds: entities with the offsets of their records, the lists and sources
/// they refer to, errors and skipped records.
#[derive(Debug)]
pub(crate) struct Builder<'a> {
    pub text: &'a str,
    lines: Lines,
    errors: Errors,
    entities: Vec<Entity>,
    offsets: Vec<usize>,
    ids: HashSet<String>,
    lists: Vec<OfficialList>,
    sources: Vec<Source>,
    skipped: BTreeMap<String, usize>,
    /// Set once [`MAX_ENTITIES`] is reached: reading stops.
    pub full: bool,
}

impl<'a> Builder<'a> {
    pub(crate) fn new(text: &'a str) -> Builder<'a> {
        Builder {
            text,
            lines: Lines::new(text),
            errors: Errors::default(),
            entities: Vec::new(),
            offsets: Vec::new(),
            ids: HashSet::new(),
            lists: Vec::new(),
            sources: Vec::new(),
            skipped: BTreeMap::new(),
            full: false,
        }
    }

    /// Records an error at byte `offset`.
    pub(crate) fn error(
        &mut self,
        offset: usize,
        field: impl Into<String>,
        message: impl Into<String>,
    ) {
        let (line, column) = self.lines.locate(self.text, offset);
        self.errors.push(ListError {
            line,
            column,
            field: field.into(),
            message: message.into(),
        });
    }

    /// Records a serde error inside the value at `base`.
    pub(crate) fn serde_error(&mut self, base: usize, field: &str, err: &serde_json::Error) {
        let e = serde_error_in(&self.lines, self.text, base, field, err);
        self.errors.push(e);
    }

    /// Records that the record at `base` is not valid JSON (or not an object).
    pub(crate) fn json_error(&mut self, base: usize, err: &serde_json::Error) {
        let mut e = serde_error_in(&self.lines, self.text, base, "", err);
        e.message = if err.is_data() {
            "expected a JSON object".to_string()
        } else {
            format!("invalid JSON: {}", e.message)
        };
        self.errors.push(e);
    }

    pub(crate) fn offset(&self, raw: &RawValue) -> usize {
        offset_of(self.text, raw.get())
    }

    /// Counts a record left out.
    pub(crate) fn skip(&mut self, reason: &str) {
        *self.skipped.entry(reason.to_string()).or_default() += 1;
    }

    /// Parses `raw` as `T`, recording an error for `field` if it is not one.
    pub(crate) fn value<T: DeserializeOwned>(&mut self, raw: &RawValue, field: &str) -> Option<T> {
        match serde_json::from_str(raw.get()) {
            Ok(v) => Some(v),
            Err(e) => {
                let base = self.offset(raw);
                self.serde_error(base, field, &e);
                None
            }
        }
    }

    /// Parses `raw` as an array of raw values.
    pub(crate) fn raw_list(&mut self, raw: &'a RawValue, field: &str) -> Option<Vec<&'a RawValue>> {
        match serde_json::from_str::<Vec<&'a RawValue>>(raw.get()) {
            Ok(v) => Some(v),
            Err(e) => {
                let base = self.offset(raw);
                self.serde_error(base, field, &e);
                None
            }
        }
    }

    /// Parses `raw` as an object of raw values.
    pub(crate) fn object(&mut self, raw: &'a RawValue, field: &str) -> Option<Obj<'a>> {
        match serde_json::from_str::<Obj<'a>>(raw.get()) {
            Ok(v) => Some(v),
            Err(e) => {
                let base = self.offset(raw);
                if e.is_data() && !raw.get().starts_with('{') {
                    self.error(base, field, "expected an object");
                } else {
                    self.serde_error(base, field, &e);
                }
                None
            }
        }
    }

    /// An id: a string, or a number written as is.
    pub(crate) fn id_field(
        &mut self,
        obj: &Obj<'a>,
        key: &str,
        path: &str,
    ) -> Result<Option<String>, ()> {
        match obj.get(key) {
            Some(raw)
                if raw
                    .get()
                    .starts_with(|c: char| c == '-' || c.is_ascii_digit()) =>
            {
                Ok(Some(raw.get().to_string()))
            }
            _ => self.text_field(obj, key, path),
        }
    }

    /// A string field; `None` when absent or null, `Err` after recording an error when it is
    /// something else.
    pub(crate) fn text_field(
        &mut self,
        obj: &Obj<'a>,
        key: &str,
        path: &str,
    ) -> Result<Option<String>, ()> {
        let Some(raw) = obj.get(key) else {
            return Ok(None);
        };
        let s = raw.get();
        if s == "null" {
            return Ok(None);
        }
        if s.starts_with('"') {
            if let Some(v) = self.value::<String>(raw, path) {
                return Ok(Some(v));
            }
            return Err(());
        }
        let at = self.offset(raw);
        self.error(at, path, "expected a string");
        Err(())
    }

    /// A list of strings, or one string split on `split` (when given); null or absent is empty.
    pub(crate) fn texts_field(
        &mut self,
        obj: &Obj<'a>,
        key: &str,
        path: &str,
        split: Option<char>,
    ) -> Result<(Vec<String>, usize), ()> {
        let Some(raw) = obj.get(key) else {
            return Ok((Vec::new(), 0));
        };
        let at = self.offset(raw);
        let s = raw.get();
        if s == "null" {
            return Ok((Vec::new(), at));
        }
        if s.starts_with('"') {
            let v: String = self.value(raw, path).ok_or(())?;
            let parts = match split {
                Some(c) => v.split(c).map(str::to_string).collect(),
                None => vec![v],
            };
            return Ok((parts, at));
        }
        if !s.starts_with('[') {
            self.error(at, path, "expected a list of strings");
            return Err(());
        }
        let items = self.raw_list(raw, path).ok_or(())?;
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            if item.get() == "null" {
                continue;
            }
            if !item.get().starts_with('"') {
                let at = self.offset(item);
                self.error(at, format!("{path}[{i}]"), "expected a string");
                ok = false;
                continue;
            }
            match self.value::<String>(item, &format!("{path}[{i}]")) {
                Some(v) => out.push(v),
                None => ok = false,
            }
        }
        if ok {
            Ok((out, at))
        } else {
            Err(())
        }
    }

    /// An https URL kept as is; other URLs are dropped, and script-like ones are refused.
    pub(crate) fn url(
        &mut self,
        url: Option<String>,
        offset: usize,
        field: &str,
    ) -> Option<String> {
        let url = url?.trim().to_string();
        let scheme = url
            .split(':')
            .next()
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect::<String>()
            .to_ascii_lowercase();
        if url.contains(':') && matches!(scheme.as_str(), "javascript" | "data" | "vbscript") {
            self.error(
                offset,
                field,
                format!("`{scheme}:` URLs are refused: only https URLs are kept"),
            );
            return None;
        }
        is_https_url(&url).then_some(url)
    }

    /// Turns a record's names into aliases: cleaned, deduplicated, short all-capital names
    /// weak, names too short to match safely dropped (one character, or
    /// two without being weak). Records errors for names over the
    /// length limit and for too many names.
    pub(crate) fn aliases(&mut self, names: Vec<Name>, offset: usize, field: &str) -> Vec<Alias> {
        let mut aliases: Vec<Alias> = Vec::new();
        let mut keys: HashMap<String, usize> = HashMap::new();
        for n in names {
            let text = clean(&n.text);
            if text.is_empty() {
                continue;
            }
            let chars = text.chars().count();
            if chars > MAX_ALIAS_CHARS {
                self.error(
                    n.offset,
                    n.field,
                    format!(
                        "the name is {chars} characters long, over the limit of {MAX_ALIAS_CHARS}"
                    ),
                );
                continue;
            }
            let key = alias_key(&text);
            if key.is_empty() {
                continue;
            }
            let weak = n.weak || is_acronym(&text, &key);
            // One character never names anything; two need the weak rules.
            let len = key.chars().count();
            if len < 2 || (len < 3 && !weak) {
                continue;
            }
            if let Some(&i) = keys.get(&key) {
                aliases[i].weak |= weak;
                continue;
            }
            keys.insert(key, aliases.len());
            aliases.push(Alias {
                weak,
                ..Alias::strong(text)
            });
        }
        if aliases.len() > MAX_ALIASES_PER_ENTITY {
            self.error(
                offset,
                field,
                format!(
                    "{} names on one entity, over the limit of {MAX_ALIASES_PER_ENTITY}",
                    aliases.len()
                ),
            );
        }
        aliases
    }

    /// A unique kebab-case entity id: `prefix-<raw id>`, or `prefix-<fallback>` without one.
    pub(crate) fn entity_id(&mut self, prefix: &str, raw: Option<&str>, fallback: usize) -> String {
        let base = match raw.map(kebab).filter(|k| !k.is_empty()) {
            Some(k) => format!("{prefix}-{k}"),
            None => format!("{prefix}-{fallback}"),
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.ids.insert(id.clone());
        id
    }

    /// The id of the official list named `name` (`base_id`, made unique), added on first use.
    pub(crate) fn list_id(
        &mut self,
        base_id: &str,
        name: &str,
        authority: Option<String>,
        url: Option<String>,
    ) -> String {
        let name = clean(name);
        if let Some(l) = self.lists.iter_mut().find(|l| l.name == name) {
            if l.url.is_none() {
                l.url = url;
            }
            return l.id.clone();
        }
        let base = base_id.to_string();
        let mut id = base.clone();
        let mut n = 2;
        while self.lists.iter().any(|l| l.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.lists.push(OfficialList {
            id: id.clone(),
            name,
            full_name: None,
            authority,
            url,
            meaning: Vec::new(),
        });
        id
    }

    /// The id of the source titled `title`, added on first use.
    pub(crate) fn source_id(
        &mut self,
        id: &str,
        title: &str,
        publisher: &str,
        url: Option<String>,
        confidence: Confidence,
    ) -> String {
        if let Some(s) = self.sources.iter_mut().find(|s| s.id == id) {
            if s.url.is_none() {
                s.url = url;
            }
            return s.id.clone();
        }
        self.sources.push(Source {
            id: id.to_string(),
            title: clean(title),
            kind: Some(SourceKind::Dataset),
            publisher: Some(publisher.to_string()),
            date: None,
            url,
            copy: false,
            confidence,
        });
        id.to_string()
    }

    /// Adds an entity read at `offset`; returns false (after recording an error, once) when the
    /// list is over [`MAX_ENTITIES`].
    pub(crate) fn push_entity(&mut self, entity: Entity, offset: usize) -> bool {
        if self.entities.len() >= MAX_ENTITIES {
            if !self.full {
                self.full = true;
                self.error(
                    offset,
                    "",
                    format!("more than {MAX_ENTITIES} entities: over the limit of {MAX_ENTITIES} per list"),
                );
            }
            return false;
        }
        self.entities.push(entity);
        self.offsets.push(offset);
        true
    }

    pub(crate) fn entity_mut(&mut self, i: usize) -> &mut Entity {
        &mut self.entities[i]
    }

    /// Errors recorded so far.
    pub(crate) fn error_count(&self) -> usize {
        self.errors.kept.len() + self.errors.more
    }

    pub(crate) fn entity_count(&self) -> usize {
        self.entities.len()
    }

    /// Builds and lints the catalog, or returns every error.
    pub(crate) fn finish(mut self, name: &str, format: Format) -> Result<Imported, ListErrors> {
        let fail = |errors: Vec<ListError>| ListErrors {
            list: name.to_string(),
            errors,
        };
        if self.errors.is_empty() && self.entities.is_empty() {
            let skipped: Vec<String> = self
                .skipped
                .iter()
                .map(|(k, n)| format!("{k}: {n}"))
                .collect();
            let message = if skipped.is_empty() {
                "the list has no entities".to_string()
            } else {
                format!(
                    "the list has no organisations to import (skipped: {})",
                    skipped.join(", ")
                )
            };
            self.error(0, "", message);
        }
        if !self.errors.is_empty() {
            return Err(fail(self.errors.into_vec()));
        }
        mark_shared(&mut self.entities);
        let list_name = clean(name);
        let catalog = Catalog {
            schema: SCHEMA_VERSION,
            name: if list_name.is_empty() {
                format!("imported {}", format.describe())
            } else {
                list_name
            },
            version: String::new(),
            updated: None,
            context_words: Vec::new(),
            lists: self.lists,
            sources: self.sources,
            entities: self.entities,
        };
        let problems = lint(&catalog, Strictness::Imported);
        if !problems.is_empty() {
            let mut errors = Errors::default();
            for p in problems {
                let offset = p
                    .entity
                    .and_then(|i| self.offsets.get(i))
                    .copied()
                    .unwrap_or(0);
                let (line, column) = self.lines.locate(self.text, offset);
                errors.push(ListError {
                    line,
                    column,
                    field: p.field,
                    message: p.message,
                });
            }
            return Err(fail(errors.into_vec()));
        }
        Ok(Imported {
            catalog,
            format,
            skipped: self.skipped,
        })
    }
}

/// Marks `shared` every alias that several imported entities have (the same company on two
/// lists, two branches with one short name): the list says so, it is not an error.
fn mark_shared(entities: &mut [Entity]) {
    let mut owners: HashMap<String, (usize, bool)> = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        for a in &e.aliases {
            let entry = owners.entry(alias_key(&a.text)).or_insert((i, false));
            if entry.0 != i {
                entry.1 = true;
            }
        }
    }
    for e in entities.iter_mut() {
        for a in &mut e.aliases {
            if owners.get(&alias_key(&a.text)).is_some_and(|o| o.1) {
                a.shared = true;
            }
        }
    }
}

/// Text as plain text on one line: control characters dropped, white space collapsed. Markup
/// is kept as written; rendering it inert is the UI's job.
pub(crate) fn clean(text: &str) -> String {
    let no_controls: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    no_controls.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True for a short all-capital name ("BGI", "MGI", "3M", "BGI Co., Ltd."): at most 5
/// characters once the legal suffix is removed, its letters all capitals. OpenSanctions makes
/// such names weak aliases.
pub(crate) fn is_acronym(text: &str, key: &str) -> bool {
    if key.chars().count() > 5 {
        return false;
    }
    let letters = key.chars().filter(|c| c.is_alphabetic()).count();
    letters > 0
        && text
            .chars()
            .filter(|c| c.is_alphabetic())
            .take(letters)
            .all(char::is_uppercase)
}

/// `Some(date)` when `date` is an ISO date (a timestamp is cut to its date).
pub(crate) fn iso_date(date: Option<&str>) -> Option<String> {
    let d = date?.trim();
    let day = match d.get(..10) {
        Some(day) if d.len() == 10 || d[10..].starts_with(['T', ' ']) => day,
        _ => return None,
    };
    crate::catalog::lint::is_iso_date(day).then(|| day.to_string())
}

/// A kebab-case form of `raw`: ASCII letters and digits, lower-cased, other runs as one `-`.
pub(crate) fn kebab(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            if out.len() >= MAX_ID_CHARS {
                break;
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_ids() {
        assert_eq!(kebab("NK-2P6ZGHfJ7r4"), "nk-2p6zghfj7r4");
        assert_eq!(kebab("  Entity List (EL) - BIS "), "entity-list-el-bis");
        assert_eq!(kebab("华大"), "");
        assert!(kebab(&"a".repeat(500)).len() <= MAX_ID_CHARS);
    }

    #[test]
    fn acronyms() {
        assert!(is_acronym("BGI", &alias_key("BGI")));
        assert!(is_acronym("BGI Co., Ltd.", &alias_key("BGI Co., Ltd.")));
        assert!(is_acronym("3M", &alias_key("3M")));
        assert!(!is_acronym("Bgi", &alias_key("Bgi")));
        assert!(!is_acronym("华大基因", &alias_key("华大基因")));
        assert!(!is_acronym("INNOMICS", &alias_key("INNOMICS")));
        assert!(!is_acronym("123", &alias_key("123")));
    }

    #[test]
    fn dates() {
        assert_eq!(iso_date(Some("2020-08-27")), Some("2020-08-27".into()));
        assert_eq!(
            iso_date(Some("2020-08-27T00:00:00Z")),
            Some("2020-08-27".into())
        );
        assert_eq!(iso_date(Some("2020-08")), None);
        assert_eq!(iso_date(Some("08/27/2020")), None);
        assert_eq!(iso_date(Some("2020-02-30")), None);
        assert_eq!(iso_date(None), None);
    }

    #[test]
    fn clean_text() {
        assert_eq!(clean(" a\u{0}b \n\t c "), "a b c");
        assert_eq!(clean("<b>X</b>"), "<b>X</b>");
    }

    #[test]
    fn lines_locate() {
        let text = "ab\ncdé\nf";
        let lines = Lines::new(text);
        assert_eq!(lines.locate(text, 0), (1, 1));
        assert_eq!(lines.locate(text, 3), (2, 1));
        assert_eq!(lines.locate(text, 7), (2, 4));
        assert_eq!(lines.locate(text, 8), (3, 1));
    }

    #[test]
    fn detection() {
        assert_eq!(detect(r#"{"schema": 1}"#), Ok(Format::Bioflag));
        assert_eq!(detect(r#"{"results": []}"#), Ok(Format::ScreeningList));
        assert_eq!(detect(" [ ]"), Ok(Format::ScreeningList));
        let ftm = "{\"id\":\"a\",\"schema\":\"Company\",\"properties\":{}}\n{\"id\":\"b\"}\n";
        assert_eq!(detect(ftm), Ok(Format::FollowTheMoney));
        let e = detect("name,aliases\nBGI,").unwrap_err();
        assert!(e.message.starts_with("unrecognised list format"), "{e}");
        assert_eq!(detect("  \n").unwrap_err().message, "the list is empty");
        let e = detect("{\"schema\": 1,\n\"name\": }").unwrap_err();
        assert_eq!((e.line, e.column), (2, 9), "{e}");
    }

    #[test]
    fn error_cap() {
        let mut errors = Errors::default();
        for i in 0..250 {
            errors.push(ListError {
                line: i + 1,
                column: 1,
                field: String::new(),
                message: "x".into(),
            });
        }
        let v = errors.into_vec();
        assert_eq!(v.len(), MAX_ERRORS + 1);
        assert_eq!(v[MAX_ERRORS].message, "... and 150 more errors");
    }
}
