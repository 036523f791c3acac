//! What a context card shows, resolved from the catalog, in the order a reader needs it: who
//! the entity is and which list names it (kept by whom, since when, what that means), then the
//! company's response, then what has been reported, then how sources relate it to other
//! entities, then the sources. The CLI prints it; the extension and the website render it as
//! text, in that order.

use crate::catalog::validate::is_https_url;
use crate::catalog::{Catalog, Claim, Confidence, Designation, ListText, Relation, Source};
use crate::matcher::Matcher;
use serde::Serialize;

/// A card's data.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Card {
    pub id: String,
    pub name: String,
    pub name_zh: Option<String>,
    /// `name_zh` in traditional characters, for a Traditional-Chinese interface.
    pub name_zh_hant: Option<String>,
    pub kind: Option<String>,
    pub country: Option<String>,
    /// `designated`, `formerly-designated`, `named-in-reporting` or `affiliate`.
    pub tier: &'static str,
    /// The tier in words; for imported lists, the list's name (they make no claim of their own
    /// about official lists).
    pub tier_label: String,
    /// One neutral sentence: who the entity is.
    pub summary: Option<String>,
    /// The headline: one entry per listing, in plain words.
    pub listings: Vec<Listing>,
    /// Who would answer for the entity: `company`, `institute` or `body` (a government body);
    /// "no response from the company" is the wrong noun for a police institute.
    pub respondent: &'static str,
    pub responses: Vec<Statement>,
    pub claims: Vec<Statement>,
    /// How sources relate the entity to others, each dated.
    pub relations: Vec<Statement>,
    /// Every source the card cites, in first-cited order.
    pub sources: Vec<SourceRef>,
    pub aliases: Vec<String>,
    /// The catalog or imported list the entity comes from.
    pub list: String,
    /// The date of that catalog's last edit ("Catalog as of ...").
    pub catalog_date: Option<String>,
    /// True for entities from an imported list (generic card: no reporting).
    pub imported: bool,
}

/// One listing on an official list, with what the list is.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Listing {
    /// The list's id in the catalog.
    pub list: String,
    /// Short name ("Entity List").
    pub name: String,
    /// Full name, for a reader who has never heard of the list.
    pub full_name: String,
    /// Who keeps it.
    pub keeper: Option<String>,
    pub added: Option<String>,
    pub removed: Option<String>,
    /// The listing in one plain English sentence (the UI composes its own in other languages).
    pub text: String,
    /// By which rule, and caveats ("per secondary reporting").
    pub citation: Option<String>,
    pub note: Option<String>,
    pub source: Option<SourceRef>,
    /// What being on the list means, sourced.
    pub meaning: Vec<Statement>,
    /// The list's name, full name, keeper and meaning in simplified and traditional Chinese, for
    /// a Chinese interface (the catalog's own translation; the meaning's sources are the same).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zh: Option<ListText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zh_hant: Option<ListText>,
}

/// Another entity, by id and name.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EntityLink {
    pub id: String,
    pub name: String,
}

/// A claim, response, relation or explainer with its source resolved.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Statement {
    pub text: String,
    pub date: Option<String>,
    pub quote: Option<String>,
    pub source: SourceRef,
    /// For a response older than the entity's latest listing: that listing's date. A denial
    /// from 2023 does not answer a listing of 2026, and the card says so.
    pub predates: Option<String>,
    /// For a relation: the other entity, when the catalog has it.
    pub entity: Option<EntityLink>,
}

/// A source as cards show it; `url` is present only when it is `https:`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SourceRef {
    pub id: String,
    /// The published headline, or the document's own title.
    pub title: String,
    pub kind: Option<&'static str>,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    /// The URL is a copy on another site.
    pub copy: bool,
    pub confidence: &'static str,
}

/// The tier in words, for cards and the CLI.
pub(crate) fn tier_label(tier: crate::catalog::Tier) -> &'static str {
    use crate::catalog::Tier::*;
    match tier {
        Designated => "On an official US list",
        FormerlyDesignated => "Formerly on an official US list",
        NamedInReporting => "Named in reporting",
        Affiliate => "Affiliate of a listed entity",
    }
}

