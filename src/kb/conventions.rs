//! The rules a team sets itself: what a patterns, conventions or constraints section states as
//! a rule is a decision.
//!
//! The rule, in the words a reader would use: under a heading over the team's patterns,
//! conventions, guidelines, principles or constraints (the `pattern` kind), a line that tells
//! what to do or not to do — `Always use Flyway for schema changes`, `Never commit secrets`,
//! `Use snake_case for database identifiers`, `No ORM`, `All API routes must validate input`,
//! `Migrations should be reversible`, `统一使用 UTC`, `必ず型を付ける` — is a convention the team
//! settled, and so a decision. So is each top-level item right under a heading over the team's
//! principles (`## Homelab Philosophy` over `- **Automation First**: anything done twice is
//! scripted`, `## Product Principles` over `- Local-first, not local-only`): each states one,
//! in whatever words; and so is each list item with none under it right under a heading over
//! the team's style, naming or preferences (`## Naming Conventions` over `- Classes:
//! PascalCase`, `## Important Patterns and Preferences` over `- Container images pinned by
//! digest`), whatever the heading's kind. What such a section only describes (`Repository
//! pattern over the data layer`, `Services talk over a queue`) stays a pattern (`mb decisions
//! --kind pattern`), as does a question or a `Use case:` line, and what a section over
//! requirements asks of a choice still to make (`## Requirements & Constraints` in a creative
//! phase).
//! In Cline's journal beside the bank (`memory-bank/.clinerules`), kept so that the agent
//! follows what it learned, each top-level line with nothing under it under the journal's
//! patterns is a rule it learned, in whatever words (`Snapshots before every upgrade`, `CSV
//! files are the primary input`): rounds 196–210 had 20 such lines more of the readers', 2
//! not. Not under a title over what it knows rather than learned (`### Known Challenges`,
//! `### Useful Commands`, `## Anti-Patterns`), nor a line labelled so (`Use case: …`, `Bug:
//! …`, `Question: …`; [`holds_no_learned_rules`]).
//! Under any other heading, a top-level line that tells the team always or never to do
//! something, or what to prefer or keep (`Never merge candles from two venues`, `Do not
//! store secrets here`), is a rule it gave itself, and so a decision ([`commands`]).

use super::fields;
use super::{Block, Entry, Group, Item, Kind, Section};

/// Turns the rules stated under pattern headings, and the commands under any other, into
/// decisions: see the module's rule. `journal`: the items are those of Cline's journal
/// ([`super::load::CLINE_JOURNAL`]).
pub(crate) fn rules(items: &mut [Item], sections: &[Section], entries: &[Entry], groups: &[Group], journal: bool) {
    // Each section's answer once: whether a title over it says its lines are no conventions,
    // no commands, or no rules the journal learned; whether its own heading is over
    // principles, or style; and each label's, whether it sets its items aside, and whether it
    // holds no commands.
    let mut not_rules = super::AnyTitleOver::new(sections, entries, holds_no_conventions);
    let mut not_commands = super::AnyTitleOver::new(sections, entries, holds_no_commands);
    let mut not_learned = super::AnyTitleOver::new(sections, entries, holds_no_learned_rules);
    let mut limitations = super::AnyTitleOver::new(sections, entries, names_limitations);
    // (Nor is a line under a title that sets patterns aside the team's style: `### Common
    // Idioms` under `## Anti-Patterns`; found by review; [`stands_alone_under_style`].)
    let mut set_aside = super::AnyTitleOver::new(sections, entries, super::patterns::sets_patterns_aside);
    let mut principles = super::Once::new(sections.len());
    let mut style = super::Once::new(sections.len());
    let mut tools = super::Once::new(sections.len());
    let mut aside = super::Once::new(groups.len());
    let mut label_not_commands = super::Once::new(groups.len());
    // Whether the file's title is over the team's conventions: its topics hold them.
    let style_guide =
        entries.first().is_some_and(|e| e.from_heading && super::heading::names_own_conventions(&e.title));
    for i in 0..items.len() {
        // Whether the item has items under it, right after it (a label over them states no
        // rule of its own).
        let has_items = items.get(i + 1).is_some_and(|n| n.parent == Some(i));
        // (Whether the item's parent is a label over it, `- Logging:`.)
        let parent_is_label =
            items[i].parent.and_then(|p| items.get(p)).is_some_and(|p| p.text.trim_end().ends_with([':', '：']));
        let item = &mut items[i];
        if item.field.is_some() || item.record.is_some() || item.done.is_some() {
            continue;
        }
        // A line that names how names are written, `Components: PascalCase (UserProfile.tsx)`,
        // `| Hooks | useXxx | camelCase |`, `Pages: lowercase with hyphens`, is a naming
        // convention under whatever heading, in a list or a table (rounds 266–280: 15 lines more
        // of the readers', none not).
        if matches!(item.kind, Kind::Pattern | Kind::Other)
            && matches!(item.block, Block::ListItem | Block::TableRow)
            && !has_items
            && names_case_style(&item.text)
        {
            item.kind = Kind::Decision;
            continue;
        }
        if !matches!(item.block, Block::ListItem | Block::Paragraph) {
            continue;
        }
        let decided = match item.kind {
            Kind::Pattern => {
                !not_rules.holds(item.section)
                    && (!limitations.holds(item.section) || binds(&item.text))
                    && (states_rule(&item.text, item.block)
                        || (item.block == Block::ListItem
                            && item.parent.is_none()
                            && principles.get(item.section, || {
                                own_title(sections, entries, item.section).is_some_and(super::heading::names_principles)
                            })
                            && !item.group.is_some_and(|g| {
                                aside.get(g, || {
                                    groups.get(g).is_some_and(|l| super::patterns::label_sets_aside(&l.title))
                                })
                            })
                            && states_principle(&item.text))
                        || (journal
                            && item.block == Block::ListItem
                            && item.parent.is_none()
                            && !has_items
                            && states_one_rule(&item.text)
                            && !not_learned.holds(item.section)))
                    || stands_alone_under_style(item, has_items, &mut style, &mut set_aside, sections, entries)
                    || (style_guide
                        && stands_alone_in_style_guide(item, has_items, parent_is_label, sections, &mut not_rules))
                    || tells_how_tools_are_used(item, has_items, &mut tools, sections, entries)
            }
            Kind::Other => {
                stands_alone_under_style(item, has_items, &mut style, &mut set_aside, sections, entries)
                    || (style_guide
                        && stands_alone_in_style_guide(item, has_items, parent_is_label, sections, &mut not_rules))
                    || tells_how_tools_are_used(item, has_items, &mut tools, sections, entries)
                    || item.parent.is_none()
                        // (Not a record's statement, which its record's rules judged: `**Decision:**
                        // Use Postgres 16 …` with `Status: Rejected` among its fields.)
                        && item.fields.is_empty()
                        && commands(&item.text)
                        && !not_commands.holds(item.section)
                        && !item.group.is_some_and(|g| {
                            label_not_commands.get(g, || groups.get(g).is_some_and(|l| holds_no_commands(&l.title)))
                        })
            }
            // A lesson that tells the team what to do from now on, `Always use null for nullable
            // fields`, `Firestore rejects undefined - Always use null …`, `Avoid tight coupling
            // between agents`: a rule it learned (rounds 266–281: 20 lines more of the readers',
            // 1 not).
            Kind::Learning => {
                item.block == Block::ListItem
                    && item.fields.is_empty()
                    && (commands(&item.text) || after_a_lessons_name(&item.text).is_some_and(commands))
            }
            _ => false,
        };
        if decided {
            item.kind = Kind::Decision;
        }
    }
}

