//! One Markdown file → a [`Document`] of entries, sections and items, in one pass of
//! pulldown-cmark events plus a cheap pass over the headings it collected.
//!
//! Which heading level makes entries is decided per file after the pass, because it depends on
//! what follows: a file whose H2s carry dates or have H3s under them (activeContext.md,
//! decisionLog.md) has an entry per H2; a file of H2 sections under one H1 title
//! (systemPatterns.md) is a single entry.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use jiff::civil::Date;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::conventions;
use super::fields;
use super::heading::{bold_label_date, classify, classify_title, find_date, last_word, leading_date, trailing_date};
use super::patterns;
use super::records;
use super::stack;
use super::{Block, Document, Entry, Item, ItemId, Kind, Link, Section, Status, Text};

/// The Markdown extensions mb recognises, so that tables, task lists and front matter are
/// seen for what they are rather than read as prose.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// The date in brackets right after an item's bold title, before its colon: `**Shared
/// virtualenv** (2025-12-21) : …`, with a time, a range's end or a note after it (`(2025-11-21
/// – 2025-11-24)`, `(2025-12-21, approved by Anna)`). The bracket opens with the date: `(EOL
/// 2026-01-01)` and `(bought 2019-03-02)` date something else; and a year first with dots,
/// `(2025.6.1)`, is a version.
fn date_after_bold_label(item: &Item) -> Option<Date> {
    let bold = item.bold.as_deref()?;
    let rest = item.text.get(bold.len()..)?.trim_start().strip_prefix('(')?;
    let close = rest.find(')')?;
    rest[close + 1..].trim_start().starts_with([':', '：']).then_some(())?;
    let inside = rest[..close].trim();
    let version = inside.as_bytes().get(4) == Some(&b'.') && inside.bytes().take(4).all(|b| b.is_ascii_digit());
    super::heading::date_at_start(inside).filter(|_| !version).map(|(date, _)| date)
}

/// Whether what follows `at` in `text` is a record's fields or nothing: the next line that is
/// not blank opens with a field's label other than `Decision` (`**Rationale:** …`, `-
/// **Impact:** …`), or is a heading or a thematic break, or there is none.
fn fields_follow(text: &str, at: usize) -> bool {
    let Some(line) = next_line(text, at) else { return true };
    let line = line.trim();
    if line.starts_with('#') || ["---", "***", "___"].iter().any(|b| line.starts_with(b)) {
        return true;
    }
    let line = line.strip_prefix(['-', '*', '+']).map_or(line, str::trim_start);
    fields::opening_label_field(line).is_some_and(|f| f != fields::Field::Decision)
}

/// The first line after the one `at` ends (or, when `at` starts a line, from it on) that is not
/// blank.
fn next_line(text: &str, at: usize) -> Option<&str> {
    let rest = text.get(at..).unwrap_or("");
    // (`at` may end the item's last line or start the next.)
    let mid_line = at > 0 && text.as_bytes().get(at - 1).is_some_and(|&b| b != b'\n');
    rest.lines().skip(usize::from(mid_line)).find(|l| !l.trim().is_empty())
}

/// Whether the first line after `at` that is not blank opens a list item ([`opens_list_item`]).
fn list_follows(text: &str, at: usize) -> bool {
    next_line(text, at).is_some_and(|line| opens_list_item(line.trim_start()))
}

/// Whether a line, its indentation taken off, opens with a list item's marker: `- `, `* `, `+ `,
/// `1.`, `2)`.
fn opens_list_item(line: &str) -> bool {
    let numbered = line.bytes().take_while(u8::is_ascii_digit).count();
    (line.starts_with(['-', '*', '+']) && line[1..].starts_with(' '))
        || (numbered > 0 && line[numbered..].starts_with(['.', ')']))
}

/// Parses one Memory Bank file. Never fails: any text is some Markdown.
pub fn parse_document(path: &Path, text: &str) -> Document {
    let text = crate::source::lone_cr_as_lf(text);
    let mended = mend_delimiter_rows(&text);
    super::heading::read_in_file_order(&mended, || {
        let mut pass = Pass::new(&mended);
        pass.run();
        pass.finish(path)
    })
}

/// `text` with each table delimiter row that ends in one empty cell too many (`|---|---||`,
/// `|:--|--:||` under `| Date | Decision |`) ending where its header does. CommonMark reads
/// such a table as a paragraph; its writer, and anyone reading the file, see the table. The
/// extra pipe becomes a space, so every offset and line stays where it was. (Public for the
/// tests that read a file as mb does.)
pub fn mend_delimiter_rows(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut mended: Option<Vec<u8>> = None;
    // Each line is looked at once, at its first `||`: the scans back and forth stay within it.
    let mut next_line = 0;
    for at in memchr::memmem::find_iter(bytes, b"||") {
        if at < next_line {
            continue;
        }
        let start = memchr::memrchr(b'\n', &bytes[next_line..at]).map_or(next_line, |n| next_line + n + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
        next_line = end + 1;
        let line = bytes[start..end].trim_ascii();
        let delimiter = line.len() >= 3
            && line.ends_with(b"||")
            && matches!(line[line.len() - 3], b'-' | b':')
            && line.contains(&b'-')
            && line.iter().all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'));
        // (Under a header row that does not itself end in an empty cell.)
        let header = || {
            let nl = start.checked_sub(1)?;
            let head_start = memchr::memrchr(b'\n', &bytes[..nl]).map_or(0, |n| n + 1);
            Some(bytes[head_start..nl].trim_ascii())
        };
        if delimiter && header().is_some_and(|h| h.contains(&b'|') && !h.ends_with(b"||")) {
            let pipe = start + (bytes[start..end].trim_ascii_end().len() - 1);
            mended.get_or_insert_with(|| bytes.to_vec())[pipe] = b' ';
        }
    }
    match mended {
        // (Only an ASCII pipe was replaced, by an ASCII space: the text is still UTF-8.)
        Some(bytes) => std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())),
        None => std::borrow::Cow::Borrowed(text),
    }
}

struct RawHeading {
    level: u8,
    title: String,
    kind: Kind,
    date: Option<Date>,
    line: usize,
    /// A Roo Code timestamp line (`[2025-08-16 14:02:11] - Title`) standing in for a heading:
    /// it opens a dated entry wherever it stands.
    stamp: bool,
    /// For a stamp: it closes the record it is placed before, its line standing after that
    /// record's fields ([`Pass::closed_record`]); its item is none of the record's statement.
    closes: bool,
    /// For a stamp: its one line ends a sentence (`[…] - Filtered the health checks out of the
    /// logs.`), saying all it has to; it introduces nothing after it.
    said_all: bool,
    /// The record field the title names (`## Rationale`, see [`fields::field_heading`]);
    /// `None` for a stamp.
    field: Option<fields::Field>,
    /// Whether the title states a decision (`## Decision: Use Traefik`, see
    /// [`fields::decision_heading`]); false for a stamp.
    decision: bool,
    /// Whether the title names considerations ([`fields::names_considerations`]).
    considers: bool,
    /// Whether the title says its decisions are still to make, or is about writing them
    /// (`Decisions Needed`, `Template for New Decisions`).
    undecided: bool,
    /// Whether the headings and items under it each name a pattern the team chose (`## Key
    /// Design Patterns`, see [`patterns::lists_patterns`]; never the file's title), and
    /// whether they are the tests' ([`patterns::Listing`]).
    listing: patterns::Listing,
}

/// What a heading's or bold pseudo-heading's title says (the record tests matter only for
/// headings).
#[derive(Clone)]
struct Title {
    kind: Kind,
    /// Whether it names considerations ([`fields::names_considerations`]).
    considers: bool,
    /// Whether it talks about decisions without recording one: still to make (`Decisions
    /// Needed`, `Pending Decisions`), a template or a format for them.
    undecided: bool,
    date: Option<Date>,
    /// The record field it names (`## Rationale`, see [`fields::field_heading`]).
    field: Option<fields::Field>,
    /// The decision it states (`## Decision: Use Traefik`, see [`fields::decision_heading`]).
    decision: Option<String>,
}

thread_local! {
    /// Titles judged on this thread, from every file it parsed: a bank's files share most of
    /// their titles (`## Context` and `## Decision` in every ADR, `### Next Steps` in every
    /// dated entry), and what a title says depends on its words alone. Emptied when it holds
    /// [`JUDGED_TITLES`].
    static JUDGED: std::cell::RefCell<std::collections::HashMap<Box<str>, Title>> = Default::default();
}

/// How many judged titles a thread keeps ([`JUDGED`]): a few hundred KiB at most.
const JUDGED_TITLES: usize = 4096;

/// How many lines a log row's last cell may run on over, past blank lines, before the line
/// that ends it with a pipe ([`Pass::cell_closes_below`]).
const CELL_LINES: usize = 80;

/// What may follow a bold title in a pseudo-heading: a short qualifier in brackets,
/// `(maintained)`, `（本周）`, with no digit (a date or a count) and no second bracket.
fn is_qualifier(rest: &str) -> bool {
    is_note(rest) && !rest.bytes().any(|b| b.is_ascii_digit())
}

/// A short note in brackets and nothing else ([`fields::note_in_brackets`], at most 40 bytes,
/// no square bracket), a number in it too (`(already running)`, `(in v2)`, `(port 8080)`;
/// found by review) — not a date, which dates what follows.
fn is_note(rest: &str) -> bool {
    let rest = rest.trim();
    fields::note_in_brackets(rest).is_some_and(|inner| {
        !inner.trim().is_empty() && inner.len() <= 40 && !inner.contains(['[', ']']) && trailing_date(rest).is_none()
    })
}

/// A bold paragraph standing alone as a pseudo-heading (`**Firewalling (final fixes):**`).
struct Group {
    title: String,
    line: usize,
    kind: Kind,
    date: Option<Date>,
    /// Whether the title names considerations ([`fields::names_considerations`]).
    considers: bool,
}

/// What a heading's body opened with, when an item was made for the heading in case the body
/// states no decision of its own.
#[derive(Clone, Copy, PartialEq)]
enum Body {
    /// A code block (`### Current architecture` over a diagram).
    CodeBlock,
    /// A paragraph or list item: the heading stands for the decision when the body is only
    /// its fields (`### PostgreSQL for inventory` over `**Rationale**:` and `**Trade-offs**:`).
    Statement,
}

/// What the pass is skipping: content that never produces items.
#[derive(PartialEq)]
enum Skip {
    CodeBlock,
    Html,
}

/// The table being read: its column titles, and where each cell of the row being read lies
/// in that row's scratch text.
#[derive(Default)]
struct Table {
    columns: Columns,
    cells: Vec<Range<usize>>,
    /// Where the cell being read starts.
    cell_start: usize,
}

struct Pass<'a> {
    text: &'a str,
    /// Byte offset of the parsed text in the file (3 after a UTF-8 byte-order mark).
    base: usize,
    lines: LineCounter<'a>,
    headings: Vec<RawHeading>,
    groups: Vec<Group>,
    /// Items in document order; kind, date, id, entry and section are settled in `finish`.
    items: Vec<Item>,
    /// The heading each item sits under, by index in `items`.
    item_heading: Vec<Option<usize>>,
    /// Indices in `items` of the open list items and top-level paragraph, innermost last.
    open: Vec<usize>,
    /// The text read so far of each open item, by depth (`open[d]` reads into `scratch[d]`);
    /// the strings are reused from item to item.
    scratch: Vec<String>,
    /// The tidied text of every closed item, one after the other: frozen into the buffer the
    /// document's [`Text`]s share when the pass ends.
    buf: String,
    /// Where each item's text lies in `buf`, by index in `items` (set when it closes).
    text_at: Vec<Range<usize>>,
    skip: Option<(Skip, u32)>,
    table: Option<Table>,
    /// The columns of the last log table (one with a `Decision` or `Date` column), for the
    /// rows appended after it without a head of their own ([`Pass::orphan_line`]).
    last_columns: Option<Columns>,
    /// The item being read as such a row.
    orphan_row: Option<usize>,
    /// The items read as such rows, and the items that hold the rest of a row whose last
    /// cell went on over lines Markdown read as a list (`1. Runs locally` under the row, up to
    /// `4. Keeps OpenAI as a fallback |`).
    appended_rows: Vec<usize>,
    row_parts: Vec<usize>,
    /// Whether the last such row is still open: its last cell has not ended with a pipe.
    row_unfinished: bool,
    /// Where [`Pass::cell_closes_below`] last looked: for which row, from, up to, and whether
    /// the line there ends that row's cell.
    cell_scan: Option<(usize, usize, usize, bool)>,
    /// Of the last log table: whether its head row ends with a pipe (its rows are written with
    /// closing pipes), its column count, and the heading it sits under.
    log_pipes: bool,
    log_width: usize,
    log_heading: Option<usize>,
    /// The last row of a log table, when its last cell did not end with a pipe and went on
    /// over the lines under the table (`… the calls made are:`, then a list, then `… |`).
    table_row_open: Option<usize>,
    /// A paragraph of bold labels found to hold a record's inline fields
    /// ([`Pass::label_under_label`]).
    record_paragraph: Option<usize>,
    heading: Option<(u8, String, usize)>,
    current_heading: Option<usize>,
    current_group: Option<usize>,
    /// `Some` while the current group is a plain label's (`Decisiones recientes:`, `Next
    /// steps:`); `Some(true)` once a list has opened under it: the next paragraph ends it.
    plain_group: Option<bool>,
    /// Set while a `**bold**` that opens an item is being read: where its text starts.
    bold_start: Option<usize>,
    /// A struck-out run that opens an item (`- ~~RabbitMQ~~`): the item, and once the run ends,
    /// where in its text it ended. An item struck out whole is retired ([`Pass::close`]).
    strike: Option<(usize, Option<usize>)>,
    links: Vec<(usize, String)>,
    front_matter: FrontMatterDates,
    /// Items standing for a heading in a decision section, made before what it holds is
    /// known (see [`Pass::heading_item`]) and kept in `finish` only when that body states no
    /// decision of its own.
    provisional: Vec<(usize, Body)>,
    /// The rows of tables with a column that holds the decision, whose decision cell gives one
    /// (not `Pending`, `TBD`, `Rejected` …), in document order: each is a decision wherever
    /// the table sits.
    decision_rows: Vec<usize>,
    /// The rows of tables whose columns name a technology and what it is for (`| Layer |
    /// Technology |`, `| 项 | 版本 | 用途 |`) that name a part and what fills it, in document
    /// order: under a stack's title each is a technology chosen ([`stack::choices`]).
    stack_rows: Vec<usize>,
    /// The items made for headings that name a pattern under a title listing patterns
    /// ([`super::patterns`]), in document order.
    named_patterns: Vec<usize>,
    /// The lines of the file's own update log, in document order (`stamps_to_headings`).
    update_log: Vec<usize>,
    /// The lines of the thematic breaks (`---`), in document order.
    rules: Vec<usize>,
    /// The stamp items that close the record above them ([`Pass::closed_record`]).
    closing_stamps: Vec<usize>,
    /// The heading a provisional item was made for, so one is made per heading.
    provisional_heading: Option<usize>,
    /// Byte offset of the last heading read.
    heading_offset: usize,
    /// The headings enclosing the text being read, outermost first (the current one last).
    heading_stack: Vec<usize>,
    /// The date of the last dated heading read ([`Pass::year_from_before`]).
    last_heading_date: Option<Date>,
    /// The paragraph a record's labelled lines were cut into last ([`Pass::split_at_line`]):
    /// its next labelled line is one more field.
    record_lines: Option<usize>,
    /// The date of the last dated bold title (`**MVP-28: AutoEQ import** (2026-02-11)`) and
    /// the level of the heading it sits under: the deeper headings after it, up to the next
    /// at that level or above, are parts of its entry and take its date.
    dated_title: Option<(Date, u8)>,
    /// Such titles, each with the line of the heading it sits under: it is of that heading's
    /// kind, not of the subsection before it (`### Key Decisions Made`).
    dated_title_items: Vec<(usize, usize)>,
}

impl<'a> Pass<'a> {
    fn new(text: &'a str) -> Pass<'a> {
        let base = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Pass {
            text,
            base,
            lines: LineCounter::new(text),
            headings: Vec::new(),
            groups: Vec::new(),
            // Real banks have an item per 70–230 bytes (before empty ones are dropped, more);
            // growing a Vec of large items by doubling would copy them all, into fresh pages.
            items: Vec::with_capacity(text.len() / 64 + 4),
            item_heading: Vec::with_capacity(text.len() / 64 + 4),
            open: Vec::new(),
            scratch: Vec::new(),
            // Item text is most of a file, and rarely more (markup and line breaks are dropped):
            // sized so that it is not copied as it grows, and shrunk when the pass ends.
            buf: String::with_capacity(text.len()),
            text_at: Vec::with_capacity(text.len() / 64 + 4),
            skip: None,
            table: None,
            last_columns: None,
            orphan_row: None,
            appended_rows: Vec::new(),
            row_parts: Vec::new(),
            row_unfinished: false,
            cell_scan: None,
            log_pipes: false,
            log_width: 0,
            log_heading: None,
            table_row_open: None,
            record_paragraph: None,
            heading: None,
            current_heading: None,
            current_group: None,
            plain_group: None,
            bold_start: None,
            strike: None,
            links: Vec::new(),
            front_matter: FrontMatterDates::default(),
            provisional: Vec::new(),
            decision_rows: Vec::new(),
            named_patterns: Vec::new(),
            stack_rows: Vec::new(),
            update_log: Vec::new(),
            rules: Vec::new(),
            closing_stamps: Vec::new(),
            provisional_heading: None,
            heading_offset: 0,
            heading_stack: Vec::new(),
            last_heading_date: None,
            record_lines: None,
            dated_title: None,
            dated_title_items: Vec::new(),
        }
    }

    fn run(&mut self) {
        // Front matter is YAML between `---` lines (or TOML between `+++` lines) at the very
        // start of the file only: a `---` further down is a thematic break, and reading it as YAML would hide the text after it
        // from every view. pulldown-cmark accepts metadata blocks anywhere, so the start is
        // cut off here and the rest parsed without that extension.
        if let Some((yaml, end)) = front_matter(&self.text[self.base..]) {
            self.front_matter = front_matter_dates(yaml);
            self.base += end;
        }
        let text: &'a str = self.text;
        let body = &text[self.base..];
        let options = markdown_options() - Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
        // A link reference definition draws nothing and yields no event. One that names where
        // a link goes (`[adr-7]: docs/adr/0007.md`) is markup, as a link's target is; any other
        // is text someone wrote that Markdown happens to read as one (`- [Dependency 1]:
        // [Version/Purpose]`, a template's line, would vanish from every view): it is read as
        // text where it stands, in the item around it or as a paragraph of its own. Such lines
        // are found in the source, where no event reads a `]:` (pulldown-cmark's own list keeps
        // only the first definition of a label); each `]:` is looked at once, at the first
        // event that reaches past it (most files have none, or a few).
        let base = self.base;
        let mut marks = memchr::memmem::find_iter(body.as_bytes(), b"]:").map(|at| at + base);
        let mut next_mark = marks.next().unwrap_or(usize::MAX);
        for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
            let range = range.start + self.base..range.end + self.base;
            if next_mark < range.end {
                next_mark = self.marks_before(&event, &range, next_mark, &mut marks);
            }
            self.event(event, range);
        }
        while next_mark < usize::MAX {
            next_mark = first_from(&mut marks, self.definition_at(next_mark));
        }
    }

