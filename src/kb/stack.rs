//! A project's technology stack: what a section titled `Tech Stack` (`Core Technologies`,
//! `技术栈`, `Стек технологий`, …) lists is the technologies the project chose.
//!
//! The rule, in the words a reader would use: under a title that names the stack, or a
//! heading inside one (`### Frontend` under `## Technology Stack`), a top-level item that
//! names a role and what fills it — `Database: PostgreSQL 15`, `**Build tool**: Vite`,
//! `Vercel - hosting and deploys`, `Renovate (dependency updates)`, `Framer Motion for UI
//! animations` ([`name_for_role`]), a row of a table whose
//! columns name the technology, `| Cache | Redis 7 |` — states a technology chosen, and so a
//! decision; so does an item right under a label that only names a role (`- **CI/CD:**` over
//! `- Renovate (dependency updates)`). So does a name alone (`- Grafana`, `- React` under `-
//! **Frontend:**`; [`names_one_technology`]), but not under a title over the dependencies (`-
//! react-dom`, a manifest, which readers leave out). Not a fact about
//! a part (`Location: config/`, `Version: 3.19`, `Port: 3001`, a table of ports or hosts), nor
//! a choice still open (`Auth: JWT or sessions`, `Cache: TBD`, `Sentry - error tracking
//! (optional)`), nor a line under a heading inside the stack that tells how things are done
//! (`### CI/CD Workflow` over its steps) or notes on them.
//!
//! A title over the project's dependencies, each by what it does for it, is a stack under
//! another name (`## Runtime Dependencies` over `- restic: encrypted backups to the NAS`, `###
//! Key Libraries`; [`heading::names_dependencies`]): on rounds 196–211 that lists 68 lines
//! more of the readers', 11 that no reader listed. Not the dependencies between the system's
//! parts (`### Service Dependencies`), those set aside, optional or transitive, nor a task over
//! them (`### Update Go Dependencies`).
//!
//! The whole system's architecture written part by part is the stack too: right under `##
//! Overall Architecture` (`Core Architecture`, `System Architecture`, `Architektur`, `系统架构`;
//! [`heading::names_whole_architecture`]), a top-level line that names a part before a colon
//! and what fills it (`Frontend: Next.js 14`, `Storage: Longhorn on USB SSDs`), or a
//! technology for what it does (`TailwindCSS for styling`; [`name_for_role`]). Rounds 196–217:
//! 32 lines more of the readers', 2 not. Not lines under a label or heading of their own, nor a
//! layer with what it holds in brackets (`Service Layer (Business Logic)`), nor one part's
//! architecture (`### Storage Architecture`). Under a bold label there naming a part
//! (`**Frontend (/client):**`; [`names_a_layer`]) a name alone or one for what it does is
//! chosen too, where a line of the list names one for what it does ([`lists_technologies`]);
//! and the list a file that describes the system opens with, right under its title, is read
//! as that architecture.
//!
//! Among decisions, a bold label naming a kind or group of technologies over its list (`1.
//! **Framework Choice**` over `- WXT for extension development`) is the topic of the
//! choices under it ([`labelled_choices`]).
//!
//! And a line whose label names a kind of technology names the one chosen wherever it stands
//! (`OS: Debian 12`, `Framework: Vitest`, `Package manager: pnpm`; [`names_technology_kind`]),
//! unless what is above it reports rather than chooses (a bug report, a test matrix, a
//! glossary: [`names_a_report`]) or its value names no one technology.

use super::fields;
use super::heading;
use super::{Block, Entry, Group, Item, Kind, Section};