/// Whether a line names a style of writing names — `PascalCase`, `camelCase`, `snake_case`,
/// `kebab-case`, `SCREAMING_SNAKE_CASE`, `lowercase with hyphens` — as a convention does, not
/// as a question (`camelCase or snake_case?`) or an option still open.
fn names_case_style(text: &str) -> bool {
    const STYLES: &[&str] = &[
        "pascalcase",
        "camelcase",
        "snake_case",
        "kebab-case",
        "screaming_snake_case",
        "upper_snake_case",
        "upper_case",
        "lower_snake_case",
    ];
    // (Most lines hold no `case` in any case: a vectorised search turns them away.)
    let bytes = text.as_bytes();
    if memchr::memmem::find(bytes, b"ase").is_none() && memchr::memmem::find(bytes, b"ASE").is_none() {
        return false;
    }
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle));
    let named =
        text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')).any(|w| fields::is_word_of(w, STYLES))
            || ["lowercase with ", "lower case with ", "lowercase and "].iter().any(|p| has(p.as_bytes()));
    named && !text.trim_end().ends_with(['?', '？']) && !fields::leaves_open(text)
}

/// Whether a list item with no items under it (`!has_items`) stands right under a heading over
/// the team's style, naming or preferences ([`super::heading::names_style`]) and states
/// something there ([`states_principle`]): one of the team's conventions, in whatever words
/// (`Classes: PascalCase`, `Two spaces for YAML indentation`). `style` caches each section's
/// answer.
fn stands_alone_under_style(
    item: &Item,
    has_items: bool,
    style: &mut super::Once,
    set_aside: &mut super::AnyTitleOver<'_>,
    sections: &[Section],
    entries: &[Entry],
) -> bool {
    stands_alone_under(item, has_items, style, sections, entries, super::heading::names_style)
        && !set_aside.holds(item.section)
}

/// Whether a list item stands under a topic right below a file's title over the team's
/// conventions (`# Development Conventions`, `# Conventions de développement` over `## Logs`,
/// `## Docker`; the caller asks only in such a file): the file is the team's style guide and
/// each topic one part of it, each line there one of its conventions (round 246's French
/// bank: readers list 35 of the 39 such lines). A line right under the topic, or under a label
/// there (`parent_is_label`: `- Logging:` over its rules), not a label itself; not an example
/// or a detail under a rule (`- e.g. node:20@sha256:…`: the rule over it is the one), a
/// command written out (`npm test`), nor a line under a topic that holds no conventions
/// (`## Troubleshooting`; `not_rules`) or one over examples, goals or anti-patterns (found by
/// review).
fn stands_alone_in_style_guide(
    item: &Item,
    has_items: bool,
    parent_is_label: bool,
    sections: &[Section],
    not_rules: &mut super::AnyTitleOver<'_>,
) -> bool {
    const ASIDE: &[&str] = &[
        "sample",
        "samples",
        "goal",
        "goals",
        "objective",
        "objectives",
        "objectif",
        "objectifs",
        "objetivo",
        "objetivos",
        "ziel",
        "ziele",
        // What not to do, named as its faults (`## Anti-patterns`, `## Pitfalls`): lines there
        // name what is avoided, not a rule in the words a rule is stated.
        "anti",
        "antipattern",
        "antipatterns",
        "pitfalls",
        "mistakes",
    ];
    // (A shell command written out: how to run something, no convention.)
    const CLIS: &[&str] = &[
        "npm",
        "npx",
        "pnpm",
        "yarn",
        "bun",
        "git",
        "docker",
        "cargo",
        "make",
        "pip",
        "python",
        "python3",
        "uv",
        "poetry",
        "kubectl",
        "helm",
        "terraform",
        "ansible",
        "ansible-playbook",
        "go",
        "node",
        "mvn",
        "gradle",
    ];
    let written_command = |text: &str| text.split_whitespace().next().is_some_and(|w| CLIS.contains(&w));
    let topic_of_the_guide = |s: &Section| {
        s.parent.is_none()
            && s.entry == 0
            && s.title
                .as_deref()
                .is_some_and(|t| !fields::holds_word_of(t, ASIDE) && !fields::holds_word_of(t, EXAMPLES))
    };
    item.block == Block::ListItem
        && (item.parent.is_none() || parent_is_label)
        && !(has_items && item.text.trim_end().ends_with([':', '：']))
        && !written_command(&item.text)
        && sections.get(item.section).is_some_and(topic_of_the_guide)
        && !not_rules.holds(item.section)
        && states_one_rule(&item.text)
        && !shows_only_code(item)
}

