//! `mb search` on a copy of the bundled example: ranking, the query language, the analyser,
//! filters, and an index that keeps itself fresh and survives damage.

use serde_json::Value;

use crate::common::{TestEnvironment, copy_tree, repo_root};

/// A temporary repository holding a copy of the example's Memory Bank and rules. Searches wait
/// up to 10 s for a watcher (`MB_WATCH_WAIT_MS`): on two cores running the whole suite, 200 ms
/// was once too short, and the search walked instead of asking.
fn example_bank() -> TestEnvironment {
    let mut env = TestEnvironment::new();
    env.set_env("MB_WATCH_WAIT_MS", "10000");
    for sub in ["memory-bank", "rules"] {
        copy_tree(&repo_root().join(sub), &env.work_dir().join(sub));
    }
    env
}

/// `mb search ARGS --json`, which must succeed.
fn search(env: &TestEnvironment, args: &[&str]) -> Vec<Value> {
    let out = env.run([&["search"], args, &["--json"]].concat());
    assert_eq!(out.code(), Some(0), "{args:?}: {out}");
    out.json().as_array().unwrap().clone()
}

fn index_stats(env: &TestEnvironment) -> Value {
    let out = env.run(["index", "--json"]);
    assert_eq!(out.code(), Some(0), "{out}");
    out.json()["stats"].clone()
}

fn locations(hits: &[Value]) -> Vec<String> {
    hits.iter().map(|h| format!("{}:{}", h["file"].as_str().unwrap(), h["line"])).collect()
}

#[test]
fn refquota_finds_what_mentions_it_decisions_first() {
    let env = example_bank();
    let hits = search(&env, &["refquota"]);
    assert!(hits.len() >= 5);
    for hit in &hits {
        let text = hit["text"].as_str().unwrap().to_lowercase();
        assert!(text.contains("refquota"), "{hit}");
        for field in ["file", "line", "entry", "date", "kind", "text", "snippet", "score"] {
            assert!(hit.get(field).is_some(), "missing {field}");
        }
    }
    assert_eq!(hits[0]["kind"], "decision");
    assert_eq!(hits[1]["kind"], "decision");
    // The current 3T decision outranks the 2T one it replaced, which says it was superseded.
    let pos = |needle: &str| hits.iter().position(|h| h["text"].as_str().unwrap().contains(needle)).unwrap();
    assert!(pos("set to 3T") < pos("set to 2T"));
    assert_eq!(hits[pos("set to 2T")]["superseded"], true);
    // Snippets mark the word.
    let h = &hits[0];
    let snippet = h["snippet"].as_str().unwrap();
    let [a, b] = [h["highlights"][0][0].as_u64().unwrap() as usize, h["highlights"][0][1].as_u64().unwrap() as usize];
    assert_eq!(&snippet[a..b], "refquota");
}

#[test]
fn human_output_names_place_date_kind_and_entry() {
    let env = example_bank();
    insta::assert_snapshot!("search_refquota_human", env.run(["search", "refquota", "--limit", "2"]));
}

#[test]
fn a_typo_falls_back_to_fuzzy_matches_and_says_so() {
    let env = example_bank();
    let out = env.run(["search", "refquta", "--json"]);
    assert_eq!(out.code(), Some(0), "{out}");
    let fuzzy = out.json();
    let fuzzy = fuzzy.as_array().unwrap();
    assert!(!fuzzy.is_empty());
    assert!(fuzzy.iter().all(|h| h["fuzzy"] == true));
    assert!(fuzzy.iter().all(|h| h["text"].as_str().unwrap().to_lowercase().contains("refquota")));
    assert!(out.stderr.contains("no exact match for `refquta`; showing close matches: refquota"), "{out}");
    // An exact word is never fuzzed.
    assert!(search(&env, &["refquota"]).iter().all(|h| h["fuzzy"] == false));
}

