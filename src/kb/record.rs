//! The JSON shape of an item: the `mb decisions --json` contract.

use std::borrow::Cow;

use serde::Serialize;

use super::{Block, Document, Item, ItemId, Kind, KnowledgeBase, Link, Setting, Status};
use crate::source::display_path;

/// One object of the `mb decisions --json` array. Fields beyond the contract's
/// (`id kind text entry date file line settings status`) are additive.
#[derive(Debug, Serialize)]
pub struct ItemRecord<'a> {
    pub id: ItemId,
    pub kind: Kind,
    pub text: &'a str,
    pub entry: &'a str,
    /// `YYYY-MM-DD` or null.
    #[serde(serialize_with = "iso_date")]
    pub date: Option<jiff::civil::Date>,
    pub file: Cow<'a, str>,
    pub line: usize,
    pub settings: Vec<Setting>,
    pub status: Status,
    /// The id of the decision that replaced this one.
    pub superseded_by: Option<ItemId>,
    pub section: Option<&'a str>,
    pub group: Option<&'a str>,
    pub bold: Option<&'a str>,
    pub code: Vec<&'a str>,
    pub links: &'a [Link],
    pub block: Block,
    /// The id of the enclosing list item.
    pub parent: Option<ItemId>,
    pub depth: u16,
    pub done: Option<bool>,
    /// Byte range `[start, end)` in the file.
    pub span: [usize; 2],
    /// A decision record's supporting fields, by name (`rationale`, `context`,
    /// `consequences`, `alternatives`, `status`, `implementation`, `impact`, `title`, …), in
    /// document order. Empty for an item that is not a record's decision.
    pub fields: Fields<'a>,
    /// For an item that is a field of a record: the field's name …
    pub field: Option<&'a str>,
    /// … and the id of the record's decision.
    pub record: Option<ItemId>,
}

/// A record's fields as a JSON object, keys in document order.
#[derive(Debug)]
pub struct Fields<'a>(pub &'a [(String, String)]);

impl Serialize for Fields<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, text) in self.0 {
            map.serialize_entry(name, text)?;
        }
        map.end()
    }
}

impl<'a> ItemRecord<'a> {
    pub fn new(kb: &'a KnowledgeBase, doc: &'a Document, item: &'a Item) -> ItemRecord<'a> {
        ItemRecord::build(kb, doc, Cow::Owned(display_path(&doc.path)), item, item.settings())
    }

    /// [`ItemRecord::new`] for an item of a file shown as `file` (its [`display_path`], worked
    /// out once for all its items) whose settings were already extracted.
    pub fn with_settings(
        kb: &'a KnowledgeBase,
        doc: &'a Document,
        file: &'a str,
        item: &'a Item,
        settings: Vec<Setting>,
    ) -> ItemRecord<'a> {
        ItemRecord::build(kb, doc, Cow::Borrowed(file), item, settings)
    }

    fn build(
        kb: &'a KnowledgeBase,
        doc: &'a Document,
        file: Cow<'a, str>,
        item: &'a Item,
        settings: Vec<Setting>,
    ) -> ItemRecord<'a> {
        ItemRecord {
            id: item.id,
            kind: item.kind,
            text: &item.text,
            entry: &doc.entries[item.entry].title,
            date: item.date,
            file,
            line: item.line,
            settings,
            status: item.status,
            superseded_by: item.superseded_by.map(|(d, i)| kb.documents[d].items[i].id),
            section: doc.sections[item.section].title.as_deref(),
            group: item.group.map(|g| doc.groups[g].as_str()),
            bold: item.bold.as_deref(),
            code: item.code().collect(),
            links: &item.links,
            block: item.block,
            parent: item.parent.map(|p| doc.items[p].id),
            depth: item.depth,
            done: item.done,
            span: [item.span.start, item.span.end],
            fields: Fields(&item.fields),
            field: item.field.as_deref(),
            record: item.record.map(|r| doc.items[r].id),
        }
    }
}