/// Whether a list item with no items under it stands right under a title over how the team uses
/// its tools ([`super::heading::names_tool_usage`]) and says how, as under the team's style
/// ([`stands_alone_under_style`]): `- **npm**: package manager and scripts`, `- Secrets live in
/// SOPS files`. Not a command and what it does, a reference (`` - `make run` - run the app ``,
/// `` - `bin/dev` → start the server ``), nor what is to come or may be, how things stand, or a
/// tool retired (`Plan to adopt Renovate`, `We might add a hook later`, `The build currently
/// fails on Windows`, `(dropped in March)`; found by review). `tools` caches each section's
/// answer.
fn tells_how_tools_are_used(
    item: &Item,
    has_items: bool,
    tools: &mut super::Once,
    sections: &[Section],
    entries: &[Entry],
) -> bool {
    const NOT_IN_USE: &[&str] = &[
        "plan",
        "plans",
        "planned",
        "will",
        "might",
        "may",
        "later",
        "next",
        "currently",
        "soon",
        "eventually",
        "dropped",
        "removed",
        "deprecated",
        "replaced",
        "retired",
    ];
    stands_alone_under(item, has_items, tools, sections, entries, super::heading::names_tool_usage)
        && !lists_a_command(item)
        && !fields::holds_word_of(&item.text, NOT_IN_USE)
}

/// What the two rules above share: a list item with nothing under it (`!has_items`), right
/// under a heading `names` says yes of (each section's answer kept in `titles`), that states one
/// rule ([`states_one_rule`]) and is more than a code span.
fn stands_alone_under(
    item: &Item,
    has_items: bool,
    titles: &mut super::Once,
    sections: &[Section],
    entries: &[Entry],
    names: fn(&str) -> bool,
) -> bool {
    item.block == Block::ListItem
        && !has_items
        && titles.get(item.section, || own_title(sections, entries, item.section).is_some_and(names))
        && states_one_rule(&item.text)
        && !shows_only_code(item)
        && !gives_an_example(&item.text)
}

/// Whether a line opens by giving an example of the one over it (`e.g. ServerConfig::builder()`,
/// `Example: …`, `For example, …`): the rule is the line it illustrates (found by review).
fn gives_an_example(text: &str) -> bool {
    let t = text.trim_start();
    ["e.g.", "eg.", "e.g ", "i.e.", "for example", "for instance"].iter().any(|p| fields::starts_ignoring_case(t, p))
        || t.split(|c: char| !c.is_alphabetic()).next().is_some_and(|w| fields::is_word_of(w, EXAMPLES))
}

/// Whether a line opens with a command and says what it does: `` `make run` - Directly run the
/// application ``, `` `swag init`: regenerate the API docs ``, `` `bin/dev` → start the
/// server ``, `` `npm run dev`, `npm run build` - … `` — a reference of commands, not how the team
/// chose to work.
fn lists_a_command(item: &Item) -> bool {
    item.code_spans.first().is_some_and(|span| {
        span.start == 0
            && item.text.get(span.end..).is_some_and(|rest| {
                let rest = rest.trim_start();
                rest.starts_with(['-', '–', '—', ':', '→', '(', ',', '/', '|'])
            })
    })
}

/// Whether a line standing alone states one rule, in whatever words: it states something of
/// its own ([`states_principle`]) and no label says it holds no rule ([`labelled_as_no_rule`]).
/// The style rule and the journal's ask.
fn states_one_rule(text: &str) -> bool {
    states_principle(text) && !labelled_as_no_rule(text)
}

/// Whether a line's label says it holds no rule: a use case, an example, a question, a note, a
/// bug, a to-do, or what is deprecated (`Use case: bulk imports from the CMDB`, `Question:
/// should snapshots be hourly`).
fn labelled_as_no_rule(text: &str) -> bool {
    const LABELS: &[&str] =
        &["case", "cases", "question", "questions", "note", "notes", "bug", "bugs", "issue", "todo", "deprecated"];
    fields::named_before_colon(text).is_some_and(|(label, _)| {
        let last = super::heading::last_word(label);
        fields::is_word_of(last, LABELS) || fields::is_word_of(last, EXAMPLES)
    })
}

/// The words naming examples, in the languages of the phrase table: a label over one
/// ([`labelled_as_no_rule`]) or a style guide's topic over them ([`stands_alone_in_style_guide`]).
const EXAMPLES: &[&str] = &[
    "example",
    "examples",
    "exemple",
    "exemples",
    "ejemplo",
    "ejemplos",
    "exemplo",
    "exemplos",
    "beispiel",
    "beispiele",
];

/// Whether an item is one code span and nothing else (`` - `docs: update the bank - [change]` ``
/// under `#### Commit Message Conventions`): an example of a convention, not one stated.
fn shows_only_code(item: &Item) -> bool {
    matches!(item.code_spans.as_slice(), [span] if span.start == 0 && span.end == item.text.len())
}

/// Words of a title over what describes or sets up rather than decides: issues, limitations
/// and blockers, bugs, setup and examples ([`holds_no_commands`], [`holds_no_learned_rules`]).
const DESCRIBES: &[&str] = &[
    "issue",
    "problem",
    "limitation",
    "limitations",
    "blocker",
    "blockers",
    "bug",
    "bugs",
    "setup",
    "installation",
    "example",
    "examples",
];

