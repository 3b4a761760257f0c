//! Ansible inventories as mb reads them: INI and YAML, group_vars and host_vars, variable
//! precedence, vault values, and host patterns.

use mb::inventory::{Connection, HostPattern, Inventory, Var};

use crate::common::{TestEnvironment, copy_tree, fixture, repo_root};

fn ini() -> Inventory {
    Inventory::load(&fixture("inventory-ini/hosts.ini")).unwrap()
}

fn names(hosts: Vec<&mb::inventory::Host>) -> Vec<&str> {
    hosts.iter().map(|h| h.name.as_str()).collect()
}

fn select<'a>(inv: &'a Inventory, pattern: &str) -> Vec<&'a str> {
    names(inv.select(&HostPattern::parse(pattern).unwrap()))
}

#[test]
fn ini_hosts_groups_and_ranges() {
    let inv = ini();
    let all: Vec<&str> = inv.hosts.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(all, ["bastion", "nas1", "zd1", "zd2", "zd3"]);
    let zd2 = inv.host("zd2").unwrap();
    assert_eq!(zd2.groups, ["all", "prod", "proxmox"]);
    assert_eq!(inv.host("bastion").unwrap().groups, ["all", "ungrouped"]);
    assert_eq!(inv.host("bastion").unwrap().connection(), Connection::Local);
}

#[test]
fn an_ini_inventory_with_any_line_ending_reads_the_same() {
    // Ansible splits an INI inventory's lines as Python does: at `\n`, `\r\n` or a lone `\r`.
    let lf = std::fs::read_to_string(fixture("inventory-ini/hosts.ini")).unwrap();
    let view = |inv: &Inventory| -> Vec<(String, Vec<String>, u16)> {
        inv.hosts.iter().map(|h| (h.name.clone(), h.groups.clone(), h.port())).collect()
    };
    let expected = view(&ini());
    for ending in ["\r\n", "\r"] {
        let tmp = tempfile::tempdir().unwrap();
        copy_tree(&fixture("inventory-ini"), tmp.path());
        let path = tmp.path().join("hosts.ini");
        std::fs::write(&path, lf.replace('\n', ending)).unwrap();
        assert_eq!(view(&Inventory::load(&path).unwrap()), expected, "{ending:?}");
    }
}

#[test]
fn variables_merge_the_way_ansible_merges_them() {
    let inv = ini();
    let var = |host: &str, name: &str| inv.host(host).unwrap().var_text(name).ok();
    // all < parent group < child group < host; group_vars files over inventory-file vars.
    assert_eq!(var("zd1", "ansible_user").as_deref(), Some("root"));
    assert_eq!(var("nas1", "ansible_user").as_deref(), Some("backup"));
    assert_eq!(var("nas1", "timemachine_quota").as_deref(), Some("3T"));
    assert_eq!(var("zd1", "timemachine_quota").as_deref(), Some("2T"));
    assert_eq!(var("zd1", "role").as_deref(), Some("hypervisor"), "proxmox is a child of prod: it wins");
    assert_eq!(var("nas1", "role").as_deref(), Some("production"));
    assert_eq!(var("zd3", "role").as_deref(), Some("spare"), "host_vars win");
    assert_eq!(var("zd1", "cluster").as_deref(), Some("dev cluster"));
    assert_eq!(var("zd1", "manage_proxmox_repos").as_deref(), Some("false"));
    assert_eq!(inv.host("zd1").unwrap().port(), 2222);
    assert_eq!(inv.host("zd3").unwrap().port(), 22);
    assert_eq!(inv.host("zd1").unwrap().jump_host().as_deref(), Some("ops@bastion.example:2200"));
    assert_eq!(inv.host("zd1").unwrap().var("wg_private_key"), Some(&Var::Vault));
    let err = inv.host("zd1").unwrap().var_text("wg_private_key").unwrap_err();
    assert!(err.to_string().contains("vault-encrypted"), "{err}");
    // A host_vars file encrypted whole: a warning, not a crash.
    assert!(
        inv.warnings.iter().any(|w| w.contains("host_vars/zd2.yml") && w.contains("vault-encrypted")),
        "{:?}",
        inv.warnings
    );
}

