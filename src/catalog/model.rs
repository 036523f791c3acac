//! The serde model of the catalog and of imported lists (see `data/SCHEMA.md`).

use serde::{Deserialize, Serialize};

/// The format version this build reads.
pub const SCHEMA_VERSION: u32 = 1;

/// A catalog: the built-in one, or a list a user imported.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub schema: u32,
    pub name: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub updated: Option<String>,
    /// Default words that confirm a weak alias when found near it.
    #[serde(default)]
    pub context_words: Vec<String>,
    #[serde(default)]
    pub lists: Vec<OfficialList>,
    #[serde(default)]
    pub sources: Vec<Source>,
    pub entities: Vec<Entity>,
}

/// An official list that designations refer to (Entity List, 1260H list...).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct OfficialList {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub authority: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

/// Where a statement comes from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    pub confidence: Confidence,
}

/// How a source was checked (facts.md's C and S; unverified facts are never shown).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// Read in a primary, official text.
    Primary,
    /// Read in a secondary source (news, law firm, think tank).
    Secondary,
}

/// One flagged (or related) entity.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_zh: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub tier: Tier,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub aliases: Vec<Alias>,
    #[serde(default)]
    pub designations: Vec<Designation>,
    #[serde(default)]
    pub claims: Vec<Claim>,
    #[serde(default)]
    pub responses: Vec<Claim>,
}

/// Why an entity is in the catalog; the card and the highlight colour depend on it.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    /// On an official US list now.
    #[default]
    Designated,
    /// Was on an official list, since removed.
    FormerlyDesignated,
    /// Named in the reporting, not on an official list.
    NamedInReporting,
    /// Part of a listed group, not listed itself.
    Affiliate,
}

impl Tier {
    /// All tiers, in the order of their numeric code.
    pub const ALL: [Tier; 4] = [
        Tier::Designated,
        Tier::FormerlyDesignated,
        Tier::NamedInReporting,
        Tier::Affiliate,
    ];

    /// The kebab-case name used in JSON, CSS and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Designated => "designated",
            Tier::FormerlyDesignated => "formerly-designated",
            Tier::NamedInReporting => "named-in-reporting",
            Tier::Affiliate => "affiliate",
        }
    }
}

/// A name an entity is known by.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    pub text: String,
    #[serde(default)]
    pub lang: Option<String>,
    /// Short acronyms (BGI, MGI): flagged only with supporting context.
    #[serde(default)]
    pub weak: bool,
    /// Matched only as written (capitalised) or in all caps: "Complete Genomics" but not the
    /// phrase "complete genomics".
    #[serde(default)]
    pub cased: bool,
    /// Knowingly claimed by another entity too.
    #[serde(default)]
    pub shared: bool,
    /// Extra words that confirm this (weak) alias nearby.
    #[serde(default)]
    pub context: Vec<String>,
    /// Words that veto this alias nearby ("airport" for BGI).
    #[serde(default)]
    pub exclude: Vec<String>,
}

impl Alias {
    /// A plain strong alias.
    pub fn strong(text: impl Into<String>) -> Alias {
        Alias {
            text: text.into(),
            lang: None,
            weak: false,
            cased: false,
            shared: false,
            context: Vec::new(),
            exclude: Vec::new(),
        }
    }
}

/// A listing on an official list.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Designation {
    /// An [`OfficialList`] id.
    pub list: String,
    #[serde(default)]
    pub added: Option<String>,
    #[serde(default)]
    pub removed: Option<String>,
    #[serde(default)]
    pub citation: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A sourced, dated statement: a claim from the reporting, or the company's response.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub text: String,
    #[serde(default)]
    pub date: Option<String>,
    pub source: String,
    #[serde(default)]
    pub quote: Option<String>,
}