/// A title (or label) over lines that tell what to do though they are no rules of the team's:
/// what holds no conventions ([`holds_no_conventions`]), and what describes or sets up rather
/// than decides ([`DESCRIBES`]) — limitations and blockers (`Never tested on ARM hosts`, `Do
/// not have access to staging`), setup and usage steps (`Keep the dev server running in a
/// second terminal`), features, examples and bugs.
fn holds_no_commands(title: &str) -> bool {
    const WORDS: &[&str] = &["blocked", "install", "started", "quickstart", "usage", "feature", "features"];
    holds_no_conventions(title) || fields::holds_word_of(title, DESCRIBES) || fields::holds_word_of(title, WORDS)
}

/// A title in Cline's journal over what it knows rather than the rules it learned: what holds
/// no conventions ([`holds_no_conventions`]: issues, steps), what describes ([`DESCRIBES`]:
/// bugs, limitations, setup, examples), challenges met (`Known Challenges`), commands,
/// contacts and variables, patterns not chosen (`Anti-Patterns`, `Patterns to Avoid`; found by
/// review). Not usage: Cline's `Tool Usage Patterns` are rules it learned.
fn holds_no_learned_rules(title: &str) -> bool {
    const WORDS: &[&str] = &[
        "known",
        "challenge",
        "challenges",
        "command",
        "commands",
        "contact",
        "contacts",
        "variable",
        "variables",
        "case",
        "question",
        "questions",
        "note",
        "notes",
        "todo",
        "anti",
        "avoid",
        "retired",
        "deprecated",
        "obsolete",
    ];
    holds_no_conventions(title) || fields::holds_word_of(title, DESCRIBES) || fields::holds_word_of(title, WORDS)
}

/// A title over lines that are no conventions though they tell what to do or must be:
/// requirements ([`names_requirements`]); what goes wrong and how to get out of it (`Deployment
/// Issues`, `Troubleshooting`); steps (`How to run locally`, `Runbook: restore a snapshot`,
/// `Procedure`, `手順`, `步骤`); what a test or a story must meet (`Acceptance Criteria`, `Test
/// checklist`); the agent's handoffs between tasks ([`hands_work_between_tasks`]); conventions
/// only proposed ([`super::heading::names_options_weighed`]); and
/// decisions a title names only to talk about them (`What Is Incomplete or Needs Decisions`,
/// `Decision Template`; [`super::heading::classify_title`]).
pub(crate) fn holds_no_conventions(title: &str) -> bool {
    const WORDS: &[&str] = &[
        "issues",
        "problems",
        "troubleshooting",
        "runbook",
        "procedure",
        "procedures",
        "steps",
        "how",
        "acceptance",
        "criteria",
        "checklist",
    ];
    names_requirements(title)
        || hands_work_between_tasks(title)
        || super::heading::names_options_weighed(title)
        || fields::holds_word_of(title, WORDS)
        || (!title.is_ascii() && ["手順", "步骤", "步驟"].iter().any(|w| title.contains(w)))
        || super::heading::classify_title(title).1
}

/// A title over how the agent hands its work over from one task or session to the next (`##
/// Task Implementation and Handoff Process`, `## Best Practices for Effective Handoffs`, `#
/// Task Continuation: [Brief Task Title]`, in Cline's handoff guide kept as a rule file; round
/// 268): its own workflow, not the project's rules. Not a team's handoffs (`## On-call Handoff
/// Conventions`), nor a pattern named so (`### Agent Handoffs`, `### Continuation-Passing
/// Style`; found by review).
fn hands_work_between_tasks(title: &str) -> bool {
    const OF_TASKS: &[&str] = &["task", "tasks", "session", "sessions", "effective", "context"];
    let words: Vec<&str> = title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    (words.iter().any(|w| fields::is_word_of(w, &["handoff", "handoffs"]))
        && words.iter().any(|w| fields::is_word_of(w, OF_TASKS)))
        || words.windows(2).any(|w| w[0].eq_ignore_ascii_case("task") && w[1].eq_ignore_ascii_case("continuation"))
}

/// A title over what the system cannot do (`### Current Limitations`, `Hardware Limitations`):
/// a line there that says what is lacking (`**Single Kafka broker**: No replication`, `No
/// WAF`) states no rule the team set; one that binds the team still does (`pvesh commands:
/// Must use subprocess calls`; [`binds`]). Round 256.
fn names_limitations(title: &str) -> bool {
    fields::holds_word_of(title, &["limitations", "limitation"])
}

/// Whether a line binds whoever reads it: a command (`Always …`, `Never run …`, `Don't …`;
/// [`commands`], not `Never tested on Windows`) or a modal of obligation ([`OBLIGATIONS`]:
/// `must`, `shall`, `muss` …; not `should`, which as often says what is still to fix: `Should
/// be fixed in v2`; found by review).
fn binds(text: &str) -> bool {
    commands(text) || fields::holds_word_of(text, OBLIGATIONS)
}

/// A title over what a solution must meet (`Requirements & Constraints` in a creative phase,
/// `Technical Requirements`, `Anforderungen`, `要件`, `需求`): what it lists asks something of
/// the choice to come; it settles nothing.
fn names_requirements(title: &str) -> bool {
    const WORDS: &[&str] =
        &["requirement", "requirements", "anforderungen", "exigences", "requisitos", "requisiti", "требования"];
    fields::holds_word_of(title, WORDS)
        || (!title.is_ascii() && ["要件", "需求", "要求"].iter().any(|w| title.contains(w)))
}

/// Words that open a rule under a heading of conventions, beside the commands ([`COMMANDS`]):
/// `Use …`, `No ORM`, `Must …`, `Avoid …`, `Only …`, `Nie …`.
const OPENINGS: &[&str] = &["must", "use", "avoid", "no", "only", "nie"];

/// Words that make a sentence a rule wherever they stand: `Migrations must be reversible`,
/// `Handlers should return typed errors`, in the languages of the phrase table. (Not
/// `always` or `never` inside a sentence, which as often describe: `The cache is always warm
/// after a deploy`, `Most users never open the settings`.)
const MODALS: [&[&str]; 2] = [OBLIGATIONS, &["should", "soll", "sollen"]];

