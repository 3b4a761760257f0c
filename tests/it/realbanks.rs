//! Memory Banks as many hands write them, on `tests/fixtures/realbanks`: a bank written in our
//! own words to carry each quirk found in public banks — ADR and Roo Code decision records
//! with their fields, timestamps, `---` after text, template boilerplate, questions and
//! options, decision headings, headings in five languages, dates as people write them, and
//! settings with quotes and brackets.

use std::path::{Path, PathBuf};

use mb::kb::{self, Document, Item, Kind, KnowledgeBase, Status};

use crate::common::{TestEnvironment, fixture};

fn load() -> KnowledgeBase {
    let root = fixture("realbanks");
    let kb = kb::load(&root.join("memory-bank"), &root);
    assert!(kb.errors.is_empty(), "{:?}", kb.errors);
    kb
}

fn file(doc: &Document) -> String {
    doc.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The decision whose text contains `needle` (exactly one must).
fn decision<'a>(kb: &'a KnowledgeBase, needle: &str) -> (&'a Document, &'a Item) {
    let found: Vec<_> = kb.items().filter(|(_, i)| i.kind == Kind::Decision && i.text.contains(needle)).collect();
    assert_eq!(found.len(), 1, "decisions containing {needle:?}");
    found[0]
}

/// The one decision containing `needle` is no restatement of another.
fn assert_restates_nothing(kb: &KnowledgeBase, needle: &str) {
    let (doc, item) = decision(kb, needle);
    let d = kb.documents.iter().position(|other| std::ptr::eq(other, doc)).unwrap();
    let i = doc.items.iter().position(|other| std::ptr::eq(other, item)).unwrap() as u32;
    let restated = kb::restate::restatements(kb);
    assert!(restated[d].iter().all(|r| r.item != i), "{needle}: {:?}", restated[d]);
}

/// The fixture file named `name`.
fn document<'a>(kb: &'a KnowledgeBase, name: &str) -> &'a Document {
    kb.documents.iter().find(|d| file(d) == name).unwrap_or_else(|| panic!("no {name}"))
}

/// The texts of a document's decisions, in order (without the lines [`decisions_in`] gives).
fn decision_texts(doc: &Document) -> Vec<&str> {
    doc.items.iter().filter(|i| i.kind == Kind::Decision).map(|i| i.text.as_str()).collect()
}

fn field<'a>(item: &'a Item, name: &str) -> Option<&'a str> {
    item.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

#[test]
fn decisions_are_what_a_careful_reader_lists() {
    let kb = load();
    let listed: Vec<String> = kb
        .items()
        .filter(|(_, i)| i.kind == Kind::Decision)
        .map(|(doc, i)| {
            let date = i.date.map_or_else(|| "-".to_string(), |d| d.to_string());
            format!("{date} {}:{} {}", file(doc), i.line, i.text)
        })
        .collect();
    insta::assert_snapshot!("realbanks_decisions", listed.join("\n"));
}

#[test]
fn decision_records_carry_their_fields() {
    let kb = load();
    let (_, caddy) = decision(&kb, "Replace nginx with Caddy");
    assert_eq!(caddy.date.map(|d| d.to_string()).as_deref(), Some("2025-08-16"));
    assert_eq!(field(caddy, "title"), Some("[2025-08-16 15:30:00] - Moved ingress to Caddy"));
    assert_eq!(field(caddy, "rationale"), Some("Certificates renew on their own; One short config file per site"));
    assert!(field(caddy, "implementation").is_some_and(|v| v.contains("caddy_admin_listen")));
    assert_eq!(field(caddy, "rollout order"), Some("Staging first, then production"));

    let (_, pods) = decision(&kb, "restricted profile");
    assert_eq!(field(pods, "status"), Some("accepted"));
    assert_eq!(field(pods, "impact"), Some("every namespace"));
    assert_eq!(field(pods, "rationale"), Some("Nothing in the homelab needs privileges."));
    assert_eq!(field(pods, "alternatives"), Some("Baseline profile; No profile at all"));

    let (_, adr) = decision(&kb, "reusable modules");
    assert_eq!(field(adr, "title"), Some("Modules, not deployments"));
    assert_eq!(field(adr, "context"), Some("Several clusters consume the same modules."));
    assert!(field(adr, "consequences").is_some_and(|v| v.contains("pins a module version")));

    let (_, inline) = decision(&kb, "Back up to the NAS with restic");
    assert_eq!(field(inline, "rationale"), Some("The NAS has room"));
    assert_eq!(field(inline, "outcome"), Some("Nightly job runs"));

    // Fields are never decisions, and each points back at its record's statement (a decision,
    // or a task's title in a file of tasks), which is no field itself.
    for (doc, item) in kb.items().filter(|(_, i)| i.field.is_some()) {
        assert_ne!(item.kind, Kind::Decision, "{}:{} {}", file(doc), item.line, item.text);
        let statement_ok = |r: usize| doc.items[r].kind == Kind::Decision || doc.items[r].field.is_none();
        assert!(item.record.is_none_or(statement_ok), "{}", item.text);
        // (A record whose status says it was rejected, only proposed or still open, or that
        // names its decision as pending, keeps its fields too.)
        let not_taken = |r: usize| {
            field(&doc.items[r], "status").is_some_and(|s| {
                ["Rejected", "Proposed", "Open", "Pending"].iter().any(|w| s.starts_with(w)) || s.contains("Deferred")
            }) || field(&doc.items[r], "pending").is_some()
        };
        // (So does a choice turned down, under `## Libraries we dropped`.)
        let dropped =
            |r: usize| doc.sections[doc.items[r].section].title.as_deref().is_some_and(|t| t.contains("dropped"));
        // (So does an option weighed in a creative phase: `**Pros**:` and `**Cons**:`.)
        let option = |r: usize| {
            doc.sections[doc.items[r].section].title.as_deref().is_some_and(|t| t.starts_with("Option "))
                || doc.items[r].text.starts_with("Option ")
        };
        // (So does a choice still to make: its options and a recommendation; and what a
        // numbered consideration weighs, `### Consideration 1: …`, `### 考慮事項1: …`.)
        let weighed = |r: usize| {
            field(&doc.items[r], "options").is_some()
                || doc.sections[doc.items[r].section]
                    .title
                    .as_deref()
                    .is_some_and(|t| t.starts_with("Consideration ") || t.starts_with("考慮事項"))
        };
        // (Or a recommendation where decisions are still required.)
        let recommended = |r: usize| doc.items[r].text.starts_with("Recommended Approach");
        // (A template's fields describe a decision it does not record, and so do a format
        // section's (`## Format`, `## Entry template`, a log table's `## Schema`, or how the team decides, `###
        // Decision Making Process`, the bank's `## Memory Types`): `**Decision**:
        // The choice, in one sentence`, and the list under `**Each entry must include**:`, and
        // under `For each major decision, document:`.)
        let described = |r: usize| {
            doc.items[r].text.ends_with("The choice, in one sentence")
                || doc.sections[doc.items[r].section]
                    .title
                    .as_deref()
                    .is_some_and(|t| t.ends_with("Format") || t == "Schema" || t.ends_with("Decision Making Process"))
                || doc.entries[doc.sections[doc.items[r].section].entry].title == "Entry template"
                || doc.items[r].text.starts_with("When adding a record")
                || doc.items[r].text.starts_with("decision: Important decisions")
                || doc.items[r].group.is_some_and(|g| {
                    let title = &doc.groups[g].title;
                    title.starts_with("Each entry must include") || title.starts_with("For each major decision")
                })
        };
        // (Nor does an examination reported under its `Decision:` label, `Decision: Performed a
        // full review …`, under its stamped title.)
        let examined = |r: usize| doc.items[r..].iter().take(3).any(|i| i.text.starts_with("Decision: Performed"));
        // (Nor does the bank's own set-up: `Created productContext.md …`.)
        let setup = |r: usize| doc.items[r].text.contains("Created productContext.md");
        // (Nor does a bug fix a log reports, `Bug Fix: …` or `[…] - 修复了 …` over its
        // problem and solution.)
        // (… or `1. **Host parsing**: Fixed a crash …` over its issue and impact, or `Décision :
        // Corriger l'UnboundLocalError …` under its `[…] - Correction du 500 …`, or an incident
        // resolved, `- **Issue**: …` over its status and resolution.)
        let fixed = |r: usize| {
            ["Bug Fix:", "] - 修复了", "] - Fixed", ": Fixed ", ": Corriger "]
                .iter()
                .any(|f| doc.items[r].text.contains(f))
                || doc.items[r].text.starts_with("Issue: ")
        };
        // (Nor does a question whose answer gives none: `Answer: TBD`, `Won't do`.)
        let unanswered = |r: usize| doc.items[r].text.starts_with("Question: ");
        // (Nor does a record's metadata alone: `- Data: 28/02/2026` over `- Responsável: …`,
        // `- **Task ID**: …` and `- **Completion Date**: …` over a task's dates.)
        let metadata =
            |r: usize| ["Data: ", "Task ID: ", "Completion Date: "].iter().any(|m| doc.items[r].text.starts_with(m));
        // (Nor does a review's verdict under a `Decisions:` label, `Decisions: PASS — …`.)
        let verdict = |r: usize| [": PASS", ": FAIL"].iter().any(|v| doc.items[r].text.contains(v));
        // (Nor does a task in a task list or a progress log, nor an error in a catalogue of
        // them, `**Related Decisions**:` under its symptom and fix.)
        if !["tasks.md", "progress.md", "error-catalogue.md"].contains(&file(doc).as_str())
            && !file(doc).contains("template")
            && !doc.path.parent().is_some_and(|folder| folder.ends_with("templates"))
        {
            assert!(
                item.record.is_none_or(|r| {
                    doc.items[r].kind == Kind::Decision
                        || not_taken(r)
                        || option(r)
                        || weighed(r)
                        || described(r)
                        || setup(r)
                        || examined(r)
                        || recommended(r)
                        || fixed(r)
                        || metadata(r)
                        || verdict(r)
                        || dropped(r)
                        || unanswered(r)
                        // (Nor does work reported done: `### Зачем это сделано`, why it was
                        // done, gives the work's reasons.)
                        || doc.items[r].kind == Kind::Change
                        // (Nor does a before and after where no decision stands: a state
                        // machine's `**Previous State**:` and `**New State**:`.)
                        || field(&doc.items[r], "new").is_some()
                        // (Nor does a stage of a timeline, history, with the problem that
                        // ended it: `**Initial**: …` over `**Problem**: …`.)
                        || doc.items[r].text.starts_with("Initial: ")
                        // (Nor does a pattern still left open: `**Shared package cache (to
                        // be decided)**` over its description and rationale.)
                        || doc.items[r].text.contains("(to be decided)")
                        // (Nor one whose rationale turns it down.)
                        || field(&doc.items[r], "rationale").is_some_and(|why| why.starts_with("Rejected"))
                        // (Nor work a log labels as a decision: `Decision […]: Fix the failing
                        // restic tests`.)
                        || ["]: Fix the failing", "]: Record findings"].iter().any(|w| doc.items[r].text.contains(w))
                }),
                "{}",
                item.text
            );
        }
    }
}

#[test]
fn roo_timestamps_open_dated_entries_in_any_order() {
    let kb = load();
    let (doc, a) = decision(&kb, "one page per top-level folder");
    let (_, b) = decision(&kb, "Keep the etc pages short");
    assert_eq!(doc.entries[a.entry].title, "Documented the volume1 folder.");
    assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2025-06-02"));
    assert_eq!(b.date.map(|d| d.to_string()).as_deref(), Some("2025-06-01"));
    assert_eq!(field(a, "rationale"), Some("Readers look things up by path."));
    // A `Timestamp:` field dates its own decision, and a repeated field starts the next record.
    let (_, docker) = decision(&kb, "docker run");
    let (_, stale) = decision(&kb, "stale database containers");
    assert_eq!(docker.date.map(|d| d.to_string()).as_deref(), Some("2025-07-05"));
    assert_eq!(field(docker, "rationale"), Some("The wrapper command was not installed."));
    assert_eq!(field(stale, "rationale"), Some("They held the port."));
    // A timestamp right under `### Decision` is that decision.
    let (_, hex) = decision(&kb, "采用六边形架构");
    assert_eq!(field(hex, "rationale"), Some("核心业务逻辑与外部依赖解耦。"));
}

#[test]
fn boilerplate_questions_and_options_are_not_decisions() {
    let kb = load();
    for text in [
        "This file records",
        "Log of updates made",
        "[empty]",
        "Should the NAS also serve NFS?",
        "Is one restic repository",
        "Move DNS to the router.",
        "Linkerd",
        "Should we wait for ambient mode?",
    ] {
        for (doc, item) in kb.items().filter(|(_, i)| i.text.contains(text)) {
            assert_ne!(item.kind, Kind::Decision, "{}:{} {}", file(doc), item.line, item.text);
        }
    }
}

/// A document's decisions as `date text` (an empty date when undated).
fn dated_decisions(doc: &Document) -> Vec<String> {
    doc.items
        .iter()
        .filter(|i| i.kind == Kind::Decision)
        .map(|i| format!("{} {}", i.date.map(|d| d.to_string()).unwrap_or_default(), i.text))
        .collect()
}

/// The decisions listed from `tasks.md`, as `line text`.
fn decisions_in(kb: &KnowledgeBase, name: &str) -> Vec<String> {
    kb.items()
        .filter(|(doc, i)| i.kind == Kind::Decision && file(doc) == name)
        .map(|(_, i)| format!("{} {}", i.line, i.text))
        .collect()
}

#[test]
fn a_decision_section_inside_a_task_entry() {
    let kb = load();
    let listed = decisions_in(&kb, "tasks.md");
    // `**Design Decisions:**` after a task's `**Status:**` holds decisions, not the task's
    // fields; a bold topic with sub-items is one decision, its sub-items the details.
    for expected in ["12 Queue layout:", "15 Relay host: Postfix", "16 Credentials: The upstream password"] {
        assert!(listed.iter().any(|l| l.starts_with(expected)), "{expected} in {listed:#?}");
    }
    for detail in ["outbound", "retry", "Build the container"] {
        assert!(!listed.iter().any(|l| l.contains(detail)), "{detail} in {listed:#?}");
    }
    let (_, relay) = decision(&kb, "Postfix runs in its own LXC");
    assert_eq!(relay.date.map(|d| d.to_string()).as_deref(), Some("2025-10-03"));
    assert!(relay.field.is_none());
}

#[test]
fn considerations_status_lines_findings_and_none_are_not_decisions() {
    let kb = load();
    let listed = decisions_in(&kb, "tasks.md");
    for text in [
        // "Considerations" alone names concerns to weigh, not choices.
        "Rotate weekly",
        "Test from outside",
        // Progress reports and saying nothing is needed.
        "Wiki migration complete",
        "snapshot job in place",
        "No schema changes required",
        // A finding beside its remedy: the remedy is the decision.
        "Found an exposed token",
    ] {
        assert!(!listed.iter().any(|l| l.contains(text)), "{text} in {listed:#?}");
    }
    decision(&kb, "Ingress for the wiki stays on Traefik");
    decision(&kb, "Moved the registry token into the CI secret store");
}

#[test]
fn a_decision_subsection_holding_only_a_diagram_is_its_heading() {
    let kb = load();
    let (_, layout) = decision(&kb, "Storage layout");
    assert_eq!(layout.text, "Storage layout (2025-10-04)");
    assert_eq!(layout.date.map(|d| d.to_string()).as_deref(), Some("2025-10-04"));
    // A subsection with a statement of its own lists the statement, not the heading.
    decision(&kb, "Snapshots are named by date");
    assert!(!decisions_in(&kb, "tasks.md").iter().any(|l| l.ends_with(" Snapshot naming")));
}

#[test]
fn a_timestamp_glued_after_a_sentence_opens_a_new_entry() {
    let kb = load();
    let (_, mirror) = decision(&kb, "Mirror the base images");
    assert_eq!(mirror.date.map(|d| d.to_string()).as_deref(), Some("2025-10-06"));
    assert_eq!(mirror.line, 59);
    let (_, keep) = decision(&kb, "Keep the old registry read-only");
    assert_eq!(field(keep, "rationale"), Some("Old tags still get pulled by the cameras."));
    assert_eq!(keep.date.map(|d| d.to_string()).as_deref(), Some("2025-10-05"));
}

#[test]
fn what_was_adopted_is_a_decision_in_any_section() {
    let kb = load();
    // Japanese `…を採用`, a `方針:` label, Chinese `采用` opening a sentence, English `Adopted`.
    decision(&kb, "シャットダウン方式を採用");
    decision(&kb, "設定ファイルは YAML に統一");
    decision(&kb, "本系统采用主备两台路由器");
    decision(&kb, "Adopted Renovate");
    // The rest of those sections is background, not decisions.
    for text in ["ログの言語がばらばらだった", "手順書は毎月見直す", "twelve pull requests"] {
        let found: Vec<_> = kb.items().filter(|(_, i)| i.text.contains(text)).collect();
        assert_eq!(found.len(), 1, "{text}");
        assert_ne!(found[0].1.kind, Kind::Decision, "{text}");
    }
}

#[test]
fn a_decision_written_only_as_a_heading_has_its_sections_as_fields() {
    let kb = load();
    let (_, traefik) = decision(&kb, "Use Traefik as reverse proxy");
    assert_eq!(traefik.text, "Use Traefik as reverse proxy");
    assert_eq!(traefik.block, kb::Block::Heading);
    assert_eq!(field(traefik, "rationale"), Some("It discovers containers by label"));
    let (_, redis) = decision(&kb, "Keep Redis as a three-node cluster");
    assert_eq!(field(redis, "implementation"), Some("Three nodes, persistence on"));
}

#[test]
fn headings_in_other_languages() {
    for (title, kind) in [
        ("決定事項・考慮点", Kind::Decision),
        ("アーキテクチャ決定", Kind::Decision),
        ("技术决策", Kind::Decision),
        ("最近の変更 (2026-01-19)", Kind::Change),
        ("次のステップ", Kind::NextStep),
        ("Entscheidungen", Kind::Decision),
        ("Nächste Schritte", Kind::NextStep),
        ("Décisions", Kind::Decision),
        ("Decisiones", Kind::Decision),
        ("Próximos pasos", Kind::NextStep),
        ("Erkenntnisse", Kind::Learning),
    ] {
        assert_eq!(kb::classify(title), kind, "{title}");
    }
}

#[test]
fn dates_as_people_write_them_and_a_second_h1() {
    let kb = load();
    let date_of = |needle: &str| {
        let found: Vec<_> = kb.items().filter(|(_, i)| i.text.contains(needle)).collect();
        assert_eq!(found.len(), 1, "{needle}");
        found[0].1.date.map(|d| d.to_string())
    };
    assert_eq!(date_of("Switched the cluster to k3s").as_deref(), Some("2025-09-26"));
    assert_eq!(date_of("Dropped the old VPN").as_deref(), Some("2025-09-26"));
    assert_eq!(date_of("Removed stale DNS records").as_deref(), Some("2025-09-27"));
    assert_eq!(date_of("Reviewed quotas").as_deref(), Some("2025-09-28"));
    assert_eq!(date_of("Synced the secrets").as_deref(), Some("2025-09-29"));
    // A browser's `en-US` stamp (`4/3/2025, 6:57:33 PM UTC`) writes the month first; a hyphen
    // that does not break (`2026‑02‑14`, U+2011) is a hyphen.
    assert_eq!(date_of("Keep the Grafana dashboards").as_deref(), Some("2025-04-03"));
    assert_eq!(date_of("Pin the Loki image").as_deref(), Some("2025-04-05"));
    assert_eq!(date_of("One rules file per team").as_deref(), Some("2026-02-14"));
    let (doc, item) = kb.items().find(|(_, i)| i.text.contains("second H1")).unwrap();
    assert_eq!(doc.entries[item.entry].title, "Second log");
    assert_eq!(item.date.map(|d| d.to_string()).as_deref(), Some("2025-10-01"));
    assert_eq!(doc.entries[0].title, "activeContext");
}

#[test]
fn settings_keep_quotes_and_brackets_whole() {
    let kb = load();
    let (_, item) = decision(&kb, "provider_params");
    let settings: Vec<_> = item.settings().into_iter().map(|s| (s.key, s.value)).collect();
    assert_eq!(
        settings,
        vec![("provider_params".to_string(), r#"{"provider": "cerebras", "order": [1, 2]}"#.to_string())]
    );
    let (_, pin) = decision(&kb, "restic_version");
    let settings: Vec<_> = pin.settings().into_iter().map(|s| (s.key, s.value)).collect();
    assert_eq!(settings, vec![("restic_version".to_string(), "0.17.3".to_string())]);
}

#[test]
fn an_item_never_conflicts_with_itself() {
    let env = TestEnvironment::in_dir(fixture("realbanks"));
    let out = env.run(["decisions", "--conflicts", "--json"]);
    let json = out.json();
    for conflict in json.as_array().unwrap() {
        let ids: Vec<_> = conflict["decisions"].as_array().unwrap().iter().map(|d| d["id"].clone()).collect();
        let mut unique = ids.clone();
        unique.dedup();
        assert_eq!(ids.len(), unique.len(), "{conflict}");
    }
}

/// Lines of `path` that no item, heading or bold pseudo-heading holds and that are not
/// markup (front matter, thematic breaks, fences, a table's head and delimiter rows, HTML
/// comments, empty bullets).
fn dropped_lines(doc: &Document, text: &str) -> Vec<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut covered = vec![false; lines.len() + 2];
    // Bytes, not `str` slices: a span may end inside a multi-byte character's last byte.
    let line_of = |offset: usize| text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1;
    for item in &doc.items {
        let (first, last) = (line_of(item.span.start), line_of(item.span.end.saturating_sub(1)));
        covered[first..=last].fill(true);
    }
    for s in &doc.sections {
        covered[s.line] = true;
    }
    for e in &doc.entries {
        covered[e.line] = true;
    }
    // Code blocks, fenced or indented (four spaces after a blank line), are code: mb skips
    // them as a reader skims them, and `mb search` still finds their text.
    let mut code = vec![false; lines.len() + 2];
    // A table's head row names its columns, and the row under it only draws the rule.
    let mut table_head = vec![false; lines.len() + 2];
    // A heading written over several lines (a paragraph underlined by `---`) keeps them all in
    // its title: its section, at its first line, holds every one.
    let mut heading_lines = Vec::new();
    let options = kb::parse::markdown_options() - pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    // (Read as mb reads it: a delimiter row one cell too long mended.)
    let mended = kb::parse::mend_delimiter_rows(text);
    for (event, range) in pulldown_cmark::Parser::new_ext(&mended, options).into_offset_iter() {
        match event {
            // (So is a raw HTML block as CommonMark reads it, a tag written over several lines
            // included: `<div`, then `className="…"` and `style={{ … }}` up to a blank line.)
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::CodeBlock(_) | pulldown_cmark::Tag::HtmlBlock) => {
                code[line_of(range.start)..=line_of(range.end.saturating_sub(1))].fill(true);
            }
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Heading { .. }) => {
                heading_lines.push(line_of(range.start)..=line_of(range.end.saturating_sub(1)));
            }
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::TableHead) => {
                let head = line_of(range.start);
                table_head[head..=head + 1].fill(true);
            }
            _ => {}
        }
    }
    for lines in heading_lines {
        if covered[*lines.start()] {
            covered[lines].fill(true);
        }
    }
    // A group's title, also one written over several lines (`**FN-1. Conventions … whether`,
    // then `it tags them.**`), in a blockquote (`> **… ;`, `> … .**`) or holding a link, is
    // held whole: each of its lines is that title's.
    let mut group_lines = vec![false; lines.len() + 2];
    fn unquoted(line: &str) -> &str {
        line.trim_start().trim_start_matches(['>', ' ']).trim_end()
    }
    for n in (0..lines.len()).filter(|&n| unquoted(lines[n]).starts_with("**")) {
        let Some(last) = (n..lines.len().min(n + 6)).find(|&m| {
            let t = unquoted(lines[m]);
            (m > n || t.len() > 2) && (t.ends_with("**") || t.ends_with("**:"))
        }) else {
            continue;
        };
        let joined = lines[n..=last].iter().map(|l| unquoted(l)).collect::<Vec<_>>().join(" ");
        if doc.groups.iter().any(|g| fold(&g.title) == as_title(&joined)) {
            group_lines[n + 1..=last + 1].fill(true);
        }
    }
    let mut in_block = false;
    let mut in_comment = false;
    // A raw HTML block (a line of tags, `<html …><head>`, and what follows it up to a blank
    // line) is markup, as a code block is: text typed inside it is the HTML's.
    let mut in_html = false;
    let mut dropped = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let l = n + 1;
        let t = line.trim();
        let comment = in_comment || t.starts_with("<!--");
        in_comment = comment && !t.contains("-->");
        in_html =
            !in_block && !comment && !t.is_empty() && (in_html || (t.starts_with('<') && t.ends_with('>') && !code[l]));
        let fence = t.starts_with("```") || t.starts_with("~~~");
        if fence {
            in_block = !in_block;
        }
        // A group's title is plain text: a blockquote loses its `>` and an HTML comment after a
        // label its comment (the rest, `as_title`).
        // (And the bold inside it: `Write an ADR when a decision **constrains future work**.
        // Examples …:`.)
        // (Bold written with underscores too: `__Rejected:__`.)
        let plain = t.trim_start_matches(['>', ' ']).replace("**", "");
        let plain = if plain.starts_with("__") { plain.replace("__", "") } else { plain };
        let plain = plain.find("<!--").map_or(plain.as_str(), |at| plain[..at].trim_end());
        let group = group_lines[l] || {
            let title = as_title(plain);
            // (Brackets that make no link stay in a title: `**[skip actions] Pattern**:`.)
            let bracketed = fold(plain.trim_matches(['*', ':', '：', ' ']).trim_end_matches([':', '：']));
            doc.groups.iter().any(|g| fold(&g.title) == title || fold(&g.title) == bracketed)
        };
        let markup = t.is_empty()
            || comment
            || fence
            || in_block
            || in_html
            || code[l]
            || table_head[l]
            || t.starts_with("<!--")
            || t.starts_with('<')
            // (An HTML entity alone, `&nbsp;`, draws a space.)
            || (t.starts_with('&') && t.ends_with(';') && t.len() <= 10)
            || t.chars().all(|c| matches!(c, '-' | '*' | '_' | '=' | ' ' | '#' | '|' | '>'))
            // (An empty numbered item, `1. ` left to fill in, holds no text.)
            || t.strip_suffix(['.', ')']).is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            || (l == 1 && t == "---")
            // (A link's definition, `[adr-7]: docs/adr/0007-zfs.md`, says where links go.)
            // (A link's definition that says where links go, past a list's or a quote's mark:
            // markup, by mb's own rule.)
            || t.trim_start_matches(['-', '*', '+', '>', ' '])
                .strip_prefix('[')
                .and_then(|t| t.split_once("]:"))
                .is_some_and(|(_, dest)| {
                    let dest = dest.split_whitespace().next().unwrap_or("");
                    kb::parse::names_link_target(dest.trim_start_matches('<').trim_end_matches('>'))
                });
        if !(covered[l] || markup || group) {
            dropped.push((l, line.to_string()));
        }
    }
    dropped
}

/// Spaces folded, for comparing a title with the line it came from.
fn fold(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The title a label line makes, as mb keeps it: code spans lose their backticks, a
/// backslash escape its backslash (`\_\_` is `__`), and inline HTML (`<ts>`) and a link's
/// target (`[Next Steps](findings.md#next)`) are markup; bold marks and a closing colon go.
fn as_title(line: &str) -> String {
    let mut plain = String::new();
    // (What a code span holds is kept as written: `<video autoplay>` there is text.)
    for (n, part) in line.split('`').enumerate() {
        if n % 2 == 1 {
            plain.push_str(part);
            continue;
        }
        let mut rest = part;
        while let Some(open) = rest.find(['<', '[', ']', '\\']) {
            plain.push_str(&rest[..open]);
            rest = match rest[open..].chars().next() {
                Some('<') => rest[open..].find('>').map_or("", |close| &rest[open + close + 1..]),
                Some(']') if rest[open + 1..].starts_with('(') => {
                    rest[open..].find(')').map_or("", |close| &rest[open + close + 1..])
                }
                _ => &rest[open + 1..],
            };
        }
        plain.push_str(rest);
    }
    fold(plain.trim_matches(['*', ':', '：', ' ']).trim_end_matches([':', '：']))
}

fn assert_nothing_dropped(dir: &Path) -> usize {
    let mut files = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path: PathBuf = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if kb::is_markdown(&path.to_string_lossy()) {
                let Ok(text) = std::fs::read_to_string(&path) else { continue };
                let doc = kb::parse::parse_document(&path, &text);
                let dropped = dropped_lines(&doc, text.strip_prefix('\u{feff}').unwrap_or(&text));
                // Front matter is markup: skip lines up to its closing `---` (`+++` for TOML).
                let fm_end = match text.get(..3) {
                    Some(fence @ ("---" | "+++")) => {
                        text.lines().skip(1).position(|l| l.trim() == fence).map_or(0, |p| p + 2)
                    }
                    _ => 0,
                };
                let dropped: Vec<_> = dropped.into_iter().filter(|(l, _)| *l > fm_end).collect();
                assert!(dropped.is_empty(), "{}: lines in no item or heading: {dropped:#?}", path.display());
                files += 1;
            }
        }
    }
    files
}

#[test]
fn no_line_is_silently_dropped() {
    assert!(assert_nothing_dropped(&fixture("realbanks")) >= 6);
    assert!(assert_nothing_dropped(&fixture("quirks")) >= 3);
    // Point MB_REAL_BANKS at a folder of real Memory Banks to check them too.
    if let Some(dir) = std::env::var_os("MB_REAL_BANKS") {
        assert!(assert_nothing_dropped(Path::new(&dir)) > 0);
    }
}

#[test]
fn a_task_dates_what_it_decided_by_its_status_line() {
    let kb = load();
    let date = |item: &Item| item.date.map(|d| d.to_string());
    // The task's heading names no date; its status line says when it was done.
    let (_, per_host) = decision(&kb, "one script per host");
    assert_eq!(date(per_host).as_deref(), Some("2025-11-08"));
    let (_, journald) = decision(&kb, "journald に一本化");
    assert_eq!(date(journald).as_deref(), Some("2025-11-12"));
    // Two status lines of different days: which one decided it is not written.
    let (_, sets) = decision(&kb, "Adopted nftables sets");
    assert_eq!(date(sets), None);
    // A date in the heading is the task's own and wins.
    let (_, wireguard) = decision(&kb, "WireGuard only");
    assert_eq!(date(wireguard).as_deref(), Some("2025-11-21"));
}

#[test]
fn architecture_considerations_are_design_decisions() {
    let kb = load();
    decision(&kb, "Reuses the existing VLAN trunk");
    let listed = decisions_in(&kb, "maintenance.md");
    for text in ["No new hardware", "off the internet"] {
        assert!(!listed.iter().any(|l| l.contains(text)), "{text} in {listed:#?}");
    }
}

#[test]
fn an_adr_file_is_one_decision_with_its_sections_as_fields() {
    let kb = load();
    // Nygard's template: `Date:` line, then `## Status`, `## Context`, `## Decision`,
    // `## Consequences`.
    let (doc, quota) = decision(&kb, "Set refquota=1T on every Time Machine dataset");
    assert_eq!(quota.date.map(|d| d.to_string()).as_deref(), Some("2024-05-02"));
    assert_eq!(doc.entries[quota.entry].title, "4. Cap Time Machine datasets with refquota");
    assert!(field(quota, "status").is_some_and(|v| v.starts_with("Accepted")));
    assert!(field(quota, "context").is_some_and(|v| v.contains("Snapshots count against quota")));
    assert!(field(quota, "consequences").is_some_and(|v| v.contains("changed together")));
    assert_eq!(decisions_in(&kb, "0004-time-machine-refquota.md").len(), 1);

    // MADR: front matter, `## Context and Problem Statement`, `## Decision Drivers`,
    // `## Considered Options`, `## Decision Outcome` with `### Consequences`, `## Pros and
    // Cons of the Options`, `## More Information` — all one record under the file's title.
    let (doc, vpn) = decision(&kb, "Chosen option: \"WireGuard\"");
    assert_eq!(vpn.date.map(|d| d.to_string()).as_deref(), Some("2025-01-20"));
    assert_eq!(doc.entries[vpn.entry].title, "Use WireGuard for the site-to-site link");
    assert!(doc.items.iter().all(|i| i.entry == vpn.entry), "every section is part of the one ADR");
    assert!(field(vpn, "context").is_some_and(|v| v.contains("IPsec tunnel drops")));
    assert_eq!(field(vpn, "drivers"), Some("Simple configuration in Ansible; Survives NAT rebinding"));
    assert!(field(vpn, "alternatives").is_some_and(|v| v.starts_with("WireGuard; strongSwan IPsec; OpenVPN; ")));
    assert!(field(vpn, "consequences").is_some_and(|v| v.contains("no dynamic routing")));
    // The options' own subsections stay in that field, and the last section is one more.
    assert!(field(vpn, "alternatives").is_some_and(|v| v.ends_with("rekeying fails behind the ISP's NAT.")));
    assert_eq!(field(vpn, "notes"), Some("Revisit once the second ISP line is in."));
    assert_eq!(decisions_in(&kb, "0007-wireguard-site-link.md").len(), 1, "drivers and options are no decisions");
}

#[test]
fn the_subsections_of_a_stated_decision_are_its_parts() {
    let kb = load();
    // Under `## 4️⃣ DECISION`, after `**Selected option:** …`, a subsection over code alone
    // (`### Final toast variants`, `### Styles`, `### Стили`) is the chosen option's part: each
    // had been a decision of its own, and so had the steps under `### План внедрения:` (a
    // plan, as `### Implementation plan` is). (Before any statement, a subsection over code
    // still stands for its section: `a_decision_subsection_holding_only_a_diagram_is_its_heading`;
    // and a subsection that states something, `### Escalation`, may decide on its own — found
    // by review.)
    for (name, decided) in [
        (
            "creative-alert-toasts.md",
            &[
                "Selected option: Option 2 - Toasts with states",
                "An unanswered toast repeats every five minutes until someone clears it.",
            ][..],
        ),
        ("creative-uvedomleniya.md", &["Выбрано: Вариант 2 - всплывающие уведомления"][..]),
    ] {
        let doc = document(&kb, name);
        assert_eq!(decision_texts(doc), decided, "{name}");
        let parts: Vec<_> = doc.items.iter().filter(|i| i.block == kb::Block::Heading).collect();
        assert!(!parts.is_empty() && parts.iter().all(|i| i.kind == Kind::Other), "{name}: {parts:#?}");
    }
}

#[test]
fn a_record_written_without_blank_lines_keeps_its_lists_as_fields() {
    let kb = load();
    let doc = document(&kb, "decisionLog-packed.md");
    // Each record is one paragraph of labelled lines, its lists right under it: the list under
    // `**Decision:** … three parts:` spells that decision out, and `**Accepted:**` and
    // `**Rejected:**`, which Markdown reads as more of the list item above them, head their
    // own lists. All had been decisions of their own.
    assert_eq!(decision_texts(doc).len(), 2, "{:#?}", decision_texts(doc));
    let (_, backups) = decision(&kb, "ADR-12: Backups go offsite");
    assert_eq!(
        field(backups, "details"),
        Some(
            "restic pushes the library to the Hetzner storage box nightly.; A weekly restic check reads back a \
             tenth of the packs."
        )
    );
    assert_eq!(field(backups, "accepted"), Some("one repository per host; a retention of 14 daily snapshots"));
    assert_eq!(field(backups, "rejected"), Some("rclone mirrors without versions; a second NAS at the office"));
    let packs = doc.items.iter().find(|i| i.text.starts_with("A weekly")).unwrap();
    assert!(!packs.text.contains("Accepted"), "{}", packs.text);
}

#[test]
fn a_field_label_a_formatter_indented_under_a_list_opens_its_field() {
    let kb = load();
    // `Status: Accepted` and `Context:` on two lines of one paragraph, then `  Decision:` and
    // `  Consequences (Positive/Negative):` indented under the list before each, as Prettier
    // writes them: each label opens its field. The context had swallowed all three lists.
    let (_, adr) = decision(&kb, "Keep the Ansible roles in one collection");
    assert_eq!(field(adr, "status"), Some("Accepted"));
    assert_eq!(
        field(adr, "context"),
        Some("Four repositories each carried a copy of the common role.; Fixes reached one copy and not the others.")
    );
    assert_eq!(
        field(adr, "details"),
        Some(
            "Move every role into the homelab.infra collection.; Pin the collection by tag in each playbook repository."
        )
    );
    assert_eq!(
        field(adr, "consequences"),
        Some("Positive: one place to fix a role.; Negative: a role change needs a collection release.")
    );
}

#[test]
fn who_decided_and_what_kind_are_fields_and_where_new_records_go_is_boilerplate() {
    let kb = load();
    // `Decision Maker:`, `Decision Type:` and `Decision ID:` name who decided, the kind and
    // the number: each had been the record's decision, as had the closing note on where new
    // records go.
    assert_eq!(
        decision_texts(document(&kb, "decisionLog-who-decided.md")),
        ["Final Decision: Kea on the router hands out every lease; the Pi-hole DHCP stays off."]
    );
    let (_, kea) = decision(&kb, "Kea on the router hands out every lease");
    assert_eq!(field(kea, "owner"), Some("Network-mode agent, after the lease audit"));
    assert_eq!(field(kea, "type"), Some("infrastructure"));
    assert_eq!(kea.date.map(|d| d.to_string()).as_deref(), Some("2026-03-02"));
}

#[test]
fn an_entry_naming_a_file_and_what_it_holds_is_no_decision() {
    let kb = load();
    // Under `Files that hold it:`, `grafana/dashboards/zfs.json - pool health …`,
    // `roles/…/main.yml: copies …`, `docs/….md (how to …)` index the files a decision lives in;
    // each had been a decision of its own. A file's entry that states a change (`compose.yaml -
    // switched …`) still decides, and so does one in a list that names no files (`Caddyfile:
    // TLS 1.3 only …` under a dated entry: the second review found every such setting dropped).
    assert_eq!(
        decision_texts(document(&kb, "decisions-monitoring.md")),
        [
            "Grafana dashboards live in the repository and are provisioned at boot.",
            "compose.yaml - switched the exporters to host networking",
            "Caddyfile: TLS 1.3 only on the public listener",
            "alertmanager.yml - pages go to ntfy, mail only for warnings",
            "prometheus.yml: scrape every 30 s instead of 15 s"
        ]
    );
}

#[test]
fn a_field_label_inside_a_list_item_stays_the_items_text() {
    let kb = load();
    let doc = document(&kb, "decisions-label-lines.md");
    // Only a label between two items of one list opens a field (above). `Status:` and
    // `Rationale:` listed by an item ending in a colon, `Decision:` over the item's own nested
    // list, and `Decision:` over the item's next line are the item's text: the first review
    // of that rule found each cutting the list and filing the decisions after it as fields.
    let texts: Vec<&str> = doc.items.iter().map(|i| i.text.as_ref()).collect();
    assert!(
        texts.contains(&"Renovate's config keeps these keys, one per line, in this order: Status: Rationale:"),
        "{texts:#?}"
    );
    assert_eq!(
        decision_texts(doc),
        [
            "step-ca issues the internal certificates",
            "leaves last thirty days",
            "Time sync — two Pis drifted by a minute. Decision: chrony on every host, pointed at the router.",
            "Decision: the lab VLAN gets a reverse proxy of its own, on the old NUC"
        ]
    );
    // `__Rejected:__` right under the decision's list heads what was turned down: a field of
    // the record, not decisions (the second review found the split making them decisions).
    let (_, caddy) = decision(&kb, "the lab VLAN gets a reverse proxy of its own");
    assert_eq!(field(caddy, "rejected"), Some("Traefik; nginx-proxy-manager"));
}

#[test]
fn recommendations_and_suggestions_are_advice_not_decisions() {
    let kb = load();
    // `### Recommendations` and `### 后续建议（不在本次范围）` (follow-up suggestions, out of
    // scope) under a dated entry advise what to do next: their items had been decisions. A
    // title with the word inside it is no such section (`… suggestions key: …, not …`).
    assert_eq!(
        decision_texts(document(&kb, "decisionLog-advice.md")),
        ["Offsite copies run at 03:00, after the local snapshot."]
    );
}

#[test]
fn a_table_under_a_labelled_decision_spells_it_out() {
    let kb = load();
    // `**Decision**: Cap how long each kind of series is kept.` over `| Series | Kept for | Why
    // |`: the rows are that decision's parts (each had been a decision of its own). A table
    // with a `Decision` column in a section of its own still decides row by row, and so does
    // a table after a list of decisions whose last item is labelled: it is the section's own.
    assert_eq!(
        decision_texts(document(&kb, "decisions-limits.md")),
        [
            "Decision: Cap how long each kind of series is kept.",
            "node_exporter: keep on every host",
            "snmp_exporter: replace with telegraf",
            "Decision: the metrics VM moves to node two.",
            "mon1 — scraper"
        ]
    );
}

#[test]
fn a_label_that_describes_after_a_decision_heads_one_of_its_parts() {
    let kb = load();
    // After `**Decision:** …`, `**Evidence — both other targets were measured and ruled out:**`
    // and `**Constraints written into the timer:**` describe the decision's evidence and
    // terms: their items had been decisions (a label naming a topic, `**Backend**:`, still
    // heads decisions beside the record's).
    assert_eq!(
        decision_texts(document(&kb, "decisionLog-described-parts.md")),
        ["Decision: The library goes to a Borg server at a friend's house, over WireGuard."]
    );
    let (_, offsite) = decision(&kb, "The library goes to a Borg server");
    assert_eq!(field(offsite, "constraints written into the timer").map(|v| v.starts_with("One run")), Some(true));
}

#[test]
fn the_prose_after_an_entrys_labelled_decision_tells_of_it() {
    let kb = load();
    // Under `## 2026-08-16 — …`, after `**Decision:** …`, a bold opening sentence about the
    // setup, `Evidence (measured, not assumed): …` and `Still open: …` are notes on that
    // decision, its details: each had been a decision of its own. A bold sentence that
    // decides (`**We also retire …**`), a topic's label (`DNS: …`), a list after it and a
    // line that switches something may be more decisions (reviews of the first versions
    // found plain lines like `- Keep Authelia in front` lost). Under `**Decision:** Three
    // changes to the on-call rota, …`, the table's rows are those changes.
    assert_eq!(
        decision_texts(document(&kb, "decisionLog-prose-records.md")),
        [
            "Decision: Internal services trust one private CA on the Pi, and their certificates last thirty days.",
            "We also retire the self-signed bundle on the old wiki host. Nobody reads that wiki now.",
            "DNS: clients resolve the CA's name through the Pi-hole.",
            "The printer must stay on plain HTTP. Its firmware cannot take a certificate.",
            "Renewal runs at 03:00 on every host.",
            "A renewal that fails twice pages the owner.",
            "Switched the NAS from its vendor certificate to one from the private CA.",
            "Decision: Three changes to the on-call rota, agreed with Sam.",
            "Pages wait five minutes before escalating",
            "Weekends rotate monthly"
        ]
    );
}

#[test]
fn a_chinese_log_title_naming_a_fix_is_work_done() {
    let kb = load();
    // `[2026-02-03] 修复备份任务在夜间超时的问题` (fix the nightly backup timing out) reports
    // work as `Fix the nested table warning` does in English; a fix that goes on to switch
    // (`…，改用 Prometheus 的推送网关`) still decides, and so does `改用 …` alone; a choosing
    // word inside the bug named (`修复关闭按钮无响应的问题`, the close button) chooses nothing.
    assert_eq!(
        decision_texts(document(&kb, "decisionLog-xiufu.md")),
        [
            "[2026-02-04] 修复监控面板不刷新，改用 Prometheus 的推送网关",
            "[2026-02-05] 改用 ZFS 快照代替 rsync 增量备份"
        ]
    );
}

#[test]
fn a_creative_phase_decides_in_its_recommended_approach() {
    let kb = load();
    let listed = decisions_in(&kb, "creative-backup-target.md");
    assert_eq!(
        listed,
        ["27 Option 2: an offsite Proxmox Backup Server, reached over the existing WireGuard link."],
        "options, requirements and steps are no decisions"
    );
}

#[test]
fn a_decision_table_lists_a_decision_per_row() {
    let kb = load();
    assert_eq!(
        decisions_in(&kb, "stack.md"),
        ["7 Reverse proxy: Traefik", "8 Backups: restic to the NAS", "14 Set zfs_arc_max=8G on the NAS"]
    );
    let (_, traefik) = decision(&kb, "Reverse proxy: Traefik");
    assert_eq!(traefik.block, kb::Block::TableRow);
    assert_eq!(field(traefik, "rationale"), Some("Finds containers by label"));
    let (_, arc) = decision(&kb, "zfs_arc_max");
    assert_eq!(arc.date.map(|d| d.to_string()).as_deref(), Some("2025-01-10"));
    assert_eq!(field(arc, "rationale"), Some("The VMs need the memory back"));
    assert_eq!(arc.code().collect::<Vec<_>>(), ["zfs_arc_max=8G"]);
    let settings: Vec<_> = arc.settings().into_iter().map(|s| format!("{}={}", s.key, s.value)).collect();
    assert_eq!(settings, ["zfs_arc_max=8G"]);
    // A table that is no decision is read all the same, a row an item, for `--all` and search.
    let versions: Vec<_> = kb
        .items()
        .filter(|(doc, i)| file(doc) == "stack.md" && i.kind != Kind::Decision)
        .map(|(_, i)| i.text.to_string())
        .collect();
    assert_eq!(versions, ["Proxmox VE — 9.0", "Samba — 4.19"]);
}

#[test]
fn a_rejected_or_proposed_record_is_no_decision() {
    let kb = load();
    assert_eq!(decisions_in(&kb, "0005-consul-for-discovery.md"), Vec::<String>::new(), "rejected");
    assert_eq!(decisions_in(&kb, "0006-nightly-scrub.md"), Vec::<String>::new(), "proposed");
    // Still read: the statement keeps its fields, and `--all` and search have it.
    let consul: Vec<_> = kb.items().filter(|(_, i)| i.text.starts_with("Run a three-node Consul")).collect();
    assert_eq!(consul.len(), 1);
    assert!(field(consul[0].1, "status").is_some_and(|s| s.starts_with("Rejected")));
    // Proposed first and accepted since: a decision.
    assert_eq!(
        decisions_in(&kb, "0008-restic-retention.md"),
        ["11 Prune with restic forget --keep-daily 14 after every backup."]
    );
}

#[test]
fn a_record_that_says_it_was_superseded_is_superseded() {
    let kb = load();
    let (_, nfs) = decision(&kb, "Export the backup dataset over NFS");
    assert_eq!(nfs.status, kb::Status::Superseded);
    // Its status links the ADR that replaced it: that file's one decision is its successor.
    let (_, quota) = decision(&kb, "Set refquota=1T on every Time Machine dataset");
    let (d, i) = nfs.superseded_by.expect("the linked ADR's decision");
    assert_eq!(kb.documents[d].items[i].id, quota.id);
    // The listing says the same, in the table and in JSON, and `--active` leaves it out.
    let env = TestEnvironment::in_dir(fixture("realbanks"));
    let json = env.run(["decisions", "--json"]).json();
    let listed = json.as_array().unwrap().iter().find(|d| d["text"].as_str().unwrap().contains("over NFS")).unwrap();
    assert_eq!(listed["status"], "superseded");
    assert_eq!(listed["superseded_by"], quota.id.to_string());
    let active = env.run(["decisions", "--active", "--json"]).json();
    assert!(active.as_array().unwrap().iter().all(|d| !d["text"].as_str().unwrap().contains("over NFS")));
    assert!(!env.run(["decisions", "--active"]).stdout.contains("over NFS"));
    let table = env.run(["decisions"]);
    assert!(table.stdout.contains("(superseded by memory-bank/0004-time-machine-refquota.md:18)"), "{table}");
    // A status that says so in prose only, or links no file of the bank, names no successor.
    let env = TestEnvironment::new();
    env.write(
        "memory-bank/0001-a.md",
        "# 1. A\n\n## Status\n\nSuperseded by [the wiki](https://example.com/adr/2.md)\n\n## Decision\n\nUse A.\n",
    );
    let json = env.run(["decisions", "--json"]).json();
    assert_eq!(json[0]["status"], "superseded");
    assert_eq!(json[0]["superseded_by"], serde_json::Value::Null);
}

#[test]
fn labels_people_qualify_translate_or_join_are_read_as_fields() {
    let kb = load();
    let (_, restic) = decision(&kb, "Keep the restic repository on the second pool");
    assert_eq!(
        field(restic, "rationale"),
        Some("The first pool is nearly full; The second pool has its own scrub window"),
        "a `Rationale:` ending the decision's paragraph heads the list after it"
    );
    let (_, renew) = decision(&kb, "Renew the wiki certificate");
    assert_eq!(
        field(renew, "context"),
        Some("The old certificate expired over a weekend.; Nobody watched the renewal cron job.")
    );
    let (_, caddy) = decision(&kb, "Put Caddy in front of the wiki");
    assert!(caddy.fields.is_empty(), "the leading `Design Decision:` is no field: {:?}", caddy.fields);
    let (_, redis) = decision(&kb, "Usar Redis");
    assert_eq!(field(redis, "rationale"), Some("O Redis já roda ali para as filas"));
    assert_eq!(field(redis, "alternatives"), Some("Memcached, tabela no PostgreSQL"));
    assert_eq!(field(redis, "consequences"), Some("Um serviço a mais para monitorar"));

    // What a careful reader does not list: a colon-ended decision's steps, a table of
    // contents, a status led by its state, decisions still open, a decision tree.
    let log = document(&kb, "ops-log.md");
    let kind_of = |needle: &str| log.items.iter().find(|i| i.text.contains(needle)).map(|i| i.kind).unwrap();
    for needle in [
        "Snapshot every dataset hourly",
        "Backup service split",
        "COMPLETED: The boot mirror",
        "Which VPN",
        "Is the service stateful?",
        "Serve the status dashboard",
    ] {
        assert_eq!(kind_of(needle), Kind::Other, "{needle}");
    }
    let russian = document(&kb, "reshenija.md");
    let kinds: Vec<Kind> = russian.items.iter().map(|i| i.kind).collect();
    assert_eq!(kinds, [Kind::Decision, Kind::Decision, Kind::NextStep]);
}

#[test]
fn kind_labels_intro_updates_and_adr_dates_read_as_a_reader_would() {
    let kb = load();
    let notes = document(&kb, "session-notes.md");
    let kind_of = |needle: &str| notes.items.iter().find(|i| i.text.contains(needle)).map(|i| i.kind).unwrap();
    // A bold label naming a kind over sub-items is a heading in disguise.
    assert_eq!(kind_of("behind Caddy instead of nginx"), Kind::Decision);
    assert_eq!(kind_of("Move the Jellyfin library"), Kind::NextStep);
    assert_eq!(kind_of("Decisions:"), Kind::Other, "the label itself is no decision");
    assert_eq!(kind_of("Which GPU"), Kind::Other, "decisions still unresolved");
    assert_eq!(kind_of("registers itself in Consul"), Kind::Other, "one pattern named is no list of patterns");

    // The timestamped lines under a template's intro log the file's updates: no entry, and
    // (two of them: the file changed after it began) no date.
    let (_, postgres) = decision(&kb, "Use PostgreSQL for the inventory service");
    assert_eq!(postgres.date, None);
    // An ADR's `**Date:**` line dates the decision its `### Decision` section states.
    let (_, caddy) = decision(&kb, "Serve every internal web service through Caddy");
    assert_eq!(caddy.date.map(|d| d.to_string()).as_deref(), Some("2025-06-02"));
    assert_eq!(field(caddy, "status"), Some("Accepted"));
}

#[test]
fn a_decision_in_prose_or_under_an_adr_heading_is_one_and_a_bare_list_is_one_per_item() {
    let kb = load();
    let adrs = document(&kb, "adr-list.md");
    let dated: Vec<(Option<String>, &str)> = adrs
        .items
        .iter()
        .filter(|i| i.kind == Kind::Decision)
        .map(|i| (i.date.map(|d| d.to_string()), i.text.as_str()))
        .collect();
    let date = |d: &str| Some(d.to_string());
    assert_eq!(
        dated,
        [
            (date("2025-06-02"), "Serve every internal web service through Caddy."),
            // The paragraphs and the list after the first paragraph are its details.
            (date("2025-06-20"), "Each site backs up to a restic repository of its own on the NAS."),
            // A list under an ADR heading spells out the decision the heading states.
            (date("2025-07-09"), "Split metrics from alert delivery"),
            // Under a heading that states none, each item of a list is a decision, dated by
            // the record — with a record's number too: `ADR-012: Log shipping stack` names a
            // topic (round 279: the readers list each item of such a list, never the title).
            (date("2025-07-21"), "Disk alerts fire at 85 % full, not 90 %."),
            (date("2025-07-21"), "A failed backup pages the on-call engineer at once."),
            (date("2025-08-04"), "Shipper: Vector on every host"),
            (date("2025-08-04"), "Store: Loki on the NAS, 30 days kept"),
        ]
    );
    let (_, split) = decision(&kb, "Split metrics from alert delivery");
    assert!(field(split, "details").is_some_and(|d| d.contains("nothing pushes metrics")));
    let (_, restic) = decision(&kb, "restic repository of its own");
    assert!(
        field(restic, "details").is_some_and(|d| d.contains("read-only for a year") && d.contains("restic/<site>"))
    );
}

#[test]
fn template_text_left_in_place_is_never_a_decision() {
    let kb = load();
    assert_eq!(
        decision_texts(document(&kb, "template-leftovers.md")),
        ["Back up the hypervisors' configuration to the NAS every night."]
    );
}

#[test]
fn log_lines_read_past_their_marks_and_stamps() {
    let kb = load();
    // A closing parenthetical dates its line past a mark and a dash.
    let (_, unbound) = decision(&kb, "Use Unbound as the resolver");
    assert_eq!(unbound.date.map(|d| d.to_string()).as_deref(), Some("2025-05-07"));
    // A bug fixed is a change, even in a decision section.
    let log = document(&kb, "ops-log.md");
    let fixed = log.items.iter().find(|i| i.text.starts_with("Fixed the resolver crash")).unwrap();
    assert_eq!(fixed.kind, Kind::Change);
    // An adoption after a timestamp is a decision.
    let (_, arc) = decision(&kb, "Decided to keep the ZFS ARC");
    assert_eq!(arc.date.map(|d| d.to_string()).as_deref(), Some("2025-09-02"));
}

#[test]
fn an_option_marked_selected_is_the_decision() {
    let kb = load();
    assert_eq!(decision_texts(document(&kb, "creative-dns.md")), ["Option B: Unbound on the site gateways"]);
}

#[test]
fn a_plain_line_naming_a_kind_heads_the_list_after_it() {
    let kb = load();
    let doc = document(&kb, "plain-labels.md");
    let kinds: Vec<Kind> = doc.items.iter().map(|i| i.kind).collect();
    assert_eq!(kinds, [Kind::Decision, Kind::Decision, Kind::NextStep]);
}

#[test]
fn a_heading_over_only_fields_is_the_decision_they_support() {
    let kb = load();
    let doc = document(&kb, "key-decisions.md");
    assert_eq!(
        decision_texts(doc),
        ["PostgreSQL for the inventory database", "Redis for sessions", "Use NATS for the job queue."]
    );
    let (_, postgres) = decision(&kb, "PostgreSQL for the inventory database");
    assert_eq!(field(postgres, "rationale"), Some("The team already runs it for two other services."));
    assert_eq!(field(postgres, "consequences"), Some("One more database to back up."));
    // Outside a decision section a heading over fields is no decision.
    let ingest = doc.items.iter().find(|i| i.text.contains("API gateway")).unwrap();
    assert_eq!(ingest.kind, Kind::Other);
    assert!(!doc.items.iter().any(|i| i.text.as_str() == "Ingest path"));
}

#[test]
fn every_label_inside_a_record_is_one_of_its_fields() {
    let kb = load();
    let doc = document(&kb, "record-labels.md");
    assert_eq!(
        decision_texts(doc),
        [
            // A `Decision` line among the labelled lines of one paragraph is the decision; the
            // label on the line after it heads the list below, and is no part of its text.
            "Decision: Start the weekly prune at 06:00 on Sunday, after the scrub ends.",
            "Decision: Every web service sits behind Caddy on the edge host.",
            "决策: 告警只发到值班群，不发邮件",
            "Karar: Yedekler her gece NAS'a alınır.",
            "Принятый компромисс: выгружать по одному листу за раз.",
            // The whole label on the last line goes, however many words it has.
            "Decision: Scrubs run on Saturday morning.",
            "最终决定: 告警改发到值班群",
            "การตัดสินใจ: สำรองข้อมูลทุกคืนไปที่ NAS",
        ]
    );
    let (_, prune) = decision(&kb, "Start the weekly prune");
    assert_eq!(prune.date.map(|d| d.to_string()).as_deref(), Some("2025-03-04"));
    assert_eq!(field(prune, "title"), Some("Prunes run after the Sunday scrub"));
    let field_of = |needle: &str| {
        let item = doc.items.iter().find(|i| i.text.contains(needle)).unwrap();
        item.field.as_deref().unwrap_or_else(|| panic!("{needle:?} has no field"))
    };
    // A heading naming a record's part: what was looked at is context.
    assert_eq!(field_of("Read the restic logs"), "context");
    // Labels mb has no name for are fields named by their label, after the decision …
    assert_eq!(field_of("Saturday night"), "alternatives");
    assert_eq!(field_of("still overlaps"), "known risks & checks");
    assert_eq!(field_of("second edge host"), "notes");
    assert_eq!(field_of("platform."), "owning team");
    // … and just before its `Decision:`.
    assert_eq!(field_of("Came up while moving"), "context");
    // A label in a script without case ends the decision's paragraph and heads the list.
    assert_eq!(field_of("邮件经常被忽略"), "rationale");
    // Chinese names for a record's parts.
    assert_eq!(field_of("夜里的告警邮件没人看"), "context");
    assert_eq!(field_of("费用太高"), "alternatives");
    assert_eq!(field_of("值班表需要每周更新"), "consequences");
}

#[test]
fn a_decision_stated_before_its_details_keeps_them_as_details() {
    let kb = load();
    let doc = document(&kb, "decision-lines.md");
    assert_eq!(
        decision_texts(doc),
        [
            // The bold line under `## Decision` is the decision, not a pseudo-heading.
            "Traefik as the ingress controller",
            // An adoption ending in a colon is the decision, its list its details.
            "[2025-10-02 08:30:00] - Decided to rebuild the backup schedule, including:",
            "[2025-10-03 09:00:00] - 决定使用 Loki 收集日志，包括：",
            // `Decision:` alone on its line heads the list of decisions below it.
            "Valkey replaces Redis for sessions.",
            "Sessions expire after a day.",
            // A bold label over sub-items (`- **Collector tier**:`) names what they are
            // about: no decision of its own.
            "[2025-10-05 10:00:00] - Decided to split monitoring into a collector tier and a storage tier.",
        ]
    );
    let (_, traefik) = decision(&kb, "Traefik as the ingress controller");
    assert!(field(traefik, "details").is_some_and(|d| d.contains("DaemonSet")));
    assert_eq!(field(traefik, "rationale"), Some("It reads the Kubernetes CRDs we already write."));
}

#[test]
fn adoption_is_read_in_turkish_and_russian() {
    let kb = load();
    assert_eq!(
        decision_texts(document(&kb, "notes-languages.md")),
        [
            "Yedekler için restic seçildi.",
            "Kullanıcı NAS için ZFS aynalı havuz yaklaşımını onayladı.",
            "Решили перенести DNS на Unbound."
        ],
        "`Решено (частично):` reports a problem solved; an approval names what was approved"
    );
}

#[test]
fn sections_about_decisions_and_templates_record_none() {
    let kb = load();
    assert_eq!(
        decision_texts(document(&kb, "meta-sections.md")),
        [
            // A Turkish decision section.
            "Yedekler restic ile alınır.",
            // A heading that decides to fix something stays a decision.
            "Fix the certificate renewal on the edge host",
            // (`How to …` that is no record's: `How to handle the slow sync`.)
            "Decided to batch sync writes every five seconds",
        ],
        "a legend, how to add an ADR, the decisions still to write down and those still to take \
         (in a subsection, too), how decisions are documented, how to create an ADR and what to document for each (in Portuguese too) are none"
    );
    assert_eq!(decision_texts(document(&kb, "decisions.template.md")), Vec::<&str>::new());
}

#[test]
fn a_section_of_decisions_and_considerations_splits_where_its_subsections_say() {
    let kb = load();
    let doc = document(&kb, "active-split.md");
    assert_eq!(decision_texts(doc), ["Keep the monitoring stack on the NAS."]);
}

#[test]
fn a_label_ending_in_a_colon_heads_the_list_after_it() {
    let kb = load();
    let doc = document(&kb, "decisionLog-colons.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Decision: Ship the logs with Vector, in three stages:",
            // Turkish labels: `Tarih` dates the record, `Karar` states it.
            "Karar: Yedekler iki gruba bölünür.",
            "Technology Choice: Grafana Alloy for metrics, not Telegraf.",
        ],
        "decisions still to take and a review schedule are none"
    );
    let (_, vector) = decision(&kb, "Ship the logs with Vector");
    assert!(field(vector, "details").is_some_and(|d| d.contains("Aggregate on the NAS")));
    assert!(field(vector, "implementation").is_some_and(|d| d.contains("vector_aggregator")));
    let (_, karar) = decision(&kb, "Yedekler iki gruba");
    assert_eq!(karar.date.map(|d| d.to_string()).as_deref(), Some("2025-12-01"));
    assert_eq!(field(karar, "alternatives"), Some("Daha hızlı disk almak."));
}

#[test]
fn every_subsection_of_an_adr_is_a_part_of_it() {
    let kb = load();
    let doc = document(&kb, "adr-sections.md");
    // The statement under `### Decision` is the decision even when it ends in a colon and
    // its stores are spelled out below; `### Architecture`, the bold questions under
    // `### Rationale` and the `**Positive:**` / `**Negative:**` consequences are its parts.
    // `Выбран …` (was chosen) is an adoption.
    assert_eq!(
        decision_texts(doc),
        ["We will split the telemetry store:", "Выбран следующий стек для сервиса метрик:"]
    );
    let (_, split) = decision(&kb, "We will split the telemetry store");
    assert_eq!(split.date.map(|d| d.to_string()).as_deref(), Some("2025-10-14"));
    assert_eq!(field(split, "title"), Some("Split telemetry storage"));
    assert!(field(split, "rationale").is_some_and(|r| r.contains("Continuous aggregates")), "{:?}", split.fields);
    assert_eq!(field(split, "negative"), Some("Two systems to back up"));
    assert!(field(split, "details").is_some_and(|d| d.contains("Written once")), "{:?}", split.fields);
    let field_of = |needle: &str| {
        let item = doc.items.iter().find(|i| i.text.contains(needle)).unwrap();
        item.field.as_deref().unwrap_or_else(|| panic!("{needle:?} has no field"))
    };
    // A label met again inside the ADR (`**Analysis:**` in the rationale after the
    // context's) is one more line of it, not a new record.
    assert_eq!(field_of("40 TB free"), "context");
    assert_eq!(field_of("Architecture"), "architecture");
}

#[test]
fn an_address_under_a_label_is_no_decision() {
    let kb = load();
    // `Wiki ADR index: https://…` says where the records are, not what was decided.
    assert_eq!(decision_texts(document(&kb, "decisions-index.md")), ["Backups run with restic to the NAS."]);
}

#[test]
fn a_dated_line_before_the_entries_and_a_bare_decision_label_over_a_list() {
    let kb = load();
    let doc = document(&kb, "decision-journal.md");
    let listed: Vec<String> = doc
        .items
        .iter()
        .filter(|i| i.kind == Kind::Decision)
        .map(|i| format!("{} {}", i.date.map_or_else(|| "-".to_string(), |d| d.to_string()), i.text))
        .collect();
    // A bold date opening a line above the file's first dated heading makes that line an entry
    // of its own, of the kind the title names (决策日志, decision log) — and never the name of a
    // field of the record before it. A `Date:` line after the decision's own line dates it, a
    // field of its record.
    // A bare `Decision:` over a list hands the decision to what it lists (the `Build:` label's
    // part included); a labelled part (`Impact:`) stays a field.
    assert_eq!(
        listed,
        [
            "2025-03-02 2025-03-02: 决定使用 Caddy 作为反向代理。",
            "2025-03-04 2025-03-04: [已决定] 备份改为每晚两次。理由：恢复点需要更短。",
            "2025-03-05 Decision: Keep the NAS snapshots for thirty days.",
            "2025-03-06 2025-03-06: [已决定] 决定把监控迁移到 Prometheus。",
            "2025-03-10 Follow the integration the list library documents.",
            "2025-03-10 Forward refs: each row hands its ref to the table row.",
            "2025-03-10 Render every row through one shared row component.",
        ]
    );
    let (_, refs) = decision(&kb, "each row hands its ref");
    assert_eq!(field(refs, "context"), Some("The virtual list puts divs inside the table body."));
    assert_eq!(field(refs, "outcome"), Some("Rendering stays virtual."));
    // The record's fields point at the first decision of the list.
    let (_, first) = decision(&kb, "Follow the integration");
    let problem = doc.items.iter().find(|i| i.text.starts_with("Problem:")).unwrap();
    assert_eq!(problem.record.map(|r| doc.items[r].id), Some(first.id));
}

#[test]
fn a_switch_from_one_thing_to_another_is_a_decision() {
    let kb = load();
    // What replaced what, in a list of changes, in English, Chinese (the verb up front),
    // Japanese and German; work done and what a user does are not.
    assert_eq!(
        decisions_in(&kb, "recent-switches.md"),
        [
            "5 Switched the site VPN from OpenVPN to WireGuard.",
            "6 Grafana dashboards now load from git, replacing the hand-made ones.",
            "8 Migrated the job queue to Redis.",
            "9 Using restic instead of Borg for the offsite copy.",
            "10 监控改用 Prometheus。",
            "12 ZFS のスナップショット管理を sanoid に移行。",
            "13 Die Backups wurden auf restic umgestellt.",
        ]
    );
}

#[test]
fn a_paragraph_carrying_its_own_fields_is_a_record_of_its_own() {
    let kb = load();
    let doc = document(&kb, "decisionLog-paragraphs.md");
    // Each blank-line-separated `**Topic**: choice` paragraph with its `**Rationale**:` lines
    // is one decision: before, the first took the others in as its details and fields.
    let opening: Vec<&str> = decision_texts(doc).iter().map(|t| t.split(" Rationale:").next().unwrap()).collect();
    assert_eq!(
        opening,
        [
            "Backup Target: Send nightly snapshots to the offsite box with zrepl",
            "Reverse Proxy: Run HAProxy on both edge hosts",
            "Monitoring Decision: Run Prometheus on the management VM",
            "Log Shipping: Forward journald to Loki with Vector",
        ]
    );
    let (_, proxy) = decision(&kb, "Run HAProxy on both");
    assert_eq!(field(proxy, "rationale"), Some("It fails over with keepalived and health-checks every backend"));
    // A two-word label is one label: `Implementation` is no part of the rationale.
    assert_eq!(field(proxy, "implementation"), Some("haproxy.cfg lives in roles/edge/templates"));
    let (_, shipping) = decision(&kb, "Forward journald");
    assert_eq!(field(shipping, "rationale"), Some("One small binary per host and no Java"));

    // A task written as such a paragraph, its last line a bold label over a list: the
    // task is dated by its own timestamp and the list is its summary, not a decision.
    let tasks = document(&kb, "progress.md");
    assert!(decision_texts(tasks).is_empty(), "{:?}", decision_texts(tasks));
    let task = tasks.items.iter().find(|i| i.text.starts_with("Task: Move the DNS zone")).unwrap();
    assert_eq!(task.date.map(|d| d.to_string()).as_deref(), Some("2026-02-10"));
    assert_eq!(
        field(task, "summary"),
        Some("Replaced dnsmasq with Knot Resolver on both resolvers.; Updated the zone files.")
    );
    assert_eq!(
        task.text.as_str(),
        "Task: Move the DNS zone to the new resolver. Timestamp: 2026-02-10T09:00:00+01:00 Status: COMPLETED"
    );
}

#[test]
fn a_labelled_part_of_a_record_holds_the_list_under_it() {
    let kb = load();
    let doc = document(&kb, "adr-sources.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Decision: Pin proxmox-kernel-6.5 on every node until the driver is fixed upstream.",
            "Decision: Set vm.swappiness to 1 on every Proxmox node.",
        ]
    );
    let (_, pin) = decision(&kb, "Pin proxmox-kernel-6.5");
    // A label with a qualifier in brackets is still a short label.
    assert_eq!(
        field(pin, "sources (checked 2026-04-14)"),
        Some("Forum thread on the igb regression; The 6.8.4 release notes")
    );
    // The next labelled paragraph ends the list's field and is a field of its own.
    assert_eq!(
        field(pin, "measured values"),
        Some("pve1: the storage link flapped every 40 minutes on 6.8; pve2: no flaps in a week on 6.5")
    );
    assert_eq!(field(pin, "caveat"), Some("Security fixes for 6.5 stop in June, so this must be revisited then."));
    assert_eq!(
        field(pin, "consequences"),
        Some("The nodes stay on 6.5 through the spring; The upgrade playbook skips the kernel package")
    );
}

#[test]
fn a_release_cut_the_bank_itself_and_an_aim_are_no_decisions() {
    let kb = load();
    let log = document(&kb, "release-log.md");
    assert_eq!(
        decision_texts(log),
        [
            "[2026-05-02 10:15:00] Use Renovate for image tag updates. Rationale: It opens one PR per image and groups patch releases.",
            // Writing the tool that cuts releases is a choice; cutting one is not.
            "[2026-05-03 08:05:00] Create a release script that tags and signs images. Rationale: Tagging by hand forgot the signature twice.",
        ]
    );
    let kind_of = |doc: &Document, start: &str| doc.items.iter().find(|i| i.text.contains(start)).unwrap().kind;
    assert_eq!(kind_of(log, "Create release 3.2.0"), Kind::Change);
    assert_eq!(kind_of(log, "Tagged v3.2.1"), Kind::Change);
    // Setting up the Memory Bank is about the bank, not the project.
    assert_eq!(kind_of(log, "Initialize Memory Bank"), Kind::Other);
    // Under "Decisions and Considerations", what is being ensured, balanced or evaluated is
    // no choice made.
    let focus = document(&kb, "focus.md");
    assert_eq!(
        decision_texts(focus),
        [
            "Host Groups: One group per site, nested under proxmox",
            // A decision ending `because:` is the decision, the items under it its reasons.
            "Internal CA: We decided to issue host certificates from step-ca rather than self-sign them, because:",
        ]
    );
    let (_, ca) = decision(&kb, "issue host certificates from step-ca");
    assert_eq!(
        field(ca, "rationale"),
        Some("Browsers trust one root instead of every host; Renewal runs from a systemd timer")
    );
}

#[test]
fn a_solution_heading_in_japanese_is_no_decisions_heading() {
    let kb = load();
    let doc = document(&kb, "productContext-ja.md");
    // 解決策 (a solution) holds 決策 (a decision), and 未決定 (undecided) holds 決定.
    assert_eq!(decision_texts(doc), ["通知は Matrix に送る"]);
}

#[test]
fn a_record_that_opens_with_its_fields_keeps_every_label_after_them() {
    let kb = load();
    let doc = document(&kb, "decisionLog-hypothesis.md");
    // `**Context**:` under an ADR's dated heading, then `**Hypothesis (…)**:` — a label that
    // names a kind — and `**Sources**:`: parts of the record, not decisions of the log.
    assert!(decision_texts(doc).is_empty(), "{:?}", decision_texts(doc));
    let field_of = |needle: &str| doc.items.iter().find(|i| i.text.contains(needle)).and_then(|i| i.field.as_deref());
    assert_eq!(field_of("resets the MTU"), Some("hypothesis (one node, two reboots)"));
    assert_eq!(field_of("release notes for 1.9.2"), Some("sources"));
}

#[test]
fn an_update_log_of_one_line_dates_nothing() {
    let kb = load();
    let doc = document(&kb, "decisionLog-created.md");
    // The template's one log line says when the file was made, not when the record under it
    // was decided (this log gained a record a week later and never a log line): the record
    // stays undated, as under a `Created:` stamp; a timestamped entry keeps its own day.
    assert_eq!(
        dated_decisions(doc),
        [" Prometheus for metrics", "2026-03-09 [2026-03-09 17:40:00] - Moved alerting to Alertmanager on the same VM",]
    );
    assert_eq!(doc.entries.len(), 2, "the log line opens no entry");
}

#[test]
fn a_task_archives_metadata_dates_the_whole_file() {
    let kb = load();
    // `## METADATA` with its `**Completion Date**:` (an entry of its own in this file of
    // entries), or `## Date Completed` over the day alone, says when the archived task was
    // done: the day of every undated decision in the file, not of that section's lines alone.
    // (The completion wins over the `**Start Date**:`.)
    assert_eq!(
        dated_decisions(document(&kb, "task-archive-metadata.md")),
        [
            "2026-02-12 Pull, not push: the NAS pulls over SSH with an append-only key, so a compromised host cannot delete its backups.",
            "2026-02-12 One restic repository per host: a broken repository takes one host's history with it, not all.",
        ]
    );
    assert_eq!(
        dated_decisions(document(&kb, "task-archive-completed.md")),
        ["2026-02-20 Two failed checks before paging: a scrub alone never pages."]
    );
}

#[test]
fn each_task_of_an_archive_takes_its_own_completion_day_and_a_plan_none() {
    let kb = load();
    // Tasks done on different days, each under its `### Date Completed`: each entry takes its
    // own day, and a task with none stays undated (the first day had dated them all).
    assert_eq!(
        dated_decisions(document(&kb, "task-archives-several.md")),
        [
            "2026-01-09 Two resolvers, one per node: a node reboot no longer takes DNS down.",
            "2026-02-12 Pull, not push: the NAS pulls the backups over SSH.",
            " IoT devices on their own VLAN: no route to the management network.",
        ]
    );
    // A plan's metadata gives a start and a target, no day the work was done.
    assert_eq!(
        dated_decisions(document(&kb, "plan-pve8.md")),
        [" Upgrade one node at a time: quorum holds with two of three."]
    );
    // A file that is one decision record was made the day it was decided: its `Created:`
    // dates it.
    assert_eq!(
        dated_decisions(document(&kb, "adr-012-created.md")),
        ["2025-03-14 We use Caddy with the internal step-ca for every lab service."]
    );
}

#[test]
fn a_log_line_glued_under_a_list_keeps_its_label_over_the_list_after_it() {
    let kb = load();
    // Roo records written with no blank lines: a stamped `**Decision:**` line right under a
    // list item continues that item in Markdown, and mb splits it off as a paragraph of its
    // own. Its last line, `**Implementation Details:**`, heads the list after it (the list
    // items had been decisions of their own).
    let doc = document(&kb, "decisionLog-glued.md");
    assert_eq!(
        decision_texts(doc).iter().map(|t| t.split(" Rationale:").next().unwrap_or(t)).collect::<Vec<_>>(),
        [
            "[2026-03-01 09:00:00] - Decision: Back up every host to the backup VM.",
            "[2026-03-01 10:00:00] - Decision: Keep the borg repository on the backup VM.",
            "[2026-03-02 11:00:00] - Decision: The backup timer runs at 02:00.",
        ]
    );
    let field_of = |needle: &str| doc.items.iter().find(|i| i.text.contains(needle)).and_then(|i| i.field.as_deref());
    assert_eq!(field_of("Runs from a systemd timer"), Some("implementation"));
}

#[test]
fn a_decision_label_over_an_error_fixed_and_not_how_is_work_done() {
    let kb = load();
    // `Decision: Resolved the … error` (after a stamp, or in a list) reports a fix; how it was
    // fixed (`… by raising the proxy timeout`, `… instead of silencing them`, `… at 1420`), or
    // a rule for every one, is a choice.
    assert_eq!(
        dated_decisions(document(&kb, "decisionLog-resolved.md")),
        [
            "2026-03-05 Decision: Fixed the flapping alerts instead of silencing them.",
            "2026-03-05 Decision: Resolved every lint error before tagging a release.",
            "2026-03-05 Decision: Fixed the WireGuard MTU at 1420 to stop fragmentation issues.",
            "2026-03-04 [2026-03-04 10:00:00] - Decision: Resolved the 502 errors by raising the proxy timeout to 120 s.",
            // (In Chinese and Russian as in English: how it was fixed, `改用 UTF-8`, switched
            // to UTF-8; `с помощью опции hard`, with the hard option.)
            "2026-03-06 决策：修复了导入错误，改用 UTF-8 读取所有文件。",
            "2026-03-06 Решение: Устранена проблема с таймаутами NFS с помощью опции hard.",
        ]
    );
}

#[test]
fn a_solution_after_a_problem_label_is_no_decision() {
    let kb = load();
    // `**Проблема:**` (problem) over the error, `**Причина:**` (cause), then `**Решение:**` —
    // the Russian word is both "decision" and "solution" — over what was changed: the
    // problem's solution, work done, even under `### Проблемы и решения` (problems and
    // solutions), which names decisions.
    let doc = document(&kb, "razrabotka-log.md");
    // (A second `**Решение:**` with no problem of its own before it decides again.)
    assert_eq!(decision_texts(doc), ["Мониторинг переводим на VictoriaMetrics вместо Prometheus"]);
    let fix = doc.items.iter().find(|i| i.text.starts_with("Обновлен Dockerfile")).unwrap();
    assert_eq!(fix.field.as_deref(), Some("solution"));
}

#[test]
fn a_decision_left_blank_with_an_ellipsis_is_a_templates() {
    let kb = load();
    // `- Decision: ...` and a stamped `Decision: ... Author: ... Rationale: ...` are a
    // template's blanks.
    assert_eq!(
        decision_texts(document(&kb, "decisionLog-blanks.md")),
        ["[2026-03-02] Decision: Keep the lab DNS on Technitium. Author: sam"]
    );
}

#[test]
fn a_files_update_log_above_its_sections_is_no_entry_in_any_language() {
    let kb = load();
    // Bare `YYYY-MM-DD HH:MM:SS - …` lines between the title and the first section heading
    // log the file's own edits: they are no decisions, open no entry and, several of them,
    // date nothing.
    let updates = document(&kb, "decisionLog-updates.md");
    assert_eq!(decision_texts(updates), ["Unbound answers DNS on every VLAN."]);
    let russian = document(&kb, "reshenija-log.md");
    assert_eq!(decision_texts(russian), ["Снимки ZFS каждую ночь уходят на NAS."]);
    for doc in [updates, russian] {
        assert!(doc.items.iter().filter(|i| i.kind == Kind::Decision).all(|i| i.date.is_none()));
        assert_eq!(doc.entries.len(), 1, "{:?}", doc.entries.iter().map(|e| &e.title).collect::<Vec<_>>());
    }
    // The template's intro sentence, in Russian too, is boilerplate.
    let intro = russian.items.iter().find(|i| i.text.starts_with("Этот файл")).unwrap();
    assert_eq!(intro.kind, Kind::Other);
}

#[test]
fn record_labels_in_portuguese_russian_and_chinese_and_with_qualifiers() {
    let kb = load();
    let (_, traefik) = decision(&kb, "Traefik em vez de Nginx");
    assert_eq!(field(traefik, "rationale"), Some("Certificados automáticos e rótulos do Docker"));
    assert_eq!(field(traefik, "pros"), Some("Nenhum arquivo de configuração por serviço"));
    // A qualifier in brackets leaves a label what it is, however long it makes it in bytes.
    let disks = document(&kb, "decisionLog-ru.md");
    assert_eq!(decision_texts(disks), ["Решение: smartd проверяет диски каждую ночь и пишет в Matrix"]);
    let (_, smartd) = decision(&kb, "smartd проверяет диски");
    assert_eq!(
        field(smartd, "alternatives"),
        Some("Scrutiny — ещё один контейнер, который надо обновлять; Проверка вручную — про неё забывают")
    );
    assert_eq!(field(smartd, "rationale"), Some("smartd уже есть в образе Proxmox"));
    let (_, restic) = decision(&kb, "统一用 restic");
    assert_eq!(field(restic, "context"), Some("以前每台主机各用各的脚本，失败了也没人知道。"));
    assert_eq!(field(restic, "pros"), Some("一个仓库就能看到所有快照; 失败会在 Prometheus 里报警"));
}

#[test]
fn a_question_answered_in_place_is_a_decision() {
    let kb = load();
    let doc = document(&kb, "open-questions.md");
    // The answer given after the question mark is what was decided; a question still open,
    // or answered `pending`, is none. So is a point to settle, ticked and settled after a dash
    // (`- [x] Confirm … - **Decided**: …`); a ticked check with a finding after its dash is not.
    assert_eq!(
        decision_texts(doc),
        [
            "Which exporter should watch the UPS? (Decision: nut-exporter, scraped by the Prometheus we already run)",
            "Confirm the VLAN for the cameras - Decided: VLAN 40, no route to the LAN",
        ]
    );
}

#[test]
fn a_decision_heading_under_decisions_still_needed_is_none_until_its_status_says() {
    let kb = load();
    let doc = document(&kb, "decisions-needed.md");
    // `### DEC-4: …` under `## Decisions Needed`, weighing options with a recommendation, is a
    // choice still to make, and so is `### DEC-6`, whose status is `Open`; `### DEC-5: …` beside
    // them has a status that says it was taken. Under `## Decisions and Open Questions`, which
    // holds decisions beside its questions, a decision heading stays one, and an `Option` in a
    // decision heading's own title (`## Decision: Option to …`) leaves it one. Under `## CRITICAL
    // DECISIONS REQUIRED`, a `Recommended Approach` is a proposal, not the decision a creative
    // phase's log means by it.
    assert_eq!(
        decision_texts(doc),
        [
            "Keep VM disks on ZFS zvols",
            "Option pricing for the spare hardware budget",
            "Keep secrets in Vault",
            "Option to run Samba in an LXC",
        ]
    );
}

#[test]
fn a_banks_format_template_and_own_setup_are_no_decisions() {
    let kb = load();
    // Under a title about decisions, `## Format` describes the records (`**Decision**: The
    // choice, in one sentence`) and `## Template for New Decisions` shows how to add one: only the ADR
    // and the decisions about VM templates are decisions.
    assert_eq!(
        decision_texts(document(&kb, "adr-format.md")),
        [
            "Decision: Send nightly restic snapshots of the NAS datasets to the second site",
            "Build the Debian template with Packer"
        ]
    );
    // Creating the bank's own files records nothing the project chose.
    assert_eq!(
        decision_texts(document(&kb, "decisionLog-setup.md")),
        ["[2026-01-05 09:20:00] - Adopted restic for the offsite copies of the NAS datasets"]
    );
}

#[test]
fn a_label_over_sub_items_that_state_their_own_choices_only_groups_them() {
    let kb = load();
    let doc = document(&kb, "decision-phases.md");
    // `**Pilot phase:**` over `Decided to …` and `…ことを決定`: those sub-items are the
    // decisions, and the label groups them; a label over plain sub-items is still one decision
    // with them as its details, and so is a bold decision over the choice it explains.
    assert_eq!(
        decision_texts(doc),
        [
            "Decided to keep the Ceph pool off the pilot nodes.",
            "管理ネットワークを VLAN 20 に分けることを決定。",
            "Playbook layout:",
            "Use PostgreSQL for the inventory:",
        ]
    );
}

#[test]
fn what_a_decision_ending_in_a_colon_lists_under_its_label_is_its_details() {
    let kb = load();
    // `**Decision:**` over `Wrap every backup job … with:` and the parts it lists: one
    // decision, dated by its entry, with the record's other labels as its fields.
    let doc = document(&kb, "decisionLog-parts.md");
    // What `we settled on the following:` introduces under the label are decisions, each.
    assert_eq!(
        decision_texts(doc),
        [
            "Wrap every backup job in a systemd unit with:",
            "After the review we settled on the following:",
            "Keep VM disks on Ceph",
            "Move the cluster link to 25 GbE",
        ]
    );
    let (_, wrap) = decision(&kb, "Wrap every backup job");
    assert_eq!(wrap.date.map(|d| d.to_string()).as_deref(), Some("2026-02-20"));
    assert_eq!(field(wrap, "consequences"), Some("A failed job now pages someone."));
}

#[test]
fn a_table_with_a_decision_column_decides_wherever_it_sits() {
    let kb = load();
    let doc = document(&kb, "patterns-tables.md");
    // Under a patterns heading and under "Known Issues": each row's `Choice`/`Decision` cell
    // is a decision, dated by its date column; a row whose decision is `Pending` is none.
    assert_eq!(
        decision_texts(doc),
        ["One ZFS dataset per VM disk", "Backups overlapped the scrub: Move the scrub to Sunday 02:00"]
    );
    let (_, scrub) = decision(&kb, "Move the scrub to Sunday");
    assert_eq!(scrub.date.map(|d| d.to_string()).as_deref(), Some("2026-01-20"));
}

#[test]
fn a_fielded_paragraph_under_an_adrs_decision_heading_is_that_adrs_decision() {
    let kb = load();
    let doc = document(&kb, "adr-paragraph.md");
    // Not a record of its own beside the ADR: the ADR's heading is its title.
    assert_eq!(decision_texts(doc).len(), 1, "{:?}", decision_texts(doc));
    let (_, envoy) = decision(&kb, "Put Envoy in front");
    assert_eq!(field(envoy, "title"), Some("gRPC edge for the lab"));
    assert_eq!(field(envoy, "rationale"), Some("It speaks gRPC-web for the browser clients"));
    assert_eq!(field(envoy, "consequences"), Some("One more container on the edge host"));
}

#[test]
fn topic_headings_of_a_file_about_decisions_hold_decisions() {
    let kb = load();
    let doc = document(&kb, "lab-decisions.md");
    // `## Hypervisor` under `# Lab Decisions` names a topic, and what it says was decided;
    // candidates are still options.
    assert_eq!(
        decision_texts(doc),
        [
            "Every host runs Proxmox VE, so one backup tool and one API cover the fleet.",
            "Guest disks live on ZFS mirrors; the NAS gets a nightly replication of each pool.",
        ]
    );
}

#[test]
fn records_in_vietnamese_and_a_choice_still_to_make() {
    let kb = load();
    let doc = document(&kb, "quyet-dinh.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Quyết định: Gửi snapshot bằng zfs send/receive mỗi đêm sang máy dự phòng ở văn phòng hai.",
            "Quyết định: Đặt refquota 1T cho mỗi dataset Time Machine.",
        ]
    );
    let (_, offsite) = decision(&kb, "zfs send/receive mỗi đêm");
    assert_eq!(offsite.date.map(|d| d.to_string()).as_deref(), Some("2026-03-14"));
    assert_eq!(field(offsite, "context"), Some("NAS chỉ có snapshot tại chỗ, cháy phòng máy là mất hết."));
    assert_eq!(field(offsite, "rationale"), Some("Giữ nguyên lịch sử snapshot và quyền của từng dataset."));
    assert_eq!(field(offsite, "consequences"), Some("Máy dự phòng cần dung lượng ít nhất bằng NAS."));
    let (_, quota) = decision(&kb, "refquota 1T");
    assert_eq!(quota.date.map(|d| d.to_string()).as_deref(), Some("2026-03-20"));
    assert_eq!(field(quota, "status"), Some("Đã áp dụng trên cả hai NAS."));
    // `TBD - …` says the choice is still to make, under a decisions heading too.
    assert!(doc.items.iter().any(|i| i.text.starts_with("TBD - ") && i.kind != Kind::Decision));
}

#[test]
fn korean_headings_and_labels_name_their_kinds_and_fields() {
    let kb = load();
    let doc = document(&kb, "hwalseong-keonteukseuteu.md");
    // `중요한 결정 및 고려 사항` holds decisions (its question stays a question), `미결정 사항`
    // (undecided) holds none, and `결정` / `근거` / `대안` / `상태` are a record's labels. A
    // Turkish label qualified like `Architectural Decision` (`Mimari Karar`) states one too.
    assert_eq!(
        decision_texts(doc),
        [
            "오프사이트 백업은 restic으로 보낸다: 스냅샷만으로는 화재에 대비할 수 없다",
            "사이트 간 연결은 WireGuard 하나로 통일한다",
            "결정: 일일 스냅샷은 14일, 주간 스냅샷은 8주 보관한다",
            "Mimari Karar (Ağ): Tüm düğümler yönetim ağına WireGuard ile bağlanır.",
            "DNS는 Unbound로 통일한다",
        ]
    );
    // `## 주요 결정` (key decisions: Korean has no plural) heads a section of decisions, not a
    // record's Decision field gathering the sections above it; `결정론적` (deterministic)
    // names no decision.
    let (_, dns) = decision(&kb, "Unbound로 통일한다");
    assert!(dns.fields.is_empty(), "{:?}", dns.fields);
    let (_, retention) = decision(&kb, "주간 스냅샷은 8주");
    assert_eq!(retention.date.map(|d| d.to_string()).as_deref(), Some("2026-02-10"));
    assert_eq!(field(retention, "rationale"), Some("NAS 용량의 절반을 넘지 않는다"));
    assert_eq!(field(retention, "alternatives"), Some("30일 일일 보관"));
    assert_eq!(field(retention, "status"), Some("적용됨"));
    let kind_of = |needle: &str| doc.items.iter().find(|i| i.text.contains(needle)).map(|i| i.kind);
    assert_eq!(kind_of("ZFS 풀을 점검"), Some(Kind::Focus));
    assert_eq!(kind_of("Ansible 역할에 반영"), Some(Kind::NextStep));
    assert_eq!(kind_of("raw 모드로"), Some(Kind::Learning));
    assert_eq!(kind_of("컨테이너로 옮길지"), Some(Kind::Other));
}

#[test]
fn a_line_that_leaves_its_choice_open_is_no_decision() {
    let kb = load();
    let doc = document(&kb, "decisionLog-open.md");
    // Labelled as a question or a decision still to make, or proposing (`Consider …`), or
    // closing on a note that it is open (`(to be determined)`, `（待定）`): the rest of the
    // entry under its decisions heading is no decision.
    assert_eq!(
        decision_texts(doc),
        [
            "Decision: issue every internal certificate from step-ca on the edge host.",
            "Considering the renewal load, certificates are renewed by a systemd timer on each host.",
            "Workers run as systemd services, one per core",
        ]
    );
}

#[test]
fn the_list_under_a_decision_paragraph_spells_it_out() {
    let kb = load();
    let doc = document(&kb, "adr-spelled-out.md");
    // The list under `**Decision**: …` is that decision's details, not decisions of its own —
    // and it goes where the record goes: a `Proposed` record's list is no decision either.
    assert_eq!(decision_texts(doc), ["Decision: Restic to the NAS, with a weekly copy to B2"]);
    let (_, restic) = decision(&kb, "Restic to the NAS");
    assert_eq!(field(restic, "details"), Some("Snapshots every night at 02:00; Keep 14 daily and 8 weekly snapshots"));
    assert_eq!(field(restic, "rationale"), Some("Restic deduplicates, and B2 is off site."));
}

#[test]
fn the_stages_of_a_timeline_are_history_and_a_plan() {
    let kb = load();
    let doc = document(&kb, "evolution.md");
    // `Initial` / `Current` say what was and is; the stage that switched is the decision.
    // A stage with sub-items is still a stage, and what lies under it tells more of it; a
    // stage alone (`**Current**: Prometheus …`) is no timeline, and dates beside each other
    // (`**Started**: 2025-02-01`, `**Target**: 2025-03-01`) are a record's fields. A stage
    // names what it is a stage of too (`Initial Approach`, `Latest Refinement`), and a goal
    // is ahead whatever its stage word (`Current Goal`).
    assert_eq!(
        decision_texts(doc),
        [
            "Evolution: Switched to Traefik, which reads the Docker labels",
            "Current: Prometheus keeps 30 days of metrics",
            "Decision: every site goes behind Traefik",
        ]
    );
    let plans: Vec<&str> = doc.items.iter().filter(|i| i.kind == Kind::NextStep).map(|i| i.text.as_str()).collect();
    assert_eq!(
        plans,
        [
            "Future: certificates from step-ca instead of Let's Encrypt",
            "Target: a restore test every month",
            "Current Goal: single sign-on in front of every web UI",
        ]
    );
    let (_, traefik) = decision(&kb, "every site goes behind Traefik");
    assert_eq!(field(traefik, "started"), Some("2025-02-01"));
    assert_eq!(traefik.date.map(|d| d.to_string()).as_deref(), Some("2025-02-01"));
}

#[test]
fn decisions_a_heading_says_are_still_to_make_are_none() {
    let kb = load();
    let doc = document(&kb, "aktive-entscheidungen.md");
    // `(zu treffen)`, `to be made`: the options under such a heading are not chosen yet — and
    // a compound joined by a hyphen (`Netzwerk-Entscheidungen`) names decisions all the same.
    assert_eq!(
        decision_texts(doc),
        [
            "Alle VM-Disks liegen auf dem ZFS-Pool tank.",
            "Entscheidung: Die Proxmox-Backups laufen nachts auf den PBS im Keller.",
            // `Open` beside the decisions, not after them, leaves them decided.
            "Keep the PBS datastore on ZFS.",
        ]
    );
}

#[test]
fn a_record_under_its_own_heading_keeps_every_part_beside_its_fields() {
    let kb = load();
    let doc = document(&kb, "registro-decisoes.md");
    assert_eq!(decision_texts(doc), ["Usar um registry espelho no NAS para as imagens do Docker Hub"]);
    let (_, mirror) = decision(&kb, "registry espelho");
    // `#### Próximos Passos` between the record's field headings does not end the record: the
    // `Data da Decisão` after it still dates the decision.
    assert_eq!(mirror.date.map(|d| d.to_string()).as_deref(), Some("2025-03-28"));
    assert_eq!(field(mirror, "rationale"), Some("O limite de downloads do Docker Hub travou o CI duas vezes"));
    assert_eq!(field(mirror, "owner"), Some("Equipe de infraestrutura"));
    // A part mb has no name for is named by its heading, without the heading's colon.
    assert_eq!(field(mirror, "janela de manutenção"), Some("Domingo de madrugada, com os runners parados"));
    let next: Vec<&Item> = doc.items.iter().filter(|i| i.kind == Kind::NextStep).collect();
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].text.as_str(), "Apontar todos os runners para o espelho");
}

#[test]
fn the_words_before_a_titles_colon_name_its_kind() {
    let kb = load();
    let doc = document(&kb, "recent-changes.md");
    // `Recent Changes: …, the backup decision`: a section of changes that lists its topics,
    // one of them a decision (which its own words still make one).
    assert_eq!(
        decision_texts(doc),
        ["Decided to keep the backups on restic rather than move them to Proxmox Backup Server."]
    );
    let changes = doc.items.iter().filter(|i| i.kind == Kind::Change).count();
    assert_eq!(changes, 2);
    // Two bold lines underlined by `---` are a heading, its title both lines: none is lost.
    assert!(doc.sections.iter().any(|s| {
        s.title.as_deref().is_some_and(|t| t.contains("relative") && t.contains("an absolute path in the unit file"))
    }));
}

#[test]
fn a_timestamp_under_a_decision_heading_dates_that_record() {
    let kb = load();
    let doc = document(&kb, "decisionLog-numbered.md");
    // `### Decision #001: …` then `[2025-01-11 …] - …` over the fields: one record, listed
    // once (at its Decision field, or at the heading when the field is a bare label over the
    // steps), dated by the timestamp; the log's own creation is no decision.
    let listed: Vec<(String, &str)> = doc
        .items
        .iter()
        .filter(|i| i.kind == Kind::Decision)
        .map(|i| (i.date.map_or_else(String::new, |d| d.to_string()), i.text.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            ("2025-01-11".to_string(), "Decision: One repository with a role per service"),
            ("2025-07-11".to_string(), "Fix the broken backup job"),
        ]
    );
    let (_, repo) = decision(&kb, "One repository with a role per service");
    assert_eq!(field(repo, "summary"), Some("Chose one repository for every host's playbooks"));
}

#[test]
fn a_plain_label_that_names_its_kind_first_heads_its_list() {
    let kb = load();
    let doc = document(&kb, "contexto-activo.md");
    // `Decisiones recientes:` names decisions before its adjective; it heads the list under
    // it, and only that list: the next paragraph is past it.
    // A sentence that starts with a word of the decision kind (`Decided on Caddy:`) names no
    // kind: it stays an item of its own, and heads no list of decisions — it states one,
    // and the list under it is its details.
    assert_eq!(
        decision_texts(doc),
        [
            "Usar Ceph solo para los discos de las VMs, no para las copias.",
            "Mantener las copias en el PBS del sótano.",
            "Decided on Caddy:",
        ]
    );
    assert!(doc.items.iter().any(|i| i.text.as_str() == "Decided on Caddy:"));
}

#[test]
fn what_an_adoption_or_a_reasons_heading_holds_is_why_and_a_labels_date_dates_it() {
    let kb = load();
    let doc = document(&kb, "gijutsu-kettei.md");
    // The adoption is the decision and the lines under it say why, unless one states a choice
    // of its own (an adoption, a setting); a heading giving the reasons for one choice
    // (`Proxmox採用理由`, `Why we chose Restic`) holds that choice's rationale, not decisions —
    // but one over the choices and their reasons (`採用技術と選定理由`) holds the choices.
    assert_eq!(
        decision_texts(doc),
        [
            "✅ Proxmox VEの採用",
            "Adopted Restic for the host backups",
            "Decided to keep the repository on the NAS",
            "Set compression = max on the repository",
            "Grafanaを採用：ダッシュボードを一か所にまとめるため",
            "Decision (ops, 2026-07-03): keep the old NAS as a cold spare."
        ]
    );
    // A date in the brackets of a decision's label dates it.
    let (_, spare) = decision(&kb, "cold spare");
    assert_eq!(spare.date.map(|d| d.to_string()).as_deref(), Some("2026-07-03"));
    let item = |needle: &str| doc.items.iter().find(|i| i.text.contains(needle)).unwrap();
    assert_eq!(item("追加費用なし").kind, Kind::Other);
    for reason in ["ライセンス費用", "One binary on every host"] {
        assert_eq!(item(reason).field.as_deref(), Some("rationale"), "{reason}");
    }
}

#[test]
fn toml_front_matter_dates_no_decision_and_future_directions_are_plans() {
    let kb = load();
    let doc = document(&kb, "evolution-toml.md");
    // `+++` front matter is markup; when the file was made (`created_date`) dates nothing, and
    // when it was last updated (`last_updated`) bounds its undated decisions without dating
    // them (round 224's readers, told so, dated none: mb had dated 17 lines by it). What a
    // `Future Directions` heading lists is a plan, and what `Future Considerations` lists is
    // still to weigh, whatever the heading above them says.
    assert_eq!(decision_texts(doc), ["Terraform for the cloud side of the lab"]);
    assert!(doc.items.iter().all(|i| !i.text.contains("+++") && !i.text.contains("created_date")));
    let item = |needle: &str| doc.items.iter().find(|i| i.text.contains(needle)).unwrap();
    assert_eq!(item("Terraform for the cloud").date, None);
    assert_eq!(item("Terraform for the cloud").updated.map(|d| d.to_string()).as_deref(), Some("2025-07-30"));
    for plan in ["Near term", "Move the Terraform state", "A second site"] {
        assert_eq!(item(plan).kind, Kind::NextStep, "{plan}");
    }
    assert_eq!(item("Nomad instead of k3s").kind, Kind::Other);
}

#[test]
fn a_change_that_says_what_is_used_now_or_by_default_is_a_choice() {
    let kb = load();
    let doc = document(&kb, "changes-switches.md");
    // What replaced what (`now using journald`; removed, then used instead), a default set on
    // something, what a thing is now managed by and a change made to use something else are
    // choices; a fix, or a state (`…: disabled by default until …`), is not.
    assert_eq!(
        decision_texts(doc),
        [
            "Dropped the syslog relay config on every node (now using journald)",
            "Disabled the archive node by default",
            "Node disk sizing is now managed by one variable in the group vars",
            "Simplified the backup bucket permissions to use a single role",
            "完全移除本地缓存，使用 Redis 保存会话",
        ]
    );
}

#[test]
fn a_header_stamp_bounds_the_files_undated_decisions_without_dating_them() {
    let kb = load();
    let date = |needle: &str| decision(&kb, needle).1.date.map(|d| d.to_string());
    let updated = |needle: &str| decision(&kb, needle).1.updated.map(|d| d.to_string());
    // `**Last Updated:**` under the title: what the file holds was decided by then, not on
    // that day. No reader of rounds 196–226 dated a decision by such a stamp (mb had dated 29
    // of their lines by one): it is the item's `updated`, not its date.
    for needle in ["Keep hourly snapshots", "Ship weekly archives"] {
        assert_eq!(date(needle), None, "{needle}");
        assert_eq!(updated(needle).as_deref(), Some("2026-05-02"), "{needle}");
    }
    // An entry's own date wins; a stamp in a later section is that section's note.
    assert_eq!(date("cut the offsite retention").as_deref(), Some("2026-06-10"));
    assert_eq!(updated("cut the offsite retention"), None);
    // On the second line of a quoted header, in Chinese.
    assert_eq!(date("夜间快照保留三十天"), None);
    assert_eq!(updated("夜间快照保留三十天").as_deref(), Some("2026-03-03"));
    // The header's sentence saying what the file records is none.
    assert_eq!(decisions_in(&kb, "beifen-jueding.md"), ["8 决策：夜间快照保留三十天"]);
}

#[test]
fn labelled_lines_after_a_decision_line_are_its_records_fields() {
    let kb = load();
    let doc = document(&kb, "adr-lines.md");
    // One paragraph of labelled lines, joined by hard breaks or by plain line ends: the
    // decision ends where the next label starts.
    assert_eq!(
        decision_texts(doc),
        [
            "Decision: Keep metrics in VictoriaMetrics on the NAS, one node.",
            "Decision: Route every alert through one Alertmanager on the NAS."
        ]
    );
    let (_, metrics) = decision(&kb, "Keep metrics in VictoriaMetrics");
    assert_eq!(metrics.date.map(|d| d.to_string()).as_deref(), Some("2026-02-10"));
    assert_eq!(field(metrics, "alternatives"), Some("Prometheus with Thanos (rejected: three more services to run)."));
    assert_eq!(
        field(metrics, "consequences"),
        Some("The NAS carries the metrics volume; its backups grow by a tenth.")
    );
    let (_, alerts) = decision(&kb, "Route every alert");
    assert_eq!(field(alerts, "status"), Some("Accepted"));
    assert_eq!(field(alerts, "impact"), Some("The on-call phone gets one feed."));
}

#[test]
fn choices_a_record_lists_under_a_label_naming_them_are_decisions() {
    let kb = load();
    let doc = document(&kb, "decisionLog-choices.md");
    // `Key choices:` names decisions: each item it lists is one, dated by the entry. What lies
    // deeper is its detail, a question is none, and `Open decisions:` names choices still open.
    assert_eq!(
        decision_texts(doc),
        [
            "Decision: Add a sync-offsite playbook that pushes the restic repository to the remote bucket.",
            "The bucket credentials come from the vault, never from the environment.",
            "Bandwidth is capped during office hours.",
        ]
    );
    // A label naming decisions taken, over what they were, is a `Decision:` label; one naming
    // decisions still open is not.
    assert_eq!(
        decision_texts(document(&kb, "gate-notes.md")),
        ["User decisions: the two inference servers are interchangeable; move on to phase five."]
    );
    let (_, vault) = decision(&kb, "credentials come from the vault");
    assert_eq!(vault.date.map(|d| d.to_string()).as_deref(), Some("2026-02-14"));
    assert_eq!(vault.field, None);
    let (_, playbook) = decision(&kb, "sync-offsite playbook");
    assert_eq!(field(playbook, "rationale"), Some("Copying by hand was skipped twice."));
    assert_eq!(field(playbook, "key choices"), None, "the choices are decisions, not a field");
}

#[test]
fn a_logs_intro_and_its_when_to_add_an_entry_list_are_no_decisions() {
    let kb = load();
    let doc = document(&kb, "decision-table-log.md");
    // The file on itself, and the template's list of when to write an entry, before the table
    // that is the log: only the table's rows are decisions, dated by their column.
    let listed = dated_decisions(doc);
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(listed[0].starts_with("2026-04-02 ") && listed[0].contains("Pinned the restic version"), "{listed:?}");
    assert!(listed[1].starts_with("2026-03-30 ") && listed[1].contains("two Unbound resolvers"), "{listed:?}");
}

#[test]
fn a_topic_subsection_of_a_dated_decision_entry_holds_decisions() {
    let kb = load();
    // `### Version policy` beside `### Technology choices` under a log's dated entry names a
    // topic, not a kind: its items are decisions of that day; `### Rationale` is a field.
    assert_eq!(
        decision_texts(document(&kb, "decisionLog-topics.md")),
        [
            "Use Caddy as the reverse proxy for the lab services.",
            "Pin every container image to a digest.",
            "Upgrade the base images once a month."
        ]
    );
    let (_, pin) = decision(&kb, "Pin every container image");
    assert_eq!(pin.date.map(|d| d.to_string()).as_deref(), Some("2026-01-12"));
}

#[test]
fn a_date_in_the_title_dates_the_files_undated_entries() {
    let kb = load();
    // `# … Session (2026-01-19)` over numbered `##` parts: each part is an entry of its own,
    // and the title's date is theirs.
    let (_, address) = decision(&kb, "fixed address from the pool");
    assert_eq!(address.date.map(|d| d.to_string()).as_deref(), Some("2026-01-19"));
}

#[test]
fn a_record_titled_by_a_fix_decides_what_its_decision_field_lists() {
    let kb = load();
    let doc = document(&kb, "decisionLog-fix-record.md");
    // A record's heading that reports a fix (`Fixed the build errors …`, `修复…编译错误`) is
    // work done: the changes its `Decision` field lists are what it decided. A heading that
    // states a choice is the decision, and the list under its `Decision` spells it out.
    assert_eq!(
        dated_decisions(doc),
        [
            "2025-07-11 Add the @types/busboy dev dependency and import its types in the upload controller.",
            "2025-07-11 Spell the HTTP client's option baseURL, not baseUrl.",
            "2025-07-12 为导出任务添加 @types/archiver 开发依赖。",
            "2025-07-12 把导出目录的配置项统一命名为 exportDir。",
            "2025-07-12 Keep uploads on the local disk",
        ]
    );
}

#[test]
fn how_the_team_uses_its_tools_is_decided_and_a_command_reference_is_not() {
    let kb = load();
    let doc = document(&kb, "techContext-tool-usage.md");
    // Under Cline's `## Tool Usage Patterns`, each line with nothing under it says how the team
    // chose to work with its tools; a command and what it does is a reference, and a label over
    // a list heads it. (Found by review: nor a plan, a tool dropped, nor a title over what a
    // product tracks of its tools, `## Tool Usage Tracking`.)
    assert_eq!(
        decision_texts(doc),
        [
            "Use Ansible for the printer queues and their quotas.",
            "borgmatic: nightly archives of the scanner share to the cold-storage box",
            "Scanner secrets live in SOPS files and are decrypted at deploy time.",
            "yamllint with the repository's config",
        ]
    );
}

#[test]
fn a_heading_over_patterns_named_by_their_labels_groups_them() {
    let kb = load();
    let doc = document(&kb, "systemPatterns-pattern-groups.md");
    // Under `## Architectural Patterns`, a heading over two lines or more that name a pattern
    // by their label (`- **Strategy Pattern**: …`) groups the patterns in use: those lines are
    // the decisions, the heading their topic. A heading over how one thing works names one.
    // (Found by review: a label followed by a dash counts; one that turns its pattern down is
    // of the group but no decision; a heading that names a pattern itself stays the decision.)
    assert_eq!(
        decision_texts(doc),
        [
            "Strategy Pattern: one scheduler per printer class, swapped at start-up",
            "Observer Pattern: the dashboard follows queue changes through events",
            "Job archive",
            "Retry Pattern - exponential backoff for printer calls",
            "Circuit Breaker Pattern - trips after five failures",
            "4. Event Sourcing Pattern",
        ]
    );
}

#[test]
fn a_decision_files_note_on_itself_and_its_entry_template_record_nothing() {
    let kb = load();
    let doc = document(&kb, "decisions-unfilled.md");
    // An agent framework's `decisions.md` says what it is for and shows its entry template
    // before its log (found by review, `.ai/memory/decisions.md`): neither records a decision.
    assert_eq!(dated_decisions(doc), ["2026-03-02 Decision: Run CUPS on the NAS rather than on a separate VM"]);
}

#[test]
fn a_switch_ticked_off_is_a_decision_and_a_closing_dash_dates_it() {
    let kb = load();
    let doc = document(&kb, "done-list.md");
    let kinds: Vec<(Kind, Option<String>)> =
        doc.items.iter().map(|i| (i.kind, i.date.map(|d| d.to_string()))).collect();
    // A switch in a ticked box or after a check mark says what the team moved to (readers
    // list 7 of 7 on rounds 196–240; a ticked box was work done before the sixteenth session);
    // a choice stated in so many words is one; other work ticked off is work done, and so
    // (found by review) is a replacement that names nothing that came in (`Replaced the
    // failing disk`) and a switch reverted since. A date alone after the closing dash is the
    // line's.
    let day = |d: &str| Some(d.to_string());
    assert_eq!(
        kinds,
        [
            (Kind::Decision, day("2026-04-03")),
            (Kind::Decision, day("2026-04-04")),
            (Kind::Decision, day("2026-04-05")),
            (Kind::Change, day("2026-04-06")),
            (Kind::Change, day("2026-04-07")),
            (Kind::Change, day("2026-04-08")),
        ]
    );
}

#[test]
fn the_agents_mode_a_phase_completed_and_the_init_stamp_are_no_decisions() {
    let kb = load();
    let doc = document(&kb, "decisions-made.md");
    // Under `## Decisions Made`: the agent switching its own mode and a phase reported
    // completed are no choices of the project; the header's `Initialization Timestamp` (a US
    // date) is the file's stamp line, no decision, and says when the file was made, not when
    // what it holds was decided.
    assert_eq!(
        dated_decisions(doc),
        [
            " Decided to put a connection pooler in front of the database.",
            " Decided to use the provider's managed pooler instead of running our own.",
        ]
    );
}

#[test]
fn a_records_listed_choices_are_its_decisions_and_a_leaning_or_a_pending_one_decides_nothing() {
    let kb = load();
    let doc = document(&kb, "decision-choices.md");
    // `Choice:` states a record's decision; `Choices:` over a table or a list makes each
    // choice a decision and the heading their topic; options with a leaning and a status that
    // puts the choice off decide nothing, nor does a decision still pending.
    assert_eq!(
        decision_texts(doc),
        [
            "Choice: restic",
            "Images: Trivy",
            "Secrets: gitleaks",
            "Admission: Kyverno (policies are plain YAML)",
            "Runtime: Falco",
        ]
    );
    let cluster = doc.items.iter().find(|i| &*i.text == "Local cluster").unwrap();
    assert_eq!(field(cluster, "leaning"), Some("k3d (it starts in seconds)"));
    assert_eq!(field(cluster, "options"), Some("kind; k3d; minikube"));
    // A record that names its decision as still to make decides nothing yet, in any language.
    for title in ["Secrets store", "日志保留"] {
        let record = doc.items.iter().find(|i| &*i.text == title).unwrap();
        assert!(record.kind != Kind::Decision && field(record, "pending").is_some(), "{title}");
    }
    // A label in code is a setting's key, not a field's (`options: …` under a change).
    let flag = doc.items.iter().find(|i| i.text.starts_with("options:")).unwrap();
    assert_eq!(flag.field, None);
}

#[test]
fn implementation_notes_are_details_but_an_adoption_among_them_is_a_decision() {
    let kb = load();
    let doc = document(&kb, "shixian-xijie.md");
    // `实现细节` names a record's implementation notes, as `Implementation details` does;
    // an adoption stated among them is a choice made while doing the work.
    assert_eq!(
        dated_decisions(doc),
        [
            "2025-07-25 [2025-07-25 14:51:03] - 决定在字幕表格中支持双击编辑。",
            "2025-07-25 编辑框采用 Material UI 的 TextField。",
            "2025-08-02 Decision: Cache the API answers for five minutes.",
            "2025-08-02 Decided to keep the cache in memory, not in Redis.",
        ]
    );
    let field_of = |needle: &str| doc.items.iter().find(|i| i.text.contains(needle)).and_then(|i| i.field.as_deref());
    assert_eq!(field_of("useState"), Some("implementation"));
    assert_eq!(field_of("TTL map"), Some("implementation"));
    // The adoption left the notes: the record's implementation field no longer holds it.
    let (_, cache) = decision(&kb, "Cache the API answers for five minutes");
    assert_eq!(field(cache, "implementation"), Some("Added a TTL map to the client."));
}

#[test]
fn a_decisions_history_is_no_decision() {
    let kb = load();
    let doc = document(&kb, "decision-history.md");
    // The ideas tried, the feedback and the final call under `Decision history:` (or
    // `决策演变过程：`) tell how the choice came about; the choice is the `Decision:` line.
    // A record with no `Decision` field tells its choice in that history (`### 决策过程`, the
    // decision process): the line that says it decided (`经过比较，决定采用…`, after comparing,
    // decided to adopt …) is the decision, and the list it introduces its details. The numbered
    // parts of its `### 实现方案` (implementation plan) are all that field's, the second
    // (`#### 2. 质量保证`, quality assurance) as much as the first, which names a field itself.
    // The last line that says it decided is the decision (`After two trials, we decided to
    // build the XLSX file on the server`, not the first idea); with a `Decision` field, the
    // history is only its history.
    assert_eq!(
        decision_texts(doc),
        [
            "Decision: the SRT export runs in the backend.",
            "经过比较，决定采用增量备份方案：",
            "After two trials, we decided to build the XLSX file on the server.",
            "Decision: Keep sessions in Redis with AOF persistence."
        ]
    );
    let (_, redis) = decision(&kb, "Keep sessions in Redis");
    assert!(field(redis, "history").is_some_and(|h| h.contains("Memcached lost every session")));
    let (_, export) = decision(&kb, "the SRT export runs in the backend");
    assert!(field(export, "history").is_some_and(|h| h.contains("tags pollute") && h.contains("最终方案")));
    let (_, backup) = decision(&kb, "决定采用增量备份方案");
    assert_eq!(backup.date.map(|d| d.to_string()).as_deref(), Some("2025-08-02"));
    assert!(field(backup, "details").is_some_and(|d| d.contains("zfs send")));
    assert!(field(backup, "implementation").is_some_and(|d| d.contains("每周校验")));
    assert!(field(backup, "context").is_some_and(|d| d.contains("保留三十天")));
}

#[test]
fn a_timestamp_after_a_records_fields_closes_and_dates_that_record() {
    let kb = load();
    let doc = document(&kb, "closing-stamps.md");
    // A timestamp that ends its block (a `---`, the end of the file) or names the record
    // above it better than the one below dates the record above and is its summary; one
    // that names the record below opens it; a plain list under a title that states a
    // decision details it.
    let decided = dated_decisions(doc);
    assert_eq!(
        decided[..6],
        [
            "2026-02-03 Borg backups to the offsite box",
            "2026-02-10 WireGuard between the two sites",
            "2026-02-11 [2026-02-11 09:00:00] - Dropped the old OpenVPN server",
            "2026-02-15 Ship the journal of every host to Loki.",
            "2026-02-20 Unbound as the resolver on every VLAN",
            "2026-02-21 Traefik in front of the media services",
        ]
    );
    // A record a stamp above it opened keeps that stamp's date: a later stamp is no closer.
    assert_eq!(decided[6], "2026-02-25 Grafana reads both Prometheus and Loki");
    assert!(!decided.iter().any(|d| d.ends_with("Grafana for the dashboards")));
    // An ADR closed by a stamp stays one record from its heading down, dated by the stamp.
    let (_, borgmatic) = decision(&kb, "Borgmatic runs every backup job");
    assert_eq!(borgmatic.date.map(|d| d.to_string()).as_deref(), Some("2026-03-02"));
    assert_eq!(field(borgmatic, "title"), Some("Borgmatic runs the backups"));
    assert!(field(borgmatic, "context").is_some_and(|c| c.contains("wrapper script")));
    let summaries = doc.items.iter().filter(|i| i.field.as_deref() == Some("summary")).count();
    assert_eq!(summaries, 4, "the four closing stamps");
    let (_, openvpn) = decision(&kb, "Dropped the old OpenVPN server");
    assert!(field(openvpn, "details").is_some_and(|d| d.contains("One less service to patch")));
}

#[test]
fn a_list_meant_under_a_label_but_written_flush_left_stays_its_field() {
    let kb = load();
    let doc = document(&kb, "flush-left-lists.md");
    // `- **Alternatives Considered:**` over `  - - keep the moss`, then the other options at
    // the left margin: all of them are the field's, none a decision.
    assert_eq!(decision_texts(doc), ["Decision: repot into a peat and perlite mix."]);
    let (_, repot) = decision(&kb, "repot into a peat and perlite mix");
    let alternatives = field(repot, "alternatives").unwrap_or("");
    assert!(["keep the moss", "pure peat", "coir"].iter().all(|a| alternatives.contains(a)), "{alternatives}");
    assert!(field(repot, "consequences").is_some_and(|c| c.contains("better drainage") && c.contains("less root rot")));
}

#[test]
fn a_bug_fix_entry_is_work_done_and_its_labels_are_its_fields() {
    let kb = load();
    let doc = document(&kb, "bug-fix-entry.md");
    // `Bug Fix:` reports work done, as `Fixed …` does; `Problem:` and `Root Cause:` name one
    // field (context) without starting a record each, so `Solution:` and `Files Updated:`
    // stay the entry's fields.
    assert_eq!(dated_decisions(doc), ["2026-01-09 [2026-01-09 10:00:00] - Decided to pin the agent image by digest"]);
    let fix = doc.items.iter().find(|i| i.text.contains("Bug Fix")).unwrap();
    assert_eq!(fix.kind, Kind::Change);
    assert!(field(fix, "context").is_some_and(|c| c.contains("ran out of memory") && c.contains("512 MiB")));
    assert_eq!(field(fix, "solution"), Some("raised the heap to 2 GiB in the agent template"));
}

#[test]
fn hiring_is_no_adoption() {
    let kb = load();
    let doc = document(&kb, "saiyo.md");
    // `採用` is adoption and hiring: what the hiring side reads (`採用側`) names no decisions,
    // a technology adopted (`技術採用`) does.
    assert_eq!(decision_texts(doc), ["ジョブキューは Redis Streams を使う"]);
}

#[test]
fn a_decision_named_in_brackets_after_its_label_is_its_heading() {
    let kb = load();
    let doc = document(&kb, "decision-brackets.md");
    // `### Decision [pull backups]` and `### 架构决策【…】` (a qualified label, in Chinese
    // written without a space) are decisions written as headings: the numbered steps under
    // their `Solution:` tell how, and `解決策：` (a solution, holding 決策) names none.
    assert_eq!(dated_decisions(doc), ["2026-03-02 pull backups from the NAS", "2026-03-09 快照前先停数据库"]);
    let (_, pull) = decision(&kb, "pull backups from the NAS");
    assert!(field(pull, "solution").is_some_and(|s| s.contains("append-only") && s.contains("only the NAS prunes")));
}

#[test]
fn an_orchestrators_log_names_its_fields_by_what_it_did_with_them() {
    let kb = load();
    let doc = document(&kb, "orchestrator-zh.md");
    // Under `**决策**:`, a Roo orchestrator lists what it did: merged a subtask's results
    // (`整合…成果`), recorded a root cause or a reason (`记录根本原因`), confirmed a status
    // (`确认状态`) — fields named by the words after the verb — and handed tasks to other
    // modes (`委派任务2`), which decides nothing about the project.
    assert_eq!(
        dated_decisions(doc),
        [
            "2026-04-02 任务拆分: 采纳 任务清单.md 里的拆分方式。",
            "2026-04-03 决策: 复制统一走 syncoid，不再用自写的 zfs send 脚本。",
        ]
    );
    let named = |start: &str| doc.items.iter().find(|i| i.text.starts_with(start)).unwrap().field.clone();
    assert_eq!(named("整合子任务1成果").as_deref(), Some("outcome"));
    assert_eq!(named("记录根本原因").as_deref(), Some("context"));
    assert_eq!(named("确认状态").as_deref(), Some("status"));
    assert_eq!(named("记录变更原因").as_deref(), Some("rationale"));
}

#[test]
fn a_table_giving_the_reason_for_each_technology_lists_choices() {
    let kb = load();
    let doc = document(&kb, "stack-table.md");
    // A row that gives the reason for its technology (`| Layer | Technology | Why |`, `| 模块 |
    // 技术/工具 | 核心理由 |`) chose it; an inventory of tools without reasons chose nothing.
    assert_eq!(decision_texts(doc), ["Hypervisor: Proxmox VE", "Backups: Proxmox Backup Server", "反向代理: Caddy"]);
    let (_, caddy) = decision(&kb, "反向代理: Caddy");
    assert_eq!(field(caddy, "rationale"), Some("自动申请证书，配置最少"));
    let (_, pve) = decision(&kb, "Hypervisor: Proxmox VE");
    assert_eq!(field(pve, "rationale"), Some("clustering and ZFS built in"));
}

#[test]
fn a_timestamped_entrys_labelled_lists_are_its_parts() {
    let kb = load();
    let doc = document(&kb, "stamp-parts.md");
    // After a timestamp's statement, `**Fix strategy:**` and `**测试框架：**` (test framework)
    // over lists tell how it was done: fields of the entry named by their labels, not
    // decisions. A fix (`修复了 …`, `Fixed …`) is work done.
    assert_eq!(
        dated_decisions(doc),
        ["2026-05-04 [2026-05-04 10:12:00] - 将告警面板从自写的 Flask 页面换成 Grafana 的告警视图。"]
    );
    let part = |start: &str| doc.items.iter().find(|i| i.text.starts_with(start)).unwrap();
    assert_eq!(part("使用 pytest").field.as_deref(), Some("测试框架"));
    assert_eq!(part("给两个实例").field.as_deref(), Some("修复策略"));
    assert_eq!(part("Raised the NAS").field.as_deref(), Some("fix strategy"));
    for fix in ["[2026-05-04 16:40 PM] - 修复了", "[2026-05-06 09:00] - Fixed"] {
        assert_eq!(part(fix).kind, Kind::Change, "{fix}");
    }
}

#[test]
fn a_plain_list_after_a_labelled_statement_spells_it_out() {
    let kb = load();
    let doc = document(&kb, "labelled-lists.md");
    // `**Pattern**: Pull backups from the NAS` and then a plain list: the list tells what the
    // pattern means, as the list after a `Decision:` does; an item that states its own choice
    // (`Adopted Borg 1.4 …`) stays one. So do the sub-items of a labelled statement in a list
    // (`- **Alert fan-out**: one message per tenant` over why).
    assert_eq!(
        decision_texts(doc),
        [
            "Pattern: Pull backups from the NAS",
            "Adopted Borg 1.4 for its append-only mode",
            "Approach: One Prometheus per site",
            "Alert fan-out: one message per tenant, not one per alert",
            "Mail transport: a Postfix relay on the gateway",
            "Switched the relay's submission port to 465",
        ]
    );
    let (_, pull) = decision(&kb, "Pattern: Pull backups from the NAS");
    assert!(
        field(pull, "details")
            .is_some_and(|d| d.contains("starts each run over SSH") && d.contains("append-only keys"))
    );
}

#[test]
fn a_numbered_title_over_a_decision_is_its_records_title() {
    let kb = load();
    let doc = document(&kb, "numbered-records.md");
    // `1. **Backup transport**:` over `- Decision: …`, `- Rationale: …`, `- Status: …`: each
    // numbered title is the title of the record its items make, and the next title starts the
    // next record, not one more field of the last.
    assert_eq!(
        decision_texts(doc),
        [
            "Decision: Pull the backups over SSH from the NAS",
            "Decision: Hourly snapshots, kept for two days",
            "Decision: Weekly sync to the cloud bucket",
        ]
    );
    let (_, snapshots) = decision(&kb, "Hourly snapshots, kept for two days");
    assert_eq!(field(snapshots, "title"), Some("Snapshot schedule"));
    assert_eq!(field(snapshots, "status"), Some("Implementation in progress"));
}

#[test]
fn constraints_and_principles_state_the_teams_rules() {
    let kb = load();
    let doc = document(&kb, "constraints.md");
    // Under `Technical Constraints` and `设计原则` (design principles) stand the rules a team
    // keeps: what states a rule (`must`, `No …`, `必须`) is a decision the team set itself; a
    // line there that states none stays a pattern. `Firewall rules` names a thing, not
    // conventions: an adoption under it is a decision.
    let patterns: Vec<&str> = doc.items.iter().filter(|i| i.kind == Kind::Pattern).map(|i| &*i.text).collect();
    assert_eq!(patterns, ["The NAS sits on the storage VLAN"]);
    assert_eq!(
        decision_texts(doc),
        [
            "Every host must boot without the NAS",
            "No service listens on a public address",
            "所有配置必须进 Git",
            "Adopted nftables counters for the SSH port"
        ]
    );
}

#[test]
fn a_heading_marked_settled_holds_decisions_and_traditional_chinese_labels_name_fields() {
    let kb = load();
    let doc = document(&kb, "settled-zh-tw.md");
    // `## 備份工具 (已確定)` (backup tools, settled) and `## Hosting (decided)` hold what was
    // decided; `(undecided)` marks nothing settled. An ADR's `### 決策` and `### 後果`
    // (Traditional Chinese) are its decision and consequences. `## 決策審查流程` (the
    // decision review process) is about deciding and holds no decision.
    assert_eq!(
        decision_texts(doc),
        [
            "✅ restic - 加密、去重",
            "✅ Backblaze B2 - 異地儲存",
            "Hetzner for the public services",
            "選擇 Caddy 作為反向代理。",
        ]
    );
    let (_, caddy) = decision(&kb, "選擇 Caddy 作為反向代理");
    assert_eq!(field(caddy, "consequences"), Some("證書自動續期。"));
    assert_eq!(field(caddy, "title"), Some("反向代理"));
}

#[test]
fn a_dated_entry_that_states_its_decision_is_spelled_out_by_its_decision_list() {
    let kb = load();
    let doc = document(&kb, "dated-decision-lists.md");
    // `## 2026-03-02: Move the DNS to the router` over `Decision:` and a list: the entry's
    // title states the decision and the list spells it out (so under `* **最终决定**:`, final
    // decision, with its sub-items). An entry titled only by its timestamp states nothing:
    // its list's items are the decisions.
    assert_eq!(
        decision_texts(doc),
        [
            "2026-03-02: Move the DNS to the router",
            "2026-03-09 - 备份改为由 NAS 拉取",
            "rotate the WireGuard keys yearly"
        ]
    );
    let (_, dns) = decision(&kb, "Move the DNS to the router");
    assert!(field(dns, "details").is_some_and(|d| d.contains("retire the Pi-hole") && d.contains("from Unbound")));
    assert_eq!(field(dns, "rationale"), Some("one box fewer to patch"));
    let (_, pull) = decision(&kb, "备份改为由 NAS 拉取");
    assert_eq!(field(pull, "details"), Some("NAS 通过 SSH 发起每次备份; 主机上的密钥只允许追加"));
}

#[test]
fn one_decision_label_over_a_list_spells_out_the_title_that_states_it() {
    let kb = load();
    let doc = document(&kb, "decisionLog-one-label.md");
    // `**Decision:**` in bold names one decision as `Decision:` does: under a dated title that
    // states it, and under a log line's stamped title that states it, its list (sub-items
    // too) spells that title out. `**Decisions:**` names several, and a stamped title that
    // states nothing (`Weekly notes`) leaves the list's items the decisions.
    assert_eq!(
        decision_texts(doc),
        [
            "2026-04-02: Move the backups to the NAS",
            "scrape every host with Prometheus",
            "drop collectd",
            "[2026-04-09 10:15:00] - Put the Proxmox API behind a read-only token",
            "rotate the WireGuard keys yearly",
            "keep two keys during the overlap",
            "[2026-04-14 09:00:00] - Send the offsite copies to the Hetzner storage box",
        ]
    );
    let (_, nas) = decision(&kb, "Move the backups to the NAS");
    assert!(field(nas, "details").is_some_and(|d| d.contains("retire the nightly") && d.contains("append-only key")));
    assert_eq!(field(nas, "rationale"), Some("a compromised host can no longer delete its backups"));
    let (_, token) = decision(&kb, "behind a read-only token");
    assert_eq!(token.date.map(|d| d.to_string()).as_deref(), Some("2026-04-09"));
    assert!(field(token, "details").is_some_and(|d| d.contains("PVEAuditor") && d.contains("privilege separation")));
    assert_eq!(field(token, "rejected"), Some("root@pam with a password"));
    assert_eq!(field(token, "rationale"), Some("the audit needs the cluster state, never a write."));
    // A stamp opens an entry as a heading does: the bold label before it (`**Follow-ups:**`)
    // no longer reaches the stamped title, which had been a next step.
    let (_, offsite) = decision(&kb, "Hetzner storage box");
    assert_eq!(field(offsite, "rationale"), Some("it is cheap and speaks borg over SSH."));
}

#[test]
fn choices_are_worded_many_ways() {
    let kb = load();
    let doc = document(&kb, "choice-verbs.md");
    // `Selected …`, `Decided on …`, `Opted for …` state a choice as `Decided to …` does; the
    // bold topic over them groups them. `Determined that …` is as often a finding.
    assert_eq!(
        decision_texts(doc),
        [
            "Selected ZFS mirrors for the VM pool",
            "Decided on nightly replication to the second box",
            "Opted for lz4 on the VM datasets",
        ]
    );
}

#[test]
fn one_pattern_named_among_decisions_is_the_pattern_chosen() {
    let kb = load();
    let doc = document(&kb, "decision-patterns.md");
    // `### 1. Backup Transport Pattern` under `## Key Technical Decisions` names the pattern
    // chosen: what it holds are decisions. `### 2. Runbook Patterns` lists patterns, each
    // item one in use; the heading itself is none. (A Chinese title is read too, without
    // cutting a character: `错误处理模式` names patterns.)
    assert_eq!(
        decision_texts(doc),
        [
            "The NAS pulls every backup over SSH",
            "Hosts hold append-only keys",
            "Every runbook starts with a rollback step",
            "所有错误都带上主机名"
        ]
    );
    assert!(doc.items.iter().all(|i| i.block == mb::kb::Block::ListItem), "no heading is an item");
}

#[test]
fn a_bold_label_flush_left_under_a_list_opens_the_next_field() {
    let kb = load();
    // `- Send and receive …` then `**Alternatives**:` on the next line, with no blank line:
    // Markdown reads the label as more of the bullet; a reader sees the next field.
    let (_, zvols) = decision(&kb, "Store guest disks as ZFS zvols");
    assert_eq!(field(zvols, "rationale"), Some("Snapshots are cheap; Send and receive move disks between nodes"));
    assert_eq!(field(zvols, "alternatives"), Some("LVM thin pools; Ceph on three nodes"));
    assert_eq!(field(zvols, "impact"), Some("Moving a disk no longer needs downtime"));
    // Korean records are written the same way, with their own labels: 컨텍스트 (context),
    // 결정 사유 (the decision's reasons), 대안 (alternatives), 결과 (its result).
    let doc = document(&kb, "gyeoljeong-log.md");
    assert_eq!(
        decision_texts(doc),
        ["결정: NAS의 ZFS 데이터셋에 restic 백업 저장", "결정: 두 사무실을 WireGuard 터널로 연결"]
    );
    let backup = &doc.items.iter().find(|i| i.kind == Kind::Decision).unwrap();
    assert_eq!(field(backup, "context"), Some("노트북 세 대의 백업이 흩어져 있었음"));
    assert_eq!(field(backup, "rationale"), Some("스냅샷으로 이전 상태 복구 가능; refquota로 용량 제한 가능"));
    assert_eq!(field(backup, "alternatives"), Some("외장 디스크 순환; 클라우드 전용 백업"));
    assert_eq!(backup.date.map(|d| d.to_string()).as_deref(), Some("2025-02-10"));
    // `## 향후 결정이 필요한 사항` (decisions still needed) holds none.
    assert!(doc.items.iter().filter(|i| i.text.contains("Prometheus")).all(|i| i.kind != Kind::Decision));
}

#[test]
fn a_heading_naming_a_day_without_its_year_takes_the_year_above() {
    let kb = load();
    let doc = document(&kb, "yearless-days.md");
    let date_of = |needle: &str| {
        let item = doc.items.iter().find(|i| i.text.contains(needle)).unwrap();
        item.date.map(|d| d.to_string())
    };
    // `### Nov 27: Backup target` after `## Session: Nov 26, 2025`.
    assert_eq!(date_of("nightly restic snapshots").as_deref(), Some("2025-11-27"));
    assert_eq!(date_of("2 TB with refquota").as_deref(), Some("2025-12-02"));
    // `### May 5 servers` names no day.
    assert_eq!(date_of("Retire two of the five servers"), None);
}

#[test]
fn a_choice_opening_its_entry_is_spelled_out_by_the_list_under_it() {
    let kb = load();
    let doc = document(&kb, "decision-log-opening.md");
    // `Chose Proxmox VE over ESXi.` opens its dated entry; the bullets under it are its reasons.
    // `## Format` and its `Each entry: …` say how the log is written.
    assert_eq!(
        decision_texts(doc),
        [
            "Chose Proxmox VE over ESXi. One node to start, a cluster later.",
            "Prometheus scrapes every host; Grafana only reads from it."
        ]
    );
    let proxmox = doc.items.iter().find(|i| i.kind == Kind::Decision).unwrap();
    assert_eq!(
        field(proxmox, "details"),
        Some("No licence fee for the cluster features; ZFS is built in; The API covers everything the playbooks need")
    );
}

#[test]
fn plain_question_labels_placeholders_and_template_notes_are_not_decisions() {
    let kb = load();
    // `Open Questions:` on a line of its own heads its questions, which go on after the `?`
    // in brackets; `No major decisions have been made yet.` is a placeholder.
    assert_eq!(
        decision_texts(document(&kb, "considerations-plain.md")),
        [
            "Keep one inventory file per site: the two sites never share hosts.",
            "Scrub the pools monthly; weekly scrubs wore out the SMR disks."
        ]
    );
    // `> **TEMPLATE** — copy this file …` is the template speaking of itself, and `[List the
    // choices …]` one of its blanks, as `[Describe …]` is.
    assert_eq!(decision_texts(document(&kb, "decisions-template-note.md")), ["All hosts run in UTC."]);
}

#[test]
fn a_heading_giving_the_reasons_for_a_choice_is_that_choice() {
    let kb = load();
    let doc = document(&kb, "reasons-headings.md");
    // `### 选择Restic而非Borg的原因` (why Restic rather than Borg) and `### Why we chose Caddy
    // over Nginx` state the choice; their bullets are its reasons. `### 模块化剧本的好处` (the
    // benefits of modular playbooks) names no choice, and its bullets are reasons too.
    // `### Why we chose Proxmox`, right under the record that states that choice, gives its
    // reasons (and the paragraph under `### Decision: Keep the hypervisors on Proxmox VE`
    // tells more of that decision).
    assert_eq!(
        decision_texts(doc),
        ["选择Restic而非Borg的原因", "Keep the hypervisors on Proxmox VE", "Why we chose Caddy over Nginx"]
    );
    let restic = doc.items.iter().find(|i| i.text == "选择Restic而非Borg的原因").unwrap();
    assert_eq!(field(restic, "rationale"), Some("支持S3兼容存储; 单个二进制文件，部署简单"));
    let (_, cluster) = decision(&kb, "Keep the hypervisors on Proxmox VE");
    assert_eq!(field(cluster, "details"), Some("The cluster stays on Proxmox VE 8."));
    assert_eq!(field(cluster, "rationale"), Some("The API covers everything the playbooks need"));
    // The reasons for Caddy are no part of the Proxmox record above them.
    let caddy = doc.items.iter().find(|i| i.text.starts_with("Why we chose Caddy")).unwrap();
    assert_eq!(field(caddy, "rationale"), Some("Certificates renew themselves; One short file per site"));
    // A bare `## 選定理由` (the reasons for the choice) is its record's field heading.
    let (_, nas) = decision(&kb, "バックアップはNASのZFSデータセットに置く");
    assert_eq!(field(nas, "rationale"), Some("スナップショットがそのまま使える; 追加費用がかからない"));
}

#[test]
fn a_label_alone_on_its_line_heads_the_paragraphs_after_it() {
    let kb = load();
    // `**Rationale:**` with the reasons starting on the next line, then more paragraphs and a
    // list: all of it is the rationale, up to `**Details:**`.
    let doc = document(&kb, "rationale-lines.md");
    assert_eq!(decision_texts(doc), ["[2026-02-03 10:15:00] - Read the proxy settings from the environment"]);
    let proxy = doc.items.iter().find(|i| i.kind == Kind::Decision).unwrap();
    let rationale = field(proxy, "rationale").unwrap();
    assert!(rationale.contains("HTTPS_PROXY") && rationale.contains("Print the proxy in use"), "{rationale}");
}

#[test]
fn chinese_lines_still_to_settle_and_decisions_after_their_reason() {
    let kb = load();
    // `需确定保留多少个快照` (how many snapshots to keep is still to be determined) is open;
    // `由于…，决定冻结…` (since the pool is stable, decided to freeze …) states a decision.
    let listed = decisions_in(&kb, "dangqian-jueding.md");
    assert!(!listed.iter().any(|l| l.contains("需确定")), "{listed:#?}");
    let (_, freeze) = decision(&kb, "决定冻结当前的ZFS配置");
    assert_eq!(freeze.date.map(|d| d.to_string()).as_deref(), Some("2026-03-05"));
}

#[test]
fn a_log_that_stamps_its_records_after_them() {
    let kb = load();
    let doc = document(&kb, "stamps-after.md");
    // Three records, each followed by its stamp (one by two): each stamp closes and dates the
    // record above it, the first of two lines dating it, and none is a decision of its own.
    assert_eq!(
        dated_decisions(doc),
        [
            "2026-01-10 Run the VPN on WireGuard with one peer per site",
            "2026-01-12 Move the tunnel keys into the vault",
            "2026-01-15 Monitor the tunnel with a blackbox probe"
        ]
    );
    let keys = doc.items.iter().find(|i| i.text == "Move the tunnel keys into the vault").unwrap();
    assert_eq!(doc.entries[keys.entry].title, "Moved the WireGuard keys into Ansible Vault");
}

#[test]
fn a_topic_label_is_no_record_for_a_statement_that_shares_its_words() {
    let kb = load();
    // `1. **Separation of backup duties**:` over its parts states nothing that
    // `Separation of backup duties: the gateway only routes, …` in another file repeats.
    assert_restates_nothing(&kb, "Separation of backup duties: the gateway only routes");
}

#[test]
fn chinese_labels_with_full_width_colons_and_a_record_after_a_break() {
    let kb = load();
    let doc = document(&kb, "jueding-rizhi.md");
    // `**测试框架：**` (the colon inside the bold) over `bats` is a labelled part of its log
    // entry, and `**实施：**` (implementation) over a list holds how, not decisions.
    assert_eq!(
        decision_texts(doc),
        [
            "[2026-02-10 09:30:00] - 决定为备份脚本增加三次重试",
            "决策: 由 Caddy 担任反向代理",
            "决策： 快照按数值而不是按字母排序。"
        ]
    );
    let bats = doc.items.iter().find(|i| i.text.ends_with("bats")).unwrap();
    assert_eq!(bats.bold.as_deref(), Some("测试框架"));
    // After `---`, `**决策:**` starts a record of its own: its labelled lines, one under the
    // other, are its fields, and `**决策时间:**` (when it was decided) dates it.
    let (_, caddy) = decision(&kb, "由 Caddy 担任反向代理");
    assert_eq!(caddy.date.map(|d| d.to_string()).as_deref(), Some("2026-02-12"));
    assert_eq!(field(caddy, "context"), Some("证书每季度都要手动续期。"));
    assert_eq!(field(caddy, "rationale"), Some("Caddy 自动申请和续期证书。"));
    assert_eq!(field(caddy, "title"), None);
}

#[test]
fn labelled_options_a_template_question_and_a_thai_intro() {
    let kb = load();
    // Under `### Alternatives Considered`, `- **State:** Zustand — rejected` weighs an option;
    // `State` names no status of the record. `**Decision:** [What was decided?]` is a
    // template's prompt.
    assert_eq!(
        decision_texts(document(&kb, "decisionLog-alternatives.md")),
        ["Use Redux Toolkit for the dashboard state."]
    );
    let (_, redux) = decision(&kb, "Use Redux Toolkit");
    assert_eq!(
        field(redux, "alternatives"),
        Some(
            "State: Zustand — rejected, too little structure for the sync logic; Charts: ECharts — rejected, Recharts fits React better"
        )
    );
    // `หน้านี้รวบรวม…` (this page gathers …) is the file speaking of itself.
    assert_eq!(decision_texts(document(&kb, "decisionLog-th.md")), ["ใช้ restic สำรองข้อมูลไปที่ NAS ทุกคืน"]);
}

#[test]
fn a_dated_bold_title_dates_the_headings_under_it() {
    let kb = load();
    let doc = document(&kb, "dated-titles.md");
    // `**NAS-12: Snapshot pruning** (2026-02-11)` over `### Overview` and `### Key Decisions
    // Made`: the decisions there are of that day. The next such title is no decision of the
    // section before it, and `## Decisions Made` ends them.
    assert_eq!(
        dated_decisions(doc),
        [
            "2026-02-11 Keep 14 daily snapshots on the NAS",
            "2026-02-11 Prune from the NAS, never from the hosts",
            "2026-02-04 Start the nightly backup at 02:00 UTC",
            " Every schedule in the lab runs on UTC"
        ]
    );
    // A stamp under the file's title (`**Last Updated** (2026-01-01)`) dates no heading, and a
    // dated title that decides (`**Decided to move the reverse proxy to Caddy** (…)`) stays a
    // decision.
    let doc = document(&kb, "dated-titles-stamp.md");
    let nodes = doc.items.iter().find(|i| i.text.contains("three Proxmox nodes")).unwrap();
    assert_eq!(nodes.date, None);
    assert_eq!(dated_decisions(doc), ["2026-02-20 Decided to move the reverse proxy to Caddy (2026-02-20)"]);
}

#[test]
fn a_date_ending_a_bold_label_dates_its_item_and_the_items_under_it() {
    let kb = load();
    let doc = document(&kb, "dated-session-labels.md");
    // `- [x] **Session 2026-03-14**: …` says when its notes were written; `**Deadline
    // 2026-04-30**` names a day to come, which dates nothing.
    assert_eq!(
        dated_decisions(doc),
        [
            "2026-03-14 Offsite backups now use restic to the storage box",
            " Offsite copies now use rclone to the second bucket"
        ]
    );
    let relay = doc.items.iter().find(|i| i.text.contains("firewall rules")).unwrap();
    assert_eq!(relay.date.map(|d| d.to_string()).as_deref(), Some("2026-03-14"));
}

#[test]
fn a_decision_heading_in_any_language_of_the_label_table() {
    let kb = load();
    let doc = document(&kb, "reshenie-zagolovki.md");
    // `## Решение: …`, `## Quyết định: …` and `## Karar: …` state their decisions as `##
    // Decision: …` does; the field headings under them are their fields.
    assert_eq!(
        decision_texts(doc),
        [
            "Резервные копии через restic на NAS",
            "Dùng WireGuard giữa hai văn phòng",
            "Proxmox kümesi üç düğümle kalacak"
        ]
    );
    let (_, restic) = decision(&kb, "Резервные копии через restic на NAS");
    assert_eq!(field(restic, "rationale"), Some("restic шифрует данные и умеет дедупликацию; NAS уже стоит в стойке"));
    // (The file's one log line, `2026-01-12 09:15:00 - Лог обновлений.`, dates nothing.)
    assert_eq!(restic.date, None);
}

#[test]
fn a_collection_marked_selected_is_an_excerpt_not_a_chosen_option() {
    let kb = load();
    // `## Project Structure (selected)` lists a selection of the tree; `Restic (chosen)` would
    // be an option chosen.
    let doc = document(&kb, "tech-excerpt.md");
    assert!(doc.items.iter().any(|i| i.text.starts_with("restic")), "{:?}", doc.items);
    assert!(decision_texts(doc).is_empty());
}

#[test]
fn a_plain_topic_name_over_decisions_is_no_decision() {
    let kb = load();
    let texts = decision_texts(document(&kb, "topic-names.md"));
    // `- Backups` over what was decided about backups names the topic, as a heading would;
    // `- Use Proxmox VE` over its details states a choice.
    for topic in ["Backups", "Remote Access"] {
        assert!(!texts.contains(&topic), "{topic} in {texts:?}");
    }
    for decision in
        ["restic pushes nightly to the NAS over SFTP.", "WireGuard replaces the old OpenVPN server.", "Use Proxmox VE"]
    {
        assert!(texts.contains(&decision), "{decision} not in {texts:?}");
    }
}

#[test]
fn stakeholders_references_and_a_labelled_day_are_no_decisions() {
    let kb = load();
    // `**相关方：**` (who the decision concerns) and `**参考：**` (where more is written) are
    // parts of their record, and so are `**考虑的选项：**` (options considered) and `**推理：**`
    // (reasoning): the template's placeholders after them are no decisions either.
    let doc = document(&kb, "jueding-xiangguan.md");
    assert_eq!(decision_texts(doc), ["备份统一改用 restic 推送到 NAS"]);
    let (_, restic) = decision(&kb, "备份统一改用 restic 推送到 NAS");
    assert_eq!(field(restic, "stakeholders"), Some("运维组，所有虚拟机的负责人。"));
    assert_eq!(field(restic, "references"), Some("详细步骤见 activeContext.md。"));
    assert_eq!(field(restic, "rationale"), Some("restic 自带加密和去重。"));
    // `- Data: 28/02/2026` says when, not what.
    let doc = document(&kb, "decisao-registro.md");
    assert!(doc.items.iter().any(|i| i.text == "Data: 28/02/2026"), "{:?}", doc.items);
    assert!(decision_texts(doc).is_empty(), "{:?}", decision_texts(doc));
}

#[test]
fn a_line_citing_a_record_by_its_id_restates_that_record() {
    let kb = load();
    // `- NET-01: One WireGuard hub at the edge` cites `## NET-01 · 2026-03-02 · …` of the
    // network log in other words; `NET-07`, which no record of the bank holds, stays.
    let summary = kb.documents.iter().position(|d| file(d) == "net-summary.md").unwrap();
    let log = kb.documents.iter().position(|d| file(d) == "net-decisions.md").unwrap();
    let restated = kb::restate::restatements(&kb);
    let lines: Vec<(usize, u32)> = restated[summary]
        .iter()
        .map(|r| {
            assert_eq!(r.record.0, log);
            (kb.documents[summary].items[r.item as usize].line, r.record.1)
        })
        .collect();
    assert_eq!(lines, [(4, 4), (5, 8)]);
}

#[test]
fn a_decision_step_among_labelled_steps_is_no_record() {
    let kb = load();
    // `3. **Decision**: picks the closest branch` between `**Comparison**` and `**Booking**` is
    // a step of the customer's journey, and so is `2. **Decisión**: …`. A session's bulleted
    // notes (`- **Feature**`, `- **Decision**`, `- **Build**`) are no steps.
    assert_eq!(
        decision_texts(document(&kb, "journey-steps.md")),
        ["Decision: The allow button shows only when suggestions exist."]
    );
}

#[test]
fn the_paragraphs_under_a_decision_heading_are_its_details() {
    let kb = load();
    // `## DEC-001 — One hypervisor` states the decision; the paragraph and the list under it
    // tell more of it.
    assert_eq!(decision_texts(document(&kb, "dec-headings.md")), ["One hypervisor", "Backups in stages"]);
    let (_, hypervisor) = decision(&kb, "One hypervisor");
    assert_eq!(field(hypervisor, "details"), Some("Every host runs Proxmox VE 8."));
    assert_eq!(field(hypervisor, "rationale"), Some("one set of tools to learn"));
}

#[test]
fn rows_appended_to_a_log_table_far_below_it_are_its_rows() {
    let kb = load();
    let doc = document(&kb, "appended-rows.md");
    // `| 2026-02-02 | Move the DNS resolver to Unbound | … |` written under a later record's
    // list, with no head of its own, is a row of the log table at the top — dated by its own
    // `Date` cell, in no record around it. A line its last cell goes on over (`2. It validates
    // DNSSEC |`) is no decision.
    assert_eq!(
        dated_decisions(doc),
        [
            "2026-01-10 Keep the cold archives on the tape library",
            "2026-02-02 Move the DNS resolver to Unbound",
            "2026-02-09 Pin Proxmox to 8.2",
            "2026-03-01 Retire the L2TP concentrator"
        ]
    );
    let (_, unbound) = decision(&kb, "Move the DNS resolver to Unbound");
    assert_eq!(unbound.block, kb::Block::TableRow);
    assert_eq!(field(unbound, "rationale"), Some("1. It runs on the gateways"));
}

#[test]
fn a_line_pointing_at_another_document_is_no_decision() {
    let kb = load();
    // `See `decisions.md` for the dated history …` under `## Key Decisions` says where the
    // decisions are; so does `See `.cursor/rules/03-security.mdc` for …` (a path, a rules file),
    // but not a pointer that goes on to say what was decided (`See roles/common: every host …`).
    assert_eq!(
        decision_texts(document(&kb, "pointer-lines.md")),
        [
            "Give each VM disk a local ZFS mirror",
            "Row-level security: enforced in the database",
            "See roles/common: every host runs chrony instead of ntpd."
        ]
    );
}

#[test]
fn options_in_traditional_chinese_are_considerations() {
    let kb = load();
    // `### 選項` (options) lists what was weighed; `### 決定` says which was taken.
    // (`### 發現`, findings in Traditional Chinese as `发现` is in Simplified, are what an audit
    // found, and `### 本次成果`, this round's results, what came of it: no decisions. Service
    // discovery, `## 服務發現`, names no findings, and a review's result, `**審查結果：** 改用
    // PostgreSQL 16`, is what the review decided.)
    assert_eq!(
        decision_texts(document(&kb, "decisionLog-tw.md")),
        [
            "採用選項 2：restic 推送到 NAS",
            "所有 hook 一律由批次執行器呼叫",
            "以 Consul 做服務發現，不使用 etcd。",
            "審查結果： 改用 PostgreSQL 16，放棄 MySQL。"
        ]
    );
}

#[test]
fn a_label_saying_what_an_entry_must_include_describes_the_format() {
    let kb = load();
    // `**Each entry must include**:` over `- **Decision**: What was chosen …` tells how to
    // write a record; it records none.
    let doc = document(&kb, "bank-readme.md");
    assert!(doc.items.iter().any(|i| i.text.starts_with("Decision: What was chosen")), "{:?}", doc.items);
    assert!(decision_texts(doc).is_empty());
}

#[test]
fn the_subsections_of_a_field_stay_in_it_past_a_deeper_field_heading() {
    let kb = load();
    // `#### Steps:` under `### 2. Pipeline` under `## Implementation Details` is a part of that
    // field; `### 3. Security Considerations` after it is one more, not a list of decisions.
    assert_eq!(decision_texts(document(&kb, "decisionLog-steps.md")), ["Run the web app in containers."]);
}

#[test]
fn a_numbered_title_over_a_decision_label_is_its_records_title() {
    let kb = load();
    // `1) Remote access: WireGuard vs OpenVPN` then `- Decision: …`, `- Rationale: …`: one
    // record, its title above it; `2) Offsite copies: …` opens the next, not a field of the
    // first.
    let doc = document(&kb, "titled-records.md");
    assert_eq!(
        decision_texts(doc),
        ["Decision: Run WireGuard on the edge router.", "Decision: Push nightly restic snapshots to the second site."]
    );
    let (_, wireguard) = decision(&kb, "Run WireGuard on the edge router");
    assert_eq!(field(wireguard, "title"), Some("Remote access: WireGuard vs OpenVPN"));
    let (_, restic) = decision(&kb, "Push nightly restic snapshots");
    assert_eq!(field(restic, "title"), Some("Offsite copies: restic to the second site"));
}

#[test]
fn a_log_line_reporting_work_done_takes_its_parts_with_it() {
    let kb = load();
    // `[…] - 成功完成备份迁移的第一阶段` (successfully completed the first stage) is work done,
    // and so are the results listed under it.
    let doc = document(&kb, "decisionLog-chengguo.md");
    assert_eq!(decision_texts(doc), ["[2026-01-28 09:00:00] - 决定在周日凌晨运行清理任务"]);
    let snapshots = doc.items.iter().find(|i| i.text.contains("每台主机每晚")).unwrap();
    assert_eq!(snapshots.kind, Kind::Change);
}

#[test]
fn questions_resolved_hold_their_answers() {
    let kb = load();
    // `## Resolved Questions` and `## Questions Resolved` list what was settled; check-marked
    // lines one under the other are a line each; `Document Version:` over `Last Updated:` is
    // the page's own record, and `## Open Questions` still asks.
    assert_eq!(
        decision_texts(document(&kb, "resolved-questions.md")),
        [
            "Queue limit: 25 tracks at most",
            "Track removal: Not allowed once a track is queued",
            "✅ Sign-in: a username only, no social login",
            "✅ Rooms: one public room for the first release"
        ]
    );
}

#[test]
fn a_line_the_next_one_answers_states_the_problem() {
    let kb = load();
    // `- The TIFF export sometimes fails …` then `- Therefore the PNG path comes first …`: the
    // first is the problem, the second the choice; so with `- Decision: …` after the problem.
    // A line that states a choice of its own (`- Set mtu = 1380 …`) stays one.
    assert_eq!(
        decision_texts(document(&kb, "problem-answers.md")),
        [
            "Therefore the PNG path comes first, with TIFF only as a fallback.",
            "Metadata as JSON beside the PNG files in the app's support folder.",
            "Decision: sign with the team certificate so that the grant survives rebuilds.",
            "Set mtu = 1380 on the WireGuard interface.",
            "Decision: route the offsite backups through the tunnel."
        ]
    );
}

#[test]
fn how_a_team_keeps_its_decisions_records_none() {
    let kb = load();
    // `### Decision Categories` over `1. **Architecture**: High-level design choices` names the
    // kinds of decisions the log keeps.
    let doc = document(&kb, "decision-tracking.md");
    assert!(doc.items.iter().any(|i| i.text.starts_with("Architecture:")), "{:?}", doc.items);
    assert!(decision_texts(doc).is_empty(), "{:?}", decision_texts(doc));
}

#[test]
fn a_label_partway_down_a_field_list_is_more_of_that_field() {
    let kb = load();
    // `**可行性（ZFS + 本地脚本）**` (feasibility) over `- 存储：…`, `- 推理：…` (inference, also
    // a word for reasoning), `- 数据集的 recordsize 固定为 1M …`: every line is feasibility.
    let doc = document(&kb, "adr-field-lists.md");
    assert_eq!(decision_texts(doc), ["决策 保留最近 30 天的原始日志，更早的只保留压缩后的摘要。"]);
    let feasible: Vec<&str> = doc
        .items
        .iter()
        .filter(|i| i.field.as_deref() == Some("可行性（zfs + 本地脚本）"))
        .map(|i| i.text.as_ref())
        .collect();
    assert_eq!(feasible.len(), 4, "{feasible:?}");
}

#[test]
fn a_screen_or_heuristic_named_after_decisions_holds_none() {
    let kb = load();
    // `### 1.2 Decision Screen`, `### 1.3 生存决策页` (survival-decision page) and `### Agent
    // Decision Heuristics` name parts of a product after its users' choices.
    assert_eq!(
        decision_texts(document(&kb, "product-screens.md")),
        ["The audit dashboard is a single page served by the mb binary itself."]
    );
}

#[test]
fn technical_details_verification_and_files_created_are_fields() {
    let kb = load();
    // `**Technical Details**:` over its list, `**Verification**: …` and `**Files Created**: …`
    // after a record's fixes say how it was done and checked, and decide nothing.
    let doc = document(&kb, "decisionLog-fixes.md");
    assert_eq!(
        decision_texts(doc),
        ["Decision: Resolved every strict lint error in the inventory scripts before the 2.0 tag"]
    );
    let verified = doc.items.iter().find(|i| i.text.starts_with("Verification:")).expect("the verification line");
    assert!(verified.field.is_some() && verified.record.is_some(), "{verified:?}");
}

#[test]
fn an_item_with_the_reasons_for_it_states_a_choice() {
    let kb = load();
    // `* **Vite (构建工具)**：` over `* **选型理由**：…` (the reasons for the selection), and
    // `* **SQLite (run store)**:` over `* **Why chosen**: …`: each is a choice, its reasons its
    // rationale.
    let doc = document(&kb, "stack-reasons.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Svelte 5 (UI 框架)：",
            "Vite (构建工具)：",
            "SQLite (run store):",
            "Axum (HTTP):",
            "Biome (lint)：",
            "Vitest (test)：",
            "Caddy (reverse proxy)："
        ]
    );
    // (Past a reasons label alone on its line, `* **选型理由**：` over `* 一个工具…`, the next
    // choice is a choice still.)
    let vite = doc.items.iter().find(|i| i.text.starts_with("Vite")).expect("the Vite item");
    assert_eq!(field(vite, "rationale"), Some("冷启动快，开发时热更新几乎无延迟。"));
}

#[test]
fn turkish_rule_and_pattern_headings() {
    let kb = load();
    // `## Teknik Kisitlar` (technical constraints), `## RBAC Deseni` (the RBAC pattern) and
    // `## Ürün İlkeleri` (product principles) hold the team's standing rules; each item right
    // under principles states one, in whatever words.
    let doc = document(&kb, "sistem-desenleri.md");
    let kinds: Vec<Kind> = doc.items.iter().filter(|i| i.block == mb::kb::Block::ListItem).map(|i| i.kind).collect();
    assert_eq!(kinds, [Kind::Pattern, Kind::Pattern, Kind::Decision]);
    // `## Teknoloji Yığını (Tech Stack)` (technology stack) and `## Bağımlılıklar` (dependencies)
    // list what was chosen, as their English names do (round 244); the set-up steps and the
    // stack's alternatives (`## Teknoloji Yığını Alternatifleri`, found by review) do not.
    let doc = document(&kb, "teknik-baglam.md");
    assert_eq!(
        decision_texts(doc),
        ["Sunucu: Proxmox VE 8", "Yedekleme: restic, B2 üzerinde", "ansible-core (yapılandırma için)"]
    );
}

#[test]
fn an_index_of_the_files_records_restates_them_and_ids_may_end_in_a_letter() {
    let kb = load();
    let doc = document(&kb, "locked-decisions.md");
    // `### DEC-0B — …` is a decision heading as `### DEC-3 — …` is (`0B` beside `0A`), and
    // `Files updated:`, `Files to update:`, `Files locked:` are fields of its record.
    let listed: Vec<(usize, &str)> =
        doc.items.iter().filter(|i| i.kind == Kind::Decision).map(|i| (i.line, i.text.as_ref())).collect();
    for title in [
        "Replication Over the WireGuard Link Only",
        "Scrub on the First Sunday",
        "Hostnames Follow Site-Role-Number",
        "One Pool per Node",
    ] {
        assert!(listed.iter().any(|(_, t)| t.contains(title)), "{title}: {listed:?}");
    }
    assert!(!listed.iter().any(|(_, t)| t.starts_with("Files")), "{listed:?}");
    // The index's rows cite the records below them by id: each restates its record, so `mb
    // decisions` lists the records alone.
    let d = kb.documents.iter().position(|doc| file(doc) == "locked-decisions.md").unwrap();
    let restated: Vec<(usize, u32)> = kb::restate::restatements(&kb)[d]
        .iter()
        .map(|r| {
            assert_eq!(r.record.0, d);
            (doc.items[r.item as usize].line, r.record.1)
        })
        .collect();
    assert_eq!(restated, [(8, 15), (9, 21), (10, 29), (11, 33)]);
    // A bold title dated in a closing parenthetical dates its item (not a day to come).
    let date_of =
        |needle: &str| doc.items.iter().find(|i| i.text.contains(needle)).and_then(|i| i.date).map(|d| d.to_string());
    assert_eq!(date_of("Offsite copies move").as_deref(), Some("2026-06-28"));
    assert_eq!(date_of("Alerts go to Matrix").as_deref(), Some("2026-07-03"));
    assert_eq!(date_of("Snapshots kept for two weeks").as_deref(), Some("2026-07-05"));
    assert_eq!(date_of("Certificate renewal"), None);
}

#[test]
fn beside_a_topics_choice_its_other_lines_say_how_or_why() {
    let kb = load();
    // Under `## 1. Last Audited Host`, `- Decided to keep …` states the topic's decision and `-
    // The file is rewritten …` tells how; `- This approach keeps …` and `- This enables …` tell
    // what the line before brings. Under `## Key Decisions` every line is a decision.
    assert_eq!(
        decision_texts(document(&kb, "decisionLog-topic-lines.md")),
        [
            "Decided to keep the last audited host in a small JSON file beside the run store.",
            "Chose to replay the saved facts when a host does not answer.",
            "The sync runs on webhooks from the Git server, not on a timer.",
            "Decided to pin every collection to an exact version.",
            "Every role has its own molecule scenario.",
            "Redis holds the session cache.",
            "Version 7, one node."
        ]
    );
}

#[test]
fn bold_labels_one_under_the_other_are_a_line_each() {
    let kb = load();
    // `**Lifecycle Ownership**: …` and `**Event Cleanup**: …` on two lines of one paragraph are
    // two statements; `**Rationale**: …` under `**Log Shipping**: …` stays its field.
    let doc = document(&kb, "bold-label-lines.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Lifecycle Ownership: the inventory is the only source of truth for a host's state.",
            "Event Cleanup: every probe closes its SSH channel itself, never on drop.",
            "Log Shipping: ship the audit logs with Vector. Rationale: one agent for files and journald."
        ]
    );
    let (_, shipping) = decision(&kb, "ship the audit logs with Vector");
    assert!(field(shipping, "rationale").is_some_and(|r| r.starts_with("one agent")), "{:?}", shipping.fields);
}

#[test]
fn what_a_project_leaves_out_on_purpose_is_decided() {
    let kb = load();
    // `V1 exclusions (DO NOT BUILD)`, `What we don't add`, `Out of scope`: each item is a
    // decision not to. What is only put off (`Deferred (intentionally not shipped, may
    // return)`) is not read so.
    assert_eq!(
        decision_texts(document(&kb, "scope-brief.md")),
        [
            "❌ Dashboards shared between tenants",
            "❌ Agents for Windows hosts",
            "No CSS framework: plain CSS with custom properties is enough.",
            "Hardware inventory",
            // (A heading that names its own kind keeps it: `Next steps (don't build …)` lists
            // steps; under `Coding rules: do not add secrets …` a rule is one the team set.)
            "Never commit .env files",
            "No Kubernetes: three hosts run fine on plain systemd"
        ]
    );
}

#[test]
fn a_choice_in_prose_keeps_what_it_brings_and_its_considerations_as_fields() {
    let kb = load();
    // `… rather than through a backend. This approach:` over a list: the paragraph is the
    // decision, the list its rationale. `Benefits of this approach:` names the `pros`, and
    // `Implementation considerations:` after it one more field: none of their items decides.
    assert_eq!(
        decision_texts(document(&kb, "decisions-approach.md")),
        [
            "The console talks to each Proxmox node's API directly rather than through a backend. This approach:",
            "We've decided to render each region's inventory from its own Git repository.",
            // `We've decided to …:` decides as `We decided to …:` does: no mere introduction.
            "We've decided to send every alert through a single Gotify relay:",
            "Pages go to the on-call phone",
            "Everything else goes to the team channel"
        ]
    );
    let (_, direct) = decision(&kb, "talks to each Proxmox node's API directly");
    assert!(field(direct, "rationale").is_some_and(|r| r.starts_with("Removes a server")));
    let (_, inventory) = decision(&kb, "each region's inventory");
    assert_eq!(field(inventory, "pros"), Some("Every change is reviewed; History comes for free"));
    assert!(field(inventory, "implementation considerations").is_some_and(|c| c.contains("CMDB")));
}

#[test]
fn a_summarys_tally_of_decisions_is_none() {
    let kb = load();
    // `Storage: 2 (SQLite cache, restic repository)` counts decisions by category, and `Total
    // decisions: 4 (3 active, 1 superseded)` breaks the count down: a summary, no decisions.
    // Outside a summary the same shape sets something (`Replicas: 2 (eu-west, us-east)`).
    // Under statistics, a line that opens with its count (`12 hosts moved …`, `300+ lines of
    // role defaults`) is a figure; one that does not may still decide.
    assert_eq!(
        decision_texts(document(&kb, "decisions-summary.md")),
        [
            "Decision: One SQLite file per host, no database server.",
            "Replicas: 2 (eu-west, us-east)",
            "Each role now has its own defaults file"
        ]
    );
}

#[test]
fn a_bold_line_that_is_a_labelled_decision_states_it() {
    let kb = load();
    // A wholly bold line heads what follows (`**Minimum: AA everywhere.**`), unless it is a
    // labelled decision: `**Decision: No setup wizard. …**` is the decision itself — a
    // sentence, not a topic over the list that decides (`**Decision: Photo layout**`) nor a
    // decision still open (`**Decision: pending, …**`).
    let doc = document(&kb, "ux-spec.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Decision: No setup wizard. Open straight on the host list.",
            "Originals go to the NAS",
            "Thumbnails stay on the laptop"
        ]
    );
}

#[test]
fn a_solution_after_its_problem_in_a_pattern_is_the_patterns() {
    let kb = load();
    // `Решение` is a decision and a solution: after `**Проблема:**` under a pattern, or first
    // under `### Проблема: …`, it is the solution (its steps too); under `## Решения`
    // (decisions) it is the decision. (The pattern's heading, `### Probe Timeout Pattern` under
    // `## Паттерны`, names a pattern the team chose: a decision of its own.)
    let doc = document(&kb, "reshenie-pattern.md");
    assert_eq!(decision_texts(doc), ["Probe Timeout Pattern", "Решение: перенести бэкапы на отдельный пул с zstd."]);
    // Under a heading of a decision log it is the decision (`Перейти на Vite …`).
    assert_eq!(decision_texts(document(&kb, "reshenie-zhurnal.md")), ["Перейти на Vite вместо Webpack"]);
    let timeout = doc.items.iter().find(|i| i.text.contains("таймаут")).expect("the timeout line");
    assert_eq!((timeout.kind, timeout.field.as_deref()), (Kind::Pattern, Some("solution")));
}

#[test]
fn a_log_tables_last_cell_goes_on_under_it_to_its_pipe() {
    let kb = load();
    // The row of 2026-02-03 ends its cell on `… not by the roles. |`, past a list and a blank
    // line that Markdown reads as text of their own; the row after it is the log's.
    let doc = document(&kb, "decisionLog-cell-spill.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Back up the guests with Proxmox Backup Server",
            "Probe names differ from the role names",
            "Keep one inventory per site"
        ]
    );
    let last = doc.items.iter().find(|i| i.text.starts_with("Keep one inventory")).expect("the last row");
    assert_eq!(last.date.map(|d| d.to_string()).as_deref(), Some("2026-02-05"));
}

#[test]
fn what_the_review_of_rounds_31_to_33_found() {
    let kb = load();
    // A `**Decisions:**` label lists decisions side by side: `Decided to …` among them makes
    // the others no details.
    assert_eq!(
        decision_texts(document(&kb, "sprint-decisions.md")),
        [
            "Decided to drop IE11 support for the console",
            "PostgreSQL 16 for the main store",
            "Redis for the session cache"
        ]
    );
    // Items with their reasons under `## Libraries we dropped` are no choices.
    assert!(decision_texts(document(&kb, "tech-dropped.md")).is_empty());
    // `- Status: Rejected` under `**Context:**` is the record's status: no decision taken.
    let doc = document(&kb, "decisionLog-rejected-context.md");
    assert!(decision_texts(doc).is_empty(), "{:?}", decision_texts(doc));
    let status = doc.items.iter().find(|i| i.text.starts_with("Status:")).expect("the status line");
    assert_eq!(status.field.as_deref(), Some("status"));
}

#[test]
fn a_plain_label_over_sub_items_names_their_kind() {
    let kb = load();
    // `* Decision log:` over its dated lines: each is a decision of its day, as under `-
    // **Decision log:**`.
    let doc = document(&kb, "progress-log-labels.md");
    assert_eq!(
        dated_decisions(doc),
        [
            "2026-03-02 2026-03-02: Run store = SQLite (confirmed)",
            "2026-03-04 2026-03-04: Replay keeps 30 days of saved facts"
        ]
    );
}

#[test]
fn a_table_without_outer_pipes_lets_the_list_under_it_be() {
    let kb = load();
    // `a | b` rows never end with a pipe: the list under such a table is no cell of its last
    // row.
    assert_eq!(
        decision_texts(document(&kb, "decisionLog-bare-table.md")),
        [
            "Keep the run store in SQLite",
            "Decided to send the audit events to Loki",
            "Decided to pin the Proxmox API version per cluster"
        ]
    );
}

#[test]
fn what_lies_under_a_statement_led_by_a_bold_name_tells_why() {
    let kb = load();
    // `- **Docker Compose** for the lab …` over `- Simpler than Kubernetes …`: the sub-items say
    // why, as under `- **Health checks**: …`.
    assert_eq!(
        decision_texts(document(&kb, "docker-decisions.md")),
        ["Docker Compose for the lab and the small sites", "Health checks: on every database container"]
    );
}

#[test]
fn chinese_lines_that_report_a_fix_are_work_done() {
    let kb = load();
    // `UI 圖示修正： …` (icon fix), `…： 修正 …` (fixed), `…： 移除了 …` (removed) under `##
    // 專案決策演進` (how the decisions evolved) report work done; a line that goes on to decide
    // (`更新了 …，決定改用 YAML`) stays a decision.
    assert_eq!(
        decision_texts(document(&kb, "jueding-yanjin.md")),
        [
            "儲存方案： 確定使用 ZFS 鏡像存放備份。",
            "監控告警： 採用 Matrix 作為通知管道。",
            "預設範本： 更新了 inventory 範本，決定改用 YAML 格式。",
            "锁机制修复： 改用 Redis 分布式锁替代文件锁。"
        ]
    );
}

#[test]
fn an_implementation_approach_and_considerations_are_a_records_fields() {
    let kb = load();
    // `### Implementation Approach` and `### Considerations` after a dated entry's `###
    // Decision` and `### Rationale` tell how it was done and what was weighed.
    let doc = document(&kb, "decisionLog-considerations.md");
    assert_eq!(
        dated_decisions(doc),
        ["2026-03-27 Selected a second Proxmox Backup Server at the branch office as the offsite target."]
    );
}

#[test]
fn a_chinese_why_heading_naming_a_choice_is_that_choice() {
    let kb = load();
    // `### 4.1 为什么继续使用 Proxmox` (why we keep using Proxmox) over its reasons: the heading
    // states the choice, the bullets are its rationale.
    let doc = document(&kb, "weishenme.md");
    // Not `为什么不使用 Kafka` (why not), nor `为什么使用量…` (why usage …), under which the
    // lines are no rationale.
    assert_eq!(decision_texts(doc), ["为什么继续使用 Proxmox", "为什么 worker 固定选 ARQ"]);
    let under_usage = doc.items.iter().find(|i| i.text.starts_with("决定把批处理")).expect("the line");
    assert_eq!(under_usage.field, None);
    let reason = doc.items.iter().find(|i| i.text.starts_with("团队已经熟悉")).expect("a reason");
    assert_eq!(reason.field.as_deref(), Some("rationale"));
}

#[test]
fn what_the_review_of_rounds_35_and_36_found() {
    let kb = load();
    // `## Key Considerations` at the top of an activeContext.md is a section of its own, no
    // record's field; and sub-items under `1. **Storage** layer` or `2. **Auth** v2` (a bold
    // name and no statement) stay decisions.
    assert_eq!(
        decision_texts(document(&kb, "active-considerations.md")),
        [
            "Decided to keep Stripe as the only payment provider",
            "Chose Redis for session caching over Memcached",
            "Storage layer",
            "SQLite in development, PostgreSQL in production",
            "Auth v2",
            "Refresh tokens stored in Redis"
        ]
    );
}

#[test]
fn korean_reasons_headings_hold_rationale() {
    let kb = load();
    // `### 핵심 결정 근거` (key decision rationale) and `### 선택 이유` (reasons for the choice)
    // give the reasons for the choice above them: their bullets are its rationale.
    let doc = document(&kb, "gyeoljeong-geungeo.md");
    let listed = decision_texts(doc);
    assert!(!listed.iter().any(|t| t.contains("중복 제거") || t.contains("익숙함")), "{listed:?}");
    let reason = doc.items.iter().find(|i| i.text.contains("익숙함")).expect("a reason");
    assert_eq!(reason.field.as_deref(), Some("rationale"));
}

#[test]
fn a_line_giving_the_records_format_is_no_decision() {
    let kb = load();
    // `> Format: Date | Decision | Rationale | …` names the columns each record has.
    assert_eq!(
        decision_texts(document(&kb, "adr-format-line.md")),
        ["Decision: Keep each audit run in its own JSON file under .mb/runs."]
    );
}

#[test]
fn the_subsections_of_a_heading_record_describe_its_decision() {
    let kb = load();
    // `### Паттерн 1: …` under key technical decisions opens with its description and why it
    // was chosen (`**Почему выбран**`): one decision, and `#### Компоненты системы:` (the
    // system's components) below it lists its parts. A subsection that names a decision
    // (`#### Decision: …`) is one still, and a heading with no record over it keeps its list.
    // A part that tells what always to keep (`Keep the last ten …`) is a rule of its own, as
    // anywhere (`a_line_telling_the_team_always_or_never_to_do_something_…`).
    let doc = document(&kb, "patterns-records.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Описание: Проверки хостов дольше минуты уходят в очередь задач Почему выбран: Не держать SSH-сессию \
             открытой, повторять после сбоя",
            "Description: Every generated fix takes a ZFS snapshot of the dataset first Why chosen: A bad fix is \
             rolled back in seconds",
            "Keep the last ten fix snapshots per dataset",
            "Chose ZFS snapshots over LVM ones for the rollback",
            "Name snapshots after the run id",
            "Агент опрашивает только хосты своей площадки",
        ]
    );
}

#[test]
fn design_considerations_are_concerns_unless_a_line_adopts() {
    let kb = load();
    // An architect file's `## Design Considerations` lists what to weigh (session limits,
    // rate limits); a line there that adopts something is a decision still.
    let doc = document(&kb, "architect-concerns.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Run every probe over one SSH connection per host",
            "Keep audit runs as append-only JSON lines",
            "Adopted a bounded worker pool of 32 connections",
        ]
    );
}

#[test]
fn a_record_titled_by_the_format_it_chose_is_no_format_description() {
    let kb = load();
    // `## Decision Log Format` shows how records are written; `## Decision 004: Audit report
    // format` is a record, of the report format chosen.
    let doc = document(&kb, "decisionLog-format-titles.md");
    assert_eq!(decision_texts(doc), ["Decision: Option 2 - Write SARIF 2.1.0 beside the Markdown summary"]);
    let (_, sarif) = decision(&kb, "Write SARIF 2.1.0 beside");
    assert_eq!(sarif.date.map(|d| d.to_string()).as_deref(), Some("2026-02-11"));
}

#[test]
fn russian_what_was_done_and_why_headings() {
    let kb = load();
    // Under a progress entry that names decisions, `### Что сделано` (what was done) reports
    // the work and `### Зачем это сделано` (why it was done) gives its reasons.
    let doc = document(&kb, "progress-ru-why.md");
    assert_eq!(decision_texts(doc), ["Решение: хранить метрики 30 дней на локальном ZFS."]);
    let kinds: Vec<Kind> = doc.items.iter().filter(|i| i.line <= 9).map(|i| i.kind).collect();
    assert_eq!(kinds, [Kind::Change; 3]);
}

#[test]
fn checks_and_installs_reported_in_a_decision_log_are_work_done() {
    let kb = load();
    // `Validated …`, `Installed …` and `Audited …` report work; `… standardized on Vite` in
    // the same log settles a choice.
    let doc = document(&kb, "decisions-work-lines.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Kept the Traefik file provider for the static routes.",
            "The frontend baseline standardized on Vite with strict TypeScript.",
            "Deployment decision: the frontend deploys through a manual workflow_dispatch run.",
        ]
    );
}

#[test]
fn records_below_a_format_template_and_its_break_are_the_log() {
    let kb = load();
    // `## Format` shows a record's template; the `---` under it ends the template, and the
    // records below are the log's. A record's `When:` that holds a date dates that record
    // alone.
    let doc = document(&kb, "decisions-format-break.md");
    assert_eq!(
        dated_decisions(doc),
        [
            " Decision: Keep VM disks on one ZFS dataset each",
            "2026-01-09 Decision: Run the backup proxy as an LXC container",
        ]
    );
}

#[test]
fn a_recap_of_a_records_option_restates_it() {
    let kb = load();
    // `Decision: Option 2 - Read the SSH keys through the Vault agent socket`: the option's
    // number is not what was chosen, so the recap's `Runners read their SSH keys through the
    // Vault agent socket` restates the dated record. (`Option 2 stays the default …` is no
    // option a record took.)
    let recap = kb.documents.iter().position(|d| file(d) == "options-recap.md").unwrap();
    let log = kb.documents.iter().position(|d| file(d) == "decisionLog-options.md").unwrap();
    let restated = kb::restate::restatements(&kb);
    let lines: Vec<(usize, u32)> = restated[recap]
        .iter()
        .map(|r| {
            assert_eq!(r.record.0, log);
            (kb.documents[recap].items[r.item as usize].line, r.record.1)
        })
        .collect();
    assert_eq!(lines, [(4, 8), (5, 13)]);
}

#[test]
fn a_dated_title_over_its_reasons_and_status_is_the_decision() {
    let kb = load();
    // `### [2026-09-14] Fork the upstream exporter …` over `**Context:**`, `**Rationale:**` and
    // `**Status:**` alone: the title is what was decided (one deferred is not taken).
    let doc = document(&kb, "decisions-title-records.md");
    assert_eq!(dated_decisions(doc), ["2026-09-14 [2026-09-14] Fork the upstream exporter instead of writing our own"]);
    // In a decision log, a dated title worded with a pattern names the pattern adopted; a
    // title over context and notes alone titles notes.
    let doc = document(&kb, "decisionLog-pattern-titles.md");
    // (So does a line there that says it decided; patterns in the plural are patterns looked at.)
    assert_eq!(
        dated_decisions(doc),
        [
            "2026-09-20 2026-09-20: Adopt the sidecar pattern for log shipping",
            "2026-09-22 Decided that every pull request needs two approvals",
        ]
    );
}

#[test]
fn a_table_whose_delimiter_row_has_one_cell_too_many_is_read_as_a_table() {
    let kb = load();
    // `|------|----------|-----------||` under three header cells: CommonMark reads the lines
    // as one paragraph, but the log's writer wrote, and its reader sees, a table of rows.
    let doc = document(&kb, "decisionLog-extra-pipe.md");
    assert_eq!(
        dated_decisions(doc),
        ["2026-03-02 Scrub every pool on Sunday night", "2026-03-04 Keep one WireGuard hub per site"]
    );
    assert_eq!(doc.items.iter().map(|i| i.line).collect::<Vec<_>>(), [5, 6]);
}

#[test]
fn more_decisions_listed_inside_an_adr_leave_its_later_fields_its_own() {
    let kb = load();
    // `**Additional decisions taken:**` under an ADR's `## Decision` lists decisions of their
    // own; the `### Positive` and `### Negative` parts of its `## Consequences` after them are
    // still the ADR's fields, not decisions.
    let doc = document(&kb, "ADR-0012-more-decisions.md");
    assert_eq!(decision_texts(doc), ["Host inventory format", "OQ-3 closed: group names are lower-case with hyphens."]);
    let (_, adr) = decision(&kb, "Host inventory format");
    assert!(field(adr, "negative").is_some_and(|v| v.contains("regenerated")), "{:?}", adr.fields);
}

#[test]
fn labelled_lines_under_a_stamped_decision_are_its_fields() {
    let kb = load();
    // Under a stamped bullet, after its `Decision:`, `- Root Cause Analysis: …` and `-
    // Investigation Process:` are fields of the record, named by their labels, and the steps
    // under them are those fields' text, no decisions.
    let doc = document(&kb, "decisionLog-stamped-bullets.md");
    // (A label over choices of their own, `- Monitoring:` over `- Use node_exporter …`, heads
    // decisions.)
    assert_eq!(
        dated_decisions(doc),
        [
            "2026-01-06 Decision: Move the weekly scrub to Sunday 02:00",
            "2026-01-06 Use node_exporter on both backup hosts",
        ]
    );
    let (_, scrub) = decision(&kb, "Move the weekly scrub");
    assert!(field(scrub, "investigation process").is_some_and(|v| v.contains("timer units")), "{:?}", scrub.fields);
}

#[test]
fn a_person_who_approved_a_choice_states_it() {
    let kb = load();
    // `Dana approved MIT License …` and `Dana directed that …` under a neutral heading state
    // choices a person made; `If approved by security, …` is a condition.
    let doc = document(&kb, "human-acceptance.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Dana approved MIT License for the repository and the public issue tracker",
            "Dana directed that deploy keys live in the Vault, never in the repository",
        ]
    );
}

#[test]
fn a_heading_naming_its_choice_stands_for_the_list_of_what_it_brings() {
    let kb = load();
    // `### 1. Restic 0.17 for Offsite Backups` names what was chosen (a version, what it is
    // for), and the fragments under it say what it brings; `### 2. Monitoring Stack` is a topic
    // over its choices. A line ending in `for:` gives its purposes below it.
    let doc = document(&kb, "systemPatterns-named-choices.md");
    assert_eq!(
        decision_texts(doc),
        [
            "1. Restic 0.17 for Offsite Backups",
            "Use Prometheus for metrics",
            "Use Loki for logs",
            "3. HashiCorp Vault for SSH Certificates",
            "Audit results kept in separate files for:",
            "Use Caddy for TLS on the audit dashboard",
        ]
    );
}

#[test]
fn a_decision_logs_introduction_records_no_decision() {
    let kb = load();
    // Above the first record, `Design choices for the lab … Add new entries at the bottom.` and
    // `Firewall rules live in the Ansible repository, not here.` tell what the file holds; a
    // `Decision:` written there is one still.
    let doc = document(&kb, "decisions-introduction.md");
    assert_eq!(
        decision_texts(doc),
        ["Decision: Every host gets a static DHCP lease.", "Decision: Run Proxmox VE 8 on all three nodes"]
    );
}

#[test]
fn a_superseded_marker_under_a_records_heading_retires_it() {
    let kb = load();
    // `→ **superseded by ADR-004-r1 (same day)**` under the record's heading is its status, no
    // decision: the record is superseded, and the one after it stands. (A `**Decision (to be
    // settled in phase 1, TBD)**:` label heads options, no decisions, and `**Decision
    // (proposed)**: …` is no decision taken.)
    let doc = document(&kb, "decisionLog-archived.md");
    let decisions: Vec<(&str, Status)> =
        doc.items.iter().filter(|i| i.kind == Kind::Decision).map(|i| (&*i.text, i.status)).collect();
    assert_eq!(
        decisions,
        [
            ("Decision: Run vzdump to the NAS every night.", Status::Superseded),
            ("Decision: Move the nightly VM backups to Proxmox Backup Server.", Status::Active),
        ]
    );
}

#[test]
fn a_file_of_decisions_and_gotchas_holds_decisions_where_a_section_names_them() {
    let kb = load();
    // `# Decisions & Gotchas`: `## Design decisions` holds decisions; `## CI verification`, a
    // section named for neither, holds notes (an id, an endpoint), not decisions.
    let doc = document(&kb, "decisions-and-gotchas.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Recovery ends with a graceful nginx -s reload, never a restart",
            "Hosts are identified by MAC address and port"
        ]
    );
}

#[test]
fn a_french_record_written_as_labelled_lines_is_one_decision_with_its_fields() {
    let kb = load();
    // `**Problème** : …`, `**Décision** : …`, `**Alternatives considérées** :` — French puts a
    // space before the colon. The lines are one paragraph (hard breaks); the `Décision` line
    // is the decision, and the rejected alternatives under their label are no decisions; nor
    // are the rows under `## Décisions futures à prendre` (decisions still to take).
    let doc = document(&kb, "journal-des-decisions.md");
    assert_eq!(decision_texts(doc), ["Décision : Envoyer chaque nuit les sauvegardes vzdump vers le NAS."]);
    let (_, item) = decision(&kb, "Envoyer chaque nuit");
    assert_eq!(item.date.map(|d| d.to_string()).as_deref(), Some("2026-03-02"));
}

#[test]
fn numbered_decisions_of_a_feature_log_are_one_each_and_dated_by_their_timestamps() {
    let kb = load();
    // `DECISION-F011_metrics_gateway-003: [2026-02-11 14:05:10] - …` lines one under the other
    // are three records, each dated by its timestamp; the log's stamp and format line above
    // them are no decision.
    let doc = document(&kb, "feature-decisions.md");
    let dated: Vec<String> = doc
        .items
        .iter()
        .filter(|i| i.kind == Kind::Decision)
        .map(|i| format!("{} {}", i.date.map_or_else(|| "-".to_string(), |d| d.to_string()), i.line))
        .collect();
    assert_eq!(dated, ["2026-02-11 5", "2026-02-10 6", "2026-02-10 7"]);
    // Written with `---` under each, they are headings: each is its decision, the timestamp
    // set aside and dating it.
    let doc = document(&kb, "feature-decisions-headed.md");
    let dated: Vec<String> = doc
        .items
        .iter()
        .filter(|i| i.kind == Kind::Decision)
        .map(|i| format!("{} {}", i.date.map_or_else(|| "-".to_string(), |d| d.to_string()), i.text))
        .collect();
    assert_eq!(
        dated,
        [
            "2026-02-10 Transport - Content: restic over SFTP to the NAS, no rclone.",
            "2026-02-09 Schedule - Content: one run per night at 02:00, after the ZFS snapshots."
        ]
    );
}

#[test]
fn a_numbered_record_about_a_template_is_no_template_and_an_index_of_records_no_decision() {
    let kb = load();
    // `09_pr_template.md` is the ninth record, which chose a pull request template.
    assert_eq!(
        decision_texts(document(&kb, "09_pr_template.md")),
        ["Adopted option 2: a checklist template at .github/pull_request_template.md with these parts:"]
    );
    // The folder's README introduces the records and lists them (`09_pr_template.md` — what it
    // is about): each record is listed where it is written.
    assert_eq!(decision_texts(document(&kb, "README.md")), Vec::<&str>::new());
}

#[test]
fn a_product_named_after_its_decisions_holds_none() {
    let kb = load();
    // `Feature Context: Alert Router & Experience-Based Decision MVP`, `告警路由决策引擎` (a decision engine):
    // a feature that makes decisions; what is in its scope is no decision taken (what it
    // leaves out of scope is, as in any brief).
    assert_eq!(decision_texts(document(&kb, "feature-context.md")), ["Learning from chat transcripts."]);
    assert_eq!(decision_texts(document(&kb, "feature-context-zh.md")), Vec::<&str>::new());
}

#[test]
fn related_decisions_are_references_and_a_templates_examples_no_decisions() {
    let kb = load();
    // `**Related Decisions**: Decision #7 (…)` links a note to a decision.
    assert_eq!(decision_texts(document(&kb, "error-catalogue.md")), Vec::<&str>::new());
    // `_(Use this to record …)_` over `- [Date]: Decision A`: a template's note and examples,
    // in English and in Japanese.
    assert_eq!(decision_texts(document(&kb, "progress-history.md")), Vec::<&str>::new());
}

#[test]
fn user_stories_ask_for_something_and_decide_nothing() {
    let kb = load();
    // `US-FO-001: As an operator, I want …` and `作为运维人员，我希望…` (as an operator, I want …)
    // under a heading that names decisions, with the rules the story lists: requirements. The
    // section below states the decision.
    // (A line under a requirement that decides itself is a decision: `Decided: store uploads in
    // MinIO …` under `FR-3 (Uploads): chosen approach`.)
    assert_eq!(
        decision_texts(document(&kb, "feature-stories.md")),
        ["Decided: store uploads in MinIO, not in PostgreSQL.", "Patroni manages the PostgreSQL failover."]
    );
}

#[test]
fn a_bold_statement_under_a_decision_label_alone_on_its_line_is_the_decision() {
    let kb = load();
    // `**最终决策:**` (final decision) alone, then the decision in bold on a line of its own: the
    // statement, not a pseudo-heading; `**决策背景:**` (the decision's background), `**决策理由:**`
    // (its reasons) and `**后续行动:**` (follow-up actions) are its fields.
    assert_eq!(
        decision_texts(document(&kb, "decisionLog-labels-alone.md")),
        [
            "批准将所有 vzdump 备份统一写入 NAS 上的 NFS 存储。",
            "Serve every web app through Caddy.",
            "决策结果: 采用 NATS JetStream 作为消息队列。"
        ]
    );
    // (`**Option A: Prometheus**` under a lone `**Decision:**`, with `**Option B: …**` after it,
    // is an option weighed; `决策结果`, MADR's decision outcome, is the decision.)
    let (_, nas) = decision(&kb, "统一写入 NAS");
    assert_eq!(nas.date.map(|d| d.to_string()).as_deref(), Some("2026-03-04"));
}

#[test]
fn a_date_labelled_in_a_day_first_language_is_read_day_first() {
    let kb = load();
    // `**Fecha:** 04/03/2026` may be read either way, and a date so written is left undated —
    // unless its label is Spanish (`Fecha`), German (`Datum`), Portuguese or Italian (`Data`),
    // which write the day first: 4 March.
    let dated: Vec<String> = dated_decisions(document(&kb, "registro-decisiones.md"));
    assert_eq!(
        dated,
        [
            "2026-03-04 Decisión: Guardar las copias de vzdump en el NAS y no en los nodos",
            "2026-03-12 Decisión: Caddy delante de cada aplicación web"
        ]
    );
}

#[test]
fn labelled_lists_after_a_records_decision_are_its_parts() {
    let kb = load();
    // After `**Decision**: …`, a label ending in a field's name (`**Cost analysis**:`,
    // `**Security considerations**:`) or saying what was built (`**What we built**:`) heads
    // one more of its fields. A label naming a topic heads what was decided about it
    // (`**Agents**:` over `- Use Go …`, `**Backend**:` over `- Go 1.22 for all services`).
    assert_eq!(
        decision_texts(document(&kb, "decisionLog-launch.md")),
        [
            "Decision: Offer the offsite backup free to the first 20 households, then a waitlist.",
            "Decision: Two choices for every new agent.",
            "Use Go for every agent",
            "Adopt systemd timers instead of cron",
            "Decision: Standardize the stack across all services.",
            "Go 1.22 for all services",
            "PostgreSQL 16 as the only database",
            "Decision: Publish one read-only status page per household.",
            "The last snapshot and its size",
            "The next scheduled run",
            "Decision: Check each webhook's signature before any work.",
            "Tokens kept unencrypted in SQLite: the disk is encrypted at rest",
            "Decision: Put Caddy in front of the status pages.",
            "Blackbox probes on each vhost",
            // A label holding a date (`**Update 2026-02-20**:`) is a later entry, no field.
            "Replaced Alertmanager with Grafana alerting",
            // A label asking why outside a record heads no rationale.
            "Moved the API to two VMs on the cluster",
            "Kept PostgreSQL on the NAS",
            // `**What we tried first**:` is its history, `**Not doing**:` its alternatives.
            "Decision: Forward the journal of every host with Vector."
        ]
    );
    let (_, alerting) = decision(&kb, "Replaced Alertmanager with Grafana");
    assert_eq!(alerting.date.map(|d| d.to_string()).as_deref(), Some("2026-02-20"));
    // A topic label does not end the record: a field after it (`**Why**:`, `**Cost
    // analysis**:`) is still the record's, and a label asking why (`**Why these tradeoffs**:`)
    // gives the rationale (here of the tradeoff accepted last, which it explains).
    let (_, page) = decision(&kb, "one read-only status page");
    assert_eq!(field(page, "cost analysis"), Some("Static pages on the NAS cost nothing extra"));
    assert_eq!(field(page, "rationale"), Some("Households stop asking whether last night's backup ran"));
    let doc = document(&kb, "decisionLog-launch.md");
    let reasons: Vec<_> = doc.items.iter().filter(|i| i.text.starts_with("Per-household secrets")).collect();
    assert!(reasons.len() == 1 && reasons[0].field.as_deref() == Some("rationale"));
    let (_, free) = decision(&kb, "free to the first 20 households");
    assert_eq!(field(free, "cost analysis"), Some("B2 storage: about $6 a month for all of them"));
    assert!(field(free, "implementation").is_some_and(|v| v.contains("signup page")));
}

#[test]
fn a_bold_title_with_a_qualifier_in_brackets_heads_its_list() {
    let kb = load();
    // `**Recent Decisions** (this sprint)` over a list heads it as a wholly bold line does:
    // the list's items are the decisions, the title none. A bold phrase with more words after
    // its bracket is a sentence, and a bold decision with a note is the decision.
    let doc = document(&kb, "progress-qualified-labels.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Proxmox VE carries every guest on the three rack nodes",
            "Mirrored ZFS vdevs on each storage node, never raidz",
            "Borgmatic pushes the offsite copies to the rented box",
            "The scrub timer now fires on Sunday nights",
            "Adopt Vaultwarden (not Bitwarden cloud)",
            "Keep the old switch (for now)"
        ]
    );
    assert!(doc.items.iter().any(|i| i.text == "Pi-hole (stays on the old NUC) was left alone."));
}

#[test]
fn a_log_entry_that_edits_or_checks_a_file_decides_nothing() {
    let kb = load();
    // A decision log kept as a work log (`### Decision (Hostname Fix)` over `[…] - Updated
    // roles/common/templates/hosts.j2.`): a file edited or checked is work done.
    let doc = document(&kb, "decisionLog-file-edits.md");
    assert_eq!(decision_texts(doc), ["[2026-03-02 11:20:00] - Keep seven daily snapshots on the archive pool."]);
    let kinds: Vec<Kind> = doc.items.iter().filter(|i| i.field.is_none()).map(|i| i.kind).collect();
    assert_eq!(kinds, [Kind::Change, Kind::Change, Kind::Decision]);
}

#[test]
fn a_section_on_how_decisions_are_made_decides_nothing() {
    let kb = load();
    // `### Decision Making Process` over where each kind of decision is written down: how the
    // team decides, not what it decided — but a choice stated there is one.
    assert_eq!(
        decision_texts(document(&kb, "deciding-process.md")),
        [
            "Ingress: HAProxy in front of both web VMs",
            "Switched from hallway calls to written RFCs for every schema change",
            "Adopted a two-approver rule for production deploys"
        ]
    );
}

#[test]
fn a_current_status_in_another_language_is_the_focus() {
    let kb = load();
    // `## 当前状态` (current status) in a decision log says where things stand, as `## Current
    // Status` does: no decisions — but a stamp under a `### Decision (…)` heading after it is
    // that heading's decision.
    let doc = document(&kb, "jueding-zhuangtai.md");
    assert_eq!(decision_texts(doc), ["系统日志在日志主机上保留九十天"]);
    assert!(doc.items.iter().filter(|i| i.text.starts_with('✅')).all(|i| i.kind == Kind::Focus));
    let doc = document(&kb, "status-then-stamps.md");
    assert_eq!(decision_texts(doc), ["[2026-03-06 14:20:00] - 房间代码改为六位十六进制。"]);
}

#[test]
fn a_label_asking_why_of_a_choice_gives_its_reasons() {
    let kb = load();
    // `### Access Proxy: Pomerium` over `**Why Pomerium?**` and its reasons, then
    // `**Alternatives Considered**:` and `**Decision**: …`: one record, its reasons a
    // rationale. With no `Decision` line, the heading that names the choice is the decision,
    // and the labels after its reasons (`**Ports (inside → outside)**:`, `**Retention 2.0
    // Policy**:`) name its parts.
    // The reasons end where their list does: a paragraph after them states what it states.
    // A label asking of nothing the heading names (`### Open Questions` over `**Why this
    // matters**:`) gives no reasons of a choice.
    let doc = document(&kb, "techContext-why.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Decision: Pomerium guards every internal dashboard.",
            "Offsite Copies: restic to B2",
            "Metrics: VictoriaMetrics",
            "Scrapes run every 30 seconds on every host."
        ]
    );
    let (_, pomerium) = decision(&kb, "Pomerium guards every internal dashboard");
    assert!(field(pomerium, "rationale").is_some_and(|r| r.contains("Single sign-on")));
    let (_, restic) = decision(&kb, "Offsite Copies: restic to B2");
    assert_eq!(field(restic, "rationale"), Some("Deduplicated, encrypted snapshots"));
    assert_eq!(field(restic, "retention 2.0 policy"), Some("Seven dailies, four weeklies"));
    // A label telling a story (`**Why we left the VPS**:`) gives no reasons of a choice.
    let moved = doc.items.iter().find(|i| i.text == "Moved the wiki to the cluster").expect("the move");
    assert!(moved.field.is_none());
}

#[test]
fn what_is_left_out_on_purpose_in_chinese_is_decided() {
    let kb = load();
    // `## 明确不做` (explicitly not doing), `## 暂不采用` (not adopted for now) and `## 有意不做`
    // (intentionally not doing) hold decisions not to, as `What we don't add` does; a phase's
    // bare `### 不做` (not doing) is its scope, and an option marked `（不采用）` is one given up.
    assert_eq!(
        decision_texts(document(&kb, "buzuo.md")),
        ["网页控制台", "多站点同步", "Kubernetes：三台主机用不上", "Ceph：存储节点太少", "不支持手机端"]
    );
}

#[test]
fn a_row_whose_status_says_it_is_still_to_design_decides_nothing() {
    let kb = load();
    // `P1, design needed`, `TBD` in a decision table's Status column: still to settle.
    assert_eq!(
        decision_texts(document(&kb, "active-decisions-table.md")),
        ["Keep the VPN concentrator on the edge VM"]
    );
}

#[test]
fn a_label_naming_another_kind_inside_a_record_is_one_of_its_parts() {
    let kb = load();
    // `**Patterns Used**:` and `**Lessons Learned**:` between a record's fields had ended it:
    // `**Key Components**:` after them listed its parts as decisions, and `**Impact**:` was the
    // field of a record with no decision.
    // A line there that says it decided is a decision of its own, and what follows the
    // label's list is read afresh (found by review: `**Next Steps**:` had swallowed both).
    let doc = document(&kb, "decisionLog-kind-labels.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Decision: Cache the parsed inventory per commit in SQLite.",
            "Decision: Keep build artifacts in MinIO on the storage node.",
            "Decided to rotate the MinIO access key every month",
            "We decided to move the CI runners to the second site."
        ]
    );
    let (_, cache) = decision(&kb, "Cache the parsed inventory per commit");
    assert_eq!(field(cache, "impact"), Some("Audits start in under a second"));
    assert!(field(cache, "key components").is_some_and(|c| c.contains("CacheStore")));
    assert!(field(cache, "lessons learned").is_some());
}

#[test]
fn a_japanese_decision_content_label_is_the_decision_field() {
    let kb = load();
    // `**決定内容**:` (the decision's content) under a dated heading that adopts (`…採用`) is the
    // record's decision: listed once, there, not beside its heading too.
    let doc = document(&kb, "kettei-naiyou.md");
    assert_eq!(decision_texts(doc), ["決定内容: ダッシュボードを機器ごとのカード表示に統一した。"]);
    let (_, cards) = decision(&kb, "ダッシュボードを機器ごとのカード表示");
    assert_eq!(field(cards, "rationale"), Some("全台の状態を一目で確認できる"));
}

#[test]
fn the_criteria_a_choice_is_weighed_by_decide_nothing() {
    let kb = load();
    // `**Decision Criteria for Moving to Kubernetes**:` lists when to look again, not choices;
    // an entry that settles a criterion (`## 2026-04-02 Decision criterion: p95 …`) decides.
    assert_eq!(
        decision_texts(document(&kb, "adr-criteria.md")),
        [
            "Decision: Run the status API on a managed container service.",
            "Adopted p95 under 200 ms as the gate for every release."
        ]
    );
}

#[test]
fn a_label_naming_the_log_of_decisions_points_at_it() {
    let kb = load();
    // `**Decision Log**: [decisionLog.md …]` and `**Registro de Decisiones**: […]` among an
    // ADR's references point at where decisions are kept; they had started a record each, and
    // the ADR's revision notes after them had become decisions of their own. (Outside the
    // references, `**Log decisions**: …` still decides about logs.)
    assert_eq!(
        decision_texts(document(&kb, "adr-refs.md")),
        [
            "Decision: Dispatch backup jobs through NATS JetStream.",
            "Log decisions: ship JSON lines from every host to Loki."
        ]
    );
}

#[test]
fn a_decision_label_over_a_reviews_verdict_decides_nothing() {
    let kb = load();
    // A ticket log's `**Decisions:** PASS — …` and `FAIL — …` are what a review found; a
    // proposal's `**Decision:** APPROVED — …` decides it.
    assert_eq!(
        decision_texts(document(&kb, "ticket-verdicts.md")),
        [
            "Decisions: Copy the hooks instead of symlinking them, so Windows checkouts work",
            "Decision: APPROVED — switch every host to apt-cacher-ng in sprint 12"
        ]
    );
}

#[test]
fn a_label_joining_notes_with_decisions_lists_decisions() {
    let kb = load();
    // `## Notes / decisions` in a dated task entry lists the entry's decisions; it had been the
    // entry's `notes` field, as `## Context / notes` still is its context. Another field beside
    // decisions (`## Alternatives / decisions`), decisions not taken (`## Notes / rejected
    // decisions`) and a label with its value (`**Notes / decisions:** None yet.`) stay fields.
    assert_eq!(
        dated_decisions(document(&kb, "tray-release.md")),
        [
            "2026-05-23 No shell plugin — every call to the package manager is built from typed enums.",
            "2026-05-23 No telemetry, no accounts.",
            "2026-05-23 ARM builds only for now; Intel builds deferred.",
            "2026-05-30 Uploads go straight to S3 with presigned URLs."
        ]
    );
    let (_, uploads) = decision(&kb, "Uploads go straight to S3");
    assert_eq!(field(uploads, "alternatives"), Some("Proxying uploads through the API (rejected: doubles egress)."));
}

#[test]
fn a_bold_why_over_lead_states_the_choice_it_explains() {
    let kb = load();
    // `**Why X over Y:** reasons`, `**Why X instead of Y?** …` and `**Why X, not Y:** …` state
    // that choice, in any section; a story (`Why we were down over the weekend`), a diagnosis
    // (`Why the API returns 500 instead of 404`), a label with no reason after it, a record's
    // `**Why Option A over B**:` (its rationale) and one beside a decision (its reasons) do not.
    assert_eq!(
        decision_texts(document(&kb, "why-over.md")),
        [
            "Why a data URL over the asset protocol: an icon is a few kilobytes, and one call per icon needs no extra scope.",
            "Why SHA-256 instead of the default hasher? The default hasher is seeded per process, so its keys would change on every start.",
            "Why Python, not Rust: the tick is cheap; model latency is the bottleneck.",
            "Decision: Run jobs through NATS JetStream.",
            "Decision: Hash cache keys with SHA-256.",
            "Why Vite over webpack?",
            "Why Caddy (not nginx)",
            "Why Proxmox over ESXi",
        ]
    );
    let (_, queue) = decision(&kb, "Run jobs through NATS JetStream");
    assert_eq!(field(queue, "rationale"), Some("One broker fewer to run."));
    // Asked by a heading, the choice is the heading and what is under it its reasons; a
    // diagnosis (`### Why the nightly build fails over 2 GB`) is none, and what is under it keeps
    // the kind its section gives.
    let (_, vite) = decision(&kb, "Why Vite over webpack?");
    assert_eq!(field(vite, "rationale"), Some("The dev server starts in under a second and needs no loader config."));
    let (_, caddy) = decision(&kb, "Why Caddy (not nginx)");
    assert!(field(caddy, "rationale").is_some_and(|r| r.contains("renew themselves") && r.contains("one file")));
    // Its subsections are its parts, named by their titles; a diagnosis with `over` in it
    // (`Why requests time out over IPv6`, `Why the VIP moves over to node2`) is none.
    let (_, proxmox) = decision(&kb, "Why Proxmox over ESXi");
    assert_eq!(field(proxmox, "licensing"), Some("The free ESXi licence ended."));
    assert_eq!(field(proxmox, "hardware support"), Some("the NICs in the NUCs work out of the box"));
}

#[test]
fn decisions_a_title_says_are_needed_and_a_feature_named_after_one_decide_nothing() {
    let kb = load();
    // `## What Is Incomplete or Needs Decisions` holds what is still to decide, and `##
    // Ghost-Decision Filter + Retry Nudge` names a feature (a hyphenated compound before another
    // noun): their lists had been decisions.
    // (`## Needs a Decision` is still to decide, and no field of the list above it, which it
    // had made a record not taken; `## Operator Needs & Decisions` names needs beside
    // decisions; a plural compound heads its title whatever follows it.)
    assert_eq!(
        decision_texts(document(&kb, "progress-open-items.md")),
        [
            "Run the uploader as a systemd user service.",
            "Alerts go to the on-call phone, not to email.",
            "PostgreSQL bleibt die Hauptdatenbank."
        ]
    );
}

#[test]
fn roo_log_lines_stamped_alike_and_stamped_headings() {
    let kb = load();
    // A stamped `## [ts] - Decision: …` heading is a decision with nothing under it (it had been
    // listed only over a body) and keeps its own date when a stamped line follows it (that line
    // opens the next entry, no summary of the heading's); a stamped record ended by `---` (a
    // setext heading) is a decision with its fields; and `[ts] - Rationale: …` lines under
    // `[ts] - Decision: …` are that decision's reasons, not decisions of their own.
    assert_eq!(
        dated_decisions(document(&kb, "roo-stamped-lines.md")),
        [
            "2025-05-02 Keep the inventory in one YAML file",
            "2025-05-02 Run Molecule tests in CI",
            "2025-05-02 [2025-05-02 11:15:00] - Decision: Cache Galaxy roles between CI runs.",
            "2025-05-03 Probe hosts over SSH multiplexing.",
            "2025-05-04 [2025-05-04 01:09:00] - Decision: Pin ansible-core to 2.17.",
            "2025-05-06 Put Caddy in front of the dashboards",
            "2025-05-07 Move the fact cache to Redis"
        ]
    );
    let (_, ssh) = decision(&kb, "Probe hosts over SSH multiplexing");
    assert_eq!(field(ssh, "rationale"), Some("one TCP handshake per host instead of one per task"));
    assert_eq!(field(ssh, "implementation"), Some("ControlMaster auto with a 60 s ControlPersist"));
    // (The stamped field lines are the decision's fields; a line stamped as its heading is,
    // the heading's summary.)
    let (_, pin) = decision(&kb, "Pin ansible-core to 2.17");
    assert_eq!(field(pin, "rationale"), Some("2.18 dropped Python 3.10 on the controller."));
    let (_, redis) = decision(&kb, "Move the fact cache to Redis");
    assert_eq!(field(redis, "summary"), Some("Redis 7 on the existing cache host, sessions included"));
}

#[test]
fn alternatives_rejected_in_german_and_a_german_template_decide_nothing() {
    let kb = load();
    // `**Alternativen verworfen:**` (alternatives rejected) after a record's numbered
    // `**Entscheidungen:**` is its alternatives, no more decisions; `## Template für neue
    // Entscheidungen` and a `[Was entschieden wurde]` placeholder decide nothing.
    assert_eq!(
        dated_decisions(document(&kb, "decisionLog-verlauf.md")),
        ["2026-02-03 Open-Meteo für das Wetter", "2026-02-03 Nominatim für Adressen"]
    );
}

#[test]
fn an_adrs_options_implementation_and_files_are_parts_of_its_one_decision() {
    let kb = load();
    // `### 2. Push to a gateway instead` over `**Rejected**: …`, after the first option's
    // `**Rejected**:`, had started a record of its own (a label met again), and with it the
    // `## Implementation` phases became decisions.
    assert_eq!(
        decision_texts(document(&kb, "012-metrics-endpoint.md")),
        ["Serve every exporter's metrics under one versioned /metrics/v1 endpoint."]
    );
    let (_, metrics) = decision(&kb, "Serve every exporter's metrics");
    assert!(field(metrics, "implementation").is_some_and(|v| v.contains("24 tests passing")));
}

#[test]
fn a_section_after_an_entrys_fields_under_the_files_title_is_its_own() {
    let kb = load();
    // `## Recent Changes` after `## Decision` and `## Rationale` under the file's `# Active
    // Context` is a section of the file, no part of the pull-mode record (a review found an
    // intermediate build folding it in, and its switches with it).
    assert_eq!(
        decision_texts(document(&kb, "active-entry-sections.md")),
        [
            "Run Ansible in pull mode.",
            "Switched the Samba share to fruit:locking = none.",
            "Replaced cron with systemd timers."
        ]
    );
}

#[test]
fn a_paragraph_telling_what_a_choice_brings_over_a_list_gives_its_reasons() {
    let kb = load();
    // `This approach allows for:` and the list under it say what the choice above brings; the
    // paragraph had been a decision of its own. (`This sprint makes three changes to the
    // stack:` introduces decisions: found by review.)
    assert_eq!(
        decision_texts(document(&kb, "rag-layers.md")),
        [
            "Retrieval runs on pgvector in the main Postgres instance.",
            "Pin the base image by digest.",
            "Run CI on the self-hosted runners.",
            "Deploy with Ansible pull mode."
        ]
    );
}

#[test]
fn an_adoption_in_traditional_chinese_is_a_decision_in_any_section() {
    let kb = load();
    // `採用 DDD 架構…` and `本服務採用 gRPC…` adopt, as Simplified `采用` does; Japanese beside
    // them (`採用担当`, hiring; `意思決定の…`, decision-making) adopts nothing.
    assert_eq!(
        decision_texts(document(&kb, "architect-tw.md")),
        ["採用 DDD 架構，業務邏輯與技術細節分離。", "本服務採用 gRPC 對內通訊。"]
    );
}

#[test]
fn a_log_that_writes_its_days_first_is_read_day_first() {
    let kb = load();
    // `Decision [03-02-2026 09:15:00]:` labels a decision with its stamp, and the file's
    // `17-02-2026` shows it writes the day first: 3 February, not left undated. A bold line
    // that is a labelled decision over its `**Rationale:**` states it (it had headed nothing,
    // and vanished from the list); over a list, `**Decision: Storage layout**` names the
    // topic its items decide. A stamp line labelled `**Decision:**` is its own record, in
    // any file: the `Decision [17-02-2026 …]` after it had taken it for its title.
    assert_eq!(
        dated_decisions(document(&kb, "stamped-day-first.md")),
        [
            "2026-02-03 Decision [03-02-2026 09:15:00]: Pause the Ceph rollout and fix the corosync ring first.",
            "2026-02-05 Decision [05-02-2026 10:00:00]: Pin the Proxmox kernel on the backup node",
            " Keep VM disks on the NVMe mirror",
            " Keep backups on the raidz2 pool",
            "2026-02-09 [09-02-2026 21:12:00] - Decision: Give each host its own restic repository. Finding: one \
             shared repository locked under parallel runs.",
            "2026-02-09 [09-02-2026 21:14:00] - Decision: Prune the repositories from the backup node only. \
             Finding: hosts pruning their own repository raced each other.",
            "2026-02-17 Decision [17-02-2026 08:00:00]: Send restic alerts to the on-call channel",
            "2026-02-17 Check every snapshot with restic check once a week",
        ]
    );
    let (_, kernel) = decision(&kb, "Pin the Proxmox kernel");
    assert!(field(kernel, "rationale").is_some_and(|v| v.contains("HBA firmware")));
    // A dated `## [17-02-2026 18:15:02] Backup hardening` after the stamped lines is an entry
    // of its own, not a part of the last stamp's (found by review: once that stamp was a
    // decision, the `### Decision` under the heading had become its details).
    let (doc, check) = decision(&kb, "Check every snapshot with restic check");
    assert_eq!(doc.entries[check.entry].title, "[17-02-2026 18:15:02] Backup hardening");
    // A file whose dates show both orders (`14-04-2026` and `04-14-2026`) reads neither.
    assert_eq!(
        dated_decisions(document(&kb, "stamped-either-way.md")),
        [
            " Decision [03-02-2026 09:15:00]: Run the tank scrub right after the monthly restore test.",
            " Decision [04-05-2026 10:00:00]: Move the tank scrub to Saturday nights.",
        ]
    );
}

#[test]
fn a_bold_decision_over_its_fields_is_one_and_over_prose_a_topic() {
    let kb = load();
    // `**Decision: Authentik for SSO**` over its `**Rationale:**` states it; `**Decision:
    // Database**` over a paragraph and a list names their topic (found by review: a first
    // version listed it, looking only at the next line). A date in a fenced log line
    // (`13/03/2026`) tells nothing of the order the file's authors write theirs, so
    // `Decision [02/03/2026]` stays undated. A `[…] - **Decision:** …` line under `###
    // Decision (Code)`, before a break, states the record's decision: it had been taken for
    // a stamp closing the record above.
    assert_eq!(
        dated_decisions(document(&kb, "decision-bold-topics.md")),
        [
            " Decision: Authentik for SSO",
            " Prisma for every new service",
            " Raw SQL for the reporting jobs",
            " Use PostgreSQL 16 in a container",
            " Decision: Put Traefik in front of the dashboards.",
            " Decision [02/03/2026]: Put Home Assistant on its own VLAN",
            "2026-04-02 [2026-04-02 14:30:00] - Decision: Expose the dashboards through the tunnel only Rationale: no \
             port stays open on the router",
        ]
    );
    // (Over a list, a bold `Decision` that opens with a verb still names a topic: `Use of
    // ORMs` over what was chosen for it — a version that read a verb of choice as a stated
    // decision made topics decisions and their items details, found by review. And the
    // bold decision after the `Database` topic's list answers nothing of it: its last item
    // had been read as the problem that decision solved.)
}

#[test]
fn a_status_that_says_it_was_applied_keeps_its_decision_whatever_its_notes_await() {
    let kb = load();
    // `**Status:** Applied 2026-04-28. … the field check … is still pending`: what is pending is
    // the check, not the decision; `pending` alone (`Pending review …`) still says it was not
    // taken.
    assert_eq!(
        dated_decisions(document(&kb, "decisionLog-applied-status.md")),
        ["2026-04-28 Decision: Comment out the rate check in the scrub watcher."]
    );
}

#[test]
fn a_plural_label_in_any_language_heads_its_decisions() {
    let kb = load();
    // `Ключевые решения:`, `Wichtige Entscheidungen:`, `Kararlar:` head their lists as `Key
    // decisions:` does: their plurals end in no `s`, and a one-word name of a kind had to.
    // (The two parts right under `## Архитектура` are its stack written part by part:
    // `the_whole_systems_architecture_written_part_by_part_is_its_stack`.)
    assert_eq!(
        dated_decisions(document(&kb, "systemPatterns-label-plurals.md")),
        [
            " Сбор: экспортёры на каждом узле",
            " Хранение: один VictoriaMetrics",
            " Метрики забираем по pull, НЕ по push",
            " Доступ только на чтение — роль и прокси",
            " Backups laufen nachts über Restic",
            " Kein Root-Login per SSH",
            " Entscheidung: Die Firewall bleibt auf dem Router.",
            " Yönetim ağı ayrı bir VLAN üzerinde kalır",
        ]
    );
}

#[test]
fn a_title_over_labelled_sub_items_with_a_decision_is_that_record_s_title() {
    let kb = load();
    let doc = document(&kb, "activeContext-clarified-decisions.md");
    // `- **Backup format**: …` over `- **User Question**: …`, `- **Technical Decision**: …` and
    // `- **Implementation**: …`: the labelled sub-items are one record, the `Decision` its
    // decision and the line above its title; the next item at the title's level is no field of
    // it (it had been, named `monitoring only on the lan`), and under `**Alternatives
    // Considered**:` an option's `Decision:` still weighs that option.
    assert_eq!(
        dated_decisions(doc),
        [
            " Technical Decision: restic, for its S3 backend and its locking",
            " ✅ Monitoring only on the LAN: Grafana stays off the tunnel",
            " Technical Decision: Pin Unbound to 1.17 until the upstream fix lands",
            " Decision: restic to the B2 bucket",
        ]
    );
    // (A `Status` that says it is still open beside the `Decision` is the issue's, `- **DNS
    // flapping**` over `- **Status**: Open`: the decision stands, as it did before the rule;
    // `- **Status**: Accepted` is the record's, whose title is no decision of its own.)
    let decision = doc.items.iter().find(|i| i.text.starts_with("Technical Decision")).unwrap();
    let fields: Vec<&str> = decision.fields.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(fields, ["title", "user question", "implementation"]);
}

#[test]
fn a_question_naming_one_thing_over_its_reasons_states_that_choice() {
    let kb = load();
    // `### Why Proxmox?` and `### Why restic/rclone?` over their reasons state those choices, as
    // `### Why we chose Proxmox` does; a diagnosis (`Why does the backup lag?`), an option's
    // reasons (`### Why Caddy?` under `## Option 1: Caddy`) and a bold `**Why ZFS?**` over a
    // list state none; nor do a symptom (`### Why High CPU?`, `### Why Flaky DNS?`) and an
    // option weighed under `##
    // Alternatives Considered` (`### Why Traefik?`), found by review.
    assert_eq!(
        dated_decisions(document(&kb, "techContext-why-headings.md")),
        [" Why Proxmox?", " Why restic/rclone?", " Why Home Assistant?"]
    );
    // Inside an ADR's `## Rationale`, such questions are parts of its reasons: the ADR stays one
    // record, its alternatives still weighed.
    let adr = document(&kb, "adr-rationale-questions.md");
    assert_eq!(dated_decisions(adr), [" Back up every guest with restic to the NAS, nightly."]);
    let question = adr.items.iter().find(|i| i.text == "Why Encryption?").unwrap();
    assert_eq!(question.field.as_deref(), Some("rationale"));
}

#[test]
fn a_heading_over_a_labelled_list_of_its_reasons_states_its_choice() {
    let kb = load();
    // `### 1. ZFS on every data pool` under `## Key Design Decisions`, over `**Rationale:** …`
    // and a list under `**Benefits:**` (or under `**Why:**` alone): the heading is the
    // decision and the lists its fields, as over labelled lines. Benefits alone
    // (`### 4. Tailscale for phones`) tell what a thing brings, and a heading of
    // considerations holds none; nor does a list of alternatives (`### 5. Remote access` over
    // `**Alternatives:**`) or a question over its reasons (`### 6. Should we move to IPv6?`),
    // found by review.
    let doc = document(&kb, "architecture-key-design.md");
    assert_eq!(
        dated_decisions(doc),
        [" 1. ZFS on every data pool", " 2. WireGuard between the sites", " 3. Caddy as the only reverse proxy"]
    );
    let benefit = doc.items.iter().find(|i| i.text == "Every block is checksummed").unwrap();
    assert_eq!(benefit.field.as_deref(), Some("pros"));
}

#[test]
fn a_major_decision_label_states_one_and_heads_a_list_as_a_heading() {
    let kb = load();
    // `**重大决策**:` (major decision) under `### 决策4: …` is the record's decision, its
    // `**实施策略**:` steps no decisions; `### 重要决策` (important decisions) heads the list
    // under it, each item a decision, and `重要决策：…` in a dated log line states one. A
    // labelled paragraph that a `---` right under it makes a heading (`**理由:** …`) gives
    // reasons; the record after it decides `界面改进`.
    assert_eq!(
        dated_decisions(document(&kb, "technicalDecisions-zh-major.md")),
        [
            "2025-06-12 重大决策: 所有虚拟机改用 restic 每晚备份到 NAS",
            " 监控统一使用 Prometheus",
            " 日志保留 30 天",
            "2025-05-09 [2025-05-09] 重要决策：冻结备份模块的配置，后续不再修改已验证的部分。",
            "2025-07-10 决策: 把字幕数据的加载从自动触发改为手动触发。",
            "2025-07-10 界面改进: 未选择轨道时弹出提示，阻止后续操作。",
            // (After a line of another label, `**完成**: …` (done), the label's line is an
            // item of its own; `**重要な決定**:` is the Japanese label — found by review.)
            " 重要决策: 暂停 Kubernetes 迁移",
            "2025-08-01 重要な決定: 8TB のディスクを二台買う",
        ]
    );
}

#[test]
fn a_label_naming_decisions_made_heads_them_and_achievements_are_changes() {
    let kb = load();
    // `- **Decisions Made:**` and `- **Choices made:**` over sub-items name what was decided:
    // the sub-items are the decisions, the labels none (they had been one decision each, their
    // sub-items its details); `- **Recent Achievements:**` lists work done, no decision even
    // in a section that also names decisions.
    let doc = document(&kb, "currentStatus-decisions-made.md");
    assert_eq!(
        dated_decisions(doc),
        [" Keep restic for every guest.", " Retire the old USB backup disk.", " Grafana stays on the monitoring VM."]
    );
    let done = doc.items.iter().find(|i| i.text == "Added a weekly scrub.").unwrap();
    assert_eq!(done.kind, Kind::Change);
}

#[test]
fn technical_debt_is_work_owed_not_decisions() {
    let kb = load();
    // In a decision log, `## Technical Debt` over `| Item | Description | Severity | Plan to
    // Address |` (and `## Tech debt` or `## 技术债务` over a list) lists work still owed: its
    // rows had been decisions, as the rows of any other section of the log are. Debt accepted
    // (`## Accepted Technical Debt`) is a decision, found by review.
    let doc = document(&kb, "decisionLog-debt-table.md");
    assert_eq!(
        dated_decisions(doc),
        [
            "2025-03-31 Run Postgres on the storage node",
            "2025-04-02 Ship logs to Loki",
            "2025-06-01 No TLS on the internal MQTT broker — LAN only — When the CA is up",
        ]
    );
    let debt = doc.items.iter().find(|i| i.text.starts_with("Alert routing")).unwrap();
    assert_eq!(debt.kind, Kind::NextStep);
}

#[test]
fn an_agent_mode_named_in_a_decision_s_reasons_leaves_it_a_decision() {
    let kb = load();
    // `… - Decision: Add a task expansion tool` with `Rationale: … for the Orchestrator mode` on
    // the next line of its paragraph: the mode is what the tool is for, and the line stays a
    // decision (it had been read as the agent switching modes); a stamped line that switches
    // modes is still none.
    let doc = document(&kb, "decisionLog-roo-modes.md");
    let decisions: Vec<usize> = doc.items.iter().filter(|i| i.kind == Kind::Decision).map(|i| i.line).collect();
    assert_eq!(decisions, [3]);
}

#[test]
fn chinese_why_benefits_and_how_labels_are_a_heading_s_fields() {
    let kb = load();
    // `- **为什么**：` (why), `- **好处**：` (benefits) over its sub-items and `- **实现方法**：`
    // (how it is done) under `#### 1. 单一的备份客户端实例` in `### 关键设计决策` are the heading's
    // fields, the heading its decision (each line had been a decision of its own); and an
    // identifier in a heading (`NEXT_PUBLIC_ 前缀`) names no next step.
    let doc = document(&kb, "architecture-zh-design.md");
    assert_eq!(dated_decisions(doc), [" 1. 单一的备份客户端实例", " 2. 公开只读的 API Key（NEXT_PUBLIC_ 前缀）"]);
    let benefit = doc.items.iter().find(|i| i.text == "只有一份凭据").unwrap();
    assert_eq!(benefit.field.as_deref(), Some("pros"));
    let why = doc.items.iter().find(|i| i.text.starts_with("为什么")).unwrap();
    assert_eq!(why.field.as_deref(), Some("rationale"));
}

#[test]
fn a_question_asking_why_of_a_choice_over_its_reasons_states_it() {
    let kb = load();
    // Among decisions, `1. **Why sign in with the identity provider instead of local
    // accounts**?` and `2. **为什么需要重试机制**？` (why a retry mechanism?) over their sub-items
    // state those choices, the sub-items their reasons (they had been the decisions, the
    // questions none); a question about things named before it (`为什么分离这些状态？`, why
    // separate these states) is no choice of its own.
    let doc = document(&kb, "architecture-why-questions.md");
    assert_eq!(
        dated_decisions(doc),
        [
            " Why sign in with the identity provider instead of local accounts?",
            " 为什么需要重试机制？",
            " 每个状态只管一件事",
        ]
    );
    let reason = doc.items.iter().find(|i| i.text == "One place to revoke access").unwrap();
    assert_eq!(reason.field.as_deref(), Some("rationale"));
}

#[test]
fn a_japanese_record_s_judgement_is_its_decision() {
    let kb = load();
    // `**判断**:` (the judgement) after `**問題**:` is the record's decision; the items under
    // `**代替案を採用しなかった理由**:` (why the alternatives were not taken) are its
    // alternatives, not decisions; `こちらには…を記述します。` (here we write …) introduces the
    // section, and `なし（…）` (none) under a heading of decisions still pending is no decision.
    assert_eq!(
        dated_decisions(document(&kb, "implementation-history-ja.md")),
        [
            " 本番の変更は必ずメンテナンス枠で行う",
            "2026-03-04 判断: すべての転送先を rclone のリモート名に正規化してから処理する",
            " 監視は Prometheus に一本化する",
        ]
    );
}

#[test]
fn a_bold_decision_that_prefers_one_thing_to_another_states_it_over_its_reasons() {
    let kb = load();
    // `**Decision: Caddy over nginx**` over `- Certificates renew on their own`: the line states
    // the choice and the list gives its reasons (they had been listed as decisions). A topic
    // (`Storage layout`) still heads the decisions under it, and so does `Migration over two
    // weekends`, a span of time.
    assert_eq!(
        dated_decisions(document(&kb, "decision-bold-preference.md")),
        [
            " Decision: Caddy over nginx",
            " Guests on the NVMe mirror",
            " Backups on the spinning pool",
            " Move the web guests first",
        ]
    );
}

#[test]
fn a_portuguese_log_table_dates_its_rows_and_its_schema_and_none_decide_nothing() {
    let kb = load();
    // `| id | data | decisao | … |`: `data` is the row's date; the `## Schema` section (the
    // table's columns and what each holds) and `Nenhuma.` (none) under the decisions still
    // awaiting validation are no decisions.
    assert_eq!(
        dated_decisions(document(&kb, "decisions-pt-table.md")),
        ["2026-05-02 DT-001: Backups noturnos com restic para o NAS", "2026-05-03 DT-002: Proxmox em três nós"]
    );
    // (An English table's `Data` column beside its `Date` column holds data, not the date.)
    assert_eq!(
        dated_decisions(document(&kb, "decisions-data-date-table.md")),
        [
            "2026-01-05 Pool metrics: Keep 90 days of pool metrics",
            "2026-01-06 Backup logs: Ship the backup logs to Loki"
        ]
    );
    // A `Decision` label over a to-do (`TODO: pick the job queue`, `🔄 Should document …`) or
    // over none (`Keine`) holds none.
    assert_eq!(
        dated_decisions(document(&kb, "activeContext-bank-status.md")),
        [" Backups: restic to the NAS every night"]
    );
}

#[test]
fn a_french_record_s_reasoning_and_files_are_its_fields() {
    let kb = load();
    // `**Raisonnement** :` (reasoning) and `**Fichiers modifiés** :` (files changed) are a
    // record's rationale and implementation, no decisions of their own.
    let doc = document(&kb, "decisionLog-fr-raisonnement.md");
    assert_eq!(
        dated_decisions(doc),
        [
            "2026-01-29 Décision : Remplacer les champs texte par des listes déroulantes.",
            "2026-01-29 Décision : Lancer le scrub ZFS le premier dimanche du mois.",
            "2026-01-30 Décision : Résoudre l'erreur de quota en déplaçant chaque client dans son propre dataset.",
            "2026-01-30 Décision : Corriger l'erreur de certificat : passer au challenge DNS-01.",
        ]
    );
    // (`Corriger l'UnboundLocalError …`, a bug fixed without saying how, is work done, as
    // `Fixed the NameError …` is; `en déplaçant …`, by moving, says how.)
    let first = doc.items.iter().find(|i| i.text.contains("listes déroulantes.")).unwrap();
    assert_eq!(field(first, "rationale"), Some("Les saisies libres donnaient des heures mal formées."));
    assert_eq!(field(first, "implementation"), Some("backup.html, backup.js"));
}

#[test]
fn a_date_in_brackets_after_a_bold_title_dates_the_item() {
    let kb = load();
    // `**Shared virtualenv** (2025-12-21) : …` is dated as `**Shared virtualenv (2025-12-21)**:`
    // is (a range by its first day); a day to come (`(due 2026-03-01)`), a version written with
    // dots (`(2025.6.1)`) and a day of something else (`(EOL 2026-01-01)`) date nothing.
    assert_eq!(
        dated_decisions(document(&kb, "decisionLog-bracket-dates.md")),
        [
            "2025-12-21 Shared virtualenv (2025-12-21) : Prefer the shared venv on the ext4 mount.",
            "2025-11-17 Services split (2025-11-17): One service per concern, each with its own cache.",
            "2025-11-21 Quiet hours (2025-11-21/24) : No restarts between 22:00 and 06:00.",
            " Backup target (due 2026-03-01): Move the off-site copy to the new bucket.",
            " Pin Home Assistant (2025.6.1): Stay on this release until the Zigbee fix.",
            " Retire the old NAS (EOL 2026-01-01): Move the shares first.",
            "2025-12-22 Switch to Caddy (2025-12-22 14:30): Caddy fronts every site.",
            "2025-12-23 Move DNS (23.12.2025): Unbound runs on the router.",
            "2025-12-24 Two NAS boxes (2025-12-24, approved by Anna): One on each floor.",
        ]
    );
}

#[test]
fn a_chosen_stack_and_a_choice_over_its_trade_offs_are_decisions() {
    let kb = load();
    // `## Chosen Stack: …` labels its choice (not `## Chosen Stack: TBD`, nor `- Chosen model:
    // shown …` describing a screen; found by review); a heading among decisions that says it
    // chose (`### Keep Grafana on the NAS`, `### 使用 SQLite 存储索引`, use SQLite for the
    // index) over a list of trade-offs (`**Trade-offs:**`, `**权衡:**`, `**トレードオフ:**`)
    // is the decision, the list its consequences (each line had been a decision, or none
    // was); not `### Use cases` (found by review) — but `### Use case-insensitive keys` chose
    // (found by a read of the code) — nor a topic over its benefits alone (`###
    // Feature flags in the UI`), nor one over the options weighed and the one leaned towards
    // (`### Decision in Progress: …`, which had been) — options with reasons still make one
    // (`### Use Caddy as the reverse proxy`). A line over sub-items that only name values in
    // code (`Backup sets are kept under the keys:` over `` `backup.daily`, … ``) is the
    // decision, the values its details; `## Final Tech Stack` lists decisions; a bold English
    // label of four words states a choice
    // (`**PostgreSQL for all services:**`). `## 重要決定` (important decisions) lists
    // decisions, though it holds `要決定` (to be decided). A heading that turns something down
    // decides (`### Decision: Rejected Kafka`, which had decided nothing, as `### Decision:
    // Pending` still does not).
    let doc = document(&kb, "techContext-chosen-tradeoffs.md");
    assert_eq!(
        dated_decisions(doc),
        [
            " Debian 12 + ZFS",
            " PostgreSQL for all services:",
            " Backup sets are kept under the keys:",
            " Keep Grafana on the NAS",
            " Use case-insensitive keys",
            " Rejected Kafka",
            " Use Caddy as the reverse proxy",
            " 使用 SQLite 存储索引",
            " 采用 Caddy 作为反向代理",
            " 監視は Prometheus に統一する",
            " バックアップは restic で取る",
            " Proxmox VE 8 on every host",
        ]
    );
    for text in ["one more service on the NAS", "只支持一个写入者", "证书自动续期"] {
        let item = doc.items.iter().find(|i| i.text == text).unwrap();
        assert_eq!(item.field.as_deref(), Some("consequences"), "{text}");
    }
}

#[test]
fn a_spaced_topic_label_over_its_own_choices_and_a_decision_on_a_topic() {
    let kb = load();
    // A Russian topic label of four words over a sub-item that states its own choice
    // (`Принято решение использовать restic …`) is a label, as a short English one is: the
    // sub-item is the decision (the topic had been); a label naming a move states it, in
    // English as in Russian (`**Migration to k3s:**`, whose sub-item had been the decision;
    // found by a read of the code), but not a bare plan (`**Migration plan:**`, a topic). `Strategic decision for recovery:` and
    // `Final decision on snapshots:` label decisions, not `Open decision on the UPS:` nor
    // `Deadline for decision on the UPS:` (found by review); and `為何需要？`
    // (why is it needed?) gives a record's reasons.
    let doc = document(&kb, "activeContext-ru-topics.md");
    assert_eq!(
        dated_decisions(doc),
        [
            " Принято решение использовать restic на всех узлах",
            " Выбран подход с одним экземпляром Prometheus на площадку",
            " Migration to k3s:",
            " Decided to keep the old cluster until July",
            "2026-05-06 Strategic decision for recovery: Option B — rebuild the pool from the off-site copy.",
            "2026-05-06 Final decision on snapshots: keep 30 daily snapshots.",
            "2026-05-07 核心變更：所有備份改由 NAS 統一拉取",
        ]
    );
    let core = doc.items.iter().find(|i| i.text.starts_with("核心變更")).unwrap();
    assert_eq!(field(core, "rationale"), Some("三台主機各自備份，排程互相衝突"));
}

#[test]
fn the_reasons_for_a_selection_decide_nothing_and_the_trade_offs_settled_are_decisions() {
    let kb = load();
    // In a file titled as a settled selection (`技术选型定稿`), `## 1. 最终技术栈` (the final
    // tech stack) lists decisions, `## 2. 选型原因` (the reasons for the selection) gives their
    // reasons, no decisions (each had been one); `## 3. 明确取舍` (the trade-offs settled: what
    // is taken, what is left) lists decisions (in a file of dated sections none of these had
    // been); a bare `取舍` names trade-offs, `## 5. 技术取舍` (technical trade-offs) lists no
    // decisions (its line had been one).
    let doc = document(&kb, "techContext-zh-selection.md");
    assert_eq!(
        dated_decisions(doc),
        [
            " 虚拟化：Proxmox VE 8",
            " 存储：ZFS 镜像",
            " 本期不上 Ceph，三台主机撑不起。",
            " 备份只用 restic，不再保留 Borg。",
            "2026-03-12 所有主机的时区统一为 UTC。"
        ]
    );
    let reason = doc.items.iter().find(|i| i.text.starts_with("ZFS 自带快照")).unwrap();
    assert_eq!(reason.field.as_deref(), Some("rationale"));
}

#[test]
fn the_answer_to_a_settled_question_is_a_decision() {
    let kb = load();
    // A question written as a record and marked settled (`Status: Resolved`, `Answered`,
    // `Geklärt`) has its answer (`Resolution:`, `Answer:`, `Antwort:`) as the decision, dated
    // by `Resolution Date` or its entry, with the question as its context (each answer had
    // been a plain line); a `Resolved:` line holding a date dates it. Not a question still open
    // over its options, nor a problem resolved (`Issue:` over `Resolution:`, also after an open
    // question), an answer that gives none (`Won't do`, `TBD`, `see ADR-7`) or a question about
    // a cause (`Why is …?`); found by review. Nor one whose status says it is not settled yet
    // (`Not yet decided`); the day it was resolved dates it before a bare `Date` (the day it was
    // asked), and the question's own context joins its text (found by a read of the code).
    let doc = document(&kb, "openQuestions-settled.md");
    assert_eq!(
        dated_decisions(doc),
        [
            "2026-02-03 Resolution: Two mirrors, so a resilver touches only one pair",
            " Answer: 48 hours, then the daily ones take over",
            "2026-03-10 Antwort: Ja, jeden Sonntag um 3 Uhr",
            "2026-04-02 Resolution: Vector, one agent per host",
            "2026-04-20 Resolution: in the Git repository, provisioned at start",
        ]
    );
    let dashboards = doc.items.iter().find(|i| i.text.starts_with("Resolution: in the Git")).unwrap();
    assert_eq!(field(dashboards, "context"), Some("Where do the dashboards live?; raised at the April review"));
    let pools = doc.items.iter().find(|i| i.text.starts_with("Resolution: Two mirrors")).unwrap();
    assert_eq!(field(pools, "context"), Some("One RAIDZ2 pool or two mirrors?"));
}

#[test]
fn adoptions_told_in_german_french_and_spanish_are_decisions() {
    let kb = load();
    // Under topic labels in a decisions section, a sub-item that tells an adoption in German,
    // French or Spanish (`Entschieden, … zu verwenden`, `Wir haben uns für Caddy entschieden.`,
    // `Décidé d'utiliser …`, `Nous avons choisi …`, `Optamos por …`) is the decision and the label
    // its topic, as `Decided to …` is in English (the labels had been the decisions; found by
    // review). In notes, `Beschlossen: …` decides; `Entschieden wird …` (still to come) and `Wir
    // haben uns für das Treffen Zeit genommen` (we made time) do not.
    let doc = document(&kb, "activeContext-de-fr-es-adoptions.md");
    assert_eq!(
        dated_decisions(doc),
        [
            " Entschieden, Proxmox VE auf allen Knoten zu verwenden",
            " Wir haben uns für Caddy entschieden.",
            " Décidé d'utiliser restic vers B2",
            " Nous avons choisi Prometheus avec 30 jours de rétention",
            " Optamos por MinIO en el NAS",
            " Beschlossen: der Scrub läuft sonntags um 3 Uhr",
        ]
    );
}

#[test]
fn one_thing_dropped_for_another_is_a_decision() {
    let kb = load();
    // A line that drops one thing in favour of another (`Dropped Ceph in favour of ZFS …`,
    // `Отказ от … в пользу …`, `… zugunsten von … aufgegeben`, `Abandon de … au profit de …`,
    // `Descartamos … en favor de …`) chooses the other, in notes as in a log; what only favours
    // (`Voted in favor of …`, `Argued in favour of …`), asks (`Drop … in favour of …?`),
    // proposes (`Proposal: drop …`), was not dropped (`… was not retired …`) or holds a drop
    // word only inside another (`Phase 2: …`, `Dropbox users …`) does not (found by review). A
    // heading naming a flow that ends in a decision (`From alert to decision`, `从告警到决策`)
    // tells how one is reached and holds none (its lines had been decisions); one that names
    // decisions after a move (`From Swarm to k3s: key decisions`) still holds them.
    let doc = document(&kb, "activeContext-dropped-for-another.md");
    assert_eq!(
        dated_decisions(doc),
        [
            " Dropped Ceph in favour of ZFS replication between the two nodes",
            " Deprecate the REST inventory client in favor of the Proxmox API token",
            " Отказ от Docker Swarm в пользу k3s",
            " ESXi zugunsten von Proxmox VE aufgegeben.",
            " Abandon de Borg au profit de restic",
            " Descartamos Zabbix en favor de Prometheus",
            " We've phased out Borg in favour of restic",
            " Run the control plane on three nodes",
        ]
    );
}

#[test]
fn a_date_after_a_records_fields_closes_that_record() {
    let kb = load();
    // A log whose records end with their date (`**Decision:**`, `**Rationale:**`, then
    // `**Timestamp:** 2026-01-05` and `---`) dates each record by its own line (each had taken
    // the date of the record before, the first none); a `**Decision:**` label after a record's
    // fields opens the next record (its rationale had joined the first's); so do inline labels,
    // `**Decision:** …` then `**Timestamp:** …` and `---` (a `Decision` after a break is no
    // sign the date opens it; found by review). A summary of the decisions after them (`##
    // Decision Rationale Summary`) restates them and lists none; after work done alone (a
    // switch under `## What Works`), `## Key Decisions Summary` is where the decisions are.
    let doc = document(&kb, "decisionLog-dated-last.md");
    assert_eq!(
        dated_decisions(doc),
        [
            "2026-01-05 Run restic from a systemd timer on every host",
            "2026-02-07 Host the dashboards beside the pool they watch",
            " Rotate the restic repository keys every quarter",
        ]
    );
    let grafana = doc.items.iter().find(|i| i.text.starts_with("Host the dashboards")).unwrap();
    assert_eq!(field(grafana, "rationale"), Some("The dashboards read the pool metrics locally"));
    let restic = doc.items.iter().find(|i| i.text.starts_with("Run restic")).unwrap();
    assert_eq!(
        field(restic, "rationale"),
        Some("One binary, deduplicated and encrypted repositories; The timer logs to the journal")
    );
    assert_eq!(
        dated_decisions(document(&kb, "decisionLog-dated-last-inline.md")),
        [
            "2026-03-03 Decision: Mirror the restic repository to a second NAS",
            "2026-03-09 Decision: Keep the mirror read-only for the backup hosts",
        ]
    );
    assert_eq!(
        dated_decisions(document(&kb, "progress-decisions-summary.md")),
        [
            " Switched the backups from cron to systemd timers",
            " Send every host's backups to the offsite bucket nightly",
            " Pin the kernel on the storage hosts",
        ]
    );
}

#[test]
fn a_list_of_the_banks_entry_types_decides_nothing() {
    let kb = load();
    // `## Memory Types`, here an entry's heading (`### Naming` makes the file's `##` headings
    // entries), tells what each kind of entry holds (`**decision**: Important decisions made
    // along the way` had been a decision).
    let doc = document(&kb, "index-memory-types.md");
    assert_eq!(dated_decisions(doc), [" Decided to name entries in kebab-case"]);
}

#[test]
fn a_date_alone_after_a_break_opens_what_follows() {
    let kb = load();
    // After a thematic break, a line that is only a date or a stamp and its date (`2026-05-10`,
    // `Updated: 2026-05-20`, `*Updated 2026-05-25*`) dates what follows, as a bold date does
    // (each had kept the bold date above it).
    let doc = document(&kb, "activeContext-dated-after-breaks.md");
    assert_eq!(
        dated_decisions(doc),
        [
            " Decided to keep the exporter on every node",
            "2026-05-02 Decided to move the tunnel to WireGuard",
            "2026-05-10 Decided to cap the ARC at 8 GiB",
            "2026-05-20 Decided to keep two snapshots a day",
            "2026-05-25 Decided to retire the old jump host",
        ]
    );
}

#[test]
fn a_table_of_alternatives_keeps_their_names() {
    let kb = load();
    // `| Alternative | Why rejected |` under a record's `### Rejected Alternatives`: each row
    // says the alternative and why (the record's `alternatives` had read the reasons alone).
    let doc = document(&kb, "decisionLog-rejected-table.md");
    assert_eq!(dated_decisions(doc), [" Queue the audit jobs in Redis streams"]);
    let record = doc.items.iter().find(|i| i.text.starts_with("Queue the audit jobs")).unwrap();
    assert_eq!(
        field(record, "alternatives"),
        Some("Kafka — Too heavy for three nodes; RabbitMQ — One more broker to patch")
    );
}

#[test]
fn a_guide_to_the_banks_files_decides_nothing() {
    let kb = load();
    // Under a heading that is a file's name (`#### 🏗️ `systemPatterns.md``), the bold line
    // says what the file holds: `**Architecture and technical decisions**` had made the
    // file's contents, listed under it, three decisions.
    let doc = document(&kb, "README-file-guide.md");
    assert_eq!(dated_decisions(doc), [" Decided to keep one bank per repository, next to the playbooks."]);
}

#[test]
fn a_decision_named_with_only_a_note_states_none() {
    let kb = load();
    // `1. **Storage Backend Decision** (blocks the NAS migration)` in a list of steps, and
    // `- **Tunnel decision** (pending review)` among decisions, name decisions still to make
    // (both had been listed); so does `Storage decision: pick ZFS or Btrfs …` among next
    // steps (listed too), where `Decision: keep the old node …` still records one.
    let doc = document(&kb, "progress-critical-path.md");
    assert_eq!(
        dated_decisions(doc),
        [
            " Decision: Keep the backups on ZFS send/receive.",
            " Decision: keep the old node until the new one has run a month"
        ]
    );
}

#[test]
fn a_files_own_title_is_no_guide_to_it() {
    let kb = load();
    // `# activeContext.md`, the file's own title, over `**Recent Decisions**`: the bold line
    // names what follows, as under any title (found by review: the rule on guides to the
    // bank's files had taken it for one).
    let doc = document(&kb, "activeContext-file-title.md");
    assert_eq!(dated_decisions(doc), [" Scrub the pools on Sunday nights", " Two snapshots a day on every dataset"]);
}

#[test]
fn specifications_under_decisions_are_details() {
    let kb = load();
    // `### Node Specifications` and `#### Backup host specs` under `## Key Technical
    // Decisions`: the CPU, the disks and the cost of what was bought are no decisions (each
    // had been one). The OS a node runs is one chosen, under specifications too (readers of
    // rounds 196–217 listed each such line: `a_label_naming_a_kind_of_technology_…`).
    let doc = document(&kb, "systemPatterns-specifications.md");
    assert_eq!(
        dated_decisions(doc),
        [
            " Use ZFS mirrors on every node.",
            " OS: Debian 12 with the Proxmox kernel",
            " Keep the storage VLAN apart from the home LAN.",
        ]
    );
}

#[test]
fn a_log_rows_last_cell_runs_on_past_blank_lines_to_its_pipe() {
    let kb = load();
    // `| 2026-03-01 | Use restic … | We compared three tools:`, then a numbered list, a blank
    // line, `What we gain:` and a list whose last line ends the cell with ` |`: all of it is
    // the row's rationale (its lists after the blank line had been decisions).
    let doc = document(&kb, "decisionLog-long-cells.md");
    assert_eq!(
        dated_decisions(doc),
        [
            "2026-03-01 Use restic for the offsite backups",
            "2026-03-04 Keep one restic repository per host",
            " Use ZFS mirrors on the backup host.",
        ]
    );
}

#[test]
fn log_rows_right_under_a_footer_are_rows() {
    let kb = load();
    // `**Updated**: …` and `**Status**: …` after a `---`, then rows of the log table with no
    // blank line between: Markdown reads them as more lines of the footer (both had been lost
    // in its text).
    let doc = document(&kb, "decisionLog-rows-after-footer.md");
    assert_eq!(
        dated_decisions(doc),
        [
            "2026-02-01 Keep Proxmox on every node",
            "2026-02-05 Serve the team wiki from the NAS",
            "2026-02-07 Send the logs to Loki",
        ]
    );
}

#[test]
fn a_label_joining_two_names_names_the_field_it_knows() {
    let kb = load();
    // `**Issue/Context:** …` over `**Decision:** …` on lines a hard break joins: the context of
    // the record, no decision of its own (each had been one).
    let doc = document(&kb, "activeContext-issue-context.md");
    assert_eq!(
        dated_decisions(doc),
        [
            "2026-02-10 Decision: Send the offsite copy with restic over SFTP",
            "2026-02-12 Decision: Keep forty-five days of metrics on the backup host",
        ]
    );
}

#[test]
fn a_definition_that_is_words_is_read_as_text() {
    let kb = load();
    // `- [Tool]: [Version/Purpose]`, a template's line written twice, and `[Backups]: restic`
    // as a paragraph: Markdown reads them as link definitions, which draw nothing (they had
    // been in no view at all; Markdown keeps the first of two with one label);
    // `[wiki]: https://…` is where links go, markup.
    let doc = document(&kb, "techContext-definitions.md");
    let texts: Vec<&str> = doc.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        ["[Tool]: [Version/Purpose]", "[Tool]: [Version/Purpose]", "[Backups]: restic", "Use the wiki for runbooks"]
    );
}

#[test]
fn a_record_that_reverses_another_keeps_its_own_day_and_its_reasons() {
    let kb = load();
    // `(reverses 2026-02-03 decision)` names the day of the record it reverses, not its own
    // (it had been dated so); and under `**Rationale**:`, the lines after `- Root cause: …`
    // are more of the reasons, past `- Impact: …` too (each had been a decision of its own);
    // a `- Date: …` line ends the record's list, as before.
    let doc = document(&kb, "decisionLog-reverses.md");
    assert_eq!(
        dated_decisions(doc),
        [
            "2026-02-03 Decision: Run the offsite backup at night",
            "2026-02-20 Decision: Run the offsite backup in the evening again (reverses 2026-02-03 decision)",
            "2026-02-21 Decision: Keep the wiki behind the old proxy for now",
            "2026-02-21 Moved the wiki's backups to the NAS",
        ]
    );
}

#[test]
fn a_change_told_as_before_and_after_decides_its_new_state() {
    let kb = load();
    // Under `## 5. Evolution of Project Decisions & Rationale`, a dated bullet over `**Previous
    // State/Approach:**`, `**New State/Approach:**` and `**Rationale for Change:**`: one
    // record, the new state its decision (the dated line had been the decision, and the
    // previous state and the rationale decisions of their own in other entries). Under
    // `**Week 4 Completion (2026-03-08):**` the lines report work done (they had been
    // decisions of the section `Recent Changes & Decisions`); `**Key Technical Decisions:**`
    // still lists its decision.
    let doc = document(&kb, "progress-before-after.md");
    assert_eq!(
        dated_decisions(doc),
        [
            " Offsite Copy: restic to the rented box over SFTP, one repository per host",
            "2026-03-01 New State/Approach: One LXC container per service on Proxmox.",
            "2026-03-09 New State/Approach: restic to the NAS and to an offsite box.",
            // (Written as one paragraph of labelled lines too: found by review.)
            " New State/Approach: Prometheus and Grafana on the NAS.",
        ]
    );
    let record = doc.items.iter().find(|i| i.text.starts_with("New State/Approach: One LXC")).unwrap();
    let field = |name: &str| record.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    assert_eq!(field("previous"), Some("One big VM running every service."));
    assert_eq!(field("rationale"), Some("A broken upgrade takes down one service, not all of them."));
}

#[test]
fn a_numbered_decision_heading_in_japanese_stands_for_its_fields() {
    let kb = load();
    // `### 決定1: …` over `**現在**`, `**問題**` (the problem) and `**対策**` (what was done
    // about it), and `### 決定2: …` over `**現状**` (how it stands), `**必要性**` (why it is
    // needed) and `**優先度**`: each heading is one decision, its lines its fields (each line
    // had been a decision). `### 考慮事項1: …` (consideration 1) decides nothing.
    let doc = document(&kb, "activeContext-ja-numbered.md");
    assert_eq!(dated_decisions(doc), [" 監視データの保存先", " オフサイトバックアップ"]);
}

#[test]
fn a_numbered_consideration_is_no_decision() {
    let kb = load();
    // `### Consideration 1: Uplink bandwidth` over `**Status**:` and `**Mitigation**:` under
    // `## Active Decisions and Considerations` weighs something (it had been a decision, and
    // its mitigation another); `### Decision 1: …` beside it still is one.
    let doc = document(&kb, "activeContext-considerations-numbered.md");
    assert_eq!(dated_decisions(doc), [" Metrics retention"]);
}

#[test]
fn the_new_words_keep_to_what_they_name() {
    let kb = load();
    // (Found by review of the rules above.) `Complete` as an adjective (`### Keep the
    // Inventory Complete`) or a status beside a topic (`— Status: Complete`) reports no work
    // done, nor does a feature's `### Chat Completion`; and `### Considerations & Decisions`
    // names decisions: their lines stay decisions.
    let doc = document(&kb, "activeContext-complete-adjective.md");
    assert_eq!(
        dated_decisions(doc),
        [
            " List every host in inventory/hosts.yml, the powered-off ones too",
            " Use restic for every host's backups",
            " Terminate TLS at the proxy, not in the services",
            " Use a small local model for the nightly summaries",
            // (A new approach alone among decisions is one, as before these rules; neither a
            // field of another line nor its heading's.)
            " New Approach: Label every switch port in NetBox before it is patched",
        ]
    );
    // A state machine's `**New State**: RUNNING` beside `**Previous State**: QUEUED` decides
    // nothing.
    assert_eq!(dated_decisions(document(&kb, "systemPatterns-state-machine.md")), Vec::<String>::new());
    // `## 現状` (how things stand) and `## 課題` (issues) after decisions are sections of their
    // own, no fields of the decision before them.
    let doc = document(&kb, "activeContext-ja-issues.md");
    let adopted: Vec<_> = doc.items.iter().filter(|i| i.kind == Kind::Decision).collect();
    assert_eq!(adopted.len(), 2);
    for decision in adopted {
        assert!(decision.fields.is_empty(), "{}: {:?}", decision.text, decision.fields);
    }
    // `### 决策 2026.03.01: 备份方案` is dated, not numbered: its lines are its decisions.
    let doc = document(&kb, "decisionLog-zh-dated-heading.md");
    assert_eq!(dated_decisions(doc), ["2026-03-01 使用 restic，每晚一次", "2026-03-01 保留 30 天的快照"]);
}

#[test]
fn a_timeline_with_a_problem_between_its_stages_is_still_a_timeline() {
    let kb = load();
    // `**Initial**: …`, `**Problem**: …`, `**Current**: …` under `### Certificate Renewal`: the
    // stages are the story's history, past the field between them (the initial and the
    // current stage had each been a decision, beside the heading that stands for the story).
    // A stage's reasons are no such line: `**Current**: …` over `**Rationale**: …` beside
    // `**Target**: …` under `## Key Technical Decisions` are labelled decisions (found by
    // review: both had become history and a next step).
    let doc = document(&kb, "progress-evolution-problem.md");
    assert_eq!(
        dated_decisions(doc),
        [
            " Certificate Renewal",
            " Current: Grafana dashboards live as JSON in the repository",
            " Target: provision the dashboards with Terraform next quarter",
        ]
    );
}

#[test]
fn a_briefs_scope_left_out_is_decided() {
    let kb = load();
    // `**Out of Scope (v1):**` and `## Constraints / Non-Goals`: each item is a decision not
    // to (readers listed every such item, 24 of 24 in six banks); what is in scope and the
    // goals are not decisions, nor are the reasons under `## Tracing Stays Out of Scope` (a
    // decision as a sentence) or what is only put off (`(for now, may return after launch)`;
    // both found by review).
    assert_eq!(
        decision_texts(document(&kb, "projectbrief-non-goals.md")),
        [
            "Log shipping from the guests",
            "Monitoring of the office printers",
            "Metrics of the customer VMs stay out of this project; their owners run their own stack.",
            "No paging at night for warnings, only for pages marked critical.",
        ]
    );
}

#[test]
fn expected_impact_and_work_reported_done_are_no_decisions() {
    let kb = load();
    // `### Expected Impact` and `### Anticipated Benefits` under a Roo record are its
    // `impact` and `pros` (each of their items had been a decision).
    let doc = document(&kb, "decisionLog-expected-impact.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Run one restic job per ZFS dataset instead of one job for the whole pool.",
            "Reach every admin interface over the WireGuard tunnel; nothing listens on the LAN.",
            "Renovate opens the dependency updates for every repository; Dependabot is switched off.",
        ]
    );
    let (_, split) = decision(&kb, "Run one restic job per ZFS dataset");
    assert!(field(split, "impact").is_some_and(|i| i.starts_with("Shorter restores")), "{:?}", split.fields);
    let (_, tunnel) = decision(&kb, "Reach every admin interface over the WireGuard tunnel");
    assert!(field(tunnel, "pros").is_some_and(|p| p.starts_with("No admin page")), "{:?}", tunnel.fields);
    // Inside a record, `**Out of scope:**` is what it leaves out, a field (found by review:
    // outside a record the same label heads a brief's decisions not to).
    let (_, renovate) = decision(&kb, "Renovate opens the dependency updates");
    assert!(
        field(renovate, "out of scope").is_some_and(|o| o.starts_with("Terraform provider")),
        "{:?}",
        renovate.fields
    );
    // A log line that says work was completed (`[…] - Task completed: …`, `[…] - Done: …`,
    // `Tâche terminée : …`) reports it, under `## Evolution of Decisions` too.
    assert_eq!(
        decision_texts(document(&kb, "progress-tasks-completed.md")),
        [
            "Backup target: Moved from the USB disk to the NAS so that one failed disk loses no history.",
            "[2026-04-13 10:00:00] - Keep the capacity report in plain Markdown, no HTML.",
        ]
    );
}

#[test]
fn a_swap_of_calls_reported_is_work_done() {
    let kb = load();
    // Under a log's dated lines, `Replaced fetchTiles() with fetchTilesCached() …` and
    // `Replaced .single() with .maybeSingle() …` swap one call for another: edits reported
    // (readers listed none of such lines in 54 banks). A swap of the things chosen between,
    // however written (a file format, a library by its hook), stays a decision.
    assert_eq!(
        decision_texts(document(&kb, "progress-code-swaps.md")),
        [
            "Replaced config.yaml with config.toml for every service",
            "Replaced useEffect polling with useQuery from TanStack Query",
            "Replaced Duplicati with restic for every host's backups",
            "Replaced the cron wrapper with a systemd timer calling run_backup.sh",
        ]
    );
}

#[test]
fn a_stack_lists_the_technologies_chosen() {
    let kb = load();
    // Under `## Technology Stack` and the layers inside it, a line naming a role and what fills
    // it (`Database: PostgreSQL 16 …`, `**Language**: Go 1.22`, `Prometheus - scrapes …`, a
    // row of a table whose columns name the technology, `| Reverse proxy | Caddy 2 | … |`) is
    // a technology chosen; not a row still open (`WireGuard or Tailscale`, `TBD`), nor one of
    // a table of facts (`| Service | Port |`) or under `### Versions`. A row whose other cells
    // are fields names its part by what its `Purpose` says (`| Forgejo | Git hosting … |`), not
    // with that cell empty or open, nor one of the project's scripts. A name alone is chosen
    // too (`Grafana`, since round 222). Not a choice still open (`Redis or Valkey`,
    // `TBD`, `(optional)`, `Protomaps?`), a workflow's steps, notes and facts (`Port: 8443`),
    // the stack's reasons (`### Why this stack`), what it runs on (`### Supported Platforms`),
    // what was weighed (`## Stack Comparison`, a stack under `## Open Questions`), nor a line
    // outside the stack (`## Development Setup`).
    let doc = document(&kb, "techContext-stack.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Language: Go 1.22",
            "Database: PostgreSQL 16 with the TimescaleDB extension",
            "Message bus: NATS JetStream",
            "Prometheus - scrapes every collector node",
            "Grafana",
            "Framework: SvelteKit",
            "Reverse proxy — Caddy 2",
            "CI — GitHub Actions",
            "Forgejo",
            "Gitea",
        ]
    );
}

#[test]
fn a_heading_under_the_patterns_in_use_names_a_pattern_chosen() {
    let kb = load();
    // A list can stand for the headings: right under `## Integration Patterns`, a pattern's
    // name alone in bold over bullets of its own (`- **Outbox Relay**`) reads as such a
    // heading, and a top-level item that names a pattern on its own line (a bold name over
    // nothing, `**Facade**: …`, a plain bullet) names one in use; not a bold name whose first
    // bullet leaves it open (`Saga`), a guess (`likely … (needs confirmation)`), a label over
    // a list (`Standard probe layout:`), a pointer to another file, a question, `N/A`, a value
    // that only says it did not change (`(unchanged)`, `(変更なし …)`), a log line under its
    // timestamp, nor a bold
    // name under a title that lists no patterns (`## Operations`). Nor a heading that says how
    // the work went (`(Successful)`), nor anything under `## Successful Patterns`, what worked.
    // Under `## Key Design Patterns`, `## Verwendete Muster` or `## 设计模式`, each heading names
    // a pattern the team chose: the heading is the decision, what it holds describes it. Not
    // a topic whose choice is still open (`### State Management` over `to be determined`; not
    // a body that only says `or`) or whose rules are the decisions (`### Input Handling` over
    // `Always quote …`), a pattern turned down (`(deprecated)`), a template's `### Pattern
    // Name`, a heading over headings of its own (`### Storage`), one that groups patterns
    // itself (`### Testing Patterns`, whose plain items say what the tests cover) or holds
    // acceptance criteria or the file's update log (`### Update Log`; round 251), nor anything
    // under how tools are used, errors or
    // failures seen, anti-patterns, a single pattern's parts (`## Offline-First Pattern` over
    // `### Components`), patterns only planned, or the file's own title.
    let doc = document(&kb, "systemPatterns-named.md");
    assert_eq!(
        decision_texts(doc),
        [
            "1. One Session per Host",
            "Circuit Breaker",
            "Write-Through Cache",
            "Always quote the values passed to a remote shell",
            "Beobachter",
            "事件总线 (Event Bus)",
            "Outbox Relay",
            "Bulkhead:",
            "Idempotent Consumer",
            "Facade: one client hides the three provider APIs",
            "Retry with jitter for every outbound call",
        ]
    );
    let breaker = doc.items.iter().find(|i| i.text == "Circuit Breaker").expect("the pattern's heading");
    assert_eq!((breaker.block, breaker.line), (kb::Block::Heading, 10));
    let body = doc.items.iter().find(|i| i.text.starts_with("A host that fails")).expect("its body");
    assert_eq!(body.kind, Kind::Pattern);
}

#[test]
fn a_rule_stated_under_conventions_is_decided() {
    let kb = load();
    // Under `## Coding Conventions`, what tells what to do (`Always …`, `Use …`, `No …`, `All …
    // must …`, `… should …`, `必ず`) is a convention the team settled: a decision. A use case and
    // a question stay patterns, and so do the steps of a how-to, what
    // acceptance criteria ask, and what a requirements section asks of a choice still to make.
    let doc = document(&kb, "systemPatterns-conventions.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Always wrap an error with the host it came from",
            "Use slog for structured logging",
            "Naming: use kebab-case for role directories",
            "No global mutable state in the collector",
            "All probes must stay read-only",
            "Handlers should return typed errors",
            "The repository layer wraps every query",
            "ロール名は必ずケバブケースにする",
        ]
    );
    // (Since the twelfth session a title of at most three words closing with `Conventions` is
    // over the team's conventions, so what stands alone under it states one in whatever words:
    // `The repository layer wraps every query`.)
    let patterns: Vec<&str> = doc.items.iter().filter(|i| i.kind == Kind::Pattern).map(|i| &*i.text).collect();
    assert_eq!(
        patterns,
        [
            "Use case: bulk imports from the CMDB",
            "Should we vendor the Proxmox SDK?",
            "Use docker compose up -d to start the database",
            "The cart must keep its items for 30 days",
            "Must run on one VM with 4 GB of memory",
        ]
    );
}

#[test]
fn a_glossary_records_no_decision_and_cursors_mdc_files_are_read() {
    let kb = load();
    // A glossary defines the bank's words: `### Circuit Breaker` under `## Resilience Patterns`
    // there is a term, and `**Decision:**` a word defined.
    assert!(decisions_in(&kb, "glossary.md").is_empty());
    // Cursor keeps rules and banks in `.mdc` files: Markdown with front matter.
    assert_eq!(decisions_in(&kb, "project-intelligence.mdc"), ["9 Use Caddy as the reverse proxy on every edge node."]);
}

#[test]
fn each_principle_the_team_holds_is_decided() {
    let kb = load();
    // Each top-level item right under a heading over the team's principles (`Philosophy`,
    // `Design Principles`, `Principios de diseño`, `Principes d'architecture` (round 246),
    // `Princípios Arquiteturais` (round 243; not
    // `… Abandonados`, found by review), `设计原则`) states one, in whatever words;
    // not a question, a label over a list, a state still to change (`… yet …`), a template's
    // slot (`Principle 3: [A principle …]`), what the items under a label say, nor a paragraph
    // over them. `Principles of the SMB protocol`
    // are the protocol's, not the team's.
    let doc = document(&kb, "productContext-principles.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Automate the second time: anything done twice by hand becomes a playbook",
            "Local control: no service needs a vendor cloud to boot",
            "Backups count as tested once a restore has run, not when a log says so",
            "Plain files over databases wherever a person has to read them",
            "Cada cambio pasa por una revisión en un pull request",
            "Nenhum segredo fica no repositório",
            "Les traitements lourds passent par les workers",
            "所有配置都放在 Git 仓库中",
        ]
    );
}

#[test]
fn a_line_telling_the_team_always_or_never_to_do_something_is_decided_under_any_heading() {
    let kb = load();
    // A plan's, a task's or a README's top-level `Never …`, `Do not …`, `Don't …`, `Prefer …`,
    // `Keep …`, `Always …` is a rule the team gave itself, wherever it stands (on rounds
    // 196–204, readers listed 14 of the 14 such lines mb did not). Not a question, a state
    // so far, a note (`Keep in mind …`), a lead-in, a child, a task's checkbox, what a
    // troubleshooting section says to do, nor a line that only describes (`… never sleeps`,
    // `Only …`, `No …`, `Use …`). Found by review: nor setup steps, blockers, features,
    // what a label over troubles or a known issue says, a compound (`Keep-alive`), nor how
    // something behaves (`Never tested …`, `Always asks …`); `Don’t` is `Don't`.
    let doc = document(&kb, "backup-plan.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Keep one offsite copy of every dataset the NAS holds, pulled nightly by the backup box.",
            "Never let the backup box hold write credentials for the NAS.",
            "Do not prune a snapshot that the offsite copy has not confirmed.",
            "Don't mix snapshots of two pools in one target dataset.",
            "Prefer raw zfs send streams so encrypted datasets stay encrypted in transit.",
            "Keep the replication schedule in the inventory, not in cron files by hand.",
            "Don’t replicate the scratch dataset.",
            "Always log each replication run to the syslog host.",
        ]
    );
}

#[test]
fn what_a_decision_brought_under_a_qualified_label_is_its_field() {
    let kb = load();
    // `**Infrastructure impact**:`, `**Migration results**:`, `**部署成果**:` (deployment
    // results), `**基础设施影响**:` (infrastructure impact) over lists in a decision record say
    // what the decisions above brought, as `**Impact**:` and `**Results**:` do: fields, not
    // decisions (round 205's Chinese Flutter bank, fourteen lines no reader listed) — after
    // a label over decisions or a record's decision in the entry only, and not what a
    // deliberation came to (`**Review outcome**:`; found by review).
    let doc = document(&kb, "decisionLog-effects.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Offsite target: replicate the tank pool to the backup box in the garage",
            "Snapshot cadence: hourly snapshots, kept for two days",
            "指标采集: 选择 Prometheus node_exporter 采集所有主机指标",
            "告警通道: 告警统一发送到值班手机",
            "Adopt Valkey 8 for the session cache",
            "Drop Memcached entirely",
            "Cap connection pools at 50 per service",
        ]
    );
}

#[test]
fn a_label_over_open_choices_or_concerns_heads_no_decisions() {
    let kb = load();
    // Under `## Active Decisions and Considerations`, a list item that only labels the items
    // under it as still open, worried about or hard (`**Open technical decisions:**`,
    // `**Backup concerns:**`, `**Integration challenges:**`) is no decision, and neither is
    // what it holds (round 207: five lines no reader listed).
    let doc = document(&kb, "activeContext-open-labels.md");
    assert_eq!(decision_texts(doc), ["Replicate the tank pool nightly with syncoid"]);
}

#[test]
fn what_stands_alone_under_a_heading_over_style_naming_or_preferences_is_decided() {
    let kb = load();
    // Under `Naming Conventions`, a style guide or `Important Patterns and Preferences`, each
    // item with none under it states one of the team's conventions in whatever words
    // (`Containers: ct-{service}`, `Two spaces for YAML indentation`); a label over items and a
    // question do not (rounds 196–207: 59 of 69 such lines were the readers'). A style of
    // architecture describes, and a title listing `naming` among its topics names no
    // conventions. `keep_daily = 7` is a setting, not a command to keep something.
    let doc = document(&kb, "systemPatterns-style.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Proxmox nodes: pve-{site}-{n} (pve-ams-1)",
            "Containers: ct-{service}",
            "ZFS datasets: lowercase, one per share (tank/timemachine)",
            "Two spaces for YAML indentation",
            "Fully qualified module names (ansible.builtin.copy)",
            "One role per service, tasks split by concern",
            "Vault files beside the group_vars they serve",
            "Container images pinned by digest",
            "Storage pools: one per site (tank-ams, tank-fra)",
            "Every endpoint under /api/v1",
            "Errors as JSON with a code and a message",
            "变量名用英文，注释用中文",
        ]
    );
    // Found by review: a title where the word only qualifies something else (`Known Style
    // Issues`), an app's settings (`Notification Preferences`), and a plan under naming
    // conventions (`We plan to rename …`) hold none. Since the twelfth session, any title of at
    // most three words closing with `Conventions` (`API Conventions`), and `代码规范` (code
    // conventions), is over the team's conventions (rounds 196–213: 16 lines more, all the
    // readers'); not conventions only proposed, nor a line that is only a code span, an
    // example of one (`#### Commit Message Conventions` over `` `docs: note the [change]` ``).
}

#[test]
fn a_line_that_only_weighs_or_plans_a_choice_is_no_decision() {
    let kb = load();
    // Under `Active Decisions and Considerations`, what the team is considering, plans or
    // holds under consideration is not decided (`We are considering Prometheus …`, `We plan
    // to move the CA …`, `検討しています`, `予定です`; round 208: two lines no reader listed),
    // and neither is what a label over choices under consideration holds. `Considering the
    // load, we chose …` decides.
    let doc = document(&kb, "activeContext-weighed.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Offsite copies: Push the nightly snapshots to the NAS at the second site.",
            "DNS: Considering the load, we chose Unbound over dnsmasq.",
            "Queue: Use NATS (Kafka was under consideration but rejected).",
            "Database: We chose PostgreSQL; we plan to add a replica next quarter.",
            "バックアップ: restic でオフサイトにコピーする",
            "DNS: Unbound を採用しました。来月ルーターにも入れる予定です。",
        ]
    );
    // (Found by review: only the line's first clause is read so; what it decides first
    // stays decided.)
}

#[test]
fn a_label_naming_an_area_of_work_heads_the_decisions_on_it() {
    let kb = load();
    // `**Error Handling**:`, `**Inventory Structure:**` or `**Secret Management:**` over items
    // names where the team decided, not what: each item under it is a decision, among
    // patterns and among decisions alike (rounds 196–208: 32 lines more of the readers', 12
    // labels fewer that no reader listed). A label naming a pattern (`**Dependency
    // Injection**:`) is the decision, and its items tell how.
    let doc = document(&kb, "systemPatterns-areas.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Ansible blocks with rescue tasks that roll the firewall back",
            "Failed hosts stop the whole play (any_errors_fatal)",
            "One group per site, hosts named by role",
            "Dependency Injection:",
            "Vault-encrypted files per environment",
            "The vault password comes from the password manager",
            "Storage Pool: ZFS mirror on two SSDs",
        ]
    );
}

#[test]
fn a_pattern_recorded_with_why_it_was_chosen_is_decided() {
    let kb = load();
    // Roo Code's patterns log: a dated entry naming a pattern over its `Description`,
    // `Rationale` and `Implementation` is a pattern the team adopted on that date, for those
    // reasons (round 205: twelve such records, all the reader's). One whose name leaves it
    // open is not, nor one whose rationale turns it down (found by review), nor a log line
    // that reports the file's own edit.
    let doc = document(&kb, "systemPatterns-recorded.md");
    assert_eq!(decision_texts(doc), ["[2025-09-14 21:02:40Z] - Pull-based configuration (ansible-pull on each host)"]);
    let (_, pull) = decision(&kb, "Pull-based configuration");
    assert_eq!(pull.date.map(|d| d.to_string()).as_deref(), Some("2025-09-14"));
    assert!(field(pull, "rationale").is_some_and(|r| r.contains("lose their uplink")), "{pull:?}");
}

#[test]
fn a_log_written_a_dated_line_each_is_a_decision_each() {
    let kb = load();
    // A decision log written one dated line under the other, with no list marker (`2025-10-01:
    // Backup target — restic …`, then `2025-10-01: Snapshot cadence — …`) is one paragraph to
    // Markdown; a reader lists each line, dated by its own date (round 209: a log of 39 such
    // lines, of which mb listed the first of each paragraph).
    let doc = document(&kb, "decisions-dated-lines.md");
    let listed: Vec<(String, &str)> = doc
        .items
        .iter()
        .filter(|i| i.kind == Kind::Decision)
        .map(|i| (i.date.map(|d| d.to_string()).unwrap_or_default(), i.text.split(" — ").next().unwrap_or("")))
        .collect();
    assert_eq!(
        listed,
        [
            ("2025-10-01".to_string(), "2025-10-01: Backup target"),
            ("2025-10-01".to_string(), "2025-10-01: Snapshot cadence"),
            ("2025-10-03".to_string(), "2025-10-03: Reverse proxy"),
            ("2025-10-07".to_string(), "2025-10-07: Monitoring"),
            ("2025-10-08".to_string(), "[2025-10-08 09:00:00] - Pinned the kernel on the NAS to 6.6"),
            ("2025-10-09".to_string(), "2025-10-09: Firewall"),
        ]
    );
    // (After a Roo Code timestamp too; and `2025-10-10-rc1: …` names a tag, no date: it goes
    // on the line before. Found by review.)
}

#[test]
fn a_decision_label_over_work_to_do_decides_nothing() {
    let kb = load();
    // A log that labels its tasks as decisions (`Decision […]: Fix the failing restic tests`,
    // `Decision […]: Record findings from the restore drill`) chooses nothing by them (rounds
    // 196–210: six such lines, none a reader's); `Fix the MTU at 1420` sets something.
    let doc = document(&kb, "decisionLog-work.md");
    assert_eq!(decision_texts(doc), ["Decision [04-11-2025 11:00:00]: Fix the MTU at 1420 on the WireGuard tunnel."]);
}

#[test]
fn what_a_list_of_patterns_or_principles_sets_aside_is_not_decided() {
    let kb = load();
    // Found by review: under a label that sets its items aside (`**Avoid:**`, `Patterns we
    // rejected:`, `**Open questions:**`, `**Rejected:**`), what a template or an author left to
    // fill (`TODO`, `—`, `(none yet)`, `Currently none`, `… yet`, `(to be written)`), a
    // pointer (`See …`, a bare path), a slot (`Pattern Name`), a pattern planned, suggested,
    // asked about or turned down (`(planned)`, `Consider …`, `Should we …`, `**CQRS?**`,
    // `**Singleton**: deprecated, …`), a line about the list, and a topic over patterns of
    // its own (`- Backend`) are no pattern or principle of the team's. `拡張可能` (extensible)
    // and `尽可能` (as far as possible) hedge nothing, `Confirmation dialog pattern` asks for no
    // confirmation, `CI/CD` is no path, and Spanish `Todo …` is every. Principles of how
    // something works (`Principes de fonctionnement`) are not the team's; a dated heading
    // over principles is.
    // A caption over a code block (`1. Retry Loop` over a Go snippet, round 205) names
    // the example it shows; a statement over one (`Functional options for constructors`) names
    // the pattern it shows (found by review).
    let doc = document(&kb, "systemPatterns-listed.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Repository pattern for data access",
            "拡張可能なプラグインアーキテクチャ",
            "尽可能使用不可变数据",
            "Confirmation dialog pattern before destructive actions",
            "CI/CD",
            "Outbox relay for webhooks",
            "Plain files over databases",
            "Todo cambio pasa por revisión",
            "Every change is reviewed",
            "Idempotent reconcilers: every sync can run twice without harm",
            "Functional options for constructors",
        ]
    );
}

#[test]
fn a_stack_names_roles_in_brackets_and_under_role_labels() {
    let kb = load();
    // Under a stack title, a name with its role in brackets (`Renovate (dependency updates …)`)
    // names a role and what fills it, as `Renovate - dependency updates` does; not an
    // identifier (`(max_context_tokens)`) or a choice left open (`(optional)`). An item right
    // under a label that only names a role (`**CI/CD & Automation:**`) is read as a top-level
    // one is; not under a label over how things are done (`**Setup:**`), and not a sentence.
    // Found by review: not under a label of facts (`**Ports:**`, `**Hosts:**`, `**Known
    // bugs:**`) or of what is set aside (`**Planned:**`), nor a number for a name; a slash
    // between words and a year after the first word are no path and no version. Since round
    // 222 a name alone at the top of a stack's list is chosen (`Grafana`), its brackets giving
    // a version, a place, a pointer or a licence (`React (18.2)`, `Redis (localhost:6379)`) —
    // not a name set aside in them (`jQuery (no longer used)`, `OpenSearch (replaced by
    // Loki)`).
    let doc = document(&kb, "tech-roles.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Go (the collector and the CLI)",
            "Renovate (dependency updates for images and charts)",
            "React (18.2)",
            "Caddy (v2)",
            "GitHub Actions (self-hosted runners on the NAS)",
            "Taskfile (task runner for bootstrap and upgrades)",
            "Database: CloudNativePG (PostgreSQL operator)",
            "Grafana",
            "Node.js (v20 LTS)",
            "Redis (localhost:6379)",
            "Caddy (config in /etc/caddy)",
            "Vite (see the docs)",
            "Terraform (Apache 2.0 licence)",
            "mise (dev environment/toolchain manager)",
            "Rust (Edition 2024, the language of every tool)",
        ]
    );
}

#[test]
fn a_title_over_the_projects_dependencies_lists_its_stack() {
    let kb = load();
    // `### Runtime Dependencies` over `- restic: encrypted backups to the NAS` lists what the
    // project chose, each by what it does for it, as a stack does (rounds 196–211: 68 lines
    // more of the readers', 11 that no reader listed). Not a choice left open, an
    // installation command, the dependencies between the system's parts, those left optional
    // or only pulled in, what blocks a plan or what a phase of it waits for, nor a task over
    // them (found by review); nor an order between parts (`Proxmox → Ceph: …`; round 214).
    // A table's row names its package whatever its version says: any (`*`), a bound
    // (`<1.1`), a package with extras (`pybadges[coverage]`; round 250).
    let doc = document(&kb, "techContext-dependencies.md");
    assert_eq!(
        decision_texts(doc),
        [
            "restic: encrypted, deduplicated backups to the NAS",
            "jq = \"1.7\": reads the Proxmox API's JSON in the check scripts",
            "rclone: copies the nightly snapshots off-site, to one or more buckets",
            "ansible-lint: lints every role before a merge",
            "molecule - runs each role against throwaway containers",
            "paramiko: SSH from the inventory script",
            "ansible-runner — >=2.4",
            "pybadges[coverage] — >=3.0",
            "yamllint — *",
            "jmespath — <1.1",
        ]
    );
}

#[test]
fn the_journals_patterns_are_the_rules_it_learned() {
    let kb = load();
    // Cline's journal beside the bank (`memory-bank/.clinerules`) keeps the patterns and
    // preferences the agent learned so as to follow them: each top-level line under its
    // patterns is one, in whatever words (`Snapshots before every upgrade`, not only `Always
    // …`). Rounds 196–210: 20 such lines more of the readers', 2 not. What it knows of the
    // challenges met and the steps of a task stays as it was, and so does a label over lines;
    // so does a use case, a question without its mark, useful commands and anti-patterns
    // (found by review).
    let doc = document(&kb, ".clinerules");
    assert_eq!(
        decision_texts(doc),
        [
            "Tag every task with the role's name",
            "Handlers restart a service only after its config validates",
            "One play per host group",
            "Snapshots before every upgrade of a Proxmox node",
            "Keep seven daily and four weekly snapshots on the NAS",
        ]
    );
}

#[test]
fn the_whole_systems_architecture_written_part_by_part_is_its_stack() {
    let kb = load();
    // Right under `## Overall Architecture` (`Core`, `System Architecture`, `Architektur`,
    // `系统架构`), a line that names a part and what fills it is the stack written part by part
    // (rounds 196–217: 32 lines more of the readers', 2 not). Not a fact about the system, a
    // layer with what it holds in brackets, a line under a label or heading of its own, a slot
    // or a choice left open; nor under one part's architecture or one still planned. Nor (found
    // by review) a part's state (`broken since …`, `80% complete`, `✅ done`), a numbered step,
    // nor the architecture of an incident; the dash form (`Cache - Valkey 8`) is one. Under a
    // bold label naming a part there (`**Frontend (/web):**`), a name alone or a name for what
    // it does is one too (round 229: 9 lines more of the readers', none not); not under a
    // label naming components or requirements, nor (review) a part's features where no line
    // of its list names a technology for what it does (`- Dark Mode` under `**Backend (/api):**`).
    // Right under the title, a name for what it does is one as well (`- VictoriaLogs for the
    // poller's logs`; sixteenth session), not one retired or still a plan (review).
    let doc = document(&kb, "productContext-architecture.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Frontend: SvelteKit with TypeScript, built to static files",
            "Storage: one ZFS dataset per share on the NAS",
            "Charts: uPlot for the backup timelines",
            "VictoriaLogs for the poller's logs",
            "Datenbank: PostgreSQL 16 auf dem NAS",
            "消息队列: Redis Streams",
            "Cache - Valkey 8 on the management VM",
            "Pinia for state management",
            "Chart.js",
        ]
    );
}

#[test]
fn work_reported_and_choices_still_being_made_are_no_decisions() {
    let kb = load();
    // Under `## Recent Changes / Decisions`, a label naming a fix by its participle over what
    // was done (`**Type Errors Fixed:** Addressed …`, `**Memory Bank Updated:** Updated …`)
    // reports work, and what a line reporting work lists (`**Merge Conflicts Resolved:**
    // Successfully resolved … in these files:` over the paths) are that work's parts, as under
    // a work item — unless it moves something from one thing to another. Under `## Active
    // Decisions & Considerations`, `Deciding on …`, `Determining …` is a choice still being
    // made (round 222: 15 lines, none a reader's). A `Decision:` that reports an examination
    // (`Performed a full review … and found …`, `Successfully implemented …`) is work done
    // (round 224: 2 lines, none a reader's).
    let doc = document(&kb, "activeContext-work-reported.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Session storage: Use signed cookies for sessions.",
            "Sessions Updated: Switched from server-side sessions to signed cookies.",
            "Uploads: Store uploads outside the web root.",
            "Decision: Replicate the photo datasets to the offsite Pi every night.",
        ]
    );
}

#[test]
fn a_question_settled_in_place_states_its_answer() {
    let kb = load();
    // `✅ Secret storage: **RESOLVED** - SOPS files …` under `## Open Questions/Issues` (Roo
    // Code's heading) names the question's topic, says it is settled and gives the answer: a
    // decision (round 215: 6 lines, every one a reader's). Not an answer that reports the work
    // done or counts what was made (`Implemented …`, `4 dashboards created`, `Complete …`: 10
    // lines no reader listed), one still to give, nor a line with no topic. A `Decision needed:`
    // line asks the question (round 218).
    let doc = document(&kb, "activeContext-settled-inline.md");
    assert_eq!(
        decision_texts(doc),
        [
            "✅ Secret storage: RESOLVED - SOPS files kept in the repository",
            "✅ Reverse proxy: Decided — Caddy on the edge VM",
        ]
    );
}

#[test]
fn a_name_for_a_role_in_a_stack_is_chosen() {
    let kb = load();
    // `- Framer Motion for UI animations` under `## Tech Stack` names a technology and the
    // role it fills, as `Name: role` and `Name - role` do (rounds 196–216: 26 lines more of
    // the readers', 13 not — all of one bank's dependency lists, which its reader left out).
    // Not a task or a sentence that does something for something, a bare name, nor a choice
    // for now; nor (found by review) work to try, a sentence whose verb comes after the role,
    // an issue's number; nor what the system needs under `### System Requirements` (round 218),
    // though a tool's `### Python requirements` lists choices. `для`, `für`, `pour`, `para` are
    // not read as `for`: a sentence in another language cannot be told from a name here (a first
    // version took `Нужно решить для очередей`; found by review).
    let doc = document(&kb, "techContext-for-roles.md");
    assert_eq!(
        decision_texts(doc),
        [
            "SvelteKit for the status dashboard",
            "Caddy for TLS on the edge VM",
            "restic for encrypted backups.",
            "TypeScript 5.6",
            "pytest-testinfra for checking hosts",
            "FastAPI: the status API",
        ]
    );
}

#[test]
fn a_name_alone_under_a_role_or_a_stack_title_is_chosen() {
    let kb = load();
    // `- React` right under `- **Frontend:**` reads `Frontend: React`; so does a name under a
    // bold label naming a role (`**Backend:** (already running)`), and a name alone at the top
    // of a list under a title that names the stack (rounds 196–222: 37 lines more of the
    // readers', none not). Not what a technology gives (`Key Features Used:`, a list under
    // `**Bun** - the JavaScript runtime`), a choice for now or still open, a sentence in any
    // language, a verb's line, nor a bare package under `## Dependencies` (a manifest, which
    // readers leave out). Found by review: not a plain phrase for a kind of work (`Error
    // handling`), a name retired or weighed in its brackets in any language (`Celery (nicht
    // mehr verwendet)`, `Redis (under evaluation)`), `None yet`, a product's features (`###
    // Core Features`), nor a list under a plain label naming no role (`Key Features Used:`).
    // A bold label with a note in brackets over a list heads it (`**Backend:** (already
    // running)`): the names under it are no longer the `**Deprecated:**` list above (review).
    // So does a bold label alone on its line that names a group of technologies (`1. **Core
    // Technologies**`, `3. **Key Libraries**`; rounds 220 and 224: 24 lines more of the
    // readers', 2 not), not one technology's name over how it is installed (`2. **Caddy**` over
    // `- Role: …`). Found by
    // review: a note with a number in it heads its list too (`**Removed:** (in v2)` over `*
    // Backbone`, no longer a framework chosen). The paragraph naming in bold the one
    // technology chosen, `**Bun** - the JavaScript runtime`, is a choice itself (round 280).
    let doc = document(&kb, "techContext-bare-names.md");
    assert_eq!(
        decision_texts(doc),
        [
            "SvelteKit",
            "TypeScript 5.6",
            "Tailwind CSS",
            "Python 3.12",
            "FastAPI",
            "Uvicorn",
            "Bun - the JavaScript runtime",
            "Redis",
            "Deno 2",
            "Zod 3",
            "Svelte 5"
        ]
    );
}

#[test]
fn a_title_over_the_tools_lists_those_chosen() {
    let kb = load();
    // `## Development Environment`, `## Code Quality Tools` and a brief's `## Technical
    // Requirements` list the tools and technologies chosen, as a stack does, right under them
    // (rounds 196–223: 49 lines more of the readers', 13 not). Not a heading inside one
    // (`### Supported Platforms`), tools the work needs (`## Required Tools`), nor tools set
    // aside (`## Future Development Tools`); and a name alone there is as often what a tool
    // does (`- Error tracking` under `## Debug Tools`). Found by review: a choice still being
    // made (`Logs: Choosing between Loki and ELK`) and how long something takes (`Response
    // time: under 200 ms`, not `Real-time: …`) are none.
    let doc = document(&kb, "techContext-tooling.md");
    assert_eq!(
        decision_texts(doc),
        [
            "IDE: VS Code with rust-analyzer",
            "Version control: Git, hosted on Forgejo",
            "ruff: linting and formatting for Python",
            "shellcheck: every shell script in CI",
            "Backend: FastAPI on Python 3.12",
            "Database: PostgreSQL 16",
            "Sentry: error reports from the workers",
            "Real-time: sse-starlette for server-sent events",
        ]
    );
}

#[test]
fn a_plain_name_saying_it_is_a_pattern_heads_its_list() {
    let kb = load();
    // Under `### Design Patterns`, `1. Adapter Pattern` over its bullets names a pattern in use
    // as a bold name does (round 225); not one hedged (`Factory Pattern (Potential)`), nor a
    // plain topic over its items (`User Interface`); found by review, not one set aside in its
    // brackets (`(not used)`) or by its first line (`Replaced by dependency injection in v2`),
    // nor under `### Design Patterns Considered`. Under a bold label naming one pattern
    // (`**Retry Queue Pattern**`), the first line stands for the pattern and the rest describe
    // it (rounds 207 and 230: 28 lines, one a reader's); a label naming no pattern (`**Import
    // Order**`) lists one per line.
    let doc = document(&kb, "systemPatterns-named-list.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Adapter Pattern",
            "Observer Pattern",
            "Failed uploads go to a queue in IndexedDB",
            "Standard library first",
            "Our own modules last",
        ]
    );
}

#[test]
fn a_label_naming_a_kind_of_technology_states_one_chosen_anywhere() {
    let kb = load();
    // `OS: Debian 12`, `Package manager: pnpm`, `**Framework**: pytest` name what was chosen
    // for a kind of technology wherever they stand (rounds 196–217: 20 lines more of the
    // readers', none not). Not a slot or a choice left open, a label of another kind, nor under
    // a title that sets its lines aside or plans work; nor (found by review) under a bug
    // report, a test matrix or a glossary, nor a value that gives an example, `any`, a
    // description or several. A title naming a kind of technology (`### Core Framework`,
    // `### State Management`) lists what was chosen for it, as a stack does (round 219: 25
    // lines more of the readers' on rounds 196–219, none not).
    let doc = document(&kb, "techContext-kinds.md");
    assert_eq!(
        decision_texts(doc),
        [
            "OS: Debian 12 on every VM",
            "Package manager: pnpm",
            "Framework: pytest with testinfra",
            "SvelteKit: the dashboard, rendered to static files",
            "TypeScript: strict mode everywhere",
            "Svelte stores for what the page shows",
        ]
    );
    // Only in a file that describes the system: a product context's `### Platform` is the
    // business's (found by review).
    assert!(decision_texts(document(&kb, "productContext-platform.md")).is_empty());
}

#[test]
fn the_list_a_system_file_opens_with_is_its_architecture() {
    let kb = load();
    // At the top of `techContext.md`, right under its title, `- Runtime: Podman, …` names a
    // part of the system and what fills it, as under `## Overall Architecture` (rounds 216 and
    // 231: 11 lines more of the readers', one not). Not a part's state, a label over a list,
    // nor a list further down, after a paragraph; nor (review) a stamp or an address.
    let doc = document(&kb, "techContext-opening-list.md");
    assert_eq!(
        decision_texts(doc),
        ["Runtime: Podman, one pod per service", "Scheduler: Nomad 1.7 across the three nodes"]
    );
}

#[test]
fn a_label_naming_a_kind_of_technology_among_decisions_heads_the_choices() {
    let kb = load();
    // Under `## Key Technical Decisions`, `1. **Framework Choice**` over `- Astro for the site`
    // is the topic, and the names under it the choices (round 220: 7 lines more of the
    // readers', 1 not, 3 labels no reader listed); a label naming a feature (`**Offline
    // Mode**`) stays the decision; under `3. Using uv for dependency management`, what it brings
    // (`- Reproducible environments`) is its reasons (round 225) — not items naming choices of
    // their own (`- Object Storage for backups` under `Use Hetzner for hosting`; review) — and
    // so is the list after `Prometheus and Grafana provide:` (rounds 232 and 236), even under
    // a heading naming a stack. A Roo pattern log's `[…] - Pattern: Outbox table …` records
    // a pattern adopted that day, as `[…] - Decision: …` does (round 232), not one it avoids
    // or tried and reverted (review).
    let doc = document(&kb, "systemPatterns-key-decisions.md");
    assert_eq!(
        dated_decisions(doc),
        [
            " Astro for the site",
            " Svelte for the islands",
            " Offline Mode",
            " Using uv for dependency management",
            " Use Hetzner for hosting",
            " Object Storage for backups",
            "2026-03-04 [2026-03-04 10:00:00] - Pattern: Outbox table for webhook delivery Description: Rows are \
             written in the same transaction and a worker sends them.",
        ]
    );
}

#[test]
fn a_stamped_bullet_under_a_fields_heading_is_that_records_field() {
    let kb = load();
    // Roo's decision log written as `## Decision`, `## Rationale`, `## Implementation Details`,
    // each listing `* **[2026-02-01] Topic:** …`: under the fields' headings the stamped bullets
    // are the fields of the record of that day and topic, not entries of their own (round 236:
    // 23 lines less that no reader listed, one a reader did). A stamped paragraph appended below
    // the template's last heading is still an entry.
    let doc = document(&kb, "decisionLog-field-sections.md");
    assert_eq!(
        dated_decisions(doc),
        [
            "2026-02-01 [2026-02-01] Photo library sync: Decided to sync the photo library with Syncthing between \
             the two laptops.",
            "2026-02-03 [2026-02-03 10:00:00] - Switched the Syncthing discovery server to our own VPS",
        ]
    );
}

#[test]
fn a_stamp_among_the_patterns_a_heading_lists_dates_that_pattern() {
    let kb = load();
    // Roo's `systemPatterns.md` under `## Architectural Patterns`: a stamped bullet over its
    // description, then patterns with no stamp (round 243). The stamp dates its pattern; it
    // opens no entry, so the patterns after it stay the heading's and are decisions. A stamped
    // label's lines (`Guideline:`, `When to use:`) describe it, whatever it names; a stamped
    // label names its pattern after the stamp (found by review).
    let doc = document(&kb, "systemPatterns-stamped.md");
    assert_eq!(
        dated_decisions(doc),
        [
            " Edge Handlers: Requests for the short links are answered by workers at the edge, close to the reader.",
            "2025-06-02 [2025-06-02 09:40:00] - Layered Link Settings (one file per domain + a KV store):",
            " Paid Clicks Only: The conversion callback fires for paid clicks, never for test clicks.",
            " Separate Modules: Routing, settings and the callback live in modules of their own.",
            "2025-06-04 [2025-06-04 11:00:00] - Circuit Breaker: around the payment calls",
            "2025-06-03 [2025-06-03] Retry Chain Pattern:",
            "2025-06-03 [2025-06-03] Shared Settings Loader:",
        ]
    );
    let (_, layered) = decision(&kb, "Layered Link Settings");
    assert_eq!(field(layered, "rationale"), Some("One large file was hard to review."));
}

#[test]
fn a_choice_only_hedged_at_under_a_decisions_heading_is_none() {
    let kb = load();
    // `## Evolution of Decisions` mixes choices made with ones only thought of (round 242):
    // `Potential …`, `Possible …`, `… under evaluation`, `Considering …` leave theirs open; a
    // line that goes on after `Considering the cost,` to say what was kept decides. Found by
    // review: a comma in a list decides nothing, a line that goes on to say what was chosen
    // decides, words that tell of something else (`the sidecar under discussion in #42`) leave
    // nothing open, `[under evaluation]`, `(Maybe)` and `Might` hedge, and so does a table
    // row's status.
    let doc = document(&kb, "activeContext-evolving.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Moved every stage onto PostgreSQL",
            "The calendar view confirmed for the dashboard",
            "Considering the cost, we kept the single region",
            "Potential outages fail over to the standby; chose active-passive",
            "Dropped the sidecar under discussion in #42",
            "Keep Grafana for the dashboards",
        ]
    );
}

#[test]
fn a_stamp_under_the_intro_opens_its_record_and_the_fix_that_held_is_its_decision() {
    let kb = load();
    // Round 245's Roo decision log: the first stamp in brackets sits right under the
    // template's intro sentence, an entry the agent appended (a bare stamp there is the file's
    // own update log); its `**Final Solution**:` list is the record's decision and the
    // `**Solutions Attempted**:` its alternatives. A one-line stamp that ends its sentence
    // introduces nothing: `## Working Agreement` over headings of its own after it is a part
    // of the file, undated (it had taken the stamp's date).
    let doc = document(&kb, "decisionLog-doctrine.md");
    assert_eq!(
        dated_decisions(doc),
        [
            "2026-03-09 Move the worker onto the managed Python runtime",
            "2026-03-09 Export the WSGI application from a root-level module",
            "2026-03-09 Mounted the health router under /api/v1",
            "2026-03-09 Kept the API key out of the deploy file",
            "2026-03-09 [2026-03-09 10:05:31] - Filtered the platform's health probes out of the request log.",
            "2026-03-10 [2026-03-10 14:00:00] - Added a SQLite cache for the classification results.",
        ]
    );
    let (_, runtime) = decision(&kb, "managed Python runtime");
    assert!(field(runtime, "alternatives").is_some_and(|v| v.contains("A custom start command - FAILED")));
    let agreement: Vec<&Item> = doc.items.iter().filter(|i| i.text.contains("Time-boxing")).collect();
    assert_eq!(agreement.len(), 1);
    assert_eq!(agreement[0].date, None);
}

#[test]
fn a_file_in_a_folder_of_templates_records_nothing() {
    let kb = load();
    // `memory-bank/templates/incident.md`: a blank to copy, whatever its name; its `## Final
    // Solution` and its `- **Retry Pattern**: …` under `## Related Patterns` decide nothing.
    let doc = kb.documents.iter().find(|d| d.path.ends_with("templates/incident.md")).expect("the template");
    assert_eq!(decision_texts(doc), Vec::<&str>::new());
}

#[test]
fn under_a_files_title_over_the_teams_conventions_each_topic_holds_them() {
    let kb = load();
    // `# Conventions de Développement` over `## Style & Qualité`, `## Docker` (round 246's
    // French Kilo bank): the file is the team's style guide, and each line standing alone
    // under a topic one of its conventions, as under `## Coding Conventions`. Not a topic over
    // examples or goals, not a bare command, and not the rules of something else (`# Règles
    // du jeu`, the game's rules). Found by review: not an example under a rule (the rule is
    // one), a command written without backticks, a line labelled `Exemple :`, nor a topic over
    // anti-patterns.
    assert_eq!(
        decision_texts(document(&kb, "03-conventions-dev.md")),
        [
            "PEP8 obligatoire",
            "Formatter : black + ruff",
            "Ne jamais modifier docker-compose.yml sans justification",
            "Épingler chaque image de base par son empreinte",
        ]
    );
    assert_eq!(
        decision_texts(document(&kb, "dev-conventions.md")),
        ["No print statements", "Structured JSON logs only"]
    );
    assert_eq!(decision_texts(document(&kb, "regles-du-jeu.md")), Vec::<&str>::new());
}

#[test]
fn a_list_items_title_dates_the_list_under_it_as_a_headings_does() {
    let kb = load();
    // `- [Initial Setup - Completed ~2026-02-14]` over what was done then (round 243's
    // `## Recent Changes`): the date in the title dates the list, wherever it stands in the
    // title, as it would in a heading's; a day named as one to come (`Deadline …`, and found by
    // review `Target date …` with any word before the date) does not.
    let doc = document(&kb, "activeContext-dated-labels.md");
    assert_eq!(
        dated_decisions(doc),
        [
            "2026-02-14 Switched the backups from rsync to restic.",
            "2026-02-18 Switched the mailer from Postfix to Mailpit.",
            " Switched the DNS to Unbound.",
            " Switched the VPN to WireGuard.",
        ]
    );
}

#[test]
fn a_journal_entrys_date_line_under_its_title_dates_it() {
    let kb = load();
    // A journal of one file per day gives the day right under the title (round 249): as a
    // heading that only names it (`## Date: March 11, 2026`) or as a byline alone
    // (`*May 12, 2026*`). Either dates the file's decisions, as `Date: …` under the title and a
    // date in the title do.
    assert_eq!(
        dated_decisions(document(&kb, "journal-date-heading.md")),
        ["2026-03-11 We decided to retire the old NAS once its disks pass one more scrub, and hand it to the lab."]
    );
    assert_eq!(
        dated_decisions(document(&kb, "journal-byline.md")),
        ["2026-05-12 Ship the container logs with Vector rather than Fluent Bit"]
    );
}

#[test]
fn a_session_titled_as_an_occasion_decides_its_final_solution_and_the_files_decisions_stay_its_own() {
    let kb = load();
    // `[…] - Cache invalidation session` opens with a word that may be a verb (`Cache`), but
    // a title closing on an occasion (`session`, `meeting`, `review`) names a topic: the
    // record's `**Final Solution**:` list is its decision. `## Older decisions` right below the
    // stamp's level is the file's list, not the stamp's (found by review).
    let doc = document(&kb, "decisionLog-sessions.md");
    assert_eq!(
        dated_decisions(doc),
        [
            "2026-04-02 Purge the edge cache on every publish",
            "2024-01-05 Chose MariaDB for the wiki (2024-01-05)",
            " Chose Memcached for the page cache",
        ]
    );
}

#[test]
fn a_list_of_references_to_the_repositorys_paths_names_no_technology() {
    let kb = load();
    // Under a stack, `- **Hardening**: `docs/hardening/` - …` points at where the notes are
    // (round 252's `### Documentation References`): a path is no technology chosen — unless
    // the label names how the files are laid out (`Folder structure: roles/<service>/`).
    let doc = document(&kb, "techContext-references.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Hypervisor: XCP-ng 8.3 on the three hosts",
            "Folder structure: roles/<service>/ for every service the playbooks install",
        ]
    );
}

#[test]
fn a_numbered_heading_under_decisions_opened_by_prose_is_one_decision() {
    let kb = load();
    // `### 1. Git as the Source of Truth` under `## Key Design Decisions`: the paragraph that
    // opens it states the decision, the list of roles and the paragraph after it spell it out
    // (round 253). A heading opened by a list keeps its items as decisions, and so does one
    // whose prose says how a thing is configured; a hedge decides nothing.
    let doc = document(&kb, "systemPatterns-numbered-decisions.md");
    assert_eq!(
        decision_texts(doc),
        [
            "Every host's desired state lives in the Ansible repository, as inventory and roles:",
            "Each host runs ansible-pull from a systemd timer every thirty minutes, so no controller needs a way into the fleet.",
            "Keep seven daily and four weekly snapshots of tank",
            "Replicate tank to the offsite box every night with syncoid",
            "Page the on-call when a pool passes 80% full",
            "Warn when a scrub reports a checksum error",
            // (A lead-in over the list keeps its items, and a line left open decides nothing;
            // found by review.)
            "We chose the following:",
            "Argo CD syncs every cluster from the main branch",
        ]
    );
    let (_, git) = decision(&kb, "Every host's desired state lives in the Ansible repository");
    let details = field(git, "details").unwrap_or_default();
    assert!(details.contains("roles/zfs") && details.contains("Hand edits on a host"), "{details}");
    let lines: Vec<_> = doc.items.iter().filter(|i| i.field.as_deref() == Some("details")).map(|i| i.line).collect();
    assert_eq!(lines, [8, 9, 10, 12, 18]);
}

#[test]
fn the_idioms_the_code_is_written_in_are_the_teams_conventions() {
    let kb = load();
    // `## Common Idioms` over how the team writes its code (round 254: the reader listed
    // each line): each line standing alone is one of its conventions, as under `## Naming
    // Conventions`. A template's numbered slot (`Idiom 3: Description`) holds none; nor (found
    // by review) an example under a rule, a line only hedged at, a slot without a number, nor
    // idioms proposed or under a title that sets patterns aside.
    assert_eq!(
        decision_texts(document(&kb, "systemPatterns-idioms.md")),
        [
            "#[must_use] on builders whose result is easy to drop",
            "anyhow::Context on every I/O error, naming the path",
            "Handlers restart a service only when its template changed",
            "become: true on the task that needs it, never on the whole play",
        ]
    );
}

#[test]
fn the_plan_a_decision_started_from_is_what_it_replaced_and_a_hedge_after_a_label_decides_nothing() {
    let kb = load();
    // `**Initial Plan**:` beside `**Final Implementation**:` tells a change as before and
    // after, as `Previous Approach` and `New Approach` do: what was built is the decision, the
    // plan what it replaced, its features a field (round 255).
    assert_eq!(
        decision_texts(document(&kb, "progress-evolution-plans.md")),
        [
            "Final Implementation: ✅ ZFS send/receive to the offsite box, driven by syncoid",
            // (Beside an initial plan, the current implementation is no stage of a timeline:
            // found by review.)
            "Current Implementation: ✅ ntfy pushes to the on-call phone"
        ]
    );
    let (_, backup) = decision(&kb, "ZFS send/receive to the offsite box");
    assert_eq!(field(backup, "previous"), Some("Copy the datasets to the NAS with rsync every night"));
    // `Could …` after a label only thinks of a choice, under a stack too; and a title over the
    // technology's debt lists what is amiss, no stack.
    // (`Could not use MySQL` tells why, no hedge; found by review. A kind of thing and what it
    // is for, `Charting Libraries: For the capacity graphs`, names no product; round 262.)
    assert_eq!(
        decision_texts(document(&kb, "techContext-debt.md")),
        [
            "Proxy: Caddy 2",
            "Database: Could not use MySQL (licensing); PostgreSQL 16",
            "Tenacity: For retries around the provider API"
        ]
    );
}

#[test]
fn a_limitation_says_what_is_lacking_and_sets_no_rule_unless_it_binds() {
    let kb = load();
    // Under `### Current Limitations`, `No replication` and `No TLS on the LAN` say what the
    // system lacks (round 256); `Must be flashed by hand` still binds the team, and `Never
    // tested on Windows` and `Should be fixed in the next release` do not (found by review).
    assert_eq!(
        decision_texts(document(&kb, "deployment-limitations.md")),
        ["Sensor firmware: Must be flashed by hand from the workbench"]
    );
}

#[test]
fn patterns_under_a_title_that_puts_them_off_and_flows_told_step_by_step_are_none() {
    let kb = load();
    // `### Scalability Patterns` under `## Future Expansion Patterns` lists patterns only
    // thought of, as its title does; `### Backup Run Flow` tells how a run goes, no pattern
    // chosen (round 257), and `### Restore Drill Flow` over its diagram no decision (round
    // 263).
    assert_eq!(decision_texts(document(&kb, "systemPatterns-future.md")), ["Event Bus"]);
}

#[test]
fn a_records_implementation_date_dates_it() {
    let kb = load();
    // `**Implementation Date**: June 23, 2025` is the day the record says it was put in
    // place: its date, as `**Date**:` would be (round 258). A record without one stays undated.
    assert_eq!(
        dated_decisions(document(&kb, "adr-implemented.md")),
        [
            "2025-06-23 Decision: Email-only alerts through the relay for now",
            " Decision: Vector ships every host's journal to Loki"
        ]
    );
}

#[test]
fn a_decision_template_in_russian_and_decisions_still_to_validate_are_none() {
    let kb = load();
    // `Журнал архитектурных решений кластера.` is the log naming itself, and `## Шаблон
    // решения` (a decision's template) holds a slot to fill in, `(Краткое описание решения)`
    // (round 262).
    assert_eq!(
        decision_texts(document(&kb, "decisionLog-ru-journal.md")),
        [
            "Задачи ведутся только в трекере; этот файл хранит контекст для агента.",
            "Решение: все резервные копии хранятся на второй площадке"
        ]
    );
    // `## Design Decisions to Validate` and `## Decisions to be Validated` list choices still
    // to confirm.
    assert_eq!(
        decision_texts(document(&kb, "activeContext-to-validate.md")),
        ["Metrics: Prometheus scrapes every host each 30 seconds"]
    );
}

#[test]
fn a_heading_numbered_as_a_pattern_names_one_and_anti_turns_down_only_patterns() {
    let kb = load();
    // `### Pattern 2 : Imports Anti-Circulaires` names what the pattern keeps out, and `###
    // Pattern 3 : Inventory Access Patterns` numbers itself as one pattern: both are the
    // team's, as `Anti-Patterns`, `Anti Pattern : …` and a deprecated one are not (round 266).
    assert_eq!(
        decision_texts(document(&kb, "systemPatterns-numbered-patterns.md")),
        [
            "Pattern 1 : Une session SSH par hôte",
            "Pattern 2 : Imports Anti-Circulaires",
            "Pattern 3 : Inventory Access Patterns",
            "Pattern 4 : Anti-eval Parsing",
        ]
    );
}

#[test]
fn a_possessive_s_is_no_word_two_statements_share() {
    let kb = load();
    // `Backup tool: Proxmox's built-in vzdump tool` and `Use of Proxmox's built-in firewall
    // tool …` share three words; the `s` of `Proxmox's` made it the four a copy needs (round
    // 266).
    assert_restates_nothing(&kb, "Backup tool: Proxmox's built-in vzdump tool");
}

#[test]
fn a_list_led_in_as_candidates_is_none_chosen_and_a_german_title_names_the_tools() {
    let kb = load();
    // `… Likely candidates:` and `Mögliche Optionen:` (possible options) lead into choices
    // still to make, under a stack title too; `## Entwicklungsumgebung` (development
    // environment) lists the tools chosen, as `## Development Environment` does (round 267).
    assert_eq!(
        decision_texts(document(&kb, "techContext-candidates.md")),
        ["Editor: Helix", "Versionskontrolle: Forgejo"]
    );
}

#[test]
fn a_setting_found_wanting_and_where_a_project_lives_online_are_no_decisions() {
    let kb = load();
    // Under `## Active Decisions & Considerations`, `Setting compression = off … is not
    // sufficient …` and `Raising io_timeout to 120 has no effect …` report what was found,
    // and `… is located at https://…` where something is: none sets anything a host should
    // hold (round 267). A reason that something falls short, after the choice, still decides.
    assert_eq!(
        decision_texts(document(&kb, "activeContext-findings.md")),
        [
            "The snapshot agent must run as the backup user so its archives stay readable.",
            "Use zstd level 3 because gzip is not enough for the nightly window.",
            "Archives are located at /srv/archives on the NAS.",
        ]
    );
    let (_, zstd) = decision(&kb, "Use zstd level 3");
    assert!(zstd.settings().is_empty() || zstd.settings().iter().all(|s| s.key != "compression"));
}

#[test]
fn the_agents_handoffs_a_list_of_what_records_help_and_a_placeholder_note_decide_nothing() {
    let kb = load();
    // A rule file's `## Best Practices for Effective Handoffs` and `# Task Continuation: […]`
    // tell the agent how to hand its work on, not the project what to do (round 268, a
    // `.clinerules` of Cline's); the coding rules above them still bind.
    assert_eq!(
        decision_texts(document(&kb, "systemPatterns-handoffs.md")),
        ["MUST tag every VM with the owning team's name.", "Never store secrets in the inventory."]
    );
    // `ADRs help:` leads into what records are good for, and `(ADRs will be added here as
    // they are created)` holds a list's place (round 268).
    assert_eq!(decision_texts(document(&kb, "adr-index.md")), ["ADR-001: Keep the VM disks on ZFS - Accepted"]);
    // Under a title naming decisions, `**Dashboard refresh:** Corrected the panel queries …`
    // reports a fix, whatever its label (round 268).
    assert_eq!(
        decision_texts(document(&kb, "progress-evolution-fixes.md")),
        [
            "Inventory loading: Switched from one inventory per site to a single YAML inventory.",
            "Backup window: Moved the nightly backups to 02:00 to stay clear of the scrub.",
        ]
    );
}

#[test]
fn a_decision_to_write_a_test_suite_or_run_an_audit_is_work() {
    let kb = load();
    // A log's `Decision: Create a comprehensive test suite …` and `Decision: Perform a full
    // audit …` name work to do (round 268); running the tests on every pull request is how
    // the team works, and stays.
    assert_eq!(
        dated_decisions(document(&kb, "decisionLog-test-suites.md")),
        ["2026-02-05 [2026-02-05 15:30:00] - Decision: Run the integration tests on every pull request in CI."]
    );
}

#[test]
fn two_names_to_choose_between_what_a_test_covers_and_the_services_integrated() {
    let kb = load();
    // `Scenario runner: Playwright or Cypress` and `Report format: JUnit/TAP (TBD)` leave the
    // choice open, as `Region: eu-west (TBD)` does not; under `## Inventory Testing
    // Patterns`, `### Host Variable Testing` says what a test covers (round 269).
    assert_eq!(
        decision_texts(document(&kb, "testing-patterns.md")),
        ["Framework: Molecule with the Podman driver", "Region: eu-west (TBD)"]
    );
    // `## Integrations` lists the outside services chosen, as a stack does; `## Pending
    // Integrations` does not (round 269).
    assert_eq!(
        decision_texts(document(&kb, "projectbrief-integrations.md")),
        ["Backblaze B2 — offsite copies of the ZFS snapshots", "ntfy — push alerts to the on-call phone"]
    );
}

#[test]
fn the_sessions_rules_keep_to_what_they_name() {
    let kb = load();
    // (Found by review of the rules above.) `Fixed` as an adjective sets something; a test
    // suite gate and a recurring audit are how the team works; a mirror or an endpoint at an
    // address is a choice; a benchmark that settled on something, and rules that help, lead
    // into what holds.
    assert_eq!(
        decision_texts(document(&kb, "decisionLog-review-mends.md")),
        [
            "Backoff: Fixed 2s delay between retries",
            "Rate limiting: Fixed window, 100 requests a minute",
            "Pull base images from our Harbor mirror, which is located at https://harbor.example.org",
            "The remote-write endpoint is located at http://mimir.internal:9009/api/v1/push",
            "Decision: Add a test suite gate to the merge pipeline",
            "Decision: Run a quarterly access audit of all IAM roles",
            "Redpanda for the audit event stream",
            "Build every image from the one committed lock file",
        ]
    );
    // A team's on-call handoffs are its rules, `### Agent Handoffs` is a pattern, `Anti-Patrón`
    // turns one down, and a pattern heading's date is no number.
    assert_eq!(
        decision_texts(document(&kb, "systemPatterns-review-mends.md")),
        ["Always hand over the pager with the open incidents written down.", "Agent Handoffs"]
    );
}

#[test]
fn a_records_evidence_release_results_and_argument_are_its_fields() {
    let kb = load();
    // Beside a dated record's `### Decision` (`### 決定`), `### Evidence` (`### 證據`), `###
    // Release results` (`### 發行結果`) and `### Core argument` show and argue for it: fields,
    // no decisions (round 270).
    assert_eq!(
        decision_texts(document(&kb, "decisionLog-evidence.md")),
        [
            "The YAML inventory is the only source of host groups.",
            "Roles read host facts only through the facts cache.",
            "備份一律以 restic 寫入 NAS。",
        ]
    );
}

#[test]
fn status_lines_work_reported_and_a_file_of_links_decide_nothing() {
    let kb = load();
    // Under `## Key Technical Decisions`, `**Production Status**: …` says how things stand,
    // and `Resolved conflicting …` and `Successfully recovered from …` report work done
    // (round 271); the line naming the controller chosen stays.
    assert_eq!(
        decision_texts(document(&kb, "architecture-status-lines.md")),
        ["Ingress controller: Traefik with the Kubernetes CRD provider"]
    );
    // A file of links to read (`# External Resources`) names tools to read about, under a
    // tools title too (round 271).
    assert_eq!(decision_texts(document(&kb, "external-links.md")), Vec::<&str>::new());
}

#[test]
fn a_part_named_in_bold_in_a_system_file_and_what_it_is_built_on_is_a_decision() {
    let kb = load();
    // In a file that describes the system, `**Database**: CockroachDB 24 behind HAProxy` says
    // what a part is built on, wherever the file puts it (`### Backend Architecture`, round
    // 272). Not a label over a list, a plain description, what a part does, a task, a count,
    // a file, an option still open, a benefit, nor a step of a sequence.
    assert_eq!(
        decision_texts(document(&kb, "systemPatterns-parts.md")),
        [
            "Database: CockroachDB 24 behind HAProxy",
            "Job Queue: NATS JetStream + a small Go consumer",
            "Object Storage: via Garage on the archive NAS",
        ]
    );
    // In the file that lists the technology, plain words name what was chosen too (round 273).
    assert_eq!(
        decision_texts(document(&kb, "techContext-plain-parts.md")),
        [
            "Artifact Cache: Pipeline artifacts reused between stages",
            "Inventory Checks: Nightly lint of every host_vars file"
        ]
    );
}

#[test]
fn a_decision_label_and_a_stack_title_with_the_kind_after_the_noun() {
    let kb = load();
    // `**Decisión técnica:**`, `**Décision technique :**` label a decision as `**Technical
    // decision:**` does; `Implementación:` and `Archivos clave:` stay the entry's lines
    // (round 272). One put off in words, `por definir …`, decides nothing (found by review).
    assert_eq!(
        decision_texts(document(&kb, "activeContext-es-labels.md")),
        [
            "Decisión técnica: Un solo repositorio remoto por host (no dos destinos)",
            "Décision technique : Les alertes passent par ntfy, jamais par courriel",
        ]
    );
    // `## Stack Tecnológico` names the stack as `## Tech Stack` does.
    assert_eq!(
        decision_texts(document(&kb, "techContext-es.md")),
        ["Hipervisor: Proxmox VE 8 en los tres nodos", "Copias: BorgBackup 1.4 con borgmatic"]
    );
}

#[test]
fn a_bold_title_over_a_part_of_the_system_heads_the_decisions_under_it() {
    let kb = load();
    // `1. **Resilient Storage Architecture**` names a part of the system in title words: what
    // is listed under it is what was chosen for that part (round 271). `**Offsite Copies via
    // Restic**` names its choice, and what is under it are its details.
    assert_eq!(
        decision_texts(document(&kb, "systemPatterns-part-titles.md")),
        [
            "Replicated block storage with Ceph RBD for every guest disk",
            "Nightly snapshot shipping to the offsite pool",
            "Offsite Copies via Restic",
        ]
    );
}

#[test]
fn a_client_in_a_title_names_a_part_of_the_system_not_a_report() {
    let kb = load();
    // `## System Architecture (Desktop Client - Wails)` is the system's, not a client's
    // report: the technology a part lists under it is chosen (round 273).
    assert_eq!(decision_texts(document(&kb, "systemPatterns-desktop-client.md")), ["Tech: Svelte + Vite + UnoCSS."]);
}

#[test]
fn each_item_under_what_is_allowed_or_forbidden_is_a_rule() {
    let kb = load();
    // `Allowed:` and `Forbidden:` under a layer, `The agent must not:` before a list, `Запрещено:`
    // (forbidden): what each lists is a rule the team set itself (round 274); the layer's name
    // and what it holds are not.
    assert_eq!(
        decision_texts(document(&kb, "architecture-permissions.md")),
        [
            "host naming checks;",
            "typed group states.",
            "any call into SSH or the Proxmox API;",
            "writing log files.",
            "add a repository that reads the audit tables;",
            "hand out domain objects without a view model.",
            "бизнес-логика в обработчиках.",
        ]
    );
}

#[test]
fn the_sessions_parts_permissions_and_stack_titles_keep_to_what_they_name() {
    let kb = load();
    // Found by review (`/tmp/review20`): an endpoint, who leads, a priority or a known bug is
    // no part chosen; a name after `in` or a count names one (`Write-through cache in
    // Valkey`, `Two replicas per volume with Longhorn`), and a bold `**Build**` is no commit's
    // type; a named style over its sub-items (`Hexagonal Architecture`) is the decision; a
    // client's wishlist is no stack; what the billing system must do, what to do tomorrow and
    // an error's status lead in no rules. A pattern described by its part, `**Session store**:
    // KeyDB …` under `### Session Pattern`, is decided as a part is (rounds 266–275).
    assert_eq!(
        decision_texts(document(&kb, "systemPatterns-review-parts.md")),
        [
            "Caching: Write-through cache in Valkey",
            "Replication: Two replicas per volume with Longhorn",
            "Build: Woodpecker CI with Kaniko",
            "Hexagonal Architecture",
            "Session store: KeyDB with a one-hour expiry",
        ]
    );
    // `## Stack tecnológico descartado` (set aside) names no stack chosen.
    assert!(!decision_texts(document(&kb, "techContext-es.md")).iter().any(|t| t.contains("CouchDB")));
}

#[test]
fn use_and_what_to_use_is_a_rule_under_any_heading() {
    let kb = load();
    // `Use host_vars files for …` tells the team what to use, as `Always …` does (rounds
    // 266–276); `Use the checklist above` points at what is at hand, `Use cases …` names
    // cases, and `use tinyrand::{…};` is code (round 277).
    assert_eq!(decision_texts(document(&kb, "tasks-use.md")), ["Use host_vars files for each node's bridge settings"]);
}

#[test]
fn how_parts_relate_or_flow_and_a_status_line_name_no_part_chosen() {
    let kb = load();
    // Under `## Component Relationships`, a flow written with arrows, and a line opening with a
    // status mark tell how parts work together or stand, not what one is built on (round 277).
    assert_eq!(decision_texts(document(&kb, "systemPatterns-flows.md")), ["Log Store: Loki 3 on the monitoring VM"]);
}

#[test]
fn a_value_changed_from_one_to_another_is_what_the_team_moved_to() {
    let kb = load();
    // Among recent changes, `Changed … from 4 GiB to 8 GiB`, after a file's label too, says what
    // the team moved to, as a switch does (rounds 271–277); an update that names no `from` is
    // work done.
    assert_eq!(
        decision_texts(document(&kb, "activeContext-value-changes.md")),
        [
            "Changed the ZFS arc_max on the backup node from 4 GiB to 8 GiB",
            "inventory/group_vars/nas.yml: Updated the scrub schedule from weekly to monthly",
        ]
    );
}

#[test]
fn a_paragraph_naming_the_technology_chosen_is_a_choice_and_its_list_what_it_brings() {
    let kb = load();
    // Under `### Web Framework` in a stack, `**SvelteKit 2.8** - Full-stack framework …` names
    // the one technology chosen, as a list item would (round 280: the readers list 7 of 7
    // such paragraphs). The list under it tells what it brings: a line there is a choice of
    // its own only where it names another product (`Svelte 5`), not a feature in plain words
    // (`Server Rendering`, `Form Actions`, `Small Bundles`) — nor, the cost of telling them
    // by their spelling, a product named in one plain word (`Vite`). A paragraph outside the
    // stack (`## Components`) names a part.
    assert_eq!(
        decision_texts(document(&kb, "techContext-named-paragraphs.md")),
        [
            "SvelteKit 2.8 - Full-stack framework for the status pages",
            "Svelte 5: Runes for the component state",
            "Valibot 1.0 with the form adapter",
        ]
    );
}

#[test]
fn a_line_naming_how_names_are_written_is_a_naming_convention() {
    let kb = load();
    // `Roles: snake_case`, `Playbooks: kebab-case with .yml`, `lowercase with hyphens`, in a
    // list or a table's row, under whatever heading (rounds 266–280: 15 lines more of the
    // readers', none not); a question between two styles decides nothing.
    assert_eq!(
        decision_texts(document(&kb, "systemPatterns-case-styles.md")),
        [
            "Playbooks: kebab-case with .yml (sync-offsite.yml)",
            "Roles: snake_case (zfs_replication)",
            "Molecule scenarios: lowercase with hyphens",
            "Host groups — snake_case — backup_nodes",
            "Python classes — PascalCase — RunStore",
        ]
    );
}

#[test]
fn a_heading_over_the_reasons_for_decisions_holds_none() {
    let kb = load();
    // `### Rationale for Decisions` under `## Evolution of Project Decisions` gives the reasons
    // of the decisions above it, as `Rationale for this decision` does of one (round 278).
    assert_eq!(
        decision_texts(document(&kb, "progress-rationale-heading.md")),
        ["Backups: Adopted borgmatic for the two laptops", "Monitoring: VictoriaMetrics on the spare mini PC"]
    );
}

#[test]
fn the_team_hedging_in_its_own_words_decides_nothing() {
    let kb = load();
    // `We might …`, `We may switch … if …`, and after a label `we could …` under `## Decisions`
    // name a choice thought of, not taken, as `Maybe …` and `Could …` do.
    assert_eq!(
        decision_texts(document(&kb, "activeContext-hedged.md")),
        ["Keep the nightly snapshots for fourteen days"]
    );
}

#[test]
fn a_lesson_that_commands_is_a_rule_learned() {
    let kb = load();
    // Under `## Lessons Learned`, a line that tells the team what to do from now on (`Always
    // pin …`, after the lesson's name and a dash too) is a rule it learned (rounds 266–281: 20
    // lines more of the readers', 1 not); what happened stays a lesson.
    assert_eq!(
        decision_texts(document(&kb, "activeContext-lessons-rules.md")),
        [
            "Always pin the Proxmox repository suite before a major upgrade",
            "Snapshot names - Always put the date first so they sort by day",
        ]
    );
}

#[test]
fn avoid_is_a_command() {
    let kb = load();
    // `Avoid …` tells the team what not to do, as `Never …` does (rounds 266–280: 4 lines
    // more of the readers', none not); `Avoids …` and `Avoided …` tell what happened.
    assert_eq!(decision_texts(document(&kb, "tasks-avoid.md")), ["Avoid wildcard imports in the collector modules"]);
}

#[test]
fn french_commands_are_rules() {
    let kb = load();
    // `Ne jamais …`, `Ne pas …` and `Toujours` before a verb tell the team what to do, as
    // `Never …` and `Always …` do (round 279: 3 of 3 such lines are the readers'); `Toujours en
    // attente` says `still waiting`, and `Ne sait pas` describes. Under a heading over
    // constraints too, where a rule must open as one.
    assert_eq!(
        decision_texts(document(&kb, "systemPatterns-fr-commands.md")),
        [
            "Ne jamais exposer les traces d'erreur aux visiteurs de la boutique",
            "Ne pas coupler les modèles de données aux gabarits",
            "Toujours valider les formulaires côté serveur",
            "Ne jamais journaliser les mots de passe des clients",
        ]
    );
}

#[test]
fn the_sessions_switches_records_and_hedges_keep_to_what_they_name() {
    let kb = load();
    // Found by review (twenty-first session): a topic ADR's status is each of its decisions',
    // so a rejected one lists none (under a title naming a stack too); a heading naming a choice
    // as a noun (`Adoption of …`) states it; a list item that tells of an option turned down is
    // none.
    let listed: Vec<(String, &str)> = document(&kb, "decisionLog-review21.md")
        .items
        .iter()
        .filter(|i| i.kind == Kind::Decision)
        .map(|i| (i.date.map_or_else(String::new, |d| d.to_string()), i.text.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            ("2026-02-09".to_string(), "Adoption of Caddy as the edge proxy"),
            ("2026-02-11".to_string(), "PostgreSQL 16 for the inventory database"),
        ]
    );
    // Upkeep swapping one thing for another of its kind, a repair's label, a move to no named
    // place are no switches; a hedge in the team's words (`We may not need …`, `We'll probably
    // …`, `It may be worth …`, `On pourrait …`) and a decision still pending or put off decide
    // nothing; a decision not to act is one.
    assert_eq!(
        decision_texts(document(&kb, "activeContext-review21.md")),
        [
            "Edge: Replaced the ISP router with an OPNsense box",
            "Décision de ne pas exposer l'interface Proxmox sur Internet",
        ]
    );
}

#[test]
fn a_switch_after_a_label_and_a_decision_to_act_are_decisions() {
    let kb = load();
    // Among recent changes, a switch after a short label (`**Package manager**: Replaced npm
    // with pnpm`, `Successfully migrated from … to …`, `Moved from … to …`), a change made to use
    // something named (`Refactored … to use ruamel.yaml`), and a line naming the decision to act
    // (`Decision to use Caddy …`, `Décision d'utiliser WireGuard …`) say what the team moved to
    // (rounds 266–278: 18 more of the readers' lines, 1 not). An update to use the correct or a
    // proper something is a fix, and `Updated X to use Y` is read as work done (readers list
    // 4 such lines of 8); a decision still to be made is open.
    assert_eq!(
        decision_texts(document(&kb, "activeContext-switch-labels.md")),
        [
            "Package manager: Replaced npm with pnpm for the dashboard workspace",
            "Backup target: Successfully migrated from the old NFS export to the restic repository on nas-02",
            "Access checks: Moved from hand-written role checks to OPA policies",
            "Refactored the inventory loader to use ruamel.yaml for round trips",
            "Reworked the audit wrapper to use systemd-run for its timeouts",
            "Décision d'utiliser WireGuard pour le lien entre les sites.",
            "Decision to use Caddy for the internal dashboards",
        ]
    );
}
