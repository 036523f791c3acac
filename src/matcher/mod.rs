//! The matcher: finds catalog aliases in text.
//!
//! Text is folded ([`crate::fold`]), scanned by one Aho-Corasick automaton over all aliases,
//! and every candidate is checked against the rules an automaton cannot express: word
//! boundaries, case for cased aliases, and support for weak aliases. Among the valid candidates
//! the leftmost-longest win, so "BGI Genomics" beats "BGI" and results never overlap.
//!
//! The automaton reports *all* (overlapping) candidates rather than leftmost-longest ones, so
//! that a longer candidate failing a check ("BGI Genomicsx") cannot hide a shorter valid one.

pub(crate) mod beside;
mod build_error;
pub(crate) mod capitals;
pub(crate) mod company;
mod context;
pub(crate) mod definition;
mod document;
pub(crate) mod patterns;
mod size;
#[cfg(test)]
mod tests;
pub(crate) mod variants;

pub(crate) use patterns::alias_text;
pub use patterns::{EntityRef, Pattern};

use crate::catalog::{Catalog, Entity};
use crate::fold::{is_word_char, Folded};
use crate::prefilter::Prefilter;
use crate::suffix;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
pub use build_error::BuildError;
use context::ContextWords;
pub use document::DocumentScan;
use patterns::PatternTable;
use std::collections::HashSet;

pub use size::DFA_MAX_BYTES;

/// Why a match was reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Evidence {
    /// A strong alias: the name itself.
    Strong = 0,
    /// A weak alias with a context word nearby ("BGI's sequencing lab").
    Context = 1,
    /// A weak alias in a segment that also names its family with a strong alias.
    Block = 2,
    /// A weak alias in a document that names its family with a strong alias elsewhere.
    Document = 3,
    /// A weak alias with no support seen yet; dropped by [`DocumentScan::resolve`] unless a
    /// later segment of the document names the family.
    Pending = 4,
}

impl Evidence {
    /// The evidence with this code (`evidence as u32`).
    pub fn from_code(code: u32) -> Option<Evidence> {
        [
            Evidence::Strong,
            Evidence::Context,
            Evidence::Block,
            Evidence::Document,
            Evidence::Pending,
        ]
        .into_iter()
        .find(|e| *e as u32 == code)
    }

    /// A short explanation for people. Support is needed by a short name ("BGI") and by a cased
    /// name on a line that capitalises every word ("COMPLETE GENOMICS WORKFLOW"), so only the
    /// context-word text says "short name": context words never confirm a cased name.
    pub fn describe(self) -> &'static str {
        match self {
            Evidence::Strong => "full name",
            Evidence::Context => "short name, with genomics context nearby",
            Evidence::Block => "confirmed by the company's full name in the same passage",
            Evidence::Document => "confirmed by the company's full name elsewhere on the page",
            Evidence::Pending => "not yet confirmed",
        }
    }
}

/// One match, with byte offsets into the original (unfolded) text of its segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub segment: u32,
    pub start: usize,
    pub end: usize,
    /// Global entity index (see [`Matcher::entity`]).
    pub entity: u32,
    /// Alias index within the entity (see [`alias_text`]).
    pub alias: u32,
    pub evidence: Evidence,
}

/// How many characters on each side of a weak alias context words count (120 characters of
/// Chinese are a paragraph, not 40 characters).
pub(crate) const CONTEXT_WINDOW: usize = 120;

/// The compiled matcher over one or more catalogs.
pub struct Matcher {
    catalogs: Vec<Catalog>,
    table: PatternTable,
    automaton: AhoCorasick,
    context: ContextWords,
    /// Skips segments that cannot contain any alias; `None` for large lists.
    prefilter: Option<Prefilter>,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("catalogs", &self.catalogs.len())
            .field("patterns", &self.table.patterns.len())
            .field("kind", &self.automaton.kind())
            .finish()
    }
}