/// The modals of obligation ([`MODALS`] but `should`): what binds whoever reads it.
const OBLIGATIONS: &[&str] = &[
    "must",
    "shall",
    "muss",
    "müssen",
    "doit",
    "doivent",
    "debe",
    "deben",
    "deve",
    "devem",
    "должен",
    "должна",
    "должно",
    "должны",
    "нельзя",
];

/// Words that say a line reports a state still to change, not a rule (`No tests yet`, `Only
/// tested on macOS so far`, `Der Cache muss noch implementiert werden`, `Les tests doivent
/// encore être écrits`).
pub(crate) const NOT_YET: &[&str] = &["yet", "noch", "encore", "todavía", "aún", "ainda", "ещё", "еще"];

/// The same in Chinese and Japanese, found inside a run of text: 必须 (must), 禁止 (forbidden),
/// 不得 (may not), 统一使用 (always use), 必ず (always), べき (should), 应当/应该 (should).
const CJK_MODALS: &[&str] =
    &["必须", "必須", "禁止", "不得", "统一使用", "統一使用", "必ず", "べき", "应当", "应该", "應該"];

/// Whether a line states a rule: it opens with a rule's word (after a short label, `Naming:
/// use kebab-case`), opens with `All` and a rule's verb within seven words (`All routes must
/// …`, `All scripts use …`), or holds a modal (`… must be reversible`).
pub(crate) fn states_rule(text: &str, block: Block) -> bool {
    let text = text.trim();
    if !may_state_rule(text) {
        return false;
    }
    if opens_rule(text) {
        return true;
    }
    // (A modal inside a paragraph as often describes: `This pattern should be familiar to …`.)
    block == Block::ListItem
        && (MODALS.iter().any(|modals| fields::holds_word_of(text, modals))
            || (!text.is_ascii() && CJK_MODALS.iter().any(|m| text.contains(m))))
}

/// Words that open a command wherever it stands, and so a rule under a heading of conventions:
/// `Always …`, `Never …`, `Prefer …`, `Keep …`, `Avoid …`, and `Immer …`, `Jamais …`,
/// `Évitez …`, `Siempre …`, `Никогда …` (with `Do not …`, `Don't …`, and the French openings of
/// [`french_command`]). `Avoid …`: rounds 266–280, 4 lines more of the readers', none not.
const COMMANDS: &[&str] = &[
    "always",
    "never",
    "prefer",
    "keep",
    "avoid",
    "évitez",
    "éviter",
    "evitar",
    "vermeiden",
    "vermeide",
    "immer",
    "niemals",
    "jamais",
    "siempre",
    "nunca",
    "sempre",
    "всегда",
    "никогда",
];

/// Whether a top-level line tells the team always or never to do something, or what to
/// prefer or keep (`Never merge candles from two venues`, `Do not store secrets here`, `Keep
/// assets simple and modular`): a rule the team gave itself, under whatever heading it stands
/// (a task's, a plan's, a README's `Multi-Author Rules`), and so a decision — and so, since the
/// twentieth session, does `Use` and what to use, named (`Use Poetry for virtualenvs`, `Use
/// semantic versioning for image tags`; rounds 266–276: 24 lines more of the readers', 2 not).
/// Not `Use the …`, `Use this …` (a pointer to what is at hand), `Only …` or `No …`, which as
/// often describe (`Only shows the cryptos on offer`, `No network access`) outside a section
/// of conventions; not what says how something behaves
/// (`Never tested on ARM`, `Always asks before deleting`), a compound (`Keep-alive pings`,
/// `Always-on VPN`), a line under a label that holds no commands (`Known issue: never finishes
/// …`), a lead-in, a question, a note or a state still to change ([`may_state_rule`]).
fn commands(text: &str) -> bool {
    let text = text.trim();
    let (label, body) = fields::named_before_colon(text).unwrap_or(("", text));
    (opens_command(text) || opens_command(body))
        && (label.is_empty() || !holds_no_commands(label))
        && may_state_rule(text)
}

/// What a lesson says after naming itself and a dash: `Stable FlatList keys - Use index-based
/// fallback` → `Use index-based fallback` (a name of at most eight words in the line's first
/// 96 bytes).
fn after_a_lessons_name(text: &str) -> Option<&str> {
    fields::named_before_dash(text, 96, 8).map(|(_, said)| said)
}

/// A French command's opening, where `word` is one that may open it (else `None`): `ne` before
/// the verb's negation, `Ne jamais exposer …`, `Ne pas coupler …`; and `Toujours` before a verb
/// in the infinitive, `Toujours valider les entrées`, where before anything else it says
/// `still`, `Toujours en attente`.
fn french_command(word: &str, next: Option<&str>) -> Option<bool> {
    if word.eq_ignore_ascii_case("ne") {
        return Some(next.is_some_and(|n| n.eq_ignore_ascii_case("jamais") || n.eq_ignore_ascii_case("pas")));
    }
    if word.eq_ignore_ascii_case("toujours") {
        return Some(next.is_some_and(|n| n.chars().count() > 3 && ["er", "ir", "re"].iter().any(|e| n.ends_with(e))));
    }
    None
}

