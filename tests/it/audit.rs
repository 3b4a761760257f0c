//! `mb audit` over real SSH: a real OpenSSH sshd serving the example fleet (see
//! `tests/fleet/README.md` for each host's state and the outcome each check should have).

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::api::{EXAMPLE_SECRET, Pve, example_cluster};
use crate::common::{CommandOutput, TestEnvironment, copy_tree, repo_root};
use crate::fleet::{Fleet, FleetHost, Kind, Silent};

pub(crate) const NAS1: &str = "127.0.0.11";
pub(crate) const ZD1: &str = "127.0.0.21";
pub(crate) const ZD2: &str = "127.0.0.22";
pub(crate) const ZD3: &str = "127.0.0.23";
pub(crate) const CT1: &str = "127.0.0.31";

pub(crate) fn example_fleet() -> Vec<FleetHost> {
    vec![
        FleetHost { name: "nas1", address: NAS1, kind: Kind::Tree("nas1") },
        FleetHost { name: "zd1", address: ZD1, kind: Kind::Tree("zd1") },
        FleetHost { name: "zd2", address: ZD2, kind: Kind::Tree("zd2") },
        FleetHost { name: "ct1", address: CT1, kind: Kind::Tree("ct1") },
    ]
}

/// A copy of the example repository whose inventory points at the fleet; the fleet's folder
/// and port read `$FLEET` and `$PORT` in outputs.
pub(crate) struct Repo {
    pub(crate) env: TestEnvironment,
}

impl Repo {
    /// `hosts`: (name, group, address, port, extra YAML vars) — the inventory written.
    pub(crate) fn new(fleet: &Fleet, hosts: &[(&str, &str, &str, u16, &str)]) -> Repo {
        let mut env = TestEnvironment::new();
        env.add_replacement(fleet.dir.display().to_string(), "$FLEET");
        env.add_replacement(format!(":{}", fleet.port), ":$PORT");
        for sub in ["memory-bank", "rules", "ansible"] {
            copy_tree(&repo_root().join(sub), &env.work_dir().join(sub));
        }
        let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
        for (name, group, address, port, extra) in hosts {
            let mut host = format!(
                "        {name}:\n          ansible_host: {address}\n          ansible_port: {port}\n          ansible_user: root\n          ansible_ssh_private_key_file: {}\n",
                fleet.user_key.display()
            );
            for line in extra.lines().filter(|l| !l.is_empty()) {
                host.push_str(&format!("          {line}\n"));
            }
            match groups.iter_mut().find(|(g, _)| g == group) {
                Some((_, list)) => list.push(host),
                None => groups.push((group, vec![host])),
            }
        }
        let mut inventory = String::from("all:\n  children:\n");
        for (group, hosts) in groups {
            inventory.push_str(&format!("    {group}:\n      hosts:\n"));
            for h in hosts {
                inventory.push_str(&h);
            }
        }
        env.write("ansible/inventory/hosts.yml", inventory);
        env.write(
            "mb.toml",
            "inventory = \"ansible/inventory/hosts.yml\"\n[audit]\nconnect_timeout = 5\ntimeout = 20\n",
        );
        Repo { env }
    }

    pub(crate) fn path(&self) -> &Path {
        self.env.work_dir()
    }

    pub(crate) fn known_hosts(&self) -> PathBuf {
        self.path().join("known_hosts")
    }

    /// `mb audit --known-hosts KNOWN_HOSTS ARGS` (no SSH agent: the environment has none).
    pub(crate) fn run(&self, args: &[&str]) -> CommandOutput {
        let known_hosts = self.known_hosts().display().to_string();
        self.env.run([&["audit", "--known-hosts", &known_hosts], args].concat())
    }

    pub(crate) fn json(&self, args: &[&str]) -> (Option<i32>, Value) {
        let out = self.run(&[args, &["--format", "json"]].concat());
        (out.code(), out.json())
    }
}

/// The example's inventory with its Proxmox nodes' API pointed at a stand-in (`api`: YAML).
pub(crate) fn example_inventory_with_api<'a>(
    fleet: &Fleet,
    api: &'a str,
) -> Vec<(&'static str, &'static str, &'static str, u16, &'a str)> {
    vec![
        ("nas1", "samba", NAS1, fleet.port, ""),
        ("zd1", "proxmox", ZD1, fleet.port, api),
        ("zd2", "proxmox", ZD2, fleet.port, api),
        ("zd3", "proxmox", ZD3, fleet.port, api),
        ("ct1", "containers", CT1, fleet.port, ""),
    ]
}

