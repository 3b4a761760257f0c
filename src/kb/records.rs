//! Decision records: ADR- and Roo-style log entries read as one decision with its supporting
//! fields (`Rationale:`, `## Impact`, `**Alternatives Considered:**` …), and the items a
//! careful reader never lists as decisions (template boilerplate, questions, options).
//!
//! The rules, in the words a reader would use:
//! - A record is a statement followed by its fields. It opens at a timestamp line, at a heading
//!   that is a decision (`## Decision: …`), or at any other heading, and a field label
//!   (`Rationale:`), a field heading (`## Rationale`) or a bold field pseudo-heading
//!   (`**Rationale:**`) attaches what it holds to the record.
//! - The decision is the `Decision` field when there is one, else the record's statement (the
//!   timestamp's title, the decision heading, or the first item).
//! - A field that repeats, a second `Decision`, a new statement after a statement, or a
//!   timestamped statement after fields, starts the next record.
//! - A label alone on its line, or one whose text ends in a colon, heads the items after it,
//!   unless it holds them as sub-items.
//! - A `Decision` written as prose is one decision (its first paragraph), the rest its
//!   details; written as a list, one decision per item — unless a heading states the decision
//!   (`## ADR-12: …`), which the list then spells out.
//! - Inside a record with its decision and fields, any short label naming no kind is one more
//!   field (`**Alternatives Rejected**:`, `Revisit when: …`).
//! - Fields are never decisions of their own, nor is anything below them; a record without any
//!   field is no record, and its items keep the kind their section gives them.

use super::fields::{self, Field};
use super::heading::{find_date, kind_name, leading_date};
use super::{Block, Item, Kind, Section, Status};

/// The field of what spells a decision out: the paragraphs after a `Decision` written as
/// prose, the list after `Decision: … in three stages:`, the items of a listed `Decision`
/// under a heading that states it.
const DETAILS: Field = Field::Named(std::borrow::Cow::Borrowed("details"));

/// The field a record's status line fills.
const STATUS: Field = Field::Named(std::borrow::Cow::Borrowed("status"));

/// The field a label asking why fills (`**Why these tradeoffs**:`).
const RATIONALE: Field = Field::Named(std::borrow::Cow::Borrowed("rationale"));

/// What the record pass needs of a heading (or timestamp pseudo-heading).
pub(crate) struct HeadingInfo<'a> {
    pub title: &'a str,
    pub stamp: bool,
    /// A stamp placed before the record its line closes: it dates that record and opens none.
    pub closes: bool,
    /// 1–6 (`u8::MAX` for a stamp).
    pub level: u8,
    pub section: usize,
    /// The field the title names ([`fields::field_heading`]).
    pub field: Option<&'a Field>,
    /// Whether the title is a decision ([`fields::decision_heading`]).
    pub decision: bool,
    /// Whether the title names considerations ([`fields::names_considerations`]).
    pub considers: bool,
    /// Whether the title says its decisions are still to make, or is about writing them
    /// (`Decisions Needed`, `Template for New Decisions`).
    pub undecided: bool,
}

/// What the record pass needs of a bold pseudo-heading.
pub(crate) struct GroupInfo<'a> {
    pub title: &'a str,
    /// Its kind ([`super::heading::classify`]).
    pub kind: Kind,
    /// Whether the title names considerations ([`fields::names_considerations`]).
    pub considers: bool,
    /// Whether the title says when or how to write the file's records
    /// ([`fields::describes_records`]).
    pub describes_records: bool,
}

#[derive(Default)]
struct Record {
    open: bool,
    /// The group of a label whose field ends where its list does — one asking why of the
    /// choice its heading names (`**Why FastAPI?**`), one naming another kind inside a record
    /// (`**Technical Patterns Used**:`) — and the block its items are written as (a list, a
    /// paragraph): the first line outside them (another label, a paragraph after the list)
    /// ends the field.
    list_field: Option<(usize, Block)>,
    /// Opened by a timestamp or a decision heading: a record even without fields.
    explicit: bool,
    /// The stamp a decision heading opened with (`## [2025-05-03 15:32] - Decision: …`): a
    /// stamped line after it with another opens the next entry.
    decision_stamp: Option<String>,
    /// The entry of the timestamp that opened it: headings inside that entry are its fields.
    stamp_entry: Option<usize>,
    expect_stamp_item: bool,
    /// A timestamp right under a heading that states the decision: its line sums the record up.
    expect_stamp_summary: bool,
    /// That timestamp's date: the record's, when no field gives one.
    stamp_date: Option<jiff::civil::Date>,
    statement: Option<usize>,
    decision: Option<usize>,
    /// `(item, field, text after its label)`: the label's text is not the field's value.
    members: Vec<(usize, Field, usize)>,
    /// The labels of the fields met ([`fields::label_key`]): one met again starts the next
    /// record. (A set: a record may hold any number of labels.)
    seen_labels: std::collections::HashSet<u64, std::hash::BuildHasherDefault<super::heading::WordHasher>>,
    has_fields: bool,
    /// A timestamp right under a `### Decision` heading: its statement is the decision.
    under_decision_heading: bool,
    /// Its statement is a list item whose first sub-item gives the reasons for it (`* **Vite**：`
    /// over `* **选型理由**：…`): it states a choice ([`fields::justifies_choice`]).
    justified: bool,
    /// The items after the first of a `Decision` written as a list: decisions of their own,
    /// dated by the record as the first is.
    more_decisions: Vec<usize>,
    /// The decision is the first item under a `Decision` heading or label-only line, not an
    /// item labelled `Decision:` — or one labelled so that holds its text as sub-items
    /// (`- **Choice**:` over a numbered list).
    decision_unlabelled: bool,
    /// The field a heading, bold pseudo-heading or label-only line (`Alternatives:`) opened:
    /// unlabelled items after it belong to it.
    context: Option<Field>,
    /// The level of the last field heading (`## Pros and Cons of the Options`): a deeper
    /// heading is a part of its field.
    field_level: Option<u8>,
    /// Whether a deeper heading inside the last field heading is open (`### 2. Pipeline` under
    /// `## Implementation Details`): a field heading under it is a part of that field.
    in_part: bool,
    /// Its statement is a list item whose labelled sub-items hold its fields, its `Decision`
    /// among them or not (`- **Project file format**: …` over `- **User question**: …` and `-
    /// **Technical decision**: …`): the record ends where that item does.
    fields_below_title: bool,
    /// The level of the heading that states the record's decision (`## ADR-001: Hybrid
    /// storage`): a deeper heading is one of its parts.
    decision_level: Option<u8>,
    /// The level of the `Decision` field heading the record is under (`## DECISION` over
    /// `**Selected option:** Option B`).
    decision_field_level: Option<u8>,
    /// The level of a `Decision` field heading whose decision has been stated, kept past the
    /// subsections under it: a deeper heading over code alone is a part of that decision.
    stated_under: Option<u8>,
    /// The level of the heading the record opened under (`### Container image cache` over
    /// its `#### Decision` and `#### Rationale`).
    title_level: Option<u8>,
    /// Opened by a paragraph that carries its own fields ([`holds_own_record`]): a bold label
    /// after it (`**Summary:**` over a list) is one more of those fields.
    whole_paragraph: bool,
    /// Opened by a heading that names a problem (`### Проблема: Memory Bank не
    /// синхронизирован`): a `Решение` right under it is its solution.
    under_problem: bool,
    /// A label naming a problem (`**Проблема:**` over the error) heads a part of it: a
    /// `Решение` after it, before any decision, is that problem's solution.
    problem_label: bool,
    /// A bold label inside it that lists more decisions (`**Additional decisions taken:**`):
    /// the items under it are decisions of their own, none of its fields.
    more_decisions_label: Option<usize>,
    /// The last line of its history that says it decided (`经过比较，决定采用…`): its decision
    /// when it has no `Decision` field.
    decided_in_history: Option<usize>,
}

/// What the rules ask of every item's text, worked out once per item: each test reads the
/// whole text, and the record pass and the considerations pass both need them.
struct Traits {
    boilerplate: bool,
    /// A requirement, no decision: a user story or an acceptance criterion
    /// ([`fields::is_requirement`]).
    requirement: bool,
    /// The field the item opens with and where its value starts (see [`fields::leading_field`]).
    leading: Option<(Field, usize)>,
}

impl Traits {
    fn of(item: &Item) -> Traits {
        // A label in code (`` `options: '-Xmx4096m'` ``) is a setting's key, no field's.
        // (The label is the code span, the colon inside it or right after it; `` `mb`
        // Decision: … `` still opens with its label.)
        let in_code = item.code_spans.first().is_some_and(|code| {
            item.text[..code.start].trim().is_empty()
                && fields::first_colon(&item.text).is_some_and(|c| {
                    c < code.end || item.text.get(code.end..c).is_some_and(|gap| gap.trim().is_empty())
                })
        });
        // (After a log's timestamp, `- [2026-02-09 21:15:00] - Decision: …`, the label opens
        // what the line says.)
        let leading = fields::leading_field(&item.text, item.bold.as_deref())
            .or_else(|| fields::stamped_decision(&item.text).map(|said| (Field::Decision, said)));
        Traits {
            boilerplate: fields::is_boilerplate(&item.text),
            requirement: fields::is_requirement(&item.text),
            // (A value may be trimmed at its end too, `[2026-02-05 10:00] - 决策:🔧**`: where it
            // starts is where the label ends.)
            leading: leading
                .filter(|_| !in_code)
                .map(|(f, rest)| (f, crate::source::offset_in(&item.text, rest).unwrap_or(item.text.len()))),
        }
    }

    fn opens_decision(&self) -> bool {
        matches!(self.leading, Some((Field::Decision, _)))
    }
}

/// An item that is only links (`1. [Adopt Caddy](#adopt-caddy)`, `- [ADR-3](adr-3.md), [ADR-4](adr-4.md)`):
/// a table of contents or a list of references, which points at decisions without making one.
fn only_links(item: &Item) -> bool {
    if item.links.is_empty() {
        return false;
    }
    let mut rest = item.text.trim();
    for link in &item.links {
        rest = rest
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '|' | '-' | '–' | '—' | '·'));
        match rest.strip_prefix(link.text.as_str()) {
            Some(after) => rest = after,
            None => return false,
        }
    }
    rest.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.')).is_empty()
}

/// What the parser saw of an item that its text no longer shows.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Marks {
    /// A row of a table with a `Decision` column whose cell gives one (not `Pending`, `TBD`,
    /// `Rejected` …): what it holds is decided, even under a heading that also names
    /// questions (`## 已知问题与决策记录`).
    pub decision_row: bool,
    /// A line of the file's own update log (`2025-05-12 19:23:00 - Added the calculation
    /// features`): a bare timestamp line before the file's first section heading
    /// (`parse::Pass::stamps_to_headings`). The entries below say what was decided; a line
    /// there that adopts something (`… - Decided to use Caddy`) is a decision all the same.
    pub update_log: bool,
    /// A timestamp line that closes the record above it (`[2025-08-27 17:11:00] - Call
    /// detection implemented` after the record's fields, `parse::Pass::closed_record`): the
    /// record's `summary`, no decision or entry of its own.
    pub closes_record: bool,
    /// A paragraph whose bold label stands alone on its first line, its text starting on the
    /// next (`**Rationale:**`, then the reasons): the label heads what follows, up to the next
    /// label or heading, as a label alone in its paragraph does.
    pub label_line: bool,
    /// The first item after a thematic break (`---`): a `Decision` label there starts a record
    /// of its own, with no title from the record above.
    pub after_break: bool,
    /// A row appended to a log table far below it, with no head of its own (`| 2026-01-05 |
    /// Drop Docling | … |` under a later record's list): a row of that table, in no record
    /// around it (`parse::Pass::orphan_line`).
    pub appended_row: bool,
    /// An item of a numbered list (`2) Audio stack: …`, `3. …`).
    pub numbered: bool,
    /// A `Decision` label that names one of the numbered, labelled steps of a process (`3.
    /// **Decisión**: reads the FAQ` between `**Exploración**` and `**Conversión**`): no record's
    /// field, and no decision (`parse::names_a_step`).
    pub step: bool,
}