#[test]
fn phrases_and_boolean_operators() {
    let env = example_bank();
    let phrase = search(&env, &["\"map to guest\""]);
    assert!(!phrase.is_empty());
    for h in &phrase {
        assert!(h["text"].as_str().unwrap().to_lowercase().contains("map to guest"), "{h}");
    }
    // The words without quotes also match texts where they are apart.
    assert!(search(&env, &["map", "guest"]).len() >= phrase.len());
    let both = search(&env, &["samba", "dfs", "-n", "50"]);
    let without = search(&env, &["samba -dfs", "-n", "50"]);
    assert_eq!(locations(&without), locations(&search(&env, &["samba NOT dfs", "-n", "50"])));
    for h in &without {
        assert!(!h["text"].as_str().unwrap().to_lowercase().contains("dfs"), "{h}");
    }
    let either = search(&env, &["wireguard OR corosync", "-n", "50"]);
    assert!(either.iter().any(|h| h["text"].as_str().unwrap().to_lowercase().contains("corosync")));
    assert!(either.iter().any(|h| h["text"].as_str().unwrap().to_lowercase().contains("wireguard")));
    assert!(!both.is_empty());
}

#[test]
fn infrastructure_words_are_found_whole_and_by_parts() {
    let env = example_bank();
    let contains =
        |hits: &[Value], needle: &str| hits.iter().any(|h| h["text"].as_str().unwrap().to_lowercase().contains(needle));
    let cases: &[(&[&str], &str)] = &[
        (&["fruit:locking"], "fruit:locking"),
        (&["locking"], "fruit:locking"),
        (&["\"fruit locking\""], "fruit:locking"),
        (&["proxmox-firewall"], "proxmox-firewall"),
        (&["\"proxmox firewall\""], "proxmox-firewall"),
        (&["pve-community.sources"], "pve-community.sources"),
        (&["community"], "pve-community.sources"),
        (&["10.10.68.0/24"], "10.10.68.0/24"),
        (&["10.10.68.0"], "10.10.68.0/24"),
        (&["xattr=sa"], "xattr=sa"),
        (&["manage_proxmox_repos"], "manage_proxmox_repos"),
        (&["proxmox_repos"], "manage_proxmox_repos"),
        (&["refquotas"], "refquota"),
    ];
    for (query, needle) in cases {
        let hits = search(&env, query);
        assert!(contains(&hits, needle), "{query:?} did not find {needle:?}: {:?}", locations(&hits));
        assert!(hits.iter().all(|h| h["fuzzy"] == false), "{query:?} fell back to fuzzy");
    }
    // Stemming: a plural or another tense finds the word.
    assert!(contains(&search(&env, &["lockouts"]), "lockout"));
}

#[test]
fn filters_narrow_the_hits() {
    let env = example_bank();
    let decisions = search(&env, &["firewall", "--kind", "decision", "-n", "50"]);
    assert!(!decisions.is_empty());
    assert!(decisions.iter().all(|h| h["kind"] == "decision"));
    let mixed = search(&env, &["firewall", "--kind", "check,heading", "-n", "50"]);
    assert!(mixed.iter().all(|h| h["kind"] == "check" || h["kind"] == "heading"));
    assert!(mixed.iter().any(|h| h["kind"] == "check"));

    let recent = search(&env, &["firewall", "--since", "2025-11-17", "-n", "50"]);
    assert!(!recent.is_empty());
    assert!(recent.iter().all(|h| h["date"].as_str().is_some_and(|d| d >= "2025-11-17")));
    let window = search(&env, &["firewall", "--since", "2025-11-14", "--until", "2025-11-14", "-n", "50"]);
    assert!(!window.is_empty());
    assert!(window.iter().all(|h| h["date"] == "2025-11-14"));

    let rules_only = search(&env, &["locking", "--file", "rules/*.md", "-n", "50"]);
    assert!(!rules_only.is_empty());
    assert!(rules_only.iter().all(|h| h["file"].as_str().unwrap().starts_with("rules/")));
    let nested = search(&env, &["zd1", "--file", "memory-bank/hosts/**", "-n", "50"]);
    assert!(!nested.is_empty());
    assert!(nested.iter().all(|h| h["file"] == "memory-bank/hosts/zd1.md"));

    assert_eq!(search(&env, &["samba", "--limit", "3"]).len(), 3);
}