impl Matcher {
    /// Builds a matcher over `catalogs` (the built-in one first, then imported lists), as
    /// [`crate::catalog::parse_catalog`] or [`crate::import::import_list`] returned them. Fails
    /// only when the aliases are too many for one automaton.
    pub fn new(catalogs: Vec<Catalog>) -> Result<Matcher, BuildError> {
        let mut table = PatternTable::default();
        for (i, c) in catalogs.iter().enumerate() {
            table.add_catalog(i, c);
        }
        // A DFA scans fastest; it is built only while its table stays small (see `size`).
        let kind = if size::dfa_bytes(&table.texts) <= DFA_MAX_BYTES {
            AhoCorasickKind::DFA
        } else {
            AhoCorasickKind::ContiguousNFA
        };
        let automaton = AhoCorasick::builder()
            .kind(Some(kind))
            .match_kind(MatchKind::Standard)
            .build(&table.texts)
            .map_err(|e| BuildError::new(table.texts.len(), e))?;
        let context = ContextWords::new(&table.words);
        let prefilter = Prefilter::new(table.texts.iter().map(String::as_str));
        Ok(Matcher {
            catalogs,
            table,
            automaton,
            context,
            prefilter,
        })
    }

    /// A matcher over the built-in catalog only. Its size is fixed and tested, so failing here
    /// is a build bug, as for [`crate::catalog::builtin`].
    pub fn builtin() -> Matcher {
        Matcher::new(vec![crate::catalog::builtin()])
            .unwrap_or_else(|e| panic!("the built-in catalog does not build: {e}"))
    }

    /// The loaded catalogs, in the order given.
    pub fn catalogs(&self) -> &[Catalog] {
        &self.catalogs
    }

    /// Number of entities over all catalogs.
    pub fn entity_count(&self) -> usize {
        self.table.entities.len()
    }

