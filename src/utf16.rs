//! UTF-8 byte offsets to UTF-16 code-unit offsets, for JavaScript strings and DOM ranges.

/// Converts sorted byte offsets in `text` to UTF-16 offsets, in place, in one pass.
/// Offsets must be on character boundaries and ascending.
pub fn to_utf16_offsets(text: &str, offsets: &mut [usize]) {
    to_utf16_offsets_bytes(text.as_bytes(), offsets);
}

/// [`to_utf16_offsets`] on UTF-8 bytes (as `TextEncoder` writes them) not validated as `str`.
pub(crate) fn to_utf16_offsets_bytes(bytes: &[u8], offsets: &mut [usize]) {
    if bytes.is_ascii() {
        return; // one byte is one code unit
    }
    // Counted on bytes rather than decoded chars (several times faster): every byte that is
    // not a continuation byte (10xxxxxx) starts a character, one code unit, and a 4-byte
    // character's lead byte (11110xxx) adds the second unit of its surrogate pair.
    let mut byte = 0;
    let mut unit = 0;
    for off in offsets.iter_mut() {
        let end = (*off).min(bytes.len());
        if byte < end {
            unit += bytes[byte..end]
                .iter()
                .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
                .sum::<usize>();
            byte = end;
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

    #[test]
    fn agrees_with_encode_utf16_at_every_boundary() {
        let text = "a😀bé华\u{10FFFF}c\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}z";
        let mut offs: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let expected: Vec<usize> = offs
            .iter()
            .map(|&o| text[..o].encode_utf16().count())
            .collect();
        to_utf16_offsets(text, &mut offs);
        assert_eq!(offs, expected);
    }
}
