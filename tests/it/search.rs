//! `mb search` on a copy of the bundled example: ranking, the query language, the analyser,
//! filters, and an index that keeps itself fresh and survives damage.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::common::{copy_tree, mb, repo_root, text};

/// A temporary repository holding a copy of the example's Memory Bank and rules.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["memory-bank", "rules"] {
            copy_tree(&repo_root().join(sub), &dir.path().join(sub));
        }
        Repo { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, args: &[&str]) -> Output {
        mb(self.path()).args(args).output().unwrap()
    }

    /// `mb search ARGS --json`, which must succeed.
    fn hits(&self, args: &[&str]) -> Vec<Value> {
        let out = self.run(&[&["search"], args, &["--json"]].concat());
        assert!(out.status.code() == Some(0), "{args:?}: {}", text(&out.stderr));
        serde_json::from_slice::<Vec<Value>>(&out.stdout).unwrap()
    }

    fn index_stats(&self) -> Value {
        let out = self.run(&["index", "--json"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        serde_json::from_slice::<Value>(&out.stdout).unwrap()["stats"].clone()
    }

    fn write(&self, rel: &str, content: &str) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
}

fn locations(hits: &[Value]) -> Vec<String> {
    hits.iter().map(|h| format!("{}:{}", h["file"].as_str().unwrap(), h["line"])).collect()
}

#[test]
fn refquota_finds_what_mentions_it_decisions_first() {
    let repo = Repo::new();
    let hits = repo.hits(&["refquota"]);
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
    let repo = Repo::new();
    let out = repo.run(&["search", "refquota", "--limit", "2"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("search_refquota_human", text(&out.stdout));
}

#[test]
fn a_typo_falls_back_to_fuzzy_matches_and_says_so() {
    let repo = Repo::new();
    let out = repo.run(&["search", "refquta", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let hits: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["fuzzy"] == true));
    assert!(hits.iter().all(|h| h["text"].as_str().unwrap().to_lowercase().contains("refquota")));
    let err = text(&out.stderr);
    assert!(err.contains("no exact match for `refquta`; showing close matches: refquota"), "{err}");
    // An exact word is never fuzzed.
    assert!(repo.hits(&["refquota"]).iter().all(|h| h["fuzzy"] == false));
}

#[test]
fn phrases_and_boolean_operators() {
    let repo = Repo::new();
    let phrase = repo.hits(&["\"map to guest\""]);
    assert!(!phrase.is_empty());
    for h in &phrase {
        assert!(h["text"].as_str().unwrap().to_lowercase().contains("map to guest"), "{h}");
    }
    // The words without quotes also match texts where they are apart.
    assert!(repo.hits(&["map", "guest"]).len() >= phrase.len());
    let both = repo.hits(&["samba", "dfs", "-n", "50"]);
    let without = repo.hits(&["samba -dfs", "-n", "50"]);
    assert_eq!(locations(&without), locations(&repo.hits(&["samba NOT dfs", "-n", "50"])));
    for h in &without {
        assert!(!h["text"].as_str().unwrap().to_lowercase().contains("dfs"), "{h}");
    }
    let either = repo.hits(&["wireguard OR corosync", "-n", "50"]);
    assert!(either.iter().any(|h| h["text"].as_str().unwrap().to_lowercase().contains("corosync")));
    assert!(either.iter().any(|h| h["text"].as_str().unwrap().to_lowercase().contains("wireguard")));
    assert!(!both.is_empty());
}

#[test]
fn infrastructure_words_are_found_whole_and_by_parts() {
    let repo = Repo::new();
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
        let hits = repo.hits(query);
        assert!(contains(&hits, needle), "{query:?} did not find {needle:?}: {:?}", locations(&hits));
        assert!(hits.iter().all(|h| h["fuzzy"] == false), "{query:?} fell back to fuzzy");
    }
    // Stemming: a plural or another tense finds the word.
    assert!(contains(&repo.hits(&["lockouts"]), "lockout"));
}

#[test]
fn filters_narrow_the_hits() {
    let repo = Repo::new();
    let decisions = repo.hits(&["firewall", "--kind", "decision", "-n", "50"]);
    assert!(!decisions.is_empty());
    assert!(decisions.iter().all(|h| h["kind"] == "decision"));
    let mixed = repo.hits(&["firewall", "--kind", "check,heading", "-n", "50"]);
    assert!(mixed.iter().all(|h| h["kind"] == "check" || h["kind"] == "heading"));
    assert!(mixed.iter().any(|h| h["kind"] == "check"));

    let recent = repo.hits(&["firewall", "--since", "2025-11-17", "-n", "50"]);
    assert!(!recent.is_empty());
    assert!(recent.iter().all(|h| h["date"].as_str().is_some_and(|d| d >= "2025-11-17")));
    let window = repo.hits(&["firewall", "--since", "2025-11-14", "--until", "2025-11-14", "-n", "50"]);
    assert!(!window.is_empty());
    assert!(window.iter().all(|h| h["date"] == "2025-11-14"));

    let rules_only = repo.hits(&["locking", "--file", "rules/*.md", "-n", "50"]);
    assert!(!rules_only.is_empty());
    assert!(rules_only.iter().all(|h| h["file"].as_str().unwrap().starts_with("rules/")));
    let nested = repo.hits(&["zd1", "--file", "memory-bank/hosts/**", "-n", "50"]);
    assert!(!nested.is_empty());
    assert!(nested.iter().all(|h| h["file"] == "memory-bank/hosts/zd1.md"));

    assert_eq!(repo.hits(&["samba", "--limit", "3"]).len(), 3);
}

#[test]
fn no_match_exits_1_and_bad_input_exits_2() {
    let repo = Repo::new();
    let out = repo.run(&["search", "qqqqxyzzy"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no matches for `qqqqxyzzy`"));
    let out = repo.run(&["search", "NOT dfs"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("only excludes"));
    let out = repo.run(&["search", "x", "--kind", "decisoin"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_index_refreshes_only_what_changed() {
    let repo = Repo::new();
    let first = repo.index_stats();
    assert_eq!(first["added"], 12);
    let again = repo.index_stats();
    assert_eq!(
        (again["added"].as_u64(), again["changed"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(0), Some(12))
    );

    // Edit: a new word appears in search, the old one goes.
    let progress = repo.path().join("memory-bank/progress.md");
    let old = std::fs::read_to_string(&progress).unwrap();
    std::fs::write(&progress, format!("{old}\n- Migrated the quokkaplan dashboards.\n")).unwrap();
    assert_eq!(repo.hits(&["quokkaplan"]).len(), 1);
    let stats = repo.index_stats();
    assert_eq!(stats["unchanged"], 12, "the search before already refreshed it");
    std::fs::write(&progress, &old).unwrap();
    assert_eq!(repo.run(&["search", "quokkaplan"]).status.code(), Some(1));

    // Add a file, then delete it.
    repo.write(
        "memory-bank/archive/2024.md",
        "# 2024\n\n## Old times (2024-03-01)\n\n### Decisions\n- Keep the wombatgate around.\n",
    );
    let hits = repo.hits(&["wombatgate"]);
    assert_eq!(locations(&hits), ["memory-bank/archive/2024.md:6"]);
    assert_eq!(hits[0]["date"], "2024-03-01");
    std::fs::remove_file(repo.path().join("memory-bank/archive/2024.md")).unwrap();
    assert_eq!(repo.run(&["search", "wombatgate"]).status.code(), Some(1));
    let stats = repo.index_stats();
    assert_eq!((stats["added"].as_u64(), stats["removed"].as_u64()), (Some(0), Some(0)));

    // A touched file with the same content is restamped, not re-indexed.
    let file = std::fs::File::options().append(true).open(&progress).unwrap();
    file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5)).unwrap();
    drop(file);
    let stats = repo.index_stats();
    assert_eq!((stats["changed"].as_u64(), stats["units"].as_u64()), (Some(0), Some(0)));
}

#[test]
fn a_corrupt_index_is_rebuilt_with_a_note() {
    let repo = Repo::new();
    assert!(!repo.hits(&["refquota"]).is_empty());
    let meta = repo.path().join(".mb/index/meta.json");
    std::fs::write(&meta, "{ this is not json").unwrap();
    let out = repo.run(&["search", "refquota"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("note: the search index was unreadable"), "{err}");
    assert_eq!(err.lines().filter(|l| l.starts_with("note:")).count(), 1);
    // Segment files lost: also rebuilt.
    for entry in std::fs::read_dir(repo.path().join(".mb/index")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "idx" || e == "term") {
            std::fs::remove_file(path).unwrap();
        }
    }
    let out = repo.run(&["search", "refquota"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // A clean run afterwards has nothing to say.
    let out = repo.run(&["search", "refquota"]);
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn an_index_of_another_schema_version_is_rebuilt() {
    let repo = Repo::new();
    repo.index_stats();
    let meta_path = repo.path().join(".mb/index/meta.json");
    let mut meta: Value = serde_json::from_str(&std::fs::read_to_string(&meta_path).unwrap()).unwrap();
    let payload = meta["payload"].as_str().unwrap().replacen("\"schema\":1", "\"schema\":0", 1);
    meta["payload"] = Value::String(payload);
    std::fs::write(&meta_path, serde_json::to_string(&meta).unwrap()).unwrap();
    let out = repo.run(&["search", "refquota"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains("built by another version of mb (schema 0); rebuilt it"));
}

#[test]
fn an_unwritable_mb_folder_still_answers_from_memory() {
    let repo = Repo::new();
    std::fs::write(repo.path().join(".mb"), "a file where the folder should be").unwrap();
    let out = repo.run(&["search", "refquota", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("searching an in-memory index"));
    let hits: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!hits.is_empty());
}

#[test]
fn concurrent_searches_are_safe() {
    let repo = Repo::new();
    let bin = assert_cmd::cargo::cargo_bin("mb");
    let spawn = || {
        std::process::Command::new(&bin)
            .current_dir(repo.path())
            .env("NO_COLOR", "1")
            .args(["search", "refquota", "--json"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let children: Vec<_> = (0..4).map(|_| spawn()).collect();
    let outputs: Vec<Output> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    let first: Vec<Value> = serde_json::from_slice(&outputs[0].stdout).unwrap();
    for out in &outputs {
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let hits: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(locations(&hits), locations(&first));
    }
    let stats = repo.index_stats();
    assert_eq!(stats["unchanged"], 12);
}

#[test]
fn the_mb_folder_ignores_itself_in_git() {
    let repo = Repo::new();
    repo.index_stats();
    let ignore = std::fs::read_to_string(repo.path().join(".mb/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"));
}

#[test]
fn no_refresh_searches_the_index_as_it_is() {
    let repo = Repo::new();
    repo.index_stats();
    repo.write("memory-bank/late.md", "# Late\n\n- The zqxjvoll rollout waits for Monday.\n");
    // Without a refresh the new file is not seen yet; the next plain search sees it.
    let out = repo.run(&["search", "zqxjvoll", "--no-refresh"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(repo.hits(&["zqxjvoll"]).len(), 1);
    assert_eq!(repo.hits(&["zqxjvoll", "--no-refresh"]).len(), 1);
    // On a repository never indexed, it builds the index rather than find nothing.
    let fresh = Repo::new();
    assert!(!fresh.hits(&["refquota", "--no-refresh"]).is_empty());
}
