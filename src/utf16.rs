//! UTF-8 byte offsets to UTF-16 code-unit offsets, for JavaScript strings and DOM ranges.

/// Converts sorted byte offsets in `text` to UTF-16 offsets, in place, in one pass.
/// Offsets must be on character boundaries and ascending.
pub fn to_utf16_offsets(text: &str, offsets: &mut [usize]) {
    if text.is_ascii() {
        return; // one byte is one code unit
    }
    let mut byte = 0;
    let mut unit = 0;
    let mut chars = text.chars();
    for off in offsets.iter_mut() {
        while byte < *off {
            let Some(c) = chars.next() else { break };
            byte += c.len_utf8();
            unit += c.len_utf16();
        }
        *off = unit;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_surrogate_pairs_and_cjk() {
        let text = "😀 BGI 华大基因 é";
        let mut offs = [0, 5, 8, 9, 21];
        to_utf16_offsets(text, &mut offs);
        assert_eq!(offs, [0, 3, 6, 7, 11]);
    }
}
