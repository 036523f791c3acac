//! Limits on lists, each refused with an error that names the limit: size, alias and name
//! length, aliases per entity, context and exclude words, nesting depth. And what makes a big
//! list slow to load: a list of many names loads in bounded time.

use bioflag::catalog::lint::{MAX_ALIASES_PER_ENTITY, MAX_ALIAS_CHARS, MAX_WORDS, MAX_WORD_CHARS};
use bioflag::catalog::load::{size_error, MAX_LIST_BYTES};
use bioflag::catalog::{parse_catalog, ErrorKind, ListErrors, Strictness};
use bioflag::import::parse_list;
use bioflag::reference::check_list_errors;
use bioflag::Matcher;

fn refused(text: &str) -> ListErrors {
    let e = parse_list(text, "t").expect_err("refused");
    check_list_errors(text, &e);
    e
}

/// (line, field, message) of every error, each of the limit kind.
fn limits(e: &ListErrors) -> Vec<(usize, &str, &str)> {
    e.errors
        .iter()
        .map(|e| {
            assert_eq!(e.kind, ErrorKind::Limit, "{e}");
            (e.line, e.field.as_str(), e.message.as_str())
        })
        .collect()
}

/// A bioflag list with one entity carrying `entity` (extra JSON fields) and top-level `extra`.
fn list(extra: &str, entity: &str) -> String {
    format!(
        "{{\"schema\": 1, \"name\": \"t\"{extra},\n\"entities\": [\n{{\"id\": \"a\", \"name\": \"Alpha Genomics\"{entity}}}\n]}}"
    )
}

#[test]
fn size_limit_says_how_big_and_what_the_limit_is() {
    let e = size_error(MAX_LIST_BYTES + 1).unwrap();
    assert_eq!(e.kind, ErrorKind::Limit);
    assert_eq!(
        e.message,
        "the list is 64.1 MB (67108865 bytes), over the size limit of 64 MB"
    );
    assert_eq!(
        size_error(100 * 1024 * 1024).unwrap().message,
        "the list is 100.0 MB (104857600 bytes), over the size limit of 64 MB"
    );
    assert!(size_error(MAX_LIST_BYTES).is_none());
    // Through both entry points, before any parsing.
    let text = "[".repeat(MAX_LIST_BYTES + 1);
    for e in [
        parse_list(&text, "t").unwrap_err(),
        parse_catalog(&text, "t", Strictness::Imported).unwrap_err(),
    ] {
        assert_eq!(
            limits(&e),
            [(
                1,
                "",
                "the list is 64.1 MB (67108865 bytes), over the size limit of 64 MB"
            )]
        );
    }
}

#[test]
fn alias_and_name_length_limits() {
    let long = "A".repeat(MAX_ALIAS_CHARS + 1);
    let e = refused(&list(
        "",
        &format!(", \"aliases\": [{{\"text\": \"{long}\"}}]"),
    ));
    assert_eq!(
        limits(&e),
        [(
            3,
            "entities[0].aliases[0].text",
            "the alias is 201 characters long, over the limit of 200"
        )]
    );
    // The name and the Chinese name are matched like aliases: the same limit.
    let text = format!(
        "{{\"schema\": 1, \"name\": \"t\", \"entities\": [\n{{\"id\": \"a\", \"name\": \"{long}\", \"name_zh\": \"{}\"}}]}}",
        "华".repeat(MAX_ALIAS_CHARS + 1)
    );
    let e = refused(&text);
    assert_eq!(
        limits(&e),
        [
            (
                2,
                "entities[0].name",
                "the name is 201 characters long, over the limit of 200"
            ),
            (
                2,
                "entities[0].name_zh",
                "the name is 201 characters long, over the limit of 200"
            )
        ]
    );
    // At the limit: fine.
    let ok = "A".repeat(MAX_ALIAS_CHARS);
    parse_list(
        &list("", &format!(", \"aliases\": [{{\"text\": \"{ok}\"}}]")),
        "t",
    )
    .unwrap();
}

#[test]
fn too_many_aliases() {
    let aliases: Vec<String> = (0..=MAX_ALIASES_PER_ENTITY)
        .map(|i| format!("{{\"text\": \"Alpha Unit {i}\"}}"))
        .collect();
    let e = refused(&list(
        "",
        &format!(", \"aliases\": [{}]", aliases.join(",")),
    ));
    assert_eq!(
        limits(&e),
        [(
            3,
            "entities[0].aliases",
            "1001 aliases, over the limit of 1000"
        )]
    );
}

#[test]
fn context_and_exclude_word_limits() {
    let long = "w".repeat(MAX_WORD_CHARS + 1);
    let e = refused(&list(
        &format!(", \"context_words\": [\"dna\", \"{long}\"]"),
        "",
    ));
    assert_eq!(
        limits(&e),
        [(
            1,
            "context_words[1]",
            "the word is 41 characters long, over the limit of 40"
        )]
    );
    let e = refused(&list(
        "",
        &format!(
            ", \"aliases\": [{{\"text\": \"AG\", \"weak\": true, \"exclude\": [\"{long}\"]}}]"
        ),
    ));
    assert_eq!(
        limits(&e),
        [(
            3,
            "entities[0].aliases[0].exclude[0]",
            "the word is 41 characters long, over the limit of 40"
        )]
    );
    // Distinct words over all places, counted once each (case and width folded), reported once.
    let words: Vec<String> = (0..MAX_WORDS).map(|i| format!("\"word{i}\"")).collect();
    let text = list(
        &format!(", \"context_words\": [{}, \"WORD1\"]", words.join(",")),
        ", \"aliases\": [{\"text\": \"AG\", \"weak\": true, \"context\": [\"ｗｏｒｄ2\", \"extra\", \"more\"]}]",
    );
    let e = refused(&text);
    assert_eq!(
        limits(&e),
        [(
            3,
            "entities[0].aliases[0].context[1]",
            "more than 1000 distinct context and exclude words: over the limit of 1000 per list"
        )]
    );
    // At the limit: fine.
    let text = list(&format!(", \"context_words\": [{}]", words.join(",")), "");
    parse_list(&text, "t").unwrap();
}

