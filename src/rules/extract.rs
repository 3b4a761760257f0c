//! Finding the fenced `mb-check` blocks in a rule file, and mapping offsets in their YAML back
//! to the file (blocks inside list items lose their indentation, so the map is piecewise).

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::kb::parse::{fence_is, markdown_options};

/// The info string that marks a check.
pub const FENCE: &str = "mb-check";

/// One `mb-check` block as it stands in the file.
#[derive(Debug, Clone)]
pub struct RawBlock {
    pub yaml: String,
    /// `(offset in yaml, offset in file)` for each piece of the block's text, ascending.
    segments: Vec<(usize, usize)>,
    /// The whole fenced block, fences included.
    pub fence: Range<usize>,
    /// The nearest heading above the block.
    pub heading: Option<String>,
}

impl RawBlock {
    /// The file offset of a byte offset in [`RawBlock::yaml`].
    pub fn file_offset(&self, yaml_offset: usize) -> usize {
        let idx = self.segments.partition_point(|&(y, _)| y <= yaml_offset).saturating_sub(1);
        match self.segments.get(idx) {
            Some(&(y, f)) => f + (yaml_offset - y),
            // An empty block: point at the opening fence.
            None => self.fence.start,
        }
    }

    pub fn file_span(&self, yaml: Range<usize>) -> Range<usize> {
        let start = self.file_offset(yaml.start);
        let end = if yaml.end > yaml.start { self.file_offset(yaml.end - 1) + 1 } else { start };
        start..end.max(start)
    }
}

/// Every `mb-check` block in `text`, in order.
pub fn blocks(text: &str) -> Vec<RawBlock> {
    let mut out = Vec::new();
    let mut heading: Option<String> = None;
    let mut in_heading: Option<String> = None;
    let mut current: Option<RawBlock> = None;
    // A lone `\r` ends a line as `\n` does, byte for byte (`source::lone_cr_as_lf`).
    let text = crate::source::lone_cr_as_lf(text);
    for (event, range) in Parser::new_ext(&text, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) if fence_is(&kind, FENCE) => {
                current = Some(RawBlock {
                    yaml: String::new(),
                    segments: Vec::new(),
                    fence: range,
                    heading: heading.clone(),
                });
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(block) = current.take() {
                    out.push(block);
                }
            }
            Event::Text(t) if current.is_some() => {
                if let Some(block) = current.as_mut() {
                    // Text events match the source byte for byte except where indentation
                    // was removed; point each piece at where its text starts in the file.
                    let start = text
                        .get(range.clone())
                        .and_then(|src| src.find(t.as_ref()).map(|i| range.start + i))
                        .unwrap_or(range.start);
                    block.segments.push((block.yaml.len(), start));
                    block.yaml.push_str(&t);
                }
            }
            Event::Start(Tag::Heading { .. }) => in_heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) if in_heading.is_some() => {
                if let Some(h) = in_heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => heading = in_heading.take(),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_blocks_and_maps_offsets() {
        let text = "# Samba\n\nProse.\n\n```mb-check\nid: a\nhosts: all\n```\n\n```yaml\nid: not-a-check\n```\n";
        let found = blocks(text);
        assert_eq!(found.len(), 1);
        let b = &found[0];
        assert_eq!(b.yaml, "id: a\nhosts: all\n");
        assert_eq!(b.heading.as_deref(), Some("Samba"));
        let at = b.yaml.find("hosts").unwrap();
        assert_eq!(&text[b.file_span(at..at + 5)], "hosts");
    }

    #[test]
    fn maps_offsets_inside_list_items() {
        let text = "- Rule:\n\n  ```mb-check\n  id: a\n  hosts: all\n  ```\n";
        let found = blocks(text);
        assert_eq!(found.len(), 1);
        let b = &found[0];
        assert_eq!(b.yaml, "id: a\nhosts: all\n");
        let at = b.yaml.find("all").unwrap();
        assert_eq!(&text[b.file_span(at..at + 3)], "all");
    }
}
