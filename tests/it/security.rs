//! Issue 14: what an attacker or a clumsy user can put into mb's inputs, and what mb must hold
//! against it. One section per item of the issue; each test failed before its fix.

use crate::common::{CommandOutput, TestEnvironment};

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
