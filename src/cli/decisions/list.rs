//! The `mb decisions` listing (table or `--json`) of a bank of any size, in memory well
//! below the bank's own size.
//!
//! Only two things in the listing depend on the whole bank: whether a decision was
//! superseded (by a later decision in any file), and the table's column widths. So each file
//! is parsed on a worker that keeps only what the listing prints of it — the table's rows in
//! a compact form, or the JSON objects already rendered, packed and compressed — plus its decisions'
//! settings, and drops the parsed document. Supersession is then resolved over the settings
//! of the whole bank, and the kept parts are written out in file order, a window of files at
//! a time rendered in parallel, with each superseded decision's status patched in.

use std::collections::HashMap;
use std::io::Write as _;
use std::ops::Range;
use std::path::Path;

use anyhow::{Context as _, bail};
use jiff::civil::Date;
use rayon::prelude::*;

use super::Args;
use crate::cli::output::{self, Layout};
use crate::kb::record::{self, ItemRecord};
use crate::kb::restate;
use crate::kb::supersede::{self, DocUses};
use crate::kb::{Document, Item, ItemId, Kind, KnowledgeBase, Setting, Status};
use crate::source::ReadError;

/// Files rendered at once when writing out: enough for every core, few enough that the
/// rendered text waiting to be written stays small (three windows exist at once, and a file's
/// pretty JSON is about twice its size).
const WINDOW: usize = 16;

/// The most levels of nesting the table shows by indentation; deeper items line up with the
/// deepest shown (`--json` keeps each item's `depth`).
const MAX_INDENT: u16 = 8;

/// Which items are listed, as far as one file can tell (`--active` needs the whole bank).
pub(super) struct Selection {
    kinds: Option<Vec<Kind>>,
    since: Option<Date>,
    json: bool,
    all: bool,
}

impl Selection {
    pub(super) fn of(args: &Args) -> Selection {
        Selection { kinds: (!args.all).then(|| args.kind.clone()), since: args.since, json: args.json, all: args.all }
    }

    fn lists(&self, item: &Item) -> bool {
        self.kinds.as_ref().is_none_or(|kinds| kinds.contains(&item.kind))
            && self.since.is_none_or(|since| item.when().is_some_and(|d| d >= since))
    }
}

/// What the listing keeps of one file.
struct Part {
    /// As shown.
    path: String,
    /// Its decisions' settings, for supersession. Each use's `item` is its decision's *slot*
    /// in `successors`, not its item: what superseded a decision is then found by indexing,
    /// where a search per superseded decision cost a twentieth of a large bank's `--json`.
    uses: DocUses,
    /// `(item, line, id)` of each decision that states a setting (and so may supersede
    /// another), by item, then those [`name_linked_successors`] added: what a superseded
    /// decision's note names.
    successors: Vec<(u32, u32, ItemId)>,
    listed: Listed,
    /// Filled after supersession: `(item, (file, slot) of its successor)` of the listed
    /// items that were superseded, by item.
    superseded: Vec<(u32, (usize, u32))>,
    /// `(decision, file)` of the decisions whose record says it was superseded by the file
    /// it links ([`supersede::named_successors`]).
    named: Vec<(u32, String)>,
    /// `(item, line, id)` of the file's one decision, when it has exactly one (an ADR's): the
    /// successor a record that links this file names.
    only: Option<(u32, u32, ItemId)>,
    /// Its decisions that may restate one recorded elsewhere ([`restate`]), until the whole
    /// bank is read.
    keys: restate::Keys,
    /// Filled after reading the whole bank: its decisions that restate one recorded elsewhere,
    /// by item, with the record's part and line; left out of the listing unless
    /// `--all`, which names the record.
    restated: Vec<restate::Restatement>,
}

enum Listed {
    Table {
        entries: Vec<String>,
        rows: Vec<Row>,
        /// The rows' TEXT cells (indent, `[kind] ` under `--all`, the item's text), end to end.
        text: String,
    },
    Json {
        items: Vec<JsonItem>,
        /// The items' JSON, each indented as an array element, without separators, packed
        /// ([`ItemRecord::write_element`]) and LZ4-compressed: pretty JSON is about twice the
        /// size of the Markdown it comes from, its packed form about four fifths.
        compressed: Vec<u8>,
        len: usize,
    },
}

