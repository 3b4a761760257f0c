//! Log entries as agents append them: glued to the previous one, timestamps without brackets,
//! a creative-phase title before its `DECISION`, file metadata, procedures. Our own fixture
//! text, reproducing quirks seen in real Memory Banks.

use serde_json::Value;

use crate::common::TestEnvironment;

fn decisions(bank: &str) -> Vec<Value> {
    let env = TestEnvironment::new();
    env.write("memory-bank/decisionLog.md", bank);
    let out = env.run(["decisions", "--json"]);
    assert_eq!(out.code(), Some(0), "{out}");
    out.json().as_array().unwrap().iter().filter(|d| d["kind"] == "decision").cloned().collect()
}

/// Each decision's date (`-` when it has none) and text.
fn dated(found: &[Value]) -> Vec<(&str, &str)> {
    found.iter().map(|d| (d["date"].as_str().unwrap_or("-"), d["text"].as_str().unwrap())).collect()
}

fn texts(found: &[Value]) -> Vec<String> {
    found.iter().map(|d| d["text"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_timestamp_line_opens_an_entry_without_a_blank_line() {
    let found = decisions(
        "# Decision Log\n\n\
         [2025-03-01 10:00:00] - Pin the kernel\n\
         **Decision:** Keep kernel 6.8 on all hosts\n\
         **Rationale:** the NIC driver breaks on 6.9\n\
         [2025-03-02 11:00:00] - Move DNS\n\
         **Decision:** Serve DNS from the router\n\
         **Rationale:** one box fewer\n",
    );
    let dates: Vec<&str> = found.iter().map(|d| d["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2025-03-01", "2025-03-02"], "{found:?}");
    assert!(texts(&found)[1].contains("Serve DNS from the router"));
}

#[test]
fn a_timestamp_line_right_under_a_list_item_opens_an_entry() {
    // Markdown reads a line under a list item, with no blank line between, as the item's
    // continuation; an agent appending its log there means a new entry.
    let env = TestEnvironment::new();
    env.write(
        "memory-bank/progress.md",
        "# Progress\n\n## Next steps\n\n\
         - Keep the inventory in sync with the NAS shares\n\
         [2025-09-01 10:15:00] - Completed: moved the backup timers to systemd\n\
         [2025-09-02 16:40:00] - Decided to keep the restic repository on the second pool\n\n\
         ## Done\n\n\
         - Backups\n  - Nightly snapshots at 01:00\n\
         [2025-09-03 08:00:00] - Decided to prune snapshots after 30 days\n\
         - Monitoring\n\
         \x20\x20[2025-09-04 09:00:00] - indented, so still the item's own text\n",
    );
    let out = env.run(["decisions", "--all", "--json"]);
    assert_eq!(out.code(), Some(0), "{out}");
    let items = out.json();
    let items: Vec<(&str, &str, &str, &str)> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or("-");
            (s("kind"), s("date"), s("entry"), s("text"))
        })
        .collect();
    assert_eq!(
        items,
        [
            ("next_step", "-", "Progress", "Keep the inventory in sync with the NAS shares"),
            (
                "next_step",
                "2025-09-01",
                "Completed: moved the backup timers to systemd",
                "[2025-09-01 10:15:00] - Completed: moved the backup timers to systemd"
            ),
            (
                "decision",
                "2025-09-02",
                "Decided to keep the restic repository on the second pool",
                "[2025-09-02 16:40:00] - Decided to keep the restic repository on the second pool"
            ),
            ("change", "-", "Progress", "Backups"),
            ("change", "-", "Progress", "Nightly snapshots at 01:00"),
            (
                "decision",
                "2025-09-03",
                "Decided to prune snapshots after 30 days",
                "[2025-09-03 08:00:00] - Decided to prune snapshots after 30 days"
            ),
            // What follows a log line belongs to its entry, up to the next one.
            (
                "change",
                "2025-09-03",
                "Decided to prune snapshots after 30 days",
                "Monitoring [2025-09-04 09:00:00] - indented, so still the item's own text"
            ),
        ],
        "{items:#?}"
    );
}

#[test]
fn a_timestamp_without_brackets_opens_an_entry() {
    let found = decisions(
        "# Decision Log\n\n## Decision\n\n\
         *   **2025-04-02 09:15:00 - Backups go to the NAS**\n    *   **Rationale:** it has the disks\n\n\
         *   **2025-04-01 08:00 - Use restic**\n    *   **Rationale:** deduplication\n",
    );
    let dated: Vec<(String, String)> = found
        .iter()
        .map(|d| (d["date"].as_str().unwrap().to_string(), d["text"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(dated.len(), 2, "{dated:?}");
    assert_eq!(dated[1].0, "2025-04-01");
}

#[test]
fn a_creative_phase_title_is_the_name_of_its_decision() {
    let found = decisions(
        "# Decision Log\n\n\
         [2025-05-05 19:05:48] - ENTERING CREATIVE PHASE: cache design\n\n\
         **Focus:** where to cache\n\n\
         ### Option 1: Redis\n* **Pros**: fast\n\n### Option 2: none\n* **Pros**: simple\n\n\
         **DECISION**\n*   **Selected Approach**: Use Redis for sessions\n*   **Rationale**: fast enough\n",
    );
    assert_eq!(texts(&found).len(), 1, "{found:?}");
    assert!(texts(&found)[0].contains("Use Redis"));
    assert_eq!(found[0]["date"], "2025-05-05");
}

#[test]
fn labels_after_a_decision_are_its_fields_and_metadata_is_not_a_decision() {
    let found = decisions(
        "# Decision Log\n\n## Architecture Decisions\n\n### Caching\n\
         - **Decision**: Two cache layers\n- **Trade-offs**: more to configure\n\
         - **Risk Mitigation**: cache keys carry the version\n\n\
         ### How to add a field\n\nTo add a setting, the steps are:\n\n1. add it to the class\n\n\
         **Last Updated:** 2025-06-29\n\n[2025-06-29 10:00:00] - Initialized Memory Bank\n",
    );
    assert_eq!(texts(&found), ["Decision: Two cache layers"], "{found:?}");
    assert_eq!(found[0]["fields"]["risk mitigation"], "cache keys carry the version");
}

#[test]
fn a_status_line_in_an_entry_header_dates_the_decisions_below_it() {
    // The undated `## Next Steps` after the entries belongs to the file's own entry: the
    // entries are not in section order (this shape once indexed past the end).
    let found = decisions(
        "# Tasks\n\n\
         ## Task DEV-7: Alerting\n\n\
         **Completed:** 2026-03-09\n\n\
         ### Decisions\n\
         - Alerts go through Alertmanager.\n\n\
         ## Next Steps\n\
         - Backfill the old candles.\n",
    );
    let dated = dated(&found);
    assert_eq!(dated, [("2026-03-09", "Alerts go through Alertmanager.")]);
}

#[test]
fn a_decision_label_holding_its_choice_as_a_list_leaves_the_heading_the_decision() {
    let found = decisions(
        "# Decision Log\n\n## 2025-04-22: Login fixes\n\n\
         #### Decision 5: Fix the location update authentication\n\
         - **Choice**:\n    1. Send the requesting user's id with the update.\n    2. Check the id on the server.\n\
         - **Rationale**: The 500 came from a missing user context.\n",
    );
    assert_eq!(texts(&found), ["Fix the location update authentication"]);
    assert_eq!(found[0]["fields"]["rationale"], "The 500 came from a missing user context.");
}

#[test]
fn a_task_started_but_not_finished_is_dated_by_its_start() {
    let found = decisions(
        "# Tasks\n\n## DEV-8: Archive first\n\n**Started:** 2026-03-02\n\n### Decisions\n- Fetch from the archive first.\n\n\
         ## DEV-9: Ordering\n\n**Started:** 2026-03-04\n**Completed:** 2026-03-06\n\n### Decisions\n- Order by market status.\n",
    );
    let dated = dated(&found);
    assert_eq!(
        dated,
        [("2026-03-02", "Fetch from the archive first."), ("2026-03-06", "Order by market status.")],
        "the day it was done wins over the day it started"
    );
}

#[test]
fn a_date_line_under_the_file_title_dates_its_undated_entries() {
    let found = decisions(
        "# Technical decisions\n\n**Date**: 2025-12-28\n\n\
         ## 1. Game servers\n\n### No containers for game servers\n\n**Decision**: Game servers run as native processes.\n\n\
         ## 2. Database strategy, a new decision\n\n**Decision**: SQLite for development.\n",
    );
    let dated = dated(&found);
    assert_eq!(
        dated,
        [
            ("2025-12-28", "Decision: Game servers run as native processes."),
            ("2025-12-28", "Decision: SQLite for development."),
        ]
    );
}

#[test]
fn a_bold_label_ending_a_paragraph_heads_the_list_below_it() {
    // `**Options**:` on the paragraph's last line names what the numbered list under it holds:
    // options weighed, none of them taken.
    let found = decisions(
        "# Decision Log\n\n## Decisions Needing Revisit\n\n\
         ### REVISIT-001: Queue broker\n\
         **Issue**: the job queue loses work when Redis restarts  \n\
         **Options**:\n\
         1. Keep Redis with AOF on\n\
         2. Move to RabbitMQ\n\
         3. Use PostgreSQL as the queue\n\n\
         ## Session storage\n\n\
         **Decision**: Sessions live in Valkey.\n",
    );
    let texts = texts(&found);
    for option in ["AOF", "RabbitMQ", "PostgreSQL as the queue"] {
        assert!(!texts.iter().any(|t| t.contains(option)), "{option} in {texts:?}");
    }
    // Decisions to revisit are open again: the issue above the options is none either.
    assert_eq!(texts, ["Decision: Sessions live in Valkey."]);
}