/// Whether a line opens with a command's word, as a word of its own (`Keep-alive` is none)
/// and with a word after it (`Do` with `not`), and after `Always` or `Never` with a verb as one
/// gives it (`Never merge`, not `Never tested` or `Always asks`).
fn opens_command(t: &str) -> bool {
    // (`_` joins an identifier's words: `keep_daily = 7` is a setting.)
    let word_char = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '_');
    let t = t.trim_start_matches(|c: char| !word_char(c));
    let end = t.find(|c: char| !word_char(c)).unwrap_or(t.len());
    let (word, rest) = t.split_at(end);
    if rest.starts_with('-') {
        return false;
    }
    let next = rest.split(|c: char| !word_char(c)).find(|w| !w.is_empty());
    if word.eq_ignore_ascii_case("do") {
        return next.is_some_and(|n| n.eq_ignore_ascii_case("not"));
    }
    if word.eq_ignore_ascii_case("don't") || word.eq_ignore_ascii_case("don’t") {
        return true;
    }
    if let Some(french) = french_command(word, next) {
        return french;
    }
    // (`Use` and what to use, named: `Use Poetry for virtualenvs`, `Use semantic versioning for
    // image tags`, `Use clear, descriptive filenames` — not a pointer to what is at hand, `Use
    // the file links above`, `Use this structure`, nor `Use case`, `Use cases for …`, `Use of
    // …`; rounds 266–276.)
    // (Nor code: `use tinyrand::{Rand, StdRand};` in a README pasted without its fences.)
    if word.eq_ignore_ascii_case("use") {
        return !rest.contains("::")
            && next.is_some_and(|n| {
                !fields::is_word_of(
                    n,
                    &["the", "this", "these", "that", "those", "case", "cases", "of", "it", "them", "your"],
                )
            });
    }
    if next.is_none() || !fields::is_word_of(word, COMMANDS) {
        return false;
    }
    // (The verb after `Always`/`Never`: a past participle or a third person describes.)
    if word.eq_ignore_ascii_case("always") || word.eq_ignore_ascii_case("never") {
        let rest = rest.trim_start();
        let verb = rest[..rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len())].to_ascii_lowercase();
        // (Not `need`, `exceed`, `embed`; not `pass`, `focus`, `alias`.)
        let described =
            (verb.ends_with("ed") && !verb.ends_with("eed") && !["embed", "shred"].contains(&verb.as_str()))
                || (verb.ends_with('s') && !["ss", "us", "is", "as"].iter().any(|end| verb.ends_with(end)));
        return !described;
    }
    true
}

/// Whether a line may state a rule at all: not a question nor a lead-in over the rules below
/// it (`Alert rules MUST have:`), a user story, a note, a measure, a state still to change, or
/// a commit message shown as an example.
fn may_state_rule(text: &str) -> bool {
    if text.ends_with(['?', '？', ':', '：']) {
        return false;
    }
    let lower_head = text[..crate::source::floor_char_boundary(text, 64)].to_lowercase();
    // (A user story, `Users should be able to export …`; a question without its mark,
    // `Should we adopt Biome …`, `Must we adopt errcheck? TBD`, `Question: should snapshots be
    // hourly` (found by review), or left open; a note, `Keep in
    // mind that …`; a measure, `Use of any dropped …`; a state still to change; a commit
    // message shown as an example, `fix: never retry POST requests`.)
    if ["should be able", "must be able", "keep in mind", "use of ", "so far"].iter().any(|p| lower_head.contains(p))
        || ["should we", "should i ", "should they", "should you", "must we", "shall we", "do we ", "can we "]
            .iter()
            .any(|p| lower_head.starts_with(p))
        || fields::holds_word_of(text, &["tbd"])
        || lower_head.contains("open question")
        || ["question:", "questions:"].iter().any(|p| lower_head.starts_with(p))
        || fields::holds_word_of(text, NOT_YET)
        || fields::first_colon(text).is_some_and(|at| fields::is_commit_type(&text[..at]))
    {
        return false;
    }
    true
}

/// Whether `text`, or what follows its short label (`Naming: use kebab-case`), opens as a rule
/// does: with a command's word or another rule's ([`COMMANDS`], [`OPENINGS`]), `Do not`/`Don't`,
/// or `All` and a rule's verb (`All routes must …`).
fn opens_rule(text: &str) -> bool {
    let body = fields::named_before_colon(text).map_or(text, |(_, value)| value);
    for t in [text, body] {
        let w: Vec<&str> = t
            .split(|c: char| !c.is_alphanumeric() && !matches!(c, '\'' | '’' | '_'))
            .filter(|w| !w.is_empty())
            .take(8)
            .collect();
        let Some(first) = w.first() else { continue };
        // (`Use case: …`, `Use Cases` name what a pattern is for.)
        if first.eq_ignore_ascii_case("use")
            && w.get(1).is_some_and(|n| n.eq_ignore_ascii_case("case") || n.eq_ignore_ascii_case("cases"))
        {
            return false;
        }
        let opens = (fields::is_word_of(first, COMMANDS) || fields::is_word_of(first, OPENINGS)) && w.len() > 1
            || french_command(first, w.get(1).copied()) == Some(true)
            || (first.eq_ignore_ascii_case("do") && w.get(1).is_some_and(|n| n.eq_ignore_ascii_case("not")))
            || first.eq_ignore_ascii_case("don't")
            || first.eq_ignore_ascii_case("don’t")
            || (first.eq_ignore_ascii_case("all")
                && w[1..].iter().any(|n| {
                    fields::is_word_of(
                        n,
                        &["must", "should", "need", "needs", "require", "requires", "required", "use", "uses"],
                    )
                }));
        if opens {
            return true;
        }
    }
    false
}

/// Whether a line under a heading over principles states one: anything but a label over the
/// items below it (`Core values:`), or a line that says nothing of its own
/// ([`super::patterns::states_something`]: a question, `We are considering local-first`, `No
/// tests yet`, `See principles.md`, `TODO`, a template's `Principle 1: [Core principle guiding
/// decisions]`).
fn states_principle(text: &str) -> bool {
    let text = text.trim();
    !text.ends_with([':', '：']) && super::patterns::states_something(text)
}

/// The title of a section's own heading: its title, or for the text right under an entry's
/// heading, the entry's (`## 2025-01-02: Design Principles`, a dated heading that opens an
/// entry).
fn own_title<'a>(sections: &'a [Section], entries: &'a [Entry], section: usize) -> Option<&'a str> {
    let s = sections.get(section)?;
    match (&s.title, s.parent) {
        (Some(title), _) => Some(title),
        (None, None) => entries.get(s.entry).filter(|e| e.from_heading).map(|e| e.title.as_str()),
        (None, Some(_)) => None,
    }
}

