//! What the fuzz targets share: the properties every scan must have, the fixed catalogs, and
//! the structure-aware input of `scan_structured` (a random list plus a text made from
//! pieces of its aliases).

use arbitrary::{Arbitrary, Unstructured};
use bioflag::catalog::{alias_key, builtin, parse_catalog, Alias, Catalog, Entity, Strictness};
use bioflag::reference::check_matches;
use bioflag::{reference, Matcher};
use std::sync::OnceLock;

/// The built-in catalog, parsed once per process.
pub fn builtin_catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(builtin)
}

/// A small list with every kind of alias: strong, weak with context and veto words, cased,
/// CJK, a legal suffix, a family.
pub const SMALL_LIST: &str = r#"{
  "schema": 1, "name": "fuzz",
  "context_words": ["dna", "基因", "test kit"],
  "entities": [
    {"id": "acme", "name": "Acme Bio Co., Ltd.", "name_zh": "阿克米基因公司",
     "aliases": [{"text": "Acme Bio Genomics"}, {"text": "ABG", "weak": true, "exclude": ["airport"]},
                 {"text": "Acme-Bio"}, {"text": "阿克米", "context": ["测序"]}]},
    {"id": "unit", "name": "Whole Genome Labs", "parent": "acme",
     "aliases": [{"text": "Whole Genome Labs", "cased": true}, {"text": "WGL Ünïts"},
                 {"text": "WG", "weak": true, "context": ["ßeq"]}]},
    {"id": "other", "name": "Bio Genomics Inc."},
    {"id": "greek", "name": "ΣΙΓΜΑ Γενετική", "aliases": [{"text": "İstanbul Gen"}, {"text": "ǅemal DNA"}]}
  ]
}"#;

/// [`SMALL_LIST`], parsed once per process.
pub fn small_list() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| parse_catalog(SMALL_LIST, "fuzz", Strictness::Imported).expect("valid list"))
}

/// Checks everything a scan of `segments` over `catalogs` must satisfy, panicking (a fuzzer
/// finding) otherwise. `matcher` and `unfiltered` are built over `catalogs`, the second with
/// its prefilter disabled.
pub fn check_scan(
    catalogs: &[Catalog],
    matcher: &Matcher,
    unfiltered: &Matcher,
    segments: &[&str],
) {
    let got = matcher.scan_document(segments.iter().copied());
    check_matches(segments, &got);
    let without = unfiltered.scan_document(segments.iter().copied());
    assert_eq!(got, without, "the prefilter changed the result");
    let want = reference::scan_document(catalogs, segments.iter().copied());
    assert_eq!(got, want, "the matcher and the reference disagree");
}

/// Builds the matcher over `catalogs` and checks a scan, with and then without the prefilter
/// (one build: building the automaton is most of an execution's time).
pub fn scan_and_check(catalogs: &[Catalog], segments: &[&str]) {
    let mut matcher = Matcher::new(catalogs.to_vec()).unwrap();
    let got = matcher.scan_document(segments.iter().copied());
    check_matches(segments, &got);
    matcher.disable_prefilter();
    let without = matcher.scan_document(segments.iter().copied());
    assert_eq!(got, without, "the prefilter changed the result");
    let want = reference::scan_document(catalogs, segments.iter().copied());
    assert_eq!(got, want, "the matcher and the reference disagree");
}

// ---- The structure-aware input ----

/// Parts names are made of: Latin, CJK, cased, one-to-many lower-casing, legal forms...
const NAME_PARTS: &[&str] = &[
    "BGI",
    "Bgi",
    "bgi",
    "MGI",
    "Genomics",
    "genomics",
    "Tech",
    "Bio",
    "Acme",
    "Gene",
    "DNA",
    "Co., Ltd.",
    "Co.,Ltd",
    "Inc.",
    "Inc",
    "Corp",
    "GmbH",
    "Limited",
    "co",
    "华大",
    "基因",
    "华大基因",
    "深圳",
    "研究院",
    "İstanbul",
    "ß",
    "Straße",
    "ẞ",
    "ǅemal",
    "ΣΙΓΜΑ",
    "σίγμα",
    "ς",
    "K",
    "\u{212A}",
    "Ω",
    "\u{2126}",
    "ＢＧＩ",
    "ｇｅｎ",
    "O'Brien",
    "O’Brien",
    "x-y",
    "x‑y",
    "3M",
    "_",
    "A",
    "ab",
    "a.b.",
    "é",
    "e\u{301}",
    "😀",
    "ก",
    "한국",
    "ـ",
    "١٢",
    "\u{AD}",
    "\u{200B}",
    "\u{A0}",
    " ",
    "-",
    "'",
    "(",
    ")",
    ".",
    ",",
];