#[test]
fn no_match_exits_1_and_bad_input_exits_2() {
    let env = example_bank();
    let out = env.run(["search", "qqqqxyzzy"]);
    assert_eq!(out.code(), Some(1), "{out}");
    assert!(out.stderr.contains("no matches for `qqqqxyzzy`"), "{out}");
    let out = env.run(["search", "NOT dfs"]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("only excludes"), "{out}");
    let out = env.run(["search", "x", "--kind", "decisoin"]);
    assert_eq!(out.code(), Some(2), "{out}");
}

#[test]
fn the_index_refreshes_only_what_changed() {
    let env = example_bank();
    let first = index_stats(&env);
    assert_eq!(first["added"], 12);
    let again = index_stats(&env);
    assert_eq!(
        (again["added"].as_u64(), again["changed"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(0), Some(12))
    );

    // Edit: a new word appears in search, the old one goes.
    let progress = env.work_dir().join("memory-bank/progress.md");
    let old = std::fs::read_to_string(&progress).unwrap();
    std::fs::write(&progress, format!("{old}\n- Migrated the quokkaplan dashboards.\n")).unwrap();
    assert_eq!(search(&env, &["quokkaplan"]).len(), 1);
    let stats = index_stats(&env);
    assert_eq!(stats["unchanged"], 12, "the search before already refreshed it");
    std::fs::write(&progress, &old).unwrap();
    assert_eq!(env.run(["search", "quokkaplan"]).code(), Some(1));

    // Add a file, then delete it.
    env.write(
        "memory-bank/archive/2024.md",
        "# 2024\n\n## Old times (2024-03-01)\n\n### Decisions\n- Keep the wombatgate around.\n",
    );
    let hits = search(&env, &["wombatgate"]);
    assert_eq!(locations(&hits), ["memory-bank/archive/2024.md:6"]);
    assert_eq!(hits[0]["date"], "2024-03-01");
    std::fs::remove_file(env.work_dir().join("memory-bank/archive/2024.md")).unwrap();
    assert_eq!(env.run(["search", "wombatgate"]).code(), Some(1));
    let stats = index_stats(&env);
    assert_eq!((stats["added"].as_u64(), stats["removed"].as_u64()), (Some(0), Some(0)));

    // A touched file with the same content is restamped, not re-indexed.
    let file = std::fs::File::options().append(true).open(&progress).unwrap();
    file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5)).unwrap();
    drop(file);
    let stats = index_stats(&env);
    assert_eq!((stats["changed"].as_u64(), stats["units"].as_u64()), (Some(0), Some(0)));
}