/// Turns the items a stack section lists as chosen into decisions: see the module's rule.
pub(crate) fn choices(
    items: &mut [Item],
    sections: &[Section],
    entries: &[Entry],
    groups: &[Group],
    rows: &[usize],
    describes_system: bool,
    lists_technology: bool,
) {
    // Each section's answer once: whether it or a heading above it names the stack; and each
    // bold pseudo-heading's: whether it names the stack (`**Tech Stack:**`), names something
    // else inside one (`**Setup:**`), or says nothing of it.
    let mut lists_stack: Vec<Option<Option<Listed>>> = vec![None; sections.len()];
    let mut group_says: Vec<Option<Option<Option<Listed>>>> = vec![None; groups.len()];
    let mut titles = super::TitlesOver::new(sections, entries, judge_title);
    // (A table's rows only when its columns name a technology or what it is for: `rows`, in
    // document order.)
    let mut rows = rows.iter().peekable();
    // A file of links to read (`# External Resources`, `references.md`): nothing it names is
    // chosen there (round 271).
    let links_file = entries.first().is_some_and(|e| names_references(&e.title));
    // (Each paragraph over a list asked once whether it leads in candidates, however many of
    // the list's items ask.)
    let mut candidates: Vec<Option<bool>> = vec![None; items.len()];
    // The items of the list a file that describes the system opens with, right under its title
    // (in its first section, untitled and undated): the first items, up to the first that is
    // no list item.
    let opens_with_list = describes_system
        && sections.first().is_some_and(|s| s.entry == 0 && s.title.is_none() && s.date.is_none())
        && entries.first().is_some_and(|e| e.date.is_none());
    let opening_list = if opens_with_list {
        items.iter().position(|it| it.block != Block::ListItem || it.section != 0).unwrap_or(items.len())
    } else {
        0
    };
    // The last label an item sat under, and whether it only names a role over the choices
    // under it (`- **CI/CD:**` over `- Renovate (dependency updates)`; not `- **Setup:**`):
    // judged once, for an item in the stack, as its items come one after another.
    let mut label: Option<(usize, bool)> = None;
    // (Which items hold others: a name over its own list is a label, not a choice. And each
    // list item's paragraph right above its list, judged only when a name alone asks: under
    // one that names the one technology chosen, `**Phaser 3** - JavaScript game framework`
    // over `- Scene management system`, the list tells what it gives.)
    let mut holds = vec![false; items.len()];
    let mut lead: Vec<Option<u32>> = vec![None; items.len()];
    let mut over: Option<u32> = None;
    for (i, item) in items.iter().enumerate() {
        if let Some(p) = item.parent.filter(|&p| p < holds.len()) {
            holds[p] = true;
        }
        match item.block {
            Block::ListItem => lead[i] = over,
            Block::Paragraph => over = u32::try_from(i).ok(),
            _ => over = None,
        }
        if i + 1 < items.len() && items[i + 1].section != item.section {
            over = None;
        }
    }
    // The sections whose heading stands as an item of its own (a pattern or a decision named in
    // a heading, `### Repository Pattern`): what is under it spells that item out.
    // (Asked only in a file that describes the system.)
    let mut heading_stands = vec![false; sections.len()];
    for item in items.iter().filter(|i| describes_system && i.block == Block::Heading) {
        if let Some(s) = heading_stands.get_mut(item.section) {
            *s = true;
        }
    }
    // (Not a label over the list, `**Frontend:** (already built)`.)
    let mut names_the_one: Vec<Option<bool>> = vec![None; items.len()];
    // (Each paragraph asked once whether it names in bold the one technology chosen, however
    // many lines of its list ask.)
    let mut chosen_in_bold: Vec<Option<bool>> = vec![None; items.len()];
    // Each bold label's answer, asked under an architecture title: whether its list names a
    // technology for what it does anywhere ([`lists_technologies`]).
    let mut techy: Vec<Option<bool>> = vec![None; groups.len()];
    // (Nor a plain label over the list that names no role, `Key Features Used:`; found by
    // review.)
    let mut tells_of_named = |i: usize, items: &[Item]| {
        lead[i].is_some_and(|p| {
            let p = p as usize;
            *names_the_one[p].get_or_insert_with(|| {
                let text = items[p].text.trim_end();
                // (`Prometheus and Grafana provide:` over what they bring.)
                if fields::leads_into_benefits(text) {
                    return true;
                }
                match text.strip_suffix([':', '：']) {
                    Some(label) => !names_a_role(label.trim()),
                    None => fields::named_before_colon(text).is_none() && names_role_and_choice(text),
                }
            })
        })
    };
    for i in 0..items.len() {
        let stack_row = rows.next_if(|&&r| r <= i).is_some_and(|&r| r == i);
        let item = &items[i];
        if item.block == Block::TableRow && !stack_row {
            continue;
        }
        // (An item right under a label that ends with a colon may be read as a top-level one;
        // so may one under a bold label alone on its line that names a group of technologies,
        // `1. **Core Technologies**`, `2. **UI and Styling**`, in the stack itself — not a
        // technology's own name, `1. **Ansible**` over how it is installed.)
        let parent_label = item.parent.filter(|&p| {
            item.depth == 1
                && items.get(p).is_some_and(|l| {
                    l.parent.is_none()
                        && l.block == Block::ListItem
                        && (l.text.trim_end().ends_with([':', '：'])
                            || (l.bold.as_deref() == Some(l.text.trim()) && names_a_group(&l.text)))
                })
        });
        // (A paragraph too, that names in bold the one technology chosen, in a file that
        // describes the system: `**Nuxt 4.1.2** - Full-stack Vue framework` under `### Frontend
        // Framework`.)
        let named_paragraph = item.block == Block::Paragraph
            && describes_system
            && *chosen_in_bold[i].get_or_insert_with(|| names_chosen_in_bold(item));
        if !matches!(item.kind, Kind::Other | Kind::Pattern)
            || !(matches!(item.block, Block::ListItem | Block::TableRow) || named_paragraph)
            || (item.parent.is_some() && parent_label.is_none())
            || item.field.is_some()
            || item.record.is_some()
            || item.done.is_some()
            // (Nor a record's decision its status turned down or retired: the items of a
            // rejected `## ADR-001: Backend Stack`; found by a hostile-size test.)
            || item.fields.iter().any(|(name, value)| name == "status" && (fields::not_taken(value) || fields::retired(value)))
            // (Nor a list led in as candidates: `… will be chosen after the analysis. Likely
            // candidates:`; round 267.)
            || lead[i].is_some_and(|p| {
                *candidates[p as usize].get_or_insert_with(|| fields::leads_into_candidates(&items[p as usize].text))
            })
            || links_file
        {
            continue;
        }
        let said = item.group.filter(|&g| g < groups.len()).and_then(|g| {
            *group_says[g].get_or_insert_with(|| {
                let title = groups[g].title.as_str();
                let dependencies = heading::names_dependencies(title);
                let stack = |named| Some(Listed::Stack { named });
                if heading::names_stack(title) {
                    Some((!heading::names_options_weighed(title)).then(|| stack(true)).flatten())
                } else if dependencies == Some(true) {
                    // (Not a piece of planned work's: `**Dependencies:**` under `## Milestone 2`.)
                    Some(
                        (!heading::names_options_weighed(title)
                            && !titles.answers(item.section).iter().any(|t| t.plans_work))
                        .then(|| stack(false))
                        .flatten(),
                    )
                } else {
                    (names_how_or_notes(title) || dependencies.is_some() || heading::names_options_weighed(title))
                        .then_some(None)
                }
            })
        });
        // (A bold label over its own list that names a role, `**Frontend:** (already built)`.)
        let group_names_role = |g: Option<usize>| {
            g.and_then(|g| groups.get(g)).is_some_and(|g| {
                let title = fields::name_before_note(&g.title);
                title.split_whitespace().count() <= 3 && !title.contains(" - ") && names_a_role(title)
            })
        };
        // (In a file that describes the system, the list the file opens with right under its
        // title is its architecture written part by part: `- Runtime: Docker Compose` at the
        // top of `techContext.md`.)
        let listed = match said {
            Some(listed) => listed,
            None => lists_stack[item.section]
                .get_or_insert_with(|| under_stack_title(&titles.answers(item.section)))
                .or((i < opening_list).then_some(Listed::Architecture)),
        };
        let names = match listed {
            // (Such a paragraph only under a title naming the stack or a kind of technology; round
            // 280: the readers list 7 of 7.)
            _ if named_paragraph => matches!(listed, Some(Listed::Stack { .. } | Listed::Kind)),
            // (Outside a stack, a line whose label names a kind of technology, `OS: Debian 12`,
            // `Framework: Vitest`, `Package manager: pnpm`: [`names_technology_kind`].)
            // (Not under a label or title that keeps its items out, `**Planned:**`, `## Future
            // Ideas`, `## Phase 2`.)
            // (And in a file that describes the system, a part named in bold and what it is
            // built on, [`describes_a_part`] — not under a heading that stands for an item of its
            // own, nor under a title or label over what parts bring, steps or what the project
            // runs on: `**Benefits Achieved**:`, `### Bootstrap Sequence`, `### Editor Support`.)
            None => {
                // (Whether the line was read as a part, whose titles are asked more of below.)
                let mut part = false;
                said.is_none()
                    && item.block == Block::ListItem
                    && fields::named_before_colon(&item.text).is_some_and(|(label, value)| {
                        (names_technology_kind(label) && names_one_chosen(value) && names_role_and_choice(&item.text))
                            // (A bold label is no commit's type: `**Build**: Woodpecker CI`.)
                            || {
                                part = describes_system
                                    && !heading_stands[item.section]
                                    && describes_a_part(item, label, value, lists_technology)
                                    && fills_role(label, value, &item.text)
                                    && !item
                                        .group
                                        .and_then(|g| groups.get(g))
                                        .is_some_and(|g| names_what_it_brings(&g.title));
                                part
                            }
                    })
                    && !reports_state(&item.text)
                    && !titles
                        .answers(item.section)
                        .iter()
                        .any(|t| t.weighs_options || t.plans_work || t.reports || (part && (t.steps || t.brings)))
            }
            // (A row in `rows` was found to name a part and what fills it as it was read.)
            // (A name alone, [`names_one_technology`]: right under a short label naming its
            // role, `- **Frontend:**` over `- React`, read `Frontend: React`; at the top of a
            // list under a title naming the stack, with no bold label between that says
            // nothing of it; or under a bold label naming a role, `**Backend:**` over `*
            // FastAPI`; either way not with a paragraph over the list that names the one
            // chosen, `**Bun** - the JavaScript runtime` over what it gives.)
            Some(Listed::Stack { named }) => {
                let mut alone_may_name = |items: &[Item]| match (parent_label, item.parent) {
                    (Some(p), _) => items[p].text.split_whitespace().count() <= 4,
                    (None, None) => {
                        ((named && (said.is_some() || item.group.is_none()))
                            || (said.is_none() && group_names_role(item.group)))
                            && !tells_of_named(i, items)
                    }
                    (None, Some(_)) => false,
                };
                item.block == Block::TableRow
                    || names_role_and_choice(&item.text)
                    || (!holds[i] && alone_may_name(items) && names_one_technology(&item.text))
            }
            // (Only in a file that describes the system, `techContext.md`, `systemPatterns.md`,
            // Kilo's `architecture.md` and `tech.md`: elsewhere `### Platform` may be the
            // business's and `### Tool` a how-to's; found by review.)
            Some(Listed::Kind) => {
                describes_system
                    && item.block == Block::ListItem
                    && !reports_state(&item.text)
                    && !fields::leaves_open(&item.text)
                    && (fields::named_before_colon(&item.text).is_some()
                        || dash_after_name(&item.text).is_some()
                        || name_for_role(&item.text).is_some())
                    && names_role_and_choice(&item.text)
            }
            // (The architecture written part by part: a line right under its title that names a
            // part before a colon, `Frontend: SvelteKit`, or a technology for what it does,
            // `TailwindCSS for styling`; not one under a label of its own,
            // `**Core Entities:**` or `- Main components:`, nor a layer with what it holds in
            // brackets, `Service Layer (Business Logic)`.)
            // (Or under a bold label naming a part of the system there, `**Frontend
            // (/client):**`, `**Data Storage:**` ([`names_a_layer`]), a line that names a
            // technology, alone or for what it does: `Zustand for state management`, `Shadcn UI
            // components`, as under a stack's role.)
            Some(Listed::Architecture) => {
                item.parent.is_none()
                    && item.block == Block::ListItem
                    && !reports_state(&item.text)
                    && if item.group.is_none() {
                        (fields::named_before_colon(&item.text).is_some()
                            || dash_after_name(&item.text).is_some()
                            || name_for_role(&item.text).is_some())
                            && names_role_and_choice(&item.text)
                            // (Not a part retired or still to come: `Sentry for error tracking —
                            // removed in v2`, `Plans for a mobile client`; found by review.)
                            && !fields::holds_word_of(&item.text, RETIRED)
                            && !fields::holds_word_of(&item.text, &["plan", "plans", "wait"])
                    } else {
                        said.is_none()
                            && item.group.and_then(|g| groups.get(g)).is_some_and(|g| names_a_layer(&g.title))
                            && !holds[i]
                            && !tells_of_named(i, items)
                            && (name_for_role(&item.text).is_some()
                                || (names_one_technology(&item.text) && lists_technologies(items, i, &mut techy)))
                    }
            }
        };
        // (Under a paragraph naming in bold the one technology chosen, `**Nuxt 4.1.2** -
        // Full-stack Vue framework`, the list tells what it brings, `- **Auto-imports**:
        // Streamlined development workflow`: a line there is a choice of its own only where it
        // names another product, `Vue 3`, `TypeScript`, `@clerk/nuxt`; round 280.)
        let mut brought = || {
            item.block == Block::ListItem
                && lead[i].is_some_and(|p| {
                    let p = p as usize;
                    *chosen_in_bold[p].get_or_insert_with(|| names_chosen_in_bold(&items[p]))
                })
                && !names_a_product(item.bold.as_deref().unwrap_or(&item.text))
        };
        if !(names && fields::timestamp(&item.text).is_none()) || brought() {
            continue;
        }
        let under_a_role = parent_label.is_none_or(|p| match label {
            Some((at, role)) if at == p => role,
            _ => {
                let role = names_a_role(items[p].text.trim_end().trim_end_matches([':', '：']));
                label = Some((p, role));
                role
            }
        });
        if under_a_role {
            items[i].kind = Kind::Decision;
        }
    }
}

/// Among decisions, a bold label alone that names a kind or group of technologies over its own
/// list (`1. **Framework Choice**` over `- WXT for extension development`, `- **Build
/// System**` over `- Bun as package manager`) heads what was chosen: the items under it that
/// name a technology, alone or with what it does for the project, are the decisions, and the
/// label their topic (round 220: the readers list the items, never the label).
pub(crate) fn labelled_choices(items: &mut [Item]) {
    const CHOICE: &[&str] = &["choice", "choices", "selection", "decision", "decisions"];
    for i in 0..items.len() {
        let item = &items[i];
        let label = item.text.trim().trim_end_matches([':', '：']).trim_end();
        if item.kind != Kind::Decision
            || item.block != Block::ListItem
            || item.parent.is_some()
            || item.field.is_some()
            || item.bold.as_deref().map(str::trim) != Some(label)
        {
            continue;
        }
        // (`Framework Choice` names the framework's kind.)
        let kind = label
            .rsplit_once(' ')
            .filter(|(_, last)| fields::is_word_of(last, CHOICE))
            .map_or(label, |(kind, _)| kind.trim_end());
        // (Not a part of the system, `**Structured Logging (v0.2):**`: a feature decided,
        // with how it is built under it.)
        if !(heading::names_stack(kind) || heading::names_tooling(kind) || names_technology_kind_title(kind)) {
            continue;
        }
        let under: Vec<usize> = (i + 1..items.len())
            .take_while(|&c| items[c].parent.is_some())
            .filter(|&c| items[c].parent == Some(i))
            .collect();
        if under.iter().any(|&c| items[c].kind == Kind::Decision) {
            continue;
        }
        let chosen: Vec<usize> = under
            .into_iter()
            .filter(|&c| {
                let text = &items[c].text;
                !reports_state(text)
                    && !still_open(text)
                    && (names_one_technology(text) || name_for_role(text).is_some() || names_role_and_choice(text))
            })
            .collect();
        if chosen.is_empty() {
            continue;
        }
        items[i].kind = Kind::Other;
        for c in chosen {
            items[c].kind = Kind::Decision;
        }
    }
}

/// What a title over a stack item says: whether it weighs options or turns things down, tells
/// how things are done or notes on them ([`names_how_or_notes`]), and names the stack.
#[derive(Clone, Copy)]
struct TitleSays {
    weighs_options: bool,
    how_or_notes: bool,
    names_stack: bool,
    /// Names the tools the project works with ([`heading::names_tooling`]).
    names_tooling: bool,
    /// Names the dependencies the project chose ([`heading::names_dependencies`]).
    names_dependencies: bool,
    /// Names a piece of planned work (`## Phase 1`, `### Task 3`, `# Implementation Plan`).
    plans_work: bool,
    /// Names the whole system's architecture ([`heading::names_whole_architecture`]).
    names_whole_architecture: bool,
    /// Names a kind of technology ([`names_technology_kind_title`]).
    names_kind: bool,
    /// Names what describes or reports rather than chooses ([`names_a_report`]), or links to
    /// read ([`names_references`]).
    reports: bool,
    /// Names links to read ([`names_references`]).
    links: bool,
    /// Names what something brings or costs ([`names_what_it_brings`]).
    brings: bool,
    /// Names steps to take in order (`### Bootstrap Sequence`, `## Restore Procedure`), or what
    /// the project runs on or works with ([`names_what_it_runs_on`]).
    steps: bool,
}