impl ItemRecord<'_> {
    /// The record as an element of a pretty-printed JSON array: the bytes `serde_json`'s pretty
    /// printer writes for it one level down (braces indented two spaces, fields four), without
    /// its per-field calls — keys and the punctuation around them are constant text, and a
    /// string with nothing to escape is copied whole. `mb decisions --json` writes one per
    /// listed item; the tests hold it to the serde output byte for byte.
    ///
    /// Returns the offset in `out` of the `"status"` key, which the listing patches once
    /// supersession is known.
    pub fn write_element(&self, out: &mut Vec<u8>) -> usize {
        out.extend_from_slice(b"  {\n    \"id\": \"");
        out.extend_from_slice(&self.id.hex());
        out.extend_from_slice(b"\",\n    \"kind\": \"");
        out.extend_from_slice(self.kind.as_str().as_bytes());
        out.extend_from_slice(b"\",\n    \"text\": ");
        crate::json::push_str(out, self.text);
        out.extend_from_slice(b",\n    \"entry\": ");
        crate::json::push_str(out, self.entry);
        out.extend_from_slice(b",\n    \"date\": ");
        match self.date.map(|d| (d, super::heading::iso_digits(d))) {
            Some((_, Some(digits))) => {
                out.push(b'"');
                out.extend_from_slice(&digits);
                out.push(b'"');
            }
            Some((d, None)) => crate::json::push_str(out, &d.to_string()),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\n    \"file\": ");
        crate::json::push_str(out, &self.file);
        out.extend_from_slice(b",\n    \"line\": ");
        push_json_number(out, self.line as u64);
        out.extend_from_slice(b",\n    \"settings\": ");
        push_json_pairs(out, self.settings.iter().map(|s| (s.key.as_str(), s.value.as_str())), (b"key", b"value"));
        out.extend_from_slice(b",\n    ");
        let status = out.len();
        out.extend_from_slice(match self.status {
            Status::Active => b"\"status\": \"active\"",
            Status::Superseded => b"\"status\": \"superseded\"",
        });
        out.extend_from_slice(b",\n    \"superseded_by\": ");
        push_json_id(out, self.superseded_by);
        out.extend_from_slice(b",\n    \"section\": ");
        push_json_opt(out, self.section);
        out.extend_from_slice(b",\n    \"group\": ");
        push_json_opt(out, self.group);
        out.extend_from_slice(b",\n    \"bold\": ");
        push_json_opt(out, self.bold);
        out.extend_from_slice(b",\n    \"code\": ");
        if self.code.is_empty() {
            out.extend_from_slice(b"[]");
        } else {
            for (n, code) in self.code.iter().enumerate() {
                out.extend_from_slice(if n == 0 { b"[\n      " } else { b",\n      " });
                crate::json::push_str(out, code);
            }
            out.extend_from_slice(b"\n    ]");
        }
        out.extend_from_slice(b",\n    \"links\": ");
        push_json_pairs(out, self.links.iter().map(|l| (l.text.as_str(), l.url.as_str())), (b"text", b"url"));
        out.extend_from_slice(match self.block {
            Block::ListItem => b",\n    \"block\": \"list_item\",\n    \"parent\": ",
            Block::Paragraph => b",\n    \"block\": \"paragraph\",\n    \"parent\": ",
            Block::Heading => b",\n    \"block\": \"heading\",\n    \"parent\": ",
        });
        push_json_id(out, self.parent);
        out.extend_from_slice(b",\n    \"depth\": ");
        push_json_number(out, self.depth.into());
        out.extend_from_slice(match self.done {
            None => b",\n    \"done\": null,\n    \"span\": [\n      ",
            Some(true) => b",\n    \"done\": true,\n    \"span\": [\n      ",
            Some(false) => b",\n    \"done\": false,\n    \"span\": [\n      ",
        });
        push_json_number(out, self.span[0] as u64);
        out.extend_from_slice(b",\n      ");
        push_json_number(out, self.span[1] as u64);
        out.extend_from_slice(b"\n    ],\n    \"fields\": ");
        if self.fields.0.is_empty() {
            out.extend_from_slice(b"{}");
        } else {
            for (n, (name, text)) in self.fields.0.iter().enumerate() {
                out.extend_from_slice(if n == 0 { b"{\n      " } else { b",\n      " });
                crate::json::push_str(out, name);
                out.extend_from_slice(b": ");
                crate::json::push_str(out, text);
            }
            out.extend_from_slice(b"\n    }");
        }
        out.extend_from_slice(b",\n    \"field\": ");
        push_json_opt(out, self.field);
        out.extend_from_slice(b",\n    \"record\": ");
        push_json_id(out, self.record);
        out.extend_from_slice(b"\n  }");
        status
    }
}