#[test]
fn a_corrupt_index_is_rebuilt_with_a_note() {
    let env = example_bank();
    assert!(!search(&env, &["refquota"]).is_empty());
    let meta = env.work_dir().join(".mb/index/meta.json");
    std::fs::write(&meta, "{ this is not json").unwrap();
    let out = env.run(["search", "refquota"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(out.stderr.contains("note: the search index was unreadable"), "{out}");
    assert_eq!(out.stderr.lines().filter(|l| l.starts_with("note:")).count(), 1, "{out}");
    // Segment files lost: also rebuilt.
    for entry in std::fs::read_dir(env.work_dir().join(".mb/index")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "idx" || e == "term") {
            std::fs::remove_file(path).unwrap();
        }
    }
    let out = env.run(["search", "refquota"]);
    assert_eq!(out.code(), Some(0), "{out}");
    // A clean run afterwards has nothing to say.
    let out = env.run(["search", "refquota"]);
    assert_eq!(out.stderr, "", "{out}");
}

#[test]
fn an_index_of_another_schema_version_is_rebuilt() {
    let env = example_bank();
    index_stats(&env);
    let meta_path = env.work_dir().join(".mb/index/meta.json");
    let mut meta: Value = serde_json::from_str(&std::fs::read_to_string(&meta_path).unwrap()).unwrap();
    let mut payload: Value = serde_json::from_str(meta["payload"].as_str().unwrap()).unwrap();
    payload["schema"] = Value::from(0);
    meta["payload"] = Value::String(payload.to_string());
    std::fs::write(&meta_path, serde_json::to_string(&meta).unwrap()).unwrap();
    let out = env.run(["search", "refquota"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(out.stderr.contains("built by another version of mb (schema 0); rebuilt it"), "{out}");
}

#[test]
fn an_unwritable_mb_folder_still_answers_from_memory() {
    let env = example_bank();
    std::fs::write(env.work_dir().join(".mb"), "a file where the folder should be").unwrap();
    let out = env.run(["search", "refquota", "--json"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(out.stderr.contains("searching an in-memory index"), "{out}");
    assert!(!out.json().as_array().unwrap().is_empty());
}

#[test]
fn concurrent_searches_are_safe() {
    let env = example_bank();
    let children: Vec<_> = (0..4)
        .map(|_| {
            env.command(["search", "refquota", "--json"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<_> = children.into_iter().map(|c| env.capture(c.wait_with_output().unwrap())).collect();
    let first = outputs[0].json();
    for out in &outputs {
        assert_eq!(out.code(), Some(0), "{out}");
        assert_eq!(locations(out.json().as_array().unwrap()), locations(first.as_array().unwrap()));
    }
    let stats = index_stats(&env);
    assert_eq!(stats["unchanged"], 12);
}

#[test]
fn the_mb_folder_ignores_itself_in_git() {
    let env = example_bank();
    index_stats(&env);
    let ignore = std::fs::read_to_string(env.work_dir().join(".mb/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"));
}

#[test]
fn no_refresh_searches_the_index_as_it_is() {
    let env = example_bank();
    index_stats(&env);
    env.write("memory-bank/late.md", "# Late\n\n- The zqxjvoll rollout waits for Monday.\n");
    // Without a refresh the new file is not seen yet; the next plain search sees it.
    let out = env.run(["search", "zqxjvoll", "--no-refresh"]);
    assert_eq!(out.code(), Some(1), "{out}");
    assert_eq!(search(&env, &["zqxjvoll"]).len(), 1);
    assert_eq!(search(&env, &["zqxjvoll", "--no-refresh"]).len(), 1);
    // On a repository never indexed, it builds the index rather than find nothing.
    let fresh = example_bank();
    assert!(!search(&fresh, &["refquota", "--no-refresh"]).is_empty());
}

/// Issue 14, item 10: the files of the index's segments (everything but tantivy's metadata).
fn segment_files(env: &TestEnvironment) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(env.work_dir().join(".mb/index"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            !p.file_name().unwrap().to_string_lossy().starts_with('.') && p.extension().is_some_and(|e| e != "json")
        })
        .collect();
    files.sort();
    files
}

/// Every `*.tmp` file under `.mb/`.
fn leftovers(env: &TestEnvironment) -> Vec<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                walk(&path, out);
            } else if name.ends_with(".tmp") || name.starts_with(".tmp") {
                out.push(path.display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    walk(&env.work_dir().join(".mb"), &mut out);
    out
}

#[test]
fn a_truncated_or_corrupt_segment_is_rebuilt_with_one_note() {
    let env = example_bank();
    let before = locations(&search(&env, &["refquota"]));
    assert!(!before.is_empty());
    type Damage = fn(&std::path::Path);
    let damages: [(&str, Damage); 2] = [
        ("truncated", |p| {
            let len = std::fs::metadata(p).unwrap().len();
            std::fs::OpenOptions::new().write(true).open(p).unwrap().set_len(len / 2).unwrap();
        }),
        ("overwritten", |p| {
            let len = std::fs::metadata(p).unwrap().len() as usize;
            std::fs::write(p, vec![0x5a; len]).unwrap();
        }),
    ];
    for (how, damage) in damages {
        // A rebuild names its segments anew: the files are listed again each time.
        for i in 0..segment_files(&env).len() {
            let file = segment_files(&env)[i].clone();
            damage(&file);
            let out = env.run(["search", "refquota", "--json"]);
            assert_eq!(out.code(), Some(0), "{how} {}: {out}", file.display());
            let notes: Vec<&str> = out.stderr.lines().filter(|l| l.starts_with("note:")).collect();
            assert_eq!(notes.len(), 1, "{how} {}: {out}", file.display());
            assert!(notes[0].contains("rebuilt it"), "{out}");
            assert_eq!(locations(out.json().as_array().unwrap()), before, "{how} {}", file.display());
            // Rebuilt on disk: the next search has nothing to say.
            let again = env.run(["search", "refquota"]);
            assert_eq!(again.stderr, "", "{how} {}: {again}", file.display());
        }
    }
}

/// A small tmpfs mounted over a folder for the life of the value (root only).
struct Tmpfs(std::path::PathBuf);

impl Tmpfs {
    fn mount(at: &std::path::Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(at).unwrap();
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0700"), "tmpfs"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status();
        status.is_ok_and(|s| s.success()).then(|| Tmpfs(at.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn on_a_full_disk_every_search_answers_from_memory() {
    let env = example_bank();
    let Some(_disk) = Tmpfs::mount(&env.work_dir().join(".mb"), "4m") else {
        eprintln!("skipped: mounting a small tmpfs is not permitted here (needs root)");
        return;
    };
    assert!(!search(&env, &["refquota"]).is_empty());
    // Fill the disk, then give the index something to write.
    let filler = env.work_dir().join(".mb/filler");
    let mut file = std::fs::File::create(&filler).unwrap();
    let block = vec![0u8; 64 << 10];
    while std::io::Write::write_all(&mut file, &block).is_ok() {}
    drop(file);
    env.write("memory-bank/late.md", "# Late\n\n- The zqxjvoll rollout waits for Monday.\n");
    for _ in 0..2 {
        let out = env.run(["search", "zqxjvoll", "--json"]);
        assert_eq!(out.code(), Some(0), "{out}");
        assert_eq!(out.json().as_array().unwrap().len(), 1, "{out}");
        assert!(out.stderr.contains("searching an in-memory index"), "{out}");
        assert_eq!(out.stderr.lines().count(), 1, "{out}");
        assert_eq!(leftovers(&env), Vec::<String>::new(), "a failed write left a temporary file");
    }
    // Room again: the index on disk catches up, silently.
    std::fs::remove_file(&filler).unwrap();
    let out = env.run(["search", "zqxjvoll", "--json"]);
    assert_eq!((out.code(), out.stderr.as_str()), (Some(0), ""), "{out}");
    assert_eq!(out.json().as_array().unwrap().len(), 1, "{out}");
}

#[test]
fn no_temporary_file_outlives_an_interrupted_write() {
    let env = example_bank();
    assert!(!search(&env, &["refquota"]).is_empty());
    // What writes killed half-way leave: tantivy's atomic write, mb's manifest, and a run
    // (by a process that is gone: 4194305 is past the largest pid Linux gives).
    let mb = env.work_dir().join(".mb");
    std::fs::create_dir_all(mb.join("runs")).unwrap();
    for left in ["index/.tmpk3J9aQ", ".index-files-7.tmp", "runs/.2026-11-25T19-00-00Z.json.4194305.tmp"] {
        std::fs::write(mb.join(left), "half of something").unwrap();
    }
    env.write("memory-bank/late.md", "# Late\n\n- The zqxjvoll rollout waits for Monday.\n");
    assert_eq!(search(&env, &["zqxjvoll"]).len(), 1);
    let rules = "```mb-check\nid: v\nhosts: all\nprobe:\n  var: v\nexpect:\n  equals: x\n```\n";
    env.write("rules/v.md", rules);
    env.write("inventory.yml", "all:\n  hosts:\n    box1:\n      v: x\n");
    env.write("mb.toml", "inventory = \"inventory.yml\"\n");
    let out = env.run(["audit", "--format", "json", "-l", "box1"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert_eq!(leftovers(&env), Vec::<String>::new());
    // A write killed for real (past its file size limit, SIGXFSZ) leaves nothing either, and the
    // next search is whole.
    env.write("memory-bank/later.md", format!("# Later\n\n{}", "- The vrrwoqq step is long.\n".repeat(2000)));
    let cmd = env.command(["search", "vrrwoqq"]);
    let limited = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 16; exec \"$0\" \"$@\"")
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .envs(cmd.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .current_dir(env.work_dir())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(!limited.success(), "the write was not interrupted");
    assert_eq!(search(&env, &["vrrwoqq", "-n", "5000"]).len(), 2000);
    assert_eq!(leftovers(&env), Vec::<String>::new());
}

#[test]
fn freshness_sees_same_size_edits_and_renamed_folders() {
    let env = example_bank();
    env.write("memory-bank/archive/2023.md", "# 2023\n\n- The kiwigate rollout waits.\n");
    index_stats(&env);

    // An edit in place that keeps the size: only the file's modification time moves (the
    // folder's does not), and that is enough.
    let file = env.work_dir().join("memory-bank/archive/2023.md");
    std::fs::write(&file, "# 2023\n\n- The emugate! rollout waits.\n").unwrap();
    let bumped = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    std::fs::File::options().append(true).open(&file).unwrap().set_modified(bumped).unwrap();
    assert_eq!(locations(&search(&env, &["emugate"])), ["memory-bank/archive/2023.md:3"]);
    assert_eq!(env.run(["search", "kiwigate"]).code(), Some(1));

    // A renamed folder: its files are found under the new path, never the old one.
    std::fs::rename(env.work_dir().join("memory-bank/archive"), env.work_dir().join("memory-bank/old")).unwrap();
    assert_eq!(locations(&search(&env, &["emugate"])), ["memory-bank/old/2023.md:3"]);
    let stats = index_stats(&env);
    assert_eq!((stats["added"].as_u64(), stats["removed"].as_u64()), (Some(0), Some(0)));
}

/// `mb index --watch`, running in the background until the test ends, however it ends.
struct Watcher {
    child: std::process::Child,
    socket: std::path::PathBuf,
}

impl Watcher {
    /// Starts the watcher and waits (up to a minute: the machine may be busy) until its socket
    /// takes connections (a dead watcher's socket may still be there, refusing them).
    fn start(env: &TestEnvironment) -> Watcher {
        let child = env
            .command(["index", "--watch"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("mb index --watch starts");
        let watcher = Watcher { child, socket: env.work_dir().join(".mb/watch/sock") };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while std::os::unix::net::UnixStream::connect(&watcher.socket).is_err() {
            assert!(std::time::Instant::now() < deadline, "the watcher made no socket within a minute");
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        watcher
    }

    fn signal(&self, signal: &str) {
        let status = std::process::Command::new("kill").args(["-s", signal, &self.child.id().to_string()]).status();
        assert!(status.unwrap().success());
    }

    /// Waits for the watcher to exit (after a signal) and returns what it wrote to stderr.
    fn wait(mut self) -> (std::process::ExitStatus, String) {
        let mut stderr = String::new();
        std::io::Read::read_to_string(self.child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
        (self.child.wait().unwrap(), stderr)
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Rewrites `file` in place with text of the same length and puts its modification time back,
/// so that its size and time are what they were: nothing a stat walk reads has moved.
fn edit_in_secret(env: &TestEnvironment, file: &str, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let path = env.work_dir().join(file);
    let before = std::fs::metadata(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap().replace(from, to);
    let mut handle = std::fs::File::options().write(true).open(&path).unwrap();
    std::io::Write::write_all(&mut handle, text.as_bytes()).unwrap();
    handle.set_modified(before.modified().unwrap()).unwrap();
    drop(handle);
    let after = std::fs::metadata(&path).unwrap();
    assert_eq!((after.len(), after.modified().unwrap()), (before.len(), before.modified().unwrap()));
}

#[test]
fn with_a_watcher_an_edit_no_stat_can_see_is_found_by_the_very_next_search() {
    let env = example_bank();
    env.write("memory-bank/plans.md", "# Plans\n\n- The kiwigate rollout waits for Monday.\n");
    let watcher = Watcher::start(&env);
    assert_eq!(locations(&search(&env, &["kiwigate"])), ["memory-bank/plans.md:3"]);

    edit_in_secret(&env, "memory-bank/plans.md", "kiwigate", "emugate!");
    assert_eq!(locations(&search(&env, &["emugate"])), ["memory-bank/plans.md:3"]);
    assert_eq!(env.run(["search", "kiwigate"]).code(), Some(1));
    let stats = index_stats(&env);
    assert_eq!(stats["walked"], false, "{stats}");

    // The same kind of edit with the watcher gone: the walk cannot see it, which is what made
    // the search above depend on the watcher alone.
    watcher.signal("KILL");
    drop(watcher);
    edit_in_secret(&env, "memory-bank/plans.md", "emugate!", "owlgate!");
    assert_eq!(env.run(["search", "owlgate"]).code(), Some(1));
    assert_eq!(locations(&search(&env, &["emugate"])), ["memory-bank/plans.md:3"]);
}

#[test]
fn with_a_watcher_new_deleted_and_renamed_files_and_new_folders_are_seen() {
    let env = example_bank();
    env.write("memory-bank/plans.md", "# Plans\n\n- The kiwigate rollout waits for Monday.\n");
    let _watcher = Watcher::start(&env);
    assert_eq!(locations(&search(&env, &["kiwigate"])), ["memory-bank/plans.md:3"]);

    // New.
    env.write("memory-bank/late.md", "# Late\n\n- The zqxjvoll window opens at noon.\n");
    assert_eq!(locations(&search(&env, &["zqxjvoll"])), ["memory-bank/late.md:3"]);
    // Renamed.
    std::fs::rename(env.work_dir().join("memory-bank/late.md"), env.work_dir().join("memory-bank/later.md")).unwrap();
    assert_eq!(locations(&search(&env, &["zqxjvoll"])), ["memory-bank/later.md:3"]);
    // Deleted.
    std::fs::remove_file(env.work_dir().join("memory-bank/later.md")).unwrap();
    assert_eq!(env.run(["search", "zqxjvoll"]).code(), Some(1));
    // A new folder with a file in it, made at once (before any watch on it can exist), and
    // one level deeper.
    env.write("memory-bank/hosts/zd9/notes.md", "# zd9\n\n- The quokkagate disk is mirrored.\n");
    assert_eq!(locations(&search(&env, &["quokkagate"])), ["memory-bank/hosts/zd9/notes.md:3"]);
    // A file written into that new folder afterwards, in place, keeping size and time.
    edit_in_secret(&env, "memory-bank/hosts/zd9/notes.md", "quokkagate", "wombatgate");
    assert_eq!(locations(&search(&env, &["wombatgate"])), ["memory-bank/hosts/zd9/notes.md:3"]);
    // The folder renamed, then removed.
    std::fs::rename(env.work_dir().join("memory-bank/hosts"), env.work_dir().join("memory-bank/fleet")).unwrap();
    assert_eq!(locations(&search(&env, &["wombatgate"])), ["memory-bank/fleet/zd9/notes.md:3"]);
    std::fs::remove_dir_all(env.work_dir().join("memory-bank/fleet")).unwrap();
    assert_eq!(env.run(["search", "wombatgate"]).code(), Some(1));
    // Rule files too, and files the index does not read change nothing.
    env.write("rules/late.md", "# Late rules\n\nThe platypusgate check runs weekly.\n");
    env.write("memory-bank/notes.txt", "platypusgate\n");
    env.write("memory-bank/.draft.md", "# Draft\n\n- platypusgate\n");
    assert_eq!(locations(&search(&env, &["platypusgate"])), ["rules/late.md:3"]);
    // A `.clinerules` file at the root: made, then edited in secret.
    env.write(".clinerules", "# Rules for agents\n\nThe echidnagate host is never rebooted.\n");
    assert_eq!(locations(&search(&env, &["echidnagate"])), [".clinerules:3"]);
    edit_in_secret(&env, ".clinerules", "echidnagate", "numbatgate!");
    assert_eq!(locations(&search(&env, &["numbatgate"])), [".clinerules:3"]);
    let stats = index_stats(&env);
    assert_eq!(stats["walked"], false, "{stats}");

    // A rebuilt index starts from a walk, then the watcher is used again.
    assert_eq!(env.run(["index", "--rebuild"]).code(), Some(0));
    edit_in_secret(&env, "memory-bank/plans.md", "kiwigate", "emugate!");
    assert_eq!(locations(&search(&env, &["emugate"])), ["memory-bank/plans.md:3"]);
    assert_eq!(index_stats(&env)["walked"], false);

    // Every refresh gave what a walk gives: a rebuild from scratch holds as many units.
    let units = |env: &TestEnvironment| env.run(["index", "--json"]).json()["units"].as_u64();
    let watched = units(&env);
    assert_eq!(env.run(["index", "--rebuild"]).code(), Some(0));
    assert_eq!(units(&env), watched);
}

#[test]
fn a_killed_watcher_leaves_a_socket_that_searches_walk_past() {
    let env = example_bank();
    let watcher = Watcher::start(&env);
    assert!(!search(&env, &["refquota"]).is_empty());
    let socket = watcher.socket.clone();
    watcher.signal("KILL");
    drop(watcher);
    assert!(socket.exists(), "SIGKILL leaves the socket behind");
    // The next search walks: it finds a new file, and does not hang on the dead socket.
    env.write("memory-bank/late.md", "# Late\n\n- The zqxjvoll window opens at noon.\n");
    assert_eq!(locations(&search(&env, &["zqxjvoll"])), ["memory-bank/late.md:3"]);
    let stats = index_stats(&env);
    assert_eq!((stats["walked"].as_bool(), stats["watcher"].as_str()), (Some(true), Some("no watcher is running")));

    // A new watcher replaces the stale socket; a second one is refused while it runs.
    let watcher = Watcher::start(&env);
    let second = env.run(["index", "--watch"]);
    assert_eq!(second.code(), Some(2), "{second}");
    assert!(second.stderr.contains("already watching"), "{second}");
    edit_in_secret(&env, "memory-bank/late.md", "zqxjvoll", "zqxjvolm");
    assert_eq!(locations(&search(&env, &["zqxjvolm"])), ["memory-bank/late.md:3"]);

    // SIGTERM: a clean exit that takes the socket with it.
    watcher.signal("TERM");
    let (status, stderr) = watcher.wait();
    assert!(status.success(), "{status}: {stderr}");
    assert!(!socket.exists());
    assert!(stderr.contains("SIGTERM: stopped"), "{stderr}");
}

#[test]
fn a_table_row_is_found() {
    let env = TestEnvironment::new();
    env.write(
        "memory-bank/techContext.md",
        "# Tech\n\n## Key Technical Decisions\n\n| Area | Choice | Why |\n|---|---|---|\n\
         | Reverse proxy | Traefik | Finds containers by label |\n| Backups | restic | Deduplicated snapshots |\n",
    );
    let hits = search(&env, &["deduplicated"]);
    assert_eq!(locations(&hits), ["memory-bank/techContext.md:8"]);
    assert_eq!(hits[0]["kind"], "decision");
    assert_eq!(hits[0]["text"], "Backups: restic");
}