/// What a title says, each title judged once ([`super::TitlesOver`]).
fn judge_title(title: &str) -> TitleSays {
    const WORK: &[&str] =
        &["phase", "task", "milestone", "sprint", "story", "epic", "ticket", "plan", "backlog", "iteration", "step"];
    let dependencies = heading::names_dependencies(title);
    // (`Development Environment`, `Code Quality Tools`: the tools chosen, right under it —
    // though further down, as elsewhere, an environment is how things are set up.)
    let tooling = heading::names_tooling(title) && !super::patterns::label_sets_aside(title);
    let links = names_references(title);
    TitleSays {
        weighs_options: heading::names_options_weighed(title),
        how_or_notes: names_how_or_notes(title) || dependencies == Some(false),
        names_stack: heading::names_stack(title),
        names_tooling: tooling,
        names_kind: names_technology_kind_title(title),
        names_whole_architecture: heading::names_whole_architecture(title),
        names_dependencies: dependencies == Some(true),
        plans_work: fields::holds_word_of(title, WORK),
        reports: names_a_report(title) || links,
        links,
        brings: names_what_it_brings(title),
        // (Not how things are set up or built, where the parts are named: `## Development
        // Setup`, `## CI/CD Pipeline`, `### Build Process`; found by review.)
        // (Nor a workflow's steps, `### CI/CD Workflow` over `1. **Lint**: golangci-lint on every
        // push`, nor where the stack may go, `## Technology Evolution Path`, `### Roadmap`.)
        // (Nor how the parts relate or data flows between them, `## Component Relationships`,
        // `## Critical Implementation Paths`, `## Data Flow Patterns`: round 277.)
        steps: fields::holds_word_of(
            title,
            &[
                "sequence",
                "steps",
                "procedure",
                "checklist",
                "runbook",
                "workflow",
                "workflows",
                "path",
                "paths",
                "roadmap",
                "relationships",
                "flow",
                "flows",
            ],
        ) || names_what_it_runs_on(title),
    }
}

/// Whether a title is over what something brings or costs rather than what it is built on
/// (`**Benefits Achieved**:`, `#### Integration Benefits`, `### Consequences`, `## Vorteile`).
fn names_what_it_brings(title: &str) -> bool {
    const BRINGS: &[&str] = &[
        "benefits",
        "benefit",
        "advantages",
        "pros",
        "cons",
        "drawbacks",
        "consequences",
        "impact",
        "outcomes",
        "achievements",
        // (And what is measured: `## Metrics`, `### KPIs`.)
        "metrics",
        "kpis",
        "statistics",
        // (And what is lacking or owed: `## Technical Debt`, `### Known Limitations`.)
        "debt",
        "risks",
        "limitations",
        "gaps",
        "vorteile",
        "ventajas",
        "beneficios",
        "avantages",
        "vantagens",
        "benefícios",
    ];
    fields::holds_word_of(title, BRINGS)
}

/// Whether a title is over links to read rather than choices (`# External Resources`, `##
/// References`, `## Useful Links`, `### Further Reading`; round 271): a tool named there,
/// `[yamllint Documentation](…) - YAML linter` under `### Linting Tools`, is one to read about.
/// Not the resources a system uses (`## Cloud Resources`).
fn names_references(title: &str) -> bool {
    fields::holds_word_of(title, &["references", "links", "bookmarks", "reading"])
        || (fields::holds_word_of(title, &["resources"])
            && fields::holds_word_of(title, &["external", "useful", "learning", "additional", "helpful"]))
}

/// A title over what describes, reports or asks rather than chooses: a bug, an incident, its
/// reproduction or troubleshooting, a test matrix, what is supported or compatible, a glossary,
/// users' feedback, a client's requirements, what broke (`## Bug Report: login crash`, `##
/// Incident 2025-03-14`, `## Test Matrix`, `## Supported Platforms`, `## Glossary`, `## What
/// broke last week`; found by review). Under it a technology's label names what was met, not
/// what was chosen.
fn names_a_report(title: &str) -> bool {
    const REPORTS: &[&str] = &[
        "bug",
        "bugs",
        "incident",
        "incidents",
        "outage",
        "postmortem",
        "issue",
        "issues",
        "problem",
        "problems",
        "error",
        "errors",
        "troubleshooting",
        "troubleshoot",
        "debugging",
        "reproduction",
        "reproduce",
        "repro",
        "matrix",
        "supported",
        "glossary",
        "terminology",
        "definitions",
        "feedback",
        "requirements",
        "requirement",
        "client",
        "customer",
        "wishlist",
        "interviews",
        "broke",
        "broken",
        "crash",
        "crashes",
        "failure",
        "failures",
        "faq",
    ];
    // (Not a client that is a part of the system: `## System Architecture (PC Client -
    // Tauri)`, `### Web Client`; round 273.)
    const SOFTWARE: &[&str] =
        &["pc", "desktop", "web", "mobile", "api", "http", "cli", "native", "thin", "rich", "vpn"];
    let words: Vec<&str> = title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.iter().enumerate().any(|(at, w)| {
        fields::is_word_of(w, REPORTS)
            && !(fields::is_word_of(w, &["client"]) && at > 0 && fields::is_word_of(words[at - 1], SOFTWARE))
    })
}

/// Whether the section's title, a title above it in its entry, or its entry's title names the
/// stack (`titles`, nearest first: [`super::TitlesOver`]), with no heading between it and the
/// item that names something else (`### CI/CD Workflow`, `### Important Notes`) — and no
/// title on the way, up to the entry's, weighs options or turns things down (`### Alternatives
/// Considered` under `## Tech Stack`, `## Tech Stack` under `## Open Questions`). A title over
/// dependencies counts as the stack's, but not under a piece of planned work, whose
/// dependencies are what it waits for (`### Dependencies` under `## Phase 2`; found by review).
/// The section's own title over the whole system's architecture lists the stack part by part.
fn under_stack_title(titles: &[TitleSays]) -> Option<Listed> {
    if titles.iter().any(|t| t.weighs_options) {
        return None;
    }
    // (Nor the architecture or a kind of technology under what reports rather than chooses, `##
    // Incident 2026-02-03`: a line there is no choice either way.)
    let reports = || titles.iter().any(|t| t.reports);
    // (The section's own title over the whole system's architecture: its lines name its parts.)
    if titles.first().is_some_and(|t| t.names_whole_architecture && !t.how_or_notes && !t.plans_work) && !reports() {
        return Some(Listed::Architecture);
    }
    let kind_listed = |kind: bool| (kind && !reports()).then_some(Listed::Kind);
    // (Once found: whether by a title over dependencies.)
    let mut found: Option<bool> = None;
    // (A title naming a kind of technology, `### Core Framework`, lists what was chosen for it,
    // as a stack does, and one above it may name the stack itself.)
    let mut kind = false;
    // (A title over the tools lists them right under it, not under a heading of its own:
    // `### Logging` under `## Development Tools`; and by a role and a name, as the
    // dependencies are: a name alone there is as often what a tool does, `- Error tracking`
    // under `### Debug Tools`.)
    if titles.first().is_some_and(|t| t.names_tooling && !t.weighs_options) && !titles.iter().any(|t| t.links) {
        return Some(Listed::Stack { named: false });
    }
    for title in titles {
        match found {
            None => {
                // (`### Why this stack`, `## Tech Stack Status`: what they hold is about the
                // stack.)
                if title.how_or_notes {
                    return kind_listed(kind);
                }
                if title.names_stack || title.names_dependencies {
                    found = Some(!title.names_stack);
                }
                kind |= title.names_kind;
            }
            Some(true) if title.plans_work => return None,
            Some(_) => {}
        }
    }
    found.map(|dependencies| Listed::Stack { named: !dependencies }).or_else(|| kind_listed(kind))
}

/// Whether a label names a kind of technology, so that what it labels is one chosen wherever
/// it stands (`OS: Ubuntu 24.04`, `Framework: JUnit 5 with Mockito`, `ORM: Prisma`, `Package
/// manager: Bun`, `Styling: Tailwind CSS`, `Tool: GitHub Actions`, `Platform: Intel Mac
/// mini`): on rounds 196–217, 20 lines more of the readers' and none not. (Where it stands
/// and what it holds are asked too: [`names_a_report`], [`names_one_chosen`].)
fn names_technology_kind(label: &str) -> bool {
    const KINDS: &[&str] = &[
        "os",
        "operating system",
        "platform",
        "framework",
        "target framework",
        "test framework",
        "testing framework",
        "web framework",
        "ui framework",
        "css framework",
        "orm",
        "package manager",
        "build tool",
        "tool",
        "bundler",
        "test runner",
        "styling",
        "betriebssystem",
        "paketmanager",
        "sistema operativo",
        "gestor de paquetes",
        "système d'exploitation",
        "gestionnaire de paquets",
        "операционная система",
        "фреймворк",
        "操作系统",
        "框架",
        "包管理器",
        "フレームワーク",
    ];
    let label = label.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    label.len() <= 32
        && KINDS.iter().any(|k| label.eq_ignore_ascii_case(k) || (!label.is_ascii() && label.to_lowercase() == *k))
}

/// Whether a file describes the system, by its name: Cline's `techContext.md` and
/// `systemPatterns.md`, Kilo Code's `tech.md` and `architecture.md` — the files that rank first
/// after a decision log as a decision's record ([`super::restate::role`]) — (`stem`, its name
/// without the extension; what follows a `-` aside, `techContext-kinds`).
pub(crate) fn describes_system(stem: &str) -> bool {
    let stem = stem.split('-').next().unwrap_or(stem);
    matches!(super::restate::role(std::path::Path::new(stem)), 1 | 2)
}

/// Whether a file lists the project's technology, by its name: Cline's `techContext.md`, Kilo
/// Code's `tech.md` ([`super::restate::role`] 2; what follows a `-` aside).
pub(crate) fn lists_technology(stem: &str) -> bool {
    let stem = stem.split('-').next().unwrap_or(stem);
    super::restate::role(std::path::Path::new(stem)) == 2
}

/// Whether a title names a kind of technology, a number before it aside (`### Core Framework`,
/// `### Testing Framework`, `#### 2. ORM`, `### State Management`, `### Database & ORM`): on
/// rounds 196–219 it lists 25 lines more of the readers' and none not.
fn names_technology_kind_title(title: &str) -> bool {
    const MORE: &[&str] = &["core framework", "frameworks", "state management", "database & orm", "database and orm"];
    let title = title.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ')' | ' '));
    names_technology_kind(title) || MORE.iter().any(|k| title.eq_ignore_ascii_case(k))
}