/// Applies the record rules to a document's items (see the module documentation).
pub(crate) fn resolve(
    items: &mut [Item],
    item_heading: &[Option<usize>],
    headings: &[HeadingInfo<'_>],
    groups: &[GroupInfo<'_>],
    sections: &[Section],
    marks: &[Marks],
    stem: &str,
) {
    let mut rec = Record::default();
    let mut next_heading = 0;
    let mut last_group: Option<usize> = None;
    // The entry where a label over decisions (`**Deployment decisions**:`, a `Decision` field's)
    // last stood: an effect label after it in that entry says what they brought.
    let mut decisions_label_entry: Option<usize> = None;
    let mut field_of: Vec<Option<Field>> = vec![None; items.len()];
    // The fields a label naming another kind opened inside a record (`**Next Steps**:`).
    let mut kind_fields: Vec<Field> = Vec::new();
    let mut stamp_titles = Vec::new();
    let mut traits: Vec<Traits> = items.iter().map(Traits::of).collect();
    // A timeline's stages (`**Started**: rsync from cron` beside `**Current**: restic`) are
    // no record's fields, though `Started` may label one.
    for (i, t) in traits.iter_mut().enumerate() {
        if t.leading.is_some() && timeline_stage(items, i).is_some() {
            t.leading = None;
        }
        // So are the steps of a process (`2. **Exploración**: …`, `3. **Decisión**: reads the
        // FAQ …`, `4. **Conversión**: …`, a buyer's journey).
        if marks[i].step {
            t.leading = None;
        }
        // A change told as before and after, where decisions stand (under a dated line of
        // "Evolution of Project Decisions"): `**New State/Approach**:` beside `**Previous
        // State/Approach**:` is what was decided, as a `Decision:` is; alone there, it is a
        // labelled decision as `**Database**: PostgreSQL` is, no field of the line before.
        // (Elsewhere, a state machine's `**New State**: RUNNING` beside its `**Previous
        // State**:` is a field.)
        if let Some((field, skip)) = &t.leading
            && field.name() == "new"
            && items[i].kind == Kind::Decision
        {
            let after_previous = siblings_beside(items, i, |_| true).any(|n| {
                fields::leading_field(&items[n].text, items[n].bold.as_deref())
                    .is_some_and(|(f, _)| f.name() == "previous")
            });
            t.leading = after_previous.then_some((Field::Decision, *skip));
        }
        // A `Decision` label that names a decision still to make states none, opens no record
        // and heads no line after it: with only a note in brackets after it and nothing under
        // it (`1. **Backend Framework Decision** (Blocking Phase 2)` in a list of steps, `-
        // **Tunnel decision** (pending review)` among decisions), or naming what it is about
        // among next steps (`Framework decision: Use Fastify or Express.js` under `### Next
        // Steps`: the step is to make it; `Decision:` alone there still records one).
        if let Some((Field::Decision, skip)) = t.leading {
            let (label, value) = items[i].text.split_at(skip);
            let named_only = is_only_a_note(value.trim()) && items.get(i + 1).is_none_or(|n| n.parent != Some(i));
            if named_only || (items[i].kind == Kind::NextStep && names_a_topic_decision(label)) {
                t.leading = None;
            }
            if named_only && items[i].kind == Kind::Decision {
                items[i].kind = Kind::Other;
            }
        }
        // A date in the brackets of a `Decision` label dates that decision, over its entry's
        // (`Decision (user, 2026-07-03): proceed with …`).
        if t.opens_decision()
            && let Some(date) = fields::label_date(&items[i].text)
        {
            items[i].date = Some(date);
        }
    }
    // A group's label is looked up once, not once per item under it.
    // (A label still to settle, `**Decision (Phase 1 で確定予定)**:`, heads options, no decision.)
    let mut group_field: Vec<Option<Field>> =
        groups.iter().map(|g| fields::field_for_label(g.title).filter(|_| !fields::still_to_settle(g.title))).collect();
    // And a label over what a record's decision brought, said of what it touched
    // (`**Infrastructure impact**:`, `**部署成果**:`): that field, after the record's decision
    // or a label over decisions in the same entry only.
    let group_effect: Vec<Option<Field>> = groups
        .iter()
        .zip(&group_field)
        .map(|(g, f)| f.is_none().then(|| fields::effect_label(g.title)).flatten())
        .collect();
    for i in 0..items.len() {
        if let Some(h) = item_heading[i] {
            while next_heading <= h {
                heading(items, &mut rec, &headings[next_heading], sections, &mut field_of, i);
                next_heading += 1;
                last_group = None;
            }
        }
        if items[i].parent.is_none()
            && rec.list_field.is_some_and(|(g, block)| items[i].group != Some(g) || items[i].block != block)
        {
            rec.list_field = None;
            rec.context = None;
        }
        if items[i].parent.is_none() && items[i].group != last_group {
            last_group = items[i].group;
            if let Some(g) = items[i].group {
                // (`**Решение**:` first under `### Проблема: …` is its solution, and so is one
                // after a `**Проблема:**` label and its cause, before any decision — even under
                // `### Проблемы и решения`, problems and solutions.)
                if group_field[g] == Some(Field::Decision)
                    && ((sections[items[i].section].kind != Kind::Decision && first_under_problem(&rec))
                        || (rec.problem_label && rec.decision.is_none()))
                    && names_solution(groups[g].title)
                {
                    group_field[g] = Some(SOLUTION);
                    // (One solution to the problem: a `Решение` after it is a decision again.)
                    rec.problem_label = false;
                }
                let entry = sections[items[i].section].entry;
                if groups[g].kind == Kind::Decision || group_field[g] == Some(Field::Decision) {
                    decisions_label_entry = Some(entry);
                }
                let effect =
                    group_effect[g].as_ref().filter(|_| rec.decision.is_some() || decisions_label_entry == Some(entry));
                match group_field[g].as_ref().or(effect).filter(|f| takes_field(&rec, f)).cloned() {
                    // A `**Decision:**` label after a record's decision and its fields
                    // (`**Rationale:**` …, a `---`) opens the next record: its list is that
                    // record's decision, not more of the one before.
                    Some(Field::Decision)
                        if rec.decision.is_some() && rec.has_fields && rec.decision_level.is_none() =>
                    {
                        restart(items, &mut rec, &mut field_of);
                        rec.has_fields = true;
                        rec.context = Some(Field::Decision);
                    }
                    Some(field) => {
                        if !rec.open {
                            open(&mut rec);
                        }
                        rec.has_fields = true;
                        rec.context = Some(field);
                    }
                    // After a record's decision, a label over what was turned down
                    // (`__Rejected:__`, `**Not chosen:**`) heads one more field of it: the
                    // options it names were not taken (found by review).
                    None if rec.decision.is_some() && names_rejection(groups[g].title) => {
                        rec.has_fields = true;
                        rec.context = Some(named_by(groups[g].title));
                    }
                    // After a record's decision and fields, a bold label naming no kind is one
                    // more field of it (`**Alternatives Rejected**:`, `**Known Risks**:`); so it
                    // is after a paragraph that carries its own fields (`**Summary:**`), even
                    // inside a timestamped entry.
                    // Otherwise, inside a timestamped entry a bold pseudo-heading is one more
                    // part of it (`**OPTIONS ANALYSIS**`) unless it names decisions; elsewhere it
                    // ends the record as a heading does: `**Design Decisions:**` after a task's
                    // `**Status:**` starts something new, and what it holds are decisions,
                    // not the task's fields.
                    // A timestamped entry whose title is there (`[…] - Fixed the input
                    // handling`) goes on with its parts: `**Fix strategy:**`, `**Test
                    // framework:**` over lists tell how, as fields named by their labels.
                    None if rec.stamp_entry.is_some_and(|e| e == sections[items[i].section].entry)
                        && rec.explicit
                        && rec.statement.is_some()
                        && groups[g].kind == Kind::Other
                        && fields::is_short_label(groups[g].title.trim_end_matches([':', '：'])) =>
                    {
                        rec.has_fields = true;
                        rec.context = Some(named_by(groups[g].title));
                    }
                    None if rec.stamp_entry.is_some_and(|e| e == sections[items[i].section].entry)
                        && !(rec.whole_paragraph
                            && groups[g].kind == Kind::Other
                            && fields::is_short_label(groups[g].title))
                        && groups[g].kind != Kind::Decision =>
                    {
                        rec.context = None;
                    }
                    // After a record's decision, a label asking why (`**Why these tradeoffs**:`)
                    // gives its rationale.
                    None if rec.decision.or(rec.statement).is_some() && fields::label_asks_why(groups[g].title) => {
                        rec.has_fields = true;
                        rec.context = Some(RATIONALE);
                        // (A heading that names its choice, its reasons given, is a record: the
                        // labels after them, `**Ports**:`, `**OAuth Integration**:`, name its
                        // parts.)
                        if rec.decision.is_none() && rec.statement.is_some_and(|s| items[s].block == Block::Heading) {
                            rec.explicit = true;
                            rec.list_field = Some((g, items[i].block));
                        }
                    }
                    // So does one first under a heading that names a choice (`### Backend:
                    // FastAPI` over `**Why FastAPI?**`), asking why of a thing: the reasons of
                    // the record to come, whose `**Decision**:` follows (or whose heading
                    // states it).
                    None if rec.decision.or(rec.statement).is_none()
                        && (i == 0 || items[i - 1].section != items[i].section)
                        && sections[items[i].section]
                            .title
                            .as_deref()
                            .is_some_and(|h| fields::label_asks_why_of(groups[g].title, h)) =>
                    {
                        if !rec.open {
                            open(&mut rec);
                        }
                        rec.has_fields = true;
                        rec.context = Some(RATIONALE);
                        rec.list_field = Some((g, items[i].block));
                    }
                    // (A label holding a date, `**Update 2025-06-10**:`, is a later entry:
                    // neither arm below.)
                    None if (rec.has_fields
                        || (rec.decision.is_some() && fields::ends_with_field_label(groups[g].title)))
                        && takes_labels(&rec)
                        && groups[g].kind == Kind::Other
                        && fields::is_short_label(groups[g].title)
                        && !names_a_day(groups[g].title) =>
                    {
                        rec.context = Some(named_by(groups[g].title));
                    }
                    // After a record's labelled decision, a label over what supports it rather
                    // than a topic it decides (`**Evidence — both alternatives were tested and
                    // ruled out:**`, `**Design constraints baked in:**`, `**What Claude receives
                    // for returning users:**`) heads one more part of it, for as long as its
                    // list runs: of 27 such lists' items listed as decisions in the banks read,
                    // their readers listed none.
                    None if rec
                        .decision
                        .is_some_and(|d| items[d].block == Block::Paragraph && !rec.decision_unlabelled)
                        && groups[g].kind != Kind::Decision
                        && fields::label_describes(groups[g].title)
                        && !names_a_day(groups[g].title) =>
                    {
                        rec.context = Some(named_by(groups[g].title));
                        rec.list_field = Some((g, items[i].block));
                    }
                    // After a record's decision, a label naming a topic heads what was decided
                    // about it (`**Backend**:` over `- Go 1.22 for all services`) beside the
                    // record's decision, and the record goes on: a field after it
                    // (`**Why**:`, `**Cost analysis**:`) is still the record's.
                    None if rec.decision.is_some()
                        && !rec.has_fields
                        && !rec.whole_paragraph
                        && groups[g].kind == Kind::Other
                        && fields::is_short_label(groups[g].title)
                        && !names_a_day(groups[g].title) =>
                    {
                        rec.context = None;
                        rec.more_decisions_label = Some(g);
                    }
                    // Inside a field that a heading opened under a record's decision (`**Why
                    // PostgreSQL?**` under an ADR's `### Rationale`), a bold line heads a
                    // part of that field.
                    None if rec.context.is_some()
                        && rec.field_level.is_some()
                        && (rec.decision.is_some() || rec.decision_level.is_some())
                        && groups[g].kind != Kind::Decision => {}
                    // A record that opened with its fields (`**Context**: …` under an ADR's
                    // dated heading) and has not stated anything yet: a bold line is one more
                    // part of it, even one that names a kind (`**Hypothesis (one run)**:`) —
                    // unless it names decisions.
                    None if rec.has_fields
                        && rec.statement.is_none()
                        && rec.decision.is_none()
                        && groups[g].kind != Kind::Decision
                        && fields::is_short_label(groups[g].title) =>
                    {
                        rec.context = Some(named_by(groups[g].title));
                    }
                    // Inside an ADR (a record its heading opened, with its decision), a label
                    // naming more decisions (`**Additional decisions taken:**`) lists them
                    // beside the record's: the ADR's later fields (`## Consequences`) are
                    // still its own.
                    None if groups[g].kind == Kind::Decision
                        && rec.title_level.is_some()
                        && rec.field_level.is_some()
                        && (rec.decision.is_some() || rec.statement.is_some()) =>
                    {
                        rec.context = None;
                        rec.more_decisions_label = Some(g);
                    }
                    // After a record's `Decision` field and more fields, a label naming another
                    // kind (`**Technical Patterns Used**:`, `**Lessons Learned**:`, `**Next
                    // Steps**:` between its `**Implementation Details**:` and `**Impact**:`) is
                    // one more part of it, not the end of it; what follows its list is read
                    // afresh, and a line in it that says it decided (`- Decided to rotate the
                    // key monthly`) is a decision of its own ([`adoptions_in_notes`]).
                    None if rec.decision.is_some()
                        && rec.has_fields
                        && takes_labels(&rec)
                        && !matches!(groups[g].kind, Kind::Decision | Kind::Other)
                        && fields::is_short_label(groups[g].title)
                        && !names_a_day(groups[g].title) =>
                    {
                        let field = named_by(groups[g].title);
                        if !kind_fields.contains(&field) {
                            kind_fields.push(field.clone());
                        }
                        rec.context = Some(field);
                        rec.list_field = Some((g, items[i].block));
                    }
                    None => {
                        close(items, &mut rec, &mut field_of);
                        open(&mut rec);
                    }
                }
                if names_a_problem(groups[g].title) {
                    rec.problem_label = true;
                }
            }
        }
        if rec.expect_stamp_item && items[i].parent.is_none() && items[i].block != Block::Heading {
            stamp_titles.push(i);
        }
        // `Origin: …` just before a `Decision:` at its level is a field of that record; a title
        // over one (`1. **Runner deployment**:` over `- Decision: …`) is its title.
        let next_decides = traits.get(i + 1).is_some_and(Traits::opens_decision);
        let next = items.get(i + 1).map(|n| n.parent);
        let beside = Next {
            decides: next_decides && next == Some(items[i].parent),
            // (Or whose labelled sub-items are a record's fields, its `Decision` further down or
            // none — outside any other record: under `**Alternatives Considered**:`, `1.
            // **Redis caching**:` over `- Pro: …`, `- Decision: Defer` is an option weighed,
            // and under `### ADR-43`, `- **Approach 2**:` over `- Pros: …` one more part.)
            heads: next == Some(Some(i))
                && (next_decides
                    || ((title_sibling(items, &rec, i)
                        || (rec.statement.is_none() && rec.decision.is_none() && !rec.has_fields)
                        || record_under_an_item_before(items, &rec, i))
                        && labelled_sub_items_are_fields(items, &traits, i))),
            // (Asked only of a numbered item over a decision.)
            in_numbered_field: marks[i].numbered
                && next_decides
                && neighbours(items, i, |_| true)[0].is_some_and(|p| marks[p].numbered && field_of[p].is_some()),
            // (A bold item, `* **Vite (构建工具)**：`, not one under a title that turns things
            // down: `## Libraries we dropped` gives its items' reasons too.)
            justified: next == Some(Some(i))
                && items[i].block == Block::ListItem
                && items[i].bold.is_some()
                && traits[i + 1].leading.as_ref().is_some_and(|(f, skip)| {
                    f.name() == "rationale" && items[i + 1].text.get(..*skip).is_some_and(fields::justifies_choice)
                })
                && sections[items[i].section].title.as_deref().is_none_or(|t| !fields::turns_down(t)),
            after_break: marks.get(i + 1).is_some_and(|m| m.after_break),
        };
        if marks[i].closes_record && rec.open {
            stamp_summary(items, &mut rec, i, &mut field_of);
            continue;
        }
        item(items, &mut rec, i, (&traits[i], &marks[i]), beside, &mut field_of);
    }
    close(items, &mut rec, &mut field_of);
    titles_of_later_decisions(items, &stamp_titles, &traits, &group_field, sections);
    lists_under_stamp_titles(items, &stamp_titles, &traits);
    // A section is its heading's (titled, or the untitled first section of the entry the
    // heading opens): judge each title once.
    // … and so is each subsection of one that considers (`### Scheduling` under `## Decisions
    // Pending`), down to the next heading at its level or above.
    // (`undecided_above` marks the subsections of a heading that says its decisions are still
    // to make, `## Decisions Needed`: the decision headings there are choices still open.)
    let mut section_considers = vec![false; sections.len()];
    let mut undecided_above = vec![false; sections.len()];
    let mut undecided_in = vec![false; sections.len()];
    let mut considering_level: Option<u8> = None;
    let mut undecided_level: Option<u8> = None;
    let mut heading_titles: Vec<Option<&str>> = vec![None; sections.len()];
    for h in headings.iter().filter(|h| !h.stamp) {
        heading_titles[h.section] = Some(h.title);
        if considering_level.is_some_and(|level| h.level <= level) {
            considering_level = None;
        }
        if undecided_level.is_some_and(|level| h.level <= level) {
            undecided_level = None;
        }
        undecided_above[h.section] = undecided_level.is_some();
        if h.considers && considering_level.is_none() {
            considering_level = Some(h.level);
        }
        if h.undecided && undecided_level.is_none() {
            undecided_level = Some(h.level);
        }
        undecided_in[h.section] = undecided_level.is_some();
        if considering_level.is_some() {
            section_considers[h.section] = true;
        }
    }
    let considered = Considered {
        sections: &section_considers,
        undecided_above: &undecided_above,
        undecided_in: &undecided_in,
        heading_titles: &heading_titles,
    };
    considerations(items, &traits, groups, &group_field, considered, sections, marks);
    stamped_fields_join_their_decision(items);
    labels_over_lists_decide_nothing(items);
    spell_out_bare_labels(items, &traits);
    choices_listed_in_a_record(items, &traits);
    adoptions_in_notes(items, &kind_fields);
    headings_over_listed_choices(items, groups);
    reasons_for_choices_stated_before(items);
    introduction_of_a_log(items, &traits, stem);
    options_under_a_decision_label(items, groups);
    why_questions_over_their_reasons(items, sections);
    answers_to_settled_questions(items);
}

/// Whether a file, by its stem, records no decision whatever its lines say: a template
/// (`decisions.template.md`, `adr-template.md`) shows how to write one, and a glossary
/// (`glossary.md`, `用語集.md`) defines the words a bank uses — `### Circuit Breaker` there is
/// a term, not a pattern chosen.
pub(crate) fn records_none(stem: &str) -> bool {
    const GLOSSARY: &[&str] =
        &["glossary", "glossar", "glossaire", "glosario", "glossário", "glossario", "terminology", "глоссарий"];
    let names_glossary = stem.split(|c: char| !c.is_alphanumeric()).any(|w| fields::is_word_of(w, GLOSSARY))
        || ["用語集", "术语表", "術語表", "용어집"].iter().any(|w| stem.contains(w));
    is_template(stem) || names_glossary
}

/// Among decisions, a list item that asks why of a choice over its sub-items (`1. **Why log in
/// automatically instead of a backend endpoint**?` over `- No service role key to manage`,
/// `2. **为什么需要重试机制**？` (why a retry mechanism?) over its reasons) states that choice,
/// and its sub-items are its reasons: they had been decisions each, the question none.
fn why_questions_over_their_reasons(items: &mut [Item], sections: &[Section]) {
    for i in 0..items.len() {
        let item = &items[i];
        if item.block != Block::ListItem
            || item.parent.is_some()
            || item.kind != Kind::Other
            || item.field.is_some()
            || item.record.is_some()
            || sections[item.section].kind != Kind::Decision
            || !fields::is_question(&item.text)
            || !fields::asks_why_of_a_choice(&item.text)
        {
            continue;
        }
        let children: Vec<usize> =
            (i + 1..items.len()).take_while(|&c| items[c].parent.is_some_and(|p| p >= i)).collect();
        if !children.iter().any(|&c| items[c].parent == Some(i) && items[c].kind == Kind::Decision) {
            continue;
        }
        items[i].kind = Kind::Decision;
        // (The reasons' own sub-items belong to the record too; only the reasons' text joins
        // its field.)
        for c in children {
            if items[c].parent == Some(i) {
                make_part(items, i, c, "rationale");
            } else {
                items[c].field = Some("rationale".to_string());
                items[c].record = Some(i);
            }
            items[c].kind = Kind::Other;
        }
    }
}

/// A question written as a record and settled (`- **Question**: JPA or JOOQ?`, `- **Status**:
/// Resolved`, `- **Resolution**: JOOQ, for type-safe queries`, `- **Resolution Date**:
/// 2025-07-05`): its answer is the decision, dated by the day it was settled, and the question
/// its context. Not one still open (`Status: Open` over the options, `Not yet decided`), an
/// answer that gives none (`TBD`, `Won't do`, `Duplicate of OQ-4`, `see ADR-7`) or a fix, nor
/// a question about a cause (`Why is staging slow?`); and a problem resolved (`- **Issue**: …`,
/// `- **Resolution**: restarted the pod`) asks no question.
fn answers_to_settled_questions(items: &mut [Item]) {
    const QUESTION: &[&str] = &["question", "frage", "pregunta", "pergunta", "вопрос", "问题", "問題", "質問"];
    const ANSWER: &[&str] = &[
        "resolution",
        "answer",
        "outcome",
        "antwort",
        "respuesta",
        "resposta",
        "réponse",
        "ответ",
        "答复",
        "回答",
        "结论",
        "結論",
    ];
    // The day it was settled, the labels that say so first: a bare `Date` may be the day it was
    // asked.
    const SETTLED_ON: &[&str] = &[
        "resolution date",
        "resolved on",
        "date resolved",
        "resolved",
        "answered on",
        "decided on",
        "decision date",
        "fecha de resolución",
        "date de résolution",
        "解决日期",
        "解決日",
        "date",
        "datum",
        "fecha",
    ];
    // The status's first word: settled, or a decision taken.
    const SETTLED: &[&str] = &[
        "resolved",
        "answered",
        "decided",
        "closed",
        "settled",
        "accepted",
        "approved",
        "adopted",
        "agreed",
        "done",
        "implemented",
        "final",
        "beantwortet",
        "geklärt",
        "erledigt",
        "entschieden",
        "résolu",
        "resuel",
        "resolvid",
        "decidid",
        "решен",
        "решён",
        "закрыт",
        "已解决",
        "已解決",
        "已回答",
        "已确定",
        "已决定",
        "解決済",
        "決定",
    ];
    // Labels that open a record of another kind: the question's record ends there.
    const OTHER_RECORD: &[&str] = &["issue", "problem", "bug", "incident", "symptom", "error", "task"];
    // A line's opening label and what follows it, read in its first 48 bytes.
    fn labelled(item: &Item) -> Option<(&str, &str)> {
        let colon = fields::first_colon(&item.text[..crate::source::floor_char_boundary(&item.text, 48)])?;
        Some((item.text[..colon].trim(), item.text[colon..].trim_start_matches([':', '：', ' '])))
    }
    // (Compared without a lowercased copy.)
    let named = |label: &str, names: &[&str]| {
        names.iter().any(|n| {
            label.eq_ignore_ascii_case(n)
                || (!label.is_ascii() && label.chars().flat_map(char::to_lowercase).eq(n.chars()))
        })
    };
    let is = |item: &Item, names: &[&str]| labelled(item).is_some_and(|(l, _)| named(l, names));
    // (A status is labelled as the field table names it: `Status`, `Estado`, `状态`, …)
    let names_status = |label: &str| fields::field_for_label(label) == Some(STATUS);
    let settled = |status: &str| {
        let mut buf = [0u8; 64];
        let head = fields::lowercase_prefix(status.trim_start_matches(|c: char| !c.is_alphanumeric()), 24, &mut buf);
        SETTLED.iter().any(|w| head.starts_with(w))
    };
    // An answer that gives one: not still to give, turned down, pointing elsewhere or a fix.
    let gives_answer = |item: &Item, answer: &str| {
        let mut buf = [0u8; 64];
        let head = fields::lowercase_prefix(answer, 16, &mut buf);
        !fields::is_unanswered(answer)
            && !fields::points_elsewhere(answer, !item.links.is_empty())
            && !fields::reports_fix(answer)
            && ![
                "won't",
                "wont",
                "will not",
                "duplicate",
                "no longer",
                "not relevant",
                "obsolete",
                "n/a",
                "see ",
                "refer to ",
            ]
            .iter()
            .any(|w| head.starts_with(w))
    };
    for q in 0..items.len() {
        // (Most items hold no such label: the cheap tests first, and every question label
        // opens with `q`, `f`, `p` or outside ASCII.)
        if items[q].parent.is_some()
            || items[q].kind == Kind::Decision
            // (Another pass may have made it the context of the record its answer opens: `**问题**：`
            // over `**结论**：`; not of one before it.)
            || items[q].record.is_some_and(|r| r < q)
            || items[q].text.as_bytes().first().is_none_or(|b| b.is_ascii() && !matches!(b | 0x20, b'q' | b'f' | b'p'))
            || !is(&items[q], QUESTION)
        {
            continue;
        }
        // (A question about a cause asks what went wrong, not what to choose.)
        let question = labelled(&items[q]).map_or("", |(_, v)| v);
        if question.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("why ")) || fields::asks_why(question).is_some() {
            continue;
        }
        // The record's other lines: the next items of its list, up to the next question, the
        // next record of another kind or a second status; `end` is the last item looked at.
        let mut mates = Vec::new();
        let mut statuses = 0;
        let mut end = q;
        for j in (q + 1..items.len()).take(32) {
            if items[j].parent.is_some() {
                end = j;
                continue;
            }
            let label = labelled(&items[j]).map(|(l, _)| l);
            let status = label.is_some_and(names_status);
            statuses += usize::from(status);
            if !same_list(items, q, j)
                || items[j].block != items[q].block
                || label.is_some_and(|l| named(l, QUESTION) || named(l, OTHER_RECORD))
                || statuses > 1
                || mates.len() == 8
            {
                break;
            }
            mates.push(j);
            end = j;
        }
        let status_says = items[q].fields.iter().any(|(name, value)| name == "status" && settled(value))
            || mates.iter().any(|&j| labelled(&items[j]).is_some_and(|(l, v)| names_status(l) && settled(v)));
        if !status_says {
            continue;
        }
        let answer = mates
            .iter()
            .copied()
            .find(|&j| items[j].kind != Kind::Decision && items[j].field.is_none() && is(&items[j], ANSWER));
        let Some(answer) = answer.filter(|&a| labelled(&items[a]).is_some_and(|(_, v)| gives_answer(&items[a], v)))
        else {
            continue;
        };
        let dated = |label: &&str| {
            mates.iter().filter(|&&j| j != answer).find_map(|&j| {
                labelled(&items[j])
                    .filter(|(l, _)| named(l, &[label]))
                    .and_then(|(_, v)| super::heading::find_date(v))
                    .map(|(d, _)| d)
            })
        };
        let date = SETTLED_ON.iter().find_map(dated);
        // The answer's fields: the question, the question's own (its status, its context), then
        // what the answer had, each value once.
        let mut merged = Vec::new();
        fields::add_field(&mut merged, "context", question);
        for (name, value) in std::mem::take(&mut items[q].fields) {
            fields::add_field(&mut merged, &name, &value);
        }
        for item in &mut items[q + 1..=end] {
            if item.record == Some(q) {
                item.record = Some(answer);
            }
        }
        let a = &mut items[answer];
        for (name, value) in std::mem::take(&mut a.fields) {
            if !merged.iter().any(|(n, v)| *n == name && v.split("; ").any(|part| part == value)) {
                fields::add_field(&mut merged, &name, &value);
            }
        }
        a.fields = merged;
        a.kind = Kind::Decision;
        if date.is_some() {
            a.date = date;
        }
        items[q].field = Some("context".to_string());
        items[q].record = Some(answer);
    }
}

/// `### Why Caddy?` under `## Option 1: Caddy (Recommended)` or `## Alternatives Considered` (a
/// section's heading or an entry's): the reasons for an option weighed, no choice stated, and
/// they are no record's.
pub(crate) fn reasons_of_an_option(items: &mut [Item], sections: &[Section], entries: &[super::Entry]) {
    let mut demoted = None;
    for (i, item) in items.iter_mut().enumerate() {
        if demoted.is_some() && item.record == demoted {
            item.record = None;
        }
        if item.kind != Kind::Decision || item.block != Block::Heading {
            continue;
        }
        let section = &sections[item.section];
        let above = section
            .parent
            .and_then(|p| sections[p].title.as_deref())
            .or_else(|| entries.get(section.entry).map(|e| e.title.as_str()));
        // (… or under `## Alternatives Considered`: `### Why Traefik?` there weighs an option.)
        if above.is_some_and(fields::names_options)
            && matches!(fields::reasons_heading(&item.text), Some((fields::Reasons::Choice, _)))
        {
            item.kind = Kind::Other;
            demoted = Some(i);
        }
    }
}

/// Under a heading naming decisions (`## Key Design Decisions`), a numbered heading (`### 1.
/// ECS as Runtime Authority`) holds one decision. When prose opens it — `All live game state
/// lives in the ECS world via traits:`, `Supabase was selected as the persistence layer for:`
/// — that paragraph states the decision, and the lists and paragraphs after it spell it out
/// (the traits it names, the repositories, the reasons): its `details`, as an ADR's `Decision`
/// written as prose is one decision (round 253: readers listed each such heading and 1 in 10
/// of the lines under it). A heading whose first line is a list item (`### 5. Rendering Rules`
/// over its rules) is the topic of the decisions it lists, and keeps them, and so is one whose
/// prose only leads into the list of what was chosen ([`only_leads_in`]: `The HPA is
/// configured to:` over its thresholds); one over headings of its own, or whose lines a record
/// holds already (a `**Rationale**:` under it), is left as it is, and so is a paragraph that
/// asks, leaves its choice open or only weighs it (`We are considering ECS …`, `TBD: Vault or
/// SOPS.`, `Open question: …`).
pub(crate) fn numbered_headings_under_decisions(items: &mut [Item], sections: &[Section]) {
    // Which sections have headings of their own under them (once, not per section).
    let mut has_subsections = vec![false; sections.len()];
    for parent in sections.iter().filter_map(|s| s.parent) {
        if let Some(p) = has_subsections.get_mut(parent) {
            *p = true;
        }
    }
    let mut start = 0;
    while start < items.len() {
        let section = items[start].section;
        let end = items[start..].iter().position(|it| it.section != section).map_or(items.len(), |p| start + p);
        let (first, body) = (start, start + 1..end);
        start = end;
        let Some(s) = sections.get(section) else { continue };
        let under_decisions = s.parent.and_then(|p| sections.get(p)).is_some_and(|p| p.kind == Kind::Decision);
        if !under_decisions
            || !s.title.as_deref().is_some_and(numbered_title)
            || has_subsections.get(section).copied().unwrap_or(true)
        {
            continue;
        }
        let opening = &items[first];
        if opening.block != Block::Paragraph
            || opening.bold.is_some()
            || opening.field.is_some()
            || opening.record.is_some()
            || !matches!(opening.kind, Kind::Decision | Kind::Other)
            || fields::is_question(&opening.text)
            || fields::leaves_open(&opening.text)
            || fields::only_weighs(&opening.text)
            || fields::holds_nothing_held(&opening.text)
            || (opening.text.trim_end().ends_with(':') && only_leads_in(&opening.text))
            || items[body.clone()].iter().any(|it| it.field.is_some() && it.record != Some(first))
        {
            continue;
        }
        items[first].kind = Kind::Decision;
        for i in body {
            if items[i].field.is_some() {
                continue;
            }
            let text = items[i].text.to_string();
            fields::add_field(&mut items[first].fields, DETAILS.name(), &text);
            let item = &mut items[i];
            item.field = Some(DETAILS.name().to_string());
            item.record = Some(first);
            if item.kind == Kind::Decision {
                item.kind = Kind::Other;
            }
        }
    }
}

/// Whether a paragraph closing on a colon only leads into the list after it, which holds the
/// choices: it says it decided or how a thing is configured (`We've decided to send every
/// alert through one relay:`, `The HPA is configured to:`), or it is a few words that state
/// nothing of their own (`Key points:`, `We chose the following:`, `The team agreed:`; found
/// by review) — not `All live game state lives in the ECS world via traits:`.
fn only_leads_in(text: &str) -> bool {
    fields::says_it_decided(text)
        || fields::holds_word_of(
            text,
            &["configured", "tuned", "following", "follows", "below", "agreed", "chose", "decided"],
        )
        || text.split_whitespace().count() < 6
}

/// Whether a heading's title opens with its number: `1. ECS as Runtime Authority`, `2)
/// Caching`.
fn numbered_title(title: &str) -> bool {
    let digits = title.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && digits < 4
        && title[digits..]
            .strip_prefix(['.', ')'])
            .is_some_and(|rest| rest.starts_with(' ') && rest.trim_start().starts_with(char::is_alphabetic))
}

/// A heading that gives the reasons for a choice (`### Proxmox採用理由`, `### Why we chose
/// Restic`) states that choice — unless its entry stated that choice before it in other words
/// (`- ✅ Proxmox VEの採用` under `### アーキテクチャの決定`): then it only gives the reasons for
/// it, and they are no record's (the statement lies elsewhere; a record's own `### Why we
/// chose …` right under it holds its rationale already: [`heading`]).
fn reasons_for_choices_stated_before(items: &mut [Item]) {
    let reasons = |item: &Item| {
        item.block == Block::Heading
            && matches!(fields::reasons_heading(&item.text), Some((fields::Reasons::Choice, _)))
    };
    // The entry's decisions so far, other than such headings.
    let mut entry = usize::MAX;
    let mut stated: Vec<usize> = Vec::new();
    let mut demoted = None;
    for i in 0..items.len() {
        if demoted.is_some() && items[i].record == demoted {
            items[i].record = None;
        }
        if items[i].entry != entry {
            entry = items[i].entry;
            stated.clear();
        }
        if items[i].kind != Kind::Decision {
            continue;
        }
        if !reasons(&items[i]) {
            stated.push(i);
        // (Against the entry's last 64 decisions: a reasons heading sits near its choice, and
        // a file of thousands of both stays linear.)
        } else if stated.iter().rev().take(64).any(|&d| fields::names_same_thing(&items[i].text, &items[d].text)) {
            items[i].kind = Kind::Other;
            demoted = Some(i);
        }
    }
}

/// A decision's sub-item that is only a bold label over sub-items of its own (`- **Collector
/// tier**:` under `Decided to split monitoring …`, over the collector's parts) names a part of
/// that decision, as its details do: it is no decision of its own. (Under a plain list of
/// decisions such a label is the decision's topic, its sub-items what was decided:
/// `- **Queue layout:**` over the queue's folders stays a decision.) A `Decision` label
/// (`- **Choice**:` over the choice) is its record's business, and an adoption (`- **Adopted
/// Valkey**:`) states a decision.
fn labels_over_lists_decide_nothing(items: &mut [Item]) {
    for i in 0..items.len() {
        let item = &items[i];
        if item.kind != Kind::Decision || item.block != Block::ListItem {
            continue;
        }
        let part_of_decision = item.parent.is_some_and(|p| items[p].kind == Kind::Decision);
        let has_sub_items = items.get(i + 1).is_some_and(|next| next.parent == Some(i));
        if !(part_of_decision && has_sub_items) {
            continue;
        }
        let Some(label) = bold_label(item) else { continue };
        if !item.text.get(label.len() + 1..).unwrap_or("").trim().is_empty()
            || fields::field_for_label(label) == Some(fields::Field::Decision)
            || fields::states_adoption(&item.text, item.bold.as_deref())
        {
            continue;
        }
        items[i].kind = Kind::Other;
    }
}

/// `- **Key choices**:` inside a record, over a list (`- The remote uses HTTPS, not SSH, to
/// avoid host-key prompts`): the label names decisions, so each item it lists is one, dated as
/// its record is, and no field of the record. (Deeper items stay the details of theirs; a
/// label naming choices still open, `Open decisions`, names none.)
fn choices_listed_in_a_record(items: &mut [Item], traits: &[Traits]) {
    for i in 0..items.len() {
        let (Some(field), Some(rec)) = (items[i].field.as_deref(), items[i].record) else { continue };
        if bold_label(&items[i])
            .is_none_or(|label| !is_label_only(&items[i].text) || !fields::names_decisions_taken(label))
        {
            continue;
        }
        let field = field.to_string();
        let listed: Vec<usize> = (i + 1..items.len())
            .take_while(|&j| items[j].field.as_deref() == Some(field.as_str()) && items[j].record == Some(rec))
            .filter(|&j| {
                items[j].parent == Some(i) || (items[j].parent == items[i].parent && items[j].depth == items[i].depth)
            })
            .filter(|&j| !fields::is_question(&items[j].text) && !traits[j].boilerplate)
            .collect();
        if listed.is_empty() {
            continue;
        }
        for j in listed {
            leave_record_as_decision(items, j);
        }
        items[rec].fields.retain(|(name, _)| *name != field);
    }
}

/// Item `j`, a member of a record, states a decision of its own: it leaves the record (and
/// its text the record's field) and is a decision, dated as the record is.
fn leave_record_as_decision(items: &mut [Item], j: usize) {
    let (Some(field), Some(rec)) = (items[j].field.clone(), items[j].record) else { return };
    let date = items[rec].date;
    let text = items[j].text.to_string();
    if let Some(k) = items[rec].fields.iter().position(|(name, _)| *name == field) {
        let kept: Vec<&str> = items[rec].fields[k].1.split("; ").filter(|part| *part != text).collect();
        if kept.is_empty() {
            items[rec].fields.remove(k);
        } else {
            items[rec].fields[k].1 = kept.join("; ");
        }
    }
    let item = &mut items[j];
    item.kind = Kind::Decision;
    item.field = None;
    item.record = None;
    item.date = item.date.or(date);
}

/// A record's implementation notes say how the work was done (`Added an onChange callback`,
/// `使用 useState 管理状态`), no decision each — but an adoption stated in so many words among
/// them (`方針A（アクセサメソッド追加）を採用`, `Decided to keep the v1 endpoint`) is a choice
/// made while doing the work: it leaves the notes and is a decision, dated as its record is.
///
/// So does a part of a record that a label naming another kind opened (`kind_fields`: `**Next
/// Steps**:`, `**Recent Changes**:`, `**Lessons Learned**:`), which tells what came of the
/// decision: a line there that says it decided (`Decided to rotate the NFS export key monthly`)
/// is a decision of its own. (A switch reported there, `Switched the dashboard to Grafana 11`,
/// is a change, as it is under any `Recent Changes`.)
fn adoptions_in_notes(items: &mut [Item], kind_fields: &[Field]) {
    for i in 0..items.len() {
        let item = &items[i];
        if item.kind != Kind::Decision
            && item.field.as_deref().is_some_and(|f| f == "implementation" || kind_fields.iter().any(|k| k.name() == f))
            && fields::states_adoption(&item.text, item.bold.as_deref())
        {
            leave_record_as_decision(items, i);
        }
    }
}

/// A decision heading whose body opens with a label naming the decisions it lists (`###
/// Decision 3: Scanning tools`, then `**Choices**:` over a table of tools, one per row) is the
/// topic of those decisions, as a section heading is: each choice listed is a decision, and
/// the heading none of its own.
fn headings_over_listed_choices(items: &mut [Item], groups: &[GroupInfo<'_>]) {
    for i in 0..items.len() {
        if items[i].kind != Kind::Decision || items[i].block != Block::Heading {
            continue;
        }
        let Some(g) = items.get(i + 1).and_then(|next| next.group) else { continue };
        if !fields::names_decisions_taken(groups[g].title) {
            continue;
        }
        if items[i + 1..].iter().take_while(|it| it.group == Some(g)).any(|it| it.kind == Kind::Decision) {
            items[i].kind = Kind::Other;
        }
    }
}

/// A decision log's introduction: the undated paragraphs above its first record's heading that
/// do not say `Decision:` (`Design decisions and why they were made. Add new entries at the
/// bottom.`, `Safety rules … live in CLAUDE.md, not here.`) tell what the file holds.
fn introduction_of_a_log(items: &mut [Item], traits: &[Traits], stem: &str) {
    // (The preamble is section 0; a file of nothing but a preamble has no records below it.)
    // (A folder's `README` or `index` that lists numbered records introduces them, as a log's
    // preamble introduces those below it; the bank's own README may state decisions.)
    let stem = stem.to_ascii_lowercase();
    let index = (stem == "readme" || stem == "index") && items.iter().any(|i| fields::is_record_index_entry(&i.text));
    // An index line of a README or an index (`01_hexagonal_architecture.md — Ports &
    // adapters`) points at a record listed where it is written (elsewhere, in a list of recent
    // decisions, it may be the only place a decision is said).
    if index {
        for item in items.iter_mut().filter(|i| i.kind == Kind::Decision && fields::is_record_index_entry(&i.text)) {
            item.kind = Kind::Other;
        }
    }
    let introduces = stem.contains("decision") || index;
    if !introduces || items.iter().all(|i| i.section == 0) {
        return;
    }
    for (item, traits) in items.iter_mut().zip(traits).take_while(|(i, _)| i.section == 0) {
        if item.kind == Kind::Decision
            && item.block == Block::Paragraph
            && item.parent.is_none()
            && item.date.is_none()
            && !traits.opens_decision()
            && fields::timestamp(&item.text).is_none()
        {
            item.kind = Kind::Other;
        }
    }
}

/// Options under a lone `**Decision:**` label (`**Option A: Prometheus**`, then `**Option B:
/// Zabbix**`): two or more are options weighed, none chosen; one alone is the choice.
fn options_under_a_decision_label(items: &mut [Item], groups: &[GroupInfo<'_>]) {
    let option =
        |item: &Item| item.block == Block::Paragraph && item.parent.is_none() && fields::names_option(&item.text);
    // (Each group's label is looked up once.)
    let decision_label: Vec<bool> =
        groups.iter().map(|g| fields::field_for_label(g.title) == Some(Field::Decision)).collect();
    let mut i = 0;
    while i < items.len() {
        let Some(g) = items[i].group.filter(|&g| decision_label[g]) else {
            i += 1;
            continue;
        };
        let end = i + items[i..].iter().take_while(|it| it.group == Some(g)).count();
        let options: Vec<usize> = (i..end).filter(|&j| option(&items[j])).collect();
        // (The options after the first are pseudo-headings of their own: `**Option B: Zabbix**`
        // over its description.)
        let section = items[i].section;
        let later = items[end..]
            .iter()
            .take_while(|it| it.section == section)
            .filter_map(|it| it.group)
            .any(|h| h != g && fields::names_option(groups[h].title));
        if options.len() >= 2 || (!options.is_empty() && later) {
            for j in options {
                if items[j].kind == Kind::Decision {
                    items[j].kind = Kind::Other;
                }
            }
        }
        i = end;
    }
}

/// A file's stem naming a template: `template`, `decisions.template`, `adr-template`,
/// `_template`, `0000-adr-template`. A record numbered otherwise is a record about a template
/// (`02_pr_template`, `0007-issue-template`: the second record of a log, which chose a pull
/// request template).
fn is_template(stem: &str) -> bool {
    // (Record zero is the template itself: `0000-adr-template`, `000-template`.)
    let number = &stem[..stem.bytes().position(|b| !b.is_ascii_digit()).unwrap_or(stem.len())];
    if number.bytes().any(|b| b != b'0') {
        return false;
    }
    let lower = stem.to_ascii_lowercase();
    let name = lower.trim_start_matches('_');
    ["template", "templates"]
        .iter()
        .any(|t| name == *t || name.strip_suffix(t).is_some_and(|before| before.ends_with(['.', '-', '_'])))
}

/// A timestamp's title is the entry's name when the entry goes on to state its decision in a
/// `Decision` field (creative-phase logs put options between the two): the title is then a
/// field of that decision, not a decision of its own.
fn titles_of_later_decisions(
    items: &mut [Item],
    stamp_titles: &[usize],
    traits: &[Traits],
    group_field: &[Option<Field>],
    sections: &[Section],
) {
    for &t in stamp_titles {
        // A title with its own rationale, implementation, impact … is the decision itself; so
        // is one that labels itself so: a `Decision` after it is the next record's.
        if items[t].kind != Kind::Decision
            || stamp_states_decision(&items[t])
            || items[t].fields.iter().any(|(name, _)| {
                matches!(
                    name.as_str(),
                    "rationale" | "implementation" | "consequences" | "impact" | "outcome" | "alternatives"
                )
            })
        {
            continue;
        }
        let entry = items[t].entry;
        let decided = (t + 1..items.len()).take_while(|&j| items[j].entry == entry).find(|&j| {
            let it = &items[j];
            it.kind == Kind::Decision
                && it.parent.is_none()
                && (it.group.is_some_and(|g| group_field[g] == Some(Field::Decision))
                    || traits[j].opens_decision()
                    || sections[it.section].title.as_deref().and_then(fields::field_heading) == Some(Field::Decision))
        });
        let Some(d) = decided else { continue };
        // The entry's fields (`**Focus:**`, `**Objective:**` under the title) go with it.
        let mut moved = vec![("title".to_string(), items[t].text.as_str().to_owned())];
        moved.append(&mut items[t].fields);
        items[t].kind = Kind::Other;
        items[t].field = Some("title".to_string());
        items[t].record = Some(d);
        for (name, value) in moved.into_iter().rev() {
            if !items[d].fields.iter().any(|(n, _)| *n == name) {
                items[d].fields.insert(0, (name, value));
            }
        }
    }
}

/// A timestamp whose title states its entry's decision (`[2025-08-27 14:59:10] - Removed the
/// unused React SDK`), then a plain list: the list tells how and why — the decision's
/// `details`, no decisions of their own. (A title that ends in a colon or names a kind,
/// `[…] - Decisions from the review:`, introduces its list; a labelled item, `Decision: …`,
/// is a record's business.)
fn lists_under_stamp_titles(items: &mut [Item], stamp_titles: &[usize], traits: &[Traits]) {
    for &t in stamp_titles {
        let title = fields::timestamp(&items[t].text).map_or(items[t].text.as_str(), |(_, title)| title).trim();
        if items[t].kind != Kind::Decision
            || items[t].field.is_some()
            || items[t].block != Block::Paragraph
            || !fields::title_states(title)
        {
            continue;
        }
        let (entry, group) = (items[t].entry, items[t].group);
        let mut j = t + 1;
        while let Some(item) = items.get(j) {
            if item.entry != entry || item.block != Block::ListItem || item.group != group {
                break;
            }
            if item.parent.is_none() {
                if item.field.is_some() || traits[j].leading.is_some() {
                    break;
                }
                make_part(items, t, j, "details");
                if items[j].kind == Kind::Decision {
                    items[j].kind = Kind::Other;
                }
            }
            j += 1;
        }
    }
}

fn open(rec: &mut Record) {
    *rec = Record { open: true, ..Record::default() };
}

/// Applies heading `h`, met before item `next` (the first item under it).
fn heading(
    items: &mut [Item],
    rec: &mut Record,
    h: &HeadingInfo<'_>,
    sections: &[Section],
    field_of: &mut [Option<Field>],
    next: usize,
) {
    if h.closes {
        // (Its line, after the record's fields, is one more of them.)
        close(items, rec, field_of);
        return;
    }
    if h.stamp {
        // `### 决策 #001: Adopt Turborepo`, then `[2025-01-11 15:56:24] - chose Turborepo for
        // the apps` over the record's fields: the timestamp dates the record the heading
        // opened, its line sums the record up, and it opens no record of its own. (Not after a
        // heading stamped itself with another stamp, `[2025-05-03 15:32] - Decision: Use sets
        // …` over `---`: that stamp opens the next entry.)
        if rec.decision_level.is_some()
            && rec.decision.is_none()
            && rec.members.is_empty()
            && rec.statement.is_some_and(|s| {
                items[s].block == Block::Heading
                    && s + 1 == next
                    && rec.decision_stamp.as_deref().is_none_or(|own| fields::stamp_of(&items[next].text) == Some(own))
            })
        {
            rec.stamp_entry = Some(sections[h.section].entry);
            rec.stamp_date = sections[h.section].date;
            rec.expect_stamp_summary = true;
            return;
        }
        let under_decision_heading = rec.open
            && rec.context == Some(Field::Decision)
            && rec.statement.is_none()
            && rec.decision.is_none()
            && rec.members.is_empty();
        close(items, rec, field_of);
        open(rec);
        rec.under_decision_heading = under_decision_heading;
        rec.explicit = true;
        rec.expect_stamp_item = true;
        rec.stamp_entry = Some(sections[h.section].entry);
        return;
    }
    // (A field that only a record has, `### Considerations`, is no field outside one.)
    if let Some(field) = h.field.filter(|f| takes_field(rec, f)).cloned() {
        // Inside a record's reasons (`### Why API versioning?` under an ADR's `## Rationale`),
        // a heading that gives reasons is one more part of them.
        if field.name() == "rationale"
            && rec.decision.or(rec.statement).is_some()
            && rec.context.as_ref().is_some_and(|f| f.name() == "rationale")
            && rec.field_level.is_some_and(|l| h.level > l)
        {
            return;
        }
        // (A heading that gives the reasons for a choice it names, `### Why we chose Caddy`,
        // or the benefits of a thing it names, is a field of the record before it only when
        // that record states the same thing: `Decision: Use Caddy` over `### Why we chose
        // Caddy`.)
        let names_another = || {
            fields::reasons_heading(h.title).is_some()
                && !rec.decision.or(rec.statement).is_some_and(|d| fields::names_same_thing(h.title, &items[d].text))
        };
        if !rec.open {
            open(rec);
        } else if (field == Field::Decision && rec.decision.is_some()) || names_another() {
            close(items, rec, field_of);
            open(rec);
        }
        rec.has_fields = true;
        if field == Field::Decision {
            rec.decision_field_level = Some(h.level);
        } else if rec.decision_field_level.is_some_and(|l| h.level <= l) {
            rec.decision_field_level = None;
        }
        rec.context = Some(field);
        // (A heading that states its choice by asking why of it, `## Why Proxmox over ESXi`,
        // holds the reasons in its subsections too: `### Licensing` is one more part.)
        if h.decision && !h.stamp {
            rec.decision_level = Some(h.level);
        }
        // (A field heading inside a part of a field, `#### Steps:` under `## Implementation
        // Details` and its `### 2. Pipeline`, leaves the record's field level where it was:
        // the field's next `### 3. …` is still a part of it. So does a numbered part that
        // names a field, `#### 1. 核心实现` under `### 实现方案`: `#### 2. 质量保证` follows.)
        let numbered = h.title.trim_start().starts_with(|c: char| c.is_ascii_digit());
        if !((rec.in_part || numbered) && rec.field_level.is_some_and(|l| h.level > l)) {
            rec.field_level = Some(h.level);
            rec.in_part = false;
        }
        return;
    }
    // One more part of the record, named by its title:
    // - `## Models Supported` inside a timestamped entry;
    // - `### Architecture` or `### Migration Phases` under `## ADR-001: Hybrid storage`;
    // - `#### Next Steps` between a record's `#### Rationale` and its `#### Decision Date`,
    //   all under the record's own `### Container image cache` (not the file's title: `##
    //   Recent Changes` after an entry's `## Decision` under `# Active Context` is a section of
    //   its own): a heading beside its field headings, after its decision, unless it names
    //   decisions. What it holds keeps its kind.
    let beside_fields = || {
        rec.field_level == Some(h.level)
            && rec.title_level.is_some_and(|l| l >= 2 && l < h.level)
            && rec.decision.is_some()
            && sections[h.section].kind != Kind::Decision
    };
    // - `### Final button variants` or `### CSS classes` over code alone, under `## DECISION`
    //   after its `**Selected option:** Option B`: the chosen option's parts. (A subsection
    //   that states something, `### Backups` over `restic to B2`, may be a decision of its
    //   own.)
    let stated_under = rec.stated_under.or(rec.decision.and(rec.decision_field_level)).filter(|&l| h.level > l);
    let code_under_decision = || {
        stated_under.is_some() && items.get(next).is_some_and(|n| n.block == Block::Heading && n.section == h.section)
    };
    if rec.stamp_entry.is_some_and(|e| e == sections[h.section].entry)
        || ((rec.decision_level.is_some_and(|l| h.level > l) || code_under_decision()) && !h.decision)
        || (!h.decision && beside_fields())
    {
        rec.context = Some(named_by(h.title));
        return;
    }
    // `### strongSwan IPsec` under `## Pros and Cons of the Options`, after the record's
    // decision: what it holds is more of that field — and so is the next such part after a
    // label in the one before (`### 2. GraphQL instead of REST` after `**Rejected**: …`).
    if rec.field_level.is_some_and(|l| h.level > l)
        && !h.decision
        && rec.decision.or(rec.decided_in_history).is_some()
        && (rec.context.is_some() || rec.in_part)
    {
        rec.in_part = true;
        return;
    }
    close(items, rec, field_of);
    open(rec);
    rec.stated_under = stated_under;
    rec.title_level = Some(h.level);
    rec.under_problem = names_a_problem(h.title);
    if h.decision {
        rec.explicit = true;
        rec.decision_level = Some(h.level);
        rec.decision_stamp = fields::stamp_of(h.title).map(str::to_string);
    }
}

/// A record's paragraph `i` whose last line is its `Decision` (`[…] - **ADR-34: …**`, `**Why:**
/// …`, then `**Decision:** Phase 4.9 reworks the reports:`): the list right under it spells
/// that decision out, as under such a line of its own.
fn spells_out_last_decision(items: &[Item], rec: &mut Record, i: usize) {
    if items.get(i + 1).is_some_and(|n| n.block == Block::ListItem && n.parent.is_none())
        && fields::inline_values(&items[i].text).last().is_some_and(|(field, _)| field == Field::Decision)
    {
        rec.context = Some(DETAILS);
    }
}

/// Item `i`, a timestamp line, sums up the record `rec`: its `summary` field, the text after
/// the timestamp and the dash.
fn stamp_summary(items: &[Item], rec: &mut Record, i: usize, field_of: &mut [Option<Field>]) {
    let field = Field::Named("summary".into());
    // Where what the line says starts.
    let text: &str = &items[i].text;
    let skip = fields::said_at(text)
        .map_or(0, |at| at + text[at..].len() - text[at..].trim_start_matches([' ', '-', '–', '—', ':']).len());
    rec.members.push((i, field.clone(), skip));
    field_of[i] = Some(field);
    rec.has_fields = true;
}

/// Whether `item` is a timestamp line whose words open with a `Decision` label (`[04-05-2025
/// 21:12:00] - **Decision:** Constrain the loadings …`).
fn stamp_states_decision(item: &Item) -> bool {
    fields::stamped_decision(&item.text).is_some()
}

/// Whether the item after one opens a decision (`Decision: …`): beside it, at its level, or as
/// its first sub-item.
#[derive(Clone, Copy)]
struct Next {
    decides: bool,
    /// Its sub-items are its record's fields: the first opens a decision, or they are labels
    /// that name fields ([`labelled_sub_items_are_fields`]).
    heads: bool,
    /// The item before it at its level is one more numbered item, of a field's list.
    in_numbered_field: bool,
    /// Its first sub-item gives the reasons for it ([`fields::justifies_choice`]).
    justified: bool,
    /// The item after it comes after a thematic break (`---`).
    after_break: bool,
}

/// `traits` and `mark`: item `i`'s.
fn item(
    items: &mut [Item],
    rec: &mut Record,
    i: usize,
    (traits, mark): (&Traits, &Marks),
    next: Next,
    field_of: &mut [Option<Field>],
) {
    let next_decides = next.decides;
    if !rec.open {
        open(rec);
    }
    // A row appended to a log table belongs to that table, not to the record it follows; so
    // do the lines its last cell went on over (no decisions of their own).
    if mark.appended_row {
        close(items, rec, field_of);
        return;
    }
    // The next item at the level of a title that holds its record's fields as sub-items is
    // no part of that record (`- **Mac-only build**: …` after the sub-items of `- **Project
    // file format**: …`).
    // (Under a pseudo-heading of its own, `**Impact:**`, a list after the last such record
    // may be its field, or the list's.)
    if items[i].parent.is_none() {
        let sibling = title_sibling(items, rec, i);
        rec.fields_below_title = false;
        if sibling {
            restart(items, rec, field_of);
        }
    }
    let it = &items[i];
    if it.group.is_some() && it.group == rec.more_decisions_label {
        return;
    }
    // Template text describes the file; it belongs to no record. (An empty item, the first
    // `-` of `- - keep the moss`, passes its parent's field on to what it holds.)
    if traits.boilerplate {
        if it.text.trim().is_empty()
            && let Some(p) = it.parent
        {
            field_of[i] = field_of[p].clone();
        }
        return;
    }
    // Among a record's references (`## References` under its decision), a line with a link is
    // one more reference, whatever its label: `**Registro de Decisiones**: [Runbook.md …]` and
    // `**Decision Log**: [decisionLog.md …]` say where decisions are kept.
    // (Most items hold no link: that is asked first.)
    if !it.links.is_empty()
        && it.parent.is_none()
        && rec.decision.is_some()
        && let Some(field) = rec.context.as_ref().filter(|f| f.name() == "references")
    {
        let field = field.clone();
        rec.members.push((i, field.clone(), 0));
        field_of[i] = Some(field);
        return;
    }
    if it.block == Block::Heading {
        // The heading of a subsection inside an ADR (`### Architecture` over a diagram) is a
        // part of the record, not its statement: the ADR's own heading is. So is a heading
        // giving the reasons for the choice the record states (`### Why we chose Proxmox`
        // after `The cluster stays on Proxmox VE`: [`heading`] kept the record open).
        // (And so is a subsection inside a field after the decision, `### 1. Dockerfile` over
        // a diagram under `## Implementation Details`.)
        let part = (rec.decision_level.is_some() && rec.statement.is_some())
            || (rec.decision.is_some() && rec.context.as_ref().is_some_and(|f| *f != Field::Decision));
        let reasons_for_it = || fields::reasons_heading(&it.text).is_some() && rec.decision.or(rec.statement).is_some();
        if (part || reasons_for_it())
            && let Some(field) = rec.context.clone()
        {
            rec.members.push((i, field.clone(), usize::MAX));
            field_of[i] = Some(field);
            return;
        }
        rec.statement = Some(i);
        return;
    }
    // A table's row after a labelled decision of its section written as a paragraph
    // (`**Decision**: Cap how long each series is kept` over `| Series | Kept for | Why |`, or
    // under a `**Mapping**:` label after it): a part of that decision, in the field open —
    // unless the table has a `Decision` column, whose rows decide. (Not after a list of
    // decisions whose last item is labelled: the table may be the section's own; nor after a
    // decision that introduces several, `**Decision**: Several changes, agreed in the call.`,
    // whose table lists them — found by review.)
    if it.block == Block::TableRow
        && !mark.decision_row
        && !rec.decision_unlabelled
        && let Some(d) = rec.decision.filter(|&d| items[d].section == it.section && items[d].block == Block::Paragraph)
    {
        // (… and the rows of one that introduces several, `**Decision:** Three changes to the
        // on-call setup:`, are those decisions, dated with it.)
        if fields::introduces_several(&items[d].text) {
            rec.more_decisions.push(i);
        } else {
            let field = rec.context.clone().filter(|f| *f != Field::Decision).unwrap_or(DETAILS);
            rec.members.push((i, field.clone(), 0));
            field_of[i] = Some(field);
        }
        return;
    }
    if rec.expect_stamp_item && it.parent.is_none() {
        rec.expect_stamp_item = false;
        // (A line that labels what it says, `[…] - **Decision:** Prune from the backup node`,
        // states the record's decision, in any section.)
        if stamp_states_decision(it) {
            rec.decision = Some(i);
        } else {
            rec.statement = Some(i);
        }
        spells_out_last_decision(items, rec, i);
        return;
    }
    if rec.expect_stamp_summary && it.parent.is_none() {
        rec.expect_stamp_summary = false;
        // Unless it says it decided (`### 决策 [字幕编辑]`, then `[…] - 决定在字幕表格中支持双击
        // 编辑`): then the heading names the topic, the line states the decision.
        // (So does one that labels it, `[…] - **Decision:** Expose services through the
        // tunnel` under `### Decision (Code)`.)
        if stamp_states_decision(it)
            || fields::timestamp(&it.text).is_some_and(|(_, said)| fields::says_it_decided(said))
        {
            rec.decision = Some(i);
            return;
        }
        stamp_summary(items, rec, i, field_of);
        return;
    }
    // `→ **superseded by ADR-001-r1**` under a record's heading: its status, on a line of its
    // own, which retires the record.
    if it.parent.is_none() && fields::marks_superseded(&it.text) {
        rec.members.push((i, STATUS, 0));
        field_of[i] = Some(STATUS);
        rec.has_fields = true;
        return;
    }
    let labelled = traits.leading.as_ref().filter(|(f, _)| takes_field(rec, f)).cloned();
    // Under a field heading or label that opens a record's alternatives or options (`###
    // Alternatives Considered`), a bullet's label names the option it weighs (`- **State:**
    // Zustand — rejected`), not a field of the record's own.
    // Nor does a label partway down the list under a field's bold label (`**Feasibility**`,
    // then `- Docker: …`, `- 推理: …` (inference, also a word for reasoning), `- Vector size
    // fixed …`): what comes after the field's first lines is more of that field.
    // (A label alone over what follows, `- **Consequences:**`, opens the next field; a date,
    // `- **Timestamp:** …`, the next record.)
    let labelled = labelled.filter(|(field, skip)| {
        let named_context = matches!(&rec.context, Some(Field::Named(_)));
        // (Only among lines that name their own parts, `- Docker: …`, and never a record's
        // status or date: `- Status: Rejected` under `**Context:**` is the record's.)
        let in_field_list = || {
            let Some(prev) = previous_in_group_list(items, i) else { return false };
            rec.members.last().is_some_and(|(m, f, skip)| *m == prev && *skip == 0 && Some(f) == rec.context.as_ref())
                && !matches!(field.name(), "date" | "status")
                && fields::short_label(&items[prev].text)
                    .is_some_and(|(label, _)| fields::field_for_label(label).is_none() && kind_name(label).is_none())
                && !heads_what_follows(items, i, *skip)
                && items.get(i + 1).is_none_or(|n| n.parent != Some(i))
        };
        !(it.block == Block::ListItem
            && matches!(field, Field::Named(_))
            && named_context
            && ((rec.field_level.is_some()
                && matches!(&rec.context, Some(Field::Named(name)) if name == "alternatives" || name == "options"))
                || in_field_list()))
    });
    // `Решение` is a decision and a solution: right after a `Проблема` (problem) label, outside a
    // section of decisions (`### Signal Reactivity Pattern`, then `**Проблема:** …` and
    // `**Решение:** use Signal props`), it is the pattern's solution.
    let labelled = labelled.map(|(field, skip)| match field {
        Field::Decision if it.kind != Kind::Decision && solves_the_problem_before(items, rec, i, skip) => {
            (SOLUTION, skip)
        }
        field => (field, skip),
    });
    // A choice with its reasons under it (`* **Vite (构建工具)**：` over `* **选型理由**：…`) is the
    // statement of a record of its own, whatever field the one before left open.
    if next.justified && it.parent.is_none() && labelled.is_none() {
        if rec.statement.is_some() || rec.decision.is_some() || rec.has_fields {
            restart(items, rec, field_of);
        }
        rec.statement = Some(i);
        rec.justified = true;
        return;
    }
    if let Some(p) = it.parent {
        // Below a field, everything is that field's text; so is a sub-item of the record's
        // statement after a label alone among its sub-items (`* **选型理由**：`, then `* 一个工具
        // …`).
        let field = field_of[p].clone().or_else(|| rec.context.clone().filter(|_| rec.statement == Some(p)));
        // After the decision among a stamped statement's sub-items, a line with a label of its
        // own (`- Root Cause Analysis: …`, `- Deliverable 1: …`) is one more field, named by
        // it, and what lies under it is that field's.
        // (Not a label over choices of their own: `- Monitoring:` over `- Use Prometheus for
        // metrics`.)
        let over_choices = || {
            items[i + 1..]
                .iter()
                .take_while(|c| c.parent.is_some_and(|q| q >= i))
                .any(|c| c.parent == Some(i) && fields::opens_with_choice_verb(&c.text))
        };
        let own_label = || {
            (rec.statement == Some(p)
                && ((rec.decision.is_some() && rec.stamp_entry.is_some()) || rec.fields_below_title))
                .then(|| fields::short_label(&items[i].text))
                .flatten()
                .filter(|(label, _)| kind_name(label).is_none() && leading_date(label).is_none())
                .filter(|_| !over_choices())
        };
        if field.is_none()
            && labelled.is_none()
            && let Some((label, skip)) = own_label()
        {
            let field = named_by(label);
            rec.members.push((i, field.clone(), skip));
            field_of[i] = Some(field);
            return;
        }
        if labelled.is_none() || field_of[p].is_some() {
            if let Some(field) = field {
                rec.members.push((i, field.clone(), 0));
                field_of[i] = Some(field);
            }
            return;
        }
    }
    match labelled {
        Some((Field::Decision, skip)) => {
            // A statement before a `Decision:` is its title only in a record a timestamp or a
            // decision heading opened.
            // (So is a heading that stands for its body, `## 2026-04-03: Simplify the
            // deployment` over `Decision:` and its list.)
            let titles = rec.explicit || rec.statement.is_some_and(|s| items[s].block == Block::Heading);
            // (Not across a thematic break: `---`, then `**决策:** …`, is a record of its own,
            // with no title or fields from the one above.)
            let titles = titles && !mark.after_break;
            // (Nor a timestamp line that states its own decision, `[…] - **Decision:**
            // Constrain the loadings`: the `Decision` after it is the next record's.)
            let titles = titles && !rec.statement.is_some_and(|s| stamp_states_decision(&items[s]));
            if rec.decision.is_some() || (rec.statement.is_some() && !titles) || (mark.after_break && rec.has_fields) {
                restart(items, rec, field_of);
            }
            let nests = items.get(i + 1).is_some_and(|next| next.parent == Some(i));
            let value = items[i].text[skip..].trim();
            if value.is_empty() && !nests {
                // `Decision:` alone on its line heads the decision below it, as a
                // `### Decision` heading does.
                rec.members.push((i, Field::Decision, skip));
                field_of[i] = Some(Field::Decision);
                rec.has_fields = true;
                rec.context = Some(Field::Decision);
            } else {
                rec.decision = Some(i);
                rec.decision_unlabelled = value.is_empty();
                // `Decision: split the backup into three timers:` — the list after it is
                // its details. So is the list under a `**Decision**: …` paragraph
                // (`**Decision**: Extend the contract backward-compatibly` over the methods
                // it adds): it spells out that decision.
                // (Not a paragraph that goes on with the record's other fields, nor a list
                // whose items carry labels or dates of their own.)
                let spelled_out = items[i].block == Block::Paragraph
                    && items.get(i + 1).is_some_and(|n| {
                        n.block == Block::ListItem
                            && n.parent.is_none()
                            && bold_label(n).is_none()
                            && leading_date(&n.text).is_none()
                    })
                    && fields::inline_values(value).next().is_none();
                let introduces = (value.ends_with([':', '：']) || spelled_out) && !nests;
                rec.context = introduces.then_some(DETAILS);
            }
        }
        Some((field, skip)) => {
            // Under a heading that states the decision (`## ADR-010: …`) the next such heading
            // starts the next record: a label met twice there (`**Analysis:**` in the
            // rationale after `### Context`) is one more line of the record.
            // (Two labels naming one field, `Problem:` then `Root Cause:`, are two parts of it.)
            let label = fields::label_key(items[i].text.get(..skip).unwrap_or(""));
            // A date after a record's fields opens the next record where the log writes its
            // dates first: a `Decision:` right after it (not across a `---`), a thematic break
            // before it, or a date the record already has. Else it closes the record it ends
            // (`**Decision:**`, its `**Rationale:**`, then `**Timestamp:** 2025-05-25` and
            // `---`).
            let dates_next = || {
                (next_decides && !next.after_break)
                    || mark.after_break
                    || rec.members.iter().any(|(_, f, _)| f.name() == "date")
                    || rec.stamp_date.is_some()
            };
            let starts_next = rec.decision_level.is_none()
                && (rec.seen_labels.contains(&label)
                    || (field.name() == "date"
                        && rec.has_fields
                        && (rec.statement.is_some() || rec.decision.is_some())
                        && dates_next()));
            // Partway down the list under a field's bold label (`**Rationale**:`, then `- 4th
            // iteration: …`, `- Root cause: …`, `- @onchange fires once …`), a line with a
            // label of its own is that field, and the lines after it go on with the list's
            // (they had been decisions of their own: round 184).
            // (Not past a date or a status, which end the record's list; and past two labelled
            // lines in a row, `- Root cause: …` then `- Impact: …`, found by review.)
            let list_goes_on = rec.context.clone().filter(|f| {
                *f != Field::Decision
                    && !starts_next
                    && !matches!(field.name(), "date" | "status")
                    && previous_in_group_list(items, i).is_some_and(|prev| field_of[prev].is_some())
            });
            if starts_next {
                restart(items, rec, field_of);
            }
            rec.members.push((i, field.clone(), skip));
            rec.seen_labels.insert(label);
            field_of[i] = Some(field.clone());
            rec.has_fields = true;
            rec.context = (heads_what_follows(items, i, skip) || mark.label_line).then_some(field).or(list_goes_on);
        }
        // A title whose first sub-item is a `Decision:` (`2. **Configuration management**:`
        // over `- Decision: …`, `- Rationale: …`) is the title of the record they make, even
        // among another record's fields (and so is one whose labelled sub-items name fields,
        // outside another record: `- **Backup format**: …` over `- **User Question**: …`, `-
        // **Technical Decision**: …`); so is a numbered title right over a `Decision:` at its
        // level (`2) Audio stack: Web Audio API`, then `- Decision: …`).
        // (Not among a record's leading fields, `2. Owning team: …` before `3. Decision: …`,
        // nor under a record's title that waits for its decision, nor the last item of a field's
        // numbered list, `2. One more service to patch` under `Consequences:`.)
        None if (next.heads
            || (mark.numbered
                && next.decides
                && items.get(i + 1).is_some_and(|n| n.section == items[i].section)
                && (rec.decision.is_some() || (rec.statement.is_none() && !rec.has_fields))
                && !next.in_numbered_field))
            && items[i].parent.is_none() =>
        {
            if rec.statement.is_some() || rec.decision.is_some() || rec.has_fields {
                restart(items, rec, field_of);
            }
            rec.explicit = true;
            rec.statement = Some(i);
            rec.fields_below_title = next.heads;
        }
        // `**Reverse Proxy**: Put Caddy in front …` with `**Rationale**: …` and
        // `**Implementation Details**: …` on the lines under it: a paragraph that carries its
        // own fields is a record of its own, not a detail or a field of the one before.
        // (A record that a decision heading opened, still waiting for its decision under its
        // `### Decision`, takes such a paragraph as its decision: `## ADR-1: …`, `###
        // Decision`, then the paragraph.)
        None if holds_own_record(&items[i]) && !awaits_decision(rec) => {
            let decides = rec.context == Some(Field::Decision);
            if rec.decision.or(rec.statement).is_some() {
                restart(items, rec, field_of);
            }
            rec.explicit = true;
            rec.whole_paragraph = true;
            rec.has_fields = true;
            if decides {
                rec.decision = Some(i);
                rec.decision_unlabelled = true;
                rec.context = Some(Field::Decision);
            } else {
                rec.statement = Some(i);
                spells_out_last_decision(items, rec, i);
            }
        }
        None => match rec.context.clone() {
            Some(Field::Decision) => match rec.decision {
                None => {
                    rec.decision = Some(i);
                    rec.decision_unlabelled = true;
                }
                // A `Decision` written as prose is one decision: its first paragraph states
                // it, and the paragraphs and lists after it are its details (an ADR's
                // `### Decision`). Written as a list, each item is a decision of its own.
                Some(d) if items[d].block == Block::Paragraph && items[i].parent.is_none() => {
                    rec.members.push((i, DETAILS, 0));
                    field_of[i] = Some(DETAILS);
                }
                Some(_) => rec.more_decisions.push(i),
            },
            // How a record came to its decision (`### 决策过程`, `**Decision history:**`): the
            // last line that says it decided (`经过分析，决定采用增量备份方案：`) is the record's
            // decision if it has no `Decision` field ([`close`] settles it).
            Some(field @ Field::Named(_))
                if field.name() == "history"
                    && items[i].parent.is_none()
                    && fields::says_it_decided(&items[i].text) =>
            {
                rec.members.push((i, field.clone(), 0));
                field_of[i] = Some(field);
                rec.decided_in_history = Some(i);
            }
            // A plain label alone after a field's list that names what is weighed
            // (`Implementation considerations:` after `Benefits of this approach:` and its
            // items) opens the record's next field.
            Some(_) if plain_label(&items[i]).is_some_and(fields::names_a_weighing) => {
                let label = &items[i].text;
                let field = fields::field_for_label(label).unwrap_or_else(|| named_by(label));
                rec.members.push((i, field.clone(), label.len()));
                field_of[i] = Some(field.clone());
                rec.context = Some(field);
            }
            // A labelled paragraph after a field's list (`**Caveat**: …` after `**Measured
            // values**:` and its items) is the record's next field, not a line of the last.
            Some(_) if takes_labels(rec) && paragraph_label(&items[i]).is_some() => {
                label_field(items, rec, i, field_of);
            }
            Some(field) => {
                rec.members.push((i, field.clone(), 0));
                field_of[i] = Some(field);
            }
            None if items[i].parent.is_some() => {}
            // In a record a timestamp or decision heading opened, `**Focus:** …` after the
            // statement is one more field, named by its label; so is `**Trade-offs:** …` after
            // a `Decision` field.
            // A bold date (`- **2025-07-24:** Decided to …`) is no label: it dates an entry of
            // its own.
            None if takes_labels(rec) && bold_label(&items[i]).is_some_and(|label| leading_date(label).is_none()) => {
                label_field(items, rec, i, field_of);
            }
            // Inside a record with its decision and fields, or just before its `Decision:`, a
            // short label names one more field: `Revisit when: …`, `Origin: …`.
            // An item holding sub-items (`- **T-12 test run:**` over its report) or naming a
            // kind (`- **Technical Decisions:**` over a list) heads a list, not a field.
            None if rec.has_fields
                && (rec.decision.is_some() || next_decides)
                && items.get(i + 1).is_none_or(|n| n.parent != Some(i))
                && fields::short_label(&items[i].text)
                    .is_some_and(|(label, _)| kind_name(label).is_none() && leading_date(label).is_none()) =>
            {
                let (label, skip) = fields::short_label(&items[i].text).unwrap_or_default();
                let field = named_by(label);
                rec.members.push((i, field.clone(), skip));
                field_of[i] = Some(field);
            }
            // `Achievements:` alone on its line, among a record's fields, is one more field.
            None if rec.has_fields && is_label_only(&items[i].text) => {
                let field = named_by(&items[i].text);
                rec.members.push((i, field.clone(), items[i].text.len()));
                field_of[i] = Some(field.clone());
                rec.context = Some(field);
            }
            // Under a heading that states the decision (`## DEC-001 — Standard stack`, `### ADR-3:
            // Keep Caddy`), the paragraphs and lists are its details, not decisions of their
            // own.
            None if rec.decision.is_none()
                && rec.decision_level.is_some()
                && rec
                    .statement
                    .is_some_and(|s| items[s].block == Block::Heading && items[s].kind == Kind::Decision)
                && fields::timestamp(&items[i].text).is_none() =>
            {
                rec.members.push((i, DETAILS, 0));
                field_of[i] = Some(DETAILS);
            }
            // Under a dated entry's heading, after its labelled `**Decision:** …` paragraph, a
            // note that tells of it — a paragraph opening with a bold sentence (`**The client
            // had a real bug that only live data could reveal.**`) or with a label that names
            // no field or kind (`Evidence (measured, not assumed): …`, `Still open: …`,
            // `Design note: …`) — is its details, unless it adopts or switches something of its
            // own. (Plain sentences and lists may be more decisions: `We also dropped the
            // tunnel`, `- Keep Authelia in front`; found by review.)
            None if items[i].parent.is_none()
                && items[i].group.is_none()
                && items[i].block == Block::Paragraph
                && tells_of_the_decision(&items[i])
                && !rec.decision_unlabelled
                // (An entry's: a dated heading opens one; a file's `Last updated:` line dates
                // the file's first entry, no record.)
                && rec.decision.is_some_and(|d| {
                    items[d].block == Block::Paragraph
                        && items[d].section == items[i].section
                        && items[d].entry == items[i].entry
                        && items[d].entry > 0
                        && items[d].date.is_some()
                })
                && fields::timestamp(&items[i].text).is_none()
                // (Nor a dated line, an entry of its own: `- **2025-03-06:** 决定把监控迁移到
                // Prometheus。`.)
                && leading_date(&items[i].text).is_none()
                && !fields::says_it_decided(&items[i].text)
                && !fields::states_adoption(&items[i].text, items[i].bold.as_deref())
                && !fields::states_switch(&items[i].text) =>
            {
                rec.members.push((i, DETAILS, 0));
                field_of[i] = Some(DETAILS);
            }
            None => {
                // A timestamped statement after fields starts the next record: it is dated
                // by its own stamp, not by the fields before it (`**Timestamp:** …
                // **Details:** …` then `[2025-07-06 12:21] - Moved …`).
                let stamped = || rec.has_fields && fields::timestamp(&items[i].text).is_some();
                if rec.statement.is_some() || rec.decision.is_some() || stamped() {
                    restart(items, rec, field_of);
                }
                rec.statement = Some(i);
            }
        },
    }
}

/// Whether `label` (a `Decision` label as written, `Framework decision:`) names a topic before
/// the word: more than `Decision` or `Decisión` alone.
fn names_a_topic_decision(label: &str) -> bool {
    let words = label.trim().trim_end_matches([':', '：', '*', '_']).trim_start_matches(['*', '_']);
    words.split_whitespace().count() > 1
}

/// Whether the items right under item `i` name choices of their own (`- ECS Fargate for
/// containers`, `- Queue: SQS`, `- Use Terragrunt for DRY configs` under `Use AWS for
/// hosting`; found by review): they are no reasons of the line above them.
fn parts_name_choices(items: &[Item], i: usize) -> bool {
    items[i + 1..].iter().take_while(|it| it.parent.is_some()).filter(|it| it.parent == Some(i)).any(|it| {
        let t = it.text.trim();
        t.contains(" for ") || fields::named_before_colon(t).is_some() || fields::after_use(t).is_some()
    })
}

/// Whether `value` is one note in brackets and nothing else: `(Blocking Phase 2)`, `（待定）`.
fn is_only_a_note(value: &str) -> bool {
    fields::note_in_brackets(value).is_some()
}

/// Whether item `i` stands at the level of a title that holds its record's fields as sub-items,
/// in its list: it is no part of that record.
fn title_sibling(items: &[Item], rec: &Record, i: usize) -> bool {
    rec.fields_below_title
        && items[i].parent.is_none()
        && rec.statement.is_some_and(|s| same_list(items, s, i) && items[s].block == items[i].block)
}

/// Whether items `a` and `b` stand under the same heading and pseudo-heading.
fn same_list(items: &[Item], a: usize, b: usize) -> bool {
    items[a].section == items[b].section && items[a].group == items[b].group
}

/// Whether the open record's decision or statement is a sub-item of an earlier item of `i`'s
/// list (`- **Technical Decision**: …` under `- **DNS flapping**`): that record ends with that
/// item, and `i` may open the next.
fn record_under_an_item_before(items: &[Item], rec: &Record, i: usize) -> bool {
    items[i].parent.is_none()
        && rec.decision.or(rec.statement).is_some_and(|d| items[d].parent.is_some() && same_list(items, d, i))
}

/// Whether the sub-items of item `i` are labelled and one of them names a record's field: `-
/// **Project file format**: JSON over a binary format` over `- **User question**: …`, `-
/// **Technical decision**: JSON for readability` and `- **Implementation**: …`. (The first
/// few: a label then prose under it is a list of something else. And labels that name no
/// field, `- Postgres: the main store`, `- Redis: the cache`, are choices of their own.)
/// (Among the first lines under it: a list nested deep under each title is read in a bounded
/// number of steps per title.)
fn labelled_sub_items_are_fields(items: &[Item], traits: &[Traits], i: usize) -> bool {
    let (names_field, open, decides) = items[i + 1..]
        .iter()
        .zip(&traits[i + 1..])
        .take_while(|(c, _)| c.parent.is_some_and(|p| p >= i))
        .take(256)
        .filter(|(c, _)| c.parent == Some(i))
        .take(6)
        .take_while(|(c, t)| t.leading.is_some() || fields::short_label(&c.text).is_some())
        .fold((false, false, false), |(names_field, open, decides), (c, t)| {
            let field = t.leading.as_ref();
            let says_open = || {
                field
                    .is_some_and(|(f, skip)| f.name() == "status" && c.text.get(*skip..).is_some_and(fields::not_taken))
            };
            (names_field || field.is_some(), open || says_open(), decides || t.opens_decision())
        });
    // (A `Status` that says it is still open, beside a `Decision`, is the title's, a task's or
    // an issue's: `- **DNS flapping**` over `- **Status**: Open` and `- **Technical
    // Decision**: …` tells of an issue, and its decision is no record's with that status;
    // `- **Status**: Accepted` is the record's.)
    names_field && !(open && decides)
}

/// Whether item `i`, labelled `Решение` (its label `skip` bytes long), comes right after the
/// record's `Проблема` label, or first under a heading that names a problem: a problem and its
/// solution.
fn solves_the_problem_before(items: &[Item], rec: &Record, i: usize, skip: usize) -> bool {
    let after_label = rec.members.last().is_some_and(|&(p, _, p_skip)| {
        p + 1 == i
            && p_skip > 0
            && fields::label_key(items[p].text.get(..p_skip).unwrap_or("")) == fields::label_key("Проблема")
    });
    (after_label || first_under_problem(rec)) && names_solution(items[i].text.get(..skip).unwrap_or(""))
}

/// The field a `Решение` that solves a problem fills ([`solves_the_problem_before`]).
const SOLUTION: Field = Field::Named(std::borrow::Cow::Borrowed("solution"));

/// Whether nothing of a record a problem's heading opened has come yet: its first item.
fn first_under_problem(rec: &Record) -> bool {
    rec.under_problem && rec.members.is_empty() && rec.statement.is_none()
}

/// Whether a label is `Решение` (marks, case and a closing colon aside).
fn names_solution(label: &str) -> bool {
    fields::label_key(label) == fields::label_key("Решение")
}

/// Whether `rec` takes field `f` here: a field only a record has (`### Considerations`,
/// [`fields::only_in_record`]) needs a record with its decision or fields.
fn takes_field(rec: &Record, f: &Field) -> bool {
    !fields::only_in_record(f) || (rec.open && (rec.decision.is_some() || rec.has_fields))
}

/// A heading that names a problem: `Проблема: Memory Bank не синхронизирован`, `Problem: …`.
fn names_a_problem(title: &str) -> bool {
    let t = title.trim_start();
    ["Проблема", "проблема", "Problem", "problem"]
        .iter()
        .any(|p| t.strip_prefix(p).is_some_and(|rest| rest.is_empty() || rest.starts_with([':', ' ', '：'])))
}

/// The item before item `i` at its level, under its parent and in its section: found from the
/// item right before it, up its parents (a few steps, the list's depth).
fn previous_sibling(items: &[Item], i: usize) -> Option<usize> {
    let item = &items[i];
    let mut p = i.checked_sub(1)?;
    while items[p].parent != item.parent {
        p = items[p].parent.filter(|&q| q < i)?;
    }
    (items[p].section == item.section).then_some(p)
}

/// The item right before item `i` when both are top-level items of the list under one bold
/// label (`**Rationale**:` over `- …`).
fn previous_in_group_list(items: &[Item], i: usize) -> Option<usize> {
    let prev = i.checked_sub(1)?;
    let (it, before) = (&items[i], &items[prev]);
    (it.block == Block::ListItem
        && it.parent.is_none()
        && it.group.is_some()
        && before.block == Block::ListItem
        && before.parent.is_none()
        && before.group == it.group)
        .then_some(prev)
}

/// A record whose bold labels are its fields: it has its decision, or a timestamp or decision
/// heading opened it and its statement is there.
fn takes_labels(rec: &Record) -> bool {
    rec.decision.is_some() || (rec.explicit && rec.statement.is_some())
}

/// A record a timestamp or a decision heading opened, with its statement, under its `Decision`
/// heading or label and no decision yet.
fn awaits_decision(rec: &Record) -> bool {
    rec.explicit
        && !rec.whole_paragraph
        && rec.decision.is_none()
        && rec.statement.is_some()
        && rec.context == Some(Field::Decision)
}

/// The stage item `i` names, when it is one of a timeline: an item beside it, under the same
/// parent, names a stage too — past a line between them that says what was wrong with the
/// stage before (`**Initial**: …`, `**Problem**: …`, `**Current**: …`). (Not past a stage's
/// reasons or status, `**Current**: PostgreSQL` over `**Rationale**: …` beside `**Target**:
/// …`: those are labelled decisions, and their record's fields.)
fn timeline_stage(items: &[Item], i: usize) -> Option<fields::Stage> {
    // (A label naming the state a change reached, `**Current Implementation**:` beside
    // `**Initial Plan**:`, tells the change as before and after, no stage of a timeline; found
    // by review. `Current Approach` after `Initial Approach` still is one.)
    let stage_of = |item: &Item| {
        fields::stage(&item.text)
            .filter(|_| fields::leading_field(&item.text, item.bold.as_deref()).is_none_or(|(f, _)| f.name() != "new"))
    };
    let stage = stage_of(&items[i])?;
    let item = &items[i];
    let sibling = |n: &Item| n.parent == item.parent && n.section == item.section;
    let between = |n: usize| {
        sibling(&items[n])
            && stage_of(&items[n]).is_none()
            && fields::leading_field(&items[n].text, items[n].bold.as_deref())
                .is_some_and(|(f, _)| f.name() == "context")
    };
    siblings_beside(items, i, |n| !between(n)).any(|n| stage_of(&items[n]).is_some()).then_some(stage)
}

/// Item `i`'s siblings right before and after it (under the same parent, in the same
/// section), past the items `live` leaves out; see [`neighbours`].
fn siblings_beside(items: &[Item], i: usize, live: impl Fn(usize) -> bool) -> impl Iterator<Item = usize> + '_ {
    let (parent, section) = (items[i].parent, items[i].section);
    neighbours(items, i, live)
        .into_iter()
        .flatten()
        .filter(move |&n| items[n].parent == parent && items[n].section == section)
}

/// The items right before and after item `i` at its depth or above, past any sub-items of
/// theirs or its own, among those `live` keeps: its siblings when they share its parent.
pub(crate) fn neighbours(items: &[Item], i: usize, live: impl Fn(usize) -> bool) -> [Option<usize>; 2] {
    let depth = items[i].depth;
    let at_depth = |&n: &usize| live(n) && items[n].depth <= depth;
    [(0..i).rev().find(at_depth), (i + 1..items.len()).find(at_depth)]
}

/// A bold label's item as one more field of the record, named by the label. A label with
/// nothing after it, or whose text ends in a colon (`**Sources**:` over a list of links),
/// heads the items after it, unless it holds them as sub-items.
fn label_field(items: &[Item], rec: &mut Record, i: usize, field_of: &mut [Option<Field>]) {
    let Some(label) = bold_label(&items[i]) else { return };
    let field = named_by(label);
    // The label and the colon after it (`bold_label` saw it: both are ASCII-bounded).
    let skip = label.len() + 1;
    rec.members.push((i, field.clone(), skip));
    field_of[i] = Some(field.clone());
    rec.has_fields = true;
    rec.context = heads_what_follows(items, i, skip).then_some(field);
}

/// Whether item `i`, a label whose value starts at `skip`, heads the items after it: alone on
/// its line, or with text ending in a colon (`Implementation: created these files:`) — unless
/// it holds what it labels as its sub-items (`- **Files Modified**:` over a nested list), when
/// the next label at its level is a field of its own.
fn heads_what_follows(items: &[Item], i: usize, skip: usize) -> bool {
    let value = items[i].text.get(skip..).unwrap_or("").trim();
    // (`- **Alternatives Considered:**` over `  - - keep the moss`, then the other options
    // flush left: the list meant to sit under the label starts with an empty item, and the
    // lines after it go on with the label's field.)
    let nests = items.get(i + 1).is_some_and(|next| {
        next.parent == Some(i)
            && !(next.text.trim().is_empty() && items.get(i + 2).is_some_and(|n| n.parent == Some(i + 1)))
    });
    (value.is_empty() || value.ends_with([':', '：'])) && !nests
}

/// The field a label mb has no name for heads, named by the label: `**Known Risks:**` →
/// `known risks`.
fn named_by(label: &str) -> Field {
    Field::Named(label.trim().trim_end_matches([':', '：']).to_lowercase().into())
}

/// `**Caveat**: …` as a paragraph of its own: the label of a part of a record, when it is a
/// short label naming no kind and no date.
fn paragraph_label(item: &Item) -> Option<&str> {
    if item.block != Block::Paragraph || item.parent.is_some() {
        return None;
    }
    bold_label(item).filter(|l| leading_date(l).is_none() && kind_name(l).is_none() && fields::is_short_label(l))
}

/// A paragraph that opens with a bold label and carries record fields on the lines under it
/// (`**Log Shipping**: Use Vector` then `**Rationale**: …`): a whole record.
fn holds_own_record(item: &Item) -> bool {
    paragraph_label(item).is_some()
        && fields::inline_values(&item.text).any(|(f, _)| f != Field::Decision && f.name() != "date")
}

/// The bold lead of `**Label:** text`, when the colon follows it.
pub(crate) fn bold_label(item: &Item) -> Option<&str> {
    let bold = item.bold.as_deref()?;
    item.text.get(bold.len()..)?.starts_with(':').then_some(bold)
}

/// A log line's paragraph whose title, after its timestamp, states a choice
/// (`[2026-04-27 10:00] - **Bind the provider behind an opt-in**`; not `[…] - Sprint notes`,
/// see [`fields::title_states_choice`]).
fn states_in_stamped_title(item: &Item) -> bool {
    item.block == Block::Paragraph
        && item.parent.is_none()
        && fields::said_at(&item.text).is_some()
        && fields::title_states_choice(&item.text)
}

/// A record's heading that names a topic, not the choice its `Decision` list spells out nor
/// the fix it made: `Backend Technology Stack`, `Band Color Persistence` (after `ADR-002:`) —
/// not `Move the backups to the NAS`, `Fix the location update authentication`, nor a title in
/// another script, read as stating what it heads.
fn names_a_topic(title: &str) -> bool {
    // A choice named as a noun states it too: `Adoption of Caddy as the edge proxy`, `Migration
    // to Talos Linux`, `Retiring the Pi-hole`; and so does a title saying what was chosen, `Why
    // we chose Caddy` (found by review).
    const CHOOSING: &[&str] = &[
        "adoption",
        "migration",
        "migrating",
        "move",
        "moving",
        "switch",
        "switching",
        "replacement",
        "replacing",
        "retiring",
        "retirement",
        "deprecation",
        "deprecating",
        "removal",
        "introduction",
        "introducing",
        "choice",
        "choosing",
        "selection",
        "use",
        "using",
    ];
    const CHOSE: &[&str] = &["chose", "chosen", "picked", "selected", "adopted", "decided", "opted", "went"];
    let first = title.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("");
    title.is_ascii()
        && !fields::title_states_choice(title)
        && !fields::reports_fix(title)
        && !fields::reports_work_done(title)
        && !fields::is_word_of(first, CHOOSING)
        && !fields::holds_word_of(title, CHOSE)
}

/// Whether a line in a `Decision` list tells of an option weighed and turned down: `We
/// considered Django but it is too heavy`, `Evaluated MongoDB, rejected`.
fn turns_down(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', ')', ' ']);
    ["rejected", "discarded", "dismissed"].iter().any(|w| fields::ends_ignoring_case(t, w))
        || ["considered ", "evaluated ", "we considered ", "we evaluated "]
            .iter()
            .any(|p| fields::starts_ignoring_case(t, p))
}

/// A line that only names what follows: `Achievements:`.
fn is_label_only(text: &str) -> bool {
    let t = text.trim();
    let head = t.trim_end_matches([':', '：']);
    head.len() < t.len() && t.chars().count() <= 40 && !head.contains([':', '.', '：'])
}

/// `Implementation considerations:` as a paragraph of its own: a short plain label alone on
/// its line, without its colon.
fn plain_label(item: &Item) -> Option<&str> {
    // (Asked of items inside fields: the closing colon is looked at first.)
    if !item.text.ends_with([':', '：']) || item.block != Block::Paragraph || item.parent.is_some() {
        return None;
    }
    let label = item.text.trim_end_matches([':', '：']).trim();
    (is_label_only(&item.text) && fields::is_short_label(label)).then_some(label)
}

/// A label holding a date outside its brackets (`**Update 2026-02-20**:`, not `**Sources
/// (checked 2026-04-14)**:`): a later entry, no field of the record before it.
/// A paragraph that opens as a note on a decision: with a bold sentence (`**The old setup
/// failed silently.** …`) or a label that names no field, kind or decision (`Evidence
/// (measured, not assumed): …`, `Still open: …`, `Design note: …`).
fn tells_of_the_decision(item: &Item) -> bool {
    if let Some(bold) = item.bold.as_deref() {
        // A sentence about the setup (`**The old setup failed silently.**`), not one that
        // decides (`**Drop the Cloudflare tunnel.**`, `**We also retire …**`, `**Reverted on
        // …**`, `**This supersedes …**`; found by review).
        let bold = bold.trim_end();
        let lower = bold.to_ascii_lowercase();
        let first = lower.split_whitespace().next().unwrap_or("");
        // (`**Each host gets its own age key.**`, `**There will be no public SSH.**` state
        // policies.)
        const ABOUT: [&str; 4] = ["the", "this", "that", "it"];
        const POLICY: [&str; 5] = [" must ", " shall ", " never ", " always ", " stays "];
        const DECIDES: [&str; 12] = [
            "also",
            "replace",
            "revert",
            "supersede",
            "retire",
            "drop",
            "switch",
            "move",
            "adopt",
            "instead",
            "decide",
            "roll",
        ];
        return bold.ends_with(['.', '!'])
            && bold.split_whitespace().count() >= 3
            && ABOUT.contains(&first)
            && !DECIDES.iter().any(|w| lower.contains(w))
            && !POLICY.iter().any(|w| lower.contains(w));
    }
    // (A note's label: evidence, what is still open, a design note, a correction — not a
    // topic, `DNS: …`, `Firewall: …`, nor one adding more, `Also: …`; found by review.)
    const NOTES: [&str; 16] = [
        "evidence",
        "still",
        "note",
        "notes",
        "design",
        "correction",
        "why",
        "caveat",
        "caveats",
        "background",
        "finding",
        "findings",
        "observation",
        "aside",
        "measured",
        "numbers",
    ];
    fields::short_label(&item.text).is_some_and(|(label, _)| {
        let lower = label.trim().to_ascii_lowercase();
        lower.split(|c: char| !c.is_ascii_alphanumeric()).next().is_some_and(|w| NOTES.contains(&w))
            && fields::field_for_label(label).is_none()
            && kind_name(label).is_none()
            && !super::heading::may_name(label, Some(Kind::Decision))
            && !fields::opens_with_choice_verb(label)
    })
}

/// A label over what was turned down: `Rejected`, `Rejected options`, `Not chosen`,
/// `Discarded`.
fn names_rejection(label: &str) -> bool {
    let lower = label.trim().to_ascii_lowercase();
    ["rejected", "not chosen", "discarded", "declined"].iter().any(|w| lower.starts_with(w))
}

fn names_a_day(label: &str) -> bool {
    find_date(label.split(['(', '（']).next().unwrap_or("")).is_some()
}

/// Closes the record and opens the next one in the same place.
fn restart(items: &mut [Item], rec: &mut Record, field_of: &mut [Option<Field>]) {
    let stamp_entry = rec.stamp_entry;
    close(items, rec, field_of);
    open(rec);
    rec.stamp_entry = stamp_entry;
}

fn close(items: &mut [Item], rec: &mut Record, field_of: &mut [Option<Field>]) {
    let mut rec = std::mem::take(rec);
    if !rec.open || !(rec.explicit || rec.has_fields || rec.decision.is_some()) {
        return;
    }
    // A record that tells in its history how it decided, and has no `Decision` field: the
    // last line saying it decided is the decision, and when it introduces what follows
    // (`经过比较，决定采用增量备份方案：` over the plan's parts) what its history holds after it
    // spells it out.
    if rec.decision.is_none()
        && let Some(h) = rec.decided_in_history
    {
        rec.decision = Some(h);
        rec.members.retain(|(m, _, _)| *m != h);
        field_of[h] = None;
        if items[h].text.trim_end().ends_with([':', '：']) {
            for (m, field, _) in &mut rec.members {
                if *m > h && field.name() == "history" {
                    *field = DETAILS;
                    field_of[*m] = Some(DETAILS);
                }
            }
        }
    }
    // A `Decision` written as a list under a heading that states the decision (`## ADR-12:
    // Tag articles by content`) spells that decision out: the heading is the decision, the
    // items its details.
    // So does a log line's title that states it (`[2026-04-27 10:00] - **Bind the provider
    // behind an opt-in**` over `**Decision:**` and its list): a `Decision` label names one
    // decision, and its list the parts of it (`**Decisions:**`, which names several, is no
    // `Decision` field). Not across a heading: a file's update log line over its `## Decision`
    // titles nothing.
    let spelled_out = match (rec.decision, rec.statement) {
        (Some(d), Some(s)) => {
            rec.decision_unlabelled
                && items[d].block == Block::ListItem
                // (Not a heading that reports a fix, `### 决策 #007: 修复编译错误` (fix the
                // build errors) over `- **决策**:` and the two changes it made: those are the
                // record's decision; round 239.)
                && !fields::reports_fix(&items[s].text)
                // (A heading that names a topic, `## ADR-002: Backend Technology Stack`, leaves
                // the items the decisions: `- **Runtime:** Node.js`, `- **Framework:** Fastify`;
                // round 279.)
                && ((items[s].block == Block::Heading && !names_a_topic(&items[s].text))
                    || (items[s].section == items[d].section && states_in_stamped_title(&items[s])))
        }
        _ => false,
    };
    if spelled_out {
        for m in rec.decision.into_iter().chain(rec.more_decisions.drain(..)) {
            // (`- **Final decision**:` alone over sub-items: they are what it says, and the
            // label says nothing of its own.)
            if is_label_only(&items[m].text) {
                rec.members.push((m, DETAILS, items[m].text.len()));
                let children: Vec<usize> = (m + 1..items.len())
                    .take_while(|&c| items[c].parent.is_some_and(|q| q >= m))
                    .filter(|&c| items[c].parent == Some(m))
                    .collect();
                rec.members.extend(children.into_iter().map(|c| (c, DETAILS, 0)));
            } else {
                rec.members.push((m, DETAILS, 0));
            }
        }
        rec.decision = None;
    }
    let decision = rec.decision.or(rec.statement);
    // A table row brings its columns as fields already.
    let mut collected: Vec<(String, String)> =
        decision.map(|d| std::mem::take(&mut items[d].fields)).unwrap_or_default();
    let mut date = None;
    // The statement above an explicit `Decision` field is the record's title.
    let title = rec.decision.and(rec.statement).filter(|&s| Some(s) != decision);
    if let Some(t) = title {
        // (A title written as a label, `Runner deployment:`, without its colon.)
        let text = items[t].text.trim_end().trim_end_matches([':', '：']).to_string();
        fields::add_field(&mut collected, "title", &text);
    }
    let mut members: Vec<(usize, Field, usize)> = rec.members;
    if let Some(t) = title {
        members.push((t, Field::Named("title".into()), usize::MAX));
    }
    for (m, field, skip) in &members {
        let item = &mut items[*m];
        if *skip != usize::MAX {
            let value = item.text.get(*skip..).unwrap_or("");
            let own = fields::before_inline_fields(value);
            fields::add_field(&mut collected, field.name(), own);
            if field.name() == "date" {
                // (`**Fecha:** 03/05/2025` is 3 May: a Spanish label writes the day first.)
                let day_first = || {
                    fields::writes_day_first(item.text.get(..*skip).unwrap_or(""))
                        .then(|| super::heading::day_first_date(value))
                        .flatten()
                };
                date = date.or_else(|| find_date(value).map(|(d, _)| d)).or_else(day_first);
            }
            // A record's `**When**:` dates it when it opens with a date (`When: 2026-01-09`;
            // not `When: traffic exceeds 1k rps, we shard`, a condition).
            if field.name() == "when" {
                date = date.or_else(|| leading_date(value.trim_start()));
            }
            // `**Status:** Accepted` and `**Date:** 2025-06-02` on two lines of one paragraph.
            add_inline_fields(&mut collected, &mut date, value);
        }
        item.field = Some(field.name().to_string());
        item.record = decision;
        if item.kind == Kind::Decision {
            item.kind = Kind::Other;
        }
        field_of[*m] = Some(field.clone());
    }
    let Some(d) = decision else { return };
    let item = &mut items[d];
    // `**Decision:** … **Date:** 2025-07-23 …`: the date written in the decision's own
    // paragraph dates it.
    add_inline_fields(&mut collected, &mut date, &item.text);
    let date = date.or(rec.stamp_date);
    // (A choice with its reasons, `* **Vite (build tool)**：` over `* **选型理由**：…`, wherever
    // it stands; a pattern, a task or a change keeps its kind.)
    let justified =
        rec.justified && rec.decision.is_none() && item.kind == Kind::Other && !fields::is_question(&item.text);
    if rec.decision.is_some() || item.block == Block::Heading || rec.under_decision_heading || justified || spelled_out
    {
        item.kind = Kind::Decision;
    }
    // (The record's status is each decision's: a `Rejected` or `Superseded` ADR takes every
    // item of its `Decision` list with it; found by review.)
    let status: Option<(String, String)> = collected.iter().find(|(name, _)| name == "status").cloned();
    item.fields = collected;
    let kind = item.kind;
    if let Some(date) = date {
        item.date = Some(date);
    }
    // The other items of a `Decision` written as a list are decisions as the first is — not
    // one that tells of an option weighed and turned down (`We considered Django but it is too
    // heavy`, `Evaluated MongoDB, rejected`; found by review).
    for &m in &rec.more_decisions {
        if kind == Kind::Decision && !turns_down(&items[m].text) {
            items[m].kind = Kind::Decision;
        }
        items[m].date = date.or(items[m].date);
        if let Some((name, value)) = &status {
            fields::add_field(&mut items[m].fields, name, value);
        }
    }
}

/// The fields written inline after a label's own text (`… **Date:** 2025-06-02`), into
/// `collected`; a `Date` among them dates the record unless a date was found before.
fn add_inline_fields(collected: &mut Vec<(String, String)>, date: &mut Option<jiff::civil::Date>, text: &str) {
    for (f, v) in fields::inline_values(text) {
        if f.name() == "date" && date.is_none() {
            *date = find_date(v).map(|(d, _)| d);
        }
        fields::add_field(collected, f.name(), v);
    }
}

/// `- **Decision:**` with nothing after it, over a list (`1. Adopt the pattern the docs
/// recommend`, `2. Forward the refs`): the list says what was decided, each of its items a
/// decision carrying the record's fields and date, and the label only heads it. An item that
/// is itself a bare label over a list (`3. **Core:**` over its parts) hands the decision to its
/// parts; a labelled part (`1. **Root cause:** …`, `4. **Impact:** …`) is a field of the
/// record, not what it decided. Runs last: the passes before read such a list as the label's
/// details.
fn spell_out_bare_labels(items: &mut [Item], traits: &[Traits]) {
    // Items are in document order: what lies under `p` runs from `p + 1` while parents stay
    // at or below it.
    let under = |items: &[Item], p: usize| -> Vec<usize> {
        (p + 1..items.len())
            .take_while(|&j| items[j].parent.is_some_and(|q| q >= p))
            .filter(|&j| items[j].parent == Some(p))
            .collect()
    };
    let mut moved_to: Vec<Option<usize>> = vec![None; items.len()];
    for d in 0..items.len() {
        let bare = items[d].kind == Kind::Decision
            && items[d].block == Block::ListItem
            && traits[d].opens_decision()
            && traits[d].leading.as_ref().is_some_and(|(_, at)| items[d].text[*at..].trim().is_empty())
            && items.get(d + 1).is_some_and(|n| n.parent == Some(d));
        if !bare {
            continue;
        }
        let mut decided = Vec::new();
        for c in under(items, d) {
            if traits[c].leading.as_ref().is_some_and(|(f, _)| *f != Field::Decision) {
                continue;
            }
            if is_label_only(&items[c].text) && items.get(c + 1).is_some_and(|n| n.parent == Some(c)) {
                items[c].kind = Kind::Other;
                decided.extend(under(items, c));
            } else {
                decided.push(c);
            }
        }
        decided.retain(|&c| !fields::is_question(&items[c].text) && !traits[c].boilerplate);
        let Some(&first) = decided.first() else { continue };
        let record_fields = std::mem::take(&mut items[d].fields);
        let date = items[d].date;
        items[d].kind = Kind::Other;
        items[d].field = Some(Field::Decision.name().to_string());
        moved_to[d] = Some(first);
        for &c in &decided {
            items[c].kind = Kind::Decision;
            items[c].fields.clone_from(&record_fields);
            items[c].date = date.or(items[c].date);
        }
    }
    // The record's fields (and the label) now belong to the first decision of the list.
    for (d, first) in moved_to.iter().enumerate() {
        if first.is_some() {
            items[d].record = *first;
        }
    }
    for item in items.iter_mut() {
        if let Some(first) = item.record.and_then(|r| moved_to[r]) {
            item.record = Some(first);
        }
    }
}

/// The sections that hold considerations, by index: each one whose heading or an enclosing
/// heading names them, and (`undecided_above`) each one under a heading that says its
/// decisions are still to make.
#[derive(Clone, Copy)]
struct Considered<'a> {
    sections: &'a [bool],
    undecided_above: &'a [bool],
    /// Sections under (or of) a heading that says decisions are still to take.
    undecided_in: &'a [bool],
    /// Each section's heading title, where its heading became an entry's (the section itself
    /// is then untitled): `## Memory Types` in an index of entry-level headings.
    heading_titles: &'a [Option<&'a str>],
}

