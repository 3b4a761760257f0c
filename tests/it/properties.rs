//! The parsers never panic: arbitrary bytes, and real Memory Banks and rule files mangled at
//! random, go through every parser, and what comes out stays within the input.
//!
//! A crash found here (or by the fuzz targets in `fuzz/`) becomes a named regression test at
//! the bottom of this file.

use std::path::Path;
use std::sync::Arc;

use mb::diag::{self, Sources};
use mb::kb::{self, Document, KnowledgeBase};
use mb::rules::{extract, parse::parse_block};
use mb::source::{LineIndex, SourceFile};
use proptest::prelude::*;

use crate::common::{fixture, repo_root, saved_through_windows_1251};

/// Markdown and YAML fragments that move parsers into their corners.
const TOKENS: &[&str] = &[
    "\n- ",
    "\n* ",
    "\n+ ",
    "\n1. ",
    "\n  - ",
    "\n    ",
    "**",
    "*",
    "_",
    "`",
    "``",
    "```",
    "\n```mb-check\n",
    "\n```\n",
    "~~~",
    "\n# ",
    "\n## ",
    "\n### ",
    "\n#### ",
    "<!--",
    "-->",
    "<div>",
    "|",
    "\n|---|\n",
    "\r\n",
    "\r",
    "\n",
    "🔧",
    "é",
    "\u{feff}",
    "\t",
    "  ",
    "(2025-11-17)",
    "2026-03-02 — ",
    "Decision:",
    "\n- **Decision:**\n  1. ",
    "**2025-07-24:** ",
    "决策:",
    "改用",
    ", replacing ",
    "\n2026-02-05 10:00:00 - ",
    "? (Decision: ",
    "? (Решение: pending)",
    "| Date | Issue | Decision |\n|---|---|---|\n| ",
    " | Pending |\n",
    "**Sources (checked, 2026)**:\n",
    "DashScope（灵积平台）：",
    "理由（暂定）：",
    " because:\n",
    "**Task:** a\n**Timestamp:** 2026-02-10\n**Summary:**\n",
    "**Topic**: b\n**Rationale**: c\n**Implementation Details**: d\n\n",
    "Create release 2.1.0",
    "Ensuring ",
    "解決策",
    "未決定",
    "# Technical Decisions\n",
    "## Future Candidates\n",
    "Switched from ",
    "Pending decision: ",
    "待决策：",
    "Consider ",
    "- **Initial**: a\n- **Current**: b\n- **Future**: c\n",
    "- **Problem**: ",
    "**Previous State/Approach:** a\n",
    "**New State/Approach:** ",
    "**Rationale for Change:** ",
    " Completion",
    " Complete",
    "### 決定1: ",
    "### Consideration 2: ",
    "考慮事項",
    "**問題**: ",
    "## 現状\n",
    "**Evolution**: Switched to ",
    // This session's: expected fields, work reported done, scope left out, slots, code swaps.
    "### Expected Impact\n1. ",
    "Task completed: ",
    "Tâche terminée : ",
    "## Out of Scope (v1)\n- ",
    "**Out of scope:**\n- ",
    "[Key decision 1]",
    "Replaced fetchTiles() with ",
    // Stacks and conventions.
    "## Tech Stack\n- Database: ",
    "### Why this stack\n",
    "**Tech Stack:**\n- ",
    "Vercel - hosting",
    "## Coding Conventions\n- Always ",
    " must ",
    "必须",
    "## 技术栈\n- 前端：",
    // Patterns named in headings.
    "## Design Patterns\n### ",
    "### Circuit Breaker\n",
    "## 设计模式\n### ",
    " with fetchB() in ",
    "## Recent Changes: a, the b decision\n",
    "### Netzwerk-Entscheidungen (zu treffen)\n",
    "TBD - ",
    "#### Data da Decisão\n",
    "### Decision #001: a\n\n[2025-01-11 15:56:24] - b\n\n",
    "**Decision [03-02-2026 09:15:00]:** ",
    "\n[09-02-2026 21:14:00] - **Decision:** ",
    "17-02-2026",
    "02/17/2026",
    " 16:9:",
    "**Status:** Applied ",
    "\n## [17-02-2026 18:15:02] a\n",
    "**Decision**: a\n- b\n",
    "Quyết định: ",
    " = ",
    "=",
    "---\n",
    "> ",
    "[x] ",
    "[a](b)",
    "![i](j)",
    "[^1]",
    "{{ v }}",
    "{{",
    "}}",
    ": ",
    "\n  ",
    "- [",
    "{ ",
    " }",
    "&a ",
    "*a",
    "!",
    "&",
    "~",
    "\\",
    "\"",
    "'",
    "id: x\n",
    "probe:\n",
    "expect:\n",
    "fix:\n",
    "hosts: all\n",
    // The shapes of rounds thirty-one to thirty-seven: field lists, reasons under a choice,
    // indexes, ids ending in a capital, bold labels under bold labels, spilled cells, why
    // headings, problems and their solutions.
    "**可行性**\n- 推理：",
    "\n  * **选型理由**：",
    "| DECISION-0E | x |",
    "### DECISION-0E — ",
    "**Lifecycle**: a\n**Cleanup**: b",
    "| a | b | c:\n- x\n\nend. |",
    "### 为什么不",
    "### 为什么选 ",
    "### Проблема: ",
    "**Решение**:",
    "(2026-07-03, ",
    "This allows ",
    "Format: Date | Decision |",
    "* Decision log:",
    "### Considerations",
    // Rounds thirty-eight to forty-five.
    "\n|---|---||\n",
    "-||",
    ":||",
    "\n→ **superseded by ADR-1**\n",
    "**Decision (TBD)**:",
    "**Decision (proposed)**: ",
    "\n### [2026-09-14] ",
    "- **When**: 2026-01-09\n",
    "Navigation Fix: Corrected ",
    "Floyd approved Apache 2.0 for ",
    "# Decisions & Gotchas\n",
    "\n#### Components:\n",
    "**Почему выбран**: ",
    "### 2. Tauri 2.0 Framework\n",
    " separate files for:\n",
    "- Root Cause Analysis: ",
    "## Format\n---\n",
    "**Additional decisions taken:**\n",
    " standardized on ",
    // Rounds forty-six to sixty-one.
    "**Décision** : ",
    "\u{a0}: ",
    "DECISION-F011_api-003: [2026-02-11 14:05:10] - ",
    "\n---\nDECISION-F5_a-2: [2026-02-10 11:37:13] - x\n    - 内容: y\n---\n",
    "01_x.md — ",
    "0001-y.md (Accepted) → ",
    "(Use this to record ",
    "（ここに決定を書く）",
    "[Date]: Decision A",
    "[JJ/MM/AAAA]",
    "Initialized by Lead on 2026-02-10 ",
    "**最终决策:**\n\n**",
    "**Option A: x**\n\n",
    "US-TA-6: As an operator, I want ",
    "作为运维人员，我希望",
    " yaklaşımını onayladı",
    "**Fecha:** 04/03/2026",
    "Write an ADR when a decision ",
    "Decision MVP",
    "decision (service) ",
    "**Cost analysis**:\n- ",
    "**Why these tradeoffs**:\n- ",
    "**Each page shows**:\n- ",
    "## Documenting Decisions\n1. ",
    "经过分析，决定采用",
    "\n\n**Decision: No wizard.**\n\n",
    "\n## What we don’t add (DO NOT BUILD)\n- ",
    "Storage: 2 (a, b)",
    ". This approach:\n- ",
    "\n\nBenefits of this approach:\n- ",
    // A bold title with a bracketed qualifier, a file edited, a section on deciding.
    "\n**Recent Decisions** (this sprint)\n- ",
    "\n[2026-03-02 10:04:11] - Updated `lib/main.dart`.\n",
    "Checked .gitignore",
    "\n### Decision Making Process\n",
    // A label asking why first under a heading that names a choice; a version in a label.
    "\n### Proxy: Pomerium\n\n**Why Pomerium?**\n- ",
    "\n**OAuth 2.0 Integration**:\n- ",
    // A kind's label inside a record, CJK exclusions and labels, a status still to design.
    "\n**Technical Patterns Used**:\n- ",
    "\n## 明确不做\n- ",
    "- **決定内容**: ",
    "#### 洞察1: ",
    "| P1, design needed |",
    // Notes beside decisions (a slash heading, its first part of any length), a why-over lead.
    "\n## Notes / decisions\n- ",
    " / ",
    "migration of the archive and its many indexes",
    "\n**Why SQLite over Postgres?** ",
    // Rounds 110–121: a Decision label over a list under a stamped title, why-over headings,
    // a task's metadata and creation stamps, blanks, glued records, fixes, problems.
    "\n[2026-04-09 10:15:00] - **Put the API behind a token**\n\n**Decision (audit):**\n\n- ",
    "\n### Why Vite over webpack?\n",
    "\n## METADATA\n- **Completion Date**: 2025-12-13\n",
    "\n## Date Completed\n2026-02-20\n",
    "Created: 2025-03-14\n",
    "Decision: ... Author: ...",
    "…",
    "\n**Implementation Details:**\n    *   ",
    "Decision: Resolved the NameError in ",
    "决策：修复了",
    "**Проблема:**\n",
    "\nКлючевые решения:\n- ",
    "\n- **User Question**: ",
    "\n  - **Technical Decision**: ",
    "\n### Why Proxmox?\n",
    "\n## Option 1: Caddy\n",
    "**判断**: ",
    "**代替案を採用しなかった理由**:\n- ",
    "なし（",
    "**Decision: Caddy over nginx**\n",
    "🔄 Should ",
    "| id | data | decisao |\n|---|---|---|\n",
    "**Raisonnement** : ",
    "Décision : Corriger l'erreur en ",
    "** (2025-11-21/24) : ",
    // Link definitions, of words and of where links go, with titles over lines.
    "\n[Tool]: ",
    "]: ",
    "[",
    "]",
    "\"",
    "(",
    ")",
    "<",
    ">",
    "\n[wiki]: https://x.org/a",
    " \"nightly\n",
    "\n> [a]:\n> ",
    "[ADR-7]",
];