/// Words that retire a technology named with them: `Unused since 2023 (jQuery)`, `OpenSearch
/// (replaced by Loki)`, `jQuery (no longer used)`.
const RETIRED: &[&str] = &[
    "unused",
    "dropped",
    "since",
    "formerly",
    "previously",
    "removed",
    "deprecated",
    "legacy",
    "retired",
    "replaced",
    "obsolete",
    "archived",
    "disabled",
    "dropped",
    "longer",
    // (`nicht mehr verwendet`, `veraltet`, `remplacé`, `obsoleto`, `устарел`.)
    "mehr",
    "veraltet",
    "entfernt",
    "ersetzt",
    "remplacé",
    "obsolète",
    "supprimé",
    "reemplazado",
    "obsoleto",
    "eliminado",
    "устарел",
    "удалён",
];

/// Whether a line names one technology and nothing else (`React`, `Python 3.11+`, `Redux
/// Toolkit`, `JSON Web Tokens (JWT)`): at most four words before any brackets, a letter in them,
/// no sentence, task, state or open choice, no slot or place.
fn names_one_technology(text: &str) -> bool {
    const NOT_A_NAME: &[&str] = &[
        "is", "are", "was", "were", "be", "been", "the", "a", "an", "to", "we", "our", "it", "its", "this", "that",
        "with", "and", "of", "in", "on", "by", "from", "via", "using", "use", "used", "uses", "when", "if", "no",
        "not", "all", "each", "every", "should", "must", "can", "will", "may", "for", "now", "per", "con", "de", "mit",
        "avec", "und", "et", "y", "для", "с", "и", "none", "yet",
    ];
    const VERBS: &[&str] =
        &["includes", "provides", "supports", "handles", "contains", "allows", "enables", "runs", "makes", "gives"];
    let text = text.trim();
    // (Brackets only closing the line, `JSON Web Tokens (JWT)`, `React (18.2)`: not `Appelle
    // executer() du module`.)
    let (name, rest) = text.split_once(['(', '（']).unwrap_or((text, ""));
    let name = name.trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    // (Not a sentence or a label: `La méthode contient la logique :`, `Loads the config.`)
    !text.ends_with(['.', ':', '：', ';', ','])
        && (rest.is_empty()
            || (rest.trim_end().ends_with([')', '）'])
                && !rest.contains(['(', '（'])
                // (Nor one set aside in them: `jQuery (no longer used)`.)
                && !fields::holds_word_of(rest, RETIRED)))
        && !words.first().is_some_and(|w| fields::is_word_of(w, VERBS))
        && !words.is_empty()
        && words.len() <= 4
        && name.chars().any(char::is_alphabetic)
        && !name.contains([':', '：', '=', '|', '#'])
        && !words.iter().any(|w| fields::is_word_of(w, NOT_A_NAME))
        && !names_a_kind_of_work(&words)
        && fields::timestamp(text).is_none()
        && !is_a_slot_or_a_place(text)
        && !still_open(text)
        && !reports_state(text)
        && !names_a_file_or_a_command(name)
        // (Nor a quantity: `8 GB RAM`, `500k users`; found by review.)
        && !name.starts_with(|c: char| c.is_ascii_digit())
}

/// Whether a paragraph names in bold the one technology chosen, and at most what it is or what
/// comes with it: `**Nuxt 4.1.2** - Full-stack Vue framework`, `**ESLint 9.36.0** with Nuxt
/// ESLint config`, `**SQLite with better-sqlite3 12.4.1**` — a dozen words at most, not a label
/// over what follows (`**Core Components**:`), a state or an open choice.
fn names_chosen_in_bold(item: &Item) -> bool {
    let Some(bold) = item.bold.as_deref() else { return false };
    let text = item.text.trim();
    let Some(rest) = text.strip_prefix(bold.trim()) else { return false };
    let rest = rest.trim_start();
    let said = rest.is_empty()
        || [" - ", " – ", " — ", "with "].iter().any(|p| rest.starts_with(p.trim_start()) && rest.len() > p.len());
    // (Nor one set aside or not yet taken: `**Jest 29** - replaced by Vitest`, `**Prisma 5** -
    // planned for Q1`, `**tRPC 11** - under evaluation`, `**Redux** - not used`; found by
    // review.)
    said && !text.ends_with([':', '：'])
        && text.split_whitespace().nth(12).is_none()
        && names_one_technology(bold.split(" with ").next().unwrap_or(bold))
        && !fields::leaves_open(text)
        && !still_open(text)
        && !reports_state(text)
        && !fields::holds_word_of(rest, RETIRED)
        && !fields::holds_word_of(rest, &["not", "no", "never", "evaluation"])
}

/// Whether a label is a product's name by its spelling: a version or a digit (`Vue 3`), a
/// scope or a path (`@clerk/nuxt`), a dot (`Node.js`), or a capital inside a word
/// (`TypeScript`, `PostgreSQL`) — not words of plain English (`Auto-imports`, `High
/// Performance`), which may name a product too but as often a feature.
fn names_a_product(label: &str) -> bool {
    label.split_whitespace().take(4).any(|w| {
        w.contains(['@', '/', '.'])
            || w.bytes().any(|b| b.is_ascii_digit())
            || w.as_bytes().windows(2).any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase())
    })
}

/// Whether words that could be a name are a file or a command instead: `src/index.tsx`,
/// `package.json`, `docker-compose.yml`, `npm run dev` (found by review). Not `shadcn/ui`,
/// `CI/CD`, `Node.js` or `chart.js` (`.js` and `.ts` name libraries as often as files).
fn names_a_file_or_a_command(name: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        "tsx", "jsx", "json", "yml", "yaml", "toml", "sh", "py", "md", "rs", "lock", "env", "cfg", "conf", "ini", "txt",
    ];
    const TOOLS: &[&str] = &["npm", "npx", "yarn", "pnpm", "make", "cargo", "pip", "uv", "go", "docker", "git", "bun"];
    const VERBS: &[&str] = &["run", "install", "build", "add", "dev", "start", "test", "compose", "init", "exec"];
    // (A path to a file names one whatever its extension: `src/tools/lint.ts`.)
    let in_folder = |name: &str| name.rsplit_once('/').is_some_and(|(_, last)| last.contains('.'));
    let file = !name.contains(char::is_whitespace)
        && (name.starts_with(['.', '/', '~'])
            || in_folder(name)
            || name
                .rsplit_once('.')
                .is_some_and(|(stem, ext)| !stem.is_empty() && fields::is_word_of(ext, EXTENSIONS)));
    let mut words = name.split_whitespace();
    let command = words.next().is_some_and(|w| fields::is_word_of(w, TOOLS))
        && words.next().is_some_and(|w| fields::is_word_of(w, VERBS) && w.bytes().all(|b| b.is_ascii_lowercase()));
    file || command
}

/// Whether words that could be a name are a plain phrase for a kind of work instead: a
/// capitalised first word and the rest in lower case letters only (`Input validation`, `Error
/// handling`, `Unit tests`) — where a technology's name has capitals, digits or marks in its
/// later words (`Redux Toolkit`, `Python 3.12`, `shadcn-ui component library`, `FastAPI
/// framework`). One word cannot be told either way, and is read as a name.
fn names_a_kind_of_work(words: &[&str]) -> bool {
    let plain_lower = |w: &str| w.chars().all(|c| c.is_ascii_lowercase());
    match words {
        [first, rest @ ..] if !rest.is_empty() => {
            let mut chars = first.chars();
            chars.next().is_some_and(|c| c.is_ascii_uppercase())
                && chars.all(|c| c.is_ascii_lowercase())
                && rest.iter().all(|w| plain_lower(w))
        }
        _ => false,
    }
}

/// Whether a labelled line reports a state rather than names what fills its part: work done
/// or still to do (`Backend: 80% complete`, `Frontend: ✅ done`, `Auth: not implemented yet`,
/// `Frontend: broken since the React 19 upgrade`; found by review).
fn reports_state(text: &str) -> bool {
    const STATE: &[&str] = &["broken", "done", "complete", "completed", "implemented", "pending", "wip", "missing"];
    let value = fields::named_before_colon(text).map_or(text, |(_, value)| value);
    let value = value.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    fields::says_done(value)
        || value.starts_with(['✅', '❌', '⚠', '🚧'])
        || fields::is_status_report(text)
        || value.split(|c: char| !c.is_alphanumeric()).take(4).any(|w| fields::is_word_of(w, STATE))
        || value.contains('%')
}

/// Whether a technology label's value names one technology chosen: not a slot, an example, a
/// list of several (a matrix: `Ubuntu 22.04, Ubuntu 24.04, macOS 14`), `any`, `none yet`,
/// `platform-agnostic`, nor a description that opens with an article or a quantity (`a
/// marketplace that …`, `several users still run …`, `the client asked …`; found by review).
fn names_one_chosen(value: &str) -> bool {
    const NOT_FIRST: &[&str] = &[
        "a", "an", "the", "e", "eg", "any", "none", "whatever", "several", "some", "both", "either", "various", "most",
        "all", "unknown", "n", "tbd", "tbc", "todo",
    ];
    let v = value.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    let first = v.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    !v.starts_with(['(', '[', '<', '{'])
        && !fields::is_word_of(first, NOT_FIRST)
        && v.matches([',', '，', '、']).count() < 2
        && !v.to_ascii_lowercase().contains("agnostic")
}

/// How a section lists the stack ([`under_stack_title`]).
#[derive(Clone, Copy)]
enum Listed {
    /// Under a title that names the stack or the project's dependencies, or a heading inside one
    /// (`named`: the stack's, not the dependencies' nor the tools').
    Stack { named: bool },
    /// Under a title naming a kind of technology (`### Core Framework`, `### State
    /// Management`): its lines name what was chosen for it, written as a label's value, after
    /// a dash or with `for` — not a name with words in brackets (`Series of steps
    /// (preparation, action, validation)`, a shared bank's testing setup).
    Kind,
    /// Right under a title over the whole system's architecture
    /// ([`heading::names_whole_architecture`]): the stack written part by part.
    Architecture,
}