/// A sentence ending in a colon after a word that lists the parts of what it names
/// (`Implement error handling with:`, `… including:`), rather than introducing the items after
/// it (`We settled on the following:`).
fn lists_its_parts(text: &str) -> bool {
    let head = text.trim_end().trim_end_matches([':', '：']).trim_end();
    let last = head.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    ["with", "including", "includes", "into", "using", "via", "of", "featuring", "comprising"]
        .iter()
        .any(|w| last.eq_ignore_ascii_case(w))
}

/// Whether every sub-item of item `i` is only code (`` `scores.easy`, `scores.hard`. ``):
/// values that spell out the line above, no statement of their own. (True of an item with
/// none: callers ask it of one with sub-items.) A long subtree is looked at only so far.
fn names_values_below(items: &[Item], i: usize) -> bool {
    let only_code = |item: &Item| {
        let separator = |c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | '/' | '|' | '、');
        let mut at = 0;
        !item.code_spans.is_empty()
            && item.code_spans.iter().all(|span| {
                let between = item.text.get(at..span.start).is_some_and(|t| t.chars().all(separator));
                at = span.end;
                between
            })
            && item.text.get(at..).is_some_and(|t| t.chars().all(separator))
    };
    items[i + 1..]
        .iter()
        .take(256)
        .take_while(|c| c.parent.is_some_and(|p| p >= i))
        .filter(|c| c.parent == Some(i))
        .all(only_code)
}