fn source_ref(catalog: &Catalog, id: &str) -> SourceRef {
    match catalog.source(id) {
        Some(s) => from_source(s),
        // Lint guarantees sources resolve; stay total anyway.
        None => SourceRef {
            id: id.to_string(),
            title: id.to_string(),
            kind: None,
            publisher: None,
            date: None,
            url: None,
            copy: false,
            confidence: "unknown",
        },
    }
}

fn from_source(s: &Source) -> SourceRef {
    SourceRef {
        id: s.id.clone(),
        title: s.title.clone(),
        kind: s.kind.map(|k| k.as_str()),
        publisher: s.publisher.clone(),
        date: s.date.clone(),
        url: s.url.clone().filter(|u| is_https_url(u)),
        copy: s.copy,
        confidence: match s.confidence {
            Confidence::Primary => "primary",
            Confidence::Secondary => "secondary",
        },
    }
}

/// The catalog's exact words, for the card only when they add to the statement: most
/// statements already quote their source (“...”), and the quote field is kept to verify them.
/// Words, not characters, are compared, so quote marks, case and a paraphrase's "the company
/// said" do not make a repeat look new.
fn quote_for_card(text: &str, quote: Option<&String>) -> Option<String> {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let quote = quote?;
    let said: std::collections::HashSet<String> = words(text).into_iter().collect();
    let quoted = words(quote);
    let repeated = quoted.iter().filter(|w| said.contains(*w)).count();
    // Two in three of its words already on the card: the quote repeats the statement (a
    // paraphrase drops the attribution, "the company said", and keeps the substance). (A run of
    // Han characters is one word here, so a Chinese quote repeats only when the statement has
    // the whole run.) A quote with no words at all is compared as a substring.
    let repeats = if quoted.is_empty() {
        text.contains(quote.trim())
    } else {
        repeated * 3 >= quoted.len() * 2
    };
    (!repeats).then(|| quote.clone())
}

fn statement(catalog: &Catalog, c: &Claim) -> Statement {
    Statement {
        text: c.text.clone(),
        date: c.date.clone(),
        quote: quote_for_card(&c.text, c.quote.as_ref()),
        source: source_ref(catalog, &c.source),
        predates: None,
        entity: None,
    }
}

fn relation(catalog: &Catalog, r: &Relation) -> Statement {
    Statement {
        text: r.text.clone(),
        date: r.date.clone(),
        quote: quote_for_card(&r.text, r.quote.as_ref()),
        source: source_ref(catalog, &r.source),
        predates: None,
        entity: r
            .entity
            .as_deref()
            .and_then(|id| catalog.entities.iter().find(|x| x.id == id))
            .map(|x| EntityLink {
                id: x.id.clone(),
                name: x.name.clone(),
            }),
    }
}

/// "On the Entity List since 2023-03-02", "Removed from the Entity List on 2023-11-16 (listed
/// 2020-06-05)".
pub(crate) fn listing_sentence(name: &str, added: Option<&str>, removed: Option<&str>) -> String {
    match (added, removed) {
        (Some(a), Some(r)) => format!("Removed from the {name} on {r} (listed {a})"),
        (None, Some(r)) => format!("Removed from the {name} on {r}"),
        (Some(a), None) => format!("On the {name} since {a}"),
        (None, None) => format!("On the {name}"),
    }
}

fn listing(catalog: &Catalog, d: &Designation) -> Listing {
    let list = catalog.official_list(&d.list);
    let name = list.map_or(d.list.clone(), |l| l.name.clone());
    let full_name = list
        .and_then(|l| l.full_name.clone())
        .unwrap_or_else(|| name.clone());
    Listing {
        list: d.list.clone(),
        text: listing_sentence(&full_name, d.added.as_deref(), d.removed.as_deref()),
        name,
        full_name,
        keeper: list.and_then(|l| l.authority.clone()),
        added: d.added.clone(),
        removed: d.removed.clone(),
        citation: d.citation.clone(),
        note: d.note.clone(),
        source: d.source.as_deref().map(|s| source_ref(catalog, s)),
        meaning: list
            .map(|l| l.meaning.iter().map(|m| statement(catalog, m)).collect())
            .unwrap_or_default(),
        zh: list.and_then(|l| l.zh.clone()),
        zh_hant: list.and_then(|l| l.zh_hant.clone()),
    }
}

