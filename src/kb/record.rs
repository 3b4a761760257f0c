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
    /// The entry's title, as [`repeated_title`] shows it (so the `section` and `group` too).
    pub entry: Cow<'a, str>,
    /// `YYYY-MM-DD` or null.
    #[serde(serialize_with = "iso_date")]
    pub date: Option<jiff::civil::Date>,
    /// For an item with no date: the day its file says it was last updated (`YYYY-MM-DD`;
    /// [`Item::updated`]). Absent otherwise.
    #[serde(serialize_with = "iso_date", skip_serializing_if = "Option::is_none")]
    pub updated: Option<jiff::civil::Date>,
    pub file: Cow<'a, str>,
    pub line: usize,
    pub settings: Vec<Setting>,
    pub status: Status,
    /// The id of the decision that replaced this one.
    pub superseded_by: Option<ItemId>,
    pub section: Option<Cow<'a, str>>,
    pub group: Option<Cow<'a, str>>,
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
    /// Listed under `--all`, a decision that restates one recorded elsewhere: where that
    /// record is (see [`super::restate`]). Absent otherwise; the packed form never holds it
    /// ([`push_restates`] appends it once the whole bank is read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restates: Option<Place<'a>>,
}

/// The most of a title each item repeats (`entry`, `section`, `group`), in bytes.
pub const MAX_REPEATED_TITLE: usize = 1024;

/// A title as each item under it repeats it: whole up to [`MAX_REPEATED_TITLE`] bytes, and
/// beyond that cut at a character boundary and ended with `…`. Every item carries its
/// titles, so one long heading over many items would make the output the product of the two
/// (a 100 KB title over 4,000 items, 400 MB of JSON); cut, each item's share stays a few
/// times what its other fields cost. (`mb search` finds the whole heading.)
pub fn repeated_title(title: &str) -> Cow<'_, str> {
    if title.len() <= MAX_REPEATED_TITLE {
        return Cow::Borrowed(title);
    }
    let cut = crate::source::floor_char_boundary(title, MAX_REPEATED_TITLE - '…'.len_utf8());
    Cow::Owned(format!("{}…", &title[..cut]))
}

/// A file and line: where a restatement's record is.
#[derive(Debug, Serialize)]
pub struct Place<'a> {
    pub file: Cow<'a, str>,
    pub line: usize,
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
            entry: repeated_title(&doc.entries[item.entry].title),
            date: item.date,
            updated: item.updated,
            file,
            line: item.line,
            settings,
            status: item.status,
            superseded_by: item.superseded_by.map(|(d, i)| kb.documents[d].items[i].id),
            section: doc.sections[item.section].title.as_deref().map(repeated_title),
            group: item.group.map(|g| repeated_title(&doc.groups[g].title)),
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
            restates: None,
            record: item.record.map(|r| doc.items[r].id),
        }
    }
}

