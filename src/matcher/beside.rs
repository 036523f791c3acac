//! Other organisations with the same long name. A public body's name says what it does, not
//! whose it is: Vietnam's and Laos' ministries of public security have institutes of forensic
//! science too. A match of a public body's name ([`is_public_body`]) is ruled out when another
//! country sits right beside it: its possessive or demonym, or the country or its capital as
//! an attributive, before the name ("Vietnam's ...", "the Vietnamese ...", "Laos ..."); "of",
//! "of the", "in" or an affiliation comma and a country or capital after it ("... of Laos",
//! "... in Hanoi", "..., Vietnam"). Its own country there ("China's", "in Beijing") is no veto.
//!
//! Places come from a generated table of the world's countries and territories
//! ([`crate::places`], `scripts/gen-places.py`); the longest place name at a position decides
//! ("People's Republic of China" is China, though "Republic of China" is Taiwan).

use crate::catalog::Entity;
use crate::fold::is_word_char;
use crate::places::PLACES;

/// True for an entity whose name other countries' bodies share: a government body, or a
/// research institute outside any corporate family (a unit of a group carries its brand).
pub(crate) fn is_public_body(e: &Entity) -> bool {
    e.country.is_some()
        && match e.kind.as_deref() {
            Some("government-body") => true,
            Some("research-institute") => e.family.is_none(),
            _ => false,
        }
}

fn places() -> impl Iterator<Item = (&'static str, &'static str)> {
    PLACES
        .lines()
        .filter(|l| l.len() > 2 && l.is_char_boundary(2))
        .map(|l| (&l[..2], &l[2..]))
}

/// The country of the longest place name that folded `text` starts with, as whole words.
fn place_starting(text: &str) -> Option<&'static str> {
    places()
        .filter(|(_, name)| {
            text.starts_with(name) && !text[name.len()..].chars().next().is_some_and(is_word_char)
        })
        .max_by_key(|(_, name)| name.len())
        .map(|(code, _)| code)
}

/// The country of the longest place name that folded `text` ends with, as whole words.
fn place_ending(text: &str) -> Option<&'static str> {
    places()
        .filter(|(_, name)| {
            text.ends_with(name)
                && !text[..text.len() - name.len()]
                    .chars()
                    .next_back()
                    .is_some_and(is_word_char)
        })
        .max_by_key(|(_, name)| name.len())
        .map(|(code, _)| code)
}

/// True when a country other than `own` (ISO 3166-1 alpha-2) sits right beside the match
/// `[start, end)` of folded `text`.
pub(crate) fn other_country_beside(text: &str, start: usize, end: usize, own: &str) -> bool {
    let other = |code: Option<&str>| code.is_some_and(|c| !c.eq_ignore_ascii_case(own));
    // Before: "vietnam's ", "laos' ", "vietnamese ", "hanoi ".
    if let Some(b) = text[..start].strip_suffix(' ') {
        let b = b
            .strip_suffix("'s")
            .or_else(|| b.strip_suffix('\''))
            .unwrap_or(b);
        if other(place_ending(b)) {
            return true;
        }
    }
    // After: " of vietnam", " of the socialist republic of vietnam", " in hanoi", ", laos".
    let after = &text[end..];
    [" of the ", " of ", " in ", ", "].iter().any(|lead| {
        after.strip_prefix(lead).is_some_and(|rest| {
            place_starting(rest).is_some_and(|code| {
                // "..., Russia's committee" starts another name, not a place of this one.
                let name_len = places()
                    .filter(|(c, n)| *c == code && rest.starts_with(n))
                    .map(|(_, n)| n.len())
                    .max()
                    .unwrap_or(0);
                !rest[name_len..].starts_with('\'') && other(Some(code))
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn beside(text: &str, name: &str) -> bool {
        let s = text.find(name).expect("name in text");
        other_country_beside(text, s, s + name.len(), "CN")
    }

    #[test]
    fn other_countries_beside_a_name() {
        let n = "institute of forensic science";
        for t in [
            "vietnam's institute of forensic science",
            "laos' institute of forensic science",
            "the vietnamese institute of forensic science",
            "institute of forensic science of laos",
            "institute of forensic science of the socialist republic of vietnam",
            "institute of forensic science in hanoi",
            "institute of forensic science, vietnam",
            "the uk institute of forensic science",
        ] {
            assert!(beside(t, n), "{t}");
        }
        for t in [
            "china's institute of forensic science",
            "the chinese institute of forensic science",
            "institute of forensic science in beijing",
            "institute of forensic science of the people's republic of china",
            "institute of forensic science, russia's committee",
            "institute of forensic science of the ministry",
            "the laotian-born head of the institute of forensic science",
            "novietnam's institute of forensic science",
        ] {
            assert!(!beside(t, n), "{t}");
        }
    }

    #[test]
    fn the_table_has_the_world() {
        assert_eq!(place_starting("vietnam"), Some("VN"));
        assert_eq!(place_starting("republic of china"), Some("TW"));
        assert_eq!(place_starting("people's republic of china"), Some("CN"));
        assert!(places().count() > 800);
    }
}
