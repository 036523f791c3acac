//! The JavaScript API (the only module that knows about wasm-bindgen).
//!
//! Text crosses the boundary without a per-call copy through `&str`: JavaScript asks for a
//! buffer in WASM memory ([`Engine::input`]), writes the UTF-8 of many text segments into it
//! with `TextEncoder.encodeInto`, and passes their byte lengths to [`Engine::scan`], which
//! returns one flat `Uint32Array`, six numbers per match:
//! `segment, start, end, entity, alias, evidence` — `start`/`end` in UTF-16 code units within
//! the segment (DOM offsets), `evidence` an [`Evidence`] code.

use crate::card::card;
use crate::catalog::{builtin, Catalog};
use crate::import::parse_list;
use crate::matcher::{DocumentScan, Evidence, Matcher};
use crate::utf16::to_utf16_offsets;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// Numbers per match in [`Engine::scan`]'s result.
pub const FIELDS_PER_MATCH: usize = 6;

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
                to_js(&crate::catalog::ListErrors {
                    list: "lists".into(),
                    errors: vec![crate::catalog::ListError {
                        line: 1,
                        column: 1,
                        field: String::new(),
                        message: format!("expected an array of {{name, text}}: {e}"),
                    }],
                })
            })?
        };
        let mut catalogs: Vec<Catalog> = vec![builtin()];
        for l in &inputs {
            catalogs.push(parse_list(&l.text, &l.name).map_err(|e| to_js(&e))?);
        }
        Ok(Engine {
            matcher: Matcher::new(catalogs),
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

    /// Scans the segments written to the input buffer back to back, `lengths[i]` bytes each.
    /// Weak aliases are confirmed by context, by their family's full name in the same segment,
    /// in this call, or in earlier calls since [`Engine::reset_document`]; unconfirmed ones are
    /// returned with evidence 4 (pending) only if `keep_pending`.
    pub fn scan(&mut self, lengths: &[u32], keep_pending: bool) -> Vec<u32> {
        let total: usize = lengths.iter().map(|&l| l as usize).sum();
        let total = total.min(self.input.len());
        let bytes = &self.input[..total];
        let mut out: Vec<u32> = Vec::new();
        let mut matches = Vec::new();
        let mut offsets: Vec<usize> = Vec::new();
        // Most blocks name nobody: one prefilter pass over the whole buffer (raw bytes, before
        // validation) jumps to the next block that may name somebody, rather than a call and
        // a scalar tail per block.
        let (mut segment, mut start) = (0usize, 0usize);
        while let Some(hit) = self.matcher.next_candidate(bytes, start) {
            while segment < lengths.len() && start + lengths[segment] as usize <= hit {
                start += lengths[segment] as usize;
                segment += 1;
            }
            if segment == lengths.len() {
                break;
            }
            let end = (start + lengths[segment] as usize).min(total);
            let raw = &bytes[start..end];
            let this = segment;
            (segment, start) = (segment + 1, end);
            // encodeInto always writes valid UTF-8; check anyway rather than trust the caller.
            let text = match std::str::from_utf8(raw) {
                Ok(t) => std::borrow::Cow::Borrowed(t),
                Err(_) => String::from_utf8_lossy(raw),
            };
            matches.clear();
            self.matcher.scan_segment_unfiltered(
                &mut self.document,
                this as u32,
                &text,
                &mut matches,
            );
            if matches.is_empty() {
                continue;
            }
            offsets.clear();
            offsets.extend(matches.iter().flat_map(|m| [m.start, m.end]));
            to_utf16_offsets(&text, &mut offsets);
            for (m, pair) in matches.iter().zip(offsets.chunks_exact(2)) {
                out.extend([
                    this as u32,
                    pair[0] as u32,
                    pair[1] as u32,
                    m.entity,
                    m.alias,
                    m.evidence as u32,
                ]);
            }
        }
        // Pending weak matches of families named later in this call are confirmed now.
        let mut i = 0;
        while i < out.len() {
            if out[i + 5] == Evidence::Pending as u32 {
                let family = self.matcher.entity_ref(out[i + 3]).family;
                if self.document.names_family(family) {
                    out[i + 5] = Evidence::Document as u32;
                } else if !keep_pending {
                    out.drain(i..i + FIELDS_PER_MATCH);
                    continue;
                }
            }
            i += FIELDS_PER_MATCH;
        }
        out
    }

    /// True when the current document has named `entity`'s family with a full name (to confirm
    /// pending weak matches kept from earlier calls).
    #[wasm_bindgen(js_name = familyNamed)]
    pub fn family_named(&self, entity: u32) -> bool {
        (entity as usize) < self.matcher.entity_count()
            && self
                .document
                .names_family(self.matcher.entity_ref(entity).family)
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

    /// Every entity: `[{index, id, name, name_zh, tier, family, list, imported}]`.
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