impl ItemRecord<'_> {
    /// The record as an element of a pretty-printed JSON array, packed: the bytes `serde_json`'s
    /// pretty printer writes for it one level down (braces indented two spaces, fields four),
    /// with each run of constant text (keys, punctuation, indentation) written as one byte
    /// below 0x20, which no value holds (strings escape every control character). [`unpack`]
    /// restores the JSON. A listing keeps the elements of a whole bank until supersession is
    /// known, and the constant text is more than half of each: packed, there is less to keep,
    /// to compress and to copy. No per-field serde calls either: a string with nothing to
    /// escape is copied whole. The tests hold the unpacked element to the serde output byte
    /// for byte.
    ///
    /// Returns the offset in `out` of the status (see [`PACKED_ACTIVE`]), which the listing
    /// patches once supersession is known.
    pub fn write_element(&self, out: &mut Vec<u8>) -> usize {
        out.push(lit::OPEN);
        out.extend_from_slice(&self.id.hex());
        out.push(lit::KIND);
        out.extend_from_slice(self.kind.as_str().as_bytes());
        out.push(lit::TEXT);
        crate::json::push_str(out, self.text);
        out.push(lit::ENTRY);
        crate::json::push_str(out, &self.entry);
        out.push(lit::DATE);
        push_json_date(out, self.date);
        if self.updated.is_some() {
            out.push(lit::UPDATED);
            push_json_date(out, self.updated);
        }
        out.push(lit::FILE);
        crate::json::push_str(out, &self.file);
        out.push(lit::LINE);
        push_json_number(out, self.line as u64);
        out.push(lit::SETTINGS);
        push_json_pairs(out, self.settings.iter().map(|s| (s.key.as_str(), s.value.as_str())), (b"key", b"value"));
        out.push(lit::NEXT);
        let status = out.len();
        out.push(match self.status {
            Status::Active => lit::ACTIVE,
            Status::Superseded => lit::SUPERSEDED,
        });
        push_json_id(out, self.superseded_by);
        out.push(lit::SECTION);
        push_json_opt(out, self.section.as_deref());
        out.push(lit::GROUP);
        push_json_opt(out, self.group.as_deref());
        out.push(lit::BOLD);
        push_json_opt(out, self.bold);
        out.push(lit::CODE);
        if self.code.is_empty() {
            out.extend_from_slice(b"[]");
        } else {
            for (n, code) in self.code.iter().enumerate() {
                out.extend_from_slice(if n == 0 { b"[" } else { b"," });
                out.push(lit::ELEMENT);
                crate::json::push_str(out, code);
            }
            out.push(lit::CLOSE_ARRAY);
        }
        out.push(lit::LINKS);
        push_json_pairs(out, self.links.iter().map(|l| (l.text.as_str(), l.url.as_str())), (b"text", b"url"));
        out.push(lit::BLOCK);
        out.extend_from_slice(match self.block {
            Block::ListItem => b"\"list_item\"",
            Block::Paragraph => b"\"paragraph\"",
            Block::Heading => b"\"heading\"",
            Block::TableRow => b"\"table_row\"",
        });
        out.push(lit::PARENT);
        push_json_id(out, self.parent);
        out.push(lit::DEPTH);
        push_json_number(out, self.depth.into());
        out.push(lit::DONE);
        out.extend_from_slice(match self.done {
            None => b"null",
            Some(true) => b"true",
            Some(false) => b"false",
        });
        out.push(lit::SPAN);
        push_json_number(out, self.span[0] as u64);
        out.extend_from_slice(&[b',', lit::ELEMENT]);
        push_json_number(out, self.span[1] as u64);
        out.push(lit::FIELDS);
        if self.fields.0.is_empty() {
            out.extend_from_slice(b"{}");
        } else {
            for (n, (name, text)) in self.fields.0.iter().enumerate() {
                out.extend_from_slice(if n == 0 { b"{" } else { b"," });
                out.push(lit::ELEMENT);
                crate::json::push_str(out, name);
                out.extend_from_slice(b": ");
                crate::json::push_str(out, text);
            }
            out.push(lit::CLOSE_OBJECT);
        }
        out.push(lit::FIELD);
        push_json_opt(out, self.field);
        out.push(lit::RECORD);
        push_json_id(out, self.record);
        out.push(lit::CLOSE);
        status
    }
}

/// The bytes that stand for constant text in a packed element (see
/// [`ItemRecord::write_element`]), each an index into [`LITERALS`].
mod lit {
    pub const OPEN: u8 = 0;
    pub const KIND: u8 = 1;
    pub const TEXT: u8 = 2;
    pub const ENTRY: u8 = 3;
    pub const DATE: u8 = 4;
    pub const FILE: u8 = 5;
    pub const LINE: u8 = 6;
    pub const SETTINGS: u8 = 7;
    pub const NEXT: u8 = 8;
    pub const ACTIVE: u8 = 9;
    pub const SUPERSEDED: u8 = 10;
    pub const SECTION: u8 = 11;
    pub const GROUP: u8 = 12;
    pub const BOLD: u8 = 13;
    pub const CODE: u8 = 14;
    pub const ELEMENT: u8 = 15;
    pub const CLOSE_ARRAY: u8 = 16;
    pub const LINKS: u8 = 17;
    pub const BLOCK: u8 = 18;
    pub const PARENT: u8 = 19;
    pub const DEPTH: u8 = 20;
    pub const DONE: u8 = 21;
    pub const SPAN: u8 = 22;
    pub const FIELDS: u8 = 23;
    pub const CLOSE_OBJECT: u8 = 24;
    pub const FIELD: u8 = 25;
    pub const RECORD: u8 = 26;
    pub const CLOSE: u8 = 27;
    pub const PAIR_OPEN: u8 = 28;
    pub const PAIR_NEXT: u8 = 29;
    pub const PAIR_CLOSE: u8 = 30;
    pub const UPDATED: u8 = 31;
}

