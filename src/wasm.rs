//! The JavaScript API (the only module that knows about wasm-bindgen).
//!
//! Text crosses the boundary without a per-call copy through `&str`: JavaScript asks for a
//! buffer in WASM memory ([`Engine::input`]), writes the UTF-8 of many text segments into it
//! with `TextEncoder.encodeInto`, and passes their byte lengths to [`Engine::scan`], which
//! returns one flat `Uint32Array`, [`RECORD_FIELDS`] numbers per match:
//! `segment, start, end, entity, alias, evidence` — `start`/`end` in UTF-16 code units within
//! the segment (DOM offsets), `evidence` an [`Evidence`] code.
//!
//! What JavaScript must know of these (the record's width, the evidence codes, the tiers and
//! their labels, the HTML element model) it learns from [`constants`], written into the
//! JavaScript builds by `scripts/gen-constants.mjs`: no number is written twice.

use crate::card::card;
use crate::catalog::{builtin, Catalog};
use crate::import::{import_list, parse_list, report::report};
use crate::matcher::{DocumentScan, Evidence, Matcher};
use crate::utf16::{to_utf16_offsets, to_utf16_offsets_bytes};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// [`Engine::resolve`]'s verdict for a match the document rules out.
pub const DROPPED: u32 = 255;

/// Numbers per match in [`Engine::scan`]'s result.
pub const RECORD_FIELDS: usize = 6;

/// The name JavaScript uses for an evidence code.
fn evidence_key(e: Evidence) -> &'static str {
    match e {
        Evidence::Strong => "strong",
        Evidence::Context => "context",
        Evidence::Block => "block",
        Evidence::Document => "document",
        Evidence::Pending => "pending",
    }
}

#[derive(Serialize)]
struct TierInfo {
    name: &'static str,
    label: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Constants {
    record_fields: usize,
    dropped: u32,
    evidence: std::collections::BTreeMap<&'static str, u32>,
    tiers: Vec<TierInfo>,
    elements: &'static crate::elements::ElementTable,
}

/// What JavaScript shares with the engine: `{recordFields, dropped, evidence: {strong: 0, ...},
/// tiers: [{name, label}] (in code order), elements: {skipped, inline, void, lineBreak}}`.
#[wasm_bindgen]
pub fn constants() -> JsValue {
    to_js(&Constants {
        record_fields: RECORD_FIELDS,
        dropped: DROPPED,
        evidence: (0..)
            .map_while(Evidence::from_code)
            .map(|e| (evidence_key(e), e as u32))
            .collect(),
        tiers: crate::catalog::Tier::ALL
            .iter()
            .map(|&t| TierInfo {
                name: t.as_str(),
                label: crate::card::tier_label(t),
            })
            .collect(),
        elements: crate::elements::model().table(),
    })
}

#[derive(Deserialize)]
struct ListInput {
    name: String,
    text: String,
}

fn to_js<T: Serialize>(value: &T) -> JsValue {
    // Plain objects, not Maps, so the result is easy to use and to JSON.stringify.
    let s = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&s).unwrap_or(JsValue::NULL)
}

/// A scanning engine over the built-in catalog plus imported lists.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Engine {
    matcher: Matcher,
    input: Vec<u8>,
    document: DocumentScan,
}

#[derive(Serialize)]
struct EntitySummary<'a> {
    index: u32,
    id: &'a str,
    name: &'a str,
    name_zh: Option<&'a str>,
    name_zh_hant: Option<&'a str>,
    tier: &'static str,
    family: u32,
    list: &'a str,
    imported: bool,
}

#[derive(Serialize)]
struct Info<'a> {
    name: &'a str,
    version: &'a str,
    updated: Option<&'a str>,
    entities: usize,
    patterns: usize,
    automaton: String,
    memory: usize,
    lists: Vec<&'a str>,
}

#[wasm_bindgen]
impl Engine {
    /// Builds an engine from the built-in catalog and `lists`, an array of `{name, text}`.
    /// An invalid list throws `{list, errors: [{line, column, field, message}]}`.
    #[wasm_bindgen(constructor)]
    pub fn new(lists: JsValue) -> Result<Engine, JsValue> {
        let inputs: Vec<ListInput> = if lists.is_undefined() || lists.is_null() {
            Vec::new()
        } else {
            serde_wasm_bindgen::from_value(lists).map_err(|e| {
                lists_error(
                    crate::catalog::ErrorKind::Invalid,
                    format!("expected an array of {{name, text}}: {e}"),
                )
            })?
        };
        let mut catalogs: Vec<Catalog> = vec![builtin()];
        for l in &inputs {
            catalogs.push(parse_list(&l.text, &l.name).map_err(|e| to_js(&e))?);
        }
        // Too many aliases for one automaton: an error of the lists as a whole.
        let matcher = Matcher::new(catalogs)
            .map_err(|e| lists_error(crate::catalog::ErrorKind::Limit, e.to_string()))?;
        Ok(Engine {
            matcher,
            input: Vec::new(),
            document: DocumentScan::default(),
        })
    }

