//! A skip-ahead prefilter: answers "can this text contain any alias?" on the *original* bytes,
//! before folding, so the common case — a block of page text naming nobody — costs a SIMD pass
//! instead of folding plus an automaton walk.
//!
//! Each alias contributes one *fingerprint* (or shares one another alias already uses): a run of
//! 3 to 8 ASCII letters or digits inside one of its uncommon words, led by a trigram that is rare
//! in English text ("bgi", "nsic" from "forensic", not "for"), or, for caseless scripts (CJK),
//! its first character (and each traditional form folding into it: 華 for 华). The SIMD pass
//! looks for the first three bytes; the exact check compares
//! up to eight. A folded match
//! of the alias implies the fingerprint occurs in the original text, ASCII case aside, unless
//! the text contains one of the few characters folding can turn into ASCII letters or make
//! vanish (fullwidth forms, the Kelvin sign, soft hyphens, zero-width characters, BOM); those
//! are fingerprints too. ASCII bytes are OR-ed with 0x20 (lower case) on both sides, so
//! a false positive is possible and a false negative is not; other bytes are compared as they
//! are, so that curly quotes and dashes (E2 80 xx) do not look like zero-width spaces.
//!
//! The fingerprints are matched Teddy-style (as in the aho-corasick crate's x86 prefilter):
//! eight buckets, and per fingerprint position a 16-entry table for the low and the high nibble
//! of a byte; a position is a candidate when the three lookups share a bucket bit. With WASM
//! `simd128`, 16 positions take a handful of `i8x16.swizzle`s. Bucket hits are only candidates
//! (nibble tables cross-match); each is checked against the exact fingerprints. Above [`MAX_FINGERPRINTS`]
//! fingerprints (large imported lists) the filter would pass almost everything and is not built.

use crate::fold::{caseless_preimage, fold_pattern};
use std::collections::HashMap;

/// More fingerprints than this make the filter useless; the matcher then runs without one.
pub(crate) const MAX_FINGERPRINTS: usize = 96;

/// Original-text sequences that folding turns into ASCII letters or drops (see module docs).
const SPECIAL: &[&[u8]] = &[
    b"\xC2\xAD",     // soft hyphen
    b"\xE2\x80\x8B", // zero-width space
    b"\xE2\x80\x8C", // zero-width non-joiner
    b"\xE2\x80\x8D", // zero-width joiner
    b"\xE2\x81\xA0", // word joiner
    b"\xE1\xA0\x8E", // Mongolian vowel separator
    b"\xE2\x84\xAA", // Kelvin sign, lower-cases to 'k'
    b"\xEF\xBB\xBF", // BOM / zero-width no-break space
    b"\xEF\xBC",     // fullwidth forms U+FF00..U+FF3F
    b"\xEF\xBD",     // fullwidth forms U+FF40..U+FF7F
];

/// English letter frequency order, most frequent first: of two equally uncommon trigrams, the
/// one with rarer letters wins.
const FREQUENCY_ORDER: &[u8] = b"etaoinsrhldcumfpgwybvkxjqz";

fn rarity(b: u8) -> u32 {
    match FREQUENCY_ORDER.iter().position(|&x| x == b) {
        Some(i) => i as u32 + 1,
        None => 14, // digits: middling
    }
}