/// A heading or label inside a stack over how things are done, notes on them, where things
/// are, or what the project works with rather than chose (`### CI/CD Workflow` over its steps,
/// `### Important Notes`, `**Setup:**`, `### Local URLs`, `### Why this stack`, `## Versions`
/// and `## Inventory` (what is installed where), `#### Supported Platforms`, `#### Editor
/// Support`, `### Tech Stack Status`, `#### Optional`, `#### Transitive`): what it lists is no
/// technology chosen.
fn names_how_or_notes(title: &str) -> bool {
    const WORDS: &[&str] = &[
        "workflow",
        "workflows",
        "steps",
        "process",
        "pipeline",
        "setup",
        "commands",
        "notes",
        "installation",
        "urls",
        "structure",
        "scripts",
        "environment",
        "variables",
        "why",
        "reasons",
        "rationale",
        "glossary",
        "costs",
        "owners",
        "migration",
        "accounts",
        "limitations",
        "status",
        "audit",
        "issues",
        "problems",
        "versions",
        "inventory",
        "not",
        // What the stack may become (`## Technology Evolution Path`, `### Tech Roadmap`).
        "evolution",
        "roadmap",
        // What is left to the user, kept out, only pulled in, or still to weigh (`####
        // Optional`, `#### Banned`, `#### Transitive` under `### Dependencies`).
        "optional",
        "banned",
        // What the product does, under the stack (`### Core Features`; found by review; not
        // `### Key Python Features Used`).
        "features",
        "capabilities",
        "forbidden",
        "transitive",
        "indirect",
        "evaluate",
        // What the system measures up to (`### Performance Characteristics` over `Testing
        // Execution: 1-3 minutes`; round 230). (Not `### Performance Limits`, which may be
        // set: `Terminal scrollback: 10,000 lines`; nor `### Monitoring & Metrics`, over the
        // tools that gather them, found by review.)
        "characteristics",
        "benchmarks",
    ];
    let words: Vec<&str> = title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    // What the project needs to run on, not what it chose (`### System Requirements` under `##
    // Technology Stack`: `Permissions: Root access`; round 218) — not a tool's own list of
    // requirements (`### Python requirements`, found by review).
    const NEEDS: &[&str] = &[
        "system",
        "hardware",
        "minimum",
        "host",
        "server",
        "browser",
        "browsers",
        "requirements",
        "prerequisites",
        "and",
    ];
    let needs = words.iter().any(|w| fields::is_word_of(w, &["requirements", "prerequisites"]))
        && words.iter().all(|w| fields::is_word_of(w, NEEDS));
    let used = words.last().is_some_and(|w| w.eq_ignore_ascii_case("used"));
    needs
        || words
            .iter()
            .any(|w| fields::is_word_of(w, WORDS) && !(used && fields::is_word_of(w, &["features", "capabilities"])))
        || runs_on(&words)
}

/// Whether a title is over what the project runs on, is edited with or works with rather than
/// chose: `Editor Support`, `Platform Support`, `## Compatibility`, `### Supported Platforms`
/// (not `File Format Support` over the crates that read them).
fn names_what_it_runs_on(title: &str) -> bool {
    runs_on(&title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>())
}

/// [`names_what_it_runs_on`], of a title's words.
fn runs_on(words: &[&str]) -> bool {
    const RUNS_ON: &[&str] =
        &["platform", "platforms", "editor", "editors", "browser", "browsers", "device", "devices", "os"];
    words.iter().any(|w| fields::is_word_of(w, &["supported", "compatibility", "compatible"]))
        || words.windows(2).any(|w| fields::is_word_of(w[0], RUNS_ON) && w[1].eq_ignore_ascii_case("support"))
}

/// Whether a stack item names a role and the technology filling it: `Database: PostgreSQL 15`
/// (a name before a colon, [`fields::named_before_colon`], then what fills it) or `Vercel -
/// hosting and deploys` (a name of at most four words, a dash, then what it does).
pub(crate) fn names_role_and_choice(text: &str) -> bool {
    let text = text.trim();
    // (A colon inside brackets labels nothing: `Redis (localhost:6379)`.)
    fields::named_before_colon(text)
        .filter(|(label, _)| label.matches(['(', '（']).count() <= label.matches([')', '）']).count())
        .or_else(|| dash_after_name(text).map(|(name, rest)| (rest, name)))
        .or_else(|| role_in_brackets(text).map(|(name, role)| (role, name)))
        .or_else(|| name_for_role(text).map(|(name, role)| (role, name)))
        .is_some_and(|(label, value)| !fields::is_commit_type(label) && fills_role(label, value, text))
}

/// Whether a label over a list inside a stack names a role its items fill (`CI/CD &
/// Automation`, `Key Applications`, `Frontend`): not how things are done or notes on them
/// (`Setup`), a fact about parts (`Ports`, `Hosts`, `Credentials`, `Team`, `Known bugs`), nor
/// what is set aside or weighed (`Planned`, `Future`, `Wishlist`, `Under consideration`).
fn names_a_role(label: &str) -> bool {
    const NOT_ROLES: &[&str] = &[
        "hosts",
        "host",
        "credentials",
        "contacts",
        "contact",
        "team",
        "people",
        "members",
        "users",
        "bugs",
        "issues",
        "secrets",
        "passwords",
        "nodes",
        "machines",
        "addresses",
        "ips",
        "environments",
        "accounts",
    ];
    // (Nor what a technology gives: `Key Features Used:` over `- Token management`; nor what
    // is retired or waited on, `**Deprecated:**`, `**Blocked by:**`; found by review.)
    const GIVES: &[&str] = &["features", "feature", "capabilities", "functionality", "benefits", "advantages"];
    const WAITS: &[&str] = &["blocked", "blockers", "blocker", "waiting", "awaiting"];
    !names_how_or_notes(label)
        && !names_a_fact(label)
        && !fields::holds_word_of(label, GIVES)
        && !fields::holds_word_of(label, RETIRED)
        && !fields::holds_word_of(label, WAITS)
        && !fields::is_word_of(heading::last_word(label), NOT_ROLES)
        && !heading::names_options_weighed(label)
        && !super::patterns::label_sets_aside(label)
}

/// Whether the list under bold label `group` shows itself a list of technologies: one of its
/// top-level lines at least names one for what it does (`- Zustand for state management`) —
/// where a name alone may be one too (`- Shadcn UI components`), and not in a list of a part's
/// features or data (`- Admin Dashboard`, `- Dark Mode`, `- Users` under `**Frontend:**`;
/// found by review). `i` is an item under the label, whose items stand together around it;
/// `techy` caches each label's answer.
fn lists_technologies(items: &[Item], i: usize, techy: &mut [Option<bool>]) -> bool {
    let Some(g) = items[i].group.filter(|&g| g < techy.len()) else { return false };
    *techy[g].get_or_insert_with(|| {
        let start = items[..i].iter().rposition(|it| it.group != Some(g)).map_or(0, |p| p + 1);
        let end = items[i..].iter().position(|it| it.group != Some(g)).map_or(items.len(), |p| i + p);
        items[start..end].iter().filter(|it| it.parent.is_none()).any(|it| name_for_role(&it.text).is_some())
    })
}

/// Whether a bold title over a list names a group of technologies (`Core Technologies`,
/// `Development Tools`, `UI and Styling`, `Frontend`), not one technology (`Ansible`).
fn names_a_group(title: &str) -> bool {
    // (And by the plural of what it groups, `Key Libraries`, `Testing Frameworks`,
    // `Programming Languages`, or a kind, `State Management`; found by review. Not `GCP
    // Services` under the dependencies, what a platform offers: round 217.)
    const GROUPS: &[&str] = &["libraries", "frameworks", "languages", "packages", "ecosystem"];
    heading::names_stack(title)
        || heading::names_tooling(title)
        || names_a_layer(title)
        || names_technology_kind_title(title)
        || (title.split_whitespace().count() <= 3 && fields::is_word_of(heading::last_word(title), GROUPS))
}

/// Whether a label over a list in the architecture names a part of the system that
/// technologies fill (`Frontend (/client)`, `Data Storage`, `Infrastructure`, `Backend`), by
/// its last word before any brackets: not the parts it is made of (`Key Components`), what
/// it handles (`Key Webhook Events`) or asks (`Performance Requirements`).
fn names_a_layer(label: &str) -> bool {
    const LAYERS: &[&str] = &[
        "frontend",
        "backend",
        "end",
        "client",
        "server",
        "database",
        "databases",
        "storage",
        "persistence",
        "infrastructure",
        "hosting",
        "deployment",
        "documentation",
        "docs",
        "api",
        "ui",
        "web",
        "mobile",
        "cache",
        "caching",
        "messaging",
        "auth",
        "authentication",
        "monitoring",
        "observability",
        "logging",
        "orchestration",
        "runtime",
        "styling",
    ];
    let label = fields::name_before_note(label);
    label.split_whitespace().count() <= 3
        && fields::is_word_of(heading::last_word(label), LAYERS)
        && !names_how_or_notes(label)
        && !heading::names_options_weighed(label)
}

/// `Renovate (dependency updates)` → (`Renovate`, `dependency updates`): a name of at most four
/// words and its role in brackets closing the line, the role in words ([`is_a_role`]: not a
/// version, a status, a place, a licence or a pointer), the name a name (a letter in it, no
/// word that retires it: `Unused since 2023 (jQuery)`).
fn role_in_brackets(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_end_matches('.').trim_end();
    let inner = text.strip_suffix([')', '）'])?;
    let (name, role) = inner.split_once(['(', '（'])?;
    let (name, role) = (name.trim(), role.trim());
    (name.chars().any(char::is_alphabetic)
        && name.split_whitespace().count() <= 4
        && !name.contains([':', '：', '(', ')'])
        && !fields::holds_word_of(name, RETIRED)
        && !fields::holds_word_of(role, RETIRED)
        && is_a_role(role))
    .then_some((name, role))
}

