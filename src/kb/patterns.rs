//! The patterns a system is built with: under a heading that lists them (`## Design
//! Patterns`, `## Architecture Patterns`, `## 设计模式`, `## デザインパターン`), each heading
//! inside names one pattern the team chose, and so a decision.
//!
//! The rule, in the words a reader would use: `### 1. Repository Pattern`, `### Command
//! Queue`, `### Event Bus (事件总线)` under `## Key Design Patterns` each state that the system
//! uses that pattern; what the heading holds (how it works, a diagram, the code) describes it.
//! The heading is the decision, its body stays a pattern (`mb decisions --kind pattern`) —
//! unless two lines or more of its body name a pattern by their label (`- **Strategy
//! Pattern**: …`, `- **Observer Pattern**: …`): the heading then groups the patterns in use,
//! and those lines are the decisions.
//!
//! Not under a title that holds a single pattern (`## Offline-First Pattern` over its `###
//! Components`), the file's own title (`# System Patterns` over its sections), patterns seen
//! rather than chosen (`## Known Failure Patterns`, `## Traffic Patterns`, `## Anti-Patterns`,
//! `## Patterns Observed in Logs`, `## Learning Patterns` — not `Machine Learning Patterns` —,
//! `### Success Patterns`), or patterns not chosen (`## Patterns to Avoid`, `## Retired
//! Patterns`, `## Candidate Patterns`, `## Patterns (planned)`); not a heading that groups
//! patterns or other headings (`### Testing Patterns`, `### Backend` over `####
//! Repository`), names a topic's parts rather than a pattern (`### Overview`, `### Build
//! Errors`, `### Docker Commands`, `### Acceptance Criteria`), turns one down (`### Avoid:
//! Service Locator`, `### Why not microservices`, `### Singleton (deprecated)`) or is a
//! template's slot (`### Pattern Name`); nor one whose first line leaves the choice open (`-
//! **Pattern**: to be determined`, `- Options: Provider, Bloc`), nor one over rules that are
//! decisions already (`### Input Handling` over `- Always quote …`: the heading is their
//! topic).
//!
//! A list can stand for the headings ([`listed`]): right under `## Architectural Patterns`,
//! `- **Service Discovery Pattern**` over its own bullets is a heading written as a list item,
//! and `- Observer pattern for UI updates`, `- **Facade**: the API handlers`, `- Клиент-серверная
//! архитектура` each name a pattern in use on one line. Not a label over a list (`- Standard
//! file layout:`), a hedge (`- Fixtures: likely in conftest.py (needs confirmation)`), a pointer
//! to another file (`- patterns/kustomize.md - Kustomize patterns`), nor a line the heading
//! refusals above refuse. Under a bold label that names one pattern (`**Session State
//! Pattern**` over how it works), the label is the heading: the first line of its list stands
//! for the pattern, the rest describe it.

use super::fields;
use super::{Block, Group, Item, Kind, Section};

/// Words that say a pattern was not chosen or no longer is (`Anti-Patterns`, `Patterns to
/// Avoid`, `Retired Patterns`, `### Singleton (deprecated)`): in a title over patterns or in a
/// pattern's own heading.
const NOT_CHOSEN: &[&str] = &["anti", "avoid", "retired", "deprecated", "removed", "obsolete", "alternative"];

/// Whether a title names patterns and sets them aside: only planned, proposed or seen, or not
/// chosen (`## Future Expansion Patterns`, `## Anti-Patterns`, `## Candidate Patterns`): the
/// titles under it list none the team uses either.
pub(crate) fn sets_patterns_aside(title: &str) -> bool {
    // (Only words that put them off or turn them down: `Tool Usage Patterns` over `Runtime
    // Patterns`, or `# System Patterns - Click Target Game`, sets nothing aside.)
    title_over_patterns(title) == Some(false)
        && title
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| fields::is_word_of(w, PUT_OFF) || fields::is_word_of(w, NOT_CHOSEN))
}

/// Words that say patterns are only thought of, not yet chosen (`## Future Expansion
/// Patterns`, `## Candidate Patterns`, `## Patterns (planned)`): a title holding one lists none
/// the team uses, and nor do the titles under it ([`sets_patterns_aside`]).
const PUT_OFF: &[&str] =
    &["future", "planned", "proposed", "candidate", "candidates", "suggested", "considered", "consideration"];

/// Whether a title lists the patterns a system uses, each in a heading under it: the plural
/// `Patterns` (`Key Design Patterns`, `Integration Patterns`, `Patterns Clés`) or the word in
/// another language of the phrase table (`设计模式`, `デザインパターン`, `Архитектурные
/// паттерны`, `Padrões`, `Patrones`, `Verwendete Muster`) — not patterns seen or not chosen
/// (see the module's rule).
pub(crate) fn lists_patterns(title: &str) -> bool {
    title_over_patterns(title) == Some(true)
}