/// Under a label or a sentence leading in what is allowed or forbidden ([`names_permission`]:
/// `Allowed:`, `Forbidden:`, `The agent must never:`, `Разрешено:`, `Запрещено:`, `ИИ не
/// должен:`, `Verboten:`, `禁止：`) each item is a rule the team set itself, and so a decision,
/// whatever its words (`- logging;` under `Forbidden:` in a layer's rules): round 274's
/// readers list all 32 such lines of a Russian bank's architecture rules. Not a label over
/// items of its own, a field, a task or a to-do, nor a line asking.
pub(crate) fn permitted_and_forbidden(items: &mut [Item]) {
    // Each lead's answer, once: whether it names what is allowed or forbidden.
    let mut says: Vec<Option<bool>> = vec![None; items.len()];
    // The paragraph right before the list being read, when it ends with a colon.
    let mut lead_in: Option<usize> = None;
    for i in 0..items.len() {
        let item = &items[i];
        if item.block == Block::Paragraph {
            lead_in = item.text.trim_end().ends_with([':', '：']).then_some(i);
            continue;
        }
        if item.block != Block::ListItem {
            lead_in = None;
            continue;
        }
        let lead = match item.parent {
            Some(p) => Some(p),
            None => lead_in.filter(|&l| items[l].section == item.section),
        };
        let Some(lead) = lead else { continue };
        let has_items = items.get(i + 1).is_some_and(|n| n.parent == Some(i));
        if !matches!(item.kind, Kind::Other | Kind::Pattern)
            || has_items
            || item.field.is_some()
            || item.record.is_some()
            || item.done.is_some()
            || item.text.trim_end().ends_with([':', '：', '?', '？'])
            || fields::is_todo(&item.text)
        {
            continue;
        }
        let lead_text = &items[lead].text;
        if *says[lead].get_or_insert_with(|| lead_text.trim_end().ends_with([':', '：']) && names_permission(lead_text))
        {
            items[i].kind = Kind::Decision;
        }
    }
}