    /// A pointer to at least `bytes` bytes of WASM memory to write segments into. The pointer
    /// (and any view of WASM memory) is invalidated by the next call that allocates.
    pub fn input(&mut self, bytes: usize) -> *mut u8 {
        if self.input.len() < bytes {
            self.input.resize(bytes, 0);
        }
        self.input.as_mut_ptr()
    }

    /// Turns off the SIMD prefilter (tests compare both paths; benchmarks measure its effect).
    #[wasm_bindgen(js_name = disablePrefilter)]
    pub fn disable_prefilter(&mut self) {
        self.matcher.disable_prefilter();
    }

    /// Starts a new document: forgets which families earlier scans named.
    #[wasm_bindgen(js_name = resetDocument)]
    pub fn reset_document(&mut self) {
        self.document = DocumentScan::default();
    }

    /// Starts a document that has already said `facts` (what [`Engine::document_facts`]
    /// returned after scanning its earlier parts), so a stateless caller can scan a page in
    /// many calls, or one engine serve many pages.
    #[wasm_bindgen(js_name = setDocument)]
    pub fn set_document(&mut self, facts: &[u32]) {
        self.document = DocumentScan::from_facts(facts);
    }

    /// What the current document has said so far (families named in full, acronyms defined as
    /// something else), as opaque numbers for [`Engine::set_document`] and [`Engine::resolve`].
    #[wasm_bindgen(js_name = documentFacts)]
    pub fn document_facts(&self) -> Vec<u32> {
        self.document.facts()
    }

    /// Scans the segments written to the input buffer back to back, `lengths[i]` bytes each,
    /// as a part of the current document. Weak aliases are settled against what the document
    /// has said by the end of this call; unconfirmed ones are returned with evidence 4
    /// (pending) only if `keep_pending`.
    pub fn scan(&mut self, lengths: &[u32], keep_pending: bool) -> Vec<u32> {
        let total: usize = lengths.iter().map(|&l| l as usize).sum();
        let total = total.min(self.input.len());
        let mut out: Vec<u32> = Vec::new();
        let mut offsets: Vec<usize> = Vec::new();
        self.matcher.scan_packed(
            &mut self.document,
            &self.input[..total],
            lengths,
            keep_pending,
            |segment, text, matches| {
                offsets.clear();
                offsets.extend(matches.iter().flat_map(|m| [m.start, m.end]));
                to_utf16_offsets(text, &mut offsets);
                for (m, pair) in matches.iter().zip(offsets.chunks_exact(2)) {
                    let record: [u32; RECORD_FIELDS] = [
                        segment,
                        pair[0] as u32,
                        pair[1] as u32,
                        m.entity,
                        m.alias,
                        m.evidence as u32,
                    ];
                    out.extend(record);
                }
            },
        );
        out
    }

    /// Find first: where in the first `bytes` bytes of the input buffer (one text, e.g. a
    /// frame's `textContent`) a fingerprint of some alias starts, as ascending UTF-16 offsets,
    /// one per fingerprint occurrence. Raw candidates, a superset: no folding, boundary or context
    /// rule, so every match the exact scan can make over this text holds one. `[u32::MAX]`
    /// means "anywhere" (no prefilter for these aliases, or more than `max` candidates).
    pub fn candidates(&self, bytes: usize, max: usize) -> Vec<u32> {
        let text = &self.input[..bytes.min(self.input.len())];
        let Some(prefilter) = self.matcher.prefilter() else {
            return vec![u32::MAX];
        };
        let mut hits: Vec<usize> = Vec::new();
        let mut from = 0;
        while let Some(hit) = prefilter.find(text, from) {
            if hits.len() >= max {
                return vec![u32::MAX];
            }
            hits.push(hit);
            from = hit + 1;
        }
        to_utf16_offsets_bytes(text, &mut hits);
        hits.into_iter().map(|h| h as u32).collect()
    }

    /// The built-in prefilter's fingerprints as a JavaScript RegExp source (flags `gi`), or
    /// `null` without a prefilter: the same raw candidates for a script without the engine.
    #[wasm_bindgen(js_name = fingerprintPattern)]
    pub fn fingerprint_pattern(&self) -> Option<String> {
        self.matcher.prefilter().map(|p| p.js_pattern())
    }

    /// A page-level check's RegExp source (flags `i`) over every alias of this engine
    /// (`prefilter::page_pattern`: a whole uncommon word per alias, not the SIMD prefilter's
    /// rare trigram), or `null`: what content/gate.js looks for before it loads the engine.
    #[wasm_bindgen(js_name = pagePattern)]
    pub fn page_pattern(&self) -> Option<String> {
        crate::prefilter::page_pattern(self.matcher.alias_keys())
    }