/// In a file that describes the system (`describes_system`), whether a list item names a part
/// of it in bold and says what it is or what it is built on: `**Database**: MongoDB with
/// Mongoose ODM`, `**State Management**: React hooks + Context API`, `**Persistence**: via
/// localStorage` — how the system is built, a decision wherever it stands in the file (round
/// 272's readers list these lines under `### Backend Architecture`, `## Core Components`, `###
/// 2. Network Services`: on rounds 266–272, 75 lines more of the readers' against 5 no reader
/// listed; on round 273, held out, 5 more of 5). Not a label over a list (`**Key
/// Directories**:`), a plain description ([`names_something`]), what a part does (`Provides
/// …`), work or a step (`**Docs**: Update the runbook`, `**Core Networking**: Deploy Cilium`),
/// a file, an option still open, a to-do or work reported done.
fn describes_a_part(item: &Item, label: &str, value: &str, lists_technology: bool) -> bool {
    // (What a part does is no choice: `Provides direct access to the repository`.)
    const DOES: &[&str] = &[
        "provides", "provide", "ensures", "allows", "enables", "handles", "supports", "prevents", "includes",
        "contains", "makes", "gives", "offers",
    ];
    let opens_with =
        |text: &str, words: &[&str]| text.split_whitespace().next().is_some_and(|w| fields::is_word_of(w, words));
    // (A top-level line read as no kind of its own, or as a pattern described, `**Session
    // management**: Redis-based with expiry` under `### Data Protection`: rounds 266–275, 27 lines
    // more of the readers' against 3; not the details under an item.)
    matches!(item.kind, Kind::Other | Kind::Pattern)
        && item.parent.is_none()
        && item.bold.as_deref().is_some_and(|b| b.trim().trim_end_matches([':', '：']).trim_end() == label)
        && !value.trim_end().ends_with([':', '：'])
        // (Nor a step, `**Run the Game**: …`, `**Core Networking**: Deploy Cilium`, nor a file,
        // `**talconfig.yaml**: …`; a part named by its work is one, `**Build**: GitHub Actions`.)
        && !(label.split_whitespace().nth(1).is_some() && opens_with(label, WORK_VERBS))
        && !opens_with(value, WORK_VERBS)
        // (Nor an endpoint: `**Login**: POST /api/auth/login`; nor a flow, `Firebase SDK →
        // Location Model → Spinner`, nor a status line, `✅ Working Integration: …`; round 277.)
        && !opens_with(value, &["get", "post", "put", "patch", "delete"])
        && !value.contains(['→', '⇒', '⟶'])
        && !value.contains("->")
        && !item.text.trim_start().starts_with(['✅', '❌', '⚠', '🚧', '⏳'])
        && !opens_with(value, DOES)
        && !names_a_file_or_a_command(label)
        // (Nor a release's changes, `**v2.1**: User settings …`.)
        && !fields::is_version(label)
        && names_one_chosen(value)
        && !fields::leaves_open(&item.text)
        && !fields::is_todo(value)
        && !fields::reports_work_done(value)
        && names_something(value, lists_technology)
}

/// Whether a part's value names something of its own — a product, a library, a protocol
/// (`MongoDB with Mongoose ODM`, `React hooks + Context API`, `Jest`, `via localStorage`) —
/// rather than describe what the part does in plain words (`Automatic device and sensor
/// registration`, `Real-time bidirectional communication`: a capitalised first word and the
/// rest in lower case), a quantity (`4MB`, `1MB flash, limited RAM`) or files (`wifi.yaml,
/// ipv6.yaml`, `security_lib.py - shared utilities`). In the file that lists the technology,
/// Cline's `techContext.md` and Kilo's `tech.md` (`plain_words_may`), plain words name a
/// choice too: `**Type hints**: Full type annotation throughout`, `**Gradle Cache**: Source
/// version-based keys` (rounds 266–274: the readers list 63 such lines more there, 9 not).
fn names_something(value: &str, plain_words_may: bool) -> bool {
    // (Nor a count: `two 8 TB drives in a mirror` — unless a name follows, `Two replicas per
    // volume with Longhorn`.)
    const COUNTS: &[&str] =
        &["one", "two", "three", "four", "five", "six", "eight", "ten", "single", "multiple", "many"];
    let value = value.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '`'));
    let head = value.split(['(', '（', ';', '—', '–']).next().unwrap_or("");
    let words: Vec<&str> = head.split_whitespace().take_while(|w| *w != "-").collect();
    let Some(first) = words.first().map(|w| w.trim_end_matches([',', '.', ':', '`'])) else { return false };
    // (A word after the first with capitals and small letters names something: `Redis`,
    // `localStorage`, `PostgreSQL`, `Zustand` — not an abbreviation alone, `TB`, `RAM`.)
    let named_later = words[1..].iter().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.starts_with(|c: char| c.is_ascii_alphabetic())
            && w.chars().any(|c| c.is_ascii_uppercase())
            && w.chars().any(|c| c.is_ascii_lowercase())
    });
    let plain =
        |w: &&str| w.trim_end_matches(['.', ',', ';', '!']).chars().all(|c| c.is_lowercase() || matches!(c, '-' | '/'));
    let described = words.len() > 1
        && first.chars().next().is_some_and(char::is_uppercase)
        && first.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
        && words[1..].iter().all(plain);
    // (Written in Latin letters, where a name can be told from words, or naming one after: not
    // `从 conf/config.yaml 读取`, a step of a flow; `чистый PostgreSQL без ORM` names it.)
    let latin_first = first.starts_with(|c: char| c.is_ascii_alphanumeric() || matches!(c, '@' | '.'));
    let counts = first.starts_with(|c: char| c.is_ascii_digit()) || fields::is_word_of(first, COUNTS);
    (latin_first || named_later)
        && (plain_words_may || !described)
        && (!counts || named_later)
        && !names_a_file_or_a_command(first)
}

/// Verbs of work that open a task or a step rather than name a technology: `Check changelogs
/// for breaking changes`, `Docs: Update the runbook`.
const WORK_VERBS: &[&str] = &[
    "check",
    "checked",
    "validate",
    "verify",
    "review",
    "update",
    "updated",
    "add",
    "added",
    "adjust",
    "optimize",
    "install",
    "run",
    "remove",
    "removed",
    "configure",
    "create",
    "build",
    "write",
    "ensure",
    "implement",
    "test",
    "fix",
    "fixed",
    "migrate",
    "monitor",
    "investigate",
    "try",
    "tried",
    "benchmark",
    "upgrade",
    "upgraded",
    "research",
    "evaluate",
    "explore",
    "consider",
    "look",
    "looking",
    "ask",
    "asked",
    "ping",
    "thanks",
    "plan",
    "todo",
    "deploy",
    "bootstrap",
    "generate",
    // (The steps of a process, `Requirements Analysis: Define the settings`, `Service
    // Implementation: Enhance the services`.)
    "define",
    "enhance",
    "identify",
    "analyze",
    "analyse",
    "document",
    // (Nor what is no technology at all: `Tests for the checkout flow`, `Room for
    // improvement`, `Placeholder for future widgets`, `Search for a better CDN`; found by
    // review.)
    "search",
    "tests",
    "docs",
    "room",
    "placeholder",
    "support",
];

/// `Framer Motion for UI animations` → (`Framer Motion`, `UI animations`): a name of at most
/// four words, `for`, and the role it plays in words ([`is_a_role`]) — not a task that does
/// something for something (`Check changelogs for breaking changes`, `Add labels for the
/// pool`: its first word a verb of work).
fn name_for_role(text: &str) -> Option<(&str, &str)> {
    // (Nor a sentence: `Controllers depend on Services for business logic`, `No API key
    // required for basic endpoints`.)
    const SENTENCE: &[&str] = &[
        "depend",
        "depends",
        "require",
        "requires",
        "required",
        "need",
        "needs",
        "is",
        "are",
        "was",
        "were",
        "no",
        "not",
        "must",
        "should",
        "can",
        "will",
        "support",
        "ready",
        "credentials",
        "time",
        "same",
        "also",
        "good",
        "reasons",
        "reason",
        "issue",
        "pr",
        "budget",
        "replacement",
        "potential",
    ];
    let text = text.trim_end_matches('.').trim_end();
    if text.split_whitespace().next().is_some_and(|first| fields::is_word_of(first, WORK_VERBS)) {
        return None;
    }
    // (English only: in other languages the words that tell a task or a sentence from a name
    // are not known here, `Il faut choisir pour la file d'attente`; found by review.)
    let head = &text[..crate::source::floor_char_boundary(text, 48)];
    let at = head.find(" for ")?;
    let (name, role) = (text[..at].trim(), text[at + 5..].trim());
    (name.chars().any(char::is_alphabetic)
        && name.split_whitespace().count() <= 4
        && !name.split_whitespace().any(|w| fields::is_word_of(w, SENTENCE))
        && !name.contains([':', '：', '(', ')', '#'])
        && is_a_role(role)
        // (Nor a sentence whose verb comes after: `Prisma for the ORM layer was a mistake`.)
        && !role.split_whitespace().any(|w| fields::is_word_of(w, &["is", "was", "were", "are", "been"])))
    .then_some((name, role))
}

/// Whether words in brackets after a name say the role it plays (`dependency updates`, `LLM`,
/// `PostgreSQL operator`): a word of three letters or more, and not a version (`18.2`, `v20
/// LTS`, `version 16`, `latest`, `3.12 required`), a status (`deprecated`, `no longer used`,
/// `replaced by OpenSearch`, `disabled`, `experimental`, `TODO`), a place (`port 8080`,
/// `localhost:6379`, `config in /etc/caddy`), a licence or a pointer (`Apache 2.0 licence`,
/// `see LICENSE file`, `all rights reserved`), or an identifier (`max_context_tokens`).
fn is_a_role(role: &str) -> bool {
    const NOT_FIRST: &[&str] = &[
        "see",
        "cf",
        "deprecated",
        "removed",
        "replaced",
        "disabled",
        "experimental",
        "legacy",
        "unused",
        "obsolete",
        "retired",
        "todo",
        "tbd",
        "wip",
        "latest",
        "beta",
        "alpha",
        "required",
        "no",
        "not",
        "since",
        "version",
        "v",
        "all",
        "formerly",
        "previously",
        "archived",
        "now",
        "later",
        "temporarily",
    ];
    const NOT_ANYWHERE: &[&str] = &[
        "port",
        "ports",
        "licence",
        "license",
        "licensed",
        "copyright",
        "rights",
        "version",
        "versions",
        "deprecated",
        "replaced",
        "required",
    ];
    let words: Vec<&str> = role.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let is_version = |t: &str| {
        let t = t.trim_matches(|c: char| !c.is_alphanumeric());
        let digits = t.strip_prefix(['v', 'V']).unwrap_or(t);
        !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
    };
    // (A path or an address: `/etc/caddy`, `~/.config`, `localhost:6379`; not `dev
    // environment/toolchain manager`.)
    let place = |t: &str| {
        t.starts_with(['/', '~'])
            || t.starts_with("./")
            || t.split_once(':').is_some_and(|(_, p)| p.starts_with(|c: char| c.is_ascii_digit()))
    };
    let identifier = !role.contains(char::is_whitespace) && role.contains(['_', '=', '.']);
    words.iter().any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        && !words.first().is_some_and(|w| fields::is_word_of(w, NOT_FIRST))
        && !words.iter().any(|w| fields::is_word_of(w, NOT_ANYWHERE))
        // (A version first, `18.2`, `v20 LTS`; a year later on is no version: `Edition 2024, …`.)
        && !role.split_whitespace().next().is_some_and(is_version)
        && !role.split_whitespace().any(place)
        && !identifier
}