/// A date as JSON: `"YYYY-MM-DD"` or `null`.
fn push_json_date(out: &mut Vec<u8>, date: Option<jiff::civil::Date>) {
    match date.map(|d| (d, super::heading::iso_digits(d))) {
        Some((_, Some(digits))) => {
            out.push(b'"');
            out.extend_from_slice(&digits);
            out.push(b'"');
        }
        Some((d, None)) => crate::json::push_str(out, &d.to_string()),
        None => out.extend_from_slice(b"null"),
    }
}

/// The constant text of an element, by [`lit`] byte.
const LITERALS: [&[u8]; 32] = [
    b"  {\n    \"id\": \"",
    b"\",\n    \"kind\": \"",
    b"\",\n    \"text\": ",
    b",\n    \"entry\": ",
    b",\n    \"date\": ",
    b",\n    \"file\": ",
    b",\n    \"line\": ",
    b",\n    \"settings\": ",
    b",\n    ",
    b"\"status\": \"active\",\n    \"superseded_by\": ",
    b"\"status\": \"superseded\",\n    \"superseded_by\": ",
    b",\n    \"section\": ",
    b",\n    \"group\": ",
    b",\n    \"bold\": ",
    b",\n    \"code\": ",
    b"\n      ",
    b"\n    ]",
    b",\n    \"links\": ",
    b",\n    \"block\": ",
    b",\n    \"parent\": ",
    b",\n    \"depth\": ",
    b",\n    \"done\": ",
    b",\n    \"span\": [\n      ",
    b"\n    ],\n    \"fields\": ",
    b"\n    }",
    b",\n    \"field\": ",
    b",\n    \"record\": ",
    b"\n  }",
    b"\n      {\n        \"",
    b",\n        \"",
    b"\n      }",
    b",\n    \"updated\": ",
];

/// What a packed element holds at its status offset when it is active and superseded by
/// nothing (see [`ItemRecord::write_element`]).
pub const PACKED_ACTIVE: &[u8] = &[lit::ACTIVE, b'n', b'u', b'l', b'l'];

/// What a packed element holds at its status offset when its record says it was superseded
/// (`Status: Superseded by ADR-9`) and nothing is known to have superseded it.
pub const PACKED_RETIRED: &[u8] = &[lit::SUPERSEDED, b'n', b'u', b'l', b'l'];

/// Appends the unpacked status of a decision superseded by `by`: what stands in an element
/// for [`PACKED_ACTIVE`] (or [`PACKED_RETIRED`]) once supersession is known.
/// Ends an element (unpacked, [`unpack`]) with the `restates` field of [`ItemRecord`], as
/// serde_json's pretty printer writes it. `None` when `element` is no whole element.
pub fn push_restates(element: &mut Vec<u8>, file: &str, line: usize) -> Option<()> {
    let open = element.strip_suffix(b"\n  }")?.len();
    element.truncate(open);
    element.extend_from_slice(b",\n    \"restates\": {\n      \"file\": ");
    crate::json::push_str(element, file);
    element.extend_from_slice(b",\n      \"line\": ");
    element.extend_from_slice(itoa::Buffer::new().format(line).as_bytes());
    element.extend_from_slice(b"\n    }\n  }");
    Some(())
}

pub fn push_superseded(out: &mut Vec<u8>, by: ItemId) {
    out.extend_from_slice(LITERALS[usize::from(lit::SUPERSEDED)]);
    push_json_id(out, Some(by));
}

/// [`LITERALS`], each padded to the longest, so that one is copied with a copy of fixed size
/// (inlined, where a copy of a length known only at run time is a call): an element has
/// about thirty of them. (A literal longer than the padding fails the build here.)
const PADDED: [[u8; 48]; LITERALS.len()] = {
    let mut padded = [[0u8; 48]; LITERALS.len()];
    let mut i = 0;
    while i < LITERALS.len() {
        let mut j = 0;
        while j < LITERALS[i].len() {
            padded[i][j] = LITERALS[i][j];
            j += 1;
        }
        i += 1;
    }
    padded
};