#[derive(Debug, Clone)]
enum Mangle {
    Insert(usize, usize),
    Delete(usize, usize),
    Duplicate(usize, usize),
}

fn mangles() -> impl Strategy<Value = Vec<Mangle>> {
    let one = prop_oneof![
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, t)| Mangle::Insert(at, t)),
        (any::<usize>(), 0usize..64).prop_map(|(at, n)| Mangle::Delete(at, n)),
        (any::<usize>(), 0usize..128).prop_map(|(at, n)| Mangle::Duplicate(at, n)),
    ];
    proptest::collection::vec(one, 1..24)
}

fn boundary(text: &str, at: usize) -> usize {
    mb::source::floor_char_boundary(text, at % (text.len() + 1))
}

fn apply(text: &str, mangles: &[Mangle]) -> String {
    let mut text = text.to_string();
    for m in mangles {
        match *m {
            Mangle::Insert(at, t) => {
                let at = boundary(&text, at);
                text.insert_str(at, TOKENS[t]);
            }
            Mangle::Delete(at, n) => {
                let start = boundary(&text, at);
                let end = mb::source::floor_char_boundary(&text, start + n);
                text.replace_range(start..end, "");
            }
            Mangle::Duplicate(at, n) => {
                let start = boundary(&text, at);
                let end = mb::source::floor_char_boundary(&text, start + n);
                let piece = text[start..end].to_string();
                text.insert_str(end, &piece);
            }
        }
    }
    text
}

/// How many decisions `text` holds, read as the bank file `path`.
fn decisions_in(path: &str, text: &str) -> usize {
    kb::parse::parse_document(Path::new(path), text).items.iter().filter(|i| i.kind == kb::Kind::Decision).count()
}

/// Every Markdown file the project ships: fixtures and the bundled example.
fn corpus() -> Vec<String> {
    let mut files = Vec::new();
    for dir in [
        fixture("quirks/memory-bank"),
        fixture("quirks/rules"),
        fixture("rules-invalid/rules"),
        repo_root().join("memory-bank"),
        repo_root().join("rules"),
    ] {
        let found = kb::MarkdownFiles::find(&dir, &dir);
        for (disk, _) in found.files {
            files.push(std::fs::read_to_string(disk).unwrap());
        }
    }
    assert!(files.len() >= 6, "the corpus is missing files");
    files
}

/// What a parsed document must satisfy, whatever the input.
fn check_document(doc: &Document, text: &str) {
    // (A lone `\r` ends a line as `\n` does.)
    let lines = LineIndex::new(text).count();
    for (i, item) in doc.items.iter().enumerate() {
        assert!(item.line >= 1 && item.line <= lines, "line {} of {lines}", item.line);
        assert!(item.span.start <= item.span.end && item.span.end <= text.len());
        assert!(item.parent.is_none_or(|p| p < i), "a parent comes before its child");
        assert!(item.entry < doc.entries.len() && item.section < doc.sections.len());
        assert_eq!(doc.sections[item.section].entry, item.entry);
        assert!(!item.text.trim().is_empty() || doc.items.iter().any(|c| c.parent == Some(i)));
        assert_eq!(item.id.to_string().len(), 16);
        assert!(item.record.is_none_or(|r| r < doc.items.len()), "a record's decision is an item");
    }
    for section in &doc.sections {
        assert!(section.entry < doc.entries.len());
    }
}