/// Builds the card of global entity `entity`.
pub fn card(matcher: &Matcher, entity: u32) -> Card {
    let catalog = matcher.catalog_of(entity);
    let e = matcher.entity(entity);
    let tier = matcher.entity_ref(entity).tier;
    let listings: Vec<Listing> = e.designations.iter().map(|d| listing(catalog, d)).collect();
    // ISO dates compare as strings.
    let latest_listing = e
        .designations
        .iter()
        .filter_map(|d| d.added.as_deref())
        .max();
    let responses: Vec<Statement> = e
        .responses
        .iter()
        .map(|c| {
            let mut s = statement(catalog, c);
            // `before` is a date the undated statement is known to predate.
            let older = match (latest_listing, c.date.as_deref(), c.before.as_deref()) {
                (Some(listed), Some(said), _) => said < listed,
                (Some(listed), None, Some(before)) => before <= listed,
                _ => false,
            };
            s.predates = latest_listing.filter(|_| older).map(str::to_string);
            s
        })
        .collect();
    let claims: Vec<Statement> = e.claims.iter().map(|c| statement(catalog, c)).collect();
    let relations: Vec<Statement> = e.relations.iter().map(|r| relation(catalog, r)).collect();
    let mut sources: Vec<SourceRef> = Vec::new();
    let cited = listings
        .iter()
        .flat_map(|l| l.source.iter().chain(l.meaning.iter().map(|m| &m.source)))
        .chain(
            responses
                .iter()
                .chain(&claims)
                .chain(&relations)
                .map(|s| &s.source),
        );
    for s in cited {
        if !sources.iter().any(|x| x.id == s.id) {
            sources.push(s.clone());
        }
    }
    let ref_ = matcher.entity_ref(entity);
    Card {
        id: e.id.clone(),
        name: e.name.clone(),
        name_zh: e.name_zh.clone(),
        name_zh_hant: e.name_zh_hant.clone(),
        kind: e.kind.clone(),
        country: e.country.clone(),
        tier: tier.as_str(),
        tier_label: if ref_.catalog > 0 {
            format!("On your imported list “{}”", catalog.name)
        } else {
            tier_label(tier).to_string()
        },
        summary: e.summary.clone(),
        listings,
        respondent: match e.kind.as_deref() {
            Some("research-institute") => "institute",
            Some("government-body") => "body",
            _ => "company",
        },
        responses,
        claims,
        relations,
        sources,
        aliases: e.aliases.iter().map(|a| a.text.clone()).collect(),
        list: catalog.name.clone(),
        catalog_date: catalog.updated.clone(),
        imported: ref_.catalog > 0,
    }
}

impl Card {
    /// One short line per listing ("On the Entity List since 2023-03-02"), for one-line output
    /// (scan results, CSV columns).
    pub fn status_lines(&self) -> Vec<String> {
        self.listings
            .iter()
            .map(|l| listing_sentence(&l.name, l.added.as_deref(), l.removed.as_deref()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::quote_for_card;

    fn shown(text: &str, quote: &str) -> bool {
        quote_for_card(text, Some(&quote.to_string())).is_some()
    }

    #[test]
    fn a_quote_the_statement_already_carries_is_not_repeated() {
        assert!(!shown("Acme said: “We sell kits.”", "We sell kits."));
        // A paraphrase with an attribution of its own ("the company said") is still a repeat.
        assert!(!shown(
            "Acme, to a newspaper: it destroys samples after five years.",
            "the company said it destroys samples after five years"
        ));
        assert!(!shown(
            "Its parent is 某某控股有限公司, per a table.",
            "某某控股有限公司"
        ));
    }

    #[test]
    fn a_quote_that_adds_words_is_shown() {
        assert!(shown(
            "A newspaper reported a denial.",
            "We never did that."
        ));
        assert!(shown(
            "Its parent is a holding company.",
            "某某控股有限公司"
        ));
        assert!(shown(
            "A summary.",
            "<iframe src=\"javascript:x\"></iframe>"
        ));
        assert_eq!(quote_for_card("A summary.", None), None);
    }
}
