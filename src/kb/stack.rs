//! A project's technology stack: what a section titled `Tech Stack` (`Core Technologies`,
//! `技术栈`, `Стек технологий`, …) lists is the technologies the project chose.
//!
//! The rule, in the words a reader would use: under a title that names the stack, or a
//! heading inside one (`### Frontend` under `## Technology Stack`), a top-level item that
//! names a role and what fills it — `Database: PostgreSQL 15`, `**Build tool**: Vite`,
//! `Vercel - hosting and deploys` — states a technology chosen, and so a decision. Not a bare
//! name (`- Express.js`, a list of what is installed, which readers list one time in six), a
//! fact about a part (`Location: config/`, `Version: 3.19`, `Port: 3001`), nor a choice still
//! open (`Auth: JWT or sessions`, `Cache: TBD`, `Sentry - error tracking (optional)`), nor a
//! line under a heading inside the stack that tells how things are done (`### CI/CD Workflow`
//! over its steps) or notes on them.

use super::fields;
use super::heading;
use super::{Block, Entry, Group, Item, Kind, Section};

/// Turns the items a stack section lists as chosen into decisions: see the module's rule.
pub(crate) fn choices(items: &mut [Item], sections: &[Section], entries: &[Entry], groups: &[Group]) {
    // Each section's answer once: whether it or a heading above it names the stack.
    let mut lists_stack: Vec<Option<bool>> = vec![None; sections.len()];
    for item in items.iter_mut() {
        if !matches!(item.kind, Kind::Other | Kind::Pattern)
            || item.block != Block::ListItem
            || item.parent.is_some()
            || item.field.is_some()
            || item.record.is_some()
            || item.done.is_some()
        {
            continue;
        }
        let in_stack =
            *lists_stack[item.section].get_or_insert_with(|| under_stack_title(sections, entries, item.section));
        if in_stack
            && names_role_and_choice(&item.text)
            && fields::timestamp(&item.text).is_none()
            && !item.group.and_then(|g| groups.get(g)).is_some_and(|g| names_how_or_notes(&g.title))
        {
            item.kind = Kind::Decision;
        }
    }
}

/// Whether the section's title, a title above it in its entry, or its entry's title names the
/// stack — and none of them, up to that one, weighs or turns things down (`### Alternatives
/// Considered`, `### Options` or `### Dropped` under `## Tech Stack`).
fn under_stack_title(sections: &[Section], entries: &[Entry], section: usize) -> bool {
    let mut at = Some(section);
    // (Headings nest six deep at most; the walk is bounded by the sections all the same.)
    for _ in 0..sections.len() {
        let Some(s) = at else { break };
        if let Some(title) = sections[s].title.as_deref() {
            if weighs_or_drops(title) {
                return false;
            }
            if heading::names_stack(title) {
                return true;
            }
            if names_how_or_notes(title) {
                return false;
            }
        }
        at = sections[s].parent;
    }
    let entry = sections.get(section).and_then(|s| entries.get(s.entry));
    entry.is_some_and(|e| e.from_heading && !weighs_or_drops(&e.title) && heading::names_stack(&e.title))
}

/// A title over options weighed or things turned down (`Alternatives Considered`, `Stack
/// Comparison`, `Option 2: Supabase`, `Dropped Libraries`): what it lists was not chosen.
fn weighs_or_drops(title: &str) -> bool {
    fields::names_considerations(title)
        || fields::turns_down(title)
        || fields::names_option(title)
        || fields::field_for_label(title).is_some_and(|f| matches!(f.name(), "alternatives" | "options"))
        || title.split(|c: char| !c.is_alphanumeric()).any(|w| {
            fields::is_word_of(
                w,
                &["comparison", "compared", "vs", "versus", "evaluation", "evaluated", "alternatives"],
            )
        })
}

/// A heading or label inside a stack over how things are done, notes on them, or what the
/// project works with (`### CI/CD Workflow` over its steps, `### Important Notes`,
/// `**Setup:**`, `#### Supported Platforms`, `#### Editor Support`): what it lists is no
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
        "supported",
        "compatibility",
        "compatible",
    ];
    // (What it runs on or is edited with, `Editor Support`, `Platform Support`; not `File
    // Format Support` over the crates that read them.)
    const RUNS_ON: &[&str] =
        &["platform", "platforms", "editor", "editors", "browser", "browsers", "device", "devices", "os"];
    let words: Vec<&str> = title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.iter().any(|w| fields::is_word_of(w, WORDS))
        || words.windows(2).any(|w| fields::is_word_of(w[0], RUNS_ON) && w[1].eq_ignore_ascii_case("support"))
}

/// Whether a stack item names a role and the technology filling it: `Database: PostgreSQL 15`
/// (a label of at most four words, then what fills it) or `Vercel - hosting and deploys` (a
/// name of at most four words, a dash, then what it does).
pub(crate) fn names_role_and_choice(text: &str) -> bool {
    let text = text.trim();
    let (label, value) = match fields::first_colon(text).filter(|&at| at <= 48) {
        Some(at) => (text[..at].trim(), text[at..].trim_start_matches([':', '：']).trim()),
        None => match dash_after_name(text) {
            Some((name, rest)) => (rest, name),
            None => return false,
        },
    };
    !label.is_empty()
        && !value.is_empty()
        && label.split_whitespace().count() <= 4
        && !names_a_fact(label)
        && fields::field_for_label(label).is_none()
        && !still_open(text)
}

/// `Vercel - hosting and deploys` → (`Vercel`, `hosting and deploys`): a name of at most four
/// words before a spaced dash (`-`, `–`, `—`).
fn dash_after_name(text: &str) -> Option<(&str, &str)> {
    let head = &text[..crate::source::floor_char_boundary(text, 48)];
    let (at, dash) = [" - ", " – ", " — "].iter().filter_map(|d| head.find(d).map(|at| (at, *d))).min()?;
    let name = text[..at].trim();
    (name.split_whitespace().count() <= 4).then(|| (name, text[at + dash.len()..].trim()))
}

/// A label naming a fact about a part rather than a role in the stack: `Location`, `Version`,
/// `Current Version`, `Port`, `Generated Code Location`, `Resolution Date` (its last word).
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
        "порт",
        "目的",
        "用途",
        "位置",
        "説明",
        "说明",
        "端口",
        "版本",
        "バージョン",
    ];
    fields::is_word_of(heading::last_word(label), FACTS)
}

/// Whether an item leaves its choice open: `JWT or sessions`, `Cache: TBD`, `(optional)`,
/// `Redis?`, `或`, `待定`, `未定`, `検討中`, `опционально`, `или`.
fn still_open(text: &str) -> bool {
    if text.contains(['?', '？']) {
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
        "или",
        "опционально",
        "oder",
        "ou",
        "o",
    ];
    if text.split(|c: char| !c.is_alphanumeric()).any(|w| !w.is_empty() && fields::is_word_of(w, OPEN_WORDS)) {
        return true;
    }
    !text.is_ascii()
        && ["或", "待定", "未定", "検討", "予定", "可选", "可選", "オプション"].iter().any(|w| text.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_and_what_fills_it() {
        for chosen in [
            "Database: PostgreSQL 15",
            "Build tool: Vite",
            "Package Manager: pnpm 9 (required)",
            "Vercel - hosting and deploys",
            "Zod – request validation",
            "状态管理: Pinia",
            "Стилизация: Tailwind CSS",
            "Storage: Cloudflare KV (sessions), R2 (objects)",
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
        ] {
            assert!(!names_role_and_choice(other), "{other}");
        }
    }
}
