//! `mb audit` without SSH: the local transport, evaluation of every operator, saved runs,
//! replay and diff, on a small repository made in a temporary folder.

use serde_json::Value;

use crate::common::{CommandOutput, TestEnvironment};

const RULES: &str = r#"# Local checks

```mb-check
id: ini-locking
hosts: all
decision: keep locking none
probe:
  file: "{{ files }}/smb.conf"
  ini: { section: global, key: "fruit:locking" }
expect:
  equals: none
```

```mb-check
id: ini-resource
hosts: all
probe:
  file: "{{ files }}/smb.conf"
  ini: { section: global, key: "fruit:resource" }
expect:
  equals: xattr
```

```mb-check
id: missing-file-absent
hosts: all
probe:
  file: "{{ files }}/enterprise.list"
expect:
  absent: true
```

```mb-check
id: missing-file-equals
hosts: all
probe:
  file: "{{ files }}/nope.conf"
expect:
  equals: anything
```

```mb-check
id: lines-unique
hosts: all
probe:
  file: "{{ files }}/rules.txt"
  lines: '^ACCEPT'
expect:
  unique: true
```

```mb-check
id: json-pointer
hosts: all
probe:
  file: "{{ files }}/options.json"
  json: /enable
expect:
  equals: "1"
```

```mb-check
id: command-status
hosts: all
probe:
  command: "printf 'active\n'; exit 3"
expect:
  equals: active
  exit_status: 3
```

```mb-check
id: command-quoting
hosts: all
probe:
  command: "printf '%s' {{ tricky }}"
expect:
  equals: "it's $(not run)"
```

```mb-check
id: size-units
hosts: all
probe:
  file: "{{ files }}/refquota"
expect:
  size_equals: "{{ quota }}"
```

```mb-check
id: size-unparsable
hosts: all
probe:
  file: "{{ files }}/options.json"
expect:
  size_equals: 3T
```

```mb-check
id: template-missing
hosts: all
probe:
  file: "{{ no_such_var }}/x"
expect:
  present: true
```

```mb-check
id: var-check
hosts: all
probe:
  var: quota
expect:
  one_of: [2T, 3T]
```

```mb-check
id: zfs-missing
hosts: all
probe:
  zfs: { dataset: tank/x, property: refquota }
expect:
  equals: 3T
```

```mb-check
id: only-web
hosts: web
probe:
  var: quota
expect:
  present: true
```
"#;

/// A repository whose one host is this machine (`ansible_connection: local`), with fixture
/// files under `files/`.
fn local_repo() -> TestEnvironment {
    let env = TestEnvironment::new();
    env.write("rules/local.md", RULES);
    env.write("files/smb.conf", "[global]\n  Fruit:Locking = posix\n  fruit:resource = xattr\n");
    env.write("files/rules.txt", "ACCEPT lo\nACCEPT wg0\nDROP all\nACCEPT wg0\n");
    env.write("files/options.json", "{\"enable\": 1, \"policy_out\": \"ACCEPT\"}");
    env.write("files/refquota", "3298534883328\n");
    let inventory = format!(
        "all:\n  hosts:\n    box1:\n      ansible_connection: local\n      files: \"{}\"\n      quota: 3T\n      tricky: \"it's $(not run)\"\n",
        env.work_dir().join("files").display()
    );
    env.write("inventory.yml", inventory);
    env.write("mb.toml", "inventory = \"inventory.yml\"\n");
    env
}

/// `mb audit ARGS --format json`.
fn audit(env: &TestEnvironment, args: &[&str]) -> CommandOutput {
    env.run([&["audit"], args, &["--format", "json"]].concat())
}

fn finding<'a>(report: &'a Value, check: &str) -> &'a Value {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["check"] == check)
        .unwrap_or_else(|| panic!("no finding for {check}"))
}