/// For a title that names patterns (`Some`), whether it lists those the team uses
/// ([`lists_patterns`]) or sets them aside ([`sets_patterns_aside`]); `None` for any other.
fn title_over_patterns(title: &str) -> Option<bool> {
    const WORDS: &[&str] =
        &["patterns", "padrões", "padroes", "patrones", "muster", "паттерны", "паттерна", "паттернов"];
    // Anywhere in the title: patterns seen or not chosen (and those only planned: [`PUT_OFF`]).
    const NOT: &[&str] = &[
        "antipatterns",
        "observed",
        "seen",
        "target",
        "explore",
        "usage",
        "evitar",
        "uso",
        // What worked, learned from the work (`## Successful Patterns` in a progress file,
        // `### Proven Cross-Provider Patterns`).
        "successful",
        "proven",
    ];
    // Right before the word: what the patterns are of, when they are seen rather than built
    // (`Error Patterns`, not `Error Handling Patterns`).
    const SEEN: &[&str] = &[
        "error",
        "errors",
        "failure",
        "failures",
        "bug",
        "bugs",
        "incident",
        "incidents",
        "crash",
        "traffic",
        "access",
        "load",
        "search",
        "log",
        "logs",
        "user",
        "customer",
        // What learners and projects were seen to do (`## Cross-Exercise Learning Patterns`,
        // `### Individual Success Patterns`; round 216) — not `Machine Learning Patterns`.
        "learning",
        "success",
    ];
    // Before `learning`: a field of work, whose patterns are built.
    const FIELD: &[&str] = &["machine", "deep", "reinforcement", "federated", "transfer"];
    let words: Vec<&str> = title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let lists = words.iter().any(|w| fields::is_word_of(w, WORDS))
        || (!title.is_ascii() && ["模式", "パターン"].iter().any(|w| title.contains(w)));
    let anti = !title.is_ascii() && ["反模式", "アンチパターン"].iter().any(|w| title.contains(w));
    // (`Anti-Patterns` names patterns through `anti`, its `Patterns` a word of its own.)
    if !lists && !anti {
        return None;
    }
    Some(
        !anti
            && !words.iter().any(|w| {
                fields::is_word_of(w, NOT) || fields::is_word_of(w, PUT_OFF) || fields::is_word_of(w, NOT_CHOSEN)
            })
            && !words.windows(2).enumerate().any(|(i, w)| {
                fields::is_word_of(w[0], SEEN)
                    && fields::is_word_of(w[1], WORDS)
                    && !(w[0].eq_ignore_ascii_case("learning") && i > 0 && fields::is_word_of(words[i - 1], FIELD))
            })
            && !super::heading::names_options_weighed(title),
    )
}

/// Whether a heading under such a title names one pattern (see the module's rule for what it
/// does not).
pub(crate) fn names_one(title: &str) -> bool {
    // (A heading that numbers itself as one pattern names one, whatever its name's last word:
    // `### Pattern 15 : Database Access Patterns`; round 266.)
    const PLURAL: &[&str] = &["patterns", "padrões", "patrones", "паттерны"];
    const NOT: &[&str] = &[
        "errors",
        "usage",
        "commands",
        "notes",
        "example",
        "examples",
        "snippet",
        "sample",
        "overview",
        "summary",
        "introduction",
        "faq",
        "pitfalls",
        "gotchas",
        "tips",
        "references",
        "files",
        "diagram",
        "diagrams",
        "guide",
        "not",
        // (A log of the file's updates: `### Update Log`; round 251.)
        "log",
        "changelog",
    ];
    title.chars().any(char::is_alphanumeric)
        && !is_slot(title)
        && !fields::holds_word_of(title, NOT)
        && (numbers_one_pattern(title) || !fields::holds_word_of(title, PLURAL))
        && !turns_patterns_down(title)
        && !super::conventions::holds_no_conventions(title)
        && !reports_how_work_went(title)
        // (Nor one set aside in brackets, `### Unit Tests (Future)`; round 242.)
        && !set_aside_in_brackets(title)
}

/// Whether a title or line holds a word that turns its pattern down ([`NOT_CHOSEN`]): `anti`
/// only as in `Anti-Patterns` or `Anti Pattern` — `Anti-Corruption Layer`, `Imports
/// Anti-Circulaires` and `Anti-innerHTML Security` name what a pattern keeps out (round 266).
fn turns_patterns_down(text: &str) -> bool {
    // (In other languages too: `Anti-Patrón`, `Anti-Muster`, `Anti-Padrão`; found by review.)
    const ANTI_OF: &[&str] =
        &["pattern", "patterns", "patrón", "patrones", "muster", "padrão", "padrões", "паттерн", "паттерны"];
    let mut words = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).peekable();
    while let Some(word) = words.next() {
        let down = if word.eq_ignore_ascii_case("anti") {
            words.peek().is_some_and(|next| fields::is_word_of(next, ANTI_OF))
        } else {
            fields::is_word_of(word, NOT_CHOSEN)
        };
        if down {
            return true;
        }
    }
    false
}