/// Whether a stack table's row names a part and what it is (`| Database | PostgreSQL 16 |`,
/// `| React | 19.2 | the UI |`): its first cell, `first`, and the cells after it, `rest`, in
/// the row's text `text` (its cells with `—` between them), with a list item's refusals
/// ([`fills_role`]).
pub(crate) fn names_role_and_choice_in_row(first: &str, rest: &str, text: &str) -> bool {
    fills_role(first.trim(), rest.trim(), text)
}

/// Whether `label` names a role and `value` what fills it, in a stack line `text`: not a step
/// of a flow (an arrow in the label), a fact about a part or a record's field, a slot or a
/// place, nor a choice still open. (A list item
/// whose label is a commit type shows a commit message; a row's `CI` or `Build` is a role.)
fn fills_role(label: &str, value: &str, text: &str) -> bool {
    // (A label with an arrow names a step of a flow or an order between parts, `Talos →
    // Kubernetes: OS configuration first`, not a role.)
    !label.contains(['→', '⇒', '⟶'])
        && !label.contains("->")
        && !label.contains("=>")
        && label.chars().any(char::is_alphanumeric)
        // (Any version, `*`, is a value: `| ruff | * | Linting |`; found on round 250.)
        && (value.chars().any(char::is_alphanumeric) || value.trim_matches(['\\', ' ']) == "*")
        // (A package's extras are no part of its name: `genbadge[coverage]` names no fact.)
        && !names_a_fact(label.split('[').next().unwrap_or(label))
        && fields::field_for_label(label).is_none()
        && (!is_a_slot_or_a_place(value) || lays_out_files(label, value))
        && !still_open(text)
        && !names_a_kind_for_a_use(label, value)
}

/// Whether a stack line names only a kind of thing and what it is for, no product: `Color
/// Libraries: For advanced color manipulation`, `Accessibility Tools: For WCAG contrast
/// checks` — the libraries are still to choose (round 262; not `Tenacity: For retry logic`,
/// which names one).
fn names_a_kind_for_a_use(label: &str, value: &str) -> bool {
    // (Not `Go Modules: For dependency management`, the name of one.)
    const KINDS: &[&str] = &["libraries", "tools", "packages", "utilities", "frameworks"];
    fields::starts_ignoring_case(value, "for ") && fields::is_word_of(heading::last_word(label), KINDS)
}

/// `Vercel - hosting and deploys` → (`Vercel`, `hosting and deploys`): a name of at most four
/// words before a spaced dash (`-`, `–`, `—`).
fn dash_after_name(text: &str) -> Option<(&str, &str)> {
    fields::named_before_dash(text, 48, 4)
}

/// A label naming a fact about a part rather than a role in the stack: `Location`, `Version`,
/// `Current Version`, `Port`, `Generated Code Location`, `Resolution Date`, `Coverage`,
/// `Maintainer`, `Last deploy`, `Cluster Name` (its last word).
fn names_a_fact(label: &str) -> bool {
    const FACTS: &[&str] = &[
        "location",
        "path",
        "paths",
        "usage",
        "type",
        "purpose",
        "version",
        "versions",
        "note",
        "notes",
        "example",
        "examples",
        "port",
        "ports",
        "description",
        "features",
        "feature",
        "date",
        "url",
        "urls",
        "repository",
        "size",
        "count",
        "coverage",
        "maintainer",
        "maintainers",
        "owner",
        "owners",
        "uptime",
        "deploy",
        "tests",
        "status",
        "point",
        "account",
        "cost",
        "costs",
        "password",
        "outputs",
        "install",
        "installation",
        "list",
        "total",
        "name",
        "diagram",
        "goal",
        "goals",
        "risk",
        "risks",
        "issue",
        "step",
        "users",
        "team",
        "timeline",
        "budget",
        "reviewed",
        // (`Last updated: 2025-08-01`, `Node version installed: 20.11`; found by review.)
        "updated",
        "installed",
        "relationships",
        "cause",
        "checked",
        // (`Command: npx mcp-remote …`: how a tool is started.)
        "command",
        "commands",
        // (What a part cannot do or takes: `Debug limits: abqpy cannot be debugged directly`,
        // `Parameter: repository`; and who leads it, how urgent it is, where it stands, what
        // broke or is asked of it: `Backend lead: Maria Rossi`, `Priority: High`, `Phase:
        // Beta`, `Ticket: JIRA-1234`, `Known bug: …`, `Error: …`, `Requirement: …`; found by
        // review.)
        "lead",
        "priority",
        "phase",
        "ticket",
        "bug",
        "error",
        "requirement",
        "limitation",
        "limitations",
        "limits",
        "constraint",
        "constraints",
        "parameter",
        "parameters",
        "限制",
        "порт",
        "目的",
        "用途",
        "位置",
        "説明",
        "说明",
        "端口",
        "版本",
        "バージョン",
        "更新頻度",
    ];
    // (A numbered label names its word: `Step 1`.)
    let mut words = label.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).rev();
    let last = words.next().unwrap_or("");
    let last =
        if last.bytes().all(|b| b.is_ascii_digit()) { words.next().unwrap_or("") } else { heading::last_word(label) };
    // (And how long something takes, `Response time`, `Setup time` — not `Real-time`.)
    fields::is_word_of(last, FACTS)
        || (label.len() > 5 && label.as_bytes()[label.len() - 5..].eq_ignore_ascii_case(b" time"))
}

/// A template's slot left to fill (`[Your database]`, `{{database}}`, `<db>`, `…`, `N/A`, `to
/// be filled in`) or a place rather than a technology (`http://localhost:8000`, `./config/`).
fn is_a_slot_or_a_place(value: &str) -> bool {
    let v = value.trim_matches(|c: char| c == '_' || c == '*' || c.is_whitespace());
    let lower = v.to_ascii_lowercase();
    // (A bound on a version is no slot: `<0.37.0`, `<=2`; found on round 250.)
    let bound = v.strip_prefix('<').is_some_and(|rest| {
        rest.trim_start_matches('=').starts_with(|c: char| c.is_ascii_digit()) && !rest.contains(char::is_whitespace)
    });
    (v.starts_with(['[', '<', '{']) && !bound)
        || ["...", "…", "-", "n/a", "tbc"].iter().any(|s| v.eq_ignore_ascii_case(s))
        || lower.starts_with("to be ")
        || ["to be filled", "to be defined", "to be determined"].iter().any(|p| lower.contains(p))
        || v.starts_with("http://")
        || v.starts_with("https://")
        || ["/", "./", "../", "~/"].iter().any(|p| v.starts_with(p))
        // (An address, `10.0.0.5:5432`, `db.internal.example.com`, and a pointer, `see below`;
        // found by review.)
        || is_an_address(v.split_whitespace().next().unwrap_or(""))
        || is_a_path(v.split_whitespace().next().unwrap_or(""))
        || lower.starts_with("see ")
}

/// Whether a label names how the files are laid out and its value opens with a path
/// (`Feature-based folder structure: src/games/{chess,checkers}/`): the layout chosen, though
/// a path alone is no technology ([`is_a_path`]).
fn lays_out_files(label: &str, value: &str) -> bool {
    fields::holds_word_of(label, &["structure", "layout", "folder", "folders", "organization", "organisation"])
        && is_a_path(value.split_whitespace().next().unwrap_or(""))
}

/// Whether a word is a path in the repository: a folder (`docs/security/`) or a file with a
/// document's or a config's extension (`docs/architecture-overview.md`) — what a list of
/// references points at, not a technology (round 252). Not `Node.js/Express`. (Narrower than
/// [`fields::is_file_path`] on purpose: `Entry: src/main.tsx bootstraps the router` names the
/// entry point chosen, and readers list such lines.)
fn is_a_path(word: &str) -> bool {
    const EXTENSIONS: &[&str] =
        &[".md", ".yaml", ".yml", ".json", ".toml", ".txt", ".sh", ".py", ".ts", ".js", ".rs", ".go"];
    let word = word.trim_end_matches([',', ';', ')']);
    word.contains('/')
        && !word.contains("://")
        && (word.ends_with('/') || EXTENSIONS.iter().any(|e| word.len() > e.len() && word.ends_with(e)))
}

/// Whether a word is a network address: an IPv4 address or a host with a port
/// (`10.0.0.5:5432`, `nas01:8080`), or a host name of three labels or more in lower case
/// (`db.internal.example.com`) — not `Node.js` or `socket.io`.
fn is_an_address(word: &str) -> bool {
    let word = word.trim_end_matches(['.', ',', ';']);
    // (A colon before anything but a port is no address: `com.google.cloud:vision`.)
    let (host, port) = word.rsplit_once(':').unwrap_or((word, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if word.contains(':') && !digits(port) {
        return false;
    }
    let labels: Vec<&str> = host.split('.').collect();
    let ipv4 = labels.len() == 4 && labels.iter().all(|l| l.len() <= 3 && digits(l));
    // (A version, `1.25.7` or `5.9.x`, ends in no top-level domain.)
    let host_name = labels.len() >= 3
        && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_lowercase()))
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
    (digits(port) && !host.is_empty() && !host.contains(' ')) || ipv4 || host_name
}