    /// Number of patterns in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.table.patterns.len()
    }

    /// The automaton kind chosen (`DFA` or `ContiguousNFA`), for diagnostics and benchmarks.
    pub fn automaton_kind(&self) -> AhoCorasickKind {
        self.automaton.kind()
    }

    /// Heap memory used by the automata.
    pub fn memory_usage(&self) -> usize {
        self.automaton.memory_usage() + self.context.memory_usage()
    }

    /// Where global entity `i` lives, plus its family and tier.
    pub fn entity_ref(&self, i: u32) -> &EntityRef {
        &self.table.entities[i as usize]
    }

    /// The catalog entry of global entity `i`.
    pub fn entity(&self, i: u32) -> &Entity {
        let r = &self.table.entities[i as usize];
        &self.catalogs[r.catalog].entities[r.index]
    }

    /// The catalog global entity `i` comes from.
    pub fn catalog_of(&self, i: u32) -> &Catalog {
        &self.catalogs[self.table.entities[i as usize].catalog]
    }

    /// Global index of the entity with this id (first catalog that has it).
    pub fn find_entity(&self, id: &str) -> Option<u32> {
        self.table
            .entities
            .iter()
            .position(|r| self.catalogs[r.catalog].entities[r.index].id == id)
            .map(|i| i as u32)
    }

    /// The text of alias `alias` of global entity `entity`.
    pub fn alias_text(&self, entity: u32, alias: u32) -> &str {
        let r = &self.table.entities[entity as usize];
        alias_text(&self.catalogs[r.catalog], r.index, alias)
    }

    /// Every pattern with its matched (folded, suffix-free) text.
    pub fn patterns(&self) -> impl Iterator<Item = (&str, &Pattern)> {
        self.table
            .texts
            .iter()
            .map(String::as_str)
            .zip(&self.table.patterns)
    }

    /// The pattern of alias `alias` of global entity `entity` (none for an alias that folds to
    /// nothing or repeats another).
    pub(crate) fn pattern_of(&self, entity: u32, alias: u32) -> Option<&Pattern> {
        self.table
            .by_alias
            .get(&(entity, alias))
            .map(|&i| &self.table.patterns[i])
    }

    /// Pattern `i` (a [`Pattern::key`] is one).
    pub(crate) fn pattern(&self, i: u32) -> Option<&Pattern> {
        self.table.patterns.get(i as usize)
    }

    /// Scans a whole document given as segments of text; weak matches are resolved against the
    /// whole document.
    pub fn scan_document<'a>(&self, segments: impl IntoIterator<Item = &'a str>) -> Vec<Match> {
        let mut doc = DocumentScan::default();
        let mut out = Vec::new();
        for (i, s) in segments.into_iter().enumerate() {
            self.scan_segment(&mut doc, i as u32, s, &mut out);
        }
        doc.resolve(self, &mut out);
        out
    }

    /// Scans one text as one document with one segment.
    pub fn scan_text(&self, text: &str) -> Vec<Match> {
        self.scan_document([text])
    }

    /// Scans one segment of a document, appending its matches (weak ones possibly
    /// [`Evidence::Pending`]) to `out`, in order.
    pub fn scan_segment(
        &self,
        doc: &mut DocumentScan,
        segment: u32,
        text: &str,
        out: &mut Vec<Match>,
    ) {
        if self.might_match_bytes(text.as_bytes()) {
            self.scan_segment_unfiltered(doc, segment, text, out);
        }
    }

    /// [`Matcher::scan_segment`] for a segment the caller already ran through
    /// [`Matcher::might_match_bytes`].
    pub(crate) fn scan_segment_unfiltered(
        &self,
        doc: &mut DocumentScan,
        segment: u32,
        text: &str,
        out: &mut Vec<Match>,
    ) {
        let mut folded = std::mem::take(&mut doc.folded);
        folded.fold_from(text);
        self.scan_folded(doc, segment, text, &folded, out);
        doc.folded = folded;
    }

    /// Scans many segments written back to back into `bytes` (not yet validated as UTF-8),
    /// `lengths[i]` bytes each, as one part of a document, and calls `on_segment` with each
    /// segment that has matches (its index, its text, its matches). Weak matches are settled
    /// against what the document has said by the end of the part ([`DocumentScan::settle`]);
    /// unconfirmed ones are kept as [`Evidence::Pending`] only if `keep_pending`.
    ///
    /// Most segments name nobody: one prefilter pass over the whole buffer jumps to the next
    /// segment that may name somebody, rather than a call and a scalar tail per segment.
    pub fn scan_packed(
        &self,
        doc: &mut DocumentScan,
        bytes: &[u8],
        lengths: &[u32],
        keep_pending: bool,
        mut on_segment: impl FnMut(u32, &str, &[Match]),
    ) {
        let mut found: Vec<(u32, std::ops::Range<usize>, Vec<Match>)> = Vec::new();
        let (mut segment, mut start) = (0usize, 0usize);
        while let Some(hit) = self.next_candidate(bytes, start) {
            while segment < lengths.len() && start + lengths[segment] as usize <= hit {
                start += lengths[segment] as usize;
                segment += 1;
            }
            if segment == lengths.len() {
                break;
            }
            let end = (start + lengths[segment] as usize).min(bytes.len());
            let this = segment;
            let raw = &bytes[start..end];
            (segment, start) = (segment + 1, end);
            let text = String::from_utf8_lossy(raw);
            let mut matches = Vec::new();
            self.scan_segment_unfiltered(doc, this as u32, &text, &mut matches);
            if !matches.is_empty() {
                found.push((this as u32, start - raw.len()..start, matches));
            }
        }
        // Settled once the whole part is scanned: a definition or a full name after a match
        // counts as much as one before it.
        for (segment, range, mut matches) in found {
            matches.retain_mut(|m| match doc.settle(self, m.entity, m.alias, m.evidence) {
                Some(Evidence::Pending) if !keep_pending => false,
                Some(e) => {
                    m.evidence = e;
                    true
                }
                None => false,
            });
            if !matches.is_empty() {
                on_segment(segment, &String::from_utf8_lossy(&bytes[range]), &matches);
            }
        }
    }

    /// Whether segments are prefiltered (the built-in catalog and small lists are).
    pub fn has_prefilter(&self) -> bool {
        self.prefilter.is_some()
    }

    /// False when `text` certainly contains no alias (the prefilter's verdict; always true
    /// without one).
    pub fn might_match(&self, text: &str) -> bool {
        self.might_match_bytes(text.as_bytes())
    }

    /// [`Matcher::might_match`] on UTF-8 bytes not yet validated.
    pub(crate) fn might_match_bytes(&self, text: &[u8]) -> bool {
        self.prefilter.as_ref().is_none_or(|p| p.might_match(text))
    }

    /// Where in `bytes` (many segments back to back, not yet validated) the next segment worth
    /// scanning may start, from `from` on: the prefilter's next fingerprint, or `from` itself
    /// without a prefilter; `None` when nothing from `from` on can name anybody.
    pub(crate) fn next_candidate(&self, bytes: &[u8], from: usize) -> Option<usize> {
        match &self.prefilter {
            Some(p) => p.find(bytes, from),
            None => (from < bytes.len()).then_some(from),
        }
    }

    /// Every alias's pattern text (as the automaton holds it).
    pub fn alias_keys(&self) -> impl Iterator<Item = &str> {
        self.table.texts.iter().map(String::as_str)
    }

    /// The prefilter, when the aliases have one (the built-in catalog and small lists do).
    pub fn prefilter(&self) -> Option<&Prefilter> {
        self.prefilter.as_ref()
    }

    /// Turns the prefilter off (benchmarks and tests compare both paths).
    pub fn disable_prefilter(&mut self) {
        self.prefilter = None;
    }

    fn scan_folded(
        &self,
        doc: &mut DocumentScan,
        segment: u32,
        text: &str,
        folded: &Folded,
        out: &mut Vec<Match>,
    ) {
        let selected = self.select(folded, text);
        if selected.is_empty() {
            return;
        }
        // Which matches need support: weak aliases, and cased ones where capitals say nothing
        // (a Title-Case heading, an all-capitals line).
        let needs_support: Vec<bool> = selected
            .iter()
            .map(|c| {
                let p = &self.table.patterns[c.pattern];
                // A legal form after it ("COMPLETE GENOMICS, INC.") says it is the company.
                let suffixed = c.end - c.start > self.table.texts[c.pattern].len();
                p.weak
                    || p.cased
                        && !suffixed
                        && capitals::uninformative(
                            text,
                            folded.original_start(c.start),
                            folded.original_end(text, c.end),
                        )
            })
            .collect();
        // "Vietnam's Ministry of Public Security's Institute of Forensic Science" is Vietnam's:
        // not a match, and no name of the family for the segment.
        let elsewhere: Vec<bool> = selected
            .iter()
            .map(|c| {
                self.table.patterns[c.pattern]
                    .public_body_of
                    .as_deref()
                    .is_some_and(|own| {
                        beside::other_country_beside(&folded.text, c.start, c.end, own)
                    })
            })
            .collect();
        let block_families: HashSet<u32> = selected
            .iter()
            .zip(&needs_support)
            .zip(&elsewhere)
            .filter(|((_, &needs), &elsewhere)| !needs && !elsewhere)
            .map(|(x, _)| x)
            .map(|(c, _)| {
                self.table.entities[self.table.patterns[c.pattern].entity as usize].family
            })
            .collect();
        let all_need_support: &[bool] = &needs_support;
        for ((c, &needs_support), _) in selected
            .iter()
            .zip(&needs_support)
            .zip(&elsewhere)
            .filter(|(_, &elsewhere)| !elsewhere)
        {
            let p = &self.table.patterns[c.pattern];
            let family = self.table.entities[p.entity as usize].family;
            // "McKinsey Global Institute (MGI)": this acronym is something else in this
            // document. A definition by the entity's own name ("MGI Tech (MGI)") is a mention.
            if p.weak {
                if let Some((lo, hi)) = definition::long_form(folded, text, c.start, c.end) {
                    let own = selected.iter().any(|o| {
                        let q = &self.table.patterns[o.pattern];
                        !q.weak
                            && o.start < hi
                            && o.end > lo
                            && self.table.entities[q.entity as usize].family == family
                    });
                    if !own {
                        doc.redefine(p.key);
                        continue;
                    }
                }
            }
            // Words that veto an alias ("airport" near "BGI") and, for weak aliases, words that
            // confirm it; looked up only for the few patterns that have any.
            let near = if needs_support || !p.exclude.is_empty() {
                self.context
                    .near(&folded.text, c.start, c.end, CONTEXT_WINDOW)
            } else {
                Vec::new()
            };
            if near.iter().any(|w| p.exclude.contains(w)) {
                continue;
            }

            // Context words confirm a weak alias; a cased one in capitals has only its family
            // (words of the field are no evidence for "Complete Genomics", a phrase of the field).
            // Another family's entity named in full nearby ("WuXi AppTec and MGI") is context of
            // the field, as a field word is; for a weak alias only (not a phrase of the field).
            let named_nearby = || {
                let (lo, hi) = context::window_around(&folded.text, c.start, c.end, CONTEXT_WINDOW);
                selected.iter().zip(all_need_support).zip(&elsewhere).any(
                    |((o, &o_needs), &o_elsewhere)| {
                        !o_needs
                            && !o_elsewhere
                            && self.table.entities[self.table.patterns[o.pattern].entity as usize]
                                .family
                                != family
                            && o.start < hi
                            && o.end > lo
                    },
                )
            };
            let evidence = if !needs_support {
                Evidence::Strong
            } else if near.iter().any(|w| p.confirm.contains(w)) || p.weak && named_nearby() {
                doc.confirm(c.pattern as u32);
                Evidence::Context
            } else if block_families.contains(&family) {
                Evidence::Block
            } else if doc.supports_family(self, family) {
                Evidence::Document
            } else {
                Evidence::Pending
            };
            out.push(Match {
                segment,
                start: folded.original_start(c.start),
                end: folded.original_end(text, c.end),
                entity: p.entity,
                alias: p.alias,
                evidence,
            });
        }
        for f in block_families {
            doc.name_family(f);
        }
    }

    /// Valid, non-overlapping, leftmost-longest candidates in folded text, suffixes included.
    fn select(&self, folded: &Folded, original: &str) -> Vec<Candidate> {
        let text = folded.text.as_str();
        let mut candidates: Vec<Candidate> = self
            .automaton
            .find_overlapping_iter(text)
            .map(|m| Candidate {
                pattern: m.pattern().as_usize(),
                start: m.start(),
                end: m.end(),
            })
            .filter(|c| self.is_valid(folded, original, c))
            .collect();
        if candidates.is_empty() {
            return candidates;
        }
        // Leftmost first, then longest, then the first-loaded catalog's pattern.
        candidates.sort_unstable_by_key(|c| (c.start, usize::MAX - c.end, c.pattern));
        let mut selected: Vec<Candidate> = Vec::new();
        for c in candidates {
            if selected.last().is_none_or(|last| c.start >= last.end) {
                selected.push(c);
            }
        }
        // Include a following legal form ("Co., Ltd."), never running into the next match.
        for i in 0..selected.len() {
            let limit = selected.get(i + 1).map_or(text.len(), |n| n.start);
            let end = suffix::extend(text, selected[i].end);
            if end <= limit {
                selected[i].end = end;
            }
        }
        selected
    }

    fn is_valid(&self, folded: &Folded, original: &str, c: &Candidate) -> bool {
        let p = &self.table.patterns[c.pattern];
        let text = folded.text.as_str();
        if p.boundary_start
            && text[..c.start]
                .chars()
                .next_back()
                .is_some_and(is_word_char)
        {
            return false;
        }
        if p.boundary_end && text[c.end..].chars().next().is_some_and(is_word_char) {
            return false;
        }
        let cjk_end = self.table.texts[c.pattern]
            .chars()
            .last()
            .is_some_and(crate::fold::is_unspaced_script);
        if cjk_end && company::continues_into_company(text, c.end) {
            return false;
        }
        if p.cased {
            let span =
                &original[folded.original_start(c.start)..folded.original_end(original, c.end)];
            if !case_matches(span, &p.written) {
                return false;
            }
        }
        true
    }
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    pattern: usize,
    start: usize,
    end: usize,
}

/// Letters of `s`, fullwidth forms as ASCII.
fn letters(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| c.is_alphabetic()).map(|c| match c {
        '\u{FF21}'..='\u{FF5A}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        c => c,
    })
}

/// True when `span` has the letters of `written` in the same case, or is all upper case
/// (headlines, tables).
fn case_matches(span: &str, written: &str) -> bool {
    letters(span).eq(letters(written)) || letters(span).all(|c| !c.is_lowercase())
}