/// Words put around names in texts: context, veto, noise.
const TEXT_WORDS: &[&str] = &[
    "dna",
    "DNA",
    "sequencing",
    "genomics",
    "基因",
    "测序",
    "airport",
    "flight",
    "mckinsey",
    "test kit",
    "the",
    "x",
    "Co.,",
    "Ltd",
    "Inc.",
    "of",
    "and",
    "BGI",
    "MGI",
    "FGI",
];

/// Awkward characters and separators.
const NOISE: &[&str] = &[
    "", " ", "  ", ", ", "-", "\n", "\u{A0}", "'", "’", "(", ")", "\u{AD}", "\u{200B}", "\u{FEFF}",
    "\u{2028}", "\u{3000}", "😀", "𝐀", "e\u{301}", "İ", "ß", "Σ", "ǅ", "华大", "Ω", "\u{212A}",
    "ｘ", "\u{1}", "\t", "_", "0", "é",
];

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list[i as usize % list.len()]
}

/// A name: parts joined, or arbitrary text now and then.
#[derive(Debug, Arbitrary)]
pub enum NameSpec {
    Parts(Vec<(u8, u8)>),
    Raw(String),
}

impl NameSpec {
    fn build(&self) -> String {
        match self {
            NameSpec::Parts(parts) => {
                let mut s = String::new();
                for &(p, sep) in parts.iter().take(6) {
                    s.push_str(pick(NAME_PARTS, p));
                    if sep % 3 == 0 {
                        s.push(' ');
                    }
                }
                s
            }
            NameSpec::Raw(s) => s.chars().take(40).collect(),
        }
    }
}

#[derive(Debug, Arbitrary)]
pub struct AliasSpec {
    pub text: NameSpec,
    pub weak: bool,
    pub cased: bool,
    pub context: Vec<u8>,
    pub exclude: Vec<u8>,
}

#[derive(Debug, Arbitrary)]
pub struct EntitySpec {
    pub name: NameSpec,
    pub name_zh: Option<NameSpec>,
    pub parent: Option<u8>,
    pub aliases: Vec<AliasSpec>,
}

/// How an alias is written in the text.
#[derive(Debug, Arbitrary, Clone, Copy)]
pub enum Mangle {
    AsWritten,
    Upper,
    Lower,
    Fullwidth,
    /// Spaces as NBSP or newlines, a soft hyphen or zero-width space inside.
    Spaces(u8),
    Invisible(u8),
    /// Cut at a character: a fragment.
    Prefix(u8),
}

#[derive(Debug, Arbitrary)]
pub enum Piece {
    Alias {
        entity: u8,
        alias: u8,
        how: Mangle,
    },
    Word(u8),
    Noise(u8),
    Raw(String),
    /// Starts a new segment (block) of the document.
    Break,
}

#[derive(Debug)]
pub struct ScanInput {
    pub entities: Vec<EntitySpec>,
    pub context_words: Vec<u8>,
    pub pieces: Vec<Piece>,
}

impl<'a> Arbitrary<'a> for ScanInput {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let n = u.int_in_range(1..=6)?;
        let mut entities = Vec::with_capacity(n);
        for _ in 0..n {
            let name = NameSpec::arbitrary(u)?;
            let name_zh = Option::<NameSpec>::arbitrary(u)?;
            let parent = Option::<u8>::arbitrary(u)?;
            let k = u.int_in_range(0..=4)?;
            let mut aliases = Vec::with_capacity(k);
            for _ in 0..k {
                aliases.push(AliasSpec::arbitrary(u)?);
            }
            entities.push(EntitySpec {
                name,
                name_zh,
                parent,
                aliases,
            });
        }
        let context_words = Vec::<u8>::arbitrary(u)?;
        let mut pieces = Vec::new();
        while pieces.len() < 48 && !u.is_empty() {
            pieces.push(Piece::arbitrary(u)?);
        }
        Ok(ScanInput {
            entities,
            context_words,
            pieces,
        })
    }
}