/// The 1,000 most frequent letter trigrams of English text, most frequent first (counted inside
/// words over a Debian system's English manual pages and package documentation, 74 M trigrams;
/// these 1,000 are 82% of them; `scripts/gen-trigrams.py` regenerates the table). Every position of page text is a SIMD candidate when it starts an anchor's
/// first trigram, so an anchor led by "for" or "ide" ("forensic", "identification") would send
/// the filter to its exact check every few hundred bytes; one led by "ens" or "ntif" rarely.
const COMMON_TRIGRAMS: &str = "
    the ion com ing tio ode and for ent ate est tes con ith all ile ati omm ter fil use ons nod dat
    int ver add mit ect str sta han rea ble pro ted fix ers ort cha ame tho lib lin res mmi ang ser
    abl cod ove men git ess ttp htt por ead nst wit new ins ass cti not sed ste che org age nge rin
    tha man thu hat sio set les nam nte tps ase ist thi per cal ian omp pti ine gen aut tra rec pat
    emo are sts her rom enc tin ake pre tor onf hub tri ack par ure ext out ert err ope nde ain der
    his ore def hen get key ans opt dej ejs fro ign tch ran ava eri ite whe rem ere val hor typ mov
    exp tat sin lat ele ont ali ult mat end mod rat mpl uth rep ind mak lea ded loc unc deb ces tur
    cat pen imp ple ref eve ner ens ull sig tal rsi nce nfi ype pas ses ail gnu red ssi jav orm pri
    tre ren fig efi tim rge src dir mon atc doc fun inc sse bug uil los eck nse tru era din ime ill
    tab ive nts hec tem low bui upd mes pda fer ret ned iti ini rit ild ges nta nct sup ose ace arg
    llo des dis ize rro nal lic upp tex cor rel ten spe ica rti den pac que ree lan ntr bas ich bin
    har ror ete rma ire ann mai aul bia pec lis wor fin oul cur act nit und ume ppo nin ard ifi nti
    pla ata ari ebi san let rac ara ene can pul ock att win tte too net hon put mor efa equ ern eme
    app ide sys ool rre one met clo dec inf sub pli ath ena yth scr ise eas ixe mav lar ven old min
    oun eam pos uct pyt our off ond ule evi lue tic alu dde fau odu rte ust uti mar fie iss ach tls
    epo ity ruc las cri now ial eat tmp cke etu ber log bol ffe cla cre sec ory ger ike sho jec ram
    eco ade rip lit dep art ili ric rog ork rop ria fre urn dev led edi igu sti ett reg col tar ies
    lik ice ars til ues rce mma gra del oca eed ome eci whi ndi sto req anc tai nfo erv gur tro lem
    obj ord ary but cto sen var als run rse nik arc gpg lle nsi eta war has ols buf med ndo nco uni
    wil sha ndl iel ged ler tia rev len dit gne yst nut hin ipt rou clu uff ese ave mis yte wis rov
    ote nno hre mpi ong erg ost utl cer dul hav byt esc bac ell num rif atu mer hes oth unt gin ant
    dif onl ast ina hel ncy nly mac tan nne ify mem orr uns nor fla beh rie roc kef cas cry usi dow
    don lud itt erm dle ogi wri rve acc nes eti mbe cte lly ewi ncl chi ris nat sou hic mpr oin urc
    siz lla hou ude pil cle een ien bra lie api rch ear lon ker qui ngs ori erf sag ssa kew fic bje
    ink oll wer son ups ash thr mul mmo its arn bli vic cve sol igh imi ecu tiv exi obl gdb ona ved
    uld ani cif you tea ows hea inu kin mpo nop ual was ssu loa ute spa lag iko urg vid any try ede
    som lay tti tly lti eth fai ocu ron ean non cka ous opo lso iff arr nma mpz ege ors ryp uri wed
    nds ypt odi rne oce cum amp cce dad gia ied rot bit ulo eak ket sim pou ato oad syn xtr cts kos
    xed top ula uto poi umb oid tpu lac rib ale map avr sel cop nch mpn vro cro oop fte hda how ght
    utp sla ssl nec sam xte xes tif may pst ils rni nab ehd aft rig rna ook sym vin url rob own kag
    cli ilt loo ita efe mic epe ium nup mpa iab lte soc exa lid sue see fac dre rol gle eng emp aus
    fon elo gre sca liz sun eld ppe spl isa ibl voi uir ppl cou nic rap oto eso mal inp efo riv eli
    tag rar inv abo pag pin lli epl nto mme nul pes eca avo exe det iqu cac lab ral ick dan rgu gno
    esp gtk elp cen nee lec tom tak ark sep tec blo gum opy dro ags cau ibu way ray ala uen upg ovi
    ubs she ebu diu avi bou ila hos uit ept nda onn gro oes ole dha nux pkg tjm vel ets bil ctl bee
    nsl isc nie rri liq sab arm htm duc tml teg owe gna fri iou cks sch chr doe oss mpt tus ngr boo
    ced ado ora irm rra isp xpe edh lim iro tto sit car oma osi ima phe ema rmi ict raw ico nel onv
    jus sui epr alt anu bet hem ece dia npu ems coo epa abi mbo urr ync rst dar cep vio rts hod kar
    ttr sat mng rmn std ein ken smi xam rim bpo mas bef rde nve ogr gma ibr erl dli oli ctu ier ump
    eys ton xec ugh vie eno exc olo flo lia cip sur tac fra nss tue env ves ful ngl nks acr oke oot
    esu two iva pol hro ddr ish ngt irs bus ici ada ery ymb rus edu ros iew nis egi xml ids ays rod
    bre jul iph pto pan hil lev dex eit etc uce urs rio ked dic aug
";