fn parse_and_check(text: &str) {
    let doc = kb::parse::parse_document(Path::new("memory-bank/x.md"), text);
    check_document(&doc, text);
    let kb = KnowledgeBase::from_documents(vec![doc]);
    let _ = kb::conflicts(&kb);
    for (doc, item) in kb.items() {
        let _ = kb::ItemRecord::new(&kb, doc, item);
    }
}

fn rules_and_check(text: &str) {
    let path = Path::new("rules/x.md");
    let file = Arc::new(SourceFile { path: path.to_path_buf(), text: text.to_string() });
    let lines = LineIndex::new(text);
    let mut sources = Sources::default();
    sources.add(file);
    for block in extract::blocks(text) {
        assert!(block.fence.end <= text.len());
        let (check, diags) = parse_block(path, &lines, &block);
        if let Some(check) = &check {
            assert!(check.source.line >= 1);
        }
        for d in &diags {
            if let Some(label) = &d.primary {
                assert!(label.span.start <= label.span.end && label.span.end <= text.len(), "{d:?}");
            }
            let _ = diag::render(d, &sources, false);
            let _ = diag::JsonDiagnostic::new(d, &sources);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn memory_bank_parser_takes_any_text(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let text = String::from_utf8_lossy(&bytes);
        parse_and_check(&text);
        rules_and_check(&text);
    }

    #[test]
    fn memory_bank_parser_takes_markdownish_text(tokens in proptest::collection::vec(0..TOKENS.len(), 0..200)) {
        let text: String = tokens.iter().map(|&t| TOKENS[t]).collect();
        parse_and_check(&text);
        rules_and_check(&text);
    }

    #[test]
    fn mangled_real_files_parse(file in 0usize..64, mangles in mangles()) {
        let corpus = corpus();
        let text = apply(&corpus[file % corpus.len()], &mangles);
        parse_and_check(&text);
        rules_and_check(&text);
    }

    #[test]
    fn mojibake_reads_back_and_other_text_stays(text in "\\PC{0,300}") {
        // Any text saved through Windows-1251 reads back as it was written (after the BOM
        // PowerShell adds) when it holds enough characters beyond ASCII to tell; text as
        // written is either left alone or read back to fewer bytes of UTF-8, never panicked on.
        let garbled = String::from_utf8(saved_through_windows_1251(&text)).unwrap();
        let back = mb::source::undo_mojibake(&garbled).map(|(t, _)| t);
        let beyond_ascii = text.chars().filter(|c| !c.is_ascii()).count();
        let expected = (beyond_ascii >= mb::source::MIN_REPAIRED).then(|| format!("\u{feff}{text}"));
        prop_assert_eq!(back, expected);
        if let Some((read, _)) = mb::source::undo_mojibake(&text) {
            prop_assert!(read.len() < text.len());
        }
    }

    #[test]
    fn yaml_takes_any_text(text in "\\PC{0,300}") {
        if let Ok(node) = mb::yaml::parse(&text) {
            assert!(node.span.end <= text.len());
        }
    }

    #[test]
    fn small_parsers_take_any_text(text in "\\PC{0,120}") {
        let _ = mb::inventory::HostPattern::parse(&text);
        let _ = mb::rules::check::Template::parse(&text);
        let _ = mb::rules::check::parse_size(&text);
        let _ = kb::find_date(&text);
        let _ = kb::classify(&text);
        let code: Vec<_> = text.match_indices('`').map(|(i, _)| i).collect();
        let ranges: Vec<_> = code.chunks(2).filter(|c| c.len() == 2).map(|c| c[0] + 1..c[1]).collect();
        let _ = kb::settings::extract(&text, &ranges);
    }
}

// Regressions: inputs that once crashed a parser.

#[test]
fn regression_non_ascii_at_a_date_boundary() {
    // leading_date sliced 10 bytes into "Ünïcödé", inside a two-byte char.
    parse_and_check("- Ünïcödé and emoji 🔧 survive.\n");
}

#[test]
fn regression_empty_bullets_with_empty_children_vanish() {
    // An empty bullet whose only child was empty used to survive as a blank item.
    let text = "- \n  - \n- kept\n\n  -\n    - deep\n";
    parse_and_check(text);
    let doc = kb::parse::parse_document(Path::new("x.md"), text);
    let texts: Vec<_> = doc.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts, ["kept", "", "deep"]);
}

#[test]
fn regression_stamped_decision_trimmed_at_its_end_splits_on_a_char_boundary() {
    // A stamped line's decision (`2026-02-05 10:00:00 - 决策:🔧**`) is read after its stamp,
    // trimmed of the emphasis at its end; the record pass took `text.len() - value.len()` for
    // where the label ends and split inside the emoji (found by the token fuzz in CI).
    for text in [
        "|\n- \n2026-02-05 10:00:00 - 决策:🔧**\n\n**Decision: No wizard.**\n\n",
        "- a\n  - 2026-02-05 10:00:00 - 决策:🔧**\n",
        "- a\n  - [09-02-2026 21:14:00] - Decision: （ここに決定を書く） *\n",
        "- a\n  - [2026-02-09 21:14] - Decision: é__\n",
    ] {
        parse_and_check(text);
    }
}

#[test]
fn bare_decision_labels_nested_deep_parse_and_keep_their_records_valid() {
    // Each bare `Decision:` hands the decision to what it lists; nested a few hundred deep,
    // the walk over each label's items stays bounded by the list's depth.
    let depth = 300;
    let mut text = String::from("# Decision Log\n\n");
    for level in 0..depth {
        text.push_str(&"  ".repeat(level));
        text.push_str("- **Decision:**\n");
    }
    text.push_str(&"  ".repeat(depth));
    text.push_str("- Keep one cached connection per session.\n");
    parse_and_check(&text);
}

#[test]
fn stamped_labels_clocks_and_date_orders_take_hostile_sizes() {
    // Every either-way date dated by the file's one day-first date, through a second parse of
    // a 4 MB file; a label's bracket nested 50,000 deep; 200,000 clocks in one line; a bold
    // decision line over 100,000 blank lines. Each reads in one pass over its input: the
    // test checks the results, the bench harness the time.
    let mut text = String::from("# Decision Log\n\nLogged on 17-02-2026.\n\n");
    for i in 0..100_000 {
        text.push_str(&format!("- [{:02}-02-2026 10:00:00] - Decision: keep host {i}\n", i % 12 + 1));
    }
    let doc = kb::parse::parse_document(Path::new("memory-bank/decisionLog.md"), &text);
    let dated =
        doc.items.iter().filter(|i| i.text.contains("keep host") && i.date.is_some_and(|d| d.month() == 2)).count();
    assert_eq!(dated, 100_000);
    parse_and_check(&format!("- Decision {}1{}: keep it\n", "[".repeat(50_000), "]".repeat(50_000)));
    parse_and_check(&format!("- Decision {}: keep it\n", "01:23".repeat(200_000)));
    parse_and_check(&format!("**Decision: Use Caddy**{}**Rationale:** x\n", "\n".repeat(100_000)));
}

#[test]
fn design_headings_why_questions_and_weighty_labels_take_hostile_sizes() {
    // 20,000 design headings over a reason and a benefits list, each found; one `Why … instead
    // of …?` over 100,000 reasons (read once: its sub-items are collected in one pass); a
    // heading of 100,000 `NEXT_PUBLIC_` words; a paragraph of 50,000 labelled lines, each a
    // `重要决策` after another label; a setext heading of 1 MB that opens with a label.
    let mut text = String::from("# Architecture\n\n## Key Design Decisions\n\n");
    for i in 0..20_000 {
        text.push_str(&format!("### {i}. ZFS pool {i}\n**Rationale:** snapshots\n\n**Benefits:**\n- cheap\n\n"));
    }
    let doc = kb::parse::parse_document(Path::new("memory-bank/architecture.md"), &text);
    let decided = doc.items.iter().filter(|i| i.kind == kb::Kind::Decision && i.text.contains("ZFS pool")).count();
    assert_eq!(decided, 20_000);
    let mut why = String::from("## Key Decisions\n\n1. **Why Caddy instead of nginx**?\n");
    for i in 0..100_000 {
        why.push_str(&format!("   - reason {i}\n"));
    }
    let doc = kb::parse::parse_document(Path::new("memory-bank/decisionLog.md"), &why);
    assert_eq!(doc.items.iter().filter(|i| i.kind == kb::Kind::Decision).count(), 1);
    parse_and_check(&format!("## {}\n- a\n", "NEXT_PUBLIC_ ".repeat(100_000)));
    parse_and_check(&"**完成**: 升级\n**重要决策**: 暂停迁移\n".repeat(25_000));
    parse_and_check(&format!("**理由:** {}\n---\n\n- a\n", "长".repeat(350_000)));
}

#[test]
fn trade_off_headings_topic_labels_and_labels_on_a_topic_take_hostile_sizes() {
    // 20,000 choices over their trade-offs, each found; 20,000 Russian topics over a sub-item
    // that states its own choice, each sub-item found; a heading of 300,000 `重要決定`; a label
    // `Final decision on …` of 100,000 words; a heading over 100,000 options.
    let mut text = String::from("# Patterns\n\n## Key Decisions\n\n");
    for i in 0..20_000 {
        text.push_str(&format!("### Keep pool {i} on the NAS\n\n**Trade-offs:**\n- one more service\n\n"));
    }
    let doc = kb::parse::parse_document(Path::new("memory-bank/systemPatterns.md"), &text);
    let decided = doc.items.iter().filter(|i| i.kind == kb::Kind::Decision && i.text.starts_with("Keep pool")).count();
    assert_eq!(decided, 20_000);
    let mut topics = String::from("## Активные решения\n");
    for i in 0..20_000 {
        topics.push_str(&format!(
            "{}. **Упрощение резервного копирования {i}:**\n   - Выбран подход с restic {i}\n",
            i + 1
        ));
    }
    let doc = kb::parse::parse_document(Path::new("memory-bank/activeContext.md"), &topics);
    let decided = doc.items.iter().filter(|i| i.kind == kb::Kind::Decision && i.text.starts_with("Выбран")).count();
    assert_eq!(decided, 20_000);
    parse_and_check(&format!("## {}\n- a\n", "重要決定".repeat(300_000)));
    parse_and_check(&format!("- Final decision on {}: keep it\n", "the pool ".repeat(50_000)));
    let mut open = String::from("## Key Decisions\n\n### Decision in Progress: the bank\n- **Options**:\n");
    for i in 0..100_000 {
        open.push_str(&format!("  {}. option {i}\n", i + 1));
    }
    parse_and_check(&open);
    // A line over 100,000 sub-items that only name values in code, and a heading over trade-offs
    // that opens with 50,000 `Use case-insensitive`: one decision each.
    let mut keys = String::from("## Key Decisions\n- Backup sets are kept under the keys:\n");
    for i in 0..100_000 {
        keys.push_str(&format!("  - `backup.{i}`\n"));
    }
    let doc = kb::parse::parse_document(Path::new("memory-bank/systemPatterns.md"), &keys);
    assert_eq!(doc.items.iter().filter(|i| i.kind == kb::Kind::Decision).count(), 1);
    let heading = format!(
        "## Key Decisions\n\n### {}keys\n\n**Trade-offs:**\n- slower\n",
        "Use case-insensitive ".repeat(50_000)
    );
    let doc = kb::parse::parse_document(Path::new("memory-bank/systemPatterns.md"), &heading);
    assert_eq!(doc.items.iter().filter(|i| i.kind == kb::Kind::Decision).count(), 1);
}

#[test]
fn titles_over_labelled_sub_items_why_headings_and_bracket_dates_take_hostile_sizes() {
    // 20,000 titles each over a labelled `Decision`; one title over a 40,000-line nested list
    // whose field lies deep down (each title reads a bounded number of lines under it); a `Why
    // …?` heading of 100,000 words; a bold title whose bracket runs 1 MB to its colon; a fix
    // report in French of 100,000 words.
    let mut text = String::from("# Active Context\n\n**Clarifications & Decisions:**\n");
    for i in 0..20_000 {
        text.push_str(&format!("- **Topic {i}**: restic\n  - **User Question**: which?\n  - **Decision**: keep {i}\n"));
    }
    let doc = kb::parse::parse_document(Path::new("memory-bank/activeContext.md"), &text);
    let decided =
        doc.items.iter().filter(|i| i.kind == kb::Kind::Decision && i.text.starts_with("Decision: keep")).count();
    assert_eq!(decided, 20_000);
    let mut deep = String::from("- **Title**: x\n  - a\n");
    for _ in 0..40_000 {
        deep.push_str("    - b\n");
    }
    deep.push_str("  - **Decision**: keep it\n");
    parse_and_check(&deep);
    parse_and_check(&format!("### Why {}?\n- a reason\n", "Proxmox ".repeat(100_000)));
    parse_and_check(&format!("- **Title** ({}2025-01-01) : x\n", "(".repeat(1_000_000)));
    parse_and_check(&format!("- **Décision** : Corriger l'erreur {}\n", "en consolidant ".repeat(100_000)));
}

#[test]
fn settled_questions_and_adoptions_in_other_languages_take_hostile_sizes() {
    // 20,000 settled questions, each answer found; a question over 100,000 lines of its list
    // (looked at only so far), and a label of 100,000 words.
    let mut text = String::from("## Open Questions\n\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "- **Question**: pool {i}?\n- **Status**: Resolved\n- **Resolution**: mirror {i}\n- **Resolution Date**: 2026-02-03\n\n"
        ));
    }
    let doc = kb::parse::parse_document(Path::new("memory-bank/openQuestions.md"), &text);
    let answered =
        doc.items.iter().filter(|i| i.kind == kb::Kind::Decision && i.text.starts_with("Resolution: mirror")).count();
    assert_eq!(answered, 20_000);
    let mut long = String::from("- **Question**: which pool?\n");
    for i in 0..100_000 {
        long.push_str(&format!("- note {i}\n"));
    }
    long.push_str("- **Status**: Resolved\n- **Resolution**: mirrors\n");
    parse_and_check(&long);
    parse_and_check(&format!(
        "- **Question {}**: which?\n- **Status**: Resolved\n- **Answer**: this\n",
        "very ".repeat(100_000)
    ));
    // An adoption told in German over 100,000 words, its verb last.
    parse_and_check(&format!(
        "## Aktive Entscheidungen\n- Wir haben uns für {}entschieden.\n",
        "Caddy ".repeat(100_000)
    ));
}