struct Row {
    item: u32,
    line: u32,
    entry: u32,
    date: Option<Date>,
    text: Range<u32>,
    /// Its record says it was superseded (`Status: Superseded by ADR-9`).
    retired: bool,
}

struct JsonItem {
    item: u32,
    /// Where the item starts in the packed JSON.
    start: u32,
    /// For a decision: where its status is ([`record::PACKED_ACTIVE`], or
    /// [`record::PACKED_RETIRED`] when `retired`).
    status: Option<u32>,
    /// Its record says it was superseded (`Status: Superseded by ADR-9`).
    retired: bool,
}

/// The listing, loaded and resolved, ready to print.
pub(super) struct Listing {
    parts: Vec<(usize, Part)>,
    /// Restatements are left out (all but `--all`).
    hide_restated: bool,
    /// Where file `d`'s part is in `parts` (`u32::MAX` for a file that failed).
    at: Vec<u32>,
    pub errors: Vec<ReadError>,
    pub warnings: Vec<String>,
}

impl Listing {
    /// Whether no file was read at all (a bank folder holding no Markdown).
    pub(super) fn read_nothing(&self) -> bool {
        self.parts.is_empty() && self.errors.is_empty()
    }
}

/// Reads and parses every file under `path` in parallel, keeping what `selection` lists, and
/// resolves supersession across them.
pub(super) fn load(path: &Path, shown_from: &Path, selection: &Selection) -> Listing {
    let kept = crate::kb::load::load_each(path, shown_from, |d, doc| keep(d, doc, selection));
    let mut errors = kept.errors;
    let mut parts = Vec::with_capacity(kept.files.len());
    for (d, part) in kept.files {
        match part {
            Ok(part) => parts.push((d, part)),
            Err(err) => errors.push(err),
        }
    }
    let groups = supersede::group(parts.iter_mut().map(|(_, part)| std::mem::take(&mut part.uses)).collect());
    let pairs = supersede::supersessions(&groups);
    // A large bank has a setting per decision, each with its own value: they are freed on
    // the pool while this thread goes on.
    rayon::spawn(move || drop(groups));
    let files = parts.last().map_or(0, |(d, _)| d + 1);
    let (start, by_file) = bucket_by_file(pairs, files);
    // Each part takes its own, by item.
    parts.par_iter_mut().for_each(|(d, part)| {
        let item = |slot: u32| part.successors.get(slot as usize).map_or(u32::MAX, |s| s.0);
        part.superseded = by_file[start[*d]..start[*d + 1]]
            .iter()
            .map(|&(slot, (by_d, by_slot))| (item(slot), (by_d as usize, by_slot)))
            .collect();
        // The first key a decision was overridden on names its successor (sorts are stable).
        part.superseded.sort_by_key(|(item, _)| *item);
        part.superseded.dedup_by_key(|(item, _)| *item);
    });
    name_linked_successors(&mut parts);
    let keys: Vec<restate::Keys> = parts.iter_mut().map(|(_, part)| std::mem::take(&mut part.keys)).collect();
    for ((_, part), restated) in parts.iter_mut().zip(restate::restated(&keys)) {
        part.restated = restated;
    }
    drop(keys);
    let mut at = vec![u32::MAX; files];
    for (k, (d, _)) in parts.iter().enumerate() {
        at[*d] = k as u32;
    }
    Listing { parts, hide_restated: !selection.all, at, errors, warnings: kept.warnings }
}

/// A decision whose record says it was superseded and links the file that replaced it takes
/// that file's one decision as its successor, unless a later setting named one already.
fn name_linked_successors(parts: &mut [(usize, Part)]) {
    if parts.iter().all(|(_, part)| part.named.is_empty()) {
        return;
    }
    let by_path: HashMap<&str, usize> =
        parts.iter().enumerate().map(|(k, (_, part))| (part.path.as_str(), k)).collect();
    let mut named = Vec::new();
    for (k, (_, part)) in parts.iter().enumerate() {
        for (item, file) in &part.named {
            if let Some(&t) = by_path.get(file.as_str())
                && let Some(only) = parts[t].1.only
            {
                named.push((k, *item, parts[t].0, t, only));
            }
        }
    }
    for (k, item, file, t, only) in named {
        // The note names the successor's line and id: it is kept among the target's, after
        // them so that no slot moves.
        let successors = &mut parts[t].1.successors;
        let slot = successors.iter().position(|s| s.0 == only.0).unwrap_or_else(|| {
            successors.push(only);
            successors.len() - 1
        });
        parts[k].1.superseded.push((item, (file, slot as u32)));
    }
    // Sorts are stable: a successor a setting named comes first, and stays.
    for (_, part) in parts.iter_mut().filter(|(_, part)| !part.named.is_empty()) {
        part.superseded.sort_by_key(|(item, _)| *item);
        part.superseded.dedup_by_key(|(item, _)| *item);
    }
}