/// How common a trigram is: 0 when it is not among [`COMMON_TRIGRAMS`], else 1,000 for the most
/// frequent down to 1 for the 1,000th.
fn commonness(trigram: &[u8]) -> u32 {
    COMMON_TRIGRAMS
        .split_ascii_whitespace()
        .position(|t| t.as_bytes() == trigram)
        .map_or(0, |rank| 1000 - rank as u32)
}

/// Longest anchor checked exactly.
const MAX_ANCHOR: usize = 8;

/// Words frequent in ordinary page text, avoided as anchors when an alias has a rarer one
/// ("forensic", not "public", for the police forensics institute): any part of such a word
/// occurs wherever the word does.
#[rustfmt::skip]
const COMMON_WORDS: &[&str] = &[
    "the", "and", "for", "with", "from", "china", "chinese", "china's", "public", "security",
    "ministry", "institute", "science", "center", "centre", "material", "materials", "people",
    "people's", "republic", "group", "research", "technology", "tech", "company", "solution",
    "solutions", "americas", "america", "diagnostics", "national", "general", "global", "health",
    "medical", "services", "service", "holdings", "beijing", "shenzhen", "shanghai", "silk",
    "road", "complete", "international", "limited", "corporation", "university",
];

/// The anchors an alias could use: every run of 3 to 8 ASCII letters or digits inside one of
/// its words (the longest from each start), from its uncommon words if it has any.
fn anchors(key: &str) -> impl Iterator<Item = &[u8]> {
    let words = || {
        key.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| w.len() >= 3)
    };
    let all_common = words().all(|w| COMMON_WORDS.contains(&w));
    words()
        .filter(move |w| all_common || !COMMON_WORDS.contains(w))
        .flat_map(|w| {
            let w = w.as_bytes();
            (0..=w.len() - 3).map(move |s| &w[s..w.len().min(s + MAX_ANCHOR)])
        })
}

/// The anchors of one folded alias: the run of ASCII letters or digits (3 to 8 bytes, inside a
/// word) whose first trigram is least common in English, or, without one, its first character
/// when that is caseless (CJK), with every traditional form that folds into it (华 and 華);
/// `None` otherwise.
fn fingerprint(key: &str) -> Option<Vec<Vec<u8>>> {
    // Least common first trigram (how often the SIMD pass stops for an exact check); then the
    // longest (how often the exact check passes a block that names nobody: "sic" is in "music",
    // "nsic" hardly anywhere); then the rarest letters.
    let best = anchors(key).max_by_key(|a| {
        (
            std::cmp::Reverse(commonness(&a[..3])),
            a.len(),
            a[..3].iter().map(|&x| rarity(x)).sum::<u32>(),
        )
    });
    if let Some(a) = best {
        return Some(vec![a.to_vec()]);
    }
    let first = key.chars().next()?;
    let written = caseless_preimage(first);
    (!written.is_empty() && written.iter().all(|c| c.len_utf8() >= 3)).then(|| {
        written
            .iter()
            .map(|c| c.to_string().as_bytes()[..3].to_vec())
            .collect()
    })
}

/// The characters folding drops (the invisible ones of [`SPECIAL`]) as a JavaScript RegExp
/// character class: a page-level check removes them before it looks for [`page_pattern`].
pub const PAGE_IGNORED: &str = "[\\u00ad\\u180e\\u200b-\\u200d\\u2060\\ufeff]";

/// Words of aliases that ordinary pages use often enough that a page-level check should not
/// stop for them (on top of [`COMMON_WORDS`]).
const PAGE_COMMON_WORDS: &[&str] = &["identification", "identifier", "genomics", "sequencing"];