/// Whether an item leaves its choice open: `JWT or sessions`, `Cache: TBD`, `(optional)`,
/// `Redis?`, `SQS vs RabbitMQ`, `(planned for Q3)`, `Testing: consider proptest`, `(if
/// needed)`, `moment: deprecated`, `not decided yet`, `或`, `待定`, `暂定`, `検討`, `опционально`,
/// `пока не решено`, a hedge opening it or its value (`Caching: Could cache the scan results`)
/// — not `or` before a bound (`one or more hosts`, `3.11 or later`).
fn still_open(text: &str) -> bool {
    if text.contains(['?', '？']) {
        return true;
    }
    let value = fields::named_before_colon(text).map_or(text, |(_, value)| value);
    if fields::hedges_at_start(text) || fields::hedges_at_start(value) {
        return true;
    }
    const OPEN_WORDS: &[&str] = &[
        "or",
        "tbd",
        "optional",
        "optionally",
        "maybe",
        "perhaps",
        "possibly",
        "vs",
        "versus",
        "planned",
        "pending",
        "consider",
        "considering",
        "potentially",
        "later",
        "evaluate",
        "evaluating",
        "evaluated",
        "undecided",
        "tentative",
        "proposed",
        "draft",
        "waiting",
        "awaiting",
        "blocked",
        "considered",
        "decide",
        "deprecated",
        "whatever",
        // (A choice still being made: `Deciding between Postgres and MySQL`, `Comparing Fly.io
        // and Render`, `Redis (under evaluation)`, `Leaning towards Stripe`; found by review.)
        "deciding",
        "choosing",
        "determining",
        "comparing",
        "exploring",
        "weighing",
        "leaning",
        "probably",
        "investigating",
        "assessing",
        "discussing",
        "evaluation",
        "consideration",
        "todo",
        "или",
        "опционально",
        "oder",
        "ou",
        "o",
    ];
    // (`or` before a bound is no choice left open: `one or more hosts`, `3.11 or later`.)
    const BOUNDS: &[&str] = &["more", "less", "fewer", "later", "newer", "higher", "above", "greater"];
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let or_bound = |i: usize| {
        words.get(i).is_some_and(|w| w.eq_ignore_ascii_case("or"))
            && words.get(i + 1).is_some_and(|n| fields::is_word_of(n, BOUNDS))
    };
    // (`VS Code` is the editor's name.)
    let editor = |i: usize| words[i] == "VS" && words.get(i + 1) == Some(&"Code");
    let bound = |i: usize| or_bound(i) || (i > 0 && or_bound(i - 1));
    if words.iter().enumerate().any(|(i, w)| fields::is_word_of(w, OPEN_WORDS) && !bound(i) && !editor(i))
        || words.windows(2).any(|w| {
            (fields::is_word_of(w[0], &["not", "не"])
                && fields::is_word_of(w[1], &["decided", "chosen", "yet", "решено"]))
                || (w[0].eq_ignore_ascii_case("if") && fields::is_word_of(w[1], &["needed", "necessary", "required"]))
        })
    {
        return true;
    }
    !text.is_ascii()
        && ["或", "待定", "未定", "検討", "予定", "可选", "可選", "オプション", "暂定", "还没", "未选", "рассматрива"]
            .iter()
            .any(|w| text.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_naming_a_fact() {
        assert!(names_a_fact("Response time"));
        assert!(names_a_fact("Setup Time"));
        assert!(!names_a_fact("Real-time"));
        assert!(!names_a_fact("Runtime"));
        // (Bytes, not characters: a label ending in a character of several bytes.)
        assert!(!names_a_fact("実行環境"));
        assert!(!names_a_fact("応答時間"));
        assert!(names_a_fact("Temps de réponse time"));
    }

    #[test]
    fn titles_over_what_the_system_measures_up_to() {
        // (Round 230: `Testing Execution: 1-3 minutes` under `### Performance Characteristics`
        // is no choice; `### Performance Limits` may set one, `Scrollback: 10,000 lines`.)
        assert!(names_how_or_notes("Performance Characteristics"));
        assert!(!names_how_or_notes("Monitoring & Metrics"));
        assert!(!names_how_or_notes("Performance Limits"));
    }

    #[test]
    fn files_commands_and_addresses_are_no_names() {
        // (Found by review.)
        assert!(!names_one_technology("src/index.tsx"));
        assert!(!names_one_technology("package.json"));
        assert!(!names_one_technology("npm run dev"));
        assert!(!names_one_technology("src/tools/lint.ts"));
        assert!(!names_one_technology("8 GB RAM"));
        assert!(names_one_technology("shadcn/ui"));
        assert!(names_one_technology("Node.js"));
        assert!(names_one_technology("CI/CD"));
        assert!(name_for_role("Tests for the checkout flow").is_none());
        assert!(name_for_role("Room for improvement").is_none());
        assert!(is_a_slot_or_a_place("10.0.0.5:5432"));
        assert!(is_a_slot_or_a_place("db.internal.example.com"));
        assert!(is_a_slot_or_a_place("see below"));
        assert!(!is_a_slot_or_a_place("socket.io for events"));
        assert!(!is_a_slot_or_a_place("1.25.7"));
        assert!(!is_a_slot_or_a_place("5.9.x"));
        assert!(!is_a_slot_or_a_place("com.google.cloud:google-cloud-vision"));
        assert!(names_one_technology("Passport.js"));
        assert!(names_a_fact("Last updated"));
    }

    #[test]
    fn labels_naming_a_part_or_a_group() {
        assert!(names_a_layer("Frontend (/client)"));
        assert!(names_a_layer("Data Storage"));
        assert!(names_a_layer("Back End"));
        assert!(!names_a_layer("Key Components"));
        assert!(!names_a_layer("Key Webhook Events"));
        assert!(!names_a_layer("Performance Requirements"));
        assert!(names_a_group("Core Technologies"));
        assert!(names_a_group("UI and Styling"));
        assert!(!names_a_group("Ansible"));
        assert!(names_a_group("Key Libraries"));
        assert!(names_a_group("Testing Frameworks"));
        assert!(names_a_group("State Management"));
        assert!(!names_a_group("Python 3.11+"));
    }

    #[test]
    fn a_products_name_by_its_spelling() {
        for name in ["Vue 3", "TypeScript", "@clerk/nuxt", "Node.js", "PostgreSQL 16"] {
            assert!(names_a_product(name), "{name}");
        }
        for name in ["Auto-imports", "High Performance", "Form Actions", "Vite"] {
            assert!(!names_a_product(name), "{name}");
        }
    }

    #[test]
    fn a_choice_left_open() {
        assert!(still_open("Queue: SQS vs RabbitMQ"));
        assert!(still_open("IDE: whatever each of us likes"));
        assert!(!still_open("IDE: VS Code with Dev Containers"));
        // A choice still being made (found by review).
        assert!(still_open("Database: Deciding between Postgres and MySQL"));
        assert!(still_open("Logs: Choosing between Loki and ELK"));
        assert!(still_open("Hosting: Comparing Fly.io and Render"));
        assert!(still_open("Redis (under evaluation)"));
        assert!(still_open("Payments: Leaning towards Stripe"));
        assert!(!still_open("Python 3.11 or later"));
    }

    #[test]
    fn titles_over_what_was_met_rather_than_chosen() {
        for title in [
            "Bug Report: login crash",
            "What broke last week",
            "Client Wishlist",
            "Client Meeting (2025-03-04)",
            "Customer Interviews",
            "Glossary",
        ] {
            assert!(names_a_report(title), "{title}");
        }
        // (A software client is a part of the system; round 273.)
        for title in ["System Architecture (PC Client - Tauri)", "Web Client", "Desktop Client Stack", "Backend"] {
            assert!(!names_a_report(title), "{title}");
        }
    }

    #[test]
    fn stack_titles() {
        for title in [
            "Tech Stack",
            "Technology Stack",
            "Core Technologies",
            "Technologies Used",
            "Monitoring Stack",
            "Tech Stack (v2)",
            "技术栈",
            "技術スタック概要",
            "Стек технологий",
            "Tecnologías",
        ] {
            assert!(heading::names_stack(title), "{title}");
        }
        for title in [
            "Stack trace from the last crash",
            "Portainer stack monitoring",
            "CloudFormation stack outputs",
            "Network stack on nas01",
            "[2026-05-28 00:12:00] - fix: embedding, tech stack",
            "How we picked every part of the tech stack in the end",
        ] {
            assert!(!heading::names_stack(title), "{title}");
        }
    }

    #[test]
    fn a_tables_row_names_a_part_and_what_it_is() {
        // The row's text, its first cell ending at the first ` — ` unless said otherwise.
        let names = |text: &str| {
            text.split_once(" — ").is_some_and(|(first, rest)| names_role_and_choice_in_row(first, rest, text))
        };
        for chosen in ["Reverse proxy — Caddy 2", "React — 19.2 — the UI", "反向代理 — Caddy", "CI — GitHub Actions"]
        {
            assert!(names(chosen), "{chosen}");
        }
        // A first cell that holds a dash is the part's name whole: `Type` alone names a fact.
        let text = "Type — message broker — RabbitMQ";
        assert!(names_role_and_choice_in_row("Type — message broker", "RabbitMQ", text));
        assert!(!names(text));
        for not_chosen in [
            "Tunnel — WireGuard or Tailscale",
            "Load balancer — TBD",
            "Version — 1.22",
            "Docs — https://example.org",
            "Caddy 2",
            " — Caddy",
            "Search — —",
            "👍🏽 — 👨\u{200d}👩\u{200d}👧",
            "\u{0} — \u{0}",
        ] {
            assert!(!names(not_chosen), "{not_chosen}");
        }
    }

    #[test]
    fn a_role_and_what_fills_it() {
        for chosen in [
            "Database: PostgreSQL 15",
            "Build tool: Vite",
            "Package Manager: pnpm 9 (required)",
            "Vercel - hosting and deploys",
            "Zod – request validation",
            "Atomic Agents - the framework every agent here is built on",
            "Node.js: 18+ (20+ recommended)",
            "3D Models: gltf, obj-rs",
            "状态管理: Pinia",
            "Стилизация: Tailwind CSS",
            "Storage: Cloudflare KV (sessions), R2 (objects)",
            "Framework: .NET 8",
            "Service mesh: none, services call each other directly",
        ] {
            assert!(names_role_and_choice(chosen), "{chosen}");
        }
        for other in [
            "Express.js",
            "PostgreSQL",
            "Location: config/debug/",
            "Current Version: SDK 13",
            "Port: 3001",
            "Resolution Date: 2025-07-05",
            "Auth: JWT tokens or custom auth",
            "Cache: TBD",
            "Sentry - error tracking (optional)",
            "tRPC - typed API (опционально)",
            "Vector store: FAISS?",
            "数据库: PostgreSQL 或 MySQL",
            "Rationale: it is fast",
            "Status: adopted",
            "A very long label of many words here: value",
            "Frontend:",
            "Language: [Your language]",
            "Database: {{database}}",
            "Hosting: _to be filled in_",
            "CI/CD: N/A",
            "API: http://localhost:8000",
            "Queue: SQS vs RabbitMQ, benchmark pending",
            "Search: Elasticsearch (planned for Q3)",
            "Analytics: not decided yet",
            "Cache: to be evaluated",
            "Search - waiting on the Algolia contract",
            "数据库: MySQL 8（暂定）",
            "Очередь: Kafka (пока не решено)",
            "Coverage: 81%",
            "Maintainer: platform team",
            "fix: pin the Go toolchain",
            "Install: pip install -r requirements.txt",
            "Talos → Kubernetes: OS configuration before cluster initialization",
            "API -> queue: jobs are pushed as JSON",
            "netaddr: subnet maths (if needed)",
            "Testing: consider testinfra",
            "Serialization: potentially serde",
        ] {
            assert!(!names_role_and_choice(other), "{other}");
        }
        // (`or` before a bound leaves nothing open.)
        for chosen in ["Python: 3.11 or later", "restic: backups of one or more hosts", "Node.js: 20 or newer"] {
            assert!(names_role_and_choice(chosen), "{chosen}");
        }
    }
}