/// `(slot, (file, slot) of its successor)`.
type Superseded = (u32, (u32, u32));

/// `(superseded, successor)` pairs of `files` files, each `(file, slot)`, bucketed by file in
/// one counting pass, in their order within a file: file `d`'s are
/// `by_file[start[d]..start[d + 1]]`, as `(slot, successor)`.
fn bucket_by_file(pairs: Vec<((u32, u32), (u32, u32))>, files: usize) -> (Vec<usize>, Vec<Superseded>) {
    let mut start = vec![0usize; files + 1];
    for &((d, _), _) in &pairs {
        if let Some(n) = start.get_mut(d as usize + 1) {
            *n += 1;
        }
    }
    for d in 0..files {
        start[d + 1] += start[d];
    }
    let mut next = start.clone();
    let mut by_file = vec![(0u32, (0u32, 0u32)); start[files]];
    for ((d, i), successor) in pairs {
        // A pair of a file past `files` has no slot (every pair is of a kept file).
        if let Some(at) = next[..files].get_mut(d as usize) {
            by_file[*at] = (i, successor);
            *at += 1;
        }
    }
    (start, by_file)
}

/// `(item, its settings)` of a document's decisions, in item order.
type Decided = Vec<(usize, Vec<Setting>)>;

/// One parsed file → what the listing keeps of it.
fn keep(d: usize, doc: Document, selection: &Selection) -> Result<Part, ReadError> {
    // Supersession and the JSON both need a decision's settings: extracted once, lent to the
    // JSON and then handed to supersession.
    let decided: Vec<(usize, Vec<Setting>)> = doc
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| item.kind == Kind::Decision)
        .map(|(i, item)| (i, item.settings()))
        .collect();
    // A decision that states no setting may restate one in another file.
    let role = restate::role(&doc.path);
    let keys: restate::Keys = decided
        .iter()
        .filter(|(_, settings)| settings.is_empty())
        .filter_map(|&(i, _)| restate::Stated::of(&doc, i, role))
        .collect();
    let path = crate::source::display_path(&doc.path);
    let (listed, decided) = if selection.json {
        keep_json(&doc, &path, selection, decided)?
    } else {
        (keep_rows(&doc, selection), decided)
    };
    let mut uses = supersede::uses_of(d, &doc, decided);
    let mut successors: Vec<(u32, u32, ItemId)> = Vec::new();
    for uses in uses.values() {
        successors.extend(
            uses.iter().map(|u| (u.item, doc.items[u.item as usize].line as u32, doc.items[u.item as usize].id)),
        );
    }
    successors.sort_unstable_by_key(|s| s.0);
    successors.dedup_by_key(|s| s.0);
    successors.shrink_to_fit();
    // Slots rise with items, so the uses keep their order.
    for u in uses.values_mut().flatten() {
        u.item = successors.partition_point(|s| s.0 < u.item) as u32;
    }
    let named = supersede::named_successors(&doc).into_iter().map(|(i, file)| (i as u32, file)).collect();
    let only = supersede::only_decision(&doc).map(|i| (i as u32, doc.items[i].line as u32, doc.items[i].id));
    Ok(Part { path, uses, successors, listed, superseded: Vec::new(), named, only, keys, restated: Vec::new() })
}