/// Whether a heading numbers itself as one pattern: `Pattern 15 : Database Access Patterns`,
/// `Pattern 3. …`, `Pattern #3 - …`.
fn numbers_one_pattern(title: &str) -> bool {
    let t = title.trim_start_matches(|c: char| !c.is_alphanumeric());
    // (A number, not a date: `### Pattern 2025-05-01: Sidecar Patterns`; found by review.)
    let number =
        t.get(..7).filter(|w| w.eq_ignore_ascii_case("pattern")).map(|_| t[7..].trim_start_matches([' ', '#']));
    number.is_some_and(|n| {
        let digits = n.bytes().take_while(u8::is_ascii_digit).count();
        (1..=3).contains(&digits) && !n[digits..].starts_with(['-', '/'])
    })
}

/// Whether a heading under a title over patterns names what a test covers rather than a
/// pattern: `### JWT Token Testing`, `### Repository Tests` under `## Authentication Testing
/// Patterns` (round 269). Asked of headings only: a labelled line, `Pattern: Comprehensive AI
/// Testing - mock-based …`, says what the pattern is.
pub(crate) fn names_what_is_tested(title: &str) -> bool {
    fields::is_word_of(super::heading::last_word(title), &["testing", "tests"])
}

/// Whether a heading names how one process runs (`### Initialization Flow`, `### Tool Execution
/// Flow`, `### Authentication Flow`): the steps of a flow, told as they happen, not a pattern
/// chosen (a line labelled so says which: `Authentication Flow: Firebase JWT → Lambda
/// authorizer`) (readers of rounds 196–257 listed 1 of 13 such headings). Not `Data Flow`, nor
/// `Unidirectional Data Flow`, the shape data moves in, nor a branching model (`GitHub Flow`,
/// `Git Flow`).
pub(crate) fn names_a_flow(title: &str) -> bool {
    let mut words = title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).rev();
    words.next().is_some_and(|last| last.eq_ignore_ascii_case("flow"))
        && words.next().is_some_and(|before| !fields::is_word_of(before, &["data", "git", "github", "gitlab"]))
}

