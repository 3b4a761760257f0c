//! Inventories read exactly as ansible-core reads them (each expectation below was checked
//! with `ansible-inventory --list` and `ansible PATTERN --list-hosts` on the same fixture,
//! `tests/fixtures/inventory-ansible/`): folders and their ignore list, inventory-plugin
//! configs skipped with a warning, precedence with `ansible_group_priority`, `host_vars` with
//! dots and no extension, nested `group_vars` folders, merge keys, YAML 1.1 scalars,
//! `ansible_ssh_*` aliases, FQCN connections, `host:port` and IPv6 entries, templated
//! connection variables, unreadable ports, and host patterns.

use mb::inventory::{Connection, HostPattern, Inventory};
use serde_json::json;

use crate::common::{TestEnvironment, fixture};

fn inventory() -> Inventory {
    Inventory::load(&fixture("inventory-ansible")).unwrap()
}

fn value(inv: &Inventory, host: &str, var: &str) -> Option<serde_json::Value> {
    match inv.host(host)?.var(var)? {
        mb::inventory::Var::Value(v) => Some(v.clone()),
        mb::inventory::Var::Vault => None,
    }
}

fn select(inv: &Inventory, pattern: &str) -> Vec<String> {
    inv.select(&HostPattern::parse(pattern).unwrap()).iter().map(|h| h.name.clone()).collect()
}

#[test]
fn a_folder_loads_recursively_skipping_ignored_files_and_plugin_configs() {
    let inv = inventory();
    let mut names: Vec<&str> = inv.hosts.iter().map(|h| h.name.as_str()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "2001:db8::10",
            "badport",
            "badtmpl",
            "db1",
            "db2",
            "db3",
            "lonely",
            "proxied",
            "subhost",
            "tmpl",
            "web1.example.com",
            "web2"
        ]
    );
    assert!(inv.warnings.iter().any(|w| w.contains("03-proxmox.yml") && w.contains("plugin")), "{:?}", inv.warnings);
    // A host listed only under `all` is also `ungrouped`.
    assert_eq!(inv.host("lonely").unwrap().groups, ["all", "ungrouped"]);
}

#[test]
fn precedence_is_ansibles() {
    let inv = inventory();
    // group_vars/all.yml beats the inventory file's [web:vars].
    assert_eq!(value(&inv, "web1.example.com", "color"), Some(json!("all-file")));
    // ansible_group_priority: `low` (10) wins over `high` (1) despite the name order; it is
    // not a variable.
    assert_eq!(value(&inv, "db1", "tier"), Some(json!("low")));
    assert_eq!(value(&inv, "db1", "ansible_group_priority"), None);
    // host_vars/web1.example.com (dots, no extension), group_vars/web/nested/more.yml.
    assert_eq!(value(&inv, "web1.example.com", "role"), Some(json!("frontend")));
    assert_eq!(value(&inv, "web2", "from_nested"), Some(json!(true)));
    // Merge keys and YAML 1.1: yes is true, 0640 is octal.
    assert_eq!(value(&inv, "web2", "settings"), Some(json!({"retries": 5, "verbose": false})));
    assert_eq!(value(&inv, "web2", "managed"), Some(json!(true)));
    assert_eq!(value(&inv, "web2", "mode"), Some(json!(416)));
}

#[test]
fn connection_settings_as_ansible_gives_them_to_ssh() {
    let inv = inventory();
    let web1 = inv.host("web1.example.com").unwrap();
    assert_eq!((web1.address(), web1.port()), ("web1.example.com".to_string(), 2222));
    let v6 = inv.host("2001:db8::10").unwrap();
    assert_eq!((v6.address(), v6.port()), ("2001:db8::10".to_string(), 2200));
    let web2 = inv.host("web2").unwrap();
    assert_eq!((web2.address(), web2.port(), web2.user()), ("10.0.0.2".to_string(), 2201, Some("deploy".to_string())));
    assert_eq!(web2.connection(), Connection::Ssh);
    assert_eq!(inv.host("tmpl").unwrap().address(), "10.0.0.9");
    assert!(inv.host("tmpl").unwrap().reach_problem().is_none());
    let refused = |h: &str| inv.host(h).unwrap().reach_problem().unwrap_or_default();
    assert!(refused("badtmpl").contains("cannot be rendered"), "{}", refused("badtmpl"));
    assert!(refused("badport").contains("not a TCP port"), "{}", refused("badport"));
    // A ProxyCommand is run (see `ssh_routes`), not refused.
    assert!(inv.host("proxied").unwrap().proxy_command().is_some());
}