/// Whether a short label or lead-in, before its colon, says what is allowed or forbidden:
/// a label of at most two words whose last word says it (`Allowed`, `Forbidden`, `Strictly
/// prohibited`, `Never`, `Always`, `Avoid`, `Do`/`Don't`, and in Russian, German, Spanish,
/// French and Portuguese `Разрешено`, `Запрещено`, `Нельзя`, `Verboten`, `Prohibido`,
/// `Interdit`, `Proibido`; `禁止`, `允许` alone) — or a lead-in whose subject is the agent and
/// whose verb is a modal (`The agent must not:`, `AI must always:`, `ИИ не должен:`, `ИИ
/// обязан:`, `Die KI darf nicht:`). Not what people, a system or a release must do or should
/// have done (`The system must:`, `Tomorrow we should:`, `Players should never:`:
/// requirements, tasks, bugs), nor a status line (`HTTP 403 Forbidden:`); found by review.
fn names_permission(text: &str) -> bool {
    const SAYS: &[&str] = &[
        "allowed",
        "permitted",
        "forbidden",
        "prohibited",
        "never",
        "always",
        "avoid",
        "do",
        "dos",
        "don't",
        "don'ts",
        "donts",
        "don’t",
        "разрешено",
        "запрещено",
        "нельзя",
        "erlaubt",
        "verboten",
        "permitido",
        "permitidos",
        "prohibido",
        "prohibidos",
        "interdit",
        "interdits",
        "autorisé",
        "autorisés",
        "proibido",
        "proibidos",
    ];
    const AGENT: &[&str] = &[
        "agent",
        "agents",
        "ai",
        "assistant",
        "llm",
        "ии",
        "агент",
        "ассистент",
        "ki",
        "ia",
        "cline",
        "claude",
        "copilot",
    ];
    const MODALS: &[&str] = &[
        "must",
        "mustn't",
        "should",
        "shouldn't",
        "never",
        "always",
        "not",
        "обязан",
        "обязана",
        "должен",
        "должна",
        "не",
        "darf",
        "muss",
        "soll",
        "nicht",
        "niemals",
        "debe",
        "no",
        "nunca",
        "doit",
        "ne",
        "pas",
        "jamais",
    ];
    const CJK: &[&str] = &["禁止", "允许", "允許", "禁止事項"];
    let label = text.trim().trim_end_matches([':', '：']).trim().trim_matches(['*', '_']).trim();
    if !label.is_ascii() && CJK.contains(&label) {
        return true;
    }
    // (Six words at most are kept: a longer lead-in is none, however long it runs.)
    let words: Vec<&str> = label
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .take(6)
        .collect();
    // (The agent, after an article at most, then modals only: `The agent must not`, `ИИ
    // обязан`, `Der Agent darf nicht`.)
    let agent_must = || {
        let at = usize::from(!fields::is_word_of(words[0], AGENT));
        words.len() > at + 1
            && fields::is_word_of(words[at], AGENT)
            && words[at + 1..].iter().all(|w| fields::is_word_of(w, MODALS))
    };
    match words.len() {
        1 => fields::is_word_of(words[0], SAYS),
        2 => fields::is_word_of(words[1], SAYS) || agent_must(),
        3..=5 => agent_must(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lead_in_naming_what_is_allowed_or_forbidden() {
        for lead in [
            "Allowed:",
            "Forbidden:",
            "**Prohibited:**",
            "Strictly forbidden:",
            "The agent must not:",
            "AI must always:",
            "Don't:",
            "Разрешено:",
            "ИИ не должен:",
            "ИИ обязан:",
            "Die KI darf nicht:",
            "Verboten:",
            "禁止：",
        ] {
            assert!(names_permission(lead), "{lead}");
        }
        // (Requirements, tasks, bugs and an error's status are none: found by review.)
        for lead in [
            "Allowed values are listed below:",
            "Key files:",
            "What to change:",
            "Notes:",
            "",
            "Must-haves for v2:",
            "The system must:",
            "Tomorrow we should:",
            "Before Friday's release we must:",
            "Players should never:",
            "HTTP 403 Forbidden:",
            "Пользователь должен:",
            "系统必须：",
            "The agent:",
        ] {
            assert!(!names_permission(lead), "{lead}");
        }
    }

    #[test]
    fn rules_in_any_wording() {
        for rule in [
            "Always use Flyway for schema changes",
            "Never commit secrets to the repository",
            "Use snake_case for database identifiers",
            "Naming: use kebab-case for files",
            "**Database access**: Always go through the repository layer",
            "No ORM",
            "Do not call the API from components",
            "Don't log tokens",
            "All API routes must validate their input",
            "All scripts use set -euo pipefail",
            "Migrations should be reversible",
            "Zeitstempel müssen in UTC gespeichert werden",
            "Immer UTC für Zeitstempel",
            "Chaque date doit être en UTC",
            "Siempre usar UTC en las fechas",
            "Всегда хранить даты в UTC",
            "时间统一使用 UTC",
            "所有接口必须校验输入",
            "型は必ず明示する",
        ] {
            assert!(states_rule(rule, Block::ListItem), "{rule}");
        }
        for other in [
            "Repository pattern over the data layer",
            "Services talk to each other over a queue",
            "Use case: expensive start-up in a sandbox",
            "Use Cases",
            "Should we keep the cache?",
            "All tests pass",
            "All components interact via protocols",
            "Use",
            "No",
            "Usage of the cache is low",
            "Nobody owns the staging cluster",
            "Alert rules MUST have:",
            "Dépendance DOM : la fonction dépend toujours du DOM",
            "Die Funktion hängt immer noch am DOM",
            "直感的操作: 説明不要のインターフェース",
            "The product cache is always warm after a deploy",
            "Most users never open the settings page",
            "Users should be able to export their data",
            "Should we adopt Biome instead of ESLint — ask Maria",
            "Keep in mind that staging is reset every night",
            "No tests yet for the payment module",
            "Only tested on macOS so far",
            "Use of any dropped from 412 to 37",
            "Der Cache muss noch implementiert werden",
            "fix: never retry POST requests",
            "chore: use pnpm 9 in CI",
            "Must we adopt errcheck? TBD",
            "Must names include the team prefix? (open question)",
            "Use the svc- prefix (TBD)",
        ] {
            assert!(!states_rule(other, Block::ListItem), "{other}");
        }
        // (A modal inside a paragraph describes as often: only an opening word makes one a rule.)
        assert!(!states_rule("This pattern should be familiar to anyone who used Spring Data.", Block::Paragraph));
        assert!(states_rule("Always run the migrations before the deploy.", Block::Paragraph));
    }

    #[test]
    fn a_lessons_name_before_a_dash() {
        assert_eq!(after_a_lessons_name("Stable keys - Use index-based fallback"), Some("Use index-based fallback"));
        assert_eq!(after_a_lessons_name("No dash in this lesson"), None);
        assert_eq!(after_a_lessons_name(&format!("{} - Use x", "word ".repeat(20))), None);
        assert!(after_a_lessons_name(&" - ".repeat(100_000)).is_some());
    }

    #[test]
    fn case_styles_name_a_naming_convention() {
        for line in
            ["Components: PascalCase (UserProfile.tsx)", "Pages: lowercase with hyphens", "kebab-case for files"]
        {
            assert!(names_case_style(line), "{line}");
        }
        for line in
            ["camelCase or snake_case?", "Use case: nightly restore drill", "Lowercase letters only", "Edge cases"]
        {
            assert!(!names_case_style(line), "{line}");
        }
        assert!(!names_case_style(&"case ".repeat(100_000)));
    }

    #[test]
    fn commands_tell_always_never_prefer_or_keep() {
        for command in [
            "Never let the backup box hold write credentials",
            "Do not prune a snapshot the offsite copy has not confirmed",
            "Don't mix snapshots of two pools",
            "Prefer raw zfs send streams",
            "Keep the replication schedule in the inventory",
            "Size management: keep files short",
            "Nunca borrar la última instantánea común",
            "Никогда не удалять последний общий снимок",
            "Don’t deploy on Fridays",
            "Never exceed 80% pool usage",
            "Always pass the run id to the fix",
            "Always focus one change per pull request",
            "Ne jamais exposer les traces d'erreur à l'utilisateur",
            "Ne pas coupler les modèles aux vues",
            "Toujours valider les entrées côté serveur",
            "Avoid enums; use lookup maps instead",
            "Évitez les imbrications de plus de deux niveaux",
        ] {
            assert!(commands(command), "{command}");
        }
        for other in [
            "Always a weekly scrub, or every two weeks?",
            "Never pruned so far: the first month of snapshots",
            "Keep in mind that the uplink is capped at night",
            "Do not forget:",
            "The backup box never sleeps during the sync window",
            "Only encrypted datasets are replicated",
            "No replication runs on weekends",
            "Use the second NIC for the sync traffic",
            "Always",
            "fix: never retry POST requests",
            "Never tested on ARM hosts",
            "Always asks for confirmation before deleting files",
            "Never finishes on pools over 90% full",
            "Known issue: never finishes on pools over 90% full",
            "Keep-alive pings every 30 seconds",
            "Always-on VPN between the two sites",
            "Toujours en attente de la validation du client",
            "Toujours pas de réponse du fournisseur",
            "Ne sait pas encore lire les anciens fichiers",
            "Avoided the cloud provider's lock-in",
            "Avoids a second round trip",
            "Nie działa logowanie przez Google",
        ] {
            assert!(!commands(other), "{other}");
        }
    }
}