/// serde_json's recursion limit (128) holds for every way a list is read — our format, FTM
/// lines, CSL — at every depth where a value is parsed: an error, never a stack overflow. Run
/// on a thread with a small stack, like WASM's 1 MB; values that are only skipped (unknown FTM
/// properties) are skipped without recursion.
#[test]
fn deep_nesting_everywhere_is_an_error_or_skipped_never_a_crash() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let deep_obj = "{\"a\":".repeat(100_000) + "1" + &"}".repeat(100_000);
    let cases: Vec<(String, bool)> = vec![
        (deep.clone(), false),
        (deep_obj.clone(), false),
        (list(&format!(", \"context_words\": {deep}"), ""), false),
        (list(&format!(", \"lists\": [{deep_obj}]"), ""), false),
        (list(&format!(", \"version\": {deep}"), ""), false),
        (list("", &format!(", \"aliases\": [{{\"text\": \"x\", \"context\": {deep}}}]")), false),
        (list("", &format!(", \"designations\": {deep}")), false),
        (list("", &format!(", \"claims\": [{deep_obj}]")), false),
        (format!("{{\"results\": [{{\"name\": \"Deep Genomics\", \"addresses\": {deep}}}]}}"), true),
        (format!("[{{\"name\": \"Deep Genomics\", \"programs\": [{deep}]}}]"), false),
        (format!("{{\"results\": [{deep_obj}]}}"), false),
        (format!("{{\"id\":\"a\",\"schema\":\"Company\",\"properties\":{{\"name\":[\"Deep Genomics\"],\"notes\":{deep}}}}}"), true),
        (format!("{{\"id\":\"a\",\"schema\":\"Company\",\"properties\":{{\"name\":[\"Deep Genomics\"]}}}}\n{{\"id\":\"s\",\"schema\":\"Sanction\",\"properties\":{{\"entity\":{deep}}}}}"), true),
        (format!("{{\"id\":\"a\",\"schema\":{deep_obj},\"properties\":{{}}}}"), false),
    ];
    std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(move || {
            for (i, (text, accepted)) in cases.iter().enumerate() {
                match parse_list(text, "t") {
                    Ok(c) => {
                        assert!(accepted, "case {i} accepted");
                        let _ = Matcher::new(vec![c]).unwrap();
                    }
                    Err(e) => {
                        assert!(!accepted, "case {i} refused: {e}");
                        check_list_errors(text, &e);
                    }
                }
                if let Err(e) = parse_catalog(text, "t", Strictness::Imported) {
                    check_list_errors(text, &e);
                }
            }
        })
        .unwrap()
        .join()
        .expect("no stack overflow");
}

/// Found while checking the limits: the prefilter's fingerprint search was quadratic in the
/// number of names, so a 20,000-name list took 19 s to load (100,000 names: minutes). It now
/// gives up at its limit; a list of many names loads in well under a second (release).
#[test]
fn a_list_of_many_names_builds_and_matches_its_last_name() {
    let mut state = 1u64;
    let mut word = |n: usize| -> String {
        (0..n)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (b'a' + (state >> 59) as u8 % 26) as char
            })
            .collect()
    };
    let entities: Vec<String> = (0..20_000)
        .map(|i| {
            format!(
                "{{\"id\": \"e{i}\", \"name\": \"{} {}\"}}",
                word(8),
                word(6)
            )
        })
        .collect();
    let text = format!(
        "{{\"schema\": 1, \"name\": \"t\", \"entities\": [{}]}}",
        entities.join(",\n")
    );
    let c = parse_list(&text, "t").unwrap();
    let last = c.entities.last().unwrap().name.clone();
    let m = Matcher::new(vec![c]).unwrap();
    assert!(!m.has_prefilter());
    // Every name is in the automaton: the last one is found in running text. How long the build
    // takes is measured by the benchmarks, not asserted here.
    let text = format!("We signed with {last} today.");
    let found = m.scan_text(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(m.entity(found[0].entity).id, "e19999");
}

/// Like the imported formats, our format lists at most MAX_ERRORS errors and counts the rest.
#[test]
fn errors_are_capped() {
    use bioflag::import::MAX_ERRORS;
    let long = "A".repeat(MAX_ALIAS_CHARS + 1);
    let entities: Vec<String> = (0..150)
        .map(|i| format!("{{\"id\": \"e{i}\", \"name\": \"{long}\"}}"))
        .collect();
    let text = format!(
        "{{\"schema\": 1, \"name\": \"t\", \"entities\": [\n{}]}}",
        entities.join(",\n")
    );
    let e = refused(&text);
    assert_eq!(e.errors.len(), MAX_ERRORS + 1);
    assert_eq!(e.errors[MAX_ERRORS - 1].line, MAX_ERRORS + 1);
    assert_eq!(e.errors[MAX_ERRORS].kind, ErrorKind::More);
    assert_eq!(e.errors[MAX_ERRORS].message, "... and 50 more errors");
}