/// A bold label that only names a group of items (`Pilot phase`, `準備フェーズ`): a few words,
/// not opening with a verb of choice (`Use PostgreSQL for storage` states one). Words are
/// counted where the language spaces them, characters where it does not.
fn only_groups(label: &str) -> bool {
    let first = label.split_whitespace().next().unwrap_or("");
    // (Nor a move, `Переход на Proxmox VE`, `Migration to k3s`: it states where to.)
    // (Named with where to: `Migration plan`, a bare `Migration`, are topics; found by a read
    // of the code.)
    let moves = || {
        ["переход", "миграция", "wechsel", "umstieg", "migration", "passage", "cambio", "migración"]
            .iter()
            .any(|m| first.chars().flat_map(char::to_lowercase).eq(m.chars()))
            && label.split_whitespace().nth(1).is_some_and(|w| {
                ["to", "на", "в", "zu", "auf", "nach", "vers", "à", "a", "al", "hacia", "para"]
                    .iter()
                    .any(|p| w.eq_ignore_ascii_case(p))
            })
    };
    // (Four words where a language inflects its nouns, `Упрощение резервного копирования узлов`;
    // three in English, where `PostgreSQL for all services` states a choice — found by review.)
    let short = if label.is_ascii() {
        label.split_whitespace().count() <= 3
    } else if !label.chars().any(crate::source::is_cjk) {
        label.split_whitespace().count() <= 4
    } else {
        label.chars().count() <= 16
    };
    short
        && !moves()
        && ![
            "use", "adopt", "choose", "prefer", "keep", "switch", "move", "migrate", "run", "deploy", "store",
            "replace", "pin",
        ]
        .iter()
        .any(|v| first.eq_ignore_ascii_case(v))
}