fn example_inventory(fleet: &Fleet) -> Vec<(&'static str, &'static str, &'static str, u16, &'static str)> {
    vec![
        ("nas1", "samba", NAS1, fleet.port, ""),
        ("zd1", "proxmox", ZD1, fleet.port, ""),
        ("zd2", "proxmox", ZD2, fleet.port, ""),
        ("zd3", "proxmox", ZD3, fleet.port, ""),
        ("ct1", "containers", CT1, fleet.port, ""),
    ]
}

pub(crate) fn host<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["hosts"].as_array().unwrap().iter().find(|h| h["name"] == name).unwrap()
}

fn outcomes(report: &Value, host: &str) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["host"] == host && f["status"] != "pass")
        .map(|f| (f["check"].as_str().unwrap().to_string(), f["status"].as_str().unwrap().to_string()))
        .collect()
}

fn count(report: &Value, host: &str, status: &str) -> usize {
    report["findings"].as_array().unwrap().iter().filter(|f| f["host"] == host && f["status"] == status).count()
}

fn fails(list: &[&str]) -> Vec<(String, String)> {
    list.iter().map(|c| (c.to_string(), "fail".to_string())).collect()
}

/// The bundled example's whole fleet: its hosts behind the real sshd (their keys known), its
/// Proxmox cluster's API answered by the stand-in, and a copy of the repository pointed at both.
pub(crate) fn example_repo() -> (Fleet, Pve, Repo) {
    let fleet = Fleet::start(&example_fleet());
    let pve = Pve::start(example_cluster());
    let api = pve.vars();
    let mut repo = Repo::new(&fleet, &example_inventory_with_api(&fleet, &api));
    repo.env.set_env("MB_PVE_TOKEN_SECRET", EXAMPLE_SECRET);
    repo.env.add_replacement(format!(":{}", pve.port), ":$API_PORT");
    fleet.write_known_hosts(&repo.known_hosts(), &[NAS1, ZD1, ZD2, ZD3, CT1].map(|a| fleet.known_line(a)));
    (fleet, pve, repo)
}

#[test]
fn the_example_fleet_over_real_ssh() {
    let (_fleet, pve, repo) = example_repo();
    let (code, report) = repo.json(&[]);
    assert_eq!(code, Some(1), "drift was found: exit 1");
    for (name, status) in [("nas1", "ok"), ("zd1", "ok"), ("zd2", "ok"), ("zd3", "unreachable"), ("ct1", "ok")] {
        assert_eq!(host(&report, name)["status"], status, "{name}: {}", host(&report, name));
    }
    assert!(host(&report, "zd3")["error"].as_str().unwrap().contains("Connection refused"));

    // Drift, exactly where the fixtures put it (tests/fleet/README.md).
    let nas1_fail = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["host"] == "nas1" && f["check"] == "samba-fruit-locking")
        .unwrap();
    assert_eq!(
        (nas1_fail["status"].as_str(), nas1_fail["expected"].as_str(), nas1_fail["actual"].as_str()),
        (Some("fail"), Some("none"), Some("posix"))
    );
    assert_eq!(nas1_fail["rule"]["file"], "rules/samba.md");
    assert_eq!(nas1_fail["decision"]["file"], "memory-bank/activeContext.md");
    assert_eq!(outcomes(&report, "nas1"), fails(&["samba-fruit-locking"]));
    assert_eq!(count(&report, "nas1", "pass"), 13);
    let zd2_fails: Vec<_> = outcomes(&report, "zd2").into_iter().filter(|(_, s)| s == "fail").collect();
    assert_eq!(zd2_fails, fails(&["pve-fw-no-duplicate-rules", "pve-repo-no-enterprise", "wg-quick-enabled"]));
    assert_eq!(outcomes(&report, "ct1"), fails(&["indexer-data-owner"]));
    // The cluster's firewall, read once through its API, is judged on every reachable node.
    assert_eq!(
        (count(&report, "zd1", "pass"), count(&report, "zd1", "fail"), count(&report, "zd1", "skip")),
        (14, 0, 0)
    );
    // An unreachable host's probe checks are skipped; its inventory-variable check still runs.
    assert_eq!((count(&report, "zd3", "pass"), count(&report, "zd3", "skip")), (1, 12));
    let s = &report["summary"];
    assert_eq!(
        (s["hosts"].as_u64(), s["pass"].as_u64(), s["fail"].as_u64(), s["error"].as_u64(), s["skip"].as_u64()),
        (Some(5), Some(43), Some(5), Some(0), Some(12))
    );
    let asked: Vec<String> = pve.requests().into_iter().map(|(_, p)| p).collect();
    assert_eq!(asked.len(), 3, "three cluster endpoints, each asked once for three nodes: {asked:?}");

    // The human report, grouped by check, with each rule and decision.
    insta::assert_snapshot!("audit_example_fleet_human", repo.run(&["--no-save"]));
}

