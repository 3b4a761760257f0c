//! JSON written by hand where serde's calls per value show: a run file's 4 million findings,
//! `mb decisions --json`'s items. Strings are escaped exactly as serde_json escapes them, and
//! each writer's tests hold its output to serde's, byte for byte.

/// Whether `text` goes into JSON as it is, between quotes: no control character, quote or
/// backslash. Tested in blocks without stopping early, which the compiler vectorises: most
/// text has nothing to escape.
pub fn is_plain(text: &str) -> bool {
    text.as_bytes()
        .chunks(32)
        .all(|block| block.iter().fold(true, |ok, &b| ok & (b >= 0x20) & (b != b'"') & (b != b'\\')))
}

/// A JSON string, escaped as `serde_json` escapes it: `"`, `\` and control characters below
/// U+0020 (`\b \t \n \f \r` by name, the rest as `\u00XX`); everything else as it is.
pub fn push_str(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.push(b'"');
    if is_plain(text) {
        out.extend_from_slice(bytes);
    } else {
        let mut start = 0;
        let mut unicode = *b"\\u0000";
        for (i, &b) in bytes.iter().enumerate() {
            let escape: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                0x08 => b"\\b",
                b'\t' => b"\\t",
                b'\n' => b"\\n",
                0x0c => b"\\f",
                b'\r' => b"\\r",
                0..0x20 => {
                    unicode[4] = b"0123456789abcdef"[usize::from(b >> 4)];
                    unicode[5] = b"0123456789abcdef"[usize::from(b & 0xf)];
                    &unicode
                }
                _ => continue,
            };
            out.extend_from_slice(&bytes[start..i]);
            out.extend_from_slice(escape);
            start = i + 1;
        }
        out.extend_from_slice(&bytes[start..]);
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    #[test]
    fn strings_are_escaped_as_serde_escapes_them() {
        let mut every_byte: String = (0u8..0x80).map(char::from).collect();
        every_byte.push_str("é 決定 \u{7f}\u{2028}");
        for text in
            ["", "plain", "a \"quoted\" \\ path", &every_byte, &"x".repeat(100), &format!("{}\n", "y".repeat(40))]
        {
            let mut out = Vec::new();
            super::push_str(&mut out, text);
            assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(text).unwrap());
            assert_eq!(
                super::is_plain(text),
                !serde_json::to_string(text).unwrap()[1..].trim_end_matches('"').contains('\\')
            );
        }
    }
}