#[test]
fn drops_flows_dates_last_and_summaries_take_hostile_sizes() {
    // 20,000 records dated on their last line, each by its own date.
    let mut text = String::from("# Decision Log\n\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "**Decision:**\n* Mirror pool {i}\n\n**Rationale:**\n* one copy off the rack\n\n**Timestamp:** 2026-03-{:02}\n\n---\n\n",
            i % 28 + 1
        ));
    }
    text.push_str("## Decision Summary\n\n| Area | Choice |\n|---|---|\n");
    for i in 0..20_000 {
        text.push_str(&format!("| pool {i} | mirror |\n"));
    }
    let doc = kb::parse::parse_document(Path::new("memory-bank/decisionLog.md"), &text);
    let dated = doc.items.iter().filter(|i| i.kind == kb::Kind::Decision && i.date.is_some()).count();
    assert_eq!(dated, 20_000);
    assert!(!doc.items.iter().any(|i| i.kind == kb::Kind::Decision && i.text.ends_with(": mirror")));
    // A line of 100,000 drop words before `in favour of`, one of 100,000 `in favour of`, and a
    // title of 100,000 `到` with one `从` before them (each `到` looked at once).
    parse_and_check(&format!("- {}in favour of ZFS\n", "dropped ".repeat(100_000)));
    parse_and_check(&format!("- Dropped Ceph{}\n", " in favour of ZFS".repeat(100_000)));
    parse_and_check(&format!("## 从{}决策\n\n- 值班\n", "到".repeat(100_000)));
    parse_and_check(&format!("## From {}to decision\n\n- page\n", "input ".repeat(100_000)));
    // 20,000 updates appended after breaks, each under a date alone on its line; and a date
    // line of 100,000 stamps.
    let mut text = String::from("# Active Context\n\n## Current Focus\n\n");
    for i in 0..20_000 {
        text.push_str(&format!("---\n\nUpdated: 2026-05-{:02}\n\n- Decided to keep pool {i}\n\n", i % 28 + 1));
    }
    let doc = kb::parse::parse_document(Path::new("memory-bank/activeContext.md"), &text);
    let dated = doc.items.iter().filter(|i| i.kind == kb::Kind::Decision && i.date.is_some()).count();
    assert_eq!(dated, 20_000);
    parse_and_check(&format!("---\n\n{}2026-05-10\n\n- Decided to keep it\n", "Updated ".repeat(100_000)));
}

