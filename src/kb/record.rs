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
    pub date: Option<String>,
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
            date: item.date.map(|d| {
                let mut text = String::with_capacity(10);
                super::heading::push_date(&mut text, d);
                text
            }),
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
