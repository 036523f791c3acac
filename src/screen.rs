//! Screening (`bioflag screen`, the Python package's `Engine.screen`): checks a list of names
//! (a supplier CSV), not free text. A name is a *match* when, without its legal form, it is one
//! of an entity's names; it *contains* one when a full name appears inside it ("BGI Genomics
//! Europe"); a bare short name (MGI) needs *review*, since a list row has no context to confirm
//! it.

use crate::catalog::alias_key;
use crate::{Evidence, Matcher};
use std::collections::HashMap;

/// The verdict on one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Match { entity: u32 },
    Contains { entity: u32 },
    Review { entity: u32 },
    Clear,
}

impl Verdict {
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::Match { .. } => "match",
            Verdict::Contains { .. } => "contains",
            Verdict::Review { .. } => "review",
            Verdict::Clear => "clear",
        }
    }

    pub fn entity(&self) -> Option<u32> {
        match *self {
            Verdict::Match { entity }
            | Verdict::Contains { entity }
            | Verdict::Review { entity } => Some(entity),
            Verdict::Clear => None,
        }
    }
}

/// Screens names against a matcher.
pub struct Screener<'a> {
    matcher: &'a Matcher,
    /// Alias key → (entity, weak), first loaded catalog first.
    names: HashMap<&'a str, (u32, bool)>,
}

impl std::fmt::Debug for Screener<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Screener")
            .field("names", &self.names.len())
            .finish()
    }
}

impl<'a> Screener<'a> {
    pub fn new(matcher: &'a Matcher) -> Screener<'a> {
        let mut names = HashMap::new();
        for (key, p) in matcher.patterns() {
            names.entry(key).or_insert((p.entity, p.weak));
        }
        Screener { matcher, names }
    }

    pub fn verdict(&self, name: &str) -> Verdict {
        let key = alias_key(name);
        if let Some(&(entity, weak)) = self.names.get(key.as_str()) {
            // A short name must at least be written in capitals to be the acronym.
            let cased = name
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| !c.is_lowercase());
            return match weak {
                false => Verdict::Match { entity },
                true if cased => Verdict::Review { entity },
                true => Verdict::Clear,
            };
        }
        let found = self.matcher.scan_text(name);
        match found.iter().find(|m| m.evidence == Evidence::Strong) {
            Some(m) => Verdict::Contains { entity: m.entity },
            None => match found.first() {
                Some(m) => Verdict::Review { entity: m.entity },
                None => Verdict::Clear,
            },
        }
    }
}