#[test]
fn long_cells_specs_and_file_guides_take_hostile_sizes() {
    // 20,000 log rows whose last cell runs on past a blank line to its pipe: each row is one
    // decision, its lists its rationale.
    let mut text = String::from("# Decision Log\n\n| Date | Decision | Rationale |\n|---|---|---|\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "| 2026-03-{:02} | Mirror pool {i} | Because:\n1. one copy off the rack\n\nGains:\n- faster restores |\n",
            i % 28 + 1
        ));
    }
    let doc = kb::parse::parse_document(Path::new("memory-bank/decisionLog.md"), &text);
    let decisions = doc.items.iter().filter(|i| i.kind == kb::Kind::Decision).count();
    assert_eq!(decisions, 20_000);
    // An unfinished row, then 100,000 paragraphs and no pipe to end it (each stretch of text is
    // looked at once); a heading of 100,000 `specs`; 20,000 file guides.
    parse_and_check(&format!("# Log\n\n| a | b |\n|---|---|\n| x | y\n{}", "\nline\n".repeat(100_000)));
    parse_and_check(&format!("# D\n\n## Key Decisions\n\n### {}\n\n- CPU: 4\n", "specs ".repeat(100_000)));
    parse_and_check(&"### `systemPatterns.md`\n**Architecture decisions**\n- layout\n\n".repeat(20_000));
    // 20,000 log rows right under a footer paragraph: each a row of the log.
    let mut text = String::from(
        "# Log\n\n| Date | Decision |\n|---|---|\n| 2026-01-01 | first |\n\n---\n\n**Updated**: 2026-02-10\n",
    );
    for i in 0..20_000 {
        text.push_str(&format!("| 2026-02-{:02} | Mirror pool {i} |\n", i % 28 + 1));
    }
    let doc = kb::parse::parse_document(Path::new("memory-bank/decisionLog.md"), &text);
    let dated = doc.items.iter().filter(|i| i.kind == kb::Kind::Decision && i.date.is_some()).count();
    assert_eq!(dated, 20_001);
    // 20,000 link definitions of words with one label, in a list and as paragraphs, and one
    // of 100,000 labels' worth of brackets: each is text, each line looked at once.
    let doc = kb::parse::parse_document(
        Path::new("memory-bank/techContext.md"),
        &"- [Tool]: [Version]\n\n[Tool]: restic\n\n".repeat(20_000),
    );
    assert_eq!(doc.items.len(), 40_000);
    parse_and_check(&format!("- [{}]: x\n", "[a]:".repeat(100_000)));
    // A definition with a destination of a million bytes and a title of 100,000 words over
    // two lines, read once; 20,000 definitions each with its destination on the next line.
    let title = "c ".repeat(100_000);
    let doc = kb::parse::parse_document(
        Path::new("memory-bank/techContext.md"),
        &format!("- [a]: {} \"{title}\n  {title}\"\n", "b".repeat(1_000_000)),
    );
    assert_eq!(doc.items.len(), 1);
    assert_eq!(doc.items[0].text.matches('c').count(), 200_000, "the title, read once");
    let doc = kb::parse::parse_document(Path::new("memory-bank/techContext.md"), &"[Tool]:\nrestic\n\n".repeat(20_000));
    assert_eq!(doc.items.len(), 20_000);
    assert!(doc.items.iter().all(|i| i.text.as_str() == "[Tool]: restic"));
    // Two stages of a timeline with 20,000 `**Problem**:` lines between them (each looked at
    // once per stage); 20,000 before-and-after paragraphs, each one decision; titles of
    // 100,000 words ending in `Complete`, of 100,000 brackets before `Completion`, and a
    // consideration word before 100,000 spaces.
    let doc = kb::parse::parse_document(
        Path::new("memory-bank/progress.md"),
        &format!(
            "# P\n\n## Evolution of Project Decisions\n\n### T\n- **Initial**: a\n{}- **Current**: b\n",
            "- **Problem**: x\n".repeat(20_000)
        ),
    );
    assert!(doc.items.iter().all(|i| i.kind != kb::Kind::Decision || i.block == kb::Block::Heading));
    let bank = format!(
        "# P\n\n## Evolution of Project Decisions\n\n{}",
        "**Previous State/Approach:** a\n**New State/Approach:** b\n\n".repeat(20_000)
    );
    assert_eq!(decisions_in("memory-bank/progress.md", &bank), 20_000);
    parse_and_check(&format!("## Decisions\n\n### {}Complete\n- a\n", "Setup ".repeat(100_000)));
    parse_and_check(&format!("## Decisions\n\n### Week 5 {}Completion)\n- a\n", "(".repeat(100_000)));
    parse_and_check(&format!("## Decisions\n\n### 考慮事項{}1: a\n- **現状**: b\n", " ".repeat(100_000)));
}