    /// The characters a page-level check removes before it looks for [`Engine::page_pattern`]
    /// (a RegExp character class).
    #[wasm_bindgen(js_name = pageIgnored)]
    pub fn page_ignored(&self) -> String {
        crate::prefilter::PAGE_IGNORED.to_string()
    }

    /// Settles earlier matches against the current document: `records` holds three numbers
    /// per match (`entity, alias, evidence` as a scan returned them); the result holds one per
    /// match, its evidence now, [`DROPPED`] when the document rules it out.
    pub fn resolve(&self, records: &[u32]) -> Vec<u32> {
        records
            .chunks_exact(3)
            .map(|r| {
                let evidence = Evidence::from_code(r[2]);
                match evidence.and_then(|e| self.document.settle(&self.matcher, r[0], r[1], e)) {
                    Some(e) => e as u32,
                    None => DROPPED,
                }
            })
            .collect()
    }

    /// True when the current document has named `entity`'s family with a full name (to confirm
    /// pending weak matches kept from earlier calls).
    #[wasm_bindgen(js_name = familyNamed)]
    pub fn family_named(&self, entity: u32) -> bool {
        (entity as usize) < self.matcher.entity_count()
            && self
                .document
                .supports_family(&self.matcher, self.matcher.entity_ref(entity).family)
    }

    /// The card data of entity `entity` (see `card::Card`), or `null`.
    pub fn card(&self, entity: u32) -> JsValue {
        if (entity as usize) >= self.matcher.entity_count() {
            return JsValue::NULL;
        }
        to_js(&card(&self.matcher, entity))
    }

    /// The text of an entity's alias.
    #[wasm_bindgen(js_name = aliasText)]
    pub fn alias_text(&self, entity: u32, alias: u32) -> String {
        if (entity as usize) >= self.matcher.entity_count() {
            return String::new();
        }
        self.matcher.alias_text(entity, alias).to_string()
    }

    /// Every entity: `[{index, id, name, name_zh, name_zh_hant, tier, family, list, imported}]`.
    pub fn entities(&self) -> JsValue {
        let list: Vec<EntitySummary> = (0..self.matcher.entity_count() as u32)
            .map(|i| {
                let e = self.matcher.entity(i);
                let r = self.matcher.entity_ref(i);
                EntitySummary {
                    index: i,
                    id: &e.id,
                    name: &e.name,
                    name_zh: e.name_zh.as_deref(),
                    name_zh_hant: e.name_zh_hant.as_deref(),
                    tier: r.tier.as_str(),
                    family: r.family,
                    list: &self.matcher.catalog_of(i).name,
                    imported: r.catalog > 0,
                }
            })
            .collect();
        to_js(&list)
    }

    /// The built-in catalog's name, version and date, plus sizes.
    pub fn info(&self) -> JsValue {
        let c = &self.matcher.catalogs()[0];
        to_js(&Info {
            name: &c.name,
            version: &c.version,
            updated: c.updated.as_deref(),
            entities: self.matcher.entity_count(),
            patterns: self.matcher.pattern_count(),
            // Named by hand: `{:?}` would reach aho-corasick's Debug impls, which
            // scripts/wasm-stub.mjs stubs out of the shipped wasm.
            automaton: match self.matcher.automaton_kind() {
                aho_corasick::AhoCorasickKind::DFA => "DFA",
                aho_corasick::AhoCorasickKind::ContiguousNFA => "ContiguousNFA",
                _ => "NoncontiguousNFA",
            }
            .to_string(),
            memory: self.matcher.memory_usage(),
            lists: self
                .matcher
                .catalogs()
                .iter()
                .map(|c| c.name.as_str())
                .collect(),
        })
    }
}

/// Validates a list without building an engine: `null` when valid, else
/// `{list, errors: [{line, column, field, message}]}`.
#[wasm_bindgen(js_name = checkList)]
pub fn check_list(text: &str, name: &str) -> JsValue {
    match parse_list(text, name) {
        Ok(_) => JsValue::NULL,
        Err(e) => to_js(&e),
    }
}

/// Validates a list and says what the import read and left out: `{list, errors}` as
/// [`check_list`] when it is broken, else `{report: [{line, column, text}]}`, the lines
/// `bioflag check-list` prints.
#[wasm_bindgen(js_name = importReport)]
pub fn import_report(text: &str, name: &str) -> JsValue {
    #[derive(Serialize)]
    struct Report {
        report: Vec<crate::import::report::ReportLine>,
    }
    match import_list(text, name) {
        Ok(imported) => to_js(&Report {
            report: report(&imported),
        }),
        Err(e) => to_js(&e),
    }
}

/// An error of the `lists` argument as a whole (not of one list's text), thrown in the shape
/// every list error has, so callers read one format.
fn lists_error(kind: crate::catalog::ErrorKind, message: String) -> JsValue {
    to_js(&crate::catalog::ListErrors {
        list: "lists".into(),
        errors: vec![crate::catalog::ListError {
            line: 1,
            column: 1,
            field: String::new(),
            kind,
            message,
        }],
    })
}
