//! `mb decisions` as a stream: the listing keeps only what it prints of each file and
//! resolves supersession across files afterwards, so its output is checked against the
//! library's whole-bank view of the same files, item for item and byte for byte.

use std::io::Read as _;
use std::process::Stdio;

use mb::kb::{self, ItemRecord, Kind, Status};

use crate::common::{TestEnvironment, fixture};

/// The filters the listing applies, as `mb decisions` arguments.
const ARGS: &[&[&str]] = &[
    &[],
    &["--all"],
    &["--active"],
    &["--all", "--active"],
    &["--kind", "learning,decision"],
    &["--since", "2025-11-01"],
    &["--kind", "pattern"],
];

/// A bank of several files where decisions supersede each other across files, within a
/// file, on several keys, and not at all (undated).
fn bank() -> TestEnvironment {
    let env = TestEnvironment::new();
    env.write(
        "memory-bank/activeContext.md",
        "# Active context\n\n\
         ## Share quotas (2025-10-01)\n\n\
         ### Decisions\n\n\
         - Set `refquota = 2T` on the backup share.\n\
         - Keep `fruit:locking = posix` and `mtu = 1500` on the NAS.\n\
           - Nested: checked on nas1 first.\n\
         - Decision: leave swap on the hypervisors.\n\n\
         ### Learnings\n\n\
         - The quota shows up in Finder only after a remount.\n\n\
         ## Later thoughts (2025-12-01)\n\n\
         ### Decisions\n\n\
         - Set `mtu = 1420` on the WireGuard links.\n",
    );
    env.write(
        "memory-bank/decisionLog.md",
        "# Decision log\n\n\
         ## 2025-11-17: Time Machine\n\n\
         - Set `refquota = 3T` on the backup share.\n\
         - Set `fruit:locking = none` for Time Machine.\n\n\
         ## Undated notes\n\n\
         - Decision: `refquota = 1T` for scratch.\n",
    );
    // (Undated, in a file last updated after the other `mtu`: its stamp orders it.)
    env.write(
        "memory-bank/techContext.md",
        "# Tech context\n\n**Last Updated:** 2025-12-05\n\n## Decisions\n\n- Set `mtu = 9000` on the WireGuard links.\n",
    );
    env.write(
        "memory-bank/nested/systemPatterns.md",
        "# System patterns\n\n## Storage\n\n- ZFS datasets per share, one quota each.\n\n\
         ## Key Technical Decisions\n\n- Leave swap on the hypervisors.\n",
    );
    env
}

/// What the library says `mb decisions ARGS --json` prints: every item of the whole bank,
/// supersession resolved, filtered, restatements left out but under `--all`, as the
/// contract's records.
fn expected_json(env: &TestEnvironment, args: &[&str]) -> String {
    let bank = kb::load(&env.work_dir().join("memory-bank"), env.work_dir());
    let restated = kb::restate::restatements(&bank);
    // Where the record of a restatement is.
    let restates = |doc: &kb::Document, item: &kb::Item| {
        let d = bank.documents.iter().position(|d| std::ptr::eq(d, doc)).unwrap();
        let i = doc.items.iter().position(|i| std::ptr::eq(i, item)).unwrap();
        restated[d].iter().find(|r| r.item == i as u32).map(|r| {
            let (record_doc, line) = r.record;
            kb::Place { file: mb::source::display_path(&bank.documents[record_doc].path).into(), line: line as usize }
        })
    };
    let flag = |name: &str| args.contains(&name);
    let value = |name: &str| args.iter().position(|a| *a == name).map(|i| args[i + 1]);
    let kinds: Vec<Kind> = value("--kind").unwrap_or("decision").split(',').map(|k| Kind::parse(k).unwrap()).collect();
    let since: Option<jiff::civil::Date> = value("--since").map(|d| d.parse().unwrap());
    let records: Vec<ItemRecord<'_>> = bank
        .items()
        .filter(|(_, item)| flag("--all") || kinds.contains(&item.kind))
        .filter(|(_, item)| since.is_none_or(|s| item.when().is_some_and(|d| d >= s)))
        .filter(|(_, item)| !(flag("--active") && item.status == Status::Superseded))
        .filter(|(doc, item)| flag("--all") || restates(doc, item).is_none())
        .map(|(doc, item)| ItemRecord { restates: restates(doc, item), ..ItemRecord::new(&bank, doc, item) })
        .collect();
    serde_json::to_string_pretty(&records).unwrap() + "\n"
}

