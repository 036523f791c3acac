//! Document state and the one rule that decides weak aliases against it.
//!
//! A weak alias ("BGI", "MGI") found in a block is kept with the support found there: a context
//! word nearby ([`Evidence::Context`]), its family's full name in the block
//! ([`Evidence::Block`]), or none yet ([`Evidence::Pending`]). What the rest of the document
//! says can still change that: its family named in full elsewhere confirms it
//! ([`Evidence::Document`]); the acronym defined as something else anywhere ("McKinsey Global
//! Institute (MGI)") rules it out everywhere. [`DocumentScan::settle`] is that rule, and every
//! front end (the library's [`Matcher::scan_document`], the CLI, the WASM engine and through it
//! the extension) applies it and nothing else.
//!
//! The state is a set of *facts* that only grows, so the verdict on a match depends only on the
//! match and on everything the document says, not on the order or the batches in which its
//! blocks were scanned. Facts cross the WASM boundary as plain numbers ([`DocumentScan::facts`],
//! [`DocumentScan::from_facts`]): a stateless engine serving many pages keeps no page's state.

use super::{Evidence, Matcher};
use crate::fold::Folded;
use std::collections::BTreeSet;

/// A fact is a kind in the top four bits and a value below.
const KIND_SHIFT: u32 = 28;
const VALUE_MASK: u32 = (1 << KIND_SHIFT) - 1;
/// The family (its root entity's global index) was named with a strong alias.
const FAMILY_NAMED: u32 = 1;
/// The acronym (the pattern index of its first alias with that text) was defined as something
/// other than any of the entity's names.
const ACRONYM_REDEFINED: u32 = 2;
/// A weak alias (its pattern index) was confirmed by a context word: its family counts as
/// named unless its acronym is defined as something else.
const ACRONYM_CONFIRMED: u32 = 3;

/// What a document has said so far: which families it named in full, which acronyms it defined
/// as something else; plus a folding buffer reused from block to block.
#[derive(Debug, Default, Clone)]
pub struct DocumentScan {
    facts: BTreeSet<u32>,
    pub(super) folded: Folded,
}

impl DocumentScan {
    /// A document that has said `facts` (from [`DocumentScan::facts`], in any order; unknown
    /// kinds are ignored).
    pub fn from_facts(facts: &[u32]) -> DocumentScan {
        DocumentScan {
            facts: facts
                .iter()
                .copied()
                .filter(|f| {
                    matches!(
                        f >> KIND_SHIFT,
                        FAMILY_NAMED | ACRONYM_REDEFINED | ACRONYM_CONFIRMED
                    )
                })
                .collect(),
            folded: Folded::default(),
        }
    }

    /// Everything the document has said so far, sorted.
    pub fn facts(&self) -> Vec<u32> {
        self.facts.iter().copied().collect()
    }

    fn has(&self, kind: u32, value: u32) -> bool {
        self.facts
            .contains(&(kind << KIND_SHIFT | (value & VALUE_MASK)))
    }

    fn add(&mut self, kind: u32, value: u32) {
        self.facts.insert(kind << KIND_SHIFT | (value & VALUE_MASK));
    }

    /// True when the document named `family` with a strong alias.
    pub(crate) fn names_family(&self, family: u32) -> bool {
        self.has(FAMILY_NAMED, family)
    }

    pub(super) fn name_family(&mut self, family: u32) {
        self.add(FAMILY_NAMED, family);
    }

    /// True when the document defined acronym `key` as something else.
    pub(crate) fn redefines(&self, key: u32) -> bool {
        self.has(ACRONYM_REDEFINED, key)
    }

    pub(super) fn redefine(&mut self, key: u32) {
        self.add(ACRONYM_REDEFINED, key);
    }

    pub(super) fn confirm(&mut self, pattern: u32) {
        self.add(ACRONYM_CONFIRMED, pattern);
    }

    /// True when the document named `family`: with a strong alias, or with a weak one a
    /// context word confirmed and that the document does not define as something else.
    pub(crate) fn supports_family(&self, matcher: &Matcher, family: u32) -> bool {
        self.names_family(family)
            || self
                .facts
                .range(ACRONYM_CONFIRMED << KIND_SHIFT..(ACRONYM_CONFIRMED + 1) << KIND_SHIFT)
                .map(|f| f & VALUE_MASK)
                .any(|pattern| {
                    matcher.pattern(pattern).is_some_and(|p| {
                        !self.redefines(p.key) && matcher.entity_ref(p.entity).family == family
                    })
                })
    }

    /// The rule: the evidence a match of alias `alias` of `entity`, found with `evidence`,
    /// has in this document; `None` when the document rules it out. A weak match with no
    /// support yet stays [`Evidence::Pending`] (a later block may still name its family).
    /// Settling twice gives the same answer, and more facts never revive a dropped match.
    pub fn settle(
        &self,
        matcher: &Matcher,
        entity: u32,
        alias: u32,
        evidence: Evidence,
    ) -> Option<Evidence> {
        if evidence == Evidence::Strong {
            return Some(evidence);
        }
        let pattern = matcher.pattern_of(entity, alias)?;
        if self.redefines(pattern.key) {
            return None;
        }
        Some(match evidence {
            Evidence::Context | Evidence::Block => evidence,
            _ if self.supports_family(matcher, matcher.entity_ref(entity).family) => {
                Evidence::Document
            }
            _ => Evidence::Pending,
        })
    }

    /// Settles `matches` against the whole document: drops the ruled out and the still
    /// pending, confirms the rest.
    pub fn resolve(&self, matcher: &Matcher, matches: &mut Vec<super::Match>) {
        matches.retain_mut(
            |m| match self.settle(matcher, m.entity, m.alias, m.evidence) {
                Some(Evidence::Pending) | None => false,
                Some(e) => {
                    m.evidence = e;
                    true
                }
            },
        );
    }
}