/// A log line that only gives a decision's reasons, effects or details, stamped on its own
/// (`[2025-05-04 01:09] - Rationale: …`, `2025-05-04 01:09:00 - Impact: …`, as a paragraph or
/// a bullet): the field and its value. No decision of its own.
fn stamped_field(item: &Item) -> Option<(Field, &str)> {
    // (Most lines open otherwise: their first byte turns them away.)
    if !item.text.as_bytes().first().is_some_and(|b| *b == b'[' || b.is_ascii_digit())
        || item.field.is_some()
        || item.parent.is_some()
        || !matches!(item.block, Block::Paragraph | Block::ListItem)
    {
        return None;
    }
    let said = fields::after_timestamp(&item.text);
    if said.len() == item.text.len() {
        return None;
    }
    fields::leading_field(said, None).filter(|(f, _)| {
        ["rationale", "consequences", "implementation", "context", "alternatives", "impact", "pros", "cons"]
            .contains(&f.name())
    })
}

/// Each stamped field line ([`stamped_field`]) joins the decision stamped alike just above it
/// (`[2025-05-04 01:09] - Decision: Pin Node to 20` then `[2025-05-04 01:09] - Rationale: …`):
/// the decision's field, as a field line under a `Decision:` is.
fn stamped_fields_join_their_decision(items: &mut [Item]) {
    for i in 0..items.len() {
        if items[i].kind == Kind::Decision {
            continue;
        }
        let Some((field, value)) = stamped_field(&items[i]) else { continue };
        let Some(stamp) = fields::stamp_of(&items[i].text) else { continue };
        // (The record's other lines lie between them: a few, never a whole log.)
        let decision = (i.saturating_sub(8)..i).rev().find(|&j| {
            items[j].kind == Kind::Decision
                && items[j].parent.is_none()
                && fields::stamp_of(&items[j].text) == Some(stamp)
        });
        let Some(d) = decision else { continue };
        let (name, value) = (field.name().to_string(), value.to_string());
        fields::add_field(&mut items[d].fields, &name, &value);
        items[i].field = Some(name);
        items[i].record = Some(d);
    }
}