/// A template's slot: only `Pattern`, `Name`, a letter or a number (`### Pattern Name`, `###
/// Pattern 1`, `- Pattern Name`).
fn is_slot(title: &str) -> bool {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| fields::is_word_of(w, &["pattern", "name", "n", "x"]) || w.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether a label inside a section of patterns or principles sets aside what it holds: it
/// turns them down, weighs them, asks or puts them off (`**Avoid:**`, `Patterns we rejected:`,
/// `**Open questions:**`, `**Rejected:**`, `Planned:`, `**Alternatives considered:**`). The
/// items under it are not the team's.
pub(crate) fn label_sets_aside(title: &str) -> bool {
    const ASIDE: &[&str] = &[
        "rejected",
        "dropped",
        "declined",
        "discarded",
        "question",
        "questions",
        "considered",
        "considering",
        "consider",
        "options",
        "ideas",
        "todo",
        "planned",
        "proposed",
        "future",
        "later",
        "candidate",
        "candidates",
        "maybe",
        "not",
        "wishlist",
        "backlog",
        "someday",
    ];
    turns_patterns_down(title)
        || fields::holds_word_of(title, ASIDE)
        || fields::names_considerations(title)
        || super::heading::names_options_weighed(title)
        || fields::is_question(title.trim_end_matches([':', '：']))
}

/// Whether a line points at where the pattern or principle is written rather than stating it:
/// `See docs/architecture.md for details`, `Refer to principles.md` ([`fields::points_elsewhere`]), a bare path
/// (`src/patterns/`), an index of files (`patterns/retries.md - how retries are tuned`), or a
/// document's address.
fn points_elsewhere(text: &str) -> bool {
    fields::points_elsewhere(text, false)
        || is_bare_path(text)
        || fields::describes_a_file(text)
        || fields::is_labelled_address(text)
}

/// A path alone: `src/patterns/`, `./docs/adr`, `docs/architecture.md` (not `CI/CD`).
fn is_bare_path(text: &str) -> bool {
    !text.contains(char::is_whitespace)
        && text.rsplit_once('/').is_some_and(|(_, last)| last.is_empty() || last.contains('.'))
        || text.starts_with("./")
}

/// Whether a heading ends by saying how the work under it went, in brackets (`### Dual-Port
/// Implementation Methodology (Successful)`, `### Code Quality Standards (Maintained)`,
/// `### Architecture Validation (Enhanced)`): a progress report's, not a pattern chosen. (Not
/// `(Implemented)` or `(Completed)`, which a pattern in use says of itself.)
fn reports_how_work_went(title: &str) -> bool {
    const HOW: &[&str] = &["successful", "success", "maintained", "enhanced", "validated", "achieved"];
    let inner = title.trim_end().strip_suffix([')', '）']).and_then(|t| t.rsplit_once(['(', '（']));
    inner.is_some_and(|(_, said)| fields::is_word_of(said.trim(), HOW))
}

/// Makes each pattern written as a dated record that says why it was chosen a decision: Roo
/// Code's patterns log, `[2025-07-30 01:39:22Z] - **BLoC**` over `- **Description**: …`, `-
/// **Rationale**: chosen for its clear separation …`. The team gave its reasons for adopting
/// it (round 205: twelve such records, all a reader's); its fields stay its own. Not one
/// whose name leaves the choice open ([`leaves_open`]), nor one whose rationale turns it down
/// or leaves it open (`Rationale: rejected, too complex for now`, `avoid`, `TBD`, `we are
/// considering it`). A heading over such a record names its pattern already ([`named`]).
///
/// So is one that says it is a pattern by its label (`[2025-08-02 19:37:55] - Pattern:
/// Page-scoped layout composition`, then its `Description:`): the log records the pattern
/// adopted then, as `[…] - Decision: …` records a decision (round 232). (Its first line only:
/// the next may go on to describe it.) `source` is the file's text.
pub(crate) fn recorded(items: &mut [Item], source: &str) {
    for item in items.iter_mut() {
        let labelled = || {
            let first = source.get(item.span.clone()).and_then(|t| t.lines().next()).unwrap_or("");
            fields::timestamp(first).is_some_and(|(_, title)| {
                title.trim_start_matches(['*', '_']).split_once([':', '：']).is_some_and(|(label, named)| {
                    label.trim_end_matches(['*', '_']).trim().eq_ignore_ascii_case("pattern")
                        && names_one(named.trim())
                        && states_something(named)
                        // (Not one turned down or a finding: `Pattern: X was tried and
                        // reverted`, `Pattern: Identified a bug in …`; found by review.)
                        && !turns_down(named)
                        && !fields::reports_examining(named)
                        && !fields::holds_word_of(named, &["tried", "reverted", "abandoned", "dropped"])
                })
            })
        };
        if item.kind == Kind::Pattern
            && item.field.is_none()
            && item.block == Block::Paragraph
            && fields::is_titled_timestamp(&item.text)
            && !leaves_open(&item.text)
            && (item.fields.iter().any(|(name, why)| {
                name == "rationale" && !turns_down(why) && !leaves_open(why) && states_something(why)
            }) || labelled())
        {
            item.kind = Kind::Decision;
        }
    }
}

/// Makes each heading item that names a pattern ([`names_one`] under [`lists_patterns`]; made
/// by the parser, its index in `named`) a decision — unless it groups headings of its own,
/// the first line under it leaves the choice open ([`leaves_open`]), or a line under it is a
/// decision already (a rule the team set, `kb::conventions`): the heading is then the topic
/// of what is decided under it.
pub(crate) fn named(items: &mut [Item], sections: &[Section], named: &[usize]) {
    if named.is_empty() {
        return;
    }
    let mut groups = vec![false; sections.len()];
    for s in sections {
        if let Some(p) = s.parent.filter(|&p| p < groups.len()) {
            groups[p] = true;
        }
    }
    for &i in named {
        let Some(item) = items.get(i) else { continue };
        if item.kind != Kind::Pattern
            || item.block != Block::Heading
            || item.field.is_some()
            || item.record.is_some()
            || groups.get(item.section).copied().unwrap_or(true)
        {
            continue;
        }
        let section = item.section;
        let end = items[i + 1..].iter().position(|it| it.section != section).map_or(items.len(), |p| i + 1 + p);
        // (A heading over lines that each name a pattern by their label, `### Layout Engine`
        // over `- **Strategy Pattern**: …` and `- **Observer Pattern**: …`, groups the
        // patterns in use: they are the decisions, the heading their topic; round 240, where
        // both readers listed the lines and neither the heading.)
        // (Not a heading that names a pattern itself, `### Event Sourcing Pattern` over its
        // `**Snapshot Pattern**`; and a labelled line that leaves its pattern open or turns it
        // down, `**Saga Pattern**: maybe later`, is one of the group but no decision; found by
        // review.)
        // (Each labelled line with whether it is chosen.)
        let labelled: Vec<(usize, bool)> = (i + 1..end)
            .filter_map(|c| {
                labelled_pattern(&items[c]).map(|value| {
                    (c, states_something(value) && !turns_down(value) && !hedges(value) && !rejects(value))
                })
            })
            .collect();
        if labelled.len() >= 2 && !names_one_by_label(&items[i].text) {
            for (c, chosen) in labelled {
                if chosen {
                    items[c].kind = Kind::Decision;
                }
            }
            continue;
        }
        let mut body = items[i + 1..end].iter();
        let open = body.clone().next().is_some_and(|first| leaves_open(&first.text));
        if !open && !body.any(|it| it.kind == Kind::Decision) {
            items[i].kind = Kind::Decision;
        }
    }
}

/// What a top-level list item says of the pattern its bold label names, after a colon or a
/// dash (`- **Strategy Pattern**: interchangeable packing algorithms`, `- **Retry Pattern** -
/// exponential backoff`; [`names_one_by_label`]), when it names one.
fn labelled_pattern(item: &Item) -> Option<&str> {
    if item.block != Block::ListItem
        || item.parent.is_some()
        || !matches!(item.kind, Kind::Pattern | Kind::Other)
        || item.field.is_some()
        || item.record.is_some()
        || item.done.is_some()
    {
        return None;
    }
    let bold = item.bold.as_deref()?;
    let value = item.text.get(bold.len()..)?.trim_start().strip_prefix([':', '：', '-', '–', '—'])?;
    names_one_by_label(bold.trim_end_matches([':', '：'])).then(|| value.trim())
}

/// Whether a pattern's line says it was weighed and turned down, or is still to weigh:
/// `considered for the import job, rejected as overkill`, `to be evaluated once we have
/// metrics`.
fn rejects(value: &str) -> bool {
    fields::holds_word_of(value, &["rejected", "declined", "discarded", "abandoned", "dropped", "evaluated", "later"])
}

/// Makes each top-level list item right under a title that lists patterns (`listings`, per
/// heading; `item_heading`, each item's heading) that names a pattern a decision, as
/// [`named`] makes a heading. Two forms name one (under the patterns of the tests, only the
/// first: [`Listing::TestPatterns`]):
/// - the pattern's name alone in bold, over a list of its own (`- **Service Discovery
///   Pattern**` over `- All services register with Traefik`): the name passes [`names_one`],
///   and neither it nor the first line under it leaves the choice open ([`leaves_open`]);
/// - a line that names it and says how it is used (`- Observer pattern for UI updates`, `-
///   **Facade**: the API handlers`): its label passes [`names_one`] and its value does not
///   open by turning the pattern down (`deprecated, replaced by DI`), or without a label
///   ([`names_one_in_a_line`]) it is no intro, slot or topic over items of its own (`- Backend`
///   over `- Repository pattern`); not a label over a list (`- Standard file layout:`), a line
///   that leaves the choice open, a hedge ([`hedges`]), a pointer ([`points_elsewhere`]), nor a
///   line that holds nothing ([`fields::holds_nothing_held`]: `N/A`, `TODO`, a placeholder).
///
/// Not under a label that sets it aside ([`label_sets_aside`]: `**Avoid:**`), nor over a
/// line that is a decision already, nor a caption over a code block ([`captions_code`]). The
/// items under it describe it and stay as they are. `source` is the file's text.
pub(crate) fn listed(
    items: &mut [Item],
    item_heading: &[Option<usize>],
    listings: &[Listing],
    groups: &[Group],
    source: &str,
) {
    // Each label's answer once: whether it sets its items aside, and whether it names one
    // pattern.
    let mut aside: Vec<Option<bool>> = vec![None; groups.len()];
    let mut one_pattern: Vec<Option<bool>> = vec![None; groups.len()];
    for i in 0..items.len() {
        let item = &items[i];
        let listing = item_heading.get(i).copied().flatten().and_then(|h| listings.get(h).copied());
        if !matches!(listing, Some(Listing::Patterns | Listing::TestPatterns))
            || !matches!(item.kind, Kind::Pattern | Kind::Other)
            || item.block != Block::ListItem
            || item.parent.is_some()
            || item.field.is_some()
            || item.record.is_some()
            || item.done.is_some()
            || item
                .group
                .filter(|&g| g < groups.len())
                .is_some_and(|g| *aside[g].get_or_insert_with(|| label_sets_aside(&groups[g].title)))
        {
            continue;
        }
        // What it holds: the items after it down to the next top-level one.
        let mut held = items[i + 1..].iter().take_while(|it| it.parent.is_some());
        let text = item.text.trim();
        // Under a bold label that names one pattern (`**Session State Pattern**` over how it
        // works), the label names it and its lines describe it: the first stands for the
        // pattern, as a heading's item does for `### Session State Pattern`; the rest stay
        // its description (rounds 207 and 230: 24 lines fewer that no reader listed, one that
        // one did).
        if let Some(g) = item.group.filter(|&g| g < groups.len())
            && *one_pattern[g].get_or_insert_with(|| names_one_by_label(&groups[g].title))
        {
            let previous = items[..i].iter().rev().find(|it| it.parent.is_none());
            if previous.is_none_or(|p| p.group != Some(g))
                && states_something(text)
                && !hedges(text)
                && !turns_down(text)
                && !held.any(|it| it.kind == Kind::Decision)
            {
                items[i].kind = Kind::Decision;
            }
            continue;
        }
        // (A stamp before a label dates it, `[2025-04-14 11:06:00] - **Layered Settings:**`
        // over its description: the label is what follows the stamp, as a bold name is.)
        let unstamped = fields::after_timestamp(text);
        let stamped_label = unstamped.len() < text.len() && unstamped.ends_with([':', '：']);
        let name = unstamped.trim_end_matches([':', '：']).trim_end();
        // (A name that says it is a pattern, `1. Adapter Pattern` over its bullets, is one as a
        // bold name is.)
        let heads_list = item.bold.as_deref().map(|b| b.trim_end_matches([':', '：']).trim_end()) == Some(name)
            || stamped_label
            || (name.split_whitespace().count() <= 4
                && super::heading::last_word(name).eq_ignore_ascii_case("pattern"));
        // Under a label naming an area of work (`- **Validation**:` over `- Pydantic models
        // for request validation`), each item names a pattern of its own, on one line.
        // (Not a stamped one: `[2025-05-25] Centralized Configuration:` dates one thing named,
        // and its lines, `Guideline:`, `When to use:`, describe it.)
        if heads_list && !stamped_label && held.clone().next().is_some() && fields::names_area_of_work(name) {
            for c in i + 1..items.len() {
                if items[c].parent.is_none() {
                    break;
                }
                let child = &items[c];
                if child.parent == Some(i)
                    && matches!(child.kind, Kind::Pattern | Kind::Other)
                    && !child.text.trim_end().ends_with([':', '：'])
                    && items.get(c + 1).is_none_or(|n| n.parent != Some(c))
                    && states_something(&child.text)
                    && !hedges(&child.text)
                {
                    items[c].kind = Kind::Decision;
                }
            }
            continue;
        }
        let names = if let Some(first) = held.clone().next().filter(|_| heads_list) {
            // (Nor one its first line turns down or puts off: `- Replaced by DI in v2`, `- Not
            // yet implemented`; found by review.)
            names_one(name)
                && !leaves_open(name)
                && !leaves_open(&first.text)
                && !turns_down(&first.text)
                && !set_aside_in_brackets(name)
        } else if listing == Some(Listing::TestPatterns) {
            false
        } else {
            // (After a stamp, the pattern its label names: `[2025-06-04 11:00:00] - **Circuit
            // Breaker:** around the payment API`; found by review. A stamped sentence, `[…] -
            // Initial system patterns documented.`, is the file's update log: it holds nothing.)
            let (named, said) = match fields::named_before_colon(unstamped) {
                Some((label, value)) => (names_one(label) && !turns_down(value), unstamped),
                None => (names_one_in_a_line(text) && held.clone().next().is_none_or(|_| !is_topic(text)), text),
            };
            !said.ends_with([':', '：'])
                && named
                && states_something(said)
                && !hedges(said)
                && !set_aside_in_brackets(said)
        };
        if names && !held.any(|it| it.kind == Kind::Decision) && !captions_code(&items[i], source) {
            items[i].kind = Kind::Decision;
        }
    }
}

/// Whether a bold label names one pattern by saying it is one (`Session State Pattern`,
/// `1. Orchestration Pattern`, `Enhanced Realtime Subscription Pattern (Updated)`), as
/// [`names_one`] would a heading.
fn names_one_by_label(title: &str) -> bool {
    let name = fields::name_before_note(title);
    super::heading::last_word(name).eq_ignore_ascii_case("pattern")
        && names_one(name)
        && !set_aside_in_brackets(title)
        && !leaves_open(title)
}

/// Whether a list item only names what the code block right under it shows (`1. Resource
/// Synchronization` over a Go snippet under `## Implementation Patterns`): a caption of an
/// example, which decides nothing. A few words written as a title, each capitalised (not a
/// statement, `1. Repository pattern for data access`, which names the pattern shown; not
/// Chinese or Japanese, which have no capitals to tell), no label's value, and the item's
/// next line that holds anything opens a fenced block. (`source`: the file's text, which the
/// item's span is in; found by review.)
fn captions_code(item: &Item, source: &str) -> bool {
    let words: Vec<&str> = item.text.split_whitespace().collect();
    let title_cased = |w: &&str| w.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    if words.is_empty()
        || words.len() > 5
        || !words.iter().all(title_cased)
        || fields::named_before_colon(&item.text).is_some()
    {
        return false;
    }
    let Some(body) = source.get(item.span.clone()) else { return false };
    body.lines()
        .skip(1)
        .find(|line| !line.trim().is_empty())
        .is_some_and(|line| line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~"))
}

/// Whether a line in a list of what the team holds says something of its own: a letter or a
/// digit, nothing left open ([`leaves_open`]), not a state still to reach (`No patterns
/// established yet`), and not a line that holds nothing ([`fields::holds_nothing_held`]).
/// (The patterns listed and the principles, `kb::conventions`, ask it alike.)
pub(crate) fn states_something(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
        && !leaves_open(text)
        && !fields::holds_word_of(text, super::conventions::NOT_YET)
        && !fields::holds_nothing_held(text)
        && !points_elsewhere(text)
}

/// Whether a sentence with no label names a pattern as a heading would: no template slot
/// (`Pattern Name`), no pattern turned down, and not a line about the list itself (`The patterns
/// below are used across all services`, `Overview of the architecture`). (A heading's other
/// refusals, `errors`, `notes`, `not` …, name parts of a topic in a title, not in a sentence:
/// `Errors carry the host name`.)
fn names_one_in_a_line(text: &str) -> bool {
    const ABOUT_THE_LIST: &[&str] = &["overview", "summary", "introduction"];
    // (`Resource quota and limit patterns for …` names patterns; `The patterns below …`, `These
    // patterns …`, `This section …` talk about the list.)
    const POINTING: &[[&str; 2]] = &[
        ["patterns", "below"],
        ["following", "patterns"],
        ["these", "patterns"],
        ["this", "section"],
        ["this", "file"],
    ];
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(64).collect();
    !is_slot(text)
        && !turns_patterns_down(text)
        && !fields::holds_word_of(text, ABOUT_THE_LIST)
        && !words
            .windows(2)
            .any(|w| POINTING.iter().any(|p| w[0].eq_ignore_ascii_case(p[0]) && w[1].eq_ignore_ascii_case(p[1])))
}

/// Whether a pattern's name says in brackets that it is not (or not yet) used: `Builder
/// Pattern (not used)`, `Outbox Pattern (to be implemented)`, `CQRS (planned)`.
fn set_aside_in_brackets(text: &str) -> bool {
    const ASIDE: &[&str] = &["not", "unused", "planned", "todo", "later", "future", "proposed", "considered"];
    text.split_once(['(', '（']).is_some_and(|(_, after)| {
        let inside = after.split([')', '）']).next().unwrap_or("");
        fields::holds_word_of(inside, ASIDE) || turns_down(inside) || inside.trim_start().starts_with("to be ")
    })
}

/// Whether a label's value opens by turning its pattern down: `deprecated, replaced by DI`,
/// `removed in v2`, `rejected`, `no longer used`.
fn turns_down(value: &str) -> bool {
    let mut words = value.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    let first = words.next().unwrap_or("");
    fields::is_word_of(first, NOT_CHOSEN)
        || fields::is_word_of(first, &["rejected", "dropped", "replaced", "superseded", "abandoned"])
        || (fields::is_word_of(first, &["no", "not"])
            && words.next().is_some_and(|w| fields::is_word_of(w, &["longer", "yet", "used"])))
}

/// Whether a plain item over items of its own is only their topic: a name of three words at
/// most, no sentence (`- Backend` over `- Repository pattern`, `- Unit of work`).
fn is_topic(text: &str) -> bool {
    text.split_whitespace().count() <= 3 && !text.ends_with(['.', '。', '!'])
}

/// Whether a line only guesses at what is used (`Fixtures: likely in conftest.py (needs
/// confirmation)`, `Probably a singleton`, `たぶん`): a reader's note about the code, not a
/// pattern the team chose.
fn hedges(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "likely",
        "probably",
        "possibly",
        "perhaps",
        "presumably",
        "unclear",
        "unconfirmed",
        "potential",
        "potentially",
    ];
    let confirms = || {
        let lower = text.to_lowercase();
        lower.contains("needs confirmation") || lower.contains("to be confirmed")
    };
    fields::holds_word_of(text, WORDS)
        || (text.contains("onfirm") && confirms())
        // (Not `可能` alone: `拡張可能` is extensible, `尽可能` as far as possible.)
        || (!text.is_ascii() && ["たぶん", "おそらく", "也许", "或许", "вероятно", "возможно"].iter().any(|w| text.contains(w)))
}

/// What the top-level items right under a heading name, for [`listed`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Listing {
    Neither,
    /// Patterns in use ([`lists_patterns`]).
    Patterns,
    /// The patterns of the tests (`### Testing Patterns`, `## Test Patterns`): a plain item
    /// there says what the tests cover (`Provider Testing: initialisation across model types`)
    /// more often than a pattern chosen; only a bold name over a list of its own is read.
    TestPatterns,
}