#[test]
fn patterns_select_as_ansible_does() {
    let inv = inventory();
    assert_eq!(select(&inv, "web[0]"), ["web1.example.com"]);
    assert_eq!(select(&inv, "web[-1]"), ["proxied"]);
    assert_eq!(select(&inv, "db[1:]"), ["db2", "db3"]);
    assert_eq!(select(&inv, "db[0:1]"), ["db1", "db2"]);
    assert_eq!(select(&inv, "~b"), ["badtmpl", "badport"], "a regex matches at the start");
    assert_eq!(select(&inv, "&db"), ["db1", "db2", "db3"]);
    assert_eq!(select(&inv, "!db").len(), 9);
    assert!(select(&inv, "web1.example.com:2222").is_empty(), "an address with a port is one term");
    assert_eq!(select(&inv, "lonely::subhost"), ["lonely", "subhost"], "empty terms are ignored");
}

#[test]
fn hosts_json_shows_merged_variables_and_why_a_host_is_refused() {
    let env = TestEnvironment::new();
    let out = env.run(["hosts", "-i", &fixture("inventory-ansible").display().to_string(), "--json"]);
    let hosts = out.json();
    let find = |name: &str| hosts.as_array().unwrap().iter().find(|h| h["name"] == name).unwrap().clone();
    assert_eq!(find("web2")["vars"]["settings"], json!({"retries": 5, "verbose": false}));
    assert_eq!(find("web1.example.com")["port"], 2222);
    assert!(find("badport")["problem"].as_str().unwrap().contains("not a TCP port"));
    assert!(out.stderr.contains("03-proxmox.yml"), "{}", out.stderr);
}

#[test]
fn a_vars_file_that_is_no_mapping_fails_its_hosts_naming_it_unless_it_is_empty() {
    let env = TestEnvironment::new();
    env.write("inv/hosts.ini", "[web]\nweb1\nweb2\nweb3\n");
    // What a symlink becomes when checked out as a file: the target's name as the content.
    env.write("inv/host_vars/web1.yml", "web-common.yml\n");
    // As ansible-playbook: that host fails, naming the file; the others are audited.
    let out = env.run(["hosts", "-i", "inv/hosts.ini", "--json"]);
    assert_eq!(out.code(), Some(0), "{out}");
    let hosts = out.json();
    let problem = hosts[0]["problem"].as_str().unwrap_or_default();
    assert!(
        problem.contains("inv/host_vars/web1.yml:1: a vars file must hold a mapping of variables, found text"),
        "{problem}"
    );
    assert_eq!((&hosts[1]["problem"], &hosts[2]["problem"]), (&json!(null), &json!(null)));
    assert!(out.stderr.contains("inv/host_vars/web1.yml:1") && out.stderr.contains("not audited"), "{}", out.stderr);
    env.write(
        "rules/web.md",
        "```mb-check\nid: named\nhosts: web\nprobe:\n  var: inventory_hostname\nexpect:\n  present: true\n```\n",
    );
    let out = env.run(["audit", "-i", "inv/hosts.ini", "--format", "json", "--no-save"]);
    assert_eq!(out.code(), Some(3), "no drift, but not every host audited: {out}");
    let report = out.json();
    let status: Vec<&str> = report["hosts"].as_array().unwrap().iter().map(|h| h["status"].as_str().unwrap()).collect();
    assert_eq!(status, ["error", "ok", "ok"]);
    assert!(report["hosts"][0]["error"].as_str().unwrap().contains("host_vars/web1.yml:1"), "{report}");
    let judged: Vec<&str> =
        report["findings"].as_array().unwrap().iter().map(|f| f["status"].as_str().unwrap()).collect();
    assert_eq!(judged, ["skip", "pass", "pass"], "web1's variables are not guessed");
    // A list in a group_vars folder fails every host of the group, never merged.
    env.write("inv/host_vars/web1.yml", "role: frontend\n");
    env.write("inv/group_vars/web/10-list.yml", "- not\n- variables\n");
    let inv = Inventory::load(&env.work_dir().join("inv/hosts.ini")).unwrap();
    for host in &inv.hosts {
        let problem = host.vars_problem.as_deref().unwrap_or_default();
        assert!(problem.contains("group_vars/web/10-list.yml:1") && problem.contains("found a list"), "{problem}");
    }
    // What Python finds false holds no variables (Ansible skips it): an empty list, false, 0, ''.
    std::fs::remove_file(env.work_dir().join("inv/group_vars/web/10-list.yml")).unwrap();
    env.write("inv/group_vars/web/10-empty.yml", "[]\n");
    env.write("inv/host_vars/web2", "false\n");
    env.write("inv/host_vars/web3.yml", "''\n");
    env.write("inv/group_vars/all.yml", "0\n");
    let inv = Inventory::load(&env.work_dir().join("inv/hosts.ini")).unwrap();
    assert!(inv.hosts.iter().all(|h| h.vars_problem.is_none()));
    assert_eq!(value(&inv, "web1", "role"), Some(json!("frontend")));
    assert!(inv.host("web2").unwrap().vars.is_empty());
}