#[test]
fn scope_titles_work_reports_slots_and_code_swaps_take_hostile_sizes() {
    // A title of 100,000 words before `Out of Scope`, one of 100,000 `(` before it, and one of
    // 100,000 `scop`s (each looked at once); 20,000 non-goals, each a decision.
    parse_and_check(&format!("## {}Out of Scope\n- a\n", "word ".repeat(100_000)));
    parse_and_check(&format!("## Out of Scope {}\n- a\n", "(".repeat(100_000)));
    parse_and_check(&format!("## {}\n- a\n", "scop".repeat(100_000)));
    let bank = format!("# Brief\n\n## Non-Goals\n{}", "- Printers\n".repeat(20_000));
    assert_eq!(decisions_in("memory-bank/projectbrief.md", &bank), 20_000);
    // 20,000 stamped `Task completed:` lines, none a decision; a slot of 100,000 words and
    // one digit; a code swap of 100,000 names on each side; `Expected` before 100,000 spaces.
    let bank =
        format!("# P\n\n## Evolution of Decisions\n{}", "[2026-04-10 21:14:05] - Task completed: x\n\n".repeat(20_000));
    assert_eq!(decisions_in("memory-bank/progress.md", &bank), 0);
    parse_and_check(&format!("## Decisions\n- [{}decision 1]\n", "key ".repeat(100_000)));
    parse_and_check(&format!(
        "## Recent Changes\n- Replaced {}with {}\n",
        "fetchA() ".repeat(100_000),
        "fetchB() ".repeat(100_000)
    ));
    parse_and_check(&format!("## Decision\nUse x.\n\n### Expected{}Impact\n1. a\n", " ".repeat(100_000)));
}

#[test]
fn stacks_and_conventions_take_hostile_sizes() {
    // A stack title of 100,000 words (a sentence, no stack), 20,000 sub-headings nested under
    // one stack heading, 20,000 stack items (each a decision), an item of 100,000 colons and
    // one of 100,000 dashes; 20,000 rules under conventions, a rule of 100,000 words and one of
    // 100,000 `must`s.
    parse_and_check(&format!("## {}Tech Stack\n- Database: PostgreSQL\n", "word ".repeat(100_000)));
    parse_and_check(&format!("## Tech Stack\n{}- Database: PostgreSQL\n", "### Layer\n".repeat(20_000)));
    let bank = format!("# Tech\n\n## Tech Stack\n{}", "- Database: PostgreSQL\n".repeat(20_000));
    assert_eq!(decisions_in("memory-bank/techContext.md", &bank), 20_000);
    parse_and_check(&format!("## Tech Stack\n- Database{}\n", ":".repeat(100_000)));
    parse_and_check(&format!("## Tech Stack\n- Vercel {}\n", "- ".repeat(100_000)));
    // A stack table of 20,000 rows (each a decision) and a row of 10,000 cells.
    let bank = format!("# Tech\n\n## Tech Stack\n| Part | Tool |\n|---|---|\n{}", "| Cache | Redis |\n".repeat(20_000));
    assert_eq!(decisions_in("memory-bank/techContext.md", &bank), 20_000);
    parse_and_check(&format!("## Tech Stack\n| a | b |\n|---|---|\n{}|\n", "| Cache ".repeat(10_000)));
    let bank = format!("# Patterns\n\n## Coding Conventions\n{}", "- Always pin versions\n".repeat(20_000));
    assert_eq!(decisions_in("memory-bank/systemPatterns.md", &bank), 20_000);
    parse_and_check(&format!("## Coding Conventions\n- Use {}\n", "word ".repeat(100_000)));
    parse_and_check(&format!("## Coding Conventions\n- {}\n", "must ".repeat(100_000)));
}

#[test]
fn named_patterns_take_hostile_sizes() {
    // 20,000 pattern headings under one title listing patterns (each a decision), one heading
    // over 20,000 rules (a topic: the rules are the decisions), a patterns title of 100,000
    // words and a pattern heading of 100,000 words, and 20,000 sub-headings nested under one.
    let bank =
        format!("# System\n\n## Design Patterns\n{}", "### Circuit Breaker\nSkips a failing host.\n".repeat(20_000));
    assert_eq!(decisions_in("memory-bank/systemPatterns.md", &bank), 20_000);
    let bank =
        format!("# System\n\n## Design Patterns\n### Input Handling\n{}", "- Always quote values\n".repeat(20_000));
    assert_eq!(decisions_in("memory-bank/systemPatterns.md", &bank), 20_000);
    parse_and_check(&format!("# S\n## {}Patterns\n### Circuit Breaker\n", "word ".repeat(100_000)));
    parse_and_check(&format!("# S\n## Design Patterns\n### {}\nText.\n", "word ".repeat(100_000)));
    parse_and_check(&format!("# S\n## Design Patterns\n{}", "#### Layer\n##### Part\n###### Piece\n".repeat(20_000)));
}

