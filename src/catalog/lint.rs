//! Checks a parsed catalog or list the way Dark Reader lints its data files: every reference
//! resolves, ids are well-formed, dates and URLs are valid, and no alias is ambiguous.

use super::error::ErrorKind;
use super::model::{Catalog, OfficialList, Tier};
use super::validate::{is_https_url, is_iso_date, is_kebab_id};
use crate::catalog::alias_key;
use crate::fold::fold_pattern;
use std::collections::{HashMap, HashSet};

/// The built-in catalog is held to editorial rules (sorted, every source used, tiers consistent
/// with designations); imported lists only to what matching and display need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    Curated,
    Imported,
}

/// Longest alias, in characters.
pub const MAX_ALIAS_CHARS: usize = 200;
/// Most aliases on one entity.
pub const MAX_ALIASES_PER_ENTITY: usize = 1000;
/// Most entities in one list.
pub const MAX_ENTITIES: usize = 500_000;
/// Longest context or exclude word, in characters.
pub const MAX_WORD_CHARS: usize = 40;
/// Most distinct context and exclude words in one list (its `context_words` and every alias's
/// `context` and `exclude`). They make one automaton, always a DFA: 5,000 words of 200
/// characters took 285 MB and 3 s to build; a 64 MB list of them would need gigabytes.
pub const MAX_WORDS: usize = 1000;

/// One lint finding: which element (to locate it), the field path, its kind (a rule broken, or
/// a limit exceeded) and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub entity: Option<usize>,
    pub source: Option<usize>,
    pub list: Option<usize>,
    pub field: String,
    pub kind: ErrorKind,
    pub message: String,
}

struct Linter {
    problems: Vec<Problem>,
}

impl Linter {
    fn entity(&mut self, i: usize, field: String, message: String) {
        self.problems.push(Problem {
            entity: Some(i),
            source: None,
            list: None,
            field,
            kind: ErrorKind::Invalid,
            message,
        });
    }
    fn source(&mut self, i: usize, field: String, message: String) {
        self.problems.push(Problem {
            entity: None,
            source: Some(i),
            list: None,
            field,
            kind: ErrorKind::Invalid,
            message,
        });
    }
    fn list(&mut self, i: usize, field: String, message: String) {
        self.problems.push(Problem {
            entity: None,
            source: None,
            list: Some(i),
            field,
            kind: ErrorKind::Invalid,
            message,
        });
    }
    fn top(&mut self, field: &str, message: String) {
        self.problems.push(Problem {
            entity: None,
            source: None,
            list: None,
            field: field.into(),
            kind: ErrorKind::Invalid,
            message,
        });
    }
    /// A limit exceeded, at entity `at` or at the top of the list.
    fn limit(&mut self, at: Option<usize>, field: String, message: String) {
        self.problems.push(Problem {
            entity: at,
            source: None,
            list: None,
            field,
            kind: ErrorKind::Limit,
            message,
        });
    }
}