fn keep_rows(doc: &Document, selection: &Selection) -> Listed {
    let entries = doc.entries.iter().map(|e| e.title.clone()).collect();
    let mut rows = Vec::new();
    let mut text = String::new();
    for (i, item) in doc.items.iter().enumerate() {
        if !selection.lists(item) {
            continue;
        }
        let start = text.len() as u32;
        // (Two spaces a level, up to [`MAX_INDENT`] levels: 20,000 list markers nested on one
        // line of a 40 KB file once indented their last rows by 40,000 spaces each, 400 MB of
        // table and 800 MB of memory; found by review.)
        for _ in 0..item.depth.min(MAX_INDENT) {
            text.push_str("  ");
        }
        if selection.all {
            text.push('[');
            text.push_str(item.kind.as_str());
            text.push_str("] ");
        }
        text.push_str(&item.text);
        rows.push(Row {
            item: i as u32,
            line: item.line as u32,
            entry: item.entry as u32,
            date: item.date,
            text: start..text.len() as u32,
            retired: item.status == Status::Superseded,
        });
    }
    rows.shrink_to_fit();
    text.shrink_to_fit();
    Listed::Table { entries, rows, text }
}

/// `path`: the document's path as shown; `decided`: `(item, its settings)` of its decisions,
/// in item order, given back when their JSON is written.
fn keep_json(
    doc: &Document,
    path: &str,
    selection: &Selection,
    decided: Decided,
) -> Result<(Listed, Decided), ReadError> {
    let mut given_back = Vec::with_capacity(decided.len());
    let mut decided = decided.into_iter().peekable();
    // Nothing is superseded yet, so the record never looks into the (empty) knowledge base.
    let none = KnowledgeBase::default();
    let mut items = Vec::new();
    // Grown by doubling, not sized up front: buffers of twice the file's size fragmented the
    // heap the kept parts live in and raised the peak RSS by a few MiB on a 100 MiB bank.
    let mut json = Vec::new();
    let too_large =
        || ReadError::Io { path: doc.path.clone(), source: std::io::Error::other("its JSON would exceed 4 GiB") };
    for (i, item) in doc.items.iter().enumerate() {
        if !selection.lists(item) {
            continue;
        }
        given_back.extend(std::iter::from_fn(|| decided.next_if(|(d, _)| *d < i)));
        let (settings, decision) = match decided.next_if(|(d, _)| *d == i) {
            Some((_, settings)) => (settings, true),
            None => (item.settings(), false),
        };
        let start = json.len();
        let record = ItemRecord::with_settings(&none, doc, path, item, settings);
        let status = record.write_element(&mut json);
        if decision {
            given_back.push((i, record.settings));
        }
        let status = match item.kind {
            Kind::Decision => Some(u32::try_from(status).map_err(|_| too_large())?),
            _ => None,
        };
        items.push(JsonItem {
            item: i as u32,
            start: u32::try_from(start).map_err(|_| too_large())?,
            status,
            retired: item.status == Status::Superseded,
        });
    }
    given_back.extend(decided);
    let len = json.len();
    u32::try_from(len).map_err(|_| too_large())?;
    // The compressor allocates for the worst case, larger than its input: give it back.
    let mut compressed = lz4_flex::compress(&json);
    compressed.shrink_to_fit();
    items.shrink_to_fit();
    Ok((Listed::Json { items, compressed, len }, given_back))
}

impl Part {
    /// What superseded each of the part's items, asked in item order (rows and JSON items
    /// are kept in that order, as [`Part::superseded`] is): one pass over both.
    fn supersessions(&self) -> Supersessions<'_> {
        Supersessions { rest: &self.superseded }
    }
}

/// Which of a part's items restate a decision recorded elsewhere, asked in item order.
struct Restated<'p> {
    rest: &'p [restate::Restatement],
}

impl Restated<'_> {
    fn of(part: &Part) -> Restated<'_> {
        Restated { rest: &part.restated }
    }

    /// `(part, line)` of the record `item` restates; items must be asked for in rising order.
    fn of_item(&mut self, item: u32) -> Option<(usize, u32)> {
        while let Some((first, rest)) = self.rest.split_first()
            && first.item < item
        {
            self.rest = rest;
        }
        self.rest.first().filter(|r| r.item == item).map(|r| r.record)
    }
}

struct Supersessions<'p> {
    rest: &'p [(u32, (usize, u32))],
}

impl Supersessions<'_> {
    /// `(file, slot)` of what superseded `item`; items must be asked for in rising order.
    fn of(&mut self, item: u32) -> Option<(usize, u32)> {
        while let Some(((first, _), rest)) = self.rest.split_first()
            && *first < item
        {
            self.rest = rest;
        }
        self.rest.first().filter(|(first, _)| *first == item).map(|(_, by)| *by)
    }
}