#[test]
fn commands_effect_labels_captions_and_open_labels_take_hostile_sizes() {
    // The tenth session's rules on what a bank's text can be made of: 20,000 commands under a
    // plain heading (each a decision), a command of 100,000 words, one of 100,000 hyphens and
    // one of 100,000 typographic apostrophes; 20,000 effect labels after labels over
    // decisions, one label of 100,000 letters before `impact`, and one of 50,000 Chinese
    // characters before `影响`; 20,000 captions over code blocks (none a decision), one caption
    // over 100,000 blank lines; 20,000 labels over open choices among decisions (none); a rule
    // title of 100,000 Chinese characters before `规则`.
    let bank = format!("# Plan\n\n## Offsite copies\n{}", "- Never merge two venues\n".repeat(20_000));
    assert_eq!(decisions_in("memory-bank/plan.md", &bank), 20_000);
    parse_and_check(&format!("## Notes\n- Never {}\n", "merge ".repeat(100_000)));
    parse_and_check(&format!("## Notes\n- Keep{}\n", "-".repeat(100_000)));
    parse_and_check(&format!("## Notes\n- Don{}t merge\n", "’".repeat(100_000)));
    let records = "**Deployment decisions**:\n- Push straight to main\n\n**Push results**:\n- State: ready\n\n";
    parse_and_check(&format!("# Log\n\n## Deploy record (2026-02-10)\n\n{}", records.repeat(20_000)));
    parse_and_check(&format!(
        "## Record (2026-02-10)\n\n**Decisions**:\n- A\n\n**{} impact**:\n- B\n",
        "x".repeat(100_000)
    ));
    parse_and_check(&format!("## Record (2026-02-10)\n\n**决策**:\n- A\n\n**{}影响**:\n- B\n", "部".repeat(50_000)));
    let captions = "1. Resource Synchronization\n   ```go\n   sync()\n   ```\n";
    let bank = format!("# System\n\n## Implementation Patterns\n{}", captions.repeat(20_000));
    assert_eq!(decisions_in("memory-bank/systemPatterns.md", &bank), 0);
    parse_and_check(&format!(
        "## Implementation Patterns\n1. Resource Synchronization\n{}   ```go\n   x\n   ```\n",
        "\n".repeat(100_000)
    ));
    let labels = "- **Open technical decisions:**\n  - Hourly or daily snapshots\n";
    let bank = format!("# Active\n\n## Active Decisions and Considerations\n{}", labels.repeat(20_000));
    assert_eq!(decisions_in("memory-bank/activeContext.md", &bank), 0);
    parse_and_check(&format!("## {}规则\n- 所有函数使用 camelCase\n", "命".repeat(100_000)));
}

#[test]
fn style_weighing_area_recorded_and_dated_line_rules_take_hostile_sizes() {
    // The eleventh session's rules: 20,000 items under a heading over naming (each a
    // decision), one of 100,000 underscores and a naming title of 100,000 letters; 20,000
    // lines that only weigh a choice among decisions (none), one of 100,000 `plan ` and one of
    // 100,000 `onsider`; 20,000 area labels over two items each (40,000 decisions), a label of
    // 100,000 spaces before `Handling`; 20,000 patterns recorded with a rationale (each a
    // decision); 20,000 dated lines in one paragraph (each its own decision) and a line of a
    // date and 100,000 dashes; 20,000 decisions of work to do and one of 100,000 words.
    let bank = format!("# System\n\n## Naming Conventions\n{}", "- Hosts: pve-1\n".repeat(20_000));
    assert_eq!(decisions_in("memory-bank/systemPatterns.md", &bank), 20_000);
    parse_and_check(&format!("## Naming Conventions\n- {}\n", "_".repeat(100_000)));
    parse_and_check(&format!("## {} Naming\n- Hosts: pve-1\n", "x".repeat(100_000)));
    let weighed = "- **Uplink**: we are considering a second uplink\n";
    let bank = format!("# Active\n\n## Active Decisions and Considerations\n{}", weighed.repeat(20_000));
    assert_eq!(decisions_in("memory-bank/activeContext.md", &bank), 0);
    parse_and_check(&format!("## Decisions\n- We {}\n", "plan ".repeat(100_000)));
    parse_and_check(&format!("## Decisions\n- We {}\n", "onsider".repeat(100_000)));
    let areas = "- **Error Handling**:\n  - Roll the firewall back\n  - Stop the play\n";
    let bank = format!("# System\n\n## Key Patterns\n{}", areas.repeat(20_000));
    assert_eq!(decisions_in("memory-bank/systemPatterns.md", &bank), 40_000);
    parse_and_check(&format!("## Key Patterns\n- **Error{}Handling**:\n  - x\n", " ".repeat(100_000)));
    let recorded = "[2025-09-14 21:02:40Z] - **Pull-based configuration**\n* **Rationale**: the uplink drops.\n\n";
    let bank = format!("# System Patterns\n\n{}", recorded.repeat(20_000));
    assert_eq!(decisions_in("memory-bank/systemPatterns.md", &bank), 20_000);
    let dated = "2025-10-01: Backup target — restic to the NAS\n";
    let bank = format!("# Decision record\n\n{}", dated.repeat(20_000));
    assert_eq!(decisions_in("memory-bank/decisions.md", &bank), 20_000);
    parse_and_check(&format!("2025-10-01:{}\n2025-10-02: x\n", "-".repeat(100_000)));
    // (And 20,000 decisions that only fix what failed, none a decision; one of 100,000 words.)
    let work = "**Decision [02-11-2025 09:00:00]:** Fix the failing restic tests.\n\n";
    assert_eq!(decisions_in("memory-bank/decisionLog.md", &format!("# Decision Log\n\n{}", work.repeat(20_000))), 0);
    parse_and_check(&format!("# Log\n\n**Decision:** Fix {}\n", "errors ".repeat(100_000)));
}

#[test]
fn dependency_and_journal_rules_take_hostile_sizes() {
    // The twelfth session's rules: 20,000 dependencies under a title over them (each a
    // decision), a dependencies title of 100,000 words and one of 100,000 CJK letters before
    // `依赖`; 20,000 lines of Cline's journal under its patterns (each a decision), and one
    // of 100,000 words.
    let bank = format!("# Tech\n\n## Runtime Dependencies\n{}", "- restic: backups to the NAS\n".repeat(20_000));
    assert_eq!(decisions_in("memory-bank/techContext.md", &bank), 20_000);
    parse_and_check(&format!("## {}Dependencies\n- restic: backups\n", "Service ".repeat(100_000)));
    parse_and_check(&format!("## {}依赖\n- restic: backups\n", "间".repeat(100_000)));
    let journal = format!("# Journal\n\n## Project Patterns\n{}", "- Snapshots before every upgrade\n".repeat(20_000));
    assert_eq!(decisions_in("memory-bank/.clinerules", &journal), 20_000);
    parse_and_check(&format!("## Project Patterns\n- {}\n", "snapshot ".repeat(100_000)));
}