/// A page-level check's fingerprint of one folded alias: the longest anchor (up to eight
/// letters or digits) of its least common word, or its first two characters when it starts with
/// two caseless ones (CJK), else its first; `None` when it has neither. Where the prefilter
/// wants a rare leading trigram (a SIMD pass stops at each), a whole-page check wants a rare
/// whole string: "forensic" passes a page about music that "sic" would not.
fn page_fingerprint(key: &str) -> Option<String> {
    let words: Vec<&str> = key
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() >= 3)
        .collect();
    let rank = |w: &&&str| {
        let w = **w;
        (
            !COMMON_WORDS.contains(&w) && !PAGE_COMMON_WORDS.contains(&w),
            !COMMON_WORDS.contains(&w),
            w.len().min(MAX_ANCHOR),
            w.bytes().map(rarity).sum::<u32>(),
        )
    };
    if let Some((i, best)) = words.iter().enumerate().max_by_key(|(_, w)| rank(w)) {
        // A word that pages use often ("identification", "genomics") goes with its neighbour
        // ("identification center"; a space stands for any whitespace run, as folding has it).
        if !rank(&best).0 {
            let next = words.get(i + 1).map(|n| format!("{best} {n}"));
            let prev = i.checked_sub(1).map(|p| format!("{} {best}", words[p]));
            if let Some(pair) = [next, prev]
                .into_iter()
                .flatten()
                .find(|p| key.contains(p.as_str()))
            {
                return Some(pair);
            }
        }
        // The start of the word: an alias's match holds every word of it whole.
        return Some(best[..best.len().min(MAX_ANCHOR)].to_string());
    }
    // A caseless character (CJK) is written as itself or as one of its traditional forms
    // (華 for 华): page_pattern gives each print character the class of what folds into it.
    let caseless = |c: char| {
        let written = caseless_preimage(c);
        !written.is_empty() && written.iter().all(|w| w.len_utf8() >= 3)
    };
    let mut chars = key.chars();
    let first = chars.next()?;
    if !caseless(first) {
        return None;
    }
    match chars.next() {
        Some(second) if caseless(second) => Some(format!("{first}{second}")),
        _ => Some(first.to_string()),
    }
}

/// The JavaScript RegExp source (flags `i`, on UTF-16 text) of a page-level check over alias
/// `keys`: one fingerprint per alias ([`page_fingerprint`]) plus the characters folding turns
/// into ASCII letters or digits, so a text without a match holds none of them once the
/// characters folding drops ([`PAGE_IGNORED`]) are removed from it: a superset, as the
/// prefilter, and one that soft hyphens and zero-width spaces (common on real pages) do not
/// pass by themselves. `None` when some alias has no fingerprint.
pub fn page_pattern<'a>(keys: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut prints: Vec<String> = Vec::new();
    for key in keys {
        prints.push(page_fingerprint(&fold_pattern(key))?);
    }
    // A print that contains another one adds nothing.
    prints.sort_by_key(|p| p.len());
    let mut kept: Vec<String> = Vec::new();
    for p in prints {
        if !kept.iter().any(|k| p.contains(k.as_str())) {
            kept.push(p);
        }
    }
    let unit = |c: char| -> String {
        let mut units = [0u16; 2];
        c.encode_utf16(&mut units)
            .iter()
            .map(|u| format!("\\u{u:04x}"))
            .collect()
    };
    let escape = |c: char| -> String {
        if c.is_ascii_alphanumeric() {
            return c.to_string();
        }
        if c == ' ' {
            // Any whitespace run (char::is_whitespace; JavaScript's \s lacks U+0085).
            return "[\\s\\u0085]+".to_string();
        }
        match caseless_preimage(c).as_slice() {
            [] | [_] => unit(c),
            written => format!("[{}]", written.iter().map(|&w| unit(w)).collect::<String>()),
        }
    };
    let mut alternatives: Vec<String> = kept
        .iter()
        .map(|p| p.chars().map(escape).collect())
        .collect();
    // What folding turns into ASCII letters or digits: fullwidth ones and the Kelvin sign.
    alternatives.push("[\\uff10-\\uff19\\uff21-\\uff3a\\uff41-\\uff5a]|\\u212a".to_string());
    alternatives.sort();
    Some(alternatives.join("|"))
}

/// The byte transformation applied to text and fingerprints alike.
#[inline]
fn lower(b: u8) -> u8 {
    if b < 0x80 {
        b | 0x20
    } else {
        b
    }
}

/// An anchor packed for the exact check: its bytes as a little-endian word (zero-padded), the
/// mask of its length's bytes, and its length.
type Print = (u64, u64, usize);

/// `lower` on eight bytes at once: 0x20 OR-ed into each byte whose top bit is clear.
#[inline]
fn lower8(x: u64) -> u64 {
    x | ((!x & 0x8080_8080_8080_8080) >> 2)
}

/// The prefilter over a set of aliases.
#[derive(Debug, Clone)]
pub struct Prefilter {
    /// `[position][nibble]` → bucket bits.
    lo: [[u8; 16]; 3],
    hi: [[u8; 16]; 3],
    /// The exact fingerprints, transformed, per bucket, for checking candidates.
    buckets: [Vec<Print>; 8],
}

