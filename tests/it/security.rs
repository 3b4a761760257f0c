//! Issue 14: what an attacker or a clumsy user can put into mb's inputs, and what mb must hold
//! against it. One section per item of the issue; each test failed before its fix.

use crate::common::{CommandOutput, TestEnvironment, git, git_init};

/// A repository whose one host is this machine, with `rules` and extra inventory variables.
fn local_repo(rules: &str, vars: &str) -> TestEnvironment {
    let env = TestEnvironment::new();
    env.write("rules/local.md", rules);
    let inventory = format!("all:\n  hosts:\n    box1:\n      ansible_connection: local\n{vars}");
    env.write("inventory.yml", inventory);
    env.write("mb.toml", "inventory = \"inventory.yml\"\n");
    env
}

fn audit_json(env: &TestEnvironment) -> CommandOutput {
    env.run(["audit", "--format", "json"])
}

// ---- Item 2: no injection through templates, whatever the quoting -------------------------

fn check(id: &str, probe: &str, expect: &str) -> String {
    format!("```mb-check\nid: {id}\nhosts: all\nprobe:\n  {probe}\nexpect:\n  {expect}\n```\n\n")
}

#[test]
fn template_values_are_never_parsed_by_a_shell_whatever_the_quoting() {
    let dir = tempfile::tempdir().unwrap();
    let pwned = dir.path().join("PWNED");
    let payload = format!("x$(touch {})", pwned.display());
    let backticks = format!("y`touch {}`", pwned.display());
    let rules = [
        check("single", "command: \"printf '%s' '{{ payload }}'\"", &format!("equals: '{payload}'")),
        check("double", "command: 'printf \"%s\" \"{{ backticks }}\"'", &format!("equals: '{backticks}'")),
        check("bare", "command: \"printf '%s' {{ payload }}\"", &format!("equals: '{payload}'")),
        check(
            "in-subst",
            "command: \"printf '%s' \\\"$(printf '%s' '{{ payload }}')\\\"\"",
            &format!("equals: '{payload}'"),
        ),
    ]
    .concat();
    let vars = format!("      payload: '{payload}'\n      backticks: '{backticks}'\n");
    let env = local_repo(&rules, &vars);
    let out = audit_json(&env);
    assert!(!pwned.exists(), "a template value ran as shell code:\n{out}");
    let report = out.json();
    for f in report["findings"].as_array().unwrap() {
        assert_eq!(f["status"], "pass", "{f}");
    }
    assert_eq!(out.code(), Some(0), "{out}");
}

#[test]
fn mb_rules_refuses_a_template_it_cannot_make_safe() {
    let rules = check("tick", "command: \"echo `printf '%s' {{ v }}`\"", "equals: x");
    let env = local_repo(&rules, "      v: x\n");
    let out = env.run(["rules"]);
    assert_ne!(out.code(), Some(0), "{out}");
    assert!(out.stderr.contains("unsafe-template"), "{out}");
    assert!(out.stderr.contains("rules/local.md:5:12"), "file:line:col is shown:\n{out}");
}