impl Listing {
    /// The listing of a heading titled `title`, which [`lists_patterns`] said `lists` of.
    pub(crate) fn of(lists: bool, title: &str) -> Listing {
        const TESTS: &[&str] = &["test", "tests", "testing", "qa"];
        if !lists {
            Listing::Neither
        } else if fields::holds_word_of(title, TESTS) || (!title.is_ascii() && title.contains("测试")) {
            Listing::TestPatterns
        } else {
            Listing::Patterns
        }
    }
}

/// Whether a pattern's first line leaves its choice open: a question, a label over options
/// (`Options: Provider, Bloc`), or words that say it is still to settle (`TBD`, `to be
/// determined`, `not decided`, `under evaluation`, `待定`, `未定`, `検討中`). (Not `or` or
/// `optional`, which a settled pattern says as often: `on every read or write`.)
pub(crate) fn leaves_open(text: &str) -> bool {
    const OPEN: &[&str] =
        &["tbd", "undecided", "pending", "maybe", "considering", "evaluating", "evaluation", "planned", "proposed"];
    // A question without its mark, or a suggestion: `Should we use CQRS for the ledger`,
    // `Consider adding a circuit breaker`.
    const ASKS: &[&str] = &["should we ", "should i ", "shall we ", "do we ", "can we ", "consider "];
    let text = text.trim();
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    text.ends_with(['?', '？'])
        || ASKS.iter().any(|a| fields::starts_ignoring_case(text, a))
        || fields::named_before_colon(text).is_some_and(|(label, _)| fields::names_options(label))
        || words.iter().any(|w| fields::is_word_of(w, OPEN))
        || words.windows(2).any(|w| {
            (w[0].eq_ignore_ascii_case("not") && fields::is_word_of(w[1], &["decided", "chosen"]))
                || (w[0].eq_ignore_ascii_case("open") && fields::is_word_of(w[1], &["question", "questions"]))
        })
        || words.windows(3).any(|w| {
            w[0].eq_ignore_ascii_case("to")
                && w[1].eq_ignore_ascii_case("be")
                && fields::is_word_of(w[2], &["determined", "decided", "defined", "chosen", "written", "documented"])
        })
        || (!text.is_ascii() && ["待定", "未定", "検討"].iter().any(|w| text.contains(w)))
        || fields::only_weighs(text)
        // (A hedge opening it: `Could use tracing instead of log`; found by review.)
        || fields::hedges_at_start(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_that_list_patterns() {
        for title in [
            "Key Design Patterns",
            "Architecture Patterns",
            "Error Handling Patterns",
            "3. Design Patterns in Use",
            "Patrones de arquitectura",
            "设计模式",
            "🎯 核心アーキテクチャパターン",
            "Архитектурные паттерны",
            "Verwendete Muster",
            "Machine Learning Patterns",
            "UI Behavior Patterns",
        ] {
            assert!(lists_patterns(title), "{title}");
        }
        for title in [
            "Offline-First Architecture Pattern",
            "Tool Usage Patterns",
            "Per-Project Database Patterns (planned)",
            "Patterns we might adopt",
            "Alternatives Considered",
            "System Architecture",
            "Anti-Patterns",
            "Patterns to Avoid",
            "Known Failure Patterns",
            "Common Error Patterns",
            "Traffic Patterns",
            "Database Access Patterns",
            "Patterns Observed in Logs",
            "Retired Patterns",
            "Candidate Patterns",
            "Proven Cross-Provider Patterns ✅",
            "Cross-Exercise Learning Patterns",
            "Individual Success Patterns",
            "Padrões a evitar",
            "Patrones de uso",
            "反模式",
            "アンチパターン",
        ] {
            assert!(!lists_patterns(title), "{title}");
        }
    }

    #[test]
    fn the_tests_patterns_are_told_apart() {
        assert_eq!(Listing::of(true, "Key Design Patterns"), Listing::Patterns);
        assert_eq!(Listing::of(true, "Architectural Patterns (latest)"), Listing::Patterns);
        for title in ["Testing Patterns", "Test Patterns", "QA Patterns", "测试模式"] {
            assert_eq!(Listing::of(true, title), Listing::TestPatterns, "{title}");
        }
        assert_eq!(Listing::of(false, "Testing Patterns"), Listing::Neither);
        assert_eq!(Listing::of(false, "Deployment Notes"), Listing::Neither);
    }

    #[test]
    fn headings_that_name_one_pattern() {
        for title in [
            "1. Singleton DeviceDriver",
            "Command Queue Pattern",
            "事件总线 (Event Bus)",
            "仓储模式",
            "Error Boundary",
            "Saga (enhanced by timeouts)",
        ] {
            assert!(names_one(title), "{title}");
        }
        for title in [
            "Testing Patterns",
            "**Build Errors**",
            "Docker Commands",
            "Usage",
            "Notes",
            "Overview",
            "Acceptance Criteria (checkout)",
            "Known Issues",
            "Avoid: Service Locator",
            "Why not microservices",
            "Service Locator (deprecated)",
            "Pattern Name",
            "Pattern 1",
            "Dual-Port Implementation Methodology (Successful)",
            "Code Quality Standards (Maintained)",
            "Architecture Validation （Enhanced）",
            "Unit Tests (Future)",
            "Plugin Loader (not used yet)",
            "🚀",
            "\u{200b}",
            "",
        ] {
            assert!(!names_one(title), "{title}");
        }
    }

    #[test]
    fn a_first_line_that_leaves_the_choice_open() {
        for text in [
            "Pattern: to be determined once the cache lands",
            "Options: Provider, Riverpod, Bloc",
            "Which queue fits the retry story?",
            "Storage: TBD",
            "Not decided between the two",
            "状态管理方案待定",
        ] {
            assert!(leaves_open(text), "{text}");
        }
        for text in ["Every read or write goes through the store", "An optional cache sits in front", ""] {
            assert!(!leaves_open(text), "{text}");
        }
    }
}
