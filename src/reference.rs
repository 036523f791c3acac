//! Test support, for the tests and the fuzz targets (`fuzz/`) only; not API.
//!
//! Mainly a naive reference matcher: the documented matching rules applied literally, without
//! an automaton, a prefilter or any cleverness. The property tests (`tests/property.rs`) and
//! the `scan` fuzz targets check that [`Matcher`] returns exactly what [`scan_document`]
//! returns. It tries every pattern at every position of the folded text, and shares only the
//! folding ([`crate::fold`]), the alias key ([`alias_key`]), the legal-suffix helpers
//! ([`crate::suffix`]), the acronym-definition parser ([`long_form`]) and the capitals test
//! ([`uninformative`]) with the matcher; those have their own tests and fuzz target.
//!
//! Also the checks every scan result ([`check_matches`]) and every refused list
//! ([`check_list_errors`]) must pass.
//!
//! [`Matcher`]: crate::Matcher

use crate::catalog::Catalog;
use crate::catalog::{ErrorKind, ListErrors};
use crate::fold::{fold, fold_pattern, is_word_char};
use crate::matcher::capitals::uninformative;
use crate::matcher::definition::long_form;
use crate::matcher::CONTEXT_WINDOW;
use crate::{suffix, Evidence, Match};

/// One alias as the rules see it.
#[derive(Debug, Clone)]
pub struct RefPattern {
    /// Folded, legal suffix removed: what must occur in folded text.
    pub key: String,
    /// Global entity index (catalogs in order, entities in order).
    pub entity: u32,
    /// Index in `aliases`, then the name, then the Chinese name.
    pub alias: u32,
    pub weak: bool,
    /// Match only as written or in all caps (weak aliases always are).
    pub cased: bool,
    pub written: String,
    /// Global entity index of the family's root.
    pub family: u32,
    /// Folded words confirming a weak alias nearby (the catalog's `context_words` and the
    /// alias's `context`), and folded words vetoing the alias nearby.
    pub confirm: Vec<String>,
    pub exclude: Vec<String>,
    /// A public body's country: another country right beside the match rules it out.
    pub public_body_of: Option<String>,
}

/// Every pattern of `catalogs`, in the order the rules give them priority.
pub fn patterns(catalogs: &[Catalog]) -> Vec<RefPattern> {
    let mut out = Vec::new();
    let mut base = 0u32;
    for c in catalogs {
        let words = |ws: &[String]| -> Vec<String> {
            ws.iter()
                .map(|w| fold_pattern(w))
                .filter(|w| !w.is_empty())
                .collect()
        };
        let default_context = words(&c.context_words);
        for (i, e) in c.entities.iter().enumerate() {
            for crate::matcher::patterns::EntityForm {
                alias_index: j,
                alias: a,
                form,
                key,
            } in crate::matcher::patterns::entity_forms(c, e)
            {
                let mut confirm = Vec::new();
                if form.weak {
                    confirm.extend(default_context.iter().cloned());
                    confirm.extend(words(&form.context));
                }
                out.push(RefPattern {
                    key,
                    entity: base + i as u32,
                    alias: j,
                    weak: form.weak,
                    cased: a.cased || form.weak,
                    written: form.written.clone(),
                    family: base + c.family_root(i) as u32,
                    confirm,
                    exclude: words(&a.exclude),
                    public_body_of: crate::matcher::beside::is_public_body(e)
                        .then(|| e.country.clone())
                        .flatten(),
                });
            }
        }
        base += c.entities.len() as u32;
    }
    out
}