#[test]
fn a_leading_dash_never_becomes_an_option() {
    let rules = [
        check("svc", "service: \"{{ unit }}\"", "equals: enabled"),
        check("ds", "zfs: { dataset: \"{{ ds }}\", property: refquota }", "equals: 3T"),
    ]
    .concat();
    let env = local_repo(&rules, "      unit: '--version'\n      ds: '-V'\n");
    audit_json(&env);
    let commands: Vec<String> = saved_runs(&env)
        .iter()
        .flat_map(|run| run["hosts"][0]["facts"].as_array().cloned().unwrap_or_default())
        .map(|f| f["probe"]["command"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(commands.contains(&"systemctl is-enabled -- '--version'".to_string()), "{commands:?}");
    assert!(commands.contains(&"zfs get -Hp -o value -- 'refquota' '-V'".to_string()), "{commands:?}");
}

/// Every run file saved in the repository, parsed.
fn saved_runs(env: &TestEnvironment) -> Vec<serde_json::Value> {
    let dir = env.work_dir().join(".mb/runs");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
    paths.sort();
    paths.iter().map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()).collect()
}

// ---- Item 3: nothing from a host, a run file or an inventory can forge Memory Bank content --

const FORGED: &str = "Forged";

/// The example's recorded run, changed by `edit`, saved as `.mb/runs/<id>.json`.
fn crafted_run(env: &TestEnvironment, id: &str, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut run: serde_json::Value = serde_json::from_str(&env.read("ansible/recorded-run.json")).unwrap();
    run["run"] = id.into();
    edit(&mut run);
    let path = format!(".mb/runs/{id}.json");
    env.write(&path, serde_json::to_string_pretty(&run).unwrap());
    path
}

fn first_failure(run: &mut serde_json::Value) -> &mut serde_json::Value {
    run["findings"].as_array_mut().unwrap().iter_mut().find(|f| f["status"] == "fail").unwrap()
}

#[test]
fn a_crafted_run_file_cannot_forge_a_decision() {
    let env = TestEnvironment::with_example();
    let inject = |what: &str| {
        format!(
            "{what}\n\n### Active Decisions & Considerations\n- **{FORGED} {what}:** open the firewall\n<!-- /mb:drift-audit -->\n## x"
        )
    };
    crafted_run(&env, "2026-11-25T19-00-00Z", |run| {
        let f = first_failure(run);
        f["check"] = inject("check").into();
        f["actual"] = inject("actual").into();
        f["expected"] = serde_json::Value::Null;
        f["message"] = inject("message").into();
        f["title"] = inject("title").into();
        f["rule"]["file"] = inject("rules/x.md").into();
    });
    let out = env.run(["record", "latest"]);
    assert_eq!(out.code(), Some(0), "{out}");
    let text = env.read("memory-bank/activeContext.md");
    for line in text.lines() {
        assert!(
            !line.starts_with("- **Forged") && !line.starts_with("### Active Decisions & Considerations\n-"),
            "{line}"
        );
        assert!(!(line.contains(FORGED) && line.trim_start().starts_with('#')), "an injected heading: {line}");
    }
    let decisions = env.run(["decisions"]);
    assert!(!decisions.stdout.contains(FORGED), "{decisions}");
    // mb reads back its own entry whole: one entry, and nothing after it changed.
    assert_eq!(mb::kb::writeback::recorded("f.md", &text).unwrap().len(), 1);
}

#[test]
fn run_ids_and_host_names_are_validated_where_they_enter() {
    let env = TestEnvironment::with_example();
    let bad_host = crafted_run(&env, "2026-11-25T19-00-00Z", |run| {
        run["hosts"][0]["name"] = format!("nas1\n- **{FORGED}:** yes").into();
    });
    let out = env.run(["record", &bad_host]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("2026-11-25T19-00-00Z.json") && out.stderr.contains("host name"), "{out}");
    let bad_id = crafted_run(&env, "2026-11-25T19-00-01Z", |run| {
        run["run"] = "x run=../../etc/passwd -->".into();
    });
    let out = env.run(["record", &bad_id]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("run id"), "{out}");
    let bad_replay = crafted_run(&env, "2026-11-25T19-00-02Z", |run| {
        run["replay_of"] = "`x`\n# y".into();
    });
    let out = env.run(["record", &bad_replay]);
    assert_eq!(out.code(), Some(2), "{out}");

    // An inventory host name with a control character is refused where the inventory loads.
    let env = local_repo("", "");
    env.write("inventory.yml", "all:\n  hosts:\n    \"box1\\n- forged\":\n      ansible_connection: local\n");
    let out = env.run(["hosts"]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("host name"), "{out}");
}

// ---- Item 4: secrets stay out of run files -------------------------------------------------

#[test]
fn private_files_and_secret_checks_leave_only_a_digest_in_the_run() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let private = dir.path().join("credentials");
    std::fs::write(&private, "password = hunter2\n").unwrap();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    // A private file read by a selection: the selected value is as secret as the rest.
    let keyed = dir.path().join("keyed.conf");
    std::fs::write(&keyed, "[db]\npassword = swordfish\n").unwrap();
    std::fs::set_permissions(&keyed, std::fs::Permissions::from_mode(0o600)).unwrap();
    let rules = [
        check("private-file", &format!("file: {}", private.display()), "contains: hunter2"),
        check("private-key", &format!("file: {}\n  ini: {{ section: db, key: password }}", keyed.display()), "equals: x"),
        "```mb-check\nid: secret-token\nhosts: all\nsecret: true\nprobe:\n  command: printf tok%sn 3\nexpect:\n  equals: other\n```\n"
            .to_string(),
    ]
    .concat();
    let env = local_repo(&rules, "");
    let out = audit_json(&env);
    assert_eq!(out.code(), Some(1), "{out}");
    assert!(!out.stdout.contains("tok3n"), "a secret check's value is not reported:\n{out}");
    let runs = saved_runs(&env);
    let text = runs[0].to_string();
    assert!(!text.contains("hunter2") && !text.contains("tok3n") && !text.contains("swordfish"), "{text}");
    assert_eq!(text.matches("\"sha256\"").count(), 3, "{text}");
}

/// The findings of a JSON report as (check, status, actual) triples, in report order.
fn verdicts(report: &serde_json::Value) -> Vec<(String, String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["check"].to_string(), f["status"].to_string(), f["actual"].to_string()))
        .collect()
}

#[test]
fn a_check_that_reads_one_key_saves_that_key_not_the_file() {
    let dir = tempfile::tempdir().unwrap();
    // World-readable, so not private: only the selections keep the secret out.
    let conf = dir.path().join("smb.conf");
    std::fs::write(
        &conf,
        "[global]\n   fruit:locking = none\n   ldap admin password = Sup3rS3cretValue\n   workgroup = HOME\n",
    )
    .unwrap();
    let json = dir.path().join("settings.json");
    std::fs::write(&json, r#"{"mode": "strict", "token": "T0kenS3cretValue"}"#).unwrap();
    let file = conf.display();
    let rules = [
        check(
            "ini-key",
            &format!("file: {file}\n  ini: {{ section: global, key: \"fruit:locking\" }}"),
            "equals: none",
        ),
        check("ini-missing", &format!("file: {file}\n  ini: {{ section: global, key: nosuch }}"), "present: true"),
        check("lines", &format!("file: {file}\n  lines: workgroup"), "contains: HOME"),
        check("json", &format!("file: {}\n  json: /mode", json.display()), "equals: lax"),
    ]
    .concat();
    let env = local_repo(&rules, "");
    let live = audit_json(&env);
    assert_eq!(live.code(), Some(1), "{live}");
    let paths: Vec<_> = std::fs::read_dir(env.work_dir().join(".mb/runs")).unwrap().flatten().collect();
    assert_eq!(paths.len(), 1);
    let raw = std::fs::read(paths[0].path()).unwrap();
    for secret in ["Sup3rS3cretValue", "T0kenS3cretValue"] {
        assert!(
            !raw.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "the run file holds a value no check selected ({secret}):\n{}",
            String::from_utf8_lossy(&raw)
        );
    }
    // The selections are enough to judge the same checks again, the same way.
    let replayed = env.run(["audit", "--replay", "latest", "--format", "json"]);
    assert_eq!(replayed.code(), Some(1), "{replayed}");
    assert_eq!(verdicts(&replayed.json()), verdicts(&live.json()), "{replayed}");
    // A check the run did not select for cannot be judged from it: a skip that says so.
    env.write(
        "rules/local.md",
        check("other-key", &format!("file: {file}\n  ini: {{ section: global, key: workgroup }}"), "equals: HOME"),
    );
    let other = env.run(["audit", "--replay", "latest", "--format", "json"]);
    let finding = &other.json()["findings"][0];
    assert_eq!(finding["status"], "skip", "{other}");
    assert!(finding["message"].as_str().unwrap().contains("did not save"), "{other}");
}

#[test]
fn run_files_and_the_state_folder_are_private() {
    use std::os::unix::fs::PermissionsExt as _;
    let env = local_repo(&check("v", "var: v", "equals: x"), "      v: x\n");
    audit_json(&env);
    let mode = |p: &str| std::fs::metadata(env.work_dir().join(p)).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(".mb"), 0o700);
    assert_eq!(mode(".mb/runs"), 0o700);
    assert_eq!(mode(".mb/runs/2026-11-25T19-00-00Z.json"), 0o600);
}

