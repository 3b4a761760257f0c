//! `mb audit --record` and `mb record`: the entry mb writes into the Memory Bank, on copies of
//! the bundled example, through the real binary.

use crate::common::{CommandOutput, TestEnvironment};

const NOW: &str = "2026-11-25T21:00:00Z";
const RUN: &str = "2026-11-25T21-00-00Z";
const ACTIVE: &str = "memory-bank/activeContext.md";

/// A copy of the example, at the time of its audit.
fn example() -> TestEnvironment {
    let mut env = TestEnvironment::with_example();
    env.set_now(NOW);
    env
}

/// Audits the example by replaying its recorded facts, recording the run.
fn audit_and_record(env: &TestEnvironment) -> CommandOutput {
    env.run(["audit", "--replay", "ansible/recorded-run.json", "--record"])
}

/// mb's entries in a text: `(start, end)` byte ranges from the heading to the closing mark.
fn entries(text: &str) -> Vec<(usize, usize)> {
    mb::kb::writeback::recorded("f.md", text).unwrap().into_iter().map(|r| (r.range.start, r.range.end)).collect()
}

#[test]
fn audit_record_adds_one_entry_and_changes_no_other_byte() {
    let env = example();
    let before = env.read(ACTIVE);
    let out = audit_and_record(&env);
    assert_eq!(out.code(), Some(1), "drift found: {out}");
    assert!(out.stdout.contains(&format!("recorded run {RUN} in {ACTIVE}:10 (new entry)")), "{out}");

    let after = env.read(ACTIVE);
    let found = entries(&after);
    assert_eq!(found.len(), 1);
    let (start, end) = found[0];
    // The entry goes where the dated entries begin (line 10, after the preface and its
    // `---`), followed by a `---` of its own like every entry of this file.
    assert_eq!(&after[..start], &before[..start]);
    assert!(after[end..].starts_with("\n---\n\n## 2025-11-20"));
    assert_eq!(&after[end + "\n---\n\n".len()..], &before[start..]);
    insta::assert_snapshot!("recorded_entry", &after[start..end]);
}

#[test]
fn recording_again_the_same_day_replaces_mbs_entry_only() {
    let env = example();
    audit_and_record(&env);
    let once = env.read(ACTIVE);

    // The same run again: nothing changes.
    let out = env.run(["record", RUN]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(out.stdout.contains("already recorded there; nothing changed"), "{out}");
    assert_eq!(env.read(ACTIVE), once);

    // A person writes an entry of the same title above mb's; a later audit the same day
    // replaces mb's entry and leaves theirs alone.
    let person = "## Drift audit (2026-11-25)\nChecked nas1 by hand: the share mounts.\n\n";
    let with_person = once.replacen("## Drift audit (2026-11-25)", &format!("{person}## Drift audit (2026-11-25)"), 1);
    env.write(ACTIVE, &with_person);
    let out = env
        .mb(["audit", "--replay", "ansible/recorded-run.json", "--record"])
        .env("MB_NOW", "2026-11-25T22:30:00Z")
        .run();
    assert!(out.stdout.contains("(replaced mb's entry of that day)"), "{out}");
    let twice = env.read(ACTIVE);
    assert_eq!(entries(&twice).len(), 1);
    assert!(twice.contains(person));
    assert!(twice.contains("run=2026-11-25T22-30-00Z"));
    assert!(!twice.contains(&format!("run={RUN}")));
    // Everything but mb's entry is byte for byte the same.
    let (a, b) = (entries(&with_person)[0], entries(&twice)[0]);
    assert_eq!(&with_person[..a.0], &twice[..b.0]);
    assert_eq!(&with_person[a.1..], &twice[b.1..]);
}

/// A run of another day, made from the first by marking some failures as passing.
fn later_run(env: &TestEnvironment, id: &str, passing: &[&str]) {
    let runs = env.work_dir().join(".mb/runs");
    let first: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(runs.join(format!("{RUN}.json"))).unwrap()).unwrap();
    let mut run = first.clone();
    run["run"] = id.into();
    for f in run["findings"].as_array_mut().unwrap() {
        if passing.contains(&f["check"].as_str().unwrap()) && f["status"] == "fail" {
            f["status"] = "pass".into();
            f["actual"] = f["expected"].clone();
        }
    }
    std::fs::write(runs.join(format!("{id}.json")), serde_json::to_string_pretty(&run).unwrap()).unwrap();
}

