//! What a context card shows, resolved from the catalog: sources looked up, status lines
//! written, links checked. The CLI prints it; the extension and the website render it as text.

use crate::catalog::lint::is_https_url;
use crate::catalog::{Catalog, Claim, Confidence, Source};
use crate::matcher::Matcher;
use serde::Serialize;

/// A card's data.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Card {
    pub id: String,
    pub name: String,
    pub name_zh: Option<String>,
    pub kind: Option<String>,
    pub country: Option<String>,
    /// `designated`, `formerly-designated`, `named-in-reporting` or `affiliate`.
    pub tier: &'static str,
    /// The tier in words; for imported lists, the list's name (they make no claim of their own
    /// about official lists).
    pub tier_label: String,
    pub summary: Option<String>,
    pub parent: Option<EntityLink>,
    /// One line per designation: "Commerce Entity List since 2023-03-02".
    pub status: Vec<String>,
    pub claims: Vec<Statement>,
    pub responses: Vec<Statement>,
    /// Every source the card cites, in first-cited order.
    pub sources: Vec<SourceRef>,
    pub aliases: Vec<String>,
    /// The catalog or imported list the entity comes from.
    pub list: String,
    /// True for entities from an imported list (generic card: no reporting).
    pub imported: bool,
}

/// Another entity, by id and name.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EntityLink {
    pub id: String,
    pub name: String,
}

/// A claim or response with its source resolved.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Statement {
    pub text: String,
    pub date: Option<String>,
    pub quote: Option<String>,
    pub source: SourceRef,
}

/// A source as cards show it; `url` is present only when it is `https:`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SourceRef {
    pub id: String,
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub confidence: &'static str,
}

/// The tier in words, for cards and the CLI.
pub fn tier_label(tier: crate::catalog::Tier) -> &'static str {
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
            publisher: None,
            date: None,
            url: None,
            confidence: "unknown",
        },
    }
}

fn from_source(s: &Source) -> SourceRef {
    SourceRef {
        id: s.id.clone(),
        title: s.title.clone(),
        publisher: s.publisher.clone(),
        date: s.date.clone(),
        url: s.url.clone().filter(|u| is_https_url(u)),
        confidence: match s.confidence {
            Confidence::Primary => "primary",
            Confidence::Secondary => "secondary",
        },
    }
}

fn statement(catalog: &Catalog, c: &Claim) -> Statement {
    Statement {
        text: c.text.clone(),
        date: c.date.clone(),
        quote: c.quote.clone(),
        source: source_ref(catalog, &c.source),
    }
}

/// Builds the card of global entity `entity`.
pub fn card(matcher: &Matcher, entity: u32) -> Card {
    let catalog = matcher.catalog_of(entity);
    let e = matcher.entity(entity);
    let tier = matcher.entity_ref(entity).tier;
    let parent = e
        .parent
        .as_deref()
        .and_then(|p| catalog.entities.iter().find(|x| x.id == p))
        .map(|p| EntityLink {
            id: p.id.clone(),
            name: p.name.clone(),
        });
    let status = e
        .designations
        .iter()
        .map(|d| {
            let list = catalog
                .official_list(&d.list)
                .map_or(d.list.as_str(), |l| l.name.as_str());
            match (&d.added, &d.removed) {
                (Some(a), Some(r)) => format!("Removed from the {list} on {r} (listed {a})"),
                (None, Some(r)) => format!("Removed from the {list} on {r}"),
                (Some(a), None) => format!("{list} since {a}"),
                (None, None) => list.to_string(),
            }
        })
        .collect();
    let claims: Vec<Statement> = e.claims.iter().map(|c| statement(catalog, c)).collect();
    let responses: Vec<Statement> = e.responses.iter().map(|c| statement(catalog, c)).collect();
    let mut sources: Vec<SourceRef> = Vec::new();
    let cited = e
        .designations
        .iter()
        .filter_map(|d| d.source.as_deref())
        .map(|s| source_ref(catalog, s))
        .chain(claims.iter().chain(&responses).map(|s| s.source.clone()));
    for s in cited {
        if !sources.iter().any(|x| x.id == s.id) {
            sources.push(s);
        }
    }
    let ref_ = matcher.entity_ref(entity);
    Card {
        id: e.id.clone(),
        name: e.name.clone(),
        name_zh: e.name_zh.clone(),
        kind: e.kind.clone(),
        country: e.country.clone(),
        tier: tier.as_str(),
        tier_label: if ref_.catalog > 0 {
            format!("On your imported list “{}”", catalog.name)
        } else {
            tier_label(tier).to_string()
        },
        summary: e.summary.clone(),
        parent,
        status,
        claims,
        responses,
        sources,
        aliases: e.aliases.iter().map(|a| a.text.clone()).collect(),
        list: catalog.name.clone(),
        imported: ref_.catalog > 0,
    }
}