#[test]
fn old_runs_are_pruned_past_runs_keep() {
    let env = local_repo(&check("v", "var: v", "equals: x"), "      v: x\n");
    env.write("mb.toml", "inventory = \"inventory.yml\"\n[runs]\nkeep = 2\n");
    for _ in 0..3 {
        assert_eq!(audit_json(&env).code(), Some(0));
    }
    let ids: Vec<String> = saved_runs(&env).iter().map(|r| r["run"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, ["2026-11-25T19-00-00Z-2", "2026-11-25T19-00-00Z-3"]);
    env.write("mb.toml", "inventory = \"inventory.yml\"\n[runs]\nkeep = 0\n");
    assert_eq!(audit_json(&env).code(), Some(2), "keep = 0 would delete the run just saved");
}

// ---- Item 5: no run is lost ------------------------------------------------------------------

#[test]
fn ten_audits_in_the_same_second_each_keep_their_run() {
    let env = local_repo(&check("v", "var: v", "equals: x"), "      v: x\n");
    let children: Vec<_> = (0..10)
        .map(|_| {
            let mut cmd = env.command(["audit", "--format", "json"]);
            cmd.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
            cmd.spawn().unwrap()
        })
        .collect();
    for mut child in children {
        assert_eq!(child.wait().unwrap().code(), Some(0));
    }
    let mut ids: Vec<String> = saved_runs(&env).iter().map(|r| r["run"].as_str().unwrap().to_string()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 10, "{ids:?}");
}

#[test]
fn latest_is_the_newest_run_and_other_files_are_not_runs() {
    let env = local_repo(&check("v", "var: v", "equals: x"), "      v: x\n");
    for _ in 0..10 {
        audit_json(&env);
    }
    env.write(".mb/runs/zz-notes.json", "{}");
    env.write(".mb/runs/.2026-11-25T19-00-00Z-11.json.1.tmp", "{}");
    let out = env.run(["audit", "--replay", "latest", "--no-save", "--format", "json"]);
    assert_eq!(out.json()["replay_of"], "2026-11-25T19-00-00Z-10", "{out}");
}

// ---- Item 6: no panic, no hang, no unbounded allocation on any input ---------------------

#[test]
fn a_malformed_run_file_is_an_error_naming_it_and_other_runs_still_list() {
    let env = TestEnvironment::with_example();
    crafted_run(&env, "2026-11-25T19-00-00Z", |_| {});
    let bad = crafted_run(&env, "2026-11-25T18-00-00Z", |run| {
        run["hosts"][0]["facts"][0]["fact"] = serde_json::json!({"state": "file", "content": {"hex": "aé00"}});
    });
    crafted_run(&env, "2026-11-25T17-00-00Z", |run| {
        run["hosts"][0]["status"] = serde_json::json!("exploded");
    });
    // `mb runs` reads what it lists (hosts and summary) and skips the facts: the run with a
    // broken host is named, the one with a broken fact lists, and replaying it is refused.
    let out = env.run(["runs"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(out.stdout.contains("2026-11-25T19-00-00Z"), "{out}");
    assert!(out.stderr.contains("2026-11-25T17-00-00Z.json"), "{out}");
    let out = env.run(["audit", "--replay", &bad]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("2026-11-25T18-00-00Z.json"), "{out}");
}

#[test]
fn absurd_numbers_are_refused_with_a_clear_message() {
    let env = local_repo(&check("v", "var: v", "equals: x"), "      v: x\n");
    for args in [
        &["audit", "-j", "0"][..],
        &["audit", "-j", "100000000"],
        &["audit", "--timeout", "0"],
        &["audit", "--timeout", "18446744073709551615"],
        &["audit", "--connect-timeout", "0"],
        &["search", "-n", "0", "samba"],
        &["search", "-n", "1000000000", "samba"],
    ] {
        let out = env.run(args);
        assert_eq!(out.code(), Some(2), "{args:?}: {out}");
        assert!(out.stderr.contains("invalid value"), "{args:?}: {out}");
    }
    env.write("mb.toml", "inventory = \"inventory.yml\"\n[audit]\njobs = 0\n");
    let out = env.run(["audit"]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("jobs"), "{out}");
}

#[test]
fn nested_host_ranges_are_capped() {
    let env = local_repo("", "");
    env.write("inventory.yml", "all:\n  hosts:\n    \"a[0:1999]b[0:1999]\":\n");
    let started = std::time::Instant::now();
    let out = env.run(["hosts"]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("1000000"), "{out}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn a_record_mark_names_only_runs_in_mb_runs() {
    let mut env = TestEnvironment::with_example();
    env.set_now("2026-11-25T19:00:00Z");
    // A run file outside .mb/runs, named by a hand-edited (or crafted) mark.
    let elsewhere = crafted_run(&env, "2026-11-20T10-00-00Z", |_| {});
    std::fs::create_dir_all(env.work_dir().join("elsewhere")).unwrap();
    std::fs::rename(env.work_dir().join(&elsewhere), env.work_dir().join("elsewhere/old.json")).unwrap();
    crafted_run(&env, "2026-11-25T19-00-00Z", |_| {});
    let active = env.read("memory-bank/activeContext.md");
    let at = active.find("\n## 2025-11-20").unwrap() + 1;
    let mark = "## Drift audit (2026-11-20)\n<!-- mb:drift-audit date=2026-11-20 run=elsewhere/old.json: written by mb -->\nold\n<!-- /mb:drift-audit -->\n\n---\n\n";
    env.write("memory-bank/activeContext.md", format!("{}{mark}{}", &active[..at], &active[at..]));
    let out = env.run(["record", "latest"]);
    assert_eq!(out.code(), Some(0), "{out}");
    let text = env.read("memory-bank/activeContext.md");
    assert!(text.contains("Cannot tell: run `elsewhere/old.json`"), "{text}");
}

// ---- Fuzz-style properties: every input mb reads from outside -------------------------------

mod inputs {
    use proptest::prelude::*;

    /// Fragments that move these formats into their corners.
    const TOKENS: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        "\"",
        "'",
        "\n",
        "\r\n",
        "\t",
        " ",
        "#",
        "=",
        "-",
        "\\",
        "é",
        "\u{0}",
        "\u{1b}",
        "\"hex\"",
        "\"state\"",
        "\"file\"",
        "\"run\"",
        "\"version\": 1",
        "1",
        "0",
        "99999999999999999999",
        "a[0:9]",
        "[a:z]",
        "[01:99:0]",
        "~",
        "!",
        "&",
        "*",
        "all",
        "hosts",
        "vars",
        "children",
        "@cert-authority",
        "@revoked",
        "|1|",
        "ssh-ed25519",
        "AAAA",
        "[audit]",
        "jobs",
        "timeout",
        "[runs]",
        "keep",
        "true",
        "null",
    ];

    fn tokens() -> impl Strategy<Value = String> {
        proptest::collection::vec(0..TOKENS.len(), 0..80).prop_map(|ix| ix.into_iter().map(|i| TOKENS[i]).collect())
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![tokens(), "\\PC{0,200}"]
    }

    /// Writes `text` to a file named `name` in a fresh folder.
    fn file(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    /// The example's recorded run, with `text` spliced in at `at`.
    fn mangled_run(text: &str, at: usize) -> String {
        let run = include_str!("../../ansible/recorded-run.json");
        let mut at = at % run.len();
        while !run.is_char_boundary(at) {
            at -= 1;
        }
        format!("{}{text}{}", &run[..at], &run[at..])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn run_files(text in text(), at in any::<usize>()) {
            for candidate in [text.clone(), mangled_run(&text, at)] {
                let (_dir, path) = file("2026-11-25T19-00-00Z.json", &candidate);
                if let Ok(run) = mb::audit::run::read(&path) {
                    prop_assert!(mb::audit::run::is_id(&run.run));
                    for h in &run.hosts {
                        prop_assert!(!h.name.chars().any(char::is_control));
                    }
                }
            }
        }

        #[test]
        fn inventories(text in text(), yaml in any::<bool>()) {
            let (_dir, path) = file(if yaml { "hosts.yml" } else { "hosts" }, &text);
            if let Ok(inventory) = mb::inventory::Inventory::load(&path) {
                prop_assert!(inventory.hosts.len() <= 1_000_000);
                for h in &inventory.hosts {
                    prop_assert!(mb::inventory::check_host_name(&h.name).is_ok(), "{:?}", h.name);
                }
            }
        }

        #[test]
        fn known_hosts_files(text in text(), bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let path = std::path::Path::new("known_hosts");
            let _ = mb::probe::known_hosts::KnownHosts::parse(path, text.as_bytes());
            let _ = mb::probe::known_hosts::KnownHosts::parse(path, &bytes);
        }

        #[test]
        fn mb_toml(text in text()) {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("mb.toml"), &text).unwrap();
            let _ = mb::config::Config::load(dir.path());
        }

        #[test]
        fn host_patterns(text in text()) {
            let _ = mb::inventory::HostPattern::parse(&text);
            let (_dir, path) = file("hosts", &format!("[g]\n{text}\n"));
            let _ = mb::inventory::Inventory::load(&path);
        }
    }
}

// ---- Item 7: files are what they claim --------------------------------------------------------

#[test]
fn mb_record_never_writes_through_a_symlink_out_of_the_repository() {
    let env = TestEnvironment::with_example();
    crafted_run(&env, "2026-11-25T19-00-00Z", |_| {});
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.md");
    std::fs::write(&victim, "# not yours\n").unwrap();
    let active = env.work_dir().join("memory-bank/activeContext.md");
    std::fs::remove_file(&active).unwrap();
    std::os::unix::fs::symlink(&victim, &active).unwrap();
    let out = env.run(["record", "latest"]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("outside the repository"), "{out}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "# not yours\n");

    // A link inside the repository is fine.
    std::fs::remove_file(&active).unwrap();
    std::fs::write(env.work_dir().join("memory-bank/real.md"), "# Active Context\n").unwrap();
    std::os::unix::fs::symlink("real.md", &active).unwrap();
    let out = env.run(["record", "latest"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(env.read("memory-bank/real.md").contains("Drift audit"));
}

/// Item 9: control and escape sequences from the Memory Bank and rule titles are shown
/// escaped, never sent to the terminal — with colours on, as on a terminal, where nothing
/// strips them on the way out.
#[test]
fn escape_sequences_from_files_never_reach_the_terminal() {
    let env = TestEnvironment::new();
    env.write(
        "memory-bank/activeContext.md",
        "# Context\n\n## 2026-11-20 — Samba\n\n### Decisions\n\n- Keep fruit:locking = none \x1b[2J\x1b]0;owned\x07 for Time Machine.\n\n\
         **Fruit settings \x1b[2J\x1b]0;owned\x07 kept for the Macs in the office:**\n\n- Reviewed every quarter.\n",
    );
    env.write(
        "rules/samba.md",
        "# Samba\n\n```mb-check\nid: samba-locking\ntitle: \"Locking \\e[31mred\\e[0m\"\nhosts: all\ndecision: \"Keep fruit:locking = none\"\nprobe:\n  var: fruit_locking\nexpect:\n  equals: none\n```\n",
    );
    // A table row's cells, which become its text and its fields.
    env.write(
        "memory-bank/techContext.md",
        "# Tech\n\n## Key Technical Decisions\n\n| Area | Choice | Why |\n|---|---|---|\n\
         | Samba \x1b]0;owned\x07 | fruit \x1b[2J locking | \x1b[31mred |\n",
    );
    env.write("hosts.ini", "nas1 fruit_locking=posix\n");
    let planted = ["\x1b[2J", "\x1b]0;owned", "\x07", "\x1b[31mred"];
    for args in [
        vec!["--color", "always", "decisions"],
        vec!["--color", "always", "decisions", "--all"],
        vec!["--color", "always", "rules"],
        vec!["--color", "always", "search", "fruit"],
        vec!["--color", "always", "audit", "-i", "hosts.ini", "--no-save"],
    ] {
        let out = env.run(args.clone());
        for seq in planted {
            assert!(!out.stdout.contains(seq) && !out.stderr.contains(seq), "{args:?} let {seq:?} through: {out}");
        }
    }
    let out = env.run(["decisions"]);
    assert!(out.stdout.contains("\\x1b[2J"), "shown escaped: {out}");
    assert!(out.stdout.contains("Samba \\x1b]0;owned\\x07: fruit \\x1b[2J locking"), "a table row, escaped: {out}");
    // A bold pseudo-heading is a search unit too, escaped as every other.
    let out = env.run(["search", "macs office"]);
    assert!(out.stdout.contains("Fruit settings \\x1b[2J\\x1b]0;owned\\x07 kept"), "a bold title, escaped: {out}");
}

/// Text that reorders itself on a terminal (a bidirectional override, `U+202E`, as in "Trojan
/// Source") is shown escaped, as control characters are: `Use \u{202e}gpj.exe` would read
/// `Use exe.jpg` on screen.
#[test]
fn bidirectional_overrides_from_files_never_reach_the_terminal() {
    let env = TestEnvironment::new();
    env.write(
        "memory-bank/activeContext.md",
        "# Context\n\n## 2026-11-20 — Samba\n\n### Decisions\n\n- Keep fruit:locking = \u{202e}enon\u{202c} for Time Machine.\n",
    );
    for args in [vec!["decisions"], vec!["decisions", "--all"], vec!["search", "locking"]] {
        let out = env.run(args.clone());
        assert!(!out.stdout.contains('\u{202e}') && !out.stdout.contains('\u{202c}'), "{args:?} let it through: {out}");
    }
    let out = env.run(["decisions"]);
    assert!(out.stdout.contains("\\u{202e}enon\\u{202c}"), "shown escaped: {out}");
}

/// Item 7: Memory Bank, rule and index inputs are what they claim. A FIFO would block the read
/// for ever, a huge file exhaust memory, a link out of the repository bring in a file nobody
/// reviewed, and a folder link back up would loop: each is skipped with a warning naming it.
#[test]
fn fifos_huge_files_links_out_and_loops_are_skipped_with_a_warning() {
    let env = TestEnvironment::new();
    env.write(
        "memory-bank/activeContext.md",
        "# Context\n\n## 2026-11-20 — Samba\n\n- Decision: keep fruit:locking = none.\n",
    );
    env.write("rules/samba.md", "# Samba\n\n```mb-check\nid: samba-locking\nhosts: all\nprobe:\n  var: fruit_locking\nexpect:\n  equals: none\n```\n");
    let bank = env.work_dir().join("memory-bank");
    let fifo = bank.join("pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    std::fs::write(bank.join("huge.md"), vec![b'x'; (64 << 20) + 1]).unwrap();
    let outside = env.root().join("outside.md");
    std::fs::write(&outside, "- Decision: nobody reviewed this = yes.\n").unwrap();
    std::os::unix::fs::symlink(&outside, bank.join("linked.md")).unwrap();
    std::os::unix::fs::symlink("..", bank.join("loop")).unwrap();
    std::os::unix::fs::symlink(&fifo, env.work_dir().join("rules/pipe.md")).unwrap();

    let run = |args: &[&str]| {
        let mut cmd = env.command(args);
        let mut child = cmd.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap();
        // A read of the FIFO would never end: give up after 20 s and say so.
        for _ in 0..200 {
            if child.try_wait().unwrap().is_some() {
                return env.capture(child.wait_with_output().unwrap());
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let _ = child.kill();
        panic!("mb {args:?} hung on a FIFO");
    };
    let out = run(&["decisions"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert_eq!(out.stdout.matches("fruit:locking").count(), 1, "the real decision, once: {out}");
    assert!(!out.stdout.contains("nobody reviewed"), "{out}");
    for name in
        ["pipe.md: is not a regular file", "huge.md: is larger than 64 MiB", "linked.md: leads outside the repository"]
    {
        assert!(out.stderr.contains(name), "no warning for {name}: {out}");
    }
    let out = run(&["rules"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(out.stderr.contains("rules/pipe.md: is not a regular file"), "{out}");
    let out = run(&["search", "reviewed"]);
    assert!(!out.stdout.contains("nobody reviewed"), "a file outside the repository was indexed: {out}");
    let out = run(&["search", "fruit"]);
    assert_eq!(out.code(), Some(0), "{out}");
}

/// Core files kept at the repository's root are the bank's files, and as hostile as any: a
/// link out of the repository, a FIFO and a file over 64 MiB named like a core file are
/// skipped with a warning by `mb decisions` and left out of `mb search`, with no hang.
#[test]
fn core_files_at_the_root_that_lead_out_block_or_swell_are_skipped() {
    let env = TestEnvironment::new();
    env.write("projectbrief.md", "# Brief\n\n## Key Decisions\n\n- Run k3s on three nodes.\n");
    let root = env.work_dir();
    let outside = env.root().join("outside.md");
    std::fs::write(&outside, "# Outside\n\n## Decisions\n\n- Nobody reviewed this one.\n").unwrap();
    std::os::unix::fs::symlink(&outside, root.join("productContext.md")).unwrap();
    assert!(std::process::Command::new("mkfifo").arg(root.join("progress.md")).status().unwrap().success());
    std::fs::write(root.join("techContext.md"), vec![b'x'; (64 << 20) + 1]).unwrap();
    let run = |args: &[&str]| {
        let mut child = env
            .command(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        for _ in 0..200 {
            if child.try_wait().unwrap().is_some() {
                return env.capture(child.wait_with_output().unwrap());
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let _ = child.kill();
        panic!("mb {args:?} hung");
    };
    let out = run(&["decisions"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(out.stdout.contains("Run k3s on three nodes") && !out.stdout.contains("Nobody reviewed"), "{out}");
    for name in ["productContext.md: leads outside the repository", "techContext.md: is larger than 64 MiB"] {
        assert!(out.stderr.contains(name), "no warning for {name}: {out}");
    }
    let out = run(&["search", "reviewed"]);
    assert!(!out.stdout.contains("Nobody reviewed"), "a file outside the repository was indexed: {out}");
}

/// The root's `.clinerules`, read as the bank's journal when the bank keeps none, is read only
/// as a plain file: a link (out of the repository, or anywhere) is not read as the journal,
/// and a FIFO of that name is no file to wait on.
#[test]
fn a_root_journal_that_leads_out_or_blocks_is_skipped() {
    let env = TestEnvironment::new();
    env.write("memory-bank/activeContext.md", "# Active Context\n\n## Decisions\n\n- Use Caddy.\n");
    let outside = env.root().join("outside-journal.md");
    std::fs::write(&outside, "# Journal\n\n## Patterns\n\n- Nobody reviewed this one.\n").unwrap();
    std::os::unix::fs::symlink(&outside, env.work_dir().join(".clinerules")).unwrap();
    let out = env.run(["decisions"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(out.stdout.contains("Use Caddy") && !out.stdout.contains("Nobody reviewed"), "{out}");
    let out = env.run(["decisions", "--all", "--json"]);
    assert!(!out.stdout.contains("Nobody reviewed"), "{out}");
    std::fs::remove_file(env.work_dir().join(".clinerules")).unwrap();
    assert!(std::process::Command::new("mkfifo").arg(env.work_dir().join(".clinerules")).status().unwrap().success());
    let mut child = env.command(["decisions"]).stdout(std::process::Stdio::piped()).spawn().unwrap();
    for _ in 0..200 {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success());
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    panic!("mb decisions hung on a FIFO named .clinerules");
}

/// The walk that names folders holding a bank elsewhere, when the repository has none, follows
/// no link (a loop, a folder outside the repository), counts a FIFO or a link named as a core
/// file as nothing and never opens one, and ends.
#[test]
fn the_walk_naming_banks_elsewhere_follows_no_link_and_opens_no_file() {
    let env = TestEnvironment::new();
    let outside = env.root().join("outside-bank");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("activeContext.md"), "# Active Context\n").unwrap();
    std::fs::write(outside.join("progress.md"), "# Progress\n").unwrap();
    let work = env.work_dir();
    std::fs::create_dir_all(work.join("notes")).unwrap();
    std::os::unix::fs::symlink("..", work.join("notes/loop")).unwrap();
    std::os::unix::fs::symlink(&outside, work.join("linked-bank")).unwrap();
    std::fs::create_dir_all(work.join("pipes")).unwrap();
    for name in ["activeContext.md", "progress.md"] {
        assert!(std::process::Command::new("mkfifo").arg(work.join("pipes").join(name)).status().unwrap().success());
    }
    std::os::unix::fs::symlink(outside.join("progress.md"), work.join("notes/progress.md")).unwrap();
    std::fs::write(work.join("notes/activeContext.md"), "# Active Context\n").unwrap();
    // (A folder called as a bank is named only for a Markdown file in it: a FIFO or a link
    // under such a name is none, and is not opened.)
    std::fs::create_dir_all(work.join("app/memorybank")).unwrap();
    assert!(std::process::Command::new("mkfifo").arg(work.join("app/memorybank/notes.md")).status().unwrap().success());
    std::os::unix::fs::symlink(outside.join("progress.md"), work.join("app/memorybank/linked.md")).unwrap();
    let mut child = env.command(["decisions"]).stderr(std::process::Stdio::piped()).spawn().unwrap();
    for _ in 0..200 {
        if child.try_wait().unwrap().is_some() {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{stderr}");
            assert!(stderr.contains("no Memory Bank at"), "{stderr}");
            assert!(
                !stderr.contains("linked-bank")
                    && !stderr.contains("pipes")
                    && !stderr.contains("notes")
                    && !stderr.contains("memorybank"),
                "{stderr}"
            );
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    panic!("mb decisions hung walking for banks elsewhere");
}

/// A Memory Bank linked in from outside the repository is skipped (in CI it would bring a
/// runner's files into the report), but a folder outside the repository that the user names
/// on the command line is read as given; links under it still stay inside it.
#[test]
fn a_folder_named_outside_the_repository_is_read_but_a_linked_bank_is_not() {
    let env = TestEnvironment::new();
    env.write("README.md", "repository\n");
    let outside = env.root().join("elsewhere/memory-bank");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("decisionLog.md"), "# Log\n\n## Decisions\n\n- Use Traefik in front of the wiki.\n")
        .unwrap();
    let secret = env.root().join("secret");
    std::fs::create_dir_all(&secret).unwrap();
    std::fs::write(secret.join("keys.md"), "- Decision: nobody reviewed this.\n").unwrap();
    std::os::unix::fs::symlink(&secret, outside.join("linked")).unwrap();
    std::os::unix::fs::symlink(&outside, env.work_dir().join("memory-bank")).unwrap();

    let out = env.run(["decisions", outside.to_str().unwrap()]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(out.stdout.contains("Use Traefik in front of the wiki."), "{out}");
    assert!(!out.stdout.contains("nobody reviewed"), "{out}");
    assert!(out.stderr.contains("linked: a folder outside the repository (through a symlink); skipped"), "{out}");
    let relative = env.run(["decisions", "../elsewhere/memory-bank"]);
    assert!(relative.stdout.contains("Use Traefik in front of the wiki."), "{relative}");

    let out = env.run(["decisions"]);
    assert!(!out.stdout.contains("Traefik"), "the linked bank was read: {out}");
    assert!(out.stderr.contains("memory-bank: a folder outside the repository (through a symlink); skipped"), "{out}");
    // Nor does the search index read it, nor rules linked in from outside.
    std::os::unix::fs::symlink(&outside, env.work_dir().join("rules")).unwrap();
    let out = env.run(["search", "traefik", "--json"]);
    assert_eq!(out.code(), Some(1), "nothing found: {out}");
}

/// Processes whose command line holds `needle`.
fn processes_running(needle: &str) -> Vec<String> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| std::fs::read(e.path().join("cmdline")).ok())
        .map(|c| String::from_utf8_lossy(&c).replace('\0', " "))
        .filter(|c| c.contains(needle))
        .collect()
}

/// Item 8: when a host's `--timeout` fires, the probe script and every child it started end
/// (its deadline kills the whole process group), and mb itself is not in that group.
#[test]
fn a_timeout_ends_the_script_and_every_child_it_started() {
    // A command that outlives the timeout, and a child of it that would outlive the command.
    let id = std::process::id();
    let marker = format!("mb-timeout-{id}");
    let (a, b) = (format!("sleep 297.{id}"), format!("sleep 298.{id}"));
    let command = format!("sh -c '{a} & {b}; : {marker}'");
    let rules = check("slow", &format!("command: \"{command}\""), "exit_status: 0");
    let env = local_repo(&rules, "");
    let out = env.run(["audit", "--format", "json", "--timeout", "1", "--no-save"]);
    assert_eq!(out.code(), Some(3), "{out}");
    assert_eq!(out.json()["hosts"][0]["status"], "timeout", "{out}");
    // The script's deadline is the timeout plus two seconds, checked every second.
    let mut left = processes_running(&marker);
    for _ in 0..60 {
        if left.is_empty() && processes_running(&a).is_empty() && processes_running(&b).is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        left = processes_running(&marker);
    }
    assert!(left.is_empty(), "still running after the deadline: {left:?}");
    let sleeps = [processes_running(&a), processes_running(&b)].concat();
    assert!(sleeps.is_empty(), "children left behind: {sleeps:?}");
}

/// Item 8 over SSH: a command still running on a real sshd host when the timeout fires ends
/// there too — the script's own deadline kills its process group on the host.
#[test]
fn a_timeout_ends_the_command_on_the_remote_host() {
    use crate::audit::{Repo, ZD1};
    use crate::fleet::{Fleet, FleetHost, Kind};
    let fleet = Fleet::start(&[FleetHost { name: "zd1", address: ZD1, kind: Kind::Tree("zd1") }]);
    let repo = Repo::new(&fleet, &[("zd1", "proxmox", ZD1, fleet.port, "")]);
    fleet.write_known_hosts(&repo.known_hosts(), &[fleet.known_line(ZD1)]);
    let seconds = 2000 + std::process::id() % 997;
    let rules = check("remote-slow", &format!("command: \"sleep {seconds}\""), "exit_status: 0")
        .replace("hosts: all", "hosts: zd1");
    repo.env.write("rules/slow.md", format!("# Slow\n\n{rules}"));
    let out = repo.run(&["--format", "json", "--timeout", "2", "--no-save", "-l", "zd1"]);
    assert_eq!(out.json()["hosts"][0]["status"], "timeout", "{out}");
    let needle = format!("sleep {seconds}");
    let mut left = processes_running(&needle);
    for _ in 0..80 {
        if left.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        left = processes_running(&needle);
    }
    assert!(left.is_empty(), "still running on the host after the deadline: {left:?}");
}

// ---- Item 11: bounded memory for big answers ----------------------------------------------

#[test]
fn the_output_cap_counts_content_not_its_hex() {
    const CAP: usize = 16 << 20;
    let dir = tempfile::tempdir().unwrap();
    for (name, size, within) in [("under", CAP - 4096, true), ("over", CAP + 1, false)] {
        let path = dir.path().join(name);
        let mut content = b"needle\n".to_vec();
        content.resize(size, b'x');
        std::fs::write(&path, &content).unwrap();
        let env = local_repo(&check(name, &format!("file: {}", path.display()), "contains: needle"), "");
        let out = env.run(["audit", "--format", "json", "--no-save"]);
        let report = out.json();
        let host = &report["hosts"][0];
        if within {
            assert_eq!(host["status"], "ok", "a file just under 16 MiB is read: {host}");
            assert_eq!(report["findings"][0]["status"], "pass", "{out}");
        } else {
            assert_eq!(host["status"], "error", "{host}");
            assert!(host["error"].as_str().unwrap().contains("more than 16 MiB of content"), "{host}");
        }
    }
}

/// Found by review: a link in the bank to the repository's own `.git/config` (or its `.git`
/// folder) printed git's configuration — a remote's URL may hold a token — in `mb decisions`
/// and the search index. Links into `.git` are skipped with a warning, as links out of the
/// repository are.
#[test]
fn a_link_into_the_git_folder_is_never_read() {
    let env = TestEnvironment::new();
    env.write("memory-bank/activeContext.md", "# Active\n\n## Decisions\n\n- Use Caddy in front of the wiki.\n");
    git_init(env.work_dir());
    git(env.work_dir(), &["remote", "add", "origin", "https://ops:tok3n-s3cret@git.example/fleet.git"]);
    std::os::unix::fs::symlink("../.git/config", env.work_dir().join("memory-bank/remote.md")).unwrap();
    std::os::unix::fs::symlink("../.git", env.work_dir().join("memory-bank/gitdir")).unwrap();
    for args in [vec!["decisions", "--all"], vec!["search", "tok3n"], vec!["search", "origin"]] {
        let out = env.run(args.clone());
        assert!(!out.stdout.contains("tok3n") && !out.stdout.contains("[remote"), "{args:?}: {out}");
    }
    let out = env.run(["decisions", "--all"]);
    assert!(out.stdout.contains("Use Caddy in front of the wiki."), "{out}");
    assert!(out.stderr.contains("remote.md: leads into the repository's .git folder; skipped"), "{out}");
    assert!(out.stderr.contains("gitdir: the repository's .git folder (through a symlink); skipped"), "{out}");
    // Found by the twelfth session's review: the root's `.clinerules` rule file linked to
    // `.git/config` was indexed and printed by `mb search` (`mb rules` and `mb decisions`
    // skipped it).
    std::os::unix::fs::symlink(".git/config", env.work_dir().join(".clinerules")).unwrap();
    for args in [vec!["decisions", "--all"], vec!["search", "tok3n"], vec!["search", "origin"], vec!["rules"]] {
        let out = env.run(args.clone());
        assert!(!out.stdout.contains("tok3n") && !out.stdout.contains("[remote"), "{args:?}: {out}");
    }
}

/// A bank whose only file is too large to read says so, and names no bank elsewhere: before, it
/// said "no Markdown file" and named the very folder it had skipped (found by review).
#[test]
fn a_bank_of_one_file_too_large_to_read_says_so_and_names_itself_nowhere() {
    let env = TestEnvironment::new();
    std::fs::create_dir_all(env.work_dir().join("memory-bank")).unwrap();
    std::fs::write(env.work_dir().join("memory-bank/activeContext.md"), vec![b'x'; (64 << 20) + 1]).unwrap();
    let out = env.run(["decisions"]);
    assert!(out.stderr.contains("activeContext.md: is larger than 64 MiB"), "{out}");
    assert!(!out.stderr.contains("Memory Bank files are in"), "{out}");
}

/// The note naming the banks beside the one read takes its names from the repository's tree:
/// a folder named to forge a line of mb's output (`mods⏎error: run this`) or to hold terminal
/// escapes is shown on one line with its control characters escaped, given no command, and
/// stdout stays the listing alone.
#[test]
fn the_note_naming_banks_beside_the_one_read_escapes_what_the_tree_names() {
    let env = TestEnvironment::new();
    env.write("memory-bank/activeContext.md", "# Active Context\n\n## Decisions\n\n- Use Caddy.\n");
    env.write("mods\nerror: run this/memory-bank/activeContext.md", "# Active Context\n");
    env.write("tty\u{1b}[2J/memory-bank/activeContext.md", "# Active Context\n");
    let out = env.run(["decisions"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(out.stderr.contains("`mods\\nerror: run this/memory-bank`"), "{out}");
    assert!(!out.stderr.contains('\u{1b}') && !out.stderr.lines().any(|l| l.starts_with("error:")), "{out}");
    assert!(!out.stderr.contains("give the folder, `mb decisions mods"), "{out}");
    assert!(out.stdout.contains("Use Caddy") && !out.stdout.contains("mods"), "{out}");
}