#[test]
fn a_later_entry_says_what_was_fixed_since_the_last_recorded_audit() {
    let env = example();
    audit_and_record(&env);
    later_run(&env, "2026-11-27T08-00-00Z", &["samba-fruit-locking"]);
    let out = env.mb(["record", "2026-11-27T08-00-00Z"]).env("MB_NOW", "2026-11-27T09:00:00Z").run();
    assert_eq!(out.code(), Some(0), "{out}");
    let after = env.read(ACTIVE);
    let found = entries(&after);
    assert_eq!(found.len(), 2, "one entry per day");
    let newest = &after[found[0].0..found[0].1];
    assert!(newest.starts_with("## Drift audit (2026-11-27)"));
    assert!(
        newest.contains(
            "### Fixed since the last recorded audit (2026-11-25)\n- **samba-fruit-locking** passes again on nas1.\n"
        ),
        "{newest}"
    );
    assert!(!newest.contains("- **samba-fruit-locking** (error)"));
    assert!(after[found[1].0..].starts_with("## Drift audit (2026-11-25)"));
}

#[test]
fn recorded_entries_are_read_like_any_other() {
    let env = example();
    audit_and_record(&env);
    let items = env.run(["decisions", "--all", "--since", "2026-11-25", "--json"]).json();
    let items = items.as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|i| i["entry"] == "Drift audit (2026-11-25)" && i["date"] == "2026-11-25"));
    assert!(items.iter().any(|i| i["kind"] == "next_step" && i["text"].as_str().unwrap().contains("mb fix")));
    assert!(items.iter().any(|i| {
        i["kind"] == "learning" && i["text"].as_str().unwrap().contains("nas1: expected none, found posix")
    }));

    let hits = env.run(["search", "posix", "--since", "2026-11-25", "--json"]).json();
    let hit = &hits.as_array().unwrap()[0];
    assert_eq!(hit["file"], ACTIVE);
    assert_eq!(hit["entry"], "Drift audit (2026-11-25)");
}