impl Prefilter {
    /// Builds the prefilter for folded alias keys; `None` when some alias has no fingerprint or
    /// there are too many.
    pub(crate) fn new<'a>(keys: impl IntoIterator<Item = &'a str>) -> Option<Prefilter> {
        let keys: Vec<String> = keys.into_iter().map(fold_pattern).collect();
        let mut prints: Vec<Vec<u8>> = Vec::new();
        // The ASCII prints so far by their first three bytes, to find one a key contains.
        let mut by_trigram: HashMap<[u8; 3], Vec<usize>> = HashMap::new();
        // Prefer a fingerprint another alias already uses ("bgi" serves nine BGI names): fewer
        // fingerprints, fewer false candidates. A key's matches contain any fingerprint that is
        // the start of one of its anchors (an anchor is a run inside a word).
        let mut order: Vec<&String> = keys.iter().collect();
        // Shortest first, separators not counted and the spaced form of a name before its
        // joined forms ("wuxi apptec" before "wuxiapptec", which then shares its print).
        order.sort_by_key(|k| {
            let separators = k.bytes().filter(|&b| b == b' ' || b == b'-').count();
            (k.len() - separators, std::cmp::Reverse(separators))
        });
        for key in order {
            let shared = anchors(key).any(|a| {
                by_trigram
                    .get(&[a[0], a[1], a[2]])
                    .is_some_and(|ps| ps.iter().any(|&i| a.starts_with(&prints[i])))
            });
            if !shared {
                for print in fingerprint(key)? {
                    if !prints.contains(&print) {
                        if print.len() >= 3 && print.iter().all(u8::is_ascii_alphanumeric) {
                            let first = [print[0], print[1], print[2]];
                            by_trigram.entry(first).or_default().push(prints.len());
                        }
                        prints.push(print);
                    }
                }
                // Give up as soon as there are too many (a 20,000-name list once took 19 s to
                // load here).
                if prints.len() + SPECIAL.len() > MAX_FINGERPRINTS {
                    return None;
                }
            }
        }
        prints.extend(SPECIAL.iter().map(|s| s.to_vec()));
        for p in &mut prints {
            p.iter_mut().for_each(|b| *b = lower(*b));
        }
        prints.sort();
        prints.dedup();
        if prints.len() > MAX_FINGERPRINTS {
            return None;
        }
        let mut f = Prefilter {
            lo: [[0; 16]; 3],
            hi: [[0; 16]; 3],
            buckets: Default::default(),
        };
        // ASCII-led fingerprints get six buckets, others (CJK, invisible characters) two:
        // English text then only meets the ASCII buckets. Within a group, neighbours in sorted
        // order share bytes, so contiguous runs per bucket keep nibble cross-matches rare.
        let (ascii, other): (Vec<&Vec<u8>>, Vec<&Vec<u8>>) =
            prints.iter().partition(|p| p[0] < 0x80);
        let ascii_buckets = match (ascii.is_empty(), other.is_empty()) {
            (true, _) => 0,
            (false, true) => 8,
            (false, false) => 6,
        };
        let groups = [
            (ascii, 0, ascii_buckets),
            (other, ascii_buckets, 8 - ascii_buckets),
        ];
        for (group, first, count) in groups {
            let n = group.len();
            for (i, p) in group.into_iter().enumerate() {
                let bucket = first + i * count / n;
                let bit = 1u8 << bucket;
                for k in 0..3 {
                    match p.get(k) {
                        Some(&b) => {
                            f.lo[k][(b & 15) as usize] |= bit;
                            f.hi[k][(b >> 4) as usize] |= bit;
                        }
                        // A 2-byte fingerprint: any third byte.
                        None => {
                            f.lo[k].iter_mut().for_each(|x| *x |= bit);
                            f.hi[k].iter_mut().for_each(|x| *x |= bit);
                        }
                    }
                }
                let mut bytes = [0u8; MAX_ANCHOR];
                bytes[..p.len()].copy_from_slice(p);
                let mask = u64::MAX >> (8 * (MAX_ANCHOR - p.len()));
                f.buckets[bucket].push((u64::from_le_bytes(bytes), mask, p.len()));
            }
        }
        Some(f)
    }

    /// The fingerprints as the source of a JavaScript RegExp (to use with the `gi` flags, on
    /// UTF-16 text): the same superset in a script that has no WASM engine at hand. ASCII
    /// fingerprints are literals (the `i` flag is the prefilter's ASCII case folding: without
    /// the `u` flag no non-ASCII character folds to ASCII); a fingerprint that is the start of a
    /// character's UTF-8 (fullwidth forms) is the class of the characters it starts.
    pub fn js_pattern(&self) -> String {
        let escape = |c: char| {
            if c.is_ascii_alphanumeric() {
                c.to_string()
            } else {
                let mut units = [0u16; 2];
                c.encode_utf16(&mut units)
                    .iter()
                    .map(|u| format!("\\u{u:04x}"))
                    .collect()
            }
        };
        let mut alternatives: Vec<String> = Vec::new();
        for (word, _, len) in self.buckets.iter().flatten() {
            let bytes = &word.to_le_bytes()[..*len];
            let alternative = match std::str::from_utf8(bytes) {
                Ok(text) => text.chars().map(escape).collect(),
                Err(_) => {
                    // A lead byte and some continuation bytes: every character they start.
                    let need = match bytes[0] {
                        0xC0..=0xDF => 2,
                        0xE0..=0xEF => 3,
                        _ => 4,
                    };
                    let fill = |b: u8| {
                        let mut v = bytes.to_vec();
                        v.resize(need, b);
                        std::str::from_utf8(&v).ok()?.chars().next()
                    };
                    match (fill(0x80), fill(0xBF)) {
                        (Some(lo), Some(hi)) => format!("[{}-{}]", escape(lo), escape(hi)),
                        _ => continue,
                    }
                }
            };
            alternatives.push(alternative);
        }
        alternatives.sort();
        alternatives.dedup();
        alternatives.join("|")
    }

    /// True when `text` may contain an alias; false means it certainly does not.
    pub(crate) fn might_match(&self, text: &[u8]) -> bool {
        self.find(text, 0).is_some()
    }

    /// Where the first fingerprint at or after `from` starts (ASCII case aside); `None` means
    /// no alias occurs in `text[from..]`. Callers with many blocks in one buffer run this once over the buffer
    /// instead of once per block, which saves a call and a scalar tail per block.
    pub fn find(&self, text: &[u8], from: usize) -> Option<usize> {
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        {
            self.find_simd(text, from)
        }
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("ssse3") {
                // Safety: the CPU has SSSE3.
                return unsafe { self.find_ssse3(text, from) };
            }
            self.find_scalar(text, from)
        }
        #[cfg(not(any(
            all(target_arch = "wasm32", target_feature = "simd128"),
            target_arch = "x86_64"
        )))]
        {
            self.find_scalar(text, from)
        }
    }

    /// The simd128 algorithm with SSSE3's `pshufb` (same semantics for indices 0..16), for the
    /// native CLI.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "ssse3")]
    unsafe fn find_ssse3(&self, text: &[u8], from: usize) -> Option<usize> {
        use std::arch::x86_64::*;
        let load = |p: *const u8| _mm_loadu_si128(p as *const __m128i);
        let lo = self.lo.map(|t| load(t.as_ptr()));
        let hi = self.hi.map(|t| load(t.as_ptr()));
        let nibble = _mm_set1_epi8(0x0F);
        let case_bit = _mm_set1_epi8(0x20);
        let minus_one = _mm_set1_epi8(-1);
        let zero = _mm_setzero_si128();
        let p = text.as_ptr();
        let mut i = from;
        while i + 18 <= text.len() {
            let mut m = _mm_set1_epi8(-1);
            for k in 0..3 {
                // Safety: i + k + 16 <= len.
                let raw = load(p.add(i + k));
                let v = _mm_or_si128(raw, _mm_and_si128(case_bit, _mm_cmpgt_epi8(raw, minus_one)));
                let l = _mm_shuffle_epi8(lo[k], _mm_and_si128(v, nibble));
                let h = _mm_shuffle_epi8(hi[k], _mm_and_si128(_mm_srli_epi16(v, 4), nibble));
                m = _mm_and_si128(m, _mm_and_si128(l, h));
            }
            let lanes = !_mm_movemask_epi8(_mm_cmpeq_epi8(m, zero)) as u32 & 0xFFFF;
            if lanes != 0 {
                let buckets = std::mem::transmute::<__m128i, [u8; 16]>(m);
                if let Some(at) = self.first_print_in_lanes(text, i, lanes, buckets) {
                    return Some(at);
                }
            }
            i += 16;
        }
        self.find_scalar(text, i)
    }

    /// The same search one position at a time, from `start`.
    pub(crate) fn find_scalar(&self, text: &[u8], start: usize) -> Option<usize> {
        let at = |i: usize| lower(text.get(i).copied().unwrap_or(0));
        (start..text.len()).find(|&i| {
            let mut m = 0xFF;
            for k in 0..3 {
                let b = at(i + k);
                m &= self.lo[k][(b & 15) as usize] & self.hi[k][(b >> 4) as usize];
            }
            m != 0 && self.is_print_at(text, i, m)
        })
    }

    /// The exact check of a SIMD step's candidates: `lanes` has a bit per position after `i`
    /// where `buckets[lane]` (bucket bits) matched.
    #[cfg(any(
        all(target_arch = "wasm32", target_feature = "simd128"),
        target_arch = "x86_64"
    ))]
    fn first_print_in_lanes(
        &self,
        text: &[u8],
        i: usize,
        mut lanes: u32,
        buckets: [u8; 16],
    ) -> Option<usize> {
        while lanes != 0 {
            let lane = lanes.trailing_zeros() as usize;
            if self.is_print_at(text, i + lane, buckets[lane]) {
                return Some(i + lane);
            }
            lanes &= lanes - 1;
        }
        None
    }

    /// True when a fingerprint of one of the `buckets` (bits) starts at `text[i]`: the exact
    /// check behind a bucket hit.
    #[inline]
    fn is_print_at(&self, text: &[u8], i: usize, mut buckets: u8) -> bool {
        let rest = &text[i..];
        // Eight bytes of text as one word (zero-padded near the end: a shorter rest can't match
        // a longer fingerprint, as the length check says, and padding never equals a byte of
        // one that fits).
        let mut word = [0u8; MAX_ANCHOR];
        let n = rest.len().min(MAX_ANCHOR);
        word[..n].copy_from_slice(&rest[..n]);
        let word = lower8(u64::from_le_bytes(word));
        while buckets != 0 {
            let b = buckets.trailing_zeros() as usize;
            buckets &= buckets - 1;
            let found = self.buckets[b]
                .iter()
                .any(|&(p, mask, len)| len <= n && word & mask == p);
            if found {
                return true;
            }
        }
        false
    }

    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    fn find_simd(&self, text: &[u8], from: usize) -> Option<usize> {
        use core::arch::wasm32::*;
        // Safety: every load reads 16 bytes inside `text` (i + 2 + 16 <= len) or a table.
        unsafe {
            let load = |p: *const u8| core::ptr::read_unaligned(p as *const v128);
            let lo = self.lo.map(|t| load(t.as_ptr()));
            let hi = self.hi.map(|t| load(t.as_ptr()));
            let nibble = u8x16_splat(0x0F);
            let case_bit = u8x16_splat(0x20);
            let zero = u8x16_splat(0);
            let p = text.as_ptr();
            let mut i = from;
            while i + 18 <= text.len() {
                let mut m = u8x16_splat(0xFF);
                for k in 0..3 {
                    let raw = load(p.add(i + k));
                    // lower(): OR 0x20 into bytes < 0x80 only (their sign bit is clear).
                    let v = v128_or(raw, v128_and(case_bit, i8x16_ge(raw, zero)));
                    let l = u8x16_swizzle(lo[k], v128_and(v, nibble));
                    let h = u8x16_swizzle(hi[k], u8x16_shr(v, 4));
                    m = v128_and(m, v128_and(l, h));
                }
                if v128_any_true(m) {
                    let lanes = i8x16_bitmask(u8x16_ne(m, zero)) as u32;
                    let buckets = core::mem::transmute::<v128, [u8; 16]>(m);
                    if let Some(at) = self.first_print_in_lanes(text, i, lanes, buckets) {
                        return Some(at);
                    }
                }
                i += 16;
            }
            self.find_scalar(text, i)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_uncommon_anchors_and_cjk_first_chars() {
        let one = |key: &str| {
            let mut prints = fingerprint(key).unwrap();
            assert_eq!(prints.len(), 1, "{key}");
            prints.remove(0)
        };
        assert_eq!(one("bgi"), b"bgi");
        // The longest of the uncommon ones: fewer blocks pass on a partial name.
        assert_eq!(one("wuxi apptec"), b"pptec");
        // Not led by "for" or "ide", the trigrams English text is full of.
        let forensic = one("forensic identification");
        assert!(!forensic.starts_with(b"for") && !forensic.starts_with(b"ide"));
        // Inside the one uncommon word, not in "ministry", "public" or "security".
        let ifs = one("institute of forensic science of the ministry of public security");
        assert!(b"forensic".windows(3).any(|w| ifs.starts_with(w)));
        assert_eq!(one("深圳华大基因"), "深".as_bytes());
        // A character with a traditional form: either may start the original text.
        assert_eq!(
            fingerprint("华大基因").unwrap(),
            ["华".as_bytes(), "華".as_bytes()]
        );
        assert_eq!(fingerprint("a b"), None);
    }

    #[test]
    fn passes_aliases_in_any_form_and_skips_plain_text() {
        let f = Prefilter::new(["BGI", "BGI Genomics", "WuXi AppTec", "华大基因"]).unwrap();
        for yes in [
            "x BGI y",
            "bgi",
            "buy from WUXI APPTEC",
            "本产品华大",
            "ＢＧＩ",
            "B\u{AD}GI",
            "ab\u{200B}c",
        ] {
            assert!(f.might_match(yes.as_bytes()), "{yes:?}");
        }
        for no in [
            "",
            "the quick brown fox jumps over the lazy dog",
            "Shenzhen genomics company data",
        ] {
            assert!(!f.might_match(no.as_bytes()), "{no:?}");
        }
    }

    #[test]
    fn simd_and_scalar_agree() {
        let f = Prefilter::new([
            "BGI Genomics",
            "WuXi AppTec",
            "华大基因",
            "Forensic Genomics",
        ])
        .unwrap();
        let base = "the quick brown fox jumps over the lazy dog; “quotes” — and café ".repeat(3);
        for needle in [
            "BGI",
            "wuxi",
            "华",
            "ＢＧＩ",
            "\u{AD}",
            "forensic",
            "bg",
            "xbgix",
        ] {
            for at in [0, 1, 15, 16, 17, 40, base.len()] {
                let mut text = base.clone();
                let at = (0..=at.min(text.len()))
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap();
                text.insert_str(at, needle);
                for from in [0, 1, at, at + 1] {
                    assert_eq!(
                        f.find(text.as_bytes(), from),
                        f.find_scalar(text.as_bytes(), from),
                        "{needle:?} at {at}, from {from}"
                    );
                }
            }
        }
    }

    #[test]
    fn js_pattern_lists_every_fingerprint() {
        let f = Prefilter::new(["BGI", "WuXi AppTec", "华大基因"]).unwrap();
        let p = f.js_pattern();
        assert!(p.split('|').any(|a| a == "bgi"), "{p}");
        assert!(p.contains("\\u534e"), "{p}"); // 华
        assert!(p.contains("[\\uff00-\\uff3f]"), "{p}");
        assert!(p.contains("\\u00ad"), "{p}");
    }

    #[test]
    fn page_pattern_prefers_whole_uncommon_words() {
        let p = page_pattern([
            "BGI Genomics",
            "Institute of Forensic Science",
            "华大基因",
            "MGI",
        ])
        .unwrap();
        let parts: Vec<&str> = p.split('|').collect();
        assert!(parts.contains(&"bgi") && parts.contains(&"mgi"), "{p}");
        assert!(parts.contains(&"forensic"), "{p}");
        // 华大, each character also in its traditional form (華): folding makes them one.
        assert!(parts.contains(&"[\\u534e\\u83ef]\\u5927"), "{p}");
        assert!(!parts.iter().any(|a| a.contains("genomics")), "{p}"); // "bgi" covers "BGI Genomics"
        let p = page_pattern(["Complete Genomics"]).unwrap();
        assert!(p.contains("complete[\\s\\u0085]+genomics"), "{p}");
    }

    #[test]
    fn large_lists_get_no_prefilter() {
        // 200 distinct three-letter names, so 200 distinct fingerprints.
        let names: Vec<String> = (0..200u8)
            .map(|i| format!("{}{}x", (b'a' + i % 26) as char, (b'a' + i / 26) as char))
            .collect();
        assert!(Prefilter::new(names.iter().map(String::as_str)).is_none());
    }

    /// Folding turns into ASCII letters or digits only ASCII, fullwidth forms and the Kelvin
    /// sign, and drops only the invisible characters listed in SPECIAL: the module's argument.
    #[test]
    fn only_the_special_characters_fold_into_ascii_or_vanish() {
        for c in (0x80u32..=0x10FFFF).filter_map(char::from_u32) {
            let folded = crate::fold::fold(&c.to_string()).text;
            let into_ascii_alnum = folded.bytes().any(|b| b.is_ascii_alphanumeric());
            if folded.is_empty() || into_ascii_alnum {
                let mut buf = [0u8; 4];
                let bytes = c.encode_utf8(&mut buf).as_bytes();
                assert!(
                    SPECIAL.iter().any(|s| bytes.starts_with(s)),
                    "U+{:04X} folds to {folded:?} but is not a special fingerprint",
                    c as u32
                );
            }
        }
    }
}
