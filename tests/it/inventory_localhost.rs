//! Ansible's implicit localhost: a pattern naming `localhost`, `127.0.0.1` or `::1` that
//! matches no group or host selects the controller, reached locally, in no group (so never
//! by `all`), with `all`'s variables and its own `host_vars/`. Each expectation was checked
//! with `ansible PATTERN --list-hosts` and `ansible-inventory --host` on the same fixture
//! (`tests/fixtures/inventory-localhost/`).

use mb::inventory::{Connection, HostPattern, Inventory, Var};
use serde_json::json;

use crate::common::{TestEnvironment, fixture};

fn inventory() -> Inventory {
    Inventory::load(&fixture("inventory-localhost").join("hosts.ini")).unwrap()
}

fn select(inv: &Inventory, pattern: &str) -> Vec<String> {
    inv.select(&HostPattern::parse(pattern).unwrap()).iter().map(|h| h.name.clone()).collect()
}

#[test]
fn naming_localhost_selects_the_implicit_one_and_nothing_else_does() {
    for name in ["localhost", "127.0.0.1", "::1"] {
        assert_eq!(select(&inventory(), name), [name], "a fresh inventory answers to {name}");
    }
    let inv = inventory();
    assert_eq!(select(&inv, "all"), ["nas", "web1"], "not a member of `all`");
    assert_eq!(select(&inv, "ungrouped"), ["nas"], "nor of `ungrouped`");
    assert_eq!(select(&inv, "!web"), ["nas"]);
    assert_eq!(select(&inv, "web:localhost"), ["web1", "localhost"]);
    assert_eq!(select(&inv, "localhost[0]"), ["localhost"]);
    for nothing in ["local*", "~local", "localhost:&all", "localhost:!localhost"] {
        assert!(select(&inv, nothing).is_empty(), "{nothing} selects nothing");
    }
    // One implicit localhost per run, under whichever name was asked first.
    assert_eq!(select(&inv, "localhost,127.0.0.1"), ["localhost"]);
    assert_eq!(select(&inv, "::1"), ["localhost"]);
}

#[test]
fn its_variables_are_alls_then_local_then_its_host_vars() {
    let inv = inventory();
    let host = inv.select(&HostPattern::parse("localhost").unwrap())[0].clone();
    assert!(host.groups.is_empty());
    assert_eq!(host.connection(), Connection::Local, "over `[all:vars] ansible_connection=ssh`");
    let value = |name: &str| match host.var(name) {
        Some(Var::Value(v)) => Some(v.clone()),
        _ => None,
    };
    assert_eq!(value("site"), Some(json!("lab")));
    assert_eq!(value("backup_target"), Some(json!("/srv/backup")));
    assert_eq!(value("local_only"), Some(json!(1)));
    assert_eq!(value("tier"), None, "no group's but `all`'s");
    assert_eq!(value("orphan"), None, "not `ungrouped`'s");
    // host_vars/localhost.yml is localhost's alone.
    let v6 = &inventory().select(&HostPattern::parse("::1").unwrap())[0].clone();
    assert!(v6.var("local_only").is_none());
}

#[test]
fn an_inventory_localhost_answers_for_every_localhost_name() {
    let env = TestEnvironment::new();
    env.write("hosts.ini", "web1\n\n[ctl]\n127.0.0.1 role=controller\n::1 role=v6\n");
    let inv = Inventory::load(&env.work_dir().join("hosts.ini")).unwrap();
    assert!(inv.implicit.is_empty());
    assert_eq!(select(&inv, "localhost"), ["127.0.0.1"], "the first such host of the inventory");
    assert_eq!(select(&inv, "::1"), ["::1"]);
    assert_eq!(select(&inv, "!localhost"), ["web1", "::1"]);
    assert_eq!(select(&inv, "all"), ["web1", "127.0.0.1", "::1"]);
}

#[test]
fn mb_hosts_and_audit_reach_it_locally() {
    let env = TestEnvironment::new();
    let inv = fixture("inventory-localhost").join("hosts.ini").display().to_string();
    let out = env.run(["hosts", "-i", &inv, "--json"]);
    let listed = out.json();
    let names: Vec<&str> = listed.as_array().unwrap().iter().filter_map(|h| h["name"].as_str()).collect();
    assert_eq!(names, ["nas", "web1"], "{out}");
    let out = env.run(["hosts", "-i", &inv, "localhost", "--json"]);
    let host = &out.json()[0];
    assert_eq!(
        (&host["name"], &host["implicit"], &host["connection"], &host["groups"]),
        (&json!("localhost"), &json!(true), &json!("local"), &json!([])),
        "{out}"
    );
    env.write(
        "rules/controller.md",
        "```mb-check\nid: backup-target\nhosts: localhost\nprobe:\n  var: backup_target\nexpect:\n  equals: /srv/backup\n```\n\n\
         ```mb-check\nid: runs-here\nhosts: localhost\nprobe:\n  command: echo here\nexpect:\n  equals: here\n```\n",
    );
    let out = env.run(["audit", "-i", &inv, "--format", "json", "--no-save"]);
    assert_eq!(out.code(), Some(0), "{out}");
    let report = out.json();
    assert_eq!(
        report["hosts"],
        json!([{"name": "localhost", "status": "ok", "error": null, "duration_ms": report["hosts"][0]["duration_ms"]}])
    );
    let passed = report["findings"].as_array().unwrap().iter().filter(|f| f["status"] == "pass").count();
    assert_eq!(passed, 2, "{report}");
}