    /// The `]:` marks from `next_mark` on (the rest in `marks`) that lie before the end of
    /// `event`'s span: each read by the event, or looked at as a definition on a line no event
    /// reads (see [`Pass::run`]). Returns the first mark left.
    #[cold]
    #[inline(never)]
    fn marks_before(
        &mut self,
        event: &Event<'_>,
        range: &Range<usize>,
        mut next_mark: usize,
        marks: &mut impl Iterator<Item = usize>,
    ) -> usize {
        while next_mark < range.end {
            // An event whose span holds it reads it — text, a code block's line, a link's
            // markup (`[ADR-7]: Use ZFS` where `[ADR-7]` is a link) — unless it opens or closes
            // a list, an item or a quote: inside one that opens here, the events inside tell;
            // one that closes here read no line that holds it.
            let container = matches!(
                event,
                Event::Start(Tag::List(_) | Tag::Item | Tag::BlockQuote(_))
                    | Event::End(TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_))
            );
            if range.start <= next_mark && !container {
                return first_from(marks, range.end);
            }
            if range.start <= next_mark && matches!(event, Event::Start(_)) {
                return next_mark;
            }
            // Else it stands on a line no event reads, before this one.
            next_mark = first_from(marks, self.definition_at(next_mark));
        }
        next_mark
    }

    /// The `]:` at `mark`, on a line no event reads: a link reference definition, read as text
    /// where it stands when its destination is words (see [`Pass::run`]). Returns where it
    /// ends: its line's end, or that of the line below holding its destination, or of its
    /// title (`"nightly"`, on its line or the one below, over a few lines at most), as
    /// Markdown reads them.
    #[cold]
    #[inline(never)]
    fn definition_at(&mut self, mark: usize) -> usize {
        let text = self.text;
        // (Lines end at `\n`, `\r\n` or a lone `\r`, as Markdown's do.)
        let line_start = text[..mark].rfind(['\n', '\r']).map_or(self.base, |at| at + 1).max(self.base);
        let first_end = line_end(text, mark);
        let line = &text[line_start..first_end];
        let container = line.len() - line.trim_start_matches(container_mark).len();
        let start = line_start + container;
        let Some(after) = definition_label_end(&text[start..first_end]).map(|at| start + at) else {
            return first_end;
        };
        // The line right below, past one line ending and the quote marks the definition stands
        // in (a new quote there ends it): where its text starts, and the line's end.
        let quotes = line[..container].matches('>').count();
        let below = |end: usize| {
            let from = end + if text[end..].starts_with("\r\n") { 2 } else { 1 };
            if from >= text.len() {
                return None;
            }
            let to = line_end(text, from);
            let mut at = from;
            for _ in 0..quotes {
                let rest = text[at..to].trim_start_matches([' ', '\t']);
                if !rest.starts_with('>') {
                    break;
                }
                at = to - rest.len() + 1;
            }
            let at = to - text[at..to].trim_start_matches([' ', '\t']).len();
            (!text[at..to].starts_with('>')).then_some((at, to))
        };
        // (The lines it spans, without the marks of those below.)
        let mut lines = vec![text[start..first_end].trim_end()];
        let mut end = first_end;
        let mut at = after + (text[after..first_end].len() - text[after..first_end].trim_start().len());
        if at == first_end {
            match below(first_end) {
                Some((from, to)) if from < to => {
                    lines.push(text[from..to].trim_end());
                    (at, end) = (from, to);
                }
                _ => {}
            }
        }
        // The destination: in angle brackets, or up to a space.
        let dest_end = if text[at..end].starts_with('<') {
            text[at..end].find('>').map_or(end, |close| at + close + 1)
        } else {
            text[at..end].find([' ', '\t']).map_or(end, |space| at + space)
        };
        let dest = &text[at..dest_end];
        // A title after it on its line, or alone on the line below.
        let title_at = dest_end + (text[dest_end..end].len() - text[dest_end..end].trim_start().len());
        let title = if title_at < end {
            title_end(text, title_at)
        } else {
            below(end).and_then(|(from, _)| title_end(text, from))
        };
        if let Some(title_end) = title {
            let last = line_end(text, title_end);
            let mut from = end;
            while let Some((next, to)) = below(from).filter(|_| from < last) {
                lines.push(text[next..to].trim_end());
                from = to;
            }
            end = last.max(end);
        }
        let dest = dest.strip_prefix('<').and_then(|d| d.strip_suffix('>')).unwrap_or(dest);
        if !names_link_target(dest) {
            self.definition_text(start..end, &lines.join(" "));
        }
        end
    }

    /// A link reference definition that is text (see [`Pass::run`]), spanning `span`: more
    /// text of the item open around it, or a paragraph of its own.
    fn definition_text(&mut self, span: Range<usize>, text: &str) {
        // (Never inside what is skipped, a code block's lines.)
        if self.skip.is_some() {
            return;
        }
        if self.heading.is_some() {
            return;
        }
        let text = collapse_spaces(text.trim().to_string());
        if self.open.is_empty() {
            self.start(Tag::Paragraph, span.clone());
            self.push_text(&text);
            self.end(TagEnd::Paragraph, span);
        } else {
            self.space_before_more();
            self.push_text(&text);
            // (Text after it in the item is a line of its own: `- [x]: y` over `  More`.)
            self.push_text(" ");
        }
    }

    /// A space after the text of the item being read, if it has any and ends in none: what is
    /// added next is more of it.
    fn space_before_more(&mut self) {
        if let Some((text, _)) = self.sink()
            && !text.is_empty()
            && !text.ends_with(' ')
        {
            text.push(' ');
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if let Some((kind, depth)) = &mut self.skip {
            match &event {
                Event::Start(tag) if skip_kind(tag).as_ref() == Some(kind) => *depth += 1,
                Event::End(end) if end_skip_kind(end).as_ref() == Some(kind) => {
                    *depth -= 1;
                    if *depth == 0 {
                        self.skip = None;
                    }
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(end) => self.end(end, range),
            Event::Text(t) => {
                if !self.split_glued_timestamp(&t, &range) {
                    self.push_text(&t);
                }
            }
            Event::Code(code) => {
                if let Some((text, item)) = self.sink() {
                    let start = text.len();
                    text.push_str(&code);
                    item.code_spans.push(start..text.len());
                } else if let Some((_, title, _)) = &mut self.heading {
                    title.push_str(&code);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if !self.split_at_line(range.end) {
                    self.push_text(" ");
                }
            }
            Event::TaskListMarker(done) => {
                if let Some(&idx) = self.open.last() {
                    self.items[idx].done = Some(done);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => {}
            Event::InlineMath(t) | Event::DisplayMath(t) => self.push_text(&t),
            Event::Rule => {
                let line = self.lines.line_at(range.start);
                self.rules.push(line);
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        if let Some(kind) = skip_kind(&tag) {
            if kind == Skip::CodeBlock {
                self.heading_item(Body::CodeBlock, range.end);
            }
            self.skip = Some((kind, 1));
            return;
        }
        match tag {
            // A table's rows are items (its head row names the columns): a decision log kept
            // as a table lists a decision per row.
            Tag::Table(_) => self.table = Some(Table::default()),
            Tag::TableHead | Tag::TableRow if self.table.is_some() => {
                self.open_item(Block::TableRow, range);
                if let Some(table) = &mut self.table {
                    table.cells.clear();
                }
            }
            Tag::TableCell => {
                let at = self.sink().map_or(0, |(text, _)| text.len());
                if let Some(table) = &mut self.table {
                    table.cell_start = at;
                }
            }
            Tag::Heading { level, .. } => {
                self.row_unfinished = false;
                self.heading = Some((level as u8, String::new(), range.start));
            }
            Tag::Item => {
                // (A list under a row appended to a log table is no part of the row.)
                if let Some(row) = self.orphan_row {
                    self.close_orphan_row(row, range.start);
                }
                if self.open.is_empty() {
                    self.heading_item(Body::Statement, range.start);
                }
                self.open_item(Block::ListItem, range)
            }
            Tag::Paragraph => {
                if self.open.is_empty() && self.heading.is_none() {
                    self.heading_item(Body::Statement, range.start);
                    let first_line = self.text.get(range.clone()).and_then(|t| t.lines().next()).unwrap_or("");
                    let orphan = self.orphan_line(first_line);
                    self.row_unfinished &= !orphan;
                    self.open_item(Block::Paragraph, range);
                    if orphan {
                        self.orphan_row = Some(self.items.len() - 1);
                    }
                } else {
                    // A second paragraph of a loose list item continues its text.
                    self.space_before_more();
                }
            }
            Tag::Strong => {
                if self.bold_start.is_none()
                    && let Some(&idx) = self.open.last()
                    && self.items[idx].bold.is_none()
                    && let Some(text) = self.scratch.get(self.open.len() - 1)
                    && text.trim().is_empty()
                {
                    self.bold_start = Some(text.len());
                }
            }
            Tag::Strikethrough => {
                if let Some(&idx) = self.open.last()
                    && let Some(text) = self.scratch.get(self.open.len() - 1)
                    && text.trim().is_empty()
                {
                    self.strike = Some((idx, None));
                }
            }
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                let at = self.sink().map_or(0, |(text, _)| text.len());
                self.links.push((at, dest_url.into_string()));
            }
            _ => {}
        }
    }

    fn end(&mut self, end: TagEnd, range: Range<usize>) {
        match end {
            TagEnd::Heading(_) => {
                if let Some((level, title, offset)) = self.heading.take() {
                    let title = collapse_spaces(title);
                    let Title { kind, considers, undecided, date, field, decision } = self.judge(&title);
                    let date = date.or_else(|| self.year_from_before(&title));
                    // (Under a dated bold title, `### Key Decisions Made` is a part of its entry.)
                    let date = match self.dated_title {
                        Some((title_date, under)) if level > under => date.or(Some(title_date)),
                        Some(_) => {
                            self.dated_title = None;
                            date
                        }
                        None => date,
                    };
                    self.last_heading_date = date.or(self.last_heading_date);
                    let line = self.lines.line_at(offset);
                    // (Not the file's title, `# System Patterns` over its sections; judged once,
                    // however many headings stand under it.)
                    // (Nor one under a title that sets its patterns aside: `### Scalability
                    // Patterns` under `## Future Expansion Patterns`; round 257.)
                    let lists_patterns = kind == Kind::Pattern
                        && field.is_none()
                        && (level > 1 || !self.headings.is_empty())
                        && patterns::lists_patterns(&title)
                        && !self.heading_stack.iter().any(|&o| {
                            self.headings[o].level < level && patterns::sets_patterns_aside(&self.headings[o].title)
                        });
                    let listing = patterns::Listing::of(lists_patterns, &title);
                    self.headings.push(RawHeading {
                        level,
                        date,
                        kind,
                        field,
                        decision: decision.is_some(),
                        considers,
                        undecided,
                        listing,
                        title,
                        line,
                        stamp: false,
                        closes: false,
                        said_all: false,
                    });
                    while self.heading_stack.last().is_some_and(|&o| self.headings[o].level >= level) {
                        self.heading_stack.pop();
                    }
                    let h = self.headings.len() - 1;
                    // (`### Command Queue` under `## Key Design Patterns`: see `patterns`.)
                    let names_pattern = decision.is_none()
                        && self.headings[h].field.is_none()
                        && self
                            .heading_stack
                            .last()
                            .is_some_and(|&o| self.headings[o].listing != patterns::Listing::Neither)
                        && patterns::names_one(&self.headings[h].title)
                        && !patterns::names_a_flow(&self.headings[h].title)
                        && !patterns::names_what_is_tested(&self.headings[h].title);
                    self.heading_stack.push(h);
                    self.current_heading = Some(h);
                    self.current_group = None;
                    self.plain_group = None;
                    self.heading_offset = offset;
                    // `## Decision: Use Traefik` is a decision with no list item to hold it:
                    // the heading becomes its item.
                    if let Some(text) = decision {
                        // (A Roo record ended by `---` is a heading of several lines: its
                        // `Rationale: …` after the decision is a field, not its text.)
                        let statement = fields::before_inline_fields(&text);
                        if let Some(idx) = self.heading_as_item(offset..range.end, statement, line) {
                            for (field, value) in fields::inline_values(&text) {
                                fields::add_field(&mut self.items[idx].fields, field.name(), value);
                            }
                        }
                    } else if names_pattern {
                        let title = self.headings[h].title.clone();
                        if let Some(idx) = self.heading_as_item(offset..range.end, &title, line) {
                            self.named_patterns.push(idx);
                        }
                    }
                }
            }
            TagEnd::Item => {
                self.bold_start = None;
                if let Some(idx) = self.close() {
                    self.items[idx].span.end = range.end;
                    // (A log line glued under a list item, `[…] - **Decision:** …` then
                    // `**Implementation Details:**` with no blank line between, became a
                    // paragraph of its own, which the item's end ends: read as a paragraph.)
                    if self.items[idx].block == Block::Paragraph {
                        self.close_paragraph(idx);
                    }
                }
            }
            TagEnd::Paragraph => {
                self.record_lines = None;
                if let Some(&idx) = self.open.last()
                    && self.orphan_row == Some(idx)
                {
                    self.close_orphan_row(idx, range.end);
                } else if let Some(&idx) = self.open.last()
                    && self.items[idx].block == Block::Paragraph
                {
                    self.close();
                    self.items[idx].span.end = range.end;
                    self.close_paragraph(idx);
                }
                self.bold_start = None;
            }
            TagEnd::Strikethrough => {
                if let Some((idx, None)) = self.strike
                    && self.open.last() == Some(&idx)
                    && let Some(text) = self.scratch.get(self.open.len() - 1)
                {
                    self.strike = Some((idx, Some(text.len())));
                }
            }
            TagEnd::Strong => {
                if let Some(start) = self.bold_start.take()
                    && let Some((text, item)) = self.sink()
                {
                    let lead = text.get(start..).unwrap_or("").trim().trim_end_matches([':', '：']).trim_end();
                    if !lead.is_empty() {
                        item.bold = Some(lead.to_string());
                    }
                }
            }
            TagEnd::TableCell => {
                // Cells are read end to end: a space keeps two cells' words apart.
                let at = self.sink().map_or(0, |(text, _)| {
                    let at = text.len();
                    text.push(' ');
                    at
                });
                if let Some(table) = &mut self.table {
                    let start = table.cell_start.min(at);
                    table.cells.push(start..at);
                }
            }
            TagEnd::TableHead => self.read_columns(),
            TagEnd::TableRow => self.close_row(range.end),
            TagEnd::Table => {
                // (A table of another kind after it ends the log's: rows under that one are
                // not the log's.)
                self.last_columns =
                    self.table.take().map(|t| t.columns).filter(|c| c.decision.is_some() || c.date.is_some());
                // A log table whose last row's cell goes on under it (Markdown ends the table at
                // the first line without a pipe): the lines up to the one that ends with a pipe
                // are more of that cell.
                // (Only a table written with outer pipes: `a | b` rows never end with one.)
                let table = self.text.get(range.clone()).unwrap_or("");
                self.log_pipes = table.lines().next().is_some_and(ends_row);
                self.log_width = self.last_columns.as_ref().map_or(0, |c| c.fields.len());
                self.log_heading = self.current_heading;
                let last_line = table.trim_end().lines().next_back();
                let last_row = self.items.len().checked_sub(1).filter(|&r| self.items[r].block == Block::TableRow);
                self.table_row_open = None;
                if self.last_columns.is_some()
                    && table.trim_start().starts_with('|')
                    && let (Some(line), Some(row)) = (last_line, last_row)
                    && !ends_row(line)
                {
                    self.row_unfinished = true;
                    self.table_row_open = Some(row);
                }
            }
            TagEnd::Link | TagEnd::Image => {
                if let Some((at, url)) = self.links.pop()
                    && let Some((text, item)) = self.sink()
                {
                    let text = text.get(at..).unwrap_or("").trim().to_string();
                    item.links.push(Link { text, url });
                }
            }
            _ => {}
        }
    }

    /// Whether a line from `at` on ends row `row`'s last cell (`- Reliable: … |`: one pipe, the
    /// line's last character, outside code) before a new row, a heading, the end of the text or
    /// [`CELL_LINES`] lines — asked only of a log written with closing pipes. Each stretch of
    /// text is looked at once, and a row is foretold to close once: an item past the line
    /// that was to close it, with the row still open, ends the row.
    fn cell_closes_below(&mut self, row: usize, at: usize) -> bool {
        if !self.log_pipes {
            return false;
        }
        if let Some((r, from, to, closes)) = self.cell_scan
            && r == row
            && at >= from
        {
            return closes && at < to;
        }
        let rest = self.text.get(at..).unwrap_or("");
        let (mut end, mut closes, mut fence) = (at, false, false);
        for line in rest.split_inclusive('\n').take(CELL_LINES) {
            let t = line.trim();
            if t.starts_with("```") || t.starts_with("~~~") {
                fence = !fence;
            } else if !fence {
                if t.starts_with('|') || is_atx_heading(line) {
                    break;
                }
                if t.ends_with('|') && t.bytes().filter(|&b| b == b'|').count() == 1 {
                    end += line.len();
                    closes = true;
                    break;
                }
            }
            end += line.len();
        }
        self.cell_scan = Some((row, at, end, closes));
        closes
    }

    fn open_item(&mut self, block: Block, range: Range<usize>) {
        // The lines a row's last cell goes on over follow it with no blank line between.
        if self.row_unfinished {
            let last = [self.row_parts.last(), self.appended_rows.last(), self.table_row_open.as_ref()];
            let from = last.into_iter().flatten().max().map_or(range.start, |&p| self.items[p].span.start);
            // (Past a blank line too when the paragraph there ends the cell: `These are called
            // through the locator. |`.)
            let ends_cell = || {
                let first_line = self.text.get(range.clone()).and_then(|t| t.lines().next()).unwrap_or("");
                block == Block::Paragraph && ends_row(first_line) && !first_line.starts_with('|')
            };
            // (… and past blank lines, lists and code while a line further down ends the cell:
            // a log row whose last cell runs on over its reasons, `1. …`, a blank line,
            // `Solution:` and its list, and `- … |`.)
            let row = [self.appended_rows.last(), self.table_row_open.as_ref()].into_iter().flatten().max().copied();
            if has_blank_line(self.text.get(from..range.start).unwrap_or(""))
                && !ends_cell()
                && !row.is_some_and(|row| self.cell_closes_below(row, range.start))
            {
                self.row_unfinished = false;
            } else {
                self.row_parts.push(self.items.len());
            }
        }
        let parent = self.open.last().copied();
        // A plain label heads the list right under it, and no more: the paragraph after that
        // list is past it. (Over paragraphs, it heads them until a heading or another label.)
        if self.plain_group.is_some() && parent.is_none() {
            match block {
                Block::Paragraph if self.plain_group == Some(true) => {
                    self.plain_group = None;
                    self.current_group = None;
                }
                Block::ListItem => self.plain_group = Some(true),
                _ => {}
            }
        }
        match self.scratch.get_mut(self.open.len()) {
            Some(text) => text.clear(),
            None => self.scratch.push(String::new()),
        }
        self.item_heading.push(self.current_heading);
        self.text_at.push(0..0);
        self.items.push(Item {
            id: ItemId(0),
            kind: Kind::Other,
            block,
            text: Text::default(),
            bold: None,
            code_spans: Vec::new(),
            links: Vec::new(),
            entry: 0,
            section: 0,
            group: self.current_group,
            parent,
            depth: self.open.len() as u16,
            line: self.lines.line_at(range.start),
            span: range,
            date: None,
            updated: None,
            done: None,
            status: Status::Active,
            superseded_by: None,
            field: None,
            record: None,
            fields: Vec::new(),
        });
        self.open.push(self.items.len() - 1);
    }

    /// Closes the innermost open item: its text, tidied, moves to `buf` (its code spans with
    /// it). The raw text stays in its scratch string until an item opens at that depth again.
    fn close(&mut self) -> Option<usize> {
        let idx = self.open.pop()?;
        // (Struck out whole, `- ~~RabbitMQ~~`: what it says no longer holds; found by review.
        // Not `~~Saves fail~~ - fixed`, which goes on after the struck words.)
        if let Some((at, end)) = self.strike.take_if(|(at, _)| *at >= idx)
            && at == idx
            && end.is_some_and(|end| {
                let rest = self.scratch[self.open.len()].get(end..).unwrap_or("");
                !rest.chars().any(char::is_alphanumeric)
            })
        {
            self.items[idx].status = Status::Superseded;
        }
        if self.orphan_row == Some(idx) {
            self.read_orphan_row(idx);
        } else if self.row_unfinished && self.row_parts.binary_search(&idx).is_ok() {
            // (The part that ends with a pipe ends the row, a sub-item's or its own.)
            self.row_unfinished = !ends_row(&self.scratch[self.open.len()]);
        }
        let start = self.buf.len();
        let code = std::mem::take(&mut self.items[idx].code_spans);
        self.items[idx].code_spans = tidy_into(&mut self.buf, &self.scratch[self.open.len()], code);
        self.text_at[idx] = start..self.buf.len();
        Some(idx)
    }

    /// Replaces the text of closed item `idx`, the last one closed, with `text`.
    fn set_text(&mut self, idx: usize, text: &str) {
        self.buf.truncate(self.text_at[idx].start);
        let start = self.buf.len();
        self.items[idx].code_spans = tidy_into(&mut self.buf, text, Vec::new());
        self.text_at[idx] = start..self.buf.len();
    }

    /// The first thing under a heading in a decision section: when the body is only a code
    /// block (`### Current architecture` holding only a diagram) or only the fields of a
    /// decision (`### PostgreSQL for inventory` over `**Rationale**: …`, or a stamp heading,
    /// `### [2026-09-14] Fork the exporter`, over its reasons), the heading is what a reader
    /// lists, so an item for it is made here and kept or dropped in `finish`.
    fn heading_item(&mut self, body: Body, end: usize) {
        let Some(h) = self.current_heading else { return };
        let first_under = self.item_heading.last().is_none_or(|&last| last != Some(h));
        if !self.open.is_empty() || self.provisional_heading == Some(h) || !first_under {
            return;
        }
        let heading = &self.headings[h];
        // (Nor one on writing the records, `### Criando nova decisão técnica` over a template;
        // nor a labelled paragraph that a `---` right under it makes a heading, `**理由:**
        // 此前…` over `---`: a field's text, no statement. A `###` heading with a label,
        // `### Outcome: moved to Caddy`, may still stand for its body.)
        let setext = || !self.text.get(self.heading_offset..).unwrap_or("").trim_start_matches(' ').starts_with('#');
        // (Nor a flow told step by step, `#### Image Generation Flow` over its diagram: how a
        // process runs, no choice; round 263.)
        if heading.decision
            || heading.field.is_some()
            || fields::describes_records(&heading.title)
            || (setext() && fields::leading_field(&heading.title, None).is_some())
            || patterns::names_a_flow(&heading.title)
        {
            return;
        }
        // A statement is looked at only under a heading that decisions enclose: the item is
        // made for few headings.
        if body == Body::Statement {
            let enclosing = self.heading_stack.iter().rev().nth(1).map(|&o| &self.headings[o]);
            if !enclosing.is_some_and(|o| o.kind == Kind::Decision && o.field.is_none()) {
                return;
            }
        }
        let (title, line, start) = (heading.title.clone(), heading.line, self.heading_offset);
        self.provisional_heading = Some(h);
        if let Some(idx) = self.heading_as_item(start..end, &title, line) {
            self.provisional.push((idx, body));
        }
    }

    /// An item standing for a heading (`## Decision: Use Traefik`, a pattern's name, a
    /// provisional one): the heading's bytes `span`, with `text` as its text, at its `line`.
    fn heading_as_item(&mut self, span: Range<usize>, text: &str, line: usize) -> Option<usize> {
        self.open_item(Block::Heading, span);
        let idx = self.close()?;
        self.set_text(idx, text);
        self.items[idx].line = line;
        Some(idx)
    }

    /// A Roo Code timestamp glued to the end of a sentence (`… attempt.- **[2025-07-05
    /// 14:00:15]** - …`, an agent appending without a line break) opens a new entry all the
    /// same: the item being read ends at the sentence and a new one starts at the timestamp.
    fn split_glued_timestamp(&mut self, t: &str, range: &Range<usize>) -> bool {
        // Most text has no dash at all: that is tested before the text is compared with the file.
        if self.heading.is_some()
            || self.open.last().is_none_or(|&idx| self.items[idx].block == Block::TableRow)
            || memchr::memchr2(b'-', 0xE2, t.as_bytes()).is_none()
            || self.text.get(range.clone()) != Some(t)
        {
            return false;
        }
        let Some(dash) = glued_timestamp_at(t, &self.text[range.start..]) else { return false };
        self.push_text(&t[..dash]);
        let at = range.start + dash;
        let Some(idx) = self.close() else { return true };
        self.items[idx].span.end = at;
        let block = self.items[idx].block;
        if block == Block::Paragraph {
            self.close_paragraph(idx);
        }
        self.bold_start = None;
        self.open_item(block, at..at);
        let rest = t[dash..].trim_start_matches(['-', '–', '—', '*']).trim_start();
        self.push_text(rest);
        true
    }

    /// A Roo Code timestamp at the start of a line opens a new log entry even when no blank
    /// line separates it from the previous one (agents append entries that way, after a
    /// paragraph or a list item), a `**Decision:**` line after other labelled lines is an item
    /// of its own, and so is each labelled line after it, each row appended to a log table, and
    /// each of a paragraph's lines that open with a check mark: the top-level paragraph or the
    /// list being read ends before the line and a new paragraph starts at `at`.
    fn split_at_line(&mut self, at: usize) -> bool {
        let Some(&idx) = self.open.last() else { return false };
        if self.heading.is_some() {
            return false;
        }
        let rest = self.text.get(at..).unwrap_or("");
        let line = rest[..rest.find('\n').unwrap_or(rest.len())].trim_start();
        let stamp = || {
            fields::timestamp(line).is_some_and(|(_, title)| !title.trim().is_empty() && !fields::is_boilerplate(title))
        };
        let field_label_alone = || {
            label_line(line).is_some_and(|(label, _)| {
                fields::field_for_label(label.trim_end_matches([':', '：']).trim_end()).is_some()
            })
        };
        if self.items[idx].block == Block::ListItem {
            // A log line appended right under a list item, with no blank line to end the list
            // (`- Keep the docs in sync`, then `[2025-09-01 10:15:00] - Completed: …` at the
            // start of the next line), continues the item as Markdown reads it; a timestamp
            // flush left there opens an entry all the same, and the list ends before it.
            // So does a record's bold field label flush left under the list of the field
            // before it (`- Snapshots are cheap`, then `**Alternatives**:` on the next line):
            // the list ends there, and the label opens the next field.
            // So does a bold label alone on its line (`- stable action outputs`, then
            // `**Rejected:**` over the next list): it heads what follows, as on a line of its own.
            // So does a row appended to the log table above, under the list that followed it
            // (`| 2026-01-05 | Drop Docling for PyMuPDF | … |`): a row of that table.
            let line_start = self.text[..at].rfind('\n').map_or(0, |p| p + 1);
            let record_label = || {
                line.starts_with(['*', '_'])
                    && (fields::opening_label_field(line).is_some() || is_label_line(line.trim_end()))
            };
            let orphan = self.orphan_line(line);
            // A record's field label alone on its line, plain or bold, ends the list however it
            // is indented — `  Decision:` or `  Consequences (Positive/Negative):` under an
            // ADR's `Context:` list, as a formatter indents the line after an item — when the
            // list goes on right under it, at the item's own depth (not `  Decision:` over the
            // item's own lines or a nested list, nor labels an item ending in a colon lists: `…
            // in this order:`, `  Status:`, `  Rationale:`; nor a line that is no field's
            // label, `Phones and laptops:` ending a wrapped sentence).
            let label_between_items = || {
                field_label_alone()
                    && self.next_line_continues_list(idx, at)
                    && self.scratch.get(self.open.len() - 1).is_some_and(|t| !t.trim_end().ends_with([':', '：']))
            };
            let flush_left = self.text[line_start..].starts_with(|c: char| !c.is_whitespace());
            if !((flush_left && (stamp() || record_label() || orphan)) || label_between_items()) {
                return false;
            }
            while let Some(open) = self.close() {
                self.items[open].span.end = at;
            }
            self.bold_start = None;
            self.row_unfinished &= !orphan;
            self.open_item(Block::Paragraph, at..at);
            if orphan {
                self.orphan_row = Some(self.items.len() - 1);
            }
            return true;
        }
        // Each such row starts on a line of its own; a line that does not is more of its last
        // cell, unless that cell has ended with its pipe: then the line is text of its own.
        if self.orphan_row == Some(idx) {
            let orphan = self.orphan_line(line);
            let finished = ends_row(&self.scratch[self.open.len() - 1]);
            if !orphan && !finished {
                return false;
            }
            self.close_orphan_row(idx, at);
            self.row_unfinished = false;
            self.open_item(Block::Paragraph, at..at);
            if orphan {
                self.orphan_row = Some(self.items.len() - 1);
            }
            return true;
        }
        // So does the row after the paragraph that ended a row's last cell (`… locator. |`,
        // then `| 2025-08-02 | … |` on the next line).
        if self.row_parts.last() == Some(&idx) && self.orphan_line(line) {
            self.close();
            self.items[idx].span.end = at;
            self.row_unfinished = false;
            self.open_item(Block::Paragraph, at..at);
            self.orphan_row = Some(self.items.len() - 1);
            return true;
        }
        if self.items[idx].block != Block::Paragraph || self.items[idx].parent.is_some() {
            return false;
        }
        // So does a row of that table right under a paragraph of its section (a footer's
        // `**Updated**: 2025-11-23` after a `---`, then `| 2025-11-22 | Adopt DDD | … |`
        // rows, which Markdown reads as more lines of the footer): a whole row, as many cells
        // as the log has columns (not a template's row quoted under a later heading).
        let whole_row = || {
            ends_row(line)
                && self.current_heading == self.log_heading
                && line.bytes().filter(|&b| b == b'|').count() == self.log_width + 1
        };
        if self.orphan_line(line) && whole_row() {
            self.close();
            self.items[idx].span.end = at;
            self.close_paragraph(idx);
            self.bold_start = None;
            self.row_unfinished = false;
            self.open_item(Block::Paragraph, at..at);
            self.orphan_row = Some(self.items.len() - 1);
            return true;
        }
        // The field the paragraph's opening bold text names, if it opens with bold text.
        let opening = self.items[idx].bold.as_deref().map(fields::field_for_label);
        // A paragraph of labelled lines (`**Date:** …`, `**Status:** …`, `**Decision:** …`)
        // holds its record's fields; the `Decision` line is the decision, an item of its own —
        // after a line opening with any other bold text too (`**完成**: 路由器固件升级`, done,
        // then `**重要决策**: …`).
        let decision_line = || {
            line.starts_with(['*', '_'])
                && fields::opens_with_decision_label(line)
                && opening.as_ref().is_some_and(|f| *f != Some(fields::Field::Decision))
        };
        // … and a labelled line after the `Decision` line (`**Alternatives:** …`, `**Consequences:**
        // …`) is a field of the record, not more of what was decided.
        let field_after_decision = || {
            line.starts_with(['*', '_'])
                && opening.as_ref().is_some_and(|f| *f == Some(fields::Field::Decision))
                && matches!(fields::opening_label_field(line), Some(fields::Field::Named(_)))
        };
        // … and so is each labelled line after those (`**决策时间:** …`, then `**背景:** …`).
        let next_field = || {
            self.record_lines == Some(idx)
                && line.starts_with(['*', '_'])
                && matches!(fields::opening_label_field(line), Some(fields::Field::Named(_)))
        };
        // … and so is a field's label alone on its line under a labelled line (`Status:
        // Proposed`, then `Context:` over its list).
        let label_after_field = || {
            field_label_alone()
                && self.scratch.get(self.open.len() - 1).is_some_and(|t| fields::opening_label_field(t).is_some())
        };
        // … and so is the new state of a change told as before and after (`**Previous
        // State/Approach:** …`, then `**New State/Approach:** …`), which may be its decision.
        let new_after_previous = || {
            line.starts_with(['*', '_'])
                && opening.as_ref().is_some_and(|f| f.as_ref().is_some_and(|f| f.name() == "previous"))
                && fields::opening_label_field(line).is_some_and(|f| f.name() == "new")
        };
        let fields =
            decision_line() || field_after_decision() || next_field() || label_after_field() || new_after_previous();
        // Lines that each open with a check mark, one under the other with no list marker
        // (`✅ Room Management: one public room`, `✅ Session Persistence: …`), are a list of
        // their own: a line each.
        const MARKS: [char; 4] = ['✅', '✔', '☑', '✓'];
        let checked = || {
            line.starts_with(MARKS)
                && self.scratch.get(self.open.len() - 1).is_some_and(|t| t.trim_start().starts_with(MARKS))
        };
        let checked = checked();
        // So does each line of a log that opens with a numbered decision's label, one under
        // the other (`DECISION-F011-003: [2025-05-10 13:05:10] - …`, then `DECISION-F011-002:
        // …`): a record each.
        let numbered = || {
            fields::opens_with_numbered_decision(line)
                && self.scratch.get(self.open.len() - 1).is_some_and(|t| fields::opens_with_numbered_decision(t))
        };
        // So does each line of a log written a dated line each, one under the other
        // (`2026-05-28: Paging — cursor-based infinite scroll (…)`, then `2026-05-28: …`): an
        // entry each, dated by its line.
        let dated = || {
            fields::opens_dated_line(line)
                && self
                    .scratch
                    .get(self.open.len() - 1)
                    .is_some_and(|t| fields::opens_dated_line(t) || fields::is_titled_timestamp(t))
        };
        if !fields && !stamp() && !checked && !numbered() && !dated() && !self.label_under_label(idx, line) {
            return false;
        }
        // Timestamped lines under a template's intro sentence (`This file records …` then
        // `2025-05-31 20:05:24 - Added the database decision.`) log the file's own updates:
        // they stay in the intro, open no entry and date nothing (`dates_from_status_lines`).
        // (Not a stamp in brackets, `[2025-06-26 08:45:00] - Deployment debugging session`,
        // as an agent writes each entry it appends to the log: that opens its entry; round
        // 245.)
        if !line.starts_with('[')
            && self.scratch.get(self.open.len() - 1).is_some_and(|text| fields::is_boilerplate(text))
        {
            return false;
        }
        self.close();
        self.items[idx].span.end = at;
        self.close_paragraph(idx);
        self.bold_start = None;
        // (A record's labelled lines go on past a check-marked line among them.)
        let carried = checked && self.record_lines == Some(idx);
        self.open_item(Block::Paragraph, at..at);
        self.record_lines = (fields || carried).then(|| self.items.len() - 1);
        true
    }

    /// Whether the line after the one at `at` opens a list item at the depth of list item
    /// `idx`: the list goes on after that line.
    fn next_line_continues_list(&self, idx: usize, at: usize) -> bool {
        let text: &str = self.text;
        let start = self.items[idx].span.start.min(text.len());
        let column = start - text[..start].rfind('\n').map_or(0, |p| p + 1);
        let Some(next) = text[at..].find('\n').map(|p| at + p + 1) else { return false };
        let next = &text[next..];
        let indent = next.bytes().take_while(|&b| b == b' ').count();
        indent == column && opens_list_item(&next[indent..])
    }

    /// Whether `line` opens with a bold label under a paragraph `idx` that opens with one,
    /// none naming a field (`**Event Cleanup**: remove listeners on unmount`, then `**Event
    /// Naming**: kebab-case`): a line each, as a list's items would be. Not a label an inline
    /// field is read from (`**Root Cause Analysis**: …`), nor in a paragraph that holds one
    /// already: that is a record's, and is remembered so that its text is read for fields once.
    fn label_under_label(&mut self, idx: usize, line: &str) -> bool {
        if self.record_paragraph == Some(idx)
            || fields::opening_bold_label(line).is_none_or(fields::ends_with_field_label)
        {
            return false;
        }
        let Some(bold) = self.items[idx].bold.as_deref().filter(|b| !fields::ends_with_field_label(b)) else {
            return false;
        };
        let Some(text) = self.scratch.get(self.open.len() - 1) else { return false };
        // (French sets a space before the colon: `**Proxy** : Caddy`.)
        if !text.trim_start().get(bold.len()..).is_some_and(fields::opens_with_colon) {
            return false;
        }
        if fields::inline_values(text).next().is_some() {
            self.record_paragraph = Some(idx);
            return false;
        }
        true
    }

    /// Whether `line` is a row of the last log table written after it without a head of its
    /// own (`| 2026-01-05 | Drop Docling for PyMuPDF | Too heavy |`): Markdown reads such rows
    /// as text — of a paragraph, or of the list item above them — where a reader sees more
    /// rows of the log.
    fn orphan_line(&self, line: &str) -> bool {
        self.table.is_none()
            && self.last_columns.is_some()
            && line.starts_with('|')
            && line.bytes().filter(|&b| b == b'|').count() >= 3
    }

    /// Closes item `idx`, a row of the last log table ([`Pass::orphan_line`]), at `end`.
    fn close_orphan_row(&mut self, idx: usize, end: usize) {
        if self.open.last() == Some(&idx) {
            self.close();
            self.items[idx].span.end = end;
        }
    }

    /// Reads item `idx`, just taken off the open items, as a row of the last log table: its
    /// text is split at its pipes into cells and read as [`Pass::close_row`] reads a row's.
    fn read_orphan_row(&mut self, idx: usize) {
        self.orphan_row = None;
        self.bold_start = None;
        let depth = self.open.len();
        let Some(columns) = &self.last_columns else { return };
        let raw = &self.scratch[depth];
        self.row_unfinished = !ends_row(raw);
        // The cells between the pipes, as byte ranges of the text.
        let start = raw.len() - raw.trim_start().trim_start_matches('|').len();
        let end = raw.trim_end().trim_end_matches('|').len().max(start);
        let mut cells = Vec::new();
        let mut from = start;
        for part in raw[start..end].split('|') {
            cells.push(from..from + part.len());
            from += part.len() + 1;
        }
        read_row(
            &mut self.scratch[depth],
            &mut self.items[idx],
            (&mut self.decision_rows, &mut self.stack_rows),
            idx,
            columns,
            &cells,
        );
        self.appended_rows.push(idx);
        self.items[idx].block = Block::TableRow;
        self.items[idx].bold = None;
    }

    /// A paragraph that is bold from start to end is a pseudo-heading for what follows.
    /// `idx` was just closed: its text as read is still in its scratch string.
    fn close_paragraph(&mut self, idx: usize) {
        let item = &self.items[idx];
        let text = self.scratch[self.open.len()].trim().trim_end_matches([':', '：']).trim_end();
        // A bold title dated in brackets after it (`**MVP-28: AutoEQ import** (2026-02-11)`)
        // dates the deeper headings that follow it.
        if item.parent.is_none()
            && let Some(bold) = item.bold.as_deref()
            && fields::field_for_label(bold).is_none()
            && let Some(rest) = text.strip_prefix(bold)
            && rest.trim_start().starts_with('(')
            && rest.len() <= 40
            && let Some(date) = trailing_date(text)
            && let Some(h) = self.current_heading
            // (Not a stamp, `**Last Updated** (2026-01-01)`, nor a title under the file's own.)
            && self.headings[h].level >= 2
            && !fields::is_boilerplate(text)
        {
            // (A title after the parts of the one before it, under `### Key Changes`, sits
            // where that one did.)
            let level = self.headings[h].level;
            let under = self.dated_title.map_or(level, |(_, under)| level.min(under));
            self.dated_title = Some((date, under));
            if let Some(&at) = self.heading_stack.iter().rev().find(|&&o| self.headings[o].level <= under) {
                self.dated_title_items.push((idx, self.headings[at].line));
            }
        }
        // The first line under a `## Decision` heading states the decision, bold or not
        // (`**Vite for the frontend**` over the details): it heads nothing.
        // So does the first under a bold `Decision` label alone on its line (`**最终决策:**`,
        // then `**批准重构 …**`).
        let states_decision = || {
            self.current_heading.is_some_and(|h| {
                self.headings[h].field == Some(fields::Field::Decision)
                    && (idx == 0 || self.item_heading[idx - 1] != Some(h))
            }) || item.group.is_some_and(|g| {
                fields::field_for_label(&self.groups[g].title) == Some(fields::Field::Decision)
                    && (idx == 0 || self.items[idx - 1].group != Some(g))
                    // (Nor a label of its own, `**Context**`: the label had nothing under it.)
                    && fields::field_for_label(text).is_none()
            })
        };
        // A bold line that is a labelled decision (`**Decision: No onboarding screen.**`)
        // states it: it heads nothing. So does one whose record's fields follow it, or nothing
        // (`**Decision [09-04-2025 03:17:00]: Centralize optimizer creation**` over its
        // `**Rationale:**`); over a list or a paragraph, it names the topic they decide
        // (`**Decision: Storage layout**` over `- pools on ZFS`; even one that opens with a
        // verb, `**Decision: Use of ORMs**`, `**Decision: Use the following stack**`, found by
        // review).
        // (Asked only of a line that may head what follows, and once.)
        let own = std::cell::OnceCell::new();
        let states_own = || {
            *own.get_or_init(|| {
                fields::leading_field(text, None).is_some_and(|(f, value)| {
                    f == fields::Field::Decision
                        && (fields::states_in_full(value)
                            || (!value.trim().is_empty() && fields_follow(self.text, item.span.end)))
                })
            })
        };
        let top_last = item.parent.is_none() && idx == self.items.len() - 1;
        // (A date alone on its line, or a stamp and its date — `2026-03-10`, `Updated:
        // 2026-03-20` — right after a thematic break opens what follows, as `**2026-03-10**`
        // does: nothing stands between the `---` and it.)
        let dated_after_break = item.parent.is_none()
            && item.bold.is_none()
            && self.rules.last().is_some_and(|&r| r < item.line && (idx == 0 || self.items[idx - 1].line < r))
            && fields::is_date_line(text);
        let wholly_bold = item.bold.as_deref() == Some(text) || dated_after_break;
        // (Standing where a pseudo-heading would, it ends the one above as a pseudo-heading
        // would: `**Decision: Authentik for SSO**` over its `**Rationale:**`, after
        // `**Decision: Database**` and its list, is no part of that topic.)
        let ends_group = top_last && wholly_bold && states_own() && !states_decision();
        let is_pseudo_heading = top_last
            && !text.is_empty()
            && (wholly_bold
                // So does a bold title naming a kind with only a qualifier in brackets after it
                // (`**Recent Decisions** (this session)`): not a date, which dates what
                // follows (above), nor more words after the bracket, nor a decision with a note
                // (`**Adopt PostgreSQL** (not MySQL)`, `**Decision: Use Redis** (cache)`).
                || item.bold.as_deref().is_some_and(|bold| {
                    text.strip_prefix(bold).is_some_and(is_qualifier)
                        && super::heading::classify(bold) != Kind::Other
                        && fields::leading_field(bold, None).is_none()
                        && !fields::states_adoption(bold, None)
                        && !fields::states_switch(bold)
                })
                // So does a bold label with only a qualifier in brackets after it, over a list
                // (`**Backend:** (already running)` over `* FastAPI`): it heads that list as
                // `**Backend:**` alone would, and ends the group above it. (The colon inside the
                // bold, `**Backend:**`, or after it, `**Backend**:`.)
                || item.bold.as_deref().is_some_and(|bold| {
                    let Some(rest) = text.strip_prefix(bold) else { return false };
                    let note = match bold.strip_suffix([':', '：']) {
                        Some(_) => Some(rest),
                        None => rest.trim_start().strip_prefix([':', '：']),
                    };
                    note.is_some_and(is_note) && list_follows(self.text, item.span.end)
                })
                // A short plain line that only names a kind (`Decision record`, `决策记录`,
                // `Next steps:`) heads what follows, as a bold one does.
                || (item.bold.is_none() && text.len() <= 40 && super::heading::kind_name(text).is_some()))
            && !states_decision()
            && !states_own();
        // … and so does a short label over a list that opens with its kind
        // (`Decisiones recientes:`), but only over that list.
        // … and so does a line saying when or how to write the file's records (`When to add an
        // entry:` over the template's list), and a short label naming questions or options
        // (`Open Questions:` over the questions).
        let label = || self.scratch[self.open.len()].trim_end().ends_with([':', '：']);
        let names_questions =
            || text.len() <= 40 && text.split_whitespace().count() <= 4 && fields::names_considerations(text);
        let names_kind_first = !is_pseudo_heading
            && item.parent.is_none()
            && item.bold.is_none()
            && idx == self.items.len() - 1
            && !states_decision()
            && (self.names_kind_first(text) || (label() && (fields::describes_records(text) || names_questions())));
        let (top_level, plain, line) = (item.parent.is_none(), item.bold.is_none(), item.line);
        if ends_group {
            self.items[idx].group = None;
            self.current_group = None;
            self.plain_group = None;
        }
        if is_pseudo_heading || names_kind_first {
            let title = text.to_string();
            if let Some(at) = self.forget_last_item() {
                self.buf.truncate(at.start);
            }
            self.open_group(title, line);
            self.plain_group = plain.then_some(false);
        } else if top_level {
            // `Decision: use Redis` then `Rationale:` on the next line, and the reasons as a
            // list (or `**Options**:` over the options): the label that ends the paragraph
            // heads what follows, as a pseudo-heading would, and when alone on its line it is
            // no part of the paragraph's own text.
            let field = fields::trailing_label(self.scratch[self.open.len()].trim_end()).map(str::to_string);
            // (The label is on the paragraph's last line.)
            let end = self.items[idx].span.end;
            let line = self.lines.line_at(end.saturating_sub(1));
            match (self.last_line_label(idx), field) {
                (Some((label, bold)), field) if bold || field.is_some() => {
                    self.cut_last_line(idx, &label);
                    self.open_group(label.trim_end_matches([':', '：']).trim_end().to_string(), line);
                }
                (_, Some(field)) => self.open_group(field, line),
                _ => {}
            }
        }
    }

    /// Whether the paragraph just closed is a short label, ending in a colon, that names a
    /// kind before its other words (`Decisiones recientes:`): Spanish, French or Portuguese
    /// put the adjective after the noun, where [`super::heading::kind_name`] looks for it last.
    fn names_kind_first(&self, text: &str) -> bool {
        let raw = self.scratch[self.open.len()].trim_end();
        // (`Decision:` alone is a record's label, over the decision: the record rules read it.)
        if !raw.ends_with([':', '：'])
            || text.len() > 40
            || text.split_whitespace().count() > 4
            || fields::field_for_label(text).is_some()
        {
            return false;
        }
        // The first word is the kind's name, a plural noun (`Decisiones`; not `Decided to use
        // Caddy:`, which states an adoption and is the decision itself).
        let (kind, about) = super::heading::classify_title(text);
        kind != Kind::Other
            && !about
            && text.split_whitespace().next().is_some_and(|first| super::heading::kind_name(first) == Some(kind))
            && !fields::states_adoption(text, None)
            && !fields::states_switch(text)
    }

    /// The label alone on the last line of paragraph `idx` (`**Rationale**:` under
    /// `**Decision**: …`) as its text shows it (`Rationale:`), and whether it is bold.
    fn last_line_label(&self, idx: usize) -> Option<(String, bool)> {
        let raw = self.text.get(self.items[idx].span.clone()).unwrap_or("").trim_end();
        label_line(&raw[raw.rfind('\n')? + 1..])
    }

    /// Takes `label`, the last line of paragraph `idx` (the last item closed), off its text.
    fn cut_last_line(&mut self, idx: usize, label: &str) {
        let range = self.text_at[idx].clone();
        if range.end != self.buf.len() {
            return;
        }
        let Some(head) = self.buf[range.clone()].strip_suffix(label) else { return };
        // An emphasis left open (`**Sub-tasks:` with no closing `**`) is text: it goes too.
        let len = head.trim_end().trim_end_matches(['*', '_']).trim_end().len();
        if len == 0 {
            return;
        }
        self.buf.truncate(range.start + len);
        self.text_at[idx].end = range.start + len;
        self.items[idx].code_spans.retain(|span| span.end <= len);
    }

    /// Items from here on sit under a pseudo-heading titled `title`, written at `line`.
    fn open_group(&mut self, title: String, line: usize) {
        let Title { kind, considers, date, decision, .. } = self.judge(&title);
        // A bold `**Why R-Multiples?**` over its reasons opens no record as a heading does: what
        // it holds are those reasons, no decisions.
        let kind =
            if decision.is_some() && fields::why_names_a_choice(&title) { classify_title(&title).0 } else { kind };
        // Right under a heading that is a document's name, in a guide to the bank (`####
        // 🏗️ `systemPatterns.md``), a bold line says what that file holds:
        // `**Architecture and technical decisions**` names no kind of what follows.
        let kind = match self.current_heading {
            // (Not a file's own title, `# activeContext.md` over `**Recent Decisions**`.)
            Some(h)
                if kind != Kind::Other
                    && self.headings[h].level > 1
                    && self.item_heading.last() != Some(&Some(h))
                    && fields::is_document_name(&self.headings[h].title) =>
            {
                Kind::Other
            }
            _ => kind,
        };
        self.groups.push(Group { kind, date, title, line, considers });
        self.current_group = Some(self.groups.len() - 1);
        self.plain_group = None;
    }

    /// The head row just read names the table's columns; it is no item itself.
    fn read_columns(&mut self) {
        let Some(&idx) = self.open.last() else { return };
        // Nothing opens inside a cell: the head row is the last item.
        if self.items[idx].block != Block::TableRow || idx + 1 != self.items.len() {
            return;
        }
        let raw = &self.scratch[self.open.len() - 1];
        if let Some(table) = &mut self.table {
            table.columns = Columns::of(table.cells.iter().map(|c| raw.get(c.clone()).unwrap_or("").trim()));
        }
        self.open.pop();
        self.forget_last_item();
        self.bold_start = None;
    }

    /// Takes the last item back (a pseudo-heading's paragraph, a table's head row: no items),
    /// and gives where its text lay in `buf`.
    fn forget_last_item(&mut self) -> Option<Range<usize>> {
        let idx = self.items.len().checked_sub(1)?;
        self.items.pop();
        self.item_heading.pop();
        if self.row_parts.last() == Some(&idx) {
            self.row_parts.pop();
        }
        self.text_at.pop()
    }

    /// A table's body row becomes its item's text ([`table_row`]): the `Decision` column's
    /// cell with the other columns as fields, or its cells one after the other.
    fn close_row(&mut self, end: usize) {
        self.bold_start = None;
        let (Some(&idx), Some(table)) = (self.open.last(), self.table.as_ref()) else { return };
        if self.items[idx].block != Block::TableRow {
            return;
        }
        let depth = self.open.len() - 1;
        read_row(
            &mut self.scratch[depth],
            &mut self.items[idx],
            (&mut self.decision_rows, &mut self.stack_rows),
            idx,
            &table.columns,
            &table.cells,
        );
        let item = &mut self.items[idx];
        // A bold first cell is no lead of a text that may start elsewhere.
        if item.bold.as_deref().is_some_and(|b| !self.scratch[depth].trim_start().starts_with(b)) {
            item.bold = None;
        }
        self.close();
        self.items[idx].span.end = end;
    }

    /// What a heading's or pseudo-heading's title says: worked out once per distinct title on
    /// each thread ([`JUDGED`]).
    fn judge(&self, title: &str) -> Title {
        JUDGED.with_borrow_mut(|judged| {
            if let Some(title) = judged.get(title) {
                return title.clone();
            }
            let decision = fields::decision_heading(title).map(str::to_string);
            let (kind, about_deciding) = classify_title(title);
            let judgement = Title {
                // `## ADR-2: Keep one change window` records a decision, whatever words its title holds.
                kind: if decision.is_some() { Kind::Decision } else { kind },
                // A title about decisions (`Decision Review Schedule`) holds none, as one naming
                // questions does.
                considers: (about_deciding && decision.is_none()) || fields::names_considerations(title),
                undecided: about_deciding && decision.is_none(),
                date: find_date(title).map(|(d, _)| d),
                field: fields::field_heading(title),
                decision,
            };
            if judged.len() >= JUDGED_TITLES {
                judged.clear();
            }
            judged.insert(title.into(), judgement.clone());
            judgement
        })
    }

    /// The date of a heading that names a day without its year (`### Nov 26: API
    /// compatibility`): that day in the year of the last date a heading above gave (or the
    /// front matter's), as a reader of a log kept within a year takes it. None when the file
    /// gave no date before it.
    fn year_from_before(&self, title: &str) -> Option<Date> {
        // (Asked of every undated heading: most files gave no date yet, and most titles hold
        // no digit.)
        let year = self.last_heading_date.or(self.front_matter.any())?.year();
        if !title.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        let day = super::heading::month_day_at_start(title)?;
        super::heading::in_year(year, day)
    }

    /// The item whose text is being read, with that text so far, unless a heading is.
    fn sink(&mut self) -> Option<(&mut String, &mut Item)> {
        if self.heading.is_some() {
            return None;
        }
        let idx = *self.open.last()?;
        Some((self.scratch.get_mut(self.open.len() - 1)?, &mut self.items[idx]))
    }

    fn push_text(&mut self, text: &str) {
        if let Some((_, title, _)) = &mut self.heading {
            title.push_str(text);
        } else if let Some((sink, _)) = self.sink() {
            sink.push_str(text);
        }
    }

    fn finish(mut self, path: &Path) -> Document {
        let stem = path.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        // pulldown-cmark closes what it opens; were an item left open, it would lose no text.
        while self.close().is_some() {}
        let mut buf = std::mem::take(&mut self.buf);
        buf.shrink_to_fit();
        let buf = Arc::new(buf);
        for (item, at) in self.items.iter_mut().zip(&self.text_at) {
            item.text = Text::new(buf.clone(), at.clone());
        }
        self.stamps_to_headings();
        // The layout takes the headings' titles for its entries and sections.
        let layout = Layout::new(&mut self.headings, &stem, self.front_matter);
        let mut doc = Document {
            path: path.to_path_buf(),
            entries: layout.entries,
            sections: layout.sections,
            groups: self.groups.iter().map(|g| super::Group { title: g.title.clone(), line: g.line }).collect(),
            items: Vec::new(),
        };
        // The id of an item hashes its place and text; the place part is shared by every item
        // of a section, so it is hashed once per section.
        let shown = crate::source::display_path(path);
        let section_hash: Vec<u64> = doc
            .sections
            .iter()
            .map(|section| {
                let mut h = IdHash::new();
                for part in
                    [shown.as_str(), doc.entries[section.entry].title.as_str(), section.title.as_deref().unwrap_or("")]
                {
                    h.write(part.as_bytes());
                    h.write(&[0xff]);
                }
                h.0
            })
            .collect();
        let mut items = self.items;
        // Items with no text in them or below them (an empty bullet) are dropped; children
        // follow their parent, so one backward pass finds them.
        let mut keep: Vec<bool> = items.iter().map(|i| !i.text.trim().is_empty()).collect();
        // A heading stands for the code block under it only in a decision section
        // with no statement of its own.
        let mut under = vec![0u32; if self.provisional.is_empty() { 0 } else { self.headings.len() }];
        if !under.is_empty() {
            for &h in self.item_heading.iter().flatten() {
                under[h] = under[h].saturating_add(1);
            }
        }
        for &(p, body) in &self.provisional {
            let h = self.item_heading[p];
            let section = h.map(|h| &doc.sections[layout.section_of_heading[h]]);
            let decision = section.is_some_and(|s| {
                s.kind == Kind::Decision && s.title.as_deref().is_some_and(|t| fields::field_heading(t).is_none())
            });
            // A dated entry's heading titles its entry rather than a section: it stands for
            // its body when it states something (`## 2026-04-03: Simplify the deployment`; see
            // `fields::entry_title_states`) and its `Decision:` is a list that spells that out.
            let entry_decision = body == Body::Statement
                && section.is_some_and(|s| s.kind == Kind::Decision && s.title.is_none())
                && fields::entry_title_states(&items[p].text);
            // (A heading that names its choice, `### 2. Tauri 2.0 Framework`, over a list of
            // what it brings, `- Lightweight (smaller than Electron)`, stands for that list.)
            let stands_for_body = match body {
                Body::CodeBlock => h.is_some_and(|h| under[h] == 1),
                Body::Statement => {
                    only_fields_under(&items, &self.item_heading, &self.groups, p, entry_decision)
                        // (Not a dated entry's title: `## 2026-01-10 Tooling for the monorepo`
                        // heads the entry's decisions.)
                        || (decision
                            && fields::heading_names_choice(&items[p].text)
                            && only_reasons_under(&items, &self.item_heading, p))
                }
            };
            // (Nor a heading over what is weighed: `### Consideration 1: Uplink bandwidth` over
            // `**Status**:` and `**Mitigation**:`.)
            let considers = h.is_some_and(|h| self.headings[h].considers);
            keep[p] = keep[p] && (decision || entry_decision) && stands_for_body && !considers;
        }
        for i in (0..items.len()).rev() {
            if keep[i]
                && let Some(p) = items[i].parent
            {
                keep[p] = true;
            }
        }
        let mut new_index: Vec<Option<usize>> = Vec::with_capacity(items.len());
        let mut kept = 0;
        for &k in &keep {
            new_index.push(k.then_some(kept));
            kept += usize::from(k);
        }
        let mut ids = IdAllocator::with_capacity(items.len());
        // A list item that is only a bold label naming a kind, over sub-items (`- **Decisions:**`
        // in a "Current Work" section), is a heading in disguise: its sub-items take that kind.
        let mut label_kind: Vec<Option<Kind>> = vec![None; items.len()];
        // A row of a table with a `Decision` (`决策`, `Choice`, …) column states a decision in
        // any section (`| 决策日期 | 核心决策 | 理由 |` under a patterns heading), and stays one
        // under a heading that also names questions, as a `Decision` field does (`records`).
        let mut decision_rows = self.decision_rows.iter().peekable();
        // A `Decision` label states a decision — unless it names one of the labelled steps of a
        // process (`3. **Decision**: picks the closest branch` in a customer's journey). (Read
        // before the items are renumbered below.)
        let (labels_decision, steps): (Vec<bool>, Vec<bool>) = (0..items.len())
            .map(|i| {
                let label = starts_with_decision(&items[i].text, items[i].bold.as_deref());
                // (In any language of the label table: `3. **Decisión**: …`.)
                let step = names_a_step(self.text, &items, i, (&self.item_heading, &keep), label);
                (label && !step, step)
            })
            .unzip();
        // Settled in place, in document order: a parent is always settled before its children.
        for i in 0..items.len() {
            let row_decides = decision_rows.next_if(|&&r| r == i).is_some();
            if !keep[i] {
                continue;
            }
            let section_idx = self.item_heading[i].map_or(layout.preamble_section, |h| layout.section_of_heading[h]);
            let section = &doc.sections[section_idx];
            let entry = &doc.entries[section.entry];
            let parent = items[i].parent.map(|p| (label_kind[p].unwrap_or(items[p].kind), items[p].date, items[p].id));
            // (Whether the item heads a list of its own: the next item's parent, not yet
            // renumbered.)
            let heads_list = items[i].block == Block::ListItem && items.get(i + 1).is_some_and(|n| n.parent == Some(i));
            label_kind[i] = kind_label(&items, i, section.kind);
            let item = &mut items[i];
            let group = item.group.map(|g| &self.groups[g]);
            item.kind = if label_kind[i].is_some() {
                Kind::Other
            } else if row_decides || labels_decision[i] {
                Kind::Decision
            } else if let Some((kind, _, _)) = parent {
                kind
            } else if let Some(g) = group.filter(|g| g.kind != Kind::Other) {
                g.kind
            } else if section_idx == layout.preamble_section
                && section.kind == Kind::Other
                && item.parent.is_none()
                && leading_date(&item.text).is_some()
            {
                layout.title_kind
            } else {
                section.kind
            };
            // A table row may be dated by its `Date` column already.
            item.date = item
                .date
                .or_else(|| leading_date(&item.text))
                .or_else(|| fields::numbered_decision_date(&item.text))
                .or_else(|| trailing_date(&item.text))
                .or_else(|| item.bold.as_deref().and_then(bold_label_date))
                .or_else(|| date_after_bold_label(item))
                .or_else(|| heads_list.then(|| super::heading::list_title_date(&item.text)).flatten())
                .or_else(|| parent.and_then(|(_, date, _)| date))
                .or_else(|| group.and_then(|g| g.date))
                .or(section.date)
                .or(entry.date);
            item.id = ids.next(section_hash[section_idx], parent.map_or(0, |(_, _, id)| id.0), &item.text);
            item.entry = section.entry;
            item.section = section_idx;
            item.parent = item.parent.and_then(|p| new_index[p]);
        }
        if kept < items.len() {
            let mut keep = keep.into_iter();
            let mut heading_of = self.item_heading.iter();
            let mut kept_heading = Vec::with_capacity(kept);
            items.retain(|_| {
                let k = keep.next().unwrap_or(false);
                if let Some(h) = heading_of.next()
                    && k
                {
                    kept_heading.push(*h);
                }
                k
            });
            self.item_heading = kept_heading;
        }
        // (Sections are in document order, each at its heading's line: each title's is found
        // by a binary search, past the file's own section. A title that took its kind from
        // anything but its section, `**Decided: …** (2026-02-11)`, keeps it.)
        for &(i, heading_line) in &self.dated_title_items {
            let at = doc.sections.partition_point(|s| s.line < heading_line);
            let section = (at.max(1)..doc.sections.len())
                .take_while(|&k| doc.sections[k].line == heading_line)
                .next()
                .map(|k| doc.sections[k].kind);
            if let (Some(i), Some(kind)) = (new_index[i], section)
                && items[i].kind == doc.sections[items[i].section].kind
            {
                items[i].kind = kind;
            }
        }
        // What the record rules must know of the kept items that their text no longer shows.
        let mut marks = vec![records::Marks::default(); items.len()];
        for r in self.decision_rows.iter().filter_map(|&r| new_index[r]) {
            marks[r].decision_row = true;
        }
        for r in self.update_log.iter().filter_map(|&r| new_index[r]) {
            marks[r].update_log = true;
        }
        for r in self.closing_stamps.iter().filter_map(|&r| new_index[r]) {
            marks[r].closes_record = true;
        }
        for r in (0..steps.len()).filter(|&i| steps[i]).filter_map(|i| new_index[i]) {
            marks[r].step = true;
        }
        for r in self.appended_rows.iter().chain(&self.row_parts).filter_map(|&r| new_index.get(r).copied().flatten()) {
            marks[r].appended_row = true;
        }
        // (And the first item after each thematic break, `---`.)
        let mut rules = self.rules.iter().peekable();
        for (item, mark) in items.iter().zip(marks.iter_mut()) {
            mark.label_line = label_on_own_line(self.text, item);
            mark.numbered = numbered(self.text, item);
            let mut crossed = false;
            while rules.next_if(|&&r| r < item.line).is_some() {
                crossed = true;
            }
            mark.after_break = crossed;
        }
        dates_from_status_lines(&mut items, &doc.sections, &doc.entries, self.front_matter.updated);
        let headings: Vec<records::HeadingInfo<'_>> = self
            .headings
            .iter()
            .enumerate()
            .map(|(i, h)| records::HeadingInfo {
                // The layout moved the title into the section the heading makes, or into
                // its entry when that section is untitled.
                title: {
                    let section = &doc.sections[layout.section_of_heading[i]];
                    section.title.as_deref().unwrap_or(&doc.entries[section.entry].title)
                },
                stamp: h.stamp,
                closes: h.closes,
                level: h.level,
                section: layout.section_of_heading[i],
                field: h.field.as_ref(),
                decision: h.decision,
                considers: h.considers,
                undecided: h.undecided,
            })
            .collect();
        let groups: Vec<records::GroupInfo<'_>> = self
            .groups
            .iter()
            .map(|g| records::GroupInfo {
                title: &g.title,
                kind: g.kind,
                considers: g.considers,
                describes_records: fields::describes_records(&g.title),
            })
            .collect();
        records::resolve(&mut items, &self.item_heading, &headings, &groups, &doc.sections, &marks, &stem);
        records::reasons_of_an_option(&mut items, &doc.sections, &doc.entries);
        records::numbered_headings_under_decisions(&mut items, &doc.sections);
        let stack_rows: Vec<usize> = self.stack_rows.iter().filter_map(|&i| new_index[i]).collect();
        stack::choices(
            &mut items,
            &doc.sections,
            &doc.entries,
            &doc.groups,
            &stack_rows,
            stack::describes_system(&stem),
            stack::lists_technology(&stem),
        );
        stack::labelled_choices(&mut items);
        conventions::rules(&mut items, &doc.sections, &doc.entries, &doc.groups, super::load::is_journal_name(&stem));
        conventions::permitted_and_forbidden(&mut items);
        let named: Vec<usize> = self.named_patterns.iter().filter_map(|&i| new_index[i]).collect();
        patterns::named(&mut items, &doc.sections, &named);
        // (The titles are the sections' by now: each heading's listing was judged as it was read.)
        let listings: Vec<patterns::Listing> = self.headings.iter().map(|h| h.listing).collect();
        patterns::listed(&mut items, &self.item_heading, &listings, &doc.groups, self.text);
        patterns::recorded(&mut items, self.text);
        // (Last, whichever rule read a decision there.)
        // (And a file in a folder of templates, `memory-bank/templates/troubleshoot.md`, is
        // one, whatever its name: `## Final Solution` there is a blank to fill in.)
        let in_templates = path.parent().and_then(Path::file_name).is_some_and(|folder| {
            folder.to_str().is_some_and(|f| f.eq_ignore_ascii_case("templates") || f.eq_ignore_ascii_case("template"))
        });
        if records::records_none(&stem) || in_templates {
            for item in items.iter_mut().filter(|i| i.kind == Kind::Decision) {
                item.kind = Kind::Other;
            }
        }
        doc.items = items;
        doc
    }

    /// Roo Code timestamp lines that stand alone (a paragraph, or a top-level bullet holding
    /// its fields as children) open dated entries: each becomes a pseudo-heading placed just
    /// before its item, and the items after it, up to the next heading, sit under it.
    fn stamps_to_headings(&mut self) {
        // Bare timestamp lines (`2025-05-12 19:23:00 - Added the calculation features`) between
        // a file's title and its first section heading are the file's own update log: Roo
        // Code's template starts every file with one (`… - Log of updates made.`), and agents
        // append to it in any language. They open no entry, and the record rules make none of
        // them a decision unless it adopts something (`records::Marks::update_log`).
        // The preface: the lines before any heading, or under the file's title when it is the
        // first heading — in a file with a section heading after it.
        let has_section = self.headings.iter().any(|h| h.level >= 2 && !h.stamp);
        let titled = self.headings.first().is_some_and(|h| h.level == 1);
        let item_heading = &self.item_heading;
        let in_preface =
            |i: usize| has_section && (item_heading[i].is_none() || (titled && item_heading[i] == Some(0)));
        self.update_log = (0..self.items.len())
            .filter(|&i| {
                let item = &self.items[i];
                in_preface(i) && item.parent.is_none() && fields::is_bare_timestamp(&item.text)
            })
            .collect();
        let update_log = &self.update_log;
        // (Not a stamped bullet under a heading that names a record's field, `## Implementation
        // Details` over `* **[2025-06-20] Lazy loading of models:**` and how it was done, in a
        // log that writes each record's fields under headings of their own: that bullet is the
        // field of the record of that day and topic, no entry; round 236. A stamped paragraph
        // there is an entry the agent appended below the template's last heading.)
        let headings = &self.headings;
        let under_field = |i: usize, items: &[Item]| {
            items[i].block == Block::ListItem
                && item_heading[i]
                    .is_some_and(|h| headings[h].field.as_ref().is_some_and(|f| *f != fields::Field::Decision))
        };
        // (Nor a stamped bullet among the patterns a heading lists, `## Architectural Patterns`
        // over `* [2025-04-14 11:06:00] - **Layered Settings:**` and its `Description`, then
        // `- **Conditional Callbacks:** …`: the stamp dates that pattern, and the patterns after
        // it are the heading's, not the stamp's fields; round 243.)
        let among_patterns = |i: usize, items: &[Item]| {
            items[i].block == Block::ListItem
                && item_heading[i].is_some_and(|h| headings[h].listing != patterns::Listing::Neither)
        };
        let is_stamp = |i: usize, items: &[Item]| {
            let item = &items[i];
            update_log.binary_search(&i).is_err()
                && !under_field(i, items)
                && !among_patterns(i, items)
                && item.parent.is_none()
                && (item.block == Block::Paragraph || items.get(i + 1).is_some_and(|n| n.parent == Some(i)))
                && fields::is_titled_timestamp(&item.text)
                && !fields::is_boilerplate(&item.text)
        };
        // Each stamp with the heading it comes after: its own item's, or for one that closes a
        // record, the heading before the record's first.
        // (In document order: whether a stamp closes a record depends on whether the stamp
        // above that record opened it.)
        let mut stamps: Vec<(usize, Option<usize>, bool)> = Vec::new();
        // A log of three records or more whose first has no stamp above it and whose last has
        // one below it writes its stamps after its records: each closes the record above it,
        // whatever words it shares with it. (With two, a stamp between them may as well
        // announce the second.) A heading stamped itself (`## [2025-12-14 00:30] - Decision:
        // …`) carries its own stamp: among records that carry none it tells nothing of where
        // the log writes the others, and counts only in a log of stamped headings alone.
        let opens_record = |h: &RawHeading| h.field == Some(fields::Field::Decision) || h.decision;
        let stamp_items: Vec<usize> = (0..self.items.len()).filter(|&i| is_stamp(i, &self.items)).collect();
        let records = || self.headings.iter().filter(|h| opens_record(h));
        let unstamped: Vec<usize> =
            records().filter(|h| fields::timestamp(&h.title).is_none()).map(|h| h.line).collect();
        let record_lines = if unstamped.is_empty() { records().map(|h| h.line).collect() } else { unstamped };
        let stamps_after_records = match (record_lines.as_slice(), stamp_items.first(), stamp_items.last()) {
            ([first_record, _, .., last_record], Some(&first_stamp), Some(&last_stamp)) => {
                self.items[first_stamp].line > *first_record && self.items[last_stamp].line > *last_record
            }
            _ => false,
        };
        let is_stamp_at = |k: usize| stamp_items.binary_search(&k).is_ok();
        // The lines right under a closing stamp there (`[…] - Fixed the network script`, then
        // `[…] - Improved the start-up`): more notes of the record it closes, which the first
        // dates.
        let mut notes = Vec::new();
        let mut last_closing: Option<usize> = None;
        for &i in &stamp_items {
            if stamps_after_records && last_closing.is_some_and(|p| self.items[p].line + 1 == self.items[i].line) {
                notes.push(i);
                last_closing = Some(i);
                continue;
            }
            let opening = |b: usize| stamps.binary_search_by_key(&b, |s| s.0).is_ok_and(|k| !stamps[k].2);
            let closed = self.closed_record(i, opening, is_stamp_at, stamps_after_records);
            last_closing = closed.is_some().then_some(i);
            stamps.push(match closed {
                Some(first) => (i, first.checked_sub(1), true),
                None => (i, self.item_heading[i], false),
            });
        }
        if stamps.is_empty() {
            return;
        }
        self.closing_stamps = stamps.iter().filter(|s| s.2).map(|s| s.0).chain(notes).collect();
        let old = std::mem::take(&mut self.headings);
        let mut old_to_new = Vec::with_capacity(old.len());
        let mut stamp_heading = Vec::with_capacity(stamps.len());
        let mut next_stamp = stamps.iter().peekable();
        let mut push_stamps_before = |limit: Option<usize>, merged: &mut Vec<RawHeading>, this: &Self| {
            while let Some(&&(i, under, closes)) = next_stamp.peek() {
                // A stamp under heading h comes before heading h + 1.
                if limit.is_some_and(|l| under.is_some_and(|u| u >= l)) {
                    break;
                }
                next_stamp.next();
                let text = collapse_spaces(this.items[i].text.trim().to_string());
                let (date, title) =
                    fields::timestamp(&text).map_or((None, text.clone()), |(d, t)| (Some(d), t.to_string()));
                stamp_heading.push((i, under, merged.len()));
                let one_line = this.text.get(this.items[i].span.clone()).is_some_and(|s| !s.trim_end().contains('\n'));
                let said_all = one_line && title.trim_end().ends_with(['.', '。', '!', '！']);
                merged.push(RawHeading {
                    level: u8::MAX,
                    kind: classify(&title),
                    title,
                    date,
                    line: this.items[i].line,
                    stamp: true,
                    closes,
                    said_all,
                    field: None,
                    decision: false,
                    considers: false,
                    undecided: false,
                    listing: patterns::Listing::Neither,
                });
            }
        };
        let mut merged = Vec::with_capacity(old.len() + stamps.len());
        for (h, heading) in old.into_iter().enumerate() {
            push_stamps_before(Some(h), &mut merged, self);
            old_to_new.push(merged.len());
            merged.push(heading);
        }
        push_stamps_before(None, &mut merged, self);
        let mut stamp_at = stamp_heading.iter().peekable();
        let mut last_stamp: Option<(Option<usize>, usize)> = None;
        for i in 0..self.items.len() {
            let under = self.item_heading[i];
            // (A stamp that closes a record is placed before the record's first heading: the
            // record's items sit under that heading, and the stamp's own item stays where it
            // is, among the record's last field.)
            if let Some(&&(_, stamp_under, new)) = stamp_at.peek().filter(|(s, _, _)| *s == i) {
                stamp_at.next();
                if stamp_under == under {
                    last_stamp = Some((under, new));
                }
            }
            self.item_heading[i] = match last_stamp {
                Some((stamp_under, new)) if stamp_under == under => Some(new),
                _ => under.map(|h| old_to_new[h]),
            };
        }
        self.headings = merged;
        // A bold pseudo-heading heads what follows it up to the next heading, and a stamp is
        // one: `[2026-04-26 21:00] - **ADR-35: …**` after `**Follow-ups (next review):**` and
        // its list opens the next entry, which the label before it no longer reaches. (A label
        // right over stamped lines, `**Decisions made this week:**`, heads them: its first
        // item is a stamp's.)
        let mut heads_stamps = vec![None; self.groups.len()];
        for (i, item) in self.items.iter().enumerate() {
            if let Some(g) = item.group {
                heads_stamps[g].get_or_insert_with(|| stamps.binary_search_by_key(&i, |s| s.0).is_ok());
            }
        }
        for (item, h) in self.items.iter_mut().zip(&self.item_heading) {
            if let (Some(g), Some(h)) = (item.group, *h)
                && self.headings[h].stamp
                && self.groups[g].line < self.headings[h].line
                && heads_stamps[g] == Some(false)
            {
                item.group = None;
            }
        }
    }

    /// For a stamp line that closes a record — after its fields, with nothing of its own
    /// before the next record, a `---` or the end of the file (`## Decision` … `##
    /// Implementation Details` …, then `[2025-08-27 17:11:00] - Call detection implemented`) —
    /// the record's first heading: the heading that states its decision (`## ADR-1: Use Borg`
    /// over `### Context` and `### Decision`), or its `Decision` field heading with the
    /// context, status or date headings written just before it. The stamp dates that
    /// record, not the one after it. No break, no other stamp and no dated heading lies
    /// between the two.
    fn closed_record(
        &self,
        i: usize,
        opening: impl Fn(usize) -> bool,
        is_stamp: impl Fn(usize) -> bool,
        after_records: bool,
    ) -> Option<usize> {
        // (Items, headings and breaks are in document order: each question is a binary search,
        // a short look back, or a walk down the run of stamps this one starts.)
        // (Nor does one that labels a decision, `[…] - **Decision:** …`: it states its own.)
        if self.items.get(i + 1).is_some_and(|n| n.parent == Some(i))
            || fields::stamped_decision(&self.items[i].text).is_some()
        {
            return None;
        }
        // Stamp lines one under the other (`[…] - Fixed the network script`, then `[…] -
        // Improved the start-up`): in a log that writes its stamps after its records, the
        // first closes the record above as one stamp does, judged by what follows the run
        // (the caller takes the lines under it as that record's notes). Elsewhere such lines
        // are entries of their own, and a line under another stamp closes nothing. (Each run
        // is walked once, from its first line.)
        let one_under_other = |a: usize, b: usize| {
            is_stamp(a) && is_stamp(b) && self.items.get(b).is_some_and(|y| y.line == self.items[a].line + 1)
        };
        if i > 0 && one_under_other(i - 1, i) {
            return None;
        }
        let mut last = i;
        while one_under_other(last, last + 1) {
            if !after_records {
                return None;
            }
            last += 1;
        }
        let line = self.items[last].line;
        let opens_record = |h: &RawHeading| h.field == Some(fields::Field::Decision) || h.decision;
        let after = self.headings.partition_point(|h| h.line <= line);
        let next_rule = self.rules.get(self.rules.partition_point(|&r| r <= line)).copied();
        let (item_at, heading_at, rule_at) = (
            self.items.get(last + 1).map_or(usize::MAX, |n| n.line),
            self.headings.get(after).map_or(usize::MAX, |h| h.line),
            next_rule.unwrap_or(usize::MAX),
        );
        // A break or the end of the file after it: the stamp ends the block above. The next
        // record's heading right after it: the stamp may as well open that record, and closes
        // the one above only if it names it (below).
        let at_break = rule_at < item_at && rule_at <= heading_at;
        let at_end = item_at == usize::MAX && heading_at == usize::MAX;
        let at_record = heading_at <= item_at && self.headings.get(after).is_some_and(opens_record);
        if !(at_break || at_end || at_record) {
            return None;
        }
        // A record has a few field headings: its `Decision` is among the last few before the
        // stamp, and what comes before it in a record (its context, status, date, or the
        // heading stating the decision over them all) just before that.
        let back = self.headings[..after].iter().rev().take(16).position(opens_record)?;
        let decision = after - 1 - back;
        let mut top = decision;
        while top > 0 && !self.headings[top].decision && decision - top < 16 {
            let (prev, this) = (&self.headings[top - 1], &self.headings[top]);
            let before_decision =
                prev.field.as_ref().is_some_and(|f| matches!(f.name(), "context" | "status" | "date" | "drivers"));
            let encloses = prev.decision && prev.level < this.level;
            if !(encloses || (before_decision && prev.level == this.level)) {
                break;
            }
            top -= 1;
        }
        let heading = &self.headings[top];
        if at_record && !at_break && !after_records {
            // The record above against the one below: the stamp goes with the one it names
            // more closely (and names at all). The statement above is the first line under
            // its `Decision` heading, or that heading itself when it states the decision.
            let title = fields::timestamp(&self.items[i].text).map_or("", |(_, title)| title);
            let decided_at = self.headings[decision].line;
            let above = self.items[..i].iter().rev().take_while(|it| it.line >= decided_at).last();
            let below = self.items.get(last + 1);
            let (above, below) =
                (above.map_or(0, |s| shared_words(title, &s.text)), below.map_or(0, |s| shared_words(title, &s.text)));
            if above < 2 || above <= below {
                return None;
            }
        }
        let undated = self.headings[top..after].iter().all(|h| h.date.is_none());
        let broken =
            self.rules.get(self.rules.partition_point(|&r| r <= heading.line)).is_some_and(|&r| r < self.items[i].line);
        // A record that a stamp just above its heading opened (no break between, and that
        // stamp closing nothing) is dated already: a second stamp after it is its note.
        let opened = || {
            let before = self.items.partition_point(|it| it.line < heading.line);
            before.checked_sub(1).is_some_and(|b| {
                let stamp_line = self.items[b].line;
                opening(b)
                    && self.headings[..top].last().is_none_or(|h| h.line < stamp_line)
                    && self
                        .rules
                        .get(self.rules.partition_point(|&r| r <= stamp_line))
                        .is_none_or(|&r| r > heading.line)
            })
        };
        // (Looked at last: back to the record's heading, or to the stamp before this one.)
        let only_stamp = || {
            !self.items[..i]
                .iter()
                .rev()
                .take_while(|it| it.line > heading.line)
                .any(|it| it.parent.is_none() && fields::is_titled_timestamp(&it.text))
        };
        (undated && !broken && !opened() && only_stamp()).then_some(top)
    }
}

/// How many words of a stamp's `title` ([`super::restate::words`] of three letters or more,
/// case aside) its record's `statement` holds too: `Отключение client authentication в
/// Keycloak` shares two with `Отключение аутентификации клиента в Keycloak`.
fn shared_words(title: &str, statement: &str) -> usize {
    let words = |t: &str| -> Vec<String> {
        let t = &t[..crate::source::floor_char_boundary(t, 512)];
        let mut w: Vec<String> = super::restate::words(t)
            .map(|(w, _)| w)
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_lowercase)
            .collect();
        w.sort_unstable();
        w.dedup();
        w
    };
    let statement = words(statement);
    words(title).iter().filter(|w| statement.binary_search(w).is_ok()).count()
}

/// Whether the items under the heading that item `p` stands for are only a decision's fields:
/// each top-level one opens with a label other than `Decision` (`**Rationale**: …`, or any
/// bold label, `**Configuration**: …`), follows a label alone on its line (`Trade-offs:`
/// over a paragraph), or is listed under a bold label naming its reasons, pros or cons
/// (`**Why:**`, `**Benefits:**`) — and one of them gives a reason, a consequence or an
/// alternative, or a list gives its reasons and no bold line naming no field states the
/// choice itself: an option weighed by its pros and cons (`### Option 2: Redis`) is no
/// decision.
///
/// Under a dated entry's heading (`entry`), a `Decision:` alone over a list spells out what
/// the heading states, and is the field that must be there.
fn only_fields_under(items: &[Item], item_heading: &[Option<usize>], groups: &[Group], p: usize, entry: bool) -> bool {
    if fields::names_option(&items[p].text) {
        return false;
    }
    let h = item_heading[p];
    let mut after_label = false;
    let mut decided = false;
    let mut lists_decision = false;
    // The bold label over the list last read.
    let mut group_seen = None;
    // The stages of a timeline (`**Started**: …`, `**Current**: …`) are no record's fields.
    let mut staged = false;
    let mut reasons = false;
    let mut why = false;
    // A list under a reason's bold label (`**Why:**`), and a line whose bold label names no
    // field.
    let mut listed_reasons = false;
    let mut unlabelled_bold = false;
    // (Asked once, of a heading over a list of what a choice brings or costs.)
    let heading_chose = std::cell::LazyCell::new(|| fields::opens_with_choice_verb(&items[p].text));
    for (at, (item, _)) in items.iter().zip(item_heading).enumerate().skip(p + 1).take_while(|(_, (_, ih))| **ih == h) {
        if item.parent.is_some() {
            continue;
        }
        let stage = fields::stage(&item.text).is_some();
        if stage && staged {
            return false;
        }
        staged = stage;
        match fields::leading_field(&item.text, item.bold.as_deref()) {
            Some((fields::Field::Decision, rest))
                if entry
                    && rest.trim().is_empty()
                    && items.get(at + 1).is_some_and(|next| next.block == Block::ListItem)
                    && item_heading.get(at + 1) == Some(&h) =>
            {
                after_label = true;
                lists_decision = true;
            }
            Some((fields::Field::Decision, _)) => return false,
            // (One option leaned towards, a decision still pending: the choice is open, `###
            // Decision in Progress: Commit the bank` over `**Options**:` and `**Leaning
            // Towards**:` — found on a real bank. Options alone may be those it chose from.)
            Some((field, _)) if matches!(field.name(), "leaning" | "pending") => return false,
            Some((field, rest)) => {
                after_label = rest.trim().is_empty();
                // (A new state alone is a labelled decision, no field of the heading: `###
                // Switch ports` over `**New Approach**: Label every port …`.)
                decided |=
                    !matches!(field.name(), "pros" | "cons" | "notes" | "title" | "description" | "new" | "previous");
                // (Not under a bold label, `**Decision:**` over its list, that says it.)
                reasons |= field.name() == "rationale" && item.group.is_none();
            }
            // (So does `**Decision:**` written as a bold pseudo-heading over its list; the
            // list under any other bold field label, `**Why:**`, is that field's — under any
            // heading: `### 1. ZFS for every pool` over `**Rationale:** …` and `**Benefits:**`
            // with its list. Outside an entry, a `**Decision:**` list holds decisions of its
            // own.)
            // (Outside an entry, only reasons, pros, cons and consequences: a list of alternatives or
            // problems under a topic, `### Remote access` over `**Alternatives:**`, holds
            // options — found by review.)
            None if item.block == Block::ListItem
                && item.group != group_seen
                && let Some(g) = item.group
                && let Some(field) = fields::field_for_label(&groups[g].title)
                && (entry || matches!(field.name(), "rationale" | "pros" | "cons" | "consequences")) =>
            {
                if entry {
                    lists_decision |= field == fields::Field::Decision && !fields::still_to_settle(&groups[g].title);
                } else {
                    // (A list of what a choice brings or costs gives its reasons too where the
                    // heading says it chose: `### Keep Grafana on the NAS`, `### 使用 SQLite 存储索引`
                    // (use SQLite for the index) over `**Trade-offs:**`.)
                    listed_reasons |= field.name() == "rationale"
                        || (matches!(field.name(), "pros" | "cons" | "consequences") && *heading_chose);
                }
                group_seen = item.group;
                after_label = true;
            }
            None if after_label => {}
            // (Under a label asking why of the choice, `**Why Caddy?**`, its reasons; once they
            // are given the heading stands for its record whatever follows: the labels after
            // them name its parts, and a plain line states what it states.)
            None if why || item.group.is_some_and(|g| fields::label_asks_why_of(&groups[g].title, &items[p].text)) => {
                decided = true;
                reasons = true;
                why = true;
            }
            None if records::bold_label(item).is_some() => {
                after_label = false;
                unlabelled_bold = true;
            }
            None => return false,
        }
    }
    // (An entry's heading stands for its body over a `Decision:` list, or over fields that
    // give its reasons, `**Rationale:**` beside `**Status:**`: with other fields alone it
    // titles an entry of notes.)
    // (Over a `Decision` list, only a title that states a choice: under `## 2026-04-10:
    // Homelab sync with Sam` the list holds the choices.)
    // (A list under a field's bold label gives the heading's reasons only where no bold line
    // states the choice, `### The Verdict` over `**For the MVP**: **Choose RAG**` and `**Why**:`
    // with its list being that line's record, and where the heading asks nothing.)
    if entry {
        (lists_decision && fields::title_states_choice(&items[p].text)) || reasons
    } else {
        decided || (listed_reasons && !unlabelled_bold && !fields::is_question(&items[p].text))
    }
}

/// Whether the body under heading item `p` is only a plain list of fragments that states no
/// choice of its own: no labels, no fields, no adoption or switch, no line ending as a sentence
/// or an introduction does (what a thing it chose brings: `- Lightweight (smaller than
/// Electron)`; `- Files are uploaded directly to the corpus.` states how).
fn only_reasons_under(items: &[Item], item_heading: &[Option<usize>], p: usize) -> bool {
    let h = item_heading[p];
    let mut any = false;
    for (item, _) in items.iter().zip(item_heading).skip(p + 1).take_while(|(_, ih)| **ih == h) {
        // (Sub-items too: `- 2024-05-02: Feature 7:` over its `- Decision: …` is a record.)
        if item.block != Block::ListItem
            || item.bold.is_some()
            || item.text.trim_end().ends_with(['.', '。', ':', '：'])
            || fields::leading_field(&item.text, None).is_some()
            || fields::states_adoption(&item.text, None)
            || fields::states_switch(&item.text)
        {
            return false;
        }
        any |= item.parent.is_none();
    }
    any
}

/// The kind a list item names when it is only a label over sub-items (`- **Next Steps:**`,
/// `* Decision log:` over its dated lines), not a field label of a record (`- **Rationale:**`);
/// `other` for a label over open choices or concerns among decisions (`section_kind`, the kind
/// of the section it stands in).
fn kind_label(items: &[Item], i: usize, section_kind: Kind) -> Option<Kind> {
    let item = &items[i];
    if item.block != Block::ListItem {
        return None;
    }
    let plain = || {
        let t = item.text.trim_end();
        let label = t.strip_suffix([':', '：'])?.trim_end();
        (label.len() <= 40 && !label.contains([':', '：'])).then_some(label)
    };
    let label = match item.bold.as_deref() {
        Some(b) => Some(b).filter(|b| item.text.len() <= b.len() + 2)?,
        None => plain()?,
    };
    if items.get(i + 1).is_none_or(|next| next.parent != Some(i)) || fields::field_for_label(label).is_some() {
        return None;
    }
    // Among decisions, a label over choices still open or worried about (`**Open technical
    // decisions:**`, `**Backup concerns:**`, `**Integration challenges:**`) heads none,
    // whatever kind its words name (found on round 207). (Its words as written: `Open-Meteo`
    // is a name.)
    let named = super::heading::kind_name(label);
    let aside = || {
        super::patterns::label_sets_aside(label)
            || label.split_whitespace().any(|w| {
                fields::is_word_of(
                    w.trim_matches(|c: char| !c.is_alphanumeric()),
                    &["concerns", "challenges", "risks", "unknowns", "open", "pending", "undecided", "unresolved"],
                )
            })
    };
    let among_decisions = named == Some(Kind::Decision) || (named.is_none() && section_kind == Kind::Decision);
    if among_decisions && ((named.is_some() && super::heading::classify_title(label).1) || aside()) {
        return Some(Kind::Other);
    }
    named
}

/// Where in `t` (a text event; `source` is the file from the same place on) a timestamp glued
/// after a sentence starts: a sentence end, then `-` and a bracketed date on the same line.
/// Returns the offset of the dash.
fn glued_timestamp_at(t: &str, source: &str) -> Option<usize> {
    // A text event holds no line break, so the dash is on the line it follows; the timestamp
    // is looked for in a short window after it, which keeps a long line linear.
    // Dashes are rarer than characters: each is looked at (`–` and `—` start with the byte
    // 0xE2), and what precedes it must end a sentence.
    for dash in memchr::memchr2_iter(b'-', 0xE2, t.as_bytes()) {
        if !t[dash..].starts_with(['-', '–', '—']) {
            continue;
        }
        let before = t[..dash].trim_end_matches(' ');
        let Some(end_mark) = before.chars().next_back() else { continue };
        if !matches!(end_mark, '.' | '!' | '?' | '。' | '！' | '？') || before.len() == end_mark.len_utf8() {
            continue;
        }
        let window = &source[dash..crate::source::floor_char_boundary(source, dash + 160)];
        let rest = &window[..window.find('\n').unwrap_or(window.len())];
        let rest = rest.trim_start_matches(['-', '–', '—']);
        if !rest.starts_with([' ', '*', '[']) {
            continue;
        }
        let rest = rest.trim_start_matches([' ', '*', '_']);
        if rest.starts_with('[') && fields::is_titled_timestamp(rest) {
            return Some(dash);
        }
    }
    None
}

/// A table's body row read as a statement.
struct Row {
    text: String,
    /// The code spans of `text`.
    code: Vec<Range<usize>>,
    date: Option<Date>,
    fields: Vec<(String, String)>,
    /// A task row's state: `Some(true)` done, `Some(false)` still to do.
    done: Option<bool>,
    /// Where the first cell ends in `text`, when another follows it after ` — `.
    first_cell: Option<usize>,
}

/// Column titles that name the choice made, beside the `Decision` labels of
/// [`fields::field_for_label`].
const CHOICE_COLUMNS: &[&str] = &["choice", "chosen", "selected", "wahl", "choix", "elección", "选择", "選択"];

/// Column titles that name the technology or tool a row settles on: beside a column giving
/// the reason for it (`| Module | Technology | Why |`, `| 模块 | 技术/工具 | 核心理由 |`), it
/// holds what was chosen.
const TECHNOLOGY_COLUMNS: &[&str] =
    &["technology", "technologies", "tech", "tool", "tools", "library", "framework", "技术", "工具", "技術", "ツール"];

/// Column titles that say what each row is for (`| Tool | Purpose |`, `| 项 | 版本 | 用途 |`).
const PURPOSE_COLUMNS: &[&str] = &["purpose", "used for", "用途", "作用", "目的", "zweck", "propósito"];

/// Column titles of facts about a part rather than what it is (`| Service | Port |`, `| Host |
/// IP |`), or of the project's own scripts (`| Script | Purpose |`): a table with one lists no
/// technology chosen.
const FACT_COLUMNS: &[&str] = &[
    "port",
    "ports",
    "host",
    "hostname",
    "ip",
    "address",
    "url",
    "endpoint",
    "domain",
    "path",
    "file",
    "folder",
    "directory",
    "command",
    "script",
    "scripts",
    "cost",
    "price",
    "license",
    "licence",
    "owner",
    "contact",
    "variable",
    "threshold",
    "端口",
    "地址",
    "路径",
    "命令",
    "脚本",
];

/// Column titles of a settings table's keys and values (`| Setting | Value |`).
const KEY_COLUMNS: &[&str] = &[
    "setting",
    "key",
    "parameter",
    "option",
    "property",
    "variable",
    "einstellung",
    "paramètre",
    "parámetro",
    "設定",
    "参数",
];
const VALUE_COLUMNS: &[&str] = &["value", "wert", "valeur", "valor", "値", "值"];

/// Column titles of a task list kept as a table (`| Task | Status |`).
const TASK_COLUMNS: &[&str] = &[
    "task",
    "tasks",
    "todo",
    "to do",
    "to-do",
    "action item",
    "action items",
    "step",
    "milestone",
    "aufgabe",
    "tâche",
    "tarea",
    "タスク",
    "作業",
    "任务",
];

/// Column titles (beside the `Status` label) that say how far a task got.
const STATE_COLUMNS: &[&str] =
    &["state", "progress", "done", "zustand", "état", "estado", "進捗", "状態", "状态", "进度"];

/// A column title longer than this names no field of its own (`column 3`): a field's name is
/// copied into every row.
const MAX_COLUMN_NAME: usize = 40;

/// A row holds at most this many fields; the cells of further columns are part of its text
/// (a record gathers its fields by name, each looked up among those it holds).
const MAX_ROW_FIELDS: usize = 32;

/// What a table's columns hold, from their titles.
#[derive(Default)]
struct Columns {
    /// The column that holds the decision (`Decision`, `Choice`, …).
    decision: Option<usize>,
    /// The column that dates a row (`Date`, `Datum`, …).
    date: Option<usize>,
    /// The key and value columns of a settings table (`| Setting | Value |`).
    setting: (Option<usize>, Option<usize>),
    /// A task list kept as a table (`| Task | Status |`): its rows are work to do or done, not
    /// decisions, unless a column holds the decision. `Some(state column)` when one says
    /// how far each task got.
    task: Option<Option<usize>>,
    /// Per column: the field its cells are (`Why` → `rationale`; else the title lowercased, or
    /// `column N` for an empty or long one), and whether that is a label of the record
    /// vocabulary.
    fields: Vec<(String, bool)>,
    /// Whether the columns name a technology or what each row is for, and no fact about a
    /// part (`| Layer | Technology |`, `| Tool | Purpose |`, `| 项 | 版本 | 用途 |`; not `|
    /// Service | Port |`, `| Host | IP | Role |`, `| Package | License |`, `| Command |
    /// Purpose |`): under a stack's title, its rows name what was chosen.
    stack: bool,
    /// The first column that says what each row is for (`Purpose`, `用途`).
    purpose: Option<usize>,
}

impl Columns {
    fn of<'t>(titles: impl Iterator<Item = &'t str>) -> Columns {
        let mut columns = Columns::default();
        // (`data` is Portuguese and Italian for the date, beside `decisao`: the date column
        // when no column is named `Date` — an English `Data` column beside one holds data.)
        let mut data = None;
        // Whether a title names a technology or what a row is for, and whether one names a fact.
        let mut names = (false, false);
        for (c, title) in titles.enumerate() {
            let lower = title.to_lowercase();
            let named = |list: &[&str]| lower.split('/').any(|part| list.contains(&part.trim()));
            names.0 |= named(TECHNOLOGY_COLUMNS) || named(PURPOSE_COLUMNS);
            names.1 |= named(FACT_COLUMNS);
            if columns.purpose.is_none() && named(PURPOSE_COLUMNS) {
                columns.purpose = Some(c);
            }
            let field = fields::field_for_label(title);
            if columns.decision.is_none()
                && (field == Some(fields::Field::Decision) || CHOICE_COLUMNS.contains(&lower.as_str()))
            {
                columns.decision = Some(c);
            }
            if columns.date.is_none() && field.as_ref().is_some_and(|f| f.name() == "date") {
                columns.date = Some(c);
            }
            if data.is_none() && lower == "data" {
                data = Some(c);
            }
            if TASK_COLUMNS.contains(&lower.as_str()) && columns.task.is_none() {
                columns.task = Some(None);
            }
            if columns.setting.0.is_none() && KEY_COLUMNS.contains(&lower.as_str()) {
                columns.setting.0 = Some(c);
            } else if columns.setting.1.is_none() && VALUE_COLUMNS.contains(&lower.as_str()) {
                columns.setting.1 = Some(c);
            }
            columns.fields.push(match field {
                Some(f) => (f.name().to_string(), true),
                None if !lower.is_empty() && lower.len() <= MAX_COLUMN_NAME => (lower, false),
                None => (format!("column {}", c + 1), false),
            });
        }
        columns.date = columns.date.or(data);
        columns.stack = names.0 && !names.1;
        // A row that gives the reason for its technology chose it.
        if columns.decision.is_none() && columns.fields.iter().any(|(name, label)| *label && name == "rationale") {
            columns.decision = columns.fields.iter().position(|(name, label)| {
                !*label && name.split('/').any(|part| TECHNOLOGY_COLUMNS.contains(&part.trim()))
            });
        }
        if columns.decision.is_some() {
            columns.task = None;
        } else if let Some(state) = &mut columns.task {
            *state =
                columns.fields.iter().position(|(name, _)| name == "status" || STATE_COLUMNS.contains(&name.as_str()));
        }
        columns
    }
}

/// Reads row `idx` of a table, `item`, whose text as read is `raw` and whose cells are the
/// ranges `cells` of it, under `columns`: `raw` becomes the row's text ([`table_row`]) and the
/// item takes its fields, date and code spans. A row whose `Decision` cell gives an answer
/// (not `Pending`, `TBD` …) is pushed on `decision_rows`.
fn read_row(
    raw: &mut String,
    item: &mut Item,
    (decision_rows, stack_rows): (&mut Vec<usize>, &mut Vec<usize>),
    idx: usize,
    columns: &Columns,
    cells: &[Range<usize>],
) {
    let code = std::mem::take(&mut item.code_spans);
    let row = table_row(columns, cells, raw, &code);
    if columns
        .decision
        .is_some_and(|d| !fields::is_unanswered(cells.get(d).and_then(|r| raw.get(r.clone())).unwrap_or("")))
    {
        decision_rows.push(idx);
    } else if columns.stack && row_names_part(&row, columns, cells, raw) {
        stack_rows.push(idx);
    }
    *raw = row.text;
    item.code_spans = row.code;
    item.date = row.date;
    item.fields = row.fields;
    item.done = row.done;
}

/// Whether a stack table's row, read as `row` from the cells `cells` of `raw`, names a part and
/// what fills it ([`stack::names_role_and_choice_in_row`]): its first cell and the cells after
/// it, or, when the others are all fields, its one cell and what its `Purpose` column says it
/// is for (`| Gitea | Self-hosted Git | Deployed via Ansible |` under `| Service | Purpose |
/// Implementation |`). Asked as the row is read, while the cells are known (a cell may hold
/// ` — ` itself); each part is read tidied, as the item's text is.
fn row_names_part(row: &Row, columns: &Columns, cells: &[Range<usize>], raw: &str) -> bool {
    let tidy = |s: &str| {
        let mut out = String::new();
        tidy_into(&mut out, s, Vec::new());
        out
    };
    // (The purpose is a field, not in the text, when its column is a label: `Purpose`.)
    let purpose = columns
        .purpose
        .filter(|&p| columns.fields.get(p).is_some_and(|(_, label)| *label))
        .and_then(|p| cells.get(p))
        .and_then(|r| raw.get(r.clone()))
        .map(str::trim);
    match (row.first_cell, purpose) {
        (Some(end), _) => {
            let (first, rest) = row.text.split_at(end);
            stack::names_role_and_choice_in_row(&tidy(first), &tidy(&rest[" — ".len()..]), &tidy(&row.text))
        }
        (None, Some(purpose)) if !purpose.is_empty() => {
            let (first, rest) = (tidy(&row.text), tidy(purpose));
            stack::names_role_and_choice_in_row(&first, &rest, &format!("{first} — {rest}"))
        }
        _ => false,
    }
}

/// Reads a table row (`cells`: ranges of `raw`, whose code spans are `code`) under `columns`.
/// With a column that holds the decision (`Decision`, `Choice`, …) the row states that cell,
/// after the columns before it that name no field (`| Reverse proxy | Traefik |` →
/// `Reverse proxy: Traefik`), and every other non-empty cell is a field named by its column
/// (`Rationale`, `Why` → `rationale`; others by their title). In a settings table the row
/// sets its key to its value (`| vfs objects | fruit |` → `vfs objects = fruit`). Otherwise
/// the row is its cells one after the other, `—` between them, but for the columns a label
/// names (`Status`, `Date`, `Notes`), which are its fields. A `Date` column dates the row.
fn table_row(columns: &Columns, cells: &[Range<usize>], raw: &str, code: &[Range<usize>]) -> Row {
    let cell = |c: usize| cells.get(c).and_then(|r| raw.get(r.clone())).unwrap_or("").trim();
    let labelled = |c: usize| columns.fields.get(c).is_some_and(|(_, label)| *label);
    let date = columns.date.and_then(|c| find_date(cell(c))).map(|(d, _)| d);
    let done = columns.task.map(|state| state.is_some_and(|c| fields::says_done(cell(c))));
    let mut row = Row { text: String::new(), code: Vec::new(), date, fields: Vec::new(), done, first_cell: None };
    // Appends cell `c` after `sep` (when the text is not empty), its code spans with it.
    let append = |row: &mut Row, c: usize, sep: &str| {
        let (Some(range), trimmed) = (cells.get(c), cell(c)) else { return };
        if trimmed.is_empty() {
            return;
        }
        if !row.text.is_empty() {
            if sep == " — " && row.first_cell.is_none() {
                row.first_cell = Some(row.text.len());
            }
            row.text.push_str(sep);
        }
        // Where the trimmed cell lies in `raw`, and so how far its code spans move; a span
        // reaching into the whitespace around it is cut to it.
        let from = range.start + raw.get(range.clone()).map_or(0, |r| r.len() - r.trim_start().len());
        let end = from + trimmed.len();
        let to = row.text.len();
        row.text.push_str(trimmed);
        // Spans are in order: the cell's are found by a binary search, not a scan per cell
        // (a row of many cells stays linear).
        let first = code.partition_point(|s| s.end <= from && s.start < from);
        row.code.extend(
            code[first..]
                .iter()
                .take_while(|s| s.start < end || (s.start == end && s.is_empty()))
                .map(|s| s.start.max(from) - from + to..s.end.min(end) - from + to),
        );
    };
    // Cell `c` as a field named by its column, or as text once the row holds its most.
    let field = |row: &mut Row, c: usize| {
        let Some((name, _)) = columns.fields.get(c) else { return };
        if row.fields.len() < MAX_ROW_FIELDS || row.fields.iter().any(|(n, _)| n == name) {
            fields::add_field(&mut row.fields, name, cell(c));
        } else {
            append(row, c, " — ");
        }
    };
    match columns.decision {
        Some(d) => {
            let topic = |c: usize| c < d && Some(c) != columns.date && !labelled(c);
            for c in (0..d).filter(|&c| topic(c)) {
                append(&mut row, c, " — ");
            }
            append(&mut row, d, ": ");
            for c in (0..cells.len()).filter(|&c| c != d && !topic(c)) {
                field(&mut row, c);
            }
        }
        None => {
            let (key, value) = match columns.setting {
                (Some(k), Some(v)) if !cell(k).is_empty() && !cell(v).is_empty() => {
                    append(&mut row, k, " — ");
                    append(&mut row, v, " = ");
                    (Some(k), Some(v))
                }
                _ => (None, None),
            };
            // A column naming what the row weighs (`| Alternative | Why rejected |`) says what
            // the row is about: beside a cell of text it is part of that text, in its column's
            // place, as well as a field (`Kafka — Too heavy for three nodes`, not the reason
            // alone).
            let subject = |c: usize| {
                columns
                    .fields
                    .get(c)
                    .is_some_and(|(name, label)| *label && (name == "alternatives" || name == "options"))
            };
            let has_text =
                (0..cells.len()).any(|c| Some(c) != key && Some(c) != value && !labelled(c) && !cell(c).is_empty());
            for c in (0..cells.len()).filter(|&c| Some(c) != key && Some(c) != value) {
                if has_text && subject(c) {
                    append(&mut row, c, " — ");
                }
                if labelled(c) { field(&mut row, c) } else { append(&mut row, c, " — ") }
            }
            // A row of labelled cells only (`| Status | Notes |`) says them as its text too.
            if row.text.is_empty() {
                for c in 0..cells.len() {
                    append(&mut row, c, " — ");
                }
            }
        }
    }
    row
}

fn skip_kind(tag: &Tag<'_>) -> Option<Skip> {
    match tag {
        Tag::CodeBlock(_) => Some(Skip::CodeBlock),
        Tag::HtmlBlock => Some(Skip::Html),
        _ => None,
    }
}

fn end_skip_kind(end: &TagEnd) -> Option<Skip> {
    match end {
        TagEnd::CodeBlock => Some(Skip::CodeBlock),
        TagEnd::HtmlBlock => Some(Skip::Html),
        _ => None,
    }
}

/// Whether a fenced block's info string names `lang` (`mb-check`, `yaml title=x`).
pub fn fence_is(kind: &CodeBlockKind<'_>, lang: &str) -> bool {
    match kind {
        CodeBlockKind::Fenced(info) => info.split_whitespace().next() == Some(lang),
        CodeBlockKind::Indented => false,
    }
}

/// Front matter opening `text`: YAML between a `---` first line and a `---` or `...` line, or
/// TOML (Hugo, Zola) between `+++` lines. Returns its text and the byte offset just past the
/// closing line.
fn front_matter(text: &str) -> Option<(&str, usize)> {
    let first = text.lines().next()?;
    let fence = first.trim_end();
    if fence != "---" && fence != "+++" {
        return None;
    }
    let mut at = first.len() + usize::from(text[first.len()..].starts_with("\r\n")) + 1;
    let yaml_start = at.min(text.len());
    // `---` then a blank line is a thematic break, as pulldown-cmark (and so the writeback)
    // reads it; `+++` is no Markdown.
    if fence == "---" && text[yaml_start..].lines().next().is_none_or(|l| l.trim().is_empty()) {
        return None;
    }
    while at < text.len() {
        let line_end = text[at..].find('\n').map_or(text.len(), |n| at + n + 1);
        let line = text[at..line_end].trim_end();
        if line == fence || (fence == "---" && line == "...") {
            return Some((&text[yaml_start..at], line_end));
        }
        at = line_end;
    }
    None
}

/// A section whose heading names no date takes the day its own status line gives (`Status:
/// done (2026-01-17)`, `状態: 完了 (2026-01-17)`, `Date: …`): a task's notes were decided while
/// doing the task, so a careful reader dates them by when it was done. Only the section's
/// top-level lines count, and only one date: two status lines of different days leave it
/// undated (each record's own `Date` field dates its decision).
///
/// A header's update stamp (`**Last Updated:** 2025-06-29` under the file's title, or front
/// matter's `last_updated`, `front_matter_updated`) dates no decision: it says what the file
/// holds was decided by then, not when — it becomes the undated items' [`Item::updated`].
/// When the file was made (`Created: …`, a Roo Code file's update log, `2025-08-27 14:23:00 -
/// Log of updates made.`) dates nothing either: what it holds may have been added any day
/// after — except in a file that is one decision record (`# ADR-007: …`), made the day it was
/// decided.
///
/// A section holding a task's metadata (`## METADATA` over `- **Completion Date**:
/// 2025-12-13`, or `## Date Completed` over the day alone) gives the day the task was done to
/// the whole file — or, in a file of several such tasks on different days, to its own entry.
fn dates_from_status_lines(
    items: &mut [Item],
    sections: &[Section],
    entries: &[Entry],
    front_matter_updated: Option<Date>,
) {
    // Per section: not looked at, one date, or several.
    #[derive(Clone, Copy, PartialEq)]
    enum Found {
        None,
        One(Date),
        Several,
    }
    impl Found {
        /// With one more line giving `date`: one day still, or several.
        fn with(self, date: Date) -> Found {
            match self {
                Found::None => Found::One(date),
                Found::One(d) if d == date => Found::One(d),
                _ => Found::Several,
            }
        }
    }
    let mut found = vec![Found::None; sections.len()];
    // When the work started: the section's date only if no line says when it was done.
    let mut started = vec![Found::None; sections.len()];
    // A one-record file's creation stamp: the date only if no status line gives one.
    let mut stamped = vec![Found::None; sections.len()];
    // A header's update stamp (`Last updated: …`): no date, the undated items' bound.
    let mut updated = vec![Found::None; sections.len()];
    // Top-level lines read so far, by section.
    let mut seen = vec![0u8; sections.len()];
    // Sections that hold the file's metadata (`## METADATA`), or only the day its work was
    // done (`## Date Completed` over `2025-12-13`). (Such a heading titles a section, or in a
    // file of entries an entry.)
    let of_file: Vec<bool> = sections
        .iter()
        .map(|s| {
            let title = match &s.title {
                Some(title) => title.as_str(),
                None if s.entry > 0 => entries[s.entry].title.as_str(),
                None => return false,
            };
            fields::names_metadata(title) || fields::names_completion(title)
        })
        .collect();
    // The day each of them says the work was done.
    let mut completed = vec![Found::None; sections.len()];
    // A file that is one decision record was made the day it was decided.
    let record_file = fields::names_record(&entries[0].title);
    let mut any = false;
    for item in items.iter() {
        if item.parent.is_some() || item.block == Block::Heading || sections[item.section].date.is_some() {
            continue;
        }
        let status = fields::status_date(&item.text, item.bold.as_deref()).map(|(date, start)| (date, start, false));
        // (Only a header block, an untitled section, holds the file's stamp, in its first
        // few lines.)
        let nth = &mut seen[item.section];
        *nth = nth.saturating_add(1);
        let header = sections[item.section].title.is_none() && *nth <= 4 && item.block == Block::Paragraph;
        // (A byline under the title that is the day alone, `*May 12, 2025*`, a journal entry's,
        // says when it was written, as `Date: May 12, 2025` does; round 249.)
        let status = status.or_else(|| {
            (header && *nth == 1 && item.parent.is_none())
                .then(|| date_alone(&item.text))
                .flatten()
                .map(|date| (date, false, false))
        });
        let made = || record_file.then(|| fields::header_stamp(&item.text, true)).flatten();
        let status = status.or_else(|| header.then(made).flatten().map(|date| (date, false, true)));
        if status.is_none()
            && header
            && let Some(date) = fields::header_stamp(&item.text, false)
        {
            updated[item.section] = updated[item.section].with(date);
            any = true;
        }
        if of_file[item.section] {
            // (`## Date Completed`, then the day alone.)
            let alone = *nth == 1 && item.block == Block::Paragraph && item.text.trim().len() <= 32;
            let done = fields::completion_date(&item.text, item.bold.as_deref())
                .or_else(|| alone.then(|| leading_date(&item.text)).flatten());
            if let Some(date) = done {
                completed[item.section] = completed[item.section].with(date);
                any = true;
            }
        }
        if let Some((date, start, stamp)) = status {
            let slot = if stamp {
                &mut stamped[item.section]
            } else if start {
                &mut started[item.section]
            } else {
                &mut found[item.section]
            };
            *slot = slot.with(date);
            any = true;
        }
    }
    if !any && front_matter_updated.is_none() {
        return;
    }
    for ((found, started), stamped) in found.iter_mut().zip(&started).zip(&stamped) {
        if *found == Found::None {
            *found = if *started == Found::None { *stamped } else { *started };
        }
    }
    // A status line in an entry's header block — its untitled first section, or the file's
    // lines before any heading (`## Task DEV-6`, then `**Completed:** 2026-03-02`, then `###
    // Decisions`) — dates the entry's undated sections too.
    // (Sections are in document order, entries not: an undated `## Next Steps` after dated
    // entries belongs to the file's entry 0.)
    let mut entry_date: Vec<Option<Date>> = vec![None; sections.iter().map(|s| s.entry + 1).max().unwrap_or(0)];
    // (And so does an update stamp there bound them: front matter's, failing that, the file's.)
    let mut entry_updated: Vec<Option<Date>> = vec![None; entry_date.len()];
    for ((section, found), updated) in sections.iter().zip(&found).zip(&updated) {
        if section.title.is_none()
            && let Found::One(date) = found
        {
            entry_date[section.entry].get_or_insert(*date);
        }
        if section.title.is_none()
            && let Found::One(date) = updated
        {
            entry_updated[section.entry].get_or_insert(*date);
        }
    }
    if let Some(first) = entry_updated.first_mut() {
        *first = front_matter_updated.or(*first);
    }
    // A task's metadata: one day for the whole file (over a header's stamp), or, when its
    // tasks were done on different days, each its own entry's.
    let mut days = completed.iter().filter_map(|c| match c {
        Found::One(d) => Some(*d),
        _ => None,
    });
    let first = days.next();
    if let Some(day) = first.filter(|d| days.all(|other| other == *d)) {
        entry_date[0] = Some(day);
    } else if first.is_some() {
        for (section, completed) in sections.iter().zip(&completed) {
            if let Found::One(date) = completed {
                entry_date[section.entry].get_or_insert(*date);
            }
        }
    }
    for item in items.iter_mut() {
        if item.date.is_some() {
            continue;
        }
        let section = &sections[item.section];
        item.date = match found[item.section] {
            Found::One(date) => Some(date),
            // (The lines before a file's first section date its undated entries, too.)
            Found::None if section.date.is_none() => entry_date[section.entry].or(entry_date[0]),
            _ => None,
        };
        if item.date.is_none() && section.date.is_none() && entries[section.entry].date.is_none() {
            item.updated = match updated[item.section] {
                Found::One(date) => Some(date),
                Found::None => entry_updated[section.entry].or(entry_updated[0]),
                Found::Several => None,
            };
        }
    }
}

/// The day a line gives and nothing else (`May 12, 2025`, `2025-03-14`, marks aside).
fn date_alone(text: &str) -> Option<Date> {
    let t = text.trim().trim_matches(['*', '_', ' ']).trim_end_matches('.');
    super::heading::date_at_start(t).filter(|(_, range)| range.end == t.len()).map(|(date, _)| date)
}

/// Whether `item`, read from `text`, is an item of a numbered list (`3. …`, `2) …`).
fn numbered(text: &str, item: &Item) -> bool {
    if item.block != Block::ListItem {
        return false;
    }
    // (Bytes, not text: asked of every list item, most of which open with `-` or `*`.)
    let source = text.as_bytes().get(item.span.clone()).unwrap_or_default();
    let start = source.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(source.len());
    let digits = source[start..].iter().take_while(|b| b.is_ascii_digit()).count();
    digits > 0 && matches!(source.get(start + digits), Some(b'.' | b')'))
}

/// Whether the text of an appended table row ends its last cell with a pipe (a row's last
/// cell may run on over more lines).
fn ends_row(text: &str) -> bool {
    text.trim_end().ends_with('|')
}

/// Whether `line` is an ATX heading as Markdown reads one: up to three spaces, one to six
/// `#`, then a space or the line's end (not `#123`, nor `#!/bin/sh`).
fn is_atx_heading(line: &str) -> bool {
    let rest = line.trim_end_matches(['\n', '\r']);
    let indent = rest.len() - rest.trim_start_matches(' ').len();
    let rest = &rest[indent..];
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    indent <= 3 && (1..=6).contains(&hashes) && rest[hashes..].chars().next().is_none_or(|c| c == ' ' || c == '\t')
}

/// Whether `text` holds a blank line (a line of spaces and tabs only, between two newlines).
fn has_blank_line(text: &str) -> bool {
    // (The lines between the first newline and the last: the text's own first and last lines
    // are parts of lines.)
    let (Some(first), Some(last)) = (text.find('\n'), text.rfind('\n')) else { return false };
    first < last && text[first + 1..last].split('\n').any(|line| line.trim_matches([' ', '\t', '\r']).is_empty())
}

/// Whether item `i`, a bold `Decision` label, is one of the numbered steps of a process: an
/// item of a numbered list (`3. **Decisión**: …`) whose neighbours on both sides, under the
/// same heading, carry bold labels that name no field of a record (`**Exploración**` before
/// it, `**Conversión**` after it) — where a record's `Decision` sits among its `Context` and
/// `Rationale`, and a session's notes (`- **Build**: clean`) are a bulleted list.
/// (`labels_decision`: whether the parse took its label for `Decision` already; a label in
/// another language, `Decisión`, is looked up here; `item_heading` and `keep`: each item's
/// heading, and whether it is kept.)
fn names_a_step(
    text: &str,
    items: &[Item],
    i: usize,
    (item_heading, keep): (&[Option<usize>], &[bool]),
    labels_decision: bool,
) -> bool {
    let item = &items[i];
    if item.block != Block::ListItem
        || item.bold.is_none()
        || !numbered(text, item)
        || !(labels_decision || fields::opens_with_decision_label(&item.text))
    {
        return false;
    }
    let step = |n: usize| {
        let other = &items[n];
        other.parent == item.parent
            && item_heading[n] == item_heading[i]
            && other.block == Block::ListItem
            && records::bold_label(other).is_some_and(|label| fields::field_for_label(label).is_none())
    };
    let [before, after] = records::neighbours(items, i, |n| keep[n]);
    before.is_some_and(step) && after.is_some_and(step)
}

/// Whether `item` is a paragraph whose bold label stands alone on its first line, its
/// text starting on the next (`**Rationale:**`, then the reasons): see
/// [`records::Marks::label_line`].
fn label_on_own_line(text: &str, item: &Item) -> bool {
    let Some(bold) = item.bold.as_deref() else { return false };
    if item.block != Block::Paragraph || item.parent.is_some() {
        return false;
    }
    let source = text.get(item.span.clone()).unwrap_or("");
    let Some((first, rest)) = source.split_once('\n') else { return false };
    label_line(first).is_some_and(|(label, is_bold)| {
        is_bold && label.trim_end_matches([':', '：']).trim_end() == bold.trim() && !rest.trim().is_empty()
    })
}

/// A line that is only a bold label, the whole line in one bold span: `**Accepted:**`,
/// `**Rejected**:`, `__Rejected:__` (not `**Note** that these apply:`).
fn is_label_line(line: &str) -> bool {
    ["**", "__"].iter().any(|mark| {
        line.strip_prefix(mark).is_some_and(|rest| {
            ["", ":", "："].iter().any(|end| {
                rest.strip_suffix(end).and_then(|r| r.strip_suffix(mark)).is_some_and(|inside| !inside.contains(mark))
            })
        })
    }) && label_line(line).is_some_and(|(_, bold)| bold)
}

/// A line that is only a label — `Rationale:`, `**Rationale**:` or `**Summary:**` — as its
/// text shows it (`Rationale:`), and whether it is bold.
fn label_line(line: &str) -> Option<(String, bool)> {
    let line = line.trim();
    if line.len() > 64 || !line.trim_end_matches(['*', '_']).ends_with([':', '：']) {
        return None;
    }
    let bold = line.starts_with("**") || line.starts_with("__");
    let label: String = line.chars().filter(|c| !matches!(c, '*' | '_' | '`')).collect();
    let label = label.trim();
    fields::is_short_label(label.trim_end_matches([':', '：'])).then(|| (label.to_string(), bold))
}

/// The first of `marks` (offsets, in order) at or after `at`; `usize::MAX` when none is.
fn first_from(marks: &mut impl Iterator<Item = usize>, at: usize) -> usize {
    marks.find(|&mark| mark >= at).unwrap_or(usize::MAX)
}

/// Where the line holding offset `from` of `text` ends (at `\n`, `\r` or the end).
fn line_end(text: &str, from: usize) -> usize {
    text[from..].find(['\n', '\r']).map_or(text.len(), |at| from + at)
}

/// Where the link title opening at `at` in `text` ends, past its closing mark, as Markdown reads
/// one: `"…"`, `'…'` or `(…)` (no `(` inside), over no blank line, with nothing after it on
/// its last line; within 16 lines (mb does not follow a longer one, whose lines Markdown hides).
fn title_end(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let close = match bytes.get(at)? {
        b'"' => b'"',
        b'\'' => b'\'',
        b'(' => b')',
        _ => return None,
    };
    let mut i = at + 1;
    let mut lines = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b if b == close => {
                let after = i + 1;
                return text[after..line_end(text, after)].trim().is_empty().then_some(after);
            }
            b'(' if close == b')' => return None,
            b'\n' | b'\r' => {
                lines += 1;
                let next = i + if bytes[i..].starts_with(b"\r\n") { 2 } else { 1 };
                if lines > 16 || next >= bytes.len() || text[next..line_end(text, next)].trim().is_empty() {
                    return None;
                }
                i = next;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// A line's container marks: indentation, `>` of a quote, a list's bullet or number.
fn container_mark(c: char) -> bool {
    c.is_ascii_whitespace() || matches!(c, '>' | '-' | '*' | '+' | '.' | ')') || c.is_ascii_digit()
}

/// Where the label of the link reference definition `line` opens with ends, past its `]:`:
/// `[Dependency 1]: …`. (Its label holds no bracket: `[a](https://x]:y)` is a link.)
fn definition_label_end(line: &str) -> Option<usize> {
    let (label, _) = line.strip_prefix('[')?.split_once("]:")?;
    (!label.trim().is_empty() && !label.contains(['[', ']'])).then_some(label.len() + 3)
}

/// Whether a link reference definition's destination names where a link goes: a URL, a path,
/// an anchor, a document or a site (`https://…`, `/docs`, `docs/adr/`, `src/kb/parse.rs`,
/// `./adr.md`, `#setup`, `runbook.pdf`, `example.com`), not words (`[Version/Purpose]`,
/// `2025-01-01`, `Next.js`, `.NET`, `ASP.NET`, `React/Redux`, `React/Next.js`). (Paths and
/// sites are written in lower case.)
pub fn names_link_target(dest: &str) -> bool {
    const DOCUMENTS: [&str; 14] =
        ["md", "markdown", "html", "htm", "pdf", "png", "jpg", "jpeg", "gif", "svg", "txt", "yml", "yaml", "json"];
    const SITES: [&str; 10] = ["com", "org", "net", "io", "dev", "edu", "gov", "de", "eu", "co"];
    // (A name's extension: letters and digits after its last dot, a letter first.)
    fn extension(name: &str) -> Option<&str> {
        let (stem, ext) = name.rsplit_once('.')?;
        (!stem.is_empty()
            && (1..=8).contains(&ext.len())
            && ext.starts_with(|c: char| c.is_ascii_alphabetic())
            && ext.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then_some(ext)
    }
    let lower = !dest.chars().any(char::is_uppercase);
    let path = || {
        lower && dest.contains('/') && (dest.ends_with('/') || dest.rsplit('/').next().and_then(extension).is_some())
    };
    let named = || {
        extension(dest).is_some_and(|ext| {
            DOCUMENTS.iter().any(|known| ext.eq_ignore_ascii_case(known))
                || (lower && SITES.iter().any(|known| ext.eq_ignore_ascii_case(known)))
        })
    };
    dest.contains("://")
        || dest.starts_with(['/', '#', '?'])
        || dest.starts_with("./")
        || dest.starts_with("../")
        || dest.starts_with("mailto:")
        || dest.starts_with("www.")
        || (!dest.starts_with('[') && (path() || named()))
}

/// The dates front matter gives its file: its own (`date: 2025-11-17` in YAML), when it was
/// made (`created_date = "2025-06-26"` in TOML; `created`, `created_at`, `date_created`) and
/// when it was last updated (`last_updated`, `updated`, `updated_at`, `last_modified`,
/// `lastmod`). Each is the first of its keys that holds a date, wherever it stands (`date:
/// "{{date}}"`, a template's, holds none).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct FrontMatterDates {
    date: Option<Date>,
    created: Option<Date>,
    updated: Option<Date>,
}

impl FrontMatterDates {
    /// Any of them, the file's own first: the year a day written without one is read in.
    fn any(self) -> Option<Date> {
        self.date.or(self.created).or(self.updated)
    }
}

fn front_matter_dates(text: &str) -> FrontMatterDates {
    let first = |keys: &[&str]| {
        keys.iter().find_map(|key| {
            text.lines().find_map(|line| {
                let (k, v) = line.split_once([':', '='])?;
                if k.trim() != *key {
                    return None;
                }
                find_date(v.trim().trim_matches(['"', '\''])).map(|(d, _)| d)
            })
        })
    };
    FrontMatterDates {
        date: first(&["date"]),
        created: first(&["created", "created_date", "created_at", "date_created"]),
        updated: first(&["last_updated", "updated", "updated_at", "last_modified", "lastmod"]),
    }
}

/// `Decision:` (or a bold `**Decision:**` lead) opens a decision wherever it stands.
fn starts_with_decision(text: &str, bold: Option<&str>) -> bool {
    if bold.is_some_and(|b| b.eq_ignore_ascii_case("decision") || b.eq_ignore_ascii_case("decided")) {
        return true;
    }
    let rest = text.trim_start_matches(|c: char| !c.is_alphanumeric()).as_bytes();
    if !rest.first().is_some_and(|b| b.eq_ignore_ascii_case(&b'd')) {
        return false;
    }
    ["decision:", "decision -", "decision —", "decided:"]
        .iter()
        .any(|p| rest.get(..p.len()).is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes())))
}

/// Whether `text` has no leading, trailing, doubled or non-space whitespace. Tabs, line
/// breaks and doubled spaces are looked for in one pass without early exits, which the
/// compiler vectorises: on item-sized text that beats a byte loop that stops early, and the
/// setup of a memchr and a memmem search.
fn is_tidy(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    // The last byte is no whitespace (tested first), so each byte is looked at with the next.
    let untidy = || {
        bytes.iter().zip(&bytes[1..]).fold(false, |untidy, (&b, &next)| {
            untidy | (b == b'\t') | (b == b'\n') | (b == b'\r') | ((b == b' ') & (next == b' '))
        })
    };
    !first.is_ascii_whitespace()
        && !last.is_ascii_whitespace()
        && !untidy()
        && (text.is_ascii() || !text.chars().any(|c| c.is_whitespace() && c != ' '))
}

/// Appends `raw` to `out` trimmed, with runs of whitespace folded to one space, and returns
/// its code-span ranges (`code`, ranges of `raw`) as ranges of what was appended. Most text is
/// already tidy and is copied as it is.
fn tidy_into(out: &mut String, raw: &str, code: Vec<Range<usize>>) -> Vec<Range<usize>> {
    if is_tidy(raw) {
        out.push_str(raw);
        return code;
    }
    let base = out.len();
    let mut code_iter = code.iter().peekable();
    let mut pending_space = false;
    let mut starts = Vec::with_capacity(code.len());
    let mut ends = Vec::with_capacity(code.len());
    let mut in_code: Option<&Range<usize>> = None;
    for (i, c) in raw.char_indices() {
        if in_code.is_some_and(|r| r.end == i) {
            ends.push(out.len() - base);
            in_code = None;
        }
        if in_code.is_none()
            && let Some(r) = code_iter.peek()
            && r.start == i
        {
            if pending_space && out.len() > base {
                out.push(' ');
            }
            pending_space = false;
            starts.push(out.len() - base);
            in_code = code_iter.next();
            if in_code.is_some_and(|r| r.is_empty()) {
                ends.push(out.len() - base);
                in_code = None;
            }
        }
        if in_code.is_some() {
            out.push(c);
        } else if c.is_whitespace() {
            pending_space = true;
        } else {
            if pending_space && out.len() > base {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
    }
    if in_code.is_some() {
        ends.push(out.len() - base);
    }
    // Code spans that began at the very end of `raw` (after all chars) are empty.
    for r in code_iter {
        if r.start >= raw.len() {
            starts.push(out.len() - base);
            ends.push(out.len() - base);
        }
    }
    starts.into_iter().zip(ends).map(|(s, e)| s..e).collect()
}

fn collapse_spaces(text: String) -> String {
    let b = text.as_bytes();
    // Each byte with the next, in one pass without early exits (which the compiler
    // vectorises); the last byte is no whitespace, so no tab or line break is left unseen.
    let space = |c: u8| (c == b' ') | (c == b'\t') | (c == b'\n') | (c == 0x0c) | (c == b'\r');
    let tidy = !b.first().is_some_and(u8::is_ascii_whitespace)
        && !b.last().is_some_and(u8::is_ascii_whitespace)
        && !b.iter().zip(b.iter().skip(1)).fold(false, |untidy, (&c, &next)| {
            untidy | (c == b'\t') | (c == b'\n') | (c == b'\r') | (space(c) & space(next))
        });
    if tidy {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Where each heading sits: entry or section, with the entries and sections it makes.
struct Layout {
    entries: Vec<Entry>,
    sections: Vec<Section>,
    section_of_heading: Vec<usize>,
    /// The section for text before the first heading.
    preamble_section: usize,
    /// The kind the file's title (or name) gives: in a file of entries the preface is no
    /// entry's, but a line there that carries its own date (`- **2025-07-21:** Use Tauri`)
    /// is an entry of its own, of that kind.
    title_kind: Kind,
}

/// One open section on the layout's stack.
#[derive(Clone, Copy)]
struct Open {
    level: u8,
    section: usize,
    /// A heading that only names a record field (`## Rationale`): stamps look past it for the
    /// section they sit in.
    field: bool,
    /// … and the field it names is the `Decision` (`### Decision (Matchmaking)`): a stamp right
    /// under it records a decision, whatever the section it sits in.
    decides: bool,
    /// Whether headings below pass their kind and date down (titled sections and stamps do;
    /// an entry's untitled section does not).
    inherit: bool,
    /// A section named for decisions and considerations whose subsections name the decisions
    /// (see [`splits_in_two`]): the others hold the considerations.
    splits: bool,
}

/// `## Active Decisions and Considerations` over `### Architecture Decisions` and `### Technical
/// Considerations`: one subsection names the decisions, so the others (considerations,
/// workflow notes) are not decisions by inheritance.
fn splits_in_two(headings: &[RawHeading], i: usize) -> bool {
    let h = &headings[i];
    let names_both = || {
        let t = h.title.as_bytes();
        t.windows(13).any(|w| w.eq_ignore_ascii_case(b"consideration"))
            || h.title.contains("考慮")
            || h.title.contains("考虑")
    };
    h.kind == Kind::Decision
        && !h.stamp
        && h.field.is_none()
        && names_both()
        && headings[i + 1..]
            .iter()
            .take_while(|c| c.stamp || c.level > h.level)
            .any(|c| !c.stamp && c.kind == Kind::Decision && c.field.is_none() && !c.decision)
}

impl Layout {
    /// Moves each heading's title into the entry or section it makes.
    fn new(headings: &mut [RawHeading], stem: &str, front_matter: FrontMatterDates) -> Layout {
        let real = || headings.iter().filter(|h| !h.stamp);
        let top = real().map(|h| h.level).min().unwrap_or(1);
        let tops = real().filter(|h| h.level == top).count();
        // A lone top heading that opens the file is its title (`# activeContext.md`).
        let titled = tops == 1 && headings.first().is_some_and(|h| !h.stamp && h.level == top);
        // (A file whose title names lessons beside its decisions, `# Decisions & Gotchas`, holds
        // decisions only where a section names them: `## CI verification` there holds notes.)
        let mixed = titled && headings.first().is_some_and(|h| names_lessons(&h.title));
        let is_decision_file = stem.to_lowercase().contains("decision") && !mixed;
        let candidate = if titled { real().map(|h| h.level).filter(|&l| l > top).min() } else { Some(top) };
        let entry_level = candidate.filter(|&level| {
            headings
                .iter()
                .enumerate()
                .any(|(i, h)| !h.stamp && h.level == level && (h.date.is_some() || has_subheading(headings, i)))
        });
        let file_title = if titled { std::mem::take(&mut headings[0].title) } else { stem.to_string() };
        // A date in the title (`# NFS debugging session (2025-08-11)`) dates the whole file,
        // its undated entries too; front matter's own date only the file-level entry, and when
        // the file was made only a file that is one decision record (`# ADR-012: …`), made the
        // day it was decided. (When it was last updated is no decision's date:
        // [`Item::updated`].)
        // (And a heading right under the title that only gives the day, a journal entry's `##
        // Date: March 11, 2025`, dates it as the title would; round 249.)
        let date_line = || {
            headings
                .get(1)
                .filter(|h| !h.stamp && h.level > headings[0].level && h.date.is_some())
                .and_then(|h| fields::status_date(&h.title, None))
                .and_then(|(date, started)| (!started).then_some(date))
        };
        let title_date = if titled { headings[0].date.or_else(date_line) } else { None };
        let made = front_matter.created.filter(|_| fields::names_record(&file_title));
        let file_date = title_date.or(front_matter.date).or(made);
        let mut layout = Layout {
            entries: vec![Entry {
                title: file_title,
                date: file_date,
                line: if titled { headings[0].line } else { 1 },
                from_heading: titled,
            }],
            sections: Vec::new(),
            section_of_heading: Vec::with_capacity(headings.len()),
            preamble_section: 0,
            title_kind: Kind::Other,
        };
        let implicit_kind = |kind: Kind| match kind {
            Kind::Other if is_decision_file => Kind::Decision,
            kind => kind,
        };
        // In a file of entries, text above the first one is a preface; a file that is a
        // single entry takes the kind its title names.
        layout.title_kind = if titled { implicit_kind(headings[0].kind) } else { implicit_kind(classify(stem)) };
        let file_kind = if entry_level.is_some() { Kind::Other } else { layout.title_kind };
        layout.push_section(0, None, None, file_kind, file_date, 1);
        // The open section at each heading level, to let subsections inherit kind and date.
        let mut stack: Vec<Open> = Vec::new();
        let mut current_entry = 0;
        let mut entry_heading_level = if titled { top } else { 0 };
        // While timestamped entries run: the level of the heading they sit in (a heading at
        // that level or above ends them), and the entry to return to after them.
        let mut stamps: Option<(u8, (usize, usize, u8))> = None;
        // The untitled section the current entry opened with.
        let mut entry_section = 0;
        // Whether the heading after the last one is the first of a record a stamp closes.
        let mut closed_next = false;
        let splits: Vec<bool> = (0..headings.len()).map(|i| splits_in_two(headings, i)).collect();
        let subheaded: Vec<bool> = (0..headings.len()).map(|i| has_subheading(headings, i)).collect();
        // Whether a field's heading (`## Rationale`) followed the last stamp, and whether that
        // stamp's title ends a sentence.
        let (mut stamp_has_fields, mut stamp_said_all) = (false, false);
        for (i, h) in headings.iter_mut().enumerate() {
            if titled && i == 0 {
                layout.section_of_heading.push(0);
                continue;
            }
            if h.stamp {
                closed_next = h.closes;
                stamp_has_fields = false;
                stamp_said_all = h.said_all;
                let enclosing = stack.iter().rev().find(|o| !o.field).copied();
                let (outer_level, resume) = stamps.unwrap_or((
                    enclosing.map_or(entry_heading_level, |o| o.level),
                    (current_entry, entry_section, entry_heading_level),
                ));
                let kind = match (stamps, enclosing) {
                    // A later stamp sits in the same place as the first one.
                    (Some(_), _) => layout.sections[entry_section].kind,
                    // (`## Current Status`, `### Decision (Matchmaking)`, `[2025-05-28] - Use six
                    // hex digits …`: the stamp is the decision's.)
                    (None, _) if stack.last().is_some_and(|o| o.decides) => Kind::Decision,
                    (None, Some(o)) => implicit_kind(layout.sections[o.section].kind),
                    (None, None) => implicit_kind(layout.sections[entry_section].kind),
                };
                layout.entries.push(Entry {
                    title: std::mem::take(&mut h.title),
                    date: h.date,
                    line: h.line,
                    from_heading: true,
                });
                current_entry = layout.entries.len() - 1;
                let section = layout.push_section(current_entry, None, None, kind, h.date, h.line);
                entry_section = section;
                layout.section_of_heading.push(section);
                stack.clear();
                stack.push(Open {
                    level: outer_level,
                    section,
                    field: false,
                    decides: false,
                    inherit: true,
                    splits: false,
                });
                stamps = Some((outer_level, resume));
                continue;
            }
            let is_field = h.field.is_some();
            let mut in_stamp = false;
            if let Some((outer_level, (resume, resume_section, resume_level))) = stamps {
                // A heading that is a decision (`## Decision: Use Traefik`) starts its own
                // record, and a dated one at the file's entry level (`## [2026-02-17 18:15:02]
                // Backup hardening` after stamps under the file's title) its own entry; other
                // deeper headings belong to the timestamped entry — and so does the first
                // heading of the record a stamp closes, whatever it is.
                let own_entry = h.date.is_some() && entry_level == Some(h.level);
                // (Nor does a heading right below theirs with headings of its own, `## Coding
                // Doctrine` over `### Primary Principles`, after a stamp that said all it had to
                // in a sentence of its own and that no field's heading followed: a part of the
                // file, not what that stamp was about; round 245. After `## Decision` and `##
                // Rationale`, `## Models Supported` over its own headings tells more of the
                // record; after a stamp with no title, or one that introduces what follows
                // (`… - Updated the health checks:`), the heading is what it was about.)
                let own_part =
                    h.level == outer_level.saturating_add(1) && subheaded[i] && stamp_said_all && !stamp_has_fields;
                // (Nor does one right below theirs that names decisions of its own, `## Older
                // decisions` after a stamped record: the file's list of them; found by review.)
                let decisions_part = h.level == outer_level.saturating_add(1)
                    && h.kind == Kind::Decision
                    && h.field.is_none()
                    && !h.decision;
                if is_field
                    || (h.level > outer_level && !h.decision && !own_entry && !own_part && !decisions_part)
                    || std::mem::take(&mut closed_next)
                {
                    in_stamp = true;
                    stamp_has_fields |= is_field;
                } else {
                    stamps = None;
                    current_entry = resume;
                    entry_section = resume_section;
                    entry_heading_level = resume_level;
                    stack.clear();
                }
            }
            let at_entry_level = entry_level == Some(h.level) && !in_stamp;
            let is_entry = at_entry_level && (h.date.is_some() || h.kind == Kind::Other) && !is_field;
            if is_entry || (!in_stamp && entry_level.is_some_and(|l| h.level < l)) {
                // (An entry on how the records are written, `## Format` in a decision log,
                // records none.)
                // (In a decision log, a dated entry that names one pattern names the pattern
                // adopted: `## 2026-01-10: Adopt the repository pattern`, `## 2026-04-19 —
                // Pupil ID convention`. Patterns in the plural, `Error handling patterns
                // observed`, and Chinese process words, `数据处理流程`, are looked at.)
                let kind = if fields::describes_records(&h.title) {
                    h.kind
                } else if is_decision_file
                    && h.date.is_some()
                    && h.kind == Kind::Pattern
                    && names_adopted_pattern(&h.title)
                {
                    Kind::Decision
                } else {
                    implicit_kind(h.kind)
                };
                layout.entries.push(Entry {
                    title: std::mem::take(&mut h.title),
                    date: h.date.or(title_date),
                    line: h.line,
                    from_heading: true,
                });
                current_entry = layout.entries.len() - 1;
                entry_heading_level = h.level;
                let section = layout.push_section(current_entry, None, None, kind, h.date, h.line);
                entry_section = section;
                layout.section_of_heading.push(section);
                stack.clear();
                stack.push(Open {
                    level: h.level,
                    section,
                    field: false,
                    decides: false,
                    inherit: false,
                    splits: false,
                });
                continue;
            }
            while stack.last().is_some_and(|o| o.level >= h.level) {
                stack.pop();
            }
            if at_entry_level {
                // An undated `## Next Steps` beside dated entries is a sibling of them, so it
                // belongs to the file rather than to the entry above it.
                current_entry = 0;
                entry_section = 0;
            }
            let parent = stack.last().copied();
            let own = h.kind;
            // A heading that names no kind, under decisions, is a topic of them — unless it is
            // about deciding or names considerations (`## Template for New Decisions`, `## Open
            // Questions`), tells how the records are written (`## Format`), or names
            // specifications (`### Server specs`: details of what was built).
            let topic_of_decisions = || {
                own == Kind::Other
                    && !h.considers
                    && !fields::describes_records(&h.title)
                    && !fields::names_specifications(&h.title)
            };
            let (kind, parent_date) = match parent {
                // A subsection (`#### Immediate` under `### Next Steps`) keeps its parent's
                // kind unless its own title names one. One pattern named among decisions
                // (`### API Design Pattern` under `## Key Technical Decisions`) is the pattern
                // chosen: a topic of them. (`### Documentation Patterns` holds patterns.)
                Some(p) if p.inherit || layout.sections[p.section].title.is_some() => {
                    let splits = p.splits;
                    let p = &layout.sections[p.section];
                    let inherited = if splits { Kind::Other } else { p.kind };
                    let one_pattern = || last_word(&h.title).eq_ignore_ascii_case("pattern");
                    // (Not specifications, `#### AWS Linux Technical Specifications` under `## Key
                    // Technical Decisions`: the instance, the OS and the cost of what was built
                    // are its details.)
                    let specs = || inherited == Kind::Decision && fields::names_specifications(&h.title);
                    let topic = (own == Kind::Other && !specs())
                        || (own == Kind::Pattern && inherited == Kind::Decision && one_pattern());
                    (if topic { inherited } else { own }, p.date)
                }
                // A topic heading of a file about decisions (`## Language` under `# Technical
                // Decisions`) holds decisions.
                None if topic_of_decisions() && titled && layout.title_kind == Kind::Decision => (Kind::Decision, None),
                // So does a topic heading of an entry about decisions (`### Version policy`
                // beside `### Technology choices` under a decision log's `## [2025-08-09]`).
                Some(p)
                    if topic_of_decisions()
                        && layout.sections[p.section].kind == Kind::Decision
                        && layout.sections[p.section].date.is_some() =>
                {
                    (Kind::Decision, layout.sections[p.section].date)
                }
                _ => (own, None),
            };
            let date = h.date.or(parent_date);
            let title = Some(std::mem::take(&mut h.title));
            let section = layout.push_section(current_entry, title, parent.map(|p| p.section), kind, date, h.line);
            layout.section_of_heading.push(section);
            stack.push(Open {
                level: h.level,
                section,
                field: is_field,
                decides: h.field == Some(fields::Field::Decision),
                inherit: true,
                splits: splits[i],
            });
        }
        layout
    }

    fn push_section(
        &mut self,
        entry: usize,
        title: Option<String>,
        parent: Option<usize>,
        kind: Kind,
        date: Option<Date>,
        line: usize,
    ) -> usize {
        let date = date.or(self.entries[entry].date);
        self.sections.push(Section { entry, title, parent, kind, date, line });
        self.sections.len() - 1
    }
}

/// Whether a dated title names a pattern adopted: it says it adopts (`Adopt the repository and
/// unit-of-work patterns`), or names one pattern by an English word for it in the singular
/// (`SVG pupil ID convention`) and none in the plural (`Error handling patterns observed`).
fn names_adopted_pattern(title: &str) -> bool {
    let said = find_date(title).map_or(title, |(_, at)| &title[at.end..]);
    let said = said.trim_start_matches(|c: char| !c.is_alphanumeric());
    // (`Adopt …`, or `New coding standards for Python`: standards taken up.)
    let adopt = said.get(..6).is_some_and(|h| h.eq_ignore_ascii_case("adopt "))
        || said.get(..4).is_some_and(|h| h.eq_ignore_ascii_case("new "));
    adopt || fields::states_adoption(said, None) || names_one_pattern(title)
}

/// Whether a title names lessons learnt: `Decisions & Gotchas`, `… and Lessons`.
fn names_lessons(title: &str) -> bool {
    let lower = title.to_lowercase();
    ["gotcha", "lesson", "learning", "pitfall"].iter().any(|w| lower.contains(w))
}

/// Whether `title` names one pattern by an English word for it in the singular (`Adopt the
/// repository pattern`), and none in the plural.
fn names_one_pattern(title: &str) -> bool {
    const ONE: &[&str] = &["pattern", "convention", "runbook", "standard", "guideline", "procedure", "practice"];
    let mut one = false;
    for word in title.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| (6..=11).contains(&w.len())) {
        let lower = word.to_ascii_lowercase();
        if ONE.contains(&lower.as_str()) {
            one = true;
        } else if lower.strip_suffix('s').is_some_and(|w| ONE.contains(&w)) {
            return false;
        }
    }
    one
}

/// Whether heading `i` has a deeper heading before the next heading at its level or above.
fn has_subheading(headings: &[RawHeading], i: usize) -> bool {
    let level = headings[i].level;
    headings[i + 1..].iter().filter(|h| !h.stamp).take_while(|h| h.level > level).next().is_some()
}

/// Counts lines forward through the text; offsets asked for only grow, so the whole file is
/// scanned once.
struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> LineCounter<'a> {
        LineCounter { bytes: text.as_bytes(), offset: 0, line: 1 }
    }

    fn line_at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.bytes.len());
        if offset >= self.offset {
            self.line += count_newlines(&self.bytes[self.offset..offset]);
        } else {
            self.line -= count_newlines(&self.bytes[offset..self.offset]);
        }
        self.offset = offset;
        self.line
    }
}

/// Newlines in `bytes`. Gaps between items are short and their lines too, where memchr's
/// setup per newline costs more than it saves: the bytes are read 8 at a time (SWAR), the
/// last few one by one. Long gaps go to memchr.
fn count_newlines(bytes: &[u8]) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    if bytes.len() >= 256 {
        return memchr::memchr_iter(b'\n', bytes).count();
    }
    let mut n = 0;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        // Newlines become zero bytes; a byte's high bit is then set in `zero` exactly when it
        // is zero (no carry crosses bytes: each sum is at most 0xfe).
        let x = u64::from_le_bytes(w) ^ 0x0a0a_0a0a_0a0a_0a0a;
        let zero = !(((x & LOW7) + LOW7) | x) & !LOW7;
        // The high bits moved to the bytes' low bits and summed into the top byte (the
        // baseline x86-64 has no popcnt instruction).
        n += ((zero >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize;
    }
    n + words.remainder().iter().filter(|&&b| b == b'\n').count()
}

/// Stable ids: a hash of the item's place and text, with a counter for exact repeats.
struct IdAllocator {
    seen: std::collections::HashMap<u64, u32, std::hash::BuildHasherDefault<U64Hasher>>,
}

/// The keys are IdHash values already; hashing them again would only cost time.
#[derive(Default)]
struct U64Hasher(u64);

impl std::hash::Hasher for U64Hasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl IdAllocator {
    fn with_capacity(n: usize) -> IdAllocator {
        IdAllocator { seen: std::collections::HashMap::with_capacity_and_hasher(n, Default::default()) }
    }

    /// An id from the hash of the item's section (`place`), its parent's id and its text.
    fn next(&mut self, place: u64, parent: u64, text: &str) -> ItemId {
        let mut hash = IdHash(place);
        hash.write(&parent.to_le_bytes());
        hash.write(text.as_bytes());
        let base = hash.finish();
        let n = self.seen.entry(base).or_insert(0);
        let mut hash = IdHash(base);
        hash.write(&n.to_le_bytes());
        *n += 1;
        ItemId(hash.finish())
    }
}

/// A small 64-bit hash for ids, eight bytes at a time: the same on every platform and Rust
/// version, which a stable id needs (std's hashers promise neither). Bytes are read as
/// little-endian words and each word is mixed with a multiply and shift; `finish` avalanches.
pub(crate) struct IdHash(pub u64);

impl IdHash {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;

    pub fn new() -> IdHash {
        IdHash(0xcbf2_9ce4_8422_2325)
    }

    fn mix(&mut self, word: u64) {
        let x = (self.0 ^ word).wrapping_mul(Self::K);
        self.0 = x ^ (x >> 29);
    }

    pub fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        // The length goes in with the tail so that "a" and "a\0" differ.
        self.mix(u64::from_le_bytes(word) ^ ((bytes.len() as u64) << 56));
    }

    /// The final value, with murmur3's finaliser so every input bit reaches every output bit.
    pub fn finish(&self) -> u64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        x ^ (x >> 33)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_title_naming_one_pattern() {
        assert!(super::names_one_pattern("2026-01-10: Adopt the repository pattern for data access"));
        assert!(super::names_one_pattern("2026-04-19 — SVG pupil ID convention: lp / rp"));
        assert!(!super::names_one_pattern("2026-03-02: Error handling patterns observed in the legacy code"));
        assert!(!super::names_one_pattern("2026-03-02: 数据处理流程"));
        assert!(super::names_adopted_pattern("2026-01-10: Adopt the repository and unit-of-work patterns"));
        assert!(!super::names_adopted_pattern("2026-03-02: Error handling patterns observed"));
    }

    #[test]
    fn only_a_delimiter_row_one_cell_too_long_is_mended() {
        use super::mend_delimiter_rows as mend;
        let table = "| a | b |\n|---|---||\n| 1 | 2 |\n";
        assert_eq!(mend(table), "| a | b |\n|---|---| \n| 1 | 2 |\n");
        // Left alone: no header above, a header with the extra cell too, a pipe in the middle,
        // code, and text around multibyte characters.
        for text in [
            "|---|---||\n",
            "| a | b ||\n|---|---||\n",
            "| a |\n|--||--|\n",
            "x = a -|| b\n",
            "| é |\nnot -||\n",
            "-||",
        ] {
            assert_eq!(mend(text), text, "{text:?}");
        }
        assert_eq!(mend("| é |\n|-||"), "| é |\n|-| ");
        // A right-aligned last column, and a header without outer pipes.
        assert_eq!(mend("| a | b |\n|:--|--:||\n"), "| a | b |\n|:--|--:| \n");
        assert_eq!(mend("a | b\n---|---||\n"), "a | b\n---|---| \n");
        // One line of 200,000 `-||` is read once (each hit used to rescan its whole line).
        let soup = format!("| a |\n{}\n", "-||".repeat(200_000));
        assert_eq!(mend(&soup).len(), soup.len());
    }

    use super::*;

    fn doc(text: &str) -> Document {
        parse_document(Path::new("memory-bank/activeContext.md"), text)
    }

    #[test]
    fn a_definition_that_is_words_is_text_where_it_stands() {
        let doc = parse_document(
            Path::new("memory-bank/techContext.md"),
            "# Tech\n\n## Dependencies\n\n- [Dependency 1]: [Version/Purpose]\n- restic: 0.16\n- [dependency 1]: [Again]\n\n\
             [Frontend]: React\n\n## Decisions\n\n- Use ZFS mirrors\n\n  [why]: checksums\n\n\
             [adr-7]: docs/adr/0007-zfs.md\n[home]: https://example.org/wiki \"Wiki\"\n\n\
             See [the notes](https://x.org/a]:b) first.\n\n```\n[a]: b\n```\n",
        );
        let at = |text: &str| doc.items.iter().find(|i| i.text.as_str() == text).map(|i| (i.line, i.block));
        // A list item Markdown reads as a definition keeps its text and line, and so does one
        // written as a paragraph, or after an item's first paragraph.
        assert_eq!(at("[Dependency 1]: [Version/Purpose]"), Some((5, Block::ListItem)));
        // (Twice with one label, as Markdown keeps only the first definition of a label.)
        assert_eq!(at("[dependency 1]: [Again]"), Some((7, Block::ListItem)));
        assert_eq!(at("[Frontend]: React"), Some((9, Block::Paragraph)));
        assert_eq!(at("Use ZFS mirrors [why]: checksums"), Some((13, Block::ListItem)));
        // Definitions of where links go are markup.
        assert!(
            !doc.items.iter().any(|i| i.text.contains("example.org") || i.text.contains("0007")),
            "{:?}",
            doc.items
        );
        // A `]:` in a link's target or a code block is no definition.
        assert_eq!(at("See the notes first."), Some((20, Block::Paragraph)));
        assert_eq!(doc.items.len(), 6, "{:?}", doc.items);
    }

    #[test]
    fn a_link_or_a_definition_is_read_once() {
        let parse = |text: &str| parse_document(Path::new("memory-bank/techContext.md"), text);
        let texts = |d: &Document| -> Vec<String> { d.items.iter().map(|i| i.text.to_string()).collect() };
        // `[ADR-7]` defined below is a link: the line is read once, as its text (found by
        // review: it had been read again as a definition).
        let d = parse("- [ADR-7]: Use ZFS mirrors for the pool\n\n[ADR-7]: docs/adr/0007-zfs.md\n");
        assert_eq!(texts(&d), ["ADR-7: Use ZFS mirrors for the pool"]);
        let d = parse("[the notes](https://x.org/a]:b) first.\n\n*[ADR-7]: see below*\n\n[ADR-7]: ./adr.md\n");
        assert_eq!(texts(&d), ["the notes first.", "ADR-7: see below"]);
        // A destination or a title on the next line is part of the definition; words that end
        // like a file (`Next.js`, `.NET`) are words; lines may end with a lone `\r`.
        let d = parse("[Backups]:\nrestic\n\n- [Frontend]: Next.js\n- [Runtime]: .NET\n");
        assert_eq!(texts(&d), ["[Backups]: restic", "[Frontend]: Next.js", "[Runtime]: .NET"]);
        let d = parse("[Offsite]: restic\n  \"nightly\"\n\nAfter.\n");
        assert_eq!(texts(&d), ["[Offsite]: restic \"nightly\"", "After."]);
        let d = parse("# T\r\r- [Tool]: [Version]\r- Keep it\r\rLast line.\r");
        assert_eq!(texts(&d), ["[Tool]: [Version]", "Keep it", "Last line."]);
        // Only a title alone on the line right below is one: a list item, a paragraph after a
        // blank line, or more words after the brackets are text of their own (found by review).
        let d = parse("- [Tool]: [Version/Purpose]\n- (add more as needed)\n");
        assert_eq!(texts(&d), ["[Tool]: [Version/Purpose]", "(add more as needed)"]);
        let d = parse("[Backups]: restic\n\n(See the runbook.)\n");
        assert_eq!(texts(&d), ["[Backups]: restic", "(See the runbook.)"]);
        let d = parse("- [Tool]: restic\n  (nightly) to B2\n- [x]: y\n  More text\n");
        assert_eq!(texts(&d), ["[Tool]: restic (nightly) to B2", "[x]: y More text"]);
        // In a quote: its marks are no part of the text, nor a destination.
        let d = parse("> [wiki]:\n> https://wiki.example.org\n\n> [Offsite]: restic\n> \"nightly\"\n");
        assert_eq!(texts(&d), ["[Offsite]: restic \"nightly\""]);
        // Paths, sites and documents are where links go.
        let d = parse("[parse]: src/kb/parse.rs\n[site]: example.com\n[adr]: docs/adr/\n[logo]: img/logo.JPG\n");
        assert_eq!(texts(&d), Vec::<String>::new());
        // A title only as Markdown reads one: closed, with nothing after it, and not in a new
        // quote; one over two lines is read whole; names with capitals are words (found by a
        // third review: each of these lines had been read twice, or not at all).
        let d = parse("- [Backup]: restic\n  (nightly) or (weekly)\n");
        assert_eq!(texts(&d), ["[Backup]: restic (nightly) or (weekly)"]);
        let d = parse("[Tool]: restic\n\"fast\" and \"cheap\"\n\n[Tool]: borg\n> \"nightly\"\n");
        assert_eq!(texts(&d), ["[Tool]: restic", "\"fast\" and \"cheap\"", "[Tool]: borg", "\"nightly\""]);
        let d =
            parse("- [Backups]: restic \"nightly, to B2,\n  kept 30 days\"\n- [Tool]: borg\n  \"weekly\n  only\"\n");
        assert_eq!(texts(&d), ["[Backups]: restic \"nightly, to B2, kept 30 days\"", "[Tool]: borg \"weekly only\""]);
        let d = parse("- [Framework]: ASP.NET\n- [Frontend]: React/Next.js\n- [Realtime]: Socket.IO\n");
        assert_eq!(texts(&d), ["[Framework]: ASP.NET", "[Frontend]: React/Next.js", "[Realtime]: Socket.IO"]);
    }

    #[test]
    fn a_rows_cell_runs_on_only_to_a_pipe_that_can_end_it() {
        let log = |text: &str| parse_document(Path::new("memory-bank/decisionLog.md"), text);
        let decisions = |d: &Document| -> Vec<String> {
            d.items.iter().filter(|i| i.kind == Kind::Decision).map(|i| i.text.to_string()).collect()
        };
        // A log written without closing pipes: every row "lacks" one, and the list after a
        // blank line is the log's own, whatever ends with a pipe further down.
        let d = log("| Date | Decision | Why\n|---|---|---\n| 2026-01-01 | Use ZFS | checksums\n\n\
                     - Keep two pools\n\n```\nif a ||\n```\n\nGains: fewer disks |\n");
        assert!(decisions(&d).contains(&"Keep two pools".to_string()), "{:?}", decisions(&d));
        // A pipe inside a fence ends no cell; nor does a line with two pipes; the row ends at
        // the first item past the blank line.
        for tail in ["```\ncat hosts |\n```\n", "a | b |\n"] {
            let d = log(&format!(
                "| Date | Decision | Why |\n|---|---|---|\n| 2026-01-01 | Use ZFS | because:\n\n- Keep two pools\n\n{tail}"
            ));
            assert!(decisions(&d).contains(&"Keep two pools".to_string()), "{tail:?}: {:?}", decisions(&d));
        }
        // A shell comment in a fence is no heading that stops the look.
        let d = log("| Date | Decision | Why |\n|---|---|---|\n| 2026-01-01 | Use ZFS | because:\n\n\
                     1. checksums\n\n```\n# zpool status\n```\n\n- and scrubs |\n\n## Later\n\n- Keep two pools\n");
        assert_eq!(decisions(&d), ["Use ZFS", "Keep two pools"]);
        // A template's row quoted under a later heading stays in its paragraph.
        let d = log("| Date | Decision |\n|---|---|\n| 2026-01-01 | Use ZFS |\n\n## How to add\n\n\
                     Append rows like:\n| YYYY-MM-DD | <decision> |\n");
        assert!(!d.items.iter().any(|i| i.text.as_str() == "<decision>"), "{:?}", d.items);
    }

    #[test]
    fn front_matter_is_yaml_or_toml_at_the_start_and_gives_its_dates() {
        let dates = |text: &str| {
            let fm = front_matter(text).map(|(fm, _)| front_matter_dates(fm)).unwrap_or_default();
            [fm.date, fm.created, fm.updated].map(|d| d.map(|d| d.to_string()))
        };
        let day = |d: &str| Some(d.to_string());
        assert_eq!(dates("---\ndate: 2025-11-17\n---\n# T\n"), [day("2025-11-17"), None, None]);
        assert_eq!(
            dates("+++\nlast_updated = \"2025-07-30\"\ncreated_date = \"2025-06-26\"\n+++\n"),
            [None, day("2025-06-26"), day("2025-07-30")]
        );
        assert_eq!(
            dates("---\ncreated: 2025-01-02\ndate: 2025-03-04\n...\n"),
            [day("2025-03-04"), day("2025-01-02"), None]
        );
        assert_eq!(dates("+++\n\ntitle = \"x\"\ncreated = \"2025-06-26\"\n+++\n"), [None, day("2025-06-26"), None]);
        // A template's slot holds no date.
        assert_eq!(dates("---\ndate: \"{{date}}\"\ncreated: 2025-01-02\n---\n"), [None, day("2025-01-02"), None]);
        // A fence closes only its own kind, and a `+++` later in a file is text.
        assert_eq!(front_matter("+++\ntitle = \"x\"\n---\n"), None);
        assert_eq!(front_matter("# T\n+++\ndate = 2025-01-01\n+++\n"), None);
        assert_eq!(front_matter("+++\ntitle = 1\n+++\nbody"), Some(("title = 1\n", 18)));
    }

    /// Each stamp of a run once walked to the run's ends, and each heading naming a day
    /// without its year looked back through every heading for a date: 20 000 of either took
    /// time in the square of that. Both are read in one pass now, in a log that stamps its
    /// records after them and in one that does not.
    #[test]
    fn long_runs_of_stamps_and_days_without_a_year_are_read_in_one_pass() {
        let stamps: String = (0..20_000).map(|i| format!("[2025-05-19 10:{:02}:00] - note {i}\n", i % 60)).collect();
        for first in ["", "[2025-05-18 09:00:00] - Opened the log\n\n"] {
            let text = format!(
                "# Decision Log\n\n{first}## Decision\n\n* Use restic\n\n{stamps}\n## Decision\n\n* Use ZFS\n\n\
                 ## Decision\n\n* Use Caddy\n\n[2025-05-20 10:00:00] - Done\n"
            );
            let d = parse_document(Path::new("decisionLog.md"), &text);
            assert!(d.items.iter().filter(|i| i.kind == Kind::Decision).count() >= 3);
        }
        let days: String = (0..20_000).map(|i| format!("### May {}\n- x\n", i % 28 + 1)).collect();
        // (And a bold title dated in brackets before each of 20 000 headings.)
        let titled: String =
            (0..20_000).map(|i| format!("## Work\n**T-{i}: task** (2026-02-11)\n### Key Decisions\n- x\n")).collect();
        let d = parse_document(Path::new("activeContext.md"), &titled);
        assert!(d.items.iter().any(|i| i.date.is_some()));
        let d = parse_document(Path::new("progress.md"), &days);
        assert!(d.items.iter().all(|i| i.date.is_none()));
        // (And 20 000 rows appended under a list, far below their log table.)
        let rows: String = (0..20_000).map(|i| format!("| 2026-02-02 | Decision {i} | why |\n")).collect();
        let text =
            format!("| Date | Decision | Why |\n|---|---|---|\n| 2026-01-01 | First | x |\n\n## Later\n- note\n{rows}");
        let d = parse_document(Path::new("decisionLog.md"), &text);
        let rows = d.items.iter().filter(|i| i.kind == Kind::Decision && i.block == Block::TableRow);
        assert_eq!(rows.count(), 20_001);
        // (And 20 000 bold labels one under the other in a paragraph holding a field: each line
        // once read the whole paragraph so far for fields.)
        let labels: String = (0..20_000).map(|i| format!("**Part{i}**: baz qux\n")).collect();
        let text = format!("# Notes\n\n## Cache\n\n**Caching**: Redis for sessions. Rationale: fast\n{labels}");
        let d = parse_document(Path::new("systemPatterns.md"), &text);
        assert_eq!(d.items.len(), 1);
        // … and as many in a paragraph with none: a line each.
        let text = format!("# Notes\n\n## Cache\n\n**Caching**: Redis for sessions\n{labels}");
        assert_eq!(parse_document(Path::new("systemPatterns.md"), &text).items.len(), 20_001);
    }

    /// Rows appended below a log table, in the shapes a review found wrong: a row left open
    /// before a pseudo-heading (an index past the end), an open row before a blank line and a
    /// decision (swallowed), a sentence after a finished row (lost), a table of another kind
    /// between (its rows read as the log's), a list under a row (the row's children).
    #[test]
    fn rows_appended_below_a_log_table_end_where_a_reader_ends_them() {
        let log = "| Date | Decision | Why |\n|---|---|---|\n| 2026-01-01 | A | x |\n\n## Later\n";
        let text = |tail: &str| format!("{log}{tail}");
        for tail in ["| 2026-02-02 | B | y\n\n**Notes**\n", "- note\n| 2026-02-02 | B | y\n| H | I |\n|---|---|\n"] {
            parse_document(Path::new("decisionLog.md"), &text(tail));
        }
        let d = parse_document(
            Path::new("decisionLog.md"),
            &text("- note\n| 2026-02-02 | B | faster\n\n- Decision: Keep Caddy\n"),
        );
        let caddy = d.items.iter().find(|i| i.text.contains("Keep Caddy")).unwrap();
        assert_eq!(caddy.kind, Kind::Decision);
        let d = parse_document(
            Path::new("decisionLog.md"),
            &text("- note\n| 2026-02-02 | Use Unbound | faster |\nNext we should look at the backups.\n"),
        );
        assert!(d.items.iter().any(|i| i.text.contains("Next we should look at the backups")));
        let row = d.items.iter().find(|i| i.text.contains("Use Unbound")).unwrap();
        assert_eq!((row.block, row.kind, row.date), (Block::TableRow, Kind::Decision, Date::new(2026, 2, 2).ok()));
        let other = "| Service | Port |\n|---|---|\n| web | 80 |\n\n- note\n| db | 5432 | primary |\n";
        let d = parse_document(Path::new("decisionLog.md"), &text(other));
        assert!(d.items.iter().all(|i| i.block != Block::TableRow || !i.text.contains("5432")));
        let d = parse_document(Path::new("decisionLog.md"), &text("- note\n| 2026-02-02 | B | y |\n  - child\n"));
        let child = d.items.iter().find(|i| i.text == "child").unwrap();
        assert!(child.parent.is_none_or(|p| d.items[p].block != Block::TableRow), "{:?}", d.items);
    }

    /// Shapes a second review found wrong: the last item of a field's numbered list, or an
    /// item under a record's heading, taken as the next record's title; a heading beside a
    /// field heading swallowed into that field; the sub-items of work done taking its kind
    /// over their own task boxes, or losing it under a line that introduces them; a choice
    /// under an unticked task made a task too.
    #[test]
    fn titles_fields_and_work_done_end_where_a_reader_ends_them() {
        let kinds = |name: &str, text: &str| -> Vec<(String, Kind, Option<String>)> {
            parse_document(Path::new(name), text)
                .items
                .into_iter()
                .map(|i| (i.text.to_string(), i.kind, i.field))
                .collect()
        };
        let find = |items: &[(String, Kind, Option<String>)], text: &str| {
            items.iter().find(|(t, _, _)| t.contains(text)).cloned().unwrap()
        };
        let d = kinds(
            "a.md",
            "Decision: Use Postgres\nConsequences:\n1. Nightly dumps to the NAS\n2. One more service to patch\n\n\
             Decision: Use Redis for sessions\n",
        );
        assert_eq!(find(&d, "One more service").2.as_deref(), Some("consequences"));
        let d = kinds(
            "b.md",
            "# Log\n\n## ADR-3: Session cache\n\n1. Sessions live in memory today\n2. Two app servers share sessions\n\n\
             Decision: Use Redis\n",
        );
        assert_eq!(find(&d, "Two app servers").2.as_deref(), Some("details"));
        assert_eq!(find(&d, "Session cache").2.as_deref(), Some("title"));
        let d = kinds(
            "c.md",
            "# Notes\n\n## Decision\nUse restic for backups.\n\n### Rationale\n- Encrypted\n\n### Monitoring\n\
             - Use Prometheus for metrics\n",
        );
        assert_eq!(find(&d, "Prometheus").1, Kind::Decision);
        let d = kinds(
            "decisionLog.md",
            "# Decision Log\n\n- [2026-01-27 10:00:00] - 成功完成第一阶段\n  - [ ] 第二阶段：迁移数据库\n  - 成果如下：\n\
             \x20   - 每台主机每晚做一次快照\n",
        );
        assert_eq!(find(&d, "第二阶段").1, Kind::NextStep);
        assert_eq!(find(&d, "每台主机").1, Kind::Change);
        let d = kinds(
            "d.md",
            "# Active Context\n\n## Decisions\n- [ ] Move to Traefik\n  - Keep Caddy for the dashboards\n",
        );
        assert_eq!(find(&d, "Keep Caddy").1, Kind::Decision);
    }

    /// Memory Banks built at random from the lines real ones are made of — dated and undated
    /// headings at every level, timestamps, labels, decision and considerations sections,
    /// lists, tables, fences, quotes, status lines — never make the parser panic, and every
    /// item it gives points at a real section and entry. (An entry index once ran past the
    /// end on a shape like these.)
    #[test]
    fn banks_assembled_from_real_lines_parse_without_panicking() {
        const LINES: &[&str] = &[
            "# Decision Log",
            "## 2025-03-01: Pin the kernel",
            "## Next Steps",
            "## Active Decisions and Considerations",
            "### Architecture Decisions",
            "### Technical Considerations",
            "### Decision",
            "### ADR-7: Use Caddy",
            "#### Decision 2: Fix the login",
            "## Future Decisions Needed",
            "### PostgreSQL for inventory",
            "[2025-08-16 14:02:11] - Moved ingress to Caddy",
            "**Status:** Accepted",
            "**Date:** 2025-06-02",
            "**Completed:** 2026-03-09",
            "**Decision:** Use restic, in three stages:",
            "**Rationale**:",
            "**Alternatives Rejected**:",
            "Decision:",
            "**Traefik as the ingress controller**",
            "- Use VLAN 20 for IoT",
            "- **Rationale**: one place for certificates",
            "  - nested detail",
            "1. Origin: came up in review",
            "2. Revisit when: a second host arrives",
            "- [ ] Move the scrub to Sunday",
            "Decided to rebuild the schedule, including:",
            "决定使用 Loki，包括：",
            "**决策**: 告警只发到值班群",
            "**理由**:",
            "- **Tarih:** 2025-12-01",
            "| Task | Status |",
            "|---|---|",
            "| Rotate keys | done |",
            "```",
            "> **Quoted bold**",
            ">",
            "---",
            "Plain prose that states nothing in particular.",
            "### Decision [pull backups from the NAS]",
            "### 架构决策【快照前先停数据库】",
            "## 2026-03-10T09:30:00Z",
            "## 2026-03-09 - 备份改为由 NAS 拉取",
            "* **最终决定**:",
            "- [x] Confirm the VLAN - **Decided**: VLAN 40",
            "| 模块 | 技术/工具 | 核心理由 |",
            "**Pattern**: Pull backups from the NAS",
            "- **Initial Approach**: port forwards",
            "## 測試策略 (已確定)",
            "- A message queue (to be determined",
            "Keep the range (Jan 13, 2025 to",
            "- **记录根本原因**: 数据集只读",
            "1. **Backup transport**:",
            "### 错误处理模式",
            "### 3. API Integration Pattern",
            // Days without a year, labels glued under a list, plain question labels.
            "### Nov 27: Backup target",
            "## Session: Nov 26, 2025",
            "### 26. März -",
            "**대안**:",
            "**컨텍스트**: 두 사무실",
            "Open Questions:",
            "- Move the shares? (Today on the NAS.)",
            "> **TEMPLATE** — copy this file",
            "No major decisions have been made yet.",
            "Chose Proxmox VE over ESXi.",
            // Reasons headings, a label alone on its line, runs of stamps, open Chinese lines.
            "### 选择Restic而非Borg的原因",
            "### Why we chose Caddy over Nginx",
            "### 模块化剧本的好处",
            "**Rationale:**",
            "The uplink is slow at night.",
            "[2026-01-12 14:30:00] - Moved the keys into the vault",
            "[2026-01-12 15:00:00] - Rotated the keys",
            "## Decision",
            "- 需确定保留多少个快照",
            "由于此存储池已经稳定，**决定冻结当前配置**。",
            "**测试框架：**",
            "**决策时间:** 2026/2/12 下午3:20:00",
            "**决策内容:** 使用 Caddy",
            "**NAS-12: Snapshot pruning** (2026-02-11)",
            "- **State:** Zustand — rejected",
            // Header stamps, closing-dash dates, labelled lines after a decision, choices
            // inside a record, template lists, ticked switches, the agent's modes.
            "**Last Updated:** 2025-06-29  ",
            "> 最后更新：2026-03-03",
            "**Initialization Timestamp:** 4/28/2025, 3:32:10 PM (UTC)",
            "- [x] Migrated the jobs to restic — 2026-04-03",
            "- Pinned the kernel - May 7, 2025",
            "**Decision:** Keep metrics on the NAS.  ",
            "**Alternatives:** Thanos (rejected).  ",
            "- **Key choices**:",
            "  - The remote uses HTTPS, not SSH.",
            "When to add an entry:",
            "A running record of decisions.",
            "- User decisions: proceed to phase five.",
            "- Switched from Code mode to Architect mode.",
            "- Disk sizing is now managed by one variable.",
            "# Debugging session (2025-08-11)",
            // A one-line update log, listed choices, options weighed, pending and historic
            // records, implementation notes, a bold title over two lines, a thematic break.
            "2026-03-02 08:15:00 - Log of updates made.",
            "### Decision 3: Scanning tools",
            "**Choices**:",
            "| Area | Tool |",
            "|---|---|",
            "| Images | Trivy |",
            "**Options**:",
            "**Leaning**: k3d (it starts in seconds)",
            "**Status**: Not needed yet (phase 2)",
            "- **Pending decision**: move them to Vault",
            "- **待决策**: 保留 30 天还是 90 天",
            "**Decision history:**",
            "1.  **First idea**: tags in the frontend.",
            "**实现细节：**",
            "*   编辑框采用 Material UI 的 TextField。",
            "  - `options: '-Xmx2048m'`",
            "**Left for the next session: the retention of the build caches, which the runners",
            "share with the test jobs.**",
            // Dated session labels, decision headings in other languages, steps, ids, rows
            // appended far below their table (one running on over lines), stray pipes.
            "- [x] **Session 2026-03-14**: Retired the relay.",
            "## Решение: Резервные копии на NAS",
            "## Project Structure (selected)",
            "- API Versioning",
            "- **相关方：** 运维组",
            "- Data: 28/02/2026",
            "- NET-01: One WireGuard hub",
            "## NET-01 · 2026-03-02 · One hub",
            "3. **Decision**: picks the closest branch",
            "4. **Booking**: sends the message",
            "| Date | Decision | Rationale |",
            "| 2026-02-02 | Move DNS to Unbound | 1. Runs on the gateways",
            "2. Validates DNSSEC |",
            "| 2026-02-09 | Pin Proxmox | Ceph |",
            "|||",
            "| | |",
            "1) Remote access: WireGuard vs polling",
            "- Decision: Run WireGuard on the edge router.",
            "✅ Sign-in: a username only",
            "✅ Rooms: one public room",
            "## 11. Resolved Questions",
            "Document Version: 1.1",
            "- [2026-01-27 10:00:00] - 成功完成第一阶段",
            "  - [ ] 第二阶段：迁移数据库",
            "#### Steps:",
            "## Implementation Details",
            "---",
            "",
            "",
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..3_000 {
            let len = 4 + (next() % 40) as usize;
            let text: String =
                (0..len).map(|_| LINES[(next() % LINES.len() as u64) as usize].to_string() + "\n").collect();
            let stem = if round % 2 == 0 { "decisionLog.md" } else { "activeContext.md" };
            let d = parse_document(Path::new(stem), &text);
            for item in &d.items {
                assert!(item.section < d.sections.len() && item.entry < d.entries.len(), "{text}");
                assert!(item.parent.is_none_or(|p| p < d.items.len()) && item.record.is_none_or(|r| r < d.items.len()));
            }
            // Restatements across such a file and a second copy of it name items that exist.
            let kb = super::super::KnowledgeBase {
                documents: vec![d, parse_document(Path::new("progress.md"), &text)],
                ..Default::default()
            };
            for (doc, restated) in kb.documents.iter().zip(super::super::restate::restatements(&kb)) {
                assert!(restated.iter().all(|r| (r.item as usize) < doc.items.len()), "{text}");
            }
        }
    }

    #[test]
    fn titles_are_collapsed_exactly_when_ascii_whitespace_is_out_of_place() {
        // The former test, word for word: whitespace at an end, two in a row, a tab or a break.
        let untidy = |b: &[u8]| {
            b.first().is_some_and(u8::is_ascii_whitespace)
                || b.last().is_some_and(u8::is_ascii_whitespace)
                || b.windows(2).any(|w| w[0].is_ascii_whitespace() && w[1].is_ascii_whitespace())
                || b.iter().any(|&c| matches!(c, b'\t' | b'\n' | b'\r'))
        };
        let alphabet = ["a", " ", "\t", "\n", "\x0c", "\r", "\u{a0}", "é"];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> =
                texts.iter().flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}"))).collect();
            texts.extend(longer);
        }
        for text in texts {
            let expected = if untidy(text.as_bytes()) {
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            } else {
                text.clone()
            };
            assert_eq!(collapse_spaces(text.clone()), expected, "{text:?}");
        }
    }

    #[test]
    fn a_timestamp_glued_after_a_sentence_is_found_at_its_dash() {
        let at = |t: &str| glued_timestamp_at(t, t);
        assert_eq!(at("Retried the sync.- **[2025-07-05 14:00:15]** - Moved on"), Some(17));
        assert_eq!(at("Done!  – [2025-07-05 14:00] Next"), Some(7));
        assert_eq!(at("完了。— [2025-07-05 14:00] 次"), Some(9));
        // The first sentence end whose dash starts a timestamp wins.
        assert_eq!(at("a. - b. - [2025-07-05 14:00] c"), Some(8));
        assert_eq!(at("a.-- [2025-07-05 14:00] c"), Some(2));
        // No sentence end before the dash, nothing before the mark, no timestamp, no title.
        for t in [
            "per-host - [2025-07-05 14:00] c",
            ".- [2025-07-05 14:00] c",
            "It’s done. - see the log",
            "Done. - [2025-07-05 14:00]",
            "Done. - [not a date] c",
            "Done.",
        ] {
            assert_eq!(at(t), None, "{t}");
        }
    }

    #[test]
    fn newlines_are_counted_in_gaps_of_any_length() {
        // Every byte value (0x8a differs from a newline only in its high bit), every offset.
        let text: Vec<u8> =
            (0..600u32).map(|i| if i % 7 == 0 || i % 11 == 3 { b'\n' } else { (i % 251) as u8 }).collect();
        for start in 0..40 {
            for end in (start..text.len()).step_by(13) {
                let slice = &text[start..end];
                assert_eq!(count_newlines(slice), slice.iter().filter(|&&b| b == b'\n').count(), "{start}..{end}");
            }
        }
    }

    #[test]
    fn tidiness() {
        assert!(is_tidy("a b"));
        assert!(is_tidy("é b"));
        for untidy in [" a", "a ", "a  b", "a\tb", "a\nb", "a\rb", "x y z  w", "a\u{a0}b", ""] {
            assert!(!is_tidy(untidy), "{untidy:?}");
        }
    }

    #[test]
    fn tidy_text_keeps_code_ranges() {
        // "  a  b  c   d " with the code span `b  c` at bytes 5..9, after text already there
        let mut out = String::from("before");
        let code = tidy_into(&mut out, "  a  b  c   d ", std::iter::once(5..9).collect());
        assert_eq!(out, "beforea b  c d");
        assert_eq!(&out["before".len()..][code[0].clone()], "b  c");
        // Tidy text is appended as it is, its ranges unchanged (relative to where it starts).
        let code = tidy_into(&mut out, "x y z", std::iter::once(2..3).collect());
        assert_eq!(out, "beforea b  c dx y z");
        assert_eq!(code.len(), 1);
        assert_eq!(&out["beforea b  c d".len()..][code[0].clone()], "y");
    }

    #[test]
    fn nested_items_keep_their_parent() {
        let d = doc("# T\n\n## E (2025-01-02)\n\n### Notes\n\n- parent\n  - child one\n  - child two\n- next\n");
        let texts: Vec<_> = d.items.iter().map(|i| (i.text.as_str(), i.parent, i.depth)).collect();
        assert_eq!(
            texts,
            vec![("parent", None, 0), ("child one", Some(0), 1), ("child two", Some(0), 1), ("next", None, 0)]
        );
    }

    #[test]
    fn a_table_row_keeps_its_code_spans_where_its_cells_land() {
        let d = doc(
            "| Area | Owner | Choice | Why |\n|---|---|---|---|\n| `smb` **NAS** | ops | set `a=1` and `b=2` | `c` |\n",
        );
        let row = &d.items[0];
        assert_eq!(row.block, Block::TableRow);
        assert_eq!(row.text.as_str(), "smb NAS: set a=1 and b=2");
        assert_eq!(row.code().collect::<Vec<_>>(), ["smb", "a=1", "b=2"]);
        assert_eq!(row.fields, [("owner".to_string(), "ops".to_string()), ("rationale".to_string(), "c".to_string())]);
        // A row of many cells, each with a code span: every span lands in its cell.
        let many = 2000;
        let head: String = (0..many).map(|c| format!("| c{c} ")).collect();
        let rule = "|---".repeat(many);
        let body: String = (0..many).map(|c| format!("| `v{c}` ")).collect();
        let d = doc(&format!("{head}|\n{rule}|\n{body}|\n"));
        let code: Vec<_> = d.items[0].code().map(str::to_string).collect();
        assert_eq!(code.len(), many);
        assert!(code.iter().enumerate().all(|(c, v)| *v == format!("v{c}")));
    }

    #[test]
    fn a_table_names_fields_by_short_titles_once_each() {
        let long = "t".repeat(200);
        let d = doc(&format!(
            "## Decisions\n\n| Decision | Why | Reason | {long} |\n|---|---|---|---|\n| Use `` x `` | a | b | c |\n"
        ));
        let row = &d.items[0];
        assert_eq!(row.text.as_str(), "Use x");
        assert_eq!(row.code().collect::<Vec<_>>(), ["x"], "a span padded with spaces is kept, cut to its text");
        assert_eq!(
            row.fields,
            [("rationale".to_string(), "a; b".to_string()), ("column 4".to_string(), "c".to_string())]
        );
        // A row holds a bounded number of fields; the rest of its cells are its text.
        let n = MAX_ROW_FIELDS + 3;
        let head: String = (0..n).map(|c| format!("| c{c} ")).collect();
        let body: String = (0..n).map(|c| format!("| v{c} ")).collect();
        let d = doc(&format!("| Decision {head}|\n{}|\n| x {body}|\n", "|---".repeat(n + 1)));
        assert_eq!(d.items[0].fields.len(), MAX_ROW_FIELDS);
        assert!(d.items[0].text.ends_with(&format!("v{}", n - 1)));
    }

    #[test]
    fn a_status_column_is_a_field_even_without_a_decision_column() {
        let d = doc("## Decisions\n\n| ADR | Title | Status |\n|---|---|---|\n\
             | 7 | Use Consul | Rejected |\n| 8 | Use DNS names | Accepted |\n| | | Draft |\n");
        let rows: Vec<_> = d.items.iter().map(|i| (i.text.as_str(), i.kind, i.fields.clone())).collect();
        let status = |s: &str| vec![("status".to_string(), s.to_string())];
        assert_eq!(
            rows,
            [
                ("7 — Use Consul", Kind::Other, status("Rejected")),
                ("8 — Use DNS names", Kind::Decision, status("Accepted")),
                ("Draft", Kind::Other, status("Draft")),
            ]
        );
    }

    #[test]
    fn an_adr_heading_records_a_decision_whatever_its_words() {
        let d = doc("# Log\n\n## ADR-2: Keep one change window per week\n\n**Status:** Accepted\n\n\
             Keep one backup run per host. Completed, skipped and failed runs never start twice.\n");
        let kinds: Vec<_> = d.items.iter().map(|i| (i.text.as_str(), i.kind)).collect();
        assert_eq!(kinds[0], ("Keep one change window per week", Kind::Decision));
        // (The paragraph under it tells more of it.)
        assert_eq!(d.items.last().unwrap().field.as_deref(), Some("details"), "{kinds:?}");
        // Under a decisions heading, such a paragraph is a decision: it reports no status.
        let d = doc(
            "# Log\n\n## Decisions\n\nKeep one backup run per host. Completed, skipped and failed runs never start twice.\n",
        );
        assert_eq!(d.items.last().unwrap().kind, Kind::Decision, "no status report: {:?}", d.items);
    }

    #[test]
    fn tasks_in_a_decision_section_are_work_not_decisions() {
        let d = doc("## Decisions\n\n- Use Traefik.\n- [ ] Move the scrub to Sunday.\n- [x] Pin the kernel.\n\n\
             | Task | Status |\n|---|---|\n| Rotate the keys | ✅ Done |\n| Swap the SSD | pending |\n| Renew certs | not done |\n\n\
             | Step | Owner |\n|---|---|\n| Write the role | ops |\n\n\
             | Task | Decision |\n|---|---|\n| Proxy | Use Caddy |\n");
        let kinds: Vec<_> = d.items.iter().map(|i| (i.text.as_str(), i.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("Use Traefik.", Kind::Decision),
                ("Move the scrub to Sunday.", Kind::NextStep),
                ("Pin the kernel.", Kind::Decision),
                ("Rotate the keys", Kind::Change),
                ("Swap the SSD", Kind::NextStep),
                ("Renew certs", Kind::NextStep),
                ("Write the role", Kind::NextStep),
                ("Proxy: Use Caddy", Kind::Decision),
            ]
        );
        // An open task that says what to adopt is still a task, in any section.
        let d = doc("## Next Steps\n\n- [ ] Use Caddy for the wiki.\n- Decision: use Caddy for the wiki.\n");
        let kinds: Vec<_> = d.items.iter().map(|i| i.kind).collect();
        assert_eq!(kinds, [Kind::NextStep, Kind::Decision]);
    }

    #[test]
    fn a_heading_below_a_field_heading_above_the_record_ends_the_record() {
        let d = doc(
            "# Notes\n\n## Auth\n\n### Decision\n\nUse JWT.\n\n### Rationale\n\nStateless.\n\n## Storage\n\nUse Postgres.\n",
        );
        let postgres = d.items.iter().find(|i| i.text.as_str() == "Use Postgres.").unwrap();
        assert_eq!(postgres.field, None, "not the Auth record's rationale");
    }

    #[test]
    fn a_line_ending_in_a_dated_parenthetical_takes_that_date() {
        let d =
            doc("# Progress (2025-01-01)\n\n- Switched to restic (2025-03-02)\n  - kept the old repository\n- Other\n");
        let dates: Vec<_> = d.items.iter().map(|i| i.date.map(|d| d.to_string())).collect();
        assert_eq!(dates, [Some("2025-03-02".into()), Some("2025-03-02".into()), Some("2025-01-01".into())]);
    }

    #[test]
    fn ids_are_stable_under_edits_elsewhere() {
        let a = doc("## E\n\n### Decisions\n\n- keep x = 1\n- keep y = 2\n");
        let b = doc("## E\n\n### Decisions\n\nA new paragraph.\n\n- keep x = 1\n- changed\n");
        assert_eq!(a.items[0].id, b.items[1].id);
        assert_ne!(a.items[1].id, b.items[2].id);
    }

    #[test]
    fn a_diagram_under_an_empty_decision_heading_makes_no_empty_item() {
        let d = doc("## E (2025-01-02)\n\n### Decisions\n\n#### \n\n```\na -> b\n```\n");
        assert!(d.items.iter().all(|i| !i.text.trim().is_empty()), "{:?}", d.items);
        let d = doc("## E (2025-01-02)\n\n### Decisions\n\n#### Layout\n\n```\na -> b\n```\n");
        assert_eq!(d.items.iter().map(|i| (i.text.as_str(), i.kind)).collect::<Vec<_>>(), [("Layout", Kind::Decision)]);
    }

    #[test]
    fn repeated_text_gets_distinct_ids() {
        let d = doc("## E\n\n### Next Steps\n\n- retest\n- retest\n");
        assert_ne!(d.items[0].id, d.items[1].id);
    }
}