#[test]
fn every_operator_judges_real_facts() {
    let env = local_repo();
    let out = audit(&env, &[]);
    assert_eq!(out.code(), Some(1), "{out}");
    let report = out.json();
    assert_eq!(report["version"], 1);
    assert_eq!(report["run"], "2026-11-25T19-00-00Z");
    assert_eq!(report["hosts"][0]["name"], "box1");
    assert_eq!(report["hosts"][0]["status"], "ok");
    let status = |c: &str| finding(&report, c)["status"].as_str().unwrap().to_string();
    let locking = finding(&report, "ini-locking");
    assert_eq!(
        (locking["status"].as_str(), locking["expected"].as_str(), locking["actual"].as_str()),
        (Some("fail"), Some("none"), Some("posix"))
    );
    assert_eq!(locking["rule"]["file"], "rules/local.md");
    assert_eq!(locking["rule"]["line"], 4);
    assert_eq!(status("ini-resource"), "pass");
    assert_eq!(status("missing-file-absent"), "pass");
    assert_eq!(status("missing-file-equals"), "fail");
    assert_eq!(finding(&report, "missing-file-equals")["actual"], "absent");
    assert_eq!(status("lines-unique"), "fail");
    assert!(finding(&report, "lines-unique")["message"].as_str().unwrap().contains("`ACCEPT wg0` 2 times"));
    assert_eq!(status("json-pointer"), "pass");
    assert_eq!(status("command-status"), "pass");
    assert_eq!(status("command-quoting"), "pass", "{}", finding(&report, "command-quoting"));
    assert_eq!(status("size-units"), "pass");
    assert_eq!(status("size-unparsable"), "error");
    assert!(finding(&report, "size-unparsable")["message"].as_str().unwrap().contains("is not a size"));
    assert_eq!(status("template-missing"), "error");
    assert!(finding(&report, "template-missing")["message"].as_str().unwrap().contains("no variable `no_such_var`"));
    assert_eq!(status("var-check"), "pass");
    assert_eq!(status("zfs-missing"), "error");
    assert!(finding(&report, "zfs-missing")["message"].as_str().unwrap().contains("zfs is not installed"));
    // `hosts: web` matches no host: not judged, and said so.
    assert!(report["findings"].as_array().unwrap().iter().all(|f| f["check"] != "only-web"));
    assert!(out.stderr.contains("check `only-web`") && out.stderr.contains("match no host"), "{out}");
    let s = &report["summary"];
    assert_eq!((s["hosts"].as_u64(), s["fail"].as_u64(), s["error"].as_u64()), (Some(1), Some(3), Some(3)));
    // Saved facts are left out of the report (they are in the run file).
    assert!(report["hosts"][0].get("facts").is_none());
}

#[test]
fn runs_are_saved_replayed_listed_and_diffed() {
    let env = local_repo();
    let first = audit(&env, &[]).json();
    let saved = env.work_dir().join(".mb/runs/2026-11-25T19-00-00Z.json");
    let run: Value = serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert!(!run["hosts"][0]["facts"].as_array().unwrap().is_empty());
    assert_eq!(run["hosts"][0]["vars"]["quota"], "3T");

    // Fix the drift on the "host", audit again (same second: the id gets -2).
    env.write("files/smb.conf", "[global]\nfruit:locking = none\nfruit:resource = xattr\n");
    let second = audit(&env, &[]).json();
    assert_eq!(second["run"], "2026-11-25T19-00-00Z-2");
    assert_eq!(finding(&second, "ini-locking")["status"], "pass");

    // Replay judges the saved facts, not the file as it is now.
    let out = audit(&env, &["--replay", "2026-11-25T19-00-00Z"]);
    assert_eq!(out.code(), Some(1), "{out}");
    let replay = out.json();
    assert_eq!(finding(&replay, "ini-locking")["status"], "fail");
    assert_eq!(replay["findings"], first["findings"]);

    let out = env.run(["diff", "2026-11-25T19-00-00Z", "2026-11-25T19-00-00Z-2", "--json"]);
    assert_eq!(out.code(), Some(0), "{out}");
    let diff = out.json();
    let resolved: Vec<&str> =
        diff["diff"]["resolved"].as_array().unwrap().iter().map(|f| f["check"].as_str().unwrap()).collect();
    assert_eq!(resolved, ["ini-locking"]);
    assert!(diff["diff"]["new"].as_array().unwrap().is_empty());

    let out = env.run(["runs", "--json"]);
    assert_eq!(out.json().as_array().unwrap().len(), 3, "{out}");
}

#[test]
fn broken_rules_stop_the_audit() {
    let env = local_repo();
    env.write("rules/bad.md", "```mb-check\nid: x\nhosts: all\nprobe: { file: /x }\nexpect: { equalz: 1 }\n```\n");
    let out = audit(&env, &[]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("unknown expectation `equalz`"), "{out}");
}

#[test]
fn no_inventory_is_a_clear_error() {
    let env = local_repo();
    std::fs::remove_file(env.work_dir().join("mb.toml")).unwrap();
    let out = audit(&env, &[]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("no inventory: pass -i PATH"), "{out}");
}

/// The test environment's promise, seen from a command mb runs: a private HOME, UTC, and no
/// agent or CI variables from the machine running the tests.
#[test]
fn mb_runs_in_the_pinned_environment() {
    let env = local_repo();
    env.write(
        "rules/environment.md",
        r#"```mb-check
id: environment
hosts: all
probe:
  command: 'printf "%s %s %s %s %s" "$HOME" "$TZ" "$NO_COLOR" "${SSH_AUTH_SOCK-no-agent}" "${CI-not-ci}"'
expect:
  present: true
```
"#,
    );
    let report = audit(&env, &[]).json();
    assert_eq!(finding(&report, "environment")["actual"], "$TEST_ENV/home UTC 1 no-agent not-ci");
    assert!(env.home().is_dir());
}
