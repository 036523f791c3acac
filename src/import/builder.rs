//! What every converter builds with: typed reads of record fields with located errors, aliases,
//! entity, list and source ids, and the final lint of the catalog.

use super::ids::slug;
use super::names::{clean, is_acronym, separator_variants};
use super::quality;
use super::{Format, Imported, NameNote, Outcome};
use crate::catalog::lint::{lint, MAX_ALIASES_PER_ENTITY, MAX_ALIAS_CHARS, MAX_ENTITIES};
use crate::catalog::locate::{offset_of, serde_error_in, Errors, Lines};
use crate::catalog::validate::is_https_url;
use crate::catalog::{
    alias_key, Alias, Catalog, Confidence, Entity, ErrorKind, ListError, ListErrors, OfficialList,
    Source, SourceKind, Strictness, SCHEMA_VERSION,
};
use crate::fold::fold_pattern;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use std::collections::{BTreeMap, HashMap, HashSet};

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
    /// Where each list's name was read (offset, field), parallel to `lists`.
    list_origins: Vec<(usize, String)>,
    skipped: BTreeMap<String, usize>,
    /// Set once [`MAX_ENTITIES`] is reached: reading stops.
    pub full: bool,
    /// Aliases (entity, alias) weak only for being short and in capitals.
    acronyms: Vec<(usize, usize)>,
    /// The same and the name notes of the record being read, kept when its entity is.
    record_acronyms: Vec<usize>,
    record_notes: Vec<NameNote>,
    notes: Vec<NameNote>,
    names_cased: usize,
    names_capitals: usize,
    acronyms_kept_strong: usize,
    warnings: Vec<ListError>,
}

/// A list needs this many names with letters before its case is taken as a style.
const MIN_NAMES_FOR_CASE: usize = 20;

