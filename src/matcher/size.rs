//! Choosing the automaton by the memory it would take, not by how many patterns there are.
//!
//! aho-corasick's DFA is a table of `states × stride` 4-byte transitions, where the states are
//! the nodes of the patterns' trie and the stride is the number of byte classes (rounded up to
//! a power of two). A 9,000-name SDN list has ~240,000 trie nodes and ~70 byte classes: ~120 MB
//! of DFA (measured: 100 MB RSS in the CLI), against a few MB as a contiguous NFA. The trie is
//! counted exactly here (sorted patterns, minus shared prefixes) without building anything.

/// Most memory a DFA may take; above it a contiguous NFA is built (about 3x slower to scan).
pub const DFA_MAX_BYTES: usize = 16 << 20;

/// The bytes a DFA over `patterns` would take, estimated from its trie and byte classes.
pub(crate) fn dfa_bytes<S: AsRef<[u8]>>(patterns: &[S]) -> usize {
    let mut sorted: Vec<&[u8]> = patterns.iter().map(AsRef::as_ref).collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut states = 1; // the root
    let mut previous: &[u8] = &[];
    let mut seen = [false; 256];
    for p in &sorted {
        let shared = p.iter().zip(previous).take_while(|(a, b)| a == b).count();
        states += p.len() - shared;
        previous = p;
        for &b in *p {
            seen[b as usize] = true;
        }
    }
    // Each distinct byte can be its own class, plus one for all the others.
    let classes = seen.iter().filter(|&&s| s).count() + 1;
    states
        .saturating_mul(classes.next_power_of_two())
        .saturating_mul(4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_the_trie() {
        // "ab", "abc", "b": root, a, ab, abc, b = 5 states; bytes a, b, c + other = 4 classes.
        assert_eq!(dfa_bytes(&["ab", "abc", "b", "ab"]), 5 * 4 * 4);
        // 10,000 names that share little more than their first digits: ~24 states each.
        let names: Vec<String> = (0..10_000)
            .map(|i| format!("{i:05} company number holdings"))
            .collect();
        assert!(dfa_bytes(&names) > DFA_MAX_BYTES);
        assert!(dfa_bytes(&["bgi genomics", "mgi tech"]) < DFA_MAX_BYTES);
    }
}