impl Listing {
    /// `(path, line, id)` of the decision in `slot` of `file`'s successors, the successor a
    /// note names.
    fn successor(&self, (file, slot): (usize, u32)) -> Option<(&str, u32, ItemId)> {
        let part = &self.parts.get(*self.at.get(file)? as usize)?.1;
        let &(_, line, id) = part.successors.get(slot as usize)?;
        Some((&part.path, line, id))
    }

    pub(super) fn print(&self, args: &Args) -> anyhow::Result<()> {
        if args.json { self.print_json(args.active) } else { self.print_table(args) }
    }

    fn print_json(&self, active_only: bool) -> anyhow::Result<()> {
        let mut out = output::buffered_stdout();
        let mut any = false;
        out.write_all(b"[")?;
        in_order(
            &self.parts,
            |(_, part)| self.render_json(part, active_only),
            |part| {
                let part = part?;
                if !part.is_empty() {
                    out.write_all(if any { b",\n" } else { b"\n" })?;
                    out.write_all(&part)?;
                    any = true;
                }
                Ok(())
            },
        )?;
        out.write_all(if any { b"\n]\n" } else { b"]\n" })?;
        out.flush()?;
        Ok(())
    }

    /// A file's items as elements of the JSON array, separated by `,\n`.
    fn render_json(&self, part: &Part, active_only: bool) -> anyhow::Result<Vec<u8>> {
        let Listed::Json { items, compressed, len } = &part.listed else { bail!("internal error: no JSON kept") };
        let packed = lz4_flex::decompress(compressed, *len).context("internal error: the kept JSON")?;
        // Pretty JSON is about two and a half times its packed form.
        let mut out = Vec::with_capacity(packed.len() * 5 / 2 + 64);
        let mut supersessions = part.supersessions();
        let mut restated = Restated::of(part);
        for (k, item) in items.iter().enumerate() {
            let end = items.get(k + 1).map_or(packed.len(), |next| next.start as usize);
            let bytes = &packed[item.start as usize..end];
            let by = supersessions.of(item.item);
            let record = restated.of_item(item.item);
            if (active_only && (by.is_some() || item.retired)) || (self.hide_restated && record.is_some()) {
                continue;
            }
            if !out.is_empty() {
                out.extend_from_slice(b",\n");
            }
            match by {
                Some(by) => {
                    let (_, _, id) = self.successor(by).context("internal error: a successor was not kept")?;
                    let status = item.status.context("internal error: a superseded item that is no decision")?;
                    let at = status as usize - item.start as usize;
                    let packed_status = if item.retired { record::PACKED_RETIRED } else { record::PACKED_ACTIVE };
                    if !bytes.get(at..).is_some_and(|rest| rest.starts_with(packed_status)) {
                        bail!("internal error: a kept decision without its status");
                    }
                    record::unpack(&bytes[..at], &mut out);
                    record::push_superseded(&mut out, id);
                    record::unpack(&bytes[at + packed_status.len()..], &mut out);
                }
                None => record::unpack(bytes, &mut out),
            }
            // A restatement (listed under `--all`) names its record last.
            if let Some((k, line)) = record {
                let path = &self.parts.get(k).context("internal error: a record's file was not kept")?.1.path;
                record::push_restates(&mut out, path, line as usize)
                    .context("internal error: an element that does not end its object")?;
            }
        }
        Ok(out)
    }