/// Appends packed elements (see [`ItemRecord::write_element`]) to `out` as the JSON they stand
/// for. Plain text runs are found eight bytes at a time; short ones and the literals are
/// copied in fixed-size blocks, the excess cut off again.
pub fn unpack(packed: &[u8], out: &mut Vec<u8>) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut rest = packed;
    loop {
        // Skip whole words with no byte below 0x20 (the classic "has a byte less than n"
        // test, exact for n <= 0x80); in the word that has one, the lowest flagged byte is the
        // first such byte (a borrow only flags bytes above it).
        let mut plain = 0;
        let mut found = None;
        while let Some(word) = rest.get(plain..plain + 8) {
            let x = u64::from_le_bytes(word.try_into().unwrap_or_default());
            let flags = x.wrapping_sub(ONES * 0x20) & !x & (ONES * 0x80);
            if flags != 0 {
                found = Some(plain + (flags.trailing_zeros() / 8) as usize);
                break;
            }
            plain += 8;
        }
        let Some(at) = found.or_else(|| rest[plain..].iter().position(|&b| b < 0x20).map(|at| plain + at)) else {
            out.extend_from_slice(rest);
            return;
        };
        let len = out.len();
        match rest.get(..16) {
            Some(block) if at <= 16 => {
                out.extend_from_slice(block);
                out.truncate(len + at);
            }
            _ => out.extend_from_slice(&rest[..at]),
        }
        // Only `write_element` packs, and it writes no other byte below 0x20.
        let code = usize::from(rest[at]);
        if let (Some(padded), Some(literal)) = (PADDED.get(code), LITERALS.get(code)) {
            let len = out.len();
            out.extend_from_slice(padded);
            out.truncate(len + literal.len());
        }
        rest = &rest[at + 1..];
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

/// An array of two-field objects (`settings`, `links`) at the record's field level, packed.
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
        out.extend_from_slice(if n == 0 { b"[" } else { b"," });
        out.push(lit::PAIR_OPEN);
        out.extend_from_slice(first);
        out.extend_from_slice(b"\": ");
        crate::json::push_str(out, a);
        out.push(lit::PAIR_NEXT);
        out.extend_from_slice(second);
        out.extend_from_slice(b"\": ");
        crate::json::push_str(out, b);
        out.push(lit::PAIR_CLOSE);
    }
    out.push(lit::CLOSE_ARRAY);
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
        for record in &mut records {
            let mut packed = Vec::new();
            let status = record.write_element(&mut packed);
            let mut element = Vec::new();
            unpack(&packed, &mut element);
            let expected = serde_json::to_string_pretty(&[&*record]).unwrap();
            assert_eq!(format!("[\n{}\n]", String::from_utf8(element).unwrap()), expected);
            if record.status == Status::Superseded {
                continue;
            }
            // The listing's patch of an active element, once it knows what superseded it.
            assert!(packed[status..].starts_with(PACKED_ACTIVE));
            let mut patched = Vec::new();
            unpack(&packed[..status], &mut patched);
            push_superseded(&mut patched, ItemId(0xfeed));
            unpack(&packed[status + PACKED_ACTIVE.len()..], &mut patched);
            record.status = Status::Superseded;
            record.superseded_by = Some(ItemId(0xfeed));
            let expected = serde_json::to_string_pretty(&[&*record]).unwrap();
            assert_eq!(format!("[\n{}\n]", String::from_utf8(patched).unwrap()), expected);
        }
    }

    #[test]
    fn packed_text_is_restored_around_every_literal() {
        // Runs of plain text of every length around each literal byte, so that the word-wise
        // scan meets literals at every offset of a word — before them ASCII, and bytes of
        // UTF-8 above 0x80 (`é`, `決`), which the word test must not take for literals; after
        // them a second literal, which the word test flags too.
        for filler in [b'a', 0xc3, 0xa9, 0xe6, 0x20] {
            for code in 0..LITERALS.len() as u8 {
                for before in 0..20 {
                    for after in 0..20 {
                        let packed: Vec<u8> = std::iter::repeat_n(filler, before)
                            .chain([code])
                            .chain(std::iter::repeat_n(b'\x7f', after))
                            .chain([code])
                            .collect();
                        let mut out = Vec::new();
                        unpack(&packed, &mut out);
                        let literal = LITERALS[usize::from(code)].iter().copied();
                        let expected: Vec<u8> = std::iter::repeat_n(filler, before)
                            .chain(literal.clone())
                            .chain(std::iter::repeat_n(b'\x7f', after))
                            .chain(literal)
                            .collect();
                        assert_eq!(out, expected);
                    }
                }
            }
        }
        // Bytes at or above 0x20 are plain, UTF-8 included.
        let mut out = Vec::new();
        unpack("é 決定 ~ \u{7f}".as_bytes(), &mut out);
        assert_eq!(out, "é 決定 ~ \u{7f}".as_bytes());
    }
}
