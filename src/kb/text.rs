//! [`Text`]: an item's plain text, a range of one buffer its document's items share.
//!
//! A Memory Bank has an item per 70–230 bytes, and a `String` per item cost a `malloc`, a copy
//! and a `free` each (a sixth of `mb decisions`' CPU time went to the allocator). The parser
//! writes every item's text into one buffer per document instead, and each item holds a
//! shared handle to it and its range.

use std::ops::Range;
use std::sync::Arc;

/// Reads as a `str` (it derefs to one); cloning it copies a handle, not the text.
#[derive(Clone, Default)]
pub struct Text {
    /// A `String` rather than a `str` so that the parser's buffer is shared without a copy;
    /// `None` for the empty text an item holds until its document's buffer is complete (a
    /// handle to a shared empty buffer would cost two atomic operations per item).
    buf: Option<Arc<String>>,
    range: Range<usize>,
}

impl Text {
    /// `range` of `buf`, which must lie on character boundaries of it (the parser's ranges
    /// do); a range that does not reads as empty rather than panicking.
    pub(crate) fn new(buf: Arc<String>, range: Range<usize>) -> Text {
        let range = if buf.get(range.clone()).is_some() { range } else { 0..0 };
        Text { buf: Some(buf), range }
    }

    pub fn as_str(&self) -> &str {
        self.buf.as_deref().and_then(|buf| buf.get(self.range.clone())).unwrap_or_default()
    }
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_its_range_and_shares_the_buffer() {
        let buf = Arc::new("Use Traefik; keep Postgres".to_string());
        let a = Text::new(buf.clone(), 0..11);
        let b = Text::new(buf.clone(), 13..26);
        assert_eq!(a, "Use Traefik");
        assert_eq!(&*b, "keep Postgres");
        assert_eq!(Arc::strong_count(&buf), 3);
        assert_eq!(a.clone().as_str(), "Use Traefik");
        assert_eq!(format!("{a} / {b:?}"), "Use Traefik / \"keep Postgres\"");
        assert_eq!(serde_json::to_string(&b).unwrap(), "\"keep Postgres\"");
    }

    #[test]
    fn a_range_off_the_buffer_or_inside_a_character_reads_as_empty() {
        let buf = Arc::new("zéro".to_string());
        assert_eq!(Text::new(buf.clone(), 0..2), "");
        assert_eq!(Text::new(buf.clone(), 3..40), "");
        assert_eq!(Text::new(buf, 0..3), "zé");
        assert_eq!(Text::default(), "");
    }
}