/// A date as `YYYY-MM-DD` (as [`Date`](jiff::civil::Date)'s `Display` writes it).
fn iso_date<S: serde::Serializer>(date: &Option<jiff::civil::Date>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => {
            let mut text = String::with_capacity(10);
            super::heading::push_date(&mut text, *date);
            serializer.serialize_str(&text)
        }
        None => serializer.serialize_none(),
    }
}

/// An array of two-field objects (`settings`, `links`) at the record's field level.
fn push_json_pairs<'s>(
    out: &mut Vec<u8>,
    pairs: impl ExactSizeIterator<Item = (&'s str, &'s str)>,
    (first, second): (&[u8], &[u8]),
) {
    if pairs.len() == 0 {
        out.extend_from_slice(b"[]");
        return;
    }
    for (n, (a, b)) in pairs.enumerate() {
        out.extend_from_slice(if n == 0 { b"[\n      {\n        \"" } else { b",\n      {\n        \"" });
        out.extend_from_slice(first);
        out.extend_from_slice(b"\": ");
        crate::json::push_str(out, a);
        out.extend_from_slice(b",\n        \"");
        out.extend_from_slice(second);
        out.extend_from_slice(b"\": ");
        crate::json::push_str(out, b);
        out.extend_from_slice(b"\n      }");
    }
    out.extend_from_slice(b"\n    ]");
}

fn push_json_opt(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        Some(text) => crate::json::push_str(out, text),
        None => out.extend_from_slice(b"null"),
    }
}

fn push_json_id(out: &mut Vec<u8>, id: Option<ItemId>) {
    match id {
        Some(id) => {
            out.push(b'"');
            out.extend_from_slice(&id.hex());
            out.push(b'"');
        }
        None => out.extend_from_slice(b"null"),
    }
}

fn push_json_number(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::kb::parse::parse_document;

    #[test]
    fn an_element_is_what_serde_pretty_prints() {
        let text = "# Decision log\n\n\
            ## 2025-11-17: Time \"Machine\" \\ share\n\n\
            ### Decisions\n\n\
            - Set `fruit:locking = none` and `mtu = 1500` on the [NAS](https://nas.example/a?b=\"c\").\n\
              - [x] Checked with `smbstatus`.\n\
            - [ ] **Quota:** keep `refquota = 3T` — see ![diagram](x.png) and [docs](d).\n\
            - Decision: use Traefik.\n  Rationale: it \"routes\"\\well\u{7f}.\n  Impact: none\n\n\
            ## Décision: 決定 ünïcode\n\nPlain paragraph\twith a tab and \u{1}control.\n";
        let doc = parse_document(&PathBuf::from("memory-bank/decisionLog.md"), text);
        let kb = crate::kb::KnowledgeBase::from_documents(vec![doc]);
        let doc = &kb.documents[0];
        assert!(doc.items.iter().any(|i| !i.fields.is_empty()) && doc.items.iter().any(|i| !i.links.is_empty()));
        let mut records: Vec<ItemRecord<'_>> = doc.items.iter().map(|item| ItemRecord::new(&kb, doc, item)).collect();
        // What the parser leaves out, set by hand.
        records[0].superseded_by = Some(ItemId(0xabc));
        records[0].status = Status::Superseded;
        records[1].text =
            "quote \" backslash \\ newline \n cr \r tab \t bell \u{7} nul \u{0} ff \u{c} bs \u{8} del \u{7f}";
        records[1].date = None;
        records[1].done = Some(false);
        for record in &records {
            let mut element = Vec::new();
            let status = record.write_element(&mut element);
            let expected = serde_json::to_string_pretty(&[record]).unwrap();
            assert_eq!(format!("[\n{}\n]", String::from_utf8(element.clone()).unwrap()), expected);
            assert!(element[status..].starts_with(b"\"status\": \""));
        }
    }
}