    fn print_table(&self, args: &Args) -> anyhow::Result<()> {
        let mut layout = Layout::new(&["DATE", "SOURCE", "ENTRY", "TEXT"], &[None, None, Some(34), None]);
        // Each file's rows are measured on the pool; the widest cell of each column wins.
        let measured: Vec<Option<Measured>> =
            self.parts.par_iter().map(|(_, part)| measure(part, args.active, self.hide_restated)).collect();
        let (mut shown, mut superseded, mut restated, mut files) = (0, 0, 0, 0);
        for m in measured {
            let m = m.context("internal error: no rows kept")?;
            shown += m.shown;
            superseded += m.superseded;
            restated += m.restated;
            files += usize::from(m.shown > 0);
            for (column, width) in m.widths.into_iter().enumerate() {
                layout.measure_cell(column, width);
            }
        }
        let left_out = match restated {
            0 => String::new(),
            1 => "; 1 restatement of a decision recorded elsewhere is left out (--all shows it)".to_string(),
            n => format!("; {n} restatements of decisions recorded elsewhere are left out (--all shows them)"),
        };
        if shown == 0 {
            writeln!(anstream::stderr(), "no items match (try --all){left_out}")?;
            return Ok(());
        }
        let colored = output::stdout_colored();
        let mut out = output::buffered_stdout();
        let mut header = Vec::new();
        layout.write_header(&mut header)?;
        out.write_all(&output::plain(header, colored))?;
        // Rows are rendered without styles when they would be stripped again.
        let render = |(_, part): &(usize, Part)| self.render_rows(part, &layout, args.active, colored);
        in_order(&self.parts, render, |part| {
            out.write_all(&part?)?;
            Ok(())
        })?;
        out.flush()?;
        drop(out);
        writeln!(
            anstream::stderr(),
            "{shown} {} in {files} {}{}{left_out}",
            match (args.all || args.kind != [Kind::Decision], shown == 1) {
                (true, false) => "items",
                (true, true) => "item",
                (false, false) => "decisions",
                (false, true) => "decision",
            },
            if files == 1 { "file" } else { "files" },
            if superseded > 0 { format!(" ({superseded} superseded)") } else { String::new() },
        )?;
        Ok(())
    }

    fn render_rows(&self, part: &Part, layout: &Layout, active_only: bool, colored: bool) -> std::io::Result<Vec<u8>> {
        let style = |style| if colored { style } else { anstyle::Style::new() };
        let Listed::Table { entries, rows, text } = &part.listed else { return Ok(Vec::new()) };
        // The rows' text plus, per row, a date, a source, an entry cut at 34 characters and
        // the padding between them: grown in place, not by doubling from empty.
        let mut out = Vec::with_capacity(text.len() + rows.len() * (part.path.len() + 64));
        // (`dimmed`: a superseded or restated row's text with what replaced or records it.)
        let (mut date, mut source, mut dimmed) = (String::new(), String::new(), String::new());
        // A file's few entry titles are cut to their column once, not once per row.
        let entry_cells: Vec<output::Fitted<'_>> = entries.iter().map(|entry| layout.fit(2, entry)).collect();
        let mut supersessions = part.supersessions();
        let mut restated = Restated::of(part);
        for row in rows {
            // Superseded by a later decision (named when it was kept), or by its own record.
            let successor = match supersessions.of(row.item) {
                Some(by) => Some(self.successor(by)),
                None => row.retired.then_some(None),
            };
            // Shown only under `--all`, naming the record.
            let record = restated.of_item(row.item);
            if (active_only && successor.is_some()) || (self.hide_restated && record.is_some()) {
                continue;
            }
            // Cells are written from scratch buffers and the kept text: a table of a large
            // bank has millions of them, and copying and formatting them cost more than the
            // rest of the row.
            date.clear();
            match row.date {
                Some(d) => crate::kb::heading::push_date(&mut date, d),
                None => date.push('-'),
            }
            source.clear();
            push_source(&mut source, &part.path, row.line);
            let own = &text[row.text.start as usize..row.text.end as usize];
            let record = record.and_then(|(k, line)| Some((self.parts.get(k)?.1.path.as_str(), line)));
            let text_cell = match (successor, record) {
                (None, None) => (own, anstyle::Style::new()),
                (by, record) => {
                    dimmed.clear();
                    dimmed.push_str(own);
                    if let Some(Some((path, line, _))) = by {
                        dimmed.push_str(" (superseded by ");
                        push_source(&mut dimmed, path, line);
                        dimmed.push(')');
                    }
                    if let Some((path, line)) = record {
                        dimmed.push_str(" (restates ");
                        push_source(&mut dimmed, path, line);
                        dimmed.push(')');
                    }
                    (dimmed.as_str(), style(output::DIM))
                }
            };
            let Some(entry) = entry_cells.get(row.entry as usize) else { continue };
            let cells = [
                (&layout.fit(0, &date), style(output::DATE)),
                (&layout.fit(1, &source), anstyle::Style::new()),
                (entry, anstyle::Style::new()),
                (&layout.fit(3, text_cell.0), text_cell.1),
            ];
            layout.write_fitted(&mut out, cells)?;
        }
        Ok(out)
    }
}