#[test]
fn replay_and_diff_after_a_fix() {
    let fleet = Fleet::start(&example_fleet());
    let repo = Repo::new(&fleet, &example_inventory(&fleet));
    fleet.write_known_hosts(&repo.known_hosts(), &[NAS1, ZD1, ZD2, CT1].map(|a| fleet.known_line(a)));
    let (_, first) = repo.json(&["-l", "nas1"]);
    // Someone fixes smb.conf by hand; the next audit sees it, the replay of the first does not.
    let conf = fleet.root_of("nas1").join("etc/samba/smb.conf");
    let fixed = std::fs::read_to_string(&conf).unwrap().replace("fruit:locking = posix", "fruit:locking = none");
    std::fs::write(&conf, fixed).unwrap();
    let (code, second) = repo.json(&["-l", "nas1"]);
    assert_eq!(code, Some(0), "{second}");
    let out = repo.env.run(["audit", "--replay", "2026-11-25T19-00-00Z", "-l", "nas1", "--format", "json"]);
    assert_eq!(out.code(), Some(1), "{out}");
    assert_eq!(out.json()["findings"], first["findings"]);
    assert_eq!(second["run"], "2026-11-25T19-00-00Z-2");
    let out = repo.env.run(["diff", "2026-11-25T19-00-00Z", "2026-11-25T19-00-00Z-2"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(out.stdout.contains("Resolved (1)") && out.stdout.contains("samba-fruit-locking  nas1"), "{out}");
}

#[test]
fn host_key_problems_fail_only_that_host() {
    let fleet = Fleet::start(&example_fleet());
    let repo = Repo::new(&fleet, &example_inventory(&fleet));
    // zd2 is not in known_hosts; ct1 is, with another key.
    fleet.write_known_hosts(
        &repo.known_hosts(),
        &[fleet.known_line(NAS1), fleet.known_line(ZD1), fleet.wrong_line(CT1)],
    );
    let (code, report) = repo.json(&["-l", "nas1:zd1:zd2:ct1"]);
    assert_eq!(code, Some(1));
    assert_eq!(host(&report, "nas1")["status"], "ok");
    assert_eq!(host(&report, "zd1")["status"], "ok");
    let unknown = host(&report, "zd2");
    assert_eq!(unknown["status"], "host_key_unknown");
    let msg = unknown["error"].as_str().unwrap();
    assert!(msg.contains("ssh-ed25519 SHA256:") && msg.contains("--accept-new-host-keys"), "{msg}");
    let changed = host(&report, "ct1");
    assert_eq!(changed["status"], "host_key_mismatch");
    let msg = changed["error"].as_str().unwrap();
    assert!(msg.contains("$TEST_ENV/repo/known_hosts:3"), "names file and line: {msg}");
    // Nothing was written into the user's files.
    assert_eq!(std::fs::read_to_string(repo.known_hosts()).unwrap().lines().count(), 3);
}

#[test]
fn accept_new_host_keys_records_them_in_mbs_own_file() {
    let fleet = Fleet::start(&example_fleet());
    let repo = Repo::new(&fleet, &example_inventory(&fleet));
    fleet.write_known_hosts(&repo.known_hosts(), &[]);
    let (_, report) = repo.json(&["-l", "nas1:zd1", "--accept-new-host-keys"]);
    assert_eq!(host(&report, "nas1")["status"], "ok");
    let own = std::fs::read_to_string(repo.path().join(".mb/known_hosts")).unwrap();
    assert_eq!(own.lines().filter(|l| !l.is_empty()).count(), 2, "{own}");
    // Recorded keys are trusted from now on, without the flag.
    let (_, report) = repo.json(&["-l", "nas1:zd1"]);
    assert_eq!(host(&report, "zd1")["status"], "ok");
    // A changed key is refused even with the flag.
    let tampered = own.replace(
        &fleet.known_line(NAS1)[fleet.known_line(NAS1).find(' ').unwrap()..],
        &fleet.wrong_line(NAS1)[fleet.wrong_line(NAS1).find(' ').unwrap()..],
    );
    std::fs::write(repo.path().join(".mb/known_hosts"), tampered).unwrap();
    let (_, report) = repo.json(&["-l", "nas1", "--accept-new-host-keys"]);
    assert_eq!(host(&report, "nas1")["status"], "host_key_mismatch");
}

#[test]
fn a_refused_key_is_auth_failed() {
    let fleet = Fleet::start(&example_fleet());
    let stranger = format!("ansible_ssh_private_key_file: {}", fleet.stranger_key.display());
    let repo = Repo::new(
        &fleet,
        &[("nas1", "samba", NAS1, fleet.port, stranger.as_str()), ("zd1", "proxmox", ZD1, fleet.port, "")],
    );
    fleet.write_known_hosts(&repo.known_hosts(), &[fleet.known_line(NAS1), fleet.known_line(ZD1)]);
    let (code, report) = repo.json(&[]);
    let nas1 = host(&report, "nas1");
    assert_eq!(nas1["status"], "auth_failed", "{nas1}");
    assert!(nas1["error"].as_str().unwrap().contains("root@127.0.0.11 refused every key"));
    assert_eq!(host(&report, "zd1")["status"], "ok");
    assert_eq!(code, Some(3), "no drift, but a host was not audited");
}

#[test]
fn hung_hosts_time_out_and_the_rest_finish() {
    let fleet = Fleet::start(&[
        FleetHost { name: "zd1", address: ZD1, kind: Kind::Tree("zd1") },
        FleetHost { name: "zd2", address: ZD2, kind: Kind::Hang },
    ]);
    let silent = Silent::start("127.0.0.24");
    let repo = Repo::new(
        &fleet,
        &[
            ("zd1", "proxmox", ZD1, fleet.port, ""),
            ("zd2", "proxmox", ZD2, fleet.port, ""),
            ("zd3", "proxmox", "127.0.0.24", silent.port, ""),
        ],
    );
    fleet.write_known_hosts(&repo.known_hosts(), &[fleet.known_line(ZD1), fleet.known_line(ZD2)]);
    let (code, report) = repo.json(&["--connect-timeout", "2", "--timeout", "4"]);
    assert_eq!(code, Some(3), "zd1 is clean, the others hung: no drift, audit incomplete");
    assert_eq!(host(&report, "zd1")["status"], "ok");
    let hung = host(&report, "zd2");
    assert_eq!(hung["status"], "timeout", "{hung}");
    let silent_host = host(&report, "zd3");
    assert_eq!(silent_host["status"], "timeout", "{silent_host}");
    assert!(silent_host["error"].as_str().unwrap().contains("did not complete the SSH handshake"));
}

#[test]
fn huge_output_is_capped() {
    let fleet = Fleet::start(&[FleetHost { name: "zd1", address: ZD1, kind: Kind::Huge }]);
    let repo = Repo::new(&fleet, &[("zd1", "proxmox", ZD1, fleet.port, "")]);
    fleet.write_known_hosts(&repo.known_hosts(), &[fleet.known_line(ZD1)]);
    let (code, report) = repo.json(&[]);
    assert_eq!(code, Some(3));
    let zd1 = host(&report, "zd1");
    assert_eq!(zd1["status"], "error");
    assert!(zd1["error"].as_str().unwrap().contains("more than 16 MiB"), "{zd1}");
}

#[test]
fn a_jump_host_carries_the_connection() {
    let fleet = Fleet::start(&example_fleet());
    let jump = format!("ansible_ssh_common_args: \"-o ProxyJump=root@{NAS1}:{}\"", fleet.port);
    let repo = Repo::new(&fleet, &[("zd1", "proxmox", ZD1, fleet.port, jump.as_str())]);
    // The jump host is authenticated with its own keys (here ssh's default one), as ssh -J
    // does, not with the target's ansible_ssh_private_key_file.
    std::fs::create_dir_all(repo.env.home().join(".ssh")).unwrap();
    std::fs::copy(&fleet.user_key, repo.env.home().join(".ssh/id_ed25519")).unwrap();
    fleet.write_known_hosts(&repo.known_hosts(), &[fleet.known_line(NAS1), fleet.known_line(ZD1)]);
    let (code, report) = repo.json(&[]);
    assert_eq!(host(&report, "zd1")["status"], "ok", "{report}");
    assert_eq!(code, Some(3), "clean, but no API answers the API checks here");
}

/// Regenerates `ansible/recorded-run.json`, the run the README replays, from the sshd fleet:
/// `MB_RECORD_EXAMPLE=1 cargo test --test it record_example_run -- --ignored`.
#[test]
#[ignore = "writes ansible/recorded-run.json; run it when the fleet or the rules change"]
fn record_example_run() {
    let (fleet, _pve, repo) = example_repo();
    let out = repo.run(&["--no-save", "--format", "json"]);
    assert_eq!(out.code(), Some(1), "{out}");
    let out = repo.run(&[]);
    assert_eq!(out.code(), Some(1), "{out}");
    let run = std::fs::read_to_string(repo.path().join(".mb/runs/2026-11-25T19-00-00Z.json")).unwrap();
    // The fleet's port is random; the example inventory says 22.
    let run = run.replace(&format!(":{}", fleet.port), ":22");
    if std::env::var_os("MB_RECORD_EXAMPLE").is_some() {
        std::fs::write(repo_root().join("ansible/recorded-run.json"), run).unwrap();
    }
}