#[test]
fn a_decision_struck_out_whole_is_retired() {
    // Found by review: `- ~~RabbitMQ~~` under a stack read as a technology chosen. Struck out
    // whole (bold or not), a line says what no longer holds: it is retired (`superseded`, by
    // nothing), and `--active` leaves it out; a line that goes on after the struck words
    // (`~~Saves fail~~ - fixed`) is not.
    let env = TestEnvironment::new();
    env.write(
        "memory-bank/techContext.md",
        "# Tech\n\n## Tech Stack\n\n- ~~RabbitMQ~~\n- Kafka\n- **~~Redis~~**\n\n## Decisions\n\n\
         - ~~Use Caddy as the reverse proxy.~~\n- Use Traefik as the reverse proxy.\n- ~~Nginx~~ kept for the docs site.\n",
    );
    let json = env.run(["decisions", "--json"]).json();
    let status: Vec<(&str, &str)> =
        json.as_array().unwrap().iter().map(|d| (d["text"].as_str().unwrap(), d["status"].as_str().unwrap())).collect();
    assert_eq!(
        status,
        [
            ("RabbitMQ", "superseded"),
            ("Kafka", "active"),
            ("Redis", "superseded"),
            ("Use Caddy as the reverse proxy.", "superseded"),
            ("Use Traefik as the reverse proxy.", "active"),
            ("Nginx kept for the docs site.", "active"),
        ]
    );
    let active = env.run(["decisions", "--active", "--json"]).json();
    assert_eq!(active.as_array().unwrap().len(), 3, "{active}");
}