/// Questions, options and template boilerplate are never decisions.
fn considerations(
    items: &mut [Item],
    traits: &[Traits],
    groups: &[GroupInfo<'_>],
    group_field: &[Option<Field>],
    considered: Considered<'_>,
    sections: &[Section],
    marks: &[Marks],
) {
    let section_considers = considered.sections;
    let mut considering = vec![false; items.len()];
    // Where the bank says what it decided — a dated entry with a decision in any of its
    // sections, or else the section itself — a switch listed beside it (`Replaced the
    // enterprise repo with …` under the entry's `Decision: …`) is how the decision was
    // carried out, not one more.
    let entries = items.iter().map(|i| i.entry + 1).max().unwrap_or(0);
    // Scopes: entries first, then sections.
    let scope = |item: &Item| match sections[item.section].date {
        Some(_) => item.entry,
        None => entries + item.section,
    };
    let mut decided_in = vec![false; entries + sections.len()];
    for item in items.iter().filter(|i| i.kind == Kind::Decision) {
        decided_in[scope(item)] = true;
    }
    // Under a topic heading of a file about decisions (`## 1. Last Searched City Persistence`
    // in a decision log), the list item that says it chose (`Decided to use a Svelte store
    // …`, `Chose to cache …`, `Opted for …`) states the topic's decision: the first such
    // item of each section.
    // (Only a topic's plain list: a title naming decisions, `## Key Decisions`, or a label,
    // `**Decisions:**`, lists decisions side by side. Each title is judged once, and only
    // where a plain list of decisions stands.)
    let mut chosen_in: Vec<Option<usize>> = vec![None; sections.len()];
    let mut topic: Vec<Option<bool>> = vec![None; sections.len()];
    for (i, item) in items.iter().enumerate() {
        if item.kind == Kind::Decision
            && item.block == Block::ListItem
            && item.parent.is_none()
            && item.group.is_none()
            && chosen_in[item.section].is_none()
            && fields::opens_with_adoption(&item.text)
            && *topic[item.section].get_or_insert_with(|| {
                sections[item.section].title.as_deref().is_some_and(|t| super::heading::classify(t) == Kind::Other)
            })
        {
            chosen_in[item.section] = Some(i);
        }
    }
    // A heading whose first paragraph is a decision record with its reasons (`### Queue for
    // long checks` over `**Description**: …` and `**Why chosen**: …`) is one decision: its
    // subsections (`#### Components:`) tell what it is made of — unless one names a decision,
    // or a line there states a choice of its own (`Chose PostgreSQL over MySQL`).
    // (A heading that names decisions, `## Decision`, holds them: a subsection after its
    // record's fields, `### Monitoring`, may be the next.)
    let mut record_heading = vec![false; sections.len()];
    for (i, item) in items.iter().enumerate() {
        if i == 0 || items[i - 1].section != item.section {
            record_heading[item.section] = item.block == Block::Paragraph
                && item.kind == Kind::Decision
                && item.parent.is_none()
                && item.fields.iter().any(|(name, _)| name == "rationale")
                && sections[item.section]
                    .title
                    .as_deref()
                    .is_some_and(|t| super::heading::classify(t) != Kind::Decision);
        }
    }
    let mut describes_record = vec![false; sections.len()];
    for s in 0..sections.len() {
        // (A parent section comes before its subsections.)
        describes_record[s] = sections[s].parent.is_some_and(|p| record_heading[p] || describes_record[p])
            && sections[s].title.as_deref().is_some_and(|t| super::heading::classify(t) != Kind::Decision);
    }
    // Decisions found to be work done, and what lies under them: their sub-items are its parts.
    let mut work_done = vec![false; items.len()];
    // Bold topics that are decisions, and their details at any depth.
    let mut in_topic = vec![false; items.len()];
    // Which of them are only a bold label over their sub-items (`**Tool design:**`).
    let mut topic_label = vec![false; items.len()];
    // Which of them end by listing their parts (`… with:`).
    let mut lists_parts = vec![false; items.len()];
    // Decisions that end by giving their reasons (`… because:`), for the items under them.
    let mut justifies = vec![false; items.len()];
    // The stages of a timeline and what lies under them.
    let mut in_timeline = vec![false; items.len()];
    // Decisions over sub-items that tell how or why: an adoption (`Adopted Valkey`) or a
    // labelled statement (`**Evaluator output**: one message per client`).
    let mut over_parts = vec![false; items.len()];
    // The labelled statement a plain list goes on to spell out (`**Pattern**: Role-based
    // playbooks` over how), with its section and group.
    let mut spelling: Option<(usize, usize, Option<usize>, &str)> = None;
    // A format section whose template a thematic break ends (`## Format`, its template, `---`):
    // the records below the break are the log's.
    // (A break between two of its items: not the divider above its heading, nor one that
    // opens its template.) Each section's title is judged once, where an item asks.
    let mut template_ended: Option<usize> = None;
    // A paragraph telling what the choice above it brings, over a list (`This approach allows
    // for:`, then its benefits): the section it stands in, while its list runs.
    let mut brings_list: Option<usize> = None;
    let mut format_section: Vec<Option<bool>> = vec![None; sections.len()];
    // Whether the sentence leading into the list being read names files (`Files that hold
    // it:`): read once at the list's first item, for [`lists_files`].
    let mut files_lead_in = false;
    // … and whether it names what follows as candidates (`Likely candidates:`), none chosen.
    let mut candidates_lead_in = false;
    // A summary of decisions after the decisions it sums up (`## Decision Rationale Summary`, a
    // table of the choices the records above it made, in the same entry) restates them: the
    // entry and section of the entry's first recorded decision, and which sections sum up
    // decisions by that word (not `### Summary of actions`, nor `## Summary statistics`; nor
    // `## Decisions by Category`, which may be where they are stated).
    // (Each section's title is judged once, and only where a decision came before it.)
    let mut first_decided: Option<(usize, usize)> = None;
    let mut summary: Vec<Option<bool>> = vec![None; sections.len()];
    for i in 0..items.len() {
        let item = &items[i];
        // (Right after a decision of its section, and with a verb of what a choice brings:
        // `This file keeps the decisions we settled on:` introduces decisions, `This means:`
        // their consequences; a thematic break ends the list.)
        // (A list starts after another block, in another section, or under another label.)
        if item.block == Block::ListItem
            && (i == 0
                || items[i - 1].block != Block::ListItem
                || items[i - 1].section != item.section
                || items[i - 1].group != item.group)
        {
            let lead_in = i.checked_sub(1).filter(|&b| {
                items[b].section == item.section
                    && items[b].block == Block::Paragraph
                    && items[b].text.trim_end().ends_with([':', '：'])
            });
            files_lead_in = lead_in.is_some_and(|b| fields::names_files(&items[b].text));
            candidates_lead_in = lead_in.is_some_and(|b| fields::leads_into_candidates(&items[b].text));
        }
        // (Or a paragraph that ends by saying what something brings, `The decision to build
        // on Google's ADK provides:`: the list after it is what it brings.)
        brings_list = match item.block {
            Block::Paragraph => ((item.text.trim_end().ends_with([':', '：'])
                && fields::tells_benefits(&item.text)
                && i > 0
                && items[i - 1].section == item.section
                && items[i - 1].kind == Kind::Decision)
                || fields::leads_into_benefits(&item.text))
            .then_some(item.section),
            Block::ListItem if !marks[i].after_break => brings_list.filter(|&s| s == item.section),
            _ => None,
        };
        // (An entry's heading too: `## Memory Types` over what each kind of entry holds.)
        let in_format = *format_section[item.section].get_or_insert_with(|| {
            sections[item.section]
                .title
                .as_deref()
                .or(considered.heading_titles[item.section])
                .is_some_and(fields::describes_records)
        });
        if in_format && marks[i].after_break && i > 0 && items[i - 1].section == item.section {
            template_ended = Some(item.section);
        }
        let by_parent = item.parent.is_some_and(|p| considering[p]);
        considering[i] = by_parent
            || item.group.is_some_and(|g| groups[g].considers)
            || section_considers[item.section]
            || (candidates_lead_in && item.block == Block::ListItem)
            || {
                let label = item.bold.as_deref().filter(|b| item.text.len() <= b.len() + 2).or_else(|| {
                    let t = item.text.trim_end();
                    (t.ends_with(':') && t.len() <= 48).then_some(t)
                });
                label.is_some_and(fields::names_considerations)
            };
        // What a `Decision` field holds stays a decision under an "Options" heading, and so does
        // a question answered in place (`… ? (Decision: React Table)`, `[x] Confirm the name -
        // Decided: NEW_CHAT`).
        // (Asked only of an item among considerations or ending in a bracket, where such an
        // answer is written: most items hold no question mark to look for.)
        let answered = (considering[i] || item.text.trim_end().ends_with([')', '）']))
            && fields::answers_question(&item.text)
            || (considering[i] && fields::settled_after_dash(&item.text));
        // So does a row's `Decision` column.
        let decides_itself = traits[i].opens_decision() || answered || marks[i].decision_row;
        let decided = item.group.is_some_and(|g| group_field[g] == Some(Field::Decision)) || decides_itself;
        // A bold topic with sub-items (`**Tool design:**` then bullets) is one decision, the
        // sub-items its details.
        let has_children = items.get(i + 1).is_some_and(|n| n.parent == Some(i));
        let bold_alone = item.bold.as_deref().filter(|b| item.text.len() <= b.len() + 2);
        // A label naming an area of work (`**Error Handling:**`, `**State Management:**`,
        // `**Data Fetching:**`) chooses nothing: the items under it are the decisions on it.
        let names_area = has_children && bold_alone.is_some() && fields::names_area_of_work(item.text.trim());
        let topic = has_children && bold_alone.is_some() && !names_area;
        // A sentence ending in a colon introduces what follows (`the steps are:`) — but a
        // `Decision:` that does (`Decision: split the service into:`) is the decision, and what
        // follows its details.
        let ends_in_colon = item.text.trim_end().ends_with([':', '：']);
        // So is an adoption that does (`Decided to redo the animation, including:`), and a
        // statement whose sub-items only name values in code (`Scores are kept in
        // localStorage under keys:` over `` `scores.easy`, `scores.hard` ``): they spell it out.
        let decided = decided
            || (ends_in_colon
                && (fields::states_adoption(&item.text, item.bold.as_deref())
                    || (has_children && names_values_below(items, i))));
        // And so is a record's decision stated under its `Decision` heading (`We will move to
        // a hybrid storage architecture:` over the two stores).
        let record_decision = item.kind == Kind::Decision && item.states_record() && item.parent.is_none();
        // A sentence that ends by giving its reasons (`… is preferred over X because:`) is
        // what they justify, and the items under it are its reasons.
        // (Not over choices of its own: `The following were decided for:` over `- Use Redis …`.)
        let justified = ends_in_colon
            && fields::gives_reasons(&item.text)
            && !items.get(i + 1).is_some_and(|c| c.parent == Some(i) && fields::opens_with_choice_verb(&c.text));
        let introduces = ends_in_colon && !topic && !decided && !record_decision && !justified;
        // Below such a topic, sub-items are details, unless they state a decision themselves.
        // (Sub-items of a decision stated in a sentence stay decisions: they refine it.)
        // (A sub-item that states its own choice, `…を使用することを決定`, `Decided to …`, is
        // one; the topic over it is then a label grouping such items, `**準備フェーズ:**`.)
        let own_choice = item
            .parent
            .filter(|&p| topic_label[p] && !considering[p])
            .filter(|_| fields::states_adoption(&item.text, item.bold.as_deref()));
        // (Under a `**Decision:**` label, the parts a sentence lists after `with:`, `Implement
        // error handling with:`, are still that sentence's details; what `we settled on the
        // following:` introduces are the decisions.)
        let detail = item.parent.is_some_and(|p| {
            in_topic[p] && !considering[p] && !decides_itself && (lists_parts[p] || !decided) && own_choice.is_none()
        });
        // An adoption over sub-items (`✅ Cloudflare Workersの採用` over `ゼロコストでの運用を優先`,
        // `Adopted Valkey` over what it brings), or a labelled statement over them (`**Sender
        // design**: one service for mail, Slack and webhooks` over how it routes), is the
        // decision, and what lies under it tells why or how — unless it states a choice of its
        // own (`Decided to keep the repository on the NAS`, `Switched the cache to Valkey`, `Set
        // recordsize = 1M on the media dataset`).
        let states_own_choice = || {
            decides_itself
                || fields::states_adoption(&item.text, item.bold.as_deref())
                || fields::states_switch(&item.text)
                || !item.settings().is_empty()
        };
        let detail = detail || (item.parent.is_some_and(|p| over_parts[p]) && !states_own_choice());
        // A labelled statement (`**Pattern**: Role-based playbooks`, `**Choice**: Caddy`) and
        // then a plain list: the list tells what it means, as a `Decision:`'s does — unless an
        // item states a choice of its own (`Adopted Borg 1.4 …`).
        let spells = item.block == Block::ListItem
            && item.parent.is_none()
            && item.field.is_none()
            && spelling.is_some_and(|(_, section, group, _)| section == item.section && group == item.group)
            && bold_label(item).is_none()
            && leading_date(&item.text).is_none()
            && !states_own_choice();
        let detail = detail || spells;
        // The tests that read the whole text run only where their answer is used.
        let stage = if item.kind == Kind::Decision { timeline_stage(items, i) } else { None };
        // A line the next one answers (`- The TIFF export sometimes fails`, then `- Therefore
        // the PNG comes first`, or `- Решение: …`) states the problem, not the choice — unless
        // it states a choice of its own (`- Set mtu = 1380 on the gateway`, then `- Decision:
        // …`).
        let answered_by_next = || {
            item.block == Block::ListItem
                && item.bold.is_none()
                && !traits[i].opens_decision()
                && neighbours(items, i, |_| true)[1].is_some_and(|n| {
                    // (Under the same pseudo-heading: `**Decision: Use Caddy ….**`, which ends
                    // `**Decision: Database**` over `- Use PostgreSQL 16 in a container`, answers
                    // nothing of it.)
                    items[n].parent == item.parent
                        && items[n].group == item.group
                        && items[n].section == item.section
                        && (fields::answers_the_line_before(&items[n].text) || traits[n].opens_decision())
                })
                && !states_own_choice()
        };
        // (A tally counts only in a summary — `## Summary Statistics`, `**By Category**:`, or
        // a `Total …:` of its own; elsewhere `Replicas: 2 (eu-west, us-east)` sets something.)
        let in_summary = || {
            item.text.get(..5).is_some_and(|t| t.eq_ignore_ascii_case("total"))
                || sections[item.section].title.as_deref().is_some_and(fields::names_summary)
                || item.group.is_some_and(|g| fields::names_summary(groups[g].title))
        };
        let in_statistics = || {
            sections[item.section].title.as_deref().is_some_and(fields::names_statistics)
                || item.group.is_some_and(|g| fields::names_statistics(groups[g].title))
        };
        let sums_up = first_decided.is_some_and(|(entry, s)| entry == item.entry && s < item.section)
            && *summary[item.section].get_or_insert_with(|| {
                // (The word first, without a lowercased copy: most titles name no summary.)
                sections[item.section].title.as_deref().is_some_and(|t| {
                    t.as_bytes().windows(7).any(|w| w.eq_ignore_ascii_case(b"summary"))
                        && !fields::names_statistics(t)
                        && super::heading::classify(t) == Kind::Decision
                })
            });
        let demote = || {
            (considering[i] && !decided)
                || sums_up
                // Under a timeline's stage, a line tells more of that stage.
                || item.parent.is_some_and(|p| in_timeline[p])
                || traits[i].boilerplate
                || (marks[i].appended_row && item.block != Block::TableRow)
                || introduces
                || detail
                || (describes_record[item.section] && !states_own_choice())
                // Below a field (a decision's details, its rationale) nothing is a decision.
                || (item.parent.is_some_and(|p| items[p].field.is_some()) && !traits[i].opens_decision())
                || fields::is_question(&item.text)
                || fields::decides_only_work(&item.text)
                || (!decided && fields::leaves_open(&item.text))
                || (marks[i].update_log && !fields::states_adoption(&item.text, item.bold.as_deref()))
                || (!traits[i].opens_decision() && fields::states_aim(&item.text, item.bold.as_deref()))
                || only_links(item)
                || (item.block == Block::ListItem
                    && fields::describes_a_file(&item.text)
                    && (files_lead_in || lists_files(items, sections, groups, i)))
                || fields::is_labelled_address(&item.text)
                || fields::gives_a_location(&item.text)
                || fields::is_labelled_date(&item.text)
                || (fields::is_tally(&item.text) && in_summary())
                // (And under statistics, a line that opens with its count: `500+ lines of
                // utility code`, `~2,000 lines of unnecessary code`.)
                || (fields::opens_with_count(&item.text) && in_statistics())
                || fields::is_document_metadata(&item.text)
                || answered_by_next()
                // A line telling what the one before brings (`This approach allows …`) gives
                // its reasons; and beside a topic's `Decided to …`, a line that states no
                // choice of its own says how or why.
                || (item.block == Block::ListItem
                    && fields::tells_what_it_brings(&item.text)
                    && previous_sibling(items, i).is_some_and(|p| items[p].kind == Kind::Decision))
                // … and so do a paragraph over a list of them (`This approach allows for:`) and
                // that list.
                || brings_list == Some(item.section)
                || (item.block == Block::ListItem
                    && item.parent.is_none()
                    && item.group.is_none()
                    && chosen_in[item.section].is_some_and(|c| c != i)
                    && !states_own_choice())
                || fields::points_elsewhere(&item.text, !item.links.is_empty())
                || fields::gives_record_format(&item.text)
                || fields::sets_up_bank(&item.text)
                // (In the statement: a mode named in its reasons, `Rationale: … for the Orchestrator
                // mode`, is the thing decided for. The whole text is asked first only because it is
                // cheaper: most items name no mode, and the statement is cut only for those that do.)
                || (fields::switches_agent_mode(&item.text)
                    && fields::switches_agent_mode(fields::before_inline_fields(&item.text)))
                || (in_format
                    && template_ended != Some(item.section)
                    && !((fields::states_adoption(&item.text, item.bold.as_deref()) || fields::states_switch(&item.text))
                        && sections[item.section].title.as_deref().is_some_and(fields::is_about_deciding)))
                // (A list under such a label, `When to add an entry:`, too; a table after
                // `Format:` is the log itself.)
                || (item.block == Block::ListItem && item.group.is_some_and(|g| groups[g].describes_records))
                || fields::labelled_template_request(&item.text)
                // A `Decision:` over a review's verdict or a check done (`Decisions: PASS — …`),
                // an error it fixed, not saying how (`Decision: Resolved the "project_id is
                // not defined" error in main.py`), or a to-do (`**Decision Log**: 🔄 Should
                // document the integration decisions`).
                || traits[i].leading.as_ref().is_some_and(|(f, skip)| {
                    *f == Field::Decision
                        && item
                            .text
                            .get(*skip..)
                            .is_some_and(|v| {
                                fields::is_verdict(v)
                                    || fields::reports_fix(v)
                                    || fields::is_todo(v)
                                    || fields::is_none_statement(v)
                                    || fields::says_undecided(v)
                                    || fields::reports_examining(v)
                            })
                })
                // (So after a log line's stamp: `[…] - **Decision:** Resolved the NameError …`.)
                || (traits[i].leading.is_none()
                    && item.text.starts_with('[')
                    && fields::leading_field(fields::after_timestamp(&item.text), None)
                        .is_some_and(|(f, v)| f == Field::Decision && fields::reports_fix(v)))
                // Under a `Decision` label, too: a finding or a status stated there is none.
                // (A question answered in place says it is settled, `Secret storage: RESOLVED
                // - SOPS files`, and gives the answer.)
                || (!traits[i].opens_decision()
                    && !answered
                    && (fields::is_status_report(&item.text)
                        || fields::is_finding(&item.text, item.bold.as_deref())
                        || fields::is_none_statement(&item.text)))
                // (Not a row of a table's `Decision` column either; found by review.)
                || (!decides_itself && !answered && fields::falls_short(&item.text))
                // A line that only gives a decision's reasons, effects or details, on its own
                // (`[2025-05-04 01:09] - Rationale: …` under `[2025-05-04 01:09] - Decision: …`, each
                // line of a record stamped alike), is that field, no decision of its own.
                || stamped_field(item).is_some()
        };
        // Template boilerplate is never an item of any kind; the rest only stops being a
        // decision (a heading that states one stays one).
        // What was adopted is a decision in any section — not in a record's field, under
        // considerations, or in a procedure (its steps say what to do, not what was chosen).
        // A record whose status says it was not (or not yet) taken (`Status: Rejected`,
        // `Proposed`) records no decision, whatever its wording or section.
        // A record that says it no longer holds (`Status: Superseded by ADR-9`) is superseded.
        // A task is work, not a choice: an unticked box (`- [ ] Move to Traefik`) or a row of
        // a task table is a next step, a task table's done row a change.
        // So is a bug fixed (`Fixed the crash on start`): a change. And a timeline's stage is
        // history or a plan (below). What these give is the item's kind, work done or to do,
        // not a decision's: a `status` beside them says how far the work got.
        let task = match (item.block, item.done) {
            (_, Some(false)) => Some(Kind::NextStep),
            (Block::TableRow, Some(true)) => Some(Kind::Change),
            // (A heading that states a decision to fix something, `### Decision 5: Fix the
            // login`, stays a decision.)
            // (So is a phase reported completed, `Completed the planning phase`, unless it is
            // what a record states it decided.)
            _ if item.kind == Kind::Decision
                && item.block != Block::Heading
                && (fields::reports_work_done(&item.text)
                    || (!item.states_record() && fields::reports_completion(&item.text))) =>
            {
                Some(Kind::Change)
            }
            // The stages of a timeline (`**Initial**: npm`, `**Current**: PNPM 8`, `**Future**:
            // …`) tell how a choice came to be: history, and a plan at its end. The stage
            // that switched (`**Evolution**: Switched to PNPM`) is the decision.
            _ if item.kind == Kind::Decision => match stage {
                Some(fields::Stage::Future) => Some(Kind::NextStep),
                Some(fields::Stage::Change)
                    if {
                        // (The stage names a label: what it says starts after its colon.)
                        let said = fields::short_label(&item.text)
                            .map_or(&*item.text, |(_, at)| &item.text[at..])
                            .trim_start();
                        fields::states_switch(said) || fields::states_adoption(said, None)
                    } =>
                {
                    None
                }
                Some(_) => Some(Kind::Other),
                None => None,
            },
            _ => None,
        };
        // A task's status is how far it got, not the fate of a decision.
        let status = item.fields.iter().find(|(name, _)| name == "status");
        let (not_taken, retired) = match status {
            Some((_, status)) if task.is_none() => (fields::not_taken(status), fields::retired(status)),
            _ => (false, false),
        };
        // So is a record that names its decision as still to make (`**Pending decision**: …`)
        // and states none (beside a `Decision:`, a pending one is one more question).
        let not_taken = not_taken
            || (task.is_none() && !traits[i].opens_decision() && item.fields.iter().any(|(name, _)| name == "pending"))
            // (A decision list's line that tells of an option turned down, `Evaluated MariaDB,
            // rejected`; found by review.)
            || (item.block == Block::ListItem && item.kind == Kind::Decision && turns_down(&item.text))
            // So is a `Decision (proposed): …`, its label saying the choice is still to settle.
            || traits[i].leading.as_ref().is_some_and(|(field, skip)| {
                *field == Field::Decision && item.text.get(..*skip).is_some_and(fields::still_to_settle)
            });
        // A heading that states a decision under one that says decisions are still to make
        // (`## Decisions Needed` over `### DEC-7: Key rotation` and its options) is a choice
        // still open, unless its record's status says it was taken (`Status: Accepted`).
        let not_taken = not_taken
            || (item.block == Block::Heading
                && considered.undecided_above[item.section]
                && !status.is_some_and(|(_, s)| fields::taken(s)))
            // There, a recommendation (`**Recommended Approach**: RDS per tenant`, which a
            // creative phase's log writes for the option it took) is still a proposal.
            || (considered.undecided_in[item.section]
                && traits[i].opens_decision()
                && item.text.get(..11).is_some_and(|head| head.eq_ignore_ascii_case("recommended")));
        // A plain topic's name over the decisions on it (`- API Versioning` over `- v1 stays for
        // old clients`): the name, as a heading's, decides nothing. (Written in English: in
        // Chinese and Japanese a few characters as often name a choice, `✅ D1データベース`.)
        let names_topic = || {
            has_children
                && item.text.is_ascii()
                && item.block == Block::ListItem
                && item.parent.is_none()
                && item.bold.is_none()
                && !ends_in_colon
                && only_groups(&item.text)
                && !item.text.contains(['.', ',', ';', '(', '=', '`'])
                // (A version or a brand's own capitals name the thing chosen: `- PostgreSQL 16`
                // over its reasons.)
                && !item.text.bytes().any(|b| b.is_ascii_digit())
                && !item.text.as_bytes().windows(2).any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
                && !states_own_choice()
        };
        // A decision's sub-items took its kind; under one that turns out to be work done or to
        // do (`- [2026-01-27] - 成功完成…` over its phases), they are that work's parts, unless
        // one decides itself.
        let under_work_done = item.parent.is_some_and(|p| work_done[p]);
        // A user story and what it lists (`US-12: As an operator, I want …`, then its rules)
        // asks for something; it decides nothing.
        // (Not one under it that decides itself: `Decided: store uploads in MinIO`.)
        let requirement = traits[i].requirement
            || (item.parent.is_some_and(|p| traits[p].requirement)
                && !traits[i].opens_decision()
                && !fields::says_it_decided(&item.text)
                && !fields::states_adoption(&item.text, item.bold.as_deref())
                && !fields::states_switch(&item.text));
        let new_kind = if traits[i].boilerplate {
            Some(Kind::Other)
        } else if item.kind == Kind::Decision {
            if not_taken || requirement || (item.block != Block::Heading && (demote() || names_area || names_topic())) {
                Some(Kind::Other)
            } else {
                // (Its own task box says what it is first: `- [ ] 第二阶段` is still to do.)
                task.filter(|_| !decided).or_else(|| {
                    (under_work_done && item.done.is_none() && !states_own_choice()).then_some(Kind::Change)
                })
            }
        } else {
            // (`**Why SHA-256 instead of DefaultHasher?** …` states the choice it explains —
            // where nothing is decided yet: beside a decision, it gives that decision's reasons.)
            let why_over = || {
                item.bold
                    .as_deref()
                    .is_some_and(|bold| !decided_in[scope(item)] && fields::asks_why_chosen_over(&item.text, bold))
            };
            let adopted = !not_taken
                && !requirement
                && task.is_none()
                && item.field.is_none()
                // (Among the rules a team keeps, only a line that says it decided, `Decided that
                // every PR needs two approvals`, `Chose trunk-based development`, `… kullanmaya
                // karar verdik` (we decided to use).)
                && (item.kind != Kind::Pattern
                    || fields::opens_with_adoption(&item.text)
                    || fields::ends_with_choice(&item.text)
                    || why_over())
                && item.parent.is_none_or(|p| items[p].field.is_none())
                && (answered
                    || fields::states_adoption(&item.text, item.bold.as_deref())
                    || why_over()
                    // (Ticked or not: `- [x] Migrated the AI calls to Gemini 3` and `✅ Switched
                    // from static keys to short-lived tokens` say what the team moved to; readers
                    // list 7 of 7 such lines on rounds 196–240.)
                    || (!decided_in[scope(item)] && fields::states_switch(&item.text)))
                // (A swap of one call for another, `Replaced fetchTiles() with
                // fetchTilesCached()`, is an edit reported among work done.)
                && !fields::swaps_calls(&item.text)
                && !demote();
            adopted.then_some(Kind::Decision)
        };
        if let Some(kind) = new_kind {
            // (Also when it reports work done and was set aside for another reason first,
            // `Merge Conflicts Resolved: Successfully resolved conflicts in these files:`: what it
            // lists are that work's parts.)
            work_done[i] = items[i].kind == Kind::Decision && (kind == Kind::Change || task == Some(Kind::Change));
            items[i].kind = kind;
        }
        // (A record: a decision with its fields, or one in a section of decisions — not a
        // switch reported among the work done.)
        let recorded = || !items[i].fields.is_empty() || sections[items[i].section].kind == Kind::Decision;
        if items[i].kind == Kind::Decision
            && first_decided.is_none_or(|(entry, _)| entry != items[i].entry)
            && recorded()
        {
            first_decided = Some((items[i].entry, items[i].section));
        }
        // (And so is whatever lies under its parts: `成果如下：` over the stage's results.)
        work_done[i] |= under_work_done && items[i].kind != Kind::Decision;
        if retired && items[i].kind == Kind::Decision {
            items[i].status = Status::Superseded;
        }
        if let Some(p) = own_choice
            && items[p].kind == Kind::Decision
        {
            items[p].kind = Kind::Other;
        }
        in_topic[i] = detail || ((topic || justified || (decided && ends_in_colon)) && items[i].kind == Kind::Decision);
        lists_parts[i] = ends_in_colon && lists_its_parts(&items[i].text);

        // (`**Decision:**` over the items it holds is a record's field, no such label.)
        // (Nor is a bold decision, `**Use PostgreSQL for storage:**`: only a short label that
        // does not open with a verb of choice groups, `**Pilot phase:**`.)
        topic_label[i] = topic
            && items[i].kind == Kind::Decision
            && items[i].field.is_none()
            && items[i].bold.as_deref().is_some_and(|b| fields::field_for_label(b).is_none() && only_groups(b));
        justifies[i] = justified && items[i].kind == Kind::Decision;
        // (`**Label**: what it says`, not a label over what follows.)
        let labelled_statement =
            items[i].kind == Kind::Decision && bold_label(&items[i]).is_some() && !ends_in_colon && !topic;
        // (… and in a list, `- **Docker Compose** for local development`: a bold name, then
        // what it is for, `for`, `as` … — not a mark or a version after the name, `2.
        // **错误处理策略** ✅`, `**Auth** v2`.)
        let named_statement = items[i].kind == Kind::Decision
            && !ends_in_colon
            && !topic
            && items[i]
                .bold
                .as_deref()
                .is_some_and(|b| items[i].text.get(b.len()..).is_some_and(fields::says_what_it_is_for));
        over_parts[i] = has_children
            && items[i].kind == Kind::Decision
            && items[i].block == Block::ListItem
            && !considering[i]
            && (labelled_statement
                || named_statement
                || fields::states_adoption(&items[i].text, items[i].bold.as_deref())
                || (fields::uses_for_a_purpose(&items[i].text) && !parts_name_choices(items, i)));
        in_timeline[i] = stage.is_some() || items[i].parent.is_some_and(|p| in_timeline[p]);
        if spells && let Some((p, _, _, part)) = spelling {
            make_part(items, p, i, part);
        }
        // (A list goes on spelling out; anything else at the top ends it.)
        if items[i].parent.is_none() && !spells {
            // (So does a choice stated in the paragraph that opens its section, `Chose
            // Swift/AppKit over Electron.` under `## 2026-04-19 — Framework`, over its reasons.)
            let opens_section = i == 0 || items[i - 1].section != items[i].section;
            let states_choice = || {
                opens_section
                    && items[i].kind == Kind::Decision
                    && !ends_in_colon
                    && fields::states_adoption(&items[i].text, items[i].bold.as_deref())
            };
            // (And a heading that stands for the list of what the thing it names brings:
            // `### 2. Tauri 2.0 Framework` over `- Lightweight (smaller than Electron)`.)
            let spelled = (items[i].block == Block::Paragraph
                && items[i].field.is_none()
                && (labelled_statement || states_choice()))
                || (items[i].block == Block::Heading
                    && items[i].kind == Kind::Decision
                    && fields::heading_names_choice(&items[i].text));
            // (And a paragraph that ends by giving its reasons, `… rather than through a
            // backend. This approach:`, over the list of them: its rationale.)
            // (Not a design given up or weighed: `Until March the console proxied every call
            // through Flask. This design:`, `We looked at polling … This approach:`.)
            let reasons_below = items[i].block == Block::Paragraph
                && items[i].field.is_none()
                && items[i].kind == Kind::Decision
                && justified
                && !has_children
                && !fields::tells_the_past_or_weighed(&items[i].text);
            spelling = if reasons_below {
                Some((i, items[i].section, items[i].group, "rationale"))
            } else {
                spelled.then_some((i, items[i].section, items[i].group, "details"))
            };
        }
        // The items under a decision that gives its reasons below it are its `rationale`.
        if let Some(p) = items[i].parent
            && justifies[p]
            && items[i].field.is_none()
        {
            make_part(items, p, i, "rationale");
        }
    }
}

/// Whether list item `i` stands in a list of files: its section's title, its label or its
/// parent names files (`## Related Files`, `### Modified (8 files)`, `**Созданные creative
/// документы:**`) — or the sentence leading into its list does (`Files that hold it:`, read in
/// [`considerations`]). Under `## Key Decisions`, `nginx.conf: TLS 1.3 only` states a setting.
fn lists_files(items: &[Item], sections: &[Section], groups: &[GroupInfo<'_>], i: usize) -> bool {
    let item = &items[i];
    sections[item.section].title.as_deref().is_some_and(fields::names_files)
        || item.group.is_some_and(|g| fields::names_files(groups[g].title))
        || item.parent.is_some_and(|p| fields::names_files(&items[p].text))
}

/// Item `j` becomes the `name` field of item `p`: its text joins that field, and it points at
/// `p` as its record.
fn make_part(items: &mut [Item], p: usize, j: usize, name: &str) {
    let text = items[j].text.to_string();
    fields::add_field(&mut items[p].fields, name, &text);
    items[j].field = Some(name.to_string());
    items[j].record = Some(p);
}