/// Returns every problem found; empty when the catalog is fine.
pub fn lint(catalog: &Catalog, strictness: Strictness) -> Vec<Problem> {
    let mut l = Linter {
        problems: Vec::new(),
    };
    let curated = strictness == Strictness::Curated;
    if catalog.name.trim().is_empty() {
        l.top("name", "the list has no name".into());
    }
    if let Some(date) = &catalog.updated {
        if !is_iso_date(date) {
            l.top(
                "updated",
                format!("`{date}` is not an ISO date (YYYY-MM-DD)"),
            );
        }
    }
    if catalog.entities.len() > MAX_ENTITIES {
        l.limit(
            None,
            "entities".into(),
            format!(
                "{} entities, over the limit of {MAX_ENTITIES}",
                catalog.entities.len()
            ),
        );
    }

    // Context and exclude words: each short, and few in all (see MAX_WORDS); going over the
    // count is reported once, at the first word over it.
    let mut words: HashSet<String> = HashSet::new();
    let mut word = |l: &mut Linter, w: &str, at: Option<usize>, field: String| {
        let chars = w.chars().count();
        let folded = fold_pattern(w);
        let message = if chars > MAX_WORD_CHARS {
            format!("the word is {chars} characters long, over the limit of {MAX_WORD_CHARS}")
        } else if folded.is_empty() || words.contains(&folded) || words.len() > MAX_WORDS {
            return;
        } else if words.len() == MAX_WORDS {
            words.insert(folded);
            format!("more than {MAX_WORDS} distinct context and exclude words: over the limit of {MAX_WORDS} per list")
        } else {
            words.insert(folded);
            return;
        };
        l.limit(at, field, message);
    };
    for (j, w) in catalog.context_words.iter().enumerate() {
        word(&mut l, w, None, format!("context_words[{j}]"));
    }
    for (i, e) in catalog.entities.iter().enumerate() {
        for (j, a) in e.aliases.iter().enumerate() {
            for (kind, ws) in [("context", &a.context), ("exclude", &a.exclude)] {
                for (k, w) in ws.iter().enumerate() {
                    let field = format!("entities[{i}].aliases[{j}].{kind}[{k}]");
                    word(&mut l, w, Some(i), field);
                }
            }
        }
    }

    let list_ids = check_ids(
        &mut l,
        catalog.lists.iter().map(|x| x.id.as_str()),
        "lists",
        false,
        Linter::list,
    );
    let mut used_sources: HashSet<&str> = HashSet::new();
    for (i, list) in catalog.lists.iter().enumerate() {
        for (j, m) in list.meaning.iter().enumerate() {
            used_sources.insert(&m.source);
            if !catalog.sources.iter().any(|s| s.id == m.source) {
                l.list(
                    i,
                    format!("lists[{i}].meaning[{j}].source"),
                    format!("unknown source `{}`", m.source),
                );
            }
        }
        if let Some(url) = &list.url {
            if !is_https_url(url) {
                l.list(
                    i,
                    format!("lists[{i}].url"),
                    format!("`{url}` is not an https: URL"),
                );
            }
        }
    }
    let source_ids = check_ids(
        &mut l,
        catalog.sources.iter().map(|x| x.id.as_str()),
        "sources",
        curated,
        Linter::source,
    );
    for (i, s) in catalog.sources.iter().enumerate() {
        if let Some(url) = &s.url {
            if !is_https_url(url) {
                l.source(
                    i,
                    format!("sources[{i}].url"),
                    format!("`{url}` is not an https: URL"),
                );
            }
        }
        if let Some(date) = &s.date {
            if !is_iso_date(date) {
                l.source(
                    i,
                    format!("sources[{i}].date"),
                    format!("`{date}` is not an ISO date (YYYY-MM-DD)"),
                );
            }
        }
        if s.title.trim().is_empty() {
            l.source(
                i,
                format!("sources[{i}].title"),
                "the source has no title".into(),
            );
        }
    }
    let entity_ids = check_ids(
        &mut l,
        catalog.entities.iter().map(|x| x.id.as_str()),
        "entities",
        curated,
        Linter::entity,
    );

    let mut alias_owner: HashMap<String, (usize, bool)> = HashMap::new();
    for (i, e) in catalog.entities.iter().enumerate() {
        let at = |f: &str| format!("entities[{i}].{f}");
        if e.name.trim().is_empty() {
            l.entity(i, at("name"), "the entity has no name".into());
        }
        // The name and the Chinese name are matched too: held to the alias length limit.
        for (field, name) in [
            ("name", Some(&e.name)),
            ("name_zh", e.name_zh.as_ref()),
            ("name_zh_hant", e.name_zh_hant.as_ref()),
        ] {
            let chars = name.map_or(0, |n| n.chars().count());
            if chars > MAX_ALIAS_CHARS {
                l.limit(
                    Some(i),
                    at(field),
                    format!(
                        "the name is {chars} characters long, over the limit of {MAX_ALIAS_CHARS}"
                    ),
                );
            }
        }
        if let Some(hant) = &e.name_zh_hant {
            lint_traditional(
                &mut l,
                i,
                at("name_zh_hant"),
                hant,
                e.name_zh.as_deref(),
                curated,
            );
        }
        if let Some(p) = &e.family {
            if p == &e.id {
                l.entity(i, at("family"), "an entity cannot be its own family".into());
            } else if !entity_ids.contains(p.as_str()) {
                l.entity(i, at("family"), format!("unknown entity `{p}`"));
            }
        }
        for (j, r) in e.relations.iter().enumerate() {
            if let Some(other) = &r.entity {
                if !entity_ids.contains(other.as_str()) {
                    l.entity(
                        i,
                        at(&format!("relations[{j}].entity")),
                        format!("unknown entity `{other}`"),
                    );
                }
            }
        }
        let has_alias = e.aliases.iter().any(|a| !alias_key(&a.text).is_empty());
        if !has_alias && alias_key(&e.name).chars().count() < 3 && !e.name.trim().is_empty() {
            l.entity(
                i,
                at("name"),
                format!("`{}` is shorter than 3 characters and the entity has no alias: it could never be matched", e.name),
            );
        }
        if e.aliases.len() > MAX_ALIASES_PER_ENTITY {
            l.limit(
                Some(i),
                at("aliases"),
                format!(
                    "{} aliases, over the limit of {MAX_ALIASES_PER_ENTITY}",
                    e.aliases.len()
                ),
            );
        }
        // The canonical name counts as an alias unless an explicit alias says otherwise.
        let mut keys_here: HashSet<String> = HashSet::new();
        for (j, a) in e.aliases.iter().enumerate() {
            let field = at(&format!("aliases[{j}].text"));
            let chars = a.text.chars().count();
            if chars > MAX_ALIAS_CHARS {
                l.limit(
                    Some(i),
                    field,
                    format!(
                        "the alias is {chars} characters long, over the limit of {MAX_ALIAS_CHARS}"
                    ),
                );
                continue;
            }
            let key = alias_key(&a.text);
            if key.is_empty() {
                l.entity(i, field, "the alias is empty".into());
                continue;
            }
            if key.chars().count() < 3 && !a.weak {
                l.entity(
                    i,
                    field.clone(),
                    format!("`{}` is shorter than 3 characters: mark it weak", a.text),
                );
            }
            if !keys_here.insert(key.clone()) {
                if curated {
                    l.entity(
                        i,
                        field.clone(),
                        format!("`{}` is listed twice on this entity", a.text),
                    );
                }
                continue;
            }
            match alias_owner.get(&key) {
                Some(&(owner, shared)) if owner != i && !(shared && a.shared) => {
                    l.entity(
                        i,
                        field,
                        format!(
                            "`{}` is also an alias of `{}`: mark both `shared` if intended",
                            a.text, catalog.entities[owner].id
                        ),
                    );
                }
                Some(_) => {}
                None => {
                    alias_owner.insert(key, (i, a.shared));
                }
            }
        }
        for (j, d) in e.designations.iter().enumerate() {
            let f = |x: &str| at(&format!("designations[{j}].{x}"));
            if !list_ids.contains(d.list.as_str()) {
                l.entity(i, f("list"), format!("unknown list `{}`", d.list));
            }
            for (name, date) in [("added", &d.added), ("removed", &d.removed)] {
                if let Some(date) = date {
                    if !is_iso_date(date) {
                        l.entity(
                            i,
                            f(name),
                            format!("`{date}` is not an ISO date (YYYY-MM-DD)"),
                        );
                    }
                }
            }
            if let (Some(a), Some(r)) = (&d.added, &d.removed) {
                if r < a {
                    l.entity(i, f("removed"), format!("removed {r} before added {a}"));
                }
            }
            if let Some(s) = &d.source {
                used_sources.insert(s);
                if !source_ids.contains(s.as_str()) {
                    l.entity(i, f("source"), format!("unknown source `{s}`"));
                }
            }
        }
        let relations = e.relations.iter().map(|r| (&r.text, &r.date, &r.source));
        let statements = [("claims", &e.claims), ("responses", &e.responses)]
            .into_iter()
            .flat_map(|(kind, claims)| {
                claims
                    .iter()
                    .enumerate()
                    .map(move |(j, c)| (kind, j, (&c.text, &c.date, &c.source)))
            })
            .chain(relations.enumerate().map(|(j, r)| ("relations", j, r)));
        for (kind, j, (text, date, source)) in statements {
            let f = |x: &str| at(&format!("{kind}[{j}].{x}"));
            used_sources.insert(source);
            if !source_ids.contains(source.as_str()) {
                l.entity(i, f("source"), format!("unknown source `{source}`"));
            }
            if text.trim().is_empty() {
                l.entity(i, f("text"), "the statement is empty".into());
            }
            if let Some(date) = date {
                if !is_iso_date(date) {
                    l.entity(
                        i,
                        f("date"),
                        format!("`{date}` is not an ISO date (YYYY-MM-DD)"),
                    );
                }
            }
        }
        if curated {
            let current = e.designations.iter().any(|d| d.removed.is_none());
            match e.tier {
                Tier::Designated if !current => l.entity(
                    i,
                    at("tier"),
                    "tier `designated` needs a designation that has not been removed".into(),
                ),
                Tier::FormerlyDesignated if current || e.designations.is_empty() => l.entity(
                    i,
                    at("tier"),
                    "tier `formerly-designated` needs designations that have all been removed"
                        .into(),
                ),
                _ => {}
            }
        }
    }
    if curated {
        // A reader needs to know what a list is before a date on it means anything.
        for (i, list) in catalog.lists.iter().enumerate() {
            let used = catalog
                .entities
                .iter()
                .any(|e| e.designations.iter().any(|d| d.list == list.id));
            let missing = [
                ("full_name", list.full_name.is_none()),
                ("authority", list.authority.is_none()),
                ("meaning", list.meaning.is_empty()),
            ];
            for (field, absent) in missing {
                if used && absent {
                    l.list(
                        i,
                        format!("lists[{i}].{field}"),
                        format!(
                            "list `{}` is used by designations but has no `{field}`",
                            list.id
                        ),
                    );
                }
            }
            if used {
                lint_list_texts(&mut l, i, list);
            }
        }
        for (i, s) in catalog.sources.iter().enumerate() {
            if s.kind.is_none() {
                l.source(
                    i,
                    format!("sources[{i}].kind"),
                    "the source has no `kind` (official, news, opinion, legal-analysis, company, dataset)"
                        .into(),
                );
            }
            if !used_sources.contains(s.id.as_str()) {
                l.source(
                    i,
                    format!("sources[{i}].id"),
                    format!("source `{}` is never used", s.id),
                );
            }
        }
    }
    l.problems
}