#[test]
fn a_files_update_stamp_orders_its_undated_decisions_without_dating_them() {
    // `**Last Updated:** 2025-12-05` dates no decision (`date` is null) but is the item's
    // `updated`, which supersession and `--since` read: the stamped `mtu = 9000` replaces the
    // `mtu = 1420` of 2025-12-01, and is listed since 2025-12-02.
    let env = bank();
    let json = env.run(["decisions", "--json"]).json();
    let find =
        |needle: &str| json.as_array().unwrap().iter().find(|i| i["text"].as_str().unwrap().contains(needle)).unwrap();
    let stamped = find("mtu = 9000");
    assert_eq!(stamped["date"], serde_json::Value::Null, "{stamped}");
    assert_eq!(stamped["updated"], "2025-12-05", "{stamped}");
    assert_eq!(stamped["status"], "active", "{stamped}");
    let older = find("mtu = 1420");
    assert_eq!(older["status"], "superseded", "{older}");
    assert_eq!(older["superseded_by"], stamped["id"], "{older}");
    assert!(older.get("updated").is_none(), "a dated item has no `updated`: {older}");
    let since = env.run(["decisions", "--json", "--since", "2025-12-02"]).json();
    let texts: Vec<&str> = since.as_array().unwrap().iter().map(|i| i["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["Set mtu = 9000 on the WireGuard links."]);
}

#[test]
fn the_json_listing_is_the_whole_bank_view_byte_for_byte() {
    for env in [bank(), TestEnvironment::in_dir(fixture("quirks"))] {
        let superseded = kb::load(&env.work_dir().join("memory-bank"), env.work_dir())
            .items()
            .filter(|(_, i)| i.status == Status::Superseded)
            .count();
        assert!(superseded >= 1, "the bank should have superseded decisions to patch");
        let restated: usize = kb::restate::restatements(&kb::load(&env.work_dir().join("memory-bank"), env.work_dir()))
            .iter()
            .map(Vec::len)
            .sum();
        assert!(restated >= 1 || env.work_dir().ends_with("quirks"), "the bank should restate a decision");
        for args in ARGS {
            let out = env.run([&["decisions", "--json"], *args].concat());
            assert_eq!(out.code(), Some(0), "{out}");
            assert_eq!(out.stdout, expected_json(&env, args), "mb decisions --json {args:?}");
        }
    }
}

#[test]
fn the_table_lists_the_same_items_as_the_json() {
    for env in [bank(), TestEnvironment::in_dir(fixture("quirks"))] {
        for args in ARGS {
            let json = env.run([&["decisions", "--json"], *args].concat()).json();
            let from_json: Vec<String> = json
                .as_array()
                .unwrap()
                .iter()
                .map(|i| format!("{}:{}", i["file"].as_str().unwrap(), i["line"]))
                .collect();
            let table = env.run([&["decisions"], *args].concat());
            assert_eq!(table.code(), Some(0), "{table}");
            // Rows after the header; SOURCE is the second column (dates and paths have no spaces).
            let from_table: Vec<String> =
                table.stdout.lines().skip(1).map(|row| row.split_whitespace().nth(1).unwrap().to_string()).collect();
            assert_eq!(from_table, from_json, "mb decisions {args:?}");
            let superseded = json.as_array().unwrap().iter().filter(|i| i["status"] == "superseded").count();
            assert_eq!(table.stdout.matches("(superseded by ").count(), superseded, "{table}");
            if from_json.is_empty() {
                assert!(table.stderr.contains("no items match"), "{table}");
            } else {
                assert!(table.stderr.starts_with(&format!("{} ", from_json.len())), "{table}");
            }
        }
    }
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    // Far more output than a pipe holds, so mb is still writing when the reader goes away.
    let env = TestEnvironment::new();
    let mut text = String::from("# Decision log\n\n## 2025-11-17: Many\n\n### Decisions\n\n");
    for n in 0..4000 {
        text.push_str(&format!("- Set `quota_{n} = {n}G` on share {n}.\n"));
    }
    env.write("memory-bank/decisionLog.md", text);
    let commands: [&[&str]; 5] = [
        &["decisions"],
        &["decisions", "--json"],
        &["decisions", "--all", "--json"],
        // Through the shared JSON writer (serde_json reports the closed pipe in its own error).
        &["decisions", "--coverage", "--json"],
        &["decisions", "--coverage"],
    ];
    for args in commands {
        let mut child = env.command(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        // Read one byte, as `| head -c 1` would, then close the pipe.
        let mut first = [0u8; 1];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "mb {args:?} exited {:?}: {stderr}", out.status);
        assert!(!stderr.contains("error") && !stderr.contains("panic"), "mb {args:?}: {stderr}");
    }
}

#[test]
fn a_decision_written_again_in_another_file_is_listed_once_where_it_is_recorded() {
    let env = TestEnvironment::new();
    env.write(
        "memory-bank/decisionLog.md",
        "# Decision log\n\n## 2025-03-02: Ingress\n\n\
         - Decision: Traefik as the reverse proxy.\n\
         - Set `mtu = 1420` on the WireGuard links.\n\
         - Switched the session store from Redis to Valkey.\n\
         - Add unit tests for the backup restore script before the migration.\n",
    );
    env.write(
        "memory-bank/projectbrief.md",
        "# Project brief\n\n## Key Decisions\n\n\
         | Area | Choice |\n|---|---|\n| Reverse proxy | Traefik |\n\n\
         - Set `mtu = 1420` on the WireGuard links.\n",
    );
    env.write(
        "memory-bank/progress.md",
        "# Progress\n\n## Evolution of Project Decisions\n\n\
         - Use Traefik as the reverse proxy\n\
         - Restic for the host backups\n\
         - Restic for the host backups\n\
         - Switched the session store from Valkey to Redis\n\
         - Decided to add tests for the restore script of the backups\n",
    );
    env.write(
        "memory-bank/activeContext.md",
        "# Active context\n\n## 2025-05-01: Monitoring\n\n### Active Decisions\n\n- Prometheus for the metrics.\n",
    );
    env.write("memory-bank/adr-0002.md", "# ADR 2: Metrics\n\n- Decision: Prometheus for the metrics.\n");
    let sources = |out: &crate::common::CommandOutput| -> Vec<String> {
        out.stdout.lines().skip(1).map(|row| row.split_whitespace().nth(1).unwrap().to_string()).collect()
    };
    // The decision log records the proxy; the brief's row and the progress recap restate it.
    // The recap restates the log's restore tests in other words too.
    // A dated copy is the record before an undated one, even a log's (its date is what
    // `--since` reads). A decision that states a setting says again that it holds, copies
    // within one file are the file's own, and a switch the other way round is another
    // decision: all stay.
    let out = env.run(["decisions"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert_eq!(
        sources(&out),
        [
            "memory-bank/activeContext.md:7",
            "memory-bank/decisionLog.md:5",
            "memory-bank/decisionLog.md:6",
            "memory-bank/decisionLog.md:7",
            "memory-bank/decisionLog.md:8",
            "memory-bank/progress.md:6",
            "memory-bank/progress.md:7",
            "memory-bank/progress.md:8",
            "memory-bank/projectbrief.md:9",
        ]
    );
    assert!(
        out.stderr.contains("9 decisions in 4 files")
            && out.stderr.contains("4 restatements of decisions recorded elsewhere are left out (--all shows them)"),
        "{out}"
    );
    // `--all` shows every copy, naming its record, and the JSON leaves out what the table does.
    let all = env.run(["decisions", "--all"]);
    for copy in [
        "memory-bank/adr-0002.md:3",
        "memory-bank/projectbrief.md:7",
        "memory-bank/progress.md:5",
        "memory-bank/progress.md:9",
    ] {
        assert!(sources(&all).contains(&copy.to_string()), "{copy} in {all}");
    }
    for record in [
        "(restates memory-bank/activeContext.md:7)",
        "(restates memory-bank/decisionLog.md:5)",
        "(restates memory-bank/decisionLog.md:8)",
    ] {
        assert!(all.stdout.contains(record), "{record} in {all}");
    }
    assert_eq!(all.stdout.matches("(restates ").count(), 4, "{all}");
    let json = env.run(["decisions", "--json"]).json();
    assert_eq!(json.as_array().unwrap().len(), 9);
    assert!(json.as_array().unwrap().iter().all(|item| item.get("restates").is_none()), "{json}");
    // Under `--all` the JSON names each copy's record, as the table does.
    let all = env.run(["decisions", "--all", "--json"]).json();
    let records: Vec<String> = all
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|item| {
            let record = item.get("restates")?;
            Some(format!("{}:{} restates {}:{}", item["file"], item["line"], record["file"], record["line"]))
        })
        .collect();
    assert_eq!(
        records,
        [
            "\"memory-bank/adr-0002.md\":3 restates \"memory-bank/activeContext.md\":7",
            "\"memory-bank/progress.md\":5 restates \"memory-bank/decisionLog.md\":5",
            "\"memory-bank/progress.md\":9 restates \"memory-bank/decisionLog.md\":8",
            "\"memory-bank/projectbrief.md\":7 restates \"memory-bank/decisionLog.md\":5",
        ]
    );
}

#[test]
fn a_long_title_over_many_items_is_repeated_cut() {
    // Every item repeats its entry's, section's and group's titles: a 100 KB heading over
    // 4,000 items made 400 MB of JSON. Past MAX_REPEATED_TITLE each is cut and ends with `…`,
    // so the output no longer grows with the title.
    let listing = |title_len: usize| {
        let env = TestEnvironment::new();
        let items: String = (0..4_000).map(|i| format!("- Decision: keep host{i} = on\n")).collect();
        let title = "é".repeat(title_len / 2);
        env.write(
            "memory-bank/activeContext.md",
            format!("## {title} (2025-10-01)\n\n### Decisions {title}\n\n**{title}**\n\n{items}"),
        );
        let out = env.run(["decisions", "--json"]);
        assert_eq!(out.code(), Some(0), "{}", out.stderr);
        out.stdout
    };
    let long = listing(100_000);
    let json: serde_json::Value = serde_json::from_str(&long).unwrap();
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), 4_000);
    for field in ["entry", "section", "group"] {
        let shown = items[0][field].as_str().unwrap();
        assert!(shown.len() <= kb::MAX_REPEATED_TITLE && shown.ends_with('…'), "{field}: {}", shown.len());
    }
    // (Only the spans' digits grow, a byte or two per item.)
    let shorter = listing(20_000).len();
    assert!(long.len() < shorter + 4_000 * 4, "the output grows with the title: {} vs {shorter}", long.len());
    // A title of a usual length is whole.
    let short = listing(200);
    let json: serde_json::Value = serde_json::from_str(&short).unwrap();
    assert_eq!(json[0]["section"], format!("Decisions {}", "é".repeat(100)));
}

#[test]
fn deep_nesting_indents_the_table_a_bounded_amount() {
    // Found by review: 2,000 list markers nested on one line are 2,000 items, the last at depth
    // 1,999; each row was indented two spaces a level, so the table grew with the square of the
    // nesting (4 MB here; 20,000 markers, 40 KB, made 400 MB of table and 800 MB of memory).
    // The table indents eight levels at most; `--json` keeps each item's depth.
    let env = TestEnvironment::new();
    env.write("memory-bank/techContext.md", format!("# Tech\n\n## Tech Stack\n\n{}Vue\n", "- ".repeat(2_000)));
    let out = env.run(["decisions", "--all", "--color", "never"]);
    assert_eq!(out.code(), Some(0), "{}", out.stderr);
    let rows: Vec<&str> = out.stdout.lines().filter(|l| l.contains("[other]")).collect();
    assert_eq!(rows.len(), 2_000);
    assert!(out.stdout.len() < 400_000, "the table grows with the nesting: {} bytes", out.stdout.len());
    let indent = |row: &str| row.split("[other]").next().unwrap().len();
    assert!(indent(rows[1]) > indent(rows[0]), "nesting still shows");
    assert_eq!(indent(rows[1_999]), indent(rows[8]), "…to eight levels");
    let json = env.run(["decisions", "--all", "--json"]).json();
    assert_eq!(json[1_999]["depth"], 1_999);
}

#[test]
fn a_markdown_file_is_read_whatever_the_case_of_its_extension() {
    // Found by review: `TECHCONTEXT.MD`, saved on a system that does not tell cases apart, was
    // no file of the bank, and its decisions were in no listing or search.
    let env = TestEnvironment::new();
    env.write("memory-bank/TECHCONTEXT.MD", "# Tech\n\n## Decisions\n\n- Use Caddy as the reverse proxy.\n");
    env.write("memory-bank/notes.txt", "- Use Nginx.\n");
    let json = env.run(["decisions", "--json"]).json();
    let files: Vec<&str> = json.as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["memory-bank/TECHCONTEXT.MD"]);
}