#[test]
fn patterns_as_ansible_writes_them() {
    let inv = ini();
    assert_eq!(select(&inv, "all"), ["bastion", "nas1", "zd1", "zd2", "zd3"]);
    assert_eq!(select(&inv, "proxmox"), ["zd1", "zd2", "zd3"]);
    assert_eq!(select(&inv, "prod"), ["nas1", "zd1", "zd2", "zd3"]);
    assert_eq!(select(&inv, "zd*"), ["zd1", "zd2", "zd3"]);
    assert_eq!(select(&inv, "samba:proxmox"), ["nas1", "zd1", "zd2", "zd3"]);
    assert_eq!(select(&inv, "prod:&proxmox"), ["zd1", "zd2", "zd3"]);
    assert_eq!(select(&inv, "prod:!zd3"), ["nas1", "zd1", "zd2"]);
    // Ansible applies exclusions last, wherever they are written.
    assert_eq!(select(&inv, "!zd3:proxmox"), ["zd1", "zd2"]);
    assert_eq!(select(&inv, "~zd[12]"), ["zd1", "zd2"]);
    assert_eq!(select(&inv, "nas1,zd2"), ["nas1", "zd2"]);
    assert_eq!(select(&inv, "nosuch"), Vec::<&str>::new());
}

#[test]
fn bundled_yaml_inventory_and_mb_hosts() {
    let env = TestEnvironment::in_dir(repo_root());
    let out = env.run(["hosts", "--json"]);
    assert_eq!(out.code(), Some(0), "{out}");
    let hosts = out.json();
    let names: Vec<&str> = hosts.as_array().unwrap().iter().map(|h| h["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["nas1", "zd1", "zd2", "zd3", "ct1"]);
    let nas1 = &hosts[0];
    assert_eq!(nas1["address"], "127.0.0.11");
    assert!(nas1["checks"].as_array().unwrap().iter().any(|c| c == "samba-fruit-locking"));
    insta::assert_snapshot!("hosts_proxmox_not_zd3", env.run(["hosts", "proxmox:!zd3"]));
}

#[test]
fn broken_inventories_name_file_and_line() {
    let env = TestEnvironment::new();
    env.write("hosts.ini", "[web]\nweb1 port\n");
    let out = env.run(["hosts", "-i", "hosts.ini"]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("error[invalid-inventory]: `port` is not a key=value variable"), "{out}");
    assert!(out.stderr.contains("hosts.ini:2:1"), "{out}");
    env.write("hosts.yml", "all:\n  hosts:\n    a: [1, 2\n");
    let out = env.run(["hosts", "-i", "hosts.yml"]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("hosts.yml:"), "{out}");
}

#[test]
fn mb_hosts_script_shows_exactly_what_runs() {
    let out = TestEnvironment::in_dir(repo_root()).run(["hosts", "nas1", "--script"]);
    assert_eq!(out.code(), Some(0), "{out}");
    let script = &out.stdout;
    // One read of smb.conf serves every check that looks into it; values are quoted.
    assert_eq!(script.matches("mb_file ").count(), 1, "{script}");
    assert!(script.contains("mb_cmd 1 'systemctl is-enabled -- '\\''smbd'\\'''"), "{script}");
    assert!(script.contains("zfs get -Hp -o value -- '\\''refquota'\\'' '\\''tank/timemachine'\\''"), "{script}");
    // And it only reads: no redirection into a file, no rm, no mv.
    for line in script.lines().filter(|l| !l.starts_with('#')) {
        assert!(!line.contains("> /") && !line.contains(" rm ") && !line.contains(" mv "), "{line}");
    }
}