/// Letters of `s`, fullwidth Latin as ASCII.
fn letters(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .map(|c| match c {
            '\u{FF21}'..='\u{FF5A}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// The bytes of `text` within [`CONTEXT_WINDOW`] characters of `[s, e)`.
fn window(text: &str, s: usize, e: usize) -> (usize, usize) {
    let before: Vec<usize> = text[..s].char_indices().map(|(i, _)| i).collect();
    let lo = before
        .len()
        .checked_sub(CONTEXT_WINDOW)
        .map_or(0, |k| before[k]);
    let hi = text[e..]
        .char_indices()
        .map(|(i, _)| e + i)
        .nth(CONTEXT_WINDOW)
        .unwrap_or(text.len());
    (lo, hi)
}

/// True when `word` occurs as a whole word in folded `text` within [`CONTEXT_WINDOW`] bytes of
/// `[s, e)` (the window widened to character boundaries), outside `[s, e)`.
pub fn word_near(text: &str, word: &str, s: usize, e: usize) -> bool {
    // CONTEXT_WINDOW characters each side.
    let before: Vec<usize> = text[..s].char_indices().map(|(i, _)| i).collect();
    let lo = before
        .len()
        .checked_sub(CONTEXT_WINDOW)
        .map_or(0, |k| before[k]);
    let hi = text[e..]
        .char_indices()
        .map(|(i, _)| e + i)
        .nth(CONTEXT_WINDOW)
        .unwrap_or(text.len());
    (lo..hi).filter(|&i| text.is_char_boundary(i)).any(|i| {
        let j = i + word.len();
        j <= hi
            && text[i..].starts_with(word)
            && !(i < e && j > s)
            && !(word.chars().next().is_some_and(is_word_char)
                && text[..i].chars().next_back().is_some_and(is_word_char))
            && !(word.chars().last().is_some_and(is_word_char)
                && text[j..].chars().next().is_some_and(is_word_char))
    })
}

/// Whether pattern `p` may match folded `t[i..j]` (original `text`): word boundaries where
/// the alias starts or ends with a word character, and case for cased aliases.
fn is_valid(p: &RefPattern, text: &str, f: &crate::fold::Folded, i: usize, j: usize) -> bool {
    let t = f.text.as_str();
    if p.key.chars().next().is_some_and(is_word_char)
        && t[..i].chars().next_back().is_some_and(is_word_char)
    {
        return false;
    }
    if p.key.chars().last().is_some_and(is_word_char)
        && t[j..].chars().next().is_some_and(is_word_char)
    {
        return false;
    }
    // A CJK alias running on into a longer registered company name is that company.
    if p.key
        .chars()
        .last()
        .is_some_and(crate::fold::is_unspaced_script)
        && crate::matcher::company::continues_into_company(t, j)
    {
        return false;
    }
    if p.cased {
        // As written, or with no lower-case letter at all (headlines, tables).
        let span = &text[f.original_start(i)..f.original_end(text, j)];
        let l = letters(span);
        if l != letters(&p.written) && l.iter().any(|c| c.is_lowercase()) {
            return false;
        }
    }
    true
}

/// What the blocks scanned so far said: families named with a strong alias, acronyms (alias
/// keys) defined as something else.
#[derive(Default)]
struct Said {
    named: Vec<u32>,
    redefined: Vec<String>,
    /// Weak aliases a context word confirmed: (key, family).
    confirmed: Vec<(String, u32)>,
}

impl Said {
    /// The family named with a strong alias, or with a confirmed weak one whose acronym is not
    /// defined as something else.
    fn supports(&self, family: u32) -> bool {
        self.named.contains(&family)
            || self
                .confirmed
                .iter()
                .any(|(k, f)| *f == family && !self.redefined.contains(k))
    }
}

/// Scans one block: the selected matches with their evidence, [`Evidence::Pending`] for weak
/// ones without support yet; `said` gets what this block says.
fn scan_block(pats: &[RefPattern], segment: u32, text: &str, said: &mut Said) -> Vec<Match> {
    let f = fold(text);
    let t = f.text.as_str();
    let mut cands = Vec::new();
    for i in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
        for (pi, p) in pats.iter().enumerate() {
            if t[i..].starts_with(&p.key) && is_valid(p, text, &f, i, i + p.key.len()) {
                cands.push((i, i + p.key.len(), pi));
            }
        }
    }
    // Leftmost, then longest, then the first-loaded pattern; never overlapping.
    cands.sort_by_key(|&(s, e, p)| (s, usize::MAX - e, p));
    let mut sel: Vec<(usize, usize, usize)> = Vec::new();
    for c in cands {
        if sel.last().is_none_or(|l| c.0 >= l.1) {
            sel.push(c);
        }
    }
    // A following legal form is included unless it runs into the next match.
    for k in 0..sel.len() {
        let limit = sel.get(k + 1).map_or(t.len(), |n| n.0);
        let e = suffix::extend(t, sel[k].1);
        if e <= limit {
            sel[k].1 = e;
        }
    }
    // Weak aliases need support, and so do cased ones (without a legal form after them) on a
    // line whose capitals say nothing.
    let needs: Vec<bool> = sel
        .iter()
        .map(|&(s, e, pi)| {
            let p = &pats[pi];
            p.weak
                || p.cased
                    && e - s == p.key.len()
                    && uninformative(text, f.original_start(s), f.original_end(text, e))
        })
        .collect();
    // A public body's name with another country beside it is that country's body: no match,
    // and no name of the family.
    let elsewhere = |&(s, e, pi): &(usize, usize, usize)| {
        pats[pi]
            .public_body_of
            .as_deref()
            .is_some_and(|own| crate::matcher::beside::other_country_beside(t, s, e, own))
    };
    let block: Vec<u32> = sel
        .iter()
        .zip(&needs)
        .filter(|(c, &n)| !n && !elsewhere(c))
        .map(|(c, _)| pats[c.2].family)
        .collect();
    let mut out = Vec::new();
    let all_needs: &[bool] = &needs;
    for (&(s, e, pi), &needs) in sel.iter().zip(&needs) {
        let p = &pats[pi];
        if elsewhere(&(s, e, pi)) {
            continue;
        }
        // A weak alias defined here as a long form that names none of its family's strong
        // aliases is something else in this document.
        if p.weak {
            if let Some((lo, hi)) = long_form(&f, text, s, e) {
                let own = sel.iter().any(|o| {
                    !pats[o.2].weak && pats[o.2].family == p.family && o.0 < hi && o.1 > lo
                });
                if !own {
                    said.redefined.push(p.key.clone());
                    continue;
                }
            }
        }
        if p.exclude.iter().any(|w| word_near(t, w, s, e)) {
            continue;
        }

        // Another catalog entity named in full within the window is context of the field.
        let named_nearby = p.weak
            && sel.iter().zip(all_needs).any(|(o, &o_needs)| {
                let (lo, hi) = window(t, s, e);
                !o_needs && !elsewhere(o) && pats[o.2].family != p.family && o.0 < hi && o.1 > lo
            });
        let evidence = if !needs {
            Evidence::Strong
        } else if named_nearby || p.confirm.iter().any(|w| word_near(t, w, s, e)) {
            said.confirmed.push((p.key.clone(), p.family));
            Evidence::Context
        } else if block.contains(&p.family) {
            Evidence::Block
        } else {
            // Decided once the whole document is read.
            Evidence::Pending
        };
        out.push(Match {
            segment,
            start: f.original_start(s),
            end: f.original_end(text, e),
            entity: p.entity,
            alias: p.alias,
            evidence,
        });
    }
    said.named.extend(block);
    out
}

/// What [`crate::Matcher::scan_document`] must return for `segments` over `catalogs`.
pub fn scan_document<'a>(
    catalogs: &[Catalog],
    segments: impl IntoIterator<Item = &'a str>,
) -> Vec<Match> {
    let pats = patterns(catalogs);
    let mut said = Said::default();
    let mut out = Vec::new();
    for (i, s) in segments.into_iter().enumerate() {
        out.extend(scan_block(&pats, i as u32, s, &mut said));
    }
    // An alias that needed support, defined as something else anywhere in the document, is
    // dropped everywhere.
    out.retain(|m| {
        let p = pats
            .iter()
            .find(|p| p.entity == m.entity && p.alias == m.alias);
        m.evidence == Evidence::Strong || !p.is_some_and(|p| said.redefined.contains(&p.key))
    });
    // An alias without support in its block counts if the document names its family anywhere,
    // before or after; otherwise it is dropped.
    out.retain_mut(|m| {
        if m.evidence != Evidence::Pending {
            return true;
        }
        let family = pats.iter().find(|p| p.entity == m.entity).map(|p| p.family);
        if family.is_some_and(|f| said.supports(f)) {
            m.evidence = Evidence::Document;
            true
        } else {
            false
        }
    });
    out
}

/// Ordered, non-overlapping, inside their segment, on character boundaries, never pending, and
/// UTF-16 offsets that select the same text without splitting a surrogate pair.
pub fn check_matches(segments: &[&str], matches: &[Match]) {
    let mut last: Option<(u32, usize)> = None;
    for m in matches {
        let text = segments
            .get(m.segment as usize)
            .unwrap_or_else(|| panic!("segment {} of {}", m.segment, segments.len()));
        if let Some((seg, end)) = last {
            assert!(m.segment >= seg, "segments out of order: {m:?}");
            if m.segment == seg {
                assert!(
                    m.start >= end,
                    "overlapping or out of order: {m:?} after {end}"
                );
            }
        }
        assert!(
            m.start < m.end && m.end <= text.len(),
            "outside the segment: {m:?}"
        );
        assert!(
            text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
            "not on character boundaries: {m:?}"
        );
        assert!(
            m.evidence != Evidence::Pending,
            "pending after resolve: {m:?}"
        );
        last = Some((m.segment, m.end));
    }
    for (i, text) in segments.iter().enumerate() {
        let here: Vec<&Match> = matches.iter().filter(|m| m.segment as usize == i).collect();
        let mut offsets: Vec<usize> = here.iter().flat_map(|m| [m.start, m.end]).collect();
        crate::utf16::to_utf16_offsets(text, &mut offsets);
        let units: Vec<u16> = text.encode_utf16().collect();
        for (m, o) in here.iter().zip(offsets.chunks(2)) {
            assert!(
                o[0] <= o[1] && o[1] <= units.len(),
                "UTF-16 offsets {o:?} for {m:?}"
            );
            let selected = String::from_utf16(&units[o[0]..o[1]])
                .unwrap_or_else(|_| panic!("UTF-16 offsets {o:?} split a surrogate pair"));
            assert_eq!(
                selected,
                &text[m.start..m.end],
                "UTF-16 offsets select other text"
            );
        }
    }
}

/// Every error of a refused list is located on a line of `text` (1-based, never past the last
/// line), at a column from 1, with a message; only the last counts the errors not listed, and
/// none is a warning's kind.
pub fn check_list_errors(text: &str, e: &ListErrors) {
    assert!(!e.errors.is_empty(), "a refused list without errors");
    let lines = text.bytes().filter(|&b| b == b'\n').count() + 1;
    for (i, err) in e.errors.iter().enumerate() {
        assert!(
            err.kind != ErrorKind::More || i + 1 == e.errors.len(),
            "a count of more errors before the last error: {err:?}"
        );
        assert!(
            !matches!(err.kind, ErrorKind::Duplicate | ErrorKind::Incomplete),
            "a warning among the errors: {err:?}"
        );
        assert!(err.line >= 1 && err.column >= 1, "unlocated error: {err:?}");
        assert!(
            err.line <= lines,
            "error past the last line ({lines}): {err:?}"
        );
        assert!(!err.message.is_empty(), "error without message: {err:?}");
    }
}
