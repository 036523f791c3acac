//! Turning catalogs into the pattern table the automaton is built from.

use super::variants;
use crate::catalog::{alias_key, Alias, Catalog, Tier};
use crate::fold::{fold_pattern, is_word_char};
use std::collections::HashMap;

/// One entity of any loaded catalog, with what scanning needs to know about it.
#[derive(Debug, Clone)]
pub struct EntityRef {
    /// Which catalog (0 = built-in when loaded first).
    pub catalog: usize,
    /// Index in that catalog's `entities`.
    pub index: usize,
    /// Global index of the family's root entity (for weak-alias support).
    pub family: u32,
    pub tier: Tier,
}

/// One pattern in the automaton.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// Global entity index.
    pub entity: u32,
    /// Alias index within the entity: `0..aliases.len()` are its aliases, then the name, then
    /// the Chinese name (see [`alias_text`]).
    pub alias: u32,
    pub weak: bool,
    /// The index of the first pattern with this text: what an acronym definition is about
    /// ("MGI" in any catalog).
    pub key: u32,
    /// Match only as written or in all caps (weak aliases always are).
    pub cased: bool,
    /// The alias text as written in the catalog, for the `cased` check.
    pub written: String,
    /// Require a word boundary before / after (Latin-like first / last character).
    pub boundary_start: bool,
    pub boundary_end: bool,
    /// Context-word ids that confirm a weak alias, and ids that veto any alias nearby.
    pub confirm: Vec<u32>,
    pub exclude: Vec<u32>,
    /// For a public body's name (see [`super::beside`]), its country: another one right
    /// beside the match rules it out.
    pub public_body_of: Option<String>,
}

/// The alias text behind an alias index (see [`Pattern::alias`]).
pub(crate) fn alias_text(catalog: &Catalog, entity: usize, alias: u32) -> &str {
    let e = &catalog.entities[entity];
    let a = alias as usize;
    if a < e.aliases.len() {
        &e.aliases[a].text
    } else if a == e.aliases.len() {
        &e.name
    } else {
        e.name_zh.as_deref().unwrap_or(&e.name)
    }
}

/// Everything the automata are built from.
#[derive(Debug, Default)]
pub(crate) struct PatternTable {
    pub entities: Vec<EntityRef>,
    /// Folded pattern texts, parallel to `patterns`.
    pub texts: Vec<String>,
    pub patterns: Vec<Pattern>,
    /// Folded context and exclude words; their index is their id.
    pub words: Vec<String>,
    word_ids: HashMap<String, u32>,
    /// Pattern index by (global entity, alias index).
    pub by_alias: HashMap<(u32, u32), usize>,
    /// First pattern index by text.
    first_by_text: HashMap<String, u32>,
}

impl PatternTable {
    fn word_id(&mut self, word: &str) -> Option<u32> {
        let folded = fold_pattern(word);
        if folded.is_empty() {
            return None;
        }
        if let Some(&id) = self.word_ids.get(&folded) {
            return Some(id);
        }
        let id = self.words.len() as u32;
        self.words.push(folded.clone());
        self.word_ids.insert(folded, id);
        Some(id)
    }

    /// Adds every entity and alias of `catalog`.
    pub(crate) fn add_catalog(&mut self, catalog_index: usize, catalog: &Catalog) {
        let base = self.entities.len() as u32;
        let default_context: Vec<u32> = catalog
            .context_words
            .iter()
            .filter_map(|w| self.word_id(w))
            .collect();
        for (i, e) in catalog.entities.iter().enumerate() {
            let entity = base + i as u32;
            self.entities.push(EntityRef {
                catalog: catalog_index,
                index: i,
                family: base + catalog.family_root(i) as u32,
                tier: e.tier,
            });
            let public_body_of = super::beside::is_public_body(e)
                .then(|| e.country.clone())
                .flatten();
            for EntityForm {
                alias_index: j,
                alias,
                form,
                key: key_text,
            } in entity_forms(catalog, e)
            {
                let mut confirm: Vec<u32> = Vec::new();
                if form.weak {
                    confirm.extend(&default_context);
                    confirm.extend(form.context.iter().filter_map(|w| self.word_id(w)));
                }
                let exclude = alias
                    .exclude
                    .iter()
                    .filter_map(|w| self.word_id(w))
                    .collect();
                let index = self.patterns.len();
                let key = *self
                    .first_by_text
                    .entry(key_text.clone())
                    .or_insert(index as u32);
                self.by_alias.entry((entity, j)).or_insert(index);
                self.patterns.push(Pattern {
                    entity,
                    alias: j,
                    weak: form.weak,
                    key,
                    cased: alias.cased || form.weak,
                    written: form.written.clone(),
                    boundary_start: key_text.chars().next().is_some_and(is_word_char),
                    boundary_end: key_text.chars().last().is_some_and(is_word_char),
                    confirm,
                    exclude,
                    public_body_of: public_body_of.clone(),
                });
                self.texts.push(key_text);
            }
        }
    }
}

/// One pattern's worth of an entity: which alias it comes from, the form written, and its key.
pub(crate) struct EntityForm {
    /// Alias index as in [`Pattern::alias`].
    pub alias_index: u32,
    pub alias: Alias,
    pub form: variants::Form,
    /// Folded text that must occur: the legal form removed, unless the alias is full-form only.
    pub key: String,
}

/// Every form of every alias of `e`, in priority order, each key once: the explicit aliases
/// first (when the name folds to one of them, its flags win), then the name and the Chinese
/// name, which are only matched when 3 characters or longer. The matcher and the reference
/// matcher both take their patterns from here.
pub(crate) fn entity_forms(catalog: &Catalog, e: &crate::catalog::Entity) -> Vec<EntityForm> {
    let implicit = [Alias::strong(e.name.clone())]
        .into_iter()
        .chain(e.name_zh.clone().map(Alias::strong));
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (j, alias) in e.aliases.iter().cloned().chain(implicit).enumerate() {
        // An implicit name too short to be safe is not matched on its own.
        if j >= e.aliases.len() && alias_key(&alias.text).chars().count() < 3 {
            continue;
        }
        for form in variants::forms(catalog, e, &alias) {
            let stripped = alias_key(&form.written);
            if stripped.is_empty() || seen.contains(&stripped) {
                continue;
            }
            seen.push(stripped.clone());
            // A full-form alias is matched with its legal form; the name, whose key is the
            // same, is skipped above like any name an alias covers.
            let key = if alias.full_form {
                fold_pattern(&form.written)
            } else {
                stripped
            };
            out.push(EntityForm {
                alias_index: j as u32,
                alias: alias.clone(),
                form,
                key,
            });
        }
    }
    out
}