/// A used list is explained on Chinese pages too: each of `zh` and `zh_hant` is there, says every
/// field in Han characters, has one sentence per `meaning` claim, and keeps every number of the
/// English it translates (dates, the 1260 of "1260H"), so a translation cannot change a fact's
/// figures. The two scripts differ: a copy of the simplified text is not a traditional one.
fn lint_list_texts(l: &mut Linter, i: usize, list: &OfficialList) {
    let has_han = |s: &str| s.chars().any(|c| matches!(c, '\u{3400}'..='\u{9fff}'));
    for (key, text) in [("zh", &list.zh), ("zh_hant", &list.zh_hant)] {
        let Some(text) = text else {
            l.list(
                i,
                format!("lists[{i}].{key}"),
                format!(
                    "list `{}` is used by designations but has no `{key}` (its texts in Chinese)",
                    list.id
                ),
            );
            continue;
        };
        let english = [
            ("name", Some(list.name.as_str())),
            ("full_name", list.full_name.as_deref()),
            ("authority", list.authority.as_deref()),
        ];
        let translated = [
            text.name.as_str(),
            text.full_name.as_str(),
            text.authority.as_str(),
        ];
        let mut pairs: Vec<(String, &str, &str)> = english
            .iter()
            .zip(translated)
            .map(|((field, en), zh)| (format!("lists[{i}].{key}.{field}"), en.unwrap_or(""), zh))
            .collect();
        if text.meaning.len() != list.meaning.len() {
            l.list(
                i,
                format!("lists[{i}].{key}.meaning"),
                format!(
                    "{} sentences for {} `meaning` claims: one per claim, in their order",
                    text.meaning.len(),
                    list.meaning.len()
                ),
            );
        }
        for (j, (zh, claim)) in text.meaning.iter().zip(&list.meaning).enumerate() {
            pairs.push((format!("lists[{i}].{key}.meaning[{j}]"), &claim.text, zh));
        }
        for (field, en, zh) in pairs {
            if !has_han(zh) {
                l.list(i, field, "the text has no Chinese characters".into());
                continue;
            }
            let kept = numbers(zh);
            let lost: Vec<u64> = numbers(en)
                .into_iter()
                .filter(|n| !kept.contains(n))
                .collect();
            if !lost.is_empty() {
                l.list(
                    i,
                    field,
                    format!("the translation leaves out the English text's numbers {lost:?}"),
                );
            }
        }
    }
    if let (Some(zh), Some(hant)) = (&list.zh, &list.zh_hant) {
        if zh == hant {
            l.list(
                i,
                format!("lists[{i}].zh_hant"),
                "the same as `zh`: write it in traditional characters".into(),
            );
        }
    }
}

