//! The Memory Bank: Markdown files parsed into entries, sections and items, and the decisions
//! among them.
//!
//! Data flows one way: [`parse::parse_document`] turns one file into a [`Document`];
//! [`load`] reads a folder in parallel into a [`KnowledgeBase`]; [`supersede`] then marks
//! decisions that a later one replaced, and [`restate`] finds the ones another file repeats.

mod conventions;
pub(crate) mod fields;
pub mod find;
pub(crate) mod heading;
pub mod load;
pub mod parse;
mod patterns;
pub(crate) mod record;
mod records;
pub mod restate;
pub mod settings;
mod stack;
pub(crate) mod supersede;
mod text;
pub mod writeback;

use std::ops::Range;
use std::path::PathBuf;

use jiff::civil::Date;
use serde::Serialize;

pub use heading::{classify, find_date};
pub use load::{MarkdownFiles, is_markdown, load, parse_all};
pub use record::{ItemRecord, MAX_REPEATED_TITLE, Place};
pub use supersede::{Conflict, conflicts};
pub use text::Text;

use crate::source::ReadError;

/// Every Memory Bank file mb could read, and the ones it could not.
#[derive(Debug, Default)]
pub struct KnowledgeBase {
    pub documents: Vec<Document>,
    pub errors: Vec<ReadError>,
    /// Files left out (not regular files, too large, linked from outside) and files read
    /// repaired (mojibake), with why.
    pub warnings: Vec<String>,
}

/// One Markdown file: its entries, their sections, and the items in document order.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    pub entries: Vec<Entry>,
    pub sections: Vec<Section>,
    /// The bold pseudo-headings, which [`Item::group`] indexes.
    pub groups: Vec<Group>,
    pub items: Vec<Item>,
}

/// A bold paragraph standing alone as a pseudo-heading (`**Firewalling (final fixes):**`), or
/// a label alone on a paragraph's last line (`**Rationale:**`), over the items that follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub title: String,
    /// 1-based line where the title is written (its first line, for one written over several).
    pub line: usize,
}

/// A context entry: normally an H2 in `activeContext.md`, or a whole file such as
/// `systemPatterns.md`.
#[derive(Debug, Clone)]
pub struct Entry {
    pub title: String,
    pub date: Option<Date>,
    pub line: usize,
    /// False for the file-level entry of a file without a title heading (its title is the
    /// file name).
    pub from_heading: bool,
}

/// A heading under an entry, normalised to a [`Kind`]. An entry's text before its first
/// section heading lives in an untitled section.
#[derive(Debug, Clone)]
pub struct Section {
    pub entry: usize,
    pub title: Option<String>,
    /// The section whose heading this one's sits under (`### Components` under `## Queue
    /// pattern`), when there is one in the same entry.
    pub parent: Option<usize>,
    pub kind: Kind,
    pub date: Option<Date>,
    pub line: usize,
}

/// What a section (and so its items) records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Focus,
    Change,
    NextStep,
    Decision,
    Pattern,
    Learning,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 7] =
        [Kind::Focus, Kind::Change, Kind::NextStep, Kind::Decision, Kind::Pattern, Kind::Learning, Kind::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Focus => "focus",
            Kind::Change => "change",
            Kind::NextStep => "next_step",
            Kind::Decision => "decision",
            Kind::Pattern => "pattern",
            Kind::Learning => "learning",
            Kind::Other => "other",
        }
    }

    pub fn parse(name: &str) -> Option<Kind> {
        let name = name.trim().to_ascii_lowercase().replace('-', "_");
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether an item came from a list item or a free-standing paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    ListItem,
    Paragraph,
    /// A heading that is itself a decision (`## Decision: Use Traefik`, `### ADR-3: …`).
    Heading,
    /// A body row of a table (`| 2025-01-10 | Use Traefik | Labels |`).
    TableRow,
}

