//! The serde model of the catalog and of imported lists (see `data/SCHEMA.md`).

use serde::{Deserialize, Serialize};

/// The format version this build reads.
pub(crate) const SCHEMA_VERSION: u32 = 1;

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
    /// The short name ("Entity List").
    pub name: String,
    /// The name in full, as a reader who has never heard of the list needs it.
    #[serde(default)]
    pub full_name: Option<String>,
    /// Who keeps the list, in plain words ("US Department of Commerce").
    #[serde(default)]
    pub authority: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// What being on the list means, each sentence sourced.
    #[serde(default)]
    pub meaning: Vec<Claim>,
    /// The list's texts in simplified Chinese, for Chinese pages: a translation of ours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh: Option<ListText>,
    /// The same in traditional characters (zh-TW, zh-HK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh_hant: Option<ListText>,
}

/// A list's name, full name, keeper and meaning in another language: one sentence per
/// `meaning` claim, in its order (the claim's source and quote stay those of the original).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ListText {
    pub name: String,
    pub full_name: String,
    pub authority: String,
    #[serde(default)]
    pub meaning: Vec<String>,
}

/// Where a statement comes from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    /// The headline as published (for news, opinion, law-firm and company texts), otherwise
    /// the document's own title.
    pub title: String,
    #[serde(default)]
    pub kind: Option<SourceKind>,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// The URL is a copy of the text on another site, not the publisher's own address.
    #[serde(default)]
    pub copy: bool,
    pub confidence: Confidence,
}

/// What kind of text a source is; news-like kinds are cited by their published headline.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A government text: a rule, a list, a bill, a statement.
    Official,
    /// A news report.
    News,
    /// An opinion column: it says and argues, it does not report.
    Opinion,
    /// A law firm's client alert.
    LegalAnalysis,
    /// A company's own statement or filing.
    Company,
    /// A dataset or reference work (a transcription of a list, an entity table).
    Dataset,
}

impl SourceKind {
    /// The kebab-case name used in JSON.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            SourceKind::Official => "official",
            SourceKind::News => "news",
            SourceKind::Opinion => "opinion",
            SourceKind::LegalAnalysis => "legal-analysis",
            SourceKind::Company => "company",
            SourceKind::Dataset => "dataset",
        }
    }

    /// Kinds whose title must be the published headline.
    pub fn has_headline(self) -> bool {
        matches!(
            self,
            SourceKind::News
                | SourceKind::Opinion
                | SourceKind::LegalAnalysis
                | SourceKind::Company
        )
    }
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
    /// The Chinese name in traditional characters, shown on a Traditional-Chinese interface.
    /// Display only: folding already maps traditional text onto `name_zh` for matching, and the
    /// lint checks that it folds to `name_zh`.
    #[serde(default)]
    pub name_zh_hant: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    /// The entity whose family this one belongs to for matching: names of one family support
    /// each other's short names. It states no ownership; `relations` say what sources say.
    #[serde(default, alias = "parent")]
    pub family: Option<String>,
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
    /// How sources relate this entity to another one, each dated ("listed under BGI Group on
    /// the 2025-01-07 list"); never one ownership field.
    #[serde(default)]
    pub relations: Vec<Relation>,
}

/// A sourced, dated statement about how an entity relates to another one.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// The other entity's id, when it is in the same catalog.
    #[serde(default)]
    pub entity: Option<String>,
    pub text: String,
    #[serde(default)]
    pub date: Option<String>,
    pub source: String,
    #[serde(default)]
    pub quote: Option<String>,
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
    /// Matched only with its legal form: "Wayside Corporation", never the word "wayside". For
    /// names that are ordinary words once the legal form is removed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub full_form: bool,
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
            full_form: false,
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
    /// For an undated statement: a date it is known to predate (a listing it did not answer).
    #[serde(default)]
    pub before: Option<String>,
    pub source: String,
    #[serde(default)]
    pub quote: Option<String>,
}