/// Longest name that stays a (weak) acronym in an all-capital list.
const MAX_BARE_ACRONYM: usize = 3;

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
            list_origins: Vec::new(),
            skipped: BTreeMap::new(),
            full: false,
            acronyms: Vec::new(),
            record_acronyms: Vec::new(),
            record_notes: Vec::new(),
            notes: Vec::new(),
            names_cased: 0,
            names_capitals: 0,
            acronyms_kept_strong: 0,
            warnings: Vec::new(),
        }
    }

    /// Records an invalid value at byte `offset`.
    pub(crate) fn error(
        &mut self,
        offset: usize,
        field: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.error_of(ErrorKind::Invalid, offset, field, message);
    }

    /// Records an error of another kind than an invalid value at byte `offset`.
    pub(crate) fn error_of(
        &mut self,
        kind: ErrorKind,
        offset: usize,
        field: impl Into<String>,
        message: impl Into<String>,
    ) {
        let (line, column) = self.lines.locate(self.text, offset);
        self.errors.push(ListError {
            line,
            column,
            field: field.into(),
            kind,
            message: message.into(),
        });
    }

    /// Records an error already located (in another file of the list: OFAC's alt.csv).
    pub(crate) fn push_error(&mut self, e: ListError) {
        self.errors.push(e);
    }

    /// Records something the user should know at byte `offset`, which does not stop the import.
    pub(crate) fn warn(&mut self, offset: usize, field: &str, kind: ErrorKind, message: String) {
        let (line, column) = self.lines.locate(self.text, offset);
        self.warnings.push(ListError {
            line,
            column,
            field: field.to_string(),
            kind,
            message,
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

    /// Turns a record's names into aliases: cleaned, deduplicated, names that cannot stand on
    /// their own ([`quality`]) weak or matched only with their legal form, short all-capital
    /// names weak (unless the list writes every name in capitals), names too short to match
    /// safely dropped (one character, or two without being weak). Records errors for names
    /// over the length limit and for too many names.
    pub(crate) fn aliases(&mut self, names: Vec<Name>, offset: usize, field: &str) -> Vec<Alias> {
        let mut aliases: Vec<Alias> = Vec::new();
        let mut keys: HashMap<String, usize> = HashMap::new();
        self.record_acronyms.clear();
        self.record_notes.clear();
        // A record with a legal form among its names is a company: its short capital names
        // abbreviate that name ("ASRC" for Advanced Systems Research Company) and stay weak
        // in any list; an organisation known by its acronym ("ISIS", "IRGC") has no such name.
        let company = names.iter().any(|n| {
            let text = clean(&n.text);
            let key = alias_key(&text);
            !key.is_empty() && fold_pattern(&text) != key
        });
        for n in names {
            let text = clean(&n.text);
            if text.is_empty() {
                continue;
            }
            let chars = text.chars().count();
            if chars > MAX_ALIAS_CHARS {
                self.error_of(
                    ErrorKind::Limit,
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
            self.count_case(&text);
            let line = self.lines.line(n.offset);
            let note = |problem, outcome| NameNote {
                line,
                field: n.field.clone(),
                name: text.clone(),
                problem,
                outcome,
            };
            let len = key.chars().count();
            let problem = quality::judge(&key, company);
            // A short all-capital name is an acronym unless the whole list is in capitals;
            // [`Builder::finish`] decides once it has seen every name.
            let short_capitals = problem.is_none() && !n.weak && is_acronym(&text, &key);
            let acronym = short_capitals && !company;
            // With its legal form an ordinary name is still a name ("Wayside Corporation"):
            // it is matched only in that form. Without one it needs support, like an acronym.
            let full_form = problem.is_some() && fold_pattern(&text) != key;
            let weak = n.weak || short_capitals || (problem.is_some() && !full_form);
            // One character never names anything; two need the weak rules.
            if !full_form && (len < 2 || (len < 3 && !weak)) {
                if let Some(p) = problem {
                    self.record_notes.push(note(p, Outcome::Dropped));
                }
                continue;
            }
            if let Some(p) = problem {
                let outcome = if full_form {
                    Outcome::FullForm
                } else {
                    Outcome::Weak
                };
                self.record_notes.push(note(p, outcome));
            }
            if let Some(&i) = keys.get(&key) {
                // The full form already covers the bare name.
                if !aliases[i].full_form {
                    aliases[i].weak |= weak;
                    if acronym {
                        self.record_acronyms.push(i);
                    }
                }
                continue;
            }
            keys.insert(key, aliases.len());
            if acronym {
                self.record_acronyms.push(aliases.len());
            }
            let variants = separator_variants(&text);
            aliases.push(Alias {
                weak,
                full_form,
                ..Alias::strong(text)
            });
            for v in variants {
                let k = alias_key(&v);
                if k.chars().count() >= 3 && !keys.contains_key(&k) {
                    keys.insert(k, aliases.len());
                    aliases.push(Alias {
                        weak,
                        full_form,
                        ..Alias::strong(v)
                    });
                }
            }
        }
        if aliases.len() > MAX_ALIASES_PER_ENTITY {
            self.error_of(
                ErrorKind::Limit,
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

    /// A unique kebab-case entity id: `prefix-<slug of the record's id>`, or `prefix-<fallback>`
    /// for a record without one. The same file always gives the same ids.
    pub(crate) fn entity_id(&mut self, prefix: &str, raw: Option<&str>, fallback: usize) -> String {
        let base = match raw.filter(|r| !r.trim().is_empty()) {
            Some(r) => format!("{prefix}-{}", slug(r)),
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

    /// The id of the official list named `name` (`prefix-<slug of id_text>`, made unique), added
    /// on first use. `offset` and `field` say where in the file the name was read, for errors
    /// the lint finds in the list later.
    pub(crate) fn list_id(
        &mut self,
        prefix: &str,
        id_text: &str,
        name: &str,
        authority: Option<String>,
        url: Option<String>,
        (offset, field): (usize, &str),
    ) -> String {
        let name = clean(name);
        if let Some(l) = self.lists.iter_mut().find(|l| l.name == name) {
            if l.url.is_none() {
                l.url = url;
            }
            return l.id.clone();
        }
        let base = if prefix.is_empty() {
            slug(id_text)
        } else {
            format!("{prefix}-{}", slug(id_text))
        };
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
            zh: None,
            zh_hant: None,
        });
        self.list_origins.push((offset, field.to_string()));
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
                self.error_of(
                    ErrorKind::Limit,
                    offset,
                    "",
                    format!("more than {MAX_ENTITIES} entities: over the limit of {MAX_ENTITIES} per list"),
                );
            }
            return false;
        }
        let index = self.entities.len();
        self.acronyms
            .extend(self.record_acronyms.drain(..).map(|a| (index, a)));
        self.notes.append(&mut self.record_notes);
        self.entities.push(entity);
        self.offsets.push(offset);
        true
    }

    /// Counts a name with cased letters, and whether they are all capitals.
    fn count_case(&mut self, text: &str) {
        let mut cased = text
            .chars()
            .filter(|c| c.is_uppercase() || c.is_lowercase());
        if let Some(first) = cased.next() {
            self.names_cased += 1;
            if first.is_uppercase() && cased.all(char::is_uppercase) {
                self.names_capitals += 1;
            }
        }
    }

    /// True when the list writes (almost) every name in capitals, as OFAC's SDN list does:
    /// then capitals say nothing about a name.
    fn all_capitals(&self) -> bool {
        self.names_cased >= MIN_NAMES_FOR_CASE && self.names_capitals * 10 >= self.names_cased * 9
    }

    /// Settles the provisional acronyms: weak, except in an all-capital list, where only names
    /// of at most [`MAX_BARE_ACRONYM`] characters are (by length: "ABC" is an acronym whatever
    /// the list, "HAMAS" in an all-capital list is just a name).
    fn settle_acronyms(&mut self) {
        if !self.all_capitals() {
            return;
        }
        for &(e, a) in &self.acronyms {
            let alias = &mut self.entities[e].aliases[a];
            if alias_key(&alias.text).chars().count() > MAX_BARE_ACRONYM {
                alias.weak = false;
                self.acronyms_kept_strong += 1;
            }
        }
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
                    "0 entities: the list has no organisations to import, and bioflag flags \
organisations only (skipped: {})",
                    skipped.join(", ")
                )
            };
            self.error_of(ErrorKind::Empty, 0, "", message);
        }
        if !self.errors.is_empty() {
            return Err(fail(self.errors.into_vec()));
        }
        self.settle_acronyms();
        let all_capitals = self.all_capitals();
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
                // Locate each problem at the record (or the field naming the list) it came
                // from: the catalog's own field names (`lists[41].id`) mean nothing to the
                // person who wrote the file.
                let (offset, field, message) = match (p.list, p.entity) {
                    (Some(i), _) if i < self.list_origins.len() => {
                        let (offset, field) = self.list_origins[i].clone();
                        (offset, field, p.message)
                    }
                    (_, Some(i)) if i < self.offsets.len() => (
                        self.offsets[i],
                        String::new(),
                        format!("{} (imported as `{}`)", p.message, p.field),
                    ),
                    _ => (0, p.field, p.message),
                };
                let (line, column) = self.lines.locate(self.text, offset);
                errors.push(ListError {
                    line,
                    column,
                    field,
                    kind: p.kind,
                    message,
                });
            }
            return Err(fail(errors.into_vec()));
        }
        Ok(Imported {
            catalog,
            format,
            skipped: self.skipped,
            names: self.notes,
            all_capitals,
            acronyms_kept_strong: self.acronyms_kept_strong,
            warnings: self.warnings,
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