/// One statement: a list item (children stay separate items pointing at their parent) or a
/// paragraph.
#[derive(Debug, Clone)]
pub struct Item {
    /// Stable while the item's text and place (file, entry, section, parent) are unchanged.
    pub id: ItemId,
    pub kind: Kind,
    pub block: Block,
    /// Plain text of the item itself (children excluded), inline markup removed.
    pub text: Text,
    /// The bold lead, without its colon: `**Loopback safety:** …` → `Loopback safety`.
    pub bold: Option<String>,
    /// Inline code spans, as byte ranges of [`Item::text`] (see [`Item::code`]).
    pub code_spans: Vec<Range<usize>>,
    pub links: Vec<Link>,
    pub entry: usize,
    pub section: usize,
    /// The bold paragraph used as a pseudo-heading above this item: an index into
    /// [`Document::groups`].
    pub group: Option<usize>,
    /// Index of the enclosing item in [`Document::items`].
    pub parent: Option<usize>,
    /// 0 for top-level items, 1 for their children, …
    pub depth: u16,
    /// 1-based line of the item's first byte.
    pub line: usize,
    /// Byte range in the file, children included.
    pub span: Range<usize>,
    /// When the decision was made, as the bank writes it next to it: its entry's or heading's
    /// date, its record's `Date` field, a status line's day.
    pub date: Option<Date>,
    /// For an item with no date of its own: the day its file (or its entry's header) says it
    /// was last updated (`**Last Updated:** 2025-06-29`, front matter's `last_updated`). What
    /// the file holds was decided by then, not on that day: a bound, which supersession and
    /// `--since` read when there is no date.
    pub updated: Option<Date>,
    /// `Some` for task-list items (`- [x]`).
    pub done: Option<bool>,
    pub status: Status,
    /// The decision that replaced this one: `(document, item)` indices in the knowledge base.
    pub superseded_by: Option<(usize, usize)>,
    /// For a field of a decision record (`Rationale: …`, the bullets under `## Impact`): the
    /// field's name; the item is then never a decision of its own.
    pub field: Option<String>,
    /// For a field: index in [`Document::items`] of the record's statement (its decision).
    pub record: Option<usize>,
    /// For a record's statement: its fields in document order, `(name, text)`; text of a
    /// field written over several items is joined with `; `.
    pub fields: Vec<(String, String)>,
}

/// An item's stable id: a 64-bit hash, shown as 16 hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemId(pub u64);

impl ItemId {
    /// The 16 lowercase hex digits, written without the formatting machinery (`--json` writes
    /// an id for every item).
    fn hex(self) -> [u8; 16] {
        let mut hex = [0u8; 16];
        for (i, digit) in hex.iter_mut().enumerate() {
            *digit = b"0123456789abcdef"[((self.0 >> (60 - 4 * i)) & 0xf) as usize];
        }
        hex
    }
}

impl std::fmt::Display for ItemId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(std::str::from_utf8(&self.hex()).unwrap_or_default())
    }
}

impl std::str::FromStr for ItemId {
    type Err = std::num::ParseIntError;

    fn from_str(s: &str) -> Result<ItemId, Self::Err> {
        u64::from_str_radix(s, 16).map(ItemId)
    }
}

impl Serialize for ItemId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(std::str::from_utf8(&self.hex()).unwrap_or_default())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub text: String,
    pub url: String,
}

/// A configuration value the text states: `fruit:locking = none`, `` `refquota` set to 3T ``.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Setting {
    /// Lower-cased, inner whitespace collapsed: settings compare the way smb.conf does.
    pub key: String,
    pub value: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Active,
    Superseded,
}

impl Item {
    /// The day to order the item by: its date, failing that the day its file says it was last
    /// updated ([`Item::updated`]) — what supersession and `--since` compare.
    pub fn when(&self) -> Option<Date> {
        self.date.or(self.updated)
    }

    /// Whether the item holds fields: a record's statement, given the fields written beside it
    /// (`Rationale:`, `## Consequences`), a table row its other columns, or a stamp's title
    /// the list under it (`details`).
    pub fn states_record(&self) -> bool {
        !self.fields.is_empty()
    }

    /// The text of each inline code span.
    pub fn code(&self) -> impl Iterator<Item = &str> {
        self.code_spans.iter().map(|r| &self.text[r.clone()])
    }

    /// The settings the item's text states (`fruit:locking = none`), derived from its text
    /// each time: only decisions need them while loading, so they are not stored.
    pub fn settings(&self) -> Vec<Setting> {
        settings::extract(&self.text, &self.code_spans)
    }
}

impl KnowledgeBase {
    /// Every item with the document it belongs to, in file order.
    pub fn items(&self) -> impl Iterator<Item = (&Document, &Item)> {
        self.documents.iter().flat_map(|doc| doc.items.iter().map(move |item| (doc, item)))
    }

    /// The decision that best matches `needle`: an id, or a phrase of its text (see
    /// [`find::DecisionIndex`], which serves many lookups at once).
    pub fn find_decision(&self, needle: &str) -> Option<(&Document, &Item)> {
        find::DecisionIndex::new(self).find(needle)
    }
}

/// A test of the titles a section sits under, nearest first: its own, its parents' in its
/// entry, then its entry's (when a heading gave it one); untitled sections are skipped. Each
/// title is tested once, however many sections stand under it (a title of 100,000 words over
/// 20,000 headings is read once, not once per heading).
pub(crate) struct TitlesOver<'a, T> {
    sections: &'a [Section],
    entries: &'a [Entry],
    test: fn(&str) -> T,
    by_section: Vec<Option<T>>,
    by_entry: Vec<Option<T>>,
}