/// The numbers written in `text` ("2026-06-30" has 2026, 6 and 30), leading zeros dropped.
fn numbers(text: &str) -> Vec<u64> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter_map(|run| run.parse().ok())
        .collect()
}

/// Checks ids are kebab-case, unique and (if `sorted`) in order; returns the set of ids.
/// The traditional form of a Chinese name is only shown, never matched, so nothing else would
/// notice a wrong one: it must be `name_zh` in other characters, i.e. fold to it. The fold table
/// covers the characters of the curated catalog only, so imported lists are not held to it.
fn lint_traditional(
    l: &mut Linter,
    i: usize,
    field: String,
    hant: &str,
    name_zh: Option<&str>,
    curated: bool,
) {
    let Some(simplified) = name_zh else {
        l.entity(
            i,
            field,
            "a traditional form needs `name_zh`, the simplified name it is a form of".into(),
        );
        return;
    };
    if !curated {
        return;
    }
    if hant == simplified {
        l.entity(
            i,
            field,
            "the same as `name_zh`: leave it out when the name has no traditional form".into(),
        );
    } else if fold_pattern(hant) != fold_pattern(simplified) {
        l.entity(
            i,
            field,
            format!(
                "`{hant}` does not fold to `name_zh` `{simplified}` (folded: `{}`): a character is \
                 neither the same nor its traditional form",
                fold_pattern(hant)
            ),
        );
    }
}

fn check_ids<'a>(
    l: &mut Linter,
    ids: impl Iterator<Item = &'a str>,
    what: &str,
    sorted: bool,
    report: fn(&mut Linter, usize, String, String),
) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    let mut previous: Option<&str> = None;
    for (i, id) in ids.enumerate() {
        let field = format!("{what}[{i}].id");
        if !is_kebab_id(id) {
            report(
                l,
                i,
                field.clone(),
                format!("`{id}` is not a kebab-case id"),
            );
        }
        if !seen.insert(id) {
            report(l, i, field.clone(), format!("duplicate id `{id}`"));
        }
        if let Some(p) = previous {
            if sorted && p > id {
                report(
                    l,
                    i,
                    field,
                    format!("`{id}` is out of order: {what} are sorted by id (after `{p}`)"),
                );
            }
        }
        previous = Some(id);
    }
    seen
}