#[test]
fn a_long_title_over_many_headings_is_read_once() {
    // A title of 50,000 non-ASCII letters over 2,000 headings, each with a stack line and a
    // rule: each title over a section was tested again for every section under it, and every
    // word of it lowercased for every word it was compared with (over a minute per file).
    for title in ["Tech Stack", "Coding Conventions", "Design Patterns", "Notes"] {
        let body: String =
            (0..2_000).map(|i| format!("### Part {i}\n- Database: PostgreSQL\n- Always pin {i}\n")).collect();
        parse_and_check(&format!("# S\n## {title} {}\n{body}", "é".repeat(50_000)));
    }
}

#[test]
fn part_permission_use_and_value_change_rules_take_hostile_sizes() {
    // The twentieth session's rules: 20,000 bold parts in a system file (each a decision), a
    // part's label and value of 100,000 letters, and a value of 100,000 arrows; 20,000 items
    // under one `Forbidden:` (each a decision) and a lead-in of 100,000 words before `must
    // not:`; 20,000 `Use …` lines (each a decision) and one of 100,000 `::`; 20,000 values
    // changed from one to another (each a decision) and one of 100,000 ` from `; a `Decision:`
    // put off with 100,000 letters after it; a part title of 100,000 spaces before
    // `Architecture`.
    let parts = "- **Database**: PostgreSQL 16 on the storage node\n";
    let bank = format!("# System Patterns\n\n## Core Components\n{}", parts.repeat(20_000));
    assert_eq!(decisions_in("memory-bank/systemPatterns.md", &bank), 20_000);
    parse_and_check(&format!(
        "# System Patterns\n\n## Parts\n- **{}**: {}\n",
        "P".repeat(100_000),
        "Q".repeat(100_000)
    ));
    parse_and_check(&format!("# System Patterns\n\n## Parts\n- **Flow**: A{}\n", " → B".repeat(100_000)));
    let bank = format!("# Rules\n\n## Layers\n- **Domain**\n  - Forbidden:\n{}", "    - logging;\n".repeat(20_000));
    assert_eq!(decisions_in("memory-bank/architecture.md", &bank), 20_000);
    parse_and_check(&format!("## Rules\n\nThe agent {} must not:\n\n- log tokens\n", "very ".repeat(100_000)));
    let bank =
        format!("# Tasks\n\n## Onboard a node\n{}", "- Use host_vars files for bridge settings\n".repeat(20_000));
    assert_eq!(decisions_in("memory-bank/tasks.md", &bank), 20_000);
    parse_and_check(&format!("## Notes\n- use {}x;\n", "a::".repeat(100_000)));
    let bank =
        format!("# Active Context\n\n## Recent Changes\n{}", "- Changed arc_max from 4 GiB to 8 GiB\n".repeat(20_000));
    assert_eq!(decisions_in("memory-bank/activeContext.md", &bank), 20_000);
    parse_and_check(&format!("## Recent Changes\n- Changed x{} to y\n", " from".repeat(100_000)));
    parse_and_check(&format!("## Decisions\n- **Decision:** por definir {}\n", "x".repeat(100_000)));
    parse_and_check(&format!("## Key Decisions\n1. **Advanced{}Architecture**\n   - Ceph RBD\n", " ".repeat(100_000)));
}

#[test]
fn switch_record_hedge_naming_and_stack_paragraph_rules_take_hostile_sizes() {
    // The twenty-first session's rules: 20,000 switches after a label and 20,000 lines naming
    // the decision to act (each a decision); a label and a switch of 100,000 letters, 100,000
    // ` to use `, ` with a ` and ` to ` in one line; 20,000 naming styles (each a decision) and
    // a line of 100,000 `case`; a topic ADR whose `Decision` lists 20,000 items (each a
    // decision) and a rejected one whose 20,000 items are none; 100,000 hedging words after
    // `We`; 20,000 stack paragraphs naming a technology (each a decision) and one whose bold
    // name holds 100,000 letters.
    let bank = format!(
        "# Active Context\n\n## Recent Changes\n{}",
        "- **Package manager**: Replaced npm with pnpm for the workspace\n- Decision to use Caddy for the edge\n"
            .repeat(20_000)
    );
    assert_eq!(decisions_in("memory-bank/activeContext.md", &bank), 40_000);
    parse_and_check(&format!(
        "## Recent Changes\n- **{}**: Replaced {} with Y\n",
        "L".repeat(100_000),
        "x".repeat(100_000)
    ));
    parse_and_check(&format!("## Recent Changes\n- Refactored x{}\n", " to use".repeat(100_000)));
    parse_and_check(&format!("## Recent Changes\n- Replaced x{} one\n", " with a".repeat(100_000)));
    parse_and_check(&format!("## Recent Changes\n- Moved from x{} Y\n", " to".repeat(100_000)));
    let bank = format!("# System Patterns\n\n## Naming\n{}", "- Roles: snake_case\n".repeat(20_000));
    assert_eq!(decisions_in("memory-bank/systemPatterns.md", &bank), 20_000);
    parse_and_check(&format!("## Naming\n- {}\n", "case ".repeat(100_000)));
    let adr = |status: &str| {
        format!(
            "# Decision Log\n\n## ADR-001: Backend Stack\n\n**Date:** 2026-01-02\n**Status:** {status}\n\n### Decision\n\n{}",
            "- PostgreSQL 16 for the inventory\n".repeat(20_000)
        )
    };
    assert_eq!(decisions_in("memory-bank/decisionLog.md", &adr("Accepted")), 20_000);
    assert_eq!(decisions_in("memory-bank/decisionLog.md", &adr("Rejected")), 0);
    parse_and_check(&format!("## Decisions\n- We {} might move\n", "probably".repeat(100_000)));
    let bank = format!(
        "# Tech Context\n\n## Technology Stack\n\n{}",
        "### Web Framework\n**SvelteKit 2.8** - Full-stack framework\n\n".repeat(20_000)
    );
    assert_eq!(decisions_in("memory-bank/techContext.md", &bank), 20_000);
    parse_and_check(&format!("# Tech Context\n\n## Technology Stack\n\n**{}** - framework\n", "S".repeat(100_000)));
}