impl<'a, T: Copy> TitlesOver<'a, T> {
    pub(crate) fn new(sections: &'a [Section], entries: &'a [Entry], test: fn(&str) -> T) -> Self {
        TitlesOver {
            sections,
            entries,
            test,
            by_section: vec![None; sections.len()],
            by_entry: vec![None; entries.len()],
        }
    }

    /// The test's answers for the titles over `section`, nearest first.
    pub(crate) fn answers(&mut self, section: usize) -> Vec<T> {
        let (sections, test) = (self.sections, self.test);
        let mut answers = Vec::new();
        let mut at = Some(section);
        // (Headings nest six deep at most; the walk is bounded by the sections all the same.)
        for _ in 0..sections.len() {
            let Some(s) = at.filter(|&s| s < sections.len()) else { break };
            if let Some(title) = sections[s].title.as_deref() {
                answers.push(*self.by_section[s].get_or_insert_with(|| test(title)));
            }
            at = sections[s].parent;
        }
        if let Some(e) = sections.get(section).map(|s| s.entry)
            && let Some(entry) = self.entries.get(e).filter(|e| e.from_heading)
        {
            answers.push(*self.by_entry[e].get_or_insert_with(|| test(&entry.title)));
        }
        answers
    }
}

/// Whether any title over a section ([`TitlesOver`]) passes a test: each section's answer
/// once, however many items it holds.
pub(crate) struct AnyTitleOver<'a> {
    titles: TitlesOver<'a, bool>,
    by_section: Vec<Option<bool>>,
}

impl<'a> AnyTitleOver<'a> {
    pub(crate) fn new(sections: &'a [Section], entries: &'a [Entry], test: fn(&str) -> bool) -> Self {
        AnyTitleOver { titles: TitlesOver::new(sections, entries, test), by_section: vec![None; sections.len()] }
    }

    /// Whether the test holds for a title over `section`.
    pub(crate) fn holds(&mut self, section: usize) -> bool {
        let titles = &mut self.titles;
        match self.by_section.get_mut(section) {
            Some(answer) => *answer.get_or_insert_with(|| titles.answers(section).into_iter().any(|yes| yes)),
            None => false,
        }
    }
}

/// An answer per index (a section, a group), worked out the first time it is asked.
pub(crate) struct Once(Vec<Option<bool>>);

impl Once {
    pub(crate) fn new(len: usize) -> Once {
        Once(vec![None; len])
    }

    /// The answer at `at`, from `work` the first time (`false` for an index out of range).
    pub(crate) fn get(&mut self, at: usize, work: impl FnOnce() -> bool) -> bool {
        self.0.get_mut(at).is_some_and(|answer| *answer.get_or_insert_with(work))
    }
}

/// Lower-case, with runs of whitespace and trailing punctuation folded and Markdown's inline
/// markup (`` ` ``, `*`) dropped, for phrase matching: a phrase pasted from the Markdown source
/// matches the item's plain text.
pub fn normalize_phrase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let word: String = word.chars().filter(|c| !matches!(c, '`' | '*')).collect();
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out.trim_end_matches(['.', '!', ';', ':']).to_string()
}

#[cfg(test)]
mod tests {
    use super::{Entry, ItemId, Kind, Section, TitlesOver};
    use std::cell::Cell;

    #[test]
    fn each_title_over_sections_is_tested_once() {
        // `## Tech Stack ééé…` over 1,000 headings: its title is tested once, not per heading.
        thread_local!(static TESTED: Cell<usize> = const { Cell::new(0) });
        fn long(title: &str) -> bool {
            TESTED.with(|n| n.set(n.get() + 1));
            title.len() > 100
        }
        let section = |title: String, parent| Section {
            entry: 0,
            title: Some(title),
            parent,
            kind: Kind::Other,
            date: None,
            line: 1,
        };
        let mut sections = vec![section(format!("Tech Stack {}", "é".repeat(50_000)), None)];
        sections.extend((0..1_000).map(|i| section(format!("Part {i}"), Some(0))));
        let entries = [Entry { title: "System".into(), date: None, line: 1, from_heading: true }];
        let mut titles = TitlesOver::new(&sections, &entries, long);
        for s in 1..sections.len() {
            assert_eq!(titles.answers(s), [false, true, false]);
        }
        assert_eq!(TESTED.with(Cell::get), 1_002);
    }

    #[test]
    fn ids_read_as_sixteen_hex_digits() {
        for n in [0, 1, 0xabc, 0x0123_4567_89ab_cdef, u64::MAX] {
            let id = ItemId(n);
            assert_eq!(id.to_string(), format!("{n:016x}"));
            assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{n:016x}\""));
            assert_eq!(id.to_string().parse::<ItemId>(), Ok(id));
        }
    }
}