#[test]
fn a_read_only_file_is_refused_and_left_alone() {
    use std::os::unix::fs::PermissionsExt as _;
    let env = example();
    let path = env.work_dir().join(ACTIVE);
    let before = env.read(ACTIVE);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = audit_and_record(&env);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("memory-bank/activeContext.md is read-only; mb will not replace it"), "{out}");
    assert_eq!(env.read(ACTIVE), before);
    let leftovers: Vec<_> = std::fs::read_dir(env.work_dir().join("memory-bank"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}

#[test]
fn a_garbled_file_is_refused_and_left_alone() {
    // The example's active context as PowerShell 5 may leave it: read as Windows-1251 and
    // saved again. An entry written in UTF-8 would make it half garbled, and mb would no
    // longer read the rest back as it was written.
    let env = example();
    let garbled =
        crate::common::saved_through_windows_1251(&env.read(ACTIVE).replace("\n## ", "\nИтоги недели.\n\n## "));
    env.write(ACTIVE, &garbled);
    let out = audit_and_record(&env);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(
        out.stderr.contains("memory-bank/activeContext.md: UTF-8 text that was once read as Windows-1251"),
        "{out}"
    );
    assert!(out.stderr.contains("mb will not write into it"), "{out}");
    assert_eq!(std::fs::read(env.work_dir().join(ACTIVE)).unwrap(), garbled);
    // A dry run says the same, rather than show an entry the write would refuse.
    let out = env.run(["record", "--dry-run"]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("mb will not write into it"), "{out}");
}

#[test]
fn a_symlinked_file_is_written_through_and_stays_a_link() {
    let env = example();
    let link = env.work_dir().join(ACTIVE);
    let real = env.work_dir().join("notes/context.md");
    std::fs::create_dir_all(real.parent().unwrap()).unwrap();
    std::fs::rename(&link, &real).unwrap();
    std::os::unix::fs::symlink("../notes/context.md", &link).unwrap();
    let out = audit_and_record(&env);
    assert_eq!(out.code(), Some(1), "{out}");
    assert!(out.stderr.contains("is a symlink; mb wrote its target"), "{out}");
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(entries(&std::fs::read_to_string(&real).unwrap()).len(), 1);
}

#[test]
fn an_entry_that_lost_its_closing_mark_is_not_touched() {
    let env = example();
    audit_and_record(&env);
    let damaged = env.read(ACTIVE).replace("<!-- /mb:drift-audit -->\n", "");
    env.write(ACTIVE, &damaged);
    let out = env.run(["record", RUN]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(
        out.stderr.contains("memory-bank/activeContext.md:10: mb's entry of 2026-11-25 has lost its closing mark"),
        "{out}"
    );
    assert_eq!(env.read(ACTIVE), damaged);
}

#[test]
fn dry_run_prints_the_entry_and_writes_nothing() {
    let env = example();
    env.run(["audit", "--replay", "ansible/recorded-run.json"]);
    let before = env.read(ACTIVE);
    let out = env.run(["record", "--dry-run"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(
        out.stdout
            .starts_with("## Drift audit (2026-11-25)\n<!-- mb:drift-audit date=2026-11-25 run=2026-11-25T21-00-00Z"),
        "{out}"
    );
    assert_eq!(env.read(ACTIVE), before);
}

/// Several mb processes recording runs of different days into one file at the same moment:
/// the lock queues them, so every entry lands and none is lost.
#[test]
fn concurrent_recorders_lose_nothing() {
    let env = example();
    env.run(["audit", "--replay", "ansible/recorded-run.json"]);
    let before = env.read(ACTIVE);
    let days: Vec<String> = (1..=6).map(|d| format!("2026-12-0{d}T08-00-00Z")).collect();
    for id in &days {
        later_run(&env, id, &[]);
    }
    let children: Vec<std::process::Child> = days
        .iter()
        .map(|id| {
            env.command(["record", id])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = env.capture(child.wait_with_output().unwrap());
        assert_eq!(out.code(), Some(0), "{out}");
    }
    let after = env.read(ACTIVE);
    let found = mb::kb::writeback::recorded("f.md", &after).unwrap();
    let mut dates: Vec<String> = found.iter().map(|r| r.date.to_string()).collect();
    dates.sort();
    assert_eq!(dates, (1..=6).map(|d| format!("2026-12-0{d}")).collect::<Vec<_>>());
    // Taking the entries (and the `---` each brings) out gives back the original file.
    let mut rest = after.clone();
    for r in found.iter().rev() {
        rest.replace_range(r.range.start..r.range.end + "\n---\n\n".len(), "");
    }
    assert_eq!(rest, before);
}

#[test]
fn a_kilo_code_bank_is_the_repositorys_bank_where_it_is_the_only_one() {
    // Kilo Code keeps its bank in `.kilocode/rules/memory-bank/`, its running context in
    // `context.md`. Where the repository has no `memory-bank/`, every command reads that one,
    // and `mb record` writes into its `context.md`.
    let env = example();
    let listed = |env: &TestEnvironment| -> Vec<(String, String)> {
        let out = env.run(["decisions", "--json"]);
        assert_eq!(out.code(), Some(0), "{out}");
        let json = out.json();
        json.as_array().unwrap().iter().map(|d| (d["text"].to_string(), d["file"].to_string())).collect()
    };
    let before = listed(&env);
    let kilo = env.work_dir().join(".kilocode/rules");
    std::fs::create_dir_all(&kilo).unwrap();
    std::fs::rename(env.work_dir().join("memory-bank"), kilo.join("memory-bank")).unwrap();
    std::fs::rename(kilo.join("memory-bank/activeContext.md"), kilo.join("memory-bank/context.md")).unwrap();

    let after = listed(&env);
    assert_eq!(after.len(), before.len());
    assert!(after.iter().all(|(_, file)| file.starts_with("\".kilocode/rules/memory-bank/")), "{after:?}");
    let hits = env.run(["search", "refquota", "--json"]).json();
    assert!(
        hits.as_array()
            .unwrap()
            .iter()
            .any(|h| h["file"].as_str().unwrap().starts_with(".kilocode/rules/memory-bank/")),
        "{hits}"
    );
    let out = audit_and_record(&env);
    assert_eq!(out.code(), Some(1), "drift found: {out}");
    assert!(out.stdout.contains("in .kilocode/rules/memory-bank/context.md:"), "{out}");
    assert_eq!(entries(&env.read(".kilocode/rules/memory-bank/context.md")).len(), 1);
    assert!(!env.work_dir().join(".kilocode/rules/memory-bank/activeContext.md").exists());
    // The file watcher covers `memory-bank/` only: it says so rather than watch the wrong
    // folder, and searches check every file instead.
    let out = env.run(["index", "--watch"]);
    assert_ne!(out.code(), Some(0), "{out}");
    assert!(out.stderr.contains("does not cover"), "{out}");
    // A `memory-bank/` beside it is the bank again.
    env.write("memory-bank/notes.md", "# Notes\n\n## Decisions\n\n- Use Caddy as the reverse proxy.\n");
    assert_eq!(listed(&env).len(), 1);
}

#[test]
fn a_bank_keeping_its_core_files_at_the_root_is_read_and_recorded_there() {
    // Some two hundred public repositories keep Cline's core files beside the README, and
    // notes in `memory-bank/`: every command reads both as the bank, and `mb record` writes
    // the root's `activeContext.md`, where the next session reads (it made a second one in
    // `memory-bank/` before, and the root's files were no longer read).
    let env = example();
    let listed = |env: &TestEnvironment| -> Vec<String> {
        let out = env.run(["decisions", "--json"]);
        assert_eq!(out.code(), Some(0), "{out}");
        out.json().as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap().to_string()).collect()
    };
    let before = listed(&env);
    for name in ["activeContext.md", "decisionLog.md", "progress.md", "systemPatterns.md", "techContext.md"] {
        std::fs::rename(env.work_dir().join("memory-bank").join(name), env.work_dir().join(name)).unwrap();
    }
    let after = listed(&env);
    assert_eq!(after.len(), before.len());
    assert!(after.iter().any(|file| file == "decisionLog.md"), "{after:?}");
    let all = env.run(["decisions", "--all", "--json"]).json();
    assert!(all.as_array().unwrap().iter().any(|d| d["file"] == "memory-bank/hosts/zd1.md"), "{all}");
    let hits = env.run(["search", "refquota", "--json"]).json();
    assert!(hits.as_array().unwrap().iter().any(|h| !h["file"].as_str().unwrap().contains('/')), "{hits}");
    let out = audit_and_record(&env);
    assert_eq!(out.code(), Some(1), "drift found: {out}");
    assert!(out.stdout.contains(&format!("recorded run {RUN} in activeContext.md:")), "{out}");
    assert_eq!(entries(&env.read("activeContext.md")).len(), 1);
    assert!(!env.work_dir().join(ACTIVE).exists());
    // The file watcher does not watch the root: it says so, and searches check every file.
    let out = env.run(["index", "--watch"]);
    assert_ne!(out.code(), Some(0), "{out}");
    assert!(out.stderr.contains("kept at the repository's root, which the watcher does not cover"), "{out}");
    // Found by review: a folder or a file named goes where it says, in the folder.
    let out = env.run(["record", RUN, "--file", "hosts/zd1.md"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(out.stdout.contains("in memory-bank/hosts/zd1.md:"), "{out}");
    let out = env.run(["record", RUN, "--memory-bank", "memory-bank", "--dry-run"]);
    assert_eq!(out.code(), Some(0), "{out}");
    // A Kilo Code bank holds its own core files under its own names: the root's are no bank's.
    let env = example();
    let kilo = env.work_dir().join(".kilocode/rules");
    std::fs::create_dir_all(&kilo).unwrap();
    std::fs::rename(env.work_dir().join("memory-bank"), kilo.join("memory-bank")).unwrap();
    std::fs::rename(kilo.join("memory-bank/activeContext.md"), kilo.join("memory-bank/context.md")).unwrap();
    env.write("progress.md", "# Progress\n\n## Decisions\n\n- Ship on Fridays.\n");
    env.write("techContext.md", "# Tech\n\n## Decisions\n\n- Use Caddy.\n");
    assert!(listed(&env).iter().all(|file| file.starts_with(".kilocode/")));
    let out = audit_and_record(&env);
    assert!(out.stdout.contains("in .kilocode/rules/memory-bank/context.md:"), "{out}");
    assert!(!env.work_dir().join("activeContext.md").exists());
}

#[test]
fn a_cr_only_context_file_keeps_its_endings_and_its_links_point_at_their_decisions() {
    // Lines ended by a lone `\r`: mb's entry takes that ending, and each decision a finding
    // cites is linked at the line it sits on once the entry is in.
    let env = example();
    env.write(ACTIVE, env.read(ACTIVE).replace('\n', "\r"));
    let out = audit_and_record(&env);
    assert_eq!(out.code(), Some(1), "drift found: {out}");
    let after = env.read(ACTIVE);
    assert!(!after.contains('\n'));
    let lines: Vec<&str> = after.split('\r').collect();
    let mut cited = 0;
    for line in lines.iter().filter(|l| l.contains("enforces “")) {
        let quote = line.split_once("enforces “").unwrap().1.split_once('”').unwrap().0.trim_end_matches('…');
        let at = line.split_once("](activeContext.md#L").unwrap().1;
        let n: usize = at[..at.find(')').unwrap()].parse().unwrap();
        let prefix: String = quote.chars().take(30).collect();
        // (The quote is the decision's text, without its markup.)
        assert!(lines[n - 1].replace("**", "").contains(&prefix), "line {n} is `{}`, not “{prefix}…”", lines[n - 1]);
        cited += 1;
    }
    assert_eq!(cited, 5);
}

#[test]
fn the_bank_is_found_in_the_folders_agents_keep_it_in() {
    // Public banks live in `memory_bank/`, `.memory-bank/`, `docs/memory-bank/`, beside Cline's
    // rules, in Cursor's, Copilot's, Roo Code's, Windsurf's and Claude Code's folders, among
    // the rules in `.agents/` or `.agent/`, or in `.ai/` (as `memory-bank/` or the agents'
    // `memory/`), or Kiro's steering files (`.kiro/steering/`, round 252): where only one of
    // them exists, it is the bank.
    let folders = [
        "memory_bank",
        ".memory-bank",
        "docs/memory-bank",
        ".clinerules/memory-bank",
        ".cursor/memory-bank",
        ".cursor/rules/memory-bank",
        ".github/memory-bank",
        ".roo/memory-bank",
        ".roo/rules/memory-bank",
        ".agents/rules/memory-bank",
        ".agent/rules/memory-bank",
        ".windsurf/memory-bank",
        ".claude/memory-bank",
        ".ai/memory-bank",
        ".ai/memory",
        "cline_docs",
        ".kiro/steering",
    ];
    assert_eq!(mb::kb::load::BANK_FOLDERS[2..], folders, "the order mb looks in");
    for folder in folders {
        let env = TestEnvironment::new();
        env.write(
            &format!("{folder}/activeContext.md"),
            "# Active Context\n\n## Decisions\n\n- Use Caddy as the reverse proxy.\n",
        );
        let out = env.run(["decisions", "--json"]);
        assert_eq!(out.code(), Some(0), "{folder}: {out}");
        let json = out.json();
        let files: Vec<&str> = json.as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap()).collect();
        assert_eq!(files, [format!("{folder}/activeContext.md")], "{folder}");
        let hits = env.run(["search", "caddy", "--json"]).json();
        assert_eq!(hits[0]["file"], format!("{folder}/activeContext.md"), "{folder}: {hits}");
        // Read as the bank's, never as a rule file: beside Cline's rules too.
        assert_eq!(hits[0]["kind"], "decision", "{folder}: {hits}");
        assert_eq!(hits.as_array().unwrap().len(), 1, "{folder}: {hits}");
    }
    // A bank beside Cline's rules is never a rule file, the repository's bank or not.
    let env = TestEnvironment::new();
    env.write(
        "memory-bank/notes.md",
        "# Notes
",
    );
    env.write(
        ".clinerules/memory-bank/activeContext.md",
        "## Decisions

- Use Caddy as the reverse proxy.
",
    );
    env.write(
        ".clinerules/style.md",
        "# Style

Use tabs.
",
    );
    let hits = env.run(["search", "caddy", "--json"]);
    assert_eq!(hits.code(), Some(1), "not the bank, not rules: {hits}");
    let rules = env.run(["rules"]);
    assert!(format!("{}{}", rules.stdout, rules.stderr).contains("0 checks in 1 file:"), "style.md alone: {rules}");
    // Found by review: a Python package named `memory_bank/` holds no core file, and hides no
    // bank in a folder looked in after it.
    let env = TestEnvironment::new();
    env.write("memory_bank/__init__.py", "");
    env.write("memory_bank/README.md", "# Package\n\n## Decisions\n\n- Ship the package on PyPI.\n");
    env.write("docs/memory-bank/decisionLog.md", "# Log\n\n## Decisions\n\n- Use Caddy as the reverse proxy.\n");
    let json = env.run(["decisions", "--json"]).json();
    let files: Vec<&str> = json.as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["docs/memory-bank/decisionLog.md"]);
    // So (found by review) does an `.ai/memory/` that other agent tools keep a JSONL store in:
    // it is a bank with a core file or a `decisions.md`.
    let env = TestEnvironment::new();
    env.write(".ai/memory/gotchas.jsonl", "{\"note\": \"flaky CI\"}\n");
    env.write("cline_docs/activeContext.md", "# Active Context\n\n## Decisions\n\n- Use Caddy as the reverse proxy.\n");
    let json = env.run(["decisions", "--json"]).json();
    let files: Vec<&str> = json.as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["cline_docs/activeContext.md"]);
    // Kiro's steering files may have any name (`01-tech.md`, `api-standards.md`): the folder
    // is Kiro's alone, and whatever Markdown it holds is what the agent reads.
    let env = TestEnvironment::new();
    env.write(".kiro/steering/01-tech.md", "# Tech\n\n## Stack\n\n- Database: PostgreSQL 16\n");
    let json = env.run(["decisions", "--json"]).json();
    let files: Vec<&str> = json.as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(files, [".kiro/steering/01-tech.md"]);
    // Found by review: an empty bank folder (a `memory-bank/` holding only `.gitkeep`) hides
    // no bank further down the list; the first folder holding a core file is the bank.
    let env = TestEnvironment::new();
    env.write("memory-bank/.gitkeep", "");
    env.write(
        ".roo/rules/memory-bank/activeContext.md",
        "# Active Context\n\n## Decisions\n\n- Use Caddy as the reverse proxy.\n",
    );
    let json = env.run(["decisions", "--json"]).json();
    let files: Vec<&str> = json.as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(files, [".roo/rules/memory-bank/activeContext.md"]);
    // `mb decisions --help` names every folder it looks in.
    let help = env.run(["decisions", "--help"]).stdout;
    for folder in mb::kb::load::BANK_FOLDERS {
        assert!(help.contains(folder), "{folder} is not in the help");
    }
}