/// What the table's summary and column widths need from one file's rows: how many are
/// shown, superseded and left out as restatements, and the widest date, source and entry cell.
struct Measured {
    shown: usize,
    superseded: usize,
    restated: usize,
    widths: [usize; 3],
}

/// `None` when the part kept no rows (it was loaded for JSON).
fn measure(part: &Part, active_only: bool, hide_restated: bool) -> Option<Measured> {
    let Listed::Table { entries, rows, .. } = &part.listed else { return None };
    let path_chars = crate::cli::output::display_width(&part.path);
    let entry_chars: Vec<usize> = entries.iter().map(|e| crate::cli::output::display_width(e)).collect();
    let mut counted = Measured { shown: 0, superseded: 0, restated: 0, widths: [0; 3] };
    let mut supersessions = part.supersessions();
    let mut restated = Restated::of(part);
    for row in rows {
        let gone = supersessions.of(row.item).is_some() || row.retired;
        if hide_restated && restated.of_item(row.item).is_some() {
            counted.restated += 1;
            continue;
        }
        if active_only && gone {
            continue;
        }
        counted.shown += 1;
        counted.superseded += usize::from(gone);
        let cells = [
            row.date.map_or(1, date_width),
            path_chars + 1 + decimal_digits(row.line),
            entry_chars.get(row.entry as usize).copied().unwrap_or(0),
        ];
        for (width, cell) in counted.widths.iter_mut().zip(cells) {
            *width = (*width).max(cell);
        }
    }
    Some(counted)
}

/// Renders `parts` on every core, a window at a time, while this thread hands the rendered
/// windows to `write` in order: rendering the next window overlaps writing the last, and at
/// most three windows of rendered text exist at once. A failed write (a closed pipe) stops
/// the rendering.
fn in_order<T: Sync, R: Send>(
    parts: &[T],
    render: impl Fn(&T) -> R + Sync,
    mut write: impl FnMut(R) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<R>>(1);
        let render = &render;
        scope.spawn(move || {
            for window in parts.chunks(WINDOW) {
                if sender.send(window.par_iter().map(render).collect()).is_err() {
                    return;
                }
            }
        });
        let written = receiver.iter().flatten().try_for_each(&mut write);
        drop(receiver);
        written
    })
}

fn decimal_digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// Characters of a date as shown: `YYYY-MM-DD` for years 0 to 9999.
fn date_width(date: Date) -> usize {
    if (0..=9999).contains(&date.year()) { 10 } else { date.to_string().chars().count() }
}

/// `path:line`, a row's source.
fn push_source(out: &mut String, path: &str, line: u32) {
    out.push_str(path);
    out.push(':');
    out.push_str(itoa::Buffer::new().format(line));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn superseded_pairs_are_bucketed_by_file_in_their_order() {
        // (file, item) superseded by (file, item); file 1 has none, file 3 is past the files.
        let pairs = vec![((2, 5), (0, 1)), ((0, 3), (2, 9)), ((2, 1), (1, 4)), ((3, 0), (0, 0)), ((2, 5), (1, 2))];
        let (start, by_file) = bucket_by_file(pairs, 3);
        assert_eq!(start, [0, 1, 1, 4]);
        assert_eq!(by_file[start[0]..start[1]], [(3, (2, 9))]);
        assert!(by_file[start[1]..start[2]].is_empty());
        assert_eq!(by_file[start[2]..start[3]], [(5, (0, 1)), (1, (1, 4)), (5, (1, 2))]);
    }

    #[test]
    fn dates_and_sources_read_as_their_display() {
        for (y, m, d) in [(2025, 1, 7), (1, 12, 31), (0, 1, 1), (9999, 12, 31), (-5, 3, 4), (-9999, 1, 1)] {
            let date = Date::new(y, m, d).unwrap();
            let mut text = String::new();
            crate::kb::heading::push_date(&mut text, date);
            assert_eq!(text, date.to_string());
            assert_eq!(text.chars().count(), date_width(date));
        }
        for line in [0, 1, 9, 10, 99, 100, 123_456, u32::MAX] {
            let mut source = String::new();
            push_source(&mut source, "memory-bank/a.md", line);
            assert_eq!(source, format!("memory-bank/a.md:{line}"));
        }
    }
}