fn words(ids: &[u8]) -> Vec<String> {
    ids.iter()
        .take(4)
        .map(|&i| pick(TEXT_WORDS, i).to_string())
        .collect()
}

impl ScanInput {
    /// The list as a catalog that passes the import lint (texts that would fail it are
    /// adjusted: too long cut, too short made weak, every alias shared), as JSON.
    pub fn list_json(&self) -> String {
        let n = self.entities.len();
        let entities: Vec<Entity> = self
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let mut aliases: Vec<Alias> = Vec::new();
                for a in &e.aliases {
                    let text: String = a.text.build().chars().take(200).collect();
                    let key = alias_key(&text);
                    if key.is_empty() {
                        continue;
                    }
                    aliases.push(Alias {
                        weak: a.weak || key.chars().count() < 3,
                        cased: a.cased,
                        shared: true,
                        context: words(&a.context),
                        exclude: words(&a.exclude),
                        ..Alias::strong(text)
                    });
                }
                let mut name: String = e.name.build().chars().take(200).collect();
                if name.trim().is_empty()
                    || (aliases.is_empty() && alias_key(&name).chars().count() < 3)
                {
                    name = format!("Entity {i} {name}");
                }
                if aliases.is_empty() && alias_key(&name).chars().count() < 3 {
                    name = format!("Entity {i}");
                }
                Entity {
                    id: format!("e{i}"),
                    name,
                    name_zh: e
                        .name_zh
                        .as_ref()
                        .map(|z| z.build().chars().take(200).collect()),
                    name_zh_hant: None,
                    kind: None,
                    country: None,
                    family: e
                        .parent
                        .map(|p| p as usize % n)
                        .filter(|&p| p != i)
                        .map(|p| format!("e{p}")),
                    tier: Default::default(),
                    summary: None,
                    aliases,
                    designations: Vec::new(),
                    claims: Vec::new(),
                    responses: Vec::new(),
                    relations: Vec::new(),
                }
            })
            .collect();
        let catalog = Catalog {
            schema: 1,
            name: "fuzz".into(),
            version: String::new(),
            updated: None,
            context_words: words(&self.context_words),
            lists: Vec::new(),
            sources: Vec::new(),
            entities,
        };
        serde_json::to_string_pretty(&catalog).expect("serialisable")
    }

    /// The document's segments, built from the pieces against the parsed `list`.
    pub fn segments(&self, list: &Catalog) -> Vec<String> {
        let mut segments = vec![String::new()];
        for p in &self.pieces {
            let s = segments.last_mut().expect("one segment at least");
            match p {
                Piece::Alias { entity, alias, how } => {
                    let e = &list.entities[*entity as usize % list.entities.len()];
                    let texts: Vec<&str> = e
                        .aliases
                        .iter()
                        .map(|a| a.text.as_str())
                        .chain([e.name.as_str()])
                        .chain(e.name_zh.as_deref())
                        .collect();
                    let text = texts[*alias as usize % texts.len()];
                    s.push_str(&mangle(text, *how));
                }
                Piece::Word(i) => s.push_str(pick(TEXT_WORDS, *i)),
                Piece::Noise(i) => s.push_str(pick(NOISE, *i)),
                Piece::Raw(r) => s.extend(r.chars().take(16)),
                Piece::Break => segments.push(String::new()),
            }
        }
        segments
    }
}

fn mangle(text: &str, how: Mangle) -> String {
    match how {
        Mangle::AsWritten => text.to_string(),
        Mangle::Upper => text.to_uppercase(),
        Mangle::Lower => text.to_lowercase(),
        Mangle::Fullwidth => text
            .chars()
            .map(|c| match c {
                '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                c => c,
            })
            .collect(),
        Mangle::Spaces(k) => text.replace(' ', pick(&["\u{A0}", "\n", "  ", "\u{3000}", "\t"], k)),
        Mangle::Invisible(k) => {
            let chars: Vec<char> = text.chars().collect();
            let at = k as usize % (chars.len() + 1);
            let mut s: String = chars[..at].iter().collect();
            s.push_str(pick(
                &["\u{AD}", "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{2060}"],
                k / 8,
            ));
            s.extend(&chars[at..]);
            s
        }
        Mangle::Prefix(k) => {
            let n = text.chars().count();
            text.chars().take(k as usize % (n + 1)).collect()
        }
    }
}
